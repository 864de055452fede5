/* backup.h - online backups of the database. */
#ifndef LOKET_BACKUP_H
#define LOKET_BACKUP_H

struct audit_keyring;

/* Copies the database at src to dst while the server may be running: one
 * consistent snapshot through SQLite's backup API (writers go on; the copy
 * is what was committed when it started).  Writes dst.tmp, checks it
 * (integrity_check, the audit chain with the key ring kr of src), then
 * renames it over dst.  The key file is not copied: it is backed up on its
 * own (docs/security.md).  Returns 0, or -1 with *err set (caller
 * frees). */
int backup_database(const char *src, const char *dst, const struct audit_keyring *kr, char **err);

#endif
