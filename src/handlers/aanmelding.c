/* aanmelding.c - the form that registers a request from any channel (for
 * a household found by search, or for a new household with its persons,
 * in one transaction), also from a walk-in or a signal.  Consulent,
 * gebiedsteam and teamleider (route table).  The queue and one request are
 * aanmelding_lijst.c, the JSON API aanmelding_api.c; what they share is
 * src/aanmelding_shared.c. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "aanmelding_shared.h"
#include "access.h"
#include "audit.h"
#include "db_aanmelding.h"
#include "db_organisatie.h"
#include "db_regie.h"
#include "db_herkomst.h"
#include "domain.h"
#include "handlers.h"
#include "termijn.h"
#include "veiligheid.h"
#include "huishouden_form.h"
#include "text.h"

static const struct field_rule preselect_rules[] = {
	{.name = "huishouden", .label = "Huishouden", .kind = FIELD_ID},
	{.name = "bezoek", .label = "Bezoek op het spreekuur", .kind = FIELD_ID},
	{.name = "signaal", .label = "Signaal", .kind = FIELD_ID},
};
enum { PRE_HH, PRE_BEZOEK, PRE_SIGNAAL, PRE_COUNT };

/* ---- the HTML form ------------------------------------------------------------- */

struct form_state {
	struct field_value v[F_COUNT];
	struct field_value addr[A_COUNT];
	struct field_value rows[PERSON_ROWS][P_COUNT];
	json_t *duplicates;        /* stolen by render_form */
	const char *alert;
	struct herkomst origin;    /* kind HERKOMST_NONE when the counter itself */
};

/* Splits "Jan de Vries" into first name, tussenvoegsel and last name for
 * the first person row; what does not fit stays for the user to correct. */
static void name_prefill(struct req *r, struct field_value row[P_COUNT], const char *full)
{
	static const char *const prefixes[] = {"van der", "van den", "van de", "in 't", "van 't", "van", "de", "den",
	                                       "der", "ter", "te", "het", "'t", NULL};
	const char *space = strchr(full, ' ');
	if (!space) {
		row[P_LAST].text = full;
		return;
	}
	row[P_FIRST].text = arena_strndup(r->arena, full, (size_t)(space - full));
	const char *rest = space + 1;
	while (*rest == ' ')
		rest++;
	for (int i = 0; prefixes[i]; i++) {
		size_t n = strlen(prefixes[i]);
		if (strncasecmp(rest, prefixes[i], n) == 0 && rest[n] == ' ' && rest[n + 1]) {
			row[P_PREFIX].text = arena_strndup(r->arena, rest, n);
			rest += n + 1;
			break;
		}
	}
	row[P_LAST].text = rest;
}

/* What the walk-in or signal already says, so nobody types it twice. */
static void origin_prefill(struct req *r, struct form_state *fs)
{
	const struct herkomst *o = &fs->origin;
	fs->v[F_QUESTION].text = o->question;
	if (o->kind == HERKOMST_BEZOEK) {
		fs->v[F_CHANNEL].text = "vindplaats";
		fs->v[F_MEDIUM].text = "spreekuur";
		fs->v[F_REF_ORG].text = o->place;
		if (o->visitor_name)
			name_prefill(r, fs->rows[0], o->visitor_name);
		if (o->contact && strchr(o->contact, '@'))
			fs->rows[0][P_EMAIL].text = o->contact;
		else if (o->contact && strlen(o->contact) <= 30)
			fs->rows[0][P_PHONE].text = o->contact;
	} else {
		/* Referrers the aanmelding knows by kind come in as verwijzer;
		 * partners of the voorliggend veld as such; neighbours and residents
		 * were found in the neighbourhood (vindplaats). */
		const char *k = o->source_kind;
		if (vocab_index(&vocab_referrer_kind, k) >= 0) {
			fs->v[F_CHANNEL].text = "verwijzer";
			fs->v[F_REF_KIND].text = k;
			fs->v[F_REF_KIND].bits = (unsigned)vocab_index(&vocab_referrer_kind, k);
		} else if (strcmp(k, "buren") == 0 || strcmp(k, "inwoner") == 0) {
			fs->v[F_CHANNEL].text = "vindplaats";
		} else {
			fs->v[F_CHANNEL].text = "voorliggend_veld";
		}
		fs->v[F_REF_ORG].text = o->source_name ? o->source_name : vocab_label(&vocab_signal_source, k);
		fs->v[F_SAFETY].checked = o->safety_concern;
	}
	/* Choices are marked by index as well as by code. */
	fs->v[F_CHANNEL].bits = (unsigned)vocab_index(&vocab_channel, fs->v[F_CHANNEL].text);
	if (fs->v[F_MEDIUM].text[0])
		fs->v[F_MEDIUM].bits = (unsigned)vocab_index(&vocab_medium, fs->v[F_MEDIUM].text);
	if (o->huishouden_id) {
		fs->v[F_HH].id = o->huishouden_id;
		fs->v[F_HH].text = arena_printf(r->arena, "%lld", (long long)o->huishouden_id);
	}
}

