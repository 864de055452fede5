/* heropenen.c - data access for reopening a closed case (see
 * db_heropenen.h). */
#include "db_heropenen.h"

#include "util.h"

static const char SQL_PERIOD[] =
	"INSERT INTO huishouden_periode(huishouden_id, aangemeld_on, intake_on, plan_vastgesteld_on, closed_on,"
	" close_reason, reopened_on, reopened_by, reopened_at)"
	" SELECT id, date(opened_at, 'unixepoch', 'localtime'), intake_on, plan_vastgesteld_on,"
	" date(closed_at, 'unixepoch', 'localtime'), coalesce(close_reason, 'anders'), ?2, ?3, ?4"
	" FROM huishouden WHERE id = ?1 AND status = 'afgesloten' AND closed_at IS NOT NULL";
static const char SQL_REOPEN_HH[] =
	"UPDATE huishouden SET status = 'aangemeld', opened_at = CAST(strftime('%s', ?2 || ' 12:00:00', 'utc') AS INTEGER),"
	" closed_at = NULL, close_reason = NULL, intake_on = NULL, plan_vastgesteld_on = NULL,"
	" version = version + 1, updated_by = ?3, updated_at = ?4 WHERE id = ?1 AND status = 'afgesloten'";
static const char SQL_REOPEN_PLAN[] =
	"UPDATE plan SET status = CASE WHEN agreed_on IS NULL THEN 'concept' ELSE 'vastgesteld' END,"
	" closed_on = NULL, close_reason = NULL, close_outcome = NULL, version = version + 1,"
	" updated_by = ?2, updated_at = ?3 WHERE huishouden_id = ?1 AND status = 'afgesloten' RETURNING id";

enum db_status db_reopen_case(db *d, int64_t hh, const char *on, int64_t by, int64_t *plan_id)
{
	*plan_id = 0;
	int64_t now = now_unix();
	sqlite3_stmt *st = db_stmt(d, SQL_PERIOD);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, hh);
	sqlite3_bind_text(st, 2, on, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 3, by);
	sqlite3_bind_int64(st, 4, now);
	enum db_status s = db_exec_changed(d, st, "reopen: period");
	if (s != DB_OK)
		return s;
	if (!(st = db_stmt(d, SQL_REOPEN_HH)))
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, hh);
	sqlite3_bind_text(st, 2, on, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 3, by);
	sqlite3_bind_int64(st, 4, now);
	if ((s = db_exec_changed(d, st, "reopen: household")) != DB_OK)
		return s;
	if (!(st = db_stmt(d, SQL_REOPEN_PLAN)))
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, hh);
	sqlite3_bind_int64(st, 2, by);
	sqlite3_bind_int64(st, 3, now);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*plan_id = sqlite3_column_int64(st, 0);
	s = rc == SQLITE_DONE ? DB_OK : db_status_of(d, rc, "reopen: plan");
	db_done(st);
	return s;
}

static const char SQL_CLOSED[] =
	"SELECT date(closed_at, 'unixepoch', 'localtime'), coalesce(close_reason, 'anders') FROM huishouden"
	" WHERE id = ?1 AND status = 'afgesloten' AND closed_at IS NOT NULL";

enum db_status db_closed_info(db *d, arena *a, int64_t hh, const char **closed_on, const char **reason)
{
	*closed_on = *reason = NULL;
	sqlite3_stmt *st = db_stmt(d, SQL_CLOSED);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, hh);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*closed_on = db_col_dup(a, st, 0);
		*reason = db_col_dup(a, st, 1);
	}
	enum db_status s = rc == SQLITE_ROW || rc == SQLITE_DONE ? DB_OK : db_status_of(d, rc, "closed info");
	db_done(st);
	return s;
}
