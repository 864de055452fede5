/* moreel_beraad.c - moreel beraad: an ethical deliberation about a
 * household, with who took part, the dilemma and the decision, optionally
 * about one goal of its plan or one voorziening.  Stored as a journal
 * entry of kind moreel_beraad (a readable summary) plus its moreel_beraad
 * row, in one audited transaction.  Browser pages and the JSON API. */
#include <string.h>

#include "access.h"
#include "audit.h"
#include "care.h"
#include "db_evaluatie.h"
#include "db_journaal.h"
#include "form.h"
#include "handlers.h"

enum { M_DATUM, M_DEELNEMERS, M_DILEMMA, M_BESLUIT, M_DOEL, M_VOORZIENING, M_COUNT };
static const struct field_rule rules[M_COUNT] = {
	[M_DATUM] = {.name = "datum", .label = "Datum van het beraad",
	             .kind = FIELD_DATE, .required = true, .date_flags = DATE_NOT_FUTURE},
	[M_DEELNEMERS] = {.name = "deelnemers", .label = "Deelnemers",
	                  .kind = FIELD_TEXT, .required = true, .max_len = 1000},
	[M_DILEMMA] = {.name = "dilemma", .label = "Het dilemma",
	               .kind = FIELD_TEXT, .required = true, .max_len = 5000},
	[M_BESLUIT] = {.name = "besluit", .label = "Het besluit",
	               .kind = FIELD_TEXT, .required = true, .max_len = 5000},
	[M_DOEL] = {.name = "doel", .label = "Doel uit het plan", .kind = FIELD_ID},
	[M_VOORZIENING] = {.name = "voorziening", .label = "Voorziening", .kind = FIELD_ID},
};

/* The goals and voorzieningen of one household a beraad may concern. */
struct mb_ctx {
	struct mb_ref *goals, *voorzieningen;
	size_t ngoals, nvoorzieningen;
};

static enum db_status load_ctx(struct req *r, db *d, int64_t hh, struct mb_ctx *c)
{
	enum db_status s = db_mb_goals(d, r->arena, hh, &c->goals, &c->ngoals);
	if (s == DB_OK)
		s = db_mb_voorzieningen(d, r->arena, hh, &c->voorzieningen, &c->nvoorzieningen);
	return s;
}

static const char *ref_label(const struct mb_ref *refs, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (refs[i].id == id)
			return refs[i].label;
	return NULL;
}

/* The checks against the household; returns the number of new errors. */
static int check_refs(const struct mb_ctx *c, struct field_value *v)
{
	int errors = 0;
	if (!v[M_DOEL].error && v[M_DOEL].id && !ref_label(c->goals, c->ngoals, v[M_DOEL].id)) {
		v[M_DOEL].error = "Kies een doel uit het plan van dit huishouden.";
		errors++;
	}
	if (!v[M_VOORZIENING].error && v[M_VOORZIENING].id &&
	    !ref_label(c->voorzieningen, c->nvoorzieningen, v[M_VOORZIENING].id)) {
		v[M_VOORZIENING].error = "Kies een voorziening van dit huishouden.";
		errors++;
	}
	return errors;
}

static json_t *ref_options(const struct mb_ref *refs, size_t n, int64_t selected)
{
	json_t *list = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(list, json_pack("{s:I, s:s, s:b}", "id", (json_int_t)refs[i].id, "label",
		                                      refs[i].label, "selected", refs[i].id == selected));
	return list;
}

static int render_new(struct req *r, db *d, int64_t hh, const struct mb_ctx *c, struct field_value *v,
                      unsigned status)
{
	json_t *data = json_object();
	if (care_household(r, d, hh, data) != DB_OK) {
		json_decref(data);
		return -1;
	}
	struct field_value empty[M_COUNT];
	if (!v) {
		form_validate(r->arena, NULL, rules, M_COUNT, empty);
		for (int i = 0; i < M_COUNT; i++)
			empty[i].error = NULL;
		char today[11];
		date_today(today);
		empty[M_DATUM].text = arena_strdup(r->arena, today);
		v = empty;
	}
	form_to_page(data, rules, M_COUNT, v);
	json_t *fields = json_object_get(data, "field");
	json_object_set_new(json_object_get(fields, "doel"), "options", ref_options(c->goals, c->ngoals, v[M_DOEL].id));
	json_object_set_new(json_object_get(fields, "voorziening"), "options",
	                    ref_options(c->voorzieningen, c->nvoorzieningen, v[M_VOORZIENING].id));
	json_object_set_new(data, "has_goals", json_boolean(c->ngoals > 0));
	json_object_set_new(data, "has_voorzieningen", json_boolean(c->nvoorzieningen > 0));
	return reply_page(r, status, "moreel-beraad-nieuw", "Moreel beraad vastleggen", data);
}

