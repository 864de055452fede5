/* spreekuur.c - spreekuren in the neighbourhood: the schedule (beheerder
 * and teamleider), this week's spreekuren and the spreekuur page for the
 * employee on duty, walk-ins (bezoeken) registered there in one POST with
 * a quick search, closing a walk-in as "informatie gegeven" or
 * "doorverwezen", and the JSON API for all of it.
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

/* ---- shared helpers ------------------------------------------------------- */

static const char *weekday_label(int64_t wd)
{
	return wd >= 1 && wd <= 7 ? vocab_weekday.labels[wd - 1] : "";
}

/* "HH:MM" with a real hour and minute. */
static bool time_ok(const char *t)
{
	return strlen(t) == 5 && t[0] >= '0' && t[0] <= '2' && t[1] >= '0' && t[1] <= '9' && t[2] == ':' &&
	       t[3] >= '0' && t[3] <= '5' && t[4] >= '0' && t[4] <= '9' && (t[0] < '2' || t[1] <= '3');
}

static bool is_teamleider(const struct req *r)
{
	return (r->user->roles & ROLE_TEAMLEIDER) != 0;
}

/* Labels for a spreekuur row (list or get) on a page. */
static void spreekuur_labels(json_t *row)
{
	json_object_set_new(row, "weekdag_label", json_string(weekday_label(sp_num(row, "weekdag"))));
	json_object_set_new(row, "locatie_soort_label",
	                    json_string(vocab_label(&vocab_location_kind, sp_str(row, "locatie_soort"))));
	const char *from = sp_str(row, "geldig_vanaf"), *until = sp_str(row, "geldig_tot");
	char nl[11];
	fmt_date_nl(from, nl);
	json_object_set_new(row, "geldig_vanaf_nl", json_string(nl));
	if (*until) {
		fmt_date_nl(until, nl);
		json_object_set_new(row, "geldig_tot_nl", json_string(nl));
	}
}

/* ---- the schedule ------------------------------------------------------------ */

enum { S_LOCATIE, S_WEEKDAG, S_BEGIN, S_EIND, S_VANAF, S_TOT, S_ACTIEF, S_VERSIE, S_COUNT };
static const struct field_rule schedule_rules[S_COUNT] = {
	[S_LOCATIE] = {.name = "locatie", .label = "Locatie", .kind = FIELD_ID, .required = true},
	[S_WEEKDAG] = {.name = "weekdag", .label = "Dag van de week",
	               .kind = FIELD_INT, .required = true, .min = 1, .max = 7},
	[S_BEGIN] = {.name = "begintijd", .label = "Begintijd", .kind = FIELD_LINE, .required = true, .max_len = 5},
	[S_EIND] = {.name = "eindtijd", .label = "Eindtijd", .kind = FIELD_LINE, .required = true, .max_len = 5},
	[S_VANAF] = {.name = "geldig_vanaf", .label = "Geldig vanaf", .kind = FIELD_DATE, .required = true},
	[S_TOT] = {.name = "geldig_tot", .label = "Geldig tot en met", .kind = FIELD_DATE},
	[S_ACTIEF] = {.name = "actief", .label = "Actief", .kind = FIELD_CHECKBOX},
	[S_VERSIE] = {.name = "versie", .label = "Versie",
	              .kind = FIELD_INT, .required = true, .min = 1, .max = INT64_MAX},
};

static const char SPREEKUUR_MISSING[] = "Dit spreekuur bestaat niet.";
static const char STAFF_REQUIRED[] = "Kies minstens één medewerker die het spreekuur houdt.";
static const char STAFF_UNKNOWN[] = "Kies alleen actieve medewerkers met de rol consulent of gebiedsteam.";

/* Who staffs the spreekuur, as posted: ids and the message when wrong. */
struct staff {
	int64_t *ids;
	size_t n;
	const char *error;
};

static bool staff_has(const struct staff *st, int64_t id)
{
	for (size_t i = 0; i < st->n; i++)
		if (st->ids[i] == id)
			return true;
	return false;
}

static void staff_add(struct req *r, struct staff *st, int64_t id, size_t *cap)
{
	if (staff_has(st, id))
		return;
	st->ids = arena_grow(r->arena, st->ids, st->n, cap, sizeof *st->ids);
	st->ids[st->n++] = id;
}

/* Reads medewerker_<id>=1 checkboxes from the form, or the "medewerkers"
 * array of ids from JSON, and checks each against who may staff. */
