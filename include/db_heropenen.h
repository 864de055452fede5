/* db_heropenen.h - reopening a closed case (issue 12 item 4).
 *
 * A closed household is read-only (require_household in src/access.c);
 * reopening is an act of its own: the finished period goes into
 * huishouden_periode (migration 0017) so the dashboard keeps counting it,
 * and the household starts a new one.  Writes run inside the caller's
 * transaction (db_begin) and write no audit rows: the caller audits in the
 * same transaction. */
#ifndef LOKET_DB_HEROPENEN_H
#define LOKET_DB_HEROPENEN_H

#include <stdint.h>

#include "db.h"

/* Reopens household hh on day on ("YYYY-MM-DD", local): stores the closed
 * period (opened, intake, plan vastgesteld, closed, reason), sets the
 * household to aangemeld with opened_at at noon of that day and clears
 * closed_at, close_reason, intake_on and plan_vastgesteld_on (the new
 * period has none yet); a closed plan returns to vastgesteld (concept when
 * it was never agreed) without its closing date, reason and outcome
 * (*plan_id, else 0).  DB_NOT_FOUND when hh is not closed (nothing
 * changed). */
enum db_status db_reopen_case(db *d, int64_t hh, const char *on, int64_t by, int64_t *plan_id);

/* Whether hh is closed: *closed_on ("YYYY-MM-DD", local) and *reason (an
 * end-reason code) from a, both NULL when it is not closed or does not
 * exist.  Returns a db_status. */
enum db_status db_closed_info(db *d, arena *a, int64_t hh, const char **closed_on, const char **reason);

#endif
