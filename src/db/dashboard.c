/* dashboard.c - data access for the team dashboard, the lists behind its
 * figures and the "Mijn werk" lists (see db_dashboard.h).
 *
 * Parameters keep one meaning across the statements of this file:
 * ?1 team (NULL: alle teams), ?2 gebied (NULL: alle), ?3 today
 * "YYYY-MM-DD", ?4 now (unix seconds), ?5 first day "YYYY-MM-01" and
 * ?6 last day "YYYY-MM-31" of the period (dates compare as text, so the
 * 31st bounds every month).  The lists add ?7 an employee or aanbieder,
 * ?8 a step or reason, ?9/?10 a waiting range in days. */
#include "db_dashboard.h"

#include <stdio.h>
#include <string.h>

#include "db_referentie.h"
#include "figcache.h"

#define ADDRESS "h.street || ' ' || h.house_number || coalesce(h.house_suffix, '') || ', ' || h.postcode || ' ' || h.city"
#define PERSON_NAME(p) p ".first_name || coalesce(' ' || " p ".name_prefix, '') || ' ' || " p ".last_name"
#define MEMBERS "(SELECT group_concat(" PERSON_NAME("p") ", ', ') FROM persoon p WHERE p.huishouden_id = h.id)"
#define LOCAL_DATE(t) "date(" t ", 'unixepoch', 'localtime')"

const struct dash_age_bucket DASH_AGE_BUCKETS[4] = {
	{"week", "korter dan 1 week", 0, 7},
	{"twee_weken", "1 tot 2 weken", 7, 14},
	{"maand", "2 tot 4 weken", 14, 28},
	{"langer", "4 weken of langer", 28, INT64_MAX / 2},
};

/* All rows of st (parameters bound) as objects, then reset. */
static enum db_status rows(db *d, sqlite3_stmt *st, json_t **out, const char *context)
{
	*out = NULL;
	if (!st)
		return DB_ERROR;
	json_t *list = db_all_rows_or_null(d, st, context);
	if (!list)
		return DB_ERROR;
	*out = list;
	return DB_OK;
}

/* Binds the shared filter parameters ?1..?6 (those st does not use are
 * ignored by SQLite's range check). */
static void bind_filter(sqlite3_stmt *st, const struct dash_filter *f)
{
	char first[11], last[11];
	snprintf(first, sizeof first, "%.7s-01", f->from);
	snprintf(last, sizeof last, "%.7s-31", f->to);
	int n = sqlite3_bind_parameter_count(st);
	if (n >= 1)
		db_bind_opt_id(st, 1, f->team_id);
	if (n >= 2)
		db_bind_opt_id(st, 2, f->gebied_id);
	if (n >= 3)
		sqlite3_bind_text(st, 3, f->today, -1, SQLITE_TRANSIENT);
	if (n >= 4)
		sqlite3_bind_int64(st, 4, f->now);
	if (n >= 5)
		sqlite3_bind_text(st, 5, first, -1, SQLITE_TRANSIENT);
	if (n >= 6)
		sqlite3_bind_text(st, 6, last, -1, SQLITE_TRANSIENT);
}

static enum db_status filtered(db *d, const char *sql, const struct dash_filter *f, json_t **out,
                               const char *context)
{
	sqlite3_stmt *st = db_stmt(d, sql);
	if (st)
		bind_filter(st, f);
	return rows(d, st, out, context);
}

/* ---- the cache of the aggregate figures ------------------------------------------------
 *
 * Caseload, throughput, maatwerk per provider and outflow aggregate over
 * every household (hundreds of milliseconds at 100,000), while the rows
 * they are made of change a few times a minute.  Their results are kept
 * per filter with statistiek_versie.n, which triggers bump on every write
 * that could change them (migration 0010; include/figcache.h); the
 * version is read before the figures, so a result is at least as new as
 * the version it is kept under. */
