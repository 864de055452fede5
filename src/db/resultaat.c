/* resultaat.c - the rows behind the results per provider and product
 * (include/db_resultaat.h).  Three reads in one read transaction: the
 * voorzieningen, the goals they serve, the residents' own scores. */
#include "db_resultaat.h"

#include <stdio.h>
#include <stdlib.h>
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
	" FROM (SELECT v.* " IN_PERIOD " ORDER BY v.id) v"
	" JOIN aanbieder a ON a.id = v.aanbieder_id JOIN product p ON p.id = v.product_id"
	" ORDER BY v.id";

/* Driven by the period's voorzieningen as read before, in id order (?5, a
 * JSON array; CROSS JOIN keeps them outside): goals, evaluations and scores
 * were written in roughly that order, so the lookups stay on nearby pages
 * (at 100,000 households four times faster than in the order of the period
 * index). */
static const char SQL_DOELEN[] =
	"SELECT vd.voorziening_id, g.id, coalesce(g.persoon_id, v.persoon_id, -v.huishouden_id),"
	" (SELECT ed.status FROM evaluatie_doel ed JOIN evaluatie e ON e.id = ed.evaluatie_id"
	"  WHERE ed.doel_id = g.id AND e.held_on <= ?4 ORDER BY e.held_on DESC, e.id DESC LIMIT 1),"
	" (SELECT z.score FROM zrm_score z WHERE z.persoon_id = coalesce(g.persoon_id, v.persoon_id)"
	"  AND z.domain = g.domain AND z.intake_id IS NOT NULL ORDER BY z.scored_on, z.id LIMIT 1),"
	" (SELECT z.score FROM zrm_score z WHERE z.persoon_id = coalesce(g.persoon_id, v.persoon_id)"
	"  AND z.domain = g.domain AND z.evaluatie_id IS NOT NULL AND z.scored_on <= ?4"
	"  ORDER BY z.scored_on DESC, z.id DESC LIMIT 1)"
	" FROM json_each(?5) j CROSS JOIN voorziening v ON v.id = j.value"
	" CROSS JOIN voorziening_doel vd ON vd.voorziening_id = v.id JOIN doel g ON g.id = vd.doel_id";

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

enum db_status db_res_doelen(db *d, arena *a, const struct res_filter *f, const char *ids, struct res_doel **out,
                             size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = db_stmt(d, SQL_DOELEN);
	if (!st)
		return DB_ERROR;
	bind(st, f);
	sqlite3_bind_text(st, 5, ids, -1, SQLITE_TRANSIENT);
	return db_read_all(d, a, st, read_doel, sizeof **out, (void **)out, n, "resultaten doelen");
}


/* The resident's own scores up to the period's end, for the persons of the
 * period's voorzieningen: every score row in the order of the covering
 * index gezondheid_score_meting (migration 0032), so each person's rows
 * come together and each conversation's six in a row.  Totalled here, not
 * grouped in SQL: at 100,000 households that sorted a quarter of a million
 * rows three times. */
static const char SQL_GEZONDHEID[] =
	"SELECT s.persoon_id, s.scored_on, s.intake_id IS NOT NULL, coalesce(s.intake_id, s.evaluatie_id), s.score"
	" FROM json_each(?5) j CROSS JOIN gezondheid_score s INDEXED BY gezondheid_score_meting"
	" ON s.persoon_id = j.value WHERE s.scored_on <= ?4";

/* One conversation's place in time: by date, on one date the intake
 * before an evaluation, then by id. */
struct conv {
	char on[11];
	int intake; /* 1 for the intake */
	int64_t id;
	int total, n;
};

static int conv_cmp(const struct conv *a, const struct conv *b)
{
	int c = strcmp(a->on, b->on);
	if (c)
		return c;
	if (a->intake != b->intake)
		return b->intake - a->intake;
	return (a->id > b->id) - (a->id < b->id);
}

/* What is known of one person so far. */
struct person {
	int64_t id;
	struct conv first, last, cur;
	int complete;
};

