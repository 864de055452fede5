/* document_brief.h - the three letters a resident receives, as template
 * data: the beschikking of a voorziening, the plan for the resident and
 * the verslag van het onderzoek (Wmo 2015 art. 2.3.2 lid 8), and what is
 * still missing before one can be vastgesteld.  Only what the household
 * may read: never journal entries, safety notes or other households.
 * Defined in src/document_brief.c. */
#ifndef LOKET_DOCUMENT_BRIEF_H
#define LOKET_DOCUMENT_BRIEF_H

#include <jansson.h>
#include <stdint.h>

#include "db.h"
#include "document_shared.h"
#include "http.h"

/* A letter being prepared: l as for document_settle (l->data a new
 * reference the caller releases with brief_free), the free text the
 * template proposes (motivation from the rolgesprek: the intended effect
 * first, then why the inner circles cannot carry it), and missing: the
 * errors [{field, label, message}] that stop vaststellen, also without
 * motivation (checked on what is typed). */
struct brief {
	struct document_letter l;
	const char *default_motivation;
	json_t *missing;
};

/* For voorziening row (db_voorziening_get, decorated by
 * voorziening_decorate).  Returns 0, or -1 on a database error. */
int brief_beschikking(struct req *r, db *d, json_t *row, struct brief *b);
/* For household hh: the plan for the resident / the verslag. */
int brief_plan(struct req *r, db *d, int64_t hh, struct brief *b);
int brief_verslag(struct req *r, db *d, int64_t hh, struct brief *b);
void brief_free(struct brief *b);

#endif
