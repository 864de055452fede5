/* http_client.c - see http_client.h. */
#include "http_client.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* The server keeps Dutch local time whatever the machine's zone
 * (src/main.c: LOKET_TZ, default Europe/Amsterdam).  A test's own "today"
 * (localtime, SQLite's 'localtime') must be the server's, also in the hour
 * or two around midnight when the machine's UTC date is another day: every
 * test program linked with this file takes the same zone before main. */
__attribute__((constructor)) static void same_zone_as_server(void)
{
	const char *tz = getenv("LOKET_TZ");
	setenv("TZ", tz && *tz ? tz : "Europe/Amsterdam", 1);
	tzset();
}

static int free_port(void)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	socklen_t len = sizeof a;
	if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof a) != 0 ||
	    getsockname(fd, (struct sockaddr *)&a, &len) != 0) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	close(fd);
	return ntohs(a.sin_port);
}

static int start(struct test_server *s, const char *const *extra_args);

int ts_start(struct test_server *s, const char *const *extra_args)
{
	memset(s, 0, sizeof *s);
	snprintf(s->dir, sizeof s->dir, "/tmp/loket-test-XXXXXX");
	if (!mkdtemp(s->dir))
		return -1;
	snprintf(s->db, sizeof s->db, "%s/loket.db", s->dir);
	return start(s, extra_args);
}

int ts_start_db(struct test_server *s, const char *db_path, const char *const *extra_args)
{
	memset(s, 0, sizeof *s);
	snprintf(s->dir, sizeof s->dir, "/tmp/loket-test-XXXXXX");
	if (!mkdtemp(s->dir))
		return -1;
	snprintf(s->db, sizeof s->db, "%s", db_path);
	return start(s, extra_args);
}

