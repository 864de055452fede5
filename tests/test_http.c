/* test_http.c - the real server on a free loopback port: headers, static
 * files and traversal, HEAD, 404/405/413/414, bad input, CSRF, sessions,
 * throttling, user management, password changes, the API's sign-in and a
 * graceful shutdown. */
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <time.h>
#include <unistd.h>

#include "form.h"
#include "util.h"

#include "http_client.h"
#include "testutil.h"

static const char CSP[] = "default-src 'none'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
                          "script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

static struct test_server S;

/* The server's database, through the test's own connection. */
#define db_int(sql) ts_db_int(&S, "%s", (sql))
#define db_exec(sql) ts_db_exec(&S, "%s", (sql))

static int get_status(struct client *c, const char *path)
{
	struct http_resp r;
	if (client_get(c, path, &r) != 0)
		return -1;
	int st = r.status;
	http_resp_free(&r);
	return st;
}

static int raw_status(const char *req, struct http_resp *keep)
{
	struct http_resp r;
	if (http_raw(S.port, req, strlen(req), &r) != 0)
		return -1;
	int st = r.status;
	if (keep)
		*keep = r;
	else
		http_resp_free(&r);
	return st;
}

static void check_security_headers(const struct http_resp *r, const char *what, bool no_store)
{
	char buf[512];
	CHECK(http_header(r, "Content-Security-Policy", buf, sizeof buf) && strcmp(buf, CSP) == 0,
	      "%s: Content-Security-Policy", what);
	CHECK(http_header(r, "X-Content-Type-Options", buf, sizeof buf) && strcmp(buf, "nosniff") == 0,
	      "%s: X-Content-Type-Options nosniff", what);
	CHECK(http_header(r, "Referrer-Policy", buf, sizeof buf) && strcmp(buf, "same-origin") == 0,
	      "%s: Referrer-Policy same-origin", what);
	/* Plain HTTP on loopback: no HSTS (only with --behind-tls). */
	CHECK(!http_header(r, "Strict-Transport-Security", buf, sizeof buf), "%s: no HSTS without --behind-tls", what);
	if (no_store)
		CHECK(http_header(r, "Cache-Control", buf, sizeof buf) && strcmp(buf, "no-store") == 0,
		      "%s: Cache-Control no-store", what);
}

static void test_headers_and_static(void)
{
	struct client c;
	client_init(&c, S.port);
	struct http_resp r;
	client_get(&c, "/inloggen", &r);
	CHECK(r.status == 200, "login page 200");
	check_security_headers(&r, "login page", true);
	CHECK(http_body_has(&r, "<html lang=\"nl\""), "login page is <html lang=nl>");
	CHECK(http_body_has(&r, "href=\"#inhoud\""), "login page has a skip link");
	http_resp_free(&r);

	client_get(&c, "/bestaat-niet", &r);
	CHECK(r.status == 404 && http_body_has(&r, "Pagina niet gevonden"), "404 page in Dutch");
	check_security_headers(&r, "404 page", true);
	http_resp_free(&r);

	client_get(&c, "/", &r);
	check_security_headers(&r, "redirect", true);
	http_resp_free(&r);

	client_get(&c, "/api/v1/ik", &r);
	CHECK(r.status == 401 && http_body_has(&r, "{\"error\":{\"code\":\"unauthenticated\",\"message\":"),
	      "API 401 is a JSON error");
	char buf[256];
	CHECK(http_header(&r, "Content-Type", buf, sizeof buf) && strcmp(buf, "application/json") == 0,
	      "API error has Content-Type application/json");
	check_security_headers(&r, "API error", true);
	http_resp_free(&r);

	client_get(&c, "/static/css/loket.css", &r);
	CHECK(r.status == 200, "static css 200");
	CHECK(http_header(&r, "Content-Type", buf, sizeof buf) && strcmp(buf, "text/css; charset=utf-8") == 0,
	      "static css MIME type");
	CHECK(http_header(&r, "Cache-Control", buf, sizeof buf) && strstr(buf, "max-age=") && !strstr(buf, "no-store"),
	      "static files are cacheable");
	check_security_headers(&r, "static file", false);
	char etag[128] = "";
	CHECK(http_header(&r, "ETag", etag, sizeof etag) != NULL, "static file has an ETag");
	http_resp_free(&r);
	char req[512];
	snprintf(req, sizeof req, "GET /static/css/loket.css HTTP/1.1\r\nHost: x\r\nConnection: close\r\nIf-None-Match: %s\r\n\r\n", etag);
	CHECK(raw_status(req, &r) == 304 && r.body_len == 0, "If-None-Match gives 304 without body");
	http_resp_free(&r);

	client_get(&c, "/static/vendor/utrecht-component-library.css", &r);
	CHECK(r.status == 200 && r.body_len > 10000, "NL Design System CSS is served");
	http_resp_free(&r);
	client_get(&c, "/static/vendor/voorbeeld-theme.css", &r);
	CHECK(r.status == 200 && http_body_has(&r, ".voorbeeld-theme"), "voorbeeld theme CSS is served");
	http_resp_free(&r);

	static const char *const traversal[] = {
		"/static/../Makefile", "/static/%2e%2e/Makefile", "/static/%2e%2e%2fMakefile",
		"/static/css/../../Makefile", "/static/css/%2E%2E/%2E%2E/Makefile", "/static//etc/passwd",
		"/static/%2fetc%2fpasswd", "/static/..%5c..%5cMakefile", "/static/./css/loket.css",
		"/static/css//loket.css", "/static/", "/static", "/etc/passwd", "/../../etc/passwd",
	};
	for (size_t i = 0; i < ARRAY_LEN(traversal); i++) {
		snprintf(req, sizeof req, "GET %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", traversal[i]);
		int st = raw_status(req, &r);
		/* An encoded slash is refused before routing (400). */
		bool slash = strstr(traversal[i], "%2f") != NULL;
		CHECK((st == 404 || (slash && st == 400)) && !http_body_has(&r, "CFLAGS") && !http_body_has(&r, "root:") &&
		      !http_body_has(&r, "loket-page {"), "no way out of static/: %s -> 404 or 400 (got %d)", traversal[i], st);
		http_resp_free(&r);
	}

	CHECK(raw_status("HEAD /inloggen HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", &r) == 200 &&
	      r.body_len == 0, "HEAD /inloggen: 200 without a body");
	check_security_headers(&r, "HEAD", true);
	http_resp_free(&r);
	CHECK(raw_status("HEAD /static/css/loket.css HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", &r) == 200 &&
	      r.body_len == 0, "HEAD on a static file: 200 without a body");
	http_resp_free(&r);

	CHECK(raw_status("DELETE /inloggen HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", &r) == 405,
	      "DELETE /inloggen is 405");
	CHECK(http_header(&r, "Allow", buf, sizeof buf) && strstr(buf, "GET") && strstr(buf, "POST"),
	      "405 names the allowed methods");
	CHECK(http_body_has(&r, "niet mogelijk"), "405 page in Dutch");
	http_resp_free(&r);
	CHECK(raw_status("BREW / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", NULL) == 405,
	      "unknown method is 405");
}

