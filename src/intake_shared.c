/* intake_shared.c - what the intake's pages (src/handlers/intake.c) and
 * its JSON API (src/handlers/intake_api.c) share (include/intake_shared.h):
 * the field table, what an intake of one household can refer to, reading
 * and checking the input from a form or JSON, storing a new intake and an
 * edit of its textual fields, loading one with its access check, and the
 * page data of one intake (also for the household page, src/overzicht_zorg.c). */
#include <string.h>
#include <sys/types.h>
#include <time.h>

#include "access.h"
#include "audit.h"
#include "care.h"
#include "db_huishouden.h"
#include "db_intake.h"
#include "db_gezondheid.h"
#include "db_netwerk.h"
#include "domain.h"
#include "form.h"
#include "intake_shared.h"
#include "veiligheid.h"


/* ---- input -------------------------------------------------------------- */

const struct field_rule intake_rules[I_COUNT] = {
	[I_GEHOUDEN_OP] = {.name = "gehouden_op", .label = "Datum van het gesprek",
	                   .kind = FIELD_DATE, .required = true,
	                   .date_flags = DATE_NOT_FUTURE},
	[I_VRAAG] = {.name = "vraag_achter_de_vraag", .label = "De vraag achter de vraag",
	             .kind = FIELD_TEXT, .required = true, .max_len = 5000},
	[I_KRACHTEN] = {.name = "krachten", .label = "Krachten en talenten", .kind = FIELD_TEXT, .max_len = 5000},
	[I_ZORGEN] = {.name = "zorgen_veiligheid", .label = "Zorgen over de veiligheid (meldcode)",
	              .kind = FIELD_CHECKBOX},
	[I_TOELICHTING] = {.name = "veiligheid_toelichting", .label = "Toelichting op de zorgen",
	                   .kind = FIELD_TEXT, .max_len = 2000},
	[I_VERSIE] = {.name = "versie", .label = "Versie",
	              .kind = FIELD_INT, .required = true, .min = 1, .max = INT64_MAX},
};

static const char MSG_NOTE_REQUIRED[] = "Beschrijf de zorgen over de veiligheid.";
static const char MSG_NO_PARTICIPANT[] = "Kies wie er bij het gesprek waren.";
static const char MSG_NO_SCORE[] =
	"Geef voor minstens één persoon op minstens één leefgebied een score.";
static const char MSG_BAD_SCORE[] = "Kies per leefgebied een score van 1 tot en met 5, of niet gescoord.";

enum db_status intake_load_ctx(struct req *r, db *d, int64_t hh, struct intake_ctx *c)
{
	*c = (struct intake_ctx){.hh = hh};
	enum db_status s = db_intake_people(d, r->arena, hh, &c->people, &c->npeople);
	if (s == DB_OK)
		s = db_intake_staff(d, r->arena, hh, r->user->id, &c->staff, &c->nstaff);
	if (s == DB_OK)
		s = db_intake_expertise_list(d, r->arena, &c->expertises, &c->nexpertises);
	if (s == DB_OK)
		s = db_netwerk_list(d, r->arena, hh, &c->network, &c->nnetwork);
	struct huishouden h;
	if (s == DB_OK && (s = db_huishouden_get(d, r->arena, hh, &h)) == DB_OK) {
		time_t t = (time_t)h.opened_at;
		struct tm lt;
		localtime_r(&t, &lt);
		strftime(c->opened_on, sizeof c->opened_on, "%Y-%m-%d", &lt);
		char nl[11];
		fmt_date_nl(c->opened_on, nl);
		c->before_msg = arena_printf(r->arena, "Het gesprek kan niet eerder zijn gehouden dan de aanmelding van het "
		                             "huishouden (%s). Controleer de datum.", nl);
	}
	return s;
}

static void input_alloc(arena *a, const struct intake_ctx *c, struct intake_input *in)
{
	in->person_in = arena_alloc(a, (c->npeople + 1) * sizeof(bool));
	in->network_in = arena_alloc(a, (c->nnetwork + 1) * sizeof(bool));
	in->staff_in = arena_alloc(a, (c->nstaff + 1) * sizeof(bool));
	in->expertise_in = arena_alloc(a, (c->nexpertises + 1) * sizeof(bool));
	in->score = arena_alloc(a, (c->npeople * NDOMAINS + 1) * sizeof(int));
}

const char *intake_score_field(arena *a, int64_t persoon_id, int domain)
{
	return arena_printf(a, "zrm_%lld_%s", (long long)persoon_id, vocab_zrm_domain.codes[domain]);
}

