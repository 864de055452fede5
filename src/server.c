/* server.c - libmicrohttpd set-up, the request context's life cycle and
 * dispatch: route, session, access rule, body, CSRF, handler. */
#include "server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "audit.h"
#include "auth.h"
#include "db.h"
#include "document_shared.h"
#include "form.h"
#include "multipart.h"
#include "pdf.h"
#include "handlers.h"
#include "router.h"
#include "static_files.h"

/* Requests between their first byte and completion; shutdown waits for
 * this to reach zero.  Global state, atomic. */
static atomic_int in_flight;
/* Handler threads of the running daemon, set when it starts.  Global
 * state, atomic. */
static atomic_uint handler_threads;

bool server_queue_deep(void)
{
	unsigned t = atomic_load(&handler_threads);
	int n = atomic_load(&in_flight);
	return t > 0 && n > 0 && (unsigned)n > 2 * t;
}

static enum http_method parse_method(const char *m)
{
	static const struct { const char *name; enum http_method m; } table[] = {
		{"GET", HTTP_GET}, {"HEAD", HTTP_HEAD}, {"POST", HTTP_POST}, {"PUT", HTTP_PUT},
		{"DELETE", HTTP_DELETE}, {"PATCH", HTTP_PATCH},
	};
	for (size_t i = 0; i < ARRAY_LEN(table); i++)
		if (strcmp(m, table[i].name) == 0)
			return table[i].m;
	return HTTP_OTHER;
}

static const char *client_address(struct req *r)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(r->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	char buf[INET6_ADDRSTRLEN] = "onbekend";
	if (ci && ci->client_addr) {
		const struct sockaddr *sa = ci->client_addr;
		if (sa->sa_family == AF_INET)
			inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, buf, sizeof buf);
		else if (sa->sa_family == AF_INET6)
			inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, buf, sizeof buf);
	}
	return arena_strdup(r->arena, buf);
}

/* Per connection: the request whose context is alive.  MHD calls the
 * completion callback only for requests that reached the access handler;
 * a request abandoned halfway through its headers is freed when its
 * connection closes instead. */
struct conn_state {
	struct req *current;
};

static void req_free(struct req *r)
{
	if (r->response)
		MHD_destroy_response(r->response);
	if (r->counted)
		atomic_fetch_sub(&in_flight, 1);
	json_decref(r->json);
	sb_free(&r->body);
	arena_free(r->arena);
	free(r);
}

static void on_connection(void *cls, struct MHD_Connection *conn, void **socket_context,
                          enum MHD_ConnectionNotificationCode code)
{
	if (code == MHD_CONNECTION_NOTIFY_STARTED) {
		*socket_context = xcalloc(1, sizeof(struct conn_state));
	} else if (code == MHD_CONNECTION_NOTIFY_CLOSED && *socket_context) {
		struct conn_state *cs = *socket_context;
		if (cs->current)
			req_free(cs->current);
		free(cs);
		*socket_context = NULL;
	}
}

static struct conn_state *conn_state_of(struct MHD_Connection *conn)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	return ci ? ci->socket_context : NULL;
}

static int64_t monotonic_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* A NUL (%00) ends the decoded path early, and an encoded slash (%2F)
 * would let "/huishoudens/1%2Fregie" route differently from how a proxy
 * or a log reads it: both are refused before routing. */
static bool raw_path_forbidden(const char *path, size_t n)
{
	for (size_t i = 0; i + 2 < n; i++)
		if (path[i] == '%' && ((path[i + 1] == '0' && path[i + 2] == '0') ||
		                       (path[i + 1] == '2' && (path[i + 2] == 'f' || path[i + 2] == 'F'))))
			return true;
	return false;
}

/* MHD calls this first, with the raw request-target: the moment to create
 * the request context, and the only place the full length and the raw
 * query string are visible. */
