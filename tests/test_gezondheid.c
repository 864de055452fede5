/* test_gezondheid.c - Positieve Gezondheid (issue 16 item 3) against the
 * real server: the six 0-10 fields per person in the intake and the
 * evaluation (all six or none; bad input refused at the field with the
 * input kept and nothing written), the API's "positieve_gezondheid", the
 * spider web with hand-computed polygons and its table, need-to-know, the
 * resident's own change (db_gezondheid_verandering and the view), the
 * inzage and the purge. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db.h"
#include "db_gezondheid.h"
#include "http_client.h"
#include "testutil.h"

static struct test_server S;

#define db_int(...) ts_db_int(&S, __VA_ARGS__)
#define db_exec(...) ts_db_exec(&S, __VA_ARGS__)

static const char *const dims[6] = {"lichaamsfuncties", "mentaal_welbevinden", "zingeving",
                                    "kwaliteit_van_leven", "meedoen", "dagelijks_functioneren"};

static void day(int offset, char out[11])
{
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	tm.tm_mday += offset;
	tm.tm_hour = 12;
	tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	t = mktime(&tm);
	localtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

static long long id_consulent, hh, jan, els, hh_api, api_person;
static char intake_day[11], held[11], next_day[11];

static bool fixtures(void)
{
	id_consulent = db_int("SELECT id FROM medewerker WHERE username = '%s'", S.users[U_CONSULENT].username);
	/* Households without a gebied: the consulent's team (the central
	 * intake team) works them; the gebiedsteam member is moved away. */
	if (db_exec("INSERT INTO huishouden(street, house_number, postcode, city, opened_at)"
	            " VALUES ('Kerkstraat', 12, '3861 AB', 'Nijkerk', 1700000000)") != 0)
		return false;
	hh = db_int("SELECT max(id) FROM huishouden");
	if (db_exec("INSERT INTO persoon(huishouden_id, first_name, name_prefix, last_name, birth_date, role)"
	            " VALUES (%lld, 'Jan', 'de', 'Vries', '1971-03-02', 'ouder'),"
	            " (%lld, 'Els', 'de', 'Vries', '1975-06-20', 'partner')", hh, hh) != 0 ||
	    db_exec("INSERT INTO aanmelding(huishouden_id, channel, medium, question, urgency, safety_concern,"
	            " received_at, created_by) VALUES (%lld, 'inwoner_zelf', 'balie', 'Jan heeft zijn baan"
	            " verloren', 'normaal', 0, 1700000000, %lld)", hh, id_consulent) != 0)
		return false;
	jan = db_int("SELECT id FROM persoon WHERE first_name = 'Jan' AND huishouden_id = %lld", hh);
	els = db_int("SELECT id FROM persoon WHERE first_name = 'Els' AND huishouden_id = %lld", hh);
	if (db_exec("INSERT INTO huishouden(street, house_number, postcode, city, opened_at)"
	            " VALUES ('Molenweg', 3, '3863 AA', 'Hoevelaken', 1700000000)") != 0)
		return false;
	hh_api = db_int("SELECT max(id) FROM huishouden");
	if (db_exec("INSERT INTO persoon(huishouden_id, first_name, last_name, birth_date, role)"
	            " VALUES (%lld, 'Bennie', 'Jansen', '1969-07-04', 'overig')", hh_api) != 0)
		return false;
	api_person = db_int("SELECT id FROM persoon WHERE huishouden_id = %lld", hh_api);
	return jan > 0 && els > 0 && api_person > 0;
}

/* The intake form with Els's six scores (NULL: left empty) appended. */
static void intake_form(char *out, size_t n, const char *const els_scores[6])
{
	snprintf(out, n, "gehouden_op=%s&vraag_achter_de_vraag=Weer+grip&deelnemer_p_%lld=1&deelnemer_p_%lld=1"
	                 "&zrm_%lld_financien=2", intake_day, jan, els, jan);
	for (int k = 0; k < 6; k++) {
		size_t len = strlen(out);
		snprintf(out + len, n - len, "&pg_%lld_%s=%s", els, dims[k], els_scores[k] ? els_scores[k] : "");
	}
}