/* The checks over several fields, for the form and the API alike. */
static void check_whole(const struct intake_ctx *c, struct intake_input *in)
{
	bool any = false;
	for (size_t i = 0; i < c->npeople; i++)
		any |= in->person_in[i];
	for (size_t i = 0; i < c->nnetwork; i++)
		any |= in->network_in[i];
	for (size_t i = 0; i < c->nstaff; i++)
		any |= in->staff_in[i];
	if (!any && !in->participants_error)
		in->participants_error = MSG_NO_PARTICIPANT;
	bool scored = false;
	for (size_t i = 0; i < c->npeople * NDOMAINS; i++)
		scored |= in->score[i] > 0;
	if (!scored && !in->scores_error)
		in->scores_error = MSG_NO_SCORE;
	if (!in->v[I_GEHOUDEN_OP].error && in->v[I_GEHOUDEN_OP].text[0] && c->opened_on[0] &&
	    strcmp(in->v[I_GEHOUDEN_OP].text, c->opened_on) < 0 && c->before_msg) {
		in->v[I_GEHOUDEN_OP].error = c->before_msg;
		in->errors++;
	}
	if (in->v[I_ZORGEN].checked && !*in->v[I_TOELICHTING].text && !in->v[I_TOELICHTING].error) {
		in->v[I_TOELICHTING].error = MSG_NOTE_REQUIRED;
		in->errors++;
	}
	in->errors += (in->participants_error != NULL) + (in->scores_error != NULL) +
	              (in->expertises_error != NULL);
}

void intake_read_form(struct req *r, const struct intake_ctx *c, struct intake_input *in)
{
	input_alloc(r->arena, c, in);
	in->errors = form_validate(r->arena, r->form, intake_rules, I_NEW_COUNT, in->v);
	for (size_t i = 0; i < c->npeople; i++)
		in->person_in[i] = form_get(r->form, arena_printf(r->arena, "deelnemer_p_%lld",
		                                                  (long long)c->people[i].id)) != NULL;
	for (size_t i = 0; i < c->nnetwork; i++)
		in->network_in[i] = form_get(r->form, arena_printf(r->arena, "deelnemer_n_%lld",
		                                                   (long long)c->network[i].id)) != NULL;
	for (size_t i = 0; i < c->nstaff; i++)
		in->staff_in[i] = form_get(r->form, arena_printf(r->arena, "deelnemer_m_%lld",
		                                                 (long long)c->staff[i].id)) != NULL;
	for (size_t i = 0; i < c->nexpertises; i++)
		in->expertise_in[i] = form_get(r->form, arena_printf(r->arena, "expertise_%lld",
		                                                     (long long)c->expertises[i].id)) != NULL;
	for (size_t p = 0; p < c->npeople; p++)
		for (int dm = 0; dm < NDOMAINS; dm++) {
			const char *val = form_get(r->form, intake_score_field(r->arena, c->people[p].id, dm));
			int idx = val && *val ? vocab_index(&vocab_zrm_score, val) : -1;
			if (val && *val && idx < 0)
				in->scores_error = MSG_BAD_SCORE;
			in->score[p * NDOMAINS + (size_t)dm] = idx + 1; /* "1".."5" -> 1..5; absent -> 0 */
		}
	pg_read_form(r, c->people, c->npeople, &in->pg);
	in->errors += in->pg.errors;
	check_whole(c, in);
}

static ssize_t find_ref(const struct intake_ref *refs, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (refs[i].id == id)
			return (ssize_t)i;
	return -1;
}

/* The API's input: the same rule table for the fields, plus
 * "deelnemers": [{"soort", "id"}], "expertises": [id] and
 * "scores": [{"persoon_id", "leefgebied", "score"}]. */
