/* api_huishouden.c - the JSON API for households, persons and search, with
 * the validation tables of the HTML forms (huishouden_form.h) and the same
 * access rules: full access to the household for everything but search. */
#include <stdio.h>
#include <string.h>

#include "access.h"
#include "audit.h"
#include "db_persoon_bericht.h"
#include "handlers.h"
#include "huishouden_form.h"
#include "text.h"

static const struct field_rule version_rule[] = {
	{.name = "versie", .label = "Versie", .kind = FIELD_INT, .required = true, .min = 1, .max = 1000000000},
};

static const struct field_rule search_rule[] = {
	{.name = "q", .label = "Zoekterm", .kind = FIELD_LINE, .required = true, .max_len = 100},
};

static void set_opt(json_t *o, const char *key, const char *value)
{
	if (value && *value)
		json_object_set_new(o, key, json_string(value));
}

static json_t *person_api_json(const struct persoon *p)
{
	json_t *o = json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:I}", "id", (json_int_t)p->id,
	                      "huishouden_id", (json_int_t)p->huishouden_id, "naam", p->name,
	                      "voornaam", p->first_name, "achternaam", p->last_name,
	                      "geboortedatum", p->birth_date, "rol", p->role, "versie", (json_int_t)p->version);
	set_opt(o, "tussenvoegsel", p->name_prefix);
	set_opt(o, "bsn", p->bsn);
	set_opt(o, "telefoon", p->phone);
	set_opt(o, "email", p->email);
	return o;
}

/* The household with its members (without their BSNs: "heeft_bsn"), or
 * NULL on a database error. */
static json_t *household_api_json(db *d, const struct huishouden *h)
{
	json_t *members = db_persoon_list(d, h->id);
	if (!members)
		return NULL;
	json_t *personen = json_array();
	size_t i;
	json_t *m;
	json_array_foreach(members, i, m) {
		json_t *o = json_object();
		json_object_set(o, "id", json_object_get(m, "id"));
		json_object_set(o, "naam", json_object_get(m, "name"));
		json_object_set(o, "voornaam", json_object_get(m, "first_name"));
		if (json_object_get(m, "name_prefix"))
			json_object_set(o, "tussenvoegsel", json_object_get(m, "name_prefix"));
		json_object_set(o, "achternaam", json_object_get(m, "last_name"));
		json_object_set(o, "geboortedatum", json_object_get(m, "birth_date"));
		json_object_set(o, "rol", json_object_get(m, "role"));
		if (json_object_get(m, "phone"))
			json_object_set(o, "telefoon", json_object_get(m, "phone"));
		if (json_object_get(m, "email"))
			json_object_set(o, "email", json_object_get(m, "email"));
		json_object_set(o, "heeft_bsn", json_object_get(m, "has_bsn"));
		json_object_set(o, "versie", json_object_get(m, "version"));
		json_array_append_new(personen, o);
	}
	json_decref(members);
	json_t *o = json_pack("{s:I, s:s, s:I, s:s, s:s, s:s, s:s, s:I, s:o}", "id", (json_int_t)h->id,
	                      "straat", h->street, "huisnummer", (json_int_t)h->house_number,
	                      "postcode", h->postcode, "plaats", h->city, "adres", h->address,
	                      "status", h->status, "versie", (json_int_t)h->version, "personen", personen);
	set_opt(o, "toevoeging", h->house_suffix);
	if (h->gebied_id) {
		json_object_set_new(o, "gebied", json_integer(h->gebied_id));
		json_object_set_new(o, "gebied_naam", json_string(h->gebied));
	}
	if (h->regisseur_id)
		json_object_set_new(o, "regisseur", json_pack("{s:I, s:s}", "id", (json_int_t)h->regisseur_id,
		                                              "naam", h->regisseur));
	return o;
}

static bool json_body_ok(struct req *r)
{
	if (json_is_object(r->json))
		return true;
	reply_error(r, ERR_BAD_REQUEST, "Verwacht een JSON-object.");
	return false;
}

/* ---- households ------------------------------------------------------------ */

