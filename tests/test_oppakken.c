/* test_oppakken.c - the shared queue (issue 12 item 2): an open aanmelding
 * of a household without regisseur is picked up by an employee of the team
 * whose queue it is in; she becomes its behandelaar and joins the
 * casusteam, and it leaves the others' "op te pakken" list.  A second
 * pick-up (also at the same moment) is refused naming who has it; another
 * team cannot pick it up; a teamleider hands it to someone; the API does
 * the same. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "http_client.h"
#include "testutil.h"

static struct test_server S;

#define db_int(...) ts_db_int(&S, __VA_ARGS__)

static long long user_id(const char *username)
{
	return db_int("SELECT id FROM medewerker WHERE username = '%s'", username);
}

/* An open aanmelding on a new household without gebied or regisseur (the
 * central intake team's queue, Team Noord in the demo). */
static long long make_aanmelding(const char *street, long long by)
{
	if (ts_db_exec(&S, "INSERT INTO huishouden(street, house_number, postcode, city, opened_at)"
	                   " VALUES ('%s', 3, '3861 AB', 'Nijkerk', strftime('%%s','now'))", street) != 0)
		return -1;
	long long hh = db_int("SELECT max(id) FROM huishouden");
	if (ts_db_exec(&S, "INSERT INTO persoon(huishouden_id, first_name, last_name, birth_date, role)"
	                   " VALUES (%lld, 'Kees', 'Oppak', '1970-01-01', 'ouder')", hh) != 0 ||
	    ts_db_exec(&S, "INSERT INTO aanmelding(huishouden_id, channel, medium, question, urgency, safety_concern,"
	                   " received_at, created_by) VALUES (%lld, 'inwoner_zelf', 'balie', 'Hulp bij post', 'normaal', 0,"
	                   " strftime('%%s','now'), %lld)", hh, by) != 0)
		return -1;
	return db_int("SELECT max(id) FROM aanmelding");
}

struct race {
	struct agent *a;
	const char *path;
	pthread_barrier_t *go;
	int status;
};

static void *race_run(void *arg)
{
	struct race *r = arg;
	pthread_barrier_wait(r->go);
	struct http_resp resp;
	r->status = agent_post(r->a, r->path, "", &resp);
	if (r->status >= 0)
		http_resp_free(&resp);
	return NULL;
}

