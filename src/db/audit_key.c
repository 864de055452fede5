/* audit_key.c - the key file of the audit chain: read, write atomically,
 * create for a new database, refuse a missing or foreign one, rotate.
 *
 * The file lives outside the database (default: the database path +
 * ".auditkey"), mode 0600, one line per key version:
 *
 *     <version> <first row> <MAC key, 64 hex> <Ed25519 seed, 64 hex>
 *
 * Version v MACs the rows from its first row up to the next version's
 * first row; rows before version 1's first row are the unkeyed rows of a
 * database from before migration 0012.  Because the file, not the
 * database, says which version each row must carry, someone who can write
 * the database cannot turn keyed rows back into unkeyed ones. */
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "audit.h"
#include "util.h"

/* Process-wide: set by audit_keys_configure and audit_keys_open before any
 * worker thread starts, read-only afterwards. */
static const char *configured_path;
static bool configured_skip;
static struct audit_keyring ring;
static bool ring_loaded;

char *audit_key_default_path(const char *db_path)
{
	return xasprintf("%s.auditkey", db_path);
}

void audit_keys_configure(const char *path, bool load)
{
	configured_path = path && *path ? path : NULL;
	configured_skip = !load;
}

const struct audit_keyring *audit_keys(void)
{
	return ring_loaded ? &ring : NULL;
}

int audit_keyring_version_for(const struct audit_keyring *kr, int64_t id)
{
	int v = 0;
	for (int i = 0; kr && i < kr->n; i++)
		if (kr->keys[i].first_row <= id)
			v = kr->keys[i].version;
	return v;
}

static void set_seed(struct audit_key *k, const unsigned char seed[32])
{
	crypto_sign_seed_keypair(k->sign_pk, k->sign_sk, seed);
}

int audit_keyring_add(struct audit_keyring *kr, int64_t first_row)
{
	if (kr->n >= AUDIT_MAX_KEYS)
		return -1;
	struct audit_key *k = &kr->keys[kr->n];
	k->version = kr->n + 1;
	k->first_row = first_row;
	randombytes_buf(k->mac, sizeof k->mac);
	unsigned char seed[32];
	randombytes_buf(seed, sizeof seed);
	set_seed(k, seed);
	sodium_memzero(seed, sizeof seed);
	kr->n++;
	return 0;
}

static bool hex32(const char *hex, unsigned char out[32])
{
	size_t len = 0;
	return strlen(hex) == 64 && sodium_hex2bin(out, 32, hex, 64, NULL, &len, NULL) == 0 && len == 32;
}

int audit_keyring_read(const char *path, struct audit_keyring *kr, char **err)
{
	memset(kr, 0, sizeof *kr);
	FILE *f = fopen(path, "r");
	if (!f) {
		if (errno == ENOENT)
			return 1;
		*err = xasprintf("kan sleutelbestand %s niet lezen: %s", path, strerror(errno));
		return -1;
	}
	char line[400];
	int lineno = 0, rc = 0;
	while (fgets(line, sizeof line, f)) {
		lineno++;
		if (line[0] == '#' || line[0] == '\n')
			continue;
		int version;
		long long first;
		char mac[80], seed_hex[80];
		unsigned char seed[32];
		struct audit_key *k = &kr->keys[kr->n];
		if (kr->n >= AUDIT_MAX_KEYS || sscanf(line, "%d %lld %79s %79s", &version, &first, mac, seed_hex) != 4 ||
		    version != kr->n + 1 || first < 1 || (kr->n > 0 && first <= kr->keys[kr->n - 1].first_row) ||
		    !hex32(mac, k->mac) || !hex32(seed_hex, seed)) {
			*err = xasprintf("sleutelbestand %s is ongeldig op regel %d", path, lineno);
			rc = -1;
			break;
		}
		k->version = version;
		k->first_row = first;
		set_seed(k, seed);
		sodium_memzero(seed, sizeof seed);
		sodium_memzero(line, sizeof line);
		kr->n++;
	}
	fclose(f);
	if (rc == 0 && kr->n == 0) {
		*err = xasprintf("sleutelbestand %s bevat geen sleutel", path);
		rc = -1;
	}
	if (rc != 0)
		sodium_memzero(kr, sizeof *kr);
	return rc;
}

