/* plan_shared.h - what the plan's handler files share: plan.c (the plan,
 * goals, agreements, print view) and rolgesprek.c (the rolgesprek of a
 * goal).  Everything here is defined in src/handlers/plan.c. */
#ifndef LOKET_PLAN_SHARED_H
#define LOKET_PLAN_SHARED_H

#include <jansson.h>
#include <stdbool.h>

#include "access.h"
#include "db_plan.h"
#include "http.h"

/* A member of a JSON object as a string (NULL when absent) or an integer
 * (0 when absent). */
static inline const char *jstr(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}
static inline json_int_t jint(const json_t *o, const char *key)
{
	return json_integer_value(json_object_get(o, key));
}

/* The rolgesprek from own strength outwards, in this order (NULL-ended). */
extern const char *const plan_level_codes[];
extern const char *const plan_level_labels[];
enum { L_INWONER, L_NETWERK, L_VOORLIGGEND, L_GEMEENTE, L_COUNT };

/* The API's JSON of one contribution (new reference). */
json_t *plan_rolgesprek_json(const struct rolgesprek *c);
/* A goal with its rolgesprek and agreements (new reference); NULL on a
 * database error. */
json_t *plan_doel_json(struct req *r, db *d, const struct doel *g);
/* A goal of plan JSON as page data: "levels" (the four levels of the
 * rolgesprek with their "items") and the agreements.  New reference. */
json_t *plan_page_goal(struct req *r, const json_t *gj, bool live);

/* Reads goal id and checks access to its household (auditing the view as
 * audit_action unless NULL); replies and returns -1 when unknown or
 * refused. */
int plan_load_doel(struct req *r, db *d, int64_t id, const char *audit_action, struct doel *g,
                   struct hh_access_info *acc);
/* Reads plan plan_id, which must be a concept: replies 409 (or 404) and
 * returns -1 otherwise. */
int plan_load_concept_of(struct req *r, db *d, int64_t plan_id, struct plan *p);
/* Appends an audit row for a change and commits; rolls back on failure.
 * The caller began the transaction. */
enum db_status plan_audit_commit(struct req *r, db *d, const char *action, const char *object_type,
                                 int64_t object_id, int64_t hh, const struct hh_access_info *acc);

#endif
