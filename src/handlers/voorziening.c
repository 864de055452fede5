/* voorziening.c - the browser pages of a household's voorzieningen:
 * algemeen (from the sociale kaart) or maatwerk with a beschikking; new,
 * show, edit (versioned) and the status steps (toekennen, afwijzen,
 * starten, beeindigen).  The JSON API is in voorziening_api.c; what both
 * share (the field table, checks, storing, the status steps) in
 * src/voorziening_shared.c. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "bericht_pagina.h"
#include "care.h"
#include "db_referentie.h"
#include "db_evaluatie.h"
#include "db_voorziening.h"
#include "domain.h"
#include "form.h"
#include "db_document.h"
#include "document_shared.h"
#include "handlers.h"
#include "overview.h"
#include "voorziening_shared.h"
#include "voorziening_stap.h"

/* ---- the form ------------------------------------------------------------------ */

/* The form's values from a stored row (for the edit form and for
 * comparing after a conflict).  Strings from r's arena. */
static void values_from_row(struct req *r, const json_t *row, struct field_value v[V_COUNT])
{
	form_validate(r->arena, NULL, voorziening_rules, V_COUNT, v);
	for (int i = 0; i < V_COUNT; i++)
		v[i].error = NULL;
	const struct { int i; const char *key; } ids[] = {
		{V_PERSOON, "persoon_id"}, {V_NETWERKLID, "netwerklid_id"}, {V_SOCIALE_KAART, "sociale_kaart_id"},
		{V_AANBIEDER, "aanbieder_id"},
	};
	for (size_t k = 0; k < ARRAY_LEN(ids); k++) {
		int64_t id = num(row, ids[k].key);
		v[ids[k].i].id = id;
		v[ids[k].i].text = id ? arena_printf(r->arena, "%" PRId64, id) : "";
	}
	/* The goals as the form keeps them: "12,15" (voorziening_shared.h). */
	json_t *gl = json_object_get(row, "doel_ids");
	int64_t *gids = arena_alloc(r->arena, (json_array_size(gl) + 1) * sizeof *gids);
	size_t ng = json_array_size(gl);
	for (size_t k = 0; k < ng; k++) { /* a handful: insertion sort */
		gids[k] = json_integer_value(json_array_get(gl, k));
		for (size_t j = k; j > 0 && gids[j - 1] > gids[j]; j--) {
			int64_t t = gids[j];
			gids[j] = gids[j - 1];
			gids[j - 1] = t;
		}
	}
	strbuf goals = {0};
	for (size_t k = 0; k < ng; k++)
		sb_printf(&goals, "%s%" PRId64, goals.len ? "," : "", gids[k]);
	v[V_DOEL].text = arena_strdup(r->arena, sb_str(&goals));
	sb_free(&goals);
	v[V_SOORT].text = str(row, "soort");
	v[V_SOORT].bits = (unsigned)vocab_index(&voorziening_kind, v[V_SOORT].text);
	const struct { int i; const char *key; } texts[] = {
		{V_BESLUITDATUM, "besluitdatum"}, {V_GRONDSLAG, "wettelijke_grondslag"}, {V_EENHEID, "eenheid"},
		{V_FREQUENTIE, "frequentie"}, {V_INGANG, "ingangsdatum"}, {V_EINDE, "einddatum"},
		{V_VERWIJZER, "verwijzer"},
	};
	for (size_t k = 0; k < ARRAY_LEN(texts); k++)
		v[texts[k].i].text = str(row, texts[k].key) ? str(row, texts[k].key) : "";
	v[V_GRONDSLAG].bits = (unsigned)vocab_index(&vocab_legal_basis, v[V_GRONDSLAG].text);
	v[V_EENHEID].bits = (unsigned)vocab_index(&voorziening_unit, v[V_EENHEID].text);
	v[V_FREQUENTIE].bits = (unsigned)vocab_index(&voorziening_freq, v[V_FREQUENTIE].text);
	v[V_VERWIJZER].bits = (unsigned)vocab_index(&voorziening_verwijzer, v[V_VERWIJZER].text);
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

/* The names of the goals row serves, "; "-separated, or "(geen doel)". */
static const char *goal_names(struct req *r, const json_t *row)
{
	const char *out = NULL;
	size_t i;
	json_t *g;
	json_array_foreach(json_object_get(row, "doelen"), i, g)
		out = out ? arena_printf(r->arena, "%s; %s", out, str(g, "naam")) : str(g, "naam");
	return out ? out : "(geen doel)";
}

/* True when id is in the comma-separated ids of text. */
static bool id_in_text(const char *text, int64_t id)
{
	for (const char *p = text; p && *p;) {
		if (strtoll(p, NULL, 10) == id)
			return true;
		p += strcspn(p, ",");
		if (*p == ',')
			p++;
	}
	return false;
}

/* The label a stored value has on the form, for "intussen opgeslagen". */
static const char *stored_label(struct req *r, const json_t *row, int i, const char *text)
{
	switch (i) {
	case V_PERSOON: return str(row, "persoon") ? str(row, "persoon") : "(niemand)";
	case V_DOEL: return goal_names(r, row);
	case V_NETWERKLID: return str(row, "netwerklid") ? str(row, "netwerklid") : "(niemand)";
	case V_SOCIALE_KAART: return str(row, "sociale_kaart") ? str(row, "sociale_kaart") : "(geen)";
	case V_AANBIEDER: return str(row, "aanbieder") ? str(row, "aanbieder") : "(geen)";
	case V_PRODUCT: return str(row, "product") ? arena_printf(r->arena, "%s (%s)", str(row, "product"), text) : "(geen)";
	case V_GRONDSLAG: return vocab_label(&vocab_legal_basis, text);
	case V_EENHEID: return vocab_label(&voorziening_unit, text);
	case V_FREQUENTIE: return vocab_label(&voorziening_freq, text);
	case V_VERWIJZER: return vocab_label(&voorziening_verwijzer, text);
	case V_BESLUITDATUM: case V_INGANG: case V_EINDE: return voorziening_date_nl(r->arena, text);
	case V_KOSTEN: return voorziening_fmt_euro(r->arena, num(row, "kosten_centen"));
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
			form_validate(r->arena, NULL, voorziening_rules, V_COUNT, own);
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
	form_to_page(data, voorziening_rules, row ? V_COUNT : V_NEW_COUNT, v);
	set_field(data, "soort", "options", care_options(&voorziening_kind, v[V_SOORT].text));
	set_field(data, "wettelijke_grondslag", "options", care_options(&vocab_legal_basis, v[V_GRONDSLAG].text));
	set_field(data, "eenheid", "options", care_options(&voorziening_unit, v[V_EENHEID].text));
	set_field(data, "frequentie", "options", care_options(&voorziening_freq, v[V_FREQUENTIE].text));
	set_field(data, "verwijzer", "options",
	          care_options(&voorziening_verwijzer, v[V_VERWIJZER].text[0] ? v[V_VERWIJZER].text : "gemeente"));
	json_t *people = db_voorziening_people(d, hh), *goals = db_voorziening_goals(d, hh);
	json_t *netwerk = db_voorziening_netwerk(d, hh, row ? num(row, "netwerklid_id") : 0);
	json_t *kaart = db_sociale_kaart_list(d, true), *aanbieders = db_aanbieder_list(d, true);
	json_t *products = db_product_list(d, true);
	size_t i;
	json_t *p;
	set_field(data, "persoon", "options", id_options(people, "naam", v[V_PERSOON].text));
	/* The goals as checkboxes doel_<id>; a goal the voorziening already
	 * serves stays listed when it has lapsed since. */
	if (row) {
		json_array_foreach(json_object_get(row, "doelen"), i, p) {
			bool listed = false;
			size_t k;
			json_t *g;
			json_array_foreach(goals, k, g)
				listed = listed || num(g, "id") == num(p, "id");
			if (!listed)
				json_array_append_new(goals, json_pack("{s:I, s:s, s:s}", "id", (json_int_t)num(p, "id"), "naam",
				                                       str(p, "naam"), "domein", str(p, "domein")));
		}
	}
	json_t *gopts = json_array();
	json_array_foreach(goals, i, p)
		json_array_append_new(gopts, json_pack("{s:I, s:s, s:s, s:b}", "value", (json_int_t)num(p, "id"), "domein",
		                                       vocab_label(&vocab_zrm_domain, str(p, "domein")), "label", str(p, "naam"),
		                                       "checked", id_in_text(v[V_DOEL].text, num(p, "id"))));
	set_field(data, "doel", "options", gopts);
	json_t *nopts = json_array();
	json_array_foreach(netwerk, i, p) {
		char id[24];
		snprintf(id, sizeof id, "%" PRId64, num(p, "id"));
		json_array_append_new(nopts, json_pack("{s:s, s:s, s:b}", "value", id, "label",
		        voorziening_netwerk_label(r->arena, str(p, "naam"), str(p, "relatie")),
		        "selected", strcmp(v[V_NETWERKLID].text, id) == 0));
	}
	set_field(data, "netwerklid", "options", nopts);
	json_object_set_new(data, "has_netwerk", json_boolean(json_array_size(netwerk) > 0));
	json_decref(netwerk);
	set_field(data, "sociale_kaart", "options", id_options(kaart, "naam", v[V_SOCIALE_KAART].text));
	set_field(data, "aanbieder", "options", id_options(aanbieders, "naam", v[V_AANBIEDER].text));
	json_t *popts = json_array();
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
				set_field(data, voorziening_rules[k].name, "stored", json_string(stored_label(r, stored, k, now[k].text)));
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
		json_object_set_new(data, "soort_label", json_string(vocab_label(&voorziening_kind, str(row, "soort"))));
		if (str(row, "toewijzingnummer"))
			json_object_set_new(data, "toewijzingnummer", json_string(str(row, "toewijzingnummer")));
	}
	return reply_page(r, status, "voorziening-formulier", row ? "Voorziening wijzigen" : "Voorziening toevoegen",
	                  data);
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
	form_validate(r->arena, r->form, voorziening_rules, V_NEW_COUNT, v);
	voorziening_goals_from_form(r, v);
	struct voorziening_input in;
	if (voorziening_check(r, d, hh, NULL, v, &in) > 0)
		return render_form(r, d, hh, NULL, v, 422, NULL, NULL);
	int64_t id = 0;
	if (voorziening_store_new(r, d, hh, &in, &acc, &id) != DB_OK)
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
	voorziening_decorate(r, row);
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
	if (bericht_voorziening_to_page(r->arena, d, row, data) != DB_OK) {
		json_decref(data);
		json_decref(row);
		return -1;
	}
	/* Its documents: the beschikkingen and the files linked to it (issue 15). */
	json_t *docs = db_document_list(d, num(row, "huishouden_id"), num(row, "id"));
	if (!docs) {
		json_decref(data);
		json_decref(row);
		return -1;
	}
	document_decorate(r, docs);
	json_object_set_new(data, "has_documenten", json_boolean(json_array_size(docs) > 0));
	json_object_set_new(data, "documenten", docs);
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
	if (voorziening_load(r, d, req_param_id(r, 0), "voorziening.view", &row, &acc) != 0)
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
	if (voorziening_load(r, d, req_param_id(r, 0), "voorziening.view", &row, &acc) != 0)
		return 0;
	int rc = voorziening_is_closed(row) ? reply_error(r, ERR_CONFLICT, voorziening_closed_message)
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
	if (voorziening_load(r, d, req_param_id(r, 0), NULL, &row, &acc) != 0)
		return 0;
	int64_t hh = num(row, "huishouden_id"), id = num(row, "id");
	struct field_value *v = arena_alloc(r->arena, V_COUNT * sizeof *v);
	form_validate(r->arena, r->form, voorziening_rules, V_COUNT, v);
	voorziening_goals_from_form(r, v);
	int rc;
	struct voorziening_input in;
	json_t *now = NULL;
	if (v[V_VERSIE].error) {
		rc = reply_error(r, ERR_BAD_REQUEST, "Het formulier mist de versie. Laad de pagina opnieuw.");
	} else if (voorziening_is_closed(row)) {
		rc = reply_error(r, ERR_CONFLICT, voorziening_closed_message);
	} else if (voorziening_check(r, d, hh, row, v, &in) > 0) {
		rc = render_form(r, d, hh, row, v, 422, NULL, NULL);
	} else {
		enum db_status s = voorziening_store_edit(r, d, row, v[V_VERSIE].id, &in, &acc, &now);
		if (s == DB_NOT_FOUND) {
			v[V_VERSIE].text = arena_printf(r->arena, "%" PRId64, num(now, "versie"));
			rc = render_form(r, d, hh, now, v, 409, voorziening_conflict_message(r, now), now);
		} else {
			rc = s == DB_OK ? reply_redirect(r, arena_printf(r->arena, "/voorzieningen/%" PRId64 "?opgeslagen=1", id))
			                : -1;
		}
	}
	json_decref(now);
	json_decref(row);
	return rc;
}

int h_voorziening_status(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	json_t *row;
	struct hh_access_info acc;
	if (voorziening_load(r, d, req_param_id(r, 0), NULL, &row, &acc) != 0)
		return 0;
	struct field_value *v = arena_alloc(r->arena, S_COUNT * sizeof *v);
	form_validate(r->arena, r->form, voorziening_status_rules, S_COUNT, v);
	if (v[S_VERSIE].error) {
		json_decref(row);
		return reply_error(r, ERR_BAD_REQUEST, "Het formulier mist de versie. Laad de pagina opnieuw.");
	}
	json_t *now = NULL;
	int64_t id = num(row, "id");
	enum db_status s = voorziening_status_step(r, d, row, v, &acc, &now);
	if (s == DB_CONSTRAINT)
		return render_show(r, d, row, 422, v, NULL);
	json_decref(row);
	if (s == DB_NOT_FOUND)
		return render_show(r, d, now, 409, v, voorziening_conflict_message(r, now));
	if (s != DB_OK)
		return -1;
	return reply_redirect(r, arena_printf(r->arena, "/voorzieningen/%" PRId64 "?status=1", id));
}
