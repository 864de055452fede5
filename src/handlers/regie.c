/* regie.c - assign and reassign the regisseur (with a reason and a warm
 * handover note that lands in the household's journal), and the
 * casusteam.  Browser pages and the matching JSON API. */
#include <string.h>

#include "access.h"
#include "audit.h"
#include "db_journaal.h"
#include "db_medewerker.h"
#include "db_regie.h"
#include "form.h"
#include "handlers.h"
#include "text.h"

static const struct field_rule assign_rules[] = {
	{.name = "medewerker", .label = "Regisseur", .kind = FIELD_ID, .required = true},
	{.name = "reden", .label = "Reden", .kind = FIELD_TEXT, .required = true, .min_len = 3, .max_len = 2000},
	{.name = "overdracht", .label = "Warme overdracht", .kind = FIELD_TEXT, .max_len = 5000},
	{.name = "versie", .label = "Versie", .kind = FIELD_ID, .required = true},
	{.name = "blijf_betrokken", .label = "Ik blijf betrokken", .kind = FIELD_CHECKBOX},
};
enum { A_EMPLOYEE, A_REASON, A_NOTE, A_VERSION, A_STAY, A_COUNT };

static const struct field_rule member_rules[] = {
	{.name = "medewerker", .label = "Medewerker toevoegen aan het casusteam", .kind = FIELD_ID, .required = true},
};

/* The rest of the page's one form (issue 12 item 3): the casusteam's
 * buttons are in the regie form, so adding or removing a member keeps the
 * reason and handover typed above.  "enter" is the hidden first button
 * that Enter presses: assigning, as before. */
static const char *const page_actions[] = {"toewijzen", "lid_toevoegen", "enter", NULL};
enum { PA_TOEWIJZEN, PA_LID_TOEVOEGEN, PA_ENTER };
static const struct field_rule page_rules[] = {
	{.name = "actie", .label = "Actie", .kind = FIELD_CHOICE, .choices = page_actions},
	{.name = "lid", .label = "Medewerker toevoegen aan het casusteam", .kind = FIELD_ID},
	{.name = "verwijder", .label = "Medewerker uit het casusteam", .kind = FIELD_ID},
};
enum { P_ACTIE, P_LID, P_VERWIJDER, P_COUNT };

static json_t *regie_json(db *d, int64_t hh, int64_t regisseur_id, int64_t version, arena *a)
{
	json_t *o = json_pack("{s:I, s:I}", "huishouden_id", (json_int_t)hh, "versie", (json_int_t)version);
	if (regisseur_id) {
		struct medewerker m;
		if (db_medewerker_get(d, a, regisseur_id, &m) == DB_OK) {
			json_t *rj = json_pack("{s:I, s:s, s:b}", "id", (json_int_t)m.id, "naam", m.name, "actief", m.active);
			if (m.email)
				json_object_set_new(rj, "email", json_string(m.email));
			json_object_set_new(o, "regisseur", rj);
		}
	} else {
		json_object_set_new(o, "regisseur", json_null());
	}
	json_object_set_new(o, "geschiedenis", db_regie_history(d, hh));
	json_object_set_new(o, "casusteam", db_casusteam_list(d, hh));
	json_object_set_new(o, "suggesties", db_regie_suggestions(d, hh));
	return o;
}

