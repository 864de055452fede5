/* fuzz_server.c - see fuzz_server.h. */
#include "fuzz_server.h"

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "auth.h"
#include "db.h"
#include "db_koppeling.h"
#include "db_session.h"
#include "demo.h"
#include "server.h"

static struct embedded_server *server; /* process-wide: set once by fuzz_server_init */

static int64_t user_id(db *d, const char *username)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT id FROM medewerker WHERE username = ?");
	if (!st)
		return 0;
	sqlite3_bind_text(st, 1, username, -1, SQLITE_STATIC);
	int64_t id = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	db_done(st);
	return id;
}

void fuzz_server_init(void)
{
	if (server)
		return;
	char dir[] = "/tmp/loket-fuzz-XXXXXX";
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		exit(1);
	}
	static char db_path[64];
	snprintf(db_path, sizeof db_path, "%s/loket.db", dir);
	char *err = NULL;
	FILE *quiet = fopen("/dev/null", "w");
	if (db_init(db_path, &err) != 0 || !quiet || demo_load(quiet) < 0) {
		fprintf(stderr, "fuzz: database: %s\n", err ? err : "demo data");
		exit(1);
	}
	fclose(quiet);
	db *d = db_get();
	int64_t cons = user_id(d, "consulent");
	unsigned char hash[32];
	int64_t id, kop_cons = 0, kop_gebied = 0;
	int64_t year = now_unix() + 365 * 86400;
	bool ok = cons != 0;
	token_hash(FUZZ_SESSION, hash);
	ok = ok && db_session_insert(d, hash, cons, FUZZ_CSRF, "127.0.0.1", now_unix(), &id) == DB_OK;
	/* Tokens belong to koppelingen: one with the consulent role, one with
	 * gebiedsteam (the most a koppeling may have besides). */
	ok = ok && db_koppeling_insert(d, "Fuzz-koppeling consulent", ROLE_CONSULENT, 0, cons, &kop_cons) == DB_OK;
	ok = ok && db_koppeling_insert(d, "Fuzz-koppeling gebiedsteam", ROLE_GEBIEDSTEAM, 1, cons, &kop_gebied) == DB_OK;
	token_hash(FUZZ_TOKEN, hash);
	ok = ok && db_api_token_insert(d, hash, kop_cons, "fuzz", cons, year, &id) == DB_OK;
	token_hash(FUZZ_TOKEN_GEBIED, hash);
	ok = ok && db_api_token_insert(d, hash, kop_gebied, "fuzz", cons, year, &id) == DB_OK;
	/* The consulent is regisseur of every demo household, and the
	 * consulent's koppeling is in every casusteam, so that inputs naming a
	 * household reach its contents through the session and the token. */
	sqlite3_stmt *st = db_stmt(d, "UPDATE huishouden SET regisseur_id = ?");
	ok = ok && st;
	if (st) {
		sqlite3_bind_int64(st, 1, cons);
		ok = ok && db_exec_stmt(d, st, "fuzz regisseur") == DB_OK;
	}
	st = db_stmt(d, "INSERT INTO casusteam(huishouden_id, medewerker_id, added_by, added_at)"
	                " SELECT id, ?1, ?2, ?3 FROM huishouden");
	ok = ok && st;
	if (st) {
		sqlite3_bind_int64(st, 1, kop_cons);
		sqlite3_bind_int64(st, 2, cons);
		sqlite3_bind_int64(st, 3, now_unix());
		ok = ok && db_exec_stmt(d, st, "fuzz casusteam") == DB_OK;
	}
	if (!ok) {
		fprintf(stderr, "fuzz: sessions and tokens could not be made\n");
		exit(1);
	}
	struct server_config cfg = {
		.address = "127.0.0.1", .db_path = db_path, .templates_dir = "templates", .static_dir = "static",
		.threads = 1, .hash_threads = 1, .cookie_insecure = true,
	};
	server = server_embedded_start(&cfg);
	if (!server) {
		fprintf(stderr, "fuzz: the server did not start (run from the repository root)\n");
		exit(1);
	}
}

void fuzz_server_send(const uint8_t *data, size_t size)
{
	int sv[2];
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0) {
		perror("socketpair");
		abort();
	}
	if (server_embedded_feed(server, sv[0]) != 0) {
		close(sv[1]);
		return; /* connection limit: not the input's fault */
	}
	/* Write and read together: a large answer must not block our writes.
	 * The half-close waits until the server has had a moment with the
	 * bytes: libmicrohttpd's edge-triggered epoll does not notice an EOF
	 * that arrives together with the last data of an unfinished request,
	 * and would hold the connection until its 30 s timeout. */
	size_t off = 0;
	bool half_closed = false;
	char buf[65536];
	for (;;) {
		bool writing = !half_closed && off < size;
		struct pollfd p = {.fd = sv[1], .events = POLLIN | (writing ? POLLOUT : 0)};
		int n = poll(&p, 1, half_closed ? 5000 : writing ? 5000 : 20);
		if (n < 0)
			break;
		if (n == 0 && half_closed) {
			fprintf(stderr, "fuzz: no answer within 5 s\n");
			abort();
		}
		if (n == 0 && !writing) {
			shutdown(sv[1], SHUT_WR);
			half_closed = true;
			continue;
		}
		if (p.revents & (POLLIN | POLLHUP)) {
			ssize_t got = read(sv[1], buf, sizeof buf);
			if (got <= 0)
				break;
		}
		if (writing && (p.revents & POLLOUT)) {
			ssize_t put = send(sv[1], data + off, size - off, MSG_NOSIGNAL);
			if (put < 0) {
				shutdown(sv[1], SHUT_WR); /* the server closed early: read what it said */
				half_closed = true;
			} else {
				off += (size_t)put;
			}
		}
	}
	close(sv[1]);
}
