/* users.c - beheer of employee accounts: create, edit (name, e-mail,
 * roles, team, expertises), deactivate, activate and issue one-time
 * passwords.  Beheerder only (route table). */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "auth.h"
#include "domain.h"
#include "db_medewerker.h"
#include "db_session.h"
#include "form.h"
#include "handlers.h"

/* Creating and editing check the shared fields the same way. */
#define RULE_NAME {.name = "naam", .kind = FIELD_LINE, .required = true, .min_len = 2, .max_len = 200}
#define RULE_EMAIL {.name = "email", .kind = FIELD_EMAIL, .max_len = 200}
#define RULE_ROLES {.name = "rol", .kind = FIELD_CHOICES, .required = true, .choices = role_names}
#define RULE_TEAM {.name = "team", .kind = FIELD_ID}

static const struct field_rule rules[] = {
	RULE_NAME,
	{.name = "gebruikersnaam", .kind = FIELD_USERNAME, .required = true, .min_len = 3, .max_len = 64},
	RULE_EMAIL,
	RULE_ROLES,
	RULE_TEAM,
};
enum { F_NAME, F_USERNAME, F_EMAIL, F_ROLES, F_TEAM, F_COUNT };

static const struct field_rule edit_rules[] = {
	RULE_NAME,
	RULE_EMAIL,
	RULE_ROLES,
	RULE_TEAM,
	{.name = "versie", .kind = FIELD_INT, .required = true, .min = 1, .max = INT64_MAX},
};
enum { E_NAME, E_EMAIL, E_ROLES, E_TEAM, E_VERSION, E_COUNT };

/* The list's filters, from the query string. */
static const char *const active_choices[] = {"ja", "nee", NULL};
static const struct field_rule filter_rules[] = {
	{.name = "team", .kind = FIELD_ID},
	{.name = "actief", .kind = FIELD_CHOICE, .choices = active_choices},
};
enum { Q_TEAM, Q_ACTIVE, Q_COUNT };

static const char MSG_TEAM[] = "Kies een bestaand team.";

/* [{id, name, selected}] of the teams, selected the one with id chosen. */
static json_t *team_options(db *d, int64_t chosen)
{
	json_t *teams = db_team_list(d);
	size_t i;
	json_t *t;
	json_array_foreach(teams, i, t)
		json_object_set_new(t, "selected", json_boolean(json_integer_value(json_object_get(t, "id")) == chosen));
	return teams;
}

int h_users_list(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct field_value q[Q_COUNT];
	if (form_validate(r->arena, r->query, filter_rules, Q_COUNT, q) > 0 ||
	    (q[Q_TEAM].id && !db_team_exists(d, q[Q_TEAM].id)))
		return reply_error(r, ERR_BAD_REQUEST, "Dit filter bestaat niet. Kies een team en een status uit de lijst.");
	int active = !q[Q_ACTIVE].text[0] ? -1 : q[Q_ACTIVE].bits == 0 ? 1 : 0;
	json_t *users = db_medewerker_list_filtered(d, q[Q_TEAM].id, active);
	size_t i;
	json_t *u;
	json_array_foreach(users, i, u) {
		unsigned roles = (unsigned)json_integer_value(json_object_get(u, "roles"));
		json_object_set_new(u, "roles_label", json_string(roles_label(r->arena, roles)));
	}
	if (audit_view(r, "medewerker.list", "medewerker", 0, 0, NULL) != 0) {
		json_decref(users);
		return -1;
	}
	json_t *data = json_object();
	json_object_set_new(data, "count", json_integer((json_int_t)json_array_size(users)));
	json_object_set_new(data, "has_users", json_boolean(json_array_size(users) > 0));
	json_object_set_new(data, "users", users);
	json_object_set_new(data, "teams", team_options(d, q[Q_TEAM].id));
	json_object_set_new(data, "filter_all", json_boolean(active < 0));
	json_object_set_new(data, "filter_active", json_boolean(active == 1));
	json_object_set_new(data, "filter_inactive", json_boolean(active == 0));
	json_object_set_new(data, "filtered", json_boolean(active >= 0 || q[Q_TEAM].id));
	return reply_page(r, 200, "gebruikers", "Gebruikers", data);
}

