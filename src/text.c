/* text.c - folding for search, BSN, postcodes, names and dates (see
 * text.h). */
#include "text.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ASCII replacements for U+00C0 .. U+017F, indexed by code point - 0xC0;
 * NULL keeps the character (the multiplication and division signs). */
static const char *const fold_latin[0x180 - 0xC0] = {
	/* U+00C0 */ "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
	/* U+00D0 */ "d", "n", "o", "o", "o", "o", "o", NULL, "o", "u", "u", "u", "u", "y", "th", "ss",
	/* U+00E0 */ "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
	/* U+00F0 */ "d", "n", "o", "o", "o", "o", "o", NULL, "o", "u", "u", "u", "u", "y", "th", "y",
	/* U+0100 */ "a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d",
	/* U+0110 */ "d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g",
	/* U+0120 */ "g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i",
	/* U+0130 */ "i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l",
	/* U+0140 */ "l", "l", "l", "n", "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o",
	/* U+0150 */ "o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s",
	/* U+0160 */ "s", "s", "t", "t", "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u",
	/* U+0170 */ "u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s",
};

/* Decodes one well-formed UTF-8 sequence at s; returns its length and the
 * code point, or 0 when the bytes are not a valid sequence. */
static size_t utf8_decode(const unsigned char *s, unsigned *cp)
{
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xE0) == 0xC0 && (s[1] & 0xC0) == 0x80) {
		*cp = ((unsigned)(s[0] & 0x1F) << 6) | (s[1] & 0x3F);
		return *cp >= 0x80 ? 2 : 0;
	}
	if ((s[0] & 0xF0) == 0xE0 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80) {
		*cp = ((unsigned)(s[0] & 0x0F) << 12) | ((unsigned)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
		return *cp >= 0x800 ? 3 : 0;
	}
	if ((s[0] & 0xF8) == 0xF0 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80 &&
	    (s[3] & 0xC0) == 0x80) {
		*cp = ((unsigned)(s[0] & 0x07) << 18) | ((unsigned)(s[1] & 0x3F) << 12) |
		      ((unsigned)(s[2] & 0x3F) << 6) | (s[3] & 0x3F);
		return *cp >= 0x10000 && *cp <= 0x10FFFF ? 4 : 0;
	}
	return 0;
}

static bool is_space(unsigned cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' ||
	       cp == 0xA0;
}

char *text_fold(arena *a, const char *s)
{
	strbuf sb = {0};
	bool pending_space = false;
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		unsigned cp;
		size_t n = utf8_decode(p, &cp);
		if (n == 0) { /* not UTF-8: copy the byte */
			if (pending_space && sb.len)
				sb_putc(&sb, ' ');
			pending_space = false;
			sb_putc(&sb, (char)*p++);
			continue;
		}
		const char *rep = NULL;
		char ascii[2] = {0, 0};
		if (is_space(cp)) {
			pending_space = true;
			p += n;
			continue;
		}
		if (cp >= 0x300 && cp <= 0x36F) { /* combining accent: drop */
			p += n;
			continue;
		}
		if (cp < 0x80) {
			ascii[0] = (char)(cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp);
			rep = ascii;
		} else if (cp >= 0xC0 && cp < 0x180) {
			rep = fold_latin[cp - 0xC0];
		} else if (cp == 0x2019) {
			rep = "'";
		}
		if (pending_space && sb.len)
			sb_putc(&sb, ' ');
		pending_space = false;
		if (rep)
			sb_puts(&sb, rep);
		else
			sb_append(&sb, (const char *)p, n);
		p += n;
	}
	char *out = arena_strdup(a, sb_str(&sb));
	sb_free(&sb);
	return out;
}

bool bsn_normalise(const char *s, char out[10])
{
	char digits[10];
	size_t n = 0;
	for (const char *p = s; *p; p++) {
		if (*p == ' ' || *p == '.')
			continue;
		if (*p < '0' || *p > '9' || n == 9)
			return false;
		digits[n++] = *p;
	}
	if (n == 8) {
		out[0] = '0';
		memcpy(out + 1, digits, 8);
	} else if (n == 9) {
		memcpy(out, digits, 9);
	} else {
		return false;
	}
	out[9] = '\0';
	return true;
}