static void test_limits(void)
{
	/* 414: a request-target longer than 4096 bytes. */
	size_t n = 6000;
	char *req = malloc(n + 100);
	int len = sprintf(req, "GET /");
	memset(req + len, 'a', n);
	len += (int)n;
	len += sprintf(req + len, " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
	struct http_resp r;
	CHECK(http_raw(S.port, req, (size_t)len, &r) == 0 && r.status == 414 && http_body_has(&r, "te lang"),
	      "URL over the limit gives 414 with a Dutch page");
	http_resp_free(&r);
	free(req);

	/* 413 by Content-Length, before the body is read: 1 MiB for signed-in
	 * routes, 8 KiB for public ones (nobody known yet). */
	CHECK(raw_status("POST /api/v1/aanmeldingen HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
	                 "Content-Type: application/json\r\nContent-Length: 2000000\r\n\r\nabc", &r) == 413 &&
	      http_body_has(&r, "1 MiB"), "Content-Length over 1 MiB gives 413");
	http_resp_free(&r);
	CHECK(raw_status("POST /inloggen HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
	                 "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 9000\r\n\r\nabc", &r) == 413 &&
	      http_body_has(&r, "te groot"), "a public route refuses a body over 8 KiB: 413");
	http_resp_free(&r);

	/* Chunked bodies are refused with our own answer (and headers), so
	 * libmicrohttpd's bare error page for a bad chunk is never sent. */
	const char *chunked = "POST /api/v1/sessie HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
	                      "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
	                      "zz\r\nnot a chunk\r\n0\r\n\r\n";
	char hv[512];
	CHECK(http_raw(S.port, chunked, strlen(chunked), &r) == 0 && r.status == 411 &&
	      http_body_has(&r, "\"code\":\"length_required\"") && http_header(&r, "Content-Security-Policy", hv, sizeof hv) &&
	      http_header(&r, "X-Content-Type-Options", hv, sizeof hv),
	      "a chunked (and malformed) body gets our 411 with the security headers, not libmicrohttpd's 400");
	http_resp_free(&r);

	/* %00 and %2F in a path are refused before routing. */
	CHECK(raw_status("GET /static/css%2Floket.css HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", &r) == 400,
	      "an encoded slash in the path: 400");
	http_resp_free(&r);
	CHECK(raw_status("GET /inloggen%00.css HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", &r) == 400,
	      "an encoded NUL in the path: 400");
	http_resp_free(&r);
	CHECK(raw_status("GET /inloggen?x=%2F HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", &r) == 200,
	      "an encoded slash in the query is fine");
	http_resp_free(&r);

	/* A signed-in user's body just under 1 MiB is read. */
	struct client c;
	client_init(&c, S.port);
	CHECK(client_login(&c, S.users[U_CONSULENT].username, S.users[U_CONSULENT].password) == 303, "consulent signs in for the body limits");
	client_get(&c, "/zoeken", &r);
	char *tok = html_csrf(r.body);
	/* Security item 10: what is typed in the header's search box (a BSN)
	 * is posted, never put in the URL. */
	char header_form[256];
	snprintf(header_form, sizeof header_form, "<form method=\"post\" action=\"/zoeken\" class=\"loket-inline-form "
	         "loket-search\" role=\"search\">\n      <input type=\"hidden\" name=\"csrf\" value=\"%s\">", tok ? tok : "?");
	CHECK(r.status == 200 && http_body_has(&r, header_form) && !http_body_has(&r, "method=\"get\" action=\"/zoeken\""),
	      "the header's search box posts with the CSRF token");
	http_resp_free(&r);
	size_t fill = 1024 * 1024 - strlen(tok) - 40;
	char *form = malloc(1024 * 1024 + 1);
	len = sprintf(form, "csrf=%s&q=x&opvulling=", tok);
	memset(form + len, 'z', fill);
	form[len + (int)fill] = '\0';
	int rc = client_post(&c, "/zoeken", form, &r);
	CHECK(rc == 0 && r.status != 413, "a body under 1 MiB is read (got %d)", rc == 0 ? r.status : -1);
	http_resp_free(&r);

	/* 1 MiB of many short fields (the quadratic duplicate check took
	 * minutes of a worker for this): refused at once by the field limit,
	 * signed in or not. */
	len = sprintf(form, "csrf=%s", tok);
	for (unsigned i = 0; len + 16 < 1024 * 1024; i++)
		len += sprintf(form + len, "&%x=", i);
	rc = client_post(&c, "/zoeken", form, &r);
	CHECK(rc == 0 && r.status == 413 && http_body_has(&r, "te veel velden"),
	      "1 MiB of short fields: 413, too many fields (got %d)", rc == 0 ? r.status : -1);
	http_resp_free(&r);
	CHECK(get_status(&c, "/api/v1/status") == 200, "the server answers after the many-fields body");
	/* Many fields below the limit are parsed (in linear time) as usual. */
	len = sprintf(form, "csrf=%s&q=vries", tok);
	for (unsigned i = 0; i < FORM_MAX_FIELDS - 2; i++)
		len += sprintf(form + len, "&v%u=", i);
	rc = client_post(&c, "/zoeken", form, &r);
	CHECK(rc == 0 && r.status == 200 && http_body_has(&r, "Vries"),
	      "%d fields are within the limit and the search runs (got %d)", FORM_MAX_FIELDS, rc == 0 ? r.status : -1);
	http_resp_free(&r);
	len = sprintf(form, "gebruikersnaam=x&wachtwoord=y");
	for (unsigned i = 0; len + 16 < 1024 * 1024; i++)
		len += sprintf(form + len, "&%x=", i);
	struct client anon;
	client_init(&anon, S.port);
	rc = client_post_with_csrf(&anon, "/inloggen", "/inloggen", form, &r);
	CHECK(rc == 0 && r.status == 413,
	      "1 MiB of short fields to the sign-in form: 413 before anything is parsed (got %d)", rc == 0 ? r.status : -1);
	http_resp_free(&r);
	free(form);
	free(tok);
}

static void test_bad_input(void)
{
	struct client c;
	client_init(&c, S.port);
	struct http_resp r;
	client_get(&c, "/inloggen", &r);
	char *tok = html_csrf(r.body);
	http_resp_free(&r);
	char form[512];

	snprintf(form, sizeof form, "csrf=%s&gebruikersnaam=a&gebruikersnaam=b&wachtwoord=x", tok);
	CHECK(client_post(&c, "/inloggen", form, &r) == 0 && r.status == 400 && http_body_has(&r, "meer dan één keer"),
	      "duplicate form parameter: 400 with a Dutch message");
	http_resp_free(&r);
	CHECK(get_status(&c, "/inloggen?a=1&a=2") == 400, "duplicate query parameter: 400");
	CHECK(get_status(&c, "/inloggen?a=%zz") == 400, "bad percent-escape in the query: 400");

	snprintf(form, sizeof form, "csrf=%s&gebruikersnaam=jan%%FF%%FEde&wachtwoord=geheimgeheim", tok);
	CHECK(client_post(&c, "/inloggen", form, &r) == 0 && r.status == 422 &&
	      http_body_has(&r, "tekens die niet kunnen worden gelezen"), "invalid UTF-8 in a field: 422 with a Dutch message");
	CHECK(!strstr(r.body, "\xff"), "invalid bytes are not echoed back");
	http_resp_free(&r);

	snprintf(form, sizeof form, "csrf=%s&gebruikersnaam=%%3Cscript%%3Ealert(1)%%3C%%2Fscript%%3E&wachtwoord=", tok);
	CHECK(client_post(&c, "/inloggen", form, &r) == 0 && r.status == 422 &&
	      http_body_has(&r, "value=\"&lt;script&gt;alert(1)&lt;/script&gt;\"") && !http_body_has(&r, "<script>"),
	      "input is kept and HTML-escaped when the form comes back");
	CHECK(http_body_has(&r, "Dit veld is verplicht."), "missing password: Dutch message at the field");
	http_resp_free(&r);

	char pw129[130];
	memset(pw129, 'w', 129);
	pw129[129] = '\0';
	snprintf(form, sizeof form, "csrf=%s&gebruikersnaam=beheerder&wachtwoord=%s", tok, pw129);
	CHECK(client_post(&c, "/inloggen", form, &r) == 0 && r.status == 422 && http_body_has(&r, "hoogstens 128 tekens"),
	      "password of 129 characters: 422 with a Dutch message");
	CHECK(http_body_has(&r, "value=\"beheerder\""), "username kept after the error");
	http_resp_free(&r);

	/* CSRF */
	CHECK(client_post(&c, "/inloggen", "gebruikersnaam=a&wachtwoord=b", &r) == 0 && r.status == 403 &&
	      http_body_has(&r, "Formulier verlopen"), "sign-in POST without CSRF token: 403");
	http_resp_free(&r);
	CHECK(client_post(&c, "/inloggen", "csrf=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA&gebruikersnaam=a&wachtwoord=b", &r) == 0 &&
	      r.status == 403, "sign-in POST with a wrong CSRF token: 403");
	http_resp_free(&r);
	struct client fresh;
	client_init(&fresh, S.port);
	snprintf(form, sizeof form, "csrf=%s&gebruikersnaam=a&wachtwoord=b", tok);
	CHECK(client_post(&fresh, "/inloggen", form, &r) == 0 && r.status == 403,
	      "a token without its cookie is refused: 403");
	http_resp_free(&r);

	struct client u;
	client_init(&u, S.port);
	CHECK(client_login(&u, S.users[U_CONSULENT].username, S.users[U_CONSULENT].password) == 303, "consulent signs in");
	CHECK(client_post(&u, "/wachtwoord", "huidig_wachtwoord=a&nieuw_wachtwoord=b&herhaling=b", &r) == 0 &&
	      r.status == 403, "POST without CSRF token when signed in: 403");
	http_resp_free(&r);
	CHECK(client_post(&u, "/wachtwoord", "csrf=nietgoed&huidig_wachtwoord=a", &r) == 0 && r.status == 403,
	      "POST with a wrong CSRF token when signed in: 403");
	http_resp_free(&r);
	CHECK(client_post(&u, "/uitloggen", "", &r) == 0 && r.status == 403, "sign-out without CSRF token: 403");
	http_resp_free(&r);
	CHECK(get_status(&u, "/") == 200, "still signed in after the refused sign-out");
	CHECK(client_request(&u, "POST", "/wachtwoord", "multipart/form-data; boundary=x", "--x--", NULL, &r) == 0 &&
	      r.status == 415, "multipart body: 415");
	http_resp_free(&r);
	free(tok);
}

/* After signing in the user lands on the page asked for, only on this
 * site. */
static void test_return_path(void)
{
	struct client c;
	client_init(&c, S.port);
	struct http_resp r;
	char loc[200];
	client_get(&c, "/aanmeldingen?lijst=mijn", &r);
	CHECK(r.status == 303 && http_header(&r, "Location", loc, sizeof loc) &&
	      strcmp(loc, "/inloggen?terug=%2Faanmeldingen%3Flijst%3Dmijn") == 0,
	      "an anonymous GET goes to the sign-in page with the page asked for (%s)", loc);
	http_resp_free(&r);
	client_get(&c, loc, &r);
	CHECK(http_body_has(&r, "name=\"terug\" value=\"/aanmeldingen?lijst=mijn\""), "the sign-in form carries it");
	http_resp_free(&r);
	char form[512];
	char *u = form_escape(S.users[U_CONSULENT].username), *p = form_escape(S.users[U_CONSULENT].password);
	snprintf(form, sizeof form, "gebruikersnaam=%s&wachtwoord=%s&terug=%%2Faanmeldingen%%3Flijst%%3Dmijn", u, p);
	client_post_with_csrf(&c, loc, "/inloggen", form, &r);
	CHECK(r.status == 303 && http_header(&r, "Location", loc, sizeof loc) && strcmp(loc, "/aanmeldingen?lijst=mijn") == 0,
	      "after signing in: back on the page asked for (%s)", loc);
	http_resp_free(&r);
	static const char *const elsewhere[] = {"%2F%2Fevil.example%2F", "https%3A%2F%2Fevil.example%2F", "%2F%5Cevil.example",
	                                        "evil", "%2Fok%0D%0ASet-Cookie%3A+x%3D1"};
	for (size_t i = 0; i < ARRAY_LEN(elsewhere); i++) {
		struct client o;
		client_init(&o, S.port);
		snprintf(form, sizeof form, "gebruikersnaam=%s&wachtwoord=%s&terug=%s", u, p, elsewhere[i]);
		client_post_with_csrf(&o, "/inloggen", "/inloggen", form, &r);
		CHECK(r.status == 303 && http_header(&r, "Location", loc, sizeof loc) && strcmp(loc, "/") == 0,
		      "a return path off this site (%s) goes to Mijn werk instead (%s)", elsewhere[i], loc);
		http_resp_free(&r);
	}
	free(u);
	free(p);
}

static void test_sessions(void)
{
	struct client c;
	client_init(&c, S.port);
	CHECK(client_login(&c, S.users[U_TEAMLEIDER].username, S.users[U_TEAMLEIDER].password) == 303, "teamleider signs in");
	char first[128];
	snprintf(first, sizeof first, "%s", client_cookie(&c, "sessie") ? client_cookie(&c, "sessie") : "");
	CHECK(strlen(first) == 43, "session token is 32 bytes as base64url (43 characters)");
	char sql[512];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM session WHERE token_hash = CAST('%s' AS BLOB) OR csrf_token = '%s'", first, first);
	CHECK(db_int(sql) == 0, "the token itself is not stored");
	CHECK(db_int("SELECT count(*) FROM session WHERE length(token_hash) = 32") >= 1, "a 32-byte hash is stored");

	struct client c2;
	client_init(&c2, S.port);
	client_login(&c2, S.users[U_TEAMLEIDER].username, S.users[U_TEAMLEIDER].password);
	CHECK(client_cookie(&c2, "sessie") && strcmp(client_cookie(&c2, "sessie"), first) != 0, "a new token at every sign-in");

	/* Sign-out ends the session on the server: the old cookie is dead. */
	struct http_resp r;
	client_post_with_csrf(&c, "/", "/uitloggen", "", &r);
	char loc[256];
	CHECK(r.status == 303 && http_header(&r, "Location", loc, sizeof loc) && strcmp(loc, "/inloggen?uitgelogd=1") == 0,
	      "sign-out redirects to the sign-in page");
	http_resp_free(&r);
	struct client replay;
	client_init(&replay, S.port);
	client_set_cookie(&replay, "sessie", first);
	CHECK(get_status(&replay, "/") == 303, "the signed-out token no longer works");
	CHECK(get_status(&c2, "/") == 200, "the other session still works");

	/* Idle timeout: 30 minutes without a request. */
	snprintf(sql, sizeof sql, "UPDATE session SET last_seen_at = last_seen_at - 1801, created_at = created_at - 1801");
	db_exec(sql);
	client_get(&c2, "/", &r);
	CHECK(r.status == 303 && http_header(&r, "Location", loc, sizeof loc) && strcmp(loc, "/inloggen?verlopen=1") == 0,
	      "idle session expires after 30 minutes");
	http_resp_free(&r);
	client_get(&c2, "/inloggen?verlopen=1", &r);
	CHECK(http_body_has(&r, "Uw sessie is verlopen"), "the sign-in page says the session expired");
	http_resp_free(&r);
	CHECK(get_status(&c2, "/api/v1/ik") == 401, "expired session on the API: 401");

	/* Absolute timeout: 12 hours, however active. */
	struct client c3;
	client_init(&c3, S.port);
	client_login(&c3, S.users[U_TEAMLEIDER].username, S.users[U_TEAMLEIDER].password);
	CHECK(get_status(&c3, "/") == 200, "fresh session works");
	db_exec("UPDATE session SET created_at = created_at - 43201");
	CHECK(get_status(&c3, "/") == 303, "session expires after 12 hours even when active");

	/* A malformed cookie is treated as no session. */
	struct client junk;
	client_init(&junk, S.port);
	client_set_cookie(&junk, "sessie", "'; DROP TABLE session; --");
	CHECK(get_status(&junk, "/") == 303, "malformed session cookie: back to sign-in");
}

static void test_secure_cookies(void)
{
	struct test_server s2;
	if (ts_start(&s2, NULL) != 0) {
		T_FAIL("server with secure cookies starts", "see %s", s2.log);
		return;
	}
	struct client c;
	client_init(&c, s2.port);
	struct http_resp r;
	client_get(&c, "/inloggen", &r);
	char buf[512];
	CHECK(http_header(&r, "Set-Cookie", buf, sizeof buf) && strncmp(buf, "__Host-inlog=", 13) == 0 &&
	      strstr(buf, "; Secure") && strstr(buf, "HttpOnly") && strstr(buf, "SameSite=Lax") && strstr(buf, "Path=/"),
	      "pre-sign-in cookie is __Host- with Secure, HttpOnly, SameSite=Lax, Path=/");
	http_resp_free(&r);
	CHECK(client_login(&c, s2.users[U_CONSULENT].username, s2.users[U_CONSULENT].password) == 303, "sign-in with secure cookies");
	const char *sess = client_cookie(&c, "__Host-sessie");
	CHECK(sess && strlen(sess) == 43, "session cookie is named __Host-sessie");
	CHECK(get_status(&c, "/") == 200, "the __Host- session cookie signs in");
	CHECK(ts_stop(&s2) == 0, "secure-cookie server stops cleanly");
	/* --cookie-insecure is refused on a non-loopback address. */
	struct test_server s3;
	CHECK(ts_start(&s3, (const char *const[]){"--cookie-insecure", "--address", "0.0.0.0", NULL}) != 0,
	      "--cookie-insecure is refused off loopback");
	if (s3.pid > 0)
		ts_stop(&s3);
}

/* Extracts the one-time password shown in a <code> element. */
static char *one_time_password(const char *body)
{
	const char *p = body ? strstr(body, "loket-secret\">") : NULL;
	if (!p)
		return NULL;
	p += strlen("loket-secret\">");
	const char *end = strchr(p, '<');
	return end ? strndup(p, (size_t)(end - p)) : NULL;
}

static void test_user_management(void)
{
	struct client admin;
	client_init(&admin, S.port);
	CHECK(client_login(&admin, S.users[U_BEHEERDER].username, S.users[U_BEHEERDER].password) == 303, "beheerder signs in");
	struct http_resp r;

	client_post_with_csrf(&admin, "/beheer/gebruikers/nieuw", "/beheer/gebruikers/nieuw",
	                      "naam=Fatima+Yilmaz&gebruikersnaam=Fatima+Y!&email=geen-mail&team=", &r);
	CHECK(r.status == 422, "invalid new user: 422");
	CHECK(http_body_has(&r, "Gebruik alleen kleine letters"), "username charset message at the field");
	CHECK(http_body_has(&r, "geldig e-mailadres"), "email message at the field");
	CHECK(http_body_has(&r, "Kies minstens één mogelijkheid"), "roles required message");
	CHECK(http_body_has(&r, "value=\"Fatima Yilmaz\""), "name kept after errors");
	http_resp_free(&r);

	client_post_with_csrf(&admin, "/beheer/gebruikers/nieuw", "/beheer/gebruikers/nieuw",
	                      "naam=Sanne&gebruikersnaam=CONSULENT&rol_consulent=1", &r);
	CHECK(r.status == 422 || r.status == 200, "existing username (other case) handled");
	http_resp_free(&r);
	client_post_with_csrf(&admin, "/beheer/gebruikers/nieuw", "/beheer/gebruikers/nieuw",
	                      "naam=Sanne&gebruikersnaam=consulent&rol_consulent=1", &r);
	CHECK(r.status == 422 && http_body_has(&r, "al in gebruik"), "existing username: 422 with message");
	http_resp_free(&r);

	client_post_with_csrf(&admin, "/beheer/gebruikers/nieuw", "/beheer/gebruikers/nieuw",
	                      "naam=Fatima+Yilmaz&gebruikersnaam=f.yilmaz&email=f.yilmaz%40nijkerk.nl&rol_consulent=1&rol_teamleider=1&team=1", &r);
	CHECK(r.status == 200 && http_body_has(&r, "Gebruiker aangemaakt"), "beheerder creates a user");
	char *otp = one_time_password(r.body);
	CHECK(otp && strlen(otp) == 19, "a one-time password is shown once");
	CHECK(http_body_has(&r, "Consulent, Teamleider"), "roles shown");
	http_resp_free(&r);
	long long id = db_int("SELECT id FROM medewerker WHERE username = 'f.yilmaz'");
	CHECK(db_int("SELECT must_change_password FROM medewerker WHERE username = 'f.yilmaz'") == 1,
	      "new user must change the one-time password");
	CHECK(db_int("SELECT count(*) FROM medewerker WHERE password_hash LIKE '$argon2id$%'") >= 6,
	      "passwords are stored as Argon2id hashes");

	struct client f;
	client_init(&f, S.port);
	CHECK(otp && client_login(&f, "f.yilmaz", otp) == 303, "new user signs in with the one-time password");
	client_get(&f, "/", &r);
	char loc[256];
	CHECK(r.status == 303 && http_header(&r, "Location", loc, sizeof loc) && strcmp(loc, "/wachtwoord") == 0,
	      "with a one-time password every page leads to /wachtwoord");
	http_resp_free(&r);

	char form[512];
	snprintf(form, sizeof form, "huidig_wachtwoord=%s&nieuw_wachtwoord=kort&herhaling=kort", otp ? otp : "");
	client_post_with_csrf(&f, "/wachtwoord", "/wachtwoord", form, &r);
	CHECK(r.status == 422 && http_body_has(&r, "minstens 12 tekens"), "new password under 12 characters refused");
	http_resp_free(&r);
	char pw129[130];
	memset(pw129, 'q', 129);
	pw129[129] = '\0';
	snprintf(form, sizeof form, "huidig_wachtwoord=%s&nieuw_wachtwoord=%s&herhaling=%s", otp ? otp : "", pw129, pw129);
	client_post_with_csrf(&f, "/wachtwoord", "/wachtwoord", form, &r);
	CHECK(r.status == 422 && http_body_has(&r, "hoogstens 128 tekens"), "new password of 129 characters refused");
	http_resp_free(&r);
	/* The blocklist (security item 10): a common password, and the user
	 * name twice, refused at the field with the form shown again. */
	snprintf(form, sizeof form, "huidig_wachtwoord=%s&nieuw_wachtwoord=Wachtwoord123&herhaling=Wachtwoord123",
	         otp ? otp : "");
	client_post_with_csrf(&f, "/wachtwoord", "/wachtwoord", form, &r);
	CHECK(r.status == 422 && http_body_has(&r, "id=\"nieuw_wachtwoord-fout\">Dit wachtwoord staat op de lijst van "
	                                           "veelgebruikte wachtwoorden"),
	      "a common password is refused with the message at the field");
	CHECK(http_body_has(&r, "<a class=\"utrecht-link\" href=\"#nieuw_wachtwoord\">Nieuw wachtwoord: dit wachtwoord staat op de lijst") &&
	      http_body_has(&r, "name=\"huidig_wachtwoord\"") && http_body_has(&r, "name=\"nieuw_wachtwoord\"") &&
	      http_body_has(&r, "name=\"herhaling\"") && http_body_has(&r, "aria-invalid=\"true\"") &&
	      !http_body_has(&r, "Wachtwoord123"),
	      "the error summary names the field, the three fields are shown again, the password not echoed");
	http_resp_free(&r);
	snprintf(form, sizeof form, "huidig_wachtwoord=%s&nieuw_wachtwoord=f.yilmazf.yilmaz&herhaling=f.yilmazf.yilmaz",
	         otp ? otp : "");
	client_post_with_csrf(&f, "/wachtwoord", "/wachtwoord", form, &r);
	CHECK(r.status == 422 && http_body_has(&r, "Gebruik niet uw gebruikersnaam of naam als wachtwoord"),
	      "the user name twice is refused");
	http_resp_free(&r);
	snprintf(form, sizeof form, "huidig_wachtwoord=%s&nieuw_wachtwoord=++++++++++++&herhaling=++++++++++++",
	         otp ? otp : "");
	client_post_with_csrf(&f, "/wachtwoord", "/wachtwoord", form, &r);
	CHECK(r.status == 422 && http_body_has(&r, "herhaalt steeds hetzelfde teken"), "12 spaces are refused");
	http_resp_free(&r);
	CHECK(db_int("SELECT must_change_password FROM medewerker WHERE username = 'f.yilmaz'") == 1,
	      "nothing was changed by the refused passwords");
	snprintf(form, sizeof form, "huidig_wachtwoord=%s&nieuw_wachtwoord=een+lange+zin+om+te+onthouden&herhaling=een+andere+zin+dus+fout", otp ? otp : "");
	client_post_with_csrf(&f, "/wachtwoord", "/wachtwoord", form, &r);
	CHECK(r.status == 422 && http_body_has(&r, "niet gelijk"), "repeat must match");
	http_resp_free(&r);
	client_post_with_csrf(&f, "/wachtwoord", "/wachtwoord",
	                      "huidig_wachtwoord=verkeerd-wachtwoord&nieuw_wachtwoord=een+lange+zin+om+te+onthouden&herhaling=een+lange+zin+om+te+onthouden", &r);
	CHECK(r.status == 422 && http_body_has(&r, "niet uw huidige wachtwoord"), "wrong current password refused");
	http_resp_free(&r);
	snprintf(form, sizeof form, "huidig_wachtwoord=%s&nieuw_wachtwoord=een+lange+zin+om+te+onthouden&herhaling=een+lange+zin+om+te+onthouden", otp ? otp : "");
	client_post_with_csrf(&f, "/wachtwoord", "/wachtwoord", form, &r);
	CHECK(r.status == 200 && http_body_has(&r, "Wachtwoord gewijzigd"), "password changed");
	http_resp_free(&r);
	CHECK(get_status(&f, "/") == 200, "after the change the start page opens");
	struct client f2;
	client_init(&f2, S.port);
	CHECK(client_login(&f2, "f.yilmaz", "een lange zin om te onthouden") == 303, "signs in with the new password");
	struct client f2b;
	client_init(&f2b, S.port);
	int st = otp ? client_login(&f2b, "f.yilmaz", otp) : -1;
	CHECK(st == 401, "the one-time password no longer works (%d)", st);
	free(otp);

	/* Deactivate: sessions end and sign-in is refused. */
	char path[128];
	snprintf(path, sizeof path, "/beheer/gebruikers/%lld/deactiveren", id);
	char page[128];
	snprintf(page, sizeof page, "/beheer/gebruikers/%lld", id);
	client_post_with_csrf(&admin, page, path, "", &r);
	CHECK(r.status == 303, "beheerder deactivates the user");
	http_resp_free(&r);
	CHECK(get_status(&f, "/") == 303, "a deactivated user's session ends");
	struct client f3;
	client_init(&f3, S.port);
	CHECK(client_login(&f3, "f.yilmaz", "een lange zin om te onthouden") == 401, "a deactivated user cannot sign in");
	client_get(&admin, page, &r);
	CHECK(http_body_has(&r, "Gedeactiveerd"), "user page shows the deactivation");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/beheer/gebruikers/%lld/activeren", id);
	client_post_with_csrf(&admin, page, path, "", &r);
	http_resp_free(&r);
	CHECK(client_login(&f3, "f.yilmaz", "een lange zin om te onthouden") == 303, "reactivated user signs in again");

	/* Reset: a new one-time password; the old password stops working. */
	snprintf(path, sizeof path, "/beheer/gebruikers/%lld/wachtwoord", id);
	client_post_with_csrf(&admin, page, path, "", &r);
	char *otp2 = one_time_password(r.body);
	CHECK(r.status == 200 && otp2, "beheerder issues a new one-time password");
	http_resp_free(&r);
	CHECK(get_status(&f3, "/") == 303, "reset ends the user's sessions");
	struct client f4;
	client_init(&f4, S.port);
	CHECK(client_login(&f4, "f.yilmaz", "een lange zin om te onthouden") == 401, "old password refused after reset");
	CHECK(otp2 && client_login(&f4, "f.yilmaz", otp2) == 303, "new one-time password works");
	free(otp2);

	/* The beheerder cannot lock themselves out. */
	long long self = db_int("SELECT id FROM medewerker WHERE username = 'beheerder'");
	snprintf(path, sizeof path, "/beheer/gebruikers/%lld/deactiveren", self);
	snprintf(page, sizeof page, "/beheer/gebruikers/%lld", self);
	client_post_with_csrf(&admin, page, path, "", &r);
	CHECK(r.status == 403, "beheerder cannot deactivate their own account");
	http_resp_free(&r);
}

static void test_api_session(void)
{
	struct client c;
	client_init(&c, S.port);
	struct http_resp r;
	client_get(&c, "/api/v1/sessie", &r);
	CHECK(r.status == 200 && http_body_has(&r, "\"ingelogd\":false"), "API: session info when signed out");
	char *p = strstr(r.body, "\"csrf\":\"");
	char tok[64] = "";
	if (p)
		snprintf(tok, sizeof tok, "%.43s", p + 8);
	http_resp_free(&r);
	char hdr[128], body[256];
	snprintf(hdr, sizeof hdr, "X-CSRF-Token: %s\r\n", tok);
	snprintf(body, sizeof body, "{\"gebruikersnaam\":\"%s\",\"wachtwoord\":\"%s\"}",
	         S.users[U_GEBIEDSTEAM].username, S.users[U_GEBIEDSTEAM].password);
	CHECK(client_request(&c, "POST", "/api/v1/sessie", "application/json", body, NULL, &r) == 0 && r.status == 403 &&
	      http_body_has(&r, "\"code\":\"csrf\""), "API sign-in without X-CSRF-Token: 403");
	http_resp_free(&r);
	CHECK(client_request(&c, "POST", "/api/v1/sessie", "application/json", "{\"gebruikersnaam\":", hdr, &r) == 0 &&
	      r.status == 400 && http_body_has(&r, "\"code\":\"invalid_json\""), "API: invalid JSON is 400");
	http_resp_free(&r);
	CHECK(client_request(&c, "POST", "/api/v1/sessie", "application/json",
	                     "{\"gebruikersnaam\":\"a\",\"gebruikersnaam\":\"b\"}", hdr, &r) == 0 && r.status == 400,
	      "API: duplicate JSON keys are 400");
	http_resp_free(&r);
	CHECK(client_request(&c, "POST", "/api/v1/sessie", "application/json", "{\"gebruikersnaam\":5}", hdr, &r) == 0 &&
	      r.status == 422 && http_body_has(&r, "\"fields\":{") && http_body_has(&r, "\"wachtwoord\":"),
	      "API: field errors are 422 with per-field messages");
	http_resp_free(&r);
	CHECK(client_request(&c, "POST", "/api/v1/sessie", "text/plain", "x", hdr, &r) == 0 && r.status == 415,
	      "API: other content types are 415");
	http_resp_free(&r);
	CHECK(client_request(&c, "POST", "/api/v1/sessie", "application/json", body, hdr, &r) == 0 && r.status == 200 &&
	      http_body_has(&r, "\"gebruikersnaam\":\"gebiedsteam\"") && http_body_has(&r, "\"rollen\":[\"gebiedsteam\"]"),
	      "API sign-in returns the employee");
	p = strstr(r.body ? r.body : "", "\"csrf\":\"");
	char session_tok[64] = "";
	if (p)
		snprintf(session_tok, sizeof session_tok, "%.43s", p + 8);
	http_resp_free(&r);
	CHECK(get_status(&c, "/api/v1/ik") == 200, "API: /ik with the session cookie");
	CHECK(client_request(&c, "DELETE", "/api/v1/sessie", NULL, NULL, NULL, &r) == 0 && r.status == 403,
	      "API sign-out without CSRF header: 403");
	http_resp_free(&r);
	snprintf(hdr, sizeof hdr, "X-CSRF-Token: %s\r\n", session_tok);
	CHECK(client_request(&c, "DELETE", "/api/v1/sessie", NULL, NULL, hdr, &r) == 0 && r.status == 200,
	      "API sign-out with the session's CSRF token");
	http_resp_free(&r);
	CHECK(get_status(&c, "/api/v1/ik") == 401, "API: signed out");
}

/* The password pool runs beside the HTTP threads: with one HTTP thread,
 * a page request answered while four sign-ins are being hashed proves
 * hashing does not hold the thread. */
static void test_hashing_does_not_stall(void)
{
	struct test_server s1;
	if (ts_start(&s1, (const char *const[]){"--cookie-insecure", "--threads", "1", NULL}) != 0) {
		T_FAIL("single-thread server starts", "see %s", s1.log);
		return;
	}
	struct client c;
	client_init(&c, s1.port);
	struct http_resp r;
	client_get(&c, "/inloggen", &r);
	char *tok = html_csrf(r.body);
	http_resp_free(&r);
	int socks[4];
	for (int i = 0; i < 4; i++) {
		char req[1024];
		char form[256];
		snprintf(form, sizeof form, "csrf=%s&gebruikersnaam=%s&wachtwoord=%s", tok,
		         s1.users[i].username, s1.users[i].password);
		int n = snprintf(req, sizeof req, "POST /inloggen HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
		                 "Cookie: inlog=%s\r\nContent-Type: application/x-www-form-urlencoded\r\n"
		                 "Content-Length: %zu\r\n\r\n%s", tok, strlen(form), form);
		socks[i] = socket(AF_INET, SOCK_STREAM, 0);
		struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)s1.port),
		                        .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
		connect(socks[i], (struct sockaddr *)&a, sizeof a);
		send(socks[i], req, (size_t)n, 0);
	}
	CHECK(get_status(&c, "/static/css/loket.css") == 200, "a page is served while sign-ins are hashed");
	struct pollfd pf[4];
	for (int i = 0; i < 4; i++)
		pf[i] = (struct pollfd){.fd = socks[i], .events = POLLIN};
	int ready = poll(pf, 4, 0);
	CHECK(ready < 4, "the page came back before all four hashed sign-ins (%d ready)", ready);
	int ok = 0;
	for (int i = 0; i < 4; i++) {
		char buf[64] = "";
		struct timeval tv = {30, 0};
		setsockopt(socks[i], SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
		if (recv(socks[i], buf, sizeof buf - 1, 0) > 0 && strncmp(buf, "HTTP/1.1 303", 12) == 0)
			ok++;
		close(socks[i]);
	}
	CHECK(ok == 4, "all four sign-ins succeed (%d)", ok);
	free(tok);

	/* Graceful shutdown: a sign-in in flight when SIGTERM arrives is
	 * still answered, and the process exits 0. */
	client_get(&c, "/inloggen", &r);
	tok = html_csrf(r.body);
	http_resp_free(&r);
	char form[256], req[1024];
	snprintf(form, sizeof form, "csrf=%s&gebruikersnaam=%s&wachtwoord=%s", tok, s1.users[0].username, s1.users[0].password);
	int n = snprintf(req, sizeof req, "POST /inloggen HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
	                 "Cookie: inlog=%s\r\nContent-Type: application/x-www-form-urlencoded\r\n"
	                 "Content-Length: %zu\r\n\r\n%s", tok, strlen(form), form);
	int sock = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)s1.port),
	                        .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	connect(sock, (struct sockaddr *)&a, sizeof a);
	send(sock, req, (size_t)n, 0);
	struct timespec pause = {0, 20 * 1000 * 1000};
	nanosleep(&pause, NULL);
	kill(s1.pid, SIGTERM);
	char buf[64] = "";
	struct timeval tv = {30, 0};
	setsockopt(sock, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
	CHECK(recv(sock, buf, sizeof buf - 1, 0) > 0 && strncmp(buf, "HTTP/1.1 303", 12) == 0,
	      "a request in flight at SIGTERM is finished");
	close(sock);
	free(tok);
	CHECK(ts_stop(&s1) == 0, "server exits 0 after SIGTERM");
	char wal[300];
	snprintf(wal, sizeof wal, "%s-wal", s1.db);
	CHECK(access(wal, F_OK) != 0, "databases closed: the WAL file is checkpointed away");
}

