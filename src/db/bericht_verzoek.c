/* bericht_verzoek.c - data access for a provider's requests (315, 317),
 * declared prestaties (323) and contracts (see db_bericht.h). */
#include "db_bericht.h"

#include <string.h>
#include <time.h>

static void bind_text(sqlite3_stmt *st, int i, const char *s)
{
	sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
}

enum db_status db_verzoek_insert(db *d, const struct verzoek_rij *in, int64_t *id_out)
{
	sqlite3_stmt *st = db_stmt(d, "INSERT INTO verzoek(bericht_id, soort, persoon_id, huishouden_id, aanbieder_id,"
	                              " referentie, inhoud, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, in->bericht_id);
	bind_text(st, 2, in->soort);
	sqlite3_bind_int64(st, 3, in->persoon_id);
	sqlite3_bind_int64(st, 4, in->huishouden_id);
	sqlite3_bind_int64(st, 5, in->aanbieder_id);
	bind_text(st, 6, in->referentie);
	bind_text(st, 7, in->inhoud);
	sqlite3_bind_int64(st, 8, (int64_t)time(NULL));
	return db_exec_insert(d, st, id_out, "verzoek insert");
}

#define V_COLS                                                                                                 \
	"SELECT v.id AS id, v.bericht_id AS bericht_id, v.soort AS soort, v.persoon_id AS persoon_id,"            \
	" p.first_name || coalesce(' ' || p.name_prefix, '') || ' ' || p.last_name AS persoon,"                 \
	" v.huishouden_id AS huishouden_id, v.aanbieder_id AS aanbieder_id, a.name AS aanbieder,"               \
	" a.agb_code AS agb_code, v.referentie AS referentie, v.inhoud AS inhoud, v.status AS status,"          \
	" v.reden_afwijzing AS reden_afwijzing, v.toelichting AS toelichting, m.name AS beslist_door,"          \
	" v.beslist_at AS beslist_op, v.created_at AS ontvangen_op, v.version AS versie"                         \
	" FROM verzoek v JOIN persoon p ON p.id = v.persoon_id JOIN aanbieder a ON a.id = v.aanbieder_id"      \
	" LEFT JOIN medewerker m ON m.id = v.beslist_door"

enum db_status db_verzoek_get(db *d, int64_t id, json_t **out)
{
	sqlite3_stmt *st = db_stmt(d, V_COLS " WHERE v.id = ?");
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	return db_one_row_json(d, st, out, "verzoek get");
}

json_t *db_verzoek_list(db *d, int64_t huishouden_id, const char *status)
{
	sqlite3_stmt *st = db_stmt(d, V_COLS " WHERE (?1 IS NULL OR v.huishouden_id = ?1) AND (?2 IS NULL OR v.status = ?2)"
	                                     " ORDER BY v.status <> 'open', v.id DESC LIMIT 500");
	if (!st)
		return json_array();
	db_bind_opt_id(st, 1, huishouden_id);
	db_bind_opt_text(st, 2, status);
	return db_all_rows_json(d, st, "verzoek list");
}

enum db_status db_verzoek_beslis(db *d, int64_t id, int64_t version, const char *status, const char *reden,
                                 const char *toelichting, int64_t by)
{
	sqlite3_stmt *st = db_stmt(d, "UPDATE verzoek SET status = ?, reden_afwijzing = ?, toelichting = ?, beslist_door = ?,"
	                              " beslist_at = ?, version = version + 1"
	                              " WHERE id = ? AND version = ? AND status = 'open'");
	if (!st)
		return DB_ERROR;
	bind_text(st, 1, status);
	db_bind_opt_text(st, 2, reden);
	db_bind_opt_text(st, 3, toelichting);
	sqlite3_bind_int64(st, 4, by);
	sqlite3_bind_int64(st, 5, (int64_t)time(NULL));
	sqlite3_bind_int64(st, 6, id);
	sqlite3_bind_int64(st, 7, version);
	return db_exec_changed(d, st, "verzoek beslis");
}

enum db_status db_prestatie_insert(db *d, const struct prestatie_rij *in)
{
	sqlite3_stmt *st = db_stmt(d, "INSERT INTO declaratie_prestatie(bericht_id, toewijzing_id, voorziening_id,"
	                              " aanbieder_id, referentie, begindatum, einddatum, volume, eenheid, tarief_cents,"
	                              " bedrag_cents, goedgekeurd, retourcodes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, in->bericht_id);
	db_bind_opt_id(st, 2, in->toewijzing_id);
	db_bind_opt_id(st, 3, in->voorziening_id);
	db_bind_opt_id(st, 4, in->aanbieder_id);
	bind_text(st, 5, in->referentie);
	bind_text(st, 6, in->begindatum);
	bind_text(st, 7, in->einddatum);
	sqlite3_bind_int64(st, 8, in->volume);
	bind_text(st, 9, in->eenheid);
	sqlite3_bind_int64(st, 10, in->tarief_cents);
	sqlite3_bind_int64(st, 11, in->bedrag_cents);
	sqlite3_bind_int(st, 12, in->goedgekeurd ? 1 : 0);
	bind_text(st, 13, in->retourcodes);
	return db_exec_insert(d, st, NULL, "prestatie insert");
}

enum db_status db_prestatie_volume(db *d, int64_t toewijzing_id, int64_t *volume)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT coalesce(sum(volume), 0) FROM declaratie_prestatie"
	                              " WHERE toewijzing_id = ? AND goedgekeurd = 1");
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, toewijzing_id);
	return db_read_ints(d, st, volume, 1, "prestatie volume");
}

