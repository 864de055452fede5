/* signalen.h - the teamleider's signals (issue 16 item 4) as page data,
 * for the signals page and the team dashboard's summary (data access:
 * db_signalen.h). */
#ifndef LOKET_SIGNALEN_H
#define LOKET_SIGNALEN_H

#include <jansson.h>
#include <stdint.h>

#include "db.h"
#include "http.h"

/* Sets into data: groei_aanbieders, groei_producten (only the rising
 * ones: {id, naam, deze_maand, gemiddeld, stijging}), overlap, tijdelijk (with
 * Dutch dates and links), their counts (n_groei, n_overlap, n_tijdelijk,
 * n_signalen) and the thresholds (groei_procent, groei_minimum) of team.
 * DB_* on an error. */
enum db_status signalen_fill(struct req *r, db *d, int64_t team, json_t *data);

/* The same for the team dashboard's summary, kept a minute per team (and
 * per day and thresholds): the dashboard loads often and the counts may
 * lag a change by that long; the signals page uses signalen_fill. */
enum db_status signalen_summary(struct req *r, db *d, int64_t team, json_t *data);

#endif
