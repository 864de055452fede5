/* evaluatie.c - evaluating a plan: per goal what was reached and its new
 * status, new ZRM scores per household member (stored next to the earlier
 * ones, never overwriting them), a summary and the next evaluation date;
 * the evaluation page; the JSON API; and zrm_progress_fill, the ZRM
 * progress chart from the intake through each evaluation (partial
 * zrm-voortgang: SVG drawn from coordinates computed here, with a table as
 * its text alternative). */
#include <string.h>

#include "access.h"
#include "audit.h"
#include "care.h"
#include "db_evaluatie.h"
#include "db_plan.h"
#include "db_intake.h"
#include "domain.h"
#include "form.h"
#include "handlers.h"
#include "overview.h"

enum { NDOMAINS = 13 };

/* Goal statuses (doel.status), in the order a conversation runs. */
static const char *const goal_status_codes[] = {"open", "bezig", "bereikt", "deels_bereikt", "niet_bereikt",
                                                "vervallen", NULL};
static const char *const goal_status_labels[] = {"Open", "Bezig", "Bereikt", "Deels bereikt", "Niet bereikt",
                                                 "Vervallen", NULL};
static const struct vocab vocab_goal_status = {goal_status_codes, goal_status_labels};

/* ---- input -------------------------------------------------------------- */

enum { E_GEPLAND, E_GEHOUDEN, E_SAMENVATTING, E_VOLGENDE, E_AFRONDEN, E_VERSIE, E_COUNT };

static const struct field_rule rules[E_COUNT] = {
	[E_GEPLAND] = {.name = "gepland_op", .label = "Geplande datum van de evaluatie",
	               .kind = FIELD_DATE, .required = true},
	[E_GEHOUDEN] = {.name = "gehouden_op", .label = "Datum van het evaluatiegesprek",
	                .kind = FIELD_DATE, .required = true, .date_flags = DATE_NOT_FUTURE},
	[E_SAMENVATTING] = {.name = "samenvatting", .label = "Samenvatting",
	                    .kind = FIELD_TEXT, .required = true, .max_len = 5000},
	[E_VOLGENDE] = {.name = "volgende_evaluatie", .label = "Datum van de volgende evaluatie", .kind = FIELD_DATE},
	[E_AFRONDEN] = {.name = "plan_afronden", .label = "Plan afronden", .kind = FIELD_CHECKBOX},
	[E_VERSIE] = {.name = "versie", .label = "Versie van het plan",
	              .kind = FIELD_INT, .required = true, .min = 1, .max = INT64_MAX},
};

/* Per goal: what was reached, the new status and the goal's version as
 * read.  Names are "doel_<id>_<name>" in the form, plain in the API. */
enum { G_BEREIKT, G_STATUS, G_VERSIE, G_COUNT };
static const struct field_rule goal_rules[G_COUNT] = {
	[G_BEREIKT] = {.name = "bereikt", .label = "Wat er bereikt is",
	               .kind = FIELD_TEXT, .required = true, .max_len = 2000},
	[G_STATUS] = {.name = "status", .label = "Nieuwe status van het doel",
	              .kind = FIELD_CHOICE, .required = true, .choices = goal_status_codes},
	[G_VERSIE] = {.name = "versie", .label = "Versie van het doel",
	              .kind = FIELD_INT, .required = true, .min = 1, .max = INT64_MAX},
};

static const char MSG_NEXT_REQUIRED[] =
	"Vul de datum van de volgende evaluatie in: het plan loopt door. Wordt het plan afgerond, vink dat dan aan.";
static const char MSG_NEXT_AFTER[] = "De volgende evaluatie moet na de datum van deze evaluatie liggen.";
static const char MSG_NEXT_WHEN_ENDING[] =
	"Laat de volgende evaluatie leeg als het plan na deze evaluatie wordt afgerond.";
static const char MSG_NO_SCORE[] = "Geef voor minstens één persoon op minstens één leefgebied een nieuwe score.";
static const char MSG_BAD_SCORE[] = "Kies per leefgebied een score van 1 tot en met 5, of niet gescoord.";
static const char MSG_PLAN_STATUS[] =
	"Dit plan kan nu niet worden geëvalueerd: alleen een vastgesteld of eerder geëvalueerd plan wordt "
	"geëvalueerd.";

