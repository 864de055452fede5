/* evaluatie.c - data access for evaluations, the ZRM history, closing a
 * case and moreel beraad (see db_evaluatie.h). */
#include "db_evaluatie.h"

#include <string.h>

#define PERSON_NAME(p) p ".first_name || coalesce(' ' || " p ".name_prefix, '') || ' ' || " p ".last_name"
#define DATE_NL(col) "strftime('%d-%m-%Y', " col ")"

/* ---- plans and goals ----------------------------------------------------- */

#define GOAL_COLUMNS                                                                           \
	"SELECT g.id, g.domain, g.wish, CASE WHEN p.id IS NULL THEN NULL ELSE " PERSON_NAME("p") \
	" END, g.target_date, " DATE_NL("g.target_date") ", g.status, g.version"                  \
	" FROM doel g LEFT JOIN persoon p ON p.id = g.persoon_id"
static const char SQL_GOALS[] = GOAL_COLUMNS " WHERE g.plan_id = ? ORDER BY g.id";

static void goal_row(arena *a, sqlite3_stmt *st, void *elem)
{
	struct ev_goal *g = elem;
	g->id = sqlite3_column_int64(st, 0);
	g->domain = db_col_dup(a, st, 1);
	g->wish = db_col_dup(a, st, 2);
	g->person = db_col_dup(a, st, 3);
	g->target_date = db_col_dup(a, st, 4);
	g->target_nl = db_col_dup(a, st, 5);
	g->status = db_col_dup(a, st, 6);
	g->version = sqlite3_column_int64(st, 7);
}

enum db_status db_ev_goals(db *d, arena *a, int64_t plan_id, struct ev_goal **out, size_t *n)
{
	sqlite3_stmt *st = db_stmt(d, SQL_GOALS);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, plan_id);
	return db_read_all(d, a, st, goal_row, sizeof **out, (void **)out, n, "plan goals");
}

/* ---- evaluations ------------------------------------------------------------ */

static const char SQL_PLAN_EVALUATED[] =
	"UPDATE plan SET status = 'geevalueerd', next_evaluation = ?, version = version + 1,"
	" updated_by = ?, updated_at = ? WHERE id = ? AND version = ?"
	" AND status IN ('vastgesteld', 'geevalueerd')";
static const char SQL_EV_INSERT[] =
	"INSERT INTO evaluatie(plan_id, planned_on, held_on, summary, next_date, created_by, created_at)"
	" VALUES (?, ?, ?, ?, ?, ?, ?)";
static const char SQL_EV_GOAL_INSERT[] =
	"INSERT INTO evaluatie_doel(evaluatie_id, doel_id, reached, status) VALUES (?, ?, ?, ?)";
static const char SQL_GOAL_STATUS[] =
	"UPDATE doel SET status = ?, version = version + 1, updated_by = ?, updated_at = ?"
	" WHERE id = ? AND plan_id = ? AND version = ?";
static const char SQL_SCORE_INSERT[] =
	"INSERT INTO zrm_score(persoon_id, domain, score, scored_on, evaluatie_id, created_by, created_at)"
	" VALUES (?, ?, ?, ?, ?, ?, ?)";

enum db_status db_evaluatie_insert(db *d, const struct evaluatie_new *in, int64_t by, int64_t *id_out)
{
	int64_t now = now_unix();
	sqlite3_stmt *st = db_stmt(d, SQL_PLAN_EVALUATED);
	if (!st)
		return DB_ERROR;
	db_bind_opt_text(st, 1, in->next_date);
	sqlite3_bind_int64(st, 2, by);
	sqlite3_bind_int64(st, 3, now);
	sqlite3_bind_int64(st, 4, in->plan_id);
	sqlite3_bind_int64(st, 5, in->plan_version);
	enum db_status s = db_exec_changed(d, st, "plan evaluated");
	if (s != DB_OK)
		return s;

