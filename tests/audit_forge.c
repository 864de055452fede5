/* audit_forge.c - test support: what an attacker who can write the
 * database but lacks the key file does to the audit chain (audit_forge.h). */
#include "audit_forge.h"

#include <sodium.h>
#include <sqlite3.h>
#include <stdint.h>
#include <string.h>

/* The row encoding of src/db/audit.c, as anyone who reads the code knows
 * it: each field tagged and length prefixed. */
static void put_field(crypto_generichash_state *h, const void *p, size_t n, bool present)
{
	unsigned char hdr[9];
	hdr[0] = present ? 1 : 0;
	uint64_t len = present ? n : 0;
	for (int i = 0; i < 8; i++)
		hdr[1 + i] = (unsigned char)(len >> (8 * i));
	crypto_generichash_update(h, hdr, sizeof hdr);
	if (present && n)
		crypto_generichash_update(h, p, n);
}

static void put_int(crypto_generichash_state *h, sqlite3_stmt *st, int col)
{
	bool present = sqlite3_column_type(st, col) != SQLITE_NULL;
	int64_t v = sqlite3_column_int64(st, col);
	unsigned char b[8];
	for (int i = 0; i < 8; i++)
		b[i] = (unsigned char)((uint64_t)v >> (8 * i));
	put_field(h, b, 8, present && (col < 2 || v != 0));
}

static void put_text(crypto_generichash_state *h, sqlite3_stmt *st, int col)
{
	const char *s = (const char *)sqlite3_column_text(st, col);
	put_field(h, s, s ? strlen(s) : 0, s != NULL);
}

/* Recomputes every row's prev_hash and hash and the head, in the way of
 * how: the unkeyed BLAKE2b over the fields (rows keep their key version),
 * the same with every row marked unkeyed (version 0), or a keyed MAC with
 * a key of the attacker's own. */
bool forge_chain(const char *path, enum forge how)
{
	sqlite3 *c = NULL;
	if (sqlite3_open(path, &c) != SQLITE_OK)
		return false;
	unsigned char own_key[32];
	randombytes_buf(own_key, sizeof own_key);
	bool ok = sqlite3_exec(c, "DROP TRIGGER IF EXISTS audit_no_update; DROP TRIGGER IF EXISTS audit_no_delete;"
	                          "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
	if (how == FORGE_DOWNGRADE)
		ok = ok && sqlite3_exec(c, "UPDATE audit SET key_version = 0, token_id = NULL", NULL, NULL, NULL) == SQLITE_OK;
	sqlite3_stmt *st = NULL, *upd = NULL;
	/* A database from before migration 0012 has no key_version column. */
	if (ok && sqlite3_prepare_v2(c, "SELECT id, at, medewerker_id, action, object_type, object_id, huishouden_id,"
	                                " reason, client_addr, key_version, token_id FROM audit ORDER BY id",
	                             -1, &st, NULL) != SQLITE_OK)
		ok = sqlite3_prepare_v2(c, "SELECT id, at, medewerker_id, action, object_type, object_id, huishouden_id,"
		                           " reason, client_addr, 0, NULL FROM audit ORDER BY id", -1, &st, NULL) == SQLITE_OK;
	ok = ok && sqlite3_prepare_v2(c, "UPDATE audit SET prev_hash = ?, hash = ? WHERE id = ?", -1, &upd, NULL) == SQLITE_OK;
	unsigned char prev[32] = {0}, hash[32];
	int64_t last = 0;
	while (ok && sqlite3_step(st) == SQLITE_ROW) {
		crypto_generichash_state h;
		bool keyed = how == FORGE_OWN_KEY;
		crypto_generichash_init(&h, keyed ? own_key : NULL, keyed ? 32 : 0, 32);
		for (int col = 0; col <= 8; col++) {
			if (col == 3 || col == 4 || col == 7 || col == 8)
				put_text(&h, st, col);
			else
				put_int(&h, st, col);
		}
		if (keyed) {
			put_int(&h, st, 9);
			put_int(&h, st, 10);
		}
		put_field(&h, prev, 32, true);
		crypto_generichash_final(&h, hash, 32);
		last = sqlite3_column_int64(st, 0);
		sqlite3_bind_blob(upd, 1, prev, 32, SQLITE_TRANSIENT);
		sqlite3_bind_blob(upd, 2, hash, 32, SQLITE_TRANSIENT);
		sqlite3_bind_int64(upd, 3, last);
		ok = sqlite3_step(upd) == SQLITE_DONE;
		sqlite3_reset(upd);
		memcpy(prev, hash, 32);
	}
	sqlite3_finalize(st);
	sqlite3_finalize(upd);
	char *head = sqlite3_mprintf("UPDATE audit_head SET last_id = %lld, last_hash = (SELECT hash FROM audit"
	                             " WHERE id = %lld); COMMIT", (long long)last, (long long)last);
	ok = ok && sqlite3_exec(c, head, NULL, NULL, NULL) == SQLITE_OK;
	sqlite3_free(head);
	sqlite3_close(c);
	return ok;
}

