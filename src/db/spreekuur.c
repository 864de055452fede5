/* spreekuur.c - data access for locaties, spreekuren with their staff and
 * the walk-ins registered there (see db_spreekuur.h). */
#include "db_spreekuur.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "audit.h"
#include "db_referentie.h"
#include "domain.h"
#include "form.h"

/* All rows of st as db_all_rows_json gives them; flag names a column that
 * becomes a boolean (or NULL). */
static json_t *all_rows(db *d, sqlite3_stmt *st, const char *flag, const char *context)
{
	json_t *list = db_all_rows_json(d, st, context);
	size_t i;
	json_t *o;
	if (flag)
		json_array_foreach(list, i, o)
			json_object_set_new(o, flag, json_boolean(json_integer_value(json_object_get(o, flag))));
	return list;
}

/* ---- locaties ------------------------------------------------------------ */

#define LOCATIE_COLUMNS                                                                           \
	"SELECT l.id AS id, l.name AS naam, l.kind AS soort, l.gebied_id AS gebied_id, g.name AS gebied," \
	" l.address AS adres, l.active AS actief, l.version AS versie"                                \
	" FROM locatie l JOIN gebied g ON g.id = l.gebied_id"

static const char SQL_L_LIST[] =
	LOCATIE_COLUMNS " WHERE l.active = 1 OR ?1 = 0 ORDER BY l.name COLLATE NOCASE, g.name, l.id";
static const char SQL_L_GET[] = LOCATIE_COLUMNS " WHERE l.id = ?";
static const char SQL_L_INSERT[] =
	"INSERT INTO locatie(name, kind, gebied_id, address, active) VALUES (?, ?, ?, ?, ?)";
static const char SQL_L_UPDATE[] =
	"UPDATE locatie SET name = ?, kind = ?, gebied_id = ?, address = ?, active = ?, version = version + 1"
	" WHERE id = ? AND version = ?";

json_t *db_locatie_list(db *d, bool active_only)
{
	sqlite3_stmt *st = db_stmt(d, SQL_L_LIST);
	if (!st)
		return json_array();
	sqlite3_bind_int(st, 1, active_only);
	return all_rows(d, st, NULL, "locatie list");
}

enum db_status db_locatie_get(db *d, int64_t id, json_t **out)
{
	sqlite3_stmt *st = db_stmt(d, SQL_L_GET);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	return db_one_row_json(d, st, out, "locatie get");
}

static void bind_locatie(sqlite3_stmt *st, const struct locatie_input *in)
{
	sqlite3_bind_text(st, 1, in->name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, in->kind, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 3, in->gebied_id);
	db_bind_opt_text(st, 4, in->address);
	sqlite3_bind_int(st, 5, in->active);
}

enum db_status db_locatie_insert(db *d, const struct locatie_input *in, int64_t *id_out)
{
	sqlite3_stmt *st = db_stmt(d, SQL_L_INSERT);
	if (!st)
		return DB_ERROR;
	bind_locatie(st, in);
	return db_exec_insert(d, st, id_out, "locatie insert");
}

enum db_status db_locatie_update(db *d, int64_t id, int64_t version, const struct locatie_input *in)
{
	sqlite3_stmt *st = db_stmt(d, SQL_L_UPDATE);
	if (!st)
		return DB_ERROR;
	bind_locatie(st, in);
	sqlite3_bind_int64(st, 6, id);
	sqlite3_bind_int64(st, 7, version);
	return db_exec_changed(d, st, "locatie update");
}

/* ---- spreekuren ---------------------------------------------------------- */

#define STAFF_NAMES                                                                               \
	"(SELECT group_concat(name, ', ') FROM (SELECT m.name AS name FROM spreekuur_medewerker sm"    \
	" JOIN medewerker m ON m.id = sm.medewerker_id WHERE sm.spreekuur_id = s.id ORDER BY m.name))"

#define SPREEKUUR_COLUMNS                                                                         \
	"SELECT s.id AS id, s.locatie_id AS locatie_id, l.name AS locatie, l.kind AS locatie_soort,"  \
	" l.gebied_id AS gebied_id, g.name AS gebied, s.weekday AS weekdag, s.start_time AS begintijd," \
	" s.end_time AS eindtijd, s.valid_from AS geldig_vanaf, s.valid_until AS geldig_tot,"         \
	" s.active AS actief, s.version AS versie, " STAFF_NAMES " AS bemensing"                      \
	" FROM spreekuur s JOIN locatie l ON l.id = s.locatie_id JOIN gebied g ON g.id = l.gebied_id"

