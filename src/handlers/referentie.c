/* referentie.c - the beheerder maintains the reference lists behind
 * voorzieningen: aanbieders, the sociale kaart and products (list, new,
 * edit with an active flag), and case workers read them through the API.
 * Reference data is not personal data, but every view and change is
 * audited like any other. */
#include <inttypes.h>
#include <string.h>

#include "audit.h"
#include "bericht_tekst.h"
#include "db_contract.h"
#include "db_huishouden.h"
#include "db_referentie.h"
#include "domain.h"
#include "form.h"
#include "handlers.h"


/* ---- the three lists, described once ------------------------------------------ */

enum { A_NAAM, A_SOORT, A_AGB, A_GEBIED, A_CONTACT, A_ACTIEF, A_IWMO, A_IJW, A_BV, A_VERSIE, A_COUNT };
static const struct field_rule aanbieder_rules[A_COUNT] = {
	[A_NAAM] = {.name = "naam", .label = "Naam", .kind = FIELD_LINE, .required = true, .max_len = 200},
	[A_SOORT] = {.name = "soort", .label = "Soort aanbieder", .kind = FIELD_LINE, .required = true, .max_len = 100},
	[A_AGB] = {.name = "agb_code", .label = "AGB-code", .kind = FIELD_LINE, .max_len = 8},
	[A_GEBIED] = {.name = "gebied", .label = "Gebied", .kind = FIELD_ID},
	[A_CONTACT] = {.name = "contact", .label = "Contactgegevens", .kind = FIELD_TEXT, .max_len = 500},
	[A_ACTIEF] = {.name = "actief", .label = "Actief", .kind = FIELD_CHECKBOX},
	/* Issue 14: the standards it receives; the form carries berichten=1 so
	 * that a form without these boxes (an older client) leaves them be. */
	[A_IWMO] = {.name = "ontvangt_iwmo", .label = "Ontvangt iWmo-berichten", .kind = FIELD_CHECKBOX},
	[A_IJW] = {.name = "ontvangt_ijw", .label = "Ontvangt iJw-berichten", .kind = FIELD_CHECKBOX},
	[A_BV] = {.name = "berichten", .label = "Berichtenverkeer", .kind = FIELD_CHECKBOX},
	[A_VERSIE] = {.name = "versie", .label = "Versie",
	              .kind = FIELD_INT, .required = true, .min = 1, .max = INT64_MAX},
};

enum { K_NAAM, K_SOORT, K_GEBIED, K_CONTACT, K_OMSCHRIJVING, K_ACTIEF, K_VERSIE, K_COUNT };
static const struct field_rule kaart_rules[K_COUNT] = {
	[K_NAAM] = {.name = "naam", .label = "Naam", .kind = FIELD_LINE, .required = true, .max_len = 200},
	[K_SOORT] = {.name = "soort", .label = "Soort", .kind = FIELD_LINE, .required = true, .max_len = 100},
	[K_GEBIED] = {.name = "gebied", .label = "Gebied", .kind = FIELD_ID},
	[K_CONTACT] = {.name = "contact", .label = "Contactgegevens", .kind = FIELD_TEXT, .max_len = 500},
	[K_OMSCHRIJVING] = {.name = "omschrijving", .label = "Omschrijving", .kind = FIELD_TEXT, .max_len = 2000},
	[K_ACTIEF] = {.name = "actief", .label = "Actief", .kind = FIELD_CHECKBOX},
	[K_VERSIE] = {.name = "versie", .label = "Versie",
	              .kind = FIELD_INT, .required = true, .min = 1, .max = INT64_MAX},
};

