/* test_privacy.c - the privacy officer against the real server: the audit
 * search by person, household, employee and period (oldest first, paged,
 * validated at the field), the person lookup, the chain check on the page,
 * the inzageverzoek export (the person's data and its audit trail, nothing
 * of other households), retention periods, the list of households past
 * them and the purge: every row gone (a foreign-key sweep over all
 * tables), the figures kept in statistiek_archief, an audit row without
 * contents and a chain that still verifies.  Only the privacy officer may
 * do any of it. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "http_client.h"
#include "testutil.h"

static struct test_server S;
static struct agent priv, cons, gebied;
static long long hh1, hh2, hh3, hh4, hh5, p1, cons_id, priv_id;

#define db_int(...) ts_db_int(&S, __VA_ARGS__)

static void day(int offset, char out[11])
{
	time_t t = time(NULL) + (time_t)offset * 86400;
	strftime(out, 11, "%Y-%m-%d", localtime(&t));
}

/* The audit row ids of a result table, in page order. */
static int row_ids(const char *body, long long *ids, int max)
{
	static const char needle[] = "<tr class=\"utrecht-table__row\">\n      <td class=\"utrecht-table__cell\">";
	int n = 0;
	for (const char *p = body ? strstr(body, needle) : NULL; p && n < max; p = strstr(p, needle)) {
		p += strlen(needle);
		ids[n++] = atoll(p);
	}
	return n;
}

static bool ascending(const long long *ids, int n)
{
	for (int i = 1; i < n; i++)
		if (ids[i] <= ids[i - 1])
			return false;
	return true;
}

static int get(struct agent *a, const char *path, struct http_resp *r)
{
	return agent_get(a, path, r);
}

static void setup(void)
{
	hh1 = db_int("SELECT min(id) FROM huishouden");
	hh2 = db_int("SELECT min(id) FROM huishouden WHERE id > %lld", hh1);
	hh3 = db_int("SELECT min(id) FROM huishouden WHERE id > %lld", hh2);
	hh4 = db_int("SELECT min(id) FROM huishouden WHERE id > %lld", hh3);
	hh5 = db_int("SELECT min(id) FROM huishouden WHERE id > %lld", hh4);
	p1 = db_int("SELECT id FROM persoon WHERE bsn = '725763863'");
	cons_id = db_int("SELECT id FROM medewerker WHERE username = 'consulent'");
	priv_id = db_int("SELECT id FROM medewerker WHERE username = 'privacy'");
	CHECK(hh5 > 0 && p1 > 0 && db_int("SELECT huishouden_id FROM persoon WHERE id = %lld", p1) == hh1,
	      "setup: demo households and Grietje de Vries-Bos in the first");
	CHECK(ts_db_exec(&S, "UPDATE huishouden SET regisseur_id = %lld WHERE id IN (%lld, %lld)", cons_id, hh1, hh2) == 0,
	      "setup: the consulent is regisseur of two households");
	CHECK(agent_sign_in(&priv, &S, U_PRIVACY) && agent_sign_in(&cons, &S, U_CONSULENT) &&
	      agent_sign_in(&gebied, &S, U_GEBIEDSTEAM), "setup: privacy officer, consulent and gebiedsteam sign in");

	/* Views and changes by named employees. */
	struct http_resp r;
	char path[128], today[11], body[256];
	day(0, today);
	snprintf(path, sizeof path, "/huishoudens/%lld", hh1);
	CHECK(get(&cons, path, &r) == 200, "setup: the consulent opens household 1");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/huishoudens/%lld/journaal", hh1);
	snprintf(body, sizeof body, "{\"soort\": \"telefoon\", \"datum\": \"%s\", \"tekst\": \"ZICHTBAAR-HH1 gebeld.\"}", today);
	CHECK(agent_api(&cons, "POST", path, body, &r, NULL) == 201, "setup: a journal entry in household 1");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/huishoudens/%lld/journaal", hh2);
	snprintf(body, sizeof body, "{\"soort\": \"telefoon\", \"datum\": \"%s\", \"tekst\": \"GEHEIM-HH2 gebeld.\"}", today);
	CHECK(agent_api(&cons, "POST", path, body, &r, NULL) == 201, "setup: a journal entry in household 2");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/huishoudens/%lld/toegang", hh1);
	CHECK(agent_post(&gebied, path, "reden=Buurvrouw+meldt+zorgen+bij+de+voedselbank", &r) == 303,
	      "setup: the gebiedsteam member opens household 1 by exception");
	http_resp_free(&r);
	/* A walk-in and a signal linked to household 1. */
	CHECK(ts_db_exec(&S, "INSERT INTO locatie(id, name, kind, gebied_id) VALUES (900, 'Voedselbank', 'voedselbank',"
	                     " (SELECT min(id) FROM gebied));"
	                     "INSERT INTO spreekuur(id, locatie_id, weekday, start_time, end_time, valid_from, created_by,"
	                     " created_at) VALUES (900, 900, 2, '10:00', '12:00', '2026-01-01', %lld, 0);"
	                     "INSERT INTO bezoek(id, spreekuur_id, visit_date, visitor_name, question, consent_follow_up,"
	                     " huishouden_id, created_by, created_at) VALUES (900, 900, '2026-01-06', 'Grietje',"
	                     " 'BEZOEK-HH1 schulden', 1, %lld, %lld, 0);"
	                     "INSERT INTO signaal(source_kind, source_name, about, concern, safety_concern, huishouden_id,"
	                     " bezoek_id, received_at, created_by) VALUES ('buren', 'MELDER-NAAM', 'de buren',"
	                     " 'SIGNAAL-HH1 kinderen hongerig', 0, NULL, 900, 0, %lld)",
	                     cons_id, hh1, cons_id, cons_id) == 0,
	      "setup: a walk-in and a signal about household 1");
}