static const char SQL_S_LIST[] =
	SPREEKUUR_COLUMNS " ORDER BY l.name COLLATE NOCASE, s.weekday, s.start_time, s.id";
static const char SQL_S_GET[] = SPREEKUUR_COLUMNS " WHERE s.id = ?";
static const char SQL_S_STAFF[] =
	"SELECT m.id AS id, m.name AS naam FROM spreekuur_medewerker sm JOIN medewerker m ON m.id = sm.medewerker_id"
	" WHERE sm.spreekuur_id = ? ORDER BY m.name, m.id";
static const char SQL_S_INSERT[] =
	"INSERT INTO spreekuur(locatie_id, weekday, start_time, end_time, valid_from, valid_until, active,"
	" created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
static const char SQL_S_UPDATE[] =
	"UPDATE spreekuur SET locatie_id = ?, weekday = ?, start_time = ?, end_time = ?, valid_from = ?,"
	" valid_until = ?, active = ?, updated_by = ?, updated_at = ?, version = version + 1"
	" WHERE id = ? AND version = ?";
static const char SQL_S_STAFF_CLEAR[] = "DELETE FROM spreekuur_medewerker WHERE spreekuur_id = ?";
static const char SQL_S_STAFF_ADD[] =
	"INSERT OR IGNORE INTO spreekuur_medewerker(spreekuur_id, medewerker_id) VALUES (?, ?)";
static const char SQL_S_STAFFED_BY[] =
	"SELECT 1 FROM spreekuur_medewerker WHERE spreekuur_id = ? AND medewerker_id = ?";
/* Role bits 1 (consulent) and 2 (gebiedsteam), as in http.h. */
static const char SQL_S_STAFF_OPTIONS[] =
	"SELECT id AS id, name AS naam FROM medewerker WHERE active = 1 AND soort = 'persoon' AND (roles & 3) != 0"
	" ORDER BY name, id";

json_t *db_spreekuur_list(db *d)
{
	sqlite3_stmt *st = db_stmt(d, SQL_S_LIST);
	if (!st)
		return json_array();
	return all_rows(d, st, "actief", "spreekuur list");
}

enum db_status db_spreekuur_get(db *d, int64_t id, json_t **out)
{
	sqlite3_stmt *st = db_stmt(d, SQL_S_GET);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	enum db_status s = db_one_row_json(d, st, out, "spreekuur get");
	if (s != DB_OK)
		return s;
	st = db_stmt(d, SQL_S_STAFF);
	if (!st) {
		json_decref(*out);
		*out = NULL;
		return DB_ERROR;
	}
	sqlite3_bind_int64(st, 1, id);
	json_object_set_new(*out, "medewerkers", all_rows(d, st, NULL, "spreekuur staff"));
	return DB_OK;
}

static void bind_spreekuur(sqlite3_stmt *st, const struct spreekuur_input *in)
{
	sqlite3_bind_int64(st, 1, in->locatie_id);
	sqlite3_bind_int(st, 2, in->weekday);
	sqlite3_bind_text(st, 3, in->start, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, in->end, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 5, in->valid_from, -1, SQLITE_TRANSIENT);
	db_bind_opt_text(st, 6, in->valid_until);
	sqlite3_bind_int(st, 7, in->active);
}

static enum db_status set_staff(db *d, int64_t id, const struct spreekuur_input *in)
{
	sqlite3_stmt *st = db_stmt(d, SQL_S_STAFF_CLEAR);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	enum db_status s = db_exec_stmt(d, st, "spreekuur staff clear");
	for (size_t i = 0; i < in->nstaff && s == DB_OK; i++) {
		if (!(st = db_stmt(d, SQL_S_STAFF_ADD)))
			return DB_ERROR;
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, in->staff[i]);
		s = db_exec_stmt(d, st, "spreekuur staff add");
	}
	return s;
}

enum db_status db_spreekuur_insert(db *d, const struct spreekuur_input *in, int64_t by, int64_t *id_out)
{
	sqlite3_stmt *st = db_stmt(d, SQL_S_INSERT);
	if (!st)
		return DB_ERROR;
	bind_spreekuur(st, in);
	sqlite3_bind_int64(st, 8, by);
	sqlite3_bind_int64(st, 9, now_unix());
	int64_t id = 0;
	enum db_status s = db_exec_insert(d, st, &id, "spreekuur insert");
	if (s == DB_OK)
		s = set_staff(d, id, in);
	if (s == DB_OK && id_out)
		*id_out = id;
	return s;
}

