/* test_beheer.c - the beheerder's organisation against the real server:
 * teams, gebieden and expertises (validation at the field, unique names,
 * no removal while in use, audit), editing users (roles, team, expertises,
 * a stale save refused, no self-demotion), the list's filters, and what
 * deactivating a regisseur does: no sign-in by form or API, sessions and
 * API tokens end at once, their households open to every teamleider and
 * reassignable, never suggested again; activation restores sign-in. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http_client.h"
#include "testutil.h"

static struct test_server S;

#define db_int(...) ts_db_int(&S, __VA_ARGS__)
#define db_exec(...) ts_db_exec(&S, __VA_ARGS__)

static long long user_id(const char *username)
{
	return db_int("SELECT id FROM medewerker WHERE username = '%s'", username);
}

static long long audit_count(const char *action)
{
	return db_int("SELECT count(*) FROM audit WHERE action = '%s'", action);
}

/* POSTs form as agent a and returns the status; the body is kept in *out
 * when out is not NULL (caller frees), dropped otherwise. */
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

/* Signs in through the API (pre-sign-in token first); returns the status
 * of POST /api/v1/sessie. */
static int api_login(struct client *c, const char *username, const char *password)
{
	struct http_resp r;
	if (client_get(c, "/api/v1/sessie", &r) != 0)
		return -1;
	const char *p = strstr(r.body ? r.body : "", "\"csrf\":\"");
	char hdr[128] = "";
	if (p)
		snprintf(hdr, sizeof hdr, "X-CSRF-Token: %.43s\r\n", p + 8);
	http_resp_free(&r);
	char body[256];
	snprintf(body, sizeof body, "{\"gebruikersnaam\":\"%s\",\"wachtwoord\":\"%s\"}", username, password);
	if (client_request(c, "POST", "/api/v1/sessie", "application/json", body, hdr, &r) != 0)
		return -1;
	int st = r.status;
	http_resp_free(&r);
	return st;
}

static int plain_status(struct client *c, const char *path, const char *extra_headers)
{
	struct http_resp r;
	if (client_request(c, "GET", path, NULL, NULL, extra_headers, &r) != 0)
		return -1;
	int st = r.status;
	http_resp_free(&r);
	return st;
}

static void add_user(const char *username, const char *name, const char *role, int team)
{
	char cmd[512];
	snprintf(cmd, sizeof cmd, "echo 'een lang wachtwoord voor %s' | build/san/loket user-add --db %s"
	         " --username %s --name '%s' --role %s > /dev/null", username, S.db, username, name, role);
	CHECK(system(cmd) == 0, "%s created with loket user-add", username);
	db_exec("UPDATE medewerker SET team_id = %d WHERE username = '%s'", team, username);
}

/* loket user-add refuses the passwords of the blocklist (security item 10)
 * with the Dutch reason, and creates nobody. */
static void test_user_add_blocklist(void)
{
	static const char *const refused[] = {"wachtwoord123", "123456789012", "kees.kokkees.kok", "KeesKokKeesKok"};
	for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
		char cmd[512];
		snprintf(cmd, sizeof cmd, "echo '%s' | build/san/loket user-add --db %s --username kees.kok"
		         " --name 'Kees Kok' --role consulent 2>&1 | grep -q 'loket: .*wachtwoord'", refused[i], S.db);
		CHECK(system(cmd) == 0, "loket user-add refuses the password [%s] with the reason", refused[i]);
	}
	CHECK(db_int("SELECT count(*) FROM medewerker WHERE username = 'kees.kok'") == 0,
	      "loket user-add: nobody created with a refused password");
}

/* ---- teams, gebieden, expertises ----------------------------------------- */

struct org_case {
	const char *path;     /* "/beheer/teams" */
	const char *table;    /* "team" */
	const char *existing; /* a name in the demo data, typed in another case */
	const char *taken;    /* the Dutch message for a taken name */
};

