/* bericht_validatie.c - XSD and rule-stylesheet validation of iWmo/iJw
 * messages with libxml2 and libxslt (see bericht_validatie.h).  Debian's
 * libxml2 and libxslt are the standard's own reference tools (xmllint and
 * xsltproc use them), so the product validates exactly as the published
 * instructions do instead of with rules of our own. */
#include "bericht_validatie.h"

#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlschemas.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/xsltutils.h>

static const char RAPPORT_NS[] = "http://www.istandaarden.nl/validatie/1_1/rapport/schema";

/* ---- kept schemas and stylesheets ---------------------------------------- */

enum { MAX_KEPT = 48 };
struct kept_file {
	char *path;
	xmlSchemaPtr schema;
	xsltStylesheetPtr style;
};
static struct kept_file kept[MAX_KEPT];
static size_t nkept;
static pthread_mutex_t kept_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t init_once = PTHREAD_ONCE_INIT;
static xsltSecurityPrefsPtr security;

static void init_libs(void)
{
	xmlInitParser();
	/* The rule stylesheet only reads the message: no files written, no
	 * directories made, no network, whatever a stylesheet asks. */
	security = xsltNewSecurityPrefs();
	if (security) {
		xsltSetSecurityPrefs(security, XSLT_SECPREF_WRITE_FILE, xsltSecurityForbid);
		xsltSetSecurityPrefs(security, XSLT_SECPREF_CREATE_DIRECTORY, xsltSecurityForbid);
		xsltSetSecurityPrefs(security, XSLT_SECPREF_READ_NETWORK, xsltSecurityForbid);
		xsltSetSecurityPrefs(security, XSLT_SECPREF_WRITE_NETWORK, xsltSecurityForbid);
	}
}

/* Collects libxml2's messages while a schema or stylesheet loads (they go
 * to stderr otherwise). */
static void quiet(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

/* The schema (is_style false) or stylesheet at path, loaded once. */
static void *load_kept(const char *path, bool is_style)
{
	void *found = NULL;
	pthread_mutex_lock(&kept_lock);
	for (size_t i = 0; i < nkept && !found; i++)
		if (strcmp(kept[i].path, path) == 0)
			found = is_style ? (void *)kept[i].style : (void *)kept[i].schema;
	if (!found && nkept < MAX_KEPT) {
		if (is_style) {
			xsltSetGenericErrorFunc(NULL, quiet);
			xsltStylesheetPtr st = xsltParseStylesheetFile((const xmlChar *)path);
			xsltSetGenericErrorFunc(NULL, NULL);
			if (st) {
				kept[nkept++] = (struct kept_file){.path = xstrdup(path), .style = st};
				found = st;
			}
		} else {
			xmlSchemaParserCtxtPtr pc = xmlSchemaNewParserCtxt(path);
			if (pc) {
				xmlSchemaSetParserErrors(pc, quiet, quiet, NULL);
				xmlSchemaPtr sc = xmlSchemaParse(pc);
				xmlSchemaFreeParserCtxt(pc);
				if (sc) {
					kept[nkept++] = (struct kept_file){.path = xstrdup(path), .schema = sc};
					found = sc;
				}
			}
		}
	}
	pthread_mutex_unlock(&kept_lock);
	return found;
}

void bericht_validatie_opruimen(void)
{
	pthread_mutex_lock(&kept_lock);
	for (size_t i = 0; i < nkept; i++) {
		if (kept[i].schema)
			xmlSchemaFree(kept[i].schema);
		if (kept[i].style)
			xsltFreeStylesheet(kept[i].style);
		free(kept[i].path);
	}
	nkept = 0;
	pthread_mutex_unlock(&kept_lock);
	if (security) {
		xsltFreeSecurityPrefs(security);
		security = NULL;
	}
}

/* ---- errors ------------------------------------------------------------------ */

struct fouten {
	arena *a;
	struct bericht_fout *list;
	size_t n, cap;
};

static void add_rc(struct fouten *f, const char *regel, const char *tekst, const char *locatie, const char *rc);

static void add(struct fouten *f, const char *regel, const char *tekst, const char *locatie)
{
	add_rc(f, regel, tekst, locatie, "");
}

static void add_rc(struct fouten *f, const char *regel, const char *tekst, const char *locatie, const char *rc)
{
	if (f->n == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 8;
		struct bericht_fout *grown = arena_alloc(f->a, cap * sizeof *grown);
		if (f->n)
			memcpy(grown, f->list, f->n * sizeof *grown);
		f->list = grown;
		f->cap = cap;
	}
	f->list[f->n++] = (struct bericht_fout){.regel = arena_strdup(f->a, regel), .tekst = arena_strdup(f->a, tekst),
	                                        .locatie = arena_strdup(f->a, locatie ? locatie : ""),
	                                        .retourcode = arena_strdup(f->a, rc ? rc : "")};
}

/* A parse or schema error, as libxml2 reports it, into the list. */
static void structured(void *ctx, xmlErrorPtr e)
{
	struct fouten *f = ctx;
	if (!e || f->n >= 200)
		return;
	char msg[512];
	snprintf(msg, sizeof msg, "%s", e->message ? e->message : "onbekende fout");
	size_t l = strlen(msg);
	while (l && isspace((unsigned char)msg[l - 1]))
		msg[--l] = '\0';
	char where[32];
	snprintf(where, sizeof where, "regel %d", e->line);
	bool schema = e->domain == XML_FROM_SCHEMASV || e->domain == XML_FROM_SCHEMASP;
	add(f, schema ? "XSD" : "XML",
	    arena_printf(f->a, "%s: %s", schema ? "Voldoet niet aan het XSD-schema" : "Geen goed gevormde XML", msg),
	    where);
}

/* ---- the checks -------------------------------------------------------------- */

/* "http://www.istandaarden.nl/ijw/3_2/jw318/schema" -> "ijw", "JW318". */
static bool message_of(arena *a, const xmlChar *ns, const char **standaard, const char **bericht)
{
	char std[8], msg[16];
	if (!ns || sscanf((const char *)ns, "http://www.istandaarden.nl/%7[a-z]/3_2/%15[a-z0-9]/schema", std, msg) != 2)
		return false;
	if (strcmp(std, "iwmo") != 0 && strcmp(std, "ijw") != 0)
		return false;
	for (char *p = msg; *p; p++)
		*p = (char)toupper((unsigned char)*p);
	*standaard = arena_strdup(a, std);
	*bericht = arena_strdup(a, msg);
	return true;
}

static const char *child_text(arena *a, xmlNodePtr n, const char *name)
{
	for (xmlNodePtr c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, name) == 0) {
			xmlChar *t = xmlNodeGetContent(c);
			const char *s = arena_strdup(a, t ? (const char *)t : "");
			xmlFree(t);
			return s;
		}
	return NULL;
}

