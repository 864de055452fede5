/* koppeling.c - data access for koppelingen and their API bearer tokens. */
#include "db_koppeling.h"

#include "audit.h"
#include "db_medewerker.h"

/* A koppeling has no password: "!" is no Argon2id hash, so nothing ever
 * verifies against it, and the sign-in lookup skips koppelingen anyway.
 * The username takes a ':' that FIELD_USERNAME refuses, so it can never
 * clash with a person's. */
static const char SQL_INSERT[] =
	"INSERT INTO medewerker(username, name, roles, team_id, password_hash, must_change_password, active,"
	" created_at, soort, updated_by, updated_at)"
	" VALUES ('koppeling:' || (SELECT coalesce(max(id), 0) + 1 FROM medewerker), ?1, ?2, ?3, '!', 0, 1,"
	" ?4, 'koppeling', ?5, ?4)";

enum db_status db_koppeling_insert(db *d, const char *name, unsigned roles, int64_t team_id, int64_t by,
                                   int64_t *id_out)
{
	if (roles == 0 || (roles & ~(unsigned)KOPPELING_ROLES) != 0)
		return DB_CONSTRAINT;
	sqlite3_stmt *st = db_stmt(d, SQL_INSERT);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 2, (int)roles);
	db_bind_opt_id(st, 3, team_id);
	sqlite3_bind_int64(st, 4, now_unix());
	db_bind_opt_id(st, 5, by);
	return db_exec_insert(d, st, id_out, "koppeling insert");
}

static const char SQL_LIST[] =
	"SELECT m.id, m.name, m.roles, t.name, m.active,"
	" (SELECT count(*) FROM api_token k WHERE k.medewerker_id = m.id AND k.revoked_at IS NULL"
	"   AND k.expires_at > ?1)"
	" FROM medewerker m LEFT JOIN team t ON t.id = m.team_id WHERE m.soort = 'koppeling'"
	" ORDER BY m.active DESC, m.name COLLATE NOCASE, m.id";

json_t *db_koppeling_list(db *d, int64_t now)
{
	json_t *list = json_array();
	sqlite3_stmt *st = db_stmt(d, SQL_LIST);
	if (!st)
		return list;
	sqlite3_bind_int64(st, 1, now);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		json_t *o = json_pack("{s:I, s:s, s:i, s:b, s:I}", "id", (json_int_t)sqlite3_column_int64(st, 0),
		                      "name", db_col_text(st, 1), "roles", sqlite3_column_int(st, 2),
		                      "active", sqlite3_column_int(st, 4) != 0,
		                      "tokens_open", (json_int_t)sqlite3_column_int64(st, 5));
		if (db_col_text(st, 3))
			json_object_set_new(o, "team", json_string(db_col_text(st, 3)));
		json_array_append_new(list, o);
	}
	if (rc != SQLITE_DONE)
		db_status_of(d, rc, "koppeling list");
	db_done(st);
	return list;
}

static const char SQL_ACTIVE[] =
	"SELECT id, name FROM medewerker WHERE soort = 'koppeling' AND active = 1 ORDER BY name COLLATE NOCASE, id";

json_t *db_koppeling_active(db *d)
{
	static const struct db_json_col cols[] = {{"id", DBJ_INT}, {"name", DBJ_TEXT}};
	return db_rows_json(d, db_stmt(d, SQL_ACTIVE), cols, ARRAY_LEN(cols));
}

static const char SQL_CHECK_ACTIVE[] =
	"SELECT 1 FROM medewerker WHERE id = ? AND soort = 'koppeling' AND active = 1";

enum db_status db_koppeling_check_active(db *d, int64_t id)
{
	sqlite3_stmt *st = db_stmt(d, SQL_CHECK_ACTIVE);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	enum db_status s = rc == SQLITE_ROW ? DB_OK : rc == SQLITE_DONE ? DB_NOT_FOUND
	                 : db_status_of(d, rc, "koppeling check");
	db_done(st);
	return s;
}

