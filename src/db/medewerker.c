/* medewerker.c - data access for employees and their reference lists. */
#include "db_medewerker.h"

#include <string.h>

#include "audit.h"
#include "auth.h"

static const char SQL_CREDENTIALS[] =
	"SELECT m.id, m.username, m.name, m.email, m.roles, coalesce(m.team_id, 0), t.name,"
	" m.must_change_password, m.active, m.created_at, m.password_hash, m.version, NULL, NULL, 0, 0"
	" FROM medewerker m LEFT JOIN team t ON t.id = m.team_id WHERE m.username = ? AND m.soort = 'persoon'";
static const char SQL_GET[] =
	"SELECT m.id, m.username, m.name, m.email, m.roles, coalesce(m.team_id, 0), t.name,"
	" m.must_change_password, m.active, m.created_at, NULL, m.version,"
	" (SELECT group_concat(name, ', ') FROM (SELECT e.name FROM medewerker_expertise me"
	"   JOIN expertise e ON e.id = me.expertise_id WHERE me.medewerker_id = m.id ORDER BY e.name COLLATE NOCASE)),"
	" u.name, coalesce(m.updated_at, 0), m.soort = 'koppeling'"
	" FROM medewerker m LEFT JOIN team t ON t.id = m.team_id LEFT JOIN medewerker u ON u.id = m.updated_by"
	" WHERE m.id = ?";

static enum db_status read_one(db *d, arena *a, sqlite3_stmt *st, struct medewerker *out)
{
	int rc = sqlite3_step(st);
	enum db_status s = DB_NOT_FOUND;
	if (rc == SQLITE_ROW) {
		out->id = sqlite3_column_int64(st, 0);
		out->username = db_col_dup(a, st, 1);
		out->name = db_col_dup(a, st, 2);
		out->email = db_col_dup(a, st, 3);
		out->roles = (unsigned)sqlite3_column_int(st, 4);
		out->team_id = sqlite3_column_int64(st, 5);
		out->team_name = db_col_dup(a, st, 6);
		out->must_change_password = sqlite3_column_int(st, 7) != 0;
		out->active = sqlite3_column_int(st, 8) != 0;
		out->created_at = sqlite3_column_int64(st, 9);
		out->password_hash = db_col_dup(a, st, 10);
		out->version = sqlite3_column_int64(st, 11);
		out->expertises = db_col_dup(a, st, 12);
		out->updated_by = db_col_dup(a, st, 13);
		out->updated_at = sqlite3_column_int64(st, 14);
		out->koppeling = sqlite3_column_int(st, 15) != 0;
		s = DB_OK;
	} else if (rc != SQLITE_DONE) {
		s = db_status_of(d, rc, "medewerker lookup");
	}
	db_done(st);
	return s;
}

enum db_status db_medewerker_credentials(db *d, arena *a, const char *username, struct medewerker *out)
{
	sqlite3_stmt *st = db_stmt(d, SQL_CREDENTIALS);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_text(st, 1, username, -1, SQLITE_TRANSIENT);
	return read_one(d, a, st, out);
}

enum db_status db_medewerker_get(db *d, arena *a, int64_t id, struct medewerker *out)
{
	sqlite3_stmt *st = db_stmt(d, SQL_GET);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	return read_one(d, a, st, out);
}

static const char SQL_LIST[] =
	"SELECT m.id, m.username, m.name, m.email, m.roles, t.name, m.active"
	" FROM medewerker m LEFT JOIN team t ON t.id = m.team_id ORDER BY m.name COLLATE NOCASE, m.id";

/* The rows of SQL_LIST or SQL_LIST_FILTERED: the same columns, the
 * filtered list with the employee's expertises before active. */
