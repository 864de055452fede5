/* melding.c - the meldingen in words (see melding.h). */
#include "melding.h"

#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "db_melding.h"
#include "form.h"
#include "signalen.h"

enum { CASE_ROLES = ROLE_CONSULENT | ROLE_GEBIEDSTEAM | ROLE_TEAMLEIDER };

static const char *str(json_t *row, const char *key)
{
	const char *s = json_string_value(json_object_get(row, key));
	return s ? s : "";
}

bool melding_applies(const struct req *r)
{
	return r->user && (r->user->roles & CASE_ROLES);
}

/* ---- the team's signals as meldingen for its teamleider (issue 16 item 4) ----
 *
 * From the dashboard's cached summary (signalen_summary: a minute per
 * team), so the count in every page's header stays cheap.  Each is keyed
 * so that "gelezen" sticks to that occurrence and a new one shows again:
 * growth by month and provider or product (yyyymm, 0 or 1, id), overlap by
 * the newest voorziening in it, an ending voorziening by its id. */
enum { SIGNALS_MAX = 100 }; /* per kind, as the other kinds */

static int64_t groei_key(const char *month, int per_product, int64_t id)
{
	int64_t ym = (int64_t)atoi(month) * 100 + atoi(month + 5); /* "2026-12" -> 202612 */
	return (ym * 10 + per_product) * INT64_C(100000000) + id;
}

/* Appends one signal melding of kind soort and key id to out unless read
 * (and include_read is false). */
static enum db_status add_signal(db *d, int64_t me, bool include_read, json_t *out, const char *soort, int64_t id,
                                 json_t *row)
{
	bool read = false;
	enum db_status s = db_melding_is_read(d, me, soort, id, &read);
	if (s != DB_OK || (read && !include_read)) {
		json_decref(row);
		return s;
	}
	json_object_set_new(row, "soort", json_string(soort));
	json_object_set_new(row, "id", json_integer(id));
	json_object_set_new(row, "gelezen", json_boolean(read));
	json_object_set_new(row, "at", json_integer(0));
	json_array_append_new(out, row);
	return DB_OK;
}

static enum db_status add_signals(struct req *r, db *d, bool include_read, json_t *out)
{
	json_t *sig = json_object();
	enum db_status s = signalen_summary(r, d, r->user->team_id, sig);
	char month[11];
	date_today(month); /* "YYYY-MM-DD": the month is its first seven */
	month[7] = '\0';
	static const struct { const char *list; int per_product; } groei[] = {
		{"groei_aanbieders", 0}, {"groei_producten", 1}};
	size_t i, n = 0;
	json_t *x;
	for (size_t k = 0; s == DB_OK && k < ARRAY_LEN(groei); k++)
		json_array_foreach(json_object_get(sig, groei[k].list), i, x) {
			if (s != DB_OK || n++ >= SIGNALS_MAX)
				break;
			int64_t key = groei_key(month, groei[k].per_product, json_integer_value(json_object_get(x, "id")));
			s = add_signal(d, r->user->id, include_read, out, "signaal_groei", key,
			               json_pack("{s:s, s:s, s:O, s:O, s:O, s:b}", "adres", str(x, "naam"), "maand", month,
			                         "deze_maand", json_object_get(x, "deze_maand"), "gemiddeld",
			                         json_object_get(x, "gemiddeld"), "stijging", json_object_get(x, "stijging"),
			                         "per_product", groei[k].per_product));
		}
	n = 0;
	json_array_foreach(json_object_get(sig, "overlap"), i, x) {
		if (s != DB_OK || n++ >= SIGNALS_MAX)
			break;
		s = add_signal(d, r->user->id, include_read, out, "signaal_overlap",
		               json_integer_value(json_object_get(x, "laatste")), json_deep_copy(x));
	}
	n = 0;
	json_array_foreach(json_object_get(sig, "tijdelijk"), i, x) {
		if (s != DB_OK || n++ >= SIGNALS_MAX)
			break;
		s = add_signal(d, r->user->id, include_read, out, "signaal_tijdelijk",
		               json_integer_value(json_object_get(x, "voorziening_id")), json_deep_copy(x));
	}
	json_decref(sig);
	return s;
}

