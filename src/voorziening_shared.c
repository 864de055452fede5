/* voorziening_shared.c - what the voorziening pages (src/handlers/voorziening.c)
 * and the JSON API (src/handlers/voorziening_api.c) share
 * (include/voorziening_shared.h): the vocabularies and the field table,
 * the money helpers, the display form of a stored row and the part of the
 * household page (overview_fill_voorzieningen, include/overview.h), the
 * checks beyond the table, storing a new voorziening or an edit, loading
 * one with its access check, and applying a status step (whose rules live
 * in src/voorziening_stap.c). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "berichten.h"
#include "audit.h"
#include "care.h"
#include "db_referentie.h"
#include "db_voorziening.h"
#include "domain.h"
#include "form.h"
#include "overview.h"
#include "voorziening_shared.h"

#include "berichten.h"
#include "voorziening_stap.h"

/* ---- vocabularies ---------------------------------------------------------- */

static const char *const kind_codes[] = {"maatwerk", "algemeen", NULL};
static const char *const kind_labels[] = {"Maatwerkvoorziening (met beschikking)",
                                          "Algemene voorziening (sociale kaart, zonder besluit)", NULL};
const struct vocab voorziening_kind = {kind_codes, kind_labels};

/* Units and frequencies of the toewijzing, with their iWmo/iJw codes
 * (codelists Eenheid WMO757/JZ757 and Frequentie WMO756/JZ756). */
static const char *const unit_codes[] = {"minuut", "uur", "etmaal", "dagdeel", "stuks", "euro", NULL};
static const char *const unit_labels[] = {"minuten", "uur", "etmaal", "dagdelen", "stuks", "euro", NULL};
static const char *const unit_iwmo[] = {"01", "04", "14", "16", "82", "83", NULL};
const struct vocab voorziening_unit = {unit_codes, unit_labels};

static const char *const freq_codes[] = {"per_dag", "per_week", "per_maand", "totaal", NULL};
static const char *const freq_labels[] = {"per dag", "per week", "per maand", "totaal binnen de geldigheidsduur",
                                          NULL};
static const char *const freq_iwmo[] = {"1", "2", "4", "6", NULL};
const struct vocab voorziening_freq = {freq_codes, freq_labels};

/* How a voorziening came about (issue 16 item 5), with the iJw
 * TypeVerwijzer code (COD327). */
static const char *const verwijzer_codes[] = {"gemeente", "huisarts", "jeugdarts", "gecertificeerde_instelling",
                                              "medisch_specialist", "zelfverwijzer", "rechter", NULL};
static const char *const verwijzer_labels[] = {
	"de gemeente (eigen onderzoek)", "de huisarts", "de jeugdarts", "een gecertificeerde instelling",
	"een medisch specialist", "de inwoner zelf (zonder verwijzer)", "de rechter of het openbaar ministerie", NULL};
static const char *const verwijzer_ijw[] = {"01", "02", "03", "04", "05", "06", "08", NULL};
const struct vocab voorziening_verwijzer = {verwijzer_codes, verwijzer_labels};

const char *voorziening_verwijzer_van(const char *ijw)
{
	for (int i = 0; ijw && verwijzer_ijw[i]; i++)
		if (strcmp(verwijzer_ijw[i], ijw) == 0)
			return verwijzer_codes[i];
	return NULL;
}

/* The status steps, their form and their dates: src/voorziening_stap.c. */

/* The iWmo/iJw code of code in the parallel lists codes and iwmo, or NULL. */
static const char *iwmo_code(const char *const *codes, const char *const *iwmo, const char *code)
{
	for (int i = 0; code && codes[i]; i++)
		if (strcmp(codes[i], code) == 0)
			return iwmo[i];
	return NULL;
}

const char *voorziening_unit_iwmo(const char *code)
{
	return iwmo_code(unit_codes, unit_iwmo, code);
}

const char *voorziening_freq_iwmo(const char *code)
{
	return iwmo_code(freq_codes, freq_iwmo, code);
}

