/* voorziening.c - a household's voorzieningen: algemeen (from the sociale
 * kaart) or maatwerk with a beschikking; new, show, edit (versioned), the
 * status steps (toekennen, afwijzen, starten, beeindigen), the JSON API
 * with the iWmo/iJw toewijzing names, and the part of the household page
 * (overview_fill_voorzieningen). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "audit.h"
#include "care.h"
#include "db_referentie.h"
#include "db_evaluatie.h"
#include "db_voorziening.h"
#include "domain.h"
#include "form.h"
#include "handlers.h"
#include "overview.h"
#include "voorziening_stap.h"

/* ---- vocabularies ---------------------------------------------------------- */

static const char *const kind_codes[] = {"maatwerk", "algemeen", NULL};
static const char *const kind_labels[] = {"Maatwerkvoorziening (met beschikking)",
                                          "Algemene voorziening (sociale kaart, zonder besluit)", NULL};
static const struct vocab vocab_kind = {kind_codes, kind_labels};

/* Units and frequencies of the toewijzing, with their iWmo/iJw codes
 * (codelists Eenheid WMO757/JZ757 and Frequentie WMO756/JZ756). */
static const char *const unit_codes[] = {"minuut", "uur", "etmaal", "dagdeel", "stuks", "euro", NULL};
static const char *const unit_labels[] = {"minuten", "uur", "etmaal", "dagdelen", "stuks", "euro", NULL};
static const char *const unit_iwmo[] = {"01", "04", "14", "16", "82", "83", NULL};
static const struct vocab vocab_unit = {unit_codes, unit_labels};

static const char *const freq_codes[] = {"per_dag", "per_week", "per_maand", "totaal", NULL};
static const char *const freq_labels[] = {"per dag", "per week", "per maand", "totaal binnen de geldigheidsduur",
                                          NULL};
static const char *const freq_iwmo[] = {"1", "2", "4", "6", NULL};
static const struct vocab vocab_freq = {freq_codes, freq_labels};

/* The status steps, their form and their dates: src/voorziening_stap.c. */

/* ---- validation tables ------------------------------------------------------ */

enum {
	V_SOORT, V_PERSOON, V_DOEL, V_SOCIALE_KAART, V_BESLUITDATUM, V_GRONDSLAG, V_AANBIEDER, V_PRODUCT,
	V_VOLUME, V_EENHEID, V_FREQUENTIE, V_INGANG, V_EINDE, V_KOSTEN, V_VERSIE, V_COUNT
};
enum { V_NEW_COUNT = V_VERSIE };
static const int64_t COST_MAX_CENTS = INT64_C(10000000000); /* 100 million euro */

static const struct field_rule rules[V_COUNT] = {
	[V_SOORT] = {.name = "soort", .label = "Soort voorziening",
	             .kind = FIELD_CHOICE, .required = true, .choices = kind_codes},
	[V_PERSOON] = {.name = "persoon", .label = "Voor wie", .kind = FIELD_ID},
	[V_DOEL] = {.name = "doel", .label = "Bij welk doel uit het plan", .kind = FIELD_ID},
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
	[V_VERSIE] = {.name = "versie", .label = "Versie",
	              .kind = FIELD_INT, .required = true, .min = 1, .max = INT64_MAX},
};

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
static const char *fmt_euro(arena *a, int64_t cents)
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

static const char *date_nl(arena *a, const char *iso)
{
	char out[11];
	fmt_date_nl(iso ? iso : "", out);
	return arena_strdup(a, out);
}

