/* doel.c - the goals (doelen) of a plan: the new and edit forms, adding and
 * changing a goal (only while the plan is a concept), and a goal in the
 * JSON API.  The plan's shared helpers are in src/plan_shared.c. */
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "care.h"
#include "db_plan.h"
#include "domain.h"
#include "form.h"
#include "handlers.h"
#include "plan_shared.h"

/* ---- validation tables ------------------------------------------------------ */

enum { G_LEEFGEBIED, G_PERSOON, G_WENS, G_STREEFDATUM, G_STATUS, G_VERSIE, G_COUNT };
/* A new goal may not aim at a date in the past; an edit may keep one. */
static const struct field_rule doel_new_rules[G_VERSIE] = {
	[G_LEEFGEBIED] = {.name = "leefgebied", .label = "Leefgebied",
	                  .kind = FIELD_CHOICE, .required = true, .choices = vocab_zrm_codes},
	[G_PERSOON] = {.name = "persoon", .label = "Voor wie", .kind = FIELD_ID},
	[G_WENS] = {.name = "wens", .label = "Wat de inwoner wil bereiken",
	            .kind = FIELD_TEXT, .required = true, .max_len = 2000},
	[G_STREEFDATUM] = {.name = "streefdatum", .label = "Streefdatum",
	                   .kind = FIELD_DATE, .required = true, .date_flags = DATE_NOT_PAST},
	[G_STATUS] = {.name = "status", .label = "Status", .kind = FIELD_CHOICE, .choices = plan_goal_status_codes},
};
static const struct field_rule doel_edit_rules[G_COUNT] = {
	[G_LEEFGEBIED] = {.name = "leefgebied", .label = "Leefgebied",
	                  .kind = FIELD_CHOICE, .required = true, .choices = vocab_zrm_codes},
	[G_PERSOON] = {.name = "persoon", .label = "Voor wie", .kind = FIELD_ID},
	[G_WENS] = {.name = "wens", .label = "Wat de inwoner wil bereiken",
	            .kind = FIELD_TEXT, .required = true, .max_len = 2000},
	[G_STREEFDATUM] = {.name = "streefdatum", .label = "Streefdatum", .kind = FIELD_DATE, .required = true},
	[G_STATUS] = {.name = "status", .label = "Status",
	              .kind = FIELD_CHOICE, .required = true, .choices = plan_goal_status_codes},
	[G_VERSIE] = {.name = "versie", .label = "Versie",
	              .kind = FIELD_INT, .required = true, .min = 1, .max = INT64_MAX},
};

/* ---- goals ------------------------------------------------------------------- */

/* The new (g NULL) or edit form of a goal of plan p; v the values (NULL:
 * g's or empty); stored the goal as saved by someone else after a refused
 * save. */
