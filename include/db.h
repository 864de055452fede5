/* db.h - SQLite storage: one connection per worker thread, statements
 * prepared once per connection and cached, writes in BEGIN IMMEDIATE
 * transactions, and the embedded migrations. */
#ifndef LOKET_DB_H
#define LOKET_DB_H

#include <jansson.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "util.h"

typedef struct db db;

enum db_status {
	DB_OK = 0,
	DB_NOT_FOUND,   /* a lookup found no row */
	DB_CONSTRAINT,  /* a UNIQUE/CHECK/FOREIGN KEY constraint refused a write */
	DB_ERROR        /* anything else; already logged */
};

/* Opens path (creating it), applies pending migrations and remembers path
 * for the per-thread connections.  Refuses a database whose schema is newer
 * than this binary.  Then loads the audit key file (audit_keys_open:
 * created for an empty log, refused when missing for a log with rows).
 * Returns 0, or -1 with *err set (caller frees). */
int db_init(const char *path, char **err);

/* The calling thread's connection, opened on first use; NULL (logged) when
 * it cannot be opened.  Owned by the db module: never close it yourself. */
db *db_get(void);

/* Closes every connection of every thread.  Call once, after all worker
 * threads have stopped. */
void db_close_all(void);

sqlite3 *db_sqlite(db *d);

/* The prepared statement for sql on d, prepared on first use and cached
 * by the address of sql, which must therefore be a string constant.  NULL
 * (logged) on a prepare error.  Call db_done() when finished with it. */
sqlite3_stmt *db_stmt(db *d, const char *sql);
/* Resets the statement and clears its bindings for the next user. */
void db_done(sqlite3_stmt *st);

/* Write transactions: BEGIN IMMEDIATE, so a writer waits for the lock up
 * to the busy timeout at the start instead of failing later.  Writers of
 * this process take turns on a mutex first; db_commit and db_rollback
 * release it. */
int db_begin(db *d);
int db_commit(db *d);
void db_rollback(db *d);

/* Read snapshots: a page that reads many tables does so in one read
 * transaction, so it sees one moment and SQLite checks the WAL and takes its
 * read lock once instead of per statement.  No writes on d in between;
 * db_read_end always ends it, also after an error. */
int db_read_begin(db *d);
void db_read_end(db *d);

/* Called after every handler: a transaction it left open is a bug; it is
 * logged with context and rolled back, so the connection and the writer
 * turn are free for the next request. */
void db_end_of_request(const char *context);

/* Maps a sqlite3 result code to a db_status, logging unexpected errors with
 * the context string. */
enum db_status db_status_of(db *d, int rc, const char *context);

/* Runs a statement that returns no rows (bindings already made), then
 * db_done().  Returns a db_status. */
enum db_status db_exec_stmt(db *d, sqlite3_stmt *st, const char *context);

/* Convenience column readers: NULL/absent text becomes NULL. */
const char *db_col_text(sqlite3_stmt *st, int col);
/* The column's text copied into a (NULL for SQL NULL). */
const char *db_col_dup(arena *a, sqlite3_stmt *st, int col);
/* Binds s, or SQL NULL when s is NULL or empty (optional text fields). */
void db_bind_opt_text(sqlite3_stmt *st, int i, const char *s);
/* Binds id, or SQL NULL when it is 0 or less (optional references). */
void db_bind_opt_id(sqlite3_stmt *st, int i, int64_t id);

/* Reads the current row of st into the element at out (strings from a). */
typedef void (*db_row_fn)(arena *a, sqlite3_stmt *st, void *out);
/* Steps st (parameters bound) once: DB_OK with the row read, DB_NOT_FOUND,
 * or an error logged with context.  Resets st. */
enum db_status db_read_one(db *d, arena *a, sqlite3_stmt *st, db_row_fn row, void *out, const char *context);
/* The same for a row of n integers (a count, a sum, an id and another):
 * its first n columns into out[0..n-1].  Resets st. */
enum db_status db_read_ints(db *d, sqlite3_stmt *st, int64_t *out, int n, const char *context);
/* statistiek_versie.n: moves with every write a cached figure reads
 * (migrations 0010, 0025, 0032; include/figcache.h). */
enum db_status db_stat_version(db *d, int64_t *version);
/* Steps st to the end, reading each row into a growing arena array of
 * elements of size bytes (*out, *n; NULL and 0 when none).  Resets st. */
enum db_status db_read_all(db *d, arena *a, sqlite3_stmt *st, db_row_fn row, size_t size, void **out,
                           size_t *n, const char *context);

/* Rows to JSON by a column table: one object per row, column i under
 * cols[i].key; SQL NULL columns are left out.  For list queries whose
 * rows go to a page or the API as they are. */
enum db_json_kind {
	DBJ_TEXT,
	DBJ_INT,
	DBJ_DATETIME_NL /* unix seconds shown as "22-11-2026 14:05" */
};
struct db_json_col {
	const char *key;
	enum db_json_kind kind;
};
/* Steps st (parameters bound) to the end and resets it.  Returns a new
 * array (empty on an error, which is logged). */
json_t *db_rows_json(db *d, sqlite3_stmt *st, const struct db_json_col *cols, size_t ncols);

/* One row of st as an object: column names (SQL aliases) are the keys,
 * NULL columns are left out, integers and text keep their type and a
 * column named "actief" becomes a boolean.  New reference. */
json_t *db_row_json(sqlite3_stmt *st);
/* Every row of st (parameters bound) as db_row_json objects, then
 * db_done().  New array: the rows read so far on an error (logged). */
json_t *db_all_rows_json(db *d, sqlite3_stmt *st, const char *context);
/* The same, but NULL on an error (logged), for callers that must not show
 * a partial list as if it were whole. */
json_t *db_all_rows_or_null(db *d, sqlite3_stmt *st, const char *context);
/* The one row of st into *out (new reference; NULL unless DB_OK), then
 * db_done().  DB_NOT_FOUND when there is none. */
enum db_status db_one_row_json(db *d, sqlite3_stmt *st, json_t **out, const char *context);
/* Runs a bound write; DB_NOT_FOUND when it changed no row (an UPDATE
 * naming a version someone else moved on, or a row gone). */
enum db_status db_exec_changed(db *d, sqlite3_stmt *st, const char *context);
/* Runs a bound INSERT and gives its rowid in *id_out (when not NULL). */
enum db_status db_exec_insert(db *d, sqlite3_stmt *st, int64_t *id_out, const char *context);

/* The schema version of the database at path, or -1 on error. */
int db_schema_version(sqlite3 *conn);

#endif
