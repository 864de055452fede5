/* test_spreekuur.c - spreekuren in the neighbourhood against the real
 * server: the beheerder's locations, the schedule (each field's error,
 * staffing), the week computation, registering a walk-in anonymously and
 * by name in one POST with input kept on an error, the quick search that
 * shows the regisseur, linking a walk-in to a household, closing it as
 * "informatie gegeven" or "doorverwezen" (and refusing a second close),
 * who may see a bezoek, the audit rows, and every API endpoint with its
 * error cases. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "db_spreekuur.h"
#include "form.h"
#include "http_client.h"
#include "testutil.h"

static struct test_server S;
static char today[11];

#define db_int(...) ts_db_int(&S, __VA_ARGS__)

/* Signs a client in with a password of our own (a user made in the test). */
static bool sign_in_as(struct agent *a, const char *username, const char *password)
{
	client_init(&a->c, S.port);
	if (client_login(&a->c, username, password) != 303)
		return false;
	struct http_resp r;
	if (client_get(&a->c, "/api/v1/sessie", &r) != 0)
		return false;
	json_t *j = json_loads(r.body, 0, NULL);
	const char *tok = json_string_value(json_object_get(j, "csrf"));
	snprintf(a->csrf, sizeof a->csrf, "%s", tok ? tok : "");
	json_decref(j);
	http_resp_free(&r);
	return a->csrf[0] != '\0';
}

/* Status of a GET, response freed. */
static int get_status(struct agent *a, const char *path)
{
	struct http_resp r;
	int st = agent_get(a, path, &r);
	if (st >= 0)
		http_resp_free(&r);
	return st;
}

static int post_status(struct agent *a, const char *path, const char *form)
{
	struct http_resp r;
	int st = agent_post(a, path, form, &r);
	if (st >= 0)
		http_resp_free(&r);
	return st;
}

/* An API call whose JSON body goes to *json (caller frees); the status. */
static int api(struct agent *a, const char *method, const char *path, const char *body, json_t **json)
{
	struct http_resp r;
	json_t *j = NULL;
	int st = agent_api(a, method, path, body, &r, &j);
	if (st >= 0)
		http_resp_free(&r);
	if (json)
		*json = j;
	else
		json_decref(j);
	return st;
}

static bool has_field_error(const json_t *j, const char *field)
{
	return json_is_string(json_object_get(json_object_get(json_object_get(j, "error"), "fields"), field));
}

static long long location_id(const struct http_resp *r, const char *prefix)
{
	char loc[256];
	if (!http_header(r, "Location", loc, sizeof loc) || strncmp(loc, prefix, strlen(prefix)) != 0)
		return -1;
	const char *p = strstr(loc, "vastgelegd=");
	return p ? atoll(p + 11) : atoll(loc + strlen(prefix));
}