static long long count_all(void)
{
	return db_int("SELECT count(*) FROM gezondheid_score");
}

/* One bad input: 422, the Dutch message at the field, the summary naming
 * it, the input kept, nothing written. */
static void bad_intake(struct agent *a, const char *path, const char *const scores[6], const char *message,
                       const char *summary, const char *kept, const char *what)
{
	char form[2048];
	struct http_resp r;
	intake_form(form, sizeof form, scores);
	CHECK(agent_post(a, path, form, &r) == 422, "%s: 422", what);
	CHECK(http_body_has(&r, message), "%s: the Dutch message \"%s\"", what, message);
	CHECK(http_body_has(&r, summary), "%s: the error summary names the field (%s)", what, summary);
	CHECK(http_body_has(&r, kept), "%s: the input is kept", what);
	CHECK(http_body_has(&r, "aria-invalid=\"true\""), "%s: the field is marked invalid", what);
	http_resp_free(&r);
	CHECK(db_int("SELECT count(*) FROM intake WHERE huishouden_id = %lld", hh) == 0 && count_all() == 0,
	      "%s: nothing written", what);
}

static long long intake1, plan, evaluatie1;

static void test_intake(struct agent *a)
{
	char path[128], want[512], form[2048];
	struct http_resp r;
	snprintf(path, sizeof path, "/huishoudens/%lld/intake/nieuw", hh);
	CHECK(agent_get(a, path, &r) == 200, "intake form 200");
	CHECK(http_body_has(&r, "Positieve Gezondheid — de inwoner scoort zelf (0-10)"), "intake form: the PG fieldset");
	snprintf(want, sizeof want, "id=\"pg_%lld_mentaal_welbevinden\" name=\"pg_%lld_mentaal_welbevinden\"", els, els);
	CHECK(http_body_has(&r, want), "intake form: a field per person and dimension");
	CHECK(http_body_has(&r, ">Dagelijks functioneren<"), "intake form: the dimensions by their names");
	CHECK(!http_body_has(&r, "aria-invalid"), "intake form: nothing invalid on a fresh form");
	http_resp_free(&r);

	char summary[256], kept[256];
	snprintf(summary, sizeof summary, "Lichaamsfuncties – Els de Vries");
	snprintf(kept, sizeof kept, "name=\"pg_%lld_lichaamsfuncties\" type=\"text\" inputmode=\"numeric\" autocomplete=\"off\" value=\"11\"", els);
	bad_intake(a, path, (const char *const[6]){"11", "5", "5", "5", "5", "5"}, "Vul een heel getal van 0 tot en met 10 in.",
	           summary, kept, "intake PG 11");
	snprintf(kept, sizeof kept, "autocomplete=\"off\" value=\"-1\"");
	bad_intake(a, path, (const char *const[6]){"-1", "5", "5", "5", "5", "5"}, "Vul een heel getal van 0 tot en met 10 in.",
	           summary, kept, "intake PG -1");
	snprintf(kept, sizeof kept, "autocomplete=\"off\" value=\"a\"");
	bad_intake(a, path, (const char *const[6]){"5", "5", "5", "5", "5", "a"}, "Vul een heel getal van 0 tot en met 10 in.",
	           "Dagelijks functioneren – Els de Vries", kept, "intake PG 'a'");
	snprintf(kept, sizeof kept, "name=\"pg_%lld_meedoen\" type=\"text\" inputmode=\"numeric\" autocomplete=\"off\" value=\"3\"", els);
	bad_intake(a, path, (const char *const[6]){"5", "6", "4", "7", "3", NULL}, "Vul alle zes dimensies in, of geen.",
	           "Positieve Gezondheid van Els de Vries", kept, "intake PG 5 of 6");

	/* Valid: Els scores all six; Jan none. */
	intake_form(form, sizeof form, (const char *const[6]){"5", "6", "4", "7", "3", "5"});
	CHECK(agent_post(a, path, form, &r) == 303, "intake with PG saved (303)");
	http_resp_free(&r);
	intake1 = db_int("SELECT max(id) FROM intake WHERE huishouden_id = %lld", hh);
	CHECK(db_int("SELECT count(*) FROM gezondheid_score WHERE persoon_id = %lld AND intake_id = %lld"
	             " AND evaluatie_id IS NULL AND scored_on = '%s'", els, intake1, intake_day) == 6 &&
	      db_int("SELECT score FROM gezondheid_score WHERE persoon_id = %lld AND dimension = 'kwaliteit_van_leven'",
	             els) == 7 && db_int("SELECT count(*) FROM gezondheid_score WHERE persoon_id = %lld", jan) == 0,
	      "six rows for Els with the intake, dated the conversation; none for Jan");
	char ipath[64];
	snprintf(ipath, sizeof ipath, "/intakes/%lld", intake1);
	CHECK(agent_get(a, ipath, &r) == 200 && http_body_has(&r, "<caption class=\"utrecht-table__caption\">Els de Vries</caption>") &&
	      http_body_has(&r, "scope=\"row\">Kwaliteit van leven</th><td class=\"utrecht-table__cell utrecht-table__cell--numeric\">7</td>") &&
	      http_body_has(&r, "scope=\"row\">Totaal (0-60)</th><td class=\"utrecht-table__cell utrecht-table__cell--numeric\">30</td>"),
	      "the intake page shows the PG scores given in it");
	http_resp_free(&r);
}

