/* aanmelding.c - registering a request from any channel (for a household
 * found by search, or for a new household with its persons, in one
 * transaction), the queue of open requests and one request, in HTML and in
 * the JSON API.  Consulent, gebiedsteam and teamleider (route table). */
#include <stdio.h>
#include <string.h>
#include <strings.h>

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

enum { QUEUE_MAX = 200, API_MAX_PERSONS = 20, DAY = 24 * 60 * 60 };

/* In vocab_channel's (and so on) order; tests/test_huishouden.c posts every code
 * through the API. */

/* The request itself; "huishouden" (last) is the household chosen by
 * search, absent for a new household. */
static const struct field_rule rules[] = {
	{.name = "kanaal", .label = "Kanaal", .kind = FIELD_CHOICE, .required = true, .choices = vocab_channel_codes},
	{.name = "verwijzer_soort", .label = "Soort verwijzer", .kind = FIELD_CHOICE, .choices = vocab_referrer_codes},
	{.name = "verwijzer", .label = "Organisatie die verwijst of meldt", .kind = FIELD_LINE, .max_len = 200},
	{.name = "medium", .label = "Medium", .kind = FIELD_CHOICE, .required = true, .choices = vocab_medium_codes},
	{.name = "vraag", .label = "Vraag", .kind = FIELD_TEXT, .required = true, .max_len = 5000},
	{.name = "urgentie", .label = "Urgentie",
	 .kind = FIELD_CHOICE, .required = true, .choices = vocab_urgency_codes},
	{.name = "meldcode", .label = "Zorg over veiligheid (meldcode)", .kind = FIELD_CHECKBOX},
	{.name = "huishouden", .label = "Huishouden", .kind = FIELD_ID},
	{.name = "bezoek", .label = "Bezoek op het spreekuur", .kind = FIELD_ID},
	{.name = "signaal", .label = "Signaal", .kind = FIELD_ID},
	/* The legal term (src/termijn.c): the kind of request, and for an
	 * aanvraag the date it came in. */
	{.name = "soort", .label = "Soort verzoek", .kind = FIELD_CHOICE, .choices = termijn_codes},
	{.name = "aanvraag_ontvangen", .label = "Aanvraag ontvangen op",
	 .kind = FIELD_DATE, .date_flags = DATE_NOT_FUTURE},
};
enum { F_CHANNEL, F_REF_KIND, F_REF_ORG, F_MEDIUM, F_QUESTION, F_URGENCY, F_SAFETY, F_HH, F_BEZOEK, F_SIGNAAL,
       F_SOORT, F_AANVRAAG, F_COUNT };

/* The API names the chosen household "huishouden_id" ("huishouden" is the
 * new household's object there). */
static const struct field_rule api_hh_rule[] = {
	{.name = "huishouden_id", .label = "Huishouden", .kind = FIELD_ID},
	{.name = "bezoek_id", .label = "Bezoek op het spreekuur", .kind = FIELD_ID},
	{.name = "signaal_id", .label = "Signaal", .kind = FIELD_ID},
};
enum { API_HH, API_BEZOEK, API_SIGNAAL, API_COUNT };

static const struct field_rule preselect_rules[] = {
	{.name = "huishouden", .label = "Huishouden", .kind = FIELD_ID},
	{.name = "bezoek", .label = "Bezoek op het spreekuur", .kind = FIELD_ID},
	{.name = "signaal", .label = "Signaal", .kind = FIELD_ID},
};
enum { PRE_HH, PRE_BEZOEK, PRE_SIGNAAL, PRE_COUNT };

/* Checks across fields: the kind of referrer belongs to (and only to) the
 * channel verwijzer.  Returns the number of fields it put in error. */
static int request_check(struct field_value v[F_COUNT])
{
	if (!v[F_SOORT].error && !v[F_AANVRAAG].error) {
		const struct termijn_rule *rule = termijn_rule(v[F_SOORT].text[0] ? v[F_SOORT].text : "vraag");
		if (rule && rule->from_aanvraag && !v[F_AANVRAAG].text[0]) {
			v[F_AANVRAAG].error = "Vul de datum in waarop de aanvraag binnenkwam: de termijn telt vanaf die dag.";
			return 1;
		}
		if (rule && !rule->from_aanvraag && v[F_AANVRAAG].text[0]) {
			v[F_AANVRAAG].error = "Een datum van de aanvraag hoort alleen bij een aanvraag. Kies de soort "
			                      "aanvraag, of laat de datum leeg.";
			return 1;
		}
	}
	if (v[F_CHANNEL].error || v[F_REF_KIND].error)
		return 0;
	bool referrer = strcmp(v[F_CHANNEL].text, "verwijzer") == 0;
	if (referrer && !v[F_REF_KIND].text[0]) {
		v[F_REF_KIND].error = "Kies wat voor verwijzer het is.";
		return 1;
	}
	if (!referrer && v[F_REF_KIND].text[0]) {
		v[F_REF_KIND].error = "Een soort verwijzer hoort alleen bij het kanaal Verwijzer. Kies dat "
		                      "kanaal, of kies hier Geen verwijzer.";
		return 1;
	}
	return 0;
}