static void audit_search(void)
{
	struct http_resp r;
	char path[256], today[11], tomorrow[11], yesterday[11];
	long long ids[64];
	day(0, today);
	day(1, tomorrow);
	day(-1, yesterday);

	/* By employee: the consulent's rows only, oldest first. */
	snprintf(path, sizeof path, "/audit?medewerker=%lld", cons_id);
	CHECK(get(&priv, path, &r) == 200 && http_body_has(&r, "Huishouden bekeken") &&
	      http_body_has(&r, "Journaalregel toegevoegd") && !http_body_has(&r, "Auditlog doorzocht"),
	      "search by employee: the consulent's views and changes, not the privacy officer's");
	int n = row_ids(r.body, ids, 64);
	CHECK(n >= 3 && ascending(ids, n), "search by employee: oldest first (%d rows)", n);
	bool all_cons = n > 0;
	for (int i = 0; i < n; i++)
		all_cons &= db_int("SELECT medewerker_id FROM audit WHERE id = %lld", ids[i]) == cons_id;
	CHECK(all_cons, "search by employee: every row is the consulent's");
	CHECK(http_body_has(&r, "<option value=\"") && http_body_has(&r, " selected>Sanne de Boer"),
	      "search by employee: the select keeps the choice");
	http_resp_free(&r);

	/* By household: also the exception with its reason. */
	snprintf(path, sizeof path, "/audit?huishouden=%lld", hh1);
	CHECK(get(&priv, path, &r) == 200 && http_body_has(&r, "Toegang bij uitzondering") &&
	      http_body_has(&r, "Buurvrouw meldt zorgen"), "search by household: the access by exception with its reason");
	n = row_ids(r.body, ids, 64);
	bool all_hh = n > 0;
	for (int i = 0; i < n; i++)
		all_hh &= db_int("SELECT huishouden_id FROM audit WHERE id = %lld", ids[i]) == hh1;
	CHECK(all_hh && ascending(ids, n), "search by household: only its rows, oldest first (%d)", n);
	http_resp_free(&r);

	/* Combined: employee and household. */
	snprintf(path, sizeof path, "/audit?huishouden=%lld&medewerker=%lld", hh2, cons_id);
	CHECK(get(&priv, path, &r) == 200, "search by household and employee");
	n = row_ids(r.body, ids, 64);
	bool both = n > 0;
	for (int i = 0; i < n; i++)
		both &= db_int("SELECT count(*) FROM audit WHERE id = %lld AND huishouden_id = %lld AND medewerker_id = %lld",
		               ids[i], hh2, cons_id) == 1;
	CHECK(both, "search by household and employee: rows match both (%d)", n);
	http_resp_free(&r);

	/* By person: rows about the person plus their household's. */
	snprintf(path, sizeof path, "/audit?persoon=%lld", p1);
	CHECK(get(&priv, path, &r) == 200 && http_body_has(&r, "Alleen over Grietje de Vries-Bos") &&
	      http_body_has(&r, "Huishouden bekeken"), "search by person: named, with the household's rows");
	n = row_ids(r.body, ids, 64);
	bool about = n > 0;
	for (int i = 0; i < n; i++)
		about &= db_int("SELECT count(*) FROM audit WHERE id = %lld AND (huishouden_id = %lld OR"
		                " (object_type = 'persoon' AND object_id = %lld))", ids[i], hh1, p1) == 1;
	CHECK(about && ascending(ids, n), "search by person: only rows about them, oldest first (%d)", n);
	http_resp_free(&r);

	/* By period. */
	snprintf(path, sizeof path, "/audit?huishouden=%lld&van=%s", hh1, tomorrow);
	CHECK(get(&priv, path, &r) == 200 && row_ids(r.body, ids, 64) == 0 && http_body_has(&r, "Geen regels gevonden"),
	      "search by period: nothing from tomorrow");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/audit?huishouden=%lld&tot=%s", hh1, yesterday);
	CHECK(get(&priv, path, &r) == 200 && row_ids(r.body, ids, 64) == 0, "search by period: nothing until yesterday");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/audit?van=%s&tot=%s", today, today);
	CHECK(get(&priv, path, &r) == 200 && (n = row_ids(r.body, ids, 64)) > 0 && ascending(ids, n) &&
	      db_int("SELECT min(id) FROM audit") == ids[0], "search by period: today from the first row on");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/audit?persoon=%lld&medewerker=%lld&van=%s&tot=%s", p1, cons_id, today, today);
	CHECK(get(&priv, path, &r) == 200 && row_ids(r.body, ids, 64) > 0 && !http_body_has(&r, "Toegang bij uitzondering"),
	      "search by person, employee and period together");
	http_resp_free(&r);

	/* Paging keeps the filters. */
	snprintf(path, sizeof path, "/huishoudens/%lld", hh1);
	for (int i = 0; i < 52; i++) {
		get(&cons, path, &r);
		http_resp_free(&r);
	}
	snprintf(path, sizeof path, "/audit?huishouden=%lld", hh1);
	CHECK(get(&priv, path, &r) == 200 && row_ids(r.body, ids, 64) == 50, "paging: 50 rows on a page");
	long long last_first_page = ids[49];
	char link[128];
	snprintf(link, sizeof link, "/audit?pagina=2&amp;huishouden=%lld\"", hh1);
	CHECK(http_body_has(&r, link), "paging: the next link keeps the filter");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/audit?pagina=2&huishouden=%lld", hh1);
	CHECK(get(&priv, path, &r) == 200 && row_ids(r.body, ids, 64) > 0 && ids[0] > last_first_page,
	      "paging: page 2 goes on where page 1 ended");
	http_resp_free(&r);

	/* Validation at the field, input kept. */
	CHECK(get(&priv, "/audit?huishouden=abc", &r) == 422 && http_body_has(&r, "Kies een geldige waarde.") &&
	      http_body_has(&r, "value=\"abc\""), "validation: a household number that is not a number");
	http_resp_free(&r);
	CHECK(get(&priv, "/audit?persoon=999999", &r) == 422 && http_body_has(&r, "Deze persoon bestaat niet"),
	      "validation: an unknown person");
	http_resp_free(&r);
	CHECK(get(&priv, "/audit?medewerker=999999", &r) == 422 && http_body_has(&r, "Kies een medewerker uit de lijst."),
	      "validation: an unknown employee");
	http_resp_free(&r);
	CHECK(get(&priv, "/audit?van=31-02-2026", &r) == 422 && http_body_has(&r, "Vul een bestaande datum in") &&
	      http_body_has(&r, "value=\"31-02-2026\""), "validation: a date that does not exist, kept");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/audit?van=%s&tot=%s", today, yesterday);
	CHECK(get(&priv, path, &r) == 422 && http_body_has(&r, "De einddatum ligt voor de begindatum."),
	      "validation: a period that ends before it starts");
	http_resp_free(&r);
	CHECK(get(&priv, "/audit?huishouden=1&huishouden=2", &r) == 400, "validation: a filter given twice is refused");
	http_resp_free(&r);
	CHECK(db_int("SELECT count(*) FROM audit WHERE action = 'audit.zoeken' AND medewerker_id = %lld", priv_id) >= 8,
	      "every search is audited");

	/* Finding the person. */
	long long before = db_int("SELECT count(*) FROM audit WHERE action = 'audit.persoon_zoeken'");
	CHECK(get(&priv, "/audit/personen", &r) == 200 && !http_body_has(&r, "utrecht-form-field--invalid"),
	      "lookup: the empty form");
	http_resp_free(&r);
	snprintf(link, sizeof link, "/audit?persoon=%lld\"", p1);
	CHECK(get(&priv, "/audit/personen?zoek=vries-b", &r) == 200 && http_body_has(&r, "Grietje de Vries-Bos") &&
	      http_body_has(&r, "09-05-1943") && http_body_has(&r, link) && !http_body_has(&r, "Vetkampstraat"),
	      "lookup by name: name, date of birth and household, no address");
	http_resp_free(&r);
	CHECK(get(&priv, "/audit/personen?zoek=09-05-1943", &r) == 200 && http_body_has(&r, "Grietje de Vries-Bos"),
	      "lookup by date of birth");
	http_resp_free(&r);
	CHECK(db_int("SELECT count(*) FROM audit WHERE action = 'audit.persoon_zoeken'") == before + 2,
	      "lookup: audited as a view");
	CHECK(get(&priv, "/audit/personen?zoek=x1", &r) == 422 && http_body_has(&r, "Typ een naam of een geboortedatum"),
	      "lookup: digits that are no date");
	http_resp_free(&r);
	CHECK(get(&priv, "/audit/personen?zoek=", &r) == 422 && http_body_has(&r, "verplicht"), "lookup: empty");
	http_resp_free(&r);
	CHECK(get(&priv, "/audit/personen?zoek=zzzqqq", &r) == 200 && http_body_has(&r, "Niemand gevonden"),
	      "lookup: nobody");
	http_resp_free(&r);
	CHECK(get(&priv, "/audit?controle=1", &r) == 200 && http_body_has(&r, "De keten is in orde"),
	      "chain check on the page: in order");
	http_resp_free(&r);
}

