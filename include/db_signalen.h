/* db_signalen.h - signals for the teamleider (issue 16 item 4,
 * docs/sturen.md), for the households whose regisseur is in a team:
 *
 *   groei     a provider or product whose new clients this month (maatwerk
 *             with its ingangsdatum in this month, one per person) rise
 *             sharply against the average of the three months before;
 *   overlap   a household with two or more maatwerk voorzieningen of the
 *             same product category from different providers whose
 *             periods overlap (possible double support);
 *   tijdelijk maatwerk whose end date comes within 8 weeks while the plan
 *             has no evaluation planned before it (support is temporary). */
#ifndef LOKET_DB_SIGNALEN_H
#define LOKET_DB_SIGNALEN_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "db.h"

enum { GROEI_PROCENT = 25, GROEI_MINIMUM = 5, TIJDELIJK_DAGEN = 56 };

enum db_status db_signalen_instelling(db *d, int64_t team, int64_t *procent, int64_t *minimum);
enum db_status db_signalen_instelling_set(db *d, int64_t team, int64_t procent, int64_t minimum, int64_t by);

/* New clients per provider (per_product false) or product (true) in the
 * month of today (this_month "YYYY-MM") and the three before (from_day, the
 * first day of the first of them): [{id, naam, deze_maand, vorige_drie}],
 * only those with any.  NULL on an error. */
json_t *db_signalen_groei(db *d, int64_t team, bool per_product, const char *from_day, const char *today,
                          const char *this_month);

/* Households with overlapping maatwerk of one category from different
 * providers: [{huishouden_id, adres, categorie, aanbieders, aantal, laatste}]
 * (laatste: the newest voorziening of the overlap, which a melding is keyed on).
 * NULL on an error. */
json_t *db_signalen_overlap(db *d, int64_t team, const char *today);

/* Running maatwerk ending between today and until without an evaluation
 * of the plan planned on or before its end: [{voorziening_id,
 * huishouden_id, adres, product, einddatum, volgende_evaluatie?}].  NULL on
 * an error. */
json_t *db_signalen_tijdelijk(db *d, int64_t team, const char *today, const char *until);

#endif
