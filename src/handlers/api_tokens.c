/* api_tokens.c - the beheerder issues and revokes API bearer tokens.  A
 * token acts as the employee it is issued for; only its hash is kept and
 * the token itself is shown once. */
#include <string.h>

#include "audit.h"
#include "auth.h"
#include "db_medewerker.h"
#include "db_session.h"
#include "form.h"
#include "handlers.h"

static const struct field_rule rules[] = {
	{.name = "naam", .kind = FIELD_LINE, .required = true, .min_len = 3, .max_len = 100},
	{.name = "medewerker", .kind = FIELD_ID, .required = true},
};
enum { F_NAME, F_EMPLOYEE, F_COUNT };

static int render(struct req *r, unsigned status, struct field_value *v, const char *new_token,
                  const char *notice)
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
	json_t *tokens = db_api_token_list(d);
	size_t i;
	json_t *t;
	json_array_foreach(tokens, i, t) {
		char when[20];
		fmt_datetime_nl(json_integer_value(json_object_get(t, "created_at")), when);
		json_object_set_new(t, "created_nl", json_string(when));
		json_t *rev = json_object_get(t, "revoked_at");
		if (rev) {
			fmt_datetime_nl(json_integer_value(rev), when);
			json_object_set_new(t, "revoked_nl", json_string(when));
		}
	}
	json_object_set_new(data, "has_tokens", json_boolean(json_array_size(tokens) > 0));
	json_object_set_new(data, "tokens", tokens);
	json_t *employees = db_medewerker_list(d);
	json_t *active = json_array();
	json_array_foreach(employees, i, t) {
		if (!json_is_true(json_object_get(t, "active")))
			continue;
		json_int_t id = json_integer_value(json_object_get(t, "id"));
		json_array_append_new(active, json_pack("{s:I, s:O, s:O, s:b}", "id", id, "name",
		                      json_object_get(t, "name"), "username", json_object_get(t, "username"),
		                      "selected", id == v[F_EMPLOYEE].id));
	}
	json_decref(employees);
	json_object_set_new(data, "employees", active);
	if (new_token)
		json_object_set_new(data, "new_token", json_string(new_token));
	if (notice)
		json_object_set_new(data, "notice", json_string(notice));
	return reply_page(r, status, "api-tokens", "API-tokens", data);
}

int h_api_tokens(struct req *r)
{
	if (audit_view(r, "api_token.list", "api_token", 0, 0, NULL) != 0)
		return -1;
	return render(r, 200, NULL, NULL, req_query(r, "ingetrokken") ? "Het token is ingetrokken." : NULL);
}

int h_api_token_create(struct req *r)
{
	struct field_value v[F_COUNT];
	int errors = form_validate(r->arena, r->form, rules, F_COUNT, v);
	db *d = db_get();
	if (!d)
		return -1;
	struct medewerker m;
	if (!v[F_EMPLOYEE].error) {
		enum db_status s = db_medewerker_get(d, r->arena, v[F_EMPLOYEE].id, &m);
		if (s == DB_ERROR)
			return -1;
		if (s == DB_NOT_FOUND || !m.active) {
			v[F_EMPLOYEE].error = "Kies een actieve medewerker.";
			errors++;
		}
	}
	if (errors)
		return render(r, 422, v, NULL, NULL);
	char token[TOKEN_TEXT + 6];
	bearer_token_new(token);
	unsigned char hash[32];
	token_hash(token, hash);
	int64_t id = 0;
	if (db_begin(d) != 0)
		return -1;
	if (db_api_token_insert(d, hash, m.id, v[F_NAME].text, r->user->id, &id) != DB_OK) {
		db_rollback(d);
		return -1;
	}
	struct audit_entry e = {.medewerker_id = r->user->id, .action = "api_token.create",
	                        .object_type = "api_token", .object_id = id, .client_addr = r->client_addr};
	if (audit_append(d, &e) != DB_OK || db_commit(d) != 0) {
		db_rollback(d);
		return -1;
	}
	struct field_value fresh[F_COUNT];
	form_validate(r->arena, NULL, rules, F_COUNT, fresh);
	for (int i = 0; i < F_COUNT; i++)
		fresh[i].error = NULL;
	return render(r, 200, fresh, token, NULL);
}

int h_api_token_revoke(struct req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = db_get();
	if (!d || db_begin(d) != 0)
		return -1;
	enum db_status s = db_api_token_revoke(d, id, now_unix());
	if (s == DB_NOT_FOUND) {
		db_rollback(d);
		return reply_error(r, ERR_NOT_FOUND, "Dit token bestaat niet of is al ingetrokken.");
	}
	struct audit_entry e = {.medewerker_id = r->user->id, .action = "api_token.revoke",
	                        .object_type = "api_token", .object_id = id, .client_addr = r->client_addr};
	if (s != DB_OK || audit_append(d, &e) != DB_OK || db_commit(d) != 0) {
		db_rollback(d);
		return -1;
	}
	return reply_redirect(r, "/beheer/api-tokens?ingetrokken=1");
}
