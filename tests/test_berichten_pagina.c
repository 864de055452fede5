/* test_berichten_pagina.c - the pages, forms and API of berichtenverkeer
 * (issue 14) against the real server: the Berichtenverkeer section of a
 * maatwerk voorziening (its toewijzing and 301, why no message goes, a
 * failed message with what to fix), the Berichtenverkeer page for
 * teamleider and beheerder (lists, filters validated at the field, CSV
 * safe against formulas, one message with its XML escaped), the
 * beheerder's upload of an incoming file (verwerkt, geweigerd with its
 * reason, al eerder ingelezen), /api/v1/berichten (list, get, post with
 * 201/200/415/422/403), a provider's request (315) as a melding and its
 * page (need-to-know, afwijzen with its reason at the field, a stale
 * decision 409, toekennen with its 301, afwijzen with its 319), the
 * person form's message fields and OP003, the beheer forms (aanbieder
 * standards, product eenheid and frequentie, contracts) and the
 * dashboard's declared amount; every action audited. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "http_client.h"
#include "testutil.h"

static struct test_server S;
static char today[11], end_date[11];

#define db_int(...) ts_db_int(&S, __VA_ARGS__)

static void day(int offset, char out[11])
{
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	tm.tm_mday += offset;
	tm.tm_hour = 12;
	tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	t = mktime(&tm);
	localtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

static long long location_id(const struct http_resp *r, const char *prefix)
{
	char loc[256];
	if (!http_header(r, "Location", loc, sizeof loc) || strncmp(loc, prefix, strlen(prefix)) != 0)
		return -1;
	return atoll(loc + strlen(prefix));
}

/* POST an XML body to the API as agent a. */
static int post_xml(struct agent *a, const char *ctype, const char *xml, struct http_resp *out, json_t **json)
{
	char headers[256];
	snprintf(headers, sizeof headers, "X-CSRF-Token: %s\r\n", a->csrf);
	int rc = client_request(&a->c, "POST", "/api/v1/berichten", ctype, xml, headers, out);
	if (json)
		*json = rc == 0 ? json_loads(out->body, 0, NULL) : NULL;
	return rc == 0 ? out->status : -1;
}

/* A 305 (iWmo) from AGB agb for client bsn on toewijzing nr. */
static char *wmo305(const char *ident, const char *agb, const char *bsn, long long nr, const char *ingang,
                    const char *begin)
{
	char *x = NULL;
	if (asprintf(&x,
	             "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	             "<wmo305:Bericht xmlns:iwmo=\"http://www.istandaarden.nl/iwmo/3_2/basisschema/schema\""
	             " xmlns:wmo305=\"http://www.istandaarden.nl/iwmo/3_2/wmo305/schema\">"
	             "<wmo305:Header><wmo305:BerichtCode>418</wmo305:BerichtCode><wmo305:BerichtVersie>3</wmo305:BerichtVersie>"
	             "<wmo305:BerichtSubversie>2</wmo305:BerichtSubversie><wmo305:Afzender>%s</wmo305:Afzender>"
	             "<wmo305:Ontvanger>0267</wmo305:Ontvanger><wmo305:BerichtIdentificatie>"
	             "<iwmo:Identificatie>%s</iwmo:Identificatie><iwmo:Dagtekening>%s</iwmo:Dagtekening>"
	             "</wmo305:BerichtIdentificatie><wmo305:XsdVersie><iwmo:BasisschemaXsdVersie>1.0.0</iwmo:BasisschemaXsdVersie>"
	             "<iwmo:BerichtXsdVersie>1.0.0</iwmo:BerichtXsdVersie></wmo305:XsdVersie></wmo305:Header>"
	             "<wmo305:Client><wmo305:Bsn>%s</wmo305:Bsn><wmo305:Geboortedatum><iwmo:Datum>1943-05-09</iwmo:Datum>"
	             "</wmo305:Geboortedatum><wmo305:Geslacht>2</wmo305:Geslacht><wmo305:Naam><iwmo:Geslachtsnaam>"
	             "<iwmo:Achternaam>Vries-Bos</iwmo:Achternaam></iwmo:Geslachtsnaam><iwmo:Voorletters>G</iwmo:Voorletters>"
	             "</wmo305:Naam><wmo305:StartProducten><wmo305:StartProduct><wmo305:ToewijzingNummer>%lld</wmo305:ToewijzingNummer>"
	             "<wmo305:Product><iwmo:Categorie>01</iwmo:Categorie><iwmo:Code>01HBH</iwmo:Code></wmo305:Product>"
	             "<wmo305:ToewijzingIngangsdatum>%s</wmo305:ToewijzingIngangsdatum><wmo305:Begindatum>%s</wmo305:Begindatum>"
	             "<wmo305:StatusAanlevering>1</wmo305:StatusAanlevering></wmo305:StartProduct></wmo305:StartProducten>"
	             "</wmo305:Client></wmo305:Bericht>\n",
	             agb, ident, today, bsn, nr, ingang, begin) < 0)
		return NULL;
	return x;
}

/* The 307 (stop, reason 31 volgens plan) on the same toewijzing: the 305
 * with its kind, code and StartProduct turned into a StopProduct. */
static char *wmo307(const char *ident, long long nr, const char *ingang, const char *eind)
{
	char *x305 = wmo305(ident, "75750123", "999900006", nr, ingang, ingang);
	if (!x305)
		return NULL;
	size_t cap = strlen(x305) + 512, n = 0;
	char *out = malloc(cap);
	for (const char *p = x305; *p;) {
		static const char *const from[] = {"<wmo305:BerichtCode>418", "<wmo305:StatusAanlevering>", "wmo305",
		                                   "StartProducten", "StartProduct"};
		const char *to[] = {"<wmo307:BerichtCode>420", NULL, "wmo307", "StopProducten", "StopProduct"};
		bool done = false;
		for (size_t i = 0; i < 5 && !done; i++) {
			size_t l = strlen(from[i]);
			if (strncmp(p, from[i], l) != 0)
				continue;
			if (to[i])
				n += (size_t)snprintf(out + n, cap - n, "%s", to[i]);
			else
				n += (size_t)snprintf(out + n, cap - n, "<wmo307:RedenBeeindiging>31</wmo307:RedenBeeindiging>"
				                                        "<wmo307:Einddatum>%s</wmo307:Einddatum>"
				                                        "<wmo307:StatusAanlevering>", eind);
			p += l;
			done = true;
		}
		if (!done)
			out[n++] = *p++;
		out[n] = '\0';
	}
	free(x305);
	return out;
}

