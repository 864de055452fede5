/* db_bezetting.h - caseload and capacity of a team (issue 16 item 6,
 * docs/sturen.md): the norm per role, each employee's weighted caseload,
 * the team's monthly inflow and how long a household stays open.
 *
 * A household's weight is 1, plus 1 for every ZRM domain on which a member's
 * latest score is 1 or 2 (acute or not self-reliant), plus 1 while a
 * veiligheidszorg is open.  A household counts for the team of its
 * regisseur. */
#ifndef LOKET_DB_BEZETTING_H
#define LOKET_DB_BEZETTING_H

#include <jansson.h>
#include <stdint.h>

#include "db.h"

enum { NORM_CONSULENT = 35, NORM_GEBIEDSTEAM = 25 };

/* The team's norms (the defaults where none is set). */
enum db_status db_bezetting_normen(db *d, int64_t team, int64_t *consulent, int64_t *gebiedsteam);
/* Sets both norms (5..200, checked by the caller). */
enum db_status db_bezetting_normen_set(db *d, int64_t team, int64_t consulent, int64_t gebiedsteam, int64_t by);

/* The team's active consulenten and gebiedsteam members with their open
 * households as regisseur: [{id, naam, rollen, huishoudens, gewicht}] by
 * name (rollen: the roles bit set).  New reference, NULL on an error. */
json_t *db_bezetting_medewerkers(db *d, int64_t team);

/* Aanmeldingen per month for households whose regisseur is in the team,
 * the months from first_month ("YYYY-MM") on: [{maand, aantal}] (months
 * without one are left out).  NULL on an error. */
json_t *db_bezetting_instroom(db *d, int64_t team, const char *from_day);

/* Periods of the team's households closed on or after from_day: how many
 * and their total length in days (from aanmelding to closing). */
enum db_status db_bezetting_doorlooptijd(db *d, int64_t team, const char *from_day, int64_t *n, int64_t *days);

#endif