enum db_status db_contract_tarief(db *d, int64_t x, const char *categorie, const char *code, const char *dag,
                                  int64_t *cents, const char **eenheid, arena *a)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT c.tarief_cents, c.eenheid FROM aanbieder_contract c"
	                              " JOIN product p ON p.id = c.product_id WHERE c.aanbieder_id = ? AND p.category = ?"
	                              " AND p.code = ? AND c.van <= ? AND (c.tot IS NULL OR c.tot >= ?)"
	                              " ORDER BY c.van DESC LIMIT 1");
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, x);
	bind_text(st, 2, categorie);
	bind_text(st, 3, code);
	bind_text(st, 4, dag);
	bind_text(st, 5, dag);
	int rc = sqlite3_step(st);
	enum db_status s = DB_NOT_FOUND;
	if (rc == SQLITE_ROW) {
		*cents = sqlite3_column_int64(st, 0);
		*eenheid = db_col_dup(a, st, 1);
		s = DB_OK;
	} else if (rc != SQLITE_DONE) {
		s = db_status_of(d, rc, "contract tarief");
	}
	db_done(st);
	return s;
}

json_t *db_bericht_toewijzingen(db *d, int64_t voorziening_id)
{
	sqlite3_stmt *st = db_stmt(
		d, "SELECT t.id AS id, t.nummer AS nummer, t.standaard AS standaard, t.categorie AS categorie, t.code AS code,"
		   " t.ingangsdatum AS ingangsdatum, t.einddatum AS einddatum, t.volume AS volume, t.eenheid AS eenheid,"
		   " t.frequentie AS frequentie, t.reden_wijziging AS reden_wijziging, t.actueel AS actueel,"
		   " t.gewijzigd AS gewijzigd, t.gestart_op AS gestart_op, t.gestopt_op AS gestopt_op,"
		   " t.reden_beeindiging AS reden_beeindiging,"
		   " (SELECT coalesce(sum(p.volume), 0) FROM declaratie_prestatie p WHERE p.toewijzing_id = t.id"
		   "   AND p.goedgekeurd = 1) AS gedeclareerd_volume,"
		   " (SELECT coalesce(sum(p.bedrag_cents), 0) FROM declaratie_prestatie p WHERE p.toewijzing_id = t.id"
		   "   AND p.goedgekeurd = 1) AS gedeclareerd_centen"
		   " FROM toewijzing t WHERE t.voorziening_id = ? ORDER BY t.nummer");
	if (!st)
		return json_array();
	sqlite3_bind_int64(st, 1, voorziening_id);
	return db_all_rows_json(d, st, "bericht toewijzingen");
}

