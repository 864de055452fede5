/* suppressie.c - "<5" for small numbers (include/suppressie.h). */
#include "suppressie.h"

const char SUPPRESSIE_TEKST[] = "<5";

bool suppressie_verborgen(bool suppress, int64_t persons)
{
	return suppress && persons < SUPPRESSIE_GRENS;
}

json_t *suppressie_json(bool suppress, int64_t value, int64_t persons)
{
	return suppressie_verborgen(suppress, persons) ? json_string(SUPPRESSIE_TEKST) : json_integer(value);
}
