/* test_liveness.c - every route of the table, requested with each way of
 * being signed in (none, a session cookie, an API bearer token), on ids
 * that exist and ids that do not, with an empty form or JSON body for
 * writing methods.  Whatever a route answers, the server must stay alive
 * and answer with a status it means (never a 5xx, never a dropped
 * connection).  Found this way first: GET /api/v1/sessie with a bearer
 * token read a session that token requests do not have, and crashed. */
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "http_client.h"
#include "router.h"
#include "testutil.h"

enum mode { M_NONE, M_SESSION, M_BEARER, NMODES };
static const char *const mode_title[NMODES] = {"zonder inloggen", "sessie", "bearer-token"};

static const char *method_name(unsigned m)
{
	return m & HTTP_GET ? "GET" : m & HTTP_POST ? "POST" : m & HTTP_DELETE ? "DELETE"
	     : m & HTTP_PUT ? "PUT" : m & HTTP_PATCH ? "PATCH" : "?";
}

/* The pattern with every {id} replaced by id and a star by a real file. */
static void concrete(const char *pattern, long long id, char *out, size_t n)
{
	size_t o = 0;
	for (const char *p = pattern; *p && o + 24 < n;) {
		if (strncmp(p, "{id}", 4) == 0) {
			o += (size_t)snprintf(out + o, n - o, "%lld", id);
			p += 4;
		} else if (*p == '*') {
			o += (size_t)snprintf(out + o, n - o, "css/loket.css");
			p++;
		} else {
			out[o++] = *p++;
		}
	}
	out[o] = '\0';
}

/* Statuses a route may mean; a 5xx or anything else is a finding. */
static bool proper(int status)
{
	static const int ok[] = {200, 201, 204, 303, 400, 401, 403, 404, 405, 409, 413, 415, 422, 429};
	for (size_t i = 0; i < ARRAY_LEN(ok); i++)
		if (status == ok[i])
			return true;
	return false;
}

/* A bearer token of the koppeling id, written straight into the database
 * as the beheerder's form would (only its hash is stored), valid a day. */
