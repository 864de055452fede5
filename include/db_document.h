/* db_document.h - a household's documents (migration 0027): generated
 * letters (beschikking, verslag, plan) as a concept with their free-text
 * parts and, once vastgesteld, their PDF; and uploaded files.  Content is
 * read only by db_document_content; lists and metadata never carry it.
 *
 * Writers run inside the caller's write transaction (db_begin) and write no
 * audit row: the caller audits in the same transaction.  JSON results are
 * new references the caller owns. */
#ifndef LOKET_DB_DOCUMENT_H
#define LOKET_DB_DOCUMENT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db.h"

/* The concept of kind for household hh (and voorziening vid, 0 for none):
 * {id, motivatie?, afsluiting?, versie}.  DB_NOT_FOUND when there is none. */
enum db_status db_document_concept(db *d, int64_t hh, const char *kind, int64_t vid, json_t **out);

/* Saves the free-text parts of the concept: a new one when version is 0
 * (*id gets its id), else the concept id at that version (bumped).
 * DB_NOT_FOUND when it moved on (stale version); DB_CONSTRAINT when a
 * concept already exists for a new one. */
enum db_status db_document_concept_save(db *d, int64_t hh, const char *kind, int64_t vid, const char *title,
                                        const char *motivation, const char *closing, int64_t id,
                                        int64_t version, int64_t by, int64_t *id_out);

/* What vaststellen stores. */
struct document_content {
	const char *title, *recipient, *dated_on, *mime_type, *sha256;
	const void *data;
	size_t len;
};

/* The version number the next vastgesteld document of kind for hh (and
 * vid) gets: one more than the highest so far. */
enum db_status db_document_next_version(db *d, int64_t hh, const char *kind, int64_t vid, int64_t *out);

/* Freezes concept id (at version) with its content: status vastgesteld,
 * version_no *version_no (db_document_next_version).  DB_NOT_FOUND when it
 * moved on or is no concept. */
enum db_status db_document_settle(db *d, int64_t id, int64_t version, int64_t version_no,
                                  const struct document_content *c, int64_t by);

/* An upload: stored vastgesteld at once.  aanmelding, journaal and
 * voorziening ids 0 for none (the caller checked they are hh's). */
struct document_upload {
	int64_t huishouden_id, voorziening_id, aanmelding_id, journaal_id;
	const char *title, *file_name, *mime_type, *sha256, *dated_on;
	const void *data;
	size_t len;
};
enum db_status db_document_upload(db *d, const struct document_upload *u, int64_t by, int64_t *id_out);

/* The free text (motivation, closing; NULL when none) of the newest
 * vastgesteld letter of this kind for household hh and voorziening vid (0:
 * none), so a next version starts from it.  Not when the voorziening
 * changed after it was vastgesteld (another decision wants other words):
 * DB_NOT_FOUND then, and when there is none. */
enum db_status db_document_last_text(db *d, arena *a, int64_t hh, const char *kind, int64_t vid,
                                     const char **motivation, const char **closing);

/* The household's vastgestelde documents, newest first:
 * [{id, soort, titel, versie_nr, ontvanger?, bestandsnaam?, mime_type,
 *   grootte, sha256, datum, auteur, voorziening_id?, aanmelding_id?,
 *   journaal_id?, vastgesteld_op}].  vid > 0: only those of that
 * voorziening.  NULL on a database error (logged). */
json_t *db_document_list(db *d, int64_t hh, int64_t vid);

/* One document's metadata as in the list (with huishouden_id and status),
 * without content.  DB_NOT_FOUND when there is none. */
enum db_status db_document_get(db *d, int64_t id, json_t **out);

/* A vastgesteld document's content: *data malloc'd (caller frees), *len.
 * DB_NOT_FOUND for a concept or an unknown id. */
enum db_status db_document_content(db *d, int64_t id, void **data, size_t *len);

/* True when aanmelding / journaal entry id belongs to household hh. */
bool db_document_aanmelding_in(db *d, int64_t hh, int64_t id);
bool db_document_journaal_in(db *d, int64_t hh, int64_t id);

#endif