/* ---- validation tables ------------------------------------------------------ */

static const int64_t COST_MAX_CENTS = INT64_C(10000000000); /* 100 million euro */

const struct field_rule voorziening_rules[V_COUNT] = {
	[V_SOORT] = {.name = "soort", .label = "Soort voorziening",
	             .kind = FIELD_CHOICE, .required = true, .choices = kind_codes},
	[V_PERSOON] = {.name = "persoon", .label = "Voor wie", .kind = FIELD_ID},
	/* The single doel=<id> of older clients; the checkboxes doel_<id> and
	 * the API's doel_ids join it (voorziening_goals_from_form/json). */
	[V_DOEL] = {.name = "doel", .label = "Voor welke doelen", .kind = FIELD_ID},
	[V_NETWERKLID] = {.name = "netwerklid", .label = "Ondersteunt netwerklid", .kind = FIELD_ID},
	[V_SOCIALE_KAART] = {.name = "sociale_kaart", .label = "Voorziening van de sociale kaart", .kind = FIELD_ID},
	[V_BESLUITDATUM] = {.name = "besluitdatum", .label = "Datum van het besluit",
	                    .kind = FIELD_DATE, .date_flags = DATE_NOT_FUTURE},
	[V_GRONDSLAG] = {.name = "wettelijke_grondslag", .label = "Wettelijke grondslag",
	                 .kind = FIELD_CHOICE, .choices = vocab_legal_basis_codes},
	[V_AANBIEDER] = {.name = "aanbieder", .label = "Aanbieder", .kind = FIELD_ID},
	[V_PRODUCT] = {.name = "product", .label = "Product", .kind = FIELD_LINE, .max_len = 8},
	[V_VOLUME] = {.name = "volume", .label = "Omvang", .kind = FIELD_INT, .min = 1, .max = 100000},
	[V_EENHEID] = {.name = "eenheid", .label = "Eenheid", .kind = FIELD_CHOICE, .choices = unit_codes},
	[V_FREQUENTIE] = {.name = "frequentie", .label = "Frequentie", .kind = FIELD_CHOICE, .choices = freq_codes},
	[V_INGANG] = {.name = "ingangsdatum", .label = "Ingangsdatum", .kind = FIELD_DATE, .required = true},
	[V_EINDE] = {.name = "einddatum", .label = "Einddatum", .kind = FIELD_DATE, .required = true},
	[V_KOSTEN] = {.name = "kosten", .label = "Geschatte kosten", .kind = FIELD_LINE, .max_len = 20},
	[V_VERWIJZER] = {.name = "verwijzer", .label = "Tot stand gekomen via", .kind = FIELD_CHOICE,
	                 .choices = verwijzer_codes},
	[V_VERSIE] = {.name = "versie", .label = "Versie",
	              .kind = FIELD_INT, .required = true, .min = 1, .max = INT64_MAX},
};

/* The goals and the network member: src/voorziening_doel.c. */

/* ---- money ----------------------------------------------------------------- */

/* Parses an amount in euro as people type it: "1234,56", "1234.56",
 * "1.234,56", "€ 80" (at most two decimals).  Returns NULL and sets *cents,
 * or a Dutch message. */
static const char *parse_euro(const char *s, int64_t *cents)
{
	static const char bad[] = "Vul een bedrag in euro in, zoals 1234,56.";
	if (strncmp(s, "€", strlen("€")) == 0)
		s += strlen("€");
	while (*s == ' ')
		s++;
	if (*s == '-')
		return "Het bedrag kan niet negatief zijn.";
	/* The decimal separator: the last comma, or else a single point with
	 * one or two digits after it; other points separate thousands. */
	const char *sep = strrchr(s, ',');
	const char *dot = strchr(s, '.');
	if (!sep && dot && dot == strrchr(s, '.') && strlen(dot + 1) <= 2)
		sep = dot;
	int64_t whole = 0;
	int digits = 0;
	for (const char *p = s; *p && p != sep; p++) {
		if (*p == '.' && p != s && (!sep || sep != dot))
			continue;
		if (*p < '0' || *p > '9')
			return bad;
		if (++digits > 11)
			return "Dit bedrag is te hoog.";
		whole = whole * 10 + (*p - '0');
	}
	int64_t frac = 0;
	if (sep) {
		size_t n = strlen(sep + 1);
		if (n == 0 || n > 2 || strspn(sep + 1, "0123456789") != n)
			return "Vul hoogstens twee cijfers achter de komma in, zoals 1234,56.";
		frac = (sep[1] - '0') * 10 + (n == 2 ? sep[2] - '0' : 0);
	}
	if (digits == 0)
		return bad;
	*cents = whole * 100 + frac;
	if (*cents > COST_MAX_CENTS)
		return "Dit bedrag is te hoog.";
	return NULL;
}