/* Every <Fout> of the rule stylesheet's report, depth first. */
static void report_errors(struct fouten *f, xmlNodePtr n)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)n->name, "Fout") == 0 && n->ns && strcmp((const char *)n->ns->href, RAPPORT_NS) == 0) {
			const char *code = child_text(f->a, n, "Code");
			const char *details = child_text(f->a, n, "Details");
			const char *retour = child_text(f->a, n, "Retourcode");
			const char *where = child_text(f->a, n, "Locatie");
			add_rc(f, code && *code ? code : "REGEL",
			    arena_printf(f->a, "Regel %s van de standaard is geschonden%s%s%s%s", code && *code ? code : "?",
			                 retour ? " (retourcode " : "", retour ? retour : "", retour ? ")" : "",
			                 details && *details ? arena_printf(f->a, ": %s", details) : ""),
			    where, retour);
			continue;
		}
		report_errors(f, n->children);
	}
}

/* A DOCTYPE is never part of a message; refusing it before parsing keeps
 * entity declarations (internal or external) out altogether. */
static bool has_doctype(const char *xml, size_t len)
{
	static const char needle[] = "<!DOCTYPE";
	size_t n = sizeof needle - 1;
	for (size_t i = 0; i + n <= len; i++)
		if (xml[i] == '<' && memcmp(xml + i, needle, n) == 0)
			return true;
	return false;
}

static const char *release_dir = "istandaarden";
static _Atomic long long tijd_xsd, tijd_regels;

void bericht_validatie_tijd(long long *xsd_ns, long long *regels_ns)
{
	*xsd_ns = tijd_xsd;
	*regels_ns = tijd_regels;
}

void bericht_release_set(const char *dir)
{
	if (dir && *dir)
		release_dir = dir;
}

const char *bericht_release(void)
{
	return release_dir;
}

