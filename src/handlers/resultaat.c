/* resultaat.c - results per provider and per product (issue 16 item 2,
 * docs/sturen.md): /team/resultaten for the teamleider, every count linked
 * to the households behind it; /beleid/resultaten for the
 * beleidsmedewerker, the same figures with every cell resting on fewer
 * than five persons shown as "<5" and nothing that leads to a household.
 * Both as chart and tables, as CSV (?formaat=csv) and as JSON
 * (?formaat=json); two providers or products side by side with a= and b=.
 * The figures are computed in src/resultaat.c. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "csv.h"
#include "form.h"
#include "handlers.h"
#include "resultaat.h"
#include "suppressie.h"
#include "svgchart.h"
#include "team_shared.h"

enum { MAX_MONTHS = 60 };
enum { R_GROEP, R_A, R_B, R_FORMAAT, R_COUNT };
static const char *const formaat_codes[] = {"html", "csv", "json", NULL};
static const struct field_rule rules[R_COUNT] = {
	[R_GROEP] = {.name = "groep", .label = "Resultaten per", .kind = FIELD_CHOICE, .choices = res_groep_codes},
	[R_A] = {.name = "a", .label = "Vergelijk", .kind = FIELD_ID},
	[R_B] = {.name = "b", .label = "Met", .kind = FIELD_ID},
	[R_FORMAAT] = {.name = "formaat", .label = "Formaat", .kind = FIELD_CHOICE, .choices = formaat_codes},
};

/* The figures in the page's three tables. */
static const enum res_fig t_stroom[] = {RF_IN_ZORG, RF_GESTART, RF_BEEINDIGD, RF_DUUR_MEDIAAN, RF_DUUR_P90,
                                        RF_EINDE_DOEL, RF_EINDE_LICHTER, RF_EINDE_OVERIG};
static const enum res_fig t_doelen[] = {RF_DOELEN, RF_DOELEN_BEREIKT, RF_DOELEN_DEELS, RF_DOELEN_NIET,
                                        RF_DOELEN_OPEN, RF_ZRM_MEDIAAN, RF_ZRM_VERBETERD, RF_PG_MEDIAAN,
                                        RF_PG_VERBETERD};
static const enum res_fig t_kosten[] = {RF_KOSTEN, RF_GEDECLAREERD, RF_KOSTEN_CLIENT, RF_KOSTEN_DOEL};
static const struct {
	const char *id, *title;
	const enum res_fig *figs;
	size_t n;
} tables[] = {
	{"stroom", "Instroom, uitstroom en duur", t_stroom, ARRAY_LEN(t_stroom)},
	{"doelen", "Doelen en verandering", t_doelen, ARRAY_LEN(t_doelen)},
	{"kosten", "Kosten", t_kosten, ARRAY_LEN(t_kosten)},
};

struct view {
	bool beleid;             /* suppress small numbers, no links */
	const char *base;        /* "/team/resultaten" or "/beleid/resultaten" */
	struct dash_filter df;
	struct res_filter f;
	enum res_groep groep;
	int64_t a, b;
	int formaat;
};

/* Validates the query into w; the number of fields in error (in v, dv). */
static int parse(struct req *r, db *d, struct view *w, struct field_value *dv, struct field_value *v)
{
	int errors = team_parse_filter_upto(r, d, &w->df, dv, MAX_MONTHS);
	errors += form_validate(r->arena, r->query, rules, R_COUNT, v);
	w->groep = v[R_GROEP].text[0] && !v[R_GROEP].error ? (enum res_groep)v[R_GROEP].bits : RES_AANBIEDER;
	w->formaat = v[R_FORMAAT].text[0] && !v[R_FORMAAT].error ? (int)v[R_FORMAAT].bits : 0;
	const char *what = w->groep == RES_AANBIEDER ? "Kies een bestaande aanbieder." : "Kies een bestaand product.";
	const char *name = NULL;
	for (int k = R_A; k <= R_B; k++)
		if (!v[k].error && v[k].text[0] && resultaat_groep_naam(d, r->arena, w->groep, v[k].id, &name) != DB_OK) {
			v[k].error = what;
			errors++;
		}
	w->a = v[R_A].error ? 0 : v[R_A].id;
	w->b = v[R_B].error ? 0 : v[R_B].id;
	if (w->a && w->b && w->a == w->b) {
		v[R_B].error = w->groep == RES_AANBIEDER ? "Kies een andere aanbieder dan de eerste."
		                                        : "Kies een ander product dan het eerste.";
		errors++;
	}
	if ((w->a != 0) != (w->b != 0) && !v[R_A].error && !v[R_B].error) {
		struct field_value *empty = w->a ? &v[R_B] : &v[R_A];
		empty->error = w->groep == RES_AANBIEDER ? "Kies twee aanbieders om te vergelijken, of geen."
		                                        : "Kies twee producten om te vergelijken, of geen.";
		errors++;
	}
	resultaat_periode(&w->df, &w->f);
	return errors;
}

