/* seed_evaluatie.c - evaluations for `loket seed` (seed.h), so the results
 * per provider and product (issue 16 item 2) have something to measure at
 * scale: every plan that was agreed gets an evaluation about every 91
 * days after its agreement while it ran (at most four, none after it was
 * closed or after the seed's last day); each evaluation judges every goal
 * of the plan, more of them reached as time goes on, and scores the ZRM
 * again on the domain of each goal with a person, from the intake's score
 * drifting up with noise.  Set-based SQL in one transaction, four passes;
 * deterministic: the outcomes follow from the row ids, no clock or random
 * generator. */
#include <sqlite3.h>

#include "db.h"
#include "seed.h"

enum { PASSES = 4, EVERY_DAYS = 91 };

/* ?1 the pass (1..4), ?2 the seed's last day.  Held a few days after the
 * planned date, by plan. */
static const char SQL_EVALUATIES[] =
	"INSERT INTO evaluatie(plan_id, planned_on, held_on, summary, next_date, created_by, created_at)"
	" SELECT p.id, date(p.agreed_on, printf('+%d days', ?1 * 91)),"
	"  date(p.agreed_on, printf('+%d days', ?1 * 91 + p.id % 7)),"
	"  'Evaluatie met het huishouden: wat is bereikt, wat blijft nodig.',"
	"  date(p.agreed_on, printf('+%d days', (?1 + 1) * 91)), p.created_by,"
	"  CAST(strftime('%s', date(p.agreed_on, printf('+%d days', ?1 * 91 + p.id % 7))) AS INTEGER) + 36000"
	" FROM plan p WHERE p.agreed_on IS NOT NULL"
	"  AND date(p.agreed_on, printf('+%d days', ?1 * 91 + p.id % 7)) <= coalesce(p.closed_on, ?2)"
	"  AND date(p.agreed_on, printf('+%d days', ?1 * 91 + p.id % 7)) <= ?2"
	" ORDER BY p.id";

/* The goals of the evaluations after id ?1, pass ?2: a goal's outcome from
 * a hash of the ids, with more reached in later passes. */
#define HASH "((g.id * 7919 + e.id * 104729) % 100)"
static const char SQL_DOELEN[] =
	"INSERT INTO evaluatie_doel(evaluatie_id, doel_id, reached, status)"
	" SELECT e.id, g.id, CASE WHEN " HASH " < 10 + 15 * ?2 THEN 'Het doel is bereikt, zegt het huishouden.'"
	"  WHEN " HASH " < 35 + 10 * ?2 THEN 'Een deel is gelukt; er is nog werk te doen.'"
	"  WHEN " HASH " < 85 THEN 'Loopt nog; we houden vast aan de afspraken.'"
	"  ELSE 'Niet gelukt; het plan wordt bijgesteld.' END,"
	" CASE WHEN " HASH " < 10 + 15 * ?2 THEN 'bereikt' WHEN " HASH " < 35 + 10 * ?2 THEN 'deels_bereikt'"
	"  WHEN " HASH " < 85 THEN 'bezig' ELSE 'niet_bereikt' END"
	" FROM evaluatie e JOIN doel g ON g.plan_id = e.plan_id WHERE e.id > ?1 ORDER BY e.id, g.id";

/* New ZRM scores at those evaluations on the goals' domains: the intake's
 * score plus a drift (0 to 2 up, sometimes 1 down), between 1 and 5. */
#define ZHASH "((g.persoon_id * 31 + e.id * 17) % 10)"
static const char SQL_ZRM[] =
	"INSERT INTO zrm_score(persoon_id, domain, score, scored_on, evaluatie_id, created_by, created_at)"
	" SELECT g.persoon_id, g.domain,"
	"  max(1, min(5, z.score + CASE WHEN " ZHASH " < 2 THEN -1 WHEN " ZHASH " < 5 THEN 0"
	"   WHEN " ZHASH " < 8 THEN 1 ELSE 2 END)),"
	"  e.held_on, e.id, e.created_by, e.created_at"
	" FROM evaluatie e JOIN doel g ON g.plan_id = e.plan_id"
	" JOIN zrm_score z ON z.id = (SELECT z2.id FROM zrm_score z2 WHERE z2.persoon_id = g.persoon_id"
	"   AND z2.domain = g.domain AND z2.intake_id IS NOT NULL ORDER BY z2.scored_on, z2.id LIMIT 1)"
	" WHERE e.id > ?1 AND g.persoon_id IS NOT NULL"
	" GROUP BY e.id, g.persoon_id, g.domain ORDER BY e.id, g.persoon_id, g.domain";

/* A goal's status follows its latest evaluation. */
static const char SQL_STATUS[] =
	"UPDATE doel SET status = (SELECT ed.status FROM evaluatie_doel ed JOIN evaluatie e ON e.id = ed.evaluatie_id"
	"  WHERE ed.doel_id = doel.id ORDER BY e.held_on DESC, e.id DESC LIMIT 1)"
	" WHERE EXISTS (SELECT 1 FROM evaluatie_doel ed WHERE ed.doel_id = doel.id)";

static const char SQL_MAX[] = "SELECT coalesce(max(id), 0) FROM evaluatie";
static const char SQL_COUNT[] = "SELECT count(*) FROM evaluatie";

static enum db_status run(db *d, const char *sql, int64_t a, int64_t b, const char *until, const char *context)
{
	sqlite3_stmt *st = db_stmt(d, sql);
	if (!st)
		return DB_ERROR;
	if (sqlite3_bind_parameter_count(st) >= 1)
		sqlite3_bind_int64(st, 1, a);
	if (sqlite3_bind_parameter_count(st) >= 2) {
		if (until)
			sqlite3_bind_text(st, 2, until, -1, SQLITE_TRANSIENT);
		else
			sqlite3_bind_int64(st, 2, b);
	}
	return db_exec_stmt(d, st, context);
}

enum db_status seed_evaluaties(db *d, const char *until, long long *rows)
{
	*rows = 0;
	if (db_begin(d) != 0)
		return DB_ERROR;
	enum db_status s = DB_OK;
	for (int k = 1; k <= PASSES && s == DB_OK; k++) {
		int64_t before = 0;
		sqlite3_stmt *st = db_stmt(d, SQL_MAX);
		s = st ? db_read_ints(d, st, &before, 1, "seed evaluatie max") : DB_ERROR;
		if (s == DB_OK)
			s = run(d, SQL_EVALUATIES, k, 0, until, "seed evaluaties");
		if (s == DB_OK)
			s = run(d, SQL_DOELEN, before, k, NULL, "seed evaluatie doelen");
		if (s == DB_OK)
			s = run(d, SQL_ZRM, before, 0, NULL, "seed evaluatie zrm");
	}
	if (s == DB_OK) {
		sqlite3_stmt *st = db_stmt(d, SQL_STATUS);
		s = st ? db_exec_stmt(d, st, "seed doelstatus") : DB_ERROR;
	}
	int64_t n = 0;
	if (s == DB_OK) {
		sqlite3_stmt *st = db_stmt(d, SQL_COUNT);
		s = st ? db_read_ints(d, st, &n, 1, "seed evaluaties tellen") : DB_ERROR;
	}
	if (s != DB_OK || db_commit(d) != 0) {
		db_rollback(d);
		return s == DB_OK ? DB_ERROR : s;
	}
	*rows = n;
	return DB_OK;
}
