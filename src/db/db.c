/* db.c - per-thread SQLite connections, the statement cache, transactions
 * and migrations. */
#include "db.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "migrations.h"
#include "util.h"

struct stmt_slot {
	const char *key; /* address of the SQL string constant */
	sqlite3_stmt *st;
};

struct db {
	sqlite3 *conn;
	struct stmt_slot *slots;
	size_t cap, used; /* cap is a power of two */
	struct db *next_open; /* registry link, guarded by registry_lock */
};

/* Global state: the database path set once by db_init before any worker
 * starts, and the registry of open connections so that shutdown can close
 * them all.  The registry is guarded by registry_lock. */
static char *db_path;
static pthread_mutex_t registry_lock = PTHREAD_MUTEX_INITIALIZER;
static struct db *registry;
static _Thread_local struct db *thread_db;

enum { BUSY_TIMEOUT_MS = 5000 };

static int exec_simple(sqlite3 *conn, const char *sql, char **err)
{
	char *msg = NULL;
	if (sqlite3_exec(conn, sql, NULL, NULL, &msg) != SQLITE_OK) {
		*err = xasprintf("%s", msg ? msg : sqlite3_errmsg(conn));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

/* LOKET_SLOW_MS: statements that take longer are logged with their time,
 * to find what a page spends its time on (make bench).  Read once per
 * connection; off when unset. */
static int log_slow(unsigned type, void *ctx, void *stmt, void *ns)
{
	(void)type;
	int64_t limit = (int64_t)(intptr_t)ctx;
	int64_t took = *(sqlite3_int64 *)ns;
	if (took >= limit * 1000000) {
		char *sql = sqlite3_expanded_sql(stmt);
		log_info("langzaam (%.1f ms): %s", (double)took / 1e6, sql ? sql : sqlite3_sql(stmt));
		sqlite3_free(sql);
	}
	return 0;
}

static sqlite3 *open_conn(const char *path, char **err)
{
	sqlite3 *conn = NULL;
	int rc = sqlite3_open_v2(path, &conn,
	                         SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		*err = xasprintf("kan database %s niet openen: %s", path,
		                 conn ? sqlite3_errmsg(conn) : sqlite3_errstr(rc));
		sqlite3_close(conn);
		return NULL;
	}
	sqlite3_busy_timeout(conn, BUSY_TIMEOUT_MS);
	sqlite3_extended_result_codes(conn, 1);
	const char *slow = getenv("LOKET_SLOW_MS");
	if (slow && atoi(slow) > 0)
		sqlite3_trace_v2(conn, SQLITE_TRACE_PROFILE, log_slow, (void *)(intptr_t)atoi(slow));
	/* synchronous=FULL: a commit is on disk before the response that
	 * acknowledges it leaves, even across a power cut. */
	if (exec_simple(conn, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; "
	                      "PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY;", err) != 0) {
		sqlite3_close(conn);
		return NULL;
	}
	return conn;
}

int db_schema_version(sqlite3 *conn)
{
	sqlite3_stmt *st = NULL;
	int version = -1;
	if (sqlite3_prepare_v2(conn, "SELECT coalesce(max(version), 0) FROM schema_migration",
	                       -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		version = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return version;
}

/* The first line of a migration that rebuilds a table (see migrate). */
#define REBUILD_MARK "-- loket: herbouw\n"

/* True (with *msg set) when PRAGMA foreign_key_check finds a row whose
 * reference points nowhere, or cannot run. */
static bool foreign_keys_broken(sqlite3 *conn, char **msg)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(conn, "PRAGMA foreign_key_check", -1, &st, NULL) != SQLITE_OK) {
		*msg = xasprintf("foreign_key_check: %s", sqlite3_errmsg(conn));
		return true;
	}
	int rc = sqlite3_step(st);
	bool broken = rc != SQLITE_DONE;
	if (rc == SQLITE_ROW)
		*msg = xasprintf("verwijzing van %s rij %lld naar %s klopt niet", (const char *)sqlite3_column_text(st, 0),
		                 (long long)sqlite3_column_int64(st, 1), (const char *)sqlite3_column_text(st, 2));
	else if (broken)
		*msg = xasprintf("foreign_key_check: %s", sqlite3_errmsg(conn));
	sqlite3_finalize(st);
	return broken;
}

static int migrate(sqlite3 *conn, char **err)
{
	if (exec_simple(conn, "CREATE TABLE IF NOT EXISTS schema_migration ("
	                      " version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
	                      " applied_at INTEGER NOT NULL) STRICT", err) != 0)
		return -1;
	int have = db_schema_version(conn);
	if (have < 0) {
		*err = xasprintf("kan schemaversie niet lezen: %s", sqlite3_errmsg(conn));
		return -1;
	}
	int newest = migrations_count ? migrations[migrations_count - 1].version : 0;
	if (have > newest) {
		*err = xasprintf("het databaseschema (versie %d) is nieuwer dan deze versie van loket "
		                 "kent (versie %d); start een nieuwere loket of gebruik een andere database",
		                 have, newest);
		return -1;
	}
	for (int i = 0; i < migrations_count; i++) {
		const struct migration *m = &migrations[i];
		if (m->version <= have)
			continue;
		char *sub = NULL;
		/* A migration that rebuilds a table others refer to (SQLite's way
		 * to change a CHECK constraint) says so on its first line; foreign
		 * keys are then off while it runs (they cannot be switched inside
		 * a transaction) and checked in full before it commits. */
		bool rebuild = strncmp(m->sql, REBUILD_MARK, strlen(REBUILD_MARK)) == 0;
		if (rebuild && exec_simple(conn, "PRAGMA foreign_keys=OFF", err) != 0)
			return -1;
		if (exec_simple(conn, "BEGIN IMMEDIATE", err) != 0)
			return -1;
		if (exec_simple(conn, m->sql, &sub) != 0 || (rebuild && foreign_keys_broken(conn, &sub))) {
			*err = xasprintf("migratie %s mislukt: %s", m->name, sub);
			free(sub);
			sqlite3_exec(conn, "ROLLBACK", NULL, NULL, NULL);
			if (rebuild)
				sqlite3_exec(conn, "PRAGMA foreign_keys=ON", NULL, NULL, NULL);
			return -1;
		}
		sqlite3_stmt *st = NULL;
		int rc = sqlite3_prepare_v2(conn, "INSERT INTO schema_migration(version, name, applied_at) "
		                                  "VALUES (?, ?, strftime('%s','now'))", -1, &st, NULL);
		if (rc == SQLITE_OK) {
			sqlite3_bind_int(st, 1, m->version);
			sqlite3_bind_text(st, 2, m->name, -1, SQLITE_STATIC);
			rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
		}
		sqlite3_finalize(st);
		if (rc != SQLITE_OK || exec_simple(conn, "COMMIT", &sub) != 0) {
			*err = xasprintf("migratie %s kon niet worden vastgelegd: %s", m->name,
			                 sub ? sub : sqlite3_errmsg(conn));
			free(sub);
			sqlite3_exec(conn, "ROLLBACK", NULL, NULL, NULL);
			return -1;
		}
		if (rebuild && exec_simple(conn, "PRAGMA foreign_keys=ON", err) != 0)
			return -1;
		log_info("migratie %s toegepast", m->name);
	}
	return 0;
}

/* SQLite counts every allocation under one process-wide mutex unless told
 * not to; with a connection per thread that mutex is where the threads
 * met.  Set once, before the first connection opens. */
static void configure_sqlite(void)
{
	if (sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) != SQLITE_OK)
		log_error("sqlite3_config(MEMSTATUS) geweigerd: SQLite was al gestart");
}

int db_init(const char *path, char **err)
{
	static pthread_once_t configured = PTHREAD_ONCE_INIT;
	pthread_once(&configured, configure_sqlite);
	sqlite3 *conn = open_conn(path, err);
	if (!conn)
		return -1;
	int rc = migrate(conn, err);
	/* The audit key file belongs to the database: found, created for an
	 * empty log, or refused (src/db/audit_key.c). */
	if (rc == 0)
		rc = audit_keys_open(conn, path, err);
	sqlite3_close(conn);
	if (rc != 0)
		return -1;
	free(db_path);
	db_path = xstrdup(path);
	return 0;
}

db *db_get(void)
{
	if (thread_db)
		return thread_db;
	if (!db_path) {
		log_error("db_get before db_init");
		return NULL;
	}
	char *err = NULL;
	sqlite3 *conn = open_conn(db_path, &err);
	if (!conn) {
		log_error("%s", err);
		free(err);
		return NULL;
	}
	struct db *d = xcalloc(1, sizeof *d);
	d->conn = conn;
	d->cap = 64;
	d->slots = xcalloc(d->cap, sizeof *d->slots);
	pthread_mutex_lock(&registry_lock);
	d->next_open = registry;
	registry = d;
	pthread_mutex_unlock(&registry_lock);
	thread_db = d;
	return d;
}

static void close_one(struct db *d)
{
	for (size_t i = 0; i < d->cap; i++)
		if (d->slots[i].st)
			sqlite3_finalize(d->slots[i].st);
	free(d->slots);
	/* Keeps the planner's statistics current as the tables grow, as SQLite
	 * advises for long-lived connections; cheap when nothing changed. */
	if (sqlite3_exec(d->conn, "PRAGMA optimize", NULL, NULL, NULL) != SQLITE_OK)
		log_error("PRAGMA optimize: %s", sqlite3_errmsg(d->conn));
	/* The last connection to close checkpoints the WAL into the main file. */
	sqlite3_close(d->conn);
	free(d);
}

void db_close_all(void)
{
	pthread_mutex_lock(&registry_lock);
	struct db *d = registry;
	registry = NULL;
	pthread_mutex_unlock(&registry_lock);
	while (d) {
		struct db *next = d->next_open;
		close_one(d);
		d = next;
	}
	thread_db = NULL;
	free(db_path);
	db_path = NULL;
}

sqlite3 *db_sqlite(db *d)
{
	return d->conn;
}

static size_t slot_index(const char *key, size_t cap)
{
	uintptr_t h = (uintptr_t)key;
	h ^= h >> 17;
	h *= 0x9E3779B97F4A7C15ull;
	return (size_t)(h >> 7) & (cap - 1);
}

static void cache_grow(struct db *d)
{
	struct stmt_slot *old = d->slots;
	size_t old_cap = d->cap;
	d->cap *= 2;
	d->slots = xcalloc(d->cap, sizeof *d->slots);
	for (size_t i = 0; i < old_cap; i++) {
		if (!old[i].key)
			continue;
		size_t j = slot_index(old[i].key, d->cap);
		while (d->slots[j].key)
			j = (j + 1) & (d->cap - 1);
		d->slots[j] = old[i];
	}
	free(old);
}

sqlite3_stmt *db_stmt(db *d, const char *sql)
{
	size_t i = slot_index(sql, d->cap);
	while (d->slots[i].key) {
		if (d->slots[i].key == sql)
			return d->slots[i].st;
		i = (i + 1) & (d->cap - 1);
	}
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v3(d->conn, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
		log_error("SQL voorbereiden mislukt: %s (%s)", sqlite3_errmsg(d->conn), sql);
		return NULL;
	}
	if ((d->used + 1) * 2 > d->cap) {
		cache_grow(d);
		i = slot_index(sql, d->cap);
		while (d->slots[i].key)
			i = (i + 1) & (d->cap - 1);
	}
	d->slots[i].key = sql;
	d->slots[i].st = st;
	d->used++;
	return st;
}

void db_done(sqlite3_stmt *st)
{
	if (!st)
		return;
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

enum db_status db_status_of(db *d, int rc, const char *context)
{
	switch (rc & 0xff) {
	case SQLITE_OK:
	case SQLITE_DONE:
	case SQLITE_ROW:
		return DB_OK;
	case SQLITE_CONSTRAINT:
		return DB_CONSTRAINT;
	default:
		log_error("%s: %s", context, sqlite3_errmsg(d->conn));
		return DB_ERROR;
	}
}

enum db_status db_exec_stmt(db *d, sqlite3_stmt *st, const char *context)
{
	if (!st)
		return DB_ERROR;
	int rc = sqlite3_step(st);
	enum db_status s = db_status_of(d, rc, context);
	db_done(st);
	return s;
}

static const char SQL_BEGIN[] = "BEGIN IMMEDIATE";
static const char SQL_COMMIT[] = "COMMIT";
static const char SQL_ROLLBACK[] = "ROLLBACK";

/* Writers inside this process queue on writer_lock instead of in SQLite's
 * busy handler, which polls with sleeps of up to 100 ms: under a mixed load
 * that polling made the slowest writes wait most of a second.  SQLite's
 * lock still arbitrates with other processes (busy timeout).  Global state:
 * the mutex, and per thread whether this thread holds it. */
static pthread_mutex_t writer_lock = PTHREAD_MUTEX_INITIALIZER;
static _Thread_local bool writer_held;

static void writer_release(void)
{
	if (writer_held) {
		writer_held = false;
		pthread_mutex_unlock(&writer_lock);
	}
}

int db_begin(db *d)
{
	if (writer_held) {
		log_error("db_begin: deze thread heeft al een schrijftransactie open");
		return -1;
	}
	pthread_mutex_lock(&writer_lock);
	writer_held = true;
	if (db_exec_stmt(d, db_stmt(d, SQL_BEGIN), "BEGIN IMMEDIATE") == DB_OK)
		return 0;
	writer_release();
	return -1;
}

int db_commit(db *d)
{
	if (db_exec_stmt(d, db_stmt(d, SQL_COMMIT), "COMMIT") == DB_OK) {
		writer_release();
		return 0;
	}
	db_rollback(d);
	return -1;
}

void db_rollback(db *d)
{
	/* Without an open transaction SQLite already rolled back. */
	if (!sqlite3_get_autocommit(d->conn))
		db_exec_stmt(d, db_stmt(d, SQL_ROLLBACK), "ROLLBACK");
	writer_release();
}

void db_end_of_request(const char *context)
{
	struct db *d = thread_db;
	if (d && !sqlite3_get_autocommit(d->conn)) {
		log_error("%s: transactie nog open na afhandeling; teruggedraaid", context);
		db_rollback(d);
	} else if (writer_held) {
		log_error("%s: schrijfslot nog vast na afhandeling; vrijgegeven", context);
		writer_release();
	}
}

static const char SQL_READ_BEGIN[] = "BEGIN DEFERRED";

int db_read_begin(db *d)
{
	return db_exec_stmt(d, db_stmt(d, SQL_READ_BEGIN), "BEGIN DEFERRED") == DB_OK ? 0 : -1;
}

void db_read_end(db *d)
{
	if (sqlite3_get_autocommit(d->conn))
		return;
	if (db_exec_stmt(d, db_stmt(d, SQL_COMMIT), "COMMIT") != DB_OK)
		db_rollback(d);
}

const char *db_col_text(sqlite3_stmt *st, int col)
{
	return (const char *)sqlite3_column_text(st, col);
}

const char *db_col_dup(arena *a, sqlite3_stmt *st, int col)
{
	const char *s = db_col_text(st, col);
	return s ? arena_strdup(a, s) : NULL;
}

void db_bind_opt_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s && *s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

void db_bind_opt_id(sqlite3_stmt *st, int i, int64_t id)
{
	if (id > 0)
		sqlite3_bind_int64(st, i, id);
	else
		sqlite3_bind_null(st, i);
}

json_t *db_rows_json(db *d, sqlite3_stmt *st, const struct db_json_col *cols, size_t ncols)
{
	json_t *list = json_array();
	if (!st)
		return list;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		json_t *o = json_object();
		for (size_t i = 0; i < ncols; i++) {
			if (sqlite3_column_type(st, (int)i) == SQLITE_NULL)
				continue;
			json_t *v;
			switch (cols[i].kind) {
			case DBJ_INT:
				v = json_integer(sqlite3_column_int64(st, (int)i));
				break;
			case DBJ_DATETIME_NL: {
				char when[20];
				fmt_datetime_nl(sqlite3_column_int64(st, (int)i), when);
				v = json_string(when);
				break;
			}
			default:
				v = json_string(db_col_text(st, (int)i));
				break;
			}
			json_object_set_new(o, cols[i].key, v);
		}
		json_array_append_new(list, o);
	}
	if (rc != SQLITE_DONE)
		db_status_of(d, rc, "rows to json");
	db_done(st);
	return list;
}

enum db_status db_read_one(db *d, arena *a, sqlite3_stmt *st, db_row_fn row, void *out, const char *context)
{
	int rc = sqlite3_step(st);
	enum db_status s = DB_NOT_FOUND;
	if (rc == SQLITE_ROW) {
		row(a, st, out);
		s = DB_OK;
	} else if (rc != SQLITE_DONE) {
		s = db_status_of(d, rc, context);
	}
	db_done(st);
	return s;
}

enum db_status db_read_ints(db *d, sqlite3_stmt *st, int64_t *out, int n, const char *context)
{
	int rc = sqlite3_step(st);
	enum db_status s = DB_NOT_FOUND;
	if (rc == SQLITE_ROW) {
		for (int i = 0; i < n; i++)
			out[i] = sqlite3_column_int64(st, i);
		s = DB_OK;
	} else if (rc != SQLITE_DONE) {
		s = db_status_of(d, rc, context);
	}
	db_done(st);
	return s;
}

enum db_status db_read_all(db *d, arena *a, sqlite3_stmt *st, db_row_fn row, size_t size, void **out,
                           size_t *n, const char *context)
{
	size_t cap = 0;
	int rc;
	*out = NULL;
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*out = arena_grow(a, *out, *n, &cap, size);
		row(a, st, (char *)*out + *n * size);
		(*n)++;
	}
	enum db_status s = rc == SQLITE_DONE ? DB_OK : db_status_of(d, rc, context);
	db_done(st);
	return s;
}

