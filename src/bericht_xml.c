/* bericht_xml.c - the XML of iWmo and iJw 3.2 messages (see
 * bericht_xml.h). */
#include "bericht_xml.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>

static const struct {
	const char *soort, *iwmo, *ijw;
} codes[] = {
	{"301", "414", "436"}, {"302", "415", "437"}, {"305", "418", "438"}, {"306", "419", "439"},
	{"307", "420", "440"}, {"308", "421", "441"}, {"315", "444", "446"}, {"316", "445", "447"},
	{"317", "480", "486"}, {"318", "481", "487"}, {"319", "482", "488"}, {"320", "483", "489"},
	{"323", "484", "490"}, {"325", "485", "491"},
};

const char *bx_berichtcode(const char *standaard, const char *soort)
{
	bool wmo = strcmp(standaard, "iwmo") == 0;
	if (!wmo && strcmp(standaard, "ijw") != 0)
		return NULL;
	for (size_t i = 0; i < ARRAY_LEN(codes); i++)
		if (strcmp(codes[i].soort, soort) == 0)
			return wmo ? codes[i].iwmo : codes[i].ijw;
	return NULL;
}

/* "http://www.istandaarden.nl/iwmo/3_2/wmo301/schema" into buf. */
static void message_ns(char *buf, size_t n, const char *standaard, const char *soort)
{
	bool wmo = strcmp(standaard, "iwmo") == 0;
	snprintf(buf, n, "http://www.istandaarden.nl/%s/3_2/%s%s/schema", standaard, wmo ? "wmo" : "jw", soort);
}

static void message_prefix(char *buf, size_t n, const char *standaard, const char *soort)
{
	snprintf(buf, n, "%s%s", strcmp(standaard, "iwmo") == 0 ? "wmo" : "jw", soort);
}

/* ---- writing -------------------------------------------------------------- */

struct w {
	xmlDocPtr doc;
	xmlNsPtr m, b; /* the message's namespace and the basisschema's */
};

static xmlNodePtr el(xmlNodePtr parent, xmlNsPtr ns, const char *name, const char *text)
{
	return xmlNewTextChild(parent, ns, (const xmlChar *)name, (const xmlChar *)text);
}

static xmlNodePtr el_long(xmlNodePtr parent, xmlNsPtr ns, const char *name, long v)
{
	char buf[24];
	snprintf(buf, sizeof buf, "%ld", v);
	return el(parent, ns, name, buf);
}

/* A new document with root Bericht and its Header (up to XsdVersie). */
static xmlNodePtr start(struct w *w, const struct bx_header *h)
{
	const char *code = bx_berichtcode(h->standaard, h->soort);
	if (!code)
		return NULL;
	w->doc = xmlNewDoc((const xmlChar *)"1.0");
	if (!w->doc)
		return NULL;
	xmlNodePtr root = xmlNewNode(NULL, (const xmlChar *)"Bericht");
	xmlDocSetRootElement(w->doc, root);
	char uri[96], prefix[16], base[96];
	message_ns(uri, sizeof uri, h->standaard, h->soort);
	message_prefix(prefix, sizeof prefix, h->standaard, h->soort);
	snprintf(base, sizeof base, "http://www.istandaarden.nl/%s/3_2/basisschema/schema", h->standaard);
	w->m = xmlNewNs(root, (const xmlChar *)uri, (const xmlChar *)prefix);
	w->b = xmlNewNs(root, (const xmlChar *)base, (const xmlChar *)h->standaard);
	xmlSetNs(root, w->m);
	xmlNodePtr hd = el(root, w->m, "Header", NULL);
	el(hd, w->m, "BerichtCode", code);
	el(hd, w->m, "BerichtVersie", "3");
	el(hd, w->m, "BerichtSubversie", "2");
	el(hd, w->m, "Afzender", h->afzender);
	el(hd, w->m, "Ontvanger", h->ontvanger);
	xmlNodePtr id = el(hd, w->m, "BerichtIdentificatie", NULL);
	el(id, w->b, "Identificatie", h->identificatie);
	el(id, w->b, "Dagtekening", h->dagtekening);
	xmlNodePtr xv = el(hd, w->m, "XsdVersie", NULL);
	el(xv, w->b, "BasisschemaXsdVersie", "1.0.0");
	el(xv, w->b, "BerichtXsdVersie", "1.0.0");
	return root;
}

