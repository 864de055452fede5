/* veiligheid.h - opening a veiligheidszorg from wherever a safety concern
 * is noticed (the household page, an aanmelding, an intake, a walk-in or
 * a signal turned into an aanmelding): one module the handlers share. */
#ifndef LOKET_VEILIGHEID_H
#define LOKET_VEILIGHEID_H

#include <stdbool.h>

#include "db.h"
#include "db_veiligheid.h"
#include "http.h"

#include <jansson.h>

/* Opens a veiligheidszorg and writes its audit row
 * ("veiligheidszorg.open"), inside the caller's transaction.  Returns a
 * db_status; *id_out gets its id. */
enum db_status veiligheid_open_tx(struct req *r, db *d, const struct veiligheid_new *in, int64_t *id_out);

/* For a safety concern ticked elsewhere (an aanmelding's meldcode, an
 * intake's safety check): opens a veiligheidszorg for the household unless
 * one is open already (then the existing one carries it), inside the
 * caller's transaction.  *opened tells which happened. */
enum db_status veiligheid_notice_tx(struct req *r, db *d, const struct veiligheid_new *in, bool *opened);

/* How long a veiligheidszorg opened at opened_at has been open, in
 * words: "vandaag", "1 dag", "12 dagen". */
void veiligheid_age(int64_t opened_at, char out[32]);

/* The open veiligheidszorgen for the top of the queue, the teamleider's
 * Mijn werk and the dashboard, oldest first: data gets
 * "veiligheid_lijst" [{id, huishouden_id, address, regisseur?, leeftijd,
 * steps_done, may_view}] and "has_veiligheid_lijst".  Whoever may not see
 * a household's contents gets the bare fact, its address and regisseur,
 * not the link to the zorg.  Returns a db_status. */
enum db_status veiligheid_list_fill(struct req *r, db *d, json_t *data);

#endif
