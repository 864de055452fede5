/* gezondheid.c - Positieve Gezondheid scores (see db_gezondheid.h). */
#include "db_gezondheid.h"

#include <string.h>

#include "domain.h"

#define PERSON_NAME(p) p ".first_name || coalesce(' ' || " p ".name_prefix, '') || ' ' || " p ".last_name"

static const char SQL_INSERT[] =
	"INSERT INTO gezondheid_score(persoon_id, dimension, score, scored_on, intake_id, evaluatie_id,"
	" created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

enum db_status db_gezondheid_insert(db *d, const struct pg_set *sets, size_t n, const char *scored_on,
                                    int64_t intake_id, int64_t evaluatie_id, int64_t by)
{
	int64_t now = now_unix();
	for (size_t i = 0; i < n; i++)
		for (int k = 0; k < PG_NDIM; k++) {
			sqlite3_stmt *st = db_stmt(d, SQL_INSERT);
			if (!st)
				return DB_ERROR;
			sqlite3_bind_int64(st, 1, sets[i].persoon_id);
			sqlite3_bind_text(st, 2, vocab_pg_dimension.codes[k], -1, SQLITE_STATIC);
			sqlite3_bind_int(st, 3, sets[i].score[k]);
			sqlite3_bind_text(st, 4, scored_on, -1, SQLITE_TRANSIENT);
			db_bind_opt_id(st, 5, intake_id);
			db_bind_opt_id(st, 6, evaluatie_id);
			sqlite3_bind_int64(st, 7, by);
			sqlite3_bind_int64(st, 8, now);
			enum db_status s = db_exec_stmt(d, st, "gezondheid insert");
			if (s != DB_OK)
				return s;
		}
	return DB_OK;
}

/* One row per person, conversation and dimension; grouped into
 * measurements below.  gezondheid_score_persoon serves the join. */
static const char SQL_HISTORY[] =
	"SELECT g.persoon_id, " PERSON_NAME("p") ", g.scored_on, strftime('%d-%m-%Y', g.scored_on),"
	" coalesce(g.intake_id, 0), coalesce(g.evaluatie_id, 0), g.dimension, g.score"
	" FROM persoon p JOIN gezondheid_score g ON g.persoon_id = p.id"
	" WHERE p.huishouden_id = ?"
	" ORDER BY p.birth_date, p.id, g.scored_on, g.evaluatie_id IS NOT NULL, g.evaluatie_id, g.intake_id, g.id";

/* The person and conversation of one measurement: grouped from one row
 * per dimension (columns as SQL_HISTORY). */
static enum db_status read_metingen(db *d, arena *a, sqlite3_stmt *st, struct pg_meting **out, size_t *n,
                                    const char *context)
{
	*out = NULL;
	*n = 0;
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t pid = sqlite3_column_int64(st, 0), iid = sqlite3_column_int64(st, 4),
		        eid = sqlite3_column_int64(st, 5);
		const char *on = db_col_text(st, 2);
		struct pg_meting *m = *n ? &(*out)[*n - 1] : NULL;
		if (!m || m->persoon_id != pid || m->intake_id != iid || m->evaluatie_id != eid ||
		    strcmp(m->scored_on, on ? on : "") != 0) {
			*out = arena_grow(a, *out, *n, &cap, sizeof **out);
			m = &(*out)[(*n)++];
			*m = (struct pg_meting){.persoon_id = pid, .person = db_col_dup(a, st, 1),
			                        .scored_on = db_col_dup(a, st, 2), .scored_nl = db_col_dup(a, st, 3),
			                        .intake_id = iid, .evaluatie_id = eid};
			if (!m->scored_on)
				m->scored_on = "";
			for (int k = 0; k < PG_NDIM; k++)
				m->score[k] = -1;
		}
		int k = vocab_index(&vocab_pg_dimension, db_col_text(st, 6));
		if (k >= 0)
			m->score[k] = sqlite3_column_int(st, 7);
	}
	enum db_status s = rc == SQLITE_DONE ? DB_OK : db_status_of(d, rc, context);
	db_done(st);
	return s;
}

enum db_status db_gezondheid_history(db *d, arena *a, int64_t hh, struct pg_meting **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = db_stmt(d, SQL_HISTORY);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, hh);
	return read_metingen(d, a, st, out, n, "gezondheid history");
}

static const char SQL_GESPREK[] =
	"SELECT g.persoon_id, " PERSON_NAME("p") ", g.scored_on, strftime('%d-%m-%Y', g.scored_on),"
	" coalesce(g.intake_id, 0), coalesce(g.evaluatie_id, 0), g.dimension, g.score"
	" FROM gezondheid_score g JOIN persoon p ON p.id = g.persoon_id"
	" WHERE g.intake_id = ?1 OR g.evaluatie_id = ?2 ORDER BY p.birth_date, p.id, g.id";

enum db_status db_gezondheid_gesprek(db *d, arena *a, int64_t intake_id, int64_t evaluatie_id,
                                     struct pg_meting **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = db_stmt(d, SQL_GESPREK);
	if (!st)
		return DB_ERROR;
	/* Ids are positive: 0 matches nothing. */
	sqlite3_bind_int64(st, 1, intake_id);
	sqlite3_bind_int64(st, 2, evaluatie_id);
	return read_metingen(d, a, st, out, n, "gezondheid gesprek");
}

/* The definition of the view gezondheid_verandering (migration 0031) for
 * one person, so the index on persoon_id serves it. */
static const char SQL_VERANDERING[] =
	"WITH m AS (SELECT scored_on, coalesce(intake_id, 0) AS i, coalesce(evaluatie_id, 0) AS e,"
	"   sum(score) AS totaal FROM gezondheid_score WHERE persoon_id = ?1"
	"   GROUP BY scored_on, intake_id, evaluatie_id HAVING count(*) = 6)"
	" SELECT (SELECT totaal FROM m ORDER BY scored_on, e <> 0, e, i LIMIT 1),"
	"  (SELECT totaal FROM m ORDER BY scored_on DESC, e <> 0 DESC, e DESC, i DESC LIMIT 1),"
	"  (SELECT count(*) FROM m)";

enum db_status db_gezondheid_verandering(db *d, int64_t persoon_id, int *eerste, int *laatste, bool *has)
{
	*eerste = *laatste = 0;
	*has = false;
	sqlite3_stmt *st = db_stmt(d, SQL_VERANDERING);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, persoon_id);
	int64_t v[3];
	enum db_status s = db_read_ints(d, st, v, 3, "gezondheid verandering");
	if (s == DB_NOT_FOUND)
		return DB_OK;
	if (s != DB_OK)
		return s;
	if (v[2] > 0) {
		*eerste = (int)v[0];
		*laatste = (int)v[1];
		*has = true;
	}
	return DB_OK;
}
