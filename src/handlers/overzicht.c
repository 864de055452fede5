/* overzicht.c - the household page.
 *
 * The page is assembled from the modules that own each part (overview.h);
 * this file adds regie, casusteam and the accesses by exception, and audits
 * the view once. */
#include <string.h>

#include "access.h"
#include "audit.h"
#include "db_regie.h"
#include "db_veiligheid.h"
#include "veiligheid.h"
#include "handlers.h"
#include "overview.h"

/* The veiligheidszorgen of hh: the open ones for the red banner (with
 * their age), the closed ones as links. */
static enum db_status veiligheid_fill(db *d, int64_t hh, json_t *data)
{
	json_t *all = db_veiligheid_for_household(d, hh);
	if (!all)
		return DB_ERROR;
	json_t *open = json_array(), *closed = json_array();
	size_t i;
	json_t *z;
	json_array_foreach(all, i, z) {
		bool is_open = strcmp(json_string_value(json_object_get(z, "status")), "open") == 0;
		if (is_open) {
			char age[32];
			veiligheid_age(json_integer_value(json_object_get(z, "opened_at")), age);
			json_object_set_new(z, "leeftijd", json_string(age));
		}
		json_array_append(is_open ? open : closed, z);
	}
	json_decref(all);
	json_object_set_new(data, "veiligheid_open", json_boolean(json_array_size(open) > 0));
	json_object_set_new(data, "veiligheidszorgen_open", open);
	json_object_set_new(data, "has_closed_zorg", json_boolean(json_array_size(closed) > 0));
	json_object_set_new(data, "veiligheidszorgen_gesloten", closed);
	return DB_OK;
}

/* Reads everything the page shows in one snapshot; NULL after a database
 * error. */
static json_t *household_data(struct req *r, db *d, int64_t hh, const struct hh_access_info *acc)
{
	json_t *data = json_object();
	if (overview_fill_household(r, d, hh, data) != DB_OK || overview_fill_care(r, d, hh, data) != DB_OK ||
	    overview_fill_plan(r, d, hh, data) != DB_OK || overview_fill_voorzieningen(r, d, hh, data) != DB_OK) {
		json_decref(data);
		return NULL;
	}
	json_t *team = db_casusteam_list(d, hh);
	json_object_set_new(data, "has_casusteam", json_boolean(json_array_size(team) > 0));
	json_object_set_new(data, "casusteam", team);
	json_t *exceptions = db_exceptions_for_household(d, hh);
	json_object_set_new(data, "has_exceptions", json_boolean(json_array_size(exceptions) > 0));
	json_object_set_new(data, "exceptions", exceptions);
	if (acc->by_exception)
		json_object_set_new(data, "exception_reason", json_string(acc->exception_reason));
	json_object_set_new(data, "hh_id", json_integer(hh));
	json_object_set_new(data, "may_steer", json_boolean(acc->may_steer));
	if (veiligheid_fill(d, hh, data) != DB_OK) {
		json_decref(data);
		return NULL;
	}
	return data;
}

int h_household(struct req *r)
{
	int64_t hh = req_param_id(r, 0);
	db *d = db_get();
	if (!d || db_read_begin(d) != 0)
		return -1;
	struct hh_access_info acc;
	json_t *data = NULL;
	int denied = require_household(r, hh, "huishouden.view", "huishouden", hh, &acc);
	if (!denied)
		data = household_data(r, d, hh, &acc);
	if (data && heropenen_to_page(r, d, hh, data) != DB_OK) {
		json_decref(data);
		data = NULL;
	}
	db_read_end(d);
	if (denied)
		return 0;
	if (!data)
		return -1;
	json_t *h = json_object_get(data, "huishouden");
	const char *address = h ? json_string_value(json_object_get(h, "address")) : NULL;
	return reply_page(r, 200, "huishouden", address ? address : "Huishouden", data);
}