enum db_status db_spreekuur_update(db *d, int64_t id, int64_t version, const struct spreekuur_input *in,
                                   int64_t by)
{
	sqlite3_stmt *st = db_stmt(d, SQL_S_UPDATE);
	if (!st)
		return DB_ERROR;
	bind_spreekuur(st, in);
	sqlite3_bind_int64(st, 8, by);
	sqlite3_bind_int64(st, 9, now_unix());
	sqlite3_bind_int64(st, 10, id);
	sqlite3_bind_int64(st, 11, version);
	enum db_status s = db_exec_changed(d, st, "spreekuur update");
	if (s == DB_OK)
		s = set_staff(d, id, in);
	return s;
}

bool db_spreekuur_staffed_by(db *d, int64_t s, int64_t m)
{
	sqlite3_stmt *st = db_stmt(d, SQL_S_STAFFED_BY);
	if (!st)
		return false;
	sqlite3_bind_int64(st, 1, s);
	sqlite3_bind_int64(st, 2, m);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		db_status_of(d, rc, "spreekuur staffed by");
	db_done(st);
	return rc == SQLITE_ROW;
}

json_t *db_spreekuur_staff_options(db *d)
{
	sqlite3_stmt *st = db_stmt(d, SQL_S_STAFF_OPTIONS);
	if (!st)
		return json_array();
	return all_rows(d, st, NULL, "spreekuur staff options");
}

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
 * days_from_civil): exact, no time zone, no mktime. */
static long days_from_civil(long y, unsigned m, unsigned d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long)doe - 719468;
}

static void civil_from_days(long z, char out[11])
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long y = (long)yoe + era * 400;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	unsigned day = doy - (153 * mp + 2) / 5 + 1;
	unsigned month = mp < 10 ? mp + 3 : mp - 9;
	y += month <= 2;
	/* Only dates that passed date_valid_iso (1900..2199) come here, a
	 * week away at most: the year has four digits. */
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, month % 100, day % 100);
}

static bool parse_iso(const char *iso, long *days)
{
	unsigned y, m, dd;
	if (!iso || !date_valid_iso(iso) || sscanf(iso, "%4u-%2u-%2u", &y, &m, &dd) != 3)
		return false;
	*days = days_from_civil((long)y, m, dd);
	return true;
}

bool spreekuur_date_add(const char *iso, int days, char out[11])
{
	long z;
	if (!parse_iso(iso, &z))
		return false;
	civil_from_days(z + days, out);
	return true;
}

bool spreekuur_week_monday(const char *iso, char out[11])
{
	long z;
	if (!parse_iso(iso, &z))
		return false;
	/* 1970-01-01 was a Thursday: ISO weekday (z + 3) mod 7, 0 = Monday. */
	long wd = ((z % 7) + 7 + 3) % 7;
	civil_from_days(z - wd, out);
	return true;
}

#define OCCURRENCE "date(?1, '+' || (s.weekday - 1) || ' days')"
#define MINE "EXISTS (SELECT 1 FROM spreekuur_medewerker sm WHERE sm.spreekuur_id = s.id AND sm.medewerker_id = ?2)"

static const char SQL_S_WEEK[] =
	"SELECT s.id AS id, " OCCURRENCE " AS datum, s.weekday AS weekdag, s.start_time AS begintijd,"
	" s.end_time AS eindtijd, l.id AS locatie_id, l.name AS locatie, l.kind AS locatie_soort, g.name AS gebied, "
	STAFF_NAMES " AS bemensing, " MINE " AS mijn"
	" FROM spreekuur s JOIN locatie l ON l.id = s.locatie_id JOIN gebied g ON g.id = l.gebied_id"
	" WHERE s.active = 1 AND l.active = 1 AND s.valid_from <= " OCCURRENCE
	" AND (s.valid_until IS NULL OR s.valid_until >= " OCCURRENCE ") AND (?3 = 0 OR " MINE ")"
	" ORDER BY mijn DESC, datum, begintijd, l.name COLLATE NOCASE, s.id";

