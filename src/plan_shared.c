/* plan_shared.c - what the plan's handler files share (include/plan_shared.h):
 * the plan's vocabularies, its JSON, the page data built from that JSON,
 * loading a plan or goal with the access check, the plan page itself,
 * the reply after a change, and who agreed to a version.  Used by
 * src/handlers/plan.c, doel.c, afspraak.c, rolgesprek.c and
 * plan_vaststellen.c.  Also the plan's part of the household page
 * (overview_fill_plan, include/overview.h, for src/handlers/overzicht.c).
 *
 * One representation drives everything: plan_json() builds the API's JSON
 * of a plan with its goals, contributions and agreements; a new version
 * stores exactly that as its snapshot, and plan_page_fill() turns either the
 * live JSON or a snapshot into page data, so an earlier version is shown
 * with the same look.
 *
 * Goals, contributions and agreements can only be added or changed while
 * the plan is a concept (plan_require_concept): a vastgesteld plan is what
 * the resident agreed to, so changing it starts a new version first. */
#include <string.h>

#include "access.h"
#include "audit.h"
#include "care.h"
#include "db_evaluatie.h"
#include "db_plan.h"
#include "db_plan_instemming.h"
#include "db_voorziening.h"
#include "domain.h"
#include "form.h"
#include "gezondheid.h"
#include "http.h"
#include "overview.h"
#include "plan_shared.h"
#include "text.h"
#include "util.h"
#include "voorziening_stap.h"

/* ---- vocabularies of the plan ---------------------------------------------- */

static const char *const plan_status_codes[] = {"concept", "vastgesteld", "geevalueerd", "afgesloten", NULL};
static const char *const plan_status_labels[] = {"Concept", "Vastgesteld", "Geëvalueerd", "Afgesloten", NULL};
const struct vocab vocab_plan_status = {plan_status_codes, plan_status_labels};

const char *const plan_how_codes[] = {"op_papier", "mondeling", "digitaal", NULL};
static const char *const how_labels[] = {"Op papier", "Mondeling", "Digitaal", NULL};
const struct vocab vocab_plan_how = {plan_how_codes, how_labels};

const char *const plan_goal_status_codes[] = {"open", "bezig", "bereikt", "deels_bereikt", "niet_bereikt",
                                         "vervallen", NULL};
static const char *const goal_status_labels[] = {"Open", "Bezig", "Bereikt", "Deels bereikt", "Niet bereikt",
                                                 "Vervallen", NULL};
const struct vocab vocab_goal_status = {plan_goal_status_codes, goal_status_labels};

/* The rolgesprek from own strength outwards, in this order. */
const char *const plan_level_codes[] = {"inwoner", "netwerk", "voorliggend_veld", "gemeente", NULL};
const char *const plan_level_labels[] = {"Inwoner zelf", "Netwerk", "Voorliggend veld", "Gemeente", NULL};

const char *const plan_who_codes[] = {"inwoner", "netwerklid", "medewerker", "aanbieder", NULL};
static const char *const who_labels[] = {"Inwoner", "Netwerklid", "Medewerker", "Aanbieder", NULL};
const struct vocab vocab_plan_who = {plan_who_codes, who_labels};

static const char MSG_NOT_CONCEPT[] =
	"Dit plan is vastgesteld: de inwoner is ermee akkoord gegaan. Maak eerst een nieuwe versie om het te "
	"wijzigen; de vastgestelde versie blijft dan leesbaar.";
const char plan_msg_closed[] = "Dit plan is afgesloten en kan niet meer worden gewijzigd.";

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

json_t *plan_afspraak_json(const struct afspraak *a)
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
		json_array_append_new(al, plan_afspraak_json(&a[i]));
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
		        vocab_label(&vocab_plan_who, kind ? kind : ""), "what", jstr(a, "wat") ? jstr(a, "wat") : "", "due_nl",
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
	reply_error(r, ERR_CONFLICT, strcmp(p->status, "afgesloten") == 0 ? plan_msg_closed : MSG_NOT_CONCEPT);
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

const char *plan_path(struct req *r, int64_t hh)
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
json_t *plan_overdue_words(struct req *r, json_t *list)
{
	size_t i;
	json_t *a;
	json_array_foreach(list, i, a)
		json_object_set_new(a, "days_overdue_text", json_string(text_count(r->arena, jint(a, "days_overdue"), "dag",
		                                                                    "dagen")));
	return list;
}
/* Under each goal of the page, the voorzieningen that serve it (issue 16
 * item 1; voorziening_doel, so one serving two goals is under both):
 * [{id, label, status_label}]. */
