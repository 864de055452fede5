/* http.h - the request context and the reply helpers every handler uses.
 *
 * A struct req is created when libmicrohttpd first sees a request (in the
 * URI log callback) and freed only in the completion callback; it owns an
 * arena from which everything request-scoped is allocated, and the Jansson
 * page data.  Handlers never free what the context owns. */
#ifndef LOKET_HTTP_H
#define LOKET_HTTP_H

#include <jansson.h>
#include <microhttpd.h>
#include <stdbool.h>
#include <stdint.h>

#include "util.h"

struct server;
struct req;
struct form;

enum http_method {
	HTTP_GET = 1,
	HTTP_HEAD = 2,
	HTTP_POST = 4,
	HTTP_PUT = 8,
	HTTP_DELETE = 16,
	HTTP_PATCH = 32,
	HTTP_OTHER = 64
};

/* Role bits, as stored in medewerker.roles. */
enum role {
	ROLE_CONSULENT = 1,
	ROLE_GEBIEDSTEAM = 2,
	ROLE_TEAMLEIDER = 4,
	ROLE_BEHEERDER = 8,
	ROLE_PRIVACY = 16,
	ROLE_BELEID = 32 /* beleidsmedewerker: aggregate figures only, never a household (issue 16) */
};
#define ROLE_ALL 63

struct user {
	int64_t id;
	const char *username;
	const char *name;
	unsigned roles;
	int64_t team_id; /* 0 when none */
	bool must_change_password;
};

struct session {
	int64_t id;
	const char *csrf_token;
	int64_t created_at, last_seen_at;
};

/* Error codes: one enum behind every error reply, HTML or JSON. */
enum err_code {
	ERR_BAD_REQUEST,        /* 400 */
	ERR_DUPLICATE_PARAM,    /* 400 */
	ERR_INVALID_JSON,       /* 400 */
	ERR_VALIDATION,         /* 422, API only: fields in detail */
	ERR_UNAUTHENTICATED,    /* 401 */
	ERR_CSRF,               /* 403 */
	ERR_FORBIDDEN,          /* 403 */
	ERR_NOT_FOUND,          /* 404 */
	ERR_METHOD,             /* 405 */
	ERR_TIMEOUT,            /* 408: the request arrived too slowly */
	ERR_CONFLICT,           /* 409 */
	ERR_LENGTH_REQUIRED,    /* 411: a body without Content-Length */
	ERR_TOO_LARGE,          /* 413 */
	ERR_URI_TOO_LONG,       /* 414 */
	ERR_UNSUPPORTED_MEDIA,  /* 415 */
	ERR_THROTTLED,          /* 429 */
	ERR_INTERNAL,           /* 500 */
	ERR_UNAVAILABLE         /* 503 */
};

typedef int (*resume_fn)(struct req *r);

struct route;

struct req {
	struct MHD_Connection *conn;
	const struct server *srv;
	arena *arena;

	enum http_method method;
	const char *method_name;
	const char *path;        /* decoded URL path, without the query */
	size_t raw_uri_len;      /* request-target length as received */
	const char *client_addr;
	bool is_api;             /* path under /api/ */

	const struct route *route; /* matched when the headers are complete */
	size_t body_limit;       /* MAX_BODY_BYTES, MAX_PUBLIC_BODY_BYTES or MAX_UPLOAD_BODY_BYTES */
	bool bad_path;           /* %00 or %2F in the raw path: refused */
	int64_t started_ms;      /* monotonic: the request line arrived */

	strbuf body;
	bool body_too_large;
	bool dispatched;
	bool counted;            /* counted in the server's in-flight requests */
	const char *raw_query;   /* text after '?' in the request-target, or NULL */
	struct form *query;      /* parsed query string */
	struct form *form;       /* parsed urlencoded body */
	json_t *json;            /* JSON body (API), owned */
	struct upload *upload;   /* the file part of a multipart body (upload
	                          * routes only), or NULL; points into body */

	const char *params[4];   /* {id} path segments, as text */
	int nparams;
	unsigned allowed_methods; /* for 405: methods the path does accept */

	struct user *user;       /* NULL when not signed in */
	struct session *session;
	bool session_expired;    /* a cookie was sent but its session ended */
	bool bearer;             /* r->user comes from an API bearer token */
	int64_t token_id;        /* that token's api_token id (0: none); goes
	                          * into every audit row of the request */
	const char *new_csrf;    /* CSRF token of a session started by this request */

	/* The response being built, and Set-Cookie values to put on it. */
	struct MHD_Response *response;
	unsigned status;
	bool cacheable;          /* static files only; everything else no-store */
	const char *cookies[4];
	int ncookies;

	/* Asynchronous work (password hashing): the handler suspends the
	 * connection and sets resume; the server calls resume once the work is
	 * done and the connection is resumed. */
	resume_fn resume;
	void *async;
	bool suspended;

	/* Audit rows of views made by this request, written by the audit
	 * batcher (src/auditq.c) in one transaction with other requests' rows
	 * before the response leaves; audit_failed when that commit failed. */
	struct audit_pending *audit_pending;
	bool audit_failed;
};

/* ---- request input ------------------------------------------------------ */

/* A request header, or NULL. */
const char *req_header(struct req *r, const char *name);
/* A cookie value, or NULL. */
const char *req_cookie(struct req *r, const char *name);
/* Path parameter i as a positive int64, or 0 when absent/invalid. */
int64_t req_param_id(struct req *r, int i);
/* Query-string argument, or NULL (duplicates are rejected at dispatch). */
const char *req_query(struct req *r, const char *name);

/* ---- replies (all set r->response and r->status) ------------------------ */

/* Renders template name with data (reference stolen) inside the layout:
 * adds the signed-in user, navigation, CSRF token and title.  Always sends
 * Cache-Control: no-store. */
int reply_page(struct req *r, unsigned status, const char *template_name, const char *title,
               json_t *data);
/* 303 See Other to a local path. */
int reply_redirect(struct req *r, const char *location);
/* JSON body (reference stolen). */
int reply_json(struct req *r, unsigned status, json_t *body);
/* A body of content type type; buf is malloc'd and taken over (freed also
 * on failure).  For downloads such as CSV exports. */
int reply_buffer(struct req *r, unsigned status, char *buf, size_t len, const char *type);
/* The one error reply: a Dutch HTML page, or {"error":{"code","message"}}
 * under /api/.  message may be NULL for the default text of code. */
int reply_error(struct req *r, enum err_code code, const char *message);
/* 422 for the API with per-field messages: fields is {"field": "message"}
 * (reference stolen). */
int reply_json_validation(struct req *r, json_t *fields);
/* Adds a header to the pending response (after one of the above). */
void reply_header(struct req *r, const char *name, const char *value);

/* Sets a cookie on the pending response with the server's attributes
 * (__Host- prefix, Secure, HttpOnly, SameSite=Lax, Path=/).  max_age < 0
 * means a session cookie; 0 deletes it. */
void reply_cookie(struct req *r, const char *name, const char *value, long max_age);
/* The name a cookie gets on the wire: "__Host-<name>" when cookies are
 * Secure, plain "<name>" on plain-HTTP localhost. */
const char *cookie_name(struct req *r, const char *name);

/* Security headers every response carries (CSP and friends). */
void http_add_security_headers(struct MHD_Response *resp);

const char *http_status_text(unsigned status);

#endif
