/* voorziening.c - data access for voorzieningen (see db_voorziening.h). */
#include "db_voorziening.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "db_referentie.h"

#define PERSON_NAME "p.first_name || coalesce(' ' || p.name_prefix, '') || ' ' || p.last_name"

#define V_COLUMNS                                                                                   \
	"SELECT v.id AS id, v.huishouden_id AS huishouden_id, v.kind AS soort, v.status AS status,"    \
	" v.persoon_id AS persoon_id, " PERSON_NAME " AS persoon,"                                     \
	" v.netwerklid_id AS netwerklid_id, n.name AS netwerklid, n.relation AS netwerklid_relatie,"   \
	" v.sociale_kaart_id AS sociale_kaart_id, s.name AS sociale_kaart,"                            \
	" v.toewijzingnummer AS toewijzingnummer, v.decision_date AS besluitdatum,"                    \
	" v.legal_basis AS wettelijke_grondslag, v.aanbieder_id AS aanbieder_id, a.name AS aanbieder," \
	" v.product_id AS product_id, pr.category AS product_categorie, pr.code AS product_code,"      \
	" pr.name AS product, v.volume AS volume, v.unit AS eenheid, v.frequency AS frequentie,"       \
	" v.start_date AS ingangsdatum, v.end_date AS einddatum, v.cost_cents AS kosten_centen,"       \
	" v.end_reason AS reden_einde, v.started_on AS gestart_op, v.ended_on AS beeindigd_op,"          \
	" c.name AS aangemaakt_door,"                                                                  \
	" v.created_at AS aangemaakt_op, u.name AS gewijzigd_door, v.updated_at AS gewijzigd_op,"      \
	" v.version AS versie, v.verwijzer AS verwijzer,"                                               \
	" (SELECT t.nummer FROM toewijzing t WHERE t.voorziening_id = v.id AND t.actueel = 1"            \
	"  ORDER BY t.id DESC LIMIT 1) AS toewijzing_bericht"                                           \
	" FROM voorziening v JOIN medewerker c ON c.id = v.created_by"                                 \
	" LEFT JOIN medewerker u ON u.id = v.updated_by LEFT JOIN persoon p ON p.id = v.persoon_id"    \
	" LEFT JOIN netwerklid n ON n.id = v.netwerklid_id"                                             \
	" LEFT JOIN sociale_kaart s ON s.id = v.sociale_kaart_id"                                      \
	" LEFT JOIN aanbieder a ON a.id = v.aanbieder_id LEFT JOIN product pr ON pr.id = v.product_id"

static const char SQL_GET[] = V_COLUMNS " WHERE v.id = ?";
static const char SQL_LIST[] =
	V_COLUMNS " WHERE v.huishouden_id = ?"
	" ORDER BY v.status IN ('afgewezen', 'beeindigd'), v.start_date DESC, v.id DESC";

/* The next toewijzingnummer of a year: the year and a six-digit sequence. */
static const char SQL_NEXT_NUMBER[] =
	"SELECT coalesce(max(CAST(substr(toewijzingnummer, 5) AS INTEGER)), 0) + 1 FROM voorziening"
	" WHERE toewijzingnummer GLOB ?1 || '[0-9][0-9][0-9][0-9][0-9][0-9]'";

static const char SQL_INSERT[] =
	"INSERT INTO voorziening(huishouden_id, persoon_id, netwerklid_id, kind, sociale_kaart_id, toewijzingnummer,"
	" decision_date, legal_basis, aanbieder_id, product_id, volume, unit, frequency, start_date, end_date,"
	" cost_cents, status, created_by, created_at, verwijzer)"
	" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

static const char SQL_UPDATE[] =
	"UPDATE voorziening SET persoon_id = ?, netwerklid_id = ?, sociale_kaart_id = ?, decision_date = ?,"
	" legal_basis = ?, aanbieder_id = ?, product_id = ?, volume = ?, unit = ?, frequency = ?,"
	" start_date = ?, end_date = ?, cost_cents = ?, updated_by = ?, updated_at = ?, version = version + 1,"
	" verwijzer = coalesce(?, verwijzer) WHERE id = ? AND version = ?";

