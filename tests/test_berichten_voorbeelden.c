/* test_berichten_voorbeelden.c - every published example in
 * ../shared/conformance/istandaarden/{iwmo,ijw}-3.2/berichten that a
 * municipality receives is imported with `loket berichten import` into a
 * database holding matching data (the examples' BSNs, AGB codes and
 * ToewijzingNummers, under the gemeentecode each example is addressed to)
 * and applied: starts and stops reach the voorzieningen, a request becomes
 * a verzoek, a declaration is judged per prestatie, retours on our 301 and
 * 319 mark them.  The three examples the official rules find fault with
 * (WMO317 TR380, JW317 CS003, JW323 TR101) are refused and answered with the
 * rule's retourcode; what the gemeente sends itself is refused; every
 * retour we make validates. */
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "bericht_validatie.h"
#include "http_client.h"
#include "testutil.h"
#include "util.h"

static char release[512];

static int loket(char *out, size_t n, const char *fmt, ...)
{
	char args[2048], cmd[2300];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(args, sizeof args, fmt, ap);
	va_end(ap);
	snprintf(cmd, sizeof cmd, "build/san/loket %s 2>&1", args);
	FILE *p = popen(cmd, "r");
	size_t got = 0, r;
	out[0] = '\0';
	if (!p)
		return -1;
	while (got + 1 < n && (r = fread(out + got, 1, n - 1 - got, p)) > 0)
		got += r;
	out[got] = '\0';
	int st = pclose(p);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static int import(struct test_server *s, const char *gemeente, const char *file, char *out, size_t n)
{
	return loket(out, n, "berichten import --db %s --gemeentecode %s %s/%s", s->db, gemeente, release, file);
}

/* Every outgoing message (our retours) validates. */
static void retours_valid(struct test_server *s, const char *std)
{
	sqlite3 *db;
	sqlite3_stmt *st = NULL;
	int n = 0, bad = 0;
	char why[256] = "";
	if (sqlite3_open(s->db, &db) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, "SELECT xml FROM bericht WHERE richting = 'uit' AND length(xml) > 10", -1, &st, NULL) ==
	        SQLITE_OK) {
		while (sqlite3_step(st) == SQLITE_ROW) {
			n++;
			arena *a = arena_new();
			struct bericht_uitslag u;
			if (bericht_valideer(a, release, sqlite3_column_blob(st, 0), (size_t)sqlite3_column_bytes(st, 0), &u) != 0 ||
			    !u.geldig) {
				bad++;
				snprintf(why, sizeof why, "%s", u.nfouten ? u.fouten[0].tekst : "?");
			}
			arena_free(a);
		}
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
	CHECK(n > 0 && bad == 0, "%s: all %d retours we made validate %.150s", std, n, why);
}

int main(void)
{
	const char *shared = getenv("LOKET_SHARED");
	snprintf(release, sizeof release, "%s/conformance/istandaarden", shared && *shared ? shared : "../shared");
	setenv("LOKET_ISTANDAARDEN", release, 1);
	char out[4096];

	/* ---- iWmo ---- */
	struct test_server S;
	if (ts_start(&S, NULL) != 0) {
		T_FAIL("server start", "see %s", S.log);
		T_EXIT();
	}
	long long by = ts_db_int(&S, "SELECT min(id) FROM medewerker");
	CHECK(ts_db_exec(&S,
	      "INSERT INTO aanbieder(name, kind, agb_code) VALUES ('Voorbeeld Zorg', 'zorgaanbieder', '65656055'),"
	      " ('Voorbeeld Thuis', 'zorgaanbieder', '42420001');"
	      "INSERT INTO product(category, code, name, legal_basis) VALUES ('01', '01A11', 'Hulp A', 'wmo2015'),"
	      " ('01', '01A12', 'Hulp B', 'wmo2015'), ('01', '01A03', 'Hulp C', 'wmo2015'), ('01', '01A04', 'Hulp D', 'wmo2015');"
	      "INSERT INTO huishouden(street, house_number, postcode, city, opened_at) VALUES"
	      " ('Voorbeeldstraat', 1, '9999 XX', 'Plaats', strftime('%%s','now'));"
	      "INSERT INTO persoon(huishouden_id, bsn, first_name, last_name, birth_date, role) VALUES"
	      " ((SELECT max(id) FROM huishouden), '999900006', 'Tim', 'Wit', '1967-08-13', 'ouder'),"
	      " ((SELECT max(id) FROM huishouden), '999900018', 'Tom', 'Wit', '2010-02-14', 'kind');") == 0,
	      "iWmo: the examples' client, providers and products");
	/* Voorzieningen with the examples' toewijzingen. */
	static const struct {
		long nummer;
		const char *bsn, *agb, *code, *start, *end, *freq;
		int volume;
	} wmo[] = {{300201, "999900006", "65656055", "01A11", "2025-04-01", "2025-12-31", "per_week", 5},
	           {300202, "999900006", "65656055", "01A12", "2025-04-01", "2025-12-31", "per_week", 5},
	           {20072, "999900006", "65656055", "01A03", "2023-01-01", "2023-12-31", "per_maand", 20},
	           {200730, "999900006", "65656055", "01A04", "2023-01-01", "2023-12-31", "per_maand", 20},
	           {20074, "999900018", "65656055", "01A03", "2023-01-01", "2023-12-31", "per_maand", 20},
	           {20073, "999900018", "65656055", "01A04", "2023-01-01", "2023-12-31", "per_maand", 20}};
	for (size_t i = 0; i < sizeof wmo / sizeof wmo[0]; i++) {
		int rc = ts_db_exec(&S,
		    "INSERT INTO voorziening(huishouden_id, persoon_id, kind, decision_date, legal_basis, aanbieder_id, product_id,"
		    " volume, unit, frequency, start_date, end_date, cost_cents, status, created_by, created_at)"
		    " SELECT p.huishouden_id, p.id, 'maatwerk', '%s', 'wmo2015', a.id, pr.id, %d, 'uur', '%s', '%s', '%s', 0,"
		    " 'toegekend', %lld, strftime('%%s','now') FROM persoon p, aanbieder a, product pr"
		    " WHERE p.bsn = '%s' AND a.agb_code = '%s' AND pr.code = '%s';"
		    "INSERT INTO toewijzing(nummer, voorziening_id, persoon_id, aanbieder_id, standaard, categorie, code,"
		    " ingangsdatum, einddatum, volume, eenheid, frequentie, toewijzingsdatum, toewijzingstijd, gewijzigd)"
		    " SELECT %ld, v.id, v.persoon_id, v.aanbieder_id, 'iwmo', '01', '%s', v.start_date, v.end_date, v.volume,"
		    " '04', '%s', v.start_date, '09:00:00', 0 FROM voorziening v WHERE v.id = (SELECT max(id) FROM voorziening);",
		    wmo[i].start, wmo[i].volume, wmo[i].freq, wmo[i].start, wmo[i].end, by, wmo[i].bsn, wmo[i].agb, wmo[i].code,
		    wmo[i].nummer, wmo[i].code, strcmp(wmo[i].freq, "per_week") == 0 ? "2" : "4");
		CHECK(rc == 0, "iWmo: toewijzing %ld", wmo[i].nummer);
	}
	CHECK(import(&S, "0363", "iwmo-3.2/berichten/WMO305.xml", out, sizeof out) == 0 && strstr(out, "305 verwerkt"),
	      "WMO305 is applied: %.200s", out);
	CHECK(ts_db_int(&S, "SELECT count(*) FROM voorziening v JOIN toewijzing t ON t.voorziening_id = v.id"
	                    " WHERE t.nummer IN (300201, 300202) AND v.status = 'gestart'"
	                    " AND v.started_on IN ('2025-04-03', '2025-04-04')") == 2,
	      "WMO305: both voorzieningen started on the examples' dates");
	CHECK(import(&S, "0363", "iwmo-3.2/berichten/WMO307.xml", out, sizeof out) == 0 && strstr(out, "307 verwerkt"),
	      "WMO307 is applied: %.200s", out);
	CHECK(ts_db_int(&S, "SELECT count(*) FROM voorziening v JOIN toewijzing t ON t.voorziening_id = v.id"
	                    " WHERE t.nummer IN (300201, 300202) AND v.status = 'beeindigd' AND v.ended_on = '2025-07-18'"
	                    " AND v.end_reason = 'doel_bereikt'") == 2,
	      "WMO307: both ended on 2025-07-18, RedenBeeindiging 31 as doel bereikt");
	CHECK(import(&S, "0384", "iwmo-3.2/berichten/WMO315.xml", out, sizeof out) == 0 && strstr(out, "315 verwerkt"),
	      "WMO315 is applied: %.200s", out);
	CHECK(ts_db_int(&S, "SELECT count(*) FROM verzoek WHERE soort = '315' AND status = 'open'"
	                    " AND referentie = '42420001' AND inhoud LIKE '%%ABCDE%%' AND inhoud LIKE '%%BCDEF%%'") == 1,
	      "WMO315: one open request with both products");
	CHECK(import(&S, "0384", "iwmo-3.2/berichten/WMO317.xml", out, sizeof out) == 3 && strstr(out, "TR380"),
	      "WMO317 breaks rule TR380 (a wished start before the message date) and is refused: %.200s", out);
	CHECK(ts_db_int(&S, "SELECT count(*) FROM bericht WHERE richting = 'uit' AND soort = '318' AND standaard = 'iwmo'") == 1,
	      "WMO317: answered with a WMO318 carrying the rule's retourcode");
	CHECK(import(&S, "0384", "iwmo-3.2/berichten/WMO323.xml", out, sizeof out) == 0 && strstr(out, "323 verwerkt"),
	      "WMO323 is applied: %.200s", out);
	CHECK(ts_db_int(&S, "SELECT count(*) FROM declaratie_prestatie") == 4 &&
	      ts_db_int(&S, "SELECT count(*) FROM declaratie_prestatie WHERE goedgekeurd = 1") >= 2,
	      "WMO323: four prestaties judged and stored");
	CHECK(ts_db_int(&S, "SELECT count(*) FROM bericht WHERE richting = 'uit' AND soort = '325' AND standaard = 'iwmo'") == 1,
	      "WMO323: answered with a WMO325");
	CHECK(import(&S, "0384", "iwmo-3.2/berichten/WMO301.xml", out, sizeof out) == 3 && strstr(out, "stuurt de gemeente zelf"),
	      "WMO301 is what the gemeente sends: refused");
	retours_valid(&S, "iWmo");
	ts_stop(&S);

	/* ---- iJw ---- */
	if (ts_start(&S, NULL) != 0) {
		T_FAIL("server start", "see %s", S.log);
		T_EXIT();
	}
	by = ts_db_int(&S, "SELECT min(id) FROM medewerker");
	CHECK(ts_db_exec(&S,
	      "INSERT INTO aanbieder(name, kind, agb_code) VALUES ('Voorbeeld Jeugd', 'jeugdhulpaanbieder', '65656055'),"
	      " ('Voorbeeld Thuis', 'zorgaanbieder', '42420001');"
	      "INSERT INTO product(category, code, name, legal_basis) VALUES ('55', '55A11', 'Landelijk A', 'jeugdwet'),"
	      " ('55', '55A12', 'Landelijk B', 'jeugdwet');"
	      "INSERT INTO huishouden(street, house_number, postcode, city, opened_at) VALUES"
	      " ('Voorbeeldstraat', 1, '9999 XX', 'Plaats', strftime('%%s','now'));"
	      "INSERT INTO persoon(huishouden_id, bsn, first_name, last_name, birth_date, role) VALUES"
	      " ((SELECT max(id) FROM huishouden), '999900006', 'Tom', 'Wit', '2010-02-14', 'kind');") == 0,
	      "iJw: the examples' client, providers and products");
	static const struct {
		long nummer;
		const char *code;
	} jw[] = {{300201, "55A11"}, {300202, "55A12"}};
	for (size_t i = 0; i < 2; i++)
		CHECK(ts_db_exec(&S,
		      "INSERT INTO voorziening(huishouden_id, persoon_id, kind, decision_date, legal_basis, aanbieder_id, product_id,"
		      " volume, unit, frequency, start_date, end_date, cost_cents, status, created_by, created_at)"
		      " SELECT p.huishouden_id, p.id, 'maatwerk', '2026-03-20', 'jeugdwet', a.id, pr.id, 4, 'uur', 'per_week',"
		      " '2026-04-01', '2026-12-31', 0, 'toegekend', %lld, strftime('%%s','now') FROM persoon p, aanbieder a,"
		      " product pr WHERE p.bsn = '999900006' AND a.agb_code = '65656055' AND pr.code = '%s';"
		      "INSERT INTO toewijzing(nummer, voorziening_id, persoon_id, aanbieder_id, standaard, categorie, code,"
		      " ingangsdatum, einddatum, volume, eenheid, frequentie, toewijzingsdatum, toewijzingstijd, gewijzigd)"
		      " SELECT %ld, v.id, v.persoon_id, v.aanbieder_id, 'ijw', '55', '%s', v.start_date, v.end_date, 4, '04', '2',"
		      " '2026-03-20', '09:00:00', 0 FROM voorziening v WHERE v.id = (SELECT max(id) FROM voorziening);",
		      by, jw[i].code, jw[i].nummer, jw[i].code) == 0,
		      "iJw: toewijzing %ld", jw[i].nummer);
	/* Our 301 and 319 that the examples' retours answer. */
	CHECK(ts_db_exec(&S,
	      "INSERT INTO bericht(richting, standaard, soort, identificatie, dagtekening, afzender, ontvanger, aanbieder_id,"
	      " status, xml, sha256, created_at) SELECT 'uit', 'ijw', '301', '123456789012', '2023-07-15', '0384', '42420001',"
	      " id, 'verzonden', X'3C782F3E', 'a', strftime('%%s','now') FROM aanbieder WHERE agb_code = '42420001';"
	      "INSERT INTO bericht(richting, standaard, soort, identificatie, dagtekening, afzender, ontvanger, aanbieder_id,"
	      " status, xml, sha256, created_at) SELECT 'uit', 'ijw', '319', '876543219', '2023-04-04', '0384', '65656055',"
	      " id, 'verzonden', X'3C782F3E', 'b', strftime('%%s','now') FROM aanbieder WHERE agb_code = '65656055';") == 0,
	      "iJw: the 301 and 319 the examples' retours answer");
	CHECK(import(&S, "0363", "ijw-3.2/berichten/JW305.xml", out, sizeof out) == 0 && strstr(out, "305 verwerkt"),
	      "JW305 is applied: %.200s", out);
	CHECK(ts_db_int(&S, "SELECT count(*) FROM voorziening WHERE status = 'gestart' AND started_on IN ('2026-04-03',"
	                    " '2026-04-15')") == 2, "JW305: both started");
	CHECK(import(&S, "0363", "ijw-3.2/berichten/JW307.xml", out, sizeof out) == 0 && strstr(out, "307 verwerkt"),
	      "JW307 is applied: %.200s", out);
	CHECK(ts_db_int(&S, "SELECT count(*) FROM voorziening WHERE status = 'beeindigd' AND ended_on = '2026-07-17'") == 2,
	      "JW307: both ended on 2026-07-17");
	CHECK(import(&S, "0384", "ijw-3.2/berichten/JW302.xml", out, sizeof out) == 0 && strstr(out, "302 verwerkt"),
	      "JW302 is applied: %.200s", out);
	CHECK(ts_db_int(&S, "SELECT count(*) FROM bericht WHERE identificatie = '123456789012' AND richting = 'uit'"
	                    " AND status = 'afgekeurd' AND retourcodes = '8848'") == 1,
	      "JW302: our 301 is marked afgekeurd with retourcode 8848");
	CHECK(import(&S, "0384", "ijw-3.2/berichten/JW320.xml", out, sizeof out) == 0 && strstr(out, "320 verwerkt"),
	      "JW320 is applied: %.200s", out);
	CHECK(ts_db_int(&S, "SELECT count(*) FROM bericht WHERE identificatie = '876543219' AND richting = 'uit'"
	                    " AND status = 'afgekeurd' AND retourcodes = '9360'") == 1,
	      "JW320: our 319 is marked afgekeurd with retourcode 9360");
	CHECK(import(&S, "0384", "ijw-3.2/berichten/JW317.xml", out, sizeof out) == 3 && strstr(out, "CS003"),
	      "JW317 breaks CS003 (an end before a start) and is refused: %.200s", out);
	CHECK(import(&S, "0384", "ijw-3.2/berichten/JW323.xml", out, sizeof out) == 3 && strstr(out, "TR101"),
	      "JW323 breaks TR101 (a prestatie twice) and is refused: %.200s", out);
	CHECK(ts_db_int(&S, "SELECT count(*) FROM declaratie_prestatie") == 0, "JW323: nothing of it is stored");
	CHECK(ts_db_int(&S, "SELECT count(*) FROM bericht WHERE richting = 'uit' AND soort IN ('318', '325')") == 2,
	      "JW317 and JW323 are answered with their retours");
	static const char *const ours[] = {"JW306", "JW308", "JW316", "JW319", "JW325"};
	for (size_t i = 0; i < 5; i++) {
		char file[64];
		snprintf(file, sizeof file, "ijw-3.2/berichten/%s.xml", ours[i]);
		CHECK(import(&S, "0384", file, out, sizeof out) == 3 && strstr(out, "stuurt de gemeente zelf"),
		      "%s is what the gemeente sends: refused", ours[i]);
	}
	CHECK(import(&S, "0384", "ijw-3.2/berichten-ongeldig/JW315.xml", out, sizeof out) == 3 &&
	      strstr(out, "2027-06-31"), "the published faulty JW315 is refused (a date 2027-06-31)");
	CHECK(import(&S, "0384", "ijw-3.2/berichten-ongeldig/JW318.xml", out, sizeof out) == 3 &&
	      strstr(out, "RetourCode"), "the published faulty JW318 is refused (a misplaced RetourCode)");
	retours_valid(&S, "iJw");
	ts_stop(&S);
	bericht_validatie_opruimen();
	T_EXIT();
}