static json_t *find_by(json_t *list, const char *key, const char *value)
{
	size_t i;
	json_t *o;
	json_array_foreach(list, i, o) {
		const char *v = json_string_value(json_object_get(o, key));
		if (v && strstr(v, value))
			return o;
	}
	return NULL;
}

static void inzage(void)
{
	struct http_resp r;
	char path[128], hdr[256];
	snprintf(path, sizeof path, "/privacy/personen/%lld/inzage", p1);
	CHECK(get(&priv, path, &r) == 200 && http_header(&r, "Content-Disposition", hdr, sizeof hdr) &&
	      strstr(hdr, "attachment") && strstr(hdr, ".json"), "inzage: a JSON download");
	json_t *j = json_loads(r.body ? r.body : "", 0, NULL);
	CHECK(j != NULL, "inzage: parses as JSON");
	json_t *p = json_object_get(j, "persoon");
	CHECK_STR(json_string_value(json_object_get(p, "bsn")), "725763863", "inzage: the person's own BSN");
	CHECK_STR(json_string_value(json_object_get(p, "achternaam")), "Vries-Bos", "inzage: the person record");
	CHECK_INT(json_integer_value(json_object_get(json_object_get(j, "huishouden"), "id")), hh1, "inzage: the household");
	CHECK_STR(json_string_value(json_object_get(json_object_get(j, "huishouden"), "straat")), "Vetkampstraat",
	          "inzage: the address");
	CHECK(find_by(json_object_get(j, "leden"), "voornaam", "Hendrik"), "inzage: members' names");
	CHECK(json_array_size(json_object_get(j, "aanmeldingen")) >= 1 && json_array_size(json_object_get(j, "netwerk")) >= 1,
	      "inzage: aanmeldingen and network");
	CHECK(find_by(json_object_get(j, "journaal"), "tekst", "ZICHTBAAR-HH1"), "inzage: the journal");
	CHECK(find_by(json_object_get(j, "bezoeken"), "vraag", "BEZOEK-HH1") &&
	      find_by(json_object_get(j, "signalen"), "zorg", "SIGNAAL-HH1"), "inzage: walk-ins and signals");
	CHECK(!strstr(r.body, "MELDER-NAAM"), "inzage: not the name of whoever reported the signal");
	CHECK(!strstr(r.body, "GEHEIM-HH2") && !strstr(r.body, "Hendriks"), "inzage: nothing of another household");
	json_t *audit = json_object_get(j, "audit");
	json_t *view = NULL, *change = NULL, *exc = NULL, *self = NULL;
	size_t i;
	json_t *o;
	json_array_foreach(audit, i, o) {
		const char *act = json_string_value(json_object_get(o, "handeling"));
		const char *who = json_string_value(json_object_get(o, "medewerker"));
		if (!act || !who)
			continue;
		if (!view && strcmp(act, "huishouden.view") == 0 && strcmp(who, "Sanne de Boer") == 0)
			view = o;
		if (!change && strcmp(act, "journaal.create") == 0)
			change = o;
		if (!exc && strcmp(act, "huishouden.toegang_uitzondering") == 0)
			exc = o;
		if (strcmp(act, "inzage.export") == 0)
			self = o;
	}
	CHECK(view && strcmp(json_string_value(json_object_get(view, "omschrijving")), "Huishouden bekeken") == 0 &&
	      json_string_value(json_object_get(view, "op")), "inzage: a view by a named employee, with label and time");
	CHECK(change != NULL, "inzage: a change in the trail");
	CHECK(exc && strstr(json_string_value(json_object_get(exc, "reden")), "Buurvrouw"),
	      "inzage: the access by exception with its reason");
	CHECK(self != NULL, "inzage: the export lists itself");
	json_decref(j);
	http_resp_free(&r);
	CHECK(db_int("SELECT count(*) FROM audit WHERE action = 'inzage.export' AND object_id = %lld AND huishouden_id = %lld",
	             p1, hh1) == 1, "inzage: audited");

	/* The API. */
	snprintf(path, sizeof path, "/api/v1/personen/%lld/inzage", p1);
	CHECK(agent_api(&priv, "GET", path, NULL, &r, &j) == 200 && j &&
	      json_integer_value(json_object_get(json_object_get(j, "inzageverzoek"), "persoon_id")) == p1,
	      "API inzage: 200 with the export");
	json_decref(j);
	http_resp_free(&r);
	CHECK(agent_api(&priv, "GET", "/api/v1/personen/999999/inzage", NULL, &r, &j) == 404 && j &&
	      strcmp(json_string_value(json_object_get(json_object_get(j, "error"), "code")), "not_found") == 0,
	      "API inzage: 404 not_found for an unknown person");
	json_decref(j);
	http_resp_free(&r);
	CHECK(agent_api(&cons, "GET", path, NULL, &r, NULL) == 403, "API inzage: 403 for a consulent");
	http_resp_free(&r);
	struct client anon;
	client_init(&anon, S.port);
	CHECK(client_get(&anon, path, &r) == 0 && r.status == 401, "API inzage: 401 without a session");
	http_resp_free(&r);
	CHECK(get(&priv, "/privacy/personen/999999/inzage", &r) == 404, "inzage: 404 for an unknown person");
	http_resp_free(&r);
}

