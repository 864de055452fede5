/* router.h - the route table: every URL the server answers, the handler
 * behind it and who may reach it.  The table itself is in src/routes.c. */
#ifndef LOKET_ROUTER_H
#define LOKET_ROUTER_H

#include <stddef.h>

#include "http.h"

typedef int (*handler_fn)(struct req *r);

enum route_flags {
	/* Reachable without signing in (sign-in page, static files). */
	ROUTE_PUBLIC = 1,
	/* Reachable while the user must still change a one-time password. */
	ROUTE_DURING_PASSWORD_CHANGE = 2,
	/* POST checked against the pre-sign-in CSRF cookie instead of a
	 * session (the sign-in form itself). */
	ROUTE_PRELOGIN_CSRF = 4,
	/* A writing route that works on a closed household (require_household
	 * refuses every other one with 409): reopening it, and closing it
	 * (which answers "al afgesloten" itself). */
	ROUTE_ON_CLOSED = 8,
	/* Takes a multipart/form-data body of up to MAX_UPLOAD_BODY_BYTES (an
	 * upload of at most 20 MB, include/multipart.h) instead of 1 MiB. */
	ROUTE_UPLOAD = 16,
	/* Takes an iWmo/iJw message as its body (issue 14): up to
	 * MAX_BERICHT_BODY_BYTES instead of MAX_BODY_BYTES (OP179), and an
	 * application/xml or text/xml body is kept raw in r->body for the
	 * handler instead of being refused as an unknown media type. */
	ROUTE_BERICHT = 32
};

struct route {
	unsigned methods;     /* HTTP_* bits; GET implies HEAD */
	const char *pattern;  /* "/beheer/gebruikers/{id}", or "/static/" plus a star */
	handler_fn handler;
	unsigned roles;       /* ROLE_* bits allowed; ignored for ROUTE_PUBLIC */
	unsigned flags;
};

extern const struct route routes[];
extern const size_t routes_count;

/* Finds the route for r->method and r->path, filling r->params.  Returns
 * NULL when none matches; r->allowed_methods is then non-zero when the
 * path exists for other methods (405 rather than 404). */
const struct route *router_match(struct req *r);

#endif
