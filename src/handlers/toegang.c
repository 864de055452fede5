/* toegang.c - access by exception: an employee without a role in a
 * household sees only who lives there and who the regisseur is, and may
 * open the contents after giving a reason (access.h). */
#include "access.h"
#include "audit.h"
#include "db_regie.h"
#include "db_veiligheid.h"
#include "form.h"
#include "handlers.h"

static const struct field_rule toegang_rules[] = {
	{.name = "reden", .label = "Reden",
	 .kind = FIELD_TEXT, .required = true, .min_len = EXCEPTION_REASON_MIN, .max_len = 2000},
};

/* The limited view everyone may see (name, date of birth, address,
 * regisseur) with the form to ask for access. */
static int render_toegang(struct req *r, unsigned status, int64_t hh, struct field_value *v)
{
	db *d = db_get();
	if (!d)
		return -1;
	json_t *data = json_object();
	json_t *limited = db_household_limited(d, hh);
	if (!limited) {
		json_decref(data);
		return reply_error(r, ERR_NOT_FOUND, "Dit huishouden bestaat niet.");
	}
	json_object_set_new(data, "hh", limited);
	/* The bare fact of an open veiligheidszorg, never its content: so
	 * nobody is at the wrong counter. */
	int64_t zorg = 0, open = 0, since = 0;
	if (db_veiligheid_open_of(d, hh, &zorg, &open, &since) != DB_OK) {
		json_decref(data);
		return -1;
	}
	json_object_set_new(data, "veiligheid_open", json_boolean(open > 0));
	struct field_value empty[1];
	if (!v) {
		form_validate(r->arena, NULL, toegang_rules, 1, empty);
		empty[0].error = NULL;
		v = empty;
	}
	form_to_page(data, toegang_rules, 1, v);
	json_object_set_new(data, "hh_id", json_integer(hh));
	return reply_page(r, status, "toegang", "Toegang vragen", data);
}

int h_household_access_form(struct req *r)
{
	int64_t hh = req_param_id(r, 0);
	struct hh_access_info acc;
	if (access_household(r, hh, &acc) != DB_OK)
		return -1;
	if (acc.level == HH_NOT_FOUND)
		return reply_error(r, ERR_NOT_FOUND, "Dit huishouden bestaat niet.");
	if (acc.level == HH_NONE)
		return reply_error(r, ERR_FORBIDDEN, "Met uw rol heeft u geen toegang tot de inhoud van dossiers.");
	if (acc.level == HH_FULL)
		return reply_redirect(r, arena_printf(r->arena, "/huishoudens/%lld", (long long)hh));
	if (audit_view(r, "huishouden.view_beperkt", "huishouden", hh, hh, NULL) != 0)
		return -1;
	return render_toegang(r, 200, hh, NULL);
}

int h_household_access(struct req *r)
{
	int64_t hh = req_param_id(r, 0);
	struct hh_access_info acc;
	if (access_household(r, hh, &acc) != DB_OK)
		return -1;
	if (acc.level == HH_NOT_FOUND)
		return reply_error(r, ERR_NOT_FOUND, "Dit huishouden bestaat niet.");
	if (acc.level == HH_NONE)
		return reply_error(r, ERR_FORBIDDEN, "Met uw rol heeft u geen toegang tot de inhoud van dossiers.");
	struct field_value v[1];
	bool api = r->is_api;
	int errors = api ? form_validate_json(r->arena, r->json, toegang_rules, 1, v)
	                 : form_validate(r->arena, r->form, toegang_rules, 1, v);
	if (errors)
		return api ? reply_json_validation(r, form_errors_json(toegang_rules, 1, v))
		           : render_toegang(r, 422, hh, v);
	if (acc.level != HH_FULL || acc.by_exception) {
		if (access_grant_exception(r, hh, v[0].text) != DB_OK)
			return -1;
	}
	if (api)
		return reply_json(r, 200, json_pack("{s:I, s:b, s:s}", "huishouden_id", (json_int_t)hh,
		                                     "toegang", 1, "reden", v[0].text));
	return reply_redirect(r, arena_printf(r->arena, "/huishoudens/%lld", (long long)hh));
}