static void request_input(const struct field_value v[F_COUNT], struct aanmelding_input *out)
{
	*out = (struct aanmelding_input){
		.channel = v[F_CHANNEL].text,
		.referrer_kind = v[F_REF_KIND].text[0] ? v[F_REF_KIND].text : NULL,
		.referrer_org = v[F_REF_ORG].text,
		.medium = v[F_MEDIUM].text,
		.question = v[F_QUESTION].text,
		.urgency = v[F_URGENCY].text,
		.safety_concern = v[F_SAFETY].checked,
		.huishouden_id = v[F_HH].id,
		.soort = v[F_SOORT].text[0] ? v[F_SOORT].text : NULL,
		.aanvraag_ontvangen = v[F_AANVRAAG].text[0] ? v[F_AANVRAAG].text : NULL,
	};
}

void aanmelding_row_labels(json_t *row, int64_t now)
{
	const char *channel = json_string_value(json_object_get(row, "channel"));
	const char *kind = json_string_value(json_object_get(row, "referrer_kind"));
	const char *org = json_string_value(json_object_get(row, "referrer_org"));
	json_object_set_new(row, "channel_label", json_string(vocab_label(&vocab_channel, channel)));
	json_object_set_new(row, "medium_label", json_string(vocab_label(&vocab_medium,
	                    json_string_value(json_object_get(row, "medium")))));
	json_object_set_new(row, "urgency_label", json_string(vocab_label(&vocab_urgency,
	                    json_string_value(json_object_get(row, "urgency")))));
	if (kind && org)
		json_object_set_new(row, "referrer", json_sprintf("%s – %s", vocab_label(&vocab_referrer_kind, kind), org));
	else if (kind)
		json_object_set_new(row, "referrer", json_string(vocab_label(&vocab_referrer_kind, kind)));
	else if (org)
		json_object_set_new(row, "referrer", json_string(org));
	int64_t at = json_integer_value(json_object_get(row, "received_at"));
	char when[20];
	fmt_datetime_nl(at, when);
	json_object_set_new(row, "received_nl", json_string(when));
	int64_t age = at <= now ? (now - at) / DAY : 0;
	json_object_set_new(row, "age_days", json_integer(age));
	/* "vandaag", "1 dag", "12 dagen": never "0 dagen" or "1 dagen". */
	json_object_set_new(row, "age_label", age == 0 ? json_string("vandaag")
	                                      : json_sprintf("%lld %s", (long long)age, age == 1 ? "dag" : "dagen"));
	json_object_set_new(row, "age_ago", age == 0 ? json_string("vandaag")
	                                    : json_sprintf("%lld %s geleden", (long long)age, age == 1 ? "dag" : "dagen"));
	char today[11];
	date_today(today);
	termijn_to_json(row, today);
}

/* ---- storing ----------------------------------------------------------------- */

/* Stores the aanmelding, and when newh is set first the new household with
 * its n persons, with every audit row, in one transaction.  Returns a
 * db_status: DB_CONSTRAINT when a BSN was registered meanwhile (nothing
 * stored). */
