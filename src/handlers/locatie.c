/* locatie.c - the beheerder maintains the places where gebiedsteams hold
 * their spreekuren (list, new, edit with an active flag; versioned), and
 * case workers read them through the API.  Not personal data, but every
 * view and change is audited like any other. */
#include <string.h>

#include "audit.h"
#include "db_huishouden.h"
#include "db_spreekuur.h"
#include "domain.h"
#include "form.h"
#include "handlers.h"

enum { L_NAAM, L_SOORT, L_GEBIED, L_ADRES, L_ACTIEF, L_VERSIE, L_COUNT };
static const struct field_rule rules[L_COUNT] = {
	[L_NAAM] = {.name = "naam", .label = "Naam", .kind = FIELD_LINE, .required = true, .max_len = 200},
	[L_SOORT] = {.name = "soort", .label = "Soort",
	             .kind = FIELD_CHOICE, .required = true, .choices = vocab_location_kind_codes},
	[L_GEBIED] = {.name = "gebied", .label = "Gebied", .kind = FIELD_ID, .required = true},
	[L_ADRES] = {.name = "adres", .label = "Adres", .kind = FIELD_LINE, .max_len = 200},
	[L_ACTIEF] = {.name = "actief", .label = "Actief", .kind = FIELD_CHECKBOX},
	[L_VERSIE] = {.name = "versie", .label = "Versie",
	              .kind = FIELD_INT, .required = true, .min = 1, .max = INT64_MAX},
};

static const char MISSING[] = "Deze locatie bestaat niet.";

static const char *str(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "";
}

static void add_labels(json_t *rows)
{
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row)
		json_object_set_new(row, "soort_label", json_string(vocab_label(&vocab_location_kind, str(row, "soort"))));
}

int h_locatie_list(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	if (audit_view(r, "locatie.list", "locatie", 0, 0, NULL) != 0)
		return -1;
	json_t *rows = db_locatie_list(d, false);
	add_labels(rows);
	json_t *data = json_object();
	json_object_set_new(data, "has_rows", json_boolean(json_array_size(rows) > 0));
	json_object_set_new(data, "rows", rows);
	if (req_query(r, "opgeslagen"))
		json_object_set_new(data, "notice", json_string("De wijziging is opgeslagen."));
	return reply_page(r, 200, "locaties", "Locaties", data);
}

/* The new (id 0) or edit form with values v. */
static int render_form(struct req *r, db *d, int64_t id, struct field_value *v, unsigned status, const char *alert)
{
	json_t *data = json_object();
	form_to_page(data, rules, id ? L_COUNT : L_COUNT - 1, v);
	json_t *fields = json_object_get(data, "field");
	json_t *kinds = json_array();
	for (int k = 0; vocab_location_kind_codes[k]; k++)
		json_array_append_new(kinds, json_pack("{s:s, s:s, s:b}", "code", vocab_location_kind_codes[k], "label",
		                                       vocab_location_kind.labels[k],
		                                       "selected", strcmp(v[L_SOORT].text, vocab_location_kind_codes[k]) == 0));
	json_object_set_new(json_object_get(fields, "soort"), "options", kinds);
	json_t *gebieden = db_gebied_list(d);
	size_t i;
	json_t *g;
	json_array_foreach(gebieden, i, g)
		json_object_set_new(g, "selected", json_boolean(json_integer_value(json_object_get(g, "id")) == v[L_GEBIED].id));
	json_object_set_new(json_object_get(fields, "gebied"), "options", gebieden);
	json_object_set_new(data, "edit", json_boolean(id != 0));
	json_object_set_new(data, "action", json_string(id ? arena_printf(r->arena, "/beheer/locaties/%lld/bewerken", (long long)id)
	                                                   : "/beheer/locaties/nieuw"));
	if (alert)
		json_object_set_new(data, "alert", json_string(alert));
	return reply_page(r, status, "locatie-formulier", id ? "Locatie wijzigen" : "Nieuwe locatie", data);
}

/* Empty values, or those of a stored row. */
static struct field_value *values_from(struct req *r, const json_t *row)
{
	struct field_value *v = arena_alloc(r->arena, L_COUNT * sizeof *v);
	form_validate(r->arena, NULL, rules, L_COUNT, v);
	for (int i = 0; i < L_COUNT; i++)
		v[i].error = NULL;
	v[L_ACTIEF].checked = true;
	if (!row)
		return v;
	v[L_NAAM].text = arena_strdup(r->arena, str(row, "naam"));
	v[L_SOORT].text = arena_strdup(r->arena, str(row, "soort"));
	v[L_GEBIED].id = json_integer_value(json_object_get(row, "gebied_id"));
	v[L_GEBIED].text = arena_printf(r->arena, "%lld", (long long)v[L_GEBIED].id);
	v[L_ADRES].text = arena_strdup(r->arena, str(row, "adres"));
	v[L_ACTIEF].checked = json_is_true(json_object_get(row, "actief"));
	v[L_VERSIE].text = arena_printf(r->arena, "%lld", (long long)json_integer_value(json_object_get(row, "versie")));
	return v;
}

