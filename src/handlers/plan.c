/* plan.c - the household's one plan: the plan page, goals (doelen), the
 * rolgesprek per goal, agreements (afspraken), the resident's agreement
 * (vaststellen), versions kept as snapshots, the print view for the
 * resident, the summary on the household page, and the JSON API.
 *
 * One representation drives everything: plan_json() builds the API's JSON
 * of a plan with its goals, contributions and agreements; a new version
 * stores exactly that as its snapshot, and plan_page_fill() turns either the
 * live JSON or a snapshot into page data, so an earlier version is shown
 * with the same look.
 *
 * Goals, contributions and agreements can only be added or changed while
 * the plan is a concept: a vastgesteld plan is what the resident agreed to,
 * so changing it starts a new version first.  Marking an agreement done is
 * progress, not a change of the plan, and works in every state but
 * afgesloten. */
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "audit.h"
#include "care.h"
#include "db_medewerker.h"
#include "db_evaluatie.h"
#include "db_plan.h"
#include "domain.h"
#include "form.h"
#include "handlers.h"
#include "overview.h"
#include "plan_shared.h"
#include "text.h"

/* ---- vocabularies of the plan ---------------------------------------------- */

static const char *const plan_status_codes[] = {"concept", "vastgesteld", "geevalueerd", "afgesloten", NULL};
static const char *const plan_status_labels[] = {"Concept", "Vastgesteld", "Geëvalueerd", "Afgesloten", NULL};
static const struct vocab vocab_plan_status = {plan_status_codes, plan_status_labels};

const char *const plan_how_codes[] = {"op_papier", "mondeling", "digitaal", NULL};
static const char *const how_labels[] = {"Op papier", "Mondeling", "Digitaal", NULL};
const struct vocab vocab_plan_how = {plan_how_codes, how_labels};

static const char *const goal_status_codes[] = {"open", "bezig", "bereikt", "deels_bereikt", "niet_bereikt",
                                                "vervallen", NULL};
static const char *const goal_status_labels[] = {"Open", "Bezig", "Bereikt", "Deels bereikt", "Niet bereikt",
                                                 "Vervallen", NULL};
static const struct vocab vocab_goal_status = {goal_status_codes, goal_status_labels};

/* The rolgesprek from own strength outwards, in this order. */
const char *const plan_level_codes[] = {"inwoner", "netwerk", "voorliggend_veld", "gemeente", NULL};
const char *const plan_level_labels[] = {"Inwoner zelf", "Netwerk", "Voorliggend veld", "Gemeente", NULL};

static const char *const who_codes[] = {"inwoner", "netwerklid", "medewerker", "aanbieder", NULL};
static const char *const who_labels[] = {"Inwoner", "Netwerklid", "Medewerker", "Aanbieder", NULL};
static const struct vocab vocab_who = {who_codes, who_labels};
static const enum plan_ref who_ref[] = {REF_PERSOON, REF_NETWERKLID, REF_MEDEWERKER, REF_AANBIEDER};

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
	[G_STATUS] = {.name = "status", .label = "Status", .kind = FIELD_CHOICE, .choices = goal_status_codes},
};
static const struct field_rule doel_edit_rules[G_COUNT] = {
	[G_LEEFGEBIED] = {.name = "leefgebied", .label = "Leefgebied",
	                  .kind = FIELD_CHOICE, .required = true, .choices = vocab_zrm_codes},
	[G_PERSOON] = {.name = "persoon", .label = "Voor wie", .kind = FIELD_ID},
	[G_WENS] = {.name = "wens", .label = "Wat de inwoner wil bereiken",
	            .kind = FIELD_TEXT, .required = true, .max_len = 2000},
	[G_STREEFDATUM] = {.name = "streefdatum", .label = "Streefdatum", .kind = FIELD_DATE, .required = true},
	[G_STATUS] = {.name = "status", .label = "Status",
	              .kind = FIELD_CHOICE, .required = true, .choices = goal_status_codes},
	[G_VERSIE] = {.name = "versie", .label = "Versie",
	              .kind = FIELD_INT, .required = true, .min = 1, .max = INT64_MAX},
};

