/* audit_checkpoint.c - signed checkpoints of the audit chain's head.
 *
 * A checkpoint says "on this moment the log had this many rows and its
 * newest row had this id and hash", signed with the Ed25519 key of the key
 * file.  Kept outside the server (a mailbox, the archive), it catches what
 * the chain alone cannot: rows cut off the end, and a chain rewritten by
 * someone who also took the key file, as long as the checkpoint's row
 * no longer matches. */
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "audit.h"
#include "util.h"

enum { HASH_BYTES = 32 };

/* The canonical text that is signed: every field, one per line, in this
 * order.  Malloc'd; caller frees. */
static char *checkpoint_text(long long head_id, const char *head_hash, long long rows, long long at,
                             const char *at_iso, const char *public_key)
{
	return xasprintf("loket-audit-checkpoint-v1\nhead_id=%lld\nhead_hash=%s\nrows=%lld\nat=%lld\n"
	                 "at_iso=%s\npublic_key=%s\n", head_id, head_hash, rows, at, at_iso, public_key);
}

static void iso_utc(long long at, char out[32])
{
	time_t t = (time_t)at;
	struct tm tm;
	if (!gmtime_r(&t, &tm) || strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		snprintf(out, 32, "?");
}

static const char SQL_HEAD[] = "SELECT last_id, last_hash, (SELECT count(*) FROM audit) FROM audit_head";

int audit_checkpoint_make(db *d, int64_t medewerker_id, const char *client_addr, int64_t token_id,
                          json_t **out)
{
	*out = NULL;
	const struct audit_keyring *kr = audit_keys();
	if (!kr || kr->n == 0) {
		log_error("controlepunt zonder sleutelbestand");
		return -1;
	}
	struct audit_entry e = {.medewerker_id = medewerker_id, .action = "audit.checkpoint",
	                        .object_type = "audit", .client_addr = client_addr, .token_id = token_id};
	if (db_begin(d) != 0)
		return -1;
	int64_t head_id = 0, rows = 0;
	unsigned char hash[HASH_BYTES];
	bool ok = audit_append(d, &e) == DB_OK;
	sqlite3_stmt *st = ok ? db_stmt(d, SQL_HEAD) : NULL;
	ok = st && sqlite3_step(st) == SQLITE_ROW && sqlite3_column_bytes(st, 1) == HASH_BYTES;
	if (ok) {
		head_id = sqlite3_column_int64(st, 0);
		memcpy(hash, sqlite3_column_blob(st, 1), HASH_BYTES);
		rows = sqlite3_column_int64(st, 2);
	}
	if (st)
		db_done(st);
	if (!ok || db_commit(d) != 0) {
		db_rollback(d);
		return -1;
	}
	const struct audit_key *k = &kr->keys[kr->n - 1];
	char hash_hex[2 * HASH_BYTES + 1], pk_hex[65], sig_hex[2 * crypto_sign_BYTES + 1], iso[32];
	sodium_bin2hex(hash_hex, sizeof hash_hex, hash, HASH_BYTES);
	sodium_bin2hex(pk_hex, sizeof pk_hex, k->sign_pk, sizeof k->sign_pk);
	long long at = (long long)now_unix();
	iso_utc(at, iso);
	char *text = checkpoint_text((long long)head_id, hash_hex, (long long)rows, at, iso, pk_hex);
	unsigned char sig[crypto_sign_BYTES];
	crypto_sign_detached(sig, NULL, (const unsigned char *)text, strlen(text), k->sign_sk);
	free(text);
	sodium_bin2hex(sig_hex, sizeof sig_hex, sig, sizeof sig);
	*out = json_pack("{s:I, s:s, s:I, s:I, s:s, s:s, s:s}", "head_id", (json_int_t)head_id, "head_hash",
	                 hash_hex, "rows", (json_int_t)rows, "at", (json_int_t)at, "at_iso", iso, "public_key",
	                 pk_hex, "signature", sig_hex);
	return *out ? 0 : -1;
}

static bool hex_field(const json_t *cp, const char *key, unsigned char *out, size_t n)
{
	const char *s = json_string_value(json_object_get(cp, key));
	size_t len = 0;
	return s && strlen(s) == 2 * n && sodium_hex2bin(out, n, s, 2 * n, NULL, &len, NULL) == 0 && len == n;
}

int audit_checkpoint_check(sqlite3 *conn, const struct audit_keyring *kr, const json_t *cp, char *buf,
                           size_t bufsize, const char **why)
{
	*why = NULL;
	json_t *jid = json_object_get(cp, "head_id"), *jrows = json_object_get(cp, "rows");
	json_t *jat = json_object_get(cp, "at");
	const char *iso = json_string_value(json_object_get(cp, "at_iso"));
	unsigned char hash[HASH_BYTES], pk[32], sig[crypto_sign_BYTES];
	if (!json_is_integer(jid) || !json_is_integer(jrows) || !json_is_integer(jat) || !iso ||
	    !hex_field(cp, "head_hash", hash, sizeof hash) || !hex_field(cp, "public_key", pk, sizeof pk) ||
	    !hex_field(cp, "signature", sig, sizeof sig)) {
		*why = "het controlepunt is onvolledig of onleesbaar";
		return 1;
	}
	long long head_id = json_integer_value(jid), rows = json_integer_value(jrows);
	char *text = checkpoint_text(head_id, json_string_value(json_object_get(cp, "head_hash")), rows,
	                             json_integer_value(jat), iso, json_string_value(json_object_get(cp, "public_key")));
	int bad = crypto_sign_verify_detached(sig, (const unsigned char *)text, strlen(text), pk);
	free(text);
	if (bad != 0) {
		*why = "de handtekening klopt niet (het controlepunt is gewijzigd)";
		return 1;
	}
	bool ours = false;
	for (int i = 0; kr && i < kr->n; i++)
		ours |= sodium_memcmp(kr->keys[i].sign_pk, pk, sizeof pk) == 0;
	if (!ours) {
		*why = "het controlepunt is niet met een sleutel uit ons sleutelbestand ondertekend";
		return 1;
	}
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(conn, "SELECT (SELECT hash FROM audit WHERE id = ?), (SELECT count(*) FROM audit)",
	                       -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, head_id);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_finalize(st);
		return -1;
	}
	bool present = sqlite3_column_type(st, 0) != SQLITE_NULL;
	bool same = present && sqlite3_column_bytes(st, 0) == HASH_BYTES &&
	            memcmp(sqlite3_column_blob(st, 0), hash, HASH_BYTES) == 0;
	long long have = sqlite3_column_int64(st, 1);
	sqlite3_finalize(st);
	if (!present)
		snprintf(buf, bufsize, "regel %lld uit het controlepunt ontbreekt (het einde van het log is afgekapt?)",
		         head_id);
	else if (!same)
		snprintf(buf, bufsize, "regel %lld verschilt van het controlepunt (de keten is herschreven)", head_id);
	else if (have < rows)
		snprintf(buf, bufsize, "het log heeft %lld regels, het controlepunt telde er %lld", have, rows);
	else
		return 0;
	*why = buf;
	return 1;
}