	if (!(st = db_stmt(d, SQL_EV_INSERT)))
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, in->plan_id);
	sqlite3_bind_text(st, 2, in->planned_on, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, in->held_on, -1, SQLITE_TRANSIENT);
	db_bind_opt_text(st, 4, in->summary);
	db_bind_opt_text(st, 5, in->next_date);
	sqlite3_bind_int64(st, 6, by);
	sqlite3_bind_int64(st, 7, now);
	if ((s = db_exec_stmt(d, st, "evaluatie insert")) != DB_OK)
		return s;
	int64_t id = sqlite3_last_insert_rowid(db_sqlite(d));

	for (size_t i = 0; i < in->ngoals && s == DB_OK; i++) {
		const struct ev_goal_result *g = &in->goals[i];
		if (!(st = db_stmt(d, SQL_EV_GOAL_INSERT)))
			return DB_ERROR;
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, g->doel_id);
		sqlite3_bind_text(st, 3, g->reached, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 4, g->status, -1, SQLITE_TRANSIENT);
		if ((s = db_exec_stmt(d, st, "evaluatie_doel insert")) != DB_OK)
			break;
		if (!(st = db_stmt(d, SQL_GOAL_STATUS)))
			return DB_ERROR;
		sqlite3_bind_text(st, 1, g->status, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 2, by);
		sqlite3_bind_int64(st, 3, now);
		sqlite3_bind_int64(st, 4, g->doel_id);
		sqlite3_bind_int64(st, 5, in->plan_id);
		sqlite3_bind_int64(st, 6, g->version);
		s = db_exec_changed(d, st, "doel status");
	}
	for (size_t i = 0; i < in->nscores && s == DB_OK; i++) {
		const struct zrm_score *z = &in->scores[i];
		if (!(st = db_stmt(d, SQL_SCORE_INSERT)))
			return DB_ERROR;
		sqlite3_bind_int64(st, 1, z->persoon_id);
		sqlite3_bind_text(st, 2, z->domain, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(st, 3, z->score);
		sqlite3_bind_text(st, 4, in->held_on, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 5, id);
		sqlite3_bind_int64(st, 6, by);
		sqlite3_bind_int64(st, 7, now);
		s = db_exec_stmt(d, st, "evaluatie score insert");
	}
	if (s == DB_OK && id_out)
		*id_out = id;
	return s;
}

#define EV_COLUMNS                                                                            \
	"SELECT e.id, e.plan_id, pl.huishouden_id, e.planned_on, " DATE_NL("e.planned_on") ","  \
	" e.held_on, " DATE_NL("e.held_on") ", e.summary, e.next_date, " DATE_NL("e.next_date") \
	", m.name, e.created_at FROM evaluatie e JOIN plan pl ON pl.id = e.plan_id"              \
	" JOIN medewerker m ON m.id = e.created_by"
static const char SQL_EV_GET[] = EV_COLUMNS " WHERE e.id = ?";
static const char SQL_EV_LIST[] = EV_COLUMNS " WHERE e.plan_id = ? ORDER BY e.held_on DESC, e.id DESC";

static void ev_row(arena *a, sqlite3_stmt *st, void *elem)
{
	struct evaluatie *e = elem;
	e->id = sqlite3_column_int64(st, 0);
	e->plan_id = sqlite3_column_int64(st, 1);
	e->huishouden_id = sqlite3_column_int64(st, 2);
	e->planned_on = db_col_dup(a, st, 3);
	e->planned_nl = db_col_dup(a, st, 4);
	e->held_on = db_col_dup(a, st, 5);
	e->held_nl = db_col_dup(a, st, 6);
	e->summary = db_col_dup(a, st, 7);
	e->next_date = db_col_dup(a, st, 8);
	e->next_nl = db_col_dup(a, st, 9);
	e->created_by = db_col_dup(a, st, 10);
	e->created_at = sqlite3_column_int64(st, 11);
}

enum db_status db_evaluatie_get(db *d, arena *a, int64_t id, struct evaluatie *out)
{
	sqlite3_stmt *st = db_stmt(d, SQL_EV_GET);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	return db_read_one(d, a, st, ev_row, out, "evaluatie get");
}

enum db_status db_evaluatie_list(db *d, arena *a, int64_t plan_id, struct evaluatie **out, size_t *n)
{
	sqlite3_stmt *st = db_stmt(d, SQL_EV_LIST);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, plan_id);
	return db_read_all(d, a, st, ev_row, sizeof **out, (void **)out, n, "evaluatie list");
}