static void staff_read(struct req *r, db *d, struct staff *st)
{
	*st = (struct staff){0};
	size_t cap = 0;
	if (r->is_api) {
		json_t *list = json_object_get(r->json, "medewerkers");
		if (list && !json_is_array(list)) {
			st->error = "Verwacht een lijst van medewerkers (id's).";
			return;
		}
		size_t i;
		json_t *item;
		json_array_foreach(list, i, item) {
			if (!json_is_integer(item) || json_integer_value(item) <= 0) {
				st->error = STAFF_UNKNOWN;
				return;
			}
			staff_add(r, st, json_integer_value(item), &cap);
		}
	} else if (r->form) {
		for (size_t i = 0; i < r->form->n; i++) {
			const char *name = r->form->pairs[i].name;
			if (strncmp(name, "medewerker_", 11) != 0)
				continue;
			char *end;
			long long id = strtoll(name + 11, &end, 10);
			if (*end || id <= 0 || name[11] < '0' || name[11] > '9') {
				st->error = STAFF_UNKNOWN;
				return;
			}
			staff_add(r, st, id, &cap);
		}
	}
	if (st->n == 0) {
		st->error = STAFF_REQUIRED;
		return;
	}
	json_t *options = db_spreekuur_staff_options(d);
	for (size_t i = 0; i < st->n && !st->error; i++) {
		bool found = false;
		size_t k;
		json_t *o;
		json_array_foreach(options, k, o)
			found = found || sp_num(o, "id") == st->ids[i];
		if (!found)
			st->error = STAFF_UNKNOWN;
	}
	json_decref(options);
}

/* Checks beyond the table; current_locatie is the stored location of an
 * edit (it may have become inactive meanwhile).  Returns the errors it set. */
static int schedule_check(db *d, struct field_value *v, int64_t current_locatie)
{
	int errors = 0;
	if (!v[S_LOCATIE].error) {
		json_t *loc;
		if (db_locatie_get(d, v[S_LOCATIE].id, &loc) != DB_OK) {
			v[S_LOCATIE].error = "Kies een bestaande locatie.";
			errors++;
		} else {
			if (!json_is_true(json_object_get(loc, "actief")) && v[S_LOCATIE].id != current_locatie) {
				v[S_LOCATIE].error = "Deze locatie is niet meer actief. Kies een actieve locatie.";
				errors++;
			}
			json_decref(loc);
		}
	}
	if (!v[S_BEGIN].error && !time_ok(v[S_BEGIN].text)) {
		v[S_BEGIN].error = "Vul een tijd in als 09:30 (uren en minuten).";
		errors++;
	}
	if (!v[S_EIND].error && !time_ok(v[S_EIND].text)) {
		v[S_EIND].error = "Vul een tijd in als 11:00 (uren en minuten).";
		errors++;
	}
	if (!v[S_BEGIN].error && !v[S_EIND].error && strcmp(v[S_EIND].text, v[S_BEGIN].text) <= 0) {
		v[S_EIND].error = "De eindtijd moet na de begintijd liggen.";
		errors++;
	}
	if (!v[S_VANAF].error && !v[S_TOT].error && v[S_TOT].text[0] && strcmp(v[S_TOT].text, v[S_VANAF].text) < 0) {
		v[S_TOT].error = "De einddatum mag niet voor de begindatum liggen.";
		errors++;
	}
	return errors;
}

static void schedule_input(const struct field_value *v, const struct staff *st, struct spreekuur_input *in)
{
	*in = (struct spreekuur_input){.locatie_id = v[S_LOCATIE].id, .weekday = (int)v[S_WEEKDAG].id,
	                               .start = v[S_BEGIN].text, .end = v[S_EIND].text,
	                               .valid_from = v[S_VANAF].text, .valid_until = v[S_TOT].text,
	                               .active = v[S_ACTIEF].checked, .staff = st->ids, .nstaff = st->n};
}

/* Stores a validated schedule entry (id 0: new) with its audit row.
 * DB_NOT_FOUND on a stale version. */
static enum db_status schedule_store(struct req *r, db *d, int64_t id, const struct field_value *v,
                                     const struct staff *st, int64_t *saved)
{
	struct spreekuur_input in;
	schedule_input(v, st, &in);
	if (db_begin(d) != 0)
		return DB_ERROR;
	*saved = id;
	enum db_status s = id ? db_spreekuur_update(d, id, v[S_VERSIE].id, &in, r->user->id)
	                      : db_spreekuur_insert(d, &in, r->user->id, saved);
	struct audit_entry e = {.medewerker_id = r->user->id, .action = id ? "spreekuur.update" : "spreekuur.create",
	                        .object_type = "spreekuur", .object_id = *saved, .client_addr = r->client_addr};
	if (s != DB_OK || (s = audit_append(d, &e)) != DB_OK || db_commit(d) != 0) {
		db_rollback(d);
		return s == DB_OK ? DB_ERROR : s;
	}
	return DB_OK;
}

