/* evaluatie.c - evaluating a plan: per goal what was reached and its new
 * status, new ZRM scores per household member (stored next to the earlier
 * ones, never overwriting them), a summary and the next evaluation date;
 * the evaluation page; the JSON API.  The field tables, reading the input
 * and storing it are in src/evaluatie_shared.c; the ZRM progress chart on
 * the evaluation page is zrm_progress_fill (src/zrm_voortgang.c). */
#include <string.h>

#include "access.h"
#include "audit.h"
#include "care.h"
#include "db_evaluatie.h"
#include "db_plan.h"
#include "db_intake.h"
#include "domain.h"
#include "evaluatie_shared.h"
#include "form.h"
#include "handlers.h"
#include "overview.h"

/* ---- the form ------------------------------------------------------------- */

/* The newest score of person p in domain dm as "2 – niet zelfredzaam
 * (01-11-2026)", or NULL. */
static const char *latest_score(arena *a, const struct ev_ctx *c, int64_t persoon_id, int dm)
{
	for (size_t i = 0; i < c->nlatest; i++)
		if (c->latest[i].persoon_id == persoon_id && strcmp(c->latest[i].domain, vocab_zrm_domain.codes[dm]) == 0 &&
		    c->latest[i].score >= 1 && c->latest[i].score <= 5)
			return arena_printf(a, "%s (%s)", vocab_zrm_score.labels[c->latest[i].score - 1], c->latest[i].scored_nl);
	return NULL;
}

static int render_new(struct req *r, db *d, const struct ev_ctx *c, struct ev_input *in, unsigned status,
                      const char *alert)
{
	json_t *data = json_object();
	if (care_household(r, d, c->plan.huishouden_id, data) != DB_OK) {
		json_decref(data);
		return -1;
	}
	struct field_value empty[E_COUNT];
	struct field_value *v = in ? in->v : empty;
	if (!in) {
		form_validate(r->arena, NULL, evaluatie_rules, E_COUNT, empty);
		for (int i = 0; i < E_COUNT; i++)
			empty[i].error = NULL;
		char today[11];
		date_today(today);
		empty[E_GEHOUDEN].text = arena_strdup(r->arena, today);
		empty[E_GEPLAND].text = c->plan.next_evaluation ? c->plan.next_evaluation : "";
	}
	/* The version shown is the one read now, unless resubmitting input. */
	if (!v[E_VERSIE].id || v[E_VERSIE].error)
		v[E_VERSIE].text = arena_printf(r->arena, "%lld", (long long)c->plan.version);
	form_to_page(data, evaluatie_rules, E_COUNT, v);

	json_t *goals = json_array();
	for (size_t g = 0; g < c->ngoals; g++) {
		const struct ev_goal *goal = &c->goals[g];
		struct field_rule gr[G_COUNT];
		evaluatie_goal_form_rules(r->arena, goal->id, gr);
		struct field_value own[G_COUNT];
		const struct field_value *gv = in ? &in->goal[g * G_COUNT] : own;
		if (!in) {
			form_validate(r->arena, NULL, gr, G_COUNT, own);
			for (int k = 0; k < G_COUNT; k++)
				own[k].error = NULL;
			own[G_STATUS].text = goal->status;
		}
		json_t *o = json_object();
		form_to_page(o, gr, G_COUNT, gv);
		json_t *fields = json_object_get(o, "field");
		json_t *bereikt = json_object_get(fields, gr[G_BEREIKT].name);
		json_t *st = json_object_get(fields, gr[G_STATUS].name);
		/* The summary names the goal with the field (o's own summary is
		 * dropped with o). */
		if (gv[G_STATUS].error)
			form_add_error(data, gr[G_STATUS].name, arena_printf(r->arena, "Doel ‘%s’, nieuwe status", goal->wish),
			               gv[G_STATUS].error);
		if (gv[G_BEREIKT].error)
			form_add_error(data, gr[G_BEREIKT].name, arena_printf(r->arena, "Doel ‘%s’, wat er bereikt is", goal->wish),
			               gv[G_BEREIKT].error);
		json_object_set_new(st, "options", care_options(&evaluatie_goal_status, gv[G_STATUS].text));
		json_t *gj = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:O, s:O}", "id", (json_int_t)goal->id, "wish",
		                       goal->wish, "domain_label", vocab_label(&vocab_zrm_domain, goal->domain),
		                       "target_nl", goal->target_nl, "status_label",
		                       vocab_label(&evaluatie_goal_status, goal->status), "prefix",
		                       arena_printf(r->arena, "doel_%lld", (long long)goal->id), "bereikt", bereikt,
		                       "status", st);
		/* The version read with the form, unless the user resubmits. */
		json_object_set_new(gj, "versie", json_string(in && !gv[G_VERSIE].error && gv[G_VERSIE].id
		                                                  ? gv[G_VERSIE].text
		                                                  : arena_printf(r->arena, "%lld", (long long)goal->version)));
		if (goal->person)
			json_object_set_new(gj, "person", json_string(goal->person));
		json_array_append_new(goals, gj);
		json_decref(o);
	}
	json_object_set_new(data, "goals", goals);
	json_object_set_new(data, "has_goals", json_boolean(c->ngoals > 0));

	json_t *zrm = json_array();
	for (size_t p = 0; p < c->npeople; p++) {
		json_t *domains = json_array();
		for (int dm = 0; dm < NDOMAINS; dm++) {
			int s = in ? in->score[p * NDOMAINS + (size_t)dm] : 0;
			const char *prev = latest_score(r->arena, c, c->people[p].id, dm);
			json_t *o = json_pack("{s:s, s:s, s:b, s:o}", "field", evaluatie_score_field(r->arena, c->people[p].id, dm),
			                      "label", vocab_zrm_domain.labels[dm], "none", s == 0, "options",
			                      care_options(&vocab_zrm_score, s > 0 ? vocab_zrm_score.codes[s - 1] : NULL));
			json_object_set_new(o, "previous", json_string(prev ? prev : "Nog niet gescoord"));
			json_array_append_new(domains, o);
		}
		json_array_append_new(zrm, json_pack("{s:I, s:s, s:o}", "id", (json_int_t)c->people[p].id, "name",
		                                     c->people[p].name, "domains", domains));
	}
	json_object_set_new(data, "zrm_matrix", care_zrm_matrix(zrm));
	json_object_set_new(data, "zrm", zrm);
	json_object_set_new(data, "plan_id", json_integer(c->plan.id));
	if (in && in->scores_error) {
		json_object_set_new(data, "scores_error", json_string(in->scores_error));
		form_add_error(data, "zrm", "Nieuwe scores per leefgebied (ZRM)", in->scores_error);
	}
	pg_form_to_page(r, c->people, c->npeople, in ? &in->pg : NULL, data);
	if (alert)
		json_object_set_new(data, "alert", json_string(alert));
	return reply_page(r, status, "evaluatie-nieuw", "Evaluatie van het plan", data);
}

