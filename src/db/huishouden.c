/* huishouden.c - data access for households, persons and their search
 * terms (see db_huishouden.h). */
#include "db_huishouden.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"

static bool has_text(const char *s)
{
	return s && *s;
}

/* Binds s, or NULL when it is absent or empty. */
/* ---- search terms ------------------------------------------------------- */

static const char SQL_TERMS_DELETE[] = "DELETE FROM persoon_zoekterm WHERE persoon_id = ?";
static const char SQL_TERM_INSERT[] =
	"INSERT OR IGNORE INTO persoon_zoekterm(term, persoon_id) VALUES (?, ?)";

static enum db_status put_term(db *d, int64_t pid, const char *term)
{
	if (!*term)
		return DB_OK;
	sqlite3_stmt *st = db_stmt(d, SQL_TERM_INSERT);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_text(st, 1, term, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, pid);
	return db_exec_stmt(d, st, "zoekterm");
}

/* The terms of one person (see the migration): last name with and without
 * prefix, each word of a composed last name ("smit-de jong" -> "smit",
 * "de", "jong"), the first name, and the full name with and without the
 * prefix, so that a prefix range finds "vries", "de vries", "jan" and
 * "jan de vries". */
static enum db_status put_terms(db *d, int64_t pid, const struct persoon_input *p)
{
	sqlite3_stmt *st = db_stmt(d, SQL_TERMS_DELETE);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, pid);
	enum db_status s = db_exec_stmt(d, st, "zoektermen wissen");
	if (s != DB_OK)
		return s;

	arena *a = arena_new();
	const char *first = text_fold(a, p->first_name);
	const char *last = text_fold(a, p->last_name);
	const char *prefix = has_text(p->name_prefix) ? text_fold(a, p->name_prefix) : NULL;
	const char *terms[6] = {
		last, first, arena_printf(a, "%s %s", first, last),
		prefix ? arena_printf(a, "%s %s", prefix, last) : "",
		prefix ? arena_printf(a, "%s %s %s", first, prefix, last) : "",
		"",
	};
	for (size_t i = 0; s == DB_OK && i < ARRAY_LEN(terms); i++)
		s = put_term(d, pid, terms[i]);
	if (strpbrk(last, " -")) {
		char *words = arena_strdup(a, last), *save = NULL;
		for (char *w = strtok_r(words, " -", &save); s == DB_OK && w; w = strtok_r(NULL, " -", &save))
			s = put_term(d, pid, w);
	}
	arena_free(a);
	return s;
}

/* ---- households ----------------------------------------------------------- */

static const char SQL_HH_INSERT[] =
	"INSERT INTO huishouden(street, house_number, house_suffix, postcode, city, gebied_id,"
	" opened_at, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

enum db_status db_huishouden_create(db *d, const struct huishouden_input *h,
                                    const struct persoon_input *persons, int n,
                                    int64_t created_by, int64_t *hh_id, int64_t *person_ids)
{
	if (n < 1)
		return DB_ERROR;
	sqlite3_stmt *st = db_stmt(d, SQL_HH_INSERT);
	if (!st)
		return DB_ERROR;
	int64_t now = now_unix();
	sqlite3_bind_text(st, 1, h->street, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, h->house_number);
	db_bind_opt_text(st, 3, h->house_suffix);
	sqlite3_bind_text(st, 4, h->postcode, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 5, h->city, -1, SQLITE_TRANSIENT);
	db_bind_opt_id(st, 6, h->gebied_id);
	sqlite3_bind_int64(st, 7, now);
	db_bind_opt_id(st, 8, created_by);
	sqlite3_bind_int64(st, 9, now);
	enum db_status s = db_exec_stmt(d, st, "huishouden insert");
	if (s != DB_OK)
		return s;
	*hh_id = sqlite3_last_insert_rowid(db_sqlite(d));
	for (int i = 0; i < n; i++) {
		int64_t pid = 0;
		s = db_persoon_insert(d, *hh_id, &persons[i], created_by, &pid);
		if (s != DB_OK)
			return s;
		if (person_ids)
			person_ids[i] = pid;
	}
	return DB_OK;
}