static const char SQL_EV_GOALS[] =
	"SELECT g.id, g.domain, g.wish, CASE WHEN p.id IS NULL THEN NULL ELSE " PERSON_NAME("p")
	" END, g.target_date, " DATE_NL("g.target_date") ", g.status, g.version, ed.reached, ed.status"
	" FROM evaluatie_doel ed JOIN doel g ON g.id = ed.doel_id LEFT JOIN persoon p ON p.id = g.persoon_id"
	" WHERE ed.evaluatie_id = ? ORDER BY g.id";

enum db_status db_evaluatie_goals(db *d, arena *a, int64_t id, struct ev_goal_result **out,
                                  struct ev_goal **goals, size_t *n)
{
	*out = NULL;
	*goals = NULL;
	*n = 0;
	sqlite3_stmt *st = db_stmt(d, SQL_EV_GOALS);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	size_t cap = 0, gcap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*goals = arena_grow(a, *goals, *n, &gcap, sizeof **goals);
		*out = arena_grow(a, *out, *n, &cap, sizeof **out);
		goal_row(a, st, &(*goals)[*n]);
		(*out)[*n] = (struct ev_goal_result){.doel_id = (*goals)[*n].id, .version = (*goals)[*n].version,
		                                     .reached = db_col_dup(a, st, 8), .status = db_col_dup(a, st, 9)};
		(*n)++;
	}
	enum db_status s = rc == SQLITE_DONE ? DB_OK : db_status_of(d, rc, "evaluatie goals");
	db_done(st);
	return s;
}

static const char SQL_EV_SCORES[] =
	"SELECT z.persoon_id, " PERSON_NAME("p") ", z.domain, z.score, z.scored_on, " DATE_NL("z.scored_on")
	" FROM zrm_score z JOIN persoon p ON p.id = z.persoon_id"
	" WHERE z.evaluatie_id = ? ORDER BY p.birth_date, p.id, z.id";

static void score_row(arena *a, sqlite3_stmt *st, void *elem)
{
	struct zrm_score *z = elem;
	z->persoon_id = sqlite3_column_int64(st, 0);
	z->person = db_col_dup(a, st, 1);
	z->domain = db_col_dup(a, st, 2);
	z->score = sqlite3_column_int(st, 3);
	z->scored_on = db_col_dup(a, st, 4);
	z->scored_nl = db_col_dup(a, st, 5);
}

enum db_status db_evaluatie_scores(db *d, arena *a, int64_t id, struct zrm_score **out, size_t *n)
{
	sqlite3_stmt *st = db_stmt(d, SQL_EV_SCORES);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	return db_read_all(d, a, st, score_row, sizeof **out, (void **)out, n, "evaluatie scores");
}

/* ---- ZRM history ----------------------------------------------------------- */

static const char SQL_ZRM_HISTORY[] =
	"SELECT z.persoon_id, " PERSON_NAME("p") ", z.domain, z.score, z.scored_on, " DATE_NL("z.scored_on")
	", coalesce(z.intake_id, 0), coalesce(z.evaluatie_id, 0)"
	" FROM persoon p JOIN zrm_score z ON z.persoon_id = p.id"
	" WHERE p.huishouden_id = ?"
	" ORDER BY p.birth_date, p.id, z.scored_on, z.evaluatie_id IS NOT NULL, z.evaluatie_id, z.intake_id, z.id";

static void point_row(arena *a, sqlite3_stmt *st, void *elem)
{
	struct zrm_point *z = elem;
	z->persoon_id = sqlite3_column_int64(st, 0);
	z->person = db_col_dup(a, st, 1);
	z->domain = db_col_dup(a, st, 2);
	z->score = sqlite3_column_int(st, 3);
	z->scored_on = db_col_dup(a, st, 4);
	z->scored_nl = db_col_dup(a, st, 5);
	z->intake_id = sqlite3_column_int64(st, 6);
	z->evaluatie_id = sqlite3_column_int64(st, 7);
}

enum db_status db_zrm_history(db *d, arena *a, int64_t hh, struct zrm_point **out, size_t *n)
{
	sqlite3_stmt *st = db_stmt(d, SQL_ZRM_HISTORY);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, hh);
	return db_read_all(d, a, st, point_row, sizeof **out, (void **)out, n, "zrm history");
}

/* ---- closing a case ---------------------------------------------------------- */

