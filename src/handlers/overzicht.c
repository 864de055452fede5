/* overzicht.c - the household page.
 *
 * The page is assembled from the modules that own each part (overview.h);
 * this file adds regie, casusteam and the accesses by exception, and audits
 * the view once. */
#include <string.h>

#include <ctype.h>

#include "access.h"
#include "audit.h"
#include "form.h"
#include "text.h"
#include "db_regie.h"
#include "db_veiligheid.h"
#include "veiligheid.h"
#include "document_shared.h"
#include "handlers.h"
#include "overview.h"

/* The veiligheidszorgen of hh: the open ones for the red banner (with
 * their age), the closed ones as links. */
static enum db_status veiligheid_fill(db *d, int64_t hh, json_t *data)
{
	json_t *all = db_veiligheid_for_household(d, hh);
	if (!all)
		return DB_ERROR;
	json_t *open = json_array(), *closed = json_array();
	size_t i;
	json_t *z;
	json_array_foreach(all, i, z) {
		bool is_open = strcmp(json_string_value(json_object_get(z, "status")), "open") == 0;
		if (is_open) {
			char age[32];
			veiligheid_age(json_integer_value(json_object_get(z, "opened_at")), age);
			json_object_set_new(z, "leeftijd", json_string(age));
		}
		json_array_append(is_open ? open : closed, z);
	}
	json_decref(all);
	json_object_set_new(data, "veiligheid_open", json_boolean(json_array_size(open) > 0));
	json_object_set_new(data, "veiligheidszorgen_open", open);
	json_object_set_new(data, "has_closed_zorg", json_boolean(json_array_size(closed) > 0));
	json_object_set_new(data, "veiligheidszorgen_gesloten", closed);
	return DB_OK;
}

static const char *jstr_or(const json_t *o, const char *key, const char *dflt)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : dflt;
}

/* "Huishouden De Vries", "Huishouden Bakker en Jansen": the members' last
 * names (with their prefix, capitalised at the start), at most three;
 * NULL when nobody lives there any more. */
static const char *household_name(struct req *r, const json_t *personen)
{
	const char *names[3];
	size_t n = 0, i;
	bool more = false;
	json_t *p;
	json_array_foreach(personen, i, p) {
		const char *prefix = jstr_or(p, "name_prefix", ""), *last = jstr_or(p, "last_name", "");
		char *full = arena_printf(r->arena, "%s%s%s", prefix, *prefix ? " " : "", last);
		if (full[0] && islower((unsigned char)full[0]))
			full[0] = (char)toupper((unsigned char)full[0]);
		bool seen = false;
		for (size_t k = 0; k < n; k++)
			seen = seen || strcmp(names[k], full) == 0;
		if (seen)
			continue;
		if (n == 3) {
			more = true;
			break;
		}
		names[n++] = full;
	}
	if (!n)
		return NULL;
	if (n == 1)
		return arena_printf(r->arena, "Huishouden %s", names[0]);
	if (n == 2 && !more)
		return arena_printf(r->arena, "Huishouden %s en %s", names[0], names[1]);
	return arena_printf(r->arena, "Huishouden %s, %s%s%s%s", names[0], names[1], n == 3 ? (more ? ", " : " en ") : "",
	                    n == 3 ? names[2] : "", more ? " e.a." : "");
}

static void badge(json_t *list, const char *label, const char *kind)
{
	json_array_append_new(list, json_pack("{s:s, s:s}", "label", label, "soort", kind));
}

static void open_item(json_t *list, const char *text, const char *href, bool urgent)
{
	json_array_append_new(list, json_pack("{s:s, s:s, s:b}", "tekst", text, "href", href, "dringend", urgent));
}

/* The page's head at a glance (issue 13): the household's name, badges for
 * a running safety concern, legal terms, agreements over their date and
 * the plan, and the open items they stand for, each with a link to where
 * it is dealt with.  Read from what the parts already put in data. */
