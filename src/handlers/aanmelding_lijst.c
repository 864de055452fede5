/* aanmelding_lijst.c - the queue of open requests (all, to pick up, mine;
 * the open veiligheidszorgen first) and one request, as pages; the
 * question only for those who may see the household's contents
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
#include "sorteer.h"
#include "huishouden_form.h"
#include "veiligheid.h"

/* The queue's query: which list ("alle", "op-te-pakken": nobody picked
 * it up yet, "mijn": picked up by me) and the note after registering an
 * aanmelding without access (after_store in aanmelding.c). */
static const char *const queue_lists[] = {"alle", "op-te-pakken", "mijn", NULL};
static const struct field_rule note_rules[] = {
	{.name = "geregistreerd", .label = "Geregistreerde aanmelding", .kind = FIELD_ID},
	{.name = "team", .label = "Team", .kind = FIELD_ID},
	{.name = "lijst", .label = "Lijst", .kind = FIELD_CHOICE, .choices = queue_lists},
};
enum { Q_REGISTERED, Q_TEAM, Q_LIST, Q_COUNT };

/* The queue's sortable columns. */
static const struct sort_col queue_cols[] = {
	{"huishouden", "Huishouden", "address", SORT_TEXT, false},
	{"prioriteit", "Veiligheid en urgentie", "prioriteit", SORT_NUM, true},
	{"wacht", "Wacht", "age_days", SORT_NUM, true},
	{"termijn", "Termijn", "termijn_deadline", SORT_TEXT, false},
	{"wie", "Wie werkt eraan", "wie", SORT_TEXT, false},
};

int h_aanmelding_queue(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct field_value note[Q_COUNT];
	form_validate(r->arena, r->query, note_rules, Q_COUNT, note);
	unsigned list = note[Q_LIST].error ? 0 : note[Q_LIST].bits;
	int64_t total = 0;
	json_t *rows = aanmelding_queue_rows(r, d, &total);
	if (!rows)
		return -1;
	if (audit_view(r, "aanmelding.list", "aanmelding", 0, 0, NULL) != 0) {
		json_decref(rows);
		return -1;
	}
	if (note[Q_LIST].text[0] && list != 0) {
		/* Op te pakken: nobody works it yet; mijn: I do. */
		json_t *kept = json_array();
		size_t i;
		json_t *row;
		json_array_foreach(rows, i, row) {
			/* With a regisseur acting, the regisseur works it: not in the
			 * list to pick up. */
			bool taken = json_object_get(row, "behandelaar") != NULL || json_object_get(row, "regisseur") != NULL;
			/* "Op te pakken" is what this user may pick up: another
			 * team's queue is not hers to work. */
			bool mine_to_take = !taken && json_is_true(json_object_get(row, "may_pick_up"));
			if ((list == 1 && mine_to_take) || (list == 2 && json_is_true(json_object_get(row, "is_mine"))))
				json_array_append(kept, row);
		}
		json_decref(rows);
		rows = kept;
		total = (int64_t)json_array_size(rows);
	}
	json_t *data = json_object();
	/* The queue's own order is safety, urgency, age; any column can sort
	 * it instead, the list chosen kept (issue 13 item 4). */
	static const char *const keep[] = {"lijst", NULL};
	if (sort_apply(r, rows, queue_cols, ARRAY_LEN(queue_cols), "sorteer", "/aanmeldingen", keep, data, "kop") != 0) {
		json_decref(rows);
		json_decref(data);
		return -1;
	}
	/* Safety first: the open veiligheidszorgen head the queue. */
	if (veiligheid_list_fill(r, d, data) != DB_OK) {
		json_decref(rows);
		json_decref(data);
		return -1;
	}
	json_object_set_new(data, list == 1 ? "list_open" : list == 2 ? "list_mine" : "list_all", json_true());
	json_object_set_new(data, "total", json_integer(total));
	json_object_set_new(data, "one", json_boolean(total == 1));
	json_object_set_new(data, "shown", json_integer((json_int_t)json_array_size(rows)));
	json_object_set_new(data, "more", json_boolean(total > (int64_t)json_array_size(rows)));
	json_object_set_new(data, "has_rows", json_boolean(json_array_size(rows) > 0));
	json_object_set_new(data, "rows", rows);
	if (note[Q_REGISTERED].text[0] && !note[Q_REGISTERED].error) {
		/* The team that picks it up, by name when the link names one. */
		struct org_item team = {0};
		if (note[Q_TEAM].error || !note[Q_TEAM].id ||
		    db_org_get(d, r->arena, ORG_TEAM, note[Q_TEAM].id, &team) != DB_OK)
			team.name = NULL;
		json_object_set_new(data, "notice", json_string(
			team.name ? arena_printf(r->arena, "De aanmelding is geregistreerd en staat in de wachtrij van %s. "
			                         "U heeft geen toegang tot de inhoud van dit huishouden; dat team (of de "
			                         "regisseur) pakt de aanmelding op.", team.name)
			          : "De aanmelding is geregistreerd. U heeft geen toegang tot de inhoud van dit huishouden; "
			            "de regisseur of het team dat de wachtrij van het gebied werkt pakt de aanmelding op."));
	}
	return reply_page(r, 200, "aanmeldingen", "Aanmeldingen", data);
}