/* A 315 (iWmo) asking product 07 07DAG (dagbesteding), 3 hours a week. */
static char *wmo315(const char *ident, const char *ref, const char *bsn, const char *van, const char *tot)
{
	char *x = NULL;
	if (asprintf(&x,
	             "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	             "<wmo315:Bericht xmlns:iwmo=\"http://www.istandaarden.nl/iwmo/3_2/basisschema/schema\""
	             " xmlns:wmo315=\"http://www.istandaarden.nl/iwmo/3_2/wmo315/schema\">"
	             "<wmo315:Header><wmo315:BerichtCode>444</wmo315:BerichtCode><wmo315:BerichtVersie>3</wmo315:BerichtVersie>"
	             "<wmo315:BerichtSubversie>2</wmo315:BerichtSubversie><wmo315:Afzender>75750123</wmo315:Afzender>"
	             "<wmo315:Ontvanger>0267</wmo315:Ontvanger><wmo315:BerichtIdentificatie>"
	             "<iwmo:Identificatie>%s</iwmo:Identificatie><iwmo:Dagtekening>%s</iwmo:Dagtekening>"
	             "</wmo315:BerichtIdentificatie><wmo315:XsdVersie><iwmo:BasisschemaXsdVersie>1.0.0</iwmo:BasisschemaXsdVersie>"
	             "<iwmo:BerichtXsdVersie>1.0.0</iwmo:BerichtXsdVersie></wmo315:XsdVersie></wmo315:Header>"
	             "<wmo315:Client><wmo315:Bsn>%s</wmo315:Bsn><wmo315:Geboortedatum><iwmo:Datum>1943-05-09</iwmo:Datum>"
	             "</wmo315:Geboortedatum><wmo315:Geslacht>2</wmo315:Geslacht><wmo315:Naam><iwmo:Geslachtsnaam>"
	             "<iwmo:Achternaam>Vries-Bos</iwmo:Achternaam></iwmo:Geslachtsnaam><iwmo:Voorletters>G</iwmo:Voorletters>"
	             "</wmo315:Naam><wmo315:AangevraagdeProducten><wmo315:AangevraagdProduct>"
	             "<wmo315:ReferentieAanbieder>%s</wmo315:ReferentieAanbieder>"
	             "<wmo315:Product><iwmo:Categorie>07</iwmo:Categorie><iwmo:Code>07DAG</iwmo:Code></wmo315:Product>"
	             "<wmo315:ToewijzingIngangsdatum>%s</wmo315:ToewijzingIngangsdatum>"
	             "<wmo315:ToewijzingEinddatum>%s</wmo315:ToewijzingEinddatum>"
	             "<wmo315:Omvang><iwmo:Volume>3</iwmo:Volume><iwmo:Eenheid>04</iwmo:Eenheid><iwmo:Frequentie>2</iwmo:Frequentie>"
	             "</wmo315:Omvang><wmo315:Verwijzer><iwmo:Type>04</iwmo:Type><iwmo:Naam>Huisarts Jansen</iwmo:Naam>"
	             "</wmo315:Verwijzer></wmo315:AangevraagdProduct></wmo315:AangevraagdeProducten></wmo315:Client>"
	             "</wmo315:Bericht>\n",
	             ident, today, bsn, ref, van, tot) < 0)
		return NULL;
	return x;
}

/* ---- the voorziening page -------------------------------------------------------- */

static long long hh1, grietje, v1;

static void voorziening_section(struct agent *cons)
{
	struct http_resp r;
	char page[128], form[1024];
	snprintf(page, sizeof page, "/huishoudens/%lld/voorzieningen/nieuw", hh1);
	snprintf(form, sizeof form,
	         "soort=maatwerk&persoon=%lld&wettelijke_grondslag=wmo2015&aanbieder=1&product=01-01HBH&volume=3"
	         "&eenheid=uur&frequentie=per_week&ingangsdatum=%s&einddatum=%s&kosten=1200",
	         grietje, today, end_date);
	CHECK(agent_post(cons, page, form, &r) == 303, "a maatwerk Wmo voorziening registered");
	v1 = location_id(&r, "/voorzieningen/");
	http_resp_free(&r);
	char path[128], step[256];
	snprintf(path, sizeof path, "/voorzieningen/%lld", v1);
	CHECK(agent_get(cons, path, &r) == 200 && http_body_has(&r, "Berichtenverkeer (iWmo)") &&
	      http_body_has(&r, "Nog geen toewijzing"),
	      "an aanvraag shows the Berichtenverkeer section without a toewijzing yet");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/voorzieningen/%lld/status", v1);
	snprintf(step, sizeof step, "actie=toekennen&besluitdatum=%s&versie=1", today);
	CHECK(agent_post(cons, path, step, &r) == 303, "toekennen");
	http_resp_free(&r);
	CHECK(db_int("SELECT count(*) FROM bericht WHERE soort = '301' AND status = 'klaar' AND persoon_id = %lld", grietje) == 1,
	      "toekennen queued a valid 301");
	long long nummer = db_int("SELECT nummer FROM toewijzing WHERE voorziening_id = %lld AND actueel = 1", v1);
	char nr[32];
	snprintf(nr, sizeof nr, "%lld", nummer);
	snprintf(path, sizeof path, "/voorzieningen/%lld", v1);
	CHECK(agent_get(cons, path, &r) == 200 && http_body_has(&r, "Toewijzing (301)") &&
	      http_body_has(&r, "Klaar om te verzenden") && http_body_has(&r, nr) && http_body_has(&r, "3 uur per week") &&
	      http_body_has(&r, "01 01HBH") && http_body_has(&r, "Nog geen startbericht") &&
	      !http_body_has(&r, "Er gaat geen bericht"),
	      "the voorziening shows its toewijzing (number, product, volume in words) and its 301");
	if (getenv("DUMP") && r.body) {
		const char *p = strstr(r.body, "berichtenverkeer-kop");
		fprintf(stderr, "%.4000s\n", p ? p : r.body);
	}
	http_resp_free(&r);

	/* A provider without an AGB code: no message, and the page says why. */
	ts_db_exec(&S, "UPDATE aanbieder SET agb_code = NULL WHERE id = 3");
	snprintf(page, sizeof page, "/huishoudens/%lld/voorzieningen/nieuw", hh1);
	snprintf(form, sizeof form,
	         "soort=maatwerk&persoon=%lld&wettelijke_grondslag=wmo2015&aanbieder=3&product=02-02BGI&volume=2"
	         "&eenheid=uur&frequentie=per_week&ingangsdatum=%s&einddatum=%s&kosten=800",
	         grietje, today, end_date);
	CHECK(agent_post(cons, page, form, &r) == 303, "a second voorziening, with a provider without AGB code");
	long long v2 = location_id(&r, "/voorzieningen/");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/voorzieningen/%lld/status", v2);
	CHECK(agent_post(cons, path, step, &r) == 303, "toekennen (no AGB)");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/voorzieningen/%lld", v2);
	CHECK(agent_get(cons, path, &r) == 200 && http_body_has(&r, "de aanbieder heeft geen AGB-code"),
	      "a provider without AGB code: the page says plainly why no message goes");
	http_resp_free(&r);
	CHECK(db_int("SELECT count(*) FROM bericht WHERE aanbieder_id = 3") == 0, "and none was made");
	ts_db_exec(&S, "UPDATE aanbieder SET agb_code = '75759876' WHERE id = 3");

	/* A provider that does not receive iWmo. */
	ts_db_exec(&S, "UPDATE aanbieder SET ontvangt_iwmo = 0 WHERE id = 3");
	CHECK(agent_get(cons, path, &r) == 200 && http_body_has(&r, "ontvangt geen iWmo-berichten"),
	      "a provider that receives no iWmo: said on the page");
	http_resp_free(&r);
	ts_db_exec(&S, "UPDATE aanbieder SET ontvangt_iwmo = 1 WHERE id = 3");

	/* An algemene voorziening or a Participatiewet one has no section. */
	CHECK(db_int("SELECT count(*) FROM audit WHERE action = 'voorziening.view' AND object_id = %lld", v1) >= 2,
	      "the voorziening views are audited");
}

/* ---- the Berichtenverkeer page ---------------------------------------------------- */

