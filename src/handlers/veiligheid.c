/* veiligheid.c - the veiligheidszorg: a safety concern under the meldcode
 * huiselijk geweld en kindermishandeling, opened on the household page
 * ("Zorg over veiligheid melden", or automatically from an aanmelding's
 * meldcode and an intake's safety check, src/veiligheid.c), its five steps
 * recorded, closed only explicitly with an outcome.  Everyone who may see
 * the household's contents may see and work it; every view and change is
 * audited.  Browser pages and the JSON API. */
#include <string.h>

#include "access.h"
#include "audit.h"
#include "db_huishouden.h"
#include "db_veiligheid.h"
#include "form.h"
#include "handlers.h"
#include "veiligheid.h"

static const struct field_rule open_rules[] = {
	{.name = "persoon", .label = "Over wie", .kind = FIELD_ID},
	{.name = "gezien_op", .label = "Wanneer gezien of gehoord",
	 .kind = FIELD_DATE, .required = true, .date_flags = DATE_NOT_FUTURE},
	{.name = "gezien", .label = "Wat u heeft gezien of gehoord",
	 .kind = FIELD_TEXT, .required = true, .min_len = 3, .max_len = 5000},
};
enum { O_PERSOON, O_DATUM, O_GEZIEN, O_COUNT };

static const struct field_rule step_rules[] = {
	{.name = "stap", .label = "Stap", .kind = FIELD_INT, .required = true, .min = 1, .max = 5},
	{.name = "datum", .label = "Datum", .kind = FIELD_DATE, .required = true, .date_flags = DATE_NOT_FUTURE},
	{.name = "besluit", .label = "Wat er is gedaan en besloten",
	 .kind = FIELD_TEXT, .required = true, .min_len = 3, .max_len = 5000},
	{.name = "reden_volgorde", .label = "Reden als een eerdere stap nog niet is vastgelegd",
	 .kind = FIELD_TEXT, .max_len = 2000},
};
enum { S_STAP, S_DATUM, S_BESLUIT, S_REDEN, S_COUNT };

static const struct field_rule close_rules[] = {
	{.name = "uitkomst", .label = "Uitkomst",
	 .kind = FIELD_CHOICE, .required = true, .choices = veiligheid_uitkomsten},
	{.name = "toelichting", .label = "Toelichting",
	 .kind = FIELD_TEXT, .required = true, .min_len = 10, .max_len = 5000},
	{.name = "versie", .label = "Versie", .kind = FIELD_ID, .required = true},
};
enum { C_UITKOMST, C_TOELICHTING, C_VERSIE, C_COUNT };

static int validate(struct req *r, const struct field_rule *rules, size_t n, struct field_value *v)
{
	return r->is_api ? form_validate_json(r->arena, r->json, rules, n, v) : form_validate(r->arena, r->form, rules, n, v);
}

static void blank(struct req *r, const struct field_rule *rules, size_t n, struct field_value *v)
{
	form_validate(r->arena, NULL, rules, n, v);
	for (size_t i = 0; i < n; i++)
		v[i].error = NULL;
}

static const char *uitkomst_label(const char *code)
{
	for (int i = 0; code && veiligheid_uitkomsten[i]; i++)
		if (strcmp(code, veiligheid_uitkomsten[i]) == 0)
			return veiligheid_uitkomst_labels[i];
	return code ? code : "";
}

/* ---- opening ------------------------------------------------------------- */

static int render_new(struct req *r, db *d, int64_t hh, struct field_value *v, unsigned status)
{
	json_t *members = db_persoon_list(d, hh);
	if (!members)
		return -1;
	json_t *data = json_object();
	form_to_page(data, open_rules, O_COUNT, v);
	size_t i;
	json_t *m;
	json_array_foreach(members, i, m)
		json_object_set_new(m, "selected", json_boolean(json_integer_value(json_object_get(m, "id")) == v[O_PERSOON].id));
	json_object_set_new(data, "members", members);
	json_object_set_new(data, "hh_id", json_integer(hh));
	return reply_page(r, status, "veiligheid-nieuw", "Zorg over veiligheid melden", data);
}

