/* regie.c - data access for regie, casusteam and the regisseur's lists. */
#include "db_regie.h"

#include "domain.h"

static void set_text(json_t *o, const char *key, sqlite3_stmt *st, int col)
{
	const char *v = db_col_text(st, col);
	if (v)
		json_object_set_new(o, key, json_string(v));
}

/* One line for an address: "Kerkstraat 12a, 3861 AB Nijkerk". */
#define SQL_ADDRESS "h.street || ' ' || h.house_number || coalesce(h.house_suffix, '') || ', ' || h.postcode || ' ' || h.city"

static const char SQL_CURRENT[] = "SELECT coalesce(regisseur_id, 0), version FROM huishouden WHERE id = ?";

enum db_status db_regie_current(db *d, int64_t hh, int64_t *regisseur_id, int64_t *version)
{
	sqlite3_stmt *st = db_stmt(d, SQL_CURRENT);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, hh);
	int rc = sqlite3_step(st);
	enum db_status s = DB_NOT_FOUND;
	if (rc == SQLITE_ROW) {
		*regisseur_id = sqlite3_column_int64(st, 0);
		*version = sqlite3_column_int64(st, 1);
		s = DB_OK;
	} else if (rc != SQLITE_DONE) {
		s = db_status_of(d, rc, "regie current");
	}
	db_done(st);
	return s;
}

static const char SQL_HISTORY[] =
	"SELECT f.name, t.name, b.name, r.at, r.reason, r.handover_note, r.at FROM regie_toewijzing r"
	" LEFT JOIN medewerker f ON f.id = r.from_id JOIN medewerker t ON t.id = r.to_id"
	" JOIN medewerker b ON b.id = r.by_id WHERE r.huishouden_id = ? ORDER BY r.at DESC, r.id DESC";

json_t *db_regie_history(db *d, int64_t hh)
{
	static const struct db_json_col cols[] = {
		{"from", DBJ_TEXT}, {"to", DBJ_TEXT}, {"by", DBJ_TEXT}, {"at_nl", DBJ_DATETIME_NL},
		{"reason", DBJ_TEXT}, {"handover_note", DBJ_TEXT}, {"at", DBJ_INT},
	};
	sqlite3_stmt *st = db_stmt(d, SQL_HISTORY);
	if (st)
		sqlite3_bind_int64(st, 1, hh);
	return db_rows_json(d, st, cols, ARRAY_LEN(cols));
}

/* Caseload: open households as regisseur.  Matching: expertises of the
 * latest intake that the employee has. */
static const char SQL_SUGGEST[] =
	"WITH needed AS (SELECT ie.expertise_id FROM intake_expertise ie"
	"   WHERE ie.intake_id = (SELECT id FROM intake WHERE huishouden_id = ?1"
	"                         ORDER BY held_on DESC, id DESC LIMIT 1))"
	" SELECT m.id, m.name, t.name,"
	"  (SELECT count(*) FROM huishouden h WHERE h.regisseur_id = m.id AND h.status <> 'afgesloten'),"
	"  (SELECT count(*) FROM medewerker_expertise me WHERE me.medewerker_id = m.id"
	"     AND me.expertise_id IN (SELECT expertise_id FROM needed)),"
	"  (SELECT count(*) FROM needed)"
	" FROM medewerker m LEFT JOIN team t ON t.id = m.team_id"
	" WHERE m.active = 1 AND m.soort = 'persoon' AND (m.roles & 3) <> 0"
	" ORDER BY 5 DESC, 4 ASC, m.name COLLATE NOCASE LIMIT 50";

json_t *db_regie_suggestions(db *d, int64_t hh)
{
	static const struct db_json_col cols[] = {
		{"id", DBJ_INT}, {"name", DBJ_TEXT}, {"team", DBJ_TEXT}, {"caseload", DBJ_INT},
		{"matching", DBJ_INT}, {"needed", DBJ_INT},
	};
	sqlite3_stmt *st = db_stmt(d, SQL_SUGGEST);
	if (st)
		sqlite3_bind_int64(st, 1, hh);
	return db_rows_json(d, st, cols, ARRAY_LEN(cols));
}

static const char SQL_ELIGIBLE[] = "SELECT 1 FROM medewerker WHERE id = ? AND active = 1 AND soort = 'persoon' AND (roles & 3) <> 0";

