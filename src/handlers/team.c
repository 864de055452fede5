/* team.c - the teamleider's dashboard (/team): caseload per employee, the
 * households without regisseur and how long they wait, open safety
 * concerns, throughput times, maatwerk per provider and outflow, each as a
 * bar chart with its table; every table as CSV for Dutch Excel and as
 * JSON; and GET /api/v1/dashboard.  The lists behind every figure are in
 * team_lijst.c; what both share (the filter and the figures) in
 * src/team_shared.c. */
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
#include "signalen.h"
#include "svgchart.h"
#include "team_shared.h"
#include "text.h"
#include "veiligheid.h"

enum { PAGE_UNASSIGNED = 10 };

/* ---- the page --------------------------------------------------------------------- */

static void add_filter_form(struct req *r, db *d, json_t *data, const struct dash_filter *f,
                            const struct field_value *v)
{
	team_filter_form(d, data, f, v);
	json_object_set_new(data, "q", json_string(team_filter_query(r, f)));
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
		team_set_date_nl(r->arena, row, "wacht_sinds", "wacht_sinds_nl");
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
		team_set_date_nl(r->arena, row, "ontvangen", "ontvangen_nl");
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
		labels[i] = team_month_label(r->arena, ym);
		json_object_set_new(row, "maand_label", json_string(labels[i]));
		json_t *cells = json_array();
		for (int s = 0; s < 3; s++) {
			json_t *c = json_object_get(row, team_steps[s]);
			json_t *med = json_object_get(c, "mediaan");
			values[i * 3 + s] = med ? (double)json_integer_value(med) : 0;
			texts[i * 3 + s] = med ? arena_printf(r->arena, "%lld d", (long long)json_integer_value(med)) : "–";
			json_t *cell = json_deep_copy(c);
			json_object_set_new(cell, "has", json_boolean(ji(c, "aantal") > 0));
			json_object_set_new(cell, "href", json_string(arena_printf(r->arena,
			        "/team/huishoudens?lijst=stap&stap=%s&maand=%s&%s", team_steps[s], ym, q)));
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
	int64_t count = 0, cents = 0, declared = 0;
	json_array_foreach(rows, i, row) {
		declared += ji(row, "gedeclareerd_cents");
		json_object_set_new(row, "gedeclareerd_nl", json_string(arena_printf(r->arena, "€ %s",
		        team_euros(r->arena, ji(row, "gedeclareerd_cents"), true))));
		labels[i] = js(row, "aanbieder");
		values[i] = (double)ji(row, "kosten_cents");
		texts[i] = arena_printf(r->arena, "€ %s", team_euros(r->arena, ji(row, "kosten_cents"), true));
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
	json_object_set_new(data, "aanbieders_kosten", json_string(arena_printf(r->arena, "€ %s", team_euros(r->arena, cents, true))));
	json_object_set_new(data, "aanbieders_gedeclareerd",
	                    json_string(arena_printf(r->arena, "€ %s", team_euros(r->arena, declared, true))));
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
		json_object_set_new(row, "maand_label", json_string(team_month_label(r->arena, ym)));
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

/* Verwijsstromen (issue 16 item 5): per month and legal basis, maatwerk
 * started and the share of it through an external verwijzer. */
static void page_verwijzing(struct req *r, json_t *data, json_t *rows)
{
	json_t *out = json_array();
	int64_t all = 0, outside = 0;
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row)
	{
		int64_t n = json_integer_value(json_object_get(row, "aantal"));
		int64_t b = json_integer_value(json_object_get(row, "buiten_regie"));
		all += n;
		outside += b;
		json_array_append_new(
			out, json_pack("{s:s, s:s, s:I, s:I, s:s}", "maand_label",
		                   team_month_label(r->arena, json_string_value(json_object_get(row, "maand"))),
		                   "grondslag_label",
		                   vocab_label(&vocab_legal_basis, json_string_value(json_object_get(row, "grondslag"))),
		                   "aantal", (json_int_t)n, "buiten_regie", (json_int_t)b, "aandeel",
		                   arena_printf(r->arena, "%lld%%", (long long)(n ? (b * 100 + n / 2) / n : 0))));
	}
	json_object_set_new(data, "has_verwijsstromen", json_boolean(all > 0));
	json_object_set_new(data, "verwijsstromen", out);
	json_object_set_new(data, "verwijs_totaal", json_integer(all));
	json_object_set_new(data, "verwijs_buiten", json_integer(outside));
	json_object_set_new(data, "verwijs_aandeel",
	                    json_string(arena_printf(r->arena, "%lld%%",
	                                             (long long)(all ? (outside * 100 + all / 2) / all : 0))));
}

static int render_dashboard(struct req *r, db *d, const struct dash_filter *f, const struct field_value *v,
                            unsigned status, json_t *figures)
{
	json_t *data = json_object();
	add_filter_form(r, d, data, f, v);
	const char *q = team_filter_query(r, f);
	const char *tname = f->team_id ? team_name(json_object_get(data, "teams"), f->team_id) : NULL;
	json_object_set_new(data, "team_naam", json_string(tname ? tname : "alle teams"));
	json_object_set_new(data, "periode", json_string(arena_printf(r->arena, "%s tot en met %s",
	        team_month_label(r->arena, f->from), team_month_label(r->arena, f->to))));
	/* Live, not from the figures' cache: the open veiligheidszorgen first,
	 * and the signals of the teamleider's own team (issue 16 item 4). */
	json_t *sig = json_object();
	json_object_set_new(data, "signalen", sig);
	if (veiligheid_list_fill(r, d, data) != DB_OK ||
	    (r->user->team_id && signalen_summary(r, d, r->user->team_id, sig) != DB_OK)) {
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
		page_verwijzing(r, data, json_object_get(figures, "verwijsstromen"));
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
	if (team_parse_filter(r, d, &f, v) > 0)
		return render_dashboard(r, d, &f, v, 422, NULL);
	json_t *figures;
	if (team_dashboard_data(d, &f, PAGE_UNASSIGNED, &figures) != DB_OK)
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
	if (team_parse_filter(r, d, &f, v) > 0)
		return reply_json_validation(r, form_errors_json(team_filter_rules, F_COUNT, v));
	json_t *figures;
	if (team_dashboard_data(d, &f, -1, &figures) != DB_OK)
		return -1;
	if (audit_view(r, "dashboard.view", "team", f.team_id, 0, "api") != 0) {
		json_decref(figures);
		return -1;
	}
	return reply_json(r, 200, figures);
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

static const struct csv_col verwijs_cols[] = {
	{"Maand", "maand", C_TEXT, NULL}, {"Wettelijke grondslag", "grondslag", C_LABEL, &vocab_legal_basis},
	{"Maatwerk gestart", "aantal", C_INT, NULL}, {"Via een externe verwijzer", "buiten_regie", C_INT, NULL},
};

static const struct export_table export_tables[] = {
	{"caseload", "caseload", NULL, caseload_cols, ARRAY_LEN(caseload_cols)},
	{"zonder-regisseur", "zonder_regisseur", "huishoudens", zonder_cols, ARRAY_LEN(zonder_cols)},
	{"veiligheid", "veiligheid", NULL, veiligheid_cols, ARRAY_LEN(veiligheid_cols)},
	{"doorlooptijden", "doorlooptijden", NULL, doorloop_cols, ARRAY_LEN(doorloop_cols)},
	{"aanbieders", "aanbieders", NULL, aanbieder_cols, ARRAY_LEN(aanbieder_cols)},
	{"uitstroom", "uitstroom", NULL, uitstroom_cols, ARRAY_LEN(uitstroom_cols)},
	{"verwijsstromen", "verwijsstromen", NULL, verwijs_cols, ARRAY_LEN(verwijs_cols)},
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
				sb_puts(&sb, team_euros(a, json_integer_value(v), false));
				break;
			case C_DATE:
				csv_field(&sb, team_date_nl(a, json_string_value(v)));
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
	if (team_parse_filter(r, d, &f, v) > 0)
		return render_dashboard(r, d, &f, v, 422, NULL);
	json_t *figures;
	if (team_dashboard_data(d, &f, -1, &figures) != DB_OK)
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
