/* test_melding.c - meldingen on Mijn werk (issue 12 item 6): what a case
 * worker should not miss is one list at the top of Mijn werk, each marked
 * read per user, with the count of unread ones in the header of every
 * page.  The kinds: an aanmelding handed to me (not one I picked up
 * myself), a new veiligheidszorg in my households or team (not one I opened
 * myself, not another team's), an agreement of mine past its date, a legal
 * term overdue or due within a week, the regie handed to me with its
 * handover note.  Marking read: one, or all; someone else's melding
 * cannot be marked; bad input is refused. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "http_client.h"
#include "testutil.h"

static struct test_server S;

#define db_int(...) ts_db_int(&S, __VA_ARGS__)

static long long user_id(const char *username)
{
	return db_int("SELECT id FROM medewerker WHERE username = '%s'", username);
}

/* The unread count in the header of page, or -1 when there is none. */
static long long header_count(struct agent *a, const char *page)
{
	struct http_resp r;
	if (agent_get(a, page, &r) != 200)
		return -2;
	const char *mark = "Meldingen <span class=\"loket-badge\">";
	const char *p = strstr(r.body, mark);
	long long n = p ? strtoll(p + strlen(mark), NULL, 10) : -1;
	http_resp_free(&r);
	return n;
}

/* A household without gebied or regisseur (the central intake team's
 * queue: Team Noord in the demo) with one person and an open aanmelding
 * received days_ago days ago at noon (whatever the time of day and DST),
 * of kind soort. */
static long long make_aanmelding(const char *street, long long by, int days_ago, const char *soort)
{
	if (ts_db_exec(&S, "INSERT INTO huishouden(street, house_number, postcode, city, opened_at)"
	                   " VALUES ('%s', 7, '3861 AB', 'Nijkerk', strftime('%%s','now'))", street) != 0)
		return -1;
	long long hh = db_int("SELECT max(id) FROM huishouden");
	if (ts_db_exec(&S, "INSERT INTO persoon(huishouden_id, first_name, last_name, birth_date, role)"
	                   " VALUES (%lld, 'Mila', 'Melding', '1980-01-01', 'ouder')", hh) != 0 ||
	    ts_db_exec(&S, "INSERT INTO aanmelding(huishouden_id, channel, medium, question, urgency, safety_concern,"
	                   " received_at, created_by, soort) VALUES (%lld, 'inwoner_zelf', 'balie', 'Hulp bij post',"
	                   " 'normaal', 0, strftime('%%s', date('now', 'localtime', '-%d days') || ' 12:00', 'utc'), %lld, '%s')",
	                   hh, days_ago, by, soort) != 0)
		return -1;
	return db_int("SELECT max(id) FROM aanmelding");
}

static int mark(struct agent *a, const char *soort, long long id)
{
	char form[96];
	snprintf(form, sizeof form, "soort=%s&id=%lld", soort, id);
	struct http_resp r;
	int status = agent_post(a, "/meldingen/gelezen", form, &r);
	char loc[64] = "";
	if (status == 303 && !(http_header(&r, "Location", loc, sizeof loc) && strcmp(loc, "/#meldingen") == 0))
		status = -3;
	http_resp_free(&r);
	return status;
}

static int all_read(struct agent *a)
{
	struct http_resp r;
	int status = agent_post(a, "/meldingen/gelezen", "alles=1", &r);
	if (status >= 0)
		http_resp_free(&r);
	return status;
}

static bool home_has(struct agent *a, const char *query, const char *needle)
{
	struct http_resp r;
	bool yes = agent_get(a, query, &r) == 200 && http_body_has(&r, needle);
	http_resp_free(&r);
	return yes;
}