static int render_new(struct req *r, unsigned status, struct field_value *v)
{
	db *d = db_get();
	if (!d)
		return -1;
	json_t *data = json_object();
	struct field_value empty[F_COUNT];
	if (!v) {
		form_validate(r->arena, NULL, rules, F_COUNT, empty);
		for (int i = 0; i < F_COUNT; i++)
			empty[i].error = NULL;
		v = empty;
	}
	form_to_page(data, rules, F_COUNT, v);
	json_t *roles = json_array();
	for (int i = 0; role_names[i]; i++)
		json_array_append_new(roles, json_pack("{s:s, s:s, s:b}", "name", role_names[i],
		                                       "label", role_labels[i], "checked", (v[F_ROLES].bits >> i) & 1u));
	json_object_set_new(json_object_get(json_object_get(data, "field"), "rol"), "roles", roles);
	json_object_set_new(json_object_get(json_object_get(data, "field"), "team"), "teams", team_options(d, v[F_TEAM].id));
	return reply_page(r, status, "gebruiker-nieuw", "Nieuwe gebruiker", data);
}

int h_user_new_form(struct req *r)
{
	return render_new(r, 200, NULL);
}

struct issue {
	struct pw_job job;
	char password[20];
	struct field_value v[F_COUNT];
	int64_t target_id; /* reset: whose password */
};

static int render_user(struct req *r, int64_t id, const char *one_time, const char *heading,
                       const char *notice)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct medewerker m;
	enum db_status s = db_medewerker_get(d, r->arena, id, &m);
	if (s == DB_NOT_FOUND)
		return reply_error(r, ERR_NOT_FOUND, "Deze gebruiker bestaat niet.");
	if (s != DB_OK || audit_view(r, "medewerker.view", "medewerker", id, 0, NULL) != 0)
		return -1;
	json_t *mj = json_pack("{s:I, s:s, s:s, s:s, s:b, s:b}", "id", (json_int_t)m.id,
	                       "name", m.name, "username", m.username,
	                       "roles_label", roles_label(r->arena, m.roles), "active", m.active,
	                       "must_change", m.must_change_password);
	if (m.email)
		json_object_set_new(mj, "email", json_string(m.email));
	if (m.team_name)
		json_object_set_new(mj, "team", json_string(m.team_name));
	if (m.expertises)
		json_object_set_new(mj, "expertises", json_string(m.expertises));
	json_t *data = json_object();
	json_object_set_new(data, "m", mj);
	/* A deactivated regisseur's households wait for a teamleider to
	 * reassign them; the beheerder sees which, by address only. */
	json_t *households = db_medewerker_open_households(d, id);
	size_t i;
	json_t *h;
	json_array_foreach(households, i, h)
		json_object_set_new(h, "status_label", json_string(vocab_label(&vocab_household_status,
		                                                               json_string_value(json_object_get(h, "status")))));
	json_object_set_new(data, "household_count", json_integer((json_int_t)json_array_size(households)));
	json_object_set_new(data, "has_households", json_boolean(json_array_size(households) > 0));
	json_object_set_new(data, "households", households);
	json_object_set_new(data, "self", json_boolean(m.id == r->user->id));
	if (one_time) {
		json_object_set_new(data, "one_time_password", json_string(one_time));
		json_object_set_new(data, "one_time_heading", json_string(heading));
	}
	if (notice)
		json_object_set_new(data, "notice", json_string(notice));
	return reply_page(r, 200, "gebruiker", m.name, data);
}