static void berichten_page(struct agent *tl, struct agent *beh, struct agent *cons, struct agent *geb)
{
	struct http_resp r;
	long long b301 = db_int("SELECT id FROM bericht WHERE soort = '301' ORDER BY id LIMIT 1");
	char ident[64];
	snprintf(ident, sizeof ident, "EL%010lld", db_int("SELECT CAST(substr(identificatie, 3) AS INTEGER) FROM bericht"
	                                                   " WHERE id = %lld", b301));
	long long before = db_int("SELECT count(*) FROM audit WHERE action = 'bericht.list'");
	CHECK(agent_get(tl, "/berichten", &r) == 200 && http_body_has(&r, "Uitbak") &&
	      http_body_has(&r, "Toewijzing (301)") && http_body_has(&r, "Thuiszorg Gelderse Vallei") &&
	      http_body_has(&r, "Verzoeken die wachten op een besluit") && !http_body_has(&r, "Grietje") &&
	      !http_body_has(&r, "Een ontvangen bericht inlezen"),
	      "teamleider: the page lists the 301 in the outbox, names no client, offers no upload");
	http_resp_free(&r);
	CHECK(db_int("SELECT count(*) FROM audit WHERE action = 'bericht.list'") == before + 1, "the list view is audited");
	CHECK(agent_get(beh, "/berichten", &r) == 200 && http_body_has(&r, "Een ontvangen bericht inlezen"),
	      "beheerder: the page with the upload form");
	http_resp_free(&r);
	CHECK(agent_get(cons, "/berichten", &r) == 403, "a consulent may not see the page");
	http_resp_free(&r);
	CHECK(agent_get(geb, "/berichten", &r) == 403, "a gebiedsteam member may not see the page");
	http_resp_free(&r);

	/* Filters. */
	CHECK(agent_get(tl, "/berichten?aanbieder=1&standaard=iwmo&status=klaar", &r) == 200 &&
	      http_body_has(&r, "Toewijzing (301)") && http_body_has(&r, "<option value=\"iwmo\" selected>"),
	      "filters by aanbieder, standard and status keep their values");
	http_resp_free(&r);
	CHECK(agent_get(tl, "/berichten?standaard=iwmo&uitbak=aanbieder&uitbak_richting=op", &r) == 200 &&
	      http_body_has(&r, "aria-sort=\"ascending\"") && http_body_has(&r, "gesorteerd op") &&
	      http_body_has(&r, "standaard=iwmo"),
	      "a list sorts by a column without JavaScript, the filter kept in its links");
	http_resp_free(&r);
	CHECK(agent_get(tl, "/berichten?standaard=ijw", &r) == 200 && !http_body_has(&r, "Toewijzing (301)"),
	      "the iJw filter leaves the iWmo 301 out");
	http_resp_free(&r);
	CHECK(agent_get(tl, "/berichten?standaard=xml&status=klaar", &r) == 422 && http_body_has(&r, "standaard-fout") &&
	      http_body_has(&r, "Standaard: ") && !http_body_has(&r, "Uitbak") &&
	      http_body_has(&r, "<option value=\"klaar\" selected>"),
	      "an unknown standard: 422 at the field and in the summary, nothing computed, the other filter kept");
	http_resp_free(&r);
	CHECK(agent_get(tl, "/berichten?aanbieder=999999", &r) == 422 && http_body_has(&r, "Deze aanbieder bestaat niet"),
	      "an unknown aanbieder refused at the field");
	http_resp_free(&r);
	CHECK(agent_get(tl, "/berichten?aanbieder=abc", &r) == 422 && http_body_has(&r, "aanbieder-fout"),
	      "an aanbieder that is no number refused at the field");
	http_resp_free(&r);
	CHECK(agent_get(tl, "/berichten?status=fout%0A", &r) == 422 || r.status == 200, "a control character does not crash");
	http_resp_free(&r);

	/* CSV: the outbox, with a provider whose name starts a formula. */
	ts_db_exec(&S, "UPDATE aanbieder SET name = '=HYPERLINK(\"http://x\")' WHERE id = 1");
	before = db_int("SELECT count(*) FROM audit WHERE action = 'bericht.export'");
	char head[256];
	CHECK(agent_get(tl, "/berichten?csv=uitbak&aanbieder=1", &r) == 200 &&
	      http_header(&r, "Content-Type", head, sizeof head) && strstr(head, "text/csv") &&
	      http_body_has(&r, "Bericht;Soort;Standaard;Identificatie;Aanbieder") && http_body_has(&r, ident) &&
	      http_body_has(&r, "'=HYPERLINK") && http_body_has(&r, "Klaar om te verzenden"),
	      "the outbox as CSV: header, the 301, a formula neutralised");
	http_resp_free(&r);
	ts_db_exec(&S, "UPDATE aanbieder SET name = 'Thuiszorg Gelderse Vallei' WHERE id = 1");
	CHECK(db_int("SELECT count(*) FROM audit WHERE action = 'bericht.export'") == before + 1, "the export is audited");
	CHECK(agent_get(tl, "/berichten?csv=verzoeken", &r) == 200 && http_body_has(&r, "Verzoek;Soort;Aanbieder"),
	      "the open requests as CSV");
	http_resp_free(&r);
	CHECK(agent_get(tl, "/berichten?csv=niets", &r) == 404, "an unknown list is 404");
	http_resp_free(&r);
	CHECK(agent_get(tl, "/berichten?csv=uitbak&standaard=x", &r) == 422, "a CSV with a bad filter is refused, nothing exported");
	http_resp_free(&r);

	/* One message with its XML, escaped. */
	char path[64];
	snprintf(path, sizeof path, "/berichten/%lld", b301);
	before = db_int("SELECT count(*) FROM audit WHERE action = 'bericht.view' AND object_id = %lld", b301);
	CHECK(agent_get(tl, path, &r) == 200 && http_body_has(&r, "&lt;") && http_body_has(&r, "999900006") &&
	      http_body_has(&r, ident) && !http_body_has(&r, "<wmo301:Bericht"),
	      "one message: details and its XML escaped in a pre");
	http_resp_free(&r);
	CHECK(db_int("SELECT count(*) FROM audit WHERE action = 'bericht.view' AND object_id = %lld AND huishouden_id = %lld",
	             b301, hh1) == before + 1, "the view is audited with the household");
	CHECK(agent_get(cons, path, &r) == 403, "a consulent cannot open a message here");
	http_resp_free(&r);
	CHECK(agent_get(tl, "/berichten/999999", &r) == 404, "an unknown message is 404");
	http_resp_free(&r);

	/* A message of ours that failed validation: the rule and what to fix. */
	ts_db_exec(&S, "INSERT INTO bericht(richting, standaard, soort, identificatie, aanbieder_id, huishouden_id, status,"
	               " reden, xml, sha256, created_at) VALUES ('uit', 'iwmo', '301', 'ELTEST', 1, %lld, 'fout',"
	               " 'Regel CS002 van de standaard is geschonden: De waarde moet voldoen aan de 11-proef"
	               " (bij /Bericht/Client/Bsn)', X'3C612F3E', 'x', strftime('%%s','now'))", hh1);
	long long bf = db_int("SELECT id FROM bericht WHERE identificatie = 'ELTEST'");
	snprintf(path, sizeof path, "/berichten/%lld", bf);
	CHECK(agent_get(tl, path, &r) == 200 && http_body_has(&r, "Niet verzonden: fout") &&
	      http_body_has(&r, "CS002") && http_body_has(&r, "Wat te doen:") && http_body_has(&r, "Controleer het BSN"),
	      "a failed message: the rule in Dutch and what to fix");
	http_resp_free(&r);
}

/* ---- upload and API --------------------------------------------------------------- */