int h_veiligheid_new_form(struct req *r)
{
	int64_t hh = req_param_id(r, 0);
	struct hh_access_info acc;
	if (require_household(r, hh, "veiligheidszorg.form", "huishouden", hh, &acc) != 0)
		return 0;
	db *d = db_get();
	if (!d)
		return -1;
	struct field_value v[O_COUNT];
	blank(r, open_rules, O_COUNT, v);
	char today[11];
	date_today(today);
	v[O_DATUM].text = arena_strdup(r->arena, today);
	return render_new(r, d, hh, v, 200);
}

int h_veiligheid_create(struct req *r)
{
	int64_t hh = req_param_id(r, 0);
	struct hh_access_info acc;
	if (require_household(r, hh, NULL, NULL, 0, &acc) != 0)
		return 0;
	db *d = db_get();
	if (!d)
		return -1;
	struct field_value v[O_COUNT];
	int errors = validate(r, open_rules, O_COUNT, v);
	if (!v[O_PERSOON].error && v[O_PERSOON].id) {
		struct persoon who;
		enum db_status ps = db_persoon_get(d, r->arena, v[O_PERSOON].id, &who);
		if (ps == DB_ERROR)
			return -1;
		if (ps != DB_OK || who.huishouden_id != hh) {
			v[O_PERSOON].error = "Kies iemand uit dit huishouden, of het hele huishouden.";
			errors++;
		}
	}
	if (errors)
		return r->is_api ? reply_json_validation(r, form_errors_json(open_rules, O_COUNT, v))
		                 : render_new(r, d, hh, v, 422);
	struct veiligheid_new in = {.huishouden_id = hh, .persoon_id = v[O_PERSOON].id, .bron = "huishouden",
	                            .gezien = v[O_GEZIEN].text, .gezien_op = v[O_DATUM].text};
	int64_t id = 0;
	if (db_begin(d) != 0)
		return -1;
	if (veiligheid_open_tx(r, d, &in, &id) != DB_OK || db_commit(d) != 0) {
		db_rollback(d);
		return -1;
	}
	if (r->is_api)
		return reply_json(r, 201, json_pack("{s:I, s:I, s:s}", "id", (json_int_t)id, "huishouden_id", (json_int_t)hh,
		                                    "status", "open"));
	return reply_redirect(r, arena_printf(r->arena, "/veiligheidszorgen/%lld?geopend=1", (long long)id));
}

/* ---- one veiligheidszorg ------------------------------------------------- */

/* The step and the closing are one form on the page (two buttons): when one
 * is refused, what was typed in the other comes back too.  Reads the other
 * part's fields from the posted form without judging them; NULL for the
 * API (its bodies carry one part). */
static struct field_value *other_part(struct req *r, const struct field_rule *rules, size_t n)
{
	if (r->is_api)
		return NULL;
	struct field_value *v = arena_alloc(r->arena, n * sizeof *v);
	form_validate(r->arena, r->form, rules, n, v);
	for (size_t i = 0; i < n; i++)
		v[i].error = NULL;
	return v;
}

/* Loads zorg id and checks access to its household (auditing the view as
 * audit_action when not NULL).  Returns 0, or -1 after replying. */
static int load(struct req *r, db *d, int64_t id, const char *audit_action, struct veiligheidszorg *z)
{
	enum db_status s = db_veiligheid_get(d, r->arena, id, z);
	if (s != DB_OK)
		return reply_lookup(r, s, "Deze veiligheidszorg bestaat niet.");
	struct hh_access_info acc;
	return require_household(r, z->huishouden_id, audit_action, "veiligheidszorg", id, &acc);
}

