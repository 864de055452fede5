/* test_herkomst.c - an aanmelding that starts from a walk-in at a spreekuur
 * or from an early signal: the form is prefilled from it, only those who
 * may see it can use it, storing the aanmelding closes the walk-in or
 * signal in the same transaction, and a second conversion is refused. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http_client.h"
#include "testutil.h"

static struct test_server S;

static long long user_id(const char *username)
{
	return ts_db_int(&S, "SELECT id FROM medewerker WHERE username = '%s'", username);
}

static int get(struct agent *a, const char *path, struct http_resp *keep)
{
	struct http_resp r;
	int st = agent_get(a, path, &r);
	if (keep)
		*keep = r;
	else if (st >= 0)
		http_resp_free(&r);
	return st;
}

static int post(struct agent *a, const char *path, const char *form, struct http_resp *keep)
{
	struct http_resp r;
	int st = agent_post(a, path, form, &r);
	if (keep)
		*keep = r;
	else if (st >= 0)
		http_resp_free(&r);
	return st;
}

/* A voedselbank spreekuur staffed by staff_id with one open walk-in
 * registered by them; returns the walk-in's id. */
static long long make_walk_in(long long staff_id, const char *name, const char *contact)
{
	if (ts_db_exec(&S, "INSERT OR IGNORE INTO locatie(id, name, kind, gebied_id) VALUES (900, 'Voedselbank Test', "
	                   "'voedselbank', (SELECT min(id) FROM gebied))") != 0 ||
	    ts_db_exec(&S, "INSERT OR IGNORE INTO spreekuur(id, locatie_id, weekday, start_time, end_time, valid_from, "
	                   "created_by, created_at) VALUES (900, 900, 3, '10:00', '12:00', '2026-01-01', %lld, 0)",
	               staff_id) != 0 ||
	    ts_db_exec(&S, "INSERT OR IGNORE INTO spreekuur_medewerker VALUES (900, %lld)", staff_id) != 0)
		return -1;
	if (ts_db_exec(&S, "INSERT INTO bezoek(spreekuur_id, visit_date, visitor_name, question, contact, "
	                   "consent_follow_up, created_by, created_at) VALUES (900, '2026-11-23', %s%s%s, "
	                   "'Ik heb schulden en kom niet rond.', %s%s%s, 1, %lld, 0)",
	               name ? "'" : "", name ? name : "NULL", name ? "'" : "",
	               contact ? "'" : "", contact ? contact : "NULL", contact ? "'" : "", staff_id) != 0)
		return -1;
	return ts_db_int(&S, "SELECT max(id) FROM bezoek");
}

