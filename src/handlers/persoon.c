/* persoon.c - the members of a household: add, edit (versioned) and move
 * to another household, with the duplicate check.  The person fields and
 * checks it shares with the aanmelding form and the API are in
 * src/persoon_form.c (huishouden_form.h).  Every route needs full access
 * to the household (require_household). */
#include <string.h>

#include "access.h"
#include "audit.h"
#include "bericht_tekst.h"
#include "berichten.h"
#include "db_persoon_bericht.h"
#include "handlers.h"
#include "huishouden_form.h"
#include "text.h"

static const char *const person_labels[P_COUNT] = {
	"Voornaam", "Tussenvoegsel", "Achternaam", "Geboortedatum", "Rol in het huishouden", "BSN",
	"Telefoon", "E-mailadres",
};

static const struct field_rule version_rule[] = {
	{.name = "versie", .label = "Versie", .kind = FIELD_INT, .required = true, .min = 1, .max = 1000000000},
};

/* ---- the person form ----------------------------------------------------- */

static void person_values(const struct persoon *p, struct field_value v[P_COUNT])
{
	memset(v, 0, P_COUNT * sizeof *v);
	v[P_FIRST].text = p->first_name;
	v[P_PREFIX].text = p->name_prefix ? p->name_prefix : "";
	v[P_LAST].text = p->last_name;
	v[P_BIRTH].text = p->birth_date;
	v[P_ROLE].text = p->role;
	v[P_BSN].text = p->bsn ? p->bsn : "";
	v[P_PHONE].text = p->phone ? p->phone : "";
	v[P_EMAIL].text = p->email ? p->email : "";
}

/* Shows an ISO date in a date field the Dutch way ("22-11-2026"). */
static void date_field_nl(json_t *data, const char *name)
{
	json_t *f = json_object_get(json_object_get(data, "field"), name);
	const char *v = json_string_value(json_object_get(f, "value"));
	if (v && date_valid_iso(v)) {
		char nl[11];
		text_date_nl(v, nl);
		json_object_set_new(f, "value", json_string(nl));
	}
}

struct person_page {
	const struct huishouden *h;
	const struct persoon *p;       /* NULL: a new person */
	const struct field_value *v;
	const struct field_value *orig; /* edit only */
	int64_t version;
	json_t *conflict;              /* stolen */
	json_t *duplicate;             /* stolen */
	const struct field_value *pb;  /* geslacht, voorletters, naamgebruik */
	const struct persoon_bericht *stored; /* edit: as stored (OP003) */
	const struct field_value *op;  /* the OP003 form after a refusal */
};

/* OP003: stop or resume messages about a client (issue 14). */
enum { O_ACTIE, O_REDEN, O_COUNT };
static const char *const op003_acties[] = {"stoppen", "hervatten", NULL};
static const struct field_rule op003_rules[O_COUNT] = {
	[O_ACTIE] = {.name = "actie", .label = "Berichtenverkeer", .kind = FIELD_CHOICE, .required = true,
	             .choices = op003_acties},
	[O_REDEN] = {.name = "reden_geen_berichten", .label = "Reden om geen berichten te sturen", .kind = FIELD_TEXT,
	             .max_len = 1000},
};

