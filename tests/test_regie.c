/* test_regie.c - need-to-know and regie against the real server: who may
 * open a household, access by exception with a reason (and the regisseur
 * seeing it), assigning and reassigning the regisseur with a warm
 * handover, the suggestion list, casusteam, stale versions, and the API. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http_client.h"
#include "testutil.h"

static struct test_server S;

/* The server's database, through the test's own connection. */
#define db_int(sql) ts_db_int(&S, "%s", (sql))
#define db_exec(sql) ts_db_exec(&S, "%s", (sql))

static long long user_id(const char *username)
{
	char sql[256];
	snprintf(sql, sizeof sql, "SELECT id FROM medewerker WHERE username = '%s'", username);
	return db_int(sql);
}

static int status_of(struct client *c, const char *method, const char *path, const char *form)
{
	struct http_resp r;
	int rc = form ? client_post_with_csrf(c, "/", path, form, &r)
	              : client_request(c, method, path, NULL, NULL, NULL, &r);
	if (rc != 0)
		return -1;
	int st = r.status;
	http_resp_free(&r);
	return st;
}

/* A household like the De Vries family, written straight into the
 * database with an aanmelding registered by `by`. */
static long long make_household(long long by)
{
	char sql[2048];
	snprintf(sql, sizeof sql,
	         "INSERT INTO huishouden(street, house_number, postcode, city, opened_at) VALUES"
	         " ('Kerkstraat', 12, '3861 AB', 'Nijkerk', strftime('%%s','now'));"
	         "INSERT INTO persoon(huishouden_id, first_name, name_prefix, last_name, birth_date, role) VALUES"
	         " (last_insert_rowid(), 'Jan', 'de', 'Vries', '1971-03-02', 'ouder');"
	         "INSERT INTO persoon(huishouden_id, first_name, name_prefix, last_name, birth_date, role)"
	         " SELECT max(id), 'Els', 'de', 'Vries', '1975-06-14', 'partner' FROM huishouden;"
	         "INSERT INTO aanmelding(huishouden_id, channel, referrer_kind, referrer_org, medium, question,"
	         " urgency, safety_concern, received_at, created_by) SELECT max(id), 'verwijzer', 'huisarts',"
	         " 'Huisartsenpraktijk Nijkerk', 'telefoon', 'Geheime vraag van het gezin', 'normaal', 0,"
	         " strftime('%%s','now'), %lld FROM huishouden;", by);
	if (db_exec(sql) != 0)
		return -1;
	return db_int("SELECT max(id) FROM huishouden");
}

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

/* Issue 11, item 4 and 5: an employee of another team registers an
 * aanmelding for a household in Team Noord's queue.  The aanmelding is
 * recorded (the resident did call), but it grants nothing: the household
 * stays closed to her, she cannot take the regie, and an exception does
 * not let her either. */
