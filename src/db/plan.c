/* plan.c - data access for the plan, its goals, rolgesprek and agreements
 * (see db_plan.h). */
#include "db_plan.h"

#include <string.h>

#include "form.h"

/* A person's display name. */
#define PERSON_NAME(t) t ".first_name || coalesce(' ' || " t ".name_prefix, '') || ' ' || " t ".last_name"

/* ---- plan ------------------------------------------------------------------ */

#define PLAN_COLUMNS                                                                                   \
	"SELECT p.id, p.huishouden_id, p.version_no, p.status, p.agreed_on, p.agreed_how, p.next_evaluation," \
	" p.closed_on, p.close_reason, coalesce(p.updated_at, p.created_at), coalesce(u.name, c.name), p.version" \
	" FROM plan p JOIN medewerker c ON c.id = p.created_by LEFT JOIN medewerker u ON u.id = p.updated_by"

static const char SQL_PLAN_GET[] = PLAN_COLUMNS " WHERE p.id = ?";
static const char SQL_PLAN_FOR_HH[] = PLAN_COLUMNS " WHERE p.huishouden_id = ?";

static void read_plan(arena *a, sqlite3_stmt *st, void *out)
{
	struct plan *p = out;
	p->id = sqlite3_column_int64(st, 0);
	p->huishouden_id = sqlite3_column_int64(st, 1);
	p->version_no = sqlite3_column_int64(st, 2);
	p->status = db_col_dup(a, st, 3);
	p->agreed_on = db_col_dup(a, st, 4);
	p->agreed_how = db_col_dup(a, st, 5);
	p->next_evaluation = db_col_dup(a, st, 6);
	p->closed_on = db_col_dup(a, st, 7);
	p->close_reason = db_col_dup(a, st, 8);
	p->changed_at = sqlite3_column_int64(st, 9);
	p->changed_by = db_col_dup(a, st, 10);
	p->version = sqlite3_column_int64(st, 11);
}

enum db_status db_plan_get(db *d, arena *a, int64_t id, struct plan *out)
{
	sqlite3_stmt *st = db_stmt(d, SQL_PLAN_GET);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	return db_read_one(d, a, st, read_plan, out, "plan get");
}

enum db_status db_plan_for_household(db *d, arena *a, int64_t hh, struct plan *out)
{
	sqlite3_stmt *st = db_stmt(d, SQL_PLAN_FOR_HH);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, hh);
	return db_read_one(d, a, st, read_plan, out, "plan for household");
}

static const char SQL_PLAN_INSERT[] =
	"INSERT INTO plan(huishouden_id, created_by, created_at) VALUES (?, ?, ?)";

enum db_status db_plan_insert(db *d, int64_t hh, int64_t by, int64_t *id_out)
{
	sqlite3_stmt *st = db_stmt(d, SQL_PLAN_INSERT);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, hh);
	sqlite3_bind_int64(st, 2, by);
	sqlite3_bind_int64(st, 3, now_unix());
	return db_exec_insert(d, st, id_out, "plan insert");
}

static const char SQL_PLAN_SETTLE[] =
	"UPDATE plan SET status = 'vastgesteld', agreed_on = ?, agreed_how = ?, next_evaluation = ?,"
	" updated_by = ?, updated_at = ?, version = version + 1"
	" WHERE id = ? AND version = ? AND status = 'concept'";
/* plan_vastgesteld_on keeps the first time, for the dashboard's throughput. */
static const char SQL_HOUSEHOLD_ACTIVE[] =
	"UPDATE huishouden SET status = CASE WHEN status IN ('aangemeld', 'in_behandeling') THEN 'plan_actief'"
	" ELSE status END, plan_vastgesteld_on = coalesce(plan_vastgesteld_on, ?4), version = version + 1,"
	" updated_by = ?1, updated_at = ?2 WHERE id = (SELECT huishouden_id FROM plan WHERE id = ?3)"
	" AND (status IN ('aangemeld', 'in_behandeling') OR plan_vastgesteld_on IS NULL)";

