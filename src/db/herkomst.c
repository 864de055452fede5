/* herkomst.c - the walk-in or signal an aanmelding starts from. */
#include "db_herkomst.h"

#include <sqlite3.h>
#include <string.h>

#include "text.h"

static const char SQL_BEZOEK[] =
	"SELECT b.outcome = 'open', l.name, b.visit_date, b.question, b.visitor_name, b.contact,"
	" coalesce(b.huishouden_id, 0), b.created_by, b.spreekuur_id"
	" FROM bezoek b JOIN spreekuur s ON s.id = b.spreekuur_id JOIN locatie l ON l.id = s.locatie_id"
	" WHERE b.id = ?";
static const char SQL_SIGNAAL[] =
	"SELECT status IN ('nieuw', 'in_onderzoek'), date(received_at, 'unixepoch', 'localtime'), concern,"
	" source_kind, source_name, safety_concern, coalesce(huishouden_id, 0), created_by,"
	" coalesce(assigned_to, 0) FROM signaal WHERE id = ?";

/* "2026-11-23" -> "23-11-2026" in the arena. */
static const char *date_nl(arena *a, const char *iso)
{
	char nl[11];
	if (!iso || strlen(iso) != 10)
		return "";
	text_date_nl(iso, nl);
	return arena_strdup(a, nl);
}

enum db_status db_herkomst_get(db *d, arena *a, enum herkomst_kind kind, int64_t id, struct herkomst *out)
{
	*out = (struct herkomst){.kind = kind, .id = id};
	sqlite3_stmt *st = db_stmt(d, kind == HERKOMST_BEZOEK ? SQL_BEZOEK : SQL_SIGNAAL);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	enum db_status s = DB_NOT_FOUND;
	if (rc == SQLITE_ROW) {
		out->open = sqlite3_column_int(st, 0) != 0;
		const char *when = date_nl(a, (const char *)sqlite3_column_text(st, kind == HERKOMST_BEZOEK ? 2 : 1));
		if (kind == HERKOMST_BEZOEK) {
			out->place = db_col_dup(a, st, 1);
			out->description = arena_printf(a, "Bezoek op het spreekuur bij %s op %s", out->place, when);
			out->question = db_col_dup(a, st, 3);
			out->visitor_name = db_col_dup(a, st, 4);
			out->contact = db_col_dup(a, st, 5);
			out->huishouden_id = sqlite3_column_int64(st, 6);
			out->created_by = sqlite3_column_int64(st, 7);
			out->spreekuur_id = sqlite3_column_int64(st, 8);
		} else {
			out->description = arena_printf(a, "Signaal van %s", when);
			out->question = db_col_dup(a, st, 2);
			out->source_kind = db_col_dup(a, st, 3);
			out->source_name = db_col_dup(a, st, 4);
			out->safety_concern = sqlite3_column_int(st, 5) != 0;
			out->huishouden_id = sqlite3_column_int64(st, 6);
			out->created_by = sqlite3_column_int64(st, 7);
			out->assigned_to = sqlite3_column_int64(st, 8);
		}
		s = DB_OK;
	} else if (rc != SQLITE_DONE) {
		s = db_status_of(d, rc, "herkomst");
	}
	db_done(st);
	return s;
}

static const char SQL_CONVERT_BEZOEK[] =
	"UPDATE bezoek SET outcome = 'aanmelding', aanmelding_id = ?1, huishouden_id = ?2, updated_by = ?3,"
	" updated_at = ?4, version = version + 1 WHERE id = ?5 AND outcome = 'open'";
static const char SQL_CONVERT_SIGNAAL[] =
	"UPDATE signaal SET status = 'aanmelding', aanmelding_id = ?1, huishouden_id = ?2, updated_by = ?3,"
	" updated_at = ?4, version = version + 1 WHERE id = ?5 AND status IN ('nieuw', 'in_onderzoek')";

enum db_status db_herkomst_convert(db *d, enum herkomst_kind kind, int64_t id, int64_t aanmelding_id,
                                   int64_t hh, int64_t by)
{
	sqlite3_stmt *st = db_stmt(d, kind == HERKOMST_BEZOEK ? SQL_CONVERT_BEZOEK : SQL_CONVERT_SIGNAAL);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, aanmelding_id);
	sqlite3_bind_int64(st, 2, hh);
	sqlite3_bind_int64(st, 3, by);
	sqlite3_bind_int64(st, 4, now_unix());
	sqlite3_bind_int64(st, 5, id);
	return db_exec_changed(d, st, "herkomst convert");
}
