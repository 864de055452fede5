/* voorziening_stap.h - the status steps of a voorziening and the dates
 * each step needs (src/voorziening_stap.c): toekennen and afwijzen set the
 * decision date of a maatwerk voorziening (never prefilled at the
 * aanvraag), starten the day it started (not before its ingangsdatum),
 * beeindigen a reason and a day (not before the ingangsdatum, nor before
 * the day it started).  Used by src/voorziening_shared.c and the
 * handlers src/handlers/voorziening.c and voorziening_api.c. */
#ifndef LOKET_VOORZIENING_STAP_H
#define LOKET_VOORZIENING_STAP_H

#include <stddef.h>

#include "domain.h"
#include "form.h"
#include "util.h"

/* aangevraagd, toegekend, afgewezen, gestart, beeindigd. */
extern const struct vocab vocab_voorziening_status;

/* The status form and the API's step body, validated by this table. */
enum { S_ACTIE, S_REDEN, S_DATUM, S_BESLUIT, S_GESTART, S_VERSIE, S_COUNT };
extern const struct field_rule voorziening_status_rules[S_COUNT];

struct voorziening_transition {
	const char *action, *from, *to, *label;
};
/* The only steps there are. */
extern const struct voorziening_transition voorziening_transitions[];
extern const size_t voorziening_ntransitions;

/* What a step is checked against: the voorziening as stored ("YYYY-MM-DD"
 * dates; started_on and decision_date may be NULL). */
struct voorziening_now {
	const char *kind, *status, *start_date, *end_date, *started_on;
};

/* Checks the step in v (validated by voorziening_status_rules) against
 * the voorziening now: the step must exist from its status, and each step
 * its dates.  Sets a Dutch message at each field in error (strings from
 * a).  Returns the transition, or NULL when a field is in error.  Fields a
 * step does not use are left alone and not stored. */
const struct voorziening_transition *voorziening_step_check(arena *a, const struct voorziening_now *now,
                                                            struct field_value v[S_COUNT]);

#endif
