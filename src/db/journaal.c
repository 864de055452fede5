/* journaal.c - data access for the contact log (see db_journaal.h). */
#include "db_journaal.h"

#include <string.h>

static const char SQL_INSERT[] =
	"INSERT INTO journaal(huishouden_id, kind, entry_date, body, author_id, created_at)"
	" VALUES (?, ?, ?, ?, ?, ?)";

enum db_status db_journaal_insert(db *d, int64_t huishouden_id, const char *kind,
                                  const char *entry_date, const char *body, int64_t author_id,
                                  int64_t *id_out)
{
	sqlite3_stmt *st = db_stmt(d, SQL_INSERT);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, huishouden_id);
	sqlite3_bind_text(st, 2, kind, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, entry_date, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, body, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 5, author_id);
	sqlite3_bind_int64(st, 6, now_unix());
	return db_exec_insert(d, st, id_out, "journaal insert");
}

#define JOURNAAL_COLUMNS                                                                        \
	"SELECT j.id, j.huishouden_id, j.kind, j.entry_date, strftime('%d-%m-%Y', j.entry_date),"  \
	" j.body, j.author_id, a.name, j.created_at, coalesce(j.edited_at, 0), e.name, j.version"   \
	" FROM journaal j JOIN medewerker a ON a.id = j.author_id"                                  \
	" LEFT JOIN medewerker e ON e.id = j.edited_by"

static const char SQL_GET[] = JOURNAAL_COLUMNS " WHERE j.id = ?";
static const char SQL_TIMELINE[] =
	JOURNAAL_COLUMNS " WHERE j.huishouden_id = ? ORDER BY j.entry_date DESC, j.id DESC LIMIT ?";

static void read_row(arena *a, sqlite3_stmt *st, void *elem)
{
	struct journaal *out = elem;
	out->id = sqlite3_column_int64(st, 0);
	out->huishouden_id = sqlite3_column_int64(st, 1);
	out->kind = db_col_dup(a, st, 2);
	out->entry_date = db_col_dup(a, st, 3);
	out->entry_nl = db_col_dup(a, st, 4);
	out->body = db_col_dup(a, st, 5);
	out->author_id = sqlite3_column_int64(st, 6);
	out->author = db_col_dup(a, st, 7);
	out->created_at = sqlite3_column_int64(st, 8);
	out->edited_at = sqlite3_column_int64(st, 9);
	out->edited_by = db_col_dup(a, st, 10);
	out->version = sqlite3_column_int64(st, 11);
}

enum db_status db_journaal_get(db *d, arena *a, int64_t id, struct journaal *out)
{
	sqlite3_stmt *st = db_stmt(d, SQL_GET);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	return db_read_one(d, a, st, read_row, out, "journaal get");
}

enum db_status db_journaal_timeline(db *d, arena *a, int64_t hh, int limit, struct journaal **out,
                                    size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = db_stmt(d, SQL_TIMELINE);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, hh);
	sqlite3_bind_int(st, 2, limit);
	if (limit > 0)
		*out = arena_alloc(a, (size_t)limit * sizeof **out);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < (size_t)limit)
		read_row(a, st, &(*out)[(*n)++]);
	enum db_status s = rc == SQLITE_DONE || rc == SQLITE_ROW ? DB_OK
	                                                         : db_status_of(d, rc, "journaal timeline");
	db_done(st);
	return s;
}

static const char SQL_VERSIONS[] =
	"SELECT v.version, v.kind, v.entry_date, strftime('%d-%m-%Y', v.entry_date), v.body, m.name,"
	" v.saved_at FROM journaal_versie v JOIN medewerker m ON m.id = v.saved_by"
	" WHERE v.journaal_id = ? ORDER BY v.version DESC";

enum db_status db_journaal_versions(db *d, arena *a, int64_t id, struct journaal_versie **out,
                                    size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = db_stmt(d, SQL_VERSIONS);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*out = arena_grow(a, *out, *n, &cap, sizeof **out);
		struct journaal_versie *v = &(*out)[(*n)++];
		v->version = sqlite3_column_int64(st, 0);
		v->kind = db_col_dup(a, st, 1);
		v->entry_date = db_col_dup(a, st, 2);
		v->entry_nl = db_col_dup(a, st, 3);
		v->body = db_col_dup(a, st, 4);
		v->saved_by = db_col_dup(a, st, 5);
		v->saved_at = sqlite3_column_int64(st, 6);
	}
	enum db_status s = rc == SQLITE_DONE ? DB_OK : db_status_of(d, rc, "journaal versions");
	db_done(st);
	return s;
}

/* The version being replaced was written by its last editor, or by the
 * author when it was never edited. */
static const char SQL_KEEP_VERSION[] =
	"INSERT INTO journaal_versie(journaal_id, version, kind, entry_date, body, saved_by, saved_at)"
	" SELECT id, version, kind, entry_date, body, coalesce(edited_by, author_id),"
	" coalesce(edited_at, created_at) FROM journaal WHERE id = ? AND version = ?";
static const char SQL_UPDATE[] =
	"UPDATE journaal SET kind = ?, entry_date = ?, body = ?, edited_by = ?, edited_at = ?,"
	" version = version + 1 WHERE id = ? AND version = ?";

enum db_status db_journaal_update(db *d, int64_t id, int64_t version, const char *kind,
                                  const char *entry_date, const char *body, int64_t by)
{
	sqlite3_stmt *st = db_stmt(d, SQL_KEEP_VERSION);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, version);
	enum db_status s = db_exec_stmt(d, st, "journaal keep version");
	if (s != DB_OK)
		return s;
	if (sqlite3_changes(db_sqlite(d)) == 0)
		return DB_NOT_FOUND;
	st = db_stmt(d, SQL_UPDATE);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_text(st, 1, kind, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, entry_date, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, body, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 4, by);
	sqlite3_bind_int64(st, 5, now_unix());
	sqlite3_bind_int64(st, 6, id);
	sqlite3_bind_int64(st, 7, version);
	s = db_exec_stmt(d, st, "journaal update");
	if (s == DB_OK && sqlite3_changes(db_sqlite(d)) == 0)
		return DB_NOT_FOUND;
	return s;
}
