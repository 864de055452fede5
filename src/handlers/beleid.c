/* beleid.c - management information without personal data (issue 16 item
 * 7, docs/sturen.md) for the beleidsmedewerker: /beleid, the aggregate
 * figures of every team (throughput, outflow, maatwerk per provider,
 * verwijsstromen, signals) and /beleid/kwartaal, the quarterly report for
 * the gemeenteraad with the key figures of five quarters.  No household,
 * name or free text; every cell resting on fewer than five persons is
 * "<5" on the page, in the CSV and in the JSON.  The results per provider
 * and product are in resultaat.c (/beleid/resultaten). */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "csv.h"
#include "db_dashboard.h"
#include "db_kwartaal.h"
#include "domain.h"
#include "form.h"
#include "handlers.h"
#include "signalen.h"
#include "suppressie.h"
#include "team_shared.h"

enum { MAX_MONTHS = 60 };

/* ---- cells ------------------------------------------------------------------------- */

enum soort { AANTAL, DAGEN, EURO };

static const char *text(arena *a, enum soort s, int64_t value, int64_t persons)
{
	if (suppressie_verborgen(true, persons))
		return SUPPRESSIE_TEKST;
	switch (s) {
	case AANTAL: return arena_printf(a, "%" PRId64, value);
	case DAGEN: return arena_printf(a, "%" PRId64 " %s", value, value == 1 ? "dag" : "dagen");
	case EURO: return arena_printf(a, "€ %s", team_euros(a, value, true));
	}
	return "–";
}

/* A table for the page: {id, titel, koppen: [..], rijen: [{naam, cellen: [{tekst, label}]}]}. */
static json_t *table(const char *id, const char *title, const char *const *heads, size_t nheads)
{
	json_t *h = json_array();
	for (size_t i = 0; i < nheads; i++)
		json_array_append_new(h, json_string(heads[i]));
	return json_pack("{s:s, s:s, s:o, s:[]}", "id", id, "titel", title, "koppen", h, "rijen");
}

static json_t *add_row(json_t *t, const char *name)
{
	json_t *cells = json_array();
	json_array_append_new(json_object_get(t, "rijen"), json_pack("{s:s, s:o}", "naam", name, "cellen", cells));
	return cells;
}

static void add_cell(json_t *t, json_t *cells, const char *tekst)
{
	json_t *heads = json_object_get(t, "koppen");
	json_array_append_new(cells, json_pack("{s:s, s:s}", "tekst", tekst, "label",
	                                       json_string_value(json_array_get(heads, json_array_size(cells) + 1))));
}

static int64_t geti(const json_t *row, const char *key)
{
	return json_integer_value(json_object_get(row, key));
}

/* ---- the overview ------------------------------------------------------------------ */

static const char *const step_labels[3] = {"Aanmelding tot intake", "Intake tot plan", "Aanmelding tot plan"};

/* The page's tables and the JSON's rows, from the dashboard's figures;
 * every count through the "<5". */
static enum db_status overview(struct req *r, db *d, const struct dash_filter *f, json_t *tables, json_t *api)
{
	json_t *tp = NULL, *out = NULL, *prov = NULL, *decl = NULL, *verw = NULL;
	enum db_status s = db_dash_throughput(d, f, &tp);
	if (s == DB_OK)
		s = db_dash_outflow(d, f, &out);
	if (s == DB_OK)
		s = db_dash_providers(d, f, &prov);
	if (s == DB_OK)
		s = db_dash_declared(d, f, &decl);
	if (s == DB_OK)
		s = db_dash_verwijzing(d, f, &verw);
	if (s != DB_OK)
		goto done;
	size_t i;
	json_t *row;

