/* team_shared.c - what the teamleider's dashboard files share
 * (include/team_shared.h): the filter (team, gebied, months), the figures
 * built once as API data (team_dashboard_data), money and dates for the
 * page and the exports, and team_summary_fill for Mijn werk.  Used by
 * src/handlers/team.c (the dashboard, its exports and API) and
 * team_lijst.c (the lists behind the figures), and by home.c.
 *
 * The figures are built once as API data and decorated for the page; CSV
 * and JSON exports read the same data, so a figure is the same number
 * wherever it appears. */
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
#include "svgchart.h"
#include "team_shared.h"
#include "text.h"
#include "veiligheid.h"

/* ---- filters --------------------------------------------------------------------- */

const struct field_rule team_filter_rules[F_COUNT] = {
	[F_TEAM] = {.name = "team", .label = "Team", .kind = FIELD_LINE, .max_len = 18},
	[F_GEBIED] = {.name = "gebied", .label = "Gebied", .kind = FIELD_ID},
	[F_VAN] = {.name = "van", .label = "Van maand", .kind = FIELD_LINE, .max_len = 7},
	[F_TOT] = {.name = "tot", .label = "Tot en met maand", .kind = FIELD_LINE, .max_len = 7},
};

enum { MAX_MONTHS = 36 };

static const char *const month_names[12] = {"januari", "februari", "maart", "april", "mei", "juni", "juli",
                                            "augustus", "september", "oktober", "november", "december"};

/* "YYYY-MM" (2000-2199) to a month number since year 0, or -1. */
int team_month_index(const char *s)
{
	if (strlen(s) != 7 || s[4] != '-' || strspn(s, "0123456789") != 4 || strspn(s + 5, "0123456789") != 2)
		return -1;
	int y = atoi(s), m = atoi(s + 5);
	if (y < 2000 || y > 2199 || m < 1 || m > 12)
		return -1;
	return y * 12 + m - 1;
}

/* Month indexes come from team_month_index (2000-2199) or today's date, give
 * or take 36 months: never negative. */
void team_month_text(int idx, char out[8])
{
	unsigned u = idx < 0 ? 0 : (unsigned)idx;
	snprintf(out, 8, "%04u-%02u", u / 12 % 10000, u % 12 + 1);
}

/* The month of today ("YYYY-MM-DD"); January 2000 should the clock be
 * outside 2000-2199. */
int team_current_month(const char *today)
{
	char ym[8];
	snprintf(ym, sizeof ym, "%.7s", today);
	int idx = team_month_index(ym);
	return idx < 0 ? 2000 * 12 : idx;
}

/* "maart 2026" for "2026-03". */
const char *team_month_label(arena *a, const char *ym)
{
	int idx = team_month_index(ym);
	return idx < 0 ? ym : arena_printf(a, "%s %d", month_names[idx % 12], idx / 12);
}

/* Validates the filter in r's query string into *f; defaults: the user's
 * own team, every gebied, the last 12 months.  Returns the number of
 * fields in error (messages in v). */
int team_parse_filter(struct req *r, db *d, struct dash_filter *f, struct field_value *v)
{
	return team_parse_filter_upto(r, d, f, v, MAX_MONTHS);
}

