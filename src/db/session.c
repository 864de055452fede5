/* session.c - data access for sessions and failed sign-ins. */
#include "db_session.h"

#include "db_medewerker.h"

static const char SQL_FIND[] =
	"SELECT s.id, s.csrf_token, s.created_at, s.last_seen_at,"
	" m.id, m.username, m.name, m.roles, coalesce(m.team_id, 0), m.must_change_password"
	" FROM session s JOIN medewerker m ON m.id = s.medewerker_id"
	" WHERE s.token_hash = ? AND m.active = 1";

enum db_status db_session_find(db *d, arena *a, const unsigned char hash[32], struct session *s,
                               struct user *u)
{
	sqlite3_stmt *st = db_stmt(d, SQL_FIND);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_blob(st, 1, hash, 32, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	enum db_status status = DB_NOT_FOUND;
	if (rc == SQLITE_ROW) {
		s->id = sqlite3_column_int64(st, 0);
		s->csrf_token = arena_strdup(a, db_col_text(st, 1));
		s->created_at = sqlite3_column_int64(st, 2);
		s->last_seen_at = sqlite3_column_int64(st, 3);
		db_user_from_row(a, st, 4, u);
		u->must_change_password = sqlite3_column_int(st, 9) != 0;
		status = DB_OK;
	} else if (rc != SQLITE_DONE) {
		status = db_status_of(d, rc, "session find");
	}
	db_done(st);
	return status;
}

static const char SQL_INSERT[] =
	"INSERT INTO session(token_hash, medewerker_id, csrf_token, created_at, last_seen_at, client_addr)"
	" VALUES (?,?,?,?,?,?)";

enum db_status db_session_insert(db *d, const unsigned char hash[32], int64_t medewerker_id,
                                 const char *csrf, const char *client_addr, int64_t now,
                                 int64_t *id_out)
{
	sqlite3_stmt *st = db_stmt(d, SQL_INSERT);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_blob(st, 1, hash, 32, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, medewerker_id);
	sqlite3_bind_text(st, 3, csrf, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, now);
	sqlite3_bind_int64(st, 5, now);
	sqlite3_bind_text(st, 6, client_addr, -1, SQLITE_STATIC);
	return db_exec_insert(d, st, id_out, "session insert");
}

static const char SQL_TOUCH[] = "UPDATE session SET last_seen_at = ? WHERE id = ?";
static const char SQL_DELETE[] = "DELETE FROM session WHERE id = ?";
static const char SQL_DELETE_FOR[] = "DELETE FROM session WHERE medewerker_id = ?";
static const char SQL_DELETE_OTHERS[] = "DELETE FROM session WHERE medewerker_id = ? AND id <> ?";

static enum db_status exec_two_ints(db *d, const char *sql, int64_t a1, int64_t a2, int n)
{
	sqlite3_stmt *st = db_stmt(d, sql);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, a1);
	if (n > 1)
		sqlite3_bind_int64(st, 2, a2);
	return db_exec_stmt(d, st, sql);
}

enum db_status db_session_touch(db *d, int64_t id, int64_t now)
{
	return exec_two_ints(d, SQL_TOUCH, now, id, 2);
}

enum db_status db_session_delete(db *d, int64_t id)
{
	return exec_two_ints(d, SQL_DELETE, id, 0, 1);
}

enum db_status db_session_delete_for(db *d, int64_t medewerker_id)
{
	return exec_two_ints(d, SQL_DELETE_FOR, medewerker_id, 0, 1);
}

enum db_status db_session_delete_others(db *d, int64_t medewerker_id, int64_t keep_id)
{
	return exec_two_ints(d, SQL_DELETE_OTHERS, medewerker_id, keep_id, 2);
}

static const char SQL_FAILURES[] =
	"SELECT (SELECT count(*) FROM login_failure WHERE username = ?1 AND at >= ?3),"
	"       (SELECT count(*) FROM login_failure WHERE client_addr = ?2 AND at >= ?3)";

enum db_status db_login_failures(db *d, const char *username, const char *addr, int64_t since,
                                 int64_t *by_user, int64_t *by_addr)
{
	sqlite3_stmt *st = db_stmt(d, SQL_FAILURES);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_text(st, 1, username, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, addr, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, since);
	int rc = sqlite3_step(st);
	enum db_status s = DB_ERROR;
	if (rc == SQLITE_ROW) {
		*by_user = sqlite3_column_int64(st, 0);
		*by_addr = sqlite3_column_int64(st, 1);
		s = DB_OK;
	} else {
		s = db_status_of(d, rc, "login failures");
	}
	db_done(st);
	return s;
}

static const char SQL_FAILURE_ADD[] =
	"INSERT INTO login_failure(username, client_addr, at) VALUES (?,?,?)";

enum db_status db_login_failure_add(db *d, const char *username, const char *addr, int64_t now)
{
	sqlite3_stmt *st = db_stmt(d, SQL_FAILURE_ADD);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_text(st, 1, username, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, addr, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, now);
	return db_exec_stmt(d, st, "login failure add");
}

static const char SQL_PRUNE[] = "DELETE FROM login_failure WHERE at < ?";
static const char SQL_CLEAR_USER[] = "DELETE FROM login_failure WHERE username = ?";

enum db_status db_login_failures_prune(db *d, int64_t before)
{
	return exec_two_ints(d, SQL_PRUNE, before, 0, 1);
}

enum db_status db_login_failures_clear_user(db *d, const char *username)
{
	sqlite3_stmt *st = db_stmt(d, SQL_CLEAR_USER);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_text(st, 1, username, -1, SQLITE_STATIC);
	return db_exec_stmt(d, st, "login failures clear");
}