static void intake_queue_rules(struct client *anna, long long hh)
{
	long long before = db_int("SELECT count(*) FROM aanmelding");
	char form[512];
	snprintf(form, sizeof form, "huishouden=%lld&kanaal=inwoner_zelf&medium=telefoon&urgentie=normaal"
	         "&vraag=Belde+over+de+schulden", hh);
	struct http_resp r;
	client_post_with_csrf(anna, "/aanmeldingen/nieuw", "/aanmeldingen/nieuw", form, &r);
	char loc[128] = "";
	CHECK(r.status == 303 && http_header(&r, "Location", loc, sizeof loc) && strncmp(loc, "/aanmeldingen?geregistreerd=", 28) == 0,
	      "another team's consulent registers an aanmelding: recorded, back to the queue (got %d %s)", r.status, loc);
	http_resp_free(&r);
	CHECK(db_int("SELECT count(*) FROM aanmelding") == before + 1, "the aanmelding is stored");
	client_get(anna, loc, &r);
	CHECK(r.status == 200 && http_body_has(&r, "geen toegang tot de inhoud") && http_body_has(&r, "staat in de wachtrij van Team Nijkerk-Noord"),
	      "the queue says she has no access to the contents, and which team picks it up");
	http_resp_free(&r);
	char path[128];
	snprintf(path, sizeof path, "/huishoudens/%lld", hh);
	CHECK(status_of(anna, "GET", path, NULL) == 303, "registering an aanmelding grants no access to the household");
	snprintf(path, sizeof path, "/huishoudens/%lld/regie", hh);
	CHECK(status_of(anna, "POST", path, "medewerker=1&reden=x&versie=1") == 403,
	      "nor the regie (403 before anything is read)");
	/* With an exception she may read, but not steer. */
	snprintf(path, sizeof path, "/huishoudens/%lld/toegang", hh);
	client_post_with_csrf(anna, path, path, "reden=Inwoner+belde+mij+rechtstreeks+terug", &r);
	CHECK(r.status == 303, "she opens the household by exception");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/huishoudens/%lld/regie", hh);
	client_get(anna, path, &r);
	CHECK(r.status == 200 && !http_body_has(&r, "Regisseur toewijzen") && !http_body_has(&r, "action=\"/huishoudens/") &&
	      http_body_has(&r, "geeft dat recht niet"),
	      "by exception the regie page shows no forms to steer, and says why");
	char *version = field_value(r.body, "versie");
	http_resp_free(&r);
	long long anna_id = user_id("anna");
	snprintf(form, sizeof form, "medewerker=%lld&reden=Ik+neem+het+over&versie=%s", anna_id,
	         version ? version : "1");
	free(version);
	client_post_with_csrf(anna, "/", path, form, &r);
	CHECK(r.status == 403 && http_body_has(&r, "geeft dat recht niet"), "by exception she cannot make herself regisseur");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/huishoudens/%lld/casusteam", hh);
	snprintf(form, sizeof form, "medewerker=%lld", anna_id);
	client_post_with_csrf(anna, "/", path, form, &r);
	CHECK(r.status == 403, "by exception she cannot join the casusteam");
	http_resp_free(&r);
	char sql[256];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM casusteam WHERE huishouden_id = %lld AND medewerker_id = %lld", hh, anna_id);
	CHECK(db_int(sql) == 0, "she is not in the casusteam");
	snprintf(sql, sizeof sql, "SELECT coalesce(regisseur_id, 0) FROM huishouden WHERE id = %lld", hh);
	CHECK(db_int(sql) == 0, "the household still has no regisseur");
	/* Her exception is used up for the rest of this test: drop it, so
	 * the later checks see her without access again. */
	snprintf(sql, sizeof sql, "DELETE FROM toegang_uitzondering WHERE medewerker_id = %lld", anna_id);
	db_exec(sql);
}

/* The beheerder's /beheer/wachtrijen: which team works which gebied, and
 * the central intake team; the access rule follows it at once. */