static const char SQL_STATUS[] =
	"UPDATE voorziening SET status = ?, end_reason = ?, ended_on = ?, decision_date = coalesce(?, decision_date),"
	" started_on = coalesce(?, started_on), updated_by = ?, updated_at = ?, version = version + 1"
	" WHERE id = ? AND version = ? AND status = ?";

static bool is_maatwerk(const struct voorziening_input *in)
{
	return strcmp(in->kind, "maatwerk") == 0;
}

/* Binds the content fields from index i on (13 parameters). */
static void bind_content(sqlite3_stmt *st, int i, const struct voorziening_input *in)
{
	bool m = is_maatwerk(in);
	db_bind_opt_id(st, i, in->persoon_id);
	db_bind_opt_id(st, i + 1, in->netwerklid_id);
	db_bind_opt_id(st, i + 2, m ? 0 : in->sociale_kaart_id);
	db_bind_opt_text(st, i + 3, m ? in->decision_date : NULL);
	db_bind_opt_text(st, i + 4, m ? in->legal_basis : NULL);
	db_bind_opt_id(st, i + 5, m ? in->aanbieder_id : 0);
	db_bind_opt_id(st, i + 6, m ? in->product_id : 0);
	db_bind_opt_id(st, i + 7, m ? in->volume : 0);
	db_bind_opt_text(st, i + 8, m ? in->unit : NULL);
	db_bind_opt_text(st, i + 9, m ? in->frequency : NULL);
	sqlite3_bind_text(st, i + 10, in->start_date, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, i + 11, in->end_date, -1, SQLITE_TRANSIENT);
	if (m && in->cost_cents >= 0)
		sqlite3_bind_int64(st, i + 12, in->cost_cents);
	else
		sqlite3_bind_null(st, i + 12);
}

enum db_status db_voorziening_insert(db *d, int64_t hh, const struct voorziening_input *in, int64_t by,
                                     int64_t *id_out)
{
	/* The year it is registered, local time. */
	char number[21] = "", today[11];
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	strftime(today, sizeof today, "%Y-%m-%d", &tm);
	if (is_maatwerk(in)) {
		sqlite3_stmt *st = db_stmt(d, SQL_NEXT_NUMBER);
		if (!st)
			return DB_ERROR;
		sqlite3_bind_text(st, 1, today, 4, SQLITE_TRANSIENT);
		int rc = sqlite3_step(st);
		long long next = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
		db_done(st);
		if (rc != SQLITE_ROW)
			return db_status_of(d, rc, "voorziening next number");
		snprintf(number, sizeof number, "%.4s%06lld", today, next);
	}
	sqlite3_stmt *st = db_stmt(d, SQL_INSERT);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, hh);
	db_bind_opt_id(st, 2, in->persoon_id);
	db_bind_opt_id(st, 3, in->netwerklid_id);
	sqlite3_bind_text(st, 4, in->kind, -1, SQLITE_TRANSIENT);
	/* Parameters 5..17 in the content order, with the number in between. */
	bool m = is_maatwerk(in);
	db_bind_opt_id(st, 5, m ? 0 : in->sociale_kaart_id);
	db_bind_opt_text(st, 6, number);
	db_bind_opt_text(st, 7, m ? in->decision_date : NULL);
	db_bind_opt_text(st, 8, m ? in->legal_basis : NULL);
	db_bind_opt_id(st, 9, m ? in->aanbieder_id : 0);
	db_bind_opt_id(st, 10, m ? in->product_id : 0);
	db_bind_opt_id(st, 11, m ? in->volume : 0);
	db_bind_opt_text(st, 12, m ? in->unit : NULL);
	db_bind_opt_text(st, 13, m ? in->frequency : NULL);
	sqlite3_bind_text(st, 14, in->start_date, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 15, in->end_date, -1, SQLITE_TRANSIENT);
	if (m && in->cost_cents >= 0)
		sqlite3_bind_int64(st, 16, in->cost_cents);
	else
		sqlite3_bind_null(st, 16);
	sqlite3_bind_text(st, 17, m ? "aangevraagd" : "gestart", -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 18, by);
	sqlite3_bind_int64(st, 19, now_unix());
	sqlite3_bind_text(st, 20, in->verwijzer ? in->verwijzer : "gemeente", -1, SQLITE_TRANSIENT);
	return db_exec_insert(d, st, id_out, "voorziening insert");
}