static const struct field_rule version_rules[] = {
	{.name = "versie", .label = "Versie", .kind = FIELD_INT, .required = true, .min = 1, .max = INT64_MAX},
};

/* A new agreement from the API; the browser picks "wie" from one list
 * (afspraak_form_rules). */
enum { A_WIE_SOORT, A_WIE_ID, A_WAT, A_UITERLIJK, A_COUNT };
static const struct field_rule afspraak_api_rules[A_COUNT] = {
	[A_WIE_SOORT] = {.name = "wie_soort", .label = "Soort uitvoerder",
	                 .kind = FIELD_CHOICE, .required = true, .choices = who_codes},
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

static const char MSG_NOT_CONCEPT[] =
	"Dit plan is vastgesteld: de inwoner is ermee akkoord gegaan. Maak eerst een nieuwe versie om het te "
	"wijzigen; de vastgestelde versie blijft dan leesbaar.";
static const char MSG_CLOSED[] = "Dit plan is afgesloten en kan niet meer worden gewijzigd.";

/* ---- small helpers ---------------------------------------------------------- */

json_t *plan_date_nl_json(const char *iso)
{
	if (!iso || !*iso)
		return json_null();
	char out[11];
	fmt_date_nl(iso, out);
	return json_string(out);
}

static json_t *ref_json(int64_t id, const char *name)
{
	if (id <= 0)
		return json_null();
	return json_pack("{s:I, s:s}", "id", (json_int_t)id, "naam", name ? name : "");
}

static bool is_overdue(const char *due, const char *done)
{
	char today[11];
	date_today(today);
	return !done && due && strcmp(due, today) < 0;
}

/* Appends an audit row for a change and commits; rolls back on failure.
 * The caller began the transaction. */
enum db_status plan_audit_commit(struct req *r, db *d, const char *action, const char *object_type,
                                   int64_t object_id, int64_t hh, const struct hh_access_info *acc)
{
	struct audit_entry e = {.medewerker_id = r->user->id, .action = action, .object_type = object_type,
	                        .object_id = object_id, .huishouden_id = hh, .reason = acc->exception_reason,
	                        .client_addr = r->client_addr};
	if (audit_append(d, &e) != DB_OK || db_commit(d) != 0) {
		db_rollback(d);
		return DB_ERROR;
	}
	return DB_OK;
}

/* ---- the API representation ------------------------------------------------- */

json_t *plan_rolgesprek_json(const struct rolgesprek *c)
{
	json_t *o = json_pack("{s:I, s:I, s:s, s:s, s:o, s:o, s:s?, s:s?, s:I}", "id", (json_int_t)c->id, "doel_id",
	                      (json_int_t)c->doel_id, "niveau", c->level, "bijdrage", c->contribution, "netwerklid",
	                      ref_json(c->netwerklid_id, c->netwerklid), "sociale_kaart",
	                      ref_json(c->sociale_kaart_id, c->sociale_kaart), "beoogd_effect", c->intended_effect,
	                      "onderbouwing", c->justification, "versie", (json_int_t)c->version);
	json_t *steun = ref_json(c->supports_netwerklid_id, c->supports);
	if (json_is_object(steun) && c->supports_relation)
		json_object_set_new(steun, "relatie", json_string(c->supports_relation));
	json_object_set_new(o, "steun_aan", steun);
	json_object_set_new(o, "steun_aan_persoon", ref_json(c->supports_persoon_id, c->supports_persoon));
	return o;
}

static json_t *afspraak_json(const struct afspraak *a)
{
	return json_pack("{s:I, s:I, s:{s:s, s:I, s:s}, s:s, s:s, s:s?, s:b, s:I}", "id", (json_int_t)a->id,
	                 "doel_id", (json_int_t)a->doel_id, "wie", "soort", a->who_kind, "id", (json_int_t)a->who_id,
	                 "naam", a->who ? a->who : "", "wat", a->what, "uiterlijk", a->due_date, "gedaan_op",
	                 a->done_on, "te_laat", is_overdue(a->due_date, a->done_on), "versie",
	                 (json_int_t)a->version);
}

/* A goal with its rolgesprek and agreements; NULL on a database error. */
json_t *plan_doel_json(struct req *r, db *d, const struct doel *g)
{
	struct rolgesprek *c;
	struct afspraak *a;
	size_t nc, na;
	if (db_rolgesprek_list(d, r->arena, g->id, &c, &nc) != DB_OK ||
	    db_afspraak_list(d, r->arena, g->id, &a, &na) != DB_OK)
		return NULL;
	char changed[21];
	fmt_iso8601(g->changed_at, changed);
	json_t *o = json_pack("{s:I, s:I, s:s, s:o, s:s, s:s, s:s, s:s, s:s, s:I}", "id", (json_int_t)g->id,
	                      "plan_id", (json_int_t)g->plan_id, "leefgebied", g->domain, "persoon",
	                      ref_json(g->persoon_id, g->person), "wens", g->wish, "streefdatum", g->target_date,
	                      "status", g->status, "gewijzigd_door", g->changed_by ? g->changed_by : "",
	                      "gewijzigd_op", changed, "versie", (json_int_t)g->version);
	json_t *cl = json_array(), *al = json_array();
	for (size_t i = 0; i < nc; i++)
		json_array_append_new(cl, plan_rolgesprek_json(&c[i]));
	for (size_t i = 0; i < na; i++)
		json_array_append_new(al, afspraak_json(&a[i]));
	json_object_set_new(o, "rolgesprek", cl);
	json_object_set_new(o, "afspraken", al);
	return o;
}

/* The plan with every goal; with_versions adds "eerdere_versies" (left out
 * of snapshots).  NULL on a database error. */
json_t *plan_json(struct req *r, db *d, const struct plan *p, bool with_versions)
{
	struct doel *g;
	size_t n;
	if (db_doel_list(d, r->arena, p->id, &g, &n) != DB_OK)
		return NULL;
	char changed[21];
	fmt_iso8601(p->changed_at, changed);
	json_t *o = json_pack("{s:I, s:I, s:I, s:s, s:s?, s:s?, s:s?, s:s, s:s, s:I}", "id", (json_int_t)p->id,
	                      "huishouden_id", (json_int_t)p->huishouden_id, "versie_nr", (json_int_t)p->version_no,
	                      "status", p->status, "akkoord_op", p->agreed_on, "akkoord_hoe", p->agreed_how,
	                      "volgende_evaluatie", p->next_evaluation, "gewijzigd_door",
	                      p->changed_by ? p->changed_by : "", "gewijzigd_op", changed, "versie",
	                      (json_int_t)p->version);
	json_t *who = plan_instemming_json(r, d, p);
	if (!who) {
		json_decref(o);
		return NULL;
	}
	json_object_set_new(o, "akkoord_door", who);
	if (p->closed_on) {
		json_object_set_new(o, "afgesloten_op", json_string(p->closed_on));
		json_object_set_new(o, "reden_afsluiting", p->close_reason ? json_string(p->close_reason) : json_null());
	}
	json_t *goals = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *gj = plan_doel_json(r, d, &g[i]);
		if (!gj) {
			json_decref(goals);
			json_decref(o);
			return NULL;
		}
		json_array_append_new(goals, gj);
	}
	json_object_set_new(o, "doelen", goals);
	if (with_versions)
		json_object_set_new(o, "eerdere_versies", db_plan_versions(d, p->id));
	return o;
}

