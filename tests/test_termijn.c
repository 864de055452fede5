/* test_termijn.c - legal deadlines on every request (issue 12 item 5): the
 * rule per kind (melding Wmo six weeks from the melding, aanvraag Wmo two
 * weeks from the aanvraag, Jeugdwet and Participatiewet eight weeks, a vraag
 * none; an agreed extension adds days), recorded when registering and
 * afterwards, shown on the queue, the household page and the aanmelding,
 * overdue and due-within-a-week on the teamleider's Mijn werk; validation
 * keeps the input; the API carries it. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "http_client.h"
#include "termijn.h"
#include "testutil.h"

static struct test_server S;

#define db_int(...) ts_db_int(&S, __VA_ARGS__)

/* Noon, local time, days ago: a received_at whose local date is certain
 * whatever the hour the test runs (and across a DST change). */
static long long noon_days_ago(int days)
{
	time_t t = time(NULL);
	struct tm lt;
	localtime_r(&t, &lt);
	lt.tm_mday -= days;
	lt.tm_hour = 12;
	lt.tm_min = lt.tm_sec = 0;
	lt.tm_isdst = -1;
	return (long long)mktime(&lt);
}

static void iso_days_ago(int days, char out[11])
{
	time_t t = (time_t)noon_days_ago(days);
	struct tm lt;
	localtime_r(&t, &lt);
	strftime(out, 11, "%Y-%m-%d", &lt);
}

static void test_rules(void)
{
	char out[11];
	/* 2026-01-01 12:00 local: noon keeps the date in any zone. */
	struct tm t = {.tm_year = 126, .tm_mon = 0, .tm_mday = 1, .tm_hour = 12, .tm_isdst = -1};
	int64_t at = (int64_t)mktime(&t);
	CHECK(termijn_deadline("melding_wmo", at, NULL, 0, out) && strcmp(out, "2026-02-12") == 0,
	      "melding Wmo: six weeks after the melding (got %s)", out);
	CHECK(termijn_deadline("melding_wmo", at, NULL, 10, out) && strcmp(out, "2026-02-22") == 0,
	      "an extension of 10 days adds 10 calendar days (got %s)", out);
	CHECK(termijn_deadline("aanvraag_wmo", at, "2026-02-20", 0, out) && strcmp(out, "2026-03-06") == 0,
	      "aanvraag Wmo: two weeks after the aanvraag, not the melding (got %s)", out);
	CHECK(termijn_deadline("aanvraag_jeugd", at, "2026-12-30", 0, out) && strcmp(out, "2027-02-24") == 0,
	      "aanvraag Jeugdwet: eight weeks, across a year (got %s)", out);
	CHECK(termijn_deadline("aanvraag_participatie", at, "2026-01-01", 0, out) && strcmp(out, "2026-02-26") == 0,
	      "aanvraag Participatiewet: eight weeks (got %s)", out);
	CHECK(!termijn_deadline("vraag", at, NULL, 0, out), "a vraag has no legal term");
	CHECK(!termijn_deadline("aanvraag_wmo", at, NULL, 0, out), "an aanvraag without its date has none to show");
	CHECK(!termijn_deadline("onzin", at, NULL, 0, out), "an unknown kind has none");
}

