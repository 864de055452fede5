/* zoekformulier.c - which button of a page's one form was pressed (see
 * zoekformulier.h). */
#include "zoekformulier.h"

#include <string.h>

static const char *const actie_codes[] = {"opslaan", "zoeken", "enter", "ontkoppelen", NULL};
enum { A_OPSLAAN, A_ZOEKEN, A_ENTER, A_ONTKOPPELEN };

const struct field_rule zoekformulier_rules[ZF_COUNT] = {
	[ZF_ACTIE] = {.name = "actie", .label = "Actie", .kind = FIELD_CHOICE, .choices = actie_codes},
	[ZF_Q] = {.name = "q", .label = "Zoek het huishouden", .kind = FIELD_LINE, .max_len = 100},
	[ZF_GEZOCHT] = {.name = "gezocht", .label = "Gezocht", .kind = FIELD_LINE, .max_len = 100},
	[ZF_KOPPEL] = {.name = "koppel", .label = "Huishouden om te koppelen", .kind = FIELD_ID},
};

enum zf_act zoekformulier_actie(const struct field_value *x)
{
	if (!x[ZF_KOPPEL].error && x[ZF_KOPPEL].id)
		return ZF_KOPPELEN;
	if (x[ZF_ACTIE].error || !x[ZF_ACTIE].text[0])
		return ZF_OPSLAAN;
	switch (x[ZF_ACTIE].bits) {
	case A_ZOEKEN:
		return ZF_ZOEKEN;
	case A_ONTKOPPELEN:
		return ZF_ONTKOPPELEN;
	case A_ENTER:
		return x[ZF_Q].text[0] && strcmp(x[ZF_Q].text, x[ZF_GEZOCHT].text) != 0 ? ZF_ZOEKEN : ZF_OPSLAAN;
	default:
		return ZF_OPSLAAN;
	}
}

const char *zoekformulier_q(const struct field_value *x, enum zf_act act)
{
	if (act == ZF_ZOEKEN)
		return x[ZF_Q].error ? NULL : x[ZF_Q].text;
	return x[ZF_GEZOCHT].error || !x[ZF_GEZOCHT].text[0] ? NULL : x[ZF_GEZOCHT].text;
}
