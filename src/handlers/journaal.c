/* journaal.c - the household's contact log: new entries, an entry with all
 * its earlier versions, edits that keep the previous version, and the JSON
 * API.  The timeline on the household page and the page data of one entry
 * are in src/overzicht_zorg.c. */
#include <string.h>

#include "access.h"
#include "audit.h"
#include "db_journaal.h"
#include "domain.h"
#include "form.h"
#include "care.h"
#include "handlers.h"
#include "overzicht_zorg.h"

enum { J_SOORT, J_DATUM, J_TEKST, J_VERSIE, J_COUNT };
enum { J_NEW_COUNT = J_VERSIE, API_LIST_MAX = 200 };

/* The rule table (filled at run time: the kinds live in domain.c, see
 * netwerk.c). */
static void journaal_rules(struct field_rule out[J_COUNT])
{
	const struct field_rule rules[J_COUNT] = {
		[J_SOORT] = {.name = "soort", .label = "Soort contact", .kind = FIELD_CHOICE, .required = true,
		             .choices = vocab_journal_kind.codes},
		[J_DATUM] = {.name = "datum", .label = "Datum",
		             .kind = FIELD_DATE, .required = true, .date_flags = DATE_NOT_FUTURE},
		[J_TEKST] = {.name = "tekst", .label = "Verslag",
		             .kind = FIELD_TEXT, .required = true, .max_len = 20000},
		[J_VERSIE] = {.name = "versie", .label = "Versie",
		              .kind = FIELD_INT, .required = true, .min = 1, .max = INT64_MAX},
	};
	memcpy(out, rules, sizeof rules);
}

/* The new or edit form: j is the entry being edited (NULL: new for hh), v
 * the values to show (NULL: j's or empty), stored the entry as saved by
 * someone else after a refused save. */
static int render_form(struct req *r, db *d, int64_t hh, const struct journaal *j, struct field_value *v,
                       unsigned status, const char *alert, const struct journaal *stored)
{
	struct field_rule rules[J_COUNT];
	journaal_rules(rules);
	struct field_value own[J_COUNT];
	if (!v) {
		form_validate(r->arena, NULL, rules, J_COUNT, own);
		for (int i = 0; i < J_COUNT; i++)
			own[i].error = NULL;
		char today[11];
		date_today(today);
		own[J_DATUM].text = arena_strdup(r->arena, today);
		if (j) {
			own[J_SOORT].text = j->kind;
			own[J_DATUM].text = j->entry_date;
			own[J_TEKST].text = j->body;
			own[J_VERSIE].text = arena_printf(r->arena, "%lld", (long long)j->version);
		}
		v = own;
	}
	json_t *data = json_object();
	if (care_household(r, d, hh, data) != DB_OK) {
		json_decref(data);
		return -1;
	}
	form_to_page(data, rules, j ? J_COUNT : J_NEW_COUNT, v);
	json_t *fields = json_object_get(data, "field");
	json_object_set_new(json_object_get(fields, "soort"), "options",
	                    care_options(&vocab_journal_kind, v[J_SOORT].text));
	if (stored) {
		if (strcmp(stored->kind, v[J_SOORT].text) != 0)
			json_object_set_new(json_object_get(fields, "soort"), "stored",
			                    json_string(vocab_label(&vocab_journal_kind, stored->kind)));
		if (strcmp(stored->entry_date, v[J_DATUM].text) != 0)
			json_object_set_new(json_object_get(fields, "datum"), "stored", json_string(stored->entry_nl));
		if (strcmp(stored->body, v[J_TEKST].text) != 0)
			json_object_set_new(json_object_get(fields, "tekst"), "stored", json_string(stored->body));
	}
	if (alert)
		json_object_set_new(data, "alert", json_string(alert));
	json_object_set_new(data, "edit", json_boolean(j != NULL));
	json_object_set_new(data, "action", json_string(
		j ? arena_printf(r->arena, "/journaal/%lld/bewerken", (long long)j->id)
		  : arena_printf(r->arena, "/huishoudens/%lld/journaal/nieuw", (long long)hh)));
	if (j)
		json_object_set_new(data, "entry_id", json_integer(j->id));
	return reply_page(r, status, "journaal-formulier", j ? "Journaalregel bewerken" : "Journaalregel toevoegen",
	                  data);
}

int h_journaal_new_form(struct req *r)
{
	int64_t hh = req_param_id(r, 0);
	struct hh_access_info acc;
	if (require_household(r, hh, "journaal.form", "huishouden", hh, &acc) != 0)
		return 0;
	db *d = db_get();
	return d ? render_form(r, d, hh, NULL, NULL, 200, NULL, NULL) : -1;
}