static void client_part(struct w *w, xmlNodePtr cl, const struct bx_client *c)
{
	el(cl, w->m, "Bsn", c->bsn);
	xmlNodePtr gb = el(cl, w->m, "Geboortedatum", NULL);
	el(gb, w->b, "Datum", c->geboortedatum);
	el(cl, w->m, "Geslacht", c->geslacht);
	xmlNodePtr naam = el(cl, w->m, "Naam", NULL);
	xmlNodePtr gn = el(naam, w->b, "Geslachtsnaam", NULL);
	el(gn, w->b, "Achternaam", c->achternaam);
	if (c->voorvoegsel && *c->voorvoegsel)
		el(gn, w->b, "Voorvoegsel", c->voorvoegsel);
	if (c->voornamen && *c->voornamen)
		el(naam, w->b, "Voornamen", c->voornamen);
	if (c->voorletters && *c->voorletters)
		el(naam, w->b, "Voorletters", c->voorletters);
	el(naam, w->b, "NaamGebruik", c->naamgebruik);
	xmlNodePtr cg = el(cl, w->m, "Contactgegevens", NULL);
	xmlNodePtr ct = el(cg, w->m, "Contact", NULL);
	el(ct, w->m, "Soort", "01");
	xmlNodePtr adres = el(ct, w->m, "Adres", NULL);
	xmlNodePtr huis = el(adres, w->b, "Huis", NULL);
	el_long(huis, w->b, "Huisnummer", c->huisnummer);
	if (c->huisletter && *c->huisletter)
		el(huis, w->b, "Huisletter", c->huisletter);
	if (c->toevoeging && *c->toevoeging)
		el(huis, w->b, "HuisnummerToevoeging", c->toevoeging);
	el(adres, w->b, "Postcode", c->postcode);
	el(adres, w->b, "Straatnaam", c->straat);
	el(adres, w->b, "Plaatsnaam", c->plaats);
	el(adres, w->b, "LandCode", "NL");
}

xmlDocPtr bx_toewijzing_bericht(const struct bx_header *h, const struct bx_client *c, const struct bx_toewijzing *t,
                                size_t nt)
{
	struct w w = {0};
	xmlNodePtr root = start(&w, h);
	if (!root)
		return NULL;
	xmlNodePtr cl = el(root, w.m, "Client", NULL);
	client_part(&w, cl, c);
	xmlNodePtr tps = el(cl, w.m, "ToegewezenProducten", NULL);
	for (size_t i = 0; i < nt; i++) {
		xmlNodePtr tp = el(tps, w.m, "ToegewezenProduct", NULL);
		el_long(tp, w.m, "ToewijzingNummer", t[i].nummer);
		if (t[i].referentie_aanbieder)
			el(tp, w.m, "ReferentieAanbieder", t[i].referentie_aanbieder);
		xmlNodePtr pr = el(tp, w.m, "Product", NULL);
		el(pr, w.b, "Categorie", t[i].categorie);
		if (t[i].code && *t[i].code)
			el(pr, w.b, "Code", t[i].code);
		el(tp, w.m, "Toewijzingsdatum", t[i].toewijzingsdatum);
		el(tp, w.m, "Toewijzingstijd", t[i].toewijzingstijd);
		el(tp, w.m, "Ingangsdatum", t[i].ingangsdatum);
		el(tp, w.m, "Einddatum", t[i].einddatum);
		if (t[i].reden_wijziging)
			el(tp, w.m, "RedenWijziging", t[i].reden_wijziging);
		xmlNodePtr om = el(tp, w.m, "Omvang", NULL);
		el_long(om, w.b, "Volume", t[i].volume);
		el(om, w.b, "Eenheid", t[i].eenheid);
		el(om, w.b, "Frequentie", t[i].frequentie);
	}
	return w.doc;
}

xmlDocPtr bx_antwoord_bericht(const struct bx_header *h, const char *ref, const char *antwoord, const char *reden)
{
	struct w w = {0};
	xmlNodePtr root = start(&w, h);
	if (!root)
		return NULL;
	xmlNodePtr a = el(root, w.m, "Antwoord", NULL);
	el(a, w.m, "ReferentieAanbieder", ref);
	el(a, w.m, "VerzoekAntwoord", antwoord);
	if (reden)
		el(a, w.m, "RedenAfwijzingVerzoek", reden);
	return w.doc;
}

int bx_serialize(arena *a, xmlDocPtr doc, char **out, size_t *len)
{
	xmlChar *buf = NULL;
	int n = 0;
	xmlDocDumpFormatMemoryEnc(doc, &buf, &n, "UTF-8", 1);
	if (!buf || n <= 0) {
		xmlFree(buf);
		return -1;
	}
	char *s = arena_alloc(a, (size_t)n + 1);
	memcpy(s, buf, (size_t)n);
	s[n] = '\0';
	xmlFree(buf);
	*out = s;
	*len = (size_t)n;
	return 0;
}

