/* http_client.h - test support: start the real server on a free loopback
 * port with a fresh database, and talk raw HTTP/1.1 to it. */
#ifndef LOKET_TEST_HTTP_CLIENT_H
#define LOKET_TEST_HTTP_CLIENT_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include <jansson.h>

enum { DEMO_USERS = 6 };

/* Index of each demo user in test_server.users, in role-bit order. */
enum { U_CONSULENT, U_GEBIEDSTEAM, U_TEAMLEIDER, U_BEHEERDER, U_PRIVACY, U_BELEID };

struct test_server {
	pid_t pid;
	int port;
	char dir[128];     /* temporary directory holding the database */
	char db[256];
	char log[256];     /* server output */
	struct { char role[32], username[64], password[64]; } users[DEMO_USERS];
};

/* Starts build/san/loket serve --demo on a free port in a new temporary
 * directory; extra_args are appended (e.g. "--cookie-insecure").  Returns
 * 0 when the server is listening. */
int ts_start(struct test_server *s, const char *const *extra_args);
/* The same on an existing database file (no demo users are printed when it
 * holds some already). */
int ts_start_db(struct test_server *s, const char *db_path, const char *const *extra_args);
/* Sends SIGTERM and waits; returns the exit status (or -1). */
int ts_stop(struct test_server *s);

struct http_resp {
	int status;
	char *head;   /* status line and headers */
	char *body;
	size_t body_len;
};

/* The first column of the first row of a query on the server's database
 * (through a connection of the test's own, with a busy timeout), or -1. */
long long ts_db_int(const struct test_server *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Runs SQL on the server's database; 0, or -1 with the error printed as a
 * "#" comment line. */
int ts_db_exec(const struct test_server *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Sends req (raw bytes) and reads the whole response (the request should
 * say Connection: close).  Returns 0 or -1. */
int http_raw(int port, const char *req, size_t len, struct http_resp *out);
void http_resp_free(struct http_resp *r);
/* The first header of that name (case-insensitive) copied into buf, or NULL. */
const char *http_header(const struct http_resp *r, const char *name, char *buf, size_t n);
/* Counts headers of that name. */
int http_header_count(const struct http_resp *r, const char *name);
bool http_body_has(const struct http_resp *r, const char *needle);

/* A browser-like client with a cookie jar. */
struct client {
	int port;
	char jar[8][2][128]; /* name, value */
	int njar;
};
void client_init(struct client *c, int port);
int client_request(struct client *c, const char *method, const char *path, const char *ctype,
                   const char *body, const char *extra_headers, struct http_resp *out);
/* The same with a body of blen bytes that may hold NUL bytes (uploads). */
int client_request_bytes(struct client *c, const char *method, const char *path, const char *ctype,
                         const char *body, size_t blen, const char *extra_headers, struct http_resp *out);
int client_get(struct client *c, const char *path, struct http_resp *out);
int client_post(struct client *c, const char *path, const char *form, struct http_resp *out);
const char *client_cookie(struct client *c, const char *name);
void client_set_cookie(struct client *c, const char *name, const char *value);

/* The value of the first hidden csrf field in an HTML body, malloc'd. */
char *html_csrf(const char *body);
/* Signs in through the form; returns the final status (303 on success). */
int client_login(struct client *c, const char *username, const char *password);
/* GET path and POST form (with the page's csrf field prepended). */
int client_post_with_csrf(struct client *c, const char *form_page, const char *path,
                          const char *form, struct http_resp *out);
/* A signed-in client with its session's CSRF token at hand. */
struct agent {
	struct client c;
	char csrf[128];
};
/* Signs in as demo user `user` (U_*) of s and fetches the CSRF token. */
bool agent_sign_in(struct agent *a, const struct test_server *s, int user);
/* Adds "anna" (Anna Kramer), a consulent of Team Nijkerk-Zuid (the demo's
 * other team, without a role in Team Noord's cases), and signs a in as
 * her. */
bool agent_sign_in_other_team(struct agent *a, const struct test_server *s);
/* These return the HTTP status, or -1 when the request failed. */
int agent_get(struct agent *a, const char *path, struct http_resp *out);
/* POSTs a form with the session's CSRF token in front. */
int agent_post(struct agent *a, const char *path, const char *form, struct http_resp *out);
/* A JSON request with X-CSRF-Token; *json (when json is not NULL) gets the
 * parsed body, or NULL. */
int agent_api(struct agent *a, const char *method, const char *path, const char *body, struct http_resp *out,
              json_t **json);

/* Percent-encodes s for a form body; malloc'd. */
char *form_escape(const char *s);

#endif