static void test_org_crud(struct agent *beh, const struct org_case *k, const char *fresh, const char *renamed)
{
	char path[128], form[512];
	struct http_resp r;
	const char *t = k->table;

	CHECK(get(beh, k->path, &r) == 200 && http_body_has(&r, "met wat ernaar verwijst"),
	      "%s: the list shows every item with its uses", t);
	http_resp_free(&r);

	snprintf(path, sizeof path, "%s/nieuw", k->path);
	CHECK(post(beh, path, "naam=", &r) == 422 && http_body_has(&r, "Dit veld is verplicht."),
	      "%s: a name is required, said at the field", t);
	http_resp_free(&r);
	CHECK(post(beh, path, "naam=%20%20%20", &r) == 422 && http_body_has(&r, "Dit veld is verplicht."),
	      "%s: spaces alone are no name", t);
	http_resp_free(&r);
	char long_name[128];
	memset(long_name, 'x', 101);
	long_name[101] = '\0';
	snprintf(form, sizeof form, "naam=%s", long_name);
	CHECK(post(beh, path, form, &r) == 422 && http_body_has(&r, "Vul hoogstens 100 tekens in.") &&
	      http_body_has(&r, long_name), "%s: 101 characters refused, input kept", t);
	http_resp_free(&r);
	char *esc = form_escape(k->existing);
	snprintf(form, sizeof form, "naam=%s", esc);
	free(esc);
	CHECK(post(beh, path, form, &r) == 422 && http_body_has(&r, k->taken) && http_body_has(&r, k->existing),
	      "%s: a name that exists (in another case) is refused, input kept", t);
	http_resp_free(&r);
	long long before = db_int("SELECT count(*) FROM %s", t);
	CHECK_INT(before, db_int("SELECT count(*) FROM %s", t), "%s: nothing stored by the refused forms", t);

	esc = form_escape(fresh);
	snprintf(form, sizeof form, "naam=%s", esc);
	free(esc);
	CHECK(post(beh, path, form, NULL) == 303, "%s: a new one is created", t);
	long long id = db_int("SELECT id FROM %s WHERE name = '%s'", t, fresh);
	CHECK(id > 0 && db_int("SELECT count(*) FROM %s", t) == before + 1, "%s: stored once", t);
	CHECK_INT(db_int("SELECT count(*) FROM audit WHERE action = '%s.create' AND object_id = %lld", t, id), 1,
	          "%s: the creation is audited", t);

	snprintf(path, sizeof path, "%s/%lld/bewerken", k->path, id);
	CHECK(get(beh, path, &r) == 200 && http_body_has(&r, fresh), "%s: the rename form shows the name", t);
	http_resp_free(&r);
	esc = form_escape(k->existing);
	snprintf(form, sizeof form, "naam=%s", esc);
	free(esc);
	CHECK(post(beh, path, form, &r) == 422 && http_body_has(&r, k->taken), "%s: renaming onto another name refused", t);
	http_resp_free(&r);
	CHECK(post(beh, path, "naam=", &r) == 422 && http_body_has(&r, "Dit veld is verplicht."),
	      "%s: renaming to nothing refused", t);
	http_resp_free(&r);
	esc = form_escape(renamed);
	snprintf(form, sizeof form, "naam=%s", esc);
	free(esc);
	CHECK(post(beh, path, form, NULL) == 303, "%s: renamed", t);
	CHECK_INT(db_int("SELECT count(*) FROM %s WHERE id = %lld AND name = '%s'", t, id, renamed), 1,
	          "%s: the new name is stored", t);
	CHECK_INT(db_int("SELECT count(*) FROM audit WHERE action = '%s.update' AND object_id = %lld", t, id), 1,
	          "%s: the rename is audited", t);

	snprintf(path, sizeof path, "%s/999999/bewerken", k->path);
	CHECK(post(beh, path, "naam=Iets", NULL) == 404, "%s: renaming what does not exist is 404", t);

	snprintf(path, sizeof path, "%s/%lld/verwijderen", k->path, id);
	CHECK(post(beh, path, "", NULL) == 303, "%s: an unused one is removed", t);
	CHECK_INT(db_int("SELECT count(*) FROM %s WHERE id = %lld", t, id), 0, "%s: it is gone", t);
	CHECK_INT(db_int("SELECT count(*) FROM audit WHERE action = '%s.delete' AND object_id = %lld", t, id), 1,
	          "%s: the removal is audited", t);
	CHECK(post(beh, path, "", NULL) == 404, "%s: removing it again is 404", t);
}

