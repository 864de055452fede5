/* test_audit.c - the audit tamper test: a chain of 20 rows written by
 * audit_append verifies; then copies of the database are altered, cut,
 * extended and forged directly through SQLite (after dropping the
 * append-only triggers), and audit_verify and `loket audit-verify` must
 * name the first bad row of each. */
#include "audit.h"
#include "db.h"
#include "util.h"
#include "testutil.h"

#include <dirent.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

enum { ROWS = 20 };

static char tmpdir[64];
static const char *loket = "build/san/loket";

static void rm_tree(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		char *p = xasprintf("%s/%s", dir, e->d_name);
		unlink(p);
		free(p);
	}
	closedir(d);
	rmdir(dir);
}

static char *slurp(const char *path)
{
	strbuf sb = {0};
	FILE *f = fopen(path, "rb");
	if (f) {
		char buf[4096];
		size_t n;
		while ((n = fread(buf, 1, sizeof buf, f)) > 0)
			sb_append(&sb, buf, n);
		fclose(f);
	}
	return sb_steal(&sb);
}

/* The first line of s, copied into buf, for check names. */
static const char *first_line(const char *s, char buf[160])
{
	snprintf(buf, 160, "%.*s", (int)strcspn(s, "\n"), s);
	return buf;
}

/* The key file of the original chain: the tampered copies are checked with
 * it, as an auditor would (the attacker has the database, not the key). */
static char *orig_key;

/* Runs `loket audit-verify --db path --audit-key <the original's key>`;
 * returns the exit status (-1 when it did not exit normally) and its
 * stdout+stderr in *output (free it). */
static int audit_verify_cli(const char *path, char **output)
{
	char *out = xasprintf("%s/cli.out", tmpdir);
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		int fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		if (fd < 0)
			_exit(127);
		dup2(fd, 1);
		dup2(fd, 2);
		if (orig_key)
			execl(loket, loket, "audit-verify", "--db", path, "--audit-key", orig_key, (char *)NULL);
		else
			execl(loket, loket, "audit-verify", "--db", path, (char *)NULL);
		_exit(127);
	}
	int status = 0, rc = -1;
	if (pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status))
		rc = WEXITSTATUS(status);
	*output = slurp(out);
	unlink(out);
	free(out);
	return rc;
}