json_t *db_spreekuur_week(db *d, int64_t user, const char *monday, bool mine_only)
{
	sqlite3_stmt *st = db_stmt(d, SQL_S_WEEK);
	if (!st)
		return json_array();
	sqlite3_bind_text(st, 1, monday, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, user);
	sqlite3_bind_int(st, 3, mine_only);
	return all_rows(d, st, "mijn", "spreekuur week");
}

void spreekuur_week_labels(json_t *rows)
{
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row) {
		char nl[11];
		fmt_date_nl(json_string_value(json_object_get(row, "datum")), nl);
		json_object_set_new(row, "datum_nl", json_string(nl));
		char wd[2] = {(char)('0' + json_integer_value(json_object_get(row, "weekdag"))), '\0'};
		json_object_set_new(row, "weekdag_label", json_string(vocab_label(&vocab_weekday, wd)));
		const char *kind = json_string_value(json_object_get(row, "locatie_soort"));
		json_object_set_new(row, "locatie_soort_label", json_string(kind ? vocab_label(&vocab_location_kind, kind) : ""));
	}
}

json_t *db_spreekuur_my_week(db *d, int64_t user)
{
	char today[11], monday[11];
	date_today(today);
	if (!spreekuur_week_monday(today, monday))
		return json_array();
	json_t *rows = db_spreekuur_week(d, user, monday, true);
	spreekuur_week_labels(rows);
	return rows;
}

/* ---- bezoeken ------------------------------------------------------------ */

#define BEZOEK_COLUMNS                                                                            \
	"SELECT b.id AS id, b.spreekuur_id AS spreekuur_id, l.name AS locatie, l.kind AS locatie_soort," \
	" l.gebied_id AS gebied_id, b.visit_date AS datum, b.visitor_name AS naam, b.question AS vraag," \
	" b.contact AS contact, b.consent_follow_up AS toestemming_vervolg, b.huishouden_id AS huishouden_id," \
	" CASE WHEN h.id IS NOT NULL THEN h.street || ' ' || h.house_number || coalesce(h.house_suffix, '')" \
	"  || ', ' || h.postcode || ' ' || h.city END AS huishouden_adres,"                           \
	" b.outcome AS uitkomst, b.aanmelding_id AS aanmelding_id, b.sociale_kaart_id AS sociale_kaart_id," \
	" k.name AS sociale_kaart, b.outcome_note AS notitie, b.created_by AS geregistreerd_door_id,"  \
	" c.name AS geregistreerd_door, b.created_at AS geregistreerd_op, u.name AS gewijzigd_door,"   \
	" b.updated_at AS gewijzigd_op, b.version AS versie"                                          \
	" FROM bezoek b JOIN spreekuur s ON s.id = b.spreekuur_id JOIN locatie l ON l.id = s.locatie_id" \
	" JOIN medewerker c ON c.id = b.created_by LEFT JOIN medewerker u ON u.id = b.updated_by"     \
	" LEFT JOIN huishouden h ON h.id = b.huishouden_id LEFT JOIN sociale_kaart k ON k.id = b.sociale_kaart_id"

static const char SQL_B_GET[] = BEZOEK_COLUMNS " WHERE b.id = ?";
static const char SQL_B_LIST[] =
	BEZOEK_COLUMNS " WHERE b.spreekuur_id = ?1 AND b.visit_date = ?2 AND (?3 = 0 OR b.created_by = ?3)"
	" ORDER BY b.created_at, b.id";
static const char SQL_B_INSERT[] =
	"INSERT INTO bezoek(spreekuur_id, visit_date, visitor_name, question, contact, consent_follow_up,"
	" huishouden_id, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
static const char SQL_B_CLOSE[] =
	"UPDATE bezoek SET outcome = ?, sociale_kaart_id = ?, outcome_note = ?, updated_by = ?, updated_at = ?,"
	" version = version + 1 WHERE id = ? AND version = ? AND outcome = 'open'";
static const char SQL_B_LINK[] =
	"UPDATE bezoek SET huishouden_id = ?, updated_by = ?, updated_at = ?, version = version + 1"
	" WHERE id = ? AND version = ? AND outcome = 'open'";
static const char SQL_B_KAART[] =
	"SELECT k.id AS id, k.name AS naam, k.kind AS soort, g.name AS gebied,"
	" coalesce(k.gebied_id = ?1, 0) AS eigen_gebied"
	" FROM sociale_kaart k LEFT JOIN gebied g ON g.id = k.gebied_id WHERE k.active = 1"
	" ORDER BY eigen_gebied DESC, k.gebied_id IS NOT NULL, g.name, k.name COLLATE NOCASE, k.id";
