/* document_brief.c - the letters to a resident as template data (see
 * include/document_brief.h).  The words are in templates/brief-*.mustache;
 * here only facts are gathered and put in plain Dutch where the database
 * speaks in codes. */
#include "document_brief.h"

#include <inttypes.h>
#include <string.h>

#include "db_document_gegevens.h"
#include "domain.h"
#include "form.h"
#include "voorziening_shared.h"

static const char *S(const json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

static void missing(struct brief *b, const char *field, const char *label, const char *message)
{
	json_array_append_new(b->missing, json_pack("{s:s, s:s, s:s}", "field", field, "label", label, "message", message));
}

/* The adults of the household (everyone but the children), or everyone
 * when there are none: [names]. */
static json_t *adults(const json_t *people)
{
	json_t *out = json_array();
	size_t i;
	json_t *p;
	json_array_foreach(people, i, p)
		if (strcmp(S(p, "rol"), "kind") != 0)
			json_array_append_new(out, json_string(S(p, "naam")));
	if (json_array_size(out) == 0)
		json_array_foreach(people, i, p)
			json_array_append_new(out, json_string(S(p, "naam")));
	return out;
}

/* How the adults (or, without any, everyone) are addressed: "mevrouw De
 * Vries-Bos" when the geslacht is known, the full name otherwise. */
static json_t *salutations(const json_t *people)
{
	json_t *out = json_array();
	size_t i;
	json_t *p;
	bool any_adult = false;
	json_array_foreach(people, i, p)
		any_adult |= strcmp(S(p, "rol"), "kind") != 0;
	json_array_foreach(people, i, p)
		if (!any_adult || strcmp(S(p, "rol"), "kind") != 0)
			json_array_append_new(out, json_string(S(p, "aanhef") ? S(p, "aanhef") : S(p, "naam")));
	return out;
}

static const char *join_names(struct req *r, const json_t *names)
{
	strbuf sb = {0};
	size_t n = json_array_size(names);
	for (size_t i = 0; i < n; i++) {
		if (i)
			sb_puts(&sb, i + 1 == n ? " en " : ", ");
		sb_puts(&sb, json_string_value(json_array_get(names, i)));
	}
	const char *s = arena_strdup(r->arena, sb_str(&sb));
	sb_free(&sb);
	return s;
}

/* What every letter has: the gemeente, the address, to whom, and who to
 * contact (the regisseur, with the gemeente's telephone). */
static int common(struct req *r, db *d, int64_t hh, struct brief *b, json_t **people_out)
{
	json_t *h = db_brief_huishouden(d, hh), *people = db_brief_personen(d, hh);
	if (!h || !people) {
		json_decref(h);
		json_decref(people);
		return -1;
	}
	const json_t *g = document_gemeente(r);
	json_t *data = json_object();
	json_object_set_new(data, "gemeente", json_deep_copy(g));
	json_object_set_new(data, "adres", h);
	json_object_set_new(data, "aan", adults(people));
	const char *names = join_names(r, json_object_get(data, "aan"));
	json_t *sal = salutations(people);
	json_object_set_new(data, "aanhef", json_string(arena_printf(r->arena, "Geachte %s", join_names(r, sal))));
	json_decref(sal);
	json_object_set_new(data, "aan_tekst", json_string(names));
	json_t *contact = json_pack("{s:s, s:s, s:s}", "naam", S(h, "regisseur") ? S(h, "regisseur") : S(g, "naam"),
	                            "telefoon", S(g, "telefoon"),
	                            "email", S(h, "regisseur_email") ? S(h, "regisseur_email") : S(g, "email"));
	json_object_set_new(data, "contact", contact);
	json_object_set_new(data, "heeft_regisseur", json_boolean(S(h, "regisseur") != NULL));
	/* The preview's stand-ins until vaststellen fills them. */
	json_object_set_new(data, "dagtekening", json_string("[datum van vaststellen]"));
	json_object_set_new(data, "kenmerk", json_string("[volgt bij vaststellen]"));
	json_object_set_new(data, "bezwaar_uiterlijk", json_string("[zes weken na die datum]"));
	b->l.hh = hh;
	b->l.data = data;
	b->l.recipient = arena_printf(r->arena, "%s, %s, %s %s", names, S(h, "straat"), S(h, "postcode"),
	                              S(h, "plaats"));
	b->missing = json_array();
	*people_out = people;
	return 0;
}

static const char *law_text(const char *basis)
{
	if (!basis)
		return "de regels van de gemeente";
	if (strcmp(basis, "wmo2015") == 0)
		return "de Wet maatschappelijke ondersteuning 2015 (Wmo 2015), artikel 2.3.5";
	if (strcmp(basis, "jeugdwet") == 0)
		return "de Jeugdwet, artikel 2.3";
	if (strcmp(basis, "participatiewet") == 0)
		return "de Participatiewet";
	return "de verordening van de gemeente";
}

int brief_beschikking(struct req *r, db *d, json_t *row, struct brief *b)
{
	memset(b, 0, sizeof *b);
	json_t *people;
	if (common(r, d, num(row, "huishouden_id"), b, &people) != 0)
		return -1;
	json_t *data = b->l.data;
	const char *status = S(row, "status");
	bool maatwerk = strcmp(S(row, "soort"), "maatwerk") == 0;
	const char *product = maatwerk ? S(row, "product") : S(row, "sociale_kaart");
	if (!product)
		product = "de voorziening";
	/* The decision. */
	const char *decision = NULL;
	if (strcmp(status, "toegekend") == 0 || strcmp(status, "gestart") == 0)
		decision = "toekenning";
	else if (strcmp(status, "afgewezen") == 0)
		decision = "afwijzing";
	else if (strcmp(status, "beeindigd") == 0)
		decision = "beeindiging";
	if (decision)
		json_object_set_new(data, decision, json_true());
	if (!maatwerk)
		missing(b, "besluit", "Besluit",
		        "Een algemene voorziening heeft geen beschikking nodig: er is niets om over te besluiten.");
	else if (!decision || !S(row, "besluitdatum"))
		missing(b, "besluit", "Besluit",
		        "Er is nog geen besluit. Ken de voorziening eerst toe of wijs haar af (Status wijzigen op de voorziening).");
	if (maatwerk && !S(row, "aanbieder") && decision && strcmp(decision, "afwijzing") != 0)
		missing(b, "aanbieder", "Aanbieder",
		        "Zorg in natura heeft een aanbieder nodig. Vul de aanbieder in bij de voorziening.");
	if (!S(row, "ingangsdatum") || !S(row, "einddatum"))
		missing(b, "periode", "Periode", "De voorziening heeft geen begin- en einddatum. Vul de periode in.");
	/* For whom: a child's letter goes to the parents. */
	const char *voor = "uw huishouden";
	const char *wie = "uw huishouden"; /* in a sentence: "u" for the one addressed */
	int64_t pid = num(row, "persoon_id");
	size_t i;
	json_t *p;
	json_array_foreach(people, i, p) {
		if (num(p, "id") != pid)
			continue;
		voor = arena_strdup(r->arena, S(p, "naam"));
		if (strcmp(S(p, "rol"), "kind") != 0) {
			json_object_set_new(data, "aan", json_pack("[s]", voor));
			json_object_set_new(data, "aan_tekst", json_string(voor));
			json_object_set_new(data, "aanhef", json_string(arena_printf(r->arena, "Geachte %s",
			                                                             S(p, "aanhef") ? S(p, "aanhef") : voor)));
			wie = "u";
			b->l.recipient = arena_printf(r->arena, "%s, %s", voor, strchr(b->l.recipient, ',') + 2);
		} else {
			json_object_set_new(data, "over_kind", json_string(voor));
			wie = voor;
		}
	}
	json_decref(people);
	/* The goals it serves, in the resident's words (voorziening_doel). */
	const char *doelen = "";
	json_array_foreach(json_object_get(row, "doelen"), i, p)
		doelen = *doelen ? arena_printf(r->arena, "%s; %s", doelen, S(p, "wens")) : S(p, "wens");
	const char *basis = S(row, "wettelijke_grondslag");
	json_object_set_new(data, "wmo", json_boolean(basis && strcmp(basis, "wmo2015") == 0));
	json_object_set_new(data, "voorziening", json_pack(
		"{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}",
		"wie", wie, "soort_voorziening",
		basis && strcmp(basis, "jeugdwet") == 0 ? "individuele voorziening"
		: basis && strcmp(basis, "wmo2015") == 0 ? "maatwerkvoorziening"
		                                         : "voorziening",
		"product", product, "aanbieder", S(row, "aanbieder") ? S(row, "aanbieder") : "",
		"omvang", S(row, "omvang") ? S(row, "omvang") : "", "voor", voor,
		"ingang", document_date_long(r->arena, S(row, "ingangsdatum")),
		"einde", document_date_long(r->arena, S(row, "einddatum")),
		"besluitdatum", S(row, "besluitdatum") ? document_date_long(r->arena, S(row, "besluitdatum")) : "",
		"wet", law_text(basis), "doel", doelen,
		"beeindigd_op", S(row, "beeindigd_op") ? document_date_long(r->arena, S(row, "beeindigd_op")) : ""));
	if (S(row, "reden_einde_label"))
		json_object_set_new(json_object_get(data, "voorziening"), "reden_einde", json_string(S(row, "reden_einde_label")));
	/* The motivation the rolgesprek gives: the intended effect first. */
	json_t *g = json_array();
	json_t *gid;
	json_array_foreach(json_object_get(row, "doel_ids"), i, gid) {
		json_t *one = db_brief_gemeente_bijdrage(d, json_integer_value(gid));
		if (!one) {
			json_decref(g);
			return -1;
		}
		json_array_extend(g, one);
		json_decref(one);
	}
	strbuf m = {0};
	if (decision && strcmp(decision, "beeindiging") == 0) {
		/* An end is argued from why it ends, not from why it was granted. */
		const char *reden = S(row, "reden_einde_label");
		sb_printf(&m, "De voorziening stopt%s%s. Wij hebben dit met u besproken.", reden ? ": " : "",
		          reden ? reden : "");
		json_decref(g);
		g = json_array();
	}
	json_array_foreach(g, i, p) {
		if (S(p, "effect") && *S(p, "effect"))
			sb_printf(&m, "%sWat wij met deze voorziening willen bereiken: %s", m.len ? "\n\n" : "", S(p, "effect"));
		if (S(p, "onderbouwing") && *S(p, "onderbouwing"))
			sb_printf(&m, "%sWaarom u dit niet zelf of met hulp van anderen kunt regelen: %s", m.len ? "\n\n" : "",
			          S(p, "onderbouwing"));
	}
	json_decref(g);
	b->default_motivation = arena_strdup(r->arena, sb_str(&m));
	sb_free(&m);
	b->l.kind = "beschikking";
	b->l.vid = num(row, "id");
	b->l.template_name = "brief-beschikking";
	b->l.title = arena_printf(r->arena, "Beschikking %s", product);
	return 0;
}

static const char *agreed_how(const char *code)
{
	if (!code)
		return NULL;
	if (strcmp(code, "op_papier") == 0)
		return "Op papier";
	if (strcmp(code, "digitaal") == 0)
		return "Digitaal";
	return "In een gesprek (mondeling)";
}

static const char *level_text(const char *level)
{
	if (strcmp(level, "inwoner") == 0)
		return "Wat u zelf doet";
	if (strcmp(level, "netwerk") == 0)
		return "Wat mensen om u heen doen";
	if (strcmp(level, "voorliggend_veld") == 0)
		return "Wat een organisatie in de buurt doet";
	return "Wat de gemeente doet";
}

int brief_plan(struct req *r, db *d, int64_t hh, struct brief *b)
{
	memset(b, 0, sizeof *b);
	json_t *people;
	if (common(r, d, hh, b, &people) != 0)
		return -1;
	json_decref(people);
	json_t *data = b->l.data;
	b->l.kind = "plan";
	b->l.template_name = "brief-plan";
	b->l.title = "Uw plan";
	json_t *plan = db_brief_plan(d, hh);
	if (!plan)
		return -1;
	json_object_set_new(data, "plan", plan);
	if (!json_object_get(plan, "id")) {
		missing(b, "plan", "Plan", "Dit huishouden heeft nog geen plan. Maak eerst het plan.");
		return 0;
	}
	int64_t plan_id = num(plan, "id");
	if (S(plan, "ingestemd_op"))
		json_object_set_new(plan, "ingestemd_lang", json_string(document_date_long(r->arena, S(plan, "ingestemd_op"))));
	if (S(plan, "ingestemd_hoe"))
		json_object_set_new(plan, "ingestemd_hoe_tekst", json_string(agreed_how(S(plan, "ingestemd_hoe"))));
	if (S(plan, "evaluatie"))
		json_object_set_new(plan, "evaluatie_lang", json_string(document_date_long(r->arena, S(plan, "evaluatie"))));
	json_t *goals = db_brief_doelen(d, plan_id), *roles = db_brief_rolgesprek(d, plan_id);
	json_t *deals = db_brief_afspraken(d, plan_id), *agreed = db_brief_instemming(d, plan_id, num(plan, "versie_nr"));
	json_t *vz = db_voorziening_list(d, hh);
	if (!goals || !roles || !deals || !agreed || !vz) {
		json_decref(goals);
		json_decref(roles);
		json_decref(deals);
		json_decref(agreed);
		json_decref(vz);
		return -1;
	}
	size_t i, k;
	json_t *goal, *x;
	json_array_foreach(goals, i, goal) {
		json_object_set_new(goal, "domein_tekst", json_string(document_domain_plain(S(goal, "domein"))));
		json_object_set_new(goal, "streefdatum_lang", json_string(document_date_long(r->arena, S(goal, "streefdatum"))));
		json_t *rows = json_array();
		json_array_foreach(roles, k, x) {
			if (num(x, "doel_id") != num(goal, "id"))
				continue;
			const char *who = S(x, "wie") ? arena_printf(r->arena, "%s (%s)", level_text(S(x, "niveau")), S(x, "wie"))
			                              : level_text(S(x, "niveau"));
			json_array_append_new(rows, json_pack("{s:s, s:s, s:s}", "wie", who, "wat", S(x, "bijdrage"),
			                                      "wanneer", ""));
		}
		json_array_foreach(deals, k, x) {
			if (num(x, "doel_id") != num(goal, "id"))
				continue;
			json_array_append_new(rows, json_pack("{s:s, s:s, s:s}", "wie", S(x, "wie") ? S(x, "wie") : "",
			                                      "wat", S(x, "wat"), "wanneer",
			                                      document_date_long(r->arena, S(x, "wanneer"))));
		}
		json_object_set_new(goal, "wie_doet_wat", rows);
		json_object_set_new(goal, "heeft_wie_doet_wat", json_boolean(json_array_size(rows) > 0));
	}
	json_t *vlist = json_array();
	json_array_foreach(vz, i, x) {
		const char *st = S(x, "status");
		if (strcmp(st, "afgewezen") == 0 || strcmp(st, "beeindigd") == 0)
			continue;
		voorziening_decorate(r, x);
		bool mw = strcmp(S(x, "soort"), "maatwerk") == 0;
		json_array_append_new(vlist, json_pack(
			"{s:s, s:s, s:s, s:s, s:s}", "wat", S(x, "titel") ? S(x, "titel") : "",
			"wie", mw && S(x, "aanbieder") ? S(x, "aanbieder") : (S(x, "sociale_kaart") ? S(x, "sociale_kaart") : ""),
			"omvang", S(x, "omvang") ? S(x, "omvang") : "", "wet",
			mw && S(x, "grondslag_label") ? S(x, "grondslag_label") : "Algemene voorziening (zonder beschikking)",
			"periode", arena_printf(r->arena, "%s tot en met %s", document_date_long(r->arena, S(x, "ingangsdatum")),
			                        document_date_long(r->arena, S(x, "einddatum")))));
	}
	json_decref(vz);
	json_decref(roles);
	json_decref(deals);
	json_object_set_new(data, "heeft_voorzieningen", json_boolean(json_array_size(vlist) > 0));
	json_object_set_new(data, "voorzieningen", vlist);
	json_object_set_new(data, "heeft_doelen", json_boolean(json_array_size(goals) > 0));
	json_object_set_new(data, "doelen", goals);
	json_object_set_new(data, "heeft_ingestemd", json_boolean(json_array_size(agreed) > 0));
	json_object_set_new(data, "ingestemd", agreed);
	if (json_array_size(goals) == 0)
		missing(b, "doelen", "Doelen", "Het plan heeft nog geen doelen. Zet eerst de doelen in het plan.");
	if (!json_is_true(json_object_get(data, "heeft_regisseur")))
		missing(b, "regisseur", "Regisseur",
		        "Dit huishouden heeft geen regisseur. Het plan noemt wie de inwoner kan bellen: wijs eerst een regisseur toe.");
	return 0;
}

static const char *score_text(int64_t score)
{
	static const char *const t[] = {"", "het gaat nu niet; er is direct hulp nodig", "het lukt niet zonder hulp",
	                                "het lukt met wat hulp", "het lukt voldoende", "het lukt helemaal zelf"};
	return score >= 1 && score <= 5 ? t[score] : "";
}

int brief_verslag(struct req *r, db *d, int64_t hh, struct brief *b)
{
	memset(b, 0, sizeof *b);
	json_t *people;
	if (common(r, d, hh, b, &people) != 0)
		return -1;
	json_decref(people);
	json_t *data = b->l.data;
	b->l.kind = "verslag";
	b->l.template_name = "brief-verslag";
	b->l.title = "Verslag van ons gesprek";
	json_t *intake = db_brief_intake(d, hh), *vraag = db_brief_vraag(d, hh), *net = db_brief_netwerk(d, hh);
	json_t *plan = db_brief_plan(d, hh);
	if (!intake || !vraag || !net || !plan) {
		json_decref(intake);
		json_decref(vraag);
		json_decref(net);
		json_decref(plan);
		return -1;
	}
	json_object_set_new(data, "vraag", document_lines(S(vraag, "vraag")));
	json_decref(vraag);
	json_object_set_new(data, "heeft_netwerk", json_boolean(json_array_size(net) > 0));
	json_object_set_new(data, "netwerk", net);
	if (!json_object_get(intake, "id")) {
		missing(b, "intake", "Gesprek", "Er is nog geen gesprek (intake) vastgelegd. Leg eerst de intake vast.");
		json_decref(intake);
		json_decref(plan);
		return 0;
	}
	int64_t intake_id = num(intake, "id");
	json_object_set_new(intake, "gehouden_lang", json_string(document_date_long(r->arena, S(intake, "gehouden_op"))));
	json_object_set_new(intake, "vraag_achter_de_vraag_regels", document_lines(S(intake, "vraag_achter_de_vraag")));
	json_object_set_new(intake, "sterke_punten_regels", document_lines(S(intake, "sterke_punten")));
	json_object_set_new(intake, "heeft_sterke_punten",
	                    json_boolean(json_array_size(json_object_get(intake, "sterke_punten_regels")) > 0));
	json_object_set_new(data, "intake", intake);
	json_t *who = db_brief_deelnemers(d, intake_id), *scores = db_brief_scores(d, intake_id);
	if (!who || !scores) {
		json_decref(who);
		json_decref(scores);
		json_decref(plan);
		return -1;
	}
	json_object_set_new(data, "heeft_deelnemers", json_boolean(json_array_size(who) > 0));
	json_object_set_new(data, "deelnemers", who);
	/* Per domain, in plain words, what was said for whom. */
	json_t *domains = json_array();
	size_t i;
	json_t *s;
	json_array_foreach(scores, i, s) {
		const char *plain = document_domain_plain(S(s, "domein"));
		json_t *dom = NULL;
		size_t k;
		json_t *x;
		json_array_foreach(domains, k, x)
			if (strcmp(S(x, "domein"), plain) == 0)
				dom = x;
		if (!dom) {
			dom = json_pack("{s:s, s:[]}", "domein", plain, "regels");
			json_array_append_new(domains, dom);
		}
		json_array_append_new(json_object_get(dom, "regels"), json_string(arena_printf(
			r->arena, "%s: %s (%" PRId64 " van 5)", S(s, "persoon"), score_text(num(s, "score")), num(s, "score"))));
	}
	json_decref(scores);
	json_object_set_new(data, "heeft_domeinen", json_boolean(json_array_size(domains) > 0));
	json_object_set_new(data, "domeinen", domains);
	/* What was agreed: the goals of the plan. */
	json_t *goals = json_object_get(plan, "id") ? db_brief_doelen(d, num(plan, "id")) : json_array();
	json_decref(plan);
	if (!goals)
		return -1;
	json_array_foreach(goals, i, s) {
		json_object_set_new(s, "domein_tekst", json_string(document_domain_plain(S(s, "domein"))));
		json_object_set_new(s, "streefdatum_lang", json_string(document_date_long(r->arena, S(s, "streefdatum"))));
	}
	json_object_set_new(data, "heeft_doelen", json_boolean(json_array_size(goals) > 0));
	json_object_set_new(data, "doelen", goals);
	return 0;
}

void brief_free(struct brief *b)
{
	json_decref(b->l.data);
	json_decref(b->missing);
	b->l.data = NULL;
	b->missing = NULL;
}