	static const char *const h1[] = {"Maand en stap", "Aantal", "Mediaan", "90e percentiel"};
	json_t *t = table("doorloop", "Doorlooptijden", h1, 4), *rows = json_array();
	json_array_foreach(tp, i, row)
	{
		const char *step = json_string_value(json_object_get(row, "stap"));
		int k = 0;
		while (k < 2 && strcmp(step, team_steps[k]) != 0)
			k++;
		int64_t n = geti(row, "aantal");
		json_t *c = add_row(t, arena_printf(r->arena, "%s, %s", team_month_label(r->arena,
		                                    json_string_value(json_object_get(row, "maand"))), step_labels[k]));
		add_cell(t, c, text(r->arena, AANTAL, n, n));
		add_cell(t, c, text(r->arena, DAGEN, geti(row, "mediaan"), n));
		add_cell(t, c, text(r->arena, DAGEN, geti(row, "p90"), n));
		json_array_append_new(rows, json_pack("{s:O, s:O, s:o, s:o, s:o}", "maand", json_object_get(row, "maand"),
		                                      "stap", json_object_get(row, "stap"), "aantal", suppressie_json(true, n, n),
		                                      "mediaan", suppressie_json(true, geti(row, "mediaan"), n),
		                                      "p90", suppressie_json(true, geti(row, "p90"), n)));
	}
	json_array_append_new(tables, t);
	json_object_set_new(api, "doorlooptijden", rows);

	static const char *const h2[] = {"Maand en reden", "Afgesloten huishoudens"};
	t = table("uitstroom", "Uitstroom", h2, 2);
	rows = json_array();
	json_array_foreach(out, i, row)
	{
		int64_t n = geti(row, "aantal");
		const char *reason = json_string_value(json_object_get(row, "reden"));
		json_t *c = add_row(t, arena_printf(r->arena, "%s, %s", team_month_label(r->arena,
		                                    json_string_value(json_object_get(row, "maand"))),
		                                    vocab_label(&vocab_end_reason, reason)));
		add_cell(t, c, text(r->arena, AANTAL, n, n));
		json_array_append_new(rows, json_pack("{s:O, s:O, s:o}", "maand", json_object_get(row, "maand"), "reden",
		                                      json_object_get(row, "reden"), "aantal", suppressie_json(true, n, n)));
	}
	json_array_append_new(tables, t);
	json_object_set_new(api, "uitstroom", rows);

	static const char *const h3[] = {"Aanbieder", "Lopend maatwerk", "Toegezegde kosten", "Gedeclareerd in de periode"};
	t = table("aanbieders", "Maatwerk per aanbieder", h3, 4);
	rows = json_array();
	json_array_foreach(prov, i, row)
	{
		int64_t n = geti(row, "aantal"), declared = 0;
		size_t k;
		json_t *x;
		json_array_foreach(decl, k, x)
			if (geti(x, "aanbieder_id") == geti(row, "aanbieder_id"))
				declared = geti(x, "gedeclareerd_cents");
		json_t *c = add_row(t, json_string_value(json_object_get(row, "aanbieder")));
		add_cell(t, c, text(r->arena, AANTAL, n, n));
		add_cell(t, c, text(r->arena, EURO, geti(row, "kosten_cents"), n));
		add_cell(t, c, text(r->arena, EURO, declared, n));
		json_array_append_new(rows, json_pack("{s:O, s:o, s:o, s:o}", "aanbieder", json_object_get(row, "aanbieder"),
		                                      "aantal", suppressie_json(true, n, n), "kosten_cents",
		                                      suppressie_json(true, geti(row, "kosten_cents"), n),
		                                      "gedeclareerd_cents", suppressie_json(true, declared, n)));
	}
	json_array_append_new(tables, t);
	json_object_set_new(api, "aanbieders", rows);

	static const char *const h4[] = {"Maand en wet", "Maatwerk gestart", "Buiten de regie van de gemeente"};
	t = table("verwijzing", "Verwijsstromen", h4, 3);
	rows = json_array();
	json_array_foreach(verw, i, row)
	{
		int64_t n = geti(row, "aantal"), out_n = geti(row, "buiten_regie");
		json_t *c = add_row(t, arena_printf(r->arena, "%s, %s", team_month_label(r->arena,
		                                    json_string_value(json_object_get(row, "maand"))),
		                                    vocab_label(&vocab_legal_basis,
		                                                json_string_value(json_object_get(row, "grondslag")))));
		add_cell(t, c, text(r->arena, AANTAL, n, n));
		add_cell(t, c, text(r->arena, AANTAL, out_n, out_n));
		json_array_append_new(rows, json_pack("{s:O, s:O, s:o, s:o}", "maand", json_object_get(row, "maand"),
		                                      "grondslag", json_object_get(row, "grondslag"), "aantal",
		                                      suppressie_json(true, n, n), "buiten_regie",
		                                      suppressie_json(true, out_n, out_n)));
	}
	json_array_append_new(tables, t);
	json_object_set_new(api, "verwijsstromen", rows);

