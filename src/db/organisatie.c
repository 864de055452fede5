/* organisatie.c - data access for teams, gebieden and expertises with what
 * uses them (see db_organisatie.h). */
#include "db_organisatie.h"

#include <string.h>

/* The use counts, in the order db_organisatie.h lists them. */
#define TEAM_USES_SQL                                                                              \
	" (SELECT count(*) FROM medewerker m WHERE m.team_id = x.id),"                                 \
	" (SELECT count(*) FROM huishouden h JOIN medewerker m ON m.id = h.regisseur_id"               \
	"   WHERE m.team_id = x.id AND h.status <> 'afgesloten'),"                                     \
	" (SELECT count(*) FROM statistiek_archief s WHERE s.team_id = x.id),"                         \
	" (SELECT count(*) FROM gebied g WHERE g.team_id = x.id)"
#define GEBIED_USES_SQL                                                                            \
	" (SELECT count(*) FROM huishouden h WHERE h.gebied_id = x.id),"                               \
	" (SELECT count(*) FROM locatie l WHERE l.gebied_id = x.id),"                                  \
	" (SELECT count(*) FROM aanbieder a WHERE a.gebied_id = x.id),"                                \
	" (SELECT count(*) FROM sociale_kaart k WHERE k.gebied_id = x.id),"                            \
	" (SELECT count(*) FROM signaal s WHERE s.gebied_id = x.id),"                                  \
	" (SELECT count(*) FROM statistiek_archief s WHERE s.gebied_id = x.id)"
#define EXPERTISE_USES_SQL                                                                         \
	" (SELECT count(*) FROM medewerker_expertise me WHERE me.expertise_id = x.id),"                \
	" (SELECT count(*) FROM intake_expertise ie WHERE ie.expertise_id = x.id)"

static const char SQL_TEAM_LIST[] = "SELECT x.id, x.name," TEAM_USES_SQL " FROM team x ORDER BY x.name COLLATE NOCASE, x.id";
static const char SQL_TEAM_GET[] = "SELECT x.id, x.name," TEAM_USES_SQL " FROM team x WHERE x.id = ?";
static const char SQL_TEAM_TAKEN[] = "SELECT 1 FROM team WHERE name = ?1 COLLATE NOCASE AND id <> ?2";
static const char SQL_TEAM_INSERT[] = "INSERT INTO team(name) VALUES (?)";
static const char SQL_TEAM_RENAME[] = "UPDATE team SET name = ?1 WHERE id = ?2";
static const char SQL_TEAM_DELETE[] = "DELETE FROM team WHERE id = ?";

static const char SQL_GEBIED_LIST[] = "SELECT x.id, x.name," GEBIED_USES_SQL " FROM gebied x ORDER BY x.name COLLATE NOCASE, x.id";
static const char SQL_GEBIED_GET[] = "SELECT x.id, x.name," GEBIED_USES_SQL " FROM gebied x WHERE x.id = ?";
static const char SQL_GEBIED_TAKEN[] = "SELECT 1 FROM gebied WHERE name = ?1 COLLATE NOCASE AND id <> ?2";
static const char SQL_GEBIED_INSERT[] = "INSERT INTO gebied(name) VALUES (?)";
static const char SQL_GEBIED_RENAME[] = "UPDATE gebied SET name = ?1 WHERE id = ?2";
static const char SQL_GEBIED_DELETE[] = "DELETE FROM gebied WHERE id = ?";

static const char SQL_EXPERTISE_LIST[] =
	"SELECT x.id, x.name," EXPERTISE_USES_SQL " FROM expertise x ORDER BY x.name COLLATE NOCASE, x.id";
static const char SQL_EXPERTISE_GET[] = "SELECT x.id, x.name," EXPERTISE_USES_SQL " FROM expertise x WHERE x.id = ?";
static const char SQL_EXPERTISE_TAKEN[] = "SELECT 1 FROM expertise WHERE name = ?1 COLLATE NOCASE AND id <> ?2";
static const char SQL_EXPERTISE_INSERT[] = "INSERT INTO expertise(name) VALUES (?)";
static const char SQL_EXPERTISE_RENAME[] = "UPDATE expertise SET name = ?1 WHERE id = ?2";
static const char SQL_EXPERTISE_DELETE[] = "DELETE FROM expertise WHERE id = ?";

static const struct {
	const char *list, *get, *taken, *insert, *rename, *delete;
	int uses;
} kinds[ORG_KINDS] = {
	[ORG_TEAM] = {SQL_TEAM_LIST, SQL_TEAM_GET, SQL_TEAM_TAKEN, SQL_TEAM_INSERT, SQL_TEAM_RENAME,
	              SQL_TEAM_DELETE, TEAM_USES},
	[ORG_GEBIED] = {SQL_GEBIED_LIST, SQL_GEBIED_GET, SQL_GEBIED_TAKEN, SQL_GEBIED_INSERT, SQL_GEBIED_RENAME,
	                SQL_GEBIED_DELETE, GEBIED_USES},
	[ORG_EXPERTISE] = {SQL_EXPERTISE_LIST, SQL_EXPERTISE_GET, SQL_EXPERTISE_TAKEN, SQL_EXPERTISE_INSERT,
	                   SQL_EXPERTISE_RENAME, SQL_EXPERTISE_DELETE, EXPERTISE_USES},
};