enum db_status melding_rows(struct req *r, db *d, bool include_read, json_t **out)
{
	char today[11];
	date_today(today);
	struct melding_for who = {.me = r->user->id, .team_id = r->user->team_id, .today = today};
	enum db_status s = db_meldingen(d, &who, include_read, out);
	/* The team's signals, after the kinds about one's own cases. */
	if (s == DB_OK && (r->user->roles & ROLE_TEAMLEIDER) && r->user->team_id &&
	    (s = add_signals(r, d, include_read, *out)) != DB_OK) {
		json_decref(*out);
		*out = NULL;
	}
	return s;
}

/* titel, tekst and href of one melding, by its kind. */
static void words(json_t *m)
{
	const char *soort = str(m, "soort");
	json_int_t id = json_integer_value(json_object_get(m, "id"));
	json_int_t hh = json_integer_value(json_object_get(m, "huishouden_id"));
	json_t *t = json_object_get(m, "termijn");
	const char *titel = "";
	json_t *tekst = NULL, *href = NULL;
	char nl[11];
	if (strcmp(soort, "veiligheidszorg") == 0) {
		titel = "Nieuwe veiligheidszorg";
		fmt_date_nl(str(m, "gezien_op"), nl);
		tekst = json_sprintf("%s meldde een zorg over veiligheid, gezien op %s.", str(m, "door"), nl);
		href = json_sprintf("/huishoudens/%lld", (long long)hh);
	} else if (strcmp(soort, "termijn_verlopen") == 0 || strcmp(soort, "termijn_week") == 0) {
		titel = soort[8] == 'v' ? "Termijn verstreken" : "Termijn binnen een week";
		tekst = json_sprintf("%s: %s (uiterlijk %s).", str(t, "soort_label"), str(t, "tekst"), str(t, "deadline_nl"));
		href = json_sprintf("/aanmeldingen/%lld", (long long)id);
	} else if (strcmp(soort, "afspraak") == 0) {
		titel = "Afspraak in het plan over de datum";
		fmt_date_nl(str(m, "uiterlijk"), nl);
		tekst = json_sprintf("%s (uiterlijk %s).", str(m, "wat"), nl);
		href = json_sprintf("/huishoudens/%lld/plan", (long long)hh);
	} else if (strcmp(soort, "toegewezen") == 0) {
		titel = "Aanmelding aan u toegewezen";
		tekst = json_sprintf("%s heeft deze aanmelding aan u gegeven om op te pakken.", str(m, "door"));
		href = json_sprintf("/aanmeldingen/%lld", (long long)id);
	} else if (strcmp(soort, "verzoek") == 0) {
		titel = "Verzoek van een aanbieder";
		tekst = json_sprintf("%s vraagt %s. Beslis: toekennen of afwijzen.", str(m, "door"),
		                     strcmp(str(m, "verzoek_soort"), "317") == 0 ? "een wijziging van een toewijzing"
		                                                                  : "een toewijzing");
		href = json_sprintf("/verzoeken/%lld", (long long)id);
	} else if (strcmp(soort, "signaal_groei") == 0) {
		titel = "Signaal: sterke stijging deze maand";
		tekst = json_sprintf("%s %s: %lld nieuwe cliënten deze maand, gemiddeld %s in de drie maanden ervoor (%s).",
		                     json_is_true(json_object_get(m, "per_product")) ? "Product" : "Aanbieder", str(m, "adres"),
		                     (long long)json_integer_value(json_object_get(m, "deze_maand")), str(m, "gemiddeld"),
		                     str(m, "stijging"));
		href = json_string("/team/signalen#groei-kop");
	} else if (strcmp(soort, "signaal_overlap") == 0) {
		titel = "Signaal: mogelijke overlap";
		tekst = json_sprintf("%lld lopende maatwerkvoorzieningen in productcategorie %s van %s in dezelfde periode.",
		                     (long long)json_integer_value(json_object_get(m, "aantal")), str(m, "categorie"),
		                     str(m, "aanbieders"));
		href = json_string("/team/signalen#overlap-kop");
	} else if (strcmp(soort, "signaal_tijdelijk") == 0) {
		titel = "Signaal: loopt af zonder evaluatie";
		fmt_date_nl(str(m, "einddatum"), nl);
		tekst = json_sprintf("%s eindigt op %s; er staat voor die datum geen evaluatie gepland.", str(m, "product"), nl);
		href = json_string("/team/signalen#tijdelijk-kop");
	} else if (strcmp(soort, "overdracht") == 0) {
		titel = "Regie aan u overgedragen";
		tekst = json_object_get(m, "van")
		          ? json_sprintf("Door %s, van %s. Reden: %s", str(m, "door"), str(m, "van"), str(m, "reden"))
		          : json_sprintf("Door %s. Reden: %s", str(m, "door"), str(m, "reden"));
		href = json_sprintf("/huishoudens/%lld", (long long)hh);
	}
	json_object_set_new(m, "titel", json_string(titel));
	json_object_set_new(m, "tekst", tekst ? tekst : json_string(""));
	if (href)
		json_object_set_new(m, "href", href);
	char when[20] = "";
	if (json_integer_value(json_object_get(m, "at"))) /* a signal has no moment of its own */
		fmt_datetime_nl(json_integer_value(json_object_get(m, "at")), when);
	json_object_set_new(m, "wanneer", json_string(when));
}