/* What an evaluation of one plan refers to. */
struct ev_ctx {
	struct plan plan;
	struct ev_goal *goals; /* goals still running (not bereikt or vervallen) */
	size_t ngoals;
	struct intake_ref *people;
	size_t npeople;
	struct zrm_score *latest; /* newest score per person and domain */
	size_t nlatest;
};

struct ev_input {
	struct field_value v[E_COUNT];
	struct field_value *goal; /* ngoals * G_COUNT */
	int *score;               /* npeople * NDOMAINS; 0: not scored */
	const char *goals_error, *scores_error;
	int errors;
};

static bool goal_running(const struct ev_goal *g)
{
	return strcmp(g->status, "bereikt") != 0 && strcmp(g->status, "vervallen") != 0;
}

static bool plan_evaluable(const struct plan *p)
{
	return strcmp(p->status, "vastgesteld") == 0 || strcmp(p->status, "geevalueerd") == 0;
}

static enum db_status load_ctx(struct req *r, db *d, int64_t plan_id, struct ev_ctx *c)
{
	*c = (struct ev_ctx){0};
	struct ev_goal *all;
	size_t nall;
	enum db_status s = db_plan_get(d, r->arena, plan_id, &c->plan);
	if (s == DB_OK)
		s = db_ev_goals(d, r->arena, plan_id, &all, &nall);
	if (s != DB_OK)
		return s;
	c->goals = arena_alloc(r->arena, (nall + 1) * sizeof *c->goals);
	for (size_t i = 0; i < nall; i++)
		if (goal_running(&all[i]))
			c->goals[c->ngoals++] = all[i];
	s = db_intake_people(d, r->arena, c->plan.huishouden_id, &c->people, &c->npeople);
	if (s == DB_OK)
		s = db_intake_scores(d, r->arena, 0, c->plan.huishouden_id, &c->latest, &c->nlatest);
	return s;
}

static void input_alloc(arena *a, const struct ev_ctx *c, struct ev_input *in)
{
	in->goal = arena_alloc(a, (c->ngoals * G_COUNT + 1) * sizeof *in->goal);
	in->score = arena_alloc(a, (c->npeople * NDOMAINS + 1) * sizeof *in->score);
}

static const char *score_field(arena *a, int64_t persoon_id, int domain)
{
	return arena_printf(a, "zrm_%lld_%s", (long long)persoon_id, vocab_zrm_domain.codes[domain]);
}

/* The per-goal rule table with the form's names for goal id. */
static void goal_form_rules(arena *a, int64_t id, struct field_rule out[G_COUNT])
{
	for (int k = 0; k < G_COUNT; k++) {
		out[k] = goal_rules[k];
		out[k].name = arena_printf(a, "doel_%lld_%s", (long long)id, goal_rules[k].name);
	}
}

/* Checks over several fields, for the form and the API alike. */
static void check_whole(const struct ev_ctx *c, struct ev_input *in)
{
	struct field_value *v = in->v;
	bool ending = v[E_AFRONDEN].checked, has_next = v[E_VOLGENDE].text[0] != '\0';
	if (!v[E_VOLGENDE].error) {
		if (ending && has_next)
			v[E_VOLGENDE].error = MSG_NEXT_WHEN_ENDING;
		else if (!ending && !has_next)
			v[E_VOLGENDE].error = MSG_NEXT_REQUIRED;
		else if (has_next && !v[E_GEHOUDEN].error && strcmp(v[E_VOLGENDE].text, v[E_GEHOUDEN].text) <= 0)
			v[E_VOLGENDE].error = MSG_NEXT_AFTER;
		in->errors += v[E_VOLGENDE].error != NULL;
	}
	bool scored = false;
	for (size_t i = 0; i < c->npeople * NDOMAINS; i++)
		scored |= in->score[i] > 0;
	if (!scored && !in->scores_error)
		in->scores_error = MSG_NO_SCORE;
	in->errors += (in->scores_error != NULL) + (in->goals_error != NULL);
}