static void date_field_nl(json_t *fields, const char *name)
{
	json_t *f = json_object_get(fields, name);
	const char *v = json_string_value(json_object_get(f, "value"));
	if (v && date_valid_iso(v)) {
		char nl[11];
		text_date_nl(v, nl);
		json_object_set_new(f, "value", json_string(nl));
	}
}

/* The linked household: {id, address, leden: [names]}; NULL when it does
 * not exist. */
static json_t *linked_json(struct req *r, db *d, int64_t hh, enum db_status *s)
{
	struct huishouden h;
	*s = db_huishouden_get(d, r->arena, hh, &h);
	if (*s != DB_OK)
		return NULL;
	json_t *names = db_persoon_names(d, hh);
	if (!names) {
		*s = DB_ERROR;
		return NULL;
	}
	json_t *o = json_pack("{s:I, s:s, s:o}", "id", (json_int_t)hh, "address", h.address, "leden", names);
	if (h.regisseur)
		json_object_set_new(o, "regisseur", json_string(h.regisseur));
	return o;
}

static int render_form(struct req *r, db *d, unsigned status, struct form_state *fs)
{
	json_t *data = json_object();
	page_add_fields(data, aanmelding_rules, F_COUNT, fs->v);
	json_object_set_new(data, "kanalen", vocab_options(&vocab_channel, fs->v[F_CHANNEL].text));
	json_object_set_new(data, "verwijzer_soorten", vocab_options(&vocab_referrer_kind, fs->v[F_REF_KIND].text));
	json_object_set_new(data, "media", vocab_options(&vocab_medium, fs->v[F_MEDIUM].text));
	json_object_set_new(data, "urgenties", vocab_options(&vocab_urgency, fs->v[F_URGENCY].text));
	json_t *kinds = json_array();
	for (int i = 0; termijn_rules[i].code; i++)
		json_array_append_new(kinds, json_pack("{s:s, s:s, s:b}", "value", termijn_rules[i].code, "label",
		                                       termijn_rules[i].label,
		                                       "selected", strcmp(fs->v[F_SOORT].text[0] ? fs->v[F_SOORT].text : "vraag",
		                                                          termijn_rules[i].code) == 0));
	json_object_set_new(data, "soorten", kinds);
	if (fs->alert)
		json_object_set_new(data, "alert", json_string(fs->alert));
	if (fs->origin.kind != HERKOMST_NONE) {
		bool bezoek = fs->origin.kind == HERKOMST_BEZOEK;
		json_object_set_new(data, "herkomst", json_pack("{s:s, s:s, s:I, s:s}", "description",
		                    fs->origin.description, "name", bezoek ? "bezoek" : "signaal",
		                    "id", (json_int_t)fs->origin.id,
		                    "back", arena_printf(r->arena, bezoek ? "/bezoeken/%lld" : "/signalen/%lld",
		                                         (long long)fs->origin.id)));
	}

	int64_t hh = fs->v[F_HH].error ? 0 : fs->v[F_HH].id;
	if (hh) {
		enum db_status s;
		json_t *linked = linked_json(r, d, hh, &s);
		if (s == DB_ERROR) {
			json_decref(data);
			return -1;
		}
		if (linked)
			json_object_set_new(data, "linked", linked);
	} else {
		page_add_fields(data, address_rules, A_COUNT, fs->addr);
		json_object_set_new(data, "gebieden", gebied_options(d, fs->addr[A_GEBIED].id));
		json_t *rows = json_array();
		for (int i = 0; i < PERSON_ROWS; i++) {
			json_t *tmp = json_object();
			page_add_fields(tmp, person_row_rules[i], P_COUNT, fs->rows[i]);
			json_t *fields = json_object();
			/* The row's fields under their plain names, so that one
			 * template section serves all rows. */
			for (int k = 0; k < P_COUNT; k++)
				json_object_set(fields, person_rules[k].name,
				                json_object_get(json_object_get(tmp, "field"), person_row_rules[i][k].name));
			date_field_nl(fields, "geboortedatum");
			json_t *row = json_pack("{s:i, s:o, s:o, s:b}", "n", i + 1, "field", fields,
			                        "rollen", vocab_options(&vocab_person_role, fs->rows[i][P_ROLE].text),
			                        "first", i == 0);
			json_array_append_new(rows, row);
			json_t *errs = json_object_get(tmp, "errors");
			if (errs) {
				json_t *all = json_object_get(data, "errors");
				if (!all) {
					all = json_array();
					json_object_set_new(data, "errors", all);
				}
				json_array_extend(all, errs);
				json_object_set_new(data, "has_errors", json_true());
			}
			json_decref(tmp);
		}
		json_object_set_new(data, "rows", rows);
	}
	if (fs->duplicates) {
		json_object_set_new(data, "duplicates", fs->duplicates);
		fs->duplicates = NULL;
	}
	return reply_page(r, status, "aanmelding-nieuw", "Nieuwe aanmelding", data);
}

