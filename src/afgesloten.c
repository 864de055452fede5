/* afgesloten.c - how a closed household shows on the pages of its
 * contents: heropenen_to_page (include/overview.h) says whether it is
 * closed, since when and why, and links to reopening it
 * (src/handlers/heropenen.c).  Used by the household page, the plan pages
 * (src/plan_shared.c) and the voorziening pages. */
#include "db_heropenen.h"
#include "domain.h"
#include "overview.h"
#include "util.h"

enum db_status heropenen_to_page(struct req *r, db *d, int64_t hh, json_t *data)
{
	const char *on, *reason;
	enum db_status s = db_closed_info(d, r->arena, hh, &on, &reason);
	if (s != DB_OK)
		return s;
	json_object_set_new(data, "closed", json_boolean(on != NULL));
	if (on) {
		char nl[11];
		fmt_date_nl(on, nl);
		json_object_set_new(data, "closed_nl", json_string(nl));
		json_object_set_new(data, "closed_reason_label", json_string(vocab_label(&vocab_end_reason, reason)));
		json_object_set_new(data, "heropenen_href",
		                    json_string(arena_printf(r->arena, "/huishoudens/%lld/heropenen", (long long)hh)));
	}
	return DB_OK;
}