static long long now_ns(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

/* The iWmo copy of the release lacks the retour schemas (302 ... 325); their
 * structure is the iJw one.  For such a message the schema is derived from
 * the iJw retour schema: its namespaces and BerichtCode become the iWmo
 * ones, and its types come from the iWmo basisschema (so iWmo product
 * categories and code lists apply).  Loaded once and kept.  NULL when there
 * is no iJw counterpart. */
static xmlSchemaPtr iwmo_retour_schema(arena *a, const char *dir, const char *bericht)
{
	static const struct {
		const char *wmo, *jw, *wmo_code, *jw_code;
	} map[] = {{"WMO302", "JW302", "415", "437"}, {"WMO306", "JW306", "419", "439"}, {"WMO308", "JW308", "421", "441"},
	           {"WMO316", "JW316", "445", "447"}, {"WMO318", "JW318", "481", "487"}, {"WMO320", "JW320", "483", "489"},
	           {"WMO325", "JW325", "485", "491"}};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++) {
		if (strcmp(map[i].wmo, bericht) != 0)
			continue;
		const char *virt = arena_printf(a, "%s/iwmo-3.2/xsd/%s.xsd", dir, map[i].wmo);
		pthread_mutex_lock(&kept_lock);
		xmlSchemaPtr found = NULL;
		for (size_t k = 0; k < nkept && !found; k++)
			if (strcmp(kept[k].path, virt) == 0)
				found = kept[k].schema;
		pthread_mutex_unlock(&kept_lock);
		if (found)
			return found;
		FILE *f = fopen(arena_printf(a, "%s/ijw-3.2/xsd/%s.xsd", dir, map[i].jw), "rb");
		if (!f)
			return NULL;
		strbuf src = {0};
		char buf[8192];
		size_t n;
		while ((n = fread(buf, 1, sizeof buf, f)) > 0)
			sb_append(&src, buf, n);
		fclose(f);
		/* Namespaces and the fixed BerichtCode. */
		char jw_ns[96], wmo_ns[96], jw_code[32], wmo_code[32];
		snprintf(jw_ns, sizeof jw_ns, "/ijw/3_2/jw%s/schema", map[i].jw + 2);
		snprintf(wmo_ns, sizeof wmo_ns, "/iwmo/3_2/wmo%s/schema", map[i].wmo + 3);
		snprintf(jw_code, sizeof jw_code, "value=\"%s\"", map[i].jw_code);
		snprintf(wmo_code, sizeof wmo_code, "value=\"%s\"", map[i].wmo_code);
		const char *const from[] = {"/ijw/3_2/basisschema/schema", jw_ns, jw_code};
		const char *const to[] = {"/iwmo/3_2/basisschema/schema", wmo_ns, wmo_code};
		const char *text = sb_str(&src);
		strbuf out = {0};
		while (*text) {
			size_t k;
			for (k = 0; k < 3; k++)
				if (strncmp(text, from[k], strlen(from[k])) == 0)
					break;
			if (k < 3) {
				sb_puts(&out, to[k]);
				text += strlen(from[k]);
			} else {
				sb_putc(&out, *text++);
			}
		}
		sb_free(&src);
		const char *xsd = sb_str(&out);
		xmlDocPtr doc = xmlReadMemory(xsd, (int)strlen(xsd), virt, "UTF-8", XML_PARSE_NONET);
		sb_free(&out);
		if (!doc)
			return NULL;
		xmlSchemaParserCtxtPtr pc = xmlSchemaNewDocParserCtxt(doc);
		xmlSchemaPtr sc = NULL;
		if (pc) {
			xmlSchemaSetParserErrors(pc, quiet, quiet, NULL);
			sc = xmlSchemaParse(pc);
			xmlSchemaFreeParserCtxt(pc);
		}
		xmlFreeDoc(doc);
		if (!sc)
			return NULL;
		pthread_mutex_lock(&kept_lock);
		if (nkept < MAX_KEPT) {
			kept[nkept++] = (struct kept_file){.path = xstrdup(virt), .schema = sc};
		} else {
			xmlSchemaFree(sc);
			sc = NULL;
		}
		pthread_mutex_unlock(&kept_lock);
		return sc;
	}
	return NULL;
}

