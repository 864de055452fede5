/* user_edit.c - the beheerder edits an employee's account: name, e-mail,
 * roles, team and expertises, versioned against concurrent saves.  Nobody
 * changes their own roles; granting teamleider, beheerder or privacy
 * officer is audited as medewerker.rol_toegekend for the privacy officer.
 * A koppeling is 404 here.  Beheerder only (route table). */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "auth.h"
#include "db_medewerker.h"
#include "form.h"
#include "handlers.h"
#include "user_form.h"

static const struct field_rule edit_rules[] = {
	RULE_NAME,
	RULE_EMAIL,
	RULE_ROLES,
	RULE_TEAM,
	{.name = "versie", .label = "Versie", .kind = FIELD_INT, .required = true, .min = 1, .max = INT64_MAX},
};
enum { E_NAME, E_EMAIL, E_ROLES, E_TEAM, E_VERSION, E_COUNT };

/* The expertises ticked on the form (expertise_<id>=1): every name with
 * that prefix must be an existing expertise.  Sorted ids in an arena array;
 * returns the Dutch message on a bad one, NULL otherwise. */
static const char *posted_expertises(struct req *r, const json_t *all, int64_t **ids, size_t *n)
{
	*n = 0;
	*ids = arena_alloc(r->arena, (r->form ? r->form->n : 0) * sizeof **ids + 1);
	for (size_t i = 0; r->form && i < r->form->n; i++) {
		const char *name = r->form->pairs[i].name;
		if (strncmp(name, "expertise_", 10) != 0)
			continue;
		const char *digits = name + 10;
		char *end;
		long long id = strtoll(digits, &end, 10);
		bool known = false;
		if (*digits >= '1' && *digits <= '9' && *end == '\0') {
			size_t k;
			json_t *e;
			json_array_foreach(all, k, e)
				known = known || json_integer_value(json_object_get(e, "id")) == id;
		}
		if (!known)
			return "Kies alleen expertises uit de lijst.";
		(*ids)[(*n)++] = id;
	}
	for (size_t i = 1; i < *n; i++) /* a handful: insertion sort */
		for (size_t j = i; j > 0 && (*ids)[j - 1] > (*ids)[j]; j--) {
			int64_t t = (*ids)[j];
			(*ids)[j] = (*ids)[j - 1];
			(*ids)[j - 1] = t;
		}
	return NULL;
}

struct edit_page {
	const struct medewerker *m;  /* as stored */
	struct field_value *v;
	const int64_t *expertises;   /* ticked */
	size_t nexpertises;
	const char *expertise_error;
	json_t *conflict;            /* stolen */
};

static bool has_id(const int64_t *ids, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (ids[i] == id)
			return true;
	return false;
}

static int render_edit(struct req *r, unsigned status, struct edit_page *pg)
{
	db *d = db_get();
	if (!d) {
		json_decref(pg->conflict);
		return -1;
	}
	struct field_value *v = pg->v;
	json_t *data = json_object();
	form_to_page(data, edit_rules, E_COUNT, v);
	json_t *fields = json_object_get(data, "field");
	json_t *roles = json_array();
	for (int i = 0; role_names[i]; i++)
		json_array_append_new(roles, json_pack("{s:s, s:s, s:b}", "name", role_names[i], "label", role_labels[i],
		                                       "checked", (v[E_ROLES].bits >> i) & 1u));
	json_object_set_new(json_object_get(fields, "rol"), "roles", roles);
	json_object_set_new(json_object_get(fields, "team"), "teams", db_team_options(d, v[E_TEAM].id));
	json_t *expertises = db_expertise_list(d);
	size_t i;
	json_t *e;
	json_array_foreach(expertises, i, e)
		json_object_set_new(e, "checked", json_boolean(has_id(pg->expertises, pg->nexpertises,
		                                                     json_integer_value(json_object_get(e, "id")))));
	json_t *ef = json_pack("{s:o, s:b}", "options", expertises, "invalid", pg->expertise_error != NULL);
	if (pg->expertise_error) {
		json_object_set_new(ef, "error", json_string(pg->expertise_error));
		form_add_error(data, "expertise", "Expertises", pg->expertise_error);
	}
	json_object_set_new(fields, "expertise", ef);
	json_object_set_new(data, "m", json_pack("{s:I, s:s, s:s}", "id", (json_int_t)pg->m->id, "name", pg->m->name,
	                                         "username", pg->m->username));
	json_object_set_new(data, "self", json_boolean(pg->m->id == r->user->id));
	if (pg->conflict)
		json_object_set_new(data, "conflict", pg->conflict);
	return reply_page(r, status, "gebruiker-bewerken", arena_printf(r->arena, "%s wijzigen", pg->m->name), data);
}

