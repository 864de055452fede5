/* team.c - the teamleider's dashboard (/team): caseload per employee, the
 * households without regisseur and how long they wait, open safety
 * concerns, throughput times, maatwerk per provider and outflow, each as a
 * bar chart with its table; the lists behind every figure; every table as
 * CSV for Dutch Excel and as JSON; and GET /api/v1/dashboard.
 *
 * The figures are built once as API data (dashboard_data) and decorated
 * for the page; CSV and JSON exports read the same data, so a figure is
 * the same number wherever it appears. */
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
#include "veiligheid.h"
#include "svgchart.h"
#include "text.h"

/* ---- filters --------------------------------------------------------------------- */

enum { F_TEAM, F_GEBIED, F_VAN, F_TOT, F_COUNT };
static const struct field_rule filter_rules[F_COUNT] = {
	[F_TEAM] = {.name = "team", .label = "Team", .kind = FIELD_LINE, .max_len = 18},
	[F_GEBIED] = {.name = "gebied", .label = "Gebied", .kind = FIELD_ID},
	[F_VAN] = {.name = "van", .label = "Van maand", .kind = FIELD_LINE, .max_len = 7},
	[F_TOT] = {.name = "tot", .label = "Tot en met maand", .kind = FIELD_LINE, .max_len = 7},
};

enum { MAX_MONTHS = 36, PAGE_UNASSIGNED = 10 };

static const char *const month_names[12] = {"januari", "februari", "maart", "april", "mei", "juni", "juli",
                                            "augustus", "september", "oktober", "november", "december"};

/* "YYYY-MM" (2000-2199) to a month number since year 0, or -1. */
static int month_index(const char *s)
{
	if (strlen(s) != 7 || s[4] != '-' || strspn(s, "0123456789") != 4 || strspn(s + 5, "0123456789") != 2)
		return -1;
	int y = atoi(s), m = atoi(s + 5);
	if (y < 2000 || y > 2199 || m < 1 || m > 12)
		return -1;
	return y * 12 + m - 1;
}

/* Month indexes come from month_index (2000-2199) or today's date, give
 * or take 36 months: never negative. */
static void month_text(int idx, char out[8])
{
	unsigned u = idx < 0 ? 0 : (unsigned)idx;
	snprintf(out, 8, "%04u-%02u", u / 12 % 10000, u % 12 + 1);
}

/* The month of today ("YYYY-MM-DD"); January 2000 should the clock be
 * outside 2000-2199. */
static int current_month(const char *today)
{
	char ym[8];
	snprintf(ym, sizeof ym, "%.7s", today);
	int idx = month_index(ym);
	return idx < 0 ? 2000 * 12 : idx;
}

/* "maart 2026" for "2026-03". */
static const char *month_label(arena *a, const char *ym)
{
	int idx = month_index(ym);
	return idx < 0 ? ym : arena_printf(a, "%s %d", month_names[idx % 12], idx / 12);
}

/* Validates the filter in r's query string into *f; defaults: the user's
 * own team, every gebied, the last 12 months.  Returns the number of
 * fields in error (messages in v). */
static int parse_filter(struct req *r, db *d, struct dash_filter *f, struct field_value *v)
{
	memset(f, 0, sizeof *f);
	date_today(f->today);
	f->now = now_unix();
	int errors = form_validate(r->arena, r->query, filter_rules, F_COUNT, v);

	const char *team = v[F_TEAM].text;
	if (!v[F_TEAM].error) {
		if (!team[0]) {
			f->team_id = r->user->team_id;
		} else if (strcmp(team, "alle") != 0) {
			size_t digits = strspn(team, "0123456789");
			long long id = digits == strlen(team) && digits <= 18 ? strtoll(team, NULL, 10) : 0;
			if (id <= 0 || !db_team_exists(d, id)) {
				v[F_TEAM].error = "Kies een bestaand team of alle teams.";
				errors++;
			} else {
				f->team_id = id;
			}
		}
	}
	if (!v[F_GEBIED].error && v[F_GEBIED].id) {
		if (!db_gebied_exists(d, v[F_GEBIED].id)) {
			v[F_GEBIED].error = "Kies een bestaand gebied.";
			errors++;
		} else {
			f->gebied_id = v[F_GEBIED].id;
		}
	}
	int this_month = current_month(f->today);
	int from = this_month - 11, to = this_month;
	bool period_ok = true;
	if (!v[F_VAN].error && v[F_VAN].text[0] && (from = month_index(v[F_VAN].text)) < 0) {
		v[F_VAN].error = "Vul een maand in als 2026-03 (jaar en maand).";
		errors++;
		period_ok = false;
	}
	if (!v[F_TOT].error && v[F_TOT].text[0] && (to = month_index(v[F_TOT].text)) < 0) {
		v[F_TOT].error = "Vul een maand in als 2026-03 (jaar en maand).";
		errors++;
		period_ok = false;
	}
	if (period_ok && !v[F_VAN].error && !v[F_TOT].error) {
		if (to < from) {
			v[F_TOT].error = "De laatste maand ligt vóór de eerste maand.";
			errors++;
		} else if (to - from + 1 > MAX_MONTHS) {
			v[F_VAN].error = "Kies een periode van hoogstens 36 maanden.";
			errors++;
		}
	}
	month_text(from, f->from);
	month_text(to, f->to);
	return errors;
}

