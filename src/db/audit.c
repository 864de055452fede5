/* audit.c - append and verify the hash-chained audit log (keyed MACs from
 * migration 0012; the key ring is in audit_key.c). */
#include "audit.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "http.h"
#include "util.h"

enum { HASH_BYTES = 32 };

/* The row is hashed as a sequence of fields, each tagged and length
 * prefixed, so that moving bytes from one field to the next changes the
 * hash. */
static void hash_field(crypto_generichash_state *h, const void *p, size_t n, bool present)
{
	unsigned char hdr[9];
	hdr[0] = present ? 1 : 0;
	uint64_t len = present ? n : 0;
	for (int i = 0; i < 8; i++)
		hdr[1 + i] = (unsigned char)(len >> (8 * i));
	crypto_generichash_update(h, hdr, sizeof hdr);
	if (present && n)
		crypto_generichash_update(h, p, n);
}

static void hash_int(crypto_generichash_state *h, int64_t v, bool present)
{
	unsigned char b[8];
	for (int i = 0; i < 8; i++)
		b[i] = (unsigned char)((uint64_t)v >> (8 * i));
	hash_field(h, b, 8, present);
}

static void hash_text(crypto_generichash_state *h, const char *s)
{
	hash_field(h, s, s ? strlen(s) : 0, s != NULL);
}

struct audit_row {
	int64_t id, at;
	int64_t medewerker_id, object_id, huishouden_id; /* 0 = NULL */
	const char *action, *object_type, *reason, *client_addr;
	int64_t key_version, token_id; /* token_id 0 = NULL */
	const unsigned char *prev_hash;
};

/* Version 0 is the unkeyed BLAKE2b of the rows from before migration 0012,
 * exactly as it was; a keyed row is a BLAKE2b MAC (key of its version)
 * that also covers its key version and API token. */
static void row_hash(const struct audit_row *row, const unsigned char *key, unsigned char out[HASH_BYTES])
{
	crypto_generichash_state h;
	crypto_generichash_init(&h, key, key ? AUDIT_KEY_BYTES : 0, HASH_BYTES);
	hash_int(&h, row->id, true);
	hash_int(&h, row->at, true);
	hash_int(&h, row->medewerker_id, row->medewerker_id != 0);
	hash_text(&h, row->action);
	hash_text(&h, row->object_type);
	hash_int(&h, row->object_id, row->object_id != 0);
	hash_int(&h, row->huishouden_id, row->huishouden_id != 0);
	hash_text(&h, row->reason);
	hash_text(&h, row->client_addr);
	if (key) {
		hash_int(&h, row->key_version, true);
		hash_int(&h, row->token_id, row->token_id != 0);
	}
	hash_field(&h, row->prev_hash, HASH_BYTES, true);
	crypto_generichash_final(&h, out, HASH_BYTES);
}

/* The key of version v in kr, NULL for 0 (or a version kr lacks). */
static const unsigned char *key_of(const struct audit_keyring *kr, int64_t v)
{
	if (v <= 0 || !kr || v > kr->n)
		return NULL;
	return kr->keys[v - 1].mac;
}

static _Thread_local int64_t request_token;

void audit_set_request_token(int64_t token_id)
{
	request_token = token_id;
}

static const char SQL_HEAD[] = "SELECT last_id, last_hash FROM audit_head WHERE singleton = 1";
static const char SQL_INSERT[] =
	"INSERT INTO audit(id, at, medewerker_id, action, object_type, object_id, huishouden_id,"
	" reason, client_addr, prev_hash, hash, key_version, token_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)";
static const char SQL_SET_HEAD[] =
	"INSERT INTO audit_head(singleton, last_id, last_hash) VALUES (1, ?, ?)"
	" ON CONFLICT(singleton) DO UPDATE SET last_id = excluded.last_id, last_hash = excluded.last_hash";

