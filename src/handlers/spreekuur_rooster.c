/* spreekuur_rooster.c - the schedule of the spreekuren in the
 * neighbourhood (beheerder and teamleider): the list, a new spreekuur and
 * changing one (at its version), with the employees who staff it.  The
 * week and the spreekuur page are in spreekuur.c. */
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

/* "HH:MM" with a real hour and minute. */
static bool time_ok(const char *t)
{
	return strlen(t) == 5 && t[0] >= '0' && t[0] <= '2' && t[1] >= '0' && t[1] <= '9' && t[2] == ':' &&
	       t[3] >= '0' && t[3] <= '5' && t[4] >= '0' && t[4] <= '9' && (t[0] < '2' || t[1] <= '3');
}/* ---- the schedule ------------------------------------------------------------ */

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
