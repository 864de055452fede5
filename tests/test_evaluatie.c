/* test_evaluatie.c - evaluating a plan with new ZRM scores and the
 * progress chart, closing a case (refused while agreements or
 * voorzieningen are open, listing them; allowed once everything is ended),
 * moreel beraad, and their JSON API, against the real server: HTML flows,
 * validation with input kept, version conflicts, need-to-know and audit
 * rows.  Plans, goals, agreements and voorzieningen are set up with SQL:
 * other modules own their forms. */
#include <jansson.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db.h"
#include "db_evaluatie.h"
#include "http_client.h"
#include "testutil.h"

static struct test_server S;

#define db_int(...) ts_db_int(&S, __VA_ARGS__)
#define db_exec(...) ts_db_exec(&S, __VA_ARGS__)

/* ---- clients ------------------------------------------------------------- */

/* Signed-in clients (tests/http_client.h). */
#define sign_in(w, user) agent_sign_in((w), &S, (user))
#define get agent_get
#define post agent_post
#define api agent_api

static const char *jstr(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static long long jint(json_t *o, const char *key)
{
	return json_integer_value(json_object_get(o, key));
}

/* The date offset days from today, counted from local noon so the date
 * is certain whatever the hour the test runs (and across a DST change). */
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

static void day_nl(const char iso[11], char out[11])
{
	snprintf(out, 11, "%.2s-%.2s-%.4s", iso + 8, iso + 5, iso);
}

static long long audit_count(const char *action, long long object_id)
{
	return db_int("SELECT count(*) FROM audit WHERE action = '%s' AND object_id = %lld", action, object_id);
}

/* ---- fixtures -------------------------------------------------------------- */

static long long id_consulent, id_gebied;
static long long hh, jan, els, plan, goal_werk, goal_mantelzorg, goal_geld, afspraak, voorz_maatwerk, voorz_algemeen;
static long long hh_other, plan_other, hh_third, hh_foreign_goal;
static char intake_day[11], held[11], next_day[11], planned[11], tomorrow[11];

static bool fixtures(void)
{
	id_consulent = db_int("SELECT id FROM medewerker WHERE username = '%s'", S.users[U_CONSULENT].username);
	id_gebied = db_int("SELECT id FROM medewerker WHERE username = '%s'", S.users[U_GEBIEDSTEAM].username);
	/* The De Vries household, registered by the consulent (no regisseur
	 * yet: the registering employee has access, the gebiedsteam member
	 * has none). */
	if (db_exec("INSERT INTO huishouden(street, house_number, postcode, city, opened_at, status)"
	            " VALUES ('Kerkstraat', 12, '3861 AB', 'Nijkerk', 1700000000, 'plan_actief')") != 0)
		return false;
	hh = db_int("SELECT max(id) FROM huishouden");
	if (db_exec("INSERT INTO persoon(huishouden_id, first_name, name_prefix, last_name, birth_date, role)"
	            " VALUES (%lld, 'Jan', 'de', 'Vries', '1971-03-02', 'ouder'),"
	            " (%lld, 'Els', 'de', 'Vries', '1975-06-20', 'partner')", hh, hh) != 0 ||
	    db_exec("INSERT INTO aanmelding(huishouden_id, channel, medium, question, urgency, safety_concern,"
	            " received_at, created_by, status) VALUES (%lld, 'inwoner_zelf', 'balie', 'Jan heeft zijn baan"
	            " verloren', 'normaal', 0, 1700000000, %lld, 'in_behandeling')", hh, id_consulent) != 0)
		return false;
	jan = db_int("SELECT id FROM persoon WHERE first_name = 'Jan' AND huishouden_id = %lld", hh);
	els = db_int("SELECT id FROM persoon WHERE first_name = 'Els' AND huishouden_id = %lld", hh);
	/* The intake with its scores. */
	if (db_exec("INSERT INTO intake(huishouden_id, held_on, question_behind, safety_concern, created_by, created_at)"
	            " VALUES (%lld, '%s', 'Jan wil weer werken; Els wil ontlast worden', 0, %lld, 1700000000)",
	            hh, intake_day, id_consulent) != 0)
		return false;
	long long intake = db_int("SELECT max(id) FROM intake");
	if (db_exec("INSERT INTO zrm_score(persoon_id, domain, score, scored_on, intake_id, created_by, created_at)"
	            " VALUES (%lld, 'financien', 2, '%s', %lld, %lld, 1700000000),"
	            " (%lld, 'werk_en_opleiding', 1, '%s', %lld, %lld, 1700000000),"
	            " (%lld, 'huiselijke_relaties', 3, '%s', %lld, %lld, 1700000000)",
	            jan, intake_day, intake, id_consulent, jan, intake_day, intake, id_consulent, els, intake_day,
	            intake, id_consulent) != 0)
		return false;
	/* The plan, vastgesteld, with three goals, an agreement and two
	 * voorzieningen. */
	if (db_exec("INSERT INTO plan(huishouden_id, status, agreed_on, agreed_how, next_evaluation, created_by,"
	            " created_at) VALUES (%lld, 'vastgesteld', '%s', 'mondeling', '%s', %lld, 1700000000)",
	            hh, intake_day, planned, id_consulent) != 0)
		return false;
	plan = db_int("SELECT id FROM plan WHERE huishouden_id = %lld", hh);
	if (db_exec("INSERT INTO doel(plan_id, persoon_id, domain, wish, target_date, status, created_by, created_at)"
	            " VALUES (%lld, %lld, 'werk_en_opleiding', 'Ik wil weer aan het werk', '2030-01-01', 'open', %lld, 1),"
	            " (%lld, %lld, 'huiselijke_relaties', 'Ik wil de zorg voor Roos en oma volhouden', '2030-01-01',"
	            " 'bezig', %lld, 1),"
	            " (%lld, NULL, 'financien', 'Rondkomen van de WW', '2030-01-01', 'open', %lld, 1)",
	            plan, jan, id_consulent, plan, els, id_consulent, plan, id_consulent) != 0)
		return false;
	goal_werk = db_int("SELECT id FROM doel WHERE plan_id = %lld AND domain = 'werk_en_opleiding'", plan);
	goal_mantelzorg = db_int("SELECT id FROM doel WHERE plan_id = %lld AND domain = 'huiselijke_relaties'", plan);
	goal_geld = db_int("SELECT id FROM doel WHERE plan_id = %lld AND domain = 'financien'", plan);
	if (db_exec("INSERT INTO afspraak(doel_id, who_kind, persoon_id, what, due_date, created_by, created_at)"
	            " VALUES (%lld, 'inwoner', %lld, 'Jan meldt zich bij het werkplein', '2030-02-01', %lld, 1)",
	            goal_werk, jan, id_consulent) != 0 ||
	    db_exec("INSERT INTO aanbieder(name, kind) VALUES ('Zorg Thuis Nijkerk', 'thuiszorg')") != 0 ||
	    db_exec("INSERT INTO product(category, code, name, legal_basis) VALUES ('02', '02A01', 'Hulp bij het"
	            " huishouden', 'wmo2015')") != 0 ||
	    db_exec("INSERT INTO sociale_kaart(name, kind) VALUES ('Mantelzorgsteunpunt', 'steunpunt')") != 0)
		return false;
	afspraak = db_int("SELECT max(id) FROM afspraak");
	long long aanbieder = db_int("SELECT max(id) FROM aanbieder"), product = db_int("SELECT max(id) FROM product");
	long long kaart = db_int("SELECT max(id) FROM sociale_kaart");
	if (db_exec("INSERT INTO voorziening(huishouden_id, persoon_id, doel_id, kind, decision_date, legal_basis,"
	            " aanbieder_id, product_id, volume, unit, frequency, start_date, end_date, cost_cents, status,"
	            " created_by, created_at) VALUES (%lld, %lld, %lld, 'maatwerk', '%s', 'wmo2015', %lld, %lld, 3,"
	            " 'uur', 'per_week', '%s', '2030-06-30', 120000, 'gestart', %lld, 1)",
	            hh, els, goal_mantelzorg, intake_day, aanbieder, product, intake_day, id_consulent) != 0 ||
	    db_exec("INSERT INTO voorziening(huishouden_id, kind, sociale_kaart_id, start_date, end_date, status,"
	            " created_by, created_at) VALUES (%lld, 'algemeen', %lld, '%s', '2030-06-30', 'toegekend', %lld, 1)",
	            hh, kaart, intake_day, id_consulent) != 0 ||
	    db_exec("INSERT INTO voorziening(huishouden_id, kind, sociale_kaart_id, start_date, end_date, status,"
	            " created_by, created_at) VALUES (%lld, 'algemeen', %lld, '%s', '2030-06-30', 'afgewezen', %lld, 1)",
	            hh, kaart, intake_day, id_consulent) != 0)
		return false;
	voorz_maatwerk = db_int("SELECT id FROM voorziening WHERE kind = 'maatwerk' AND huishouden_id = %lld", hh);
	voorz_algemeen = db_int("SELECT id FROM voorziening WHERE kind = 'algemeen' AND status = 'toegekend'"
	                        " AND huishouden_id = %lld", hh);
	/* A household whose regisseur is the gebiedsteam member, with a plan
	 * still in concept. */
	if (db_exec("INSERT INTO huishouden(street, house_number, postcode, city, opened_at, regisseur_id)"
	            " VALUES ('Molenweg', 3, '3862 CD', 'Nijkerk', 1700000000, %lld)", id_gebied) != 0)
		return false;
	hh_other = db_int("SELECT max(id) FROM huishouden");
	if (db_exec("INSERT INTO plan(huishouden_id, created_by, created_at) VALUES (%lld, %lld, 1)", hh_other,
	            id_gebied) != 0 ||
	    db_exec("INSERT INTO persoon(huishouden_id, first_name, last_name, birth_date, role)"
	            " VALUES (%lld, 'Bennie', 'Bos', '1968-01-01', 'overig')", hh_other) != 0)
		return false;
	plan_other = db_int("SELECT id FROM plan WHERE huishouden_id = %lld", hh_other);
	if (db_exec("INSERT INTO doel(plan_id, domain, wish, target_date, created_by, created_at)"
	            " VALUES (%lld, 'tijdsbesteding', 'Vrijwilligerswerk', '2030-01-01', %lld, 1)", plan_other,
	            id_gebied) != 0)
		return false;
	hh_foreign_goal = db_int("SELECT max(id) FROM doel");
	/* A household without a plan, registered by the consulent. */
	if (db_exec("INSERT INTO huishouden(street, house_number, postcode, city, opened_at)"
	            " VALUES ('Dorpsstraat', 8, '3861 CC', 'Nijkerk', 1700000000)") != 0)
		return false;
	hh_third = db_int("SELECT max(id) FROM huishouden");
	if (db_exec("INSERT INTO aanmelding(huishouden_id, channel, medium, question, urgency, safety_concern,"
	            " received_at, created_by) VALUES (%lld, 'inwoner_zelf', 'telefoon', 'Vraag over de buren',"
	            " 'normaal', 0, 1700000000, %lld)", hh_third, id_consulent) != 0)
		return false;
	return jan > 0 && els > 0 && plan > 0 && goal_geld > 0 && afspraak > 0 && voorz_maatwerk > 0 &&
	       voorz_algemeen > 0 && plan_other > 0 && hh_third > 0;
}

/* ---- evaluation (HTML) ---------------------------------------------------- */

static long long evaluatie1;

/* The goal fields of the form for one goal. */
static void goal_form(char *out, size_t n, long long goal, const char *reached, const char *status, int version)
{
	size_t len = strlen(out);
	snprintf(out + len, n - len, "&doel_%lld_bereikt=%s&doel_%lld_status=%s&doel_%lld_versie=%d", goal, reached,
	         goal, status, goal, version);
}

static void test_evaluation(struct agent *a, struct agent *b, struct agent *gebied)
{
	struct http_resp r;
	char path[256], form[4096], loc[256];
	snprintf(path, sizeof path, "/plannen/%lld/evaluaties/nieuw", plan);

	CHECK(get(gebied, path, &r) == 303 && http_header(&r, "Location", loc, sizeof loc) && strstr(loc, "/toegang"),
	      "need-to-know: without a role the evaluation form leads to the exception form");
	http_resp_free(&r);
	CHECK(get(a, "/plannen/999999/evaluaties/nieuw", &r) == 404, "unknown plan: 404");
	http_resp_free(&r);
	char other[128];
	snprintf(other, sizeof other, "/plannen/%lld/evaluaties/nieuw", plan_other);
	CHECK(get(gebied, other, &r) == 409 && http_body_has(&r, "alleen een vastgesteld"),
	      "a plan in concept cannot be evaluated (409 with the reason)");
	http_resp_free(&r);

	CHECK(get(a, path, &r) == 200, "evaluation form 200");
	char want[256];
	snprintf(want, sizeof want, "id=\"gepland_op\" name=\"gepland_op\" type=\"date\" required value=\"%s\"", planned);
	CHECK(http_body_has(&r, want), "planned date defaults to the plan's next evaluation");
	CHECK(http_body_has(&r, "Werk en opleiding: Ik wil weer aan het werk") &&
	      http_body_has(&r, "Huiselijke relaties: Ik wil de zorg voor Roos en oma volhouden") &&
	      http_body_has(&r, "Financiën: Rondkomen van de WW"), "every running goal has its fieldset");
	snprintf(want, sizeof want, "name=\"doel_%lld_versie\" value=\"1\"", goal_werk);
	CHECK(http_body_has(&r, want), "each goal carries its version");
	CHECK(http_body_has(&r, "name=\"versie\" value=\"1\""), "the form carries the plan's version");
	char intake_nl[11];
	day_nl(intake_day, intake_nl);
	snprintf(want, sizeof want, "2 – niet zelfredzaam (%s)", intake_nl);
	CHECK(http_body_has(&r, want), "the previous score is shown next to the new one");
	snprintf(want, sizeof want, "<span class=\"loket-sub loket-zrm-vorige\">vorige: 2 – niet zelfredzaam (%s)</span>"
	         "<select class=\"utrecht-select utrecht-select--html-select loket-zrm-select\" id=\"zrm_%lld_financien\"",
	         intake_nl, jan);
	CHECK(http_body_has(&r, "loket-zrm-matrix") && http_body_has(&r, want),
	      "one matrix, each cell the previous score above its new score control (issue 13 item 5)");
	snprintf(want, sizeof want, "name=\"zrm_%lld_financien\"", jan);
	CHECK(http_body_has(&r, want), "score fields per person and domain, as in the intake");
	CHECK(http_body_has(&r, "<legend class=\"utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend\">Nieuwe scores"),
	      "scores are a fieldset with a legend");
	CHECK(!http_body_has(&r, "<script"), "no script on the evaluation form");
	http_resp_free(&r);
	CHECK(audit_count("evaluatie.form", plan) == 1, "evaluation form view audited");

	/* Invalid: future date, missing text, next date before, no scores. */
	snprintf(form, sizeof form, "versie=1&gepland_op=%s&gehouden_op=%s&samenvatting=Goed+%%3Cbezig%%3E"
	                            "&volgende_evaluatie=%s", planned, tomorrow, intake_day);
	goal_form(form, sizeof form, goal_werk, "", "bezig", 1);
	goal_form(form, sizeof form, goal_mantelzorg, "Els+heeft+hulp", "onbekend", 1);
	goal_form(form, sizeof form, goal_geld, "Schulden+op+orde", "bereikt", 1);
	CHECK(post(a, path, form, &r) == 422, "invalid evaluation: 422");
	CHECK(http_body_has(&r, "Deze datum mag niet in de toekomst liggen."), "held date in the future refused");
	CHECK(http_body_has(&r, "Dit veld is verplicht."), "what was reached is required per goal");
	CHECK(http_body_has(&r, "Kies een van de mogelijkheden."), "unknown goal status refused");
	CHECK(http_body_has(&r, "Geef voor minstens één persoon op minstens één leefgebied een nieuwe score."),
	      "at least one new score required");
	CHECK(http_body_has(&r, "Goed &lt;bezig&gt;") && http_body_has(&r, "Els heeft hulp"),
	      "input kept and escaped");
	CHECK(http_body_has(&r, "aria-invalid=\"true\""), "fields in error are marked for assistive technology");
	http_resp_free(&r);
	snprintf(form, sizeof form, "versie=1&gepland_op=%s&gehouden_op=%s&samenvatting=Goed&zrm_%lld_financien=3",
	         planned, held, jan);
	goal_form(form, sizeof form, goal_werk, "Sollicitaties", "bezig", 1);
	goal_form(form, sizeof form, goal_mantelzorg, "Hulp", "bezig", 1);
	goal_form(form, sizeof form, goal_geld, "Rond", "bereikt", 1);
	CHECK(post(a, path, form, &r) == 422 && http_body_has(&r, "Vul de datum van de volgende evaluatie in"),
	      "the next date is required while the plan continues");
	http_resp_free(&r);
	snprintf(form + strlen(form), sizeof form - strlen(form), "&volgende_evaluatie=%s", held);
	CHECK(post(a, path, form, &r) == 422 && http_body_has(&r, "De volgende evaluatie moet na de datum"),
	      "the next date must be after the held date");
	http_resp_free(&r);
	CHECK(db_int("SELECT count(*) FROM evaluatie") == 0, "nothing stored after refused input");

	/* The De Vries evaluation. */
	snprintf(form, sizeof form, "versie=1&gepland_op=%s&gehouden_op=%s&samenvatting=Jan+solliciteert%%3B+Els+"
	                            "heeft+hulp+in+huis&volgende_evaluatie=%s&zrm_%lld_financien=3"
	                            "&zrm_%lld_werk_en_opleiding=2&zrm_%lld_huiselijke_relaties=2"
	                            "&zrm_%lld_sociaal_netwerk=3&zrm_%lld_justitie=",
	         planned, held, next_day, jan, jan, els, els, jan);
	goal_form(form, sizeof form, goal_werk, "Jan+heeft+drie+sollicitaties+verstuurd", "bezig", 1);
	goal_form(form, sizeof form, goal_mantelzorg, "Huishoudelijke+hulp+ontlast+Els", "deels_bereikt", 1);
	goal_form(form, sizeof form, goal_geld, "Budget+rond", "bereikt", 1);
	CHECK(post(a, path, form, &r) == 303, "evaluation saved (303)");
	evaluatie1 = db_int("SELECT max(id) FROM evaluatie");
	snprintf(want, sizeof want, "/evaluaties/%lld", evaluatie1);
	CHECK(http_header(&r, "Location", loc, sizeof loc) && strcmp(loc, want) == 0, "redirect to the evaluation");
	http_resp_free(&r);
	CHECK(db_int("SELECT count(*) FROM evaluatie WHERE id = %lld AND plan_id = %lld AND held_on = '%s'"
	             " AND planned_on = '%s' AND next_date = '%s'", evaluatie1, plan, held, planned, next_day) == 1,
	      "evaluation row with planned, held and next date");
	CHECK(db_int("SELECT count(*) FROM evaluatie_doel WHERE evaluatie_id = %lld", evaluatie1) == 3,
	      "one evaluatie_doel row per goal");
	CHECK(db_int("SELECT count(*) FROM evaluatie_doel WHERE evaluatie_id = %lld AND doel_id = %lld"
	             " AND reached = 'Huishoudelijke hulp ontlast Els' AND status = 'deels_bereikt'",
	             evaluatie1, goal_mantelzorg) == 1, "what was reached is stored per goal");
	CHECK(db_int("SELECT count(*) FROM zrm_score WHERE evaluatie_id = %lld AND scored_on = '%s'", evaluatie1,
	             held) == 4, "new scores stored with the evaluation, dated the held date");
	CHECK(db_int("SELECT count(*) FROM zrm_score WHERE intake_id IS NOT NULL") == 3 &&
	      db_int("SELECT score FROM zrm_score WHERE persoon_id = %lld AND domain = 'financien' AND intake_id"
	             " IS NOT NULL", jan) == 2, "intake scores are kept, never overwritten");
	CHECK(db_int("SELECT count(*) FROM doel WHERE id = %lld AND status = 'bereikt' AND version = 2", goal_geld) == 1 &&
	      db_int("SELECT count(*) FROM doel WHERE id = %lld AND status = 'deels_bereikt' AND version = 2",
	             goal_mantelzorg) == 1, "goals get their new status and a new version");
	CHECK(db_int("SELECT count(*) FROM plan WHERE id = %lld AND status = 'geevalueerd' AND next_evaluation = '%s'"
	             " AND version = 2", plan, next_day) == 1, "plan geevalueerd with the next evaluation date");
	CHECK(audit_count("evaluatie.create", evaluatie1) == 1 && audit_count("plan.evalueren", plan) == 1 &&
	      audit_count("doel.status", goal_werk) == 1 && audit_count("doel.status", goal_geld) == 1,
	      "evaluation, plan and goal changes audited");
	CHECK(db_int("SELECT huishouden_id FROM audit WHERE action = 'evaluatie.create' AND object_id = %lld",
	             evaluatie1) == hh, "audit rows carry the household");

	/* The same form again: the plan is at version 2 now. */
	CHECK(post(b, path, form, &r) == 409, "a second save with the old versions is refused (409)");
	CHECK(http_body_has(&r, "intussen door iemand anders gewijzigd"), "the conflict says why");
	CHECK(http_body_has(&r, "Jan heeft drie sollicitaties verstuurd"), "the conflict keeps the input");
	CHECK(http_body_has(&r, "name=\"versie\" value=\"2\""), "the conflict form carries the current version");
	CHECK(!http_body_has(&r, "Rondkomen van de WW"), "a goal reached meanwhile is no longer evaluated");
	http_resp_free(&r);
	CHECK(db_int("SELECT count(*) FROM evaluatie") == 1, "the refused save stored nothing");
	CHECK(post(a, path, "gehouden_op=2026-01-01", &r) == 400, "a form without the version is a bad request");
	http_resp_free(&r);

	/* The evaluation page with the progress chart. */
	CHECK(get(a, want, &r) == 200, "evaluation page 200");
	CHECK(http_body_has(&r, "Jan solliciteert; Els heeft hulp in huis") &&
	      http_body_has(&r, "Huishoudelijke hulp ontlast Els") && http_body_has(&r, "Deels bereikt"),
	      "the page shows the summary and per goal what was reached");
	snprintf(want, sizeof want, "aria-labelledby=\"zrm-voortgang-%lld-titel zrm-voortgang-%lld-uitleg\"", jan, jan);
	CHECK(http_body_has(&r, "<svg") && http_body_has(&r, "role=\"img\"") && http_body_has(&r, want),
	      "progress chart is an SVG with role=img and aria-labelledby");
	snprintf(want, sizeof want, "<title id=\"zrm-voortgang-%lld-titel\">ZRM-voortgang van Jan de Vries", jan);
	CHECK(http_body_has(&r, want), "the chart has a title");
	CHECK(http_body_has(&r, "points=\"290,75 390,75 390,66\""),
	      "financiën of Jan: a step from 2 (intake) to 3 (evaluation), coordinates computed in C");
	CHECK(http_body_has(&r, "points=\"290,136 390,136 390,127\""), "werk en opleiding: from 1 to 2");
	CHECK(http_body_has(&r, "<caption class=\"utrecht-table__caption\">ZRM-scores van Jan de Vries per datum</caption>"),
	      "a table beside the chart is its text alternative");
	char held_nl[11];
	day_nl(held, held_nl);
	snprintf(want, sizeof want, "%s (intake)", intake_nl);
	char want2[64];
	snprintf(want2, sizeof want2, "%s (evaluatie)", held_nl);
	CHECK(http_body_has(&r, want) && http_body_has(&r, want2), "the table has the intake and evaluation dates");
	CHECK(http_body_has(&r, "<td class=\"utrecht-table__cell\">Niet gescoord</td><td class=\"utrecht-table__cell\">3 – beperkt zelfredzaam</td>"),
	      "a domain first scored at the evaluation shows 'Niet gescoord' at the intake");
	CHECK(!http_body_has(&r, "<script"), "no script on the evaluation page");
	http_resp_free(&r);
	CHECK(audit_count("evaluatie.view", evaluatie1) == 1, "evaluation view audited");
	CHECK(get(a, "/evaluaties/999999", &r) == 404, "unknown evaluation: 404");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/evaluaties/%lld", evaluatie1);
	CHECK(get(gebied, path, &r) == 303, "need-to-know: the evaluation page needs a role in the household");
	http_resp_free(&r);
}

/* ---- evaluation and progress (API) -------------------------------------------- */

static void test_evaluation_api(struct agent *a, struct agent *gebied)
{
	struct http_resp r;
	json_t *j;
	char path[256], body[2048];
	snprintf(path, sizeof path, "/api/v1/plannen/%lld/evaluaties", plan);
	CHECK(api(a, "GET", path, NULL, &r, &j) == 200 && json_array_size(json_object_get(j, "evaluaties")) == 1 &&
	      strcmp(jstr(j, "plan_status"), "geevalueerd") == 0 && jint(j, "versie") == 2,
	      "API: evaluations of a plan with its status and version");
	http_resp_free(&r);
	json_decref(j);
	CHECK(audit_count("evaluatie.list", plan) == 1, "API list audited");
	CHECK(api(gebied, "GET", path, NULL, &r, NULL) == 403, "API: no role in the household: 403");
	http_resp_free(&r);
	CHECK(api(a, "GET", "/api/v1/plannen/999999/evaluaties", NULL, &r, NULL) == 404, "API: unknown plan: 404");
	http_resp_free(&r);

	char one[128];
	snprintf(one, sizeof one, "/api/v1/evaluaties/%lld", evaluatie1);
	CHECK(api(a, "GET", one, NULL, &r, &j) == 200 && json_array_size(json_object_get(j, "doelen")) == 3 &&
	      json_array_size(json_object_get(j, "scores")) == 4 && strcmp(jstr(j, "gehouden_op"), held) == 0 &&
	      strcmp(jstr(j, "volgende_evaluatie"), next_day) == 0, "API: one evaluation with goals and scores");
	http_resp_free(&r);
	json_decref(j);
	CHECK(api(a, "GET", "/api/v1/evaluaties/999999", NULL, &r, NULL) == 404, "API: unknown evaluation: 404");
	http_resp_free(&r);

	/* Validation. */
	CHECK(api(a, "POST", path, "{}", &r, &j) == 422, "API: empty evaluation: 422");
	json_t *f = json_object_get(json_object_get(j, "error"), "fields");
	CHECK(jstr(f, "gehouden_op") && jstr(f, "samenvatting") && jstr(f, "versie") && jstr(f, "doelen") &&
	      jstr(f, "scores") && jstr(f, "volgende_evaluatie"), "API: every missing part named");
	http_resp_free(&r);
	json_decref(j);
	snprintf(body, sizeof body, "{\"versie\": 2, \"gepland_op\": \"%s\", \"gehouden_op\": \"%s\","
	                            " \"samenvatting\": \"Tweede\", \"volgende_evaluatie\": \"2031-01-01\","
	                            " \"doelen\": [{\"doel_id\": %lld, \"versie\": 1, \"bereikt\": \"x\", \"status\": \"bezig\"}],"
	                            " \"scores\": [{\"persoon_id\": %lld, \"leefgebied\": \"financien\", \"score\": 4}]}",
	         next_day, held, goal_geld, jan);
	CHECK(api(a, "POST", path, body, &r, &j) == 422 &&
	      strstr(jstr(json_object_get(json_object_get(j, "error"), "fields"), "doelen"), "geen lopend doel"),
	      "API: a goal that is not running is refused");
	http_resp_free(&r);
	json_decref(j);
	snprintf(body, sizeof body, "{\"versie\": 2, \"gepland_op\": \"%s\", \"gehouden_op\": \"%s\","
	                            " \"samenvatting\": \"Tweede\", \"volgende_evaluatie\": \"2031-01-01\","
	                            " \"doelen\": [{\"doel_id\": %lld, \"versie\": 2, \"bereikt\": \"Werk gevonden\", \"status\": \"bereikt\"},"
	                            " {\"doel_id\": %lld, \"versie\": 2, \"bereikt\": \"Stabiel\", \"status\": \"bezig\"}],"
	                            " \"scores\": [{\"persoon_id\": 999999, \"leefgebied\": \"financien\", \"score\": 4}]}",
	         next_day, held, goal_werk, goal_mantelzorg);
	CHECK(api(a, "POST", path, body, &r, &j) == 422 &&
	      strstr(jstr(json_object_get(json_object_get(j, "error"), "fields"), "scores"), "hoort niet bij"),
	      "API: a score for someone outside the household is refused");
	http_resp_free(&r);
	json_decref(j);

	/* A second evaluation through the API; the plan then ends. */
	snprintf(body, sizeof body, "{\"versie\": 2, \"gepland_op\": \"%s\", \"gehouden_op\": \"%s\","
	                            " \"samenvatting\": \"Jan werkt; de zorg is te dragen\", \"plan_afronden\": true,"
	                            " \"doelen\": [{\"doel_id\": %lld, \"versie\": 2, \"bereikt\": \"Werk gevonden\", \"status\": \"bereikt\"},"
	                            " {\"doel_id\": %lld, \"versie\": 2, \"bereikt\": \"Stabiel\", \"status\": \"bereikt\"}],"
	                            " \"scores\": [{\"persoon_id\": %lld, \"leefgebied\": \"werk_en_opleiding\", \"score\": 4}]}",
	         next_day, held, goal_werk, goal_mantelzorg, jan);
	/* The plan's version in the body is stale: 409 with the versions now. */
	char *stale = strdup(body);
	memcpy(strstr(stale, "\"versie\": 2"), "\"versie\": 1", 11);
	CHECK(api(a, "POST", path, stale, &r, &j) == 409 &&
	      strcmp(jstr(json_object_get(j, "error"), "code"), "conflict") == 0 &&
	      jint(json_object_get(j, "huidig"), "versie") == 2 &&
	      json_array_size(json_object_get(json_object_get(j, "huidig"), "doelen")) == 2,
	      "API: stale version: 409 with the plan and goal versions now");
	http_resp_free(&r);
	json_decref(j);
	free(stale);
	CHECK(db_int("SELECT count(*) FROM evaluatie") == 1, "API: the refused evaluation stored nothing");
	CHECK(api(a, "POST", path, body, &r, &j) == 201 && json_array_size(json_object_get(j, "doelen")) == 2 &&
	      json_is_null(json_object_get(j, "volgende_evaluatie")), "API: evaluation recorded (201), plan ends");
	char loc[128];
	long long ev2 = jint(j, "id");
	snprintf(one, sizeof one, "/api/v1/evaluaties/%lld", ev2);
	CHECK(http_header(&r, "Location", loc, sizeof loc) && strcmp(loc, one) == 0, "API: Location of the evaluation");
	http_resp_free(&r);
	json_decref(j);
	CHECK(db_int("SELECT count(*) FROM plan WHERE id = %lld AND next_evaluation IS NULL AND version = 3", plan) == 1,
	      "API: the plan has no next evaluation when it ends");
	CHECK(api(a, "POST", path, body, &r, &j) == 422 &&
	      strstr(jstr(json_object_get(json_object_get(j, "error"), "fields"), "doelen"), "geen lopend doel"),
	      "API: goals reached are no longer evaluated");
	http_resp_free(&r);
	json_decref(j);
	snprintf(body, sizeof body, "/api/v1/plannen/%lld/evaluaties", plan_other);
	CHECK(api(gebied, "POST", body, "{}", &r, &j) == 409 &&
	      strcmp(jstr(json_object_get(j, "error"), "code"), "conflict") == 0, "API: a concept plan: 409");
	http_resp_free(&r);
	json_decref(j);

	/* ZRM progress. */
	snprintf(path, sizeof path, "/api/v1/huishoudens/%lld/zrm-voortgang", hh);
	CHECK(api(a, "GET", path, NULL, &r, &j) == 200, "API: ZRM progress 200");
	json_t *people = json_object_get(j, "personen");
	json_t *p0 = json_array_get(people, 0);
	CHECK(json_array_size(people) == 2 && jint(p0, "persoon_id") == jan, "API: progress per person, oldest first");
	json_t *dom0 = json_array_get(json_object_get(p0, "leefgebieden"), 0);
	json_t *scores = json_object_get(dom0, "scores");
	CHECK(strcmp(jstr(dom0, "leefgebied"), "financien") == 0 && json_array_size(scores) == 2 &&
	      jint(json_array_get(scores, 0), "score") == 2 && jint(json_array_get(scores, 1), "score") == 3 &&
	      json_is_integer(json_object_get(json_array_get(scores, 0), "intake_id")) &&
	      jint(json_array_get(scores, 1), "evaluatie_id") == evaluatie1,
	      "API: financiën from the intake (2) to the evaluation (3)");
	json_t *dom1 = json_array_get(json_object_get(p0, "leefgebieden"), 1);
	CHECK(json_array_size(json_object_get(dom1, "scores")) == 3, "API: werk en opleiding scored three times");
	http_resp_free(&r);
	json_decref(j);
	CHECK(audit_count("zrm.voortgang", hh) == 1, "API: progress view audited");
	CHECK(api(gebied, "GET", path, NULL, &r, NULL) == 403, "API: progress needs a role in the household");
	http_resp_free(&r);
}

/* ---- an evaluation on the intake's date -------------------------------------------- */

/* An evaluation held on the day of the intake is a moment of its own: the
 * intake stays the baseline in the chart, the table and the API. */
static void test_same_day(struct agent *a)
{
	struct http_resp r;
	json_t *j;
	char same[11], same_nl[11], path[256], form[1024], want[512];
	day(-10, same);
	day_nl(same, same_nl);
	CHECK(db_exec("INSERT INTO huishouden(street, house_number, postcode, city, opened_at, status, regisseur_id)"
	              " VALUES ('Bosweg', 4, '3861 EF', 'Nijkerk', 1700000000, 'plan_actief', %lld)", id_consulent) == 0,
	      "same day: household");
	long long h = db_int("SELECT max(id) FROM huishouden");
	CHECK(db_exec("INSERT INTO persoon(huishouden_id, first_name, last_name, birth_date, role)"
	              " VALUES (%lld, 'Piet', 'Smit', '1960-05-05', 'overig')", h) == 0 &&
	      db_exec("INSERT INTO intake(huishouden_id, held_on, question_behind, safety_concern, created_by,"
	              " created_at) VALUES (%lld, '%s', 'Piet wil rondkomen', 0, %lld, 1700000000)", h, same,
	              id_consulent) == 0, "same day: person and intake");
	long long piet = db_int("SELECT max(id) FROM persoon"), intake = db_int("SELECT max(id) FROM intake");
	CHECK(db_exec("INSERT INTO zrm_score(persoon_id, domain, score, scored_on, intake_id, created_by, created_at)"
	              " VALUES (%lld, 'financien', 2, '%s', %lld, %lld, 1700000000)", piet, same, intake,
	              id_consulent) == 0 &&
	      db_exec("INSERT INTO plan(huishouden_id, status, agreed_on, agreed_how, next_evaluation, created_by,"
	              " created_at) VALUES (%lld, 'vastgesteld', '%s', 'mondeling', '%s', %lld, 1700000000)", h, same,
	              same, id_consulent) == 0, "same day: intake scores and a vastgesteld plan");
	long long pl = db_int("SELECT max(id) FROM plan");
	CHECK(db_exec("INSERT INTO doel(plan_id, persoon_id, domain, wish, target_date, status, created_by, created_at)"
	              " VALUES (%lld, %lld, 'financien', 'Rondkomen', '2030-01-01', 'open', %lld, 1)", pl, piet,
	              id_consulent) == 0, "same day: a goal");
	long long goal = db_int("SELECT max(id) FROM doel");

	/* The evaluation, held the same day. */
	snprintf(path, sizeof path, "/plannen/%lld/evaluaties/nieuw", pl);
	snprintf(form, sizeof form, "versie=1&gepland_op=%s&gehouden_op=%s&samenvatting=Meteen+bijgestuurd"
	                            "&volgende_evaluatie=%s&zrm_%lld_financien=3", same, same, next_day, piet);
	goal_form(form, sizeof form, goal, "Budgetplan+gemaakt", "bezig", 1);
	CHECK(post(a, path, form, &r) == 303, "same day: evaluation saved (303)");
	http_resp_free(&r);
	long long ev = db_int("SELECT max(id) FROM evaluatie");

	snprintf(path, sizeof path, "/evaluaties/%lld", ev);
	CHECK(get(a, path, &r) == 200, "same day: evaluation page 200");
	snprintf(want, sizeof want, "scope=\"col\">%s (intake)</th><th class=\"utrecht-table__header-cell\" "
	                            "scope=\"col\">%s (evaluatie)</th>", same_nl, same_nl);
	CHECK(http_body_has(&r, want), "same day: the table has the intake and then the evaluation, both on %s",
	      same_nl);
	CHECK(http_body_has(&r, "<td class=\"utrecht-table__cell\">2 – niet zelfredzaam</td>"
	                        "<td class=\"utrecht-table__cell\">3 – beperkt zelfredzaam</td>"),
	      "same day: the intake's score stays the baseline beside the evaluation's");
	CHECK(http_body_has(&r, "points=\"290,75 390,75 390,66\""),
	      "same day: the chart steps from the intake (2) to the evaluation (3) in two columns");
	snprintf(want, sizeof want, "op 2 momenten van %s tot en met %s", same_nl, same_nl);
	CHECK(http_body_has(&r, want), "same day: the description counts two moments");
	http_resp_free(&r);

	/* A row of the intake written after the evaluation's (recorded late):
	 * the order is by moment, not by row id. */
	CHECK(db_exec("INSERT INTO zrm_score(persoon_id, domain, score, scored_on, intake_id, created_by, created_at)"
	              " VALUES (%lld, 'huisvesting', 4, '%s', %lld, %lld, 1700000000)", piet, same, intake,
	              id_consulent) == 0, "same day: a late intake row");
	snprintf(path, sizeof path, "/api/v1/huishoudens/%lld/zrm-voortgang", h);
	CHECK(api(a, "GET", path, NULL, &r, &j) == 200, "same day: API progress 200");
	json_t *doms = json_object_get(json_array_get(json_object_get(j, "personen"), 0), "leefgebieden");
	json_t *fin = json_object_get(json_array_get(doms, 0), "scores");
	CHECK(strcmp(jstr(json_array_get(doms, 0), "leefgebied"), "financien") == 0 && json_array_size(fin) == 2 &&
	      jint(json_array_get(fin, 0), "intake_id") == intake && jint(json_array_get(fin, 0), "score") == 2 &&
	      jint(json_array_get(fin, 1), "evaluatie_id") == ev && jint(json_array_get(fin, 1), "score") == 3,
	      "same day: API lists the intake's score first, then the evaluation's");
	http_resp_free(&r);
	json_decref(j);
	snprintf(path, sizeof path, "/evaluaties/%lld", ev);
	CHECK(get(a, path, &r) == 200 &&
	      http_body_has(&r, "<td class=\"utrecht-table__cell\">4 – voldoende zelfredzaam</td>"
	                        "<td class=\"utrecht-table__cell\">Niet gescoord</td>") &&
	      http_body_has(&r, "op 2 momenten"),
	      "same day: a late intake row joins the intake's column, still two moments");
	http_resp_free(&r);
}

/* ---- moreel beraad ---------------------------------------------------------------- */

static long long beraad;

static void test_moreel_beraad(struct agent *a, struct agent *gebied)
{
	struct http_resp r;
	json_t *j;
	char path[256], form[2048], want[256];
	snprintf(path, sizeof path, "/huishoudens/%lld/moreel-beraad/nieuw", hh);
	CHECK(get(a, path, &r) == 200 && http_body_has(&r, "Ik wil de zorg voor Roos en oma volhouden") &&
	      http_body_has(&r, "Hulp bij het huishouden"), "moreel beraad form lists the goals and voorzieningen");
	http_resp_free(&r);
	CHECK(audit_count("moreel_beraad.form", hh) == 1, "form view audited");
	CHECK(get(gebied, path, &r) == 303, "need-to-know: moreel beraad form needs a role");
	http_resp_free(&r);

	snprintf(form, sizeof form, "datum=%s&deelnemers=Regisseur%%2C+jeugdconsulent&dilemma=&besluit=Doorgaan"
	                            "&doel=%lld", held, hh_foreign_goal);
	CHECK(post(a, path, form, &r) == 422 && http_body_has(&r, "Dit veld is verplicht.") &&
	      http_body_has(&r, "Kies een doel uit het plan van dit huishouden.") &&
	      http_body_has(&r, "Regisseur, jeugdconsulent"), "invalid beraad: 422, messages at the fields, input kept");
	http_resp_free(&r);
	snprintf(form, sizeof form, "datum=%s&deelnemers=Regisseur%%2C+jeugdconsulent%%2C+gespreksleider"
	                            "&dilemma=Els+wil+geen+hulp+van+buiten%%2C+maar+raakt+overbelast"
	                            "&besluit=Hulp+bij+het+huishouden+aanbieden%%2C+Els+houdt+regie&doel=%lld&voorziening=%lld",
	         held, goal_mantelzorg, voorz_maatwerk);
	CHECK(post(a, path, form, &r) == 303, "moreel beraad saved (303)");
	beraad = db_int("SELECT max(journaal_id) FROM moreel_beraad");
	char loc[128];
	snprintf(want, sizeof want, "/moreel-beraad/%lld", beraad);
	CHECK(http_header(&r, "Location", loc, sizeof loc) && strcmp(loc, want) == 0, "redirect to the beraad");
	http_resp_free(&r);
	CHECK(db_int("SELECT count(*) FROM journaal WHERE id = %lld AND kind = 'moreel_beraad' AND huishouden_id = %lld"
	             " AND body LIKE 'Moreel beraad%%Dilemma: Els wil geen hulp%%Besluit: Hulp bij%%Over het doel: Ik wil%%'",
	             beraad, hh) == 1, "journal entry of kind moreel_beraad with a readable summary");
	CHECK(db_int("SELECT count(*) FROM moreel_beraad WHERE journaal_id = %lld AND doel_id = %lld AND"
	             " voorziening_id = %lld", beraad, goal_mantelzorg, voorz_maatwerk) == 1,
	      "moreel_beraad row linked to the goal and the voorziening");
	CHECK(audit_count("moreel_beraad.create", beraad) == 1 &&
	      db_int("SELECT huishouden_id FROM audit WHERE action = 'moreel_beraad.create'") == hh,
	      "moreel beraad audited with the household");
	CHECK(get(a, want, &r) == 200 && http_body_has(&r, "Els wil geen hulp van buiten, maar raakt overbelast") &&
	      http_body_has(&r, "Regisseur, jeugdconsulent, gespreksleider"), "moreel beraad page 200");
	snprintf(form, sizeof form, "href=\"/voorzieningen/%lld\"", voorz_maatwerk);
	CHECK(http_body_has(&r, form), "the page links to the voorziening it concerns");
	http_resp_free(&r);
	CHECK(audit_count("moreel_beraad.view", beraad) == 1, "moreel beraad view audited");
	/* ... and the goal and the voorziening link back to it. */
	snprintf(form, sizeof form, "href=\"/moreel-beraad/%lld\"", beraad);
	char page[64];
	snprintf(page, sizeof page, "/huishoudens/%lld/plan", hh);
	CHECK(get(a, page, &r) == 200 && http_body_has(&r, "Moreel beraad over dit doel") && http_body_has(&r, form),
	      "the goal on the plan page links to its moreel beraad");
	http_resp_free(&r);
	snprintf(page, sizeof page, "/voorzieningen/%lld", voorz_maatwerk);
	CHECK(get(a, page, &r) == 200 && http_body_has(&r, form), "the voorziening page links to its moreel beraad");
	http_resp_free(&r);
	CHECK(get(a, "/moreel-beraad/999999", &r) == 404, "unknown moreel beraad: 404");
	http_resp_free(&r);
	CHECK(get(gebied, want, &r) == 303, "need-to-know: the page needs a role");
	http_resp_free(&r);

	/* API */
	snprintf(path, sizeof path, "/api/v1/huishoudens/%lld/moreel-beraad", hh);
	CHECK(api(a, "POST", path, "{\"datum\": \"2020-01-01\"}", &r, &j) == 422 &&
	      jstr(json_object_get(json_object_get(j, "error"), "fields"), "dilemma"), "API: incomplete beraad: 422");
	http_resp_free(&r);
	json_decref(j);
	snprintf(form, sizeof form, "{\"datum\": \"%s\", \"deelnemers\": \"Team\", \"dilemma\": \"Wouter\","
	                            " \"besluit\": \"Gesprek met school\", \"voorziening\": 999999}", held);
	CHECK(api(a, "POST", path, form, &r, &j) == 422 &&
	      jstr(json_object_get(json_object_get(j, "error"), "fields"), "voorziening"),
	      "API: a voorziening of another household is refused");
	http_resp_free(&r);
	json_decref(j);
	snprintf(form, sizeof form, "{\"datum\": \"%s\", \"deelnemers\": \"Team\", \"dilemma\": \"Wouter spijbelt\","
	                            " \"besluit\": \"Gesprek met school\", \"doel\": %lld}", held, goal_werk);
	CHECK(api(a, "POST", path, form, &r, &j) == 201 && jint(j, "doel_id") == goal_werk &&
	      json_is_null(json_object_get(j, "voorziening_id")) && strcmp(jstr(j, "dilemma"), "Wouter spijbelt") == 0,
	      "API: moreel beraad recorded (201)");
	http_resp_free(&r);
	json_decref(j);
	CHECK(api(a, "GET", path, NULL, &r, &j) == 200 && json_array_size(json_object_get(j, "moreel_beraad")) == 2,
	      "API: the household's moreel beraden");
	http_resp_free(&r);
	json_decref(j);
	CHECK(api(gebied, "GET", path, NULL, &r, NULL) == 403, "API: moreel beraad needs a role");
	http_resp_free(&r);
	CHECK(api(a, "GET", "/api/v1/huishoudens/999999/moreel-beraad", NULL, &r, NULL) == 404,
	      "API: unknown household: 404");
	http_resp_free(&r);

	/* The links the plan and voorziening pages use. */
	char *err = NULL;
	if (db_init(S.db, &err) != 0) {
		T_FAIL("db_init for the link functions", "%s", err ? err : "?");
		free(err);
		return;
	}
	db *d = db_get();
	json_t *links = d ? db_moreel_beraad_for_goal(d, goal_mantelzorg) : NULL;
	CHECK(json_array_size(links) == 1 && jint(json_array_get(links, 0), "id") == beraad &&
	      strstr(jstr(json_array_get(links, 0), "dilemma"), "Els wil geen hulp"),
	      "db_moreel_beraad_for_goal lists the beraad of a goal");
	json_decref(links);
	links = d ? db_moreel_beraad_for_voorziening(d, voorz_maatwerk) : NULL;
	CHECK(json_array_size(links) == 1, "db_moreel_beraad_for_voorziening lists the beraad of a voorziening");
	json_decref(links);
	links = d ? db_moreel_beraad_for_voorziening(d, voorz_algemeen) : NULL;
	CHECK(links && json_array_size(links) == 0, "no beraad: an empty list");
	json_decref(links);
	db_close_all();
}

/* ---- closing a case ------------------------------------------------------------- */

static void test_close(struct agent *a, struct agent *gebied)
{
	struct http_resp r;
	json_t *j;
	char path[256], want[256];
	snprintf(path, sizeof path, "/huishoudens/%lld/afsluiten", hh);
	CHECK(get(a, path, &r) == 200, "closing page 200");
	CHECK(http_body_has(&r, "Jan meldt zich bij het werkplein") && http_body_has(&r, "Hulp bij het huishouden") &&
	      http_body_has(&r, "Mantelzorgsteunpunt"), "the page lists the open agreement and voorzieningen");
	snprintf(want, sizeof want, "href=\"/voorzieningen/%lld\"", voorz_maatwerk);
	char plan_href[128];
	snprintf(plan_href, sizeof plan_href, "href=\"/huishoudens/%lld/plan\"", hh);
	CHECK(http_body_has(&r, want) && http_body_has(&r, plan_href), "each open item links to where it is ended");
	CHECK(http_body_has(&r, "Uitstroom naar lichtere ondersteuning") && http_body_has(&r, "<legend"),
	      "the reasons are a radio group with a legend");
	http_resp_free(&r);
	CHECK(audit_count("afsluiten.form", hh) == 1, "closing page view audited");
	CHECK(get(gebied, path, &r) == 303, "need-to-know: closing needs a role");
	http_resp_free(&r);

	CHECK(post(a, path, "reden=onbekend&uitkomst=", &r) == 422 && http_body_has(&r, "Kies een van de mogelijkheden.") &&
	      http_body_has(&r, "Dit veld is verplicht."), "invalid closing: 422 with messages");
	http_resp_free(&r);
	CHECK(post(a, path, "reden=uitstroom_lichter&uitkomst=Jan+werkt%2C+Els+krijgt+steun+van+het+steunpunt", &r) == 409,
	      "closing with open items is refused (409)");
	CHECK(http_body_has(&r, "kan nog niet worden afgesloten") && http_body_has(&r, "Jan meldt zich bij het werkplein") &&
	      http_body_has(&r, "Hulp bij het huishouden"), "the refusal lists exactly what is open");
	CHECK(!http_body_has(&r, "(Afgewezen"), "a rejected voorziening is not open");
	CHECK(http_body_has(&r, "Jan werkt, Els krijgt steun van het steunpunt") &&
	      http_body_has(&r, "value=\"uitstroom_lichter\" checked"), "the refusal keeps the input");
	http_resp_free(&r);
	CHECK(db_int("SELECT count(*) FROM huishouden WHERE id = %lld AND status = 'afgesloten'", hh) == 0 &&
	      db_int("SELECT count(*) FROM plan WHERE id = %lld AND status = 'afgesloten'", plan) == 0,
	      "nothing closed while items are open");

	char api_path[128];
	snprintf(api_path, sizeof api_path, "/api/v1/huishoudens/%lld/afsluiten", hh);
	CHECK(api(a, "POST", api_path, "{\"reden\": \"doel_bereikt\", \"uitkomst\": \"Klaar\"}", &r, &j) == 409,
	      "API: closing with open items: 409");
	json_t *open = json_object_get(j, "open");
	CHECK(strcmp(jstr(json_object_get(j, "error"), "code"), "open_items") == 0 &&
	      json_array_size(json_object_get(open, "afspraken")) == 1 &&
	      jint(json_array_get(json_object_get(open, "afspraken"), 0), "id") == afspraak &&
	      json_array_size(json_object_get(open, "voorzieningen")) == 2,
	      "API: open_items lists the agreement and both running voorzieningen");
	http_resp_free(&r);
	json_decref(j);
	CHECK(api(a, "POST", api_path, "{\"reden\": \"weg\"}", &r, &j) == 422 &&
	      jstr(json_object_get(json_object_get(j, "error"), "fields"), "reden") &&
	      jstr(json_object_get(json_object_get(j, "error"), "fields"), "uitkomst"), "API: invalid closing: 422");
	http_resp_free(&r);
	json_decref(j);

	/* End everything (the plan and voorziening modules do this in the app). */
	CHECK(db_exec("UPDATE afspraak SET done_on = '%s' WHERE id = %lld", held, afspraak) == 0 &&
	      db_exec("UPDATE voorziening SET status = 'beeindigd', end_reason = 'uitstroom_lichter', ended_on = '%s'"
	              " WHERE huishouden_id = %lld AND status IN ('gestart', 'toegekend')", held, hh) == 0,
	      "agreement done and voorzieningen ended");
	CHECK(get(a, path, &r) == 200 && !http_body_has(&r, "Wat nog openstaat"), "nothing open any more");
	http_resp_free(&r);
	CHECK(post(a, path, "reden=uitstroom_lichter&uitkomst=Jan+werkt%2C+Els+krijgt+steun+van+het+steunpunt", &r) == 303,
	      "case closed (303)");
	http_resp_free(&r);
	CHECK(db_int("SELECT count(*) FROM plan WHERE id = %lld AND status = 'afgesloten' AND closed_on IS NOT NULL"
	             " AND close_reason = 'uitstroom_lichter' AND close_outcome = 'Jan werkt, Els krijgt steun van het"
	             " steunpunt'", plan) == 1, "plan afgesloten with date, reason and outcome");
	CHECK(db_int("SELECT count(*) FROM huishouden WHERE id = %lld AND status = 'afgesloten' AND closed_at > 0", hh) == 1,
	      "household afgesloten with closed_at");
	CHECK(db_int("SELECT count(*) FROM aanmelding WHERE huishouden_id = %lld AND status <> 'afgesloten'", hh) == 0,
	      "open aanmeldingen afgesloten");
	CHECK(db_int("SELECT count(*) FROM journaal WHERE huishouden_id = %lld AND body LIKE 'Casus afgesloten. Reden:"
	             " Uitstroom naar lichtere ondersteuning.%%'", hh) == 1, "the closing is in the journal");
	CHECK(audit_count("huishouden.afsluiten", hh) == 1 && audit_count("plan.afsluiten", plan) == 1 &&
	      db_int("SELECT count(*) FROM audit WHERE action = 'aanmelding.status' AND huishouden_id = %lld", hh) == 1,
	      "closing audited: household, plan and aanmelding");
	CHECK(get(a, path, &r) == 200 && http_body_has(&r, "is afgesloten op") && !http_body_has(&r, "<form method=\"post\" action=\"/huishoudens"),
	      "the closing page now says the case is closed");
	http_resp_free(&r);
	CHECK(post(a, path, "reden=anders&uitkomst=Nogmaals", &r) == 409 && http_body_has(&r, "al afgesloten"),
	      "closing twice: 409");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/plannen/%lld/evaluaties/nieuw", plan);
	CHECK(get(a, path, &r) == 409, "a closed plan cannot be evaluated");
	http_resp_free(&r);

	/* A household without a plan, through the API. */
	snprintf(api_path, sizeof api_path, "/api/v1/huishoudens/%lld/afsluiten", hh_third);
	CHECK(api(a, "POST", api_path, "{\"reden\": \"verhuisd\", \"uitkomst\": \"Verhuisd naar Amersfoort\"}", &r, &j) == 200 &&
	      strcmp(jstr(j, "status"), "afgesloten") == 0 && json_is_null(json_object_get(j, "plan_id")) &&
	      strcmp(jstr(j, "reden"), "verhuisd") == 0, "API: a household without a plan is closed (200)");
	http_resp_free(&r);
	json_decref(j);
	CHECK(db_int("SELECT count(*) FROM huishouden WHERE id = %lld AND status = 'afgesloten'", hh_third) == 1 &&
	      db_int("SELECT count(*) FROM aanmelding WHERE huishouden_id = %lld AND status = 'afgesloten'", hh_third) == 1,
	      "API: household and its aanmelding closed");
	CHECK(api(a, "POST", api_path, "{\"reden\": \"verhuisd\", \"uitkomst\": \"Nog eens\"}", &r, &j) == 409 &&
	      strcmp(jstr(json_object_get(j, "error"), "code"), "conflict") == 0, "API: closing twice: 409 conflict");
	http_resp_free(&r);
	json_decref(j);
	snprintf(api_path, sizeof api_path, "/api/v1/huishoudens/%lld/afsluiten", hh_other);
	CHECK(api(a, "POST", api_path, "{\"reden\": \"verhuisd\", \"uitkomst\": \"x\"}", &r, NULL) == 403,
	      "API: closing needs a role in the household");
	http_resp_free(&r);
	CHECK(api(a, "POST", "/api/v1/huishoudens/999999/afsluiten", "{}", &r, NULL) == 404, "API: unknown household: 404");
	http_resp_free(&r);
}

int main(void)
{
	if (ts_start(&S, (const char *const[]){"--cookie-insecure", NULL}) != 0) {
		T_FAIL("server start", "see %s", S.log);
		T_EXIT();
	}
	/* The employee without a role in these households: the gebiedsteam
	 * member, moved to the other team.  In Team Noord, the central intake
	 * team of the demo, she would work the queue of households without a
	 * regisseur (src/access.c). */
	CHECK(ts_db_exec(&S, "%s", "UPDATE medewerker SET team_id = (SELECT id FROM team WHERE name = 'Team Nijkerk-Zuid')"
	                           " WHERE username = 'gebiedsteam'") == 0, "the gebiedsteam member works in Team Zuid");
	day(-60, intake_day);
	day(-1, held);
	day(40, next_day);
	day(-2, planned);
	day(3, tomorrow); /* well past any time-zone difference with the server */
	CHECK(fixtures(), "fixtures: the De Vries household with intake, plan, goals, agreement and voorzieningen");
	struct agent cons, tl, gebied;
	CHECK(sign_in(&cons, U_CONSULENT), "consulent signs in");
	CHECK(sign_in(&tl, U_TEAMLEIDER), "teamleider signs in");
	CHECK(sign_in(&gebied, U_GEBIEDSTEAM), "gebiedsteam member signs in");

	test_evaluation(&cons, &tl, &gebied);
	test_evaluation_api(&cons, &gebied);
	test_same_day(&cons);
	test_moreel_beraad(&cons, &gebied);
	test_close(&cons, &gebied);

	CHECK(ts_stop(&S) == 0, "server stops cleanly");
	T_EXIT();
}
