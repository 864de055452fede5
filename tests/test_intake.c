/* test_intake.c - intake with ZRM scores, network and its circle diagram,
 * journal with versions, consent, and their JSON API, against the real
 * server: the HTML flows, validation with input kept, version conflicts
 * between two employees, audit rows, and need-to-know (no access without a
 * role in the household). */
#include <jansson.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "http_client.h"
#include "testutil.h"

static struct test_server S;

/* The server's database, through the test's own connection. */
#define db_int(...) ts_db_int(&S, __VA_ARGS__)
#define db_exec(...) ts_db_exec(&S, __VA_ARGS__)

/* ---- clients ------------------------------------------------------------- */

/* Signed-in clients (tests/http_client.h). */
#define sign_in(w, user) agent_sign_in((w), &S, (user))
#define get agent_get
#define post agent_post
#define api agent_api

static const char *jstr(json_t *o, const char *path)
{
	/* "a.b" one level of nesting is enough here */
	const char *dot = strchr(path, '.');
	if (!dot)
		return json_string_value(json_object_get(o, path));
	char first[64];
	snprintf(first, sizeof first, "%.*s", (int)(dot - path), path);
	return json_string_value(json_object_get(json_object_get(o, first), dot + 1));
}

static long long jint(json_t *o, const char *key)
{
	return json_integer_value(json_object_get(o, key));
}

