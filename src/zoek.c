/* zoek.c - the household and person search behind every search box
 * (include/zoek.h): reads a term as a name prefix (case- and
 * accent-insensitive), a BSN, a birth date, or a postcode with house
 * number, and searches.  Used by the search page (src/handlers/zoeken.c),
 * the API, a person's move, a signal's and a walk-in's household search. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "db_huishouden.h"
#include "form.h"
#include "text.h"
#include "util.h"
#include "zoek.h"

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Eight or nine digits, perhaps with spaces or dots between them. */
static bool bsn_shaped(const char *q)
{
	size_t digits = 0;
	for (const char *p = q; *p; p++) {
		if (is_digit(*p))
			digits++;
		else if (*p != ' ' && *p != '.')
			return false;
	}
	return digits == 8 || digits == 9;
}

/* "22-11-1970", "22/11/1970", "22.11.1970" or "1970-11-22" as ISO into
 * out when it is a real date. */
static bool parse_date(const char *q, char out[11])
{
	size_t n = strlen(q);
	if (n != 10)
		return false;
	char sep = q[2];
	if ((sep == '-' || sep == '/' || sep == '.') && q[5] == sep) {
		for (int i = 0; i < 10; i++)
			if (i != 2 && i != 5 && !is_digit(q[i]))
				return false;
		snprintf(out, 11, "%.4s-%.2s-%.2s", q + 6, q + 3, q);
	} else {
		memcpy(out, q, 11);
	}
	return date_valid_iso(out);
}

/* "3861AB 12", "3861 ab 12", "3861AB12", "3861 AB 12a" or just "3861 AB":
 * the normalised postcode and the house number (0 when absent). */
static bool parse_address(const char *q, char pc[8], int64_t *number)
{
	const char *p = q;
	char raw[7];
	for (int i = 0; i < 4; i++, p++) {
		if (!is_digit(*p))
			return false;
		raw[i] = *p;
	}
	while (*p == ' ')
		p++;
	for (int i = 4; i < 6; i++, p++) {
		if (!is_letter(*p))
			return false;
		raw[i] = *p;
	}
	raw[6] = '\0';
	if (!postcode_normalise(raw, pc))
		return false;
	while (*p == ' ')
		p++;
	*number = 0;
	if (!*p)
		return true;
	if (!is_digit(*p))
		return false;
	char *end;
	long long nr = strtoll(p, &end, 10);
	if (nr < 1 || nr > 99999)
		return false;
	*number = nr;
	return true;
}

static bool has_digit(const char *s)
{
	for (; *s; s++)
		if (is_digit(*s))
			return true;
	return false;
}

enum db_status zoek_run(struct req *r, db *d, const char *q, bool allow_bsn, struct zoek_result *out)
{
	*out = (struct zoek_result){0};
	char iso[11], pc[8], bsn[10];
	int64_t number = 0;
	/* A date first: "22.11.1970" has the eight digits of an old BSN too. */
	bool date = parse_date(q, iso);
	if (!date && !allow_bsn && text_has_bsn_run(q)) {
		/* From a URL: a BSN, also amid other text ("bsn 123456782"), is
		 * neither searched nor echoed. */
		out->bsn = true;
		out->kind = "bsn";
		out->problem = ZOEK_BSN_NOT_IN_URL;
		return DB_OK;
	}
	if (!date && bsn_shaped(q)) {
		out->bsn = true;
		out->kind = "bsn";
		if (!bsn_normalise(q, bsn) || !bsn_valid(bsn)) {
			out->problem = "Dit BSN bestaat niet: het voldoet niet aan de elfproef. Controleer het nummer.";
			return DB_OK;
		}
		out->hits = db_zoek_bsn(d, bsn);
	} else if (date) {
		out->kind = "geboortedatum";
		out->hits = db_zoek_geboortedatum(d, iso);
	} else if (parse_address(q, pc, &number)) {
		out->kind = "adres";
		out->hits = db_zoek_adres(d, pc, number);
	} else {
		out->kind = "naam";
		const char *folded = text_fold(r->arena, q);
		if (has_digit(folded)) {
			out->problem = "Typ een naam, een BSN (9 cijfers), een geboortedatum (zoals 22-11-1970) of "
			               "een postcode met huisnummer (zoals 3861 AB 12).";
			return DB_OK;
		}
		if (utf8_len(folded, strlen(folded)) < 2) {
			out->problem = "Typ minstens twee letters van de naam.";
			return DB_OK;
		}
		out->hits = db_zoek_naam(d, folded);
	}
	if (!out->hits)
		return DB_ERROR;
	if (audit_view(r, "zoeken", "persoon", 0, 0, NULL) != 0) {
		json_decref(out->hits);
		out->hits = NULL;
		return DB_ERROR;
	}
	size_t i;
	json_t *hit;
	json_array_foreach(out->hits, i, hit) {
		char nl[11];
		text_date_nl(json_string_value(json_object_get(hit, "birth_date")), nl);
		json_object_set_new(hit, "birth_date_nl", json_string(nl));
	}
	return DB_OK;
}
