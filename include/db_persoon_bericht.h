/* db_persoon_bericht.h - what iWmo/iJw messages say about a client
 * (issue 14, migration 0023): geslacht (COD046), voorletters, naamgebruik
 * (COD700) and the regisseur's OP003 stop ("geen berichtenverkeer", with
 * its reason).  Writers run inside the caller's write transaction and
 * write no audit row. */
#ifndef LOKET_DB_PERSOON_BERICHT_H
#define LOKET_DB_PERSOON_BERICHT_H

#include <jansson.h>
#include <stdint.h>

#include "db.h"

struct persoon_bericht {
	const char *geslacht;       /* "0", "1", "2" */
	const char *voorletters;    /* NULL: derived from the first name when sent */
	const char *naamgebruik;    /* "1" .. "4" */
	const char *geen_berichten; /* the OP003 reason, NULL when messages go */
};

/* Strings in a; DB_NOT_FOUND when there is no such person. */
enum db_status db_persoon_bericht_get(db *d, arena *a, int64_t persoon_id, struct persoon_bericht *out);
/* Sets geslacht, voorletters (NULL or "": none) and naamgebruik. */
enum db_status db_persoon_bericht_set(db *d, int64_t persoon_id, const char *geslacht, const char *voorletters,
                                      const char *naamgebruik);
/* OP003: reason set (messages stop) or NULL (they go again).  DB_NOT_FOUND
 * when the person is not there or already in that state. */
enum db_status db_persoon_geen_berichten(db *d, int64_t persoon_id, const char *reden);
/* The providers and standards with toewijzingen of this client that no 301
 * has carried yet: [{aanbieder_id, standaard}]. */
json_t *db_persoon_wachtende_toewijzingen(db *d, int64_t persoon_id);

#endif