static int render_doel_form(struct req *r, db *d, const struct plan *p, const struct doel *g,
                            struct field_value *v, unsigned status, const char *alert, const struct doel *stored)
{
	const struct field_rule *rules = g ? doel_edit_rules : doel_new_rules;
	size_t n = g ? G_COUNT : G_VERSIE;
	struct field_value own[G_COUNT];
	if (!v) {
		form_validate(r->arena, NULL, rules, n, own);
		for (size_t i = 0; i < n; i++)
			own[i].error = NULL;
		own[G_STATUS].text = "open";
		if (g) {
			own[G_LEEFGEBIED].text = g->domain;
			own[G_PERSOON].text = g->persoon_id ? arena_printf(r->arena, "%lld", (long long)g->persoon_id) : "";
			own[G_WENS].text = g->wish;
			own[G_STREEFDATUM].text = g->target_date;
			own[G_STATUS].text = g->status;
			own[G_VERSIE].text = arena_printf(r->arena, "%lld", (long long)g->version);
		}
		v = own;
	}
	json_t *data = json_object();
	if (care_household(r, d, p->huishouden_id, data) != DB_OK) {
		json_decref(data);
		return -1;
	}
	form_to_page(data, rules, n, v);
	json_t *fields = json_object_get(data, "field");
	json_object_set_new(json_object_get(fields, "leefgebied"), "options",
	                    care_options(&vocab_zrm_domain, v[G_LEEFGEBIED].text));
	json_object_set_new(json_object_get(fields, "status"), "options",
	                    care_options(&vocab_goal_status, v[G_STATUS].text));
	json_t *people = db_plan_choices(d, REF_PERSOON, p->huishouden_id);
	json_t *person;
	size_t i;
	json_array_foreach(people, i, person) {
		const char *extra = jstr(person, "extra");
		if (extra)
			json_object_set_new(person, "extra", json_string(vocab_label(&vocab_person_role, extra)));
		json_object_set_new(person, "selected", json_boolean(jint(person, "id") == v[G_PERSOON].id &&
		                                                     v[G_PERSOON].id > 0));
	}
	json_object_set_new(json_object_get(fields, "persoon"), "options", people);
	if (stored) {
		if (strcmp(stored->domain, v[G_LEEFGEBIED].text) != 0)
			json_object_set_new(json_object_get(fields, "leefgebied"), "stored",
			                    json_string(vocab_label(&vocab_zrm_domain, stored->domain)));
		if (stored->persoon_id != v[G_PERSOON].id)
			json_object_set_new(json_object_get(fields, "persoon"), "stored",
			                    json_string(stored->person ? stored->person : "het hele huishouden"));
		if (strcmp(stored->wish, v[G_WENS].text) != 0)
			json_object_set_new(json_object_get(fields, "wens"), "stored", json_string(stored->wish));
		if (strcmp(stored->target_date, v[G_STREEFDATUM].text) != 0)
			json_object_set_new(json_object_get(fields, "streefdatum"), "stored", plan_date_nl_json(stored->target_date));
		if (strcmp(stored->status, v[G_STATUS].text) != 0)
			json_object_set_new(json_object_get(fields, "status"), "stored",
			                    json_string(vocab_label(&vocab_goal_status, stored->status)));
	}
	if (alert)
		json_object_set_new(data, "alert", json_string(alert));
	json_object_set_new(data, "edit", json_boolean(g != NULL));
	json_object_set_new(data, "action", json_string(
		g ? arena_printf(r->arena, "/doelen/%lld/bewerken", (long long)g->id)
		  : arena_printf(r->arena, "/plannen/%lld/doelen/nieuw", (long long)p->id)));
	return reply_page(r, status, "doel-formulier", g ? "Doel bewerken" : "Doel toevoegen", data);
}

/* Checks what the table cannot: the person belongs to the household. */
static int check_doel(db *d, int64_t hh, struct field_value *v)
{
	if (!v[G_PERSOON].error && v[G_PERSOON].id && !db_plan_ref_valid(d, REF_PERSOON, v[G_PERSOON].id, hh)) {
		v[G_PERSOON].error = "Kies iemand uit dit huishouden, of laat het veld leeg voor het hele huishouden.";
		return 1;
	}
	return 0;
}

int h_doel_new_form(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct plan p;
	struct hh_access_info acc;
	if (plan_load(r, d, req_param_id(r, 0), "doel.form", &p, &acc) != 0 || plan_require_concept(r, &p) != 0)
		return 0;
	return render_doel_form(r, d, &p, NULL, NULL, 200, NULL, NULL);
}

static int reply_doel(struct req *r, db *d, unsigned status, int64_t id)
{
	struct doel g;
	json_t *o = db_doel_get(d, r->arena, id, &g) == DB_OK ? plan_doel_json(r, d, &g) : NULL;
	return o ? reply_json(r, status, o) : -1;
}

int h_doel_create(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct plan p;
	struct hh_access_info acc;
	if (plan_load(r, d, req_param_id(r, 0), NULL, &p, &acc) != 0 || plan_require_concept(r, &p) != 0)
		return 0;
	struct field_value *v = arena_alloc(r->arena, G_COUNT * sizeof *v);
	int errors = r->is_api ? form_validate_json(r->arena, r->json, doel_new_rules, G_VERSIE, v)
	                       : form_validate(r->arena, r->form, doel_new_rules, G_VERSIE, v);
	errors += check_doel(d, p.huishouden_id, v);
	if (errors)
		return r->is_api ? reply_json_validation(r, form_errors_json(doel_new_rules, G_VERSIE, v))
		                 : render_doel_form(r, d, &p, NULL, v, 422, NULL, NULL);
	struct doel g = {.plan_id = p.id, .persoon_id = v[G_PERSOON].id, .domain = v[G_LEEFGEBIED].text,
	                 .wish = v[G_WENS].text, .target_date = v[G_STREEFDATUM].text,
	                 .status = v[G_STATUS].text[0] ? v[G_STATUS].text : "open"};
	int64_t id = 0;
	if (db_begin(d) != 0)
		return -1;
	if (db_doel_insert(d, &g, r->user->id, &id) != DB_OK || db_plan_touch(d, p.id, r->user->id) != DB_OK) {
		db_rollback(d);
		return -1;
	}
	if (plan_audit_commit(r, d, "doel.create", "doel", id, p.huishouden_id, &acc) != DB_OK)
		return -1;
	if (!r->is_api)
		return reply_redirect(r, arena_printf(r->arena, "/doelen/%lld/rolgesprek", (long long)id));
	if (reply_doel(r, d, 201, id) != 0)
		return -1;
	reply_header(r, "Location", arena_printf(r->arena, "/api/v1/doelen/%lld", (long long)id));
	return 0;
}