enum { P_CATEGORIE, P_CODE, P_NAAM, P_GRONDSLAG, P_ACTIEF, P_EENHEID, P_FREQUENTIE, P_COUNT };
static const struct field_rule product_rules[P_COUNT] = {
	[P_CATEGORIE] = {.name = "categorie", .label = "Productcategorie",
	                 .kind = FIELD_LINE, .required = true, .max_len = 2},
	[P_CODE] = {.name = "code", .label = "Productcode", .kind = FIELD_LINE, .required = true, .max_len = 5},
	[P_NAAM] = {.name = "naam", .label = "Naam", .kind = FIELD_LINE, .required = true, .max_len = 200},
	[P_GRONDSLAG] = {.name = "wettelijke_grondslag", .label = "Wettelijke grondslag",
	                 .kind = FIELD_CHOICE, .required = true, .choices = vocab_legal_basis_codes},
	[P_ACTIEF] = {.name = "actief", .label = "Actief", .kind = FIELD_CHECKBOX},
	/* Issue 14: absent keeps what is stored (04 uur, 2 per week when new). */
	[P_EENHEID] = {.name = "eenheid", .label = "Eenheid", .kind = FIELD_CHOICE, .choices = bt_eenheid_codes},
	[P_FREQUENTIE] = {.name = "frequentie", .label = "Frequentie", .kind = FIELD_CHOICE,
	                  .choices = bt_frequentie_codes},
};

struct ref_kind {
	const char *type;          /* audit object type, "aanbieder" */
	const char *path;          /* "/beheer/aanbieders" */
	const char *list_template, *form_template;
	const char *list_title, *new_title, *edit_title;
	const char *missing;       /* 404 text */
	const char *taken;         /* the unique rule, at the field unique_field */
	int unique_field;
	const struct field_rule *rules;
	size_t count;              /* rules of an edit; a new one has no versie when versioned */
	bool versioned;
	json_t *(*list)(db *d, bool active_only);
	enum db_status (*get)(db *d, int64_t id, json_t **out);
	/* Inserts (id 0) or updates from validated values. */
	enum db_status (*save)(db *d, int64_t id, const struct field_value *v, int64_t *id_out);
	/* Checks beyond the table; sets errors in v. */
	void (*check)(db *d, struct field_value *v);
	/* Form values from a stored row. */
	void (*from_row)(struct req *r, const json_t *row, struct field_value *v);
};

static const char *str(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "";
}

static const char *id_text(struct req *r, const json_t *o, const char *key)
{
	json_int_t id = json_integer_value(json_object_get(o, key));
	return id ? arena_printf(r->arena, "%lld", (long long)id) : "";
}

static void check_gebied(db *d, struct field_value *v)
{
	if (!v->error && v->id && !db_gebied_exists(d, v->id))
		v->error = "Kies een bestaand gebied.";
}

static void aanbieder_check(db *d, struct field_value *v)
{
	const char *agb = v[A_AGB].text;
	if (!v[A_AGB].error && agb[0] && (strlen(agb) != 8 || strspn(agb, "0123456789") != 8))
		v[A_AGB].error = "Een AGB-code bestaat uit 8 cijfers, zoals 75750123.";
	check_gebied(d, &v[A_GEBIED]);
}

static enum db_status aanbieder_save(db *d, int64_t id, const struct field_value *v, int64_t *id_out)
{
	struct aanbieder_input in = {.name = v[A_NAAM].text, .kind = v[A_SOORT].text, .agb_code = v[A_AGB].text,
	                             .gebied_id = v[A_GEBIED].id, .contact = v[A_CONTACT].text,
	                             .active = v[A_ACTIEF].checked};
	*id_out = id;
	enum db_status s = id ? db_aanbieder_update(d, id, v[A_VERSIE].id, &in) : db_aanbieder_insert(d, &in, id_out);
	/* The standards only when the form showed them (berichten=1). */
	if (s == DB_OK && v[A_BV].checked)
		s = db_aanbieder_standaarden(d, *id_out, v[A_IWMO].checked, v[A_IJW].checked);
	return s;
}

static void aanbieder_from_row(struct req *r, const json_t *row, struct field_value *v)
{
	v[A_NAAM].text = str(row, "naam");
	v[A_SOORT].text = str(row, "soort");
	v[A_AGB].text = str(row, "agb_code");
	v[A_GEBIED].text = id_text(r, row, "gebied_id");
	v[A_GEBIED].id = json_integer_value(json_object_get(row, "gebied_id"));
	v[A_CONTACT].text = str(row, "contact");
	v[A_ACTIEF].checked = json_is_true(json_object_get(row, "actief"));
	v[A_IWMO].checked = json_integer_value(json_object_get(row, "ontvangt_iwmo")) == 1;
	v[A_IJW].checked = json_integer_value(json_object_get(row, "ontvangt_ijw")) == 1;
	v[A_BV].checked = true;
	v[A_VERSIE].text = id_text(r, row, "versie");
}

