/* afspraak.c - the agreements (afspraken) of a goal: who does what by
 * when.  The new form and adding one (only while the plan is a concept),
 * marking one done (progress, not a change of the plan: in every state
 * but afgesloten), and changing one through the JSON API.  The plan's
 * shared helpers are in src/plan_shared.c. */
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "care.h"
#include "db_plan.h"
#include "domain.h"
#include "form.h"
#include "handlers.h"
#include "plan_shared.h"

static const enum plan_ref who_ref[] = {REF_PERSOON, REF_NETWERKLID, REF_MEDEWERKER, REF_AANBIEDER};

/* A new agreement from the API; the browser picks "wie" from one list
 * (afspraak_form_rules). */
enum { A_WIE_SOORT, A_WIE_ID, A_WAT, A_UITERLIJK, A_COUNT };
static const struct field_rule afspraak_api_rules[A_COUNT] = {
	[A_WIE_SOORT] = {.name = "wie_soort", .label = "Soort uitvoerder",
	                 .kind = FIELD_CHOICE, .required = true, .choices = plan_who_codes},
	[A_WIE_ID] = {.name = "wie_id", .label = "Wie het doet", .kind = FIELD_ID, .required = true},
	[A_WAT] = {.name = "wat", .label = "Wat is afgesproken", .kind = FIELD_TEXT, .required = true, .max_len = 2000},
	[A_UITERLIJK] = {.name = "uiterlijk", .label = "Uiterlijk klaar op",
	                 .kind = FIELD_DATE, .required = true, .date_flags = DATE_NOT_PAST},
};
enum { U_WAT, U_UITERLIJK, U_GEDAAN_OP, U_VERSIE, U_COUNT };
static const struct field_rule afspraak_update_rules[U_COUNT] = {
	[U_WAT] = {.name = "wat", .label = "Wat is afgesproken", .kind = FIELD_TEXT, .required = true, .max_len = 2000},
	[U_UITERLIJK] = {.name = "uiterlijk", .label = "Uiterlijk klaar op", .kind = FIELD_DATE, .required = true},
	[U_GEDAAN_OP] = {.name = "gedaan_op", .label = "Gedaan op", .kind = FIELD_DATE, .date_flags = DATE_NOT_FUTURE},
	[U_VERSIE] = {.name = "versie", .label = "Versie",
	              .kind = FIELD_INT, .required = true, .min = 1, .max = INT64_MAX},
};
enum { D_GEDAAN_OP, D_VERSIE, D_COUNT };
static const struct field_rule afspraak_done_rules[D_COUNT] = {
	[D_GEDAAN_OP] = {.name = "gedaan_op", .label = "Gedaan op",
	                 .kind = FIELD_DATE, .required = true, .date_flags = DATE_NOT_FUTURE},
	[D_VERSIE] = {.name = "versie", .label = "Versie",
	              .kind = FIELD_INT, .required = true, .min = 1, .max = INT64_MAX},
};

/* ---- afspraken -------------------------------------------------------------- */

/* Everyone an agreement can name, as {value "soort-id", label} groups. */
struct who_choices {
	json_t *groups;              /* [{label, options: [{value, name, selected}]}] */
	const char **codes;          /* NULL-terminated values, for the rule */
};