_Static_assert((int)TEAM_USES <= (int)ORG_USES_MAX && (int)GEBIED_USES <= (int)ORG_USES_MAX &&
               (int)EXPERTISE_USES <= (int)ORG_USES_MAX,
               "org_item.uses holds every count");

static void read_item(arena *a, sqlite3_stmt *st, void *out)
{
	struct org_item *it = out;
	memset(it, 0, sizeof *it);
	it->id = sqlite3_column_int64(st, 0);
	it->name = db_col_dup(a, st, 1);
	int n = sqlite3_column_count(st) - 2;
	for (int i = 0; i < n && i < ORG_USES_MAX; i++)
		it->uses[i] = sqlite3_column_int64(st, 2 + i);
}

enum db_status db_org_list(db *d, arena *a, enum org_kind k, struct org_item **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = db_stmt(d, kinds[k].list);
	if (!st)
		return DB_ERROR;
	return db_read_all(d, a, st, read_item, sizeof **out, (void **)out, n, "organisatie list");
}

enum db_status db_org_get(db *d, arena *a, enum org_kind k, int64_t id, struct org_item *out)
{
	sqlite3_stmt *st = db_stmt(d, kinds[k].get);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	return db_read_one(d, a, st, read_item, out, "organisatie get");
}

enum db_status db_org_name_taken(db *d, enum org_kind k, const char *name, int64_t except_id, bool *taken)
{
	*taken = false;
	sqlite3_stmt *st = db_stmt(d, kinds[k].taken);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, except_id);
	int rc = sqlite3_step(st);
	enum db_status s = DB_OK;
	if (rc == SQLITE_ROW)
		*taken = true;
	else if (rc != SQLITE_DONE)
		s = db_status_of(d, rc, "organisatie name taken");
	db_done(st);
	return s;
}

enum db_status db_org_insert(db *d, enum org_kind k, const char *name, int64_t *id_out)
{
	sqlite3_stmt *st = db_stmt(d, kinds[k].insert);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
	return db_exec_insert(d, st, id_out, "organisatie insert");
}

enum db_status db_org_rename(db *d, enum org_kind k, int64_t id, const char *name)
{
	sqlite3_stmt *st = db_stmt(d, kinds[k].rename);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, id);
	return db_exec_changed(d, st, "organisatie rename");
}

enum db_status db_org_delete(db *d, enum org_kind k, int64_t id)
{
	sqlite3_stmt *st = db_stmt(d, kinds[k].delete);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	return db_exec_changed(d, st, "organisatie delete");
}

/* ---- the queues: which team works which gebied ---------------------------- */

static const char SQL_QUEUE_GEBIEDEN[] =
	"SELECT id, name, team_id FROM gebied ORDER BY name COLLATE NOCASE, id";

static void read_queue_gebied(arena *a, sqlite3_stmt *st, void *out)
{
	struct queue_gebied *g = out;
	g->id = sqlite3_column_int64(st, 0);
	g->name = db_col_dup(a, st, 1);
	g->team_id = sqlite3_column_int64(st, 2);
}

enum db_status db_queue_gebieden(db *d, arena *a, struct queue_gebied **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = db_stmt(d, SQL_QUEUE_GEBIEDEN);
	if (!st)
		return DB_ERROR;
	return db_read_all(d, a, st, read_queue_gebied, sizeof **out, (void **)out, n, "wachtrij gebieden");
}

static const char SQL_GEBIED_SET_TEAM[] = "UPDATE gebied SET team_id = nullif(?1, 0) WHERE id = ?2";

enum db_status db_gebied_set_team(db *d, int64_t gebied_id, int64_t team_id)
{
	sqlite3_stmt *st = db_stmt(d, SQL_GEBIED_SET_TEAM);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, team_id);
	sqlite3_bind_int64(st, 2, gebied_id);
	return db_exec_changed(d, st, "gebied team");
}

static const char SQL_INTAKE_GET[] = "SELECT id FROM team WHERE centrale_intake = 1";
static const char SQL_INTAKE_CLEAR[] = "UPDATE team SET centrale_intake = 0 WHERE centrale_intake = 1 AND id <> ?1";
static const char SQL_INTAKE_SET[] = "UPDATE team SET centrale_intake = 1 WHERE id = ?1";

enum db_status db_centrale_intake(db *d, int64_t *team_id)
{
	*team_id = 0;
	sqlite3_stmt *st = db_stmt(d, SQL_INTAKE_GET);
	if (!st)
		return DB_ERROR;
	int rc = sqlite3_step(st);
	enum db_status s = DB_OK;
	if (rc == SQLITE_ROW)
		*team_id = sqlite3_column_int64(st, 0);
	else if (rc != SQLITE_DONE)
		s = db_status_of(d, rc, "centrale intake");
	db_done(st);
	return s;
}

enum db_status db_centrale_intake_set(db *d, int64_t team_id)
{
	sqlite3_stmt *st = db_stmt(d, SQL_INTAKE_CLEAR);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, team_id);
	enum db_status s = db_exec_stmt(d, st, "centrale intake clear");
	if (s != DB_OK || team_id == 0)
		return s;
	st = db_stmt(d, SQL_INTAKE_SET);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, team_id);
	return db_exec_changed(d, st, "centrale intake set");
}