static enum db_status goal_voorzieningen(struct req *r, db *d, int64_t hh, json_t *data)
{
	json_t *all = db_voorziening_list(d, hh);
	if (!all)
		return DB_ERROR;
	json_t *goal;
	size_t i;
	json_array_foreach(json_object_get(json_object_get(data, "plan"), "goals"), i, goal) {
		json_t *list = json_array();
		json_t *v;
		size_t k;
		json_array_foreach(all, k, v) {
			bool serves = false;
			size_t g;
			json_t *gid;
			json_array_foreach(json_object_get(v, "doel_ids"), g, gid)
				serves = serves || json_integer_value(gid) == jint(goal, "id");
			if (!serves)
				continue;
			const char *product = json_string_value(json_object_get(v, "product"));
			const char *what = product ? product : json_string_value(json_object_get(v, "sociale_kaart"));
			const char *who = json_string_value(json_object_get(v, "aanbieder"));
			char from[11], to[11];
			text_date_nl(json_string_value(json_object_get(v, "ingangsdatum")), from);
			text_date_nl(json_string_value(json_object_get(v, "einddatum")), to);
			json_array_append_new(list, json_pack("{s:I, s:s, s:s}", "id", (json_int_t)jint(v, "id"), "label",
			                                      arena_printf(r->arena, "%s%s%s, %s tot en met %s", what ? what : "?",
			                                                   who ? " – " : "", who ? who : "", from, to),
			                                      "status_label",
			                                      vocab_label(&vocab_voorziening_status,
			                                                  json_string_value(json_object_get(v, "status")))));
		}
		json_object_set_new(goal, "has_voorzieningen", json_boolean(json_array_size(list) > 0));
		json_object_set_new(goal, "voorzieningen", list);
	}
	json_decref(all);
	return DB_OK;
}

/* The plan page of household hh (plan p, or NULL when it has none yet);
 * alert is shown on top; done_id/done_value keep the date typed for the
 * agreement whose "gedaan" was refused. */
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
		if (goal_voorzieningen(r, d, hh, data) != DB_OK) {
			json_decref(data);
			return -1;
		}
		json_t *overdue = plan_overdue_words(r, db_afspraken_overdue_for_household(d, hh));
		json_object_set_new(data, "has_afspraken_overdue", json_boolean(json_array_size(overdue) > 0));
		json_object_set_new(data, "afspraken_overdue", overdue);
		if (plan_evaluations(r, d, p, data) != DB_OK) {
			json_decref(data);
			return -1;
		}
	}
	if (zrm_progress_fill(r, d, hh, data) != DB_OK || pg_chart_fill(r, d, hh, data) != DB_OK) {
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


/* ---- who agreed, for the plan's JSON and page --------------------------------- */

json_t *plan_instemming_json(struct req *r, db *d, const struct plan *p)
{
	struct plan_instemming *list;
	size_t n;
	if (db_plan_instemming_list(d, r->arena, p->id, p->version_no, &list, &n) != DB_OK)
		return NULL;
	json_t *people = json_array(), *rep = json_null();
	for (size_t i = 0; i < n; i++) {
		if (list[i].representative) {
			json_decref(rep);
			rep = json_string(list[i].name);
		} else {
			json_t *o = json_pack("{s:o, s:s}", "persoon_id",
			                      list[i].persoon_id ? json_integer(list[i].persoon_id) : json_null(), "naam",
			                      list[i].name);
			json_array_append_new(people, o);
		}
	}
	return json_pack("{s:o, s:o}", "personen", people, "vertegenwoordiger", rep);
}

void plan_instemming_page(json_t *p, const json_t *akkoord)
{
	json_t *names = json_array();
	size_t i;
	json_t *o;
	json_array_foreach(json_object_get(akkoord, "personen"), i, o)
		json_array_append_new(names, json_pack("{s:s}", "naam", jstr(o, "naam")));
	if (jstr(akkoord, "vertegenwoordiger"))
		json_array_append_new(names, json_pack("{s:s}", "naam", jstr(akkoord, "vertegenwoordiger")));
	json_object_set_new(p, "has_akkoord_door", json_boolean(json_array_size(names) > 0));
	json_object_set_new(p, "akkoord_door", names);
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
	json_t *overdue = plan_overdue_words(r, db_afspraken_overdue_for_household(d, hh));
	json_object_set_new(data, "has_afspraken_overdue", json_boolean(json_array_size(overdue) > 0));
	json_object_set_new(data, "afspraken_overdue", overdue);
	return DB_OK;
}