/* ---- page data from the representation ------------------------------------- */

/* "Steun aan Els de Vries (mantelzorger)" for a contribution that supports a
 * network member, or NULL. */
static const char *support_text(struct req *r, const json_t *c)
{
	const char *name = jstr(json_object_get(c, "steun_aan"), "naam");
	if (!name)
		name = jstr(json_object_get(c, "steun_aan_persoon"), "naam");
	return name ? arena_printf(r->arena, "Steun aan %s (mantelzorger)", name) : NULL;
}

/* A goal of plan JSON (live or snapshot) as page data: the four levels of
 * the rolgesprek in order, and the agreements. */
json_t *plan_page_goal(struct req *r, const json_t *gj, bool live)
{
	const char *domain = jstr(gj, "leefgebied");
	const char *status = jstr(gj, "status");
	json_t *o = json_pack("{s:I, s:s, s:s, s:o, s:s, s:I, s:b}", "id", jint(gj, "id"), "domain_label",
	                      vocab_label(&vocab_zrm_domain, domain ? domain : ""), "wish",
	                      jstr(gj, "wens") ? jstr(gj, "wens") : "", "target_nl", plan_date_nl_json(jstr(gj, "streefdatum")),
	                      "status_label", vocab_label(&vocab_goal_status, status ? status : ""), "versie",
	                      jint(gj, "versie"), "live", live);
	const char *person = jstr(json_object_get(gj, "persoon"), "naam");
	if (person)
		json_object_set_new(o, "person", json_string(person));
	json_t *levels = json_array();
	bool any = false;
	for (int l = 0; l < L_COUNT; l++) {
		json_t *items = json_array();
		size_t i;
		json_t *c;
		json_array_foreach(json_object_get(gj, "rolgesprek"), i, c) {
			const char *lv = jstr(c, "niveau");
			if (!lv || strcmp(lv, plan_level_codes[l]) != 0)
				continue;
			const char *by = jstr(json_object_get(c, "netwerklid"), "naam");
			if (!by)
				by = jstr(json_object_get(c, "sociale_kaart"), "naam");
			json_t *item = json_pack("{s:I, s:s, s:s?, s:s?, s:s?, s:s?}", "id", jint(c, "id"), "text",
			                         jstr(c, "bijdrage") ? jstr(c, "bijdrage") : "", "by", by, "effect",
			                         jstr(c, "beoogd_effect"), "justification", jstr(c, "onderbouwing"),
			                         "support", support_text(r, c));
			json_array_append_new(items, item);
		}
		any = any || json_array_size(items) > 0;
		json_array_append_new(levels, json_pack("{s:i, s:s, s:s, s:b, s:o}", "nr", l + 1, "code", plan_level_codes[l],
		                                        "label", plan_level_labels[l], "has_items",
		                                        json_array_size(items) > 0, "items", items));
	}
	json_object_set_new(o, "levels", levels);
	json_object_set_new(o, "has_rolgesprek", json_boolean(any));
	json_t *afs = json_array();
	size_t i;
	json_t *a;
	json_array_foreach(json_object_get(gj, "afspraken"), i, a) {
		const json_t *who = json_object_get(a, "wie");
		const char *kind = jstr(who, "soort");
		bool done = jstr(a, "gedaan_op") != NULL;
		json_array_append_new(afs, json_pack("{s:I, s:s, s:s, s:s, s:o, s:o, s:b, s:b, s:I, s:b}", "id",
		        jint(a, "id"), "who", jstr(who, "naam") ? jstr(who, "naam") : "", "who_kind",
		        vocab_label(&vocab_who, kind ? kind : ""), "what", jstr(a, "wat") ? jstr(a, "wat") : "", "due_nl",
		        plan_date_nl_json(jstr(a, "uiterlijk")), "done_nl", plan_date_nl_json(jstr(a, "gedaan_op")), "done", done,
		        "overdue", live && json_is_true(json_object_get(a, "te_laat")), "versie", jint(a, "versie"),
		        "live", live));
	}
	json_object_set_new(o, "has_afspraken", json_boolean(json_array_size(afs) > 0));
	json_object_set_new(o, "afspraken", afs);
	return o;
}