json_t *db_row_json(sqlite3_stmt *st)
{
	json_t *o = json_object();
	int n = sqlite3_column_count(st);
	for (int i = 0; i < n; i++) {
		const char *name = sqlite3_column_name(st, i);
		switch (sqlite3_column_type(st, i)) {
		case SQLITE_NULL:
			break;
		case SQLITE_INTEGER:
			if (strcmp(name, "actief") == 0)
				json_object_set_new(o, name, json_boolean(sqlite3_column_int(st, i)));
			else
				json_object_set_new(o, name, json_integer(sqlite3_column_int64(st, i)));
			break;
		default:
			json_object_set_new(o, name, json_string(db_col_text(st, i)));
			break;
		}
	}
	return o;
}

json_t *db_all_rows_json(db *d, sqlite3_stmt *st, const char *context)
{
	json_t *list = json_array();
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		json_array_append_new(list, db_row_json(st));
	if (rc != SQLITE_DONE)
		db_status_of(d, rc, context);
	db_done(st);
	return list;
}

json_t *db_all_rows_or_null(db *d, sqlite3_stmt *st, const char *context)
{
	json_t *list = json_array();
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		json_array_append_new(list, db_row_json(st));
	db_done(st);
	if (rc != SQLITE_DONE) {
		db_status_of(d, rc, context);
		json_decref(list);
		return NULL;
	}
	return list;
}

