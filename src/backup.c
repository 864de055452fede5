/* backup.c - online backup through SQLite's backup API (see backup.h). */
#include "backup.h"

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "audit.h"
#include "util.h"

/* The copy must be usable on its own: whole, and with an audit chain that
 * verifies.  Returns 0, or -1 with *err set. */
static int check_copy(sqlite3 *copy, const struct audit_keyring *kr, char **err)
{
	sqlite3_stmt *st = NULL;
	int ok = 0;
	if (sqlite3_prepare_v2(copy, "PRAGMA integrity_check", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		ok = strcmp((const char *)sqlite3_column_text(st, 0), "ok") == 0;
	sqlite3_finalize(st);
	if (!ok) {
		*err = xasprintf("de kopie is niet in orde (integrity_check)");
		return -1;
	}
	struct audit_check c;
	if (audit_verify(copy, kr, &c) != 0 || !c.ok) {
		*err = xasprintf("de auditketen in de kopie klopt niet%s%s", c.problem[0] ? ": " : "", c.problem);
		return -1;
	}
	return 0;
}

int backup_database(const char *src, const char *dst, const struct audit_keyring *kr, char **err)
{
	char *tmp = xasprintf("%s.tmp", dst);
	sqlite3 *from = NULL, *to = NULL;
	int rc = -1;
	unlink(tmp);
	if (sqlite3_open_v2(src, &from, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		*err = xasprintf("kan %s niet openen: %s", src, sqlite3_errmsg(from));
		goto out;
	}
	sqlite3_busy_timeout(from, 5000);
	if (sqlite3_open_v2(tmp, &to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		*err = xasprintf("kan %s niet maken: %s", tmp, sqlite3_errmsg(to));
		goto out;
	}
	/* All pages in one step: the source's read transaction spans the whole
	 * copy, so it is one snapshot even while the server writes (WAL). */
	sqlite3_backup *b = sqlite3_backup_init(to, "main", from, "main");
	if (!b) {
		*err = xasprintf("backup kan niet beginnen: %s", sqlite3_errmsg(to));
		goto out;
	}
	int step = sqlite3_backup_step(b, -1);
	sqlite3_backup_finish(b);
	if (step != SQLITE_DONE) {
		*err = xasprintf("backup mislukt: %s", sqlite3_errstr(step));
		goto out;
	}
	if (check_copy(to, kr, err) != 0)
		goto out;
	sqlite3_close(to);
	to = NULL;
	if (rename(tmp, dst) != 0) {
		*err = xasprintf("kan %s niet vervangen door de kopie", dst);
		goto out;
	}
	rc = 0;
out:
	sqlite3_close(to);
	sqlite3_close(from);
	if (rc != 0)
		unlink(tmp);
	free(tmp);
	return rc;
}
