/* seed_gezondheid.c - Positieve Gezondheid for `loket seed` (seed.h): for
 * some 60 % of the persons scored in an intake, the six dimensions 0-10 on
 * the intake's day, and a set on each evaluation of the household's plan,
 * drifting up slightly on average with noise.  Deterministic: its own
 * generator, seeded from the seed, over the rows in id order. */
#include <sqlite3.h>

#include "db.h"
#include "db_gezondheid.h"
#include "domain.h"
#include "seed.h"

/* The persons scored in an intake, one row per person and intake. */
static const char SQL_SCORED[] =
	"SELECT z.persoon_id, z.intake_id, z.scored_on, z.created_by, z.created_at FROM zrm_score z"
	" WHERE z.intake_id IS NOT NULL GROUP BY z.persoon_id, z.intake_id ORDER BY z.persoon_id, z.intake_id";
/* The evaluations of the plan of person ?'s household, in order. */
static const char SQL_EVALUATIES[] =
	"SELECT e.id, e.held_on, e.created_by, e.created_at FROM persoon p JOIN plan pl ON pl.huishouden_id = p.huishouden_id"
	" JOIN evaluatie e ON e.plan_id = pl.id WHERE p.id = ? ORDER BY e.held_on, e.id";
static const char SQL_INSERT[] =
	"INSERT INTO gezondheid_score(persoon_id, dimension, score, scored_on, intake_id, evaluatie_id, created_by,"
	" created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

static uint64_t next(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static int between(uint64_t *x, int lo, int hi)
{
	return lo + (int)(next(x) % (uint64_t)(hi - lo + 1));
}

static int clamp10(int v)
{
	return v < 0 ? 0 : v > 10 ? 10 : v;
}

static enum db_status insert_set(db *d, int64_t pid, const int score[PG_NDIM], const char *on, int64_t intake_id,
                                 int64_t evaluatie_id, int64_t by, int64_t at, long long *rows)
{
	for (int k = 0; k < PG_NDIM; k++) {
		sqlite3_stmt *st = db_stmt(d, SQL_INSERT);
		if (!st)
			return DB_ERROR;
		sqlite3_bind_int64(st, 1, pid);
		sqlite3_bind_text(st, 2, vocab_pg_dimension.codes[k], -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 3, score[k]);
		sqlite3_bind_text(st, 4, on, -1, SQLITE_TRANSIENT);
		db_bind_opt_id(st, 5, intake_id);
		db_bind_opt_id(st, 6, evaluatie_id);
		sqlite3_bind_int64(st, 7, by);
		sqlite3_bind_int64(st, 8, at);
		enum db_status s = db_exec_stmt(d, st, "seed gezondheid");
		if (s != DB_OK)
			return s;
		(*rows)++;
	}
	return DB_OK;
}

/* One person: the intake's set, then one per evaluation. */
static enum db_status seed_person(db *d, uint64_t *x, sqlite3_stmt *row, long long *rows)
{
	int64_t pid = sqlite3_column_int64(row, 0);
	int score[PG_NDIM];
	/* Where someone starts: a general level with each dimension around it. */
	int level = between(x, 3, 7);
	for (int k = 0; k < PG_NDIM; k++)
		score[k] = clamp10(level + between(x, -2, 2));
	enum db_status s = insert_set(d, pid, score, (const char *)sqlite3_column_text(row, 2),
	                              sqlite3_column_int64(row, 1), 0, sqlite3_column_int64(row, 3),
	                              sqlite3_column_int64(row, 4), rows);
	if (s != DB_OK)
		return s;
	sqlite3_stmt *ev = db_stmt(d, SQL_EVALUATIES);
	if (!ev)
		return DB_ERROR;
	sqlite3_bind_int64(ev, 1, pid);
	int rc;
	while (s == DB_OK && (rc = sqlite3_step(ev)) == SQLITE_ROW) {
		/* Half a point up on average per evaluation, with noise. */
		for (int k = 0; k < PG_NDIM; k++)
			score[k] = clamp10(score[k] + between(x, -1, 2) - (between(x, 0, 1) == 0 && k % 2));
		s = insert_set(d, pid, score, (const char *)sqlite3_column_text(ev, 1), 0, sqlite3_column_int64(ev, 0),
		               sqlite3_column_int64(ev, 2), sqlite3_column_int64(ev, 3), rows);
	}
	if (s == DB_OK && rc != SQLITE_DONE)
		s = db_status_of(d, rc, "seed gezondheid evaluaties");
	db_done(ev);
	return s;
}

enum db_status seed_gezondheid(db *d, uint64_t seed, long long *rows)
{
	*rows = 0;
	uint64_t x = seed ^ 0x50475f7365656421ull; /* its own stream: the rest of the seed is unchanged */
	if (db_begin(d) != 0)
		return DB_ERROR;
	sqlite3_stmt *st = db_stmt(d, SQL_SCORED);
	enum db_status s = st ? DB_OK : DB_ERROR;
	int rc = SQLITE_DONE;
	while (s == DB_OK && (rc = sqlite3_step(st)) == SQLITE_ROW)
		if (next(&x) % 100 < 60)
			s = seed_person(d, &x, st, rows);
	if (s == DB_OK && rc != SQLITE_DONE)
		s = db_status_of(d, rc, "seed gezondheid");
	if (st)
		db_done(st);
	if (s != DB_OK || db_commit(d) != 0) {
		db_rollback(d);
		return s == DB_OK ? DB_ERROR : s;
	}
	return DB_OK;
}