static void termijnen(void)
{
	struct http_resp r;
	CHECK(get(&priv, "/privacy/bewaartermijnen", &r) == 200 && http_body_has(&r, "name=\"jaren_jeugdwet\"") &&
	      http_body_has(&r, "value=\"20\"") && http_body_has(&r, "<legend"), "periods: the form with the defaults");
	http_resp_free(&r);
	static const char base[] = "oud_wmo2015=15&oud_jeugdwet=20&oud_participatiewet=10&oud_overig=10&oud_geen=2"
	                           "&jaren_wmo2015=15&jaren_jeugdwet=20&jaren_participatiewet=10&jaren_overig=10";
	char form[512];
	snprintf(form, sizeof form, "%s&jaren_geen=0", base);
	CHECK(agent_post(&priv, "/privacy/bewaartermijnen", form, &r) == 422 &&
	      http_body_has(&r, "Vul een getal in van 1 tot en met 100.") && http_body_has(&r, "value=\"0\""),
	      "periods: 0 years refused at the field, input kept");
	http_resp_free(&r);
	snprintf(form, sizeof form, "%s&jaren_geen=101", base);
	CHECK(agent_post(&priv, "/privacy/bewaartermijnen", form, &r) == 422, "periods: 101 years refused");
	http_resp_free(&r);
	snprintf(form, sizeof form, "%s&jaren_geen=3", base);
	CHECK(agent_post(&priv, "/privacy/bewaartermijnen", form, &r) == 303 &&
	      db_int("SELECT years FROM bewaartermijn WHERE legal_basis = 'geen'") == 3 &&
	      db_int("SELECT count(*) FROM audit WHERE action = 'bewaartermijn.update' AND reason LIKE '%%geen: 2 naar 3%%'") == 1,
	      "periods: saved and audited with what changed");
	http_resp_free(&r);
	/* A save over another's: the page showed 2, someone set 3 meanwhile. */
	snprintf(form, sizeof form, "%s&jaren_geen=5", base);
	CHECK(agent_post(&priv, "/privacy/bewaartermijnen", form, &r) == 409 && http_body_has(&r, "intussen gewijzigd") &&
	      db_int("SELECT years FROM bewaartermijn WHERE legal_basis = 'geen'") == 3, "periods: a stale save is refused");
	http_resp_free(&r);
}