static void read_form(struct req *r, const struct ev_ctx *c, struct ev_input *in)
{
	input_alloc(r->arena, c, in);
	in->errors = form_validate(r->arena, r->form, rules, E_COUNT, in->v);
	for (size_t g = 0; g < c->ngoals; g++) {
		struct field_rule gr[G_COUNT];
		goal_form_rules(r->arena, c->goals[g].id, gr);
		in->errors += form_validate(r->arena, r->form, gr, G_COUNT, &in->goal[g * G_COUNT]);
	}
	for (size_t p = 0; p < c->npeople; p++)
		for (int dm = 0; dm < NDOMAINS; dm++) {
			const char *val = form_get(r->form, score_field(r->arena, c->people[p].id, dm));
			int idx = val && *val ? vocab_index(&vocab_zrm_score, val) : -1;
			if (val && *val && idx < 0)
				in->scores_error = MSG_BAD_SCORE;
			in->score[p * NDOMAINS + (size_t)dm] = idx + 1;
		}
	check_whole(c, in);
}

/* The API's input: the same rule tables, with "doelen": [{"doel_id",
 * "versie", "bereikt", "status"}] (every running goal exactly once) and
 * "scores": [{"persoon_id", "leefgebied", "score"}]. */
static void read_json(struct req *r, const struct ev_ctx *c, struct ev_input *in)
{
	input_alloc(r->arena, c, in);
	in->errors = form_validate_json(r->arena, r->json, rules, E_COUNT, in->v);
	bool *seen = arena_alloc(r->arena, c->ngoals + 1);
	json_t *goals = json_object_get(r->json, "doelen");
	size_t k;
	json_t *item;
	if (goals && !json_is_array(goals))
		in->goals_error = "Verwacht een lijst.";
	json_array_foreach(goals, k, item) {
		json_t *idj = json_object_get(item, "doel_id");
		int64_t id = json_is_integer(idj) ? json_integer_value(idj) : 0;
		size_t g = 0;
		while (g < c->ngoals && c->goals[g].id != id)
			g++;
		if (g == c->ngoals) {
			in->goals_error = arena_printf(r->arena, "Doel %zu: dit is geen lopend doel van dit plan.", k + 1);
			continue;
		}
		if (seen[g]) {
			in->goals_error = arena_printf(r->arena, "Doel %zu: dit doel staat er twee keer in.", k + 1);
			continue;
		}
		seen[g] = true;
		struct field_value *gv = &in->goal[g * G_COUNT];
		if (form_validate_json(r->arena, item, goal_rules, G_COUNT, gv) > 0) {
			for (int f = 0; f < G_COUNT; f++)
				if (gv[f].error) {
					in->goals_error = arena_printf(r->arena, "Doel %zu, %s: %s", k + 1, goal_rules[f].name,
					                               gv[f].error);
					break;
				}
		}
	}
	for (size_t g = 0; g < c->ngoals && !in->goals_error; g++)
		if (!seen[g])
			in->goals_error = arena_printf(r->arena, "Evalueer elk lopend doel; doel %lld ontbreekt.",
			                               (long long)c->goals[g].id);
	json_t *scores = json_object_get(r->json, "scores");
	if (scores && !json_is_array(scores))
		in->scores_error = "Verwacht een lijst.";
	json_array_foreach(scores, k, item) {
		json_t *pj = json_object_get(item, "persoon_id"), *sj = json_object_get(item, "score");
		int64_t pid = json_is_integer(pj) ? json_integer_value(pj) : 0;
		size_t p = 0;
		while (p < c->npeople && c->people[p].id != pid)
			p++;
		int dm = vocab_index(&vocab_zrm_domain, json_string_value(json_object_get(item, "leefgebied")));
		json_int_t score = json_is_integer(sj) ? json_integer_value(sj) : 0;
		if (p == c->npeople)
			in->scores_error = arena_printf(r->arena, "Score %zu: deze persoon hoort niet bij het huishouden.", k + 1);
		else if (dm < 0)
			in->scores_error = arena_printf(r->arena, "Score %zu: onbekend leefgebied.", k + 1);
		else if (score < 1 || score > 5)
			in->scores_error = arena_printf(r->arena, "Score %zu: geef een score van 1 tot en met 5.", k + 1);
		else if (in->score[p * NDOMAINS + (size_t)dm])
			in->scores_error = arena_printf(r->arena, "Score %zu: dit leefgebied is voor deze persoon al gescoord.", k + 1);
		else
			in->score[p * NDOMAINS + (size_t)dm] = (int)score;
	}
	check_whole(c, in);
}

