/* test_veiligheid.c - the veiligheidszorg (issue 12 item 1, scenario 7): a
 * safety concern flagged in an intake becomes a veiligheidszorg that heads
 * the queue and the teamleider's Mijn werk and dashboard at once, with a
 * red banner on the household page (and the bare fact for who may not see
 * it); its five meldcode steps are recorded (out of order only with a
 * reason); a second intake that still says unsafe neither closes nor
 * duplicates it; it is closed only explicitly with an outcome; everything
 * is audited; the API does the same; input errors keep the input. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "http_client.h"
#include "testutil.h"

static struct test_server S;

#define db_int(...) ts_db_int(&S, __VA_ARGS__)

static char today_iso[11]; /* set first thing in main */

static int intake(struct agent *a, long long hh, long long person, const char *note)
{
	char path[96], body[1024];
	snprintf(path, sizeof path, "/api/v1/huishoudens/%lld/intakes", hh);
	snprintf(body, sizeof body, "{\"gehouden_op\":\"%s\",\"vraag_achter_de_vraag\":\"Rust thuis\","
	         "\"zorgen_veiligheid\":true,\"veiligheid_toelichting\":\"%s\","
	         "\"deelnemers\":[{\"soort\":\"persoon\",\"id\":%lld}],"
	         "\"scores\":[{\"persoon_id\":%lld,\"leefgebied\":\"huiselijke_relaties\",\"score\":1}]}", today_iso, note, person, person);
	struct http_resp r;
	int st = agent_api(a, "POST", path, body, &r, NULL);
	if (st >= 0)
		http_resp_free(&r);
	return st;
}

/* form with "%s" standing for today's date, posted. */
static int post_today(struct agent *a, const char *path, const char *fmt, struct http_resp *r)
{
	char form[512];
	snprintf(form, sizeof form, fmt, today_iso);
	return agent_post(a, path, form, r);
}

