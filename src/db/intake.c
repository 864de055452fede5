/* intake.c - data access for intakes, participants, expertises and ZRM
 * scores (see db_intake.h). */
#include "db_intake.h"

#include <string.h>

/* Reads rows of (id, kind, name, extra) from a prepared, bound statement. */
static enum db_status read_refs(db *d, arena *a, sqlite3_stmt *st, struct intake_ref **out, size_t *n,
                                const char *context)
{
	*out = NULL;
	*n = 0;
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*out = arena_grow(a, *out, *n, &cap, sizeof **out);
		struct intake_ref *ref = &(*out)[(*n)++];
		ref->id = sqlite3_column_int64(st, 0);
		ref->kind = db_col_dup(a, st, 1);
		ref->name = db_col_dup(a, st, 2);
		ref->extra = db_col_dup(a, st, 3);
	}
	enum db_status s = rc == SQLITE_DONE ? DB_OK : db_status_of(d, rc, context);
	db_done(st);
	return s;
}

#define PERSON_NAME(p) p ".first_name || coalesce(' ' || " p ".name_prefix, '') || ' ' || " p ".last_name"

static const char SQL_HOUSEHOLD[] =
	"SELECT street || ' ' || house_number || coalesce(house_suffix, '') || ', ' || postcode || ' ' || city"
	" FROM huishouden WHERE id = ?";

enum db_status db_intake_household(db *d, arena *a, int64_t hh, const char **address)
{
	sqlite3_stmt *st = db_stmt(d, SQL_HOUSEHOLD);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, hh);
	int rc = sqlite3_step(st);
	enum db_status s = DB_NOT_FOUND;
	if (rc == SQLITE_ROW) {
		*address = db_col_dup(a, st, 0);
		s = DB_OK;
	} else if (rc != SQLITE_DONE) {
		s = db_status_of(d, rc, "intake household");
	}
	db_done(st);
	return s;
}

static const char SQL_PEOPLE[] =
	"SELECT p.id, 'persoon', " PERSON_NAME("p") ", p.role FROM persoon p"
	" WHERE p.huishouden_id = ? ORDER BY p.birth_date, p.id";

enum db_status db_intake_people(db *d, arena *a, int64_t hh, struct intake_ref **out, size_t *n)
{
	sqlite3_stmt *st = db_stmt(d, SQL_PEOPLE);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, hh);
	return read_refs(d, a, st, out, n, "intake people");
}

static const char SQL_STAFF[] =
	"SELECT m.id, 'medewerker', m.name, NULL FROM medewerker m"
	" WHERE m.id = ?2 OR m.id = (SELECT h.regisseur_id FROM huishouden h WHERE h.id = ?1)"
	" OR m.id IN (SELECT c.medewerker_id FROM casusteam c WHERE c.huishouden_id = ?1)"
	" ORDER BY m.name COLLATE NOCASE, m.id";

enum db_status db_intake_staff(db *d, arena *a, int64_t hh, int64_t me, struct intake_ref **out,
                               size_t *n)
{
	sqlite3_stmt *st = db_stmt(d, SQL_STAFF);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, hh);
	sqlite3_bind_int64(st, 2, me);
	return read_refs(d, a, st, out, n, "intake staff");
}

static const char SQL_EXPERTISE_LIST[] =
	"SELECT id, 'expertise', name, NULL FROM expertise ORDER BY name COLLATE NOCASE, id";

enum db_status db_intake_expertise_list(db *d, arena *a, struct intake_ref **out, size_t *n)
{
	sqlite3_stmt *st = db_stmt(d, SQL_EXPERTISE_LIST);
	if (!st)
		return DB_ERROR;
	return read_refs(d, a, st, out, n, "expertise list");
}

static const char SQL_INSERT[] =
	"INSERT INTO intake(huishouden_id, held_on, question_behind, strengths, safety_concern,"
	" safety_note, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
/* The household's first intake date, for the dashboard's throughput. */
static const char SQL_HOUSEHOLD_INTAKE_ON[] =
	"UPDATE huishouden SET intake_on = ?1 WHERE id = ?2 AND (intake_on IS NULL OR intake_on > ?1)";