static int render_person(struct req *r, unsigned status, const struct person_page *pg)
{
	json_t *data = json_object();
	page_add_fields(data, person_rules, P_COUNT, pg->v);
	struct field_value pb_default[PB_COUNT];
	if (!pg->pb) {
		form_validate(r->arena, NULL, person_bericht_rules, PB_COUNT, pb_default);
		pb_default[PB_GESLACHT].text = pg->stored ? pg->stored->geslacht : "0";
		pb_default[PB_VOORLETTERS].text = pg->stored && pg->stored->voorletters ? pg->stored->voorletters : "";
		pb_default[PB_NAAMGEBRUIK].text = pg->stored ? pg->stored->naamgebruik : "1";
	}
	const struct field_value *pb = pg->pb ? pg->pb : pb_default;
	page_add_fields(data, person_bericht_rules, PB_COUNT, pb);
	json_object_set_new(data, "geslachten", bt_options(bt_geslacht, pb[PB_GESLACHT].text, NULL));
	json_object_set_new(data, "naamgebruiken", bt_options(bt_naamgebruik, pb[PB_NAAMGEBRUIK].text, NULL));
	if (pg->stored) {
		struct field_value op_default[O_COUNT];
		if (!pg->op) {
			form_validate(r->arena, NULL, op003_rules, O_COUNT, op_default);
			for (int i = 0; i < O_COUNT; i++)
				op_default[i].error = NULL;
		}
		page_add_fields(data, op003_rules, O_COUNT, pg->op ? pg->op : op_default);
		if (pg->stored->geen_berichten)
			json_object_set_new(data, "geen_berichten", json_string(pg->stored->geen_berichten));
	}
	date_field_nl(data, "geboortedatum");
	json_object_set_new(data, "rollen", vocab_options(&vocab_person_role, pg->v[P_ROLE].text));
	json_object_set_new(data, "huishouden", json_pack("{s:I, s:s}", "id", (json_int_t)pg->h->id,
	                                                  "address", pg->h->address));
	if (pg->p) {
		json_t *orig = json_object();
		for (int i = 0; i < P_COUNT; i++)
			json_object_set_new(orig, person_rules[i].name, json_string(pg->orig[i].text));
		json_object_set_new(data, "orig", orig);
		json_object_set_new(data, "versie", json_integer(pg->version));
		json_object_set_new(data, "persoon", json_pack("{s:I, s:s}", "id", (json_int_t)pg->p->id,
		                                               "name", pg->p->name));
		json_object_set_new(data, "action", json_sprintf("/personen/%lld/bewerken", (long long)pg->p->id));
		json_object_set_new(data, "edit", json_true());
		const char *op = req_query(r, "berichtenverkeer");
		if (op && strcmp(op, "gestopt") == 0)
			json_object_set_new(data, "notice", json_string("Er gaan geen berichten meer over deze cliënt."));
		else if (op && strcmp(op, "hervat") == 0)
			json_object_set_new(data, "notice", json_string("Het berichtenverkeer is hervat; wijzigingen van "
			                                                "intussen zijn klaargezet."));
	} else {
		json_object_set_new(data, "action", json_sprintf("/huishoudens/%lld/personen/nieuw",
		                                                 (long long)pg->h->id));
	}
	if (pg->conflict)
		json_object_set_new(data, "conflict", pg->conflict);
	if (pg->duplicate)
		json_object_set_new(data, "duplicate", pg->duplicate);
	return reply_page(r, status, "persoon-form", pg->p ? "Persoon wijzigen" : "Persoon toevoegen", data);
}

int h_persoon_new_form(struct req *r)
{
	int64_t hh = req_param_id(r, 0);
	struct hh_access_info acc;
	if (require_household(r, hh, "huishouden.view", "huishouden", hh, &acc) != 0)
		return 0;
	db *d = db_get();
	struct huishouden h;
	if (!d || db_huishouden_get(d, r->arena, hh, &h) != DB_OK)
		return -1;
	struct field_value v[P_COUNT];
	form_validate(r->arena, NULL, person_rules, P_COUNT, v);
	for (int i = 0; i < P_COUNT; i++)
		v[i].error = NULL;
	return render_person(r, 200, &(struct person_page){.h = &h, .v = v});
}

