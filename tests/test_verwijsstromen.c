/* test_verwijsstromen.c - how maatwerk came about (issue 16 item 5): the
 * voorziening form records the verwijzer (validated at the field, kept
 * when an edit leaves it out), the page and the API show it, and the team
 * dashboard counts per month and legal basis the maatwerk started through
 * an external verwijzer, on a situation counted by hand:
 *
 *   2025-01  Jeugdwet  2 started, 2 via a verwijzer (jeugdarts, GI): 100%
 *   2025-01  Wmo 2015  3 started, 1 via the huisarts:                 33%
 *   2025-02  Wmo 2015  1 started, through the gemeente:                0%
 *   total 6, 3 outside the gemeente's regie: 50%.  Not counted: an
 *   aanvraag and an afwijzing in 2025-01, and one that started in 2024-12. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http_client.h"
#include "testutil.h"

static struct test_server S;
#define db_int(...) ts_db_int(&S, __VA_ARGS__)

static long long location_id(const struct http_resp *r, const char *prefix)
{
	char loc[256];
	if (!http_header(r, "Location", loc, sizeof loc) || strncmp(loc, prefix, strlen(prefix)) != 0)
		return -1;
	return atoll(loc + strlen(prefix));
}

int main(void)
{
	if (ts_start(&S, (const char *const[]){"--cookie-insecure", NULL}) != 0) {
		T_FAIL("server start", "see %s", S.log);
		T_EXIT();
	}
	long long cons = db_int("SELECT id FROM medewerker WHERE username = '%s'", S.users[U_CONSULENT].username);
	long long hh = db_int("SELECT min(id) FROM huishouden WHERE regisseur_id = %lld", cons);
	if (hh <= 0) {
		CHECK(ts_db_exec(&S, "UPDATE huishouden SET regisseur_id = %lld WHERE id = (SELECT min(id) FROM huishouden)", cons) == 0,
		      "a demo household gets the consulent as regisseur");
		hh = db_int("SELECT min(id) FROM huishouden");
	}
	/* status, legal basis, product code, start, verwijzer */
	static const char *const rows[][5] = {
		{"gestart", "jeugdwet", "45AMB", "2025-01-10", "jeugdarts"},
		{"beeindigd", "jeugdwet", "45AMB", "2025-01-20", "gecertificeerde_instelling"},
		{"gestart", "wmo2015", "01HBH", "2025-01-05", "huisarts"},
		{"toegekend", "wmo2015", "01HBH", "2025-01-15", "gemeente"},
		{"gestart", "wmo2015", "02BGI", "2025-01-31", "gemeente"},
		{"gestart", "wmo2015", "01HBH", "2025-02-01", "gemeente"},
		{"aangevraagd", "wmo2015", "01HBH", "2025-01-12", "huisarts"},
		{"afgewezen", "wmo2015", "01HBH", "2025-01-12", "huisarts"},
		{"gestart", "wmo2015", "01HBH", "2024-12-31", "huisarts"},
	};
	int ok = 0;
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		bool decided = strcmp(rows[i][0], "aangevraagd") != 0, ended = strcmp(rows[i][0], "beeindigd") == 0;
		ok += ts_db_exec(&S,
		    "INSERT INTO voorziening(huishouden_id, kind, decision_date, legal_basis, aanbieder_id, product_id, volume,"
		    " unit, frequency, start_date, end_date, cost_cents, status, end_reason, ended_on, created_by, created_at,"
		    " verwijzer) SELECT %lld, 'maatwerk', %s, '%s', (SELECT min(id) FROM aanbieder), p.id, 2, 'uur',"
		    " 'per_week', '%s', '2025-12-31', 1000, '%s', %s, %s, %lld, 0, '%s' FROM product p WHERE p.code = '%s'",
		    hh, decided ? "'2025-01-01'" : "NULL", rows[i][1], rows[i][3], rows[i][0],
		    ended ? "'doel_bereikt'" : "NULL", ended ? "'2025-06-30'" : "NULL", cons, rows[i][4], rows[i][2]) == 0;
	}
	CHECK(ok == 9, "nine voorzieningen set up");

	struct client tl;
	client_init(&tl, S.port);
	CHECK(client_login(&tl, S.users[U_TEAMLEIDER].username, S.users[U_TEAMLEIDER].password) == 303, "the teamleider signs in");
	struct http_resp r;
	CHECK(client_get(&tl, "/team?van=2025-01&tot=2025-03", &r) == 0 && r.status == 200, "the dashboard for 2025-01 to 2025-03");
	CHECK(http_body_has(&r, "Verwijsstromen") && http_body_has(&r, "3 van 6 (50%)"),
	      "verwijsstromen: 3 of 6 started outside the gemeente's regie, 50%%");
	CHECK(http_body_has(&r, ">januari 2025</th><td class=\"utrecht-table__cell\">Jeugdwet</td><td class=\"utrecht-table__cell "
	                        "utrecht-table__cell--numeric-column\">2</td><td class=\"utrecht-table__cell "
	                        "utrecht-table__cell--numeric-column\">2</td><td class=\"utrecht-table__cell "
	                        "utrecht-table__cell--numeric-column\">100%</td>"),
	      "januari 2025, Jeugdwet: 2 started, both via a verwijzer");
	CHECK(http_body_has(&r, ">januari 2025</th><td class=\"utrecht-table__cell\">Wmo 2015</td><td class=\"utrecht-table__cell "
	                        "utrecht-table__cell--numeric-column\">3</td><td class=\"utrecht-table__cell "
	                        "utrecht-table__cell--numeric-column\">1</td><td class=\"utrecht-table__cell "
	                        "utrecht-table__cell--numeric-column\">33%</td>"),
	      "januari 2025, Wmo 2015: 3 started (an aanvraag and an afwijzing do not count), 1 via the huisarts");
	CHECK(http_body_has(&r, ">februari 2025</th><td class=\"utrecht-table__cell\">Wmo 2015</td><td class=\"utrecht-table__cell "
	                        "utrecht-table__cell--numeric-column\">1</td><td class=\"utrecht-table__cell "
	                        "utrecht-table__cell--numeric-column\">0</td>"),
	      "februari 2025, Wmo 2015: 1 through the gemeente");
	CHECK(!http_body_has(&r, "december 2024</th><td class=\"utrecht-table__cell\">Wmo"), "a start before the period is not counted");
	http_resp_free(&r);
	CHECK(client_get(&tl, "/team/export/verwijsstromen.csv?van=2025-01&tot=2025-03", &r) == 0 && r.status == 200 &&
	      http_body_has(&r, "Maand;Wettelijke grondslag;Maatwerk gestart;Via een externe verwijzer") &&
	      http_body_has(&r, "2025-01;Jeugdwet;2;2") && http_body_has(&r, "2025-01;Wmo 2015;3;1") &&
	      http_body_has(&r, "2025-02;Wmo 2015;1;0"),
	      "the same as CSV: %.300s", r.body ? r.body : "");
	http_resp_free(&r);
	CHECK(client_get(&tl, "/api/v1/dashboard?van=2025-01&tot=2025-03", &r) == 0 && r.status == 200 &&
	      http_body_has(&r, "\"verwijsstromen\"") && http_body_has(&r, "\"buiten_regie\":2"),
	      "and in the dashboard's JSON");
	http_resp_free(&r);

	/* The form. */
	struct client c;
	client_init(&c, S.port);
	CHECK(client_login(&c, S.users[U_CONSULENT].username, S.users[U_CONSULENT].password) == 303, "the consulent signs in");
	char page[128], form[1024];
	snprintf(page, sizeof page, "/huishoudens/%lld/voorzieningen/nieuw", hh);
	CHECK(client_get(&c, page, &r) == 0 && http_body_has(&r, "<option value=\"gemeente\" selected>de gemeente (eigen onderzoek)</option>") &&
	      http_body_has(&r, "<option value=\"huisarts\">de huisarts</option>"),
	      "the new form asks how it came about, the gemeente chosen");
	http_resp_free(&r);
