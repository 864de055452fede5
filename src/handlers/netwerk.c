/* netwerk.c - the household's network in the kringenmodel: add, edit and
 * remove members (forms and API).  The network and its circle diagram on
 * the household page are drawn by src/overzicht_zorg.c. */
#include <string.h>

#include "access.h"
#include "audit.h"
#include "db_netwerk.h"
#include "domain.h"
#include "form.h"
#include "care.h"
#include "handlers.h"
#include "huishouden_form.h"
#include "overzicht_zorg.h"

enum { N_NAAM, N_RELATIE, N_KRING, N_KAN_DOEN, N_TELEFOON, N_VERSIE, N_COUNT };
enum { N_NEW_COUNT = N_VERSIE }; /* a new member has no version yet */

/* The rule table.  The choice lists live in domain.c, and C has no
 * constant address for a member of another unit's object, so the table is
 * filled here rather than written as a static initializer. */
static void netwerk_rules(struct field_rule out[N_COUNT])
{
	const struct field_rule rules[N_COUNT] = {
		[N_NAAM] = {.name = "naam", .label = "Naam", .kind = FIELD_LINE, .required = true, .max_len = 200},
		[N_RELATIE] = {.name = "relatie", .label = "Relatie tot het huishouden",
		               .kind = FIELD_CHOICE, .required = true,
		               .choices = vocab_relation.codes},
		[N_KRING] = {.name = "kring", .label = "Kring in het kringenmodel",
		             .kind = FIELD_CHOICE, .required = true,
		             .choices = vocab_circle.codes},
		[N_KAN_DOEN] = {.name = "kan_doen", .label = "Wat deze persoon kan doen",
		                .kind = FIELD_TEXT, .max_len = 2000},
		[N_TELEFOON] = {.name = "telefoon", .label = "Telefoonnummer", .kind = FIELD_LINE, .max_len = 30},
		[N_VERSIE] = {.name = "versie", .label = "Versie", .kind = FIELD_INT, .required = true, .min = 1,
		              .max = INT64_MAX},
	};
	memcpy(out, rules, sizeof rules);
}

/* ---- forms ---------------------------------------------------------------- */

/* The add or edit form.  m is the member being edited (NULL: a new one for
 * household hh); v the values to show (NULL: m's, or empty); conflict_with
 * the stored member after a refused save (its values are shown at the
 * fields that differ). */
/* Taking someone out of the network asks to confirm it (WCAG 3.3.4). */
static const struct field_rule remove_rule[] = {
	{.name = "bevestig", .label = "Bevestiging", .kind = FIELD_CHECKBOX},
};

static int render_form(struct req *r, db *d, int64_t hh, const struct netwerklid *m, struct field_value *v,
                       unsigned status, const char *alert, const struct netwerklid *conflict_with,
                       const char *remove_error)
{
	struct field_rule rules[N_COUNT];
	netwerk_rules(rules);
	struct field_value own[N_COUNT];
	if (!v) {
		form_validate(r->arena, NULL, rules, N_COUNT, own);
		for (int i = 0; i < N_COUNT; i++)
			own[i].error = NULL;
		if (m) {
			own[N_NAAM].text = m->name;
			own[N_RELATIE].text = m->relation;
			own[N_KRING].text = m->circle;
			own[N_KAN_DOEN].text = m->can_do ? m->can_do : "";
			own[N_TELEFOON].text = m->phone ? m->phone : "";
			own[N_VERSIE].text = arena_printf(r->arena, "%lld", (long long)m->version);
		}
		v = own;
	}
	json_t *data = json_object();
	if (care_household(r, d, hh, data) != DB_OK) {
		json_decref(data);
		return -1;
	}
	form_to_page(data, rules, m ? N_COUNT : N_NEW_COUNT, v);
	json_t *fields = json_object_get(data, "field");
	json_object_set_new(json_object_get(fields, "relatie"), "options",
	                    care_options(&vocab_relation, v[N_RELATIE].text));
	json_object_set_new(json_object_get(fields, "kring"), "options",
	                    care_options(&vocab_circle, v[N_KRING].text));
	if (conflict_with) {
		static const int compare[] = {N_NAAM, N_RELATIE, N_KRING, N_KAN_DOEN, N_TELEFOON};
		const char *stored[N_COUNT] = {
			[N_NAAM] = conflict_with->name,
			[N_RELATIE] = vocab_label(&vocab_relation, conflict_with->relation),
			[N_KRING] = vocab_label(&vocab_circle, conflict_with->circle),
			[N_KAN_DOEN] = conflict_with->can_do ? conflict_with->can_do : "",
			[N_TELEFOON] = conflict_with->phone ? conflict_with->phone : "",
		};
		const char *raw[N_COUNT] = {
			[N_NAAM] = conflict_with->name, [N_RELATIE] = conflict_with->relation,
			[N_KRING] = conflict_with->circle, [N_KAN_DOEN] = stored[N_KAN_DOEN],
			[N_TELEFOON] = stored[N_TELEFOON],
		};
		for (size_t i = 0; i < ARRAY_LEN(compare); i++) {
			int f = compare[i];
			if (strcmp(raw[f], v[f].text) != 0)
				json_object_set_new(json_object_get(fields, rules[f].name), "stored",
				                    json_string(*stored[f] ? stored[f] : "(leeg)"));
		}
	}
	if (alert)
		json_object_set_new(data, "alert", json_string(alert));
	if (m)
		page_add_fields(data, remove_rule, 1, (const struct field_value[]){{.text = "", .error = remove_error}});
	if (m) {
		json_object_set_new(data, "member_id", json_integer(m->id));
		json_object_set_new(data, "action", json_string(arena_printf(r->arena, "/netwerkleden/%lld/bewerken",
		                                                             (long long)m->id)));
	} else {
		json_object_set_new(data, "action", json_string(arena_printf(r->arena, "/huishoudens/%lld/netwerk/nieuw",
		                                                             (long long)hh)));
	}
	json_object_set_new(data, "edit", json_boolean(m != NULL));
	return reply_page(r, status, "netwerk-formulier", m ? "Netwerklid bewerken" : "Netwerklid toevoegen", data);
}

