/* db_netwerk.h - the household's network (kringenmodel): family,
 * neighbours, friends, volunteers, professionals and what they can do.
 *
 * Members are never deleted, only marked inactive (intakes keep naming the
 * network members who joined them).  Every update names the version it
 * read; a stale version changes nothing.  Strings returned are allocated
 * from the caller's arena.  Writes run inside the caller's transaction. */
#ifndef LOKET_DB_NETWERK_H
#define LOKET_DB_NETWERK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db.h"
#include "util.h"

struct netwerklid {
	int64_t id;
	int64_t huishouden_id;
	const char *name;
	const char *relation;    /* vocab_relation code */
	const char *circle;      /* vocab_circle code */
	const char *can_do;      /* NULL when empty */
	const char *phone;       /* NULL when empty */
	bool active;
	int64_t version;
	int64_t updated_at;      /* 0 when never changed by a person */
	const char *updated_by;  /* name of the last editor, or NULL */
};

/* One member by id; DB_NOT_FOUND when there is none (active or not). */
enum db_status db_netwerk_get(db *d, arena *a, int64_t id, struct netwerklid *out);

/* The active members of household hh, inside out by circle, then by
 * name.  *out is an arena array of *n members (NULL when none). */
enum db_status db_netwerk_list(db *d, arena *a, int64_t hh, struct netwerklid **out, size_t *n);

/* Inserts n (its id, active, version and updated_* are ignored) as by;
 * *id_out receives the new id. */
enum db_status db_netwerk_insert(db *d, const struct netwerklid *n, int64_t by, int64_t *id_out);

/* Replaces name, relation, circle, can_do and phone of member n->id when
 * it is active and still at version n->version, and bumps the version.
 * DB_NOT_FOUND when no row matched (removed, or a stale version: read the
 * member again to tell which). */
enum db_status db_netwerk_update(db *d, const struct netwerklid *n, int64_t by);

/* Marks member id inactive when it is active and at version; bumps the
 * version.  DB_NOT_FOUND as for db_netwerk_update. */
enum db_status db_netwerk_remove(db *d, int64_t id, int64_t version, int64_t by);

#endif
