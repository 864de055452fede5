/* aanmelding.c - data access for requests and their queue (see
 * db_aanmelding.h). */
#include "db_aanmelding.h"

#include "text.h"

static const char SQL_INSERT[] =
	"INSERT INTO aanmelding(huishouden_id, persoon_id, channel, referrer_kind, referrer_org, medium,"
	" question, urgency, safety_concern, received_at, created_by, soort, aanvraag_ontvangen)"
	" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, coalesce(?, 'vraag'), ?)";

enum db_status db_aanmelding_insert(db *d, const struct aanmelding_input *in, int64_t by,
                                    int64_t *id_out)
{
	sqlite3_stmt *st = db_stmt(d, SQL_INSERT);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, in->huishouden_id);
	if (in->persoon_id > 0)
		sqlite3_bind_int64(st, 2, in->persoon_id);
	sqlite3_bind_text(st, 3, in->channel, -1, SQLITE_TRANSIENT);
	db_bind_opt_text(st, 4, in->referrer_kind);
	db_bind_opt_text(st, 5, in->referrer_org);
	sqlite3_bind_text(st, 6, in->medium, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 7, in->question, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 8, in->urgency, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 9, in->safety_concern ? 1 : 0);
	sqlite3_bind_int64(st, 10, now_unix());
	sqlite3_bind_int64(st, 11, by);
	db_bind_opt_text(st, 12, in->soort);
	db_bind_opt_text(st, 13, in->aanvraag_ontvangen);
	return db_exec_insert(d, st, id_out, "aanmelding insert");
}

/* Whether the household has an open veiligheidszorg (migration 0016),
 * shown with each of its aanmeldingen; the open veiligheidszorgen
 * themselves head the queue page (src/veiligheid.c). */
#define OPEN_ZORG \
	"EXISTS (SELECT 1 FROM veiligheidszorg z WHERE z.huishouden_id = a.huishouden_id AND z.status = 'open')"

/* The name shown with an aanmelding: its person, or else the household's
 * first member in the members' order. */
#define NAME_OF(p) "(" p ".first_name || coalesce(' ' || " p ".name_prefix, '') || ' ' || " p ".last_name)"
#define ROW_SELECT \
	"SELECT a.id, a.huishouden_id, coalesce(" \
	"  (SELECT " NAME_OF("p") " FROM persoon p WHERE p.id = a.persoon_id)," \
	"  (SELECT " NAME_OF("p") " FROM persoon p WHERE p.huishouden_id = a.huishouden_id" \
	"   ORDER BY CASE p.role WHEN 'ouder' THEN 0 WHEN 'partner' THEN 1 WHEN 'kind' THEN 2" \
	"   WHEN 'inwonende_ouder' THEN 3 WHEN 'huisgenoot' THEN 4 ELSE 5 END," \
	"   p.birth_date, p.id LIMIT 1))," \
	" a.question, a.channel, a.referrer_kind, a.referrer_org, a.medium, a.urgency," \
	" a.safety_concern, a.received_at, h.street, h.house_number, h.house_suffix, h.postcode, h.city," \
	" rm.name, a.status, cm.name, coalesce(a.persoon_id, 0), coalesce(a.behandelaar_id, 0), bm.name," \
	" " OPEN_ZORG ", a.soort, a.aanvraag_ontvangen, a.verlenging_dagen, a.verlenging_reden, a.version" \
	" FROM aanmelding a JOIN huishouden h ON h.id = a.huishouden_id" \
	" LEFT JOIN medewerker rm ON rm.id = h.regisseur_id" \
	" JOIN medewerker cm ON cm.id = a.created_by" \
	" LEFT JOIN medewerker bm ON bm.id = a.behandelaar_id"
/* Urgency codes sort alphabetically in the order of urgency (crisis, hoog,
 * normaal), which lets the aanmelding_queue index give the order. */
#define QUEUE_ORDER " ORDER BY a.safety_concern DESC, a.urgency, a.received_at, a.id"

static const char SQL_GET[] = ROW_SELECT " WHERE a.id = ?";
static const char SQL_QUEUE[] = ROW_SELECT " WHERE a.status = 'open'" QUEUE_ORDER " LIMIT ?";
static const char SQL_OPEN_FOR[] =
	/* "+" keeps the planner on the household's index, not the queue's. */
	ROW_SELECT " WHERE a.huishouden_id = ? AND +a.status = 'open'" QUEUE_ORDER;