static void build_new(arena *a, const struct ev_ctx *c, const struct ev_input *in, struct evaluatie_new *out)
{
	*out = (struct evaluatie_new){
		.plan_id = c->plan.id, .plan_version = in->v[E_VERSIE].id, .planned_on = in->v[E_GEPLAND].text,
		.held_on = in->v[E_GEHOUDEN].text, .summary = in->v[E_SAMENVATTING].text,
		.next_date = in->v[E_AFRONDEN].checked ? NULL : in->v[E_VOLGENDE].text,
	};
	struct ev_goal_result *goals = arena_alloc(a, (c->ngoals + 1) * sizeof *goals);
	for (size_t g = 0; g < c->ngoals; g++) {
		const struct field_value *gv = &in->goal[g * G_COUNT];
		goals[g] = (struct ev_goal_result){.doel_id = c->goals[g].id, .version = gv[G_VERSIE].id,
		                                   .reached = gv[G_BEREIKT].text, .status = gv[G_STATUS].text};
	}
	out->goals = goals;
	out->ngoals = c->ngoals;
	struct zrm_score *scores = arena_alloc(a, (c->npeople * NDOMAINS + 1) * sizeof *scores);
	for (size_t p = 0; p < c->npeople; p++)
		for (int dm = 0; dm < NDOMAINS; dm++) {
			int s = in->score[p * NDOMAINS + (size_t)dm];
			if (s > 0)
				scores[out->nscores++] = (struct zrm_score){.persoon_id = c->people[p].id,
				                                            .domain = vocab_zrm_domain.codes[dm], .score = s};
		}
	out->scores = scores;
}

/* Stores the evaluation with an audit row for it, the plan and each goal,
 * in one transaction.  DB_NOT_FOUND when the plan or a goal changed since
 * it was read (nothing stored). */
static enum db_status store_new(struct req *r, db *d, const struct evaluatie_new *in, int64_t hh,
                                const struct hh_access_info *acc, int64_t *id)
{
	if (db_begin(d) != 0)
		return DB_ERROR;
	enum db_status s = db_evaluatie_insert(d, in, r->user->id, id);
	struct audit_entry e = {.medewerker_id = r->user->id, .action = "evaluatie.create",
	                        .object_type = "evaluatie", .object_id = *id, .huishouden_id = hh,
	                        .reason = acc->exception_reason, .client_addr = r->client_addr};
	if (s == DB_OK)
		s = audit_append(d, &e);
	if (s == DB_OK) {
		e.action = "plan.evalueren";
		e.object_type = "plan";
		e.object_id = in->plan_id;
		s = audit_append(d, &e);
	}
	for (size_t i = 0; i < in->ngoals && s == DB_OK; i++) {
		e.action = "doel.status";
		e.object_type = "doel";
		e.object_id = in->goals[i].doel_id;
		s = audit_append(d, &e);
	}
	if (s != DB_OK || db_commit(d) != 0) {
		db_rollback(d);
		return s == DB_OK ? DB_ERROR : s;
	}
	return DB_OK;
}

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
		form_validate(r->arena, NULL, rules, E_COUNT, empty);
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
	form_to_page(data, rules, E_COUNT, v);

	json_t *goals = json_array();
	for (size_t g = 0; g < c->ngoals; g++) {
		const struct ev_goal *goal = &c->goals[g];
		struct field_rule gr[G_COUNT];
		goal_form_rules(r->arena, goal->id, gr);
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
		json_object_set_new(st, "options", care_options(&vocab_goal_status, gv[G_STATUS].text));
		json_t *gj = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:O, s:O}", "id", (json_int_t)goal->id, "wish",
		                       goal->wish, "domain_label", vocab_label(&vocab_zrm_domain, goal->domain),
		                       "target_nl", goal->target_nl, "status_label",
		                       vocab_label(&vocab_goal_status, goal->status), "prefix",
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
			json_t *o = json_pack("{s:s, s:s, s:b, s:o}", "field", score_field(r->arena, c->people[p].id, dm),
			                      "label", vocab_zrm_domain.labels[dm], "none", s == 0, "options",
			                      care_options(&vocab_zrm_score, s > 0 ? vocab_zrm_score.codes[s - 1] : NULL));
			json_object_set_new(o, "previous", json_string(prev ? prev : "Nog niet gescoord"));
			json_array_append_new(domains, o);
		}
		json_array_append_new(zrm, json_pack("{s:I, s:s, s:o}", "id", (json_int_t)c->people[p].id, "name",
		                                     c->people[p].name, "domains", domains));
	}
	json_object_set_new(data, "zrm", zrm);
	json_object_set_new(data, "plan_id", json_integer(c->plan.id));
	if (in && in->scores_error) {
		json_object_set_new(data, "scores_error", json_string(in->scores_error));
		form_add_error(data, "zrm", "Nieuwe scores per leefgebied (ZRM)", in->scores_error);
	}
	if (alert)
		json_object_set_new(data, "alert", json_string(alert));
	return reply_page(r, status, "evaluatie-nieuw", "Evaluatie van het plan", data);
}