static json_t *zorg_json(struct req *r, const struct veiligheidszorg *z, json_t *steps)
{
	char opened[20];
	fmt_datetime_nl(z->opened_at, opened);
	char seen[11];
	fmt_date_nl(z->gezien_op, seen);
	int64_t days = (now_unix() - z->opened_at) / 86400;
	json_t *o = json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:I, s:b, s:o}", "id", (json_int_t)z->id,
	                      "huishouden_id", (json_int_t)z->huishouden_id, "bron", z->bron, "gezien", z->gezien,
	                      "gezien_op", z->gezien_op, "gezien_op_nl", seen, "geopend_door", z->opened_by,
	                      "geopend_nl", opened, "leeftijd_dagen", (json_int_t)(days > 0 ? days : 0),
	                      "versie", (json_int_t)z->version, "open", strcmp(z->status, "open") == 0, "stappen", steps);
	json_object_set_new(o, "status", json_string(z->status));
	char age[32];
	veiligheid_age(z->opened_at, age);
	json_object_set_new(o, "leeftijd", json_string(age));
	json_object_set_new(o, "has_steps", json_boolean(json_array_size(steps) > 0));
	if (z->persoon)
		json_object_set_new(o, "persoon", json_string(z->persoon));
	if (z->uitkomst) {
		char closed[20];
		fmt_datetime_nl(z->closed_at, closed);
		json_object_set_new(o, "uitkomst", json_string(z->uitkomst));
		json_object_set_new(o, "uitkomst_label", json_string(uitkomst_label(z->uitkomst)));
		json_object_set_new(o, "toelichting", json_string(z->toelichting ? z->toelichting : ""));
		json_object_set_new(o, "gesloten_door", json_string(z->closed_by ? z->closed_by : ""));
		json_object_set_new(o, "gesloten_nl", json_string(closed));
	}
	return o;
}

static int render_zorg(struct req *r, db *d, const struct veiligheidszorg *z, struct field_value *sv,
                       struct field_value *cv, unsigned status, const char *alert)
{
	json_t *steps = db_veiligheid_steps(d, z->id);
	if (!steps)
		return -1;
	unsigned done = 0; /* bit i: step i + 1 is recorded */
	size_t k;
	json_t *st;
	json_array_foreach(steps, k, st) {
		char nl[11];
		fmt_date_nl(json_string_value(json_object_get(st, "datum")), nl);
		json_object_set_new(st, "datum_nl", json_string(nl));
		json_int_t stap = json_integer_value(json_object_get(st, "stap"));
		if (stap >= 1 && stap <= 5)
			done |= 1u << (stap - 1);
	}
	json_t *data = json_object();
	struct field_value sblank[S_COUNT], cblank[C_COUNT];
	if (!sv) {
		blank(r, step_rules, S_COUNT, sblank);
		char today[11];
		date_today(today);
		sblank[S_DATUM].text = arena_strdup(r->arena, today);
		int next = 1;
		while (next <= 5 && (done >> (next - 1)) & 1u)
			next++;
		sblank[S_STAP].id = next <= 5 ? next : 5;
		sv = sblank;
	}
	if (!cv) {
		blank(r, close_rules, C_COUNT, cblank);
		cv = cblank;
	}
	form_to_page(data, step_rules, S_COUNT, sv);
	json_t *step_field = json_object_get(json_object_get(data, "field"), "stap");
	json_t *opts = json_array();
	for (int i = 1; i <= 5; i++)
		json_array_append_new(opts, json_pack("{s:i, s:s, s:b, s:b}", "value", i, "label", veiligheid_stap_labels[i - 1],
		                                      "selected", sv[S_STAP].id == i, "done", (done >> (i - 1)) & 1u));
	json_object_set_new(step_field, "options", opts);
	json_object_set_new(data, "steps_overview", json_incref(opts));
	json_t *closing = json_object();
	form_to_page(closing, close_rules, C_COUNT, cv);
	json_t *choices = json_array();
	for (int i = 0; veiligheid_uitkomsten[i]; i++)
		json_array_append_new(choices, json_pack("{s:s, s:s, s:b}", "value", veiligheid_uitkomsten[i], "label",
		                                         veiligheid_uitkomst_labels[i],
		                                         "checked", cv[C_UITKOMST].text && strcmp(cv[C_UITKOMST].text, veiligheid_uitkomsten[i]) == 0));
	json_object_set_new(json_object_get(json_object_get(closing, "field"), "uitkomst"), "choices", choices);
	/* One error summary for the page: both forms' errors. */
	json_t *errs = json_object_get(data, "errors");
	if (!errs) {
		errs = json_array();
		json_object_set_new(data, "errors", errs);
	}
	size_t i;
	json_t *e;
	json_array_foreach(json_object_get(closing, "errors"), i, e)
		json_array_append(errs, e);
	json_object_set(data, "has_errors", json_boolean(json_array_size(errs) > 0));
	json_object_set(data, "close_field", json_object_get(closing, "field"));
	json_decref(closing);
	json_object_set_new(data, "zorg", zorg_json(r, z, steps));
	json_object_set_new(data, "hh_id", json_integer(z->huishouden_id));
	json_object_set_new(data, "versie_nu", json_integer(z->version));
	if (alert)
		json_object_set_new(data, "alert", json_string(alert));
	if (req_query(r, "geopend"))
		json_object_set_new(data, "notice", json_string("De zorg over veiligheid is gemeld. Zij blijft open tot "
		                                                "iemand haar met een uitkomst sluit."));
	else if (req_query(r, "stap"))
		json_object_set_new(data, "notice", json_string("De stap is vastgelegd."));
	else if (req_query(r, "gesloten"))
		json_object_set_new(data, "notice", json_string("De veiligheidszorg is gesloten."));
	return reply_page(r, status, "veiligheidszorg", "Veiligheidszorg", data);
}