	/* The signals per team: a rising provider or product is no person;
	 * overlaps and endings without evaluation are. */
	json_t *teams = NULL;
	if ((s = db_dash_teams(d, &teams)) != DB_OK)
		goto done;
	static const char *const h5[] = {"Team", "Sterke groei", "Mogelijke overlap", "Einde zonder evaluatie"};
	t = table("signalen", "Signalen per team", h5, 4);
	json_object_set_new(t, "bijschrift", json_string("Signalen per team zoals ze vandaag staan (niet over de gekozen periode)"));
	rows = json_array();
	json_array_foreach(teams, i, row)
	{
		int64_t team = geti(row, "id");
		if (f->team_id && team != f->team_id)
			continue;
		json_t *sig = json_object();
		if ((s = signalen_summary(r, d, team, sig)) != DB_OK) {
			json_decref(sig);
			json_decref(rows);
			json_decref(teams);
			goto done;
		}
		int64_t g = geti(sig, "n_groei"), o = geti(sig, "n_overlap"), e = geti(sig, "n_tijdelijk");
		json_t *c = add_row(t, json_string_value(json_object_get(row, "naam")));
		add_cell(t, c, arena_printf(r->arena, "%" PRId64, g));
		add_cell(t, c, text(r->arena, AANTAL, o, o));
		add_cell(t, c, text(r->arena, AANTAL, e, e));
		json_array_append_new(rows, json_pack("{s:O, s:I, s:o, s:o}", "team", json_object_get(row, "naam"), "groei",
		                                      (json_int_t)g, "overlap", suppressie_json(true, o, o), "tijdelijk",
		                                      suppressie_json(true, e, e)));
		json_decref(sig);
	}
	json_decref(teams);
	json_array_append_new(tables, t);
	json_object_set_new(api, "signalen", rows);
done:
	json_decref(tp);
	json_decref(out);
	json_decref(prov);
	json_decref(decl);
	json_decref(verw);
	return s;
}

int h_beleid(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct dash_filter f;
	struct field_value v[F_COUNT];
	const char *fmt = req_query(r, "formaat");
	bool json = fmt && strcmp(fmt, "json") == 0;
	json_t *data = json_object();
	if (team_parse_filter_upto(r, d, &f, v, MAX_MONTHS) > 0) {
		if (json) {
			json_decref(data);
			return reply_json_validation(r, form_errors_json(team_filter_rules, F_COUNT, v));
		}
		team_filter_form(d, data, &f, v);
		return reply_page(r, 422, "beleid", "Sturingsinformatie", data);
	}
	if (audit_view(r, "beleid.view", "team", f.team_id, 0,
	               arena_printf(r->arena, "%s t/m %s%s", f.from, f.to, json ? "; json" : "")) != 0) {
		json_decref(data);
		return -1;
	}
	json_t *tables = json_array(), *api = json_object();
	if (overview(r, d, &f, tables, api) != DB_OK) {
		json_decref(tables);
		json_decref(api);
		json_decref(data);
		return -1;
	}
	if (json) {
		json_decref(tables);
		json_decref(data);
		json_object_set_new(api, "filter", json_pack("{s:s, s:s}", "van", f.from, "tot", f.to));
		json_object_set_new(api, "onderdrukt_onder", json_integer(SUPPRESSIE_GRENS));
		return reply_json(r, 200, api);
	}
	json_decref(api);
	team_filter_form(d, data, &f, v);
	size_t i;
	json_t *t;
	json_array_foreach(tables, i, t)
		json_object_set_new(t, "has_rijen", json_boolean(json_array_size(json_object_get(t, "rijen")) > 0));
	json_object_set_new(data, "tabellen", tables);
	json_object_set_new(data, "q", json_string(team_filter_query(r, &f)));
	json_object_set_new(data, "periode", json_string(arena_printf(r->arena, "%s tot en met %s",
	                                                              team_month_label(r->arena, f.from),
	                                                              team_month_label(r->arena, f.to))));
	return reply_page(r, 200, "beleid", "Sturingsinformatie", data);
}

