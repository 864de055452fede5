/* seed.h - `loket seed`: a large, realistic, generated municipality for
 * benchmarks (issue 6).  Deterministic: the same seed, size and reference
 * date give the same rows; nothing depends on the clock or on rand(). */
#ifndef LOKET_SEED_H
#define LOKET_SEED_H

#include <stdint.h>
#include <stdio.h>

#include "db.h"

struct seed_options {
	const char *db_path;
	unsigned households; /* 1 .. SEED_MAX_HOUSEHOLDS */
	uint64_t seed;
	const char *until;   /* "YYYY-MM-DD": the generated two years end here; NULL: SEED_DEFAULT_UNTIL */
};

enum { SEED_MAX_HOUSEHOLDS = 2000000 };
#define SEED_DEFAULT_UNTIL "2026-11-01"

/* Fills the database at o->db_path (migrated first) with teams, gebieden,
 * 200 employees, reference lists and o->households households with their
 * whole way through, plus the audit log of it.  Progress lines go to
 * progress; the bench users' credentials ("bench-gebruiker rol=..
 * gebruikersnaam=.. wachtwoord=..") to out.  Returns 0 when done, 1 when
 * the database already holds households, employees or teams (nothing is
 * written), -1 on an error (reported on progress). */
int seed_run(const struct seed_options *o, FILE *out, FILE *progress);

/* Positieve Gezondheid (src/seed_gezondheid.c): for some 60 % of the
 * persons scored in an intake a set of six 0-10 scores on the intake's
 * day and one per evaluation of their plan, in a transaction of its own
 * after the households.  *rows counts the rows written.  The same seed
 * gives the same rows. */
enum db_status seed_gezondheid(db *d, uint64_t seed, long long *rows);

/* Evaluations (src/seed_evaluatie.c): every agreed plan an evaluation
 * about every 91 days while it ran, up to four and not after until
 * ("YYYY-MM-DD"), judging each goal and scoring the ZRM again on its
 * domain; in a transaction of its own after the households, before
 * seed_gezondheid.  *rows counts the evaluations.  Deterministic. */
enum db_status seed_evaluaties(db *d, const char *until, long long *rows);

#endif
