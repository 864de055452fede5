/* audit.h - the append-only, hash-chained audit log.
 *
 * Every sign-in, failed sign-in, sign-out and every view or change of
 * personal data writes one row: who, when, what, which object and
 * household, why (access by exception) and from where.  Each row's hash is
 * BLAKE2b over its fields and the previous row's hash, so an altered,
 * inserted or deleted row breaks the chain. */
#ifndef LOKET_AUDIT_H
#define LOKET_AUDIT_H

#include <stdbool.h>
#include <stdint.h>

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
};

/* Appends one row.  Must run inside a write transaction (db_begin) so the
 * chain cannot fork.  Returns a db_status. */
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

/* Walks the whole chain.  Returns 0 when the check could run (the verdict
 * is in *out), -1 on a database error. */
int audit_verify(sqlite3 *conn, struct audit_check *out);

/* The newest sign-ins (successful and failed) of one employee:
 * [{at, action, client_addr}], newest first.  New reference. */
json_t *db_audit_recent_logins(db *d, int64_t medewerker_id, int limit);

/* One page of the log, newest first: [{id, at, who, action, object_type,
 * object_id, huishouden_id, reason, client_addr}].  New reference. */
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
 * client_addr?}].  Each filter runs on an index (employee, household,
 * object, time).  New reference; NULL on a database error (logged). */
json_t *db_audit_search(db *d, const struct audit_filter *f, int64_t offset, int limit);
/* The newest `limit` grants of a role that widens access (audit action
 * medewerker.rol_toegekend): [{at, by?, to?, to_username?, role?,
 * client_addr?}], newest first; by is absent for the command line.  New
 * reference, or NULL on a database error (logged). */
json_t *db_audit_role_grants(db *d, int limit);

/* The Dutch label of an audit action ("huishouden.view" -> "Huishouden
 * bekeken"); the action itself when it has none.  Static storage. */
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
