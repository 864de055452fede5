/* bijdrage.c - one recorded contribution to a goal's rolgesprek: changing
 * what it says at its version (PUT /api/v1/rolgesprek/{id}) and removing
 * it (the page's button and DELETE).  The field table and checks are
 * shared with the rolgesprek page (src/rolgesprek_shared.c). */
#include <string.h>

#include "access.h"
#include "care.h"
#include "db_plan.h"
#include "domain.h"
#include "form.h"
#include "handlers.h"
#include "plan_shared.h"
#include "rolgesprek_shared.h"

/* The API's edit of one contribution. */
enum { P_BIJDRAGE, P_SOCIALE_KAART, P_EFFECT, P_ONDERBOUWING, P_STEUN, P_STEUN_PERSOON, P_VERSIE, P_COUNT };

static const char MSG_MISSING[] = "Deze bijdrage aan het rolgesprek bestaat niet (meer).";

/* Loads contribution id, its household access and its plan, which must be a
 * concept; replies and returns -1 otherwise. */
static int load_contribution(struct req *r, db *d, int64_t id, struct rolgesprek *c, struct doel *g, struct plan *p,
                             struct hh_access_info *acc)
{
	enum db_status s = db_rolgesprek_get(d, r->arena, id, c);
	if (s != DB_OK)
		return reply_lookup(r, s, MSG_MISSING);
	if (require_household(r, c->huishouden_id, NULL, NULL, 0, acc) != 0)
		return -1;
	if (db_doel_get(d, r->arena, c->doel_id, g) != DB_OK) {
		reply_error(r, ERR_INTERNAL, NULL);
		return -1;
	}
	return plan_load_concept_of(r, d, g->plan_id, p);
}

/* PUT /api/v1/rolgesprek/{id}: what a contribution says, at its version. */
int h_rolgesprek_update(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct rolgesprek c;
	struct doel g;
	struct plan p;
	struct hh_access_info acc;
	if (load_contribution(r, d, req_param_id(r, 0), &c, &g, &p, &acc) != 0)
		return 0;
	static const int map[P_COUNT - 1] = {R_BIJDRAGE, R_SOCIALE_KAART, R_EFFECT, R_ONDERBOUWING, R_STEUN,
	                                     R_STEUN_PERSOON};
	struct field_rule rules[P_COUNT];
	for (int i = 0; i < P_VERSIE; i++)
		rules[i] = rolgesprek_rules[map[i]];
	rules[P_VERSIE] = rolgesprek_entry_rules[E_VERSIE];
	struct field_value pv[P_COUNT], v[R_COUNT];
	int errors = form_validate_json(r->arena, r->json, rules, P_COUNT, pv);
	int level = rolgesprek_level_of(c.level);
	rolgesprek_values_of(r, &c, v);
	for (int i = 0; i < P_VERSIE; i++)
		if ((rolgesprek_level_fields[level] & ROL_BIT(map[i])) && (json_object_get(r->json, rules[i].name) || pv[i].error))
			v[map[i]] = pv[i];
	if (!errors)
		errors += rolgesprek_check(d, c.huishouden_id, level, v, false);
	if (errors) {
		json_t *fields = form_errors_json(rolgesprek_rules, R_COUNT, v);
		if (pv[P_VERSIE].error)
			json_object_set_new(fields, "versie", json_string(pv[P_VERSIE].error));
		return reply_json_validation(r, fields);
	}
	struct rolgesprek upd = rolgesprek_contribution_of(g.id, level, v);
	upd.id = c.id;
	upd.version = pv[P_VERSIE].id;
	if (db_begin(d) != 0)
		return -1;
	enum db_status s = db_rolgesprek_update(d, &upd);
	if (s == DB_NOT_FOUND) {
		db_rollback(d);
		if (db_rolgesprek_get(d, r->arena, c.id, &c) != DB_OK)
			return reply_error(r, ERR_NOT_FOUND, MSG_MISSING);
		return care_reply_conflict(r, rolgesprek_stale_message(r, &c), plan_rolgesprek_json(&c));
	}
	if (s != DB_OK || db_plan_touch(d, p.id, r->user->id) != DB_OK) {
		db_rollback(d);
		return -1;
	}
	if (plan_audit_commit(r, d, "rolgesprek.update", "rolgesprek", c.id, c.huishouden_id, &acc) != DB_OK)
		return -1;
	if (db_rolgesprek_get(d, r->arena, c.id, &c) != DB_OK)
		return -1;
	return reply_json(r, 200, plan_rolgesprek_json(&c));
}

int h_rolgesprek_remove(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct rolgesprek c;
	struct doel g;
	struct plan p;
	struct hh_access_info acc;
	if (load_contribution(r, d, req_param_id(r, 0), &c, &g, &p, &acc) != 0)
		return 0;
	if (db_begin(d) != 0)
		return -1;
	enum db_status s = db_rolgesprek_delete(d, c.id);
	if (s == DB_NOT_FOUND) {
		db_rollback(d);
		return reply_error(r, ERR_NOT_FOUND, "Deze bijdrage is intussen al verwijderd.");
	}
	if (s != DB_OK || db_plan_touch(d, p.id, r->user->id) != DB_OK) {
		db_rollback(d);
		return -1;
	}
	if (plan_audit_commit(r, d, "rolgesprek.delete", "rolgesprek", c.id, c.huishouden_id, &acc) != DB_OK)
		return -1;
	if (!r->is_api)
		return reply_redirect(r, arena_printf(r->arena, "/doelen/%lld/rolgesprek#niveau-%s", (long long)g.id,
		                                      c.level));
	json_t *o = rolgesprek_list_json(r, d, g.id);
	return o ? reply_json(r, 200, o) : -1;
}