int h_doel_edit_form(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct doel g;
	struct plan p;
	struct hh_access_info acc;
	if (plan_load_doel(r, d, req_param_id(r, 0), "doel.form", &g, &acc) != 0 || plan_load_concept_of(r, d, g.plan_id, &p) != 0)
		return 0;
	return render_doel_form(r, d, &p, &g, NULL, 200, NULL, NULL);
}

int h_api_doel_get(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct doel g;
	struct hh_access_info acc;
	if (plan_load_doel(r, d, req_param_id(r, 0), "doel.view", &g, &acc) != 0)
		return 0;
	json_t *o = plan_doel_json(r, d, &g);
	return o ? reply_json(r, 200, o) : -1;
}

int h_doel_update(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct doel g;
	struct plan p;
	struct hh_access_info acc;
	if (plan_load_doel(r, d, req_param_id(r, 0), NULL, &g, &acc) != 0 || plan_load_concept_of(r, d, g.plan_id, &p) != 0)
		return 0;
	struct field_value *v = arena_alloc(r->arena, G_COUNT * sizeof *v);
	int errors = r->is_api ? form_validate_json(r->arena, r->json, doel_edit_rules, G_COUNT, v)
	                       : form_validate(r->arena, r->form, doel_edit_rules, G_COUNT, v);
	if (!r->is_api && v[G_VERSIE].error)
		return reply_error(r, ERR_BAD_REQUEST, "Het formulier mist de versie. Laad de pagina opnieuw.");
	errors += check_doel(d, p.huishouden_id, v);
	if (errors)
		return r->is_api ? reply_json_validation(r, form_errors_json(doel_edit_rules, G_COUNT, v))
		                 : render_doel_form(r, d, &p, &g, v, 422, NULL, NULL);
	struct doel upd = {.id = g.id, .persoon_id = v[G_PERSOON].id, .domain = v[G_LEEFGEBIED].text,
	                   .wish = v[G_WENS].text, .target_date = v[G_STREEFDATUM].text, .status = v[G_STATUS].text,
	                   .version = v[G_VERSIE].id};
	if (db_begin(d) != 0)
		return -1;
	enum db_status s = db_doel_update(d, &upd, r->user->id);
	if (s == DB_OK)
		s = db_plan_touch(d, p.id, r->user->id);
	if (s == DB_NOT_FOUND) {
		db_rollback(d);
		struct doel now;
		if (db_doel_get(d, r->arena, g.id, &now) != DB_OK)
			return -1;
		const char *who = care_changed_by(r, now.changed_by, now.changed_at);
		if (r->is_api) {
			json_t *cur = plan_doel_json(r, d, &now);
			return cur ? care_reply_conflict(r, arena_printf(r->arena, "Dit doel is intussen gewijzigd door %s "
			                                                 "(nu versie %lld). Uw wijziging is niet opgeslagen.",
			                                                 who, (long long)now.version), cur)
			           : -1;
		}
		v[G_VERSIE].text = arena_printf(r->arena, "%lld", (long long)now.version);
		return render_doel_form(r, d, &p, &now, v, 409, arena_printf(r->arena,
		        "Dit doel is intussen gewijzigd door %s. Uw wijziging is niet opgeslagen. Uw invoer staat "
		        "hieronder; bij de velden die nu anders zijn opgeslagen ziet u wat er intussen is ingevuld. "
		        "Controleer en sla opnieuw op.", who), &now);
	}
	if (s != DB_OK) {
		db_rollback(d);
		return -1;
	}
	if (plan_audit_commit(r, d, "doel.update", "doel", g.id, g.huishouden_id, &acc) != DB_OK)
		return -1;
	if (r->is_api)
		return reply_doel(r, d, 200, g.id);
	return reply_redirect(r, arena_printf(r->arena, "/huishoudens/%lld/plan#doel-%lld", (long long)g.huishouden_id,
	                                      (long long)g.id));
}