/* Loads plan id into c and checks access to its household; replies and
 * returns -1 when unknown or refused. */
static int load_plan(struct req *r, db *d, int64_t id, const char *audit_action, struct ev_ctx *c,
                     struct hh_access_info *acc)
{
	enum db_status s = evaluatie_load_ctx(r, d, id, c);
	if (s == DB_NOT_FOUND) {
		reply_error(r, ERR_NOT_FOUND, "Dit plan bestaat niet.");
		return -1;
	}
	if (s != DB_OK) {
		reply_error(r, ERR_INTERNAL, NULL);
		return -1;
	}
	return require_household(r, c->plan.huishouden_id, audit_action, "plan", id, acc);
}

int h_evaluatie_new_form(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct ev_ctx c;
	struct hh_access_info acc;
	if (load_plan(r, d, req_param_id(r, 0), "evaluatie.form", &c, &acc) != 0)
		return 0;
	if (!evaluatie_plan_evaluable(&c.plan))
		return reply_error(r, ERR_CONFLICT, EVALUATIE_NOT_EVALUABLE);
	return render_new(r, d, &c, NULL, 200, NULL);
}

static const char MSG_CONFLICT[] =
	"Het plan of een van de doelen is intussen door iemand anders gewijzigd of geëvalueerd. Er is niets "
	"opgeslagen. Uw invoer staat hieronder; controleer de doelen en sla opnieuw op.";