int h_veiligheid_show(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct veiligheidszorg z;
	if (load(r, d, req_param_id(r, 0), "veiligheidszorg.view", &z) != 0)
		return 0;
	if (r->is_api) {
		json_t *steps = db_veiligheid_steps(d, z.id);
		if (!steps)
			return -1;
		return reply_json(r, 200, zorg_json(r, &z, steps));
	}
	return render_zorg(r, d, &z, NULL, NULL, 200, NULL);
}

int h_veiligheid_step(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct veiligheidszorg z;
	if (load(r, d, req_param_id(r, 0), NULL, &z) != 0)
		return 0;
	struct field_value v[S_COUNT];
	int errors = validate(r, step_rules, S_COUNT, v);
	unsigned done = 0;
	if (db_veiligheid_steps_done(d, z.id, &done) != DB_OK)
		return -1;
	/* Out of order (an earlier step not recorded yet) only with a reason. */
	if (!v[S_STAP].error && v[S_STAP].id > 1 && (done & ((1u << (v[S_STAP].id - 1)) - 1u)) != ((1u << (v[S_STAP].id - 1)) - 1u) &&
	    !v[S_REDEN].error && !v[S_REDEN].text[0]) {
		v[S_REDEN].error = "Een eerdere stap is nog niet vastgelegd. Geef aan waarom u deze stap nu al vastlegt.";
		errors++;
	}
	if (!v[S_DATUM].error && strcmp(v[S_DATUM].text, z.gezien_op) < 0) {
		v[S_DATUM].error = "Deze datum ligt vóór de dag waarop de zorg werd gezien.";
		errors++;
	}
	if (strcmp(z.status, "open") != 0)
		return reply_error(r, ERR_CONFLICT, "Deze veiligheidszorg is gesloten; er kunnen geen stappen meer bij.");
	if (errors)
		return r->is_api ? reply_json_validation(r, form_errors_json(step_rules, S_COUNT, v))
		                 : render_zorg(r, d, &z, v, other_part(r, close_rules, C_COUNT), 422, NULL);
	int64_t step_id = 0;
	if (db_begin(d) != 0)
		return -1;
	enum db_status s = db_veiligheid_add_step(d, z.id, (int)v[S_STAP].id, v[S_DATUM].text, v[S_BESLUIT].text,
	                                          v[S_REDEN].text[0] ? v[S_REDEN].text : NULL, r->user->id, &step_id);
	struct audit_entry e = {.medewerker_id = r->user->id, .action = "veiligheidszorg.stap",
	                        .object_type = "veiligheidszorg", .object_id = z.id, .huishouden_id = z.huishouden_id,
	                        .client_addr = r->client_addr};
	if (s == DB_OK)
		s = audit_append(d, &e);
	if (s != DB_OK || db_commit(d) != 0) {
		db_rollback(d);
		if (s == DB_NOT_FOUND)
			return reply_error(r, ERR_CONFLICT, "Deze veiligheidszorg is intussen gesloten.");
		return -1;
	}
	if (r->is_api)
		return reply_json(r, 201, json_pack("{s:I, s:I, s:I}", "id", (json_int_t)step_id, "veiligheidszorg_id",
		                                    (json_int_t)z.id, "stap", (json_int_t)v[S_STAP].id));
	return reply_redirect(r, arena_printf(r->arena, "/veiligheidszorgen/%lld?stap=1", (long long)z.id));
}

