/* bezoek.c - one walk-in (bezoek) at a spreekuur: its page, closing it as
 * "informatie gegeven" or "doorverwezen" (to the sociale kaart), linking it
 * to a known household, and the API's view of it.  Registering walk-ins is
 * on the spreekuur page (spreekuur.c).  A bezoek is visible to the employee
 * who registered it, the employees staffing its spreekuur and teamleiders
 * (docs/security.md). */
#include <string.h>

#include "audit.h"
#include "care.h"
#include "db_huishouden.h"
#include "db_spreekuur.h"
#include "domain.h"
#include "form.h"
#include "handlers.h"
#include "spreekuur_shared.h"
#include "zoekformulier.h"

enum { C_UITKOMST, C_KAART, C_NOTITIE, C_VERSIE, C_COUNT };
static const char *const close_codes[] = {"informatie_gegeven", "doorverwezen", NULL};
static const struct field_rule close_rules[C_COUNT] = {
	[C_UITKOMST] = {.name = "uitkomst", .label = "Hoe het bezoek is afgerond", .kind = FIELD_CHOICE, .required = true, .choices = close_codes},
	[C_KAART] = {.name = "sociale_kaart", .label = "Doorverwezen naar", .kind = FIELD_ID},
	[C_NOTITIE] = {.name = "notitie", .label = "Notitie", .kind = FIELD_TEXT, .max_len = 2000},
	[C_VERSIE] = {.name = "versie", .label = "Versie", .kind = FIELD_INT, .required = true, .min = 1, .max = INT64_MAX},
};

enum { K_HUISHOUDEN, K_VERSIE, K_COUNT };
static const struct field_rule link_rules[K_COUNT] = {
	[K_HUISHOUDEN] = {.name = "huishouden", .label = "Huishouden", .kind = FIELD_ID, .required = true},
	[K_VERSIE] = {.name = "versie", .label = "Versie", .kind = FIELD_INT, .required = true, .min = 1, .max = INT64_MAX},
};

static const char *closed_message(struct req *r, const json_t *b)
{
	return arena_printf(r->arena, "Dit bezoek is al afgerond: %s. Het kan niet opnieuw worden afgerond.",
	                    vocab_label(&vocab_visit_outcome, sp_str(b, "uitkomst")));
}

static const char STALE_BEZOEK[] = "Iemand anders heeft dit bezoek intussen gewijzigd. Er is niets opgeslagen; "
                                   "controleer de gegevens hieronder en probeer het opnieuw.";

/* The bezoek page (b stolen) with the close form's values v (NULL: fresh),
 * a message (alert, or a notice) and the quick search for q (posted: it
 * came in the form, not a URL, so a BSN may be searched). */
struct bezoek_msg {
	const char *alert, *notice;
	bool posted;
};
static int render_bezoek(struct req *r, db *d, json_t *b, struct field_value *v, unsigned status,
                         struct bezoek_msg m, const char *q)
{
	struct field_value own[C_COUNT];
	if (!v) {
		form_validate(r->arena, NULL, close_rules, C_COUNT, own);
		for (int i = 0; i < C_COUNT; i++)
			own[i].error = NULL;
		v = own;
	}
	v[C_VERSIE].text = arena_printf(r->arena, "%lld", (long long)sp_num(b, "versie"));
	bezoek_page_labels(b);
	json_t *data = json_object();
	form_to_page(data, close_rules, C_COUNT, v);
	json_t *eigen = json_array(), *overig = json_array();
	json_t *kaart = db_bezoek_kaart_options(d, sp_num(b, "gebied_id"));
	size_t i;
	json_t *k;
	json_array_foreach(kaart, i, k) {
		json_object_set_new(k, "selected", json_boolean(sp_num(k, "id") == v[C_KAART].id));
		json_array_append(json_is_true(json_object_get(k, "eigen_gebied")) ? eigen : overig, k);
	}
	json_decref(kaart);
	json_object_set_new(data, "has_kaart_eigen", json_boolean(json_array_size(eigen) > 0));
	json_object_set_new(data, "kaart_eigen", eigen);
	json_object_set_new(data, "kaart_overig", overig);
	if (m.alert)
		json_object_set_new(data, "alert", json_string(m.alert));
	if (m.notice)
		json_object_set_new(data, "notice", json_string(m.notice));
	if (q && *q && json_is_true(json_object_get(b, "open"))) {
		if (spreekuur_add_search(r, d, q, m.posted, data) != 0) {
			json_decref(data);
			json_decref(b);
			return -1;
		}
	}
	if (req_query(r, "gekoppeld") && status == 200)
		json_object_set_new(data, "notice", json_string("Het bezoek is gekoppeld aan het huishouden."));
	if (req_query(r, "afgerond") && status == 200)
		json_object_set_new(data, "notice", json_string("Het bezoek is afgerond."));
	json_object_set_new(data, "bezoek", b);
	return reply_page(r, status, "bezoek", "Bezoek op het spreekuur", data);
}

