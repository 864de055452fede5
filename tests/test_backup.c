/* test_backup.c - `loket backup` while the server is under write load:
 * every copy is whole, its audit chain verifies and is a prefix of the
 * live one, and a restored copy serves the same users. */
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "http_client.h"
#include "testutil.h"

static struct test_server S;

/* Signed-in requests of the start page, each of which writes an audit row,
 * until killed. */
static void write_load(void)
{
	struct agent a;
	if (!agent_sign_in(&a, &S, U_CONSULENT))
		_exit(1);
	for (;;) {
		struct http_resp r;
		if (agent_get(&a, "/", &r) == 200)
			http_resp_free(&r);
	}
}

/* Rows (id, hash) of the audit table, in order; the count is returned. */
static long long audit_rows(const char *path, unsigned char (**hashes)[32])
{
	sqlite3 *db;
	sqlite3_stmt *st;
	long long n = 0, cap = 1024;
	*hashes = malloc((size_t)cap * 32);
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		return -1;
	sqlite3_busy_timeout(db, 5000);
	if (sqlite3_prepare_v2(db, "SELECT id, hash FROM audit ORDER BY id", -1, &st, NULL) == SQLITE_OK) {
		while (sqlite3_step(st) == SQLITE_ROW) {
			if (sqlite3_column_int64(st, 0) != n + 1 || sqlite3_column_bytes(st, 1) != 32)
				break;
			if (n == cap) {
				cap *= 2;
				*hashes = realloc(*hashes, (size_t)cap * 32);
			}
			memcpy((*hashes)[n++], sqlite3_column_blob(st, 1), 32);
		}
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	return n;
}

int main(void)
{
	if (ts_start(&S, (const char *const[]){"--cookie-insecure", NULL}) != 0) {
		T_FAIL("server start", "see %s", S.log);
		T_EXIT();
	}
	long long before = ts_db_int(&S, "SELECT count(*) FROM audit");
	pid_t load = fork();
	if (load == 0)
		write_load();
	struct timespec pause = {0, 300 * 1000 * 1000};
	char backup[300], cmd[700];
	snprintf(backup, sizeof backup, "%s/backup.db", S.dir);
	int ok = 0;
	for (int i = 0; i < 3; i++) {
		nanosleep(&pause, NULL);
		snprintf(cmd, sizeof cmd, "build/san/loket backup --db %s %s > /dev/null", S.db, backup);
		ok += system(cmd) == 0;
	}
	CHECK(ok == 3, "three backups taken while the server writes");
	nanosleep(&pause, NULL);
	kill(load, SIGKILL);
	waitpid(load, NULL, 0);
	long long after = ts_db_int(&S, "SELECT count(*) FROM audit");
	CHECK(after > before + 10, "the load wrote audit rows (%lld -> %lld)", before, after);

	/* The key file is not in the copy: it is checked with the live one's. */
	snprintf(cmd, sizeof cmd, "build/san/loket audit-verify --db %s --audit-key %s.auditkey > /dev/null", backup, S.db);
	CHECK(system(cmd) == 0, "the backup's audit chain verifies with the database's key file");
	snprintf(cmd, sizeof cmd, "test ! -e %s.auditkey", backup);
	CHECK(system(cmd) == 0, "the backup does not carry the key file");
	snprintf(cmd, sizeof cmd, "test ! -e %s.tmp", backup);
	CHECK(system(cmd) == 0, "no temporary file is left behind");

	/* The copy is a snapshot: a prefix of the live chain, row for row. */
	unsigned char (*live)[32], (*copy)[32];
	long long n_live = audit_rows(S.db, &live), n_copy = audit_rows(backup, &copy);
	bool prefix = n_copy > before && n_copy <= n_live;
	for (long long i = 0; prefix && i < n_copy; i++)
		prefix = memcmp(live[i], copy[i], 32) == 0;
	CHECK(prefix, "the backup's audit rows equal the first %lld of the live %lld", n_copy, n_live);
	free(live);
	free(copy);
	char sql[512];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM medewerker");
	long long users = ts_db_int(&S, "%s", sql);

	int stop = ts_stop(&S);
	CHECK(stop == 0, "server stops cleanly");

	/* Restore: the documented command is a copy of the file over the
	 * database while the server is stopped. */
	char restored[300];
	snprintf(restored, sizeof restored, "%s/restored.db", S.dir);
	snprintf(cmd, sizeof cmd, "cp %s %s", backup, restored);
	CHECK(system(cmd) == 0, "restore by copying the backup");
	/* Without its key file a database with audit rows is refused... */
	snprintf(cmd, sizeof cmd, "timeout 30 build/san/loket serve --db %s --port 0 > %s/nokey.out 2>&1",
	         restored, S.dir);
	int refused = system(cmd);
	CHECK(refused != -1 && WIFEXITED(refused) && WEXITSTATUS(refused) == 1,
	      "the restored database without its key file is refused at start");
	/* ...so the key file, backed up on its own, is restored next to it. */
	snprintf(cmd, sizeof cmd, "cp %s.auditkey %s.auditkey", S.db, restored);
	CHECK(system(cmd) == 0, "restore the key file next to the restored database");
	struct test_server R;
	if (ts_start_db(&R, restored, (const char *const[]){"--cookie-insecure", NULL}) != 0) {
		T_FAIL("server starts on the restored database", "see %s", R.log);
		T_EXIT();
	}
	CHECK(ts_db_int(&R, "SELECT count(*) FROM medewerker") == users, "the restored database has every user");
	struct client c;
	client_init(&c, R.port);
	CHECK(client_login(&c, S.users[U_CONSULENT].username, S.users[U_CONSULENT].password) == 303,
	      "a user signs in on the restored database with the same password");
	struct http_resp r;
	CHECK(client_get(&c, "/", &r) == 0 && r.status == 200, "the start page works on the restored database");
	http_resp_free(&r);
	CHECK(ts_stop(&R) == 0, "restored server stops cleanly");
	snprintf(cmd, sizeof cmd, "build/san/loket audit-verify --db %s > /dev/null", restored);
	CHECK(system(cmd) == 0, "the restored chain, extended by the new sign-in, verifies");
	T_EXIT();
}
