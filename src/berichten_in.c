/* berichten_in.c - incoming messages: validated, matched, applied in one
 * transaction and answered with their retour (see berichten.h). */
#include "berichten.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audit.h"
#include "bericht_validatie.h"
#include "bericht_xml.h"
#include "db_bericht.h"
#include "db_voorziening.h"

/* What applying found: a reason for refusing the whole message (NULL:
 * applied), the header retourcode that goes with it. */
struct toepassing {
	arena *a;
	db *d;
	int64_t bericht_id, aanbieder_id, by;
	const char *dagtekening;
	const char *standaard; /* of the message: a toewijzing must be of the same */
	const char *weiger;   /* Dutch, NULL when applied */
	const char *kopcode;  /* the header's retourcode when refused */
	long toegekend_cents; /* 323: approved total */
	int64_t persoon_id, huishouden_id;
};

static void weiger(struct toepassing *t, const char *code, const char *reden)
{
	if (!t->weiger) {
		t->weiger = reden;
		t->kopcode = code;
	}
}

/* Refuses one record: its code on the record, and the message as a whole
 * (nothing half applied). */
static void weiger_record(struct toepassing *t, xmlNodePtr rec, const char *code, const char *reden)
{
	bx_mark(rec, code);
	weiger(t, "0200", reden);
}

static int64_t num(const char *s)
{
	if (!s || !*s)
		return -1;
	char *end;
	long long v = strtoll(s, &end, 10);
	return *end ? -1 : (int64_t)v;
}

/* The client by BSN; refuses the record when unknown. */
static bool client(struct toepassing *t, xmlNodePtr cl, const char *bsn)
{
	int64_t p = 0, hh = 0;
	enum db_status s = bsn ? db_persoon_by_bsn(t->d, bsn, &p, &hh) : DB_NOT_FOUND;
	if (s != DB_OK) {
		weiger_record(t, cl, "0001",
		              arena_printf(t->a, "Het BSN %s is bij de gemeente niet bekend.", bsn ? bsn : "(leeg)"));
		return false;
	}
	t->persoon_id = p;
	t->huishouden_id = hh;
	return true;
}

/* The toewijzing with the number of a record, of this client and
 * provider; refuses the record (9019) otherwise. */
static bool toewijzing_van(struct toepassing *t, xmlNodePtr rec, struct tw_rij *tw)
{
	const char *nr = bx_text(t->a, rec, "ToewijzingNummer");
	if (db_tw_by_nummer(t->d, t->a, num(nr), tw) != DB_OK || tw->persoon_id != t->persoon_id ||
	    tw->aanbieder_id != t->aanbieder_id || strcmp(tw->standaard, t->standaard) != 0) {
		weiger_record(t, rec, "9019",
		              arena_printf(t->a, "Toewijzing %s is voor deze cliënt en aanbieder niet bekend.", nr ? nr : "?"));
		return false;
	}
	const char *laatste = "";
	if (db_bericht_laatste_regie(t->d, t->a, tw->id, &laatste) == DB_OK && strcmp(laatste, t->dagtekening) > 0) {
		weiger_record(t, rec, "0001",
		              arena_printf(t->a, "Voor toewijzing %s is al een nieuwer bericht verwerkt (van %s).", nr, laatste));
		return false;
	}
	return db_bericht_regie_link(t->d, t->bericht_id, tw->id) == DB_OK;
}

static enum db_status stap(struct toepassing *t, int64_t v, const struct voorziening_step *step)
{
	json_t *row = NULL;
	enum db_status s = db_voorziening_get(t->d, v, &row);
	if (s != DB_OK)
		return s;
	int64_t version = json_integer_value(json_object_get(row, "versie"));
	json_decref(row);
	return db_voorziening_set_status(t->d, v, version, step, t->by);
}

static const char *status_van(struct toepassing *t, int64_t v)
{
	json_t *row = NULL;
	if (db_voorziening_get(t->d, v, &row) != DB_OK)
		return "";
	const char *s = arena_strdup(t->a, json_string_value(json_object_get(row, "status")));
	json_decref(row);
	return s;
}

