/* db_evaluatie.h - evaluations of a plan (with new ZRM scores and what
 * was reached per goal), the ZRM history behind the progress chart,
 * closing a case, and moreel beraad.
 *
 * Reads the plan engineer's tables (plan, doel, afspraak) and the
 * voorzieningen table directly where this module needs them: the goals of
 * a plan to evaluate, and what is still open before a case can close.
 *
 * Strings returned are allocated from the caller's arena; arrays are arena
 * arrays (NULL when empty).  Writes run inside the caller's transaction
 * (db_begin) and write no audit rows: the caller audits in the same
 * transaction.  Functions returning json_t * return a new reference the
 * caller owns (NULL only when the database fails, logged). */
#ifndef LOKET_DB_EVALUATIE_H
#define LOKET_DB_EVALUATIE_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db.h"
#include "db_intake.h"
#include "util.h"

/* ---- goals (the plan itself: db_plan_get in db_plan.h) ---------------- */

struct ev_goal {
	int64_t id;
	const char *domain;      /* vocab_zrm_domain code */
	const char *wish;        /* in the resident's own words */
	const char *person;      /* whose goal, or NULL for the household */
	const char *target_date, *target_nl;
	const char *status;      /* open, bezig, bereikt, deels_bereikt, niet_bereikt, vervallen */
	int64_t version;
};

/* Every goal of plan_id, in order of creation (id). */
enum db_status db_ev_goals(db *d, arena *a, int64_t plan_id, struct ev_goal **out, size_t *n);

/* ---- evaluations ------------------------------------------------------------ */

/* What was reached for one goal and its new status; version is the goal's
 * version as read. */
struct ev_goal_result {
	int64_t doel_id;
	int64_t version;
	const char *reached;
	const char *status;
};

struct evaluatie_new {
	int64_t plan_id;
	int64_t plan_version;        /* as read */
	const char *planned_on, *held_on;
	const char *summary;
	const char *next_date;       /* NULL or "": the plan ends after this evaluation */
	const struct ev_goal_result *goals;
	size_t ngoals;
	const struct zrm_score *scores; /* persoon_id, domain, score; dated held_on */
	size_t nscores;
	/* Positieve Gezondheid sets (db_gezondheid.h), stored by the caller
	 * with db_gezondheid_insert in the same transaction. */
	const struct pg_set *pg;
	size_t npg;
};

/* Inserts the evaluation, one evaluatie_doel row per goal result, the
 * scores (evaluatie_id set, scored_on = held_on, never overwriting earlier
 * rows), moves each goal to its new status and the plan to "geevalueerd"
 * with next_evaluation = next_date, bumping their versions.  DB_NOT_FOUND
 * when the plan or a goal is no longer at the version read (or the plan is
 * no longer vastgesteld or geevalueerd): nothing may be committed then.
 * DB_CONSTRAINT when a reference does not exist. */
enum db_status db_evaluatie_insert(db *d, const struct evaluatie_new *in, int64_t by, int64_t *id_out);

struct evaluatie {
	int64_t id;
	int64_t plan_id;
	int64_t huishouden_id;
	const char *planned_on, *planned_nl;
	const char *held_on, *held_nl;
	const char *summary;         /* NULL when empty */
	const char *next_date, *next_nl; /* NULL when the plan ended */
	const char *created_by;      /* name */
	int64_t created_at;
};

/* One evaluation; DB_NOT_FOUND when there is none. */
enum db_status db_evaluatie_get(db *d, arena *a, int64_t id, struct evaluatie *out);
/* The evaluations of plan_id, newest held first. */
enum db_status db_evaluatie_list(db *d, arena *a, int64_t plan_id, struct evaluatie **out, size_t *n);

/* What evaluation id recorded per goal (doel_id in result order of the
 * goals' ids); wish and domain of each goal in *goals (parallel array). */
enum db_status db_evaluatie_goals(db *d, arena *a, int64_t id, struct ev_goal_result **out,
                                  struct ev_goal **goals, size_t *n);
/* The scores recorded in evaluation id, by person (oldest first). */
enum db_status db_evaluatie_scores(db *d, arena *a, int64_t id, struct zrm_score **out, size_t *n);

/* ---- ZRM history ----------------------------------------------------------- */

struct zrm_point {
	int64_t persoon_id;
	const char *person;
	const char *domain;
	int score;
	const char *scored_on, *scored_nl;
	int64_t intake_id;      /* 0 when not from an intake */
	int64_t evaluatie_id;   /* 0 when not from an evaluation */
};

