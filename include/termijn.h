/* termijn.h - the legal deadline of a request, by its kind.  The rule per
 * kind (how many calendar days, counted from what, on which legal basis)
 * lives in one table in src/termijn.c; handlers only ask. */
#ifndef LOKET_TERMIJN_H
#define LOKET_TERMIJN_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

struct termijn_rule {
	const char *code;      /* "vraag", "melding_wmo", ... */
	const char *label;     /* Dutch, for a form */
	int days;              /* calendar days; 0: no legal term */
	bool from_aanvraag;    /* counted from the aanvraag's received date,
	                        * else from when the aanmelding came in */
	const char *grondslag; /* Dutch: what has to happen by then, and why */
};

/* The kinds, in form order; NULL-terminated codes for a FIELD_CHOICE. */
extern const struct termijn_rule termijn_rules[];
extern const char *const termijn_codes[];

/* The rule of code, or NULL. */
const struct termijn_rule *termijn_rule(const char *code);

/* The deadline of a request of kind code that came in at received_at
 * (unix), with aanvraag (ISO date, or NULL/"") and an extension of
 * extra_days: written to out as an ISO date.  False when the kind has no
 * legal term (or an aanvraag kind has no aanvraag date). */
bool termijn_deadline(const char *code, int64_t received_at, const char *aanvraag, int extra_days, char out[11]);

/* Adds "termijn" to an aanmelding's JSON row from its "soort",
 * "received_at", "aanvraag_ontvangen", "verlenging_dagen": {soort,
 * soort_label, grondslag, deadline?, deadline_nl?, dagen_over?, tekst,
 * te_laat, binnen_week}.  today is an ISO date. */
void termijn_to_json(json_t *row, const char *today);

#endif