static int render(struct req *r, unsigned status, int64_t hh, struct field_value *v, const char *alert,
                  const char *notice)
{
	struct hh_access_info acc;
	if (access_household(r, hh, &acc) != DB_OK)
		return -1;
	db *d = db_get();
	int64_t regisseur_id = 0, version = 0;
	if (!d || db_regie_current(d, hh, &regisseur_id, &version) != DB_OK)
		return -1;
	json_t *data = regie_json(d, hh, regisseur_id, version, r->arena);
	struct field_value empty[A_COUNT];
	if (!v) {
		form_validate(r->arena, NULL, assign_rules, A_COUNT, empty);
		for (int i = 0; i < A_COUNT; i++)
			empty[i].error = NULL;
		v = empty;
	}
	form_to_page(data, assign_rules, A_COUNT, v);
	/* The version the user is looking at, unless they are resubmitting. */
	if (!v[A_VERSION].id)
		json_object_set_new(json_object_get(json_object_get(data, "field"), "versie"), "value",
		                    json_integer(version));
	size_t i;
	json_t *s;
	json_array_foreach(json_object_get(data, "suggesties"), i, s) {
		json_int_t id = json_integer_value(json_object_get(s, "id"));
		json_object_set_new(s, "checked", json_boolean(id == v[A_EMPLOYEE].id));
		json_object_set_new(s, "current", json_boolean(id == regisseur_id));
		json_object_set_new(s, "caseload_text", json_string(text_count(r->arena,
		                    json_integer_value(json_object_get(s, "caseload")), "huishouden", "huishoudens")));
	}
	json_object_set_new(data, "hh_id", json_integer(hh));
	json_object_set_new(data, "may_steer", json_boolean(acc.may_steer));
	json_array_foreach(json_object_get(data, "casusteam"), i, s) {
		json_int_t id = json_integer_value(json_object_get(s, "id"));
		json_object_set_new(s, "may_remove", json_boolean(acc.may_steer || id == r->user->id));
		json_object_set_new(s, "is_me", json_boolean(id == r->user->id));
	}
	json_object_set_new(data, "reassign", json_boolean(regisseur_id != 0));
	json_object_set_new(data, "has_history", json_boolean(json_array_size(json_object_get(data, "geschiedenis")) > 0));
	json_object_set_new(data, "has_casusteam", json_boolean(json_array_size(json_object_get(data, "casusteam")) > 0));
	if (alert)
		json_object_set_new(data, "alert", json_string(alert));
	if (notice)
		json_object_set_new(data, "notice", json_string(notice));
	else if (req_query(r, "toegewezen"))
		json_object_set_new(data, "notice", json_string("De regisseur is toegewezen."));
	return reply_page(r, status, "regie", "Regie en casusteam", data);
}

int h_regie_form(struct req *r)
{
	int64_t hh = req_param_id(r, 0);
	struct hh_access_info acc;
	if (require_household(r, hh, "regie.view", "huishouden", hh, &acc) != 0)
		return 0;
	return render(r, 200, hh, NULL, NULL, NULL);
}