enum db_status db_plan_settle(db *d, int64_t id, int64_t version, const char *agreed_on,
                              const char *agreed_how, const char *next_evaluation, int64_t by)
{
	sqlite3_stmt *st = db_stmt(d, SQL_PLAN_SETTLE);
	if (!st)
		return DB_ERROR;
	int64_t now = now_unix();
	sqlite3_bind_text(st, 1, agreed_on, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, agreed_how, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, next_evaluation, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 4, by);
	sqlite3_bind_int64(st, 5, now);
	sqlite3_bind_int64(st, 6, id);
	sqlite3_bind_int64(st, 7, version);
	enum db_status s = db_exec_changed(d, st, "plan settle");
	if (s != DB_OK)
		return s;
	st = db_stmt(d, SQL_HOUSEHOLD_ACTIVE);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, by);
	sqlite3_bind_int64(st, 2, now);
	sqlite3_bind_int64(st, 3, id);
	sqlite3_bind_text(st, 4, agreed_on, -1, SQLITE_TRANSIENT);
	return db_exec_stmt(d, st, "plan household active");
}

static const char SQL_PLAN_KEEP_VERSION[] =
	"INSERT INTO plan_versie(plan_id, version_no, status, snapshot, saved_by, saved_at)"
	" SELECT id, version_no, status, ?, ?, ? FROM plan WHERE id = ? AND version = ?";
static const char SQL_PLAN_NEXT_VERSION[] =
	"UPDATE plan SET version_no = version_no + 1, status = 'concept', agreed_on = NULL, agreed_how = NULL,"
	" updated_by = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?";

enum db_status db_plan_new_version(db *d, int64_t id, int64_t version, const char *snapshot, int64_t by)
{
	sqlite3_stmt *st = db_stmt(d, SQL_PLAN_KEEP_VERSION);
	if (!st)
		return DB_ERROR;
	int64_t now = now_unix();
	sqlite3_bind_text(st, 1, snapshot, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, by);
	sqlite3_bind_int64(st, 3, now);
	sqlite3_bind_int64(st, 4, id);
	sqlite3_bind_int64(st, 5, version);
	enum db_status s = db_exec_changed(d, st, "plan keep version");
	if (s != DB_OK)
		return s;
	st = db_stmt(d, SQL_PLAN_NEXT_VERSION);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, by);
	sqlite3_bind_int64(st, 2, now);
	sqlite3_bind_int64(st, 3, id);
	sqlite3_bind_int64(st, 4, version);
	return db_exec_changed(d, st, "plan next version");
}

static const char SQL_PLAN_TOUCH[] =
	"UPDATE plan SET updated_by = ?, updated_at = ?, version = version + 1 WHERE id = ?";

enum db_status db_plan_touch(db *d, int64_t id, int64_t by)
{
	sqlite3_stmt *st = db_stmt(d, SQL_PLAN_TOUCH);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, by);
	sqlite3_bind_int64(st, 2, now_unix());
	sqlite3_bind_int64(st, 3, id);
	return db_exec_changed(d, st, "plan touch");
}

/* max() of SQLite returns NULL when any argument is NULL: no goals and no
 * voorzieningen give no date. */
static const char SQL_PLAN_DEFAULT_EVALUATION[] =
	"SELECT max(?3, date(min(d), '-14 days')) FROM ("
	" SELECT target_date AS d FROM doel WHERE plan_id = ?1"
	" UNION ALL SELECT end_date FROM voorziening WHERE huishouden_id = ?2 AND kind = 'maatwerk'"
	" AND status NOT IN ('afgewezen', 'beeindigd'))";

enum db_status db_plan_default_evaluation(db *d, int64_t plan_id, int64_t hh, char out[11])
{
	out[0] = '\0';
	sqlite3_stmt *st = db_stmt(d, SQL_PLAN_DEFAULT_EVALUATION);
	if (!st)
		return DB_ERROR;
	char today[11];
	date_today(today);
	sqlite3_bind_int64(st, 1, plan_id);
	sqlite3_bind_int64(st, 2, hh);
	sqlite3_bind_text(st, 3, today, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st);
	enum db_status s = DB_OK;
	if (rc == SQLITE_ROW) {
		const char *t = db_col_text(st, 0);
		if (t && strlen(t) == 10)
			memcpy(out, t, 11);
	} else if (rc != SQLITE_DONE) {
		s = db_status_of(d, rc, "plan default evaluation");
	}
	db_done(st);
	return s;
}

