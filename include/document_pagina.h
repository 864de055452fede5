/* document_pagina.h - the page of a letter being prepared (beschikking,
 * plan for the resident, verslag): the preview rendered from the same
 * template as the PDF, the free-text parts to edit (motivation for a
 * beschikking, a personal closing for all), what is still missing, and
 * the versions vastgesteld so far; and the POST that saves the text or
 * vaststelt.  HTML for the browser, JSON under /api/v1 (docs/api.md).
 * Shared by src/handlers/beschikking.c and src/handlers/huisdocument.c;
 * defined in src/document_pagina.c. */
#ifndef LOKET_DOCUMENT_PAGINA_H
#define LOKET_DOCUMENT_PAGINA_H

#include "db.h"
#include "document_brief.h"
#include "http.h"

/* Where the page lives and what it leads back to (strings from the
 * request's arena or static). */
struct document_place {
	const char *path;       /* "/voorzieningen/12/beschikking" (the form posts here) */
	const char *back_href;  /* "/voorzieningen/12" */
	const char *back_label; /* "Terug naar de voorziening" */
};

/* GET: the page or its JSON for letter b (filled by brief_*; released by
 * the caller).  Returns 0 after replying, -1 on an error before. */
int document_letter_page(struct req *r, db *d, struct brief *b, const struct document_place *at);

/* POST: validates motivatie, afsluiting, actie (opslaan, vaststellen) and
 * versie; saves or vaststelt; 303 back to the page (API: 200 with the page
 * JSON, or 201 with the document).  Refused: 422 with the fields and what
 * is missing named, input kept; 409 when someone saved in between. */
int document_letter_post(struct req *r, db *d, struct brief *b, const struct document_place *at);

#endif
