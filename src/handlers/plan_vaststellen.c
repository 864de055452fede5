/* plan_vaststellen.c - vaststellen: the resident's agreement to the plan.
 *
 * The date and how the resident agreed, the next evaluation date (by
 * default before the earliest goal target or beschikking end date), and
 * who in the household agreed: one or more members (checkboxes) or a
 * representative (a name line); at least one (issue 12 item 7).  A goal
 * still running without a rolgesprek or without an agreement does not stop
 * the plan, but the form then lists which goals lack what and asks an
 * explicit "Ik stel het plan toch vast" (the API: "toch_vaststellen":
 * true).  Who agreed is stored per plan version (plan_instemming), shown
 * on the plan page, carried in the plan's JSON and audited with the
 * vaststellen itself. */
#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "care.h"
#include "db_plan_instemming.h"
#include "form.h"
#include "handlers.h"
#include "plan_shared.h"

enum { EVALUATION_DAYS_BEFORE = 14 };
/* FIELD_CHOICES is a bit set: the members offered, oldest first. */
enum { MAX_MEMBERS = 32 };

enum { V_AKKOORD_OP, V_AKKOORD_HOE, V_EVALUATIE, V_PERSONEN, V_VERTEGENWOORDIGER, V_TOCH, V_VERSIE, V_COUNT };
static const struct field_rule settle_rules[V_COUNT] = {
	[V_AKKOORD_OP] = {.name = "akkoord_op", .label = "Datum van het akkoord", .kind = FIELD_DATE, .required = true, .date_flags = DATE_NOT_FUTURE},
	[V_AKKOORD_HOE] = {.name = "akkoord_hoe", .label = "Hoe de inwoner akkoord gaf", .kind = FIELD_CHOICE, .required = true, .choices = plan_how_codes},
	[V_EVALUATIE] = {.name = "volgende_evaluatie", .label = "Volgende evaluatie", .kind = FIELD_DATE, .date_flags = DATE_NOT_PAST},
	/* choices: the household's member ids, set per request (struct settle) */
	[V_PERSONEN] = {.name = "akkoord_personen", .label = "Wie gaf akkoord", .kind = FIELD_CHOICES},
	[V_VERTEGENWOORDIGER] = {.name = "akkoord_vertegenwoordiger", .label = "Vertegenwoordiger die akkoord gaf", .kind = FIELD_LINE, .max_len = 200},
	[V_TOCH] = {.name = "toch_vaststellen", .label = "Toch vaststellen", .kind = FIELD_CHECKBOX},
	[V_VERSIE] = {.name = "versie", .label = "Versie", .kind = FIELD_INT, .required = true, .min = 1, .max = INT64_MAX},
};

static const char MSG_WHO[] = "Leg vast wie er akkoord ging: kies een of meer leden van het huishouden, of vul de "
                              "vertegenwoordiger in.";
static const char MSG_CONFIRM_GAPS[] = "Niet elk doel heeft een rolgesprek en een afspraak. Vul eerst aan wat ontbreekt, "
                                  "of vink aan dat u het plan toch vaststelt.";

/* What one vaststellen is checked against: the rules with this household's
 * members, the plan as JSON and the goals that lack something. */
struct settle {
	struct field_rule rules[V_COUNT];
	struct plan_member *members;
	size_t nmembers;
	const char **codes; /* member ids as text, NULL-ended */
	json_t *pj;         /* plan JSON (owned) */
	json_t *gaps;       /* [{"doel_id", "text"}] (owned) */
};

/* "geen rolgesprek en geen afspraak" or NULL when goal g lacks nothing.
 * Only goals still running count: a goal bereikt or vervallen needs none. */
static const char *goal_gap(const json_t *g)
{
	const char *status = jstr(g, "status") ? jstr(g, "status") : "";
	if (strcmp(status, "bereikt") == 0 || strcmp(status, "vervallen") == 0)
		return NULL;
	bool no_talk = json_array_size(json_object_get(g, "rolgesprek")) == 0;
	bool no_deal = json_array_size(json_object_get(g, "afspraken")) == 0;
	return no_talk && no_deal ? "geen rolgesprek en geen afspraak"
	       : no_talk          ? "geen rolgesprek"
	       : no_deal          ? "geen afspraak"
	                          : NULL;
}

