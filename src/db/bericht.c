/* bericht.c - data access for berichtenverkeer: counters, toewijzingen and
 * messages (see db_bericht.h; requests and declarations are in
 * bericht_verzoek.c). */
#include "db_bericht.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "bericht_xml.h"

static void bind_text(sqlite3_stmt *st, int i, const char *s)
{
	sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
}

enum db_status db_teller_next(db *d, const char *naam, int64_t *out)
{
	sqlite3_stmt *st = db_stmt(d, "UPDATE teller SET waarde = waarde + 1 WHERE naam = ? RETURNING waarde");
	if (!st)
		return DB_ERROR;
	bind_text(st, 1, naam);
	return db_read_ints(d, st, out, 1, "teller");
}

/* ---- the voorziening behind a toewijzing ---------------------------------- */

static const char SQL_BRON[] =
	"SELECT v.id, v.huishouden_id, v.persoon_id, v.aanbieder_id, v.kind, v.status, v.legal_basis, pr.category,"
	" pr.code, v.unit, v.frequency, v.start_date, v.end_date, v.ended_on, v.end_reason, v.volume, p.bsn,"
	" a.agb_code, a.ontvangt_iwmo, a.ontvangt_ijw, p.geen_berichten"
	" FROM voorziening v LEFT JOIN persoon p ON p.id = v.persoon_id LEFT JOIN aanbieder a ON a.id = v.aanbieder_id"
	" LEFT JOIN product pr ON pr.id = v.product_id WHERE v.id = ?";

static void read_bron(arena *a, sqlite3_stmt *st, void *out)
{
	struct tw_bron *b = out;
	*b = (struct tw_bron){
		.voorziening_id = sqlite3_column_int64(st, 0), .huishouden_id = sqlite3_column_int64(st, 1),
		.persoon_id = sqlite3_column_int64(st, 2), .aanbieder_id = sqlite3_column_int64(st, 3),
		.kind = db_col_dup(a, st, 4), .status = db_col_dup(a, st, 5), .legal_basis = db_col_dup(a, st, 6),
		.categorie = db_col_dup(a, st, 7), .code = db_col_dup(a, st, 8), .unit = db_col_dup(a, st, 9),
		.frequency = db_col_dup(a, st, 10), .start_date = db_col_dup(a, st, 11), .end_date = db_col_dup(a, st, 12),
		.ended_on = db_col_dup(a, st, 13), .end_reason = db_col_dup(a, st, 14), .volume = sqlite3_column_int64(st, 15),
		.bsn = db_col_dup(a, st, 16), .agb = db_col_dup(a, st, 17), .ontvangt_iwmo = sqlite3_column_int(st, 18) == 1,
		.ontvangt_ijw = sqlite3_column_int(st, 19) == 1, .geen_berichten = db_col_dup(a, st, 20)};
}

enum db_status db_tw_bron(db *d, arena *a, int64_t voorziening_id, struct tw_bron *out)
{
	sqlite3_stmt *st = db_stmt(d, SQL_BRON);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, voorziening_id);
	return db_read_one(d, a, st, read_bron, out, "toewijzing bron");
}

/* ---- toewijzingen ----------------------------------------------------------- */

#define TW_COLS                                                                                          \
	"SELECT id, nummer, voorziening_id, persoon_id, aanbieder_id, standaard, categorie, code, ingangsdatum," \
	" einddatum, volume, eenheid, frequentie, toewijzingsdatum, toewijzingstijd, reden_wijziging, actueel,"  \
	" gewijzigd, gestart_op, gestopt_op, referentie_aanbieder FROM toewijzing"

static void read_tw(arena *a, sqlite3_stmt *st, void *out)
{
	struct tw_rij *t = out;
	*t = (struct tw_rij){
		.id = sqlite3_column_int64(st, 0), .nummer = sqlite3_column_int64(st, 1),
		.voorziening_id = sqlite3_column_int64(st, 2), .persoon_id = sqlite3_column_int64(st, 3),
		.aanbieder_id = sqlite3_column_int64(st, 4), .standaard = db_col_dup(a, st, 5),
		.categorie = db_col_dup(a, st, 6), .code = db_col_dup(a, st, 7), .ingangsdatum = db_col_dup(a, st, 8),
		.einddatum = db_col_dup(a, st, 9), .volume = sqlite3_column_int64(st, 10), .eenheid = db_col_dup(a, st, 11),
		.frequentie = db_col_dup(a, st, 12), .toewijzingsdatum = db_col_dup(a, st, 13),
		.toewijzingstijd = db_col_dup(a, st, 14), .reden_wijziging = db_col_dup(a, st, 15),
		.actueel = sqlite3_column_int(st, 16) == 1, .gewijzigd = sqlite3_column_int(st, 17) == 1,
		.gestart_op = db_col_dup(a, st, 18), .gestopt_op = db_col_dup(a, st, 19),
		.referentie_aanbieder = db_col_dup(a, st, 20)};
}