int h_persoon_create(struct req *r)
{
	int64_t hh = req_param_id(r, 0);
	struct hh_access_info acc;
	if (require_household(r, hh, NULL, NULL, 0, &acc) != 0)
		return 0;
	db *d = db_get();
	struct huishouden h;
	if (!d || db_huishouden_get(d, r->arena, hh, &h) != DB_OK)
		return -1;
	struct field_value v[P_COUNT], pb[PB_COUNT];
	int errors = form_validate(r->arena, r->form, person_rules, P_COUNT, v);
	errors += person_check(r, v);
	errors += form_validate(r->arena, r->form, person_bericht_rules, PB_COUNT, pb);
	errors += person_bericht_check(r, pb, NULL, NULL, NULL);
	if (errors)
		return render_person(r, 422, &(struct person_page){.h = &h, .v = v, .pb = pb});
	struct persoon_input in;
	person_input(v, &in);
	bool found;
	struct persoon_dup dup;
	if (db_persoon_find_duplicate(d, r->arena, &in, 0, &found, &dup) != DB_OK)
		return -1;
	if (found)
		return render_person(r, 409, &(struct person_page){.h = &h, .v = v, .pb = pb,
		                     .duplicate = person_dup_json(&dup)});

	if (db_begin(d) != 0)
		return -1;
	int64_t pid = 0;
	enum db_status s = db_persoon_insert(d, hh, &in, r->user->id, &pid);
	if (s == DB_OK)
		s = db_persoon_bericht_set(d, pid, pb[PB_GESLACHT].text, pb[PB_VOORLETTERS].text, pb[PB_NAAMGEBRUIK].text);
	if (s == DB_CONSTRAINT) {
		/* Another save registered the BSN a moment ago. */
		db_rollback(d);
		if (db_persoon_find_duplicate(d, r->arena, &in, 0, &found, &dup) != DB_OK || !found)
			return -1;
		return render_person(r, 409, &(struct person_page){.h = &h, .v = v, .pb = pb,
		                     .duplicate = person_dup_json(&dup)});
	}
	struct audit_entry e = {.medewerker_id = r->user->id, .action = "persoon.create",
	                        .object_type = "persoon", .object_id = pid, .huishouden_id = hh,
	                        .reason = acc.by_exception ? acc.exception_reason : NULL,
	                        .client_addr = r->client_addr};
	if (s != DB_OK || audit_append(d, &e) != DB_OK || db_commit(d) != 0) {
		db_rollback(d);
		return -1;
	}
	return reply_redirect(r, arena_printf(r->arena, "/huishoudens/%lld", (long long)hh));
}

/* Loads person id and its household, or replies 404.  Returns 0 or -1
 * (replied, or a database error when r->response is unset). */
static int load_person(struct req *r, db *d, int64_t id, struct persoon *p, struct huishouden *h)
{
	enum db_status s = db_persoon_get(d, r->arena, id, p);
	if (s == DB_NOT_FOUND) {
		reply_error(r, ERR_NOT_FOUND, "Deze persoon bestaat niet.");
		return -1;
	}
	if (s != DB_OK || db_huishouden_get(d, r->arena, p->huishouden_id, h) != DB_OK)
		return -1;
	return 0;
}

int h_persoon_edit_form(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	int64_t id = req_param_id(r, 0);
	struct persoon p;
	struct huishouden h;
	if (load_person(r, d, id, &p, &h) != 0)
		return r->response ? 0 : -1;
	struct hh_access_info acc;
	if (require_household(r, h.id, "persoon.view", "persoon", id, &acc) != 0)
		return 0;
	struct field_value v[P_COUNT];
	person_values(&p, v);
	struct persoon_bericht pb;
	if (db_persoon_bericht_get(d, r->arena, id, &pb) != DB_OK)
		return -1;
	return render_person(r, 200, &(struct person_page){.h = &h, .p = &p, .v = v, .orig = v,
	                     .version = p.version, .stored = &pb});
}

/* What changed in a person between the version the user loaded and the
 * stored one. */
static json_t *person_conflict(struct req *r, const struct persoon *p,
                               const struct field_value orig[P_COUNT])
{
	struct field_value now[P_COUNT];
	person_values(p, now);
	const char *o[P_COUNT], *n[P_COUNT], *shown[P_COUNT];
	for (int i = 0; i < P_COUNT; i++) {
		o[i] = orig[i].text;
		n[i] = now[i].text;
		shown[i] = now[i].text;
	}
	char *birth = arena_alloc(r->arena, 11);
	text_date_nl(p->birth_date, birth);
	shown[P_BIRTH] = birth;
	shown[P_ROLE] = vocab_label(&vocab_person_role, p->role);
	shown[P_BSN] = NULL;
	return conflict_json(p->updated_by, p->updated_at, person_labels, o, n, shown, P_COUNT);
}