void intake_read_json(struct req *r, const struct intake_ctx *c, struct intake_input *in)
{
	input_alloc(r->arena, c, in);
	in->errors = form_validate_json(r->arena, r->json, intake_rules, I_NEW_COUNT, in->v);
	json_t *parts = json_object_get(r->json, "deelnemers");
	size_t k;
	json_t *item;
	if (parts && !json_is_array(parts))
		in->participants_error = "Verwacht een lijst.";
	json_array_foreach(parts, k, item) {
		const char *kind = json_string_value(json_object_get(item, "soort"));
		json_t *idj = json_object_get(item, "id");
		int64_t id = json_is_integer(idj) ? json_integer_value(idj) : 0;
		bool found = false;
		if (kind && strcmp(kind, "persoon") == 0) {
			ssize_t i = find_ref(c->people, c->npeople, id);
			if ((found = i >= 0))
				in->person_in[i] = true;
		} else if (kind && strcmp(kind, "netwerklid") == 0) {
			for (size_t i = 0; i < c->nnetwork; i++)
				if (c->network[i].id == id)
					found = in->network_in[i] = true;
		} else if (kind && strcmp(kind, "medewerker") == 0) {
			ssize_t i = find_ref(c->staff, c->nstaff, id);
			if ((found = i >= 0))
				in->staff_in[i] = true;
		}
		if (!found)
			in->participants_error = arena_printf(r->arena, "Deelnemer %zu is geen lid van het "
			                                      "huishouden, zijn netwerk of het casusteam.", k + 1);
	}
	json_t *exps = json_object_get(r->json, "expertises");
	if (exps && !json_is_array(exps))
		in->expertises_error = "Verwacht een lijst.";
	json_array_foreach(exps, k, item) {
		ssize_t i = json_is_integer(item) ? find_ref(c->expertises, c->nexpertises,
		                                             json_integer_value(item)) : -1;
		if (i < 0)
			in->expertises_error = arena_printf(r->arena, "Expertise %zu bestaat niet.", k + 1);
		else
			in->expertise_in[i] = true;
	}
	json_t *scores = json_object_get(r->json, "scores");
	if (scores && !json_is_array(scores))
		in->scores_error = "Verwacht een lijst.";
	json_array_foreach(scores, k, item) {
		json_t *pj = json_object_get(item, "persoon_id"), *sj = json_object_get(item, "score");
		ssize_t p = json_is_integer(pj) ? find_ref(c->people, c->npeople, json_integer_value(pj)) : -1;
		int dm = vocab_index(&vocab_zrm_domain, json_string_value(json_object_get(item, "leefgebied")));
		json_int_t score = json_is_integer(sj) ? json_integer_value(sj) : 0;
		if (p < 0)
			in->scores_error = arena_printf(r->arena, "Score %zu: deze persoon hoort niet bij het huishouden.", k + 1);
		else if (dm < 0)
			in->scores_error = arena_printf(r->arena, "Score %zu: onbekend leefgebied.", k + 1);
		else if (score < 1 || score > 5)
			in->scores_error = arena_printf(r->arena, "Score %zu: geef een score van 1 tot en met 5.", k + 1);
		else if (in->score[(size_t)p * NDOMAINS + (size_t)dm])
			in->scores_error = arena_printf(r->arena, "Score %zu: dit leefgebied is voor deze persoon al gescoord.", k + 1);
		else
			in->score[(size_t)p * NDOMAINS + (size_t)dm] = (int)score;
	}
	pg_read_json(r, c->people, c->npeople, &in->pg);
	in->errors += in->pg.errors;
	check_whole(c, in);
}

/* The intake to store, from valid input. */
void intake_build_new(arena *a, const struct intake_ctx *c, const struct intake_input *in,
                      struct intake_new *out)
{
	*out = (struct intake_new){
		.huishouden_id = c->hh, .held_on = in->v[I_GEHOUDEN_OP].text,
		.question_behind = in->v[I_VRAAG].text, .strengths = in->v[I_KRACHTEN].text,
		.safety_concern = in->v[I_ZORGEN].checked, .safety_note = in->v[I_TOELICHTING].text,
	};
	struct intake_ref *parts = arena_alloc(a, (c->npeople + c->nnetwork + c->nstaff + 1) * sizeof *parts);
	for (size_t i = 0; i < c->npeople; i++)
		if (in->person_in[i])
			parts[out->nparticipants++] = (struct intake_ref){.id = c->people[i].id, .kind = "persoon"};
	for (size_t i = 0; i < c->nnetwork; i++)
		if (in->network_in[i])
			parts[out->nparticipants++] = (struct intake_ref){.id = c->network[i].id, .kind = "netwerklid"};
	for (size_t i = 0; i < c->nstaff; i++)
		if (in->staff_in[i])
			parts[out->nparticipants++] = (struct intake_ref){.id = c->staff[i].id, .kind = "medewerker"};
	out->participants = parts;
	int64_t *exps = arena_alloc(a, (c->nexpertises + 1) * sizeof *exps);
	for (size_t i = 0; i < c->nexpertises; i++)
		if (in->expertise_in[i])
			exps[out->nexpertises++] = c->expertises[i].id;
	out->expertises = exps;
	struct zrm_score *scores = arena_alloc(a, (c->npeople * NDOMAINS + 1) * sizeof *scores);
	for (size_t p = 0; p < c->npeople; p++)
		for (int dm = 0; dm < NDOMAINS; dm++) {
			int s = in->score[p * NDOMAINS + (size_t)dm];
			if (s > 0)
				scores[out->nscores++] = (struct zrm_score){.persoon_id = c->people[p].id,
				                                            .domain = vocab_zrm_domain.codes[dm], .score = s};
		}
	out->scores = scores;
	out->pg = pg_build(a, c->people, c->npeople, &in->pg, &out->npg);
}

