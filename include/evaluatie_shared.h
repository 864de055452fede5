/* evaluatie_shared.h - what the evaluation's form and its JSON API share
 * (src/handlers/evaluatie.c): the field tables, what an evaluation of one
 * plan refers to, reading and checking the input, and storing it.
 * Defined in src/evaluatie_shared.c.  Strings and arrays come from the
 * request's arena. */
#ifndef LOKET_EVALUATIE_SHARED_H
#define LOKET_EVALUATIE_SHARED_H

#include <stdbool.h>
#include <stdint.h>

#include "access.h"
#include "db.h"
#include "db_evaluatie.h"
#include "db_intake.h"
#include "db_plan.h"
#include "form.h"
#include "gezondheid.h"
#include "http.h"

enum { NDOMAINS = 13 };

/* Goal statuses (doel.status), in the order a conversation runs. */
extern const struct vocab evaluatie_goal_status;

/* The evaluation's fields: gepland_op, gehouden_op, samenvatting,
 * volgende_evaluatie, plan_afronden, versie (of the plan). */
enum { E_GEPLAND, E_GEHOUDEN, E_SAMENVATTING, E_VOLGENDE, E_AFRONDEN, E_VERSIE, E_COUNT };
extern const struct field_rule evaluatie_rules[E_COUNT];
/* Per goal: bereikt, status, versie (of the goal). */
enum { G_BEREIKT, G_STATUS, G_VERSIE, G_COUNT };

/* Why a plan cannot be evaluated now (not vastgesteld or geevalueerd). */
extern const char EVALUATIE_NOT_EVALUABLE[];

/* What an evaluation of one plan refers to. */
struct ev_ctx {
	struct plan plan;
	struct ev_goal *goals; /* goals still running (not bereikt or vervallen) */
	size_t ngoals;
	struct intake_ref *people;
	size_t npeople;
	struct zrm_score *latest; /* newest score per person and domain */
	size_t nlatest;
};

struct ev_input {
	struct field_value v[E_COUNT];
	struct field_value *goal; /* ngoals * G_COUNT */
	int *score;               /* npeople * NDOMAINS; 0: not scored */
	const char *goals_error, *scores_error;
	struct pg_input pg; /* Positieve Gezondheid per person (gezondheid.h) */
	int errors;
};

/* True when plan p is vastgesteld or geevalueerd. */
bool evaluatie_plan_evaluable(const struct plan *p);
/* Loads plan_id with its running goals, the household's people and their
 * newest scores into *c (from r's arena).  Returns a db_status. */
enum db_status evaluatie_load_ctx(struct req *r, db *d, int64_t plan_id, struct ev_ctx *c);
/* Allocates in's per-goal values and scores for c (from arena a). */
void evaluatie_input_alloc(arena *a, const struct ev_ctx *c, struct ev_input *in);
/* The form's name of the score of persoon_id in domain: "zrm_<id>_<code>". */
const char *evaluatie_score_field(arena *a, int64_t persoon_id, int domain);
/* The per-goal rule table with the form's names for goal id. */
void evaluatie_goal_form_rules(arena *a, int64_t id, struct field_rule out[G_COUNT]);
/* Reads and checks the input from the form, or from the API's JSON
 * ("doelen": [{"doel_id", "versie", "bereikt", "status"}] with every
 * running goal exactly once, "scores": [{"persoon_id", "leefgebied",
 * "score"}]) into *in; in->errors counts what is wrong. */
void evaluatie_read_form(struct req *r, const struct ev_ctx *c, struct ev_input *in);
void evaluatie_read_json(struct req *r, const struct ev_ctx *c, struct ev_input *in);
/* The checked input as data-layer input (arrays from arena a). */
void evaluatie_build_new(arena *a, const struct ev_ctx *c, const struct ev_input *in, struct evaluatie_new *out);
/* Stores the evaluation with an audit row for it, the plan and each goal,
 * in one transaction; *id gets its id.  DB_NOT_FOUND when the plan or a
 * goal changed since it was read (nothing stored). */
enum db_status evaluatie_store_new(struct req *r, db *d, const struct evaluatie_new *in, int64_t hh,
                                   const struct hh_access_info *acc, int64_t *id);

#endif
