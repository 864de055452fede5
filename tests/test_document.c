/* test_document.c - documents (issue 15) through the real server: the
 * beschikking of scenario 2 (mevrouw De Vries and the scootmobiel) refused
 * while something is missing (the decision, the motivation) with the
 * missing part named, its free text saved, a stale save refused, then
 * vastgesteld: stored unchanged with its SHA-256 in the audit row, tagged
 * (pdfinfo "Tagged: yes", title), its text in reading order (pdftotext:
 * the intended effect first, then why the network cannot carry it, then the
 * bezwaarclausule), a new version beside the old one, the stored row
 * unchangeable, listed on the household page, downloaded (audited as a
 * view) and refused to another team; scenario 1's plan for the resident
 * (Jeugdwet and Wmo voorzieningen, the regisseur's contact details, goals
 * in plain words); the verslag (refused without intake; without internal
 * notes); uploads (a PDF kept; an executable renamed to .pdf, an empty
 * file, one over 20 MB, a PNG named .pdf and hostile names refused with
 * nothing stored); the API; the inzageverzoek listing the upload; the
 * purge removing documents; `loket backup` keeping them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "http_client.h"
#include "testutil.h"

/* The goals a voorziening serves live in voorziening_doel (migration
 * 0029): the rows below name their goal in the old column, moved here. */
#define LINK_GOALS "INSERT INTO voorziening_doel(voorziening_id, doel_id) SELECT id, doel_id FROM voorziening" \
	" WHERE doel_id IS NOT NULL; UPDATE voorziening SET doel_id = NULL WHERE doel_id IS NOT NULL;"

static struct test_server S;

#define db_int(...) ts_db_int(&S, __VA_ARGS__)

/* The value of the hidden field name in an HTML body, malloc'd ("" when
 * absent). */
static char *hidden(const char *body, const char *name)
{
	char needle[64];
	snprintf(needle, sizeof needle, "name=\"%s\" value=\"", name);
	const char *p = body ? strstr(body, needle) : NULL;
	if (!p)
		return strdup("");
	p += strlen(needle);
	const char *e = strchr(p, '"');
	return strndup(p, (size_t)(e - p));
}

/* Writes data to a file in the test's directory and runs cmd on it
 * ("pdfinfo" or "pdftotext", which writes to standard output), returning
 * its output (malloc'd, "" on failure). */
static char *run_on(const char *data, size_t len, const char *cmd)
{
	char path[300];
	snprintf(path, sizeof path, "%s/doc-%d.pdf", S.dir, (int)getpid());
	FILE *f = fopen(path, "wb");
	if (!f)
		return strdup("");
	fwrite(data, 1, len, f);
	fclose(f);
	char line[700];
	snprintf(line, sizeof line, "%s '%s' %s 2>&1", cmd, path, strncmp(cmd, "pdftotext", 9) == 0 ? "-" : "");
	FILE *p = popen(line, "r");
	if (!p)
		return strdup("");
	size_t cap = 1 << 16, n = 0;
	char *out = malloc(cap);
	size_t k;
	while ((k = fread(out + n, 1, cap - n - 1, p)) > 0) {
		n += k;
		if (n + 1 >= cap)
			out = realloc(out, cap *= 2);
	}
	out[n] = '\0';
	pclose(p);
	return out;
}

/* Runs of white space (pdftotext's line and cell breaks) to one space,
 * in place; returns s. */
static char *squash(char *s)
{
	char *o = s;
	for (const char *p = s; *p; p++) {
		bool ws = *p == ' ' || *p == '\n' || *p == '\t' || *p == '\r' || *p == '\f';
		if (ws && (o == s || o[-1] == ' '))
			continue;
		*o++ = ws ? ' ' : *p;
	}
	*o = '\0';
	return s;
}

/* Position of needle in hay, or -1. */
static long pos(const char *hay, const char *needle)
{
	const char *p = strstr(hay, needle);
	return p ? (long)(p - hay) : -1;
}

/* A multipart upload of data as filename (len bytes of name, so a NUL can
 * be sent), with the form fields.  Returns the status. */
static int upload(struct agent *a, const char *path, const char *name, size_t name_len, const char *data, size_t len,
                  const char *titel, bool api, struct http_resp *out)
{
	static const char b[] = "grensGRENS7x9";
	size_t cap = len + name_len + 2048;
	char *body = malloc(cap);
	size_t n = 0;
	if (!api)
		n += (size_t)snprintf(body + n, cap - n, "--%s\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n%s\r\n", b,
		                      a->csrf);
	n += (size_t)snprintf(body + n, cap - n, "--%s\r\nContent-Disposition: form-data; name=\"titel\"\r\n\r\n%s\r\n", b,
	                      titel);
	n += (size_t)snprintf(body + n, cap - n, "--%s\r\nContent-Disposition: form-data; name=\"bestand\"; filename=\"", b);
	memcpy(body + n, name, name_len);
	n += name_len;
	n += (size_t)snprintf(body + n, cap - n, "\"\r\nContent-Type: application/pdf\r\n\r\n");
	memcpy(body + n, data, len);
	n += len;
	n += (size_t)snprintf(body + n, cap - n, "\r\n--%s--\r\n", b);
	char ctype[100], headers[256];
	snprintf(ctype, sizeof ctype, "multipart/form-data; boundary=%s", b);
	snprintf(headers, sizeof headers, "X-CSRF-Token: %s\r\n", a->csrf);
	int rc = client_request_bytes(&a->c, "POST", path, ctype, body, n, api ? headers : NULL, out);
	free(body);
	return rc == 0 ? out->status : -1;
}