/* Removing an item in use is refused with what uses it. */
static void test_in_use(struct agent *beh, const char *list, const char *table, long long id,
                        const char *const *reasons)
{
	char path[128];
	snprintf(path, sizeof path, "%s/%lld/verwijderen", list, id);
	struct http_resp r;
	int st = post(beh, path, "", &r);
	bool all = http_body_has(&r, "kan niet worden verwijderd");
	for (int i = 0; reasons[i]; i++)
		all = all && http_body_has(&r, reasons[i]);
	CHECK(st == 409 && all, "%s %lld in use: removal refused, saying by what (%s...)", table, id, reasons[0]);
	http_resp_free(&r);
	CHECK_INT(db_int("SELECT count(*) FROM %s WHERE id = %lld", table, id), 1, "%s %lld is still there", table, id);
}

static void test_organisation(struct agent *beh)
{
	static const struct org_case team = {"/beheer/teams", "team", "team nijkerk-noord",
	                                     "Er is al een team met deze naam."};
	static const struct org_case gebied = {"/beheer/gebieden", "gebied", "HOEVELAKEN",
	                                       "Er is al een gebied met deze naam."};
	static const struct org_case expertise = {"/beheer/expertises", "expertise", "WMO",
	                                          "Er is al een expertise met deze naam."};
	test_org_crud(beh, &team, "Team Hoevelaken", "Team Hoevelaken en Stoutenburg");
	test_org_crud(beh, &gebied, "Putten-Noord", "Putten-Zuid");
	test_org_crud(beh, &expertise, "schuldhulpverlening", "schuldhulp");

	/* Keeping its own name in another case is no clash with itself. */
	long long noord = db_int("SELECT id FROM team WHERE name = 'Team Nijkerk-Noord'");
	char path[128];
	snprintf(path, sizeof path, "/beheer/teams/%lld/bewerken", noord);
	CHECK(post(beh, path, "naam=Team+Nijkerk-Noord", NULL) == 303, "a team keeps its own name");

	test_in_use(beh, "/beheer/teams", "team", noord, (const char *const[]){"medewerkers", NULL});

	long long centrum = db_int("SELECT id FROM gebied WHERE name = 'Nijkerk-Centrum'");
	db_exec("UPDATE huishouden SET gebied_id = %lld WHERE id = (SELECT min(id) FROM huishouden)", centrum);
	db_exec("INSERT INTO locatie(name, kind, gebied_id) VALUES ('Voedselbank Nijkerk', 'voedselbank', %lld)", centrum);
	struct http_resp r;
	CHECK(get(beh, "/beheer/gebieden", &r) == 200 && http_body_has(&r, "Niet te verwijderen: in gebruik bij"),
	      "the gebieden list says which cannot be removed");
	http_resp_free(&r);
	test_in_use(beh, "/beheer/gebieden", "gebied", centrum, (const char *const[]){"huishouden", "1 locatie", NULL});

	long long jeugd = db_int("SELECT id FROM expertise WHERE name = 'jeugd'");
	test_in_use(beh, "/beheer/expertises", "expertise", jeugd, (const char *const[]){"1 medewerker", NULL});
}

/* ---- users ----------------------------------------------------------------- */

