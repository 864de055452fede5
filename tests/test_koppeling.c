/* test_koppeling.c - security issue 6, "the beheerder can act as anyone",
 * against the real server: API tokens belong to a koppeling (a technical
 * account with at most the roles consulent and gebiedsteam), never to a
 * person; tokens expire; a koppeling never signs in and never shows up
 * where people are chosen; granting teamleider, beheerder or privacy
 * officer is audited and listed for the privacy officer; and migration
 * 0013 revokes the tokens that were issued for persons, with audit rows. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "http_client.h"
#include "testutil.h"

static struct test_server S;

#define db_int(...) ts_db_int(&S, __VA_ARGS__)
#define db_exec(...) ts_db_exec(&S, __VA_ARGS__)

static int post(struct agent *a, const char *path, const char *form, struct http_resp *out)
{
	struct http_resp r;
	int st = agent_post(a, path, form, &r);
	if (st < 0)
		return -1;
	if (out)
		*out = r;
	else
		http_resp_free(&r);
	return st;
}

static int get(struct agent *a, const char *path, struct http_resp *out)
{
	struct http_resp r;
	int st = agent_get(a, path, &r);
	if (st < 0)
		return -1;
	if (out)
		*out = r;
	else
		http_resp_free(&r);
	return st;
}

/* The token shown once on the page, malloc'd, or NULL. */
static char *shown_token(const char *body)
{
	const char *p = body ? strstr(body, "loket-secret\">loket_") : NULL;
	if (!p)
		return NULL;
	p += strlen("loket-secret\">");
	const char *end = strchr(p, '<');
	return end ? strndup(p, (size_t)(end - p)) : NULL;
}

/* A request with "Authorization: Bearer token"; the response in *out. */
static int bearer(const char *method, const char *path, const char *token, struct http_resp *out)
{
	struct client c;
	client_init(&c, S.port);
	char hdr[256];
	snprintf(hdr, sizeof hdr, "Authorization: Bearer %s\r\n", token ? token : "loket_x");
	struct http_resp r;
	if (client_request(&c, method, path, NULL, NULL, hdr, &r) != 0)
		return -1;
	int st = r.status;
	if (out)
		*out = r;
	else
		http_resp_free(&r);
	return st;
}

/* Local date `days` from today as "YYYY-MM-DD" (Dutch form when nl). */
static void date_in(int days, bool nl, char out[16])
{
	time_t t = time(NULL) + (time_t)days * 86400;
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(out, 16, nl ? "%d-%m-%Y" : "%Y-%m-%d", &tm);
}

static int api_login(const char *username, const char *password)
{
	struct client c;
	client_init(&c, S.port);
	struct http_resp r;
	if (client_get(&c, "/api/v1/sessie", &r) != 0)
		return -1;
	const char *p = strstr(r.body ? r.body : "", "\"csrf\":\"");
	char hdr[128] = "";
	if (p)
		snprintf(hdr, sizeof hdr, "X-CSRF-Token: %.43s\r\n", p + 8);
	http_resp_free(&r);
	char body[256];
	snprintf(body, sizeof body, "{\"gebruikersnaam\":\"%s\",\"wachtwoord\":\"%s\"}", username, password);
	if (client_request(&c, "POST", "/api/v1/sessie", "application/json", body, hdr, &r) != 0)
		return -1;
	int st = r.status;
	http_resp_free(&r);
	return st;
}

/* ---- koppelingen ------------------------------------------------------------ */