int main(void)
{
	if (ts_start(&S, (const char *const[]){"--cookie-insecure", NULL}) != 0) {
		T_FAIL("server start", "see %s", S.log);
		T_EXIT();
	}
	struct agent cons, geb, tl, anna;
	CHECK(agent_sign_in(&cons, &S, U_CONSULENT) && agent_sign_in(&geb, &S, U_GEBIEDSTEAM) &&
	      agent_sign_in(&tl, &S, U_TEAMLEIDER), "consulent, gebiedsteam and teamleider (Team Noord) sign in");
	CHECK(agent_sign_in_other_team(&anna, &S), "anna, a consulent of the other team (Zuid), signs in");
	struct http_resp r;

	long long cons_id = user_id("consulent"), geb_id = user_id("gebiedsteam");
	long long a1 = make_aanmelding("Oppakstraat", geb_id);
	long long hh1 = db_int("SELECT huishouden_id FROM aanmelding WHERE id = %lld", a1);
	CHECK(a1 > 0 && hh1 > 0, "an aanmelding from the counter, no regisseur yet");
	char path[128], want[160];

	/* The queue offers it to the intake team. */
	CHECK(agent_get(&cons, "/aanmeldingen?lijst=op-te-pakken", &r) == 200, "the list 'op te pakken' opens");
	snprintf(want, sizeof want, "action=\"/aanmeldingen/%lld/oppakken\"", a1);
	CHECK(http_body_has(&r, want) && http_body_has(&r, "Oppakstraat 3"), "it is there, with an Oppakken button");
	http_resp_free(&r);
	CHECK(agent_get(&anna, "/aanmeldingen", &r) == 200 && !http_body_has(&r, want),
	      "another team's consulent gets no Oppakken button");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/aanmeldingen/%lld/oppakken", a1);
	CHECK(agent_post(&anna, path, "", &r) == 403, "another team cannot pick it up (403)");
	http_resp_free(&r);
	CHECK(agent_get(&anna, "/aanmeldingen?lijst=op-te-pakken", &r) == 200 && !http_body_has(&r, "Oppakstraat 3"),
	      "nor is it in her list 'op te pakken': that list is what she may pick up");
	http_resp_free(&r);

	/* The consulent picks it up. */
	char loc[160] = "";
	CHECK(agent_post(&cons, path, "", &r) == 303 && http_header(&r, "Location", loc, sizeof loc) &&
	      strstr(loc, "opgepakt=1"), "the consulent picks it up");
	http_resp_free(&r);
	CHECK(db_int("SELECT behandelaar_id FROM aanmelding WHERE id = %lld", a1) == cons_id, "she is its behandelaar");
	CHECK(db_int("SELECT count(*) FROM casusteam WHERE huishouden_id = %lld AND medewerker_id = %lld", hh1, cons_id) == 1,
	      "and in the household's casusteam");
	CHECK(db_int("SELECT count(*) FROM audit WHERE action = 'aanmelding.oppakken' AND object_id = %lld AND"
	             " medewerker_id = %lld", a1, cons_id) == 1, "picking up is audited");
	CHECK(agent_get(&cons, loc, &r) == 200 && http_body_has(&r, "Sanne de Boer (u)") &&
	      http_body_has(&r, "U heeft de aanmelding opgepakt") && !http_body_has(&r, ">Oppakken</button>"),
	      "the aanmelding page shows her as behandelaar, without the button");
	http_resp_free(&r);
	CHECK(agent_post(&geb, path, "", &r) == 409 && http_body_has(&r, "Sanne de Boer heeft deze aanmelding al opgepakt"),
	      "a colleague's second pick-up is refused, naming who has it");
	http_resp_free(&r);
	snprintf(want, sizeof want, "/aanmeldingen/%lld\"", a1);
	CHECK(agent_get(&geb, "/aanmeldingen?lijst=op-te-pakken", &r) == 200 && !http_body_has(&r, want),
	      "it left the colleagues' list 'op te pakken'");
	http_resp_free(&r);
	CHECK(agent_get(&cons, "/aanmeldingen?lijst=mijn", &r) == 200 && http_body_has(&r, want),
	      "and is on her list 'door mij opgepakt'");
	http_resp_free(&r);
	CHECK(agent_get(&geb, "/aanmeldingen?lijst=iets", &r) == 200, "an unknown list shows all");
	http_resp_free(&r);

	/* The teamleider hands it to the gebiedsteam member. */
	snprintf(path, sizeof path, "/aanmeldingen/%lld", a1);
	CHECK(agent_get(&tl, path, &r) == 200 && http_body_has(&r, "Andere behandelaar"), "the teamleider may hand it on");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/aanmeldingen/%lld/behandelaar", a1);
	char form[128];
	snprintf(form, sizeof form, "medewerker=%lld", user_id("beheerder"));
	CHECK(agent_post(&tl, path, form, &r) == 303 && http_header(&r, "Location", loc, sizeof loc) &&
	      strstr(loc, "kies_medewerker=1"), "a beheerder is no behandelaar: back to the page");
	http_resp_free(&r);
	CHECK(agent_get(&tl, loc, &r) == 200 && http_body_has(&r, "Kies een actieve consulent of gebiedsteamlid.") &&
	      http_body_has(&r, "href=\"#medewerker\">Toewijzen aan: kies een actieve consulent of gebiedsteamlid.</a>"),
	      "with the message at the field and in the summary at the top, which leads to it");
	http_resp_free(&r);
	snprintf(form, sizeof form, "medewerker=%lld", geb_id);
	CHECK(agent_post(&cons, path, form, &r) == 403, "a consulent cannot hand it on (teamleider only)");
	http_resp_free(&r);
	CHECK(agent_post(&tl, path, form, &r) == 303, "the teamleider hands it to the gebiedsteam member");
	http_resp_free(&r);
	CHECK(db_int("SELECT behandelaar_id FROM aanmelding WHERE id = %lld", a1) == geb_id &&
	      db_int("SELECT count(*) FROM casusteam WHERE huishouden_id = %lld AND medewerker_id = %lld", hh1, geb_id) == 1,
	      "she is the behandelaar now, in the casusteam");
	CHECK(db_int("SELECT count(*) FROM audit WHERE action = 'aanmelding.toewijzen' AND object_id = %lld", a1) == 1,
	      "handing on is audited");

	/* Mijn werk shows it to whom it belongs, with the role. */
	snprintf(want, sizeof want, "href=\"/aanmeldingen/%lld\">aanmelding %lld</a>", a1, a1);
	CHECK(agent_get(&geb, "/", &r) == 200 && http_body_has(&r, "Waar ik verder bij betrokken ben") &&
	      http_body_has(&r, "Behandelaar van") && http_body_has(&r, want),
	      "the new behandelaar finds it on her Mijn werk with her role");
	http_resp_free(&r);
	CHECK(agent_get(&cons, "/", &r) == 200 && http_body_has(&r, "Lid van het casusteam") && !http_body_has(&r, want),
	      "the one who picked it up first is still in the casusteam, no longer its behandelaar");
	http_resp_free(&r);

	/* Two at the same moment: one gets it, the other is told who. */
	long long a2 = make_aanmelding("Tegelijkstraat", cons_id);
	snprintf(path, sizeof path, "/aanmeldingen/%lld/oppakken", a2);
	pthread_barrier_t go;
	pthread_barrier_init(&go, NULL, 2);
	struct race ra = {&cons, path, &go, 0}, rb = {&geb, path, &go, 0};
	pthread_t ta, tb;
	pthread_create(&ta, NULL, race_run, &ra);
	pthread_create(&tb, NULL, race_run, &rb);
	pthread_join(ta, NULL);
	pthread_join(tb, NULL);
	pthread_barrier_destroy(&go);
	CHECK((ra.status == 303 && rb.status == 409) || (ra.status == 409 && rb.status == 303),
	      "two pick-ups at once: one 303, one 409 (got %d and %d)", ra.status, rb.status);
	CHECK(db_int("SELECT count(*) FROM audit WHERE action = 'aanmelding.oppakken' AND object_id = %lld", a2) == 1,
	      "and one audit row");

	/* The API. */
	long long a3 = make_aanmelding("Apistraat", cons_id);
	json_t *j = NULL;
	snprintf(path, sizeof path, "/api/v1/aanmeldingen/%lld/oppakken", a3);
	CHECK(agent_api(&geb, "POST", path, NULL, &r, &j) == 200 &&
	      json_integer_value(json_object_get(j, "behandelaar_id")) == geb_id, "API: pick up");
	json_decref(j);
	http_resp_free(&r);
	CHECK(agent_api(&cons, "POST", path, NULL, &r, NULL) == 409, "API: a second pick-up is 409");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/aanmeldingen/%lld/behandelaar", a3);
	CHECK(agent_api(&tl, "PUT", path, "{\"medewerker\": \"x\"}", &r, NULL) == 422, "API: a bad medewerker is 422");
	http_resp_free(&r);
	snprintf(form, sizeof form, "{\"medewerker\": %lld}", cons_id);
	CHECK(agent_api(&tl, "PUT", path, form, &r, &j) == 200 &&
	      json_integer_value(json_object_get(j, "behandelaar_id")) == cons_id, "API: the teamleider hands it on");
	json_decref(j);
	http_resp_free(&r);
	CHECK(agent_api(&cons, "PUT", path, form, &r, NULL) == 403, "API: a consulent cannot (403)");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/aanmeldingen/999999/oppakken");
	CHECK(agent_api(&cons, "POST", path, NULL, &r, NULL) == 404, "API: an unknown aanmelding is 404");
	http_resp_free(&r);

	/* A closed aanmelding cannot be picked up. */
	ts_db_exec(&S, "UPDATE aanmelding SET status = 'afgesloten' WHERE id = %lld", a3);
	snprintf(path, sizeof path, "/aanmeldingen/%lld/oppakken", a3);
	CHECK(agent_post(&cons, path, "", &r) == 409 && http_body_has(&r, "niet meer open"), "a closed one: 409");
	http_resp_free(&r);

	CHECK(ts_stop(&S) == 0, "server stops cleanly");
	char cmd[512];
	snprintf(cmd, sizeof cmd, "build/san/loket audit-verify --db %s > /dev/null", S.db);
	CHECK(system(cmd) == 0, "the audit chain verifies");
	T_EXIT();
}