/* Loads plan id into c and checks access to its household; replies and
 * returns -1 when unknown or refused. */
static int load_plan(struct req *r, db *d, int64_t id, const char *audit_action, struct ev_ctx *c,
                     struct hh_access_info *acc)
{
	enum db_status s = load_ctx(r, d, id, c);
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
	if (!plan_evaluable(&c.plan))
		return reply_error(r, ERR_CONFLICT, MSG_PLAN_STATUS);
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
	if (!plan_evaluable(&c.plan))
		return reply_error(r, ERR_CONFLICT, MSG_PLAN_STATUS);
	struct ev_input *in = arena_alloc(r->arena, sizeof *in);
	read_form(r, &c, in);
	if (in->v[E_VERSIE].error)
		return reply_error(r, ERR_BAD_REQUEST, "Het formulier mist de versie. Laad de pagina opnieuw.");
	if (in->errors)
		return render_new(r, d, &c, in, 422, NULL);
	struct evaluatie_new n;
	build_new(r->arena, &c, in, &n);
	int64_t id = 0;
	enum db_status s = store_new(r, d, &n, c.plan.huishouden_id, &acc, &id);
	if (s == DB_NOT_FOUND) {
		/* Show the plan as it is now, with the user's input kept where
		 * the goals still match, and the versions read now. */
		struct ev_ctx now;
		if (load_ctx(r, d, plan_id, &now) != DB_OK)
			return -1;
		if (!plan_evaluable(&now.plan))
			return reply_error(r, ERR_CONFLICT, MSG_PLAN_STATUS);
		struct ev_input *kept = arena_alloc(r->arena, sizeof *kept);
		input_alloc(r->arena, &now, kept);
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
	    zrm_progress_fill(r, d, e.huishouden_id, data) != DB_OK) {
		json_decref(data);
		return -1;
	}
	json_t *gl = json_array();
	for (size_t i = 0; i < ngoals; i++) {
		json_t *o = json_pack("{s:s, s:s, s:s, s:s}", "wish", goals[i].wish, "domain_label",
		                      vocab_label(&vocab_zrm_domain, goals[i].domain), "reached", res[i].reached,
		                      "status_label", vocab_label(&vocab_goal_status, res[i].status));
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

/* ---- the ZRM progress chart ----------------------------------------------------- */

/* Geometry: a column of domain labels, then one column per date; one band
 * per scored domain with score 5 at the top and 1 at the bottom. */
enum { CH_LABEL_W = 240, CH_COL_W = 100, CH_TOP = 40, CH_ROW_H = 52, CH_PAD = 8, CH_RIGHT = 24,
       CH_BOTTOM = 8, CH_STEP = (CH_ROW_H - 2 * CH_PAD) / 4, CH_DOT_R = 4 };

static long col_x(size_t c)
{
	return CH_LABEL_W + (long)c * CH_COL_W + CH_COL_W / 2;
}

static long score_y(size_t row, int score)
{
	return CH_TOP + (long)row * CH_ROW_H + CH_PAD + (5 - score) * CH_STEP;
}

/* One person's scores on a grid of moments x domains (0: not scored at
 * that moment).  A moment is one intake or one evaluation on its date:
 * an evaluation held on the intake's date is a column of its own after
 * the intake, so the intake stays the baseline.  Within a moment a later
 * row wins. */
struct person_grid {
	int64_t id;
	const char *name;
	const struct zrm_point **date_of; /* first point of each moment */
	bool *from_eval;                  /* the moment is an evaluation */
	size_t ndates;
	int *score;                       /* ndates * NDOMAINS */
};

static bool same_moment(const struct zrm_point *x, const struct zrm_point *y)
{
	return strcmp(x->scored_on, y->scored_on) == 0 && x->intake_id == y->intake_id &&
	       x->evaluatie_id == y->evaluatie_id;
}

static void build_grid(arena *a, const struct zrm_point *z, size_t n, struct person_grid *g)
{
	g->id = z[0].persoon_id;
	g->name = z[0].person;
	g->date_of = arena_alloc(a, (n + 1) * sizeof *g->date_of);
	g->from_eval = arena_alloc(a, n + 1);
	/* z is by date, then moment (db_zrm_history): distinct moments in order. */
	for (size_t i = 0; i < n; i++)
		if (g->ndates == 0 || !same_moment(g->date_of[g->ndates - 1], &z[i])) {
			g->from_eval[g->ndates] = z[i].evaluatie_id != 0;
			g->date_of[g->ndates++] = &z[i];
		}
	g->score = arena_alloc(a, (g->ndates * NDOMAINS + 1) * sizeof *g->score);
	size_t col = 0;
	for (size_t i = 0; i < n; i++) {
		while (!same_moment(g->date_of[col], &z[i]))
			col++;
		int dm = vocab_index(&vocab_zrm_domain, z[i].domain);
		if (dm >= 0 && z[i].score >= 1 && z[i].score <= 5)
			g->score[col * NDOMAINS + (size_t)dm] = z[i].score;
	}
}

/* The chart and table data of one person (see zrm-voortgang.mustache). */
static json_t *person_chart_json(arena *a, const struct person_grid *g)
{
	json_t *dates = json_array();
	for (size_t c = 0; c < g->ndates; c++)
		json_array_append_new(dates, json_pack("{s:I, s:s, s:s}", "x", (json_int_t)col_x(c), "label",
		                                       g->date_of[c]->scored_nl, "kind",
		                                       g->from_eval[c] ? "evaluatie" : "intake"));
	json_t *rows = json_array();
	size_t row = 0;
	for (int dm = 0; dm < NDOMAINS; dm++) {
		bool any = false;
		for (size_t c = 0; c < g->ndates; c++)
			any |= g->score[c * NDOMAINS + (size_t)dm] > 0;
		if (!any)
			continue;
		strbuf pts = {0};
		json_t *dots = json_array(), *cells = json_array();
		long prev_y = -1;
		for (size_t c = 0; c < g->ndates; c++) {
			int s = g->score[c * NDOMAINS + (size_t)dm];
			json_array_append_new(cells, json_pack("{s:b, s:s}", "scored", s > 0, "text",
			                                       s > 0 ? vocab_zrm_score.labels[s - 1] : "Niet gescoord"));
			if (!s)
				continue;
			long x = col_x(c), y = score_y(row, s);
			/* A step: the score holds until the next scoring. */
			if (prev_y >= 0)
				sb_printf(&pts, " %ld,%ld", x, prev_y);
			sb_printf(&pts, "%s%ld,%ld", pts.len ? " " : "", x, y);
			prev_y = y;
			json_array_append_new(dots, json_pack("{s:I, s:I, s:i, s:i, s:I, s:I}", "x", (json_int_t)x, "y",
			                                      (json_int_t)y, "r", CH_DOT_R, "score", s, "text_x",
			                                      (json_int_t)(x + 7), "text_y", (json_int_t)(y - 4)));
		}
		long top = CH_TOP + (long)row * CH_ROW_H;
		json_array_append_new(rows, json_pack(
			"{s:s, s:I, s:i, s:i, s:I, s:I, s:I, s:I, s:I, s:s, s:b, s:o, s:o, s:b}",
			"label", vocab_zrm_domain.labels[dm], "band_y", (json_int_t)top, "band_h", CH_ROW_H, "band_w",
			(int)(g->ndates * CH_COL_W), "label_y", (json_int_t)(top + CH_ROW_H / 2 + 4), "y5",
			(json_int_t)score_y(row, 5), "y1", (json_int_t)score_y(row, 1), "tick5_y",
			(json_int_t)(score_y(row, 5) + 4), "tick1_y", (json_int_t)(score_y(row, 1) + 4), "points",
			arena_strdup(a, sb_str(&pts)), "has_line", strchr(sb_str(&pts), ' ') != NULL, "dots", dots,
			"cells", cells, "odd", row % 2 == 1));
		sb_free(&pts);
		row++;
	}
	long width = CH_LABEL_W + (long)g->ndates * CH_COL_W + CH_RIGHT;
	long height = CH_TOP + (long)row * CH_ROW_H + CH_BOTTOM;
	const char *span = g->ndates == 1
		? arena_printf(a, "op %s", g->date_of[0]->scored_nl)
		: arena_printf(a, "op %zu momenten van %s tot en met %s", g->ndates, g->date_of[0]->scored_nl,
		               g->date_of[g->ndates - 1]->scored_nl);
	const char *desc = arena_printf(a, "Scores van 1 (acute problematiek) tot en met 5 (volledig zelfredzaam) "
	                                   "op %zu leefgebied%s, %s. De tabel bij de grafiek geeft dezelfde scores.",
	                                row, row == 1 ? "" : "en", span);
	return json_pack("{s:I, s:s, s:s, s:I, s:I, s:I, s:I, s:s, s:o, s:o}", "id", (json_int_t)g->id, "name", g->name,
	                 "chart_id", arena_printf(a, "zrm-voortgang-%lld", (long long)g->id), "width",
	                 (json_int_t)width, "height", (json_int_t)height, "label_x", (json_int_t)8, "tick_x",
	                 (json_int_t)(CH_LABEL_W - 8), "desc", desc, "dates", dates, "rows", rows);
}

enum db_status zrm_progress_fill(struct req *r, db *d, int64_t hh, json_t *data)
{
	struct zrm_point *z;
	size_t n;
	enum db_status s = db_zrm_history(d, r->arena, hh, &z, &n);
	if (s != DB_OK)
		return s;
	json_t *people = json_array();
	for (size_t i = 0; i < n;) {
		size_t end = i;
		while (end < n && z[end].persoon_id == z[i].persoon_id)
			end++;
		struct person_grid g = {0};
		build_grid(r->arena, &z[i], end - i, &g);
		json_array_append_new(people, person_chart_json(r->arena, &g));
		i = end;
	}
	json_object_set_new(data, "voortgang", json_pack("{s:b, s:o}", "has_data", n > 0, "people", people));
	return DB_OK;
}

/* ---- API ---------------------------------------------------------------- */

/* The API's representation; with_details adds "doelen" and "scores".
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
	if (!plan_evaluable(&c.plan))
		return reply_error(r, ERR_CONFLICT, MSG_PLAN_STATUS);
	struct ev_input *in = arena_alloc(r->arena, sizeof *in);
	read_json(r, &c, in);
	if (in->errors) {
		json_t *fields = form_errors_json(rules, E_COUNT, in->v);
		if (in->goals_error)
			json_object_set_new(fields, "doelen", json_string(in->goals_error));
		if (in->scores_error)
			json_object_set_new(fields, "scores", json_string(in->scores_error));
		return reply_json_validation(r, fields);
	}
	struct evaluatie_new n;
	build_new(r->arena, &c, in, &n);
	int64_t id = 0;
	enum db_status s = store_new(r, d, &n, c.plan.huishouden_id, &acc, &id);
	if (s == DB_NOT_FOUND) {
		struct ev_ctx now;
		if (load_ctx(r, d, plan_id, &now) != DB_OK)
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
