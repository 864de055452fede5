/* signaal.c - data access for early signals (see db_signaal.h). */
#include "db_signaal.h"

#include <string.h>

#include "audit.h"
#include "text.h"

/* The gebied shown and filtered on is the signal's own, or, when the
 * reporter did not know it, that of the household it was linked to. */
#define SIGNAAL_COLUMNS                                                                             \
	"SELECT s.id, s.source_kind, s.source_name, s.about, s.concern,"                               \
	" coalesce(s.gebied_id, h.gebied_id, 0), g.name, s.safety_concern, coalesce(s.huishouden_id, 0),"  \
	" h.street, h.house_number, h.house_suffix, h.postcode, h.city, coalesce(s.bezoek_id, 0),"      \
	" s.status, coalesce(s.assigned_to, 0), am.name, s.follow_up, coalesce(s.aanmelding_id, 0),"    \
	" s.received_at, s.created_by, cm.name, coalesce(s.updated_at, 0), um.name, s.version"          \
	" FROM signaal s LEFT JOIN huishouden h ON h.id = s.huishouden_id"                              \
	" LEFT JOIN gebied g ON g.id = coalesce(s.gebied_id, h.gebied_id)"                              \
	" LEFT JOIN medewerker am ON am.id = s.assigned_to"                                             \
	" JOIN medewerker cm ON cm.id = s.created_by"                                                   \
	" LEFT JOIN medewerker um ON um.id = s.updated_by"

/* ?1 status (NULL: the open ones), ?2 gebied (NULL: all). */
#define SIGNAAL_FILTER                                                                              \
	" WHERE (CASE WHEN ?1 IS NULL THEN s.status IN ('nieuw', 'in_onderzoek') ELSE s.status = ?1 END)" \
	" AND (?2 IS NULL OR coalesce(s.gebied_id, h.gebied_id) = ?2)"

static const char SQL_GET[] = SIGNAAL_COLUMNS " WHERE s.id = ?";
static const char SQL_QUEUE[] =
	SIGNAAL_COLUMNS SIGNAAL_FILTER " ORDER BY s.safety_concern DESC, s.received_at, s.id LIMIT ?3";
static const char SQL_QUEUE_COUNT[] =
	"SELECT count(*) FROM signaal s LEFT JOIN huishouden h ON h.id = s.huishouden_id" SIGNAAL_FILTER;

static void read_row(arena *a, sqlite3_stmt *st, void *elem)
{
	struct signaal *out = elem;
	out->id = sqlite3_column_int64(st, 0);
	out->source_kind = db_col_dup(a, st, 1);
	out->source_name = db_col_dup(a, st, 2);
	out->about = db_col_dup(a, st, 3);
	out->concern = db_col_dup(a, st, 4);
	out->gebied_id = sqlite3_column_int64(st, 5);
	out->gebied = db_col_dup(a, st, 6);
	out->safety_concern = sqlite3_column_int(st, 7) != 0;
	out->huishouden_id = sqlite3_column_int64(st, 8);
	out->address = out->huishouden_id
	                   ? text_address(a, db_col_text(st, 9), sqlite3_column_int64(st, 10), db_col_text(st, 11),
	                                  db_col_text(st, 12), db_col_text(st, 13))
	                   : NULL;
	out->bezoek_id = sqlite3_column_int64(st, 14);
	out->status = db_col_dup(a, st, 15);
	out->assigned_to = sqlite3_column_int64(st, 16);
	out->assigned_name = db_col_dup(a, st, 17);
	out->follow_up = db_col_dup(a, st, 18);
	out->aanmelding_id = sqlite3_column_int64(st, 19);
	out->received_at = sqlite3_column_int64(st, 20);
	out->created_by = sqlite3_column_int64(st, 21);
	out->created_by_name = db_col_dup(a, st, 22);
	out->updated_at = sqlite3_column_int64(st, 23);
	out->updated_by_name = db_col_dup(a, st, 24);
	out->version = sqlite3_column_int64(st, 25);
}

enum db_status db_signaal_get(db *d, arena *a, int64_t id, struct signaal *out)
{
	sqlite3_stmt *st = db_stmt(d, SQL_GET);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	return db_read_one(d, a, st, read_row, out, "signaal get");
}

static void bind_filter(sqlite3_stmt *st, const struct signaal_filter *f)
{
	db_bind_opt_text(st, 1, f->status);
	db_bind_opt_id(st, 2, f->gebied_id);
}

