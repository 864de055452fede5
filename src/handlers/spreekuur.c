/* spreekuur.c - spreekuren in the neighbourhood: this week's spreekuren
 * and the spreekuur page for the employee on duty, walk-ins (bezoeken)
 * registered there in one POST with a quick search, and the JSON API for
 * spreekuren and their walk-ins.  The schedule (beheerder and teamleider)
 * is in spreekuur_rooster.c, one walk-in in bezoek.c, what they share in
 * src/spreekuur_shared.c.
 *
 * A bezoek is visible to the employee who registered it, the employees
 * staffing its spreekuur and teamleiders (docs/security.md).  The page is
 * kept light for a slow connection at a GP practice or food bank: no
 * extra assets, one form per task. */
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "audit.h"
#include "care.h"
#include "db_huishouden.h"
#include "db_spreekuur.h"
#include "domain.h"
#include "form.h"
#include "handlers.h"
#include "zoekformulier.h"
#include "huishouden_form.h"
#include "spreekuur_shared.h"

/* ---- this week ------------------------------------------------------------------ */

/* The Monday of the week of ?week= (any date in it), or of today.  Returns
 * false (and replies) when the parameter is not a date. */
static bool week_of(struct req *r, char monday[11])
{
	const char *q = req_query(r, "week");
	char today[11];
	date_today(today);
	if (q && spreekuur_week_monday(q, monday))
		return true;
	if (q) {
		if (r->is_api)
			reply_json_validation(r, json_pack("{s:s}", "week", "Geef een bestaande datum, zoals 2026-11-23."));
		else
			reply_error(r, ERR_BAD_REQUEST, "Deze week bestaat niet. Geef een datum als 2026-11-23.");
		return false;
	}
	return spreekuur_week_monday(today, monday);
}

int h_spreekuur_week(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	char monday[11], sunday[11], prev[11], next[11], nl_from[11], nl_to[11], today[11];
	if (!week_of(r, monday))
		return 0;
	spreekuur_date_add(monday, 6, sunday);
	spreekuur_date_add(monday, -7, prev);
	spreekuur_date_add(monday, 7, next);
	fmt_date_nl(monday, nl_from);
	fmt_date_nl(sunday, nl_to);
	date_today(today);
	if (audit_view(r, "spreekuur.week", "spreekuur", 0, 0, NULL) != 0)
		return -1;
	json_t *rows = db_spreekuur_week(d, r->user->id, monday, false);
	spreekuur_week_labels(rows);
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row)
		json_object_set_new(row, "vandaag", json_boolean(strcmp(sp_str(row, "datum"), today) == 0));
	json_t *data = json_pack("{s:s, s:s, s:s, s:s, s:b}", "week_van", nl_from, "week_tot", nl_to, "vorige", prev,
	                         "volgende", next, "has_spreekuren", json_array_size(rows) > 0);
	json_object_set_new(data, "spreekuren", rows);
	/* The title says which week (WCAG 2.4.2): "deze week" only for this one. */
	char this_monday[11];
	bool this_week = spreekuur_week_monday(today, this_monday) && strcmp(this_monday, monday) == 0;
	const char *title = this_week ? "Spreekuren deze week"
	                              : arena_printf(r->arena, "Spreekuren van %s tot en met %s", nl_from, nl_to);
	return reply_page(r, 200, "spreekuur-week", title, data);
}
/* ---- the spreekuur page and registering a walk-in ------------------------- */

enum { B_NAAM, B_VRAAG, B_CONTACT, B_TOESTEMMING, B_DATUM, B_HUISHOUDEN, B_COUNT };
static const struct field_rule bezoek_rules[B_COUNT] = {
	[B_NAAM] = {.name = "naam", .label = "Naam", .kind = FIELD_LINE, .max_len = 200},
	[B_VRAAG] = {.name = "vraag", .label = "Vraag", .kind = FIELD_TEXT, .required = true, .max_len = 2000},
	[B_CONTACT] = {.name = "contact", .label = "Hoe we de bezoeker bereiken", .kind = FIELD_LINE, .max_len = 200},
	[B_TOESTEMMING] = {.name = "toestemming_vervolg", .label = "Toestemming voor contact achteraf",
	                   .kind = FIELD_CHECKBOX},
	[B_DATUM] = {.name = "datum", .label = "Datum",
	             .kind = FIELD_DATE, .required = true, .date_flags = DATE_NOT_FUTURE},
	[B_HUISHOUDEN] = {.name = "huishouden", .label = "Huishouden", .kind = FIELD_ID},
};