/* An empty form: urgency normaal preselected, nothing in error. */
static void empty_state(struct req *r, struct form_state *fs)
{
	memset(fs, 0, sizeof *fs);
	form_validate(r->arena, NULL, aanmelding_rules, F_COUNT, fs->v);
	form_validate(r->arena, NULL, address_rules, A_COUNT, fs->addr);
	for (int i = 0; i < PERSON_ROWS; i++)
		form_validate(r->arena, NULL, person_row_rules[i], P_COUNT, fs->rows[i]);
	for (int i = 0; i < F_COUNT; i++)
		fs->v[i].error = NULL;
	for (int i = 0; i < A_COUNT; i++)
		fs->addr[i].error = NULL;
	fs->v[F_URGENCY].text = "normaal";
}

int h_aanmelding_new_form(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct field_value pre[PRE_COUNT];
	if (form_validate(r->arena, r->query, preselect_rules, PRE_COUNT, pre) != 0)
		return reply_error(r, ERR_BAD_REQUEST, "Dit nummer is ongeldig.");
	struct form_state *fs = arena_alloc(r->arena, sizeof *fs);
	empty_state(r, fs);
	int rc = aanmelding_origin_load(r, d, pre[PRE_BEZOEK].id, pre[PRE_SIGNAAL].id, &fs->origin);
	if (rc != 0)
		return rc > 0 ? 0 : -1;
	if (fs->origin.kind != HERKOMST_NONE && !fs->origin.open)
		return reply_error(r, ERR_CONFLICT, aanmelding_origin_closed_message(&fs->origin));
	if (fs->origin.kind != HERKOMST_NONE) {
		bool bezoek = fs->origin.kind == HERKOMST_BEZOEK;
		if (audit_view(r, bezoek ? "bezoek.view" : "signaal.view", bezoek ? "bezoek" : "signaal",
		               fs->origin.id, fs->origin.huishouden_id, NULL) != 0)
			return -1;
		origin_prefill(r, fs);
		if (!pre[PRE_HH].id)
			pre[PRE_HH] = fs->v[F_HH];
	}
	if (pre[PRE_HH].id) {
		bool exists;
		if (db_huishouden_exists(d, pre[0].id, &exists) != DB_OK)
			return -1;
		if (!exists)
			return reply_error(r, ERR_NOT_FOUND, "Dit huishouden bestaat niet.");
		/* Address and members' names: what a search shows anyone. */
		if (audit_view(r, "huishouden.view_basic", "huishouden", pre[PRE_HH].id, pre[PRE_HH].id, NULL) != 0)
			return -1;
		fs->v[F_HH] = pre[PRE_HH];
	}
	return render_form(r, d, 200, fs);
}