/* "€ 1.234,56" into a. */
const char *voorziening_fmt_euro(arena *a, int64_t cents)
{
	char digits[24];
	snprintf(digits, sizeof digits, "%" PRId64, cents / 100);
	char grouped[40];
	size_t n = strlen(digits), o = 0;
	for (size_t i = 0; i < n; i++) {
		if (i && (n - i) % 3 == 0)
			grouped[o++] = '.';
		grouped[o++] = digits[i];
	}
	grouped[o] = '\0';
	return arena_printf(a, "€ %s,%02d", grouped, (int)(cents % 100));
}

const char *voorziening_date_nl(arena *a, const char *iso)
{
	char out[11];
	fmt_date_nl(iso ? iso : "", out);
	return arena_strdup(a, out);
}

/* ---- page data -------------------------------------------------------------- */

/* The display form of a stored row (row from db_voorziening_get), for the
 * household page, the show page and the list: adds *_label, period, volume
 * and cost texts.  Changes row in place. */
void voorziening_decorate(struct req *r, json_t *row)
{
	const char *status = str(row, "status"), *kind = str(row, "soort");
	bool maatwerk = kind && strcmp(kind, "maatwerk") == 0;
	json_object_set_new(row, "maatwerk", json_boolean(maatwerk));
	json_object_set_new(row, "soort_label", json_string(maatwerk ? "Maatwerk" : "Algemeen"));
	json_object_set_new(row, "status_label", json_string(vocab_label(&vocab_voorziening_status, status)));
	json_object_set_new(row, "open", json_boolean(strcmp(status, "afgewezen") != 0 && strcmp(status, "beeindigd") != 0));
	json_object_set_new(row, "titel", json_string(maatwerk ? str(row, "product") : str(row, "sociale_kaart")));
	json_object_set_new(row, "periode", json_string(arena_printf(r->arena, "%s t/m %s",
	                    voorziening_date_nl(r->arena, str(row, "ingangsdatum")), voorziening_date_nl(r->arena, str(row, "einddatum")))));
	if (maatwerk) {
		json_object_set_new(row, "grondslag_label",
		                    json_string(vocab_label(&vocab_legal_basis, str(row, "wettelijke_grondslag"))));
		if (str(row, "besluitdatum"))
			json_object_set_new(row, "besluitdatum_nl", json_string(voorziening_date_nl(r->arena, str(row, "besluitdatum"))));
		json_object_set_new(row, "omvang", json_string(arena_printf(r->arena, "%" PRId64 " %s %s", num(row, "volume"),
		                    vocab_label(&voorziening_unit, str(row, "eenheid")), vocab_label(&voorziening_freq, str(row, "frequentie")))));
		json_object_set_new(row, "productcode", json_string(arena_printf(r->arena, "%s %s",
		                    str(row, "product_categorie"), str(row, "product_code"))));
		json_object_set_new(row, "kosten_nl", json_string(voorziening_fmt_euro(r->arena, num(row, "kosten_centen"))));
		json_object_set_new(row, "verwijzer_label",
		                    json_string(vocab_label(&voorziening_verwijzer, str(row, "verwijzer"))));
	}
	/* The goals it serves and the network member it supports (issue 16 item 1). */
	json_t *goal;
	size_t gi;
	json_array_foreach(json_object_get(row, "doelen"), gi, goal)
		json_object_set_new(goal, "domein_label", json_string(vocab_label(&vocab_zrm_domain, str(goal, "domein"))));
	json_object_set_new(row, "has_doelen", json_boolean(json_array_size(json_object_get(row, "doelen")) > 0));
	if (str(row, "netwerklid"))
		json_object_set_new(row, "netwerklid_label", json_string(voorziening_netwerk_label(r->arena,
		                    str(row, "netwerklid"), str(row, "netwerklid_relatie"))));
	if (str(row, "gestart_op"))
		json_object_set_new(row, "gestart_op_nl", json_string(voorziening_date_nl(r->arena, str(row, "gestart_op"))));
	if (str(row, "reden_einde")) {
		json_object_set_new(row, "reden_einde_label", json_string(vocab_label(&vocab_end_reason, str(row, "reden_einde"))));
		json_object_set_new(row, "beeindigd_op_nl", json_string(voorziening_date_nl(r->arena, str(row, "beeindigd_op"))));
	}
	if (json_object_get(row, "gewijzigd_op"))
		json_object_set_new(row, "gewijzigd", json_string(care_changed_by(r, str(row, "gewijzigd_door"),
		                                                                   num(row, "gewijzigd_op"))));
}

