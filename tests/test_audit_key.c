/* test_audit_key.c - the keyed audit chain (security issue 11): an attacker
 * with the database but without the key file deletes a row and recomputes
 * every later hash, unkeyed, downgraded to "no key", or with a key of their
 * own; the library and `loket audit-verify` must refuse each, and accept
 * the untouched chain with the right key.  Signed checkpoints catch a cut
 * tail and refuse a tampered or foreign checkpoint; rotation keeps the
 * chain verifiable; a database with rows but no key file is refused; a
 * database from before migration 0012 gets its first key from
 * audit-rotate-key and keeps verifying. */
#include "audit.h"
#include "db.h"
#include "audit_forge.h"
#include "migrations.h"
#include "util.h"
#include "testutil.h"

#include <dirent.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char tmpdir[64];
static const char *loket = "build/san/loket";

static char *path_in(const char *name)
{
	return xasprintf("%s/%s", tmpdir, name);
}

static void rm_tree(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		char *p = xasprintf("%s/%s", dir, e->d_name);
		unlink(p);
		free(p);
	}
	closedir(d);
	rmdir(dir);
}

/* Runs loket with the NULL-terminated arguments; the exit status (-1 when
 * it did not exit) and its output in *out (free it; may be NULL). */
static int run_loket(char **out, ...)
{
	const char *argv[16] = {loket};
	int n = 1;
	va_list ap;
	va_start(ap, out);
	const char *a;
	while ((a = va_arg(ap, const char *)) && n < 15)
		argv[n++] = a;
	va_end(ap);
	argv[n] = NULL;
	char *file = path_in("cli.out");
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		int fd = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		if (fd < 0)
			_exit(127);
		dup2(fd, 1);
		dup2(fd, 2);
		execv(loket, (char *const *)argv);
		_exit(127);
	}
	int status = 0, rc = -1;
	if (pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status))
		rc = WEXITSTATUS(status);
	if (out) {
		strbuf sb = {0};
		FILE *f = fopen(file, "rb");
		char buf[4096];
		size_t k;
		while (f && (k = fread(buf, 1, sizeof buf, f)) > 0)
			sb_append(&sb, buf, k);
		if (f)
			fclose(f);
		*out = sb_steal(&sb);
	}
	unlink(file);
	free(file);
	return rc;
}