int h_evaluatie_create(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct ev_ctx c;
	struct hh_access_info acc;
	int64_t plan_id = req_param_id(r, 0);
	if (load_plan(r, d, plan_id, NULL, &c, &acc) != 0)
		return 0;
	if (!evaluatie_plan_evaluable(&c.plan))
		return reply_error(r, ERR_CONFLICT, EVALUATIE_NOT_EVALUABLE);
	struct ev_input *in = arena_alloc(r->arena, sizeof *in);
	evaluatie_read_form(r, &c, in);
	if (in->v[E_VERSIE].error)
		return reply_error(r, ERR_BAD_REQUEST, "Het formulier mist de versie. Laad de pagina opnieuw.");
	if (in->errors)
		return render_new(r, d, &c, in, 422, NULL);
	struct evaluatie_new n;
	evaluatie_build_new(r->arena, &c, in, &n);
	int64_t id = 0;
	enum db_status s = evaluatie_store_new(r, d, &n, c.plan.huishouden_id, &acc, &id);
	if (s == DB_NOT_FOUND) {
		/* Show the plan as it is now, with the user's input kept where
		 * the goals still match, and the versions read now. */
		struct ev_ctx now;
		if (evaluatie_load_ctx(r, d, plan_id, &now) != DB_OK)
			return -1;
		if (!evaluatie_plan_evaluable(&now.plan))
			return reply_error(r, ERR_CONFLICT, EVALUATIE_NOT_EVALUABLE);
		struct ev_input *kept = arena_alloc(r->arena, sizeof *kept);
		evaluatie_input_alloc(r->arena, &now, kept);
		memcpy(kept->v, in->v, sizeof kept->v);
		kept->v[E_VERSIE].id = 0;
		for (size_t g = 0; g < now.ngoals; g++) {
			struct field_value *kv = &kept->goal[g * G_COUNT];
			kv[G_BEREIKT].text = kv[G_STATUS].text = kv[G_VERSIE].text = "";
			for (size_t o = 0; o < c.ngoals; o++)
				if (c.goals[o].id == now.goals[g].id) {
					memcpy(kv, &in->goal[o * G_COUNT], G_COUNT * sizeof *kv);
					kv[G_VERSIE].id = 0;
				}
			if (!kv[G_STATUS].text[0])
				kv[G_STATUS].text = now.goals[g].status;
		}
		for (size_t p = 0; p < now.npeople; p++)
			for (size_t o = 0; o < c.npeople; o++)
				if (c.people[o].id == now.people[p].id)
					memcpy(&kept->score[p * NDOMAINS], &in->score[o * NDOMAINS], NDOMAINS * sizeof(int));
		pg_input_carry(c.people, c.npeople, &in->pg, now.people, now.npeople, &kept->pg);
		return render_new(r, d, &now, kept, 409, MSG_CONFLICT);
	}
	if (s != DB_OK)
		return -1;
	return reply_redirect(r, arena_printf(r->arena, "/evaluaties/%lld", (long long)id));
}

/* ---- one evaluation --------------------------------------------------------- */


/* Loads evaluation id and checks access to its household; replies and
 * returns -1 when unknown or refused. */
static int load_evaluatie(struct req *r, db *d, int64_t id, const char *audit_action, struct evaluatie *e,
                          struct hh_access_info *acc)
{
	enum db_status s = db_evaluatie_get(d, r->arena, id, e);
	if (s == DB_NOT_FOUND) {
		reply_error(r, ERR_NOT_FOUND, "Deze evaluatie bestaat niet.");
		return -1;
	}
	if (s != DB_OK) {
		reply_error(r, ERR_INTERNAL, NULL);
		return -1;
	}
	return require_household(r, e->huishouden_id, audit_action, "evaluatie", id, acc);
}

int h_evaluatie_show(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct evaluatie e;
	struct hh_access_info acc;
	if (load_evaluatie(r, d, req_param_id(r, 0), "evaluatie.view", &e, &acc) != 0)
		return 0;
	struct ev_goal_result *res;
	struct ev_goal *goals;
	struct zrm_score *z;
	size_t ngoals, nz;
	json_t *data = json_object();
	if (db_evaluatie_goals(d, r->arena, e.id, &res, &goals, &ngoals) != DB_OK ||
	    db_evaluatie_scores(d, r->arena, e.id, &z, &nz) != DB_OK ||
	    care_household(r, d, e.huishouden_id, data) != DB_OK ||
	    zrm_progress_fill(r, d, e.huishouden_id, data) != DB_OK ||
	    pg_chart_fill(r, d, e.huishouden_id, data) != DB_OK || pg_gesprek_fill(r, d, 0, e.id, data) != DB_OK) {
		json_decref(data);
		return -1;
	}
	json_t *gl = json_array();
	for (size_t i = 0; i < ngoals; i++) {
		json_t *o = json_pack("{s:s, s:s, s:s, s:s}", "wish", goals[i].wish, "domain_label",
		                      vocab_label(&vocab_zrm_domain, goals[i].domain), "reached", res[i].reached,
		                      "status_label", vocab_label(&evaluatie_goal_status, res[i].status));
		if (goals[i].person)
			json_object_set_new(o, "person", json_string(goals[i].person));
		json_array_append_new(gl, o);
	}
	json_t *ej = json_pack("{s:I, s:I, s:s, s:s, s:s, s:o, s:b, s:o, s:b}", "id", (json_int_t)e.id, "plan_id",
	                       (json_int_t)e.plan_id, "planned_nl", e.planned_nl, "held_nl", e.held_nl, "created_by",
	                       e.created_by, "goals", gl, "has_goals", ngoals > 0, "scores", care_scores_json(z, nz),
	                       "has_scores", nz > 0);
	if (e.summary)
		json_object_set_new(ej, "summary", json_string(e.summary));
	if (e.next_nl)
		json_object_set_new(ej, "next_nl", json_string(e.next_nl));
	json_object_set_new(data, "evaluatie", ej);
	return reply_page(r, 200, "evaluatie", arena_printf(r->arena, "Evaluatie van %s", e.held_nl), data);
}

