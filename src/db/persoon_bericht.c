/* persoon_bericht.c - a client's message data and the OP003 stop (see
 * db_persoon_bericht.h). */
#include "db_persoon_bericht.h"

#include <stddef.h>

static void read_pb(arena *a, sqlite3_stmt *st, void *out)
{
	struct persoon_bericht *p = out;
	*p = (struct persoon_bericht){.geslacht = db_col_dup(a, st, 0), .voorletters = db_col_dup(a, st, 1),
	                              .naamgebruik = db_col_dup(a, st, 2), .geen_berichten = db_col_dup(a, st, 3)};
}

enum db_status db_persoon_bericht_get(db *d, arena *a, int64_t persoon_id, struct persoon_bericht *out)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT geslacht, voorletters, naamgebruik, geen_berichten FROM persoon WHERE id = ?");
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, persoon_id);
	return db_read_one(d, a, st, read_pb, out, "persoon bericht");
}

enum db_status db_persoon_bericht_set(db *d, int64_t persoon_id, const char *geslacht, const char *voorletters,
                                      const char *naamgebruik)
{
	sqlite3_stmt *st = db_stmt(d, "UPDATE persoon SET geslacht = ?, voorletters = nullif(?, ''), naamgebruik = ?"
	                              " WHERE id = ?");
	if (!st)
		return DB_ERROR;
	sqlite3_bind_text(st, 1, geslacht, -1, SQLITE_TRANSIENT);
	db_bind_opt_text(st, 2, voorletters);
	sqlite3_bind_text(st, 3, naamgebruik, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 4, persoon_id);
	return db_exec_changed(d, st, "persoon bericht set");
}

enum db_status db_persoon_geen_berichten(db *d, int64_t persoon_id, const char *reden)
{
	sqlite3_stmt *st = db_stmt(d, "UPDATE persoon SET geen_berichten = ?1 WHERE id = ?2"
	                              " AND ((?1 IS NULL) <> (geen_berichten IS NULL))");
	if (!st)
		return DB_ERROR;
	db_bind_opt_text(st, 1, reden);
	sqlite3_bind_int64(st, 2, persoon_id);
	return db_exec_changed(d, st, "persoon geen berichten");
}

json_t *db_persoon_wachtende_toewijzingen(db *d, int64_t persoon_id)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT DISTINCT aanbieder_id AS aanbieder_id, standaard AS standaard FROM toewijzing"
	                              " WHERE persoon_id = ? AND gewijzigd = 1 ORDER BY aanbieder_id, standaard");
	if (!st)
		return json_array();
	sqlite3_bind_int64(st, 1, persoon_id);
	return db_all_rows_json(d, st, "persoon wachtende toewijzingen");
}