static enum db_status cached(db *d, const char *sql, const struct dash_filter *f, json_t **out, const char *context)
{
	*out = NULL;
	int64_t version = 0;
	enum db_status s = db_stat_version(d, &version);
	if (s != DB_OK)
		return s;
	/* now is not part of the key: these figures do not use it. */
	char key[FIGCACHE_KEY];
	snprintf(key, sizeof key, "%s|%lld|%lld|%s|%s|%s", context, (long long)f->team_id, (long long)f->gebied_id,
	         f->from, f->to, f->today);
	if ((*out = figcache_get(key, &version, 1, 0)))
		return DB_OK;
	s = filtered(d, sql, f, out, context);
	if (s == DB_OK)
		figcache_put(key, &version, 1, 0, *out);
	return s;
}

/* ---- caseload ---------------------------------------------------------------------- */

static const char SQL_CASELOAD[] =
	"SELECT m.id AS medewerker_id, m.name AS naam, t.name AS team, count(h.id) AS huishoudens,"
	" count(CASE WHEN p.status IN ('vastgesteld', 'geevalueerd') THEN 1 END) AS plan_actief,"
	" count(CASE WHEN p.status <> 'afgesloten' AND p.next_evaluation < ?3 THEN 1 END) AS evaluatie_verlopen"
	" FROM medewerker m LEFT JOIN team t ON t.id = m.team_id"
	" LEFT JOIN huishouden h ON h.regisseur_id = m.id AND h.status <> 'afgesloten' AND (?2 IS NULL OR h.gebied_id = ?2)"
	" LEFT JOIN plan p ON p.huishouden_id = h.id"
	" WHERE m.active = 1 AND m.soort = 'persoon' AND (m.roles & 3) <> 0 AND (?1 IS NULL OR m.team_id = ?1)"
	" GROUP BY m.id ORDER BY m.name, m.id";

enum db_status db_dash_caseload(db *d, const struct dash_filter *f, json_t **out)
{
	return cached(d, SQL_CASELOAD, f, out, "dashboard caseload");
}

/* ---- zonder regisseur -------------------------------------------------------------- */

/* Households without a regisseur belong to no team yet: they show under
 * every team.  Those of a deactivated regisseur count for that team. */
#define WAIT_SINCE                                                                                         \
	"coalesce((SELECT min(a.received_at) FROM aanmelding a WHERE a.huishouden_id = h.id AND a.status = 'open'), " \
	"h.opened_at)"
#define UNASSIGNED_CTE                                                                                     \
	"WITH u AS ("                                                                                          \
	" SELECT h.id, h.street, h.house_number, h.house_suffix, h.postcode, h.city, h.gebied_id,"             \
	"  NULL AS vorige, " WAIT_SINCE " AS sinds"                                                            \
	" FROM huishouden h WHERE h.regisseur_id IS NULL AND h.status <> 'afgesloten'"                        \
	"  AND (?2 IS NULL OR h.gebied_id = ?2)"                                                               \
	" UNION ALL"                                                                                           \
	" SELECT h.id, h.street, h.house_number, h.house_suffix, h.postcode, h.city, h.gebied_id,"             \
	"  m.name, " WAIT_SINCE                                                                                \
	" FROM medewerker m JOIN huishouden h ON h.regisseur_id = m.id"                                        \
	" WHERE m.active = 0 AND h.status <> 'afgesloten' AND (?1 IS NULL OR m.team_id = ?1)"                 \
	"  AND (?2 IS NULL OR h.gebied_id = ?2))"

static const char SQL_UNASSIGNED[] =
	UNASSIGNED_CTE
	" SELECT h.id AS huishouden_id, " ADDRESS " AS adres, g.name AS gebied, h.vorige AS vorige_regisseur,"
	" " LOCAL_DATE("h.sinds") " AS wacht_sinds, (?4 - h.sinds) / 86400 AS wachtdagen"
	" FROM u h LEFT JOIN gebied g ON g.id = h.gebied_id ORDER BY h.sinds, h.id LIMIT ?7";

static const char SQL_UNASSIGNED_COUNT[] = UNASSIGNED_CTE " SELECT count(*) FROM u";