/* The goals voorzieningen serve (voorziening_doel, issue 16 item 1): of one
 * voorziening, or of every voorziening of a household, in the plan's order. */
#define GOAL_NAME "CASE WHEN length(d.wish) > 80 THEN substr(d.wish, 1, 77) || '...' ELSE d.wish END"
static const char SQL_GOALS_OF_ONE[] =
	"SELECT vd.voorziening_id, d.id, " GOAL_NAME ", d.domain, d.wish FROM voorziening_doel vd JOIN doel d ON d.id = vd.doel_id"
	" WHERE vd.voorziening_id = ? ORDER BY d.target_date, d.id";
static const char SQL_GOALS_OF_HH[] =
	"SELECT vd.voorziening_id, d.id, " GOAL_NAME ", d.domain, d.wish FROM voorziening v"
	" JOIN voorziening_doel vd ON vd.voorziening_id = v.id JOIN doel d ON d.id = vd.doel_id"
	" WHERE v.huishouden_id = ? ORDER BY d.target_date, d.id";

/* Gives every row of rows "doel_ids" [id] and "doelen" [{id, naam (the
 * wish shortened), domein, wens}]
 * from sql (bound to key). */
static enum db_status attach_goals(db *d, const char *sql, int64_t key, json_t *rows)
{
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row) {
		json_object_set_new(row, "doel_ids", json_array());
		json_object_set_new(row, "doelen", json_array());
	}
	sqlite3_stmt *st = db_stmt(d, sql);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, key);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t vid = sqlite3_column_int64(st, 0), gid = sqlite3_column_int64(st, 1);
		json_array_foreach(rows, i, row) {
			if (json_integer_value(json_object_get(row, "id")) != vid)
				continue;
			json_array_append_new(json_object_get(row, "doel_ids"), json_integer(gid));
			json_array_append_new(json_object_get(row, "doelen"),
			                      json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)gid, "naam", db_col_text(st, 2),
			                                "domein", db_col_text(st, 3), "wens", db_col_text(st, 4)));
		}
	}
	enum db_status s = rc == SQLITE_DONE ? DB_OK : db_status_of(d, rc, "voorziening goals of");
	db_done(st);
	return s;
}

enum db_status db_voorziening_get(db *d, int64_t id, json_t **out)
{
	*out = NULL;
	sqlite3_stmt *st = db_stmt(d, SQL_GET);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	enum db_status s = db_one_row_json(d, st, out, "voorziening get");
	if (s != DB_OK)
		return s;
	json_t *one = json_pack("[O]", *out);
	s = attach_goals(d, SQL_GOALS_OF_ONE, id, one);
	json_decref(one);
	if (s != DB_OK) {
		json_decref(*out);
		*out = NULL;
	}
	return s;
}

json_t *db_voorziening_list(db *d, int64_t hh)
{
	sqlite3_stmt *st = db_stmt(d, SQL_LIST);
	if (!st)
		return json_array();
	sqlite3_bind_int64(st, 1, hh);
	json_t *rows = db_all_rows_json(d, st, "voorziening list");
	if (rows)
		attach_goals(d, SQL_GOALS_OF_HH, hh, rows);
	return rows;
}

static const char SQL_GOALS_CLEAR[] = "DELETE FROM voorziening_doel WHERE voorziening_id = ?";
static const char SQL_GOAL_ADD[] = "INSERT OR IGNORE INTO voorziening_doel(voorziening_id, doel_id) VALUES (?, ?)";

