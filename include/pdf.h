/* pdf.h - a document's blocks as an accessible, tagged PDF (cairo + pango).
 *
 * A document is a JSON array of blocks, the same array the HTML preview
 * renders (templates/document-blokken.mustache):
 *   {"soort": "logo"}                                   the gemeente's emblem
 *                                                        (meta->logo_png), top
 *                                                        right, decorative
 *   {"soort": "kop1" | "kop2", "tekst": "..."}          heading (H1, H2)
 *   {"soort": "alinea", "regels": ["...", ...],
 *    "klein": true?, "vet": true?}                       paragraph (P); lines
 *                                                        break inside it
 *   {"soort": "lijst", "punten": ["...", ...]}            list (L, LI, LBody)
 *   {"soort": "tabel", "bijschrift": "...",
 *    "koppen": ["...", ...], "rijen": [{"cellen": [...]}]}  table (Table,
 *                                                        Caption, TR, TH, TD)
 * The PDF carries a structure tree in reading order (pdfinfo: "Tagged:
 * yes"), the document language (/Lang in the catalog), its title shown as
 * the window title, and embedded font subsets (DejaVu Sans), so the text
 * can be extracted in order (pdftotext) and read by a screen reader. */
#ifndef LOKET_PDF_H
#define LOKET_PDF_H

#include <jansson.h>

#include "util.h"

struct pdf_meta {
	const char *title;   /* document title (required) */
	const char *author;  /* the organisation, or NULL */
	const char *subject; /* or NULL */
	const char *lang;    /* BCP 47, e.g. "nl-NL" (required) */
	const unsigned char *logo_png; /* PNG drawn for a {"soort": "logo"} block, */
	size_t logo_len;               /* or NULL/0: the block draws nothing */
};

/* Renders blocks as an A4 PDF into out (appended).  Safe to call from
 * several threads at once (pango's font map is per thread).  Returns 0, or
 * -1 (logged) when the blocks are malformed or cairo fails. */
int pdf_render(const json_t *blocks, const struct pdf_meta *meta, strbuf *out);

/* Frees what cairo, pango and fontconfig keep for the whole process (the
 * font map of the calling thread, fontconfig's configuration), so a clean
 * shutdown leaves nothing behind.  Call once, after every thread that
 * rendered has ended. */
void pdf_shutdown(void);

#endif
