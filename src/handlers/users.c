/* users.c - beheer of employee accounts: create, deactivate, activate and
 * issue one-time passwords (editing: user_edit.c).  Accounts of persons
 * only: a koppeling (koppeling.c) is 404 here.  Beheerder only (route
 * table). */
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
#include "text.h"
#include "user_form.h"

static const struct field_rule rules[] = {
	RULE_NAME,
	{.name = "gebruikersnaam", .label = "Gebruikersnaam",
	 .kind = FIELD_USERNAME, .required = true, .min_len = 3, .max_len = 64},
	RULE_EMAIL,
	RULE_ROLES,
	RULE_TEAM,
};
enum { F_NAME, F_USERNAME, F_EMAIL, F_ROLES, F_TEAM, F_COUNT };

/* The list's filters, from the query string. */
static const char *const active_choices[] = {"ja", "nee", NULL};
static const struct field_rule filter_rules[] = {
	{.name = "team", .label = "Team", .kind = FIELD_ID},
	{.name = "actief", .label = "Status", .kind = FIELD_CHOICE, .choices = active_choices},
};
enum { Q_TEAM, Q_ACTIVE, Q_COUNT };

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
	json_object_set_new(data, "teams", db_team_options(d, q[Q_TEAM].id));
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
	json_object_set_new(json_object_get(json_object_get(data, "field"), "team"), "teams", db_team_options(d, v[F_TEAM].id));
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
	if (s == DB_NOT_FOUND || (s == DB_OK && m.koppeling))
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
	json_object_set_new(data, "household_text", json_string(text_count(r->arena, (long long)json_array_size(households),
	                                                                   "lopend huishouden", "lopende huishoudens")));
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
	if (s != DB_OK || audit_append(d, &e) != DB_OK ||
	    db_medewerker_audit_grants(d, r->user->id, id, 0, m.roles, r->client_addr) != DB_OK || db_commit(d) != 0) {
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
	if (s == DB_NOT_FOUND || (s == DB_OK && m.koppeling))
		return reply_error(r, ERR_NOT_FOUND, "Deze gebruiker bestaat niet.");
	if (s != DB_OK)
		return -1;
	password_generate(is->password);
	is->job.new_password = is->password;
	r->async = is;
	return pwpool_submit(r, &is->job, reset_done);
}