enum db_status db_one_row_json(db *d, sqlite3_stmt *st, json_t **out, const char *context)
{
	*out = NULL;
	int rc = sqlite3_step(st);
	enum db_status s = DB_NOT_FOUND;
	if (rc == SQLITE_ROW) {
		*out = db_row_json(st);
		s = DB_OK;
	} else if (rc != SQLITE_DONE) {
		s = db_status_of(d, rc, context);
	}
	db_done(st);
	return s;
}

enum db_status db_exec_changed(db *d, sqlite3_stmt *st, const char *context)
{
	enum db_status s = db_exec_stmt(d, st, context);
	if (s == DB_OK && sqlite3_changes(db_sqlite(d)) == 0)
		return DB_NOT_FOUND;
	return s;
}

enum db_status db_exec_insert(db *d, sqlite3_stmt *st, int64_t *id_out, const char *context)
{
	enum db_status s = db_exec_stmt(d, st, context);
	if (s == DB_OK && id_out)
		*id_out = sqlite3_last_insert_rowid(db_sqlite(d));
	return s;
}

static const char SQL_STAT_VERSION[] = "SELECT n FROM statistiek_versie WHERE singleton = 1";

enum db_status db_stat_version(db *d, int64_t *version)
{
	sqlite3_stmt *st = db_stmt(d, SQL_STAT_VERSION);
	return st ? db_read_ints(d, st, version, 1, "statistiek versie") : DB_ERROR;
}