bool db_regie_eligible(db *d, int64_t medewerker_id)
{
	sqlite3_stmt *st = db_stmt(d, SQL_ELIGIBLE);
	if (!st)
		return false;
	sqlite3_bind_int64(st, 1, medewerker_id);
	bool ok = sqlite3_step(st) == SQLITE_ROW;
	db_done(st);
	return ok;
}

static const char SQL_SET_REGISSEUR[] =
	"UPDATE huishouden SET regisseur_id = ?, version = version + 1, updated_by = ?, updated_at = ?"
	" WHERE id = ? AND version = ?";
static const char SQL_INSERT_ASSIGNMENT[] =
	"INSERT INTO regie_toewijzing(huishouden_id, from_id, to_id, by_id, at, reason, handover_note)"
	" VALUES (?,?,?,?,?,?,?)";

enum db_status db_regie_assign(db *d, int64_t hh, int64_t expected_version, int64_t from_id,
                               int64_t to_id, int64_t by_id, const char *reason,
                               const char *handover_note)
{
	int64_t now = now_unix();
	sqlite3_stmt *st = db_stmt(d, SQL_SET_REGISSEUR);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, to_id);
	sqlite3_bind_int64(st, 2, by_id);
	sqlite3_bind_int64(st, 3, now);
	sqlite3_bind_int64(st, 4, hh);
	sqlite3_bind_int64(st, 5, expected_version);
	enum db_status s = db_exec_stmt(d, st, "regie assign");
	if (s != DB_OK)
		return s;
	if (sqlite3_changes(db_sqlite(d)) == 0)
		return DB_NOT_FOUND;
	st = db_stmt(d, SQL_INSERT_ASSIGNMENT);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, hh);
	if (from_id)
		sqlite3_bind_int64(st, 2, from_id);
	sqlite3_bind_int64(st, 3, to_id);
	sqlite3_bind_int64(st, 4, by_id);
	sqlite3_bind_int64(st, 5, now);
	sqlite3_bind_text(st, 6, reason, -1, SQLITE_STATIC);
	if (handover_note && *handover_note)
		sqlite3_bind_text(st, 7, handover_note, -1, SQLITE_STATIC);
	return db_exec_stmt(d, st, "regie history");
}

static const char SQL_CASUSTEAM[] =
	"SELECT m.id, m.name, t.name, c.added_at FROM casusteam c JOIN medewerker m ON m.id = c.medewerker_id"
	" LEFT JOIN team t ON t.id = m.team_id WHERE c.huishouden_id = ? ORDER BY m.name COLLATE NOCASE";

json_t *db_casusteam_list(db *d, int64_t hh)
{
	static const struct db_json_col cols[] = {
		{"id", DBJ_INT}, {"name", DBJ_TEXT}, {"team", DBJ_TEXT}, {"added_nl", DBJ_DATETIME_NL},
	};
	sqlite3_stmt *st = db_stmt(d, SQL_CASUSTEAM);
	if (st)
		sqlite3_bind_int64(st, 1, hh);
	return db_rows_json(d, st, cols, ARRAY_LEN(cols));
}

static const char SQL_CASUSTEAM_ADD[] =
	"INSERT INTO casusteam(huishouden_id, medewerker_id, added_by, added_at) VALUES (?,?,?,?)";
static const char SQL_CASUSTEAM_REMOVE[] =
	"DELETE FROM casusteam WHERE huishouden_id = ? AND medewerker_id = ?";

enum db_status db_casusteam_add(db *d, int64_t hh, int64_t medewerker_id, int64_t by_id)
{
	sqlite3_stmt *st = db_stmt(d, SQL_CASUSTEAM_ADD);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, hh);
	sqlite3_bind_int64(st, 2, medewerker_id);
	sqlite3_bind_int64(st, 3, by_id);
	sqlite3_bind_int64(st, 4, now_unix());
	return db_exec_stmt(d, st, "casusteam add");
}

enum db_status db_casusteam_remove(db *d, int64_t hh, int64_t medewerker_id)
{
	sqlite3_stmt *st = db_stmt(d, SQL_CASUSTEAM_REMOVE);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, hh);
	sqlite3_bind_int64(st, 2, medewerker_id);
	return db_exec_changed(d, st, "casusteam remove");
}

static const char SQL_EXCEPTIONS_HH[] =
	"SELECT m.name, t.reason, t.granted_at FROM toegang_uitzondering t"
	" JOIN medewerker m ON m.id = t.medewerker_id WHERE t.huishouden_id = ?"
	" ORDER BY t.granted_at DESC, t.id DESC LIMIT 50";

