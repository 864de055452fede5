/* backup.h - online backups of the database. */
#ifndef LOKET_BACKUP_H
#define LOKET_BACKUP_H

/* Copies the database at src to dst while the server may be running: one
 * consistent snapshot through SQLite's backup API (writers go on; the copy
 * is what was committed when it started).  Writes dst.tmp, checks it
 * (integrity_check, the audit chain), then renames it over dst.  Returns
 * 0, or -1 with *err set (caller frees). */
int backup_database(const char *src, const char *dst, char **err);

#endif
