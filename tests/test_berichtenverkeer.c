/* test_berichtenverkeer.c - the municipality's side of iWmo and iJw 3.2
 * (issue 14) against the real server and the command line: a Wmo and a
 * Jeugdwet voorziening granted to the De Vries household become a WMO301
 * and a JW301 that validate against the official XSD and rule stylesheet;
 * changes follow OP087 with ToewijzingNummers never given twice; the
 * outbox is exported as files; the provider's 302, 305, 307, 315, 317 and
 * 323 are imported, applied and answered with retours that validate too; a
 * refused request gets a 319; OP003 stops the messages; and every kind of
 * bad file is refused with its reason, nothing half applied. */
#include <dirent.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>

#include "bericht_validatie.h"
#include "http_client.h"
#include "testutil.h"
#include "util.h"

static struct test_server S;
static char release[512];
static char today[11], month_first[11], month_last[11], start_prev[11], year_end[11];

#define db_int(...) ts_db_int(&S, __VA_ARGS__)

/* The date offset days from today (local noon). */
static void day(int offset, char out[11])
{
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	tm.tm_mday += offset;
	tm.tm_hour = 12;
	tm.tm_isdst = -1;
	t = mktime(&tm);
	localtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

/* The first column of the first row as text (malloc'd), or NULL. */
static char *db_text(const char *fmt, ...)
{
	char sql[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(sql, sizeof sql, fmt, ap);
	va_end(ap);
	sqlite3 *db;
	char *out = NULL;
	if (sqlite3_open(S.db, &db) == SQLITE_OK) {
		sqlite3_busy_timeout(db, 5000);
		sqlite3_stmt *st;
		if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
			if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
				out = strndup((const char *)sqlite3_column_text(st, 0), (size_t)sqlite3_column_bytes(st, 0));
			sqlite3_finalize(st);
		}
	}
	sqlite3_close(db);
	return out;
}

/* Runs build/san/loket with args; its output in out; the exit status. */
static int loket(char *out, size_t n, const char *fmt, ...)
{
	char args[2048], cmd[2300];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(args, sizeof args, fmt, ap);
	va_end(ap);
	snprintf(cmd, sizeof cmd, "build/san/loket %s 2>&1", args);
	FILE *p = popen(cmd, "r");
	size_t got = 0;
	out[0] = '\0';
	if (!p)
		return -1;
	size_t r;
	while (got + 1 < n && (r = fread(out + got, 1, n - 1 - got, p)) > 0)
		got += r;
	out[got] = '\0';
	int st = pclose(p);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *buf = malloc((size_t)n + 1);
	if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	if (buf) {
		buf[n] = '\0';
		if (len)
			*len = (size_t)n;
	}
	return buf;
}

/* True when xml passes the XSD and the official rules; else why. */
static bool valid(const char *xml, char *why, size_t n)
{
	arena *a = arena_new();
	struct bericht_uitslag u;
	bool ok = xml && bericht_valideer(a, release, xml, strlen(xml), &u) == 0 && u.geldig;
	snprintf(why, n, "%s", ok || !xml ? "" : u.nfouten ? u.fouten[0].tekst : "?");
	arena_free(a);
	return ok;
}

/* Checks that every outgoing message stored so far validates: the product
 * never queues what the standard refuses. */
static void all_outgoing_valid(const char *when)
{
	long long n = db_int("SELECT count(*) FROM bericht WHERE richting = 'uit' AND status <> 'fout'");
	int bad = 0;
	char why[512] = "";
	for (long long i = 0; i < n; i++) {
		char *xml = db_text("SELECT CAST(xml AS TEXT) FROM bericht WHERE richting = 'uit' AND status <> 'fout' ORDER BY id LIMIT 1 OFFSET %lld", i);
		char w[512];
		if (!valid(xml, w, sizeof w)) {
			bad++;
			snprintf(why, sizeof why, "%s", w);
		}
		free(xml);
	}
	CHECK(n > 0 && bad == 0, "%s: all %lld outgoing messages validate (XSD and official rules)%s%.200s", when, n,
	      bad ? ": " : "", why);
}

/* A provider's message: root, header and body, with prefixes m (the
 * message) and b (the basisschema). */
static char *msg(const char *std, const char *soort, const char *code, const char *afz, const char *ont,
                 const char *ident, const char *dag, const char *extra_header, const char *body)
{
	bool wmo = strcmp(std, "iwmo") == 0;
	return xasprintf("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	                 "<m:Bericht xmlns:m=\"http://www.istandaarden.nl/%s/3_2/%s%s/schema\""
	                 " xmlns:b=\"http://www.istandaarden.nl/%s/3_2/basisschema/schema\">"
	                 "<m:Header><m:BerichtCode>%s</m:BerichtCode><m:BerichtVersie>3</m:BerichtVersie>"
	                 "<m:BerichtSubversie>2</m:BerichtSubversie><m:Afzender>%s</m:Afzender><m:Ontvanger>%s</m:Ontvanger>"
	                 "<m:BerichtIdentificatie><b:Identificatie>%s</b:Identificatie><b:Dagtekening>%s</b:Dagtekening>"
	                 "</m:BerichtIdentificatie><m:XsdVersie><b:BasisschemaXsdVersie>1.0.0</b:BasisschemaXsdVersie>"
	                 "<b:BerichtXsdVersie>1.0.0</b:BerichtXsdVersie></m:XsdVersie>%s</m:Header>%s</m:Bericht>\n",
	                 std, wmo ? "wmo" : "jw", soort, std, code, afz, ont, ident, dag, extra_header, body);
}

static char *client_el(const char *bsn, const char *born, const char *rest)
{
	return xasprintf("<m:Client><m:Bsn>%s</m:Bsn><m:Geboortedatum><b:Datum>%s</b:Datum></m:Geboortedatum>"
	                 "<m:Geslacht>2</m:Geslacht><m:Naam><b:Geslachtsnaam><b:Achternaam>Vries</b:Achternaam>"
	                 "<b:Voorvoegsel>de</b:Voorvoegsel></b:Geslachtsnaam><b:Voorletters>E</b:Voorletters></m:Naam>%s"
	                 "</m:Client>",
	                 bsn, born, rest);
}

/* Writes xml to a file in the test directory and imports it with the
 * command line; the output in out, the exit status returned. */
static int import(const char *name, const char *xml, char *out, size_t n)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", S.dir, name);
	FILE *f = fopen(path, "wb");
	if (!f)
		return -1;
	fputs(xml, f);
	fclose(f);
	return loket(out, n, "berichten import --db %s %s", S.db, path);
}

static long long location_id(const struct http_resp *r, const char *prefix)
{
	char loc[256];
	if (!http_header(r, "Location", loc, sizeof loc) || strncmp(loc, prefix, strlen(prefix)) != 0)
		return -1;
	return atoll(loc + strlen(prefix));
}