/* Inserts a validated entry for hh with its audit row; *id gets its id. */
static enum db_status store_new(struct req *r, db *d, int64_t hh, const struct field_value *v,
                                const struct hh_access_info *acc, int64_t *id)
{
	if (db_begin(d) != 0)
		return DB_ERROR;
	enum db_status s = db_journaal_insert(d, hh, v[J_SOORT].text, v[J_DATUM].text, v[J_TEKST].text,
	                                      r->user->id, id);
	struct audit_entry e = {.medewerker_id = r->user->id, .action = "journaal.create",
	                        .object_type = "journaal", .object_id = *id, .huishouden_id = hh,
	                        .reason = acc->exception_reason, .client_addr = r->client_addr};
	if (s != DB_OK || (s = audit_append(d, &e)) != DB_OK || db_commit(d) != 0) {
		db_rollback(d);
		return s == DB_OK ? DB_ERROR : s;
	}
	return DB_OK;
}

/* A moreel beraad carries its participants, dilemma and decision in a row
 * of its own (src/handlers/moreel_beraad.c): an entry becomes or stops
 * being one only there.  Sets the error at the kind field; returns 1 when
 * it did.  stored_kind is NULL for a new entry. */
static int kind_change_error(const char *stored_kind, struct field_value *v)
{
	if (v[J_SOORT].error)
		return 0;
	bool was = stored_kind && strcmp(stored_kind, "moreel_beraad") == 0;
	bool becomes = strcmp(v[J_SOORT].text, "moreel_beraad") == 0;
	if (was == becomes)
		return 0;
	v[J_SOORT].error = was ? "Een moreel beraad blijft een moreel beraad; kies die soort."
	                       : "Leg een moreel beraad vast via Moreel beraad vastleggen, met de deelnemers, "
	                         "het dilemma en het besluit.";
	return 1;
}

int h_journaal_create(struct req *r)
{
	int64_t hh = req_param_id(r, 0);
	struct hh_access_info acc;
	if (require_household(r, hh, NULL, NULL, 0, &acc) != 0)
		return 0;
	db *d = db_get();
	if (!d)
		return -1;
	struct field_rule rules[J_COUNT];
	journaal_rules(rules);
	struct field_value *v = arena_alloc(r->arena, J_COUNT * sizeof *v);
	int errors = form_validate(r->arena, r->form, rules, J_NEW_COUNT, v);
	errors += kind_change_error(NULL, v);
	if (errors > 0)
		return render_form(r, d, hh, NULL, v, 422, NULL, NULL);
	int64_t id = 0;
	if (store_new(r, d, hh, v, &acc, &id) != DB_OK)
		return -1;
	return reply_redirect(r, arena_printf(r->arena, "/huishoudens/%lld#journaal", (long long)hh));
}

/* Loads entry id and checks access to its household; replies and returns
 * -1 when unknown or refused. */
static int load_entry(struct req *r, db *d, int64_t id, const char *audit_action, struct journaal *j,
                      struct hh_access_info *acc)
{
	enum db_status s = db_journaal_get(d, r->arena, id, j);
	if (s == DB_NOT_FOUND) {
		reply_error(r, ERR_NOT_FOUND, "Deze journaalregel bestaat niet.");
		return -1;
	}
	if (s != DB_OK) {
		reply_error(r, ERR_INTERNAL, NULL);
		return -1;
	}
	return require_household(r, j->huishouden_id, audit_action, "journaal", id, acc);
}

int h_journaal_show(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct journaal j;
	struct hh_access_info acc;
	if (load_entry(r, d, req_param_id(r, 0), "journaal.view", &j, &acc) != 0)
		return 0;
	struct journaal_versie *vs;
	size_t n;
	json_t *data = json_object();
	if (db_journaal_versions(d, r->arena, j.id, &vs, &n) != DB_OK ||
	    care_household(r, d, j.huishouden_id, data) != DB_OK) {
		json_decref(data);
		return -1;
	}
	json_t *list = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(list, json_pack("{s:I, s:s, s:s, s:s, s:s}", "version", (json_int_t)vs[i].version,
		                                      "kind_label", vocab_label(&vocab_journal_kind, vs[i].kind),
		                                      "entry_nl", vs[i].entry_nl, "body", vs[i].body, "saved",
		                                      care_changed_by(r, vs[i].saved_by, vs[i].saved_at)));
	json_object_set_new(data, "entry", journaal_entry_page_json(r, &j));
	json_object_set_new(data, "has_versions", json_boolean(n > 0));
	json_object_set_new(data, "versions", list);
	return reply_page(r, 200, "journaal", arena_printf(r->arena, "Journaalregel van %s", j.entry_nl), data);
}