static void *on_uri(void *cls, const char *uri, struct MHD_Connection *conn)
{
	struct req *r = xcalloc(1, sizeof *r);
	r->srv = cls;
	r->conn = conn;
	r->arena = arena_new();
	r->raw_uri_len = strlen(uri);
	r->started_ms = monotonic_ms();
	const char *q = strchr(uri, '?');
	r->bad_path = raw_path_forbidden(uri, q ? (size_t)(q - uri) : r->raw_uri_len);
	if (q && r->raw_uri_len <= MAX_URI_BYTES)
		r->raw_query = arena_strdup(r->arena, q + 1);
	struct conn_state *cs = conn_state_of(conn);
	if (cs) {
		if (cs->current) /* a previous request that never completed */
			req_free(cs->current);
		cs->current = r;
	}
	return r;
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
	struct req *r = *con_cls;
	if (!r)
		return;
	struct conn_state *cs = conn_state_of(conn);
	if (cs && cs->current == r)
		cs->current = NULL;
	req_free(r);
	*con_cls = NULL;
}

const char *req_header(struct req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

const char *req_cookie(struct req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, name);
}

const char *req_query(struct req *r, const char *name)
{
	return form_get(r->query, name);
}

int64_t req_param_id(struct req *r, int i)
{
	if (i >= r->nparams)
		return 0;
	return strtoll(r->params[i], NULL, 10);
}

