/* afsluiten.c - closing a case: a reason and an outcome, refused while an
 * agreement of the household's plan or a voorziening is still open (the
 * page and the API list exactly what is, with where to end it).  Closing
 * moves the plan (when there is one), the household and its open
 * aanmeldingen to afgesloten and notes it in the journal, in one audited
 * transaction. */
#include <string.h>

#include "access.h"
#include "audit.h"
#include "care.h"
#include "db_evaluatie.h"
#include "db_veiligheid.h"
#include "db_journaal.h"
#include "domain.h"
#include "form.h"
#include "handlers.h"


static const char *const voorziening_status_codes[] = {"aangevraagd", "toegekend", "afgewezen", "gestart",
                                                       "beeindigd", NULL};
static const char *const voorziening_status_labels[] = {"Aangevraagd", "Toegekend", "Afgewezen", "Gestart",
                                                        "Beëindigd", NULL};
static const struct vocab vocab_voorziening_status = {voorziening_status_codes, voorziening_status_labels};

enum { C_REDEN, C_UITKOMST, C_COUNT };
static const struct field_rule rules[C_COUNT] = {
	[C_REDEN] = {.name = "reden", .label = "Reden van afsluiten",
	             .kind = FIELD_CHOICE, .required = true, .choices = vocab_end_reason_codes},
	[C_UITKOMST] = {.name = "uitkomst", .label = "Uitkomst", .kind = FIELD_TEXT, .required = true, .max_len = 5000},
};

static const char MSG_OPEN[] =
	"De casus kan nog niet worden afgesloten: beëindig eerst wat hieronder nog openstaat. Uw invoer staat er nog.";
static const char MSG_CLOSED[] = "Dit huishouden is al afgesloten.";

/* What is still open in household hh. */
struct open_list {
	struct open_item *afspraken, *voorzieningen;
	size_t nafspraken, nvoorzieningen;
};

static enum db_status load_open(struct req *r, db *d, int64_t hh, struct open_list *o)
{
	enum db_status s = db_close_open_afspraken(d, r->arena, hh, &o->afspraken, &o->nafspraken);
	if (s == DB_OK)
		s = db_close_open_voorzieningen(d, r->arena, hh, &o->voorzieningen, &o->nvoorzieningen);
	return s;
}

static void open_to_page(struct req *r, int64_t hh, const struct open_list *o, json_t *data)
{
	json_t *al = json_array(), *vl = json_array();
	const char *plan_href = arena_printf(r->arena, "/huishoudens/%lld/plan", (long long)hh);
	for (size_t i = 0; i < o->nafspraken; i++)
		json_array_append_new(al, json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)o->afspraken[i].id, "what",
		                                    o->afspraken[i].what, "due_nl", o->afspraken[i].date_nl, "href",
		                                    plan_href));
	for (size_t i = 0; i < o->nvoorzieningen; i++)
		json_array_append_new(vl, json_pack("{s:I, s:s, s:s, s:s, s:s}", "id", (json_int_t)o->voorzieningen[i].id,
		                                    "what", o->voorzieningen[i].what, "status_label",
		                                    vocab_label(&vocab_voorziening_status, o->voorzieningen[i].status),
		                                    "end_nl", o->voorzieningen[i].date_nl, "href",
		                                    arena_printf(r->arena, "/voorzieningen/%lld",
		                                                 (long long)o->voorzieningen[i].id)));
	json_object_set_new(data, "afspraken_open", al);
	json_object_set_new(data, "voorzieningen_open", vl);
	json_object_set_new(data, "has_afspraken_open", json_boolean(o->nafspraken > 0));
	json_object_set_new(data, "has_voorzieningen_open", json_boolean(o->nvoorzieningen > 0));
	json_object_set_new(data, "has_open", json_boolean(o->nafspraken + o->nvoorzieningen > 0));
}