/* Stores a new intake and its consequences in one transaction: the intake
 * with participants, expertises and scores, the household and its open
 * aanmeldingen "in behandeling", and an audit row for each change. */
enum db_status intake_store_new(struct req *r, db *d, const struct intake_new *in,
                                const struct hh_access_info *acc, int64_t *id)
{
	if (db_begin(d) != 0)
		return DB_ERROR;
	bool hh_changed = false;
	int64_t *aanmeldingen = NULL;
	size_t naanmeldingen = 0;
	enum db_status s = db_intake_insert(d, in, r->user->id, id);
	if (s == DB_OK)
		s = db_gezondheid_insert(d, in->pg, in->npg, in->held_on, *id, 0, r->user->id);
	if (s == DB_OK)
		s = db_intake_start_treatment(d, r->arena, in->huishouden_id, r->user->id, &hh_changed,
		                              &aanmeldingen, &naanmeldingen);
	struct audit_entry e = {.medewerker_id = r->user->id, .action = "intake.create",
	                        .object_type = "intake", .object_id = *id, .huishouden_id = in->huishouden_id,
	                        .reason = acc->exception_reason, .client_addr = r->client_addr};
	if (s == DB_OK)
		s = audit_append(d, &e);
	if (s == DB_OK && hh_changed) {
		e.action = "huishouden.status";
		e.object_type = "huishouden";
		e.object_id = in->huishouden_id;
		s = audit_append(d, &e);
	}
	for (size_t i = 0; i < naanmeldingen && s == DB_OK; i++) {
		e.action = "aanmelding.status";
		e.object_type = "aanmelding";
		e.object_id = aanmeldingen[i];
		s = audit_append(d, &e);
	}
	if (s == DB_OK && in->safety_concern) {
		/* The safety check opens a veiligheidszorg (unless one is open):
		 * the intake moving aanmeldingen on never closes it. */
		struct veiligheid_new z = {.huishouden_id = in->huishouden_id, .bron = "intake", .bron_id = *id,
		                           .gezien = in->safety_note && in->safety_note[0] ? in->safety_note
		                                     : "Zorg over veiligheid aangevinkt in het vraagverhelderend gesprek.",
		                           .gezien_op = in->held_on};
		bool opened;
		s = veiligheid_notice_tx(r, d, &z, &opened);
	}
	if (s != DB_OK || db_commit(d) != 0) {
		db_rollback(d);
		return s == DB_OK ? DB_ERROR : s;
	}
	return DB_OK;
}

/* ---- one intake ------------------------------------------------------------ */

static const char *participant_label(const struct intake_ref *p)
{
	if (strcmp(p->kind, "persoon") == 0)
		return vocab_label(&vocab_person_role, p->extra);
	if (strcmp(p->kind, "netwerklid") == 0)
		return vocab_label(&vocab_relation, p->extra);
	return "Medewerker";
}

/* The page data of one intake: {id, held_nl, question_behind, strengths?,
 * safety_concern, safety_note?, created_by, version, edited?,
 * participants: [{name, label}], expertises: [name], scores}.  With
 * latest_scores the scores are the newest per person and domain of the
 * whole household instead of this intake's.  NULL on a database error. */
