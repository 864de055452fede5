/* test_voorziening.c - voorzieningen and their reference lists against the
 * real server: the beheerder maintains aanbieders, the sociale kaart and
 * products; a regisseur grants the De Vries household a maatwerk
 * voorziening with a beschikking (validation at the field with input kept,
 * two concurrent saves, the status steps); need-to-know, audit rows, the
 * JSON API with its iWmo/iJw names and every documented error, and the
 * functions other modules call (open count/list, earliest end). */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db.h"
#include "db_referentie.h"
#include "db_voorziening.h"
#include "http_client.h"
#include "testutil.h"

static struct test_server S;
static char today[11], year[5], end_date[11], csrf_hdr[160];
static char yesterday[11], tomorrow[11], in_ten_days[11];

/* The date offset days from today, counted from local noon. */
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

#define db_int(...) ts_db_int(&S, __VA_ARGS__)

static char *field_value(const char *body, const char *name)
{
	char needle[64];
	snprintf(needle, sizeof needle, "name=\"%s\" value=\"", name);
	const char *p = body ? strstr(body, needle) : NULL;
	if (!p)
		return NULL;
	p += strlen(needle);
	const char *end = strchr(p, '"');
	return end ? strndup(p, (size_t)(end - p)) : NULL;
}

/* POST form to path (CSRF from path's own page or from `page`); returns
 * the status, keeps the response in *out. */
static int post(struct client *c, const char *page, const char *path, const char *form, struct http_resp *out)
{
	return client_post_with_csrf(c, page, path, form, out) == 0 ? out->status : -1;
}

static int get(struct client *c, const char *path, struct http_resp *out)
{
	return client_get(c, path, out) == 0 ? out->status : -1;
}

static int api(struct client *c, const char *method, const char *path, const char *json, struct http_resp *out)
{
	return client_request(c, method, path, json ? "application/json" : NULL, json, csrf_hdr, out) == 0
	           ? out->status : -1;
}

static void set_api_csrf(struct client *c)
{
	struct http_resp j;
	client_get(c, "/api/v1/sessie", &j);
	char *p = j.body ? strstr(j.body, "\"csrf\":\"") : NULL;
	if (p) {
		char *end = strchr(p + 8, '"');
		snprintf(csrf_hdr, sizeof csrf_hdr, "X-CSRF-Token: %.*s\r\n", end ? (int)(end - p - 8) : 0, p + 8);
	}
	http_resp_free(&j);
}

/* The id at the end of a Location header such as /voorzieningen/12?x=1. */
static long long location_id(const struct http_resp *r, const char *prefix)
{
	char loc[256];
	if (!http_header(r, "Location", loc, sizeof loc) || strncmp(loc, prefix, strlen(prefix)) != 0)
		return -1;
	return atoll(loc + strlen(prefix));
}