int h_journaal_edit_form(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct journaal j;
	struct hh_access_info acc;
	if (load_entry(r, d, req_param_id(r, 0), "journaal.view", &j, &acc) != 0)
		return 0;
	return render_form(r, d, j.huishouden_id, &j, NULL, 200, NULL, NULL);
}

static const char *conflict_message(struct req *r, const struct journaal *now)
{
	const char *who = care_changed_by(r, now->edited_by, now->edited_at);
	if (r->is_api)
		return arena_printf(r->arena, "Deze journaalregel is intussen gewijzigd door %s (nu versie %lld). "
		                              "Uw wijziging is niet opgeslagen.", who, (long long)now->version);
	return arena_printf(r->arena, "Deze journaalregel is intussen gewijzigd door %s. Uw wijziging is niet "
	                              "opgeslagen. Uw invoer staat hieronder; bij de velden die nu anders zijn "
	                              "opgeslagen ziet u wat er intussen is ingevuld. Controleer en sla opnieuw op.",
	                    who);
}

/* Saves an edit of entry j; DB_NOT_FOUND on a stale version with *now the
 * stored entry. */
static enum db_status store_edit(struct req *r, db *d, const struct journaal *j, const struct field_value *v,
                                 const struct hh_access_info *acc, struct journaal *now)
{
	if (db_begin(d) != 0)
		return DB_ERROR;
	enum db_status s = db_journaal_update(d, j->id, v[J_VERSIE].id, v[J_SOORT].text, v[J_DATUM].text,
	                                      v[J_TEKST].text, r->user->id);
	if (s == DB_NOT_FOUND) {
		db_rollback(d);
		return db_journaal_get(d, r->arena, j->id, now) == DB_OK ? DB_NOT_FOUND : DB_ERROR;
	}
	struct audit_entry e = {.medewerker_id = r->user->id, .action = "journaal.update",
	                        .object_type = "journaal", .object_id = j->id, .huishouden_id = j->huishouden_id,
	                        .reason = acc->exception_reason, .client_addr = r->client_addr};
	if (s != DB_OK || audit_append(d, &e) != DB_OK || db_commit(d) != 0) {
		db_rollback(d);
		return DB_ERROR;
	}
	return DB_OK;
}

int h_journaal_update(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct journaal j;
	struct hh_access_info acc;
	if (load_entry(r, d, req_param_id(r, 0), NULL, &j, &acc) != 0)
		return 0;
	struct field_rule rules[J_COUNT];
	journaal_rules(rules);
	struct field_value *v = arena_alloc(r->arena, J_COUNT * sizeof *v);
	int errors = form_validate(r->arena, r->form, rules, J_COUNT, v);
	errors += kind_change_error(j.kind, v);
	if (errors > 0) {
		if (v[J_VERSIE].error)
			return reply_error(r, ERR_BAD_REQUEST, "Het formulier mist de versie. Laad de pagina opnieuw.");
		return render_form(r, d, j.huishouden_id, &j, v, 422, NULL, NULL);
	}
	struct journaal now;
	enum db_status s = store_edit(r, d, &j, v, &acc, &now);
	if (s == DB_NOT_FOUND) {
		v[J_VERSIE].text = arena_printf(r->arena, "%lld", (long long)now.version);
		return render_form(r, d, j.huishouden_id, &now, v, 409, conflict_message(r, &now), &now);
	}
	if (s != DB_OK)
		return -1;
	return reply_redirect(r, arena_printf(r->arena, "/journaal/%lld", (long long)j.id));
}

/* ---- API ---------------------------------------------------------------- */

/* The API's representation; with_versions adds "versies" (earlier
 * versions, newest first).  NULL on a database error. */