/* Fills *s for plan p; DB_OK or a database error.  settle_free releases it. */
static enum db_status settle_load(struct req *r, db *d, const struct plan *p, struct settle *s)
{
	memset(s, 0, sizeof *s);
	memcpy(s->rules, settle_rules, sizeof s->rules);
	enum db_status st = db_plan_members(d, r->arena, p->huishouden_id, &s->members, &s->nmembers);
	if (st != DB_OK)
		return st;
	if (s->nmembers > MAX_MEMBERS)
		s->nmembers = MAX_MEMBERS;
	s->codes = arena_alloc(r->arena, (s->nmembers + 1) * sizeof *s->codes);
	for (size_t i = 0; i < s->nmembers; i++)
		s->codes[i] = arena_printf(r->arena, "%lld", (long long)s->members[i].id);
	s->rules[V_PERSONEN].choices = s->codes;
	if (!(s->pj = plan_json(r, d, p, false)))
		return DB_ERROR;
	s->gaps = json_array();
	size_t i;
	json_t *g;
	json_array_foreach(json_object_get(s->pj, "doelen"), i, g) {
		const char *gap = goal_gap(g);
		if (gap)
			json_array_append_new(s->gaps, json_pack("{s:I, s:s}", "doel_id", jint(g, "id"), "text",
			        arena_printf(r->arena, "%s: %s – %s",
			                     vocab_label(&vocab_zrm_domain, jstr(g, "leefgebied")), jstr(g, "wens"), gap)));
	}
	return DB_OK;
}

static void settle_free(struct settle *s)
{
	json_decref(s->pj);
	json_decref(s->gaps);
}

/* ---- the form ------------------------------------------------------------------ */

/* The form: v the values (NULL: fresh, with today and the default date);
 * show_gaps lists the goals that lack something with the confirmation. */
static int render_settle(struct req *r, db *d, const struct plan *p, const struct settle *s,
                         const char *default_eval, struct field_value *v, unsigned status, const char *alert)
{
	struct field_value own[V_COUNT];
	if (!v) {
		form_validate(r->arena, NULL, s->rules, V_COUNT, own);
		for (int i = 0; i < V_COUNT; i++)
			own[i].error = NULL;
		char today[11];
		date_today(today);
		own[V_AKKOORD_OP].text = arena_strdup(r->arena, today);
		own[V_EVALUATIE].text = default_eval;
		own[V_VERSIE].text = arena_printf(r->arena, "%lld", (long long)p->version);
		v = own;
	}
	json_t *data = json_object();
	if (care_household(r, d, p->huishouden_id, data) != DB_OK) {
		json_decref(data);
		return -1;
	}
	plan_page_fill(r, data, s->pj, true);
	form_to_page(data, s->rules, V_COUNT, v);
	json_object_set_new(json_object_get(json_object_get(data, "field"), "akkoord_hoe"), "options",
	                    care_options(&vocab_plan_how, v[V_AKKOORD_HOE].text));
	json_t *members = json_array();
	for (size_t i = 0; i < s->nmembers; i++)
		json_array_append_new(members, json_pack("{s:s, s:s, s:b}", "value", s->codes[i], "naam",
		                                         s->members[i].name, "checked", (v[V_PERSONEN].bits >> i) & 1u));
	json_object_set_new(data, "members", members);
	json_object_set_new(data, "has_members", json_boolean(s->nmembers > 0));
	json_object_set_new(data, "gaps", json_incref(s->gaps));
	json_object_set_new(data, "has_gaps", json_boolean(json_array_size(s->gaps) > 0));
	json_object_set_new(data, "default_eval_nl", plan_date_nl_json(default_eval));
	json_object_set_new(data, "has_default_eval", json_boolean(default_eval[0] != '\0'));
	if (alert)
		json_object_set_new(data, "alert", json_string(alert));
	return reply_page(r, status, "plan-vaststellen", "Plan vaststellen", data);
}

int h_plan_settle_form(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct plan p;
	struct hh_access_info acc;
	if (plan_load(r, d, req_param_id(r, 0), "plan.vaststellen.form", &p, &acc) != 0 ||
	    plan_require_concept(r, &p) != 0)
		return 0;
	char def[11];
	struct settle s;
	if (db_plan_default_evaluation(d, p.id, p.huishouden_id, def) != DB_OK || settle_load(r, d, &p, &s) != DB_OK) {
		settle_free(&s);
		return -1;
	}
	int rc = render_settle(r, d, &p, &s, arena_strdup(r->arena, def), NULL, 200, NULL);
	settle_free(&s);
	return rc;
}

