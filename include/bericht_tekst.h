/* bericht_tekst.h - the words of berichtenverkeer (issue 14) for the pages
 * and exports: message kinds and statuses, the code lists of iWmo/iJw 3.2
 * that a case worker meets (retourcodes WJ001, eenheid WJ756, frequentie
 * WMO757, reden wijziging JZ002/WMO002, reden beeindiging JZ588/WMO588,
 * reden afwijzing verzoek WJ759, naamgebruik COD700, geslacht COD046), and
 * what to fix when our own message failed validation.  The texts are kept
 * here; the release's documentation is never read at run time.
 *
 * Every function returns a static string (or one from a), never NULL. */
#ifndef LOKET_BERICHT_TEKST_H
#define LOKET_BERICHT_TEKST_H

#include <jansson.h>

#include "util.h"

/* A value and its Dutch label, in a NULL-terminated table. */
struct bt_code {
	const char *code, *label;
};

extern const struct bt_code bt_eenheden[];      /* WJ756 */
extern const struct bt_code bt_frequenties[];   /* WMO757 */
extern const struct bt_code bt_afwijzing[];     /* WJ759 */
extern const struct bt_code bt_naamgebruik[];   /* COD700 1-4 */
extern const struct bt_code bt_geslacht[];      /* COD046 0-2 */
/* NULL-terminated code arrays of the tables above, for FIELD_CHOICE. */
extern const char *const bt_eenheid_codes[];
extern const char *const bt_frequentie_codes[];
extern const char *const bt_afwijzing_codes[];
extern const char *const bt_naamgebruik_codes[];
extern const char *const bt_geslacht_codes[];
/* The filter values of the berichten lists. */
extern const char *const bt_standaard_codes[];  /* iwmo, ijw */
extern const char *const bt_status_codes[];     /* klaar ... geweigerd */
extern const char *const bt_richting_codes[];   /* uit, in */
extern const char *const bt_soort_codes[];      /* 301 ... 325 */

/* The label of code in table t; the code itself when unknown, "" for NULL. */
const char *bt_label(const struct bt_code *t, const char *code);
/* [{value, label, selected}] for a select over t (with a first empty
 * option "Kies ..." when empty_label is not NULL). */
json_t *bt_options(const struct bt_code *t, const char *selected, const char *empty_label);

/* "Toewijzing (301)", "Startbericht (305)", ... */
const char *bt_soort(const char *soort);
/* "klaar om te verzenden", "verzonden", "geaccepteerd", ... */
const char *bt_status(const char *status);
/* "iWmo" / "iJw" */
const char *bt_standaard(const char *standaard);
/* RedenWijziging (JZ002/WMO002) and RedenBeeindiging (JZ588/WMO588). */
const char *bt_reden_wijziging(const char *code);
const char *bt_reden_beeindiging(const char *code);
/* The explanation of one retourcode (WJ001), "" when we have none. */
const char *bt_retourcode(const char *code);
/* The codes of a space-separated list ("9321 0611") with their
 * explanations: [{code, tekst}]; codes 0200 are left out. */
json_t *bt_retourcodes(arena *a, const char *lijst);
/* The volume in words: "3 uur per week", "€ 12,50 totaal binnen de
 * geldigheidsduur" (unit 83: volume in eurocent). */
const char *bt_omvang(arena *a, long long volume, const char *eenheid, const char *frequentie);
/* Parses an amount in euro ("12,50", "€ 1.234,56", "12.5") into cents,
 * at most max_cents.  NULL, or the Dutch message for the field. */
const char *bt_parse_euro(const char *s, long long max_cents, long long *cents);
/* An amount in cents as "€ 1.234,56". */
const char *bt_euro(arena *a, long long cents);
/* For a message of ours that failed validation (status fout): its
 * findings (bericht.reden, one per line) as [{tekst, advies}] where advies
 * says in plain Dutch what to fix (the BSN, the provider's AGB code, the
 * product code, ...). */
json_t *bt_fout_advies(arena *a, const char *reden);

#endif