static void day(int offset, char out[11])
{
	time_t t = time(NULL) + (time_t)offset * 86400;
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

/* ---- fixtures -------------------------------------------------------------- */

static long long id_consulent, id_gebied, id_teamleider;
static long long hh, jan, els, hh_other, other_person;
static char today[11], yesterday[11], tomorrow[11];

static bool fixtures(void)
{
	id_consulent = db_int("SELECT id FROM medewerker WHERE username = '%s'", S.users[U_CONSULENT].username);
	id_gebied = db_int("SELECT id FROM medewerker WHERE username = '%s'", S.users[U_GEBIEDSTEAM].username);
	id_teamleider = db_int("SELECT id FROM medewerker WHERE username = '%s'", S.users[U_TEAMLEIDER].username);
	/* The De Vries household, registered by the consulent (no regisseur
	 * yet: the registering employee and every teamleider have access). */
	if (db_exec("INSERT INTO huishouden(street, house_number, postcode, city, opened_at)"
	            " VALUES ('Kerkstraat', 12, '3861 AB', 'Nijkerk', 1700000000)") != 0)
		return false;
	hh = db_int("SELECT max(id) FROM huishouden");
	if (db_exec("INSERT INTO persoon(huishouden_id, first_name, name_prefix, last_name, birth_date, role)"
	            " VALUES (%lld, 'Jan', 'de', 'Vries', '1971-03-02', 'ouder'),"
	            " (%lld, 'Els', 'de', 'Vries', '1975-06-20', 'ouder')", hh, hh) != 0 ||
	    db_exec("INSERT INTO aanmelding(huishouden_id, channel, referrer_kind, referrer_org, medium, question,"
	            " urgency, safety_concern, received_at, created_by) VALUES (%lld, 'verwijzer', 'huisarts',"
	            " 'Huisartsenpraktijk Nijkerk', 'telefoon', 'Jan heeft zijn baan verloren', 'normaal', 0,"
	            " 1700000000, %lld)", hh, id_consulent) != 0)
		return false;
	jan = db_int("SELECT id FROM persoon WHERE first_name = 'Jan' AND huishouden_id = %lld", hh);
	els = db_int("SELECT id FROM persoon WHERE first_name = 'Els' AND huishouden_id = %lld", hh);
	/* A household whose regisseur is the gebiedsteam member: the consulent
	 * has no role in it. */
	if (db_exec("INSERT INTO huishouden(street, house_number, postcode, city, opened_at, regisseur_id)"
	            " VALUES ('Molenweg', 3, '3862 CD', 'Nijkerk', 1700000000, %lld)", id_gebied) != 0)
		return false;
	hh_other = db_int("SELECT max(id) FROM huishouden");
	if (db_exec("INSERT INTO persoon(huishouden_id, first_name, last_name, birth_date, role)"
	            " VALUES (%lld, 'Bennie', 'Bos', '1968-01-01', 'overig')", hh_other) != 0)
		return false;
	other_person = db_int("SELECT max(id) FROM persoon");
	return jan > 0 && els > 0 && hh_other > 0;
}

static long long audit_count(const char *action, long long object_id)
{
	return db_int("SELECT count(*) FROM audit WHERE action = '%s' AND object_id = %lld", action, object_id);
}

/* ---- network ----------------------------------------------------------------- */

static long long network_riek;

static void test_network(struct agent *a, struct agent *b)
{
	struct http_resp r;
	char path[256], form[1024];
	snprintf(path, sizeof path, "/huishoudens/%lld/netwerk/nieuw", hh);
	CHECK(get(a, path, &r) == 200 && http_body_has(&r, "Kring in het kringenmodel") &&
	      http_body_has(&r, "Georganiseerde vrijwillige ondersteuning"), "network form shows the circles");
	http_resp_free(&r);
	CHECK(audit_count("netwerklid.form", hh) == 1, "network form view is audited");

	CHECK(post(a, path, "naam=&relatie=tante&kring=nabije_omgeving&kan_doen=Boodschappen+%3Cdoen%3E", &r) == 422 &&
	      http_body_has(&r, "Dit veld is verplicht.") && http_body_has(&r, "Kies een van de mogelijkheden.") &&
	      http_body_has(&r, "Boodschappen &lt;doen&gt;") && http_body_has(&r, "aria-invalid=\"true\""),
	      "invalid network member: 422 with Dutch messages at the fields, input kept and escaped");
	http_resp_free(&r);

	CHECK(post(a, path, "naam=Oma+Riek&relatie=familie&kring=nabije_omgeving&kan_doen=Kookt+op+zondag"
	                    "&telefoon=033-1234567", &r) == 303, "network member added (303)");
	char loc[256];
	snprintf(form, sizeof form, "/huishoudens/%lld/netwerk", hh);
	CHECK(http_header(&r, "Location", loc, sizeof loc) && strcmp(loc, form) == 0,
	      "after adding, back to the network page");
	http_resp_free(&r);
	network_riek = db_int("SELECT max(id) FROM netwerklid WHERE huishouden_id = %lld", hh);
	CHECK(audit_count("netwerklid.create", network_riek) == 1, "network create audited");
	CHECK(db_int("SELECT huishouden_id FROM audit WHERE action = 'netwerklid.create' AND object_id = %lld",
	             network_riek) == hh, "audit row carries the household");
	post(a, path, "naam=Buurvrouw+Ans&relatie=buren&kring=informeel_netwerk", &r);
	http_resp_free(&r);
	post(a, path, "naam=Stichting+Present&relatie=vrijwilliger&kring=georganiseerde_vrijwillige_ondersteuning", &r);
	http_resp_free(&r);
	post(a, path, "naam=Begeleider+Roos&relatie=professional&kring=professional&kan_doen=Dagbesteding", &r);
	http_resp_free(&r);

	snprintf(path, sizeof path, "/huishoudens/%lld/netwerk", hh);
	CHECK(get(a, path, &r) == 200, "network page 200");
	CHECK(http_body_has(&r, "<svg") && http_body_has(&r, "role=\"img\"") &&
	      http_body_has(&r, "aria-labelledby=\"netwerk-diagram-titel netwerk-diagram-uitleg\"") &&
	      http_body_has(&r, "<title id=\"netwerk-diagram-titel\">"),
	      "circle diagram is an SVG with role=img, title and aria-labelledby");
	CHECK(http_body_has(&r, "4 netwerkleden in vier kringen"), "diagram description counts the members");
	CHECK(http_body_has(&r, "loket-netwerk-ring--4") && http_body_has(&r, "loket-netwerk-dot--3"),
	      "four rings and members on their ring");
	CHECK(http_body_has(&r, "Oma Riek (Familie): Kookt op zondag"), "text alternative lists the member per circle");
	CHECK(http_body_has(&r, "<h4 class=\"utrecht-heading-4 loket-netwerk-circle loket-netwerk-circle--1\">Nabije omgeving</h4>"),
	      "text alternative is grouped per circle");
	CHECK(!http_body_has(&r, "<script"), "no script on the network page");
	http_resp_free(&r);

	/* Two employees edit the same member: the second save is refused. */
	snprintf(path, sizeof path, "/netwerkleden/%lld/bewerken", network_riek);
	CHECK(get(a, path, &r) == 200 && http_body_has(&r, "name=\"versie\" value=\"1\"") &&
	      http_body_has(&r, "value=\"Oma Riek\""), "edit form shows the member and its version");
	http_resp_free(&r);
	CHECK(post(a, path, "versie=1&naam=Oma+Riek&relatie=mantelzorger&kring=nabije_omgeving&kan_doen=Kookt+en+wast",
	           &r) == 303, "first save of the member");
	http_resp_free(&r);
	CHECK(post(b, path, "versie=1&naam=Riek+de+Vries&relatie=familie&kring=nabije_omgeving", &r) == 409,
	      "second save with the old version is refused (409)");
	CHECK(http_body_has(&r, "intussen gewijzigd door Sanne de Boer op"), "conflict says who changed it and when");
	CHECK(http_body_has(&r, "value=\"Riek de Vries\""), "conflict keeps the input");
	CHECK(http_body_has(&r, "Intussen opgeslagen: Kookt en wast") && http_body_has(&r, "Intussen opgeslagen: Mantelzorger"),
	      "conflict shows what changed meanwhile");
	CHECK(http_body_has(&r, "name=\"versie\" value=\"2\""), "conflict form carries the current version");
	http_resp_free(&r);
	CHECK(db_int("SELECT version FROM netwerklid WHERE id = %lld", network_riek) == 2 &&
	      db_int("SELECT count(*) FROM netwerklid WHERE id = %lld AND relation = 'mantelzorger'", network_riek) == 1,
	      "the refused save changed nothing");
	CHECK(post(a, path, "naam=Oma+Riek&relatie=mantelzorger&kring=nabije_omgeving", &r) == 400,
	      "an edit without a version is a bad request");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/netwerkleden/%lld/bewerken", 999999LL);
	CHECK(get(a, path, &r) == 404, "unknown network member: 404");
	http_resp_free(&r);
}

static void test_network_remove(struct agent *a)
{
	struct http_resp r;
	char path[256];
	long long stichting = db_int("SELECT id FROM netwerklid WHERE name = 'Stichting Present'");
	snprintf(path, sizeof path, "/netwerkleden/%lld/verwijderen", stichting);
	CHECK(post(a, path, "versie=1", &r) == 422 &&
	      http_body_has(&r, "Bevestiging: vink aan dat u Stichting Present uit het netwerk wilt halen.") &&
	      http_body_has(&r, "id=\"bevestig\"") &&
	      db_int("SELECT active FROM netwerklid WHERE id = %lld", stichting) == 1,
	      "removing asks to confirm first (WCAG 3.3.4): 422 at the checkbox, nothing removed");
	http_resp_free(&r);
	CHECK(post(a, path, "versie=7&bevestig=1", &r) == 409 && http_body_has(&r, "intussen gewijzigd"),
	      "removing with a stale version is refused");
	http_resp_free(&r);
	CHECK(post(a, path, "versie=1&bevestig=1", &r) == 303, "network member removed once confirmed");
	http_resp_free(&r);
	CHECK(db_int("SELECT active FROM netwerklid WHERE id = %lld", stichting) == 0, "removal is a soft delete");
	CHECK(audit_count("netwerklid.remove", stichting) == 1, "removal audited");
	snprintf(path, sizeof path, "/huishoudens/%lld/netwerk", hh);
	get(a, path, &r);
	CHECK(!http_body_has(&r, "Stichting Present") && http_body_has(&r, "3 netwerkleden"),
	      "removed member is gone from the diagram");
	http_resp_free(&r);
	/* Buurvrouw Ans joined the intake; removing her keeps the history. */
	long long ans = db_int("SELECT id FROM netwerklid WHERE name = 'Buurvrouw Ans'");
	snprintf(path, sizeof path, "/netwerkleden/%lld/verwijderen", ans);
	CHECK(post(a, path, "versie=1&bevestig=1", &r) == 303, "a member who joined an intake can be removed");
	http_resp_free(&r);
	long long intake = db_int("SELECT min(id) FROM intake WHERE huishouden_id = %lld", hh);
	snprintf(path, sizeof path, "/intakes/%lld", intake);
	CHECK(get(a, path, &r) == 200 && http_body_has(&r, "Buurvrouw Ans (Buren)"),
	      "the intake still names the removed network member");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/netwerkleden/%lld/bewerken", ans);
	CHECK(get(a, path, &r) == 404, "a removed member cannot be edited");
	http_resp_free(&r);
}

/* ---- intake ------------------------------------------------------------------ */

static long long intake1;

static void test_intake(struct agent *a, struct agent *b)
{
	struct http_resp r;
	char path[256], form[4096];
	snprintf(path, sizeof path, "/huishoudens/%lld/intake/nieuw", hh);
	CHECK(get(a, path, &r) == 200, "intake form 200");
	static const char *const labels[] = {"Financiën", "Werk en opleiding", "Tijdsbesteding", "Huisvesting",
	                                     "Huiselijke relaties", "Geestelijke gezondheid", "Lichamelijke gezondheid",
	                                     "Middelengebruik", "Basale ADL", "Instrumentele ADL", "Sociaal netwerk",
	                                     "Maatschappelijke participatie", "Justitie"};
	bool all = true;
	for (size_t i = 0; i < sizeof labels / sizeof *labels; i++)
		all &= http_body_has(&r, labels[i]);
	CHECK(all, "intake form has the 13 ZRM domains with their exact labels");
	char needle[128];
	snprintf(needle, sizeof needle, "<label class=\"utrecht-form-label loket-visually-hidden\" for=\"zrm_%lld_financien\">"
	         "Financiën – Jan de Vries</label>", jan);
	CHECK(http_body_has(&r, needle), "each ZRM select has a label naming domain and person");
	const char *jan_col = strstr(r.body, "scope=\"col\">Jan de Vries</th>");
	const char *els_col = strstr(r.body, "scope=\"col\">Els de Vries</th>");
	const char *row1 = strstr(r.body, "scope=\"row\">Financiën</th>");
	CHECK(http_body_has(&r, "loket-zrm-matrix") && jan_col && els_col && row1 && jan_col < row1 && els_col < row1,
	      "one matrix: domains as rows, persons as columns (issue 13 item 5)");
	CHECK(http_body_has(&r, "1 – acute problematiek") && http_body_has(&r, "Niet gescoord"),
	      "scores 1-5 with labels and 'niet gescoord'");
	CHECK(http_body_has(&r, "Oma Riek (Mantelzorger)") && http_body_has(&r, "Netwerk dat de inwoner meebracht"),
	      "network members can be chosen as participants");
	CHECK(http_body_has(&r, "armoede en schulden"), "expertises from the reference list");
	CHECK(http_body_has(&r, "<legend class=\"utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend\">Wie waren er bij het gesprek?</legend>"),
	      "participants are a fieldset with a legend");
	http_resp_free(&r);
	CHECK(audit_count("intake.form", hh) == 1, "intake form view audited");

	/* Everything wrong at once. */
	snprintf(form, sizeof form, "gehouden_op=%s&vraag_achter_de_vraag=Rust+%%26+regelmaat&zorgen_veiligheid=1", tomorrow);
	CHECK(post(a, path, form, &r) == 422, "invalid intake: 422");
	CHECK(http_body_has(&r, "Deze datum mag niet in de toekomst liggen."), "future date refused at the field");
	CHECK(http_body_has(&r, "Kies wie er bij het gesprek waren."), "participants required");
	CHECK(http_body_has(&r, "Geef voor minstens één persoon op minstens één leefgebied een score."),
	      "at least one score required");
	CHECK(http_body_has(&r, "Beschrijf de zorgen over de veiligheid."), "safety note required when concerned");
	CHECK(http_body_has(&r, "Rust &amp; regelmaat</textarea>"), "input kept on error");
	CHECK(http_body_has(&r, "href=\"#zrm\"") && http_body_has(&r, "href=\"#deelnemers\""),
	      "error summary links to the groups");
	http_resp_free(&r);
	CHECK(db_int("SELECT count(*) FROM intake") == 0, "nothing stored on error");

	snprintf(form, sizeof form, "gehouden_op=%s&vraag_achter_de_vraag=x&deelnemer_p_%lld=1&zrm_%lld_financien=7",
	         today, jan, jan);
	CHECK(post(a, path, form, &r) == 422 && http_body_has(&r, "Kies per leefgebied een score van 1 tot en met 5"),
	      "a score outside 1-5 is refused");
	http_resp_free(&r);

	long long ans = db_int("SELECT id FROM netwerklid WHERE name = 'Buurvrouw Ans'");
	long long werk = db_int("SELECT id FROM expertise WHERE name = 'werk'");
	long long wmo = db_int("SELECT id FROM expertise WHERE name = 'Wmo'");
	snprintf(form, sizeof form,
	         "gehouden_op=%s&vraag_achter_de_vraag=Jan+wil+weer+werken%%3B+Els+wil+ontlast+worden"
	         "&krachten=Hecht+gezin&deelnemer_p_%lld=1&deelnemer_p_%lld=1&deelnemer_n_%lld=1&deelnemer_m_%lld=1"
	         "&expertise_%lld=1&expertise_%lld=1"
	         "&zrm_%lld_financien=2&zrm_%lld_werk_en_opleiding=1&zrm_%lld_huisvesting="
	         "&zrm_%lld_huiselijke_relaties=3&zrm_%lld_geestelijke_gezondheid=2",
	         yesterday, jan, els, ans, id_consulent, werk, wmo, jan, jan, jan, els, els);
	CHECK(post(a, path, form, &r) == 303, "intake with scores for two members saved (303)");
	char loc[256];
	intake1 = db_int("SELECT max(id) FROM intake");
	char want[64];
	snprintf(want, sizeof want, "/intakes/%lld", intake1);
	CHECK(http_header(&r, "Location", loc, sizeof loc) && strcmp(loc, want) == 0, "redirect to the intake");
	http_resp_free(&r);
	CHECK(db_int("SELECT count(*) FROM zrm_score WHERE intake_id = %lld AND scored_on = '%s'", intake1, yesterday) == 4,
	      "four scores stored, dated the day of the conversation");
	CHECK(db_int("SELECT count(*) FROM intake_deelnemer WHERE intake_id = %lld", intake1) == 4,
	      "participants stored (two members, a network member, an employee)");
	CHECK(db_int("SELECT count(*) FROM intake_expertise WHERE intake_id = %lld", intake1) == 2, "expertises stored");
	CHECK(db_int("SELECT count(*) FROM huishouden WHERE id = %lld AND status = 'in_behandeling' AND version = 2"
	             " AND updated_by = %lld", hh, id_consulent) == 1,
	      "household moved to in behandeling with its version bumped");
	CHECK(db_int("SELECT count(*) FROM aanmelding WHERE huishouden_id = %lld AND status = 'in_behandeling'", hh) == 1,
	      "the open aanmelding moved to in behandeling");
	CHECK(audit_count("intake.create", intake1) == 1 && audit_count("huishouden.status", hh) == 1 &&
	      db_int("SELECT count(*) FROM audit WHERE action = 'aanmelding.status'") == 1,
	      "audit rows for the intake, the household status and the aanmelding");

	CHECK(get(a, want, &r) == 200, "intake page 200");
	CHECK(http_body_has(&r, "Jan wil weer werken; Els wil ontlast worden") && http_body_has(&r, "2 – niet zelfredzaam") &&
	      http_body_has(&r, "1 – acute problematiek") && http_body_has(&r, "Buurvrouw Ans (Buren)") &&
	      http_body_has(&r, "werk") && http_body_has(&r, "Wmo"), "intake page shows question, scores, participants, expertises");
	http_resp_free(&r);
	CHECK(audit_count("intake.view", intake1) == 1, "intake view audited");

	/* A second conversation adds new dated scores; the first ones stay. */
	snprintf(form, sizeof form, "gehouden_op=%s&vraag_achter_de_vraag=Vervolg&deelnemer_p_%lld=1&zrm_%lld_financien=4",
	         today, jan, jan);
	CHECK(post(a, path, form, &r) == 303, "second intake saved");
	http_resp_free(&r);
	CHECK(db_int("SELECT count(*) FROM zrm_score WHERE persoon_id = %lld AND domain = 'financien'", jan) == 2 &&
	      db_int("SELECT score FROM zrm_score WHERE persoon_id = %lld AND domain = 'financien' AND scored_on = '%s'",
	             jan, yesterday) == 2, "earlier scores are never overwritten");
	CHECK(db_int("SELECT version FROM huishouden WHERE id = %lld", hh) == 2, "a second intake leaves the status alone");

	snprintf(path, sizeof path, "/huishoudens/%lld", hh);
	CHECK(get(a, path, &r) == 200, "household page with the care parts 200");
	CHECK(http_body_has(&r, "Vervolg") && http_body_has(&r, "4 – voldoende zelfredzaam") &&
	      http_body_has(&r, "3 – beperkt zelfredzaam"), "household page: latest intake and latest score per domain");
	CHECK(http_body_has(&r, "role=\"img\""), "household page: the circle diagram");
	http_resp_free(&r);

	/* Editing the text: two employees at once (item 12). */
	snprintf(path, sizeof path, "/intakes/%lld/bewerken", intake1);
	CHECK(get(b, path, &r) == 200 && http_body_has(&r, "name=\"versie\" value=\"1\""), "intake edit form");
	http_resp_free(&r);
	CHECK(post(a, path, "versie=1&vraag_achter_de_vraag=Jan+wil+werk+en+rust&krachten=Hecht+gezin", &r) == 303,
	      "first editor saves");
	http_resp_free(&r);
	CHECK(post(b, path, "versie=1&vraag_achter_de_vraag=Els+is+overbelast&krachten=Hecht+gezin", &r) == 409,
	      "second editor with the old version is refused (409)");
	CHECK(http_body_has(&r, "Dit gesprek is intussen gewijzigd door Sanne de Boer op"),
	      "conflict message says who and when");
	CHECK(http_body_has(&r, "Els is overbelast</textarea>"), "the second editor's input is kept");
	CHECK(http_body_has(&r, "Intussen opgeslagen: Jan wil werk en rust"), "conflict shows what changed meanwhile");
	CHECK(!http_body_has(&r, "Intussen opgeslagen: Hecht gezin"), "unchanged fields are not flagged");
	http_resp_free(&r);
	CHECK(post(b, path, "versie=2&vraag_achter_de_vraag=Els+is+overbelast&krachten=Hecht+gezin&zorgen_veiligheid=1", &r) == 422 &&
	      http_body_has(&r, "Beschrijf de zorgen over de veiligheid."), "edit: safety note required");
	http_resp_free(&r);
	CHECK(post(b, path, "versie=2&vraag_achter_de_vraag=Els+is+overbelast&krachten=Hecht+gezin", &r) == 303,
	      "second editor saves after reviewing");
	http_resp_free(&r);
	CHECK(db_int("SELECT version FROM intake WHERE id = %lld", intake1) == 3 &&
	      db_int("SELECT updated_by FROM intake WHERE id = %lld", intake1) == id_teamleider,
	      "intake at version 3, saved last by the second editor");
	CHECK(audit_count("intake.update", intake1) == 2, "both edits audited, the refused one not");
	CHECK(db_int("SELECT count(*) FROM zrm_score WHERE intake_id = %lld", intake1) == 4, "edits never touch scores");
	snprintf(path, sizeof path, "/intakes/%lld", 999999LL);
	CHECK(get(a, path, &r) == 404, "unknown intake: 404");
	http_resp_free(&r);
}

/* ---- journal ------------------------------------------------------------------- */

static void test_journal(struct agent *a, struct agent *b)
{
	struct http_resp r;
	char path[256], form[1024];
	snprintf(path, sizeof path, "/huishoudens/%lld/journaal/nieuw", hh);
	CHECK(get(a, path, &r) == 200 && http_body_has(&r, "Moreel beraad") && http_body_has(&r, "Warme overdracht"),
	      "journal form lists the kinds");
	http_resp_free(&r);
	snprintf(form, sizeof form, "soort=roddel&datum=%s&tekst=", tomorrow);
	CHECK(post(a, path, form, &r) == 422 && http_body_has(&r, "Kies een van de mogelijkheden.") &&
	      http_body_has(&r, "Deze datum mag niet in de toekomst liggen.") && http_body_has(&r, "Dit veld is verplicht."),
	      "invalid journal entry: 422 with messages");
	http_resp_free(&r);
	snprintf(form, sizeof form, "soort=huisbezoek&datum=%s&tekst=Huisbezoek%%3A+Els+vertelt+over+oma+Riek.", yesterday);
	CHECK(post(a, path, form, &r) == 303, "journal entry saved");
	http_resp_free(&r);
	long long entry = db_int("SELECT max(id) FROM journaal");
	CHECK(audit_count("journaal.create", entry) == 1, "journal create audited");

	snprintf(path, sizeof path, "/journaal/%lld/bewerken", entry);
	snprintf(form, sizeof form, "versie=1&soort=huisbezoek&datum=%s&tekst=Huisbezoek%%3A+Els+en+oma+Riek.", yesterday);
	CHECK(post(a, path, form, &r) == 303, "journal entry edited");
	http_resp_free(&r);
	CHECK(db_int("SELECT count(*) FROM journaal_versie WHERE journaal_id = %lld AND version = 1"
	             " AND body = 'Huisbezoek: Els vertelt over oma Riek.'", entry) == 1,
	      "the previous version is kept");
	snprintf(form, sizeof form, "versie=1&soort=gesprek&datum=%s&tekst=Andere+tekst", yesterday);
	CHECK(post(b, path, form, &r) == 409 && http_body_has(&r, "intussen gewijzigd door Sanne de Boer") &&
	      http_body_has(&r, "Andere tekst</textarea>") && http_body_has(&r, "Intussen opgeslagen: Huisbezoek: Els en oma Riek."),
	      "stale journal edit refused with who/when, input kept and the stored text shown");
	http_resp_free(&r);
	CHECK(db_int("SELECT version FROM journaal WHERE id = %lld", entry) == 2 &&
	      db_int("SELECT count(*) FROM journaal_versie WHERE journaal_id = %lld", entry) == 1,
	      "the refused edit stored nothing");

	snprintf(path, sizeof path, "/journaal/%lld", entry);
	CHECK(get(b, path, &r) == 200 && http_body_has(&r, "Eerdere versies") &&
	      http_body_has(&r, "Huisbezoek: Els vertelt over oma Riek.") && http_body_has(&r, "Huisbezoek: Els en oma Riek.") &&
	      http_body_has(&r, ">bewerkt</span>"), "entry page shows the current text and every earlier version");
	http_resp_free(&r);
	CHECK(audit_count("journaal.view", entry) == 1, "journal view audited");
	snprintf(path, sizeof path, "/huishoudens/%lld", hh);
	CHECK(get(a, path, &r) == 200 && http_body_has(&r, "Huisbezoek – ") &&
	      http_body_has(&r, "eerdere versies"), "household timeline shows the entry, marked as edited");
	http_resp_free(&r);
	CHECK(get(a, "/journaal/999999", &r) == 404, "unknown journal entry: 404");
	http_resp_free(&r);
}

/* ---- consent ------------------------------------------------------------------- */

static void test_consent(struct agent *a, struct agent *b)
{
	struct http_resp r;
	char path[256], form[512];
	snprintf(path, sizeof path, "/personen/%lld/toestemming/nieuw", els);
	CHECK(get(a, path, &r) == 200 && http_body_has(&r, "Toestemming van Els de Vries vastleggen") &&
	      http_body_has(&r, "<legend class=\"utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend\">Hoe is de toestemming gegeven?</legend>"),
	      "consent form for a person, radio group in a fieldset");
	http_resp_free(&r);
	snprintf(form, sizeof form, "partij=Huisarts&gegeven_op=%s&vastgelegd=per_duif", tomorrow);
	CHECK(post(a, path, form, &r) == 422 && http_body_has(&r, "Deze datum mag niet in de toekomst liggen.") &&
	      http_body_has(&r, "Kies een van de mogelijkheden.") && http_body_has(&r, "value=\"Huisarts\""),
	      "invalid consent: 422, input kept");
	http_resp_free(&r);
	snprintf(form, sizeof form, "partij=Mantelzorgsteunpunt%%2C+gegevens+delen&gegeven_op=%s&vastgelegd=mondeling", yesterday);
	CHECK(post(a, path, form, &r) == 303, "consent recorded");
	http_resp_free(&r);
	long long t = db_int("SELECT max(id) FROM toestemming");
	CHECK(audit_count("toestemming.create", t) == 1, "consent audited");

	snprintf(path, sizeof path, "/toestemmingen/%lld/intrekken", t);
	CHECK(get(a, path, &r) == 200 && http_body_has(&r, "Mantelzorgsteunpunt, gegevens delen"), "withdraw form");
	http_resp_free(&r);
	CHECK(post(a, path, "versie=1&ingetrokken_op=2001-01-01", &r) == 422 &&
	      http_body_has(&r, "de datum van intrekken kan niet eerder zijn"), "withdrawal before consent refused");
	http_resp_free(&r);
	snprintf(form, sizeof form, "versie=1&ingetrokken_op=%s", today);
	CHECK(post(a, path, form, &r) == 303, "consent withdrawn");
	http_resp_free(&r);
	CHECK(db_int("SELECT count(*) FROM toestemming WHERE id = %lld AND withdrawn_on = '%s' AND version = 2", t, today) == 1,
	      "withdrawal kept the record with its date");
	CHECK(post(b, path, form, &r) == 409 && http_body_has(&r, "intussen ingetrokken"),
	      "withdrawing twice: 409 saying it was withdrawn meanwhile");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/huishoudens/%lld", hh);
	CHECK(get(a, path, &r) == 200 && http_body_has(&r, "Ingetrokken op ") &&
	      http_body_has(&r, "Mantelzorgsteunpunt, gegevens delen"), "household page shows withdrawn consent, marked");
	http_resp_free(&r);
	CHECK(get(a, "/personen/999999/toestemming/nieuw", &r) == 404, "unknown person: 404");
	http_resp_free(&r);
}

/* ---- need-to-know ----------------------------------------------------------------- */

static void test_access(struct agent *cons, struct agent *gebied, struct agent *beh)
{
	struct http_resp r;
	char path[256], want[256], loc[256];
	snprintf(path, sizeof path, "/huishoudens/%lld/intake/nieuw", hh);
	snprintf(want, sizeof want, "/huishoudens/%lld/toegang", hh);
	CHECK(get(gebied, path, &r) == 303 && http_header(&r, "Location", loc, sizeof loc) && strcmp(loc, want) == 0,
	      "employee without a role: intake form redirects to the exception form");
	http_resp_free(&r);
	CHECK(post(gebied, path, "vraag_achter_de_vraag=x", &r) == 403, "employee without a role: POST intake 403");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/intakes/%lld", intake1);
	CHECK(get(gebied, path, &r) == 303 && !http_body_has(&r, "Jan wil"), "no role: intake page redirects, shows nothing");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/intakes/%lld", intake1);
	CHECK(api(gebied, "GET", path, NULL, &r, NULL) == 403, "no role: API intake 403");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/intakes/%lld", intake1);
	CHECK(get(beh, path, &r) == 403, "beheerder: no case contents (403)");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/personen/%lld/toestemming/nieuw", other_person);
	CHECK(get(cons, path, &r) == 303, "consulent without a role in another household: consent form redirects");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/huishoudens/%lld/journaal/nieuw", hh_other);
	CHECK(post(cons, path, "soort=gesprek&datum=2020-01-01&tekst=x", &r) == 403 &&
	      db_int("SELECT count(*) FROM journaal WHERE huishouden_id = %lld", hh_other) == 0,
	      "consulent without a role cannot write in another household's journal");
	http_resp_free(&r);
	CHECK(db_int("SELECT count(*) FROM audit WHERE action = 'intake.view' AND medewerker_id = %lld", id_gebied) == 0,
	      "a refused view writes no view row");
	/* By exception: a reason, then access, audited with the reason. */
	snprintf(path, sizeof path, "/huishoudens/%lld/toegang", hh);
	CHECK(post(gebied, path, "reden=Spreekuur+voedselbank%2C+vraag+over+schulden", &r) == 303,
	      "access by exception granted with a reason");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/intakes/%lld", intake1);
	CHECK(get(gebied, path, &r) == 200, "with an exception the intake opens");
	http_resp_free(&r);
	CHECK(db_int("SELECT count(*) FROM audit WHERE action = 'intake.view' AND medewerker_id = %lld"
	             " AND reason LIKE 'Spreekuur%%'", id_gebied) == 1, "the view by exception is audited with its reason");
}

/* ---- JSON API ------------------------------------------------------------------------ */

static void test_api(struct agent *a, struct agent *b, struct agent *gebied)
{
	struct http_resp r;
	json_t *j;
	char path[256], body[2048];

	/* Intakes. */
	snprintf(path, sizeof path, "/api/v1/huishoudens/%lld/intakes", hh);
	CHECK(api(a, "GET", path, NULL, &r, &j) == 200 && json_array_size(json_object_get(j, "intakes")) == 2,
	      "API: GET intakes lists both");
	json_decref(j);
	http_resp_free(&r);
	CHECK(api(a, "POST", path, "{}", &r, &j) == 422 && strcmp(jstr(j, "error.code"), "validation_failed") == 0,
	      "API: empty intake 422");
	json_t *f = json_object_get(json_object_get(j, "error"), "fields");
	CHECK(json_object_get(f, "gehouden_op") && json_object_get(f, "vraag_achter_de_vraag") &&
	      json_object_get(f, "deelnemers") && json_object_get(f, "scores"), "API: 422 names every missing part");
	json_decref(j);
	http_resp_free(&r);
	snprintf(body, sizeof body, "{\"gehouden_op\":\"%s\",\"vraag_achter_de_vraag\":\"x\","
	         "\"deelnemers\":[{\"soort\":\"persoon\",\"id\":%lld}],"
	         "\"scores\":[{\"persoon_id\":%lld,\"leefgebied\":\"financien\",\"score\":6}]}", today, jan, jan);
	CHECK(api(a, "POST", path, body, &r, &j) == 422 &&
	      strstr(json_string_value(json_object_get(json_object_get(json_object_get(j, "error"), "fields"), "scores")),
	             "1 tot en met 5"), "API: score 6 refused");
	json_decref(j);
	http_resp_free(&r);
	/* An intake cannot be held before the household's aanmelding. */
	long long opened = db_int("SELECT opened_at FROM huishouden WHERE id = %lld", hh);
	char before[11];
	time_t ob = (time_t)opened - 3 * 86400;
	struct tm obt;
	localtime_r(&ob, &obt);
	strftime(before, sizeof before, "%Y-%m-%d", &obt);
	snprintf(body, sizeof body, "{\"gehouden_op\":\"%s\",\"vraag_achter_de_vraag\":\"x\","
	         "\"deelnemers\":[{\"soort\":\"persoon\",\"id\":%lld}],"
	         "\"scores\":[{\"persoon_id\":%lld,\"leefgebied\":\"financien\",\"score\":3}]}", before, jan, jan);
	CHECK(api(a, "POST", path, body, &r, &j) == 422 &&
	      strstr(json_string_value(json_object_get(json_object_get(json_object_get(j, "error"), "fields"), "gehouden_op")),
	             "niet eerder zijn gehouden dan de aanmelding"), "API: an intake dated before the aanmelding is refused");
	json_decref(j);
	http_resp_free(&r);
	snprintf(body, sizeof body, "{\"gehouden_op\":\"%s\",\"vraag_achter_de_vraag\":\"x\","
	         "\"deelnemers\":[{\"soort\":\"persoon\",\"id\":%lld}],"
	         "\"scores\":[{\"persoon_id\":%lld,\"leefgebied\":\"financien\",\"score\":3}]}", today, jan, other_person);
	CHECK(api(a, "POST", path, body, &r, &j) == 422 &&
	      json_object_get(json_object_get(json_object_get(j, "error"), "fields"), "scores"),
	      "API: a person of another household cannot be scored");
	json_decref(j);
	http_resp_free(&r);
	long long werk = db_int("SELECT id FROM expertise WHERE name = 'werk'");
	snprintf(body, sizeof body, "{\"gehouden_op\":\"%s\",\"vraag_achter_de_vraag\":\"Via de API\","
	         "\"krachten\":\"Doorzetter\",\"zorgen_veiligheid\":false,"
	         "\"deelnemers\":[{\"soort\":\"persoon\",\"id\":%lld},{\"soort\":\"medewerker\",\"id\":%lld}],"
	         "\"expertises\":[%lld],"
	         "\"scores\":[{\"persoon_id\":%lld,\"leefgebied\":\"sociaal_netwerk\",\"score\":2},"
	         "{\"persoon_id\":%lld,\"leefgebied\":\"justitie\",\"score\":5}]}",
	         today, els, id_consulent, werk, els, jan);
	CHECK(api(a, "POST", path, body, &r, &j) == 201, "API: intake created (201)");
	long long api_intake = jint(j, "id");
	char loc[256], want[128];
	snprintf(want, sizeof want, "/api/v1/intakes/%lld", api_intake);
	CHECK(http_header(&r, "Location", loc, sizeof loc) && strcmp(loc, want) == 0, "API: Location of the new intake");
	CHECK(json_array_size(json_object_get(j, "scores")) == 2 && json_array_size(json_object_get(j, "deelnemers")) == 2 &&
	      json_array_size(json_object_get(j, "expertises")) == 1 && jint(j, "versie") == 1,
	      "API: the new intake with its scores, participants and expertises");
	json_decref(j);
	http_resp_free(&r);
	CHECK(audit_count("intake.create", api_intake) == 1, "API: intake create audited");

	CHECK(api(a, "GET", want, NULL, &r, &j) == 200 && strcmp(jstr(j, "vraag_achter_de_vraag"), "Via de API") == 0,
	      "API: GET intake");
	json_decref(j);
	http_resp_free(&r);
	CHECK(api(a, "PUT", want, "{\"vraag_achter_de_vraag\":\"Bijgewerkt\",\"versie\":1}", &r, &j) == 200 &&
	      jint(j, "versie") == 2 && strcmp(jstr(j, "vraag_achter_de_vraag"), "Bijgewerkt") == 0 &&
	      json_is_null(json_object_get(j, "krachten")), "API: PUT intake text with its version");
	json_decref(j);
	http_resp_free(&r);
	CHECK(api(b, "PUT", want, "{\"vraag_achter_de_vraag\":\"Te laat\",\"versie\":1}", &r, &j) == 409 &&
	      strcmp(jstr(j, "error.code"), "conflict") == 0 && strstr(jstr(j, "error.message"), "Sanne de Boer") &&
	      strcmp(jstr(j, "huidig.vraag_achter_de_vraag"), "Bijgewerkt") == 0,
	      "API: stale PUT is 409 conflict with the current record");
	json_decref(j);
	http_resp_free(&r);
	CHECK(api(a, "PUT", want, "{\"vraag_achter_de_vraag\":\"Zonder versie\"}", &r, &j) == 422 &&
	      json_object_get(json_object_get(json_object_get(j, "error"), "fields"), "versie"), "API: PUT without versie 422");
	json_decref(j);
	http_resp_free(&r);
	CHECK(api(a, "PUT", want, "{\"vraag_achter_de_vraag\":", &r, NULL) == 400, "API: broken JSON 400");
	http_resp_free(&r);
	CHECK(api(a, "GET", "/api/v1/intakes/999999", NULL, &r, NULL) == 404, "API: unknown intake 404");
	http_resp_free(&r);
	CHECK(api(a, "GET", "/api/v1/huishoudens/999999/intakes", NULL, &r, NULL) == 404, "API: unknown household 404");
	http_resp_free(&r);
	{
		char headers[] = "";
		CHECK(client_request(&a->c, "PUT", want, "application/json", "{\"versie\":2}", headers, &r) == 0 &&
		      r.status == 403 && http_body_has(&r, "\"csrf\""), "API: PUT without X-CSRF-Token 403");
		http_resp_free(&r);
	}
	snprintf(path, sizeof path, "/api/v1/huishoudens/%lld/intakes", hh_other);
	CHECK(api(a, "GET", path, NULL, &r, NULL) == 403, "API: intakes of a household without a role 403");
	http_resp_free(&r);

	/* Network. */
	snprintf(path, sizeof path, "/api/v1/huishoudens/%lld/netwerk", hh);
	CHECK(api(a, "GET", path, NULL, &r, &j) == 200 && json_array_size(json_object_get(j, "netwerk")) == 2,
	      "API: GET network lists the active members");
	json_decref(j);
	http_resp_free(&r);
	CHECK(api(a, "POST", path, "{\"naam\":\"\",\"relatie\":\"tante\",\"kring\":\"nabije_omgeving\"}", &r, &j) == 422 &&
	      json_object_get(json_object_get(json_object_get(j, "error"), "fields"), "relatie"), "API: invalid network member 422");
	json_decref(j);
	http_resp_free(&r);
	CHECK(api(a, "POST", path, "{\"naam\":\"Buurman Henk\",\"relatie\":\"buren\",\"kring\":\"informeel_netwerk\","
	                          "\"kan_doen\":\"Rijdt naar het ziekenhuis\"}", &r, &j) == 201 && jint(j, "versie") == 1 &&
	      json_is_true(json_object_get(j, "actief")), "API: network member created (201)");
	long long henk = jint(j, "id");
	json_decref(j);
	http_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/netwerkleden/%lld", henk);
	CHECK(api(a, "PUT", path, "{\"naam\":\"Buurman Henk\",\"relatie\":\"buren\",\"kring\":\"nabije_omgeving\",\"versie\":1}",
	          &r, &j) == 200 && strcmp(jstr(j, "kring"), "nabije_omgeving") == 0 && jint(j, "versie") == 2,
	      "API: PUT network member");
	json_decref(j);
	http_resp_free(&r);
	CHECK(api(b, "PUT", path, "{\"naam\":\"Henk\",\"relatie\":\"buren\",\"kring\":\"informeel_netwerk\",\"versie\":1}",
	          &r, &j) == 409 && jint(json_object_get(j, "huidig"), "versie") == 2, "API: stale network PUT 409 with current");
	json_decref(j);
	http_resp_free(&r);
	CHECK(api(a, "PUT", "/api/v1/netwerkleden/999999", "{}", &r, NULL) == 404, "API: unknown network member 404");
	http_resp_free(&r);

	/* Journal. */
	snprintf(path, sizeof path, "/api/v1/huishoudens/%lld/journaal", hh);
	CHECK(api(a, "POST", path, "{\"soort\":\"telefoon\",\"datum\":\"22-11-2099\",\"tekst\":\"x\"}", &r, &j) == 422 &&
	      json_object_get(json_object_get(json_object_get(j, "error"), "fields"), "datum"), "API: future journal date 422");
	json_decref(j);
	http_resp_free(&r);
	snprintf(body, sizeof body, "{\"soort\":\"moreel_beraad\",\"datum\":\"%s\",\"tekst\":\"x\"}", today);
	CHECK(api(a, "POST", path, body, &r, &j) == 422 &&
	      json_object_get(json_object_get(json_object_get(j, "error"), "fields"), "soort"),
	      "API: a moreel beraad is not a plain journal entry (422 at soort)");
	json_decref(j);
	http_resp_free(&r);
	snprintf(body, sizeof body, "{\"soort\":\"telefoon\",\"datum\":\"%s\",\"tekst\":\"Gebeld met school over Wouter.\"}", today);
	CHECK(api(a, "POST", path, body, &r, &j) == 201 && strcmp(jstr(j, "auteur.naam"), "Sanne de Boer") == 0 &&
	      json_array_size(json_object_get(j, "versies")) == 0, "API: journal entry created (201)");
	long long entry = jint(j, "id");
	json_decref(j);
	http_resp_free(&r);
	CHECK(api(a, "GET", path, NULL, &r, &j) == 200 && json_array_size(json_object_get(j, "journaal")) == 2,
	      "API: GET journal, newest first");
	json_decref(j);
	http_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/journaal/%lld", entry);
	snprintf(body, sizeof body, "{\"soort\":\"telefoon\",\"datum\":\"%s\",\"tekst\":\"Gebeld met school.\",\"versie\":1}", today);
	CHECK(api(b, "PUT", path, body, &r, &j) == 200 && jint(j, "versie") == 2 && json_is_true(json_object_get(j, "bewerkt")) &&
	      json_array_size(json_object_get(j, "versies")) == 1, "API: PUT journal keeps the earlier version");
	json_decref(j);
	http_resp_free(&r);
	CHECK(api(a, "PUT", path, body, &r, &j) == 409 && strstr(jstr(j, "error.message"), "Marieke Visser"),
	      "API: stale journal PUT 409 naming who changed it");
	json_decref(j);
	http_resp_free(&r);
	CHECK(api(a, "GET", path, NULL, &r, &j) == 200 &&
	      strcmp(json_string_value(json_object_get(json_array_get(json_object_get(j, "versies"), 0), "tekst")),
	             "Gebeld met school over Wouter.") == 0, "API: GET journal entry includes its versions");
	json_decref(j);
	http_resp_free(&r);
	CHECK(api(gebied, "GET", "/api/v1/journaal/999999", NULL, &r, NULL) == 404, "API: unknown journal entry 404");
	http_resp_free(&r);

	/* Consent. */
	snprintf(path, sizeof path, "/api/v1/personen/%lld/toestemmingen", jan);
	CHECK(api(a, "POST", path, "{\"partij\":\"UWV\",\"gegeven_op\":\"2020-02-30\",\"vastgelegd\":\"digitaal\"}", &r, &j) == 422,
	      "API: impossible consent date 422");
	json_decref(j);
	http_resp_free(&r);
	snprintf(body, sizeof body, "{\"partij\":\"UWV, re-integratie\",\"gegeven_op\":\"%s\",\"vastgelegd\":\"schriftelijk\"}", yesterday);
	CHECK(api(a, "POST", path, body, &r, &j) == 201 && json_is_true(json_object_get(j, "actief")) &&
	      json_is_null(json_object_get(j, "ingetrokken_op")), "API: consent created (201)");
	long long t = jint(j, "id");
	json_decref(j);
	http_resp_free(&r);
	CHECK(api(a, "GET", path, NULL, &r, &j) == 200 && json_array_size(json_object_get(j, "toestemmingen")) == 1,
	      "API: GET a person's consents");
	json_decref(j);
	http_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/toestemmingen/%lld/intrekken", t);
	CHECK(api(a, "POST", path, "{\"versie\":1}", &r, &j) == 422 &&
	      json_object_get(json_object_get(json_object_get(j, "error"), "fields"), "ingetrokken_op"),
	      "API: withdrawal without a date 422");
	json_decref(j);
	http_resp_free(&r);
	snprintf(body, sizeof body, "{\"ingetrokken_op\":\"%s\",\"versie\":1}", today);
	CHECK(api(a, "POST", path, body, &r, &j) == 200 && json_is_false(json_object_get(j, "actief")) &&
	      strcmp(jstr(j, "ingetrokken_op"), today) == 0, "API: consent withdrawn");
	json_decref(j);
	http_resp_free(&r);
	CHECK(api(b, "POST", path, body, &r, &j) == 409 && strcmp(jstr(j, "error.code"), "conflict") == 0,
	      "API: withdrawing again 409");
	json_decref(j);
	http_resp_free(&r);
	CHECK(db_int("SELECT count(*) FROM toestemming WHERE id = %lld", t) == 1, "withdrawn consent is kept");
	snprintf(path, sizeof path, "/api/v1/personen/%lld/toestemmingen", other_person);
	CHECK(api(a, "GET", path, NULL, &r, NULL) == 403, "API: consent of a person without a role 403");
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
	day(0, today);
	day(-1, yesterday);
	day(3, tomorrow); /* well past any time-zone difference with the server */
	CHECK(fixtures(), "fixtures: the De Vries household and a household with another regisseur");
	struct agent cons, tl, gebied, beh;
	CHECK(sign_in(&cons, U_CONSULENT), "consulent signs in");
	CHECK(sign_in(&tl, U_TEAMLEIDER), "teamleider signs in");
	CHECK(sign_in(&gebied, U_GEBIEDSTEAM), "gebiedsteam member signs in");
	CHECK(sign_in(&beh, U_BEHEERDER), "beheerder signs in");

	test_network(&cons, &tl);
	test_intake(&cons, &tl);
	test_network_remove(&cons);
	test_journal(&cons, &tl);
	test_consent(&cons, &tl);
	test_api(&cons, &tl, &gebied);
	test_access(&cons, &gebied, &beh);

	CHECK(ts_stop(&S) == 0, "server stops cleanly");
	T_EXIT();
}