int team_parse_filter_upto(struct req *r, db *d, struct dash_filter *f, struct field_value *v, int max_months)
{
	memset(f, 0, sizeof *f);
	date_today(f->today);
	f->now = now_unix();
	int errors = form_validate(r->arena, r->query, team_filter_rules, F_COUNT, v);

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
	int this_month = team_current_month(f->today);
	int from = this_month - 11, to = this_month;
	bool period_ok = true;
	/* A month that is no month keeps the default in its place, so the
	 * page around the error still says a real period. */
	int month = 0;
	if (!v[F_VAN].error && v[F_VAN].text[0] && (month = team_month_index(v[F_VAN].text)) < 0) {
		v[F_VAN].error = "Vul een maand in als 2026-03 (jaar en maand).";
		errors++;
		period_ok = false;
	} else if (!v[F_VAN].error && v[F_VAN].text[0]) {
		from = month;
	}
	if (!v[F_TOT].error && v[F_TOT].text[0] && (month = team_month_index(v[F_TOT].text)) < 0) {
		v[F_TOT].error = "Vul een maand in als 2026-03 (jaar en maand).";
		errors++;
		period_ok = false;
	} else if (!v[F_TOT].error && v[F_TOT].text[0]) {
		to = month;
	}
	if (period_ok && !v[F_VAN].error && !v[F_TOT].error) {
		if (to < from) {
			v[F_TOT].error = "De laatste maand ligt vóór de eerste maand.";
			errors++;
		} else if (to - from + 1 > max_months) {
			v[F_VAN].error = max_months % 12 == 0 && max_months > 36
			                         ? arena_printf(r->arena, "Kies een periode van hoogstens %d jaar.", max_months / 12)
			                         : arena_printf(r->arena, "Kies een periode van hoogstens %d maanden.", max_months);
			errors++;
		}
	}
	team_month_text(from, f->from);
	team_month_text(to, f->to);
	return errors;
}

/* The filter as a query string for links (all values are ids and months). */
const char *team_filter_query(struct req *r, const struct dash_filter *f)
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