int audit_keyring_write(const char *path, const struct audit_keyring *kr, char **err)
{
	char *tmp = xasprintf("%s.tmp", path);
	int rc = -1;
	unlink(tmp);
	int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL, 0600);
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (!f) {
		*err = xasprintf("kan sleutelbestand %s niet maken: %s", tmp, strerror(errno));
		if (fd >= 0)
			close(fd);
		goto out;
	}
	fputs("# Een Loket: sleutels van de auditketen (docs/security.md). Geheim: bewaar dit bestand\n"
	      "# niet bij de database en maak er een aparte reservekopie van.\n"
	      "# versie eerste-regel mac-sleutel ondertekensleutel\n", f);
	for (int i = 0; i < kr->n; i++) {
		const struct audit_key *k = &kr->keys[i];
		char mac[65], seed[65];
		sodium_bin2hex(mac, sizeof mac, k->mac, 32);
		sodium_bin2hex(seed, sizeof seed, k->sign_sk, 32); /* the seed is the secret key's first half */
		fprintf(f, "%d %lld %s %s\n", k->version, (long long)k->first_row, mac, seed);
		sodium_memzero(mac, sizeof mac);
		sodium_memzero(seed, sizeof seed);
	}
	bool ok = fflush(f) == 0 && fsync(fileno(f)) == 0;
	ok = fclose(f) == 0 && ok;
	if (!ok || rename(tmp, path) != 0) {
		*err = xasprintf("kan sleutelbestand %s niet schrijven: %s", path, strerror(errno));
		unlink(tmp);
		goto out;
	}
	rc = 0;
out:
	free(tmp);
	return rc;
}

int audit_keys_open(sqlite3 *conn, const char *db_path, char **err)
{
	if (configured_skip)
		return 0;
	char *path = configured_path ? xstrdup(configured_path) : audit_key_default_path(db_path);
	struct audit_keyring kr;
	int rc = audit_keyring_read(path, &kr, err);
	int64_t last_id = 0;
	bool ok = true;
	char problem[200];
	if (rc >= 0 && audit_verify_newest(conn, rc == 0 ? &kr : NULL, &last_id, &ok, problem, sizeof problem) != 0) {
		*err = xasprintf("auditlog kon niet worden gelezen");
		rc = -1;
	}
	if (rc == 1 && last_id > 0) {
		/* Never a new key for an existing chain: that would bless whatever
		 * happened to it. */
		*err = xasprintf("het auditlog heeft %lld regels, maar sleutelbestand %s ontbreekt. Zet het terug"
		                 " (--audit-key of LOKET_AUDIT_KEY), of maak voor een database van voor de"
		                 " auditsleutel de eerste sleutel met 'loket audit-rotate-key'. / The audit log has"
		                 " rows but its key file is missing; the server will not start without it.",
		                 (long long)last_id, path);
		rc = -1;
	} else if (rc == 1) {
		audit_keyring_add(&kr, 1);
		rc = audit_keyring_write(path, &kr, err);
		if (rc == 0)
			log_info("nieuw sleutelbestand voor de auditketen: %s (maak er een aparte reservekopie van)", path);
	} else if (rc == 0 && kr.keys[kr.n - 1].first_row > last_id + 1) {
		*err = xasprintf("sleutelbestand %s hoort niet bij deze database: de nieuwste sleutel begint bij"
		                 " regel %lld, het auditlog heeft er %lld", path,
		                 (long long)kr.keys[kr.n - 1].first_row, (long long)last_id);
		rc = -1;
	} else if (rc == 0 && !ok) {
		*err = xasprintf("sleutelbestand %s hoort niet bij deze database, of de laatste auditregel is"
		                 " vervalst: %s", path, problem);
		rc = -1;
	}
	struct stat sb;
	if (rc == 0 && stat(path, &sb) == 0 && (sb.st_mode & 077))
		log_error("sleutelbestand %s is leesbaar voor anderen dan de eigenaar; zet het op 0600", path);
	if (rc == 0) {
		ring = kr;
		ring_loaded = true;
	}
	sodium_memzero(&kr, sizeof kr);
	free(path);
	return rc;
}