static void test_walk_in(struct agent *geb, struct agent *cons, struct agent *tl)
{
	long long staff = user_id("gebiedsteam");
	long long b = make_walk_in(staff, "Piet van der Berg", "06-12345678");
	CHECK(b > 0, "a walk-in is stored");
	char path[128];
	snprintf(path, sizeof path, "/aanmeldingen/nieuw?bezoek=%lld", b);

	struct http_resp r;
	CHECK(get(geb, path, &r) == 200, "the staff member opens the aanmelding form from the walk-in");
	CHECK(http_body_has(&r, "Deze aanmelding komt voort uit: Bezoek op het spreekuur bij Voedselbank Test op "
	                        "23-11-2026"), "the form says where the aanmelding comes from");
	CHECK(http_body_has(&r, "Ik heb schulden en kom niet rond.</textarea>"), "the question is prefilled");
	CHECK(http_body_has(&r, "value=\"vindplaats\" checked"), "the channel is vindplaats");
	CHECK(http_body_has(&r, "value=\"spreekuur\" checked") || http_body_has(&r, "value=\"spreekuur\" selected"),
	      "the medium is spreekuur");
	CHECK(http_body_has(&r, "name=\"p1_voornaam\" type=\"text\" autocomplete=\"off\" maxlength=\"100\" value=\"Piet\"") ||
	      http_body_has(&r, "value=\"Piet\""), "the first name comes from the walk-in");
	CHECK(http_body_has(&r, "value=\"van der\""), "the tussenvoegsel is split off");
	CHECK(http_body_has(&r, "value=\"Berg\""), "the last name follows");
	CHECK(http_body_has(&r, "value=\"06-12345678\""), "the phone number is prefilled");
	char hidden[64];
	snprintf(hidden, sizeof hidden, "name=\"bezoek\" value=\"%lld\"", b);
	CHECK(http_body_has(&r, hidden), "the form carries the walk-in");
	http_resp_free(&r);
	CHECK(ts_db_int(&S, "SELECT count(*) FROM audit WHERE action = 'bezoek.view' AND object_id = %lld", b) == 1,
	      "opening the walk-in's data is audited");

	CHECK(get(cons, path, NULL) == 403, "a consulent who does not staff the spreekuur may not use the walk-in");
	CHECK(get(tl, path, NULL) == 200, "a teamleider may");
	CHECK(get(geb, "/aanmeldingen/nieuw?bezoek=999999", NULL) == 404, "an unknown walk-in is 404");
	CHECK(get(geb, "/aanmeldingen/nieuw?bezoek=abc", NULL) == 400, "a malformed walk-in number is 400");
	snprintf(path, sizeof path, "/aanmeldingen/nieuw?bezoek=%lld&signaal=1", b);
	CHECK(get(geb, path, NULL) == 400, "a walk-in and a signal at once is 400");

	/* Storing: a new household with Piet, and the walk-in is done. */
	char form[1024];
	snprintf(form, sizeof form,
	         "bezoek=%lld&kanaal=vindplaats&verwijzer=Voedselbank+Test&medium=spreekuur"
	         "&vraag=Ik+heb+schulden+en+kom+niet+rond.&urgentie=normaal&straat=Stationsweg&huisnummer=3"
	         "&postcode=3861+AA&plaats=Nijkerk&p1_voornaam=Piet&p1_tussenvoegsel=van+der&p1_achternaam=Berg"
	         "&p1_geboortedatum=12-05-1968&p1_rol=ouder&p1_telefoon=06-12345678", b);
	long long before = ts_db_int(&S, "SELECT count(*) FROM aanmelding");
	int st = post(geb, "/aanmeldingen/nieuw", form, NULL);
	CHECK(st == 303, "the aanmelding from the walk-in is stored (got %d)", st);
	CHECK(ts_db_int(&S, "SELECT count(*) FROM aanmelding") == before + 1, "one aanmelding more");
	long long a = ts_db_int(&S, "SELECT max(id) FROM aanmelding");
	CHECK(ts_db_int(&S, "SELECT count(*) FROM bezoek WHERE id = %lld AND outcome = 'aanmelding' AND "
	                    "aanmelding_id = %lld AND huishouden_id = (SELECT huishouden_id FROM aanmelding WHERE id = %lld)",
	                b, a, a) == 1, "the walk-in now points at the aanmelding and its household");
	CHECK(ts_db_int(&S, "SELECT count(*) FROM aanmelding WHERE id = %lld AND channel = 'vindplaats' AND "
	                    "medium = 'spreekuur'", a) == 1, "the aanmelding came in through vindplaats, spreekuur");
	CHECK(ts_db_int(&S, "SELECT count(*) FROM audit WHERE action = 'bezoek.aanmelding' AND object_id = %lld "
	                    "AND huishouden_id IS NOT NULL", b) == 1, "the conversion is audited");

	snprintf(path, sizeof path, "/aanmeldingen/nieuw?bezoek=%lld", b);
	CHECK(get(geb, path, &r) == 409, "a converted walk-in cannot be converted again");
	CHECK(http_body_has(&r, "Dit bezoek is al afgerond"), "with a Dutch explanation");
	http_resp_free(&r);
	before = ts_db_int(&S, "SELECT count(*) FROM aanmelding");
	CHECK(post(geb, "/aanmeldingen/nieuw", form, NULL) == 409, "posting it again is refused");
	CHECK(ts_db_int(&S, "SELECT count(*) FROM aanmelding") == before, "and stores nothing");

	/* Closed by someone else between opening the form and saving. */
	long long b2 = make_walk_in(staff, NULL, NULL);
	snprintf(path, sizeof path, "/aanmeldingen/nieuw?bezoek=%lld", b2);
	CHECK(get(geb, path, &r) == 200, "an anonymous walk-in opens the form");
	CHECK(!http_body_has(&r, "value=\"Piet\""), "without a name to prefill");
	http_resp_free(&r);
	ts_db_exec(&S, "UPDATE bezoek SET outcome = 'informatie_gegeven' WHERE id = %lld", b2);
	long long hh = ts_db_int(&S, "SELECT huishouden_id FROM aanmelding WHERE id = %lld", a);
	snprintf(form, sizeof form, "bezoek=%lld&huishouden=%lld&kanaal=vindplaats&medium=spreekuur"
	         "&vraag=Een+vraag+die+blijft+staan&urgentie=normaal", b2, hh);
	before = ts_db_int(&S, "SELECT count(*) FROM aanmelding");
	CHECK(post(geb, "/aanmeldingen/nieuw", form, &r) == 409, "a walk-in closed meanwhile is refused");
	CHECK(http_body_has(&r, "intussen door iemand anders afgerond"), "the page says why");
	CHECK(http_body_has(&r, "Een vraag die blijft staan"), "the input is kept");
	http_resp_free(&r);
	CHECK(ts_db_int(&S, "SELECT count(*) FROM aanmelding") == before, "nothing is stored");
}