/* Shared by browser and API.  Returns 0 after replying. */
static int assign(struct req *r, int64_t hh, struct field_value *v)
{
	db *d = db_get();
	int64_t from_id = 0, version = 0;
	if (!d || db_regie_current(d, hh, &from_id, &version) != DB_OK)
		return -1;
	if (!v[A_EMPLOYEE].error && !db_regie_eligible(d, v[A_EMPLOYEE].id))
		v[A_EMPLOYEE].error = "Kies een actieve consulent of gebiedsteamlid.";
	else if (!v[A_EMPLOYEE].error && v[A_EMPLOYEE].id == from_id)
		v[A_EMPLOYEE].error = "Deze medewerker is al de regisseur.";
	if (from_id && !v[A_NOTE].error && !v[A_NOTE].text[0])
		v[A_NOTE].error = "Schrijf een overdracht voor de nieuwe regisseur, zodat het huishouden "
		                  "zijn verhaal niet opnieuw hoeft te vertellen.";
	int errors = 0;
	for (int i = 0; i < A_COUNT; i++)
		errors += v[i].error != NULL;
	if (errors)
		return r->is_api ? reply_json_validation(r, form_errors_json(assign_rules, A_COUNT, v))
		                 : render(r, 422, hh, v, NULL, NULL);
	struct medewerker to;
	if (db_medewerker_get(d, r->arena, v[A_EMPLOYEE].id, &to) != DB_OK || db_begin(d) != 0)
		return -1;
	enum db_status s = db_regie_assign(d, hh, v[A_VERSION].id, from_id, to.id, r->user->id,
	                                   v[A_REASON].text, v[A_NOTE].text);
	if (s == DB_NOT_FOUND) {
		db_rollback(d);
		const char *msg = "Iemand anders heeft intussen de regie van dit huishouden gewijzigd. "
		                  "Bekijk de huidige regisseur hieronder; uw invoer staat er nog.";
		if (r->is_api)
			return reply_json(r, 409, json_pack("{s:{s:s, s:s}, s:o}", "error", "code", "conflict",
			                                    "message", msg, "huidig",
			                                    regie_json(d, hh, from_id, version, r->arena)));
		v[A_VERSION].id = 0; /* show the current version on the re-rendered form */
		return render(r, 409, hh, v, msg, NULL);
	}
	int64_t journal_id = 0;
	char today[11];
	date_today(today);
	if (s == DB_OK && v[A_NOTE].text[0])
		s = db_journaal_insert(d, hh, "warme_overdracht", today,
		                       arena_printf(r->arena, "Regie naar %s. Reden: %s\n\n%s", to.name,
		                                    v[A_REASON].text, v[A_NOTE].text),
		                       r->user->id, &journal_id);
	struct audit_entry e = {.medewerker_id = r->user->id, .action = "regie.toewijzen",
	                        .object_type = "medewerker", .object_id = to.id, .huishouden_id = hh,
	                        .client_addr = r->client_addr};
	if (s == DB_OK)
		s = audit_append(d, &e);
	/* "Ik blijf gewoon betrokken": the one handing over joins the casusteam
	 * in the same step, instead of losing sight of the household. */
	if (s == DB_OK && v[A_STAY].checked && to.id != r->user->id) {
		s = db_casusteam_add(d, hh, r->user->id, r->user->id);
		struct audit_entry joined = {.medewerker_id = r->user->id, .action = "casusteam.toevoegen",
		                             .object_type = "medewerker", .object_id = r->user->id,
		                             .huishouden_id = hh, .client_addr = r->client_addr};
		if (s == DB_CONSTRAINT) /* already a member */
			s = DB_OK;
		else if (s == DB_OK)
			s = audit_append(d, &joined);
	}
	if (s != DB_OK || db_commit(d) != 0) {
		db_rollback(d);
		return -1;
	}
	if (r->is_api) {
		int64_t version_now = 0, regisseur_now = 0;
		if (db_regie_current(d, hh, &regisseur_now, &version_now) != DB_OK)
			return -1;
		return reply_json(r, 200, regie_json(d, hh, regisseur_now, version_now, r->arena));
	}
	/* Whoever handed over without staying involved has no role left here. */
	struct hh_access_info after;
	if (access_household(r, hh, &after) != DB_OK)
		return -1;
	if (after.level != HH_FULL)
		return reply_redirect(r, "/?regie_overgedragen=1");
	return reply_redirect(r, arena_printf(r->arena, "/huishoudens/%lld/regie?toegewezen=1", (long long)hh));
}

static int member_change(struct req *r, int64_t hh, int64_t member, bool add, struct field_value *kept);

int h_regie_assign(struct req *r)
{
	int64_t hh = req_param_id(r, 0);
	struct hh_access_info acc;
	if (require_household(r, hh, NULL, NULL, 0, &acc) != 0 || require_steering(r, &acc) != 0)
		return 0;
	struct field_value *v = arena_alloc(r->arena, A_COUNT * sizeof *v);
	if (r->is_api) {
		form_validate_json(r->arena, r->json, assign_rules, A_COUNT, v);
		return assign(r, hh, v);
	}
	form_validate(r->arena, r->form, assign_rules, A_COUNT, v);
	struct field_value p[P_COUNT];
	form_validate(r->arena, r->form, page_rules, P_COUNT, p);
	bool removing = !p[P_VERWIJDER].error && p[P_VERWIJDER].id;
	bool adding = !removing && !p[P_ACTIE].error && p[P_ACTIE].text[0] && p[P_ACTIE].bits == PA_LID_TOEVOEGEN;
	if (!removing && !adding)
		return assign(r, hh, v);
	/* A casusteam button: the regie's fields come back as typed. */
	for (int i = 0; i < A_COUNT; i++)
		v[i].error = NULL;
	if (adding && (p[P_LID].error || !p[P_LID].id))
		return render(r, 422, hh, v, "Kies een medewerker voor het casusteam.", NULL);
	return member_change(r, hh, removing ? p[P_VERWIJDER].id : p[P_LID].id, adding, v);
}

/* Adds or removes a casusteam member.  kept: the regie form's values as
 * typed when the change came from that form (the page comes back with
 * them instead of a redirect); NULL from the casusteam's own forms and the
 * API. */