static enum db_status store(struct req *r, db *d, const struct aanmelding_input *in,
                            const struct huishouden_input *newh, const struct persoon_input *persons,
                            int n, const struct herkomst *origin, int64_t *hh_out, int64_t *id_out)
{
	if (db_begin(d) != 0)
		return DB_ERROR;
	struct aanmelding_input a = *in;
	struct audit_entry e = {.medewerker_id = r->user->id, .client_addr = r->client_addr};
	enum db_status s = DB_OK;
	if (newh) {
		int64_t *pids = arena_alloc(r->arena, (size_t)n * sizeof *pids);
		s = db_huishouden_create(d, newh, persons, n, r->user->id, &a.huishouden_id, pids);
		e.huishouden_id = a.huishouden_id;
		if (s == DB_OK) {
			e.action = "huishouden.create";
			e.object_type = "huishouden";
			e.object_id = a.huishouden_id;
			s = audit_append(d, &e);
		}
		for (int i = 0; s == DB_OK && i < n; i++) {
			e.action = "persoon.create";
			e.object_type = "persoon";
			e.object_id = pids[i];
			s = audit_append(d, &e);
		}
		a.persoon_id = s == DB_OK ? pids[0] : 0;
	}
	int64_t id = 0;
	if (s == DB_OK)
		s = db_aanmelding_insert(d, &a, r->user->id, &id);
	if (s == DB_OK) {
		e.action = "aanmelding.create";
		e.object_type = "aanmelding";
		e.object_id = id;
		e.huishouden_id = a.huishouden_id;
		s = audit_append(d, &e);
	}
	if (s == DB_OK && a.safety_concern) {
		/* The meldcode box opens a veiligheidszorg (unless one is open for
		 * the household already): it lives on after the aanmelding. */
		char today[11];
		date_today(today);
		const char *bron = origin->kind == HERKOMST_BEZOEK ? "bezoek"
		                 : origin->kind == HERKOMST_NONE ? "aanmelding" : "signaal";
		struct veiligheid_new z = {.huishouden_id = a.huishouden_id, .persoon_id = a.persoon_id,
		                           .bron = bron, .bron_id = origin->kind == HERKOMST_NONE ? id : origin->id,
		                           .gezien = a.question, .gezien_op = today};
		bool opened;
		s = veiligheid_notice_tx(r, d, &z, &opened);
	}
	if (s == DB_OK && origin->kind != HERKOMST_NONE) {
		/* The walk-in or signal is done once it is an aanmelding; DB_NOT_FOUND
		 * tells the caller someone else closed it first. */
		s = db_herkomst_convert(d, origin->kind, origin->id, id, a.huishouden_id, r->user->id);
		if (s == DB_OK) {
			bool bezoek = origin->kind == HERKOMST_BEZOEK;
			e.action = bezoek ? "bezoek.aanmelding" : "signaal.aanmelding";
			e.object_type = bezoek ? "bezoek" : "signaal";
			e.object_id = origin->id;
			s = audit_append(d, &e);
		}
	}
	if (s != DB_OK || db_commit(d) != 0) {
		db_rollback(d);
		return s == DB_OK ? DB_ERROR : s;
	}
	*hh_out = a.huishouden_id;
	*id_out = id;
	return DB_OK;
}

/* The duplicate checks of a new household's persons: against each other
 * and against everyone stored.  dup_rows[i] gets the stored duplicate of
 * person i (found[i]).  Returns the number of duplicates, or -1 on a
 * database error. */
static int find_duplicates(struct req *r, db *d, const struct persoon_input *p, int n, bool *found,
                           struct persoon_dup *dups, int *same_as)
{
	int count = 0;
	for (int i = 0; i < n; i++) {
		same_as[i] = -1;
		found[i] = false;
		for (int k = 0; k < i && same_as[i] < 0; k++) {
			bool bsn = p[i].bsn && *p[i].bsn && p[k].bsn && strcmp(p[i].bsn, p[k].bsn) == 0;
			bool name = strcmp(p[i].birth_date, p[k].birth_date) == 0 &&
			            strcmp(text_fold(r->arena, p[i].first_name), text_fold(r->arena, p[k].first_name)) == 0 &&
			            strcmp(text_fold(r->arena, p[i].last_name), text_fold(r->arena, p[k].last_name)) == 0;
			if (bsn || name)
				same_as[i] = k;
		}
		if (same_as[i] >= 0) {
			count++;
			continue;
		}
		if (db_persoon_find_duplicate(d, r->arena, &p[i], 0, &found[i], &dups[i]) != DB_OK)
			return -1;
		if (found[i])
			count++;
	}
	return count;
}

/* ---- the HTML form ------------------------------------------------------------- */

struct form_state {
	struct field_value v[F_COUNT];
	struct field_value addr[A_COUNT];
	struct field_value rows[PERSON_ROWS][P_COUNT];
	json_t *duplicates;        /* stolen by render_form */
	const char *alert;
	struct herkomst origin;    /* kind HERKOMST_NONE when the counter itself */
};

/* ---- from a walk-in or a signal ------------------------------------------------ */

static const struct herkomst no_origin = {.kind = HERKOMST_NONE};

/* Loads the walk-in or signal the aanmelding starts from (at most one of
 * the two ids set) and checks that the user may turn it into one: who
 * registered it, a teamleider, for a walk-in who staffs its spreekuur, for
 * a signal the one assigned and, once it is linked to a household, whoever
 * may open that household (an unlinked signal is the team's inbox).
 * Whether it is still open is left to the caller.  Returns 0 when loaded
 * or when neither id is given (out->kind NONE), 1 after replying with an
 * error page, -1 on a database error. */
