/* voorziening_api.c - the JSON API of a household's voorzieningen: list,
 * create, get, update (versioned) and a status step, with the toewijzing
 * of a maatwerk voorziening under its iWmo/iJw names.  The field table,
 * checks and storing are shared with the pages (src/voorziening_shared.c). */
#include <inttypes.h>
#include <string.h>

#include "access.h"
#include "care.h"
#include "db_voorziening.h"
#include "form.h"
#include "handlers.h"
#include "voorziening_shared.h"
#include "voorziening_stap.h"


/* ---- API ------------------------------------------------------------------------- */

/* The API's representation of a stored row (stolen): our own field names,
 * and for maatwerk the toewijzing under its iWmo/iJw names. */
static json_t *api_json(json_t *row)
{
	char at[21];
	fmt_iso8601(num(row, "aangemaakt_op"), at);
	json_object_set_new(row, "aangemaakt_op", json_string(at));
	if (json_object_get(row, "gewijzigd_op")) {
		fmt_iso8601(num(row, "gewijzigd_op"), at);
		json_object_set_new(row, "gewijzigd_op", json_string(at));
	}
	if (strcmp(str(row, "soort"), "maatwerk") != 0)
		return row;
	/* The number the provider knows from the 301 (issue 14); none before a
	 * toewijzing was made. */
	if (json_object_get(row, "toewijzing_bericht"))
		json_object_set(row, "ToewijzingNummer", json_object_get(row, "toewijzing_bericht"));
	json_object_set_new(row, "Product", json_pack("{s:s, s:s}", "Categorie", str(row, "product_categorie"),
	                                              "Code", str(row, "product_code")));
	json_object_set_new(row, "Ingangsdatum", json_string(str(row, "ingangsdatum")));
	json_object_set_new(row, "Einddatum", json_string(str(row, "einddatum")));
	json_object_set_new(row, "Omvang", json_pack("{s:I, s:s, s:s}", "Volume", (json_int_t)num(row, "volume"),
	                    "Eenheid", voorziening_unit_iwmo(str(row, "eenheid")),
	                    "Frequentie", voorziening_freq_iwmo(str(row, "frequentie"))));
	json_object_set_new(row, "Budget", json_integer(num(row, "kosten_centen")));
	return row;
}

static int reply_one(struct req *r, db *d, unsigned status, int64_t id)
{
	json_t *row;
	if (db_voorziening_get(d, id, &row) != DB_OK)
		return -1;
	return reply_json(r, status, api_json(row));
}

int h_api_voorziening_list(struct req *r)
{
	int64_t hh = req_param_id(r, 0);
	struct hh_access_info acc;
	if (require_household(r, hh, "voorziening.list", "huishouden", hh, &acc) != 0)
		return 0;
	db *d = db_get();
	if (!d)
		return -1;
	json_t *list = db_voorziening_list(d, hh);
	size_t i;
	json_t *row;
	json_array_foreach(list, i, row)
		api_json(row);
	return reply_json(r, 200, json_pack("{s:o}", "voorzieningen", list));
}

int h_api_voorziening_create(struct req *r)
{
	int64_t hh = req_param_id(r, 0);
	struct hh_access_info acc;
	if (require_household(r, hh, NULL, NULL, 0, &acc) != 0)
		return 0;
	db *d = db_get();
	if (!d)
		return -1;
	struct field_value v[V_COUNT] = {0};
	form_validate_json(r->arena, r->json, voorziening_rules, V_NEW_COUNT, v);
	voorziening_goals_from_json(r, r->json, v);
	struct voorziening_input in;
	if (voorziening_check(r, d, hh, NULL, v, &in) > 0)
		return reply_json_validation(r, form_errors_json(voorziening_rules, V_NEW_COUNT, v));
	int64_t id = 0;
	if (voorziening_store_new(r, d, hh, &in, &acc, &id) != DB_OK || reply_one(r, d, 201, id) != 0)
		return -1;
	reply_header(r, "Location", arena_printf(r->arena, "/api/v1/voorzieningen/%" PRId64, id));
	return 0;
}

int h_api_voorziening_get(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	json_t *row;
	struct hh_access_info acc;
	if (voorziening_load(r, d, req_param_id(r, 0), "voorziening.view", &row, &acc) != 0)
		return 0;
	return reply_json(r, 200, api_json(row));
}

int h_api_voorziening_update(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	json_t *row;
	struct hh_access_info acc;
	if (voorziening_load(r, d, req_param_id(r, 0), NULL, &row, &acc) != 0)
		return 0;
	int64_t hh = num(row, "huishouden_id"), id = num(row, "id");
	struct field_value v[V_COUNT] = {0};
	form_validate_json(r->arena, r->json, voorziening_rules, V_COUNT, v);
	voorziening_goals_from_json(r, r->json, v);
	struct voorziening_input in;
	json_t *now = NULL;
	int rc;
	if (voorziening_is_closed(row)) {
		rc = care_reply_conflict(r, voorziening_closed_message, api_json(json_incref(row)));
	} else if (voorziening_check(r, d, hh, row, v, &in) > 0 || v[V_VERSIE].error) {
		rc = reply_json_validation(r, form_errors_json(voorziening_rules, V_COUNT, v));
	} else {
		enum db_status s = voorziening_store_edit(r, d, row, v[V_VERSIE].id, &in, &acc, &now);
		if (s == DB_NOT_FOUND) {
			const char *msg = voorziening_conflict_message(r, now);
			rc = care_reply_conflict(r, msg, api_json(now));
			now = NULL;
		} else {
			rc = s == DB_OK ? reply_one(r, d, 200, id) : -1;
		}
	}
	json_decref(row);
	return rc;
}

int h_api_voorziening_status(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	json_t *row;
	struct hh_access_info acc;
	if (voorziening_load(r, d, req_param_id(r, 0), NULL, &row, &acc) != 0)
		return 0;
	int64_t id = num(row, "id");
	struct field_value v[S_COUNT] = {0};
	form_validate_json(r->arena, r->json, voorziening_status_rules, S_COUNT, v);
	json_t *now = NULL;
	enum db_status s = v[S_VERSIE].error ? DB_CONSTRAINT : voorziening_status_step(r, d, row, v, &acc, &now);
	json_decref(row);
	if (s == DB_CONSTRAINT)
		return reply_json_validation(r, form_errors_json(voorziening_status_rules, S_COUNT, v));
	if (s == DB_NOT_FOUND) {
		const char *msg = voorziening_conflict_message(r, now);
		return care_reply_conflict(r, msg, api_json(now));
	}
	return s == DB_OK ? reply_one(r, d, 200, id) : -1;
}