static void upload_and_api(struct agent *tl, struct agent *beh, struct agent *cons)
{
	struct http_resp r;
	json_t *j = NULL;
	CHECK(agent_post(beh, "/berichten/inlezen", "bericht=&bestandsnaam=leeg.xml", &r) == 422 &&
	      http_body_has(&r, "Bestand: kies een bestand of plak het bericht.") && http_body_has(&r, "value=\"leeg.xml\""),
	      "upload: neither a file nor a pasted message: refused at the field, the file name kept");
	http_resp_free(&r);
	CHECK(agent_post(beh, "/berichten/inlezen", "bericht=dit+is+geen+xml&bestandsnaam=x.txt", &r) == 422 &&
	      http_body_has(&r, "Het bericht is geweigerd"),
	      "upload: text that is no XML is refused with its reason");
	http_resp_free(&r);
	CHECK(db_int("SELECT count(*) FROM bericht WHERE richting = 'in' AND status = 'geweigerd'") >= 1,
	      "the refused file is kept with its reason for the inbox");
	CHECK(agent_post(tl, "/berichten/inlezen", "bericht=x", &r) == 403, "upload: a teamleider may not");
	http_resp_free(&r);

	long long nr = db_int("SELECT nummer FROM toewijzing WHERE voorziening_id = %lld AND actueel = 1", v1);
	char *x305 = wmo305("305000000001", "75750123", "999900006", nr, today, today);
	char *enc = form_escape(x305);
	size_t n = strlen(enc) + 64;
	char *form = malloc(n);
	snprintf(form, n, "bestandsnaam=start.xml&bericht=%s", enc);
	long long uploads = db_int("SELECT count(*) FROM audit WHERE action = 'bericht.upload'");
	CHECK(agent_post(beh, "/berichten/inlezen", form, &r) == 200 && http_body_has(&r, "ingelezen en verwerkt") &&
	      http_body_has(&r, "Startbericht (305)"),
	      "upload: a 305 for our toewijzing is read and applied");
	if (r.status != 200 && r.body)
		fprintf(stderr, "%s\n", strstr(r.body, "geweigerd") ? strstr(r.body, "geweigerd") : "");
	http_resp_free(&r);
	CHECK(db_int("SELECT count(*) FROM audit WHERE action = 'bericht.upload'") == uploads + 1, "the upload is audited");
	CHECK(agent_post(beh, "/berichten/inlezen", form, &r) == 200 && http_body_has(&r, "al eerder ingelezen"),
	      "upload: the same file again changes nothing and says so");
	http_resp_free(&r);

	/* The same file chosen in the form (multipart), as a browser sends it. */
	char csrf_hdr[256];
	snprintf(csrf_hdr, sizeof csrf_hdr, "X-CSRF-Token: %s\r\n", beh->csrf);
	char *mp = NULL;
	asprintf(&mp, "--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n%s\r\n"
	              "--XyZ\r\nContent-Disposition: form-data; name=\"bestand\"; filename=\"start.xml\"\r\n"
	              "Content-Type: text/xml\r\n\r\n%s\r\n--XyZ\r\nContent-Disposition: form-data; name=\"bericht\"\r\n\r\n"
	              "\r\n--XyZ--\r\n", beh->csrf, x305);
	CHECK(client_request(&beh->c, "POST", "/berichten/inlezen", "multipart/form-data; boundary=XyZ", mp, NULL, &r) == 0 &&
	      r.status == 200 && http_body_has(&r, "al eerder ingelezen"),
	      "upload: the file chosen in the form (multipart) is read as the same file");
	http_resp_free(&r);
	free(mp);
	char *x305b = wmo305("305000000009", "75750123", "999900006", nr, today, today);
	asprintf(&mp, "--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n%s\r\n"
	              "--XyZ\r\nContent-Disposition: form-data; name=\"bestand\"; filename=\"tweede.xml\"\r\n"
	              "Content-Type: text/xml\r\n\r\n%s\r\n--XyZ--\r\n", beh->csrf, x305b);
	CHECK(client_request(&beh->c, "POST", "/berichten/inlezen", "multipart/form-data; boundary=XyZ", mp, NULL, &r) == 0 &&
	      r.status == 200 && http_body_has(&r, "ingelezen en verwerkt") &&
	      db_int("SELECT count(*) FROM bericht WHERE bestandsnaam = 'tweede.xml' AND status = 'verwerkt'") == 1,
	      "upload: a new file chosen in the form is read, stored under its file name");
	http_resp_free(&r);
	free(mp);
	free(x305b);
	/* Pasted, with the form's file input left empty, as a browser sends it. */
	char *x305c = wmo305("305000000010", "75750123", "999900006", nr, today, today);
	asprintf(&mp, "--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n%s\r\n"
	              "--XyZ\r\nContent-Disposition: form-data; name=\"bestand\"; filename=\"\"\r\n"
	              "Content-Type: application/octet-stream\r\n\r\n\r\n"
	              "--XyZ\r\nContent-Disposition: form-data; name=\"bestandsnaam\"\r\n\r\ngeplakt.xml\r\n"
	              "--XyZ\r\nContent-Disposition: form-data; name=\"bericht\"\r\n\r\n%s\r\n--XyZ--\r\n", beh->csrf, x305c);
	CHECK(client_request(&beh->c, "POST", "/berichten/inlezen", "multipart/form-data; boundary=XyZ", mp, NULL, &r) == 0 &&
	      r.status == 200 && http_body_has(&r, "ingelezen en verwerkt") &&
	      db_int("SELECT count(*) FROM bericht WHERE bestandsnaam = 'geplakt.xml' AND status = 'verwerkt'") == 1,
	      "upload: a pasted message next to an empty file input (as a browser sends it) is read");
	http_resp_free(&r);
	free(mp);
	free(x305c);
	asprintf(&mp, "--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n%s\r\n"
	              "--XyZ\r\nContent-Disposition: form-data; name=\"bestand\"; filename=\"a.xml\"\r\n\r\n<a/>\r\n"
	              "--XyZ\r\nContent-Disposition: form-data; name=\"bestand\"; filename=\"b.xml\"\r\n\r\n<b/>\r\n"
	              "--XyZ--\r\n", beh->csrf);
	CHECK(client_request(&beh->c, "POST", "/berichten/inlezen", "multipart/form-data; boundary=XyZ", mp, NULL, &r) == 0 &&
	      r.status == 400, "upload: two files under one name are refused (400)");
	http_resp_free(&r);
	free(mp);
	CHECK(client_request(&beh->c, "POST", "/berichten/inlezen", "multipart/form-data; boundary=XyZ",
	                     "geen multipart", NULL, &r) == 0 && r.status == 400,
	      "upload: a body that is no multipart is refused (400)");
	http_resp_free(&r);
	CHECK(client_request(&beh->c, "POST", "/beheer/aanbieders/1/contracten", "multipart/form-data; boundary=XyZ",
	                     "--XyZ--\r\n", csrf_hdr, &r) == 0 && r.status == 415,
	      "multipart is taken only where a file is read (415 elsewhere)");
	http_resp_free(&r);
	free(form);
	free(enc);
	char path[64], nl[11];
	snprintf(nl, sizeof nl, "%.2s-%.2s-%.4s", today + 8, today + 5, today);
	snprintf(path, sizeof path, "/voorzieningen/%lld", v1);
	CHECK(agent_get(cons, path, &r) == 200 && http_body_has(&r, "Gestart op") && http_body_has(&r, "Startbericht (305)") &&
	      http_body_has(&r, "Retour startbericht (306)"),
	      "the voorziening shows the actual start, the 305 and our 306");
	http_resp_free(&r);
	char *x307 = wmo307("307000000001", nr, today, today);
	CHECK(post_xml(beh, "application/xml", x307, &r, NULL) == 201, "API: the provider's 307 (stop) is applied");
	if (r.status != 201 && r.body)
		fprintf(stderr, "%s\n", r.body);
	http_resp_free(&r);
	free(x307);
	CHECK(agent_get(cons, path, &r) == 200 && http_body_has(&r, "Gestopt op") &&
	      http_body_has(&r, "(Volgens plan beëindigd)") && http_body_has(&r, "Stopbericht (307)"),
	      "the voorziening shows the actual stop with its reason in words");
	http_resp_free(&r);
	CHECK(agent_get(tl, "/berichten", &r) == 200 && http_body_has(&r, "Ontvangen en verwerkt") &&
	      http_body_has(&r, "Ontvangen en geweigerd") && http_body_has(&r, "Retour nog te versturen") &&
	      http_body_has(&r, "Het bestand is geen geldig bericht"),
	      "the inbox, the refused list with the reason, the retours due");
	http_resp_free(&r);
	ts_db_exec(&S, "UPDATE bericht SET termijn = '2020-01-06' WHERE richting = 'in' AND soort = '305'");
	CHECK(agent_get(tl, "/berichten", &r) == 200 && http_body_has(&r, "Te laat: <span class=\"loket-nowrap\">06-01-2020"),
	      "a retour past its OP090 term is marked late");
	http_resp_free(&r);
	CHECK(agent_get(tl, "/berichten?csv=termijnen", &r) == 200 && http_body_has(&r, "06-01-2020"),
	      "the retours due as CSV with their term");
	http_resp_free(&r);

	/* The API. */
	CHECK(post_xml(beh, "application/xml", x305, &r, &j) == 200 && json_is_true(json_object_get(j, "herhaald")),
	      "API: the same file again is 200 with herhaald");
	json_decref(j);
	http_resp_free(&r);
	CHECK(post_xml(beh, "application/xml", "<geen-bericht/>", &r, &j) == 422 &&
	      json_is_false(json_object_get(j, "verwerkt")) && json_string_value(json_object_get(j, "reden")),
	      "API: XML that is no message is 422 with its reason");
	json_decref(j);
	http_resp_free(&r);
	CHECK(post_xml(beh, "application/json", "{}", &r, NULL) == 415, "API: JSON is 415");
	http_resp_free(&r);
	CHECK(post_xml(cons, "application/xml", x305, &r, NULL) == 403, "API: a consulent's session is 403");
	http_resp_free(&r);
	char *x315 = wmo315("315000000001", "REF-1", "999900006", today, end_date);
	CHECK(post_xml(tl, "text/xml", x315, &r, &j) == 201 && json_is_true(json_object_get(j, "verwerkt")) &&
	      !strcmp(json_string_value(json_object_get(j, "soort")) ? json_string_value(json_object_get(j, "soort")) : "", "315") &&
	      json_integer_value(json_object_get(j, "retour_id")) > 0,
	      "API: a 315 as text/xml is 201, verwerkt, with its retour");
	if (r.status != 201 && r.body)
		fprintf(stderr, "%s\n", r.body);
	json_decref(j);
	http_resp_free(&r);
	free(x315);
	free(x305);

	CHECK(agent_api(tl, "GET", "/api/v1/berichten?richting=in&soort=315", NULL, &r, &j) == 200 &&
	      json_array_size(json_object_get(j, "berichten")) == 1, "API: the list filtered by direction and kind");
	json_decref(j);
	http_resp_free(&r);
	CHECK(agent_api(tl, "GET", "/api/v1/berichten?status=onzin", NULL, &r, &j) == 422, "API: a bad filter is 422");
	json_decref(j);
	http_resp_free(&r);
	long long b = db_int("SELECT id FROM bericht WHERE soort = '315'");
	snprintf(path, sizeof path, "/api/v1/berichten/%lld", b);
	CHECK(agent_api(beh, "GET", path, NULL, &r, &j) == 200 && json_string_value(json_object_get(j, "xml")) &&
	      strstr(json_string_value(json_object_get(j, "xml")), "REF-1"), "API: one message with its XML");
	json_decref(j);
	http_resp_free(&r);
	CHECK(agent_api(beh, "GET", "/api/v1/berichten/999999", NULL, &r, NULL) == 404, "API: unknown message 404");
	http_resp_free(&r);
	CHECK(agent_api(cons, "GET", "/api/v1/berichten", NULL, &r, NULL) == 403, "API: a consulent's list is 403");
	http_resp_free(&r);

	/* A koppeling (the providers' portal of the demo) with a bearer token. */
	long long kop = db_int("SELECT id FROM medewerker WHERE name = 'Zorgaanbieder-portaal'");
	char form2[128];
	snprintf(form2, sizeof form2, "naam=Berichten&koppeling=%lld&verloopt=", kop);
	CHECK(agent_post(beh, "/beheer/api-tokens", form2, &r) == 200, "a token for the providers' portal");
	const char *t = r.body ? strstr(r.body, "loket-secret\">loket_") : NULL;
	char token[128] = "";
	if (t) {
		t += strlen("loket-secret\">");
		snprintf(token, sizeof token, "%.*s", (int)strcspn(t, "<"), t);
	}
	http_resp_free(&r);
	struct client k;
	client_init(&k, S.port);
	char hdr[200];
	snprintf(hdr, sizeof hdr, "Authorization: Bearer %s\r\n", token);
	CHECK(client_request(&k, "GET", "/api/v1/berichten?soort=305", NULL, NULL, hdr, &r) == 0 && r.status == 200 &&
	      http_body_has(&r, "\"soort\":\"305\""), "API: the koppeling lists the messages with its token");
	http_resp_free(&r);
	char *geen = strdup("<?xml version=\"1.0\"?><iets/>");
	CHECK(client_request(&k, "POST", "/api/v1/berichten", "application/xml", geen, hdr, &r) == 0 && r.status == 422 &&
	      db_int("SELECT count(*) FROM audit WHERE action = 'bericht.upload' AND medewerker_id = %lld", kop) == 1,
	      "API: the koppeling posts a file (refused here: no message), audited under its name");
	http_resp_free(&r);
	free(geen);
}