/* ---- API ---------------------------------------------------------------- */

/* The API's representation; with_details adds "doelen", "scores" and
 * "positieve_gezondheid".
 * NULL on a database error. */
static json_t *ev_api_json(struct req *r, db *d, const struct evaluatie *e, bool with_details)
{
	char created[21];
	fmt_iso8601(e->created_at, created);
	json_t *o = json_pack("{s:I, s:I, s:I, s:s, s:s, s:s, s:s}", "id", (json_int_t)e->id, "plan_id",
	                      (json_int_t)e->plan_id, "huishouden_id", (json_int_t)e->huishouden_id, "gepland_op",
	                      e->planned_on, "gehouden_op", e->held_on, "vastgelegd_door", e->created_by,
	                      "vastgelegd_op", created);
	json_object_set_new(o, "samenvatting", e->summary ? json_string(e->summary) : json_null());
	json_object_set_new(o, "volgende_evaluatie", e->next_date ? json_string(e->next_date) : json_null());
	if (!with_details)
		return o;
	struct ev_goal_result *res;
	struct ev_goal *goals;
	struct zrm_score *z;
	size_t ngoals, nz;
	if (db_evaluatie_goals(d, r->arena, e->id, &res, &goals, &ngoals) != DB_OK ||
	    db_evaluatie_scores(d, r->arena, e->id, &z, &nz) != DB_OK) {
		json_decref(o);
		return NULL;
	}
	json_t *gl = json_array(), *sl = json_array();
	for (size_t i = 0; i < ngoals; i++)
		json_array_append_new(gl, json_pack("{s:I, s:s, s:s, s:s, s:s}", "doel_id", (json_int_t)res[i].doel_id,
		                                    "leefgebied", goals[i].domain, "wens", goals[i].wish, "bereikt",
		                                    res[i].reached, "status", res[i].status));
	for (size_t i = 0; i < nz; i++)
		json_array_append_new(sl, json_pack("{s:I, s:s, s:s, s:i, s:s}", "persoon_id", (json_int_t)z[i].persoon_id,
		                                    "persoon", z[i].person, "leefgebied", z[i].domain, "score", z[i].score,
		                                    "datum", z[i].scored_on));
	json_object_set_new(o, "doelen", gl);
	json_object_set_new(o, "scores", sl);
	struct pg_meting *pg;
	size_t npg;
	if (db_gezondheid_gesprek(d, r->arena, 0, e->id, &pg, &npg) != DB_OK) {
		json_decref(o);
		return NULL;
	}
	json_object_set_new(o, "positieve_gezondheid", pg_api_json(pg, npg));
	return o;
}

int h_api_evaluatie_list(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct ev_ctx c;
	struct hh_access_info acc;
	int64_t plan_id = req_param_id(r, 0);
	if (load_plan(r, d, plan_id, "evaluatie.list", &c, &acc) != 0)
		return 0;
	struct evaluatie *list;
	size_t n;
	if (db_evaluatie_list(d, r->arena, plan_id, &list, &n) != DB_OK)
		return -1;
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, ev_api_json(r, d, &list[i], false));
	return reply_json(r, 200, json_pack("{s:I, s:s, s:s?, s:I, s:o}", "plan_id", (json_int_t)plan_id,
	                                    "plan_status", c.plan.status, "volgende_evaluatie",
	                                    c.plan.next_evaluation, "versie", (json_int_t)c.plan.version,
	                                    "evaluaties", arr));
}

/* The plan's versions as they are now, for a 409. */
static json_t *plan_versions_json(const struct ev_ctx *c)
{
	json_t *goals = json_array();
	for (size_t g = 0; g < c->ngoals; g++)
		json_array_append_new(goals, json_pack("{s:I, s:s, s:I}", "doel_id", (json_int_t)c->goals[g].id, "status",
		                                       c->goals[g].status, "versie", (json_int_t)c->goals[g].version));
	return json_pack("{s:I, s:s, s:I, s:o}", "plan_id", (json_int_t)c->plan.id, "plan_status", c->plan.status,
	                 "versie", (json_int_t)c->plan.version, "doelen", goals);
}