json_t *db_exceptions_for_household(db *d, int64_t hh)
{
	static const struct db_json_col cols[] = {
		{"who", DBJ_TEXT}, {"reason", DBJ_TEXT}, {"at_nl", DBJ_DATETIME_NL},
	};
	sqlite3_stmt *st = db_stmt(d, SQL_EXCEPTIONS_HH);
	if (st)
		sqlite3_bind_int64(st, 1, hh);
	return db_rows_json(d, st, cols, ARRAY_LEN(cols));
}

static const char SQL_MY_HOUSEHOLDS[] =
	"SELECT h.id, " SQL_ADDRESS ", h.status,"
	" (SELECT group_concat(p.first_name || ' ' || coalesce(p.name_prefix || ' ', '') || p.last_name, ', ')"
	"    FROM persoon p WHERE p.huishouden_id = h.id)"
	" FROM huishouden h WHERE h.regisseur_id = ? AND h.status <> 'afgesloten'"
	" ORDER BY h.postcode, h.house_number LIMIT 200";

json_t *db_my_households(db *d, int64_t me)
{
	json_t *list = json_array();
	sqlite3_stmt *st = db_stmt(d, SQL_MY_HOUSEHOLDS);
	if (!st)
		return list;
	sqlite3_bind_int64(st, 1, me);
	while (sqlite3_step(st) == SQLITE_ROW) {
		json_t *o = json_pack("{s:I, s:s, s:s}", "id", (json_int_t)sqlite3_column_int64(st, 0),
		                      "address", db_col_text(st, 1),
		                      "status_label", vocab_label(&vocab_household_status, db_col_text(st, 2)));
		set_text(o, "members", st, 3);
		json_array_append_new(list, o);
	}
	db_done(st);
	return list;
}

static const char SQL_MY_EXCEPTIONS[] =
	"SELECT h.id, " SQL_ADDRESS ", m.name, t.reason, t.granted_at"
	" FROM toegang_uitzondering t JOIN huishouden h ON h.id = t.huishouden_id"
	" JOIN medewerker m ON m.id = t.medewerker_id"
	" WHERE h.regisseur_id = ? AND t.granted_at >= ? ORDER BY t.granted_at DESC, t.id DESC LIMIT 50";

json_t *db_my_exceptions(db *d, int64_t me, int days)
{
	static const struct db_json_col cols[] = {
		{"huishouden_id", DBJ_INT}, {"address", DBJ_TEXT}, {"who", DBJ_TEXT}, {"reason", DBJ_TEXT},
		{"at_nl", DBJ_DATETIME_NL},
	};
	sqlite3_stmt *st = db_stmt(d, SQL_MY_EXCEPTIONS);
	if (st) {
		sqlite3_bind_int64(st, 1, me);
		sqlite3_bind_int64(st, 2, now_unix() - (int64_t)days * 86400);
	}
	return db_rows_json(d, st, cols, ARRAY_LEN(cols));
}

static const char SQL_LIMITED[] =
	"SELECT " SQL_ADDRESS ", m.name, m.email FROM huishouden h"
	" LEFT JOIN medewerker m ON m.id = h.regisseur_id WHERE h.id = ?";
static const char SQL_LIMITED_MEMBERS[] =
	"SELECT first_name || ' ' || coalesce(name_prefix || ' ', '') || last_name, birth_date"
	" FROM persoon WHERE huishouden_id = ? ORDER BY birth_date, id";

json_t *db_household_limited(db *d, int64_t hh)
{
	sqlite3_stmt *st = db_stmt(d, SQL_LIMITED);
	if (!st)
		return NULL;
	sqlite3_bind_int64(st, 1, hh);
	json_t *o = NULL;
	if (sqlite3_step(st) == SQLITE_ROW) {
		o = json_pack("{s:s}", "address", db_col_text(st, 0));
		set_text(o, "regisseur", st, 1);
		set_text(o, "regisseur_email", st, 2);
	}
	db_done(st);
	if (!o)
		return NULL;
	json_t *members = json_array();
	st = db_stmt(d, SQL_LIMITED_MEMBERS);
	if (st) {
		sqlite3_bind_int64(st, 1, hh);
		while (sqlite3_step(st) == SQLITE_ROW) {
			char born[11];
			fmt_date_nl(db_col_text(st, 1), born);
			json_array_append_new(members, json_pack("{s:s, s:s}", "name", db_col_text(st, 0),
			                      "birth_date_nl", born));
		}
		db_done(st);
	}
	json_object_set_new(o, "members", members);
	return o;
}