static void values_to_member(const struct field_value *v, struct netwerklid *m)
{
	m->name = v[N_NAAM].text;
	m->relation = v[N_RELATIE].text;
	m->circle = v[N_KRING].text;
	m->can_do = v[N_KAN_DOEN].text;
	m->phone = v[N_TELEFOON].text;
}

/* Why a save was refused: who changed or removed the member, and when. */
static const char *conflict_message(struct req *r, const struct netwerklid *now)
{
	const char *who = care_changed_by(r, now->updated_by, now->updated_at);
	if (!now->active)
		return arena_printf(r->arena, "Dit netwerklid is intussen uit het netwerk gehaald door %s. "
		                              "Uw wijziging is niet opgeslagen.", who);
	if (r->is_api)
		return arena_printf(r->arena, "Dit netwerklid is intussen gewijzigd door %s (nu versie %lld). "
		                              "Uw wijziging is niet opgeslagen.", who, (long long)now->version);
	return arena_printf(r->arena, "Dit netwerklid is intussen gewijzigd door %s. Uw wijziging is niet "
	                              "opgeslagen. Uw invoer staat hieronder; bij de velden die nu anders zijn "
	                              "opgeslagen ziet u wat er intussen is ingevuld. Controleer en sla opnieuw op.",
	                    who);
}

int h_netwerk_page(struct req *r)
{
	int64_t hh = req_param_id(r, 0);
	struct hh_access_info acc;
	if (require_household(r, hh, "netwerklid.list", "huishouden", hh, &acc) != 0)
		return 0;
	db *d = db_get();
	if (!d)
		return -1;
	json_t *data = json_object();
	if (care_household(r, d, hh, data) != DB_OK || netwerk_fill_overview(r, d, hh, data) != DB_OK) {
		json_decref(data);
		return -1;
	}
	json_object_set_new(data, "huishouden", json_pack("{s:I}", "id", (json_int_t)hh));
	return reply_page(r, 200, "netwerk", "Netwerk van het huishouden", data);
}

int h_netwerk_new_form(struct req *r)
{
	int64_t hh = req_param_id(r, 0);
	struct hh_access_info acc;
	if (require_household(r, hh, "netwerklid.form", "huishouden", hh, &acc) != 0)
		return 0;
	db *d = db_get();
	return d ? render_form(r, d, hh, NULL, NULL, 200, NULL, NULL, NULL) : -1;
}

int h_netwerk_create(struct req *r)
{
	int64_t hh = req_param_id(r, 0);
	struct hh_access_info acc;
	if (require_household(r, hh, NULL, NULL, 0, &acc) != 0)
		return 0;
	db *d = db_get();
	if (!d)
		return -1;
	struct field_rule rules[N_COUNT];
	netwerk_rules(rules);
	struct field_value *v = arena_alloc(r->arena, N_COUNT * sizeof *v);
	if (form_validate(r->arena, r->form, rules, N_NEW_COUNT, v) > 0)
		return render_form(r, d, hh, NULL, v, 422, NULL, NULL, NULL);
	struct netwerklid m = {.huishouden_id = hh};
	values_to_member(v, &m);
	int64_t id = 0;
	if (db_begin(d) != 0)
		return -1;
	enum db_status s = db_netwerk_insert(d, &m, r->user->id, &id);
	struct audit_entry e = {.medewerker_id = r->user->id, .action = "netwerklid.create",
	                        .object_type = "netwerklid", .object_id = id, .huishouden_id = hh,
	                        .reason = acc.exception_reason, .client_addr = r->client_addr};
	if (s != DB_OK || audit_append(d, &e) != DB_OK || db_commit(d) != 0) {
		db_rollback(d);
		return -1;
	}
	return reply_redirect(r, arena_printf(r->arena, "/huishoudens/%lld/netwerk", (long long)hh));
}

