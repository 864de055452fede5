/* koppeling.c - the beheerder's koppelingen: technical accounts for other
 * systems that use the JSON API.  A koppeling has a name, at most the
 * roles consulent and gebiedsteam, and optionally a team; it never signs
 * in and never acts as a person.  Its tokens are issued on
 * /beheer/api-tokens (api_tokens.c).  Beheerder only (route table). */
#include <string.h>

#include "audit.h"
#include "auth.h"
#include "db_koppeling.h"
#include "db_medewerker.h"
#include "form.h"
#include "handlers.h"

/* Every role name is a choice, so that a posted rol_privacy_officer is
 * seen and refused instead of ignored; the form offers only the two a
 * koppeling may have. */
static const struct field_rule rules[] = {
	{.name = "naam", .label = "Naam van de koppeling",
	 .kind = FIELD_LINE, .required = true, .min_len = 3, .max_len = 100},
	{.name = "rol", .label = "Rollen", .kind = FIELD_CHOICES, .required = true, .choices = role_names},
	{.name = "team", .label = "Team", .kind = FIELD_ID},
};
enum { F_NAME, F_ROLES, F_TEAM, F_COUNT };

static const char MSG_NAME_TAKEN[] = "Er is al een koppeling met deze naam. Kies een andere naam.";
static const char MSG_ROLES[] =
	"Een koppeling kan alleen de rol Consulent of Gebiedsteamlid krijgen, nooit Teamleider, Beheerder of Privacy officer.";

static int render(struct req *r, unsigned status, struct field_value *v, const char *notice)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct field_value empty[F_COUNT];
	if (!v) {
		form_validate(r->arena, NULL, rules, F_COUNT, empty);
		for (int i = 0; i < F_COUNT; i++)
			empty[i].error = NULL;
		v = empty;
	}
	json_t *data = json_object();
	form_to_page(data, rules, F_COUNT, v);
	json_t *fields = json_object_get(data, "field");
	json_t *roles = json_array();
	for (int i = 0; role_names[i]; i++)
		if ((1u << i) & KOPPELING_ROLES)
			json_array_append_new(roles, json_pack("{s:s, s:s, s:b}", "name", role_names[i], "label",
			                                       role_labels[i], "checked", (v[F_ROLES].bits >> i) & 1u));
	json_object_set_new(json_object_get(fields, "rol"), "roles", roles);
	json_object_set_new(json_object_get(fields, "team"), "teams", db_team_options(d, v[F_TEAM].id));
	size_t i;
	json_t *t;
	json_t *list = db_koppeling_list(d, now_unix());
	json_array_foreach(list, i, t)
		json_object_set_new(t, "roles_label", json_string(roles_label(r->arena,
		                    (unsigned)json_integer_value(json_object_get(t, "roles")))));
	json_object_set_new(data, "has_koppelingen", json_boolean(json_array_size(list) > 0));
	json_object_set_new(data, "koppelingen", list);
	if (notice)
		json_object_set_new(data, "notice", json_string(notice));
	return reply_page(r, status, "koppelingen", "Koppelingen", data);
}

int h_koppelingen(struct req *r)
{
	if (audit_view(r, "koppeling.list", "medewerker", 0, 0, NULL) != 0)
		return -1;
	const char *notice = req_query(r, "aangemaakt") ? "De koppeling is aangemaakt. Geef er nu een API-token voor uit."
	                   : req_query(r, "gedeactiveerd") ? "De koppeling is gedeactiveerd; haar tokens zijn ingetrokken."
	                   : NULL;
	return render(r, 200, NULL, notice);
}

int h_koppeling_create(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct field_value *v = arena_alloc(r->arena, F_COUNT * sizeof *v);
	int errors = form_validate(r->arena, r->form, rules, F_COUNT, v);
	if (!v[F_ROLES].error && (v[F_ROLES].bits & ~(unsigned)KOPPELING_ROLES)) {
		v[F_ROLES].error = MSG_ROLES;
		errors++;
	}
	if (!v[F_TEAM].error && v[F_TEAM].id && !db_team_exists(d, v[F_TEAM].id)) {
		v[F_TEAM].error = "Kies een bestaand team.";
		errors++;
	}
	if (!v[F_NAME].error) {
		bool taken;
		if (db_koppeling_name_taken(d, v[F_NAME].text, &taken) != DB_OK)
			return -1;
		if (taken) {
			v[F_NAME].error = MSG_NAME_TAKEN;
			errors++;
		}
	}
	if (errors)
		return render(r, 422, v, NULL);
	if (db_begin(d) != 0)
		return -1;
	int64_t id = 0;
	const char *roles = roles_label(r->arena, v[F_ROLES].bits);
	struct audit_entry e = {.medewerker_id = r->user->id, .action = "koppeling.create",
	                        .object_type = "medewerker", .reason = roles, .client_addr = r->client_addr};
	enum db_status s = db_koppeling_insert(d, v[F_NAME].text, v[F_ROLES].bits, v[F_TEAM].id, r->user->id, &id);
	if (s == DB_CONSTRAINT) { /* the same name, saved meanwhile */
		db_rollback(d);
		v[F_NAME].error = MSG_NAME_TAKEN;
		return render(r, 422, v, NULL);
	}
	e.object_id = id;
	if (s != DB_OK || audit_append(d, &e) != DB_OK || db_commit(d) != 0) {
		db_rollback(d);
		return -1;
	}
	return reply_redirect(r, "/beheer/koppelingen?aangemaakt=1");
}

int h_koppeling_deactivate(struct req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = db_get();
	if (!d || db_begin(d) != 0)
		return -1;
	int64_t revoked = 0;
	enum db_status s = db_koppeling_deactivate(d, id, r->user->id, now_unix(), &revoked);
	if (s == DB_NOT_FOUND) {
		db_rollback(d);
		return reply_error(r, ERR_NOT_FOUND, "Deze koppeling bestaat niet of is al gedeactiveerd.");
	}
	struct audit_entry e = {.medewerker_id = r->user->id, .action = "koppeling.deactivate",
	                        .object_type = "medewerker", .object_id = id, .client_addr = r->client_addr,
	                        .reason = arena_printf(r->arena, "%lld token(s) ingetrokken", (long long)revoked)};
	if (s != DB_OK || audit_append(d, &e) != DB_OK || db_commit(d) != 0) {
		db_rollback(d);
		return -1;
	}
	return reply_redirect(r, "/beheer/koppelingen?gedeactiveerd=1");
}
