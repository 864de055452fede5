/* api_tokens.c - the beheerder issues and revokes API bearer tokens.  A
 * token belongs to a koppeling (koppeling.c), never to a person: it acts
 * as that technical account, with its limited roles.  Every token expires
 * (a year from issue at most); only its hash is kept and the token itself
 * is shown once. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "audit.h"
#include "auth.h"
#include "db_koppeling.h"
#include "form.h"
#include "handlers.h"

static const struct field_rule rules[] = {
	{.name = "naam", .label = "Naam van het token",
	 .kind = FIELD_LINE, .required = true, .min_len = 3, .max_len = 100},
	{.name = "koppeling", .label = "Koppeling", .kind = FIELD_ID, .required = true},
	{.name = "verloopt", .label = "Verloopt op", .kind = FIELD_DATE, .date_flags = DATE_NOT_PAST},
};
enum { F_NAME, F_KOPPELING, F_EXPIRES, F_COUNT };

/* The latest expiry date: a year from today (29 February becomes 28). */
static int max_expiry(char out[11])
{
	char today[11];
	date_today(today);
	int y, m, d;
	if (sscanf(today, "%4d-%2d-%2d", &y, &m, &d) != 3)
		return -1;
	if (y < 1900 || y > 9998 || m < 1 || m > 12 || d < 1 || d > 31)
		return -1;
	if (m == 2 && d == 29)
		d = 28;
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)(y + 1) % 10000u, (unsigned)m % 100u, (unsigned)d % 100u);
	return 0;
}

/* Local midnight at the start of the ISO date: the moment a token with
 * that expiry date stops working. */
static int local_midnight(const char *iso, int64_t *out)
{
	struct tm tm = {0};
	if (sscanf(iso, "%4d-%2d-%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday) != 3)
		return -1;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_isdst = -1;
	time_t t = mktime(&tm);
	if (t == (time_t)-1)
		return -1;
	*out = (int64_t)t;
	return 0;
}

/* "4-12-2027" (local date of t) into out. */
static void date_nl_of(int64_t t, char out[11])
{
	time_t tt = (time_t)t;
	struct tm tm;
	char iso[11];
	localtime_r(&tt, &tm);
	strftime(iso, sizeof iso, "%Y-%m-%d", &tm);
	fmt_date_nl(iso, out);
}

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
	int64_t now = now_unix();
	json_t *tokens = db_api_token_list(d);
	size_t i;
	json_t *t;
	json_array_foreach(tokens, i, t) {
		char when[20], date[11];
		fmt_datetime_nl(json_integer_value(json_object_get(t, "created_at")), when);
		json_object_set_new(t, "created_nl", json_string(when));
		int64_t expires = json_integer_value(json_object_get(t, "expires_at"));
		date_nl_of(expires, date);
		json_object_set_new(t, "expires_nl", json_string(date));
		json_t *rev = json_object_get(t, "revoked_at");
		if (rev) {
			fmt_datetime_nl(json_integer_value(rev), when);
			json_object_set_new(t, "revoked_nl", json_string(when));
		} else if (now >= expires) {
			json_object_set_new(t, "expired", json_true());
		} else {
			json_object_set_new(t, "open", json_true());
		}
	}
	json_object_set_new(data, "has_tokens", json_boolean(json_array_size(tokens) > 0));
	json_object_set_new(data, "tokens", tokens);
	json_t *koppelingen = db_koppeling_active(d);
	json_array_foreach(koppelingen, i, t)
		json_object_set_new(t, "selected", json_boolean(json_integer_value(json_object_get(t, "id")) ==
		                                                v[F_KOPPELING].id));
	json_object_set_new(data, "has_koppelingen", json_boolean(json_array_size(koppelingen) > 0));
	json_object_set_new(json_object_get(json_object_get(data, "field"), "koppeling"), "koppelingen", koppelingen);
	char latest[11] = "", latest_nl[11] = "";
	if (max_expiry(latest) == 0)
		fmt_date_nl(latest, latest_nl);
	json_object_set_new(data, "max_expiry_nl", json_string(latest_nl));
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

/* Checks the expiry date beyond its rule (after today, within a year) and
 * gives the moment the token stops in *expires_at.  Returns 0, or -1 with
 * the Dutch message at the field. */
static int expiry_or_error(arena *a, struct field_value *v, int64_t *expires_at)
{
	char today[11], latest[11];
	date_today(today);
	if (max_expiry(latest) != 0) {
		v->error = "De datum kan nu niet worden gecontroleerd. Probeer het opnieuw.";
		return -1;
	}
	const char *date = v->text[0] ? v->text : latest;
	if (strcmp(date, today) <= 0) {
		v->error = "Kies een datum na vandaag.";
		return -1;
	}
	if (strcmp(date, latest) > 0) {
		char nl[11];
		fmt_date_nl(latest, nl);
		v->error = arena_printf(a, "Een token is hoogstens een jaar geldig: kies %s of eerder.", nl);
		return -1;
	}
	if (local_midnight(date, expires_at) != 0) {
		v->error = "Vul een bestaande datum in, bijvoorbeeld 31-12-2026.";
		return -1;
	}
	return 0;
}

int h_api_token_create(struct req *r)
{
	struct field_value *v = arena_alloc(r->arena, F_COUNT * sizeof *v);
	int errors = form_validate(r->arena, r->form, rules, F_COUNT, v);
	db *d = db_get();
	if (!d)
		return -1;
	/* Only an active koppeling: a person's id (or anything else) is refused. */
	if (!v[F_KOPPELING].error) {
		enum db_status s = db_koppeling_check_active(d, v[F_KOPPELING].id);
		if (s == DB_ERROR)
			return -1;
		if (s == DB_NOT_FOUND) {
			v[F_KOPPELING].error = "Kies een actieve koppeling. Een token hoort nooit bij een persoon.";
			errors++;
		}
	}
	int64_t expires_at = 0;
	if (!v[F_EXPIRES].error && expiry_or_error(r->arena, &v[F_EXPIRES], &expires_at) != 0)
		errors++;
	if (errors)
		return render(r, 422, v, NULL, NULL);
	char token[TOKEN_TEXT + 6];
	bearer_token_new(token);
	unsigned char hash[32];
	token_hash(token, hash);
	int64_t id = 0;
	if (db_begin(d) != 0)
		return -1;
	if (db_api_token_insert(d, hash, v[F_KOPPELING].id, v[F_NAME].text, r->user->id, expires_at, &id) != DB_OK) {
		db_rollback(d);
		return -1;
	}
	char until[11];
	date_nl_of(expires_at, until);
	struct audit_entry e = {.medewerker_id = r->user->id, .action = "api_token.create",
	                        .object_type = "api_token", .object_id = id, .client_addr = r->client_addr,
	                        .reason = arena_printf(r->arena, "koppeling %lld, verloopt op %s",
	                                               (long long)v[F_KOPPELING].id, until)};
	if (audit_append(d, &e) != DB_OK || db_commit(d) != 0) {
		db_rollback(d);
		return -1;
	}
	struct field_value fresh[F_COUNT];
	form_validate(r->arena, NULL, rules, F_COUNT, fresh);
	for (int i = 0; i < F_COUNT; i++)
		fresh[i].error = NULL;
	int rc = render(r, 200, fresh, token, NULL);
	sodium_memzero(token, sizeof token);
	return rc;
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