enum db_status db_voorziening_set_goals(db *d, int64_t id, const int64_t *goals, size_t n)
{
	sqlite3_stmt *st = db_stmt(d, SQL_GOALS_CLEAR);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	enum db_status s = db_exec_stmt(d, st, "voorziening goals clear");
	for (size_t i = 0; s == DB_OK && i < n; i++) {
		if (!(st = db_stmt(d, SQL_GOAL_ADD)))
			return DB_ERROR;
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, goals[i]);
		s = db_exec_stmt(d, st, "voorziening goal add");
	}
	return s;
}

enum db_status db_voorziening_update(db *d, int64_t id, int64_t version, const struct voorziening_input *in,
                                     int64_t by)
{
	sqlite3_stmt *st = db_stmt(d, SQL_UPDATE);
	if (!st)
		return DB_ERROR;
	bind_content(st, 1, in);
	sqlite3_bind_int64(st, 14, by);
	sqlite3_bind_int64(st, 15, now_unix());
	db_bind_opt_text(st, 16, in->verwijzer);
	sqlite3_bind_int64(st, 17, id);
	sqlite3_bind_int64(st, 18, version);
	return db_exec_changed(d, st, "voorziening update");
}

enum db_status db_voorziening_set_status(db *d, int64_t id, int64_t version, const struct voorziening_step *step,
                                         int64_t by)
{
	sqlite3_stmt *st = db_stmt(d, SQL_STATUS);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_text(st, 1, step->to, -1, SQLITE_TRANSIENT);
	db_bind_opt_text(st, 2, step->end_reason);
	db_bind_opt_text(st, 3, step->ended_on);
	db_bind_opt_text(st, 4, step->decision_date);
	db_bind_opt_text(st, 5, step->started_on);
	/* by 0: no employee (a provider's message read by loket berichten
	 * import); the audit row says what did it. */
	db_bind_opt_id(st, 6, by);
	sqlite3_bind_int64(st, 7, now_unix());
	sqlite3_bind_int64(st, 8, id);
	sqlite3_bind_int64(st, 9, version);
	sqlite3_bind_text(st, 10, step->from, -1, SQLITE_TRANSIENT);
	return db_exec_changed(d, st, "voorziening status");
}

static const char SQL_PERSON_IN[] = "SELECT 1 FROM persoon WHERE id = ? AND huishouden_id = ?";
static const char SQL_NETWERKLID_IN[] =
	"SELECT 1 FROM netwerklid WHERE id = ?1 AND huishouden_id = ?2 AND (active = 1 OR id = ?3)";
static const char SQL_GOAL_IN[] =
	"SELECT 1 FROM doel d JOIN plan p ON p.id = d.plan_id WHERE d.id = ? AND p.huishouden_id = ?";

static bool exists2(db *d, const char *sql, int64_t a, int64_t b)
{
	sqlite3_stmt *st = db_stmt(d, sql);
	if (!st)
		return false;
	sqlite3_bind_int64(st, 1, a);
	sqlite3_bind_int64(st, 2, b);
	bool found = sqlite3_step(st) == SQLITE_ROW;
	db_done(st);
	return found;
}

bool db_voorziening_person_in(db *d, int64_t hh, int64_t p)
{
	return exists2(d, SQL_PERSON_IN, p, hh);
}

bool db_voorziening_goal_in(db *d, int64_t hh, int64_t g)
{
	return exists2(d, SQL_GOAL_IN, g, hh);
}

bool db_voorziening_netwerklid_in(db *d, int64_t hh, int64_t n, int64_t keep)
{
	sqlite3_stmt *st = db_stmt(d, SQL_NETWERKLID_IN);
	if (!st)
		return false;
	sqlite3_bind_int64(st, 1, n);
	sqlite3_bind_int64(st, 2, hh);
	sqlite3_bind_int64(st, 3, keep);
	bool found = sqlite3_step(st) == SQLITE_ROW;
	db_done(st);
	return found;
}

static const char SQL_PEOPLE[] =
	"SELECT p.id AS id, " PERSON_NAME " AS naam FROM persoon p WHERE p.huishouden_id = ?"
	" ORDER BY p.birth_date, p.id";