static json_t *employee_rows(db *d, sqlite3_stmt *st, bool with_expertises, const char *context)
{
	json_t *list = json_array();
	int active_col = with_expertises ? 7 : 6;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		json_t *o = json_object();
		json_object_set_new(o, "id", json_integer(sqlite3_column_int64(st, 0)));
		json_object_set_new(o, "username", json_string(db_col_text(st, 1)));
		json_object_set_new(o, "name", json_string(db_col_text(st, 2)));
		if (db_col_text(st, 3))
			json_object_set_new(o, "email", json_string(db_col_text(st, 3)));
		json_object_set_new(o, "roles", json_integer(sqlite3_column_int(st, 4)));
		if (db_col_text(st, 5))
			json_object_set_new(o, "team", json_string(db_col_text(st, 5)));
		if (with_expertises && db_col_text(st, 6))
			json_object_set_new(o, "expertises", json_string(db_col_text(st, 6)));
		json_object_set_new(o, "active", json_boolean(sqlite3_column_int(st, active_col)));
		json_array_append_new(list, o);
	}
	if (rc != SQLITE_DONE)
		db_status_of(d, rc, context);
	db_done(st);
	return list;
}

json_t *db_medewerker_list(db *d)
{
	sqlite3_stmt *st = db_stmt(d, SQL_LIST);
	return st ? employee_rows(d, st, false, "medewerker list") : json_array();
}

static const char SQL_COUNT[] = "SELECT count(*) FROM medewerker";

int64_t db_medewerker_count(db *d)
{
	sqlite3_stmt *st = db_stmt(d, SQL_COUNT);
	if (!st)
		return -1;
	int64_t n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
	db_done(st);
	return n;
}

static const char SQL_INSERT[] =
	"INSERT INTO medewerker(username, name, email, roles, team_id, password_hash,"
	" must_change_password, active, created_at) VALUES (?,?,?,?,?,?,?,1,?)";

enum db_status db_medewerker_insert(db *d, const struct medewerker *m, const char *password_hash,
                                    int64_t *id_out)
{
	sqlite3_stmt *st = db_stmt(d, SQL_INSERT);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_text(st, 1, m->username, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, m->name, -1, SQLITE_TRANSIENT);
	if (m->email && *m->email)
		sqlite3_bind_text(st, 3, m->email, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 4, (int)m->roles);
	if (m->team_id)
		sqlite3_bind_int64(st, 5, m->team_id);
	sqlite3_bind_text(st, 6, password_hash, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 7, m->must_change_password);
	sqlite3_bind_int64(st, 8, now_unix());
	return db_exec_insert(d, st, id_out, "medewerker insert");
}

static const char SQL_SET_ACTIVE[] =
	"UPDATE medewerker SET active = ?1, version = version + 1, updated_by = ?3, updated_at = ?4"
	" WHERE id = ?2 AND soort = 'persoon'";

enum db_status db_medewerker_set_active(db *d, int64_t id, bool active, int64_t by)
{
	sqlite3_stmt *st = db_stmt(d, SQL_SET_ACTIVE);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int(st, 1, active);
	sqlite3_bind_int64(st, 2, id);
	sqlite3_bind_int64(st, 3, by);
	sqlite3_bind_int64(st, 4, now_unix());
	return db_exec_changed(d, st, "medewerker set active");
}

static const char SQL_SET_PASSWORD[] =
	"UPDATE medewerker SET password_hash = ?, must_change_password = ? WHERE id = ? AND soort = 'persoon'";

enum db_status db_medewerker_set_password(db *d, int64_t id, const char *password_hash,
                                          bool must_change)
{
	sqlite3_stmt *st = db_stmt(d, SQL_SET_PASSWORD);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_text(st, 1, password_hash, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 2, must_change);
	sqlite3_bind_int64(st, 3, id);
	return db_exec_changed(d, st, "medewerker set password");
}

static const char SQL_LIST_FILTERED[] =
	"SELECT m.id, m.username, m.name, m.email, m.roles, t.name,"
	" (SELECT group_concat(name, ', ') FROM (SELECT e.name FROM medewerker_expertise me"
	"   JOIN expertise e ON e.id = me.expertise_id WHERE me.medewerker_id = m.id ORDER BY e.name COLLATE NOCASE)),"
	" m.active"
	" FROM medewerker m LEFT JOIN team t ON t.id = m.team_id"
	" WHERE m.soort = 'persoon' AND (?1 = 0 OR m.team_id = ?1) AND (?2 < 0 OR m.active = ?2)"
	" ORDER BY m.name COLLATE NOCASE, m.id";