enum db_status db_dash_unassigned(db *d, const struct dash_filter *f, int limit, json_t **out, int64_t *total)
{
	*total = 0;
	sqlite3_stmt *st = db_stmt(d, SQL_UNASSIGNED_COUNT);
	if (!st)
		return DB_ERROR;
	bind_filter(st, f);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*total = sqlite3_column_int64(st, 0);
	db_done(st);
	if (rc != SQLITE_ROW) {
		*out = NULL;
		return db_status_of(d, rc, "dashboard unassigned count");
	}
	st = db_stmt(d, SQL_UNASSIGNED);
	if (st) {
		bind_filter(st, f);
		sqlite3_bind_int64(st, 7, limit);
	}
	return rows(d, st, out, "dashboard unassigned");
}

static const char SQL_UNASSIGNED_AGES[] =
	UNASSIGNED_CTE
	" SELECT count(CASE WHEN (?4 - sinds) / 86400 < 7 THEN 1 END),"
	" count(CASE WHEN (?4 - sinds) / 86400 >= 7 AND (?4 - sinds) / 86400 < 14 THEN 1 END),"
	" count(CASE WHEN (?4 - sinds) / 86400 >= 14 AND (?4 - sinds) / 86400 < 28 THEN 1 END),"
	" count(CASE WHEN (?4 - sinds) / 86400 >= 28 THEN 1 END) FROM u";

enum db_status db_dash_unassigned_ages(db *d, const struct dash_filter *f, json_t **out)
{
	*out = NULL;
	sqlite3_stmt *st = db_stmt(d, SQL_UNASSIGNED_AGES);
	if (!st)
		return DB_ERROR;
	bind_filter(st, f);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		db_done(st);
		return db_status_of(d, rc, "dashboard unassigned ages");
	}
	json_t *list = json_array();
	for (int i = 0; i < 4; i++)
		json_array_append_new(list, json_pack("{s:s, s:I}", "code", DASH_AGE_BUCKETS[i].code, "aantal",
		                                      (json_int_t)sqlite3_column_int64(st, i)));
	db_done(st);
	*out = list;
	return DB_OK;
}

/* ---- safety ------------------------------------------------------------------------ */

/* A household counts for the team of its active regisseur; a signal for
 * that of its household, else of the employee it is assigned to; without
 * either it shows under every team. */
static const char SQL_SAFETY[] =
	"SELECT 'aanmelding' AS soort, a.id AS id, a.huishouden_id AS huishouden_id, " ADDRESS " AS adres,"
	" NULL AS bron, a.urgency AS urgentie, g.name AS gebied, " LOCAL_DATE("a.received_at") " AS ontvangen,"
	" (?4 - a.received_at) / 86400 AS wachtdagen, a.received_at AS t"
	" FROM aanmelding a JOIN huishouden h ON h.id = a.huishouden_id"
	" LEFT JOIN medewerker m ON m.id = h.regisseur_id AND m.active = 1 LEFT JOIN gebied g ON g.id = h.gebied_id"
	" WHERE a.status = 'open' AND a.safety_concern = 1"
	" AND (?1 IS NULL OR m.team_id IS NULL OR m.team_id = ?1) AND (?2 IS NULL OR h.gebied_id = ?2)"
	" UNION ALL"
	" SELECT 'signaal', s.id, s.huishouden_id, CASE WHEN h.id IS NOT NULL THEN " ADDRESS " END,"
	" s.source_kind, NULL, g.name, " LOCAL_DATE("s.received_at") ", (?4 - s.received_at) / 86400, s.received_at"
	" FROM signaal s LEFT JOIN huishouden h ON h.id = s.huishouden_id"
	" LEFT JOIN medewerker hm ON hm.id = h.regisseur_id AND hm.active = 1"
	" LEFT JOIN medewerker am ON am.id = s.assigned_to"
	" LEFT JOIN gebied g ON g.id = coalesce(s.gebied_id, h.gebied_id)"
	" WHERE s.status IN ('nieuw', 'in_onderzoek') AND s.safety_concern = 1"
	" AND (?1 IS NULL OR coalesce(hm.team_id, am.team_id) IS NULL OR coalesce(hm.team_id, am.team_id) = ?1)"
	" AND (?2 IS NULL OR coalesce(s.gebied_id, h.gebied_id) = ?2)"
	" ORDER BY t, soort, id";