/* Loads active member id and checks access to its household; replies and
 * returns -1 when the member is unknown or access is refused. */
static int load_member(struct req *r, db *d, int64_t id, const char *audit_action, struct netwerklid *m,
                       struct hh_access_info *acc)
{
	enum db_status s = db_netwerk_get(d, r->arena, id, m);
	if (s == DB_NOT_FOUND || (s == DB_OK && !m->active)) {
		reply_error(r, ERR_NOT_FOUND, "Dit netwerklid bestaat niet (meer).");
		return -1;
	}
	if (s != DB_OK) {
		reply_error(r, ERR_INTERNAL, NULL);
		return -1;
	}
	return require_household(r, m->huishouden_id, audit_action, "netwerklid", id, acc);
}

int h_netwerk_edit_form(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct netwerklid m;
	struct hh_access_info acc;
	if (load_member(r, d, req_param_id(r, 0), "netwerklid.view", &m, &acc) != 0)
		return 0;
	return render_form(r, d, m.huishouden_id, &m, NULL, 200, NULL, NULL, NULL);
}

/* Saves (update) or removes member m with the validated values v; on a
 * stale version re-renders the form with 409.  Returns the handler result. */
static int save_member(struct req *r, db *d, struct netwerklid *m, struct field_value *v, bool remove,
                       const struct hh_access_info *acc)
{
	struct netwerklid changed = *m;
	if (!remove)
		values_to_member(v, &changed);
	changed.version = v[N_VERSIE].id;
	if (db_begin(d) != 0)
		return -1;
	enum db_status s = remove ? db_netwerk_remove(d, m->id, changed.version, r->user->id)
	                          : db_netwerk_update(d, &changed, r->user->id);
	if (s == DB_NOT_FOUND) {
		db_rollback(d);
		struct netwerklid now;
		if (db_netwerk_get(d, r->arena, m->id, &now) != DB_OK)
			return -1;
		if (remove)
			v = NULL; /* show the stored member; the remove button carries the new version */
		else
			v[N_VERSIE].text = arena_printf(r->arena, "%lld", (long long)now.version);
		if (!now.active)
			return reply_error(r, ERR_CONFLICT, conflict_message(r, &now));
		return render_form(r, d, m->huishouden_id, &now, v, 409, conflict_message(r, &now),
		                   remove ? NULL : &now, NULL);
	}
	struct audit_entry e = {.medewerker_id = r->user->id,
	                        .action = remove ? "netwerklid.remove" : "netwerklid.update",
	                        .object_type = "netwerklid", .object_id = m->id,
	                        .huishouden_id = m->huishouden_id, .reason = acc->exception_reason,
	                        .client_addr = r->client_addr};
	if (s != DB_OK || audit_append(d, &e) != DB_OK || db_commit(d) != 0) {
		db_rollback(d);
		return -1;
	}
	return reply_redirect(r, arena_printf(r->arena, "/huishoudens/%lld/netwerk", (long long)m->huishouden_id));
}

int h_netwerk_update(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct netwerklid m;
	struct hh_access_info acc;
	if (load_member(r, d, req_param_id(r, 0), NULL, &m, &acc) != 0)
		return 0;
	struct field_rule rules[N_COUNT];
	netwerk_rules(rules);
	struct field_value *v = arena_alloc(r->arena, N_COUNT * sizeof *v);
	if (form_validate(r->arena, r->form, rules, N_COUNT, v) > 0) {
		if (v[N_VERSIE].error)
			return reply_error(r, ERR_BAD_REQUEST, "Het formulier mist de versie. Laad de pagina opnieuw.");
		return render_form(r, d, m.huishouden_id, &m, v, 422, NULL, NULL, NULL);
	}
	return save_member(r, d, &m, v, false, &acc);
}

int h_netwerk_remove(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct netwerklid m;
	struct hh_access_info acc;
	if (load_member(r, d, req_param_id(r, 0), NULL, &m, &acc) != 0)
		return 0;
	struct field_rule rules[N_COUNT];
	netwerk_rules(rules);
	struct field_value *v = arena_alloc(r->arena, N_COUNT * sizeof *v);
	form_validate(r->arena, r->form, rules, N_COUNT, v);
	if (v[N_VERSIE].error)
		return reply_error(r, ERR_BAD_REQUEST, "Het formulier mist de versie. Laad de pagina opnieuw.");
	struct field_value ok[1];
	form_validate(r->arena, r->form, remove_rule, 1, ok);
	if (!ok[0].checked)
		return render_form(r, d, m.huishouden_id, &m, NULL, 422, NULL, NULL,
		                   arena_printf(r->arena, "Vink aan dat u %s uit het netwerk wilt halen.", m.name));
	return save_member(r, d, &m, v, true, &acc);
}

