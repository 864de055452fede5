/* huishouden_form.c - the address fields and page helpers that the
 * household, person, aanmelding, signaal, search and API handlers share
 * (include/huishouden_form.h): the address tables and checks, merging a
 * table's fields into a page, the options of a select, the account of a
 * refused save and the API's 409; and the household part of the household
 * page (overview_fill_household, include/overview.h). */
#include <stdio.h>
#include <string.h>

#include "db_aanmelding.h"
#include "huishouden_form.h"
#include "overview.h"
#include "text.h"

/* ---- address ------------------------------------------------------------- */


const struct field_rule address_rules[A_COUNT] = {
	[A_STREET] = {.name = "straat", .label = "Straat", .kind = FIELD_LINE, .required = true, .max_len = 200},
	[A_NUMBER] = {.name = "huisnummer", .label = "Huisnummer",
	              .kind = FIELD_INT, .required = true, .min = 1, .max = 99999},
	[A_SUFFIX] = {.name = "toevoeging", .label = "Huisletter of toevoeging", .kind = FIELD_LINE, .max_len = 10},
	[A_POSTCODE] = {.name = "postcode", .label = "Postcode", .kind = FIELD_LINE, .required = true, .max_len = 10},
	[A_CITY] = {.name = "plaats", .label = "Plaats", .kind = FIELD_LINE, .required = true, .max_len = 100},
	[A_GEBIED] = {.name = "gebied", .label = "Gebied", .kind = FIELD_ID},
};

const struct field_rule address_orig_rules[A_COUNT] = {
	[A_STREET] = {.name = "orig_straat", .label = "Straat (zoals eerder opgeslagen)",
	              .kind = FIELD_LINE, .max_len = 200},
	[A_NUMBER] = {.name = "orig_huisnummer", .label = "Huisnummer (zoals eerder opgeslagen)",
	              .kind = FIELD_LINE, .max_len = 10},
	[A_SUFFIX] = {.name = "orig_toevoeging", .label = "Huisletter of toevoeging (zoals eerder opgeslagen)",
	              .kind = FIELD_LINE, .max_len = 10},
	[A_POSTCODE] = {.name = "orig_postcode", .label = "Postcode (zoals eerder opgeslagen)",
	                .kind = FIELD_LINE, .max_len = 10},
	[A_CITY] = {.name = "orig_plaats", .label = "Plaats (zoals eerder opgeslagen)",
	            .kind = FIELD_LINE, .max_len = 100},
	[A_GEBIED] = {.name = "orig_gebied", .label = "Gebied (zoals eerder opgeslagen)",
	              .kind = FIELD_LINE, .max_len = 20},
};

int address_check(struct req *r, db *d, struct field_value v[A_COUNT])
{
	int errors = 0;
	if (!v[A_POSTCODE].error && v[A_POSTCODE].text[0]) {
		char pc[8];
		if (postcode_normalise(v[A_POSTCODE].text, pc)) {
			v[A_POSTCODE].text = arena_strdup(r->arena, pc);
		} else {
			v[A_POSTCODE].error = "Vul een bestaande postcode in: vier cijfers (niet beginnend met 0) "
			                      "en twee letters, zoals 3861 AB.";
			errors++;
		}
	}
	if (!v[A_GEBIED].error && v[A_GEBIED].id && !db_gebied_exists(d, v[A_GEBIED].id)) {
		v[A_GEBIED].error = "Kies een gebied uit de lijst.";
		errors++;
	}
	return errors;
}

void address_input(const struct field_value v[A_COUNT], struct huishouden_input *out)
{
	*out = (struct huishouden_input){
		.street = v[A_STREET].text,
		.house_number = v[A_NUMBER].id,
		.house_suffix = v[A_SUFFIX].text,
		.postcode = v[A_POSTCODE].text,
		.city = v[A_CITY].text,
		.gebied_id = v[A_GEBIED].id,
	};
}

/* ---- page helpers -------------------------------------------------------- */

void page_add_fields(json_t *data, const struct field_rule *rules, size_t n,
                     const struct field_value *values)
{
	json_t *tmp = json_object();
	form_to_page(tmp, rules, n, values);
	json_t *fields = json_object_get(data, "field");
	if (!fields) {
		fields = json_object();
		json_object_set_new(data, "field", fields);
	}
	json_object_update(fields, json_object_get(tmp, "field"));
	json_t *errs = json_object_get(tmp, "errors");
	if (errs) {
		json_t *all = json_object_get(data, "errors");
		if (!all) {
			all = json_array();
			json_object_set_new(data, "errors", all);
		}
		json_array_extend(all, errs);
		json_object_set_new(data, "has_errors", json_true());
	}
	json_decref(tmp);
}