/* ---- a provider's request ------------------------------------------------------------ */

static void verzoeken(struct agent *cons, struct agent *other, struct agent *geb, struct agent *tl)
{
	struct http_resp r;
	long long vz = db_int("SELECT id FROM verzoek WHERE referentie = 'REF-1'");
	CHECK(vz > 0, "the 315 became a request");
	CHECK(agent_get(cons, "/", &r) == 200 && http_body_has(&r, "Verzoek van een aanbieder") &&
	      http_body_has(&r, "Thuiszorg Gelderse Vallei vraagt een toewijzing"),
	      "the open request is a melding for the regisseur on Mijn werk");
	http_resp_free(&r);
	char path[64], act[96], form[256];
	snprintf(path, sizeof path, "/verzoeken/%lld", vz);
	CHECK(agent_get(cons, path, &r) == 200 && http_body_has(&r, "Verzoek om toewijzing (315)") &&
	      http_body_has(&r, "Nieuw product") && http_body_has(&r, "07 07DAG") && http_body_has(&r, "3 uur per week") &&
	      http_body_has(&r, "Toekennen") && http_body_has(&r, "Afwijzen") && !http_body_has(&r, "href=\"/berichten/"),
	      "the request page: what is asked, in words, and the two actions (no link to the message a consulent "
	      "cannot open)");
	http_resp_free(&r);
	CHECK(db_int("SELECT count(*) FROM audit WHERE action = 'verzoek.view' AND object_id = %lld AND huishouden_id = %lld",
	             vz, hh1) == 1, "the view is audited with the household");
	CHECK(agent_get(other, path, &r) == 303, "another team's consulent is sent to the exception form");
	http_resp_free(&r);
	CHECK(agent_get(geb, path, &r) == 303, "a gebiedsteam member without a role in the household likewise");
	http_resp_free(&r);
	snprintf(act, sizeof act, "/verzoeken/%lld/afwijzen", vz);
	CHECK((agent_post(other, act, "reden=3&versie=1", &r) == 303 || r.status == 403) && db_int("SELECT count(*) FROM verzoek WHERE id = %lld"
	                                                                       " AND status = 'open'", vz) == 1,
	      "nor can she decide it");
	http_resp_free(&r);
	CHECK(agent_post(cons, act, "reden=&toelichting=Te+duur+voor+nu&versie=1", &r) == 422 &&
	      http_body_has(&r, "Reden van afwijzen: kies de reden van afwijzen.") && http_body_has(&r, "Te duur voor nu"),
	      "afwijzen without a reason: at the field and in the summary, the toelichting kept");
	http_resp_free(&r);
	CHECK(agent_post(cons, act, "reden=12&versie=1", &r) == 422 && http_body_has(&r, "reden-fout"),
	      "a reason outside WJ759 refused");
	http_resp_free(&r);
	CHECK(agent_post(cons, act, "reden=3&versie=7", &r) == 409 && http_body_has(&r, "intussen al beslist"),
	      "a stale version is 409 with the Dutch message");
	http_resp_free(&r);
	snprintf(act, sizeof act, "/verzoeken/%lld/toekennen", vz);
	CHECK(agent_post(cons, act, "", &r) == 400, "toekennen without its version is 400");
	http_resp_free(&r);
	long long n301 = db_int("SELECT count(*) FROM bericht WHERE soort = '301'");
	CHECK(agent_post(cons, act, "versie=1", &r) == 303, "the regisseur grants the request");
	http_resp_free(&r);
	CHECK(db_int("SELECT count(*) FROM verzoek WHERE id = %lld AND status = 'toegekend'", vz) == 1 &&
	      db_int("SELECT count(*) FROM bericht WHERE soort = '301'") == n301 + 1 &&
	      db_int("SELECT count(*) FROM toewijzing WHERE referentie_aanbieder = 'REF-1'") == 1,
	      "granted: a voorziening with a toewijzing carrying the provider's reference, and its 301");
	CHECK(db_int("SELECT count(*) FROM audit WHERE action = 'verzoek.toegekend' AND object_id = %lld", vz) == 1,
	      "the decision is audited");
	CHECK(agent_get(cons, path, &r) == 200 && http_body_has(&r, "Toegekend") && !http_body_has(&r, "name=\"reden\""),
	      "after the decision the page shows it and no forms");
	http_resp_free(&r);
	CHECK(agent_post(cons, act, "versie=2", &r) == 409, "a second decision is 409");
	http_resp_free(&r);
	CHECK(agent_get(cons, "/", &r) == 200 && !http_body_has(&r, "Thuiszorg Gelderse Vallei vraagt"),
	      "the melding is gone once decided");
	http_resp_free(&r);

	/* A second request, refused: a 319 with the reason. */
	char *x315 = wmo315("315000000002", "REF-2", "999900006", today, end_date);
	CHECK(post_xml(tl, "application/xml", x315, &r, NULL) == 201, "a second 315");
	http_resp_free(&r);
	free(x315);
	long long vz2 = db_int("SELECT id FROM verzoek WHERE referentie = 'REF-2'");
	snprintf(act, sizeof act, "/verzoeken/%lld/afwijzen", vz2);
	snprintf(path, sizeof path, "/verzoeken/%lld", vz2);
	snprintf(form, sizeof form, "reden=3&toelichting=Geen+contract+voor+dit+product&versie=1");
	CHECK(agent_post(cons, act, form, &r) == 303, "the regisseur refuses with reason 3");
	http_resp_free(&r);
	CHECK(db_int("SELECT count(*) FROM verzoek WHERE id = %lld AND status = 'afgewezen' AND reden_afwijzing = '3'"
	             " AND toelichting = 'Geen contract voor dit product'", vz2) == 1 &&
	      db_int("SELECT count(*) FROM bericht WHERE soort = '319' AND status = 'klaar'") == 1,
	      "refused with its reason, and a valid 319 queued");
	CHECK(db_int("SELECT count(*) FROM audit WHERE action = 'verzoek.afgewezen' AND object_id = %lld", vz2) == 1,
	      "the refusal is audited");
	CHECK(agent_get(cons, path, &r) == 200 && http_body_has(&r, "Afgewezen") && http_body_has(&r, "Geen contract"),
	      "the page shows the refusal in words");
	http_resp_free(&r);
	CHECK(agent_get(cons, "/verzoeken/999999", &r) == 404, "an unknown request is 404");
	http_resp_free(&r);
}