static const char SQL_HH_GET[] =
	"SELECT h.id, h.street, h.house_number, h.house_suffix, h.postcode, h.city,"
	" coalesce(h.gebied_id, 0), g.name, coalesce(h.regisseur_id, 0), rm.name, h.status,"
	" h.opened_at, um.name, coalesce(h.updated_at, 0), h.version"
	" FROM huishouden h LEFT JOIN gebied g ON g.id = h.gebied_id"
	" LEFT JOIN medewerker rm ON rm.id = h.regisseur_id"
	" LEFT JOIN medewerker um ON um.id = h.updated_by WHERE h.id = ?";

enum db_status db_huishouden_get(db *d, arena *a, int64_t id, struct huishouden *out)
{
	sqlite3_stmt *st = db_stmt(d, SQL_HH_GET);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	enum db_status s = DB_NOT_FOUND;
	if (rc == SQLITE_ROW) {
		*out = (struct huishouden){
			.id = sqlite3_column_int64(st, 0),
			.street = db_col_dup(a, st, 1),
			.house_number = sqlite3_column_int64(st, 2),
			.house_suffix = db_col_dup(a, st, 3),
			.postcode = db_col_dup(a, st, 4),
			.city = db_col_dup(a, st, 5),
			.gebied_id = sqlite3_column_int64(st, 6),
			.gebied = db_col_dup(a, st, 7),
			.regisseur_id = sqlite3_column_int64(st, 8),
			.regisseur = db_col_dup(a, st, 9),
			.status = db_col_dup(a, st, 10),
			.opened_at = sqlite3_column_int64(st, 11),
			.updated_by = db_col_dup(a, st, 12),
			.updated_at = sqlite3_column_int64(st, 13),
			.version = sqlite3_column_int64(st, 14),
		};
		out->address = text_address(a, out->street, (long long)out->house_number,
		                            out->house_suffix, out->postcode, out->city);
		s = DB_OK;
	} else if (rc != SQLITE_DONE) {
		s = db_status_of(d, rc, "huishouden lookup");
	}
	db_done(st);
	return s;
}

static const char SQL_HH_UPDATE[] =
	"UPDATE huishouden SET street = ?, house_number = ?, house_suffix = ?, postcode = ?, city = ?,"
	" gebied_id = ?, version = version + 1, updated_by = ?, updated_at = ?"
	" WHERE id = ? AND version = ?";

enum db_status db_huishouden_update_address(db *d, int64_t id, const struct huishouden_input *h,
                                            int64_t expected_version, int64_t by)
{
	sqlite3_stmt *st = db_stmt(d, SQL_HH_UPDATE);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_text(st, 1, h->street, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, h->house_number);
	db_bind_opt_text(st, 3, h->house_suffix);
	sqlite3_bind_text(st, 4, h->postcode, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 5, h->city, -1, SQLITE_TRANSIENT);
	db_bind_opt_id(st, 6, h->gebied_id);
	sqlite3_bind_int64(st, 7, by);
	sqlite3_bind_int64(st, 8, now_unix());
	sqlite3_bind_int64(st, 9, id);
	sqlite3_bind_int64(st, 10, expected_version);
	return db_exec_changed(d, st, "huishouden update");
}

static const char SQL_HH_EXISTS[] = "SELECT 1 FROM huishouden WHERE id = ?";

enum db_status db_huishouden_exists(db *d, int64_t id, bool *exists)
{
	sqlite3_stmt *st = db_stmt(d, SQL_HH_EXISTS);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	*exists = rc == SQLITE_ROW;
	enum db_status s = db_status_of(d, rc, "huishouden exists");
	db_done(st);
	return s;
}

static const char SQL_GEBIED_LIST[] = "SELECT id, name FROM gebied ORDER BY name, id";

json_t *db_gebied_list(db *d)
{
	json_t *list = json_array();
	sqlite3_stmt *st = db_stmt(d, SQL_GEBIED_LIST);
	if (!st)
		return list;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		json_array_append_new(list, json_pack("{s:I, s:s}", "id", (json_int_t)sqlite3_column_int64(st, 0),
		                                      "name", db_col_text(st, 1)));
	if (rc != SQLITE_DONE)
		db_status_of(d, rc, "gebied list");
	db_done(st);
	return list;
}

