/* resultaat.h - results per provider and per product (issue 16 item 2,
 * docs/sturen.md): per aanbieder or product over a period, the clients in
 * care, started and ended, how long support lasted, why it ended, the
 * goals it served and how they stand at evaluation, the change in the ZRM
 * score of those goals' domains and in the resident's own Positieve
 * Gezondheid, and what it cost.  Each count keeps the persons it rests on,
 * for the "<5" of the beleidsmedewerker (include/suppressie.h), and the
 * households behind it, for the teamleider's lists. */
#ifndef LOKET_RESULTAAT_H
#define LOKET_RESULTAAT_H

#include <jansson.h>
#include <stdbool.h>

#include "db.h"
#include "db_dashboard.h"
#include "db_resultaat.h"
#include "util.h"

enum res_groep { RES_AANBIEDER, RES_PRODUCT };
extern const char *const res_groep_codes[]; /* "aanbieder", "product", NULL */

enum res_fig {
	RF_IN_ZORG, RF_GESTART, RF_BEEINDIGD, RF_DUUR_MEDIAAN, RF_DUUR_P90,
	RF_EINDE_DOEL, RF_EINDE_LICHTER, RF_EINDE_OVERIG,
	RF_DOELEN, RF_DOELEN_BEREIKT, RF_DOELEN_DEELS, RF_DOELEN_NIET, RF_DOELEN_OPEN,
	RF_ZRM_MEDIAAN, RF_ZRM_VERBETERD, RF_PG_MEDIAAN, RF_PG_VERBETERD,
	RF_KOSTEN, RF_GEDECLAREERD, RF_KOSTEN_CLIENT, RF_KOSTEN_DOEL,
	RF_COUNT
};
enum res_soort { RS_AANTAL, RS_DAGEN, RS_VERSCHIL, RS_PROCENT, RS_EURO };
struct res_figuur {
	const char *key, *label;
	enum res_soort soort;
	bool lijst; /* the households behind it can be listed */
};
extern const struct res_figuur res_figuren[RF_COUNT];
/* The name of aanbieder or product id as the pages show it ("01HBH Hulp bij
 * het huishouden" for a product), from a: DB_NOT_FOUND when there is none. */
enum db_status resultaat_groep_naam(db *d, arena *a, enum res_groep g, int64_t id, const char **name);
/* Every aanbieder or product as [{id, naam}] with that name, by name. */
json_t *resultaat_groep_keuzes(db *d, arena *a, enum res_groep g);

/* The figure of a key ("gestart"), or -1. */
int res_fig_of(const char *key);
/* The codes of the figures with a list (for the list's field rule), NULL-ended. */
extern const char *const res_lijst_codes[];

/* The dashboard filter's months as the first and last day (f's team and
 * gebied too). */
void resultaat_periode(const struct dash_filter *df, struct res_filter *f);

/* The figures per group, by name: a JSON array of {id, naam, w: [value or
 * null per figure], p: [persons per figure]}; kept per filter while the
 * statistics version stays the same.  *out is a new reference. */
enum db_status resultaat_bereken(db *d, arena *a, const struct res_filter *f, enum res_groep g, json_t **out);

/* The rows for a page, CSV or JSON: per group {id, naam, <key>: number,
 * or "<5" when suppress hides it; absent when there is nothing to
 * compute}.  A new reference. */
json_t *resultaat_rijen(json_t *groups, bool suppress);
/* A value of a figure as the page shows it ("12", "34 dagen", "+1",
 * "40%", "1.234,56"), "<5" when hidden, "–" when absent. */
const char *resultaat_tekst(arena *a, const json_t *groups_row, enum res_fig fig, bool suppress);

/* The households behind one count (a figure with lijst) of one group: a
 * JSON array of household ids, ascending.  *out a new reference. */
enum db_status resultaat_huishoudens(db *d, arena *a, const struct res_filter *f, enum res_groep g, int64_t id,
                                     enum res_fig fig, json_t **out);

#endif
