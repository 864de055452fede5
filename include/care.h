/* care.h - helpers shared by the care handlers (intake, evaluatie,
 * netwerk, journaal, toestemming, plan, voorziening and others), defined
 * in src/care.c.  The care part of the household page is in
 * src/overzicht_zorg.c (include/overzicht_zorg.h, include/overview.h). */
#ifndef LOKET_CARE_H
#define LOKET_CARE_H

#include <jansson.h>
#include <stdint.h>

#include "db.h"
#include "db_intake.h"
#include "domain.h"
#include "http.h"

/* ZRM scores grouped by person, each with all 13 domains in DESIGN.md order
 * (unscored ones marked): [{person, persoon_id, domains: [{label, scored,
 * score, score_label, scored_nl}]}], the shape of the intake-scores
 * partial.  z is sorted by person.  New reference.  Also used by the
 * evaluations. */
json_t *care_scores_json(const struct zrm_score *z, size_t n);

/* Adds "hh": {id, address} for the page heading and back link; DB_NOT_FOUND
 * when the household does not exist. */
enum db_status care_household(struct req *r, db *d, int64_t hh, json_t *data);
/* "Sanne de Boer op 22-11-2026 14:05": who saved a record last (who may be
 * NULL: "een collega").  Allocated from r's arena. */
const char *care_changed_by(struct req *r, const char *who, int64_t at);
/* [{code, label, selected}] for a select or radio group over v.  New
 * reference. */
json_t *care_options(const struct vocab *v, const char *selected);
/* The API's answer to a stale version: 409 {"error": {"code": "conflict",
 * "message"}, "huidig": current} (current stolen). */
int care_reply_conflict(struct req *r, const char *message, json_t *current);

/* The ZRM score fields of a form, given per person ([{name, domains:
 * [{field, label, ...}]}]), turned round into one matrix (issue 13 item
 * 5): {personen: [{naam}], rijen: [{label, cellen: [the domain's field of
 * each person, with "name"]}]}, domains as rows, persons as columns. */
json_t *care_zrm_matrix(const json_t *zrm);

#endif