static const char SQL_GEBIED_EXISTS[] = "SELECT 1 FROM gebied WHERE id = ?";

bool db_gebied_exists(db *d, int64_t id)
{
	sqlite3_stmt *st = db_stmt(d, SQL_GEBIED_EXISTS);
	if (!st)
		return false;
	sqlite3_bind_int64(st, 1, id);
	bool found = sqlite3_step(st) == SQLITE_ROW;
	db_done(st);
	return found;
}

/* ---- persons ------------------------------------------------------------------ */

static const char SQL_P_INSERT[] =
	"INSERT INTO persoon(huishouden_id, bsn, first_name, name_prefix, last_name, birth_date, role,"
	" phone, email, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

enum db_status db_persoon_insert(db *d, int64_t hh, const struct persoon_input *p, int64_t by,
                                 int64_t *id_out)
{
	sqlite3_stmt *st = db_stmt(d, SQL_P_INSERT);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, hh);
	db_bind_opt_text(st, 2, p->bsn);
	sqlite3_bind_text(st, 3, p->first_name, -1, SQLITE_TRANSIENT);
	db_bind_opt_text(st, 4, p->name_prefix);
	sqlite3_bind_text(st, 5, p->last_name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 6, p->birth_date, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 7, p->role, -1, SQLITE_TRANSIENT);
	db_bind_opt_text(st, 8, p->phone);
	db_bind_opt_text(st, 9, p->email);
	db_bind_opt_id(st, 10, by);
	sqlite3_bind_int64(st, 11, now_unix());
	/* The BSN is not named in the log line: a constraint is expected
	 * (a race with another save) and reported as DB_CONSTRAINT. */
	enum db_status s = db_exec_stmt(d, st, "persoon insert");
	if (s != DB_OK)
		return s;
	int64_t id = sqlite3_last_insert_rowid(db_sqlite(d));
	if (id_out)
		*id_out = id;
	return put_terms(d, id, p);
}

static const char SQL_P_GET[] =
	"SELECT p.id, p.huishouden_id, p.bsn, p.first_name, p.name_prefix, p.last_name, p.birth_date,"
	" p.role, p.phone, p.email, um.name, coalesce(p.updated_at, 0), p.version"
	" FROM persoon p LEFT JOIN medewerker um ON um.id = p.updated_by WHERE p.id = ?";

enum db_status db_persoon_get(db *d, arena *a, int64_t id, struct persoon *out)
{
	sqlite3_stmt *st = db_stmt(d, SQL_P_GET);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	enum db_status s = DB_NOT_FOUND;
	if (rc == SQLITE_ROW) {
		*out = (struct persoon){
			.id = sqlite3_column_int64(st, 0),
			.huishouden_id = sqlite3_column_int64(st, 1),
			.bsn = db_col_dup(a, st, 2),
			.first_name = db_col_dup(a, st, 3),
			.name_prefix = db_col_dup(a, st, 4),
			.last_name = db_col_dup(a, st, 5),
			.birth_date = db_col_dup(a, st, 6),
			.role = db_col_dup(a, st, 7),
			.phone = db_col_dup(a, st, 8),
			.email = db_col_dup(a, st, 9),
			.updated_by = db_col_dup(a, st, 10),
			.updated_at = sqlite3_column_int64(st, 11),
			.version = sqlite3_column_int64(st, 12),
		};
		out->name = text_full_name(a, out->first_name, out->name_prefix, out->last_name);
		s = DB_OK;
	} else if (rc != SQLITE_DONE) {
		s = db_status_of(d, rc, "persoon lookup");
	}
	db_done(st);
	return s;
}

static const char SQL_P_UPDATE[] =
	"UPDATE persoon SET bsn = ?, first_name = ?, name_prefix = ?, last_name = ?, birth_date = ?,"
	" role = ?, phone = ?, email = ?, version = version + 1, updated_by = ?, updated_at = ?"
	" WHERE id = ? AND version = ?";

