/* veiligheid.c - data access for veiligheidszorgen (see db_veiligheid.h). */
#include "db_veiligheid.h"

#include "text.h"

const char *const veiligheid_bronnen[] = {"huishouden", "aanmelding", "intake", "journaal", "bezoek", "signaal", NULL};
const char *const veiligheid_uitkomsten[] = {"gemeld_veilig_thuis", "hulp_georganiseerd", "gemeld_en_hulp",
                                             "zorg_weggenomen", NULL};
const char *const veiligheid_uitkomst_labels[] = {
	"Gemeld bij Veilig Thuis", "Hulp georganiseerd en effecten gevolgd",
	"Gemeld bij Veilig Thuis én hulp georganiseerd", "De zorg is weggenomen: melden en hulp niet nodig", NULL};
const char *const veiligheid_stap_labels[5] = {
	"1. Signalen in kaart brengen",
	"2. Collegiale consultatie en zo nodig Veilig Thuis raadplegen",
	"3. Gesprek met de betrokkene(n)",
	"4. Wegen met het afwegingskader: is melden noodzakelijk, is hulp bieden mogelijk?",
	"5. Beslissen: melden bij Veilig Thuis en/of hulp organiseren en effecten volgen",
};

static const char SQL_INSERT[] =
	"INSERT INTO veiligheidszorg(huishouden_id, persoon_id, bron, bron_id, gezien, gezien_op, opened_by, opened_at)"
	" VALUES (?1, nullif(?2, 0), ?3, nullif(?4, 0), ?5, ?6, ?7, ?8)";

enum db_status db_veiligheid_insert(db *d, const struct veiligheid_new *in, int64_t by, int64_t *id_out)
{
	sqlite3_stmt *st = db_stmt(d, SQL_INSERT);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, in->huishouden_id);
	sqlite3_bind_int64(st, 2, in->persoon_id);
	sqlite3_bind_text(st, 3, in->bron, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 4, in->bron_id);
	sqlite3_bind_text(st, 5, in->gezien, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 6, in->gezien_op, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 7, by);
	sqlite3_bind_int64(st, 8, now_unix());
	return db_exec_insert(d, st, id_out, "veiligheidszorg insert");
}

static const char SQL_OPEN_OF[] =
	"SELECT coalesce(min(id), 0), count(*), coalesce(min(opened_at), 0) FROM veiligheidszorg"
	" WHERE huishouden_id = ? AND status = 'open'";

enum db_status db_veiligheid_open_of(db *d, int64_t hh, int64_t *id, int64_t *open, int64_t *since)
{
	*id = *open = *since = 0;
	sqlite3_stmt *st = db_stmt(d, SQL_OPEN_OF);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, hh);
	int rc = sqlite3_step(st);
	enum db_status s = DB_OK;
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		*open = sqlite3_column_int64(st, 1);
		*since = sqlite3_column_int64(st, 2);
	} else {
		s = db_status_of(d, rc, "veiligheidszorg open");
	}
	db_done(st);
	return s;
}

#define PERSON_NAME "(p.first_name || coalesce(' ' || p.name_prefix, '') || ' ' || p.last_name)"

static const char SQL_GET[] =
	"SELECT z.id, z.huishouden_id, coalesce(z.persoon_id, 0), coalesce(z.bron_id, 0), " PERSON_NAME ","
	" z.bron, z.gezien, z.gezien_op, o.name, z.opened_at, z.status, z.uitkomst, z.toelichting, c.name,"
	" coalesce(z.closed_at, 0), z.version"
	" FROM veiligheidszorg z JOIN medewerker o ON o.id = z.opened_by"
	" LEFT JOIN persoon p ON p.id = z.persoon_id LEFT JOIN medewerker c ON c.id = z.closed_by WHERE z.id = ?";

static void read_zorg(arena *a, sqlite3_stmt *st, void *out)
{
	struct veiligheidszorg *z = out;
	*z = (struct veiligheidszorg){
		.id = sqlite3_column_int64(st, 0), .huishouden_id = sqlite3_column_int64(st, 1),
		.persoon_id = sqlite3_column_int64(st, 2), .bron_id = sqlite3_column_int64(st, 3),
		.persoon = db_col_dup(a, st, 4), .bron = db_col_dup(a, st, 5), .gezien = db_col_dup(a, st, 6),
		.gezien_op = db_col_dup(a, st, 7), .opened_by = db_col_dup(a, st, 8),
		.opened_at = sqlite3_column_int64(st, 9), .status = db_col_dup(a, st, 10),
		.uitkomst = db_col_dup(a, st, 11), .toelichting = db_col_dup(a, st, 12),
		.closed_by = db_col_dup(a, st, 13), .closed_at = sqlite3_column_int64(st, 14),
		.version = sqlite3_column_int64(st, 15),
	};
}