/* The API's list of what is still open. */
static json_t *open_json(const struct open_list *o)
{
	json_t *al = json_array(), *vl = json_array();
	for (size_t i = 0; i < o->nafspraken; i++)
		json_array_append_new(al, json_pack("{s:I, s:s, s:s}", "id", (json_int_t)o->afspraken[i].id, "wat",
		                                    o->afspraken[i].what, "uiterlijk", o->afspraken[i].date));
	for (size_t i = 0; i < o->nvoorzieningen; i++)
		json_array_append_new(vl, json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)o->voorzieningen[i].id,
		                                    "omschrijving", o->voorzieningen[i].what, "status",
		                                    o->voorzieningen[i].status, "einddatum", o->voorzieningen[i].date));
	return json_pack("{s:o, s:o}", "afspraken", al, "voorzieningen", vl);
}

/* The page: the form, or that the case is closed.  open is what is still
 * open (NULL: load it). */
static int render(struct req *r, db *d, int64_t hh, struct field_value *v, unsigned status, const char *alert,
                  const struct open_list *open)
{
	json_t *data = json_object();
	const char *hh_status;
	int64_t closed_at = 0;
	struct open_list own = {0};
	if (!open && load_open(r, d, hh, &own) != DB_OK) {
		json_decref(data);
		return -1;
	}
	if (care_household(r, d, hh, data) != DB_OK ||
	    db_close_household_status(d, r->arena, hh, &hh_status, &closed_at) != DB_OK) {
		json_decref(data);
		return -1;
	}
	open_to_page(r, hh, open ? open : &own, data);
	struct field_value empty[C_COUNT];
	if (!v) {
		form_validate(r->arena, NULL, rules, C_COUNT, empty);
		for (int i = 0; i < C_COUNT; i++)
			empty[i].error = NULL;
		v = empty;
	}
	form_to_page(data, rules, C_COUNT, v);
	json_object_set_new(json_object_get(json_object_get(data, "field"), "reden"), "options",
	                    care_options(&vocab_end_reason, v[C_REDEN].text));
	bool closed = strcmp(hh_status, "afgesloten") == 0;
	json_object_set_new(data, "closed", json_boolean(closed));
	if (closed && closed_at) {
		char when[20];
		fmt_datetime_nl(closed_at, when);
		json_object_set_new(data, "closed_nl", json_string(when));
	}
	if (alert)
		json_object_set_new(data, "alert", json_string(alert));
	return reply_page(r, status, "afsluiten", "Casus afsluiten", data);
}

int h_afsluiten_form(struct req *r)
{
	int64_t hh = req_param_id(r, 0);
	struct hh_access_info acc;
	if (require_household(r, hh, "afsluiten.form", "huishouden", hh, &acc) != 0)
		return 0;
	db *d = db_get();
	return d ? render(r, d, hh, NULL, 200, NULL, NULL) : -1;
}

/* Closes the case in one transaction.  Returns DB_OK, DB_CONSTRAINT when
 * something is still open (*open then lists it), DB_NOT_FOUND when the
 * household was already closed, or DB_ERROR. */
static enum db_status store_close(struct req *r, db *d, int64_t hh, const struct field_value *v,
                                  const struct hh_access_info *acc, struct open_list *open, int64_t *plan_id,
                                  int64_t *journal_id, const char **closed_on)
{
	char today[11];
	date_today(today);
	*closed_on = arena_strdup(r->arena, today);
	if (db_begin(d) != 0)
		return DB_ERROR;
	/* Checked inside the write transaction: nothing can be opened between
	 * the check and the closing. */
	enum db_status s = load_open(r, d, hh, open);
	if (s == DB_OK && open->nafspraken + open->nvoorzieningen > 0) {
		db_rollback(d);
		return DB_CONSTRAINT;
	}
	struct close_case cc = {.huishouden_id = hh, .closed_on = *closed_on, .reason = v[C_REDEN].text,
	                        .outcome = v[C_UITKOMST].text};
	int64_t *aanmeldingen = NULL;
	size_t naanmeldingen = 0;
	if (s == DB_OK)
		s = db_close_case(d, r->arena, &cc, r->user->id, plan_id, &aanmeldingen, &naanmeldingen);
	if (s == DB_NOT_FOUND) {
		db_rollback(d);
		return DB_NOT_FOUND;
	}
	if (s == DB_OK)
		s = db_journaal_insert(d, hh, "overleg", *closed_on,
		                       arena_printf(r->arena, "Casus afgesloten. Reden: %s.\n\nUitkomst: %s",
		                                    vocab_label(&vocab_end_reason, v[C_REDEN].text), v[C_UITKOMST].text),
		                       r->user->id, journal_id);
	struct audit_entry e = {.medewerker_id = r->user->id, .action = "huishouden.afsluiten",
	                        .object_type = "huishouden", .object_id = hh, .huishouden_id = hh,
	                        .reason = acc->exception_reason, .client_addr = r->client_addr};
	if (s == DB_OK)
		s = audit_append(d, &e);
	if (s == DB_OK && *plan_id) {
		e.action = "plan.afsluiten";
		e.object_type = "plan";
		e.object_id = *plan_id;
		s = audit_append(d, &e);
	}
	for (size_t i = 0; i < naanmeldingen && s == DB_OK; i++) {
		e.action = "aanmelding.status";
		e.object_type = "aanmelding";
		e.object_id = aanmeldingen[i];
		s = audit_append(d, &e);
	}
	if (s == DB_OK) {
		e.action = "journaal.create";
		e.object_type = "journaal";
		e.object_id = *journal_id;
		s = audit_append(d, &e);
	}
	if (s != DB_OK || db_commit(d) != 0) {
		db_rollback(d);
		return DB_ERROR;
	}
	return DB_OK;
}

