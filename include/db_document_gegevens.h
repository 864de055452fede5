/* db_document_gegevens.h - what the letters to a resident are made of
 * (src/document_brief.c): the household's address, members and regisseur,
 * the gemeente's part of a goal's rolgesprek, the plan with its goals,
 * contributions, agreements and who agreed, and the latest intake with its
 * participants, scores and the network.  Read only; never internal notes
 * (journal, safety notes).  Each returns a new JSON reference (an object
 * or an array of objects keyed by the SQL aliases), or NULL on a database
 * error (logged); an object getter returns an empty object when there is
 * no row. */
#ifndef LOKET_DB_DOCUMENT_GEGEVENS_H
#define LOKET_DB_DOCUMENT_GEGEVENS_H

#include <jansson.h>
#include <stdint.h>

#include "db.h"

/* {id, straat, postcode, plaats, regisseur?, regisseur_email?} */
json_t *db_brief_huishouden(db *d, int64_t hh);
/* [{id, naam, rol, geboortedatum}] oldest first */
json_t *db_brief_personen(db *d, int64_t hh);
/* [{effect, onderbouwing}] of goal doel_id's gemeente contributions */
json_t *db_brief_gemeente_bijdrage(db *d, int64_t doel_id);
/* {id, status, versie_nr, ingestemd_op?, ingestemd_hoe?, evaluatie?} */
json_t *db_brief_plan(db *d, int64_t hh);
/* [{id, domein, wens, streefdatum, status, voor?}] */
json_t *db_brief_doelen(db *d, int64_t plan_id);
/* [{doel_id, niveau, bijdrage, wie?}] from the inside out */
json_t *db_brief_rolgesprek(db *d, int64_t plan_id);
/* [{doel_id, wie, wat, wanneer, gedaan?}] by date */
json_t *db_brief_afspraken(db *d, int64_t plan_id);
/* [{naam, vertegenwoordiger}] who agreed to version version_no */
json_t *db_brief_instemming(db *d, int64_t plan_id, int64_t version_no);
/* {id, gehouden_op, vraag_achter_de_vraag, sterke_punten?} of the latest
 * intake, or {} */
json_t *db_brief_intake(db *d, int64_t hh);
/* [{naam, soort}] who took part in intake id */
json_t *db_brief_deelnemers(db *d, int64_t intake_id);
/* [{persoon, domein, score}] the scores given at intake id */
json_t *db_brief_scores(db *d, int64_t intake_id);
/* [{naam, relatie, kan_doen?}] active network members */
json_t *db_brief_netwerk(db *d, int64_t hh);
/* {vraag} the latest aanmelding's question in the resident's words, or {} */
json_t *db_brief_vraag(db *d, int64_t hh);

/* For linking an upload: the household's aanmeldingen and journal
 * entries, newest first, at most 50 each: [{id, label}] ("12-11-2026:
 * first words ...").  The journal's text is the employee's own; it is
 * shown only to whom may see the household. */
json_t *db_brief_aanmeldingen(db *d, int64_t hh);
json_t *db_brief_journaal(db *d, int64_t hh);

#endif