int h_api_huishouden_get(struct req *r)
{
	int64_t hh = req_param_id(r, 0);
	struct hh_access_info acc;
	if (require_household(r, hh, "huishouden.view", "huishouden", hh, &acc) != 0)
		return 0;
	db *d = db_get();
	struct huishouden h;
	if (!d || db_huishouden_get(d, r->arena, hh, &h) != DB_OK)
		return -1;
	json_t *o = household_api_json(d, &h);
	return o ? reply_json(r, 200, o) : -1;
}

int h_api_huishouden_put(struct req *r)
{
	int64_t hh = req_param_id(r, 0);
	struct hh_access_info acc;
	if (require_household(r, hh, NULL, NULL, 0, &acc) != 0)
		return 0;
	if (!json_body_ok(r))
		return 0;
	db *d = db_get();
	if (!d)
		return -1;
	struct field_value v[A_COUNT], ver[1];
	int errors = form_validate_json(r->arena, r->json, address_rules, A_COUNT, v);
	errors += address_check(r, d, v);
	errors += form_validate_json(r->arena, r->json, version_rule, 1, ver);
	if (errors) {
		json_t *fields = form_errors_json(address_rules, A_COUNT, v);
		json_object_update_new(fields, form_errors_json(version_rule, 1, ver));
		return reply_json_validation(r, fields);
	}
	struct huishouden_input in;
	address_input(v, &in);
	if (db_begin(d) != 0)
		return -1;
	enum db_status s = db_huishouden_update_address(d, hh, &in, ver[0].id, r->user->id);
	struct audit_entry e = {.medewerker_id = r->user->id, .action = "huishouden.update",
	                        .object_type = "huishouden", .object_id = hh, .huishouden_id = hh,
	                        .reason = acc.by_exception ? acc.exception_reason : NULL,
	                        .client_addr = r->client_addr};
	if (s == DB_OK)
		s = audit_append(d, &e);
	if (s == DB_OK && db_commit(d) != 0)
		s = DB_ERROR;
	if (s != DB_OK)
		db_rollback(d);
	struct huishouden h;
	if ((s != DB_OK && s != DB_NOT_FOUND) || db_huishouden_get(d, r->arena, hh, &h) != DB_OK)
		return -1;
	json_t *o = household_api_json(d, &h);
	if (!o)
		return -1;
	if (s == DB_NOT_FOUND) {
		char at[21];
		fmt_iso8601(h.updated_at, at);
		return api_conflict(r, arena_printf(r->arena, "%s heeft dit huishouden gewijzigd (versie %lld) "
		                                    "sinds u versie %lld las. Bekijk de huidige gegevens en "
		                                    "stuur uw wijziging opnieuw met de nieuwe versie.",
		                                    h.updated_by ? h.updated_by : "Een collega",
		                                    (long long)h.version, (long long)ver[0].id),
		                    "huidig", json_pack("{s:o, s:s, s:s}", "huishouden", o,
		                                        "gewijzigd_door", h.updated_by ? h.updated_by : "",
		                                        "gewijzigd_op", at));
	}
	return reply_json(r, 200, o);
}

/* ---- persons -------------------------------------------------------------------- */

/* The person's message fields (issue 14) added to its JSON: geslacht,
 * voorletters (when recorded), naamgebruik, and geen_berichten (the OP003
 * reason) when messages are stopped.  Returns o. */
static json_t *with_bericht(struct req *r, db *d, int64_t id, json_t *o)
{
	struct persoon_bericht pb;
	if (db_persoon_bericht_get(d, r->arena, id, &pb) == DB_OK) {
		json_object_set_new(o, "geslacht", json_string(pb.geslacht));
		if (pb.voorletters)
			json_object_set_new(o, "voorletters", json_string(pb.voorletters));
		json_object_set_new(o, "naamgebruik", json_string(pb.naamgebruik));
		if (pb.geen_berichten)
			json_object_set_new(o, "geen_berichten", json_string(pb.geen_berichten));
	}
	return o;
}

/* Validates a person body (and its message fields into pb, absent ones
 * keeping stored, NULL for a new person); replies 422 and returns -1 on
 * errors. */
