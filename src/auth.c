/* auth.c - password rules, tokens, sessions, CSRF and throttling. */
#include "auth.h"

#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "db_koppeling.h"
#include "db_session.h"
#include "form.h"

const char *const role_names[] = {"consulent", "gebiedsteam", "teamleider", "beheerder",
                                  "privacy_officer", "beleidsmedewerker", NULL};
const char *const role_labels[] = {"Consulent", "Gebiedsteamlid", "Teamleider", "Beheerder",
                                   "Privacy officer", "Beleidsmedewerker", NULL};

const char *roles_label(arena *a, unsigned roles)
{
	strbuf sb = {0};
	for (int i = 0; role_names[i]; i++) {
		if (!(roles & (1u << i)))
			continue;
		if (sb.len)
			sb_puts(&sb, ", ");
		sb_puts(&sb, role_labels[i]);
	}
	char *out = arena_strdup(a, sb_str(&sb));
	sb_free(&sb);
	return out;
}

int password_hash_now(const char *pw, char out[crypto_pwhash_STRBYTES])
{
	if (crypto_pwhash_str(out, pw, strlen(pw), crypto_pwhash_OPSLIMIT_INTERACTIVE,
	                      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
		log_error("crypto_pwhash_str: out of memory");
		return -1;
	}
	return 0;
}

void password_generate(char out[20])
{
	static const char alphabet[] = "abcdefghijkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY23456789";
	int o = 0;
	for (int i = 0; i < 16; i++) {
		if (i && i % 4 == 0)
			out[o++] = '-';
		out[o++] = alphabet[randombytes_uniform(sizeof alphabet - 1)];
	}
	out[o] = '\0';
}

void token_new(char out[TOKEN_TEXT])
{
	unsigned char raw[TOKEN_BYTES];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2base64(out, TOKEN_TEXT, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof raw);
}

void token_hash(const char *token, unsigned char out[32])
{
	crypto_generichash(out, 32, (const unsigned char *)token, strlen(token), NULL, 0);
}

/* A token is exactly 43 base64url characters; anything else is refused
 * before it reaches the database. */
static bool token_well_formed(const char *t)
{
	if (!t || strlen(t) != TOKEN_TEXT - 1)
		return false;
	for (const char *p = t; *p; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		      *p == '-' || *p == '_'))
			return false;
	return true;
}

/* last_seen_at is written at most once a minute: the idle timeout does not
 * need finer resolution, and reads stay free of writes. */
enum { TOUCH_INTERVAL_SECONDS = 60 };

int auth_load_session(struct req *r)
{
	const char *token = req_cookie(r, cookie_name(r, SESSION_COOKIE));
	if (!token)
		return 0;
	if (!token_well_formed(token)) {
		r->session_expired = true;
		return 0;
	}
	db *d = db_get();
	if (!d)
		return -1;
	unsigned char hash[32];
	token_hash(token, hash);
	struct session *s = arena_alloc(r->arena, sizeof *s);
	struct user *u = arena_alloc(r->arena, sizeof *u);
	enum db_status st = db_session_find(d, r->arena, hash, s, u);
	if (st == DB_ERROR)
		return -1;
	if (st == DB_NOT_FOUND) {
		r->session_expired = true;
		return 0;
	}
	int64_t now = now_unix();
	if (now - s->last_seen_at > SESSION_IDLE_SECONDS || now - s->created_at > SESSION_ABSOLUTE_SECONDS) {
		if (db_session_delete(d, s->id) == DB_ERROR)
			return -1;
		r->session_expired = true;
		return 0;
	}
	if (now - s->last_seen_at >= TOUCH_INTERVAL_SECONDS && db_session_touch(d, s->id, now) == DB_ERROR)
		return -1;
	r->session = s;
	r->user = u;
	return 0;
}

#define BEARER_PREFIX "loket_"

void bearer_token_new(char out[TOKEN_TEXT + 6])
{
	char t[TOKEN_TEXT];
	token_new(t);
	snprintf(out, TOKEN_TEXT + 6, BEARER_PREFIX "%s", t);
	sodium_memzero(t, sizeof t);
}

int auth_load_bearer(struct req *r)
{
	const char *h = req_header(r, "Authorization");
	if (!h)
		return 0;
	if (strncmp(h, "Bearer ", 7) != 0)
		return -2;
	const char *token = h + 7;
	if (strncmp(token, BEARER_PREFIX, strlen(BEARER_PREFIX)) != 0 ||
	    !token_well_formed(token + strlen(BEARER_PREFIX)))
		return -2;
	db *d = db_get();
	if (!d)
		return -1;
	unsigned char hash[32];
	token_hash(token, hash);
	struct user *u = arena_alloc(r->arena, sizeof *u);
	int64_t id = 0; /* the token's row */
	enum db_token_state state;
	enum db_status s = db_api_token_find(d, r->arena, hash, now_unix(), u, &id, &state);
	if (s == DB_ERROR)
		return -1;
	if (s == DB_NOT_FOUND)
		return -2;
	if (state == TOKEN_EXPIRED)
		return -3;
	r->user = u;
	r->bearer = true;
	r->token_id = id;
	return 1;
}