enum db_status overview_fill_voorzieningen(struct req *r, db *d, int64_t hh, json_t *data)
{
	json_t *list = db_voorziening_list(d, hh);
	size_t i;
	json_t *row;
	json_array_foreach(list, i, row)
		voorziening_decorate(r, row);
	json_object_set_new(data, "has_voorzieningen", json_boolean(json_array_size(list) > 0));
	json_object_set_new(data, "voorzieningen", list);
	return DB_OK;
}

/* ---- validation beyond the table ------------------------------------------ */

static const char *required_maatwerk = "Dit veld is verplicht bij een maatwerkvoorziening.";
static const char MSG_DECISION_AT_STEP[] =
	"Er is nog geen besluit: de datum van het besluit legt u vast bij Toekennen of Afwijzen.";

/* Checks what the table cannot (the maatwerk fields, references, the
 * period, the product and its legal basis, the amount) and fills *in.
 * row is the stored voorziening on an edit (its kind stays; inactive
 * references it already has stay allowed).  Returns the number of errors. */
int voorziening_check(struct req *r, db *d, int64_t hh, const json_t *row, struct field_value *v,
                      struct voorziening_input *in)
{
	if (row) {
		/* The kind is chosen once; an API call may repeat it. */
		if (!v[V_SOORT].text[0] || strcmp(v[V_SOORT].text, str(row, "soort")) == 0) {
			v[V_SOORT].text = str(row, "soort");
			v[V_SOORT].error = NULL;
		} else {
			v[V_SOORT].error = "De soort voorziening kan niet worden gewijzigd. Beëindig deze voorziening en "
			                   "voeg een nieuwe toe.";
		}
	}
	memset(in, 0, sizeof *in);
	in->kind = v[V_SOORT].text;
	in->cost_cents = -1;
	bool maatwerk = strcmp(v[V_SOORT].text, "maatwerk") == 0;
	bool algemeen = strcmp(v[V_SOORT].text, "algemeen") == 0;
	if (!v[V_PERSOON].error && v[V_PERSOON].id && !db_voorziening_person_in(d, hh, v[V_PERSOON].id))
		v[V_PERSOON].error = "Kies iemand uit dit huishouden.";
	voorziening_check_goals(r, d, hh, row, maatwerk, v, in);
	if (algemeen && !v[V_SOCIALE_KAART].error) {
		json_t *k = NULL;
		enum db_status s = v[V_SOCIALE_KAART].id ? db_sociale_kaart_get(d, v[V_SOCIALE_KAART].id, &k) : DB_NOT_FOUND;
		bool kept = row && num(row, "sociale_kaart_id") == v[V_SOCIALE_KAART].id;
		if (!v[V_SOCIALE_KAART].id)
			v[V_SOCIALE_KAART].error = "Kies een voorziening van de sociale kaart.";
		else if (s != DB_OK || (!json_is_true(json_object_get(k, "actief")) && !kept))
			v[V_SOCIALE_KAART].error = "Kies een actieve voorziening van de sociale kaart.";
		json_decref(k);
	}
	if (maatwerk) {
		const int needed[] = {V_GRONDSLAG, V_AANBIEDER, V_PRODUCT, V_VOLUME, V_EENHEID, V_FREQUENTIE, V_KOSTEN};
		for (size_t k = 0; k < ARRAY_LEN(needed); k++)
			if (!v[needed[k]].error && !v[needed[k]].text[0])
				v[needed[k]].error = required_maatwerk;
		if (!v[V_AANBIEDER].error) {
			json_t *a = NULL;
			enum db_status s = db_aanbieder_get(d, v[V_AANBIEDER].id, &a);
			bool kept = row && num(row, "aanbieder_id") == v[V_AANBIEDER].id;
			if (s != DB_OK || (!json_is_true(json_object_get(a, "actief")) && !kept))
				v[V_AANBIEDER].error = "Kies een actieve aanbieder.";
			json_decref(a);
		}
		if (!v[V_PRODUCT].error) {
			const char *t = v[V_PRODUCT].text;
			json_t *p = NULL;
			enum db_status s = DB_NOT_FOUND;
			if (strlen(t) == 8 && t[2] == '-') {
				char cat[3] = {t[0], t[1], '\0'};
				s = db_product_find(d, cat, t + 3, &p);
			}
			bool kept = p && row && num(row, "product_id") == num(p, "id");
			if (s != DB_OK || (!json_is_true(json_object_get(p, "actief")) && !kept)) {
				v[V_PRODUCT].error = "Onbekende productcode. Kies een product uit de productenlijst.";
			} else {
				in->product_id = num(p, "id");
				const char *basis = str(p, "wettelijke_grondslag");
				if (!v[V_GRONDSLAG].error && strcmp(basis, v[V_GRONDSLAG].text) != 0)
					v[V_PRODUCT].error = arena_printf(r->arena, "Dit product valt onder %s, niet onder %s. "
					                                  "Kies een product dat past bij de wettelijke grondslag.",
					                                  vocab_label(&vocab_legal_basis, basis),
					                                  vocab_label(&vocab_legal_basis, v[V_GRONDSLAG].text));
			}
			json_decref(p);
		}
		if (!v[V_KOSTEN].error) {
			const char *msg = parse_euro(v[V_KOSTEN].text, &in->cost_cents);
			if (msg)
				v[V_KOSTEN].error = msg;
		}
	}
	/* The decision date is set by toekennen or afwijzen (voorziening_stap.c),
	 * never at the aanvraag; once decided it may be corrected here. */
	bool decided = row && str(row, "besluitdatum");
	if (!v[V_BESLUITDATUM].error && !decided && v[V_BESLUITDATUM].text[0])
		v[V_BESLUITDATUM].error = MSG_DECISION_AT_STEP;
	else if (maatwerk && decided && !v[V_BESLUITDATUM].error && !v[V_BESLUITDATUM].text[0])
		v[V_BESLUITDATUM].error = required_maatwerk;
	if (!v[V_INGANG].error && !v[V_EINDE].error && strcmp(v[V_EINDE].text, v[V_INGANG].text) < 0)
		v[V_EINDE].error = arena_printf(r->arena, "De einddatum ligt voor de ingangsdatum (%s). Ondersteuning "
		                                "is tijdelijk: kies een einddatum op of na de ingangsdatum.",
		                                voorziening_date_nl(r->arena, v[V_INGANG].text));
	if (maatwerk && !v[V_BESLUITDATUM].error && !v[V_EINDE].error && v[V_BESLUITDATUM].text[0] &&
	    strcmp(v[V_EINDE].text, v[V_BESLUITDATUM].text) < 0)
		v[V_EINDE].error = "De einddatum ligt voor de datum van het besluit.";
	in->persoon_id = v[V_PERSOON].id;
	in->sociale_kaart_id = v[V_SOCIALE_KAART].id;
	in->decision_date = decided ? v[V_BESLUITDATUM].text : NULL;
	in->legal_basis = v[V_GRONDSLAG].text;
	in->aanbieder_id = v[V_AANBIEDER].id;
	in->volume = v[V_VOLUME].id;
	in->unit = v[V_EENHEID].text;
	in->frequency = v[V_FREQUENTIE].text;
	/* Left out (an API call without it): as stored, or the gemeente. */
	in->verwijzer = maatwerk && v[V_VERWIJZER].text[0] ? v[V_VERWIJZER].text : NULL;
	in->start_date = v[V_INGANG].text;
	in->end_date = v[V_EINDE].text;
	int errors = 0;
	for (int i = 0; i < V_VERSIE; i++)
		errors += v[i].error != NULL;
	return errors;
}