/* ---- the person form and OP003 ------------------------------------------------------ */

static void persoon(struct agent *cons, struct agent *other, struct agent *tl)
{
	struct http_resp r;
	char path[96], act[96], form[512];
	snprintf(path, sizeof path, "/personen/%lld/bewerken", grietje);
	CHECK(agent_get(cons, path, &r) == 200 && http_body_has(&r, "name=\"geslacht\"") &&
	      http_body_has(&r, "name=\"voorletters\"") && http_body_has(&r, "Naam van de partner, dan de eigen naam") &&
	      http_body_has(&r, "Geen berichtenverkeer"),
	      "the person form asks geslacht, voorletters and naamgebruik in plain Dutch, and offers OP003");
	http_resp_free(&r);
	long long versie = db_int("SELECT version FROM persoon WHERE id = %lld", grietje);
	const char *base = "voornaam=Grietje&achternaam=Vries-Bos&geboortedatum=09-05-1943&rol=ouder&bsn=999900006";
	snprintf(form, sizeof form, "%s&geslacht=2&voorletters=G.1&naamgebruik=3&versie=%lld", base, versie);
	CHECK(agent_post(cons, path, form, &r) == 422 && http_body_has(&r, "Voorletters: alleen letters") &&
	      http_body_has(&r, "value=\"G.1\"") && http_body_has(&r, "<option value=\"3\" selected>"),
	      "voorletters with a digit refused at the field and in the summary, input kept");
	http_resp_free(&r);
	snprintf(form, sizeof form, "%s&geslacht=7&voorletters=G&naamgebruik=1&versie=%lld", base, versie);
	CHECK(agent_post(cons, path, form, &r) == 422 && http_body_has(&r, "geslacht-fout"), "an unknown geslacht refused");
	http_resp_free(&r);
	snprintf(form, sizeof form, "%s&geslacht=2&voorletters=ABCDEFG&naamgebruik=1&versie=%lld", base, versie);
	CHECK(agent_post(cons, path, form, &r) == 422 && http_body_has(&r, "Hoogstens 6 voorletters"),
	      "seven voorletters refused");
	http_resp_free(&r);
	snprintf(form, sizeof form, "%s&geslacht=2&voorletters=g.+m.&naamgebruik=3&versie=%lld", base, versie);
	CHECK(agent_post(cons, path, form, &r) == 303, "saved with geslacht, voorletters and naamgebruik");
	http_resp_free(&r);
	CHECK(db_int("SELECT count(*) FROM persoon WHERE id = %lld AND geslacht = '2' AND voorletters = 'GM'"
	             " AND naamgebruik = '3'", grietje) == 1, "stored, the voorletters normalised to GM");
	snprintf(form, sizeof form, "%s&versie=%lld", base, versie + 1);
	CHECK(agent_post(cons, path, form, &r) == 303 &&
	      db_int("SELECT count(*) FROM persoon WHERE id = %lld AND geslacht = '2' AND voorletters = 'GM'", grietje) == 1,
	      "a form without the message fields keeps what is stored");
	http_resp_free(&r);

	/* The same through the API. */
	char apath[64], body[512];
	json_t *j = NULL;
	snprintf(apath, sizeof apath, "/api/v1/personen/%lld", grietje);
	CHECK(agent_api(cons, "GET", apath, NULL, &r, &j) == 200 && j &&
	      !strcmp(json_string_value(json_object_get(j, "geslacht")) ? json_string_value(json_object_get(j, "geslacht")) : "", "2") &&
	      !strcmp(json_string_value(json_object_get(j, "voorletters")) ? json_string_value(json_object_get(j, "voorletters")) : "", "GM") &&
	      !strcmp(json_string_value(json_object_get(j, "naamgebruik")) ? json_string_value(json_object_get(j, "naamgebruik")) : "", "3"),
	      "API: the person carries geslacht, voorletters and naamgebruik");
	json_decref(j);
	http_resp_free(&r);
	long long pv = db_int("SELECT version FROM persoon WHERE id = %lld", grietje);
	snprintf(body, sizeof body, "{\"voornaam\":\"Grietje\",\"achternaam\":\"Vries-Bos\",\"tussenvoegsel\":\"de\","
	         "\"geboortedatum\":\"1943-05-09\",\"rol\":\"ouder\",\"bsn\":\"999900006\",\"voorletters\":\"G7\","
	         "\"naamgebruik\":\"9\",\"versie\":%lld}", pv);
	CHECK(agent_api(cons, "PUT", apath, body, &r, &j) == 422 && http_body_has(&r, "\"voorletters\"") &&
	      http_body_has(&r, "\"naamgebruik\""), "API: bad voorletters and naamgebruik are 422 at their fields");
	json_decref(j);
	http_resp_free(&r);
	snprintf(body, sizeof body, "{\"voornaam\":\"Grietje\",\"achternaam\":\"Vries-Bos\",\"tussenvoegsel\":\"de\","
	         "\"geboortedatum\":\"1943-05-09\",\"rol\":\"ouder\",\"bsn\":\"999900006\",\"geslacht\":\"1\","
	         "\"versie\":%lld}", pv);
	CHECK(agent_api(cons, "PUT", apath, body, &r, &j) == 200 &&
	      db_int("SELECT count(*) FROM persoon WHERE id = %lld AND geslacht = '1' AND voorletters = 'GM'"
	             " AND naamgebruik = '3'", grietje) == 1,
	      "API: geslacht changed, the fields not sent kept");
	json_decref(j);
	http_resp_free(&r);

	/* OP003. */
	snprintf(act, sizeof act, "/personen/%lld/berichtenverkeer", grietje);
	CHECK(agent_post(cons, act, "actie=stoppen&reden_geen_berichten=", &r) == 422 &&
	      http_body_has(&r, "Reden om geen berichten te sturen: geef de reden"),
	      "stopping needs a reason, at the field and in the summary");
	http_resp_free(&r);
	CHECK(agent_post(other, act, "actie=stoppen&reden_geen_berichten=x", &r) == 303 || r.status == 403,
	      "another team's consulent cannot stop it");
	http_resp_free(&r);
	CHECK(agent_post(cons, act, "actie=stoppen&reden_geen_berichten=Ex-partner+werkt+bij+de+aanbieder", &r) == 303,
	      "the regisseur stops messages with a reason");
	http_resp_free(&r);
	CHECK(db_int("SELECT count(*) FROM audit WHERE action = 'persoon.geen_berichten' AND object_id = %lld"
	             " AND reason = 'Ex-partner werkt bij de aanbieder'", grietje) == 1, "audited with the reason");
	CHECK(agent_post(cons, act, "actie=stoppen&reden_geen_berichten=nogmaals", &r) == 409, "stopping twice is 409");
	http_resp_free(&r);
	CHECK(agent_get(cons, path, &r) == 200 && http_body_has(&r, "Er gaan geen berichten over deze cliënt") &&
	      http_body_has(&r, "Berichtenverkeer hervatten"), "the person page shows the stop and offers to resume");
	http_resp_free(&r);
	/* A change while stopped: no message, the voorziening says why. */
	long long n301 = db_int("SELECT count(*) FROM bericht WHERE soort = '301'");
	/* The dagbesteding granted on the provider's request (v1 was stopped by
	 * the provider's 307). */
	long long vd = db_int("SELECT voorziening_id FROM toewijzing WHERE referentie_aanbieder = 'REF-1'");
	long long ver = db_int("SELECT version FROM voorziening WHERE id = %lld", vd);
	char vpath[96];
	snprintf(vpath, sizeof vpath, "/voorzieningen/%lld/bewerken", vd);
	char end2[11];
	day(200, end2);
	snprintf(form, sizeof form,
	         "soort=maatwerk&persoon=%lld&wettelijke_grondslag=wmo2015&aanbieder=1&product=07-07DAG&volume=3"
	         "&eenheid=uur&frequentie=per_week&ingangsdatum=%s&einddatum=%s&kosten=1200&besluitdatum=%s&versie=%lld",
	         grietje, today, end2, today, ver);
	CHECK(agent_post(cons, vpath, form, &r) == 303, "the voorziening's end date changed while messages are stopped");
	http_resp_free(&r);
	CHECK(db_int("SELECT count(*) FROM bericht WHERE soort = '301'") == n301, "no 301 was made");
	snprintf(vpath, sizeof vpath, "/voorzieningen/%lld", vd);
	CHECK(agent_get(cons, vpath, &r) == 200 && http_body_has(&r, "geen berichtenverkeer") &&
	      http_body_has(&r, "Ex-partner werkt bij de aanbieder"), "the voorziening says plainly why no message goes");
	http_resp_free(&r);
	CHECK(agent_post(tl, act, "actie=hervatten", &r) == 303, "the teamleider may resume");
	http_resp_free(&r);
	CHECK(db_int("SELECT count(*) FROM audit WHERE action = 'persoon.wel_berichten' AND object_id = %lld", grietje) == 1,
	      "resuming is audited");
	/* The change of the dagbesteding (Thuiszorg) and the toewijzing of the provider that
	 * had no AGB code then (Arkemheen, since given one) both go. */
	CHECK(db_int("SELECT count(*) FROM bericht WHERE soort = '301' AND aanbieder_id = 1") ==
	              db_int("SELECT count(*) FROM bericht WHERE soort = '301' AND aanbieder_id = 1 AND id <= (SELECT max(id)"
	                     " FROM bericht WHERE soort = '301' AND aanbieder_id = 1)") &&
	      db_int("SELECT count(*) FROM bericht WHERE soort = '301'") > n301 &&
	      db_int("SELECT count(*) FROM bericht WHERE status = 'fout' AND identificatie <> 'ELTEST'") == 0 &&
	      db_int("SELECT count(*) FROM toewijzing WHERE persoon_id = %lld AND gewijzigd = 1", grietje) == 0,
	      "after resuming every pending change goes out in a 301 (%lld new, %lld still pending)",
	      db_int("SELECT count(*) FROM bericht WHERE soort = '301'") - n301,
	      db_int("SELECT count(*) FROM toewijzing WHERE persoon_id = %lld AND gewijzigd = 1", grietje));
}

