/* rolgesprek.c - the rolgesprek of a goal: what the resident, the network,
 * the voorliggend veld and the gemeente contribute, from the inside out.
 * The page (also the API's list) and adding or saving contributions; one
 * recorded contribution through the API is in bijdrage.c, what both share
 * in src/rolgesprek_shared.c.
 *
 * The page is one form for the whole rolgesprek (issue 12 item 3): a new
 * contribution per level and every contribution already recorded, editable
 * in place or ticked for removal, saved together in one POST and one
 * transaction.  Nothing typed is lost: on an error the whole form comes
 * back with every level's input, the message at the field and the field
 * named in the error summary; a contribution someone else changed in the
 * meantime (its version) refuses the save with what it says now.
 *
 * Form names are "<prefix>-<field>": the prefix is the level's code for a
 * new contribution ("gemeente-beoogd_effect") and "c<id>" for a recorded
 * one ("c12-bijdrage", "c12-versie", "c12-verwijderen"); a new netwerk
 * contribution is a checkbox lid_<id> with a text bijdrage_<id> per
 * network member.  A POST that names "niveau" adds one contribution, as
 * the API does (and the page did before). */
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "audit.h"
#include "care.h"
#include "db_plan.h"
#include "domain.h"
#include "form.h"
#include "handlers.h"
#include "plan_shared.h"
#include "rolgesprek_shared.h"

/* What the error summary calls each field after the level ("Gemeente,
 * beoogd effect": rolgesprek_rules' labels in lower case). */
static const char *const field_labels[R_COUNT] = {
	[R_NIVEAU] = "niveau", [R_BIJDRAGE] = "bijdrage", [R_NETWERKLID] = "netwerklid",
	[R_SOCIALE_KAART] = "voorziening", [R_EFFECT] = "beoogd effect", [R_ONDERBOUWING] = "onderbouwing",
	[R_STEUN] = "steun aan een netwerklid", [R_STEUN_PERSOON] = "steun aan een lid van het huishouden",
};
static const char MSG_STALE[] = "Iemand anders heeft het rolgesprek intussen gewijzigd. Er is niets opgeslagen; uw "
                                "invoer staat hieronder. Controleer de gemarkeerde bijdragen en sla opnieuw op.";

/* ---- one block of the form ------------------------------------------------ */

/* A new contribution at a level, or a recorded one. */
struct entry {
	int level;
	const struct rolgesprek *old; /* NULL: new */
	int nr;                       /* recorded: 1-based within its level */
	const char *prefix;           /* "gemeente" or "c12" */
	struct field_value v[R_COUNT];
	int64_t version;              /* recorded: the version the page showed */
	bool remove;                  /* recorded: ticked for removal */
	bool present;                 /* something to save: typed (new), changed or removed */
	const char *stale;            /* recorded: what changed meanwhile */
};

/* What the browser's netwerk block sends for a new contribution: per active
 * network member a checkbox lid_<id> and a text bijdrage_<id>. */
struct member_input {
	int64_t id;
	const char *name;
	bool chosen;
	const char *text;
	const char *error;
};
static int entries_from_db(struct req *r, db *d, int64_t doel_id, struct entry **out, size_t *n)
{
	struct rolgesprek *c;
	size_t nc;
	if (db_rolgesprek_list(d, r->arena, doel_id, &c, &nc) != DB_OK)
		return -1;
	*n = nc + L_COUNT;
	*out = arena_alloc(r->arena, *n * sizeof **out);
	memset(*out, 0, *n * sizeof **out);
	int per_level[L_COUNT] = {0};
	for (size_t i = 0; i < nc; i++) {
		struct entry *e = &(*out)[i];
		e->level = rolgesprek_level_of(c[i].level);
		e->old = &c[i];
		e->nr = ++per_level[e->level];
		e->prefix = arena_printf(r->arena, "c%lld", (long long)c[i].id);
		e->version = c[i].version;
		rolgesprek_values_of(r, &c[i], e->v);
	}
	for (int l = 0; l < L_COUNT; l++) {
		struct entry *e = &(*out)[nc + (size_t)l];
		e->level = l;
		e->prefix = plan_level_codes[l];
		rolgesprek_blank_values(r, e->v);
	}
	return 0;
}