/* ---- checking -------------------------------------------------------------------- */

/* The API's body with "akkoord_personen" as text ids, as FIELD_CHOICES
 * reads them (the API sends integers).  New reference. */
static json_t *api_body(const json_t *in)
{
	json_t *body = json_is_object(in) ? json_copy((json_t *)in) : json_object();
	json_t *ids = json_object_get(body, "akkoord_personen");
	if (json_is_array(ids)) {
		json_t *texts = json_array();
		size_t i;
		json_t *id;
		json_array_foreach(ids, i, id) {
			char buf[24];
			if (json_is_integer(id)) {
				snprintf(buf, sizeof buf, "%lld", (long long)json_integer_value(id));
				json_array_append_new(texts, json_string(buf));
			} else {
				json_array_append(texts, id);
			}
		}
		json_object_set_new(body, "akkoord_personen", texts);
	}
	return body;
}

/* The checks beyond the table: the evaluation date, who agreed, and the
 * confirmation when a goal lacks something.  Returns the number of errors. */
static int check_settle(struct req *r, const struct settle *s, const char *def, struct field_value *v)
{
	int errors = 0;
	if (!v[V_EVALUATIE].error && !v[V_EVALUATIE].text[0])
		v[V_EVALUATIE].text = def;
	if (!v[V_EVALUATIE].error && def[0] && strcmp(v[V_EVALUATIE].text, def) > 0) {
		char nl[11];
		fmt_date_nl(def, nl);
		v[V_EVALUATIE].error = arena_printf(r->arena, "Kies %s of eerder: de evaluatie is uiterlijk %d dagen voor "
		                                    "de eerste streefdatum of de einddatum van een maatwerkvoorziening.",
		                                    nl, EVALUATION_DAYS_BEFORE);
		errors++;
	}
	if (!v[V_PERSONEN].error && !v[V_VERTEGENWOORDIGER].error && !v[V_PERSONEN].bits &&
	    !v[V_VERTEGENWOORDIGER].text[0]) {
		v[V_PERSONEN].error = MSG_WHO;
		errors++;
	}
	if (!v[V_TOCH].error && json_array_size(s->gaps) > 0 && !v[V_TOCH].checked) {
		if (r->is_api) {
			strbuf b = {0};
			sb_printf(&b, "%s Ontbreekt:", MSG_CONFIRM_GAPS);
			size_t i;
			json_t *g;
			json_array_foreach(s->gaps, i, g)
				sb_printf(&b, "%s %s", i ? ";" : "", jstr(g, "text"));
			sb_printf(&b, ". Stuur \"toch_vaststellen\": true om het plan toch vast te stellen.");
			v[V_TOCH].error = arena_strdup(r->arena, sb_str(&b));
			sb_free(&b);
		} else {
			v[V_TOCH].error = MSG_CONFIRM_GAPS;
		}
		errors++;
	}
	return errors;
}

/* Records who agreed and audits it with the vaststellen, in the caller's
 * transaction; commits.  DB_NOT_FOUND when a member left the household
 * meanwhile (rolled back). */
static enum db_status store_agreement(struct req *r, db *d, const struct plan *p, const struct settle *s,
                                      const struct field_value *v, const struct hh_access_info *acc)
{
	struct audit_entry e = {.medewerker_id = r->user->id, .action = "plan.instemming", .object_type = "persoon",
	                        .huishouden_id = p->huishouden_id, .reason = acc->exception_reason,
	                        .client_addr = r->client_addr};
	enum db_status st = DB_OK;
	for (size_t i = 0; i < s->nmembers && st == DB_OK; i++) {
		if (!((v[V_PERSONEN].bits >> i) & 1u))
			continue;
		st = db_plan_instemming_add(d, p->id, p->version_no, p->huishouden_id, s->members[i].id, NULL);
		e.object_id = s->members[i].id;
		if (st == DB_OK)
			st = audit_append(d, &e);
	}
	if (st == DB_OK && v[V_VERTEGENWOORDIGER].text[0]) {
		st = db_plan_instemming_add(d, p->id, p->version_no, p->huishouden_id, 0, v[V_VERTEGENWOORDIGER].text);
		e.object_type = "plan";
		e.object_id = p->id;
		if (st == DB_OK)
			st = audit_append(d, &e);
	}
	if (st == DB_OK && json_array_size(s->gaps) > 0) {
		e.action = "plan.vaststellen_toch";
		e.object_type = "plan";
		e.object_id = p->id;
		st = audit_append(d, &e);
	}
	if (st != DB_OK) {
		db_rollback(d);
		return st;
	}
	return plan_audit_commit(r, d, "plan.vaststellen", "plan", p->id, p->huishouden_id, acc);
}

