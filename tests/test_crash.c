/* test_crash.c - crash safety: a client writes journal entries and
 * aanmeldingen as fast as it can while the server is killed with SIGKILL at
 * a random moment, twenty times over, restarting it on the same database
 * each time.  Every write the client got a success response for must be
 * there afterwards, exactly once with its audit row; PRAGMA
 * integrity_check must say ok and the audit chain must verify. */
#include <pthread.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "http_client.h"
#include "testutil.h"

enum { ROUNDS = 20, MAX_ACKED = 20000 };

static struct test_server S;

/* What the writer thread got a success response for. */
struct acked {
	char text[64];
};
static struct {
	pthread_mutex_t lock;
	struct acked items[MAX_ACKED];
	int n;
	int attempted;
} W = {.lock = PTHREAD_MUTEX_INITIALIZER};

struct writer_arg {
	struct agent *agent;
	long long hh;
	int round;
};

/* Writes until the server stops answering. */
static void *writer(void *p)
{
	struct writer_arg *w = p;
	for (int i = 0;; i++) {
		char text[64], body[256], path[64];
		int kind = i % 4 == 3;
		snprintf(text, sizeof text, "crash-%02d-%05d", w->round, i);
		if (kind == 0) {
			snprintf(path, sizeof path, "/api/v1/huishoudens/%lld/journaal", w->hh);
			snprintf(body, sizeof body, "{\"soort\": \"telefoon\", \"datum\": \"2026-11-01\", \"tekst\": \"%s\"}", text);
		} else {
			snprintf(path, sizeof path, "/api/v1/aanmeldingen");
			snprintf(body, sizeof body, "{\"huishouden_id\": %lld, \"kanaal\": \"inwoner_zelf\", \"medium\": \"telefoon\","
			         " \"vraag\": \"%s\", \"urgentie\": \"normaal\"}", w->hh, text);
		}
		struct http_resp r;
		pthread_mutex_lock(&W.lock);
		W.attempted++;
		pthread_mutex_unlock(&W.lock);
		int st = agent_api(w->agent, "POST", path, body, &r, NULL);
		if (st < 0)
			return NULL;
		http_resp_free(&r);
		if (st != 201)
			return NULL;
		pthread_mutex_lock(&W.lock);
		if (W.n < MAX_ACKED) {
			snprintf(W.items[W.n].text, sizeof W.items[W.n].text, "%s", text);
			W.n++;
		}
		pthread_mutex_unlock(&W.lock);
	}
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every acknowledged write is stored exactly once, with its audit row:
 * everything stored is read in one query (with its audit row joined) and
 * each acknowledged text looked up in it.  Returns the number missing or
 * doubled, or -1 when the database cannot be read. */
static int missing_writes(void)
{
	static const char sql[] =
		"SELECT j.body FROM journaal j JOIN audit x ON x.action = 'journaal.create' AND x.object_id = j.id"
		" WHERE j.body LIKE 'crash-%'"
		" UNION ALL SELECT m.question FROM aanmelding m JOIN audit x ON x.action = 'aanmelding.create'"
		" AND x.object_id = m.id WHERE m.question LIKE 'crash-%'";
	sqlite3 *conn;
	sqlite3_stmt *st;
	if (sqlite3_open_v2(S.db, &conn, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(conn, sql, -1, &st, NULL) != SQLITE_OK) {
		printf("# cannot read %s: %s\n", S.db, sqlite3_errmsg(conn));
		sqlite3_close(conn);
		return -1;
	}
	size_t n = 0, cap = 1024;
	char **stored = malloc(cap * sizeof *stored);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (n == cap)
			stored = realloc(stored, (cap *= 2) * sizeof *stored);
		stored[n++] = strdup((const char *)sqlite3_column_text(st, 0));
	}
	sqlite3_finalize(st);
	sqlite3_close(conn);
	qsort(stored, n, sizeof *stored, cmp_str);
	int missing = 0;
	for (int i = 0; i < W.n; i++) {
		const char *key = W.items[i].text;
		char **hit = bsearch(&key, stored, n, sizeof *stored, cmp_str);
		/* Exactly once: no equal neighbour on either side. */
		bool once = hit && (hit == stored || strcmp(hit[-1], key) != 0) &&
		            (hit + 1 == stored + n || strcmp(hit[1], key) != 0);
		if (!once) {
			printf("# acknowledged write %s is %s\n", key, hit ? "stored twice" : "missing");
			missing++;
		}
	}
	for (size_t i = 0; i < n; i++)
		free(stored[i]);
	free(stored);
	return missing;
}

static void sleep_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
	nanosleep(&ts, NULL);
}