/* Loads employee id into *m; replies 404 and returns -1 when absent. */
static int load_or_reply(struct req *r, db *d, int64_t id, struct medewerker *m)
{
	enum db_status s = db_medewerker_get(d, r->arena, id, m);
	if (s == DB_NOT_FOUND || (s == DB_OK && m->koppeling)) {
		reply_error(r, ERR_NOT_FOUND, "Deze gebruiker bestaat niet.");
		return -1;
	}
	if (s != DB_OK) {
		reply_error(r, ERR_INTERNAL, NULL);
		return -1;
	}
	return 0;
}

int h_user_edit_form(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	int64_t id = req_param_id(r, 0);
	struct medewerker m;
	if (load_or_reply(r, d, id, &m) != 0)
		return 0;
	int64_t *ids;
	size_t n;
	if (db_medewerker_expertise_ids(d, r->arena, id, &ids, &n) != DB_OK ||
	    audit_view(r, "medewerker.view", "medewerker", id, 0, NULL) != 0)
		return -1;
	struct field_value v[E_COUNT];
	form_validate(r->arena, NULL, edit_rules, E_COUNT, v);
	for (int i = 0; i < E_COUNT; i++)
		v[i].error = NULL;
	v[E_NAME].text = m.name;
	v[E_EMAIL].text = m.email ? m.email : "";
	v[E_ROLES].bits = m.roles;
	v[E_TEAM].id = m.team_id;
	v[E_TEAM].text = m.team_id ? arena_printf(r->arena, "%" PRId64, m.team_id) : "";
	v[E_VERSION].id = m.version;
	v[E_VERSION].text = arena_printf(r->arena, "%" PRId64, m.version);
	return render_edit(r, 200, &(struct edit_page){.m = &m, .v = v, .expertises = ids, .nexpertises = n});
}

/* Names of the expertises in ids, ", "-separated in the order of all
 * (by name); "geen" when none. */
static const char *expertise_names(struct req *r, const json_t *all, const int64_t *ids, size_t n)
{
	const char *out = NULL;
	size_t i;
	json_t *e;
	json_array_foreach(all, i, e) {
		if (!has_id(ids, n, json_integer_value(json_object_get(e, "id"))))
			continue;
		const char *name = json_string_value(json_object_get(e, "name"));
		out = out ? arena_printf(r->arena, "%s, %s", out, name) : name;
	}
	return out ? out : "geen";
}

/* What is stored now that differs from the refused form: {who, when,
 * has_changes, changes: [{label, value}]}.  New reference. */
static json_t *edit_conflict(struct req *r, const struct medewerker *now, const int64_t *now_ids, size_t now_n,
                             const struct field_value *v, const int64_t *ids, size_t n, const json_t *all)
{
	char when[20] = "";
	if (now->updated_at)
		fmt_datetime_nl(now->updated_at, when);
	json_t *changes = json_array();
	const char *email = now->email ? now->email : "";
#define CHANGE(label, value) json_array_append_new(changes, json_pack("{s:s, s:s}", "label", (label), "value", (value)))
	if (strcmp(now->name, v[E_NAME].text) != 0)
		CHANGE("Naam", now->name);
	if (strcmp(email, v[E_EMAIL].text) != 0)
		CHANGE("E-mailadres", email[0] ? email : "niet ingevuld");
	if (now->roles != v[E_ROLES].bits)
		CHANGE("Rollen", roles_label(r->arena, now->roles));
	if (now->team_id != v[E_TEAM].id)
		CHANGE("Team", now->team_name ? now->team_name : "geen team");
	bool same = now_n == n;
	for (size_t i = 0; same && i < n; i++)
		same = now_ids[i] == ids[i];
	if (!same)
		CHANGE("Expertises", expertise_names(r, all, now_ids, now_n));
#undef CHANGE
	json_t *c = json_pack("{s:s, s:b, s:o}", "who", now->updated_by ? now->updated_by : "Iemand",
	                      "has_changes", json_array_size(changes) > 0, "changes", changes);
	if (when[0])
		json_object_set_new(c, "when", json_string(when));
	return c;
}