/* ---- reading -------------------------------------------------------------- */

static bool named(xmlNodePtr n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

xmlNodePtr bx_child(xmlNodePtr n, const char *name)
{
	for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next)
		if (named(c, name))
			return c;
	return NULL;
}

xmlNodePtr bx_next(xmlNodePtr n)
{
	for (xmlNodePtr c = n ? n->next : NULL; c; c = c->next)
		if (named(c, (const char *)n->name))
			return c;
	return NULL;
}

const char *bx_text(arena *a, xmlNodePtr n, const char *path)
{
	char part[64];
	const char *p = path;
	while (n && *p) {
		size_t l = strcspn(p, "/");
		if (l == 0 || l >= sizeof part)
			return NULL;
		memcpy(part, p, l);
		part[l] = '\0';
		n = bx_child(n, part);
		p += l;
		if (*p == '/')
			p++;
	}
	if (!n)
		return NULL;
	xmlChar *t = xmlNodeGetContent(n);
	if (!t)
		return NULL;
	const char *s = (const char *)t;
	while (isspace((unsigned char)*s))
		s++;
	size_t l = strlen(s);
	while (l && isspace((unsigned char)s[l - 1]))
		l--;
	char *r = arena_alloc(a, l + 1);
	memcpy(r, s, l);
	r[l] = '\0';
	xmlFree(t);
	return r;
}

xmlDocPtr bx_parse(const char *xml, size_t len)
{
	if (len > (size_t)2147483647)
		return NULL;
	xmlParserCtxtPtr pc = xmlNewParserCtxt();
	if (!pc)
		return NULL;
	xmlDocPtr doc = xmlCtxtReadMemory(pc, xml, (int)len, NULL, "UTF-8",
	                                  XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
	                                      XML_PARSE_NOBLANKS);
	xmlFreeParserCtxt(pc);
	return doc;
}

/* ---- retours -------------------------------------------------------------- */

void bx_mark(xmlNodePtr record, const char *codes_)
{
	if (record)
		record->_private = (void *)codes_;
}

/* What _private holds on a list element (StartProducten) that mark_lists
 * found; records hold their codes. */
static char list_mark[] = "list";

static bool own_refused(xmlNodePtr n)
{
	const char *c = n->_private;
	if (c == list_mark)
		return false;
	return c && *c && strcmp(c, "0200") != 0;
}

bool bx_refused(xmlNodePtr n)
{
	if (!n || n->type != XML_ELEMENT_NODE)
		return false;
	if (own_refused(n))
		return true;
	for (xmlNodePtr c = n->children; c; c = c->next)
		if (bx_refused(c))
			return true;
	return false;
}

/* Appends <RetourCodes><RetourCode>..</RetourCode>...</RetourCodes> with
 * the codes of a space-separated list. */
static void add_codes(xmlNodePtr parent, xmlNsPtr ns, const char *list)
{
	xmlNodePtr rc = el(parent, ns, "RetourCodes", NULL);
	const char *p = list && *list ? list : "0200";
	while (*p) {
		while (*p == ' ')
			p++;
		size_t l = strcspn(p, " ");
		if (l == 4) {
			char c[5];
			memcpy(c, p, 4);
			c[4] = '\0';
			el(rc, ns, "RetourCode", c);
		}
		p += l;
	}
}

static bool is_record(xmlNodePtr n)
{
	static const char *const names[] = {"Client", "StartProduct", "StopProduct", "AangevraagdProduct", "Verzoek",
	                                    "OngewijzigdProduct", "TeWijzigenProduct", "NieuwProduct", "Prestatie"};
	if (!n || n->type != XML_ELEMENT_NODE)
		return false;
	for (size_t i = 0; i < ARRAY_LEN(names); i++)
		if (strcmp((const char *)n->name, names[i]) == 0)
			return true;
	return false;
}

/* Below a kept record: drops the records that are fine (and a list that
 * ends up empty), and gives every kept record its RetourCodes. */
static void prune(xmlNodePtr n, xmlNsPtr ns, bool keep_all)
{
	xmlNodePtr next;
	for (xmlNodePtr c = n->children; c; c = next) {
		next = c->next;
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (is_record(c)) {
			if (!keep_all && !bx_refused(c)) {
				xmlUnlinkNode(c);
				xmlFreeNode(c);
				continue;
			}
			prune(c, ns, keep_all);
		} else {
			prune(c, ns, keep_all);
		}
	}
	if (is_record(n))
		add_codes(n, ns, n->_private);
}

