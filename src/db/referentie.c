/* referentie.c - data access for aanbieders, the sociale kaart and
 * products (see db_referentie.h). */
#include "db_referentie.h"

#include <stdio.h>
#include <string.h>

#include "audit.h"


/* ---- aanbieders ----------------------------------------------------------- */

#define AANBIEDER_COLUMNS                                                                         \
	"SELECT a.id AS id, a.name AS naam, a.kind AS soort, a.agb_code AS agb_code,"                 \
	" a.gebied_id AS gebied_id, g.name AS gebied, a.contact AS contact, a.active AS actief,"      \
	" a.version AS versie, a.ontvangt_iwmo AS ontvangt_iwmo, a.ontvangt_ijw AS ontvangt_ijw"              \
	" FROM aanbieder a LEFT JOIN gebied g ON g.id = a.gebied_id"

static const char SQL_A_LIST[] =
	AANBIEDER_COLUMNS " WHERE a.active = 1 OR ?1 = 0 ORDER BY a.name COLLATE NOCASE, a.id";
static const char SQL_A_GET[] = AANBIEDER_COLUMNS " WHERE a.id = ?";
static const char SQL_A_INSERT[] =
	"INSERT INTO aanbieder(name, kind, agb_code, gebied_id, contact, active) VALUES (?, ?, ?, ?, ?, ?)";
static const char SQL_A_UPDATE[] =
	"UPDATE aanbieder SET name = ?, kind = ?, agb_code = ?, gebied_id = ?, contact = ?, active = ?,"
	" version = version + 1 WHERE id = ? AND version = ?";

json_t *db_aanbieder_list(db *d, bool active_only)
{
	sqlite3_stmt *st = db_stmt(d, SQL_A_LIST);
	if (!st)
		return json_array();
	sqlite3_bind_int(st, 1, active_only);
	return db_all_rows_json(d, st, "aanbieder list");
}

enum db_status db_aanbieder_get(db *d, int64_t id, json_t **out)
{
	sqlite3_stmt *st = db_stmt(d, SQL_A_GET);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	return db_one_row_json(d, st, out, "aanbieder get");
}

static void bind_aanbieder(sqlite3_stmt *st, const struct aanbieder_input *in)
{
	sqlite3_bind_text(st, 1, in->name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, in->kind, -1, SQLITE_TRANSIENT);
	db_bind_opt_text(st, 3, in->agb_code);
	db_bind_opt_id(st, 4, in->gebied_id);
	db_bind_opt_text(st, 5, in->contact);
	sqlite3_bind_int(st, 6, in->active);
}

enum db_status db_aanbieder_insert(db *d, const struct aanbieder_input *in, int64_t *id_out)
{
	sqlite3_stmt *st = db_stmt(d, SQL_A_INSERT);
	if (!st)
		return DB_ERROR;
	bind_aanbieder(st, in);
	return db_exec_insert(d, st, id_out, "aanbieder insert");
}

enum db_status db_aanbieder_update(db *d, int64_t id, int64_t version, const struct aanbieder_input *in)
{
	sqlite3_stmt *st = db_stmt(d, SQL_A_UPDATE);
	if (!st)
		return DB_ERROR;
	bind_aanbieder(st, in);
	sqlite3_bind_int64(st, 7, id);
	sqlite3_bind_int64(st, 8, version);
	return db_exec_changed(d, st, "aanbieder update");
}

/* ---- sociale kaart -------------------------------------------------------- */

#define SK_COLUMNS                                                                                \
	"SELECT s.id AS id, s.name AS naam, s.kind AS soort, s.gebied_id AS gebied_id, g.name AS gebied," \
	" s.contact AS contact, s.description AS omschrijving, s.active AS actief, s.version AS versie"   \
	" FROM sociale_kaart s LEFT JOIN gebied g ON g.id = s.gebied_id"

static const char SQL_SK_LIST[] =
	SK_COLUMNS " WHERE s.active = 1 OR ?1 = 0 ORDER BY g.name IS NOT NULL, g.name, s.name COLLATE NOCASE, s.id";