static int person_body(struct req *r, struct field_value v[P_COUNT], bool with_version,
                       struct field_value ver[1], struct field_value pb[PB_COUNT], const struct persoon_bericht *stored)
{
	int errors = form_validate_json(r->arena, r->json, person_rules, P_COUNT, v);
	errors += person_check(r, v);
	errors += form_validate_json(r->arena, r->json, person_bericht_rules, PB_COUNT, pb);
	errors += person_bericht_check(r, pb, stored ? stored->geslacht : NULL, stored ? stored->voorletters : NULL,
	                               stored ? stored->naamgebruik : NULL);
	if (with_version)
		errors += form_validate_json(r->arena, r->json, version_rule, 1, ver);
	if (!errors)
		return 0;
	json_t *fields = form_errors_json(person_rules, P_COUNT, v);
	json_object_update_new(fields, form_errors_json(person_bericht_rules, PB_COUNT, pb));
	if (with_version)
		json_object_update_new(fields, form_errors_json(version_rule, 1, ver));
	reply_json_validation(r, fields);
	return -1;
}

/* 409 for a person that exists already. */
static int person_exists(struct req *r, const struct persoon_dup *dup)
{
	return api_conflict(r, "Deze persoon is al bekend.", "bestaand", person_dup_api_json(dup));
}

int h_api_persoon_create(struct req *r)
{
	int64_t hh = req_param_id(r, 0);
	struct hh_access_info acc;
	if (require_household(r, hh, NULL, NULL, 0, &acc) != 0)
		return 0;
	if (!json_body_ok(r))
		return 0;
	db *d = db_get();
	if (!d)
		return -1;
	struct field_value v[P_COUNT], pb[PB_COUNT];
	if (person_body(r, v, false, NULL, pb, NULL) != 0)
		return 0;
	struct persoon_input in;
	person_input(v, &in);
	bool found;
	struct persoon_dup dup;
	if (db_persoon_find_duplicate(d, r->arena, &in, 0, &found, &dup) != DB_OK)
		return -1;
	if (found)
		return person_exists(r, &dup);
	if (db_begin(d) != 0)
		return -1;
	int64_t pid = 0;
	enum db_status s = db_persoon_insert(d, hh, &in, r->user->id, &pid);
	if (s == DB_OK)
		s = db_persoon_bericht_set(d, pid, pb[PB_GESLACHT].text, pb[PB_VOORLETTERS].text, pb[PB_NAAMGEBRUIK].text);
	struct audit_entry e = {.medewerker_id = r->user->id, .action = "persoon.create",
	                        .object_type = "persoon", .object_id = pid, .huishouden_id = hh,
	                        .reason = acc.by_exception ? acc.exception_reason : NULL,
	                        .client_addr = r->client_addr};
	if (s == DB_OK)
		s = audit_append(d, &e);
	if (s != DB_OK || db_commit(d) != 0) {
		db_rollback(d);
		if (s == DB_CONSTRAINT && db_persoon_find_duplicate(d, r->arena, &in, 0, &found, &dup) == DB_OK &&
		    found)
			return person_exists(r, &dup);
		return -1;
	}
	struct persoon p;
	if (db_persoon_get(d, r->arena, pid, &p) != DB_OK)
		return -1;
	reply_json(r, 201, with_bericht(r, d, pid, person_api_json(&p)));
	reply_header(r, "Location", arena_printf(r->arena, "/api/v1/personen/%lld", (long long)pid));
	return 0;
}

/* Loads a person or replies 404; returns 0 or -1 (replied when
 * r->response is set). */
static int load(struct req *r, db *d, int64_t id, struct persoon *p)
{
	enum db_status s = db_persoon_get(d, r->arena, id, p);
	if (s == DB_NOT_FOUND)
		reply_error(r, ERR_NOT_FOUND, "Deze persoon bestaat niet.");
	return s == DB_OK ? 0 : -1;
}

int h_api_persoon_get(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	int64_t id = req_param_id(r, 0);
	struct persoon p;
	if (load(r, d, id, &p) != 0)
		return r->response ? 0 : -1;
	struct hh_access_info acc;
	if (require_household(r, p.huishouden_id, "persoon.view", "persoon", id, &acc) != 0)
		return 0;
	return reply_json(r, 200, with_bericht(r, d, id, person_api_json(&p)));
}

