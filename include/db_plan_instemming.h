/* db_plan_instemming.h - who in the household agreed to a version of the
 * plan when it was vastgesteld (migration 0019): members of the household
 * by id (with their name as it was), or a representative by a name line. */
#ifndef LOKET_DB_PLAN_INSTEMMING_H
#define LOKET_DB_PLAN_INSTEMMING_H

#include <stdbool.h>
#include <stdint.h>

#include "db.h"

struct plan_instemming {
	int64_t persoon_id;  /* 0: the representative, or a member no longer known */
	const char *name;    /* the member's name then, or the representative's line */
	bool representative;
};

/* The agreement to version version_no of plan plan_id: members first (in
 * household order), then the representative.  *out from a (NULL, 0 when
 * none). */
enum db_status db_plan_instemming_list(db *d, arena *a, int64_t plan_id, int64_t version_no,
                                       struct plan_instemming **out, size_t *n);

/* Records that member persoon_id (name read from the household now) or,
 * when persoon_id is 0, the representative `name` agreed to version
 * version_no.  Inside the caller's write transaction.  DB_NOT_FOUND when
 * persoon_id is not a member of household hh. */
enum db_status db_plan_instemming_add(db *d, int64_t plan_id, int64_t version_no, int64_t hh, int64_t persoon_id,
                                      const char *name);

/* The members of household hh, [{id, naam}] as for a list of checkboxes,
 * oldest first.  *out from a. */
struct plan_member {
	int64_t id;
	const char *name;
};
enum db_status db_plan_members(db *d, arena *a, int64_t hh, struct plan_member **out, size_t *n);

#endif
