/* bezetting.c - data access for caseload and capacity (see
 * db_bezetting.h). */
#include "db_bezetting.h"

#include "figcache.h"

#include <stdio.h>
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

static json_t *compute_medewerkers(db *d, int64_t team)
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

static json_t *compute_instroom(db *d, int64_t team, const char *from_day)
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

static enum db_status compute_doorlooptijd(db *d, int64_t team, const char *from_day, int64_t *n, int64_t *days)
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

/* ---- the cache -------------------------------------------------------------------------
 *
 * At 100,000 households the weights read every ZRM score of the team's
 * open households (some 70,000 rows, ~60 ms) and the inflow every
 * aanmelding of its households; the page is read far more often than
 * those rows change.  The figures are kept per team (and first month) with
 * a stamp of what they are made of, read before them: statistiek_versie
 * (employees, households added or removed, periods; migration 0010) and
 * what it does not count: the newest ZRM score, regie assignment,
 * aanmelding and veiligheidszorg, the number of open veiligheidszorgen
 * and of closed households.  A result is used only while the stamp is the
 * same, and at most STAMP_SECONDS, which bounds what the stamp cannot see
 * (a person moving to another household, an aanmelding's date corrected).
 * Kept in include/figcache.h. */
enum { STAMP_N = 7, STAMP_SECONDS = 300 };
static const char SQL_STAMP[] =
	"SELECT (SELECT n FROM statistiek_versie WHERE singleton = 1), (SELECT max(id) FROM zrm_score),"
	" (SELECT max(id) FROM regie_toewijzing), (SELECT max(id) FROM aanmelding), (SELECT max(id) FROM veiligheidszorg),"
	" (SELECT count(*) FROM veiligheidszorg WHERE status = 'open'),"
	" (SELECT count(*) FROM huishouden WHERE status = 'afgesloten')";

enum figure { F_MEDEWERKERS, F_INSTROOM, F_DOORLOOPTIJD };
/* Which parts of the stamp each figure is made of (bit i: column i), so a
 * new ZRM score does not recompute the inflow, nor an aanmelding the
 * weights. */
static const unsigned stamp_parts[] = {
	[F_MEDEWERKERS] = 0x77,  /* all but the aanmeldingen */
	[F_INSTROOM] = 0x0d,     /* version, regie, aanmeldingen */
	[F_DOORLOOPTIJD] = 0x45, /* version, regie, closed households */
};
static const char *const figure_names[] = {"medewerkers", "instroom", "doorlooptijd"};

static void cache_key(char key[FIGCACHE_KEY], enum figure what, int64_t team, const char *from)
{
	snprintf(key, FIGCACHE_KEY, "bezetting|%s|%lld|%s", figure_names[what], (long long)team, from);
}

/* The cached value of what for team and from (a deep copy, or NULL), and
 * the stamp to store a new one under (include/figcache.h). */
static json_t *cache_get(db *d, enum figure what, int64_t team, const char *from, int64_t stamp[STAMP_N])
{
	sqlite3_stmt *st = db_stmt(d, SQL_STAMP);
	if (!st || db_read_ints(d, st, stamp, STAMP_N, "bezetting stamp") != DB_OK) {
		stamp[0] = -1; /* never stored */
		return NULL;
	}
	for (int i = 0; i < STAMP_N; i++)
		if (!(stamp_parts[what] & (1u << i)))
			stamp[i] = 0;
	char key[FIGCACHE_KEY];
	cache_key(key, what, team, from);
	return figcache_get(key, stamp, STAMP_N, now_unix());
}

static void cache_put(enum figure what, int64_t team, const char *from, const int64_t stamp[STAMP_N], const json_t *value)
{
	if (stamp[0] < 0 || !value)
		return;
	char key[FIGCACHE_KEY];
	cache_key(key, what, team, from);
	figcache_put(key, stamp, STAMP_N, now_unix() + STAMP_SECONDS, value);
}

json_t *db_bezetting_medewerkers(db *d, int64_t team)
{
	int64_t stamp[STAMP_N];
	json_t *out = cache_get(d, F_MEDEWERKERS, team, "", stamp);
	if (!out && (out = compute_medewerkers(d, team)))
		cache_put(F_MEDEWERKERS, team, "", stamp, out);
	return out;
}

json_t *db_bezetting_instroom(db *d, int64_t team, const char *from_day)
{
	int64_t stamp[STAMP_N];
	json_t *out = cache_get(d, F_INSTROOM, team, from_day, stamp);
	if (!out && (out = compute_instroom(d, team, from_day)))
		cache_put(F_INSTROOM, team, from_day, stamp, out);
	return out;
}

enum db_status db_bezetting_doorlooptijd(db *d, int64_t team, const char *from_day, int64_t *n, int64_t *days)
{
	int64_t stamp[STAMP_N];
	json_t *hit = cache_get(d, F_DOORLOOPTIJD, team, from_day, stamp);
	if (hit) {
		*n = json_integer_value(json_array_get(hit, 0));
		*days = json_integer_value(json_array_get(hit, 1));
		json_decref(hit);
		return DB_OK;
	}
	enum db_status s = compute_doorlooptijd(d, team, from_day, n, days);
	if (s == DB_OK) {
		json_t *v = json_pack("[I, I]", (json_int_t)*n, (json_int_t)*days);
		cache_put(F_DOORLOOPTIJD, team, from_day, stamp, v);
		json_decref(v);
	}
	return s;
}