/* Loads the bezoek of the route for viewing and writes its audit row.
 * Returns 1 with *b (new reference), 0 after replying (404, 403), -1 on
 * a database error. */
static int view_bezoek(struct req *r, db *d, json_t **b)
{
	int64_t id = req_param_id(r, 0);
	if (load_bezoek(r, d, id, b) != 0)
		return 0;
	if (audit_view(r, "bezoek.view", "bezoek", id, sp_num(*b, "huishouden_id"), NULL) != 0) {
		json_decref(*b);
		return -1;
	}
	return 1;
}

int h_bezoek_show(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	json_t *b;
	int v = view_bezoek(r, d, &b);
	if (v <= 0)
		return v;
	const char *q = req_query(r, "q");
	if (q && (strlen(q) > 400 || !utf8_valid(q, strlen(q))))
		q = NULL;
	return render_bezoek(r, d, b, NULL, 200, (struct bezoek_msg){0}, q);
}

/* Validates and stores the closing of b.  DB_OK; DB_CONSTRAINT with errors
 * at the fields; DB_NOT_FOUND when it was closed or changed meanwhile. */
static enum db_status close_store(struct req *r, db *d, const json_t *b, struct field_value *v, int errors)
{
	bool referral = !v[C_UITKOMST].error && strcmp(v[C_UITKOMST].text, "doorverwezen") == 0;
	if (referral && !v[C_KAART].error && !v[C_KAART].id) {
		v[C_KAART].error = "Kies naar welke voorziening van de sociale kaart u heeft doorverwezen.";
		errors++;
	} else if (referral && !v[C_KAART].error && !db_bezoek_kaart_active(d, v[C_KAART].id)) {
		v[C_KAART].error = "Kies een actieve voorziening van de sociale kaart.";
		errors++;
	}
	if (errors)
		return DB_CONSTRAINT;
	if (db_begin(d) != 0)
		return DB_ERROR;
	int64_t id = sp_num(b, "id");
	enum db_status s = db_bezoek_close(d, id, v[C_VERSIE].id, v[C_UITKOMST].text, referral ? v[C_KAART].id : 0,
	                                   v[C_NOTITIE].text, r->user->id);
	if (s == DB_NOT_FOUND) {
		db_rollback(d);
		return DB_NOT_FOUND;
	}
	struct audit_entry e = {.medewerker_id = r->user->id, .action = "bezoek.afronden", .object_type = "bezoek",
	                        .object_id = id, .huishouden_id = sp_num(b, "huishouden_id"),
	                        .client_addr = r->client_addr};
	if (s != DB_OK || audit_append(d, &e) != DB_OK || db_commit(d) != 0) {
		db_rollback(d);
		return DB_ERROR;
	}
	return DB_OK;
}

static int bezoek_kept(struct req *r, db *d, json_t *b, struct field_value *v, const struct field_value *x,
                       enum zf_act act);

int h_bezoek_close(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	int64_t id = req_param_id(r, 0);
	json_t *b;
	if (load_bezoek(r, d, id, &b) != 0)
		return 0;
	if (strcmp(sp_str(b, "uitkomst"), "open") != 0) {
		const char *msg = closed_message(r, b);
		if (r->is_api) {
			bezoek_api_times(b);
			return care_reply_conflict(r, msg, b);
		}
		json_decref(b);
		return reply_error(r, ERR_CONFLICT, msg);
	}
	struct field_value *v = arena_alloc(r->arena, C_COUNT * sizeof *v);
	int errors = r->is_api ? form_validate_json(r->arena, r->json, close_rules, C_COUNT, v)
	                       : form_validate(r->arena, r->form, close_rules, C_COUNT, v);
	if (!r->is_api && v[C_VERSIE].error) {
		json_decref(b);
		return reply_error(r, ERR_BAD_REQUEST, "Het formulier mist de versie. Laad de pagina opnieuw.");
	}
	if (!r->is_api) {
		struct field_value x[ZF_COUNT];
		form_validate(r->arena, r->form, zoekformulier_rules, ZF_COUNT, x);
		enum zf_act act = zoekformulier_actie(x);
		if (act != ZF_OPSLAAN)
			return bezoek_kept(r, d, b, v, x, act);
	}
	enum db_status s = close_store(r, d, b, v, errors);
	if (s == DB_CONSTRAINT) {
		if (r->is_api) {
			json_decref(b);
			return reply_json_validation(r, form_errors_json(close_rules, C_COUNT, v));
		}
		return render_bezoek(r, d, b, v, 422, (struct bezoek_msg){.posted = true}, NULL);
	}
	if (s == DB_NOT_FOUND) {
		json_decref(b);
		if (db_bezoek_get(d, id, &b) != DB_OK)
			return reply_error(r, ERR_NOT_FOUND, BEZOEK_MISSING);
		const char *msg = strcmp(sp_str(b, "uitkomst"), "open") != 0 ? closed_message(r, b) : STALE_BEZOEK;
		if (r->is_api) {
			bezoek_api_times(b);
			return care_reply_conflict(r, msg, b);
		}
		return render_bezoek(r, d, b, v, 409, (struct bezoek_msg){.alert = msg}, NULL);
	}
	json_decref(b);
	if (s != DB_OK)
		return -1;
	if (r->is_api)
		return bezoek_api_reply(r, d, 200, id);
	return reply_redirect(r, arena_printf(r->arena, "/bezoeken/%lld?afgerond=1", (long long)id));
}