static const char SQL_OPEN_AFSPRAKEN[] =
	"SELECT a.id, a.what, NULL, a.due_date, " DATE_NL("a.due_date")
	" FROM afspraak a JOIN doel g ON g.id = a.doel_id JOIN plan pl ON pl.id = g.plan_id"
	" WHERE pl.huishouden_id = ? AND a.done_on IS NULL ORDER BY a.due_date, a.id";
static const char SQL_OPEN_VOORZIENINGEN[] =
	"SELECT v.id, coalesce(pr.name, sk.name, v.kind), v.status, v.end_date, " DATE_NL("v.end_date")
	" FROM voorziening v LEFT JOIN product pr ON pr.id = v.product_id"
	" LEFT JOIN sociale_kaart sk ON sk.id = v.sociale_kaart_id"
	" WHERE v.huishouden_id = ? AND v.status NOT IN ('afgewezen', 'beeindigd') ORDER BY v.end_date, v.id";

static void open_row(arena *a, sqlite3_stmt *st, void *elem)
{
	struct open_item *o = elem;
	o->id = sqlite3_column_int64(st, 0);
	o->what = db_col_dup(a, st, 1);
	o->status = db_col_dup(a, st, 2);
	o->date = db_col_dup(a, st, 3);
	o->date_nl = db_col_dup(a, st, 4);
}

enum db_status db_close_open_afspraken(db *d, arena *a, int64_t hh, struct open_item **out, size_t *n)
{
	sqlite3_stmt *st = db_stmt(d, SQL_OPEN_AFSPRAKEN);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, hh);
	return db_read_all(d, a, st, open_row, sizeof **out, (void **)out, n, "open afspraken");
}

enum db_status db_close_open_voorzieningen(db *d, arena *a, int64_t hh, struct open_item **out, size_t *n)
{
	sqlite3_stmt *st = db_stmt(d, SQL_OPEN_VOORZIENINGEN);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, hh);
	return db_read_all(d, a, st, open_row, sizeof **out, (void **)out, n, "open voorzieningen");
}

static const char SQL_HH_STATUS[] = "SELECT status, coalesce(closed_at, 0) FROM huishouden WHERE id = ?";

enum db_status db_close_household_status(db *d, arena *a, int64_t hh, const char **status,
                                         int64_t *closed_at)
{
	sqlite3_stmt *st = db_stmt(d, SQL_HH_STATUS);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, hh);
	int rc = sqlite3_step(st);
	enum db_status s = DB_NOT_FOUND;
	if (rc == SQLITE_ROW) {
		*status = db_col_dup(a, st, 0);
		*closed_at = sqlite3_column_int64(st, 1);
		s = DB_OK;
	} else if (rc != SQLITE_DONE) {
		s = db_status_of(d, rc, "household status");
	}
	db_done(st);
	return s;
}

static const char SQL_CLOSE_HH[] =
	"UPDATE huishouden SET status = 'afgesloten', closed_at = ?, close_reason = ?, version = version + 1,"
	" updated_by = ?, updated_at = ? WHERE id = ? AND status <> 'afgesloten'";
static const char SQL_CLOSE_PLAN[] =
	"UPDATE plan SET status = 'afgesloten', closed_on = ?, close_reason = ?, close_outcome = ?,"
	" version = version + 1, updated_by = ?, updated_at = ? WHERE huishouden_id = ? RETURNING id";
static const char SQL_CLOSE_AANMELDINGEN[] =
	"UPDATE aanmelding SET status = 'afgesloten', version = version + 1, updated_by = ?, updated_at = ?"
	" WHERE huishouden_id = ? AND status <> 'afgesloten' RETURNING id";