static const char SQL_PLAN_VERSIONS[] =
	"SELECT v.version_no, v.status, strftime('%Y-%m-%dT%H:%M:%SZ', v.saved_at, 'unixepoch'), v.saved_at, m.name"
	" FROM plan_versie v JOIN medewerker m ON m.id = v.saved_by WHERE v.plan_id = ? ORDER BY v.version_no DESC";

json_t *db_plan_versions(db *d, int64_t plan_id)
{
	static const struct db_json_col cols[] = {
		{"versie_nr", DBJ_INT}, {"status", DBJ_TEXT}, {"opgeslagen_op", DBJ_TEXT},
		{"opgeslagen_op_nl", DBJ_DATETIME_NL}, {"opgeslagen_door", DBJ_TEXT},
	};
	sqlite3_stmt *st = db_stmt(d, SQL_PLAN_VERSIONS);
	if (st)
		sqlite3_bind_int64(st, 1, plan_id);
	return db_rows_json(d, st, cols, ARRAY_LEN(cols));
}

static const char SQL_PLAN_VERSION_GET[] =
	"SELECT v.snapshot, v.status, m.name, v.saved_at FROM plan_versie v JOIN medewerker m ON m.id = v.saved_by"
	" WHERE v.plan_id = ? AND v.version_no = ?";

enum db_status db_plan_version_get(db *d, arena *a, int64_t plan_id, int64_t n, const char **snapshot,
                                   const char **status, const char **saved_by, int64_t *saved_at)
{
	sqlite3_stmt *st = db_stmt(d, SQL_PLAN_VERSION_GET);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, plan_id);
	sqlite3_bind_int64(st, 2, n);
	int rc = sqlite3_step(st);
	enum db_status s = DB_NOT_FOUND;
	if (rc == SQLITE_ROW) {
		*snapshot = db_col_dup(a, st, 0);
		*status = db_col_dup(a, st, 1);
		*saved_by = db_col_dup(a, st, 2);
		*saved_at = sqlite3_column_int64(st, 3);
		s = DB_OK;
	} else if (rc != SQLITE_DONE) {
		s = db_status_of(d, rc, "plan version get");
	}
	db_done(st);
	return s;
}

/* ---- doelen ---------------------------------------------------------------- */

#define DOEL_COLUMNS                                                                                  \
	"SELECT g.id, g.plan_id, p.huishouden_id, coalesce(g.persoon_id, 0), " PERSON_NAME("ps") ","      \
	" g.domain, g.wish, g.target_date, g.status, coalesce(g.updated_at, g.created_at),"                \
	" coalesce(u.name, c.name), g.version"                                                             \
	" FROM doel g JOIN plan p ON p.id = g.plan_id JOIN medewerker c ON c.id = g.created_by"           \
	" LEFT JOIN medewerker u ON u.id = g.updated_by LEFT JOIN persoon ps ON ps.id = g.persoon_id"

static const char SQL_DOEL_GET[] = DOEL_COLUMNS " WHERE g.id = ?";
static const char SQL_DOEL_LIST[] = DOEL_COLUMNS " WHERE g.plan_id = ? ORDER BY g.target_date, g.id";

static void read_doel(arena *a, sqlite3_stmt *st, void *out)
{
	struct doel *g = out;
	g->id = sqlite3_column_int64(st, 0);
	g->plan_id = sqlite3_column_int64(st, 1);
	g->huishouden_id = sqlite3_column_int64(st, 2);
	g->persoon_id = sqlite3_column_int64(st, 3);
	g->person = db_col_dup(a, st, 4);
	g->domain = db_col_dup(a, st, 5);
	g->wish = db_col_dup(a, st, 6);
	g->target_date = db_col_dup(a, st, 7);
	g->status = db_col_dup(a, st, 8);
	g->changed_at = sqlite3_column_int64(st, 9);
	g->changed_by = db_col_dup(a, st, 10);
	g->version = sqlite3_column_int64(st, 11);
}

