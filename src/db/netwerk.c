/* netwerk.c - data access for network members (see db_netwerk.h). */
#include "db_netwerk.h"

#include <string.h>

#define NET_COLUMNS                                                                         \
	"SELECT n.id, n.huishouden_id, n.name, n.relation, n.circle, n.can_do, n.phone,"   \
	" n.active, n.version, coalesce(n.updated_at, 0), m.name"                           \
	" FROM netwerklid n LEFT JOIN medewerker m ON m.id = n.updated_by"

static const char SQL_GET[] = NET_COLUMNS " WHERE n.id = ?";
static const char SQL_LIST[] =
	NET_COLUMNS " WHERE n.huishouden_id = ? AND n.active = 1"
	" ORDER BY CASE n.circle WHEN 'nabije_omgeving' THEN 1 WHEN 'informeel_netwerk' THEN 2"
	" WHEN 'georganiseerde_vrijwillige_ondersteuning' THEN 3 ELSE 4 END,"
	" n.name COLLATE NOCASE, n.id";

static void read_row(arena *a, sqlite3_stmt *st, void *elem)
{
	struct netwerklid *out = elem;
	out->id = sqlite3_column_int64(st, 0);
	out->huishouden_id = sqlite3_column_int64(st, 1);
	out->name = db_col_dup(a, st, 2);
	out->relation = db_col_dup(a, st, 3);
	out->circle = db_col_dup(a, st, 4);
	out->can_do = db_col_dup(a, st, 5);
	out->phone = db_col_dup(a, st, 6);
	out->active = sqlite3_column_int(st, 7) != 0;
	out->version = sqlite3_column_int64(st, 8);
	out->updated_at = sqlite3_column_int64(st, 9);
	out->updated_by = db_col_dup(a, st, 10);
}

enum db_status db_netwerk_get(db *d, arena *a, int64_t id, struct netwerklid *out)
{
	sqlite3_stmt *st = db_stmt(d, SQL_GET);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	return db_read_one(d, a, st, read_row, out, "netwerklid get");
}

enum db_status db_netwerk_list(db *d, arena *a, int64_t hh, struct netwerklid **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = db_stmt(d, SQL_LIST);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, hh);
	return db_read_all(d, a, st, read_row, sizeof **out, (void **)out, n, "netwerklid list");
}

static const char SQL_INSERT[] =
	"INSERT INTO netwerklid(huishouden_id, name, relation, circle, can_do, phone, updated_by, updated_at)"
	" VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

enum db_status db_netwerk_insert(db *d, const struct netwerklid *n, int64_t by, int64_t *id_out)
{
	sqlite3_stmt *st = db_stmt(d, SQL_INSERT);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, n->huishouden_id);
	sqlite3_bind_text(st, 2, n->name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, n->relation, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, n->circle, -1, SQLITE_TRANSIENT);
	db_bind_opt_text(st, 5, n->can_do);
	db_bind_opt_text(st, 6, n->phone);
	sqlite3_bind_int64(st, 7, by);
	sqlite3_bind_int64(st, 8, now_unix());
	return db_exec_insert(d, st, id_out, "netwerklid insert");
}

static const char SQL_UPDATE[] =
	"UPDATE netwerklid SET name = ?, relation = ?, circle = ?, can_do = ?, phone = ?,"
	" updated_by = ?, updated_at = ?, version = version + 1"
	" WHERE id = ? AND version = ? AND active = 1";

enum db_status db_netwerk_update(db *d, const struct netwerklid *n, int64_t by)
{
	sqlite3_stmt *st = db_stmt(d, SQL_UPDATE);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_text(st, 1, n->name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, n->relation, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, n->circle, -1, SQLITE_TRANSIENT);
	db_bind_opt_text(st, 4, n->can_do);
	db_bind_opt_text(st, 5, n->phone);
	sqlite3_bind_int64(st, 6, by);
	sqlite3_bind_int64(st, 7, now_unix());
	sqlite3_bind_int64(st, 8, n->id);
	sqlite3_bind_int64(st, 9, n->version);
	return db_exec_changed(d, st, "netwerklid update");
}

static const char SQL_REMOVE[] =
	"UPDATE netwerklid SET active = 0, updated_by = ?, updated_at = ?, version = version + 1"
	" WHERE id = ? AND version = ? AND active = 1";

enum db_status db_netwerk_remove(db *d, int64_t id, int64_t version, int64_t by)
{
	sqlite3_stmt *st = db_stmt(d, SQL_REMOVE);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, by);
	sqlite3_bind_int64(st, 2, now_unix());
	sqlite3_bind_int64(st, 3, id);
	sqlite3_bind_int64(st, 4, version);
	return db_exec_changed(d, st, "netwerklid remove");
}