static void summary_fill(struct req *r, int64_t hh, json_t *data)
{
	json_t *badges = json_array(), *items = json_array();
	const json_t *h = json_object_get(data, "huishouden");
	bool closed = json_is_true(json_object_get(data, "closed"));
	const char *name = household_name(r, json_object_get(data, "personen"));
	const char *address = jstr_or(h, "address", NULL);
	json_object_set_new(data, "naam", json_string(name ? name : address ? address : "Huishouden"));
	json_object_set_new(data, "paginatitel", json_string(name && address ? arena_printf(r->arena, "%s, %s", name, address)
	                                                     : name ? name : address ? address : "Huishouden"));
	char today[11];
	date_today(today);

	size_t i;
	json_t *z;
	json_array_foreach(json_object_get(data, "veiligheidszorgen_open"), i, z) {
		if (i == 0)
			badge(badges, "Veiligheidszorg loopt", "danger");
		open_item(items, arena_printf(r->arena, "Veiligheidszorg, open sinds %s: %lld van de 5 stappen vastgelegd",
		                              jstr_or(z, "leeftijd", ""), (long long)json_integer_value(json_object_get(z, "steps_done"))),
		          arena_printf(r->arena, "/veiligheidszorgen/%lld", (long long)json_integer_value(json_object_get(z, "id"))),
		          true);
	}
	int late = 0, soon = 0;
	bool concern = false;
	json_t *a;
	json_array_foreach(json_object_get(data, "aanmeldingen_open"), i, a) {
		concern = concern || json_is_true(json_object_get(a, "safety_concern"));
		json_t *t = json_object_get(a, "termijn");
		bool te_laat = json_is_true(json_object_get(t, "te_laat")), week = json_is_true(json_object_get(t, "binnen_week"));
		late += te_laat;
		soon += week;
		const char *term = jstr_or(t, "tekst", "");
		open_item(items, arena_printf(r->arena, "Aanmelding van %s (%s)%s%s", jstr_or(a, "received_nl", ""),
		                              jstr_or(a, "urgency_label", ""), json_object_get(t, "deadline") ? ": termijn " : "",
		                              json_object_get(t, "deadline") ? term : ""),
		          arena_printf(r->arena, "/aanmeldingen/%lld", (long long)json_integer_value(json_object_get(a, "id"))),
		          te_laat || json_is_true(json_object_get(a, "safety_concern")));
	}
	/* A safety concern ticked on an open aanmelding shows in the head too,
	 * also before a veiligheidszorg is opened for it. */
	if (concern && !json_is_true(json_object_get(data, "veiligheid_open")))
		badge(badges, "Zorg over veiligheid gemeld", "danger");
	if (late)
		badge(badges, late == 1 ? "Termijn verstreken" : "Termijnen verstreken", "danger");
	else if (soon)
		badge(badges, "Termijn binnen een week", "warning");
	size_t overdue = json_array_size(json_object_get(data, "afspraken_overdue"));
	const char *plan_href = arena_printf(r->arena, "/huishoudens/%lld/plan", (long long)hh);
	if (overdue) {
		const char *n = text_count(r->arena, (long long)overdue, "afspraak", "afspraken");
		badge(badges, arena_printf(r->arena, "%s te laat", n), "warning");
		open_item(items, arena_printf(r->arena, "%s in het plan over de datum", n), plan_href, true);
	}
	const json_t *plan = json_object_get(data, "plan");
	if (plan) {
		const char *status = jstr_or(plan, "status", "");
		const char *next = jstr_or(plan, "next_evaluation", NULL);
		bool settled = strcmp(status, "vastgesteld") == 0 || strcmp(status, "geevalueerd") == 0;
		/* A settled plan is what "Plan actief" already says. */
		if (!settled)
			badge(badges, arena_printf(r->arena, "Plan: %s", jstr_or(plan, "status_label", "")), "neutral");
		if (settled && next && !closed) {
			bool due = strcmp(next, today) < 0;
			if (due)
				badge(badges, "Evaluatie verlopen", "warning");
			open_item(items, arena_printf(r->arena, "%s: %s", due ? "Evaluatie verlopen sinds" : "Volgende evaluatie",
			                              jstr_or(plan, "next_evaluation_nl", next)),
			          plan_href, due);
		}
	} else if (!closed) {
		badge(badges, "Nog geen plan", "neutral");
	}
	json_object_set_new(data, "badges", badges);
	/* The casusteam in one line: "Sanne de Boer (Team Noord), Youssef". */
	char *team = NULL;
	json_t *m;
	json_array_foreach(json_object_get(data, "casusteam"), i, m) {
		const char *who = jstr_or(m, "name", ""), *t = jstr_or(m, "team", NULL);
		char *one = t ? arena_printf(r->arena, "%s (%s)", who, t) : arena_strdup(r->arena, who);
		team = team ? arena_printf(r->arena, "%s, %s", team, one) : one;
	}
	if (team)
		json_object_set_new(data, "casusteam_tekst", json_string(team));
	json_object_set_new(data, "has_open_punten", json_boolean(json_array_size(items) > 0));
	json_object_set_new(data, "open_punten", items);
}

/* Reads everything the page shows in one snapshot; NULL after a database
 * error. */
static json_t *household_data(struct req *r, db *d, int64_t hh, const struct hh_access_info *acc)
{
	json_t *data = json_object();
	if (overview_fill_household(r, d, hh, data) != DB_OK || overview_fill_care(r, d, hh, data) != DB_OK ||
	    overview_fill_plan(r, d, hh, data) != DB_OK || overview_fill_voorzieningen(r, d, hh, data) != DB_OK ||
	    overview_fill_documenten(r, d, hh, data) != DB_OK) {
		json_decref(data);
		return NULL;
	}
	json_t *team = db_casusteam_list(d, hh);
	json_object_set_new(data, "has_casusteam", json_boolean(json_array_size(team) > 0));
	json_object_set_new(data, "casusteam", team);
	json_t *exceptions = db_exceptions_for_household(d, hh);
	json_object_set_new(data, "has_exceptions", json_boolean(json_array_size(exceptions) > 0));
	json_object_set_new(data, "exceptions", exceptions);
	if (acc->by_exception)
		json_object_set_new(data, "exception_reason", json_string(acc->exception_reason));
	json_object_set_new(data, "hh_id", json_integer(hh));
	json_object_set_new(data, "may_steer", json_boolean(acc->may_steer));
	if (veiligheid_fill(d, hh, data) != DB_OK) {
		json_decref(data);
		return NULL;
	}
	return data;
}

int h_household(struct req *r)
{
	int64_t hh = req_param_id(r, 0);
	db *d = db_get();
	if (!d || db_read_begin(d) != 0)
		return -1;
	struct hh_access_info acc;
	json_t *data = NULL;
	int denied = require_household(r, hh, "huishouden.view", "huishouden", hh, &acc);
	if (!denied)
		data = household_data(r, d, hh, &acc);
	if (data && heropenen_to_page(r, d, hh, data) != DB_OK) {
		json_decref(data);
		data = NULL;
	}
	db_read_end(d);
	if (denied)
		return 0;
	if (!data)
		return -1;
	summary_fill(r, hh, data);
	const char *title = arena_strdup(r->arena, json_string_value(json_object_get(data, "paginatitel")));
	return reply_page(r, 200, "huishouden", title, data);
}