static void reference_lists(struct client *beh)
{
	struct http_resp r;
	/* Aanbieders. */
	CHECK(get(beh, "/beheer/aanbieders", &r) == 200 && http_body_has(&r, "Nieuwe aanbieder"), "beheer: aanbieders list");
	http_resp_free(&r);
	CHECK(post(beh, "/beheer/aanbieders/nieuw", "/beheer/aanbieders/nieuw",
	           "naam=Thuiszorg+Gelderse+Vallei&soort=Thuiszorg&agb_code=1234&actief=1", &r) == 422 &&
	      http_body_has(&r, "Een AGB-code bestaat uit 8 cijfers") && http_body_has(&r, "value=\"Thuiszorg Gelderse Vallei\""),
	      "beheer: an AGB code of 4 digits is refused at the field, input kept");
	http_resp_free(&r);
	CHECK(post(beh, "/beheer/aanbieders/nieuw", "/beheer/aanbieders/nieuw",
	           "naam=Thuiszorg+Gelderse+Vallei&soort=Thuiszorg&agb_code=75750123&contact=0318+123+456&actief=1", &r) == 303,
	      "beheer: aanbieder created");
	http_resp_free(&r);
	CHECK(post(beh, "/beheer/aanbieders/nieuw", "/beheer/aanbieders/nieuw",
	           "naam=Jeugdhulp+Veluwe+Vallei&soort=Jeugdhulp+ambulant&agb_code=73731234&actief=1", &r) == 303,
	      "beheer: second aanbieder created");
	http_resp_free(&r);
	CHECK(post(beh, "/beheer/aanbieders/nieuw", "/beheer/aanbieders/nieuw",
	           "naam=Thuiszorg+Gelderse+Vallei&soort=Thuiszorg&actief=1", &r) == 422 &&
	      http_body_has(&r, "Er is al een aanbieder met deze naam."), "beheer: a duplicate name is refused");
	http_resp_free(&r);
	CHECK(post(beh, "/beheer/aanbieders/nieuw", "/beheer/aanbieders/nieuw", "naam=Oud+Bureau&soort=Overig", &r) == 303,
	      "beheer: an inactive aanbieder is created (no actief box)");
	http_resp_free(&r);
	long long old = db_int("SELECT id FROM aanbieder WHERE name = 'Oud Bureau' AND active = 0");
	CHECK(old > 0, "beheer: unchecked actief stores an inactive aanbieder");
	char path[128], form[512];
	snprintf(path, sizeof path, "/beheer/aanbieders/%lld/bewerken", old);
	CHECK(get(beh, path, &r) == 200 && http_body_has(&r, "value=\"Oud Bureau\""), "beheer: edit form shows the aanbieder");
	http_resp_free(&r);
	CHECK(post(beh, path, path, "naam=Oud+Bureau&soort=Overig&actief=1&versie=1", &r) == 303, "beheer: aanbieder activated");
	http_resp_free(&r);
	CHECK(post(beh, path, path, "naam=Oud+Bureau+BV&soort=Overig&versie=1", &r) == 409 &&
	      http_body_has(&r, "intussen gewijzigd") && http_body_has(&r, "value=\"Oud Bureau BV\""),
	      "beheer: a stale aanbieder save is refused, input kept");
	http_resp_free(&r);
	snprintf(form, sizeof form, "naam=Oud+Bureau&soort=Overig&versie=2");
	CHECK(post(beh, path, path, form, &r) == 303 && db_int("SELECT active FROM aanbieder WHERE id = %lld", old) == 0,
	      "beheer: aanbieder deactivated again");
	http_resp_free(&r);

	/* Sociale kaart. */
	long long gebied = db_int("SELECT min(id) FROM gebied");
	snprintf(form, sizeof form, "naam=Voedselbank+Nijkerk&soort=Voedselhulp&gebied=%lld&contact=Oosterstraat+8"
	         "&omschrijving=Wekelijks+een+pakket&actief=1", gebied);
	CHECK(post(beh, "/beheer/sociale-kaart/nieuw", "/beheer/sociale-kaart/nieuw", form, &r) == 303,
	      "beheer: sociale kaart entry created");
	http_resp_free(&r);
	CHECK(post(beh, "/beheer/sociale-kaart/nieuw", "/beheer/sociale-kaart/nieuw",
	           "naam=Meedoenplein&soort=&gebied=999999&actief=1", &r) == 422 && http_body_has(&r, "Dit veld is verplicht.") &&
	      http_body_has(&r, "Kies een bestaand gebied."), "beheer: sociale kaart needs a kind and a real gebied");
	http_resp_free(&r);
	CHECK(get(beh, "/beheer/sociale-kaart", &r) == 200 && http_body_has(&r, "Voedselbank Nijkerk"),
	      "beheer: sociale kaart list shows the entry");
	http_resp_free(&r);
	long long sk = db_int("SELECT id FROM sociale_kaart WHERE name = 'Voedselbank Nijkerk'");
	snprintf(path, sizeof path, "/beheer/sociale-kaart/%lld/bewerken", sk);
	snprintf(form, sizeof form, "naam=Voedselbank+Nijkerk&soort=Voedselhulp&gebied=%lld&omschrijving=Elke+vrijdag&actief=1&versie=1", gebied);
	CHECK(post(beh, path, path, form, &r) == 303 &&
	      db_int("SELECT count(*) FROM sociale_kaart WHERE id = %lld AND description = 'Elke vrijdag' AND version = 2", sk) == 1,
	      "beheer: sociale kaart entry edited");
	http_resp_free(&r);

	/* Products. */
	CHECK(post(beh, "/beheer/producten/nieuw", "/beheer/producten/nieuw",
	           "categorie=1&code=01a01&naam=Hulp&wettelijke_grondslag=wmo2015&actief=1", &r) == 422 &&
	      http_body_has(&r, "2 cijfers") && http_body_has(&r, "5 cijfers of hoofdletters"),
	      "beheer: product category and code formats are checked");
	http_resp_free(&r);
	CHECK(post(beh, "/beheer/producten/nieuw", "/beheer/producten/nieuw",
	           "categorie=01&code=01HBH&naam=Hulp+bij+het+huishouden&wettelijke_grondslag=wmo2015&actief=1", &r) == 303,
	      "beheer: Wmo product created");
	http_resp_free(&r);
	CHECK(post(beh, "/beheer/producten/nieuw", "/beheer/producten/nieuw",
	           "categorie=45&code=45AMB&naam=Jeugdhulp+ambulant&wettelijke_grondslag=jeugdwet&actief=1", &r) == 303,
	      "beheer: Jeugdwet product created");
	http_resp_free(&r);
	CHECK(post(beh, "/beheer/producten/nieuw", "/beheer/producten/nieuw",
	           "categorie=01&code=01HBH&naam=Dubbel&wettelijke_grondslag=wmo2015&actief=1", &r) == 422 &&
	      http_body_has(&r, "Er is al een product met deze categorie en code."), "beheer: duplicate product refused");
	http_resp_free(&r);
	long long prod = db_int("SELECT id FROM product WHERE code = '45AMB'");
	snprintf(path, sizeof path, "/beheer/producten/%lld/bewerken", prod);
	CHECK(get(beh, path, &r) == 200 && http_body_has(&r, "value=\"45AMB\""), "beheer: product edit form");
	http_resp_free(&r);
	CHECK(post(beh, path, path, "categorie=45&code=45AMB&naam=Jeugdhulp+ambulant+individueel&wettelijke_grondslag=jeugdwet&actief=1", &r) == 303,
	      "beheer: product renamed");
	http_resp_free(&r);
	CHECK(get(beh, "/beheer/producten", &r) == 200 && http_body_has(&r, "Jeugdhulp ambulant individueel") &&
	      http_body_has(&r, "Jeugdwet"), "beheer: product list");
	http_resp_free(&r);
	CHECK(db_int("SELECT count(*) FROM audit WHERE action IN ('aanbieder.create', 'aanbieder.update',"
	             " 'sociale_kaart.create', 'sociale_kaart.update', 'product.create', 'product.update')"
	             " AND medewerker_id = (SELECT id FROM medewerker WHERE username = 'beheerder')"
	             " AND reason IS NULL") == 10 &&
	      db_int("SELECT count(*) FROM audit WHERE action IN ('aanbieder.list', 'sociale_kaart.list', 'product.list')") >= 3,
	      "beheer: every change and view of the reference lists is audited");
}

