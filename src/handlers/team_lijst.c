/* team_lijst.c - the lists behind the dashboard's figures (/team/huishoudens):
 * the households of one employee, without regisseur, per throughput step
 * and month, per provider or outflow reason, as a page.  The filter is the
 * dashboard's (src/team_shared.c). */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audit.h"
#include "csv.h"
#include "db_dashboard.h"
#include "db_huishouden.h"
#include "db_medewerker.h"
#include "db_referentie.h"
#include "domain.h"
#include "form.h"
#include "handlers.h"
#include "resultaat.h"
#include "svgchart.h"
#include "sorteer.h"
#include "team_shared.h"
#include "text.h"
#include "veiligheid.h"

static const char *const step_labels[3] = {"Aanmelding tot vraagverhelderend gesprek (intake)",
                                           "Vraagverhelderend gesprek (intake) tot plan vastgesteld",
                                           "Aanmelding tot plan vastgesteld"};

/* ---- the lists behind the figures --------------------------------------------------- */

static const char *const list_codes[] = {"regisseur", "plan_actief", "evaluatie_verlopen", "zonder_regisseur",
                                         "stap", "aanbieder", "uitstroom", "resultaat", NULL};
static const char *const wacht_codes[] = {"week", "twee_weken", "maand", "langer", NULL};

enum { L_LIJST, L_MEDEWERKER, L_AANBIEDER, L_STAP, L_MAAND, L_REDEN, L_WACHT, L_GROEP, L_ID, L_CIJFER, L_COUNT };
static const struct field_rule list_rules[L_COUNT] = {
	[L_LIJST] = {.name = "lijst", .label = "Lijst", .kind = FIELD_CHOICE, .required = true, .choices = list_codes},
	[L_MEDEWERKER] = {.name = "medewerker", .label = "Medewerker", .kind = FIELD_ID},
	[L_AANBIEDER] = {.name = "aanbieder", .label = "Aanbieder", .kind = FIELD_ID},
	[L_STAP] = {.name = "stap", .label = "Stap", .kind = FIELD_CHOICE, .choices = team_steps},
	[L_MAAND] = {.name = "maand", .label = "Maand", .kind = FIELD_LINE, .max_len = 7},
	[L_REDEN] = {.name = "reden", .label = "Reden", .kind = FIELD_CHOICE, .choices = vocab_end_reason_codes},
	[L_WACHT] = {.name = "wacht", .label = "Wachttijd", .kind = FIELD_CHOICE, .choices = wacht_codes},
	[L_GROEP] = {.name = "groep", .label = "Resultaten per", .kind = FIELD_CHOICE, .choices = res_groep_codes},
	[L_ID] = {.name = "id", .label = "Aanbieder of product", .kind = FIELD_ID},
	[L_CIJFER] = {.name = "cijfer", .label = "Cijfer", .kind = FIELD_CHOICE, .choices = res_lijst_codes},
};

static const struct sort_col list_cols[] = {
	{"adres", "Adres", "adres", SORT_TEXT, false},
	{"bewoners", "Bewoners", "bewoners", SORT_TEXT, false},
	{"regisseur", "Regisseur", "regisseur", SORT_TEXT, false},
	{"status", "Status", "status_label", SORT_TEXT, false},
	{"aangemeld", "Aangemeld", "aangemeld", SORT_TEXT, false},
	{"intake", "Intake", "intake", SORT_TEXT, false},
	{"plan", "Plan vastgesteld", "plan_vastgesteld", SORT_TEXT, false},
	{"afgesloten", "Afgesloten", "afgesloten", SORT_TEXT, false},
};

static const char *status_label(const char *status)
{
	return vocab_label(&vocab_household_status, status);
}

/* Checks what each kind of list needs and fills q and the page title.
 * Returns the number of errors (set in v). */
