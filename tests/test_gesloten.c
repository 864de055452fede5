/* test_gesloten.c - "closed means closed; reopening is an act" (issue 12
 * item 4), against the real server.  A household with every kind of
 * content is closed through the afsluiten API; then every writing route of
 * the route table that works on the household or on one of its child
 * objects is refused with 409 and the Dutch message, and changes nothing
 * (the audit log and the content tables keep their counts); reading still
 * works and the pages show no change actions but "Afgesloten op" with
 * Heropenen; Heropenen validates (reason too short, a future date, a date
 * before the closing: 422 at the field with the input kept), works, is
 * audited, starts a new period the dashboard counts from the reopening
 * (never negative, the old period still counted), and changes work again. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "http_client.h"
#include "router.h"
#include "testutil.h"

static struct test_server S;

#define db_int(...) ts_db_int(&S, __VA_ARGS__)
#define db_exec(...) ts_db_exec(&S, __VA_ARGS__)

static long long hh, persoon, netwerklid, intake, journaal, toestemming, plan, doel, rolgesprek, afspraak,
	voorziening, aanmelding, evaluatie, cons_id;
static char today[11], past[11];

static void day(int offset, char out[11])
{
	time_t t = time(NULL) + (time_t)offset * 86400;
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

/* A household whose regisseur is the demo consulent, with one of each
 * content object; every agreement done and the voorziening ended, so it
 * may be closed. */
static bool fixtures(void)
{
	cons_id = db_int("SELECT id FROM medewerker WHERE username = '%s'", S.users[U_CONSULENT].username);
	if (db_exec("INSERT INTO huishouden(street, house_number, postcode, city, opened_at, status, regisseur_id,"
	            " intake_on, plan_vastgesteld_on) VALUES ('Gasthuisstraat', 4, '3861 AD', 'Nijkerk', 1707000000,"
	            " 'plan_actief', %lld, '2024-02-10', '2024-02-20')", cons_id) != 0)
		return false;
	hh = db_int("SELECT max(id) FROM huishouden");
	if (db_exec("INSERT INTO persoon(huishouden_id, first_name, last_name, birth_date, role)"
	            " VALUES (%lld, 'Fatima', 'Yilmaz', '1980-04-04', 'ouder')", hh) != 0)
		return false;
	persoon = db_int("SELECT max(id) FROM persoon");
	if (db_exec("INSERT INTO netwerklid(huishouden_id, name, relation, circle) VALUES (%lld, 'Buurvrouw Ans',"
	            " 'buren', 'nabije_omgeving')", hh) != 0 ||
	    db_exec("INSERT INTO intake(huishouden_id, held_on, question_behind, safety_concern, created_by, created_at)"
	            " VALUES (%lld, '2024-02-10', 'Rondkomen', 0, %lld, 1700000000)", hh, cons_id) != 0 ||
	    db_exec("INSERT INTO journaal(huishouden_id, kind, entry_date, body, author_id, created_at)"
	            " VALUES (%lld, 'gesprek', '2024-02-10', 'Eerste gesprek', %lld, 1700000000)", hh, cons_id) != 0 ||
	    db_exec("INSERT INTO toestemming(persoon_id, party, given_on, recorded_how, recorded_by)"
	            " VALUES (%lld, 'Schuldhulp', '2024-02-10', 'mondeling', %lld)", persoon, cons_id) != 0 ||
	    db_exec("INSERT INTO plan(huishouden_id, status, agreed_on, agreed_how, next_evaluation, created_by,"
	            " created_at) VALUES (%lld, 'vastgesteld', '2023-12-01', 'mondeling', '2030-01-01', %lld, 1)",
	            hh, cons_id) != 0)
		return false;
	netwerklid = db_int("SELECT max(id) FROM netwerklid");
	intake = db_int("SELECT max(id) FROM intake");
	journaal = db_int("SELECT max(id) FROM journaal");
	toestemming = db_int("SELECT max(id) FROM toestemming");
	plan = db_int("SELECT max(id) FROM plan");
	if (db_exec("INSERT INTO doel(plan_id, persoon_id, domain, wish, target_date, status, created_by, created_at)"
	            " VALUES (%lld, %lld, 'financien', 'Rondkomen', '2030-01-01', 'open', %lld, 1)", plan, persoon,
	            cons_id) != 0)
		return false;
	doel = db_int("SELECT max(id) FROM doel");
	if (db_exec("INSERT INTO rolgesprek(doel_id, level, contribution, created_by, created_at)"
	            " VALUES (%lld, 'inwoner', 'Fatima houdt een kasboek bij', %lld, 1)", doel, cons_id) != 0 ||
	    db_exec("INSERT INTO afspraak(doel_id, who_kind, persoon_id, what, due_date, done_on, created_by, created_at)"
	            " VALUES (%lld, 'inwoner', %lld, 'Kasboek bijhouden', '2024-01-01', '2024-01-01', %lld, 1)", doel,
	            persoon, cons_id) != 0 ||
	    db_exec("INSERT INTO sociale_kaart(name, kind) VALUES ('Formulierenhulp', 'steunpunt')") != 0 ||
	    db_exec("INSERT INTO voorziening(huishouden_id, kind, sociale_kaart_id, start_date, end_date, status,"
	            " created_by, created_at) VALUES (%lld, 'algemeen', (SELECT max(id) FROM sociale_kaart),"
	            " '2023-12-01', '2024-06-30', 'afgewezen', %lld, 1)", hh, cons_id) != 0 ||
	    db_exec("INSERT INTO aanmelding(huishouden_id, channel, medium, question, urgency, safety_concern,"
	            " received_at, created_by) VALUES (%lld, 'inwoner_zelf', 'balie', 'Schulden', 'normaal', 0,"
	            " 1700000000, %lld)", hh, cons_id) != 0 ||
	    db_exec("INSERT INTO evaluatie(plan_id, planned_on, held_on, created_by, created_at)"
	            " VALUES (%lld, '2024-01-10', '2024-01-10', %lld, 1)", plan, cons_id) != 0)
		return false;
	rolgesprek = db_int("SELECT max(id) FROM rolgesprek");
	afspraak = db_int("SELECT max(id) FROM afspraak");
	voorziening = db_int("SELECT max(id) FROM voorziening");
	aanmelding = db_int("SELECT max(id) FROM aanmelding");
	evaluatie = db_int("SELECT max(id) FROM evaluatie");
	return hh > 0 && persoon > 0 && netwerklid > 0 && intake > 0 && journaal > 0 && toestemming > 0 && plan > 0 &&
	       doel > 0 && rolgesprek > 0 && afspraak > 0 && voorziening > 0 && aanmelding > 0 && evaluatie > 0;
}