static const char SQL_B_KAART_ACTIVE[] = "SELECT 1 FROM sociale_kaart WHERE id = ? AND active = 1";

static void bezoek_flags(json_t *o)
{
	json_object_set_new(o, "toestemming_vervolg",
	                    json_boolean(json_integer_value(json_object_get(o, "toestemming_vervolg"))));
}

enum db_status db_bezoek_get(db *d, int64_t id, json_t **out)
{
	sqlite3_stmt *st = db_stmt(d, SQL_B_GET);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	enum db_status s = db_one_row_json(d, st, out, "bezoek get");
	if (s == DB_OK)
		bezoek_flags(*out);
	return s;
}

json_t *db_bezoek_list(db *d, int64_t s, const char *date, int64_t only_by)
{
	sqlite3_stmt *st = db_stmt(d, SQL_B_LIST);
	if (!st)
		return json_array();
	sqlite3_bind_int64(st, 1, s);
	sqlite3_bind_text(st, 2, date, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 3, only_by);
	json_t *list = all_rows(d, st, "toestemming_vervolg", "bezoek list");
	return list;
}

enum db_status db_bezoek_insert(db *d, const struct bezoek_input *in, int64_t by, int64_t *id_out)
{
	sqlite3_stmt *st = db_stmt(d, SQL_B_INSERT);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, in->spreekuur_id);
	sqlite3_bind_text(st, 2, in->visit_date, -1, SQLITE_TRANSIENT);
	db_bind_opt_text(st, 3, in->visitor_name);
	sqlite3_bind_text(st, 4, in->question, -1, SQLITE_TRANSIENT);
	db_bind_opt_text(st, 5, in->contact);
	sqlite3_bind_int(st, 6, in->consent_follow_up);
	db_bind_opt_id(st, 7, in->huishouden_id);
	sqlite3_bind_int64(st, 8, by);
	sqlite3_bind_int64(st, 9, now_unix());
	return db_exec_insert(d, st, id_out, "bezoek insert");
}

enum db_status db_bezoek_close(db *d, int64_t id, int64_t version, const char *outcome, int64_t sociale_kaart_id,
                               const char *note, int64_t by)
{
	sqlite3_stmt *st = db_stmt(d, SQL_B_CLOSE);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_text(st, 1, outcome, -1, SQLITE_TRANSIENT);
	db_bind_opt_id(st, 2, sociale_kaart_id);
	db_bind_opt_text(st, 3, note);
	sqlite3_bind_int64(st, 4, by);
	sqlite3_bind_int64(st, 5, now_unix());
	sqlite3_bind_int64(st, 6, id);
	sqlite3_bind_int64(st, 7, version);
	return db_exec_changed(d, st, "bezoek close");
}

enum db_status db_bezoek_link(db *d, int64_t id, int64_t version, int64_t hh, int64_t by)
{
	sqlite3_stmt *st = db_stmt(d, SQL_B_LINK);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, hh);
	sqlite3_bind_int64(st, 2, by);
	sqlite3_bind_int64(st, 3, now_unix());
	sqlite3_bind_int64(st, 4, id);
	sqlite3_bind_int64(st, 5, version);
	return db_exec_changed(d, st, "bezoek link");
}

json_t *db_bezoek_kaart_options(db *d, int64_t gebied)
{
	sqlite3_stmt *st = db_stmt(d, SQL_B_KAART);
	if (!st)
		return json_array();
	sqlite3_bind_int64(st, 1, gebied);
	return all_rows(d, st, "eigen_gebied", "bezoek kaart options");
}

bool db_bezoek_kaart_active(db *d, int64_t id)
{
	sqlite3_stmt *st = db_stmt(d, SQL_B_KAART_ACTIVE);
	if (!st)
		return false;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		db_status_of(d, rc, "sociale kaart active");
	db_done(st);
	return rc == SQLITE_ROW;
}

/* ---- demo data ------------------------------------------------------------ */

