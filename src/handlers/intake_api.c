/* intake_api.c - the JSON API of the vraagverhelderend gesprek: list a
 * household's intakes, create one, get one with its participants,
 * expertises and scores, and update its textual fields (versioned).  The
 * field table, checks and storing are shared with the pages
 * (src/intake_shared.c). */
#include "access.h"
#include "care.h"
#include "form.h"
#include "handlers.h"
#include "intake_shared.h"


/* ---- API ---------------------------------------------------------------- */

/* The API's representation; with_details adds participants, expertises,
 * the intake's scores and its Positieve Gezondheid.  NULL on a database error. */
static json_t *intake_api_json(struct req *r, db *d, const struct intake *it, bool with_details)
{
	json_t *o = json_pack("{s:I, s:I, s:s, s:s, s:b, s:s, s:I}", "id", (json_int_t)it->id, "huishouden_id",
	                      (json_int_t)it->huishouden_id, "gehouden_op", it->held_on,
	                      "vraag_achter_de_vraag", it->question_behind, "zorgen_veiligheid",
	                      it->safety_concern, "vastgelegd_door", it->created_by, "versie",
	                      (json_int_t)it->version);
	json_object_set_new(o, "krachten", it->strengths ? json_string(it->strengths) : json_null());
	json_object_set_new(o, "veiligheid_toelichting", it->safety_note ? json_string(it->safety_note) : json_null());
	if (it->updated_at) {
		char at[21];
		fmt_iso8601(it->updated_at, at);
		json_object_set_new(o, "gewijzigd_op", json_string(at));
		json_object_set_new(o, "gewijzigd_door", it->updated_by ? json_string(it->updated_by) : json_null());
	}
	if (!with_details)
		return o;
	struct intake_ref *parts, *exps;
	struct zrm_score *z;
	size_t nparts, nexps, nz;
	if (db_intake_participants(d, r->arena, it->id, &parts, &nparts) != DB_OK ||
	    db_intake_expertises(d, r->arena, it->id, &exps, &nexps) != DB_OK ||
	    db_intake_scores(d, r->arena, it->id, it->huishouden_id, &z, &nz) != DB_OK) {
		json_decref(o);
		return NULL;
	}
	json_t *pl = json_array(), *el = json_array(), *sl = json_array();
	for (size_t i = 0; i < nparts; i++)
		json_array_append_new(pl, json_pack("{s:s, s:I, s:s}", "soort", parts[i].kind, "id",
		                                    (json_int_t)parts[i].id, "naam", parts[i].name));
	for (size_t i = 0; i < nexps; i++)
		json_array_append_new(el, json_pack("{s:I, s:s}", "id", (json_int_t)exps[i].id, "naam", exps[i].name));
	for (size_t i = 0; i < nz; i++)
		json_array_append_new(sl, json_pack("{s:I, s:s, s:s, s:i, s:s}", "persoon_id", (json_int_t)z[i].persoon_id,
		                                    "persoon", z[i].person, "leefgebied", z[i].domain, "score",
		                                    z[i].score, "datum", z[i].scored_on));
	json_object_set_new(o, "deelnemers", pl);
	json_object_set_new(o, "expertises", el);
	json_object_set_new(o, "scores", sl);
	struct pg_meting *pg;
	size_t npg;
	if (db_gezondheid_gesprek(d, r->arena, it->id, 0, &pg, &npg) != DB_OK) {
		json_decref(o);
		return NULL;
	}
	json_object_set_new(o, "positieve_gezondheid", pg_api_json(pg, npg));
	return o;
}

static int reply_intake(struct req *r, db *d, unsigned status, int64_t id)
{
	struct intake it;
	if (db_intake_get(d, r->arena, id, &it) != DB_OK)
		return -1;
	json_t *o = intake_api_json(r, d, &it, true);
	return o ? reply_json(r, status, o) : -1;
}

int h_api_intake_list(struct req *r)
{
	int64_t hh = req_param_id(r, 0);
	struct hh_access_info acc;
	if (require_household(r, hh, "intake.list", "huishouden", hh, &acc) != 0)
		return 0;
	db *d = db_get();
	if (!d)
		return -1;
	struct intake *list;
	size_t n;
	if (db_intake_list(d, r->arena, hh, 1000, &list, &n) != DB_OK)
		return -1;
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, intake_api_json(r, d, &list[i], false));
	return reply_json(r, 200, json_pack("{s:o}", "intakes", arr));
}

int h_api_intake_create(struct req *r)
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
	intake_read_json(r, &c, in);
	if (in->errors) {
		json_t *fields = form_errors_json(intake_rules, I_NEW_COUNT, in->v);
		if (in->participants_error)
			json_object_set_new(fields, "deelnemers", json_string(in->participants_error));
		if (in->expertises_error)
			json_object_set_new(fields, "expertises", json_string(in->expertises_error));
		if (in->scores_error)
			json_object_set_new(fields, "scores", json_string(in->scores_error));
		if (in->pg.json_error)
			json_object_set_new(fields, "positieve_gezondheid", json_string(in->pg.json_error));
		return reply_json_validation(r, fields);
	}
	struct intake_new n;
	intake_build_new(r->arena, &c, in, &n);
	int64_t id = 0;
	if (intake_store_new(r, d, &n, &acc, &id) != DB_OK)
		return -1;
	if (reply_intake(r, d, 201, id) != 0)
		return -1;
	reply_header(r, "Location", arena_printf(r->arena, "/api/v1/intakes/%lld", (long long)id));
	return 0;
}

int h_api_intake_get(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct intake it;
	struct hh_access_info acc;
	int64_t id = req_param_id(r, 0);
	if (intake_load(r, d, id, "intake.view", &it, &acc) != 0)
		return 0;
	return reply_intake(r, d, 200, id);
}

int h_api_intake_update(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct intake it;
	struct hh_access_info acc;
	int64_t id = req_param_id(r, 0);
	if (intake_load(r, d, id, NULL, &it, &acc) != 0)
		return 0;
	struct field_value v[I_COUNT] = {0};
	int errors = form_validate_json(r->arena, r->json, intake_rules + I_EDIT_FIRST, I_EDIT_COUNT, v + I_EDIT_FIRST);
	if (errors + intake_validate_edit(v))
		return reply_json_validation(r, form_errors_json(intake_rules + I_EDIT_FIRST, I_EDIT_COUNT, v + I_EDIT_FIRST));
	struct intake now;
	enum db_status s = intake_store_edit(r, d, &it, v, &acc, &now);
	if (s == DB_NOT_FOUND) {
		json_t *current = intake_api_json(r, d, &now, true);
		return current ? care_reply_conflict(r, intake_conflict_message(r, &now), current) : -1;
	}
	if (s != DB_OK)
		return -1;
	return reply_intake(r, d, 200, id);
}