#define FORM "soort=maatwerk&wettelijke_grondslag=wmo2015&aanbieder=%lld&product=01-01HBH&volume=2&eenheid=uur" \
	"&frequentie=per_week&ingangsdatum=2026-01-01&einddatum=2026-06-30&kosten=100&verwijzer=%s"
	long long a = db_int("SELECT id FROM aanbieder WHERE agb_code = '75750123'");
	snprintf(form, sizeof form, FORM, a, "schoolarts");
	CHECK(client_post_with_csrf(&c, page, page, form, &r) == 0 && r.status == 422 &&
	      http_body_has(&r, "verwijzer-fout") && http_body_has(&r, "Tot stand gekomen via:"),
	      "an unknown verwijzer is refused at the field and named in the summary");
	http_resp_free(&r);
	snprintf(form, sizeof form, FORM, a, "huisarts");
	CHECK(client_post_with_csrf(&c, page, page, form, &r) == 0 && r.status == 303, "a voorziening via the huisarts");
	long long v = location_id(&r, "/voorzieningen/");
	http_resp_free(&r);
	CHECK(db_int("SELECT count(*) FROM voorziening WHERE id = %lld AND verwijzer = 'huisarts'", v) == 1, "stored");
	char path[64];
	snprintf(path, sizeof path, "/voorzieningen/%lld", v);
	CHECK(client_get(&c, path, &r) == 0 && http_body_has(&r, "<dt>Tot stand gekomen via</dt><dd>de huisarts</dd>"),
	      "the voorziening page says so");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/voorzieningen/%lld", v);
	CHECK(client_get(&c, path, &r) == 0 && http_body_has(&r, "\"verwijzer\":\"huisarts\""), "the API gives it");
	http_resp_free(&r);
	/* An edit that leaves the field out keeps it. */
	snprintf(page, sizeof page, "/voorzieningen/%lld/bewerken", v);
	snprintf(form, sizeof form, "soort=maatwerk&wettelijke_grondslag=wmo2015&aanbieder=%lld&product=01-01HBH&volume=3"
	         "&eenheid=uur&frequentie=per_week&ingangsdatum=2026-01-01&einddatum=2026-06-30&kosten=100&versie=1", a);
	CHECK(client_post_with_csrf(&c, page, page, form, &r) == 0 && r.status == 303 &&
	      db_int("SELECT count(*) FROM voorziening WHERE id = %lld AND verwijzer = 'huisarts' AND volume = 3", v) == 1,
	      "an edit without the field keeps the verwijzer");
	http_resp_free(&r);
	ts_stop(&S);
	T_EXIT();
}