static int start(struct test_server *s, const char *const *extra_args)
{
	snprintf(s->log, sizeof s->log, "%s/server.log", s->dir);
	s->port = free_port();
	char port[16];
	snprintf(port, sizeof port, "%d", s->port);
	const char *argv[32] = {"build/san/loket", "serve", "--demo", "--port", port, "--db", s->db};
	int argc = 7;
	for (int i = 0; extra_args && extra_args[i] && argc < 30; i++)
		argv[argc++] = extra_args[i];
	argv[argc] = NULL;
	s->pid = fork();
	if (s->pid < 0)
		return -1;
	if (s->pid == 0) {
		/* The iWmo/iJw release the messages are validated against. */
		if (!getenv("LOKET_ISTANDAARDEN")) {
			const char *shared = getenv("LOKET_SHARED");
			char rel[512];
			snprintf(rel, sizeof rel, "%s/conformance/istandaarden", shared && *shared ? shared : "../shared");
			setenv("LOKET_ISTANDAARDEN", rel, 1);
		}
		int fd = open(s->log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		dup2(fd, 1);
		dup2(fd, 2);
		execv(argv[0], (char *const *)argv);
		_exit(127);
	}
	/* Wait for the "luistert op" line (ASan start-up can take a while). */
	for (int tries = 0; tries < 600; tries++) {
		FILE *f = fopen(s->log, "r");
		char line[512];
		bool listening = false;
		int n = 0;
		while (f && fgets(line, sizeof line, f)) {
			if (strstr(line, "luistert op"))
				listening = true;
			char role[32], user[64], pw[64];
			if (sscanf(line, "demo-gebruiker rol=%31s gebruikersnaam=%63s wachtwoord=%63s", role, user, pw) == 3 &&
			    n < DEMO_USERS) {
				snprintf(s->users[n].role, sizeof s->users[n].role, "%s", role);
				snprintf(s->users[n].username, sizeof s->users[n].username, "%s", user);
				snprintf(s->users[n].password, sizeof s->users[n].password, "%s", pw);
				n++;
			}
		}
		if (f)
			fclose(f);
		if (listening)
			return 0;
		int status;
		if (waitpid(s->pid, &status, WNOHANG) == s->pid) {
			s->pid = 0;
			return -1;
		}
		struct timespec ts = {0, 50 * 1000 * 1000};
		nanosleep(&ts, NULL);
	}
	return -1;
}

int ts_stop(struct test_server *s)
{
	if (s->pid <= 0)
		return -1;
	kill(s->pid, SIGTERM);
	int status = 0;
	for (int i = 0; i < 300; i++) {
		if (waitpid(s->pid, &status, WNOHANG) == s->pid) {
			s->pid = 0;
			return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
		}
		struct timespec ts = {0, 50 * 1000 * 1000};
		nanosleep(&ts, NULL);
	}
	kill(s->pid, SIGKILL);
	waitpid(s->pid, &status, 0);
	s->pid = 0;
	return -1;
}

int http_raw(int port, const char *req, size_t len, struct http_resp *out)
{
	memset(out, 0, sizeof *out);
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port),
	                        .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	if (fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	struct timeval tv = {30, 0};
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
	size_t sent = 0;
	while (sent < len) {
		ssize_t n = send(fd, req + sent, len - sent, MSG_NOSIGNAL);
		if (n <= 0)
			break; /* the server may answer early (413) and close */
		sent += (size_t)n;
	}
	size_t cap = 65536, got = 0;
	char *buf = malloc(cap + 1);
	for (;;) {
		if (got == cap) {
			cap *= 2;
			buf = realloc(buf, cap + 1);
		}
		ssize_t n = recv(fd, buf + got, cap - got, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	buf[got] = '\0';
	char *sep = strstr(buf, "\r\n\r\n");
	if (!sep || sscanf(buf, "HTTP/1.%*d %d", &out->status) != 1) {
		free(buf);
		return -1;
	}
	*sep = '\0';
	out->head = buf;
	out->body = sep + 4;
	out->body_len = got - (size_t)(out->body - buf);
	return 0;
}

void http_resp_free(struct http_resp *r)
{
	free(r->head);
	memset(r, 0, sizeof *r);
}

static const char *next_header(const char *p, const char *name, const char **value, size_t *vlen)
{
	size_t n = strlen(name);
	while (p && (p = strstr(p, "\r\n"))) {
		p += 2;
		if (strncasecmp(p, name, n) == 0 && p[n] == ':') {
			const char *v = p + n + 1;
			while (*v == ' ')
				v++;
			const char *end = strstr(v, "\r\n");
			*value = v;
			*vlen = end ? (size_t)(end - v) : strlen(v);
			return v;
		}
	}
	return NULL;
}

const char *http_header(const struct http_resp *r, const char *name, char *buf, size_t n)
{
	const char *v;
	size_t vlen;
	if (!r->head || !next_header(r->head, name, &v, &vlen))
		return NULL;
	if (vlen >= n)
		vlen = n - 1;
	memcpy(buf, v, vlen);
	buf[vlen] = '\0';
	return buf;
}

int http_header_count(const struct http_resp *r, const char *name)
{
	int count = 0;
	const char *p = r->head, *v;
	size_t vlen;
	while (p && (p = next_header(p, name, &v, &vlen)))
		count++;
	return count;
}

bool http_body_has(const struct http_resp *r, const char *needle)
{
	return r->body && strstr(r->body, needle) != NULL;
}

void client_init(struct client *c, int port)
{
	memset(c, 0, sizeof *c);
	c->port = port;
}

void client_set_cookie(struct client *c, const char *name, const char *value)
{
	for (int i = 0; i < c->njar; i++) {
		if (strcmp(c->jar[i][0], name) == 0) {
			if (!value) {
				c->jar[i][0][0] = '\0';
				c->jar[i][1][0] = '\0';
			} else {
				snprintf(c->jar[i][1], sizeof c->jar[i][1], "%s", value);
			}
			return;
		}
	}
	for (int i = 0; i < c->njar; i++) {
		if (!c->jar[i][0][0] && value) {
			snprintf(c->jar[i][0], sizeof c->jar[i][0], "%s", name);
			snprintf(c->jar[i][1], sizeof c->jar[i][1], "%s", value);
			return;
		}
	}
	if (value && c->njar < 8) {
		snprintf(c->jar[c->njar][0], sizeof c->jar[0][0], "%s", name);
		snprintf(c->jar[c->njar][1], sizeof c->jar[0][1], "%s", value);
		c->njar++;
	}
}

const char *client_cookie(struct client *c, const char *name)
{
	for (int i = 0; i < c->njar; i++)
		if (strcmp(c->jar[i][0], name) == 0)
			return c->jar[i][1];
	return NULL;
}

static void absorb_cookies(struct client *c, const struct http_resp *r)
{
	const char *p = r->head, *v;
	size_t vlen;
	while (p && (p = next_header(p, "Set-Cookie", &v, &vlen))) {
		char line[512];
		snprintf(line, sizeof line, "%.*s", (int)vlen, v);
		char *eq = strchr(line, '='), *semi = strchr(line, ';');
		if (!eq)
			continue;
		*eq = '\0';
		if (semi)
			*semi = '\0';
		bool deleted = strstr(v, "Max-Age=0") && (size_t)(strstr(v, "Max-Age=0") - v) < vlen;
		client_set_cookie(c, line, deleted ? NULL : eq + 1);
	}
}

int client_request(struct client *c, const char *method, const char *path, const char *ctype,
                   const char *body, const char *extra_headers, struct http_resp *out)
{
	return client_request_bytes(c, method, path, ctype, body, body ? strlen(body) : 0, extra_headers, out);
}

int client_request_bytes(struct client *c, const char *method, const char *path, const char *ctype,
                         const char *body, size_t blen, const char *extra_headers, struct http_resp *out)
{
	size_t cap = 4096 + blen + strlen(path);
	char *req = malloc(cap);
	int n = snprintf(req, cap, "%s %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nConnection: close\r\n",
	                 method, path, c->port);
	if (c->njar) {
		n += snprintf(req + n, cap - (size_t)n, "Cookie: ");
		bool first = true;
		for (int i = 0; i < c->njar; i++) {
			if (!c->jar[i][0][0])
				continue;
			n += snprintf(req + n, cap - (size_t)n, "%s%s=%s", first ? "" : "; ", c->jar[i][0], c->jar[i][1]);
			first = false;
		}
		n += snprintf(req + n, cap - (size_t)n, "\r\n");
	}
	if (extra_headers)
		n += snprintf(req + n, cap - (size_t)n, "%s", extra_headers);
	if (body)
		n += snprintf(req + n, cap - (size_t)n, "Content-Type: %s\r\nContent-Length: %zu\r\n",
		              ctype ? ctype : "application/x-www-form-urlencoded", blen);
	n += snprintf(req + n, cap - (size_t)n, "\r\n");
	if (body) {
		memcpy(req + n, body, blen);
		n += (int)blen;
	}
	int rc = http_raw(c->port, req, (size_t)n, out);
	free(req);
	if (rc == 0)
		absorb_cookies(c, out);
	return rc;
}

int client_get(struct client *c, const char *path, struct http_resp *out)
{
	return client_request(c, "GET", path, NULL, NULL, NULL, out);
}

int client_post(struct client *c, const char *path, const char *form, struct http_resp *out)
{
	return client_request(c, "POST", path, NULL, form, NULL, out);
}

char *html_csrf(const char *body)
{
	const char *p = body ? strstr(body, "name=\"csrf\" value=\"") : NULL;
	if (!p)
		return NULL;
	p += strlen("name=\"csrf\" value=\"");
	const char *end = strchr(p, '"');
	return end ? strndup(p, (size_t)(end - p)) : NULL;
}

char *form_escape(const char *s)
{
	char *out = malloc(strlen(s) * 3 + 1), *o = out;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    *p == '-' || *p == '_' || *p == '.')
			*o++ = (char)*p;
		else
			o += sprintf(o, "%%%02X", *p);
	}
	*o = '\0';
	return out;
}

int client_post_with_csrf(struct client *c, const char *form_page, const char *path,
                          const char *form, struct http_resp *out)
{
	struct http_resp page;
	if (client_get(c, form_page, &page) != 0)
		return -1;
	char *token = html_csrf(page.body);
	http_resp_free(&page);
	if (!token)
		return -1;
	size_t n = strlen(token) + strlen(form) + 16;
	char *body = malloc(n);
	snprintf(body, n, "csrf=%s%s%s", token, *form ? "&" : "", form);
	int rc = client_post(c, path, body, out);
	free(body);
	free(token);
	return rc;
}

int client_login(struct client *c, const char *username, const char *password)
{
	char *u = form_escape(username), *p = form_escape(password);
	size_t n = strlen(u) + strlen(p) + 64;
	char *form = malloc(n);
	snprintf(form, n, "gebruikersnaam=%s&wachtwoord=%s", u, p);
	struct http_resp r;
	int rc = client_post_with_csrf(c, "/inloggen", "/inloggen", form, &r);
	free(form);
	free(u);
	free(p);
	if (rc != 0)
		return -1;
	int status = r.status;
	http_resp_free(&r);
	return status;
}

static char *vformat(const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap);
	char *out = malloc((size_t)(n > 0 ? n : 0) + 1);
	vsnprintf(out, (size_t)(n > 0 ? n : 0) + 1, fmt, ap2);
	va_end(ap2);
	return out;
}