json_t *db_medewerker_list_filtered(db *d, int64_t team_id, int active)
{
	sqlite3_stmt *st = db_stmt(d, SQL_LIST_FILTERED);
	if (!st)
		return json_array();
	sqlite3_bind_int64(st, 1, team_id);
	sqlite3_bind_int(st, 2, active);
	return employee_rows(d, st, true, "medewerker list filtered");
}

static const char SQL_UPDATE[] =
	"UPDATE medewerker SET name = ?1, email = ?2, roles = ?3, team_id = ?4, version = version + 1,"
	" updated_by = ?5, updated_at = ?6 WHERE id = ?7 AND version = ?8 AND soort = 'persoon'";

enum db_status db_medewerker_update(db *d, int64_t id, int64_t expected_version, const struct medewerker *m,
                                    int64_t by)
{
	sqlite3_stmt *st = db_stmt(d, SQL_UPDATE);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_text(st, 1, m->name, -1, SQLITE_TRANSIENT);
	db_bind_opt_text(st, 2, m->email);
	sqlite3_bind_int(st, 3, (int)m->roles);
	db_bind_opt_id(st, 4, m->team_id);
	sqlite3_bind_int64(st, 5, by);
	sqlite3_bind_int64(st, 6, now_unix());
	sqlite3_bind_int64(st, 7, id);
	sqlite3_bind_int64(st, 8, expected_version);
	return db_exec_changed(d, st, "medewerker update");
}

static const char SQL_CLEAR_EXPERTISES[] = "DELETE FROM medewerker_expertise WHERE medewerker_id = ?";

enum db_status db_medewerker_set_expertises(db *d, int64_t id, const int64_t *ids, size_t n)
{
	sqlite3_stmt *st = db_stmt(d, SQL_CLEAR_EXPERTISES);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	enum db_status s = db_exec_stmt(d, st, "medewerker expertises clear");
	for (size_t i = 0; s == DB_OK && i < n; i++)
		s = db_medewerker_add_expertise(d, id, ids[i]);
	return s;
}

static const char SQL_EXPERTISE_IDS[] =
	"SELECT expertise_id FROM medewerker_expertise WHERE medewerker_id = ? ORDER BY expertise_id";

static void read_id(arena *a, sqlite3_stmt *st, void *out)
{
	(void)a;
	*(int64_t *)out = sqlite3_column_int64(st, 0);
}

enum db_status db_medewerker_expertise_ids(db *d, arena *a, int64_t id, int64_t **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = db_stmt(d, SQL_EXPERTISE_IDS);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	return db_read_all(d, a, st, read_id, sizeof **out, (void **)out, n, "medewerker expertise ids");
}

static const char SQL_EXPERTISES[] = "SELECT id, name FROM expertise ORDER BY name COLLATE NOCASE, id";

json_t *db_expertise_list(db *d)
{
	static const struct db_json_col cols[] = {{"id", DBJ_INT}, {"name", DBJ_TEXT}};
	return db_rows_json(d, db_stmt(d, SQL_EXPERTISES), cols, ARRAY_LEN(cols));
}

static const char SQL_OPEN_HOUSEHOLDS[] =
	"SELECT h.id, h.street || ' ' || h.house_number || coalesce(h.house_suffix, '') || ', ' || h.postcode"
	" || ' ' || h.city, h.status FROM huishouden h WHERE h.regisseur_id = ? AND h.status <> 'afgesloten'"
	" ORDER BY h.postcode, h.house_number, h.id";

json_t *db_medewerker_open_households(db *d, int64_t id)
{
	static const struct db_json_col cols[] = {{"id", DBJ_INT}, {"address", DBJ_TEXT}, {"status", DBJ_TEXT}};
	sqlite3_stmt *st = db_stmt(d, SQL_OPEN_HOUSEHOLDS);
	if (st)
		sqlite3_bind_int64(st, 1, id);
	return db_rows_json(d, st, cols, ARRAY_LEN(cols));
}

