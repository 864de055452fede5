/* csv.c - see csv.h. */
#include "csv.h"

#include <string.h>

static bool starts_formula(const char *s)
{
	return s[0] && strchr("=+-@\t\r", s[0]) != NULL;
}

void csv_field(strbuf *sb, const char *s)
{
	const char *lead = starts_formula(s) ? "'" : "";
	if (!strpbrk(s, ";\"\r\n")) {
		sb_puts(sb, lead);
		sb_puts(sb, s);
		return;
	}
	sb_putc(sb, '"');
	sb_puts(sb, lead);
	for (; *s; s++) {
		if (*s == '"')
			sb_putc(sb, '"');
		sb_putc(sb, *s);
	}
	sb_putc(sb, '"');
}