/* The id of the household's object that a route's first {id} names, or 0
 * when the route is not about a household's contents. */
static long long object_for(const char *pattern)
{
	static const struct {
		const char *prefix;
		long long *id;
	} map[] = {
		{"/huishoudens/", &hh},     {"/personen/", &persoon},       {"/netwerkleden/", &netwerklid},
		{"/intakes/", &intake},     {"/journaal/", &journaal},      {"/toestemmingen/", &toestemming},
		{"/plannen/", &plan},       {"/doelen/", &doel},            {"/rolgesprek/", &rolgesprek},
		{"/afspraken/", &afspraak}, {"/voorzieningen/", &voorziening}, {"/aanmeldingen/", &aanmelding},
		{"/evaluaties/", &evaluatie},
	};
	const char *p = strncmp(pattern, "/api/v1", 7) == 0 ? pattern + 7 : pattern;
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++) {
		size_t n = strlen(map[i].prefix);
		if (strncmp(p, map[i].prefix, n) == 0 && strncmp(p + n, "{id}", 4) == 0)
			return *map[i].id;
	}
	return 0;
}

/* The concrete path: the first {id} is obj, a second the consulent. */
static void fill(const char *pattern, long long obj, char *out, size_t n)
{
	size_t o = 0;
	int k = 0;
	for (const char *p = pattern; *p && o + 24 < n;) {
		if (strncmp(p, "{id}", 4) == 0) {
			o += (size_t)snprintf(out + o, n - o, "%lld", k++ == 0 ? obj : cons_id);
			p += 4;
		} else
			out[o++] = *p++;
	}
	out[o] = '\0';
}

static const char *method_name(unsigned m)
{
	return m == HTTP_POST ? "POST" : m == HTTP_PUT ? "PUT" : m == HTTP_DELETE ? "DELETE" : NULL;
}