/* Loads spreekuur id; replies 404 and returns -1 when it does not exist. */
static int load_spreekuur(struct req *r, db *d, int64_t id, json_t **out)
{
	enum db_status s = db_spreekuur_get(d, id, out);
	if (s == DB_NOT_FOUND) {
		reply_error(r, ERR_NOT_FOUND, SPREEKUUR_MISSING);
		return -1;
	}
	if (s != DB_OK) {
		reply_error(r, ERR_INTERNAL, NULL);
		return -1;
	}
	return 0;
}

/* Whether the spreekuur is held on date by its schedule. */
static bool held_on(const json_t *sp, const char *date)
{
	char monday[11], occurrence[11];
	if (!spreekuur_week_monday(date, monday) ||
	    !spreekuur_date_add(monday, (int)sp_num(sp, "weekdag") - 1, occurrence))
		return false;
	const char *until = sp_str(sp, "geldig_tot");
	return strcmp(occurrence, date) == 0 && strcmp(sp_str(sp, "geldig_vanaf"), date) <= 0 &&
	       (!*until || strcmp(until, date) >= 0);
}

/* Checks the visit date against the spreekuur's validity and the linked
 * household; returns the errors it set. */
static int bezoek_check(db *d, const json_t *sp, struct field_value *v)
{
	int errors = 0;
	if (!v[B_DATUM].error) {
		const char *until = sp_str(sp, "geldig_tot");
		if (strcmp(v[B_DATUM].text, sp_str(sp, "geldig_vanaf")) < 0 || (*until && strcmp(v[B_DATUM].text, until) > 0)) {
			v[B_DATUM].error = "Op deze datum bestond dit spreekuur niet. Kies een datum binnen de geldigheid "
			                   "van het spreekuur.";
			errors++;
		}
	}
	if (!v[B_HUISHOUDEN].error && v[B_HUISHOUDEN].id) {
		bool exists = false;
		if (db_huishouden_exists(d, v[B_HUISHOUDEN].id, &exists) != DB_OK || !exists) {
			v[B_HUISHOUDEN].error = "Dit huishouden bestaat niet. Zoek het opnieuw.";
			errors++;
		}
	}
	return errors;
}

/* Address and regisseur of household hh (what search shows everyone),
 * for the walk-in form's link; NULL when it does not exist. */
static const char *household_label(struct req *r, db *d, int64_t hh)
{
	struct huishouden h;
	if (db_huishouden_get(d, r->arena, hh, &h) != DB_OK)
		return NULL;
	return arena_printf(r->arena, "%s (regisseur: %s)", h.address, h.regisseur ? h.regisseur : "nog geen");
}

/* The spreekuur page for date with the walk-in form's values v (NULL: a
 * fresh form) and the quick search for q (NULL or "": none; posted: a BSN
 * may be searched, it is in no URL). */
static int render_spreekuur(struct req *r, db *d, json_t *sp, const char *date, struct field_value *v,
                            unsigned status, const char *q, bool posted)
{
	int64_t id = sp_num(sp, "id");
	struct field_value own[B_COUNT];
	if (!v) {
		form_validate(r->arena, NULL, bezoek_rules, B_COUNT, own);
		for (int i = 0; i < B_COUNT; i++)
			own[i].error = NULL;
		own[B_DATUM].text = date;
		const char *hh = req_query(r, "huishouden");
		struct field_value probe;
		static const struct field_rule hh_rule = {.name = "huishouden", .label = "Huishouden",
		                                          .kind = FIELD_ID};
		if (hh && form_validate(r->arena, r->query, &hh_rule, 1, &probe) == 0) {
			own[B_HUISHOUDEN] = probe;
		}
		v = own;
	}
	spreekuur_labels(sp);
	json_t *data = json_object();
	form_to_page(data, bezoek_rules, B_COUNT, v);
	if (v[B_HUISHOUDEN].id && !v[B_HUISHOUDEN].error) {
		const char *label = household_label(r, d, v[B_HUISHOUDEN].id);
		if (label)
			json_object_set_new(data, "link", json_pack("{s:I, s:s}", "id", (json_int_t)v[B_HUISHOUDEN].id,
			                                            "adres", label));
	}
	json_t *visits = visible_bezoeken(r, d, id, date);
	size_t i;
	json_t *b;
	json_array_foreach(visits, i, b)
		bezoek_page_labels(b);
	char nl[11], today[11];
	fmt_date_nl(date, nl);
	date_today(today);
	json_object_set_new(data, "spreekuur", sp);
	json_object_set_new(data, "datum", json_string(date));
	json_object_set_new(data, "datum_nl", json_string(nl));
	json_object_set_new(data, "is_today", json_boolean(strcmp(date, today) == 0));
	json_object_set_new(data, "not_held", json_boolean(!held_on(sp, date)));
	json_object_set_new(data, "has_bezoeken", json_boolean(json_array_size(visits) > 0));
	json_object_set_new(data, "bezoeken", visits);
	json_object_set_new(data, "mijn", json_boolean(db_spreekuur_staffed_by(d, id, r->user->id)));
	const char *registered = req_query(r, "vastgelegd");
	if (registered && status == 200) {
		char *end;
		long long bid = strtoll(registered, &end, 10);
		if (!*end && bid > 0)
			json_object_set_new(data, "registered", json_integer(bid));
	}
	if (q && *q) {
		if (spreekuur_add_search(r, d, q, posted, data) != 0) {
			json_decref(data);
			return -1;
		}
	}
	const char *title = arena_printf(r->arena, "Spreekuur %s", sp_str(sp, "locatie"));
	return reply_page(r, status, "spreekuur", title, data);
}