int main(void)
{
	unsigned seed = (unsigned)time(NULL) ^ (unsigned)getpid();
	printf("# random seed %u\n", seed);
	srand(seed);
	if (ts_start(&S, NULL) != 0) {
		printf("not ok - the server starts\n");
		return 1;
	}
	char db_path[256];
	snprintf(db_path, sizeof db_path, "%s", S.db);
	long long me = ts_db_int(&S, "SELECT id FROM medewerker WHERE username = 'consulent'");
	long long hh = ts_db_int(&S, "SELECT min(id) FROM huishouden");
	CHECK(ts_db_exec(&S, "UPDATE huishouden SET regisseur_id = %lld WHERE id = %lld", me, hh) == 0,
	      "the consulent is regisseur of a demo household");
	struct agent a;
	CHECK(agent_sign_in(&a, &S, U_CONSULENT), "the consulent signs in");

	int rounds_with_writes = 0, lost = 0, restarts = 0;
	for (int round = 0; round < ROUNDS; round++) {
		int before = W.n;
		pthread_t t;
		struct writer_arg w = {&a, hh, round};
		pthread_create(&t, NULL, writer, &w);
		/* Somewhere between the first write and well into the load. */
		sleep_ms(150 + rand() % 900);
		kill(S.pid, SIGKILL);
		int status;
		waitpid(S.pid, &status, 0);
		S.pid = 0;
		pthread_join(t, NULL);
		if (W.n > before)
			rounds_with_writes++;

		long long ok = ts_db_int(&S, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'");
		if (ok != 1)
			printf("# round %d: integrity_check is not ok\n", round);
		lost += missing_writes() + (ok != 1);

		if (ts_start_db(&S, db_path, NULL) != 0) {
			printf("# round %d: the server did not come back\n", round);
			break;
		}
		restarts++;
		a.c.port = S.port;
	}
	CHECK_INT(restarts, ROUNDS, "the server came back after each of %d kills", ROUNDS);
	CHECK(rounds_with_writes >= ROUNDS / 2, "writes were acknowledged in most rounds (%d of %d, %d writes in all)",
	      rounds_with_writes, ROUNDS, W.n);
	CHECK_INT(lost, 0, "no acknowledged write was lost or doubled, and integrity_check said ok every time");
	CHECK_INT(missing_writes(), 0, "after the last restart every acknowledged write is there once");
	long long stored = ts_db_int(&S, "SELECT count(*) FROM journaal WHERE body LIKE 'crash-%%'") +
	                   ts_db_int(&S, "SELECT count(*) FROM aanmelding WHERE question LIKE 'crash-%%'");
	CHECK(stored >= W.n && stored <= W.attempted,
	      "what is stored lies between what was acknowledged and what was attempted (%lld, %d..%d)", stored, W.n,
	      W.attempted);
	CHECK(ts_db_int(&S, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'") == 1,
	      "PRAGMA integrity_check says ok at the end");
	CHECK(ts_stop(&S) == 0, "the server stops cleanly at the end");
	char cmd[512];
	snprintf(cmd, sizeof cmd, "build/san/loket audit-verify --db %s > /dev/null", db_path);
	CHECK(system(cmd) == 0, "the audit chain verifies after %d kills", ROUNDS);
	T_EXIT();
}