/* ---- the quarterly report ---------------------------------------------------------- */

static const struct {
	const char *key, *label;
	enum soort soort;
} kcijfers[] = {
	{"aangemeld", "Aangemelde huishoudens", AANTAL},
	{"intake", "Vraagverhelderende gesprekken (intakes)", AANTAL},
	{"plan", "Plannen vastgesteld", AANTAL},
	{"doorlooptijd_mediaan", "Van aanmelding tot plan (mediaan)", DAGEN},
	{"afgesloten", "Afgesloten huishoudens", AANTAL},
	{"afgesloten_doel", "waarvan met het doel bereikt", AANTAL},
	{"maatwerk_gestart", "Cliënten met nieuw maatwerk", AANTAL},
	{"maatwerk_buiten_regie", "waarvan via een externe verwijzer", AANTAL},
	{"maatwerk_beeindigd", "Cliënten met beëindigd maatwerk", AANTAL},
	{"maatwerk_beeindigd_goed", "waarvan doel bereikt of lichtere ondersteuning", AANTAL},
	{"kosten_gestart_cents", "Toegezegde kosten van het nieuwe maatwerk", EURO},
	{"gedeclareerd_cents", "Gedeclareerd door aanbieders (goedgekeurd)", EURO},
};
enum { QUARTERS = 5 };

/* "2026-3" into year and quarter; false when it is no quarter. */
static bool parse_quarter(const char *s, int *year, int *q)
{
	char tail;
	return sscanf(s, "%4d-%1d%c", year, q, &tail) == 2 && strlen(s) == 6 && *year >= 2000 && *year <= 2199 &&
	       *q >= 1 && *q <= 4;
}

static int kwartaal_page(struct req *r, db *d, json_t *data, unsigned status, const char *typed, const char *error)
{
	json_object_set_new(data, "kwartaal", json_string(typed));
	if (error) {
		json_object_set_new(data, "fout", json_string(error));
		form_add_error(data, "kwartaal", "Kwartaal", error);
	}
	return reply_page(r, status, "kwartaal", "Kwartaalrapportage", data);
}