/* ---- beheer: standards, product units, contracts ------------------------------------ */

static void beheer(struct agent *beh, struct agent *tl)
{
	struct http_resp r;
	CHECK(agent_get(beh, "/beheer/aanbieders/1/bewerken", &r) == 200 &&
	      http_body_has(&r, "name=\"ontvangt_iwmo\" value=\"1\" checked") &&
	      http_body_has(&r, "name=\"ontvangt_ijw\" value=\"1\" checked") && http_body_has(&r, "/beheer/aanbieders/1/contracten"),
	      "the aanbieder form shows which standards it receives and links to its contracts");
	http_resp_free(&r);
	long long ver = db_int("SELECT version FROM aanbieder WHERE id = 2");
	char form[512];
	snprintf(form, sizeof form, "naam=Jeugdhulp+Veluwe+Vallei&soort=Jeugdhulp&agb_code=73731234&actief=1&berichten=1"
	         "&ontvangt_ijw=1&versie=%lld", ver);
	CHECK(agent_post(beh, "/beheer/aanbieders/2/bewerken", form, &r) == 303 &&
	      db_int("SELECT ontvangt_iwmo * 10 + ontvangt_ijw FROM aanbieder WHERE id = 2") == 1,
	      "unchecking iWmo is stored");
	http_resp_free(&r);
	snprintf(form, sizeof form, "naam=Jeugdhulp+Veluwe+Vallei&soort=Jeugdhulp&agb_code=73731234&actief=1&versie=%lld",
	         ver + 1);
	CHECK(agent_post(beh, "/beheer/aanbieders/2/bewerken", form, &r) == 303 &&
	      db_int("SELECT ontvangt_iwmo * 10 + ontvangt_ijw FROM aanbieder WHERE id = 2") == 1,
	      "a form without the standards (an older client) leaves them be");
	http_resp_free(&r);
	CHECK(agent_get(beh, "/beheer/aanbieders", &r) == 200 && http_body_has(&r, "iWmo en iJw") && http_body_has(&r, "Contracten"),
	      "the list shows the standards");
	http_resp_free(&r);
	ts_db_exec(&S, "UPDATE aanbieder SET ontvangt_iwmo = 1 WHERE id = 2");

	/* Product: eenheid and frequentie. */
	CHECK(agent_get(beh, "/beheer/producten/1/bewerken", &r) == 200 && http_body_has(&r, "<option value=\"04\" selected>uur") &&
	      http_body_has(&r, "totaal binnen de geldigheidsduur"), "the product form offers WJ756 and WMO757 in words");
	http_resp_free(&r);
	CHECK(agent_post(beh, "/beheer/producten/4/bewerken",
	                 "categorie=07&code=07DAG&naam=Dagbesteding&wettelijke_grondslag=wmo2015&actief=1&eenheid=99&frequentie=2",
	                 &r) == 422 && http_body_has(&r, "eenheid-fout") && http_body_has(&r, "value=\"Dagbesteding\""),
	      "an eenheid outside WJ756 refused at the field, input kept");
	http_resp_free(&r);
	CHECK(agent_post(beh, "/beheer/producten/4/bewerken",
	                 "categorie=07&code=07DAG&naam=Dagbesteding&wettelijke_grondslag=wmo2015&actief=1&eenheid=16&frequentie=4",
	                 &r) == 303 && db_int("SELECT count(*) FROM product WHERE id = 4 AND eenheid = '16' AND frequentie = '4'") == 1,
	      "eenheid dagdeel, frequentie per maand stored");
	http_resp_free(&r);
	CHECK(agent_get(beh, "/beheer/producten", &r) == 200 && http_body_has(&r, "dagdeel (4 uur), per maand"),
	      "the product list says it in words");
	http_resp_free(&r);

	/* Contracts (the demo's of this provider removed first). */
	CHECK(agent_get(beh, "/beheer/aanbieders/1/contracten", &r) == 200 && http_body_has(&r, "Contract toevoegen") &&
	      (db_int("SELECT count(*) FROM aanbieder_contract WHERE aanbieder_id = 1") == 0 ||
	       http_body_has(&r, "Contracten per product")),
	      "the contracts page lists the provider's contracts");
	http_resp_free(&r);
	ts_db_exec(&S, "DELETE FROM aanbieder_contract WHERE aanbieder_id = 1");
	CHECK(agent_get(beh, "/beheer/aanbieders/1/contracten", &r) == 200 && http_body_has(&r, "Nog geen contracten") &&
	      http_body_has(&r, "Contract toevoegen"), "the contracts page of a provider");
	http_resp_free(&r);
	CHECK(db_int("SELECT count(*) FROM audit WHERE action = 'contract.list' AND object_id = 1") == 2, "its views are audited");
	CHECK(agent_get(tl, "/beheer/aanbieders/1/contracten", &r) == 403, "a teamleider may not");
	http_resp_free(&r);
	CHECK(agent_post(beh, "/beheer/aanbieders/1/contracten", "product=1&tarief=twaalf&eenheid=04&van=2026-01-01", &r) == 422 &&
	      http_body_has(&r, "Tarief per eenheid: vul een bedrag in euro in") && http_body_has(&r, "value=\"twaalf\""),
	      "a tariff that is no amount: at the field and in the summary, input kept");
	http_resp_free(&r);
	CHECK(agent_post(beh, "/beheer/aanbieders/1/contracten", "product=1&tarief=32,50&eenheid=04&van=2026-06-01&tot=2026-01-01",
	                 &r) == 422 && http_body_has(&r, "De einddatum ligt voor de begindatum"), "an end before the start refused");
	http_resp_free(&r);
	CHECK(agent_post(beh, "/beheer/aanbieders/1/contracten", "product=999&tarief=32,50&eenheid=04&van=2026-01-01", &r) == 422 &&
	      http_body_has(&r, "Kies een product uit de lijst"), "an unknown product refused");
	http_resp_free(&r);
	CHECK(agent_post(beh, "/beheer/aanbieders/1/contracten", "product=1&tarief=%E2%82%AC+32,50&eenheid=04&van=2026-01-01", &r) == 303 &&
	      db_int("SELECT tarief_cents FROM aanbieder_contract WHERE aanbieder_id = 1 AND product_id = 1") == 3250,
	      "a contract added, the tariff in cents");
	http_resp_free(&r);
	CHECK(agent_post(beh, "/beheer/aanbieders/1/contracten", "product=1&tarief=30&eenheid=04&van=2026-01-01", &r) == 422 &&
	      http_body_has(&r, "Er is al een contract voor dit product"), "a second contract from the same day refused");
	http_resp_free(&r);
	CHECK(agent_get(beh, "/beheer/aanbieders/1/contracten", &r) == 200 && http_body_has(&r, "€ 32,50") &&
	      http_body_has(&r, "01 01HBH"), "listed with the tariff in euro");
	http_resp_free(&r);
	long long c = db_int("SELECT id FROM aanbieder_contract WHERE aanbieder_id = 1");
	char path[96];
	snprintf(path, sizeof path, "/beheer/contracten/%lld/beeindigen", c);
	CHECK(agent_post(beh, path, "tot=2025-01-01", &r) == 422 && http_body_has(&r, "voor de begindatum") &&
	      http_body_has(&r, "Beëindigen op: de einddatum ligt voor de begindatum"),
	      "ending before the start refused, at the field and in the summary");
	http_resp_free(&r);
	CHECK(agent_post(beh, path, "tot=2026-12-31", &r) == 303 &&
	      db_int("SELECT count(*) FROM aanbieder_contract WHERE id = %lld AND tot = '2026-12-31'", c) == 1, "ended");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/beheer/contracten/%lld/verwijderen", c);
	CHECK(agent_post(beh, path, "", &r) == 303 && db_int("SELECT count(*) FROM aanbieder_contract WHERE aanbieder_id = 1") == 0,
	      "removed");
	http_resp_free(&r);
	CHECK(db_int("SELECT count(*) FROM audit WHERE action IN ('contract.create', 'contract.end', 'contract.delete')") == 3,
	      "each change audited");
}