static bool make_token(struct test_server *s, long long koppeling, char out[80])
{
	unsigned char raw[32], hash[32];
	randombytes_buf(raw, sizeof raw);
	char b64[64];
	sodium_bin2base64(b64, sizeof b64, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	snprintf(out, 80, "loket_%s", b64);
	token_hash(out, hash);
	char hex[65];
	sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
	return ts_db_exec(s, "INSERT INTO api_token(token_hash, medewerker_id, name, created_by, created_at, expires_at)"
	                     " VALUES (x'%s', %lld, 'liveness', %lld, strftime('%%s','now'), strftime('%%s','now') + 86400)",
	                  hex, koppeling, koppeling) == 0;
}

static char *session_csrf(struct client *c)
{
	struct http_resp r;
	if (client_get(c, "/api/v1/sessie", &r) != 0)
		return NULL;
	char *p = r.body ? strstr(r.body, "\"csrf\":\"") : NULL;
	char *tok = p ? strndup(p + 8, 43) : NULL;
	http_resp_free(&r);
	return tok;
}

int main(void)
{
	if (sodium_init() < 0)
		return 1;
	struct test_server s;
	/* Told it runs behind TLS: every answer carries HSTS. */
	if (ts_start(&s, (const char *const[]){"--cookie-insecure", "--behind-tls", NULL}) != 0) {
		T_FAIL("server start", "see %s", s.log);
		T_EXIT();
	}
	long long tl = ts_db_int(&s, "%s", "SELECT id FROM medewerker WHERE username = 'teamleider'");
	long long kop = ts_db_int(&s, "%s", "SELECT min(id) FROM medewerker WHERE soort = 'koppeling'");
	long long hh = ts_db_int(&s, "%s", "SELECT min(id) FROM huishouden");
	char token[80];
	/* The koppeling works on the household (casusteam), so that bearer
	 * requests reach its contents, not only the access refusal. */
	CHECK(tl > 0 && kop > 0 && hh > 0 && make_token(&s, kop, token) &&
	      ts_db_exec(&s, "INSERT INTO casusteam(huishouden_id, medewerker_id, added_by, added_at)"
	                     " VALUES (%lld, %lld, %lld, 0)", hh, kop, tl) == 0,
	      "a bearer token for the demo koppeling, in the household's casusteam");
	char bearer[128];
	snprintf(bearer, sizeof bearer, "Authorization: Bearer %s\r\n", token);

	struct client hc;
	client_init(&hc, s.port);
	struct http_resp hr;
	char hv[128];
	CHECK(client_get(&hc, "/inloggen", &hr) == 0 && http_header(&hr, "Strict-Transport-Security", hv, sizeof hv) &&
	      strcmp(hv, "max-age=31536000") == 0, "--behind-tls: Strict-Transport-Security on every answer");
	http_resp_free(&hr);

	const long long ids[] = {hh, 999999};
	int requests = 0, answered = 0;
	for (int mode = 0; mode < NMODES; mode++) {
		struct client c;
		client_init(&c, s.port);
		if (mode == M_SESSION)
			CHECK(client_login(&c, s.users[U_TEAMLEIDER].username, s.users[U_TEAMLEIDER].password) == 303,
			      "the teamleider signs in");
		for (size_t i = 0; i < routes_count; i++) {
			const struct route *rt = &routes[i];
			const char *method = method_name(rt->methods);
			bool writes = strcmp(method, "GET") != 0;
			bool api = strncmp(rt->pattern, "/api/", 5) == 0;
			for (size_t k = 0; k < ARRAY_LEN(ids); k++) {
				if (k > 0 && !strstr(rt->pattern, "{id}"))
					break;
				char path[256];
				concrete(rt->pattern, ids[k], path, sizeof path);
				char *csrf = mode == M_BEARER ? NULL : session_csrf(&c);
				char headers[256] = "", body[256] = "";
				const char *ctype = NULL;
				if (mode == M_BEARER)
					snprintf(headers, sizeof headers, "%s", bearer);
				else if (writes && csrf)
					snprintf(headers, sizeof headers, "X-CSRF-Token: %s\r\n", csrf);
				if (writes && api) {
					snprintf(body, sizeof body, "{}");
					ctype = "application/json";
				} else if (writes) {
					snprintf(body, sizeof body, "csrf=%s", csrf ? csrf : "");
				}
				struct http_resp r;
				int rc = client_request(&c, method, path, ctype, writes ? body : NULL, headers, &r);
				requests++;
				int status = rc == 0 ? r.status : -1;
				if (rc == 0 && proper(status))
					answered++;
				else
					T_FAIL("a proper answer", "%s %s (%s): %d", method, path, mode_title[mode], status);
				if (rc == 0)
					http_resp_free(&r);
				free(csrf);
				/* Still alive after every request. */
				struct http_resp h;
				if (client_request(&c, "GET", "/api/v1/status", NULL, NULL, NULL, &h) != 0 || h.status != 200) {
					T_FAIL("server alive", "after %s %s (%s)", method, path, mode_title[mode]);
					goto out;
				}
				http_resp_free(&h);
				/* Signing out ends the session: sign in again. */
				if (mode == M_SESSION && (strcmp(path, "/uitloggen") == 0 || strcmp(path, "/api/v1/sessie") == 0) &&
				    writes)
					client_login(&c, s.users[U_TEAMLEIDER].username, s.users[U_TEAMLEIDER].password);
			}
		}
	}
out:
	CHECK(requests > 3 * (int)routes_count && answered == requests,
	      "every route x {none, session, bearer}: %d requests, %d answered properly", requests, answered);
	CHECK(ts_stop(&s) == 0, "server stops cleanly");
	T_EXIT();
}