int h_moreel_beraad_new_form(struct req *r)
{
	int64_t hh = req_param_id(r, 0);
	struct hh_access_info acc;
	if (require_household(r, hh, "moreel_beraad.form", "huishouden", hh, &acc) != 0)
		return 0;
	db *d = db_get();
	struct mb_ctx c = {0};
	if (!d || load_ctx(r, d, hh, &c) != DB_OK)
		return -1;
	return render_new(r, d, hh, &c, NULL, 200);
}

/* The journal text: a readable summary of the beraad. */
static const char *summary(struct req *r, const struct mb_ctx *c, const struct field_value *v)
{
	strbuf sb = {0};
	sb_printf(&sb, "Moreel beraad\n\nDeelnemers: %s\n\nDilemma: %s\n\nBesluit: %s", v[M_DEELNEMERS].text,
	          v[M_DILEMMA].text, v[M_BESLUIT].text);
	if (v[M_DOEL].id)
		sb_printf(&sb, "\n\nOver het doel: %s", ref_label(c->goals, c->ngoals, v[M_DOEL].id));
	if (v[M_VOORZIENING].id)
		sb_printf(&sb, "\n\nOver de voorziening: %s",
		          ref_label(c->voorzieningen, c->nvoorzieningen, v[M_VOORZIENING].id));
	const char *text = arena_strdup(r->arena, sb_str(&sb));
	sb_free(&sb);
	return text;
}

/* Stores a validated beraad for hh with its audit row; *id gets the
 * journal id. */
static enum db_status store_new(struct req *r, db *d, int64_t hh, const struct mb_ctx *c,
                                const struct field_value *v, const struct hh_access_info *acc, int64_t *id)
{
	if (db_begin(d) != 0)
		return DB_ERROR;
	enum db_status s = db_journaal_insert(d, hh, "moreel_beraad", v[M_DATUM].text, summary(r, c, v), r->user->id, id);
	if (s == DB_OK)
		s = db_moreel_beraad_insert(d, *id, v[M_DEELNEMERS].text, v[M_DILEMMA].text, v[M_BESLUIT].text,
		                            v[M_DOEL].id, v[M_VOORZIENING].id);
	struct audit_entry e = {.medewerker_id = r->user->id, .action = "moreel_beraad.create",
	                        .object_type = "journaal", .object_id = *id, .huishouden_id = hh,
	                        .reason = acc->exception_reason, .client_addr = r->client_addr};
	if (s == DB_OK)
		s = audit_append(d, &e);
	if (s != DB_OK || db_commit(d) != 0) {
		db_rollback(d);
		return DB_ERROR;
	}
	return DB_OK;
}

int h_moreel_beraad_create(struct req *r)
{
	int64_t hh = req_param_id(r, 0);
	struct hh_access_info acc;
	if (require_household(r, hh, NULL, NULL, 0, &acc) != 0)
		return 0;
	db *d = db_get();
	struct mb_ctx c = {0};
	if (!d || load_ctx(r, d, hh, &c) != DB_OK)
		return -1;
	struct field_value *v = arena_alloc(r->arena, M_COUNT * sizeof *v);
	int errors = form_validate(r->arena, r->form, rules, M_COUNT, v);
	if (errors + check_refs(&c, v))
		return render_new(r, d, hh, &c, v, 422);
	int64_t id = 0;
	if (store_new(r, d, hh, &c, v, &acc, &id) != DB_OK)
		return -1;
	return reply_redirect(r, arena_printf(r->arena, "/moreel-beraad/%lld", (long long)id));
}