enum db_status db_dash_safety(db *d, const struct dash_filter *f, json_t **out)
{
	enum db_status s = filtered(d, SQL_SAFETY, f, out, "dashboard safety");
	if (s == DB_OK) {
		size_t i;
		json_t *row;
		json_array_foreach(*out, i, row)
			json_object_del(row, "t");
	}
	return s;
}

/* ---- throughput -------------------------------------------------------------------- */

/* Nearest rank: the k-th smallest of n values with k = ceil(p * n), i.e.
 * (n + 1) / 2 for the median and (9n + 9) / 10 for the 90th percentile in
 * integer arithmetic. */
#define STEPS_OF(src)                                                                                     \
	" SELECT 'aanmelding_intake' AS stap, substr(intake_on, 1, 7) AS maand,"                              \
	"  CAST(julianday(intake_on) - julianday(aangemeld_on) AS INTEGER) AS dagen FROM " src                 \
	"  WHERE intake_on BETWEEN ?5 AND ?6 AND (?1 IS NULL OR team_id = ?1) AND (?2 IS NULL OR gebied_id = ?2)" \
	" UNION ALL"                                                                                          \
	" SELECT 'intake_plan', substr(plan_vastgesteld_on, 1, 7),"                                           \
	"  CAST(julianday(plan_vastgesteld_on) - julianday(intake_on) AS INTEGER) FROM " src                   \
	"  WHERE plan_vastgesteld_on BETWEEN ?5 AND ?6 AND intake_on IS NOT NULL"                             \
	"  AND (?1 IS NULL OR team_id = ?1) AND (?2 IS NULL OR gebied_id = ?2)"                               \
	" UNION ALL"                                                                                          \
	" SELECT 'aanmelding_plan', substr(plan_vastgesteld_on, 1, 7),"                                       \
	"  CAST(julianday(plan_vastgesteld_on) - julianday(aangemeld_on) AS INTEGER) FROM " src                \
	"  WHERE plan_vastgesteld_on BETWEEN ?5 AND ?6 AND (?1 IS NULL OR team_id = ?1) AND (?2 IS NULL OR gebied_id = ?2)"

static const char SQL_THROUGHPUT[] =
	"WITH d AS (" STEPS_OF("statistiek_live") " UNION ALL" STEPS_OF("statistiek_periode") " UNION ALL"
	STEPS_OF("statistiek_archief") "),"
	" r AS (SELECT stap, maand, dagen, row_number() OVER w AS rn, count(*) OVER w AS n FROM d"
	"       WINDOW w AS (PARTITION BY stap, maand ORDER BY dagen ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING))"
	" SELECT maand, stap, max(n) AS aantal, max(CASE WHEN rn = (n + 1) / 2 THEN dagen END) AS mediaan,"
	" max(CASE WHEN rn = (9 * n + 9) / 10 THEN dagen END) AS p90"
	" FROM r GROUP BY maand, stap ORDER BY maand, stap";

enum db_status db_dash_throughput(db *d, const struct dash_filter *f, json_t **out)
{
	return cached(d, SQL_THROUGHPUT, f, out, "dashboard throughput");
}

/* ---- providers --------------------------------------------------------------------- */

static const char SQL_PROVIDERS[] =
	"SELECT a.id AS aanbieder_id, a.name AS aanbieder, count(*) AS aantal, sum(v.cost_cents) AS kosten_cents"
	" FROM voorziening v JOIN aanbieder a ON a.id = v.aanbieder_id JOIN huishouden h ON h.id = v.huishouden_id"
	" LEFT JOIN medewerker m ON m.id = h.regisseur_id"
	" WHERE v.kind = 'maatwerk' AND v.status IN ('toegekend', 'gestart')"
	" AND (?1 IS NULL OR m.team_id = ?1) AND (?2 IS NULL OR h.gebied_id = ?2)"
	" GROUP BY a.id ORDER BY a.name, a.id";

enum db_status db_dash_providers(db *d, const struct dash_filter *f, json_t **out)
{
	return cached(d, SQL_PROVIDERS, f, out, "dashboard providers");
}

/* ---- verwijsstromen (issue 16 item 5) ------------------------------------------------ */

