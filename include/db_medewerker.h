/* db_medewerker.h - employees (medewerkers), teams, gebieden and
 * expertises.  All strings returned are allocated from the caller's arena;
 * JSON results are new references the caller owns. */
#ifndef LOKET_DB_MEDEWERKER_H
#define LOKET_DB_MEDEWERKER_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "db.h"
#include "http.h"
#include "util.h"

struct medewerker {
	int64_t id;
	const char *username;
	const char *name;
	const char *email;    /* NULL when none */
	unsigned roles;
	int64_t team_id;      /* 0 when none */
	const char *team_name;/* NULL when none */
	const char *password_hash; /* only filled by ..._credentials */
	bool must_change_password;
	bool active;
	int64_t created_at;
	int64_t version;          /* bumped by every change through beheer */
	const char *expertises;   /* names, ", "-separated by name; NULL when none */
	const char *updated_by;   /* name of who changed it last; NULL when never */
	int64_t updated_at;       /* 0 when never changed */
	bool koppeling;           /* a technical API account (db_koppeling.h), no person */
};

/* Sign-in lookup, including the password hash.  Case-insensitive; persons
 * only (a koppeling never signs in). */
enum db_status db_medewerker_credentials(db *d, arena *a, const char *username, struct medewerker *out);
enum db_status db_medewerker_get(db *d, arena *a, int64_t id, struct medewerker *out);

/* Every account, koppelingen included (the audit search filters by
 * either), ordered by name: [{id, username, name, email, roles, team,
 * active}] with roles as the bit set. */
json_t *db_medewerker_list(db *d);
int64_t db_medewerker_count(db *d);

/* Inserts an employee; DB_CONSTRAINT when the username is taken. */
enum db_status db_medewerker_insert(db *d, const struct medewerker *m, const char *password_hash,
                                    int64_t *id_out);
/* Sets active and bumps the version; by is who did it.  Persons only
 * (DB_NOT_FOUND for a koppeling), like ..._update and ..._set_password. */
enum db_status db_medewerker_set_active(db *d, int64_t id, bool active, int64_t by);
enum db_status db_medewerker_set_password(db *d, int64_t id, const char *password_hash,
                                          bool must_change);

/* Employees (persons, no koppelingen) for the beheer list, ordered by name: [{id, username, name,
 * email?, roles, team?, expertises?, active}]; team_id 0 means every team,
 * active -1 both active and inactive.  New reference. */
json_t *db_medewerker_list_filtered(db *d, int64_t team_id, int active);

/* Name, e-mail (NULL or "" for none), roles and team (0 for none) of m
 * when its version is still expected_version; bumps the version and records
 * by.  DB_NOT_FOUND when absent or changed meanwhile. */
enum db_status db_medewerker_update(db *d, int64_t id, int64_t expected_version, const struct medewerker *m,
                                    int64_t by);
/* Replaces the employee's expertises by ids[0..n). */
enum db_status db_medewerker_set_expertises(db *d, int64_t id, const int64_t *ids, size_t n);
/* The employee's expertise ids: an arena array of *n. */
enum db_status db_medewerker_expertise_ids(db *d, arena *a, int64_t id, int64_t **out, size_t *n);
/* Every expertise: [{id, name}] ordered by name.  New reference. */
json_t *db_expertise_list(db *d);
/* The households this employee is regisseur of and that are not closed:
 * [{id, address, status}] by address.  New reference. */
json_t *db_medewerker_open_households(db *d, int64_t id);

/* The roles whose grant is audited for the privacy officer: they widen
 * what an account may see or do beyond its own cases. */
#define ROLES_AUDITED_GRANT (ROLE_TEAMLEIDER | ROLE_BEHEERDER | ROLE_PRIVACY)
/* Appends one audit row "medewerker.rol_toegekend" (reason: the role's
 * Dutch label) per role of ROLES_AUDITED_GRANT in after but not in before,
 * granted by `by` (0: the command line) to employee id.  Inside the
 * caller's write transaction. */
enum db_status db_medewerker_audit_grants(db *d, int64_t by, int64_t id, unsigned before, unsigned after,
                                          const char *client_addr);

/* Reference lists: [{id, name}] ordered by name. */
json_t *db_team_list(db *d);
enum db_status db_team_insert(db *d, const char *name, int64_t *id_out);
enum db_status db_gebied_insert(db *d, const char *name, int64_t *id_out);
enum db_status db_expertise_insert(db *d, const char *name, int64_t *id_out);
enum db_status db_medewerker_add_expertise(db *d, int64_t medewerker_id, int64_t expertise_id);
bool db_team_exists(db *d, int64_t id);
/* db_team_list with "selected" true on the team with id chosen (for a
 * form's select).  New reference. */
json_t *db_team_options(db *d, int64_t chosen);

/* Fills u from five columns of st's current row starting at col: id,
 * username, name, roles, team_id (the sign-in of a session or a token
 * reads the same employee).  Strings from a; must_change_password is left
 * to the caller. */
void db_user_from_row(arena *a, sqlite3_stmt *st, int col, struct user *u);

#endif