static bool content_type_is(struct req *r, const char *type)
{
	const char *ct = req_header(r, "Content-Type");
	if (!ct)
		return false;
	size_t n = strlen(type);
	return strncasecmp(ct, type, n) == 0 && (ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ');
}

static const char MSG_UPLOAD_TOO_LARGE[] =
	"Het bestand is te groot: een bijlage mag hoogstens 20 MB zijn. Er is niets bewaard. Maak het bestand kleiner "
	"(bijvoorbeeld een scan in een lagere resolutie) en probeer het opnieuw.";

/* Parses the body by content type.  Returns 0, or -1 after replying. */
static int parse_body(struct req *r)
{
	if (r->body.len == 0)
		return 0;
	if (content_type_is(r, "application/x-www-form-urlencoded")) {
		const char *dup = NULL;
		enum form_status s = form_parse(r->arena, r->body.buf, r->body.len, &r->form, &dup);
		if (s == FORM_DUPLICATE) {
			reply_error(r, ERR_DUPLICATE_PARAM, NULL);
			return -1;
		}
		if (s == FORM_TOO_MANY) {
			reply_error(r, ERR_TOO_LARGE, "Het formulier bevat te veel velden en is niet verwerkt.");
			return -1;
		}
		if (s != FORM_OK) {
			reply_error(r, ERR_BAD_REQUEST, "Het formulier kon niet worden gelezen.");
			return -1;
		}
		return 0;
	}
	/* An iWmo/iJw message (issue 14): the handler reads r->body itself. */
	if (r->route && (r->route->flags & ROUTE_BERICHT) &&
	    (content_type_is(r, "application/xml") || content_type_is(r, "text/xml")))
		return 0;
	/* A form with a file: a document upload, or the beheerder's upload of
	 * an incoming message. */
	if (content_type_is(r, "multipart/form-data") && r->route && (r->route->flags & (ROUTE_UPLOAD | ROUTE_BERICHT))) {
		r->upload = arena_alloc(r->arena, sizeof *r->upload);
		enum multipart_status s = multipart_parse(r->arena, req_header(r, "Content-Type"), r->body.buf,
		                                          r->body.len, &r->form, r->upload);
		if (s == MP_DUPLICATE) {
			reply_error(r, ERR_DUPLICATE_PARAM, NULL);
			return -1;
		}
		if (s != MP_OK) {
			reply_error(r, ERR_BAD_REQUEST, "Het formulier met het bestand kon niet worden gelezen.");
			return -1;
		}
		if (!r->upload->data)
			r->upload = NULL;
		return 0;
	}
	if (content_type_is(r, "application/json") && r->is_api) {
		json_error_t e;
		/* Duplicate keys are refused, as duplicate form fields are. */
		r->json = json_loadb(r->body.buf, r->body.len, JSON_REJECT_DUPLICATES, &e);
		if (!r->json) {
			reply_error(r, ERR_INVALID_JSON, NULL);
			return -1;
		}
		return 0;
	}
	reply_error(r, ERR_UNSUPPORTED_MEDIA, NULL);
	return -1;
}

/* Where an anonymous browser request goes: the sign-in page, with the page
 * it asked for (a GET on this site) to come back to after signing in. */
static const char *login_redirect(struct req *r)
{
	const char *base = r->session_expired ? "/inloggen?verlopen=1" : "/inloggen";
	if ((r->method != HTTP_GET && r->method != HTTP_HEAD) || strcmp(r->path, "/") == 0)
		return base;
	const char *back = r->raw_query ? arena_printf(r->arena, "%s?%s", r->path, r->raw_query) : r->path;
	if (!path_is_local(back))
		return base;
	return arena_printf(r->arena, "%s%cterug=%s", base, r->session_expired ? '&' : '?',
	                    url_encode_component(r->arena, back));
}

static bool unsafe_method(enum http_method m)
{
	return m != HTTP_GET && m != HTTP_HEAD;
}

static void dispatch(struct req *r)
{
	if (r->body_too_large) {
		reply_error(r, ERR_TOO_LARGE, r->route && (r->route->flags & ROUTE_UPLOAD) ? MSG_UPLOAD_TOO_LARGE : NULL);
		return;
	}
	if (r->raw_query) {
		const char *dup = NULL;
		enum form_status s = form_parse(r->arena, r->raw_query, strlen(r->raw_query), &r->query, &dup);
		if (s == FORM_DUPLICATE) {
			reply_error(r, ERR_DUPLICATE_PARAM, NULL);
			return;
		}
		if (s == FORM_TOO_MANY) {
			reply_error(r, ERR_URI_TOO_LONG, NULL);
			return;
		}
		if (s != FORM_OK) {
			reply_error(r, ERR_BAD_REQUEST, "Het webadres bevat ongeldige tekens.");
			return;
		}
	}
	const struct route *route = r->route;
	bool is_static = route && route->handler == h_static;
	if (r->is_api) {
		int b = auth_load_bearer(r);
		if (b == -2) {
			reply_error(r, ERR_UNAUTHENTICATED, "Het API-token is onbekend of ingetrokken.");
			return;
		}
		if (b == -3) {
			reply_error(r, ERR_UNAUTHENTICATED, "Het API-token is verlopen. Vraag de beheerder om een nieuw token.");
			return;
		}
		if (b < 0) {
			reply_error(r, ERR_UNAVAILABLE, NULL);
			return;
		}
	}
	if (!is_static && !r->bearer && auth_load_session(r) != 0) {
		reply_error(r, ERR_UNAVAILABLE, NULL);
		return;
	}
	if (!route) {
		if (r->allowed_methods) {
			reply_error(r, ERR_METHOD, NULL);
			strbuf allow = {0};
			if (r->allowed_methods & HTTP_GET)
				sb_puts(&allow, "GET, HEAD");
			if (r->allowed_methods & HTTP_POST)
				sb_printf(&allow, "%sPOST", allow.len ? ", " : "");
			if (r->allowed_methods & HTTP_PUT)
				sb_printf(&allow, "%sPUT", allow.len ? ", " : "");
			if (r->allowed_methods & HTTP_PATCH)
				sb_printf(&allow, "%sPATCH", allow.len ? ", " : "");
			if (r->allowed_methods & HTTP_DELETE)
				sb_printf(&allow, "%sDELETE", allow.len ? ", " : "");
			reply_header(r, "Allow", sb_str(&allow));
			sb_free(&allow);
		} else {
			reply_error(r, ERR_NOT_FOUND, NULL);
		}
		return;
	}
	if (!(route->flags & ROUTE_PUBLIC)) {
		if (!r->user) {
			if (r->is_api)
				reply_error(r, ERR_UNAUTHENTICATED, NULL);
			else
				reply_redirect(r, login_redirect(r));
			return;
		}
		if (!(r->user->roles & route->roles)) {
			reply_error(r, ERR_FORBIDDEN, NULL);
			return;
		}
		if (r->user->must_change_password && !(route->flags & ROUTE_DURING_PASSWORD_CHANGE)) {
			if (r->is_api)
				reply_error(r, ERR_FORBIDDEN, "Wijzig eerst uw eenmalige wachtwoord.");
			else
				reply_redirect(r, "/wachtwoord");
			return;
		}
	}
	if (unsafe_method(r->method)) {
		if (parse_body(r) != 0)
			return;
		if (!auth_csrf_ok(r, route->flags & ROUTE_PRELOGIN_CSRF)) {
			reply_error(r, ERR_CSRF, NULL);
			return;
		}
	}
	/* Audit rows written inside the handler's own transactions carry the
	 * request's API token (audit_append reads it on this thread). */
	audit_set_request_token(r->token_id);
	int rc = route->handler(r);
	audit_set_request_token(0);
	db_end_of_request(r->path);
	if (rc != 0 && !r->suspended && !r->response)
		reply_error(r, ERR_INTERNAL, NULL);
}

static enum MHD_Result queue(struct req *r)
{
	if (!r->response) {
		log_error("%s %s: geen antwoord gemaakt", r->method_name, r->path);
		reply_error(r, ERR_INTERNAL, NULL);
		if (!r->response)
			return MHD_NO;
	}
	http_add_security_headers(r->response);
	if (r->srv->cfg.behind_tls)
		MHD_add_response_header(r->response, "Strict-Transport-Security", "max-age=31536000");
	if (!r->cacheable)
		MHD_add_response_header(r->response, "Cache-Control", "no-store");
	for (int i = 0; i < r->ncookies; i++)
		MHD_add_response_header(r->response, "Set-Cookie", r->cookies[i]);
	enum MHD_Result ret = MHD_queue_response(r->conn, r->status, r->response);
	MHD_destroy_response(r->response);
	r->response = NULL;
	return ret;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_data_size, void **con_cls)
{
	struct req *r = *con_cls;
	if (!r)
		return MHD_NO; /* on_uri always runs first; refuse rather than guess */

	if (r->resume) {
		/* Back from the password pool: the connection was resumed. */
		resume_fn then = r->resume;
		r->resume = NULL;
		r->suspended = false;
		auditq_begin();
		audit_set_request_token(r->token_id);
		int rc = then(r);
		audit_set_request_token(0);
		db_end_of_request(r->path);
		if (rc != 0 && !r->suspended && !r->response)
			reply_error(r, ERR_INTERNAL, NULL);
		if (auditq_submit(r))
			return MHD_YES;
		return r->suspended ? MHD_YES : queue(r);
	}
	if (!r->method_name) {
		/* From here on MHD will call on_completed: the request counts as
		 * in flight for a graceful shutdown. */
		r->counted = true;
		atomic_fetch_add(&in_flight, 1);
		r->method_name = arena_strdup(r->arena, method);
		r->method = parse_method(method);
		r->path = arena_strdup(r->arena, url);
		r->is_api = strncmp(url, "/api/", 5) == 0;
		r->client_addr = client_address(r);
		if (r->raw_uri_len > MAX_URI_BYTES) {
			reply_error(r, ERR_URI_TOO_LONG, NULL);
			return queue(r);
		}
		if (r->bad_path) {
			reply_error(r, ERR_BAD_REQUEST, "Het webadres bevat ongeldige tekens.");
			return queue(r);
		}
		if (monotonic_ms() - r->started_ms > REQUEST_DEADLINE_S * 1000) {
			reply_error(r, ERR_TIMEOUT, NULL);
			return queue(r);
		}
		/* Bodies come with a length: a chunked body would be parsed by
		 * libmicrohttpd, whose own error pages carry none of our headers. */
		if (req_header(r, "Transfer-Encoding")) {
			reply_error(r, ERR_LENGTH_REQUIRED, NULL);
			return queue(r);
		}
		if (!utf8_valid(url, strlen(url))) {
			reply_error(r, ERR_NOT_FOUND, NULL);
			return queue(r);
		}
		/* The route decides how large a body may be, before any of it is
		 * read: public routes (nobody signed in yet) take small ones. */
		r->route = router_match(r);
		r->body_limit = !r->route || (r->route->flags & ROUTE_PUBLIC) ? MAX_PUBLIC_BODY_BYTES
		                : (r->route->flags & ROUTE_UPLOAD)              ? MAX_UPLOAD_BODY_BYTES
		                : (r->route->flags & ROUTE_BERICHT)             ? MAX_BERICHT_BODY_BYTES
		                                                                : MAX_BODY_BYTES;
		/* An upload's or a message's large body is read only from a client
		 * that at least claims a session or a bearer token (both are
		 * checked before the handler runs); anyone else gets the small
		 * limit. */
		if ((r->body_limit == MAX_UPLOAD_BODY_BYTES || r->body_limit == MAX_BERICHT_BODY_BYTES) &&
		    !req_cookie(r, cookie_name(r, SESSION_COOKIE)) && !req_header(r, "Authorization"))
			r->body_limit = MAX_PUBLIC_BODY_BYTES;
		const char *cl = req_header(r, "Content-Length");
		if (cl && strtoull(cl, NULL, 10) > r->body_limit) {
			reply_error(r, ERR_TOO_LARGE, r->route && (r->route->flags & ROUTE_UPLOAD) ? MSG_UPLOAD_TOO_LARGE : NULL);
			return queue(r);
		}
		return MHD_YES;
	}
	if (*upload_data_size) {
		if (monotonic_ms() - r->started_ms > REQUEST_DEADLINE_S * 1000) {
			/* A body trickled in too slowly: cut the connection off. */
			log_info("%s %s: body niet binnen %d s ontvangen; verbinding gesloten", r->method_name,
			         r->path, REQUEST_DEADLINE_S);
			return MHD_NO;
		}
		if (!r->body_too_large && r->body.len + *upload_data_size <= r->body_limit)
			sb_append(&r->body, upload_data, *upload_data_size);
		else
			r->body_too_large = true;
		*upload_data_size = 0;
		return MHD_YES;
	}
	if (r->dispatched)
		return MHD_YES;
	r->dispatched = true;
	auditq_begin();
	dispatch(r);
	/* Views' audit rows are committed (in a batch with other requests')
	 * before the response is queued. */
	if (auditq_submit(r))
		return MHD_YES;
	return r->suspended ? MHD_YES : queue(r);
}

static unsigned cpu_count(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (unsigned)n : 1;
}

/* Loads templates and static files and starts the hashing pool: what a
 * server needs before its daemon runs.  NULL (with the reason printed) on
 * failure. */
static struct server *server_open(const struct server_config *cfg)
{
	struct server *srv = xcalloc(1, sizeof *srv);
	srv->cfg = *cfg;
	char *err = NULL;
	srv->templates = tpl_set_new();
	if (tpl_set_load_dir(srv->templates, cfg->templates_dir, &err) < 0) {
		fprintf(stderr, "loket: templates: %s\n", err);
		goto fail;
	}
	srv->statics = static_load(cfg->static_dir, &err);
	if (!srv->statics) {
		fprintf(stderr, "loket: static: %s\n", err);
		goto fail;
	}
	srv->gemeente = document_gemeente_load(cfg->gemeente_path, cfg->templates_dir, &err);
	if (!srv->gemeente ||
	    document_logo_load(srv->gemeente, cfg->static_dir, &srv->logo_png, &srv->logo_png_len, &err) != 0) {
		fprintf(stderr, "loket: gemeente: %s\n", err);
		goto fail;
	}
	unsigned hash_threads = cfg->hash_threads ? cfg->hash_threads : 2;
	if (pwpool_start(hash_threads) != 0)
		goto fail;
	if (auditq_start() != 0) {
		pwpool_stop();
		goto fail;
	}
	return srv;
fail:
	free(err);
	json_decref(srv->gemeente);
	free(srv->logo_png);
	static_free(srv->statics);
	tpl_set_free(srv->templates);
	free(srv);
	return NULL;
}

static void server_close(struct server *srv)
{
	pdf_shutdown();
	auditq_stop();
	pwpool_stop();
	static_free(srv->statics);
	tpl_set_free(srv->templates);
	json_decref(srv->gemeente);
	free(srv->logo_png);
	free(srv);
}

/* The daemon with every limit and callback of the server; listen_addr NULL
 * gives one without a listening socket, fed through MHD_add_connection. */
static struct MHD_Daemon *daemon_start(struct server *srv, const struct sockaddr_in *listen_addr, unsigned threads)
{
	atomic_store(&handler_threads, threads);
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ITC;
	if (!listen_addr)
		flags |= MHD_USE_NO_LISTEN_SOCKET;
	return MHD_start_daemon(
		flags, listen_addr ? ntohs(listen_addr->sin_port) : 0, NULL, NULL, on_request, srv,
		MHD_OPTION_SOCK_ADDR, (const struct sockaddr *)listen_addr,
		MHD_OPTION_THREAD_POOL_SIZE, threads,
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)CONNECTION_TIMEOUT_S,
		MHD_OPTION_CONNECTION_LIMIT, (unsigned)CONNECTION_LIMIT,
		MHD_OPTION_PER_IP_CONNECTION_LIMIT, srv->cfg.per_address ? srv->cfg.per_address : (unsigned)DEFAULT_PER_ADDRESS,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024),
		MHD_OPTION_URI_LOG_CALLBACK, on_uri, srv,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, srv,
		MHD_OPTION_NOTIFY_CONNECTION, on_connection, srv,
		MHD_OPTION_LISTENING_ADDRESS_REUSE, 1u,
		MHD_OPTION_END);
}