enum db_status audit_append(db *d, const struct audit_entry *e)
{
	return audit_append_at(d, e, now_unix());
}

enum db_status audit_append_at(db *d, const struct audit_entry *e, int64_t at)
{
	const struct audit_keyring *kr = audit_keys();
	if (!kr) {
		log_error("auditregel zonder geladen sleutelbestand geweigerd");
		return DB_ERROR;
	}
	sqlite3_stmt *st = db_stmt(d, SQL_HEAD);
	if (!st)
		return DB_ERROR;
	unsigned char prev[HASH_BYTES] = {0};
	int64_t last_id = 0;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		last_id = sqlite3_column_int64(st, 0);
		if (sqlite3_column_bytes(st, 1) == HASH_BYTES)
			memcpy(prev, sqlite3_column_blob(st, 1), HASH_BYTES);
	}
	db_done(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_status_of(d, rc, "audit head");

	struct audit_row row = {
		.id = last_id + 1, .at = at,
		.medewerker_id = e->medewerker_id, .object_id = e->object_id,
		.huishouden_id = e->huishouden_id, .action = e->action,
		.object_type = e->object_type, .reason = e->reason,
		.client_addr = e->client_addr, .prev_hash = prev,
	};
	row.key_version = audit_keyring_version_for(kr, row.id);
	/* Unkeyed rows (before the first key's row) have no token column in
	 * their hash, so they carry none. */
	if (row.key_version > 0)
		row.token_id = e->token_id ? e->token_id : request_token;
	unsigned char hash[HASH_BYTES];
	row_hash(&row, key_of(kr, row.key_version), hash);

	st = db_stmt(d, SQL_INSERT);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, row.id);
	sqlite3_bind_int64(st, 2, row.at);
	db_bind_opt_id(st, 3, row.medewerker_id);
	sqlite3_bind_text(st, 4, row.action, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, row.object_type, -1, SQLITE_STATIC);
	db_bind_opt_id(st, 6, row.object_id);
	db_bind_opt_id(st, 7, row.huishouden_id);
	sqlite3_bind_text(st, 8, row.reason, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 9, row.client_addr, -1, SQLITE_STATIC);
	sqlite3_bind_blob(st, 10, prev, HASH_BYTES, SQLITE_STATIC);
	sqlite3_bind_blob(st, 11, hash, HASH_BYTES, SQLITE_STATIC);
	sqlite3_bind_int64(st, 12, row.key_version);
	db_bind_opt_id(st, 13, row.token_id);
	enum db_status s = db_exec_stmt(d, st, "audit insert");
	if (s != DB_OK)
		return s;

	st = db_stmt(d, SQL_SET_HEAD);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, row.id);
	sqlite3_bind_blob(st, 2, hash, HASH_BYTES, SQLITE_STATIC);
	return db_exec_stmt(d, st, "audit head update");
}

/* Verification reads with plain sqlite3 calls: it runs from the command
 * line as well, on a connection that is not a worker's.  A database from
 * before migration 0012 (read-only, not migrated) has no key_version and
 * token_id columns: its rows read as unkeyed. */
static const char SQL_VERIFY[] =
	"SELECT id, at, medewerker_id, action, object_type, object_id, huishouden_id,"
	" reason, client_addr, prev_hash, hash, key_version, token_id FROM audit";
static const char SQL_VERIFY_OLD[] =
	"SELECT id, at, medewerker_id, action, object_type, object_id, huishouden_id,"
	" reason, client_addr, prev_hash, hash, 0, NULL FROM audit";

static sqlite3_stmt *prepare_rows(sqlite3 *conn, const char *where)
{
	sqlite3_stmt *st = NULL;
	char *sql = xasprintf("%s %s", SQL_VERIFY, where);
	if (sqlite3_prepare_v2(conn, sql, -1, &st, NULL) != SQLITE_OK) {
		free(sql);
		sql = xasprintf("%s %s", SQL_VERIFY_OLD, where);
		if (sqlite3_prepare_v2(conn, sql, -1, &st, NULL) != SQLITE_OK)
			st = NULL;
	}
	free(sql);
	return st;
}

