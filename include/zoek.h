/* zoek.h - the household and person search (src/zoek.c) that the search
 * page, the API, a person's move, a signal and a walk-in share.  Hits are
 * a new reference the caller owns; messages are static strings. */
#ifndef LOKET_ZOEK_H
#define LOKET_ZOEK_H

#include <jansson.h>
#include <stdbool.h>

#include "db.h"
#include "http.h"

struct zoek_result {
	json_t *hits;        /* new reference; NULL when no search ran */
	const char *kind;    /* "naam", "bsn", "geboortedatum", "adres" */
	const char *problem; /* Dutch message when no search ran, else NULL */
	bool bsn;            /* q was a BSN: never echo it into a URL */
};

/* What a search from a URL says about a BSN (zoek_run with !allow_bsn). */
#define ZOEK_BSN_NOT_IN_URL                                                                          \
	"Een BSN hoort niet in een webadres. Hier zoekt u op naam, geboortedatum of postcode met "      \
	"huisnummer; op BSN zoekt u met het zoekvak bovenaan de pagina."

/* Reads q as a name prefix, BSN, birth date or postcode plus house number
 * and searches; hits get birth_date_nl.  allow_bsn is false when q came in
 * a URL: a BSN, also 8 or more digits amid other text (text_has_bsn_run),
 * is then neither searched nor to be echoed (out->bsn, out->problem).  Audits every search that
 * ran as "zoeken" (without q, which may hold a BSN).  Returns DB_OK (also
 * when out->problem says why nothing was searched) or DB_ERROR. */
enum db_status zoek_run(struct req *r, db *d, const char *q, bool allow_bsn, struct zoek_result *out);

#endif