static const char SQL_NAME_TAKEN[] =
	"SELECT 1 FROM medewerker WHERE soort = 'koppeling' AND name = ? COLLATE NOCASE";

enum db_status db_koppeling_name_taken(db *d, const char *name, bool *taken)
{
	*taken = false;
	sqlite3_stmt *st = db_stmt(d, SQL_NAME_TAKEN);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st);
	enum db_status s = rc == SQLITE_ROW || rc == SQLITE_DONE ? DB_OK : db_status_of(d, rc, "koppeling name");
	*taken = rc == SQLITE_ROW;
	db_done(st);
	return s;
}

static const char SQL_DEACTIVATE[] =
	"UPDATE medewerker SET active = 0, version = version + 1, updated_by = ?2, updated_at = ?3"
	" WHERE id = ?1 AND soort = 'koppeling' AND active = 1";
static const char SQL_REVOKE_FOR[] =
	"UPDATE api_token SET revoked_at = ?2, revoked_reason = 'koppeling gedeactiveerd'"
	" WHERE medewerker_id = ?1 AND revoked_at IS NULL";

enum db_status db_koppeling_deactivate(db *d, int64_t id, int64_t by, int64_t now, int64_t *revoked)
{
	*revoked = 0;
	sqlite3_stmt *st = db_stmt(d, SQL_DEACTIVATE);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, by);
	sqlite3_bind_int64(st, 3, now);
	enum db_status s = db_exec_changed(d, st, "koppeling deactivate");
	if (s != DB_OK)
		return s;
	st = db_stmt(d, SQL_REVOKE_FOR);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, now);
	s = db_exec_stmt(d, st, "koppeling tokens revoke");
	if (s == DB_OK)
		*revoked = sqlite3_changes(db_sqlite(d));
	return s;
}

/* ---- API bearer tokens ------------------------------------------------------ */

static const char SQL_TOKEN_FIND[] =
	"SELECT t.id, t.expires_at, m.id, m.username, m.name, m.roles, coalesce(m.team_id, 0)"
	" FROM api_token t JOIN medewerker m ON m.id = t.medewerker_id"
	" WHERE t.token_hash = ? AND t.revoked_at IS NULL AND m.active = 1 AND m.soort = 'koppeling'";

enum db_status db_api_token_find(db *d, arena *a, const unsigned char hash[32], int64_t now, struct user *u,
                                 int64_t *token_id, enum db_token_state *state)
{
	*state = TOKEN_UNKNOWN;
	*token_id = 0;
	sqlite3_stmt *st = db_stmt(d, SQL_TOKEN_FIND);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_blob(st, 1, hash, 32, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	enum db_status status = DB_NOT_FOUND;
	if (rc == SQLITE_ROW) {
		*token_id = sqlite3_column_int64(st, 0);
		if (now >= sqlite3_column_int64(st, 1)) {
			*state = TOKEN_EXPIRED;
		} else {
			*state = TOKEN_VALID;
			db_user_from_row(a, st, 2, u);
			u->must_change_password = false;
		}
		status = DB_OK;
	} else if (rc != SQLITE_DONE) {
		status = db_status_of(d, rc, "api token find");
	}
	db_done(st);
	return status;
}

static const char SQL_TOKEN_INSERT[] =
	"INSERT INTO api_token(token_hash, medewerker_id, name, created_by, created_at, expires_at)"
	" VALUES (?,?,?,?,?,?)";

enum db_status db_api_token_insert(db *d, const unsigned char hash[32], int64_t koppeling_id,
                                   const char *name, int64_t created_by, int64_t expires_at, int64_t *id_out)
{
	sqlite3_stmt *st = db_stmt(d, SQL_TOKEN_INSERT);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_blob(st, 1, hash, 32, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, koppeling_id);
	sqlite3_bind_text(st, 3, name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, created_by);
	sqlite3_bind_int64(st, 5, now_unix());
	sqlite3_bind_int64(st, 6, expires_at);
	return db_exec_insert(d, st, id_out, "api token insert");
}

static const char SQL_TOKEN_REVOKE[] =
	"UPDATE api_token SET revoked_at = ?1, revoked_reason = 'ingetrokken door de beheerder'"
	" WHERE id = ?2 AND revoked_at IS NULL";

enum db_status db_api_token_revoke(db *d, int64_t id, int64_t now)
{
	sqlite3_stmt *st = db_stmt(d, SQL_TOKEN_REVOKE);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, now);
	sqlite3_bind_int64(st, 2, id);
	return db_exec_changed(d, st, "api token revoke");
}