static struct audit_row row_of(sqlite3_stmt *st)
{
	return (struct audit_row){
		.id = sqlite3_column_int64(st, 0), .at = sqlite3_column_int64(st, 1),
		.medewerker_id = sqlite3_column_int64(st, 2),
		.action = (const char *)sqlite3_column_text(st, 3),
		.object_type = (const char *)sqlite3_column_text(st, 4),
		.object_id = sqlite3_column_int64(st, 5),
		.huishouden_id = sqlite3_column_int64(st, 6),
		.reason = (const char *)sqlite3_column_text(st, 7),
		.client_addr = (const char *)sqlite3_column_text(st, 8),
		.key_version = sqlite3_column_int64(st, 11),
		.token_id = sqlite3_column_int64(st, 12),
		.prev_hash = sqlite3_column_blob(st, 9),
	};
}

/* Whether the row in st carries the key version kr assigns to it and its
 * stored hash is that version's hash; *problem says what is wrong. */
static bool row_verifies(sqlite3_stmt *st, const struct audit_keyring *kr, char *problem, size_t n)
{
	struct audit_row row = row_of(st);
	int64_t want = audit_keyring_version_for(kr, row.id);
	if (row.key_version != want) {
		if (want > 0 && row.key_version == 0)
			snprintf(problem, n, "rij %lld is zonder sleutel vastgelegd, maar hoort met sleutelversie %lld"
			         " (vervalst zonder de sleutel?)", (long long)row.id, (long long)want);
		else
			snprintf(problem, n, "rij %lld draagt sleutelversie %lld, maar het sleutelbestand verwacht %lld"
			         " (ander of ontbrekend sleutelbestand?)", (long long)row.id,
			         (long long)row.key_version, (long long)want);
		return false;
	}
	const unsigned char *stored = sqlite3_column_blob(st, 10);
	int stored_len = sqlite3_column_bytes(st, 10);
	unsigned char h[HASH_BYTES];
	row_hash(&row, key_of(kr, row.key_version), h);
	/* An unkeyed row has no token in its hash: one set later is a change. */
	if (stored_len != HASH_BYTES || memcmp(h, stored, HASH_BYTES) != 0 ||
	    (row.key_version == 0 && row.token_id != 0)) {
		snprintf(problem, n, "rij %lld is gewijzigd", (long long)row.id);
		return false;
	}
	return true;
}