enum db_status db_close_case(db *d, arena *a, const struct close_case *in, int64_t by, int64_t *plan_id,
                             int64_t **aanmeldingen, size_t *naanmeldingen)
{
	*plan_id = 0;
	*aanmeldingen = NULL;
	*naanmeldingen = 0;
	int64_t now = now_unix();
	sqlite3_stmt *st = db_stmt(d, SQL_CLOSE_HH);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, now);
	sqlite3_bind_text(st, 2, in->reason, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 3, by);
	sqlite3_bind_int64(st, 4, now);
	sqlite3_bind_int64(st, 5, in->huishouden_id);
	enum db_status s = db_exec_changed(d, st, "close household");
	if (s != DB_OK)
		return s;

	if (!(st = db_stmt(d, SQL_CLOSE_PLAN)))
		return DB_ERROR;
	sqlite3_bind_text(st, 1, in->closed_on, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, in->reason, -1, SQLITE_TRANSIENT);
	db_bind_opt_text(st, 3, in->outcome);
	sqlite3_bind_int64(st, 4, by);
	sqlite3_bind_int64(st, 5, now);
	sqlite3_bind_int64(st, 6, in->huishouden_id);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*plan_id = sqlite3_column_int64(st, 0);
	s = rc == SQLITE_DONE ? DB_OK : db_status_of(d, rc, "close plan");
	db_done(st);
	if (s != DB_OK)
		return s;

	if (!(st = db_stmt(d, SQL_CLOSE_AANMELDINGEN)))
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, by);
	sqlite3_bind_int64(st, 2, now);
	sqlite3_bind_int64(st, 3, in->huishouden_id);
	size_t cap = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*aanmeldingen = arena_grow(a, *aanmeldingen, *naanmeldingen, &cap, sizeof **aanmeldingen);
		(*aanmeldingen)[(*naanmeldingen)++] = sqlite3_column_int64(st, 0);
	}
	s = rc == SQLITE_DONE ? DB_OK : db_status_of(d, rc, "close aanmeldingen");
	db_done(st);
	return s;
}

/* ---- moreel beraad ------------------------------------------------------------- */

static const char SQL_MB_GOALS[] =
	"SELECT g.id, g.wish FROM doel g JOIN plan pl ON pl.id = g.plan_id"
	" WHERE pl.huishouden_id = ? ORDER BY g.id";
static const char SQL_MB_VOORZIENINGEN[] =
	"SELECT v.id, coalesce(pr.name, sk.name, v.kind) || ' (' || " DATE_NL("v.start_date") " || ' t/m ' || "
	DATE_NL("v.end_date") " || ')' FROM voorziening v LEFT JOIN product pr ON pr.id = v.product_id"
	" LEFT JOIN sociale_kaart sk ON sk.id = v.sociale_kaart_id WHERE v.huishouden_id = ? ORDER BY v.id";

static void ref_row(arena *a, sqlite3_stmt *st, void *elem)
{
	struct mb_ref *m = elem;
	m->id = sqlite3_column_int64(st, 0);
	m->label = db_col_dup(a, st, 1);
}

enum db_status db_mb_goals(db *d, arena *a, int64_t hh, struct mb_ref **out, size_t *n)
{
	sqlite3_stmt *st = db_stmt(d, SQL_MB_GOALS);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, hh);
	return db_read_all(d, a, st, ref_row, sizeof **out, (void **)out, n, "moreel beraad goals");
}

enum db_status db_mb_voorzieningen(db *d, arena *a, int64_t hh, struct mb_ref **out, size_t *n)
{
	sqlite3_stmt *st = db_stmt(d, SQL_MB_VOORZIENINGEN);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, hh);
	return db_read_all(d, a, st, ref_row, sizeof **out, (void **)out, n, "moreel beraad voorzieningen");
}

static const char SQL_MB_INSERT[] =
	"INSERT INTO moreel_beraad(journaal_id, participants, dilemma, decision, doel_id, voorziening_id)"
	" VALUES (?, ?, ?, ?, ?, ?)";

enum db_status db_moreel_beraad_insert(db *d, int64_t journaal_id, const char *participants,
                                       const char *dilemma, const char *decision, int64_t doel_id,
                                       int64_t voorziening_id)
{
	sqlite3_stmt *st = db_stmt(d, SQL_MB_INSERT);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, journaal_id);
	sqlite3_bind_text(st, 2, participants, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, dilemma, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, decision, -1, SQLITE_TRANSIENT);
	db_bind_opt_id(st, 5, doel_id);
	db_bind_opt_id(st, 6, voorziening_id);
	return db_exec_stmt(d, st, "moreel beraad insert");
}