/* Removes lists whose records were all dropped (a list element whose
 * children were all records and now has none). */
static void drop_empty_lists(xmlNodePtr n)
{
	xmlNodePtr next;
	for (xmlNodePtr c = n->children; c; c = next) {
		next = c->next;
		if (c->type != XML_ELEMENT_NODE)
			continue;
		drop_empty_lists(c);
		if (c->_private == list_mark && !c->children) {
			xmlUnlinkNode(c);
			xmlFreeNode(c);
		}
	}
}

/* Marks elements whose element children are all records as lists, so a
 * list emptied by prune can be recognised. */
static void mark_lists(xmlNodePtr n)
{
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		mark_lists(c);
		if (is_record(c))
			continue;
		bool any = false, all = true;
		for (xmlNodePtr g = c->children; g; g = g->next)
			if (g->type == XML_ELEMENT_NODE) {
				any = true;
				all = all && is_record(g);
			}
		if (any && all && !c->_private)
			c->_private = list_mark;
	}
}

/* Renames the message namespace of doc from soort "from" to "to" (prefix,
 * URI) and sets the BerichtCode.  Returns the namespace, NULL when doc is
 * no message. */
static xmlNsPtr retarget(xmlDocPtr doc, const char *to, xmlNodePtr *header)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);
	if (!root || !root->ns || !root->ns->href)
		return NULL;
	char std[8], msg[16];
	if (sscanf((const char *)root->ns->href, "http://www.istandaarden.nl/%7[a-z]/3_2/%15[a-z0-9]/schema", std, msg) != 2)
		return NULL;
	const char *code = bx_berichtcode(std, to);
	if (!code)
		return NULL;
	char uri[96], prefix[16];
	message_ns(uri, sizeof uri, std, to);
	message_prefix(prefix, sizeof prefix, std, to);
	xmlNsPtr ns = root->ns;
	xmlFree((xmlChar *)ns->href);
	ns->href = xmlStrdup((const xmlChar *)uri);
	xmlFree((xmlChar *)ns->prefix);
	ns->prefix = xmlStrdup((const xmlChar *)prefix);
	*header = bx_child(root, "Header");
	xmlNodePtr bc = bx_child(*header, "BerichtCode");
	if (!bc)
		return NULL;
	xmlNodeSetContent(bc, (const xmlChar *)code);
	return ns;
}

static xmlNsPtr base_ns(xmlDocPtr doc)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);
	for (xmlNsPtr n = root->nsDef; n; n = n->next)
		if (n->href && strstr((const char *)n->href, "/basisschema/"))
			return n;
	return NULL;
}

int bx_maak_retour(xmlDocPtr doc, const char *identificatie, const char *dagtekening, const char *header_code)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);
	if (!root || !root->ns)
		return -1;
	int soort = 0;
	const char *href = (const char *)root->ns->href;
	const char *p = strstr(href, "/3_2/");
	if (!p || sscanf(p + 5, "%*[a-z]%d", &soort) != 1)
		return -1;
	char to[16];
	snprintf(to, sizeof to, "%d", soort + 1);
	xmlNodePtr hd = NULL;
	xmlNsPtr ns = retarget(doc, to, &hd);
	xmlNsPtr b = base_ns(doc);
	if (!ns || !hd || !b)
		return -1;
	xmlNodePtr xv = bx_child(hd, "XsdVersie");
	el(hd, ns, "IdentificatieRetour", identificatie);
	el(hd, ns, "DagtekeningRetour", dagtekening);
	xmlNodePtr xr = el(hd, ns, "XsdVersieRetour", NULL);
	el(xr, b, "BasisschemaXsdVersie", "1.0.0");
	el(xr, b, "BerichtXsdVersie", "1.0.0");
	(void)xv;
	add_codes(hd, ns, header_code);
	bool whole = strcmp(header_code, "0200") != 0;
	mark_lists(root);
	xmlNodePtr next;
	for (xmlNodePtr c = root->children; c; c = next) {
		next = c->next;
		if (c == hd || c->type != XML_ELEMENT_NODE)
			continue;
		if (whole || !bx_refused(c)) {
			xmlUnlinkNode(c);
			xmlFreeNode(c);
			continue;
		}
		/* A refused client keeps everything below it. */
		prune(c, ns, own_refused(c));
	}
	drop_empty_lists(root);
	return 0;
}