static int create_done(struct req *r)
{
	struct issue *is = r->async;
	if (!is->job.hashed)
		return -1;
	db *d = db_get();
	if (!d || db_begin(d) != 0)
		return -1;
	struct medewerker m = {
		.username = is->v[F_USERNAME].text, .name = is->v[F_NAME].text,
		.email = is->v[F_EMAIL].text, .roles = is->v[F_ROLES].bits,
		.team_id = is->v[F_TEAM].id, .must_change_password = true,
	};
	int64_t id = 0;
	enum db_status s = db_medewerker_insert(d, &m, is->job.new_hash, &id);
	if (s == DB_CONSTRAINT) {
		db_rollback(d);
		is->v[F_USERNAME].error = "Deze gebruikersnaam is al in gebruik. Kies een andere.";
		return render_new(r, 422, is->v);
	}
	struct audit_entry e = {.medewerker_id = r->user->id, .action = "medewerker.create",
	                        .object_type = "medewerker", .object_id = id, .client_addr = r->client_addr};
	if (s != DB_OK || audit_append(d, &e) != DB_OK || db_commit(d) != 0) {
		db_rollback(d);
		return -1;
	}
	return render_user(r, id, is->password, "Gebruiker aangemaakt", NULL);
}

int h_user_create(struct req *r)
{
	struct issue *is = arena_alloc(r->arena, sizeof *is);
	int errors = form_validate(r->arena, r->form, rules, F_COUNT, is->v);
	db *d = db_get();
	if (!d)
		return -1;
	if (!is->v[F_TEAM].error && is->v[F_TEAM].id && !db_team_exists(d, is->v[F_TEAM].id)) {
		is->v[F_TEAM].error = MSG_TEAM;
		errors++;
	}
	if (!is->v[F_USERNAME].error) {
		struct medewerker existing;
		enum db_status s = db_medewerker_credentials(d, r->arena, is->v[F_USERNAME].text, &existing);
		if (s == DB_ERROR)
			return -1;
		if (s == DB_OK) {
			is->v[F_USERNAME].error = "Deze gebruikersnaam is al in gebruik. Kies een andere.";
			errors++;
		}
	}
	if (errors)
		return render_new(r, 422, is->v);
	password_generate(is->password);
	is->job.new_password = is->password;
	r->async = is;
	return pwpool_submit(r, &is->job, create_done);
}

int h_user_show(struct req *r)
{
	const char *notice = NULL;
	if (req_query(r, "gedeactiveerd"))
		notice = "De gebruiker is gedeactiveerd en kan niet meer inloggen. Lopende sessies zijn beëindigd.";
	else if (req_query(r, "geactiveerd"))
		notice = "De gebruiker is weer actief en kan inloggen.";
	else if (req_query(r, "opgeslagen"))
		notice = "De wijzigingen zijn opgeslagen.";
	return render_user(r, req_param_id(r, 0), NULL, NULL, notice);
}

static int set_active(struct req *r, bool active)
{
	int64_t id = req_param_id(r, 0);
	if (id == r->user->id)
		return reply_error(r, ERR_FORBIDDEN, "U kunt uw eigen account niet deactiveren of activeren. "
		                                     "Vraag dat zo nodig aan een andere beheerder.");
	db *d = db_get();
	if (!d || db_begin(d) != 0)
		return -1;
	enum db_status s = db_medewerker_set_active(d, id, active, r->user->id);
	if (s == DB_NOT_FOUND) {
		db_rollback(d);
		return reply_error(r, ERR_NOT_FOUND, "Deze gebruiker bestaat niet.");
	}
	struct audit_entry e = {.medewerker_id = r->user->id,
	                        .action = active ? "medewerker.activate" : "medewerker.deactivate",
	                        .object_type = "medewerker", .object_id = id, .client_addr = r->client_addr};
	if (s != DB_OK || (!active && db_session_delete_for(d, id) != DB_OK) ||
	    audit_append(d, &e) != DB_OK || db_commit(d) != 0) {
		db_rollback(d);
		return -1;
	}
	return reply_redirect(r, arena_printf(r->arena, "/beheer/gebruikers/%lld?%s", (long long)id,
	                                      active ? "geactiveerd=1" : "gedeactiveerd=1"));
}