json_t *intake_page_json(struct req *r, db *d, const struct intake *it, bool latest_scores)
{
	struct intake_ref *parts, *exps;
	struct zrm_score *z;
	size_t nparts, nexps, nz;
	if (db_intake_participants(d, r->arena, it->id, &parts, &nparts) != DB_OK ||
	    db_intake_expertises(d, r->arena, it->id, &exps, &nexps) != DB_OK ||
	    db_intake_scores(d, r->arena, latest_scores ? 0 : it->id, it->huishouden_id, &z, &nz) != DB_OK)
		return NULL;
	json_t *o = json_pack("{s:I, s:s, s:s, s:b, s:s, s:I}", "id", (json_int_t)it->id, "held_nl", it->held_nl,
	                      "question_behind", it->question_behind, "safety_concern", it->safety_concern,
	                      "created_by", it->created_by, "version", (json_int_t)it->version);
	if (it->strengths)
		json_object_set_new(o, "strengths", json_string(it->strengths));
	if (it->safety_note)
		json_object_set_new(o, "safety_note", json_string(it->safety_note));
	if (it->updated_at)
		json_object_set_new(o, "edited", json_string(care_changed_by(r, it->updated_by, it->updated_at)));
	json_t *pl = json_array(), *el = json_array();
	for (size_t i = 0; i < nparts; i++)
		json_array_append_new(pl, json_pack("{s:s, s:s}", "name", parts[i].name, "label",
		                                    participant_label(&parts[i])));
	for (size_t i = 0; i < nexps; i++)
		json_array_append_new(el, json_string(exps[i].name));
	json_object_set_new(o, "participants", pl);
	json_object_set_new(o, "has_expertises", json_boolean(nexps > 0));
	json_object_set_new(o, "expertises", el);
	json_object_set_new(o, "has_scores", json_boolean(nz > 0));
	json_object_set_new(o, "scores", care_scores_json(z, nz));
	return o;
}

/* Loads intake id and checks access to its household; replies and returns
 * -1 when unknown or refused. */
int intake_load(struct req *r, db *d, int64_t id, const char *audit_action, struct intake *it,
                struct hh_access_info *acc)
{
	enum db_status s = db_intake_get(d, r->arena, id, it);
	if (s == DB_NOT_FOUND) {
		reply_error(r, ERR_NOT_FOUND, "Dit gesprek bestaat niet.");
		return -1;
	}
	if (s != DB_OK) {
		reply_error(r, ERR_INTERNAL, NULL);
		return -1;
	}
	return require_household(r, it->huishouden_id, audit_action, "intake", id, acc);
}

/* ---- editing the textual fields ------------------------------------------- */

const char *intake_conflict_message(struct req *r, const struct intake *now)
{
	const char *who = care_changed_by(r, now->updated_by, now->updated_at);
	if (r->is_api)
		return arena_printf(r->arena, "Dit gesprek is intussen gewijzigd door %s (nu versie %lld). Uw "
		                              "wijziging is niet opgeslagen.", who, (long long)now->version);
	return arena_printf(r->arena, "Dit gesprek is intussen gewijzigd door %s. Uw wijziging is niet "
	                              "opgeslagen. Uw invoer staat hieronder; bij de velden die nu anders zijn "
	                              "opgeslagen ziet u wat er intussen is ingevuld. Controleer en sla opnieuw op.",
	                    who);
}

/* Saves the validated edit (form or JSON) in v of intake it with its audit
 * row.  Returns DB_OK, DB_NOT_FOUND on a stale version (*now then holds the stored
 * intake), or DB_ERROR. */
enum db_status intake_store_edit(struct req *r, db *d, const struct intake *it, const struct field_value *v,
                                 const struct hh_access_info *acc, struct intake *now)
{
	struct intake changed = *it;
	changed.question_behind = v[I_VRAAG].text;
	changed.strengths = v[I_KRACHTEN].text;
	changed.safety_concern = v[I_ZORGEN].checked;
	changed.safety_note = v[I_TOELICHTING].text;
	changed.version = v[I_VERSIE].id;
	if (db_begin(d) != 0)
		return DB_ERROR;
	enum db_status s = db_intake_update(d, &changed, r->user->id);
	if (s == DB_NOT_FOUND) {
		db_rollback(d);
		return db_intake_get(d, r->arena, it->id, now) == DB_OK ? DB_NOT_FOUND : DB_ERROR;
	}
	struct audit_entry e = {.medewerker_id = r->user->id, .action = "intake.update", .object_type = "intake",
	                        .object_id = it->id, .huishouden_id = it->huishouden_id,
	                        .reason = acc->exception_reason, .client_addr = r->client_addr};
	if (s != DB_OK || audit_append(d, &e) != DB_OK || db_commit(d) != 0) {
		db_rollback(d);
		return DB_ERROR;
	}
	return DB_OK;
}

int intake_validate_edit(struct field_value *v)
{
	int errors = 0;
	if (v[I_ZORGEN].checked && !*v[I_TOELICHTING].text && !v[I_TOELICHTING].error) {
		v[I_TOELICHTING].error = MSG_NOTE_REQUIRED;
		errors++;
	}
	return errors;
}