static void test_signal(struct agent *geb, struct agent *cons, long long hh)
{
	long long by = user_id("gebiedsteam");
	ts_db_exec(&S, "INSERT INTO signaal(source_kind, source_name, about, concern, safety_concern, received_at, "
	               "created_by) VALUES ('huisarts', 'Huisartsenpraktijk Oranjelaan', 'Het gezin op nummer 14', "
	               "'De kinderen lijken honger te hebben.', 1, 0, %lld)", by);
	long long sg = ts_db_int(&S, "SELECT max(id) FROM signaal");
	char path[128];
	snprintf(path, sizeof path, "/aanmeldingen/nieuw?signaal=%lld", sg);
	struct http_resp r;
	CHECK(get(cons, path, &r) == 200, "an unlinked signal is open to every case worker");
	CHECK(http_body_has(&r, "De kinderen lijken honger te hebben.</textarea>"), "the concern becomes the question");
	CHECK(http_body_has(&r, "value=\"verwijzer\" checked"), "a GP's signal comes in as verwijzer");
	CHECK(http_body_has(&r, "value=\"huisarts\" selected"), "of kind huisarts");
	CHECK(http_body_has(&r, "value=\"Huisartsenpraktijk Oranjelaan\""), "with the reporter as organisation");
	CHECK(http_body_has(&r, "name=\"meldcode\" value=\"1\" checked") || http_body_has(&r, "value=\"1\" checked"),
	      "the safety concern is carried over");
	http_resp_free(&r);

	/* Linked to a household the consulent has no role in: need-to-know. */
	ts_db_exec(&S, "UPDATE signaal SET huishouden_id = %lld WHERE id = %lld", hh, sg);
	CHECK(get(cons, path, NULL) == 403, "once linked, a consulent without access to the household is refused");
	CHECK(get(geb, path, &r) == 200, "the one who registered it may go on");
	CHECK(http_body_has(&r, "name=\"huishouden\" value=\""), "the linked household is preselected");
	http_resp_free(&r);

	char form[512];
	snprintf(form, sizeof form, "signaal=%lld&huishouden=%lld&kanaal=verwijzer&verwijzer_soort=huisarts"
	         "&verwijzer=Huisartsenpraktijk+Oranjelaan&medium=telefoon&vraag=De+kinderen+lijken+honger+te+hebben."
	         "&urgentie=hoog&meldcode=1", sg, hh);
	CHECK(post(geb, "/aanmeldingen/nieuw", form, NULL) == 303, "the signal becomes an aanmelding");
	long long a = ts_db_int(&S, "SELECT max(id) FROM aanmelding");
	CHECK(ts_db_int(&S, "SELECT count(*) FROM signaal WHERE id = %lld AND status = 'aanmelding' AND "
	                    "aanmelding_id = %lld AND huishouden_id = %lld", sg, a, hh) == 1,
	      "the signal points at the aanmelding");
	CHECK(ts_db_int(&S, "SELECT safety_concern FROM aanmelding WHERE id = %lld", a) == 1,
	      "the aanmelding keeps the safety concern");
	CHECK(ts_db_int(&S, "SELECT count(*) FROM audit WHERE action = 'signaal.aanmelding' AND object_id = %lld", sg) == 1,
	      "the conversion is audited");
	CHECK(get(geb, path, NULL) == 409, "a converted signal cannot be converted again");
}