const char *const team_steps[3] = {"aanmelding_intake", "intake_plan", "aanmelding_plan"};
/* One entry per month of the period, each step {aantal, mediaan?, p90?}. */
static json_t *throughput_by_month(const struct dash_filter *f, json_t *rows)
{
	json_t *months = json_array();
	for (int m = team_month_index(f->from); m <= team_month_index(f->to); m++) {
		char ym[8];
		team_month_text(m, ym);
		json_t *o = json_pack("{s:s}", "maand", ym);
		for (int s = 0; s < 3; s++)
			json_object_set_new(o, team_steps[s], json_pack("{s:i}", "aantal", 0));
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
	for (int m = team_month_index(f->from); m <= team_month_index(f->to); m++) {
		char ym[8];
		team_month_text(m, ym);
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
enum db_status team_dashboard_data(db *d, const struct dash_filter *f, int unassigned_limit, json_t **out)
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
	/* Declared (and approved) next to committed, per provider; a provider
	 * with declarations but no active voorziening gets a row of its own. */
	json_t *declared = NULL;
	if ((s = db_dash_declared(d, f, &declared)) != DB_OK) {
		json_decref(caseload);
		json_decref(unassigned);
		json_decref(ages);
		json_decref(safety);
		json_decref(throughput);
		json_decref(providers);
		json_decref(outflow);
		return s;
	}
	json_array_foreach(providers, i, row)
		json_object_set_new(row, "gedeclareerd_cents", json_integer(0));
	json_t *dr;
	size_t k;
	json_array_foreach(declared, k, dr) {
		json_int_t x = json_integer_value(json_object_get(dr, "aanbieder_id"));
		json_t *match = NULL;
		json_array_foreach(providers, i, row)
			if (json_integer_value(json_object_get(row, "aanbieder_id")) == x)
				match = row;
		if (!match) {
			match = json_pack("{s:I, s:O, s:i, s:i}", "aanbieder_id", x, "aanbieder", json_object_get(dr, "aanbieder"),
			                  "aantal", 0, "kosten_cents", 0);
			json_array_append_new(providers, match);
		}
		json_object_set(match, "gedeclareerd_cents", json_object_get(dr, "gedeclareerd_cents"));
	}
	json_decref(declared);
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
	json_t *verwijzing = NULL;
	if ((s = db_dash_verwijzing(d, f, &verwijzing)) != DB_OK) {
		json_decref(o);
		return s;
	}
	json_object_set_new(o, "verwijsstromen", verwijzing);
	*out = o;
	return DB_OK;
}

/* ---- money and labels ------------------------------------------------------------- */

/* Cents as team_euros with a decimal comma: "1234,56", or with thousands
 * points "1.234,56" for the page. */
const char *team_euros(arena *a, int64_t cents, bool points)
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

const char *team_date_nl(arena *a, const char *iso)
{
	if (!iso)
		return NULL;
	char out[11];
	fmt_date_nl(iso, out);
	return arena_strdup(a, out);
}

void team_set_date_nl(arena *a, json_t *row, const char *key, const char *nl_key)
{
	const char *v = team_date_nl(a, js(row, key));
	if (v)
		json_object_set_new(row, nl_key, json_string(v));
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
	int this_month = team_current_month(f.today);
	team_month_text(this_month - 11, f.from);
	team_month_text(this_month, f.to);
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
	const char *q = team_filter_query(r, &f);
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

/* ---- the team's own settings --------------------------------------------------------- */

static void read_team_name(arena *a, sqlite3_stmt *st, void *out)
{
	*(const char **)out = db_col_dup(a, st, 0);
}

enum db_status team_own_name(struct req *r, db *d, const char **name)
{
	if (!r->user->team_id)
		return DB_NOT_FOUND;
	sqlite3_stmt *st = db_stmt(d, "SELECT name FROM team WHERE id = ?");
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, r->user->team_id);
	return db_read_one(d, r->arena, st, read_team_name, name, "team name");
}

void team_setting_form(struct req *r, json_t *data, const struct field_rule *rules, struct field_value *v, int64_t a,
                       int64_t b)
{
	struct field_value shown[2];
	if (!v) {
		form_validate(r->arena, NULL, rules, 2, shown);
		shown[0].text = arena_printf(r->arena, "%" PRId64, a);
		shown[1].text = arena_printf(r->arena, "%" PRId64, b);
		shown[0].error = shown[1].error = NULL;
		v = shown;
	}
	form_to_page(data, rules, 2, v);
}

int team_setting_save(struct req *r, db *d, const struct field_rule *rules, struct field_value *v, const char *action,
                      enum db_status (*set)(db *d, int64_t team, int64_t a, int64_t b, int64_t by), const char *done)
{
	int errors = form_validate(r->arena, r->form, rules, 2, v);
	if (!r->user->team_id)
		return 409;
	if (errors)
		return 422;
	if (db_begin(d) != 0)
		return -1;
	struct audit_entry e = {.medewerker_id = r->user->id, .action = action, .object_type = "team",
	                        .object_id = r->user->team_id, .client_addr = r->client_addr};
	if (set(d, r->user->team_id, v[0].id, v[1].id, r->user->id) != DB_OK || audit_append(d, &e) != DB_OK ||
	    db_commit(d) != 0) {
		db_rollback(d);
		return -1;
	}
	return reply_redirect(r, done);
}

/* Marks the row of list whose id is selected. */
static json_t *mark_selected(json_t *list, int64_t selected)
{
	size_t i;
	json_t *row;
	json_array_foreach(list, i, row)
		json_object_set_new(row, "selected", json_boolean(ji(row, "id") == selected));
	return list;
}

void team_filter_form(db *d, json_t *data, const struct dash_filter *f, const struct field_value *v)
{
	json_t *teams = NULL, *gebieden = NULL;
	if (db_dash_teams(d, &teams) != DB_OK)
		teams = json_array();
	if (db_dash_gebieden(d, &gebieden) != DB_OK)
		gebieden = json_array();
	form_to_page(data, team_filter_rules, F_COUNT, v);
	json_object_set_new(data, "teams", mark_selected(teams, f->team_id));
	json_object_set_new(data, "alle_teams", json_boolean(f->team_id == 0));
	json_object_set_new(data, "gebieden", mark_selected(gebieden, f->gebied_id));
	/* A month field keeps what was typed when it was refused. */
	json_object_set_new(data, "van", json_string(v[F_VAN].error ? v[F_VAN].text : f->from));
	json_object_set_new(data, "tot", json_string(v[F_TOT].error ? v[F_TOT].text : f->to));
}