static struct who_choices who_choices(struct req *r, db *d, int64_t hh, const char *selected)
{
	static const char *const group_labels[] = {"Inwoner (lid van het huishouden)", "Netwerk",
	                                           "Medewerker van de gemeente", "Aanbieder"};
	struct who_choices w = {.groups = json_array()};
	json_t *lists[4];
	size_t total = 0;
	for (int k = 0; k < 4; k++) {
		lists[k] = db_plan_choices(d, who_ref[k], hh);
		total += json_array_size(lists[k]);
	}
	w.codes = arena_alloc(r->arena, (total + 1) * sizeof *w.codes);
	size_t n = 0;
	for (int k = 0; k < 4; k++) {
		json_t *opts = json_array();
		size_t i;
		json_t *o;
		json_array_foreach(lists[k], i, o) {
			const char *value = arena_printf(r->arena, "%s-%lld", plan_who_codes[k], (long long)jint(o, "id"));
			w.codes[n++] = value;
			json_array_append_new(opts, json_pack("{s:s, s:s, s:b}", "value", value, "name", jstr(o, "name"),
			                                      "selected", selected && strcmp(selected, value) == 0));
		}
		if (json_array_size(opts))
			json_array_append_new(w.groups, json_pack("{s:s, s:o}", "label", group_labels[k], "options", opts));
		else
			json_decref(opts);
		json_decref(lists[k]);
	}
	w.codes[n] = NULL;
	return w;
}

enum { F_WIE, F_WAT, F_UITERLIJK, F_COUNT };

static void afspraak_form_rules(const char *const *who, struct field_rule out[F_COUNT])
{
	const struct field_rule rules[F_COUNT] = {
		[F_WIE] = {.name = "wie", .label = "Wie het doet",
		           .kind = FIELD_CHOICE, .required = true, .choices = who},
		[F_WAT] = {.name = "wat", .label = "Wat is afgesproken",
		           .kind = FIELD_TEXT, .required = true, .max_len = 2000},
		[F_UITERLIJK] = {.name = "uiterlijk", .label = "Uiterlijk klaar op",
		                 .kind = FIELD_DATE, .required = true, .date_flags = DATE_NOT_PAST},
	};
	memcpy(out, rules, sizeof rules);
}

static int render_afspraak_form(struct req *r, db *d, const struct doel *g, struct field_value *v,
                                unsigned status)
{
	struct who_choices w = who_choices(r, d, g->huishouden_id, v ? v[F_WIE].text : NULL);
	struct field_rule rules[F_COUNT];
	afspraak_form_rules(w.codes, rules);
	struct field_value own[F_COUNT];
	if (!v) {
		form_validate(r->arena, NULL, rules, F_COUNT, own);
		for (int i = 0; i < F_COUNT; i++)
			own[i].error = NULL;
		v = own;
	}
	json_t *data = json_object();
	if (care_household(r, d, g->huishouden_id, data) != DB_OK) {
		json_decref(w.groups);
		json_decref(data);
		return -1;
	}
	form_to_page(data, rules, F_COUNT, v);
	/* "selected" per choice is not needed: the groups carry it. */
	json_object_del(json_object_get(json_object_get(data, "field"), "wie"), "selected");
	json_object_set_new(json_object_get(json_object_get(data, "field"), "wie"), "groups", w.groups);
	json_object_set_new(data, "goal", json_pack("{s:I, s:s, s:s}", "id", (json_int_t)g->id, "wish", g->wish,
	                                             "domain_label", vocab_label(&vocab_zrm_domain, g->domain)));
	return reply_page(r, status, "afspraak-formulier", "Afspraak toevoegen", data);
}

int h_afspraak_new_form(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct doel g;
	struct plan p;
	struct hh_access_info acc;
	if (plan_load_doel(r, d, req_param_id(r, 0), "afspraak.form", &g, &acc) != 0 || plan_load_concept_of(r, d, g.plan_id, &p) != 0)
		return 0;
	return render_afspraak_form(r, d, &g, NULL, 200);
}

