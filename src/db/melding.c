/* melding.c - the meldingen on Mijn werk (see db_melding.h).  One query per
 * kind, all with the same leading columns; the legal terms are decided in
 * C by src/termijn.c, so their query only finds the candidates. */
#include "db_melding.h"

#include <string.h>

#include "termijn.h"

const char *const melding_soorten[] = {"veiligheidszorg", "toegewezen", "overdracht", "afspraak",
                                       "termijn_week", "termijn_verlopen", "verzoek", "signaal_groei",
                                       "signaal_overlap", "signaal_tijdelijk", NULL};

#define ADDRESS "h.street || ' ' || h.house_number || coalesce(h.house_suffix, '') || ', ' || h.postcode || ' ' || h.city"
/* ?1 me, ?3 include_read: "gelezen" and the filter on it, for kind k. */
#define READ(k, idcol) \
	" EXISTS (SELECT 1 FROM melding_gelezen m WHERE m.medewerker_id = ?1 AND m.soort = '" k "'" \
	" AND m.object_id = " idcol ")"
#define UNREAD_OR_ALL(k, idcol) " AND (?3 OR NOT" READ(k, idcol) ")"

/* Parameters: ?1 me, ?2 my team (0: none), ?3 include read ones, ?4 today,
 * ?5 the start of the handover window; each query uses those it needs. */
static const char SQL_VEILIGHEID[] =
	"SELECT 'veiligheidszorg' AS soort, z.id AS id, h.id AS huishouden_id, " ADDRESS " AS adres,"
	" z.opened_at AS at," READ("veiligheidszorg", "z.id") " AS gelezen,"
	" o.name AS door, z.gezien_op AS gezien_op"
	" FROM veiligheidszorg z JOIN huishouden h ON h.id = z.huishouden_id"
	" JOIN medewerker o ON o.id = z.opened_by"
	" LEFT JOIN medewerker rm ON rm.id = h.regisseur_id AND rm.active = 1"
	" LEFT JOIN gebied g ON g.id = h.gebied_id"
	" WHERE z.status = 'open' AND z.opened_by <> ?1"
	" AND (rm.id = ?1"
	"  OR EXISTS (SELECT 1 FROM casusteam c WHERE c.huishouden_id = h.id AND c.medewerker_id = ?1)"
	"  OR (?2 <> 0 AND (rm.team_id = ?2 OR (rm.id IS NULL AND"
	"   coalesce(g.team_id, (SELECT t.id FROM team t WHERE t.centrale_intake = 1)) = ?2))))"
	UNREAD_OR_ALL("veiligheidszorg", "z.id")
	" ORDER BY z.opened_at DESC, z.id DESC LIMIT 100";

static const char SQL_TOEGEWEZEN[] =
	"SELECT 'toegewezen' AS soort, a.id AS id, h.id AS huishouden_id, " ADDRESS " AS adres,"
	" a.opgepakt_at AS at," READ("toegewezen", "a.id") " AS gelezen, b.name AS door"
	" FROM aanmelding a JOIN huishouden h ON h.id = a.huishouden_id"
	" JOIN medewerker b ON b.id = a.behandelaar_door"
	" WHERE a.behandelaar_id = ?1 AND a.status = 'open' AND a.behandelaar_door <> ?1"
	UNREAD_OR_ALL("toegewezen", "a.id")
	" ORDER BY a.opgepakt_at DESC, a.id DESC LIMIT 100";

static const char SQL_OVERDRACHT[] =
	"SELECT 'overdracht' AS soort, r.id AS id, h.id AS huishouden_id, " ADDRESS " AS adres,"
	" r.at AS at," READ("overdracht", "r.id") " AS gelezen, f.name AS van, b.name AS door,"
	" r.reason AS reden, r.handover_note AS overdracht"
	" FROM regie_toewijzing r JOIN huishouden h ON h.id = r.huishouden_id"
	" LEFT JOIN medewerker f ON f.id = r.from_id JOIN medewerker b ON b.id = r.by_id"
	" WHERE r.to_id = ?1 AND r.by_id <> ?1 AND r.at >= ?5 AND h.regisseur_id = ?1"
	UNREAD_OR_ALL("overdracht", "r.id")
	" ORDER BY r.at DESC, r.id DESC LIMIT 100";