int main(void)
{
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(today, sizeof today, "%Y-%m-%d", &tm);
	strftime(year, sizeof year, "%Y", &tm);
	snprintf(end_date, sizeof end_date, "%d-06-30", tm.tm_year + 1900 + 1);
	day(-1, yesterday);
	day(1, tomorrow);
	day(10, in_ten_days);

	if (ts_start(&S, (const char *const[]){"--cookie-insecure", NULL}) != 0) {
		T_FAIL("server start", "see %s", S.log);
		T_EXIT();
	}
	/* The demo data seeds the reference lists; this test builds its own. */
	CHECK(ts_db_exec(&S, "DELETE FROM aanbieder_contract; DELETE FROM product; DELETE FROM sociale_kaart; DELETE FROM aanbieder;") == 0,
	      "demo reference lists cleared for the test's own");
	struct client cons, gebied, beh;
	client_init(&cons, S.port);
	client_init(&gebied, S.port);
	client_init(&beh, S.port);
	CHECK(client_login(&cons, S.users[U_CONSULENT].username, S.users[U_CONSULENT].password) == 303, "consulent signs in");
	CHECK(client_login(&gebied, S.users[U_GEBIEDSTEAM].username, S.users[U_GEBIEDSTEAM].password) == 303, "gebiedsteam signs in");
	CHECK(client_login(&beh, S.users[U_BEHEERDER].username, S.users[U_BEHEERDER].password) == 303, "beheerder signs in");

	reference_lists(&beh);

	/* The De Vries household with the consulent as regisseur, a plan and a
	 * goal (written directly: other modules own those tables). */
	long long cons_id = db_int("SELECT id FROM medewerker WHERE username = '%s'", S.users[U_CONSULENT].username);
	CHECK(ts_db_exec(&S,
	      "INSERT INTO huishouden(street, house_number, postcode, city, opened_at, regisseur_id) VALUES"
	      " ('Kerkstraat', 12, '3861 AB', 'Nijkerk', strftime('%%s','now'), %lld);"
	      "INSERT INTO persoon(huishouden_id, first_name, name_prefix, last_name, birth_date, role) VALUES"
	      " (last_insert_rowid(), 'Els', 'de', 'Vries', '1975-06-14', 'partner');"
	      "INSERT INTO plan(huishouden_id, created_by, created_at) SELECT max(id), %lld, strftime('%%s','now') FROM huishouden;"
	      "INSERT INTO doel(plan_id, domain, wish, target_date, created_by, created_at) SELECT max(id),"
	      " 'huiselijke_relaties', 'Els wil de zorg voor oma Riek volhouden zonder op te branden', '%s', %lld,"
	      " strftime('%%s','now') FROM plan;", cons_id, cons_id, end_date, cons_id) == 0, "De Vries household set up");
	long long hh = db_int("SELECT max(id) FROM huishouden");
	long long els = db_int("SELECT max(id) FROM persoon");
	long long doel = db_int("SELECT max(id) FROM doel");
	long long thuiszorg = db_int("SELECT id FROM aanbieder WHERE name = 'Thuiszorg Gelderse Vallei'");
	long long oud = db_int("SELECT id FROM aanbieder WHERE name = 'Oud Bureau'");
	long long sk = db_int("SELECT id FROM sociale_kaart WHERE name = 'Voedselbank Nijkerk'");

	/* ---- HTML: a maatwerk voorziening with a beschikking ---- */
	char page[128], path[128], form[1024];
	struct http_resp r;
	snprintf(page, sizeof page, "/huishoudens/%lld/voorzieningen/nieuw", hh);
	CHECK(get(&cons, page, &r) == 200 && http_body_has(&r, "01 01HBH – Hulp bij het huishouden (Wmo 2015)") &&
	      http_body_has(&r, "Els de Vries") && http_body_has(&r, "Els wil de zorg") && http_body_has(&r, "Voedselbank Nijkerk") &&
	      !http_body_has(&r, "Oud Bureau"), "the new form offers products, people, goals, sociale kaart and active aanbieders");
	CHECK(!http_body_has(&r, "name=\"besluitdatum\"") &&
	      http_body_has(&r, "De datum van het besluit legt u vast bij Toekennen of Afwijzen"),
	      "an aanvraag has no decision date: the new form neither asks nor prefills it");
	http_resp_free(&r);
	CHECK(db_int("SELECT count(*) FROM audit WHERE action = 'voorziening.form' AND huishouden_id = %lld", hh) == 1,
	      "the form view is audited with the household");
#define MAATWERK "soort=maatwerk&persoon=%lld&doel=%lld&wettelijke_grondslag=%s&aanbieder=%lld" \
	"&product=%s&volume=3&eenheid=uur&frequentie=per_week&ingangsdatum=%s&einddatum=%s&kosten=%s"
	snprintf(form, sizeof form, MAATWERK, els, doel, "wmo2015", thuiszorg, "01-01HBH", today, "2020-01-01", "1.234,56");
	CHECK(post(&cons, page, page, form, &r) == 422 && http_body_has(&r, "De einddatum ligt voor de ingangsdatum") &&
	      http_body_has(&r, "value=\"1.234,56\""), "an end before the start is refused at the field, input kept");
	http_resp_free(&r);
	snprintf(form, sizeof form, MAATWERK, els, doel, "wmo2015", thuiszorg, "01-01HBH", today, end_date, "-12,50");
	CHECK(post(&cons, page, page, form, &r) == 422 && http_body_has(&r, "Het bedrag kan niet negatief zijn."),
	      "a negative cost is refused");
	http_resp_free(&r);
	snprintf(form, sizeof form, MAATWERK, els, doel, "wmo2015", thuiszorg, "01-99XYZ", today, end_date, "100");
	CHECK(post(&cons, page, page, form, &r) == 422 && http_body_has(&r, "Onbekende productcode"), "an unknown product is refused");
	http_resp_free(&r);
	snprintf(form, sizeof form, MAATWERK, els, doel, "wmo2015", thuiszorg, "45-45AMB", today, end_date, "100");
	CHECK(post(&cons, page, page, form, &r) == 422 && http_body_has(&r, "Dit product valt onder Jeugdwet, niet onder Wmo 2015."),
	      "a product under another legal basis is refused");
	http_resp_free(&r);
	snprintf(form, sizeof form, MAATWERK, els, doel, "wmo2015", oud, "01-01HBH", today, end_date, "100");
	CHECK(post(&cons, page, page, form, &r) == 422 && http_body_has(&r, "Kies een actieve aanbieder."),
	      "an inactive aanbieder is refused");
	http_resp_free(&r);
	snprintf(form, sizeof form, "soort=maatwerk&ingangsdatum=%s", today);
	CHECK(post(&cons, page, page, form, &r) == 422 && http_body_has(&r, "verplicht bij een maatwerkvoorziening") &&
	      http_body_has(&r, "einddatum-fout"), "a beschikking needs every field and an end date");
	http_resp_free(&r);
	snprintf(form, sizeof form, MAATWERK "&besluitdatum=%s", els, doel, "wmo2015", thuiszorg, "01-01HBH", today,
	         end_date, "1.234,56", today);
	CHECK(post(&cons, page, page, form, &r) == 422 && http_body_has(&r, "Datum van het besluit: er is nog geen besluit") &&
	      http_body_has(&r, "value=\"1.234,56\""),
	      "a decision date sent with the aanvraag is refused in the summary, naming the field, input kept");
	http_resp_free(&r);
	snprintf(form, sizeof form, MAATWERK, els, doel, "wmo2015", thuiszorg, "01-01HBH", today, end_date, "1.234,56");
	CHECK(post(&cons, page, page, form, &r) == 303, "the regisseur registers the aanvraag of a maatwerk voorziening");
	long long v1 = location_id(&r, "/voorzieningen/");
	http_resp_free(&r);
	char number[32];
	snprintf(number, sizeof number, "%s000001", year);
	CHECK(db_int("SELECT count(*) FROM voorziening WHERE id = %lld AND toewijzingnummer = '%s' AND cost_cents = 123456"
	             " AND status = 'aangevraagd' AND persoon_id = %lld AND doel_id IS NULL AND decision_date IS NULL"
	             " AND id IN (SELECT voorziening_id FROM voorziening_doel WHERE doel_id = %lld)", v1,
	             number, els, doel) == 1,
	      "stored with a generated toewijzingnummer, cost in cents, person and goal (in voorziening_doel)");
	CHECK(db_int("SELECT count(*) FROM audit WHERE action = 'voorziening.create' AND object_id = %lld AND huishouden_id = %lld",
	             v1, hh) == 1, "the creation is audited with the household");
	{
		char plan[64], link[96];
		snprintf(plan, sizeof plan, "/huishoudens/%lld/plan", hh);
		snprintf(link, sizeof link, "<a class=\"utrecht-link\" href=\"/voorzieningen/%lld\">", v1);
		CHECK(get(&cons, plan, &r) == 200 && http_body_has(&r, "Voorzieningen bij dit doel") && http_body_has(&r, link) &&
		      http_body_has(&r, "Hulp bij het huishouden – Thuiszorg Gelderse Vallei"),
		      "the plan page shows the voorziening under the goal it serves (issue 16 item 1)");
		http_resp_free(&r);
	}
	snprintf(path, sizeof path, "/voorzieningen/%lld", v1);
	CHECK(get(&cons, path, &r) == 200 && http_body_has(&r, "€ 1.234,56") && http_body_has(&r, "3 uur per week") &&
	      http_body_has(&r, number) && http_body_has(&r, "Aangevraagd") && http_body_has(&r, "Toekennen"),
	      "the voorziening page shows the beschikking, Dutch amounts and the possible steps");
	CHECK(http_body_has(&r, "nog geen besluit") && http_body_has(&r, "id=\"besluitdatum\" name=\"besluitdatum\" type=\"date\" value=\"\""),
	      "an aanvraag shows no decision yet; the status form asks the decision date, empty");
	char *versie = field_value(r.body, "versie");
	http_resp_free(&r);
	CHECK(db_int("SELECT count(*) FROM audit WHERE action = 'voorziening.view' AND object_id = %lld AND huishouden_id = %lld",
	             v1, hh) == 1, "the view is audited with the household");

	/* Two concurrent saves of the same version. */
	snprintf(page, sizeof page, "/voorzieningen/%lld/bewerken", v1);
	CHECK(get(&cons, page, &r) == 200 && http_body_has(&r, "value=\"1234,56\""), "the edit form shows the stored values");
	http_resp_free(&r);
	snprintf(form, sizeof form, MAATWERK "&versie=1", els, doel, "wmo2015", thuiszorg, "01-01HBH", today, end_date, "1500");
	CHECK(post(&cons, page, page, form, &r) == 303, "the first of two saves succeeds");
	http_resp_free(&r);
	snprintf(form, sizeof form, MAATWERK "&versie=1", els, doel, "wmo2015", thuiszorg, "01-01HBH", today, end_date, "999,99");
	CHECK(post(&cons, page, page, form, &r) == 409 && http_body_has(&r, "intussen gewijzigd door Sanne de Boer") &&
	      http_body_has(&r, "value=\"999,99\"") && http_body_has(&r, "Intussen opgeslagen: € 1.500,00"),
	      "the second save is refused with who and what changed, input kept");
	http_resp_free(&r);
	CHECK(db_int("SELECT cost_cents FROM voorziening WHERE id = %lld", v1) == 150000, "no silent overwrite");

	/* Status steps. */
	snprintf(page, sizeof page, "/voorzieningen/%lld/status", v1);
	free(versie);
	CHECK(post(&cons, path, page, "actie=starten&versie=2", &r) == 422 &&
	      http_body_has(&r, "Een voorziening met status Aangevraagd kan niet worden gestart."),
	      "an invalid transition is refused");
	http_resp_free(&r);
	char step[256];
	snprintf(step, sizeof step, "actie=toekennen&besluitdatum=%s&versie=1", yesterday);
	CHECK(post(&cons, path, page, step, &r) == 409 && http_body_has(&r, "intussen gewijzigd"),
	      "a status step on a stale version is refused");
	http_resp_free(&r);
	CHECK(post(&cons, path, page, "actie=toekennen&versie=2", &r) == 422 &&
	      http_body_has(&r, "Vul de datum van het besluit in.") && http_body_has(&r, "besluitdatum-fout"),
	      "toekennen needs the decision date, refused at the field");
	http_resp_free(&r);
	snprintf(step, sizeof step, "actie=toekennen&besluitdatum=%s&versie=2", tomorrow);
	CHECK(post(&cons, path, page, step, &r) == 422 && http_body_has(&r, "Deze datum mag niet in de toekomst liggen."),
	      "a decision date in the future is refused");
	http_resp_free(&r);
	snprintf(step, sizeof step, "actie=toekennen&besluitdatum=%s&versie=2", yesterday);
	CHECK(post(&cons, path, page, step, &r) == 303, "toekennen with the decision date");
	http_resp_free(&r);
	CHECK(db_int("SELECT count(*) FROM voorziening WHERE id = %lld AND status = 'toegekend' AND decision_date = '%s'",
	             v1, yesterday) == 1, "the decision date is stored with the step");
	CHECK(post(&cons, path, page, "actie=starten&versie=3", &r) == 422 &&
	      http_body_has(&r, "Vul de datum in waarop de voorziening is gestart."), "starten needs the day it started");
	http_resp_free(&r);
	snprintf(step, sizeof step, "actie=starten&gestart_op=%s&versie=3", yesterday);
	char want[256];
	snprintf(want, sizeof want, "id=\"gestart_op\" name=\"gestart_op\" type=\"date\" value=\"%s\"", yesterday);
	CHECK(post(&cons, path, page, step, &r) == 422 && http_body_has(&r, "ze kan niet eerder gestart zijn") &&
	      http_body_has(&r, "gestart_op-fout") && http_body_has(&r, want),
	      "gestart before the ingangsdatum is refused at the field, the date kept");
	http_resp_free(&r);
	CHECK(db_int("SELECT count(*) FROM voorziening WHERE id = %lld AND status = 'toegekend' AND started_on IS NULL"
	             " AND version = 3", v1) == 1, "the refused start changed nothing");
	snprintf(step, sizeof step, "actie=starten&gestart_op=%s&versie=3", today);
	CHECK(post(&cons, path, page, step, &r) == 303, "starten");
	http_resp_free(&r);
	CHECK(db_int("SELECT count(*) FROM voorziening WHERE id = %lld AND status = 'gestart' AND started_on = '%s'",
	             v1, today) == 1, "the day it started is stored");
	snprintf(path, sizeof path, "/voorzieningen/%lld", v1);
	char yesterday_nl[11], today_nl[11];
	snprintf(yesterday_nl, sizeof yesterday_nl, "%.2s-%.2s-%.4s", yesterday + 8, yesterday + 5, yesterday);
	snprintf(today_nl, sizeof today_nl, "%.2s-%.2s-%.4s", today + 8, today + 5, today);
	snprintf(want, sizeof want, "<dt>Gestart op</dt><dd>%s</dd>", today_nl);
	char want2[256];
	snprintf(want2, sizeof want2, "<dt>Besluit</dt><dd>%s, Wmo 2015</dd>", yesterday_nl);
	CHECK(get(&cons, path, &r) == 200 && http_body_has(&r, want) && http_body_has(&r, want2),
	      "the page shows the decision date and the day it started");
	http_resp_free(&r);
	CHECK(post(&cons, path, page, "actie=beeindigen&versie=4", &r) == 422 && http_body_has(&r, "Kies de reden van beëindigen.") &&
	      http_body_has(&r, "Vul de datum van beëindigen in."), "ending needs a reason and a date");
	http_resp_free(&r);
	CHECK(db_int("SELECT count(*) FROM audit WHERE action IN ('voorziening.toekennen', 'voorziening.starten')"
	             " AND huishouden_id = %lld", hh) == 2, "status steps are audited");

	/* An algemene voorziening starts without a decision. */
	snprintf(page, sizeof page, "/huishoudens/%lld/voorzieningen/nieuw", hh);
	snprintf(form, sizeof form, "soort=algemeen&sociale_kaart=%lld&ingangsdatum=%s&einddatum=%s", sk, today, end_date);
	CHECK(post(&cons, page, page, form, &r) == 303, "an algemene voorziening from the sociale kaart");
	long long v2 = location_id(&r, "/voorzieningen/");
	http_resp_free(&r);
	CHECK(db_int("SELECT count(*) FROM voorziening WHERE id = %lld AND status = 'gestart' AND toewijzingnummer IS NULL"
	             " AND cost_cents IS NULL", v2) == 1, "an algemene voorziening is gestart, without toewijzing");
	snprintf(form, sizeof form, "soort=algemeen&ingangsdatum=%s&einddatum=%s", today, end_date);
	CHECK(post(&cons, page, page, form, &r) == 422 && http_body_has(&r, "Kies een voorziening van de sociale kaart."),
	      "an algemene voorziening names a sociale kaart entry");
	http_resp_free(&r);

	/* Need-to-know. */
	CHECK(get(&gebied, path, &r) == 303, "another employee is sent to the exception form");
	char loc[128];
	CHECK(http_header(&r, "Location", loc, sizeof loc) && strstr(loc, "/toegang"), "... which is the toegang page");
	http_resp_free(&r);
	CHECK(get(&beh, path, &r) == 403, "the beheerder sees no voorzieningen");
	http_resp_free(&r);

	/* ---- API ---- */
	set_api_csrf(&cons);
	snprintf(path, sizeof path, "/api/v1/huishoudens/%lld/voorzieningen", hh);
	/* Els has no BSN: no toewijzing goes to a provider, so no ToewijzingNummer
	 * of the messages (test_berichtenverkeer has one); the beschikking's own
	 * number is there. */
	CHECK(api(&cons, "GET", path, NULL, &r) == 200 && !http_body_has(&r, "\"ToewijzingNummer\"") &&
	      http_body_has(&r, "\"toewijzingnummer\":\"") && http_body_has(&r, "\"Product\":{\"Categorie\":\"01\",\"Code\":\"01HBH\"}") &&
	      http_body_has(&r, "\"Omvang\":{\"Volume\":3,\"Eenheid\":\"04\",\"Frequentie\":\"2\"}") &&
	      http_body_has(&r, "\"Budget\":150000"), "API: list with the iWmo toewijzing fields");
	http_resp_free(&r);
	char body[1024];
#define JSON_MAATWERK "{\"doel_ids\":[%lld],\"soort\":\"maatwerk\",\"wettelijke_grondslag\":\"%s\",\"aanbieder\":%lld," \
	"\"product\":\"%s\",\"volume\":4,\"eenheid\":\"dagdeel\",\"frequentie\":\"per_maand\",\"ingangsdatum\":\"%s\"," \
	"\"einddatum\":\"%s\",\"kosten\":\"%s\"%s}"
	snprintf(body, sizeof body, JSON_MAATWERK, doel, "jeugdwet", thuiszorg, "45-45AMB", today, "2001-01-01", "80", "");
	CHECK(api(&cons, "POST", path, body, &r) == 422 && http_body_has(&r, "\"einddatum\":"), "API: end before start is 422");
	http_resp_free(&r);
	snprintf(body, sizeof body, JSON_MAATWERK, doel, "jeugdwet", thuiszorg, "45-45AMB", today, end_date, "-1", "");
	CHECK(api(&cons, "POST", path, body, &r) == 422 && http_body_has(&r, "\"kosten\":\"Het bedrag kan niet negatief zijn.\""),
	      "API: negative cost is 422");
	http_resp_free(&r);
	snprintf(body, sizeof body, JSON_MAATWERK, doel, "jeugdwet", thuiszorg, "45-00000", today, end_date, "80", "");
	CHECK(api(&cons, "POST", path, body, &r) == 422 && http_body_has(&r, "\"product\":\"Onbekende productcode"),
	      "API: unknown product is 422");
	http_resp_free(&r);
	snprintf(body, sizeof body, JSON_MAATWERK, doel, "jeugdwet", thuiszorg, "45-45AMB", today, end_date, "80",
	         ",\"besluitdatum\":\"2026-01-01\"");
	CHECK(api(&cons, "POST", path, body, &r) == 422 && http_body_has(&r, "\"besluitdatum\":\"Er is nog geen besluit"),
	      "API: a decision date with the aanvraag is 422");
	http_resp_free(&r);
	snprintf(body, sizeof body, JSON_MAATWERK, doel, "wmo2015", thuiszorg, "45-45AMB", today, end_date, "80", "");
	CHECK(api(&cons, "POST", path, body, &r) == 422 && http_body_has(&r, "valt onder Jeugdwet"),
	      "API: product and legal basis mismatch is 422");
	http_resp_free(&r);
	snprintf(body, sizeof body, JSON_MAATWERK, doel, "jeugdwet", thuiszorg, "45-45AMB", today, end_date, "80.5", "");
	CHECK(api(&cons, "POST", path, body, &r) == 201 && http_body_has(&r, "\"Eenheid\":\"16\"") &&
	      http_body_has(&r, "\"Frequentie\":\"4\"") && http_body_has(&r, "\"Budget\":8050") &&
	      http_body_has(&r, "000002\""), "API: create is 201 with the next toewijzingnummer");
	long long v3 = location_id(&r, "/api/v1/voorzieningen/");
	CHECK(!http_body_has(&r, "\"besluitdatum\""), "API: an aanvraag has no decision date");
	if (v3 <= 0)
		printf("# %d %s\n", r.status, r.body ? r.body : "");
	http_resp_free(&r);
	CHECK(v3 > 0, "API: Location names the new voorziening");
	snprintf(path, sizeof path, "/api/v1/voorzieningen/%lld", v3);
	CHECK(api(&cons, "GET", path, NULL, &r) == 200 && http_body_has(&r, "\"status\":\"aangevraagd\"") &&
	      http_body_has(&r, "\"versie\":1"), "API: GET one");
	http_resp_free(&r);
	snprintf(body, sizeof body, JSON_MAATWERK, doel, "jeugdwet", thuiszorg, "45-45AMB", today, end_date, "90", ",\"versie\":1");
	CHECK(api(&cons, "PUT", path, body, &r) == 200 && http_body_has(&r, "\"Budget\":9000") && http_body_has(&r, "\"versie\":2"),
	      "API: PUT with the current version");
	http_resp_free(&r);
	snprintf(body, sizeof body, JSON_MAATWERK, doel, "jeugdwet", thuiszorg, "45-45AMB", today, end_date, "95", ",\"versie\":1");
	CHECK(api(&cons, "PUT", path, body, &r) == 409 && http_body_has(&r, "\"code\":\"conflict\"") &&
	      http_body_has(&r, "\"huidig\":{") && http_body_has(&r, "gewijzigd door Sanne de Boer"),
	      "API: a stale PUT is 409 with the current state");
	http_resp_free(&r);
	snprintf(body, sizeof body, "{\"soort\":\"algemeen\",\"ingangsdatum\":\"%s\",\"einddatum\":\"%s\",\"versie\":2}", today, end_date);
	CHECK(api(&cons, "PUT", path, body, &r) == 422 && http_body_has(&r, "kan niet worden gewijzigd"),
	      "API: the kind cannot change");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/voorzieningen/%lld/status", v3);
	CHECK(api(&cons, "POST", path, "{\"actie\":\"beeindigen\",\"versie\":2}", &r) == 422 &&
	      http_body_has(&r, "status Aangevraagd kan niet worden be\\u00EBindigd"), "API: an invalid transition is 422");
	http_resp_free(&r);
	snprintf(body, sizeof body, "{\"actie\":\"afwijzen\",\"besluitdatum\":\"%s\",\"versie\":1}", today);
	CHECK(api(&cons, "POST", path, body, &r) == 409 && http_body_has(&r, "\"huidig\":{"),
	      "API: a status step on a stale version is 409");
	http_resp_free(&r);
	CHECK(api(&cons, "POST", path, "{\"actie\":\"afwijzen\",\"versie\":2}", &r) == 422 &&
	      http_body_has(&r, "\"besluitdatum\":\"Vul de datum van het besluit in.\""),
	      "API: afwijzen needs the decision date");
	http_resp_free(&r);
	snprintf(body, sizeof body, "{\"actie\":\"afwijzen\",\"besluitdatum\":\"%s\",\"versie\":2}", today);
	snprintf(want, sizeof want, "\"besluitdatum\":\"%s\"", today);
	CHECK(api(&cons, "POST", path, body, &r) == 200 && http_body_has(&r, "\"status\":\"afgewezen\"") &&
	      http_body_has(&r, want), "API: afwijzen with the decision date");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/voorzieningen/%lld", v3);
	snprintf(body, sizeof body, JSON_MAATWERK, doel, "jeugdwet", thuiszorg, "45-45AMB", today, end_date, "95", ",\"versie\":3");
	CHECK(api(&cons, "PUT", path, body, &r) == 409 && http_body_has(&r, "afgewezen of be\\u00EBindigd"),
	      "API: a rejected voorziening cannot be edited");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/voorzieningen/%lld/status", v1);
	snprintf(body, sizeof body, "{\"actie\":\"beeindigen\",\"reden_einde\":\"uitstroom_lichter\",\"beeindigd_op\":\"2001-01-01\",\"versie\":4}");
	CHECK(api(&cons, "POST", path, body, &r) == 422 && http_body_has(&r, "\"beeindigd_op\":"),
	      "API: an end before the start of a running voorziening is 422");
	http_resp_free(&r);
	snprintf(body, sizeof body, "{\"actie\":\"beeindigen\",\"reden_einde\":\"uitstroom_lichter\",\"beeindigd_op\":\"%s\",\"versie\":4}", today);
	CHECK(api(&cons, "POST", path, body, &r) == 200 && http_body_has(&r, "\"reden_einde\":\"uitstroom_lichter\""),
	      "API: beeindigen with uitstroom naar lichtere ondersteuning");
	http_resp_free(&r);
	/* A toegekend voorziening that starts in ten days. */
	snprintf(path, sizeof path, "/api/v1/huishoudens/%lld/voorzieningen", hh);
	snprintf(body, sizeof body, JSON_MAATWERK, doel, "jeugdwet", thuiszorg, "45-45AMB", in_ten_days, end_date, "80", "");
	CHECK(api(&cons, "POST", path, body, &r) == 201, "API: an aanvraag starting in ten days");
	long long v4 = location_id(&r, "/api/v1/voorzieningen/");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/voorzieningen/%lld/status", v4);
	snprintf(body, sizeof body, "{\"actie\":\"toekennen\",\"besluitdatum\":\"%s\",\"versie\":1}", today);
	CHECK(api(&cons, "POST", path, body, &r) == 200 && http_body_has(&r, "\"status\":\"toegekend\""),
	      "API: toekennen with the decision date");
	http_resp_free(&r);
	snprintf(body, sizeof body, "{\"actie\":\"starten\",\"gestart_op\":\"%s\",\"versie\":2}", today);
	CHECK(api(&cons, "POST", path, body, &r) == 422 && http_body_has(&r, "\"gestart_op\":\"De voorziening gaat in op"),
	      "API: gestart before the ingangsdatum is 422");
	http_resp_free(&r);
	snprintf(body, sizeof body, "{\"actie\":\"beeindigen\",\"reden_einde\":\"verhuisd\",\"beeindigd_op\":\"%s\","
	                            "\"versie\":2}", today);
	CHECK(api(&cons, "POST", path, body, &r) == 422 && http_body_has(&r, "\"beeindigd_op\":\"De voorziening gaat in op"),
	      "API: a toegekend voorziening ended before its start is 422");
	http_resp_free(&r);
	CHECK(db_int("SELECT count(*) FROM voorziening WHERE id = %lld AND status = 'toegekend' AND version = 2", v4) == 1,
	      "API: the refused steps changed nothing");
	snprintf(body, sizeof body, "{\"actie\":\"beeindigen\",\"reden_einde\":\"verhuisd\",\"beeindigd_op\":\"%s\","
	                            "\"versie\":2}", in_ten_days);
	CHECK(api(&cons, "POST", path, body, &r) == 200 && http_body_has(&r, "\"status\":\"beeindigd\""),
	      "API: ended on its ingangsdatum");
	http_resp_free(&r);
	CHECK(api(&cons, "GET", "/api/v1/aanbieders", NULL, &r) == 200 && http_body_has(&r, "\"agb_code\":\"75750123\"") &&
	      !http_body_has(&r, "Oud Bureau"), "API: active aanbieders");
	http_resp_free(&r);
	CHECK(api(&cons, "GET", "/api/v1/aanbieders?alle=1", NULL, &r) == 200 && http_body_has(&r, "Oud Bureau"),
	      "API: all aanbieders with ?alle=1");
	http_resp_free(&r);
	CHECK(api(&cons, "GET", "/api/v1/sociale-kaart", NULL, &r) == 200 && http_body_has(&r, "Voedselbank Nijkerk"),
	      "API: sociale kaart");
	http_resp_free(&r);
	CHECK(api(&cons, "GET", "/api/v1/producten", NULL, &r) == 200 && http_body_has(&r, "\"code\":\"01HBH\""), "API: producten");
	http_resp_free(&r);
	set_api_csrf(&gebied);
	snprintf(path, sizeof path, "/api/v1/voorzieningen/%lld", v1);
	CHECK(api(&gebied, "GET", path, NULL, &r) == 403, "API: need-to-know applies");
	http_resp_free(&r);
	CHECK(api(&cons, "GET", "/api/v1/voorzieningen/999999", NULL, &r) == 404, "API: unknown voorziening is 404");
	http_resp_free(&r);

	/* The functions for the plan and closing modules, on the same database. */
	CHECK(ts_stop(&S) == 0, "server stops cleanly");
	char *err = NULL;
	db *d = NULL;
	if (db_init(S.db, &err) == 0)
		d = db_get();
	free(err);
	CHECK(d != NULL, "database opened for the module functions");
	if (d) {
		int64_t n = -1;
		CHECK(db_voorziening_open_count(d, hh, &n) == DB_OK && n == 1, "open count: only the algemene voorziening is open");
		json_t *open = db_voorziening_open_list(d, hh);
		CHECK(json_array_size(open) == 1 && strstr(json_string_value(json_object_get(json_array_get(open, 0), "label")),
		                                           "Voedselbank Nijkerk"), "open list names it");
		json_decref(open);
		char end[11];
		bool found = true;
		CHECK(db_voorziening_earliest_end(d, hh, end, &found) == DB_OK && !found,
		      "earliest end: no open maatwerk left");
		db_close_all();
	}

	/* The demo reference data, on a fresh database with the gebieden of
	 * Nijkerk; a second call adds nothing. */
	char fresh[300];
	snprintf(fresh, sizeof fresh, "%s/seed.db", S.dir);
	d = NULL;
	if (db_init(fresh, &err) == 0)
		d = db_get();
	free(err);
	CHECK(d && sqlite3_exec(db_sqlite(d), "INSERT INTO gebied(name) VALUES ('Nijkerk-Centrum'), ('Nijkerk-Oost'),"
	                        " ('Hoevelaken')", NULL, NULL, NULL) == SQLITE_OK, "fresh database for the demo seed");
	if (d) {
		CHECK(db_referentie_seed_demo(d, 1) == DB_OK, "demo reference data seeded");
		sqlite3_stmt *st;
		long long counts[4] = {-1, -1, -1, -1};
		if (sqlite3_prepare_v2(db_sqlite(d), "SELECT (SELECT count(*) FROM aanbieder WHERE length(agb_code) = 8),"
		                       " (SELECT count(*) FROM sociale_kaart WHERE kind = 'Buurthuis'),"
		                       " (SELECT count(DISTINCT legal_basis) FROM product),"
		                       " (SELECT count(*) FROM audit WHERE action LIKE '%.create')", -1, &st, NULL) == SQLITE_OK) {
			if (sqlite3_step(st) == SQLITE_ROW)
				for (int i = 0; i < 4; i++)
					counts[i] = sqlite3_column_int64(st, i);
			sqlite3_finalize(st);
		}
		CHECK(counts[0] == 4 && counts[1] == 3 && counts[2] == 3 && counts[3] == 4 + 4 + 3 + 8,
		      "demo: aanbieders with AGB codes, a buurthuis per gebied, three legal bases, every insert audited");
		long long after = -1;
		if (db_referentie_seed_demo(d, 1) == DB_OK &&
		    sqlite3_prepare_v2(db_sqlite(d), "SELECT count(*) FROM aanbieder", -1, &st, NULL) == SQLITE_OK) {
			if (sqlite3_step(st) == SQLITE_ROW)
				after = sqlite3_column_int64(st, 0);
			sqlite3_finalize(st);
		}
		CHECK(after == 4, "demo seed is idempotent");
		db_close_all();
	}
	char cmd[512];
	snprintf(cmd, sizeof cmd, "build/san/loket audit-verify --db %s > /dev/null", S.db);
	CHECK(system(cmd) == 0, "audit chain verifies");
	T_EXIT();
}