static const char SQL_INSERT_PERSON[] =
	"INSERT INTO intake_deelnemer(intake_id, persoon_id) VALUES (?, ?)";
static const char SQL_INSERT_NETWORK[] =
	"INSERT INTO intake_deelnemer(intake_id, netwerklid_id) VALUES (?, ?)";
static const char SQL_INSERT_STAFF[] =
	"INSERT INTO intake_deelnemer(intake_id, medewerker_id) VALUES (?, ?)";
static const char SQL_INSERT_EXPERTISE[] =
	"INSERT INTO intake_expertise(intake_id, expertise_id) VALUES (?, ?)";
static const char SQL_INSERT_SCORE[] =
	"INSERT INTO zrm_score(persoon_id, domain, score, scored_on, intake_id, created_by, created_at)"
	" VALUES (?, ?, ?, ?, ?, ?, ?)";

static enum db_status insert_pair(db *d, const char *sql, int64_t a, int64_t b)
{
	sqlite3_stmt *st = db_stmt(d, sql);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, a);
	sqlite3_bind_int64(st, 2, b);
	return db_exec_stmt(d, st, "intake link");
}

enum db_status db_intake_insert(db *d, const struct intake_new *in, int64_t by, int64_t *id_out)
{
	sqlite3_stmt *st = db_stmt(d, SQL_INSERT);
	if (!st)
		return DB_ERROR;
	int64_t now = now_unix();
	sqlite3_bind_int64(st, 1, in->huishouden_id);
	sqlite3_bind_text(st, 2, in->held_on, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, in->question_behind, -1, SQLITE_TRANSIENT);
	db_bind_opt_text(st, 4, in->strengths);
	sqlite3_bind_int(st, 5, in->safety_concern);
	db_bind_opt_text(st, 6, in->safety_note);
	sqlite3_bind_int64(st, 7, by);
	sqlite3_bind_int64(st, 8, now);
	enum db_status s = db_exec_stmt(d, st, "intake insert");
	if (s != DB_OK)
		return s;
	int64_t id = sqlite3_last_insert_rowid(db_sqlite(d));
	if (!(st = db_stmt(d, SQL_HOUSEHOLD_INTAKE_ON)))
		return DB_ERROR;
	sqlite3_bind_text(st, 1, in->held_on, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, in->huishouden_id);
	s = db_exec_stmt(d, st, "household intake date");
	for (size_t i = 0; i < in->nparticipants && s == DB_OK; i++) {
		const struct intake_ref *p = &in->participants[i];
		const char *sql = strcmp(p->kind, "persoon") == 0      ? SQL_INSERT_PERSON
		                  : strcmp(p->kind, "netwerklid") == 0 ? SQL_INSERT_NETWORK
		                                                       : SQL_INSERT_STAFF;
		s = insert_pair(d, sql, id, p->id);
	}
	for (size_t i = 0; i < in->nexpertises && s == DB_OK; i++)
		s = insert_pair(d, SQL_INSERT_EXPERTISE, id, in->expertises[i]);
	for (size_t i = 0; i < in->nscores && s == DB_OK; i++) {
		if (!(st = db_stmt(d, SQL_INSERT_SCORE)))
			return DB_ERROR;
		sqlite3_bind_int64(st, 1, in->scores[i].persoon_id);
		sqlite3_bind_text(st, 2, in->scores[i].domain, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(st, 3, in->scores[i].score);
		sqlite3_bind_text(st, 4, in->held_on, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 5, id);
		sqlite3_bind_int64(st, 6, by);
		sqlite3_bind_int64(st, 7, now);
		s = db_exec_stmt(d, st, "zrm score insert");
	}
	if (s == DB_OK && id_out)
		*id_out = id;
	return s;
}

static const char SQL_HOUSEHOLD_TREATMENT[] =
	"UPDATE huishouden SET status = 'in_behandeling', version = version + 1, updated_by = ?,"
	" updated_at = ? WHERE id = ? AND status = 'aangemeld'";
static const char SQL_AANMELDING_TREATMENT[] =
	"UPDATE aanmelding SET status = 'in_behandeling', version = version + 1, updated_by = ?,"
	" updated_at = ? WHERE huishouden_id = ? AND status = 'open' RETURNING id";

enum db_status db_intake_start_treatment(db *d, arena *a, int64_t hh, int64_t by,
                                         bool *household_changed, int64_t **aanmeldingen, size_t *n)
{
	*household_changed = false;
	*aanmeldingen = NULL;
	*n = 0;
	int64_t now = now_unix();
	sqlite3_stmt *st = db_stmt(d, SQL_HOUSEHOLD_TREATMENT);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, by);
	sqlite3_bind_int64(st, 2, now);
	sqlite3_bind_int64(st, 3, hh);
	enum db_status s = db_exec_stmt(d, st, "household in behandeling");
	if (s != DB_OK)
		return s;
	*household_changed = sqlite3_changes(db_sqlite(d)) > 0;
	if (!(st = db_stmt(d, SQL_AANMELDING_TREATMENT)))
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, by);
	sqlite3_bind_int64(st, 2, now);
	sqlite3_bind_int64(st, 3, hh);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*aanmeldingen = arena_grow(a, *aanmeldingen, *n, &cap, sizeof **aanmeldingen);
		(*aanmeldingen)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	s = rc == SQLITE_DONE ? DB_OK : db_status_of(d, rc, "aanmelding in behandeling");
	db_done(st);
	return s;
}

