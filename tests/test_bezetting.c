/* test_bezetting.c - caseload and capacity (issue 16 item 6) on a small
 * team counted by hand: the demo teamleider leads "Team Proef" with one
 * consulent (Carla) and one gebiedsteam member (Gijs).
 *
 *   H1 (Carla, open): Anna's latest financien 1 (after a 3), werk 2;
 *      Bert's financien 2, huisvesting 4; an open veiligheidszorg.
 *      Weight 1 + 2 domains (financien, werk) + 1 = 4.
 *   H2 (Carla, open): Cor's geestelijke gezondheid 3 now (1 before: not
 *      counted), justitie 2.  Weight 1 + 1 = 2.
 *   H3 (Gijs, open): no scores.  Weight 1.
 *   H4 (Carla, closed 30 days ago after 60 days), H5 (Gijs, closed 10 days
 *      ago after 120 days): average 90 days = 2.96 months.
 *   Aanmeldingen in the last twelve full months: 5 (one this month is not
 *   counted): 0.42 a month.
 *
 *   Carla carries 2 households, weight 6: 17% of the consulent norm 35.
 *   Gijs: 1, weight 1: 4% of 25.  Now 3 households, weight 7, average 2.33.
 *   Needed: 0.42 x 2.96 = 1.2 households, 2.9 weighted, 0.1 fte at 35;
 *   present 2 fte, capacity 60: 1.9 fte to spare.  With the consulent
 *   norm set to 5: Carla 120% (above the norm), 0.6 fte needed. */
#include <stdio.h>
#include <string.h>

#include "http_client.h"
#include "testutil.h"

static struct test_server S;
#define db_int(...) ts_db_int(&S, __VA_ARGS__)

/* The text of the <dd> after the <dt> label, squeezed, or "". */
static void after(const char *body, const char *label, char *out, size_t n)
{
	out[0] = '\0';
	const char *p = body ? strstr(body, label) : NULL;
	p = p ? strstr(p, "<dd") : NULL;
	p = p ? strchr(p, '>') : NULL;
	if (!p)
		return;
	p++;
	size_t k = 0;
	bool tag = false;
	for (; *p && k + 1 < n && strncmp(p, "</dd>", 5) != 0; p++) {
		if (*p == '<')
			tag = true;
		else if (*p == '>')
			tag = false;
		else if (!tag)
			out[k++] = *p;
	}
	out[k] = '\0';
}