/* Links bezoek id (at version) to household hh with its audit row, in one
 * transaction.  DB_NOT_FOUND when the bezoek changed meanwhile. */
static enum db_status link_store(struct req *r, db *d, int64_t id, int64_t version, int64_t hh)
{
	if (db_begin(d) != 0)
		return DB_ERROR;
	enum db_status s = db_bezoek_link(d, id, version, hh, r->user->id);
	struct audit_entry e = {.medewerker_id = r->user->id, .action = "bezoek.koppelen", .object_type = "bezoek",
	                        .object_id = id, .huishouden_id = hh, .client_addr = r->client_addr};
	if (s == DB_OK)
		s = audit_append(d, &e);
	if (s != DB_OK || db_commit(d) != 0) {
		db_rollback(d);
		return s == DB_OK ? DB_ERROR : s;
	}
	return DB_OK;
}

static const char NO_SUCH_HOUSEHOLD[] = "Dit huishouden bestaat niet of het formulier is onvolledig. "
                                        "Zoek het huishouden opnieuw.";

/* Searching or linking a hit from the walk-in's one form (issue 12 item
 * 3): the closing comes back as typed, not saved; after linking with the
 * walk-in's new version.  b is stolen. */
static int bezoek_kept(struct req *r, db *d, json_t *b, struct field_value *v, const struct field_value *x,
                       enum zf_act act)
{
	for (int i = 0; i < C_COUNT; i++)
		v[i].error = NULL;
	struct bezoek_msg m = {.posted = true};
	int64_t id = sp_num(b, "id");
	if (act == ZF_KOPPELEN) {
		bool exists = false;
		if (db_huishouden_exists(d, x[ZF_KOPPEL].id, &exists) != DB_OK) {
			json_decref(b);
			return -1;
		}
		if (!exists) {
			json_decref(b);
			return reply_error(r, ERR_BAD_REQUEST, NO_SUCH_HOUSEHOLD);
		}
		enum db_status s = link_store(r, d, id, v[C_VERSIE].id, x[ZF_KOPPEL].id);
		if (s != DB_OK && s != DB_NOT_FOUND) {
			json_decref(b);
			return -1;
		}
		json_decref(b);
		if (db_bezoek_get(d, id, &b) != DB_OK)
			return reply_error(r, ERR_NOT_FOUND, BEZOEK_MISSING);
		if (s == DB_NOT_FOUND) {
			m.alert = STALE_BEZOEK;
			return render_bezoek(r, d, b, v, 409, m, NULL);
		}
		m.notice = "Het bezoek is gekoppeld aan het huishouden. Wat u bij Afronden invulde, is nog niet opgeslagen.";
	}
	return render_bezoek(r, d, b, v, 200, m, act == ZF_ZOEKEN ? zoekformulier_q(x, act) : NULL);
}

int h_bezoek_link(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	int64_t id = req_param_id(r, 0);
	json_t *b;
	if (load_bezoek(r, d, id, &b) != 0)
		return 0;
	if (strcmp(sp_str(b, "uitkomst"), "open") != 0) {
		const char *msg = closed_message(r, b);
		json_decref(b);
		return reply_error(r, ERR_CONFLICT, msg);
	}
	struct field_value v[K_COUNT];
	form_validate(r->arena, r->form, link_rules, K_COUNT, v);
	bool exists = false;
	if (v[K_HUISHOUDEN].error || v[K_VERSIE].error ||
	    db_huishouden_exists(d, v[K_HUISHOUDEN].id, &exists) != DB_OK || !exists) {
		json_decref(b);
		return reply_error(r, ERR_BAD_REQUEST, NO_SUCH_HOUSEHOLD);
	}
	enum db_status s = link_store(r, d, id, v[K_VERSIE].id, v[K_HUISHOUDEN].id);
	json_decref(b);
	if (s == DB_NOT_FOUND) {
		if (db_bezoek_get(d, id, &b) != DB_OK)
			return reply_error(r, ERR_NOT_FOUND, BEZOEK_MISSING);
		return render_bezoek(r, d, b, NULL, 409, (struct bezoek_msg){.alert = STALE_BEZOEK}, NULL);
	}
	if (s != DB_OK)
		return -1;
	return reply_redirect(r, arena_printf(r->arena, "/bezoeken/%lld?gekoppeld=1", (long long)id));
}

/* ---- API ---------------------------------------------------------------------- */

int h_api_bezoek_get(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	json_t *b;
	int v = view_bezoek(r, d, &b);
	if (v <= 0)
		return v;
	bezoek_api_times(b);
	return reply_json(r, 200, b);
}
