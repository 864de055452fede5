/* document.c - a household's documents (see db_document.h). */
#include "db_document.h"

#include <stdlib.h>
#include <string.h>

static const char SQL_CONCEPT[] =
	"SELECT id, motivation AS motivatie, closing AS afsluiting, version AS versie FROM document"
	" WHERE huishouden_id = ? AND kind = ? AND ifnull(voorziening_id, 0) = ? AND status = 'concept'";
static const char SQL_CONCEPT_INSERT[] =
	"INSERT INTO document(huishouden_id, kind, status, voorziening_id, title, motivation, closing,"
	" created_by, created_at) VALUES (?, ?, 'concept', ?, ?, ?, ?, ?, ?)";
static const char SQL_CONCEPT_UPDATE[] =
	"UPDATE document SET motivation = ?, closing = ?, title = ?, updated_by = ?, updated_at = ?,"
	" version = version + 1 WHERE id = ? AND version = ? AND status = 'concept'";
static const char SQL_NEXT_VERSION[] =
	"SELECT ifnull(max(version_no), 0) + 1 FROM document WHERE huishouden_id = ? AND kind = ?"
	" AND ifnull(voorziening_id, 0) = ? AND status = 'vastgesteld'";
static const char SQL_SETTLE[] =
	"UPDATE document SET status = 'vastgesteld', version_no = ?, title = ?, recipient = ?, dated_on = ?,"
	" mime_type = ?, sha256 = ?, size = ?, content = ?, settled_by = ?, settled_at = ?, version = version + 1"
	" WHERE id = ? AND version = ? AND status = 'concept'";
static const char SQL_UPLOAD[] =
	"INSERT INTO document(huishouden_id, kind, status, voorziening_id, aanmelding_id, journaal_id, title,"
	" file_name, mime_type, sha256, size, content, dated_on, created_by, created_at, settled_by, settled_at)"
	" VALUES (?1, 'upload', 'vastgesteld', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?12, ?13)";

#define DOC_COLUMNS \
	"d.id, d.huishouden_id, d.kind AS soort, d.status, d.title AS titel, d.version_no AS versie_nr," \
	" d.recipient AS ontvanger, d.file_name AS bestandsnaam, d.mime_type, d.size AS grootte, d.sha256," \
	" d.dated_on AS datum, m.name AS auteur, d.voorziening_id, d.aanmelding_id, d.journaal_id," \
	" d.settled_at AS vastgesteld_op"
static const char SQL_LIST[] =
	"SELECT " DOC_COLUMNS " FROM document d JOIN medewerker m ON m.id = d.settled_by"
	" WHERE d.huishouden_id = ?1 AND d.status = 'vastgesteld' AND (?2 = 0 OR d.voorziening_id = ?2)"
	" ORDER BY d.id DESC";
static const char SQL_GET[] =
	"SELECT " DOC_COLUMNS " FROM document d JOIN medewerker m ON m.id = ifnull(d.settled_by, d.created_by)"
	" WHERE d.id = ?";
static const char SQL_CONTENT[] = "SELECT content FROM document WHERE id = ? AND status = 'vastgesteld'";
static const char SQL_AANMELDING_IN[] = "SELECT 1 FROM aanmelding WHERE id = ? AND huishouden_id = ?";
static const char SQL_JOURNAAL_IN[] = "SELECT 1 FROM journaal WHERE id = ? AND huishouden_id = ?";

enum db_status db_document_concept(db *d, int64_t hh, const char *kind, int64_t vid, json_t **out)
{
	sqlite3_stmt *st = db_stmt(d, SQL_CONCEPT);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, hh);
	sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, vid);
	return db_one_row_json(d, st, out, "document concept");
}

enum db_status db_document_concept_save(db *d, int64_t hh, const char *kind, int64_t vid, const char *title,
                                        const char *motivation, const char *closing, int64_t id,
                                        int64_t version, int64_t by, int64_t *id_out)
{
	if (version == 0) {
		sqlite3_stmt *st = db_stmt(d, SQL_CONCEPT_INSERT);
		if (!st)
			return DB_ERROR;
		sqlite3_bind_int64(st, 1, hh);
		sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
		db_bind_opt_id(st, 3, vid);
		sqlite3_bind_text(st, 4, title, -1, SQLITE_TRANSIENT);
		db_bind_opt_text(st, 5, motivation);
		db_bind_opt_text(st, 6, closing);
		sqlite3_bind_int64(st, 7, by);
		sqlite3_bind_int64(st, 8, now_unix());
		return db_exec_insert(d, st, id_out, "document concept insert");
	}
	sqlite3_stmt *st = db_stmt(d, SQL_CONCEPT_UPDATE);
	if (!st)
		return DB_ERROR;
	db_bind_opt_text(st, 1, motivation);
	db_bind_opt_text(st, 2, closing);
	sqlite3_bind_text(st, 3, title, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 4, by);
	sqlite3_bind_int64(st, 5, now_unix());
	sqlite3_bind_int64(st, 6, id);
	sqlite3_bind_int64(st, 7, version);
	if (id_out)
		*id_out = id;
	return db_exec_changed(d, st, "document concept update");
}