int h_beleid_kwartaal(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	char today[11];
	date_today(today);
	int year = 0, q = 0, month = 0;
	sscanf(today, "%d-%d", &year, &month);
	/* The last full quarter. */
	q = (month - 1) / 3;
	if (q == 0) {
		q = 4;
		year--;
	}
	const char *typed = req_query(r, "kwartaal");
	const char *fmt = req_query(r, "formaat");
	int formaat = fmt && strcmp(fmt, "csv") == 0 ? 1 : fmt && strcmp(fmt, "json") == 0 ? 2 : 0;
	json_t *data = json_object();
	if (typed && typed[0] && !parse_quarter(typed, &year, &q)) {
		const char *msg = "Vul een kwartaal in als 2026-3 (jaar, streepje, kwartaal 1 tot en met 4).";
		if (formaat == 2) {
			json_decref(data);
			return reply_json_validation(r, json_pack("{s:s}", "kwartaal", msg));
		}
		return kwartaal_page(r, d, data, 422, typed, msg);
	}
	/* Five quarters ending with the chosen one. */
	int keys_y[QUARTERS], keys_q[QUARTERS];
	for (int i = QUARTERS - 1, y = year, k = q; i >= 0; i--) {
		keys_y[i] = y;
		keys_q[i] = k;
		if (--k == 0) {
			k = 4;
			y--;
		}
	}
	char from[40], to[40]; /* "YYYY-MM-DD"; room for what the compiler cannot rule out */
	snprintf(from, sizeof from, "%04d-%02d-01", keys_y[0], keys_q[0] * 3 - 2);
	snprintf(to, sizeof to, "%04d-%02d-%02d", year, q * 3, q == 1 || q == 4 ? 31 : 30);
	if (audit_view(r, "beleid.kwartaal", "gemeente", 0, 0, arena_printf(r->arena, "%d-%d", year, q)) != 0) {
		json_decref(data);
		return -1;
	}
	json_t *rows = NULL;
	if (db_kwartaal_cijfers(d, from, to, &rows) != DB_OK) {
		json_decref(data);
		return -1;
	}
	json_t *heads = json_array(), *table = json_array(), *api = json_array();
	char keys[QUARTERS][24];
	for (int i = 0; i < QUARTERS; i++) {
		snprintf(keys[i], sizeof keys[i], "%d-%d", keys_y[i], keys_q[i]);
		json_array_append_new(heads, json_string(arena_printf(r->arena, "K%d %d", keys_q[i], keys_y[i])));
	}
	strbuf csv = {0};
	sb_puts(&csv, "cijfer");
	for (int i = 0; i < QUARTERS; i++)
		sb_printf(&csv, ";%s", keys[i]);
	sb_puts(&csv, "\r\n");
	for (size_t c = 0; c < ARRAY_LEN(kcijfers); c++) {
		json_t *cells = json_array(), *vals = json_object();
		sb_puts(&csv, kcijfers[c].key);
		for (int i = 0; i < QUARTERS; i++) {
			int64_t value = 0, persons = 0;
			size_t k;
			json_t *row;
			json_array_foreach(rows, k, row)
				if (strcmp(json_string_value(json_object_get(row, "kwartaal")), keys[i]) == 0 &&
				    strcmp(json_string_value(json_object_get(row, "cijfer")), kcijfers[c].key) == 0) {
					value = geti(row, "waarde");
					persons = geti(row, "personen");
				}
			bool none = kcijfers[c].soort == DAGEN && persons == 0;
			const char *t = none ? "–" : text(r->arena, kcijfers[c].soort, value, persons);
			json_array_append_new(cells, json_pack("{s:s, s:s}", "tekst", t, "label",
			                                       json_string_value(json_array_get(heads, (size_t)i))));
			json_t *jv = none ? json_null() : suppressie_json(true, value, persons);
			if (json_is_string(jv))
				sb_printf(&csv, ";%s", SUPPRESSIE_TEKST);
			else if (json_is_integer(jv))
				sb_printf(&csv, ";%" JSON_INTEGER_FORMAT, json_integer_value(jv));
			else
				sb_puts(&csv, ";");
			json_object_set_new(vals, keys[i], jv);
		}
		sb_puts(&csv, "\r\n");
		json_array_append_new(table, json_pack("{s:s, s:b, s:o}", "naam", kcijfers[c].label, "deel",
		                                       strncmp(kcijfers[c].label, "waarvan", 7) == 0, "cellen", cells));
		json_array_append_new(api, json_pack("{s:s, s:s, s:o}", "cijfer", kcijfers[c].key, "label", kcijfers[c].label,
		                                     "kwartalen", vals));
	}
	json_decref(rows);
	if (formaat == 1) {
		json_decref(heads);
		json_decref(table);
		json_decref(api);
		json_decref(data);
		/* reply_buffer takes the malloc'd text over. */
		size_t len = csv.len;
		char *body = csv.buf ? csv.buf : xstrdup("");
		if (reply_buffer(r, 200, body, len, "text/csv; charset=utf-8") != 0)
			return -1;
		reply_header(r, "Content-Disposition",
		             arena_printf(r->arena, "attachment; filename=\"kwartaalrapportage-%d-%d.csv\"", year, q));
		return 0;
	}
	sb_free(&csv);
	if (formaat == 2) {
		json_decref(heads);
		json_decref(table);
		json_decref(data);
		return reply_json(r, 200, json_pack("{s:s, s:o, s:i}", "kwartaal", keys[QUARTERS - 1], "cijfers", api,
		                                    "onderdrukt_onder", SUPPRESSIE_GRENS));
	}
	json_decref(api);
	json_object_set_new(data, "koppen", heads);
	json_object_set_new(data, "rijen", table);
	json_object_set_new(data, "titel_kwartaal", json_string(arena_printf(r->arena, "kwartaal %d van %d", q, year)));
	json_object_set_new(data, "q", json_string(keys[QUARTERS - 1]));
	return kwartaal_page(r, d, data, 200, typed && typed[0] ? typed : keys[QUARTERS - 1], NULL);
}
