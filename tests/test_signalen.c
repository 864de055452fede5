/* test_signalen.c - the teamleider's signals (issue 16 item 4) on a team
 * counted by hand ("Team Signaal", regisseur Carla):
 *
 *   growth (new clients per month: the three months before, this month)
 *     provider Alfa, product 01HBH:   2, 1, 3 -> 6: 6 > 2 x 1.25, >= 5: +200%
 *     provider Beta, product 02BGI:   4, 4, 4 -> 5: 5 is exactly 25% above 4:
 *                                     not more, no signal
 *   overlap: Overlapweg 1 has 02BGI from Alfa and 02MZO from Beta running
 *     at the same time (signal); Overlapweg 2 has the same one after the
 *     other (none); Elders 1, of another team, overlaps too (not ours).
 *   temporary (ending within 8 weeks, no evaluation planned before):
 *     Tijdweg 1 ends in 30 days, no evaluation (signal); Tijdweg 2 ends in
 *     40, evaluation in 10 (none); Tijdweg 3 ends in 20, evaluation only in
 *     50 (signal); Overlapweg 2's Alfa ends in 10, no plan (signal).
 *   So 2 + 1 + 3 = 6 signals.  With the threshold at 300% growth is gone.
 * They come as meldingen on Mijn werk for the teamleider (not for a
 * consulent): 6; marking Tijdweg 1's read leaves 5; the overlap marked
 * read comes back when a new voorziening makes a new overlap. */
#include <stdio.h>
#include <string.h>

#include "http_client.h"
#include "testutil.h"

static struct test_server S;
#define db_int(...) ts_db_int(&S, __VA_ARGS__)