long long ts_db_int(const struct test_server *s, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *sql = vformat(fmt, ap);
	va_end(ap);
	sqlite3 *db;
	sqlite3_stmt *st;
	long long v = -1;
	if (sqlite3_open(s->db, &db) == SQLITE_OK) {
		sqlite3_busy_timeout(db, 5000);
		if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
			if (sqlite3_step(st) == SQLITE_ROW)
				v = sqlite3_column_int64(st, 0);
			sqlite3_finalize(st);
		}
	}
	sqlite3_close(db);
	free(sql);
	return v;
}

int ts_db_exec(const struct test_server *s, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *sql = vformat(fmt, ap);
	va_end(ap);
	sqlite3 *db;
	int rc = sqlite3_open(s->db, &db);
	char *err = NULL;
	if (rc == SQLITE_OK) {
		sqlite3_busy_timeout(db, 5000);
		rc = sqlite3_exec(db, sql, NULL, NULL, &err);
		if (rc != SQLITE_OK)
			printf("# sql: %s: %s\n", sql, err ? err : sqlite3_errmsg(db));
	}
	sqlite3_free(err);
	sqlite3_close(db);
	free(sql);
	return rc == SQLITE_OK ? 0 : -1;
}

static bool agent_login(struct agent *a, int port, const char *username, const char *password);