static int origin_load(struct req *r, db *d, int64_t bezoek_id, int64_t signaal_id, struct herkomst *out)
{
	*out = no_origin;
	if (!bezoek_id && !signaal_id)
		return 0;
	if (bezoek_id && signaal_id) {
		reply_error(r, ERR_BAD_REQUEST, "Een aanmelding komt uit een bezoek of uit een signaal, niet uit allebei.");
		return 1;
	}
	enum herkomst_kind kind = bezoek_id ? HERKOMST_BEZOEK : HERKOMST_SIGNAAL;
	bool bezoek = kind == HERKOMST_BEZOEK;
	enum db_status s = db_herkomst_get(d, r->arena, kind, bezoek ? bezoek_id : signaal_id, out);
	if (s == DB_NOT_FOUND) {
		reply_error(r, ERR_NOT_FOUND, bezoek ? "Dit bezoek bestaat niet." : "Dit signaal bestaat niet.");
		return 1;
	}
	if (s != DB_OK)
		return -1;
	bool may;
	if (bezoek) {
		may = access_bezoek(r, out->created_by, out->spreekuur_id);
	} else {
		const char *reason;
		if (access_signaal(r, out->huishouden_id, out->created_by, out->assigned_to, &may, &reason) != DB_OK)
			return -1;
	}
	if (!may) {
		reply_error(r, ERR_FORBIDDEN, bezoek ? "U heeft geen toegang tot dit bezoek: het hoort bij een spreekuur "
		                                       "waarop u niet staat ingeroosterd."
		                                     : "U heeft geen toegang tot dit signaal.");
		return 1;
	}
	return 0;
}

static const char *origin_closed_message(const struct herkomst *o)
{
	return o->kind == HERKOMST_BEZOEK ? "Dit bezoek is al afgerond: er is al een aanmelding van gemaakt, of het is "
	                                    "afgesloten met informatie of een doorverwijzing."
	                                  : "Dit signaal is al afgerond of er is al een aanmelding van gemaakt.";
}

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
	page_add_fields(data, rules, F_COUNT, fs->v);
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
	form_validate(r->arena, NULL, rules, F_COUNT, fs->v);
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
	int rc = origin_load(r, d, pre[PRE_BEZOEK].id, pre[PRE_SIGNAAL].id, &fs->origin);
	if (rc != 0)
		return rc > 0 ? 0 : -1;
	if (fs->origin.kind != HERKOMST_NONE && !fs->origin.open)
		return reply_error(r, ERR_CONFLICT, origin_closed_message(&fs->origin));
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
	int errors = form_validate(r->arena, r->form, rules, F_COUNT, fs->v);
	errors += request_check(fs->v);
	struct aanmelding_input in;
	request_input(fs->v, &in);
	int64_t hh = 0, id = 0;
	if (fs->v[F_BEZOEK].error || fs->v[F_SIGNAAL].error)
		return reply_error(r, ERR_BAD_REQUEST, "Dit nummer van het bezoek of signaal is ongeldig.");
	int rc = origin_load(r, d, fs->v[F_BEZOEK].id, fs->v[F_SIGNAAL].id, &fs->origin);
	if (rc != 0)
		return rc > 0 ? 0 : -1;
	/* A walk-in or signal closed meanwhile is refused by store(), after
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
		enum db_status s = store(r, d, &in, NULL, NULL, 0, &fs->origin, &hh, &id);
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
	int dup_count = find_duplicates(r, d, persons, n, found, dups, same_as);
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
	enum db_status s = store(r, d, &in, &newh, persons, n, &fs->origin, &hh, &id);
	if (s == DB_NOT_FOUND)
		return origin_taken(r, d, fs);
	if (s == DB_CONSTRAINT) {
		/* A BSN was registered by someone else a moment ago. */
		dup_count = find_duplicates(r, d, persons, n, found, dups, same_as);
		if (dup_count <= 0)
			return -1;
		mark_duplicates(r, fs, row_of, n, found, dups, same_as);
		return render_form(r, d, 409, fs);
	}
	if (s != DB_OK)
		return -1;
	return after_store(r, hh, id);
}

/* ---- the queue and one aanmelding ------------------------------------------------ */

/* The queue with the question only where the user may see the household's
 * contents.  New reference, or NULL on a database error. */
static json_t *queue_rows(struct req *r, db *d, int64_t *total)
{
	json_t *rows = db_aanmelding_queue(d, QUEUE_MAX, total);
	if (!rows)
		return NULL;
	int64_t now = now_unix();
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row) {
		struct hh_access_info acc;
		if (access_household(r, json_integer_value(json_object_get(row, "huishouden_id")), &acc) != DB_OK) {
			json_decref(rows);
			return NULL;
		}
		bool may = acc.level == HH_FULL;
		json_object_set_new(row, "may_view", json_boolean(may));
		json_object_set_new(row, "may_pick_up", json_boolean(acc.may_steer && !json_object_get(row, "behandelaar")));
		json_object_set_new(row, "is_mine", json_boolean(json_integer_value(json_object_get(row, "behandelaar_id")) ==
		                                                 r->user->id));
		if (!may)
			json_object_del(row, "question");
		aanmelding_row_labels(row, now);
	}
	return rows;
}