/* ---- storing ------------------------------------------------------------------ */

enum db_status voorziening_store_new(struct req *r, db *d, int64_t hh, const struct voorziening_input *in,
                                     const struct hh_access_info *acc, int64_t *id)
{
	if (db_begin(d) != 0)
		return DB_ERROR;
	enum db_status s = db_voorziening_insert(d, hh, in, r->user->id, id);
	if (s == DB_OK)
		s = db_voorziening_set_goals(d, *id, in->doel_ids, in->ndoelen);
	struct audit_entry e = {.medewerker_id = r->user->id, .action = "voorziening.create",
	                        .object_type = "voorziening", .object_id = *id, .huishouden_id = hh,
	                        .reason = acc->exception_reason, .client_addr = r->client_addr};
	if (s != DB_OK || (s = audit_append(d, &e)) != DB_OK || db_commit(d) != 0) {
		db_rollback(d);
		return s == DB_OK ? DB_ERROR : s;
	}
	return DB_OK;
}

/* Saves an edit; DB_NOT_FOUND on a stale version with *now the stored row
 * (new reference). */
enum db_status voorziening_store_edit(struct req *r, db *d, const json_t *row, int64_t version,
                                      const struct voorziening_input *in, const struct hh_access_info *acc, json_t **now)
{
	int64_t id = num(row, "id");
	if (db_begin(d) != 0)
		return DB_ERROR;
	enum db_status s = db_voorziening_update(d, id, version, in, r->user->id);
	if (s == DB_NOT_FOUND) {
		db_rollback(d);
		return db_voorziening_get(d, id, now) == DB_OK ? DB_NOT_FOUND : DB_ERROR;
	}
	if (s == DB_OK)
		s = db_voorziening_set_goals(d, id, in->doel_ids, in->ndoelen);
	/* The provider hears of the change (a 301, issue 14). */
	if (s == DB_OK)
		s = berichten_voorziening(d, r->arena, id, r->user->id);
	struct audit_entry e = {.medewerker_id = r->user->id, .action = "voorziening.update",
	                        .object_type = "voorziening", .object_id = id, .huishouden_id = num(row, "huishouden_id"),
	                        .reason = acc->exception_reason, .client_addr = r->client_addr};
	if (s != DB_OK || audit_append(d, &e) != DB_OK || db_commit(d) != 0) {
		db_rollback(d);
		return DB_ERROR;
	}
	return DB_OK;
}