static const char SQL_GOALS[] =
	"SELECT d.id AS id, " GOAL_NAME " AS naam, d.domain AS domein FROM doel d JOIN plan p ON p.id = d.plan_id"
	" WHERE p.huishouden_id = ?"
	" AND d.status NOT IN ('vervallen') ORDER BY d.target_date, d.id";

static json_t *rows_for(db *d, const char *sql, int64_t hh, const char *context)
{
	sqlite3_stmt *st = db_stmt(d, sql);
	if (!st)
		return json_array();
	sqlite3_bind_int64(st, 1, hh);
	return db_all_rows_json(d, st, context);
}

json_t *db_voorziening_people(db *d, int64_t hh)
{
	return rows_for(d, SQL_PEOPLE, hh, "voorziening people");
}

json_t *db_voorziening_goals(db *d, int64_t hh)
{
	return rows_for(d, SQL_GOALS, hh, "voorziening goals");
}

static const char SQL_NETWERK[] =
	"SELECT n.id AS id, n.name AS naam, n.relation AS relatie FROM netwerklid n WHERE n.huishouden_id = ?"
	" AND (n.active = 1 OR n.id = ?) ORDER BY n.relation <> 'mantelzorger', n.name, n.id";

json_t *db_voorziening_netwerk(db *d, int64_t hh, int64_t keep)
{
	sqlite3_stmt *st = db_stmt(d, SQL_NETWERK);
	if (!st)
		return json_array();
	sqlite3_bind_int64(st, 1, hh);
	sqlite3_bind_int64(st, 2, keep);
	return db_all_rows_json(d, st, "voorziening netwerk");
}

#define OPEN "v.status NOT IN ('afgewezen', 'beeindigd')"

static const char SQL_OPEN_COUNT[] = "SELECT count(*) FROM voorziening v WHERE v.huishouden_id = ? AND " OPEN;
static const char SQL_OPEN_LIST[] =
	"SELECT v.id AS id, coalesce(pr.name || ' – ' || a.name, s.name, 'Voorziening') || ', t/m '"
	" || strftime('%d-%m-%Y', v.end_date) AS label FROM voorziening v"
	" LEFT JOIN product pr ON pr.id = v.product_id LEFT JOIN aanbieder a ON a.id = v.aanbieder_id"
	" LEFT JOIN sociale_kaart s ON s.id = v.sociale_kaart_id"
	" WHERE v.huishouden_id = ? AND " OPEN " ORDER BY v.end_date, v.id";
static const char SQL_EARLIEST_END[] =
	"SELECT min(v.end_date) FROM voorziening v WHERE v.huishouden_id = ? AND v.kind = 'maatwerk' AND " OPEN;

enum db_status db_voorziening_open_count(db *d, int64_t hh, int64_t *n)
{
	*n = 0;
	sqlite3_stmt *st = db_stmt(d, SQL_OPEN_COUNT);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, hh);
	int rc = sqlite3_step(st);
	enum db_status s = DB_OK;
	if (rc == SQLITE_ROW)
		*n = sqlite3_column_int64(st, 0);
	else
		s = db_status_of(d, rc, "voorziening open count");
	db_done(st);
	return s;
}

json_t *db_voorziening_open_list(db *d, int64_t hh)
{
	return rows_for(d, SQL_OPEN_LIST, hh, "voorziening open list");
}

enum db_status db_voorziening_earliest_end(db *d, int64_t hh, char out[11], bool *found)
{
	out[0] = '\0';
	*found = false;
	sqlite3_stmt *st = db_stmt(d, SQL_EARLIEST_END);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, hh);
	int rc = sqlite3_step(st);
	enum db_status s = DB_OK;
	if (rc == SQLITE_ROW && db_col_text(st, 0)) {
		snprintf(out, 11, "%s", db_col_text(st, 0));
		*found = true;
	} else if (rc != SQLITE_ROW) {
		s = db_status_of(d, rc, "voorziening earliest end");
	}
	db_done(st);
	return s;
}