/* The queue's query: which list ("alle", "op-te-pakken": nobody picked
 * it up yet, "mijn": picked up by me) and the note after registering an
 * aanmelding without access (after_store). */
static const char *const queue_lists[] = {"alle", "op-te-pakken", "mijn", NULL};
static const struct field_rule note_rules[] = {
	{.name = "geregistreerd", .label = "Geregistreerde aanmelding", .kind = FIELD_ID},
	{.name = "team", .label = "Team", .kind = FIELD_ID},
	{.name = "lijst", .label = "Lijst", .kind = FIELD_CHOICE, .choices = queue_lists},
};
enum { Q_REGISTERED, Q_TEAM, Q_LIST, Q_COUNT };

int h_aanmelding_queue(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct field_value note[Q_COUNT];
	form_validate(r->arena, r->query, note_rules, Q_COUNT, note);
	unsigned list = note[Q_LIST].error ? 0 : note[Q_LIST].bits;
	int64_t total = 0;
	json_t *rows = queue_rows(r, d, &total);
	if (!rows)
		return -1;
	if (audit_view(r, "aanmelding.list", "aanmelding", 0, 0, NULL) != 0) {
		json_decref(rows);
		return -1;
	}
	if (note[Q_LIST].text[0] && list != 0) {
		/* Op te pakken: nobody works it yet; mijn: I do. */
		json_t *kept = json_array();
		size_t i;
		json_t *row;
		json_array_foreach(rows, i, row) {
			/* With a regisseur acting, the regisseur works it: not in the
			 * list to pick up. */
			bool taken = json_object_get(row, "behandelaar") != NULL || json_object_get(row, "regisseur") != NULL;
			if ((list == 1 && !taken) || (list == 2 && json_is_true(json_object_get(row, "is_mine"))))
				json_array_append(kept, row);
		}
		json_decref(rows);
		rows = kept;
		total = (int64_t)json_array_size(rows);
	}
	json_t *data = json_object();
	/* Safety first: the open veiligheidszorgen head the queue. */
	if (veiligheid_list_fill(r, d, data) != DB_OK) {
		json_decref(rows);
		json_decref(data);
		return -1;
	}
	json_object_set_new(data, list == 1 ? "list_open" : list == 2 ? "list_mine" : "list_all", json_true());
	json_object_set_new(data, "total", json_integer(total));
	json_object_set_new(data, "one", json_boolean(total == 1));
	json_object_set_new(data, "shown", json_integer((json_int_t)json_array_size(rows)));
	json_object_set_new(data, "more", json_boolean(total > (int64_t)json_array_size(rows)));
	json_object_set_new(data, "has_rows", json_boolean(json_array_size(rows) > 0));
	json_object_set_new(data, "rows", rows);
	if (note[Q_REGISTERED].text[0] && !note[Q_REGISTERED].error) {
		/* The team that picks it up, by name when the link names one. */
		struct org_item team = {0};
		if (note[Q_TEAM].error || !note[Q_TEAM].id ||
		    db_org_get(d, r->arena, ORG_TEAM, note[Q_TEAM].id, &team) != DB_OK)
			team.name = NULL;
		json_object_set_new(data, "notice", json_string(
			team.name ? arena_printf(r->arena, "De aanmelding is geregistreerd en staat in de wachtrij van %s. "
			                         "U heeft geen toegang tot de inhoud van dit huishouden; dat team (of de "
			                         "regisseur) pakt de aanmelding op.", team.name)
			          : "De aanmelding is geregistreerd. U heeft geen toegang tot de inhoud van dit huishouden; "
			            "de regisseur of het team dat de wachtrij van het gebied werkt pakt de aanmelding op."));
	}
	return reply_page(r, 200, "aanmeldingen", "Aanmeldingen", data);
}