static void queue_settings(struct client *beh, struct client *anna, struct client *cons, long long cons_id)
{
	struct http_resp r;
	client_get(beh, "/beheer/wachtrijen", &r);
	CHECK(r.status == 200 && http_body_has(&r, "Centraal intaketeam") && http_body_has(&r, "Hoevelaken") &&
	      http_body_has(&r, "Team Nijkerk-Zuid"), "the beheerder sees the queues per gebied");
	http_resp_free(&r);
	long long zuid = db_int("SELECT id FROM team WHERE name = 'Team Nijkerk-Zuid'");
	long long hoevelaken = db_int("SELECT id FROM gebied WHERE name = 'Hoevelaken'");
	char form[256];
	snprintf(form, sizeof form, "centraal=%lld&gebied_%lld=999999", zuid, hoevelaken);
	client_post_with_csrf(beh, "/beheer/wachtrijen", "/beheer/wachtrijen", form, &r);
	char want[64];
	snprintf(want, sizeof want, "href=\"#gebied_%lld\"", hoevelaken);
	CHECK(r.status == 422 && http_body_has(&r, "Kies een bestaand team.") && http_body_has(&r, want),
	      "an unknown team is refused at the field and named in the summary");
	http_resp_free(&r);
	CHECK(db_int("SELECT count(*) FROM team WHERE centrale_intake = 1 AND name = 'Team Nijkerk-Noord'") == 1,
	      "nothing was saved");
	snprintf(form, sizeof form, "centraal=%lld&gebied_%lld=%lld", zuid, hoevelaken, zuid);
	client_post_with_csrf(beh, "/beheer/wachtrijen", "/beheer/wachtrijen", form, &r);
	CHECK(r.status == 303, "the beheerder makes Team Zuid the central intake team");
	http_resp_free(&r);
	CHECK(db_int("SELECT count(*) FROM team WHERE centrale_intake = 1") == 1 &&
	      db_int("SELECT count(*) FROM audit WHERE action = 'beheer.wachtrijen'") == 1,
	      "one central intake team, and the change is audited");
	long long hh = make_household(cons_id);
	char path[96];
	snprintf(path, sizeof path, "/huishoudens/%lld", hh);
	CHECK(status_of(anna, "GET", path, NULL) == 200, "a household without gebied is now open to Team Zuid");
	CHECK(status_of(cons, "GET", path, NULL) == 303,
	      "and no longer to Team Noord, not even to the consulent who registered its aanmelding");
	client_get(beh, "/beheer/teams", &r);
	CHECK(r.status == 200 && http_body_has(&r, "gebied waarvan het de wachtrij werkt"),
	      "a team that works a gebied's queue is not removed while it does");
	http_resp_free(&r);
}

