/* toestemming.c - consent per person: record it, withdraw it (never
 * delete) and the JSON API.  The list on the household page and the page
 * data of one consent are in src/overzicht_zorg.c. */
#include <string.h>

#include "access.h"
#include "audit.h"
#include "db_toestemming.h"
#include "domain.h"
#include "form.h"
#include "care.h"
#include "handlers.h"
#include "overzicht_zorg.h"

enum { T_PARTIJ, T_GEGEVEN_OP, T_VASTGELEGD, T_COUNT };
enum { W_INGETROKKEN_OP, W_VERSIE, W_COUNT };

/* The rule table for new consent (filled at run time: the ways of
 * recording live in domain.c, see netwerk.c). */
static void consent_rules(struct field_rule out[T_COUNT])
{
	const struct field_rule rules[T_COUNT] = {
		[T_PARTIJ] = {.name = "partij", .label = "Partij of doel",
		              .kind = FIELD_LINE, .required = true, .max_len = 300},
		[T_GEGEVEN_OP] = {.name = "gegeven_op", .label = "Gegeven op", .kind = FIELD_DATE, .required = true,
		                  .date_flags = DATE_NOT_FUTURE},
		[T_VASTGELEGD] = {.name = "vastgelegd", .label = "Hoe de toestemming is gegeven",
		                  .kind = FIELD_CHOICE, .required = true,
		                  .choices = vocab_consent_how.codes},
	};
	memcpy(out, rules, sizeof rules);
}

static const struct field_rule withdraw_rules[W_COUNT] = {
	[W_INGETROKKEN_OP] = {.name = "ingetrokken_op", .label = "Ingetrokken op", .kind = FIELD_DATE, .required = true,
	                      .date_flags = DATE_NOT_FUTURE},
	[W_VERSIE] = {.name = "versie", .label = "Versie",
	              .kind = FIELD_INT, .required = true, .min = 1, .max = INT64_MAX},
};

/* Looks up person id and checks access to their household; replies and
 * returns -1 when unknown or refused. */
static int load_person(struct req *r, db *d, int64_t id, const char *audit_action, int64_t *hh,
                       const char **name, struct hh_access_info *acc)
{
	enum db_status s = db_toestemming_person(d, r->arena, id, hh, name);
	if (s == DB_NOT_FOUND) {
		reply_error(r, ERR_NOT_FOUND, "Deze persoon bestaat niet.");
		return -1;
	}
	if (s != DB_OK) {
		reply_error(r, ERR_INTERNAL, NULL);
		return -1;
	}
	return require_household(r, *hh, audit_action, "persoon", id, acc);
}

static int render_new(struct req *r, db *d, int64_t persoon_id, int64_t hh, const char *name,
                      struct field_value *v, unsigned status)
{
	struct field_rule rules[T_COUNT];
	consent_rules(rules);
	struct field_value own[T_COUNT];
	if (!v) {
		form_validate(r->arena, NULL, rules, T_COUNT, own);
		for (int i = 0; i < T_COUNT; i++)
			own[i].error = NULL;
		char today[11];
		date_today(today);
		own[T_GEGEVEN_OP].text = arena_strdup(r->arena, today);
		v = own;
	}
	struct toestemming *t;
	size_t n;
	json_t *data = json_object();
	if (care_household(r, d, hh, data) != DB_OK ||
	    db_toestemming_list(d, r->arena, persoon_id, 0, &t, &n) != DB_OK) {
		json_decref(data);
		return -1;
	}
	json_t *list = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(list, toestemming_page_json(&t[i]));
	form_to_page(data, rules, T_COUNT, v);
	json_object_set_new(json_object_get(json_object_get(data, "field"), "vastgelegd"), "options",
	                    care_options(&vocab_consent_how, v[T_VASTGELEGD].text));
	json_object_set_new(data, "person", json_pack("{s:I, s:s}", "id", (json_int_t)persoon_id, "name", name));
	json_object_set_new(data, "has_existing", json_boolean(n > 0));
	json_object_set_new(data, "existing", list);
	return reply_page(r, status, "toestemming-nieuw", arena_printf(r->arena, "Toestemming van %s", name), data);
}

int h_toestemming_new_form(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	int64_t id = req_param_id(r, 0), hh;
	const char *name;
	struct hh_access_info acc;
	if (load_person(r, d, id, "toestemming.form", &hh, &name, &acc) != 0)
		return 0;
	return render_new(r, d, id, hh, name, NULL, 200);
}

/* Stores validated consent for persoon_id (household hh) with its audit
 * row. */
static enum db_status store_new(struct req *r, db *d, int64_t persoon_id, int64_t hh, const struct field_value *v,
                                const struct hh_access_info *acc, int64_t *id)
{
	struct toestemming t = {.persoon_id = persoon_id, .party = v[T_PARTIJ].text,
	                        .given_on = v[T_GEGEVEN_OP].text, .recorded_how = v[T_VASTGELEGD].text};
	if (db_begin(d) != 0)
		return DB_ERROR;
	enum db_status s = db_toestemming_insert(d, &t, r->user->id, id);
	struct audit_entry e = {.medewerker_id = r->user->id, .action = "toestemming.create",
	                        .object_type = "toestemming", .object_id = *id, .huishouden_id = hh,
	                        .reason = acc->exception_reason, .client_addr = r->client_addr};
	if (s != DB_OK || (s = audit_append(d, &e)) != DB_OK || db_commit(d) != 0) {
		db_rollback(d);
		return s == DB_OK ? DB_ERROR : s;
	}
	return DB_OK;
}