/* Every ZRM score of the members of household hh, by person (oldest
 * first), then date; on one date the intake's scores come before an
 * evaluation's, and each evaluation's scores stay together (by its id):
 * the intake through each evaluation, whatever order the rows were
 * written in. */
enum db_status db_zrm_history(db *d, arena *a, int64_t hh, struct zrm_point **out, size_t *n);

/* ---- closing a case ---------------------------------------------------------- */

struct open_item {
	int64_t id;
	const char *what;        /* the agreement, or the voorziening's product / service */
	const char *status;      /* voorzieningen: its status code; agreements: NULL */
	const char *date, *date_nl; /* agreement due date, voorziening end date */
};

/* Agreements of hh's plan that are not done, by due date. */
enum db_status db_close_open_afspraken(db *d, arena *a, int64_t hh, struct open_item **out, size_t *n);
/* Voorzieningen of hh that are neither afgewezen nor beeindigd, by end date. */
enum db_status db_close_open_voorzieningen(db *d, arena *a, int64_t hh, struct open_item **out, size_t *n);

/* The household's status and closed_at (0 when open); DB_NOT_FOUND when
 * there is no such household. */
enum db_status db_close_household_status(db *d, arena *a, int64_t hh, const char **status,
                                         int64_t *closed_at);

struct close_case {
	int64_t huishouden_id;
	const char *closed_on;   /* "YYYY-MM-DD" */
	const char *reason;      /* doel_bereikt, uitstroom_lichter, verhuisd, overleden, anders */
	const char *outcome;
};

/* Closes the case: the plan (when there is one: *plan_id, else 0) to
 * afgesloten with closed_on, reason and outcome; the household to
 * afgesloten with closed_at; its open aanmeldingen to afgesloten (their
 * ids in *aanmeldingen, an arena array of *naanmeldingen).  DB_NOT_FOUND
 * when the household was already closed (nothing changed). */
enum db_status db_close_case(db *d, arena *a, const struct close_case *in, int64_t by, int64_t *plan_id,
                             int64_t **aanmeldingen, size_t *naanmeldingen);

/* ---- moreel beraad ------------------------------------------------------------- */

struct moreel_beraad {
	int64_t journaal_id;
	int64_t huishouden_id;
	const char *entry_date, *entry_nl;
	const char *participants, *dilemma, *decision;
	int64_t doel_id;          /* 0 when none */
	const char *doel;         /* the goal's wish, or NULL */
	int64_t voorziening_id;   /* 0 when none */
	const char *voorziening;  /* the voorziening's description, or NULL */
	const char *author;
	int64_t created_at;
};

/* A goal or voorziening a moreel beraad of one household may concern. */
struct mb_ref {
	int64_t id;
	const char *label;
};

/* The goals of hh's plan and its voorzieningen, for the choice lists. */
enum db_status db_mb_goals(db *d, arena *a, int64_t hh, struct mb_ref **out, size_t *n);
enum db_status db_mb_voorzieningen(db *d, arena *a, int64_t hh, struct mb_ref **out, size_t *n);

/* Stores the moreel_beraad row for journal entry journaal_id (inserted by
 * the caller with db_journaal_insert in the same transaction). */
enum db_status db_moreel_beraad_insert(db *d, int64_t journaal_id, const char *participants,
                                       const char *dilemma, const char *decision, int64_t doel_id,
                                       int64_t voorziening_id);

/* One moreel beraad by its journal id; DB_NOT_FOUND when there is none. */
enum db_status db_moreel_beraad_get(db *d, arena *a, int64_t journaal_id, struct moreel_beraad *out);
/* The moreel beraden of household hh, newest first. */
enum db_status db_moreel_beraad_list(db *d, arena *a, int64_t hh, struct moreel_beraad **out, size_t *n);

/* For the plan and voorziening pages (a "Moreel beraad" link from the goal
 * or voorziening it concerns): [{id, entry_nl, dilemma}], newest first,
 * id being the journal id (page /moreel-beraad/{id}).  New reference the
 * caller owns; NULL on a database error (logged).  The caller has already
 * checked access to the household. */
json_t *db_moreel_beraad_for_goal(db *d, int64_t doel_id);
json_t *db_moreel_beraad_for_voorziening(db *d, int64_t voorziening_id);

#endif