int h_veiligheid_close(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct veiligheidszorg z;
	if (load(r, d, req_param_id(r, 0), NULL, &z) != 0)
		return 0;
	struct field_value v[C_COUNT];
	int errors = validate(r, close_rules, C_COUNT, v);
	if (strcmp(z.status, "open") != 0)
		return reply_error(r, ERR_CONFLICT, "Deze veiligheidszorg is al gesloten.");
	if (errors)
		return r->is_api ? reply_json_validation(r, form_errors_json(close_rules, C_COUNT, v))
		                 : render_zorg(r, d, &z, other_part(r, step_rules, S_COUNT), v, 422, NULL);
	if (db_begin(d) != 0)
		return -1;
	enum db_status s = db_veiligheid_close(d, z.id, v[C_VERSIE].id, v[C_UITKOMST].text, v[C_TOELICHTING].text,
	                                       r->user->id);
	struct audit_entry e = {.medewerker_id = r->user->id, .action = "veiligheidszorg.sluiten",
	                        .object_type = "veiligheidszorg", .object_id = z.id, .huishouden_id = z.huishouden_id,
	                        .reason = v[C_UITKOMST].text, .client_addr = r->client_addr};
	if (s == DB_OK)
		s = audit_append(d, &e);
	if (s != DB_OK || db_commit(d) != 0) {
		db_rollback(d);
		if (s != DB_NOT_FOUND)
			return -1;
		const char *msg = "Iemand anders heeft deze veiligheidszorg intussen gewijzigd. Bekijk wat er nu staat; "
		                  "uw invoer staat er nog.";
		if (r->is_api)
			return reply_error(r, ERR_CONFLICT, msg);
		if (db_veiligheid_get(d, r->arena, z.id, &z) != DB_OK)
			return -1;
		return render_zorg(r, d, &z, other_part(r, step_rules, S_COUNT), v, 409, msg);
	}
	if (r->is_api)
		return reply_json(r, 200, json_pack("{s:I, s:s, s:s}", "id", (json_int_t)z.id, "status", "gesloten",
		                                    "uitkomst", v[C_UITKOMST].text));
	return reply_redirect(r, arena_printf(r->arena, "/veiligheidszorgen/%lld?gesloten=1", (long long)z.id));
}

int h_api_veiligheid_list(struct req *r)
{
	int64_t hh = req_param_id(r, 0);
	struct hh_access_info acc;
	if (require_household(r, hh, "veiligheidszorg.list", "huishouden", hh, &acc) != 0)
		return 0;
	db *d = db_get();
	json_t *list = d ? db_veiligheid_for_household(d, hh) : NULL;
	if (!list)
		return -1;
	return reply_json(r, 200, json_pack("{s:o}", "veiligheidszorgen", list));
}