int h_toestemming_create(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	int64_t id = req_param_id(r, 0), hh;
	const char *name;
	struct hh_access_info acc;
	if (load_person(r, d, id, NULL, &hh, &name, &acc) != 0)
		return 0;
	struct field_rule rules[T_COUNT];
	consent_rules(rules);
	struct field_value *v = arena_alloc(r->arena, T_COUNT * sizeof *v);
	if (form_validate(r->arena, r->form, rules, T_COUNT, v) > 0)
		return render_new(r, d, id, hh, name, v, 422);
	int64_t tid = 0;
	if (store_new(r, d, id, hh, v, &acc, &tid) != DB_OK)
		return -1;
	return reply_redirect(r, arena_printf(r->arena, "/huishoudens/%lld#toestemmingen", (long long)hh));
}

/* ---- withdrawing ---------------------------------------------------------- */

/* Loads consent id and checks access to the person's household; replies
 * and returns -1 when unknown or refused. */
static int load_consent(struct req *r, db *d, int64_t id, const char *audit_action, struct toestemming *t,
                        struct hh_access_info *acc)
{
	enum db_status s = db_toestemming_get(d, r->arena, id, t);
	if (s == DB_NOT_FOUND) {
		reply_error(r, ERR_NOT_FOUND, "Deze toestemming bestaat niet.");
		return -1;
	}
	if (s != DB_OK) {
		reply_error(r, ERR_INTERNAL, NULL);
		return -1;
	}
	return require_household(r, t->huishouden_id, audit_action, "toestemming", id, acc);
}

static int render_withdraw(struct req *r, db *d, const struct toestemming *t, struct field_value *v,
                           unsigned status, const char *alert)
{
	struct field_value own[W_COUNT];
	if (!v) {
		form_validate(r->arena, NULL, withdraw_rules, W_COUNT, own);
		for (int i = 0; i < W_COUNT; i++)
			own[i].error = NULL;
		char today[11];
		date_today(today);
		own[W_INGETROKKEN_OP].text = arena_strdup(r->arena, today);
		own[W_VERSIE].text = arena_printf(r->arena, "%lld", (long long)t->version);
		v = own;
	}
	json_t *data = json_object();
	if (care_household(r, d, t->huishouden_id, data) != DB_OK) {
		json_decref(data);
		return -1;
	}
	form_to_page(data, withdraw_rules, W_COUNT, v);
	json_object_set_new(data, "consent", toestemming_page_json(t));
	if (alert)
		json_object_set_new(data, "alert", json_string(alert));
	return reply_page(r, status, "toestemming-intrekken", "Toestemming intrekken", data);
}

int h_toestemming_withdraw_form(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct toestemming t;
	struct hh_access_info acc;
	if (load_consent(r, d, req_param_id(r, 0), "toestemming.view", &t, &acc) != 0)
		return 0;
	if (t.withdrawn_on)
		return reply_error(r, ERR_CONFLICT, arena_printf(r->arena, "Deze toestemming is al ingetrokken op %s.",
		                                                 t.withdrawn_nl));
	return render_withdraw(r, d, &t, NULL, 200, NULL);
}

static const char *conflict_message(struct req *r, const struct toestemming *now)
{
	const char *who = care_changed_by(r, now->updated_by, now->updated_at);
	if (now->withdrawn_on)
		return arena_printf(r->arena, "Deze toestemming is intussen ingetrokken per %s door %s.",
		                    now->withdrawn_nl, who);
	return arena_printf(r->arena, "Deze toestemming is intussen gewijzigd door %s (nu versie %lld). "
	                              "Er is niets opgeslagen; controleer de gegevens en probeer het opnieuw.",
	                    who, (long long)now->version);
}

/* Validates and stores a withdrawal of t.  Returns DB_OK; DB_CONSTRAINT
 * when v has errors (at the fields); DB_NOT_FOUND on a stale version or an
 * earlier withdrawal (*now then holds the stored consent); DB_ERROR. */