/* 305: the provider started. */
static void pas_305_toe(struct toepassing *t, xmlNodePtr root)
{
	for (xmlNodePtr cl = bx_child(root, "Client"); cl; cl = bx_next(cl)) {
		if (!client(t, cl, bx_text(t->a, cl, "Bsn")))
			continue;
		for (xmlNodePtr sp = bx_child(bx_child(cl, "StartProducten"), "StartProduct"); sp; sp = bx_next(sp)) {
			struct tw_rij tw;
			if (!toewijzing_van(t, sp, &tw))
				continue;
			const char *begin = bx_text(t->a, sp, "Begindatum");
			const char *status = bx_text(t->a, sp, "StatusAanlevering");
			if (status && strcmp(status, "3") == 0) {
				weiger_record(t, sp, "0001", "Het intrekken van een startbericht (StatusAanlevering 3) verwerkt de "
				                             "gemeente niet automatisch; neem contact op met de regisseur.");
				continue;
			}
			if (!begin || strcmp(begin, tw.ingangsdatum) < 0 || strcmp(begin, tw.einddatum) > 0) {
				weiger_record(t, sp, "0001",
				              arena_printf(t->a, "De begindatum %s valt buiten toewijzing %lld (%s tot en met %s).",
				                           begin ? begin : "?", (long long)tw.nummer, tw.ingangsdatum, tw.einddatum));
				continue;
			}
			if (db_tw_gestart(t->d, tw.id, begin) != DB_OK) {
				weiger(t, "0001", "De start kon niet worden vastgelegd.");
				continue;
			}
			const char *vs = status_van(t, tw.voorziening_id);
			if (strcmp(vs, "toegekend") == 0) {
				struct voorziening_step st = {.from = "toegekend", .to = "gestart", .started_on = begin};
				if (stap(t, tw.voorziening_id, &st) != DB_OK)
					weiger(t, "0001", "De voorziening kon niet op gestart worden gezet.");
			}
		}
	}
}

/* RedenBeeindiging (JZ588 / WMO588) to our end reasons. */
static const char *einde_van(const char *r)
{
	if (!r)
		return "anders";
	if (strcmp(r, "02") == 0)
		return "overleden";
	if (strcmp(r, "31") == 0)
		return "doel_bereikt";
	if (strcmp(r, "35") == 0)
		return "verhuisd";
	if (strcmp(r, "39") == 0)
		return "uitstroom_lichter";
	return "anders";
}

/* 307: the provider stopped. */
static void pas_307_toe(struct toepassing *t, xmlNodePtr root)
{
	for (xmlNodePtr cl = bx_child(root, "Client"); cl; cl = bx_next(cl)) {
		if (!client(t, cl, bx_text(t->a, cl, "Bsn")))
			continue;
		for (xmlNodePtr sp = bx_child(bx_child(cl, "StopProducten"), "StopProduct"); sp; sp = bx_next(sp)) {
			struct tw_rij tw;
			if (!toewijzing_van(t, sp, &tw))
				continue;
			const char *eind = bx_text(t->a, sp, "Einddatum");
			const char *reden = bx_text(t->a, sp, "RedenBeeindiging");
			if (!tw.gestart_op) {
				weiger_record(t, sp, "9019",
				              arena_printf(t->a, "Voor toewijzing %lld is geen start ontvangen; een stop kan pas na "
				                                 "de start.", (long long)tw.nummer));
				continue;
			}
			if (!eind || strcmp(eind, tw.gestart_op) < 0) {
				weiger_record(t, sp, "0001", arena_printf(t->a, "De einddatum %s ligt voor de start (%s).",
				                                          eind ? eind : "?", tw.gestart_op));
				continue;
			}
			if (db_tw_gestopt(t->d, tw.id, eind, reden ? reden : "") != DB_OK) {
				weiger(t, "0001", "De stop kon niet worden vastgelegd.");
				continue;
			}
			/* 20: delivery paused, it resumes; the voorziening goes on. */
			if (reden && strcmp(reden, "20") == 0)
				continue;
			const char *vs = status_van(t, tw.voorziening_id);
			if (strcmp(vs, "gestart") == 0 || strcmp(vs, "toegekend") == 0) {
				struct voorziening_step st = {.from = vs, .to = "beeindigd", .end_reason = einde_van(reden),
				                              .ended_on = eind};
				if (stap(t, tw.voorziening_id, &st) != DB_OK)
					weiger(t, "0001", "De voorziening kon niet worden beëindigd.");
			}
		}
	}
}