struct embedded_server {
	struct server *srv;
	struct MHD_Daemon *daemon;
};

struct embedded_server *server_embedded_start(const struct server_config *cfg)
{
	signal(SIGPIPE, SIG_IGN);
	struct embedded_server *e = xcalloc(1, sizeof *e);
	e->srv = server_open(cfg);
	if (e->srv)
		e->daemon = daemon_start(e->srv, NULL, 1);
	if (!e->daemon) {
		if (e->srv)
			server_close(e->srv);
		free(e);
		return NULL;
	}
	return e;
}

int server_embedded_feed(struct embedded_server *e, int fd)
{
	/* The request comes "from" loopback, like the tests' clients. */
	struct sockaddr_in peer = {.sin_family = AF_INET, .sin_port = htons(40000),
	                           .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	return MHD_add_connection(e->daemon, fd, (const struct sockaddr *)&peer, sizeof peer) == MHD_YES ? 0 : -1;
}

void server_embedded_stop(struct embedded_server *e)
{
	MHD_stop_daemon(e->daemon);
	server_close(e->srv);
	free(e);
}

int server_run(const struct server_config *cfg)
{
	int status = 1;
	struct MHD_Daemon *daemon = NULL;
	/* SIGINT/SIGTERM are taken by sigwait below, so they must be blocked
	 * before any thread starts: a thread that has them unblocked would be
	 * picked by the kernel and the default action would kill the process
	 * in the middle of requests. */
	sigset_t sigs;
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	signal(SIGPIPE, SIG_IGN);
	struct server *srv = server_open(cfg);
	if (!srv) {
		db_close_all();
		return 1;
	}

	struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)cfg->port)};
	if (inet_pton(AF_INET, cfg->address, &addr.sin_addr) != 1) {
		fprintf(stderr, "loket: ongeldig adres %s (verwacht IPv4, zoals 127.0.0.1)\n", cfg->address);
		goto out;
	}
	unsigned threads = cfg->threads ? cfg->threads : cpu_count();
	daemon = daemon_start(srv, &addr, threads);
	if (!daemon) {
		fprintf(stderr, "loket: kan niet luisteren op %s:%u (poort bezet?)\n", cfg->address, cfg->port);
		goto out;
	}
	log_info("loket luistert op http://%s:%u met %u threads", cfg->address, cfg->port, threads);

	int sig = 0;
	sigwait(&sigs, &sig);
	log_info("signaal %d: stoppen; lopende verzoeken worden afgemaakt", sig);

	/* Stop accepting, let in-flight requests finish (at most 10 s), then
	 * close everything. */
	MHD_socket lsock = MHD_quiesce_daemon(daemon);
	if (lsock != MHD_INVALID_SOCKET)
		close(lsock);
	for (int i = 0; i < 1000 && atomic_load(&in_flight) > 0; i++) {
		struct timespec ts = {0, 10 * 1000 * 1000};
		nanosleep(&ts, NULL);
	}
	int left = atomic_load(&in_flight);
	if (left > 0)
		log_error("stoppen: %d verzoeken nog niet klaar na 10 s; ze worden afgebroken", left);
	MHD_stop_daemon(daemon);
	status = 0;
out:
	server_close(srv);
	db_close_all();
	if (status == 0)
		log_info("loket gestopt");
	return status;
}
