/* test_signaal.c - signalen (vroegsignalering) against the real server:
 * registering a signal (validation at the field with input kept, the
 * gebied preselected from a walk-in at a spreekuur), the queue order and
 * its filters, follow-up with a stale version, linking to a household,
 * need-to-know once linked, read-only after closing or converting, the
 * audit rows, and every API endpoint with its error cases. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http_client.h"
#include "testutil.h"

static struct test_server S;
static struct http_resp R; /* the last response; freed by the next request */

#define db_int(...) ts_db_int(&S, __VA_ARGS__)
#define db_exec(...) ts_db_exec(&S, __VA_ARGS__)

static void drop(void)
{
	http_resp_free(&R);
	memset(&R, 0, sizeof R);
}

static int get(struct agent *a, const char *path)
{
	drop();
	return agent_get(a, path, &R);
}

static int post(struct agent *a, const char *path, const char *form)
{
	drop();
	return agent_post(a, path, form, &R);
}

/* A JSON request; *j (when j is not NULL) gets the parsed body, which the
 * caller frees. */
static int api(struct agent *a, const char *method, const char *path, const char *body, json_t **j)
{
	drop();
	json_t *own = NULL;
	int st = agent_api(a, method, path, body, &R, &own);
	if (j)
		*j = own;
	else
		json_decref(own);
	return st;
}

static bool has(const char *needle)
{
	return http_body_has(&R, needle);
}

/* Position of needle in the last body, or -1. */
static long pos(const char *needle)
{
	const char *p = R.body ? strstr(R.body, needle) : NULL;
	return p ? (long)(p - R.body) : -1;
}

static long long location_id(const char *prefix)
{
	char loc[256];
	if (!http_header(&R, "Location", loc, sizeof loc) || strncmp(loc, prefix, strlen(prefix)) != 0)
		return -1;
	return atoll(loc + strlen(prefix));
}

static long long audit_count(const char *action, long long object_id)
{
	return db_int("SELECT count(*) FROM audit WHERE action = '%s' AND object_id = %lld", action, object_id);
}

