/* termijn.c - the legal term of an aanmelding: its kind (vraag, melding
 * Wmo, aanvraag Wmo / Jeugdwet / Participatiewet), the date an aanvraag
 * came in, and an agreed extension with its reason.  The rule per kind is
 * in src/termijn.c.  Whoever may see the household's contents may set
 * it; audited.  Browser page and JSON API. */
#include <string.h>

#include "access.h"
#include "audit.h"
#include "db_aanmelding.h"
#include "form.h"
#include "handlers.h"
#include "huishouden_form.h"
#include "termijn.h"

static const struct field_rule rules[] = {
	{.name = "soort", .label = "Soort verzoek", .kind = FIELD_CHOICE, .required = true, .choices = termijn_codes},
	{.name = "aanvraag_ontvangen", .label = "Aanvraag ontvangen op",
	 .kind = FIELD_DATE, .date_flags = DATE_NOT_FUTURE},
	{.name = "verlenging_dagen", .label = "Afgesproken verlenging (dagen)",
	 .kind = FIELD_INT, .min = 0, .max = 365},
	{.name = "verlenging_reden", .label = "Reden van de verlenging", .kind = FIELD_TEXT, .max_len = 2000},
	{.name = "versie", .label = "Versie", .kind = FIELD_ID, .required = true},
};
enum { T_SOORT, T_AANVRAAG, T_DAGEN, T_REDEN, T_VERSIE, T_COUNT };

/* Loads aanmelding id and checks access to its household.  Returns 0, or
 * -1 after replying. */
static int load(struct req *r, db *d, int64_t id, const char *audit_action, struct aanmelding *a)
{
	enum db_status s = db_aanmelding_get(d, r->arena, id, a);
	if (s != DB_OK)
		return reply_lookup(r, s, "Deze aanmelding bestaat niet.");
	struct hh_access_info acc;
	return require_household(r, a->huishouden_id, audit_action, "aanmelding", id, &acc);
}

/* The current term as the queue shows it. */
static json_t *current(const struct aanmelding *a)
{
	json_t *row = json_pack("{s:s, s:I, s:I}", "soort", a->soort ? a->soort : "vraag", "received_at",
	                        (json_int_t)a->received_at, "verlenging_dagen", (json_int_t)a->verlenging_dagen);
	if (a->aanvraag_ontvangen)
		json_object_set_new(row, "aanvraag_ontvangen", json_string(a->aanvraag_ontvangen));
	char today[11];
	date_today(today);
	termijn_to_json(row, today);
	json_t *t = json_incref(json_object_get(row, "termijn"));
	json_decref(row);
	return t;
}

static int render(struct req *r, const struct aanmelding *a, struct field_value *v, unsigned status, const char *alert)
{
	json_t *data = json_object();
	struct field_value own[T_COUNT];
	if (!v) {
		form_validate(r->arena, NULL, rules, T_COUNT, own);
		for (int i = 0; i < T_COUNT; i++)
			own[i].error = NULL;
		own[T_SOORT].text = a->soort ? a->soort : "vraag";
		own[T_AANVRAAG].text = a->aanvraag_ontvangen ? a->aanvraag_ontvangen : "";
		own[T_DAGEN].text = arena_printf(r->arena, "%lld", (long long)a->verlenging_dagen);
		own[T_REDEN].text = a->verlenging_reden ? a->verlenging_reden : "";
		own[T_VERSIE].text = arena_printf(r->arena, "%lld", (long long)a->version);
		v = own;
	}
	form_to_page(data, rules, T_COUNT, v);
	json_t *kinds = json_array();
	for (int i = 0; termijn_rules[i].code; i++)
		json_array_append_new(kinds, json_pack("{s:s, s:s, s:s, s:b}", "value", termijn_rules[i].code, "label",
		                                       termijn_rules[i].label, "grondslag", termijn_rules[i].grondslag,
		                                       "selected", strcmp(v[T_SOORT].text, termijn_rules[i].code) == 0));
	json_object_set_new(json_object_get(json_object_get(data, "field"), "soort"), "soorten", kinds);
	json_object_set_new(data, "termijn", current(a));
	json_object_set_new(data, "aanmelding_id", json_integer(a->id));
	json_object_set_new(data, "address", json_string(a->address));
	if (alert)
		json_object_set_new(data, "alert", json_string(alert));
	return reply_page(r, status, "termijn", "Termijn van de aanmelding", data);
}