/* Marks the rows whose person exists already and lists the households
 * they belong to (once each) in fs->duplicates. */
static void mark_duplicates(struct req *r, struct form_state *fs, const int *row_of, int n,
                            const bool *found, const struct persoon_dup *dups, const int *same_as)
{
	json_t *list = json_array();
	for (int i = 0; i < n; i++) {
		struct field_value *row = fs->rows[row_of[i]];
		if (same_as[i] >= 0) {
			struct field_value *f = row[P_BSN].text[0] ? &row[P_BSN] : &row[P_FIRST];
			f->error = arena_printf(r->arena, "Deze persoon staat al in rij %d.", row_of[same_as[i]] + 1);
			continue;
		}
		if (!found[i])
			continue;
		struct field_value *f = dups[i].by_bsn ? &row[P_BSN] : &row[P_FIRST];
		f->error = arena_printf(r->arena, "Deze persoon is al bekend: %s, %s.", dups[i].name, dups[i].address);
		bool listed = false;
		size_t k;
		json_t *o;
		json_array_foreach(list, k, o)
			if (json_integer_value(json_object_get(o, "huishouden_id")) == dups[i].huishouden_id)
				listed = true;
		if (!listed)
			json_array_append_new(list, person_dup_json(&dups[i]));
	}
	if (json_array_size(list))
		fs->duplicates = list;
	else
		json_decref(list);
}

/* The walk-in or signal was closed or converted by someone else between
 * loading the form and saving it: nothing was stored, the input stays. */
static int origin_taken(struct req *r, db *d, struct form_state *fs)
{
	fs->alert = fs->origin.kind == HERKOMST_BEZOEK
	                ? "Er is niets opgeslagen: dit bezoek is intussen door iemand anders afgerond of al aangemeld."
	                : "Er is niets opgeslagen: dit signaal is intussen door iemand anders afgerond of al aangemeld.";
	return render_form(r, d, 409, fs);
}

/* Where the registrar goes after saving: the household when they may see
 * it; otherwise the queue with a note.  Registering an aanmelding (also
 * from a walk-in or a signal) records that the resident asked, but grants
 * no access to the household's contents: the team whose queue it is in
 * picks it up (src/access.c). */
static int after_store(struct req *r, int64_t hh, int64_t id)
{
	struct hh_access_info acc;
	if (access_household(r, hh, &acc) != DB_OK)
		return -1;
	if (acc.level == HH_FULL && !acc.by_exception)
		return reply_redirect(r, arena_printf(r->arena, "/huishoudens/%lld", (long long)hh));
	return reply_redirect(r, arena_printf(r->arena, "/aanmeldingen?geregistreerd=%lld&team=%lld", (long long)id,
	                                      (long long)acc.queue_team_id));
}