/* A product of a request as JSON for the verzoek's inhoud. */
static json_t *product_json(struct toepassing *t, xmlNodePtr p, const char *soort)
{
	json_t *o = json_object();
	json_object_set_new(o, "soort", json_string(soort));
	static const char *const velden[][2] = {
		{"ToewijzingNummer", "toewijzingnummer"}, {"Product/Categorie", "categorie"}, {"Product/Code", "code"},
		{"ToewijzingIngangsdatum", "ingangsdatum"}, {"GewensteIngangsdatum", "ingangsdatum"},
		{"ToewijzingEinddatum", "einddatum"}, {"Einddatum", "einddatum"}, {"Omvang/Volume", "volume"},
		{"Omvang/Eenheid", "eenheid"}, {"Omvang/Frequentie", "frequentie"}, {"Budget", "budget"},
		{"Verwijzer/Type", "verwijzer"}};
	for (size_t i = 0; i < ARRAY_LEN(velden); i++) {
		const char *v = bx_text(t->a, p, velden[i][0]);
		if (v && *v)
			json_object_set_new(o, velden[i][1], json_string(v));
	}
	return o;
}

/* 315 and 317: a request for the regisseur. */
static void pas_verzoek_toe(struct toepassing *t, xmlNodePtr root, const char *soort)
{
	for (xmlNodePtr cl = bx_child(root, "Client"); cl; cl = bx_next(cl)) {
		if (!client(t, cl, bx_text(t->a, cl, "Bsn")))
			continue;
		json_t *lijst = json_array();
		const char *ref = NULL;
		if (strcmp(soort, "315") == 0) {
			for (xmlNodePtr p = bx_child(bx_child(cl, "AangevraagdeProducten"), "AangevraagdProduct"); p; p = bx_next(p)) {
				ref = ref ? ref : bx_text(t->a, p, "ReferentieAanbieder");
				json_array_append_new(lijst, product_json(t, p, "nieuw"));
			}
		} else {
			xmlNodePtr vz = bx_child(cl, "Verzoek");
			ref = bx_text(t->a, vz, "ReferentieAanbieder");
			for (xmlNodePtr p = bx_child(bx_child(vz, "TeWijzigenProducten"), "TeWijzigenProduct"); p; p = bx_next(p)) {
				struct tw_rij tw;
				if (!toewijzing_van(t, p, &tw))
					continue;
				json_array_append_new(lijst, product_json(t, p, "wijzigen"));
			}
			for (xmlNodePtr p = bx_child(bx_child(vz, "NieuweProducten"), "NieuwProduct"); p; p = bx_next(p))
				json_array_append_new(lijst, product_json(t, p, "nieuw"));
		}
		char *inhoud = json_dumps(lijst, JSON_COMPACT);
		json_decref(lijst);
		struct verzoek_rij v = {.bericht_id = t->bericht_id, .persoon_id = t->persoon_id,
		                        .huishouden_id = t->huishouden_id, .aanbieder_id = t->aanbieder_id, .soort = soort,
		                        .referentie = ref ? ref : "", .inhoud = inhoud ? inhoud : "[]"};
		int64_t id = 0;
		if (db_verzoek_insert(t->d, &v, &id) != DB_OK)
			weiger(t, "0001", "Het verzoek kon niet worden vastgelegd.");
		free(inhoud);
	}
}

/* Days in [b, e], both ISO dates. */
static long dagen(const char *b, const char *e)
{
	struct tm x = {0}, y = {0};
	if (sscanf(b, "%4d-%2d-%2d", &x.tm_year, &x.tm_mon, &x.tm_mday) != 3 ||
	    sscanf(e, "%4d-%2d-%2d", &y.tm_year, &y.tm_mon, &y.tm_mday) != 3)
		return 0;
	x.tm_year -= 1900;
	y.tm_year -= 1900;
	x.tm_mon -= 1;
	y.tm_mon -= 1;
	x.tm_hour = y.tm_hour = 12;
	return (long)((timegm(&y) - timegm(&x)) / 86400) + 1;
}

/* What toewijzing tw allows in a period of n days. */
static int64_t toegestaan(const struct tw_rij *tw, long n)
{
	if (strcmp(tw->frequentie, "1") == 0)
		return tw->volume * n;
	if (strcmp(tw->frequentie, "2") == 0)
		return tw->volume * ((n + 6) / 7);
	if (strcmp(tw->frequentie, "4") == 0)
		return tw->volume * ((n + 30) / 31);
	return tw->volume;
}

