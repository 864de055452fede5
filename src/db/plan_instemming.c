/* plan_instemming.c - who agreed to a plan (see db_plan_instemming.h). */
#include "db_plan_instemming.h"

#define PERSON_NAME(t) t ".first_name || coalesce(' ' || " t ".name_prefix, '') || ' ' || " t ".last_name"

static const char SQL_LIST[] =
	"SELECT coalesce(i.persoon_id, 0), i.name, i.representative FROM plan_instemming i"
	" LEFT JOIN persoon p ON p.id = i.persoon_id WHERE i.plan_id = ? AND i.version_no = ?"
	" ORDER BY i.representative, p.birth_date, i.id";
static const char SQL_ADD_MEMBER[] =
	"INSERT INTO plan_instemming(plan_id, version_no, persoon_id, name, representative)"
	" SELECT ?1, ?2, p.id, " PERSON_NAME("p") ", 0 FROM persoon p WHERE p.id = ?3 AND p.huishouden_id = ?4";
static const char SQL_ADD_REPRESENTATIVE[] =
	"INSERT INTO plan_instemming(plan_id, version_no, persoon_id, name, representative) VALUES (?, ?, NULL, ?, 1)";
static const char SQL_MEMBERS[] =
	"SELECT p.id, " PERSON_NAME("p") " FROM persoon p WHERE p.huishouden_id = ? ORDER BY p.birth_date, p.id";

static void instemming_row(arena *a, sqlite3_stmt *st, void *elem)
{
	struct plan_instemming *i = elem;
	i->persoon_id = sqlite3_column_int64(st, 0);
	i->name = db_col_dup(a, st, 1);
	i->representative = sqlite3_column_int(st, 2) != 0;
}

enum db_status db_plan_instemming_list(db *d, arena *a, int64_t plan_id, int64_t version_no,
                                       struct plan_instemming **out, size_t *n)
{
	sqlite3_stmt *st = db_stmt(d, SQL_LIST);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, plan_id);
	sqlite3_bind_int64(st, 2, version_no);
	return db_read_all(d, a, st, instemming_row, sizeof **out, (void **)out, n, "plan instemming");
}

enum db_status db_plan_instemming_add(db *d, int64_t plan_id, int64_t version_no, int64_t hh, int64_t persoon_id,
                                      const char *name)
{
	sqlite3_stmt *st = db_stmt(d, persoon_id ? SQL_ADD_MEMBER : SQL_ADD_REPRESENTATIVE);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, plan_id);
	sqlite3_bind_int64(st, 2, version_no);
	if (persoon_id) {
		sqlite3_bind_int64(st, 3, persoon_id);
		sqlite3_bind_int64(st, 4, hh);
	} else {
		sqlite3_bind_text(st, 3, name, -1, SQLITE_TRANSIENT);
	}
	return db_exec_changed(d, st, "plan instemming add");
}

static void member_row(arena *a, sqlite3_stmt *st, void *elem)
{
	struct plan_member *m = elem;
	m->id = sqlite3_column_int64(st, 0);
	m->name = db_col_dup(a, st, 1);
}

enum db_status db_plan_members(db *d, arena *a, int64_t hh, struct plan_member **out, size_t *n)
{
	sqlite3_stmt *st = db_stmt(d, SQL_MEMBERS);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, hh);
	return db_read_all(d, a, st, member_row, sizeof **out, (void **)out, n, "plan members");
}