static char *shown_token(const char *body)
{
	const char *p = body ? strstr(body, "loket-secret\">loket_") : NULL;
	if (!p)
		return NULL;
	p += strlen("loket-secret\">");
	const char *end = strchr(p, '<');
	return end ? strndup(p, (size_t)(end - p)) : NULL;
}

static int bearer_status(const char *method, const char *path, const char *token)
{
	struct client c;
	client_init(&c, S.port);
	char hdr[256];
	snprintf(hdr, sizeof hdr, "Authorization: Bearer %s\r\n", token);
	struct http_resp r;
	if (client_request(&c, method, path, NULL, NULL, hdr, &r) != 0)
		return -1;
	int st = r.status;
	http_resp_free(&r);
	return st;
}

static void test_api_tokens(void)
{
	struct client admin;
	client_init(&admin, S.port);
	CHECK(client_login(&admin, S.users[U_BEHEERDER].username, S.users[U_BEHEERDER].password) == 303,
	      "beheerder signs in for API tokens");
	/* Tokens belong to a koppeling (the demo has one), never to a person. */
	long long kop = db_int("SELECT id FROM medewerker WHERE soort = 'koppeling' AND name = 'Zorgaanbieder-portaal'");
	char form[256];
	snprintf(form, sizeof form, "naam=x&koppeling=%lld", kop);
	struct http_resp r;
	client_post_with_csrf(&admin, "/beheer/api-tokens", "/beheer/api-tokens", form, &r);
	CHECK(r.status == 422 && http_body_has(&r, "minstens 3 tekens"), "token name too short: 422 at the field");
	http_resp_free(&r);
	snprintf(form, sizeof form, "naam=Koppeling+Suite&koppeling=%lld", kop);
	client_post_with_csrf(&admin, "/beheer/api-tokens", "/beheer/api-tokens", form, &r);
	char *token = shown_token(r.body);
	CHECK(r.status == 200 && token && strlen(token) == 49, "beheerder issues a token, shown once");
	http_resp_free(&r);
	if (!token)
		return;
	char sql[256];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM api_token WHERE CAST(token_hash AS TEXT) = '%s'", token);
	CHECK(db_int(sql) == 0 && db_int("SELECT count(*) FROM api_token WHERE length(token_hash) = 32") == 1,
	      "only the token's hash is stored");

	struct client c;
	client_init(&c, S.port);
	char hdr[256];
	snprintf(hdr, sizeof hdr, "Authorization: Bearer %s\r\n", token);
	client_request(&c, "GET", "/api/v1/ik", NULL, NULL, hdr, &r);
	CHECK(r.status == 200 && http_body_has(&r, "\"naam\":\"Zorgaanbieder-portaal\"") &&
	      http_body_has(&r, "\"rollen\":[\"consulent\"]"), "a bearer token acts as its koppeling, with its roles");
	http_resp_free(&r);
	CHECK(bearer_status("DELETE", "/api/v1/sessie", token) == 200, "bearer requests need no CSRF token");
	CHECK(bearer_status("GET", "/", token) == 303, "a bearer token does not sign in to the browser pages");
	token[10] ^= 1;
	CHECK(bearer_status("GET", "/api/v1/ik", token) == 401, "an unknown bearer token: 401");
	token[10] ^= 1;
	CHECK(bearer_status("GET", "/api/v1/ik", "loket_kort") == 401, "a malformed bearer token: 401");

	long long id = db_int("SELECT id FROM api_token ORDER BY id DESC LIMIT 1");
	char path[64];
	snprintf(path, sizeof path, "/beheer/api-tokens/%lld/intrekken", id);
	client_post_with_csrf(&admin, "/beheer/api-tokens", path, "", &r);
	CHECK(r.status == 303, "beheerder revokes the token");
	http_resp_free(&r);
	CHECK(bearer_status("GET", "/api/v1/ik", token) == 401, "a revoked token: 401");
	client_post_with_csrf(&admin, "/beheer/api-tokens", path, "", &r);
	CHECK(r.status == 404, "revoking twice: 404");
	http_resp_free(&r);
	CHECK(db_int("SELECT count(*) FROM audit WHERE action IN ('api_token.create', 'api_token.revoke')") == 2,
	      "issuing and revoking are audited");
	free(token);
}