int h_termijn_form(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct aanmelding a;
	if (load(r, d, req_param_id(r, 0), "aanmelding.view", &a) != 0)
		return 0;
	return render(r, &a, NULL, 200, NULL);
}

int h_termijn_save(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	int64_t id = req_param_id(r, 0);
	struct aanmelding a;
	if (load(r, d, id, NULL, &a) != 0)
		return 0;
	struct field_value v[T_COUNT];
	int errors = r->is_api ? form_validate_json(r->arena, r->json, rules, T_COUNT, v)
	                       : form_validate(r->arena, r->form, rules, T_COUNT, v);
	const struct termijn_rule *rule = v[T_SOORT].error ? NULL : termijn_rule(v[T_SOORT].text);
	if (rule && rule->from_aanvraag && !v[T_AANVRAAG].error && !v[T_AANVRAAG].text[0]) {
		v[T_AANVRAAG].error = "Vul de datum in waarop de aanvraag binnenkwam: de termijn telt vanaf die dag.";
		errors++;
	}
	if (rule && !rule->from_aanvraag && !v[T_AANVRAAG].error && v[T_AANVRAAG].text[0]) {
		v[T_AANVRAAG].error = "Een datum van de aanvraag hoort alleen bij een aanvraag. Laat de datum leeg.";
		errors++;
	}
	if (!v[T_DAGEN].error && v[T_DAGEN].id > 0 && !v[T_REDEN].error && strlen(v[T_REDEN].text) < 10) {
		v[T_REDEN].error = "Een verlenging heeft een reden nodig (minstens 10 tekens), zoals de afspraak met de inwoner.";
		errors++;
	}
	if (errors)
		return r->is_api ? reply_json_validation(r, form_errors_json(rules, T_COUNT, v)) : render(r, &a, v, 422, NULL);
	if (db_begin(d) != 0)
		return -1;
	enum db_status s = db_aanmelding_set_termijn(d, id, v[T_VERSIE].id, v[T_SOORT].text,
	                                             v[T_AANVRAAG].text[0] ? v[T_AANVRAAG].text : NULL, v[T_DAGEN].id,
	                                             v[T_REDEN].text[0] ? v[T_REDEN].text : NULL, r->user->id);
	struct audit_entry e = {.medewerker_id = r->user->id, .action = "aanmelding.termijn", .object_type = "aanmelding",
	                        .object_id = id, .huishouden_id = a.huishouden_id, .client_addr = r->client_addr};
	if (s == DB_OK)
		s = audit_append(d, &e);
	if (s != DB_OK || db_commit(d) != 0) {
		db_rollback(d);
		if (s != DB_NOT_FOUND)
			return -1;
		const char *msg = "Iemand anders heeft deze aanmelding intussen gewijzigd. Hieronder staat de termijn zoals "
		                  "die nu is; uw invoer staat er nog.";
		if (r->is_api)
			return reply_error(r, ERR_CONFLICT, msg);
		if (db_aanmelding_get(d, r->arena, id, &a) != DB_OK)
			return -1;
		v[T_VERSIE].text = arena_printf(r->arena, "%lld", (long long)a.version);
		return render(r, &a, v, 409, msg);
	}
	if (db_aanmelding_get(d, r->arena, id, &a) != DB_OK)
		return -1;
	if (r->is_api)
		return reply_json(r, 200, json_pack("{s:I, s:o}", "id", (json_int_t)id, "termijn", current(&a)));
	return reply_redirect(r, arena_printf(r->arena, "/aanmeldingen/%lld?termijn=1", (long long)id));
}
