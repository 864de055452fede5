/* evaluatie_shared.c - what the evaluation's form and API share
 * (include/evaluatie_shared.h): the goal statuses, the field tables, what
 * an evaluation of one plan refers to, reading and checking the input from
 * a form or JSON, and storing it.  Used by src/handlers/evaluatie.c. */
#include <string.h>

#include "audit.h"
#include "db_gezondheid.h"
#include "domain.h"
#include "evaluatie_shared.h"

/* Goal statuses (doel.status), in the order a conversation runs. */
static const char *const goal_status_codes[] = {"open", "bezig", "bereikt", "deels_bereikt", "niet_bereikt",
                                                "vervallen", NULL};
static const char *const goal_status_labels[] = {"Open", "Bezig", "Bereikt", "Deels bereikt", "Niet bereikt",
                                                 "Vervallen", NULL};
const struct vocab evaluatie_goal_status = {goal_status_codes, goal_status_labels};

/* ---- input -------------------------------------------------------------- */

const struct field_rule evaluatie_rules[E_COUNT] = {
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
const char EVALUATIE_NOT_EVALUABLE[] =
	"Dit plan kan nu niet worden geëvalueerd: alleen een vastgesteld of eerder geëvalueerd plan wordt "
	"geëvalueerd.";

static bool goal_running(const struct ev_goal *g)
{
	return strcmp(g->status, "bereikt") != 0 && strcmp(g->status, "vervallen") != 0;
}

bool evaluatie_plan_evaluable(const struct plan *p)
{
	return strcmp(p->status, "vastgesteld") == 0 || strcmp(p->status, "geevalueerd") == 0;
}

enum db_status evaluatie_load_ctx(struct req *r, db *d, int64_t plan_id, struct ev_ctx *c)
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

void evaluatie_input_alloc(arena *a, const struct ev_ctx *c, struct ev_input *in)
{
	in->goal = arena_alloc(a, (c->ngoals * G_COUNT + 1) * sizeof *in->goal);
	in->score = arena_alloc(a, (c->npeople * NDOMAINS + 1) * sizeof *in->score);
	pg_input_init(a, c->npeople, &in->pg);
}

const char *evaluatie_score_field(arena *a, int64_t persoon_id, int domain)
{
	return arena_printf(a, "zrm_%lld_%s", (long long)persoon_id, vocab_zrm_domain.codes[domain]);
}

/* The per-goal rule table with the form's names for goal id. */
void evaluatie_goal_form_rules(arena *a, int64_t id, struct field_rule out[G_COUNT])
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

void evaluatie_read_form(struct req *r, const struct ev_ctx *c, struct ev_input *in)
{
	evaluatie_input_alloc(r->arena, c, in);
	in->errors = form_validate(r->arena, r->form, evaluatie_rules, E_COUNT, in->v);
	for (size_t g = 0; g < c->ngoals; g++) {
		struct field_rule gr[G_COUNT];
		evaluatie_goal_form_rules(r->arena, c->goals[g].id, gr);
		in->errors += form_validate(r->arena, r->form, gr, G_COUNT, &in->goal[g * G_COUNT]);
	}
	for (size_t p = 0; p < c->npeople; p++)
		for (int dm = 0; dm < NDOMAINS; dm++) {
			const char *val = form_get(r->form, evaluatie_score_field(r->arena, c->people[p].id, dm));
			int idx = val && *val ? vocab_index(&vocab_zrm_score, val) : -1;
			if (val && *val && idx < 0)
				in->scores_error = MSG_BAD_SCORE;
			in->score[p * NDOMAINS + (size_t)dm] = idx + 1;
		}
	pg_read_form(r, c->people, c->npeople, &in->pg);
	in->errors += in->pg.errors;
	check_whole(c, in);
}

/* The API's input: the same rule tables, with "doelen": [{"doel_id",
 * "versie", "bereikt", "status"}] (every running goal exactly once) and
 * "scores": [{"persoon_id", "leefgebied", "score"}]. */
void evaluatie_read_json(struct req *r, const struct ev_ctx *c, struct ev_input *in)
{
	evaluatie_input_alloc(r->arena, c, in);
	in->errors = form_validate_json(r->arena, r->json, evaluatie_rules, E_COUNT, in->v);
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
	pg_read_json(r, c->people, c->npeople, &in->pg);
	in->errors += in->pg.errors;
	check_whole(c, in);
}

void evaluatie_build_new(arena *a, const struct ev_ctx *c, const struct ev_input *in, struct evaluatie_new *out)
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
	out->pg = pg_build(a, c->people, c->npeople, &in->pg, &out->npg);
}

/* Stores the evaluation with an audit row for it, the plan and each goal,
 * in one transaction.  DB_NOT_FOUND when the plan or a goal changed since
 * it was read (nothing stored). */
enum db_status evaluatie_store_new(struct req *r, db *d, const struct evaluatie_new *in, int64_t hh,
                                   const struct hh_access_info *acc, int64_t *id)
{
	if (db_begin(d) != 0)
		return DB_ERROR;
	enum db_status s = db_evaluatie_insert(d, in, r->user->id, id);
	if (s == DB_OK)
		s = db_gezondheid_insert(d, in->pg, in->npg, in->held_on, 0, *id, r->user->id);
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