int h_api_persoon_put(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	int64_t id = req_param_id(r, 0);
	struct persoon p;
	if (load(r, d, id, &p) != 0)
		return r->response ? 0 : -1;
	struct hh_access_info acc;
	if (require_household(r, p.huishouden_id, NULL, NULL, 0, &acc) != 0)
		return 0;
	if (!json_body_ok(r))
		return 0;
	struct field_value v[P_COUNT], ver[1], pb[PB_COUNT];
	struct persoon_bericht stored;
	if (db_persoon_bericht_get(d, r->arena, id, &stored) != DB_OK)
		return -1;
	if (person_body(r, v, true, ver, pb, &stored) != 0)
		return 0;
	struct persoon_input in;
	person_input(v, &in);
	bool found;
	struct persoon_dup dup;
	if (db_persoon_find_duplicate(d, r->arena, &in, id, &found, &dup) != DB_OK)
		return -1;
	if (found)
		return person_exists(r, &dup);
	if (db_begin(d) != 0)
		return -1;
	enum db_status s = db_persoon_update(d, id, &in, ver[0].id, r->user->id);
	if (s == DB_OK)
		s = db_persoon_bericht_set(d, id, pb[PB_GESLACHT].text, pb[PB_VOORLETTERS].text, pb[PB_NAAMGEBRUIK].text);
	struct audit_entry e = {.medewerker_id = r->user->id, .action = "persoon.update",
	                        .object_type = "persoon", .object_id = id, .huishouden_id = p.huishouden_id,
	                        .reason = acc.by_exception ? acc.exception_reason : NULL,
	                        .client_addr = r->client_addr};
	if (s == DB_OK)
		s = audit_append(d, &e);
	if (s == DB_OK && db_commit(d) != 0)
		s = DB_ERROR;
	if (s != DB_OK)
		db_rollback(d);
	if (s == DB_CONSTRAINT && db_persoon_find_duplicate(d, r->arena, &in, id, &found, &dup) == DB_OK && found)
		return person_exists(r, &dup);
	if ((s != DB_OK && s != DB_NOT_FOUND) || load(r, d, id, &p) != 0)
		return r->response ? 0 : -1;
	if (s == DB_NOT_FOUND) {
		char at[21];
		fmt_iso8601(p.updated_at, at);
		return api_conflict(r, arena_printf(r->arena, "%s heeft deze persoon gewijzigd (versie %lld) "
		                                    "sinds u versie %lld las. Bekijk de huidige gegevens en "
		                                    "stuur uw wijziging opnieuw met de nieuwe versie.",
		                                    p.updated_by ? p.updated_by : "Een collega",
		                                    (long long)p.version, (long long)ver[0].id),
		                    "huidig", json_pack("{s:o, s:s, s:s}", "persoon", person_api_json(&p),
		                                        "gewijzigd_door", p.updated_by ? p.updated_by : "",
		                                        "gewijzigd_op", at));
	}
	return reply_json(r, 200, with_bericht(r, d, id, person_api_json(&p)));
}

/* ---- search ----------------------------------------------------------------------- */

int h_api_zoeken(struct req *r)
{
	if (!json_body_ok(r))
		return 0;
	db *d = db_get();
	if (!d)
		return -1;
	struct field_value v[1];
	if (form_validate_json(r->arena, r->json, search_rule, 1, v) != 0)
		return reply_json_validation(r, form_errors_json(search_rule, 1, v));
	struct zoek_result zr;
	if (zoek_run(r, d, v[0].text, true, &zr) != DB_OK)
		return -1;
	if (zr.problem)
		return reply_json_validation(r, json_pack("{s:s}", "q", zr.problem));
	json_t *list = json_array();
	size_t i;
	json_t *hit;
	json_array_foreach(zr.hits, i, hit) {
		json_t *o = json_object();
		json_object_set(o, "persoon_id", json_object_get(hit, "persoon_id"));
		json_object_set(o, "huishouden_id", json_object_get(hit, "huishouden_id"));
		json_object_set(o, "naam", json_object_get(hit, "name"));
		json_object_set(o, "geboortedatum", json_object_get(hit, "birth_date"));
		json_object_set(o, "adres", json_object_get(hit, "address"));
		if (json_object_get(hit, "regisseur"))
			json_object_set(o, "regisseur", json_object_get(hit, "regisseur"));
		json_array_append_new(list, o);
	}
	json_decref(zr.hits);
	return reply_json(r, 200, json_pack("{s:s, s:o}", "gezocht_op", zr.kind, "resultaten", list));
}
