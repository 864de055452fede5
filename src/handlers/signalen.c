/* signalen.c - the teamleider's signals page (issue 16 item 4,
 * docs/sturen.md): providers and products whose new clients rise sharply
 * this month, households with possibly overlapping support, and maatwerk
 * ending within 8 weeks without an evaluation planned; and the team's
 * thresholds for the first.  The team dashboard shows their counts. */
#include <string.h>

#include "audit.h"
#include "db_signalen.h"
#include "form.h"
#include "handlers.h"
#include "signalen.h"
#include "team_shared.h"

enum { S_PROCENT, S_MINIMUM, S_COUNT };
static const struct field_rule rules[S_COUNT] = {
	[S_PROCENT] = {.name = "groei_procent", .label = "Stijging van meer dan (procent)",
	               .kind = FIELD_INT, .required = true, .min = 5, .max = 500},
	[S_MINIMUM] = {.name = "groei_minimum", .label = "En ten minste (nieuwe cliënten)",
	               .kind = FIELD_INT, .required = true, .min = 1, .max = 100},
};

static int render(struct req *r, db *d, struct field_value *v, unsigned status, const char *notice)
{
	json_t *data = json_object();
	const char *name = NULL;
	enum db_status s = team_own_name(r, d, &name);
	if (s == DB_NOT_FOUND) {
		json_object_set_new(data, "geen_team", json_true());
		return reply_page(r, status, "team-signalen", "Signalen", data);
	}
	if (s != DB_OK || signalen_fill(r, d, r->user->team_id, data) != DB_OK) {
		json_decref(data);
		return -1;
	}
	json_object_set_new(data, "team", json_string(name));
	team_setting_form(r, data, rules, v, json_integer_value(json_object_get(data, "groei_procent")),
	                  json_integer_value(json_object_get(data, "groei_minimum")));
	if (notice)
		json_object_set_new(data, "melding", json_string(notice));
	return reply_page(r, status, "team-signalen", arena_printf(r->arena, "Signalen voor %s", name), data);
}

int h_signalen(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	if (audit_view(r, "signalen.view", "team", r->user->team_id, 0, NULL) != 0)
		return -1;
	const char *saved = req_query(r, "opgeslagen");
	return render(r, d, NULL, 200, saved && strcmp(saved, "1") == 0 ? "De drempels zijn opgeslagen." : NULL);
}

int h_signalen_instellingen(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct field_value *v = arena_alloc(r->arena, S_COUNT * sizeof *v);
	int rc = team_setting_save(r, d, rules, v, "signalen.drempels", db_signalen_instelling_set,
	                           "/team/signalen?opgeslagen=1");
	return rc > 0 ? render(r, d, rc == 409 ? NULL : v, (unsigned)rc, NULL) : rc;
}