static const char SQL_WITH_TERM[] =
	ROW_SELECT " WHERE a.status = 'open' AND a.soort <> 'vraag' ORDER BY a.received_at, a.id LIMIT ?";
static const char SQL_OPEN_COUNT[] = "SELECT count(*) FROM aanmelding WHERE status = 'open'";

enum db_status db_aanmelding_get(db *d, arena *a, int64_t id, struct aanmelding *out)
{
	sqlite3_stmt *st = db_stmt(d, SQL_GET);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	enum db_status s = DB_NOT_FOUND;
	if (rc == SQLITE_ROW) {
		*out = (struct aanmelding){
			.id = sqlite3_column_int64(st, 0),
			.huishouden_id = sqlite3_column_int64(st, 1),
			.name = db_col_dup(a, st, 2),
			.question = db_col_dup(a, st, 3),
			.channel = db_col_dup(a, st, 4),
			.referrer_kind = db_col_dup(a, st, 5),
			.referrer_org = db_col_dup(a, st, 6),
			.medium = db_col_dup(a, st, 7),
			.urgency = db_col_dup(a, st, 8),
			.safety_concern = sqlite3_column_int(st, 9) != 0,
			.received_at = sqlite3_column_int64(st, 10),
			.address = text_address(a, db_col_text(st, 11), sqlite3_column_int64(st, 12),
			                        db_col_text(st, 13), db_col_text(st, 14), db_col_text(st, 15)),
			.regisseur = db_col_dup(a, st, 16),
			.status = db_col_dup(a, st, 17),
			.created_by = db_col_dup(a, st, 18),
			.persoon_id = sqlite3_column_int64(st, 19),
			.behandelaar_id = sqlite3_column_int64(st, 20),
			.behandelaar = db_col_dup(a, st, 21),
			.soort = db_col_dup(a, st, 23),
			.aanvraag_ontvangen = db_col_dup(a, st, 24),
			.verlenging_dagen = sqlite3_column_int64(st, 25),
			.verlenging_reden = db_col_dup(a, st, 26),
			.version = sqlite3_column_int64(st, 27),
		};
		s = DB_OK;
	} else if (rc != SQLITE_DONE) {
		s = db_status_of(d, rc, "aanmelding lookup");
	}
	db_done(st);
	return s;
}

static json_t *rows(db *d, sqlite3_stmt *st)
{
	json_t *list = json_array();
	arena *a = arena_new();
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		json_t *o = json_object();
		json_object_set_new(o, "id", json_integer(sqlite3_column_int64(st, 0)));
		json_object_set_new(o, "huishouden_id", json_integer(sqlite3_column_int64(st, 1)));
		if (db_col_text(st, 2))
			json_object_set_new(o, "name", json_string(db_col_text(st, 2)));
		json_object_set_new(o, "question", json_string(db_col_text(st, 3)));
		json_object_set_new(o, "channel", json_string(db_col_text(st, 4)));
		if (db_col_text(st, 5))
			json_object_set_new(o, "referrer_kind", json_string(db_col_text(st, 5)));
		if (db_col_text(st, 6))
			json_object_set_new(o, "referrer_org", json_string(db_col_text(st, 6)));
		json_object_set_new(o, "medium", json_string(db_col_text(st, 7)));
		json_object_set_new(o, "urgency", json_string(db_col_text(st, 8)));
		json_object_set_new(o, "safety_concern", json_boolean(sqlite3_column_int(st, 9)));
		json_object_set_new(o, "veiligheidszorg_open", json_boolean(sqlite3_column_int(st, 22)));
		json_object_set_new(o, "soort", json_string(db_col_text(st, 23)));
		if (db_col_text(st, 24))
			json_object_set_new(o, "aanvraag_ontvangen", json_string(db_col_text(st, 24)));
		json_object_set_new(o, "verlenging_dagen", json_integer(sqlite3_column_int64(st, 25)));
		if (db_col_text(st, 26))
			json_object_set_new(o, "verlenging_reden", json_string(db_col_text(st, 26)));
		json_object_set_new(o, "received_at", json_integer(sqlite3_column_int64(st, 10)));
		json_object_set_new(o, "address", json_string(text_address(a, db_col_text(st, 11),
		                                                           sqlite3_column_int64(st, 12),
		                                                           db_col_text(st, 13),
		                                                           db_col_text(st, 14),
		                                                           db_col_text(st, 15))));
		if (db_col_text(st, 16))
			json_object_set_new(o, "regisseur", json_string(db_col_text(st, 16)));
		if (sqlite3_column_int64(st, 20)) {
			json_object_set_new(o, "behandelaar_id", json_integer(sqlite3_column_int64(st, 20)));
			json_object_set_new(o, "behandelaar", json_string(db_col_text(st, 21)));
		}
		json_array_append_new(list, o);
	}
	arena_free(a);
	db_done(st);
	if (rc != SQLITE_DONE) {
		db_status_of(d, rc, "aanmeldingen");
		json_decref(list);
		return NULL;
	}
	return list;
}