static int member_change(struct req *r, int64_t hh, int64_t member, bool add, struct field_value *kept)
{
	db *d = db_get();
	if (!d)
		return -1;
	if (add && !db_regie_eligible(d, member)) {
		if (r->is_api) {
			json_t *f = json_pack("{s:s}", "medewerker", "Kies een actieve consulent of gebiedsteamlid.");
			return reply_json_validation(r, f);
		}
		return render(r, 422, hh, kept, "Kies een actieve consulent of gebiedsteamlid voor het casusteam.", NULL);
	}
	if (db_begin(d) != 0)
		return -1;
	enum db_status s = add ? db_casusteam_add(d, hh, member, r->user->id) : db_casusteam_remove(d, hh, member);
	if (s == DB_CONSTRAINT || s == DB_NOT_FOUND) {
		db_rollback(d);
		const char *msg = add ? "Deze medewerker zit al in het casusteam." : "Deze medewerker zit niet in het casusteam.";
		if (r->is_api)
			return reply_error(r, add ? ERR_CONFLICT : ERR_NOT_FOUND, msg);
		return render(r, add ? 409 : 404, hh, kept, msg, NULL);
	}
	struct audit_entry e = {.medewerker_id = r->user->id,
	                        .action = add ? "casusteam.toevoegen" : "casusteam.verwijderen",
	                        .object_type = "medewerker", .object_id = member, .huishouden_id = hh,
	                        .client_addr = r->client_addr};
	if (s != DB_OK || audit_append(d, &e) != DB_OK || db_commit(d) != 0) {
		db_rollback(d);
		return -1;
	}
	if (r->is_api)
		return reply_json(r, add ? 201 : 200, json_pack("{s:o}", "casusteam", db_casusteam_list(d, hh)));
	if (kept)
		return render(r, 200, hh, kept, NULL, add ? "Toegevoegd aan het casusteam. De regie is nog niet gewijzigd."
		                                         : "Uit het casusteam gehaald. De regie is nog niet gewijzigd.");
	return reply_redirect(r, arena_printf(r->arena, "/huishoudens/%lld/regie", (long long)hh));
}

int h_casusteam_add(struct req *r)
{
	int64_t hh = req_param_id(r, 0);
	struct hh_access_info acc;
	if (require_household(r, hh, NULL, NULL, 0, &acc) != 0 || require_steering(r, &acc) != 0)
		return 0;
	struct field_value v[1];
	int errors = r->is_api ? form_validate_json(r->arena, r->json, member_rules, 1, v)
	                       : form_validate(r->arena, r->form, member_rules, 1, v);
	if (errors)
		return r->is_api ? reply_json_validation(r, form_errors_json(member_rules, 1, v))
		                 : render(r, 422, hh, NULL, "Kies een medewerker voor het casusteam.", NULL);
	return member_change(r, hh, v[0].id, true, NULL);
}

int h_casusteam_remove(struct req *r)
{
	int64_t hh = req_param_id(r, 0);
	struct hh_access_info acc;
	if (require_household(r, hh, NULL, NULL, 0, &acc) != 0)
		return 0;
	/* Leaving the casusteam oneself is always allowed. */
	int64_t member = req_param_id(r, 1);
	if (member != r->user->id && require_steering(r, &acc) != 0)
		return 0;
	return member_change(r, hh, member, false, NULL);
}

/* ---- API reads ------------------------------------------------------------ */

int h_api_regie(struct req *r)
{
	int64_t hh = req_param_id(r, 0);
	struct hh_access_info acc;
	if (require_household(r, hh, "regie.view", "huishouden", hh, &acc) != 0)
		return 0;
	db *d = db_get();
	int64_t regisseur_id = 0, version = 0;
	if (!d || db_regie_current(d, hh, &regisseur_id, &version) != DB_OK)
		return -1;
	return reply_json(r, 200, regie_json(d, hh, regisseur_id, version, r->arena));
}

int h_api_casusteam(struct req *r)
{
	int64_t hh = req_param_id(r, 0);
	struct hh_access_info acc;
	if (require_household(r, hh, "casusteam.view", "huishouden", hh, &acc) != 0)
		return 0;
	db *d = db_get();
	if (!d)
		return -1;
	return reply_json(r, 200, json_pack("{s:o}", "casusteam", db_casusteam_list(d, hh)));
}