/* "Deze voorziening is intussen gewijzigd door X op ...". */
const char *voorziening_conflict_message(struct req *r, const json_t *now)
{
	const char *who = care_changed_by(r, str(now, "gewijzigd_door"), num(now, "gewijzigd_op"));
	if (r->is_api)
		return arena_printf(r->arena, "Deze voorziening is intussen gewijzigd door %s (nu versie %" PRId64 ", "
		                    "status %s). Uw wijziging is niet opgeslagen.", who, num(now, "versie"),
		                    vocab_label(&vocab_voorziening_status, str(now, "status")));
	return arena_printf(r->arena, "Deze voorziening is intussen gewijzigd door %s. Uw wijziging is niet "
	                    "opgeslagen. Uw invoer staat hieronder; bij de velden die nu anders zijn opgeslagen "
	                    "ziet u wat er intussen is ingevuld. Controleer en sla opnieuw op.", who);
}

bool voorziening_is_closed(const json_t *row)
{
	const char *s = str(row, "status");
	return strcmp(s, "afgewezen") == 0 || strcmp(s, "beeindigd") == 0;
}

const char voorziening_closed_message[] =
	"Deze voorziening is afgewezen of beëindigd en kan niet meer worden gewijzigd.";

/* Loads voorziening id (*row, a new reference the caller releases) and
 * checks access to its household; replies and returns -1 when unknown or
 * refused. */