int main(void)
{
	if (ts_start(&S, (const char *const[]){"--cookie-insecure", NULL}) != 0) {
		T_FAIL("server start", "see %s", S.log);
		T_EXIT();
	}
	struct agent cons, geb, tl, beh, anon;
	CHECK(agent_sign_in(&cons, &S, U_CONSULENT) && agent_sign_in(&geb, &S, U_GEBIEDSTEAM) &&
	      agent_sign_in(&tl, &S, U_TEAMLEIDER) && agent_sign_in(&beh, &S, U_BEHEERDER),
	      "demo users sign in");
	client_init(&anon.c, S.port);
	snprintf(anon.csrf, sizeof anon.csrf, "x");

	long long cons_id = db_int("SELECT id FROM medewerker WHERE username = 'consulent'");
	long long geb_id = db_int("SELECT id FROM medewerker WHERE username = 'gebiedsteam'");
	long long beh_id = db_int("SELECT id FROM medewerker WHERE username = 'beheerder'");
	long long centrum = db_int("SELECT id FROM gebied WHERE name = 'Nijkerk-Centrum'");
	long long hoevelaken = db_int("SELECT id FROM gebied WHERE name = 'Hoevelaken'");
	long long hh1 = db_int("SELECT min(id) FROM huishouden");
	/* The consulent is regisseur of household 1; the gebiedsteam member
	 * has no role in it. */
	CHECK(db_exec("UPDATE huishouden SET regisseur_id = %lld WHERE id = %lld", cons_id, hh1) == 0,
	      "setup: household 1 gets the consulent as regisseur");
	CHECK(db_int("SELECT count(*) FROM signaal") == 2, "demo data holds two signals");

	/* ---- the form and its validation -------------------------------------------- */
	CHECK(get(&geb, "/signalen/nieuw") == 200 && has("name=\"over\"") && has("Signaal registreren"),
	      "gebiedsteam: the new signal form");
	CHECK(post(&geb, "/signalen/nieuw", "bron=&over=&zorg=&gebied=") == 422 &&
	      has("Kies van wie het signaal komt.") &&
	      has("Schrijf op over wie het signaal gaat, ook als de naam nog niet bekend is.") &&
	      has("Schrijf op wat de zorg is.") && has("Kies het gebied waar het signaal over gaat."),
	      "empty form: a Dutch message at every required field");
	char form[2048];
	snprintf(form, sizeof form, "bron=buren&bron_naam=Meneer+Jansen&over=Het+gezin+naast+meneer+Jansen%%2C+nummer+14"
	         "&zorg=&gebied=%lld&meldcode=1", centrum);
	CHECK(post(&geb, "/signalen/nieuw", form) == 422 && has("Schrijf op wat de zorg is.") &&
	      has("value=\"Het gezin naast meneer Jansen, nummer 14\"") && has("value=\"Meneer Jansen\"") &&
	      has("<option value=\"buren\" selected>") && has("id=\"meldcode\" name=\"meldcode\" value=\"1\" checked"),
	      "missing concern: refused at the field, the rest of the input kept");
	CHECK(post(&geb, "/signalen/nieuw", "bron=buurvrouw&over=x&zorg=y&gebied=1") == 422 &&
	      has("Kies een van de mogelijkheden."), "an unknown source is refused");
	char long_about[620];
	memset(long_about, 'a', 501);
	long_about[501] = '\0';
	snprintf(form, sizeof form, "bron=buren&over=%s&zorg=y&gebied=%lld", long_about, centrum);
	CHECK(post(&geb, "/signalen/nieuw", form) == 422 && has("Vul hoogstens 500 tekens in."),
	      "about whom: at most 500 characters");
	CHECK(post(&geb, "/signalen/nieuw", "bron=buren&over=x&zorg=y&gebied=999999") == 422 &&
	      has("Kies een bestaand gebied."), "an unknown gebied is refused");
	snprintf(form, sizeof form, "bron=buren&over=x&zorg=y&gebied=%lld&huishouden=999999", centrum);
	CHECK(post(&geb, "/signalen/nieuw", form) == 422 && has("Dit huishouden bestaat niet."),
	      "an unknown household is refused");
	snprintf(form, sizeof form, "bron=buren&over=x&zorg=y&gebied=%lld&bezoek=999999", centrum);
	CHECK(post(&geb, "/signalen/nieuw", form) == 422 && has("Dit bezoek op het spreekuur bestaat niet."),
	      "an unknown walk-in is refused");
	CHECK(db_int("SELECT count(*) FROM signaal") == 2, "nothing was stored by refused forms");

	/* ---- registering ------------------------------------------------------------- */
	snprintf(form, sizeof form, "bron=buren&bron_naam=Meneer+Jansen&over=Het+gezin+naast+meneer+Jansen%%2C+nummer+14"
	         "&zorg=De+kinderen+lijken+honger+te+hebben.&gebied=%lld", centrum);
	CHECK(post(&geb, "/signalen/nieuw", form) == 303, "gebiedsteam registers a signal");
	long long s1 = location_id("/signalen/");
	CHECK(s1 > 0 && db_int("SELECT count(*) FROM signaal WHERE id = %lld AND status = 'nieuw' AND created_by = %lld"
	                       " AND gebied_id = %lld AND huishouden_id IS NULL AND safety_concern = 0", s1, geb_id,
	                       centrum) == 1, "stored as a new signal without household");
	CHECK(audit_count("signaal.create", s1) == 1, "audit: signaal.create");
	char path[256];
	snprintf(path, sizeof path, "/signalen/%lld?nieuw=1", s1);
	CHECK(get(&geb, path) == 200 && has("Het signaal is geregistreerd.") && has("De kinderen lijken honger te hebben.") &&
	      has("Het gezin naast meneer Jansen, nummer 14") && has("/aanmeldingen/nieuw?signaal="),
	      "the signal page shows everything and the way to an aanmelding");
	CHECK(audit_count("signaal.view", s1) == 1, "audit: signaal.view");

	/* ---- from a walk-in: the gebied of the spreekuur's location ------------------- */
	CHECK(db_exec("INSERT INTO locatie(name, kind, gebied_id) VALUES ('Voedselbank Hoevelaken', 'voedselbank', %lld);"
	              "INSERT INTO spreekuur(locatie_id, weekday, start_time, end_time, valid_from, created_by, created_at)"
	              " VALUES (last_insert_rowid(), 3, '10:00', '12:00', '2024-01-01', %lld, strftime('%%s','now'));"
	              "INSERT INTO bezoek(spreekuur_id, visit_date, question, consent_follow_up, created_by, created_at)"
	              " VALUES (last_insert_rowid(), date('now'), 'Schulden', 1, %lld, strftime('%%s','now'));",
	              hoevelaken, beh_id, geb_id) == 0, "setup: a walk-in at the voedselbank in Hoevelaken");
	long long bezoek = db_int("SELECT max(id) FROM bezoek");
	snprintf(path, sizeof path, "/signalen/nieuw?bezoek=%lld", bezoek);
	char sel[128], hidden[128];
	snprintf(sel, sizeof sel, "<option value=\"%lld\" selected>", hoevelaken);
	snprintf(hidden, sizeof hidden, "name=\"bezoek\" value=\"%lld\"", bezoek);
	CHECK(get(&geb, path) == 200 && has(sel) && has(hidden), "from a walk-in: its location's gebied is preselected");
	CHECK(get(&geb, "/signalen/nieuw?bezoek=999999") == 404, "from an unknown walk-in: 404");
	CHECK(get(&geb, "/signalen/nieuw?bezoek=abc") == 400, "a malformed walk-in id: 400");
	snprintf(form, sizeof form, "bron=voedselbank&over=De+buren+van+de+bezoeker&zorg=Kinderen+gaan+hongerig+naar+school."
	         "&gebied=%lld&bezoek=%lld", hoevelaken, bezoek);
	CHECK(post(&geb, "/signalen/nieuw", form) == 303, "a signal from a walk-in is registered");
	long long s_walk = location_id("/signalen/");
	CHECK(db_int("SELECT bezoek_id FROM signaal WHERE id = %lld", s_walk) == bezoek, "it carries the walk-in");
	/* Security item 10: a walk-in is open to who registered it, the
	 * spreekuur's staff and teamleiders; the consulent is none of these
	 * here, so cannot attach a signal to it (nor learn its gebied). */
	long long signals = db_int("SELECT count(*) FROM signaal");
	snprintf(path, sizeof path, "/signalen/nieuw?bezoek=%lld", bezoek);
	CHECK(get(&cons, path) == 403 && !has(hidden), "from a walk-in the consulent may not see: 403");
	snprintf(form, sizeof form, "bron=voedselbank&over=Iemand&zorg=Zorgen&gebied=%lld&bezoek=%lld", hoevelaken, bezoek);
	CHECK(post(&cons, "/signalen/nieuw", form) == 422 && has("U heeft geen toegang tot dit bezoek") &&
	      has("value=\"Iemand\"") && !has(hidden),
	      "the form: a walk-in the consulent may not see is refused, the input kept");
	snprintf(form, sizeof form, "{\"bron\":\"voedselbank\",\"over\":\"Iemand\",\"zorg\":\"Zorgen\",\"gebied_id\":%lld,"
	         "\"bezoek_id\":%lld}", hoevelaken, bezoek);
	json_t *jb = NULL;
	CHECK(api(&cons, "POST", "/api/v1/signalen", form, &jb) == 422 &&
	      json_object_get(json_object_get(json_object_get(jb, "error"), "fields"), "bezoek_id"),
	      "API: a bezoek_id the consulent may not see is 422 at bezoek_id");
	json_decref(jb);
	CHECK(db_int("SELECT count(*) FROM signaal") == signals, "nothing was stored for the refused walk-in");
	CHECK(get(&tl, path) == 200 && has(hidden), "a teamleider may start a signal from any walk-in");
	/* Security item 10: a BSN in the household search of the form is
	 * neither searched nor echoed. */
	CHECK(get(&geb, "/signalen/nieuw?q=725763863") == 422 && !has("725763863") &&
	      has("een BSN hoort niet in een webadres"), "the new signal form: a BSN in ?q= is not echoed");
	CHECK(get(&geb, "/signalen/nieuw?q=buren+van+725763863") == 422 && !has("725763863"),
	      "the new signal form: a BSN amid other words is not echoed either");
	CHECK(get(&geb, "/signalen/nieuw?q=vries") == 200 && has("value=\"vries\"") && has("Vetkampstraat 41"),
	      "the new signal form: a name is still searched and kept");
	/* Issue 12 item 3: the search is part of the signal's form, so
	 * searching, linking and unlinking keep what was typed and register
	 * nothing. */
	long long grietje_hh = db_int("SELECT huishouden_id FROM persoon WHERE first_name = 'Grietje'");
	signals = db_int("SELECT count(*) FROM signaal");
	snprintf(form, sizeof form, "bron=buren&bron_naam=&over=Mevrouw+op+nummer+41&zorg=Loopt+verward+op+straat"
	         "&gebied=%lld&meldcode=1&q=vries&gezocht=&actie=zoeken", centrum);
	CHECK(post(&geb, "/signalen/nieuw", form) == 200 && has("Loopt verward op straat") &&
	      has("value=\"Mevrouw op nummer 41\"") && has("Vetkampstraat 41") && has("name=\"koppel\"") &&
	      has("name=\"meldcode\" value=\"1\" checked") && !has("utrecht-form-field--invalid"),
	      "Zoeken in the form: the hits, and everything typed still there, no errors yet");
	snprintf(form, sizeof form, "bron=buren&bron_naam=&over=Mevrouw+op+nummer+41&zorg=Loopt+verward+op+straat"
	         "&gebied=%lld&meldcode=1&q=vries&gezocht=vries&koppel=%lld", centrum, grietje_hh);
	CHECK(post(&geb, "/signalen/nieuw", form) == 200 && has("Gekoppeld aan het huishouden op Vetkampstraat 41") &&
	      has("Loopt verward op straat") && has("Niet koppelen"), "a hit's button links the household, text kept");
	snprintf(form, sizeof form, "bron=buren&over=Mevrouw+op+nummer+41&zorg=Loopt+verward+op+straat"
	         "&gebied=%lld&huishouden=%lld&actie=ontkoppelen", centrum, grietje_hh);
	CHECK(post(&geb, "/signalen/nieuw", form) == 200 && !has("Gekoppeld aan het huishouden") &&
	      has("Loopt verward op straat"), "Niet koppelen unlinks, text kept");
	snprintf(form, sizeof form, "bron=buren&over=&zorg=Loopt+verward&gebied=%lld&q=bakker&gezocht=vries&actie=enter",
	         centrum);
	CHECK(post(&geb, "/signalen/nieuw", form) == 200 && has("value=\"bakker\"") && has("Loopt verward"),
	      "Enter after typing a new search searches");
	CHECK(db_int("SELECT count(*) FROM signaal") == signals, "none of this registered a signal");
	snprintf(form, sizeof form, "bron=buren&over=&zorg=Loopt+verward&gebied=%lld&q=vries&gezocht=vries&actie=enter",
	         centrum);
	CHECK(post(&geb, "/signalen/nieuw", form) == 422 && has("Schrijf op over wie het signaal gaat"),
	      "Enter with the search already shown registers, with the usual checks");
	snprintf(form, sizeof form, "bron=buren&over=Mevrouw+op+nummer+41&zorg=Loopt+verward+op+straat"
	         "&gebied=%lld&huishouden=%lld&q=&gezocht=vries&actie=opslaan", centrum, grietje_hh);
	CHECK(post(&geb, "/signalen/nieuw", form) == 303 &&
	      db_int("SELECT count(*) FROM signaal WHERE huishouden_id = %lld AND concern = 'Loopt verward op straat'",
	             grietje_hh) == 1, "Signaal registreren stores it, linked");

	/* ---- the queue: safety first, then the oldest; filters ------------------------ */
	CHECK(db_exec("INSERT INTO signaal(source_kind, about, concern, gebied_id, safety_concern, received_at, created_by)"
	              " VALUES ('school', 'Over-B-oud', 'oud', %lld, 0, strftime('%%s','now') - 20*86400, %lld),"
	              " ('politie', 'Over-C-nieuw', 'nieuw', %lld, 0, strftime('%%s','now') - 86400, %lld),"
	              " ('huisarts', 'Over-A-veilig', 'veilig', %lld, 1, strftime('%%s','now'), %lld)",
	              centrum, cons_id, centrum, cons_id, hoevelaken, cons_id) == 0, "setup: three signals of different age");
	CHECK(get(&geb, "/signalen") == 200, "gebiedsteam: the queue");
	long pa = pos("Over-A-veilig"), pb = pos("Over-B-oud"), pc = pos("Over-C-nieuw"), pd = pos("Stationsstraat 30");
	CHECK(pa > 0 && pb > pa && pd > pb && pc > pd, "queue order: safety concern first, then the oldest (20, 9, 1 days)");
	CHECK(has("20 dagen geleden") && has("Zorg over veiligheid") && has("Open signalen: <strong>8</strong>"),
	      "queue rows show age and safety; the count of open signals");
	CHECK(db_int("SELECT count(*) FROM audit WHERE action = 'signaal.list' AND medewerker_id = %lld", geb_id) >= 1,
	      "audit: signaal.list");
	snprintf(path, sizeof path, "/signalen?gebied=%lld", hoevelaken);
	CHECK(get(&geb, path) == 200 && has("Over-A-veilig") && has("Molenweg") && !has("Over-B-oud") &&
	      !has("Stationsstraat 30") && has("Open signalen in dit gebied: <strong>3</strong>"),
	      "filter by gebied");
	CHECK(get(&geb, "/signalen?status=nieuw&gebied=999999") == 422 && has("Kies een bestaand gebied."),
	      "filter: an unknown gebied is refused at the field");
	CHECK(get(&geb, "/signalen?status=weg") == 422 && has("Kies een van de mogelijkheden."),
	      "filter: an unknown status is refused at the field");

	/* ---- follow-up with versions ------------------------------------------------- */
	snprintf(path, sizeof path, "/signalen/%lld", s1);
	CHECK(get(&geb, path) == 200 && has("name=\"versie\" value=\"1\"") && has("Opvolging opslaan"),
	      "the follow-up form carries the version");
	snprintf(form, sizeof form, "status=in_onderzoek&opvolging=Huisbezoek+gepland&toegewezen=%lld&versie=1"
	         "&orig_status=nieuw&orig_opvolging=&orig_toegewezen=", geb_id);
	CHECK(post(&geb, path, form) == 303 &&
	      db_int("SELECT count(*) FROM signaal WHERE id = %lld AND status = 'in_onderzoek' AND version = 2"
	             " AND assigned_to = %lld AND follow_up = 'Huisbezoek gepland'", s1, geb_id) == 1,
	      "follow-up saved: in onderzoek, assigned, version 2");
	CHECK(audit_count("signaal.update", s1) == 1, "audit: signaal.update");
	CHECK(post(&tl, path, "status=in_onderzoek&opvolging=Eerst+bellen&toegewezen=&versie=1"
	                      "&orig_status=nieuw&orig_opvolging=&orig_toegewezen=") == 409 &&
	      has("Iemand anders heeft dit intussen gewijzigd") && has("Opvolging: nu Huisbezoek gepland") &&
	      has("Toegewezen aan: nu Youssef El Amrani") && has(">Eerst bellen</textarea>") &&
	      has("name=\"versie\" value=\"2\""),
	      "a stale save is refused with what changed, input kept");
	CHECK(db_int("SELECT version FROM signaal WHERE id = %lld", s1) == 2, "the stale save stored nothing");
	CHECK(post(&geb, path, "status=afgesloten&opvolging=&versie=2&orig_status=in_onderzoek&orig_opvolging=&orig_toegewezen=") == 422 &&
	      has("Schrijf bij het afsluiten op wat er met het signaal is gedaan."),
	      "closing needs a follow-up text");
	snprintf(form, sizeof form, "status=in_onderzoek&opvolging=x&toegewezen=%lld&versie=2&orig_status=in_onderzoek"
	         "&orig_opvolging=&orig_toegewezen=", beh_id);
	CHECK(post(&geb, path, form) == 422 && has("Kies een medewerker uit de lijst."),
	      "a beheerder cannot be assigned");
	CHECK(post(&geb, path, "status=nieuw&opvolging=x&versie=2&orig_status=&orig_opvolging=&orig_toegewezen=") == 422 &&
	      has("Kies een van de mogelijkheden."), "follow-up status is in onderzoek or afgesloten");
	CHECK(post(&geb, path, "status=in_onderzoek&opvolging=x") == 400, "a follow-up without version: 400");

	/* ---- linking to a household -------------------------------------------------- */
	snprintf(path, sizeof path, "/signalen/%lld?q=vries", s1);
	CHECK(get(&geb, path) == 200 && has("Koppelen<span class=\"loket-visually-hidden\"> aan Vetkampstraat 41"),
	      "search on the signal page offers households, each button naming its address to a screen reader");
	snprintf(path, sizeof path, "/signalen/%lld?q=725763863", s1);
	CHECK(get(&geb, path) == 422 && has("een BSN hoort niet in een webadres"), "no BSN in a URL");
	CHECK(!has("725763863"), "and the BSN is not echoed on the signal page");
	snprintf(path, sizeof path, "/signalen/%lld/koppelen", s1);
	CHECK(post(&geb, path, "huishouden=999999") == 422 && has("Dit huishouden bestaat niet."),
	      "linking to an unknown household is refused");
	/* Issue 12 item 3: search and link are part of the follow-up's form,
	 * so what was typed there comes back unsaved. */
	snprintf(path, sizeof path, "/signalen/%lld", s1);
	CHECK(post(&geb, path, "status=in_onderzoek&opvolging=Buren+bellen+morgen&toegewezen=&versie=2"
	                       "&orig_status=in_onderzoek&orig_opvolging=&orig_toegewezen=&q=vries&gezocht=&actie=zoeken") == 200 &&
	      has("Buren bellen morgen") && has("name=\"koppel\"") && has("aan Vetkampstraat 41") &&
	      db_int("SELECT version FROM signaal WHERE id = %lld", s1) == 2,
	      "Zoeken on the signal page keeps the follow-up typed, saves nothing");
	snprintf(form, sizeof form, "status=in_onderzoek&opvolging=Buren+bellen+morgen&toegewezen=&versie=2"
	         "&orig_status=in_onderzoek&orig_opvolging=&orig_toegewezen=&q=vries&gezocht=vries&koppel=%lld", hh1);
	CHECK(post(&geb, path, form) == 200 && has("Het signaal is aan het huishouden gekoppeld") &&
	      has("Buren bellen morgen") && has("name=\"versie\" value=\"3\"") &&
	      db_int("SELECT huishouden_id FROM signaal WHERE id = %lld", s1) == hh1 &&
	      db_int("SELECT version FROM signaal WHERE id = %lld", s1) == 3 &&
	      db_int("SELECT count(*) FROM signaal WHERE id = %lld AND follow_up = 'Buren bellen morgen'", s1) == 0,
	      "a hit's button links household 1; the follow-up comes back typed, unsaved, with the new version");
	snprintf(path, sizeof path, "/signalen/%lld/koppelen", s1);
	CHECK(db_int("SELECT count(*) FROM audit WHERE action = 'signaal.koppelen' AND object_id = %lld AND huishouden_id = %lld",
	             s1, hh1) == 1, "audit: signaal.koppelen with the household");
	snprintf(path, sizeof path, "/signalen/%lld", s1);
	CHECK(get(&geb, path) == 200 && has("De kinderen lijken honger te hebben.") && has("Vetkampstraat 41"),
	      "who registered it still sees the concern after linking");

	/* ---- need-to-know once linked ------------------------------------------------ */
	snprintf(form, sizeof form, "bron=school&over=Leerling-Geheim&zorg=Geheime+zorg+van+school&gebied=%lld&huishouden=%lld",
	         centrum, hh1);
	CHECK(post(&cons, "/signalen/nieuw", form) == 303, "the consulent registers a signal about household 1");
	long long s2 = location_id("/signalen/");
	CHECK(db_int("SELECT huishouden_id FROM signaal WHERE id = %lld", s2) == hh1, "linked from the start");
	snprintf(path, sizeof path, "/signalen/%lld", s2);
	CHECK(get(&geb, path) == 200 && !has("Geheime zorg") && !has("Leerling-Geheim") &&
	      has("geen toegang") && !has("Opvolging opslaan"),
	      "without access to the household: the page shows no concern and no form");
	CHECK(audit_count("signaal.view_beperkt", s2) == 1, "audit: signaal.view_beperkt");
	CHECK(get(&geb, "/signalen") == 200 && !has("Leerling-Geheim") && has("Inhoud alleen voor wie toegang heeft"),
	      "the queue row shows the signal exists, without its content");
	CHECK(get(&tl, path) == 200 && has("Geheime zorg van school"), "a teamleider sees the concern");
	CHECK(get(&cons, path) == 200 && has("Geheime zorg van school"), "the regisseur sees the concern");
	snprintf(form, sizeof form, "status=in_onderzoek&opvolging=x&versie=1&orig_status=nieuw&orig_opvolging=&orig_toegewezen=");
	CHECK(post(&geb, path, form) == 403, "without access: no follow-up");
	char kpath[256];
	snprintf(kpath, sizeof kpath, "/signalen/%lld/koppelen", s2);
	snprintf(form, sizeof form, "huishouden=%lld", hh1);
	CHECK(post(&geb, kpath, form) == 403, "without access: no linking");
	char apath[256];
	snprintf(apath, sizeof apath, "/api/v1/signalen/%lld", s2);
	json_t *j = NULL;
	CHECK(api(&geb, "GET", apath, NULL, &j) == 200 && json_is_false(json_object_get(j, "inhoud_zichtbaar")) &&
	      !json_object_get(j, "zorg") && !json_object_get(j, "over") &&
	      json_integer_value(json_object_get(j, "huishouden_id")) == hh1,
	      "API without access: the signal without its content");
	json_decref(j);
	CHECK(api(&geb, "PUT", apath, "{\"status\":\"in_onderzoek\",\"versie\":1}", NULL) == 403,
	      "API without access: PUT 403");
	/* Assigned to the gebiedsteam member: now they see it. */
	snprintf(form, sizeof form, "status=in_onderzoek&opvolging=&toegewezen=%lld&versie=1&orig_status=nieuw"
	         "&orig_opvolging=&orig_toegewezen=", geb_id);
	CHECK(post(&tl, path, form) == 303, "the teamleider assigns it to the gebiedsteam member");
	CHECK(get(&geb, path) == 200 && has("Geheime zorg van school"), "the assigned employee sees the concern");

	/* ---- read-only after closing or converting ----------------------------------- */
	snprintf(path, sizeof path, "/signalen/%lld", s1);
	CHECK(post(&geb, path, "status=afgesloten&opvolging=Gezin+is+al+in+beeld+bij+de+school.&versie=3"
	                       "&orig_status=in_onderzoek&orig_opvolging=&orig_toegewezen=") == 303 &&
	      db_int("SELECT count(*) FROM signaal WHERE id = %lld AND status = 'afgesloten'", s1) == 1, "signal closed");
	CHECK(get(&geb, path) == 200 && !has("Opvolging opslaan") && !has("/aanmeldingen/nieuw?signaal=") &&
	      has("kan niet meer worden gewijzigd"), "a closed signal is read-only");
	CHECK(post(&geb, path, "status=in_onderzoek&opvolging=x&versie=4&orig_status=&orig_opvolging=&orig_toegewezen=") == 409 &&
	      has("afgesloten") && has("<title>Wijziging niet mogelijk"),
	      "a closed signal refuses follow-up, under a title that says what happened (not 'changed by someone else')");
	snprintf(kpath, sizeof kpath, "/signalen/%lld/koppelen", s1);
	CHECK(post(&geb, kpath, form) == 409, "a closed signal refuses linking");
	CHECK(get(&geb, "/signalen?status=afgesloten") == 200 && has("Vetkampstraat 41") && !has("Over-B-oud"),
	      "filter by status: afgesloten");
	CHECK(db_exec("UPDATE signaal SET status = 'aanmelding', aanmelding_id = (SELECT min(id) FROM aanmelding)"
	              " WHERE id = %lld", s_walk) == 0, "setup: the walk-in's signal became an aanmelding");
	snprintf(path, sizeof path, "/signalen/%lld", s_walk);
	CHECK(get(&geb, path) == 200 && has("Aanmelding gemaakt") && !has("Opvolging opslaan"),
	      "a converted signal is read-only and links to its aanmelding");
	CHECK(post(&geb, path, "status=in_onderzoek&opvolging=x&versie=1&orig_status=&orig_opvolging=&orig_toegewezen=") == 409 &&
	      has("al een aanmelding"), "a converted signal refuses follow-up");

	/* ---- the API ------------------------------------------------------------------ */
	CHECK(api(&anon, "GET", "/api/v1/signalen", NULL, NULL) == 401, "API: 401 without a session");
	CHECK(api(&beh, "GET", "/api/v1/signalen", NULL, NULL) == 403, "API: 403 for the beheerder");
	CHECK(api(&geb, "GET", "/api/v1/signalen", NULL, &j) == 200 && json_array_size(json_object_get(j, "signalen")) > 0 &&
	      json_integer_value(json_object_get(j, "open")) == json_integer_value(json_object_get(j, "totaal")),
	      "API: the open signals");
	json_t *first = json_array_get(json_object_get(j, "signalen"), 0);
	CHECK(first && json_is_true(json_object_get(first, "meldcode")), "API: safety concerns first");
	json_decref(j);
	snprintf(path, sizeof path, "/api/v1/signalen?status=afgesloten&gebied=%lld", centrum);
	CHECK(api(&geb, "GET", path, NULL, &j) == 200 && json_array_size(json_object_get(j, "signalen")) == 1 &&
	      json_integer_value(json_object_get(json_array_get(json_object_get(j, "signalen"), 0), "id")) == s1,
	      "API: filters on status and gebied");
	json_decref(j);
	CHECK(api(&geb, "GET", "/api/v1/signalen?status=x", NULL, &j) == 422 &&
	      json_object_get(json_object_get(json_object_get(j, "error"), "fields"), "status"), "API: 422 on a bad filter");
	json_decref(j);
	CHECK(api(&geb, "POST", "/api/v1/signalen", "{}", &j) == 422, "API: POST {} is 422");
	json_t *fields = json_object_get(json_object_get(j, "error"), "fields");
	CHECK(json_object_get(fields, "bron") && json_object_get(fields, "over") && json_object_get(fields, "zorg") &&
	      json_object_get(fields, "gebied_id"), "API: 422 names every missing field");
	json_decref(j);
	CHECK(api(&geb, "POST", "/api/v1/signalen", "{\"bron\":\"buren\",\"over\":\"x\",\"zorg\":\"y\",\"gebied_id\":1,"
	                                            "\"bezoek_id\":999999}", &j) == 422 &&
	      json_object_get(json_object_get(json_object_get(j, "error"), "fields"), "bezoek_id"),
	      "API: an unknown walk-in is 422");
	json_decref(j);
	snprintf(form, sizeof form, "{\"bron\":\"wijkverpleging\",\"bron_naam\":\"Wijkteam\",\"over\":\"Mevrouw op nummer 3\","
	         "\"zorg\":\"Vereenzaamt.\",\"gebied_id\":%lld,\"meldcode\":false}", hoevelaken);
	CHECK(api(&geb, "POST", "/api/v1/signalen", form, &j) == 201 &&
	      json_integer_value(json_object_get(j, "versie")) == 1 &&
	      strcmp(json_string_value(json_object_get(j, "status")), "nieuw") == 0, "API: 201 created");
	long long s3 = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	CHECK(location_id("/api/v1/signalen/") == s3, "API: Location of the new signal");
	snprintf(apath, sizeof apath, "/api/v1/signalen/%lld", s3);
	CHECK(api(&geb, "GET", apath, NULL, &j) == 200 && json_is_true(json_object_get(j, "inhoud_zichtbaar")) &&
	      strcmp(json_string_value(json_object_get(j, "zorg")), "Vereenzaamt.") == 0, "API: GET one");
	json_decref(j);
	CHECK(api(&geb, "GET", "/api/v1/signalen/999999", NULL, NULL) == 404, "API: 404 for an unknown signal");
	CHECK(api(&geb, "PUT", apath, "{\"status\":\"in_onderzoek\"}", &j) == 422 &&
	      json_object_get(json_object_get(json_object_get(j, "error"), "fields"), "versie"), "API: PUT without versie is 422");
	json_decref(j);
	snprintf(form, sizeof form, "{\"status\":\"in_onderzoek\",\"opvolging\":\"Gebeld\",\"toegewezen_aan\":%lld,\"versie\":1}", geb_id);
	CHECK(api(&geb, "PUT", apath, form, &j) == 200 && json_integer_value(json_object_get(j, "versie")) == 2 &&
	      json_integer_value(json_object_get(j, "toegewezen_aan")) == geb_id, "API: PUT follow-up");
	json_decref(j);
	CHECK(api(&geb, "PUT", apath, form, &j) == 409 &&
	      json_integer_value(json_object_get(json_object_get(json_object_get(j, "error"), "huidig"), "versie")) == 2,
	      "API: a stale PUT is 409 with the current signal");
	json_decref(j);
	CHECK(api(&geb, "PUT", "/api/v1/signalen/999999", form, NULL) == 404, "API: PUT on an unknown signal is 404");
	snprintf(apath, sizeof apath, "/api/v1/signalen/%lld/koppelen", s3);
	CHECK(api(&geb, "POST", apath, "{}", &j) == 422 &&
	      json_object_get(json_object_get(json_object_get(j, "error"), "fields"), "huishouden_id"),
	      "API: koppelen without huishouden_id is 422");
	json_decref(j);
	CHECK(api(&geb, "POST", apath, "{\"huishouden_id\":999999}", NULL) == 422, "API: koppelen to an unknown household is 422");
	long long hh2 = db_int("SELECT min(id) FROM huishouden WHERE id > %lld", hh1);
	snprintf(form, sizeof form, "{\"huishouden_id\":%lld}", hh2);
	CHECK(api(&geb, "POST", apath, form, &j) == 200 && json_integer_value(json_object_get(j, "huishouden_id")) == hh2 &&
	      json_integer_value(json_object_get(j, "versie")) == 3, "API: koppelen");
	json_decref(j);
	CHECK(api(&geb, "POST", "/api/v1/signalen/999999/koppelen", form, NULL) == 404, "API: koppelen an unknown signal is 404");
	snprintf(apath, sizeof apath, "/api/v1/signalen/%lld", s1);
	CHECK(api(&geb, "PUT", apath, "{\"status\":\"in_onderzoek\",\"versie\":4}", NULL) == 409,
	      "API: PUT on a closed signal is 409");
	snprintf(apath, sizeof apath, "/api/v1/signalen/%lld/koppelen", s1);
	CHECK(api(&geb, "POST", apath, form, NULL) == 409, "API: koppelen a closed signal is 409");
	CHECK(api(&beh, "POST", "/api/v1/signalen", "{}", NULL) == 403, "API: POST 403 for the beheerder");
	snprintf(form, sizeof form, "{\"bron\":\"voedselbank\",\"over\":\"De buren\",\"zorg\":\"Zorgen\",\"gebied_id\":%lld,"
	         "\"bezoek_id\":%lld}", hoevelaken, bezoek);
	CHECK(api(&geb, "POST", "/api/v1/signalen", form, &j) == 201 && json_integer_value(json_object_get(j, "bezoek_id")) == bezoek,
	      "API: the one who registered the walk-in links a signal to it");
	json_decref(j);
	CHECK(db_int("SELECT count(*) FROM audit WHERE action IN ('signaal.create', 'signaal.update', 'signaal.koppelen')"
	             " AND object_id = %lld", s3) == 3, "API: create, update and koppelen audited");

	/* Navigation and Mijn werk. */
	CHECK(get(&geb, "/") == 200 && has("href=\"/signalen\""), "Mijn werk and the navigation lead to the signals");
	CHECK(get(&beh, "/") == 200 && !has("href=\"/signalen\""), "not for the beheerder");

	drop();
	CHECK(ts_stop(&S) == 0, "server stops cleanly (no sanitizer findings)");
	T_EXIT();
}