static void kaart_check(db *d, struct field_value *v)
{
	check_gebied(d, &v[K_GEBIED]);
}

static enum db_status kaart_save(db *d, int64_t id, const struct field_value *v, int64_t *id_out)
{
	struct sociale_kaart_input in = {.name = v[K_NAAM].text, .kind = v[K_SOORT].text, .gebied_id = v[K_GEBIED].id,
	                                 .contact = v[K_CONTACT].text, .description = v[K_OMSCHRIJVING].text,
	                                 .active = v[K_ACTIEF].checked};
	*id_out = id;
	return id ? db_sociale_kaart_update(d, id, v[K_VERSIE].id, &in) : db_sociale_kaart_insert(d, &in, id_out);
}

static void kaart_from_row(struct req *r, const json_t *row, struct field_value *v)
{
	v[K_NAAM].text = str(row, "naam");
	v[K_SOORT].text = str(row, "soort");
	v[K_GEBIED].text = id_text(r, row, "gebied_id");
	v[K_GEBIED].id = json_integer_value(json_object_get(row, "gebied_id"));
	v[K_CONTACT].text = str(row, "contact");
	v[K_OMSCHRIJVING].text = str(row, "omschrijving");
	v[K_ACTIEF].checked = json_is_true(json_object_get(row, "actief"));
	v[K_VERSIE].text = id_text(r, row, "versie");
}