static int list_query(struct req *r, db *d, struct field_value *v, struct dash_list_query *q, const char **title)
{
	int errors = 0;
	memset(q, 0, sizeof *q);
	q->kind = (enum dash_list_kind)v[L_LIJST].bits;
	q->min_days = 0;
	q->max_days = INT64_MAX / 2;
	switch (q->kind) {
	case DASH_LIST_REGISSEUR:
	case DASH_LIST_PLAN_ACTIEF:
	case DASH_LIST_EVALUATIE_VERLOPEN: {
		struct medewerker m;
		if (!v[L_MEDEWERKER].error && (!v[L_MEDEWERKER].id ||
		    db_medewerker_get(d, r->arena, v[L_MEDEWERKER].id, &m) != DB_OK)) {
			v[L_MEDEWERKER].error = "Kies een bestaande medewerker.";
			errors++;
			break;
		}
		if (v[L_MEDEWERKER].error)
			break;
		q->medewerker_id = m.id;
		*title = arena_printf(r->arena, q->kind == DASH_LIST_REGISSEUR ? "Huishoudens met %s als regisseur"
		                               : q->kind == DASH_LIST_PLAN_ACTIEF ? "Huishoudens van %s met een actief plan"
		                               : "Huishoudens van %s met een verlopen evaluatie", m.name);
		break;
	}
	case DASH_LIST_ZONDER_REGISSEUR:
		*title = "Huishoudens zonder regisseur";
		if (v[L_WACHT].text[0] && !v[L_WACHT].error) {
			const struct dash_age_bucket *b = &DASH_AGE_BUCKETS[v[L_WACHT].bits];
			q->min_days = b->min_days;
			q->max_days = b->max_days;
			*title = arena_printf(r->arena, "Huishoudens zonder regisseur, wachttijd %s", b->label);
		}
		break;
	case DASH_LIST_STAP:
		if (!v[L_STAP].text[0] && !v[L_STAP].error) {
			v[L_STAP].error = "Kies een stap.";
			errors++;
		}
		/* A step is reached in a month, like an outflow. */
		/* fall through */
	case DASH_LIST_UITSTROOM:
		if (!v[L_MAAND].error && team_month_index(v[L_MAAND].text) < 0) {
			v[L_MAAND].error = "Vul een maand in als 2026-03 (jaar en maand).";
			errors++;
		}
		if (errors || v[L_STAP].error || v[L_MAAND].error)
			break;
		q->month = v[L_MAAND].text;
		if (q->kind == DASH_LIST_STAP) {
			q->step = team_steps[v[L_STAP].bits];
			*title = arena_printf(r->arena, "%s: stap bereikt in %s", step_labels[v[L_STAP].bits],
			                      team_month_label(r->arena, q->month));
		} else {
			q->reason = v[L_REDEN].text[0] ? v[L_REDEN].text : NULL;
			*title = arena_printf(r->arena, "Afgesloten in %s%s%s", team_month_label(r->arena, q->month),
			                      q->reason ? ": " : "", q->reason ? vocab_label(&vocab_end_reason, q->reason) : "");
		}
		break;
	case DASH_LIST_AANBIEDER: {
		json_t *a = NULL;
		if (!v[L_AANBIEDER].error && (!v[L_AANBIEDER].id || db_aanbieder_get(d, v[L_AANBIEDER].id, &a) != DB_OK)) {
			v[L_AANBIEDER].error = "Kies een bestaande aanbieder.";
			errors++;
			break;
		}
		if (v[L_AANBIEDER].error)
			break;
		q->aanbieder_id = v[L_AANBIEDER].id;
		*title = arena_printf(r->arena, "Huishoudens met een actieve maatwerkvoorziening van %s", js(a, "naam"));
		json_decref(a);
		break;
	}
	case DASH_LIST_IDS: {
		/* Behind a result (resultaat.c): the group, the one and the figure. */
		enum res_groep g = v[L_GROEP].text[0] && !v[L_GROEP].error ? (enum res_groep)v[L_GROEP].bits : RES_AANBIEDER;
		const char *name = NULL;
		if (!v[L_ID].error && (!v[L_ID].id || resultaat_groep_naam(d, r->arena, g, v[L_ID].id, &name) != DB_OK)) {
			v[L_ID].error = g == RES_AANBIEDER ? "Kies een bestaande aanbieder." : "Kies een bestaand product.";
			errors++;
		}
		if (!v[L_CIJFER].error && !v[L_CIJFER].text[0]) {
			v[L_CIJFER].error = "Kies een cijfer.";
			errors++;
		}
		if (errors || v[L_ID].error || v[L_CIJFER].error || v[L_GROEP].error)
			break;
		const char *code = res_lijst_codes[v[L_CIJFER].bits];
		int fig = res_fig_of(code);
		*title = arena_printf(r->arena, "%s: %s", name, fig >= 0 ? res_figuren[fig].label : code);
		q->aanbieder_id = v[L_ID].id;
		break;
	}
	}
	return errors;
}