int h_persoon_update(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	int64_t id = req_param_id(r, 0);
	struct persoon p;
	struct huishouden h;
	if (load_person(r, d, id, &p, &h) != 0)
		return r->response ? 0 : -1;
	struct hh_access_info acc;
	if (require_household(r, h.id, NULL, NULL, 0, &acc) != 0)
		return 0;
	struct field_value v[P_COUNT], orig[P_COUNT], ver[1], pbv[PB_COUNT];
	struct persoon_bericht stored;
	if (db_persoon_bericht_get(d, r->arena, id, &stored) != DB_OK)
		return -1;
	int errors = form_validate(r->arena, r->form, person_rules, P_COUNT, v);
	errors += person_check(r, v);
	errors += form_validate(r->arena, r->form, person_bericht_rules, PB_COUNT, pbv);
	errors += person_bericht_check(r, pbv, stored.geslacht, stored.voorletters, stored.naamgebruik);
	form_validate(r->arena, r->form, person_orig_rules, P_COUNT, orig);
	if (form_validate(r->arena, r->form, version_rule, 1, ver) != 0)
		return reply_error(r, ERR_BAD_REQUEST, "Het formulier mist zijn versienummer. Laad de pagina "
		                                       "opnieuw en probeer het nog eens.");
	struct person_page pg = {.h = &h, .p = &p, .v = v, .orig = orig, .version = ver[0].id, .pb = pbv,
	                         .stored = &stored};
	if (errors)
		return render_person(r, 422, &pg);
	struct persoon_input in;
	person_input(v, &in);
	bool found;
	struct persoon_dup dup;
	if (db_persoon_find_duplicate(d, r->arena, &in, id, &found, &dup) != DB_OK)
		return -1;
	if (found) {
		pg.duplicate = person_dup_json(&dup);
		return render_person(r, 409, &pg);
	}

	if (db_begin(d) != 0)
		return -1;
	enum db_status s = db_persoon_update(d, id, &in, ver[0].id, r->user->id);
	if (s == DB_OK)
		s = db_persoon_bericht_set(d, id, pbv[PB_GESLACHT].text, pbv[PB_VOORLETTERS].text,
		                           pbv[PB_NAAMGEBRUIK].text);
	if (s == DB_NOT_FOUND || s == DB_CONSTRAINT) {
		db_rollback(d);
		struct persoon cur;
		if (db_persoon_get(d, r->arena, id, &cur) != DB_OK)
			return reply_error(r, ERR_NOT_FOUND, "Deze persoon bestaat niet meer.");
		if (s == DB_CONSTRAINT) {
			if (db_persoon_find_duplicate(d, r->arena, &in, id, &found, &dup) != DB_OK || !found)
				return -1;
			pg.duplicate = person_dup_json(&dup);
			return render_person(r, 409, &pg);
		}
		struct field_value now[P_COUNT];
		person_values(&cur, now);
		pg.p = &cur;
		pg.orig = now;
		pg.version = cur.version;
		pg.conflict = person_conflict(r, &cur, orig);
		return render_person(r, 409, &pg);
	}
	struct audit_entry e = {.medewerker_id = r->user->id, .action = "persoon.update",
	                        .object_type = "persoon", .object_id = id, .huishouden_id = h.id,
	                        .reason = acc.by_exception ? acc.exception_reason : NULL,
	                        .client_addr = r->client_addr};
	if (s != DB_OK || audit_append(d, &e) != DB_OK || db_commit(d) != 0) {
		db_rollback(d);
		return -1;
	}
	return reply_redirect(r, arena_printf(r->arena, "/huishoudens/%lld", (long long)h.id));
}

/* ---- OP003: geen berichtenverkeer ---------------------------------------------- */

/* The regisseur (or a teamleider) stops messages about this client with a
 * reason, or resumes them; both audited.  On resuming, the toewijzingen
 * changed meanwhile go out in a 301 per provider and standard. */
