/* test_auditq.c - the group commit of view audit rows (src/auditq.c):
 * concurrent reads all get their row, in a chain that verifies, before
 * their response; and when the rows cannot be written the data is not
 * sent (503 instead). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http_client.h"
#include "testutil.h"

enum { THREADS = 8, PER_THREAD = 25 };

static struct test_server S;
static long long HH;

struct reader {
	struct agent *a;
	int ok;
};

/* One client reading the household over and over. */
static void *reader_main(void *p)
{
	struct reader *rd = p;
	char path[64];
	snprintf(path, sizeof path, "/api/v1/huishoudens/%lld", HH);
	for (int i = 0; i < PER_THREAD; i++) {
		struct http_resp r;
		int st = agent_api(rd->a, "GET", path, NULL, &r, NULL);
		if (st >= 0)
			http_resp_free(&r);
		if (st == 200)
			rd->ok++;
	}
	return NULL;
}

int main(void)
{
	if (ts_start(&S, NULL) != 0) {
		printf("not ok - server starts\n");
		return 1;
	}
	long long me = ts_db_int(&S, "SELECT id FROM medewerker WHERE username = 'consulent'");
	HH = ts_db_int(&S, "SELECT min(id) FROM huishouden");
	ts_db_exec(&S, "UPDATE huishouden SET regisseur_id = %lld WHERE id = %lld", me, HH);
	struct agent agents[THREADS];
	bool in = true;
	for (int i = 0; i < THREADS; i++)
		in = in && agent_sign_in(&agents[i], &S, U_CONSULENT);
	CHECK(in, "%d sessions of the consulent", THREADS);

	long long before = ts_db_int(&S, "SELECT count(*) FROM audit WHERE action = 'huishouden.view' AND huishouden_id = %lld", HH);
	pthread_t t[THREADS];
	struct reader rd[THREADS];
	for (int i = 0; i < THREADS; i++) {
		rd[i] = (struct reader){.a = &agents[i]};
		pthread_create(&t[i], NULL, reader_main, &rd[i]);
	}
	int ok = 0;
	for (int i = 0; i < THREADS; i++) {
		pthread_join(t[i], NULL);
		ok += rd[i].ok;
	}
	CHECK_INT(ok, THREADS * PER_THREAD, "every concurrent read of the household succeeds");
	long long after = ts_db_int(&S, "SELECT count(*) FROM audit WHERE action = 'huishouden.view' AND huishouden_id = %lld", HH);
	CHECK_INT(after - before, THREADS * PER_THREAD, "each read has exactly one audit row");

	/* A single read: its row is there the moment the response is. */
	char path[64];
	snprintf(path, sizeof path, "/huishoudens/%lld", HH);
	struct http_resp r;
	long long n0 = ts_db_int(&S, "SELECT count(*) FROM audit WHERE action = 'huishouden.view' AND huishouden_id = %lld", HH);
	CHECK(agent_get(&agents[0], path, &r) == 200, "the household page opens");
	http_resp_free(&r);
	CHECK_INT(ts_db_int(&S, "SELECT count(*) FROM audit WHERE action = 'huishouden.view' AND huishouden_id = %lld", HH),
	          n0 + 1, "its audit row is committed before the response arrives");

	/* When the row cannot be written, the data must not leave. */
	const char *name = "Grietje";
	CHECK(ts_db_exec(&S, "CREATE TRIGGER test_audit_block BEFORE INSERT ON audit WHEN NEW.action = 'huishouden.view' "
	                     "BEGIN SELECT RAISE(ABORT, 'geblokkeerd'); END") == 0, "audit rows of household views are blocked");
	int st = agent_get(&agents[0], path, &r);
	CHECK_INT(st, 503, "a view whose audit row fails is answered with 503");
	CHECK(st >= 0 && !http_body_has(&r, name), "and without the household's data");
	if (st >= 0)
		http_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/huishoudens/%lld", HH);
	st = agent_api(&agents[1], "GET", path, NULL, &r, NULL);
	CHECK(st == 503 && !http_body_has(&r, name), "the API too (got %d)", st);
	if (st >= 0)
		http_resp_free(&r);
	ts_db_exec(&S, "DROP TRIGGER test_audit_block");
	snprintf(path, sizeof path, "/huishoudens/%lld", HH);
	CHECK(agent_get(&agents[0], path, &r) == 200 && http_body_has(&r, name), "once rows can be written, the page is back");
	http_resp_free(&r);

	CHECK(ts_stop(&S) == 0, "the server stops cleanly");
	/* The concurrent readers shared commits: fewer transactions than rows. */
	long rows = -1, commits = -1;
	FILE *log = fopen(S.log, "r");
	char line[512];
	while (log && fgets(line, sizeof line, log)) {
		const char *at = strstr(line, "auditregels van views: ");
		if (at)
			sscanf(at, "auditregels van views: %ld in %ld transacties", &rows, &commits);
	}
	if (log)
		fclose(log);
	CHECK(rows >= THREADS * PER_THREAD + 2, "the server counted every view row it wrote (%ld)", rows);
	CHECK(commits > 0 && commits < rows, "in fewer transactions than rows: %ld for %ld", commits, rows);
	char cmd[512];
	snprintf(cmd, sizeof cmd, "build/san/loket audit-verify --db %s > /dev/null", S.db);
	CHECK(system(cmd) == 0, "the audit chain verifies after the batches");
	T_EXIT();
}