static const char SQL_VERWIJZING[] =
	"SELECT substr(v.start_date, 1, 7) AS maand, v.legal_basis AS grondslag, count(*) AS aantal,"
	" sum(v.verwijzer <> 'gemeente') AS buiten_regie"
	" FROM voorziening v JOIN huishouden h ON h.id = v.huishouden_id LEFT JOIN medewerker m ON m.id = h.regisseur_id"
	" WHERE v.kind = 'maatwerk' AND v.status IN ('toegekend', 'gestart', 'beeindigd')"
	" AND v.start_date BETWEEN ?5 AND ?6 AND (?1 IS NULL OR m.team_id = ?1) AND (?2 IS NULL OR h.gebied_id = ?2)"
	" GROUP BY maand, grondslag ORDER BY maand, grondslag";

enum db_status db_dash_verwijzing(db *d, const struct dash_filter *f, json_t **out)
{
	return cached(d, SQL_VERWIJZING, f, out, "dashboard verwijzing");
}

/* What providers declared and we approved (declaratie_prestatie, issue 14)
 * in the period, by the prestatie's begin date.  Read live, not cached:
 * statistiek_versie does not move on a declaration, and the index on
 * (aanbieder_id, goedgekeurd) keeps it small. */
static const char SQL_DECLARED[] =
	"SELECT p.aanbieder_id AS aanbieder_id, a.name AS aanbieder, sum(p.bedrag_cents) AS gedeclareerd_cents"
	" FROM declaratie_prestatie p JOIN aanbieder a ON a.id = p.aanbieder_id"
	" LEFT JOIN voorziening v ON v.id = p.voorziening_id LEFT JOIN huishouden h ON h.id = v.huishouden_id"
	" LEFT JOIN medewerker m ON m.id = h.regisseur_id"
	" WHERE p.goedgekeurd = 1 AND p.begindatum BETWEEN ?5 AND ?6"
	" AND (?1 IS NULL OR m.team_id = ?1) AND (?2 IS NULL OR h.gebied_id = ?2)"
	" GROUP BY p.aanbieder_id ORDER BY a.name, a.id";

enum db_status db_dash_declared(db *d, const struct dash_filter *f, json_t **out)
{
	return filtered(d, SQL_DECLARED, f, out, "dashboard declared");
}

/* ---- outflow ----------------------------------------------------------------------- */

static const char SQL_OUTFLOW[] =
	"WITH s AS (SELECT team_id, gebied_id, closed_on, coalesce(close_reason, 'anders') AS reden FROM statistiek_live"
	"           WHERE status = 'afgesloten'"
	"           UNION ALL SELECT team_id, gebied_id, closed_on, close_reason FROM statistiek_periode"
	"           UNION ALL SELECT team_id, gebied_id, closed_on, close_reason FROM statistiek_archief)"
	" SELECT substr(closed_on, 1, 7) AS maand, reden, count(*) AS aantal FROM s"
	" WHERE closed_on BETWEEN ?5 AND ?6 AND (?1 IS NULL OR team_id = ?1) AND (?2 IS NULL OR gebied_id = ?2)"
	" GROUP BY maand, reden ORDER BY maand, reden";

enum db_status db_dash_outflow(db *d, const struct dash_filter *f, json_t **out)
{
	return cached(d, SQL_OUTFLOW, f, out, "dashboard outflow");
}

/* ---- lists behind the figures ------------------------------------------------------ */

#define LIST_SELECT                                                                                        \
	"SELECT h.id AS huishouden_id, " ADDRESS " AS adres, " MEMBERS " AS bewoners, r.name AS regisseur,"     \
	" h.status AS status, " LOCAL_DATE("h.opened_at") " AS aangemeld, h.intake_on AS intake,"             \
	" h.plan_vastgesteld_on AS plan_vastgesteld,"                                                         \
	" CASE WHEN h.status = 'afgesloten' THEN " LOCAL_DATE("h.closed_at") " END AS afgesloten,"           \
	" count(*) OVER () AS totaal"                                                                         \
	" FROM huishouden h LEFT JOIN medewerker r ON r.id = h.regisseur_id"
