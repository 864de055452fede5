/* db_journaal.h - the household's contact log (journaal) and the earlier
 * versions of edited entries.
 *
 * An edit copies the entry as it was into journaal_versie and bumps the
 * entry's version; an edit that names a stale version changes nothing.
 * Strings returned are allocated from the caller's arena.  Writes run
 * inside the caller's transaction (db_begin) and write no audit row: the
 * caller audits in the same transaction. */
#ifndef LOKET_DB_JOURNAAL_H
#define LOKET_DB_JOURNAAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db.h"
#include "util.h"

struct journaal {
	int64_t id;
	int64_t huishouden_id;
	const char *kind;        /* vocab_journal_kind code */
	const char *entry_date;  /* "YYYY-MM-DD" */
	const char *entry_nl;    /* "DD-MM-YYYY" */
	const char *body;
	int64_t author_id;
	const char *author;      /* the author's name */
	int64_t created_at;
	int64_t edited_at;       /* 0 when never edited */
	const char *edited_by;   /* name of the last editor, or NULL */
	int64_t version;         /* 1 + the number of edits */
};

/* An earlier version of an entry, as it was before an edit. */
struct journaal_versie {
	int64_t version;
	const char *kind;
	const char *entry_date;
	const char *entry_nl;
	const char *body;
	const char *saved_by;    /* who wrote this version */
	int64_t saved_at;        /* when it was written */
};

/* Adds an entry to household huishouden_id; *id_out (may be NULL) gets its
 * id.  Runs inside the caller's transaction and writes no audit row (the
 * regie handover uses it next to its own audit row). */
enum db_status db_journaal_insert(db *d, int64_t huishouden_id, const char *kind,
                                  const char *entry_date, const char *body, int64_t author_id,
                                  int64_t *id_out);

/* One entry; DB_NOT_FOUND when there is none. */
enum db_status db_journaal_get(db *d, arena *a, int64_t id, struct journaal *out);

/* The newest entries of household hh (by date, then by id), at most
 * limit.  *out is an arena array of *n entries (NULL when none). */
enum db_status db_journaal_timeline(db *d, arena *a, int64_t hh, int limit, struct journaal **out,
                                    size_t *n);

/* The earlier versions of entry id, newest first.  *out is an arena array
 * of *n versions (NULL when the entry was never edited). */
enum db_status db_journaal_versions(db *d, arena *a, int64_t id, struct journaal_versie **out,
                                    size_t *n);

/* Keeps the entry as it is at version in journaal_versie, then replaces
 * kind, entry_date and body and bumps the version.  DB_NOT_FOUND when the
 * entry is not at version (or does not exist). */
enum db_status db_journaal_update(db *d, int64_t id, int64_t version, const char *kind,
                                  const char *entry_date, const char *body, int64_t by);

#endif