static json_t *aanmelding_json(const struct aanmelding *a, int64_t now)
{
	json_t *o = json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:b, s:s, s:I}", "id", (json_int_t)a->id,
	                      "huishouden_id", (json_int_t)a->huishouden_id, "question", a->question,
	                      "channel", a->channel, "medium", a->medium, "urgency", a->urgency,
	                      "safety_concern", a->safety_concern, "address", a->address,
	                      "received_at", (json_int_t)a->received_at);
	if (a->name)
		json_object_set_new(o, "name", json_string(a->name));
	if (a->referrer_kind)
		json_object_set_new(o, "referrer_kind", json_string(a->referrer_kind));
	if (a->referrer_org)
		json_object_set_new(o, "referrer_org", json_string(a->referrer_org));
	if (a->regisseur)
		json_object_set_new(o, "regisseur", json_string(a->regisseur));
	json_object_set_new(o, "soort", json_string(a->soort ? a->soort : "vraag"));
	if (a->aanvraag_ontvangen)
		json_object_set_new(o, "aanvraag_ontvangen", json_string(a->aanvraag_ontvangen));
	json_object_set_new(o, "verlenging_dagen", json_integer(a->verlenging_dagen));
	json_object_set_new(o, "verlenging_text", json_sprintf("%lld %s", (long long)a->verlenging_dagen,
	                                                       a->verlenging_dagen == 1 ? "dag" : "dagen"));
	if (a->verlenging_reden)
		json_object_set_new(o, "verlenging_reden", json_string(a->verlenging_reden));
	json_object_set_new(o, "versie", json_integer(a->version));
	aanmelding_row_labels(o, now);
	return o;
}

int h_aanmelding_show(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	int64_t id = req_param_id(r, 0);
	struct aanmelding a;
	enum db_status s = db_aanmelding_get(d, r->arena, id, &a);
	if (s == DB_NOT_FOUND)
		return reply_error(r, ERR_NOT_FOUND, "Deze aanmelding bestaat niet.");
	if (s != DB_OK)
		return -1;
	struct hh_access_info acc;
	if (require_household(r, a.huishouden_id, "aanmelding.view", "aanmelding", id, &acc) != 0)
		return 0;
	json_t *o = aanmelding_json(&a, now_unix());
	json_object_set_new(o, "created_by", json_string(a.created_by));
	json_object_set_new(o, "status_label", json_string(strcmp(a.status, "open") == 0 ? "Open"
	                    : strcmp(a.status, "in_behandeling") == 0 ? "In behandeling" : "Afgesloten"));
	json_t *names = db_persoon_names(d, a.huishouden_id);
	if (!names) {
		json_decref(o);
		return -1;
	}
	json_t *data = json_object();
	bool open = strcmp(a.status, "open") == 0;
	if (a.behandelaar)
		json_object_set_new(o, "behandelaar", json_string(a.behandelaar));
	json_object_set_new(o, "is_mine", json_boolean(a.behandelaar_id == r->user->id));
	/* Oppakken: the queue's team (or the regisseur, a teamleider) while it
	 * is open; a teamleider may hand it to someone. */
	json_object_set_new(data, "may_pick_up", json_boolean(open && acc.may_steer && !a.behandelaar_id));
	if (open && acc.may_steer && (r->user->roles & ROLE_TEAMLEIDER)) {
		json_t *who = db_regie_suggestions(d, a.huishouden_id);
		if (!who) {
			json_decref(o);
			json_decref(names);
			json_decref(data);
			return -1;
		}
		json_object_set_new(data, "may_hand", json_true());
		json_object_set_new(data, "candidates", who);
	}
	if (req_query(r, "kies_medewerker"))
		json_object_set_new(data, "hand_error", json_string("Kies een actieve consulent of gebiedsteamlid."));
	if (req_query(r, "opgepakt"))
		json_object_set_new(data, "notice", json_string("U heeft de aanmelding opgepakt. U zit nu in het "
		                                                "casusteam van het huishouden."));
	else if (req_query(r, "termijn"))
		json_object_set_new(data, "notice", json_string("De termijn is opgeslagen."));
	else if (req_query(r, "toegewezen"))
		json_object_set_new(data, "notice", json_string("De aanmelding is toegewezen; de behandelaar zit nu in het "
		                                                "casusteam van het huishouden."));
	json_object_set_new(data, "a", o);
	json_object_set_new(data, "leden", names);
	return reply_page(r, 200, "aanmelding", "Aanmelding", data);
}

/* ---- the JSON API --------------------------------------------------------------- */

/* The API form of an aanmelding row (queue or detail); question only when
 * with_question. */