/* 323: every prestatie judged against its toewijzing and the contract. */
static void pas_323_toe(struct toepassing *t, xmlNodePtr root)
{
	xmlNodePtr decl = bx_child(root, "Declaratie");
	for (xmlNodePtr cl = bx_child(bx_child(decl, "Clienten"), "Client"); cl; cl = bx_next(cl)) {
		const char *bsn = bx_text(t->a, cl, "Bsn");
		int64_t p = 0, hh = 0;
		bool bekend = bsn && db_persoon_by_bsn(t->d, bsn, &p, &hh) == DB_OK;
		t->persoon_id = p;
		for (xmlNodePtr pr = bx_child(bx_child(cl, "Prestaties"), "Prestatie"); pr; pr = bx_next(pr)) {
			strbuf codes = {0};
			struct tw_rij tw = {0};
			const char *nr = bx_text(t->a, pr, "ToewijzingNummer");
			bool gevonden = bekend && db_tw_by_nummer(t->d, t->a, num(nr), &tw) == DB_OK && tw.persoon_id == p &&
			                tw.aanbieder_id == t->aanbieder_id && strcmp(tw.standaard, t->standaard) == 0;
			const char *cat = bx_text(t->a, pr, "ProductCategorie"), *code = bx_text(t->a, pr, "ProductCode");
			const char *begin = bx_text(t->a, pr, "ProductPeriode/Begindatum");
			const char *eind = bx_text(t->a, pr, "ProductPeriode/Einddatum");
			const char *eenheid = bx_text(t->a, pr, "Eenheid");
			int64_t volume = num(bx_text(t->a, pr, "GeleverdVolume"));
			int64_t tarief = num(bx_text(t->a, pr, "ProductTarief"));
			int64_t bedrag = num(bx_text(t->a, pr, "IngediendBedrag/Bedrag"));
			/* The declaration belongs with the toewijzing's other messages. */
			if (gevonden && db_bericht_regie_link(t->d, t->bericht_id, tw.id) != DB_OK)
				weiger(t, "0001", "De declaratie kon niet worden vastgelegd.");
			if (!gevonden) {
				sb_puts(&codes, "9338 ");
			} else {
				if (!cat || strcmp(cat, tw.categorie) != 0)
					sb_puts(&codes, "9339 ");
				if (code && strcmp(code, tw.code) != 0)
					sb_puts(&codes, "9340 ");
				if (!eenheid || strcmp(eenheid, tw.eenheid) != 0)
					sb_puts(&codes, "9341 ");
				if (!begin || strcmp(begin, tw.ingangsdatum) < 0 || strcmp(begin, tw.einddatum) > 0)
					sb_puts(&codes, "9307 ");
				if (!eind || strcmp(eind, tw.ingangsdatum) < 0 || strcmp(eind, tw.einddatum) > 0)
					sb_puts(&codes, "9308 ");
				int64_t al = 0;
				db_prestatie_volume(t->d, tw.id, &al);
				long n = begin && eind ? dagen(begin, eind) : 0;
				if (volume > toegestaan(&tw, n))
					sb_puts(&codes, "9321 ");
				else if (strcmp(tw.frequentie, "6") == 0 && al + volume > tw.volume)
					sb_puts(&codes, "9322 ");
				/* TR346: outside euro's the amount is volume times tariff. */
				if (strcmp(tw.eenheid, "83") != 0 && tarief >= 0 && bedrag != volume * tarief)
					sb_puts(&codes, "9346 ");
				int64_t ct = 0;
				const char *ce = NULL;
				if (tarief >= 0 && db_contract_tarief(t->d, t->aanbieder_id, tw.categorie, tw.code, begin ? begin : "",
				                                      &ct, &ce, t->a) == DB_OK &&
				    ct != tarief)
					sb_puts(&codes, "0611 ");
			}
			const char *lijst = sb_str(&codes);
			bool goed = !*lijst;
			char *c = arena_strdup(t->a, goed ? "0200" : lijst);
			size_t l = strlen(c);
			if (l && c[l - 1] == ' ')
				c[l - 1] = '\0';
			sb_free(&codes);
			bx_mark(pr, c);
			if (goed)
				t->toegekend_cents += bedrag > 0 ? bedrag : 0;
			xmlNodePtr ref = bx_child(pr, "ProductReferentie");
			struct prestatie_rij r = {.bericht_id = t->bericht_id, .toewijzing_id = gevonden ? tw.id : 0,
			                          .voorziening_id = gevonden ? tw.voorziening_id : 0,
			                          .aanbieder_id = t->aanbieder_id,
			                          .referentie = ref ? bx_text(t->a, ref, "ReferentieNummer") : "",
			                          .begindatum = begin ? begin : "", .einddatum = eind ? eind : "",
			                          .eenheid = eenheid ? eenheid : "", .retourcodes = c, .volume = volume,
			                          .tarief_cents = tarief, .bedrag_cents = bedrag, .goedgekeurd = goed};
			if (db_prestatie_insert(t->d, &r) != DB_OK)
				weiger(t, "0001", "De declaratie kon niet worden vastgelegd.");
		}
		bx_mark(cl, "0200");
	}
}

