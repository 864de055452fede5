/* document_pagina.c - the page of a letter being prepared and its POST
 * (see include/document_pagina.h). */
#include "document_pagina.h"

#include <inttypes.h>
#include <string.h>

#include "db_document.h"
#include "document_shared.h"
#include "form.h"

enum { L_MOTIVATIE, L_AFSLUITING, L_ACTIE, L_VERSIE, L_COUNT };
static const char *const actie_codes[] = {"opslaan", "vaststellen", NULL};
static const struct field_rule letter_rules[L_COUNT] = {
	[L_MOTIVATIE] = {.name = "motivatie", .label = "Motivering", .kind = FIELD_TEXT, .max_len = 5000},
	[L_AFSLUITING] = {.name = "afsluiting", .label = "Persoonlijke afsluiting", .kind = FIELD_TEXT, .max_len = 2000},
	[L_ACTIE] = {.name = "actie", .label = "Wat wilt u doen", .kind = FIELD_CHOICE, .required = true, .choices = actie_codes},
	[L_VERSIE] = {.name = "versie", .label = "Versie", .kind = FIELD_INT, .min = 0, .max = INT64_MAX},
};

static const char MSG_MOTIVATIE[] = "Vul de motivering in: eerst wat de voorziening voor de inwoner moet bereiken "
                                    "(het beoogde effect), dan waarom de inwoner en de mensen om hem heen dit niet "
                                    "zelf kunnen dragen.";
static const char MSG_CONFLICT[] = "Iemand anders heeft de tekst van deze brief intussen opgeslagen. Uw tekst staat "
                                   "hieronder nog; kijk hem na en sla opnieuw op.";

static bool is_beschikking(const struct brief *b)
{
	return strcmp(b->l.kind, "beschikking") == 0;
}

/* The concept (free text and version) if there is one. */
static json_t *concept_of(db *d, const struct brief *b, enum db_status *s)
{
	json_t *c = NULL;
	*s = db_document_concept(d, b->l.hh, b->l.kind, b->l.vid, &c);
	if (*s == DB_NOT_FOUND) {
		*s = DB_OK;
		return NULL;
	}
	return c;
}

/* The versions of this letter vastgesteld so far. */
static json_t *versions_of(struct req *r, db *d, const struct brief *b)
{
	json_t *all = db_document_list(d, b->l.hh, b->l.vid);
	if (!all)
		return NULL;
	json_t *out = json_array();
	size_t i;
	json_t *row;
	json_array_foreach(all, i, row)
		if (strcmp(json_string_value(json_object_get(row, "soort")), b->l.kind) == 0 &&
		    (b->l.vid || !json_object_get(row, "voorziening_id")))
			json_array_append(out, row);
	json_decref(all);
	document_decorate(r, out);
	return out;
}

/* Page data (or JSON) for b with the text shown (motivation, closing),
 * the concept's version, and the missing items. */
static json_t *page_data(struct req *r, db *d, struct brief *b, const char *motivation, const char *closing,
                         int64_t version)
{
	json_t *letter = json_deep_copy(b->l.data);
	json_object_set_new(letter, "motivatie", document_lines(motivation));
	json_object_set_new(letter, "afsluiting", document_lines(closing));
	json_t *blocks = document_blocks(r, b->l.template_name, letter);
	json_decref(letter);
	json_t *versions = versions_of(r, d, b);
	if (!blocks || !versions) {
		json_decref(blocks);
		json_decref(versions);
		return NULL;
	}
	json_t *data = json_object();
	json_object_set_new(data, "soort", json_string(b->l.kind));
	json_object_set_new(data, "soort_label", json_string(document_kind_label(b->l.kind)));
	json_object_set_new(data, "titel", json_string(b->l.title));
	json_object_set_new(data, "ontvanger", json_string(b->l.recipient));
	json_object_set_new(data, "blokken", blocks);
	json_object_set_new(data, "ontbreekt", json_deep_copy(b->missing));
	json_object_set_new(data, "klaar", json_boolean(json_array_size(b->missing) == 0));
	json_object_set_new(data, "heeft_versies", json_boolean(json_array_size(versions) > 0));
	json_object_set_new(data, "versies", versions);
	json_object_set_new(data, "beschikking", json_boolean(is_beschikking(b)));
	json_object_set_new(data, "huishouden_id", json_integer(b->l.hh));
	if (b->l.vid)
		json_object_set_new(data, "voorziening_id", json_integer(b->l.vid));
	json_object_set_new(data, "motivatie", json_string(motivation ? motivation : ""));
	json_object_set_new(data, "afsluiting", json_string(closing ? closing : ""));
	json_object_set_new(data, "versie", json_integer(version));
	return data;
}