static const struct {
	const char *name, *kind, *gebied, *address;
} demo_locaties[] = {
	{"Voedselbank Nijkerk", "voedselbank", "Nijkerk-Centrum", "Oosterstraat 8, 3861 BK Nijkerk"},
	{"Huisartsenpraktijk Oranjelaan", "huisarts", "Nijkerk-Oost", "Oranjelaan 12, 3862 CE Nijkerk"},
	{"Seniorencentrum De Bron", "seniorencentrum", "Hoevelaken", "Het Erf 2, 3871 DA Hoevelaken"},
	{"Buurthuis 't Gildehuis", "buurthuis", "Nijkerkerveen", "Gildestraat 1, 3864 PA Nijkerkerveen"},
};

/* Which location, when, and who staffs it (demo usernames). */
static const struct {
	int locatie;
	int weekday;
	const char *start, *end;
	const char *staff[2];
} demo_spreekuren[] = {
	{0, 4, "10:00", "12:00", {"gebiedsteam", NULL}},
	{1, 2, "13:30", "15:00", {"gebiedsteam", "consulent"}},
	{2, 3, "09:30", "11:00", {"consulent", NULL}},
	{3, 1, "14:00", "16:00", {"gebiedsteam", NULL}},
};

static const char SQL_D_GEBIED[] = "SELECT id FROM gebied WHERE name = ?";
static const char SQL_D_USER[] = "SELECT id FROM medewerker WHERE username = ?";
static const char SQL_D_COUNT[] = "SELECT count(*) FROM locatie";

static int64_t lookup(db *d, const char *sql, const char *name)
{
	sqlite3_stmt *st = db_stmt(d, sql);
	if (!st)
		return 0;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
	int64_t id = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	db_done(st);
	return id;
}

static enum db_status demo_audit(db *d, int64_t by, const char *action, const char *type, int64_t id)
{
	struct audit_entry e = {.medewerker_id = by, .action = action, .object_type = type, .object_id = id,
	                        .reason = "demodata"};
	return audit_append(d, &e);
}

enum db_status db_spreekuur_seed_demo(db *d, int64_t by)
{
	sqlite3_stmt *st = db_stmt(d, SQL_D_COUNT);
	if (!st)
		return DB_ERROR;
	int rc = sqlite3_step(st);
	int64_t existing = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
	db_done(st);
	if (existing != 0)
		return existing > 0 ? DB_OK : db_status_of(d, rc, "locatie count");
	/* Valid from the first of the year, so every demo week has them. */
	char today[11], from[11];
	date_today(today);
	snprintf(from, sizeof from, "%.4s-01-01", today);
	if (db_begin(d) != 0)
		return DB_ERROR;
	enum db_status s = DB_OK;
	int64_t ids[ARRAY_LEN(demo_locaties)] = {0};
	for (size_t i = 0; i < ARRAY_LEN(demo_locaties) && s == DB_OK; i++) {
		int64_t g = lookup(d, SQL_D_GEBIED, demo_locaties[i].gebied);
		if (!g) {
			log_error("demo: gebied %s is missing", demo_locaties[i].gebied);
			s = DB_ERROR;
			break;
		}
		struct locatie_input in = {.name = demo_locaties[i].name, .kind = demo_locaties[i].kind,
		                           .address = demo_locaties[i].address, .gebied_id = g, .active = true};
		if ((s = db_locatie_insert(d, &in, &ids[i])) == DB_OK)
			s = demo_audit(d, by, "locatie.create", "locatie", ids[i]);
	}
	for (size_t i = 0; i < ARRAY_LEN(demo_spreekuren) && s == DB_OK; i++) {
		int64_t staff[2];
		size_t n = 0;
		for (size_t k = 0; k < 2 && demo_spreekuren[i].staff[k]; k++)
			if ((staff[n] = lookup(d, SQL_D_USER, demo_spreekuren[i].staff[k])) != 0)
				n++;
		struct spreekuur_input in = {.locatie_id = ids[demo_spreekuren[i].locatie],
		                             .weekday = demo_spreekuren[i].weekday, .start = demo_spreekuren[i].start,
		                             .end = demo_spreekuren[i].end, .valid_from = from, .active = true,
		                             .staff = staff, .nstaff = n};
		int64_t id = 0;
		if ((s = db_spreekuur_insert(d, &in, by, &id)) == DB_OK)
			s = demo_audit(d, by, "spreekuur.create", "spreekuur", id);
	}
	if (s != DB_OK || db_commit(d) != 0) {
		db_rollback(d);
		return s == DB_OK ? DB_ERROR : s;
	}
	return DB_OK;
}
