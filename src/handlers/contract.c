/* contract.c - the beheerder keeps a provider's contracts (issue 14): per
 * product the tariff per unit in euro (stored in cents), the unit (WJ756)
 * and the period.  A declaration (323) is checked against them.  The page
 * lists them with an add form; a contract can be ended on a date or
 * removed.  Reference data: not personal, but audited like any other. */
#include <inttypes.h>
#include <string.h>

#include "audit.h"
#include "bericht_tekst.h"
#include "db_contract.h"
#include "db_referentie.h"
#include "form.h"
#include "handlers.h"

static const char *s_of(const json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

static int64_t n_of(const json_t *o, const char *k)
{
	return json_integer_value(json_object_get(o, k));
}

enum { C_PRODUCT, C_TARIEF, C_EENHEID, C_VAN, C_TOT, C_COUNT };
static const struct field_rule contract_rules[C_COUNT] = {
	[C_PRODUCT] = {.name = "product", .label = "Product", .kind = FIELD_ID, .required = true},
	[C_TARIEF] = {.name = "tarief", .label = "Tarief per eenheid", .kind = FIELD_LINE, .required = true, .max_len = 20},
	[C_EENHEID] = {.name = "eenheid", .label = "Eenheid", .kind = FIELD_CHOICE, .required = true,
	               .choices = bt_eenheid_codes},
	[C_VAN] = {.name = "van", .label = "Geldig vanaf", .kind = FIELD_DATE, .required = true},
	[C_TOT] = {.name = "tot", .label = "Geldig tot en met", .kind = FIELD_DATE},
};
enum { E_TOT, E_COUNT };
static const struct field_rule end_rules[E_COUNT] = {
	[E_TOT] = {.name = "tot", .label = "Beëindigen op", .kind = FIELD_DATE, .required = true},
};

static const char *datum_nl(struct req *r, const char *iso)
{
	if (!iso || !*iso)
		return NULL;
	char out[11];
	fmt_date_nl(iso, out);
	return arena_strdup(r->arena, out);
}

/* The page; end_id/end_error: a refused end of contract end_id, shown in
 * the summary and at its date field. */
static int render(struct req *r, db *d, const json_t *aanbieder, struct field_value *v, unsigned status,
                  int64_t end_id, const char *end_error)
{
	int64_t x = n_of(aanbieder, "id");
	json_t *data = json_object();
	struct field_value empty[C_COUNT];
	if (!v) {
		form_validate(r->arena, NULL, contract_rules, C_COUNT, empty);
		for (int i = 0; i < C_COUNT; i++)
			empty[i].error = NULL;
		empty[C_EENHEID].text = "04";
		v = empty;
	}
	form_to_page(data, contract_rules, C_COUNT, v);
	json_t *products = db_product_list(d, true), *popts = json_array();
	size_t i;
	json_t *p;
	json_array_foreach(products, i, p) {
		const char *id = arena_printf(r->arena, "%" PRId64, n_of(p, "id"));
		json_array_append_new(popts, json_pack("{s:s, s:s, s:b}", "value", id, "label",
		        arena_printf(r->arena, "%s %s – %s", s_of(p, "categorie"), s_of(p, "code"), s_of(p, "naam")),
		        "selected", strcmp(v[C_PRODUCT].text, id) == 0));
	}
	json_decref(products);
	json_object_set_new(data, "producten", popts);
	json_object_set_new(data, "eenheden", bt_options(bt_eenheden, v[C_EENHEID].text, NULL));
	json_t *rows = db_contract_list(d, x);
	json_t *c;
	json_array_foreach(rows, i, c) {
		json_object_set_new(c, "tarief_nl", json_string(bt_euro(r->arena, n_of(c, "tarief_centen"))));
		json_object_set_new(c, "eenheid_label", json_string(bt_label(bt_eenheden, s_of(c, "eenheid"))));
		json_object_set_new(c, "van_nl", json_string(datum_nl(r, s_of(c, "van"))));
		if (s_of(c, "tot"))
			json_object_set_new(c, "tot_nl", json_string(datum_nl(r, s_of(c, "tot"))));
		if (end_error && n_of(c, "id") == end_id) {
			json_object_set_new(c, "eind_fout", json_string(end_error));
			form_add_error(data, arena_printf(r->arena, "tot-%" PRId64, end_id), "Beëindigen op", end_error);
		}
	}
	json_object_set_new(data, "has_contracten", json_boolean(json_array_size(rows) > 0));
	json_object_set_new(data, "contracten", rows);
	json_object_set_new(data, "aanbieder", json_pack("{s:I, s:s}", "id", (json_int_t)x, "naam",
	                                                 s_of(aanbieder, "naam") ? s_of(aanbieder, "naam") : ""));
	if (req_query(r, "opgeslagen") && status == 200)
		json_object_set_new(data, "notice", json_string("De wijziging is opgeslagen."));
	return reply_page(r, status, "beheer-contracten", arena_printf(r->arena, "Contracten van %s",
	                                                               s_of(aanbieder, "naam")), data);
}

/* The provider of the path, or a 404 reply (-1). */
static int load_aanbieder(struct req *r, db *d, int64_t id, json_t **row)
{
	enum db_status s = db_aanbieder_get(d, id, row);
	if (s == DB_NOT_FOUND)
		return reply_error(r, ERR_NOT_FOUND, "Deze aanbieder bestaat niet."), -1;
	return s == DB_OK ? 0 : -2;
}

int h_contract_list(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	json_t *a;
	int rc = load_aanbieder(r, d, req_param_id(r, 0), &a);
	if (rc)
		return rc == -1 ? 0 : -1;
	if (audit_view(r, "contract.list", "aanbieder", n_of(a, "id"), 0, NULL) != 0) {
		json_decref(a);
		return -1;
	}
	rc = render(r, d, a, NULL, 200, 0, NULL);
	json_decref(a);
	return rc;
}

static int write_audit(struct req *r, db *d, const char *action, int64_t id)
{
	struct audit_entry e = {.medewerker_id = r->user->id, .action = action, .object_type = "contract",
	                        .object_id = id, .client_addr = r->client_addr};
	return audit_append(d, &e) == DB_OK ? 0 : -1;
}

int h_contract_create(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	json_t *a;
	int rc = load_aanbieder(r, d, req_param_id(r, 0), &a);
	if (rc)
		return rc == -1 ? 0 : -1;
	struct field_value *v = arena_alloc(r->arena, C_COUNT * sizeof *v);
	int errors = form_validate(r->arena, r->form, contract_rules, C_COUNT, v);
	json_t *prod = NULL;
	if (!v[C_PRODUCT].error && db_product_get(d, v[C_PRODUCT].id, &prod) != DB_OK) {
		v[C_PRODUCT].error = "Kies een product uit de lijst.";
		errors++;
	}
	json_decref(prod);
	long long cents = 0;
	if (!v[C_TARIEF].error) {
		const char *msg = bt_parse_euro(v[C_TARIEF].text, 99999999, &cents);
		if (msg) {
			v[C_TARIEF].error = msg;
			errors++;
		}
	}
	if (!v[C_VAN].error && !v[C_TOT].error && *v[C_TOT].text && strcmp(v[C_TOT].text, v[C_VAN].text) < 0) {
		v[C_TOT].error = "De einddatum ligt voor de begindatum.";
		errors++;
	}
	if (errors) {
		rc = render(r, d, a, v, 422, 0, NULL);
		json_decref(a);
		return rc;
	}
	struct contract_input in = {.aanbieder_id = n_of(a, "id"), .product_id = v[C_PRODUCT].id, .tarief_cents = cents,
	                            .eenheid = v[C_EENHEID].text, .van = v[C_VAN].text, .tot = v[C_TOT].text};
	if (db_begin(d) != 0) {
		json_decref(a);
		return -1;
	}
	int64_t id = 0;
	enum db_status s = db_contract_insert(d, &in, &id);
	if (s == DB_CONSTRAINT) {
		db_rollback(d);
		v[C_VAN].error = "Er is al een contract voor dit product dat op deze dag ingaat.";
		rc = render(r, d, a, v, 422, 0, NULL);
		json_decref(a);
		return rc;
	}
	if (s != DB_OK || write_audit(r, d, "contract.create", id) != 0 || db_commit(d) != 0) {
		db_rollback(d);
		json_decref(a);
		return -1;
	}
	const char *to = arena_printf(r->arena, "/beheer/aanbieders/%" PRId64 "/contracten?opgeslagen=1", n_of(a, "id"));
	json_decref(a);
	return reply_redirect(r, to);
}

/* Ends (end) or removes a contract. */
static int change(struct req *r, bool end)
{
	db *d = db_get();
	if (!d)
		return -1;
	json_t *c;
	enum db_status s = db_contract_get(d, req_param_id(r, 0), &c);
	if (s == DB_NOT_FOUND)
		return reply_error(r, ERR_NOT_FOUND, "Dit contract bestaat niet.");
	if (s != DB_OK)
		return -1;
	int64_t id = n_of(c, "id"), x = n_of(c, "aanbieder_id");
	const char *van = arena_strdup(r->arena, s_of(c, "van"));
	json_decref(c);
	struct field_value v[E_COUNT];
	if (end) {
		form_validate(r->arena, r->form, end_rules, E_COUNT, v);
		if (!v[E_TOT].error && strcmp(v[E_TOT].text, van) < 0)
			v[E_TOT].error = "De einddatum ligt voor de begindatum van het contract.";
		if (v[E_TOT].error) {
			json_t *a;
			if (db_aanbieder_get(d, x, &a) != DB_OK)
				return -1;
			int rc = render(r, d, a, NULL, 422, id, v[E_TOT].error);
			json_decref(a);
			return rc;
		}
	}
	if (db_begin(d) != 0)
		return -1;
	s = end ? db_contract_end(d, id, v[E_TOT].text) : db_contract_delete(d, id);
	if (s != DB_OK || write_audit(r, d, end ? "contract.end" : "contract.delete", id) != 0 || db_commit(d) != 0) {
		db_rollback(d);
		return -1;
	}
	return reply_redirect(r, arena_printf(r->arena, "/beheer/aanbieders/%" PRId64 "/contracten?opgeslagen=1", x));
}

int h_contract_end(struct req *r)
{
	return change(r, true);
}

int h_contract_delete(struct req *r)
{
	return change(r, false);
}