static void product_check(db *d, struct field_value *v)
{
	const char *cat = v[P_CATEGORIE].text, *code = v[P_CODE].text;
	if (!v[P_CATEGORIE].error && (strlen(cat) != 2 || strspn(cat, "0123456789") != 2))
		v[P_CATEGORIE].error = "De productcategorie bestaat uit 2 cijfers, zoals 01 (hulp bij het huishouden).";
	if (!v[P_CODE].error && (strlen(code) != 5 || strspn(code, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ") != 5))
		v[P_CODE].error = "De productcode bestaat uit 5 cijfers of hoofdletters, zoals 01A01.";
}

static enum db_status product_save(db *d, int64_t id, const struct field_value *v, int64_t *id_out)
{
	struct product_input in = {.category = v[P_CATEGORIE].text, .code = v[P_CODE].text, .name = v[P_NAAM].text,
	                           .legal_basis = v[P_GRONDSLAG].text, .active = v[P_ACTIEF].checked};
	*id_out = id;
	enum db_status s = id ? db_product_update(d, id, &in) : db_product_insert(d, &in, id_out);
	if (s == DB_OK && (*v[P_EENHEID].text || *v[P_FREQUENTIE].text))
		s = db_product_omvang(d, *id_out, *v[P_EENHEID].text ? v[P_EENHEID].text : NULL,
		                      *v[P_FREQUENTIE].text ? v[P_FREQUENTIE].text : NULL);
	return s;
}

static void product_from_row(struct req *r, const json_t *row, struct field_value *v)
{
	v[P_CATEGORIE].text = str(row, "categorie");
	v[P_CODE].text = str(row, "code");
	v[P_NAAM].text = str(row, "naam");
	v[P_GRONDSLAG].text = str(row, "wettelijke_grondslag");
	for (int i = 0; vocab_legal_basis_codes[i]; i++)
		if (strcmp(vocab_legal_basis_codes[i], v[P_GRONDSLAG].text) == 0)
			v[P_GRONDSLAG].bits = (unsigned)i;
	v[P_ACTIEF].checked = json_is_true(json_object_get(row, "actief"));
	v[P_EENHEID].text = str(row, "eenheid");
	v[P_FREQUENTIE].text = str(row, "frequentie");
}

static const struct ref_kind kind_aanbieder = {
	.type = "aanbieder", .path = "/beheer/aanbieders",
	.list_template = "beheer-aanbieders", .form_template = "beheer-aanbieder-formulier",
	.list_title = "Aanbieders", .new_title = "Nieuwe aanbieder", .edit_title = "Aanbieder wijzigen",
	.missing = "Deze aanbieder bestaat niet.", .taken = "Er is al een aanbieder met deze naam.",
	.unique_field = A_NAAM, .rules = aanbieder_rules, .count = A_COUNT, .versioned = true,
	.list = db_aanbieder_list, .get = db_aanbieder_get, .save = aanbieder_save, .check = aanbieder_check,
	.from_row = aanbieder_from_row,
};

static const struct ref_kind kind_kaart = {
	.type = "sociale_kaart", .path = "/beheer/sociale-kaart",
	.list_template = "beheer-sociale-kaart", .form_template = "beheer-sociale-kaart-formulier",
	.list_title = "Sociale kaart", .new_title = "Nieuwe voorziening op de sociale kaart",
	.edit_title = "Sociale kaart: voorziening wijzigen", .missing = "Deze voorziening van de sociale kaart bestaat niet.",
	.taken = "Deze naam staat al op de sociale kaart voor dit gebied.",
	.unique_field = K_NAAM, .rules = kaart_rules, .count = K_COUNT, .versioned = true,
	.list = db_sociale_kaart_list, .get = db_sociale_kaart_get, .save = kaart_save, .check = kaart_check,
	.from_row = kaart_from_row,
};

static const struct ref_kind kind_product = {
	.type = "product", .path = "/beheer/producten",
	.list_template = "beheer-producten", .form_template = "beheer-product-formulier",
	.list_title = "Producten", .new_title = "Nieuw product", .edit_title = "Product wijzigen",
	.missing = "Dit product bestaat niet.", .taken = "Er is al een product met deze categorie en code.",
	.unique_field = P_CODE, .rules = product_rules, .count = P_COUNT, .versioned = false,
	.list = db_product_list, .get = db_product_get, .save = product_save, .check = product_check,
	.from_row = product_from_row,
};

/* ---- pages ------------------------------------------------------------------------ */

static int render_list(struct req *r, const struct ref_kind *k)
{
	db *d = db_get();
	if (!d)
		return -1;
	if (audit_view(r, arena_printf(r->arena, "%s.list", k->type), k->type, 0, 0, NULL) != 0)
		return -1;
	json_t *rows = k->list(d, false);
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row) {
		const char *basis = json_string_value(json_object_get(row, "wettelijke_grondslag"));
		if (basis)
			json_object_set_new(row, "grondslag_label", json_string(vocab_label(&vocab_legal_basis, basis)));
		const char *eenheid = json_string_value(json_object_get(row, "eenheid"));
		if (eenheid)
			json_object_set_new(row, "omvang_label", json_string(arena_printf(r->arena, "%s, %s",
			        bt_label(bt_eenheden, eenheid), bt_label(bt_frequenties,
			        json_string_value(json_object_get(row, "frequentie"))))));
		if (json_object_get(row, "ontvangt_iwmo")) {
			bool w = json_integer_value(json_object_get(row, "ontvangt_iwmo")) == 1;
			bool j = json_integer_value(json_object_get(row, "ontvangt_ijw")) == 1;
			json_object_set_new(row, "standaarden_label", json_string(w && j ? "iWmo en iJw" : w ? "iWmo" : j ? "iJw"
			                                                                                        : "Geen (per brief)"));
		}
	}
	json_t *data = json_object();
	json_object_set_new(data, "has_rows", json_boolean(json_array_size(rows) > 0));
	json_object_set_new(data, "rows", rows);
	if (req_query(r, "opgeslagen"))
		json_object_set_new(data, "notice", json_string("De wijziging is opgeslagen."));
	return reply_page(r, 200, k->list_template, k->list_title, data);
}

/* The new (id 0) or edit form with values v (NULL: empty, active). */
static int render_form(struct req *r, const struct ref_kind *k, int64_t id, struct field_value *v,
                       unsigned status, const char *alert)
{
	db *d = db_get();
	if (!d)
		return -1;
	size_t n = id || !k->versioned ? k->count : k->count - 1;
	struct field_value *own = NULL;
	if (!v) {
		own = arena_alloc(r->arena, k->count * sizeof *own);
		form_validate(r->arena, NULL, k->rules, k->count, own);
		for (size_t i = 0; i < k->count; i++) {
			own[i].error = NULL;
			if (k->rules[i].kind == FIELD_CHECKBOX)
				own[i].checked = true;
		}
		v = own;
	}
	json_t *data = json_object();
	form_to_page(data, k->rules, n, v);
	json_t *fields = json_object_get(data, "field");
	json_t *gebied = json_object_get(fields, "gebied");
	if (gebied) {
		int64_t chosen = v[k == &kind_aanbieder ? A_GEBIED : K_GEBIED].id;
		json_t *list = db_gebied_list(d);
		size_t i;
		json_t *g;
		json_array_foreach(list, i, g)
			json_object_set_new(g, "selected", json_boolean(json_integer_value(json_object_get(g, "id")) == chosen));
		json_object_set_new(gebied, "options", list);
	}
	json_t *basis = json_object_get(fields, "wettelijke_grondslag");
	if (basis) {
		json_t *list = json_array();
		for (int b = 0; vocab_legal_basis_codes[b]; b++)
			json_array_append_new(list, json_pack("{s:s, s:s, s:b}", "code", vocab_legal_basis_codes[b], "label",
			                                      vocab_legal_basis.labels[b],
			                                      "selected", strcmp(v[P_GRONDSLAG].text, vocab_legal_basis_codes[b]) == 0));
		json_object_set_new(basis, "options", list);
	}
	json_t *eenheid = json_object_get(fields, "eenheid");
	if (eenheid && k == &kind_product) {
		json_object_set_new(eenheid, "options", bt_options(bt_eenheden, *v[P_EENHEID].text ? v[P_EENHEID].text : "04",
		                                                   NULL));
		json_object_set_new(json_object_get(fields, "frequentie"), "options",
		                    bt_options(bt_frequenties, *v[P_FREQUENTIE].text ? v[P_FREQUENTIE].text : "2", NULL));
	}
	json_object_set_new(data, "edit", json_boolean(id != 0));
	if (id && k == &kind_aanbieder)
		json_object_set_new(data, "contracten_href", json_string(arena_printf(r->arena, "%s/%lld/contracten", k->path,
		                                                                      (long long)id)));
	json_object_set_new(data, "action", json_string(id ? arena_printf(r->arena, "%s/%lld/bewerken", k->path, (long long)id)
	                                                   : arena_printf(r->arena, "%s/nieuw", k->path)));
	json_object_set_new(data, "list_path", json_string(k->path));
	if (alert)
		json_object_set_new(data, "alert", json_string(alert));
	return reply_page(r, status, k->form_template, id ? k->edit_title : k->new_title, data);
}

static int new_form(struct req *r, const struct ref_kind *k)
{
	if (audit_view(r, arena_printf(r->arena, "%s.form", k->type), k->type, 0, 0, NULL) != 0)
		return -1;
	return render_form(r, k, 0, NULL, 200, NULL);
}

static int edit_form(struct req *r, const struct ref_kind *k)
{
	db *d = db_get();
	if (!d)
		return -1;
	int64_t id = req_param_id(r, 0);
	json_t *row;
	enum db_status s = k->get(d, id, &row);
	if (s == DB_NOT_FOUND)
		return reply_error(r, ERR_NOT_FOUND, k->missing);
	if (s != DB_OK)
		return -1;
	if (audit_view(r, arena_printf(r->arena, "%s.view", k->type), k->type, id, 0, NULL) != 0) {
		json_decref(row);
		return -1;
	}
	struct field_value *v = arena_alloc(r->arena, k->count * sizeof *v);
	form_validate(r->arena, NULL, k->rules, k->count, v);
	for (size_t i = 0; i < k->count; i++)
		v[i].error = NULL;
	k->from_row(r, row, v); /* v points into row until it is rendered */
	int rc = render_form(r, k, id, v, 200, NULL);
	json_decref(row);
	return rc;
}

/* Create (id 0) or update from the posted form. */
static int save(struct req *r, const struct ref_kind *k, int64_t id)
{
	db *d = db_get();
	if (!d)
		return -1;
	if (id) {
		json_t *row;
		enum db_status s = k->get(d, id, &row);
		if (s == DB_NOT_FOUND)
			return reply_error(r, ERR_NOT_FOUND, k->missing);
		if (s != DB_OK)
			return -1;
		json_decref(row);
	}
	size_t n = id || !k->versioned ? k->count : k->count - 1;
	struct field_value *v = arena_alloc(r->arena, k->count * sizeof *v);
	form_validate(r->arena, r->form, k->rules, n, v);
	if (id && k->versioned && v[k->count - 1].error)
		return reply_error(r, ERR_BAD_REQUEST, "Het formulier mist de versie. Laad de pagina opnieuw.");
	k->check(d, v);
	int errors = 0;
	for (size_t i = 0; i < n; i++)
		errors += v[i].error != NULL;
	if (errors)
		return render_form(r, k, id, v, 422, NULL);
	if (db_begin(d) != 0)
		return -1;
	int64_t saved = 0;
	enum db_status s = k->save(d, id, v, &saved);
	if (s == DB_CONSTRAINT || s == DB_NOT_FOUND) {
		db_rollback(d);
		if (s == DB_CONSTRAINT) {
			v[k->unique_field].error = k->taken;
			return render_form(r, k, id, v, 422, NULL);
		}
		json_t *now;
		if (k->get(d, id, &now) != DB_OK)
			return reply_error(r, ERR_NOT_FOUND, k->missing);
		v[k->count - 1].text = id_text(r, now, "versie");
		json_decref(now);
		return render_form(r, k, id, v, 409, "Iemand anders heeft dit intussen gewijzigd. Uw wijziging is niet "
		                   "opgeslagen; uw invoer staat hieronder. Bekijk de lijst voor wat nu is opgeslagen, "
		                   "controleer en sla opnieuw op.");
	}
	struct audit_entry e = {.medewerker_id = r->user->id,
	                        .action = arena_printf(r->arena, "%s.%s", k->type, id ? "update" : "create"),
	                        .object_type = k->type, .object_id = saved, .client_addr = r->client_addr};
	if (s != DB_OK || audit_append(d, &e) != DB_OK || db_commit(d) != 0) {
		db_rollback(d);
		return -1;
	}
	return reply_redirect(r, arena_printf(r->arena, "%s?opgeslagen=1", k->path));
}

static int api_list(struct req *r, const struct ref_kind *k, const char *key)
{
	db *d = db_get();
	if (!d)
		return -1;
	if (audit_view(r, arena_printf(r->arena, "%s.list", k->type), k->type, 0, 0, NULL) != 0)
		return -1;
	bool all = req_query(r, "alle") != NULL;
	return reply_json(r, 200, json_pack("{s:o}", key, k->list(d, !all)));
}

int h_aanbieder_list(struct req *r) { return render_list(r, &kind_aanbieder); }
int h_aanbieder_new_form(struct req *r) { return new_form(r, &kind_aanbieder); }
int h_aanbieder_create(struct req *r) { return save(r, &kind_aanbieder, 0); }
int h_aanbieder_edit_form(struct req *r) { return edit_form(r, &kind_aanbieder); }
int h_aanbieder_update(struct req *r) { return save(r, &kind_aanbieder, req_param_id(r, 0)); }
int h_sociale_kaart_list(struct req *r) { return render_list(r, &kind_kaart); }
int h_sociale_kaart_new_form(struct req *r) { return new_form(r, &kind_kaart); }
int h_sociale_kaart_create(struct req *r) { return save(r, &kind_kaart, 0); }
int h_sociale_kaart_edit_form(struct req *r) { return edit_form(r, &kind_kaart); }
int h_sociale_kaart_update(struct req *r) { return save(r, &kind_kaart, req_param_id(r, 0)); }
int h_product_list(struct req *r) { return render_list(r, &kind_product); }
int h_product_new_form(struct req *r) { return new_form(r, &kind_product); }
int h_product_create(struct req *r) { return save(r, &kind_product, 0); }
int h_product_edit_form(struct req *r) { return edit_form(r, &kind_product); }
int h_product_update(struct req *r) { return save(r, &kind_product, req_param_id(r, 0)); }
int h_api_aanbieder_list(struct req *r) { return api_list(r, &kind_aanbieder, "aanbieders"); }
int h_api_sociale_kaart_list(struct req *r) { return api_list(r, &kind_kaart, "sociale_kaart"); }
int h_api_product_list(struct req *r) { return api_list(r, &kind_product, "producten"); }
