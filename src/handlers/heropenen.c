/* heropenen.c - reopening a closed case (issue 12 item 4).  A closed
 * household is read-only (require_household in src/access.c refuses every
 * change with 409); reopening is an act of its own, with a reason and a
 * date (not in the future, not before the closing day), by whoever may
 * see the household's contents.  In one audited transaction the finished
 * period is kept for the dashboard, the household starts a new period in
 * status aangemeld, a closed plan returns to vastgesteld (or concept) and
 * the journal notes it (db_heropenen.h). */
#include <string.h>

#include "access.h"
#include "audit.h"
#include "care.h"
#include "db_heropenen.h"
#include "db_journaal.h"
#include "domain.h"
#include "form.h"
#include "handlers.h"
#include "overview.h"

enum { H_REDEN, H_DATUM, H_COUNT };
static const struct field_rule rules[H_COUNT] = {
	[H_REDEN] = {.name = "reden", .label = "Reden van heropenen",
	             .kind = FIELD_TEXT, .required = true, .min_len = 10, .max_len = 2000},
	[H_DATUM] = {.name = "datum", .label = "Datum van heropenen",
	             .kind = FIELD_DATE, .required = true, .date_flags = DATE_NOT_FUTURE},
};

static const char MSG_OPEN[] = "Dit huishouden is niet afgesloten; er is niets te heropenen.";

/* The page: the form on a closed household, else that it is open. */
static int render(struct req *r, db *d, int64_t hh, const struct hh_access_info *acc, struct field_value *v,
                  unsigned status, const char *alert)
{
	json_t *data = json_object();
	if (care_household(r, d, hh, data) != DB_OK) {
		json_decref(data);
		return -1;
	}
	struct field_value empty[H_COUNT];
	if (!v) {
		form_validate(r->arena, NULL, rules, H_COUNT, empty);
		for (int i = 0; i < H_COUNT; i++)
			empty[i].error = NULL;
		char today[11];
		date_today(today);
		empty[H_DATUM].text = arena_strdup(r->arena, today);
		v = empty;
	}
	form_to_page(data, rules, H_COUNT, v);
	json_object_set_new(data, "closed", json_boolean(acc->closed));
	if (acc->closed_on) {
		char nl[11];
		fmt_date_nl(acc->closed_on, nl);
		json_object_set_new(data, "closed_nl", json_string(nl));
	}
	if (alert)
		json_object_set_new(data, "alert", json_string(alert));
	return reply_page(r, status, "heropenen", "Casus heropenen", data);
}

int h_heropenen_form(struct req *r)
{
	int64_t hh = req_param_id(r, 0);
	struct hh_access_info acc;
	if (require_household(r, hh, "heropenen.form", "huishouden", hh, &acc) != 0)
		return 0;
	db *d = db_get();
	return d ? render(r, d, hh, &acc, NULL, 200, NULL) : -1;
}

/* Reopens in one transaction with the journal entry and the audit rows.
 * DB_NOT_FOUND when the household is no longer closed. */
static enum db_status store(struct req *r, db *d, int64_t hh, const struct field_value *v,
                            const struct hh_access_info *acc, int64_t *plan_id, int64_t *journal_id)
{
	if (db_begin(d) != 0)
		return DB_ERROR;
	char nl[11];
	fmt_date_nl(v[H_DATUM].text, nl);
	enum db_status s = db_reopen_case(d, hh, v[H_DATUM].text, r->user->id, plan_id);
	if (s == DB_OK)
		s = db_journaal_insert(d, hh, "overleg", v[H_DATUM].text,
		                       arena_printf(r->arena, "Casus heropend op %s. Reden: %s", nl, v[H_REDEN].text),
		                       r->user->id, journal_id);
	struct audit_entry e = {.medewerker_id = r->user->id, .action = "huishouden.heropenen",
	                        .object_type = "huishouden", .object_id = hh, .huishouden_id = hh,
	                        .reason = acc->exception_reason, .client_addr = r->client_addr};
	if (s == DB_OK)
		s = audit_append(d, &e);
	if (s == DB_OK && *plan_id) {
		e.action = "plan.heropenen";
		e.object_type = "plan";
		e.object_id = *plan_id;
		s = audit_append(d, &e);
	}
	if (s == DB_OK) {
		e.action = "journaal.create";
		e.object_type = "journaal";
		e.object_id = *journal_id;
		s = audit_append(d, &e);
	}
	if (s != DB_OK || db_commit(d) != 0) {
		db_rollback(d);
		return s == DB_NOT_FOUND ? DB_NOT_FOUND : DB_ERROR;
	}
	return DB_OK;
}

int h_heropenen(struct req *r)
{
	int64_t hh = req_param_id(r, 0);
	struct hh_access_info acc;
	if (require_household(r, hh, NULL, NULL, 0, &acc) != 0)
		return 0;
	db *d = db_get();
	if (!d)
		return -1;
	if (!acc.closed)
		return r->is_api ? reply_error(r, ERR_CONFLICT, MSG_OPEN) : render(r, d, hh, &acc, NULL, 409, MSG_OPEN);
	struct field_value *v = arena_alloc(r->arena, H_COUNT * sizeof *v);
	int errors = r->is_api ? form_validate_json(r->arena, r->json, rules, H_COUNT, v)
	                       : form_validate(r->arena, r->form, rules, H_COUNT, v);
	/* Not before the case was closed: the new period starts after the old. */
	if (!v[H_DATUM].error && acc.closed_on && strcmp(v[H_DATUM].text, acc.closed_on) < 0) {
		char nl[11];
		fmt_date_nl(acc.closed_on, nl);
		v[H_DATUM].error = arena_printf(r->arena, "De datum van heropenen kan niet vóór de afsluiting (%s) liggen.",
		                                nl);
		errors++;
	}
	if (errors)
		return r->is_api ? reply_json_validation(r, form_errors_json(rules, H_COUNT, v))
		                 : render(r, d, hh, &acc, v, 422, NULL);
	int64_t plan_id = 0, journal_id = 0;
	enum db_status s = store(r, d, hh, v, &acc, &plan_id, &journal_id);
	if (s == DB_NOT_FOUND) {
		acc.closed = false;
		acc.closed_on = NULL;
		return r->is_api ? reply_error(r, ERR_CONFLICT, MSG_OPEN) : render(r, d, hh, &acc, NULL, 409, MSG_OPEN);
	}
	if (s != DB_OK)
		return -1;
	if (r->is_api) {
		json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:I}", "huishouden_id", (json_int_t)hh, "status", "aangemeld",
		                      "heropend_op", v[H_DATUM].text, "reden", v[H_REDEN].text, "journaal_id",
		                      (json_int_t)journal_id);
		json_object_set_new(o, "plan_id", plan_id ? json_integer(plan_id) : json_null());
		return reply_json(r, 200, o);
	}
	return reply_redirect(r, arena_printf(r->arena, "/huishoudens/%lld", (long long)hh));
}