int main(void)
{
	if (ts_start(&S, (const char *const[]){"--cookie-insecure", NULL}) != 0) {
		T_FAIL("server start", "see %s", S.log);
		T_EXIT();
	}
	const char *tl = S.users[U_TEAMLEIDER].username;
	long long by = db_int("SELECT id FROM medewerker WHERE username = '%s'", tl);
#define NOON(days) "CAST(strftime('%%s', date('now', 'localtime', '" days "') || ' 12:00:00', 'utc') AS INTEGER)"
	int rc = ts_db_exec(&S,
		"INSERT INTO team(name) VALUES ('Team Proef');"
		"UPDATE medewerker SET team_id = (SELECT id FROM team WHERE name = 'Team Proef') WHERE username = '%s';"
		"INSERT INTO medewerker(username, name, roles, team_id, password_hash, created_at) SELECT 'carla', 'Carla Claassen',"
		" 1, id, 'x', 0 FROM team WHERE name = 'Team Proef';"
		"INSERT INTO medewerker(username, name, roles, team_id, password_hash, created_at) SELECT 'gijs', 'Gijs Groen',"
		" 2, id, 'x', 0 FROM team WHERE name = 'Team Proef';"
		/* H1..H5 */
		"INSERT INTO huishouden(street, house_number, postcode, city, opened_at, regisseur_id, status) VALUES"
		" ('Proefweg', 1, '3861 AA', 'Nijkerk', " NOON("-70 days") ", (SELECT id FROM medewerker WHERE username = 'carla'), 'in_behandeling'),"
		" ('Proefweg', 2, '3861 AA', 'Nijkerk', " NOON("-45 days") ", (SELECT id FROM medewerker WHERE username = 'carla'), 'in_behandeling'),"
		" ('Proefweg', 3, '3861 AA', 'Nijkerk', " NOON("-150 days") ", (SELECT id FROM medewerker WHERE username = 'gijs'), 'aangemeld');"
		"INSERT INTO huishouden(street, house_number, postcode, city, opened_at, closed_at, close_reason, regisseur_id, status) VALUES"
		" ('Proefweg', 4, '3861 AA', 'Nijkerk', " NOON("-90 days") ", " NOON("-30 days") ", 'doel_bereikt', (SELECT id FROM medewerker WHERE username = 'carla'), 'afgesloten'),"
		" ('Proefweg', 5, '3861 AA', 'Nijkerk', " NOON("-130 days") ", " NOON("-10 days") ", 'doel_bereikt', (SELECT id FROM medewerker WHERE username = 'gijs'), 'afgesloten');"
		"INSERT INTO persoon(huishouden_id, first_name, last_name, birth_date, role) VALUES"
		" ((SELECT id FROM huishouden WHERE street = 'Proefweg' AND house_number = 1), 'Anna', 'Proef', '1980-01-01', 'ouder'),"
		" ((SELECT id FROM huishouden WHERE street = 'Proefweg' AND house_number = 1), 'Bert', 'Proef', '1979-01-01', 'partner'),"
		" ((SELECT id FROM huishouden WHERE street = 'Proefweg' AND house_number = 2), 'Cor', 'Proef', '1990-01-01', 'overig');"
		"INSERT INTO zrm_score(persoon_id, domain, score, scored_on, created_by, created_at) VALUES"
		" ((SELECT id FROM persoon WHERE first_name = 'Anna' AND last_name = 'Proef'), 'financien', 3, date('now', '-60 days'), %lld, 0),"
		" ((SELECT id FROM persoon WHERE first_name = 'Anna' AND last_name = 'Proef'), 'financien', 1, date('now', '-20 days'), %lld, 0),"
		" ((SELECT id FROM persoon WHERE first_name = 'Anna' AND last_name = 'Proef'), 'werk_en_opleiding', 2, date('now', '-60 days'), %lld, 0),"
		" ((SELECT id FROM persoon WHERE first_name = 'Bert' AND last_name = 'Proef'), 'financien', 2, date('now', '-60 days'), %lld, 0),"
		" ((SELECT id FROM persoon WHERE first_name = 'Bert' AND last_name = 'Proef'), 'huisvesting', 4, date('now', '-60 days'), %lld, 0),"
		" ((SELECT id FROM persoon WHERE first_name = 'Cor' AND last_name = 'Proef'), 'geestelijke_gezondheid', 1, date('now', '-40 days'), %lld, 0),"
		" ((SELECT id FROM persoon WHERE first_name = 'Cor' AND last_name = 'Proef'), 'geestelijke_gezondheid', 3, date('now', '-5 days'), %lld, 0),"
		" ((SELECT id FROM persoon WHERE first_name = 'Cor' AND last_name = 'Proef'), 'justitie', 2, date('now', '-40 days'), %lld, 0);"
		"INSERT INTO veiligheidszorg(huishouden_id, bron, gezien, gezien_op, opened_by, opened_at) VALUES"
		" ((SELECT id FROM huishouden WHERE street = 'Proefweg' AND house_number = 1), 'huishouden', 'Spanning thuis',"
		"  date('now'), %lld, 0);"
		"INSERT INTO aanmelding(huishouden_id, channel, medium, question, urgency, safety_concern, received_at, created_by)"
		" SELECT h.id, 'inwoner_zelf', 'telefoon', 'Vraag', 'normaal', 0, h.opened_at, %lld FROM huishouden h"
		" WHERE h.street = 'Proefweg';"
		"INSERT INTO aanmelding(huishouden_id, channel, medium, question, urgency, safety_concern, received_at, created_by)"
		" SELECT id, 'inwoner_zelf', 'telefoon', 'Nog een vraag', 'normaal', 0, CAST(strftime('%%s', 'now') AS INTEGER), %lld"
		" FROM huishouden WHERE street = 'Proefweg' AND house_number = 1;",
		tl, by, by, by, by, by, by, by, by, by, by, by);
	CHECK(rc == 0, "Team Proef set up");

	struct client c;
	client_init(&c, S.port);
	CHECK(client_login(&c, tl, S.users[U_TEAMLEIDER].password) == 303, "the teamleider signs in");
	struct http_resp r;
	CHECK(client_get(&c, "/team/bezetting", &r) == 0 && r.status == 200, "the bezetting page");
	CHECK(http_body_has(&r, "Bezetting van Team Proef"), "of her team");
	CHECK(http_body_has(&r, "Carla Claassen</th><td class=\"utrecht-table__cell\" data-label=\"Rol\">Consulent</td>"
	                        "<td class=\"utrecht-table__cell utrecht-table__cell--numeric-column\" data-label=\"Huishoudens\">2</td>"
	                        "<td class=\"utrecht-table__cell utrecht-table__cell--numeric-column\" data-label=\"Gewogen\">6</td>"
	                        "<td class=\"utrecht-table__cell utrecht-table__cell--numeric-column\" data-label=\"Norm\">35</td>"
	                        "<td class=\"utrecht-table__cell utrecht-table__cell--numeric-column\" data-label=\"Belasting\">17%</td>"),
	      "Carla: 2 households, weight 4 + 2 = 6 (the latest score counts, one domain once), 17%% of 35");
	CHECK(http_body_has(&r, "data-label=\"Huishoudens\">1</td><td class=\"utrecht-table__cell utrecht-table__cell--numeric-column\""
	                        " data-label=\"Gewogen\">1</td><td class=\"utrecht-table__cell utrecht-table__cell--numeric-column\""
	                        " data-label=\"Norm\">25</td><td class=\"utrecht-table__cell utrecht-table__cell--numeric-column\""
	                        " data-label=\"Belasting\">4%</td>"),
	      "Gijs: 1 household of weight 1, 4%% of the gebiedsteam norm 25; the closed ones do not count");
	char v[256];
	after(r.body, "Instroom per maand", v, sizeof v);
	CHECK(strstr(v, "0,4 huishoudens") && strstr(v, "5 aanmeldingen"), "inflow: 5 in twelve full months, 0,4 a month: %s", v);
	after(r.body, "Gemiddelde duur van een casus", v, sizeof v);
	CHECK(strstr(v, "3,0 maanden") && strstr(v, "over 2 casussen"), "duration: (60 + 120) / 2 = 90 days, 3,0 months: %s", v);
	after(r.body, "Gemiddeld gewicht nu", v, sizeof v);
	CHECK(strstr(v, "2,3 (7 gewogen voor 3 huishoudens)"), "average weight 7 / 3: %s", v);
	after(r.body, "<dt class=\"utrecht-data-list__item-key\">Nodig", v, sizeof v);
	CHECK(strstr(v, "1,2 huishoudens tegelijk, 2,9 gewogen: 0,1 fte"), "needed: 1,2 households, 2,9 weighted, 0,1 fte: %s", v);
	after(r.body, "<dt class=\"utrecht-data-list__item-key\">Aanwezig", v, sizeof v);
	CHECK(strstr(v, "2 fte") && strstr(v, "60 gewogen"), "present: 2 fte, 35 + 25 = 60: %s", v);
	after(r.body, "<dt class=\"utrecht-data-list__item-key\">Verschil", v, sizeof v);
	CHECK(strstr(v, "1,9 fte ruimte"), "1,9 fte to spare: %s", v);
	CHECK(http_body_has(&r, "wet van Little"), "the assumptions are on the page");
	http_resp_free(&r);
	CHECK(db_int("SELECT count(*) FROM audit WHERE action = 'bezetting.view' AND medewerker_id = %lld", by) == 1,
	      "the view is audited");

	/* Norms: validated, kept on error, then saved. */
	CHECK(client_post_with_csrf(&c, "/team/bezetting", "/team/bezetting", "norm_consulent=4&norm_gebiedsteam=abc", &r) == 0 &&
	      r.status == 422, "a norm below 5 and one that is no number are refused");
	CHECK(http_body_has(&r, "Norm voor een consulent:") && http_body_has(&r, "Norm voor een gebiedsteamlid:") &&
	      http_body_has(&r, "value=\"4\"") && http_body_has(&r, "value=\"abc\"") && http_body_has(&r, "norm_consulent-fout"),
	      "both named in the summary and at their fields, input kept");
	http_resp_free(&r);
	CHECK(db_int("SELECT count(*) FROM team_norm") == 0, "nothing stored");
	CHECK(client_post_with_csrf(&c, "/team/bezetting", "/team/bezetting", "norm_consulent=5&norm_gebiedsteam=25", &r) == 0 &&
	      r.status == 303, "valid norms are saved");
	http_resp_free(&r);
	CHECK(db_int("SELECT norm FROM team_norm WHERE rol = 'consulent'") == 5 &&
	      db_int("SELECT count(*) FROM audit WHERE action = 'bezetting.normen' AND medewerker_id = %lld", by) == 1,
	      "stored and audited");
	CHECK(client_get(&c, "/team/bezetting?opgeslagen=1", &r) == 0 && http_body_has(&r, "De normen zijn opgeslagen.") &&
	      http_body_has(&r, "data-label=\"Belasting\">120% <strong>(boven de norm)</strong>"),
	      "with 5 for a consulent Carla is at 120%%, above the norm");
	after(r.body, "<dt class=\"utrecht-data-list__item-key\">Nodig", v, sizeof v);
	CHECK(strstr(v, "0,6 fte"), "and the team needs 2,9 / 5 = 0,6 fte: %s", v);
	http_resp_free(&r);

	/* A teamleider without a team. */
	CHECK(ts_db_exec(&S, "UPDATE medewerker SET team_id = NULL WHERE username = '%s'", tl) == 0, "the teamleider leaves her team");
	struct client c2;
	client_init(&c2, S.port);
	CHECK(client_login(&c2, tl, S.users[U_TEAMLEIDER].password) == 303 && client_get(&c2, "/team/bezetting", &r) == 0 &&
	      r.status == 200 && http_body_has(&r, "U hoort bij geen team"), "without a team the page says so");
	http_resp_free(&r);
	ts_stop(&S);
	T_EXIT();
}