enum db_status db_persoon_update(db *d, int64_t id, const struct persoon_input *p,
                                 int64_t expected_version, int64_t by)
{
	sqlite3_stmt *st = db_stmt(d, SQL_P_UPDATE);
	if (!st)
		return DB_ERROR;
	db_bind_opt_text(st, 1, p->bsn);
	sqlite3_bind_text(st, 2, p->first_name, -1, SQLITE_TRANSIENT);
	db_bind_opt_text(st, 3, p->name_prefix);
	sqlite3_bind_text(st, 4, p->last_name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 5, p->birth_date, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 6, p->role, -1, SQLITE_TRANSIENT);
	db_bind_opt_text(st, 7, p->phone);
	db_bind_opt_text(st, 8, p->email);
	sqlite3_bind_int64(st, 9, by);
	sqlite3_bind_int64(st, 10, now_unix());
	sqlite3_bind_int64(st, 11, id);
	sqlite3_bind_int64(st, 12, expected_version);
	enum db_status s = db_exec_stmt(d, st, "persoon update");
	if (s != DB_OK)
		return s;
	if (sqlite3_changes(db_sqlite(d)) == 0)
		return DB_NOT_FOUND;
	return put_terms(d, id, p);
}

static const char SQL_P_MOVE[] =
	"UPDATE persoon SET huishouden_id = ?, version = version + 1, updated_by = ?, updated_at = ?"
	" WHERE id = ? AND version = ?";

enum db_status db_persoon_move(db *d, int64_t id, int64_t to_hh, int64_t expected_version,
                               int64_t by)
{
	sqlite3_stmt *st = db_stmt(d, SQL_P_MOVE);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, to_hh);
	sqlite3_bind_int64(st, 2, by);
	sqlite3_bind_int64(st, 3, now_unix());
	sqlite3_bind_int64(st, 4, id);
	sqlite3_bind_int64(st, 5, expected_version);
	return db_exec_changed(d, st, "persoon move");
}

static const char SQL_P_LIST[] =
	"SELECT id, first_name, name_prefix, last_name, birth_date, role, phone, email,"
	" bsn IS NOT NULL, version FROM persoon WHERE huishouden_id = ?"
	" ORDER BY CASE role WHEN 'ouder' THEN 0 WHEN 'partner' THEN 1 WHEN 'kind' THEN 2 WHEN 'inwonende_ouder' THEN 3"
	" WHEN 'huisgenoot' THEN 4 ELSE 5 END,"
	" birth_date, id";

/* Runs SQL_P_LIST; full gives every column, otherwise only names. */
static json_t *person_rows(db *d, int64_t hh, bool full)
{
	sqlite3_stmt *st = db_stmt(d, SQL_P_LIST);
	if (!st)
		return NULL;
	sqlite3_bind_int64(st, 1, hh);
	json_t *list = json_array();
	arena *a = arena_new();
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *first = db_col_text(st, 1), *prefix = db_col_text(st, 2);
		const char *last = db_col_text(st, 3);
		const char *name = text_full_name(a, first, prefix, last);
		if (!full) {
			json_array_append_new(list, json_string(name));
			continue;
		}
		json_t *o = json_object();
		json_object_set_new(o, "id", json_integer(sqlite3_column_int64(st, 0)));
		json_object_set_new(o, "name", json_string(name));
		json_object_set_new(o, "first_name", json_string(first));
		if (prefix)
			json_object_set_new(o, "name_prefix", json_string(prefix));
		json_object_set_new(o, "last_name", json_string(last));
		json_object_set_new(o, "birth_date", json_string(db_col_text(st, 4)));
		json_object_set_new(o, "role", json_string(db_col_text(st, 5)));
		if (db_col_text(st, 6))
			json_object_set_new(o, "phone", json_string(db_col_text(st, 6)));
		if (db_col_text(st, 7))
			json_object_set_new(o, "email", json_string(db_col_text(st, 7)));
		json_object_set_new(o, "has_bsn", json_boolean(sqlite3_column_int(st, 8)));
		json_object_set_new(o, "version", json_integer(sqlite3_column_int64(st, 9)));
		json_array_append_new(list, o);
	}
	arena_free(a);
	db_done(st);
	if (rc != SQLITE_DONE) {
		db_status_of(d, rc, "persoon list");
		json_decref(list);
		return NULL;
	}
	return list;
}

