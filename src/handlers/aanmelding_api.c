/* aanmelding_api.c - requests in the JSON API: the queue, one request,
 * and registering one (for a known household by huishouden_id, or for a
 * new household with its persons), with the checks of the form
 * (src/aanmelding_shared.c). */
#include <stdio.h>
#include <string.h>

#include "aanmelding_shared.h"
#include "access.h"
#include "audit.h"
#include "db_aanmelding.h"
#include "db_organisatie.h"
#include "db_regie.h"
#include "domain.h"
#include "handlers.h"
#include "huishouden_form.h"
#include "veiligheid.h"

enum { API_MAX_PERSONS = 20 };

/* The API names the chosen household "huishouden_id" ("huishouden" is the
 * new household's object there). */
static const struct field_rule api_hh_rule[] = {
	{.name = "huishouden_id", .label = "Huishouden", .kind = FIELD_ID},
	{.name = "bezoek_id", .label = "Bezoek op het spreekuur", .kind = FIELD_ID},
	{.name = "signaal_id", .label = "Signaal", .kind = FIELD_ID},
};
enum { API_HH, API_BEZOEK, API_SIGNAAL, API_COUNT };

/* ---- the JSON API --------------------------------------------------------------- */

/* The API form of an aanmelding row (queue or detail); question only when
 * with_question. */
static json_t *api_row(json_t *row, bool with_question)
{
	json_t *o = json_object();
	char iso[21];
	fmt_iso8601(json_integer_value(json_object_get(row, "received_at")), iso);
	json_object_set(o, "id", json_object_get(row, "id"));
	json_object_set(o, "huishouden_id", json_object_get(row, "huishouden_id"));
	json_object_set(o, "kanaal", json_object_get(row, "channel"));
	if (json_object_get(row, "referrer_kind"))
		json_object_set(o, "verwijzer_soort", json_object_get(row, "referrer_kind"));
	if (json_object_get(row, "referrer_org"))
		json_object_set(o, "verwijzer", json_object_get(row, "referrer_org"));
	json_object_set(o, "medium", json_object_get(row, "medium"));
	if (with_question)
		json_object_set(o, "vraag", json_object_get(row, "question"));
	json_object_set(o, "urgentie", json_object_get(row, "urgency"));
	json_object_set(o, "meldcode", json_object_get(row, "safety_concern"));
	json_object_set(o, "soort", json_object_get(row, "soort"));
	if (json_object_get(row, "aanvraag_ontvangen"))
		json_object_set(o, "aanvraag_ontvangen", json_object_get(row, "aanvraag_ontvangen"));
	json_object_set(o, "termijn", json_object_get(row, "termijn"));
	json_object_set_new(o, "ontvangen", json_string(iso));
	json_object_set(o, "leeftijd_dagen", json_object_get(row, "age_days"));
	json_object_set(o, "adres", json_object_get(row, "address"));
	if (json_object_get(row, "name"))
		json_object_set(o, "naam", json_object_get(row, "name"));
	if (json_object_get(row, "regisseur"))
		json_object_set(o, "regisseur", json_object_get(row, "regisseur"));
	return o;
}

int h_api_aanmelding_list(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	int64_t total = 0;
	json_t *rows = aanmelding_queue_rows(r, d, &total);
	if (!rows)
		return -1;
	if (audit_view(r, "aanmelding.list", "aanmelding", 0, 0, NULL) != 0) {
		json_decref(rows);
		return -1;
	}
	json_t *list = json_array();
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row)
		json_array_append_new(list, api_row(row, json_is_true(json_object_get(row, "may_view"))));
	json_decref(rows);
	return reply_json(r, 200, json_pack("{s:o, s:I}", "aanmeldingen", list, "totaal", (json_int_t)total));
}

