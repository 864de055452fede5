/* audit.h - the append-only, hash-chained audit log.
 *
 * Every sign-in, failed sign-in, sign-out and every view or change of
 * personal data writes one row: who, when, what, which object and
 * household, why (access by exception), from where and with which API
 * token.  Each row's hash is a keyed BLAKE2b MAC over its fields and the
 * previous row's hash, with a key kept in a file outside the database
 * (rows from before migration 0012 keep their unkeyed BLAKE2b), so an
 * altered, inserted or deleted row breaks the chain and only the holder of
 * the key can recompute it.  Signed checkpoints of the head, kept
 * elsewhere, catch a cut-off tail. */
#ifndef LOKET_AUDIT_H
#define LOKET_AUDIT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#include "db.h"

struct req;

struct audit_entry {
	int64_t medewerker_id; /* 0: nobody signed in (failed sign-in) */
	const char *action;    /* "login", "login.failed", "huishouden.view", ... */
	const char *object_type;
	int64_t object_id;     /* 0: none */
	int64_t huishouden_id; /* 0: none */
	const char *reason;    /* access by exception, or NULL */
	const char *client_addr;
	int64_t token_id;      /* API token of the request; 0: none, or the
	                        * token of the request this thread handles
	                        * (audit_set_request_token) */
};

/* Appends one row, MACed with the newest key of the loaded key ring
 * (audit_keys_open).  Must run inside a write transaction (db_begin) so the
 * chain cannot fork.  DB_ERROR without a loaded key ring.  Returns a
 * db_status. */
enum db_status audit_append(db *d, const struct audit_entry *e);
/* The same with the row's time given: for the seed generator, whose rows
 * are spread over two years.  Times must not go down along the chain. */
enum db_status audit_append_at(db *d, const struct audit_entry *e, int64_t at);

/* Records a view by the signed-in user of r.  While the audit batcher runs
 * (the server) the row is queued on r and written together with other
 * requests' rows in one transaction before r's response is sent (group
 * commit: one fsync for many views); when that fails, the response is
 * replaced by an error.  Without the batcher (commands, tests of the db
 * layer) it is written at once in a transaction of its own.  Changes call
 * audit_append inside their own transaction instead.  Returns 0, or -1
 * (logged) when the row could not be written, in which case the caller
 * must not show the data. */
int audit_view(struct req *r, const char *action, const char *object_type, int64_t object_id,
               int64_t huishouden_id, const char *reason);
/* The same, written at once in a transaction of its own: for a view whose
 * own row must be readable by the same request (the inzageverzoek lists
 * the export itself). */
int audit_view_now(struct req *r, const char *action, const char *object_type, int64_t object_id,
                   int64_t huishouden_id, const char *reason);

struct audit_check {
	bool ok;
	int64_t rows;        /* rows checked */
	int64_t first_bad_id;/* the first row that does not verify, or 0 */
	char problem[200];   /* Dutch description of what is wrong */
};

struct audit_keyring;

/* Walks the whole chain with the keys of kr (NULL: no keys; then only a
 * chain of unkeyed rows can verify).  Every row must carry the key version
 * kr assigns to its id, and its hash must be that version's MAC (version 0:
 * the old unkeyed hash).  Returns 0 when the check could run (the verdict
 * is in *out), -1 on a database error. */
int audit_verify(sqlite3 *conn, const struct audit_keyring *kr, struct audit_check *out);

/* Checks only the newest row against kr (its key version and hash), for a
 * quick "does this key file belong to this chain" at start.  *last_id is
 * its id (0: empty log), *ok the verdict with *problem (n bytes) when not.
 * Returns 0, or -1 on a database error. */
int audit_verify_newest(sqlite3 *conn, const struct audit_keyring *kr, int64_t *last_id, bool *ok,
                        char *problem, size_t n);

/* The API token of the request being handled on this thread (0: none).
 * The server sets it around each handler; audit_append uses it for an
 * entry whose token_id is 0.  Thread-local. */
void audit_set_request_token(int64_t token_id);

/* ---- the key ring (src/db/audit_key.c) ---------------------------------- */

enum { AUDIT_KEY_BYTES = 32, AUDIT_MAX_KEYS = 64 };

/* One line of the key file: version, the first audit row it MACs, the MAC
 * key and the Ed25519 seed that signs checkpoints.  Version v covers rows
 * first_row .. (next version's first_row - 1); rows before version 1's
 * first_row are unkeyed (version 0). */
struct audit_key {
	int version;
	int64_t first_row;
	unsigned char mac[AUDIT_KEY_BYTES];
	unsigned char sign_pk[32], sign_sk[64];
};

struct audit_keyring {
	int n; /* versions 1..n, in order */
	struct audit_key keys[AUDIT_MAX_KEYS];
};

/* The default key file of a database: path + ".auditkey".  Malloc'd;
 * caller frees. */
char *audit_key_default_path(const char *db_path);

/* Reads a key file into *kr.  Returns 0, 1 when the file does not exist
 * (*kr empty), or -1 with *err set (caller frees) when it cannot be read or
 * is malformed. */
int audit_keyring_read(const char *path, struct audit_keyring *kr, char **err);

/* Writes kr to path atomically (a temporary file, mode 0600, fsync, then
 * rename).  Returns 0, or -1 with *err set (caller frees). */
int audit_keyring_write(const char *path, const struct audit_keyring *kr, char **err);