/* The ?datum= of a page, or today; false (replied) when it is not a date. */
static bool page_date(struct req *r, const char **out)
{
	const char *q = req_query(r, "datum");
	if (!q) {
		char today[11];
		date_today(today);
		*out = arena_strdup(r->arena, today);
		return true;
	}
	if (!date_valid_iso(q)) {
		if (r->is_api)
			reply_json_validation(r, json_pack("{s:s}", "datum", "Geef een bestaande datum, zoals 2026-11-26."));
		else
			reply_error(r, ERR_BAD_REQUEST, "Deze datum bestaat niet. Geef een datum als 2026-11-26.");
		return false;
	}
	*out = q;
	return true;
}

int h_spreekuur_page(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	int64_t id = req_param_id(r, 0);
	json_t *sp;
	const char *date;
	if (load_spreekuur(r, d, id, &sp) != 0)
		return 0;
	if (!page_date(r, &date)) {
		json_decref(sp);
		return 0;
	}
	if (audit_view(r, "spreekuur.view", "spreekuur", id, 0, NULL) != 0) {
		json_decref(sp);
		return -1;
	}
	const char *q = req_query(r, "q");
	if (q && (strlen(q) > 400 || !utf8_valid(q, strlen(q))))
		q = NULL;
	return render_spreekuur(r, d, sp, date, NULL, 200, q, false);
}

/* Stores a validated walk-in with its audit row. */
static enum db_status bezoek_store(struct req *r, db *d, int64_t s_id, const struct field_value *v, int64_t *id)
{
	struct bezoek_input in = {.spreekuur_id = s_id, .visit_date = v[B_DATUM].text, .visitor_name = v[B_NAAM].text,
	                          .question = v[B_VRAAG].text, .contact = v[B_CONTACT].text,
	                          .consent_follow_up = v[B_TOESTEMMING].checked, .huishouden_id = v[B_HUISHOUDEN].id};
	if (db_begin(d) != 0)
		return DB_ERROR;
	enum db_status s = db_bezoek_insert(d, &in, r->user->id, id);
	struct audit_entry e = {.medewerker_id = r->user->id, .action = "bezoek.create", .object_type = "bezoek",
	                        .object_id = *id, .huishouden_id = v[B_HUISHOUDEN].id, .client_addr = r->client_addr};
	if (s != DB_OK || (s = audit_append(d, &e)) != DB_OK || db_commit(d) != 0) {
		db_rollback(d);
		return s == DB_OK ? DB_ERROR : s;
	}
	return DB_OK;
}


/* Searching, linking a hit or unlinking on the spreekuur page: nothing is
 * registered, the page comes back with the walk-in as typed (no errors
 * yet) and the search. */
static int walk_in_kept(struct req *r, db *d, json_t *sp, struct field_value *v, const struct field_value *x,
                        enum zf_act act)
{
	for (int i = 0; i < B_COUNT; i++)
		v[i].error = NULL;
	if (act == ZF_ONTKOPPELEN) {
		v[B_HUISHOUDEN].id = 0;
		v[B_HUISHOUDEN].text = "";
	} else if (act == ZF_KOPPELEN) {
		v[B_HUISHOUDEN].id = x[ZF_KOPPEL].id;
		v[B_HUISHOUDEN].text = arena_printf(r->arena, "%lld", (long long)x[ZF_KOPPEL].id);
	}
	if (v[B_HUISHOUDEN].id && bezoek_check(d, sp, v) && v[B_HUISHOUDEN].error) {
		v[B_HUISHOUDEN].id = 0;
		v[B_HUISHOUDEN].text = "";
	}
	v[B_DATUM].error = NULL;
	char today[11];
	date_today(today);
	if (!date_valid_iso(v[B_DATUM].text))
		v[B_DATUM].text = arena_strdup(r->arena, today);
	return render_spreekuur(r, d, sp, v[B_DATUM].text, v, 200, zoekformulier_q(x, act), true);
}