static enum db_status count_of(db *d, const struct signaal_filter *f, int64_t *out)
{
	sqlite3_stmt *st = db_stmt(d, SQL_QUEUE_COUNT);
	if (!st)
		return DB_ERROR;
	bind_filter(st, f);
	int rc = sqlite3_step(st);
	enum db_status s = rc == SQLITE_ROW ? DB_OK : db_status_of(d, rc, "signaal count");
	*out = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	db_done(st);
	return s;
}

enum db_status db_signaal_queue(db *d, arena *a, const struct signaal_filter *f, int limit,
                                struct signaal **out, size_t *n, int64_t *total, int64_t *open)
{
	*out = NULL;
	*n = 0;
	struct signaal_filter open_f = {.status = NULL, .gebied_id = f->gebied_id};
	enum db_status s = count_of(d, f, total);
	if (s == DB_OK)
		s = count_of(d, &open_f, open);
	if (s != DB_OK)
		return s;
	sqlite3_stmt *st = db_stmt(d, SQL_QUEUE);
	if (!st)
		return DB_ERROR;
	bind_filter(st, f);
	sqlite3_bind_int(st, 3, limit);
	return db_read_all(d, a, st, read_row, sizeof **out, (void **)out, n, "signaal queue");
}

static const char SQL_INSERT[] =
	"INSERT INTO signaal(source_kind, source_name, about, concern, gebied_id, safety_concern, huishouden_id,"
	" bezoek_id, received_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

static enum db_status insert_at(db *d, const struct signaal_input *in, int64_t by, int64_t at, int64_t *id_out)
{
	sqlite3_stmt *st = db_stmt(d, SQL_INSERT);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_text(st, 1, in->source_kind, -1, SQLITE_TRANSIENT);
	db_bind_opt_text(st, 2, in->source_name);
	sqlite3_bind_text(st, 3, in->about, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, in->concern, -1, SQLITE_TRANSIENT);
	db_bind_opt_id(st, 5, in->gebied_id);
	sqlite3_bind_int(st, 6, in->safety_concern ? 1 : 0);
	db_bind_opt_id(st, 7, in->huishouden_id);
	db_bind_opt_id(st, 8, in->bezoek_id);
	sqlite3_bind_int64(st, 9, at);
	sqlite3_bind_int64(st, 10, by);
	return db_exec_insert(d, st, id_out, "signaal insert");
}

enum db_status db_signaal_insert(db *d, const struct signaal_input *in, int64_t by, int64_t *id_out)
{
	return insert_at(d, in, by, now_unix(), id_out);
}

static const char SQL_FOLLOW_UP[] =
	"UPDATE signaal SET status = ?, follow_up = ?, assigned_to = ?, updated_by = ?, updated_at = ?,"
	" version = version + 1 WHERE id = ? AND version = ? AND status IN ('nieuw', 'in_onderzoek')";

enum db_status db_signaal_follow_up(db *d, int64_t id, int64_t version, const char *status,
                                    const char *follow_up, int64_t assigned_to, int64_t by)
{
	sqlite3_stmt *st = db_stmt(d, SQL_FOLLOW_UP);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_text(st, 1, status, -1, SQLITE_TRANSIENT);
	db_bind_opt_text(st, 2, follow_up);
	db_bind_opt_id(st, 3, assigned_to);
	sqlite3_bind_int64(st, 4, by);
	sqlite3_bind_int64(st, 5, now_unix());
	sqlite3_bind_int64(st, 6, id);
	sqlite3_bind_int64(st, 7, version);
	return db_exec_changed(d, st, "signaal follow-up");
}

static const char SQL_LINK[] =
	"UPDATE signaal SET huishouden_id = ?, updated_by = ?, updated_at = ?, version = version + 1"
	" WHERE id = ? AND status IN ('nieuw', 'in_onderzoek')";

enum db_status db_signaal_link(db *d, int64_t id, int64_t hh, int64_t by)
{
	sqlite3_stmt *st = db_stmt(d, SQL_LINK);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, hh);
	sqlite3_bind_int64(st, 2, by);
	sqlite3_bind_int64(st, 3, now_unix());
	sqlite3_bind_int64(st, 4, id);
	return db_exec_changed(d, st, "signaal link");
}

static const char SQL_BEZOEK_GEBIED[] =
	"SELECT l.gebied_id, b.spreekuur_id, b.created_by FROM bezoek b JOIN spreekuur u ON u.id = b.spreekuur_id"
	" JOIN locatie l ON l.id = u.locatie_id WHERE b.id = ?";