static const char SQL_SK_GET[] = SK_COLUMNS " WHERE s.id = ?";
static const char SQL_SK_INSERT[] =
	"INSERT INTO sociale_kaart(name, kind, gebied_id, contact, description, active) VALUES (?, ?, ?, ?, ?, ?)";
static const char SQL_SK_UPDATE[] =
	"UPDATE sociale_kaart SET name = ?, kind = ?, gebied_id = ?, contact = ?, description = ?, active = ?,"
	" version = version + 1 WHERE id = ? AND version = ?";

json_t *db_sociale_kaart_list(db *d, bool active_only)
{
	sqlite3_stmt *st = db_stmt(d, SQL_SK_LIST);
	if (!st)
		return json_array();
	sqlite3_bind_int(st, 1, active_only);
	return db_all_rows_json(d, st, "sociale kaart list");
}

enum db_status db_sociale_kaart_get(db *d, int64_t id, json_t **out)
{
	sqlite3_stmt *st = db_stmt(d, SQL_SK_GET);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	return db_one_row_json(d, st, out, "sociale kaart get");
}

static void bind_sk(sqlite3_stmt *st, const struct sociale_kaart_input *in)
{
	sqlite3_bind_text(st, 1, in->name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, in->kind, -1, SQLITE_TRANSIENT);
	db_bind_opt_id(st, 3, in->gebied_id);
	db_bind_opt_text(st, 4, in->contact);
	db_bind_opt_text(st, 5, in->description);
	sqlite3_bind_int(st, 6, in->active);
}

enum db_status db_sociale_kaart_insert(db *d, const struct sociale_kaart_input *in, int64_t *id_out)
{
	sqlite3_stmt *st = db_stmt(d, SQL_SK_INSERT);
	if (!st)
		return DB_ERROR;
	bind_sk(st, in);
	return db_exec_insert(d, st, id_out, "sociale kaart insert");
}

enum db_status db_sociale_kaart_update(db *d, int64_t id, int64_t version,
                                       const struct sociale_kaart_input *in)
{
	sqlite3_stmt *st = db_stmt(d, SQL_SK_UPDATE);
	if (!st)
		return DB_ERROR;
	bind_sk(st, in);
	sqlite3_bind_int64(st, 7, id);
	sqlite3_bind_int64(st, 8, version);
	return db_exec_changed(d, st, "sociale kaart update");
}

/* ---- products ------------------------------------------------------------- */

#define PRODUCT_COLUMNS                                                                           \
	"SELECT id AS id, category AS categorie, code AS code, name AS naam,"                       \
	" legal_basis AS wettelijke_grondslag, active AS actief, eenheid AS eenheid, frequentie AS frequentie"   \
	" FROM product"

static const char SQL_P_LIST[] = PRODUCT_COLUMNS " WHERE active = 1 OR ?1 = 0 ORDER BY category, code";
static const char SQL_P_GET[] = PRODUCT_COLUMNS " WHERE id = ?";
static const char SQL_P_FIND[] = PRODUCT_COLUMNS " WHERE category = ? AND code = ?";
static const char SQL_P_INSERT[] =
	"INSERT INTO product(category, code, name, legal_basis, active) VALUES (?, ?, ?, ?, ?)";
static const char SQL_P_UPDATE[] =
	"UPDATE product SET category = ?, code = ?, name = ?, legal_basis = ?, active = ? WHERE id = ?";

json_t *db_product_list(db *d, bool active_only)
{
	sqlite3_stmt *st = db_stmt(d, SQL_P_LIST);
	if (!st)
		return json_array();
	sqlite3_bind_int(st, 1, active_only);
	return db_all_rows_json(d, st, "product list");
}

enum db_status db_product_get(db *d, int64_t id, json_t **out)
{
	sqlite3_stmt *st = db_stmt(d, SQL_P_GET);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	return db_one_row_json(d, st, out, "product get");
}

enum db_status db_product_find(db *d, const char *category, const char *code, json_t **out)
{
	sqlite3_stmt *st = db_stmt(d, SQL_P_FIND);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_text(st, 1, category, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, code, -1, SQLITE_TRANSIENT);
	return db_one_row_json(d, st, out, "product find");
}