/* The query of the current filter, for links. */
static const char *query(struct req *r, const struct view *w)
{
	return arena_printf(r->arena, "%s&groep=%s", team_filter_query(r, &w->df), res_groep_codes[w->groep]);
}

static const char *list_href(struct req *r, const struct view *w, int64_t id, enum res_fig fig)
{
	return arena_printf(r->arena, "/team/huishoudens?lijst=resultaat&%s&id=%" PRId64 "&cijfer=%s", query(r, w), id,
	                    res_figuren[fig].key);
}

static json_t *cell(struct req *r, const struct view *w, const json_t *row, enum res_fig fig)
{
	const char *text = resultaat_tekst(r->arena, row, fig, w->beleid);
	json_t *c = json_pack("{s:s, s:s}", "tekst", text, "label", res_figuren[fig].label);
	json_t *x = json_array_get(json_object_get(row, "w"), (size_t)fig);
	if (!w->beleid && res_figuren[fig].lijst && json_integer_value(x) > 0)
		json_object_set_new(c, "href", json_string(list_href(r, w, json_integer_value(json_object_get(row, "id")),
		                                                        fig)));
	return c;
}

static const json_t *row_of(json_t *groups, int64_t id)
{
	size_t i;
	json_t *row;
	json_array_foreach(groups, i, row)
		if (json_integer_value(json_object_get(row, "id")) == id)
			return row;
	return NULL;
}

/* The share of the ended that ended with the goal reached or lighter
 * support, per group, as a bar chart; hidden cells are drawn as none. */
static json_t *chart(struct req *r, const struct view *w, json_t *groups)
{
	size_t n = json_array_size(groups), i;
	if (!n)
		return NULL;
	const char **labels = arena_alloc(r->arena, n * sizeof *labels);
	const char **texts = arena_alloc(r->arena, n * sizeof *texts);
	double *values = arena_alloc(r->arena, n * sizeof *values);
	json_t *row;
	json_array_foreach(groups, i, row)
	{
		json_t *wv = json_object_get(row, "w"), *p = json_object_get(row, "p");
		int64_t ended = json_integer_value(json_array_get(wv, RF_BEEINDIGD));
		int64_t good = json_integer_value(json_array_get(wv, RF_EINDE_DOEL)) +
		               json_integer_value(json_array_get(wv, RF_EINDE_LICHTER));
		int64_t pct = ended ? (good * 100 + ended / 2) / ended : 0;
		bool hidden = suppressie_verborgen(w->beleid, json_integer_value(json_array_get(p, RF_BEEINDIGD)));
		labels[i] = json_string_value(json_object_get(row, "naam"));
		values[i] = hidden || !ended ? 0 : (double)pct;
		texts[i] = hidden ? SUPPRESSIE_TEKST : ended ? arena_printf(r->arena, "%" PRId64 "%%", pct) : "geen beëindigd";
	}
	static const struct chart_series series[] = {{"Doel bereikt of lichtere ondersteuning", "a"}};
	struct chart_spec spec = {
		.id = "resultaat-grafiek",
		.title = "Beëindigd met het doel bereikt of naar lichtere ondersteuning",
		.desc = "Per rij het deel van de beëindigde cliënten; de cijfers staan ook in de tabel eronder.",
		.ncat = n, .nseries = 1, .cat_labels = labels, .series = series, .values = values, .value_texts = texts};
	return svgchart_bars(&spec);
}

