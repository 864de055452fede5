/* melding.c - the meldingen in words (see melding.h). */
#include "melding.h"

#include <string.h>

#include "access.h"
#include "db_melding.h"
#include "form.h"
#include "melding_signaal.h"

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

enum db_status melding_rows(struct req *r, db *d, bool include_read, json_t **out)
{
	char today[11];
	date_today(today);
	struct melding_for who = {.me = r->user->id, .team_id = r->user->team_id, .today = today};
	enum db_status s = db_meldingen(d, &who, include_read, out);
	/* The team's signals, after the kinds about one's own cases. */
	if (s == DB_OK && (s = melding_signaal_rows(r, d, include_read, *out)) != DB_OK) {
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
	/* The kinds about one's own cases, and the team's signals counted
	 * without building their rows. */
	char today[11];
	date_today(today);
	struct melding_for who = {.me = r->user->id, .team_id = r->user->team_id, .today = today};
	json_t *rows;
	enum db_status s = db_meldingen(d, &who, false, &rows);
	if (s != DB_OK)
		return s;
	int64_t signals = 0;
	s = melding_signaal_unread(r, d, &signals);
	*n = (int64_t)json_array_size(rows) + signals;
	json_decref(rows);
	return s;
}
