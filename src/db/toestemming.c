/* toestemming.c - data access for consent (see db_toestemming.h). */
#include "db_toestemming.h"

#include <string.h>

static const char SQL_PERSON[] =
	"SELECT huishouden_id, first_name || coalesce(' ' || name_prefix, '') || ' ' || last_name"
	" FROM persoon WHERE id = ?";

enum db_status db_toestemming_person(db *d, arena *a, int64_t persoon_id, int64_t *huishouden_id,
                                     const char **name)
{
	sqlite3_stmt *st = db_stmt(d, SQL_PERSON);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, persoon_id);
	int rc = sqlite3_step(st);
	enum db_status s = DB_NOT_FOUND;
	if (rc == SQLITE_ROW) {
		*huishouden_id = sqlite3_column_int64(st, 0);
		*name = db_col_dup(a, st, 1);
		s = DB_OK;
	} else if (rc != SQLITE_DONE) {
		s = db_status_of(d, rc, "toestemming person");
	}
	db_done(st);
	return s;
}

#define TOESTEMMING_COLUMNS                                                                         \
	"SELECT t.id, t.persoon_id, p.huishouden_id,"                                                   \
	" p.first_name || coalesce(' ' || p.name_prefix, '') || ' ' || p.last_name,"                   \
	" t.party, t.given_on, strftime('%d-%m-%Y', t.given_on), t.withdrawn_on,"                      \
	" strftime('%d-%m-%Y', t.withdrawn_on), t.recorded_how, r.name, t.version,"                    \
	" coalesce(t.updated_at, 0), u.name"                                                            \
	" FROM toestemming t JOIN persoon p ON p.id = t.persoon_id"                                     \
	" JOIN medewerker r ON r.id = t.recorded_by LEFT JOIN medewerker u ON u.id = t.updated_by"

static const char SQL_GET[] = TOESTEMMING_COLUMNS " WHERE t.id = ?";
static const char SQL_LIST_PERSON[] =
	TOESTEMMING_COLUMNS " WHERE t.persoon_id = ? ORDER BY t.given_on DESC, t.id DESC";
static const char SQL_LIST_HOUSEHOLD[] =
	TOESTEMMING_COLUMNS " WHERE p.huishouden_id = ?"
	" ORDER BY p.birth_date, p.id, t.given_on DESC, t.id DESC";

static void read_row(arena *a, sqlite3_stmt *st, void *elem)
{
	struct toestemming *out = elem;
	out->id = sqlite3_column_int64(st, 0);
	out->persoon_id = sqlite3_column_int64(st, 1);
	out->huishouden_id = sqlite3_column_int64(st, 2);
	out->person = db_col_dup(a, st, 3);
	out->party = db_col_dup(a, st, 4);
	out->given_on = db_col_dup(a, st, 5);
	out->given_nl = db_col_dup(a, st, 6);
	out->withdrawn_on = db_col_dup(a, st, 7);
	out->withdrawn_nl = db_col_dup(a, st, 8);
	out->recorded_how = db_col_dup(a, st, 9);
	out->recorded_by = db_col_dup(a, st, 10);
	out->version = sqlite3_column_int64(st, 11);
	out->updated_at = sqlite3_column_int64(st, 12);
	out->updated_by = db_col_dup(a, st, 13);
}

enum db_status db_toestemming_get(db *d, arena *a, int64_t id, struct toestemming *out)
{
	sqlite3_stmt *st = db_stmt(d, SQL_GET);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	return db_read_one(d, a, st, read_row, out, "toestemming get");
}

enum db_status db_toestemming_list(db *d, arena *a, int64_t persoon_id, int64_t huishouden_id,
                                   struct toestemming **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = db_stmt(d, persoon_id ? SQL_LIST_PERSON : SQL_LIST_HOUSEHOLD);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, persoon_id ? persoon_id : huishouden_id);
	return db_read_all(d, a, st, read_row, sizeof **out, (void **)out, n, "toestemming list");
}

static const char SQL_INSERT[] =
	"INSERT INTO toestemming(persoon_id, party, given_on, recorded_how, recorded_by, updated_by,"
	" updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)";

enum db_status db_toestemming_insert(db *d, const struct toestemming *t, int64_t by, int64_t *id_out)
{
	sqlite3_stmt *st = db_stmt(d, SQL_INSERT);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, t->persoon_id);
	sqlite3_bind_text(st, 2, t->party, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, t->given_on, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, t->recorded_how, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 5, by);
	sqlite3_bind_int64(st, 6, by);
	sqlite3_bind_int64(st, 7, now_unix());
	return db_exec_insert(d, st, id_out, "toestemming insert");
}

static const char SQL_WITHDRAW[] =
	"UPDATE toestemming SET withdrawn_on = ?, updated_by = ?, updated_at = ?, version = version + 1"
	" WHERE id = ? AND version = ? AND withdrawn_on IS NULL";

enum db_status db_toestemming_withdraw(db *d, int64_t id, int64_t version, const char *withdrawn_on,
                                       int64_t by)
{
	sqlite3_stmt *st = db_stmt(d, SQL_WITHDRAW);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_text(st, 1, withdrawn_on, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, by);
	sqlite3_bind_int64(st, 3, now_unix());
	sqlite3_bind_int64(st, 4, id);
	sqlite3_bind_int64(st, 5, version);
	return db_exec_changed(d, st, "toestemming withdraw");
}
