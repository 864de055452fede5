/* overzicht_zorg.h - the care part of the household page (network with the
 * kringenmodel, journal, consents, latest intake) is filled by
 * overview_fill_care (include/overview.h), defined with what is declared
 * here in src/overzicht_zorg.c.  Declared here: what the handlers of those
 * records show on their own pages as well (src/handlers/netwerk.c,
 * journaal.c, toestemming.c). */
#ifndef LOKET_OVERZICHT_ZORG_H
#define LOKET_OVERZICHT_ZORG_H

#include <jansson.h>

#include "db.h"
#include "db_journaal.h"
#include "db_toestemming.h"
#include "http.h"

/* Adds "netwerk": [{id, name, relation, relation_label, circle,
 * circle_label, version, can_do?, phone?}], "has_netwerk" and "diagram"
 * (the kringenmodel's data for the partial netwerk-diagram) of household
 * hh to data; the caller checked access.  Returns a db_status. */
enum db_status netwerk_fill_overview(struct req *r, db *d, int64_t hh, json_t *data);
/* {id, kind, kind_label, entry_nl, author, body, version, edited?} of one
 * journal entry ("edited" from r's arena).  New reference. */
json_t *journaal_entry_page_json(struct req *r, const struct journaal *j);
/* {id, persoon_id, person, party, given_nl, how_label, active,
 * recorded_by, version, withdrawn_nl?} of one consent.  New reference. */
json_t *toestemming_page_json(const struct toestemming *t);

#endif