/* ---- API ---------------------------------------------------------------- */

static json_t *member_api_json(const struct netwerklid *m)
{
	json_t *o = json_pack("{s:I, s:I, s:s, s:s, s:s, s:b, s:I}", "id", (json_int_t)m->id,
	                      "huishouden_id", (json_int_t)m->huishouden_id, "naam", m->name,
	                      "relatie", m->relation, "kring", m->circle, "actief", m->active,
	                      "versie", (json_int_t)m->version);
	json_object_set_new(o, "kan_doen", m->can_do ? json_string(m->can_do) : json_null());
	json_object_set_new(o, "telefoon", m->phone ? json_string(m->phone) : json_null());
	return o;
}

int h_api_netwerk_list(struct req *r)
{
	int64_t hh = req_param_id(r, 0);
	struct hh_access_info acc;
	if (require_household(r, hh, "netwerklid.list", "huishouden", hh, &acc) != 0)
		return 0;
	db *d = db_get();
	if (!d)
		return -1;
	struct netwerklid *m;
	size_t n;
	if (db_netwerk_list(d, r->arena, hh, &m, &n) != DB_OK)
		return -1;
	json_t *list = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(list, member_api_json(&m[i]));
	return reply_json(r, 200, json_pack("{s:o}", "netwerk", list));
}

int h_api_netwerk_create(struct req *r)
{
	int64_t hh = req_param_id(r, 0);
	struct hh_access_info acc;
	if (require_household(r, hh, NULL, NULL, 0, &acc) != 0)
		return 0;
	db *d = db_get();
	if (!d)
		return -1;
	struct field_rule rules[N_COUNT];
	netwerk_rules(rules);
	struct field_value v[N_COUNT];
	if (form_validate_json(r->arena, r->json, rules, N_NEW_COUNT, v) > 0)
		return reply_json_validation(r, form_errors_json(rules, N_NEW_COUNT, v));
	struct netwerklid m = {.huishouden_id = hh};
	values_to_member(v, &m);
	int64_t id = 0;
	if (db_begin(d) != 0)
		return -1;
	enum db_status s = db_netwerk_insert(d, &m, r->user->id, &id);
	struct audit_entry e = {.medewerker_id = r->user->id, .action = "netwerklid.create",
	                        .object_type = "netwerklid", .object_id = id, .huishouden_id = hh,
	                        .reason = acc.exception_reason, .client_addr = r->client_addr};
	if (s != DB_OK || audit_append(d, &e) != DB_OK || db_commit(d) != 0) {
		db_rollback(d);
		return -1;
	}
	if (db_netwerk_get(d, r->arena, id, &m) != DB_OK)
		return -1;
	reply_json(r, 201, member_api_json(&m));
	reply_header(r, "Location", arena_printf(r->arena, "/api/v1/netwerkleden/%lld", (long long)id));
	return 0;
}

int h_api_netwerk_update(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct netwerklid m;
	struct hh_access_info acc;
	int64_t id = req_param_id(r, 0);
	if (load_member(r, d, id, NULL, &m, &acc) != 0)
		return 0;
	struct field_rule rules[N_COUNT];
	netwerk_rules(rules);
	struct field_value v[N_COUNT];
	if (form_validate_json(r->arena, r->json, rules, N_COUNT, v) > 0)
		return reply_json_validation(r, form_errors_json(rules, N_COUNT, v));
	struct netwerklid changed = m;
	values_to_member(v, &changed);
	changed.version = v[N_VERSIE].id;
	if (db_begin(d) != 0)
		return -1;
	enum db_status s = db_netwerk_update(d, &changed, r->user->id);
	if (s == DB_NOT_FOUND) {
		db_rollback(d);
		struct netwerklid now;
		if (db_netwerk_get(d, r->arena, id, &now) != DB_OK)
			return -1;
		return care_reply_conflict(r, conflict_message(r, &now), member_api_json(&now));
	}
	struct audit_entry e = {.medewerker_id = r->user->id, .action = "netwerklid.update",
	                        .object_type = "netwerklid", .object_id = id, .huishouden_id = m.huishouden_id,
	                        .reason = acc.exception_reason, .client_addr = r->client_addr};
	if (s != DB_OK || audit_append(d, &e) != DB_OK || db_commit(d) != 0) {
		db_rollback(d);
		return -1;
	}
	if (db_netwerk_get(d, r->arena, id, &m) != DB_OK)
		return -1;
	return reply_json(r, 200, member_api_json(&m));
}