enum db_status db_doel_get(db *d, arena *a, int64_t id, struct doel *out)
{
	sqlite3_stmt *st = db_stmt(d, SQL_DOEL_GET);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	return db_read_one(d, a, st, read_doel, out, "doel get");
}

enum db_status db_doel_list(db *d, arena *a, int64_t plan_id, struct doel **out, size_t *n)
{
	sqlite3_stmt *st = db_stmt(d, SQL_DOEL_LIST);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, plan_id);
	return db_read_all(d, a, st, read_doel, sizeof **out, (void **)out, n, "doel list");
}

static const char SQL_DOEL_INSERT[] =
	"INSERT INTO doel(plan_id, persoon_id, domain, wish, target_date, status, created_by, created_at)"
	" VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

enum db_status db_doel_insert(db *d, const struct doel *g, int64_t by, int64_t *id_out)
{
	sqlite3_stmt *st = db_stmt(d, SQL_DOEL_INSERT);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, g->plan_id);
	db_bind_opt_id(st, 2, g->persoon_id);
	sqlite3_bind_text(st, 3, g->domain, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, g->wish, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 5, g->target_date, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 6, g->status, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 7, by);
	sqlite3_bind_int64(st, 8, now_unix());
	return db_exec_insert(d, st, id_out, "doel insert");
}

static const char SQL_DOEL_UPDATE[] =
	"UPDATE doel SET persoon_id = ?, domain = ?, wish = ?, target_date = ?, status = ?, updated_by = ?,"
	" updated_at = ?, version = version + 1 WHERE id = ? AND version = ?";

enum db_status db_doel_update(db *d, const struct doel *g, int64_t by)
{
	sqlite3_stmt *st = db_stmt(d, SQL_DOEL_UPDATE);
	if (!st)
		return DB_ERROR;
	db_bind_opt_id(st, 1, g->persoon_id);
	sqlite3_bind_text(st, 2, g->domain, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, g->wish, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, g->target_date, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 5, g->status, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 6, by);
	sqlite3_bind_int64(st, 7, now_unix());
	sqlite3_bind_int64(st, 8, g->id);
	sqlite3_bind_int64(st, 9, g->version);
	return db_exec_changed(d, st, "doel update");
}

/* ---- rolgesprek ------------------------------------------------------------ */

#define ROLGESPREK_COLUMNS                                                                                \
	"SELECT r.id, r.doel_id, p.huishouden_id, r.level, r.contribution, coalesce(r.netwerklid_id, 0), n.name," \
	" coalesce(r.sociale_kaart_id, 0), k.name, r.intended_effect, r.justification,"                         \
	" coalesce(r.supports_netwerklid_id, 0), s.name, s.relation, c.name, r.created_at, r.version,"         \
	" coalesce(r.supports_persoon_id, 0),"                                                                    \
	" sp.first_name || ' ' || coalesce(sp.name_prefix || ' ', '') || sp.last_name"                            \
	" FROM rolgesprek r JOIN doel g ON g.id = r.doel_id JOIN plan p ON p.id = g.plan_id"                   \
	" JOIN medewerker c ON c.id = r.created_by LEFT JOIN netwerklid n ON n.id = r.netwerklid_id"          \
	" LEFT JOIN sociale_kaart k ON k.id = r.sociale_kaart_id LEFT JOIN netwerklid s ON s.id = r.supports_netwerklid_id" \
	" LEFT JOIN persoon sp ON sp.id = r.supports_persoon_id"

static const char SQL_ROLGESPREK_GET[] = ROLGESPREK_COLUMNS " WHERE r.id = ?";
static const char SQL_ROLGESPREK_LIST[] =
	ROLGESPREK_COLUMNS " WHERE r.doel_id = ? ORDER BY CASE r.level WHEN 'inwoner' THEN 1 WHEN 'netwerk' THEN 2"
	" WHEN 'voorliggend_veld' THEN 3 ELSE 4 END, r.id";