static int api_show(struct req *r, db *d, int64_t id, unsigned status)
{
	struct aanmelding a;
	enum db_status s = db_aanmelding_get(d, r->arena, id, &a);
	if (s == DB_NOT_FOUND)
		return reply_error(r, ERR_NOT_FOUND, "Deze aanmelding bestaat niet.");
	if (s != DB_OK)
		return -1;
	struct hh_access_info acc;
	if (status == 200 &&
	    require_household(r, a.huishouden_id, "aanmelding.view", "aanmelding", id, &acc) != 0)
		return 0;
	json_t *row = aanmelding_json(&a, now_unix());
	json_t *o = api_row(row, true);
	json_decref(row);
	json_object_set_new(o, "status", json_string(a.status));
	json_object_set_new(o, "geregistreerd_door", json_string(a.created_by));
	if (a.persoon_id)
		json_object_set_new(o, "persoon_id", json_integer(a.persoon_id));
	return reply_json(r, status, o);
}

int h_api_aanmelding_get(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	return api_show(r, d, req_param_id(r, 0), 200);
}

/* Adds the errors of one table to fields, each name prefixed. */
static void api_errors(json_t *fields, const char *prefix, const struct field_rule *table, size_t n,
                       const struct field_value *v)
{
	for (size_t i = 0; i < n; i++) {
		if (!v[i].error)
			continue;
		char key[160];
		snprintf(key, sizeof key, "%s%s", prefix, table[i].name);
		json_object_set_new(fields, key, json_string(v[i].error));
	}
}

/* 409 naming the stored persons that the new household would duplicate. */
static int api_duplicates(struct req *r, int n, const bool *found, const struct persoon_dup *dups)
{
	json_t *list = json_array();
	for (int i = 0; i < n; i++)
		if (found[i])
			json_array_append_new(list, person_dup_api_json(&dups[i]));
	return api_conflict(r, "Deze persoon is al bekend. Registreer de aanmelding voor het bestaande "
	                       "huishouden (huishouden_id).", "bestaand", list);
}

