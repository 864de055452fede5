/* test_voorziening_doel.c - goals and voorzieningen (issue 16 item 1)
 * against the real server: a voorziening serves one or more goals of the
 * household's plan (voorziening_doel) and may name the network member it
 * supports.  Respijtzorg for Els serving two goals appears under both on
 * the plan page and names her mantelzorger; a goal or a network member of
 * another household is refused at the field with nothing written; maatwerk
 * without a goal is refused while the plan has goals; the API takes
 * doel_ids, the older doel_id, and netwerklid_id. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "http_client.h"
#include "testutil.h"

static struct test_server S;
static char today[11], end_date[11], csrf_hdr[160];

#define db_int(...) ts_db_int(&S, __VA_ARGS__)

static int post(struct client *c, const char *page, const char *form, struct http_resp *out)
{
	return client_post_with_csrf(c, page, page, form, out) == 0 ? out->status : -1;
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

static long long location_id(const struct http_resp *r, const char *prefix)
{
	char loc[256];
	if (!http_header(r, "Location", loc, sizeof loc) || strncmp(loc, prefix, strlen(prefix)) != 0)
		return -1;
	return atoll(loc + strlen(prefix));
}

/* How often needle occurs in the body. */
static int count_in(const struct http_resp *r, const char *needle)
{
	int n = 0;
	for (const char *p = r->body; p && (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

/* A household with a regisseur, one person, a mantelzorger and a plan with
 * two goals (written directly: other modules own those tables).  Returns
 * the household's id; *g1, *g2 the goals, *person, *member. */
static long long household(long long regisseur, const char *street, long long *g1, long long *g2, long long *person,
                           long long *member)
{
	ts_db_exec(&S,
	           "INSERT INTO huishouden(street, house_number, postcode, city, opened_at, regisseur_id) VALUES"
	           " ('%s', 5, '3861 AB', 'Nijkerk', strftime('%%s','now'), %lld);"
	           "INSERT INTO persoon(huishouden_id, first_name, last_name, birth_date, role) VALUES"
	           " (last_insert_rowid(), 'Els', 'de Vries', '1975-06-14', 'partner');"
	           "INSERT INTO netwerklid(huishouden_id, name, relation, circle) SELECT max(id), 'Riek %s',"
	           " 'mantelzorger', 'nabije_omgeving' FROM huishouden;"
	           "INSERT INTO plan(huishouden_id, created_by, created_at) SELECT max(id), %lld, strftime('%%s','now')"
	           " FROM huishouden;"
	           "INSERT INTO doel(plan_id, domain, wish, target_date, created_by, created_at) SELECT max(id),"
	           " 'huiselijke_relaties', 'Els wil de zorg voor oma volhouden zonder op te branden', '%s', %lld,"
	           " strftime('%%s','now') FROM plan;"
	           "INSERT INTO doel(plan_id, domain, wish, target_date, created_by, created_at) SELECT max(id),"
	           " 'geestelijke_gezondheid', 'Els slaapt weer door en heeft rust in haar hoofd', '%s', %lld,"
	           " strftime('%%s','now') FROM plan;",
	           street, regisseur, street, regisseur, end_date, regisseur, end_date, regisseur);
	*g2 = db_int("SELECT max(id) FROM doel");
	*g1 = *g2 - 1;
	*person = db_int("SELECT max(id) FROM persoon");
	*member = db_int("SELECT max(id) FROM netwerklid");
	return db_int("SELECT max(id) FROM huishouden");
}

int main(void)
{
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(today, sizeof today, "%Y-%m-%d", &tm);
	snprintf(end_date, sizeof end_date, "%d-06-30", tm.tm_year + 1900 + 1);
	if (ts_start(&S, (const char *const[]){"--cookie-insecure", NULL}) != 0) {
		T_FAIL("server start", "see %s", S.log);
		T_EXIT();
	}
	struct client cons;
	client_init(&cons, S.port);
	CHECK(client_login(&cons, S.users[U_CONSULENT].username, S.users[U_CONSULENT].password) == 303, "consulent signs in");
	long long me = db_int("SELECT id FROM medewerker WHERE username = '%s'", S.users[U_CONSULENT].username);
	long long g1, g2, els, riek, x1, x2, xp, xriek;
	long long hh = household(me, "Kerkstraat", &g1, &g2, &els, &riek);
	long long other = household(me, "Dorpsstraat", &x1, &x2, &xp, &xriek);
	long long aanbieder = db_int("SELECT id FROM aanbieder WHERE name = 'Thuiszorg Gelderse Vallei'");
	CHECK(hh > 0 && other > hh && aanbieder > 0, "two households with a plan of two goals and a mantelzorger");

	char page[128], form[1024];
	struct http_resp r;
	snprintf(page, sizeof page, "/huishoudens/%lld/voorzieningen/nieuw", hh);
	char box1[64], box2[64], xbox[64], opt[64], xopt[64];
	snprintf(box1, sizeof box1, "name=\"doel_%lld\"", g1);
	snprintf(box2, sizeof box2, "name=\"doel_%lld\"", g2);
	snprintf(xbox, sizeof xbox, "name=\"doel_%lld\"", x1);
	snprintf(opt, sizeof opt, "<option value=\"%lld\">Riek Kerkstraat (mantelzorger)", riek);
	snprintf(xopt, sizeof xopt, "<option value=\"%lld\">Riek Dorpsstraat", xriek);
	CHECK(get(&cons, page, &r) == 200 && http_body_has(&r, "Voor welke doelen?") && http_body_has(&r, box1) &&
	      http_body_has(&r, box2) && !http_body_has(&r, xbox) && http_body_has(&r, opt) && !http_body_has(&r, xopt),
	      "the form lists this plan's goals as checkboxes and this household's network, nothing of another");
	http_resp_free(&r);

#define RESPIJT "soort=maatwerk&persoon=%lld&wettelijke_grondslag=wmo2015&aanbieder=%lld&product=02-02MZO" \
	"&volume=2&eenheid=dagdeel&frequentie=per_week&ingangsdatum=%s&einddatum=%s&kosten=1200"
	long long before = db_int("SELECT count(*) FROM voorziening");
	snprintf(form, sizeof form, RESPIJT "&netwerklid=%lld", els, aanbieder, today, end_date, riek);
	CHECK(post(&cons, page, form, &r) == 422 && http_body_has(&r, "id=\"doel-fout\"") &&
	      http_body_has(&r, "Voor welke doelen: kies minstens één doel uit het plan") &&
	      http_body_has(&r, "value=\"1200\""), "maatwerk without a goal is refused at the field, named in the summary, input kept");
	http_resp_free(&r);
	snprintf(form, sizeof form, RESPIJT "&doel_%lld=1&doel_%lld=1", els, aanbieder, today, end_date, g1, x1);
	CHECK(post(&cons, page, form, &r) == 422 && http_body_has(&r, "Kies alleen doelen uit het plan van dit huishouden.") &&
	      http_body_has(&r, "href=\"#doel\""), "a goal of another household's plan is refused");
	http_resp_free(&r);
	snprintf(form, sizeof form, RESPIJT "&doel_%lld=1&netwerklid=%lld", els, aanbieder, today, end_date, g1, xriek);
	CHECK(post(&cons, page, form, &r) == 422 && http_body_has(&r, "Kies iemand uit het netwerk van dit huishouden.") &&
	      http_body_has(&r, "Ondersteunt netwerklid: kies iemand"), "a network member of another household is refused");
	http_resp_free(&r);
	ts_db_exec(&S, "INSERT INTO netwerklid(huishouden_id, name, relation, circle, active) VALUES (%lld, 'Oud Buur',"
	           " 'buren', 'informeel_netwerk', 0)", hh);
	long long gone = db_int("SELECT max(id) FROM netwerklid");
	snprintf(form, sizeof form, RESPIJT "&doel_%lld=1&netwerklid=%lld", els, aanbieder, today, end_date, g1, gone);
	CHECK(post(&cons, page, form, &r) == 422 && http_body_has(&r, "Kies iemand uit het netwerk van dit huishouden.") &&
	      !http_body_has(&r, "Oud Buur"), "a network member no longer active is neither offered nor taken");
	http_resp_free(&r);
	snprintf(form, sizeof form, RESPIJT "&doel_x=1", els, aanbieder, today, end_date);
	CHECK(post(&cons, page, form, &r) == 422 && http_body_has(&r, "Kies alleen doelen uit het plan"),
	      "a malformed goal checkbox is refused");
	http_resp_free(&r);
	CHECK(db_int("SELECT count(*) FROM voorziening") == before && db_int("SELECT count(*) FROM voorziening_doel") == 0,
	      "nothing written by the refused saves");

	snprintf(form, sizeof form, RESPIJT "&doel_%lld=1&doel_%lld=1&netwerklid=%lld", els, aanbieder, today, end_date,
	         g1, g2, riek);
	CHECK(post(&cons, page, form, &r) == 303, "respijtzorg serving two goals and supporting the mantelzorger is saved");
	long long v = location_id(&r, "/voorzieningen/");
	http_resp_free(&r);
	CHECK(db_int("SELECT count(*) FROM voorziening_doel WHERE voorziening_id = %lld AND doel_id IN (%lld, %lld)", v, g1,
	             g2) == 2 && db_int("SELECT netwerklid_id FROM voorziening WHERE id = %lld", v) == riek &&
	      db_int("SELECT count(*) FROM voorziening WHERE doel_id IS NOT NULL") == 0,
	      "both goals in voorziening_doel, the netwerklid on the voorziening, the old column empty");

	char path[128], link[96];
	snprintf(path, sizeof path, "/huishoudens/%lld/plan", hh);
	snprintf(link, sizeof link, "href=\"/voorzieningen/%lld\"", v);
	CHECK(get(&cons, path, &r) == 200 && count_in(&r, link) == 2 && count_in(&r, "Voorzieningen bij dit doel") == 2,
	      "the plan page shows the voorziening under both goals");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/voorzieningen/%lld", v);
	CHECK(get(&cons, path, &r) == 200 && http_body_has(&r, "Els wil de zorg voor oma") &&
	      http_body_has(&r, "Els slaapt weer door") && http_body_has(&r, "Riek Kerkstraat (mantelzorger)"),
	      "the voorziening page names its goals and the netwerklid it supports");
	http_resp_free(&r);

	/* Edit: down to one goal, keeping the rest. */
	snprintf(page, sizeof page, "/voorzieningen/%lld/bewerken", v);
	char checked[96];
	snprintf(checked, sizeof checked, "name=\"doel_%lld\" value=\"1\" checked", g2);
	CHECK(get(&cons, page, &r) == 200 && http_body_has(&r, checked), "the edit form ticks the goals it serves");
	http_resp_free(&r);
	snprintf(form, sizeof form, RESPIJT "&doel_%lld=1&versie=1", els, aanbieder, today, end_date, g2);
	CHECK(post(&cons, page, form, &r) == 303, "an edit to one goal is saved");
	http_resp_free(&r);
	CHECK(db_int("SELECT count(*) FROM voorziening_doel WHERE voorziening_id = %lld", v) == 1 &&
	      db_int("SELECT doel_id FROM voorziening_doel WHERE voorziening_id = %lld", v) == g2 &&
	      db_int("SELECT netwerklid_id IS NULL FROM voorziening WHERE id = %lld", v) == 1,
	      "the edit replaced the goals and cleared the netwerklid left empty");

	/* API. */
	set_api_csrf(&cons);
	char body[1024];
	snprintf(path, sizeof path, "/api/v1/huishoudens/%lld/voorzieningen", hh);
#define JSON_RESPIJT "{\"soort\":\"maatwerk\",\"wettelijke_grondslag\":\"wmo2015\",\"aanbieder\":%lld," \
	"\"product\":\"02-02MZO\",\"volume\":2,\"eenheid\":\"dagdeel\",\"frequentie\":\"per_week\"," \
	"\"ingangsdatum\":\"%s\",\"einddatum\":\"%s\",\"kosten\":\"50\"%s}"
	char extra[128];
	snprintf(extra, sizeof extra, ",\"doel_ids\":[%lld,%lld],\"netwerklid_id\":%lld", g1, g2, riek);
	snprintf(body, sizeof body, JSON_RESPIJT, aanbieder, today, end_date, extra);
	char want[64];
	snprintf(want, sizeof want, "\"doel_ids\":[%lld,%lld]", g1, g2);
	CHECK(api(&cons, "POST", path, body, &r) == 201 && http_body_has(&r, want) &&
	      http_body_has(&r, "\"netwerklid\":\"Riek Kerkstraat\""), "API: doel_ids and netwerklid_id are taken and returned");
	long long va = location_id(&r, "/api/v1/voorzieningen/");
	http_resp_free(&r);
	CHECK(db_int("SELECT count(*) FROM voorziening_doel WHERE voorziening_id = %lld", va) == 2, "API: two links stored");
	snprintf(extra, sizeof extra, ",\"doel_id\":%lld", g1);
	snprintf(body, sizeof body, JSON_RESPIJT, aanbieder, today, end_date, extra);
	CHECK(api(&cons, "POST", path, body, &r) == 201, "API: the older doel_id still works");
	long long vb = location_id(&r, "/api/v1/voorzieningen/");
	http_resp_free(&r);
	CHECK(db_int("SELECT doel_id FROM voorziening_doel WHERE voorziening_id = %lld", vb) == g1,
	      "API: doel_id is a list of one");
	before = db_int("SELECT count(*) FROM voorziening");
	snprintf(extra, sizeof extra, ",\"doel_ids\":[%lld,%lld]", g1, x2);
	snprintf(body, sizeof body, JSON_RESPIJT, aanbieder, today, end_date, extra);
	CHECK(api(&cons, "POST", path, body, &r) == 422 && http_body_has(&r, "\"doel\":\"Kies alleen doelen"),
	      "API: a goal of another household is 422");
	http_resp_free(&r);
	snprintf(extra, sizeof extra, ",\"doel_ids\":[%lld],\"netwerklid_id\":%lld", g1, xriek);
	snprintf(body, sizeof body, JSON_RESPIJT, aanbieder, today, end_date, extra);
	CHECK(api(&cons, "POST", path, body, &r) == 422 && http_body_has(&r, "\"netwerklid\":\"Kies iemand uit het netwerk"),
	      "API: a network member of another household is 422");
	http_resp_free(&r);
	snprintf(body, sizeof body, JSON_RESPIJT, aanbieder, today, end_date, ",\"doel_ids\":\"1\"");
	CHECK(api(&cons, "POST", path, body, &r) == 422 && http_body_has(&r, "\"doel\":"), "API: doel_ids not a list is 422");
	http_resp_free(&r);
	CHECK(db_int("SELECT count(*) FROM voorziening") == before, "API: nothing written by the refused calls");

	CHECK(ts_stop(&S) == 0, "server stops cleanly");
	char cmd[512];
	snprintf(cmd, sizeof cmd, "build/san/loket audit-verify --db %s > /dev/null", S.db);
	CHECK(system(cmd) == 0, "audit chain verifies");
	T_EXIT();
}