/* The API: bezoek_id / signaal_id on POST /api/v1/aanmeldingen. */
static void test_api(struct agent *geb, struct agent *cons, long long hh)
{
	long long b = make_walk_in(user_id("gebiedsteam"), "Fatima Yilmaz", NULL);
	char body[512];
	struct http_resp r;
	json_t *j = NULL;
	snprintf(body, sizeof body, "{\"bezoek_id\": %lld, \"huishouden_id\": %lld, \"kanaal\": \"vindplaats\", "
	         "\"medium\": \"spreekuur\", \"vraag\": \"Hulp bij formulieren\", \"urgentie\": \"normaal\"}", b, hh);
	CHECK(agent_api(cons, "POST", "/api/v1/aanmeldingen", body, &r, NULL) == 403,
	      "API: a consulent who does not staff the spreekuur is 403");
	http_resp_free(&r);
	CHECK(agent_api(geb, "POST", "/api/v1/aanmeldingen", body, &r, &j) == 201, "API: the walk-in becomes an aanmelding");
	long long a = j ? (long long)json_integer_value(json_object_get(j, "id")) : 0;
	json_decref(j);
	http_resp_free(&r);
	CHECK(a > 0 && ts_db_int(&S, "SELECT aanmelding_id FROM bezoek WHERE id = %lld", b) == a,
	      "API: the walk-in points at the new aanmelding");
	CHECK(agent_api(geb, "POST", "/api/v1/aanmeldingen", body, &r, NULL) == 409, "API: a second conversion is 409");
	http_resp_free(&r);
	snprintf(body, sizeof body, "{\"bezoek_id\": \"x\", \"huishouden_id\": %lld, \"kanaal\": \"vindplaats\", "
	         "\"medium\": \"spreekuur\", \"vraag\": \"Hulp\", \"urgentie\": \"normaal\"}", hh);
	CHECK(agent_api(geb, "POST", "/api/v1/aanmeldingen", body, &r, &j) == 422, "API: a malformed bezoek_id is 422");
	CHECK(j && json_object_get(json_object_get(json_object_get(j, "error"), "fields"), "bezoek_id"),
	      "API: the field is named");
	json_decref(j);
	http_resp_free(&r);
	snprintf(body, sizeof body, "{\"signaal_id\": 999999, \"huishouden_id\": %lld, \"kanaal\": \"vindplaats\", "
	         "\"medium\": \"spreekuur\", \"vraag\": \"Hulp\", \"urgentie\": \"normaal\"}", hh);
	CHECK(agent_api(geb, "POST", "/api/v1/aanmeldingen", body, &r, NULL) == 404, "API: an unknown signal is 404");
	http_resp_free(&r);
}

int main(void)
{
	if (ts_start(&S, NULL) != 0) {
		printf("not ok - server starts\n");
		return 1;
	}
	struct agent geb, cons, tl;
	bool in = agent_sign_in(&geb, &S, U_GEBIEDSTEAM) && agent_sign_in(&cons, &S, U_CONSULENT) &&
	          agent_sign_in(&tl, &S, U_TEAMLEIDER);
	CHECK(in, "gebiedsteam, consulent and teamleider sign in");
	if (in) {
		test_walk_in(&geb, &cons, &tl);
		long long hh = ts_db_int(&S, "SELECT huishouden_id FROM bezoek WHERE outcome = 'aanmelding' LIMIT 1");
		/* The gebiedsteam member took the regie: from here on the
		 * consulent has no role in the household (while it had no
		 * regisseur it was in her team's queue). */
		CHECK(ts_db_exec(&S, "UPDATE huishouden SET regisseur_id = (SELECT id FROM medewerker"
		                     " WHERE username = 'gebiedsteam') WHERE id = %lld", hh) == 0,
		      "the gebiedsteam member is the household's regisseur");
		test_signal(&geb, &cons, hh);
		test_api(&geb, &cons, hh);
	}
	char cmd[512];
	snprintf(cmd, sizeof cmd, "build/san/loket audit-verify --db %s > /dev/null", S.db);
	CHECK(system(cmd) == 0, "the audit chain verifies afterwards");
	CHECK(ts_stop(&S) == 0, "the server stops cleanly");
	T_EXIT();
}