static void bind_product(sqlite3_stmt *st, const struct product_input *in)
{
	sqlite3_bind_text(st, 1, in->category, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, in->code, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, in->name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, in->legal_basis, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 5, in->active);
}

enum db_status db_product_insert(db *d, const struct product_input *in, int64_t *id_out)
{
	sqlite3_stmt *st = db_stmt(d, SQL_P_INSERT);
	if (!st)
		return DB_ERROR;
	bind_product(st, in);
	return db_exec_insert(d, st, id_out, "product insert");
}

enum db_status db_product_update(db *d, int64_t id, const struct product_input *in)
{
	sqlite3_stmt *st = db_stmt(d, SQL_P_UPDATE);
	if (!st)
		return DB_ERROR;
	bind_product(st, in);
	sqlite3_bind_int64(st, 6, id);
	return db_exec_changed(d, st, "product update");
}

/* ---- demo data ------------------------------------------------------------ */

/* Product categories are the national iWmo (WMO020) and iJw (JZ20)
 * categories; the five-character codes are Nijkerk's own (gemeenten may
 * define codes within a category).  Participatiewet products have no
 * iStandaard: category 60 is local. */
static const struct product_input demo_products[] = {
	{"01", "01HBH", "Hulp bij het huishouden (resultaatgericht)", "wmo2015", true},
	{"02", "02BGI", "Begeleiding individueel", "wmo2015", true},
	{"02", "02MZO", "Respijtzorg voor mantelzorgers", "wmo2015", true},
	{"07", "07DAG", "Dagbesteding", "wmo2015", true},
	{"45", "45AMB", "Jeugdhulp ambulant, individueel", "jeugdwet", true},
	{"41", "41DBH", "Dagbehandeling jeugd", "jeugdwet", true},
	{"60", "60JOB", "Jobcoaching bij werkaanvaarding", "participatiewet", true},
	{"60", "60BBZ", "Budgetbeheer bijzondere bijstand", "participatiewet", true},
};

static const struct aanbieder_input demo_aanbieders[] = {
	{"Thuiszorg Gelderse Vallei", "Thuiszorg en hulp bij het huishouden", "75750123", "Postbus 120, Ede; 0318 123 456", 0, true},
	{"Jeugdhulp Veluwe Vallei", "Jeugdhulp ambulant en dagbehandeling", "73731234", "info@jeugdhulpveluwevallei.example; 033 245 67 89", 0, true},
	{"Begeleiding Arkemheen", "Begeleiding en dagbesteding (Wmo)", "75759876", "Frieswijkstraat 5, Nijkerk; 033 246 00 11", 0, true},
	{"Werkbedrijf Nijkerk", "Re-integratie en jobcoaching", "98981234", "Ambachtsstraat 3, Nijkerk; 033 247 12 12", 0, true},
};

struct demo_sk {
	const char *name, *kind, *gebied, *contact, *description;
};

static const struct demo_sk demo_sociale_kaart[] = {
	{"Meedoenplein", "Ontmoeting en vrijwilligerswerk", "Nijkerk-Centrum", "Spoorstraat 20, Nijkerk",
	 "Inloop, activiteiten en vrijwilligerswerk; samen met inwoners georganiseerd."},
	{"Voedselbank Nijkerk", "Voedselhulp", "Nijkerk-Centrum", "Oosterstraat 8, Nijkerk",
	 "Wekelijks een voedselpakket voor huishoudens met een laag inkomen; ook spreekuur van het gebiedsteam."},
	{"Mantelzorgsteunpunt Nijkerk", "Mantelzorgondersteuning", "Nijkerk-Oost", "033 246 33 44",
	 "Advies, lotgenotencontact en respijt voor mantelzorgers."},
	{"Schuldhulp Maatjes", "Thuisadministratie en schulden", NULL, "schuldhulpmaatje@example.nl",
	 "Vrijwilligers helpen met de administratie en met schulden voorkomen."},
};

static const char SQL_GEBIED_BY_NAME[] = "SELECT id FROM gebied WHERE name = ?";
static const char SQL_GEBIED_ALL[] = "SELECT id, name FROM gebied ORDER BY name";
static const char SQL_A_COUNT[] = "SELECT count(*) FROM aanbieder";

