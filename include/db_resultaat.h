/* db_resultaat.h - the rows behind the results per provider and product
 * (issue 16 item 2, docs/sturen.md): the maatwerk voorzieningen that ran in
 * a period with what they cost and what was declared, and the goals they
 * served with their state at the latest evaluation and the ZRM score of
 * their domain at the intake and at the latest evaluation.  The figures
 * themselves are computed from these rows in src/resultaat.c, so a figure
 * and the households behind it come from one definition. */
#ifndef LOKET_DB_RESULTAAT_H
#define LOKET_DB_RESULTAAT_H

#include <stdint.h>

#include "db.h"

/* Validated: 0 for all teams / gebieden; dates "YYYY-MM-DD", from <= to. */
struct res_filter {
	int64_t team_id, gebied_id;
	char from[11], to[11];
};

/* A maatwerk voorziening (toegekend, gestart or beeindigd) of a household
 * of the team and gebied, running some time in the period: begun (the
 * actual start, else the ingangsdatum) on or before its end, and not ended
 * (ended_on, else the einddatum) before its start. */
struct res_voorziening {
	int64_t id, huishouden_id;
	int64_t client;               /* persoon_id, or -huishouden_id for the household as a whole */
	int64_t persoon_id;           /* 0 when the voorziening is for the household */
	int64_t aanbieder_id, product_id;
	const char *aanbieder, *product; /* names; product as "code naam" */
	char begin[11], ended[11];    /* ended "" while not ended */
	const char *end_reason;       /* NULL while not ended */
	int64_t cost_cents;           /* the estimated cost (budget) */
	int64_t declared_cents;       /* approved declarations with a begindatum in the period */
	int64_t days;                 /* from begin to the end when ended, else -1 */
};

/* A goal served by such a voorziening. */
enum res_goal_state { GOAL_NOT_EVALUATED, GOAL_REACHED, GOAL_PARTLY, GOAL_NOT_REACHED, GOAL_OTHER };
struct res_doel {
	int64_t voorziening_id, doel_id;
	int64_t client;               /* the goal's person, else the voorziening's, else -household */
	enum res_goal_state state;    /* at the latest evaluation held on or before the period's end */
	int zrm_first, zrm_last;      /* the domain's score at the intake and at the latest evaluation
	                               * on or before the period's end; -1 when there is none */
};

/* The resident's own Positieve Gezondheid total (0-60) at the first and
 * the latest measurement on or before the period's end, for each person
 * of such a voorziening with at least two measurements. */
struct res_gezondheid {
	int64_t persoon_id;
	int first, last;
	int measurements;              /* complete ones */
	char first_key[11], last_key[11]; /* their dates (for merging partial reads) */
};

enum db_status db_res_voorzieningen(db *d, arena *a, const struct res_filter *f, struct res_voorziening **out,
                                    size_t *n);
/* The goals of the voorzieningen ids (a JSON array, ascending: the order
 * the lookups are cheapest in) and the own scores of the persons persons
 * (the same), as of the period's end. */
enum db_status db_res_doelen(db *d, arena *a, const struct res_filter *f, const char *ids, struct res_doel **out,
                             size_t *n);
enum db_status db_res_gezondheid(db *d, arena *a, const struct res_filter *f, const char *persons,
                                 struct res_gezondheid **out, size_t *n);

#endif