static void test_evaluation(struct agent *a)
{
	/* A vastgesteld plan with one goal (the plan module owns its forms). */
	CHECK(db_exec("INSERT INTO plan(huishouden_id, status, agreed_on, agreed_how, next_evaluation, created_by,"
	              " created_at) VALUES (%lld, 'vastgesteld', '%s', 'mondeling', '%s', %lld, 1700000000)",
	              hh, intake_day, held, id_consulent) == 0, "setup: a vastgesteld plan");
	plan = db_int("SELECT id FROM plan WHERE huishouden_id = %lld", hh);
	CHECK(db_exec("INSERT INTO doel(plan_id, persoon_id, domain, wish, target_date, status, created_by, created_at)"
	              " VALUES (%lld, %lld, 'werk_en_opleiding', 'Ik wil weer aan het werk', '2030-01-01', 'open', %lld, 1)",
	              plan, jan, id_consulent) == 0, "setup: a goal");
	long long goal = db_int("SELECT max(id) FROM doel WHERE plan_id = %lld", plan);
	char path[128], base[1024], form[2048];
	struct http_resp r;
	/* One measurement: one polygon, no dashed one; the table has one column. */
	snprintf(path, sizeof path, "/huishoudens/%lld/plan", hh);
	CHECK(agent_get(a, path, &r) == 200, "plan page 200 with one measurement");
	CHECK(http_body_has(&r, "class=\"loket-pg-svg\"") && http_body_has(&r, "role=\"img\"") &&
	      http_body_has(&r, "<title id=\"gezondheid-") && http_body_has(&r, "Positieve Gezondheid van Els de Vries</title>"),
	      "plan page: Els's spider web with its title");
	CHECK(http_body_has(&r, "<polygon class=\"loket-pg-latest\" points=\"210.0,103.0 267.2,125.0 248.1,180.0 "
	                        "210.0,235.0 181.4,174.5 162.4,130.5\"/>"),
	      "one measurement: its polygon at the hand-computed points");
	CHECK(!http_body_has(&r, "<polygon class=\"loket-pg-first\""), "one measurement: no second polygon");
	CHECK(!http_body_has(&r, "Positieve Gezondheid van Jan"),
	      "no chart for Jan, who has no PG scores");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/plannen/%lld/evaluaties/nieuw", plan);
	CHECK(agent_get(a, path, &r) == 200 && http_body_has(&r, "Positieve Gezondheid — de inwoner scoort zelf (0-10)"),
	      "evaluation form: the PG fieldset");
	http_resp_free(&r);
	snprintf(base, sizeof base, "versie=1&gepland_op=%s&gehouden_op=%s&samenvatting=Goed&volgende_evaluatie=%s"
	                            "&zrm_%lld_financien=3&doel_%lld_bereikt=Solliciteert&doel_%lld_status=bezig"
	                            "&doel_%lld_versie=1", held, held, next_day, jan, goal, goal, goal);
	snprintf(form, sizeof form, "%s&pg_%lld_lichaamsfuncties=7&pg_%lld_mentaal_welbevinden=6&pg_%lld_zingeving=11"
	         "&pg_%lld_kwaliteit_van_leven=8&pg_%lld_meedoen=5&pg_%lld_dagelijks_functioneren=6",
	         base, els, els, els, els, els, els);
	CHECK(agent_post(a, path, form, &r) == 422 && http_body_has(&r, "Vul een heel getal van 0 tot en met 10 in.") &&
	      http_body_has(&r, "Zingeving – Els de Vries") && http_body_has(&r, "value=\"11\""),
	      "evaluation PG 11: refused at the field, input kept");
	http_resp_free(&r);
	snprintf(form, sizeof form, "%s&pg_%lld_lichaamsfuncties=7", base, els);
	CHECK(agent_post(a, path, form, &r) == 422 && http_body_has(&r, "Vul alle zes dimensies in, of geen."),
	      "evaluation PG 1 of 6: all six or none");
	http_resp_free(&r);
	CHECK(db_int("SELECT count(*) FROM evaluatie WHERE plan_id = %lld", plan) == 0 &&
	      db_int("SELECT count(*) FROM gezondheid_score WHERE evaluatie_id IS NOT NULL") == 0,
	      "refused evaluations write nothing");
	snprintf(form, sizeof form, "%s&pg_%lld_lichaamsfuncties=7&pg_%lld_mentaal_welbevinden=6&pg_%lld_zingeving=6"
	         "&pg_%lld_kwaliteit_van_leven=8&pg_%lld_meedoen=5&pg_%lld_dagelijks_functioneren=+6+",
	         base, els, els, els, els, els, els);
	CHECK(agent_post(a, path, form, &r) == 303, "evaluation with PG saved (303)");
	http_resp_free(&r);
	evaluatie1 = db_int("SELECT max(id) FROM evaluatie WHERE plan_id = %lld", plan);
	/* The same form again: the plan moved on; the form comes back with
	 * the PG input kept. */
	char kept[256];
	snprintf(kept, sizeof kept, "name=\"pg_%lld_kwaliteit_van_leven\" type=\"text\" inputmode=\"numeric\""
	         " autocomplete=\"off\" value=\"8\"", els);
	CHECK(agent_post(a, path, form, &r) == 409 && http_body_has(&r, kept), "a version conflict keeps the PG input");
	http_resp_free(&r);
	CHECK(db_int("SELECT count(*) FROM gezondheid_score WHERE persoon_id = %lld AND evaluatie_id = %lld"
	             " AND intake_id IS NULL AND scored_on = '%s'", els, evaluatie1, held) == 6 &&
	      db_int("SELECT sum(score) FROM gezondheid_score WHERE evaluatie_id = %lld", evaluatie1) == 38,
	      "six rows with the evaluation; the intake's rows are kept");

	/* Two measurements: the dashed first and the solid latest polygon, the
	 * legend in words, and the table with the change. */
	snprintf(path, sizeof path, "/huishoudens/%lld/plan", hh);
	CHECK(agent_get(a, path, &r) == 200, "plan page 200 after the evaluation");
	CHECK(http_body_has(&r, "<polygon class=\"loket-pg-first\" points=\"210.0,103.0 267.2,125.0 248.1,180.0 "
	                        "210.0,235.0 181.4,174.5 162.4,130.5\"/>"),
	      "the first measurement's polygon at the hand-computed points");
	CHECK(http_body_has(&r, "<polygon class=\"loket-pg-latest\" points=\"210.0,81.0 267.2,125.0 267.2,191.0 "
	                        "210.0,246.0 162.4,185.5 152.8,125.0\"/>"),
	      "the latest measurement's polygon at the hand-computed points");
	CHECK(http_body_has(&r, "<line class=\"loket-pg-first\"") && http_body_has(&r, "Eerste meting: intake ") &&
	      http_body_has(&r, "<line class=\"loket-pg-latest-line\"") && http_body_has(&r, "Laatste meting: evaluatie ") &&
	      http_body_has(&r, "de gestreepte lijn bij de eerste meting") && http_body_has(&r, "de doorgetrokken lijn bij de laatste"),
	      "the legend: a dashed and a solid sample with their words, and the description says which is which");
	CHECK(http_body_has(&r, "<th class=\"utrecht-table__header-cell\" scope=\"row\">Lichaamsfuncties</th>"
	                        "<td class=\"utrecht-table__cell utrecht-table__cell--numeric\">5</td>"
	                        "<td class=\"utrecht-table__cell utrecht-table__cell--numeric\">7</td>"
	                        "<td class=\"utrecht-table__cell utrecht-table__cell--numeric\">+2</td>"),
	      "text alternative: dimension, first, latest, change");
	CHECK(http_body_has(&r, "scope=\"row\">Zingeving</th><td class=\"utrecht-table__cell utrecht-table__cell--numeric\">4</td>"
	                        "<td class=\"utrecht-table__cell utrecht-table__cell--numeric\">6</td>"
	                        "<td class=\"utrecht-table__cell utrecht-table__cell--numeric\">+2</td>") &&
	      http_body_has(&r, "scope=\"row\">Totaal (0-60)</th><td class=\"utrecht-table__cell utrecht-table__cell--numeric\">30</td>"
	                        "<td class=\"utrecht-table__cell utrecht-table__cell--numeric\">38</td>"
	                        "<td class=\"utrecht-table__cell utrecht-table__cell--numeric\">+8</td>"),
	      "text alternative: another row and the total 30 -> 38 (+8)");
	http_resp_free(&r);
	char ev[64];
	snprintf(ev, sizeof ev, "/evaluaties/%lld", evaluatie1);
	CHECK(agent_get(a, ev, &r) == 200 && http_body_has(&r, "class=\"loket-pg-svg\"") &&
	      http_body_has(&r, "scope=\"row\">Totaal (0-60)</th><td class=\"utrecht-table__cell utrecht-table__cell--numeric\">38</td>"),
	      "the evaluation page shows the spider web and the scores given in it");
	http_resp_free(&r);

	/* The resident's own change for the results. */
	CHECK(db_int("SELECT eerste FROM gezondheid_verandering WHERE persoon_id = %lld", els) == 30 &&
	      db_int("SELECT laatste FROM gezondheid_verandering WHERE persoon_id = %lld", els) == 38 &&
	      db_int("SELECT metingen FROM gezondheid_verandering WHERE persoon_id = %lld", els) == 2 &&
	      db_int("SELECT count(*) FROM gezondheid_verandering WHERE persoon_id = %lld", jan) == 0,
	      "view gezondheid_verandering: first 30, latest 38, two measurements; none for Jan");
	char *err = NULL;
	if (db_init(S.db, &err) != 0) {
		T_FAIL("db_init", "%s", err ? err : "?");
		free(err);
		return;
	}
	db *d = db_get();
	int eerste = -1, laatste = -1;
	bool has = false;
	CHECK(d && db_gezondheid_verandering(d, els, &eerste, &laatste, &has) == DB_OK && has && eerste == 30 &&
	      laatste == 38, "db_gezondheid_verandering: 30 at the intake, 38 at the latest (got %d, %d)", eerste, laatste);
	CHECK(d && db_gezondheid_verandering(d, jan, &eerste, &laatste, &has) == DB_OK && !has && eerste == 0 &&
	      laatste == 0, "db_gezondheid_verandering: no measurement, has false");
	db_close_all();
}