static long long test_koppelingen(struct agent *beh)
{
	struct http_resp r;
	CHECK(get(beh, "/beheer/koppelingen", &r) == 200 && http_body_has(&r, "Zorgaanbieder-portaal") &&
	      http_body_has(&r, "name=\"rol_consulent\"") && http_body_has(&r, "name=\"rol_gebiedsteam\"") &&
	      !http_body_has(&r, "name=\"rol_teamleider\"") && !http_body_has(&r, "name=\"rol_beheerder\"") &&
	      !http_body_has(&r, "name=\"rol_privacy_officer\""),
	      "the koppelingen page lists the demo koppeling and offers only consulent and gebiedsteam");
	http_resp_free(&r);
	long long before = db_int("SELECT count(*) FROM medewerker");

	static const struct {
		const char *form, *message, *what;
	} bad[] = {
		{"naam=BRP-koppeling&rol_privacy_officer=1", "nooit Teamleider, Beheerder of Privacy officer", "privacy officer"},
		{"naam=BRP-koppeling&rol_consulent=1&rol_beheerder=1", "nooit Teamleider, Beheerder of Privacy officer", "beheerder"},
		{"naam=BRP-koppeling&rol_teamleider=1", "nooit Teamleider, Beheerder of Privacy officer", "teamleider"},
		{"naam=&rol_consulent=1", "Dit veld is verplicht.", "no name"},
		{"naam=BRP-koppeling", "Kies minstens één mogelijkheid.", "no role"},
		{"naam=BRP-koppeling&rol_consulent=1&team=999", "Kies een bestaand team.", "unknown team"},
		{"naam=zorgaanbieder-PORTAAL&rol_consulent=1", "Er is al een koppeling met deze naam", "a taken name"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		CHECK(post(beh, "/beheer/koppelingen", bad[i].form, &r) == 422 && http_body_has(&r, bad[i].message) &&
		      http_body_has(&r, "href=\"#"), "koppeling with %s: 422, said at the field and in the summary",
		      bad[i].what);
		if (i < 3)
			CHECK(http_body_has(&r, "value=\"BRP-koppeling\""), "koppeling with %s: the name is kept", bad[i].what);
		http_resp_free(&r);
	}
	CHECK_INT(db_int("SELECT count(*) FROM medewerker"), before, "nothing stored by the refused forms");

	CHECK(post(beh, "/beheer/koppelingen", "naam=BRP-koppeling&rol_gebiedsteam=1&team=1", NULL) == 303,
	      "a koppeling with the gebiedsteam role and a team is created");
	long long kop = db_int("SELECT id FROM medewerker WHERE name = 'BRP-koppeling'");
	CHECK_INT(db_int("SELECT count(*) FROM medewerker WHERE id = %lld AND soort = 'koppeling' AND roles = 2"
	                 " AND team_id = 1 AND password_hash = '!' AND username LIKE 'koppeling:%%'", kop), 1,
	          "stored as a koppeling without a password");
	CHECK_INT(db_int("SELECT count(*) FROM audit WHERE action = 'koppeling.create' AND object_id = %lld", kop), 1,
	          "the creation is audited");
	CHECK(db_exec("UPDATE medewerker SET roles = 16 WHERE id = %lld", kop) != 0 &&
	      db_int("SELECT roles FROM medewerker WHERE id = %lld", kop) == 2,
	      "the database itself refuses the privacy officer role for a koppeling");
	CHECK(db_exec("UPDATE medewerker SET soort = 'persoon' WHERE id = %lld", kop) != 0,
	      "a koppeling cannot be turned into a person");
	return kop;
}

/* ---- tokens --------------------------------------------------------------------- */

static void test_tokens(struct agent *beh, long long kop)
{
	long long privacy = db_int("SELECT id FROM medewerker WHERE roles = 16 AND soort = 'persoon' LIMIT 1");
	long long cons = db_int("SELECT id FROM medewerker WHERE username = 'consulent'");
	char form[256], needle[64];
	struct http_resp r;

	CHECK(get(beh, "/beheer/api-tokens", &r) == 200, "the token page opens");
	snprintf(needle, sizeof needle, "<option value=\"%lld\"", kop);
	bool offers_kop = http_body_has(&r, needle);
	snprintf(needle, sizeof needle, "<option value=\"%lld\"", privacy);
	bool offers_priv = http_body_has(&r, needle);
	snprintf(needle, sizeof needle, "<option value=\"%lld\"", cons);
	CHECK(offers_kop && !offers_priv && !http_body_has(&r, needle) && !http_body_has(&r, "Kies een medewerker"),
	      "the token form offers koppelingen and no persons");
	http_resp_free(&r);

	long long tokens = db_int("SELECT count(*) FROM api_token");
	snprintf(form, sizeof form, "naam=Inzage+als+privacy+officer&koppeling=%lld", privacy);
	CHECK(post(beh, "/beheer/api-tokens", form, &r) == 422 && http_body_has(&r, "Kies een actieve koppeling") &&
	      !shown_token(r.body), "a POST naming the privacy officer is refused at the field");
	http_resp_free(&r);
	snprintf(form, sizeof form, "naam=Als+consulent&koppeling=%lld", cons);
	CHECK(post(beh, "/beheer/api-tokens", form, NULL) == 422, "a POST naming a consulent is refused");
	CHECK_INT(db_int("SELECT count(*) FROM api_token"), tokens, "no token stored for a person");
	CHECK(db_exec("INSERT INTO api_token(token_hash, medewerker_id, name, created_by, created_at, expires_at)"
	              " VALUES (randomblob(32), %lld, 'x', %lld, 0, 9999999999)", privacy, privacy) != 0,
	      "the database itself refuses a token for a person");

	/* Expiry validation: after today, within a year, a real date. */
	char today[16], past[16], far[16], two_years[16];
	date_in(0, false, today);
	date_in(-1, false, past);
	date_in(367, false, far);
	date_in(730, false, two_years);
	static const char *const messages[] = {"Kies een datum na vandaag.", "mag niet in het verleden liggen",
	                                       "hoogstens een jaar geldig", "hoogstens een jaar geldig",
	                                       "Vul een"};
	const char *dates[] = {today, past, far, two_years, "31-02-2027"};
	for (int i = 0; i < 5; i++) {
		snprintf(form, sizeof form, "naam=Portaal+productie&koppeling=%lld&verloopt=%s", kop, dates[i]);
		int st = post(beh, "/beheer/api-tokens", form, &r);
		CHECK(st == 422 && http_body_has(&r, messages[i]) && http_body_has(&r, "href=\"#verloopt\"") &&
		      http_body_has(&r, "value=\"Portaal productie\""),
		      "expiry %s refused at the field (%s), input kept", dates[i], messages[i]);
		if (st != 422 || !http_body_has(&r, messages[i]))
			printf("# %.*s\n", 300, r.body && strstr(r.body, "fout\">") ? strstr(r.body, "fout\">") : "");
		http_resp_free(&r);
	}
	CHECK_INT(db_int("SELECT count(*) FROM api_token"), tokens, "no token stored by refused dates");

	/* Default expiry: a year. */
	snprintf(form, sizeof form, "naam=Portaal+productie&koppeling=%lld&verloopt=", kop);
	CHECK(post(beh, "/beheer/api-tokens", form, &r) == 200, "a token for the koppeling is issued");
	char *token = shown_token(r.body);
	http_resp_free(&r);
	long long id1 = db_int("SELECT max(id) FROM api_token");
	long long days = db_int("SELECT (expires_at - created_at) / 86400 FROM api_token WHERE id = %lld", id1);
	CHECK(days >= 364 && days <= 366, "without a date it expires in a year (%lld days)", days);
	CHECK_INT(db_int("SELECT medewerker_id FROM api_token WHERE id = %lld", id1), kop, "stored for the koppeling");

	/* It acts as the koppeling, never as a person. */
	json_t *me = NULL;
	CHECK(bearer("GET", "/api/v1/ik", token, &r) == 200 && (me = json_loads(r.body, 0, NULL)) != NULL,
	      "the token works on the API");
	http_resp_free(&r);
	const char *name = json_string_value(json_object_get(me, "naam"));
	const char *role = json_string_value(json_array_get(json_object_get(me, "rollen"), 0));
	CHECK(name && strcmp(name, "BRP-koppeling") == 0 && role && strcmp(role, "gebiedsteam") == 0 &&
	      json_array_size(json_object_get(me, "rollen")) == 1, "/api/v1/ik names the koppeling and its one role");
	json_decref(me);
	CHECK(bearer("GET", "/api/v1/sessie", token, &r) == 200 && http_body_has(&r, "\"ingelogd\":true") &&
	      http_body_has(&r, "\"naam\":\"BRP-koppeling\"") && !http_body_has(&r, "\"csrf\""),
	      "GET /api/v1/sessie with the token names the koppeling (no session, no CSRF token)");
	http_resp_free(&r);
	long long audit_before = db_int("SELECT count(*) FROM audit WHERE medewerker_id = %lld", kop);
	CHECK(bearer("GET", "/api/v1/aanmeldingen", token, NULL) == 200, "the koppeling reads the queue (gebiedsteam)");
	CHECK(db_int("SELECT count(*) FROM audit WHERE medewerker_id = %lld", kop) > audit_before,
	      "what it does is audited under the koppeling");
	CHECK(bearer("GET", "/api/v1/personen/1/inzage", token, NULL) == 403 &&
	      bearer("GET", "/api/v1/bewaren", token, NULL) == 403 && bearer("GET", "/api/v1/dashboard", token, NULL) == 403,
	      "no inzage export, retention list or dashboard through a koppeling");

	/* A chosen date; the list shows it in Dutch. */
	char in30[16], in30_nl[16];
	date_in(30, false, in30);
	date_in(30, true, in30_nl);
	snprintf(form, sizeof form, "naam=Portaal+test&koppeling=%lld&verloopt=%s", kop, in30);
	CHECK(post(beh, "/beheer/api-tokens", form, &r) == 200 && http_body_has(&r, in30_nl),
	      "a token with a chosen date is issued; the list shows %s", in30_nl);
	char *token2 = shown_token(r.body);
	http_resp_free(&r);
	long long id2 = db_int("SELECT max(id) FROM api_token");

	/* Expired: refused like a revoked token, with its own message. */
	db_exec("UPDATE api_token SET expires_at = strftime('%%s','now') - 60 WHERE id = %lld", id2);
	CHECK(bearer("GET", "/api/v1/ik", token2, &r) == 401 && http_body_has(&r, "Het API-token is verlopen"),
	      "an expired token: 401 with a Dutch message");
	http_resp_free(&r);
	CHECK(get(beh, "/beheer/api-tokens", &r) == 200 && http_body_has(&r, "Verlopen: het token werkt niet meer") &&
	      http_body_has(&r, "Verloopt op"), "the list shows the expiry and that the token is expired");
	http_resp_free(&r);
	CHECK(bearer("GET", "/api/v1/ik", token, NULL) == 200, "the other token still works");

	/* Deactivating the koppeling ends its tokens at once. */
	char path[128];
	snprintf(path, sizeof path, "/beheer/koppelingen/%lld/deactiveren", kop);
	CHECK(post(beh, path, "", NULL) == 303, "the beheerder deactivates the koppeling");
	CHECK(bearer("GET", "/api/v1/ik", token, &r) == 401 && http_body_has(&r, "onbekend of ingetrokken"),
	      "its token is refused at once");
	http_resp_free(&r);
	CHECK_INT(db_int("SELECT count(*) FROM api_token WHERE medewerker_id = %lld AND revoked_at IS NULL", kop), 0,
	          "its tokens are revoked");
	CHECK_INT(db_int("SELECT count(*) FROM audit WHERE action = 'koppeling.deactivate' AND object_id = %lld", kop), 1,
	          "the deactivation is audited");
	snprintf(form, sizeof form, "naam=Nog+een&koppeling=%lld", kop);
	CHECK(post(beh, "/beheer/api-tokens", form, NULL) == 422, "no token for a deactivated koppeling");
	CHECK(post(beh, path, "", NULL) == 404, "deactivating twice: 404");
	free(token);
	free(token2);
}

/* ---- a koppeling is no person -------------------------------------------------- */

static void test_no_person(struct agent *beh, long long kop)
{
	char username[64], form[256], path[128];
	snprintf(username, sizeof username, "koppeling:%lld", db_int("SELECT substr(username, 11) FROM medewerker"
	                                                              " WHERE id = %lld", kop));
	struct client c;
	client_init(&c, S.port);
	CHECK(client_login(&c, username, "!") == 401, "a koppeling cannot sign in with the form");
	CHECK(api_login(username, "een lang wachtwoord") == 401, "nor through /api/v1/sessie");
	long long demo = db_int("SELECT id FROM medewerker WHERE name = 'Zorgaanbieder-portaal'");
	struct http_resp r;
	CHECK(get(beh, "/beheer/gebruikers", &r) == 200 && !http_body_has(&r, "Zorgaanbieder-portaal") &&
	      !http_body_has(&r, "BRP-koppeling"), "the users list shows no koppelingen");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/beheer/gebruikers/%lld", demo);
	CHECK(get(beh, path, NULL) == 404, "a koppeling has no user page");
	snprintf(path, sizeof path, "/beheer/gebruikers/%lld/bewerken", demo);
	CHECK(get(beh, path, NULL) == 404, "nor a user edit form");
	snprintf(form, sizeof form, "naam=Portaal&email=&rol_privacy_officer=1&team=&versie=1");
	CHECK(post(beh, path, form, NULL) == 404 && db_int("SELECT roles FROM medewerker WHERE id = %lld", demo) == 1,
	      "and its roles cannot be changed through it");
	snprintf(path, sizeof path, "/beheer/gebruikers/%lld/wachtwoord", demo);
	CHECK(post(beh, path, "", NULL) == 404, "a koppeling gets no one-time password");
	snprintf(path, sizeof path, "/beheer/gebruikers/%lld/deactiveren", demo);
	CHECK(post(beh, path, "", NULL) == 404, "nor is it deactivated as a user");

	CHECK(get(beh, "/beheer/spreekuren/nieuw", &r) == 200 && !http_body_has(&r, "Zorgaanbieder-portaal"),
	      "the spreekuur staff picker offers no koppeling");
	http_resp_free(&r);
	struct agent tl;
	CHECK(agent_sign_in(&tl, &S, U_TEAMLEIDER), "the teamleider signs in");
	long long hh = db_int("SELECT min(id) FROM huishouden WHERE regisseur_id IS NULL");
	snprintf(path, sizeof path, "/huishoudens/%lld/regie", hh);
	char radio[64];
	snprintf(radio, sizeof radio, "id=\"medewerker_%lld\"", demo);
	CHECK(get(&tl, path, &r) == 200 && !http_body_has(&r, radio) && !http_body_has(&r, "Zorgaanbieder-portaal"),
	      "the regisseur picker offers no koppeling");
	http_resp_free(&r);
	CHECK(get(&tl, "/signalen/nieuw", &r) == 200 && !http_body_has(&r, "Zorgaanbieder-portaal"),
	      "the signal assignee picker offers no koppeling");
	http_resp_free(&r);
	CHECK(get(&tl, "/team", &r) == 200 && !http_body_has(&r, "Zorgaanbieder-portaal"),
	      "the dashboard's caseload lists no koppeling");
	http_resp_free(&r);
}

/* ---- role grants ------------------------------------------------------------------ */

static void test_role_grants(struct agent *beh)
{
	long long beh_id = db_int("SELECT id FROM medewerker WHERE username = 'beheerder'");
	long long base = db_int("SELECT count(*) FROM audit WHERE action = 'medewerker.rol_toegekend'");
	struct agent priv;
	CHECK(agent_sign_in(&priv, &S, U_PRIVACY), "the privacy officer signs in");
	struct http_resp r;
	CHECK(get(&priv, "/privacy/rolwijzigingen", &r) == 200 && http_body_has(&r, "Toegekende rechten"),
	      "the privacy officer's page of granted roles opens");
	http_resp_free(&r);

	/* A beheerder creating a second account with wide roles: allowed, recorded. */
	CHECK(post(beh, "/beheer/gebruikers/nieuw",
	           "naam=Piet+Schaduw&gebruikersnaam=piet.schaduw&email=&rol_teamleider=1&rol_privacy_officer=1&team=", &r)
	      == 200, "the beheerder creates an account with teamleider and privacy officer");
	http_resp_free(&r);
	long long piet = db_int("SELECT id FROM medewerker WHERE username = 'piet.schaduw'");
	CHECK_INT(db_int("SELECT count(*) FROM audit WHERE action = 'medewerker.rol_toegekend' AND object_id = %lld"
	                 " AND medewerker_id = %lld AND reason IN ('Teamleider', 'Privacy officer')", piet, beh_id), 2,
	          "two grants audited, one per role, with the role in the reason");

	/* An edit granting teamleider to the consulent; saving it again grants nothing new. */
	long long cons = db_int("SELECT id FROM medewerker WHERE username = 'consulent'");
	long long version = db_int("SELECT version FROM medewerker WHERE id = %lld", cons);
	char path[128], form[512];
	snprintf(path, sizeof path, "/beheer/gebruikers/%lld/bewerken", cons);
	snprintf(form, sizeof form, "naam=Sanne+de+Boer&email=&rol_consulent=1&rol_teamleider=1&team=1&versie=%lld", version);
	CHECK(post(beh, path, form, NULL) == 303, "the beheerder makes the consulent teamleider too");
	snprintf(form, sizeof form, "naam=Sanne+de+Boer&email=&rol_consulent=1&rol_teamleider=1&team=1&versie=%lld",
	         version + 1);
	CHECK(post(beh, path, form, NULL) == 303, "and saves the account again unchanged");
	CHECK_INT(db_int("SELECT count(*) FROM audit WHERE action = 'medewerker.rol_toegekend' AND object_id = %lld"
	                 " AND reason = 'Teamleider'", cons), 1, "one grant of teamleider, not two");
	snprintf(form, sizeof form, "naam=Sanne+de+Boer&email=&rol_consulent=1&team=1&versie=%lld", version + 2);
	CHECK(post(beh, path, form, NULL) == 303, "taking the role away again");
	CHECK_INT(db_int("SELECT count(*) FROM audit WHERE action = 'medewerker.rol_toegekend'"), base + 3,
	          "taking a role away grants nothing");

	CHECK(get(&priv, "/privacy/rolwijzigingen", &r) == 200 && http_body_has(&r, "Piet Schaduw (piet.schaduw)") &&
	      http_body_has(&r, "Privacy officer") && http_body_has(&r, "Sanne de Boer (consulent)") &&
	      http_body_has(&r, "Peter Bakker") && http_body_has(&r, "<caption"),
	      "the privacy officer sees who granted which role to whom");
	http_resp_free(&r);
	CHECK(get(&priv, "/audit", &r) == 200 && http_body_has(&r, "Rol toegekend"),
	      "the audit log shows the grant with its Dutch label");
	http_resp_free(&r);
	CHECK(get(beh, "/privacy/rolwijzigingen", NULL) == 403, "the beheerder cannot see that page");
	CHECK_INT(db_int("SELECT count(*) FROM audit WHERE action = 'rolwijziging.list'"), 2, "viewing it is audited");
}

/* ---- migration 0013 ---------------------------------------------------------------- */

/* A database at the schema before 0013 with a token issued for a person,
 * then `loket migrate`: the token is revoked with its reason and an audit
 * row, and the chain verifies. */
static void test_migration(void)
{
	char dir[] = "/tmp/loket-koppeling-XXXXXX";
	if (!mkdtemp(dir)) {
		T_FAIL("migration", "mkdtemp");
		return;
	}
	char cmd[2048];
	snprintf(cmd, sizeof cmd,
	         "set -e; db=%s/oud.db;"
	         " sqlite3 $db 'CREATE TABLE schema_migration (version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
	         " applied_at INTEGER NOT NULL) STRICT;';"
	         " for f in migrations/[0-9]*.sql; do b=$(basename $f); n=$(expr \"$(echo $b | cut -c1-4)\" + 0);"
	         " [ $n -lt 13 ] || continue; sqlite3 $db < $f;"
	         " sqlite3 $db \"INSERT INTO schema_migration VALUES ($n, '$b', 0)\"; done;"
	         " sqlite3 $db \"INSERT INTO medewerker(username, name, roles, password_hash, created_at)"
	         " VALUES ('privacy', 'Ingrid Smit', 16, 'x', 0);"
	         " INSERT INTO api_token(token_hash, medewerker_id, name, created_by, created_at)"
	         " VALUES (randomblob(32), 1, 'Inzage-export', 1, strftime('%%s','now'));"
	         " INSERT INTO api_token(token_hash, medewerker_id, name, created_by, created_at, revoked_at)"
	         " VALUES (randomblob(32), 1, 'Oud', 1, 0, 5);\"", dir);
	CHECK(system(cmd) == 0, "a database at the schema before 0013 with a token for a person");
	snprintf(cmd, sizeof cmd, "build/san/loket migrate --db %s/oud.db > %s/migrate.log 2>&1", dir, dir);
	CHECK(system(cmd) == 0, "loket migrate applies 0013");
	struct test_server old = {0};
	snprintf(old.db, sizeof old.db, "%s/oud.db", dir);
	CHECK_INT(ts_db_int(&old, "%s", "SELECT count(*) FROM api_token WHERE revoked_at IS NULL"), 0,
	          "the person's token is revoked");
	CHECK_INT(ts_db_int(&old, "%s", "SELECT count(*) FROM api_token WHERE id = 1 AND revoked_reason LIKE 'migratie 0013%'"
	                             " AND audit_pending = 0 AND expires_at > created_at"), 1,
	          "with the reason, recorded, and an expiry a year after issue");
	CHECK_INT(ts_db_int(&old, "%s", "SELECT revoked_at FROM api_token WHERE id = 2"), 5,
	          "a token revoked before keeps its revocation");
	CHECK_INT(ts_db_int(&old, "%s", "SELECT count(*) FROM audit WHERE action = 'api_token.revoke' AND object_id = 1"
	                             " AND reason LIKE 'migratie 0013%'"), 1, "the revocation is in the audit log");
	snprintf(cmd, sizeof cmd, "build/san/loket migrate --db %s/oud.db >> %s/migrate.log 2>&1", dir, dir);
	CHECK(system(cmd) == 0 && ts_db_int(&old, "%s", "SELECT count(*) FROM audit") == 1,
	      "running again writes no second row");
	snprintf(cmd, sizeof cmd, "build/san/loket audit-verify --db %s/oud.db > /dev/null", dir);
	CHECK(system(cmd) == 0, "the audit chain verifies");
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	if (system(cmd) != 0)
		printf("# %s was not removed\n", dir);
}

int main(void)
{
	setenv("TZ", "Europe/Amsterdam", 1);
	tzset();
	if (ts_start(&S, (const char *const[]){"--cookie-insecure", NULL}) != 0) {
		T_FAIL("server start", "see %s", S.log);
		T_EXIT();
	}
	struct agent beh;
	CHECK(agent_sign_in(&beh, &S, U_BEHEERDER), "beheerder signs in");
	long long kop = test_koppelingen(&beh);
	test_tokens(&beh, kop);
	test_no_person(&beh, kop);
	test_role_grants(&beh);
	struct http_resp r;
	CHECK(get(&beh, "/", &r) == 200 && http_body_has(&r, "href=\"/beheer/koppelingen\""),
	      "Mijn werk and the navigation lead to the koppelingen");
	http_resp_free(&r);
	CHECK(ts_stop(&S) == 0, "server stops cleanly");
	char cmd[512];
	snprintf(cmd, sizeof cmd, "build/san/loket audit-verify --db %s > /dev/null", S.db);
	CHECK(system(cmd) == 0, "the audit chain verifies after the whole run");
	test_migration();
	T_EXIT();
}
