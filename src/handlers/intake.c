/* intake.c - the vraagverhelderend gesprek in the browser: the intake
 * form with participants, ZRM scores per person and domain, strengths,
 * expertises and the safety check; the intake page; editing its textual
 * fields.  The JSON API is in intake_api.c; what both share in
 * src/intake_shared.c; the helpers the care handlers share in src/care.c
 * (include/care.h). */
#include <string.h>

#include "access.h"
#include "care.h"
#include "domain.h"
#include "form.h"
#include "handlers.h"
#include "intake_shared.h"


/* ---- the new-intake form ------------------------------------------------- */

static int render_new(struct req *r, db *d, const struct intake_ctx *c, struct intake_input *in,
                      unsigned status)
{
	json_t *data = json_object();
	if (care_household(r, d, c->hh, data) != DB_OK) {
		json_decref(data);
		return -1;
	}
	struct field_value empty[I_COUNT];
	struct field_value *v = in ? in->v : empty;
	if (!in) {
		form_validate(r->arena, NULL, intake_rules, I_NEW_COUNT, empty);
		for (int i = 0; i < I_NEW_COUNT; i++)
			empty[i].error = NULL;
		char today[11];
		date_today(today);
		empty[I_GEHOUDEN_OP].text = arena_strdup(r->arena, today);
	}
	form_to_page(data, intake_rules, I_NEW_COUNT, v);

	json_t *people = json_array(), *network = json_array(), *staff = json_array();
	for (size_t i = 0; i < c->npeople; i++)
		json_array_append_new(people, json_pack("{s:s, s:I, s:s, s:s, s:b}", "field",
		        arena_printf(r->arena, "deelnemer_p_%lld", (long long)c->people[i].id), "id",
		        (json_int_t)c->people[i].id, "name", c->people[i].name, "extra",
		        vocab_label(&vocab_person_role, c->people[i].extra), "checked", in && in->person_in[i]));
	for (size_t i = 0; i < c->nnetwork; i++)
		json_array_append_new(network, json_pack("{s:s, s:I, s:s, s:s, s:b}", "field",
		        arena_printf(r->arena, "deelnemer_n_%lld", (long long)c->network[i].id), "id",
		        (json_int_t)c->network[i].id, "name", c->network[i].name, "extra",
		        vocab_label(&vocab_relation, c->network[i].relation), "checked", in && in->network_in[i]));
	for (size_t i = 0; i < c->nstaff; i++)
		json_array_append_new(staff, json_pack("{s:s, s:I, s:s, s:s, s:b}", "field",
		        arena_printf(r->arena, "deelnemer_m_%lld", (long long)c->staff[i].id), "id",
		        (json_int_t)c->staff[i].id, "name", c->staff[i].name, "extra", "medewerker",
		        "checked", in && in->staff_in[i]));
	json_object_set_new(data, "people", people);
	json_object_set_new(data, "has_people", json_boolean(c->npeople > 0));
	json_object_set_new(data, "network", network);
	json_object_set_new(data, "has_network", json_boolean(c->nnetwork > 0));
	json_object_set_new(data, "staff", staff);

	json_t *exps = json_array();
	for (size_t i = 0; i < c->nexpertises; i++)
		json_array_append_new(exps, json_pack("{s:s, s:s, s:b}", "field",
		        arena_printf(r->arena, "expertise_%lld", (long long)c->expertises[i].id), "name",
		        c->expertises[i].name, "checked", in && in->expertise_in[i]));
	json_object_set_new(data, "expertises", exps);

	json_t *zrm = json_array();
	for (size_t p = 0; p < c->npeople; p++) {
		json_t *domains = json_array();
		for (int dm = 0; dm < NDOMAINS; dm++) {
			int s = in ? in->score[p * NDOMAINS + (size_t)dm] : 0;
			json_array_append_new(domains, json_pack("{s:s, s:s, s:b, s:o}", "field",
			        intake_score_field(r->arena, c->people[p].id, dm), "label", vocab_zrm_domain.labels[dm],
			        "none", s == 0, "options",
			        care_options(&vocab_zrm_score, s > 0 ? vocab_zrm_score.codes[s - 1] : NULL)));
		}
		json_array_append_new(zrm, json_pack("{s:I, s:s, s:o}", "id", (json_int_t)c->people[p].id,
		                                     "name", c->people[p].name, "domains", domains));
	}
	json_object_set_new(data, "zrm_matrix", care_zrm_matrix(zrm));
	json_object_set_new(data, "zrm", zrm);

	if (in && in->participants_error) {
		json_object_set_new(data, "participants_error", json_string(in->participants_error));
		form_add_error(data, "deelnemers", "Wie waren er bij het gesprek", in->participants_error);
	}
	if (in && in->scores_error) {
		json_object_set_new(data, "scores_error", json_string(in->scores_error));
		form_add_error(data, "zrm", "Zelfredzaamheid per leefgebied (ZRM)", in->scores_error);
	}
	pg_form_to_page(r, c->people, c->npeople, in ? &in->pg : NULL, data);
	return reply_page(r, status, "intake-nieuw", "Vraagverhelderend gesprek (intake)", data);
}

int h_intake_new_form(struct req *r)
{
	int64_t hh = req_param_id(r, 0);
	struct hh_access_info acc;
	if (require_household(r, hh, "intake.form", "huishouden", hh, &acc) != 0)
		return 0;
	db *d = db_get();
	struct intake_ctx c;
	if (!d || intake_load_ctx(r, d, hh, &c) != DB_OK)
		return -1;
	return render_new(r, d, &c, NULL, 200);
}

