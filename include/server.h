/* server.h - configuration and the running HTTP server. */
#ifndef LOKET_SERVER_H
#define LOKET_SERVER_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "http.h"
#include "tpl.h"

struct server_config {
	const char *address;       /* listen address, default 127.0.0.1 */
	unsigned port;             /* default 8080 */
	const char *db_path;       /* default loket.db */
	const char *templates_dir; /* default templates */
	const char *static_dir;    /* default static */
	const char *gemeente_path; /* the municipality's letterhead, signatory and
	                            * bezwaar texts for documents (JSON); NULL:
	                            * templates_dir/gemeente.json (docs/documenten.md) */
	unsigned threads;          /* HTTP worker threads; 0 = CPU count */
	unsigned hash_threads;     /* password hashing workers; 0 = default */
	bool cookie_insecure;      /* plain-HTTP on loopback only */
	bool demo;                 /* load demo data into an empty database */
	unsigned per_address;      /* open connections one client address may
	                            * hold; 0 = DEFAULT_PER_ADDRESS */
	bool behind_tls;           /* a TLS-terminating proxy is in front:
	                            * send Strict-Transport-Security */
};

struct static_set;

/* Everything a request may read about the server.  Immutable once the
 * server runs, so worker threads share it without locks. */
struct server {
	struct server_config cfg;
	tpl_set *templates;
	struct static_set *statics;
	json_t *gemeente;          /* the loaded gemeente file (document_gemeente_load) */
	char *logo_png;            /* its "logo" (a PNG under static/) for the letters' */
	size_t logo_png_len;       /* letterhead, or NULL/0 (document_logo_load) */
};

enum {
	MAX_BODY_BYTES = 1024 * 1024,
	/* Upload routes (ROUTE_UPLOAD): a file of 20 MB (MAX_UPLOAD_FILE_BYTES)
	 * with its form fields and multipart framing. */
	MAX_UPLOAD_FILE_BYTES = 20 * 1024 * 1024,
	MAX_UPLOAD_BODY_BYTES = MAX_UPLOAD_FILE_BYTES + 64 * 1024,
	/* Routes flagged ROUTE_BERICHT (an incoming iWmo/iJw message, POSTed
	 * as XML or pasted in the upload form) take a message of at most 25 MB
	 * (OP179, BERICHT_MAX_BYTES) with room for the form's encoding around
	 * it; a larger body is 413 before any of it is read. */
	MAX_BERICHT_BODY_BYTES = 25 * 1024 * 1024 + 64 * 1024,
	/* Routes reachable without signing in (the sign-in form, the API's
	 * sign-in) take no more than this: nobody unknown gets a worker busy
	 * with a large body. */
	MAX_PUBLIC_BODY_BYTES = 8 * 1024,
	MAX_URI_BYTES = 4096,
	/* A connection that sends nothing for this long is closed. */
	CONNECTION_TIMEOUT_S = 15,
	/* From the first byte of a request to the last byte of its body: a
	 * client that trickles longer gets 408 (headers) or is cut off
	 * (body). */
	REQUEST_DEADLINE_S = 30,
	CONNECTION_LIMIT = 1000,
	/* Slowloris: one address cannot take all connections.  Behind a
	 * reverse proxy every client has the proxy's address: raise it there
	 * (--per-address) and let the proxy limit per client. */
	DEFAULT_PER_ADDRESS = 64
};

/* Runs the server until SIGINT/SIGTERM; returns the process exit status. */
int server_run(const struct server_config *cfg);

/* True while more requests are open than twice the handler threads: they
 * queue for a thread anyway, so the audit batcher may wait a moment for
 * more rows without adding to anyone's wait (src/auditq.c). */
bool server_queue_deep(void);

/* The same server without a listening socket, for the fuzz harness
 * (tests/fuzz/): each connection is handed over as a connected socket
 * whose peer counts as 127.0.0.1.  The database must be initialised
 * (db_init) first.  NULL on failure. */
struct embedded_server;
struct embedded_server *server_embedded_start(const struct server_config *cfg);
/* Hands fd (owned by the server from now on) over as a new connection;
 * 0 or -1. */
int server_embedded_feed(struct embedded_server *e, int fd);
void server_embedded_stop(struct embedded_server *e);

#endif