/* Page data for a plan JSON: "plan" and "goals". */
void plan_page_fill(struct req *r, json_t *data, const json_t *pj, bool live)
{
	const char *status = jstr(pj, "status") ? jstr(pj, "status") : "";
	json_t *p = json_pack("{s:I, s:s, s:s, s:b, s:b, s:I, s:o, s:o, s:I, s:b}", "id", jint(pj, "id"), "status",
	                      status, "status_label", vocab_label(&vocab_plan_status, status), "is_concept",
	                      strcmp(status, "concept") == 0, "is_closed", strcmp(status, "afgesloten") == 0,
	                      "versie_nr", jint(pj, "versie_nr"), "akkoord_nl", plan_date_nl_json(jstr(pj, "akkoord_op")),
	                      "evaluatie_nl", plan_date_nl_json(jstr(pj, "volgende_evaluatie")), "versie",
	                      jint(pj, "versie"), "live", live);
	const char *how = jstr(pj, "akkoord_hoe");
	if (how)
		json_object_set_new(p, "akkoord_hoe_label", json_string(vocab_label(&vocab_plan_how, how)));
	plan_instemming_page(p, json_object_get(pj, "akkoord_door"));
	json_object_set_new(p, "may_new_version", json_boolean(live && (strcmp(status, "vastgesteld") == 0 ||
	                                                                 strcmp(status, "geevalueerd") == 0)));
	json_object_set_new(p, "may_edit", json_boolean(live && strcmp(status, "concept") == 0));
	json_t *goals = json_array();
	size_t i;
	json_t *g;
	json_array_foreach(json_object_get(pj, "doelen"), i, g) {
		json_t *pg = plan_page_goal(r, g, live);
		json_object_set_new(pg, "may_edit", json_boolean(live && strcmp(status, "concept") == 0));
		json_object_set_new(pg, "may_mark_done", json_boolean(live && strcmp(status, "afgesloten") != 0));
		json_array_append_new(goals, pg);
	}
	json_object_set_new(p, "has_goals", json_boolean(json_array_size(goals) > 0));
	json_object_set_new(p, "goals", goals);
	json_t *versions = json_object_get(pj, "eerdere_versies");
	if (versions) {
		json_t *vl = json_array();
		json_t *v;
		json_array_foreach(versions, i, v) {
			const char *vs = jstr(v, "status");
			json_array_append_new(vl, json_pack("{s:I, s:s, s:s, s:s}", "nr", jint(v, "versie_nr"), "status_label",
			        vocab_label(&vocab_plan_status, vs ? vs : ""), "saved_nl",
			        jstr(v, "opgeslagen_op_nl") ? jstr(v, "opgeslagen_op_nl") : "", "saved_by",
			        jstr(v, "opgeslagen_door") ? jstr(v, "opgeslagen_door") : ""));
		}
		json_object_set_new(p, "has_versions", json_boolean(json_array_size(vl) > 0));
		json_object_set_new(p, "versions", vl);
	}
	json_object_set_new(data, "plan", p);
}

