/* plan.c - the household's one plan: the plan page, starting a plan, a new
 * version (kept as a snapshot) and an earlier version, the print view for
 * the resident, and the plan in the JSON API (the plan's part of the
 * household page is in src/plan_shared.c).  Goals are in doel.c, agreements in afspraak.c, the rolgesprek
 * in rolgesprek.c, vaststellen in plan_vaststellen.c; what they share in
 * src/plan_shared.c. */
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "audit.h"
#include "care.h"
#include "db_medewerker.h"
#include "db_plan.h"
#include "domain.h"
#include "form.h"
#include "handlers.h"
#include "plan_shared.h"
#include "text.h"

static const struct field_rule version_rules[] = {
	{.name = "versie", .label = "Versie", .kind = FIELD_INT, .required = true, .min = 1, .max = INT64_MAX},
};
int h_plan_page(struct req *r)
{
	int64_t hh = req_param_id(r, 0);
	db *d = db_get();
	if (!d)
		return -1;
	struct plan p;
	enum db_status s = db_plan_for_household(d, r->arena, hh, &p);
	if (s != DB_OK && s != DB_NOT_FOUND)
		return -1;
	struct hh_access_info acc;
	if (require_household(r, hh, "plan.view", s == DB_OK ? "plan" : "huishouden", s == DB_OK ? p.id : hh,
	                      &acc) != 0)
		return 0;
	return plan_render_page(r, d, hh, s == DB_OK ? &p : NULL, 200, NULL, 0, NULL);
}

int h_api_plan_get(struct req *r)
{
	int64_t hh = req_param_id(r, 0);
	db *d = db_get();
	if (!d)
		return -1;
	struct plan p;
	enum db_status s = db_plan_for_household(d, r->arena, hh, &p);
	if (s != DB_OK && s != DB_NOT_FOUND)
		return -1;
	struct hh_access_info acc;
	if (require_household(r, hh, "plan.view", s == DB_OK ? "plan" : "huishouden", s == DB_OK ? p.id : hh,
	                      &acc) != 0)
		return 0;
	if (s == DB_NOT_FOUND)
		return reply_error(r, ERR_NOT_FOUND, "Dit huishouden heeft nog geen plan.");
	json_t *o = plan_json(r, d, &p, true);
	return o ? reply_json(r, 200, o) : -1;
}

int h_plan_create(struct req *r)
{
	int64_t hh = req_param_id(r, 0);
	struct hh_access_info acc;
	if (require_household(r, hh, NULL, NULL, 0, &acc) != 0)
		return 0;
	db *d = db_get();
	if (!d || db_begin(d) != 0)
		return -1;
	int64_t id = 0;
	enum db_status s = db_plan_insert(d, hh, r->user->id, &id);
	if (s == DB_CONSTRAINT) {
		db_rollback(d);
		if (!r->is_api)
			return reply_redirect(r, plan_path(r, hh));
		struct plan p;
		json_t *cur = db_plan_for_household(d, r->arena, hh, &p) == DB_OK ? plan_json(r, d, &p, true) : NULL;
		return cur ? care_reply_conflict(r, "Dit huishouden heeft al een plan: er is één plan per huishouden.", cur)
		           : -1;
	}
	if (s != DB_OK) {
		db_rollback(d);
		return -1;
	}
	if (plan_audit_commit(r, d, "plan.create", "plan", id, hh, &acc) != DB_OK)
		return -1;
	if (plan_reply_changed(r, d, id, hh, NULL, 201) != 0)
		return -1;
	if (r->is_api)
		reply_header(r, "Location", arena_printf(r->arena, "/api/v1/huishoudens/%lld/plan", (long long)hh));
	return 0;
}

/* ---- versions ----------------------------------------------------------------- */

int h_plan_new_version(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct plan p;
	struct hh_access_info acc;
	if (plan_load(r, d, req_param_id(r, 0), NULL, &p, &acc) != 0)
		return 0;
	struct field_value v[1];
	int errors = r->is_api ? form_validate_json(r->arena, r->json, version_rules, 1, v)
	                       : form_validate(r->arena, r->form, version_rules, 1, v);
	if (errors) {
		if (r->is_api)
			return reply_json_validation(r, form_errors_json(version_rules, 1, v));
		return reply_error(r, ERR_BAD_REQUEST, "Het formulier mist de versie. Laad de pagina opnieuw.");
	}
	if (db_begin(d) != 0)
		return -1;
	/* Read again inside the write transaction: the snapshot is exactly
	 * the version being replaced. */
	struct plan cur;
	enum db_status s = db_plan_get(d, r->arena, p.id, &cur);
	if (s != DB_OK) {
		db_rollback(d);
		return -1;
	}
	const char *refusal = NULL;
	if (cur.version != v[0].id)
		s = DB_NOT_FOUND;
	else if (strcmp(cur.status, "concept") == 0)
		refusal = "Dit plan is nog een concept: u kunt het gewoon aanpassen. Een nieuwe versie maakt u van een "
		          "vastgesteld plan.";
	else if (strcmp(cur.status, "afgesloten") == 0)
		refusal = plan_msg_closed;
	if (refusal) {
		db_rollback(d);
		if (r->is_api)
			return reply_error(r, ERR_CONFLICT, refusal);
		return plan_render_page(r, d, cur.huishouden_id, &cur, 409, refusal, 0, NULL);
	}
	if (s == DB_OK) {
		json_t *snap = plan_json(r, d, &cur, false);
		char *text = snap ? json_dumps(snap, JSON_COMPACT) : NULL;
		json_decref(snap);
		s = text ? db_plan_new_version(d, cur.id, cur.version, text, r->user->id) : DB_ERROR;
		free(text);
	}
	if (s == DB_NOT_FOUND) {
		db_rollback(d);
		const char *msg = plan_changed_text(r, d, &cur);
		if (r->is_api) {
			json_t *now = plan_json(r, d, &cur, true);
			return now ? care_reply_conflict(r, msg, now) : -1;
		}
		return plan_render_page(r, d, cur.huishouden_id, &cur, 409, msg, 0, NULL);
	}
	if (s != DB_OK) {
		db_rollback(d);
		return -1;
	}
	if (plan_audit_commit(r, d, "plan.nieuwe_versie", "plan", p.id, p.huishouden_id, &acc) != DB_OK)
		return -1;
	return plan_reply_changed(r, d, p.id, p.huishouden_id, "nieuwe_versie=1", 200);
}