enum db_status db_tw_actueel(db *d, arena *a, int64_t voorziening_id, struct tw_rij *out)
{
	sqlite3_stmt *st = db_stmt(d, TW_COLS " WHERE voorziening_id = ? AND actueel = 1 ORDER BY id DESC LIMIT 1");
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, voorziening_id);
	return db_read_one(d, a, st, read_tw, out, "toewijzing actueel");
}

enum db_status db_tw_by_nummer(db *d, arena *a, int64_t nummer, struct tw_rij *out)
{
	sqlite3_stmt *st = db_stmt(d, TW_COLS " WHERE nummer = ?");
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, nummer);
	return db_read_one(d, a, st, read_tw, out, "toewijzing nummer");
}

enum db_status db_tw_insert(db *d, const struct tw_rij *in, int64_t *id_out)
{
	sqlite3_stmt *st = db_stmt(d, "INSERT INTO toewijzing(nummer, voorziening_id, persoon_id, aanbieder_id, standaard,"
	                              " categorie, code, ingangsdatum, einddatum, volume, eenheid, frequentie,"
	                              " toewijzingsdatum, toewijzingstijd, reden_wijziging, referentie_aanbieder)"
	                              " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, in->nummer);
	sqlite3_bind_int64(st, 2, in->voorziening_id);
	sqlite3_bind_int64(st, 3, in->persoon_id);
	sqlite3_bind_int64(st, 4, in->aanbieder_id);
	bind_text(st, 5, in->standaard);
	bind_text(st, 6, in->categorie);
	bind_text(st, 7, in->code);
	bind_text(st, 8, in->ingangsdatum);
	bind_text(st, 9, in->einddatum);
	sqlite3_bind_int64(st, 10, in->volume);
	bind_text(st, 11, in->eenheid);
	bind_text(st, 12, in->frequentie);
	bind_text(st, 13, in->toewijzingsdatum);
	bind_text(st, 14, in->toewijzingstijd);
	db_bind_opt_text(st, 15, in->reden_wijziging);
	db_bind_opt_text(st, 16, in->referentie_aanbieder);
	return db_exec_insert(d, st, id_out, "toewijzing insert");
}

enum db_status db_tw_einde(db *d, int64_t id, const char *einddatum, const char *reden, const char *datum,
                           const char *tijd, bool actueel)
{
	sqlite3_stmt *st = db_stmt(d, "UPDATE toewijzing SET einddatum = ?, reden_wijziging = ?, toewijzingsdatum = ?,"
	                              " toewijzingstijd = ?, actueel = ?, gewijzigd = 1 WHERE id = ?");
	if (!st)
		return DB_ERROR;
	bind_text(st, 1, einddatum);
	db_bind_opt_text(st, 2, reden);
	bind_text(st, 3, datum);
	bind_text(st, 4, tijd);
	sqlite3_bind_int(st, 5, actueel ? 1 : 0);
	sqlite3_bind_int64(st, 6, id);
	return db_exec_changed(d, st, "toewijzing einde");
}

enum db_status db_tw_voor_bericht(db *d, arena *a, int64_t p, int64_t x, const char *s, const char *vandaag,
                                  struct tw_rij **out, size_t *n)
{
	sqlite3_stmt *st = db_stmt(d, TW_COLS " WHERE persoon_id = ? AND aanbieder_id = ? AND standaard = ?"
	                                      " AND (einddatum >= ? OR gewijzigd = 1) ORDER BY nummer");
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, p);
	sqlite3_bind_int64(st, 2, x);
	bind_text(st, 3, s);
	bind_text(st, 4, vandaag);
	return db_read_all(d, a, st, read_tw, sizeof **out, (void **)out, n, "toewijzing voor bericht");
}

