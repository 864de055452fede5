/* db_referentie.h - the reference lists the beheerder maintains (issue 4,
 * item 5): aanbieders (providers of maatwerk), the sociale kaart (free-access
 * services per gebied) and products (iWmo/iJw category and code under a
 * legal basis).
 *
 * Rows come back as Jansson objects whose keys are the API's field names
 * (absent SQL NULLs are left out; "actief" is a boolean).  Writers run
 * inside the caller's write transaction (db_begin) and write no audit row:
 * the caller audits in the same transaction. */
#ifndef LOKET_DB_REFERENTIE_H
#define LOKET_DB_REFERENTIE_H

#include <jansson.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "db.h"


/* Input of an aanbieder: agb_code, contact may be NULL or "" (none);
 * gebied_id 0 is none. */
struct aanbieder_input {
	const char *name, *kind, *agb_code, *contact;
	int64_t gebied_id;
	bool active;
};

/* Every aanbieder by name (only the active ones when active_only):
 * [{id, naam, soort, agb_code?, gebied_id?, gebied?, contact?, actief,
 * versie, ontvangt_iwmo, ontvangt_ijw}].  New reference (an empty array on a database error, logged). */
json_t *db_aanbieder_list(db *d, bool active_only);
/* One aanbieder as in the list; *out is a new reference.  DB_NOT_FOUND
 * when there is none. */
enum db_status db_aanbieder_get(db *d, int64_t id, json_t **out);
/* DB_CONSTRAINT when the name is taken. */
enum db_status db_aanbieder_insert(db *d, const struct aanbieder_input *in, int64_t *id_out);
/* Replaces every field and bumps the version; DB_NOT_FOUND when the row is
 * not at version, DB_CONSTRAINT when the name is taken. */
enum db_status db_aanbieder_update(db *d, int64_t id, int64_t version, const struct aanbieder_input *in);

struct sociale_kaart_input {
	const char *name, *kind, *contact, *description;
	int64_t gebied_id;
	bool active;
};

/* [{id, naam, soort, gebied_id?, gebied?, contact?, omschrijving?, actief,
 * versie}] by gebied and name.  New reference. */
json_t *db_sociale_kaart_list(db *d, bool active_only);
enum db_status db_sociale_kaart_get(db *d, int64_t id, json_t **out);
/* DB_CONSTRAINT when the name already exists in that gebied. */
enum db_status db_sociale_kaart_insert(db *d, const struct sociale_kaart_input *in, int64_t *id_out);
enum db_status db_sociale_kaart_update(db *d, int64_t id, int64_t version,
                                       const struct sociale_kaart_input *in);

struct product_input {
	const char *category; /* two digits */
	const char *code;     /* five characters 0-9 A-Z */
	const char *name;
	const char *legal_basis; /* wmo2015, jeugdwet, participatiewet, overig */
	bool active;
};

/* [{id, categorie, code, naam, wettelijke_grondslag, actief, eenheid,
 * frequentie}] by category
 * and code.  New reference. */
json_t *db_product_list(db *d, bool active_only);
enum db_status db_product_get(db *d, int64_t id, json_t **out);
/* The product with that category and code; DB_NOT_FOUND when unknown. */
enum db_status db_product_find(db *d, const char *category, const char *code, json_t **out);
/* DB_CONSTRAINT when category and code are taken. */
enum db_status db_product_insert(db *d, const struct product_input *in, int64_t *id_out);
/* Products carry no version (the schema has none): the last save wins;
 * DB_NOT_FOUND when the product does not exist. */
enum db_status db_product_update(db *d, int64_t id, const struct product_input *in);

/* Realistic reference data for Nijkerk (aanbieders with AGB codes, sociale
 * kaart entries per gebied, products under Wmo 2015, Jeugdwet and
 * Participatiewet), for the demo database.  Runs in a transaction of its
 * own and audits each insert as done by employee by.  Does nothing when
 * there are aanbieders already.  Returns a db_status. */
enum db_status db_referentie_seed_demo(db *d, int64_t by);

#endif