int h_persoon_berichtenverkeer(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	int64_t id = req_param_id(r, 0);
	struct persoon p;
	struct huishouden h;
	if (load_person(r, d, id, &p, &h) != 0)
		return r->response ? 0 : -1;
	struct hh_access_info acc;
	if (require_household(r, h.id, NULL, NULL, 0, &acc) != 0)
		return 0;
	if (acc.regisseur_id != r->user->id && !(r->user->roles & ROLE_TEAMLEIDER))
		return reply_error(r, ERR_FORBIDDEN, "Alleen de regisseur van het huishouden of een teamleider kan het "
		                                     "berichtenverkeer stoppen of hervatten.");
	struct persoon_bericht stored;
	if (db_persoon_bericht_get(d, r->arena, id, &stored) != DB_OK)
		return -1;
	struct field_value *o = arena_alloc(r->arena, O_COUNT * sizeof *o);
	int errors = form_validate(r->arena, r->form, op003_rules, O_COUNT, o);
	bool stop = !o[O_ACTIE].error && strcmp(o[O_ACTIE].text, "stoppen") == 0;
	if (stop && !o[O_REDEN].error && !*o[O_REDEN].text) {
		o[O_REDEN].error = "Geef de reden waarom er geen berichten over deze cliënt mogen gaan.";
		errors++;
	}
	struct field_value v[P_COUNT];
	person_values(&p, v);
	struct person_page pg = {.h = &h, .p = &p, .v = v, .orig = v, .version = p.version, .stored = &stored, .op = o};
	if (errors)
		return render_person(r, 422, &pg);
	if (db_begin(d) != 0)
		return -1;
	enum db_status s = db_persoon_geen_berichten(d, id, stop ? o[O_REDEN].text : NULL);
	if (s == DB_NOT_FOUND) {
		db_rollback(d);
		return reply_error(r, ERR_CONFLICT, stop ? "Het berichtenverkeer voor deze cliënt was al gestopt."
		                                         : "Het berichtenverkeer voor deze cliënt liep al.");
	}
	struct audit_entry e = {.medewerker_id = r->user->id,
	                        .action = stop ? "persoon.geen_berichten" : "persoon.wel_berichten",
	                        .object_type = "persoon", .object_id = id, .huishouden_id = h.id,
	                        .reason = stop ? o[O_REDEN].text : NULL, .client_addr = r->client_addr};
	if (s == DB_OK)
		s = audit_append(d, &e);
	if (s == DB_OK && !stop) {
		json_t *rows = db_persoon_wachtende_toewijzingen(d, id);
		size_t i;
		json_t *row;
		json_array_foreach(rows, i, row) {
			int64_t bid = 0;
			s = berichten_301(d, r->arena, id, json_integer_value(json_object_get(row, "aanbieder_id")),
			                  json_string_value(json_object_get(row, "standaard")), r->user->id, &bid);
			if (s != DB_OK)
				break;
		}
		json_decref(rows);
	}
	if (s != DB_OK || db_commit(d) != 0) {
		db_rollback(d);
		return -1;
	}
	return reply_redirect(r, arena_printf(r->arena, "/personen/%lld/bewerken?berichtenverkeer=%s", (long long)id,
	                                      stop ? "gestopt" : "hervat"));
}

/* ---- moving a person ---------------------------------------------------------- */

static const struct field_rule search_rules[] = {
	{.name = "q", .label = "Zoek het nieuwe huishouden", .kind = FIELD_LINE, .max_len = 100},
};

static const struct field_rule move_rules[] = {
	{.name = "naar", .label = "Het nieuwe huishouden", .kind = FIELD_ID, .required = true},
	{.name = "versie", .label = "Versie", .kind = FIELD_INT, .required = true, .min = 1, .max = 1000000000},
};
enum { M_TO, M_VERSION, M_COUNT };

static int render_move(struct req *r, db *d, unsigned status, const struct persoon *p,
                       const struct huishouden *h, const char *q, const struct field_value *mv,
                       const char *notice)
{
	json_t *data = json_object();
	json_object_set_new(data, "persoon", json_pack("{s:I, s:s, s:I}", "id", (json_int_t)p->id,
	                                               "name", p->name, "versie", (json_int_t)p->version));
	json_object_set_new(data, "huishouden", json_pack("{s:I, s:s}", "id", (json_int_t)h->id,
	                                                  "address", h->address));
	if (mv)
		page_add_fields(data, move_rules, M_COUNT, mv);
	if (notice)
		json_object_set_new(data, "alert", json_string(notice));
	if (q && *q) {
		struct zoek_result zr;
		if (zoek_run(r, d, q, false, &zr) != DB_OK) {
			json_decref(data);
			return -1;
		}
		if (!zr.bsn)
			json_object_set_new(data, "q", json_string(q));
		if (zr.problem)
			json_object_set_new(data, "problem", json_string(zr.problem));
		if (zr.hits) {
			size_t i;
			json_t *hit;
			json_array_foreach(zr.hits, i, hit) {
				bool same = json_integer_value(json_object_get(hit, "huishouden_id")) == h->id;
				json_object_set_new(hit, "same", json_boolean(same));
			}
			json_object_set_new(data, "searched", json_true());
			json_object_set_new(data, "has_hits", json_boolean(json_array_size(zr.hits) > 0));
			json_object_set_new(data, "hits", zr.hits);
		}
	}
	return reply_page(r, status, "persoon-verhuizen", "Persoon verhuizen", data);
}