int h_team_households(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct dash_filter f;
	struct field_value fv[F_COUNT], lv[L_COUNT];
	/* The results' lists follow their page's longest period. */
	const char *lijst = req_query(r, "lijst");
	int errors = team_parse_filter_upto(r, d, &f, fv, lijst && strcmp(lijst, "resultaat") == 0 ? 60 : 36);
	errors += form_validate(r->arena, r->query, list_rules, L_COUNT, lv);
	struct dash_list_query q;
	const char *title = "Huishoudens";
	if (!lv[L_LIJST].error)
		errors += list_query(r, d, lv, &q, &title);
	if (errors > 0) {
		strbuf sb = {0};
		for (int i = 0; i < F_COUNT; i++)
			if (fv[i].error)
				sb_printf(&sb, "%s%s: %s", sb.len ? " " : "", team_filter_rules[i].name, fv[i].error);
		for (int i = 0; i < L_COUNT; i++)
			if (lv[i].error)
				sb_printf(&sb, "%s%s: %s", sb.len ? " " : "", list_rules[i].name, lv[i].error);
		json_t *data = json_pack("{s:s, s:s}", "heading", "Deze lijst bestaat niet",
		                         "message", arena_printf(r->arena, "De link naar deze lijst klopt niet. %s", sb_str(&sb)));
		sb_free(&sb);
		return reply_page(r, 422, "fout", "Deze lijst bestaat niet", data);
	}
	if (q.kind == DASH_LIST_IDS) {
		/* The households come from the result's own definition. */
		struct res_filter rf;
		resultaat_periode(&f, &rf);
		json_t *ids = NULL;
		if (resultaat_huishoudens(d, r->arena, &rf, (enum res_groep)lv[L_GROEP].bits, q.aanbieder_id,
		                          (enum res_fig)res_fig_of(res_lijst_codes[lv[L_CIJFER].bits]), &ids) != DB_OK)
			return -1;
		char *text = json_dumps(ids, JSON_COMPACT);
		q.ids_json = text ? arena_strdup(r->arena, text) : "[]";
		free(text);
		json_decref(ids);
	}
	json_t *rows;
	int64_t total = 0, archived = 0;
	if (db_dash_list(d, &f, &q, &rows, &total) != DB_OK)
		return -1;
	if (db_dash_list_archived(d, &f, &q, &archived) != DB_OK) {
		json_decref(rows);
		return -1;
	}
	if (audit_view(r, "dashboard.lijst", list_codes[q.kind], q.medewerker_id ? q.medewerker_id : q.aanbieder_id, 0,
	               NULL) != 0) {
		json_decref(rows);
		return -1;
	}
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row) {
		json_object_set_new(row, "status_label", json_string(status_label(js(row, "status"))));
		team_set_date_nl(r->arena, row, "aangemeld", "aangemeld_nl");
		team_set_date_nl(r->arena, row, "intake", "intake_nl");
		team_set_date_nl(r->arena, row, "plan_vastgesteld", "plan_vastgesteld_nl");
		team_set_date_nl(r->arena, row, "afgesloten", "afgesloten_nl");
	}
	json_t *data = json_object();
	/* Sortable by its columns (issue 13 item 4), the list and filter kept. */
	static const char *const keep[] = {"lijst", "medewerker", "aanbieder", "stap", "maand", "reden", "wacht",
	                                   "groep", "id", "cijfer", "team", "gebied", "van", "tot", NULL};
	if (sort_apply(r, rows, list_cols, ARRAY_LEN(list_cols), "sorteer", "/team/huishoudens", keep, data, "kop") != 0) {
		json_decref(rows);
		json_decref(data);
		return -1;
	}
	json_object_set_new(data, "heading", json_string(title));
	json_object_set_new(data, "has_rows", json_boolean(json_array_size(rows) > 0));
	json_object_set_new(data, "rows", rows);
	json_object_set_new(data, "totaal", json_integer(total));
	json_object_set_new(data, "totaal_text", json_string(text_count(r->arena, total, "huishouden", "huishoudens")));
	json_object_set_new(data, "afgekapt", json_boolean(total > DASH_LIST_MAX));
	json_object_set_new(data, "max", json_integer(DASH_LIST_MAX));
	json_object_set_new(data, "geschoond", json_integer(archived));
	json_object_set_new(data, "geschoond_text", json_string(archived == 1 ? "telt 1 huishouden"
	                                                        : arena_printf(r->arena, "tellen %lld huishoudens",
	                                                                       (long long)archived)));
	json_object_set_new(data, "has_geschoond", json_boolean(archived > 0));
	json_object_set_new(data, "q", json_string(team_filter_query(r, &f)));
	return reply_page(r, 200, "team-huishoudens", title, data);
}