static void read_rolgesprek(arena *a, sqlite3_stmt *st, void *out)
{
	struct rolgesprek *c = out;
	c->id = sqlite3_column_int64(st, 0);
	c->doel_id = sqlite3_column_int64(st, 1);
	c->huishouden_id = sqlite3_column_int64(st, 2);
	c->level = db_col_dup(a, st, 3);
	c->contribution = db_col_dup(a, st, 4);
	c->netwerklid_id = sqlite3_column_int64(st, 5);
	c->netwerklid = db_col_dup(a, st, 6);
	c->sociale_kaart_id = sqlite3_column_int64(st, 7);
	c->sociale_kaart = db_col_dup(a, st, 8);
	c->intended_effect = db_col_dup(a, st, 9);
	c->justification = db_col_dup(a, st, 10);
	c->supports_netwerklid_id = sqlite3_column_int64(st, 11);
	c->supports = db_col_dup(a, st, 12);
	c->supports_relation = db_col_dup(a, st, 13);
	c->created_by = db_col_dup(a, st, 14);
	c->created_at = sqlite3_column_int64(st, 15);
	c->version = sqlite3_column_int64(st, 16);
	c->supports_persoon_id = sqlite3_column_int64(st, 17);
	c->supports_persoon = db_col_dup(a, st, 18);
}

enum db_status db_rolgesprek_get(db *d, arena *a, int64_t id, struct rolgesprek *out)
{
	sqlite3_stmt *st = db_stmt(d, SQL_ROLGESPREK_GET);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	return db_read_one(d, a, st, read_rolgesprek, out, "rolgesprek get");
}

enum db_status db_rolgesprek_list(db *d, arena *a, int64_t doel_id, struct rolgesprek **out, size_t *n)
{
	sqlite3_stmt *st = db_stmt(d, SQL_ROLGESPREK_LIST);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, doel_id);
	return db_read_all(d, a, st, read_rolgesprek, sizeof **out, (void **)out, n, "rolgesprek list");
}

static const char SQL_ROLGESPREK_INSERT[] =
	"INSERT INTO rolgesprek(doel_id, level, contribution, netwerklid_id, sociale_kaart_id, intended_effect,"
	" justification, supports_netwerklid_id, created_by, created_at, supports_persoon_id)"
	" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

enum db_status db_rolgesprek_insert(db *d, const struct rolgesprek *c, int64_t by, int64_t *id_out)
{
	sqlite3_stmt *st = db_stmt(d, SQL_ROLGESPREK_INSERT);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, c->doel_id);
	sqlite3_bind_text(st, 2, c->level, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, c->contribution, -1, SQLITE_TRANSIENT);
	db_bind_opt_id(st, 4, c->netwerklid_id);
	db_bind_opt_id(st, 5, c->sociale_kaart_id);
	db_bind_opt_text(st, 6, c->intended_effect);
	db_bind_opt_text(st, 7, c->justification);
	db_bind_opt_id(st, 8, c->supports_netwerklid_id);
	sqlite3_bind_int64(st, 9, by);
	sqlite3_bind_int64(st, 10, now_unix());
	db_bind_opt_id(st, 11, c->supports_persoon_id);
	return db_exec_insert(d, st, id_out, "rolgesprek insert");
}

/* Only what a contribution says changes; its level and netwerklid stay. */
static const char SQL_ROLGESPREK_UPDATE[] =
	"UPDATE rolgesprek SET contribution = ?, sociale_kaart_id = ?, intended_effect = ?, justification = ?,"
	" supports_netwerklid_id = ?, supports_persoon_id = ?, version = version + 1 WHERE id = ? AND version = ?";

enum db_status db_rolgesprek_update(db *d, const struct rolgesprek *c)
{
	sqlite3_stmt *st = db_stmt(d, SQL_ROLGESPREK_UPDATE);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_text(st, 1, c->contribution, -1, SQLITE_TRANSIENT);
	db_bind_opt_id(st, 2, c->sociale_kaart_id);
	db_bind_opt_text(st, 3, c->intended_effect);
	db_bind_opt_text(st, 4, c->justification);
	db_bind_opt_id(st, 5, c->supports_netwerklid_id);
	db_bind_opt_id(st, 6, c->supports_persoon_id);
	sqlite3_bind_int64(st, 7, c->id);
	sqlite3_bind_int64(st, 8, c->version);
	return db_exec_changed(d, st, "rolgesprek update");
}