int h_user_deactivate(struct req *r)
{
	return set_active(r, false);
}

int h_user_activate(struct req *r)
{
	return set_active(r, true);
}

static int reset_done(struct req *r)
{
	struct issue *is = r->async;
	if (!is->job.hashed)
		return -1;
	db *d = db_get();
	if (!d || db_begin(d) != 0)
		return -1;
	enum db_status s = db_medewerker_set_password(d, is->target_id, is->job.new_hash, true);
	if (s == DB_NOT_FOUND) {
		db_rollback(d);
		return reply_error(r, ERR_NOT_FOUND, "Deze gebruiker bestaat niet.");
	}
	struct audit_entry e = {.medewerker_id = r->user->id, .action = "medewerker.password_reset",
	                        .object_type = "medewerker", .object_id = is->target_id,
	                        .client_addr = r->client_addr};
	if (s != DB_OK || db_session_delete_for(d, is->target_id) != DB_OK ||
	    audit_append(d, &e) != DB_OK || db_commit(d) != 0) {
		db_rollback(d);
		return -1;
	}
	return render_user(r, is->target_id, is->password, "Nieuw eenmalig wachtwoord", NULL);
}

int h_user_reset_password(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct issue *is = arena_alloc(r->arena, sizeof *is);
	is->target_id = req_param_id(r, 0);
	if (is->target_id == r->user->id)
		return reply_error(r, ERR_FORBIDDEN, "Wijzig uw eigen wachtwoord via Wachtwoord wijzigen.");
	struct medewerker m;
	enum db_status s = db_medewerker_get(d, r->arena, is->target_id, &m);
	if (s == DB_NOT_FOUND)
		return reply_error(r, ERR_NOT_FOUND, "Deze gebruiker bestaat niet.");
	if (s != DB_OK)
		return -1;
	password_generate(is->password);
	is->job.new_password = is->password;
	r->async = is;
	return pwpool_submit(r, &is->job, reset_done);
}

/* ---- editing an account ------------------------------------------------- */

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
	json_object_set_new(json_object_get(fields, "team"), "teams", team_options(d, v[E_TEAM].id));
	json_t *expertises = db_expertise_list(d);
	size_t i;
	json_t *e;
	json_array_foreach(expertises, i, e)
		json_object_set_new(e, "checked", json_boolean(has_id(pg->expertises, pg->nexpertises,
		                                                     json_integer_value(json_object_get(e, "id")))));
	json_t *ef = json_pack("{s:o, s:b}", "options", expertises, "invalid", pg->expertise_error != NULL);
	if (pg->expertise_error) {
		json_object_set_new(ef, "error", json_string(pg->expertise_error));
		json_t *errs = json_object_get(data, "errors");
		if (!errs) {
			errs = json_array();
			json_object_set_new(data, "errors", errs);
		}
		json_array_append_new(errs, json_pack("{s:s, s:s}", "field", "expertise", "message", pg->expertise_error));
		json_object_set_new(data, "has_errors", json_true());
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
	if (s == DB_NOT_FOUND) {
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
	/* Without a beheerder role nobody could put it back from this account;
	 * another beheerder has to take it away. */
	if (!v[E_ROLES].error && id == r->user->id && !(v[E_ROLES].bits & ROLE_BEHEERDER)) {
		v[E_ROLES].error = "U kunt uw eigen rol Beheerder niet weghalen. Vraag dat zo nodig aan een andere beheerder.";
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
	if (s != DB_OK || audit_append(d, &e) != DB_OK || db_commit(d) != 0) {
		db_rollback(d);
		return -1;
	}
	return reply_redirect(r, arena_printf(r->arena, "/beheer/gebruikers/%" PRId64 "?opgeslagen=1", id));
}