int h_spreekuur_schedule(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	if (audit_view(r, "spreekuur.list", "spreekuur", 0, 0, NULL) != 0)
		return -1;
	json_t *rows = db_spreekuur_list(d);
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row)
		spreekuur_labels(row);
	json_t *data = json_object();
	json_object_set_new(data, "has_rows", json_boolean(json_array_size(rows) > 0));
	json_object_set_new(data, "rows", rows);
	if (req_query(r, "opgeslagen"))
		json_object_set_new(data, "notice", json_string("Het spreekuur is opgeslagen."));
	return reply_page(r, 200, "spreekuur-rooster", "Spreekuren: rooster", data);
}

static int render_schedule_form(struct req *r, db *d, int64_t id, struct field_value *v, const struct staff *st,
                                unsigned status, const char *alert)
{
	json_t *data = json_object();
	form_to_page(data, schedule_rules, id ? S_COUNT : S_COUNT - 1, v);
	json_t *fields = json_object_get(data, "field");
	json_t *locs = db_locatie_list(d, false);
	json_t *keep = json_array();
	size_t i;
	json_t *o;
	json_array_foreach(locs, i, o) {
		bool sel = sp_num(o, "id") == v[S_LOCATIE].id;
		if (!json_is_true(json_object_get(o, "actief")) && !sel)
			continue;
		json_array_append_new(keep, json_pack("{s:I, s:s, s:s, s:b}", "id", (json_int_t)sp_num(o, "id"), "naam",
		                                      sp_str(o, "naam"), "gebied", sp_str(o, "gebied"), "selected", sel));
	}
	json_decref(locs);
	json_object_set_new(json_object_get(fields, "locatie"), "options", keep);
	json_t *days = json_array();
	for (int k = 0; vocab_weekday_codes[k]; k++)
		json_array_append_new(days, json_pack("{s:i, s:s, s:b}", "code", k + 1, "label", vocab_weekday.labels[k],
		                                      "selected", v[S_WEEKDAG].id == k + 1));
	json_object_set_new(json_object_get(fields, "weekdag"), "options", days);
	json_t *staff = db_spreekuur_staff_options(d);
	json_array_foreach(staff, i, o)
		json_object_set_new(o, "checked", json_boolean(st && staff_has(st, sp_num(o, "id"))));
	json_object_set_new(data, "staff", staff);
	if (st && st->error) {
		json_object_set_new(data, "staff_error", json_string(st->error));
		form_add_error(data, "medewerkers", "Wie houdt het spreekuur", st->error);
	}
	json_object_set_new(data, "edit", json_boolean(id != 0));
	json_object_set_new(data, "action", json_string(id ? arena_printf(r->arena, "/beheer/spreekuren/%lld/bewerken",
	                                                                  (long long)id)
	                                                   : "/beheer/spreekuren/nieuw"));
	if (alert)
		json_object_set_new(data, "alert", json_string(alert));
	return reply_page(r, status, "spreekuur-formulier", id ? "Spreekuur wijzigen" : "Nieuw spreekuur", data);
}

static struct field_value *schedule_blank(struct req *r)
{
	struct field_value *v = arena_alloc(r->arena, S_COUNT * sizeof *v);
	form_validate(r->arena, NULL, schedule_rules, S_COUNT, v);
	for (int i = 0; i < S_COUNT; i++)
		v[i].error = NULL;
	return v;
}

int h_spreekuur_new_form(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	if (audit_view(r, "spreekuur.form", "spreekuur", 0, 0, NULL) != 0)
		return -1;
	struct field_value *v = schedule_blank(r);
	char today[11];
	date_today(today);
	v[S_VANAF].text = arena_strdup(r->arena, today);
	v[S_ACTIEF].checked = true;
	return render_schedule_form(r, d, 0, v, NULL, 200, NULL);
}

