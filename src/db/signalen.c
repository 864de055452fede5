/* signalen.c - data access for the teamleider's signals (see
 * db_signalen.h). */
#include "db_signalen.h"

#include <time.h>

#define ADDRESS "h.street || ' ' || h.house_number || coalesce(h.house_suffix, '') || ', ' || h.city"

enum db_status db_signalen_instelling(db *d, int64_t team, int64_t *procent, int64_t *minimum)
{
	*procent = GROEI_PROCENT;
	*minimum = GROEI_MINIMUM;
	sqlite3_stmt *st = db_stmt(d, "SELECT groei_procent, groei_minimum FROM team_signaal WHERE team_id = ?");
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, team);
	int64_t v[2];
	enum db_status s = db_read_ints(d, st, v, 2, "team signaal");
	if (s == DB_OK) {
		*procent = v[0];
		*minimum = v[1];
	}
	return s == DB_NOT_FOUND ? DB_OK : s;
}

enum db_status db_signalen_instelling_set(db *d, int64_t team, int64_t procent, int64_t minimum, int64_t by)
{
	sqlite3_stmt *st = db_stmt(d, "INSERT INTO team_signaal(team_id, groei_procent, groei_minimum, updated_by, updated_at)"
	                              " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (team_id) DO UPDATE"
	                              " SET groei_procent = ?2, groei_minimum = ?3, updated_by = ?4, updated_at = ?5");
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, team);
	sqlite3_bind_int64(st, 2, procent);
	sqlite3_bind_int64(st, 3, minimum);
	sqlite3_bind_int64(st, 4, by);
	sqlite3_bind_int64(st, 5, (int64_t)time(NULL));
	return db_exec_stmt(d, st, "team signaal set");
}

/* Maatwerk of the team's households started between ?2 and ?3, per
 * provider or product and month, counted per person (or household).  The
 * queries start from maatwerk by date (migration 0028), then keep the
 * team's. */
#define STARTS(key)                                                                                        \
	"WITH m AS (SELECT " key " AS sid, substr(v.start_date, 1, 7) AS maand,"                               \
	" count(DISTINCT coalesce(v.persoon_id, -v.huishouden_id)) AS n"                                       \
	" FROM voorziening v JOIN huishouden h ON h.id = v.huishouden_id JOIN medewerker r ON r.id = h.regisseur_id" \
	" WHERE v.kind = 'maatwerk' AND v.start_date BETWEEN ?2 AND ?3 AND r.team_id = ?1"                  \
	" AND v.status IN ('toegekend', 'gestart', 'beeindigd') GROUP BY sid, maand)"

static const char SQL_GROEI_AANBIEDER[] =
	STARTS("v.aanbieder_id")
	" SELECT a.id AS id, a.name AS naam, coalesce((SELECT n FROM m WHERE m.sid = a.id AND m.maand = ?4), 0) AS deze_maand,"
	" coalesce((SELECT sum(n) FROM m WHERE m.sid = a.id AND m.maand < ?4), 0) AS vorige_drie"
	" FROM aanbieder a WHERE a.id IN (SELECT sid FROM m) ORDER BY a.name, a.id";

static const char SQL_GROEI_PRODUCT[] =
	STARTS("v.product_id")
	" SELECT p.id AS id, p.category || ' ' || p.code || ' ' || p.name AS naam,"
	" coalesce((SELECT n FROM m WHERE m.sid = p.id AND m.maand = ?4), 0) AS deze_maand,"
	" coalesce((SELECT sum(n) FROM m WHERE m.sid = p.id AND m.maand < ?4), 0) AS vorige_drie"
	" FROM product p WHERE p.id IN (SELECT sid FROM m) ORDER BY p.category, p.code";

json_t *db_signalen_groei(db *d, int64_t team, bool per_product, const char *from_day, const char *today,
                          const char *this_month)
{
	sqlite3_stmt *st = db_stmt(d, per_product ? SQL_GROEI_PRODUCT : SQL_GROEI_AANBIEDER);
	if (!st)
		return NULL;
	sqlite3_bind_int64(st, 1, team);
	sqlite3_bind_text(st, 2, from_day, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, today, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, this_month, -1, SQLITE_TRANSIENT);
	return db_all_rows_or_null(d, st, "signalen groei");
}

#define RUNNING "v.kind = 'maatwerk' AND v.status IN ('toegekend', 'gestart') AND v.end_date >= ?2"

json_t *db_signalen_overlap(db *d, int64_t team, const char *today)
{
	sqlite3_stmt *st = db_stmt(
		d, "SELECT h.id AS huishouden_id, " ADDRESS " AS adres, p.category AS categorie,"
		   " (SELECT replace(group_concat(DISTINCT a.name), ',', ', ') FROM voorziening v2 JOIN aanbieder a ON a.id = v2.aanbieder_id"
		   "  JOIN product p2 ON p2.id = v2.product_id WHERE v2.huishouden_id = h.id AND p2.category = p.category"
		   "  AND v2.kind = 'maatwerk' AND v2.status IN ('toegekend', 'gestart') AND v2.end_date >= ?2) AS aanbieders,"
		   " count(DISTINCT v.id) AS aantal, max(v.id) AS laatste"
		   " FROM voorziening v JOIN huishouden h ON h.id = v.huishouden_id JOIN medewerker r ON r.id = h.regisseur_id"
		   " JOIN product p ON p.id = v.product_id"
		   " WHERE " RUNNING " AND r.team_id = ?1"
		   " AND EXISTS (SELECT 1 FROM voorziening w JOIN product q ON q.id = w.product_id WHERE w.huishouden_id = h.id"
		   "   AND w.id <> v.id AND w.kind = 'maatwerk' AND w.status IN ('toegekend', 'gestart') AND w.end_date >= ?2"
		   "   AND q.category = p.category AND w.aanbieder_id <> v.aanbieder_id"
		   "   AND w.start_date <= v.end_date AND v.start_date <= w.end_date)"
		   " GROUP BY h.id, p.category ORDER BY adres, p.category");
	if (!st)
		return NULL;
	sqlite3_bind_int64(st, 1, team);
	sqlite3_bind_text(st, 2, today, -1, SQLITE_TRANSIENT);
	return db_all_rows_or_null(d, st, "signalen overlap");
}

json_t *db_signalen_tijdelijk(db *d, int64_t team, const char *today, const char *until)
{
	sqlite3_stmt *st = db_stmt(
		d, "SELECT v.id AS voorziening_id, h.id AS huishouden_id, " ADDRESS " AS adres,"
		   " p.category || ' ' || p.code || ' ' || p.name AS product, v.end_date AS einddatum,"
		   " pl.next_evaluation AS volgende_evaluatie"
		   " FROM voorziening v JOIN huishouden h ON h.id = v.huishouden_id JOIN medewerker r ON r.id = h.regisseur_id"
		   " JOIN product p ON p.id = v.product_id LEFT JOIN plan pl ON pl.huishouden_id = h.id"
		   " WHERE " RUNNING " AND v.end_date <= ?3 AND r.team_id = ?1"
		   " AND NOT (pl.next_evaluation IS NOT NULL AND pl.next_evaluation BETWEEN ?2 AND v.end_date)"
		   " ORDER BY v.end_date, adres");
	if (!st)
		return NULL;
	sqlite3_bind_int64(st, 1, team);
	sqlite3_bind_text(st, 2, today, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, until, -1, SQLITE_TRANSIENT);
	return db_all_rows_or_null(d, st, "signalen tijdelijk");
}
