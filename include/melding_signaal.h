/* melding_signaal.h - the team's signals (issue 16 item 4) as meldingen for
 * its teamleider(s): signaal_groei, signaal_overlap and signaal_tijdelijk,
 * each linking to its section of /team/signalen (the words: src/melding.c).
 * Defined in src/melding_signaal.c; for anyone but a teamleider with a team
 * they are none. */
#ifndef LOKET_MELDING_SIGNAAL_H
#define LOKET_MELDING_SIGNAAL_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "db.h"
#include "http.h"

/* Appends the signal meldingen of r's user to out as the rows of
 * db_meldingen ({soort, id, adres, at, gelezen, ...}; read ones only when
 * include_read).  Returns a db_status. */
enum db_status melding_signaal_rows(struct req *r, db *d, bool include_read, json_t *out);

/* The number of unread ones, for the header (kept per user until the
 * signals or a read mark change). */
enum db_status melding_signaal_unread(struct req *r, db *d, int64_t *n);

/* Called after a commit that marked meldingen read. */
void melding_signaal_read_changed(void);

#endif