int main(void)
{
	time_t now = time(NULL);
	struct tm lt;
	localtime_r(&now, &lt);
	strftime(today_iso, sizeof today_iso, "%Y-%m-%d", &lt);
	if (ts_start(&S, (const char *const[]){"--cookie-insecure", NULL}) != 0) {
		T_FAIL("server start", "see %s", S.log);
		T_EXIT();
	}
	long long cons = db_int("SELECT id FROM medewerker WHERE username = 'consulent'");
	long long hh = db_int("%s", "SELECT min(id) FROM huishouden");
	long long person = db_int("SELECT min(id) FROM persoon WHERE huishouden_id = %lld", hh);
	CHECK(ts_db_exec(&S, "UPDATE huishouden SET regisseur_id = %lld WHERE id = %lld", cons, hh) == 0,
	      "the consulent is the household's regisseur");
	struct agent c, tl, anna;
	CHECK(agent_sign_in(&c, &S, U_CONSULENT) && agent_sign_in(&tl, &S, U_TEAMLEIDER), "consulent and teamleider sign in");
	CHECK(agent_sign_in_other_team(&anna, &S), "anna, a consulent of the other team (Zuid), signs in");

	/* 1. Flagged during an intake. */
	CHECK_INT(intake(&c, hh, person, "Inwoner vertelt over geweld thuis"), 201, "an intake with the safety check ticked");
	long long z = db_int("SELECT coalesce(max(id), 0) FROM veiligheidszorg WHERE huishouden_id = %lld AND status = 'open'", hh);
	CHECK(z > 0 && db_int("SELECT count(*) FROM veiligheidszorg WHERE id = %lld AND bron = 'intake' AND"
	                      " gezien = 'Inwoner vertelt over geweld thuis'", z) == 1,
	      "it opened a veiligheidszorg with what was seen");
	CHECK(db_int("SELECT count(*) FROM audit WHERE action = 'veiligheidszorg.open' AND object_id = %lld", z) == 1,
	      "opening is audited");

	/* 2. Visible at once. */
	struct http_resp r;
	char want[160];
	snprintf(want, sizeof want, "href=\"/veiligheidszorgen/%lld\"", z);
	CHECK(agent_get(&c, "/aanmeldingen", &r) == 200 && http_body_has(&r, "Open veiligheidszorgen") && http_body_has(&r, want),
	      "it heads the queue");
	const char *list = r.body ? strstr(r.body, "Open veiligheidszorgen") : NULL;
	const char *tabs = r.body ? strstr(r.body, "Alle open aanmeldingen") : NULL;
	CHECK(list && tabs && list < tabs, "above the aanmeldingen");
	http_resp_free(&r);
	CHECK(agent_get(&tl, "/", &r) == 200 && http_body_has(&r, "Open veiligheidszorgen") && http_body_has(&r, want) &&
	      http_body_has(&r, "vandaag"), "on the teamleider's Mijn werk, with its age");
	http_resp_free(&r);
	CHECK(agent_get(&tl, "/team", &r) == 200 && http_body_has(&r, "Open veiligheidszorgen") && http_body_has(&r, want),
	      "and on the dashboard");
	http_resp_free(&r);
	char path[128];
	snprintf(path, sizeof path, "/huishoudens/%lld", hh);
	CHECK(agent_get(&c, path, &r) == 200 && http_body_has(&r, "Er loopt een veiligheidszorg") &&
	      http_body_has(&r, "utrecht-alert--error") && http_body_has(&r, want), "a red banner on the household page");
	CHECK(http_body_has(&r, "utrecht-status-badge--danger\">Veiligheidszorg loopt</span>") &&
	      http_body_has(&r, "loket-open-punten__dringend\"><a class=\"utrecht-link\" href=\"/veiligheidszorgen/"),
	      "a red badge in the page's head and an urgent open item");
	http_resp_free(&r);
	CHECK(agent_get(&anna, path, &r) == 303, "another team's consulent has no access");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/huishoudens/%lld/toegang", hh);
	CHECK(agent_get(&anna, path, &r) == 200 && http_body_has(&r, "Er loopt een veiligheidszorg.") &&
	      http_body_has(&r, "Sanne de Boer") && !http_body_has(&r, "geweld"),
	      "she sees the bare fact and the regisseur, not the content");
	http_resp_free(&r);
	CHECK(agent_get(&anna, "/aanmeldingen", &r) == 200 && http_body_has(&r, "Open veiligheidszorgen") && !http_body_has(&r, want),
	      "in her queue it is listed without a link to the content");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/veiligheidszorgen/%lld", z);
	CHECK(agent_get(&anna, path, &r) == 303, "the zorg page sends her to the exception form");
	http_resp_free(&r);

	/* 3. The steps. */
	snprintf(path, sizeof path, "/veiligheidszorgen/%lld", z);
	CHECK(agent_get(&c, path, &r) == 200 && http_body_has(&r, "1. Signalen in kaart brengen") &&
	      http_body_has(&r, "Veiligheidszorg sluiten"), "the zorg page shows the five steps and the forms");
	http_resp_free(&r);
	CHECK(db_int("SELECT count(*) FROM audit WHERE action = 'veiligheidszorg.view' AND object_id = %lld", z) >= 1,
	      "viewing is audited");
	snprintf(path, sizeof path, "/veiligheidszorgen/%lld/stappen", z);
	CHECK(post_today(&c, path, "stap=3&datum=%s&besluit=Gesprek+met+moeder", &r) == 422 &&
	      http_body_has(&r, "Een eerdere stap is nog niet vastgelegd") && http_body_has(&r, "Gesprek met moeder</textarea>") &&
	      http_body_has(&r, "href=\"#reden_volgorde\""),
	      "step 3 before 1 and 2 needs a reason: 422 at the field, input kept, named in the summary");
	http_resp_free(&r);
	CHECK(agent_post(&c, path, "stap=1&datum=morgen&besluit=Iets&uitkomst=hulp_georganiseerd&toelichting=Half+getypte+toelichting",
	                 &r) == 422 && http_body_has(&r, "Half getypte toelichting</textarea>") &&
	      http_body_has(&r, "value=\"hulp_georganiseerd\" checked"),
	      "a refused step keeps what was typed in the closing part of the same form");
	http_resp_free(&r);
	CHECK(agent_post(&c, path, "stap=9&datum=morgen&besluit=", &r) == 422 && http_body_has(&r, "href=\"#stap\"") &&
	      http_body_has(&r, "href=\"#datum\"") && http_body_has(&r, "href=\"#besluit\""), "nonsense is refused field by field");
	http_resp_free(&r);
	CHECK(post_today(&c, path, "stap=1&datum=%s&besluit=Signalen+en+uitspraken+vastgelegd", &r) == 303,
	      "step 1 recorded");
	http_resp_free(&r);
	CHECK(post_today(&c, path, "stap=2&datum=%s&besluit=Collegiaal+overlegd%%2C+Veilig+Thuis+geraadpleegd", &r) == 303,
	      "step 2 recorded");
	http_resp_free(&r);
	CHECK(post_today(&c, path, "stap=4&datum=%s&besluit=Afwegingskader%%3A+hulp+is+mogelijk"
	                 "&reden_volgorde=Gesprek+gepland+na+het+weekend", &r) == 303, "step 4 before 3, with a reason");
	http_resp_free(&r);
	CHECK(db_int("SELECT count(*) FROM veiligheidszorg_stap WHERE zorg_id = %lld", z) == 3 &&
	      db_int("SELECT count(*) FROM veiligheidszorg_stap WHERE zorg_id = %lld AND stap = 4 AND reden_volgorde IS NOT NULL", z) == 1,
	      "three steps stored, the out-of-order one with its reason");
	CHECK(db_int("SELECT count(*) FROM audit WHERE action = 'veiligheidszorg.stap' AND object_id = %lld", z) == 3,
	      "each step is audited");

	/* 4. A second intake that still says unsafe neither closes nor duplicates it. */
	CHECK_INT(intake(&c, hh, person, "Nog steeds onveilig"), 201, "a second intake, still unsafe");
	CHECK(db_int("SELECT count(*) FROM veiligheidszorg WHERE huishouden_id = %lld AND status = 'open'", hh) == 1 &&
	      db_int("SELECT count(*) FROM veiligheidszorg WHERE id = %lld AND status = 'open'", z) == 1,
	      "the veiligheidszorg is still open, and still one");

	/* 5. Closed explicitly. */
	snprintf(path, sizeof path, "/veiligheidszorgen/%lld/sluiten", z);
	long long v = db_int("SELECT version FROM veiligheidszorg WHERE id = %lld", z);
	char form[256];
	snprintf(form, sizeof form, "uitkomst=&toelichting=kort&versie=%lld", v);
	CHECK(agent_post(&c, path, form, &r) == 422 && http_body_has(&r, "href=\"#uitkomst\"") &&
	      http_body_has(&r, "href=\"#toelichting\"") && http_body_has(&r, ">kort</textarea>"),
	      "closing without an outcome or with a short note is refused, input kept");
	http_resp_free(&r);
	snprintf(form, sizeof form, "uitkomst=hulp_georganiseerd&toelichting=Hulp+via+het+wijkteam%%2C+we+volgen+de+effecten&versie=%lld", v - 1);
	CHECK(agent_post(&c, path, form, &r) == 409 && http_body_has(&r, "Hulp via het wijkteam"),
	      "an old version is refused with the input kept");
	http_resp_free(&r);
	snprintf(form, sizeof form, "uitkomst=hulp_georganiseerd&toelichting=Hulp+via+het+wijkteam%%2C+we+volgen+de+effecten&versie=%lld", v);
	CHECK(agent_post(&c, path, form, &r) == 303, "closed with an outcome");
	http_resp_free(&r);
	CHECK(db_int("SELECT count(*) FROM veiligheidszorg WHERE id = %lld AND status = 'gesloten' AND uitkomst = 'hulp_georganiseerd'", z) == 1 &&
	      db_int("SELECT count(*) FROM audit WHERE action = 'veiligheidszorg.sluiten' AND object_id = %lld", z) == 1,
	      "stored and audited");
	snprintf(path, sizeof path, "/huishoudens/%lld", hh);
	CHECK(agent_get(&c, path, &r) == 200 && !http_body_has(&r, "Er loopt een veiligheidszorg") &&
	      !http_body_has(&r, "Veiligheidszorg loopt"), "the banner and the badge are gone");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/veiligheidszorgen/%lld/stappen", z);
	CHECK(post_today(&c, path, "stap=5&datum=%s&besluit=x+y+z", &r) == 409, "no steps after closing");
	http_resp_free(&r);

	/* 6. Directly on the household, and the API. */
	snprintf(path, sizeof path, "/huishoudens/%lld/veiligheid/nieuw", hh);
	CHECK(agent_get(&c, path, &r) == 200 && http_body_has(&r, "Zorg over veiligheid melden"), "the form opens");
	http_resp_free(&r);
	CHECK(agent_post(&c, path, "persoon=999999&gezien_op=2999-01-01&gezien=", &r) == 422 &&
	      http_body_has(&r, "href=\"#persoon\"") && http_body_has(&r, "href=\"#gezien_op\"") && http_body_has(&r, "href=\"#gezien\""),
	      "a foreign person, a future date and nothing seen: 422 at each field");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/huishoudens/%lld/veiligheidszorgen", hh);
	snprintf(form, sizeof form, "{\"persoon\": %lld, \"gezien_op\": \"%s\", \"gezien\": \"Blauwe plekken bij de jongste\"}",
	         person, today_iso);
	json_t *j = NULL;
	CHECK(agent_api(&c, "POST", path, form, &r, &j) == 201 && json_integer_value(json_object_get(j, "id")) > z,
	      "API: a veiligheidszorg opened");
	long long z2 = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	http_resp_free(&r);
	CHECK(agent_api(&c, "GET", path, NULL, &r, &j) == 200 && json_array_size(json_object_get(j, "veiligheidszorgen")) == 2,
	      "API: both, open first");
	json_decref(j);
	http_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/veiligheidszorgen/%lld/stappen", z2);
	snprintf(form, sizeof form, "{\"stap\": 1, \"datum\": \"%s\", \"besluit\": \"Foto's en uitspraken\"}", today_iso);
	CHECK(agent_api(&c, "POST", path, form, &r, NULL) == 201,
	      "API: a step");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/veiligheidszorgen/%lld", z2);
	CHECK(agent_api(&c, "GET", path, NULL, &r, &j) == 200 && json_array_size(json_object_get(j, "stappen")) == 1 &&
	      json_is_true(json_object_get(j, "open")), "API: the zorg with its step");
	json_decref(j);
	http_resp_free(&r);
	CHECK(agent_api(&anna, "GET", path, NULL, &r, NULL) == 403, "API: no access without a role");
	http_resp_free(&r);
	/* Closing the case never hides a running veiligheidszorg. */
	snprintf(path, sizeof path, "/api/v1/huishoudens/%lld/afsluiten", hh);
	CHECK(agent_api(&c, "POST", path, "{\"reden\": \"doel_bereikt\", \"uitkomst\": \"Alles loopt\"}", &r, NULL) == 409 &&
	      http_body_has(&r, "zolang er een veiligheidszorg loopt"), "the case cannot be closed while a veiligheidszorg runs");
	http_resp_free(&r);
	CHECK(db_int("SELECT count(*) FROM huishouden WHERE id = %lld AND status = 'afgesloten'", hh) == 0, "it is not closed");
	snprintf(path, sizeof path, "/huishoudens/%lld/afsluiten", hh);
	CHECK(agent_post(&c, path, "reden=doel_bereikt&uitkomst=Gezin+redt+het+zelf", &r) == 409 &&
	      http_body_has(&r, "zolang er een veiligheidszorg loopt") && http_body_has(&r, "Gezin redt het zelf"),
	      "in the browser the closing form comes back with the reason and the input kept");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/veiligheidszorgen/%lld/sluiten", z2);
	CHECK(agent_api(&c, "POST", path, "{\"uitkomst\": \"onzin\"}", &r, &j) == 422 &&
	      json_object_get(json_object_get(json_object_get(j, "error"), "fields"), "uitkomst"), "API: a bad outcome is 422");
	json_decref(j);
	http_resp_free(&r);

	CHECK(ts_stop(&S) == 0, "server stops cleanly");
	char cmd[512];
	snprintf(cmd, sizeof cmd, "build/san/loket audit-verify --db %s > /dev/null", S.db);
	CHECK(system(cmd) == 0, "the audit chain verifies");
	T_EXIT();
}
