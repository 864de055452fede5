/* veiligheid.c - see veiligheid.h. */
#include "veiligheid.h"

#include <stdio.h>

#include "access.h"
#include "audit.h"

enum db_status veiligheid_open_tx(struct req *r, db *d, const struct veiligheid_new *in, int64_t *id_out)
{
	enum db_status s = db_veiligheid_insert(d, in, r->user->id, id_out);
	if (s != DB_OK)
		return s;
	struct audit_entry e = {.medewerker_id = r->user->id, .action = "veiligheidszorg.open",
	                        .object_type = "veiligheidszorg", .object_id = *id_out,
	                        .huishouden_id = in->huishouden_id, .client_addr = r->client_addr};
	return audit_append(d, &e);
}

enum db_status veiligheid_notice_tx(struct req *r, db *d, const struct veiligheid_new *in, bool *opened)
{
	*opened = false;
	int64_t existing = 0, open = 0, since = 0, id = 0;
	enum db_status s = db_veiligheid_open_of(d, in->huishouden_id, &existing, &open, &since);
	if (s != DB_OK || existing)
		return s;
	s = veiligheid_open_tx(r, d, in, &id);
	*opened = s == DB_OK;
	return s;
}

void veiligheid_age(int64_t opened_at, char out[32])
{
	int64_t days = (now_unix() - opened_at) / 86400;
	if (days <= 0)
		snprintf(out, 32, "vandaag");
	else
		snprintf(out, 32, "%lld %s", (long long)days, days == 1 ? "dag" : "dagen");
}

enum { VEILIGHEID_LIST_MAX = 200 };

enum db_status veiligheid_list_fill(struct req *r, db *d, json_t *data)
{
	json_t *list = db_veiligheid_open_list(d, VEILIGHEID_LIST_MAX);
	if (!list)
		return DB_ERROR;
	int64_t now = now_unix();
	size_t i;
	json_t *z;
	json_array_foreach(list, i, z) {
		struct hh_access_info acc;
		if (access_household(r, json_integer_value(json_object_get(z, "huishouden_id")), &acc) != DB_OK) {
			json_decref(list);
			return DB_ERROR;
		}
		json_object_set_new(z, "may_view", json_boolean(acc.level == HH_FULL && !acc.by_exception));
		int64_t opened = json_integer_value(json_object_get(z, "opened_at"));
		int64_t days = (now - opened) / 86400;
		char age[32];
		veiligheid_age(opened, age);
		json_object_set_new(z, "leeftijd", json_string(age));
		json_object_set_new(z, "leeftijd_dagen", json_integer(days > 0 ? days : 0));
	}
	json_object_set_new(data, "has_veiligheid_lijst", json_boolean(json_array_size(list) > 0));
	json_object_set_new(data, "veiligheid_lijst", list);
	return DB_OK;
}