enum db_status db_veiligheid_get(db *d, arena *a, int64_t id, struct veiligheidszorg *out)
{
	sqlite3_stmt *st = db_stmt(d, SQL_GET);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	return db_read_one(d, a, st, read_zorg, out, "veiligheidszorg get");
}

static const char SQL_STEPS[] =
	"SELECT s.id, s.stap, s.datum, s.besluit, s.reden_volgorde, m.name, s.at"
	" FROM veiligheidszorg_stap s JOIN medewerker m ON m.id = s.by WHERE s.zorg_id = ? ORDER BY s.id";

json_t *db_veiligheid_steps(db *d, int64_t zorg_id)
{
	sqlite3_stmt *st = db_stmt(d, SQL_STEPS);
	if (!st)
		return NULL;
	sqlite3_bind_int64(st, 1, zorg_id);
	json_t *list = json_array();
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int stap = sqlite3_column_int(st, 1);
		json_t *o = json_pack("{s:I, s:i, s:s, s:s, s:s, s:s, s:I}", "id", (json_int_t)sqlite3_column_int64(st, 0),
		                      "stap", stap, "stap_label", veiligheid_stap_labels[stap >= 1 && stap <= 5 ? stap - 1 : 0],
		                      "datum", db_col_text(st, 2), "besluit", db_col_text(st, 3), "door", db_col_text(st, 5),
		                      "at", (json_int_t)sqlite3_column_int64(st, 6));
		if (db_col_text(st, 4))
			json_object_set_new(o, "reden_volgorde", json_string(db_col_text(st, 4)));
		json_array_append_new(list, o);
	}
	db_done(st);
	if (rc != SQLITE_DONE) {
		db_status_of(d, rc, "veiligheidszorg stappen");
		json_decref(list);
		return NULL;
	}
	return list;
}

static const char SQL_STEPS_DONE[] =
	"SELECT coalesce(sum(DISTINCT 1 << (stap - 1)), 0) FROM veiligheidszorg_stap WHERE zorg_id = ?";

enum db_status db_veiligheid_steps_done(db *d, int64_t zorg_id, unsigned *bits)
{
	*bits = 0;
	sqlite3_stmt *st = db_stmt(d, SQL_STEPS_DONE);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, zorg_id);
	int rc = sqlite3_step(st);
	enum db_status s = DB_OK;
	if (rc == SQLITE_ROW)
		*bits = (unsigned)sqlite3_column_int(st, 0);
	else
		s = db_status_of(d, rc, "veiligheidszorg stappen gedaan");
	db_done(st);
	return s;
}

static const char SQL_TOUCH_OPEN[] =
	"UPDATE veiligheidszorg SET version = version + 1 WHERE id = ? AND status = 'open'";
static const char SQL_STEP_INSERT[] =
	"INSERT INTO veiligheidszorg_stap(zorg_id, stap, datum, besluit, reden_volgorde, by, at)"
	" VALUES (?, ?, ?, ?, ?, ?, ?)";

enum db_status db_veiligheid_add_step(db *d, int64_t zorg_id, int stap, const char *datum, const char *besluit,
                                      const char *reden, int64_t by, int64_t *id_out)
{
	sqlite3_stmt *st = db_stmt(d, SQL_TOUCH_OPEN);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, zorg_id);
	enum db_status s = db_exec_changed(d, st, "veiligheidszorg stap");
	if (s != DB_OK)
		return s;
	st = db_stmt(d, SQL_STEP_INSERT);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, zorg_id);
	sqlite3_bind_int(st, 2, stap);
	sqlite3_bind_text(st, 3, datum, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, besluit, -1, SQLITE_TRANSIENT);
	db_bind_opt_text(st, 5, reden);
	sqlite3_bind_int64(st, 6, by);
	sqlite3_bind_int64(st, 7, now_unix());
	return db_exec_insert(d, st, id_out, "veiligheidszorg stap insert");
}

static const char SQL_CLOSE[] =
	"UPDATE veiligheidszorg SET status = 'gesloten', uitkomst = ?1, toelichting = ?2, closed_by = ?3,"
	" closed_at = ?4, version = version + 1 WHERE id = ?5 AND status = 'open' AND version = ?6";

