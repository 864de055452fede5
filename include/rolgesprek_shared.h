/* rolgesprek_shared.h - what the rolgesprek's handler files share:
 * rolgesprek.c (the page of a goal's rolgesprek and saving it) and
 * bijdrage.c (one recorded contribution through the API).  Defined in
 * src/rolgesprek_shared.c. */
#ifndef LOKET_ROLGESPREK_SHARED_H
#define LOKET_ROLGESPREK_SHARED_H

#include <jansson.h>
#include <stdbool.h>

#include "db.h"
#include "db_plan.h"
#include "form.h"
#include "http.h"
#include "plan_shared.h"

/* The fields of one contribution, as the API and a POST naming "niveau"
 * send them; a form block reads them under its prefix. */
enum { R_NIVEAU, R_BIJDRAGE, R_NETWERKLID, R_SOCIALE_KAART, R_EFFECT, R_ONDERBOUWING, R_STEUN, R_STEUN_PERSOON,
       R_COUNT };
extern const struct field_rule rolgesprek_rules[R_COUNT];
/* The fields each level's form shows and reads (a bit ROL_BIT(R_...) per
 * field); the netwerklid of a recorded netwerk contribution stays. */
#define ROL_BIT(x) (1u << (x))
extern const unsigned rolgesprek_level_fields[L_COUNT];
/* A recorded contribution's version and removal tick. */
enum { E_VERSIE, E_VERWIJDEREN, E_COUNT };
extern const struct field_rule rolgesprek_entry_rules[E_COUNT];

/* Fills v (R_COUNT values) with empty values without errors. */
void rolgesprek_blank_values(struct req *r, struct field_value *v);
/* The form values (R_COUNT) of recorded contribution c; texts from r's
 * arena or c. */
void rolgesprek_values_of(struct req *r, const struct rolgesprek *c, struct field_value *v);
/* The L_ index of a level code (L_INWONER when unknown). */
int rolgesprek_level_of(const char *code);
/* The level's own rules beyond the table (shared by browser and API, for
 * one contribution): returns the number of errors added to v.  The
 * netwerklid of a recorded contribution stays and is not checked again
 * (!is_new). */
int rolgesprek_check(db *d, int64_t hh, int level, struct field_value *v, bool is_new);
/* One contribution of goal doel_id from validated values (pointing into v). */
struct rolgesprek rolgesprek_contribution_of(int64_t doel_id, int level, const struct field_value *v);
/* What changed in contribution now since the page showed it (r's arena). */
const char *rolgesprek_stale_message(struct req *r, const struct rolgesprek *now);
/* The API's {doel_id, rolgesprek: [...]} of goal doel_id.  New reference;
 * NULL on a database error. */
json_t *rolgesprek_list_json(struct req *r, db *d, int64_t doel_id);

#endif