enum db_status db_tw_verzonden(db *d, int64_t bericht_id, int64_t toewijzing_id)
{
	sqlite3_stmt *st = db_stmt(d, "UPDATE toewijzing SET gewijzigd = 0 WHERE id = ?");
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, toewijzing_id);
	enum db_status s = db_exec_stmt(d, st, "toewijzing verzonden");
	if (s != DB_OK)
		return s;
	st = db_stmt(d, "INSERT INTO bericht_toewijzing(bericht_id, toewijzing_id) VALUES (?, ?)");
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, bericht_id);
	sqlite3_bind_int64(st, 2, toewijzing_id);
	return db_exec_stmt(d, st, "bericht toewijzing");
}

enum db_status db_bericht_regie_link(db *d, int64_t bericht_id, int64_t toewijzing_id)
{
	sqlite3_stmt *st = db_stmt(d, "INSERT OR IGNORE INTO bericht_toewijzing(bericht_id, toewijzing_id) VALUES (?, ?)");
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, bericht_id);
	sqlite3_bind_int64(st, 2, toewijzing_id);
	return db_exec_stmt(d, st, "bericht regie");
}

enum db_status db_tw_gestart(db *d, int64_t id, const char *op)
{
	sqlite3_stmt *st = db_stmt(d, "UPDATE toewijzing SET gestart_op = ? WHERE id = ?");
	if (!st)
		return DB_ERROR;
	bind_text(st, 1, op);
	sqlite3_bind_int64(st, 2, id);
	return db_exec_changed(d, st, "toewijzing gestart");
}

enum db_status db_tw_gestopt(db *d, int64_t id, const char *op, const char *reden)
{
	sqlite3_stmt *st = db_stmt(d, "UPDATE toewijzing SET gestopt_op = ?, reden_beeindiging = ? WHERE id = ?");
	if (!st)
		return DB_ERROR;
	bind_text(st, 1, op);
	bind_text(st, 2, reden);
	sqlite3_bind_int64(st, 3, id);
	return db_exec_changed(d, st, "toewijzing gestopt");
}

/* ---- the client ------------------------------------------------------------- */

static void read_client(arena *a, sqlite3_stmt *st, void *out)
{
	struct bx_client *c = out;
	*c = (struct bx_client){
		.bsn = db_col_dup(a, st, 0), .geboortedatum = db_col_dup(a, st, 1), .geslacht = db_col_dup(a, st, 2),
		.achternaam = db_col_dup(a, st, 3), .voorvoegsel = db_col_dup(a, st, 4), .voornamen = db_col_dup(a, st, 5),
		.voorletters = db_col_dup(a, st, 6), .naamgebruik = db_col_dup(a, st, 7), .straat = db_col_dup(a, st, 8),
		.huisnummer = sqlite3_column_int64(st, 9), .toevoeging = db_col_dup(a, st, 10),
		.postcode = db_col_dup(a, st, 11), .plaats = db_col_dup(a, st, 12)};
}

enum db_status db_bericht_client(db *d, arena *a, int64_t persoon_id, struct bx_client *out)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT p.bsn, p.birth_date, p.geslacht, p.last_name, p.name_prefix, p.first_name,"
	                              " p.voorletters, p.naamgebruik, h.street, h.house_number, h.house_suffix,"
	                              " replace(h.postcode, ' ', ''), h.city"
	                              " FROM persoon p JOIN huishouden h ON h.id = p.huishouden_id WHERE p.id = ?");
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, persoon_id);
	return db_read_one(d, a, st, read_client, out, "bericht client");
}

/* ---- messages ----------------------------------------------------------------- */