static enum db_status store_withdraw(struct req *r, db *d, const struct toestemming *t, struct field_value *v,
                                     int errors, const struct hh_access_info *acc, struct toestemming *now)
{
	if (!v[W_INGETROKKEN_OP].error && strcmp(v[W_INGETROKKEN_OP].text, t->given_on) < 0) {
		v[W_INGETROKKEN_OP].error = arena_printf(r->arena, "De toestemming is gegeven op %s; de datum van "
		                                         "intrekken kan niet eerder zijn.", t->given_nl);
		errors++;
	}
	if (errors)
		return DB_CONSTRAINT;
	if (db_begin(d) != 0)
		return DB_ERROR;
	enum db_status s = db_toestemming_withdraw(d, t->id, v[W_VERSIE].id, v[W_INGETROKKEN_OP].text, r->user->id);
	if (s == DB_NOT_FOUND) {
		db_rollback(d);
		return db_toestemming_get(d, r->arena, t->id, now) == DB_OK ? DB_NOT_FOUND : DB_ERROR;
	}
	struct audit_entry e = {.medewerker_id = r->user->id, .action = "toestemming.withdraw",
	                        .object_type = "toestemming", .object_id = t->id, .huishouden_id = t->huishouden_id,
	                        .reason = acc->exception_reason, .client_addr = r->client_addr};
	if (s != DB_OK || audit_append(d, &e) != DB_OK || db_commit(d) != 0) {
		db_rollback(d);
		return DB_ERROR;
	}
	return DB_OK;
}

int h_toestemming_withdraw(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct toestemming t, now;
	struct hh_access_info acc;
	if (load_consent(r, d, req_param_id(r, 0), NULL, &t, &acc) != 0)
		return 0;
	struct field_value *v = arena_alloc(r->arena, W_COUNT * sizeof *v);
	int errors = form_validate(r->arena, r->form, withdraw_rules, W_COUNT, v);
	if (v[W_VERSIE].error)
		return reply_error(r, ERR_BAD_REQUEST, "Het formulier mist de versie. Laad de pagina opnieuw.");
	enum db_status s = store_withdraw(r, d, &t, v, errors, &acc, &now);
	if (s == DB_CONSTRAINT)
		return render_withdraw(r, d, &t, v, 422, NULL);
	if (s == DB_NOT_FOUND) {
		if (now.withdrawn_on)
			return reply_error(r, ERR_CONFLICT, conflict_message(r, &now));
		v[W_VERSIE].text = arena_printf(r->arena, "%lld", (long long)now.version);
		return render_withdraw(r, d, &now, v, 409, conflict_message(r, &now));
	}
	if (s != DB_OK)
		return -1;
	return reply_redirect(r, arena_printf(r->arena, "/huishoudens/%lld#toestemmingen", (long long)t.huishouden_id));
}

/* ---- API ---------------------------------------------------------------- */

static json_t *consent_api_json(const struct toestemming *t)
{
	json_t *o = json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:b, s:I}", "id", (json_int_t)t->id, "persoon_id",
	                      (json_int_t)t->persoon_id, "partij", t->party, "gegeven_op", t->given_on,
	                      "vastgelegd", t->recorded_how, "vastgelegd_door", t->recorded_by, "actief",
	                      t->withdrawn_on == NULL, "versie", (json_int_t)t->version);
	json_object_set_new(o, "ingetrokken_op", t->withdrawn_on ? json_string(t->withdrawn_on) : json_null());
	return o;
}

int h_api_toestemming_list(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	int64_t id = req_param_id(r, 0), hh;
	const char *name;
	struct hh_access_info acc;
	if (load_person(r, d, id, "toestemming.list", &hh, &name, &acc) != 0)
		return 0;
	struct toestemming *t;
	size_t n;
	if (db_toestemming_list(d, r->arena, id, 0, &t, &n) != DB_OK)
		return -1;
	json_t *list = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(list, consent_api_json(&t[i]));
	return reply_json(r, 200, json_pack("{s:o}", "toestemmingen", list));
}

int h_api_toestemming_create(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	int64_t id = req_param_id(r, 0), hh;
	const char *name;
	struct hh_access_info acc;
	if (load_person(r, d, id, NULL, &hh, &name, &acc) != 0)
		return 0;
	struct field_rule rules[T_COUNT];
	consent_rules(rules);
	struct field_value v[T_COUNT];
	if (form_validate_json(r->arena, r->json, rules, T_COUNT, v) > 0)
		return reply_json_validation(r, form_errors_json(rules, T_COUNT, v));
	int64_t tid = 0;
	struct toestemming t;
	if (store_new(r, d, id, hh, v, &acc, &tid) != DB_OK || db_toestemming_get(d, r->arena, tid, &t) != DB_OK)
		return -1;
	reply_json(r, 201, consent_api_json(&t));
	reply_header(r, "Location", arena_printf(r->arena, "/api/v1/toestemmingen/%lld", (long long)tid));
	return 0;
}

int h_api_toestemming_withdraw(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct toestemming t, now;
	struct hh_access_info acc;
	int64_t id = req_param_id(r, 0);
	if (load_consent(r, d, id, NULL, &t, &acc) != 0)
		return 0;
	struct field_value v[W_COUNT];
	int errors = form_validate_json(r->arena, r->json, withdraw_rules, W_COUNT, v);
	enum db_status s = store_withdraw(r, d, &t, v, errors, &acc, &now);
	if (s == DB_CONSTRAINT)
		return reply_json_validation(r, form_errors_json(withdraw_rules, W_COUNT, v));
	if (s == DB_NOT_FOUND)
		return care_reply_conflict(r, conflict_message(r, &now), consent_api_json(&now));
	if (s != DB_OK || db_toestemming_get(d, r->arena, id, &t) != DB_OK)
		return -1;
	return reply_json(r, 200, consent_api_json(&t));
}