int h_persoon_move_form(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	int64_t id = req_param_id(r, 0);
	struct persoon p;
	struct huishouden h;
	if (load_person(r, d, id, &p, &h) != 0)
		return r->response ? 0 : -1;
	struct field_value q[1];
	if (form_validate(r->arena, r->query, search_rules, 1, q) != 0)
		return reply_error(r, ERR_BAD_REQUEST, q[0].error);
	struct hh_access_info acc;
	if (require_household(r, h.id, "persoon.view", "persoon", id, &acc) != 0)
		return 0;
	return render_move(r, d, 200, &p, &h, q[0].text, NULL, NULL);
}

int h_persoon_move(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	int64_t id = req_param_id(r, 0);
	struct persoon p;
	struct huishouden h;
	if (load_person(r, d, id, &p, &h) != 0)
		return r->response ? 0 : -1;
	struct hh_access_info acc, to_acc = {.level = HH_NOT_FOUND};
	if (require_household(r, h.id, NULL, NULL, 0, &acc) != 0)
		return 0;
	struct field_value mv[M_COUNT];
	int errors = form_validate(r->arena, r->form, move_rules, M_COUNT, mv);
	int64_t to = mv[M_TO].id;
	if (!mv[M_TO].error && to == h.id) {
		mv[M_TO].error = "Deze persoon hoort al bij dit huishouden. Kies een ander huishouden.";
		errors++;
	} else if (!mv[M_TO].error) {
		if (access_household(r, to, &to_acc) != DB_OK)
			return -1;
		if (to_acc.level == HH_NOT_FOUND) {
			mv[M_TO].error = "Dit huishouden bestaat niet. Zoek het huishouden opnieuw.";
			errors++;
		} else if (to_acc.level != HH_FULL) {
			mv[M_TO].error = "U heeft geen toegang tot het gekozen huishouden. Vraag eerst toegang "
			                 "tot dat huishouden, of vraag de regisseur de persoon te verhuizen.";
			errors++;
		}
	}
	if (errors)
		return render_move(r, d, 422, &p, &h, NULL, mv, NULL);

	if (db_begin(d) != 0)
		return -1;
	enum db_status s = db_persoon_move(d, id, to, mv[M_VERSION].id, r->user->id);
	if (s == DB_NOT_FOUND) {
		db_rollback(d);
		if (load_person(r, d, id, &p, &h) != 0)
			return r->response ? 0 : -1;
		char at[20] = "";
		fmt_datetime_nl(p.updated_at, at);
		const char *msg = arena_printf(r->arena, "%s heeft deze persoon op %s gewijzigd terwijl u dit "
		                               "formulier open had. De persoon hoort nu bij %s. Kijk of "
		                               "verhuizen nog nodig is en kies opnieuw.",
		                               p.updated_by ? p.updated_by : "Een collega", at, h.address);
		return render_move(r, d, 409, &p, &h, NULL, NULL, msg);
	}
	struct audit_entry from_e = {.medewerker_id = r->user->id, .action = "persoon.move",
	                             .object_type = "persoon", .object_id = id, .huishouden_id = h.id,
	                             .reason = acc.by_exception ? acc.exception_reason : NULL,
	                             .client_addr = r->client_addr};
	struct audit_entry to_e = from_e;
	to_e.huishouden_id = to;
	to_e.reason = to_acc.by_exception ? to_acc.exception_reason : NULL;
	if (s != DB_OK || audit_append(d, &from_e) != DB_OK || audit_append(d, &to_e) != DB_OK ||
	    db_commit(d) != 0) {
		db_rollback(d);
		return -1;
	}
	return reply_redirect(r, arena_printf(r->arena, "/huishoudens/%lld", (long long)to));
}