/* 302 (and 320): the provider's retour on our 301 (319). */
static void pas_retour_toe(struct toepassing *t, xmlNodePtr root, const char *ons)
{
	xmlNodePtr hd = bx_child(root, "Header");
	const char *ident = bx_text(t->a, hd, "BerichtIdentificatie/Identificatie");
	int64_t id = 0, x = 0;
	if (!ident || db_bericht_uit_ident(t->d, ident, ons, &id, &x) != DB_OK || x != t->aanbieder_id) {
		weiger(t, NULL, arena_printf(t->a, "Dit retourbericht hoort bij bericht %s, dat de gemeente niet aan deze "
		                                   "aanbieder heeft gestuurd.", ident ? ident : "?"));
		return;
	}
	/* Every RetourCode in the message; anything but 0200 refuses ours. */
	strbuf codes = {0};
	bool afgekeurd = false;
	xmlNodePtr stack[64];
	int sp = 0;
	stack[sp++] = root;
	while (sp) {
		xmlNodePtr n = stack[--sp];
		for (xmlNodePtr c = n->children; c; c = c->next) {
			if (c->type != XML_ELEMENT_NODE)
				continue;
			if (strcmp((const char *)c->name, "RetourCode") == 0) {
				xmlChar *v = xmlNodeGetContent(c);
				if (v && strcmp((const char *)v, "0200") != 0) {
					afgekeurd = true;
					if (!strstr(sb_str(&codes), (const char *)v))
						sb_printf(&codes, "%s%s", sb_str(&codes)[0] ? " " : "", (const char *)v);
				}
				xmlFree(v);
			} else if (sp < 64) {
				stack[sp++] = c;
			}
		}
	}
	if (db_bericht_status(t->d, id, afgekeurd ? "afgekeurd" : "geaccepteerd", NULL,
	                      afgekeurd ? sb_str(&codes) : "0200") != DB_OK)
		weiger(t, NULL, "De status van het bericht kon niet worden bijgewerkt.");
	sb_free(&codes);
}

/* ---- the import ---------------------------------------------------------------- */

static const char *const ontvangbaar[] = {"302", "305", "307", "315", "317", "320", "323"};

static bool is_ontvangbaar(const char *soort)
{
	for (size_t i = 0; i < ARRAY_LEN(ontvangbaar); i++)
		if (strcmp(ontvangbaar[i], soort) == 0)
			return true;
	return false;
}

/* Stores the incoming file as refused with reason. */
static enum db_status bewaar_geweigerd(db *d, struct bericht_rij *r, const char *reden, struct bericht_import *out)
{
	r->status = "geweigerd";
	r->reden = reden;
	out->verwerkt = false;
	out->reden = reden;
	return db_bericht_insert(d, r, &out->bericht_id);
}

static enum db_status retour(struct toepassing *t, xmlDocPtr doc, const struct bericht_rij *in, const char *soort,
                             const char *kopcode, struct bericht_import *out)
{
	const char *ident = NULL;
	enum db_status s = berichten_identificatie(t->d, t->a, &ident);
	if (s != DB_OK)
		return s;
	char vandaag[11];
	berichten_vandaag(vandaag);
	bool decl = strcmp(soort, "323") == 0;
	int rc = decl ? bx_maak_declaratie_antwoord(doc, ident, vandaag, t->toegekend_cents, kopcode)
	              : bx_maak_retour(doc, ident, vandaag, kopcode);
	char *xml = NULL;
	size_t len = 0;
	if (rc != 0 || bx_serialize(t->a, doc, &xml, &len) != 0)
		return DB_ERROR;
	char rs[16];
	snprintf(rs, sizeof rs, "%d", decl ? 325 : atoi(soort) + 1);
	struct bericht_rij r = {.standaard = in->standaard, .soort = rs, .identificatie = ident,
	                        .dagtekening = vandaag, .afzender = decl ? berichten_gemeentecode() : in->afzender,
	                        .ontvanger = decl ? in->afzender : in->ontvanger, .aanbieder_id = in->aanbieder_id,
	                        .persoon_id = in->persoon_id, .huishouden_id = in->huishouden_id,
	                        .antwoord_op = out->bericht_id, .created_by = t->by};
	bool ok = false;
	return berichten_opslaan_uit(t->d, t->a, &r, xml, len, &out->retour_id, &ok);
}