static json_t *entry_api_json(struct req *r, db *d, const struct journaal *j, bool with_versions)
{
	char created[21];
	fmt_iso8601(j->created_at, created);
	json_t *o = json_pack("{s:I, s:I, s:s, s:s, s:s, s:{s:I, s:s}, s:s, s:I, s:b}", "id", (json_int_t)j->id,
	                      "huishouden_id", (json_int_t)j->huishouden_id, "soort", j->kind, "datum",
	                      j->entry_date, "tekst", j->body, "auteur", "id", (json_int_t)j->author_id,
	                      "naam", j->author, "aangemaakt_op", created, "versie", (json_int_t)j->version,
	                      "bewerkt", j->edited_at != 0);
	if (j->edited_at) {
		char at[21];
		fmt_iso8601(j->edited_at, at);
		json_object_set_new(o, "bewerkt_op", json_string(at));
		json_object_set_new(o, "bewerkt_door", j->edited_by ? json_string(j->edited_by) : json_null());
	}
	if (!with_versions)
		return o;
	struct journaal_versie *vs;
	size_t n;
	if (db_journaal_versions(d, r->arena, j->id, &vs, &n) != DB_OK) {
		json_decref(o);
		return NULL;
	}
	json_t *list = json_array();
	for (size_t i = 0; i < n; i++) {
		char at[21];
		fmt_iso8601(vs[i].saved_at, at);
		json_array_append_new(list, json_pack("{s:I, s:s, s:s, s:s, s:s, s:s}", "versie",
		                                      (json_int_t)vs[i].version, "soort", vs[i].kind, "datum",
		                                      vs[i].entry_date, "tekst", vs[i].body, "opgeslagen_door",
		                                      vs[i].saved_by, "opgeslagen_op", at));
	}
	json_object_set_new(o, "versies", list);
	return o;
}

static int reply_entry(struct req *r, db *d, unsigned status, int64_t id)
{
	struct journaal j;
	if (db_journaal_get(d, r->arena, id, &j) != DB_OK)
		return -1;
	json_t *o = entry_api_json(r, d, &j, true);
	return o ? reply_json(r, status, o) : -1;
}

int h_api_journaal_list(struct req *r)
{
	int64_t hh = req_param_id(r, 0);
	struct hh_access_info acc;
	if (require_household(r, hh, "journaal.list", "huishouden", hh, &acc) != 0)
		return 0;
	db *d = db_get();
	if (!d)
		return -1;
	struct journaal *j;
	size_t n;
	if (db_journaal_timeline(d, r->arena, hh, API_LIST_MAX, &j, &n) != DB_OK)
		return -1;
	json_t *list = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(list, entry_api_json(r, d, &j[i], false));
	return reply_json(r, 200, json_pack("{s:o}", "journaal", list));
}

int h_api_journaal_create(struct req *r)
{
	int64_t hh = req_param_id(r, 0);
	struct hh_access_info acc;
	if (require_household(r, hh, NULL, NULL, 0, &acc) != 0)
		return 0;
	db *d = db_get();
	if (!d)
		return -1;
	struct field_rule rules[J_COUNT];
	journaal_rules(rules);
	struct field_value v[J_COUNT];
	int errors = form_validate_json(r->arena, r->json, rules, J_NEW_COUNT, v);
	errors += kind_change_error(NULL, v);
	if (errors > 0)
		return reply_json_validation(r, form_errors_json(rules, J_NEW_COUNT, v));
	int64_t id = 0;
	if (store_new(r, d, hh, v, &acc, &id) != DB_OK || reply_entry(r, d, 201, id) != 0)
		return -1;
	reply_header(r, "Location", arena_printf(r->arena, "/api/v1/journaal/%lld", (long long)id));
	return 0;
}

int h_api_journaal_get(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct journaal j;
	struct hh_access_info acc;
	if (load_entry(r, d, req_param_id(r, 0), "journaal.view", &j, &acc) != 0)
		return 0;
	json_t *o = entry_api_json(r, d, &j, true);
	return o ? reply_json(r, 200, o) : -1;
}

int h_api_journaal_update(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct journaal j;
	struct hh_access_info acc;
	if (load_entry(r, d, req_param_id(r, 0), NULL, &j, &acc) != 0)
		return 0;
	struct field_rule rules[J_COUNT];
	journaal_rules(rules);
	struct field_value v[J_COUNT];
	int errors = form_validate_json(r->arena, r->json, rules, J_COUNT, v);
	errors += kind_change_error(j.kind, v);
	if (errors > 0)
		return reply_json_validation(r, form_errors_json(rules, J_COUNT, v));
	struct journaal now;
	enum db_status s = store_edit(r, d, &j, v, &acc, &now);
	if (s == DB_NOT_FOUND) {
		json_t *current = entry_api_json(r, d, &now, true);
		return current ? care_reply_conflict(r, conflict_message(r, &now), current) : -1;
	}
	if (s != DB_OK)
		return -1;
	return reply_entry(r, d, 200, j.id);
}