/* Reads entry e's fields from the form (validated by rolgesprek_rules under e's
 * prefix) and decides whether it is present.  Returns the errors found. */
static int read_entry(struct req *r, struct entry *e)
{
	struct field_rule rules[R_COUNT];
	for (int i = 0; i < R_COUNT; i++) {
		rules[i] = rolgesprek_rules[i];
		rules[i].required = false;
		rules[i].name = arena_printf(r->arena, "%s-%s", e->prefix, rolgesprek_rules[i].name);
	}
	struct field_value v[R_COUNT];
	form_validate(r->arena, r->form, rules, R_COUNT, v);
	if (e->old) {
		struct field_rule er[E_COUNT];
		struct field_value ev[E_COUNT];
		for (int i = 0; i < E_COUNT; i++) {
			er[i] = rolgesprek_entry_rules[i];
			er[i].name = arena_printf(r->arena, "%s-%s", e->prefix, rolgesprek_entry_rules[i].name);
		}
		form_validate(r->arena, r->form, er, E_COUNT, ev);
		if (!form_get(r->form, er[E_VERSIE].name))
			return 0; /* not on the page that was sent: keep it as stored */
		if (ev[E_VERSIE].error)
			return -1;
		e->version = ev[E_VERSIE].id;
		e->remove = ev[E_VERWIJDEREN].checked;
	}
	int errors = 0;
	bool typed = false, changed = false;
	for (int i = 0; i < R_COUNT; i++) {
		if (!(rolgesprek_level_fields[e->level] & ROL_BIT(i)))
			continue;
		typed = typed || v[i].text[0];
		if (e->old)
			changed = changed || strcmp(v[i].text, e->v[i].text) != 0;
		e->v[i] = v[i];
		errors += v[i].error != NULL;
	}
	e->present = e->old ? changed || e->remove : typed;
	return e->remove ? 0 : errors;
}
/* The browser's new netwerk contributions: one per chosen member.  Fills
 * members (arena array); *chosen counts the chosen ones.  Returns the
 * number of errors. */
static int read_members(struct req *r, db *d, int64_t hh, struct member_input **out, size_t *n, int *chosen)
{
	json_t *network = db_plan_choices(d, REF_NETWERKLID, hh);
	*n = json_array_size(network);
	*out = *n ? arena_alloc(r->arena, *n * sizeof **out) : NULL;
	int errors = 0;
	*chosen = 0;
	size_t i;
	json_t *m;
	json_array_foreach(network, i, m) {
		struct member_input *mi = &(*out)[i];
		mi->id = jint(m, "id");
		mi->name = arena_strdup(r->arena, jstr(m, "name"));
		const char *label = arena_printf(r->arena, "Netwerk, %s", mi->name);
		const struct field_rule rules[] = {
			{.name = arena_printf(r->arena, "lid_%lld", (long long)mi->id), .label = label,
			 .kind = FIELD_CHECKBOX},
			{.name = arena_printf(r->arena, "bijdrage_%lld", (long long)mi->id), .label = label,
			 .kind = FIELD_TEXT,
			 .max_len = 2000},
		};
		struct field_value fv[2];
		form_validate(r->arena, r->form, rules, 2, fv);
		mi->text = fv[1].text;
		/* Text typed for a member counts as choosing that member. */
		mi->chosen = fv[0].checked || fv[1].text[0];
		mi->error = fv[1].error;
		if (!mi->error && mi->chosen && !mi->text[0])
			mi->error = arena_printf(r->arena, "Schrijf op wat %s doet.", mi->name);
		errors += mi->error != NULL;
		*chosen += mi->chosen;
	}
	json_decref(network);
	return errors;
}

/* ---- the page ---------------------------------------------------------------- */

/* Options of a select: [{id, name, extra label, selected}]. */
static json_t *options(const json_t *choices, int64_t selected, bool relation)
{
	json_t *out = json_array();
	size_t i;
	json_t *m;
	json_array_foreach(choices, i, m) {
		const char *extra = jstr(m, "extra");
		const char *label = relation ? vocab_label(&vocab_relation, extra ? extra : "") : extra;
		json_array_append_new(out, json_pack("{s:I, s:s, s:s?, s:b}", "id", jint(m, "id"), "name", jstr(m, "name"),
		                                     "extra", label && *label ? label : NULL, "selected",
		                                     jint(m, "id") == selected));
	}
	return out;
}

