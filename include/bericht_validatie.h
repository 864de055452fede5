/* bericht_validatie.h - checks an iWmo or iJw 3.2 message the way the
 * standard does (issue 14), before one is sent and when one comes in:
 *
 *   1. at most 25 MB (OP179), UTF-8, well-formed XML, parsed with no DTD,
 *      no entity expansion and no network (no XXE, no billion laughs);
 *   2. its root names a message the release knows (the namespace
 *      http://www.istandaarden.nl/<iwmo|ijw>/3_2/<wmo301|jw318|...>/schema);
 *   3. valid against that message's XSD;
 *   4. no <Fout> from the official rule stylesheet (regels-tr-cd-cs.xsl,
 *      the technical rules, conditions and constraints XSD cannot say).
 *
 * The normative files are not part of the product: an installation points
 * at the release it uses (a directory holding iwmo-3.2/ and ijw-3.2/ with
 * xsd/ and regels-tr-cd-cs.xsl, as published by Zorginstituut Nederland);
 * the tests use ../shared/conformance/istandaarden.  Schemas and
 * stylesheets are loaded once per process and kept. */
#ifndef LOKET_BERICHT_VALIDATIE_H
#define LOKET_BERICHT_VALIDATIE_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

enum { BERICHT_MAX_BYTES = 25 * 1024 * 1024 };

struct bericht_fout {
	const char *regel;   /* "XSD", "TR002", "CS050", "XML", "OP179" */
	const char *tekst;   /* Dutch: what is wrong */
	const char *locatie; /* an XPath-like place, or "" */
	const char *retourcode; /* the rule's retourcode (WJ001), or "" */
};

struct bericht_uitslag {
	bool geldig;
	const char *standaard; /* "iwmo" or "ijw"; "" when not recognised */
	const char *bericht;   /* "WMO301", "JW318"; "" when not recognised */
	struct bericht_fout *fouten;
	size_t nfouten;
	/* Time spent in the XSD and in the rule stylesheet (for make bench). */
	long long xsd_ns, regels_ns;
	/* True when the release has no XSD of this iWmo retour and it was
	 * checked against one derived from the iJw schema of the same
	 * structure with the iWmo types (see docs/berichtenverkeer.md). */
	bool via_ijw;
};

/* Checks the message xml (len bytes) against the release in dir.  Fills
 * *out (allocated from a); returns 0, or -1 when the release's files cannot
 * be read (out then says so in one fout, "CONFIG"). */
int bericht_valideer(arena *a, const char *dir, const char *xml, size_t len, struct bericht_uitslag *out);

/* The release directory the product uses (LOKET_ISTANDAARDEN or
 * --istandaarden; default "istandaarden"), set once at start. */
void bericht_release_set(const char *dir);
const char *bericht_release(void);

/* The time spent in XSD and rule validation by this process so far. */
void bericht_validatie_tijd(long long *xsd_ns, long long *regels_ns);

/* Frees the schemas and stylesheets kept (at the end of the process). */
void bericht_validatie_opruimen(void);

#endif
