/* test_plan.c - the household plan against the real server: the De Vries
 * plan with three goals across domains, a full rolgesprek with a gemeente
 * justification and support for Els as mantelzorger, agreements and
 * overdue ones, vaststellen with the evaluation date rule, the print view
 * without internal notes, versions, refused stale saves, audit rows, and
 * every documented API endpoint with its errors. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http_client.h"
#include "testutil.h"

static struct test_server S;

static char *field_value(const char *body, const char *name)
{
	char needle[96];
	snprintf(needle, sizeof needle, "name=\"%s\" value=\"", name);
	const char *p = body ? strstr(body, needle) : NULL;
	if (!p)
		return NULL;
	p += strlen(needle);
	const char *end = strchr(p, '"');
	return end ? strndup(p, (size_t)(end - p)) : NULL;
}

static int post(struct client *c, const char *page, const char *path, const char *form, struct http_resp *r)
{
	return client_post_with_csrf(c, page, path, form, r);
}

static int post_status(struct client *c, const char *page, const char *path, const char *form)
{
	struct http_resp r;
	if (post(c, page, path, form, &r) != 0)
		return -1;
	int st = r.status;
	http_resp_free(&r);
	return st;
}

static long long count(const char *fmt, long long a)
{
	return ts_db_int(&S, fmt, a);
}

int main(void)
{
	if (ts_start(&S, (const char *const[]){"--cookie-insecure", NULL}) != 0) {
		T_FAIL("server start", "see %s", S.log);
		T_EXIT();
	}
	/* The demo data seeds the reference lists; this test builds its own. */
	CHECK(ts_db_exec(&S, "DELETE FROM aanbieder_contract; DELETE FROM product; DELETE FROM sociale_kaart; DELETE FROM aanbieder;") == 0,
	      "demo reference lists cleared for the test's own");
	long long cons = ts_db_int(&S, "SELECT id FROM medewerker WHERE username = '%s'", S.users[U_CONSULENT].username);
	ts_db_exec(&S,
	           "INSERT INTO huishouden(street, house_number, postcode, city, opened_at, regisseur_id, status) VALUES"
	           " ('Kerkstraat', 12, '3861 AB', 'Nijkerk', strftime('%%s','now'), %lld, 'in_behandeling');", cons);
	long long hh = ts_db_int(&S, "SELECT max(id) FROM huishouden");
	ts_db_exec(&S,
	           "INSERT INTO persoon(huishouden_id, first_name, name_prefix, last_name, birth_date, role) VALUES"
	           " (%lld, 'Jan', 'de', 'Vries', '1971-03-02', 'ouder'), (%lld, 'Els', 'de', 'Vries', '1975-06-14', 'partner');"
	           "INSERT INTO netwerklid(huishouden_id, name, relation, circle, can_do) VALUES"
	           " (%lld, 'Els de Vries', 'mantelzorger', 'nabije_omgeving', 'zorgt voor Roos en oma Riek'),"
	           " (%lld, 'Oma Riek', 'familie', 'nabije_omgeving', NULL);"
	           "INSERT INTO sociale_kaart(name, kind, description) VALUES ('Mantelzorgsteunpunt Nijkerk', 'mantelzorg', 'Respijt');"
	           "INSERT INTO aanbieder(name, kind) VALUES ('Zorgaanbieder De Linde', 'huishoudelijke hulp');",
	           hh, hh, hh, hh);
	long long jan = ts_db_int(&S, "SELECT id FROM persoon WHERE first_name = 'Jan' AND huishouden_id = %lld", hh);
	long long els_n = ts_db_int(&S, "SELECT id FROM netwerklid WHERE name = 'Els de Vries' AND huishouden_id = %lld", hh);
	long long riek = ts_db_int(&S, "SELECT id FROM netwerklid WHERE name = 'Oma Riek' AND huishouden_id = %lld", hh);
	long long kaart = ts_db_int(&S, "SELECT max(id) FROM sociale_kaart");
	CHECK(hh > 0 && jan > 0 && els_n > 0 && kaart > 0, "De Vries household set up");

	struct client c, other;
	client_init(&c, S.port);
	client_init(&other, S.port);
	CHECK(client_login(&c, S.users[U_CONSULENT].username, S.users[U_CONSULENT].password) == 303, "regisseur signs in");
	CHECK(client_login(&other, S.users[U_TEAMLEIDER].username, S.users[U_TEAMLEIDER].password) == 303,
	      "teamleider signs in");

	char page[128], path[160], form[2048];
	struct http_resp r;
	snprintf(page, sizeof page, "/huishoudens/%lld/plan", hh);
	client_get(&c, page, &r);
	CHECK(r.status == 200 && http_body_has(&r, "Plan starten"), "without a plan the page offers to start one");
	http_resp_free(&r);
	CHECK(post_status(&c, page, page, "") == 303, "starting a plan redirects to it");
	long long plan = ts_db_int(&S, "SELECT id FROM plan WHERE huishouden_id = %lld", hh);
	CHECK(plan > 0 && count("SELECT count(*) FROM plan WHERE id = %lld AND status = 'concept'", plan) == 1,
	      "a concept plan exists");
	CHECK(post_status(&c, page, page, "") == 303 && count("SELECT count(*) FROM plan WHERE huishouden_id = %lld", hh) == 1,
	      "starting again keeps one plan per household");

	/* Goals. */
	snprintf(path, sizeof path, "/plannen/%lld/doelen/nieuw", plan);
	post(&c, path, path, "leefgebied=werk_en_opleiding&wens=Ik+wil+weer+werk&streefdatum=2001-01-01&status=open", &r);
	CHECK(r.status == 422 && http_body_has(&r, "niet in het verleden") && http_body_has(&r, "Ik wil weer werk"),
	      "a target date in the past is refused at the field, input kept");
	http_resp_free(&r);
	post(&c, path, path, "leefgebied=&wens=&streefdatum=2099-01-01", &r);
	CHECK(r.status == 422 && http_body_has(&r, "aria-invalid=\"true\""), "missing domain and wish are refused");
	http_resp_free(&r);
	snprintf(form, sizeof form, "leefgebied=werk_en_opleiding&persoon=%lld&wens=Ik+wil+weer+aan+het+werk&streefdatum=2099-06-01&status=open", jan);
	CHECK(post_status(&c, path, path, form) == 303, "goal 1 (werk, Jan) saved");
	CHECK(post_status(&c, path, path, "leefgebied=huiselijke_relaties&wens=Els+wil+het+volhouden+als+mantelzorger&streefdatum=2099-03-01&status=open") == 303,
	      "goal 2 (mantelzorg) saved");
	CHECK(post_status(&c, path, path, "leefgebied=financien&wens=Geen+nieuwe+schulden&streefdatum=2099-09-01&status=open") == 303,
	      "goal 3 (financien) saved");
	long long g1 = ts_db_int(&S, "SELECT min(id) FROM doel WHERE plan_id = %lld", plan);
	long long g2 = g1 + 1;

	/* Rolgesprek for goal 2: from own strength outwards. */
	char rg[128];
	snprintf(rg, sizeof rg, "/doelen/%lld/rolgesprek", g2);
	client_get(&c, rg, &r);
	CHECK(r.status == 200 && http_body_has(&r, "1. Inwoner zelf") && http_body_has(&r, "4. Gemeente"),
	      "the rolgesprek page leads through the four levels");
	char *p1 = strstr(r.body, "1. Inwoner zelf"), *p4 = strstr(r.body, "4. Gemeente");
	CHECK(p1 && p4 && p1 < p4, "inwoner comes before gemeente");
	http_resp_free(&r);
	CHECK(post_status(&c, rg, rg, "niveau=inwoner&bijdrage=Els+plant+vaste+rustmomenten") == 303, "inwoner contribution");
	snprintf(form, sizeof form, "niveau=netwerk&lid_%lld=1&bijdrage_%lld=Oma+Riek+regelt+zelf+boodschappen+via+de+buurvrouw", riek, riek);
	CHECK(post_status(&c, rg, rg, form) == 303, "netwerk contribution for a chosen member");
	snprintf(form, sizeof form, "niveau=netwerk&lid_%lld=1&bijdrage_%lld=", riek, riek);
	post(&c, rg, rg, form, &r);
	CHECK(r.status == 422 && http_body_has(&r, "Schrijf op wat Oma Riek doet."), "a chosen member needs a contribution");
	http_resp_free(&r);
	snprintf(form, sizeof form, "niveau=voorliggend_veld&sociale_kaart=%lld&bijdrage=Respijtzorg+een+dagdeel+per+week&steun_aan=%lld", kaart, els_n);
	CHECK(post_status(&c, rg, rg, form) == 303, "voorliggend veld contribution supporting Els");
	snprintf(form, sizeof form, "niveau=gemeente&bijdrage=Huishoudelijke+hulp&steun_aan=%lld", els_n);
	post(&c, rg, rg, form, &r);
	CHECK(r.status == 422 && http_body_has(&r, "omgekeerde toets") && http_body_has(&r, "niet kunnen dragen") &&
	      http_body_has(&r, ">Huishoudelijke hulp</textarea>"),
	      "gemeente without intended effect and justification is refused at the fields, input kept");
	http_resp_free(&r);
	snprintf(form, sizeof form, "niveau=gemeente&beoogd_effect=Els+houdt+de+zorg+vol+zonder+overbelast+te+raken"
	         "&bijdrage=Huishoudelijke+hulp+2+uur+per+week&onderbouwing=Netwerk+is+al+maximaal+belast+GEHEIMEONDERBOUWING&steun_aan=%lld", els_n);
	CHECK(post_status(&c, rg, rg, form) == 303, "gemeente contribution with effect and justification");
	CHECK(count("SELECT count(*) FROM rolgesprek WHERE doel_id = %lld", g2) == 4, "four contributions stored");
	/* Els is also a member of the household: supporting her is possible as such. */
	long long els_p = ts_db_int(&S, "SELECT id FROM persoon WHERE first_name = 'Els' AND huishouden_id = %lld", hh);
	snprintf(form, sizeof form, "niveau=voorliggend_veld&sociale_kaart=%lld&bijdrage=Lotgenotengroep&steun_aan=%lld"
	         "&steun_aan_persoon=%lld", kaart, els_n, els_p);
	post(&c, rg, rg, form, &r);
	CHECK(r.status == 422 && http_body_has(&r, "Kies één mantelzorger"), "one mantelzorger per contribution");
	http_resp_free(&r);
	snprintf(form, sizeof form, "niveau=voorliggend_veld&sociale_kaart=%lld&bijdrage=Lotgenotengroep&steun_aan_persoon=999999", kaart);
	post(&c, rg, rg, form, &r);
	CHECK(r.status == 422 && http_body_has(&r, "Kies een lid van dit huishouden"), "a person of another household is refused");
	http_resp_free(&r);
	snprintf(form, sizeof form, "niveau=voorliggend_veld&sociale_kaart=%lld&bijdrage=Lotgenotengroep+voor+mantelzorgers"
	         "&steun_aan_persoon=%lld", kaart, els_p);
	CHECK(post_status(&c, rg, rg, form) == 303 &&
	      ts_db_int(&S, "SELECT count(*) FROM rolgesprek WHERE doel_id = %lld AND supports_persoon_id = %lld", g2, els_p) == 1,
	      "a contribution supports Els as a member of the household");
	ts_db_exec(&S, "DELETE FROM rolgesprek WHERE doel_id = %lld AND supports_persoon_id IS NOT NULL", g2);
	CHECK(count("SELECT count(*) FROM plan WHERE id = %lld AND version > 1", plan) == 1, "changes bump the plan version");

	/* Issue 12 item 3: the whole rolgesprek in one form (goal 3). */
	long long g3 = g1 + 2;
	char rg3[128], big[2048], want[128];
	snprintf(rg3, sizeof rg3, "/doelen/%lld/rolgesprek", g3);
	client_get(&c, rg3, &r);
	CHECK(r.status == 200 && http_body_has(&r, "Rolgesprek opslaan") && http_body_has(&r, "name=\"gemeente-beoogd_effect\""),
	      "one form: the page has one save button and every level's fields");
	http_resp_free(&r);
	snprintf(big, sizeof big, "inwoner-bijdrage=Jan+houdt+een+kasboek+bij&lid_%lld=1&bijdrage_%lld=Oma+Riek+kijkt+mee+naar+de+post"
	         "&gemeente-bijdrage=Budgetbeheer+via+de+gemeente", riek, riek);
	post(&c, rg3, rg3, big, &r);
	CHECK(r.status == 422 && http_body_has(&r, ">Jan houdt een kasboek bij</textarea>") &&
	      http_body_has(&r, ">Oma Riek kijkt mee naar de post</textarea>") &&
	      http_body_has(&r, ">Budgetbeheer via de gemeente</textarea>"),
	      "one form: an error at the gemeente keeps what was typed at every level");
	CHECK(http_body_has(&r, ">Gemeente, beoogd effect: beschrijf eerst wat het moet opleveren") &&
	      http_body_has(&r, "href=\"#gemeente-beoogd_effect\"") && http_body_has(&r, ">Gemeente, onderbouwing: leg uit") &&
	      http_body_has(&r, "id=\"gemeente-beoogd_effect-fout\""),
	      "one form: the summary names level and field and links to it, the message is at the field");
	http_resp_free(&r);
	CHECK(count("SELECT count(*) FROM rolgesprek WHERE doel_id = %lld", g3) == 0, "one form: nothing stored on an error");
	long long audit0 = count("SELECT count(*) FROM audit WHERE action = 'rolgesprek.create' AND huishouden_id = %lld", hh);
	snprintf(big, sizeof big, "inwoner-bijdrage=Jan+houdt+een+kasboek+bij&lid_%lld=1&bijdrage_%lld=Oma+Riek+kijkt+mee+naar+de+post"
	         "&voorliggend_veld-sociale_kaart=%lld&voorliggend_veld-bijdrage=Schuldhulp+van+de+vrijwilligers"
	         "&gemeente-beoogd_effect=Geen+nieuwe+schulden&gemeente-bijdrage=Budgetbeheer+via+de+gemeente"
	         "&gemeente-onderbouwing=Het+netwerk+kan+geen+geld+beheren", riek, riek, kaart);
	CHECK(post_status(&c, rg3, rg3, big) == 303 && count("SELECT count(*) FROM rolgesprek WHERE doel_id = %lld", g3) == 4 &&
	      count("SELECT count(*) FROM audit WHERE action = 'rolgesprek.create' AND huishouden_id = %lld", hh) == audit0 + 4,
	      "one form: all four levels saved together in one POST, each audited");
	long long ci = ts_db_int(&S, "SELECT id FROM rolgesprek WHERE doel_id = %lld AND level = 'inwoner'", g3);
	long long cg = ts_db_int(&S, "SELECT id FROM rolgesprek WHERE doel_id = %lld AND level = 'gemeente'", g3);
	client_get(&c, rg3, &r);
	snprintf(want, sizeof want, "name=\"c%lld-bijdrage\"", ci);
	CHECK(r.status == 200 && http_body_has(&r, want) && http_body_has(&r, ">Jan houdt een kasboek bij</textarea>"),
	      "edit: a recorded contribution is editable in the same form");
	http_resp_free(&r);
	snprintf(big, sizeof big, "c%lld-bijdrage=Jan+houdt+elke+week+een+kasboek+bij&c%lld-versie=1", ci, ci);
	CHECK(post_status(&c, rg3, rg3, big) == 303 &&
	      count("SELECT count(*) FROM rolgesprek WHERE id = %lld AND contribution = 'Jan houdt elke week een kasboek bij'"
	            " AND version = 2", ci) == 1 &&
	      count("SELECT count(*) FROM audit WHERE action = 'rolgesprek.update' AND object_id = %lld", ci) == 1,
	      "edit: a contribution is changed, its version bumped, audited");
	snprintf(big, sizeof big, "c%lld-bijdrage=Mijn+oude+pagina&c%lld-versie=1&inwoner-bijdrage=Jan+belt+zelf+de+bank"
	         "&c%lld-beoogd_effect=&c%lld-bijdrage=Budgetbeheer+via+de+gemeente&c%lld-onderbouwing=Het+netwerk+kan+geen+geld+beheren"
	         "&c%lld-versie=1", ci, ci, cg, cg, cg, cg);
	post(&c, rg3, rg3, big, &r);
	CHECK(r.status == 422 && http_body_has(&r, ">Gemeente, vastgelegde bijdrage 1, beoogd effect: beschrijf eerst") &&
	      http_body_has(&r, ">Mijn oude pagina</textarea>") && http_body_has(&r, ">Jan belt zelf de bank</textarea>"),
	      "edit: a recorded gemeente contribution still needs its intended effect, named in the summary, input kept");
	http_resp_free(&r);
	snprintf(big, sizeof big, "c%lld-bijdrage=Mijn+oude+pagina&c%lld-versie=1&inwoner-bijdrage=Jan+belt+zelf+de+bank", ci, ci);
	post(&c, rg3, rg3, big, &r);
	snprintf(want, sizeof want, "name=\"c%lld-versie\" value=\"2\"", ci);
	CHECK(r.status == 409 && http_body_has(&r, "Iemand anders heeft deze bijdrage intussen gewijzigd") &&
	      http_body_has(&r, "Jan houdt elke week een kasboek bij") && http_body_has(&r, ">Mijn oude pagina</textarea>") &&
	      http_body_has(&r, ">Jan belt zelf de bank</textarea>") && http_body_has(&r, want),
	      "stale: a save on an old version is refused with what it says now, every input kept, the new version to save over");
	http_resp_free(&r);
	CHECK(count("SELECT count(*) FROM rolgesprek WHERE doel_id = %lld", g3) == 4 &&
	      count("SELECT count(*) FROM rolgesprek WHERE id = %lld AND version = 2", ci) == 1,
	      "stale: nothing of that POST was stored (not the new inwoner contribution either)");
	snprintf(big, sizeof big, "c%lld-bijdrage=Jan+houdt+elke+week+een+kasboek+bij&c%lld-versie=2&c%lld-verwijderen=1", ci, ci, ci);
	CHECK(post_status(&c, rg3, rg3, big) == 303 && count("SELECT count(*) FROM rolgesprek WHERE id = %lld", ci) == 0 &&
	      count("SELECT count(*) FROM audit WHERE action = 'rolgesprek.delete' AND object_id = %lld", ci) == 1,
	      "remove: ticking 'verwijderen' removes a contribution on saving, audited");
	post(&c, rg3, rg3, "", &r);
	char loc[256];
	CHECK(r.status == 303 && http_header(&r, "Location", loc, sizeof loc) && strstr(loc, "ongewijzigd=1"),
	      "one form: saving nothing changes nothing");
	http_resp_free(&r);

	/* Agreements. */
	snprintf(path, sizeof path, "/doelen/%lld/afspraken/nieuw", g1);
	snprintf(form, sizeof form, "wie=inwoner-%lld&wat=Inschrijven+bij+het+uitzendbureau&uiterlijk=2099-02-01", jan);
	CHECK(post_status(&c, path, path, form) == 303, "agreement with the resident");
	snprintf(form, sizeof form, "wie=medewerker-999&wat=Iets&uiterlijk=2099-02-01");
	post(&c, path, path, form, &r);
	CHECK(r.status == 422 && http_body_has(&r, "Inschrijven") == false, "an unknown 'who' is refused");
	http_resp_free(&r);
	ts_db_exec(&S, "INSERT INTO afspraak(doel_id, who_kind, netwerklid_id, what, due_date, created_by, created_at)"
	           " VALUES (%lld, 'netwerklid', %lld, 'Buurvrouw vragen voor boodschappen', '2020-01-01', %lld, 0)",
	           g2, riek, cons);
	client_get(&c, page, &r);
	CHECK(r.status == 200 && http_body_has(&r, "Te laat") && http_body_has(&r, "Buurvrouw vragen"),
	      "an overdue agreement is highlighted on the plan page");
	CHECK(http_body_has(&r, "Steun aan Els de Vries (mantelzorger)"), "support for Els shows as a first-class answer");
	CHECK(http_body_has(&r, "GEHEIMEONDERBOUWING"), "the justification shows on the internal plan page");
	http_resp_free(&r);

	/* Vaststellen. */
	snprintf(path, sizeof path, "/plannen/%lld/vaststellen", plan);
	client_get(&c, path, &r);
	char *ver = field_value(r.body, "versie");
	CHECK(r.status == 200 && http_body_has(&r, "Voorstel: 15-02-2099") && http_body_has(&r, "value=\"2099-02-15\""),
	      "default evaluation is 14 days before the earliest target");
	http_resp_free(&r);
	snprintf(form, sizeof form, "akkoord_op=2001-01-01&akkoord_hoe=mondeling&volgende_evaluatie=2099-03-01&versie=%s", ver ? ver : "");
	post(&c, path, path, form, &r);
	CHECK(r.status == 422 && http_body_has(&r, "Kies 15-02-2099 of eerder"), "a later evaluation date is refused with a clear message");
	http_resp_free(&r);
	/* Who agreed, and goals without a rolgesprek or an agreement (issue 12
	 * item 7): goal 1 has an agreement but no rolgesprek, goal 3 a
	 * rolgesprek but no agreement. */
	char want2[256];
	client_get(&c, path, &r);
	snprintf(want, sizeof want, "name=\"akkoord_personen_%lld\" value=\"1\">", jan);
	snprintf(want2, sizeof want2, "name=\"akkoord_personen_%lld\" value=\"1\">", els_p);
	CHECK(r.status == 200 && http_body_has(&r, want) && http_body_has(&r, want2) &&
	      http_body_has(&r, "name=\"akkoord_vertegenwoordiger\""),
	      "vaststellen asks who agreed: a checkbox per member and a line for a representative");
	CHECK(http_body_has(&r, "<li>Werk en opleiding: Ik wil weer aan het werk – geen rolgesprek</li>") &&
	      http_body_has(&r, "<li>Financiën: Geen nieuwe schulden – geen afspraak</li>") &&
	      !http_body_has(&r, "Els wil het volhouden als mantelzorger – geen") &&
	      http_body_has(&r, "Ik stel het plan toch vast:"),
	      "the form lists which goals lack a rolgesprek or an agreement, with the confirmation");
	{
		/* The list stands above the checkbox's field, not inside it (in
		 * the field's grid it became one letter per line). */
		const char *list = strstr(r.body, "aria-labelledby=\"toch_vaststellen-ontbreekt\"");
		const char *field = list ? strstr(list, "utrecht-form-field--checkbox") : NULL;
		const char *box = strstr(r.body, "id=\"toch_vaststellen\"");
		const char *field_start = box ? r.body : NULL;
		for (const char *p = r.body; box && (p = strstr(p, "utrecht-form-field--checkbox")) && p < box; p++)
			field_start = p;
		CHECK(list && field && box && field_start > list,
		      "the goals' list comes before the confirmation's checkbox field, outside it");
	}
	http_resp_free(&r);
	snprintf(form, sizeof form, "akkoord_op=2025-01-01&akkoord_hoe=op_papier&volgende_evaluatie=2099-01-15&versie=%s", ver ? ver : "");
	post(&c, path, path, form, &r);
	CHECK(r.status == 422 && http_body_has(&r, "Leg vast wie er akkoord ging") && http_body_has(&r, "akkoord_personen-fout") &&
	      http_body_has(&r, "toch_vaststellen-fout") && http_body_has(&r, "value=\"2099-01-15\"") &&
	      http_body_has(&r, "value=\"op_papier\" checked"),
	      "without who agreed and without the confirmation: refused at the fields, input kept");
	http_resp_free(&r);
	snprintf(form, sizeof form, "akkoord_op=2025-01-01&akkoord_hoe=op_papier&volgende_evaluatie=2099-01-15"
	                            "&akkoord_personen_%lld=1&akkoord_vertegenwoordiger=mr.+A.+Jansen%%2C+wettelijk+vertegenwoordiger"
	                            "&versie=%s", jan, ver ? ver : "");
	post(&c, path, path, form, &r);
	snprintf(want, sizeof want, "name=\"akkoord_personen_%lld\" value=\"1\" checked>", jan);
	CHECK(r.status == 422 && !http_body_has(&r, "Leg vast wie er akkoord ging") &&
	      http_body_has(&r, "Vul eerst aan wat ontbreekt") && http_body_has(&r, want) &&
	      http_body_has(&r, "value=\"mr. A. Jansen, wettelijk vertegenwoordiger\""),
	      "a goal lacking something needs the explicit confirmation; who was ticked and typed is kept");
	http_resp_free(&r);
	CHECK(count("SELECT count(*) FROM plan WHERE id = %lld AND status = 'concept'", plan) == 1 &&
	      count("SELECT count(*) FROM plan_instemming WHERE plan_id = %lld", plan) == 0,
	      "nothing stored while refused");
	strncat(form, "&toch_vaststellen=1", sizeof form - strlen(form) - 1);
	CHECK(post_status(&c, path, path, form) == 303, "the resident's agreement is recorded");
	CHECK(count("SELECT count(*) FROM plan_instemming WHERE plan_id = %lld AND version_no = 1 AND representative = 0"
	            " AND persoon_id = (SELECT id FROM persoon WHERE first_name = 'Jan') AND name = 'Jan de Vries'", plan) == 1 &&
	      count("SELECT count(*) FROM plan_instemming WHERE plan_id = %lld AND representative = 1 AND persoon_id IS NULL"
	            " AND name = 'mr. A. Jansen, wettelijk vertegenwoordiger'", plan) == 1 &&
	      count("SELECT count(*) FROM plan_instemming WHERE plan_id = %lld", plan) == 2,
	      "who agreed is stored: Jan and the representative");
	CHECK(count("SELECT count(*) FROM audit WHERE action = 'plan.instemming' AND huishouden_id = %lld", hh) == 2 &&
	      count("SELECT count(*) FROM audit WHERE action = 'plan.instemming' AND object_type = 'persoon' AND object_id = "
	            "(SELECT id FROM persoon WHERE first_name = 'Jan')", 0) == 1 &&
	      count("SELECT count(*) FROM audit WHERE action = 'plan.vaststellen_toch' AND object_id = %lld", plan) == 1 &&
	      count("SELECT count(*) FROM audit WHERE action = 'plan.vaststellen' AND object_id = %lld", plan) == 1,
	      "vaststellen audits who agreed and that it was confirmed despite the gaps");
	client_get(&c, page, &r);
	CHECK(r.status == 200 && http_body_has(&r, "Akkoord gegeven door") &&
	      http_body_has(&r, "<span class=\"loket-akkoord-door\">Jan de Vries</span>") &&
	      http_body_has(&r, "<span class=\"loket-akkoord-door\">mr. A. Jansen, wettelijk vertegenwoordiger</span>"),
	      "the plan page shows who agreed");
	http_resp_free(&r);
	CHECK(count("SELECT count(*) FROM plan WHERE id = %lld AND status = 'vastgesteld' AND next_evaluation = '2099-01-15'", plan) == 1,
	      "plan vastgesteld with the chosen earlier date");
	CHECK(count("SELECT count(*) FROM huishouden WHERE id = %lld AND status = 'plan_actief'", hh) == 1, "household has an active plan");
	CHECK(post_status(&c, page, path, form) == 409, "settling again on the old version is refused");
	free(ver);
	snprintf(path, sizeof path, "/plannen/%lld/doelen/nieuw", plan);
	client_get(&c, path, &r);
	CHECK(r.status == 409 && http_body_has(&r, "nieuwe versie"), "a vastgesteld plan cannot be changed without a new version");
	http_resp_free(&r);

	/* Print view. */
	snprintf(path, sizeof path, "/plannen/%lld/afdrukken", plan);
	client_get(&c, path, &r);
	CHECK(r.status == 200 && http_body_has(&r, "Uw plan") && http_body_has(&r, "Ik wil weer aan het werk") &&
	      http_body_has(&r, "Sanne de Boer") && http_body_has(&r, "15-01-2099") && http_body_has(&r, "Druk af via het menu"),
	      "print view: goals in own words, regisseur and evaluation date");
	CHECK(!http_body_has(&r, "GEHEIMEONDERBOUWING") && !http_body_has(&r, "Beoogd effect") && !http_body_has(&r, "<script"),
	      "print view has no justifications and no JavaScript");
	http_resp_free(&r);

	/* New version keeps the old one readable. */
	client_get(&c, page, &r);
	ver = field_value(r.body, "versie");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/plannen/%lld/nieuwe-versie", plan);
	snprintf(form, sizeof form, "versie=%s", ver ? ver : "");
	CHECK(post_status(&c, page, path, form) == 303, "a new version is made");
	CHECK(post_status(&c, page, path, form) == 409, "a second new version on the stale page is refused");
	free(ver);
	CHECK(count("SELECT count(*) FROM plan WHERE id = %lld AND version_no = 2 AND status = 'concept'", plan) == 1,
	      "the plan is version 2, a concept again");
	snprintf(path, sizeof path, "/plannen/%lld/versies/1", plan);
	client_get(&c, path, &r);
	CHECK(r.status == 200 && http_body_has(&r, "Ik wil weer aan het werk") && http_body_has(&r, "kan niet meer worden gewijzigd") &&
	      http_body_has(&r, "Steun aan Els de Vries (mantelzorger)"), "version 1 stays readable with the same look");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/plannen/%lld/versies/7", plan);
	client_get(&c, path, &r);
	CHECK(r.status == 404, "an unknown version is 404");
	http_resp_free(&r);

	/* Two editors on one goal. */
	snprintf(path, sizeof path, "/doelen/%lld/bewerken", g1);
	client_get(&c, path, &r);
	ver = field_value(r.body, "versie");
	http_resp_free(&r);
	snprintf(form, sizeof form, "leefgebied=werk_en_opleiding&wens=Eerste+editor&streefdatum=2099-06-01&status=bezig&versie=%s", ver ? ver : "");
	CHECK(post_status(&other, path, path, form) == 303, "the first editor saves");
	snprintf(form, sizeof form, "leefgebied=werk_en_opleiding&wens=Tweede+editor&streefdatum=2099-06-01&status=open&versie=%s", ver ? ver : "");
	post(&c, path, path, form, &r);
	CHECK(r.status == 409 && http_body_has(&r, "intussen gewijzigd door") && http_body_has(&r, "Tweede editor") &&
	      http_body_has(&r, "Intussen opgeslagen: Eerste editor"), "the second save is refused with what changed, input kept");
	http_resp_free(&r);
	free(ver);

	/* Audit. */
	CHECK(count("SELECT count(*) FROM audit WHERE huishouden_id = %lld AND action = 'plan.view'", hh) >= 2, "plan views audited");
	CHECK(count("SELECT count(*) FROM audit WHERE huishouden_id = %lld AND action IN ('plan.create', 'doel.create',"
	            " 'rolgesprek.create', 'afspraak.create', 'plan.vaststellen', 'plan.nieuwe_versie', 'doel.update', 'plan.print')", hh) >= 12,
	      "every change and the print view are audited with the household");

	/* Overdue agreements for the regisseur's start page (wired by the lead). */
	CHECK(ts_db_int(&S, "SELECT count(*) FROM afspraak WHERE done_on IS NULL AND due_date < date('now')") >= 1,
	      "an overdue agreement exists for the regisseur's start page");

	/* API. */
	struct http_resp j;
	client_get(&c, "/api/v1/sessie", &j);
	char *p = strstr(j.body, "\"csrf\":\"");
	char hdr[128] = "";
	if (p)
		snprintf(hdr, sizeof hdr, "X-CSRF-Token: %.43s\r\n", p + 8);
	http_resp_free(&j);
	snprintf(path, sizeof path, "/api/v1/huishoudens/%lld/plan", hh);
	client_request(&c, "GET", path, NULL, NULL, NULL, &j);
	CHECK(j.status == 200 && http_body_has(&j, "\"versie_nr\":2") && http_body_has(&j, "\"eerdere_versies\":[{"),
	      "API: GET plan");
	http_resp_free(&j);
	client_request(&c, "POST", path, "application/json", "{}", hdr, &j);
	CHECK(j.status == 409 && http_body_has(&j, "\"huidig\":{"), "API: a second plan is 409 with the current one");
	http_resp_free(&j);
	client_request(&c, "POST", path, "application/json", "{}", NULL, &j);
	CHECK(j.status == 403, "API: POST without CSRF is 403");
	http_resp_free(&j);
	snprintf(path, sizeof path, "/api/v1/plannen/%lld/doelen", plan);
	client_request(&c, "POST", path, "application/json", "{\"leefgebied\":\"onbekend\",\"wens\":\"x\",\"streefdatum\":\"2099-01-01\"}", hdr, &j);
	CHECK(j.status == 422 && http_body_has(&j, "\"leefgebied\""), "API: unknown domain is 422");
	http_resp_free(&j);
	client_request(&c, "POST", path, "application/json", "{\"leefgebied\":\"tijdsbesteding\",\"wens\":\"Wouter gaat weer naar school\",\"streefdatum\":\"2099-05-01\"}", hdr, &j);
	CHECK(j.status == 201 && http_body_has(&j, "\"status\":\"open\""), "API: POST doel");
	http_resp_free(&j);
	long long g4 = ts_db_int(&S, "SELECT max(id) FROM doel WHERE plan_id = %lld", plan);
	snprintf(path, sizeof path, "/api/v1/doelen/%lld", g4);
	client_request(&c, "GET", path, NULL, NULL, NULL, &j);
	CHECK(j.status == 200 && http_body_has(&j, "\"rolgesprek\":[]"), "API: GET doel");
	http_resp_free(&j);
	client_request(&c, "PUT", path, "application/json", "{\"leefgebied\":\"tijdsbesteding\",\"wens\":\"Wouter gaat elke dag\",\"streefdatum\":\"2099-05-01\",\"status\":\"bezig\",\"versie\":1}", hdr, &j);
	CHECK(j.status == 200 && http_body_has(&j, "\"versie\":2"), "API: PUT doel");
	http_resp_free(&j);
	client_request(&c, "PUT", path, "application/json", "{\"leefgebied\":\"tijdsbesteding\",\"wens\":\"Oud\",\"streefdatum\":\"2099-05-01\",\"status\":\"open\",\"versie\":1}", hdr, &j);
	CHECK(j.status == 409 && http_body_has(&j, "\"huidig\":{"), "API: stale PUT doel is 409");
	http_resp_free(&j);
	snprintf(path, sizeof path, "/api/v1/doelen/%lld/rolgesprek", g4);
	client_request(&c, "POST", path, "application/json", "{\"niveau\":\"gemeente\",\"bijdrage\":\"Leerplicht\"}", hdr, &j);
	CHECK(j.status == 422 && http_body_has(&j, "\"beoogd_effect\"") && http_body_has(&j, "\"onderbouwing\""),
	      "API: gemeente without effect and justification is 422");
	http_resp_free(&j);
	snprintf(form, sizeof form, "{\"niveau\":\"netwerk\",\"netwerklid\":%lld,\"bijdrage\":\"Oma belt elke ochtend\"}", riek);
	client_request(&c, "POST", path, "application/json", form, hdr, &j);
	CHECK(j.status == 201 && http_body_has(&j, "\"naam\":\"Oma Riek\""), "API: POST rolgesprek");
	http_resp_free(&j);
	client_request(&c, "GET", path, NULL, NULL, NULL, &j);
	CHECK(j.status == 200 && http_body_has(&j, "Oma belt"), "API: GET rolgesprek");
	http_resp_free(&j);
	long long rid = ts_db_int(&S, "SELECT max(id) FROM rolgesprek WHERE doel_id = %lld", g4);
	snprintf(path, sizeof path, "/api/v1/rolgesprek/%lld", rid);
	client_request(&c, "DELETE", path, NULL, NULL, hdr, &j);
	CHECK(j.status == 200 && http_body_has(&j, "\"rolgesprek\":[]"), "API: DELETE rolgesprek");
	http_resp_free(&j);
	client_request(&c, "DELETE", path, NULL, NULL, hdr, &j);
	CHECK(j.status == 404, "API: DELETE again is 404");
	http_resp_free(&j);
	long long cg4 = ts_db_int(&S, "SELECT id FROM rolgesprek WHERE doel_id = %lld AND level = 'gemeente'", g3);
	snprintf(path, sizeof path, "/api/v1/rolgesprek/%lld", cg4);
	client_request(&c, "PUT", path, "application/json", "{\"bijdrage\":\"Budgetbeheer 6 maanden\",\"versie\":1}", hdr, &j);
	CHECK(j.status == 200 && http_body_has(&j, "\"versie\":2") && http_body_has(&j, "Budgetbeheer 6 maanden") &&
	      http_body_has(&j, "\"beoogd_effect\":\"Geen nieuwe schulden\""),
	      "API: PUT rolgesprek changes what is given and keeps the rest");
	http_resp_free(&j);
	client_request(&c, "PUT", path, "application/json", "{\"bijdrage\":\"Oud\",\"versie\":1}", hdr, &j);
	CHECK(j.status == 409 && http_body_has(&j, "\"huidig\":{") && http_body_has(&j, "Budgetbeheer 6 maanden"),
	      "API: a stale PUT rolgesprek is 409 with the current contribution");
	http_resp_free(&j);
	client_request(&c, "PUT", path, "application/json", "{\"beoogd_effect\":\"\",\"versie\":2}", hdr, &j);
	CHECK(j.status == 422 && http_body_has(&j, "\"beoogd_effect\""), "API: a gemeente contribution keeps needing its effect");
	http_resp_free(&j);
	snprintf(path, sizeof path, "/api/v1/doelen/%lld/afspraken", g4);
	client_request(&c, "POST", path, "application/json", "{\"wie_soort\":\"aanbieder\",\"wie_id\":999,\"wat\":\"x\",\"uiterlijk\":\"2099-01-01\"}", hdr, &j);
	CHECK(j.status == 422 && http_body_has(&j, "\"wie_id\""), "API: unknown provider is 422");
	http_resp_free(&j);
	client_request(&c, "POST", path, "application/json", "{\"wie_soort\":\"aanbieder\",\"wie_id\":1,\"wat\":\"Intake plannen\",\"uiterlijk\":\"2099-01-01\"}", hdr, &j);
	CHECK(j.status == 201 && http_body_has(&j, "Zorgaanbieder De Linde"), "API: POST afspraak");
	http_resp_free(&j);
	long long aid = ts_db_int(&S, "SELECT max(id) FROM afspraak");
	snprintf(path, sizeof path, "/api/v1/afspraken/%lld", aid);
	client_request(&c, "PUT", path, "application/json", "{\"wat\":\"Intake plannen\",\"uiterlijk\":\"2099-01-01\",\"gedaan_op\":\"2025-01-02\",\"versie\":1}", hdr, &j);
	CHECK(j.status == 200 && http_body_has(&j, "\"gedaan_op\":\"2025-01-02\""), "API: PUT afspraak done");
	http_resp_free(&j);
	client_request(&c, "PUT", path, "application/json", "{\"wat\":\"x\",\"uiterlijk\":\"2099-01-01\",\"versie\":1}", hdr, &j);
	CHECK(j.status == 409, "API: stale PUT afspraak is 409");
	http_resp_free(&j);
	snprintf(path, sizeof path, "/api/v1/plannen/%lld/vaststellen", plan);
	client_request(&c, "POST", path, "application/json", "{\"akkoord_op\":\"2999-01-01\",\"akkoord_hoe\":\"per_duif\",\"versie\":1}", hdr, &j);
	CHECK(j.status == 422 && http_body_has(&j, "\"akkoord_hoe\"") && http_body_has(&j, "\"akkoord_op\""), "API: vaststellen 422");
	http_resp_free(&j);
	snprintf(path, sizeof path, "/api/v1/plannen/%lld/nieuwe-versie", plan);
	long long pv = ts_db_int(&S, "SELECT version FROM plan WHERE id = %lld", plan);
	snprintf(form, sizeof form, "{\"versie\":%lld}", pv);
	client_request(&c, "POST", path, "application/json", form, hdr, &j);
	CHECK(j.status == 409, "API: a new version of a concept is refused");
	http_resp_free(&j);
	snprintf(path, sizeof path, "/api/v1/plannen/%lld/vaststellen", plan);
	snprintf(form, sizeof form, "{\"akkoord_op\":\"2025-01-01\",\"akkoord_hoe\":\"digitaal\",\"versie\":%lld}", pv);
	client_request(&c, "POST", path, "application/json", form, hdr, &j);
	CHECK(j.status == 422 && http_body_has(&j, "\"akkoord_personen\":\"Leg vast wie er akkoord ging") &&
	      http_body_has(&j, "\"toch_vaststellen\":\"Niet elk doel") && http_body_has(&j, "Geen nieuwe schulden \\u2013 geen afspraak"),
	      "API: vaststellen needs who agreed and, with goals lacking something, toch_vaststellen");
	http_resp_free(&j);
	snprintf(form, sizeof form, "{\"akkoord_op\":\"2025-01-01\",\"akkoord_hoe\":\"digitaal\",\"akkoord_personen\":[999999],"
	                            "\"toch_vaststellen\":true,\"versie\":%lld}", pv);
	client_request(&c, "POST", path, "application/json", form, hdr, &j);
	CHECK(j.status == 422 && http_body_has(&j, "\"akkoord_personen\":\"Onbekende waarde"),
	      "API: someone outside the household cannot agree for it");
	http_resp_free(&j);
	snprintf(form, sizeof form, "{\"akkoord_op\":\"2025-01-01\",\"akkoord_hoe\":\"digitaal\",\"akkoord_personen\":[%lld],"
	                            "\"versie\":%lld}", els_p, pv);
	client_request(&c, "POST", path, "application/json", form, hdr, &j);
	CHECK(j.status == 422 && !http_body_has(&j, "\"akkoord_personen\"") && http_body_has(&j, "\"toch_vaststellen\""),
	      "API: without toch_vaststellen the gaps still refuse it");
	http_resp_free(&j);
	snprintf(form, sizeof form, "{\"akkoord_op\":\"2025-01-01\",\"akkoord_hoe\":\"digitaal\",\"akkoord_personen\":[%lld],"
	                            "\"toch_vaststellen\":true,\"versie\":%lld}", els_p, pv);
	client_request(&c, "POST", path, "application/json", form, hdr, &j);
	snprintf(want, sizeof want, "\"akkoord_door\":{\"personen\":[{\"persoon_id\":%lld,\"naam\":\"Els de Vries\"}],"
	                            "\"vertegenwoordiger\":null}", els_p);
	CHECK(j.status == 200 && http_body_has(&j, "\"status\":\"vastgesteld\"") && http_body_has(&j, want),
	      "API: vaststellen with the default date, Els agreed, in the plan's JSON");
	http_resp_free(&j);
	snprintf(path, sizeof path, "/api/v1/plannen/%lld/versies/1", plan);
	client_request(&c, "GET", path, NULL, NULL, NULL, &j);
	snprintf(want, sizeof want, "{\"persoon_id\":%lld,\"naam\":\"Els de Vries\"}", els_p);
	CHECK(j.status == 200 && http_body_has(&j, "\"vertegenwoordiger\":\"mr. A. Jansen, wettelijk vertegenwoordiger\"") &&
	      !http_body_has(&j, want), "API: version 1 keeps who agreed to it");
	http_resp_free(&j);
	snprintf(path, sizeof path, "/api/v1/plannen/%lld/vaststellen", plan);
	snprintf(path, sizeof path, "/api/v1/plannen/%lld/nieuwe-versie", plan);
	snprintf(form, sizeof form, "{\"versie\":%lld}", pv + 1);
	client_request(&c, "POST", path, "application/json", form, hdr, &j);
	CHECK(j.status == 200 && http_body_has(&j, "\"versie_nr\":3"), "API: nieuwe-versie");
	http_resp_free(&j);
	snprintf(path, sizeof path, "/api/v1/plannen/%lld/versies/2", plan);
	client_request(&c, "GET", path, NULL, NULL, NULL, &j);
	CHECK(j.status == 200 && http_body_has(&j, "\"plan\":{") && http_body_has(&j, "Wouter"), "API: GET version");
	http_resp_free(&j);
	snprintf(path, sizeof path, "/api/v1/plannen/%lld/versies/9", plan);
	client_request(&c, "GET", path, NULL, NULL, NULL, &j);
	CHECK(j.status == 404, "API: unknown version is 404");
	http_resp_free(&j);

	CHECK(ts_stop(&S) == 0, "server stops cleanly");
	char cmd[512];
	snprintf(cmd, sizeof cmd, "build/san/loket audit-verify --db %s > /dev/null", S.db);
	CHECK(system(cmd) == 0, "audit chain verifies");
	T_EXIT();
}
