/* db_toestemming.h - consent per person: to which party or for which
 * purpose, given on, how recorded, withdrawn on.
 *
 * Consent is never deleted: withdrawing sets withdrawn_on and bumps the
 * version, and only when the caller read the current version.  Strings
 * returned are allocated from the caller's arena.  Writes run inside the
 * caller's transaction. */
#ifndef LOKET_DB_TOESTEMMING_H
#define LOKET_DB_TOESTEMMING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db.h"
#include "util.h"

struct toestemming {
	int64_t id;
	int64_t persoon_id;
	int64_t huishouden_id;   /* the person's household */
	const char *person;      /* the person's full name */
	const char *party;
	const char *given_on, *given_nl;         /* "YYYY-MM-DD", "DD-MM-YYYY" */
	const char *withdrawn_on, *withdrawn_nl; /* NULL while the consent holds */
	const char *recorded_how;                /* vocab_consent_how code */
	const char *recorded_by;                 /* name */
	int64_t version;
	int64_t updated_at;      /* 0 when never changed */
	const char *updated_by;  /* name, or NULL */
};

/* The household and full name of person persoon_id; DB_NOT_FOUND when
 * there is no such person. */
enum db_status db_toestemming_person(db *d, arena *a, int64_t persoon_id, int64_t *huishouden_id,
                                     const char **name);

enum db_status db_toestemming_get(db *d, arena *a, int64_t id, struct toestemming *out);

/* Every consent of one person (persoon_id > 0) or of every member of one
 * household (huishouden_id > 0, the other 0): by person, newest first.
 * *out is an arena array of *n records (NULL when none). */
enum db_status db_toestemming_list(db *d, arena *a, int64_t persoon_id, int64_t huishouden_id,
                                   struct toestemming **out, size_t *n);

/* Records consent t (persoon_id, party, given_on, recorded_how) by by. */
enum db_status db_toestemming_insert(db *d, const struct toestemming *t, int64_t by, int64_t *id_out);

/* Withdraws consent id as of withdrawn_on when it still holds and is at
 * version.  DB_NOT_FOUND when no row matched (already withdrawn, or a
 * stale version: read it again to tell which). */
enum db_status db_toestemming_withdraw(db *d, int64_t id, int64_t version, const char *withdrawn_on,
                                       int64_t by);

#endif