static const char SQL_ROLGESPREK_DELETE[] = "DELETE FROM rolgesprek WHERE id = ?";

enum db_status db_rolgesprek_delete(db *d, int64_t id)
{
	sqlite3_stmt *st = db_stmt(d, SQL_ROLGESPREK_DELETE);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	return db_exec_changed(d, st, "rolgesprek delete");
}

/* ---- afspraken ------------------------------------------------------------- */

/* Who an agreement names, by kind. */
#define WHO_NAME "coalesce(" PERSON_NAME("ps") ", n.name, m.name, b.name)"
#define WHO_JOINS                                                                       \
	" LEFT JOIN persoon ps ON ps.id = a.persoon_id LEFT JOIN netwerklid n ON n.id = a.netwerklid_id" \
	" LEFT JOIN medewerker m ON m.id = a.medewerker_id LEFT JOIN aanbieder b ON b.id = a.aanbieder_id"

#define AFSPRAAK_COLUMNS                                                                              \
	"SELECT a.id, a.doel_id, p.huishouden_id, a.who_kind,"                                             \
	" coalesce(a.persoon_id, a.netwerklid_id, a.medewerker_id, a.aanbieder_id), " WHO_NAME ","         \
	" a.what, a.due_date, a.done_on, coalesce(a.updated_at, a.created_at), coalesce(u.name, c.name), a.version" \
	" FROM afspraak a JOIN doel g ON g.id = a.doel_id JOIN plan p ON p.id = g.plan_id"                \
	" JOIN medewerker c ON c.id = a.created_by LEFT JOIN medewerker u ON u.id = a.updated_by" WHO_JOINS

static const char SQL_AFSPRAAK_GET[] = AFSPRAAK_COLUMNS " WHERE a.id = ?";
static const char SQL_AFSPRAAK_LIST[] = AFSPRAAK_COLUMNS " WHERE a.doel_id = ? ORDER BY a.due_date, a.id";

static void read_afspraak(arena *ar, sqlite3_stmt *st, void *out)
{
	struct afspraak *a = out;
	a->id = sqlite3_column_int64(st, 0);
	a->doel_id = sqlite3_column_int64(st, 1);
	a->huishouden_id = sqlite3_column_int64(st, 2);
	a->who_kind = db_col_dup(ar, st, 3);
	a->who_id = sqlite3_column_int64(st, 4);
	a->who = db_col_dup(ar, st, 5);
	a->what = db_col_dup(ar, st, 6);
	a->due_date = db_col_dup(ar, st, 7);
	a->done_on = db_col_dup(ar, st, 8);
	a->changed_at = sqlite3_column_int64(st, 9);
	a->changed_by = db_col_dup(ar, st, 10);
	a->version = sqlite3_column_int64(st, 11);
}

enum db_status db_afspraak_get(db *d, arena *a, int64_t id, struct afspraak *out)
{
	sqlite3_stmt *st = db_stmt(d, SQL_AFSPRAAK_GET);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	return db_read_one(d, a, st, read_afspraak, out, "afspraak get");
}

enum db_status db_afspraak_list(db *d, arena *a, int64_t doel_id, struct afspraak **out, size_t *n)
{
	sqlite3_stmt *st = db_stmt(d, SQL_AFSPRAAK_LIST);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, doel_id);
	return db_read_all(d, a, st, read_afspraak, sizeof **out, (void **)out, n, "afspraak list");
}

static const char SQL_AFSPRAAK_INSERT[] =
	"INSERT INTO afspraak(doel_id, who_kind, persoon_id, netwerklid_id, medewerker_id, aanbieder_id, what,"
	" due_date, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