bool text_has_bsn_run(const char *s)
{
	size_t run = 0;
	for (const char *p = s; *p; p++) {
		if (*p >= '0' && *p <= '9') {
			if (++run >= 8)
				return true;
		} else if (!((*p == ' ' || *p == '.') && run && p[1] >= '0' && p[1] <= '9')) {
			run = 0;
		}
	}
	return false;
}

bool bsn_valid(const char *bsn9)
{
	if (strlen(bsn9) != 9 || strspn(bsn9, "0123456789") != 9)
		return false;
	int sum = 0;
	bool all_zero = true;
	for (int i = 0; i < 9; i++) {
		int d = bsn9[i] - '0';
		sum += i < 8 ? d * (9 - i) : -d;
		if (d)
			all_zero = false;
	}
	return !all_zero && sum % 11 == 0;
}

bool postcode_normalise(const char *s, char out[8])
{
	char c[6];
	size_t n = 0;
	for (const char *p = s; *p; p++) {
		if (*p == ' ')
			continue;
		if (n == 6)
			return false;
		c[n++] = *p;
	}
	if (n != 6 || c[0] < '1' || c[0] > '9')
		return false;
	for (int i = 1; i < 4; i++)
		if (c[i] < '0' || c[i] > '9')
			return false;
	for (int i = 4; i < 6; i++) {
		if (c[i] >= 'a' && c[i] <= 'z')
			c[i] = (char)(c[i] - ('a' - 'A'));
		if (c[i] < 'A' || c[i] > 'Z')
			return false;
	}
	if (c[4] == 'S' && (c[5] == 'A' || c[5] == 'D' || c[5] == 'S'))
		return false;
	memcpy(out, c, 4);
	out[4] = ' ';
	out[5] = c[4];
	out[6] = c[5];
	out[7] = '\0';
	return true;
}

char *text_full_name(arena *a, const char *first, const char *prefix, const char *last)
{
	if (prefix && *prefix)
		return arena_printf(a, "%s %s %s", first, prefix, last);
	return arena_printf(a, "%s %s", first, last);
}

char *text_address(arena *a, const char *street, long long number, const char *suffix,
                   const char *postcode, const char *city)
{
	/* A single letter is a huisletter ("12a"); anything else is a
	 * toevoeging written after a hyphen ("12-2", "12-bis"). */
	const char *sep = "";
	if (!suffix)
		suffix = "";
	if (*suffix && !(strlen(suffix) == 1 && ((*suffix >= 'a' && *suffix <= 'z') ||
	                                         (*suffix >= 'A' && *suffix <= 'Z'))))
		sep = "-";
	return arena_printf(a, "%s %lld%s%s, %s %s", street, number, sep, suffix, postcode, city);
}

static bool iso_date_shape(const char *s)
{
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	return true;
}

void text_date_nl(const char *iso, char out[11])
{
	if (!iso_date_shape(iso)) {
		snprintf(out, 11, "%s", iso);
		return;
	}
	memcpy(out, iso + 8, 2);
	out[2] = '-';
	memcpy(out + 3, iso + 5, 2);
	out[5] = '-';
	memcpy(out + 6, iso, 4);
	out[10] = '\0';
}

int text_age_years(const char *born, const char *today)
{
	if (!iso_date_shape(born) || !iso_date_shape(today))
		return -1;
	int years = atoi(today) - atoi(born);
	/* "MM-DD" compares as text. */
	if (strcmp(today + 5, born + 5) < 0)
		years--;
	return years < 0 ? -1 : years;
}

char *text_count(arena *a, long long n, const char *one, const char *many)
{
	return arena_printf(a, "%lld %s", n, n == 1 ? one : many);
}

char *text_keep_numbers(arena *a, const char *s)
{
	size_t n = strlen(s), extra = 0;
	for (size_t i = 1; i + 1 < n; i++)
		extra += s[i] == '-' && isdigit((unsigned char)s[i - 1]) && isdigit((unsigned char)s[i + 1]);
	char *out = arena_alloc(a, n + 2 * extra + 1), *o = out;
	for (size_t i = 0; i < n; i++) {
		if (i > 0 && i + 1 < n && s[i] == '-' && isdigit((unsigned char)s[i - 1]) &&
		    isdigit((unsigned char)s[i + 1])) {
			memcpy(o, "\xe2\x80\x91", 3); /* U+2011 NON-BREAKING HYPHEN */
			o += 3;
		} else {
			*o++ = s[i];
		}
	}
	*o = '\0';
	return out;
}
