/* db_huishouden.h - households (huishouden), their members (persoon) and
 * the search terms that find them (persoon_zoekterm).
 *
 * Writers run inside the caller's write transaction (db_begin) and do not
 * audit: the caller appends its audit rows in the same transaction.
 * Strings in structs filled here are allocated from the caller's arena;
 * JSON results are new references the caller owns.  Versioned updates name
 * the version the user loaded and change nothing when another save came
 * first. */
#ifndef LOKET_DB_HUISHOUDEN_H
#define LOKET_DB_HUISHOUDEN_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "db.h"
#include "util.h"

/* A household's address as validated by the forms: postcode already
 * normalised ("1234 AB"); house_suffix and gebied may be absent (NULL or
 * "", 0). */
struct huishouden_input {
	const char *street;
	int64_t house_number;
	const char *house_suffix;
	const char *postcode;
	const char *city;
	int64_t gebied_id;
};

/* A person as validated by the forms: bsn (9 digits, 11-proef checked),
 * name_prefix, phone and email may be NULL or ""; birth_date is ISO;
 * role one of vocab_person_role's codes. */
struct persoon_input {
	const char *bsn;
	const char *first_name;
	const char *name_prefix;
	const char *last_name;
	const char *birth_date;
	const char *role;
	const char *phone;
	const char *email;
};

struct huishouden {
	int64_t id;
	const char *street;
	int64_t house_number;
	const char *house_suffix;  /* NULL when none */
	const char *postcode;
	const char *city;
	int64_t gebied_id;         /* 0 when none */
	const char *gebied;        /* its name, NULL when none */
	int64_t regisseur_id;      /* 0 when none */
	const char *regisseur;     /* name, NULL when none */
	const char *status;
	int64_t opened_at;
	const char *updated_by;    /* name of the last editor, NULL when never edited */
	int64_t updated_at;        /* 0 when never edited */
	int64_t version;
	const char *address;       /* one line, text_address() */
};

struct persoon {
	int64_t id;
	int64_t huishouden_id;
	const char *bsn;           /* NULL when none */
	const char *first_name;
	const char *name_prefix;   /* NULL when none */
	const char *last_name;
	const char *birth_date;
	const char *role;
	const char *phone;         /* NULL when none */
	const char *email;         /* NULL when none */
	const char *updated_by;    /* name, NULL when never edited */
	int64_t updated_at;
	int64_t version;
	const char *name;          /* "Jan de Vries" */
};

/* ---- households ------------------------------------------------------ */

/* Creates a household with its n persons (n >= 1) and their search terms,
 * opened now by created_by, inside the caller's transaction.  *hh_id gets
 * the household's id; person_ids (n entries, may be NULL) the persons'.
 * DB_CONSTRAINT when a BSN already exists (the caller rolls back).  For
 * demo data as well as the aanmelding form. */
enum db_status db_huishouden_create(db *d, const struct huishouden_input *h,
                                    const struct persoon_input *persons, int n,
                                    int64_t created_by, int64_t *hh_id, int64_t *person_ids);

/* One household.  DB_NOT_FOUND when there is none. */
enum db_status db_huishouden_get(db *d, arena *a, int64_t id, struct huishouden *out);

/* Address and gebied of household id, when its version is still
 * expected_version: the version goes up by one.  DB_NOT_FOUND when no row
 * changed (no such household, or another save came first: read it again
 * to tell which). */
enum db_status db_huishouden_update_address(db *d, int64_t id, const struct huishouden_input *h,
                                            int64_t expected_version, int64_t by);

/* True (DB_OK) in *exists when a household with this id exists. */
enum db_status db_huishouden_exists(db *d, int64_t id, bool *exists);

/* The gebieden for a select: [{id, name}] ordered by name. */
json_t *db_gebied_list(db *d);
bool db_gebied_exists(db *d, int64_t id);

/* ---- persons --------------------------------------------------------- */

/* Adds a person to household hh, with search terms.  DB_CONSTRAINT when
 * the BSN exists already. */
enum db_status db_persoon_insert(db *d, int64_t hh, const struct persoon_input *p, int64_t by,
                                 int64_t *id_out);

enum db_status db_persoon_get(db *d, arena *a, int64_t id, struct persoon *out);

/* Replaces a person's details when the version is still expected_version
 * and renews the search terms.  DB_NOT_FOUND when no row changed (see
 * db_huishouden_update_address), DB_CONSTRAINT when the BSN belongs to
 * someone else. */
enum db_status db_persoon_update(db *d, int64_t id, const struct persoon_input *p,
                                 int64_t expected_version, int64_t by);

/* Moves a person to household to_hh (version checked as above). */
enum db_status db_persoon_move(db *d, int64_t id, int64_t to_hh, int64_t expected_version,
                               int64_t by);

/* The members of household hh, parents first, then by birth date:
 * [{id, name, first_name, name_prefix?, last_name, birth_date, role,
 * phone?, email?, has_bsn, version}].  NULL on a database error. */
json_t *db_persoon_list(db *d, int64_t hh);

/* Display names of the members of hh, in the order above: ["Jan de
 * Vries", ...].  NULL on a database error. */
json_t *db_persoon_names(db *d, int64_t hh);

/* An existing person that the input would duplicate: the same BSN, or the
 * same first name, last name and birth date (compared after text_fold).
 * exclude_id (0: none) is the person being edited. */
struct persoon_dup {
	int64_t persoon_id;
	int64_t huishouden_id;
	const char *name;
	const char *address;
	bool by_bsn;
};
/* DB_OK with *found set; on found, *out is filled (strings from a). */
enum db_status db_persoon_find_duplicate(db *d, arena *a, const struct persoon_input *p,
                                         int64_t exclude_id, bool *found, struct persoon_dup *out);

/* ---- search ---------------------------------------------------------- */

enum { ZOEK_MAX = 50 };

/* Search hits, at most ZOEK_MAX, ordered by name: [{persoon_id,
 * huishouden_id, name, birth_date, address, regisseur?}] and nothing
 * more.  NULL on a database error. */
/* Name prefix, already folded with text_fold (at least one character). */
json_t *db_zoek_naam(db *d, const char *folded_prefix);
/* Exact 9-digit BSN. */
json_t *db_zoek_bsn(db *d, const char *bsn9);
/* Exact ISO birth date. */
json_t *db_zoek_geboortedatum(db *d, const char *iso);
/* Normalised postcode, and house number (0: every number). */
json_t *db_zoek_adres(db *d, const char *postcode, int64_t house_number);

/* The statement db_zoek_naam runs, for tests that check its query plan. */
extern const char db_zoek_naam_sql[];

#endif