int h_api_aanmelding_create(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	if (!json_is_object(r->json))
		return reply_error(r, ERR_BAD_REQUEST, "Verwacht een JSON-object.");
	struct field_value v[F_COUNT], hv[API_COUNT];
	form_validate_json(r->arena, r->json, aanmelding_rules, F_HH, v);
	/* huishouden, bezoek and signaal have their API names (api_hh_rule);
	 * the term's fields follow them in the table. */
	for (int i = F_HH; i < F_SOORT; i++) {
		memset(&v[i], 0, sizeof v[i]);
		v[i].text = "";
	}
	form_validate_json(r->arena, r->json, &aanmelding_rules[F_SOORT], F_COUNT - F_SOORT, &v[F_SOORT]);
	aanmelding_request_check(v);
	form_validate_json(r->arena, r->json, api_hh_rule, API_COUNT, hv);
	json_t *fields = json_object();
	api_errors(fields, "", aanmelding_rules, F_HH, v);
	api_errors(fields, "", &aanmelding_rules[F_SOORT], F_COUNT - F_SOORT, &v[F_SOORT]);
	api_errors(fields, "", api_hh_rule, API_COUNT, hv);

	json_t *hobj = json_object_get(r->json, "huishouden");
	struct aanmelding_input in;
	aanmelding_request_input(v, &in);
	in.huishouden_id = hv[0].id;
	struct huishouden_input newh;
	struct persoon_input *persons = NULL;
	int n = 0;
	if (hv[0].id && hobj) {
		json_object_set_new(fields, "huishouden", json_string("Geef huishouden_id of huishouden, niet allebei."));
	} else if (hv[0].id) {
		bool exists;
		if (db_huishouden_exists(d, hv[0].id, &exists) != DB_OK) {
			json_decref(fields);
			return -1;
		}
		if (!exists)
			json_object_set_new(fields, "huishouden_id", json_string("Dit huishouden bestaat niet."));
	} else if (!hobj && !hv[0].error) {
		json_object_set_new(fields, "huishouden_id", json_string("Geef huishouden_id (een bekend huishouden) "
		                    "of huishouden (een nieuw huishouden met personen)."));
	} else if (hobj && !json_is_object(hobj)) {
		json_object_set_new(fields, "huishouden", json_string("Verwacht een object met adres en personen."));
	} else if (hobj) {
		struct field_value addr[A_COUNT];
		form_validate_json(r->arena, hobj, address_rules, A_COUNT, addr);
		address_check(r, d, addr);
		api_errors(fields, "huishouden.", address_rules, A_COUNT, addr);
		address_input(addr, &newh);
		json_t *plist = json_object_get(hobj, "personen");
		size_t count = json_is_array(plist) ? json_array_size(plist) : 0;
		if (count < 1 || count > API_MAX_PERSONS) {
			json_object_set_new(fields, "huishouden.personen",
			                    json_sprintf("Geef 1 tot en met %d personen.", API_MAX_PERSONS));
		} else {
			persons = arena_alloc(r->arena, count * sizeof *persons);
			for (size_t i = 0; i < count; i++) {
				struct field_value *pv = arena_alloc(r->arena, P_COUNT * sizeof *pv);
				json_t *item = json_array_get(plist, i);
				char prefix[64];
				snprintf(prefix, sizeof prefix, "huishouden.personen[%zu].", i);
				if (!json_is_object(item)) {
					json_object_set_new(fields, arena_printf(r->arena, "huishouden.personen[%zu]", i),
					                    json_string("Verwacht een object."));
					continue;
				}
				form_validate_json(r->arena, item, person_rules, P_COUNT, pv);
				person_check(r, pv);
				api_errors(fields, prefix, person_rules, P_COUNT, pv);
				person_input(pv, &persons[n++]);
			}
		}
	}
	if (json_object_size(fields))
		return reply_json_validation(r, fields);
	json_decref(fields);
	struct herkomst origin;
	int rc = aanmelding_origin_load(r, d, hv[API_BEZOEK].id, hv[API_SIGNAAL].id, &origin);
	if (rc != 0)
		return rc > 0 ? 0 : -1;

	int64_t hh = 0, id = 0;
	if (persons) {
		bool *found = arena_alloc(r->arena, (size_t)n * sizeof *found);
		struct persoon_dup *dups = arena_alloc(r->arena, (size_t)n * sizeof *dups);
		int *same_as = arena_alloc(r->arena, (size_t)n * sizeof *same_as);
		int dup_count = aanmelding_find_duplicates(r, d, persons, n, found, dups, same_as);
		if (dup_count < 0)
			return -1;
		for (int i = 0; i < n; i++) {
			if (same_as[i] < 0)
				continue;
			json_t *f = json_object();
			json_object_set_new(f, arena_printf(r->arena, "huishouden.personen[%d]", i),
			                    json_sprintf("Deze persoon staat al in de lijst (personen[%d]).", same_as[i]));
			return reply_json_validation(r, f);
		}
		if (dup_count)
			return api_duplicates(r, n, found, dups);
		enum db_status s = aanmelding_store(r, d, &in, &newh, persons, n, &origin, &hh, &id);
		if (s == DB_NOT_FOUND)
			return reply_error(r, ERR_CONFLICT, aanmelding_origin_closed_message(&origin));
		if (s == DB_CONSTRAINT) {
			if (aanmelding_find_duplicates(r, d, persons, n, found, dups, same_as) <= 0)
				return -1;
			return api_duplicates(r, n, found, dups);
		}
		if (s != DB_OK)
			return -1;
	} else {
		enum db_status s = aanmelding_store(r, d, &in, NULL, NULL, 0, &origin, &hh, &id);
		if (s == DB_NOT_FOUND)
			return reply_error(r, ERR_CONFLICT, aanmelding_origin_closed_message(&origin));
		if (s != DB_OK)
			return -1;
	}
	if (api_show(r, d, id, 201) != 0)
		return -1;
	reply_header(r, "Location", arena_printf(r->arena, "/api/v1/aanmeldingen/%lld", (long long)id));
	return 0;
}