#define INTAKE_COLUMNS                                                                             \
	"SELECT i.id, i.huishouden_id, i.held_on, strftime('%d-%m-%Y', i.held_on), i.question_behind," \
	" i.strengths, i.safety_concern, i.safety_note, c.name, i.created_at, coalesce(i.updated_at, 0)," \
	" u.name, i.version FROM intake i JOIN medewerker c ON c.id = i.created_by"                    \
	" LEFT JOIN medewerker u ON u.id = i.updated_by"

static const char SQL_GET[] = INTAKE_COLUMNS " WHERE i.id = ?";
static const char SQL_LIST[] =
	INTAKE_COLUMNS " WHERE i.huishouden_id = ? ORDER BY i.held_on DESC, i.id DESC LIMIT ?";

static void read_intake(arena *a, sqlite3_stmt *st, struct intake *out)
{
	out->id = sqlite3_column_int64(st, 0);
	out->huishouden_id = sqlite3_column_int64(st, 1);
	out->held_on = db_col_dup(a, st, 2);
	out->held_nl = db_col_dup(a, st, 3);
	out->question_behind = db_col_dup(a, st, 4);
	out->strengths = db_col_dup(a, st, 5);
	out->safety_concern = sqlite3_column_int(st, 6) != 0;
	out->safety_note = db_col_dup(a, st, 7);
	out->created_by = db_col_dup(a, st, 8);
	out->created_at = sqlite3_column_int64(st, 9);
	out->updated_at = sqlite3_column_int64(st, 10);
	out->updated_by = db_col_dup(a, st, 11);
	out->version = sqlite3_column_int64(st, 12);
}

enum db_status db_intake_get(db *d, arena *a, int64_t id, struct intake *out)
{
	sqlite3_stmt *st = db_stmt(d, SQL_GET);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	enum db_status s = DB_NOT_FOUND;
	if (rc == SQLITE_ROW) {
		read_intake(a, st, out);
		s = DB_OK;
	} else if (rc != SQLITE_DONE) {
		s = db_status_of(d, rc, "intake get");
	}
	db_done(st);
	return s;
}

enum db_status db_intake_list(db *d, arena *a, int64_t hh, int limit, struct intake **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = db_stmt(d, SQL_LIST);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, hh);
	sqlite3_bind_int(st, 2, limit);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*out = arena_grow(a, *out, *n, &cap, sizeof **out);
		read_intake(a, st, &(*out)[(*n)++]);
	}
	enum db_status s = rc == SQLITE_DONE ? DB_OK : db_status_of(d, rc, "intake list");
	db_done(st);
	return s;
}

