/* contract.c - a provider's contracts (see db_contract.h). */
#include "db_contract.h"

#define C_COLS                                                                                               \
	"SELECT c.id AS id, c.aanbieder_id AS aanbieder_id, c.product_id AS product_id, p.category AS categorie,"  \
	" p.code AS code, p.name AS product, c.tarief_cents AS tarief_centen, c.eenheid AS eenheid, c.van AS van,"  \
	" c.tot AS tot FROM aanbieder_contract c JOIN product p ON p.id = c.product_id"

json_t *db_contract_list(db *d, int64_t aanbieder_id)
{
	sqlite3_stmt *st = db_stmt(d, C_COLS " WHERE c.aanbieder_id = ? ORDER BY p.category, p.code, c.van DESC");
	if (!st)
		return json_array();
	sqlite3_bind_int64(st, 1, aanbieder_id);
	return db_all_rows_json(d, st, "contract list");
}

enum db_status db_contract_get(db *d, int64_t id, json_t **out)
{
	sqlite3_stmt *st = db_stmt(d, C_COLS " WHERE c.id = ?");
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	return db_one_row_json(d, st, out, "contract get");
}

enum db_status db_contract_insert(db *d, const struct contract_input *in, int64_t *id_out)
{
	sqlite3_stmt *st = db_stmt(d, "INSERT INTO aanbieder_contract(aanbieder_id, product_id, tarief_cents, eenheid, van, tot)"
	                              " VALUES (?, ?, ?, ?, ?, ?)");
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, in->aanbieder_id);
	sqlite3_bind_int64(st, 2, in->product_id);
	sqlite3_bind_int64(st, 3, in->tarief_cents);
	sqlite3_bind_text(st, 4, in->eenheid, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 5, in->van, -1, SQLITE_TRANSIENT);
	db_bind_opt_text(st, 6, in->tot);
	return db_exec_insert(d, st, id_out, "contract insert");
}

enum db_status db_contract_end(db *d, int64_t id, const char *tot)
{
	sqlite3_stmt *st = db_stmt(d, "UPDATE aanbieder_contract SET tot = ? WHERE id = ?");
	if (!st)
		return DB_ERROR;
	sqlite3_bind_text(st, 1, tot, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, id);
	return db_exec_changed(d, st, "contract end");
}

enum db_status db_contract_delete(db *d, int64_t id)
{
	sqlite3_stmt *st = db_stmt(d, "DELETE FROM aanbieder_contract WHERE id = ?");
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	return db_exec_changed(d, st, "contract delete");
}

enum db_status db_aanbieder_standaarden(db *d, int64_t x, bool iwmo, bool ijw)
{
	sqlite3_stmt *st = db_stmt(d, "UPDATE aanbieder SET ontvangt_iwmo = ?, ontvangt_ijw = ? WHERE id = ?");
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int(st, 1, iwmo);
	sqlite3_bind_int(st, 2, ijw);
	sqlite3_bind_int64(st, 3, x);
	return db_exec_changed(d, st, "aanbieder standaarden");
}

enum db_status db_product_omvang(db *d, int64_t product_id, const char *eenheid, const char *frequentie)
{
	sqlite3_stmt *st = db_stmt(d, "UPDATE product SET eenheid = coalesce(?, eenheid), frequentie = coalesce(?, frequentie)"
	                              " WHERE id = ?");
	if (!st)
		return DB_ERROR;
	db_bind_opt_text(st, 1, eenheid);
	db_bind_opt_text(st, 2, frequentie);
	sqlite3_bind_int64(st, 3, product_id);
	return db_exec_changed(d, st, "product omvang");
}
