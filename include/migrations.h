/* migrations.h - the schema migrations embedded at build time from
 * migrations/NNNN_name.sql (see tools/embed-migrations.sh). */
#ifndef LOKET_MIGRATIONS_H
#define LOKET_MIGRATIONS_H

struct migration {
	int version;      /* NNNN from the file name; strictly increasing */
	const char *name; /* file name, for messages */
	const char *sql;
};

extern const struct migration migrations[];
extern const int migrations_count;

#endif