static void week_computation(void)
{
	static const struct { const char *date, *monday; } cases[] = {
		{"2026-11-26", "2026-11-23"}, /* Thursday */
		{"2026-11-23", "2026-11-23"}, /* Monday itself */
		{"2026-11-29", "2026-11-23"}, /* Sunday ends the week */
		{"2024-03-01", "2024-02-26"}, /* across a leap day */
		{"2027-01-01", "2026-12-28"}, /* across the turn of the year */
		{"2000-01-01", "1999-12-27"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char out[11] = "";
		CHECK(spreekuur_week_monday(cases[i].date, out) && strcmp(out, cases[i].monday) == 0,
		      "week: %s lies in the week of Monday %s (got %s)", cases[i].date, cases[i].monday, out);
	}
	char out[11];
	CHECK(!spreekuur_week_monday("2026-02-30", out) && !spreekuur_week_monday("gisteren", out),
	      "week: a date that does not exist has no week");
	CHECK(spreekuur_date_add("2026-12-28", 6, out) && strcmp(out, "2027-01-03") == 0, "week: Sunday after 28-12-2026");
	CHECK(spreekuur_date_add("2024-02-26", 3, out) && strcmp(out, "2024-02-29") == 0, "week: 29 February counts");
}

static void locaties(struct agent *beh, struct agent *cons)
{
	struct http_resp r;
	CHECK(agent_get(beh, "/beheer/locaties", &r) == 200 && http_body_has(&r, "Voedselbank Nijkerk") &&
	      http_body_has(&r, "Huisartsenpraktijk Oranjelaan") && http_body_has(&r, "Seniorencentrum De Bron") &&
	      http_body_has(&r, "Buurthuis &#39;t Gildehuis"), "locaties: the demo locations are listed");
	http_resp_free(&r);
	CHECK(get_status(cons, "/beheer/locaties") == 403, "locaties: a consulent may not manage locations");
	CHECK(agent_post(beh, "/beheer/locaties/nieuw", "naam=&soort=&gebied=&adres=Dorpsstraat+1", &r) == 422 &&
	      http_body_has(&r, "Dit veld is verplicht.") && http_body_has(&r, "Dorpsstraat 1"),
	      "locaties: name, kind and gebied are required; the address is kept");
	http_resp_free(&r);
	CHECK(agent_post(beh, "/beheer/locaties/nieuw", "naam=OBS+De+Wegwijzer&soort=kerk&gebied=999999", &r) == 422 &&
	      http_body_has(&r, "Kies een van de mogelijkheden.") && http_body_has(&r, "Kies een bestaand gebied."),
	      "locaties: an unknown kind and gebied are refused at the field");
	http_resp_free(&r);
	long long g = db_int("SELECT id FROM gebied WHERE name = 'Hoevelaken'");
	char form[512];
	snprintf(form, sizeof form, "naam=OBS+De+Wegwijzer&soort=school&gebied=%lld&adres=Schoolstraat+3&actief=1", g);
	CHECK(post_status(beh, "/beheer/locaties/nieuw", form) == 303, "locaties: the beheerder adds a school");
	long long loc = db_int("SELECT id FROM locatie WHERE name = 'OBS De Wegwijzer'");
	CHECK(loc > 0 && db_int("SELECT count(*) FROM audit WHERE action = 'locatie.create' AND object_id = %lld", loc) == 1,
	      "locaties: the new location is stored and audited");
	CHECK(agent_post(beh, "/beheer/locaties/nieuw", form, &r) == 422 &&
	      http_body_has(&r, "Er is al een locatie met deze naam in dit gebied."),
	      "locaties: the same name twice in one gebied is refused");
	http_resp_free(&r);
	char path[128];
	snprintf(path, sizeof path, "/beheer/locaties/%lld/bewerken", loc);
	snprintf(form, sizeof form, "naam=OBS+De+Wegwijzer&soort=school&gebied=%lld&adres=Schoolstraat+5&versie=1", g);
	CHECK(post_status(beh, path, form) == 303 &&
	      db_int("SELECT active FROM locatie WHERE id = %lld", loc) == 0 &&
	      db_int("SELECT count(*) FROM audit WHERE action = 'locatie.update' AND object_id = %lld", loc) == 1,
	      "locaties: an edit stores (here: made inactive) and is audited");
	CHECK(agent_post(beh, path, form, &r) == 409 && http_body_has(&r, "intussen gewijzigd") &&
	      http_body_has(&r, "Schoolstraat 5"), "locaties: a stale save is refused with the input kept");
	http_resp_free(&r);
	CHECK(get_status(beh, "/beheer/locaties/999999/bewerken") == 404, "locaties: an unknown location is 404");
}

/* Creates the schedule entries the rest uses; returns the new spreekuur. */
static long long schedule(struct agent *tl, struct agent *gebied)
{
	long long cons = db_int("SELECT id FROM medewerker WHERE username = 'consulent'");
	long long geb = db_int("SELECT id FROM medewerker WHERE username = 'gebiedsteam'");
	long long beh = db_int("SELECT id FROM medewerker WHERE username = 'beheerder'");
	long long loc = db_int("SELECT id FROM locatie WHERE name = 'Huisartsenpraktijk Oranjelaan'");
	struct http_resp r;
	CHECK(agent_get(tl, "/beheer/spreekuren", &r) == 200 && http_body_has(&r, "Voedselbank Nijkerk") &&
	      http_body_has(&r, "donderdag 10:00") && http_body_has(&r, "Youssef El Amrani"),
	      "rooster: the teamleider sees the demo schedule with who staffs it");
	http_resp_free(&r);
	CHECK(get_status(gebied, "/beheer/spreekuren") == 403, "rooster: a gebiedsteam member may not change it");

	CHECK(agent_post(tl, "/beheer/spreekuren/nieuw", "locatie=&weekdag=&begintijd=&eindtijd=&geldig_vanaf=", &r) == 422 &&
	      http_body_has(&r, "Dit veld is verplicht.") &&
	      http_body_has(&r, "Kies minstens één medewerker die het spreekuur houdt."),
	      "rooster: every field is required and at least one employee");
	http_resp_free(&r);
	char form[512];
	snprintf(form, sizeof form, "locatie=999999&weekdag=8&begintijd=9.30&eindtijd=25:00&geldig_vanaf=31-02-2026"
	         "&medewerker_%lld=1", beh);
	CHECK(agent_post(tl, "/beheer/spreekuren/nieuw", form, &r) == 422 &&
	      http_body_has(&r, "Kies een bestaande locatie.") &&
	      http_body_has(&r, "Vul een getal in van 1 tot en met 7.") &&
	      http_body_has(&r, "Vul een tijd in als 09:30 (uren en minuten).") &&
	      http_body_has(&r, "Vul een tijd in als 11:00 (uren en minuten).") &&
	      http_body_has(&r, "Vul een bestaande datum in") &&
	      http_body_has(&r, "Kies alleen actieve medewerkers met de rol consulent of gebiedsteam.") &&
	      http_body_has(&r, "value=\"9.30\""), "rooster: each field's own error, the input kept");
	http_resp_free(&r);
	snprintf(form, sizeof form, "locatie=%lld&weekdag=2&begintijd=15:00&eindtijd=13:30&geldig_vanaf=2026-06-01"
	         "&geldig_tot=2026-05-01&medewerker_%lld=1", loc, geb);
	CHECK(agent_post(tl, "/beheer/spreekuren/nieuw", form, &r) == 422 &&
	      http_body_has(&r, "De eindtijd moet na de begintijd liggen.") &&
	      http_body_has(&r, "De einddatum mag niet voor de begindatum liggen.") &&
	      http_body_has(&r, "id=\"medewerker_") && http_body_has(&r, "checked"),
	      "rooster: end time after start, end date not before start; the staff stays checked");
	http_resp_free(&r);
	long long inactive = db_int("SELECT id FROM locatie WHERE name = 'OBS De Wegwijzer'");
	snprintf(form, sizeof form, "locatie=%lld&weekdag=2&begintijd=08:30&eindtijd=09:30&geldig_vanaf=2026-01-01"
	         "&medewerker_%lld=1", inactive, geb);
	CHECK(agent_post(tl, "/beheer/spreekuren/nieuw", form, &r) == 422 &&
	      http_body_has(&r, "Deze locatie is niet meer actief."), "rooster: an inactive location cannot be chosen");
	http_resp_free(&r);
	snprintf(form, sizeof form, "locatie=%lld&weekdag=5&begintijd=08:30&eindtijd=09:30&geldig_vanaf=2020-01-06"
	         "&geldig_tot=2020-12-31&actief=1&medewerker_%lld=1&medewerker_%lld=1", loc, geb, cons);
	CHECK(post_status(tl, "/beheer/spreekuren/nieuw", form) == 303, "rooster: the teamleider adds a spreekuur");
	long long s = db_int("SELECT max(id) FROM spreekuur");
	CHECK(db_int("SELECT count(*) FROM spreekuur_medewerker WHERE spreekuur_id = %lld", s) == 2 &&
	      db_int("SELECT weekday FROM spreekuur WHERE id = %lld", s) == 5,
	      "rooster: stored with both employees who staff it");
	CHECK(db_int("SELECT count(*) FROM audit WHERE action = 'spreekuur.create' AND object_id = %lld", s) == 1,
	      "rooster: the new spreekuur is audited");
	char path[128];
	snprintf(path, sizeof path, "/beheer/spreekuren/%lld/bewerken", s);
	CHECK(agent_get(tl, path, &r) == 200 && http_body_has(&r, "name=\"versie\" value=\"1\"") &&
	      http_body_has(&r, "value=\"08:30\""), "rooster: the edit form shows the stored values");
	http_resp_free(&r);
	snprintf(form, sizeof form, "locatie=%lld&weekdag=5&begintijd=08:30&eindtijd=10:00&geldig_vanaf=2020-01-06"
	         "&geldig_tot=2020-12-31&actief=1&medewerker_%lld=1&versie=1", loc, cons);
	CHECK(post_status(tl, path, form) == 303 &&
	      db_int("SELECT count(*) FROM spreekuur_medewerker WHERE spreekuur_id = %lld", s) == 1 &&
	      db_int("SELECT count(*) FROM audit WHERE action = 'spreekuur.update' AND object_id = %lld", s) == 1,
	      "rooster: an edit replaces the staff and is audited");
	CHECK(agent_post(tl, path, form, &r) == 409 && http_body_has(&r, "intussen gewijzigd") &&
	      http_body_has(&r, "value=\"10:00\""), "rooster: a stale save is refused, input kept");
	http_resp_free(&r);
	CHECK(post_status(tl, "/beheer/spreekuren/999999/bewerken", form) == 404, "rooster: unknown spreekuur is 404");
	return s;
}

/* Returns the voedselbank spreekuur. */
static long long week_pages(struct agent *gebied, struct agent *cons, long long old)
{
	long long vb = db_int("SELECT s.id FROM spreekuur s JOIN locatie l ON l.id = s.locatie_id"
	                      " WHERE l.name = 'Voedselbank Nijkerk'");
	struct http_resp r;
	CHECK(agent_get(gebied, "/spreekuren", &r) == 200 && http_body_has(&r, "Voedselbank Nijkerk") &&
	      http_body_has(&r, "uw spreekuur"), "week: the gebiedsteam member sees this week's spreekuren, own marked");
	const char *own = r.body ? strstr(r.body, "uw spreekuur") : NULL;
	const char *senior = r.body ? strstr(r.body, "Seniorencentrum De Bron") : NULL;
	CHECK(own && senior && own < senior, "week: own spreekuren come first");
	http_resp_free(&r);
	CHECK(get_status(gebied, "/spreekuren?week=gisteren") == 400, "week: a week that is no date is refused");
	CHECK(agent_get(gebied, "/spreekuren", &r) == 200 && http_body_has(&r, "<title>Spreekuren deze week"),
	      "week: this week's page is titled 'deze week'");
	http_resp_free(&r);
	CHECK(agent_get(gebied, "/spreekuren?week=2026-11-25", &r) == 200 &&
	      http_body_has(&r, "<title>Spreekuren van 23-11-2026 tot en met 29-11-2026 – Eén Loket</title>"),
	      "week: another week's page says which week in its title (WCAG 2.4.2)");
	http_resp_free(&r);
	json_t *j;
	CHECK(api(gebied, "GET", "/api/v1/spreekuren?week=2030-01-02", NULL, &j) == 200 &&
	      strcmp(json_string_value(json_object_get(j, "week_van")) ?: "", "2029-12-31") == 0 &&
	      strcmp(json_string_value(json_object_get(j, "week_tot")) ?: "", "2030-01-06") == 0,
	      "week: the API computes Monday to Sunday");
	bool vb_thursday = false, old_there = false;
	size_t i;
	json_t *row;
	json_array_foreach(json_object_get(j, "spreekuren"), i, row) {
		if (json_integer_value(json_object_get(row, "id")) == vb)
			vb_thursday = strcmp(json_string_value(json_object_get(row, "datum")) ?: "", "2030-01-03") == 0 &&
			              json_is_true(json_object_get(row, "mijn"));
		if (json_integer_value(json_object_get(row, "id")) == old)
			old_there = true;
	}
	json_decref(j);
	CHECK(vb_thursday, "week: the voedselbank's Thursday falls on 03-01-2030, marked as 'mijn'");
	CHECK(!old_there, "week: a spreekuur whose validity ended is not held");
	CHECK(api(gebied, "GET", "/api/v1/spreekuren?week=2020-01-08", NULL, &j) == 200, "week: a week in 2020");
	old_there = false;
	json_array_foreach(json_object_get(j, "spreekuren"), i, row)
		if (json_integer_value(json_object_get(row, "id")) == old)
			old_there = strcmp(json_string_value(json_object_get(row, "datum")) ?: "", "2020-01-10") == 0;
	json_decref(j);
	CHECK(old_there, "week: within its validity the spreekuur is held on its Friday");

	/* Mijn werk's data, straight from the data layer. */
	char *err = NULL;
	if (db_init(S.db, &err) == 0) {
		db *d = db_get();
		json_t *mine = d ? db_spreekuur_my_week(d, db_int("SELECT id FROM medewerker WHERE username = 'gebiedsteam'")) : NULL;
		bool vb_in = false, labelled = true;
		json_array_foreach(mine, i, row) {
			vb_in = vb_in || json_integer_value(json_object_get(row, "id")) == vb;
			labelled = labelled && json_object_get(row, "datum_nl") && json_object_get(row, "weekdag_label") &&
			           json_is_true(json_object_get(row, "mijn"));
		}
		CHECK(vb_in && labelled, "mijn werk: the gebiedsteam member's spreekuren of this week, labelled");
		json_decref(mine);
		json_t *theirs = d ? db_spreekuur_my_week(d, db_int("SELECT id FROM medewerker WHERE username = 'teamleider'")) : NULL;
		CHECK(theirs && json_array_size(theirs) == 0, "mijn werk: the teamleider staffs none");
		json_decref(theirs);
	} else {
		T_FAIL("mijn werk: db_init", "%s", err ? err : "?");
		free(err);
	}
	(void)cons;
	return vb;
}

int main(void)
{
	week_computation();
	if (ts_start(&S, (const char *const[]){"--cookie-insecure", NULL}) != 0) {
		T_FAIL("server start", "see %s", S.log);
		T_EXIT();
	}
	date_today(today);
	char cmd[512];
	snprintf(cmd, sizeof cmd, "echo 'een lang wachtwoord voor anna' | build/san/loket user-add --db %s"
	         " --username anna --name 'Anna Kramer' --role consulent > /dev/null", S.db);
	CHECK(system(cmd) == 0, "a consulent of the other team is created");
	ts_db_exec(&S, "UPDATE medewerker SET team_id = 2 WHERE username = 'anna'");

	struct agent cons, gebied, tl, beh, priv, anna, anon;
	CHECK(agent_sign_in(&cons, &S, U_CONSULENT) && agent_sign_in(&gebied, &S, U_GEBIEDSTEAM) &&
	      agent_sign_in(&tl, &S, U_TEAMLEIDER) && agent_sign_in(&beh, &S, U_BEHEERDER) &&
	      agent_sign_in(&priv, &S, U_PRIVACY) && sign_in_as(&anna, "anna", "een lang wachtwoord voor anna"),
	      "everyone signs in");
	client_init(&anon.c, S.port);
	snprintf(anon.csrf, sizeof anon.csrf, "x");

	CHECK(db_int("SELECT count(*) FROM locatie") == 4 && db_int("SELECT count(*) FROM spreekuur") == 4,
	      "demo: four locations with a spreekuur each");
	CHECK(db_int("SELECT count(*) FROM spreekuur_medewerker sm JOIN spreekuur s ON s.id = sm.spreekuur_id"
	             " JOIN locatie l ON l.id = s.locatie_id JOIN medewerker m ON m.id = sm.medewerker_id"
	             " WHERE l.name = 'Voedselbank Nijkerk' AND m.username = 'gebiedsteam'") == 1,
	      "demo: the voedselbank spreekuur is staffed by the gebiedsteam member");

	locaties(&beh, &cons);
	long long old = schedule(&tl, &gebied);
	long long vb = week_pages(&gebied, &cons, old);

	/* ---- the spreekuur page: walk-ins ------------------------------------ */
	char path[256], form[1024];
	struct http_resp r;
	snprintf(path, sizeof path, "/spreekuren/%lld", vb);
	CHECK(agent_get(&gebied, path, &r) == 200 && http_body_has(&r, "Bezoek vastleggen") &&
	      http_body_has(&r, "Nog geen bezoeken op deze datum.") && r.body_len < 20000,
	      "spreekuur: the page for today is light (under 20 kB) and has the walk-in form");
	http_resp_free(&r);
	CHECK(db_int("SELECT count(*) FROM audit WHERE action = 'spreekuur.view' AND object_id = %lld", vb) >= 1,
	      "spreekuur: viewing it is audited");
	snprintf(path, sizeof path, "/spreekuren/%lld/bezoeken", vb);
	snprintf(form, sizeof form, "datum=%s&naam=Piet+Jansen&vraag=&contact=06+12345678", today);
	CHECK(agent_post(&gebied, path, form, &r) == 422 && http_body_has(&r, "Dit veld is verplicht.") &&
	      http_body_has(&r, "value=\"Piet Jansen\"") && http_body_has(&r, "value=\"06 12345678\""),
	      "walk-in: the question is required, name and contact are kept");
	http_resp_free(&r);
	char tomorrow[11];
	spreekuur_date_add(today, 1, tomorrow);
	snprintf(form, sizeof form, "datum=%s&vraag=Hulp", tomorrow);
	CHECK(agent_post(&gebied, path, form, &r) == 422 &&
	      http_body_has(&r, "Deze datum mag niet in de toekomst liggen."), "walk-in: not in the future");
	http_resp_free(&r);
	CHECK(agent_post(&gebied, path, "datum=2019-01-01&vraag=Hulp", &r) == 422 &&
	      http_body_has(&r, "Op deze datum bestond dit spreekuur niet."), "walk-in: not before the spreekuur existed");
	http_resp_free(&r);
	snprintf(form, sizeof form, "datum=%s&naam=&vraag=Ik+heb+schulden+en+weet+niet+waar+ik+moet+beginnen.&contact=", today);
	CHECK(agent_post(&gebied, path, form, &r) == 303, "walk-in: an anonymous visitor in one POST");
	char want[128];
	snprintf(want, sizeof want, "/spreekuren/%lld?datum=", vb);
	long long anon_b = location_id(&r, want);
	http_resp_free(&r);
	CHECK(anon_b > 0 && db_int("SELECT count(*) FROM bezoek WHERE id = %lld AND visitor_name IS NULL AND contact IS NULL"
	                           " AND consent_follow_up = 0 AND outcome = 'open'", anon_b) == 1,
	      "walk-in: stored without a name, open");
	snprintf(form, sizeof form, "datum=%s&naam=Kees+Brouwer&vraag=Mijn+buren+hebben+honger.&contact=06+11122233"
	         "&toestemming_vervolg=1", today);
	CHECK(agent_post(&gebied, path, form, &r) == 303, "walk-in: a named visitor");
	long long named = location_id(&r, want);
	http_resp_free(&r);
	CHECK(db_int("SELECT count(*) FROM bezoek WHERE id = %lld AND visitor_name = 'Kees Brouwer' AND"
	             " contact = '06 11122233' AND consent_follow_up = 1", named) == 1,
	      "walk-in: name, contact and consent stored");
	CHECK(db_int("SELECT count(*) FROM audit WHERE action = 'bezoek.create' AND object_id IN (%lld, %lld)", anon_b, named) == 2,
	      "walk-in: registering is audited");
	snprintf(path, sizeof path, "/spreekuren/%lld?datum=%s&vastgelegd=%lld", vb, today, named);
	CHECK(agent_get(&gebied, path, &r) == 200 && http_body_has(&r, "Het bezoek is vastgelegd.") &&
	      http_body_has(&r, "Kees Brouwer") && http_body_has(&r, "Anoniem"),
	      "walk-in: the page confirms and lists both walk-ins");
	http_resp_free(&r);

	/* ---- quick search and linking ---------------------------------------- */
	long long hh = db_int("SELECT huishouden_id FROM persoon WHERE first_name = 'Grietje'");
	long long cons_id = db_int("SELECT id FROM medewerker WHERE username = 'consulent'");
	ts_db_exec(&S, "UPDATE huishouden SET regisseur_id = %lld WHERE id = %lld", cons_id, hh);
	snprintf(path, sizeof path, "/spreekuren/%lld?datum=%s&q=grietje", vb, today);
	CHECK(agent_get(&gebied, path, &r) == 200 && http_body_has(&r, "Grietje") && http_body_has(&r, "Vetkampstraat") &&
	      http_body_has(&r, "Sanne de Boer"), "search: a hit shows the household and its regisseur");
	snprintf(want, sizeof want, "name=\"koppel\" value=\"%lld\"", hh);
	CHECK(http_body_has(&r, want), "search: a hit offers to link the walk-in to the household");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/spreekuren/%lld?datum=%s&q=onbekendenaam", vb, today);
	CHECK(agent_get(&gebied, path, &r) == 200 && http_body_has(&r, "Niemand gevonden"), "search: unknown says so");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/spreekuren/%lld?datum=%s&huishouden=%lld", vb, today, hh);
	CHECK(agent_get(&gebied, path, &r) == 200 && http_body_has(&r, "Gekoppeld aan het huishouden Vetkampstraat 41") &&
	      http_body_has(&r, "regisseur: Sanne de Boer"), "link: the walk-in form carries the household");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/spreekuren/%lld/bezoeken", vb);
	snprintf(form, sizeof form, "datum=%s&vraag=Hulp+bij+de+administratie&huishouden=%lld", today, hh);
	CHECK(agent_post(&gebied, path, form, &r) == 303, "link: a walk-in registered for a known household");
	long long linked = location_id(&r, "/spreekuren/");
	http_resp_free(&r);
	CHECK(db_int("SELECT huishouden_id FROM bezoek WHERE id = %lld", linked) == hh &&
	      db_int("SELECT count(*) FROM audit WHERE action = 'bezoek.create' AND object_id = %lld AND huishouden_id = %lld",
	             linked, hh) == 1, "link: stored with the household, audited with it");
	snprintf(form, sizeof form, "datum=%s&vraag=Hulp&huishouden=999999", today);
	CHECK(agent_post(&gebied, path, form, &r) == 422 && http_body_has(&r, "Dit huishouden bestaat niet."),
	      "link: an unknown household is refused");
	http_resp_free(&r);
	/* Issue 12 item 3: the quick search is part of the walk-in form; it
	 * keeps what was typed and registers nothing. */
	long long visits = db_int("SELECT count(*) FROM bezoek");
	snprintf(form, sizeof form, "datum=%s&naam=Fatima+Bakker&vraag=Vraag+over+de+huurtoeslag&contact=06+55544433"
	         "&toestemming_vervolg=1&q=grietje&gezocht=&actie=zoeken", today);
	CHECK(agent_post(&gebied, path, form, &r) == 200 && http_body_has(&r, "value=\"Fatima Bakker\"") &&
	      http_body_has(&r, ">Vraag over de huurtoeslag</textarea>") && http_body_has(&r, "value=\"06 55544433\"") &&
	      http_body_has(&r, "id=\"toestemming_vervolg\" name=\"toestemming_vervolg\" value=\"1\" checked") &&
	      http_body_has(&r, "Vetkampstraat") && http_body_has(&r, want) && db_int("SELECT count(*) FROM bezoek") == visits,
	      "search in the form: the walk-in as typed comes back with the hits, nothing registered");
	http_resp_free(&r);
	snprintf(form, sizeof form, "datum=%s&naam=Fatima+Bakker&vraag=Vraag+over+de+huurtoeslag&contact=&q=grietje"
	         "&gezocht=grietje&koppel=%lld", today, hh);
	CHECK(agent_post(&gebied, path, form, &r) == 200 && http_body_has(&r, "Gekoppeld aan het huishouden Vetkampstraat 41") &&
	      http_body_has(&r, ">Vraag over de huurtoeslag</textarea>") && http_body_has(&r, "value=\"Fatima Bakker\"") &&
	      db_int("SELECT count(*) FROM bezoek") == visits,
	      "linking a hit: the walk-in keeps its input and carries the household, nothing registered");
	http_resp_free(&r);
	snprintf(form, sizeof form, "datum=%s&naam=Fatima+Bakker&vraag=Vraag+over+de+huurtoeslag&huishouden=%lld&q=grietje"
	         "&gezocht=grietje&actie=ontkoppelen", today, hh);
	CHECK(agent_post(&gebied, path, form, &r) == 200 && !http_body_has(&r, "Gekoppeld aan het huishouden") &&
	      http_body_has(&r, ">Vraag over de huurtoeslag</textarea>") && db_int("SELECT count(*) FROM bezoek") == visits,
	      "'niet koppelen' drops the household and keeps the input");
	http_resp_free(&r);
	snprintf(form, sizeof form, "datum=%s&naam=Fatima+Bakker&vraag=Vraag+over+de+huurtoeslag&q=3862+CK+41&gezocht=grietje"
	         "&actie=enter", today);
	CHECK(agent_post(&gebied, path, form, &r) == 200 && http_body_has(&r, "Vetkampstraat") &&
	      db_int("SELECT count(*) FROM bezoek") == visits,
	      "Enter after typing a new search term searches, it does not register");
	http_resp_free(&r);
	snprintf(form, sizeof form, "datum=%s&vraag=&q=&gezocht=&actie=zoeken", today);
	CHECK(agent_post(&gebied, path, form, &r) == 200 && !http_body_has(&r, "Dit veld is verplicht.") &&
	      db_int("SELECT count(*) FROM bezoek") == visits, "searching with an empty walk-in shows no errors");
	http_resp_free(&r);
	snprintf(form, sizeof form, "datum=%s&naam=Fatima+Bakker&vraag=Vraag+over+de+huurtoeslag&huishouden=%lld&q=3862+CK+41"
	         "&gezocht=3862+CK+41&actie=enter", today, hh);
	CHECK(agent_post(&gebied, path, form, &r) == 303 && db_int("SELECT count(*) FROM bezoek") == visits + 1 &&
	      db_int("SELECT count(*) FROM bezoek WHERE visitor_name = 'Fatima Bakker' AND huishouden_id = %lld", hh) == 1,
	      "Enter with the search already shown registers, as before; 'Bezoek vastleggen' registers the walk-in");
	http_resp_free(&r);
	/* Out of the way of the counts below. */
	ts_db_exec(&S, "DELETE FROM bezoek WHERE visitor_name = 'Fatima Bakker'");
	snprintf(path, sizeof path, "/spreekuren/%lld?datum=%s&vastgelegd=1", vb, today);
	CHECK(agent_get(&gebied, path, &r) == 200 && http_body_has(&r, "data-inloop-vastgelegd") &&
	      http_body_has(&r, "/static/js/inloop.js"),
	      "the confirmation carries the marker the walk-in script clears its kept copy on");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/spreekuren/%lld/bezoeken", vb);
	/* Security item 10: the quick searches are GET forms; a BSN in them is
	 * neither searched nor echoed. */
	snprintf(path, sizeof path, "/bezoeken/%lld?q=bsn+725763863", named);
	CHECK(agent_get(&gebied, path, &r) >= 0 && !http_body_has(&r, "725763863") &&
	      http_body_has(&r, "Een BSN hoort niet in een webadres"),
	      "the bezoek page's search: a BSN is neither searched nor echoed");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/spreekuren/%lld?q=7257.63.863", vb);
	CHECK(agent_get(&gebied, path, &r) >= 0 && !http_body_has(&r, "7257.63.863") &&
	      http_body_has(&r, "Een BSN hoort niet in een webadres"),
	      "the spreekuur page's quick search: a BSN is neither searched nor echoed");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/bezoeken/%lld?q=3862+CK+41", named);
	CHECK(agent_get(&gebied, path, &r) == 200 && http_body_has(&r, "Vetkampstraat") && http_body_has(&r, "Koppelen"),
	      "link: the bezoek page's search finds the household by postcode");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/bezoeken/%lld/koppelen", named);
	snprintf(form, sizeof form, "huishouden=%lld&versie=1", hh);
	CHECK(post_status(&gebied, path, form) == 303 &&
	      db_int("SELECT huishouden_id FROM bezoek WHERE id = %lld", named) == hh &&
	      db_int("SELECT count(*) FROM audit WHERE action = 'bezoek.koppelen' AND object_id = %lld", named) == 1,
	      "link: an open walk-in is linked afterwards, audited");
	CHECK(post_status(&gebied, path, form) == 409, "link: a stale version is refused");
	/* Issue 12 item 3: search and link are part of the closing form, so
	 * what was typed there comes back unsaved. */
	snprintf(path, sizeof path, "/bezoeken/%lld/afronden", named);
	CHECK(agent_post(&gebied, path, "uitkomst=informatie_gegeven&versie=2&notitie=Folder+over+mantelzorg"
	                                "&q=3862+CK+41&gezocht=&actie=zoeken", &r) == 200 &&
	      http_body_has(&r, "Folder over mantelzorg") && http_body_has(&r, "name=\"koppel\"") &&
	      http_body_has(&r, "value=\"informatie_gegeven\" checked") &&
	      db_int("SELECT count(*) FROM bezoek WHERE id = %lld AND outcome = 'open' AND version = 2", named) == 1,
	      "close form: Zoeken keeps the closing typed and closes nothing");
	http_resp_free(&r);
	snprintf(form, sizeof form, "uitkomst=informatie_gegeven&versie=2&notitie=Folder+over+mantelzorg"
	         "&q=3862+CK+41&gezocht=3862+CK+41&koppel=%lld", hh);
	CHECK(agent_post(&gebied, path, form, &r) == 200 && http_body_has(&r, "Het bezoek is gekoppeld aan het huishouden") &&
	      http_body_has(&r, "Folder over mantelzorg") && http_body_has(&r, "name=\"versie\" value=\"3\"") &&
	      db_int("SELECT count(*) FROM bezoek WHERE id = %lld AND outcome = 'open' AND version = 3"
	             " AND huishouden_id = %lld", named, hh) == 1 &&
	      db_int("SELECT count(*) FROM audit WHERE action = 'bezoek.koppelen' AND object_id = %lld", named) == 2,
	      "close form: a hit's Koppelen links (audited), the closing comes back typed with the new version");
	http_resp_free(&r);
	CHECK(agent_post(&gebied, path, form, &r) == 409 && http_body_has(&r, "intussen gewijzigd"),
	      "close form: linking from a stale page is refused");
	http_resp_free(&r);

	/* ---- the bezoek page and closing -------------------------------------- */
	snprintf(path, sizeof path, "/bezoeken/%lld", anon_b);
	CHECK(agent_get(&gebied, path, &r) == 200 && http_body_has(&r, "een anonieme bezoeker") &&
	      http_body_has(&r, "In het gebied van dit spreekuur") && http_body_has(&r, "Meedoenplein"),
	      "bezoek: the page offers the sociale kaart, the spreekuur's gebied first");
	snprintf(want, sizeof want, "/aanmeldingen/nieuw?bezoek=%lld", anon_b);
	CHECK(http_body_has(&r, want), "bezoek: 'aanmelding maken' leads to the aanmelding form");
	snprintf(want, sizeof want, "/signalen/nieuw?bezoek=%lld", anon_b);
	CHECK(http_body_has(&r, want), "bezoek: a signal about someone else can be recorded from it");
	http_resp_free(&r);
	CHECK(db_int("SELECT count(*) FROM audit WHERE action = 'bezoek.view' AND object_id = %lld", anon_b) == 1,
	      "bezoek: viewing it is audited");
	snprintf(path, sizeof path, "/bezoeken/%lld/afronden", anon_b);
	CHECK(agent_post(&gebied, path, "versie=1&notitie=Folder+meegegeven", &r) == 422 &&
	      http_body_has(&r, "Folder meegegeven"), "close: an outcome is required, the note kept");
	http_resp_free(&r);
	CHECK(agent_post(&gebied, path, "uitkomst=doorverwezen&versie=1", &r) == 422 &&
	      http_body_has(&r, "Kies naar welke voorziening van de sociale kaart u heeft doorverwezen."),
	      "close: a referral needs a sociale kaart entry");
	http_resp_free(&r);
	CHECK(agent_post(&gebied, path, "uitkomst=informatie_gegeven&versie=7", &r) == 409 &&
	      http_body_has(&r, "intussen gewijzigd"), "close: a stale version is refused");
	http_resp_free(&r);
	CHECK(post_status(&gebied, path, "uitkomst=informatie_gegeven&versie=1&notitie=Folder+schuldhulp+meegegeven") == 303 &&
	      db_int("SELECT count(*) FROM bezoek WHERE id = %lld AND outcome = 'informatie_gegeven'"
	             " AND outcome_note = 'Folder schuldhulp meegegeven'", anon_b) == 1,
	      "close: informatie gegeven");
	CHECK(db_int("SELECT count(*) FROM audit WHERE action = 'bezoek.afronden' AND object_id = %lld", anon_b) == 1,
	      "close: audited");
	CHECK(agent_post(&gebied, path, "uitkomst=doorverwezen&versie=2&sociale_kaart=1", &r) == 409 &&
	      http_body_has(&r, "al afgerond"), "close: a second close is refused");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/bezoeken/%lld", anon_b);
	CHECK(agent_get(&gebied, path, &r) == 200 && http_body_has(&r, "Informatie gegeven") &&
	      !http_body_has(&r, "name=\"uitkomst\""), "close: a closed bezoek shows its outcome, no form");
	http_resp_free(&r);
	long long kaart = db_int("SELECT id FROM sociale_kaart WHERE name = 'Schuldhulp Maatjes'");
	snprintf(path, sizeof path, "/bezoeken/%lld/afronden", named);
	snprintf(form, sizeof form, "uitkomst=doorverwezen&versie=3&sociale_kaart=%lld", kaart);
	CHECK(post_status(&gebied, path, form) == 303 &&
	      db_int("SELECT sociale_kaart_id FROM bezoek WHERE id = %lld AND outcome = 'doorverwezen'", named) == kaart,
	      "close: doorverwezen naar Schuldhulp Maatjes");

	/* ---- who may see a bezoek -------------------------------------------- */
	snprintf(path, sizeof path, "/bezoeken/%lld", named);
	CHECK(get_status(&tl, path) == 200, "access: a teamleider sees the bezoek");
	CHECK(get_status(&cons, path) == 403, "access: a consulent who does not staff the spreekuur does not");
	CHECK(get_status(&anna, path) == 403, "access: nor does a consulent of the other team");
	CHECK(get_status(&beh, path) == 403 && get_status(&priv, path) == 403, "access: beheerder and privacy officer not");
	snprintf(path, sizeof path, "/spreekuren/%lld?datum=%s", vb, today);
	CHECK(agent_get(&anna, path, &r) == 200 && !http_body_has(&r, "Kees Brouwer"),
	      "access: others' walk-ins are not listed for a non-staff employee");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/spreekuren/%lld/bezoeken", vb);
	snprintf(form, sizeof form, "datum=%s&naam=Truus&vraag=Waar+is+de+bibliotheek%%3F", today);
	CHECK(post_status(&anna, path, form) == 303, "access: any case worker may register a walk-in (a stand-in)");
	long long annas = db_int("SELECT max(id) FROM bezoek");
	snprintf(path, sizeof path, "/bezoeken/%lld", annas);
	CHECK(get_status(&anna, path) == 200 && get_status(&gebied, path) == 200,
	      "access: the one who registered it and the staff see it");

	/* ---- API -------------------------------------------------------------- */
	json_t *j;
	CHECK(api(&anon, "GET", "/api/v1/spreekuren", NULL, NULL) == 401 &&
	      api(&anon, "GET", "/api/v1/locaties", NULL, NULL) == 401 &&
	      api(&anon, "GET", "/api/v1/bezoeken/1", NULL, NULL) == 401, "api: 401 without a session");
	CHECK(api(&gebied, "GET", "/api/v1/locaties", NULL, &j) == 200 && json_array_size(json_object_get(j, "locaties")) == 4,
	      "api: locaties lists the active ones");
	json_decref(j);
	CHECK(api(&beh, "GET", "/api/v1/locaties?alle=1", NULL, &j) == 200 && json_array_size(json_object_get(j, "locaties")) == 5,
	      "api: locaties?alle=1 includes inactive ones");
	json_decref(j);
	CHECK(api(&priv, "GET", "/api/v1/locaties", NULL, NULL) == 403, "api: the privacy officer has no use for locations");
	CHECK(api(&gebied, "GET", "/api/v1/spreekuren", NULL, &j) == 200 && json_array_size(json_object_get(j, "spreekuren")) == 5,
	      "api: the whole schedule");
	json_decref(j);
	CHECK(api(&gebied, "GET", "/api/v1/spreekuren?week=31-02-2026", NULL, &j) == 422 && has_field_error(j, "week"),
	      "api: a week that is no date is 422");
	json_decref(j);
	CHECK(api(&gebied, "POST", "/api/v1/spreekuren", "{}", NULL) == 403, "api: a gebiedsteam member cannot schedule");
	CHECK(api(&tl, "POST", "/api/v1/spreekuren", "{}", &j) == 422 && has_field_error(j, "locatie") &&
	      has_field_error(j, "weekdag") && has_field_error(j, "begintijd") && has_field_error(j, "eindtijd") &&
	      has_field_error(j, "geldig_vanaf") && has_field_error(j, "medewerkers"), "api: 422 names every field");
	json_decref(j);
	long long loc = db_int("SELECT id FROM locatie WHERE name = 'Seniorencentrum De Bron'");
	long long geb = db_int("SELECT id FROM medewerker WHERE username = 'gebiedsteam'");
	char body[512];
	snprintf(body, sizeof body, "{\"locatie\": %lld, \"weekdag\": 1, \"begintijd\": \"11:00\", \"eindtijd\": \"10:00\","
	         " \"geldig_vanaf\": \"2026-01-05\", \"medewerkers\": [%lld]}", loc, geb);
	CHECK(api(&tl, "POST", "/api/v1/spreekuren", body, &j) == 422 && has_field_error(j, "eindtijd"),
	      "api: the end time must follow the start");
	json_decref(j);
	snprintf(body, sizeof body, "{\"locatie\": %lld, \"weekdag\": 1, \"begintijd\": \"10:00\", \"eindtijd\": \"11:00\","
	         " \"geldig_vanaf\": \"2026-01-05\", \"medewerkers\": [\"x\"]}", loc);
	CHECK(api(&tl, "POST", "/api/v1/spreekuren", body, &j) == 422 && has_field_error(j, "medewerkers"),
	      "api: staff must be employee ids");
	json_decref(j);
	snprintf(body, sizeof body, "{\"locatie\": %lld, \"weekdag\": 1, \"begintijd\": \"10:00\", \"eindtijd\": \"11:00\","
	         " \"geldig_vanaf\": \"2026-01-05\", \"medewerkers\": [%lld]}", loc, geb);
	struct http_resp hr;
	json_t *created = NULL;
	CHECK(agent_api(&beh, "POST", "/api/v1/spreekuren", body, &hr, &created) == 201 &&
	      json_is_true(json_object_get(created, "actief")) &&
	      json_array_size(json_object_get(created, "medewerkers")) == 1, "api: POST creates an active spreekuur");
	char lochdr[128];
	long long api_s = json_integer_value(json_object_get(created, "id"));
	snprintf(want, sizeof want, "/api/v1/spreekuren/%lld", api_s);
	CHECK(http_header(&hr, "Location", lochdr, sizeof lochdr) && strcmp(lochdr, want) == 0, "api: with its Location");
	http_resp_free(&hr);
	json_decref(created);
	CHECK(api(&gebied, "GET", want, NULL, &j) == 200 && json_integer_value(json_object_get(j, "versie")) == 1 &&
	      strcmp(json_string_value(json_object_get(j, "begintijd")) ?: "", "10:00") == 0, "api: GET one spreekuur");
	json_decref(j);
	CHECK(api(&gebied, "GET", "/api/v1/spreekuren/999999", NULL, NULL) == 404, "api: unknown spreekuur is 404");
	snprintf(body, sizeof body, "{\"locatie\": %lld, \"weekdag\": 2, \"begintijd\": \"10:00\", \"eindtijd\": \"11:30\","
	         " \"geldig_vanaf\": \"2026-01-05\", \"medewerkers\": [%lld], \"versie\": 1}", loc, geb);
	CHECK(api(&tl, "PUT", want, body, &j) == 200 && json_integer_value(json_object_get(j, "versie")) == 2 &&
	      json_integer_value(json_object_get(j, "weekdag")) == 2, "api: PUT changes it");
	json_decref(j);
	CHECK(api(&tl, "PUT", want, body, &j) == 409 && json_integer_value(json_object_get(json_object_get(j, "huidig"), "versie")) == 2,
	      "api: PUT with a stale version is 409 with what is stored");
	json_decref(j);
	CHECK(api(&tl, "PUT", want, "{\"versie\": 2}", &j) == 422 && has_field_error(j, "locatie"), "api: PUT 422");
	json_decref(j);
	CHECK(api(&tl, "PUT", "/api/v1/spreekuren/999999", body, NULL) == 404, "api: PUT unknown is 404");
	CHECK(api(&gebied, "PUT", want, body, NULL) == 403, "api: PUT by a gebiedsteam member is 403");

	snprintf(path, sizeof path, "/api/v1/spreekuren/%lld/bezoeken", vb);
	CHECK(api(&gebied, "GET", path, NULL, &j) == 200 && json_array_size(json_object_get(j, "bezoeken")) == 4 &&
	      strcmp(json_string_value(json_object_get(j, "datum")) ?: "", today) == 0,
	      "api: today's walk-ins for the staff");
	json_decref(j);
	CHECK(api(&anna, "GET", path, NULL, &j) == 200 && json_array_size(json_object_get(j, "bezoeken")) == 1,
	      "api: only one's own for another employee");
	json_decref(j);
	snprintf(path, sizeof path, "/api/v1/spreekuren/%lld/bezoeken?datum=morgen", vb);
	CHECK(api(&gebied, "GET", path, NULL, &j) == 422 && has_field_error(j, "datum"), "api: a bad datum is 422");
	json_decref(j);
	CHECK(api(&gebied, "GET", "/api/v1/spreekuren/999999/bezoeken", NULL, NULL) == 404, "api: walk-ins of nothing is 404");
	snprintf(path, sizeof path, "/api/v1/spreekuren/%lld/bezoeken", vb);
	CHECK(api(&gebied, "POST", path, "{\"naam\": \"Ali\"}", &j) == 422 && has_field_error(j, "vraag"),
	      "api: a walk-in needs its question");
	json_decref(j);
	CHECK(api(&gebied, "POST", path, "{\"vraag\": \"Hulp\", \"toestemming_vervolg\": \"ja\"}", &j) == 422 &&
	      has_field_error(j, "toestemming_vervolg"), "api: consent is a boolean");
	json_decref(j);
	CHECK(api(&gebied, "POST", "/api/v1/spreekuren/999999/bezoeken", "{\"vraag\": \"Hulp\"}", NULL) == 404,
	      "api: a walk-in at an unknown spreekuur is 404");
	CHECK(api(&gebied, "POST", path, "{\"vraag\": \"Ik zoek werk\", \"contact\": \"ali@example.nl\","
	          " \"toestemming_vervolg\": true}", &j) == 201 &&
	      strcmp(json_string_value(json_object_get(j, "datum")) ?: "", today) == 0 &&
	      json_is_true(json_object_get(j, "toestemming_vervolg")) && !json_object_get(j, "naam") &&
	      strcmp(json_string_value(json_object_get(j, "uitkomst")) ?: "", "open") == 0,
	      "api: POST registers an anonymous walk-in for today");
	long long api_b = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	snprintf(path, sizeof path, "/api/v1/bezoeken/%lld", api_b);
	CHECK(api(&tl, "GET", path, NULL, &j) == 200 && json_integer_value(json_object_get(j, "id")) == api_b,
	      "api: GET a bezoek");
	json_decref(j);
	CHECK(api(&anna, "GET", path, NULL, &j) == 403 &&
	      strcmp(json_string_value(json_object_get(json_object_get(j, "error"), "code")) ?: "", "forbidden") == 0,
	      "api: 403 for an employee without a role in it");
	json_decref(j);
	CHECK(api(&gebied, "GET", "/api/v1/bezoeken/999999", NULL, NULL) == 404, "api: unknown bezoek is 404");
	snprintf(path, sizeof path, "/api/v1/bezoeken/%lld/afronden", api_b);
	CHECK(api(&gebied, "POST", path, "{}", &j) == 422 && has_field_error(j, "uitkomst") && has_field_error(j, "versie"),
	      "api: afronden needs an outcome and the version");
	json_decref(j);
	CHECK(api(&gebied, "POST", path, "{\"uitkomst\": \"aanmelding\", \"versie\": 1}", &j) == 422 &&
	      has_field_error(j, "uitkomst"), "api: an aanmelding is made through the aanmelding, not here");
	json_decref(j);
	CHECK(api(&gebied, "POST", path, "{\"uitkomst\": \"doorverwezen\", \"versie\": 1}", &j) == 422 &&
	      has_field_error(j, "sociale_kaart"), "api: a referral needs a sociale kaart entry");
	json_decref(j);
	CHECK(api(&anna, "POST", path, "{\"uitkomst\": \"informatie_gegeven\", \"versie\": 1}", NULL) == 403,
	      "api: afronden by an outsider is 403");
	CHECK(api(&gebied, "POST", path, "{\"uitkomst\": \"informatie_gegeven\", \"versie\": 5}", &j) == 409 &&
	      json_object_get(j, "huidig"), "api: a stale version is 409");
	json_decref(j);
	snprintf(body, sizeof body, "{\"uitkomst\": \"doorverwezen\", \"sociale_kaart\": %lld, \"notitie\": \"Afspraak gemaakt\","
	         " \"versie\": 1}", kaart);
	CHECK(api(&gebied, "POST", path, body, &j) == 200 &&
	      strcmp(json_string_value(json_object_get(j, "uitkomst")) ?: "", "doorverwezen") == 0 &&
	      json_integer_value(json_object_get(j, "sociale_kaart_id")) == kaart, "api: afronden as doorverwezen");
	json_decref(j);
	CHECK(api(&gebied, "POST", path, body, &j) == 409 &&
	      strcmp(json_string_value(json_object_get(json_object_get(j, "error"), "code")) ?: "", "conflict") == 0,
	      "api: a second afronden is 409");
	json_decref(j);
	CHECK(api(&gebied, "POST", "/api/v1/bezoeken/999999/afronden", body, NULL) == 404, "api: afronden unknown is 404");

	/* The conversion itself goes through the aanmelding form (tested in
	 * full by test_herkomst); here: the bezoek page afterwards. */
	long long hh1 = db_int("SELECT min(id) FROM huishouden");
	snprintf(body, sizeof body, "bezoek=%lld&huishouden=%lld&kanaal=vindplaats&medium=spreekuur"
	         "&vraag=Hulp+bij+formulieren&urgentie=normaal", annas, hh1);
	CHECK(agent_post(&anna, "/aanmeldingen/nieuw", body, &r) == 303, "conversion: the walk-in becomes an aanmelding");
	http_resp_free(&r);
	long long a1 = db_int("SELECT max(id) FROM aanmelding");
	CHECK(db_int("SELECT count(*) FROM bezoek WHERE id = %lld AND outcome = 'aanmelding' AND aanmelding_id = %lld",
	             annas, a1) == 1, "conversion: the bezoek points at the aanmelding");
	CHECK(agent_post(&anna, "/aanmeldingen/nieuw", body, &r) == 409, "conversion: only once");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/bezoeken/%lld", annas);
	CHECK(agent_get(&anna, path, &r) == 200 && http_body_has(&r, "Aanmelding gemaakt") &&
	      !http_body_has(&r, "name=\"uitkomst\""), "conversion: the bezoek shows it and cannot change again");
	http_resp_free(&r);

	CHECK(ts_stop(&S) == 0, "server stops cleanly");
	T_EXIT();
}