json_t *vocab_options(const struct vocab *v, const char *selected)
{
	json_t *list = json_array();
	for (int i = 0; v->codes[i]; i++)
		json_array_append_new(list, json_pack("{s:s, s:s, s:b}", "value", v->codes[i],
		                                      "label", v->labels[i],
		                                      "selected", selected && strcmp(selected, v->codes[i]) == 0));
	return list;
}

json_t *gebied_options(db *d, int64_t selected)
{
	json_t *list = db_gebied_list(d);
	size_t i;
	json_t *g;
	json_array_foreach(list, i, g)
		json_object_set_new(g, "selected",
		                    json_boolean(json_integer_value(json_object_get(g, "id")) == selected));
	return list;
}

json_t *conflict_json(const char *who, int64_t when, const char *const *labels,
                      const char *const *orig, const char *const *now, const char *const *shown,
                      size_t n)
{
	char at[20] = "";
	if (when)
		fmt_datetime_nl(when, at);
	json_t *changes = json_array();
	for (size_t i = 0; i < n; i++) {
		if (strcmp(orig[i] ? orig[i] : "", now[i] ? now[i] : "") == 0)
			continue;
		const char *value = !shown[i] ? "gewijzigd" : *shown[i] ? shown[i] : "(leeg)";
		json_array_append_new(changes, json_pack("{s:s, s:s}", "label", labels[i], "value", value));
	}
	json_t *c = json_object();
	json_object_set_new(c, "who", json_string(who ? who : "een collega"));
	json_object_set_new(c, "when", json_string(at));
	json_object_set_new(c, "has_changes", json_boolean(json_array_size(changes) > 0));
	json_object_set_new(c, "changes", changes);
	return c;
}

int api_conflict(struct req *r, const char *message, const char *key, json_t *value)
{
	json_t *e = json_pack("{s:s, s:s}", "code", "conflict", "message", message);
	json_object_set_new(e, key, value);
	return reply_json(r, 409, json_pack("{s:o}", "error", e));
}

/* ---- the overview page ------------------------------------------------------- */

enum db_status overview_fill_household(struct req *r, db *d, int64_t hh, json_t *data)
{
	struct huishouden h;
	enum db_status s = db_huishouden_get(d, r->arena, hh, &h);
	if (s != DB_OK)
		return s;
	char opened[20];
	fmt_datetime_nl(h.opened_at, opened);
	opened[10] = '\0';
	json_t *hj = json_object();
	json_object_set_new(hj, "id", json_integer(h.id));
	json_object_set_new(hj, "street", json_string(h.street));
	json_object_set_new(hj, "house_number", json_integer(h.house_number));
	if (h.house_suffix)
		json_object_set_new(hj, "house_suffix", json_string(h.house_suffix));
	json_object_set_new(hj, "postcode", json_string(h.postcode));
	json_object_set_new(hj, "city", json_string(h.city));
	json_object_set_new(hj, "address", json_string(h.address));
	if (h.gebied)
		json_object_set_new(hj, "gebied", json_string(h.gebied));
	json_object_set_new(hj, "status", json_string(h.status));
	json_object_set_new(hj, "status_label", json_string(vocab_label(&vocab_household_status, h.status)));
	json_object_set_new(hj, "opened_nl", json_string(opened));
	json_object_set_new(hj, "version", json_integer(h.version));
	if (h.regisseur_id) {
		json_object_set_new(hj, "regisseur_id", json_integer(h.regisseur_id));
		json_object_set_new(hj, "regisseur", json_string(h.regisseur));
	}
	json_object_set_new(data, "huishouden", hj);

	json_t *persons = db_persoon_list(d, hh);
	if (!persons)
		return DB_ERROR;
	char today[11];
	date_today(today);
	size_t i;
	json_t *row;
	json_array_foreach(persons, i, row)
		person_row_labels(row, today);
	json_object_set_new(data, "has_personen", json_boolean(json_array_size(persons) > 0));
	json_object_set_new(data, "personen", persons);

	json_t *open = db_aanmelding_open_for(d, hh);
	if (!open)
		return DB_ERROR;
	int64_t now = now_unix();
	json_array_foreach(open, i, row)
		aanmelding_row_labels(row, now);
	json_object_set_new(data, "has_aanmeldingen_open", json_boolean(json_array_size(open) > 0));
	json_object_set_new(data, "aanmeldingen_open", open);
	return DB_OK;
}