int main(void)
{
	if (ts_start(&S, (const char *const[]){"--cookie-insecure", NULL}) != 0) {
		T_FAIL("server start", "see %s", S.log);
		T_EXIT();
	}
	/* A second consulent in the other team, for the exception rules. */
	char cmd[512];
	snprintf(cmd, sizeof cmd, "echo 'een lang wachtwoord voor anna' | build/san/loket user-add --db %s"
	         " --username anna --name 'Anna Kramer' --role consulent > /dev/null", S.db);
	CHECK(system(cmd) == 0, "second consulent created with loket user-add");
	db_exec("UPDATE medewerker SET team_id = 2 WHERE username = 'anna'");

	long long cons = user_id("consulent"), gebied = user_id("gebiedsteam");
	long long hh = make_household(cons);
	CHECK(hh > 0, "household set up");
	char path[128], form[1024];

	struct client c_cons, c_gebied, c_tl, c_anna, c_beh;
	client_init(&c_cons, S.port);
	client_init(&c_gebied, S.port);
	client_init(&c_tl, S.port);
	client_init(&c_anna, S.port);
	client_init(&c_beh, S.port);
	CHECK(client_login(&c_cons, S.users[U_CONSULENT].username, S.users[U_CONSULENT].password) == 303, "consulent signs in");
	CHECK(client_login(&c_gebied, S.users[U_GEBIEDSTEAM].username, S.users[U_GEBIEDSTEAM].password) == 303, "gebiedsteam signs in");
	CHECK(client_login(&c_tl, S.users[U_TEAMLEIDER].username, S.users[U_TEAMLEIDER].password) == 303, "teamleider signs in");
	CHECK(client_login(&c_anna, "anna", "een lang wachtwoord voor anna") == 303, "second consulent signs in");
	CHECK(client_login(&c_beh, S.users[U_BEHEERDER].username, S.users[U_BEHEERDER].password) == 303, "beheerder signs in");

	/* Without a regisseur: the team whose queue it is in (the demo
	 * household has no gebied: the central intake team, Team Noord) and
	 * every teamleider; not an employee of another team. */
	snprintf(path, sizeof path, "/huishoudens/%lld/regie", hh);
	struct http_resp r;
	client_get(&c_cons, path, &r);
	CHECK(r.status == 200, "a consulent of the intake team opens the regie page");
	CHECK(http_body_has(&r, "Youssef El Amrani") && http_body_has(&r, "caseload 0 huishoudens") &&
	      http_body_has(&r, "passende expertise 0 van 0"), "suggestions show caseload and matching expertise");
	CHECK(!http_body_has(&r, "Peter Bakker") && !http_body_has(&r, "Ingrid Smit"),
	      "beheerder and privacy officer are not suggested as regisseur");
	char *version = field_value(r.body, "versie");
	http_resp_free(&r);
	CHECK(status_of(&c_tl, "GET", path, NULL) == 200, "a teamleider opens a household without regisseur");
	CHECK(status_of(&c_gebied, "GET", path, NULL) == 200, "a gebiedsteam member of the intake team opens it too");
	CHECK(status_of(&c_anna, "GET", path, NULL) == 303, "an employee of another team is sent to the exception form");
	intake_queue_rules(&c_anna, hh);
	CHECK(status_of(&c_beh, "GET", path, NULL) == 403, "the beheerder has no case access");

	/* First assignment: a reason, no handover needed. */
	snprintf(form, sizeof form, "medewerker=%lld&reden=&versie=%s", gebied, version ? version : "");
	struct http_resp a;
	client_post_with_csrf(&c_cons, path, path, form, &a);
	CHECK(a.status == 422 && http_body_has(&a, "Dit veld is verplicht."), "a reason is required");
	CHECK(http_body_has(&a, "checked") , "the chosen employee stays selected");
	http_resp_free(&a);
	snprintf(form, sizeof form, "medewerker=%lld&reden=Gebiedsteam+kent+de+buurt&versie=%s", gebied, version ? version : "");
	client_post_with_csrf(&c_cons, path, path, form, &a);
	CHECK(a.status == 303, "consulent assigns the gebiedsteam member as regisseur");
	char loc[128];
	CHECK(http_header(&a, "Location", loc, sizeof loc) && strcmp(loc, "/?regie_overgedragen=1") == 0,
	      "without a role left, the consulent goes back to Mijn werk");
	http_resp_free(&a);
	char sql[512];
	snprintf(sql, sizeof sql, "SELECT regisseur_id FROM huishouden WHERE id = %lld", hh);
	CHECK(db_int(sql) == gebied, "the household has its regisseur");
	snprintf(sql, sizeof sql, "SELECT count(*) FROM regie_toewijzing WHERE huishouden_id = %lld AND to_id = %lld", hh, gebied);
	CHECK(db_int(sql) == 1, "the assignment is in the history");
	snprintf(sql, sizeof sql, "SELECT count(*) FROM audit WHERE action = 'regie.toewijzen' AND huishouden_id = %lld", hh);
	CHECK(db_int(sql) == 1, "the assignment is audited");

	/* A stale form: the version moved on. */
	snprintf(form, sizeof form, "medewerker=%lld&reden=Nog+een+keer&overdracht=Zie+journaal&versie=%s", cons, version ? version : "");
	client_post_with_csrf(&c_tl, path, path, form, &a);
	CHECK(a.status == 409 && http_body_has(&a, "Iemand anders heeft intussen de regie"),
	      "a second save on the old version is refused with a message");
	CHECK(http_body_has(&a, "Nog een keer"), "the input is kept after the conflict");
	http_resp_free(&a);
	free(version);

	/* The registering consulent has no role any more. */
	CHECK(status_of(&c_cons, "GET", path, NULL) == 303, "after assignment the registering consulent needs an exception");
	CHECK(status_of(&c_gebied, "GET", path, NULL) == 200, "the regisseur has access");
	CHECK(status_of(&c_tl, "GET", path, NULL) == 200, "the teamleider of the regisseur's team has access");
	CHECK(status_of(&c_anna, "GET", path, NULL) == 303, "an employee of another team does not");

	/* Access by exception. */
	snprintf(path, sizeof path, "/huishoudens/%lld/toegang", hh);
	client_get(&c_anna, path, &r);
	CHECK(r.status == 200 && http_body_has(&r, "Kerkstraat 12, 3861 AB Nijkerk") && http_body_has(&r, "Jan de Vries") &&
	      http_body_has(&r, "02-03-1971") && http_body_has(&r, "Youssef El Amrani"),
	      "without access: name, date of birth, address and regisseur are shown");
	CHECK(!http_body_has(&r, "Geheime vraag"), "without access: no contents");
	http_resp_free(&r);
	client_post_with_csrf(&c_anna, path, path, "reden=kort", &r);
	CHECK(r.status == 422 && http_body_has(&r, "minstens 10 tekens") && http_body_has(&r, ">kort</textarea>"),
	      "a reason under 10 characters is refused, input kept");
	http_resp_free(&r);
	client_post_with_csrf(&c_anna, path, path, "reden=Crisisdienst+belde+buiten+kantoortijd", &r);
	CHECK(r.status == 303, "with a reason the household opens");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/huishoudens/%lld/regie", hh);
	CHECK(status_of(&c_anna, "GET", path, NULL) == 200, "access by exception gives access");
	snprintf(sql, sizeof sql, "SELECT count(*) FROM audit WHERE action = 'huishouden.toegang_uitzondering'"
	         " AND huishouden_id = %lld AND reason = 'Crisisdienst belde buiten kantoortijd'", hh);
	CHECK(db_int(sql) == 1, "the exception is audited with its reason");
	snprintf(sql, sizeof sql, "SELECT count(*) FROM audit WHERE action = 'regie.view' AND huishouden_id = %lld"
	         " AND reason = 'Crisisdienst belde buiten kantoortijd'", hh);
	CHECK(db_int(sql) >= 1, "views by exception carry the reason in the audit log");
	client_get(&c_gebied, "/", &r);
	CHECK(http_body_has(&r, "Anna Kramer") && http_body_has(&r, "Crisisdienst belde buiten kantoortijd"),
	      "the regisseur sees the access by exception on the start page");
	CHECK(http_body_has(&r, "Kerkstraat 12"), "the regisseur's start page lists the household");
	CHECK(http_body_has(&r, "Regie aan u overgedragen") && http_body_has(&r, "Gebiedsteam kent de buurt"),
	      "the assignment shows on the new regisseur's start page");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/huishoudens/%lld/toegang", hh);
	CHECK(status_of(&c_beh, "GET", path, NULL) == 403, "the beheerder cannot open by exception");

	/* Reassignment needs a warm handover, which lands in the journal. */
	snprintf(path, sizeof path, "/huishoudens/%lld/regie", hh);
	client_get(&c_gebied, path, &r);
	version = field_value(r.body, "versie");
	http_resp_free(&r);
	snprintf(form, sizeof form, "medewerker=%lld&reden=Werk+en+inkomen+staan+voorop&overdracht=&versie=%s", cons, version ? version : "");
	client_post_with_csrf(&c_gebied, path, path, form, &a);
	CHECK(a.status == 422 && http_body_has(&a, "Schrijf een overdracht"), "reassignment without handover note is refused");
	http_resp_free(&a);
	snprintf(form, sizeof form, "medewerker=%lld&reden=Werk+en+inkomen+staan+voorop&overdracht=Jan+zoekt+werk%%3B+Els+is+mantelzorger+en+moe.&blijf_betrokken=1&versie=%s",
	         cons, version ? version : "");
	client_post_with_csrf(&c_gebied, path, path, form, &a);
	CHECK(a.status == 303 && http_header(&a, "Location", loc, sizeof loc) && strstr(loc, "/regie?toegewezen=1"),
	      "reassignment with a warm handover; staying involved keeps the page open");
	http_resp_free(&a);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM casusteam WHERE huishouden_id = %lld AND medewerker_id = %lld", hh, gebied);
	CHECK(db_int(sql) == 1, "\"ik blijf betrokken\" puts the former regisseur in the casusteam");
	free(version);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM journaal WHERE huishouden_id = %lld AND kind = 'warme_overdracht'"
	         " AND body LIKE '%%Els is mantelzorger en moe.%%'", hh);
	CHECK(db_int(sql) == 1, "the handover note is in the household's journal");
	client_get(&c_cons, "/", &r);
	CHECK(http_body_has(&r, "Els is mantelzorger en moe."), "the new regisseur finds the handover on the start page");
	http_resp_free(&r);
	client_get(&c_cons, path, &r);
	CHECK(r.status == 200 && http_body_has(&r, "Youssef El Amrani") && http_body_has(&r, "Gebiedsteam kent de buurt"),
	      "the regie history shows every assignment");
	http_resp_free(&r);

	/* Casusteam. */
	snprintf(path, sizeof path, "/huishoudens/%lld/casusteam", hh);
	snprintf(form, sizeof form, "medewerker=%lld", gebied);
	char page[128];
	snprintf(page, sizeof page, "/huishoudens/%lld/regie", hh);
	client_post_with_csrf(&c_cons, page, path, form, &a);
	CHECK(a.status == 409 && http_body_has(&a, "al in het casusteam"), "adding a member twice is refused");
	http_resp_free(&a);
	CHECK(status_of(&c_gebied, "GET", page, NULL) == 200, "the casusteam member has access");
	snprintf(form, sizeof form, "medewerker=%lld", user_id("beheerder"));
	client_post_with_csrf(&c_cons, page, path, form, &a);
	CHECK(a.status == 422, "a beheerder cannot join a casusteam");
	http_resp_free(&a);
	/* Issue 12 item 3: the casusteam's buttons are in the regie form, so
	 * what was typed for a new regisseur stays. */
	snprintf(form, sizeof form, "medewerker=&reden=Schulden+voorop&overdracht=Bel+na+drie+uur&versie=1&verwijder=%lld",
	         gebied);
	client_post_with_csrf(&c_cons, page, page, form, &a);
	CHECK(a.status == 200 && http_body_has(&a, "Uit het casusteam gehaald") && http_body_has(&a, "Schulden voorop") &&
	      http_body_has(&a, "Bel na drie uur") && !http_body_has(&a, "utrecht-form-field--invalid"),
	      "removing from the regie form keeps the reason and handover typed, without errors");
	http_resp_free(&a);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM casusteam WHERE huishouden_id = %lld AND medewerker_id = %lld", hh, gebied);
	CHECK(db_int(sql) == 0, "and the member is removed");
	snprintf(form, sizeof form, "medewerker=&reden=Schulden+voorop&overdracht=Bel+na+drie+uur&versie=1&lid=%lld"
	         "&actie=lid_toevoegen", gebied);
	client_post_with_csrf(&c_cons, page, page, form, &a);
	CHECK(a.status == 200 && http_body_has(&a, "Toegevoegd aan het casusteam") && http_body_has(&a, "Bel na drie uur") &&
	      db_int(sql) == 1, "adding from the regie form keeps them too");
	http_resp_free(&a);
	snprintf(form, sizeof form, "medewerker=&reden=Schulden+voorop&overdracht=Bel+na+drie+uur&versie=1&lid=%lld"
	         "&actie=lid_toevoegen", gebied);
	client_post_with_csrf(&c_cons, page, page, form, &a);
	CHECK(a.status == 409 && http_body_has(&a, "al in het casusteam") && http_body_has(&a, "Bel na drie uur"),
	      "a refused addition says why and keeps them");
	http_resp_free(&a);
	snprintf(path, sizeof path, "/huishoudens/%lld/casusteam/%lld/verwijderen", hh, gebied);
	client_post_with_csrf(&c_cons, page, path, "", &a);
	CHECK(a.status == 303, "the regisseur removes the casusteam member");
	http_resp_free(&a);
	CHECK(status_of(&c_gebied, "GET", page, NULL) == 303, "a removed member loses access");

	/* API. */
	struct http_resp j;
	client_get(&c_cons, "/api/v1/sessie", &j);
	char *p = strstr(j.body, "\"csrf\":\"");
	char hdr[128] = "";
	if (p)
		snprintf(hdr, sizeof hdr, "X-CSRF-Token: %.43s\r\n", p + 8);
	http_resp_free(&j);
	snprintf(path, sizeof path, "/api/v1/huishoudens/%lld/regisseur", hh);
	client_request(&c_cons, "GET", path, NULL, NULL, NULL, &j);
	CHECK(j.status == 200 && http_body_has(&j, "\"naam\":\"Sanne de Boer\"") && http_body_has(&j, "\"suggesties\":["),
	      "API: GET regisseur");
	long long v = db_int("SELECT version FROM huishouden ORDER BY id DESC LIMIT 1");
	http_resp_free(&j);
	char body[512];
	snprintf(body, sizeof body, "{\"medewerker\":%lld,\"reden\":\"Terug naar gebiedsteam\",\"overdracht\":\"Alles loopt.\",\"versie\":%lld}", gebied, v - 1);
	client_request(&c_cons, "PUT", path, "application/json", body, hdr, &j);
	CHECK(j.status == 409 && http_body_has(&j, "\"code\":\"conflict\"") && http_body_has(&j, "\"huidig\":{"),
	      "API: stale version is 409 with the current state");
	http_resp_free(&j);
	snprintf(body, sizeof body, "{\"medewerker\":%lld,\"reden\":\"Terug naar gebiedsteam\",\"versie\":%lld}", gebied, v);
	client_request(&c_cons, "PUT", path, "application/json", body, hdr, &j);
	CHECK(j.status == 422 && http_body_has(&j, "\"overdracht\":"), "API: reassignment without handover is 422");
	http_resp_free(&j);
	snprintf(body, sizeof body, "{\"medewerker\":%lld,\"reden\":\"Terug naar gebiedsteam\",\"overdracht\":\"Alles loopt.\",\"versie\":%lld}", gebied, v);
	client_request(&c_cons, "PUT", path, "application/json", body, NULL, &j);
	CHECK(j.status == 403, "API: PUT without CSRF header is 403");
	http_resp_free(&j);
	client_request(&c_cons, "PUT", path, "application/json", body, hdr, &j);
	CHECK(j.status == 200 && http_body_has(&j, "\"naam\":\"Youssef El Amrani\""), "API: PUT regisseur");
	http_resp_free(&j);
	/* Now consulent is no longer regisseur: API says 403 without exception. */
	client_request(&c_cons, "GET", path, NULL, NULL, NULL, &j);
	CHECK(j.status == 403 && http_body_has(&j, "uitzonderingstoegang"), "API: no access is 403 naming the exception route");
	http_resp_free(&j);
	snprintf(path, sizeof path, "/api/v1/huishoudens/%lld/toegang", hh);
	client_request(&c_cons, "POST", path, "application/json", "{\"reden\":\"kort\"}", hdr, &j);
	CHECK(j.status == 422, "API: exception reason too short is 422");
	http_resp_free(&j);
	client_request(&c_cons, "POST", path, "application/json", "{\"reden\":\"Terugbelverzoek van Els\"}", hdr, &j);
	CHECK(j.status == 200 && http_body_has(&j, "\"toegang\":true"), "API: access by exception");
	http_resp_free(&j);
	/* An exception never becomes permanent: no joining the casusteam, no
	 * taking the regie. */
	snprintf(path, sizeof path, "/api/v1/huishoudens/%lld/casusteam", hh);
	snprintf(body, sizeof body, "{\"medewerker\":%lld}", cons);
	client_request(&c_cons, "POST", path, "application/json", body, hdr, &j);
	CHECK(j.status == 403 && http_body_has(&j, "uitzonderingstoegang"),
	      "API: access by exception cannot add oneself to the casusteam (403)");
	http_resp_free(&j);
	snprintf(path, sizeof path, "/api/v1/huishoudens/%lld/regisseur", hh);
	v = db_int("SELECT version FROM huishouden ORDER BY id DESC LIMIT 1");
	snprintf(body, sizeof body, "{\"medewerker\":%lld,\"reden\":\"Ik neem het over\",\"overdracht\":\"x\",\"versie\":%lld}",
	         cons, v);
	client_request(&c_cons, "PUT", path, "application/json", body, hdr, &j);
	CHECK(j.status == 403, "API: access by exception cannot take the regie (403)");
	http_resp_free(&j);
	snprintf(sql, sizeof sql, "SELECT regisseur_id FROM huishouden WHERE id = %lld", hh);
	CHECK(db_int(sql) == gebied, "the regisseur is unchanged");
	snprintf(sql, sizeof sql, "SELECT count(*) FROM casusteam WHERE huishouden_id = %lld AND medewerker_id = %lld", hh, cons);
	CHECK(db_int(sql) == 0, "the casusteam is unchanged");
	/* The regisseur builds the casusteam. */
	client_get(&c_gebied, "/api/v1/sessie", &j);
	p = strstr(j.body, "\"csrf\":\"");
	char ghdr[128] = "";
	if (p)
		snprintf(ghdr, sizeof ghdr, "X-CSRF-Token: %.43s\r\n", p + 8);
	http_resp_free(&j);
	snprintf(path, sizeof path, "/api/v1/huishoudens/%lld/casusteam", hh);
	snprintf(body, sizeof body, "{\"medewerker\":%lld}", user_id("anna"));
	client_request(&c_gebied, "POST", path, "application/json", body, ghdr, &j);
	CHECK(j.status == 201 && http_body_has(&j, "Anna Kramer"), "API: the regisseur adds to the casusteam");
	http_resp_free(&j);
	client_request(&c_cons, "GET", path, NULL, NULL, NULL, &j);
	CHECK(j.status == 200 && http_body_has(&j, "\"casusteam\":[{"), "API: GET casusteam (by exception)");
	http_resp_free(&j);
	snprintf(path, sizeof path, "/api/v1/huishoudens/%lld/casusteam/%lld", hh, user_id("anna"));
	client_request(&c_cons, "DELETE", path, NULL, NULL, hdr, &j);
	CHECK(j.status == 403, "API: access by exception cannot remove a member (403)");
	http_resp_free(&j);
	client_request(&c_anna, "GET", "/api/v1/sessie", NULL, NULL, NULL, &j);
	p = strstr(j.body, "\"csrf\":\"");
	char ahdr[128] = "";
	if (p)
		snprintf(ahdr, sizeof ahdr, "X-CSRF-Token: %.43s\r\n", p + 8);
	http_resp_free(&j);
	client_request(&c_anna, "DELETE", path, NULL, NULL, ahdr, &j);
	CHECK(j.status == 200, "API: a member may leave the casusteam herself");
	http_resp_free(&j);
	client_request(&c_gebied, "DELETE", path, NULL, NULL, ghdr, &j);
	CHECK(j.status == 404, "API: removing a non-member is 404");
	http_resp_free(&j);

	queue_settings(&c_beh, &c_anna, &c_cons, cons);

	CHECK(ts_stop(&S) == 0, "server stops cleanly");
	snprintf(cmd, sizeof cmd, "build/san/loket audit-verify --db %s > /dev/null", S.db);
	CHECK(system(cmd) == 0, "audit chain verifies");
	T_EXIT();
}