#define MB_COLUMNS                                                                                  \
	"SELECT j.id, j.huishouden_id, j.entry_date, " DATE_NL("j.entry_date") ", mb.participants,"    \
	" mb.dilemma, mb.decision, coalesce(mb.doel_id, 0), g.wish, coalesce(mb.voorziening_id, 0),"   \
	" CASE WHEN v.id IS NULL THEN NULL ELSE coalesce(pr.name, sk.name, v.kind) END, m.name,"       \
	" j.created_at FROM moreel_beraad mb JOIN journaal j ON j.id = mb.journaal_id"                 \
	" JOIN medewerker m ON m.id = j.author_id LEFT JOIN doel g ON g.id = mb.doel_id"               \
	" LEFT JOIN voorziening v ON v.id = mb.voorziening_id LEFT JOIN product pr ON pr.id = v.product_id" \
	" LEFT JOIN sociale_kaart sk ON sk.id = v.sociale_kaart_id"
static const char SQL_MB_GET[] = MB_COLUMNS " WHERE mb.journaal_id = ?";
static const char SQL_MB_LIST[] =
	MB_COLUMNS " WHERE j.huishouden_id = ? ORDER BY j.entry_date DESC, j.id DESC";

static void mb_row(arena *a, sqlite3_stmt *st, void *elem)
{
	struct moreel_beraad *m = elem;
	m->journaal_id = sqlite3_column_int64(st, 0);
	m->huishouden_id = sqlite3_column_int64(st, 1);
	m->entry_date = db_col_dup(a, st, 2);
	m->entry_nl = db_col_dup(a, st, 3);
	m->participants = db_col_dup(a, st, 4);
	m->dilemma = db_col_dup(a, st, 5);
	m->decision = db_col_dup(a, st, 6);
	m->doel_id = sqlite3_column_int64(st, 7);
	m->doel = db_col_dup(a, st, 8);
	m->voorziening_id = sqlite3_column_int64(st, 9);
	m->voorziening = db_col_dup(a, st, 10);
	m->author = db_col_dup(a, st, 11);
	m->created_at = sqlite3_column_int64(st, 12);
}

enum db_status db_moreel_beraad_get(db *d, arena *a, int64_t journaal_id, struct moreel_beraad *out)
{
	sqlite3_stmt *st = db_stmt(d, SQL_MB_GET);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, journaal_id);
	return db_read_one(d, a, st, mb_row, out, "moreel beraad get");
}

enum db_status db_moreel_beraad_list(db *d, arena *a, int64_t hh, struct moreel_beraad **out, size_t *n)
{
	sqlite3_stmt *st = db_stmt(d, SQL_MB_LIST);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, hh);
	return db_read_all(d, a, st, mb_row, sizeof **out, (void **)out, n, "moreel beraad list");
}

static const char SQL_MB_FOR_GOAL[] =
	"SELECT j.id, " DATE_NL("j.entry_date") ", mb.dilemma FROM moreel_beraad mb"
	" JOIN journaal j ON j.id = mb.journaal_id WHERE mb.doel_id = ? ORDER BY j.entry_date DESC, j.id DESC";
static const char SQL_MB_FOR_VOORZIENING[] =
	"SELECT j.id, " DATE_NL("j.entry_date") ", mb.dilemma FROM moreel_beraad mb"
	" JOIN journaal j ON j.id = mb.journaal_id WHERE mb.voorziening_id = ?"
	" ORDER BY j.entry_date DESC, j.id DESC";

static json_t *mb_links(db *d, const char *sql, int64_t id, const char *context)
{
	sqlite3_stmt *st = db_stmt(d, sql);
	if (!st)
		return NULL;
	sqlite3_bind_int64(st, 1, id);
	json_t *list = json_array();
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		json_array_append_new(list, json_pack("{s:I, s:s, s:s}", "id", (json_int_t)sqlite3_column_int64(st, 0),
		                                      "entry_nl", db_col_text(st, 1), "dilemma", db_col_text(st, 2)));
	if (rc != SQLITE_DONE) {
		db_status_of(d, rc, context);
		json_decref(list);
		list = NULL;
	}
	db_done(st);
	return list;
}

json_t *db_moreel_beraad_for_goal(db *d, int64_t doel_id)
{
	return mb_links(d, SQL_MB_FOR_GOAL, doel_id, "moreel beraad for goal");
}

json_t *db_moreel_beraad_for_voorziening(db *d, int64_t voorziening_id)
{
	return mb_links(d, SQL_MB_FOR_VOORZIENING, voorziening_id, "moreel beraad for voorziening");
}