static void compare(struct req *r, db *d, const struct view *w, json_t *groups, json_t *data)
{
	const json_t *ra = row_of(groups, w->a), *rb = row_of(groups, w->b);
	const char *names[2];
	for (int k = 0; k < 2; k++)
		if (resultaat_groep_naam(d, r->arena, w->groep, k ? w->b : w->a, &names[k]) != DB_OK)
			names[k] = "?";
	json_t *rows = json_array();
	for (size_t t = 0; t < ARRAY_LEN(tables); t++)
		for (size_t k = 0; k < tables[t].n; k++) {
			enum res_fig fig = tables[t].figs[k];
			json_t *cells = json_array();
			const json_t *sides[2] = {ra, rb};
			for (int s = 0; s < 2; s++)
				/* No maatwerk of it in the period: none counted, nothing to compute. */
				json_array_append_new(cells, sides[s] ? cell(r, w, sides[s], fig)
				                      : json_pack("{s:s, s:s}", "tekst",
				                                  res_figuren[fig].soort == RS_AANTAL
				                                          ? (w->beleid ? SUPPRESSIE_TEKST : "0") : "–",
				                                  "label", ""));
			json_array_append_new(rows, json_pack("{s:s, s:o}", "figuur", res_figuren[fig].label, "cellen", cells));
		}
	json_object_set_new(data, "vergelijking", json_pack("{s:s, s:s, s:o}", "a", names[0], "b", names[1], "rijen", rows));
}

static json_t *page_tables(struct req *r, const struct view *w, json_t *groups)
{
	json_t *out = json_array();
	for (size_t t = 0; t < ARRAY_LEN(tables); t++) {
		json_t *heads = json_array(), *rows = json_array();
		for (size_t k = 0; k < tables[t].n; k++)
			json_array_append_new(heads, json_string(res_figuren[tables[t].figs[k]].label));
		size_t i;
		json_t *row;
		json_array_foreach(groups, i, row)
		{
			json_t *cells = json_array();
			for (size_t k = 0; k < tables[t].n; k++)
				json_array_append_new(cells, cell(r, w, row, tables[t].figs[k]));
			json_array_append_new(rows, json_pack("{s:O, s:o}", "naam", json_object_get(row, "naam"), "cellen", cells));
		}
		json_array_append_new(out, json_pack("{s:s, s:s, s:o, s:o}", "id", tables[t].id, "titel", tables[t].title,
		                                     "koppen", heads, "rijen", rows));
	}
	return out;
}

/* Names of the teams, gebieden and the group's choices for the form. */
static void form_data(struct req *r, db *d, const struct view *w, json_t *data, const struct field_value *dv,
                      const struct field_value *v)
{
	team_filter_form(d, data, &w->df, dv);
	form_to_page(data, rules, R_COUNT, v);
	json_object_set_new(data, "per_product", json_boolean(w->groep == RES_PRODUCT));
	json_t *a = resultaat_groep_keuzes(d, r->arena, w->groep), *b = json_deep_copy(a);
	size_t i;
	json_t *row;
	json_array_foreach(a, i, row)
		json_object_set_new(row, "selected", json_boolean(json_integer_value(json_object_get(row, "id")) == w->a));
	json_array_foreach(b, i, row)
		json_object_set_new(row, "selected", json_boolean(json_integer_value(json_object_get(row, "id")) == w->b));
	json_object_set_new(data, "keuzes_a", a);
	json_object_set_new(data, "keuzes_b", b);
	json_object_set_new(data, "groep_naam", json_string(w->groep == RES_AANBIEDER ? "aanbieder" : "product"));
}

static int render(struct req *r, db *d, struct view *w, json_t *groups, const struct field_value *dv,
                  const struct field_value *v, unsigned status)
{
	json_t *data = json_object();
	form_data(r, d, w, data, dv, v);
	json_object_set_new(data, "actie", json_string(w->base));
	json_object_set_new(data, "beleid", json_boolean(w->beleid));
	json_object_set_new(data, "periode", json_string(arena_printf(r->arena, "%s tot en met %s",
	                                                              team_month_label(r->arena, w->df.from),
	                                                              team_month_label(r->arena, w->df.to))));
	if (groups) {
		json_object_set_new(data, "has_rijen", json_boolean(json_array_size(groups) > 0));
		json_object_set_new(data, "tabellen", page_tables(r, w, groups));
		json_t *c = chart(r, w, groups);
		if (c)
			json_object_set_new(data, "grafiek", c);
		if (w->a && w->b)
			compare(r, d, w, groups, data);
		json_object_set_new(data, "q", json_string(query(r, w)));
	}
	const char *title = w->groep == RES_AANBIEDER ? "Resultaten per aanbieder" : "Resultaten per product";
	return reply_page(r, status, "resultaten", title, data);
}