int h_afsluiten(struct req *r)
{
	int64_t hh = req_param_id(r, 0);
	struct hh_access_info acc;
	if (require_household(r, hh, NULL, NULL, 0, &acc) != 0)
		return 0;
	db *d = db_get();
	if (!d)
		return -1;
	struct field_value *v = arena_alloc(r->arena, C_COUNT * sizeof *v);
	int errors = r->is_api ? form_validate_json(r->arena, r->json, rules, C_COUNT, v)
	                       : form_validate(r->arena, r->form, rules, C_COUNT, v);
	if (errors)
		return r->is_api ? reply_json_validation(r, form_errors_json(rules, C_COUNT, v))
		                 : render(r, d, hh, v, 422, NULL, NULL);
	/* A running veiligheidszorg is closed on its own, with an outcome;
	 * closing the case never hides it. */
	int64_t zorg = 0, zorgen = 0, since = 0;
	if (db_veiligheid_open_of(d, hh, &zorg, &zorgen, &since) != DB_OK)
		return -1;
	if (zorgen > 0) {
		const char *msg = arena_printf(r->arena, "De casus kan niet worden afgesloten zolang er een "
		                               "veiligheidszorg loopt. Sluit eerst veiligheidszorg %lld met een uitkomst "
		                               "(via de rode melding op het huishouden).", (long long)zorg);
		return r->is_api ? reply_error(r, ERR_CONFLICT, msg) : render(r, d, hh, v, 409, msg, NULL);
	}
	struct open_list open = {0};
	int64_t plan_id = 0, journal_id = 0;
	const char *closed_on;
	enum db_status s = store_close(r, d, hh, v, &acc, &open, &plan_id, &journal_id, &closed_on);
	if (s == DB_CONSTRAINT) {
		if (r->is_api)
			return reply_json(r, 409, json_pack("{s:{s:s, s:s}, s:o}", "error", "code", "open_items", "message",
			                                    "De casus kan nog niet worden afgesloten: beëindig eerst de "
			                                    "openstaande afspraken in het plan en voorzieningen.",
			                                    "open", open_json(&open)));
		return render(r, d, hh, v, 409, MSG_OPEN, &open);
	}
	if (s == DB_NOT_FOUND)
		return r->is_api ? reply_error(r, ERR_CONFLICT, MSG_CLOSED) : render(r, d, hh, NULL, 409, MSG_CLOSED, NULL);
	if (s != DB_OK)
		return -1;
	if (r->is_api) {
		json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:I}", "huishouden_id", (json_int_t)hh, "status",
		                      "afgesloten", "afgesloten_op", closed_on, "reden", v[C_REDEN].text, "uitkomst",
		                      v[C_UITKOMST].text, "journaal_id", (json_int_t)journal_id);
		json_object_set_new(o, "plan_id", plan_id ? json_integer(plan_id) : json_null());
		return reply_json(r, 200, o);
	}
	return reply_redirect(r, arena_printf(r->arena, "/huishoudens/%lld/afsluiten", (long long)hh));
}