static const char *str(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static int64_t num(const json_t *o, const char *key)
{
	return json_integer_value(json_object_get(o, key));
}

static const char *iwmo_code(const char *const *codes, const char *const *iwmo, const char *code)
{
	for (int i = 0; code && codes[i]; i++)
		if (strcmp(codes[i], code) == 0)
			return iwmo[i];
	return NULL;
}

/* ---- page data -------------------------------------------------------------- */

/* The display form of a stored row (row from db_voorziening_get), for the
 * household page, the show page and the list: adds *_label, period, volume
 * and cost texts.  Changes row in place. */
static void decorate(struct req *r, json_t *row)
{
	const char *status = str(row, "status"), *kind = str(row, "soort");
	bool maatwerk = kind && strcmp(kind, "maatwerk") == 0;
	json_object_set_new(row, "maatwerk", json_boolean(maatwerk));
	json_object_set_new(row, "soort_label", json_string(maatwerk ? "Maatwerk" : "Algemeen"));
	json_object_set_new(row, "status_label", json_string(vocab_label(&vocab_voorziening_status, status)));
	json_object_set_new(row, "open", json_boolean(strcmp(status, "afgewezen") != 0 && strcmp(status, "beeindigd") != 0));
	json_object_set_new(row, "titel", json_string(maatwerk ? str(row, "product") : str(row, "sociale_kaart")));
	json_object_set_new(row, "periode", json_string(arena_printf(r->arena, "%s t/m %s",
	                    date_nl(r->arena, str(row, "ingangsdatum")), date_nl(r->arena, str(row, "einddatum")))));
	if (maatwerk) {
		json_object_set_new(row, "grondslag_label",
		                    json_string(vocab_label(&vocab_legal_basis, str(row, "wettelijke_grondslag"))));
		if (str(row, "besluitdatum"))
			json_object_set_new(row, "besluitdatum_nl", json_string(date_nl(r->arena, str(row, "besluitdatum"))));
		json_object_set_new(row, "omvang", json_string(arena_printf(r->arena, "%" PRId64 " %s %s", num(row, "volume"),
		                    vocab_label(&vocab_unit, str(row, "eenheid")), vocab_label(&vocab_freq, str(row, "frequentie")))));
		json_object_set_new(row, "productcode", json_string(arena_printf(r->arena, "%s %s",
		                    str(row, "product_categorie"), str(row, "product_code"))));
		json_object_set_new(row, "kosten_nl", json_string(fmt_euro(r->arena, num(row, "kosten_centen"))));
	}
	if (str(row, "gestart_op"))
		json_object_set_new(row, "gestart_op_nl", json_string(date_nl(r->arena, str(row, "gestart_op"))));
	if (str(row, "reden_einde")) {
		json_object_set_new(row, "reden_einde_label", json_string(vocab_label(&vocab_end_reason, str(row, "reden_einde"))));
		json_object_set_new(row, "beeindigd_op_nl", json_string(date_nl(r->arena, str(row, "beeindigd_op"))));
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
		decorate(r, row);
	json_object_set_new(data, "has_voorzieningen", json_boolean(json_array_size(list) > 0));
	json_object_set_new(data, "voorzieningen", list);
	return DB_OK;
}

/* The form's values from a stored row (for the edit form and for
 * comparing after a conflict).  Strings from r's arena. */
static void values_from_row(struct req *r, const json_t *row, struct field_value v[V_COUNT])
{
	form_validate(r->arena, NULL, rules, V_COUNT, v);
	for (int i = 0; i < V_COUNT; i++)
		v[i].error = NULL;
	const struct { int i; const char *key; } ids[] = {
		{V_PERSOON, "persoon_id"}, {V_DOEL, "doel_id"}, {V_SOCIALE_KAART, "sociale_kaart_id"},
		{V_AANBIEDER, "aanbieder_id"},
	};
	for (size_t k = 0; k < ARRAY_LEN(ids); k++) {
		int64_t id = num(row, ids[k].key);
		v[ids[k].i].id = id;
		v[ids[k].i].text = id ? arena_printf(r->arena, "%" PRId64, id) : "";
	}
	v[V_SOORT].text = str(row, "soort");
	v[V_SOORT].bits = (unsigned)vocab_index(&vocab_kind, v[V_SOORT].text);
	const struct { int i; const char *key; } texts[] = {
		{V_BESLUITDATUM, "besluitdatum"}, {V_GRONDSLAG, "wettelijke_grondslag"}, {V_EENHEID, "eenheid"},
		{V_FREQUENTIE, "frequentie"}, {V_INGANG, "ingangsdatum"}, {V_EINDE, "einddatum"},
	};
	for (size_t k = 0; k < ARRAY_LEN(texts); k++)
		v[texts[k].i].text = str(row, texts[k].key) ? str(row, texts[k].key) : "";
	v[V_GRONDSLAG].bits = (unsigned)vocab_index(&vocab_legal_basis, v[V_GRONDSLAG].text);
	v[V_EENHEID].bits = (unsigned)vocab_index(&vocab_unit, v[V_EENHEID].text);
	v[V_FREQUENTIE].bits = (unsigned)vocab_index(&vocab_freq, v[V_FREQUENTIE].text);
	if (str(row, "product_code"))
		v[V_PRODUCT].text = arena_printf(r->arena, "%s-%s", str(row, "product_categorie"), str(row, "product_code"));
	if (json_object_get(row, "volume")) {
		v[V_VOLUME].id = num(row, "volume");
		v[V_VOLUME].text = arena_printf(r->arena, "%" PRId64, v[V_VOLUME].id);
	}
	if (json_object_get(row, "kosten_centen")) {
		int64_t c = num(row, "kosten_centen");
		v[V_KOSTEN].text = arena_printf(r->arena, "%" PRId64 ",%02d", c / 100, (int)(c % 100));
	}
	v[V_VERSIE].id = num(row, "versie");
	v[V_VERSIE].text = arena_printf(r->arena, "%" PRId64, v[V_VERSIE].id);
}

/* [{value, label, selected}] for a select over rows with "id" and a label
 * key; the value is the id. */
static json_t *id_options(json_t *rows, const char *label_key, const char *selected)
{
	json_t *out = json_array();
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row) {
		char id[24];
		snprintf(id, sizeof id, "%" PRId64, num(row, "id"));
		json_array_append_new(out, json_pack("{s:s, s:s, s:b}", "value", id, "label", str(row, label_key),
		                                     "selected", selected && strcmp(selected, id) == 0));
	}
	return out;
}

static void set_field(json_t *data, const char *field, const char *key, json_t *value)
{
	json_object_set_new(json_object_get(json_object_get(data, "field"), field), key, value);
}

/* The label a stored value has on the form, for "intussen opgeslagen". */
static const char *stored_label(struct req *r, const json_t *row, int i, const char *text)
{
	switch (i) {
	case V_PERSOON: return str(row, "persoon") ? str(row, "persoon") : "(niemand)";
	case V_DOEL: return str(row, "doel") ? str(row, "doel") : "(geen doel)";
	case V_SOCIALE_KAART: return str(row, "sociale_kaart") ? str(row, "sociale_kaart") : "(geen)";
	case V_AANBIEDER: return str(row, "aanbieder") ? str(row, "aanbieder") : "(geen)";
	case V_PRODUCT: return str(row, "product") ? arena_printf(r->arena, "%s (%s)", str(row, "product"), text) : "(geen)";
	case V_GRONDSLAG: return vocab_label(&vocab_legal_basis, text);
	case V_EENHEID: return vocab_label(&vocab_unit, text);
	case V_FREQUENTIE: return vocab_label(&vocab_freq, text);
	case V_BESLUITDATUM: case V_INGANG: case V_EINDE: return date_nl(r->arena, text);
	case V_KOSTEN: return fmt_euro(r->arena, num(row, "kosten_centen"));
	default: return text;
	}
}

/* The new or edit form for household hh: row is the voorziening being
 * edited (NULL: new), v the values to show (NULL: row's or empty), stored
 * the voorziening as saved by someone else after a refused save. */
static int render_form(struct req *r, db *d, int64_t hh, const json_t *row, struct field_value *v,
                       unsigned status, const char *alert, const json_t *stored)
{
	struct field_value own[V_COUNT];
	if (!v) {
		if (row) {
			values_from_row(r, row, own);
		} else {
			form_validate(r->arena, NULL, rules, V_COUNT, own);
			for (int i = 0; i < V_COUNT; i++)
				own[i].error = NULL;
			own[V_SOORT].text = "maatwerk";
		}
		v = own;
	}
	json_t *data = json_object();
	if (care_household(r, d, hh, data) != DB_OK) {
		json_decref(data);
		return -1;
	}
	form_to_page(data, rules, row ? V_COUNT : V_NEW_COUNT, v);
	set_field(data, "soort", "options", care_options(&vocab_kind, v[V_SOORT].text));
	set_field(data, "wettelijke_grondslag", "options", care_options(&vocab_legal_basis, v[V_GRONDSLAG].text));
	set_field(data, "eenheid", "options", care_options(&vocab_unit, v[V_EENHEID].text));
	set_field(data, "frequentie", "options", care_options(&vocab_freq, v[V_FREQUENTIE].text));
	json_t *people = db_voorziening_people(d, hh), *goals = db_voorziening_goals(d, hh);
	json_t *kaart = db_sociale_kaart_list(d, true), *aanbieders = db_aanbieder_list(d, true);
	json_t *products = db_product_list(d, true);
	set_field(data, "persoon", "options", id_options(people, "naam", v[V_PERSOON].text));
	set_field(data, "doel", "options", id_options(goals, "naam", v[V_DOEL].text));
	set_field(data, "sociale_kaart", "options", id_options(kaart, "naam", v[V_SOCIALE_KAART].text));
	set_field(data, "aanbieder", "options", id_options(aanbieders, "naam", v[V_AANBIEDER].text));
	json_t *popts = json_array();
	size_t i;
	json_t *p;
	json_array_foreach(products, i, p) {
		const char *value = arena_printf(r->arena, "%s-%s", str(p, "categorie"), str(p, "code"));
		json_array_append_new(popts, json_pack("{s:s, s:s, s:b}", "value", value, "label",
		        arena_printf(r->arena, "%s %s – %s (%s)", str(p, "categorie"), str(p, "code"), str(p, "naam"),
		                     vocab_label(&vocab_legal_basis, str(p, "wettelijke_grondslag"))),
		        "selected", strcmp(value, v[V_PRODUCT].text) == 0));
	}
	set_field(data, "product", "options", popts);
	json_object_set_new(data, "has_goals", json_boolean(json_array_size(goals) > 0));
	json_decref(people);
	json_decref(goals);
	json_decref(kaart);
	json_decref(aanbieders);
	json_decref(products);
	if (stored) {
		struct field_value now[V_COUNT];
		values_from_row(r, stored, now);
		for (int k = 0; k < V_VERSIE; k++)
			if (strcmp(now[k].text, v[k].text) != 0)
				set_field(data, rules[k].name, "stored", json_string(stored_label(r, stored, k, now[k].text)));
	}
	if (alert)
		json_object_set_new(data, "alert", json_string(alert));
	json_object_set_new(data, "edit", json_boolean(row != NULL));
	json_object_set_new(data, "has_decision", json_boolean(row && str(row, "besluitdatum")));
	json_object_set_new(data, "action", json_string(
		row ? arena_printf(r->arena, "/voorzieningen/%" PRId64 "/bewerken", num(row, "id"))
		    : arena_printf(r->arena, "/huishoudens/%" PRId64 "/voorzieningen/nieuw", hh)));
	if (row) {
		json_object_set_new(data, "voorziening_id", json_integer(num(row, "id")));
		json_object_set_new(data, "soort_label", json_string(vocab_label(&vocab_kind, str(row, "soort"))));
		if (str(row, "toewijzingnummer"))
			json_object_set_new(data, "toewijzingnummer", json_string(str(row, "toewijzingnummer")));
	}
	return reply_page(r, status, "voorziening-formulier", row ? "Voorziening wijzigen" : "Voorziening toevoegen",
	                  data);
}

/* ---- validation beyond the table ------------------------------------------ */

static const char *required_maatwerk = "Dit veld is verplicht bij een maatwerkvoorziening.";
static const char MSG_DECISION_AT_STEP[] =
	"Er is nog geen besluit: de datum van het besluit legt u vast bij Toekennen of Afwijzen.";

/* Checks what the table cannot (the maatwerk fields, references, the
 * period, the product and its legal basis, the amount) and fills *in.
 * row is the stored voorziening on an edit (its kind stays; inactive
 * references it already has stay allowed).  Returns the number of errors. */
static int check(struct req *r, db *d, int64_t hh, const json_t *row, struct field_value *v,
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
	if (!v[V_DOEL].error && v[V_DOEL].id && !db_voorziening_goal_in(d, hh, v[V_DOEL].id))
		v[V_DOEL].error = "Kies een doel uit het plan van dit huishouden.";
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
		                                date_nl(r->arena, v[V_INGANG].text));
	if (maatwerk && !v[V_BESLUITDATUM].error && !v[V_EINDE].error && v[V_BESLUITDATUM].text[0] &&
	    strcmp(v[V_EINDE].text, v[V_BESLUITDATUM].text) < 0)
		v[V_EINDE].error = "De einddatum ligt voor de datum van het besluit.";
	in->persoon_id = v[V_PERSOON].id;
	in->doel_id = v[V_DOEL].id;
	in->sociale_kaart_id = v[V_SOCIALE_KAART].id;
	in->decision_date = decided ? v[V_BESLUITDATUM].text : NULL;
	in->legal_basis = v[V_GRONDSLAG].text;
	in->aanbieder_id = v[V_AANBIEDER].id;
	in->volume = v[V_VOLUME].id;
	in->unit = v[V_EENHEID].text;
	in->frequency = v[V_FREQUENTIE].text;
	in->start_date = v[V_INGANG].text;
	in->end_date = v[V_EINDE].text;
	int errors = 0;
	for (int i = 0; i < V_VERSIE; i++)
		errors += v[i].error != NULL;
	return errors;
}

