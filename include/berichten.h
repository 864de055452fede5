/* berichten.h - the municipality's side of iWmo and iJw 3.2 (issue 14):
 * toewijzingen follow the maatwerk voorzieningen, a 301 is prepared and
 * validated for every change (OP087), incoming messages are validated,
 * matched, applied and answered with their retour, and messages travel as
 * files (the outbox is exported, files are imported).
 *
 * Every function here runs inside the caller's write transaction unless it
 * says otherwise, so a message and the change it reports are one. */
#ifndef LOKET_BERICHTEN_H
#define LOKET_BERICHTEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db.h"
#include "util.h"

/* The municipality's CBS gemeentecode (4 digits; LOKET_GEMEENTECODE or
 * --gemeentecode, default 0267 Nijkerk), set once at start. */
void berichten_gemeentecode_set(const char *code);
const char *berichten_gemeentecode(void);

/* "Today" for the messages (YYYY-MM-DD) and the time (HH:MM:SS), local. */
void berichten_vandaag(char day[11]);

/* Brings the toewijzingen of maatwerk voorziening v in line with it after
 * an insert, change or status step, and prepares the 301 for its client
 * and provider (and for the former provider when it changed).  Nothing
 * happens for a voorziening outside Wmo 2015 and Jeugdwet.  A message that
 * fails validation is stored as "fout" and not queued. */
enum db_status berichten_voorziening(db *d, arena *a, int64_t v, int64_t by);
/* The same for a voorziening granted on a provider's request: a new
 * toewijzing carries the request's ReferentieAanbieder ref. */
enum db_status berichten_voorziening_ref(db *d, arena *a, int64_t v, int64_t by, const char *ref);

/* Prepares, validates and stores the 301 for client p and provider x in
 * standard s (OP087), unless the client is marked geen berichtenverkeer
 * (OP003), the provider receives no messages of s, or there is nothing to
 * send.  *bericht_id 0 when none was made. */
enum db_status berichten_301(db *d, arena *a, int64_t p, int64_t x, const char *s, int64_t by, int64_t *bericht_id);

/* Validates xml and stores it as an outgoing message (klaar, or fout with
 * the findings); *ok false when it failed. */
struct bericht_rij;
enum db_status berichten_opslaan_uit(db *d, arena *a, struct bericht_rij *r, const char *xml, size_t len,
                                     int64_t *id, bool *ok);

/* What importing a file did. */
struct bericht_import {
	int64_t bericht_id;   /* the stored message (0 when it was a repeat) */
	bool herhaald;        /* the same file was imported before: nothing done */
	bool verwerkt;        /* applied; false: refused, reason below */
	const char *soort;    /* "305", ... or "" */
	const char *reden;    /* Dutch, when refused */
	int64_t retour_id;    /* our retour, when one was made */
};

/* Reads one incoming file (name for the record only; never a path) in a
 * transaction of its own: refused with a reason, or applied with its
 * retour queued.  Returns DB_OK unless the database failed. */
enum db_status berichten_import(db *d, arena *a, const char *naam, const char *xml, size_t len, int64_t by,
                                struct bericht_import *out);

/* Grants (toekennen) or refuses (reden WJ759, toelichting) a request of a
 * provider at version; granting a 315 creates the voorziening (aangevraagd,
 * then toegekend) and its 301; refusing sends a 319.  In a transaction of
 * the caller.  DB_NOT_FOUND when the request moved on; on another failure
 * *fout says in Dutch what stands in the way (when known). */
enum db_status berichten_verzoek_beslis(db *d, arena *a, int64_t verzoek_id, int64_t version, bool toekennen,
                                        const char *reden, const char *toelichting, int64_t by, const char **fout);

/* The starting state when a municipality begins berichtenverkeer: every
 * maatwerk voorziening under Wmo 2015 or Jeugdwet that is toegekend or
 * gestart, runs today or later and has no toewijzing yet gets one and its
 * 301 (validated; transactions of 500).  *n voorzieningen done, *klaar
 * messages queued, *fout refused by the validation.  Opens its own
 * transactions; -1 on a database error. */
int berichten_beginstand(db *d, size_t *n, size_t *klaar, size_t *fout);

/* Writes every queued outgoing message to dir as <BerichtIdentificatie>.xml
 * and marks it sent.  *n the number written.  -1 on an error (message on
 * stderr-free *err). */
int berichten_export(db *d, arena *a, const char *dir, size_t *n, const char **err);

/* OP090: the day a retour on a message received on day is due (3 working
 * days, 10 for a declaration), into out. */
void berichten_termijn(const char *day, bool declaratie, char out[11]);

#endif