enum db_status db_afspraak_insert(db *d, const struct afspraak *a, int64_t by, int64_t *id_out)
{
	sqlite3_stmt *st = db_stmt(d, SQL_AFSPRAAK_INSERT);
	if (!st)
		return DB_ERROR;
	static const char *const kinds[] = {"inwoner", "netwerklid", "medewerker", "aanbieder"};
	sqlite3_bind_int64(st, 1, a->doel_id);
	sqlite3_bind_text(st, 2, a->who_kind, -1, SQLITE_TRANSIENT);
	for (int i = 0; i < 4; i++)
		db_bind_opt_id(st, 3 + i, strcmp(a->who_kind, kinds[i]) == 0 ? a->who_id : 0);
	sqlite3_bind_text(st, 7, a->what, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 8, a->due_date, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 9, by);
	sqlite3_bind_int64(st, 10, now_unix());
	return db_exec_insert(d, st, id_out, "afspraak insert");
}

static const char SQL_AFSPRAAK_UPDATE[] =
	"UPDATE afspraak SET what = ?, due_date = ?, done_on = ?, updated_by = ?, updated_at = ?,"
	" version = version + 1 WHERE id = ? AND version = ?";

enum db_status db_afspraak_update(db *d, const struct afspraak *a, int64_t by)
{
	sqlite3_stmt *st = db_stmt(d, SQL_AFSPRAAK_UPDATE);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_text(st, 1, a->what, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, a->due_date, -1, SQLITE_TRANSIENT);
	db_bind_opt_text(st, 3, a->done_on);
	sqlite3_bind_int64(st, 4, by);
	sqlite3_bind_int64(st, 5, now_unix());
	sqlite3_bind_int64(st, 6, a->id);
	sqlite3_bind_int64(st, 7, a->version);
	return db_exec_changed(d, st, "afspraak update");
}

static const char SQL_OVERDUE_HOUSEHOLD[] =
	"SELECT a.id, a.doel_id, a.what, " WHO_NAME ", strftime('%d-%m-%Y', a.due_date),"
	" CAST(julianday(?2) - julianday(a.due_date) AS INTEGER)"
	" FROM afspraak a JOIN doel g ON g.id = a.doel_id JOIN plan p ON p.id = g.plan_id" WHO_JOINS
	" WHERE p.huishouden_id = ?1 AND a.done_on IS NULL AND a.due_date < ?2 ORDER BY a.due_date, a.id";

json_t *db_afspraken_overdue_for_household(db *d, int64_t hh)
{
	static const struct db_json_col cols[] = {
		{"id", DBJ_INT}, {"doel_id", DBJ_INT}, {"what", DBJ_TEXT}, {"who", DBJ_TEXT},
		{"due_nl", DBJ_TEXT}, {"days_overdue", DBJ_INT},
	};
	char today[11];
	date_today(today);
	sqlite3_stmt *st = db_stmt(d, SQL_OVERDUE_HOUSEHOLD);
	if (st) {
		sqlite3_bind_int64(st, 1, hh);
		sqlite3_bind_text(st, 2, today, -1, SQLITE_TRANSIENT);
	}
	return db_rows_json(d, st, cols, ARRAY_LEN(cols));
}

static const char SQL_OVERDUE_REGISSEUR[] =
	"SELECT h.id, h.street || ' ' || h.house_number || coalesce(h.house_suffix, '') || ', ' || h.postcode"
	" || ' ' || h.city, a.what, " WHO_NAME ", strftime('%d-%m-%Y', a.due_date),"
	" CAST(julianday(?2) - julianday(a.due_date) AS INTEGER)"
	" FROM afspraak a JOIN doel g ON g.id = a.doel_id JOIN plan p ON p.id = g.plan_id"
	" JOIN huishouden h ON h.id = p.huishouden_id" WHO_JOINS
	" WHERE h.regisseur_id = ?1 AND a.done_on IS NULL AND a.due_date < ?2 ORDER BY a.due_date, a.id LIMIT 200";