enum db_status db_document_next_version(db *d, int64_t hh, const char *kind, int64_t vid, int64_t *out)
{
	sqlite3_stmt *st = db_stmt(d, SQL_NEXT_VERSION);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, hh);
	sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, vid);
	int rc = sqlite3_step(st);
	enum db_status s = DB_OK;
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	else
		s = db_status_of(d, rc, "document next version");
	db_done(st);
	return s;
}

enum db_status db_document_settle(db *d, int64_t id, int64_t version, int64_t version_no,
                                  const struct document_content *c, int64_t by)
{
	sqlite3_stmt *st = db_stmt(d, SQL_SETTLE);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, version_no);
	sqlite3_bind_text(st, 2, c->title, -1, SQLITE_TRANSIENT);
	db_bind_opt_text(st, 3, c->recipient);
	sqlite3_bind_text(st, 4, c->dated_on, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 5, c->mime_type, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, c->sha256, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 7, (int64_t)c->len);
	sqlite3_bind_blob64(st, 8, c->data, c->len, SQLITE_STATIC);
	sqlite3_bind_int64(st, 9, by);
	sqlite3_bind_int64(st, 10, now_unix());
	sqlite3_bind_int64(st, 11, id);
	sqlite3_bind_int64(st, 12, version);
	return db_exec_changed(d, st, "document settle");
}

enum db_status db_document_upload(db *d, const struct document_upload *u, int64_t by, int64_t *id_out)
{
	sqlite3_stmt *st = db_stmt(d, SQL_UPLOAD);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, u->huishouden_id);
	db_bind_opt_id(st, 2, u->voorziening_id);
	db_bind_opt_id(st, 3, u->aanmelding_id);
	db_bind_opt_id(st, 4, u->journaal_id);
	sqlite3_bind_text(st, 5, u->title, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 6, u->file_name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 7, u->mime_type, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, u->sha256, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 9, (int64_t)u->len);
	sqlite3_bind_blob64(st, 10, u->data, u->len, SQLITE_STATIC);
	sqlite3_bind_text(st, 11, u->dated_on, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 12, by);
	sqlite3_bind_int64(st, 13, now_unix());
	return db_exec_insert(d, st, id_out, "document upload");
}

json_t *db_document_list(db *d, int64_t hh, int64_t vid)
{
	sqlite3_stmt *st = db_stmt(d, SQL_LIST);
	if (!st)
		return NULL;
	sqlite3_bind_int64(st, 1, hh);
	sqlite3_bind_int64(st, 2, vid);
	return db_all_rows_or_null(d, st, "document list");
}

enum db_status db_document_get(db *d, int64_t id, json_t **out)
{
	sqlite3_stmt *st = db_stmt(d, SQL_GET);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	return db_one_row_json(d, st, out, "document get");
}

enum db_status db_document_content(db *d, int64_t id, void **data, size_t *len)
{
	sqlite3_stmt *st = db_stmt(d, SQL_CONTENT);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	enum db_status s = DB_OK;
	if (rc == SQLITE_ROW) {
		size_t n = (size_t)sqlite3_column_bytes(st, 0);
		const void *p = sqlite3_column_blob(st, 0);
		*data = xmalloc(n ? n : 1);
		if (n)
			memcpy(*data, p, n);
		*len = n;
	} else {
		s = rc == SQLITE_DONE ? DB_NOT_FOUND : db_status_of(d, rc, "document content");
	}
	db_done(st);
	return s;
}

static bool belongs(db *d, const char *sql, int64_t hh, int64_t id)
{
	sqlite3_stmt *st = db_stmt(d, sql);
	if (!st)
		return false;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, hh);
	bool yes = sqlite3_step(st) == SQLITE_ROW;
	db_done(st);
	return yes;
}

bool db_document_aanmelding_in(db *d, int64_t hh, int64_t id)
{
	return belongs(d, SQL_AANMELDING_IN, hh, id);
}

bool db_document_journaal_in(db *d, int64_t hh, int64_t id)
{
	return belongs(d, SQL_JOURNAAL_IN, hh, id);
}

enum db_status db_document_last_text(db *d, arena *a, int64_t hh, const char *kind, int64_t vid,
                                     const char **motivation, const char **closing)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT d.motivation, d.closing FROM document d"
	                              " LEFT JOIN voorziening v ON v.id = d.voorziening_id"
	                              " WHERE d.huishouden_id = ? AND d.kind = ? AND ifnull(d.voorziening_id, 0) = ?"
	                              " AND d.status = 'vastgesteld'"
	                              " AND (v.id IS NULL OR coalesce(v.updated_at, v.created_at) <= d.settled_at)"
	                              " ORDER BY d.version_no DESC LIMIT 1");
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, hh);
	sqlite3_bind_text(st, 2, kind, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 3, vid);
	int rc = sqlite3_step(st);
	enum db_status s = DB_NOT_FOUND;
	if (rc == SQLITE_ROW) {
		*motivation = db_col_dup(a, st, 0);
		*closing = db_col_dup(a, st, 1);
		s = DB_OK;
	} else if (rc != SQLITE_DONE) {
		s = db_status_of(d, rc, "document last text");
	}
	db_done(st);
	return s;
}