/* A fingerprint of everything a change could touch. */
static long long contents_count(void)
{
	return db_int("SELECT (SELECT count(*) FROM persoon) + (SELECT count(*) FROM netwerklid) +"
	              " (SELECT count(*) FROM intake) + (SELECT count(*) FROM journaal) +"
	              " (SELECT count(*) FROM journaal_versie) + (SELECT count(*) FROM toestemming) +"
	              " (SELECT count(*) FROM plan) + (SELECT count(*) FROM doel) + (SELECT count(*) FROM rolgesprek) +"
	              " (SELECT count(*) FROM afspraak) + (SELECT count(*) FROM voorziening) +"
	              " (SELECT count(*) FROM evaluatie) + (SELECT count(*) FROM casusteam) +"
	              " (SELECT count(*) FROM regie_toewijzing) + (SELECT count(*) FROM moreel_beraad) +"
	              " (SELECT sum(version) FROM huishouden) + (SELECT sum(version) FROM persoon) +"
	              " (SELECT sum(version) FROM plan) + (SELECT sum(version) FROM voorziening) +"
	              " (SELECT sum(version) FROM aanmelding) + (SELECT count(*) FROM toegang_uitzondering)");
}

static void test_refusals(struct agent *cons, struct agent *tl)
{
	long long before = contents_count(), audit_before = db_int("SELECT count(*) FROM audit");
	int walked = 0;
	for (size_t i = 0; i < routes_count; i++) {
		const struct route *rt = &routes[i];
		const char *m = method_name(rt->methods);
		long long obj = object_for(rt->pattern);
		if (!m || !obj || (rt->flags & ROUTE_ON_CLOSED) || strstr(rt->pattern, "/toegang"))
			continue;
		char path[256];
		fill(rt->pattern, obj, path, sizeof path);
		/* Routes for teamleiders only (handing an aanmelding on) as the
		 * teamleider of the regisseur's team. */
		struct agent *a = (rt->roles & ROLE_CONSULENT) ? cons : tl;
		struct http_resp r;
		int st = strncmp(path, "/api/", 5) == 0 ? agent_api(a, m, path, "{}", &r, NULL) : agent_post(a, path, "", &r);
		CHECK(st == 409 && http_body_has(&r, "Dit huishouden is afgesloten op") &&
		          http_body_has(&r, "Heropen het eerst"),
		      "closed: %s %s refused with 409 and the Dutch message (got %d)", m, rt->pattern, st);
		http_resp_free(&r);
		walked++;
	}
	CHECK(walked >= 50, "the walk covered %d writing routes of the household's contents", walked);
	CHECK(contents_count() == before, "closed: nothing changed in the household's contents");
	CHECK(db_int("SELECT count(*) FROM audit") == audit_before, "closed: no change audited");
}

static void test_reading(struct agent *a)
{
	struct http_resp r;
	char path[128];
	snprintf(path, sizeof path, "/huishoudens/%lld", hh);
	CHECK(agent_get(a, path, &r) == 200 && http_body_has(&r, "Afgesloten op") &&
	          http_body_has(&r, "/heropenen\">Heropenen") && !http_body_has(&r, "/voorzieningen/nieuw") &&
	          !http_body_has(&r, "Casus afsluiten</a>") && !http_body_has(&r, "/journaal/nieuw") &&
	          http_body_has(&r, "/aanmeldingen/nieuw?huishouden="),
	      "closed household page: status and Heropenen, no change actions, a new aanmelding still offered");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/huishoudens/%lld/plan", hh);
	CHECK(agent_get(a, path, &r) == 200 && http_body_has(&r, "Afgesloten op") &&
	          !http_body_has(&r, "Volgende evaluatie") && !http_body_has(&r, "nieuwe-versie") &&
	          !http_body_has(&r, "evaluaties/nieuw"),
	      "closed plan page: no next evaluation, no new version, no evaluation link");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/voorzieningen/%lld", voorziening);
	CHECK(agent_get(a, path, &r) == 200 && http_body_has(&r, "Afgesloten op") &&
	          !http_body_has(&r, "/bewerken\"") && !http_body_has(&r, "/status\""),
	      "closed voorziening page: no edit link, no status form");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/huishoudens/%lld/journaal", hh);
	CHECK(agent_api(a, "GET", path, NULL, &r, NULL) == 200, "closed: the API still reads");
	http_resp_free(&r);
	/* The resident comes back: a new aanmelding is allowed (it is the request). */
	CHECK(db_int("SELECT count(*) FROM huishouden WHERE id = %lld AND status = 'afgesloten'", hh) == 1,
	      "closed: status afgesloten");
}