/* ---- loading with need-to-know --------------------------------------------- */

/* Each loader reads the object, then checks access to its household
 * (auditing the view as audit_action when not NULL); replies and returns -1
 * when unknown or refused. */
int plan_load(struct req *r, db *d, int64_t id, const char *audit_action, struct plan *p,
                     struct hh_access_info *acc)
{
	enum db_status s = db_plan_get(d, r->arena, id, p);
	if (s != DB_OK)
		return reply_lookup(r, s, "Dit plan bestaat niet.");
	return require_household(r, p->huishouden_id, audit_action, "plan", id, acc);
}

int plan_load_doel(struct req *r, db *d, int64_t id, const char *audit_action, struct doel *g,
                     struct hh_access_info *acc)
{
	enum db_status s = db_doel_get(d, r->arena, id, g);
	if (s != DB_OK)
		return reply_lookup(r, s, "Dit doel bestaat niet.");
	return require_household(r, g->huishouden_id, audit_action, "doel", id, acc);
}

/* Replies 409 and returns -1 unless plan p may be changed (a concept). */
int plan_require_concept(struct req *r, const struct plan *p)
{
	if (strcmp(p->status, "concept") == 0)
		return 0;
	reply_error(r, ERR_CONFLICT, strcmp(p->status, "afgesloten") == 0 ? MSG_CLOSED : MSG_NOT_CONCEPT);
	return -1;
}

/* The plan of goal g, which must still be a concept. */
int plan_load_concept_of(struct req *r, db *d, int64_t plan_id, struct plan *p)
{
	enum db_status s = db_plan_get(d, r->arena, plan_id, p);
	if (s != DB_OK)
		return reply_lookup(r, s, "Dit plan bestaat niet.");
	return plan_require_concept(r, p);
}

/* ---- the plan page ---------------------------------------------------------- */

static const char *plan_path(struct req *r, int64_t hh)
{
	return arena_printf(r->arena, "/huishoudens/%lld/plan", (long long)hh);
}