json_t *db_aanmelding_queue(db *d, int limit, int64_t *total)
{
	sqlite3_stmt *st = db_stmt(d, SQL_OPEN_COUNT);
	if (!st)
		return NULL;
	int rc = sqlite3_step(st);
	*total = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	db_done(st);
	if (rc != SQLITE_ROW) {
		db_status_of(d, rc, "aanmeldingen tellen");
		return NULL;
	}
	st = db_stmt(d, SQL_QUEUE);
	if (!st)
		return NULL;
	sqlite3_bind_int(st, 1, limit);
	return rows(d, st);
}

json_t *db_aanmelding_open_for(db *d, int64_t hh)
{
	sqlite3_stmt *st = db_stmt(d, SQL_OPEN_FOR);
	if (!st)
		return NULL;
	sqlite3_bind_int64(st, 1, hh);
	return rows(d, st);
}

static const char SQL_PICK_UP[] =
	"UPDATE aanmelding SET behandelaar_id = ?1, behandelaar_door = ?3, opgepakt_at = ?2, updated_by = ?3, updated_at = ?2,"
	" version = version + 1"
	" WHERE id = ?4 AND status = 'open' AND (?5 = 0 OR behandelaar_id IS NULL)";

enum db_status db_aanmelding_set_behandelaar(db *d, int64_t id, int64_t behandelaar, int64_t by, bool only_if_free)
{
	sqlite3_stmt *st = db_stmt(d, SQL_PICK_UP);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, behandelaar);
	sqlite3_bind_int64(st, 2, now_unix());
	sqlite3_bind_int64(st, 3, by);
	sqlite3_bind_int64(st, 4, id);
	sqlite3_bind_int(st, 5, only_if_free ? 1 : 0);
	return db_exec_changed(d, st, "aanmelding behandelaar");
}

static const char SQL_TERMIJN[] =
	"UPDATE aanmelding SET soort = ?1, aanvraag_ontvangen = ?2, verlenging_dagen = ?3, verlenging_reden = ?4,"
	" updated_by = ?5, updated_at = ?6, version = version + 1 WHERE id = ?7 AND version = ?8";

enum db_status db_aanmelding_set_termijn(db *d, int64_t id, int64_t version, const char *soort, const char *aanvraag,
                                         int64_t extra_days, const char *reason, int64_t by)
{
	sqlite3_stmt *st = db_stmt(d, SQL_TERMIJN);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_text(st, 1, soort, -1, SQLITE_TRANSIENT);
	db_bind_opt_text(st, 2, aanvraag);
	sqlite3_bind_int64(st, 3, extra_days);
	db_bind_opt_text(st, 4, reason);
	sqlite3_bind_int64(st, 5, by);
	sqlite3_bind_int64(st, 6, now_unix());
	sqlite3_bind_int64(st, 7, id);
	sqlite3_bind_int64(st, 8, version);
	return db_exec_changed(d, st, "aanmelding termijn");
}

json_t *db_aanmelding_with_term(db *d, int limit)
{
	sqlite3_stmt *st = db_stmt(d, SQL_WITH_TERM);
	if (!st)
		return NULL;
	sqlite3_bind_int(st, 1, limit);
	return rows(d, st);
}