static int render(struct req *r, db *d, struct brief *b, const struct document_place *at, struct field_value *v,
                  unsigned status, const char *alert, bool settle_errors)
{
	json_t *data = page_data(r, d, b, v[L_MOTIVATIE].text, v[L_AFSLUITING].text, v[L_VERSIE].id);
	if (!data)
		return -1;
	if (r->is_api) {
		json_object_del(data, "beschikking");
		return reply_json(r, status, data);
	}
	form_to_page(data, letter_rules, L_COUNT, v);
	if (settle_errors) {
		size_t i;
		json_t *m;
		json_array_foreach(b->missing, i, m)
			form_add_error(data, json_string_value(json_object_get(m, "field")),
			               json_string_value(json_object_get(m, "label")),
			               json_string_value(json_object_get(m, "message")));
	}
	if (alert)
		json_object_set_new(data, "alert", json_string(alert));
	if (req_query(r, "vastgesteld"))
		json_object_set_new(data, "vastgesteld", json_true());
	json_object_set_new(data, "action", json_string(at->path));
	json_object_set_new(data, "back_href", json_string(at->back_href));
	json_object_set_new(data, "back_label", json_string(at->back_label));
	return reply_page(r, status, "document-voorbeeld", b->l.title, data);
}

int document_letter_page(struct req *r, db *d, struct brief *b, const struct document_place *at)
{
	enum db_status s;
	json_t *c = concept_of(d, b, &s);
	if (s != DB_OK)
		return -1;
	struct field_value v[L_COUNT];
	form_validate(r->arena, NULL, letter_rules, L_COUNT, v);
	for (int i = 0; i < L_COUNT; i++)
		v[i].error = NULL;
	if (c) {
		const char *m = json_string_value(json_object_get(c, "motivatie"));
		const char *a = json_string_value(json_object_get(c, "afsluiting"));
		v[L_MOTIVATIE].text = arena_strdup(r->arena, m ? m : "");
		v[L_AFSLUITING].text = arena_strdup(r->arena, a ? a : "");
		v[L_VERSIE].id = json_integer_value(json_object_get(c, "versie"));
		json_decref(c);
	} else {
		/* A next version starts from the text of the last one (as long as
		 * the voorziening did not change since), else from the proposal. */
		const char *m = NULL, *a = NULL;
		s = db_document_last_text(d, r->arena, b->l.hh, b->l.kind, b->l.vid, &m, &a);
		if (s != DB_OK && s != DB_NOT_FOUND)
			return -1;
		v[L_MOTIVATIE].text = s == DB_OK && m ? m : b->default_motivation ? b->default_motivation : "";
		v[L_AFSLUITING].text = s == DB_OK && a ? a : "";
	}
	v[L_VERSIE].text = arena_printf(r->arena, "%" PRId64, v[L_VERSIE].id);
	return render(r, d, b, at, v, 200, NULL, false);
}