int main(void)
{
	if (ts_start(&S, (const char *const[]){"--cookie-insecure", NULL}) != 0) {
		T_FAIL("server start", "see %s", S.log);
		T_EXIT();
	}
	struct agent cons, geb, tl, beh, anna;
	CHECK(agent_sign_in(&cons, &S, U_CONSULENT) && agent_sign_in(&geb, &S, U_GEBIEDSTEAM) &&
	      agent_sign_in(&tl, &S, U_TEAMLEIDER) && agent_sign_in(&beh, &S, U_BEHEERDER),
	      "consulent, gebiedsteam, teamleider (Team Noord) and beheerder sign in");
	CHECK(agent_sign_in_other_team(&anna, &S), "anna, a consulent of the other team (Zuid), signs in");
	struct http_resp r;
	long long cons_id = user_id("consulent"), geb_id = user_id("gebiedsteam"), tl_id = user_id("teamleider");

	/* Start from nothing unread, whatever the demo data holds. */
	CHECK(all_read(&cons) == 303, "the consulent marks all she has read");
	CHECK(all_read(&anna) == 303 && all_read(&tl) == 303 && all_read(&geb) == 303, "so do the others");
	CHECK(header_count(&cons, "/aanmeldingen") == 0 && header_count(&tl, "/spreekuren") == 0,
	      "the header says 0 on any page");
	CHECK(header_count(&beh, "/beheer/gebruikers") == -1, "a beheerder has no meldingen in the header");
	CHECK(home_has(&cons, "/", "Geen nieuwe meldingen."), "Mijn werk says there are none");

	/* 1. An aanmelding handed to the consulent by the teamleider. */
	long long a1 = make_aanmelding("Meldingstraat", geb_id, 1, "vraag");
	char path[160], want[200];
	snprintf(path, sizeof path, "/aanmeldingen/%lld/behandelaar", a1);
	snprintf(want, sizeof want, "medewerker=%lld", cons_id);
	CHECK(agent_post(&tl, path, want, &r) == 303, "the teamleider hands an aanmelding to the consulent");
	http_resp_free(&r);
	CHECK(header_count(&cons, "/aanmeldingen") == 1, "her header counts 1");
	CHECK(home_has(&cons, "/spreekuren", "Menu <span class=\"loket-badge loket-badge--nieuw\">1</span>"),
	      "and the Menu button carries the count, so a phone shows it with the menu folded");
	CHECK(home_has(&cons, "/", "Aanmelding aan u toegewezen") &&
	      home_has(&cons, "/", "heeft deze aanmelding aan u gegeven om op te pakken") &&
	      home_has(&cons, "/", "Meldingstraat 7"), "Mijn werk says what, who and where");
	CHECK(header_count(&tl, "/") == 0, "the teamleider who handed it gets no melding of it");
	CHECK(mark(&cons, "toegewezen", a1) == 303, "she marks it read (back to the list)");
	CHECK(header_count(&cons, "/") == 0 && !home_has(&cons, "/", "Aanmelding aan u toegewezen"),
	      "read: gone from the count and the list");
	CHECK(home_has(&cons, "/?meldingen=alle", "Aanmelding aan u toegewezen</strong> (gelezen)"),
	      "the read ones can still be shown");
	CHECK(db_int("SELECT count(*) FROM melding_gelezen WHERE medewerker_id = %lld AND soort = 'toegewezen'"
	             " AND object_id = %lld", cons_id, a1) == 1, "the read mark is stored per user");
	CHECK(db_int("SELECT count(*) FROM audit WHERE action = 'melding.gelezen' AND medewerker_id = %lld"
	             " AND object_type = 'toegewezen' AND object_id = %lld", cons_id, a1) == 1, "and audited");
	CHECK(mark(&cons, "toegewezen", a1) == 303 &&
	      db_int("SELECT count(*) FROM audit WHERE action = 'melding.gelezen' AND object_id = %lld", a1) == 1,
	      "marking it again changes nothing");

	/* Picking one up oneself is no melding. */
	long long a2 = make_aanmelding("Zelfstraat", cons_id, 1, "vraag");
	snprintf(path, sizeof path, "/aanmeldingen/%lld/oppakken", a2);
	CHECK(agent_post(&geb, path, "", &r) == 303, "the gebiedsteam member picks one up herself");
	http_resp_free(&r);
	CHECK(header_count(&geb, "/") == 0, "that gives her no melding");
	CHECK(mark(&geb, "toegewezen", a2) == 303 &&
	      db_int("SELECT count(*) FROM melding_gelezen WHERE object_id = %lld", a2) == 0,
	      "a melding that is not there cannot be marked");
	CHECK(mark(&anna, "toegewezen", a1) == 303 &&
	      db_int("SELECT count(*) FROM melding_gelezen WHERE medewerker_id = %lld", user_id("anna")) == 0,
	      "nor someone else's");

	/* 2. A veiligheidszorg in a household of hers: a1's household, where
	 * the consulent is behandelaar and so in the casusteam. */
	long long hh1 = db_int("SELECT huishouden_id FROM aanmelding WHERE id = %lld", a1);
	char today[11];
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	strftime(today, sizeof today, "%Y-%m-%d", &tm);
	snprintf(path, sizeof path, "/huishoudens/%lld/veiligheid/nieuw", hh1);
	snprintf(want, sizeof want, "persoon=&gezien_op=%s&gezien=Kind+bang+om+naar+huis+te+gaan", today);
	CHECK(agent_post(&geb, path, want, &r) == 303, "the gebiedsteam member reports a safety concern");
	http_resp_free(&r);
	long long z = db_int("SELECT max(id) FROM veiligheidszorg WHERE huishouden_id = %lld", hh1);
	CHECK(header_count(&cons, "/") == 1 && home_has(&cons, "/", "Nieuwe veiligheidszorg") &&
	      home_has(&cons, "/", "meldde een zorg over veiligheid"), "the consulent in the casusteam gets it");
	snprintf(want, sizeof want, "href=\"/veiligheidszorgen/%lld\">Meldingstraat 7", z);
	CHECK(home_has(&cons, "/", want), "her melding leads straight to the veiligheidszorg, which she may see");
	CHECK(header_count(&tl, "/") == 1, "so does the teamleider of the team whose queue it is in");
	CHECK(header_count(&geb, "/") == 0, "the one who opened it does not");
	CHECK(header_count(&anna, "/") == 0, "another team does not");
	CHECK(mark(&tl, "veiligheidszorg", z) == 303 && header_count(&tl, "/") == 0 && header_count(&cons, "/") == 1,
	      "read by the teamleider is read for her only");

	/* 3. An agreement the consulent carries out, past its date. */
	ts_db_exec(&S, "INSERT INTO plan(huishouden_id, status, created_by, created_at) VALUES (%lld, 'concept', %lld, 0)",
	           hh1, cons_id);
	ts_db_exec(&S, "INSERT INTO doel(plan_id, domain, wish, target_date, created_by, created_at) SELECT id, 'financien',"
	           " 'Schulden op orde', '2999-01-01', %lld, 0 FROM plan WHERE huishouden_id = %lld", cons_id, hh1);
	long long doel = db_int("SELECT max(id) FROM doel");
	ts_db_exec(&S, "INSERT INTO afspraak(doel_id, who_kind, medewerker_id, what, due_date, created_by, created_at)"
	           " VALUES (%lld, 'medewerker', %lld, 'Schuldeisers bellen', date('now', 'localtime', '-2 days'), %lld, 0)",
	           doel, cons_id, cons_id);
	long long afspraak = db_int("SELECT max(id) FROM afspraak");
	ts_db_exec(&S, "INSERT INTO afspraak(doel_id, who_kind, medewerker_id, what, due_date, created_by, created_at)"
	           " VALUES (%lld, 'medewerker', %lld, 'Later bellen', date('now', 'localtime', '+2 days'), %lld, 0)",
	           doel, cons_id, cons_id);
	CHECK(header_count(&cons, "/") == 2 && home_has(&cons, "/", "Afspraak in het plan over de datum") &&
	      home_has(&cons, "/", "Schuldeisers bellen") && !home_has(&cons, "/", "Later bellen (uiterlijk"),
	      "an agreement past its date is a melding; one still to come is not");
	ts_db_exec(&S, "UPDATE afspraak SET done_on = date('now', 'localtime') WHERE id = %lld", afspraak);
	CHECK(header_count(&cons, "/") == 1, "done: the melding goes by itself");

	/* 4. Legal terms: a Wmo melding has six weeks for the onderzoek. */
	long long a3 = make_aanmelding("Termijnstraat", geb_id, 38, "melding_wmo");
	long long a4 = make_aanmelding("Verlopenstraat", geb_id, 50, "melding_wmo");
	long long a5 = make_aanmelding("Ruimstraat", geb_id, 2, "melding_wmo");
	ts_db_exec(&S, "UPDATE aanmelding SET behandelaar_id = %lld, behandelaar_door = %lld WHERE id IN (%lld, %lld, %lld)",
	           cons_id, cons_id, a3, a4, a5);
	CHECK(header_count(&cons, "/") == 3 && home_has(&cons, "/", "Termijn binnen een week") &&
	      home_has(&cons, "/", "Termijn verstreken") && home_has(&cons, "/", "8 dagen over de termijn"),
	      "due within a week and overdue are meldingen; a term weeks away is not");
	CHECK(mark(&cons, "termijn_week", a3) == 303 && header_count(&cons, "/") == 2, "one marked read");
	CHECK(mark(&cons, "termijn_verlopen", a3) == 303 && header_count(&cons, "/") == 2,
	      "a kind it does not have now cannot be marked in advance");
	ts_db_exec(&S, "UPDATE aanmelding SET received_at = received_at - 10 * 86400 WHERE id = %lld", a3);
	CHECK(header_count(&cons, "/") == 3, "once overdue it comes back as a new melding");

	/* 5. The regie handed over with a note. */
	ts_db_exec(&S, "UPDATE huishouden SET regisseur_id = %lld WHERE id = %lld", cons_id, hh1);
	ts_db_exec(&S, "INSERT INTO regie_toewijzing(huishouden_id, from_id, to_id, by_id, at, reason, handover_note)"
	           " VALUES (%lld, %lld, %lld, %lld, strftime('%%s','now'), 'Werk en inkomen voorop',"
	           " 'Moeder belt liever na drieën')", hh1, geb_id, cons_id, tl_id);
	long long rt = db_int("SELECT max(id) FROM regie_toewijzing");
	CHECK(header_count(&cons, "/") == 4 && home_has(&cons, "/", "Regie aan u overgedragen") &&
	      home_has(&cons, "/", "Overdracht: Moeder belt liever na drieën") &&
	      home_has(&cons, "/", "Reden: Werk en inkomen voorop"), "a handover shows with its reason and note");
	CHECK(mark(&cons, "overdracht", rt) == 303 && !home_has(&cons, "/", "Moeder belt liever na drieën"),
	      "the warm handover can be marked read");

	/* Bad input and the rest at once. */
	CHECK(agent_post(&cons, "/meldingen/gelezen", "soort=onzin&id=1", &r) == 400, "an unknown kind: 400");
	http_resp_free(&r);
	CHECK(agent_post(&cons, "/meldingen/gelezen", "soort=afspraak", &r) == 400, "no id: 400");
	http_resp_free(&r);
	CHECK(client_post(&cons.c, "/meldingen/gelezen", "alles=1", &r) == 0 && r.status == 403, "without the CSRF token: 403");
	http_resp_free(&r);
	CHECK(all_read(&beh) == 403, "a beheerder has none to mark: 403");
	{
		char loc[64] = "";
		CHECK(agent_post(&cons, "/meldingen/gelezen", "alles=1&ook_gelezen=1", &r) == 303 &&
		      http_header(&r, "Location", loc, sizeof loc) && strcmp(loc, "/?meldingen=alle#meldingen") == 0,
		      "marking from the view with the read ones too returns to that view");
		http_resp_free(&r);
	}
	CHECK(all_read(&cons) == 303 && header_count(&cons, "/") == 0, "all marked read at once");
	CHECK(db_int("SELECT count(*) FROM melding_gelezen WHERE medewerker_id = %lld AND soort = 'termijn_verlopen'"
	             " AND object_id IN (%lld, %lld)", cons_id, a3, a4) == 2, "each one of them");

	ts_stop(&S);
	T_EXIT();
}