/* ---- the dashboard: declared next to committed -------------------------------------- */

static void dashboard(struct agent *tl, struct agent *cons)
{
	struct http_resp r;
	long long b = db_int("SELECT max(id) FROM bericht");
	ts_db_exec(&S, "INSERT INTO declaratie_prestatie(bericht_id, toewijzing_id, voorziening_id, aanbieder_id, referentie,"
	               " begindatum, einddatum, volume, eenheid, tarief_cents, bedrag_cents, goedgekeurd, retourcodes)"
	               " VALUES (%lld, NULL, %lld, 1, 'P1', '%s', '%s', 3, '04', 4115, 12345, 1, '0200'),"
	               " (%lld, NULL, %lld, 1, 'P2', '%s', '%s', 9, '04', 4115, 99999, 0, '9321')",
	               b, v1, today, today, b, v1, today, today);
	CHECK(agent_get(tl, "/team?team=alle", &r) == 200 && http_body_has(&r, "Gedeclareerd") &&
	      http_body_has(&r, "€ 123,45") && !http_body_has(&r, "€ 999,99"),
	      "the dashboard shows the approved declared amount next to committed cost, not the refused one");
	http_resp_free(&r);
	char path[64];
	snprintf(path, sizeof path, "/voorzieningen/%lld", v1);
	CHECK(agent_get(cons, path, &r) == 200 && http_body_has(&r, "Gedeclareerde prestaties") &&
	      http_body_has(&r, "€ 123,45") && http_body_has(&r, "Afgekeurd") &&
	      http_body_has(&r, "9321: Het gedeclareerde volume is groter dan het toegewezen volume."),
	      "the voorziening lists the declared prestaties, a refused one with its retourcode in Dutch");
	http_resp_free(&r);
}

int main(void)
{
	day(0, today);
	day(180, end_date);
	if (ts_start(&S, NULL) != 0) {
		T_FAIL("server", "could not start");
		T_EXIT();
	}
	struct agent cons, tl, beh, geb, other;
	CHECK(agent_sign_in(&cons, &S, U_CONSULENT) && agent_sign_in(&tl, &S, U_TEAMLEIDER) &&
	      agent_sign_in(&beh, &S, U_BEHEERDER) && agent_sign_in(&geb, &S, U_GEBIEDSTEAM) &&
	      agent_sign_in_other_team(&other, &S),
	      "everyone signs in");
	hh1 = 1;
	grietje = db_int("SELECT id FROM persoon WHERE huishouden_id = 1 ORDER BY id LIMIT 1");
	long long cons_id = db_int("SELECT id FROM medewerker WHERE username = 'consulent'");
	ts_db_exec(&S, "UPDATE huishouden SET regisseur_id = %lld WHERE id = %lld", cons_id, hh1);
	ts_db_exec(&S, "UPDATE persoon SET bsn = '999900006' WHERE id = %lld", grietje);

	voorziening_section(&cons);
	berichten_page(&tl, &beh, &cons, &geb);
	upload_and_api(&tl, &beh, &cons);
	verzoeken(&cons, &other, &geb, &tl);
	persoon(&cons, &other, &tl);
	beheer(&beh, &tl);
	dashboard(&tl, &cons);

	ts_stop(&S);
	T_EXIT();
}