static int export_csv(struct req *r, const struct view *w, json_t *groups)
{
	strbuf sb = {0};
	sb_puts(&sb, w->groep == RES_AANBIEDER ? "aanbieder" : "product");
	for (int k = 0; k < RF_COUNT; k++)
		sb_printf(&sb, ";%s", res_figuren[k].key);
	sb_puts(&sb, "\r\n");
	json_t *rows = resultaat_rijen(groups, w->beleid);
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row)
	{
		csv_field(&sb, json_string_value(json_object_get(row, "naam")));
		for (int k = 0; k < RF_COUNT; k++) {
			json_t *x = json_object_get(row, res_figuren[k].key);
			sb_puts(&sb, ";");
			if (json_is_string(x))
				sb_puts(&sb, json_string_value(x));
			else if (json_is_integer(x))
				sb_printf(&sb, "%" JSON_INTEGER_FORMAT, json_integer_value(x));
		}
		sb_puts(&sb, "\r\n");
	}
	json_decref(rows);
	/* reply_buffer takes the malloc'd text over. */
	size_t len = sb.len;
	char *text = sb.buf ? sb.buf : xstrdup("");
	if (reply_buffer(r, 200, text, len, "text/csv; charset=utf-8") != 0)
		return -1;
	reply_header(r, "Content-Disposition",
	             arena_printf(r->arena, "attachment; filename=\"resultaten-%s-%s-%s.csv\"", res_groep_codes[w->groep],
	                          w->df.from, w->df.to));
	return 0;
}

static int export_json(struct req *r, const struct view *w, json_t *groups)
{
	json_t *filter = json_pack("{s:s, s:s, s:s}", "groep", res_groep_codes[w->groep], "van", w->f.from, "tot", w->f.to);
	json_object_set_new(filter, "team", w->df.team_id ? json_integer(w->df.team_id) : json_string("alle"));
	if (w->df.gebied_id)
		json_object_set_new(filter, "gebied", json_integer(w->df.gebied_id));
	json_t *body = json_pack("{s:o, s:o}", "filter", filter, "rijen", resultaat_rijen(groups, w->beleid));
	if (w->beleid)
		json_object_set_new(body, "onderdrukt_onder", json_integer(SUPPRESSIE_GRENS));
	return reply_json(r, 200, body);
}

static int show(struct req *r, bool beleid)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct view w = {.beleid = beleid, .base = beleid ? "/beleid/resultaten" : "/team/resultaten"};
	struct field_value *dv = arena_alloc(r->arena, F_COUNT * sizeof *dv);
	struct field_value *v = arena_alloc(r->arena, R_COUNT * sizeof *v);
	if (parse(r, d, &w, dv, v) > 0) {
		if (w.formaat == 2) {
			json_t *fields = form_errors_json(team_filter_rules, F_COUNT, dv);
			json_t *more = form_errors_json(rules, R_COUNT, v);
			json_object_update(fields, more);
			json_decref(more);
			return reply_json_validation(r, fields);
		}
		return render(r, d, &w, NULL, dv, v, 422);
	}
	const char *reason = arena_printf(r->arena, "%s; team %s; %s t/m %s%s", res_groep_codes[w.groep],
	                                  w.df.team_id ? arena_printf(r->arena, "%" PRId64, w.df.team_id) : "alle",
	                                  w.df.from, w.df.to, w.formaat ? (w.formaat == 1 ? "; csv" : "; json") : "");
	if (audit_view(r, beleid ? "beleid.resultaten" : "resultaten.view", "team", w.df.team_id, 0, reason) != 0)
		return -1;
	json_t *groups = NULL;
	if (resultaat_bereken(d, r->arena, &w.f, w.groep, &groups) != DB_OK)
		return -1;
	int rc = w.formaat == 1 ? export_csv(r, &w, groups) : w.formaat == 2 ? export_json(r, &w, groups)
	                                                                    : render(r, d, &w, groups, dv, v, 200);
	json_decref(groups);
	return rc;
}

int h_team_resultaten(struct req *r)
{
	return show(r, false);
}

int h_beleid_resultaten(struct req *r)
{
	return show(r, true);
}