static enum db_status importeer(db *d, arena *a, const char *naam, const char *xml, size_t len, int64_t by,
                                struct bericht_import *out, const char *sha)
{
	struct bericht_rij r = {.richting = "in", .bestandsnaam = naam, .xml = xml, .xml_len = len, .sha256 = sha,
	                        .created_by = by};
	struct bericht_uitslag u;
	bericht_valideer(a, bericht_release(), xml, len, &u);
	const char *soort = *u.bericht ? u.bericht + (u.bericht[0] == 'W' ? 3 : 2) : "";
	out->soort = arena_strdup(a, soort);
	r.standaard = *u.standaard ? u.standaard : NULL;
	r.soort = *soort ? soort : NULL;
	bool xsd_ok = true;
	for (size_t i = 0; i < u.nfouten; i++)
		if (strcmp(u.fouten[i].regel, "XSD") == 0 || strcmp(u.fouten[i].regel, "XML") == 0 ||
		    strcmp(u.fouten[i].regel, "OP179") == 0 || strcmp(u.fouten[i].regel, "BERICHT") == 0 ||
		    strcmp(u.fouten[i].regel, "CONFIG") == 0)
			xsd_ok = false;
	if (!xsd_ok) {
		strbuf sb = {0};
		sb_puts(&sb, "Het bestand is geen geldig bericht: ");
		for (size_t i = 0; i < u.nfouten && i < 5; i++)
			sb_printf(&sb, "%s%s", i ? "; " : "", u.fouten[i].tekst);
		const char *reden = arena_strdup(a, sb_str(&sb));
		sb_free(&sb);
		r.xml = len > BERICHT_MAX_BYTES ? "" : xml;
		r.xml_len = len > BERICHT_MAX_BYTES ? 0 : len;
		return bewaar_geweigerd(d, &r, reden, out);
	}
	if (!is_ontvangbaar(soort))
		return bewaar_geweigerd(d, &r,
		                        arena_printf(a, "Een %s stuurt de gemeente zelf; een aanbieder stuurt die niet.",
		                                     u.bericht),
		                        out);
	xmlDocPtr doc = bx_parse(xml, len);
	if (!doc)
		return bewaar_geweigerd(d, &r, "Het bestand kon niet worden gelezen.", out);
	xmlNodePtr root = xmlDocGetRootElement(doc), hd = bx_child(root, "Header");
	bool retour_soort = strcmp(soort, "302") == 0 || strcmp(soort, "320") == 0;
	/* In a retour on our message we are the Afzender. */
	const char *wij = bx_text(a, hd, retour_soort ? "Afzender" : "Ontvanger");
	const char *zij = bx_text(a, hd, retour_soort ? "Ontvanger" : "Afzender");
	r.afzender = bx_text(a, hd, "Afzender");
	r.ontvanger = bx_text(a, hd, "Ontvanger");
	r.identificatie = bx_text(a, hd, "BerichtIdentificatie/Identificatie");
	r.dagtekening = bx_text(a, hd, "BerichtIdentificatie/Dagtekening");
	enum db_status s = DB_OK;
	struct toepassing t = {.a = a, .d = d, .by = by, .dagtekening = r.dagtekening ? r.dagtekening : "",
	                       .standaard = u.standaard};
	int64_t dubbel = 0;
	if (!wij || strcmp(wij, berichten_gemeentecode()) != 0) {
		s = bewaar_geweigerd(d, &r, arena_printf(a, "Dit bericht is voor gemeente %s, niet voor deze gemeente (%s).",
		                                         wij ? wij : "?", berichten_gemeentecode()),
		                     out);
	} else if (!zij || db_aanbieder_by_agb(d, zij, &t.aanbieder_id) != DB_OK) {
		s = bewaar_geweigerd(d, &r, arena_printf(a, "De aanbieder met AGB-code %s is bij de gemeente niet bekend.",
		                                         zij ? zij : "?"),
		                     out);
	} else if (!retour_soort && r.identificatie &&
	           db_bericht_in_ident(d, r.afzender, r.identificatie, soort, &dubbel) == DB_OK) {
		r.aanbieder_id = t.aanbieder_id;
		s = bewaar_geweigerd(d, &r, arena_printf(a, "Bericht %s van deze aanbieder is al verwerkt; een tweede met "
		                                           "dezelfde identificatie is een dubbel.", r.identificatie),
		                     out);
	} else {
		r.aanbieder_id = t.aanbieder_id;
		r.status = "verwerkt";
		if (!retour_soort) {
			char termijn[11];
			char vandaag[11];
			berichten_vandaag(vandaag);
			berichten_termijn(vandaag, strcmp(soort, "323") == 0, termijn);
			r.termijn = arena_strdup(a, termijn);
		}
		if ((s = db_bericht_insert(d, &r, &out->bericht_id)) != DB_OK)
			goto done;
		t.bericht_id = out->bericht_id;
		if (sqlite3_exec(db_sqlite(d), "SAVEPOINT toepassen", NULL, NULL, NULL) != SQLITE_OK) {
			s = DB_ERROR;
			goto done;
		}
		/* Rule findings refuse the message with the rule's retourcode. */
		if (u.nfouten)
			weiger(&t, *u.fouten[0].retourcode ? u.fouten[0].retourcode : "0001",
			       arena_printf(a, "Het bericht voldoet niet aan de regels van de standaard: %s", u.fouten[0].tekst));
		else if (strcmp(soort, "305") == 0)
			pas_305_toe(&t, root);
		else if (strcmp(soort, "307") == 0)
			pas_307_toe(&t, root);
		else if (strcmp(soort, "315") == 0 || strcmp(soort, "317") == 0)
			pas_verzoek_toe(&t, root, soort);
		else if (strcmp(soort, "323") == 0)
			pas_323_toe(&t, root);
		else
			pas_retour_toe(&t, root, strcmp(soort, "302") == 0 ? "301" : "319");
		if (t.weiger) {
			sqlite3_exec(db_sqlite(d), "ROLLBACK TO toepassen", NULL, NULL, NULL);
			if ((s = db_bericht_status(d, out->bericht_id, "geweigerd", t.weiger, NULL)) != DB_OK)
				goto done;
		}
		sqlite3_exec(db_sqlite(d), "RELEASE toepassen", NULL, NULL, NULL);
		r.persoon_id = t.persoon_id;
		r.huishouden_id = t.huishouden_id;
		out->verwerkt = !t.weiger;
		out->reden = t.weiger;
		if (!retour_soort && (s = retour(&t, doc, &r, soort, t.kopcode ? t.kopcode : "0200", out)) != DB_OK)
			goto done;
		struct audit_entry e = {.medewerker_id = by, .action = t.weiger ? "bericht.geweigerd" : "bericht.verwerkt",
		                        .object_type = "bericht", .object_id = out->bericht_id,
		                        .huishouden_id = t.huishouden_id};
		s = audit_append(d, &e);
	}
done:
	xmlFreeDoc(doc);
	return s;
}

enum db_status berichten_import(db *d, arena *a, const char *naam, const char *xml, size_t len, int64_t by,
                                struct bericht_import *out)
{
	*out = (struct bericht_import){.soort = ""};
	char sha[65];
	berichten_sha256(xml, len, sha);
	if (db_begin(d) != 0)
		return DB_ERROR;
	int64_t eerder = 0;
	enum db_status s = db_bericht_by_sha(d, sha, &eerder);
	if (s == DB_OK) {
		db_rollback(d);
		out->herhaald = true;
		out->bericht_id = 0;
		out->reden = "Dit bestand is al eerder ingelezen; er is niets veranderd.";
		return DB_OK;
	}
	if (s != DB_NOT_FOUND) {
		db_rollback(d);
		return s;
	}
	s = importeer(d, a, naam, xml, len, by, out, sha);
	if (s != DB_OK || db_commit(d) != 0) {
		db_rollback(d);
		return s != DB_OK ? s : DB_ERROR;
	}
	return DB_OK;
}