/* ---- storing ------------------------------------------------------------------ */

static enum db_status store_new(struct req *r, db *d, int64_t hh, const struct voorziening_input *in,
                                const struct hh_access_info *acc, int64_t *id)
{
	if (db_begin(d) != 0)
		return DB_ERROR;
	enum db_status s = db_voorziening_insert(d, hh, in, r->user->id, id);
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
static enum db_status store_edit(struct req *r, db *d, const json_t *row, int64_t version,
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
static const char *conflict_message(struct req *r, const json_t *now)
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

static bool is_closed(const json_t *row)
{
	const char *s = str(row, "status");
	return strcmp(s, "afgewezen") == 0 || strcmp(s, "beeindigd") == 0;
}

static const char closed_message[] =
	"Deze voorziening is afgewezen of beëindigd en kan niet meer worden gewijzigd.";

/* Loads voorziening id (*row, a new reference the caller releases) and
 * checks access to its household; replies and returns -1 when unknown or
 * refused. */
static int load(struct req *r, db *d, int64_t id, const char *audit_action, json_t **row,
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

/* ---- browser ------------------------------------------------------------------ */

int h_voorziening_new_form(struct req *r)
{
	int64_t hh = req_param_id(r, 0);
	struct hh_access_info acc;
	if (require_household(r, hh, "voorziening.form", "huishouden", hh, &acc) != 0)
		return 0;
	db *d = db_get();
	return d ? render_form(r, d, hh, NULL, NULL, 200, NULL, NULL) : -1;
}

int h_voorziening_create(struct req *r)
{
	int64_t hh = req_param_id(r, 0);
	struct hh_access_info acc;
	if (require_household(r, hh, NULL, NULL, 0, &acc) != 0)
		return 0;
	db *d = db_get();
	if (!d)
		return -1;
	struct field_value *v = arena_alloc(r->arena, V_COUNT * sizeof *v);
	form_validate(r->arena, r->form, rules, V_NEW_COUNT, v);
	struct voorziening_input in;
	if (check(r, d, hh, NULL, v, &in) > 0)
		return render_form(r, d, hh, NULL, v, 422, NULL, NULL);
	int64_t id = 0;
	if (store_new(r, d, hh, &in, &acc, &id) != DB_OK)
		return -1;
	return reply_redirect(r, arena_printf(r->arena, "/voorzieningen/%" PRId64 "?opgeslagen=1", id));
}

/* The show page with the status form; status_v the status form's values
 * after a refused step (NULL: empty). */
static int render_show(struct req *r, db *d, json_t *row, unsigned status, struct field_value *status_v,
                       const char *alert)
{
	json_t *data = json_object();
	if (care_household(r, d, num(row, "huishouden_id"), data) != DB_OK) {
		json_decref(data);
		json_decref(row);
		return -1;
	}
	decorate(r, row);
	struct field_value empty[S_COUNT];
	if (!status_v) {
		form_validate(r->arena, NULL, voorziening_status_rules, S_COUNT, empty);
		for (int i = 0; i < S_COUNT; i++)
			empty[i].error = NULL;
		status_v = empty;
	}
	form_to_page(data, voorziening_status_rules, S_COUNT, status_v);
	json_t *actions = json_array();
	bool can_end = false, can_start = false;
	for (size_t i = 0; i < voorziening_ntransitions; i++) {
		const struct voorziening_transition *t = &voorziening_transitions[i];
		if (strcmp(t->from, str(row, "status")) != 0)
			continue;
		can_end |= strcmp(t->action, "beeindigen") == 0;
		can_start |= strcmp(t->action, "starten") == 0;
		json_array_append_new(actions, json_pack("{s:s, s:s, s:b}", "code", t->action, "label", t->label,
		                                         "selected", strcmp(status_v[S_ACTIE].text, t->action) == 0));
	}
	json_object_set_new(data, "can_start", json_boolean(can_start));
	json_object_set_new(data, "can_decide", json_boolean(strcmp(str(row, "status"), "aangevraagd") == 0 &&
	                                                      strcmp(str(row, "soort"), "maatwerk") == 0));
	json_object_set_new(data, "has_actions", json_boolean(json_array_size(actions) > 0));
	json_object_set_new(data, "actions", actions);
	json_object_set_new(data, "can_end", json_boolean(can_end));
	set_field(data, "reden_einde", "options", care_options(&vocab_end_reason, status_v[S_REDEN].text));
	json_object_set_new(data, "versie", json_integer(num(row, "versie")));
	json_object_set_new(data, "v", row);
	if (alert)
		json_object_set_new(data, "alert", json_string(alert));
	else if (req_query(r, "opgeslagen"))
		json_object_set_new(data, "notice", json_string("De voorziening is opgeslagen."));
	else if (req_query(r, "status"))
		json_object_set_new(data, "notice", json_string("De status is gewijzigd."));
	const char *title = str(row, "titel") ? str(row, "titel") : "Voorziening";
	/* Moreel beraad about this voorziening, linked from here (issue 4 item 9). */
	json_t *mb = db_moreel_beraad_for_voorziening(d, json_integer_value(json_object_get(row, "id")));
	json_object_set_new(data, "has_moreel_beraad", json_boolean(json_array_size(mb) > 0));
	json_object_set_new(data, "moreel_beraad", mb ? mb : json_array());
	if (heropenen_to_page(r, d, num(row, "huishouden_id"), data) != DB_OK) {
		json_decref(data);
		return -1;
	}
	return reply_page(r, status, "voorziening", arena_printf(r->arena, "Voorziening: %s", title), data);
}

int h_voorziening_show(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	json_t *row;
	struct hh_access_info acc;
	if (load(r, d, req_param_id(r, 0), "voorziening.view", &row, &acc) != 0)
		return 0;
	return render_show(r, d, row, 200, NULL, NULL);
}

int h_voorziening_edit_form(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	json_t *row;
	struct hh_access_info acc;
	if (load(r, d, req_param_id(r, 0), "voorziening.view", &row, &acc) != 0)
		return 0;
	int rc = is_closed(row) ? reply_error(r, ERR_CONFLICT, closed_message)
	                        : render_form(r, d, num(row, "huishouden_id"), row, NULL, 200, NULL, NULL);
	json_decref(row);
	return rc;
}

int h_voorziening_update(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	json_t *row;
	struct hh_access_info acc;
	if (load(r, d, req_param_id(r, 0), NULL, &row, &acc) != 0)
		return 0;
	int64_t hh = num(row, "huishouden_id"), id = num(row, "id");
	struct field_value *v = arena_alloc(r->arena, V_COUNT * sizeof *v);
	form_validate(r->arena, r->form, rules, V_COUNT, v);
	int rc;
	struct voorziening_input in;
	json_t *now = NULL;
	if (v[V_VERSIE].error) {
		rc = reply_error(r, ERR_BAD_REQUEST, "Het formulier mist de versie. Laad de pagina opnieuw.");
	} else if (is_closed(row)) {
		rc = reply_error(r, ERR_CONFLICT, closed_message);
	} else if (check(r, d, hh, row, v, &in) > 0) {
		rc = render_form(r, d, hh, row, v, 422, NULL, NULL);
	} else {
		enum db_status s = store_edit(r, d, row, v[V_VERSIE].id, &in, &acc, &now);
		if (s == DB_NOT_FOUND) {
			v[V_VERSIE].text = arena_printf(r->arena, "%" PRId64, num(now, "versie"));
			rc = render_form(r, d, hh, now, v, 409, conflict_message(r, now), now);
		} else {
			rc = s == DB_OK ? reply_redirect(r, arena_printf(r->arena, "/voorzieningen/%" PRId64 "?opgeslagen=1", id))
			                : -1;
		}
	}
	json_decref(now);
	json_decref(row);
	return rc;
}

/* Validates and applies a status step on row.  Returns DB_OK, DB_NOT_FOUND
 * (stale: *now is the stored row, new reference), or DB_CONSTRAINT with
 * field errors in v (an invalid step). */
static enum db_status status_step(struct req *r, db *d, const json_t *row, struct field_value *v,
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

int h_voorziening_status(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	json_t *row;
	struct hh_access_info acc;
	if (load(r, d, req_param_id(r, 0), NULL, &row, &acc) != 0)
		return 0;
	struct field_value *v = arena_alloc(r->arena, S_COUNT * sizeof *v);
	form_validate(r->arena, r->form, voorziening_status_rules, S_COUNT, v);
	if (v[S_VERSIE].error) {
		json_decref(row);
		return reply_error(r, ERR_BAD_REQUEST, "Het formulier mist de versie. Laad de pagina opnieuw.");
	}
	json_t *now = NULL;
	int64_t id = num(row, "id");
	enum db_status s = status_step(r, d, row, v, &acc, &now);
	if (s == DB_CONSTRAINT)
		return render_show(r, d, row, 422, v, NULL);
	json_decref(row);
	if (s == DB_NOT_FOUND)
		return render_show(r, d, now, 409, v, conflict_message(r, now));
	if (s != DB_OK)
		return -1;
	return reply_redirect(r, arena_printf(r->arena, "/voorzieningen/%" PRId64 "?status=1", id));
}

/* ---- API ------------------------------------------------------------------------- */

/* The API's representation of a stored row (stolen): our own field names,
 * and for maatwerk the toewijzing under its iWmo/iJw names. */
static json_t *api_json(json_t *row)
{
	char at[21];
	fmt_iso8601(num(row, "aangemaakt_op"), at);
	json_object_set_new(row, "aangemaakt_op", json_string(at));
	if (json_object_get(row, "gewijzigd_op")) {
		fmt_iso8601(num(row, "gewijzigd_op"), at);
		json_object_set_new(row, "gewijzigd_op", json_string(at));
	}
	if (strcmp(str(row, "soort"), "maatwerk") != 0)
		return row;
	json_object_set_new(row, "ToewijzingNummer", json_string(str(row, "toewijzingnummer")));
	json_object_set_new(row, "Product", json_pack("{s:s, s:s}", "Categorie", str(row, "product_categorie"),
	                                              "Code", str(row, "product_code")));
	json_object_set_new(row, "Ingangsdatum", json_string(str(row, "ingangsdatum")));
	json_object_set_new(row, "Einddatum", json_string(str(row, "einddatum")));
	json_object_set_new(row, "Omvang", json_pack("{s:I, s:s, s:s}", "Volume", (json_int_t)num(row, "volume"),
	                    "Eenheid", iwmo_code(unit_codes, unit_iwmo, str(row, "eenheid")),
	                    "Frequentie", iwmo_code(freq_codes, freq_iwmo, str(row, "frequentie"))));
	json_object_set_new(row, "Budget", json_integer(num(row, "kosten_centen")));
	return row;
}

static int reply_one(struct req *r, db *d, unsigned status, int64_t id)
{
	json_t *row;
	if (db_voorziening_get(d, id, &row) != DB_OK)
		return -1;
	return reply_json(r, status, api_json(row));
}

int h_api_voorziening_list(struct req *r)
{
	int64_t hh = req_param_id(r, 0);
	struct hh_access_info acc;
	if (require_household(r, hh, "voorziening.list", "huishouden", hh, &acc) != 0)
		return 0;
	db *d = db_get();
	if (!d)
		return -1;
	json_t *list = db_voorziening_list(d, hh);
	size_t i;
	json_t *row;
	json_array_foreach(list, i, row)
		api_json(row);
	return reply_json(r, 200, json_pack("{s:o}", "voorzieningen", list));
}

int h_api_voorziening_create(struct req *r)
{
	int64_t hh = req_param_id(r, 0);
	struct hh_access_info acc;
	if (require_household(r, hh, NULL, NULL, 0, &acc) != 0)
		return 0;
	db *d = db_get();
	if (!d)
		return -1;
	struct field_value v[V_COUNT] = {0};
	form_validate_json(r->arena, r->json, rules, V_NEW_COUNT, v);
	struct voorziening_input in;
	if (check(r, d, hh, NULL, v, &in) > 0)
		return reply_json_validation(r, form_errors_json(rules, V_NEW_COUNT, v));
	int64_t id = 0;
	if (store_new(r, d, hh, &in, &acc, &id) != DB_OK || reply_one(r, d, 201, id) != 0)
		return -1;
	reply_header(r, "Location", arena_printf(r->arena, "/api/v1/voorzieningen/%" PRId64, id));
	return 0;
}

int h_api_voorziening_get(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	json_t *row;
	struct hh_access_info acc;
	if (load(r, d, req_param_id(r, 0), "voorziening.view", &row, &acc) != 0)
		return 0;
	return reply_json(r, 200, api_json(row));
}

int h_api_voorziening_update(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	json_t *row;
	struct hh_access_info acc;
	if (load(r, d, req_param_id(r, 0), NULL, &row, &acc) != 0)
		return 0;
	int64_t hh = num(row, "huishouden_id"), id = num(row, "id");
	struct field_value v[V_COUNT] = {0};
	form_validate_json(r->arena, r->json, rules, V_COUNT, v);
	struct voorziening_input in;
	json_t *now = NULL;
	int rc;
	if (is_closed(row)) {
		rc = care_reply_conflict(r, closed_message, api_json(json_incref(row)));
	} else if (check(r, d, hh, row, v, &in) > 0 || v[V_VERSIE].error) {
		rc = reply_json_validation(r, form_errors_json(rules, V_COUNT, v));
	} else {
		enum db_status s = store_edit(r, d, row, v[V_VERSIE].id, &in, &acc, &now);
		if (s == DB_NOT_FOUND) {
			const char *msg = conflict_message(r, now);
			rc = care_reply_conflict(r, msg, api_json(now));
			now = NULL;
		} else {
			rc = s == DB_OK ? reply_one(r, d, 200, id) : -1;
		}
	}
	json_decref(row);
	return rc;
}

int h_api_voorziening_status(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	json_t *row;
	struct hh_access_info acc;
	if (load(r, d, req_param_id(r, 0), NULL, &row, &acc) != 0)
		return 0;
	int64_t id = num(row, "id");
	struct field_value v[S_COUNT] = {0};
	form_validate_json(r->arena, r->json, voorziening_status_rules, S_COUNT, v);
	json_t *now = NULL;
	enum db_status s = v[S_VERSIE].error ? DB_CONSTRAINT : status_step(r, d, row, v, &acc, &now);
	json_decref(row);
	if (s == DB_CONSTRAINT)
		return reply_json_validation(r, form_errors_json(voorziening_status_rules, S_COUNT, v));
	if (s == DB_NOT_FOUND) {
		const char *msg = conflict_message(r, now);
		return care_reply_conflict(r, msg, api_json(now));
	}
	return s == DB_OK ? reply_one(r, d, 200, id) : -1;
}
