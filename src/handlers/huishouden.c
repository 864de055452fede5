/* huishouden.c - a household's address (versioned edit).  The address
 * fields, the form helpers the household, person and aanmelding handlers
 * share and the household part of the overview page are in
 * src/huishouden_form.c (huishouden_form.h, overview.h). */
#include <stdio.h>
#include <string.h>

#include "access.h"
#include "audit.h"
#include "handlers.h"
#include "huishouden_form.h"
#include "text.h"

static const char *const address_labels[A_COUNT] = {
	"Straat", "Huisnummer", "Toevoeging", "Postcode", "Plaats", "Gebied",
};

/* The version a form was loaded with. */
static const struct field_rule version_rule[] = {
	{.name = "versie", .label = "Versie", .kind = FIELD_INT, .required = true, .min = 1, .max = 1000000000},
};

/* ---- the address form ------------------------------------------------------ */

/* The stored address as form values (and as the orig_ values the form
 * carries along).  Strings from r's arena. */
static void address_values(struct req *r, const struct huishouden *h, struct field_value v[A_COUNT])
{
	memset(v, 0, A_COUNT * sizeof *v);
	v[A_STREET].text = h->street;
	v[A_NUMBER].text = arena_printf(r->arena, "%lld", (long long)h->house_number);
	v[A_NUMBER].id = h->house_number;
	v[A_SUFFIX].text = h->house_suffix ? h->house_suffix : "";
	v[A_POSTCODE].text = h->postcode;
	v[A_CITY].text = h->city;
	v[A_GEBIED].text = h->gebied_id ? arena_printf(r->arena, "%lld", (long long)h->gebied_id) : "";
	v[A_GEBIED].id = h->gebied_id;
}

static json_t *orig_json(const struct field_rule *rules, size_t n, const struct field_value *orig)
{
	json_t *o = json_object();
	for (size_t i = 0; i < n; i++)
		json_object_set_new(o, rules[i].name, json_string(orig[i].text));
	return o;
}

static int render_address(struct req *r, db *d, const struct huishouden *h, unsigned status,
                          const struct field_value v[A_COUNT], const struct field_value orig[A_COUNT],
                          int64_t version, json_t *conflict)
{
	json_t *data = json_object();
	page_add_fields(data, address_rules, A_COUNT, v);
	json_object_set_new(data, "gebieden", gebied_options(d, v[A_GEBIED].id));
	json_object_set_new(data, "orig", orig_json(address_rules, A_COUNT, orig));
	json_object_set_new(data, "versie", json_integer(version));
	json_object_set_new(data, "huishouden", json_pack("{s:I, s:s}", "id", (json_int_t)h->id,
	                                                  "address", h->address));
	if (conflict)
		json_object_set_new(data, "conflict", conflict);
	return reply_page(r, status, "huishouden-adres", "Adres wijzigen", data);
}

int h_huishouden_adres_form(struct req *r)
{
	int64_t hh = req_param_id(r, 0);
	struct hh_access_info acc;
	if (require_household(r, hh, "huishouden.view", "huishouden", hh, &acc) != 0)
		return 0;
	db *d = db_get();
	struct huishouden h;
	if (!d || db_huishouden_get(d, r->arena, hh, &h) != DB_OK)
		return -1;
	struct field_value v[A_COUNT];
	address_values(r, &h, v);
	return render_address(r, d, &h, 200, v, v, h.version, NULL);
}

/* The conflict account for an address: what changed between the version
 * the user loaded (orig) and the stored one (h). */
static json_t *address_conflict(struct req *r, const struct huishouden *h,
                                const struct field_value orig[A_COUNT])
{
	struct field_value now[A_COUNT];
	address_values(r, h, now);
	const char *o[A_COUNT], *n[A_COUNT], *shown[A_COUNT];
	for (int i = 0; i < A_COUNT; i++) {
		o[i] = orig[i].text;
		n[i] = now[i].text;
		shown[i] = now[i].text;
	}
	shown[A_GEBIED] = h->gebied ? h->gebied : "";
	return conflict_json(h->updated_by, h->updated_at, address_labels, o, n, shown, A_COUNT);
}

int h_huishouden_adres(struct req *r)
{
	int64_t hh = req_param_id(r, 0);
	struct hh_access_info acc;
	if (require_household(r, hh, NULL, NULL, 0, &acc) != 0)
		return 0;
	db *d = db_get();
	struct huishouden h;
	if (!d || db_huishouden_get(d, r->arena, hh, &h) != DB_OK)
		return -1;
	struct field_value v[A_COUNT], orig[A_COUNT], ver[1];
	int errors = form_validate(r->arena, r->form, address_rules, A_COUNT, v);
	errors += address_check(r, d, v);
	form_validate(r->arena, r->form, address_orig_rules, A_COUNT, orig);
	if (form_validate(r->arena, r->form, version_rule, 1, ver) != 0)
		return reply_error(r, ERR_BAD_REQUEST, "Het formulier mist zijn versienummer. Laad de pagina "
		                                       "opnieuw en probeer het nog eens.");
	if (errors)
		return render_address(r, d, &h, 422, v, orig, ver[0].id, NULL);

	struct huishouden_input in;
	address_input(v, &in);
	if (db_begin(d) != 0)
		return -1;
	enum db_status s = db_huishouden_update_address(d, hh, &in, ver[0].id, r->user->id);
	if (s == DB_NOT_FOUND) {
		db_rollback(d);
		if (db_huishouden_get(d, r->arena, hh, &h) != DB_OK)
			return -1;
		struct field_value now[A_COUNT];
		address_values(r, &h, now);
		return render_address(r, d, &h, 409, v, now, h.version, address_conflict(r, &h, orig));
	}
	struct audit_entry e = {.medewerker_id = r->user->id, .action = "huishouden.update",
	                        .object_type = "huishouden", .object_id = hh, .huishouden_id = hh,
	                        .reason = acc.by_exception ? acc.exception_reason : NULL,
	                        .client_addr = r->client_addr};
	if (s != DB_OK || audit_append(d, &e) != DB_OK || db_commit(d) != 0) {
		db_rollback(d);
		return -1;
	}
	return reply_redirect(r, arena_printf(r->arena, "/huishoudens/%lld", (long long)hh));
}