static const char SQL_AFSPRAAK[] =
	"SELECT 'afspraak' AS soort, a.id AS id, h.id AS huishouden_id, " ADDRESS " AS adres,"
	" a.created_at AS at," READ("afspraak", "a.id") " AS gelezen, a.what AS wat, a.due_date AS uiterlijk"
	" FROM afspraak a JOIN doel g ON g.id = a.doel_id JOIN plan p ON p.id = g.plan_id"
	" JOIN huishouden h ON h.id = p.huishouden_id"
	" WHERE a.medewerker_id = ?1 AND a.done_on IS NULL AND a.due_date < ?4 AND h.status <> 'afgesloten'"
	UNREAD_OR_ALL("afspraak", "a.id")
	" ORDER BY a.due_date, a.id LIMIT 100";

/* A provider's request (315, 317) waiting for a decision, in a household
 * where I am the regisseur (issue 14). */
static const char SQL_VERZOEK[] =
	"SELECT 'verzoek' AS soort, v.id AS id, h.id AS huishouden_id, " ADDRESS " AS adres,"
	" v.created_at AS at," READ("verzoek", "v.id") " AS gelezen, a.name AS door, v.soort AS verzoek_soort"
	" FROM verzoek v JOIN huishouden h ON h.id = v.huishouden_id JOIN aanbieder a ON a.id = v.aanbieder_id"
	" WHERE v.status = 'open' AND h.regisseur_id = ?1"
	UNREAD_OR_ALL("verzoek", "v.id")
	" ORDER BY v.created_at DESC, v.id DESC LIMIT 100";

/* Open aanmeldingen with a legal term that are mine: as behandelaar, or
 * as the household's regisseur.  Both read marks, since the kind is only
 * known once the term is computed. */
static const char SQL_TERMIJN[] =
	"SELECT 'termijn' AS soort, a.id AS id, h.id AS huishouden_id, " ADDRESS " AS adres,"
	" a.received_at AS at, a.soort AS termijn_soort, a.received_at AS received_at,"
	" a.aanvraag_ontvangen AS aanvraag_ontvangen, a.verlenging_dagen AS verlenging_dagen,"
	READ("termijn_week", "a.id") " AS gelezen_week," READ("termijn_verlopen", "a.id") " AS gelezen_verlopen"
	" FROM aanmelding a JOIN huishouden h ON h.id = a.huishouden_id"
	" WHERE a.id IN (SELECT x.id FROM aanmelding x WHERE x.behandelaar_id = ?1 AND x.status = 'open'"
	"  UNION SELECT y.id FROM huishouden hy JOIN aanmelding y ON y.huishouden_id = hy.id"
	"  WHERE hy.regisseur_id = ?1 AND y.status = 'open')"
	" AND a.soort <> 'vraag'"
	" ORDER BY a.received_at, a.id LIMIT 500";

static sqlite3_stmt *bound(db *d, const char *sql, const struct melding_for *who, bool include_read)
{
	sqlite3_stmt *st = db_stmt(d, sql);
	if (!st)
		return NULL;
	/* Each query uses the parameters it needs, up to its highest. */
	int n = sqlite3_bind_parameter_count(st);
	sqlite3_bind_int64(st, 1, who->me);
	if (n >= 2)
		sqlite3_bind_int64(st, 2, who->team_id);
	if (n >= 3)
		sqlite3_bind_int(st, 3, include_read);
	if (n >= 4)
		sqlite3_bind_text(st, 4, who->today, -1, SQLITE_TRANSIENT);
	if (n >= 5)
		sqlite3_bind_int64(st, 5, now_unix() - 30 * 86400);
	return st;
}

/* gelezen as a boolean (SQLite gives 0/1). */
static void gelezen_bool(json_t *row, const char *key)
{
	json_t *v = json_object_get(row, key);
	json_object_set_new(row, "gelezen", json_boolean(v && json_integer_value(v) != 0));
}

/* Appends the rows of one kind's query to out. */
static enum db_status add_kind(db *d, const char *sql, const struct melding_for *who, bool include_read,
                               json_t *out, const char *context)
{
	sqlite3_stmt *st = bound(d, sql, who, include_read);
	if (!st)
		return DB_ERROR;
	json_t *rows = db_all_rows_or_null(d, st, context);
	if (!rows)
		return DB_ERROR;
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row) {
		gelezen_bool(row, "gelezen");
		json_array_append(out, row);
	}
	json_decref(rows);
	return DB_OK;
}