/* What the page shows of the stored contribution (read-only view). */
static json_t *shown(struct req *r, const struct rolgesprek *c)
{
	const char *by = c->netwerklid ? c->netwerklid : c->sociale_kaart;
	const char *who = c->supports ? c->supports : c->supports_persoon;
	return json_pack("{s:s?, s:s, s:s?, s:s?, s:s?}", "by", by, "text", c->contribution, "effect",
	                 c->intended_effect, "justification", c->justification, "support",
	                 who ? arena_printf(r->arena, "Steun aan %s (mantelzorger)", who) : NULL);
}

struct choices {
	json_t *network, *people, *kaart;
};

/* Page data of entry e; its errors go to data's summary. */
static json_t *entry_json(struct req *r, json_t *data, const struct entry *e, const struct choices *ch)
{
	const char *where = e->old ? arena_printf(r->arena, "%s, vastgelegde bijdrage %d", plan_level_labels[e->level], e->nr)
	                           : plan_level_labels[e->level];
	if (e->old && e->old->level && e->level == L_NETWERK && e->old->netwerklid)
		where = arena_printf(r->arena, "%s, %s", plan_level_labels[e->level], e->old->netwerklid);
	json_t *fields = json_object();
	for (int i = 0; i < R_COUNT; i++) {
		json_t *f = json_pack("{s:s}", "value", e->v[i].text);
		if (e->v[i].error && (rolgesprek_level_fields[e->level] & ROL_BIT(i))) {
			json_object_set_new(f, "error", json_string(e->v[i].error));
			json_object_set_new(f, "invalid", json_true());
			form_add_error(data, arena_printf(r->arena, "%s-%s", e->prefix, rolgesprek_rules[i].name),
			               arena_printf(r->arena, "%s, %s", where, field_labels[i]), e->v[i].error);
		}
		json_object_set_new(fields, rolgesprek_rules[i].name, f);
	}
	json_t *o = json_pack("{s:s, s:i, s:o, s:o, s:o, s:o}", "prefix", e->prefix, "nr", e->nr, "field", fields,
	                      "kaart_options", options(ch->kaart, e->v[R_SOCIALE_KAART].id, false), "steun_options",
	                      options(ch->network, e->v[R_STEUN].id, true), "steun_persoon_options",
	                      options(ch->people, e->v[R_STEUN_PERSOON].id, false));
	if (e->old) {
		json_object_set_new(o, "id", json_integer(e->old->id));
		json_object_set_new(o, "versie", json_integer(e->version));
		json_object_set_new(o, "remove", json_boolean(e->remove));
		json_object_set_new(o, "shown", shown(r, e->old));
		if (e->level == L_NETWERK && e->old->netwerklid)
			json_object_set_new(o, "member", json_string(e->old->netwerklid));
	}
	if (e->stale) {
		json_object_set_new(o, "stale", json_string(e->stale));
		form_add_error(data, arena_printf(r->arena, "%s-bijdrage", e->prefix), where, e->stale);
	}
	return o;
}

/* The rolgesprek page of goal g with entries (NULL: as stored) and the new
 * netwerk inputs members. */
