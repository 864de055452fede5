/* bericht_xml.h - writing and reading the XML of iWmo and iJw 3.2
 * messages (issue 14) with libxml2's tree: the toewijzing (301) and the
 * answer on a request (319) from plain values, and the retours (306, 308,
 * 316, 318, 325) as the standard builds them: the received message with
 * its namespace and code changed, retour data in the header and
 * RetourCodes after every record that is judged.
 *
 * Nothing here touches the database; src/berichten.c gathers the values.
 * Text goes in through libxml2, which escapes it. */
#ifndef LOKET_BERICHT_XML_H
#define LOKET_BERICHT_XML_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/tree.h>

#include "util.h"

/* The BerichtCode of a message ("414" for iwmo 301), or NULL when the
 * release has no such message.  standaard: "iwmo" or "ijw"; soort: "301". */
const char *bx_berichtcode(const char *standaard, const char *soort);

/* Who and which message, for the header. */
struct bx_header {
	const char *standaard, *soort;
	const char *afzender, *ontvanger;
	const char *identificatie, *dagtekening;
};

struct bx_client {
	const char *bsn, *geboortedatum, *geslacht;
	const char *achternaam, *voorvoegsel, *voornamen, *voorletters, *naamgebruik;
	const char *straat, *huisletter, *toevoeging, *postcode, *plaats;
	long huisnummer;
};

struct bx_toewijzing {
	long nummer;
	const char *referentie_aanbieder; /* NULL: none */
	const char *categorie, *code;
	const char *toewijzingsdatum, *toewijzingstijd, *ingangsdatum, *einddatum;
	const char *reden_wijziging; /* NULL: none */
	long volume;
	const char *eenheid, *frequentie;
};

/* A 301 for one client and provider with its toewijzingen.  A new document
 * (xmlFreeDoc), NULL when out of memory. */
xmlDocPtr bx_toewijzing_bericht(const struct bx_header *h, const struct bx_client *c, const struct bx_toewijzing *t,
                                size_t nt);

/* A 319: the answer on the request with ReferentieAanbieder ref; antwoord
 * "1" (afgewezen) with reden (WJ759), or "2" (in onderzoek). */
xmlDocPtr bx_antwoord_bericht(const struct bx_header *h, const char *ref, const char *antwoord, const char *reden);

/* ---- reading ------------------------------------------------------------ */

/* The first child element of n named name (local name), or NULL. */
xmlNodePtr bx_child(xmlNodePtr n, const char *name);
/* The next sibling element of n with the same local name, or NULL. */
xmlNodePtr bx_next(xmlNodePtr n);
/* The text of the element at path below n ("Header/BerichtIdentificatie/
 * Identificatie"), trimmed, in a; NULL when absent. */
const char *bx_text(arena *a, xmlNodePtr n, const char *path);

/* Parses a message already checked by bericht_valideer, without DTD,
 * entities or network.  NULL when it does not parse. */
xmlDocPtr bx_parse(const char *xml, size_t len);

/* ---- retours ------------------------------------------------------------ */

/* Marks a record (a Client, StartProduct, Prestatie, ...) of a received
 * message with its retourcodes ("9019", or "9339 9340"); a record never
 * marked counts as 0200.  Keeps the string (from an arena that outlives the
 * document's use). */
void bx_mark(xmlNodePtr record, const char *codes);
/* True when record or anything below it is marked with a code other than
 * 0200. */
bool bx_refused(xmlNodePtr record);

/* Turns a received 305, 307, 315 or 317 (doc) into our retour on it (306,
 * 308, 316, 318) in place: the namespace and BerichtCode of the retour,
 * IdentificatieRetour and DagtekeningRetour (ours), the header's
 * retourcode, and only the refused records with their RetourCodes (a
 * retour of a message that is fine is its header with 0200).  header_code
 * "0200" unless the message as a whole is refused. */
int bx_maak_retour(xmlDocPtr doc, const char *identificatie, const char *dagtekening, const char *header_code);

/* Turns a received 323 into our 325 in place: our identification in the
 * header (the declaration's in DeclaratieIdentificatie), the total granted
 * (cents), and only the refused prestaties with their RetourCodes (TR342).
 * code other than "0200" refuses the declaration as a whole: nothing
 * granted, no prestaties, the code on the DeclaratieAntwoord. */
int bx_maak_declaratie_antwoord(xmlDocPtr doc, const char *identificatie, const char *dagtekening,
                                long toegekend_cents, const char *code);

/* The document as UTF-8 XML in a (with a trailing NUL not counted in
 * *len).  -1 when out of memory. */
int bx_serialize(arena *a, xmlDocPtr doc, char **out, size_t *len);

#endif
