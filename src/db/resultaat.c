/* resultaat.c - the rows behind the results per provider and product
 * (include/db_resultaat.h).  Three reads in one read transaction: the
 * voorzieningen, the goals they serve, the residents' own scores. */
#include "db_resultaat.h"

#include <string.h>

/* The voorzieningen of the period: ?1 team, ?2 gebied, ?3 first day, ?4
 * last day.  A household belongs to the team of its regisseur, as on the
 * dashboard. */
#define IN_PERIOD                                                                                          \
	" FROM voorziening v JOIN huishouden h ON h.id = v.huishouden_id"                                     \
	" LEFT JOIN medewerker m ON m.id = h.regisseur_id"                                                    \
	" WHERE v.kind = 'maatwerk' AND v.status IN ('toegekend', 'gestart', 'beeindigd')"                    \
	" AND coalesce(v.started_on, v.start_date) <= ?4 AND coalesce(v.ended_on, v.end_date) >= ?3"          \
	" AND (?1 IS NULL OR m.team_id = ?1) AND (?2 IS NULL OR h.gebied_id = ?2)"

static const char SQL_VOORZIENINGEN[] =
	"SELECT v.id, v.huishouden_id, coalesce(v.persoon_id, -v.huishouden_id), coalesce(v.persoon_id, 0),"
	" v.aanbieder_id, a.name, v.product_id, p.code || ' ' || p.name,"
	" coalesce(v.started_on, v.start_date), coalesce(v.ended_on, ''), v.end_reason, v.cost_cents,"
	" (SELECT coalesce(sum(dp.bedrag_cents), 0) FROM declaratie_prestatie dp WHERE dp.voorziening_id = v.id"
	"  AND dp.goedgekeurd = 1 AND dp.begindatum BETWEEN ?3 AND ?4),"
	" CAST(julianday(v.ended_on) - julianday(coalesce(v.started_on, v.start_date)) AS INTEGER)"
	" FROM (SELECT v.* " IN_PERIOD ") v"
	" JOIN aanbieder a ON a.id = v.aanbieder_id JOIN product p ON p.id = v.product_id"
	" ORDER BY v.id";

static const char SQL_DOELEN[] =
	"SELECT vd.voorziening_id, g.id, coalesce(g.persoon_id, v.persoon_id, -v.huishouden_id),"
	" (SELECT ed.status FROM evaluatie_doel ed JOIN evaluatie e ON e.id = ed.evaluatie_id"
	"  WHERE ed.doel_id = g.id AND e.held_on <= ?4 ORDER BY e.held_on DESC, e.id DESC LIMIT 1),"
	" (SELECT z.score FROM zrm_score z WHERE z.persoon_id = coalesce(g.persoon_id, v.persoon_id)"
	"  AND z.domain = g.domain AND z.intake_id IS NOT NULL ORDER BY z.scored_on, z.id LIMIT 1),"
	" (SELECT z.score FROM zrm_score z WHERE z.persoon_id = coalesce(g.persoon_id, v.persoon_id)"
	"  AND z.domain = g.domain AND z.evaluatie_id IS NOT NULL AND z.scored_on <= ?4"
	"  ORDER BY z.scored_on DESC, z.id DESC LIMIT 1)"
	" FROM (SELECT v.id, v.persoon_id, v.huishouden_id " IN_PERIOD ") v"
	" JOIN voorziening_doel vd ON vd.voorziening_id = v.id JOIN doel g ON g.id = vd.doel_id"
	" ORDER BY vd.voorziening_id, g.id";

static void bind(sqlite3_stmt *st, const struct res_filter *f)
{
	db_bind_opt_id(st, 1, f->team_id);
	db_bind_opt_id(st, 2, f->gebied_id);
	sqlite3_bind_text(st, 3, f->from, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, f->to, -1, SQLITE_TRANSIENT);
}

static void copy_date(char out[11], const char *s)
{
	out[0] = '\0';
	if (s && strlen(s) == 10)
		memcpy(out, s, 11);
}

static void read_voorziening(arena *a, sqlite3_stmt *st, void *out)
{
	struct res_voorziening *v = out;
	v->id = sqlite3_column_int64(st, 0);
	v->huishouden_id = sqlite3_column_int64(st, 1);
	v->client = sqlite3_column_int64(st, 2);
	v->persoon_id = sqlite3_column_int64(st, 3);
	v->aanbieder_id = sqlite3_column_int64(st, 4);
	v->aanbieder = db_col_dup(a, st, 5);
	v->product_id = sqlite3_column_int64(st, 6);
	v->product = db_col_dup(a, st, 7);
	copy_date(v->begin, db_col_text(st, 8));
	copy_date(v->ended, db_col_text(st, 9));
	v->end_reason = sqlite3_column_type(st, 10) == SQLITE_NULL ? NULL : db_col_dup(a, st, 10);
	v->cost_cents = sqlite3_column_int64(st, 11);
	v->declared_cents = sqlite3_column_int64(st, 12);
	v->days = sqlite3_column_type(st, 13) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, 13);
}

