/* aanmelding_shared.h - what the aanmelding handlers share: aanmelding.c
 * (the form), aanmelding_lijst.c (the queue and one aanmelding) and
 * aanmelding_api.c (the JSON API).  Defined in src/aanmelding_shared.c;
 * aanmelding_row_labels, which Mijn werk and the household page use too,
 * is declared in include/huishouden_form.h.  Strings and arrays come from
 * the request's arena; JSON results are new references the caller owns. */
#ifndef LOKET_AANMELDING_SHARED_H
#define LOKET_AANMELDING_SHARED_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "db.h"
#include "db_aanmelding.h"
#include "db_herkomst.h"
#include "db_huishouden.h"
#include "form.h"
#include "http.h"

/* The request itself: kanaal, verwijzer_soort, verwijzer, medium, vraag,
 * urgentie, meldcode, huishouden (chosen by search; absent for a new
 * household), bezoek, signaal, soort and aanvraag_ontvangen (the legal
 * term, src/termijn.c). */
enum { F_CHANNEL, F_REF_KIND, F_REF_ORG, F_MEDIUM, F_QUESTION, F_URGENCY, F_SAFETY, F_HH, F_BEZOEK, F_SIGNAAL,
       F_SOORT, F_AANVRAAG, F_COUNT };
extern const struct field_rule aanmelding_rules[F_COUNT];

/* Checks across fields: the kind of referrer belongs to (and only to) the
 * channel verwijzer; an aanvraag has the date it came in, only an
 * aanvraag.  Returns the number of fields it put in error. */
int aanmelding_request_check(struct field_value v[F_COUNT]);
/* The validated request as data-layer input (strings stay in v). */
void aanmelding_request_input(const struct field_value v[F_COUNT], struct aanmelding_input *out);

/* Stores the aanmelding, and when newh is set first the new household with
 * its n persons, with every audit row, in one transaction; a meldcode
 * opens a veiligheidszorg, and the walk-in or signal it came from is
 * closed.  Returns a db_status: DB_CONSTRAINT when a BSN was registered
 * meanwhile, DB_NOT_FOUND when the walk-in or signal was closed meanwhile
 * (nothing stored). */
enum db_status aanmelding_store(struct req *r, db *d, const struct aanmelding_input *in,
                                const struct huishouden_input *newh, const struct persoon_input *persons,
                                int n, const struct herkomst *origin, int64_t *hh_out, int64_t *id_out);
/* The duplicate checks of a new household's persons: against each other
 * (same_as[i], or -1) and against everyone stored (found[i], dups[i]).
 * Returns the number of duplicates, or -1 on a database error. */
int aanmelding_find_duplicates(struct req *r, db *d, const struct persoon_input *p, int n, bool *found,
                               struct persoon_dup *dups, int *same_as);

/* Loads the walk-in or signal the aanmelding starts from (at most one of
 * the two ids set) and checks that the user may turn it into one.
 * Returns 0 when loaded or when neither id is given (out->kind NONE), 1
 * after replying with an error page, -1 on a database error. */
int aanmelding_origin_load(struct req *r, db *d, int64_t bezoek_id, int64_t signaal_id, struct herkomst *out);
/* Why a closed walk-in or signal cannot become an aanmelding. */
const char *aanmelding_origin_closed_message(const struct herkomst *o);

/* The queue (at most 200 rows; *total counts all) with the question only
 * where the user may see the household's contents, labelled.  NULL on a
 * database error. */
json_t *aanmelding_queue_rows(struct req *r, db *d, int64_t *total);
/* One aanmelding as page data, labelled as a queue row. */
json_t *aanmelding_json(const struct aanmelding *a, int64_t now);

#endif