json_t *db_persoon_list(db *d, int64_t hh)
{
	return person_rows(d, hh, true);
}

json_t *db_persoon_names(db *d, int64_t hh)
{
	return person_rows(d, hh, false);
}

static const char SQL_DUP_BSN[] = "SELECT id FROM persoon WHERE bsn = ?1 AND id <> ?2";
static const char SQL_DUP_BIRTH[] =
	"SELECT id, first_name, last_name FROM persoon WHERE birth_date = ?1 AND id <> ?2";
static const char SQL_DUP_SHOW[] =
	"SELECT p.first_name, p.name_prefix, p.last_name, h.id, h.street, h.house_number,"
	" h.house_suffix, h.postcode, h.city"
	" FROM persoon p JOIN huishouden h ON h.id = p.huishouden_id WHERE p.id = ?";

enum db_status db_persoon_find_duplicate(db *d, arena *a, const struct persoon_input *p,
                                         int64_t exclude_id, bool *found, struct persoon_dup *out)
{
	*found = false;
	int64_t dup = 0;
	bool by_bsn = false;
	int rc;
	if (has_text(p->bsn)) {
		sqlite3_stmt *st = db_stmt(d, SQL_DUP_BSN);
		if (!st)
			return DB_ERROR;
		sqlite3_bind_text(st, 1, p->bsn, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 2, exclude_id);
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			dup = sqlite3_column_int64(st, 0);
			by_bsn = true;
		}
		db_done(st);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return db_status_of(d, rc, "dubbele persoon (bsn)");
	}
	if (!dup) {
		sqlite3_stmt *st = db_stmt(d, SQL_DUP_BIRTH);
		if (!st)
			return DB_ERROR;
		sqlite3_bind_text(st, 1, p->birth_date, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 2, exclude_id);
		const char *first = text_fold(a, p->first_name), *last = text_fold(a, p->last_name);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			if (strcmp(text_fold(a, db_col_text(st, 1)), first) == 0 &&
			    strcmp(text_fold(a, db_col_text(st, 2)), last) == 0) {
				dup = sqlite3_column_int64(st, 0);
				break;
			}
		}
		db_done(st);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return db_status_of(d, rc, "dubbele persoon (naam)");
	}
	if (!dup)
		return DB_OK;

	sqlite3_stmt *st = db_stmt(d, SQL_DUP_SHOW);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, dup);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*found = true;
		*out = (struct persoon_dup){
			.persoon_id = dup,
			.huishouden_id = sqlite3_column_int64(st, 3),
			.name = text_full_name(a, db_col_text(st, 0), db_col_text(st, 1), db_col_text(st, 2)),
			.address = text_address(a, db_col_text(st, 4), sqlite3_column_int64(st, 5),
			                        db_col_text(st, 6), db_col_text(st, 7), db_col_text(st, 8)),
			.by_bsn = by_bsn,
		};
	}
	db_done(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? DB_OK : db_status_of(d, rc, "dubbele persoon");
}

/* ---- search --------------------------------------------------------------------- */

#define HIT_SELECT \
	"SELECT p.id, p.huishouden_id, p.first_name, p.name_prefix, p.last_name, p.birth_date," \
	" h.street, h.house_number, h.house_suffix, h.postcode, h.city, m.name" \
	" FROM persoon p JOIN huishouden h ON h.id = p.huishouden_id" \
	" LEFT JOIN medewerker m ON m.id = h.regisseur_id"
#define HIT_ORDER " ORDER BY p.last_name COLLATE NOCASE, p.first_name COLLATE NOCASE, p.id LIMIT 50"
_Static_assert(ZOEK_MAX == 50, "HIT_ORDER spells out ZOEK_MAX");

/* ?1 <= term < ?2 is a range on the primary key of persoon_zoekterm.  The
 * range is read in term order and stops at the first 50 people: a common
 * prefix ("jans") matches thousands, and sorting them all to show 50 cost
 * tens of milliseconds at 250,000 residents. */