static json_t *api_row(json_t *row, bool with_question)
{
	json_t *o = json_object();
	char iso[21];
	fmt_iso8601(json_integer_value(json_object_get(row, "received_at")), iso);
	json_object_set(o, "id", json_object_get(row, "id"));
	json_object_set(o, "huishouden_id", json_object_get(row, "huishouden_id"));
	json_object_set(o, "kanaal", json_object_get(row, "channel"));
	if (json_object_get(row, "referrer_kind"))
		json_object_set(o, "verwijzer_soort", json_object_get(row, "referrer_kind"));
	if (json_object_get(row, "referrer_org"))
		json_object_set(o, "verwijzer", json_object_get(row, "referrer_org"));
	json_object_set(o, "medium", json_object_get(row, "medium"));
	if (with_question)
		json_object_set(o, "vraag", json_object_get(row, "question"));
	json_object_set(o, "urgentie", json_object_get(row, "urgency"));
	json_object_set(o, "meldcode", json_object_get(row, "safety_concern"));
	json_object_set(o, "soort", json_object_get(row, "soort"));
	if (json_object_get(row, "aanvraag_ontvangen"))
		json_object_set(o, "aanvraag_ontvangen", json_object_get(row, "aanvraag_ontvangen"));
	json_object_set(o, "termijn", json_object_get(row, "termijn"));
	json_object_set_new(o, "ontvangen", json_string(iso));
	json_object_set(o, "leeftijd_dagen", json_object_get(row, "age_days"));
	json_object_set(o, "adres", json_object_get(row, "address"));
	if (json_object_get(row, "name"))
		json_object_set(o, "naam", json_object_get(row, "name"));
	if (json_object_get(row, "regisseur"))
		json_object_set(o, "regisseur", json_object_get(row, "regisseur"));
	return o;
}

int h_api_aanmelding_list(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	int64_t total = 0;
	json_t *rows = queue_rows(r, d, &total);
	if (!rows)
		return -1;
	if (audit_view(r, "aanmelding.list", "aanmelding", 0, 0, NULL) != 0) {
		json_decref(rows);
		return -1;
	}
	json_t *list = json_array();
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row)
		json_array_append_new(list, api_row(row, json_is_true(json_object_get(row, "may_view"))));
	json_decref(rows);
	return reply_json(r, 200, json_pack("{s:o, s:I}", "aanmeldingen", list, "totaal", (json_int_t)total));
}

static int api_show(struct req *r, db *d, int64_t id, unsigned status)
{
	struct aanmelding a;
	enum db_status s = db_aanmelding_get(d, r->arena, id, &a);
	if (s == DB_NOT_FOUND)
		return reply_error(r, ERR_NOT_FOUND, "Deze aanmelding bestaat niet.");
	if (s != DB_OK)
		return -1;
	struct hh_access_info acc;
	if (status == 200 &&
	    require_household(r, a.huishouden_id, "aanmelding.view", "aanmelding", id, &acc) != 0)
		return 0;
	json_t *row = aanmelding_json(&a, now_unix());
	json_t *o = api_row(row, true);
	json_decref(row);
	json_object_set_new(o, "status", json_string(a.status));
	json_object_set_new(o, "geregistreerd_door", json_string(a.created_by));
	if (a.persoon_id)
		json_object_set_new(o, "persoon_id", json_integer(a.persoon_id));
	return reply_json(r, status, o);
}

int h_api_aanmelding_get(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	return api_show(r, d, req_param_id(r, 0), 200);
}

/* Adds the errors of one table to fields, each name prefixed. */
static void api_errors(json_t *fields, const char *prefix, const struct field_rule *table, size_t n,
                       const struct field_value *v)
{
	for (size_t i = 0; i < n; i++) {
		if (!v[i].error)
			continue;
		char key[160];
		snprintf(key, sizeof key, "%s%s", prefix, table[i].name);
		json_object_set_new(fields, key, json_string(v[i].error));
	}
}

/* 409 naming the stored persons that the new household would duplicate. */
static int api_duplicates(struct req *r, int n, const bool *found, const struct persoon_dup *dups)
{
	json_t *list = json_array();
	for (int i = 0; i < n; i++)
		if (found[i])
			json_array_append_new(list, person_dup_api_json(&dups[i]));
	return api_conflict(r, "Deze persoon is al bekend. Registreer de aanmelding voor het bestaande "
	                       "huishouden (huishouden_id).", "bestaand", list);
}