/* The filter as a query string for links (all values are ids and months). */
static const char *filter_query(struct req *r, const struct dash_filter *f)
{
	return arena_printf(r->arena, "team=%s&gebied=%s&van=%s&tot=%s",
	                    f->team_id ? arena_printf(r->arena, "%" PRId64, f->team_id) : "alle",
	                    f->gebied_id ? arena_printf(r->arena, "%" PRId64, f->gebied_id) : "", f->from, f->to);
}

static json_t *filter_json(const struct dash_filter *f)
{
	return json_pack("{s:o, s:o, s:s, s:s}", "team", f->team_id ? json_integer(f->team_id) : json_null(),
	                 "gebied", f->gebied_id ? json_integer(f->gebied_id) : json_null(), "van", f->from, "tot", f->to);
}

/* ---- the figures ------------------------------------------------------------------ */

static const char *const steps[3] = {"aanmelding_intake", "intake_plan", "aanmelding_plan"};
static const char *const step_labels[3] = {"Aanmelding tot vraagverhelderend gesprek (intake)",
                                           "Vraagverhelderend gesprek (intake) tot plan vastgesteld",
                                           "Aanmelding tot plan vastgesteld"};

static json_int_t ji(const json_t *o, const char *key)
{
	return json_integer_value(json_object_get(o, key));
}