int h_locatie_new_form(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	if (audit_view(r, "locatie.form", "locatie", 0, 0, NULL) != 0)
		return -1;
	return render_form(r, d, 0, values_from(r, NULL), 200, NULL);
}

int h_locatie_edit_form(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	int64_t id = req_param_id(r, 0);
	json_t *row;
	enum db_status s = db_locatie_get(d, id, &row);
	if (s == DB_NOT_FOUND)
		return reply_error(r, ERR_NOT_FOUND, MISSING);
	if (s != DB_OK)
		return -1;
	struct field_value *v = values_from(r, row);
	json_decref(row);
	if (audit_view(r, "locatie.view", "locatie", id, 0, NULL) != 0)
		return -1;
	return render_form(r, d, id, v, 200, NULL);
}

/* Create (id 0) or update from the posted form. */
static int save(struct req *r, int64_t id)
{
	db *d = db_get();
	if (!d)
		return -1;
	json_t *row = NULL;
	if (id) {
		enum db_status s = db_locatie_get(d, id, &row);
		if (s == DB_NOT_FOUND)
			return reply_error(r, ERR_NOT_FOUND, MISSING);
		if (s != DB_OK)
			return -1;
		json_decref(row);
	}
	size_t n = id ? L_COUNT : L_COUNT - 1;
	struct field_value *v = arena_alloc(r->arena, L_COUNT * sizeof *v);
	int errors = form_validate(r->arena, r->form, rules, n, v);
	if (id && v[L_VERSIE].error)
		return reply_error(r, ERR_BAD_REQUEST, "Het formulier mist de versie. Laad de pagina opnieuw.");
	if (!v[L_GEBIED].error && !db_gebied_exists(d, v[L_GEBIED].id)) {
		v[L_GEBIED].error = "Kies een bestaand gebied.";
		errors++;
	}
	if (errors)
		return render_form(r, d, id, v, 422, NULL);
	struct locatie_input in = {.name = v[L_NAAM].text, .kind = v[L_SOORT].text, .gebied_id = v[L_GEBIED].id,
	                           .address = v[L_ADRES].text, .active = v[L_ACTIEF].checked};
	if (db_begin(d) != 0)
		return -1;
	int64_t saved = id;
	enum db_status s = id ? db_locatie_update(d, id, v[L_VERSIE].id, &in) : db_locatie_insert(d, &in, &saved);
	if (s == DB_CONSTRAINT) {
		db_rollback(d);
		v[L_NAAM].error = "Er is al een locatie met deze naam in dit gebied.";
		return render_form(r, d, id, v, 422, NULL);
	}
	if (s == DB_NOT_FOUND) {
		db_rollback(d);
		if (db_locatie_get(d, id, &row) != DB_OK)
			return reply_error(r, ERR_NOT_FOUND, MISSING);
		v[L_VERSIE].text = arena_printf(r->arena, "%lld", (long long)json_integer_value(json_object_get(row, "versie")));
		json_decref(row);
		return render_form(r, d, id, v, 409, "Iemand anders heeft deze locatie intussen gewijzigd. Uw wijziging is "
		                   "niet opgeslagen; uw invoer staat hieronder. Bekijk de lijst voor wat nu is opgeslagen, "
		                   "controleer en sla opnieuw op.");
	}
	struct audit_entry e = {.medewerker_id = r->user->id, .action = id ? "locatie.update" : "locatie.create",
	                        .object_type = "locatie", .object_id = saved, .client_addr = r->client_addr};
	if (s != DB_OK || audit_append(d, &e) != DB_OK || db_commit(d) != 0) {
		db_rollback(d);
		return -1;
	}
	return reply_redirect(r, "/beheer/locaties?opgeslagen=1");
}

int h_locatie_create(struct req *r)
{
	return save(r, 0);
}

int h_locatie_update(struct req *r)
{
	return save(r, req_param_id(r, 0));
}

int h_api_locatie_list(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	if (audit_view(r, "locatie.list", "locatie", 0, 0, NULL) != 0)
		return -1;
	return reply_json(r, 200, json_pack("{s:o}", "locaties", db_locatie_list(d, req_query(r, "alle") == NULL)));
}