static bool copy_db(const char *from, const char *to)
{
	sqlite3 *c = NULL;
	unlink(to);
	bool ok = sqlite3_open_v2(from, &c, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK;
	char *sql = sqlite3_mprintf("VACUUM INTO %Q", to);
	ok = ok && sqlite3_exec(c, sql, NULL, NULL, NULL) == SQLITE_OK;
	sqlite3_free(sql);
	sqlite3_close(c);
	return ok;
}

static bool exec_on(const char *path, const char *sql)
{
	sqlite3 *c = NULL;
	char *msg = NULL;
	bool ok = sqlite3_open(path, &c) == SQLITE_OK && sqlite3_exec(c, sql, NULL, NULL, &msg) == SQLITE_OK;
	if (!ok)
		printf("# sql [%s]: %s\n", sql, msg ? msg : sqlite3_errmsg(c));
	sqlite3_free(msg);
	sqlite3_close(c);
	return ok;
}

/* Opens path with its key file (key: NULL for the default) and appends n
 * rows, the i-th with token id token0 + i (0: none). */
static bool append_rows(const char *path, const char *key, int n, int64_t token0)
{
	char *err = NULL;
	audit_keys_configure(key, true);
	int rc = db_init(path, &err);
	audit_keys_configure(NULL, true);
	if (rc != 0) {
		printf("# db_init %s: %s\n", path, err ? err : "");
		free(err);
		return false;
	}
	db *d = db_get();
	bool ok = d && db_begin(d) == 0;
	for (int i = 0; ok && i < n; i++) {
		struct audit_entry e = {.medewerker_id = 1 + i % 3, .action = "huishouden.view",
		                        .object_type = "huishouden", .object_id = 40 + i, .huishouden_id = 40 + i,
		                        .client_addr = "127.0.0.1", .token_id = token0 ? token0 + i : 0};
		ok = audit_append(d, &e) == DB_OK;
	}
	ok = ok && db_commit(d) == 0;
	if (!ok && d)
		db_rollback(d);
	db_close_all();
	return ok;
}

/* The library's verdict on path with the key file key. */
static bool lib_verifies(const char *path, const char *key, struct audit_check *chk)
{
	struct audit_keyring kr;
	char *err = NULL;
	int krc = audit_keyring_read(key, &kr, &err);
	free(err);
	sqlite3 *c = NULL;
	bool ok = false;
	memset(chk, 0, sizeof *chk);
	if (krc >= 0 && sqlite3_open_v2(path, &c, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK)
		ok = audit_verify(c, krc == 0 ? &kr : NULL, chk) == 0 && chk->ok;
	sqlite3_close(c);
	return ok;
}

static int cli_verify(const char *path, const char *key, char **out)
{
	return run_loket(out, "audit-verify", "--db", path, "--audit-key", key, (char *)NULL);
}

static void test_attacker(const char *orig, const char *key)
{
	static const struct { enum forge how; const char *name; } cases[] = {
		{FORGE_UNKEYED, "row 5 deleted, later rows recomputed with unkeyed BLAKE2b"},
		{FORGE_DOWNGRADE, "row 5 deleted, every row marked unkeyed and recomputed"},
		{FORGE_OWN_KEY, "row 5 deleted, later rows recomputed with a key of the attacker's own"},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char *copy = path_in("forged.db");
		bool ok = copy_db(orig, copy) &&
		          exec_on(copy, "DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;"
		                        "DELETE FROM audit WHERE id = 5; UPDATE audit SET id = id - 1 WHERE id > 5") &&
		          forge_chain(copy, cases[i].how);
		CHECK(ok, "attacker: %s (done)", cases[i].name);
		struct audit_check chk;
		CHECK(!lib_verifies(copy, key, &chk) && chk.first_bad_id > 0, "attacker: %s: audit_verify refuses (%s)",
		      cases[i].name, chk.problem);
		char *out = NULL;
		{
			int st_ = cli_verify(copy, key, &out);
			CHECK_INT(st_, 1, "attacker: %s: loket audit-verify exits 1 [%.*s]",
			          cases[i].name, (int)strcspn(out ? out : "", "\n"), out ? out : "");
		}
		CHECK(out && strstr(out, "verbroken bij regel "), "attacker: %s: the command names the first bad row",
		      cases[i].name);
		free(out);
		free(copy);
	}
	/* The untouched chain with another key file: refused as well. */
	char *other_db = path_in("other.db"), *other_key = path_in("other.db.auditkey");
	CHECK(append_rows(other_db, NULL, 2, 0), "another database with its own key file");
	struct audit_check chk;
	CHECK(!lib_verifies(orig, other_key, &chk), "wrong key: audit_verify refuses the untouched chain (%s)",
	      chk.problem);
	CHECK_INT(cli_verify(orig, other_key, NULL), 1, "wrong key: loket audit-verify exits 1");
	/* ...and a server will not start on it with that key file. */
	char *err = NULL;
	audit_keys_configure(other_key, true);
	int rc = db_init(orig, &err);
	audit_keys_configure(NULL, true);
	CHECK(rc != 0 && err && strstr(err, "hoort niet bij deze database"),
	      "wrong key: db_init refuses the key file of another database [%s]", err ? err : "");
	free(err);
	db_close_all();
	free(other_db);
	free(other_key);
}

/* ---- checkpoints ---------------------------------------------------------- */

/* A checkpoint made by the library on path with the key file key (NULL:
 * the default), as the server makes it. */
static json_t *make_checkpoint_with(const char *path, const char *key)
{
	char *err = NULL;
	json_t *cp = NULL;
	audit_keys_configure(key, true);
	int rc = db_init(path, &err);
	audit_keys_configure(NULL, true);
	if (rc == 0 && db_get())
		audit_checkpoint_make(db_get(), 5, "127.0.0.1", 0, &cp);
	free(err);
	db_close_all();
	return cp;
}

static int cli_with_checkpoint(const char *db_path, const char *key, const json_t *cp, char **out)
{
	char *file = path_in("cp.json");
	json_dump_file(cp, file, JSON_COMPACT);
	int rc = run_loket(out, "audit-verify", "--db", db_path, "--audit-key", key, "--checkpoint", file,
	                   (char *)NULL);
	free(file);
	return rc;
}

/* A checkpoint signed by a key pair of our own over the canonical text. */
static json_t *sign_foreign(const json_t *cp, unsigned char pk[32], unsigned char sk[64])
{
	char pk_hex[65], sig_hex[129];
	sodium_bin2hex(pk_hex, sizeof pk_hex, pk, 32);
	char *text = xasprintf("loket-audit-checkpoint-v1\nhead_id=%lld\nhead_hash=%s\nrows=%lld\nat=%lld\n"
	                       "at_iso=%s\npublic_key=%s\n",
	                       (long long)json_integer_value(json_object_get(cp, "head_id")),
	                       json_string_value(json_object_get(cp, "head_hash")),
	                       (long long)json_integer_value(json_object_get(cp, "rows")),
	                       (long long)json_integer_value(json_object_get(cp, "at")),
	                       json_string_value(json_object_get(cp, "at_iso")), pk_hex);
	unsigned char sig[64];
	crypto_sign_detached(sig, NULL, (const unsigned char *)text, strlen(text), sk);
	free(text);
	sodium_bin2hex(sig_hex, sizeof sig_hex, sig, sizeof sig);
	json_t *f = json_deep_copy(cp);
	json_object_set_new(f, "public_key", json_string(pk_hex));
	json_object_set_new(f, "signature", json_string(sig_hex));
	return f;
}

static void test_checkpoints(const char *orig, const char *key)
{
	json_t *cp = make_checkpoint_with(orig, NULL);
	CHECK(cp && json_integer_value(json_object_get(cp, "head_id")) == json_integer_value(json_object_get(cp, "rows")),
	      "checkpoint: made, covering every row including its own");
	if (!cp)
		return;
	long long head = json_integer_value(json_object_get(cp, "head_id"));
	CHECK(append_rows(orig, NULL, 3, 0), "checkpoint: three more rows after it");
	char *out = NULL;
	{
		int st_ = cli_with_checkpoint(orig, key, cp, &out);
		CHECK_INT(st_, 0, "checkpoint: the untouched chain passes with it [%.*s]",
		          (int)strcspn(out ? out : "", "\n"), out ? out : "");
	}
	free(out);

	/* The tail cut off, the head moved back: the chain alone passes. */
	char *cut = path_in("cut.db");
	char *sql = xasprintf("DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE id >= %lld;"
	                      "UPDATE audit_head SET last_id = %lld, last_hash = (SELECT hash FROM audit WHERE id = %lld)",
	                      head - 1, head - 2, head - 2);
	CHECK(copy_db(orig, cut) && exec_on(cut, sql), "truncate: rows from %lld on cut off", head - 1);
	free(sql);
	CHECK_INT(cli_verify(cut, key, NULL), 0, "truncate: without a checkpoint the cut is not seen (documented)");
	CHECK_INT(cli_with_checkpoint(cut, key, cp, &out), 1, "truncate: audit-verify with the checkpoint exits 1");
	CHECK(out && strstr(out, "controlepunt") && strstr(out, "ontbreekt"), "truncate: it names the checkpoint [%.*s]",
	      (int)strcspn(out ? out : "", "\n"), out ? out : "");
	free(out);
	sqlite3 *c = NULL;
	char buf[200];
	const char *why = NULL;
	CHECK(sqlite3_open_v2(cut, &c, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK, "truncate: open the cut copy");
	struct audit_keyring kr;
	char *err = NULL;
	audit_keyring_read(key, &kr, &err);
	free(err);
	CHECK_INT(audit_checkpoint_check(c, &kr, cp, buf, sizeof buf, &why), 1,
	          "truncate: audit_checkpoint_check refuses (%s)", why ? why : "");
	sqlite3_close(c);
	free(cut);

	/* Tampered fields and foreign keys. */
	static const char *const fields[] = {"rows", "head_id", "at"};
	for (size_t i = 0; i < ARRAY_LEN(fields); i++) {
		json_t *t = json_deep_copy(cp);
		json_object_set_new(t, fields[i], json_integer(json_integer_value(json_object_get(cp, fields[i])) - 1));
		{
			int st_ = cli_with_checkpoint(orig, key, t, &out);
			CHECK_INT(st_, 1, "tampered checkpoint (%s) refused [%.*s]", fields[i],
			          (int)strcspn(out ? out : "", "\n"), out ? out : "");
		}
		CHECK(out && strstr(out, "handtekening"), "tampered checkpoint (%s): the signature is named", fields[i]);
		free(out);
		json_decref(t);
	}
	json_t *t = json_deep_copy(cp);
	char hash[65];
	snprintf(hash, sizeof hash, "%s", json_string_value(json_object_get(cp, "head_hash")));
	hash[0] = hash[0] == '0' ? '1' : '0';
	json_object_set_new(t, "head_hash", json_string(hash));
	CHECK_INT(cli_with_checkpoint(orig, key, t, NULL), 1, "tampered checkpoint (head_hash) refused");
	json_decref(t);
	unsigned char pk[32], sk[64];
	crypto_sign_keypair(pk, sk);
	t = sign_foreign(cp, pk, sk);
	CHECK_INT(cli_with_checkpoint(orig, key, t, &out), 1, "a checkpoint signed with a foreign key is refused");
	CHECK(out && strstr(out, "niet met een sleutel uit ons sleutelbestand"), "foreign key: named as such [%.*s]",
	      (int)strcspn(out ? out : "", "\n"), out ? out : "");
	free(out);
	json_object_set(t, "public_key", json_object_get(cp, "public_key"));
	CHECK_INT(cli_with_checkpoint(orig, key, t, NULL), 1, "a foreign signature under our public key is refused");
	json_decref(t);
	char *bad = path_in("bad.json");
	FILE *f = fopen(bad, "w");
	if (f) {
		fputs("{\"head_id\": 1", f);
		fclose(f);
	}
	CHECK_INT(run_loket(NULL, "audit-verify", "--db", orig, "--audit-key", key, "--checkpoint", bad, (char *)NULL), 1,
	          "a checkpoint that is no JSON is refused");
	free(bad);

	/* Rotation: the chain goes on with version 2 and still verifies;
	 * the old checkpoint still holds (its key stays in the file). */
	char *rot = path_in("rot.db"), *rot_key = path_in("rot.key");
	char *cmd = xasprintf("cp %s %s", key, rot_key);
	CHECK(copy_db(orig, rot) && system(cmd) == 0, "rotation: a copy with its key file");
	free(cmd);
	{
		int st_ = run_loket(&out, "audit-rotate-key", "--db", rot, "--audit-key", rot_key, (char *)NULL);
		CHECK_INT(st_, 0,
		          "rotation: loket audit-rotate-key succeeds [%.*s]", (int)strcspn(out ? out : "", "\n"), out ? out : "");
	}
	free(out);
	CHECK(append_rows(rot, rot_key, 4, 0), "rotation: rows appended with the new key");
	struct audit_check chk;
	CHECK(lib_verifies(rot, rot_key, &chk), "rotation: the chain verifies with the rotated key file (%s)", chk.problem);
	CHECK_INT(cli_with_checkpoint(rot, rot_key, cp, NULL), 0, "rotation: the checkpoint from before still holds");
	sqlite3 *r = NULL;
	if (sqlite3_open_v2(rot, &r, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK) {
		sqlite3_stmt *st = NULL;
		sqlite3_prepare_v2(r, "SELECT (SELECT key_version FROM audit WHERE action = 'audit.sleutel_gewisseld'),"
		                      " (SELECT min(key_version) FROM audit WHERE id > (SELECT id FROM audit"
		                      "  WHERE action = 'audit.sleutel_gewisseld'))", -1, &st, NULL);
		CHECK(st && sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) == 1 && sqlite3_column_int(st, 1) == 2,
		      "rotation: the change is MACed with the old key, every later row with the new");
		sqlite3_finalize(st);
	}
	sqlite3_close(r);
	CHECK_INT(cli_verify(rot, key, NULL), 1, "rotation: the old key file alone no longer verifies the new rows");
	json_t *cp2 = make_checkpoint_with(rot, rot_key);
	CHECK(cp2 && cli_with_checkpoint(rot, rot_key, cp2, NULL) == 0, "rotation: a new checkpoint is signed with the new key");
	CHECK(cp2 && !json_equal(json_object_get(cp2, "public_key"), json_object_get(cp, "public_key")),
	      "rotation: the signing key changed too");
	json_decref(cp2);
	free(rot);
	free(rot_key);
	json_decref(cp);
}

/* ---- refusing to start, and a database from before the key ---------------- */

static void test_refusals(const char *orig, const char *key)
{
	char *copy = path_in("nokey.db");
	CHECK(copy_db(orig, copy), "no key: a copy of a chain without its key file");
	char *err = NULL;
	CHECK(db_init(copy, &err) != 0 && err && strstr(err, "ontbreekt"), "no key: db_init refuses [%s]",
	      err ? err : "");
	free(err);
	db_close_all();
	char *keyfile = audit_key_default_path(copy);
	CHECK(access(keyfile, F_OK) != 0, "no key: no new key file was made for the existing chain");
	char *out = NULL;
	char *cmd = xasprintf("timeout 60 %s serve --db %s --port 0 > %s/serve.out 2>&1", loket, copy, tmpdir);
	int st = system(cmd);
	CHECK(st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 1, "no key: loket serve refuses to start");
	free(cmd);
	char *log = path_in("serve.out");
	FILE *f = fopen(log, "r");
	char line[600] = "";
	if (f) {
		size_t n = fread(line, 1, sizeof line - 1, f);
		line[n] = '\0';
		fclose(f);
	}
	CHECK(strstr(line, "sleutelbestand") && strstr(line, "key file"), "no key: the message says why, in Dutch and"
	      " English [%.120s]", line);
	CHECK(access(keyfile, F_OK) != 0, "no key: serve made no key file either");
	CHECK_INT(run_loket(&out, "audit-verify", "--db", copy, (char *)NULL), 1,
	          "no key: audit-verify without the key file does not pass a keyed chain");
	free(out);
	free(log);
	free(keyfile);
	free(copy);
	(void)key;
}

/* A database as migration 0011 left it, with rows in the old unkeyed
 * chain, written by the test's own copy of the old hash. */
static bool make_legacy(const char *path)
{
	sqlite3 *c = NULL;
	unlink(path);
	bool ok = sqlite3_open(path, &c) == SQLITE_OK &&
	          sqlite3_exec(c, "CREATE TABLE schema_migration (version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
	                          " applied_at INTEGER NOT NULL) STRICT", NULL, NULL, NULL) == SQLITE_OK;
	for (int i = 0; ok && i < migrations_count && migrations[i].version <= 11; i++) {
		char *ins = sqlite3_mprintf("INSERT INTO schema_migration VALUES (%d, %Q, 0)", migrations[i].version,
		                            migrations[i].name);
		ok = sqlite3_exec(c, migrations[i].sql, NULL, NULL, NULL) == SQLITE_OK &&
		     sqlite3_exec(c, ins, NULL, NULL, NULL) == SQLITE_OK;
		sqlite3_free(ins);
	}
	for (int i = 1; ok && i <= 6; i++) {
		char *ins = sqlite3_mprintf("INSERT INTO audit(id, at, medewerker_id, action, object_type, object_id,"
		                            " huishouden_id, reason, client_addr, prev_hash, hash) VALUES (%d, %d, 1,"
		                            " 'huishouden.view', 'huishouden', %d, %d, NULL, '10.0.0.1', zeroblob(32),"
		                            " zeroblob(32))", i, 1700000000 + i, i, i);
		ok = sqlite3_exec(c, ins, NULL, NULL, NULL) == SQLITE_OK;
		sqlite3_free(ins);
	}
	ok = ok && sqlite3_exec(c, "INSERT INTO audit_head VALUES (1, 6, zeroblob(32))", NULL, NULL, NULL) == SQLITE_OK;
	sqlite3_close(c);
	/* The old hash is the unkeyed one, over the same fields. */
	return ok && forge_chain(path, FORGE_UNKEYED) &&
	       exec_on(path, "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit"
	                     " BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;"
	                     "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit"
	                     " BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;");
}

static void test_legacy(void)
{
	char *old = path_in("legacy.db"), *key = path_in("legacy.db.auditkey");
	CHECK(make_legacy(old), "legacy: a database of schema 11 with six unkeyed rows");
	char *out = NULL;
	{
		int st_ = run_loket(&out, "audit-verify", "--db", old, (char *)NULL);
		CHECK_INT(st_, 0,
		          "legacy: audit-verify without a key passes the old chain, unmigrated [%.*s]",
		          (int)strcspn(out ? out : "", "\n"), out ? out : "");
	}
	free(out);
	char *err = NULL;
	CHECK(db_init(old, &err) != 0, "legacy: the server does not start without a key (%s)", err ? err : "");
	free(err);
	db_close_all();
	{
		int st_ = run_loket(&out, "audit-rotate-key", "--db", old, (char *)NULL);
		CHECK_INT(st_, 0,
		          "legacy: audit-rotate-key makes the first key [%.*s]", (int)strcspn(out ? out : "", "\n"), out ? out : "");
	}
	free(out);
	struct audit_keyring kr;
	err = NULL;
	CHECK(audit_keyring_read(key, &kr, &err) == 0 && kr.n == 1 && kr.keys[0].first_row == 8,
	      "legacy: version 1 starts after the row that records it (row 8)");
	free(err);
	CHECK(append_rows(old, NULL, 3, 0), "legacy: the server's path appends keyed rows");
	struct audit_check chk;
	CHECK(lib_verifies(old, key, &chk) && chk.rows == 10, "legacy: old rows unkeyed, new rows keyed: verifies (%s)",
	      chk.problem);
	CHECK_INT(cli_verify(old, key, NULL), 0, "legacy: loket audit-verify passes with the key");
	/* Rows 1..7 keep only the old protection on their own, but row 8's MAC
	 * covers row 7's hash: rewriting them means rewriting a keyed row. */
	char *copy = path_in("legacy-forged.db");
	CHECK(copy_db(old, copy) && exec_on(copy, "DROP TRIGGER audit_no_update; UPDATE audit SET reason = 'x' WHERE id = 3") &&
	      forge_chain(copy, FORGE_UNKEYED), "legacy: an old row changed and the whole chain recomputed unkeyed");
	CHECK(!lib_verifies(copy, key, &chk) && chk.first_bad_id == 8, "legacy: caught at the first keyed row (%s)",
	      chk.problem);
	free(copy);
	free(old);
	free(key);
}

int main(void)
{
	if (sodium_init() < 0) {
		T_FAIL("sodium_init", "failed");
		T_EXIT();
	}
	snprintf(tmpdir, sizeof tmpdir, "/tmp/loket-test-auditkey-XXXXXX");
	if (!mkdtemp(tmpdir)) {
		T_FAIL("mkdtemp", "cannot create a temporary directory");
		T_EXIT();
	}
	CHECK(access(loket, X_OK) == 0, "%s is built", loket);
	char *orig = path_in("keyed.db"), *key = path_in("keyed.db.auditkey");
	CHECK(append_rows(orig, NULL, 4, 0) && append_rows(orig, NULL, 4, 900), "a keyed chain of eight rows");
	char *out = NULL;
	struct stat sb;
	CHECK(stat(key, &sb) == 0 && (sb.st_mode & 0777) == 0600, "the key file was made next to the new database,"
	      " mode 0600");
	struct audit_check chk;
	CHECK(lib_verifies(orig, key, &chk) && chk.rows == 8, "right key: audit_verify passes (%s)", chk.problem);
	{
		int st_ = cli_verify(orig, key, &out);
		CHECK_INT(st_, 0, "right key: loket audit-verify exits 0 [%.*s]", (int)strcspn(out ? out : "", "\n"), out ? out : "");
	}
	free(out);
	test_attacker(orig, key);
	test_checkpoints(orig, key);
	test_refusals(orig, key);
	test_legacy();
	free(orig);
	free(key);
	rm_tree(tmpdir);
	T_EXIT();
}
