/* db_purge.h - retention: periods per legal basis (bewaartermijn), the
 * closed households whose period has passed, and the purge that removes
 * every row of such a household after copying its dashboard figures into
 * statistiek_archief.
 *
 * Writers run inside the caller's write transaction (db_begin) and do not
 * audit: the caller appends its audit row in the same transaction.  JSON
 * results are new references the caller owns. */
#ifndef LOKET_DB_PURGE_H
#define LOKET_DB_PURGE_H

#include <jansson.h>
#include <stdint.h>

#include "db.h"

/* The periods, in the order of vocab_legal_basis with 'geen' last:
 * [{grondslag, jaren, gewijzigd_door?, gewijzigd_op?}].  NULL on a
 * database error (logged). */
json_t *db_bewaartermijn_list(db *d);

/* Sets the period of one legal basis ('wmo2015', ..., 'geen'; years
 * 1..100).  DB_NOT_FOUND for an unknown basis. */
enum db_status db_bewaartermijn_set(db *d, const char *legal_basis, int64_t years, int64_t by);

enum { PURGE_LIST_MAX = 200 };

/* Closed households whose retention has passed today: closed_at plus the
 * longest period among the legal bases of their voorzieningen ('geen'
 * when none had one) lies before today.  hh 0: all of them, oldest
 * closing first, at most PURGE_LIST_MAX; otherwise only that household
 * (an empty list when it is not due).  [{huishouden_id, gesloten_op,
 * grondslag, jaren, vernietigen_vanaf, gebied_id?, gebied?}]: no names,
 * no addresses.  NULL on a database error (logged). */
json_t *db_purge_due(db *d, int64_t hh);

/* Removes household hh and every row that belongs to it or to its
 * persons, after copying its row of statistiek_live into
 * statistiek_archief.  Other households' optional references to its
 * persons (a person who moved) are cleared.  *rows gets the number of
 * rows removed.  DB_CONSTRAINT when a row elsewhere still needs one of
 * them (an agreement of another household naming a member); the caller
 * rolls back.  The caller checks first that hh is due. */
enum db_status db_purge_household(db *d, int64_t hh, int64_t *rows);

#endif
