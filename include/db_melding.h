/* db_melding.h - the meldingen on Mijn werk: what a case worker should not
 * miss, derived from the tables it is about, each marked read per user
 * (migration 0020).  The kinds:
 *   veiligheidszorg   an open veiligheidszorg someone else opened in a
 *                     household where I am regisseur or in the casusteam,
 *                     or of my team (its regisseur is in my team, or it has
 *                     no acting regisseur and is in my team's queue);
 *   toegewezen        an open aanmelding a teamleider handed to me;
 *   overdracht        the regie of a household handed to me by someone
 *                     else, within the last 30 days, with the handover note;
 *   afspraak          an open agreement in the plan that I carry out, past
 *                     its date;
 *   termijn_verlopen  an open aanmelding with a legal term, mine (as
 *   termijn_week      behandelaar or regisseur), overdue or due within a
 *                     week (src/termijn.c decides);
 *   verzoek           a provider's request (315, 317) waiting for a
 *                     decision in a household where I am regisseur;
 *   signaal_groei     for a teamleider, the signals of her team (issue 16
 *   signaal_overlap   item 4, db_signalen.h): computed above this layer
 *   signaal_tijdelijk (src/melding.c from signalen_summary), only their
 *                     read marks are here. */
#ifndef LOKET_DB_MELDING_H
#define LOKET_DB_MELDING_H

#include <jansson.h>
#include <stdbool.h>

#include "db.h"

/* NULL-terminated, for a FIELD_CHOICE. */
extern const char *const melding_soorten[];

struct melding_for {
	int64_t me;
	int64_t team_id;   /* 0: no team */
	const char *today; /* ISO date */
};

/* The meldingen, most urgent kind first and newest first within a kind:
 * [{soort, id, huishouden_id, adres, at, gelezen, ...}] with per kind:
 * veiligheidszorg {door, gezien_op}; toegewezen {door}; overdracht {van?,
 * door, reden, overdracht?}; afspraak {wat, uiterlijk}; termijn_*
 * {termijn: see termijn_to_json}.  Read ones only when include_read.
 * *out is a new array; NULL on DB_ERROR. */
enum db_status db_meldingen(db *d, const struct melding_for *who, bool include_read, json_t **out);

/* Whether who has marked soort/id read. */
enum db_status db_melding_is_read(db *d, int64_t me, const char *soort, int64_t id, bool *read);

/* Marks one melding read for who->me (again: no change). */
enum db_status db_melding_mark_read(db *d, int64_t me, const char *soort, int64_t id);

#endif