/* After a committed change to plan id: the browser goes to the plan page
 * (with notice, a query such as "vastgesteld=1", or NULL), the API gets the
 * plan as it is now with status. */
int plan_reply_changed(struct req *r, db *d, int64_t id, int64_t hh, const char *notice, unsigned status)
{
	if (!r->is_api)
		return reply_redirect(r, notice ? arena_printf(r->arena, "%s?%s", plan_path(r, hh), notice)
		                                : plan_path(r, hh));
	struct plan now;
	json_t *o = db_plan_get(d, r->arena, id, &now) == DB_OK ? plan_json(r, d, &now, true) : NULL;
	return o ? reply_json(r, status, o) : -1;
}

/* The plan page of household hh (plan p, or NULL when it has none yet);
 * alert is shown on top; done_id/done_value keep the date typed for the
 * agreement whose "gedaan" was refused. */
/* The plan's evaluations and whether one can be held now (issue 4 item 6:
 * a vastgesteld or geevalueerd plan is evaluated). */
static enum db_status plan_evaluations(struct req *r, db *d, const struct plan *p, json_t *data)
{
	struct evaluatie *list = NULL;
	size_t n = 0;
	enum db_status s = db_evaluatie_list(d, r->arena, p->id, &list, &n);
	if (s != DB_OK)
		return s;
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *o = json_pack("{s:I, s:s}", "id", (json_int_t)list[i].id, "held_nl", list[i].held_nl);
		if (list[i].summary)
			json_object_set_new(o, "summary", json_string(list[i].summary));
		json_array_append_new(arr, o);
	}
	json_object_set_new(data, "has_evaluaties", json_boolean(n > 0));
	json_object_set_new(data, "evaluaties", arr);
	bool can = strcmp(p->status, "vastgesteld") == 0 || strcmp(p->status, "geevalueerd") == 0;
	json_object_set_new(data, "can_evaluate", json_boolean(can));
	return DB_OK;
}

/* Adds "days_overdue_text" ("1 dag", "3 dagen") to each agreement of list. */
static json_t *overdue_words(struct req *r, json_t *list)
{
	size_t i;
	json_t *a;
	json_array_foreach(list, i, a)
		json_object_set_new(a, "days_overdue_text", json_string(text_count(r->arena, jint(a, "days_overdue"), "dag",
		                                                                    "dagen")));
	return list;
}

int plan_render_page(struct req *r, db *d, int64_t hh, const struct plan *p, unsigned status,
                            const char *alert, int64_t done_id, const char *done_value)
{
	json_t *data = json_object();
	if (care_household(r, d, hh, data) != DB_OK) {
		json_decref(data);
		return -1;
	}
	if (p) {
		json_t *pj = plan_json(r, d, p, true);
		if (!pj) {
			json_decref(data);
			return -1;
		}
		plan_page_fill(r, data, pj, true);
		json_decref(pj);
		char today[11];
		date_today(today);
		json_t *goal;
		size_t i;
		json_array_foreach(json_object_get(json_object_get(data, "plan"), "goals"), i, goal) {
			json_t *mb = db_moreel_beraad_for_goal(d, jint(goal, "id"));
			json_object_set_new(goal, "has_moreel_beraad", json_boolean(json_array_size(mb) > 0));
			json_object_set_new(goal, "moreel_beraad", mb ? mb : json_array());
			json_t *a;
			size_t k;
			json_array_foreach(json_object_get(goal, "afspraken"), k, a) {
				bool kept = done_id && jint(a, "id") == done_id;
				json_object_set_new(a, "done_value", json_string(kept && done_value ? done_value : today));
			}
		}
		json_t *overdue = overdue_words(r, db_afspraken_overdue_for_household(d, hh));
		json_object_set_new(data, "has_afspraken_overdue", json_boolean(json_array_size(overdue) > 0));
		json_object_set_new(data, "afspraken_overdue", overdue);
		if (plan_evaluations(r, d, p, data) != DB_OK) {
			json_decref(data);
			return -1;
		}
	}
	if (zrm_progress_fill(r, d, hh, data) != DB_OK) {
		json_decref(data);
		return -1;
	}
	json_object_set_new(data, "has_plan", json_boolean(p != NULL));
	json_object_set_new(data, "live", json_true());
	if (heropenen_to_page(r, d, hh, data) != DB_OK) {
		json_decref(data);
		return -1;
	}
	if (alert)
		json_object_set_new(data, "alert", json_string(alert));
	if (req_query(r, "vastgesteld"))
		json_object_set_new(data, "notice", json_string("Het plan is vastgesteld."));
	if (req_query(r, "nieuwe_versie"))
		json_object_set_new(data, "notice", json_string("Er is een nieuwe versie van het plan gemaakt. De vorige "
		                                                "versie staat onder Eerdere versies."));
	return reply_page(r, status, "plan", "Plan", data);
}

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