/* Form values and staff of a stored spreekuur. */
static struct field_value *schedule_from_row(struct req *r, const json_t *row, struct staff *st)
{
	struct field_value *v = schedule_blank(r);
	v[S_LOCATIE].id = sp_num(row, "locatie_id");
	v[S_LOCATIE].text = arena_printf(r->arena, "%lld", (long long)v[S_LOCATIE].id);
	v[S_WEEKDAG].id = sp_num(row, "weekdag");
	v[S_WEEKDAG].text = arena_printf(r->arena, "%lld", (long long)v[S_WEEKDAG].id);
	v[S_BEGIN].text = arena_strdup(r->arena, sp_str(row, "begintijd"));
	v[S_EIND].text = arena_strdup(r->arena, sp_str(row, "eindtijd"));
	v[S_VANAF].text = arena_strdup(r->arena, sp_str(row, "geldig_vanaf"));
	v[S_TOT].text = arena_strdup(r->arena, sp_str(row, "geldig_tot"));
	v[S_ACTIEF].checked = json_is_true(json_object_get(row, "actief"));
	v[S_VERSIE].text = arena_printf(r->arena, "%lld", (long long)sp_num(row, "versie"));
	*st = (struct staff){0};
	size_t cap = 0, i;
	json_t *m;
	json_array_foreach(json_object_get(row, "medewerkers"), i, m)
		staff_add(r, st, sp_num(m, "id"), &cap);
	return v;
}

int h_spreekuur_edit_form(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	int64_t id = req_param_id(r, 0);
	json_t *row;
	enum db_status s = db_spreekuur_get(d, id, &row);
	if (s == DB_NOT_FOUND)
		return reply_error(r, ERR_NOT_FOUND, SPREEKUUR_MISSING);
	if (s != DB_OK)
		return -1;
	struct staff st;
	struct field_value *v = schedule_from_row(r, row, &st);
	json_decref(row);
	if (audit_view(r, "spreekuur.view", "spreekuur", id, 0, NULL) != 0)
		return -1;
	return render_schedule_form(r, d, id, v, &st, 200, NULL);
}

static const char STALE_SCHEDULE[] = "Iemand anders heeft dit spreekuur intussen gewijzigd. Uw wijziging is niet "
                                     "opgeslagen; uw invoer staat hieronder. Controleer en sla opnieuw op.";

/* The POSTed form (id 0: new) or the API's POST/PUT. */
static int schedule_save(struct req *r, int64_t id)
{
	db *d = db_get();
	if (!d)
		return -1;
	json_t *row = NULL;
	int64_t current_locatie = 0;
	if (id) {
		enum db_status s = db_spreekuur_get(d, id, &row);
		if (s == DB_NOT_FOUND)
			return reply_error(r, ERR_NOT_FOUND, SPREEKUUR_MISSING);
		if (s != DB_OK)
			return -1;
		current_locatie = sp_num(row, "locatie_id");
		json_decref(row);
	}
	size_t n = id ? S_COUNT : S_COUNT - 1;
	struct field_value *v = arena_alloc(r->arena, S_COUNT * sizeof *v);
	int errors = r->is_api ? form_validate_json(r->arena, r->json, schedule_rules, n, v)
	                       : form_validate(r->arena, r->form, schedule_rules, n, v);
	if (r->is_api && !json_object_get(r->json, "actief"))
		v[S_ACTIEF].checked = true; /* the API's default: a new spreekuur is held */
	if (id && !r->is_api && v[S_VERSIE].error)
		return reply_error(r, ERR_BAD_REQUEST, "Het formulier mist de versie. Laad de pagina opnieuw.");
	errors += schedule_check(d, v, current_locatie);
	struct staff st;
	staff_read(r, d, &st);
	if (errors || st.error) {
		if (!r->is_api)
			return render_schedule_form(r, d, id, v, &st, 422, NULL);
		json_t *fields = form_errors_json(schedule_rules, n, v);
		if (st.error)
			json_object_set_new(fields, "medewerkers", json_string(st.error));
		return reply_json_validation(r, fields);
	}
	int64_t saved = 0;
	enum db_status s = schedule_store(r, d, id, v, &st, &saved);
	if (s == DB_NOT_FOUND) {
		if (db_spreekuur_get(d, id, &row) != DB_OK)
			return reply_error(r, ERR_NOT_FOUND, SPREEKUUR_MISSING);
		if (r->is_api)
			return care_reply_conflict(r, STALE_SCHEDULE, row);
		v[S_VERSIE].text = arena_printf(r->arena, "%lld", (long long)sp_num(row, "versie"));
		json_decref(row);
		return render_schedule_form(r, d, id, v, &st, 409, STALE_SCHEDULE);
	}
	if (s != DB_OK)
		return -1;
	if (!r->is_api)
		return reply_redirect(r, "/beheer/spreekuren?opgeslagen=1");
	if (db_spreekuur_get(d, saved, &row) != DB_OK)
		return -1;
	reply_json(r, id ? 200 : 201, row);
	if (!id)
		reply_header(r, "Location", arena_printf(r->arena, "/api/v1/spreekuren/%lld", (long long)saved));
	return 0;
}