static enum res_goal_state goal_state(const char *s)
{
	if (!s)
		return GOAL_NOT_EVALUATED;
	if (strcmp(s, "bereikt") == 0)
		return GOAL_REACHED;
	if (strcmp(s, "deels_bereikt") == 0)
		return GOAL_PARTLY;
	if (strcmp(s, "niet_bereikt") == 0)
		return GOAL_NOT_REACHED;
	return GOAL_OTHER;
}

static int score_or_none(sqlite3_stmt *st, int col)
{
	return sqlite3_column_type(st, col) == SQLITE_NULL ? -1 : sqlite3_column_int(st, col);
}

static void read_doel(arena *a, sqlite3_stmt *st, void *out)
{
	(void)a;
	struct res_doel *g = out;
	g->voorziening_id = sqlite3_column_int64(st, 0);
	g->doel_id = sqlite3_column_int64(st, 1);
	g->client = sqlite3_column_int64(st, 2);
	g->state = goal_state(db_col_text(st, 3));
	g->zrm_first = score_or_none(st, 4);
	g->zrm_last = score_or_none(st, 5);
}

static enum db_status read_rows(db *d, arena *a, const char *sql, const struct res_filter *f, db_row_fn row,
                                size_t size, void **out, size_t *n, const char *context)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = db_stmt(d, sql);
	if (!st)
		return DB_ERROR;
	bind(st, f);
	return db_read_all(d, a, st, row, size, out, n, context);
}

enum db_status db_res_voorzieningen(db *d, arena *a, const struct res_filter *f, struct res_voorziening **out,
                                    size_t *n)
{
	return read_rows(d, a, SQL_VOORZIENINGEN, f, read_voorziening, sizeof **out, (void **)out, n,
	                 "resultaten voorzieningen");
}

enum db_status db_res_doelen(db *d, arena *a, const struct res_filter *f, struct res_doel **out, size_t *n)
{
	return read_rows(d, a, SQL_DOELEN, f, read_doel, sizeof **out, (void **)out, n, "resultaten doelen");
}

static const char SQL_STATS_VERSION[] = "SELECT n FROM statistiek_versie WHERE singleton = 1";

enum db_status db_res_version(db *d, int64_t *version)
{
	sqlite3_stmt *st = db_stmt(d, SQL_STATS_VERSION);
	return st ? db_read_ints(d, st, version, 1, "statistiek versie") : DB_ERROR;
}

/* The resident's own total per complete measurement (gezondheid_meting,
 * migration 0031), first and latest on or before the period's end, for
 * the persons of the period's voorzieningen with two measurements or more;
 * on one date the intake comes before an evaluation. */
static const char SQL_GEZONDHEID[] =
	"WITH p AS (SELECT DISTINCT v.persoon_id " IN_PERIOD " AND v.persoon_id IS NOT NULL),"
	" m AS (SELECT g.persoon_id, g.totaal,"
	"  row_number() OVER (PARTITION BY g.persoon_id ORDER BY g.scored_on, g.intake_id IS NULL, g.evaluatie_id) AS eerst,"
	"  row_number() OVER (PARTITION BY g.persoon_id ORDER BY g.scored_on DESC, g.intake_id IS NULL DESC,"
	"                     g.evaluatie_id DESC) AS laatst,"
	"  count(*) OVER (PARTITION BY g.persoon_id) AS n"
	"  FROM gezondheid_meting g JOIN p ON p.persoon_id = g.persoon_id WHERE g.scored_on <= ?4)"
	" SELECT persoon_id, max(CASE WHEN eerst = 1 THEN totaal END), max(CASE WHEN laatst = 1 THEN totaal END)"
	" FROM m WHERE n >= 2 GROUP BY persoon_id ORDER BY persoon_id";

static void read_gezondheid(arena *a, sqlite3_stmt *st, void *out)
{
	(void)a;
	struct res_gezondheid *g = out;
	g->persoon_id = sqlite3_column_int64(st, 0);
	g->first = sqlite3_column_int(st, 1);
	g->last = sqlite3_column_int(st, 2);
}

enum db_status db_res_gezondheid(db *d, arena *a, const struct res_filter *f, struct res_gezondheid **out,
                                 size_t *n)
{
	return read_rows(d, a, SQL_GEZONDHEID, f, read_gezondheid, sizeof **out, (void **)out, n,
	                 "resultaten gezondheid");
}