int h_user_update(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	int64_t id = req_param_id(r, 0);
	struct medewerker m;
	if (load_or_reply(r, d, id, &m) != 0)
		return 0;
	struct field_value *v = arena_alloc(r->arena, E_COUNT * sizeof *v);
	int errors = form_validate(r->arena, r->form, edit_rules, E_COUNT, v);
	if (v[E_VERSION].error)
		return reply_error(r, ERR_BAD_REQUEST, "Het formulier mist de versie. Laad de pagina opnieuw.");
	if (!v[E_TEAM].error && v[E_TEAM].id && !db_team_exists(d, v[E_TEAM].id)) {
		v[E_TEAM].error = MSG_TEAM;
		errors++;
	}
	/* Nobody changes their own roles: adding one would let a beheerder
	 * give themselves case or audit access unseen, and without the
	 * beheerder role nobody could put it back from this account.  Another
	 * beheerder does it, and a grant is audited. */
	if (!v[E_ROLES].error && id == r->user->id && v[E_ROLES].bits != m.roles) {
		v[E_ROLES].error = !(v[E_ROLES].bits & ROLE_BEHEERDER)
		                   ? "U kunt uw eigen rol Beheerder niet weghalen. Vraag dat zo nodig aan een andere beheerder."
		                   : "U kunt uw eigen rollen niet wijzigen. Vraag dat zo nodig aan een andere beheerder.";
		errors++;
	}
	json_t *all = db_expertise_list(d);
	int64_t *ids;
	size_t n;
	const char *expertise_error = posted_expertises(r, all, &ids, &n);
	struct edit_page pg = {.m = &m, .v = v, .expertises = ids, .nexpertises = n,
	                       .expertise_error = expertise_error};
	if (errors || expertise_error) {
		json_decref(all);
		return render_edit(r, 422, &pg);
	}
	if (db_begin(d) != 0) {
		json_decref(all);
		return -1;
	}
	struct medewerker in = {.name = v[E_NAME].text, .email = v[E_EMAIL].text, .roles = v[E_ROLES].bits,
	                        .team_id = v[E_TEAM].id};
	enum db_status s = db_medewerker_update(d, id, v[E_VERSION].id, &in, r->user->id);
	if (s == DB_NOT_FOUND) {
		db_rollback(d);
		struct medewerker now;
		int64_t *now_ids;
		size_t now_n;
		if (load_or_reply(r, d, id, &now) != 0) {
			json_decref(all);
			return 0;
		}
		if (db_medewerker_expertise_ids(d, r->arena, id, &now_ids, &now_n) != DB_OK) {
			json_decref(all);
			return -1;
		}
		pg.conflict = edit_conflict(r, &now, now_ids, now_n, v, ids, n, all);
		json_decref(all);
		/* The next save is the user's informed choice over what is stored now. */
		v[E_VERSION].id = now.version;
		v[E_VERSION].text = arena_printf(r->arena, "%" PRId64, now.version);
		pg.m = &now;
		return render_edit(r, 409, &pg);
	}
	json_decref(all);
	struct audit_entry e = {.medewerker_id = r->user->id, .action = "medewerker.update",
	                        .object_type = "medewerker", .object_id = id, .client_addr = r->client_addr};
	if (s == DB_OK)
		s = db_medewerker_set_expertises(d, id, ids, n);
	/* m.roles is what this save's version had: the update above went
	 * through only if nobody changed it since. */
	if (s != DB_OK || audit_append(d, &e) != DB_OK ||
	    db_medewerker_audit_grants(d, r->user->id, id, m.roles, in.roles, r->client_addr) != DB_OK ||
	    db_commit(d) != 0) {
		db_rollback(d);
		return -1;
	}
	return reply_redirect(r, arena_printf(r->arena, "/beheer/gebruikers/%" PRId64 "?opgeslagen=1", id));
}