enum db_status db_bericht_insert(db *d, const struct bericht_rij *in, int64_t *id_out)
{
	sqlite3_stmt *st = db_stmt(d, "INSERT INTO bericht(richting, standaard, soort, identificatie, dagtekening, afzender,"
	                              " ontvanger, aanbieder_id, persoon_id, huishouden_id, antwoord_op, status, reden,"
	                              " retourcodes, bestandsnaam, termijn, xml, sha256, created_by, created_at)"
	                              " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
	if (!st)
		return DB_ERROR;
	bind_text(st, 1, in->richting);
	db_bind_opt_text(st, 2, in->standaard);
	db_bind_opt_text(st, 3, in->soort);
	db_bind_opt_text(st, 4, in->identificatie);
	db_bind_opt_text(st, 5, in->dagtekening);
	db_bind_opt_text(st, 6, in->afzender);
	db_bind_opt_text(st, 7, in->ontvanger);
	db_bind_opt_id(st, 8, in->aanbieder_id);
	db_bind_opt_id(st, 9, in->persoon_id);
	db_bind_opt_id(st, 10, in->huishouden_id);
	db_bind_opt_id(st, 11, in->antwoord_op);
	bind_text(st, 12, in->status);
	db_bind_opt_text(st, 13, in->reden);
	db_bind_opt_text(st, 14, in->retourcodes);
	db_bind_opt_text(st, 15, in->bestandsnaam);
	db_bind_opt_text(st, 16, in->termijn);
	sqlite3_bind_blob(st, 17, in->xml, (int)in->xml_len, SQLITE_TRANSIENT);
	bind_text(st, 18, in->sha256);
	db_bind_opt_id(st, 19, in->created_by);
	sqlite3_bind_int64(st, 20, (int64_t)time(NULL));
	return db_exec_insert(d, st, id_out, "bericht insert");
}

/* One id (and a second integer, when second is not NULL). */
static enum db_status one_id(db *d, sqlite3_stmt *st, int64_t *id, int64_t *second, const char *ctx)
{
	int64_t v[2] = {0, 0};
	enum db_status s = db_read_ints(d, st, v, second ? 2 : 1, ctx);
	if (s == DB_OK) {
		*id = v[0];
		if (second)
			*second = v[1];
	}
	return s;
}

enum db_status db_bericht_by_sha(db *d, const char *sha256, int64_t *id_out)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT id FROM bericht WHERE richting = 'in' AND sha256 = ?");
	if (!st)
		return DB_ERROR;
	bind_text(st, 1, sha256);
	return one_id(d, st, id_out, NULL, "bericht sha");
}

enum db_status db_bericht_in_ident(db *d, const char *afzender, const char *identificatie, const char *soort,
                                   int64_t *id_out)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT id FROM bericht WHERE richting = 'in' AND afzender = ? AND identificatie = ?"
	                              " AND soort = ? AND status = 'verwerkt'");
	if (!st)
		return DB_ERROR;
	bind_text(st, 1, afzender);
	bind_text(st, 2, identificatie);
	bind_text(st, 3, soort);
	return one_id(d, st, id_out, NULL, "bericht ident");
}

enum db_status db_bericht_uit_ident(db *d, const char *identificatie, const char *soort, int64_t *id_out,
                                    int64_t *aanbieder_id)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT id, coalesce(aanbieder_id, 0) FROM bericht WHERE richting = 'uit'"
	                              " AND identificatie = ? AND soort = ?");
	if (!st)
		return DB_ERROR;
	bind_text(st, 1, identificatie);
	bind_text(st, 2, soort);
	return one_id(d, st, id_out, aanbieder_id, "bericht uit ident");
}

enum db_status db_bericht_status(db *d, int64_t id, const char *status, const char *reden, const char *retourcodes)
{
	sqlite3_stmt *st = db_stmt(d, "UPDATE bericht SET status = ?, reden = coalesce(?, reden),"
	                              " retourcodes = coalesce(?, retourcodes) WHERE id = ?");
	if (!st)
		return DB_ERROR;
	bind_text(st, 1, status);
	db_bind_opt_text(st, 2, reden);
	db_bind_opt_text(st, 3, retourcodes);
	sqlite3_bind_int64(st, 4, id);
	return db_exec_changed(d, st, "bericht status");
}

enum db_status db_bericht_laatste_regie(db *d, arena *a, int64_t toewijzing_id, const char **dagtekening)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT coalesce(max(b.dagtekening), '') FROM bericht b"
	                              " JOIN bericht_toewijzing bt ON bt.bericht_id = b.id"
	                              " WHERE bt.toewijzing_id = ? AND b.richting = 'in' AND b.soort IN ('305', '307')"
	                              " AND b.status = 'verwerkt'");
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, toewijzing_id);
	int rc = sqlite3_step(st);
	enum db_status s = DB_OK;
	if (rc == SQLITE_ROW)
		*dagtekening = db_col_dup(a, st, 0);
	else
		s = db_status_of(d, rc, "laatste regiebericht");
	db_done(st);
	return s;
}

enum db_status db_bericht_verzonden(db *d, int64_t id)
{
	sqlite3_stmt *st =
		db_stmt(d, "UPDATE bericht SET status = 'verzonden', sent_at = ? WHERE id = ? AND status = 'klaar'");
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, (int64_t)time(NULL));
	sqlite3_bind_int64(st, 2, id);
	return db_exec_changed(d, st, "bericht verzonden");
}

json_t *db_bericht_wachtrij(db *d)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT id, identificatie, CAST(xml AS TEXT) AS xml FROM bericht"
	                              " WHERE richting = 'uit' AND status = 'klaar' ORDER BY id");
	if (!st)
		return json_array();
	return db_all_rows_json(d, st, "bericht wachtrij");
}