static void close_conv(struct person *p)
{
	if (p->cur.n == 6) {
		if (!p->complete || conv_cmp(&p->cur, &p->first) < 0)
			p->first = p->cur;
		if (!p->complete || conv_cmp(&p->cur, &p->last) > 0)
			p->last = p->cur;
		p->complete++;
	}
	p->cur.n = 0;
}

static void flush_person(arena *a, struct person *p, struct res_gezondheid **out, size_t *n, size_t *cap)
{
	close_conv(p);
	if (p->id && p->complete) {
		*out = arena_grow(a, *out, *n, cap, sizeof **out);
		(*out)[(*n)++] = (struct res_gezondheid){p->id, p->first.total, p->last.total, p->complete,
		                                         {0}, {0}};
		memcpy((*out)[*n - 1].first_key, p->first.on, 11);
		memcpy((*out)[*n - 1].last_key, p->last.on, 11);
	}
	memset(p, 0, sizeof *p);
}

static int cmp_pg(const void *x, const void *y)
{
	const struct res_gezondheid *a = x, *b = y;
	return (a->persoon_id > b->persoon_id) - (a->persoon_id < b->persoon_id);
}

enum db_status db_res_gezondheid(db *d, arena *a, const struct res_filter *f, const char *persons,
                                 struct res_gezondheid **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = db_stmt(d, SQL_GEZONDHEID);
	if (!st)
		return DB_ERROR;
	bind(st, f);
	sqlite3_bind_text(st, 5, persons, -1, SQLITE_TRANSIENT);
	struct res_gezondheid *all = NULL;
	size_t count = 0, cap = 0;
	struct person p = {0};
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t pid = sqlite3_column_int64(st, 0);
		const char *on = db_col_text(st, 1);
		int intake = sqlite3_column_int(st, 2);
		int64_t conv = sqlite3_column_int64(st, 3);
		if (pid != p.id) {
			flush_person(a, &p, &all, &count, &cap);
			p.id = pid;
		}
		if (p.cur.n == 0 || strcmp(p.cur.on, on ? on : "") != 0 || p.cur.intake != intake || p.cur.id != conv) {
			close_conv(&p);
			snprintf(p.cur.on, sizeof p.cur.on, "%s", on ? on : "");
			p.cur.intake = intake;
			p.cur.id = conv;
			p.cur.total = 0;
		}
		p.cur.total += sqlite3_column_int(st, 4);
		p.cur.n++;
	}
	flush_person(a, &p, &all, &count, &cap);
	enum db_status s = rc == SQLITE_DONE ? DB_OK : db_status_of(d, rc, "resultaten gezondheid");
	db_done(st);
	if (s != DB_OK)
		return s;
	/* By person; a person met in two runs (the rows of a person belong
	 * together in the index, so this is a safeguard) keeps the earliest and
	 * the latest of both. */
	if (count)
		qsort(all, count, sizeof *all, cmp_pg);
	for (size_t i = 0; i < count; i++) {
		if (*n && (*out)[*n - 1].persoon_id == all[i].persoon_id) {
			struct res_gezondheid *m = &(*out)[*n - 1];
			if (strcmp(all[i].first_key, m->first_key) < 0) {
				m->first = all[i].first;
				memcpy(m->first_key, all[i].first_key, 11);
			}
			if (strcmp(all[i].last_key, m->last_key) > 0) {
				m->last = all[i].last;
				memcpy(m->last_key, all[i].last_key, 11);
			}
			m->measurements += all[i].measurements;
			continue;
		}
		if (!*out)
			*out = all; /* compacted in place */
		(*out)[(*n)++] = all[i];
	}
	/* Only those measured twice or more have a change. */
	size_t k = 0;
	for (size_t i = 0; i < *n; i++)
		if ((*out)[i].measurements >= 2)
			(*out)[k++] = (*out)[i];
	*n = k;
	return DB_OK;
}
