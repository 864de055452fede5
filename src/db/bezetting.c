/* bezetting.c - data access for caseload and capacity (see
 * db_bezetting.h). */
#include "db_bezetting.h"

#include <string.h>
#include <time.h>

/* A household's weight (see db_bezetting.h), for household h. */
#define WEIGHT                                                                                              \
	"(1 + (SELECT count(DISTINCT z.domain) FROM persoon p JOIN zrm_score z ON z.persoon_id = p.id"          \
	"      WHERE p.huishouden_id = h.id AND z.score <= 2"                                                    \
	"        AND z.id = (SELECT z2.id FROM zrm_score z2 WHERE z2.persoon_id = z.persoon_id"                  \
	"                    AND z2.domain = z.domain ORDER BY z2.scored_on DESC, z2.id DESC LIMIT 1))"          \
	"    + EXISTS (SELECT 1 FROM veiligheidszorg v WHERE v.huishouden_id = h.id AND v.status = 'open'))"

enum db_status db_bezetting_normen(db *d, int64_t team, int64_t *consulent, int64_t *gebiedsteam)
{
	*consulent = NORM_CONSULENT;
	*gebiedsteam = NORM_GEBIEDSTEAM;
	sqlite3_stmt *st = db_stmt(d, "SELECT rol, norm FROM team_norm WHERE team_id = ?");
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, team);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *rol = db_col_text(st, 0);
		if (rol && strcmp(rol, "consulent") == 0)
			*consulent = sqlite3_column_int64(st, 1);
		else if (rol && strcmp(rol, "gebiedsteam") == 0)
			*gebiedsteam = sqlite3_column_int64(st, 1);
	}
	enum db_status s = rc == SQLITE_DONE ? DB_OK : db_status_of(d, rc, "team norm");
	db_done(st);
	return s;
}

enum db_status db_bezetting_normen_set(db *d, int64_t team, int64_t consulent, int64_t gebiedsteam, int64_t by)
{
	static const char *const rol[2] = {"consulent", "gebiedsteam"};
	int64_t norm[2] = {consulent, gebiedsteam};
	for (int i = 0; i < 2; i++) {
		sqlite3_stmt *st = db_stmt(d, "INSERT INTO team_norm(team_id, rol, norm, updated_by, updated_at)"
		                              " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (team_id, rol) DO UPDATE"
		                              " SET norm = ?3, updated_by = ?4, updated_at = ?5");
		if (!st)
			return DB_ERROR;
		sqlite3_bind_int64(st, 1, team);
		sqlite3_bind_text(st, 2, rol[i], -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 3, norm[i]);
		sqlite3_bind_int64(st, 4, by);
		sqlite3_bind_int64(st, 5, (int64_t)time(NULL));
		enum db_status s = db_exec_stmt(d, st, "team norm set");
		if (s != DB_OK)
			return s;
	}
	return DB_OK;
}

json_t *db_bezetting_medewerkers(db *d, int64_t team)
{
	sqlite3_stmt *st = db_stmt(
		d, "SELECT m.id AS id, m.name AS naam, m.roles AS rollen,"
		   " (SELECT count(*) FROM huishouden h WHERE h.regisseur_id = m.id AND h.status <> 'afgesloten') AS huishoudens,"
		   " (SELECT coalesce(sum(" WEIGHT "), 0) FROM huishouden h WHERE h.regisseur_id = m.id"
		   "   AND h.status <> 'afgesloten') AS gewicht"
		   " FROM medewerker m WHERE m.team_id = ? AND m.active = 1 AND m.soort = 'persoon' AND (m.roles & 3) <> 0"
		   " ORDER BY m.name, m.id");
	if (!st)
		return NULL;
	sqlite3_bind_int64(st, 1, team);
	return db_all_rows_or_null(d, st, "bezetting medewerkers");
}

json_t *db_bezetting_instroom(db *d, int64_t team, const char *from_day)
{
	sqlite3_stmt *st = db_stmt(
		d, "SELECT strftime('%Y-%m', a.received_at, 'unixepoch', 'localtime') AS maand, count(*) AS aantal"
		   " FROM medewerker m JOIN huishouden h ON h.regisseur_id = m.id JOIN aanmelding a ON a.huishouden_id = h.id"
		   " WHERE m.team_id = ? AND date(a.received_at, 'unixepoch', 'localtime') >= ? GROUP BY maand ORDER BY maand");
	if (!st)
		return NULL;
	sqlite3_bind_int64(st, 1, team);
	sqlite3_bind_text(st, 2, from_day, -1, SQLITE_TRANSIENT);
	return db_all_rows_or_null(d, st, "bezetting instroom");
}

enum db_status db_bezetting_doorlooptijd(db *d, int64_t team, const char *from_day, int64_t *n, int64_t *days)
{
	sqlite3_stmt *st = db_stmt(
		d, "SELECT count(*), coalesce(sum(dagen), 0) FROM ("
		   " SELECT CAST(julianday(date(h.closed_at, 'unixepoch', 'localtime'))"
		   "        - julianday(date(h.opened_at, 'unixepoch', 'localtime')) AS INTEGER) AS dagen"
		   " FROM medewerker m JOIN huishouden h ON h.regisseur_id = m.id"
		   " WHERE m.team_id = ?1 AND h.status = 'afgesloten' AND h.closed_at IS NOT NULL"
		   "   AND date(h.closed_at, 'unixepoch', 'localtime') >= ?2"
		   " UNION ALL"
		   " SELECT CAST(julianday(p.closed_on) - julianday(p.aangemeld_on) AS INTEGER)"
		   " FROM medewerker m JOIN huishouden h ON h.regisseur_id = m.id"
		   " JOIN huishouden_periode p ON p.huishouden_id = h.id WHERE m.team_id = ?1 AND p.closed_on >= ?2)");
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, team);
	sqlite3_bind_text(st, 2, from_day, -1, SQLITE_TRANSIENT);
	int64_t v[2] = {0, 0};
	enum db_status s = db_read_ints(d, st, v, 2, "bezetting doorlooptijd");
	*n = v[0];
	*days = v[1];
	return s;
}