int auth_start_session(struct req *r, int64_t user_id)
{
	db *d = db_get();
	if (!d)
		return -1;
	char token[TOKEN_TEXT], csrf[TOKEN_TEXT];
	token_new(token);
	token_new(csrf);
	unsigned char hash[32];
	token_hash(token, hash);
	int64_t sid = 0;
	if (db_begin(d) != 0)
		return -1;
	struct audit_entry e = {.medewerker_id = user_id, .action = "login", .object_type = "medewerker",
	                        .object_id = user_id, .client_addr = r->client_addr};
	if (db_session_insert(d, hash, user_id, csrf, r->client_addr, now_unix(), &sid) != DB_OK ||
	    audit_append(d, &e) != DB_OK || db_commit(d) != 0) {
		db_rollback(d);
		return -1;
	}
	reply_cookie(r, SESSION_COOKIE, token, -1);
	reply_cookie(r, PRELOGIN_COOKIE, "", 0);
	r->new_csrf = arena_strdup(r->arena, csrf);
	sodium_memzero(token, sizeof token);
	return 0;
}

int auth_end_session(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	if (r->session) {
		struct audit_entry e = {.medewerker_id = r->user->id, .action = "logout",
		                        .object_type = "medewerker", .object_id = r->user->id,
		                        .client_addr = r->client_addr};
		if (db_begin(d) != 0)
			return -1;
		if (db_session_delete(d, r->session->id) != DB_OK || audit_append(d, &e) != DB_OK ||
		    db_commit(d) != 0) {
			db_rollback(d);
			return -1;
		}
	}
	reply_cookie(r, SESSION_COOKIE, "", 0);
	return 0;
}

static bool token_matches(const char *given, const char *expected)
{
	if (!given || !expected)
		return false;
	size_t n = strlen(expected);
	return n > 0 && strlen(given) == n && ct_equal(given, expected, n);
}

bool auth_csrf_ok(struct req *r, bool prelogin)
{
	/* A bearer token is no ambient credential: a browser never sends it
	 * on its own, so there is no request to forge. */
	if (r->bearer)
		return true;
	const char *given = req_header(r, "X-CSRF-Token");
	if (!given)
		given = form_get(r->form, "csrf");
	if (prelogin && !r->session) {
		const char *cookie = req_cookie(r, cookie_name(r, PRELOGIN_COOKIE));
		return token_well_formed(cookie) && token_matches(given, cookie);
	}
	return r->session && token_matches(given, r->session->csrf_token);
}

const char *auth_prelogin_token(struct req *r)
{
	const char *cookie = req_cookie(r, cookie_name(r, PRELOGIN_COOKIE));
	if (token_well_formed(cookie))
		return cookie;
	char *t = arena_alloc(r->arena, TOKEN_TEXT);
	token_new(t);
	reply_cookie(r, PRELOGIN_COOKIE, t, -1);
	return t;
}

int auth_attempt_reserve(struct req *r, const char *username, bool per_address)
{
	db *d = db_get();
	if (!d || db_begin(d) != 0)
		return -1;
	int64_t now = now_unix(), by_user = 0, by_addr = 0;
	if (db_login_failures_prune(d, now - 24 * 3600) != DB_OK ||
	    db_login_failures(d, username, r->client_addr, now - THROTTLE_WINDOW_SECONDS, &by_user,
	                      &by_addr) != DB_OK)
		goto fail;
	if (by_user >= THROTTLE_MAX_FAILURES || (per_address && by_addr >= THROTTLE_MAX_FAILURES)) {
		if (db_commit(d) != 0)
			goto fail;
		return 1;
	}
	/* An attempt that is not counted per address is stored without one
	 * (""): a signed-in employee's typos on /wachtwoord must not lock out
	 * the colleagues behind the same office address. */
	if (db_login_failure_add(d, username, per_address ? r->client_addr : "", now) != DB_OK ||
	    db_commit(d) != 0)
		goto fail;
	return 0;
fail:
	db_rollback(d);
	log_error("inlogpoging kon niet worden geteld; geweigerd");
	return -1;
}

enum db_status auth_attempt_succeeded(struct req *r, const char *username)
{
	db *d = db_get();
	return d ? db_login_failures_clear_user(d, username) : DB_ERROR;
}

void auth_attempt_failed(struct req *r, const char *action, int64_t known_id)
{
	db *d = db_get();
	if (!d || db_begin(d) != 0) {
		log_error("mislukte controle van een wachtwoord kon niet worden vastgelegd");
		return;
	}
	/* Unknown usernames are not written to the audit log: people type
	 * passwords into the username field. */
	struct audit_entry e = {.medewerker_id = r->user ? r->user->id : 0, .action = action,
	                        .object_type = known_id ? "medewerker" : NULL,
	                        .object_id = known_id, .client_addr = r->client_addr};
	if (audit_append(d, &e) != DB_OK || db_commit(d) != 0) {
		db_rollback(d);
		log_error("mislukte controle van een wachtwoord kon niet worden vastgelegd");
	}
}