static int render_rolgesprek(struct req *r, db *d, const struct doel *g, const struct plan *p, struct entry *entries,
                             size_t n, const struct member_input *members, size_t nmembers, unsigned status,
                             const char *alert)
{
	if (!entries && entries_from_db(r, d, g->id, &entries, &n) != 0)
		return -1;
	json_t *data = json_object();
	json_t *gj = plan_doel_json(r, d, g);
	if (!gj || care_household(r, d, g->huishouden_id, data) != DB_OK) {
		json_decref(gj);
		json_decref(data);
		return -1;
	}
	json_t *goal = plan_page_goal(r, gj, true);
	json_decref(gj);
	bool concept = strcmp(p->status, "concept") == 0;
	json_object_set_new(goal, "may_edit", json_boolean(concept));
	struct choices ch = {db_plan_choices(d, REF_NETWERKLID, g->huishouden_id),
	                     db_plan_choices(d, REF_PERSOON, g->huishouden_id), db_plan_choices(d, REF_SOCIALE_KAART, 0)};
	json_t *levels = json_array();
	for (int l = 0; l < L_COUNT; l++) {
		json_t *lv = json_pack("{s:i, s:s, s:s}", "nr", l + 1, "code", plan_level_codes[l], "label",
		                       plan_level_labels[l]);
		json_object_set_new(lv, arena_printf(r->arena, "is_%s", plan_level_codes[l]), json_true());
		json_object_set_new(lv, "is_voorliggend_of_gemeente", json_boolean(l == L_VOORLIGGEND || l == L_GEMEENTE));
		json_t *items = json_array();
		for (size_t i = 0; i < n; i++) {
			if (entries[i].level != l)
				continue;
			json_t *ej = entry_json(r, data, &entries[i], &ch);
			if (entries[i].old)
				json_array_append_new(items, ej);
			else
				json_object_set_new(lv, "new", ej);
		}
		json_object_set_new(lv, "has_items", json_boolean(json_array_size(items) > 0));
		json_object_set_new(lv, "items", items);
		json_array_append_new(levels, lv);
	}
	/* The new netwerk contributions: one per member. */
	json_t *mj = json_array();
	size_t i;
	json_t *m;
	json_array_foreach(ch.network, i, m) {
		int64_t id = jint(m, "id");
		const char *rel = jstr(m, "extra");
		json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:b, s:s}", "id", (json_int_t)id, "name", jstr(m, "name"),
		                      "relation", vocab_label(&vocab_relation, rel ? rel : ""), "check_field",
		                      arena_printf(r->arena, "lid_%lld", (long long)id), "text_field",
		                      arena_printf(r->arena, "bijdrage_%lld", (long long)id), "checked", false, "value", "");
		for (size_t k = 0; k < nmembers; k++) {
			if (members[k].id != id)
				continue;
			json_object_set_new(o, "checked", json_boolean(members[k].chosen));
			json_object_set_new(o, "value", json_string(members[k].text ? members[k].text : ""));
			if (members[k].error) {
				json_object_set_new(o, "error", json_string(members[k].error));
				json_object_set_new(o, "invalid", json_true());
				form_add_error(data, arena_printf(r->arena, "netwerk-bijdrage_%lld", (long long)id),
				               arena_printf(r->arena, "Netwerk, %s", members[k].name), members[k].error);
			}
		}
		json_array_append_new(mj, o);
	}
	json_object_set_new(json_array_get(levels, L_NETWERK), "members", mj);
	json_object_set_new(goal, "levels", levels);
	json_object_set_new(data, "has_network", json_boolean(json_array_size(ch.network) > 0));
	json_decref(ch.network);
	json_decref(ch.people);
	json_decref(ch.kaart);
	json_object_set_new(data, "goal", goal);
	json_object_set_new(data, "plan_id", json_integer(p->id));
	json_object_set_new(data, "concept", json_boolean(concept));
	if (alert)
		json_object_set_new(data, "alert", json_string(alert));
	if (req_query(r, "opgeslagen") && status == 200)
		json_object_set_new(data, "notice", json_string("Het rolgesprek is opgeslagen."));
	if (req_query(r, "ongewijzigd") && status == 200)
		json_object_set_new(data, "notice", json_string("Er was niets nieuws of gewijzigds om op te slaan."));
	return reply_page(r, status, "rolgesprek", "Rolgesprek", data);
}

int h_rolgesprek_page(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct doel g;
	struct plan p;
	struct hh_access_info acc;
	if (plan_load_doel(r, d, req_param_id(r, 0), "rolgesprek.view", &g, &acc) != 0)
		return 0;
	if (db_plan_get(d, r->arena, g.plan_id, &p) != DB_OK)
		return -1;
	if (r->is_api) {
		json_t *o = rolgesprek_list_json(r, d, g.id);
		return o ? reply_json(r, 200, o) : -1;
	}
	return render_rolgesprek(r, d, &g, &p, NULL, 0, NULL, 0, 200, NULL);
}

/* ---- saving ------------------------------------------------------------------ */

static enum db_status audit_row(struct req *r, db *d, const char *action, int64_t id, int64_t hh,
                                const struct hh_access_info *acc)
{
	struct audit_entry e = {.medewerker_id = r->user->id, .action = action, .object_type = "rolgesprek",
	                        .object_id = id, .huishouden_id = hh, .reason = acc->exception_reason,
	                        .client_addr = r->client_addr};
	return audit_append(d, &e);
}