/* What the plan looks like now, for a refused save. */
const char *plan_changed_text(struct req *r, db *d, const struct plan *now)
{
	struct doel *g;
	size_t n = 0;
	if (db_doel_list(d, r->arena, now->id, &g, &n) != DB_OK)
		n = 0;
	char when[20];
	fmt_datetime_nl(now->changed_at, when);
	return arena_printf(r->arena, "Het plan is intussen gewijzigd door %s op %s. Nu: versie %lld, status %s, "
	                    "%zu %s. Uw wijziging is niet opgeslagen; uw invoer staat er nog. Controleer het plan en "
	                    "probeer het opnieuw.",
	                    now->changed_by ? now->changed_by : "een collega", when, (long long)now->version_no,
	                    vocab_label(&vocab_plan_status, now->status), n, n == 1 ? "doel" : "doelen");
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
		refusal = MSG_CLOSED;
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
			const char *value = arena_printf(r->arena, "%s-%lld", who_codes[k], (long long)jint(o, "id"));
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
	if (db_afspraak_get(d, r->arena, id, &now) != DB_OK || reply_json(r, 201, afspraak_json(&now)) != 0)
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
		reply_error(r, ERR_CONFLICT, MSG_CLOSED);
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
			return care_reply_conflict(r, msg, afspraak_json(&now)) == 0 ? 0 : -1;
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
	return reply_json(r, 200, afspraak_json(&now));
}

/* ---- the household page ----------------------------------------------------- */

enum db_status overview_fill_plan(struct req *r, db *d, int64_t hh, json_t *data)
{
	struct plan p;
	enum db_status s = db_plan_for_household(d, r->arena, hh, &p);
	if (s == DB_NOT_FOUND) {
		json_object_set_new(data, "has_plan", json_false());
		json_object_set_new(data, "afspraken_overdue", json_array());
		json_object_set_new(data, "has_afspraken_overdue", json_false());
		return DB_OK;
	}
	if (s != DB_OK)
		return s;
	struct doel *g;
	size_t n;
	if ((s = db_doel_list(d, r->arena, p.id, &g, &n)) != DB_OK)
		return s;
	json_t *goals = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(goals, json_pack("{s:I, s:s, s:s, s:o, s:s}", "id", (json_int_t)g[i].id,
		                                       "domain_label", vocab_label(&vocab_zrm_domain, g[i].domain), "wish",
		                                       g[i].wish, "target_nl", plan_date_nl_json(g[i].target_date),
		                                       "status_label", vocab_label(&vocab_goal_status, g[i].status)));
	json_t *summary = json_pack("{s:I, s:s, s:I, s:b, s:o}", "id", (json_int_t)p.id, "status_label",
	                            vocab_label(&vocab_plan_status, p.status), "version_no", (json_int_t)p.version_no,
	                            "has_goals", n > 0, "goals", goals);
	json_object_set_new(summary, "status", json_string(p.status));
	if (p.next_evaluation) {
		json_object_set_new(summary, "next_evaluation", json_string(p.next_evaluation));
		json_object_set_new(summary, "next_evaluation_nl", plan_date_nl_json(p.next_evaluation));
	}
	json_object_set_new(data, "plan", summary);
	json_object_set_new(data, "has_plan", json_true());
	json_t *overdue = overdue_words(r, db_afspraken_overdue_for_household(d, hh));
	json_object_set_new(data, "has_afspraken_overdue", json_boolean(json_array_size(overdue) > 0));
	json_object_set_new(data, "afspraken_overdue", overdue);
	return DB_OK;
}
