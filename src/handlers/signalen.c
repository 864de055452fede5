/* signalen.c - the teamleider's signals page (issue 16 item 4,
 * docs/sturen.md): providers and products whose new clients rise sharply
 * this month, households with possibly overlapping support, and maatwerk
 * ending within 8 weeks without an evaluation planned; and the team's
 * thresholds for the first.  The team dashboard shows their counts. */
#include <string.h>

#include "audit.h"
#include "db_bezetting.h"
#include "db_signalen.h"
#include "form.h"
#include "handlers.h"
#include "signalen.h"

enum { S_PROCENT, S_MINIMUM, S_COUNT };
static const struct field_rule rules[S_COUNT] = {
	[S_PROCENT] = {.name = "groei_procent", .label = "Stijging van meer dan (procent)",
	               .kind = FIELD_INT, .required = true, .min = 5, .max = 500},
	[S_MINIMUM] = {.name = "groei_minimum", .label = "En ten minste (nieuwe cliënten)",
	               .kind = FIELD_INT, .required = true, .min = 1, .max = 100},
};

static int render(struct req *r, db *d, struct field_value *v, unsigned status, const char *notice)
{
	int64_t team = r->user->team_id;
	json_t *data = json_object();
	const char *name = NULL;
	if (!team || db_bezetting_team(d, r->arena, team, &name) != DB_OK) {
		json_object_set_new(data, "geen_team", json_true());
		return reply_page(r, status, "team-signalen", "Signalen", data);
	}
	if (signalen_fill(r, d, team, data) != DB_OK) {
		json_decref(data);
		return -1;
	}
	json_object_set_new(data, "team", json_string(name));
	struct field_value shown[S_COUNT];
	if (!v) {
		form_validate(r->arena, NULL, rules, S_COUNT, shown);
		shown[S_PROCENT].text = arena_printf(r->arena, "%lld", (long long)json_integer_value(json_object_get(data, "groei_procent")));
		shown[S_MINIMUM].text = arena_printf(r->arena, "%lld", (long long)json_integer_value(json_object_get(data, "groei_minimum")));
		for (int i = 0; i < S_COUNT; i++)
			shown[i].error = NULL;
		v = shown;
	}
	form_to_page(data, rules, S_COUNT, v);
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
	int errors = form_validate(r->arena, r->form, rules, S_COUNT, v);
	if (!r->user->team_id)
		return render(r, d, NULL, 409, NULL);
	if (errors)
		return render(r, d, v, 422, NULL);
	if (db_begin(d) != 0)
		return -1;
	struct audit_entry e = {.medewerker_id = r->user->id, .action = "signalen.drempels", .object_type = "team",
	                        .object_id = r->user->team_id, .client_addr = r->client_addr};
	if (db_signalen_instelling_set(d, r->user->team_id, v[S_PROCENT].id, v[S_MINIMUM].id, r->user->id) != DB_OK ||
	    audit_append(d, &e) != DB_OK || db_commit(d) != 0) {
		db_rollback(d);
		return -1;
	}
	return reply_redirect(r, "/team/signalen?opgeslagen=1");
}