#define LIST_END " ORDER BY h.postcode, h.house_number, h.id LIMIT 500"
#define IN_GEBIED " AND (?2 IS NULL OR h.gebied_id = ?2)"
#define IN_TEAM " AND (?1 IS NULL OR r.team_id = ?1)"
#define STEP_DATE                                                                                          \
	"(CASE ?8 WHEN 'aanmelding_intake' THEN h.intake_on ELSE h.plan_vastgesteld_on END)"

static const char SQL_LIST_REGISSEUR[] =
	LIST_SELECT " WHERE h.regisseur_id = ?7 AND h.status <> 'afgesloten'" IN_GEBIED LIST_END;
static const char SQL_LIST_PLAN_ACTIEF[] =
	LIST_SELECT " WHERE h.regisseur_id = ?7 AND h.status <> 'afgesloten'" IN_GEBIED
	" AND EXISTS (SELECT 1 FROM plan p WHERE p.huishouden_id = h.id AND p.status IN ('vastgesteld', 'geevalueerd'))"
	LIST_END;
static const char SQL_LIST_EVALUATIE[] =
	LIST_SELECT " WHERE h.regisseur_id = ?7 AND h.status <> 'afgesloten'" IN_GEBIED
	" AND EXISTS (SELECT 1 FROM plan p WHERE p.huishouden_id = h.id AND p.status <> 'afgesloten'"
	" AND p.next_evaluation < ?3)" LIST_END;
static const char SQL_LIST_ZONDER[] =
	LIST_SELECT " WHERE h.status <> 'afgesloten'"
	" AND (h.regisseur_id IS NULL OR (r.active = 0 AND (?1 IS NULL OR r.team_id = ?1)))" IN_GEBIED
	" AND (?4 - " WAIT_SINCE ") / 86400 >= ?9 AND (?4 - " WAIT_SINCE ") / 86400 < ?10" LIST_END;
static const char SQL_LIST_STAP[] =
	LIST_SELECT " WHERE " STEP_DATE " BETWEEN ?5 AND ?6 AND (?8 <> 'intake_plan' OR h.intake_on IS NOT NULL)"
	IN_TEAM IN_GEBIED LIST_END;
static const char SQL_LIST_AANBIEDER[] =
	LIST_SELECT " WHERE EXISTS (SELECT 1 FROM voorziening v WHERE v.huishouden_id = h.id AND v.aanbieder_id = ?7"
	" AND v.kind = 'maatwerk' AND v.status IN ('toegekend', 'gestart'))" IN_TEAM IN_GEBIED LIST_END;
static const char SQL_LIST_UITSTROOM[] =
	LIST_SELECT " WHERE h.status = 'afgesloten' AND " LOCAL_DATE("h.closed_at") " BETWEEN ?5 AND ?6"
	" AND (?8 IS NULL OR coalesce(h.close_reason, 'anders') = ?8)" IN_TEAM IN_GEBIED LIST_END;

/* The households behind a result: their ids come computed (src/resultaat.c)
 * as one bound JSON array. */
static const char SQL_LIST_IDS[] =
	LIST_SELECT " WHERE h.id IN (SELECT value FROM json_each(?7))" LIST_END;

static const char SQL_ARCHIVED_STAP[] =
	"SELECT count(*) FROM statistiek_archief WHERE (CASE ?8 WHEN 'aanmelding_intake' THEN intake_on"
	" ELSE plan_vastgesteld_on END) BETWEEN ?5 AND ?6 AND (?8 <> 'intake_plan' OR intake_on IS NOT NULL)"
	" AND (?1 IS NULL OR team_id = ?1) AND (?2 IS NULL OR gebied_id = ?2)";
static const char SQL_ARCHIVED_UITSTROOM[] =
	"SELECT count(*) FROM statistiek_archief WHERE closed_on BETWEEN ?5 AND ?6"
	" AND (?8 IS NULL OR close_reason = ?8) AND (?1 IS NULL OR team_id = ?1) AND (?2 IS NULL OR gebied_id = ?2)";