enum db_status db_veiligheid_close(db *d, int64_t zorg_id, int64_t version, const char *uitkomst,
                                   const char *toelichting, int64_t by)
{
	sqlite3_stmt *st = db_stmt(d, SQL_CLOSE);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_text(st, 1, uitkomst, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, toelichting, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 3, by);
	sqlite3_bind_int64(st, 4, now_unix());
	sqlite3_bind_int64(st, 5, zorg_id);
	sqlite3_bind_int64(st, 6, version);
	return db_exec_changed(d, st, "veiligheidszorg sluiten");
}

static const char SQL_FOR_HH[] =
	"SELECT z.id, " PERSON_NAME ", z.gezien, z.gezien_op, z.status, z.opened_at, o.name, z.uitkomst,"
	" coalesce(z.closed_at, 0),"
	" (SELECT count(DISTINCT s.stap) FROM veiligheidszorg_stap s WHERE s.zorg_id = z.id)"
	" FROM veiligheidszorg z JOIN medewerker o ON o.id = z.opened_by LEFT JOIN persoon p ON p.id = z.persoon_id"
	" WHERE z.huishouden_id = ? ORDER BY z.status = 'open' DESC, z.id DESC";

json_t *db_veiligheid_for_household(db *d, int64_t hh)
{
	sqlite3_stmt *st = db_stmt(d, SQL_FOR_HH);
	if (!st)
		return NULL;
	sqlite3_bind_int64(st, 1, hh);
	json_t *list = json_array();
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:I, s:s, s:I}", "id", (json_int_t)sqlite3_column_int64(st, 0),
		                      "gezien", db_col_text(st, 2), "gezien_op", db_col_text(st, 3),
		                      "status", db_col_text(st, 4), "opened_at", (json_int_t)sqlite3_column_int64(st, 5),
		                      "opened_by", db_col_text(st, 6), "steps_done", (json_int_t)sqlite3_column_int64(st, 9));
		if (db_col_text(st, 1))
			json_object_set_new(o, "persoon", json_string(db_col_text(st, 1)));
		if (db_col_text(st, 7)) {
			json_object_set_new(o, "uitkomst", json_string(db_col_text(st, 7)));
			json_object_set_new(o, "closed_at", json_integer(sqlite3_column_int64(st, 8)));
		}
		json_array_append_new(list, o);
	}
	db_done(st);
	if (rc != SQLITE_DONE) {
		db_status_of(d, rc, "veiligheidszorgen huishouden");
		json_decref(list);
		return NULL;
	}
	return list;
}

static const char SQL_OPEN_LIST[] =
	"SELECT z.id, z.huishouden_id, h.street, h.house_number, h.house_suffix, h.postcode, h.city, rm.name,"
	" coalesce(rm.team_id, 0), z.opened_at,"
	" (SELECT count(DISTINCT s.stap) FROM veiligheidszorg_stap s WHERE s.zorg_id = z.id)"
	" FROM veiligheidszorg z JOIN huishouden h ON h.id = z.huishouden_id"
	" LEFT JOIN medewerker rm ON rm.id = h.regisseur_id"
	" WHERE z.status = 'open' ORDER BY z.opened_at, z.id LIMIT ?";

json_t *db_veiligheid_open_list(db *d, int limit)
{
	sqlite3_stmt *st = db_stmt(d, SQL_OPEN_LIST);
	if (!st)
		return NULL;
	sqlite3_bind_int(st, 1, limit);
	json_t *list = json_array();
	arena *a = arena_new();
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		json_t *o = json_pack("{s:I, s:I, s:s, s:I, s:I}", "id", (json_int_t)sqlite3_column_int64(st, 0),
		                      "huishouden_id", (json_int_t)sqlite3_column_int64(st, 1),
		                      "address", text_address(a, db_col_text(st, 2), sqlite3_column_int64(st, 3),
		                                              db_col_text(st, 4), db_col_text(st, 5), db_col_text(st, 6)),
		                      "opened_at", (json_int_t)sqlite3_column_int64(st, 9),
		                      "steps_done", (json_int_t)sqlite3_column_int64(st, 10));
		if (db_col_text(st, 7)) {
			json_object_set_new(o, "regisseur", json_string(db_col_text(st, 7)));
			json_object_set_new(o, "regisseur_team_id", json_integer(sqlite3_column_int64(st, 8)));
		}
		json_array_append_new(list, o);
	}
	arena_free(a);
	db_done(st);
	if (rc != SQLITE_DONE) {
		db_status_of(d, rc, "open veiligheidszorgen");
		json_decref(list);
		return NULL;
	}
	return list;
}
