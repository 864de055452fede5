/* plan_shared.h - what the plan's handler files share: plan.c (the plan,
 * its versions, print view), doel.c (goals), afspraak.c (agreements),
 * rolgesprek.c (the rolgesprek of a goal) and plan_vaststellen.c.
 * Everything here is defined in src/plan_shared.c. */
#ifndef LOKET_PLAN_SHARED_H
#define LOKET_PLAN_SHARED_H

#include <jansson.h>
#include <stdbool.h>

#include "access.h"
#include "db_plan.h"
#include "domain.h"
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

/* The plan's status (concept, vastgesteld, geevalueerd, afgesloten) and a
 * goal's status (open ... vervallen; plan_goal_status_codes NULL-ended). */
extern const struct vocab vocab_plan_status;
extern const char *const plan_goal_status_codes[];
extern const struct vocab vocab_goal_status;
/* Who carries out an agreement: inwoner, netwerklid, medewerker, aanbieder
 * (plan_who_codes NULL-ended). */
extern const char *const plan_who_codes[];
extern const struct vocab vocab_plan_who;
/* The refusal of a change to an afgesloten plan. */
extern const char plan_msg_closed[];

/* The rolgesprek from own strength outwards, in this order (NULL-ended). */
extern const char *const plan_level_codes[];
extern const char *const plan_level_labels[];
enum { L_INWONER, L_NETWERK, L_VOORLIGGEND, L_GEMEENTE, L_COUNT };

/* The API's JSON of one contribution (new reference). */
json_t *plan_rolgesprek_json(const struct rolgesprek *c);
/* The API's JSON of one agreement (new reference). */
json_t *plan_afspraak_json(const struct afspraak *a);
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
/* How the resident agreed, for vaststellen (src/handlers/plan_vaststellen.c). */
extern const char *const plan_how_codes[]; /* op_papier, mondeling, digitaal */
extern const struct vocab vocab_plan_how;

/* The plan with every goal and "akkoord_door"; with_versions adds
 * "eerdere_versies" (left out of snapshots).  New reference; NULL on a
 * database error. */
json_t *plan_json(struct req *r, db *d, const struct plan *p, bool with_versions);
/* Page data "plan" (with "goals") from plan JSON pj into data. */
void plan_page_fill(struct req *r, json_t *data, const json_t *pj, bool live);
/* Adds "days_overdue_text" ("1 dag", "3 dagen") to each agreement of list
 * (from r's arena); returns list. */
json_t *plan_overdue_words(struct req *r, json_t *list);
/* "22-11-2026" for an ISO date, null for NULL.  New reference. */
json_t *plan_date_nl_json(const char *iso);
/* Reads plan id and checks access to its household (auditing the view as
 * audit_action unless NULL); replies and returns -1 when unknown or
 * refused. */
int plan_load(struct req *r, db *d, int64_t id, const char *audit_action, struct plan *p,
              struct hh_access_info *acc);
/* Replies 409 and returns -1 unless plan p may be changed (a concept). */
int plan_require_concept(struct req *r, const struct plan *p);
/* "Het plan is intussen gewijzigd door ...", for a refused save (from r's arena). */
const char *plan_changed_text(struct req *r, db *d, const struct plan *now);
/* The plan page of household hh (plan p, or NULL when it has none yet)
 * with status and alert; done_id/done_value keep a refused "gedaan" date. */
int plan_render_page(struct req *r, db *d, int64_t hh, const struct plan *p, unsigned status,
                     const char *alert, int64_t done_id, const char *done_value);
/* "/huishoudens/{hh}/plan", from r's arena. */
const char *plan_path(struct req *r, int64_t hh);
/* After a committed change: the browser to the plan page (with notice as
 * query, or none), the API the plan as it is now with status. */
int plan_reply_changed(struct req *r, db *d, int64_t id, int64_t hh, const char *notice, unsigned status);

/* Who agreed to plan p's current version, for plan JSON: {"personen":
 * [{"persoon_id", "naam"}], "vertegenwoordiger": line or null}.  New
 * reference; NULL on a database error. */
json_t *plan_instemming_json(struct req *r, db *d, const struct plan *p);
/* Page data of akkoord (plan JSON's "akkoord_door", may be NULL) into the
 * page's plan object p: "has_akkoord_door", "akkoord_door" (names). */
void plan_instemming_page(json_t *p, const json_t *akkoord);

/* Appends an audit row for a change and commits; rolls back on failure.
 * The caller began the transaction. */
enum db_status plan_audit_commit(struct req *r, db *d, const char *action, const char *object_type,
                                 int64_t object_id, int64_t hh, const struct hh_access_info *acc);

#endif
