/* verzoek.c - a provider's request (315 verzoek om toewijzing, 317
 * verzoek om wijziging; issue 14 item 3): what the provider asks, and the
 * regisseur's decision.  Toekennen makes or changes the voorziening(en)
 * and sends the 301; Afwijzen needs a RedenAfwijzingVerzoek (WJ759) and
 * sends the 319.  Open to whoever may open the household (need-to-know);
 * the open request is a melding for its regisseur. */
#include <inttypes.h>
#include <string.h>

#include "access.h"
#include "audit.h"
#include "bericht_pagina.h"
#include "bericht_tekst.h"
#include "berichten.h"
#include "db_bericht.h"
#include "form.h"
#include "handlers.h"

static int64_t n_of(const json_t *o, const char *k)
{
	return json_integer_value(json_object_get(o, k));
}

enum { A_REDEN, A_TOELICHTING, A_VERSIE, A_COUNT };
static const struct field_rule afwijs_rules[A_COUNT] = {
	[A_REDEN] = {.name = "reden", .label = "Reden van afwijzen", .kind = FIELD_CHOICE, .required = true,
	             .choices = bt_afwijzing_codes},
	[A_TOELICHTING] = {.name = "toelichting", .label = "Toelichting", .kind = FIELD_TEXT, .max_len = 2000},
	[A_VERSIE] = {.name = "versie", .label = "Versie", .kind = FIELD_INT, .required = true, .min = 1,
	              .max = INT64_MAX},
};
enum { T_VERSIE, T_COUNT };
static const struct field_rule toeken_rules[T_COUNT] = {
	[T_VERSIE] = {.name = "versie", .label = "Versie", .kind = FIELD_INT, .required = true, .min = 1,
	              .max = INT64_MAX},
};

/* The request of the path, with access to its household checked (and the
 * view audited when audit is set).  0, or -1 after replying. */
static int load(struct req *r, db *d, const char *audit, json_t **row, struct hh_access_info *acc)
{
	enum db_status s = db_verzoek_get(d, req_param_id(r, 0), row);
	if (s != DB_OK)
		return reply_lookup(r, s, "Dit verzoek bestaat niet.");
	if (require_household(r, n_of(*row, "huishouden_id"), audit, "verzoek", n_of(*row, "id"), acc) != 0) {
		json_decref(*row);
		return -1;
	}
	return 0;
}

static int render(struct req *r, json_t *row, unsigned status, struct field_value *v, const char *alert)
{
	json_t *data = json_object();
	struct field_value empty[A_COUNT];
	if (!v) {
		form_validate(r->arena, NULL, afwijs_rules, A_COUNT, empty);
		for (int i = 0; i < A_COUNT; i++)
			empty[i].error = NULL;
		v = empty;
	}
	form_to_page(data, afwijs_rules, A_COUNT - 1, v);
	json_object_set_new(data, "redenen", bt_options(bt_afwijzing, v[A_REDEN].text, "Kies een reden"));
	verzoek_woorden(r->arena, row);
	json_object_set_new(data, "versie", json_integer(n_of(row, "versie")));
	json_object_set_new(data, "mag_bericht", json_boolean(r->user->roles & (ROLE_TEAMLEIDER | ROLE_BEHEERDER)));
	if (alert)
		json_object_set_new(data, "alert", json_string(alert));
	else if (req_query(r, "beslist"))
		json_object_set_new(data, "notice", json_string("Het besluit is vastgelegd en het bericht aan de aanbieder "
		                                                "staat klaar."));
	const char *title = json_string_value(json_object_get(row, "soort_label"));
	json_object_set_new(data, "vz", row);
	return reply_page(r, status, "verzoek", title, data);
}

int h_verzoek_show(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	json_t *row;
	struct hh_access_info acc;
	if (load(r, d, "verzoek.view", &row, &acc) != 0)
		return 0;
	return render(r, row, 200, NULL, NULL);
}

static const char *const stale = "Over dit verzoek is intussen al beslist, of het is gewijzigd. Bekijk het opnieuw.";

/* Decides request row (loaded with access checked; taken over); 0 or -1
 * after replying.  v the afwijzen form's values (NULL for toekennen). */
static int beslis(struct req *r, db *d, json_t *row, bool toekennen, int64_t versie, struct field_value *v)
{
	int64_t id = n_of(row, "id");
	if (strcmp(json_string_value(json_object_get(row, "status")), "open") != 0 || n_of(row, "versie") != versie)
		return render(r, row, 409, v, stale);
	if (db_begin(d) != 0) {
		json_decref(row);
		return -1;
	}
	const char *fout = NULL;
	const char *reden = v ? v[A_REDEN].text : NULL;
	const char *toelichting = v && *v[A_TOELICHTING].text ? v[A_TOELICHTING].text : NULL;
	enum db_status s = berichten_verzoek_beslis(d, r->arena, id, versie, toekennen, reden, toelichting, r->user->id,
	                                            &fout);
	if (s == DB_OK) {
		struct audit_entry e = {.medewerker_id = r->user->id, .action = toekennen ? "verzoek.toegekend" : "verzoek.afgewezen",
		                        .object_type = "verzoek", .object_id = id, .huishouden_id = n_of(row, "huishouden_id"),
		                        .reason = reden, .client_addr = r->client_addr};
		s = audit_append(d, &e);
	}
	if (s == DB_OK && db_commit(d) != 0)
		s = DB_ERROR;
	if (s != DB_OK) {
		db_rollback(d);
		if (fout)
			return render(r, row, 422, v, arena_printf(r->arena, "Het verzoek kon niet worden toegekend: %s", fout));
		if (s == DB_NOT_FOUND)
			return render(r, row, 409, v, stale);
		json_decref(row);
		return -1;
	}
	json_decref(row);
	return reply_redirect(r, arena_printf(r->arena, "/verzoeken/%" PRId64 "?beslist=1", id));
}

static const char *const no_version = "Het formulier mist de versie. Laad de pagina opnieuw.";

int h_verzoek_toekennen(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	json_t *row;
	struct hh_access_info acc;
	if (load(r, d, NULL, &row, &acc) != 0)
		return 0;
	struct field_value v[T_COUNT];
	if (form_validate(r->arena, r->form, toeken_rules, T_COUNT, v) > 0) {
		json_decref(row);
		return reply_error(r, ERR_BAD_REQUEST, no_version);
	}
	return beslis(r, d, row, true, v[T_VERSIE].id, NULL);
}

int h_verzoek_afwijzen(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	json_t *row;
	struct hh_access_info acc;
	if (load(r, d, NULL, &row, &acc) != 0)
		return 0;
	struct field_value *v = arena_alloc(r->arena, A_COUNT * sizeof *v);
	form_validate(r->arena, r->form, afwijs_rules, A_COUNT, v);
	if (v[A_VERSIE].error) {
		json_decref(row);
		return reply_error(r, ERR_BAD_REQUEST, no_version);
	}
	if (v[A_REDEN].error || v[A_TOELICHTING].error) {
		if (v[A_REDEN].error && !*v[A_REDEN].text)
			v[A_REDEN].error = "Kies de reden van afwijzen.";
		return render(r, row, 422, v, NULL);
	}
	return beslis(r, d, row, false, v[A_VERSIE].id, v);
}