/* The list's month replaces the filter's period. */
static void bind_list(sqlite3_stmt *st, const struct dash_filter *f, const struct dash_list_query *q)
{
	struct dash_filter g = *f;
	if (q->month) {
		snprintf(g.from, sizeof g.from, "%.7s", q->month);
		snprintf(g.to, sizeof g.to, "%.7s", q->month);
	}
	bind_filter(st, &g);
	int n = sqlite3_bind_parameter_count(st);
	if (n >= 7 && q->kind == DASH_LIST_IDS)
		sqlite3_bind_text(st, 7, q->ids_json ? q->ids_json : "[]", -1, SQLITE_TRANSIENT);
	else if (n >= 7)
		sqlite3_bind_int64(st, 7, q->kind == DASH_LIST_AANBIEDER ? q->aanbieder_id : q->medewerker_id);
	if (n >= 8) {
		const char *s = q->kind == DASH_LIST_STAP ? q->step : q->reason;
		if (s)
			sqlite3_bind_text(st, 8, s, -1, SQLITE_TRANSIENT);
		else
			sqlite3_bind_null(st, 8);
	}
	if (n >= 10) {
		sqlite3_bind_int64(st, 9, q->min_days);
		sqlite3_bind_int64(st, 10, q->max_days);
	}
}

enum db_status db_dash_list(db *d, const struct dash_filter *f, const struct dash_list_query *q, json_t **out,
                            int64_t *total)
{
	static const char *const sql[] = {
		[DASH_LIST_REGISSEUR] = SQL_LIST_REGISSEUR, [DASH_LIST_PLAN_ACTIEF] = SQL_LIST_PLAN_ACTIEF,
		[DASH_LIST_EVALUATIE_VERLOPEN] = SQL_LIST_EVALUATIE, [DASH_LIST_ZONDER_REGISSEUR] = SQL_LIST_ZONDER,
		[DASH_LIST_STAP] = SQL_LIST_STAP, [DASH_LIST_AANBIEDER] = SQL_LIST_AANBIEDER,
		[DASH_LIST_UITSTROOM] = SQL_LIST_UITSTROOM, [DASH_LIST_IDS] = SQL_LIST_IDS,
	};
	*total = 0;
	sqlite3_stmt *st = db_stmt(d, sql[q->kind]);
	if (st)
		bind_list(st, f, q);
	enum db_status s = rows(d, st, out, "dashboard list");
	if (s != DB_OK)
		return s;
	size_t i;
	json_t *row;
	json_array_foreach(*out, i, row) {
		*total = json_integer_value(json_object_get(row, "totaal"));
		json_object_del(row, "totaal");
	}
	return DB_OK;
}

enum db_status db_dash_list_archived(db *d, const struct dash_filter *f, const struct dash_list_query *q,
                                     int64_t *count)
{
	*count = 0;
	if (q->kind != DASH_LIST_STAP && q->kind != DASH_LIST_UITSTROOM)
		return DB_OK;
	sqlite3_stmt *st = db_stmt(d, q->kind == DASH_LIST_STAP ? SQL_ARCHIVED_STAP : SQL_ARCHIVED_UITSTROOM);
	if (!st)
		return DB_ERROR;
	bind_list(st, f, q);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*count = sqlite3_column_int64(st, 0);
	db_done(st);
	return rc == SQLITE_ROW ? DB_OK : db_status_of(d, rc, "dashboard archived count");
}

static const char SQL_TEAMS[] = "SELECT id, name AS naam FROM team ORDER BY name, id";
static const char SQL_GEBIEDEN[] = "SELECT id, name AS naam FROM gebied ORDER BY name, id";

enum db_status db_dash_teams(db *d, json_t **out)
{
	return rows(d, db_stmt(d, SQL_TEAMS), out, "dashboard teams");
}

enum db_status db_dash_gebieden(db *d, json_t **out)
{
	return rows(d, db_stmt(d, SQL_GEBIEDEN), out, "dashboard gebieden");
}

/* ---- Mijn werk --------------------------------------------------------------------- */