static int64_t gebied_id(db *d, const char *name)
{
	if (!name)
		return 0;
	sqlite3_stmt *st = db_stmt(d, SQL_GEBIED_BY_NAME);
	if (!st)
		return 0;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
	int64_t id = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	db_done(st);
	return id;
}

static enum db_status audit_insert(db *d, int64_t by, const char *action, const char *type, int64_t id)
{
	struct audit_entry e = {.medewerker_id = by, .action = action, .object_type = type, .object_id = id,
	                        .reason = "demodata"};
	return audit_append(d, &e);
}

/* A buurthuis for every gebied. */
static enum db_status seed_buurthuizen(db *d, int64_t by)
{
	sqlite3_stmt *st = db_stmt(d, SQL_GEBIED_ALL);
	if (!st)
		return DB_ERROR;
	struct { int64_t id; char name[101]; } g[16];
	size_t n = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && n < ARRAY_LEN(g)) {
		g[n].id = sqlite3_column_int64(st, 0);
		snprintf(g[n].name, sizeof g[n].name, "%s", db_col_text(st, 1));
		n++;
	}
	db_done(st);
	enum db_status s = DB_OK;
	for (size_t i = 0; i < n && s == DB_OK; i++) {
		char name[140], description[200];
		snprintf(name, sizeof name, "Buurthuis %s", g[i].name);
		snprintf(description, sizeof description,
		         "Ontmoeting, koffieochtenden en het spreekuur van het gebiedsteam in %s.", g[i].name);
		struct sociale_kaart_input in = {.name = name, .kind = "Buurthuis", .gebied_id = g[i].id,
		                                 .contact = "Gebiedsteam, 033 246 00 00",
		                                 .description = description, .active = true};
		int64_t id = 0;
		s = db_sociale_kaart_insert(d, &in, &id);
		if (s == DB_OK)
			s = audit_insert(d, by, "sociale_kaart.create", "sociale_kaart", id);
	}
	return s;
}

enum db_status db_referentie_seed_demo(db *d, int64_t by)
{
	sqlite3_stmt *st = db_stmt(d, SQL_A_COUNT);
	if (!st)
		return DB_ERROR;
	int rc = sqlite3_step(st);
	int64_t existing = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
	db_done(st);
	if (existing != 0)
		return existing > 0 ? DB_OK : db_status_of(d, rc, "aanbieder count");
	if (db_begin(d) != 0)
		return DB_ERROR;
	enum db_status s = DB_OK;
	int64_t id = 0;
	for (size_t i = 0; i < ARRAY_LEN(demo_products) && s == DB_OK; i++)
		if ((s = db_product_insert(d, &demo_products[i], &id)) == DB_OK)
			s = audit_insert(d, by, "product.create", "product", id);
	for (size_t i = 0; i < ARRAY_LEN(demo_aanbieders) && s == DB_OK; i++) {
		struct aanbieder_input in = demo_aanbieders[i];
		in.gebied_id = gebied_id(d, i == 2 ? "Nijkerk-Centrum" : NULL);
		if ((s = db_aanbieder_insert(d, &in, &id)) == DB_OK)
			s = audit_insert(d, by, "aanbieder.create", "aanbieder", id);
	}
	for (size_t i = 0; i < ARRAY_LEN(demo_sociale_kaart) && s == DB_OK; i++) {
		const struct demo_sk *k = &demo_sociale_kaart[i];
		struct sociale_kaart_input in = {.name = k->name, .kind = k->kind, .gebied_id = gebied_id(d, k->gebied),
		                                 .contact = k->contact, .description = k->description, .active = true};
		if ((s = db_sociale_kaart_insert(d, &in, &id)) == DB_OK)
			s = audit_insert(d, by, "sociale_kaart.create", "sociale_kaart", id);
	}
	if (s == DB_OK)
		s = seed_buurthuizen(d, by);
	if (s != DB_OK || db_commit(d) != 0) {
		db_rollback(d);
		return s == DB_OK ? DB_ERROR : s;
	}
	return DB_OK;
}