static const char SQL_PARTICIPANTS[] =
	"SELECT p.id, 'persoon', " PERSON_NAME("p") ", p.role"
	" FROM intake_deelnemer x JOIN persoon p ON p.id = x.persoon_id WHERE x.intake_id = ?1"
	" UNION ALL SELECT n.id, 'netwerklid', n.name, n.relation"
	" FROM intake_deelnemer x JOIN netwerklid n ON n.id = x.netwerklid_id WHERE x.intake_id = ?1"
	" UNION ALL SELECT m.id, 'medewerker', m.name, NULL"
	" FROM intake_deelnemer x JOIN medewerker m ON m.id = x.medewerker_id WHERE x.intake_id = ?1";

enum db_status db_intake_participants(db *d, arena *a, int64_t id, struct intake_ref **out, size_t *n)
{
	sqlite3_stmt *st = db_stmt(d, SQL_PARTICIPANTS);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	return read_refs(d, a, st, out, n, "intake participants");
}

static const char SQL_EXPERTISES[] =
	"SELECT e.id, 'expertise', e.name, NULL FROM intake_expertise x"
	" JOIN expertise e ON e.id = x.expertise_id WHERE x.intake_id = ? ORDER BY e.name COLLATE NOCASE";

enum db_status db_intake_expertises(db *d, arena *a, int64_t id, struct intake_ref **out, size_t *n)
{
	sqlite3_stmt *st = db_stmt(d, SQL_EXPERTISES);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	return read_refs(d, a, st, out, n, "intake expertises");
}

static const char SQL_SCORES_INTAKE[] =
	"SELECT z.persoon_id, " PERSON_NAME("p") ", z.domain, z.score, z.scored_on,"
	" strftime('%d-%m-%Y', z.scored_on) FROM zrm_score z JOIN persoon p ON p.id = z.persoon_id"
	" WHERE z.intake_id = ? ORDER BY p.birth_date, p.id";
/* The newest score per person and domain: zrm_score_persoon serves the
 * correlated lookup. */
static const char SQL_SCORES_LATEST[] =
	"SELECT z.persoon_id, " PERSON_NAME("p") ", z.domain, z.score, z.scored_on,"
	" strftime('%d-%m-%Y', z.scored_on) FROM persoon p JOIN zrm_score z ON z.persoon_id = p.id"
	" WHERE p.huishouden_id = ? AND z.id = (SELECT z2.id FROM zrm_score z2"
	"   WHERE z2.persoon_id = z.persoon_id AND z2.domain = z.domain"
	"   ORDER BY z2.scored_on DESC, z2.id DESC LIMIT 1)"
	" ORDER BY p.birth_date, p.id";

enum db_status db_intake_scores(db *d, arena *a, int64_t intake_id, int64_t hh,
                                struct zrm_score **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = db_stmt(d, intake_id ? SQL_SCORES_INTAKE : SQL_SCORES_LATEST);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, intake_id ? intake_id : hh);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*out = arena_grow(a, *out, *n, &cap, sizeof **out);
		struct zrm_score *z = &(*out)[(*n)++];
		z->persoon_id = sqlite3_column_int64(st, 0);
		z->person = db_col_dup(a, st, 1);
		z->domain = db_col_dup(a, st, 2);
		z->score = sqlite3_column_int(st, 3);
		z->scored_on = db_col_dup(a, st, 4);
		z->scored_nl = db_col_dup(a, st, 5);
	}
	enum db_status s = rc == SQLITE_DONE ? DB_OK : db_status_of(d, rc, "zrm scores");
	db_done(st);
	return s;
}

static const char SQL_UPDATE[] =
	"UPDATE intake SET question_behind = ?, strengths = ?, safety_concern = ?, safety_note = ?,"
	" updated_by = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?";

enum db_status db_intake_update(db *d, const struct intake *in, int64_t by)
{
	sqlite3_stmt *st = db_stmt(d, SQL_UPDATE);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_text(st, 1, in->question_behind, -1, SQLITE_TRANSIENT);
	db_bind_opt_text(st, 2, in->strengths);
	sqlite3_bind_int(st, 3, in->safety_concern);
	db_bind_opt_text(st, 4, in->safety_note);
	sqlite3_bind_int64(st, 5, by);
	sqlite3_bind_int64(st, 6, now_unix());
	sqlite3_bind_int64(st, 7, in->id);
	sqlite3_bind_int64(st, 8, in->version);
	return db_exec_changed(d, st, "intake update");
}
