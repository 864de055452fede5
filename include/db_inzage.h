/* db_inzage.h - everything held about one person, for an inzageverzoek
 * (AVG art. 15): the person record (BSN included: it is their own data),
 * their household and its members' names and roles, and every record of
 * the household and of the person.  The audit trail is added by the
 * handler (src/handlers/privacy.c). */
#ifndef LOKET_DB_INZAGE_H
#define LOKET_DB_INZAGE_H

#include <jansson.h>
#include <stdint.h>

#include "db.h"

/* The export of person persoon_id into *out (new reference), with the
 * person's household id in *hh:
 * {persoon, huishouden, leden, aanmeldingen, intakes, zrm_scores, netwerk,
 *  journaal, journaal_versies, moreel_beraad, toestemmingen, plan, doelen,
 *  rolgesprek, afspraken, voorzieningen, evaluaties, evaluatie_doelen,
 *  bezoeken, signalen, regie, documenten}; plan is null when there is none.  Keys are
 * the Dutch names of docs/api.md.  DB_NOT_FOUND when there is no such
 * person. */
enum db_status db_inzage_persoon(db *d, int64_t persoon_id, json_t **out, int64_t *hh);

#endif