int h_bezoek_create(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	int64_t id = req_param_id(r, 0);
	json_t *sp;
	if (load_spreekuur(r, d, id, &sp) != 0)
		return 0;
	struct field_value v[B_COUNT], x[ZF_COUNT] = {{.text = ""}};
	int errors;
	if (r->is_api) {
		/* The API's date defaults to today. */
		json_t *body = json_is_object(r->json) ? json_deep_copy(r->json) : json_object();
		if (!json_object_get(body, "datum")) {
			char today[11];
			date_today(today);
			json_object_set_new(body, "datum", json_string(today));
		}
		errors = form_validate_json(r->arena, body, bezoek_rules, B_COUNT, v);
		json_decref(body);
	} else {
		errors = form_validate(r->arena, r->form, bezoek_rules, B_COUNT, v);
		form_validate(r->arena, r->form, zoekformulier_rules, ZF_COUNT, x);
		enum zf_act act = zoekformulier_actie(x);
		if (act != ZF_OPSLAAN)
			return walk_in_kept(r, d, sp, v, x, act);
	}
	errors += bezoek_check(d, sp, v);
	if (errors) {
		if (r->is_api) {
			json_decref(sp);
			return reply_json_validation(r, form_errors_json(bezoek_rules, B_COUNT, v));
		}
		const char *date = v[B_DATUM].error ? NULL : v[B_DATUM].text;
		if (!date) {
			char today[11];
			date_today(today);
			date = arena_strdup(r->arena, today);
		}
		return render_spreekuur(r, d, sp, date, v, 422, x[ZF_Q].error ? NULL : x[ZF_Q].text, true);
	}
	json_decref(sp);
	int64_t bid = 0;
	if (bezoek_store(r, d, id, v, &bid) != DB_OK)
		return -1;
	if (r->is_api)
		return bezoek_api_reply(r, d, 201, bid);
	return reply_redirect(r, arena_printf(r->arena, "/spreekuren/%lld?datum=%s&vastgelegd=%lld", (long long)id,
	                                      v[B_DATUM].text, (long long)bid));
}

/* ---- API ---------------------------------------------------------------------- */

int h_api_spreekuur_list(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	if (!req_query(r, "week")) {
		if (audit_view(r, "spreekuur.list", "spreekuur", 0, 0, NULL) != 0)
			return -1;
		return reply_json(r, 200, json_pack("{s:o}", "spreekuren", db_spreekuur_list(d)));
	}
	char monday[11], sunday[11];
	if (!week_of(r, monday))
		return 0;
	spreekuur_date_add(monday, 6, sunday);
	if (audit_view(r, "spreekuur.week", "spreekuur", 0, 0, NULL) != 0)
		return -1;
	return reply_json(r, 200, json_pack("{s:s, s:s, s:o}", "week_van", monday, "week_tot", sunday, "spreekuren",
	                                     db_spreekuur_week(d, r->user->id, monday, false)));
}

int h_api_spreekuur_get(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	int64_t id = req_param_id(r, 0);
	json_t *sp;
	if (load_spreekuur(r, d, id, &sp) != 0)
		return 0;
	if (audit_view(r, "spreekuur.view", "spreekuur", id, 0, NULL) != 0) {
		json_decref(sp);
		return -1;
	}
	return reply_json(r, 200, sp);
}

int h_api_bezoek_list(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	int64_t id = req_param_id(r, 0);
	json_t *sp;
	const char *date;
	if (load_spreekuur(r, d, id, &sp) != 0)
		return 0;
	json_decref(sp);
	if (!page_date(r, &date))
		return 0;
	if (audit_view(r, "bezoek.list", "spreekuur", id, 0, NULL) != 0)
		return -1;
	json_t *list = visible_bezoeken(r, d, id, date);
	size_t i;
	json_t *b;
	json_array_foreach(list, i, b)
		bezoek_api_times(b);
	return reply_json(r, 200, json_pack("{s:s, s:o}", "datum", date, "bezoeken", list));
}