/* ---- rotation ---------------------------------------------------------------- */

int audit_keys_rotate(db *d, const char *key_path, int64_t medewerker_id, FILE *out, char **err)
{
	sqlite3 *conn = db_sqlite(d);
	struct audit_keyring old;
	int rc = audit_keyring_read(key_path, &old, err);
	if (rc < 0)
		return -1;
	struct audit_check c;
	if (audit_verify(conn, rc == 0 ? &old : NULL, &c) != 0) {
		*err = xasprintf("auditlog kon niet worden gelezen");
		return -1;
	}
	if (!c.ok) {
		*err = xasprintf("de auditketen klopt niet met het huidige sleutelbestand (regel %lld: %s);"
		                 " er komt geen nieuwe sleutel", (long long)c.first_bad_id, c.problem);
		return -1;
	}
	/* The row that records the change is the old key's last (unkeyed for
	 * the first key of an older database); the new key starts after it. */
	struct audit_keyring next = old;
	if (audit_keyring_add(&next, c.rows + 2) != 0) {
		*err = xasprintf("het sleutelbestand is vol (%d versies)", AUDIT_MAX_KEYS);
		return -1;
	}
	const struct audit_key *k = &next.keys[next.n - 1];
	unsigned char fp[16];
	crypto_generichash(fp, sizeof fp, k->mac, sizeof k->mac, NULL, 0);
	char fp_hex[33], pk_hex[65];
	sodium_bin2hex(fp_hex, sizeof fp_hex, fp, sizeof fp);
	sodium_bin2hex(pk_hex, sizeof pk_hex, k->sign_pk, sizeof k->sign_pk);
	char *reason = xasprintf("sleutelversie %d vanaf regel %lld; vingerafdruk %s; ondertekensleutel %s",
	                         k->version, (long long)k->first_row, fp_hex, pk_hex);
	char *pending = xasprintf("%s.nieuw", key_path);
	struct audit_entry e = {.medewerker_id = medewerker_id, .action = "audit.sleutel_gewisseld",
	                        .object_type = "auditsleutel", .object_id = k->version, .reason = reason};
	rc = -1;
	/* The new file is ready before the row commits, and takes the old
	 * one's place after: a failure in between leaves the old key in use
	 * and the chain whole. */
	if (audit_keyring_write(pending, &next, err) != 0)
		goto out;
	ring = old;
	ring_loaded = true;
	if (db_begin(d) != 0 || audit_append(d, &e) != DB_OK || db_commit(d) != 0) {
		db_rollback(d);
		*err = xasprintf("de auditregel van de sleutelwissel kon niet worden geschreven");
		unlink(pending);
		goto out;
	}
	if (rename(pending, key_path) != 0) {
		*err = xasprintf("kan %s niet hernoemen naar %s: %s. Doe dat met de hand voordat de server"
		                 " start", pending, key_path, strerror(errno));
		goto out;
	}
	ring = next;
	fprintf(out, "nieuwe auditsleutel: versie %d vanaf regel %lld (vingerafdruk %s) in %s\n", k->version,
	        (long long)k->first_row, fp_hex, key_path);
	rc = 0;
out:
	free(reason);
	free(pending);
	sodium_memzero(&old, sizeof old);
	sodium_memzero(&next, sizeof next);
	return rc;
}