static void test_api(struct agent *a)
{
	char path[128], body[1024];
	struct http_resp r;
	json_t *j = NULL;
	snprintf(path, sizeof path, "/api/v1/huishoudens/%lld/intakes", hh_api);
	const char *bad[] = {
		"{\"persoon_id\": %lld, \"lichaamsfuncties\": 11, \"mentaal_welbevinden\": 5, \"zingeving\": 5,"
		" \"kwaliteit_van_leven\": 5, \"meedoen\": 5, \"dagelijks_functioneren\": 5}",
		"{\"persoon_id\": %lld, \"lichaamsfuncties\": 5, \"mentaal_welbevinden\": 5, \"zingeving\": 5,"
		" \"kwaliteit_van_leven\": 5, \"meedoen\": 5}",
		"{\"persoon_id\": %lld, \"lichaamsfuncties\": \"a\", \"mentaal_welbevinden\": 5, \"zingeving\": 5,"
		" \"kwaliteit_van_leven\": 5, \"meedoen\": 5, \"dagelijks_functioneren\": 5}",
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		char item[512];
		snprintf(item, sizeof item, bad[i], api_person);
		snprintf(body, sizeof body, "{\"gehouden_op\": \"%s\", \"vraag_achter_de_vraag\": \"Meedoen\","
		         " \"deelnemers\": [{\"soort\": \"persoon\", \"id\": %lld}], \"scores\": [{\"persoon_id\": %lld,"
		         " \"leefgebied\": \"tijdsbesteding\", \"score\": 2}], \"positieve_gezondheid\": [%s]}",
		         intake_day, api_person, api_person, item);
		int st = agent_api(a, "POST", path, body, &r, &j);
		const char *msg = json_string_value(json_object_get(json_object_get(j, "fields"), "positieve_gezondheid"));
		if (!msg)
			msg = json_string_value(json_object_get(json_object_get(json_object_get(j, "error"), "fields"),
			                                        "positieve_gezondheid"));
		CHECK(st == 422 && (msg || strstr(r.body, "positieve_gezondheid")), "API: bad PG set %zu refused (422)", i + 1);
		CHECK(strstr(r.body, i == 1 ? "Vul alle zes dimensies in, of geen." : "Vul een heel getal van 0 tot en met 10 in."),
		      "API: bad PG set %zu: the Dutch message", i + 1);
		json_decref(j);
		http_resp_free(&r);
	}
	CHECK(db_int("SELECT count(*) FROM intake WHERE huishouden_id = %lld", hh_api) == 0 && count_all() == 12,
	      "API: refused input writes nothing");
	snprintf(body, sizeof body, "{\"gehouden_op\": \"%s\", \"vraag_achter_de_vraag\": \"Meedoen\","
	         " \"deelnemers\": [{\"soort\": \"persoon\", \"id\": %lld}], \"scores\": [{\"persoon_id\": %lld,"
	         " \"leefgebied\": \"tijdsbesteding\", \"score\": 2}], \"positieve_gezondheid\": [{\"persoon_id\": %lld,"
	         " \"lichaamsfuncties\": 4, \"mentaal_welbevinden\": 3, \"zingeving\": 2, \"kwaliteit_van_leven\": 5,"
	         " \"meedoen\": 1, \"dagelijks_functioneren\": 6}]}", intake_day, api_person, api_person, api_person);
	CHECK(agent_api(a, "POST", path, body, &r, &j) == 201, "API: intake with PG created (201)");
	json_t *got = json_array_get(json_object_get(j, "positieve_gezondheid"), 0);
	CHECK(json_array_size(json_object_get(j, "positieve_gezondheid")) == 1 &&
	      json_integer_value(json_object_get(got, "persoon_id")) == api_person &&
	      json_integer_value(json_object_get(got, "meedoen")) == 1 &&
	      json_integer_value(json_object_get(got, "dagelijks_functioneren")) == 6,
	      "API: the intake's answer carries its positieve_gezondheid as the input had it");
	json_decref(j);
	http_resp_free(&r);
	CHECK(db_int("SELECT count(*) FROM gezondheid_score WHERE persoon_id = %lld AND intake_id IS NOT NULL", api_person) == 6 &&
	      db_int("SELECT sum(score) FROM gezondheid_score WHERE persoon_id = %lld", api_person) == 21,
	      "API: the six scores stored with the intake");
}