static void test_reopen(struct agent *a, const char *closed_on)
{
	struct http_resp r;
	char path[128], form[512], future[11];
	day(3, future);
	snprintf(path, sizeof path, "/huishoudens/%lld/heropenen", hh);
	CHECK(agent_get(a, path, &r) == 200 && http_body_has(&r, "Casus heropenen"), "heropenen form shown");
	http_resp_free(&r);
	CHECK(agent_post(a, path, "reden=kort&datum=", &r) == 422 && http_body_has(&r, "reden-fout") &&
	          http_body_has(&r, "datum-fout") && http_body_has(&r, ">kort</textarea>"),
	      "heropenen: reason too short and no date, 422 at both fields with the input kept");
	http_resp_free(&r);
	snprintf(form, sizeof form, "reden=Fatima+meldt+zich+opnieuw+met+schulden&datum=%s", future);
	CHECK(agent_post(a, path, form, &r) == 422 && http_body_has(&r, "datum-fout") &&
	          http_body_has(&r, "Fatima meldt zich opnieuw"),
	      "heropenen: a future date is refused at the field, input kept");
	http_resp_free(&r);
	snprintf(form, sizeof form, "reden=Fatima+meldt+zich+opnieuw+met+schulden&datum=%s", past);
	CHECK(agent_post(a, path, form, &r) == 422 && http_body_has(&r, "vóór de afsluiting") &&
	          http_body_has(&r, "href=\"#datum\""),
	      "heropenen: a date before the closing is refused at the field and named in the summary");
	http_resp_free(&r);
	CHECK(db_int("SELECT count(*) FROM huishouden WHERE id = %lld AND status = 'afgesloten'", hh) == 1,
	      "refused heropenen changed nothing");
	char api_path[128];
	snprintf(api_path, sizeof api_path, "/api/v1/huishoudens/%lld/heropenen", hh);
	CHECK(agent_api(a, "POST", api_path, "{\"reden\": \"kort\", \"datum\": \"2020-01-01\"}", &r, NULL) == 422 &&
	          http_body_has(&r, "reden") && http_body_has(&r, "datum"),
	      "API heropenen: 422 with the fields");
	http_resp_free(&r);

	snprintf(form, sizeof form, "reden=Fatima+meldt+zich+opnieuw+met+schulden&datum=%s", closed_on);
	CHECK(agent_post(a, path, form, &r) == 303, "heropenen on the closing day works (303)");
	http_resp_free(&r);
	CHECK(db_int("SELECT count(*) FROM huishouden WHERE id = %lld AND status = 'aangemeld' AND closed_at IS NULL"
	             " AND close_reason IS NULL AND intake_on IS NULL AND date(opened_at, 'unixepoch', 'localtime') = '%s'",
	             hh, closed_on) == 1,
	      "reopened: aangemeld, a new period from the reopening day");
	CHECK(db_int("SELECT count(*) FROM plan WHERE id = %lld AND status = 'vastgesteld' AND closed_on IS NULL", plan) == 1,
	      "reopened: the plan is vastgesteld again");
	CHECK(db_int("SELECT count(*) FROM huishouden_periode WHERE huishouden_id = %lld AND aangemeld_on = '2024-02-03'"
	             " AND intake_on = '2024-02-10' AND closed_on = '%s' AND close_reason = 'doel_bereikt'", hh,
	             closed_on) == 1,
	      "reopened: the finished period is kept");
	CHECK(db_int("SELECT count(*) FROM audit WHERE action = 'huishouden.heropenen' AND object_id = %lld", hh) == 1 &&
	          db_int("SELECT count(*) FROM audit WHERE action = 'plan.heropenen' AND object_id = %lld", plan) == 1,
	      "heropenen audited (household and plan)");
	CHECK(db_int("SELECT count(*) FROM journaal WHERE huishouden_id = %lld AND body LIKE 'Casus heropend op %%'", hh) == 1,
	      "heropenen noted in the journal");
	CHECK(agent_post(a, path, form, &r) == 409 && http_body_has(&r, "niet afgesloten"),
	      "heropenen an open household: 409");
	http_resp_free(&r);

	/* Changes work again. */
	char jpath[128];
	snprintf(jpath, sizeof jpath, "/api/v1/huishoudens/%lld/journaal", hh);
	char body[256];
	snprintf(body, sizeof body, "{\"soort\": \"gesprek\", \"datum\": \"%s\", \"tekst\": \"Weer in gesprek\"}", today);
	int st = agent_api(a, "POST", jpath, body, &r, NULL);
	CHECK(st == 201, "after reopening a journal entry can be added again (got %d)", st);
	http_resp_free(&r);
	snprintf(path, sizeof path, "/huishoudens/%lld", hh);
	CHECK(agent_get(a, path, &r) == 200 && http_body_has(&r, "/voorzieningen/nieuw") && !http_body_has(&r, "Afgesloten op"),
	      "after reopening the page offers the change actions again");
	http_resp_free(&r);
}