/* Last: these failures lock out the test's address. */
static void test_throttling(void)
{
	struct client c;
	client_init(&c, S.port);
	for (int i = 0; i < 5; i++)
		CHECK(client_login(&c, S.users[U_PRIVACY].username, "verkeerd-wachtwoord-nr") == 401,
		      "wrong password %d: 401 with a message", i + 1);
	struct http_resp r;
	char form[256];
	snprintf(form, sizeof form, "gebruikersnaam=%s&wachtwoord=%s", S.users[U_PRIVACY].username, S.users[U_PRIVACY].password);
	client_post_with_csrf(&c, "/inloggen", "/inloggen", form, &r);
	CHECK(r.status == 429 && http_body_has(&r, "Te veel mislukte inlogpogingen"),
	      "6th attempt within 15 minutes is refused, even with the right password");
	http_resp_free(&r);
	CHECK(db_int("SELECT count(*) FROM audit WHERE action = 'login.failed'") >= 5, "failed sign-ins are audited");

	/* Per address: failures spread over other accounts also count. */
	struct client api;
	client_init(&api, S.port);
	client_get(&api, "/api/v1/sessie", &r);
	char *p = strstr(r.body, "\"csrf\":\"");
	char hdr[128] = "";
	if (p)
		snprintf(hdr, sizeof hdr, "X-CSRF-Token: %.43s\r\n", p + 8);
	http_resp_free(&r);
	char body[256];
	snprintf(body, sizeof body, "{\"gebruikersnaam\":\"%s\",\"wachtwoord\":\"%s\"}",
	         S.users[U_CONSULENT].username, S.users[U_CONSULENT].password);
	CHECK(client_request(&api, "POST", "/api/v1/sessie", "application/json", body, hdr, &r) == 0 && r.status == 429 &&
	      http_body_has(&r, "\"code\":\"too_many_requests\""), "API: the address is throttled too: 429");
	http_resp_free(&r);
}

int main(void)
{
	if (ts_start(&S, (const char *const[]){"--cookie-insecure", NULL}) != 0) {
		T_FAIL("server start", "see %s", S.log);
		T_EXIT();
	}
	test_headers_and_static();
	test_limits();
	test_return_path();
	test_bad_input();
	test_sessions();
	test_user_management();
	test_api_session();
	test_api_tokens();
	test_throttling();
	CHECK(ts_stop(&S) == 0, "server exits 0 after SIGTERM");
	test_secure_cookies();
	test_hashing_does_not_stall();

	/* The audit chain survived everything above. */
	char cmd[512];
	snprintf(cmd, sizeof cmd, "build/san/loket audit-verify --db %s > /dev/null", S.db);
	CHECK(system(cmd) == 0, "audit chain verifies after the whole run");
	T_EXIT();
}
