/* db_regie.h - regisseur assignments, casusteam, access by exception as
 * seen by the regisseur, and the "Mijn werk" lists.  JSON results are new
 * references the caller owns. */
#ifndef LOKET_DB_REGIE_H
#define LOKET_DB_REGIE_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "db.h"
#include "util.h"

/* Current regisseur (0 when none) and the household's version. */
enum db_status db_regie_current(db *d, int64_t hh, int64_t *regisseur_id, int64_t *version);

/* Assignment history, newest first: [{from?, to, by, at, reason, handover_note?}]. */
json_t *db_regie_history(db *d, int64_t hh);

/* Employees who can be regisseur (active, consulent or gebiedsteam), ranked
 * by matching expertises (against the expertises the latest intake asked
 * for) descending, then by caseload ascending, then name:
 * [{id, name, team?, caseload, matching, needed}]. */
json_t *db_regie_suggestions(db *d, int64_t hh);

/* True when id is an active employee who can be regisseur. */
bool db_regie_eligible(db *d, int64_t medewerker_id);

/* Sets the regisseur when the household is still at expected_version and
 * records the assignment.  Returns DB_NOT_FOUND when the version moved on
 * (or the household is gone).  Inside the caller's transaction. */
enum db_status db_regie_assign(db *d, int64_t hh, int64_t expected_version, int64_t from_id,
                               int64_t to_id, int64_t by_id, const char *reason,
                               const char *handover_note);

/* Casusteam: [{id, name, team?, added_nl}] by name. */
json_t *db_casusteam_list(db *d, int64_t hh);
/* DB_CONSTRAINT when already a member. */
enum db_status db_casusteam_add(db *d, int64_t hh, int64_t medewerker_id, int64_t by_id);
/* DB_NOT_FOUND when not a member. */
enum db_status db_casusteam_remove(db *d, int64_t hh, int64_t medewerker_id);

/* Accesses by exception to one household, newest first:
 * [{who, reason, at_nl}] (at most 50). */
json_t *db_exceptions_for_household(db *d, int64_t hh);

/* What every signed-in case worker may see of a household, to hand over
 * warmly: {address, regisseur?, regisseur_email?, members: [{name,
 * birth_date_nl}]}, or NULL when there is no such household. */
json_t *db_household_limited(db *d, int64_t hh);

/* "Mijn werk" for employee me. */
/* Households where me is regisseur and not closed: [{id, address, status_label, members}]. */
json_t *db_my_households(db *d, int64_t me);
/* Accesses by exception to households where me is regisseur, last `days`
 * days: [{huishouden_id, address, who, reason, at_nl}]. */
json_t *db_my_exceptions(db *d, int64_t me, int days);

#endif