bool agent_sign_in(struct agent *a, const struct test_server *s, int user)
{
	return agent_login(a, s->port, s->users[user].username, s->users[user].password);
}

/* Signs a's client in with username/password and fetches the CSRF token. */
static bool agent_login(struct agent *a, int port, const char *username, const char *password)
{
	client_init(&a->c, port);
	if (client_login(&a->c, username, password) != 303)
		return false;
	struct http_resp r;
	if (client_get(&a->c, "/api/v1/sessie", &r) != 0)
		return false;
	json_t *j = json_loads(r.body, 0, NULL);
	const char *tok = json_string_value(json_object_get(j, "csrf"));
	snprintf(a->csrf, sizeof a->csrf, "%s", tok ? tok : "");
	json_decref(j);
	http_resp_free(&r);
	return a->csrf[0] != '\0';
}

bool agent_sign_in_other_team(struct agent *a, const struct test_server *s)
{
	char cmd[1024];
	snprintf(cmd, sizeof cmd, "echo 'een lang wachtwoord voor anna' | build/san/loket user-add --db %s"
	         " --username anna --name 'Anna Kramer' --role consulent > /dev/null", s->db);
	return system(cmd) == 0 &&
	       ts_db_exec(s, "%s", "UPDATE medewerker SET team_id = (SELECT id FROM team WHERE name = 'Team Nijkerk-Zuid')"
	                           " WHERE username = 'anna'") == 0 &&
	       agent_login(a, s->port, "anna", "een lang wachtwoord voor anna");
}

int agent_get(struct agent *a, const char *path, struct http_resp *out)
{
	return client_get(&a->c, path, out) == 0 ? out->status : -1;
}

int agent_post(struct agent *a, const char *path, const char *form, struct http_resp *out)
{
	size_t n = strlen(form) + 200;
	char *body = malloc(n);
	snprintf(body, n, "csrf=%s%s%s", a->csrf, *form ? "&" : "", form);
	int rc = client_post(&a->c, path, body, out);
	free(body);
	return rc == 0 ? out->status : -1;
}

int agent_api(struct agent *a, const char *method, const char *path, const char *body, struct http_resp *out,
              json_t **json)
{
	char headers[256];
	snprintf(headers, sizeof headers, "X-CSRF-Token: %s\r\n", a->csrf);
	int rc = client_request(&a->c, method, path, body ? "application/json" : NULL, body, headers, out);
	if (json)
		*json = rc == 0 ? json_loads(out->body, 0, NULL) : NULL;
	return rc == 0 ? out->status : -1;
}