int h_afspraak_create(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct doel g;
	struct plan p;
	struct hh_access_info acc;
	if (plan_load_doel(r, d, req_param_id(r, 0), NULL, &g, &acc) != 0 || plan_load_concept_of(r, d, g.plan_id, &p) != 0)
		return 0;
	struct afspraak a = {.doel_id = g.id};
	if (r->is_api) {
		struct field_value v[A_COUNT];
		int errors = form_validate_json(r->arena, r->json, afspraak_api_rules, A_COUNT, v);
		if (!v[A_WIE_SOORT].error && !v[A_WIE_ID].error &&
		    !db_plan_ref_valid(d, who_ref[v[A_WIE_SOORT].bits], v[A_WIE_ID].id, g.huishouden_id)) {
			v[A_WIE_ID].error = "Deze persoon of organisatie kan hier geen afspraak mee hebben.";
			errors++;
		}
		if (errors)
			return reply_json_validation(r, form_errors_json(afspraak_api_rules, A_COUNT, v));
		a.who_kind = v[A_WIE_SOORT].text;
		a.who_id = v[A_WIE_ID].id;
		a.what = v[A_WAT].text;
		a.due_date = v[A_UITERLIJK].text;
	} else {
		struct who_choices w = who_choices(r, d, g.huishouden_id, NULL);
		json_decref(w.groups);
		struct field_rule rules[F_COUNT];
		afspraak_form_rules(w.codes, rules);
		struct field_value *v = arena_alloc(r->arena, F_COUNT * sizeof *v);
		if (form_validate(r->arena, r->form, rules, F_COUNT, v) > 0)
			return render_afspraak_form(r, d, &g, v, 422);
		/* "soort-id", one of the choices just offered. */
		const char *dash = strrchr(v[F_WIE].text, '-');
		a.who_kind = arena_strndup(r->arena, v[F_WIE].text, (size_t)(dash - v[F_WIE].text));
		a.who_id = strtoll(dash + 1, NULL, 10);
		a.what = v[F_WAT].text;
		a.due_date = v[F_UITERLIJK].text;
	}
	int64_t id = 0;
	if (db_begin(d) != 0)
		return -1;
	if (db_afspraak_insert(d, &a, r->user->id, &id) != DB_OK || db_plan_touch(d, p.id, r->user->id) != DB_OK) {
		db_rollback(d);
		return -1;
	}
	if (plan_audit_commit(r, d, "afspraak.create", "afspraak", id, g.huishouden_id, &acc) != DB_OK)
		return -1;
	if (!r->is_api)
		return reply_redirect(r, arena_printf(r->arena, "/huishoudens/%lld/plan#doel-%lld", (long long)g.huishouden_id,
		                                      (long long)g.id));
	struct afspraak now;
	if (db_afspraak_get(d, r->arena, id, &now) != DB_OK || reply_json(r, 201, plan_afspraak_json(&now)) != 0)
		return -1;
	reply_header(r, "Location", arena_printf(r->arena, "/api/v1/afspraken/%lld", (long long)id));
	return 0;
}

/* Saves a change of agreement a (already checked); on a stale version
 * replies 409 with what it is now.  Returns 1 when saved, 0 after
 * replying, -1 on an error. */
static int store_afspraak(struct req *r, db *d, const struct afspraak *old, const struct afspraak *upd,
                          const char *action, const struct hh_access_info *acc, const char *kept_date)
{
	struct doel g;
	struct plan p;
	if (db_doel_get(d, r->arena, old->doel_id, &g) != DB_OK || db_plan_get(d, r->arena, g.plan_id, &p) != DB_OK)
		return -1;
	if (strcmp(p.status, "afgesloten") == 0) {
		reply_error(r, ERR_CONFLICT, plan_msg_closed);
		return 0;
	}
	if (db_begin(d) != 0)
		return -1;
	enum db_status s = db_afspraak_update(d, upd, r->user->id);
	if (s == DB_OK)
		s = db_plan_touch(d, p.id, r->user->id);
	if (s == DB_NOT_FOUND) {
		db_rollback(d);
		struct afspraak now;
		if (db_afspraak_get(d, r->arena, old->id, &now) != DB_OK)
			return -1;
		char due[11], done[11];
		fmt_date_nl(now.due_date, due);
		if (now.done_on)
			fmt_date_nl(now.done_on, done);
		const char *msg = arena_printf(r->arena, "De afspraak \"%s\" is intussen gewijzigd door %s. Nu: %s. Uw "
		                               "wijziging is niet opgeslagen.", now.what,
		                               care_changed_by(r, now.changed_by, now.changed_at),
		                               now.done_on ? arena_printf(r->arena, "gedaan op %s", done)
		                                           : arena_printf(r->arena, "nog open, uiterlijk %s", due));
		if (r->is_api)
			return care_reply_conflict(r, msg, plan_afspraak_json(&now)) == 0 ? 0 : -1;
		return plan_render_page(r, d, g.huishouden_id, &p, 409, msg, old->id, kept_date) == 0 ? 0 : -1;
	}
	if (s != DB_OK) {
		db_rollback(d);
		return -1;
	}
	if (plan_audit_commit(r, d, action, "afspraak", old->id, g.huishouden_id, acc) != DB_OK)
		return -1;
	return 1;
}