int h_aanmelding_create(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct form_state *fs = arena_alloc(r->arena, sizeof *fs);
	int errors = form_validate(r->arena, r->form, aanmelding_rules, F_COUNT, fs->v);
	errors += aanmelding_request_check(fs->v);
	struct aanmelding_input in;
	aanmelding_request_input(fs->v, &in);
	int64_t hh = 0, id = 0;
	if (fs->v[F_BEZOEK].error || fs->v[F_SIGNAAL].error)
		return reply_error(r, ERR_BAD_REQUEST, "Dit nummer van het bezoek of signaal is ongeldig.");
	int rc = aanmelding_origin_load(r, d, fs->v[F_BEZOEK].id, fs->v[F_SIGNAAL].id, &fs->origin);
	if (rc != 0)
		return rc > 0 ? 0 : -1;
	/* A walk-in or signal closed meanwhile is refused by aanmelding_store(), after
	 * validation, so that the page comes back whole with the input. */

	if (fs->v[F_HH].text[0]) {
		/* For a household found by search. */
		bool exists = false;
		if (!fs->v[F_HH].error && db_huishouden_exists(d, fs->v[F_HH].id, &exists) != DB_OK)
			return -1;
		if (!fs->v[F_HH].error && !exists) {
			fs->v[F_HH].error = "Dit huishouden bestaat niet (meer). Zoek het huishouden opnieuw.";
			errors++;
		}
		if (fs->v[F_HH].error)
			return reply_error(r, ERR_BAD_REQUEST, fs->v[F_HH].error);
		if (errors)
			return render_form(r, d, 422, fs);
		enum db_status s = aanmelding_store(r, d, &in, NULL, NULL, 0, &fs->origin, &hh, &id);
		if (s == DB_NOT_FOUND)
			return origin_taken(r, d, fs);
		if (s != DB_OK)
			return -1;
		return after_store(r, hh, id);
	}

	/* A new household with its persons. */
	errors += form_validate(r->arena, r->form, address_rules, A_COUNT, fs->addr);
	errors += address_check(r, d, fs->addr);
	struct persoon_input persons[PERSON_ROWS];
	int row_of[PERSON_ROWS];
	int n = 0;
	for (int i = 0; i < PERSON_ROWS; i++) {
		struct field_value *row = fs->rows[i];
		int row_errors = form_validate(r->arena, r->form, person_row_rules[i], P_COUNT, row);
		if (person_row_empty(row))
			continue;
		row_errors += person_row_require(row);
		row_errors += person_check(r, row);
		errors += row_errors;
		if (row_errors == 0) {
			person_input(row, &persons[n]);
			row_of[n++] = i;
		}
	}
	bool any_person = n > 0;
	for (int i = 0; i < PERSON_ROWS && !any_person; i++)
		any_person = !person_row_empty(fs->rows[i]);
	if (!any_person) {
		fs->rows[0][P_FIRST].error = "Vul minstens één persoon in.";
		errors++;
	}
	bool found[PERSON_ROWS];
	struct persoon_dup dups[PERSON_ROWS];
	int same_as[PERSON_ROWS];
	int dup_count = aanmelding_find_duplicates(r, d, persons, n, found, dups, same_as);
	if (dup_count < 0)
		return -1;
	if (dup_count) {
		mark_duplicates(r, fs, row_of, n, found, dups, same_as);
		return render_form(r, d, 409, fs);
	}
	if (errors)
		return render_form(r, d, 422, fs);

	struct huishouden_input newh;
	address_input(fs->addr, &newh);
	enum db_status s = aanmelding_store(r, d, &in, &newh, persons, n, &fs->origin, &hh, &id);
	if (s == DB_NOT_FOUND)
		return origin_taken(r, d, fs);
	if (s == DB_CONSTRAINT) {
		/* A BSN was registered by someone else a moment ago. */
		dup_count = aanmelding_find_duplicates(r, d, persons, n, found, dups, same_as);
		if (dup_count <= 0)
			return -1;
		mark_duplicates(r, fs, row_of, n, found, dups, same_as);
		return render_form(r, d, 409, fs);
	}
	if (s != DB_OK)
		return -1;
	return after_store(r, hh, id);
}
