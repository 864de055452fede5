/* zoeken.c - one search box for households and persons: a name prefix
 * (case- and accent-insensitive), a BSN, a birth date, or a postcode with
 * house number.  Every signed-in case worker may search; every hit shows
 * name, birth date, address and regisseur and nothing more, for everyone.
 * A BSN is only accepted from a POSTed form (or the API), never from a
 * URL.  The search itself is zoek_run (src/zoek.c); this file holds the
 * search page. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "handlers.h"
#include "huishouden_form.h"
#include "sorteer.h"
#include "text.h"

static const struct field_rule rules[] = {
	{.name = "q", .label = "Zoekterm", .kind = FIELD_LINE, .max_len = 100},
};

static const char *kind_label(const char *kind)
{
	if (strcmp(kind, "bsn") == 0)
		return "BSN";
	if (strcmp(kind, "geboortedatum") == 0)
		return "geboortedatum";
	if (strcmp(kind, "adres") == 0)
		return "postcode en huisnummer";
	return "naam";
}

/* The hits sort by their columns when the search is in the address (a
 * posted BSN search is not: a sort link would lose it). */
static const struct sort_col hit_cols[] = {
	{"naam", "Naam", "name", SORT_TEXT, false},
	{"geboortedatum", "Geboortedatum", "birth_date", SORT_TEXT, false},
	{"adres", "Adres", "address", SORT_TEXT, false},
	{"regisseur", "Regisseur", "regisseur", SORT_TEXT, false},
};

static int search_page(struct req *r, const struct form *input, bool allow_bsn)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct field_value v[1];
	json_t *data = json_object();
	if (form_validate(r->arena, input, rules, 1, v) != 0) {
		page_add_fields(data, rules, 1, v);
		return reply_page(r, 422, "zoeken", "Zoeken", data);
	}
	const char *q = v[0].text;
	if (*q) {
		struct zoek_result zr;
		if (zoek_run(r, d, q, allow_bsn, &zr) != DB_OK) {
			json_decref(data);
			return -1;
		}
		if (zr.bsn)
			v[0].text = ""; /* a BSN is never echoed back */
		if (zr.bsn && !allow_bsn)
			zr.problem = "Zoek op BSN met het zoekformulier op deze pagina: dan komt het nummer niet "
			             "in het webadres terecht. Typ het BSN daar opnieuw.";
		if (zr.problem) {
			v[0].error = zr.problem;
			page_add_fields(data, rules, 1, v);
			return reply_page(r, 422, "zoeken", "Zoeken", data);
		}
		json_object_set_new(data, "searched", json_true());
		json_object_set_new(data, "kind_label", json_string(kind_label(zr.kind)));
		json_object_set_new(data, "count", json_integer((json_int_t)json_array_size(zr.hits)));
		json_object_set_new(data, "at_max", json_boolean(json_array_size(zr.hits) >= ZOEK_MAX));
		json_object_set_new(data, "has_hits", json_boolean(json_array_size(zr.hits) > 0));
		static const char *const keep[] = {"q", NULL};
		if (!allow_bsn &&
		    sort_apply(r, zr.hits, hit_cols, ARRAY_LEN(hit_cols), "sorteer", "/zoeken", keep, data, "kop") != 0) {
			json_decref(zr.hits);
			json_decref(data);
			return -1;
		}
		json_object_set_new(data, "hits", zr.hits);
	}
	page_add_fields(data, rules, 1, v);
	json_object_set_new(data, "max", json_integer(ZOEK_MAX));
	return reply_page(r, 200, "zoeken", "Zoeken", data);
}

int h_zoeken(struct req *r)
{
	return search_page(r, r->query, false);
}

int h_zoeken_post(struct req *r)
{
	return search_page(r, r->form, true);
}