static const char SQL_TEAMS[] = "SELECT id, name FROM team ORDER BY name COLLATE NOCASE";

json_t *db_team_list(db *d)
{
	json_t *list = json_array();
	sqlite3_stmt *st = db_stmt(d, SQL_TEAMS);
	if (!st)
		return list;
	while (sqlite3_step(st) == SQLITE_ROW) {
		json_t *o = json_object();
		json_object_set_new(o, "id", json_integer(sqlite3_column_int64(st, 0)));
		json_object_set_new(o, "name", json_string(db_col_text(st, 1)));
		json_array_append_new(list, o);
	}
	db_done(st);
	return list;
}

json_t *db_team_options(db *d, int64_t chosen)
{
	json_t *teams = db_team_list(d);
	size_t i;
	json_t *t;
	json_array_foreach(teams, i, t)
		json_object_set_new(t, "selected", json_boolean(json_integer_value(json_object_get(t, "id")) == chosen));
	return teams;
}

enum db_status db_medewerker_audit_grants(db *d, int64_t by, int64_t id, unsigned before, unsigned after,
                                          const char *client_addr)
{
	unsigned granted = after & ~before & ROLES_AUDITED_GRANT;
	for (int i = 0; role_names[i]; i++) {
		if (!(granted & (1u << i)))
			continue;
		struct audit_entry e = {.medewerker_id = by, .action = "medewerker.rol_toegekend",
		                        .object_type = "medewerker", .object_id = id, .reason = role_labels[i],
		                        .client_addr = client_addr};
		if (audit_append(d, &e) != DB_OK)
			return DB_ERROR;
	}
	return DB_OK;
}

static const char SQL_TEAM_EXISTS[] = "SELECT 1 FROM team WHERE id = ?";

bool db_team_exists(db *d, int64_t id)
{
	sqlite3_stmt *st = db_stmt(d, SQL_TEAM_EXISTS);
	if (!st)
		return false;
	sqlite3_bind_int64(st, 1, id);
	bool found = sqlite3_step(st) == SQLITE_ROW;
	db_done(st);
	return found;
}

static enum db_status insert_named(db *d, const char *sql, const char *name, int64_t *id_out)
{
	sqlite3_stmt *st = db_stmt(d, sql);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
	return db_exec_insert(d, st, id_out, sql);
}

static const char SQL_TEAM_INSERT[] = "INSERT INTO team(name) VALUES (?)";
static const char SQL_GEBIED_INSERT[] = "INSERT INTO gebied(name) VALUES (?)";
static const char SQL_EXPERTISE_INSERT[] = "INSERT INTO expertise(name) VALUES (?)";
static const char SQL_ADD_EXPERTISE[] =
	"INSERT INTO medewerker_expertise(medewerker_id, expertise_id) VALUES (?, ?)";

enum db_status db_team_insert(db *d, const char *name, int64_t *id_out)
{
	return insert_named(d, SQL_TEAM_INSERT, name, id_out);
}

enum db_status db_gebied_insert(db *d, const char *name, int64_t *id_out)
{
	return insert_named(d, SQL_GEBIED_INSERT, name, id_out);
}

enum db_status db_expertise_insert(db *d, const char *name, int64_t *id_out)
{
	return insert_named(d, SQL_EXPERTISE_INSERT, name, id_out);
}

enum db_status db_medewerker_add_expertise(db *d, int64_t medewerker_id, int64_t expertise_id)
{
	sqlite3_stmt *st = db_stmt(d, SQL_ADD_EXPERTISE);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, medewerker_id);
	sqlite3_bind_int64(st, 2, expertise_id);
	return db_exec_stmt(d, st, "medewerker expertise");
}

void db_user_from_row(arena *a, sqlite3_stmt *st, int col, struct user *u)
{
	u->id = sqlite3_column_int64(st, col);
	u->username = arena_strdup(a, db_col_text(st, col + 1));
	u->name = arena_strdup(a, db_col_text(st, col + 2));
	u->roles = (unsigned)sqlite3_column_int(st, col + 3);
	u->team_id = sqlite3_column_int64(st, col + 4);
}