/* Every table column that references huishouden or persoon, checked for
 * the purged ids; and PRAGMA foreign_key_check over the whole database. */
static long long dangling(long long hh, const long long *persons, int np)
{
	sqlite3 *db;
	if (sqlite3_open(S.db, &db) != SQLITE_OK)
		return -1;
	sqlite3_busy_timeout(db, 5000);
	sqlite3_stmt *st;
	long long found = 0;
	int columns = 0;
	sqlite3_prepare_v2(db, "SELECT m.name, f.\"from\", f.\"table\" FROM sqlite_master m, pragma_foreign_key_list(m.name) f"
	                       " WHERE m.type = 'table' AND f.\"table\" IN ('huishouden', 'persoon')", -1, &st, NULL);
	while (sqlite3_step(st) == SQLITE_ROW) {
		columns++;
		const char *t = (const char *)sqlite3_column_text(st, 0), *col = (const char *)sqlite3_column_text(st, 1);
		bool hh_ref = strcmp((const char *)sqlite3_column_text(st, 2), "huishouden") == 0;
		for (int i = 0; i < (hh_ref ? 1 : np); i++) {
			char *sql = sqlite3_mprintf("SELECT count(*) FROM \"%w\" WHERE \"%w\" = %lld", t, col, hh_ref ? hh : persons[i]);
			sqlite3_stmt *c;
			if (sqlite3_prepare_v2(db, sql, -1, &c, NULL) == SQLITE_OK && sqlite3_step(c) == SQLITE_ROW &&
			    sqlite3_column_int64(c, 0)) {
				printf("# %s.%s still references %lld\n", t, col, hh_ref ? hh : persons[i]);
				found += sqlite3_column_int64(c, 0);
			}
			sqlite3_finalize(c);
			sqlite3_free(sql);
		}
	}
	sqlite3_finalize(st);
	sqlite3_prepare_v2(db, "PRAGMA foreign_key_check", -1, &st, NULL);
	while (sqlite3_step(st) == SQLITE_ROW) {
		printf("# foreign_key_check: %s row %lld\n", sqlite3_column_text(st, 0), (long long)sqlite3_column_int64(st, 1));
		found++;
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
	return columns >= 15 ? found : -1;
}

static void purge(void)
{
	struct http_resp r;
	/* hh1 closed 4 years ago without voorzieningen ('geen': 3 years):
	 * due.  hh3 closed a year ago: not due.  hh4 closed 4 years ago with a
	 * Jeugdwet voorziening (20 years): not due.  hh2 stays open. */
	CHECK(ts_db_exec(&S, "UPDATE huishouden SET status = 'afgesloten', close_reason = 'doel_bereikt',"
	                     " closed_at = CAST(strftime('%%s', 'now', '-4 years') AS INTEGER),"
	                     " intake_on = '2021-01-10' WHERE id = %lld;"
	                     "UPDATE huishouden SET status = 'afgesloten', close_reason = 'verhuisd',"
	                     " closed_at = CAST(strftime('%%s', 'now', '-1 years') AS INTEGER) WHERE id = %lld;"
	                     "UPDATE huishouden SET status = 'afgesloten', close_reason = 'anders',"
	                     " closed_at = CAST(strftime('%%s', 'now', '-4 years') AS INTEGER) WHERE id IN (%lld, %lld);"
	                     "INSERT INTO aanbieder(id, name, kind) VALUES (900, 'Jeugdhulp Test', 'jeugdhulp');"
	                     "INSERT INTO product(id, category, code, name, legal_basis) VALUES (900, '45', '45A99', 'Test',"
	                     " 'jeugdwet');"
	                     "INSERT INTO voorziening(huishouden_id, kind, decision_date, legal_basis, aanbieder_id, product_id,"
	                     " volume, unit, frequency, start_date, end_date, cost_cents, status, created_by, created_at)"
	                     " VALUES (%lld, 'maatwerk', '2020-01-01', 'jeugdwet', 900, 900, 2, 'uur', 'per_week',"
	                     " '2020-01-01', '2020-06-01', 1000, 'toegekend', %lld, 0)",
	                     hh1, hh3, hh4, hh5, hh4, cons_id) == 0,
	      "purge setup: closing dates in the past");
	/* Household 1 gets a record in every table that hangs on it. */
	CHECK(ts_db_exec(&S,
	      "INSERT INTO intake(id, huishouden_id, held_on, question_behind, safety_concern, created_by, created_at)"
	      " VALUES (900, %1$lld, '2021-01-10', 'VRAAG-HH1', 0, %2$lld, 0);"
	      "INSERT INTO intake_deelnemer(intake_id, persoon_id) VALUES (900, %3$lld);"
	      "INSERT INTO intake_deelnemer(intake_id, netwerklid_id) VALUES (900,"
	      " (SELECT min(id) FROM netwerklid WHERE huishouden_id = %1$lld));"
	      "INSERT INTO intake_expertise(intake_id, expertise_id) VALUES (900, (SELECT min(id) FROM expertise));"
	      "INSERT INTO zrm_score(persoon_id, domain, score, scored_on, intake_id, created_by, created_at)"
	      " VALUES (%3$lld, 'financien', 2, '2021-01-10', 900, %2$lld, 0);"
	      "INSERT INTO plan(id, huishouden_id, status, agreed_on, agreed_how, created_by, created_at)"
	      " VALUES (900, %1$lld, 'vastgesteld', '2021-02-01', 'mondeling', %2$lld, 0);"
	      "INSERT INTO plan_versie(plan_id, version_no, status, snapshot, saved_by, saved_at)"
	      " VALUES (900, 1, 'concept', '{}', %2$lld, 0);"
	      "INSERT INTO doel(id, plan_id, persoon_id, domain, wish, target_date, created_by, created_at)"
	      " VALUES (900, 900, %3$lld, 'financien', 'WENS-HH1', '2021-06-01', %2$lld, 0);"
	      "INSERT INTO rolgesprek(doel_id, level, contribution, supports_persoon_id, created_by, created_at)"
	      " VALUES (900, 'inwoner', 'zelf bellen', %3$lld, %2$lld, 0);"
	      "INSERT INTO afspraak(doel_id, who_kind, persoon_id, what, due_date, created_by, created_at)"
	      " VALUES (900, 'inwoner', %3$lld, 'bellen', '2021-03-01', %2$lld, 0);"
	      "INSERT INTO sociale_kaart(id, name, kind) VALUES (900, 'Schuldhulp Test', 'schuldhulp');"
	      "INSERT INTO voorziening(id, huishouden_id, persoon_id, doel_id, kind, sociale_kaart_id, start_date,"
	      " end_date, created_by, created_at) VALUES (900, %1$lld, %3$lld, 900, 'algemeen', 900, '2021-02-01',"
	      " '2021-06-01', %2$lld, 0);"
	      "INSERT INTO evaluatie(id, plan_id, planned_on, held_on, created_by, created_at)"
	      " VALUES (900, 900, '2021-06-01', '2021-06-01', %2$lld, 0);"
	      "INSERT INTO evaluatie_doel(evaluatie_id, doel_id, reached, status) VALUES (900, 900, 'veel', 'bereikt');"
	      "INSERT INTO zrm_score(persoon_id, domain, score, scored_on, evaluatie_id, created_by, created_at)"
	      " VALUES (%3$lld, 'financien', 4, '2021-06-01', 900, %2$lld, 0);"
	      "INSERT INTO journaal(id, huishouden_id, kind, entry_date, body, author_id, created_at)"
	      " VALUES (900, %1$lld, 'moreel_beraad', '2021-03-01', 'BERAAD-HH1', %2$lld, 0);"
	      "INSERT INTO journaal_versie(journaal_id, version, kind, entry_date, body, saved_by, saved_at)"
	      " VALUES (900, 1, 'gesprek', '2021-03-01', 'oud', %2$lld, 0);"
	      "INSERT INTO moreel_beraad(journaal_id, participants, dilemma, decision, doel_id, voorziening_id)"
	      " VALUES (900, 'team', 'dilemma', 'besluit', 900, 900);"
	      "INSERT INTO toestemming(persoon_id, party, given_on, recorded_how, recorded_by)"
	      " VALUES (%3$lld, 'huisarts', '2021-01-10', 'mondeling', %2$lld);"
	      "INSERT INTO regie_toewijzing(huishouden_id, to_id, by_id, at, reason)"
	      " VALUES (%1$lld, %2$lld, %2$lld, 0, 'start');"
	      "INSERT INTO casusteam(huishouden_id, medewerker_id, added_by, added_at) VALUES (%1$lld, %4$lld, %2$lld, 0)",
	      hh1, cons_id, p1, priv_id) == 0, "purge setup: household 1 holds intake, plan, evaluation, consent and more");
	CHECK(get(&priv, "/privacy/bewaren", &r) == 200 && http_body_has(&r, "dataminimalisatie") &&
	      !http_body_has(&r, "Vries") && !http_body_has(&r, "Vetkampstraat"),
	      "due list: without names or addresses, and says why");
	char needle[128];
	snprintf(needle, sizeof needle, "/privacy/bewaren/%lld/vernietigen", hh1);
	bool has1 = http_body_has(&r, needle);
	snprintf(needle, sizeof needle, "/privacy/bewaren/%lld/vernietigen", hh3);
	bool has3 = http_body_has(&r, needle);
	snprintf(needle, sizeof needle, "/privacy/bewaren/%lld/vernietigen", hh4);
	bool has4 = http_body_has(&r, needle);
	snprintf(needle, sizeof needle, "/privacy/bewaren/%lld/vernietigen", hh2);
	bool has2 = http_body_has(&r, needle);
	CHECK(has1 && !has2 && !has3 && !has4, "due list: past its period yes; open, recent or Jeugdwet no");
	CHECK(http_body_has(&r, "Geen voorziening") && http_body_has(&r, "3 jaar"), "due list: the basis and period");
	http_resp_free(&r);
	json_t *j;
	CHECK(agent_api(&priv, "GET", "/api/v1/bewaren", NULL, &r, &j) == 200 && j &&
	      json_integer_value(json_object_get(json_array_get(json_object_get(j, "huishoudens"), 0), "huishouden_id")) == hh1 &&
	      strcmp(json_string_value(json_object_get(json_array_get(json_object_get(j, "huishoudens"), 0), "grondslag")), "geen") == 0,
	      "API due list: the household with its basis");
	json_decref(j);
	http_resp_free(&r);
	/* The Jeugdwet period shortened to 3 years makes hh4 due as well. */
	CHECK(ts_db_exec(&S, "UPDATE bewaartermijn SET years = 3 WHERE legal_basis = 'jeugdwet'") == 0,
	      "due list: the Jeugdwet period set to 3 years");
	snprintf(needle, sizeof needle, "/privacy/bewaren/%lld/vernietigen", hh4);
	CHECK(get(&priv, "/privacy/bewaren", &r) == 200 && http_body_has(&r, needle) && http_body_has(&r, "Jeugdwet"),
	      "due list: follows the configured period of the longest basis");
	http_resp_free(&r);
	ts_db_exec(&S, "UPDATE bewaartermijn SET years = 20 WHERE legal_basis = 'jeugdwet'");

	/* Refusals. */
	char path[128];
	snprintf(path, sizeof path, "/privacy/bewaren/%lld/vernietigen", hh1);
	CHECK(agent_post(&priv, path, "", &r) == 422 && http_body_has(&r, "Vink aan dat u dit huishouden wilt vernietigen.") &&
	      db_int("SELECT count(*) FROM huishouden WHERE id = %lld", hh1) == 1, "purge: refused without confirmation");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/privacy/bewaren/%lld/vernietigen", hh3);
	CHECK(agent_post(&priv, path, "bevestigd=1", &r) == 409 && http_body_has(&r, "nog niet verstreken") &&
	      db_int("SELECT count(*) FROM persoon WHERE huishouden_id = %lld", hh3) > 0, "purge: a household not yet due is refused");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/privacy/bewaren/%lld/vernietigen", hh2);
	CHECK(agent_post(&priv, path, "bevestigd=1", &r) == 409, "purge: an open household is refused");
	http_resp_free(&r);
	CHECK(agent_post(&priv, "/privacy/bewaren/999999/vernietigen", "bevestigd=1", &r) == 404, "purge: unknown household 404");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/privacy/bewaren/%lld/vernietigen", hh1);
	CHECK(agent_post(&cons, path, "bevestigd=1", &r) == 403, "purge: a consulent may not");
	http_resp_free(&r);

	/* The purge. */
	long long persons[16];
	int np = 0;
	for (long long id = 0; np < 16 && (id = db_int("SELECT coalesce(min(id), 0) FROM persoon WHERE huishouden_id = %lld"
	                                               " AND id > %lld", hh1, id)) > 0;)
		persons[np++] = id;
	long long area = db_int("SELECT coalesce(gebied_id, 0) FROM huishouden WHERE id = %lld", hh1);
	long long team = db_int("SELECT coalesce(team_id, 0) FROM medewerker WHERE id = %lld", cons_id);
	long long archived = db_int("SELECT count(*) FROM statistiek_archief");
	CHECK(np == 2 && db_int("SELECT count(*) FROM journaal WHERE huishouden_id = %lld", hh1) >= 2 &&
	      db_int("SELECT count(*) FROM toegang_uitzondering WHERE huishouden_id = %lld", hh1) >= 1,
	      "purge: the household holds data before");
	CHECK(agent_post(&priv, path, "bevestigd=1", &r) == 303, "purge: confirmed");
	http_resp_free(&r);
	CHECK(db_int("SELECT count(*) FROM huishouden WHERE id = %lld", hh1) == 0 &&
	      db_int("SELECT count(*) FROM persoon WHERE huishouden_id = %lld", hh1) == 0, "purge: household and persons gone");
	CHECK_INT(dangling(hh1, persons, np), 0, "purge: no table references the purged household or persons");
	CHECK(db_int("SELECT count(*) FROM bezoek WHERE id = 900") == 0 &&
	      db_int("SELECT count(*) FROM signaal WHERE concern LIKE 'SIGNAAL-HH1%%'") == 0 &&
	      db_int("SELECT count(*) FROM persoon_zoekterm WHERE persoon_id IN (%lld, %lld)", persons[0], persons[1]) == 0,
	      "purge: the walk-in, the signal on it and the search terms too");
	CHECK(db_int("SELECT count(*) FROM huishouden WHERE id = %lld", hh2) == 1 &&
	      db_int("SELECT count(*) FROM journaal WHERE body LIKE 'GEHEIM-HH2%%'") == 1, "purge: other households untouched");
	CHECK(db_int("SELECT count(*) FROM statistiek_archief") == archived + 1 &&
	      db_int("SELECT count(*) FROM statistiek_archief WHERE id = (SELECT max(id) FROM statistiek_archief)"
	             " AND close_reason = 'doel_bereikt' AND intake_on = '2021-01-10'"
	             " AND closed_on = date('now', '-4 years', 'localtime') AND coalesce(gebied_id, 0) = %lld"
	             " AND coalesce(team_id, 0) = %lld AND aangemeld_on IS NOT NULL", area, team) == 1,
	      "purge: the dashboard figures kept in statistiek_archief");
	CHECK(db_int("SELECT count(*) FROM audit WHERE action = 'huishouden.purge' AND huishouden_id = %lld"
	             " AND object_id = %lld AND medewerker_id = %lld AND reason LIKE '%%rijen verwijderd'", hh1, hh1, priv_id) == 1 &&
	      db_int("SELECT CAST(substr(reason, instr(reason, '; ') + 2) AS INTEGER) FROM audit"
	             " WHERE action = 'huishouden.purge'") >= 15,
	      "purge: audited with the household id and the number of rows");
	CHECK(db_int("SELECT count(*) FROM audit WHERE action = 'huishouden.purge' AND (reason LIKE '%%Vries%%'"
	             " OR reason LIKE '%%ZICHTBAAR%%' OR reason LIKE '%%Vetkamp%%')") == 0, "purge: the audit row holds no contents");
	char cmd[512];
	snprintf(cmd, sizeof cmd, "build/san/loket audit-verify --db %s > /dev/null 2>&1", S.db);
	CHECK(system(cmd) == 0, "purge: loket audit-verify still passes");
	snprintf(path, sizeof path, "/audit?huishouden=%lld&medewerker=%lld", hh1, priv_id);
	CHECK(get(&priv, path, &r) == 200 && http_body_has(&r, "Huishouden vernietigd"), "purge: the trail of the purged household stays searchable");
	http_resp_free(&r);
	CHECK(get(&priv, "/privacy/bewaren?vernietigd=1", &r) == 200 && http_body_has(&r, "1 huishouden vernietigd."),
	      "purge: the list says so");
	http_resp_free(&r);

	/* "Alle getoonde": only the households the page showed. */
	char form[128];
	snprintf(form, sizeof form, "huishoudens=%lld", hh5);
	CHECK(agent_post(&priv, "/privacy/bewaren/vernietigen", form, &r) == 422 &&
	      http_body_has(&r, "alle getoonde huishoudens wilt vernietigen"), "purge all: refused without confirmation");
	http_resp_free(&r);
	CHECK(agent_post(&priv, "/privacy/bewaren/vernietigen", "bevestigd=1&huishoudens=12a", &r) == 400,
	      "purge all: a malformed list is refused");
	http_resp_free(&r);
	snprintf(form, sizeof form, "bevestigd=1&huishoudens=%lld,%lld", hh5, hh3);
	char loc[128];
	CHECK(agent_post(&priv, "/privacy/bewaren/vernietigen", form, &r) == 303 && http_header(&r, "Location", loc, sizeof loc) &&
	      strstr(loc, "vernietigd=1&geweigerd=1") && db_int("SELECT count(*) FROM huishouden WHERE id = %lld", hh5) == 0 &&
	      db_int("SELECT count(*) FROM huishouden WHERE id = %lld", hh3) == 1, "purge all: the due one purged, the other refused");
	http_resp_free(&r);
	CHECK(system(cmd) == 0, "purge all: loket audit-verify still passes");
}

static void roles(void)
{
	static const char *const pages[] = {"/audit/personen", "/privacy/bewaartermijnen", "/privacy/bewaren"};
	struct agent beh;
	CHECK(agent_sign_in(&beh, &S, U_BEHEERDER), "roles: beheerder signs in");
	for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
		struct http_resp r;
		CHECK(get(&cons, pages[i], &r) == 403, "roles: %s is 403 for a consulent", pages[i]);
		http_resp_free(&r);
		CHECK(get(&beh, pages[i], &r) == 403, "roles: %s is 403 for a beheerder", pages[i]);
		http_resp_free(&r);
		CHECK(get(&priv, pages[i], &r) == 200, "roles: %s is 200 for the privacy officer", pages[i]);
		http_resp_free(&r);
	}
	struct http_resp r;
	CHECK(agent_api(&beh, "GET", "/api/v1/bewaren", NULL, &r, NULL) == 403, "roles: API due list 403 for a beheerder");
	http_resp_free(&r);
}

/* Last: a row altered through SQL shows on the page as a broken chain. */
static void tamper(void)
{
	struct http_resp r;
	long long victim = db_int("SELECT min(id) + 3 FROM audit");
	CHECK(ts_db_exec(&S, "DROP TRIGGER audit_no_update; UPDATE audit SET action = 'logout' WHERE id = %lld", victim) == 0,
	      "tamper: a row altered through SQL");
	char needle[64];
	snprintf(needle, sizeof needle, "rij %lld is gewijzigd", victim);
	CHECK(get(&priv, "/audit?controle=1", &r) == 200 && http_body_has(&r, "De keten is verbroken") &&
	      http_body_has(&r, needle), "tamper: the page names the first bad row");
	http_resp_free(&r);
}

int main(void)
{
	if (ts_start(&S, (const char *const[]){"--cookie-insecure", NULL}) != 0) {
		T_FAIL("server start", "see %s", S.log);
		T_EXIT();
	}
	setup();
	audit_search();
	inzage();
	termijnen();
	purge();
	roles();
	tamper();
	ts_stop(&S);
	T_EXIT();
}