static long long query_int(sqlite3 *conn, const char *sql)
{
	sqlite3_stmt *st = NULL;
	long long v = -999;
	if (sqlite3_prepare_v2(conn, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* ---- the original chain ---------------------------------------------------- */

static const struct audit_entry entries[ROWS] = {
	{0, "login.failed", NULL, 0, 0, NULL, "127.0.0.1", 0},
	{1, "login", "medewerker", 1, 0, NULL, "127.0.0.1", 0},
	{1, "huishouden.view", "huishouden", 42, 42,
	 "Toegang bij uitzondering: crisis \xe2\x80\x94 overleg met Zo\xc3\xab", "::1", 0},
	{2, "medewerker.create", "medewerker", 3, 0, "opdrachtregel", NULL, 0},
	{0, "login.failed", NULL, 0, 0, NULL, NULL, 0},
	{3, "logout", NULL, 0, 0, NULL, "10.0.0.5", 0},
	{1, "huishouden.change", "huishouden", 42, 42, "", "127.0.0.1", 0},
	{4, "login", "medewerker", 4, 0, NULL, "192.168.1.20", 0},
	{4, "audit.view", NULL, 0, 0, NULL, "192.168.1.20", 0},
	{5, "huishouden.view", "huishouden", 9007199254740993LL, 7, "\xc3\xa9\xc3\xa9n keer \xe2\x82\xac 50", "2001:db8::1", 0},
	{5, "persoon.view", "persoon", 1001, 7, NULL, "2001:db8::1", 0},
	{2, "medewerker.deactivate", "medewerker", 3, 0, NULL, "127.0.0.1", 0},
	{2, "medewerker.password_reset", "medewerker", 4, 0, NULL, "127.0.0.1", 0},
	{INT64_MAX, "login", "medewerker", INT64_MAX, 0, NULL, "127.0.0.1", 0},
	{1, "huishouden.view", "huishouden", 43, 43, "melding buren \xf0\x9f\x8f\xa0", "::ffff:127.0.0.1", 0},
	{1, "logout", NULL, 0, 0, NULL, "127.0.0.1", 0},
	{0, "login.failed", NULL, 0, 0, NULL, "198.51.100.7", 0},
	{0, "login.failed", NULL, 0, 0, NULL, "198.51.100.7", 0},
	{3, "login", "medewerker", 3, 0, NULL, "10.0.0.5", 0},
	{3, "huishouden.view", "huishouden", 44, 44, "Spoed: \"aanhalingstekens\" & <tekens>", "10.0.0.5", 0},
};

static bool build_chain(const char *path)
{
	char *err = NULL;
	if (db_init(path, &err) != 0) {
		T_FAIL("chain: db_init", "%s", err ? err : "");
		free(err);
		return false;
	}
	db *d = db_get();
	if (!d) {
		T_FAIL("chain: db_get", "NULL");
		return false;
	}
	/* Four transactions of five rows each. */
	bool ok = true;
	for (int t = 0; t < 4 && ok; t++) {
		if (db_begin(d) != 0) {
			ok = false;
			break;
		}
		for (int i = t * 5; i < t * 5 + 5; i++)
			if (audit_append(d, &entries[i]) != DB_OK)
				ok = false;
		if (!ok || db_commit(d) != 0) {
			db_rollback(d);
			ok = false;
		}
	}
	CHECK(ok, "chain: %d rows appended in four transactions", ROWS);
	return ok;
}

/* The key ring of the original chain, read once it is built. */
static struct audit_keyring orig_keys;

static void check_stored_rows(db *d)
{
	sqlite3 *c = db_sqlite(d);
	sqlite3_stmt *st = NULL;
	sqlite3_prepare_v2(c, "SELECT id, medewerker_id, action, object_type, object_id, huishouden_id,"
	                      " reason, client_addr, prev_hash, hash, at FROM audit ORDER BY id", -1, &st, NULL);
	unsigned char prev[32] = {0};
	int n = 0;
	bool ids = true, fields = true, linked = true, sizes = true, times = true;
	int64_t now = now_unix();
	while (st && sqlite3_step(st) == SQLITE_ROW) {
		const struct audit_entry *e = &entries[n];
		n++;
		if (sqlite3_column_int64(st, 0) != n)
			ids = false;
		if (n > ROWS)
			break;
#define SAME_INT(col, v) ((v) ? sqlite3_column_int64(st, col) == (v) : sqlite3_column_type(st, col) == SQLITE_NULL)
#define SAME_TEXT(col, v) ((v) ? sqlite3_column_text(st, col) && strcmp((const char *)sqlite3_column_text(st, col), (v)) == 0 \
                               : sqlite3_column_type(st, col) == SQLITE_NULL)
		if (!SAME_INT(1, e->medewerker_id) || !SAME_TEXT(2, e->action) || !SAME_TEXT(3, e->object_type) ||
		    !SAME_INT(4, e->object_id) || !SAME_INT(5, e->huishouden_id) || !SAME_TEXT(6, e->reason) ||
		    !SAME_TEXT(7, e->client_addr)) {
			T_FAIL("chain: stored fields", "row %d differs from what was appended", n);
			fields = false;
		}
#undef SAME_INT
#undef SAME_TEXT
		if (sqlite3_column_bytes(st, 8) != 32 || sqlite3_column_bytes(st, 9) != 32) {
			sizes = false;
			continue;
		}
		if (memcmp(sqlite3_column_blob(st, 8), prev, 32) != 0)
			linked = false;
		memcpy(prev, sqlite3_column_blob(st, 9), 32);
		int64_t at = sqlite3_column_int64(st, 10);
		if (at < now - 600 || at > now + 5)
			times = false;
	}
	sqlite3_finalize(st);
	CHECK_INT(n, ROWS, "chain: %d rows stored", ROWS);
	CHECK(ids, "chain: ids 1..%d without gaps", ROWS);
	CHECK(fields, "chain: every field stored as given, 0 and NULL as SQL NULL");
	CHECK(sizes, "chain: prev_hash and hash are 32 bytes");
	CHECK(linked, "chain: row 1 starts from zeros, each prev_hash is the previous row's hash");
	CHECK(times, "chain: at is the time of writing");

	sqlite3_prepare_v2(c, "SELECT last_id, last_hash FROM audit_head", -1, &st, NULL);
	bool head = st && sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int64(st, 0) == ROWS &&
	            sqlite3_column_bytes(st, 1) == 32 && memcmp(sqlite3_column_blob(st, 1), prev, 32) == 0;
	sqlite3_finalize(st);
	CHECK(head, "chain: audit_head holds the last row's id and hash");
	CHECK_INT(query_int(c, "SELECT count(DISTINCT hash) FROM audit"), ROWS, "chain: all hashes differ");
	/* Rows 17 and 18 have the same content apart from id and prev_hash. */
	CHECK_INT(query_int(c, "SELECT count(*) FROM audit a JOIN audit b ON a.id = 17 AND b.id = 18"
	                       " WHERE a.hash != b.hash"), 1, "chain: equal content, different hash");
}

static void check_verify_ok(db *d, const char *when)
{
	struct audit_check chk;
	memset(&chk, 0x5A, sizeof chk);
	int rc = audit_verify(db_sqlite(d), audit_keys(), &chk);
	CHECK_INT(rc, 0, "audit_verify runs %s", when);
	CHECK(chk.ok, "audit_verify: intact chain ok %s%s%s", when, chk.ok ? "" : ": ", chk.ok ? "" : chk.problem);
	CHECK_INT(chk.rows, ROWS, "audit_verify: rows == %d %s", ROWS, when);
	CHECK_INT(chk.first_bad_id, 0, "audit_verify: first_bad_id 0 when intact %s", when);
}

static void check_append_only(db *d)
{
	sqlite3 *c = db_sqlite(d);
	static const char *const stmts[] = {
		"UPDATE audit SET action = 'niets' WHERE id = 7",
		"UPDATE audit SET hash = randomblob(32)",
		"DELETE FROM audit WHERE id = 7",
		"DELETE FROM audit",
	};
	for (size_t i = 0; i < ARRAY_LEN(stmts); i++) {
		char *msg = NULL;
		int rc = sqlite3_exec(c, stmts[i], NULL, NULL, &msg);
		CHECK(rc != SQLITE_OK && msg && strstr(msg, "append-only"), "trigger refuses [%s]: %s",
		      stmts[i], msg ? msg : "(accepted)");
		sqlite3_free(msg);
	}
	static const char SQL_UPD[] = "UPDATE audit SET reason = 'x' WHERE id = 3";
	CHECK_INT(db_exec_stmt(d, db_stmt(d, SQL_UPD), "audit update"), DB_CONSTRAINT,
	          "trigger refusal maps to DB_CONSTRAINT");
	CHECK_INT(query_int(c, "SELECT count(*) FROM audit"), ROWS, "refused changes left all rows");

	/* A rolled-back append leaves neither a row nor a moved head. */
	struct audit_entry e = {1, "huishouden.view", "huishouden", 1, 1, NULL, "127.0.0.1", 0};
	bool began = db_begin(d) == 0;
	CHECK(began && audit_append(d, &e) == DB_OK, "append inside a transaction to roll back");
	if (began)
		db_rollback(d);
	CHECK_INT(query_int(c, "SELECT count(*) FROM audit"), ROWS, "rolled-back append leaves no row");
	CHECK_INT(query_int(c, "SELECT last_id FROM audit_head"), ROWS, "rolled-back append leaves the head");
}

static void check_readers(db *d)
{
	json_t *page = db_audit_page(d, 0, 5);
	CHECK_INT(json_array_size(page), 5, "db_audit_page: limit respected");
	CHECK_INT(json_integer_value(json_object_get(json_array_get(page, 0), "id")), ROWS,
	          "db_audit_page: newest first");
	CHECK_STR(json_string_value(json_object_get(json_array_get(page, 0), "reason")), entries[ROWS - 1].reason,
	          "db_audit_page: reason carried");
	CHECK(json_object_get(json_array_get(page, 4), "object_id") == NULL &&
	      json_integer_value(json_object_get(json_array_get(page, 4), "id")) == 16,
	      "db_audit_page: NULL object_id left out");
	CHECK_INT(json_integer_value(json_object_get(json_array_get(page, 1), "object_id")), 3,
	          "db_audit_page: object_id carried");
	json_decref(page);
	page = db_audit_page(d, 18, 5);
	CHECK_INT(json_array_size(page), 2, "db_audit_page: offset near the end");
	CHECK_INT(json_integer_value(json_object_get(json_array_get(page, 1), "id")), 1, "db_audit_page: oldest last");
	json_decref(page);

	json_t *logins = db_audit_recent_logins(d, 3, 10);
	CHECK_INT(json_array_size(logins), 1, "db_audit_recent_logins: one sign-in of medewerker 3");
	CHECK_STR(json_string_value(json_object_get(json_array_get(logins, 0), "action")), "login",
	          "db_audit_recent_logins: action");
	json_decref(logins);
	logins = db_audit_recent_logins(d, 1, 10);
	CHECK_INT(json_array_size(logins), 1, "db_audit_recent_logins: views and sign-outs not listed");
	json_decref(logins);
}

/* ---- tampering ----------------------------------------------------------- */

/* Appends one real row through audit_append on the copy at path (the
 * software path, head updated), for the stale-head case. */
static void append_real_row(const char *path)
{
	char *err = NULL;
	/* The software path holds the key: the original's. */
	audit_keys_configure(orig_key, true);
	int rc = db_init(path, &err);
	audit_keys_configure(NULL, true);
	if (rc != 0) {
		T_FAIL("tamper: append real row", "%s", err ? err : "");
		free(err);
		return;
	}
	db *d = db_get();
	struct audit_entry e = {1, "huishouden.view", "huishouden", 50, 50, NULL, "127.0.0.1", 0};
	if (!d || db_begin(d) != 0 || audit_append(d, &e) != DB_OK || db_commit(d) != 0)
		T_FAIL("tamper: append real row", "append failed");
	db_close_all();
}

struct tamper_case {
	const char *name;
	void (*prep)(const char *path); /* before the SQL, or NULL */
	const char *sql;
	int64_t first_bad; /* 0: only "not ok" is asserted */
	const char *problem; /* part of the problem text, or NULL */
};

static const struct tamper_case tamper_cases[] = {
	/* altered rows */
	{"alter: action of row 7", NULL,
	 "UPDATE audit SET action = 'huishouden.view' WHERE id = 7", 7, "gewijzigd"},
	{"alter: reason of row 3 (UTF-8)", NULL,
	 "UPDATE audit SET reason = 'Toegang bij uitzondering: crisis \xe2\x80\x94 overleg met Zoe' WHERE id = 3",
	 3, "gewijzigd"},
	{"alter: time of row 12", NULL, "UPDATE audit SET at = at - 3600 WHERE id = 12", 12, "gewijzigd"},
	{"alter: medewerker of row 14", NULL, "UPDATE audit SET medewerker_id = 2 WHERE id = 14", 14, "gewijzigd"},
	{"alter: NULL household set on row 9", NULL, "UPDATE audit SET huishouden_id = 42 WHERE id = 9", 9, "gewijzigd"},
	{"alter: household cleared on row 10", NULL, "UPDATE audit SET huishouden_id = NULL WHERE id = 10", 10, "gewijzigd"},
	{"alter: NULL reason made empty on row 5", NULL, "UPDATE audit SET reason = '' WHERE id = 5", 5, "gewijzigd"},
	{"alter: empty reason made NULL on row 7", NULL, "UPDATE audit SET reason = NULL WHERE id = 7", 7, "gewijzigd"},
	{"alter: client address of row 20 (last)", NULL,
	 "UPDATE audit SET client_addr = '10.9.9.9' WHERE id = 20", 20, "gewijzigd"},
	{"alter: a byte moved from action to object_type on row 2", NULL,
	 "UPDATE audit SET action = 'logi', object_type = 'n' || object_type WHERE id = 2", 2, "gewijzigd"},
	{"alter: prev_hash of row 7", NULL, "UPDATE audit SET prev_hash = randomblob(32) WHERE id = 7", 7, NULL},
	{"alter: row 1", NULL, "UPDATE audit SET action = 'login' WHERE id = 1", 1, "gewijzigd"},
	/* deleted rows */
	{"delete: row 7", NULL, "DELETE FROM audit WHERE id = 7", 7, "ontbreekt"},
	{"delete: row 1", NULL, "DELETE FROM audit WHERE id = 1", 1, NULL},
	{"delete: rows 7-9", NULL, "DELETE FROM audit WHERE id BETWEEN 7 AND 9", 7, NULL},
	{"delete: row 7, later rows renumbered", NULL,
	 "DELETE FROM audit WHERE id = 7; UPDATE audit SET id = id - 1 WHERE id > 7", 7, NULL},
	/* inserted rows */
	{"insert: forged row 7, rows 7.. shifted up, head moved along", NULL,
	 "UPDATE audit SET id = -id WHERE id >= 7;"
	 "UPDATE audit SET id = 1 - id WHERE id < 0;"
	 "INSERT INTO audit(id, at, medewerker_id, action, object_type, object_id, huishouden_id, reason,"
	 " client_addr, prev_hash, hash) SELECT 7, at, 1, 'huishouden.view', 'huishouden', 42, 42, NULL,"
	 " '127.0.0.1', hash, randomblob(32) FROM audit WHERE id = 6;"
	 "UPDATE audit_head SET last_id = 21, last_hash = (SELECT hash FROM audit WHERE id = 21)",
	 7, NULL},
	{"insert: forged row 7 reusing the old row 7's hash, so row 8 still links", NULL,
	 "UPDATE audit SET id = -id WHERE id >= 7;"
	 "UPDATE audit SET id = 1 - id WHERE id < 0;"
	 "INSERT INTO audit(id, at, medewerker_id, action, object_type, object_id, huishouden_id, reason,"
	 " client_addr, prev_hash, hash) SELECT 7, at, 1, 'huishouden.view', 'huishouden', 42, 42, NULL,"
	 " '127.0.0.1', hash, (SELECT hash FROM audit WHERE id = 8) FROM audit WHERE id = 6;"
	 "UPDATE audit SET prev_hash = (SELECT hash FROM audit WHERE id = 7) WHERE id = 8;"
	 "UPDATE audit_head SET last_id = 21, last_hash = (SELECT hash FROM audit WHERE id = 21)",
	 7, NULL},
	{"insert: forged row 21 after the last, head moved along", NULL,
	 "INSERT INTO audit(id, at, medewerker_id, action, object_type, object_id, huishouden_id, reason,"
	 " client_addr, prev_hash, hash) SELECT 21, at, 1, 'login', NULL, NULL, NULL, NULL, NULL, hash,"
	 " randomblob(32) FROM audit WHERE id = 20;"
	 "UPDATE audit_head SET last_id = 21, last_hash = (SELECT hash FROM audit WHERE id = 21)",
	 21, NULL},
	{"insert: forged row 21 after the last, head left alone", NULL,
	 "INSERT INTO audit(id, at, medewerker_id, action, object_type, object_id, huishouden_id, reason,"
	 " client_addr, prev_hash, hash) SELECT 21, at, 1, 'login', NULL, NULL, NULL, NULL, NULL, hash,"
	 " randomblob(32) FROM audit WHERE id = 20",
	 21, NULL},
	{"insert: a correctly chained row 21 whose head update was undone", append_real_row,
	 "UPDATE audit_head SET last_id = 20, last_hash = (SELECT hash FROM audit WHERE id = 20)",
	 21, "toegevoegd"},
	/* truncated tail: only audit_head shows it */
	{"truncate: last row deleted", NULL, "DELETE FROM audit WHERE id = 20", 20, "ontbreken"},
	{"truncate: last two rows deleted", NULL, "DELETE FROM audit WHERE id >= 19", 19, "ontbreken"},
	{"truncate: every row deleted", NULL, "DELETE FROM audit", 1, "ontbreken"},
	{"truncate: last two rows deleted and head id lowered", NULL,
	 "DELETE FROM audit WHERE id >= 19; UPDATE audit_head SET last_id = 18", 0, NULL},
	{"truncate: head removed", NULL, "DELETE FROM audit_head", 1, NULL},
	/* forgeries without recomputing the chain */
	{"forge: row 7 changed with a fresh random hash", NULL,
	 "UPDATE audit SET action = 'login', hash = randomblob(32) WHERE id = 7", 7, "gewijzigd"},
	{"forge: row 7 changed, random hash, row 8 relinked to it", NULL,
	 "UPDATE audit SET action = 'login', hash = randomblob(32) WHERE id = 7;"
	 "UPDATE audit SET prev_hash = (SELECT hash FROM audit WHERE id = 7) WHERE id = 8", 7, "gewijzigd"},
	{"forge: rows 6 and 7 swapped", NULL,
	 "UPDATE audit SET id = 0 WHERE id = 6; UPDATE audit SET id = 6 WHERE id = 7;"
	 "UPDATE audit SET id = 7 WHERE id = 0", 6, NULL},
	{"forge: hash of row 7 truncated", NULL, "UPDATE audit SET hash = substr(hash, 1, 16) WHERE id = 7", 7, NULL},
};

static void run_tamper(const char *orig, size_t idx)
{
	const struct tamper_case *tc = &tamper_cases[idx];
	char *copy = xasprintf("%s/tamper%02zu.db", tmpdir, idx);
	sqlite3 *c = NULL;
	bool ok = sqlite3_open_v2(orig, &c, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK;
	char *vac = sqlite3_mprintf("VACUUM INTO %Q", copy);
	ok = ok && sqlite3_exec(c, vac, NULL, NULL, NULL) == SQLITE_OK;
	sqlite3_free(vac);
	sqlite3_close(c);
	c = NULL;
	if (!ok) {
		T_FAIL(tc->name, "could not copy the database");
		free(copy);
		return;
	}
	if (tc->prep)
		tc->prep(copy);
	char *msg = NULL;
	ok = sqlite3_open_v2(copy, &c, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK &&
	     sqlite3_exec(c, "DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;", NULL, NULL, &msg) ==
	             SQLITE_OK &&
	     sqlite3_exec(c, tc->sql, NULL, NULL, &msg) == SQLITE_OK;
	if (!ok) {
		T_FAIL(tc->name, "tampering failed: %s", msg ? msg : sqlite3_errmsg(c));
		sqlite3_free(msg);
		sqlite3_close(c);
		free(copy);
		return;
	}
	struct audit_check chk;
	int rc = audit_verify(c, &orig_keys, &chk);
	sqlite3_close(c);
	CHECK_INT(rc, 0, "%s: audit_verify runs", tc->name);
	CHECK(!chk.ok, "%s: caught", tc->name);
	if (tc->first_bad)
		CHECK_INT(chk.first_bad_id, tc->first_bad, "%s: first bad row (%s)", tc->name, chk.problem);
	if (tc->problem)
		CHECK(strstr(chk.problem, tc->problem) != NULL, "%s: problem says [%s] (got [%s])", tc->name,
		      tc->problem, chk.problem);
	CHECK(chk.problem[0] != '\0', "%s: problem described", tc->name);

	char *out = NULL, line[160];
	int status = audit_verify_cli(copy, &out);
	CHECK_INT(status, 1, "%s: loket audit-verify exits 1 [%s]", tc->name, first_line(out, line));
	/* The command names the first bad row. */
	char want[64];
	if (tc->first_bad)
		snprintf(want, sizeof want, "verbroken bij regel %lld:", (long long)tc->first_bad);
	else
		snprintf(want, sizeof want, "verbroken bij regel ");
	bool named = strstr(out, want) != NULL;
	CHECK(named, "%s: loket audit-verify says [%s]", tc->name, want);
	free(out);
	free(copy);
}

static void test_cli_errors(void)
{
	char *missing = xasprintf("%s/bestaat-niet.db", tmpdir);
	char *out = NULL;
	int status = audit_verify_cli(missing, &out);
	CHECK_INT(status, 2, "loket audit-verify on a missing file exits 2 (not 0 or 1)");
	free(out);
	CHECK(access(missing, F_OK) != 0, "loket audit-verify does not create a missing database");
	free(missing);

	char *empty = xasprintf("%s/leeg.db", tmpdir);
	sqlite3 *c = NULL;
	sqlite3_open(empty, &c);
	sqlite3_exec(c, "CREATE TABLE x(a INTEGER) STRICT", NULL, NULL, NULL);
	sqlite3_close(c);
	status = audit_verify_cli(empty, &out);
	CHECK_INT(status, 2, "loket audit-verify on a database without audit table exits 2");
	free(out);
	free(empty);
}

int main(void)
{
	if (sodium_init() < 0) {
		T_FAIL("sodium_init", "failed");
		T_EXIT();
	}
	snprintf(tmpdir, sizeof tmpdir, "/tmp/loket-test-audit-XXXXXX");
	if (!mkdtemp(tmpdir)) {
		T_FAIL("mkdtemp", "cannot create a temporary directory");
		T_EXIT();
	}
	bool have_loket = access(loket, X_OK) == 0;
	CHECK(have_loket, "%s is built", loket);
	char *orig = xasprintf("%s/audit.db", tmpdir);

	/* An empty log verifies. */
	char *err = NULL;
	char *fresh = xasprintf("%s/fresh.db", tmpdir);
	if (db_init(fresh, &err) == 0) {
		struct audit_check chk;
		CHECK(audit_verify(db_sqlite(db_get()), audit_keys(), &chk) == 0 && chk.ok && chk.rows == 0,
		      "audit_verify: empty log ok");
	} else {
		T_FAIL("fresh database", "%s", err ? err : "");
	}
	free(err);
	db_close_all();
	free(fresh);

	if (build_chain(orig)) {
		db *d = db_get();
		orig_key = audit_key_default_path(orig);
		char *kerr = NULL;
		CHECK(audit_keyring_read(orig_key, &orig_keys, &kerr) == 0 && orig_keys.n == 1,
		      "chain: its key file was made next to the database (%s)", kerr ? kerr : "");
		free(kerr);
		check_stored_rows(d);
		check_verify_ok(d, "after appending");
		check_append_only(d);
		check_verify_ok(d, "after refused changes");
		check_readers(d);
		db_close_all();

		if (have_loket) {
			char *out = NULL, line[160];
			int status = audit_verify_cli(orig, &out);
			CHECK_INT(status, 0, "loket audit-verify on the intact chain exits 0 [%s]", first_line(out, line));
			CHECK(strstr(out, "20 regels") != NULL, "loket audit-verify reports 20 rows");
			free(out);
			for (size_t i = 0; i < ARRAY_LEN(tamper_cases); i++)
				run_tamper(orig, i);
			/* The original is untouched by all that. */
			status = audit_verify_cli(orig, &out);
			CHECK_INT(status, 0, "original still verifies after the tamper cases");
			free(out);
			test_cli_errors();
		}
	}
	db_close_all();
	free(orig);
	free(orig_key);
	rm_tree(tmpdir);
	CHECK(access(tmpdir, F_OK) != 0, "temporary directory removed");
	T_EXIT();
}
