/* db_gezondheid.h - Positieve Gezondheid: the resident's own scores, 0 to
 * 10, on the six dimensions of the method (vocab_pg_dimension, domain.h),
 * given in the intake or an evaluation (migration 0031).
 *
 * A measurement ("meting") is one person's six scores in one conversation;
 * rows are never overwritten.  Strings returned are allocated from the
 * caller's arena; arrays are arena arrays (NULL when empty).  Writes run
 * inside the caller's transaction (db_begin) and write no audit rows: the
 * caller audits the conversation they belong to. */
#ifndef LOKET_DB_GEZONDHEID_H
#define LOKET_DB_GEZONDHEID_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db.h"
#include "util.h"

enum { PG_NDIM = 6 }; /* the dimensions, in vocab_pg_dimension order */

/* One person's six scores (0..10, vocab_pg_dimension order). */
struct pg_set {
	int64_t persoon_id;
	int score[PG_NDIM];
};

/* Inserts n sets (six rows each) dated scored_on for the conversation they
 * were given in: intake_id or evaluatie_id, the other 0.  DB_CONSTRAINT
 * when a reference does not exist or a score is out of range. */
enum db_status db_gezondheid_insert(db *d, const struct pg_set *sets, size_t n, const char *scored_on,
                                    int64_t intake_id, int64_t evaluatie_id, int64_t by);

/* One measurement of one person. */
struct pg_meting {
	int64_t persoon_id;
	const char *person;               /* full name */
	const char *scored_on, *scored_nl; /* "YYYY-MM-DD", "DD-MM-YYYY" */
	int64_t intake_id, evaluatie_id;  /* which conversation (the other 0) */
	int score[PG_NDIM];               /* -1 where a dimension is missing */
};

/* Every measurement of the members of household hh, by person (as the ZRM
 * progress: birth date, id), then in order: by date, and on one date the
 * intake before an evaluation, evaluations by id. */
enum db_status db_gezondheid_history(db *d, arena *a, int64_t hh, struct pg_meting **out, size_t *n);

/* The measurements given in one conversation: intake intake_id or
 * evaluation evaluatie_id (the other 0), by person. */
enum db_status db_gezondheid_gesprek(db *d, arena *a, int64_t intake_id, int64_t evaluatie_id,
                                     struct pg_meting **out, size_t *n);

/* The resident's own change for the results (issue 16 item 2): the sum of
 * the six dimensions (0..60) at the person's first complete measurement
 * (normally the intake) in *eerste and at the latest in *laatste; the
 * change is *laatste - *eerste.  *has is false (and both 0) when the
 * person has no complete measurement; with one measurement both are its
 * total.  The same definition over all persons is the view
 * gezondheid_verandering(persoon_id, eerste, laatste, metingen) of
 * migration 0031.  Returns DB_OK or DB_ERROR. */
enum db_status db_gezondheid_verandering(db *d, int64_t persoon_id, int *eerste, int *laatste, bool *has);

#endif
