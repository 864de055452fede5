/* aanmelding_shared.c - what the aanmelding handlers share
 * (include/aanmelding_shared.h): the request's field table and checks,
 * storing an aanmelding (with a new household and its persons, in one
 * transaction), the duplicate checks, the walk-in or signal it starts
 * from, the queue's rows and one aanmelding as page data.  Used by
 * src/handlers/aanmelding.c (the form), aanmelding_lijst.c (the queue and
 * one aanmelding) and aanmelding_api.c (the JSON API);
 * aanmelding_row_labels also by Mijn werk and the household page
 * (include/huishouden_form.h). */
#include <stdio.h>
#include <string.h>

#include "access.h"
#include "aanmelding_shared.h"
#include "audit.h"
#include "db_aanmelding.h"
#include "db_regie.h"
#include "domain.h"
#include "huishouden_form.h"
#include "termijn.h"
#include "text.h"
#include "veiligheid.h"

enum { QUEUE_MAX = 200, DAY = 24 * 60 * 60 };

/* In vocab_channel's (and so on) order; tests/test_huishouden.c posts every code
 * through the API. */

/* The request itself; "huishouden" (last) is the household chosen by
 * search, absent for a new household. */
const struct field_rule aanmelding_rules[F_COUNT] = {
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

/* Checks across fields: the kind of referrer belongs to (and only to) the
 * channel verwijzer.  Returns the number of fields it put in error. */
int aanmelding_request_check(struct field_value v[F_COUNT])
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

void aanmelding_request_input(const struct field_value v[F_COUNT], struct aanmelding_input *out)
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
	/* For the badges and sorting of the queue (issue 13 item 4): how
	 * pressing it is, as a badge kind and a rank (a safety concern above
	 * everything), and the deadline at the top level. */
	const char *urgency = json_string_value(json_object_get(row, "urgency"));
	bool crisis = urgency && strcmp(urgency, "crisis") == 0, high = urgency && strcmp(urgency, "hoog") == 0;
	json_object_set_new(row, "urgentie_soort", json_string(crisis ? "danger" : high ? "warning" : "neutral"));
	bool safety = json_is_true(json_object_get(row, "safety_concern")) ||
	              json_is_true(json_object_get(row, "veiligheidszorg_open"));
	json_object_set_new(row, "prioriteit", json_integer((safety ? 10 : 0) + (crisis ? 3 : high ? 2 : 1)));
	json_t *who = json_object_get(row, "behandelaar");
	if (!who)
		who = json_object_get(row, "regisseur");
	if (who)
		json_object_set(row, "wie", who);
	json_t *deadline = json_object_get(json_object_get(row, "termijn"), "deadline");
	if (deadline)
		json_object_set(row, "termijn_deadline", deadline);
}

/* ---- storing ----------------------------------------------------------------- */

/* Stores the aanmelding, and when newh is set first the new household with
 * its n persons, with every audit row, in one transaction.  Returns a
 * db_status: DB_CONSTRAINT when a BSN was registered meanwhile (nothing
 * stored). */
enum db_status aanmelding_store(struct req *r, db *d, const struct aanmelding_input *in,
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
int aanmelding_find_duplicates(struct req *r, db *d, const struct persoon_input *p, int n, bool *found,
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
int aanmelding_origin_load(struct req *r, db *d, int64_t bezoek_id, int64_t signaal_id, struct herkomst *out)
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

const char *aanmelding_origin_closed_message(const struct herkomst *o)
{
	return o->kind == HERKOMST_BEZOEK ? "Dit bezoek is al afgerond: er is al een aanmelding van gemaakt, of het is "
	                                    "afgesloten met informatie of een doorverwijzing."
	                                  : "Dit signaal is al afgerond of er is al een aanmelding van gemaakt.";
}

/* ---- the queue and one aanmelding ------------------------------------------------ */

/* The queue with the question only where the user may see the household's
 * contents.  New reference, or NULL on a database error. */
json_t *aanmelding_queue_rows(struct req *r, db *d, int64_t *total)
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

json_t *aanmelding_json(const struct aanmelding *a, int64_t now)
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