int document_letter_post(struct req *r, db *d, struct brief *b, const struct document_place *at)
{
	struct field_value v[L_COUNT];
	int errors = r->is_api ? form_validate_json(r->arena, r->json, letter_rules, L_COUNT, v)
	                       : form_validate(r->arena, r->form, letter_rules, L_COUNT, v);
	if (!is_beschikking(b)) {
		/* Only a beschikking has a motivation: whatever came is ignored. */
		if (v[L_MOTIVATIE].error)
			errors--;
		v[L_MOTIVATIE].error = NULL;
		v[L_MOTIVATIE].text = "";
	}
	bool settle = !v[L_ACTIE].error && strcmp(v[L_ACTIE].text, "vaststellen") == 0;
	if (settle && is_beschikking(b) && !v[L_MOTIVATIE].error && v[L_MOTIVATIE].text[0] == '\0') {
		v[L_MOTIVATIE].error = MSG_MOTIVATIE;
		errors++;
	}
	if (errors || (settle && json_array_size(b->missing) > 0)) {
		if (r->is_api) {
			json_t *fields = form_errors_json(letter_rules, L_COUNT, v);
			if (settle) {
				size_t i;
				json_t *m;
				json_array_foreach(b->missing, i, m)
					json_object_set(fields, json_string_value(json_object_get(m, "field")),
					                json_object_get(m, "message"));
			}
			return reply_json_validation(r, fields);
		}
		return render(r, d, b, at, v, 422, NULL, settle);
	}
	enum db_status s;
	json_t *c = concept_of(d, b, &s);
	if (s != DB_OK)
		return -1;
	int64_t concept_id = c ? json_integer_value(json_object_get(c, "id")) : 0;
	int64_t stored = c ? json_integer_value(json_object_get(c, "versie")) : 0;
	json_decref(c);
	if (stored != v[L_VERSIE].id) {
		/* Someone saved (or vaststelde) in between: show the input again
		 * against the version there is now. */
		v[L_VERSIE].id = stored;
		v[L_VERSIE].text = arena_printf(r->arena, "%" PRId64, stored);
		if (r->is_api)
			return reply_error(r, ERR_CONFLICT, MSG_CONFLICT);
		return render(r, d, b, at, v, 409, MSG_CONFLICT, false);
	}
	if (!settle) {
		s = document_save_concept(r, d, &b->l, concept_id, stored, v[L_MOTIVATIE].text, v[L_AFSLUITING].text);
		if (s == DB_NOT_FOUND || s == DB_CONSTRAINT)
			return r->is_api ? reply_error(r, ERR_CONFLICT, MSG_CONFLICT)
			                 : render(r, d, b, at, v, 409, MSG_CONFLICT, false);
		if (s != DB_OK)
			return -1;
		if (r->is_api) {
			enum db_status s2;
			json_t *now = concept_of(d, b, &s2);
			v[L_VERSIE].id = now ? json_integer_value(json_object_get(now, "versie")) : 0;
			json_decref(now);
			return render(r, d, b, at, v, 200, NULL, false);
		}
		return reply_redirect(r, at->path);
	}
	int64_t doc = 0;
	s = document_settle(r, d, &b->l, concept_id, stored, v[L_MOTIVATIE].text, v[L_AFSLUITING].text, &doc);
	if (s == DB_NOT_FOUND || s == DB_CONSTRAINT)
		return r->is_api ? reply_error(r, ERR_CONFLICT, MSG_CONFLICT)
		                 : render(r, d, b, at, v, 409, MSG_CONFLICT, false);
	if (s != DB_OK)
		return -1;
	if (r->is_api) {
		json_t *row = NULL;
		if (db_document_get(d, doc, &row) != DB_OK)
			return -1;
		json_t *one = json_pack("[o]", row);
		document_decorate(r, one);
		json_t *out = json_incref(json_array_get(one, 0));
		json_decref(one);
		json_object_del(out, "soort_label");
		json_object_del(out, "datum_nl");
		json_object_del(out, "grootte_nl");
		reply_json(r, 201, out);
		reply_header(r, "Location", arena_printf(r->arena, "/api/v1/documenten/%" PRId64 "/bestand", doc));
		return 0;
	}
	return reply_redirect(r, arena_printf(r->arena, "%s?vastgesteld=1#versies", at->path));
}