static const char SQL_MY_HOUSEHOLDS[] =
	"SELECT h.id AS id, " ADDRESS " AS adres, " MEMBERS " AS bewoners, h.status AS status,"
	" CASE WHEN p.status <> 'afgesloten' THEN p.next_evaluation END AS volgende_evaluatie,"
	" (SELECT count(*) FROM doel g JOIN afspraak a ON a.doel_id = g.id"
	"   WHERE g.plan_id = p.id AND a.done_on IS NULL AND a.due_date < ?2) AS afspraken_verlopen,"
	" CASE WHEN p.status <> 'afgesloten' AND p.next_evaluation < ?2 THEN 1 ELSE 0 END AS evaluatie_verlopen"
	" FROM huishouden h LEFT JOIN plan p ON p.huishouden_id = h.id"
	" WHERE h.regisseur_id = ?1 AND h.status <> 'afgesloten'"
	" ORDER BY h.postcode, h.house_number, h.id LIMIT 200";

enum db_status db_dash_my_households(db *d, int64_t me, const char *today, json_t **out)
{
	sqlite3_stmt *st = db_stmt(d, SQL_MY_HOUSEHOLDS);
	if (st) {
		sqlite3_bind_int64(st, 1, me);
		sqlite3_bind_text(st, 2, today, -1, SQLITE_TRANSIENT);
	}
	return rows(d, st, out, "mijn huishoudens");
}

static const char SQL_MY_INVOLVEMENT[] =
	"SELECT h.id AS id, " ADDRESS " AS adres, 'casusteam' AS rol, NULL AS aanmelding_id"
	" FROM casusteam c JOIN huishouden h ON h.id = c.huishouden_id"
	" WHERE c.medewerker_id = ?1 AND coalesce(h.regisseur_id, 0) <> ?1 AND h.status <> 'afgesloten'"
	" UNION ALL"
	" SELECT h.id, " ADDRESS ", 'behandelaar', a.id"
	" FROM aanmelding a JOIN huishouden h ON h.id = a.huishouden_id"
	" WHERE a.behandelaar_id = ?1 AND a.status = 'open'"
	" ORDER BY 2, 3 LIMIT 200";

enum db_status db_dash_my_involvement(db *d, int64_t me, json_t **out)
{
	sqlite3_stmt *st = db_stmt(d, SQL_MY_INVOLVEMENT);
	if (st)
		sqlite3_bind_int64(st, 1, me);
	return rows(d, st, out, "mijn betrokkenheid");
}

static const char SQL_MY_AGREEMENTS[] =
	"SELECT a.id AS id, h.id AS huishouden_id, " ADDRESS " AS adres, a.what AS wat,"
	" coalesce(" PERSON_NAME("ps") ", n.name, m.name, b.name) AS wie, a.due_date AS uiterlijk,"
	" max(0, CAST(julianday(?2) - julianday(a.due_date) AS INTEGER)) AS dagen_te_laat"
	" FROM afspraak a JOIN doel g ON g.id = a.doel_id JOIN plan p ON p.id = g.plan_id"
	" JOIN huishouden h ON h.id = p.huishouden_id"
	" LEFT JOIN persoon ps ON ps.id = a.persoon_id LEFT JOIN netwerklid n ON n.id = a.netwerklid_id"
	" LEFT JOIN medewerker m ON m.id = a.medewerker_id LEFT JOIN aanbieder b ON b.id = a.aanbieder_id"
	/* Two indexed ways in instead of an OR that walks every open agreement. */
	" WHERE a.done_on IS NULL AND a.id IN (SELECT x.id FROM afspraak x WHERE x.medewerker_id = ?1"
	"  UNION SELECT y.id FROM huishouden hy JOIN plan py ON py.huishouden_id = hy.id"
	"  JOIN doel gy ON gy.plan_id = py.id JOIN afspraak y ON y.doel_id = gy.id WHERE hy.regisseur_id = ?1)"
	" ORDER BY a.due_date, a.id LIMIT 200";

enum db_status db_dash_my_agreements(db *d, int64_t me, const char *today, json_t **out)
{
	sqlite3_stmt *st = db_stmt(d, SQL_MY_AGREEMENTS);
	if (st) {
		sqlite3_bind_int64(st, 1, me);
		sqlite3_bind_text(st, 2, today, -1, SQLITE_TRANSIENT);
	}
	return rows(d, st, out, "mijn afspraken");
}