enum db_status melding_list_fill(struct req *r, db *d, json_t *data, bool include_read)
{
	json_t *rows;
	enum db_status s = melding_rows(r, d, include_read, &rows);
	if (s != DB_OK)
		return s;
	json_int_t unread = 0;
	size_t i;
	json_t *m;
	json_array_foreach(rows, i, m) {
		words(m);
		if (!json_is_true(json_object_get(m, "gelezen")))
			unread++;
		/* Whoever may see the household's contents goes straight to the
		 * veiligheidszorg; others to the household's page (the bare fact
		 * and the regisseur). */
		if (strcmp(str(m, "soort"), "veiligheidszorg") == 0) {
			struct hh_access_info acc;
			if (access_household(r, json_integer_value(json_object_get(m, "huishouden_id")), &acc) != DB_OK) {
				json_decref(rows);
				return DB_ERROR;
			}
			if (acc.level == HH_FULL && !acc.by_exception)
				json_object_set_new(m, "href", json_sprintf("/veiligheidszorgen/%lld",
				                                            (long long)json_integer_value(json_object_get(m, "id"))));
		}
	}
	json_object_set_new(data, "has_meldingen", json_boolean(json_array_size(rows) > 0));
	json_object_set_new(data, "meldingen", rows);
	json_object_set_new(data, "meldingen_ongelezen", json_integer(unread));
	json_object_set_new(data, "has_ongelezen", json_boolean(unread > 0));
	return DB_OK;
}

enum db_status melding_is_current(struct req *r, db *d, const char *soort, int64_t id, bool *yes)
{
	*yes = false;
	json_t *rows;
	enum db_status s = melding_rows(r, d, false, &rows);
	if (s != DB_OK)
		return s;
	size_t i;
	json_t *m;
	json_array_foreach(rows, i, m) {
		if (strcmp(str(m, "soort"), soort) == 0 && json_integer_value(json_object_get(m, "id")) == id) {
			*yes = true;
			break;
		}
	}
	json_decref(rows);
	return DB_OK;
}

enum db_status melding_unread(struct req *r, int64_t *n)
{
	*n = 0;
	if (!melding_applies(r))
		return DB_OK;
	db *d = db_get();
	if (!d)
		return DB_ERROR;
	json_t *rows;
	enum db_status s = melding_rows(r, d, false, &rows);
	if (s != DB_OK)
		return s;
	*n = (int64_t)json_array_size(rows);
	json_decref(rows);
	return DB_OK;
}