/* The dashboard: the old period counts in its months, the new period from
 * the reopening day (an intake on that day takes 0 days, never negative). */
static void test_dashboard(const char *closed_on)
{
	CHECK(db_exec("UPDATE huishouden SET intake_on = '%s' WHERE id = %lld", today, hh) == 0, "a new intake today");
	struct agent tl;
	CHECK(agent_sign_in(&tl, &S, U_TEAMLEIDER), "teamleider signs in");
	bool negative = false, old_counted = false, new_counted = false;
	for (int w = 0; w < 2; w++) {
		char path[160];
		if (w == 0)
			snprintf(path, sizeof path, "/api/v1/dashboard?van=2024-01&tot=2024-12");
		else
			snprintf(path, sizeof path, "/api/v1/dashboard?van=%.7s&tot=%.7s", today, today);
		struct http_resp r;
		json_t *j = NULL;
		int st = agent_api(&tl, "GET", path, NULL, &r, &j);
		CHECK(st == 200 && j, "dashboard API answers for %s (got %d)", path, st);
		json_t *rows = json_object_get(j, "doorlooptijden");
		size_t i;
		json_t *row;
		json_array_foreach(rows, i, row) {
			const char *maand = json_string_value(json_object_get(row, "maand"));
			const char *steps[] = {"aanmelding_intake", "intake_plan", "aanmelding_plan"};
			for (int k = 0; k < 3; k++) {
				json_t *med = json_object_get(json_object_get(row, steps[k]), "mediaan");
				if (json_is_integer(med) && json_integer_value(med) < 0)
					negative = true;
			}
			json_t *ai = json_object_get(row, "aanmelding_intake");
			long long n = json_integer_value(json_object_get(ai, "aantal"));
			if (maand && strcmp(maand, "2024-02") == 0 && n >= 1)
				old_counted = true;
			if (maand && strncmp(maand, today, 7) == 0 && n >= 1 &&
			    json_integer_value(json_object_get(ai, "mediaan")) == 0)
				new_counted = true;
		}
		json_decref(j);
		http_resp_free(&r);
	}
	CHECK(!negative, "dashboard throughput: no negative figure");
	CHECK(old_counted, "dashboard throughput: the finished period still counts (2024-02)");
	CHECK(new_counted, "dashboard throughput: the new period counts from the reopening");
	(void)closed_on;
}

int main(void)
{
	if (ts_start(&S, (const char *const[]){"--cookie-insecure", NULL}) != 0) {
		T_FAIL("server start", "see %s", S.log);
		T_EXIT();
	}
	day(0, today);
	day(-1, past);
	CHECK(fixtures(), "fixtures: a household with one of each content object");
	struct agent cons;
	CHECK(agent_sign_in(&cons, &S, U_CONSULENT), "consulent (the regisseur) signs in");
	char path[128];
	snprintf(path, sizeof path, "/api/v1/huishoudens/%lld/afsluiten", hh);
	struct http_resp r;
	CHECK(agent_api(&cons, "POST", path, "{\"reden\": \"doel_bereikt\", \"uitkomst\": \"Schulden geregeld\"}", &r,
	                NULL) == 200,
	      "the case is closed through the afsluiten API");
	http_resp_free(&r);
	char closed_on[11];
	day(0, closed_on);
	struct agent tl;
	CHECK(agent_sign_in(&tl, &S, U_TEAMLEIDER), "teamleider signs in");
	test_refusals(&cons, &tl);
	test_reading(&cons);
	test_reopen(&cons, closed_on);
	test_dashboard(closed_on);
	CHECK(ts_stop(&S) == 0, "server stops cleanly");
	T_EXIT();
}