#define B_COLS                                                                                              \
	"SELECT b.id AS id, b.richting AS richting, b.standaard AS standaard, b.soort AS soort,"               \
	" b.identificatie AS identificatie, b.dagtekening AS dagtekening, b.afzender AS afzender,"             \
	" b.ontvanger AS ontvanger, b.aanbieder_id AS aanbieder_id, a.name AS aanbieder,"                    \
	" b.huishouden_id AS huishouden_id, b.antwoord_op AS antwoord_op, b.status AS status, b.reden AS reden," \
	" b.retourcodes AS retourcodes, b.bestandsnaam AS bestandsnaam, b.termijn AS termijn,"                \
	" b.created_at AS ontvangen_op, b.sent_at AS verzonden_op,"                                            \
	" (SELECT r.id FROM bericht r WHERE r.antwoord_op = b.id AND r.richting = 'uit' LIMIT 1) AS retour_id," \
	" (SELECT r.status FROM bericht r WHERE r.antwoord_op = b.id AND r.richting = 'uit' LIMIT 1)"           \
	" AS retour_status"
#define B_FROM " FROM bericht b LEFT JOIN aanbieder a ON a.id = b.aanbieder_id"

json_t *db_bericht_list(db *d, const struct bericht_filter *f)
{
	sqlite3_stmt *st = db_stmt(
		d, B_COLS B_FROM " WHERE (?1 IS NULL OR b.richting = ?1) AND (?2 IS NULL OR b.status = ?2)"
		          " AND (?3 IS NULL OR b.standaard = ?3) AND (?4 IS NULL OR b.soort = ?4)"
		          " AND (?5 IS NULL OR b.aanbieder_id = ?5) AND (?6 IS NULL OR b.huishouden_id = ?6)"
		          " AND (?7 IS NULL OR b.id IN (SELECT bt.bericht_id FROM bericht_toewijzing bt"
		          "      JOIN toewijzing t ON t.id = bt.toewijzing_id WHERE t.voorziening_id = ?7)"
		          "      OR b.antwoord_op IN (SELECT bt.bericht_id FROM bericht_toewijzing bt"
		          "      JOIN toewijzing t ON t.id = bt.toewijzing_id WHERE t.voorziening_id = ?7))"
		          " AND (?8 = 0 OR (b.richting = 'in' AND b.termijn IS NOT NULL AND NOT EXISTS (SELECT 1 FROM bericht r"
		          "      WHERE r.antwoord_op = b.id AND r.richting = 'uit' AND r.status <> 'klaar')))"
		          " ORDER BY b.id DESC LIMIT ?9");
	if (!st)
		return json_array();
	db_bind_opt_text(st, 1, f->richting);
	db_bind_opt_text(st, 2, f->status);
	db_bind_opt_text(st, 3, f->standaard);
	db_bind_opt_text(st, 4, f->soort);
	db_bind_opt_id(st, 5, f->aanbieder_id);
	db_bind_opt_id(st, 6, f->huishouden_id);
	db_bind_opt_id(st, 7, f->voorziening_id);
	sqlite3_bind_int(st, 8, f->te_beantwoorden ? 1 : 0);
	sqlite3_bind_int(st, 9, f->limit > 0 ? f->limit : 500);
	return db_all_rows_json(d, st, "bericht list");
}

enum db_status db_bericht_get(db *d, int64_t id, json_t **out)
{
	sqlite3_stmt *st = db_stmt(d, B_COLS ", CAST(b.xml AS TEXT) AS xml" B_FROM " WHERE b.id = ?");
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	return db_one_row_json(d, st, out, "bericht get");
}

enum db_status db_persoon_by_bsn(db *d, const char *bsn, int64_t *persoon_id, int64_t *huishouden_id)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT id, huishouden_id FROM persoon WHERE bsn = ?");
	if (!st)
		return DB_ERROR;
	bind_text(st, 1, bsn);
	return one_id(d, st, persoon_id, huishouden_id, "persoon bsn");
}

enum db_status db_aanbieder_by_agb(db *d, const char *agb, int64_t *id)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT id FROM aanbieder WHERE agb_code = ? ORDER BY active DESC, id LIMIT 1");
	if (!st)
		return DB_ERROR;
	bind_text(st, 1, agb);
	return one_id(d, st, id, NULL, "aanbieder agb");
}