int h_api_aanmelding_create(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	if (!json_is_object(r->json))
		return reply_error(r, ERR_BAD_REQUEST, "Verwacht een JSON-object.");
	struct field_value v[F_COUNT], hv[API_COUNT];
	form_validate_json(r->arena, r->json, rules, F_HH, v);
	/* huishouden, bezoek and signaal have their API names (api_hh_rule);
	 * the term's fields follow them in the table. */
	for (int i = F_HH; i < F_SOORT; i++) {
		memset(&v[i], 0, sizeof v[i]);
		v[i].text = "";
	}
	form_validate_json(r->arena, r->json, &rules[F_SOORT], F_COUNT - F_SOORT, &v[F_SOORT]);
	request_check(v);
	form_validate_json(r->arena, r->json, api_hh_rule, API_COUNT, hv);
	json_t *fields = json_object();
	api_errors(fields, "", rules, F_HH, v);
	api_errors(fields, "", &rules[F_SOORT], F_COUNT - F_SOORT, &v[F_SOORT]);
	api_errors(fields, "", api_hh_rule, API_COUNT, hv);

	json_t *hobj = json_object_get(r->json, "huishouden");
	struct aanmelding_input in;
	request_input(v, &in);
	in.huishouden_id = hv[0].id;
	struct huishouden_input newh;
	struct persoon_input *persons = NULL;
	int n = 0;
	if (hv[0].id && hobj) {
		json_object_set_new(fields, "huishouden", json_string("Geef huishouden_id of huishouden, niet allebei."));
	} else if (hv[0].id) {
		bool exists;
		if (db_huishouden_exists(d, hv[0].id, &exists) != DB_OK) {
			json_decref(fields);
			return -1;
		}
		if (!exists)
			json_object_set_new(fields, "huishouden_id", json_string("Dit huishouden bestaat niet."));
	} else if (!hobj && !hv[0].error) {
		json_object_set_new(fields, "huishouden_id", json_string("Geef huishouden_id (een bekend huishouden) "
		                    "of huishouden (een nieuw huishouden met personen)."));
	} else if (hobj && !json_is_object(hobj)) {
		json_object_set_new(fields, "huishouden", json_string("Verwacht een object met adres en personen."));
	} else if (hobj) {
		struct field_value addr[A_COUNT];
		form_validate_json(r->arena, hobj, address_rules, A_COUNT, addr);
		address_check(r, d, addr);
		api_errors(fields, "huishouden.", address_rules, A_COUNT, addr);
		address_input(addr, &newh);
		json_t *plist = json_object_get(hobj, "personen");
		size_t count = json_is_array(plist) ? json_array_size(plist) : 0;
		if (count < 1 || count > API_MAX_PERSONS) {
			json_object_set_new(fields, "huishouden.personen",
			                    json_sprintf("Geef 1 tot en met %d personen.", API_MAX_PERSONS));
		} else {
			persons = arena_alloc(r->arena, count * sizeof *persons);
			for (size_t i = 0; i < count; i++) {
				struct field_value *pv = arena_alloc(r->arena, P_COUNT * sizeof *pv);
				json_t *item = json_array_get(plist, i);
				char prefix[64];
				snprintf(prefix, sizeof prefix, "huishouden.personen[%zu].", i);
				if (!json_is_object(item)) {
					json_object_set_new(fields, arena_printf(r->arena, "huishouden.personen[%zu]", i),
					                    json_string("Verwacht een object."));
					continue;
				}
				form_validate_json(r->arena, item, person_rules, P_COUNT, pv);
				person_check(r, pv);
				api_errors(fields, prefix, person_rules, P_COUNT, pv);
				person_input(pv, &persons[n++]);
			}
		}
	}
	if (json_object_size(fields))
		return reply_json_validation(r, fields);
	json_decref(fields);
	struct herkomst origin;
	int rc = origin_load(r, d, hv[API_BEZOEK].id, hv[API_SIGNAAL].id, &origin);
	if (rc != 0)
		return rc > 0 ? 0 : -1;

	int64_t hh = 0, id = 0;
	if (persons) {
		bool *found = arena_alloc(r->arena, (size_t)n * sizeof *found);
		struct persoon_dup *dups = arena_alloc(r->arena, (size_t)n * sizeof *dups);
		int *same_as = arena_alloc(r->arena, (size_t)n * sizeof *same_as);
		int dup_count = find_duplicates(r, d, persons, n, found, dups, same_as);
		if (dup_count < 0)
			return -1;
		for (int i = 0; i < n; i++) {
			if (same_as[i] < 0)
				continue;
			json_t *f = json_object();
			json_object_set_new(f, arena_printf(r->arena, "huishouden.personen[%d]", i),
			                    json_sprintf("Deze persoon staat al in de lijst (personen[%d]).", same_as[i]));
			return reply_json_validation(r, f);
		}
		if (dup_count)
			return api_duplicates(r, n, found, dups);
		enum db_status s = store(r, d, &in, &newh, persons, n, &origin, &hh, &id);
		if (s == DB_NOT_FOUND)
			return reply_error(r, ERR_CONFLICT, origin_closed_message(&origin));
		if (s == DB_CONSTRAINT) {
			if (find_duplicates(r, d, persons, n, found, dups, same_as) <= 0)
				return -1;
			return api_duplicates(r, n, found, dups);
		}
		if (s != DB_OK)
			return -1;
	} else {
		enum db_status s = store(r, d, &in, NULL, NULL, 0, &origin, &hh, &id);
		if (s == DB_NOT_FOUND)
			return reply_error(r, ERR_CONFLICT, origin_closed_message(&origin));
		if (s != DB_OK)
			return -1;
	}
	if (api_show(r, d, id, 201) != 0)
		return -1;
	reply_header(r, "Location", arena_printf(r->arena, "/api/v1/aanmeldingen/%lld", (long long)id));
	return 0;
}