static char *file_bytes(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *buf = malloc((size_t)n + 1);
	*len = fread(buf, 1, (size_t)n, f);
	fclose(f);
	return buf;
}

static void sha_hex(const char *data, size_t len, char out[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, (const unsigned char *)data, len);
	sodium_bin2hex(out, 65, h, sizeof h);
}

static const char EFFECT[] = "Mevrouw doet weer zelf haar dagelijkse boodschappen en fietst weer mee met haar man.";
static const char WHY[] = "Haar man kan haar niet duwen en de buren werken overdag; de regiotaxi geeft niet hetzelfde effect.";

int main(void)
{
	if (sodium_init() < 0 || ts_start(&S, NULL) != 0) {
		printf("not ok - server starts\n");
		return 1;
	}
	struct agent cons, other, priv;
	CHECK(agent_sign_in(&cons, &S, U_CONSULENT) && agent_sign_in(&priv, &S, U_PRIVACY) &&
	      agent_sign_in_other_team(&other, &S), "consulent, privacy officer and another team's consulent sign in");
	long long me = db_int("SELECT id FROM medewerker WHERE username = 'consulent'");
	long long hh = db_int("SELECT huishouden_id FROM persoon WHERE first_name = 'Grietje'");
	long long grietje = db_int("SELECT id FROM persoon WHERE first_name = 'Grietje'");
	/* Scenario 2: a plan whose goal has a gemeente contribution with the
	 * intended effect, and a scootmobiel requested. */
	CHECK(ts_db_exec(&S, "UPDATE medewerker SET email = 'sanne.deboer@nijkerk.example' WHERE id = %lld;"
	                     "UPDATE huishouden SET regisseur_id = %lld WHERE id = %lld;"
	                     "INSERT INTO product(id, category, code, name, legal_basis) VALUES (950, '12', '12SCO',"
	                     " 'Scootmobiel', 'wmo2015');"
	                     "INSERT INTO plan(id, huishouden_id, created_by, created_at) VALUES (950, %lld, %lld, 0);"
	                     "INSERT INTO doel(id, plan_id, persoon_id, domain, wish, target_date, created_by, created_at)"
	                     " VALUES (950, 950, %lld, 'maatschappelijke_participatie', 'Ik wil weer zelf boodschappen doen.',"
	                     " '2027-06-01', %lld, 0);"
	                     "INSERT INTO rolgesprek(doel_id, level, contribution, intended_effect, justification, created_by,"
	                     " created_at) VALUES (950, 'gemeente', 'Scootmobiel in bruikleen', '%s', '%s', %lld, 0);"
	                     "INSERT INTO voorziening(id, huishouden_id, persoon_id, doel_id, kind, legal_basis, aanbieder_id,"
	                     " product_id, volume, unit, frequency, start_date, end_date, cost_cents, status, created_by,"
	                     " created_at) VALUES (950, %lld, %lld, 950, 'maatwerk', 'wmo2015', 1, 950, 1, 'stuks', 'totaal',"
	                     " '2026-12-15', '2031-12-14', 250000, 'aangevraagd', %lld, 0);" LINK_GOALS,
	                 me, me, hh, hh, me, grietje, me, EFFECT, WHY, me, hh, grietje, me) == 0,
	      "scenario 2: plan, goal, gemeente contribution and a requested scootmobiel");

	struct http_resp r;
	const char *page = "/voorzieningen/950/beschikking";
	CHECK(agent_get(&cons, page, &r) == 200 && http_body_has(&r, "Wat wij met deze voorziening willen bereiken") &&
	      http_body_has(&r, "Nog niet klaar om vast te stellen") && http_body_has(&r, "Er is nog geen besluit"),
	      "beschikking: the preview proposes the motivation from the rolgesprek and says the decision is missing");
	char *motivation = NULL;
	{
		const char *t = strstr(r.body, "name=\"motivatie\"");
		const char *s = t ? strchr(t, '>') : NULL;
		const char *e = s ? strstr(s, "</textarea>") : NULL;
		motivation = s && e ? strndup(s + 1, (size_t)(e - s - 1)) : strdup("");
	}
	http_resp_free(&r);
	CHECK(db_int("SELECT count(*) FROM audit WHERE action = 'document.voorbeeld' AND huishouden_id = %lld", hh) == 1,
	      "beschikking: the preview is audited");
	char *mot_enc = form_escape(motivation);
	char form[4096];
	snprintf(form, sizeof form, "versie=0&actie=vaststellen&motivatie=%s&afsluiting=", mot_enc);
	CHECK(agent_post(&cons, page, form, &r) == 422 && http_body_has(&r, "Besluit: er is nog geen besluit") &&
	      db_int("SELECT count(*) FROM document") == 0,
	      "vaststellen refused without a decision, the summary naming it, nothing stored");
	http_resp_free(&r);
	CHECK(ts_db_exec(&S, "UPDATE voorziening SET status = 'toegekend', decision_date = '2026-12-01' WHERE id = 950") == 0,
	      "the scootmobiel is toegekend");
	CHECK(agent_post(&cons, page, "versie=0&actie=vaststellen&motivatie=&afsluiting=Tot%20ziens", &r) == 422 &&
	      http_body_has(&r, "Motivering: vul de motivering in") && http_body_has(&r, "Tot ziens") &&
	      db_int("SELECT count(*) FROM document") == 0,
	      "vaststellen refused without a motivation, named at the field and in the summary, input kept");
	http_resp_free(&r);
	CHECK(agent_post(&cons, page, "versie=0&actie=iets&motivatie=x", &r) == 422, "an unknown action is refused");
	http_resp_free(&r);
	snprintf(form, sizeof form, "versie=0&actie=opslaan&motivatie=%s&afsluiting=Ik%%20bel%%20u%%20volgende%%20week.",
	         mot_enc);
	CHECK(agent_post(&cons, page, form, &r) == 303 &&
	      db_int("SELECT count(*) FROM document WHERE status = 'concept' AND voorziening_id = 950") == 1,
	      "the free text is saved as a concept");
	http_resp_free(&r);
	CHECK(agent_post(&cons, page, form, &r) == 409 && http_body_has(&r, "intussen opgeslagen"),
	      "a save naming a stale version is refused (409)");
	http_resp_free(&r);
	snprintf(form, sizeof form, "versie=1&actie=vaststellen&motivatie=%s&afsluiting=Ik%%20bel%%20u%%20volgende%%20week.",
	         mot_enc);
	CHECK(agent_post(&cons, page, form, &r) == 303, "vaststellen with decision and motivation: 303");
	http_resp_free(&r);
	long long doc1 = db_int("SELECT id FROM document WHERE status = 'vastgesteld' AND voorziening_id = 950");
	CHECK(doc1 > 0 && db_int("SELECT version_no FROM document WHERE id = %lld", doc1) == 1,
	      "the beschikking is stored as version 1");
	CHECK(agent_get(&cons, page, &r) == 200 && http_body_has(&r, ">Ik bel u volgende week.</textarea>"),
	      "the next version starts from the text just vastgesteld, not from the proposal (review finding)");
	http_resp_free(&r);
	char path[200];
	snprintf(path, sizeof path, "/documenten/%lld/bestand", doc1);
	CHECK(agent_get(&cons, path, &r) == 200 && http_body_has(&r, "%PDF-"), "the beschikking downloads as a PDF");
	char sha[65];
	sha_hex(r.body, r.body_len, sha);
	CHECK(db_int("SELECT count(*) FROM document WHERE id = %lld AND sha256 = '%s' AND size = %zu", doc1, sha,
	             r.body_len) == 1 &&
	      db_int("SELECT count(*) FROM audit WHERE action = 'document.vastgesteld' AND object_id = %lld"
	             " AND reason = 'SHA-256 %s'", doc1, sha) == 1,
	      "stored unchanged: the download's SHA-256 is the stored one and the one in the audit row");
	CHECK(db_int("SELECT count(*) FROM audit WHERE action = 'document.view' AND object_id = %lld", doc1) == 1,
	      "the download is audited as a view");
	char *info = run_on(r.body, r.body_len, "pdfinfo");
	CHECK(strstr(info, "Tagged:          yes") != NULL, "pdfinfo: Tagged: yes");
	CHECK(strstr(info, "Title:           Beschikking Scootmobiel") != NULL, "pdfinfo: the title is set");
	free(info);
	char *text = squash(run_on(r.body, r.body_len, "pdftotext"));
	long p_head = pos(text, "Besluit over uw aanvraag: Scootmobiel toegekend"), p_effect = pos(text, "bereiken: Mevrouw doet");
	long p_why = pos(text, "Waarom u dit niet zelf"), p_bezwaar = pos(text, "Bent u het niet eens met dit besluit?");
	long p_six = pos(text, "binnen zes weken"), p_cak = pos(text, "CAK"), p_kenmerk = pos(text, "SD/");
	CHECK(p_head >= 0 && p_effect > p_head && p_why > p_effect && p_bezwaar > p_why && p_six > p_bezwaar,
	      "pdftotext: decision, then the intended effect, then why the network cannot, then the bezwaarclausule");
	CHECK(p_cak > 0 && p_kenmerk > 0 && pos(text, "Gemeente Nijkerk") == 0 && pos(text, "Wmo 2015") > 0 &&
	      pos(text, "Thuiszorg Gelderse Vallei") > 0 && pos(text, "Ik bel u volgende week.") > p_why,
	      "pdftotext: letterhead first, legal basis, provider, eigen bijdrage (CAK), kenmerk, the personal closing");
	CHECK(pos(text, "Geachte mevrouw De Vries-Bos,") > 0 && pos(text, "hebben wij besloten dat u deze voorziening krijgt") > 0 &&
	      pos(text, "op grond van de Wet maatschappelijke ondersteuning") > 0 && pos(text, "Dit is een maatwerkvoorziening") > 0,
	      "pdftotext: mevrouw De Vries-Bos addressed by title and name, 'u' in the decision, the law in lower case");
	free(text);
	http_resp_free(&r);
	/* A second vaststellen is a new version beside the first. */
	char *first_hash = NULL;
	{
		long long v = db_int("SELECT version FROM document WHERE id = %lld", doc1);
		(void)v;
		CHECK(agent_get(&cons, page, &r) == 200 && http_body_has(&r, "Vastgestelde versies") &&
		      http_body_has(&r, "Beschikking Scootmobiel (PDF"), "the page lists the vastgestelde version");
		char *ver = hidden(r.body, "versie");
		http_resp_free(&r);
		snprintf(form, sizeof form, "versie=%s&actie=vaststellen&motivatie=%s&afsluiting=", ver, mot_enc);
		free(ver);
		first_hash = strdup(sha);
	}
	CHECK(agent_post(&cons, page, form, &r) == 303 &&
	      db_int("SELECT count(*) FROM document WHERE status = 'vastgesteld' AND voorziening_id = 950") == 2 &&
	      db_int("SELECT max(version_no) FROM document WHERE voorziening_id = 950") == 2 &&
	      db_int("SELECT count(*) FROM document WHERE id = %lld AND sha256 = '%s'", doc1, first_hash) == 1,
	      "a new version never overwrites: version 2 beside version 1, which is unchanged");
	http_resp_free(&r);
	free(first_hash);
	CHECK(ts_db_exec(&S, "UPDATE document SET title = 'anders' WHERE id = %lld", doc1) != 0,
	      "a vastgesteld document cannot be changed, also not through SQL (trigger)");
	CHECK(agent_get(&cons, "/voorzieningen/950", &r) == 200 && http_body_has(&r, "Documenten bij deze voorziening") &&
	      http_body_has(&r, "Beschikking Scootmobiel</a>, Beschikking") && http_body_has(&r, "versie 2") &&
	      http_body_has(&r, "versie 1"),
	      "the voorziening page lists its beschikkingen, both versions (review finding)");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/huishoudens/%lld", hh);
	CHECK(agent_get(&cons, path, &r) == 200 && http_body_has(&r, "id=\"documenten\"") &&
	      http_body_has(&r, "Beschikking Scootmobiel") && http_body_has(&r, "Sanne de Boer"),
	      "the household page lists the documents with author");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/documenten/%lld/bestand", doc1);
	int st = agent_get(&other, path, &r);
	CHECK(st != 200 && !http_body_has(&r, "%PDF-"), "another team's consulent cannot download it (%d)", st);
	http_resp_free(&r);
	CHECK(agent_get(&cons, "/documenten/999999/bestand", &r) == 404, "an unknown document is 404");
	http_resp_free(&r);

	/* API: the list, the beschikking's preview and a refused vaststellen. */
	json_t *j = NULL;
	snprintf(path, sizeof path, "/api/v1/huishoudens/%lld/documenten", hh);
	CHECK(agent_api(&cons, "GET", path, NULL, &r, &j) == 200 && json_array_size(json_object_get(j, "documenten")) == 2,
	      "API: the household's documents");
	json_decref(j);
	http_resp_free(&r);
	CHECK(agent_api(&cons, "GET", "/api/v1/voorzieningen/950/beschikking", NULL, &r, &j) == 200 &&
	      json_is_array(json_object_get(j, "blokken")) && json_is_true(json_object_get(j, "klaar")),
	      "API: the beschikking's preview as blocks");
	long long apiv = json_integer_value(json_object_get(j, "versie"));
	json_decref(j);
	http_resp_free(&r);
	char jbody[256];
	snprintf(jbody, sizeof jbody, "{\"actie\": \"vaststellen\", \"motivatie\": \"\", \"versie\": %lld}", apiv);
	CHECK(agent_api(&cons, "POST", "/api/v1/voorzieningen/950/beschikking", jbody, &r, &j) == 422 &&
	      json_object_get(json_object_get(json_object_get(j, "error"), "fields"), "motivatie"),
	      "API: vaststellen without motivation is 422 at motivatie");
	json_decref(j);
	http_resp_free(&r);

	/* Uploads. */
	size_t pdf_len = 0, exe_len = 0;
	char *pdf = NULL;
	snprintf(path, sizeof path, "/documenten/%lld/bestand", doc1);
	if (agent_get(&cons, path, &r) == 200) {
		pdf = malloc(r.body_len);
		memcpy(pdf, r.body, r.body_len);
		pdf_len = r.body_len;
	}
	http_resp_free(&r);
	char *exe = file_bytes("/bin/true", &exe_len);
	char up[100];
	snprintf(up, sizeof up, "/huishoudens/%lld/documenten/nieuw", hh);
	long long before = db_int("SELECT count(*) FROM document");
	CHECK(upload(&cons, up, "brief-huisarts.pdf", 18, pdf, pdf_len, "Brief huisarts", false, &r) == 303 &&
	      db_int("SELECT count(*) FROM document WHERE kind = 'upload' AND file_name = 'brief-huisarts.pdf'"
	             " AND mime_type = 'application/pdf' AND size = %zu", pdf_len) == 1 &&
	      db_int("SELECT count(*) FROM audit WHERE action = 'document.upload' AND huishouden_id = %lld", hh) == 1,
	      "upload: a real PDF is kept, audited");
	http_resp_free(&r);
	before = db_int("SELECT count(*) FROM document");
	CHECK(upload(&cons, up, "rapport.pdf", 11, exe, exe_len, "Rapport", false, &r) == 422 &&
	      http_body_has(&r, "Bestand: dit soort bestand kan niet worden bewaard") && http_body_has(&r, "Rapport"),
	      "upload: an executable renamed to .pdf is refused by its content, the description kept");
	http_resp_free(&r);
	CHECK(upload(&cons, up, "leeg.pdf", 8, "", 0, "Leeg", false, &r) == 422 && http_body_has(&r, "het bestand is leeg"),
	      "upload: an empty file is refused");
	http_resp_free(&r);
	size_t big_len = 20 * 1024 * 1024 + 1;
	char *big = calloc(1, big_len);
	memcpy(big, pdf, pdf_len < big_len ? pdf_len : big_len);
	CHECK(upload(&cons, up, "groot.pdf", 9, big, big_len, "Groot", false, &r) == 422 &&
	      http_body_has(&r, "groter dan 20 MB"), "upload: a file over 20 MB is refused at the field");
	http_resp_free(&r);
	free(big);
	static const unsigned char png[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
	                                    0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89};
	CHECK(upload(&cons, up, "foto.pdf", 8, (const char *)png, sizeof png, "Foto", false, &r) == 422 &&
	      http_body_has(&r, "past niet bij de inhoud"), "upload: a PNG named .pdf is refused (name and content differ)");
	http_resp_free(&r);
	CHECK(upload(&cons, up, "foto.png", 8, (const char *)png, sizeof png, "Foto", false, &r) == 303,
	      "upload: the same PNG named .png is kept");
	http_resp_free(&r);
	CHECK(upload(&cons, up, "Zo\xc3\xab scan.png", 13, (const char *)png, sizeof png, "Scan van Zo\xc3\xab", false, &r) == 303,
	      "upload: a name with an ë is kept");
	http_resp_free(&r);
	{
		long long zoe = db_int("SELECT max(id) FROM document WHERE kind = 'upload'");
		char zpath[64], disp[256];
		snprintf(zpath, sizeof zpath, "/documenten/%lld/bestand", zoe);
		CHECK(agent_get(&cons, zpath, &r) == 200 && http_header(&r, "Content-Disposition", disp, sizeof disp) &&
		      strstr(disp, "filename=\"Zo___scan.png\"") && strstr(disp, "filename*=UTF-8''Zo%C3%AB%20scan.png"),
		      "download: the name with its ë for browsers that read RFC 5987, an ASCII stand-in beside it: %s", disp);
		http_resp_free(&r);
	}
	before = db_int("SELECT count(*) FROM document");
	static const struct { const char *name; size_t len; const char *what; } hostile[] = {
		{"../../etc/passwd.pdf", 20, "../"},
		{"..\\brief.pdf", 12, "backslash"},
		{"brief\0.exe.pdf", 14, "NUL"},
		{"brief\x01\x1b[2J.pdf", 14, "control characters"},
		{".verborgen.pdf", 14, "a leading dot"},
		{"brief\xe2\x80\xae" "fdp.exe", 15, "a right-to-left override"},
	};
	for (size_t i = 0; i < sizeof hostile / sizeof hostile[0]; i++) {
		CHECK(upload(&cons, up, hostile[i].name, hostile[i].len, pdf, pdf_len, "Vreemde naam", false, &r) == 422 &&
		      http_body_has(&r, "Bestand: de bestandsnaam"), "upload: a name with %s is refused", hostile[i].what);
		http_resp_free(&r);
	}
	CHECK(db_int("SELECT count(*) FROM document") == before, "upload: nothing stored for any refused file");
	CHECK(access("/etc/passwd.pdf", F_OK) != 0, "no file was written where a name pointed");
	snprintf(path, sizeof path, "/api/v1/huishoudens/%lld/documenten", hh);
	CHECK(upload(&cons, path, "scan.pdf", 8, pdf, pdf_len, "Scan via de API", true, &r) == 201 &&
	      http_body_has(&r, "scan.pdf"), "API: an upload is 201 with the document");
	http_resp_free(&r);
	CHECK(upload(&cons, path, "x.pdf", 5, exe, exe_len, "Programma", true, &r) == 422 && http_body_has(&r, "\"bestand\""),
	      "API: an executable is 422 at bestand");
	http_resp_free(&r);
	CHECK(upload(&other, up, "brief.pdf", 9, pdf, pdf_len, "Van een ander team", false, &r) > 0 &&
	      db_int("SELECT count(*) FROM document WHERE title = 'Van een ander team'") == 0,
	      "upload: another team's consulent cannot attach to the household");
	http_resp_free(&r);
	free(exe);

	/* The inzageverzoek lists the uploads. */
	snprintf(path, sizeof path, "/api/v1/personen/%lld/inzage", grietje);
	CHECK(agent_api(&priv, "GET", path, NULL, &r, &j) == 200 && http_body_has(&r, "brief-huisarts.pdf") &&
	      json_array_size(json_object_get(j, "documenten")) >= 4,
	      "inzageverzoek: the documents, uploads included, are listed");
	json_decref(j);
	http_resp_free(&r);

	/* Scenario 1: the De Vries family's plan for the resident. */
	CHECK(ts_db_exec(&S, "INSERT INTO huishouden(id, street, house_number, postcode, city, regisseur_id, status, opened_at)"
	                     " VALUES (960, 'Kerkstraat', 12, '3861 AB', 'Nijkerk', %lld, 'plan_actief', 0);"
	                     "INSERT INTO persoon(id, huishouden_id, first_name, name_prefix, last_name, birth_date, role) VALUES"
	                     " (960, 960, 'Jan', 'de', 'Vries', '1971-02-03', 'ouder'),"
	                     " (961, 960, 'Els', 'de', 'Vries', '1975-04-05', 'partner'),"
	                     " (962, 960, 'Roos', 'de', 'Vries', '2012-06-07', 'kind');"
	                     "INSERT INTO plan(id, huishouden_id, status, agreed_on, agreed_how, next_evaluation, created_by,"
	                     " created_at) VALUES (960, 960, 'vastgesteld', '2026-11-20', 'mondeling', '2027-03-01', %lld, 0);"
	                     "INSERT INTO plan_instemming(plan_id, version_no, persoon_id, name, representative)"
	                     " VALUES (960, 1, 961, 'Els de Vries', 0);"
	                     "INSERT INTO doel(id, plan_id, persoon_id, domain, wish, target_date, created_by, created_at) VALUES"
	                     " (960, 960, 961, 'basale_adl', 'Ik wil weer tijd voor mezelf, niet alleen zorgen.', '2027-05-01', %lld, 0),"
	                     " (961, 960, 962, 'huiselijke_relaties', 'Roos wil na school rustig thuiskomen.', '2027-06-01', %lld, 0);"
	                     "INSERT INTO afspraak(doel_id, who_kind, persoon_id, what, due_date, created_by, created_at)"
	                     " VALUES (960, 'inwoner', 961, 'Els vraagt haar zus om zaterdag oma te helpen', '2026-12-20', %lld, 0);"
	                     "INSERT INTO voorziening(huishouden_id, persoon_id, doel_id, kind, decision_date, legal_basis,"
	                     " aanbieder_id, product_id, volume, unit, frequency, start_date, end_date, cost_cents, status,"
	                     " created_by, created_at) VALUES"
	                     " (960, 962, 961, 'maatwerk', '2026-11-25', 'jeugdwet', 2, 5, 3, 'uur', 'per_week', '2026-12-01',"
	                     " '2027-06-30', 90000, 'toegekend', %lld, 0),"
	                     " (960, 961, 960, 'maatwerk', '2026-11-25', 'wmo2015', 3, 3, 2, 'dagdeel', 'per_maand', '2026-12-01',"
	                     " '2027-05-31', 40000, 'toegekend', %lld, 0);" LINK_GOALS,
	                 me, me, me, me, me, me, me) == 0,
	      "scenario 1: the De Vries family with a plan, a Jeugdwet and a Wmo voorziening");
	CHECK(agent_get(&cons, "/huishoudens/960/plan-voor-inwoner", &r) == 200 && http_body_has(&r, "Uw plan") &&
	      http_body_has(&r, "Jeugdhulp ambulant"), "plan for the resident: the preview");
	http_resp_free(&r);
	CHECK(agent_post(&cons, "/huishoudens/960/plan-voor-inwoner", "versie=0&actie=vaststellen&afsluiting=", &r) == 303,
	      "plan for the resident: vastgesteld");
	http_resp_free(&r);
	long long plandoc = db_int("SELECT id FROM document WHERE huishouden_id = 960 AND kind = 'plan' AND status = 'vastgesteld'");
	snprintf(path, sizeof path, "/documenten/%lld/bestand", plandoc);
	CHECK(agent_get(&cons, path, &r) == 200, "plan for the resident: downloads");
	info = run_on(r.body, r.body_len, "pdfinfo");
	CHECK(strstr(info, "Tagged:          yes") != NULL, "plan for the resident: tagged PDF");
	free(info);
	text = squash(run_on(r.body, r.body_len, "pdftotext"));
	CHECK(pos(text, "Jeugdhulp ambulant") > 0 && pos(text, "Respijtzorg") > 0 && pos(text, "Jeugdwet") > 0 &&
	      pos(text, "Wmo") > 0, "plan for the resident: lists the Jeugdwet and the Wmo voorziening");
	CHECK(pos(text, "Sanne de Boer") > 0 && pos(text, "sanne.deboer@nijkerk.example") > 0 && pos(text, "14 033") > 0,
	      "plan for the resident: the regisseur's name, e-mail and telephone");
	CHECK(pos(text, "Uzelf verzorgen") > 0 && pos(text, "Basale ADL") < 0 && pos(text, "Ik wil weer tijd voor mezelf") > 0 &&
	      pos(text, "1 maart 2027") > 0 && pos(text, "Els de Vries") > 0,
	      "plan for the resident: goals in own words under plain domain names, evaluation date, who agreed");
	free(text);
	http_resp_free(&r);

	/* A refusal: no eigen bijdrage, the request named; the API's plan letter. */
	CHECK(ts_db_exec(&S, "INSERT INTO voorziening(id, huishouden_id, persoon_id, kind, decision_date, legal_basis,"
	                     " aanbieder_id, product_id, volume, unit, frequency, start_date, end_date, cost_cents, status,"
	                     " created_by, created_at) VALUES (990, %lld, %lld, 'maatwerk', '2026-12-02', 'wmo2015', 1, 950,"
	                     " 1, 'stuks', 'totaal', '2026-12-15', '2031-12-14', 250000, 'afgewezen', %lld, 0)",
	                 hh, grietje, me) == 0, "a second scootmobiel request, afgewezen");
	CHECK(agent_post(&cons, "/voorzieningen/990/beschikking",
	                 "versie=0&actie=vaststellen&motivatie=Een%20rollator%20geeft%20hetzelfde%20effect.&afsluiting=", &r) == 303,
	      "the afwijzing is vastgesteld");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/documenten/%lld/bestand",
	         db_int("SELECT id FROM document WHERE voorziening_id = 990 AND status = 'vastgesteld'"));
	CHECK(agent_get(&cons, path, &r) == 200, "the afwijzing downloads");
	text = squash(run_on(r.body, r.body_len, "pdftotext"));
	CHECK(pos(text, "Scootmobiel afgewezen") > 0 && pos(text, "niet krijgt") > 0 && pos(text, "CAK") < 0 &&
	      pos(text, "Een rollator geeft hetzelfde effect.") > 0 && pos(text, "binnen zes weken") > 0,
	      "the afwijzing: refused in its heading, no eigen bijdrage, the motivation and the bezwaarclausule");
	free(text);
	http_resp_free(&r);
	CHECK(agent_api(&cons, "GET", "/api/v1/huishoudens/960/plan-voor-inwoner", NULL, &r, &j) == 200 &&
	      json_is_array(json_object_get(j, "blokken")) && json_array_size(json_object_get(j, "versies")) == 1 &&
	      json_integer_value(json_object_get(j, "versie")) == 0, "API: the plan letter with its one version");
	json_decref(j);
	http_resp_free(&r);
	CHECK(agent_api(&cons, "POST", "/api/v1/huishoudens/960/plan-voor-inwoner",
	                "{\"actie\": \"opslaan\", \"versie\": 0, \"afsluiting\": \"Tot de evaluatie!\"}", &r, &j) == 200 &&
	      json_integer_value(json_object_get(j, "versie")) == 1 &&
	      strcmp(json_string_value(json_object_get(j, "afsluiting")), "Tot de evaluatie!") == 0,
	      "API: the plan letter's closing saved, its version moved on");
	json_decref(j);
	http_resp_free(&r);
	CHECK(agent_api(&cons, "POST", "/api/v1/huishoudens/960/plan-voor-inwoner",
	                "{\"actie\": \"opslaan\", \"versie\": 0, \"afsluiting\": \"Oud\"}", &r, NULL) == 409,
	      "API: a stale version is 409");
	http_resp_free(&r);

	/* The verslag van het onderzoek. */
	CHECK(agent_post(&cons, "/huishoudens/960/verslag", "versie=0&actie=vaststellen&afsluiting=", &r) == 422 &&
	      http_body_has(&r, "Gesprek: er is nog geen gesprek"), "verslag: refused without an intake, named");
	http_resp_free(&r);
	CHECK(ts_db_exec(&S, "INSERT INTO intake(id, huishouden_id, held_on, question_behind, strengths, safety_concern,"
	                     " safety_note, created_by, created_at) VALUES (960, 960, '2026-11-18',"
	                     " 'Els wil de zorg volhouden zonder zelf om te vallen.', 'Een hecht gezin.', 1, 'GEHEIME-NOTITIE', %lld, 0);"
	                     "INSERT INTO zrm_score(persoon_id, domain, score, scored_on, intake_id, created_by, created_at)"
	                     " VALUES (961, 'basale_adl', 3, '2026-11-18', 960, %lld, 0);"
	                     "INSERT INTO journaal(huishouden_id, kind, entry_date, body, author_id, created_at)"
	                     " VALUES (960, 'overleg', '2026-11-19', 'INTERNE-AANTEKENING', %lld, 0)", me, me, me) == 0,
	      "an intake with a safety note and a journal entry");
	CHECK(agent_post(&cons, "/huishoudens/960/verslag", "versie=0&actie=vaststellen&afsluiting=", &r) == 303,
	      "verslag: vastgesteld");
	http_resp_free(&r);
	long long verslag = db_int("SELECT id FROM document WHERE huishouden_id = 960 AND kind = 'verslag'");
	snprintf(path, sizeof path, "/documenten/%lld/bestand", verslag);
	CHECK(agent_get(&cons, path, &r) == 200, "verslag: downloads");
	text = squash(run_on(r.body, r.body_len, "pdftotext"));
	CHECK(pos(text, "Els wil de zorg volhouden") > 0 && pos(text, "Een hecht gezin") > 0 &&
	      pos(text, "Uzelf verzorgen") > 0, "verslag: the question behind the question, strengths, per domain");
	CHECK(pos(text, "GEHEIME-NOTITIE") < 0 && pos(text, "INTERNE-AANTEKENING") < 0,
	      "verslag: no safety note and no journal entry");
	free(text);
	http_resp_free(&r);

	/* `loket backup` keeps the documents. */
	char backup[300], cmd[800];
	snprintf(backup, sizeof backup, "%s/kopie.db", S.dir);
	snprintf(cmd, sizeof cmd, "build/san/loket backup --db %s %s > /dev/null 2>&1", S.db, backup);
	CHECK(system(cmd) == 0, "loket backup runs");
	snprintf(cmd, sizeof cmd, "sqlite3 %s \"SELECT count(*) || ':' || sum(length(content)) FROM document WHERE"
	                          " status = 'vastgesteld'\"", backup);
	char want[64], got[64] = "";
	snprintf(want, sizeof want, "%lld:%lld",
	         db_int("SELECT count(*) FROM document WHERE status = 'vastgesteld'"),
	         db_int("SELECT sum(length(content)) FROM document WHERE status = 'vastgesteld'"));
	FILE *p = popen(cmd, "r");
	if (p) {
		if (!fgets(got, sizeof got, p))
			got[0] = '\0';
		pclose(p);
	}
	got[strcspn(got, "\n")] = '\0';
	CHECK_STR(got, want, "the backup holds every document with its content");

	/* Purge removes them with the household. */
	CHECK(ts_db_exec(&S, "INSERT INTO huishouden(id, street, house_number, postcode, city, status, opened_at, closed_at,"
	                     " close_reason) VALUES (970, 'Oudeweg', 1, '3861 AB', 'Nijkerk', 'afgesloten', 0,"
	                     " CAST(strftime('%%s', 'now', '-5 years') AS INTEGER), 'verhuisd');"
	                     "INSERT INTO document(huishouden_id, kind, status, title, file_name, mime_type, sha256, size,"
	                     " content, dated_on, created_by, created_at, settled_by, settled_at) VALUES (970, 'upload',"
	                     " 'vastgesteld', 'Oude brief', 'oud.pdf', 'application/pdf', '%064d', 3, x'414243', '2021-01-01',"
	                     " %lld, 0, %lld, 0)", 0, me, me) == 0,
	      "a household closed five years ago with an upload");
	CHECK(agent_post(&priv, "/privacy/bewaren/970/vernietigen", "bevestigd=1", &r) == 303 &&
	      db_int("SELECT count(*) FROM document WHERE huishouden_id = 970") == 0 &&
	      db_int("SELECT count(*) FROM huishouden WHERE id = 970") == 0,
	      "purge removes the household's documents with it");
	http_resp_free(&r);

	free(mot_enc);
	free(motivation);
	free(pdf);
	CHECK(ts_stop(&S) == 0, "the server stops cleanly");
	T_EXIT();
}