/* Adds a new version with fresh random keys (randombytes_buf) that starts
 * at row first_row.  Returns 0, or -1 when the ring is full. */
int audit_keyring_add(struct audit_keyring *kr, int64_t first_row);

/* The key version that must MAC row id (0: unkeyed). */
int audit_keyring_version_for(const struct audit_keyring *kr, int64_t id);

/* Where db_init finds the key file: path (NULL: the default next to the
 * database), and whether it loads it at all (false for audit-rotate-key,
 * which handles the key file itself).  Call before db_init; the string
 * must outlive the process's use of the database. */
void audit_keys_configure(const char *path, bool load);

/* Called by db_init on its migrated connection: reads the key file; when
 * it is missing and the log is empty, creates it (version 1 from row 1);
 * refuses (-1, *err set, caller frees) when it is missing but the log has
 * rows, or when it does not belong to this chain (the newest row does not
 * verify with it).  The ring is then process-wide and read-only. */
int audit_keys_open(sqlite3 *conn, const char *db_path, char **err);

/* Rotates the key (the server stopped): verifies the chain with the key
 * file at key_path (absent: a chain of unkeyed rows, whose first key this
 * makes), adds a version with fresh keys, appends "audit.sleutel_gewisseld"
 * (by medewerker_id, 0 for the command line) MACed with the old key over a
 * fingerprint of the new key and its public signing key, then replaces the
 * key file atomically.  Reports on out.  Returns 0, or -1 with *err set
 * (caller frees); on failure the old key stays in use. */
int audit_keys_rotate(db *d, const char *key_path, int64_t medewerker_id, FILE *out, char **err);

/* The loaded key ring, or NULL before audit_keys_open.  Static storage. */
const struct audit_keyring *audit_keys(void);

/* ---- signed checkpoints (src/db/audit_checkpoint.c) ---------------------- */

/* Appends an "audit.checkpoint" row for the signed-in user (medewerker_id,
 * client_addr) in a transaction of its own, and returns a checkpoint of
 * the head including that row: {head_id, head_hash, rows, at, at_iso,
 * public_key, signature}, signed with the newest key's Ed25519 key over
 * audit_checkpoint_text.  New reference in *out; returns 0, or -1 (logged,
 * nothing committed). */
int audit_checkpoint_make(db *d, int64_t medewerker_id, const char *client_addr, int64_t token_id,
                          json_t **out);

/* Checks checkpoint cp against the chain in conn and the key ring kr: the
 * signature is valid for the public key in cp, that key is one of kr's,
 * row head_id exists with hash head_hash, and the log has at least rows
 * rows.  Returns 0 when it holds, 1 when it does not (*why: a Dutch
 * reason, static or in buf), -1 on a database error. */
int audit_checkpoint_check(sqlite3 *conn, const struct audit_keyring *kr, const json_t *cp, char *buf,
                           size_t bufsize, const char **why);


/* The newest sign-ins (successful and failed) of one employee:
 * [{at, action, client_addr}], newest first.  New reference. */
json_t *db_audit_recent_logins(db *d, int64_t medewerker_id, int limit);

/* One page of the log, newest first: [{id, at, who, action, object_type,
 * object_id, huishouden_id, reason, client_addr, token_id}] (absent fields
 * left out).  New reference. */
json_t *db_audit_page(db *d, int64_t offset, int limit);

/* ---- the privacy officer's search (issue 5) ---------------------------- */

/* Which rows a search returns; a zero field is no filter.  persoon_id
 * selects the rows whose object is that person plus every row of
 * persoon_huishouden_id (their household); both are set together.  The
 * period is [from, to) in unix seconds. */
struct audit_filter {
	int64_t medewerker_id;
	int64_t huishouden_id;
	int64_t persoon_id, persoon_huishouden_id;
	int64_t from, to;
};

/* The rows matching f, oldest first (at, then id), skipping offset and at
 * most limit of them (limit < 0: all): [{id, at, medewerker_id?, who?,
 * action, object_type?, object_id?, huishouden_id?, reason?,
 * client_addr?, token_id?}].  Each filter runs on an index (employee, household,
 * object, time).  New reference; NULL on a database error (logged). */
json_t *db_audit_search(db *d, const struct audit_filter *f, int64_t offset, int limit);
/* The newest `limit` grants of a role that widens access (audit action
 * medewerker.rol_toegekend): [{at, by?, to?, to_username?, role?,
 * client_addr?}], newest first; by is absent for the command line.  New
 * reference, or NULL on a database error (logged). */
json_t *db_audit_role_grants(db *d, int limit);

/* The Dutch label of an audit action ("huishouden.view" -> "Huishouden
 * bekeken"); the action itself when it has none.  Static storage.
 * Defined, with the table of labels, in src/audit_labels.c. */
const char *audit_action_label(const char *action);

/* ---- the audit batcher (src/auditq.c) ------------------------------------ */

/* Starts and stops the thread that writes queued view rows.  Started by
 * the server after the database, stopped after the HTTP daemon. */
int auditq_start(void);
void auditq_stop(void);
/* The server brackets every handler with these two.  auditq_begin counts
 * the request as being handled; auditq_submit, when the handler is done,
 * ends that and, when r has queued audit rows, suspends its connection and
 * hands it to the batcher, which resumes it once the rows are committed
 * (r->audit_failed on failure).  Returns true when r was suspended. */
void auditq_begin(void);
bool auditq_submit(struct req *r);

#endif
