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

	/* Without a regisseur: the registering consulent and teamleiders only. */
	snprintf(path, sizeof path, "/huishoudens/%lld/regie", hh);
	struct http_resp r;
	client_get(&c_cons, path, &r);
	CHECK(r.status == 200, "the consulent who registered it opens the regie page");
	CHECK(http_body_has(&r, "Youssef El Amrani") && http_body_has(&r, "caseload 0 huishoudens") &&
	      http_body_has(&r, "passende expertise 0 van 0"), "suggestions show caseload and matching expertise");
	CHECK(!http_body_has(&r, "Peter Bakker") && !http_body_has(&r, "Ingrid Smit"),
	      "beheerder and privacy officer are not suggested as regisseur");
	char *version = field_value(r.body, "versie");
	http_resp_free(&r);
	CHECK(status_of(&c_tl, "GET", path, NULL) == 200, "a teamleider opens a household without regisseur");
	CHECK(status_of(&c_gebied, "GET", path, NULL) == 303, "another employee is sent to the exception form");
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
	CHECK(http_body_has(&r, "Aan u overgedragen") && http_body_has(&r, "Gebiedsteam kent de buurt"),
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
	snprintf(path, sizeof path, "/api/v1/huishoudens/%lld/casusteam", hh);
	snprintf(body, sizeof body, "{\"medewerker\":%lld}", user_id("anna"));
	client_request(&c_cons, "POST", path, "application/json", body, hdr, &j);
	CHECK(j.status == 201 && http_body_has(&j, "Anna Kramer"), "API: add to casusteam");
	http_resp_free(&j);
	client_request(&c_cons, "GET", path, NULL, NULL, NULL, &j);
	CHECK(j.status == 200 && http_body_has(&j, "\"casusteam\":[{"), "API: GET casusteam");
	http_resp_free(&j);
	snprintf(path, sizeof path, "/api/v1/huishoudens/%lld/casusteam/%lld", hh, user_id("anna"));
	client_request(&c_cons, "DELETE", path, NULL, NULL, hdr, &j);
	CHECK(j.status == 200, "API: remove from casusteam");
	http_resp_free(&j);
	client_request(&c_cons, "DELETE", path, NULL, NULL, hdr, &j);
	CHECK(j.status == 404, "API: removing a non-member is 404");
	http_resp_free(&j);

	CHECK(ts_stop(&S) == 0, "server stops cleanly");
	snprintf(cmd, sizeof cmd, "build/san/loket audit-verify --db %s > /dev/null", S.db);
	CHECK(system(cmd) == 0, "audit chain verifies");
	T_EXIT();
}
