/* bericht_pagina.h - berichtenverkeer (issue 14) as the pages show it,
 * shared by the handlers of the berichten page, the voorziening page, the
 * verzoek page and the API: a stored message row with its Dutch words, the
 * "Berichtenverkeer" section of a maatwerk voorziening, and a provider's
 * request with what it asks. */
#ifndef LOKET_BERICHT_PAGINA_H
#define LOKET_BERICHT_PAGINA_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "db.h"
#include "util.h"

/* Adds the words to a row of db_bericht_list/db_bericht_get in place:
 * soort_label, status_label, standaard_label, richting_label, datum (the
 * day it was made or received, Dutch), verzonden_datum, retourcodes_lijst
 * [{code, tekst}], fout_lijst [{tekst, advies}] (status fout), is_fout,
 * is_geweigerd, is_afgekeurd, termijn_nl and te_laat (an incoming message
 * whose retour is due before today and not yet sent), href. */
void bericht_woorden(arena *a, json_t *row, const char *today);
void bericht_woorden_lijst(arena *a, json_t *rows, const char *today);

/* The "Berichtenverkeer" section of voorziening row (a stored voorziening
 * as db_voorziening_get gives it) into data: "berichtenverkeer" true for a
 * maatwerk voorziening under Wmo 2015 or Jeugdwet, with "bv_toewijzingen",
 * "bv_berichten", "bv_declaraties" and "bv_geen" (why no message is or can
 * be made, Dutch; absent when messages go).  Returns a db_status. */
enum db_status bericht_voorziening_to_page(arena *a, db *d, const json_t *row, json_t *data);

/* A request (db_verzoek_get row) with its words in place: soort_label,
 * status_label, reden_label, ontvangen_nl, producten [{wat, product,
 * periode, omvang, toewijzingnummer}] from its inhoud, open. */
void verzoek_woorden(arena *a, json_t *row);

#endif