static enum db_status save_all(struct req *r, db *d, const struct doel *g, const struct plan *p, struct entry *en,
                               size_t n, const struct member_input *members, size_t nmembers,
                               const struct hh_access_info *acc);

/* One contribution as the API (and a POST naming "niveau") sends it; the
 * browser's netwerk level as chosen members. */
static int add_one(struct req *r, db *d, const struct doel *g, const struct plan *p, const struct hh_access_info *acc)
{
	struct field_value *v = arena_alloc(r->arena, R_COUNT * sizeof *v);
	int errors = r->is_api ? form_validate_json(r->arena, r->json, rolgesprek_rules, R_COUNT, v)
	                       : form_validate(r->arena, r->form, rolgesprek_rules, R_COUNT, v);
	int level = v[R_NIVEAU].error ? -1 : (int)v[R_NIVEAU].bits;
	struct member_input *members = NULL;
	size_t nmembers = 0;
	int chosen = 0;
	const char *alert = level < 0 ? "Kies het niveau van de bijdrage." : NULL;
	if (level == L_NETWERK && !r->is_api) {
		errors = read_members(r, d, g->huishouden_id, &members, &nmembers, &chosen);
		if (!chosen) {
			errors++;
			alert = nmembers ? "Kies minstens één netwerklid en schrijf op wat die doet."
			                 : "Dit huishouden heeft nog geen netwerkleden. Voeg ze eerst toe bij Netwerk.";
		}
	} else if (level >= 0) {
		errors += rolgesprek_check(d, g->huishouden_id, level, v, true);
	}
	if (errors) {
		if (r->is_api)
			return reply_json_validation(r, form_errors_json(rolgesprek_rules, R_COUNT, v));
		struct entry *entries;
		size_t n;
		if (entries_from_db(r, d, g->id, &entries, &n) != 0)
			return -1;
		if (level >= 0 && level != L_NETWERK)
			memcpy(entries[n - L_COUNT + (size_t)level].v, v, R_COUNT * sizeof *v);
		return render_rolgesprek(r, d, g, p, entries, n, members, nmembers, 422, alert);
	}
	if (level == L_NETWERK && !r->is_api) {
		if (save_all(r, d, g, p, NULL, 0, members, nmembers, acc) != DB_OK)
			return -1;
		return reply_redirect(r, arena_printf(r->arena, "/doelen/%lld/rolgesprek#niveau-netwerk", (long long)g->id));
	}
	if (db_begin(d) != 0)
		return -1;
	int64_t id = 0;
	struct rolgesprek c = rolgesprek_contribution_of(g->id, level, v);
	if (db_rolgesprek_insert(d, &c, r->user->id, &id) != DB_OK || db_plan_touch(d, p->id, r->user->id) != DB_OK) {
		db_rollback(d);
		return -1;
	}
	if (plan_audit_commit(r, d, "rolgesprek.create", "rolgesprek", id, g->huishouden_id, acc) != DB_OK)
		return -1;
	if (!r->is_api)
		return reply_redirect(r, arena_printf(r->arena, "/doelen/%lld/rolgesprek#niveau-%s", (long long)g->id,
		                                      plan_level_codes[level]));
	if (db_rolgesprek_get(d, r->arena, id, &c) != DB_OK || reply_json(r, 201, plan_rolgesprek_json(&c)) != 0)
		return -1;
	return 0;
}

/* Stores every present entry and the chosen members' contributions in one
 * transaction.  DB_NOT_FOUND (rolled back, e->stale set) when a recorded
 * contribution changed or went meanwhile. */