int h_aanmelding_show(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	int64_t id = req_param_id(r, 0);
	struct aanmelding a;
	enum db_status s = db_aanmelding_get(d, r->arena, id, &a);
	if (s == DB_NOT_FOUND)
		return reply_error(r, ERR_NOT_FOUND, "Deze aanmelding bestaat niet.");
	if (s != DB_OK)
		return -1;
	struct hh_access_info acc;
	if (require_household(r, a.huishouden_id, "aanmelding.view", "aanmelding", id, &acc) != 0)
		return 0;
	json_t *o = aanmelding_json(&a, now_unix());
	json_object_set_new(o, "created_by", json_string(a.created_by));
	json_object_set_new(o, "status_label", json_string(strcmp(a.status, "open") == 0 ? "Open"
	                    : strcmp(a.status, "in_behandeling") == 0 ? "In behandeling" : "Afgesloten"));
	json_t *names = db_persoon_names(d, a.huishouden_id);
	if (!names) {
		json_decref(o);
		return -1;
	}
	json_t *data = json_object();
	bool open = strcmp(a.status, "open") == 0;
	if (a.behandelaar)
		json_object_set_new(o, "behandelaar", json_string(a.behandelaar));
	json_object_set_new(o, "is_mine", json_boolean(a.behandelaar_id == r->user->id));
	/* Oppakken: the queue's team (or the regisseur, a teamleider) while it
	 * is open; a teamleider may hand it to someone. */
	json_object_set_new(data, "may_pick_up", json_boolean(open && acc.may_steer && !a.behandelaar_id));
	if (open && acc.may_steer && (r->user->roles & ROLE_TEAMLEIDER)) {
		json_t *who = db_regie_suggestions(d, a.huishouden_id);
		if (!who) {
			json_decref(o);
			json_decref(names);
			json_decref(data);
			return -1;
		}
		json_object_set_new(data, "may_hand", json_true());
		json_object_set_new(data, "candidates", who);
	}
	if (req_query(r, "kies_medewerker")) {
		/* At the field and, like every form's errors, in the summary at the
		 * top, which leads to it. */
		static const char msg[] = "Kies een actieve consulent of gebiedsteamlid.";
		json_object_set_new(data, "hand_error", json_string(msg));
		if (form_add_error(data, "medewerker", "Toewijzen aan", msg) != 0) {
			json_decref(data);
			return -1;
		}
	}
	if (req_query(r, "opgepakt"))
		json_object_set_new(data, "notice", json_string("U heeft de aanmelding opgepakt. U zit nu in het "
		                                                "casusteam van het huishouden."));
	else if (req_query(r, "termijn"))
		json_object_set_new(data, "notice", json_string("De termijn is opgeslagen."));
	else if (req_query(r, "toegewezen"))
		json_object_set_new(data, "notice", json_string("De aanmelding is toegewezen; de behandelaar zit nu in het "
		                                                "casusteam van het huishouden."));
	json_object_set_new(data, "a", o);
	json_object_set_new(data, "leden", names);
	return reply_page(r, 200, "aanmelding", "Aanmelding", data);
}