/* ---- saving ------------------------------------------------------------------- */

/* A refused save: the plan is no longer the concept at the version read. */
static int reply_changed(struct req *r, db *d, const struct plan *p, struct settle *s, const char *def,
                         struct field_value *v)
{
	struct plan now;
	if (db_plan_get(d, r->arena, p->id, &now) != DB_OK)
		return -1;
	const char *msg = plan_changed_text(r, d, &now);
	if (r->is_api) {
		json_t *cur = plan_json(r, d, &now, true);
		return cur ? care_reply_conflict(r, msg, cur) : -1;
	}
	if (strcmp(now.status, "concept") != 0)
		return plan_render_page(r, d, now.huishouden_id, &now, 409, msg, 0, NULL);
	v[V_VERSIE].text = arena_printf(r->arena, "%lld", (long long)now.version);
	return render_settle(r, d, &now, s, def, v, 409, msg);
}

static int settle(struct req *r, db *d, const struct plan *p, struct settle *s, const struct hh_access_info *acc)
{
	struct field_value *v = arena_alloc(r->arena, V_COUNT * sizeof *v);
	int errors;
	if (r->is_api) {
		json_t *body = api_body(r->json);
		errors = form_validate_json(r->arena, body, s->rules, V_COUNT, v);
		json_decref(body);
	} else {
		errors = form_validate(r->arena, r->form, s->rules, V_COUNT, v);
	}
	if (!r->is_api && v[V_VERSIE].error)
		return reply_error(r, ERR_BAD_REQUEST, "Het formulier mist de versie. Laad de pagina opnieuw.");
	char def_buf[11];
	if (db_plan_default_evaluation(d, p->id, p->huishouden_id, def_buf) != DB_OK)
		return -1;
	const char *def = arena_strdup(r->arena, def_buf);
	/* Settled or closed meanwhile (or before): say by whom and when. */
	if (strcmp(p->status, "concept") != 0)
		return reply_changed(r, d, p, s, def, v);
	errors += check_settle(r, s, def, v);
	if (errors) {
		if (r->is_api)
			return reply_json_validation(r, form_errors_json(s->rules, V_COUNT, v));
		return render_settle(r, d, p, s, def, v, 422, NULL);
	}
	if (json_array_size(json_object_get(s->pj, "doelen")) == 0) {
		const char *msg = "Het plan heeft nog geen doelen. Voeg eerst minstens één doel toe.";
		if (r->is_api)
			return reply_json_validation(r, json_pack("{s:s}", "doelen", msg));
		return render_settle(r, d, p, s, def, v, 422, msg);
	}
	if (db_begin(d) != 0)
		return -1;
	enum db_status st = db_plan_settle(d, p->id, v[V_VERSIE].id, v[V_AKKOORD_OP].text, v[V_AKKOORD_HOE].text,
	                                   v[V_EVALUATIE].text, r->user->id);
	if (st == DB_NOT_FOUND) {
		db_rollback(d);
		return reply_changed(r, d, p, s, def, v);
	}
	if (st != DB_OK) {
		db_rollback(d);
		return -1;
	}
	st = store_agreement(r, d, p, s, v, acc);
	if (st == DB_NOT_FOUND)
		return reply_changed(r, d, p, s, def, v);
	if (st != DB_OK)
		return -1;
	return plan_reply_changed(r, d, p->id, p->huishouden_id, "vastgesteld=1", 200);
}

int h_plan_settle(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct plan p;
	struct hh_access_info acc;
	if (plan_load(r, d, req_param_id(r, 0), NULL, &p, &acc) != 0)
		return 0;
	struct settle s;
	int rc = settle_load(r, d, &p, &s) == DB_OK ? settle(r, d, &p, &s, &acc) : -1;
	settle_free(&s);
	return rc;
}
