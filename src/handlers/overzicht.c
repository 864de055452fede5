/* overzicht.c - the household page.
 *
 * The page is assembled from the modules that own each part (overview.h);
 * this file adds regie, casusteam and the accesses by exception, and audits
 * the view once. */
#include <string.h>

#include "access.h"
#include "audit.h"
#include "db_regie.h"
#include "handlers.h"
#include "overview.h"

int h_household(struct req *r)
{
	int64_t hh = req_param_id(r, 0);
	struct hh_access_info acc;
	if (require_household(r, hh, "huishouden.view", "huishouden", hh, &acc) != 0)
		return 0;
	db *d = db_get();
	if (!d)
		return -1;
	json_t *data = json_object();
	if (overview_fill_household(r, d, hh, data) != DB_OK || overview_fill_care(r, d, hh, data) != DB_OK ||
	    overview_fill_plan(r, d, hh, data) != DB_OK || overview_fill_voorzieningen(r, d, hh, data) != DB_OK) {
		json_decref(data);
		return -1;
	}
	json_t *team = db_casusteam_list(d, hh);
	json_object_set_new(data, "has_casusteam", json_boolean(json_array_size(team) > 0));
	json_object_set_new(data, "casusteam", team);
	json_t *exceptions = db_exceptions_for_household(d, hh);
	json_object_set_new(data, "has_exceptions", json_boolean(json_array_size(exceptions) > 0));
	json_object_set_new(data, "exceptions", exceptions);
	if (acc.by_exception)
		json_object_set_new(data, "exception_reason", json_string(acc.exception_reason));
	json_object_set_new(data, "hh_id", json_integer(hh));
	json_t *h = json_object_get(data, "huishouden");
	const char *address = h ? json_string_value(json_object_get(h, "address")) : NULL;
	return reply_page(r, 200, "huishouden", address ? address : "Huishouden", data);
}