enum db_status db_signaal_bezoek(db *d, int64_t bezoek_id, struct signaal_bezoek *out)
{
	sqlite3_stmt *st = db_stmt(d, SQL_BEZOEK_GEBIED);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, bezoek_id);
	int rc = sqlite3_step(st);
	enum db_status s = DB_NOT_FOUND;
	if (rc == SQLITE_ROW) {
		out->gebied_id = sqlite3_column_int64(st, 0);
		out->spreekuur_id = sqlite3_column_int64(st, 1);
		out->created_by = sqlite3_column_int64(st, 2);
		s = DB_OK;
	} else if (rc != SQLITE_DONE) {
		s = db_status_of(d, rc, "signaal bezoek gebied");
	}
	db_done(st);
	return s;
}

/* Case roles: consulent 1, gebiedsteam 2, teamleider 4. */
static const char SQL_ASSIGNEES[] =
	"SELECT id, name FROM medewerker WHERE active = 1 AND soort = 'persoon' AND (roles & 7) != 0 ORDER BY name, id";
static const char SQL_ASSIGNEE_OK[] =
	"SELECT 1 FROM medewerker WHERE id = ? AND active = 1 AND soort = 'persoon' AND (roles & 7) != 0";

json_t *db_signaal_assignees(db *d)
{
	static const struct db_json_col cols[] = {{"id", DBJ_INT}, {"name", DBJ_TEXT}};
	return db_rows_json(d, db_stmt(d, SQL_ASSIGNEES), cols, ARRAY_LEN(cols));
}

bool db_signaal_assignee_ok(db *d, int64_t medewerker_id)
{
	sqlite3_stmt *st = db_stmt(d, SQL_ASSIGNEE_OK);
	if (!st)
		return false;
	sqlite3_bind_int64(st, 1, medewerker_id);
	bool ok = sqlite3_step(st) == SQLITE_ROW;
	db_done(st);
	return ok;
}

/* ---- demo data ---------------------------------------------------------------- */

static const char SQL_COUNT[] = "SELECT count(*) FROM signaal";
static const char SQL_GEBIED_BY_NAME[] = "SELECT id FROM gebied WHERE name = ?";

static const struct {
	struct signaal_input in;
	const char *gebied;
	int days_ago;
} demo_signals[] = {
	{{"woningcorporatie", "Woningstichting Nijkerk", "De bewoners van Stationsstraat 30",
	  "Drie maanden huurachterstand. De bewoners reageren niet op brieven en telefoontjes; de "
	  "buren zeggen dat er een baby woont.", 0, false, 0, 0}, "Nijkerk-Centrum", 9},
	{{"huisarts", "Huisartsenpraktijk Hoevelaken", "Een oudere meneer die alleen woont aan de Molenweg",
	  "Meneer vergeet zijn afspraken en medicijnen en lijkt slecht te eten sinds zijn vrouw is "
	  "overleden. Hij wil zelf geen hulp vragen.", 0, false, 0, 0}, "Hoevelaken", 3},
};

enum db_status db_signaal_seed_demo(db *d, int64_t by)
{
	sqlite3_stmt *st = db_stmt(d, SQL_COUNT);
	if (!st)
		return DB_ERROR;
	int rc = sqlite3_step(st);
	int64_t existing = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
	db_done(st);
	if (existing != 0)
		return existing > 0 ? DB_OK : db_status_of(d, rc, "signaal count");
	if (db_begin(d) != 0)
		return DB_ERROR;
	enum db_status s = DB_OK;
	for (size_t i = 0; i < ARRAY_LEN(demo_signals) && s == DB_OK; i++) {
		struct signaal_input in = demo_signals[i].in;
		if (!(st = db_stmt(d, SQL_GEBIED_BY_NAME))) {
			s = DB_ERROR;
			break;
		}
		sqlite3_bind_text(st, 1, demo_signals[i].gebied, -1, SQLITE_STATIC);
		in.gebied_id = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
		db_done(st);
		int64_t id = 0;
		s = insert_at(d, &in, by, now_unix() - (int64_t)demo_signals[i].days_ago * 86400, &id);
		struct audit_entry e = {.medewerker_id = by, .action = "signaal.create", .object_type = "signaal",
		                        .object_id = id, .reason = "demodata"};
		if (s == DB_OK)
			s = audit_append(d, &e);
	}
	if (s != DB_OK || db_commit(d) != 0) {
		db_rollback(d);
		return s == DB_OK ? DB_ERROR : s;
	}
	return DB_OK;
}