json_t *db_bericht_declaraties(db *d, int64_t voorziening_id)
{
	sqlite3_stmt *st = db_stmt(
		d, "SELECT p.id AS id, p.referentie AS referentie, p.begindatum AS begindatum, p.einddatum AS einddatum,"
		   " p.volume AS volume, p.eenheid AS eenheid, p.tarief_cents AS tarief_centen, p.bedrag_cents AS bedrag_centen,"
		   " p.goedgekeurd AS goedgekeurd, p.retourcodes AS retourcodes, b.identificatie AS bericht"
		   " FROM declaratie_prestatie p JOIN bericht b ON b.id = p.bericht_id WHERE p.voorziening_id = ?"
		   " ORDER BY p.begindatum, p.id");
	if (!st)
		return json_array();
	sqlite3_bind_int64(st, 1, voorziening_id);
	return db_all_rows_json(d, st, "bericht declaraties");
}

/* ---- demo data ------------------------------------------------------------ */

static const char *const demo_sql[] = {
	/* Geslacht of the scenario members (COD046). */
	"UPDATE persoon SET geslacht = '2' WHERE first_name IN ('Grietje', 'Gemma', 'Lotte', 'Zoë', 'Noa', 'Mirjam')",
	"UPDATE persoon SET geslacht = '1' WHERE first_name IN ('Hendrik', 'Daan', 'Bennie', 'Sem', 'Thijs')",
	/* Units and frequencies in the standard (WJ756, WMO757). */
	"UPDATE product SET eenheid = '04', frequentie = '2' WHERE code IN ('01HBH', '02BGI', '45AMB')",
	"UPDATE product SET eenheid = '16', frequentie = '2' WHERE code IN ('07DAG', '41DBH')",
	"UPDATE product SET eenheid = '14', frequentie = '4' WHERE code = '02MZO'",
	/* Contracts: tariff per unit for the year. */
	"INSERT INTO aanbieder_contract(aanbieder_id, product_id, tarief_cents, eenheid, van, tot)"
	" SELECT a.id, p.id, CASE p.code WHEN '01HBH' THEN 3250 WHEN '02BGI' THEN 6480 WHEN '07DAG' THEN 5560"
	" WHEN '45AMB' THEN 8320 WHEN '41DBH' THEN 9150 ELSE 6000 END, p.eenheid,"
	" strftime('%Y', 'now') || '-01-01', strftime('%Y', 'now') || '-12-31'"
	" FROM aanbieder a JOIN product p ON (a.agb_code = '75750123' AND p.code IN ('01HBH', '02BGI'))"
	" OR (a.agb_code = '73731234' AND p.code IN ('45AMB', '41DBH'))"
	" OR (a.agb_code = '75759876' AND p.code IN ('02BGI', '07DAG', '02MZO'))",
};

enum db_status db_bericht_seed_demo(db *d)
{
	if (db_begin(d) != 0)
		return DB_ERROR;
	enum db_status s = DB_OK;
	for (size_t i = 0; i < sizeof demo_sql / sizeof demo_sql[0] && s == DB_OK; i++) {
		sqlite3_stmt *st = db_stmt(d, demo_sql[i]);
		s = st ? db_exec_stmt(d, st, "bericht demo") : DB_ERROR;
	}
	if (s != DB_OK || db_commit(d) != 0) {
		db_rollback(d);
		return s == DB_OK ? DB_ERROR : s;
	}
	return DB_OK;
}
