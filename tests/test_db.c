/* test_db.c - the storage layer: schema and pragmas, migrations (applied
 * once, in a transaction, refusing a newer schema), the statement cache and
 * write transactions.  Works in a temporary directory under /tmp. */
#include "db.h"
#include "migrations.h"
#include "util.h"
#include "testutil.h"

#include <dirent.h>
#include <pthread.h>
#include <time.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char tmpdir[64];

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

/* Reads a whole file into a malloc'd string ("" when missing). */
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

/* Runs argv with stdout and stderr to files; returns the exit status, or
 * -1 when it did not exit normally. */
static int run(char *const argv[], const char *out_path, const char *err_path)
{
	fflush(stdout);
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		int o = open(out_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		int e = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		if (o < 0 || e < 0)
			_exit(127);
		dup2(o, 1);
		dup2(e, 2);
		execv(argv[0], argv);
		_exit(127);
	}
	int status;
	if (waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* Cuts s at its first newline, for check names. */
static char *first_line(char *s)
{
	s[strcspn(s, "\n")] = '\0';
	return s;
}

/* One integer from a query on conn, or -999 on error. */
static long long query_int(sqlite3 *conn, const char *sql)
{
	sqlite3_stmt *st = NULL;
	long long v = -999;
	if (sqlite3_prepare_v2(conn, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* One text value from a query on conn, malloc'd ("" on error). */
static char *query_text(sqlite3 *conn, const char *sql)
{
	sqlite3_stmt *st = NULL;
	char *v = NULL;
	if (sqlite3_prepare_v2(conn, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW &&
	    sqlite3_column_text(st, 0))
		v = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return v ? v : xstrdup("");
}

static sqlite3 *open_raw(const char *path)
{
	sqlite3 *conn = NULL;
	if (sqlite3_open_v2(path, &conn, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		sqlite3_close(conn);
		return NULL;
	}
	sqlite3_busy_timeout(conn, 2000);
	return conn;
}

static int newest_version(void)
{
	return migrations_count ? migrations[migrations_count - 1].version : 0;
}

/* ---- schema --------------------------------------------------------------- */

static void test_schema(const char *path)
{
	char *err = NULL;
	int rc = db_init(path, &err);
	CHECK(rc == 0, "db_init on a new file succeeds (%s)", err ? err : "");
	free(err);
	if (rc != 0)
		return;
	db *d = db_get();
	CHECK(d != NULL, "db_get after db_init gives a connection");
	if (!d)
		return;
	CHECK(db_get() == d, "db_get returns the same connection on the same thread");
	sqlite3 *c = db_sqlite(d);

	char *mode = query_text(c, "PRAGMA journal_mode");
	CHECK_STR(mode, "wal", "journal_mode is WAL");
	free(mode);
	CHECK_INT(query_int(c, "PRAGMA foreign_keys"), 1, "foreign_keys on for db_get connections");
	CHECK_INT(query_int(c, "PRAGMA synchronous"), 2, "synchronous=FULL");
	CHECK(query_int(c, "PRAGMA busy_timeout") > 0, "busy timeout set");

	/* Every table is STRICT (SQLite's own sqlite_* tables aside). */
	sqlite3_stmt *st = NULL;
	int tables = 0;
	sqlite3_prepare_v2(c, "SELECT name, sql FROM sqlite_schema WHERE type = 'table'"
	                      " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name", -1, &st, NULL);
	while (st && sqlite3_step(st) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);
		const char *sql = (const char *)sqlite3_column_text(st, 1);
		/* The table options follow the closing parenthesis. */
		const char *close = sql ? strrchr(sql, ')') : NULL;
		CHECK(close && strstr(close, "STRICT"), "table %s is STRICT", name);
		tables++;
	}
	sqlite3_finalize(st);
	static const char *const expected[] = {"schema_migration", "team", "gebied", "expertise",
	                                       "medewerker", "medewerker_expertise", "session",
	                                       "login_failure", "audit", "audit_head"};
	for (size_t i = 0; i < ARRAY_LEN(expected); i++) {
		char *sql = xasprintf("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = '%s'",
		                      expected[i]);
		CHECK_INT(query_int(c, sql), 1, "table %s exists", expected[i]);
		free(sql);
	}
	CHECK(tables >= (int)ARRAY_LEN(expected), "at least %zu tables checked (%d)", ARRAY_LEN(expected), tables);
	CHECK_INT(query_int(c, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'"
	                       " AND name IN ('audit_no_update', 'audit_no_delete')"), 2,
	          "audit append-only triggers exist");

	/* A STRICT table refuses a value of the wrong type. */
	char *msg = NULL;
	rc = sqlite3_exec(c, "INSERT INTO login_failure(username, client_addr, at) VALUES ('x', 'y', 'gisteren')",
	                  NULL, NULL, &msg);
	CHECK((rc & 0xff) == SQLITE_CONSTRAINT, "STRICT: text in an INTEGER column refused (%s)", msg ? msg : "");
	sqlite3_free(msg);

	/* Foreign keys are enforced. */
	msg = NULL;
	rc = sqlite3_exec(c, "INSERT INTO medewerker(username, name, roles, team_id, password_hash, created_at)"
	                     " VALUES ('jan', 'Jan', 1, 999, 'x', 0)", NULL, NULL, &msg);
	CHECK((rc & 0xff) == SQLITE_CONSTRAINT, "foreign key to a missing team refused (%s)", msg ? msg : "");
	sqlite3_free(msg);

	/* One row per embedded migration, in order, with its name. */
	CHECK_INT(query_int(c, "SELECT count(*) FROM schema_migration"), migrations_count,
	          "schema_migration has one row per embedded migration");
	CHECK(migrations_count >= 1, "at least one migration embedded");
	for (int i = 0; i < migrations_count; i++) {
		char *sql = xasprintf("SELECT name FROM schema_migration WHERE version = %d", migrations[i].version);
		char *name = query_text(c, sql);
		CHECK_STR(name, migrations[i].name, "migration %d recorded by name", migrations[i].version);
		free(name);
		free(sql);
		if (i)
			CHECK(migrations[i].version > migrations[i - 1].version, "migration %d after %d",
			      migrations[i].version, migrations[i - 1].version);
	}
	CHECK_INT(db_schema_version(c), newest_version(), "db_schema_version is the newest migration");
	CHECK(query_int(c, "SELECT min(applied_at) FROM schema_migration") > 1700000000,
	      "applied_at is a real time");
}

static void test_idempotent(const char *path)
{
	db *d = db_get();
	sqlite3 *c = d ? db_sqlite(d) : NULL;
	long long applied = c ? query_int(c, "SELECT sum(applied_at) FROM schema_migration") : -1;
	if (c)
		sqlite3_exec(c, "INSERT INTO team(name) VALUES ('Noord')", NULL, NULL, NULL);
	db_close_all();
	CHECK(db_get() == NULL, "db_get after db_close_all gives NULL (no path)");

	char *err = NULL;
	int rc = db_init(path, &err);
	CHECK(rc == 0, "db_init a second time succeeds (%s)", err ? err : "");
	free(err);
	rc = db_init(path, &err);
	CHECK(rc == 0, "db_init a third time succeeds");
	free(err);
	d = db_get();
	c = d ? db_sqlite(d) : NULL;
	CHECK(c != NULL, "db_get after re-init");
	if (!c)
		return;
	CHECK_INT(query_int(c, "SELECT count(*) FROM schema_migration"), migrations_count,
	          "re-init adds no migration rows");
	CHECK_INT(query_int(c, "SELECT sum(applied_at) FROM schema_migration"), applied,
	          "re-init leaves the migration rows alone");
	CHECK_INT(query_int(c, "SELECT count(*) FROM team WHERE name = 'Noord'"), 1, "re-init keeps data");
	db_close_all();
}

/* ---- a newer schema and a failing migration ------------------------------ */

static void test_newer_schema(const char *path, const char *loket)
{
	char *err = NULL;
	if (db_init(path, &err) != 0) {
		T_FAIL("newer schema: set-up", "%s", err ? err : "");
		free(err);
		return;
	}
	db_close_all();
	sqlite3 *c = open_raw(path);
	char *sql = xasprintf("INSERT INTO schema_migration(version, name, applied_at)"
	                      " VALUES (%d, '9999_toekomst.sql', 0)", newest_version() + 1);
	CHECK(c && sqlite3_exec(c, sql, NULL, NULL, NULL) == SQLITE_OK, "newer schema: version %d recorded",
	      newest_version() + 1);
	free(sql);
	sqlite3_close(c);

	err = NULL;
	int rc = db_init(path, &err);
	CHECK(rc == -1, "db_init refuses a newer schema");
	CHECK(err && strstr(err, "nieuwer"), "db_init message mentions nieuwer: [%s]", err ? err : "(null)");
	free(err);
	CHECK(db_get() == NULL, "db_get after a refused db_init gives NULL");

	if (access(loket, X_OK) != 0) {
		T_FAIL("loket migrate on a newer schema", "%s not built", loket);
		return;
	}
	char *out = xasprintf("%s/migrate.out", tmpdir), *errp = xasprintf("%s/migrate.err", tmpdir);
	char *argv[] = {(char *)loket, "migrate", "--db", (char *)path, NULL};
	rc = run(argv, out, errp);
	char *o = slurp(out), *e = slurp(errp);
	CHECK(rc != 0 && rc != -1, "loket migrate on a newer schema exits non-zero (%d)", rc);
	bool named = strstr(e, "nieuwer") != NULL, claimed = strstr(o, "bijgewerkt") != NULL;
	CHECK(named, "loket migrate names the newer schema on stderr: [%s]", first_line(e));
	CHECK(!claimed, "loket migrate does not claim success");
	free(o);
	free(e);
	free(out);
	free(errp);
}

static void test_migrate_command(const char *path, const char *loket)
{
	if (access(loket, X_OK) != 0) {
		T_FAIL("loket migrate", "%s not built", loket);
		return;
	}
	char *out = xasprintf("%s/migrate.out", tmpdir), *errp = xasprintf("%s/migrate.err", tmpdir);
	char *argv[] = {(char *)loket, "migrate", "--db", (char *)path, NULL};
	int rc = run(argv, out, errp);
	char *o = slurp(out);
	CHECK_INT(rc, 0, "loket migrate on a new database exits 0");
	bool reported = strstr(o, "bijgewerkt") != NULL;
	CHECK(reported, "loket migrate reports success: [%s]", first_line(o));
	free(o);
	sqlite3 *c = open_raw(path);
	CHECK(c && db_schema_version(c) == newest_version(), "loket migrate brought the schema up to date");
	sqlite3_close(c);
	rc = run(argv, out, errp);
	CHECK_INT(rc, 0, "loket migrate again exits 0");
	free(out);
	free(errp);
}

/* A migration that rebuilds a table others refer to (0021: the roles in
 * the household, a CHECK constraint SQLite changes only by rebuilding):
 * on a database as 0020 left it, with a person whom an aanmelding, a ZRM
 * score and a consent refer to, the rows and the references survive, the
 * new roles are taken, foreign keys are enforced again afterwards, and a
 * broken reference left behind stops the migration. */
static bool make_before_rebuild(const char *path, bool dangling)
{
	sqlite3 *c = NULL;
	unlink(path);
	bool ok = sqlite3_open(path, &c) == SQLITE_OK &&
	          sqlite3_exec(c, "PRAGMA foreign_keys=ON; CREATE TABLE schema_migration (version INTEGER PRIMARY KEY,"
	                          " name TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT", NULL, NULL, NULL) == SQLITE_OK;
	for (int i = 0; ok && i < migrations_count && migrations[i].version < 21; i++) {
		char *ins = sqlite3_mprintf("INSERT INTO schema_migration VALUES (%d, %Q, 0)", migrations[i].version,
		                            migrations[i].name);
		ok = sqlite3_exec(c, migrations[i].sql, NULL, NULL, NULL) == SQLITE_OK &&
		     sqlite3_exec(c, ins, NULL, NULL, NULL) == SQLITE_OK;
		sqlite3_free(ins);
	}
	ok = ok && sqlite3_exec(c,
		"INSERT INTO medewerker(id, username, name, roles, password_hash, created_at) VALUES (1, 'mmm', 'M', 1, 'x', 0);"
		"INSERT INTO huishouden(id, street, house_number, postcode, city, opened_at) VALUES (1, 'Dorpsstraat', 1,"
		" '3861 AB', 'Nijkerk', 0);"
		"INSERT INTO persoon(id, huishouden_id, first_name, last_name, birth_date, role) VALUES"
		" (7, 1, 'Grietje', 'Bos', '1943-05-09', 'ouder'), (8, 1, 'Hendrik', 'Bos', '1940-11-23', 'partner');"
		"INSERT INTO aanmelding(id, huishouden_id, persoon_id, channel, medium, question, urgency, safety_concern,"
		" received_at, created_by) VALUES (3, 1, 7, 'inwoner_zelf', 'balie', 'Scootmobiel', 'normaal', 0, 0, 1);",
		NULL, NULL, NULL) == SQLITE_OK;
	if (ok && dangling)
		ok = sqlite3_exec(c, "PRAGMA foreign_keys=OFF; UPDATE aanmelding SET persoon_id = 99 WHERE id = 3",
		                  NULL, NULL, NULL) == SQLITE_OK;
	sqlite3_close(c);
	return ok;
}

static void test_rebuild_migration(const char *path, const char *loket)
{
	CHECK(make_before_rebuild(path, false), "a database as migration 0020 left it, with a person referred to");
	char *out = xasprintf("%s/rebuild.out", tmpdir), *errp = xasprintf("%s/rebuild.err", tmpdir);
	char *argv[] = {(char *)loket, "migrate", "--db", (char *)path, NULL};
	CHECK_INT(run(argv, out, errp), 0, "loket migrate takes it past 0021");
	sqlite3 *c = open_raw(path);
	CHECK(c && db_schema_version(c) == newest_version(), "up to date");
	CHECK_INT(query_int(c, "SELECT count(*) FROM persoon WHERE (id = 7 AND role = 'ouder' AND first_name = 'Grietje')"
	                       " OR (id = 8 AND role = 'partner')"), 2, "the persons are kept, roles unchanged");
	CHECK_INT(query_int(c, "SELECT count(*) FROM aanmelding a JOIN persoon p ON p.id = a.persoon_id WHERE a.id = 3"),
	          1, "the aanmelding still refers to her");
	CHECK_INT(query_int(c, "SELECT count(*) FROM pragma_foreign_key_check"), 0, "no broken reference");
	char *msg = NULL;
	int rc = sqlite3_exec(c, "PRAGMA foreign_keys=ON; UPDATE persoon SET role = 'inwonende_ouder' WHERE id = 7;"
	                         " UPDATE persoon SET role = 'huisgenoot' WHERE id = 8", NULL, NULL, &msg);
	CHECK(rc == SQLITE_OK, "the new roles are taken (%s)", msg ? msg : "");
	sqlite3_free(msg);
	rc = sqlite3_exec(c, "UPDATE persoon SET role = 'opa' WHERE id = 7", NULL, NULL, NULL);
	CHECK((rc & 0xff) == SQLITE_CONSTRAINT, "an unknown role is still refused");
	rc = sqlite3_exec(c, "DELETE FROM persoon WHERE id = 7", NULL, NULL, NULL);
	CHECK((rc & 0xff) == SQLITE_CONSTRAINT, "the references to the rebuilt table are enforced");
	CHECK_INT(query_int(c, "SELECT count(*) FROM sqlite_schema WHERE name IN ('persoon_huishouden', 'persoon_birth')"),
	          2, "its indexes are back");
	sqlite3_close(c);

	CHECK(make_before_rebuild(path, true), "the same with a reference that points nowhere");
	CHECK(run(argv, out, errp) != 0, "the migration stops at the broken reference");
	char *e = slurp(errp);
	CHECK(e && strstr(e, "aanmelding"), "and names the table: [%s]", e ? first_line(e) : "");
	free(e);
	c = open_raw(path);
	CHECK(c && db_schema_version(c) == 20, "nothing of 0021 stays behind");
	CHECK_INT(query_int(c, "SELECT count(*) FROM sqlite_schema WHERE name = 'persoon_nieuw'"), 0, "no half table");
	sqlite3_close(c);
	free(out);
	free(errp);
}

/* A migration that fails half-way leaves nothing behind: the first
 * migration's first statement (CREATE TABLE team) succeeds on this file,
 * a later one collides with a table that is already there. */
static void test_failed_migration(const char *path)
{
	sqlite3 *c = NULL;
	sqlite3_open(path, &c);
	int rc = sqlite3_exec(c, "CREATE TABLE audit_head(x INTEGER) STRICT", NULL, NULL, NULL);
	sqlite3_close(c);
	CHECK(rc == SQLITE_OK, "failed migration: set-up");
	char *err = NULL;
	rc = db_init(path, &err);
	CHECK(rc == -1, "db_init fails when a migration fails");
	CHECK(err && strstr(err, migrations[0].name), "failure message names the migration: [%s]",
	      err ? err : "(null)");
	free(err);
	c = open_raw(path);
	CHECK_INT(query_int(c, "SELECT count(*) FROM sqlite_schema WHERE name IN ('team', 'medewerker', 'audit')"), 0,
	          "failed migration rolled back completely (no half schema)");
	CHECK_INT(query_int(c, "SELECT count(*) FROM schema_migration"), 0, "failed migration not recorded");
	sqlite3_close(c);
}

/* ---- statement cache and transactions -------------------------------------- */

static const char SQL_INSERT_TEAM[] = "INSERT INTO team(name) VALUES (?)";
static const char SQL_COUNT_TEAM[] = "SELECT count(*) FROM team WHERE name = ?";
static const char SQL_COUNT_TEAM_AGAIN[] = "SELECT count(*) FROM team WHERE name = ?";
static const char SQL_NULL[] = "SELECT NULL, 'x'";
static const char SQL_BAD[] = "SELEC nonsense";

static enum db_status insert_team(db *d, const char *name)
{
	sqlite3_stmt *st = db_stmt(d, SQL_INSERT_TEAM);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	return db_exec_stmt(d, st, "insert team");
}

static long long count_team(db *d, const char *name)
{
	sqlite3_stmt *st = db_stmt(d, SQL_COUNT_TEAM);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	long long n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
	db_done(st);
	return n;
}

/* Counts through a separate connection: sees only committed data. */
static long long count_team_elsewhere(const char *path, const char *name)
{
	sqlite3 *c = open_raw(path);
	char *sql = sqlite3_mprintf("SELECT count(*) FROM team WHERE name = %Q", name);
	long long n = c ? query_int(c, sql) : -1;
	sqlite3_free(sql);
	sqlite3_close(c);
	return n;
}

static void test_statements(const char *path)
{
	char *err = NULL;
	if (db_init(path, &err) != 0) {
		T_FAIL("statements: set-up", "%s", err ? err : "");
		free(err);
		return;
	}
	db *d = db_get();
	if (!d) {
		T_FAIL("statements: db_get", "NULL");
		return;
	}
	sqlite3_stmt *a = db_stmt(d, SQL_COUNT_TEAM);
	sqlite3_stmt *b = db_stmt(d, SQL_COUNT_TEAM);
	CHECK(a && a == b, "db_stmt: same pointer for the same SQL constant");
	sqlite3_stmt *c2 = db_stmt(d, SQL_COUNT_TEAM_AGAIN);
	CHECK(c2 && c2 != a, "db_stmt: cached by address, so a second constant gets its own statement");
	CHECK(db_stmt(d, SQL_BAD) == NULL, "db_stmt: NULL for SQL that does not prepare");
	CHECK_INT(db_exec_stmt(d, NULL, "null"), DB_ERROR, "db_exec_stmt(NULL) is DB_ERROR");

	/* More statements than the initial cache holds: all stay cached. */
	enum { MANY = 150 };
	static char many_sql[MANY][40];
	sqlite3_stmt *first[MANY];
	bool prepared = true;
	for (int i = 0; i < MANY; i++) {
		snprintf(many_sql[i], sizeof many_sql[i], "SELECT %d", i);
		first[i] = db_stmt(d, many_sql[i]);
		if (!first[i])
			prepared = false;
	}
	CHECK(prepared, "db_stmt: %d statements prepared", MANY);
	bool same = true, right = true;
	for (int i = 0; i < MANY; i++) {
		sqlite3_stmt *st = db_stmt(d, many_sql[i]);
		if (st != first[i])
			same = false;
		if (!st || sqlite3_step(st) != SQLITE_ROW || sqlite3_column_int(st, 0) != i)
			right = false;
		db_done(st);
	}
	CHECK(same, "db_stmt: every statement still cached after the cache grew");
	CHECK(right, "db_stmt: every cached statement runs its own SQL");
	CHECK(db_stmt(d, SQL_COUNT_TEAM) == a, "db_stmt: early statement survives the growth");

	/* db_done resets and clears bindings. */
	sqlite3_stmt *st = db_stmt(d, SQL_COUNT_TEAM);
	sqlite3_bind_text(st, 1, "x", -1, SQLITE_STATIC);
	sqlite3_step(st);
	db_done(st);
	CHECK(sqlite3_stmt_busy(st) == 0, "db_done resets the statement");
	char *exp = sqlite3_expanded_sql(st);
	CHECK(exp && strstr(exp, "NULL") != NULL, "db_done clears bindings: [%s]", exp ? exp : "");
	sqlite3_free(exp);

	st = db_stmt(d, SQL_NULL);
	CHECK(st && sqlite3_step(st) == SQLITE_ROW && db_col_text(st, 0) == NULL &&
	      strcmp(db_col_text(st, 1), "x") == 0, "db_col_text: NULL column is NULL");
	db_done(st);

	/* Commit: visible on this connection and on another. */
	CHECK_INT(db_begin(d), 0, "db_begin");
	CHECK(!sqlite3_get_autocommit(db_sqlite(d)), "db_begin opens a transaction");
	CHECK_INT(insert_team(d, "Zuid"), DB_OK, "insert inside a transaction");
	CHECK_INT(count_team_elsewhere(path, "Zuid"), 0, "uncommitted write not visible elsewhere");
	CHECK_INT(db_commit(d), 0, "db_commit");
	CHECK(sqlite3_get_autocommit(db_sqlite(d)), "db_commit ends the transaction");
	CHECK_INT(count_team(d, "Zuid"), 1, "committed write visible on the connection");
	CHECK_INT(count_team_elsewhere(path, "Zuid"), 1, "committed write visible on another connection");

	/* BEGIN IMMEDIATE: the write lock is taken at the start. */
	CHECK_INT(db_begin(d), 0, "db_begin again");
	sqlite3 *other = open_raw(path);
	if (other) {
		sqlite3_busy_timeout(other, 0);
		int rc = sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL);
		CHECK((rc & 0xff) == SQLITE_BUSY, "db_begin holds the write lock before any write (rc %d)", rc);
		if (rc == SQLITE_OK)
			sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL);
		sqlite3_close(other);
	}
	/* Rollback discards. */
	CHECK_INT(insert_team(d, "West"), DB_OK, "insert before rollback");
	CHECK_INT(count_team(d, "West"), 1, "own uncommitted write visible inside the transaction");
	db_rollback(d);
	CHECK(sqlite3_get_autocommit(db_sqlite(d)), "db_rollback ends the transaction");
	CHECK_INT(count_team(d, "West"), 0, "db_rollback discards the write");
	db_rollback(d); /* no transaction open: harmless */
	T_OK("db_rollback without a transaction is harmless");

	/* Constraints map to DB_CONSTRAINT and leave the transaction usable. */
	CHECK_INT(db_begin(d), 0, "db_begin for constraint checks");
	CHECK_INT(insert_team(d, "Zuid"), DB_CONSTRAINT, "UNIQUE violation is DB_CONSTRAINT");
	CHECK_INT(insert_team(d, ""), DB_CONSTRAINT, "CHECK violation is DB_CONSTRAINT");
	CHECK_INT(insert_team(d, "Oost"), DB_OK, "insert after a refused one in the same transaction");
	CHECK_INT(db_commit(d), 0, "commit after refused writes");
	CHECK_INT(count_team_elsewhere(path, "Oost"), 1, "the good write of that transaction committed");
	CHECK_INT(count_team_elsewhere(path, ""), 0, "the refused write left nothing");

	static const char SQL_FK[] = "INSERT INTO medewerker(username, name, roles, team_id, password_hash,"
	                             " created_at) VALUES ('els', 'Els', 1, 4242, 'x', 0)";
	CHECK_INT(db_exec_stmt(d, db_stmt(d, SQL_FK), "fk"), DB_CONSTRAINT,
	          "FOREIGN KEY violation through db_exec_stmt is DB_CONSTRAINT");
	CHECK_INT(db_status_of(d, SQLITE_CONSTRAINT_UNIQUE, "t"), DB_CONSTRAINT, "db_status_of UNIQUE");
	CHECK_INT(db_status_of(d, SQLITE_DONE, "t"), DB_OK, "db_status_of DONE");
	CHECK_INT(db_status_of(d, SQLITE_ROW, "t"), DB_OK, "db_status_of ROW");
	CHECK_INT(db_status_of(d, SQLITE_IOERR_WRITE, "t"), DB_ERROR, "db_status_of IOERR");
	db_close_all();
}


/* ---- read snapshots and writers taking turns ------------------------------ */

enum { WRITER_THREADS = 4, WRITES_EACH = 40 };

struct writer {
	int index;
	int failed; /* transactions that did not commit */
};

/* Without waiting in SQLite at all (busy timeout 0), writers of this
 * process still never see SQLITE_BUSY: they take turns before BEGIN. */
static void *writer_main(void *arg)
{
	struct writer *w = arg;
	db *d = db_get();
	if (!d) {
		w->failed = WRITES_EACH;
		return NULL;
	}
	sqlite3_busy_timeout(db_sqlite(d), 0);
	for (int i = 0; i < WRITES_EACH; i++) {
		char name[32];
		snprintf(name, sizeof name, "w%d-%d", w->index, i);
		if (db_begin(d) != 0) {
			w->failed++;
			continue;
		}
		if (insert_team(d, name) != DB_OK) {
			db_rollback(d);
			w->failed++;
			continue;
		}
		if (db_commit(d) != 0)
			w->failed++;
	}
	return NULL;
}

/* Begins and commits one write; *result is 0 on success. */
static void *one_write_main(void *arg)
{
	int *result = arg;
	db *d = db_get();
	*result = -1;
	if (d && db_begin(d) == 0 && insert_team(d, "na-overgebleven") == DB_OK && db_commit(d) == 0)
		*result = 0;
	return NULL;
}

static void test_turns(const char *path)
{
	char *err = NULL;
	if (db_init(path, &err) != 0) {
		T_FAIL("turns: set-up", "%s", err ? err : "");
		free(err);
		return;
	}
	db *d = db_get();
	if (!d) {
		T_FAIL("turns: db_get", "NULL");
		return;
	}

	/* A read snapshot sees one moment: a commit elsewhere after its first
	 * read shows only after db_read_end. */
	CHECK_INT(insert_team(d, "Noord"), DB_OK, "snapshot: a team before it");
	CHECK_INT(db_read_begin(d), 0, "db_read_begin");
	CHECK_INT(count_team(d, "Noord"), 1, "snapshot: sees what was committed before");
	sqlite3 *other = open_raw(path);
	CHECK(other && sqlite3_exec(other, "INSERT INTO team(name) VALUES ('Later')", NULL, NULL, NULL) == SQLITE_OK,
	      "snapshot: another connection commits during it (not blocked by the reader)");
	sqlite3_close(other);
	CHECK_INT(count_team(d, "Later"), 0, "snapshot: the later commit is not in it");
	db_read_end(d);
	CHECK(sqlite3_get_autocommit(db_sqlite(d)), "db_read_end ends the snapshot");
	CHECK_INT(count_team(d, "Later"), 1, "after db_read_end the later commit shows");
	db_read_end(d); /* nothing open: harmless */
	T_OK("db_read_end without a snapshot is harmless");

	/* Writers on several threads, no busy waiting in SQLite: all commit. */
	pthread_t th[WRITER_THREADS];
	struct writer w[WRITER_THREADS];
	for (int i = 0; i < WRITER_THREADS; i++) {
		w[i] = (struct writer){.index = i};
		if (pthread_create(&th[i], NULL, writer_main, &w[i]) != 0)
			w[i].failed = -1;
	}
	int failed = 0;
	for (int i = 0; i < WRITER_THREADS; i++) {
		if (w[i].failed >= 0)
			pthread_join(th[i], NULL);
		failed += w[i].failed;
	}
	CHECK_INT(failed, 0, "%d threads x %d write transactions with busy timeout 0: none refused",
	          WRITER_THREADS, WRITES_EACH);
	sqlite3 *c = open_raw(path);
	CHECK_INT(c ? query_int(c, "SELECT count(*) FROM team WHERE name LIKE 'w%-%'") : -1,
	          WRITER_THREADS * WRITES_EACH, "every one of those writes is there");
	sqlite3_close(c);

	/* A second db_begin on the same thread is refused, not a deadlock. */
	CHECK_INT(db_begin(d), 0, "db_begin");
	CHECK_INT(db_begin(d), -1, "db_begin inside a write transaction is refused");
	db_rollback(d);

	/* A transaction left open by a handler is rolled back at the end of
	 * the request, and another thread can write again. */
	CHECK_INT(db_begin(d), 0, "db_begin, then the handler forgets to end it");
	CHECK_INT(insert_team(d, "vergeten"), DB_OK, "a write in the forgotten transaction");
	db_end_of_request("test");
	CHECK(sqlite3_get_autocommit(db_sqlite(d)), "db_end_of_request ends the forgotten transaction");
	CHECK_INT(count_team(d, "vergeten"), 0, "and rolls its write back");
	int result = -1;
	pthread_t t;
	if (pthread_create(&t, NULL, one_write_main, &result) == 0) {
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += 10;
		int joined = pthread_timedjoin_np(t, NULL, &until);
		CHECK(joined == 0 && result == 0, "another thread writes after it (joined %d, result %d)", joined,
		      result);
		if (joined != 0) {
			T_FAIL("turns", "writer thread still waiting: the writer turn was not released");
			fflush(stdout);
			_exit(1); /* the stuck thread would hang the program */
		}
	} else {
		T_FAIL("turns: pthread_create", "failed");
	}
	db_close_all();
}

int main(void)
{
	snprintf(tmpdir, sizeof tmpdir, "/tmp/loket-test-db-XXXXXX");
	if (!mkdtemp(tmpdir)) {
		T_FAIL("mkdtemp", "cannot create a temporary directory");
		T_EXIT();
	}
	const char *loket = "build/san/loket";
	char *p1 = xasprintf("%s/schema.db", tmpdir);
	char *p2 = xasprintf("%s/newer.db", tmpdir);
	char *p3 = xasprintf("%s/cli.db", tmpdir);
	char *p4 = xasprintf("%s/half.db", tmpdir);
	char *p5 = xasprintf("%s/stmt.db", tmpdir);

	CHECK(db_get() == NULL, "db_get before db_init gives NULL");
	test_schema(p1);
	test_idempotent(p1);
	test_newer_schema(p2, loket);
	test_migrate_command(p3, loket);
	test_failed_migration(p4);
	char *p7 = xasprintf("%s/rebuild.db", tmpdir);
	test_rebuild_migration(p7, loket);
	free(p7);
	test_statements(p5);
	db_close_all();
	char *p6 = xasprintf("%s/turns.db", tmpdir);
	test_turns(p6);
	free(p6);

	rm_tree(tmpdir);
	CHECK(access(tmpdir, F_OK) != 0, "temporary directory removed");
	free(p1);
	free(p2);
	free(p3);
	free(p4);
	free(p5);
	T_EXIT();
}