int audit_verify_newest(sqlite3 *conn, const struct audit_keyring *kr, int64_t *last_id, bool *ok,
                        char *problem, size_t n)
{
	*ok = true;
	*last_id = 0;
	problem[0] = '\0';
	sqlite3_stmt *st = prepare_rows(conn, "ORDER BY id DESC LIMIT 1");
	if (!st)
		return -1;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*last_id = sqlite3_column_int64(st, 0);
		*ok = sqlite3_column_bytes(st, 9) == HASH_BYTES && row_verifies(st, kr, problem, n);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

int audit_verify(sqlite3 *conn, const struct audit_keyring *kr, struct audit_check *out)
{
	memset(out, 0, sizeof *out);
	out->ok = true;
	sqlite3_stmt *st = prepare_rows(conn, "ORDER BY id");
	if (!st)
		return -1;
	unsigned char expect_prev[HASH_BYTES] = {0};
	int64_t expect_id = 1;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		const unsigned char *prev = sqlite3_column_blob(st, 9);
		int prev_len = sqlite3_column_bytes(st, 9);
		out->rows++;
		if (id != expect_id) {
			out->ok = false;
			out->first_bad_id = id < expect_id ? id : expect_id;
			snprintf(out->problem, sizeof out->problem,
			         id > expect_id ? "rij %lld ontbreekt (verwijderd)"
			                        : "rij %lld is onverwacht (ingevoegd)",
			         (long long)out->first_bad_id);
			break;
		}
		if (prev_len != HASH_BYTES || memcmp(prev, expect_prev, HASH_BYTES) != 0) {
			out->ok = false;
			out->first_bad_id = id;
			snprintf(out->problem, sizeof out->problem,
			         "rij %lld sluit niet aan op de vorige rij (ingevoegd of verwijderd)",
			         (long long)id);
			break;
		}
		if (!row_verifies(st, kr, out->problem, sizeof out->problem)) {
			out->ok = false;
			out->first_bad_id = id;
			break;
		}
		memcpy(expect_prev, sqlite3_column_blob(st, 10), HASH_BYTES);
		expect_id++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return -1;
	if (!out->ok)
		return 0;

	/* The head records the newest row: rows cut off the end show here. */
	if (sqlite3_prepare_v2(conn, "SELECT last_id, last_hash FROM audit_head", -1, &st, NULL) != SQLITE_OK)
		return -1;
	rc = sqlite3_step(st);
	bool have_head = rc == SQLITE_ROW;
	int64_t head_id = have_head ? sqlite3_column_int64(st, 0) : 0;
	bool head_hash_ok = have_head && sqlite3_column_bytes(st, 1) == HASH_BYTES &&
	                    memcmp(sqlite3_column_blob(st, 1), expect_prev, HASH_BYTES) == 0;
	sqlite3_finalize(st);
	int64_t last = expect_id - 1;
	if (!have_head && last == 0)
		return 0; /* empty log */
	if (have_head && head_id == last && head_hash_ok)
		return 0;
	out->ok = false;
	if (!have_head) {
		out->first_bad_id = 1;
		snprintf(out->problem, sizeof out->problem,
		         "de vastlegging van de laatste regel ontbreekt (verwijderd)");
	} else if (head_id > last) {
		out->first_bad_id = last + 1;
		snprintf(out->problem, sizeof out->problem, "rij %lld en later ontbreken (verwijderd)",
		         (long long)(last + 1));
	} else if (head_id < last) {
		out->first_bad_id = head_id + 1;
		snprintf(out->problem, sizeof out->problem,
		         "rij %lld en later zijn na de laatste bekende rij toegevoegd", (long long)(head_id + 1));
	} else {
		out->first_bad_id = last;
		snprintf(out->problem, sizeof out->problem,
		         "rij %lld of wat erna kwam is gewijzigd of verwijderd", (long long)last);
	}
	return 0;
}

static const char SQL_RECENT_LOGINS[] =
	"SELECT at, action, client_addr FROM audit"
	" WHERE medewerker_id = ? AND action IN ('login', 'login.failed')"
	" ORDER BY at DESC, id DESC LIMIT ?";

json_t *db_audit_recent_logins(db *d, int64_t medewerker_id, int limit)
{
	json_t *list = json_array();
	sqlite3_stmt *st = db_stmt(d, SQL_RECENT_LOGINS);
	if (!st)
		return list;
	sqlite3_bind_int64(st, 1, medewerker_id);
	sqlite3_bind_int(st, 2, limit);
	while (sqlite3_step(st) == SQLITE_ROW) {
		json_t *o = json_object();
		json_object_set_new(o, "at", json_integer(sqlite3_column_int64(st, 0)));
		json_object_set_new(o, "action", json_string(db_col_text(st, 1)));
		json_object_set_new(o, "client_addr", json_string(db_col_text(st, 2) ? db_col_text(st, 2) : ""));
		json_array_append_new(list, o);
	}
	db_done(st);
	return list;
}

static const char SQL_PAGE[] =
	"SELECT a.id, a.at, m.name, a.action, a.object_type, a.object_id, a.huishouden_id,"
	" a.reason, a.client_addr, a.token_id FROM audit a LEFT JOIN medewerker m ON m.id = a.medewerker_id"
	" ORDER BY a.id DESC LIMIT ? OFFSET ?";

static void set_opt_text(json_t *o, const char *key, const char *v)
{
	if (v)
		json_object_set_new(o, key, json_string(v));
}

json_t *db_audit_page(db *d, int64_t offset, int limit)
{
	json_t *list = json_array();
	sqlite3_stmt *st = db_stmt(d, SQL_PAGE);
	if (!st)
		return list;
	sqlite3_bind_int(st, 1, limit);
	sqlite3_bind_int64(st, 2, offset);
	while (sqlite3_step(st) == SQLITE_ROW) {
		json_t *o = json_object();
		json_object_set_new(o, "id", json_integer(sqlite3_column_int64(st, 0)));
		json_object_set_new(o, "at", json_integer(sqlite3_column_int64(st, 1)));
		set_opt_text(o, "who", db_col_text(st, 2));
		set_opt_text(o, "action", db_col_text(st, 3));
		set_opt_text(o, "object_type", db_col_text(st, 4));
		if (sqlite3_column_type(st, 5) != SQLITE_NULL)
			json_object_set_new(o, "object_id", json_integer(sqlite3_column_int64(st, 5)));
		if (sqlite3_column_type(st, 6) != SQLITE_NULL)
			json_object_set_new(o, "huishouden_id", json_integer(sqlite3_column_int64(st, 6)));
		set_opt_text(o, "reason", db_col_text(st, 7));
		set_opt_text(o, "client_addr", db_col_text(st, 8));
		if (sqlite3_column_type(st, 9) != SQLITE_NULL)
			json_object_set_new(o, "token_id", json_integer(sqlite3_column_int64(st, 9)));
		json_array_append_new(list, o);
	}
	db_done(st);
	return list;
}

/* ---- search ---------------------------------------------------------------- */

/* One statement per leading filter, so each reads its own index: an
 * employee (audit_medewerker), a household (audit_huishouden), a person
 * (audit_persoon and audit_huishouden, as a union of both), or only the
 * period (audit_at).  The other filters apply to the rows found. */
#define SEARCH_SELECT                                                                              \
	"SELECT a.id, a.at, a.medewerker_id, m.name, a.action, a.object_type, a.object_id,"            \
	" a.huishouden_id, a.reason, a.client_addr, a.token_id FROM audit a"                                       \
	" LEFT JOIN medewerker m ON m.id = a.medewerker_id WHERE "
#define SEARCH_REST                                                                                \
	" a.at >= ?5 AND a.at < ?6 AND (?1 = 0 OR a.medewerker_id = ?1)"                               \
	" AND (?2 = 0 OR a.huishouden_id = ?2)"                                                        \
	" AND (?3 = 0 OR (a.object_type = 'persoon' AND a.object_id = ?3) OR a.huishouden_id = ?4)"    \
	" ORDER BY a.at, a.id LIMIT ?7 OFFSET ?8"

static const char SQL_SEARCH_MEDEWERKER[] = SEARCH_SELECT "a.medewerker_id = ?1 AND" SEARCH_REST;
static const char SQL_SEARCH_HUISHOUDEN[] = SEARCH_SELECT "a.huishouden_id = ?2 AND" SEARCH_REST;
static const char SQL_SEARCH_PERSOON[] =
	SEARCH_SELECT "((a.object_type = 'persoon' AND a.object_id = ?3 AND a.at >= ?5 AND a.at < ?6)"
	" OR (a.huishouden_id = ?4 AND a.at >= ?5 AND a.at < ?6)) AND" SEARCH_REST;
static const char SQL_SEARCH_PERIOD[] = SEARCH_SELECT SEARCH_REST;

json_t *db_audit_search(db *d, const struct audit_filter *f, int64_t offset, int limit)
{
	const char *sql = f->medewerker_id ? SQL_SEARCH_MEDEWERKER
	                : f->huishouden_id ? SQL_SEARCH_HUISHOUDEN
	                : f->persoon_id    ? SQL_SEARCH_PERSOON
	                                   : SQL_SEARCH_PERIOD;
	sqlite3_stmt *st = db_stmt(d, sql);
	if (!st)
		return NULL;
	sqlite3_bind_int64(st, 1, f->medewerker_id);
	sqlite3_bind_int64(st, 2, f->huishouden_id);
	sqlite3_bind_int64(st, 3, f->persoon_id);
	/* -1 matches no row: a person filter without a household still
	 * finds the rows about the person. */
	sqlite3_bind_int64(st, 4, f->persoon_huishouden_id ? f->persoon_huishouden_id : -1);
	sqlite3_bind_int64(st, 5, f->from);
	sqlite3_bind_int64(st, 6, f->to ? f->to : INT64_MAX);
	sqlite3_bind_int(st, 7, limit);
	sqlite3_bind_int64(st, 8, offset);
	json_t *list = json_array();
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		json_t *o = json_object();
		json_object_set_new(o, "id", json_integer(sqlite3_column_int64(st, 0)));
		json_object_set_new(o, "at", json_integer(sqlite3_column_int64(st, 1)));
		if (sqlite3_column_type(st, 2) != SQLITE_NULL)
			json_object_set_new(o, "medewerker_id", json_integer(sqlite3_column_int64(st, 2)));
		set_opt_text(o, "who", db_col_text(st, 3));
		set_opt_text(o, "action", db_col_text(st, 4));
		set_opt_text(o, "object_type", db_col_text(st, 5));
		if (sqlite3_column_type(st, 6) != SQLITE_NULL)
			json_object_set_new(o, "object_id", json_integer(sqlite3_column_int64(st, 6)));
		if (sqlite3_column_type(st, 7) != SQLITE_NULL)
			json_object_set_new(o, "huishouden_id", json_integer(sqlite3_column_int64(st, 7)));
		set_opt_text(o, "reason", db_col_text(st, 8));
		set_opt_text(o, "client_addr", db_col_text(st, 9));
		if (sqlite3_column_type(st, 10) != SQLITE_NULL)
			json_object_set_new(o, "token_id", json_integer(sqlite3_column_int64(st, 10)));
		json_array_append_new(list, o);
	}
	db_done(st);
	if (rc != SQLITE_DONE) {
		db_status_of(d, rc, "audit search");
		json_decref(list);
		return NULL;
	}
	return list;
}