int h_api_evaluatie_create(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct ev_ctx c;
	struct hh_access_info acc;
	int64_t plan_id = req_param_id(r, 0);
	if (load_plan(r, d, plan_id, NULL, &c, &acc) != 0)
		return 0;
	if (!evaluatie_plan_evaluable(&c.plan))
		return reply_error(r, ERR_CONFLICT, EVALUATIE_NOT_EVALUABLE);
	struct ev_input *in = arena_alloc(r->arena, sizeof *in);
	evaluatie_read_json(r, &c, in);
	if (in->errors) {
		json_t *fields = form_errors_json(evaluatie_rules, E_COUNT, in->v);
		if (in->goals_error)
			json_object_set_new(fields, "doelen", json_string(in->goals_error));
		if (in->scores_error)
			json_object_set_new(fields, "scores", json_string(in->scores_error));
		if (in->pg.json_error)
			json_object_set_new(fields, "positieve_gezondheid", json_string(in->pg.json_error));
		return reply_json_validation(r, fields);
	}
	struct evaluatie_new n;
	evaluatie_build_new(r->arena, &c, in, &n);
	int64_t id = 0;
	enum db_status s = evaluatie_store_new(r, d, &n, c.plan.huishouden_id, &acc, &id);
	if (s == DB_NOT_FOUND) {
		struct ev_ctx now;
		if (evaluatie_load_ctx(r, d, plan_id, &now) != DB_OK)
			return -1;
		return care_reply_conflict(r, "Het plan of een van de doelen is intussen gewijzigd of geëvalueerd. "
		                              "Er is niets opgeslagen; stuur de evaluatie opnieuw met de huidige versies.",
		                           plan_versions_json(&now));
	}
	struct evaluatie e;
	if (s != DB_OK || db_evaluatie_get(d, r->arena, id, &e) != DB_OK)
		return -1;
	json_t *o = ev_api_json(r, d, &e, true);
	if (!o || reply_json(r, 201, o) != 0)
		return -1;
	reply_header(r, "Location", arena_printf(r->arena, "/api/v1/evaluaties/%lld", (long long)id));
	return 0;
}

int h_api_evaluatie_get(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct evaluatie e;
	struct hh_access_info acc;
	if (load_evaluatie(r, d, req_param_id(r, 0), "evaluatie.view", &e, &acc) != 0)
		return 0;
	json_t *o = ev_api_json(r, d, &e, true);
	return o ? reply_json(r, 200, o) : -1;
}

int h_api_zrm_voortgang(struct req *r)
{
	int64_t hh = req_param_id(r, 0);
	struct hh_access_info acc;
	if (require_household(r, hh, "zrm.voortgang", "huishouden", hh, &acc) != 0)
		return 0;
	db *d = db_get();
	struct zrm_point *z;
	size_t n;
	if (!d || db_zrm_history(d, r->arena, hh, &z, &n) != DB_OK)
		return -1;
	json_t *people = json_array();
	for (size_t i = 0; i < n;) {
		size_t end = i;
		while (end < n && z[end].persoon_id == z[i].persoon_id)
			end++;
		json_t *domains = json_array();
		for (int dm = 0; dm < NDOMAINS; dm++) {
			json_t *scores = json_array();
			for (size_t k = i; k < end; k++) {
				if (strcmp(z[k].domain, vocab_zrm_domain.codes[dm]) != 0)
					continue;
				json_t *p = json_pack("{s:s, s:i}", "datum", z[k].scored_on, "score", z[k].score);
				json_object_set_new(p, "intake_id", z[k].intake_id ? json_integer(z[k].intake_id) : json_null());
				json_object_set_new(p, "evaluatie_id",
				                    z[k].evaluatie_id ? json_integer(z[k].evaluatie_id) : json_null());
				json_array_append_new(scores, p);
			}
			if (json_array_size(scores))
				json_array_append_new(domains, json_pack("{s:s, s:s, s:o}", "leefgebied", vocab_zrm_domain.codes[dm],
				                                         "label", vocab_zrm_domain.labels[dm], "scores", scores));
			else
				json_decref(scores);
		}
		json_array_append_new(people, json_pack("{s:I, s:s, s:o}", "persoon_id", (json_int_t)z[i].persoon_id,
		                                        "naam", z[i].person, "leefgebieden", domains));
		i = end;
	}
	return reply_json(r, 200, json_pack("{s:I, s:o}", "huishouden_id", (json_int_t)hh, "personen", people));
}