int voorziening_load(struct req *r, db *d, int64_t id, const char *audit_action, json_t **row,
                     struct hh_access_info *acc)
{
	enum db_status s = db_voorziening_get(d, id, row);
	if (s == DB_NOT_FOUND) {
		reply_error(r, ERR_NOT_FOUND, "Deze voorziening bestaat niet.");
		return -1;
	}
	if (s != DB_OK) {
		reply_error(r, ERR_INTERNAL, NULL);
		return -1;
	}
	if (require_household(r, num(*row, "huishouden_id"), audit_action, "voorziening", id, acc) != 0) {
		json_decref(*row);
		*row = NULL;
		return -1;
	}
	return 0;
}

/* ---- status steps ------------------------------------------------------------ */

/* Validates and applies a status step on row.  Returns DB_OK, DB_NOT_FOUND
 * (stale: *now is the stored row, new reference), or DB_CONSTRAINT with
 * field errors in v (an invalid step). */
enum db_status voorziening_status_step(struct req *r, db *d, const json_t *row, struct field_value *v,
                                       const struct hh_access_info *acc, json_t **now)
{
	struct voorziening_now vn = {str(row, "soort"), str(row, "status"), str(row, "ingangsdatum"),
	                             str(row, "einddatum"), str(row, "gestart_op")};
	const struct voorziening_transition *t = voorziening_step_check(r->arena, &vn, v);
	if (!t)
		return DB_CONSTRAINT;
	bool ending = strcmp(t->to, "beeindigd") == 0, deciding = strcmp(t->from, "aangevraagd") == 0;
	bool maatwerk = strcmp(vn.kind, "maatwerk") == 0;
	struct voorziening_step step = {
		.from = t->from, .to = t->to, .end_reason = ending ? v[S_REDEN].text : NULL,
		.ended_on = ending ? v[S_DATUM].text : NULL,
		.decision_date = deciding && maatwerk ? v[S_BESLUIT].text : NULL,
		.started_on = strcmp(t->to, "gestart") == 0 ? v[S_GESTART].text : NULL,
	};
	int64_t id = num(row, "id");
	if (db_begin(d) != 0)
		return DB_ERROR;
	enum db_status s = db_voorziening_set_status(d, id, v[S_VERSIE].id, &step, r->user->id);
	if (s == DB_NOT_FOUND) {
		db_rollback(d);
		return db_voorziening_get(d, id, now) == DB_OK ? DB_NOT_FOUND : DB_ERROR;
	}
	if (s == DB_OK)
		s = berichten_voorziening(d, r->arena, id, r->user->id);
	const char *action = arena_printf(r->arena, "voorziening.%s", t->action);
	struct audit_entry e = {.medewerker_id = r->user->id, .action = action, .object_type = "voorziening",
	                        .object_id = id, .huishouden_id = num(row, "huishouden_id"),
	                        .reason = acc->exception_reason, .client_addr = r->client_addr};
	if (s != DB_OK || audit_append(d, &e) != DB_OK || db_commit(d) != 0) {
		db_rollback(d);
		return DB_ERROR;
	}
	return DB_OK;
}