const char db_zoek_naam_sql[] =
	HIT_SELECT " WHERE p.id IN (SELECT DISTINCT z.persoon_id FROM persoon_zoekterm z"
	" WHERE z.term >= ?1 AND z.term < ?2 ORDER BY z.term LIMIT 50)" HIT_ORDER;
static const char SQL_ZOEK_BSN[] = HIT_SELECT " WHERE p.bsn = ?1" HIT_ORDER;
static const char SQL_ZOEK_BIRTH[] = HIT_SELECT " WHERE p.birth_date = ?1" HIT_ORDER;
static const char SQL_ZOEK_ADRES[] =
	HIT_SELECT " WHERE h.postcode = ?1 AND (?2 IS NULL OR h.house_number = ?2)" HIT_ORDER;

/* Steps a bound hit statement into a JSON array; NULL on error. */
static json_t *hits(db *d, sqlite3_stmt *st)
{
	json_t *list = json_array();
	arena *a = arena_new();
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		json_t *o = json_object();
		json_object_set_new(o, "persoon_id", json_integer(sqlite3_column_int64(st, 0)));
		json_object_set_new(o, "huishouden_id", json_integer(sqlite3_column_int64(st, 1)));
		json_object_set_new(o, "name", json_string(text_full_name(a, db_col_text(st, 2),
		                                                          db_col_text(st, 3),
		                                                          db_col_text(st, 4))));
		json_object_set_new(o, "birth_date", json_string(db_col_text(st, 5)));
		json_object_set_new(o, "address", json_string(text_address(a, db_col_text(st, 6),
		                                                           sqlite3_column_int64(st, 7),
		                                                           db_col_text(st, 8),
		                                                           db_col_text(st, 9),
		                                                           db_col_text(st, 10))));
		if (db_col_text(st, 11))
			json_object_set_new(o, "regisseur", json_string(db_col_text(st, 11)));
		json_array_append_new(list, o);
	}
	arena_free(a);
	db_done(st);
	if (rc != SQLITE_DONE) {
		db_status_of(d, rc, "zoeken");
		json_decref(list);
		return NULL;
	}
	return list;
}

json_t *db_zoek_naam(db *d, const char *folded_prefix)
{
	sqlite3_stmt *st = db_stmt(d, db_zoek_naam_sql);
	if (!st)
		return NULL;
	/* Every byte of a UTF-8 string is below 0xFF, so prefix + 0xFF is
	 * above every term that starts with prefix (BINARY collation). */
	size_t n = strlen(folded_prefix);
	char *upper = xmalloc(n + 2);
	memcpy(upper, folded_prefix, n);
	upper[n] = (char)0xFF;
	upper[n + 1] = '\0';
	sqlite3_bind_text(st, 1, folded_prefix, (int)n, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, upper, (int)n + 1, SQLITE_TRANSIENT);
	free(upper);
	return hits(d, st);
}

json_t *db_zoek_bsn(db *d, const char *bsn9)
{
	sqlite3_stmt *st = db_stmt(d, SQL_ZOEK_BSN);
	if (!st)
		return NULL;
	sqlite3_bind_text(st, 1, bsn9, -1, SQLITE_TRANSIENT);
	return hits(d, st);
}

json_t *db_zoek_geboortedatum(db *d, const char *iso)
{
	sqlite3_stmt *st = db_stmt(d, SQL_ZOEK_BIRTH);
	if (!st)
		return NULL;
	sqlite3_bind_text(st, 1, iso, -1, SQLITE_TRANSIENT);
	return hits(d, st);
}

json_t *db_zoek_adres(db *d, const char *postcode, int64_t house_number)
{
	sqlite3_stmt *st = db_stmt(d, SQL_ZOEK_ADRES);
	if (!st)
		return NULL;
	sqlite3_bind_text(st, 1, postcode, -1, SQLITE_TRANSIENT);
	if (house_number > 0)
		sqlite3_bind_int64(st, 2, house_number);
	return hits(d, st);
}