int bericht_valideer(arena *a, const char *dir, const char *xml, size_t len, struct bericht_uitslag *out)
{
	pthread_once(&init_once, init_libs);
	struct fouten f = {.a = a};
	*out = (struct bericht_uitslag){.standaard = "", .bericht = ""};
	int rc = 0;
	if (len > BERICHT_MAX_BYTES) {
		add(&f, "OP179", "Het bestand is groter dan 25 MB; een bericht mag dat niet zijn.", "");
		goto done;
	}
	if (!utf8_valid(xml, len)) {
		add(&f, "XML", "Het bestand is geen geldige UTF-8-tekst.", "");
		goto done;
	}
	if (has_doctype(xml, len)) {
		add(&f, "XML", "Het bestand bevat een DOCTYPE (met mogelijk entiteiten); een bericht heeft die nooit.", "");
		goto done;
	}
	xmlParserCtxtPtr pc = xmlNewParserCtxt();
	if (!pc) {
		add(&f, "XML", "Het bestand kon niet worden gelezen.", "");
		goto done;
	}
	xmlSetStructuredErrorFunc(&f, structured);
	/* No entity substitution, no DTD loading, no network. */
	xmlDocPtr doc = xmlCtxtReadMemory(pc, xml, (int)len, NULL, "UTF-8", XML_PARSE_NONET | XML_PARSE_NOCDATA);
	xmlFreeParserCtxt(pc);
	if (!doc) {
		xmlSetStructuredErrorFunc(NULL, NULL);
		if (!f.n)
			add(&f, "XML", "Het bestand is geen goed gevormde XML.", "");
		goto done;
	}
	xmlNodePtr root = xmlDocGetRootElement(doc);
	if (!root || strcmp((const char *)root->name, "Bericht") != 0 ||
	    !message_of(a, root->ns ? root->ns->href : NULL, &out->standaard, &out->bericht)) {
		add(&f, "BERICHT", "Dit is geen iWmo- of iJw-bericht van release 3.2 (onbekende berichtsoort).", "/");
		xmlSetStructuredErrorFunc(NULL, NULL);
		xmlFreeDoc(doc);
		goto done;
	}
	char *std_dir = arena_printf(a, "%s/%s-3.2", dir, out->standaard);
	const char *xsd_path = arena_printf(a, "%s/xsd/%s.xsd", std_dir, out->bericht);
	xmlSchemaPtr schema = NULL;
	FILE *probe = fopen(xsd_path, "r");
	if (probe) {
		fclose(probe);
		schema = load_kept(xsd_path, false);
	} else if (strcmp(out->standaard, "iwmo") == 0) {
		schema = iwmo_retour_schema(a, dir, out->bericht);
		out->via_ijw = schema != NULL;
	}
	xsltStylesheetPtr style = load_kept(arena_printf(a, "%s/regels-tr-cd-cs.xsl", std_dir), true);
	if (!schema || !style) {
		add(&f, "CONFIG", arena_printf(a, "Het schema of de regels voor %s ontbreken in %s.", out->bericht, std_dir), "");
		xmlSetStructuredErrorFunc(NULL, NULL);
		xmlFreeDoc(doc);
		rc = -1;
		goto done;
	}
	long long t0 = now_ns();
	xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(schema);
	if (vc) {
		xmlSchemaSetValidStructuredErrors(vc, structured, &f);
		int v = xmlSchemaValidateDoc(vc, doc);
		xmlSchemaFreeValidCtxt(vc);
		if (v != 0 && !f.n)
			add(&f, "XSD", "Voldoet niet aan het XSD-schema.", "");
	} else {
		add(&f, "XSD", "Het schema kon niet worden toegepast.", "");
	}
	long long t1 = now_ns();
	out->xsd_ns = t1 - t0;
	tijd_xsd += out->xsd_ns;
	xmlSetStructuredErrorFunc(NULL, NULL);
	xsltTransformContextPtr tc = xsltNewTransformContext(style, doc);
	if (tc) {
		if (security)
			xsltSetCtxtSecurityPrefs(security, tc);
		xmlDocPtr report = xsltApplyStylesheetUser(style, doc, NULL, NULL, NULL, tc);
		if (report) {
			report_errors(&f, xmlDocGetRootElement(report));
			xmlFreeDoc(report);
		} else {
			add(&f, "REGEL", "De regels van de standaard konden niet worden toegepast.", "");
		}
		xsltFreeTransformContext(tc);
	}
	out->regels_ns = now_ns() - t1;
	tijd_regels += out->regels_ns;
	xmlFreeDoc(doc);
done:
	out->fouten = f.list;
	out->nfouten = f.n;
	out->geldig = f.n == 0;
	return rc;
}