static int load_afspraak(struct req *r, db *d, int64_t id, struct afspraak *a, struct hh_access_info *acc)
{
	enum db_status s = db_afspraak_get(d, r->arena, id, a);
	if (s != DB_OK)
		return reply_lookup(r, s, "Deze afspraak bestaat niet.");
	return require_household(r, a->huishouden_id, NULL, NULL, 0, acc);
}

int h_afspraak_done(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct afspraak a;
	struct hh_access_info acc;
	if (load_afspraak(r, d, req_param_id(r, 0), &a, &acc) != 0)
		return 0;
	struct field_value v[D_COUNT];
	form_validate(r->arena, r->form, afspraak_done_rules, D_COUNT, v);
	if (v[D_VERSIE].error)
		return reply_error(r, ERR_BAD_REQUEST, "Het formulier mist de versie. Laad de pagina opnieuw.");
	if (v[D_GEDAAN_OP].error) {
		struct doel g;
		struct plan p;
		if (db_doel_get(d, r->arena, a.doel_id, &g) != DB_OK || db_plan_get(d, r->arena, g.plan_id, &p) != DB_OK)
			return -1;
		return plan_render_page(r, d, a.huishouden_id, &p, 422,
		                        arena_printf(r->arena, "Afspraak \"%s\": %s", a.what, v[D_GEDAAN_OP].error), a.id,
		                        v[D_GEDAAN_OP].text);
	}
	struct afspraak upd = a;
	upd.done_on = v[D_GEDAAN_OP].text;
	upd.version = v[D_VERSIE].id;
	int rc = store_afspraak(r, d, &a, &upd, "afspraak.gedaan", &acc, v[D_GEDAAN_OP].text);
	if (rc <= 0)
		return rc;
	return reply_redirect(r, arena_printf(r->arena, "/huishoudens/%lld/plan#doel-%lld", (long long)a.huishouden_id,
	                                      (long long)a.doel_id));
}

int h_api_afspraak_update(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct afspraak a;
	struct hh_access_info acc;
	if (load_afspraak(r, d, req_param_id(r, 0), &a, &acc) != 0)
		return 0;
	struct field_value v[U_COUNT];
	if (form_validate_json(r->arena, r->json, afspraak_update_rules, U_COUNT, v) > 0)
		return reply_json_validation(r, form_errors_json(afspraak_update_rules, U_COUNT, v));
	struct afspraak upd = a;
	upd.what = v[U_WAT].text;
	upd.due_date = v[U_UITERLIJK].text;
	upd.done_on = v[U_GEDAAN_OP].text[0] ? v[U_GEDAAN_OP].text : NULL;
	upd.version = v[U_VERSIE].id;
	int rc = store_afspraak(r, d, &a, &upd, "afspraak.update", &acc, NULL);
	if (rc <= 0)
		return rc;
	struct afspraak now;
	if (db_afspraak_get(d, r->arena, a.id, &now) != DB_OK)
		return -1;
	return reply_json(r, 200, plan_afspraak_json(&now));
}