static const char SQL_TOKEN_LIST[] =
	"SELECT t.id, t.name, m.name, m.id, t.created_at, t.expires_at, t.revoked_at, t.revoked_reason,"
	" m.soort = 'koppeling'"
	" FROM api_token t JOIN medewerker m ON m.id = t.medewerker_id ORDER BY t.id DESC";

json_t *db_api_token_list(db *d)
{
	json_t *list = json_array();
	sqlite3_stmt *st = db_stmt(d, SQL_TOKEN_LIST);
	if (!st)
		return list;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		json_t *o = json_pack("{s:I, s:s, s:s, s:I, s:I, s:I, s:b}",
		                      "id", (json_int_t)sqlite3_column_int64(st, 0), "name", db_col_text(st, 1),
		                      "koppeling", db_col_text(st, 2), "koppeling_id", (json_int_t)sqlite3_column_int64(st, 3),
		                      "created_at", (json_int_t)sqlite3_column_int64(st, 4),
		                      "expires_at", (json_int_t)sqlite3_column_int64(st, 5),
		                      "of_koppeling", sqlite3_column_int(st, 8) != 0);
		if (sqlite3_column_type(st, 6) != SQLITE_NULL)
			json_object_set_new(o, "revoked_at", json_integer(sqlite3_column_int64(st, 6)));
		if (db_col_text(st, 7))
			json_object_set_new(o, "revoked_reason", json_string(db_col_text(st, 7)));
		json_array_append_new(list, o);
	}
	if (rc != SQLITE_DONE)
		db_status_of(d, rc, "api token list");
	db_done(st);
	return list;
}

static const char SQL_PENDING[] =
	"SELECT id, revoked_reason FROM api_token WHERE audit_pending = 1 ORDER BY id";
static const char SQL_PENDING_DONE[] = "UPDATE api_token SET audit_pending = 0 WHERE id = ?";

enum db_status db_api_token_audit_pending(db *d, int64_t *n)
{
	*n = 0;
	if (db_begin(d) != 0)
		return DB_ERROR;
	enum db_status s = DB_OK;
	for (;;) {
		/* One at a time: the statement is reset before the writes. */
		sqlite3_stmt *st = db_stmt(d, SQL_PENDING);
		if (!st) {
			s = DB_ERROR;
			break;
		}
		int rc = sqlite3_step(st);
		if (rc != SQLITE_ROW) {
			if (rc != SQLITE_DONE)
				s = db_status_of(d, rc, "api token pending");
			db_done(st);
			break;
		}
		int64_t id = sqlite3_column_int64(st, 0);
		char reason[200];
		snprintf(reason, sizeof reason, "%s", db_col_text(st, 1) ? db_col_text(st, 1) : "migratie");
		db_done(st);
		struct audit_entry e = {.action = "api_token.revoke", .object_type = "api_token", .object_id = id,
		                        .reason = reason};
		if (audit_append(d, &e) != DB_OK) {
			s = DB_ERROR;
			break;
		}
		st = db_stmt(d, SQL_PENDING_DONE);
		if (!st) {
			s = DB_ERROR;
			break;
		}
		sqlite3_bind_int64(st, 1, id);
		if ((s = db_exec_changed(d, st, "api token pending done")) != DB_OK)
			break;
		(*n)++;
	}
	if (s != DB_OK || db_commit(d) != 0) {
		db_rollback(d);
		return DB_ERROR;
	}
	return DB_OK;
}
