/* team_shared.h - what the teamleider's dashboard files share: team.c (the
 * dashboard, its CSV and JSON exports and its API) and team_lijst.c (the
 * lists behind the figures).  Defined in src/team_shared.c, which also
 * holds team_summary_fill for Mijn werk (include/handlers.h). */
#ifndef LOKET_TEAM_SHARED_H
#define LOKET_TEAM_SHARED_H

#include <jansson.h>
#include <stdbool.h>

#include "db.h"
#include "form.h"
#include "http.h"
#include "db_dashboard.h"
#include "form.h"
#include "http.h"
#include "util.h"

/* A member of a JSON object as an integer (0 when absent) or a string
 * (NULL when absent). */
static inline json_int_t ji(const json_t *o, const char *key)
{
	return json_integer_value(json_object_get(o, key));
}
static inline const char *js(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/* The filter's fields: team, gebied, van and tot (months "YYYY-MM"). */
enum { F_TEAM, F_GEBIED, F_VAN, F_TOT, F_COUNT };
extern const struct field_rule team_filter_rules[F_COUNT];
/* The throughput steps: aanmelding_intake, intake_plan, aanmelding_plan. */
extern const char *const team_steps[3];

/* "YYYY-MM" (2000-2199) to a month number since year 0, or -1. */
int team_month_index(const char *s);
/* Month number idx as "YYYY-MM" into out. */
void team_month_text(int idx, char out[8]);
/* The month number of today ("YYYY-MM-DD"); January 2000 should the clock
 * be outside 2000-2199. */
int team_current_month(const char *today);
/* "maart 2026" for "2026-03", from arena a. */
const char *team_month_label(arena *a, const char *ym);
/* Validates the filter in r's query string into *f; defaults: the user's
 * own team, every gebied, the last 12 months.  Returns the number of
 * fields in error (messages in v, F_COUNT values). */
int team_parse_filter(struct req *r, db *d, struct dash_filter *f, struct field_value *v);
/* The same with a longest period of max_months (the dashboard: 36). */
int team_parse_filter_upto(struct req *r, db *d, struct dash_filter *f, struct field_value *v, int max_months);
/* The filter's form on page data: its fields (with v's errors in the
 * summary), the teams and gebieden with the chosen one selected, and the
 * months as typed when refused.  For the dashboard, the results and the
 * beleidsmedewerker's pages. */
void team_filter_form(db *d, json_t *data, const struct dash_filter *f, const struct field_value *v);
/* The filter as a query string for links ("team=...&van=...&tot=..."),
 * from r's arena. */
const char *team_filter_query(struct req *r, const struct dash_filter *f);
/* Every figure as the API gives it; unassigned_limit < 0 lists all.
 * Returns a db_status; *out is a new reference on DB_OK. */
enum db_status team_dashboard_data(db *d, const struct dash_filter *f, int unassigned_limit, json_t **out);
/* Cents as euros with a decimal comma: "1234,56", or with thousands
 * points "1.234,56" for the page (points).  From arena a. */
const char *team_euros(arena *a, int64_t cents, bool points);
/* "22-11-2026" for an ISO date (NULL for NULL), from arena a. */
const char *team_date_nl(arena *a, const char *iso);
/* Sets row's nl_key to its key's date as "22-11-2026", when it has one. */
void team_set_date_nl(arena *a, json_t *row, const char *key, const char *nl_key);

/* ---- the team's own settings (issue 16: caseload norms, signal
 * thresholds): two numbers the teamleider sets for her own team. ---- */

/* The name of the signed-in user's team; DB_NOT_FOUND when she has none. */
enum db_status team_own_name(struct req *r, db *d, const char **name);
/* The form of the two numbers (rules[0], rules[1]) on data: v as typed,
 * or, when v is NULL, the stored values a and b. */
void team_setting_form(struct req *r, json_t *data, const struct field_rule *rules, struct field_value *v, int64_t a,
                       int64_t b);
/* Validates r's form against rules into v (two FIELD_INT fields) and
 * saves them for the user's team through set, audited as action (object
 * the team), then redirects to done.  Returns 0 when it answered, -1 on
 * an error, or the status to render v with: 409 (no team), 422 (bad
 * input). */
int team_setting_save(struct req *r, db *d, const struct field_rule *rules, struct field_value *v, const char *action,
                      enum db_status (*set)(db *d, int64_t team, int64_t a, int64_t b, int64_t by), const char *done);

#endif