/* The legal terms: each candidate becomes termijn_verlopen, termijn_week
 * or nothing; "verlopen" go to over, "week" to week. */
static enum db_status add_terms(db *d, const struct melding_for *who, bool include_read, json_t *over,
                                json_t *week)
{
	sqlite3_stmt *st = bound(d, SQL_TERMIJN, who, include_read);
	if (!st)
		return DB_ERROR;
	json_t *rows = db_all_rows_or_null(d, st, "meldingen termijn");
	if (!rows)
		return DB_ERROR;
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row) {
		json_object_set(row, "soort", json_object_get(row, "termijn_soort"));
		termijn_to_json(row, who->today);
		json_t *t = json_object_get(row, "termijn");
		bool late = json_is_true(json_object_get(t, "te_laat"));
		bool soon = json_is_true(json_object_get(t, "binnen_week"));
		if (!late && !soon)
			continue;
		bool read = json_integer_value(json_object_get(row, late ? "gelezen_verlopen" : "gelezen_week")) != 0;
		if (read && !include_read)
			continue;
		json_object_set_new(row, "soort", json_string(late ? "termijn_verlopen" : "termijn_week"));
		json_object_set_new(row, "gelezen", json_boolean(read));
		json_array_append(late ? over : week, row);
	}
	json_decref(rows);
	return DB_OK;
}

enum db_status db_meldingen(db *d, const struct melding_for *who, bool include_read, json_t **out)
{
	*out = NULL;
	json_t *list = json_array(), *over = json_array(), *week = json_array();
	/* Most urgent first: safety, overdue terms, overdue agreements, what
	 * was handed to me, terms due within a week. */
	enum db_status s = add_kind(d, SQL_VEILIGHEID, who, include_read, list, "meldingen veiligheid");
	if (s == DB_OK)
		s = add_terms(d, who, include_read, over, week);
	if (s == DB_OK) {
		json_array_extend(list, over);
		s = add_kind(d, SQL_AFSPRAAK, who, include_read, list, "meldingen afspraak");
	}
	if (s == DB_OK)
		s = add_kind(d, SQL_VERZOEK, who, include_read, list, "meldingen verzoek");
	if (s == DB_OK)
		s = add_kind(d, SQL_TOEGEWEZEN, who, include_read, list, "meldingen toegewezen");
	if (s == DB_OK)
		s = add_kind(d, SQL_OVERDRACHT, who, include_read, list, "meldingen overdracht");
	if (s == DB_OK)
		json_array_extend(list, week);
	json_decref(over);
	json_decref(week);
	if (s != DB_OK) {
		json_decref(list);
		return s;
	}
	*out = list;
	return DB_OK;
}

static const char SQL_IS_READ[] =
	"SELECT 1 FROM melding_gelezen WHERE medewerker_id = ? AND soort = ? AND object_id = ?";

enum db_status db_melding_is_read(db *d, int64_t me, const char *soort, int64_t id, bool *read)
{
	*read = false;
	sqlite3_stmt *st = db_stmt(d, SQL_IS_READ);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, me);
	sqlite3_bind_text(st, 2, soort, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 3, id);
	int rc = sqlite3_step(st);
	*read = rc == SQLITE_ROW;
	enum db_status s = rc == SQLITE_ROW || rc == SQLITE_DONE ? DB_OK : db_status_of(d, rc, "melding is read");
	db_done(st);
	return s;
}

static const char SQL_MARK[] =
	"INSERT INTO melding_gelezen(medewerker_id, soort, object_id, gelezen_at) VALUES (?1, ?2, ?3, ?4)"
	" ON CONFLICT (medewerker_id, soort, object_id) DO NOTHING";

enum db_status db_melding_mark_read(db *d, int64_t me, const char *soort, int64_t id)
{
	sqlite3_stmt *st = db_stmt(d, SQL_MARK);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, me);
	sqlite3_bind_text(st, 2, soort, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 3, id);
	sqlite3_bind_int64(st, 4, now_unix());
	return db_exec_stmt(d, st, "melding gelezen");
}
