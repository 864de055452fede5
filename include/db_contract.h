/* db_contract.h - a provider's contracts (issue 14, migration 0023): per
 * product a tariff per unit in cents for a period; a declaration (323) is
 * checked against it.  Writers run inside the caller's write transaction
 * and write no audit row. */
#ifndef LOKET_DB_CONTRACT_H
#define LOKET_DB_CONTRACT_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "db.h"

struct contract_input {
	int64_t aanbieder_id, product_id;
	int64_t tarief_cents;
	const char *eenheid; /* WJ756 */
	const char *van;     /* ISO date */
	const char *tot;     /* ISO date, NULL or "": open-ended */
};

/* The contracts of provider x, newest first: [{id, product_id, categorie,
 * code, product, tarief_centen, eenheid, van, tot}].  New reference. */
json_t *db_contract_list(db *d, int64_t aanbieder_id);
/* One contract; DB_NOT_FOUND. */
enum db_status db_contract_get(db *d, int64_t id, json_t **out);
/* DB_CONSTRAINT when the provider has a contract for the product from the
 * same day. */
enum db_status db_contract_insert(db *d, const struct contract_input *in, int64_t *id_out);
/* Ends a contract on tot (>= its start: DB_CONSTRAINT otherwise). */
enum db_status db_contract_end(db *d, int64_t id, const char *tot);
enum db_status db_contract_delete(db *d, int64_t id);

/* The other reference data of berichtenverkeer: which standards provider
 * x receives, and a product's eenheid (WJ756) and frequentie (WMO757). */
enum db_status db_aanbieder_standaarden(db *d, int64_t x, bool iwmo, bool ijw);
enum db_status db_product_omvang(db *d, int64_t product_id, const char *eenheid, const char *frequentie);

#endif