json_t *db_afspraken_overdue_for_regisseur(db *d, int64_t medewerker_id)
{
	static const struct db_json_col cols[] = {
		{"huishouden_id", DBJ_INT}, {"address", DBJ_TEXT}, {"what", DBJ_TEXT}, {"who", DBJ_TEXT},
		{"due_nl", DBJ_TEXT}, {"days_overdue", DBJ_INT},
	};
	char today[11];
	date_today(today);
	sqlite3_stmt *st = db_stmt(d, SQL_OVERDUE_REGISSEUR);
	if (st) {
		sqlite3_bind_int64(st, 1, medewerker_id);
		sqlite3_bind_text(st, 2, today, -1, SQLITE_TRANSIENT);
	}
	return db_rows_json(d, st, cols, ARRAY_LEN(cols));
}

/* ---- choices --------------------------------------------------------------- */

static const char SQL_CHOICE_PERSOON[] =
	"SELECT p.id, " PERSON_NAME("p") ", p.role FROM persoon p WHERE p.huishouden_id = ?1 ORDER BY p.birth_date, p.id";
static const char SQL_CHOICE_NETWERKLID[] =
	"SELECT id, name, relation FROM netwerklid WHERE huishouden_id = ?1 AND active = 1 ORDER BY name, id";
static const char SQL_CHOICE_MEDEWERKER[] =
	"SELECT id, name, NULL FROM medewerker WHERE active = 1 AND soort = 'persoon' AND (roles & 7) <> 0"
	" ORDER BY name, id";
static const char SQL_CHOICE_AANBIEDER[] =
	"SELECT id, name, kind FROM aanbieder WHERE active = 1 ORDER BY name, id";
static const char SQL_CHOICE_SOCIALE_KAART[] =
	"SELECT id, name, kind FROM sociale_kaart WHERE active = 1 ORDER BY name, id";

static const char SQL_VALID_PERSOON[] = "SELECT 1 FROM persoon WHERE id = ?1 AND huishouden_id = ?2";
static const char SQL_VALID_NETWERKLID[] =
	"SELECT 1 FROM netwerklid WHERE id = ?1 AND huishouden_id = ?2 AND active = 1";
static const char SQL_VALID_MEDEWERKER[] =
	"SELECT 1 FROM medewerker WHERE id = ?1 AND active = 1 AND soort = 'persoon' AND (roles & 7) <> 0";
static const char SQL_VALID_AANBIEDER[] = "SELECT 1 FROM aanbieder WHERE id = ?1 AND active = 1";
static const char SQL_VALID_SOCIALE_KAART[] = "SELECT 1 FROM sociale_kaart WHERE id = ?1 AND active = 1";

static const struct {
	const char *choices, *valid;
} ref_sql[] = {
	[REF_PERSOON] = {SQL_CHOICE_PERSOON, SQL_VALID_PERSOON},
	[REF_NETWERKLID] = {SQL_CHOICE_NETWERKLID, SQL_VALID_NETWERKLID},
	[REF_MEDEWERKER] = {SQL_CHOICE_MEDEWERKER, SQL_VALID_MEDEWERKER},
	[REF_AANBIEDER] = {SQL_CHOICE_AANBIEDER, SQL_VALID_AANBIEDER},
	[REF_SOCIALE_KAART] = {SQL_CHOICE_SOCIALE_KAART, SQL_VALID_SOCIALE_KAART},
};

json_t *db_plan_choices(db *d, enum plan_ref kind, int64_t hh)
{
	static const struct db_json_col cols[] = {{"id", DBJ_INT}, {"name", DBJ_TEXT}, {"extra", DBJ_TEXT}};
	sqlite3_stmt *st = db_stmt(d, ref_sql[kind].choices);
	if (st && sqlite3_bind_parameter_count(st) >= 1)
		sqlite3_bind_int64(st, 1, hh);
	return db_rows_json(d, st, cols, ARRAY_LEN(cols));
}

bool db_plan_ref_valid(db *d, enum plan_ref kind, int64_t id, int64_t hh)
{
	sqlite3_stmt *st = db_stmt(d, ref_sql[kind].valid);
	if (!st)
		return false;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_bind_parameter_count(st) >= 2)
		sqlite3_bind_int64(st, 2, hh);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		db_status_of(d, rc, "plan reference");
	db_done(st);
	return rc == SQLITE_ROW;
}