static enum db_status save_all(struct req *r, db *d, const struct doel *g, const struct plan *p, struct entry *en,
                               size_t n, const struct member_input *members, size_t nmembers,
                               const struct hh_access_info *acc)
{
	if (db_begin(d) != 0)
		return DB_ERROR;
	enum db_status s = DB_OK;
	bool stale = false;
	for (size_t i = 0; s == DB_OK && i < n; i++) {
		struct entry *e = &en[i];
		if (!e->present)
			continue;
		int64_t id = 0;
		if (e->old && e->remove) {
			s = db_rolgesprek_delete(d, e->old->id);
			if (s == DB_NOT_FOUND) { /* already gone: what was asked */
				s = DB_OK;
				continue;
			}
			id = e->old->id;
		} else if (e->old) {
			struct rolgesprek c = rolgesprek_contribution_of(g->id, e->level, e->v);
			c.id = e->old->id;
			c.version = e->version;
			s = db_rolgesprek_update(d, &c);
			if (s == DB_NOT_FOUND) {
				struct rolgesprek now;
				if (db_rolgesprek_get(d, r->arena, c.id, &now) == DB_OK) {
					e->stale = rolgesprek_stale_message(r, &now);
					e->version = now.version;
				} else {
					e->stale = "Iemand anders heeft deze bijdrage intussen verwijderd. Uw tekst staat hieronder; "
					           "neem hem zo nodig over in een nieuwe bijdrage.";
				}
				stale = true;
				s = DB_OK;
				continue;
			}
			id = c.id;
		} else {
			struct rolgesprek c = rolgesprek_contribution_of(g->id, e->level, e->v);
			s = db_rolgesprek_insert(d, &c, r->user->id, &id);
		}
		if (s == DB_OK)
			s = audit_row(r, d, e->old ? (e->remove ? "rolgesprek.delete" : "rolgesprek.update") : "rolgesprek.create",
			              id, g->huishouden_id, acc);
	}
	for (size_t i = 0; s == DB_OK && i < nmembers; i++) {
		if (!members[i].chosen)
			continue;
		struct rolgesprek c = {.doel_id = g->id, .level = "netwerk", .contribution = members[i].text,
		                       .netwerklid_id = members[i].id};
		int64_t id = 0;
		s = db_rolgesprek_insert(d, &c, r->user->id, &id);
		if (s == DB_OK)
			s = audit_row(r, d, "rolgesprek.create", id, g->huishouden_id, acc);
	}
	if (s == DB_OK && stale) {
		db_rollback(d);
		return DB_NOT_FOUND;
	}
	if (s == DB_OK)
		s = db_plan_touch(d, p->id, r->user->id);
	if (s != DB_OK || db_commit(d) != 0) {
		db_rollback(d);
		return DB_ERROR;
	}
	return DB_OK;
}

int h_rolgesprek_add(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct doel g;
	struct plan p;
	struct hh_access_info acc;
	if (plan_load_doel(r, d, req_param_id(r, 0), NULL, &g, &acc) != 0 ||
	    plan_load_concept_of(r, d, g.plan_id, &p) != 0)
		return 0;
	if (r->is_api || form_get(r->form, "niveau"))
		return add_one(r, d, &g, &p, &acc);
	struct entry *en;
	size_t n;
	if (entries_from_db(r, d, g.id, &en, &n) != 0)
		return -1;
	int errors = 0, present = 0, chosen = 0;
	for (size_t i = 0; i < n; i++) {
		int e = read_entry(r, &en[i]);
		if (e < 0)
			return reply_error(r, ERR_BAD_REQUEST, "Het formulier mist de versie van een bijdrage. Laad de pagina "
			                                       "opnieuw.");
		errors += e;
		if (en[i].present && !en[i].remove)
			errors += rolgesprek_check(d, g.huishouden_id, en[i].level, en[i].v, !en[i].old);
		present += en[i].present;
	}
	struct member_input *members;
	size_t nmembers;
	errors += read_members(r, d, g.huishouden_id, &members, &nmembers, &chosen);
	if (errors)
		return render_rolgesprek(r, d, &g, &p, en, n, members, nmembers, 422, NULL);
	if (!present && !chosen)
		return reply_redirect(r, arena_printf(r->arena, "/doelen/%lld/rolgesprek?ongewijzigd=1", (long long)g.id));
	enum db_status s = save_all(r, d, &g, &p, en, n, members, nmembers, &acc);
	if (s == DB_NOT_FOUND)
		return render_rolgesprek(r, d, &g, &p, en, n, members, nmembers, 409, MSG_STALE);
	if (s != DB_OK)
		return -1;
	return reply_redirect(r, arena_printf(r->arena, "/doelen/%lld/rolgesprek?opgeslagen=1", (long long)g.id));
}