int h_spreekuur_create(struct req *r)
{
	return schedule_save(r, 0);
}

int h_spreekuur_update(struct req *r)
{
	return schedule_save(r, req_param_id(r, 0));
}

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
	return reply_page(r, 200, "spreekuur-week", "Spreekuren deze week", data);
}

/* ---- bezoeken: access, rows, audit ---------------------------------------- */

const char BEZOEK_MISSING[] = "Dit bezoek bestaat niet.";
static const char BEZOEK_FORBIDDEN[] = "Dit bezoek is alleen zichtbaar voor wie het vastlegde, wie het spreekuur "
                                       "houdt en teamleiders.";

static bool bezoek_visible(struct req *r, const json_t *b)
{
	return access_bezoek(r, sp_num(b, "geregistreerd_door_id"), sp_num(b, "spreekuur_id"));
}

/* Timestamps as the API gives them: ISO 8601 in UTC. */
void bezoek_api_times(json_t *b)
{
	char iso[21];
	static const char *const keys[] = {"geregistreerd_op", "gewijzigd_op"};
	for (size_t i = 0; i < ARRAY_LEN(keys); i++) {
		json_t *t = json_object_get(b, keys[i]);
		if (json_is_integer(t)) {
			fmt_iso8601(json_integer_value(t), iso);
			json_object_set_new(b, keys[i], json_string(iso));
		}
	}
}

void bezoek_page_labels(json_t *b)
{
	char when[20], nl[11];
	fmt_datetime_nl(sp_num(b, "geregistreerd_op"), when);
	json_object_set_new(b, "geregistreerd_op_nl", json_string(when));
	fmt_date_nl(sp_str(b, "datum"), nl);
	json_object_set_new(b, "datum_nl", json_string(nl));
	json_object_set_new(b, "uitkomst_label", json_string(vocab_label(&vocab_visit_outcome, sp_str(b, "uitkomst"))));
	json_object_set_new(b, "open", json_boolean(strcmp(sp_str(b, "uitkomst"), "open") == 0));
	json_object_set_new(b, "soort_label", json_string(vocab_label(&vocab_location_kind, sp_str(b, "locatie_soort"))));
}

/* Loads bezoek id and checks that r's user may see it; replies (404, 403)
 * and returns -1 otherwise.  *out is a new reference on success. */
int load_bezoek(struct req *r, db *d, int64_t id, json_t **out)
{
	enum db_status s = db_bezoek_get(d, id, out);
	if (s == DB_NOT_FOUND) {
		reply_error(r, ERR_NOT_FOUND, BEZOEK_MISSING);
		return -1;
	}
	if (s != DB_OK) {
		reply_error(r, ERR_INTERNAL, NULL);
		return -1;
	}
	if (!bezoek_visible(r, *out)) {
		json_decref(*out);
		*out = NULL;
		reply_error(r, ERR_FORBIDDEN, BEZOEK_FORBIDDEN);
		return -1;
	}
	return 0;
}

/* The walk-ins of spreekuur s on date that r's user may see. */
static json_t *visible_bezoeken(struct req *r, db *d, int64_t s, const char *date)
{
	bool all = is_teamleider(r) || db_spreekuur_staffed_by(d, s, r->user->id);
	return db_bezoek_list(d, s, date, all ? 0 : r->user->id);
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

/* The quick search of a spreekuur or walk-in page into data.search: {q,
 * problem} or {q, has_hits, count, hits}.  q came in a URL, so a BSN is
 * refused and not echoed.  0, or -1 on a database error. */
int spreekuur_add_search(struct req *r, db *d, const char *q, bool allow_bsn, json_t *data)
{
	struct zoek_result zr;
	if (zoek_run(r, d, q, allow_bsn, &zr) != DB_OK)
		return -1;
	json_t *search = json_object();
	json_object_set_new(search, "q", json_string(zr.bsn ? "" : q));
	if (zr.problem) {
		json_object_set_new(search, "problem", json_string(zr.problem));
	} else {
		json_object_set_new(search, "has_hits", json_boolean(json_array_size(zr.hits) > 0));
		json_object_set_new(search, "count", json_integer((json_int_t)json_array_size(zr.hits)));
		json_object_set_new(search, "hits", zr.hits);
	}
	json_object_set_new(data, "search", search);
	return 0;
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
