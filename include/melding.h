/* melding.h - the meldingen of the signed-in case worker with their Dutch
 * words, for Mijn werk and the count in the header of every page (the
 * kinds and who gets which: include/db_melding.h). */
#ifndef LOKET_MELDING_H
#define LOKET_MELDING_H

#include <jansson.h>
#include <stdbool.h>

#include "db.h"
#include "http.h"

/* True when r's user has meldingen at all (the case roles). */
bool melding_applies(const struct req *r);

/* The meldingen: data gets "meldingen" [{soort, id, titel, tekst,
 * huishouden_id, adres, href, wanneer, gelezen, overdracht?}],
 * "has_meldingen", "meldingen_ongelezen" (a count) and "has_ongelezen".  Read ones too
 * when include_read.  Returns a db_status. */
enum db_status melding_list_fill(struct req *r, db *d, json_t *data, bool include_read);

/* The meldingen as rows (db_melding.h), without words or links: what
 * counting and marking need.  *out is a new array on DB_OK. */
enum db_status melding_rows(struct req *r, db *d, bool include_read, json_t **out);

/* Whether soort/id is one of the user's unread meldingen right now. */
enum db_status melding_is_current(struct req *r, db *d, const char *soort, int64_t id, bool *yes);

/* The number of unread meldingen, for the header. */
enum db_status melding_unread(struct req *r, int64_t *n);

#endif