static const char SQL_ROLE_GRANTS[] =
	"SELECT a.at, g.name, t.name, t.username, a.reason, a.client_addr FROM audit a"
	" LEFT JOIN medewerker g ON g.id = a.medewerker_id LEFT JOIN medewerker t ON t.id = a.object_id"
	" WHERE a.action = 'medewerker.rol_toegekend' ORDER BY a.id DESC LIMIT ?";

json_t *db_audit_role_grants(db *d, int limit)
{
	sqlite3_stmt *st = db_stmt(d, SQL_ROLE_GRANTS);
	if (!st)
		return NULL;
	sqlite3_bind_int(st, 1, limit);
	json_t *list = json_array();
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		json_t *o = json_object();
		json_object_set_new(o, "at", json_integer(sqlite3_column_int64(st, 0)));
		set_opt_text(o, "by", db_col_text(st, 1));
		set_opt_text(o, "to", db_col_text(st, 2));
		set_opt_text(o, "to_username", db_col_text(st, 3));
		set_opt_text(o, "role", db_col_text(st, 4));
		set_opt_text(o, "client_addr", db_col_text(st, 5));
		json_array_append_new(list, o);
	}
	if (rc != SQLITE_DONE) {
		db_status_of(d, rc, "audit role grants");
		json_decref(list);
		list = NULL;
	}
	db_done(st);
	return list;
}
