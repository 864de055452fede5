/* kwartaal.c - the key figures of the quarterly report (include/db_kwartaal.h). */
#include "db_kwartaal.h"

#include <stdio.h>

#include "figcache.h"

#define Q(col) "(substr(" col ", 1, 4) || '-' || ((CAST(substr(" col ", 6, 2) AS INTEGER) + 2) / 3))"
#define STAT                                                                                               \
	"s AS (SELECT aangemeld_on, intake_on, plan_vastgesteld_on, closed_on, close_reason FROM statistiek_live" \
	" UNION ALL SELECT aangemeld_on, intake_on, plan_vastgesteld_on, closed_on, close_reason FROM statistiek_periode" \
	" UNION ALL SELECT aangemeld_on, intake_on, plan_vastgesteld_on, closed_on, close_reason FROM statistiek_archief)"
#define CLIENT "coalesce(v.persoon_id, -v.huishouden_id)"
#define GRANTED "v.kind = 'maatwerk' AND v.status IN ('toegekend', 'gestart', 'beeindigd')"

static const char SQL_CIJFERS[] =
	"WITH " STAT ","
	" d AS (SELECT CAST(julianday(plan_vastgesteld_on) - julianday(aangemeld_on) AS INTEGER) AS dagen,"
	"       " Q("plan_vastgesteld_on") " AS kwartaal FROM s WHERE plan_vastgesteld_on BETWEEN ?1 AND ?2),"
	" r AS (SELECT kwartaal, dagen, row_number() OVER w AS rn, count(*) OVER w AS n FROM d"
	"       WINDOW w AS (PARTITION BY kwartaal ORDER BY dagen))"
	" SELECT " Q("aangemeld_on") " AS kwartaal, 'aangemeld' AS cijfer, count(*) AS waarde, count(*) AS personen"
	"  FROM s WHERE aangemeld_on BETWEEN ?1 AND ?2 GROUP BY 1"
	" UNION ALL SELECT " Q("intake_on") ", 'intake', count(*), count(*) FROM s WHERE intake_on BETWEEN ?1 AND ?2 GROUP BY 1"
	" UNION ALL SELECT " Q("plan_vastgesteld_on") ", 'plan', count(*), count(*) FROM s"
	"  WHERE plan_vastgesteld_on BETWEEN ?1 AND ?2 GROUP BY 1"
	" UNION ALL SELECT " Q("closed_on") ", 'afgesloten', count(*), count(*) FROM s WHERE closed_on BETWEEN ?1 AND ?2 GROUP BY 1"
	" UNION ALL SELECT " Q("closed_on") ", 'afgesloten_doel', count(*), count(*) FROM s"
	"  WHERE closed_on BETWEEN ?1 AND ?2 AND close_reason = 'doel_bereikt' GROUP BY 1"
	" UNION ALL SELECT " Q("v.start_date") ", 'maatwerk_gestart', count(DISTINCT " CLIENT "), count(DISTINCT " CLIENT ")"
	"  FROM voorziening v WHERE " GRANTED " AND v.start_date BETWEEN ?1 AND ?2 GROUP BY 1"
	" UNION ALL SELECT " Q("v.start_date") ", 'maatwerk_buiten_regie', count(DISTINCT " CLIENT "), count(DISTINCT " CLIENT ")"
	"  FROM voorziening v WHERE " GRANTED " AND v.start_date BETWEEN ?1 AND ?2 AND v.verwijzer <> 'gemeente' GROUP BY 1"
	" UNION ALL SELECT " Q("v.start_date") ", 'kosten_gestart_cents', sum(v.cost_cents), count(DISTINCT " CLIENT ")"
	"  FROM voorziening v WHERE " GRANTED " AND v.start_date BETWEEN ?1 AND ?2 GROUP BY 1"
	" UNION ALL SELECT " Q("v.ended_on") ", 'maatwerk_beeindigd', count(DISTINCT " CLIENT "), count(DISTINCT " CLIENT ")"
	"  FROM voorziening v WHERE v.kind = 'maatwerk' AND v.status = 'beeindigd' AND v.ended_on BETWEEN ?1 AND ?2 GROUP BY 1"
	" UNION ALL SELECT " Q("v.ended_on") ", 'maatwerk_beeindigd_goed', count(DISTINCT " CLIENT "), count(DISTINCT " CLIENT ")"
	"  FROM voorziening v WHERE v.kind = 'maatwerk' AND v.status = 'beeindigd' AND v.ended_on BETWEEN ?1 AND ?2"
	"  AND v.end_reason IN ('doel_bereikt', 'uitstroom_lichter') GROUP BY 1"
	" UNION ALL SELECT " Q("p.begindatum") ", 'gedeclareerd_cents', sum(p.bedrag_cents), count(DISTINCT " CLIENT ")"
	"  FROM declaratie_prestatie p JOIN voorziening v ON v.id = p.voorziening_id"
	"  WHERE p.goedgekeurd = 1 AND p.begindatum BETWEEN ?1 AND ?2 GROUP BY 1"
	" UNION ALL SELECT kwartaal, 'doorlooptijd_mediaan', max(CASE WHEN rn = (n + 1) / 2 THEN dagen END), max(n)"
	"  FROM r GROUP BY kwartaal"
	" ORDER BY 1, 2";

/* The figures per period are kept while statistiek_versie stays the same
 * (every write they read moves it on: migrations 0010, 0032;
 * include/figcache.h): a quarter's figures take a third of a second at
 * 100,000 households and change a few times a minute at most. */
enum db_status db_kwartaal_cijfers(db *d, const char *from, const char *to, json_t **out)
{
	*out = NULL;
	int64_t version = 0;
	enum db_status s = db_stat_version(d, &version);
	if (s != DB_OK)
		return s;
	char key[FIGCACHE_KEY];
	snprintf(key, sizeof key, "kwartaal|%s|%s", from, to);
	if ((*out = figcache_get(key, &version, 1, 0)))
		return DB_OK;
	sqlite3_stmt *st = db_stmt(d, SQL_CIJFERS);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_text(st, 1, from, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, to, -1, SQLITE_TRANSIENT);
	*out = db_all_rows_or_null(d, st, "kwartaalcijfers");
	if (!*out)
		return DB_ERROR;
	figcache_put(key, &version, 1, 0, *out);
	return DB_OK;
}
