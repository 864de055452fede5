/* audit_forge.h - test support: an attacker with write access to the
 * database but without the audit key file recomputes the chain. */
#ifndef LOKET_TEST_AUDIT_FORGE_H
#define LOKET_TEST_AUDIT_FORGE_H

#include <stdbool.h>

enum forge {
	FORGE_UNKEYED,   /* the unkeyed BLAKE2b over the fields; rows keep their key version */
	FORGE_DOWNGRADE, /* every row marked unkeyed (version 0, no token), then as above */
	FORGE_OWN_KEY    /* a keyed MAC with a random key of the attacker's own */
};

/* Drops the append-only triggers of the database at path and recomputes
 * every row's prev_hash and hash and the head, in the way of how.  Works on
 * a database from before migration 0012 too.  Returns true when done. */
bool forge_chain(const char *path, enum forge how);

#endif