/* How often needle occurs in r's body. */
static int count_in(const struct http_resp *r, const char *needle)
{
	int n = 0;
	for (const char *p = r->body; p && (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

/* The signal meldingen on Mijn werk of c, of kind ("" all), unread only. */
static int signal_meldingen(struct client *c, const char *kind)
{
	struct http_resp r;
	char needle[64];
	snprintf(needle, sizeof needle, "loket-melding loket-melding--signaal_%s", kind);
	int n = client_get(c, "/", &r) == 0 && r.status == 200 ? count_in(&r, needle) : -1;
	http_resp_free(&r);
	return n;
}

int main(void)
{
	if (ts_start(&S, (const char *const[]){"--cookie-insecure", NULL}) != 0) {
		T_FAIL("server start", "see %s", S.log);
		T_EXIT();
	}
	const char *tl = S.users[U_TEAMLEIDER].username;
	long long by = db_int("SELECT id FROM medewerker WHERE username = '%s'", tl);
	int rc = ts_db_exec(&S,
		"INSERT INTO team(name) VALUES ('Team Signaal');"
		"UPDATE medewerker SET team_id = (SELECT id FROM team WHERE name = 'Team Signaal') WHERE username = '%s';"
		"INSERT INTO medewerker(username, name, roles, team_id, password_hash, created_at) SELECT 'carla', 'Carla Claassen',"
		" 1, id, 'x', 0 FROM team WHERE name = 'Team Signaal';"
		"INSERT INTO aanbieder(name, kind, agb_code) VALUES ('Alfa Zorg', 'zorgaanbieder', '11110001'),"
		" ('Beta Zorg', 'zorgaanbieder', '11110002');"
		"INSERT INTO huishouden(street, house_number, postcode, city, opened_at, regisseur_id, status)"
		" SELECT s, 1, '3861 AA', 'Nijkerk', 0, (SELECT id FROM medewerker WHERE username = 'carla'), 'in_behandeling'"
		" FROM (SELECT 'Groeiweg' AS s UNION ALL SELECT 'Overlapweg' UNION ALL SELECT 'Tijdweg');"
		"INSERT INTO huishouden(street, house_number, postcode, city, opened_at, regisseur_id, status)"
		" SELECT s, 2, '3861 AA', 'Nijkerk', 0, (SELECT id FROM medewerker WHERE username = 'carla'), 'in_behandeling'"
		" FROM (SELECT 'Overlapweg' AS s UNION ALL SELECT 'Tijdweg');"
		"INSERT INTO huishouden(street, house_number, postcode, city, opened_at, regisseur_id, status)"
		" VALUES ('Tijdweg', 3, '3861 AA', 'Nijkerk', 0, (SELECT id FROM medewerker WHERE username = 'carla'), 'in_behandeling'),"
		" ('Elders', 1, '3861 AA', 'Nijkerk', 0, (SELECT id FROM medewerker WHERE username = '%s'), 'in_behandeling');"
		"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 29)"
		" INSERT INTO persoon(huishouden_id, first_name, last_name, birth_date, role)"
		" SELECT (SELECT id FROM huishouden WHERE street = 'Groeiweg'), 'P' || i, 'Groei', '1980-01-01', 'overig' FROM n;"
		"INSERT INTO plan(huishouden_id, created_by, created_at, next_evaluation) VALUES"
		" ((SELECT id FROM huishouden WHERE street = 'Tijdweg' AND house_number = 2), %lld, 0, date('now', 'localtime', '+10 days')),"
		" ((SELECT id FROM huishouden WHERE street = 'Tijdweg' AND house_number = 3), %lld, 0, date('now', 'localtime', '+50 days'));",
		tl, S.users[U_CONSULENT].username, by, by);
	CHECK(rc == 0, "Team Signaal set up");
	/* Growth: person k of Groeiweg (1..29) starts in month m (0 = this one). */
	static const struct { int from, to; const char *agb, *code; int months_back; } starts[] = {
		{1, 6, "11110001", "01HBH", 0}, {7, 8, "11110001", "01HBH", 3}, {9, 9, "11110001", "01HBH", 2},
		{10, 12, "11110001", "01HBH", 1}, {13, 17, "11110002", "02BGI", 0}, {18, 21, "11110002", "02BGI", 3},
		{22, 25, "11110002", "02BGI", 2}, {26, 29, "11110002", "02BGI", 1}};
#define V_COLS "INSERT INTO voorziening(huishouden_id, persoon_id, kind, decision_date, legal_basis, aanbieder_id, product_id," \
	" volume, unit, frequency, start_date, end_date, cost_cents, status, created_by, created_at)"
	int ok = 0;
	for (size_t i = 0; i < sizeof starts / sizeof starts[0]; i++)
		ok += ts_db_exec(&S, V_COLS
		    " SELECT p.huishouden_id, p.id, 'maatwerk', '2024-01-01', 'wmo2015', a.id, pr.id, 1, 'uur', 'per_week',"
		    " date('now', 'localtime', 'start of month', '-%d months'), date('now', 'localtime', '+365 days'), 100, 'gestart',"
		    " %lld, 0 FROM persoon p, aanbieder a, product pr WHERE p.last_name = 'Groei'"
		    " AND CAST(substr(p.first_name, 2) AS INTEGER) BETWEEN %d AND %d AND a.agb_code = '%s' AND pr.code = '%s'",
		    starts[i].months_back, by, starts[i].from, starts[i].to, starts[i].agb, starts[i].code) == 0;
	CHECK(ok == 8, "growth: 29 clients over four months");
	/* street, number, agb, product, start offset, end offset (days) */
	static const struct { const char *street; int nr; const char *agb, *code; int start, end; } more[] = {
		{"Overlapweg", 1, "11110001", "02BGI", -200, 100}, {"Overlapweg", 1, "11110002", "02MZO", -150, 200},
		{"Overlapweg", 2, "11110001", "02BGI", -200, 10}, {"Overlapweg", 2, "11110002", "02MZO", 20, 200},
		{"Elders", 1, "11110001", "02BGI", -200, 100}, {"Elders", 1, "11110002", "02MZO", -150, 200},
		{"Tijdweg", 1, "11110001", "01HBH", -200, 30}, {"Tijdweg", 2, "11110001", "01HBH", -200, 40},
		{"Tijdweg", 3, "11110001", "01HBH", -200, 20}};
	ok = 0;
	for (size_t i = 0; i < sizeof more / sizeof more[0]; i++)
		ok += ts_db_exec(&S, V_COLS
		    " SELECT h.id, NULL, 'maatwerk', '2024-01-01', 'wmo2015', a.id, pr.id, 1, 'uur', 'per_week',"
		    " date('now', 'localtime', '%+d days'), date('now', 'localtime', '%+d days'), 100,"
		    " CASE WHEN %d > 0 THEN 'toegekend' ELSE 'gestart' END, %lld, 0"
		    " FROM huishouden h, aanbieder a, product pr WHERE h.street = '%s' AND h.house_number = %d"
		    " AND a.agb_code = '%s' AND pr.code = '%s'",
		    more[i].start, more[i].end, more[i].start, by, more[i].street, more[i].nr, more[i].agb, more[i].code) == 0;
	CHECK(ok == 9, "overlap and ending voorzieningen set up");

	struct client c;
	client_init(&c, S.port);
	CHECK(client_login(&c, tl, S.users[U_TEAMLEIDER].password) == 303, "the teamleider signs in");
	struct http_resp r;
	CHECK(client_get(&c, "/team/signalen", &r) == 0 && r.status == 200 && http_body_has(&r, "Signalen voor Team Signaal"),
	      "the signals page of her team");
	CHECK(http_body_has(&r, "Aanbieder Alfa Zorg</th><td class=\"utrecht-table__cell utrecht-table__cell--numeric-column\" "
	                        "data-label=\"Deze maand\">6</td><td class=\"utrecht-table__cell utrecht-table__cell--numeric-column\" "
	                        "data-label=\"Gemiddeld ervoor\">2,0</td><td class=\"utrecht-table__cell "
	                        "utrecht-table__cell--numeric-column\" data-label=\"Stijging\">+200%</td>"),
	      "Alfa: 6 new clients against 2 a month before, +200%%");
	CHECK(http_body_has(&r, "Product 01 01HBH"), "and its product 01HBH");
	CHECK(!http_body_has(&r, "Aanbieder Beta Zorg") && !http_body_has(&r, "Product 02 02BGI"),
	      "Beta's 5 against 4 is exactly 25%%, not more: no signal");
	CHECK(http_body_has(&r, "Overlapweg 1, Nijkerk</a>: 2 voorzieningen in productcategorie 02 van Alfa Zorg, Beta Zorg") ||
	      http_body_has(&r, "Overlapweg 1, Nijkerk</a>: 2 voorzieningen in productcategorie 02 van Beta Zorg, Alfa Zorg"),
	      "Overlapweg 1: two providers in category 02 at the same time");
	CHECK(!http_body_has(&r, "Overlapweg 2, Nijkerk</a>: 2 voorzieningen") && !http_body_has(&r, "Elders 1"),
	      "one after the other is no overlap; another team's household is not shown");
	CHECK(http_body_has(&r, "Tijdweg 1, Nijkerk</a>, eindigt") && http_body_has(&r, "Tijdweg 3, Nijkerk</a>, eindigt") &&
	      http_body_has(&r, "; evaluatie pas op") && !http_body_has(&r, "Tijdweg 2, Nijkerk</a>, eindigt") &&
	      http_body_has(&r, "Overlapweg 2, Nijkerk</a>, eindigt"),
	      "ending within 8 weeks without an evaluation before: Tijdweg 1, Tijdweg 3 (evaluation too late), Overlapweg 2; "
	      "not Tijdweg 2");
	http_resp_free(&r);
	CHECK(client_get(&c, "/team", &r) == 0 &&
	      http_body_has(&r, "<strong>Signalen voor uw team:</strong> 2 aanbieders of producten met een sterke stijging; "
	                        "1 huishouden met mogelijke overlap; 3 maatwerkvoorzieningen die binnen 8 weken aflopen zonder "
	                        "evaluatie."),
	      "the dashboard sums them up in one sentence: 2, 1 and 3");
	http_resp_free(&r);
	CHECK(db_int("SELECT count(*) FROM audit WHERE action = 'signalen.view' AND medewerker_id = %lld", by) == 1,
	      "the view is audited");

	/* As meldingen on Mijn werk. */
	CHECK(signal_meldingen(&c, "") == 6 && signal_meldingen(&c, "groei") == 2 && signal_meldingen(&c, "overlap") == 1 &&
	      signal_meldingen(&c, "tijdelijk") == 3, "the teamleider has the 6 signals as meldingen: 2, 1 and 3");
	CHECK(client_get(&c, "/", &r) == 0 && http_body_has(&r, "href=\"/team/signalen#tijdelijk-kop\"") &&
	      http_body_has(&r, "href=\"/team/signalen#groei-kop\"") && http_body_has(&r, "Aanbieder Alfa Zorg: 6 nieuwe cli") &&
	      http_body_has(&r, "Signaal: mogelijke overlap"), "each links to its kind on the signals page");
	http_resp_free(&r);
	struct client cons;
	client_init(&cons, S.port);
	CHECK(client_login(&cons, S.users[U_CONSULENT].username, S.users[U_CONSULENT].password) == 303 &&
	      signal_meldingen(&cons, "") == 0, "a consulent gets no signal meldingen");
	long long tijd1 = db_int("SELECT v.id FROM voorziening v JOIN huishouden h ON h.id = v.huishouden_id"
	                         " WHERE h.street = 'Tijdweg' AND h.house_number = 1");
	char form[128];
	snprintf(form, sizeof form, "soort=signaal_tijdelijk&id=%lld", tijd1);
	CHECK(client_post_with_csrf(&c, "/", "/meldingen/gelezen", form, &r) == 0 && r.status == 303 &&
	      db_int("SELECT count(*) FROM melding_gelezen WHERE medewerker_id = %lld AND soort = 'signaal_tijdelijk'"
	             " AND object_id = %lld", by, tijd1) == 1, "Tijdweg 1's melding marked read");
	http_resp_free(&r);
	CHECK(signal_meldingen(&c, "tijdelijk") == 2 && signal_meldingen(&c, "") == 5, "marked read, it is hidden: 5 left");
	long long overlap = db_int("SELECT max(v.id) FROM voorziening v JOIN huishouden h ON h.id = v.huishouden_id"
	                           " WHERE h.street = 'Overlapweg' AND h.house_number = 1");
	snprintf(form, sizeof form, "soort=signaal_overlap&id=%lld", overlap);
	CHECK(client_post_with_csrf(&c, "/", "/meldingen/gelezen", form, &r) == 0 && r.status == 303 &&
	      signal_meldingen(&c, "overlap") == 0, "the overlap marked read is hidden");
	http_resp_free(&r);
	/* A new overlap in the same household: a third provider's 02BGI. */
	CHECK(ts_db_exec(&S, "INSERT INTO aanbieder(name, kind, agb_code) VALUES ('Gamma Zorg', 'zorgaanbieder', '11110003');"
	      V_COLS " SELECT h.id, NULL, 'maatwerk', '2024-01-01', 'wmo2015', a.id, pr.id, 1, 'uur', 'per_week',"
	      " date('now', 'localtime', '-10 days'), date('now', 'localtime', '+100 days'), 100, 'gestart', %lld, 0"
	      " FROM huishouden h, aanbieder a, product pr WHERE h.street = 'Overlapweg' AND h.house_number = 1"
	      " AND a.agb_code = '11110003' AND pr.code = '02BGI'", by) == 0, "a third provider joins Overlapweg 1");

	CHECK(client_post_with_csrf(&c, "/team/signalen", "/team/signalen", "groei_procent=2&groei_minimum=0", &r) == 0 &&
	      r.status == 422 && http_body_has(&r, "groei_procent-fout") && http_body_has(&r, "groei_minimum-fout") &&
	      http_body_has(&r, "value=\"2\"") && db_int("SELECT count(*) FROM team_signaal") == 0,
	      "thresholds out of range are refused at the fields, input kept, nothing stored");
	http_resp_free(&r);
	CHECK(client_post_with_csrf(&c, "/team/signalen", "/team/signalen", "groei_procent=300&groei_minimum=5", &r) == 0 &&
	      r.status == 303, "a threshold of 300%% is saved");
	http_resp_free(&r);
	CHECK(db_int("SELECT count(*) FROM audit WHERE action = 'signalen.drempels'") == 1, "and audited");
	CHECK(client_get(&c, "/team/signalen?opgeslagen=1", &r) == 0 && http_body_has(&r, "De drempels zijn opgeslagen.") &&
	      http_body_has(&r, "Geen aanbieder of product stijgt deze maand zo sterk."),
	      "at 300%% Alfa's +200%% is no signal any more");
	http_resp_free(&r);
	/* The summary behind the meldingen is kept a minute per team and
	 * thresholds; the new thresholds read it anew. */
	CHECK(signal_meldingen(&c, "groei") == 0 && signal_meldingen(&c, "overlap") == 1 &&
	      signal_meldingen(&c, "tijdelijk") == 2, "no growth meldingen at 300%%; the new overlap shows again; 2 ending");
	CHECK(client_get(&c, "/?meldingen=alle", &r) == 0 && count_in(&r, "loket-melding--signaal_tijdelijk loket-melding--gelezen") == 1,
	      "with the read ones shown, Tijdweg 1's is there as gelezen");
	http_resp_free(&r);
	ts_stop(&S);
	T_EXIT();
}