int h_intake_create(struct req *r)
{
	int64_t hh = req_param_id(r, 0);
	struct hh_access_info acc;
	if (require_household(r, hh, NULL, NULL, 0, &acc) != 0)
		return 0;
	db *d = db_get();
	struct intake_ctx c;
	if (!d || intake_load_ctx(r, d, hh, &c) != DB_OK)
		return -1;
	struct intake_input *in = arena_alloc(r->arena, sizeof *in);
	intake_read_form(r, &c, in);
	if (in->errors)
		return render_new(r, d, &c, in, 422);
	struct intake_new n;
	intake_build_new(r->arena, &c, in, &n);
	int64_t id = 0;
	if (intake_store_new(r, d, &n, &acc, &id) != DB_OK)
		return -1;
	return reply_redirect(r, arena_printf(r->arena, "/intakes/%lld", (long long)id));
}

/* ---- one intake ------------------------------------------------------------ */

int h_intake_show(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct intake it;
	struct hh_access_info acc;
	if (intake_load(r, d, req_param_id(r, 0), "intake.view", &it, &acc) != 0)
		return 0;
	json_t *data = json_object();
	json_t *ij = intake_page_json(r, d, &it, false);
	if (!ij || care_household(r, d, it.huishouden_id, data) != DB_OK ||
	    pg_gesprek_fill(r, d, it.id, 0, data) != DB_OK) {
		json_decref(ij);
		json_decref(data);
		return -1;
	}
	json_object_set_new(data, "intake", ij);
	return reply_page(r, 200, "intake", arena_printf(r->arena, "Vraagverhelderend gesprek (intake) van %s", it.held_nl), data);
}

/* ---- editing the textual fields ------------------------------------------- */

static int render_edit(struct req *r, db *d, const struct intake *it, struct field_value *v, unsigned status,
                       const char *alert, const struct intake *stored)
{
	struct field_value own[I_COUNT];
	if (!v) {
		memset(own, 0, sizeof own);
		own[I_GEHOUDEN_OP].text = it->held_on;
		own[I_VRAAG].text = it->question_behind;
		own[I_KRACHTEN].text = it->strengths ? it->strengths : "";
		own[I_ZORGEN].checked = it->safety_concern;
		own[I_ZORGEN].text = "";
		own[I_TOELICHTING].text = it->safety_note ? it->safety_note : "";
		own[I_VERSIE].text = arena_printf(r->arena, "%lld", (long long)it->version);
		v = own;
	}
	json_t *data = json_object();
	if (care_household(r, d, it->huishouden_id, data) != DB_OK) {
		json_decref(data);
		return -1;
	}
	form_to_page(data, intake_rules + I_EDIT_FIRST, I_EDIT_COUNT, v + I_EDIT_FIRST);
	if (stored) {
		json_t *fields = json_object_get(data, "field");
		const char *now[I_COUNT] = {
			[I_VRAAG] = stored->question_behind,
			[I_KRACHTEN] = stored->strengths ? stored->strengths : "",
			[I_TOELICHTING] = stored->safety_note ? stored->safety_note : "",
		};
		static const int texts[] = {I_VRAAG, I_KRACHTEN, I_TOELICHTING};
		for (size_t i = 0; i < ARRAY_LEN(texts); i++)
			if (strcmp(now[texts[i]], v[texts[i]].text) != 0)
				json_object_set_new(json_object_get(fields, intake_rules[texts[i]].name), "stored",
				                    json_string(*now[texts[i]] ? now[texts[i]] : "(leeg)"));
		if (stored->safety_concern != v[I_ZORGEN].checked)
			json_object_set_new(json_object_get(fields, "zorgen_veiligheid"), "stored",
			                    json_string(stored->safety_concern ? "aangevinkt" : "niet aangevinkt"));
	}
	if (alert)
		json_object_set_new(data, "alert", json_string(alert));
	json_object_set_new(data, "intake", json_pack("{s:I, s:s}", "id", (json_int_t)it->id, "held_nl", it->held_nl));
	return reply_page(r, status, "intake-bewerken", "Vraagverhelderend gesprek (intake) bewerken", data);
}

int h_intake_edit_form(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct intake it;
	struct hh_access_info acc;
	if (intake_load(r, d, req_param_id(r, 0), "intake.view", &it, &acc) != 0)
		return 0;
	return render_edit(r, d, &it, NULL, 200, NULL, NULL);
}

int h_intake_update(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct intake it;
	struct hh_access_info acc;
	if (intake_load(r, d, req_param_id(r, 0), NULL, &it, &acc) != 0)
		return 0;
	struct field_value *v = arena_alloc(r->arena, I_COUNT * sizeof *v);
	v[I_GEHOUDEN_OP].text = it.held_on;
	int errors = form_validate(r->arena, r->form, intake_rules + I_EDIT_FIRST, I_EDIT_COUNT, v + I_EDIT_FIRST);
	if (v[I_VERSIE].error)
		return reply_error(r, ERR_BAD_REQUEST, "Het formulier mist de versie. Laad de pagina opnieuw.");
	if (errors + intake_validate_edit(v))
		return render_edit(r, d, &it, v, 422, NULL, NULL);
	struct intake now;
	enum db_status s = intake_store_edit(r, d, &it, v, &acc, &now);
	if (s == DB_NOT_FOUND) {
		v[I_VERSIE].text = arena_printf(r->arena, "%lld", (long long)now.version);
		return render_edit(r, d, &now, v, 409, intake_conflict_message(r, &now), &now);
	}
	if (s != DB_OK)
		return -1;
	return reply_redirect(r, arena_printf(r->arena, "/intakes/%lld", (long long)it.id));
}