static const char *js(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/* One entry per month of the period, each step {aantal, mediaan?, p90?}. */
static json_t *throughput_by_month(const struct dash_filter *f, json_t *rows)
{
	json_t *months = json_array();
	for (int m = month_index(f->from); m <= month_index(f->to); m++) {
		char ym[8];
		month_text(m, ym);
		json_t *o = json_pack("{s:s}", "maand", ym);
		for (int s = 0; s < 3; s++)
			json_object_set_new(o, steps[s], json_pack("{s:i}", "aantal", 0));
		size_t i;
		json_t *row;
		json_array_foreach(rows, i, row) {
			if (strcmp(js(row, "maand"), ym) != 0)
				continue;
			json_t *cell = json_pack("{s:I}", "aantal", ji(row, "aantal"));
			json_object_set(cell, "mediaan", json_object_get(row, "mediaan"));
			json_object_set(cell, "p90", json_object_get(row, "p90"));
			json_object_set_new(o, js(row, "stap"), cell);
		}
		json_array_append_new(months, o);
	}
	return months;
}

static json_t *outflow_by_month(const struct dash_filter *f, json_t *rows)
{
	json_t *months = json_array();
	for (int m = month_index(f->from); m <= month_index(f->to); m++) {
		char ym[8];
		month_text(m, ym);
		json_t *o = json_pack("{s:s}", "maand", ym);
		for (int k = 0; vocab_end_reason_codes[k]; k++)
			json_object_set_new(o, vocab_end_reason_codes[k], json_integer(0));
		json_int_t total = 0;
		size_t i;
		json_t *row;
		json_array_foreach(rows, i, row) {
			if (strcmp(js(row, "maand"), ym) != 0)
				continue;
			json_object_set_new(o, js(row, "reden"), json_integer(ji(row, "aantal")));
			total += ji(row, "aantal");
		}
		json_object_set_new(o, "totaal", json_integer(total));
		json_array_append_new(months, o);
	}
	return months;
}

/* Every figure as the API gives it; unassigned_limit < 0 lists all.
 * Returns a db_status; *out is a new reference on DB_OK. */
static enum db_status dashboard_data(db *d, const struct dash_filter *f, int unassigned_limit, json_t **out)
{
	json_t *caseload = NULL, *unassigned = NULL, *ages = NULL, *safety = NULL, *throughput = NULL,
	       *providers = NULL, *outflow = NULL;
	int64_t unassigned_total = 0;
	enum db_status s;
	*out = NULL;
	if ((s = db_dash_caseload(d, f, &caseload)) != DB_OK ||
	    (s = db_dash_unassigned(d, f, unassigned_limit, &unassigned, &unassigned_total)) != DB_OK ||
	    (s = db_dash_unassigned_ages(d, f, &ages)) != DB_OK || (s = db_dash_safety(d, f, &safety)) != DB_OK ||
	    (s = db_dash_throughput(d, f, &throughput)) != DB_OK || (s = db_dash_providers(d, f, &providers)) != DB_OK ||
	    (s = db_dash_outflow(d, f, &outflow)) != DB_OK) {
		json_decref(caseload);
		json_decref(unassigned);
		json_decref(ages);
		json_decref(safety);
		json_decref(throughput);
		json_decref(providers);
		json_decref(outflow);
		return s;
	}
	size_t i;
	json_t *row;
	json_array_foreach(ages, i, row)
		json_object_set_new(row, "label", json_string(DASH_AGE_BUCKETS[i].label));
	json_t *o = json_object();
	json_object_set_new(o, "filter", filter_json(f));
	json_object_set_new(o, "caseload", caseload);
	json_object_set_new(o, "zonder_regisseur", json_pack("{s:I, s:o, s:o}", "aantal", (json_int_t)unassigned_total,
	                                                     "leeftijd", ages, "huishoudens", unassigned));
	json_object_set_new(o, "veiligheid", safety);
	json_object_set_new(o, "doorlooptijden", throughput_by_month(f, throughput));
	json_object_set_new(o, "aanbieders", providers);
	json_object_set_new(o, "uitstroom", outflow_by_month(f, outflow));
	json_decref(throughput);
	json_decref(outflow);
	*out = o;
	return DB_OK;
}

/* ---- money and labels ------------------------------------------------------------- */

/* Cents as euros with a decimal comma: "1234,56", or with thousands
 * points "1.234,56" for the page. */
static const char *euros(arena *a, int64_t cents, bool points)
{
	int64_t e = cents / 100, c = cents % 100;
	if (!points || e < 1000)
		return arena_printf(a, "%" PRId64 ",%02" PRId64, e, c);
	char digits[32], out[48];
	snprintf(digits, sizeof digits, "%" PRId64, e);
	size_t n = strlen(digits), k = 0;
	for (size_t i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			out[k++] = '.';
		out[k++] = digits[i];
	}
	out[k] = '\0';
	return arena_printf(a, "%s,%02" PRId64, out, c);
}

static const char *date_nl(arena *a, const char *iso)
{
	if (!iso)
		return NULL;
	char out[11];
	fmt_date_nl(iso, out);
	return arena_strdup(a, out);
}

static void set_date_nl(arena *a, json_t *row, const char *key, const char *nl_key)
{
	const char *v = date_nl(a, js(row, key));
	if (v)
		json_object_set_new(row, nl_key, json_string(v));
}

/* ---- the page --------------------------------------------------------------------- */

static json_t *choices(json_t *list, int64_t selected)
{
	size_t i;
	json_t *row;
	json_array_foreach(list, i, row)
		json_object_set_new(row, "selected", json_boolean(ji(row, "id") == selected));
	return list;
}

static void add_filter_form(struct req *r, db *d, json_t *data, const struct dash_filter *f,
                            const struct field_value *v)
{
	json_t *teams = NULL, *gebieden = NULL;
	if (db_dash_teams(d, &teams) != DB_OK)
		teams = json_array();
	if (db_dash_gebieden(d, &gebieden) != DB_OK)
		gebieden = json_array();
	form_to_page(data, filter_rules, F_COUNT, v);
	json_object_set_new(data, "teams", choices(teams, f->team_id));
	json_object_set_new(data, "alle_teams", json_boolean(f->team_id == 0));
	json_object_set_new(data, "gebieden", choices(gebieden, f->gebied_id));
	/* A month field keeps what was typed when it was refused. */
	json_object_set_new(data, "van", json_string(v[F_VAN].error ? v[F_VAN].text : f->from));
	json_object_set_new(data, "tot", json_string(v[F_TOT].error ? v[F_TOT].text : f->to));
	json_object_set_new(data, "q", json_string(filter_query(r, f)));
}

static const char *team_name(json_t *teams, int64_t id)
{
	size_t i;
	json_t *row;
	json_array_foreach(teams, i, row)
		if (ji(row, "id") == id)
			return js(row, "naam");
	return NULL;
}

static json_t *chart(const char *id, const char *title, const char *desc, size_t ncat, const char **labels,
                     size_t nseries, const struct chart_series *series, const double *values, const char **texts)
{
	struct chart_spec spec = {.id = id, .title = title, .desc = desc, .ncat = ncat, .nseries = nseries,
	                          .cat_labels = labels, .series = series, .values = values, .value_texts = texts};
	return svgchart_bars(&spec);
}

static void page_caseload(struct req *r, json_t *data, json_t *rows, const char *q)
{
	size_t n = json_array_size(rows), i;
	const char **labels = arena_alloc(r->arena, (n + 1) * sizeof *labels);
	double *values = arena_alloc(r->arena, (n * 3 + 1) * sizeof *values);
	json_t *row;
	json_array_foreach(rows, i, row) {
		int64_t id = ji(row, "medewerker_id");
		labels[i] = js(row, "naam");
		values[i * 3] = (double)ji(row, "huishoudens");
		values[i * 3 + 1] = (double)ji(row, "plan_actief");
		values[i * 3 + 2] = (double)ji(row, "evaluatie_verlopen");
		json_object_set_new(row, "href_huishoudens", json_string(arena_printf(r->arena,
		        "/team/huishoudens?lijst=regisseur&medewerker=%" PRId64 "&%s", id, q)));
		json_object_set_new(row, "href_plan", json_string(arena_printf(r->arena,
		        "/team/huishoudens?lijst=plan_actief&medewerker=%" PRId64 "&%s", id, q)));
		json_object_set_new(row, "href_evaluatie", json_string(arena_printf(r->arena,
		        "/team/huishoudens?lijst=evaluatie_verlopen&medewerker=%" PRId64 "&%s", id, q)));
	}
	static const struct chart_series series[3] = {
		{"Huishoudens als regisseur", "a"}, {"Met actief plan", "b"}, {"Evaluatie verlopen", "c"}};
	json_object_set_new(data, "caseload_chart", chart("grafiek-caseload", "Caseload per medewerker",
	        "Staafdiagram van de caseload per medewerker. De cijfers staan in de tabel ernaast.", n, labels, 3,
	        series, values, NULL));
	json_object_set_new(data, "has_caseload", json_boolean(n > 0));
	json_object_set(data, "caseload", rows);
}

static void page_unassigned(struct req *r, json_t *data, json_t *z, const char *q)
{
	json_t *ages = json_object_get(z, "leeftijd"), *row;
	const char *labels[4];
	double values[4];
	size_t i;
	json_array_foreach(ages, i, row) {
		labels[i] = js(row, "label");
		values[i] = (double)ji(row, "aantal");
		json_object_set_new(row, "href", json_string(arena_printf(r->arena,
		        "/team/huishoudens?lijst=zonder_regisseur&wacht=%s&%s", js(row, "code"), q)));
	}
	static const struct chart_series series[1] = {{"Huishoudens", "a"}};
	json_object_set_new(data, "wacht_chart", chart("grafiek-wachttijd", "Huishoudens zonder regisseur naar wachttijd",
	        "Staafdiagram van het aantal huishoudens zonder regisseur per wachttijd. De cijfers staan in de tabel ernaast.",
	        json_array_size(ages) < 4 ? json_array_size(ages) : 4, labels, 1, series, values, NULL));
	json_array_foreach(json_object_get(z, "huishoudens"), i, row)
		set_date_nl(r->arena, row, "wacht_sinds", "wacht_sinds_nl");
	json_object_set_new(data, "zonder_href", json_string(arena_printf(r->arena,
	        "/team/huishoudens?lijst=zonder_regisseur&%s", q)));
	json_object_set_new(data, "has_zonder", json_boolean(json_array_size(json_object_get(z, "huishoudens")) > 0));
	int64_t n = ji(z, "aantal");
	json_object_set_new(data, "zonder_text", json_string(text_count(r->arena, n, "huishouden", "huishoudens")));
	json_object_set_new(data, "zonder_verb", json_string(n == 1 ? "heeft" : "hebben"));
	json_object_set(data, "zonder", z);
}

static void page_safety(struct req *r, json_t *data, json_t *rows)
{
	size_t i, counts[2] = {0, 0};
	json_t *row;
	json_array_foreach(rows, i, row) {
		bool signal = strcmp(js(row, "soort"), "signaal") == 0;
		counts[signal]++;
		json_object_set_new(row, "soort_label", json_string(signal ? "Signaal" : "Aanmelding (meldcode)"));
		json_object_set_new(row, "href", json_string(arena_printf(r->arena, "/%s/%" PRId64,
		        signal ? "signalen" : "aanmeldingen", (int64_t)ji(row, "id"))));
		if (js(row, "bron"))
			json_object_set_new(row, "bron_label", json_string(vocab_label(&vocab_signal_source, js(row, "bron"))));
		if (js(row, "urgentie"))
			json_object_set_new(row, "urgentie_label", json_string(vocab_label(&vocab_urgency, js(row, "urgentie"))));
		set_date_nl(r->arena, row, "ontvangen", "ontvangen_nl");
	}
	const char *labels[2] = {"Aanmeldingen met meldcode", "Signalen"};
	double values[2] = {(double)counts[0], (double)counts[1]};
	static const struct chart_series series[1] = {{"Open", "c"}};
	json_object_set_new(data, "veiligheid_chart", chart("grafiek-veiligheid", "Aanmeldingen en signalen met een zorg over veiligheid",
	        "Staafdiagram van het aantal open veiligheidszorgen per soort. De cijfers staan in de tabel ernaast.", 2,
	        labels, 1, series, values, NULL));
	json_object_set_new(data, "has_veiligheid", json_boolean(json_array_size(rows) > 0));
	json_object_set_new(data, "veiligheid_aantal", json_integer((json_int_t)json_array_size(rows)));
	json_object_set(data, "veiligheid", rows);
}

static void page_throughput(struct req *r, json_t *data, json_t *months, const char *q)
{
	size_t n = json_array_size(months), i;
	const char **labels = arena_alloc(r->arena, (n + 1) * sizeof *labels);
	double *values = arena_alloc(r->arena, (n * 3 + 1) * sizeof *values);
	const char **texts = arena_alloc(r->arena, (n * 3 + 1) * sizeof *texts);
	json_t *row;
	json_array_foreach(months, i, row) {
		const char *ym = js(row, "maand");
		labels[i] = month_label(r->arena, ym);
		json_object_set_new(row, "maand_label", json_string(labels[i]));
		json_t *cells = json_array();
		for (int s = 0; s < 3; s++) {
			json_t *c = json_object_get(row, steps[s]);
			json_t *med = json_object_get(c, "mediaan");
			values[i * 3 + s] = med ? (double)json_integer_value(med) : 0;
			texts[i * 3 + s] = med ? arena_printf(r->arena, "%lld d", (long long)json_integer_value(med)) : "–";
			json_t *cell = json_deep_copy(c);
			json_object_set_new(cell, "has", json_boolean(ji(c, "aantal") > 0));
			json_object_set_new(cell, "href", json_string(arena_printf(r->arena,
			        "/team/huishoudens?lijst=stap&stap=%s&maand=%s&%s", steps[s], ym, q)));
			json_array_append_new(cells, cell);
		}
		json_object_set_new(row, "cells", cells);
	}
	static const struct chart_series series[3] = {
		{"Aanmelding tot intake", "a"}, {"Intake tot plan", "b"}, {"Aanmelding tot plan", "c"}};
	json_object_set_new(data, "doorloop_chart", chart("grafiek-doorlooptijden", "Mediane doorlooptijd in dagen per maand",
	        "Staafdiagram van de mediane doorlooptijd per stap en maand. Aantallen, medianen en 90e percentielen staan in de tabel ernaast.",
	        n, labels, 3, series, values, texts));
	json_object_set(data, "doorlooptijden", months);
}

static void page_providers(struct req *r, json_t *data, json_t *rows, const char *q)
{
	size_t n = json_array_size(rows), i;
	const char **labels = arena_alloc(r->arena, (n + 1) * sizeof *labels);
	double *values = arena_alloc(r->arena, (n + 1) * sizeof *values);
	const char **texts = arena_alloc(r->arena, (n + 1) * sizeof *texts);
	json_t *row;
	int64_t count = 0, cents = 0;
	json_array_foreach(rows, i, row) {
		labels[i] = js(row, "aanbieder");
		values[i] = (double)ji(row, "kosten_cents");
		texts[i] = arena_printf(r->arena, "€ %s", euros(r->arena, ji(row, "kosten_cents"), true));
		count += ji(row, "aantal");
		cents += ji(row, "kosten_cents");
		json_object_set_new(row, "kosten_nl", json_string(texts[i]));
		json_object_set_new(row, "href", json_string(arena_printf(r->arena,
		        "/team/huishoudens?lijst=aanbieder&aanbieder=%" PRId64 "&%s", (int64_t)ji(row, "aanbieder_id"), q)));
	}
	static const struct chart_series series[1] = {{"Kosten", "b"}};
	json_object_set_new(data, "aanbieders_chart", chart("grafiek-aanbieders", "Toegezegde kosten per aanbieder",
	        "Staafdiagram van de toegezegde kosten van actieve maatwerkvoorzieningen per aanbieder. De cijfers staan in de tabel ernaast.",
	        n, labels, 1, series, values, texts));
	json_object_set_new(data, "has_aanbieders", json_boolean(n > 0));
	json_object_set(data, "aanbieders", rows);
	json_object_set_new(data, "aanbieders_aantal", json_integer(count));
	json_object_set_new(data, "aanbieders_kosten", json_string(arena_printf(r->arena, "€ %s", euros(r->arena, cents, true))));
}

static void page_outflow(struct req *r, json_t *data, json_t *months, const char *q)
{
	size_t nreasons = 0;
	while (vocab_end_reason_codes[nreasons])
		nreasons++;
	double *totals = arena_alloc(r->arena, (nreasons + 1) * sizeof *totals);
	const char **labels = arena_alloc(r->arena, (nreasons + 1) * sizeof *labels);
	json_t *heads = json_array();
	for (size_t k = 0; k < nreasons; k++) {
		labels[k] = vocab_end_reason.labels[k];
		json_array_append_new(heads, json_pack("{s:s}", "label", labels[k]));
	}
	size_t i;
	json_t *row;
	json_array_foreach(months, i, row) {
		const char *ym = js(row, "maand");
		json_object_set_new(row, "maand_label", json_string(month_label(r->arena, ym)));
		json_t *cells = json_array();
		for (size_t k = 0; k < nreasons; k++) {
			json_int_t v = ji(row, vocab_end_reason_codes[k]);
			totals[k] += (double)v;
			json_array_append_new(cells, json_pack("{s:I, s:s}", "aantal", v, "href", arena_printf(r->arena,
			        "/team/huishoudens?lijst=uitstroom&maand=%s&reden=%s&%s", ym, vocab_end_reason_codes[k], q)));
		}
		json_object_set_new(row, "cells", cells);
		json_object_set_new(row, "href", json_string(arena_printf(r->arena,
		        "/team/huishoudens?lijst=uitstroom&maand=%s&%s", ym, q)));
	}
	static const struct chart_series series[1] = {{"Afgesloten", "a"}};
	json_object_set_new(data, "uitstroom_chart", chart("grafiek-uitstroom", "Afgesloten huishoudens per reden in de periode",
	        "Staafdiagram van het aantal afgesloten huishoudens per reden over de hele periode. De aantallen per maand staan in de tabel ernaast.",
	        nreasons, labels, 1, series, totals, NULL));
	json_object_set_new(data, "redenen", heads);
	json_object_set(data, "uitstroom", months);
}

static int render_dashboard(struct req *r, db *d, const struct dash_filter *f, const struct field_value *v,
                            unsigned status, json_t *figures)
{
	json_t *data = json_object();
	add_filter_form(r, d, data, f, v);
	const char *q = filter_query(r, f);
	const char *tname = f->team_id ? team_name(json_object_get(data, "teams"), f->team_id) : NULL;
	json_object_set_new(data, "team_naam", json_string(tname ? tname : "alle teams"));
	json_object_set_new(data, "periode", json_string(arena_printf(r->arena, "%s tot en met %s",
	        month_label(r->arena, f->from), month_label(r->arena, f->to))));
	/* Live, not from the figures' cache: the open veiligheidszorgen first. */
	if (veiligheid_list_fill(r, d, data) != DB_OK) {
		json_decref(figures);
		json_decref(data);
		return -1;
	}
	if (figures) {
		json_object_set_new(data, "figures", json_true());
		page_caseload(r, data, json_object_get(figures, "caseload"), q);
		page_unassigned(r, data, json_object_get(figures, "zonder_regisseur"), q);
		page_safety(r, data, json_object_get(figures, "veiligheid"));
		page_throughput(r, data, json_object_get(figures, "doorlooptijden"), q);
		page_providers(r, data, json_object_get(figures, "aanbieders"), q);
		page_outflow(r, data, json_object_get(figures, "uitstroom"), q);
		json_decref(figures);
	}
	return reply_page(r, status, "team", "Teamdashboard", data);
}

int h_team_dashboard(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct dash_filter f;
	struct field_value v[F_COUNT];
	if (parse_filter(r, d, &f, v) > 0)
		return render_dashboard(r, d, &f, v, 422, NULL);
	json_t *figures;
	if (dashboard_data(d, &f, PAGE_UNASSIGNED, &figures) != DB_OK)
		return -1;
	if (audit_view(r, "dashboard.view", "team", f.team_id, 0, NULL) != 0) {
		json_decref(figures);
		return -1;
	}
	return render_dashboard(r, d, &f, v, 200, figures);
}

int h_api_dashboard(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct dash_filter f;
	struct field_value v[F_COUNT];
	if (parse_filter(r, d, &f, v) > 0)
		return reply_json_validation(r, form_errors_json(filter_rules, F_COUNT, v));
	json_t *figures;
	if (dashboard_data(d, &f, -1, &figures) != DB_OK)
		return -1;
	if (audit_view(r, "dashboard.view", "team", f.team_id, 0, "api") != 0) {
		json_decref(figures);
		return -1;
	}
	return reply_json(r, 200, figures);
}

/* ---- the lists behind the figures --------------------------------------------------- */

static const char *const list_codes[] = {"regisseur", "plan_actief", "evaluatie_verlopen", "zonder_regisseur",
                                         "stap", "aanbieder", "uitstroom", NULL};
static const char *const wacht_codes[] = {"week", "twee_weken", "maand", "langer", NULL};

enum { L_LIJST, L_MEDEWERKER, L_AANBIEDER, L_STAP, L_MAAND, L_REDEN, L_WACHT, L_COUNT };
static const struct field_rule list_rules[L_COUNT] = {
	[L_LIJST] = {.name = "lijst", .label = "Lijst", .kind = FIELD_CHOICE, .required = true, .choices = list_codes},
	[L_MEDEWERKER] = {.name = "medewerker", .label = "Medewerker", .kind = FIELD_ID},
	[L_AANBIEDER] = {.name = "aanbieder", .label = "Aanbieder", .kind = FIELD_ID},
	[L_STAP] = {.name = "stap", .label = "Stap", .kind = FIELD_CHOICE, .choices = steps},
	[L_MAAND] = {.name = "maand", .label = "Maand", .kind = FIELD_LINE, .max_len = 7},
	[L_REDEN] = {.name = "reden", .label = "Reden", .kind = FIELD_CHOICE, .choices = vocab_end_reason_codes},
	[L_WACHT] = {.name = "wacht", .label = "Wachttijd", .kind = FIELD_CHOICE, .choices = wacht_codes},
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
		if (!v[L_MAAND].error && month_index(v[L_MAAND].text) < 0) {
			v[L_MAAND].error = "Vul een maand in als 2026-03 (jaar en maand).";
			errors++;
		}
		if (errors || v[L_STAP].error || v[L_MAAND].error)
			break;
		q->month = v[L_MAAND].text;
		if (q->kind == DASH_LIST_STAP) {
			q->step = steps[v[L_STAP].bits];
			*title = arena_printf(r->arena, "%s: stap bereikt in %s", step_labels[v[L_STAP].bits],
			                      month_label(r->arena, q->month));
		} else {
			q->reason = v[L_REDEN].text[0] ? v[L_REDEN].text : NULL;
			*title = arena_printf(r->arena, "Afgesloten in %s%s%s", month_label(r->arena, q->month),
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
	int errors = parse_filter(r, d, &f, fv);
	errors += form_validate(r->arena, r->query, list_rules, L_COUNT, lv);
	struct dash_list_query q;
	const char *title = "Huishoudens";
	if (!lv[L_LIJST].error)
		errors += list_query(r, d, lv, &q, &title);
	if (errors > 0) {
		strbuf sb = {0};
		for (int i = 0; i < F_COUNT; i++)
			if (fv[i].error)
				sb_printf(&sb, "%s%s: %s", sb.len ? " " : "", filter_rules[i].name, fv[i].error);
		for (int i = 0; i < L_COUNT; i++)
			if (lv[i].error)
				sb_printf(&sb, "%s%s: %s", sb.len ? " " : "", list_rules[i].name, lv[i].error);
		json_t *data = json_pack("{s:s, s:s}", "heading", "Deze lijst bestaat niet",
		                         "message", arena_printf(r->arena, "De link naar deze lijst klopt niet. %s", sb_str(&sb)));
		sb_free(&sb);
		return reply_page(r, 422, "fout", "Deze lijst bestaat niet", data);
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
		set_date_nl(r->arena, row, "aangemeld", "aangemeld_nl");
		set_date_nl(r->arena, row, "intake", "intake_nl");
		set_date_nl(r->arena, row, "plan_vastgesteld", "plan_vastgesteld_nl");
		set_date_nl(r->arena, row, "afgesloten", "afgesloten_nl");
	}
	json_t *data = json_object();
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
	json_object_set_new(data, "q", json_string(filter_query(r, &f)));
	return reply_page(r, 200, "team-huishoudens", title, data);
}

/* ---- exports ---------------------------------------------------------------------- */

enum col_kind { C_INT, C_TEXT, C_DATE, C_EUROS, C_LABEL };

struct csv_col {
	const char *head;
	const char *key;  /* "a" or "a.b" (one level of nesting) */
	enum col_kind kind;
	const struct vocab *vocab; /* C_LABEL */
};

struct export_table {
	const char *name;     /* in the URL and the file name */
	const char *json_key; /* in the dashboard data */
	const char *sub_key;  /* rows inside json_key, or NULL */
	const struct csv_col *cols;
	size_t ncols;
};

static const struct csv_col caseload_cols[] = {
	{"Medewerker", "naam", C_TEXT, NULL}, {"Team", "team", C_TEXT, NULL},
	{"Huishoudens als regisseur", "huishoudens", C_INT, NULL}, {"Met actief plan", "plan_actief", C_INT, NULL},
	{"Evaluatie verlopen", "evaluatie_verlopen", C_INT, NULL},
};
static const struct csv_col zonder_cols[] = {
	{"Huishouden", "huishouden_id", C_INT, NULL}, {"Adres", "adres", C_TEXT, NULL}, {"Gebied", "gebied", C_TEXT, NULL},
	{"Vorige regisseur (niet meer actief)", "vorige_regisseur", C_TEXT, NULL},
	{"Wacht sinds", "wacht_sinds", C_DATE, NULL}, {"Wachtdagen", "wachtdagen", C_INT, NULL},
};
static const struct csv_col veiligheid_cols[] = {
	{"Soort", "soort", C_TEXT, NULL}, {"Nummer", "id", C_INT, NULL}, {"Huishouden", "huishouden_id", C_INT, NULL},
	{"Adres", "adres", C_TEXT, NULL}, {"Bron", "bron", C_LABEL, &vocab_signal_source},
	{"Urgentie", "urgentie", C_LABEL, &vocab_urgency}, {"Gebied", "gebied", C_TEXT, NULL},
	{"Ontvangen", "ontvangen", C_DATE, NULL}, {"Wachtdagen", "wachtdagen", C_INT, NULL},
};
static const struct csv_col doorloop_cols[] = {
	{"Maand", "maand", C_TEXT, NULL},
	{"Aanmelding-intake aantal", "aanmelding_intake.aantal", C_INT, NULL},
	{"Aanmelding-intake mediaan (dagen)", "aanmelding_intake.mediaan", C_INT, NULL},
	{"Aanmelding-intake p90 (dagen)", "aanmelding_intake.p90", C_INT, NULL},
	{"Intake-plan aantal", "intake_plan.aantal", C_INT, NULL},
	{"Intake-plan mediaan (dagen)", "intake_plan.mediaan", C_INT, NULL},
	{"Intake-plan p90 (dagen)", "intake_plan.p90", C_INT, NULL},
	{"Aanmelding-plan aantal", "aanmelding_plan.aantal", C_INT, NULL},
	{"Aanmelding-plan mediaan (dagen)", "aanmelding_plan.mediaan", C_INT, NULL},
	{"Aanmelding-plan p90 (dagen)", "aanmelding_plan.p90", C_INT, NULL},
};
static const struct csv_col aanbieder_cols[] = {
	{"Aanbieder", "aanbieder", C_TEXT, NULL}, {"Actieve maatwerkvoorzieningen", "aantal", C_INT, NULL},
	{"Toegezegde kosten (euro)", "kosten_cents", C_EUROS, NULL},
};
static const struct csv_col uitstroom_cols[] = {
	{"Maand", "maand", C_TEXT, NULL}, {"Doel bereikt", "doel_bereikt", C_INT, NULL},
	{"Uitstroom naar lichtere ondersteuning", "uitstroom_lichter", C_INT, NULL},
	{"Verhuisd", "verhuisd", C_INT, NULL}, {"Overleden", "overleden", C_INT, NULL},
	{"Anders", "anders", C_INT, NULL}, {"Totaal", "totaal", C_INT, NULL},
};

static const struct export_table export_tables[] = {
	{"caseload", "caseload", NULL, caseload_cols, ARRAY_LEN(caseload_cols)},
	{"zonder-regisseur", "zonder_regisseur", "huishoudens", zonder_cols, ARRAY_LEN(zonder_cols)},
	{"veiligheid", "veiligheid", NULL, veiligheid_cols, ARRAY_LEN(veiligheid_cols)},
	{"doorlooptijden", "doorlooptijden", NULL, doorloop_cols, ARRAY_LEN(doorloop_cols)},
	{"aanbieders", "aanbieders", NULL, aanbieder_cols, ARRAY_LEN(aanbieder_cols)},
	{"uitstroom", "uitstroom", NULL, uitstroom_cols, ARRAY_LEN(uitstroom_cols)},
};

static json_t *col_value(json_t *row, const char *key)
{
	const char *dot = strchr(key, '.');
	if (!dot)
		return json_object_get(row, key);
	char outer[64];
	snprintf(outer, sizeof outer, "%.*s", (int)(dot - key), key);
	return json_object_get(json_object_get(row, outer), dot + 1);
}

static char *csv_of(arena *a, const struct export_table *t, json_t *rows, size_t *len)
{
	strbuf sb = {0};
	sb_puts(&sb, "\xEF\xBB\xBF");
	for (size_t c = 0; c < t->ncols; c++) {
		if (c)
			sb_putc(&sb, ';');
		csv_field(&sb, t->cols[c].head);
	}
	sb_puts(&sb, "\r\n");
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row) {
		for (size_t c = 0; c < t->ncols; c++) {
			if (c)
				sb_putc(&sb, ';');
			json_t *v = col_value(row, t->cols[c].key);
			if (!v || json_is_null(v))
				continue;
			switch (t->cols[c].kind) {
			case C_INT:
				sb_printf(&sb, "%lld", (long long)json_integer_value(v));
				break;
			case C_EUROS:
				sb_puts(&sb, euros(a, json_integer_value(v), false));
				break;
			case C_DATE:
				csv_field(&sb, date_nl(a, json_string_value(v)));
				break;
			case C_LABEL:
				csv_field(&sb, vocab_label(t->cols[c].vocab, json_string_value(v)));
				break;
			case C_TEXT:
				csv_field(&sb, json_string_value(v));
				break;
			}
		}
		sb_puts(&sb, "\r\n");
	}
	*len = sb.len;
	return sb_steal(&sb);
}

int h_team_export(struct req *r)
{
	static const char prefix[] = "/team/export/";
	const char *file = r->path + strlen(prefix);
	const char *dot = strrchr(file, '.');
	const struct export_table *t = NULL;
	for (size_t i = 0; dot && i < ARRAY_LEN(export_tables); i++)
		if (strlen(export_tables[i].name) == (size_t)(dot - file) &&
		    strncmp(file, export_tables[i].name, (size_t)(dot - file)) == 0)
			t = &export_tables[i];
	bool csv = dot && strcmp(dot, ".csv") == 0;
	if (!t || (!csv && strcmp(dot, ".json") != 0))
		return reply_error(r, ERR_NOT_FOUND, "Deze export bestaat niet. Kies een export op het teamdashboard.");

	db *d = db_get();
	if (!d)
		return -1;
	struct dash_filter f;
	struct field_value v[F_COUNT];
	if (parse_filter(r, d, &f, v) > 0)
		return render_dashboard(r, d, &f, v, 422, NULL);
	json_t *figures;
	if (dashboard_data(d, &f, -1, &figures) != DB_OK)
		return -1;
	const char *fname = arena_printf(r->arena, "dashboard-%s-%s-%s.%s", t->name, f.from, f.to, csv ? "csv" : "json");
	const char *reason = arena_printf(r->arena, "%s; team %s; gebied %s; %s t/m %s", fname,
	        f.team_id ? arena_printf(r->arena, "%" PRId64, f.team_id) : "alle",
	        f.gebied_id ? arena_printf(r->arena, "%" PRId64, f.gebied_id) : "alle", f.from, f.to);
	if (audit_view(r, "dashboard.export", t->name, f.team_id, 0, reason) != 0) {
		json_decref(figures);
		return -1;
	}
	json_t *rows = json_object_get(figures, t->json_key);
	if (t->sub_key)
		rows = json_object_get(rows, t->sub_key);
	const char *disposition = arena_printf(r->arena, "attachment; filename=\"%s\"", fname);
	if (!csv) {
		json_t *body = json_pack("{s:O, s:O}", "filter", json_object_get(figures, "filter"), "rijen", rows);
		json_decref(figures);
		if (reply_json(r, 200, body) != 0)
			return -1;
		reply_header(r, "Content-Disposition", disposition);
		return 0;
	}
	size_t len;
	char *text = csv_of(r->arena, t, rows, &len);
	json_decref(figures);
	if (reply_buffer(r, 200, text, len, "text/csv; charset=utf-8") != 0)
		return -1;
	reply_header(r, "Content-Disposition", disposition);
	return 0;
}

/* ---- for Mijn werk ------------------------------------------------------------------ */

int team_summary_fill(struct req *r, json_t *data)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct dash_filter f;
	memset(&f, 0, sizeof f);
	date_today(f.today);
	f.now = now_unix();
	f.team_id = r->user->team_id;
	int this_month = current_month(f.today);
	month_text(this_month - 11, f.from);
	month_text(this_month, f.to);
	json_t *caseload = NULL, *safety = NULL, *unassigned = NULL;
	int64_t total = 0;
	if (db_dash_caseload(d, &f, &caseload) != DB_OK)
		return -1;
	if (db_dash_unassigned(d, &f, 0, &unassigned, &total) != DB_OK || db_dash_safety(d, &f, &safety) != DB_OK) {
		json_decref(caseload);
		json_decref(unassigned);
		return -1;
	}
	json_decref(unassigned);
	const char *q = filter_query(r, &f);
	size_t i;
	json_t *row;
	json_array_foreach(caseload, i, row)
		json_object_set_new(row, "href", json_string(arena_printf(r->arena,
		        "/team/huishoudens?lijst=regisseur&medewerker=%" PRId64 "&%s", (int64_t)ji(row, "medewerker_id"), q)));
	json_t *team = json_object();
	json_object_set_new(team, "has_caseload", json_boolean(json_array_size(caseload) > 0));
	json_object_set_new(team, "caseload", caseload);
	json_object_set_new(team, "zonder_regisseur", json_integer(total));
	json_object_set_new(team, "zonder_text", json_string(text_count(r->arena, total, "huishouden zonder regisseur",
	                                                                "huishoudens zonder regisseur")));
	json_object_set_new(team, "zonder_href", json_string(arena_printf(r->arena,
	        "/team/huishoudens?lijst=zonder_regisseur&%s", q)));
	json_object_set_new(team, "veiligheid", json_integer((json_int_t)json_array_size(safety)));
	json_object_set_new(team, "veiligheid_text",
	                    json_string(text_count(r->arena, (long long)json_array_size(safety),
	                                           "aanmelding of signaal met een zorg over veiligheid",
	                                           "aanmeldingen en signalen met een zorg over veiligheid")));
	json_decref(safety);
	json_object_set_new(data, "teamview", team);
	return 0;
}