static void test_user_edit(struct agent *beh)
{
	long long cons = user_id("consulent");
	long long werk = db_int("SELECT id FROM expertise WHERE name = 'werk'");
	long long jeugd = db_int("SELECT id FROM expertise WHERE name = 'jeugd'");
	long long zuid = db_int("SELECT id FROM team WHERE name = 'Team Nijkerk-Zuid'");
	char path[128], form[1024], needle[128];
	struct http_resp r;

	snprintf(path, sizeof path, "/beheer/gebruikers/%lld/bewerken", cons);
	CHECK(get(beh, path, &r) == 200, "the edit form opens");
	char *version = field_value(r.body, "versie");
	snprintf(needle, sizeof needle, "name=\"expertise_%lld\" value=\"1\" checked", werk);
	CHECK(http_body_has(&r, "Sanne de Boer") && http_body_has(&r, needle) &&
	      http_body_has(&r, "name=\"rol_consulent\" value=\"1\" checked"),
	      "the form shows the stored name, roles and expertises");
	http_resp_free(&r);
	CHECK(version && strcmp(version, "1") == 0, "the form carries the version");

	static const struct {
		const char *form, *message, *name;
	} bad[] = {
		{"naam=&email=&rol_consulent=1&team=", "Dit veld is verplicht.", "empty name"},
		{"naam=S&email=&rol_consulent=1&team=", "Vul minstens 2 tekens in.", "one-letter name"},
		{"naam=Sanne&email=sanne&rol_consulent=1&team=", "Vul een geldig e-mailadres in", "bad e-mail"},
		{"naam=Sanne&email=&team=", "Kies minstens één mogelijkheid.", "no role"},
		{"naam=Sanne&email=&rol_consulent=1&team=999", "Kies een bestaand team.", "unknown team"},
		{"naam=Sanne&email=&rol_consulent=1&team=abc", "Kies een geldige waarde.", "team not a number"},
		{"naam=Sanne&email=&rol_consulent=1&team=&expertise_999=1", "Kies alleen expertises uit de lijst.",
		 "unknown expertise"},
		{"naam=Sanne&email=&rol_consulent=1&team=&expertise_x=1", "Kies alleen expertises uit de lijst.",
		 "malformed expertise"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		snprintf(form, sizeof form, "%s&versie=%s", bad[i].form, version ? version : "1");
		CHECK(post(beh, path, form, &r) == 422 && http_body_has(&r, bad[i].message),
		      "user edit, %s: 422 with the message at the field", bad[i].name);
		http_resp_free(&r);
	}
	snprintf(form, sizeof form, "naam=Sanne+Jansen&email=sanne%%40nijkerk.nl&rol_consulent=1&team=999&versie=%s",
	         version ? version : "1");
	CHECK(post(beh, path, form, &r) == 422 && http_body_has(&r, "value=\"Sanne Jansen\"") &&
	      http_body_has(&r, "value=\"sanne@nijkerk.nl\""), "a refused edit keeps the input");
	http_resp_free(&r);
	CHECK(post(beh, path, "naam=Sanne&rol_consulent=1", NULL) == 400, "an edit without version is 400");
	CHECK_INT(db_int("SELECT version FROM medewerker WHERE id = %lld", cons), 1, "nothing stored by refused edits");

	snprintf(form, sizeof form,
	         "naam=Sanne+de+Boer-Jansen&email=s.deboer%%40nijkerk.nl&rol_consulent=1&rol_teamleider=1&team=%lld"
	         "&expertise_%lld=1&expertise_%lld=1&versie=%s", zuid, jeugd, werk, version ? version : "1");
	CHECK(post(beh, path, form, NULL) == 303, "name, e-mail, roles, team and expertises saved");
	CHECK_INT(db_int("SELECT count(*) FROM medewerker WHERE id = %lld AND name = 'Sanne de Boer-Jansen'"
	                 " AND email = 's.deboer@nijkerk.nl' AND roles = 5 AND team_id = %lld AND version = 2", cons, zuid),
	          1, "the stored employee has the new values and version 2");
	CHECK_INT(db_int("SELECT count(*) FROM medewerker_expertise WHERE medewerker_id = %lld", cons), 2,
	          "two expertises");
	CHECK_INT(db_int("SELECT count(*) FROM medewerker_expertise WHERE medewerker_id = %lld AND expertise_id IN (%lld, %lld)",
	                 cons, jeugd, werk), 2, "exactly the ticked ones");
	CHECK_INT(db_int("SELECT count(*) FROM audit WHERE action = 'medewerker.update' AND object_id = %lld", cons), 1,
	          "the edit is audited");

	/* Roles apply to the running session at once. */
	struct agent c;
	CHECK(agent_sign_in(&c, &S, U_CONSULENT), "the edited consulent signs in");
	json_t *me = NULL;
	struct http_resp mr;
	agent_api(&c, "GET", "/api/v1/ik", NULL, &mr, &me);
	const char *second = json_string_value(json_array_get(json_object_get(me, "rollen"), 1));
	CHECK(second && strcmp(second, "teamleider") == 0, "the new role shows in /api/v1/ik");
	json_decref(me);
	http_resp_free(&mr);

	/* The list: team, roles, expertises, filters. */
	CHECK(get(beh, "/beheer/gebruikers", &r) == 200 && http_body_has(&r, "Consulent, Teamleider") &&
	      http_body_has(&r, "jeugd, werk") && http_body_has(&r, "Team Nijkerk-Zuid"),
	      "the list shows roles, team and expertises");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/beheer/gebruikers?team=%lld", zuid);
	CHECK(get(beh, path, &r) == 200 && http_body_has(&r, "Karin Mulder") && http_body_has(&r, "Sanne de Boer-Jansen") &&
	      !http_body_has(&r, "Marieke Visser"), "filter by team");
	http_resp_free(&r);
	CHECK(get(beh, "/beheer/gebruikers?actief=nee", &r) == 200 && !http_body_has(&r, "Karin Mulder") &&
	      http_body_has(&r, "(0)"), "filter on deactivated: none yet");
	http_resp_free(&r);
	CHECK(get(beh, "/beheer/gebruikers?actief=misschien", NULL) == 400, "an unknown status filter is 400");
	CHECK(get(beh, "/beheer/gebruikers?team=999999", NULL) == 400, "an unknown team filter is 400");

	/* Two beheerders at once: the second save names a version that is gone. */
	snprintf(path, sizeof path, "/beheer/gebruikers/%lld/bewerken", cons);
	snprintf(form, sizeof form, "naam=Sanne+de+Boer&email=&rol_consulent=1&team=%lld&versie=%s", zuid,
	         version ? version : "1");
	CHECK(post(beh, path, form, &r) == 409 && http_body_has(&r, "intussen gewijzigd") &&
	      http_body_has(&r, "Peter Bakker") && http_body_has(&r, "Rollen: Consulent, Teamleider") &&
	      http_body_has(&r, "E-mailadres: s.deboer@nijkerk.nl") && http_body_has(&r, "Expertises: jeugd, werk") &&
	      http_body_has(&r, "value=\"Sanne de Boer\""), "a stale save is refused with what is stored now, input kept");
	char *fresh = field_value(r.body, "versie");
	http_resp_free(&r);
	CHECK_INT(db_int("SELECT count(*) FROM medewerker WHERE id = %lld AND name = 'Sanne de Boer-Jansen' AND version = 2",
	                 cons), 1, "the stale save changed nothing");
	CHECK(fresh && strcmp(fresh, "2") == 0, "the refused form now carries the current version");
	/* Put the consulent back as the demo has it, with the version just read. */
	snprintf(form, sizeof form, "naam=Sanne+de+Boer&email=&rol_consulent=1&team=%lld&expertise_%lld=1"
	         "&expertise_%lld=1&versie=%s", db_int("SELECT id FROM team WHERE name = 'Team Nijkerk-Noord'"), werk,
	         db_int("SELECT id FROM expertise WHERE name = 'inkomen'"), fresh ? fresh : "2");
	CHECK(post(beh, path, form, NULL) == 303 && db_int("SELECT roles FROM medewerker WHERE id = %lld", cons) == 1,
	      "saving again after reading the conflict goes through");
	free(fresh);
	free(version);

	/* A beheerder cannot demote or deactivate themselves. */
	long long self = user_id("beheerder");
	snprintf(path, sizeof path, "/beheer/gebruikers/%lld/bewerken", self);
	CHECK(get(beh, path, &r) == 200, "the beheerder opens their own account");
	char *own = field_value(r.body, "versie");
	http_resp_free(&r);
	snprintf(form, sizeof form, "naam=Peter+Bakker&email=&rol_consulent=1&team=&versie=%s", own ? own : "1");
	CHECK(post(beh, path, form, &r) == 422 && http_body_has(&r, "U kunt uw eigen rol Beheerder niet weghalen"),
	      "removing one's own beheerder role is refused at the field");
	http_resp_free(&r);
	CHECK_INT(db_int("SELECT roles FROM medewerker WHERE id = %lld", self), 8, "the beheerder keeps the role");
	/* Nor give themselves more: the privacy officer's role would open the
	 * audit log and the inzage exports under their own name. */
	snprintf(form, sizeof form, "naam=Peter+Bakker&email=&rol_beheerder=1&rol_privacy_officer=1&team=&versie=%s",
	         own ? own : "1");
	CHECK(post(beh, path, form, &r) == 422 && http_body_has(&r, "U kunt uw eigen rollen niet wijzigen") &&
	      http_body_has(&r, "href=\"#rol\"") && http_body_has(&r, "name=\"rol_privacy_officer\" value=\"1\" checked") &&
	      http_body_has(&r, "value=\"Peter Bakker\""),
	      "adding a role to oneself is refused at the field, named in the summary, input kept");
	http_resp_free(&r);
	CHECK_INT(db_int("SELECT roles FROM medewerker WHERE id = %lld", self), 8, "the beheerder's roles are unchanged");
	CHECK_INT(db_int("SELECT count(*) FROM audit WHERE action = 'medewerker.rol_toegekend' AND object_id = %lld", self), 0,
	          "and no role was granted");
	snprintf(form, sizeof form, "naam=Peter+Bakker&email=p.bakker%%40nijkerk.nl&rol_beheerder=1&team=&versie=%s",
	         own ? own : "1");
	CHECK(post(beh, path, form, NULL) == 303 &&
	      db_int("SELECT count(*) FROM medewerker WHERE id = %lld AND roles = 8 AND email = 'p.bakker@nijkerk.nl'", self) == 1,
	      "editing one's own account with the roles as they are is fine");
	free(own);
	snprintf(path, sizeof path, "/beheer/gebruikers/%lld/deactiveren", self);
	CHECK(post(beh, path, "", &r) == 403 && http_body_has(&r, "U kunt uw eigen account niet deactiveren"),
	      "deactivating oneself is refused in Dutch");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/beheer/gebruikers/999999/bewerken");
	CHECK(get(beh, path, NULL) == 404, "editing an unknown user is 404");
}

/* ---- deactivation ------------------------------------------------------------ */

static char *shown_token(const char *body)
{
	const char *p = body ? strstr(body, "loket-secret\">loket_") : NULL;
	if (!p)
		return NULL;
	p += strlen("loket-secret\">");
	const char *end = strchr(p, '<');
	return end ? strndup(p, (size_t)(end - p)) : NULL;
}

static void test_deactivation(struct agent *beh)
{
	test_user_add_blocklist();
	add_user("ria", "Ria Jansen", "gebiedsteam", 1);
	add_user("teamleider2", "Bas Kok", "teamleider", 2);
	long long ria = user_id("ria"), gebied = user_id("gebiedsteam");
	const char *ria_pw = "een lang wachtwoord voor ria";

	/* A household with Ria as regisseur; she registered it herself. */
	CHECK(db_exec("INSERT INTO huishouden(street, house_number, postcode, city, opened_at, regisseur_id) VALUES"
	              " ('Lijsterstraat', 8, '3862 CD', 'Nijkerk', strftime('%%s','now'), %lld);"
	              "INSERT INTO persoon(huishouden_id, first_name, last_name, birth_date, role)"
	              " SELECT max(id), 'Henk', 'Bos', '1960-01-01', 'ouder' FROM huishouden;"
	              "INSERT INTO aanmelding(huishouden_id, channel, medium, question, urgency, safety_concern,"
	              " received_at, created_by) SELECT max(id), 'inwoner_zelf', 'balie', 'Schulden', 'normaal', 0,"
	              " strftime('%%s','now'), %lld FROM huishouden;", ria, ria) == 0, "Ria's household set up");
	long long hh = db_int("SELECT max(id) FROM huishouden");

	/* Ria works: a browser session, an API session and a bearer token. */
	struct client web, api, tl2;
	client_init(&web, S.port);
	client_init(&api, S.port);
	client_init(&tl2, S.port);
	CHECK(client_login(&web, "ria", ria_pw) == 303, "Ria signs in with the form");
	CHECK(api_login(&api, "ria", ria_pw) == 200, "Ria signs in through the API");
	CHECK(client_login(&tl2, "teamleider2", "een lang wachtwoord voor teamleider2") == 303,
	      "a teamleider of the other team signs in");
	char form[512], path[128];
	/* A token never acts as a person (test_koppeling covers koppelingen,
	 * whose tokens a deactivation stops the same way). */
	snprintf(form, sizeof form, "naam=Koppeling+wijkapp&koppeling=%lld", ria);
	struct http_resp r;
	CHECK(post(beh, "/beheer/api-tokens", form, &r) == 422 && http_body_has(&r, "Kies een actieve koppeling") &&
	      !shown_token(r.body), "no bearer token can be issued for Ria");
	http_resp_free(&r);
	CHECK(plain_status(&web, "/", NULL) == 200 && plain_status(&api, "/api/v1/ik", NULL) == 200,
	      "both sessions work");
	snprintf(path, sizeof path, "/huishoudens/%lld/regie", hh);
	CHECK(plain_status(&tl2, path, NULL) == 303, "before: the other team's teamleider needs an exception");

	snprintf(path, sizeof path, "/beheer/gebruikers/%lld", ria);
	CHECK(get(beh, path, &r) == 200 && http_body_has(&r, "Regisseur van 1 lopend huishouden") &&
	      http_body_has(&r, "Lijsterstraat 8"), "before deactivating, the user page warns about her household");
	http_resp_free(&r);

	snprintf(path, sizeof path, "/beheer/gebruikers/%lld/deactiveren", ria);
	CHECK(post(beh, path, "", NULL) == 303, "the beheerder deactivates Ria");
	CHECK_INT(db_int("SELECT active FROM medewerker WHERE id = %lld", ria), 0, "stored inactive");
	CHECK_INT(db_int("SELECT count(*) FROM session WHERE medewerker_id = %lld", ria), 0, "her sessions are deleted");
	CHECK(plain_status(&web, "/", NULL) == 303, "her browser session ends at once");
	CHECK(plain_status(&api, "/api/v1/ik", NULL) == 401, "her API session ends at once");
	struct client again;
	client_init(&again, S.port);
	CHECK(client_login(&again, "ria", ria_pw) == 401, "sign-in by form is refused");
	CHECK(api_login(&again, "ria", ria_pw) == 401, "sign-in through the API is refused");

	snprintf(path, sizeof path, "/beheer/gebruikers/%lld", ria);
	CHECK(get(beh, path, &r) == 200 && http_body_has(&r, "Huishoudens zonder regisseur") &&
	      http_body_has(&r, "Lijsterstraat 8, 3862 CD Nijkerk") &&
	      http_body_has(&r, "staan ze nu bij de teamleiders in de lijst \"zonder regisseur\""),
	      "the user page lists her households, now without regisseur");
	http_resp_free(&r);
	CHECK(get(beh, "/beheer/gebruikers?actief=nee", &r) == 200 && http_body_has(&r, "Ria Jansen") &&
	      !http_body_has(&r, "Karin Mulder"), "the filter on deactivated shows her");
	http_resp_free(&r);

	/* Her household is a household without regisseur now. */
	snprintf(path, sizeof path, "/huishoudens/%lld/regie", hh);
	CHECK(client_get(&tl2, path, &r) == 0 && r.status == 200 && http_body_has(&r, "Ria Jansen is niet meer actief"),
	      "the other team's teamleider opens it; the page says the regisseur is no longer active");
	char *version = field_value(r.body, "versie");
	char ria_radio[64];
	snprintf(ria_radio, sizeof ria_radio, "id=\"medewerker_%lld\"", ria);
	CHECK(!http_body_has(&r, ria_radio), "she is not among the suggested regisseurs");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/huishoudens/%lld", hh);
	CHECK(plain_status(&tl2, path, NULL) == 200, "the API opens it for that teamleider too");

	snprintf(path, sizeof path, "/huishoudens/%lld/regie", hh);
	snprintf(form, sizeof form, "medewerker=%lld&reden=Regisseur+uit+dienst&overdracht=Schulden%%2C+zie+journaal&versie=%s",
	         ria, version ? version : "");
	client_post_with_csrf(&tl2, path, path, form, &r);
	CHECK(r.status == 422 && http_body_has(&r, "Kies een actieve consulent of gebiedsteamlid."),
	      "she cannot be assigned again");
	http_resp_free(&r);
	snprintf(form, sizeof form, "medewerker=%lld&reden=Regisseur+uit+dienst&overdracht=Schulden%%2C+zie+journaal&versie=%s",
	         gebied, version ? version : "");
	client_post_with_csrf(&tl2, path, path, form, &r);
	CHECK(r.status == 303, "the teamleider of the other team reassigns it");
	http_resp_free(&r);
	CHECK_INT(db_int("SELECT regisseur_id FROM huishouden WHERE id = %lld", hh), gebied, "the new regisseur is stored");
	free(version);
	snprintf(path, sizeof path, "/beheer/gebruikers/%lld", ria);
	CHECK(get(beh, path, &r) == 200 && !http_body_has(&r, "Lijsterstraat"),
	      "once reassigned, the household leaves her user page");
	http_resp_free(&r);

	/* Activation restores sign-in. */
	snprintf(path, sizeof path, "/beheer/gebruikers/%lld/activeren", ria);
	CHECK(post(beh, path, "", NULL) == 303, "the beheerder activates Ria again");
	client_init(&again, S.port);
	CHECK(client_login(&again, "ria", ria_pw) == 303, "she signs in again");
	CHECK(audit_count("medewerker.deactivate") == 1 && audit_count("medewerker.activate") == 1,
	      "deactivation and activation are audited");
}

int main(void)
{
	if (ts_start(&S, (const char *const[]){"--cookie-insecure", NULL}) != 0) {
		T_FAIL("server start", "see %s", S.log);
		T_EXIT();
	}
	struct agent beh;
	CHECK(agent_sign_in(&beh, &S, U_BEHEERDER), "beheerder signs in");
	test_organisation(&beh);
	test_user_edit(&beh);
	test_deactivation(&beh);
	struct http_resp r;
	CHECK(get(&beh, "/", &r) == 200 && http_body_has(&r, "href=\"/beheer/teams\"") &&
	      http_body_has(&r, "href=\"/beheer/gebieden\"") && http_body_has(&r, "href=\"/beheer/expertises\""),
	      "Mijn werk and the navigation lead to the new beheer pages");
	http_resp_free(&r);
	CHECK(ts_stop(&S) == 0, "server stops cleanly");
	T_EXIT();
}