int main(void)
{
	test_rules();
	if (ts_start(&S, (const char *const[]){"--cookie-insecure", NULL}) != 0) {
		T_FAIL("server start", "see %s", S.log);
		T_EXIT();
	}
	struct agent c, tl;
	CHECK(agent_sign_in(&c, &S, U_CONSULENT) && agent_sign_in(&tl, &S, U_TEAMLEIDER), "consulent and teamleider sign in");
	long long hh = db_int("%s", "SELECT min(id) FROM huishouden");
	struct http_resp r;
	char form[512], today[11], ten_ago[11];
	iso_days_ago(0, today);
	iso_days_ago(10, ten_ago);

	/* Registering with a kind. */
	snprintf(form, sizeof form, "huishouden=%lld&kanaal=inwoner_zelf&medium=balie&urgentie=normaal"
	         "&vraag=Hulp+bij+het+huishouden+aangevraagd&soort=aanvraag_wmo", hh);
	CHECK(agent_post(&c, "/aanmeldingen/nieuw", form, &r) == 422 && http_body_has(&r, "href=\"#aanvraag_ontvangen\"") &&
	      http_body_has(&r, "Hulp bij het huishouden aangevraagd</textarea>") &&
	      http_body_has(&r, "value=\"aanvraag_wmo\" selected"),
	      "an aanvraag without its date: 422 at the field, the input and the kind kept");
	http_resp_free(&r);
	snprintf(form, sizeof form, "huishouden=%lld&kanaal=inwoner_zelf&medium=balie&urgentie=normaal"
	         "&vraag=Hulp+bij+het+huishouden+aangevraagd&soort=aanvraag_wmo&aanvraag_ontvangen=%s", hh, ten_ago);
	CHECK(agent_post(&c, "/aanmeldingen/nieuw", form, &r) == 303, "with its date it is registered");
	http_resp_free(&r);
	long long a1 = db_int("SELECT max(id) FROM aanmelding WHERE soort = 'aanvraag_wmo'");
	CHECK(a1 > 0 && db_int("SELECT count(*) FROM aanmelding WHERE id = %lld AND aanvraag_ontvangen = '%s'", a1, ten_ago) == 1,
	      "kind and date stored");
	CHECK(agent_get(&c, "/aanmeldingen", &r) == 200 && http_body_has(&r, "nog 4 dagen"),
	      "the queue shows the days left (two weeks from ten days ago: 4)");
	http_resp_free(&r);
	char path[128];
	snprintf(path, sizeof path, "/huishoudens/%lld", hh);
	CHECK(agent_get(&c, path, &r) == 200 && http_body_has(&r, "nog 4 dagen"), "and the household page");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/aanmeldingen/%lld", a1);
	CHECK(agent_get(&c, path, &r) == 200 && http_body_has(&r, "Aanvraag Wmo") && http_body_has(&r, "nog 4 dagen"),
	      "and the aanmelding itself");
	http_resp_free(&r);

	/* An overdue melding (received 50 days ago: six weeks passed 8 days ago). */
	CHECK(ts_db_exec(&S, "INSERT INTO aanmelding(huishouden_id, channel, medium, question, urgency, safety_concern,"
	                     " received_at, created_by, soort) VALUES (%lld, 'inwoner_zelf', 'telefoon', 'Oude melding',"
	                     " 'normaal', 0, %lld, 1, 'melding_wmo')", hh, noon_days_ago(50)) == 0,
	      "a melding of 50 days ago");
	long long a2 = db_int("SELECT max(id) FROM aanmelding");
	CHECK(agent_get(&c, "/aanmeldingen", &r) == 200 && http_body_has(&r, "<strong>8 dagen over de termijn</strong>"),
	      "the queue says it is 8 days over its term, in bold");
	http_resp_free(&r);
	CHECK(agent_get(&tl, "/", &r) == 200 && http_body_has(&r, "Termijnen: te laat of binnen een week") &&
	      http_body_has(&r, "8 dagen over de termijn") && http_body_has(&r, "nog 4 dagen"),
	      "the teamleider's Mijn werk lists the overdue one and the one due within a week");
	http_resp_free(&r);
	CHECK(agent_get(&c, "/", &r) == 200 && !http_body_has(&r, "Termijnen: te laat"), "a consulent's Mijn werk does not");
	http_resp_free(&r);

	/* Changing the term: an extension needs a reason; a stale save is refused. */
	snprintf(path, sizeof path, "/aanmeldingen/%lld/termijn", a2);
	CHECK(agent_get(&c, path, &r) == 200 && http_body_has(&r, "Melding Wmo") && http_body_has(&r, "Wmo 2015, art. 2.3.2"),
	      "the term page names the rule");
	http_resp_free(&r);
	long long v = db_int("SELECT version FROM aanmelding WHERE id = %lld", a2);
	snprintf(form, sizeof form, "soort=melding_wmo&verlenging_dagen=14&verlenging_reden=&versie=%lld", v);
	CHECK(agent_post(&c, path, form, &r) == 422 && http_body_has(&r, "href=\"#verlenging_reden\"") &&
	      http_body_has(&r, "value=\"14\""), "an extension without a reason: 422 at the field, input kept");
	http_resp_free(&r);
	snprintf(form, sizeof form, "soort=melding_wmo&verlenging_dagen=999&verlenging_reden=x&versie=%lld", v);
	CHECK(agent_post(&c, path, form, &r) == 422 && http_body_has(&r, "href=\"#verlenging_dagen\""),
	      "an extension of 999 days is refused");
	http_resp_free(&r);
	snprintf(form, sizeof form, "soort=melding_wmo&aanvraag_ontvangen=%s&versie=%lld", today, v);
	CHECK(agent_post(&c, path, form, &r) == 422 && http_body_has(&r, "href=\"#aanvraag_ontvangen\""),
	      "a melding with an aanvraag date is refused");
	http_resp_free(&r);
	snprintf(form, sizeof form, "soort=melding_wmo&verlenging_dagen=14&verlenging_reden=Met+de+inwoner+afgesproken%%3A+"
	         "eerst+de+uitslag+van+het+ziekenhuis&versie=%lld", v);
	CHECK(agent_post(&c, path, form, &r) == 303, "an extension of 14 days with its reason");
	http_resp_free(&r);
	CHECK(db_int("SELECT verlenging_dagen FROM aanmelding WHERE id = %lld", a2) == 14 &&
	      db_int("SELECT count(*) FROM audit WHERE action = 'aanmelding.termijn' AND object_id = %lld", a2) == 1,
	      "stored and audited");
	CHECK(agent_get(&c, "/aanmeldingen", &r) == 200 && http_body_has(&r, "nog 6 dagen"),
	      "the extension moves the deadline (8 days over, plus 14: 6 left)");
	http_resp_free(&r);
	CHECK(agent_post(&c, path, form, &r) == 409 && http_body_has(&r, "Met de inwoner afgesproken"),
	      "a second save on the old version: 409, input kept");
	http_resp_free(&r);

	/* The API. */
	json_t *j = NULL;
	snprintf(path, sizeof path, "/api/v1/aanmeldingen/%lld", a1);
	CHECK(agent_api(&c, "GET", path, NULL, &r, &j) == 200 &&
	      strcmp(json_string_value(json_object_get(j, "soort")), "aanvraag_wmo") == 0 &&
	      json_integer_value(json_object_get(json_object_get(j, "termijn"), "dagen_over")) == 4,
	      "API: the aanmelding carries its kind and term");
	json_decref(j);
	http_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/aanmeldingen/%lld/termijn", a1);
	v = db_int("SELECT version FROM aanmelding WHERE id = %lld", a1);
	snprintf(form, sizeof form, "{\"soort\": \"aanvraag_jeugd\", \"versie\": %lld}", v);
	CHECK(agent_api(&c, "PUT", path, form, &r, &j) == 422 &&
	      json_object_get(json_object_get(json_object_get(j, "error"), "fields"), "aanvraag_ontvangen"),
	      "API: an aanvraag without its date is 422");
	json_decref(j);
	http_resp_free(&r);
	snprintf(form, sizeof form, "{\"soort\": \"aanvraag_jeugd\", \"aanvraag_ontvangen\": \"%s\", \"versie\": %lld}", ten_ago, v);
	CHECK(agent_api(&c, "PUT", path, form, &r, &j) == 200 &&
	      json_integer_value(json_object_get(json_object_get(j, "termijn"), "dagen_over")) == 46,
	      "API: Jeugdwet, eight weeks from ten days ago: 46 left");
	json_decref(j);
	http_resp_free(&r);

	snprintf(form, sizeof form, "{\"huishouden_id\": %lld, \"kanaal\": \"inwoner_zelf\", \"medium\": \"telefoon\","
	         " \"vraag\": \"Aanvraag via de API\", \"urgentie\": \"normaal\", \"soort\": \"aanvraag_participatie\"}", hh);
	CHECK(agent_api(&c, "POST", "/api/v1/aanmeldingen", form, &r, &j) == 422 &&
	      json_object_get(json_object_get(json_object_get(j, "error"), "fields"), "aanvraag_ontvangen"),
	      "API: registering an aanvraag without its date is 422 at aanvraag_ontvangen");
	json_decref(j);
	http_resp_free(&r);
	snprintf(form, sizeof form, "{\"huishouden_id\": %lld, \"kanaal\": \"inwoner_zelf\", \"medium\": \"telefoon\","
	         " \"vraag\": \"Aanvraag via de API\", \"urgentie\": \"normaal\", \"soort\": \"onzin\"}", hh);
	CHECK(agent_api(&c, "POST", "/api/v1/aanmeldingen", form, &r, &j) == 422 &&
	      json_object_get(json_object_get(json_object_get(j, "error"), "fields"), "soort"), "API: an unknown kind is 422");
	json_decref(j);
	http_resp_free(&r);
	snprintf(form, sizeof form, "{\"huishouden_id\": %lld, \"kanaal\": \"inwoner_zelf\", \"medium\": \"telefoon\","
	         " \"vraag\": \"Aanvraag via de API\", \"urgentie\": \"normaal\", \"soort\": \"aanvraag_participatie\","
	         " \"aanvraag_ontvangen\": \"%s\"}", hh, today);
	CHECK(agent_api(&c, "POST", "/api/v1/aanmeldingen", form, &r, &j) == 201 &&
	      json_integer_value(json_object_get(json_object_get(j, "termijn"), "dagen_over")) == 56,
	      "API: registered with its kind and date: 56 days left");
	json_decref(j);
	http_resp_free(&r);

	CHECK(ts_stop(&S) == 0, "server stops cleanly");
	T_EXIT();
}