int h_moreel_beraad_show(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	int64_t id = req_param_id(r, 0);
	struct moreel_beraad m;
	enum db_status s = db_moreel_beraad_get(d, r->arena, id, &m);
	if (s == DB_NOT_FOUND)
		return reply_error(r, ERR_NOT_FOUND, "Dit moreel beraad bestaat niet.");
	if (s != DB_OK)
		return -1;
	struct hh_access_info acc;
	if (require_household(r, m.huishouden_id, "moreel_beraad.view", "journaal", id, &acc) != 0)
		return 0;
	json_t *data = json_object();
	if (care_household(r, d, m.huishouden_id, data) != DB_OK) {
		json_decref(data);
		return -1;
	}
	json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)m.journaal_id, "entry_nl", m.entry_nl,
	                      "participants", m.participants, "dilemma", m.dilemma, "decision", m.decision, "author",
	                      m.author);
	if (m.doel)
		json_object_set_new(o, "doel", json_pack("{s:s, s:s}", "label", m.doel, "href",
		                                         arena_printf(r->arena, "/huishoudens/%lld/plan",
		                                                      (long long)m.huishouden_id)));
	if (m.voorziening)
		json_object_set_new(o, "voorziening", json_pack("{s:s, s:s}", "label", m.voorziening, "href",
		                                                arena_printf(r->arena, "/voorzieningen/%lld",
		                                                             (long long)m.voorziening_id)));
	json_object_set_new(data, "beraad", o);
	return reply_page(r, 200, "moreel-beraad", arena_printf(r->arena, "Moreel beraad van %s", m.entry_nl), data);
}

/* ---- API ---------------------------------------------------------------- */

static json_t *mb_api_json(const struct moreel_beraad *m)
{
	char created[21];
	fmt_iso8601(m->created_at, created);
	json_t *o = json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)m->journaal_id,
	                      "huishouden_id", (json_int_t)m->huishouden_id, "datum", m->entry_date, "deelnemers",
	                      m->participants, "dilemma", m->dilemma, "besluit", m->decision, "auteur", m->author,
	                      "vastgelegd_op", created);
	json_object_set_new(o, "doel_id", m->doel_id ? json_integer(m->doel_id) : json_null());
	json_object_set_new(o, "voorziening_id", m->voorziening_id ? json_integer(m->voorziening_id) : json_null());
	return o;
}

int h_api_moreel_beraad_list(struct req *r)
{
	int64_t hh = req_param_id(r, 0);
	struct hh_access_info acc;
	if (require_household(r, hh, "moreel_beraad.list", "huishouden", hh, &acc) != 0)
		return 0;
	db *d = db_get();
	struct moreel_beraad *list;
	size_t n;
	if (!d || db_moreel_beraad_list(d, r->arena, hh, &list, &n) != DB_OK)
		return -1;
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, mb_api_json(&list[i]));
	return reply_json(r, 200, json_pack("{s:o}", "moreel_beraad", arr));
}

int h_api_moreel_beraad_create(struct req *r)
{
	int64_t hh = req_param_id(r, 0);
	struct hh_access_info acc;
	if (require_household(r, hh, NULL, NULL, 0, &acc) != 0)
		return 0;
	db *d = db_get();
	struct mb_ctx c = {0};
	if (!d || load_ctx(r, d, hh, &c) != DB_OK)
		return -1;
	struct field_value v[M_COUNT];
	int errors = form_validate_json(r->arena, r->json, rules, M_COUNT, v);
	if (errors + check_refs(&c, v))
		return reply_json_validation(r, form_errors_json(rules, M_COUNT, v));
	int64_t id = 0;
	struct moreel_beraad m;
	if (store_new(r, d, hh, &c, v, &acc, &id) != DB_OK || db_moreel_beraad_get(d, r->arena, id, &m) != DB_OK)
		return -1;
	if (reply_json(r, 201, mb_api_json(&m)) != 0)
		return -1;
	reply_header(r, "Location", arena_printf(r->arena, "/api/v1/journaal/%lld", (long long)id));
	return 0;
}