static void test_access(struct agent *other)
{
	char path[128];
	struct http_resp r;
	snprintf(path, sizeof path, "/huishoudens/%lld/plan", hh);
	int st = agent_get(other, path, &r);
	CHECK(st != 200 && !http_body_has(&r, "loket-pg-svg") && !http_body_has(&r, "Positieve Gezondheid van Els"),
	      "need-to-know: without access to the household no spider web (status %d)", st);
	http_resp_free(&r);
	snprintf(path, sizeof path, "/evaluaties/%lld", evaluatie1);
	st = agent_get(other, path, &r);
	CHECK(st != 200 && !http_body_has(&r, "loket-pg-svg"), "need-to-know: nor on the evaluation page (status %d)", st);
	http_resp_free(&r);
}

static void test_inzage_purge(struct agent *priv)
{
	char path[128];
	struct http_resp r;
	snprintf(path, sizeof path, "/privacy/personen/%lld/inzage", els);
	CHECK(agent_get(priv, path, &r) == 200, "inzage 200");
	json_t *j = r.body ? json_loads(r.body, 0, NULL) : NULL;
	json_t *pg = json_object_get(j, "positieve_gezondheid");
	CHECK(json_array_size(pg) == 12 && json_object_get(json_array_get(pg, 0), "dimensie"),
	      "inzage: the person's twelve PG scores with their dimension");
	json_decref(j);
	http_resp_free(&r);

	/* Closed four years ago: due for destruction. */
	CHECK(db_exec("UPDATE plan SET status = 'afgesloten', closed_on = '2021-01-01', close_reason = 'doel_bereikt'"
	              " WHERE huishouden_id = %lld;"
	              "UPDATE huishouden SET status = 'afgesloten', close_reason = 'doel_bereikt',"
	              " closed_at = CAST(strftime('%%s', 'now', '-4 years') AS INTEGER) WHERE id = %lld", hh, hh) == 0,
	      "purge setup: the household closed four years ago");
	snprintf(path, sizeof path, "/privacy/bewaren/%lld/vernietigen", hh);
	int st = agent_post(priv, path, "bevestigd=1", &r);
	CHECK(st == 303, "purge: confirmed (status %d)", st);
	http_resp_free(&r);
	CHECK(db_int("SELECT count(*) FROM gezondheid_score WHERE persoon_id IN (%lld, %lld)", jan, els) == 0 &&
	      db_int("SELECT count(*) FROM persoon WHERE id = %lld", els) == 0,
	      "purge: the PG scores are gone with the household");
	CHECK(db_int("SELECT count(*) FROM gezondheid_score WHERE persoon_id = %lld", api_person) == 6,
	      "purge: another household's scores stay");
}

int main(void)
{
	if (ts_start(&S, (const char *const[]){"--cookie-insecure", NULL}) != 0) {
		T_FAIL("server start", "see %s", S.log);
		T_EXIT();
	}
	CHECK(ts_db_exec(&S, "%s", "UPDATE medewerker SET team_id = (SELECT id FROM team WHERE name = 'Team Nijkerk-Zuid')"
	                           " WHERE username = 'gebiedsteam'") == 0, "the gebiedsteam member works in Team Zuid");
	day(-60, intake_day);
	day(-1, held);
	day(40, next_day);
	CHECK(fixtures(), "fixtures: two households");
	struct agent cons, gebied, priv;
	CHECK(agent_sign_in(&cons, &S, U_CONSULENT), "consulent signs in");
	CHECK(agent_sign_in(&gebied, &S, U_GEBIEDSTEAM), "gebiedsteam member signs in");
	CHECK(agent_sign_in(&priv, &S, U_PRIVACY), "privacy officer signs in");

	test_intake(&cons);
	test_evaluation(&cons);
	test_api(&cons);
	test_access(&gebied);
	test_inzage_purge(&priv);

	CHECK(ts_stop(&S) == 0, "server stops cleanly");
	T_EXIT();
}