static void set_bedrag(xmlNodePtr parent, xmlNsPtr ns, xmlNsPtr b, const char *name, long cents)
{
	xmlNodePtr t = el(parent, ns, name, NULL);
	el_long(t, b, "TotaalBedrag", cents < 0 ? -cents : cents);
	el(t, b, "DebetCredit", cents < 0 ? "C" : "D");
}

int bx_maak_declaratie_antwoord(xmlDocPtr doc, const char *identificatie, const char *dagtekening,
                                long toegekend_cents, const char *code)
{
	bool geheel = code && strcmp(code, "0200") != 0;
	if (geheel)
		toegekend_cents = 0;
	xmlNodePtr root = xmlDocGetRootElement(doc);
	xmlNodePtr hd = NULL;
	xmlNsPtr ns = retarget(doc, "325", &hd);
	xmlNsPtr b = base_ns(doc);
	if (!ns || !hd || !b)
		return -1;
	/* Header: we send; the declaration's identification moves to
	 * DeclaratieIdentificatie. */
	xmlNodePtr afz = bx_child(hd, "Afzender"), ont = bx_child(hd, "Ontvanger");
	xmlNodePtr id = bx_child(hd, "BerichtIdentificatie");
	if (!afz || !ont || !id)
		return -1;
	xmlChar *a = xmlNodeGetContent(afz), *o = xmlNodeGetContent(ont);
	xmlNodeSetContent(afz, o);
	xmlNodeSetContent(ont, a);
	xmlFree(a);
	xmlFree(o);
	xmlNodePtr decl_id = xmlCopyNode(id, 1);
	xmlNodeSetName(decl_id, (const xmlChar *)"DeclaratieIdentificatie");
	xmlNodePtr idf = bx_child(id, "Identificatie"), dag = bx_child(id, "Dagtekening");
	if (!idf || !dag)
		return -1;
	xmlNodeSetContent(idf, (const xmlChar *)identificatie);
	xmlNodeSetContent(dag, (const xmlChar *)dagtekening);
	xmlAddChild(hd, decl_id);
	xmlNodePtr xr = el(hd, ns, "XsdVersieDeclaratie", NULL);
	el(xr, b, "BasisschemaXsdVersie", "1.0.0");
	el(xr, b, "BerichtXsdVersie", "1.0.0");
	add_codes(hd, ns, "0200");
	/* Declaratie -> DeclaratieAntwoord. */
	xmlNodePtr d = bx_child(root, "Declaratie");
	if (!d)
		return -1;
	xmlNodeSetName(d, (const xmlChar *)"DeclaratieAntwoord");
	xmlNodePtr next;
	for (xmlNodePtr c = d->children; c; c = next) {
		next = c->next;
		if (named(c, "DeclaratiePeriode") || named(c, "DeclaratieDagtekening")) {
			xmlUnlinkNode(c);
			xmlFreeNode(c);
		}
	}
	xmlNodePtr ingediend = bx_child(d, "TotaalIngediendBedrag");
	xmlNodePtr clienten = bx_child(d, "Clienten");
	if (!ingediend)
		return -1;
	xmlNodePtr tmp = xmlNewNode(NULL, (const xmlChar *)"tmp");
	set_bedrag(tmp, ns, b, "TotaalToegekendBedrag", toegekend_cents);
	xmlNodePtr tot = tmp->children;
	xmlUnlinkNode(tot);
	xmlFreeNode(tmp);
	xmlAddNextSibling(ingediend, tot);
	/* Only refused prestaties go back (TR342); a client left without any,
	 * and then the list of clients, goes too. */
	xmlNodePtr cl_next;
	for (xmlNodePtr cl = bx_child(clienten, "Client"); cl; cl = cl_next) {
		cl_next = bx_next(cl);
		xmlNodePtr ps = bx_child(cl, "Prestaties");
		xmlNodePtr p_next;
		bool kept = false;
		for (xmlNodePtr p = bx_child(ps, "Prestatie"); p; p = p_next) {
			p_next = bx_next(p);
			if (geheel || !own_refused(p)) {
				xmlUnlinkNode(p);
				xmlFreeNode(p);
				continue;
			}
			add_codes(p, ns, p->_private);
			kept = true;
		}
		if (!kept) {
			xmlUnlinkNode(cl);
			xmlFreeNode(cl);
			continue;
		}
		add_codes(cl, ns, cl->_private);
	}
	if (clienten && !bx_child(clienten, "Client")) {
		xmlUnlinkNode(clienten);
		xmlFreeNode(clienten);
	}
	add_codes(d, ns, geheel ? code : "0200");
	return 0;
}