int h_plan_version(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct plan p;
	struct hh_access_info acc;
	if (plan_load(r, d, req_param_id(r, 0), "plan.versie.view", &p, &acc) != 0)
		return 0;
	int64_t n = req_param_id(r, 1);
	const char *snapshot, *status, *saved_by;
	int64_t saved_at;
	enum db_status s = db_plan_version_get(d, r->arena, p.id, n, &snapshot, &status, &saved_by, &saved_at);
	if (s != DB_OK)
		return reply_lookup(r, s, "Deze versie van het plan bestaat niet.");
	json_error_t jerr;
	json_t *snap = json_loads(snapshot, 0, &jerr);
	if (!snap) {
		log_error("plan %lld version %lld: unreadable snapshot: %s", (long long)p.id, (long long)n, jerr.text);
		return -1;
	}
	if (r->is_api) {
		char at[21];
		fmt_iso8601(saved_at, at);
		return reply_json(r, 200, json_pack("{s:I, s:I, s:s, s:s, s:s, s:o}", "plan_id", (json_int_t)p.id,
		                                    "versie_nr", (json_int_t)n, "status", status, "opgeslagen_door",
		                                    saved_by, "opgeslagen_op", at, "plan", snap));
	}
	json_t *data = json_object();
	if (care_household(r, d, p.huishouden_id, data) != DB_OK) {
		json_decref(snap);
		json_decref(data);
		return -1;
	}
	plan_page_fill(r, data, snap, false);
	json_decref(snap);
	json_object_set_new(data, "has_plan", json_true());
	json_object_set_new(data, "live", json_false());
	json_object_set_new(data, "version_saved", json_string(care_changed_by(r, saved_by, saved_at)));
	json_object_set_new(data, "current_nr", json_integer(p.version_no));
	return reply_page(r, 200, "plan", arena_printf(r->arena, "Plan, versie %lld", (long long)n), data);
}

/* ---- print view for the resident -------------------------------------------- */

/* Plain-language texts per level for the resident (no jargon). */
static const char *const print_level_intro[L_COUNT] = {
	"Wat u zelf doet",
	"Wat mensen om u heen doen",
	"Hulp in de buurt. Dit is hulp waarvoor u geen aanvraag hoeft te doen",
	"Wat de gemeente doet",
};

int h_plan_print(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct plan p;
	struct hh_access_info acc;
	if (plan_load(r, d, req_param_id(r, 0), "plan.print", &p, &acc) != 0)
		return 0;
	json_t *pj = plan_json(r, d, &p, false);
	json_t *data = json_object();
	if (!pj || care_household(r, d, p.huishouden_id, data) != DB_OK) {
		json_decref(pj);
		json_decref(data);
		return -1;
	}
	plan_page_fill(r, data, pj, false);
	json_decref(pj);
	/* Only what the resident needs: no intended effects or justifications
	 * (internal notes of the omgekeerde toets), nothing from the journal. */
	json_t *goal;
	size_t i;
	json_array_foreach(json_object_get(json_object_get(data, "plan"), "goals"), i, goal) {
		json_t *lv;
		size_t l;
		json_array_foreach(json_object_get(goal, "levels"), l, lv) {
			json_object_set_new(lv, "label", json_string(print_level_intro[l < L_COUNT ? l : L_GEMEENTE]));
			json_t *item;
			size_t k;
			json_array_foreach(json_object_get(lv, "items"), k, item) {
				json_object_del(item, "effect");
				json_object_del(item, "justification");
			}
		}
	}
	if (acc.regisseur_id) {
		struct medewerker m;
		if (db_medewerker_get(d, r->arena, acc.regisseur_id, &m) == DB_OK)
			json_object_set_new(data, "regisseur", json_pack("{s:s, s:s?}", "name", m.name, "email", m.email));
	}
	json_object_set_new(data, "body_class", json_string("loket-afdruk"));
	return reply_page(r, 200, "plan-afdrukken", "Uw plan", data);
}