static int count_of(const char *hay, const char *needle)
{
	int n = 0;
	for (const char *p = hay; p && (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

/* The XML of our newest outgoing message of soort (malloc'd). */
static char *newest(const char *soort)
{
	return db_text("SELECT CAST(xml AS TEXT) FROM bericht WHERE richting = 'uit' AND soort = '%s' ORDER BY id DESC LIMIT 1",
	               soort);
}

int main(void)
{
	const char *shared = getenv("LOKET_SHARED");
	snprintf(release, sizeof release, "%s/conformance/istandaarden", shared && *shared ? shared : "../shared");
	setenv("LOKET_ISTANDAARDEN", release, 1);
	day(0, today);
	day(365, year_end);
	{
		time_t t = time(NULL);
		struct tm tm;
		localtime_r(&t, &tm);
		/* Last month: the first and last day, for a declaration. */
		struct tm f = {.tm_year = tm.tm_year, .tm_mon = tm.tm_mon - 1, .tm_mday = 1, .tm_hour = 12, .tm_isdst = -1};
		time_t ft = mktime(&f);
		localtime_r(&ft, &f);
		strftime(month_first, sizeof month_first, "%Y-%m-%d", &f);
		struct tm l = {.tm_year = tm.tm_year, .tm_mon = tm.tm_mon, .tm_mday = 0, .tm_hour = 12, .tm_isdst = -1};
		time_t lt = mktime(&l);
		localtime_r(&lt, &l);
		strftime(month_last, sizeof month_last, "%Y-%m-%d", &l);
		snprintf(start_prev, sizeof start_prev, "%s", month_first);
	}
	if (ts_start(&S, (const char *const[]){"--cookie-insecure", NULL}) != 0) {
		T_FAIL("server start", "see %s", S.log);
		T_EXIT();
	}
	struct client cons;
	client_init(&cons, S.port);
	CHECK(client_login(&cons, S.users[U_CONSULENT].username, S.users[U_CONSULENT].password) == 303, "consulent signs in");
	long long cons_id = db_int("SELECT id FROM medewerker WHERE username = '%s'", S.users[U_CONSULENT].username);

	/* The De Vries household: Els (Wmo) and Daan (Jeugdwet), BSNs of the
	 * conformance examples (they pass the 11-proef). */
	CHECK(ts_db_exec(&S,
	      "INSERT INTO huishouden(street, house_number, house_suffix, postcode, city, opened_at, regisseur_id) VALUES"
	      " ('Kerkstraat', 12, 'a', '3861 AB', 'Nijkerk', strftime('%%s','now'), %lld);"
	      "INSERT INTO persoon(huishouden_id, bsn, first_name, name_prefix, last_name, birth_date, role, geslacht)"
	      " VALUES ((SELECT max(id) FROM huishouden), '999900006', 'Els', 'de', 'Vries', '1975-06-14', 'ouder', '2');"
	      "INSERT INTO persoon(huishouden_id, bsn, first_name, name_prefix, last_name, birth_date, role, geslacht)"
	      " VALUES ((SELECT max(id) FROM huishouden), '999900018', 'Daan', 'de', 'Vries', '2014-02-14', 'kind', '1');"
	      "INSERT INTO plan(huishouden_id, created_by, created_at) SELECT max(id), %lld, strftime('%%s','now') FROM huishouden;"
	      "INSERT INTO doel(plan_id, domain, wish, target_date, created_by, created_at) SELECT max(id),"
	      " 'huiselijke_relaties', 'Els houdt het huishouden vol', '%s', %lld, strftime('%%s','now') FROM plan;",
	      cons_id, cons_id, year_end, cons_id) == 0,
	      "De Vries household set up");
	long long hh = db_int("SELECT max(id) FROM huishouden");
	long long els = db_int("SELECT id FROM persoon WHERE bsn = '999900006'");
	long long daan = db_int("SELECT id FROM persoon WHERE bsn = '999900018'");
	long long doel = db_int("SELECT max(id) FROM doel");
	long long thuiszorg = db_int("SELECT id FROM aanbieder WHERE agb_code = '75750123'");
	long long jeugdhulp = db_int("SELECT id FROM aanbieder WHERE agb_code = '73731234'");
	CHECK(thuiszorg > 0 && jeugdhulp > 0, "the demo providers have AGB codes");
	CHECK(db_int("SELECT tarief_cents FROM aanbieder_contract c JOIN product p ON p.id = c.product_id"
	             " WHERE c.aanbieder_id = %lld AND p.code = '45AMB'", jeugdhulp) == 8320,
	      "the demo contract: jeugdhulp ambulant at 83,20 euro an hour");

	/* ---- a Wmo toewijzing ---- */
	struct http_resp r;
	bool ok_;
	char page[128], path[128], form[1024], out[8192], why[512];
#define MAATWERK "soort=maatwerk&persoon=%lld&doel=%lld&wettelijke_grondslag=%s&aanbieder=%lld" \
	"&product=%s&volume=%d&eenheid=uur&frequentie=%s&ingangsdatum=%s&einddatum=%s&kosten=1000"
	snprintf(page, sizeof page, "/huishoudens/%lld/voorzieningen/nieuw", hh);
	snprintf(form, sizeof form, MAATWERK, els, doel, "wmo2015", thuiszorg, "01-01HBH", 3, "per_week", today, year_end);
	CHECK(client_post_with_csrf(&cons, page, page, form, &r) == 0 && r.status == 303, "a Wmo aanvraag is registered");
	long long wmo = location_id(&r, "/voorzieningen/");
	http_resp_free(&r);
	CHECK(db_int("SELECT count(*) FROM bericht") == 0, "an aanvraag sends nothing yet");
	snprintf(path, sizeof path, "/voorzieningen/%lld/status", wmo);
	snprintf(page, sizeof page, "/voorzieningen/%lld", wmo);
	snprintf(form, sizeof form, "actie=toekennen&besluitdatum=%s&versie=1", today);
	CHECK(client_post_with_csrf(&cons, page, path, form, &r) == 0 && r.status == 303, "the Wmo voorziening is toegekend");
	http_resp_free(&r);
	CHECK(db_int("SELECT count(*) FROM bericht WHERE richting = 'uit' AND soort = '301' AND standaard = 'iwmo'"
	             " AND status = 'klaar' AND persoon_id = %lld AND aanbieder_id = %lld", els, thuiszorg) == 1,
	      "toekennen queues one WMO301 for Els and the provider");
	char *x = newest("301");
	CHECK(valid(x, why, sizeof why), "the WMO301 validates against the XSD and the official rules %.200s", why);
	CHECK(x && strstr(x, "<wmo301:BerichtCode>414<") && strstr(x, "<wmo301:Afzender>0267<") &&
	      strstr(x, "<wmo301:Ontvanger>75750123<") && strstr(x, "<wmo301:Bsn>999900006<") &&
	      !strstr(x, "<iwmo:Geslacht>") && strstr(x, "<wmo301:Geslacht>2<") && strstr(x, "<iwmo:Voorletters>E<") &&
	      strstr(x, "<iwmo:Huisletter>a<") && strstr(x, "<iwmo:Postcode>3861AB<"),
	      "its header and client: code 414, gemeente 0267, AGB, BSN, geslacht, voorletters from the name, address");
	CHECK(x && strstr(x, "<wmo301:ToewijzingNummer>1<") && strstr(x, "<iwmo:Categorie>01<") &&
	      strstr(x, "<iwmo:Code>01HBH<") && strstr(x, "<iwmo:Volume>3<") && strstr(x, "<iwmo:Eenheid>04<") &&
	      strstr(x, "<iwmo:Frequentie>2<") && !strstr(x, "RedenWijziging"),
	      "its toewijzing: number 1, product, 3 hours a week, no RedenWijziging");
	free(x);
	CHECK(db_int("SELECT count(*) FROM audit WHERE action = 'bericht.klaar' AND huishouden_id = %lld", hh) == 1,
	      "the queued message is audited with the household");

	/* ---- a Jeugdwet toewijzing from the first of last month ---- */
	snprintf(page, sizeof page, "/huishoudens/%lld/voorzieningen/nieuw", hh);
	snprintf(form, sizeof form, MAATWERK, daan, doel, "jeugdwet", jeugdhulp, "45-45AMB", 8, "per_maand", start_prev,
	         year_end);
	CHECK(client_post_with_csrf(&cons, page, page, form, &r) == 0 && r.status == 303, "a Jeugdwet aanvraag for Daan");
	long long jw = location_id(&r, "/voorzieningen/");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/voorzieningen/%lld/status", jw);
	snprintf(page, sizeof page, "/voorzieningen/%lld", jw);
	snprintf(form, sizeof form, "actie=toekennen&besluitdatum=%s&versie=1", today);
	CHECK(client_post_with_csrf(&cons, page, path, form, &r) == 0 && r.status == 303, "the Jeugdwet voorziening is toegekend");
	http_resp_free(&r);
	x = newest("301");
	CHECK(x && strstr(x, "<jw301:BerichtCode>436<") && strstr(x, "<jw301:Bsn>999900018<") &&
	      strstr(x, "<jw301:ToewijzingNummer>2<") && strstr(x, "<ijw:Categorie>45<") &&
	      strstr(x, "<ijw:Frequentie>4<"), "a JW301 for Daan with toewijzing 2 (45AMB, per maand)");
	CHECK(valid(x, why, sizeof why), "the JW301 validates %.200s", why);
	free(x);

	/* ---- OP087 across changes ---- */
	snprintf(page, sizeof page, "/voorzieningen/%lld/bewerken", wmo);
	snprintf(form, sizeof form, MAATWERK "&besluitdatum=%s&versie=2", els, doel, "wmo2015", thuiszorg, "01-01HBH", 5, "per_week", today,
	         year_end, today);
	CHECK(client_post_with_csrf(&cons, page, page, form, &r) == 0 && r.status == 303, "the volume goes from 3 to 5 hours");
	http_resp_free(&r);
	x = newest("301");
	CHECK(x && count_of(x, "<wmo301:ToegewezenProduct>") == 2 && strstr(x, "<wmo301:ToewijzingNummer>1<") &&
	      strstr(x, "<wmo301:ToewijzingNummer>3<") && strstr(x, "<iwmo:Volume>5<") &&
	      strstr(x, "<wmo301:RedenWijziging>13<"),
	      "OP087: the new 301 carries the old toewijzing withdrawn (13, not yet begun) and the new one, number 3");
	CHECK(valid(x, why, sizeof why), "the change validates %.200s", why);
	free(x);
	char end2[11];
	day(200, end2);
	snprintf(form, sizeof form, MAATWERK "&besluitdatum=%s&versie=3", els, doel, "wmo2015", thuiszorg, "01-01HBH", 5, "per_week", today,
	         end2, today);
	CHECK(client_post_with_csrf(&cons, page, page, form, &r) == 0 && r.status == 303, "the end date moves earlier");
	if (r.status != 303) printf("# %d %.3000s\n", r.status, r.body ? strstr(r.body, "<main") : "");
	http_resp_free(&r);
	x = newest("301");
	CHECK(x && count_of(x, "<wmo301:ToegewezenProduct>") == 2 && strstr(x, "<wmo301:ToewijzingNummer>3<") &&
	      strstr(x, "<wmo301:RedenWijziging>05<") && strstr(x, end2),
	      "a shorter period keeps number 3 with RedenWijziging 05; the withdrawn one is still valid today so it stays");
	free(x);
	{
		char apath[64];
		snprintf(apath, sizeof apath, "/api/v1/voorzieningen/%lld", wmo);
		CHECK(client_get(&cons, apath, &r) == 0 && r.status == 200 && http_body_has(&r, "\"ToewijzingNummer\":3") &&
		      http_body_has(&r, "\"toewijzing_bericht\":3"),
		      "the API gives the ToewijzingNummer the provider knows (3), not the beschikking number");
		http_resp_free(&r);
		snprintf(apath, sizeof apath, "/voorzieningen/%lld", wmo);
		CHECK(client_get(&cons, apath, &r) == 0 && http_body_has(&r, "<dt>Beschikkingnummer</dt>") &&
		      !http_body_has(&r, "<dt>Toewijzingnummer</dt>"),
		      "the page calls the gemeente's own number the beschikkingnummer");
		http_resp_free(&r);
	}
	CHECK(db_int("SELECT count(DISTINCT nummer) = count(*) FROM toewijzing") == 1 &&
	      db_int("SELECT max(nummer) FROM toewijzing") == 3 &&
	      db_int("SELECT waarde FROM teller WHERE naam = 'toewijzing'") == 3,
	      "ToewijzingNummers are unique and come from a counter that never goes back");
	/* Purging the numbers' rows does not free them: the counter stays. */
	CHECK(ts_db_exec(&S, "UPDATE teller SET waarde = waarde WHERE naam = 'toewijzing'") == 0 &&
	      db_int("SELECT count(*) FROM teller WHERE naam = 'toewijzing' AND waarde >= (SELECT max(nummer) FROM toewijzing)") == 1,
	      "the counter is at or past every number given");
	all_outgoing_valid("after grants and changes");

	/* ---- a product the standard does not know: the 301 fails and is not queued ---- */
	CHECK(ts_db_exec(&S, "INSERT INTO product(category, code, name, legal_basis) VALUES ('99', '99XYZ', 'Proef', 'wmo2015')") == 0,
	      "a product in a category iWmo does not have");
	snprintf(page, sizeof page, "/huishoudens/%lld/voorzieningen/nieuw", hh);
	snprintf(form, sizeof form, MAATWERK, els, doel, "wmo2015", thuiszorg, "99-99XYZ", 2, "per_week", today, year_end);
	CHECK(client_post_with_csrf(&cons, page, page, form, &r) == 0 && r.status == 303, "an aanvraag with that product");
	long long proef = location_id(&r, "/voorzieningen/");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/voorzieningen/%lld/status", proef);
	snprintf(page, sizeof page, "/voorzieningen/%lld", proef);
	snprintf(form, sizeof form, "actie=toekennen&besluitdatum=%s&versie=1", today);
	CHECK(client_post_with_csrf(&cons, page, path, form, &r) == 0 && r.status == 303,
	      "toekennen still succeeds: the decision stands");
	http_resp_free(&r);
	CHECK(db_int("SELECT count(*) FROM bericht WHERE soort = '301' AND status = 'fout' AND reden LIKE '%%Categorie%%'"
	             " AND persoon_id = %lld", els) == 1 &&
	      db_int("SELECT count(*) FROM toewijzing WHERE code = '99XYZ' AND gewijzigd = 1") == 1,
	      "the 301 fails the XSD at the Categorie: stored as fout with the reason, the toewijzing waits");
	CHECK(db_int("SELECT count(*) FROM audit WHERE action = 'bericht.fout' AND huishouden_id = %lld", hh) == 1,
	      "the refused message is audited");
	/* Taken back (afgewezen is not possible after toekennen: end it). */
	snprintf(form, sizeof form, "actie=beeindigen&reden_einde=anders&beeindigd_op=%s&versie=2", today);
	CHECK(client_post_with_csrf(&cons, page, path, form, &r) == 0 && r.status == 303, "the trial voorziening is ended");
	http_resp_free(&r);

	/* ---- OP003: geen berichtenverkeer ---- */
	snprintf(page, sizeof page, "/voorzieningen/%lld/bewerken", wmo);
	long long before = db_int("SELECT count(*) FROM bericht");
	CHECK(ts_db_exec(&S, "UPDATE persoon SET geen_berichten = 'Veiligheid: adres mag niet naar de aanbieder' WHERE id = %lld",
	                 els) == 0, "Els is marked geen berichtenverkeer");
	snprintf(form, sizeof form, MAATWERK "&besluitdatum=%s&versie=4", els, doel, "wmo2015", thuiszorg, "01-01HBH", 5, "per_week", today,
	         year_end, today);
	CHECK(client_post_with_csrf(&cons, page, page, form, &r) == 0 && r.status == 303, "her period changes again");
	http_resp_free(&r);
	CHECK(db_int("SELECT count(*) FROM bericht") == before &&
	      db_int("SELECT gewijzigd FROM toewijzing WHERE nummer = 3") == 1,
	      "OP003: nothing is sent, and the change waits for when messages may go again");
	CHECK(ts_db_exec(&S, "UPDATE persoon SET geen_berichten = NULL WHERE id = %lld", els) == 0, "lifted again");

	/* ---- export ---- */
	char outdir[300];
	snprintf(outdir, sizeof outdir, "%s/uit", S.dir);
	mkdir(outdir, 0700);
	long long queued = db_int("SELECT count(*) FROM bericht WHERE richting = 'uit' AND status = 'klaar'");
	CHECK(loket(out, sizeof out, "berichten export --db %s --dir %s", S.db, outdir) == 0 && strstr(out, "geschreven"),
	      "loket berichten export runs: %.200s", out);
	CHECK(db_int("SELECT count(*) FROM bericht WHERE richting = 'uit' AND status = 'klaar'") == 0 &&
	      db_int("SELECT count(*) FROM bericht WHERE richting = 'uit' AND status = 'verzonden' AND sent_at IS NOT NULL") ==
	          queued,
	      "every queued message is marked sent");
	char *ident1 = db_text("SELECT identificatie FROM bericht WHERE soort = '301' AND standaard = 'iwmo' ORDER BY id LIMIT 1");
	char *identj = db_text("SELECT identificatie FROM bericht WHERE soort = '301' AND standaard = 'ijw' ORDER BY id LIMIT 1");
	char file[512];
	snprintf(file, sizeof file, "%s/%s.xml", outdir, ident1 ? ident1 : "?");
	size_t flen = 0;
	char *fx = slurp(file, &flen);
	CHECK(fx && valid(fx, why, sizeof why), "the file is named after its BerichtIdentificatie and validates %.200s", why);
	free(fx);
	DIR *dd = opendir(outdir);
	int files = 0;
	for (struct dirent *de; dd && (de = readdir(dd));)
		files += de->d_name[0] != '.';
	if (dd)
		closedir(dd);
	CHECK(files == queued, "one file per message (%d of %lld)", files, queued);
	CHECK(loket(out, sizeof out, "berichten export --db %s --dir %s", S.db, outdir) == 0 && strstr(out, "0 bericht"),
	      "a second export writes nothing again");

	/* ---- 302: the provider accepts our 301s ---- */
	char extra[1024], *m;
	char *dag1 = db_text("SELECT dagtekening FROM bericht WHERE identificatie = '%s'", ident1 ? ident1 : "");
	snprintf(extra, sizeof extra,
	         "<m:IdentificatieRetour>R302A</m:IdentificatieRetour><m:DagtekeningRetour>%s</m:DagtekeningRetour>"
	         "<m:XsdVersieRetour><b:BasisschemaXsdVersie>1.0.0</b:BasisschemaXsdVersie><b:BerichtXsdVersie>1.0.0"
	         "</b:BerichtXsdVersie></m:XsdVersieRetour><m:RetourCodes><m:RetourCode>0200</m:RetourCode></m:RetourCodes>",
	         today);
	m = msg("iwmo", "302", "415", "0267", "75750123", ident1 ? ident1 : "", dag1 ? dag1 : today, extra, "");
	CHECK(import("wmo302.xml", m, out, sizeof out) == 0 && strstr(out, "302 verwerkt"), "a WMO302 is imported: %.200s", out);
	CHECK(db_int("SELECT count(*) FROM bericht WHERE identificatie = '%s' AND status = 'geaccepteerd'", ident1) == 1,
	      "the provider accepted our WMO301");
	CHECK(import("wmo302.xml", m, out, sizeof out) == 0 && strstr(out, "al eerder ingelezen") &&
	      db_int("SELECT count(*) FROM bericht WHERE richting = 'in'") == 1,
	      "importing the same file twice changes nothing");
	free(m);
	char *dagj = db_text("SELECT dagtekening FROM bericht WHERE identificatie = '%s'", identj ? identj : "");
	snprintf(extra, sizeof extra,
	         "<m:IdentificatieRetour>R302B</m:IdentificatieRetour><m:DagtekeningRetour>%s</m:DagtekeningRetour>"
	         "<m:XsdVersieRetour><b:BasisschemaXsdVersie>1.0.0</b:BasisschemaXsdVersie><b:BerichtXsdVersie>1.0.0"
	         "</b:BerichtXsdVersie></m:XsdVersieRetour><m:RetourCodes><m:RetourCode>9332</m:RetourCode></m:RetourCodes>",
	         today);
	m = msg("ijw", "302", "437", "0267", "73731234", identj ? identj : "", dagj ? dagj : today, extra, "");
	CHECK(import("jw302.xml", m, out, sizeof out) == 0, "a JW302 with a retourcode is imported: %.200s", out);
	CHECK(db_int("SELECT count(*) FROM bericht WHERE identificatie = '%s' AND status = 'afgekeurd' AND retourcodes = '9332'",
	             identj) == 1, "a retourcode other than 0200 marks our JW301 afgekeurd with the code");
	free(m);
	free(dag1);
	free(dagj);

	/* ---- 305: start ---- */
	char body[4096], *cl;
	snprintf(body, sizeof body,
	         "<m:StartProducten><m:StartProduct><m:ToewijzingNummer>2</m:ToewijzingNummer><m:Product>"
	         "<b:Categorie>45</b:Categorie><b:Code>45AMB</b:Code></m:Product><m:ToewijzingIngangsdatum>%s"
	         "</m:ToewijzingIngangsdatum><m:Begindatum>%s</m:Begindatum><m:StatusAanlevering>1</m:StatusAanlevering>"
	         "</m:StartProduct></m:StartProducten>", start_prev, start_prev);
	cl = client_el("999900018", "2014-02-14", body);
	m = msg("ijw", "305", "438", "73731234", "0267", "S305A", today, "", cl);
	ok_ = valid(m, why, sizeof why);
	CHECK(ok_, "(the crafted JW305 is a valid message %.200s)", why);
	CHECK(import("jw305.xml", m, out, sizeof out) == 0 && strstr(out, "305 verwerkt") && strstr(out, "retour"),
	      "a JW305 is imported with its retour: %.200s", out);
	CHECK(db_int("SELECT count(*) FROM voorziening WHERE id = %lld AND status = 'gestart' AND started_on = '%s'", jw,
	             start_prev) == 1, "the start sets the voorziening's actual start");
	x = newest("306");
	CHECK(x && strstr(x, "<jw306:BerichtCode>439<") && strstr(x, "<jw306:RetourCode>0200<") && !strstr(x, "Client") &&
	      strstr(x, "Identificatie>S305A<"), "the JW306 is the header with 0200");
	CHECK(valid(x, why, sizeof why), "the JW306 validates %.200s", why);
	free(x);
	CHECK(db_int("SELECT count(*) FROM bericht WHERE identificatie = 'S305A' AND termijn IS NOT NULL AND termijn > '%s'",
	             today) == 1, "OP090: the retour's deadline is stored with the incoming message");
	free(m);
	/* The same identification with other bytes is a duplicate. */
	m = msg("ijw", "305", "438", "73731234", "0267", "S305A", today, "", cl);
	char *m2 = xasprintf("%s<!-- anders -->", m);
	CHECK(import("jw305-dubbel.xml", m2, out, sizeof out) == 3 && strstr(out, "dubbel"),
	      "a second message with the same identification is refused as a duplicate: %.200s", out);
	free(m2);
	free(m);
	free(cl);
	/* Unknown toewijzing: refused, nothing applied, retour with 9019. */
	snprintf(body, sizeof body,
	         "<m:StartProducten><m:StartProduct><m:ToewijzingNummer>777</m:ToewijzingNummer><m:Product>"
	         "<b:Categorie>01</b:Categorie><b:Code>01HBH</b:Code></m:Product><m:ToewijzingIngangsdatum>%s"
	         "</m:ToewijzingIngangsdatum><m:Begindatum>%s</m:Begindatum><m:StatusAanlevering>1</m:StatusAanlevering>"
	         "</m:StartProduct><m:StartProduct><m:ToewijzingNummer>3</m:ToewijzingNummer><m:Product>"
	         "<b:Categorie>01</b:Categorie><b:Code>01HBH</b:Code></m:Product><m:ToewijzingIngangsdatum>%s"
	         "</m:ToewijzingIngangsdatum><m:Begindatum>%s</m:Begindatum><m:StatusAanlevering>1</m:StatusAanlevering>"
	         "</m:StartProduct></m:StartProducten>", today, today, today, today);
	cl = client_el("999900006", "1975-06-14", body);
	m = msg("iwmo", "305", "418", "75750123", "0267", "S305B", today, "", cl);
	CHECK(import("wmo305-onbekend.xml", m, out, sizeof out) == 3 && strstr(out, "777") && strstr(out, "niet bekend"),
	      "a WMO305 naming an unknown toewijzing is refused with the reason: %.200s", out);
	CHECK(db_int("SELECT count(*) FROM voorziening WHERE id = %lld AND status = 'toegekend' AND started_on IS NULL", wmo) == 1 &&
	      db_int("SELECT count(*) FROM toewijzing WHERE gestart_op IS NOT NULL AND nummer = 3") == 0,
	      "nothing of it is applied, not even the record that was fine");
	x = newest("306");
	CHECK(x && strstr(x, "<wmo306:RetourCode>9019<") && strstr(x, "<wmo306:ToewijzingNummer>777<") &&
	      !strstr(x, "<wmo306:ToewijzingNummer>3<"), "the WMO306 names the refused record with 9019");
	CHECK(valid(x, why, sizeof why), "the WMO306 validates (against the iJw structure) %.200s", why);
	free(x);
	free(m);
	free(cl);
	/* The good one for Els, and then one dated before it: out of order. */
	snprintf(body, sizeof body,
	         "<m:StartProducten><m:StartProduct><m:ToewijzingNummer>3</m:ToewijzingNummer><m:Product>"
	         "<b:Categorie>01</b:Categorie><b:Code>01HBH</b:Code></m:Product><m:ToewijzingIngangsdatum>%s"
	         "</m:ToewijzingIngangsdatum><m:Begindatum>%s</m:Begindatum><m:StatusAanlevering>1</m:StatusAanlevering>"
	         "</m:StartProduct></m:StartProducten>", today, today);
	cl = client_el("999900006", "1975-06-14", body);
	m = msg("iwmo", "305", "418", "75750123", "0267", "S305C", today, "", cl);
	CHECK(import("wmo305.xml", m, out, sizeof out) == 0 && strstr(out, "verwerkt"), "a WMO305 for Els: %.200s", out);
	CHECK(db_int("SELECT count(*) FROM voorziening WHERE id = %lld AND status = 'gestart' AND started_on = '%s'", wmo,
	             today) == 1, "her voorziening has started");
	free(m);
	free(cl);
	/* A start of Daan's toewijzing dated before the one applied: out of order. */
	char yesterday[11];
	day(-1, yesterday);
	snprintf(body, sizeof body,
	         "<m:StartProducten><m:StartProduct><m:ToewijzingNummer>2</m:ToewijzingNummer><m:Product>"
	         "<b:Categorie>45</b:Categorie><b:Code>45AMB</b:Code></m:Product><m:ToewijzingIngangsdatum>%s"
	         "</m:ToewijzingIngangsdatum><m:Begindatum>%s</m:Begindatum><m:StatusAanlevering>1</m:StatusAanlevering>"
	         "</m:StartProduct></m:StartProducten>", start_prev, start_prev);
	cl = client_el("999900018", "2014-02-14", body);
	m = msg("ijw", "305", "438", "73731234", "0267", "S305D", yesterday, "", cl);
	CHECK(import("jw305-oud.xml", m, out, sizeof out) == 3 && strstr(out, "nieuwer bericht"),
	      "a message dated before one already applied is refused (replayed out of order): %.200s", out);
	free(m);
	free(cl);

	/* ---- 307: stop ---- */
	snprintf(body, sizeof body,
	         "<m:StopProducten><m:StopProduct><m:ToewijzingNummer>3</m:ToewijzingNummer><m:Product>"
	         "<b:Categorie>01</b:Categorie><b:Code>01HBH</b:Code></m:Product><m:ToewijzingIngangsdatum>%s"
	         "</m:ToewijzingIngangsdatum><m:Begindatum>%s</m:Begindatum><m:RedenBeeindiging>31</m:RedenBeeindiging>"
	         "<m:Einddatum>%s</m:Einddatum><m:StatusAanlevering>1</m:StatusAanlevering></m:StopProduct></m:StopProducten>",
	         today, today, today);
	cl = client_el("999900006", "1975-06-14", body);
	m = msg("iwmo", "307", "420", "75750123", "0267", "S307A", today, "", cl);
	ok_ = valid(m, why, sizeof why);
	CHECK(ok_, "(the crafted WMO307 is valid %.200s)", why);
	CHECK(import("wmo307.xml", m, out, sizeof out) == 0 && strstr(out, "307 verwerkt"), "a WMO307 is imported: %.200s", out);
	CHECK(db_int("SELECT count(*) FROM voorziening WHERE id = %lld AND status = 'beeindigd' AND ended_on = '%s'"
	             " AND end_reason = 'doel_bereikt'", wmo, today) == 1,
	      "the stop ends the voorziening on its date, RedenBeeindiging 31 as doel bereikt");
	x = newest("308");
	CHECK(x && strstr(x, "<wmo308:RetourCode>0200<") && valid(x, why, sizeof why), "a WMO308 with 0200 that validates %.200s", why);
	free(x);
	free(m);
	free(cl);

	/* ---- 315: a request ---- */
	snprintf(body, sizeof body,
	         "<m:AangevraagdeProducten><m:AangevraagdProduct><m:ReferentieAanbieder>REF-315-1</m:ReferentieAanbieder>"
	         "<m:Product><b:Categorie>45</b:Categorie><b:Code>45AMB</b:Code></m:Product>"
	         "<m:ToewijzingIngangsdatum>%s</m:ToewijzingIngangsdatum><m:ToewijzingEinddatum>%s</m:ToewijzingEinddatum>"
	         "<m:Omvang><b:Volume>4</b:Volume><b:Eenheid>04</b:Eenheid><b:Frequentie>4</b:Frequentie></m:Omvang>"
	         "<m:Verwijzer><b:Type>02</b:Type><b:ZorgverlenerCode>01234567</b:ZorgverlenerCode></m:Verwijzer>"
	         "</m:AangevraagdProduct></m:AangevraagdeProducten>", today, year_end);
	cl = client_el("999900018", "2014-02-14", body);
	m = msg("ijw", "315", "446", "73731234", "0267", "V315A", today, "", cl);
	ok_ = valid(m, why, sizeof why);
	CHECK(ok_, "(the crafted JW315 is valid %.200s)", why);
	CHECK(import("jw315.xml", m, out, sizeof out) == 0 && strstr(out, "315 verwerkt"), "a JW315 is imported: %.200s", out);
	long long vz = db_int("SELECT id FROM verzoek WHERE referentie = 'REF-315-1' AND status = 'open' AND persoon_id = %lld",
	                      daan);
	CHECK(vz > 0, "it becomes an open request for the regisseur");
	x = newest("316");
	CHECK(x && valid(x, why, sizeof why) && strstr(x, "<jw316:RetourCode>0200<"), "a JW316 that validates %.200s", why);
	free(x);
	free(m);
	free(cl);

	/* ---- 317: a change request ---- */
	snprintf(body, sizeof body,
	         "<m:Verzoek><m:ReferentieAanbieder>REF-317-1</m:ReferentieAanbieder><m:RedenVerzoek>1</m:RedenVerzoek>"
	         "<m:TeWijzigenProducten><m:TeWijzigenProduct><m:ToewijzingNummer>2</m:ToewijzingNummer>"
	         "<m:GewensteIngangsdatum>%s</m:GewensteIngangsdatum><m:Omvang><b:Volume>12</b:Volume>"
	         "<b:Eenheid>04</b:Eenheid><b:Frequentie>4</b:Frequentie></m:Omvang></m:TeWijzigenProduct>"
	         "</m:TeWijzigenProducten></m:Verzoek>", start_prev);
	char *c317 = xasprintf("<m:Client><m:Bsn>999900018</m:Bsn>%s</m:Client>", body);
	m = msg("ijw", "317", "486", "73731234", "0267", "V317A", today, "", c317);
	ok_ = valid(m, why, sizeof why);
	CHECK(ok_, "(the crafted JW317 is valid %.200s)", why);
	CHECK(import("jw317.xml", m, out, sizeof out) == 0 && strstr(out, "317 verwerkt"), "a JW317 is imported: %.200s", out);
	x = newest("318");
	CHECK(x && valid(x, why, sizeof why), "a JW318 that validates %.200s", why);
	free(x);
	free(m);
	free(c317);

	/* ---- 323: declarations against the toewijzing (8 hours a month) ---- */
	const char *prestatie =
		"<m:Declaratie><m:DeclaratieNummer>%s</m:DeclaratieNummer><m:DeclaratiePeriode><b:Begindatum>%s"
		"</b:Begindatum><b:Einddatum>%s</b:Einddatum></m:DeclaratiePeriode><m:DeclaratieDagtekening>%s"
		"</m:DeclaratieDagtekening><m:TotaalIngediendBedrag><b:TotaalBedrag>%d</b:TotaalBedrag>"
		"<b:DebetCredit>D</b:DebetCredit></m:TotaalIngediendBedrag><m:Clienten><m:Client><m:Bsn>999900018</m:Bsn>"
		"<m:Prestaties><m:Prestatie><m:ProductReferentie><b:ReferentieNummer>%s</b:ReferentieNummer>"
		"</m:ProductReferentie><m:ToewijzingNummer>2</m:ToewijzingNummer><m:ProductCategorie>45</m:ProductCategorie>"
		"<m:ProductCode>45AMB</m:ProductCode><m:ProductPeriode><b:Begindatum>%s</b:Begindatum><b:Einddatum>%s"
		"</b:Einddatum></m:ProductPeriode><m:GeleverdVolume>%d</m:GeleverdVolume><m:Eenheid>04</m:Eenheid>"
		"<m:ProductTarief>%d</m:ProductTarief><m:IngediendBedrag><b:Bedrag>%d</b:Bedrag><b:DebetCredit>D"
		"</b:DebetCredit></m:IngediendBedrag></m:Prestatie></m:Prestaties></m:Client></m:Clienten></m:Declaratie>";
	snprintf(body, sizeof body, prestatie, "D1", month_first, month_last, today, 99840, "P1", month_first, month_last,
	         12, 8320, 99840);
	m = msg("ijw", "323", "490", "73731234", "0267", "D323A", today, "", body);
	ok_ = valid(m, why, sizeof why);
	CHECK(ok_, "(the crafted JW323 is valid %.200s)", why);
	CHECK(import("jw323.xml", m, out, sizeof out) == 0 && strstr(out, "323 verwerkt"), "a JW323 is imported");
	CHECK(db_int("SELECT count(*) FROM declaratie_prestatie WHERE voorziening_id = %lld AND goedgekeurd = 0"
	             " AND referentie = 'P1' AND retourcodes = '9321'", jw) == 1,
	      "12 hours in a month where 8 are granted: refused with 9321 and stored per prestatie");
	x = newest("325");
	CHECK(x && strstr(x, "<jw325:BerichtCode>491<") && strstr(x, "<jw325:Afzender>0267<") &&
	      strstr(x, "<jw325:Ontvanger>73731234<") && strstr(x, "<jw325:RetourCode>9321<") &&
	      strstr(x, "TotaalBedrag>0<") && strstr(x, "Identificatie>D323A<"),
	      "the JW325 carries 9321 on the prestatie over budget and grants nothing");
	ok_ = valid(x, why, sizeof why);
	CHECK(ok_, "the JW325 validates (XSD and the official rules) %.200s", why);
	free(x);
	CHECK(db_int("SELECT count(*) FROM bericht WHERE identificatie = 'D323A' AND termijn IS NOT NULL") == 1,
	      "OP090x4: the declaration's answer has its deadline");
	free(m);
	snprintf(body, sizeof body, prestatie, "D2", month_first, month_last, today, 49920, "P2", month_first, month_last,
	         6, 8320, 49920);
	m = msg("ijw", "323", "490", "73731234", "0267", "D323B", today, "", body);
	CHECK(import("jw323-b.xml", m, out, sizeof out) == 0, "a second JW323 within the toewijzing");
	CHECK(db_int("SELECT count(*) FROM declaratie_prestatie WHERE voorziening_id = %lld AND goedgekeurd = 1"
	             " AND referentie = 'P2' AND bedrag_cents = 49920 AND retourcodes = '0200'", jw) == 1,
	      "6 hours at the contract tariff: approved");
	x = newest("325");
	CHECK(x && strstr(x, "<jw325:RetourCode>0200<") && !strstr(x, "9321") && strstr(x, "TotaalBedrag>49920<") &&
	      !strstr(x, "<jw325:Clienten>"), "its JW325 grants 499,20 euro and lists no prestatie (all approved)");
	free(x);
	free(m);
	snprintf(body, sizeof body, prestatie, "D3", month_first, month_last, today, 40000, "P3", month_first, month_last,
	         5, 8320, 40000);
	/* 5 x 8320 is 41600, not 40000 (TR346). */
	m = msg("ijw", "323", "490", "73731234", "0267", "D323C", today, "", body);
	CHECK(import("jw323-c.xml", m, out, sizeof out) == 0 &&
	      db_int("SELECT count(*) FROM declaratie_prestatie WHERE referentie = 'P3' AND goedgekeurd = 0"
	             " AND retourcodes = '9346'") == 1,
	      "an amount that is not volume times tariff is refused with 9346");
	x = newest("325");
	CHECK(x && strstr(x, "Identificatie>D323C<") && strstr(x, "<jw325:RetourCode>9346<") &&
	      count_of(x, "<jw325:Prestatie>") == 1, "its JW325 names only the refused prestatie (TR342)");
	free(x);
	free(m);
	snprintf(body, sizeof body, prestatie, "D4", month_first, month_last, today, 6400, "P4", month_first, month_last,
	         1, 6400, 6400);
	m = msg("ijw", "323", "490", "73731234", "0267", "D323D", today, "", body);
	CHECK(import("jw323-d.xml", m, out, sizeof out) == 0 &&
	      db_int("SELECT count(*) FROM declaratie_prestatie WHERE referentie = 'P4' AND goedgekeurd = 0"
	             " AND retourcodes = '0611'") == 1,
	      "a tariff other than the contract's is refused with 0611");
	free(m);

	all_outgoing_valid("after every retour");

	/* ---- bad files ---- */
	long long in_before = db_int("SELECT count(*) FROM bericht WHERE richting = 'in'");
	CHECK(import("geen.xml", "Dit is geen XML.", out, sizeof out) == 3 && strstr(out, "geen geldig bericht"),
	      "text that is not XML is refused: %.200s", out);
	CHECK(import("latin1.xml", "<?xml version=\"1.0\"?><a>caf\xe9</a>", out, sizeof out) == 3 && strstr(out, "UTF-8"),
	      "bytes that are not UTF-8 are refused");
	CHECK(import("xxe.xml",
	             "<?xml version=\"1.0\"?><!DOCTYPE b [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
	             "<m:Bericht xmlns:m=\"http://www.istandaarden.nl/ijw/3_2/jw305/schema\">&x;</m:Bericht>",
	             out, sizeof out) == 3 && strstr(out, "DOCTYPE") && !strstr(out, "root:"),
	      "an external entity is refused and nothing of it read");
	CHECK(import("lach.xml",
	             "<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"ha\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">"
	             "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;\">]><l>&d;</l>",
	             out, sizeof out) == 3 && strstr(out, "DOCTYPE"),
	      "entity expansion (billion laughs) is refused");
	m = msg("ijw", "399", "499", "73731234", "0267", "X1", today, "", "");
	CHECK(import("jw399.xml", m, out, sizeof out) == 3 && strstr(out, "geen geldig bericht"),
	      "an unknown message kind is refused: %.200s", out);
	free(m);
	m = msg("ijw", "301", "436", "0267", "73731234", "X2", today, "", "");
	CHECK(import("jw301-in.xml", m, out, sizeof out) == 3, "a message the gemeente sends itself is refused: %.200s", out);
	free(m);
	cl = client_el("999900006", "1975-06-14", "");
	m = msg("ijw", "305", "438", "73731234", "0363", "X3", today, "", cl);
	CHECK(import("jw305-ander.xml", m, out, sizeof out) == 3, "an XSD failure (a client without products) is refused: %.200s", out);
	free(m);
	free(cl);
	snprintf(body, sizeof body,
	         "<m:StartProducten><m:StartProduct><m:ToewijzingNummer>2</m:ToewijzingNummer><m:Product>"
	         "<b:Categorie>45</b:Categorie><b:Code>45AMB</b:Code></m:Product><m:ToewijzingIngangsdatum>%s"
	         "</m:ToewijzingIngangsdatum><m:Begindatum>%s</m:Begindatum><m:StatusAanlevering>1</m:StatusAanlevering>"
	         "</m:StartProduct></m:StartProducten>", start_prev, start_prev);
	cl = client_el("999900018", "2014-02-14", body);
	m = msg("ijw", "305", "438", "73731234", "0363", "X4", today, "", cl);
	CHECK(import("jw305-gemeente.xml", m, out, sizeof out) == 3 && strstr(out, "0363"),
	      "a message for another gemeente is refused: %.200s", out);
	free(m);
	m = msg("ijw", "305", "438", "11112222", "0267", "X5", today, "", cl);
	CHECK(import("jw305-aanbieder.xml", m, out, sizeof out) == 3 && strstr(out, "11112222"),
	      "a provider that is not known is refused: %.200s", out);
	free(m);
	free(cl);
	cl = client_el("999900031", "2014-02-14", body);
	m = msg("ijw", "305", "438", "73731234", "0267", "X6", today, "", cl);
	CHECK(import("jw305-bsn.xml", m, out, sizeof out) == 3 && strstr(out, "BSN"),
	      "an unknown BSN is refused: %.200s", out);
	free(m);
	free(cl);
	char *ong = xasprintf("%s/ijw-3.2/berichten-ongeldig/JW315.xml", release);
	CHECK(loket(out, sizeof out, "berichten import --db %s %s", S.db, ong) == 3 && strstr(out, "geweigerd"),
	      "the published faulty JW315 is refused: %.200s", out);
	free(ong);
	ong = xasprintf("%s/ijw-3.2/berichten-ongeldig/JW318.xml", release);
	CHECK(loket(out, sizeof out, "berichten import --db %s %s", S.db, ong) == 3 && strstr(out, "geweigerd"),
	      "the published faulty JW318 is refused: %.200s", out);
	free(ong);
	CHECK(db_int("SELECT count(*) FROM bericht WHERE richting = 'in' AND status = 'geweigerd' AND reden <> ''") >=
	          db_int("SELECT count(*) FROM bericht WHERE richting = 'in'") - in_before,
	      "every refused file is stored with its reason");
	size_t big = (size_t)BERICHT_MAX_BYTES + 10;
	char *huge = malloc(big + 1);
	if (huge) {
		memset(huge, ' ', big);
		huge[big] = '\0';
		CHECK(import("groot.xml", huge, out, sizeof out) == 3 && strstr(out, "25 MB"), "a file over 25 MB is refused (OP179)");
		free(huge);
	}
	CHECK(db_int("SELECT count(*) FROM audit WHERE action = 'bericht.verwerkt'") >= 7,
	      "applied messages are audited");

	/* ---- the client of a voorziening changes: the old one's toewijzing is withdrawn ---- */
	snprintf(page, sizeof page, "/huishoudens/%lld/voorzieningen/nieuw", hh);
	snprintf(form, sizeof form, MAATWERK, els, doel, "wmo2015", thuiszorg, "01-01HBH", 1, "per_week", today, year_end);
	CHECK(client_post_with_csrf(&cons, page, page, form, &r) == 0 && r.status == 303, "another Wmo aanvraag for Els");
	long long w2 = location_id(&r, "/voorzieningen/");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/voorzieningen/%lld/status", w2);
	snprintf(page, sizeof page, "/voorzieningen/%lld", w2);
	snprintf(form, sizeof form, "actie=toekennen&besluitdatum=%s&versie=1", today);
	CHECK(client_post_with_csrf(&cons, page, path, form, &r) == 0 && r.status == 303, "toegekend");
	http_resp_free(&r);
	long long nr_els = db_int("SELECT nummer FROM toewijzing WHERE voorziening_id = %lld AND actueel = 1", w2);
	long long n301 = db_int("SELECT count(*) FROM bericht WHERE soort = '301'");
	snprintf(page, sizeof page, "/voorzieningen/%lld/bewerken", w2);
	snprintf(form, sizeof form, MAATWERK "&besluitdatum=%s&versie=2", daan, doel, "wmo2015", thuiszorg, "01-01HBH", 1,
	         "per_week", today, year_end, today);
	CHECK(client_post_with_csrf(&cons, page, page, form, &r) == 0 && r.status == 303, "it was meant for Daan");
	http_resp_free(&r);
	CHECK(db_int("SELECT count(*) FROM bericht WHERE soort = '301'") == n301 + 2 &&
	      db_int("SELECT count(*) FROM toewijzing WHERE nummer = %lld AND persoon_id = %lld AND actueel = 0"
	             " AND reden_wijziging = '13'", nr_els, els) == 1 &&
	      db_int("SELECT count(*) FROM toewijzing WHERE voorziening_id = %lld AND actueel = 1 AND persoon_id = %lld"
	             " AND nummer > %lld", w2, daan, nr_els) == 1,
	      "Els's toewijzing is withdrawn (13) in a 301 for her, and Daan's comes under a new number in his");
	x = db_text("SELECT CAST(xml AS TEXT) FROM bericht WHERE soort = '301' AND persoon_id = %lld ORDER BY id DESC LIMIT 1",
	            daan);
	ok_ = x && strstr(x, "999900018") && strstr(x, "<wmo301:Bsn>") && valid(x, why, sizeof why);
	CHECK(ok_, "Daan's WMO301 validates %.200s", why);
	free(x);

	/* ---- a client without BSN: no toewijzing, no message ---- */
	CHECK(ts_db_exec(&S, "INSERT INTO persoon(huishouden_id, first_name, name_prefix, last_name, birth_date, role)"
	                     " VALUES (%lld, 'Jan', 'de', 'Vries', '1971-03-02', 'ouder')", hh) == 0, "Jan, without BSN");
	long long jan = db_int("SELECT max(id) FROM persoon");
	long long nb = db_int("SELECT count(*) FROM bericht"), nt = db_int("SELECT count(*) FROM toewijzing");
	snprintf(page, sizeof page, "/huishoudens/%lld/voorzieningen/nieuw", hh);
	snprintf(form, sizeof form, MAATWERK, jan, doel, "wmo2015", thuiszorg, "01-01HBH", 2, "per_week", today, year_end);
	CHECK(client_post_with_csrf(&cons, page, page, form, &r) == 0 && r.status == 303, "a Wmo aanvraag for Jan");
	long long vj = location_id(&r, "/voorzieningen/");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/voorzieningen/%lld/status", vj);
	snprintf(page, sizeof page, "/voorzieningen/%lld", vj);
	snprintf(form, sizeof form, "actie=toekennen&besluitdatum=%s&versie=1", today);
	CHECK(client_post_with_csrf(&cons, page, path, form, &r) == 0 && r.status == 303, "toegekend");
	http_resp_free(&r);
	CHECK(db_int("SELECT count(*) FROM bericht") == nb && db_int("SELECT count(*) FROM toewijzing") == nt,
	      "without a BSN no toewijzing is made and no message stored");
	CHECK(client_get(&cons, page, &r) == 0 && http_body_has(&r, "de cliënt heeft geen BSN"),
	      "the voorziening page says why no message goes");
	http_resp_free(&r);

	free(ident1);
	free(identj);
	ts_stop(&S);
	bericht_validatie_opruimen();
	T_EXIT();
}
