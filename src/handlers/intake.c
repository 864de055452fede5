/* intake.c - the vraagverhelderend gesprek: the intake form with
 * participants, ZRM scores per person and domain, strengths, expertises and
 * the safety check; the intake page; editing its textual fields; the JSON
 * API; and overview_fill_care for the household page.  The helpers the
 * care handlers share live in src/care.c (include/care.h). */
#include <string.h>
#include <sys/types.h>
#include <time.h>

#include "access.h"
#include "audit.h"
#include "db_huishouden.h"
#include "db_intake.h"
#include "db_netwerk.h"
#include "domain.h"
#include "form.h"
#include "care.h"
#include "handlers.h"
#include "veiligheid.h"
#include "overview.h"

/* ---- input -------------------------------------------------------------- */

enum { I_GEHOUDEN_OP, I_VRAAG, I_KRACHTEN, I_ZORGEN, I_TOELICHTING, I_VERSIE, I_COUNT };
/* A new intake validates rules[0 .. I_VERSIE); an edit rules[I_VRAAG ..
 * I_COUNT): the date and the scores of a conversation never change. */
enum { I_NEW_COUNT = I_VERSIE, I_EDIT_FIRST = I_VRAAG, I_EDIT_COUNT = I_COUNT - I_VRAAG };

static const struct field_rule rules[I_COUNT] = {
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

enum { NDOMAINS = 13 };

/* Everything an intake of one household can refer to. */
struct intake_ctx {
	int64_t hh;
	struct intake_ref *people, *staff, *expertises;
	size_t npeople, nstaff, nexpertises;
	struct netwerklid *network;
	size_t nnetwork;
	char opened_on[11]; /* the local date the household's period began: an
	                     * intake cannot be held before its aanmelding */
	const char *before_msg; /* the Dutch refusal naming that date */
};

/* What the user chose: flags parallel to the context's lists and one score
 * per person and domain (0: not scored). */
struct intake_input {
	struct field_value v[I_COUNT];
	bool *person_in, *network_in, *staff_in, *expertise_in;
	int *score; /* npeople * NDOMAINS */
	const char *participants_error, *scores_error, *expertises_error;
	int errors;
};

static enum db_status load_ctx(struct req *r, db *d, int64_t hh, struct intake_ctx *c)
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

static const char *score_field(arena *a, int64_t persoon_id, int domain)
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

static void read_form(struct req *r, const struct intake_ctx *c, struct intake_input *in)
{
	input_alloc(r->arena, c, in);
	in->errors = form_validate(r->arena, r->form, rules, I_NEW_COUNT, in->v);
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
			const char *val = form_get(r->form, score_field(r->arena, c->people[p].id, dm));
			int idx = val && *val ? vocab_index(&vocab_zrm_score, val) : -1;
			if (val && *val && idx < 0)
				in->scores_error = MSG_BAD_SCORE;
			in->score[p * NDOMAINS + (size_t)dm] = idx + 1; /* "1".."5" -> 1..5; absent -> 0 */
		}
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
static void read_json(struct req *r, const struct intake_ctx *c, struct intake_input *in)
{
	input_alloc(r->arena, c, in);
	in->errors = form_validate_json(r->arena, r->json, rules, I_NEW_COUNT, in->v);
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
	check_whole(c, in);
}

/* The intake to store, from valid input. */
static void build_new(arena *a, const struct intake_ctx *c, const struct intake_input *in,
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
}

/* Stores a new intake and its consequences in one transaction: the intake
 * with participants, expertises and scores, the household and its open
 * aanmeldingen "in behandeling", and an audit row for each change. */
static enum db_status store_new(struct req *r, db *d, const struct intake_new *in,
                                const struct hh_access_info *acc, int64_t *id)
{
	if (db_begin(d) != 0)
		return DB_ERROR;
	bool hh_changed = false;
	int64_t *aanmeldingen = NULL;
	size_t naanmeldingen = 0;
	enum db_status s = db_intake_insert(d, in, r->user->id, id);
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

/* ---- the new-intake form ------------------------------------------------- */

static int render_new(struct req *r, db *d, const struct intake_ctx *c, struct intake_input *in,
                      unsigned status)
{
	json_t *data = json_object();
	if (care_household(r, d, c->hh, data) != DB_OK) {
		json_decref(data);
		return -1;
	}
	struct field_value empty[I_COUNT];
	struct field_value *v = in ? in->v : empty;
	if (!in) {
		form_validate(r->arena, NULL, rules, I_NEW_COUNT, empty);
		for (int i = 0; i < I_NEW_COUNT; i++)
			empty[i].error = NULL;
		char today[11];
		date_today(today);
		empty[I_GEHOUDEN_OP].text = arena_strdup(r->arena, today);
	}
	form_to_page(data, rules, I_NEW_COUNT, v);

	json_t *people = json_array(), *network = json_array(), *staff = json_array();
	for (size_t i = 0; i < c->npeople; i++)
		json_array_append_new(people, json_pack("{s:s, s:I, s:s, s:s, s:b}", "field",
		        arena_printf(r->arena, "deelnemer_p_%lld", (long long)c->people[i].id), "id",
		        (json_int_t)c->people[i].id, "name", c->people[i].name, "extra",
		        vocab_label(&vocab_person_role, c->people[i].extra), "checked", in && in->person_in[i]));
	for (size_t i = 0; i < c->nnetwork; i++)
		json_array_append_new(network, json_pack("{s:s, s:I, s:s, s:s, s:b}", "field",
		        arena_printf(r->arena, "deelnemer_n_%lld", (long long)c->network[i].id), "id",
		        (json_int_t)c->network[i].id, "name", c->network[i].name, "extra",
		        vocab_label(&vocab_relation, c->network[i].relation), "checked", in && in->network_in[i]));
	for (size_t i = 0; i < c->nstaff; i++)
		json_array_append_new(staff, json_pack("{s:s, s:I, s:s, s:s, s:b}", "field",
		        arena_printf(r->arena, "deelnemer_m_%lld", (long long)c->staff[i].id), "id",
		        (json_int_t)c->staff[i].id, "name", c->staff[i].name, "extra", "medewerker",
		        "checked", in && in->staff_in[i]));
	json_object_set_new(data, "people", people);
	json_object_set_new(data, "has_people", json_boolean(c->npeople > 0));
	json_object_set_new(data, "network", network);
	json_object_set_new(data, "has_network", json_boolean(c->nnetwork > 0));
	json_object_set_new(data, "staff", staff);

	json_t *exps = json_array();
	for (size_t i = 0; i < c->nexpertises; i++)
		json_array_append_new(exps, json_pack("{s:s, s:s, s:b}", "field",
		        arena_printf(r->arena, "expertise_%lld", (long long)c->expertises[i].id), "name",
		        c->expertises[i].name, "checked", in && in->expertise_in[i]));
	json_object_set_new(data, "expertises", exps);

	json_t *zrm = json_array();
	for (size_t p = 0; p < c->npeople; p++) {
		json_t *domains = json_array();
		for (int dm = 0; dm < NDOMAINS; dm++) {
			int s = in ? in->score[p * NDOMAINS + (size_t)dm] : 0;
			json_array_append_new(domains, json_pack("{s:s, s:s, s:b, s:o}", "field",
			        score_field(r->arena, c->people[p].id, dm), "label", vocab_zrm_domain.labels[dm],
			        "none", s == 0, "options",
			        care_options(&vocab_zrm_score, s > 0 ? vocab_zrm_score.codes[s - 1] : NULL)));
		}
		json_array_append_new(zrm, json_pack("{s:I, s:s, s:o}", "id", (json_int_t)c->people[p].id,
		                                     "name", c->people[p].name, "domains", domains));
	}
	json_object_set_new(data, "zrm_matrix", care_zrm_matrix(zrm));
	json_object_set_new(data, "zrm", zrm);

	if (in && in->participants_error) {
		json_object_set_new(data, "participants_error", json_string(in->participants_error));
		form_add_error(data, "deelnemers", "Wie waren er bij het gesprek", in->participants_error);
	}
	if (in && in->scores_error) {
		json_object_set_new(data, "scores_error", json_string(in->scores_error));
		form_add_error(data, "zrm", "Zelfredzaamheid per leefgebied (ZRM)", in->scores_error);
	}
	return reply_page(r, status, "intake-nieuw", "Vraagverhelderend gesprek (intake)", data);
}

int h_intake_new_form(struct req *r)
{
	int64_t hh = req_param_id(r, 0);
	struct hh_access_info acc;
	if (require_household(r, hh, "intake.form", "huishouden", hh, &acc) != 0)
		return 0;
	db *d = db_get();
	struct intake_ctx c;
	if (!d || load_ctx(r, d, hh, &c) != DB_OK)
		return -1;
	return render_new(r, d, &c, NULL, 200);
}

int h_intake_create(struct req *r)
{
	int64_t hh = req_param_id(r, 0);
	struct hh_access_info acc;
	if (require_household(r, hh, NULL, NULL, 0, &acc) != 0)
		return 0;
	db *d = db_get();
	struct intake_ctx c;
	if (!d || load_ctx(r, d, hh, &c) != DB_OK)
		return -1;
	struct intake_input *in = arena_alloc(r->arena, sizeof *in);
	read_form(r, &c, in);
	if (in->errors)
		return render_new(r, d, &c, in, 422);
	struct intake_new n;
	build_new(r->arena, &c, in, &n);
	int64_t id = 0;
	if (store_new(r, d, &n, &acc, &id) != DB_OK)
		return -1;
	return reply_redirect(r, arena_printf(r->arena, "/intakes/%lld", (long long)id));
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
static json_t *intake_page_json(struct req *r, db *d, const struct intake *it, bool latest_scores)
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
static int load_intake(struct req *r, db *d, int64_t id, const char *audit_action, struct intake *it,
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

int h_intake_show(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct intake it;
	struct hh_access_info acc;
	if (load_intake(r, d, req_param_id(r, 0), "intake.view", &it, &acc) != 0)
		return 0;
	json_t *data = json_object();
	json_t *ij = intake_page_json(r, d, &it, false);
	if (!ij || care_household(r, d, it.huishouden_id, data) != DB_OK) {
		json_decref(ij);
		json_decref(data);
		return -1;
	}
	json_object_set_new(data, "intake", ij);
	return reply_page(r, 200, "intake", arena_printf(r->arena, "Vraagverhelderend gesprek (intake) van %s", it.held_nl), data);
}

/* ---- editing the textual fields ------------------------------------------- */

static int render_edit(struct req *r, db *d, const struct intake *it, struct field_value *v, unsigned status,
                       const char *alert, const struct intake *stored)
{
	struct field_value own[I_COUNT];
	if (!v) {
		memset(own, 0, sizeof own);
		own[I_GEHOUDEN_OP].text = it->held_on;
		own[I_VRAAG].text = it->question_behind;
		own[I_KRACHTEN].text = it->strengths ? it->strengths : "";
		own[I_ZORGEN].checked = it->safety_concern;
		own[I_ZORGEN].text = "";
		own[I_TOELICHTING].text = it->safety_note ? it->safety_note : "";
		own[I_VERSIE].text = arena_printf(r->arena, "%lld", (long long)it->version);
		v = own;
	}
	json_t *data = json_object();
	if (care_household(r, d, it->huishouden_id, data) != DB_OK) {
		json_decref(data);
		return -1;
	}
	form_to_page(data, rules + I_EDIT_FIRST, I_EDIT_COUNT, v + I_EDIT_FIRST);
	if (stored) {
		json_t *fields = json_object_get(data, "field");
		const char *now[I_COUNT] = {
			[I_VRAAG] = stored->question_behind,
			[I_KRACHTEN] = stored->strengths ? stored->strengths : "",
			[I_TOELICHTING] = stored->safety_note ? stored->safety_note : "",
		};
		static const int texts[] = {I_VRAAG, I_KRACHTEN, I_TOELICHTING};
		for (size_t i = 0; i < ARRAY_LEN(texts); i++)
			if (strcmp(now[texts[i]], v[texts[i]].text) != 0)
				json_object_set_new(json_object_get(fields, rules[texts[i]].name), "stored",
				                    json_string(*now[texts[i]] ? now[texts[i]] : "(leeg)"));
		if (stored->safety_concern != v[I_ZORGEN].checked)
			json_object_set_new(json_object_get(fields, "zorgen_veiligheid"), "stored",
			                    json_string(stored->safety_concern ? "aangevinkt" : "niet aangevinkt"));
	}
	if (alert)
		json_object_set_new(data, "alert", json_string(alert));
	json_object_set_new(data, "intake", json_pack("{s:I, s:s}", "id", (json_int_t)it->id, "held_nl", it->held_nl));
	return reply_page(r, status, "intake-bewerken", "Vraagverhelderend gesprek (intake) bewerken", data);
}

int h_intake_edit_form(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct intake it;
	struct hh_access_info acc;
	if (load_intake(r, d, req_param_id(r, 0), "intake.view", &it, &acc) != 0)
		return 0;
	return render_edit(r, d, &it, NULL, 200, NULL, NULL);
}

static const char *conflict_message(struct req *r, const struct intake *now)
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

/* Validates the edit (form or JSON) of intake it into v; 0 errors -> saved.
 * Returns DB_OK, DB_NOT_FOUND on a stale version (*now then holds the stored
 * intake), or DB_ERROR. */
static enum db_status store_edit(struct req *r, db *d, const struct intake *it, const struct field_value *v,
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

static int validate_edit(struct field_value *v)
{
	int errors = 0;
	if (v[I_ZORGEN].checked && !*v[I_TOELICHTING].text && !v[I_TOELICHTING].error) {
		v[I_TOELICHTING].error = MSG_NOTE_REQUIRED;
		errors++;
	}
	return errors;
}

int h_intake_update(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct intake it;
	struct hh_access_info acc;
	if (load_intake(r, d, req_param_id(r, 0), NULL, &it, &acc) != 0)
		return 0;
	struct field_value *v = arena_alloc(r->arena, I_COUNT * sizeof *v);
	v[I_GEHOUDEN_OP].text = it.held_on;
	int errors = form_validate(r->arena, r->form, rules + I_EDIT_FIRST, I_EDIT_COUNT, v + I_EDIT_FIRST);
	if (v[I_VERSIE].error)
		return reply_error(r, ERR_BAD_REQUEST, "Het formulier mist de versie. Laad de pagina opnieuw.");
	if (errors + validate_edit(v))
		return render_edit(r, d, &it, v, 422, NULL, NULL);
	struct intake now;
	enum db_status s = store_edit(r, d, &it, v, &acc, &now);
	if (s == DB_NOT_FOUND) {
		v[I_VERSIE].text = arena_printf(r->arena, "%lld", (long long)now.version);
		return render_edit(r, d, &now, v, 409, conflict_message(r, &now), &now);
	}
	if (s != DB_OK)
		return -1;
	return reply_redirect(r, arena_printf(r->arena, "/intakes/%lld", (long long)it.id));
}

/* ---- API ---------------------------------------------------------------- */

/* The API's representation; with_details adds participants, expertises and
 * the intake's scores.  NULL on a database error. */
static json_t *intake_api_json(struct req *r, db *d, const struct intake *it, bool with_details)
{
	json_t *o = json_pack("{s:I, s:I, s:s, s:s, s:b, s:s, s:I}", "id", (json_int_t)it->id, "huishouden_id",
	                      (json_int_t)it->huishouden_id, "gehouden_op", it->held_on,
	                      "vraag_achter_de_vraag", it->question_behind, "zorgen_veiligheid",
	                      it->safety_concern, "vastgelegd_door", it->created_by, "versie",
	                      (json_int_t)it->version);
	json_object_set_new(o, "krachten", it->strengths ? json_string(it->strengths) : json_null());
	json_object_set_new(o, "veiligheid_toelichting", it->safety_note ? json_string(it->safety_note) : json_null());
	if (it->updated_at) {
		char at[21];
		fmt_iso8601(it->updated_at, at);
		json_object_set_new(o, "gewijzigd_op", json_string(at));
		json_object_set_new(o, "gewijzigd_door", it->updated_by ? json_string(it->updated_by) : json_null());
	}
	if (!with_details)
		return o;
	struct intake_ref *parts, *exps;
	struct zrm_score *z;
	size_t nparts, nexps, nz;
	if (db_intake_participants(d, r->arena, it->id, &parts, &nparts) != DB_OK ||
	    db_intake_expertises(d, r->arena, it->id, &exps, &nexps) != DB_OK ||
	    db_intake_scores(d, r->arena, it->id, it->huishouden_id, &z, &nz) != DB_OK) {
		json_decref(o);
		return NULL;
	}
	json_t *pl = json_array(), *el = json_array(), *sl = json_array();
	for (size_t i = 0; i < nparts; i++)
		json_array_append_new(pl, json_pack("{s:s, s:I, s:s}", "soort", parts[i].kind, "id",
		                                    (json_int_t)parts[i].id, "naam", parts[i].name));
	for (size_t i = 0; i < nexps; i++)
		json_array_append_new(el, json_pack("{s:I, s:s}", "id", (json_int_t)exps[i].id, "naam", exps[i].name));
	for (size_t i = 0; i < nz; i++)
		json_array_append_new(sl, json_pack("{s:I, s:s, s:s, s:i, s:s}", "persoon_id", (json_int_t)z[i].persoon_id,
		                                    "persoon", z[i].person, "leefgebied", z[i].domain, "score",
		                                    z[i].score, "datum", z[i].scored_on));
	json_object_set_new(o, "deelnemers", pl);
	json_object_set_new(o, "expertises", el);
	json_object_set_new(o, "scores", sl);
	return o;
}

static int reply_intake(struct req *r, db *d, unsigned status, int64_t id)
{
	struct intake it;
	if (db_intake_get(d, r->arena, id, &it) != DB_OK)
		return -1;
	json_t *o = intake_api_json(r, d, &it, true);
	return o ? reply_json(r, status, o) : -1;
}

int h_api_intake_list(struct req *r)
{
	int64_t hh = req_param_id(r, 0);
	struct hh_access_info acc;
	if (require_household(r, hh, "intake.list", "huishouden", hh, &acc) != 0)
		return 0;
	db *d = db_get();
	if (!d)
		return -1;
	struct intake *list;
	size_t n;
	if (db_intake_list(d, r->arena, hh, 1000, &list, &n) != DB_OK)
		return -1;
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, intake_api_json(r, d, &list[i], false));
	return reply_json(r, 200, json_pack("{s:o}", "intakes", arr));
}

int h_api_intake_create(struct req *r)
{
	int64_t hh = req_param_id(r, 0);
	struct hh_access_info acc;
	if (require_household(r, hh, NULL, NULL, 0, &acc) != 0)
		return 0;
	db *d = db_get();
	struct intake_ctx c;
	if (!d || load_ctx(r, d, hh, &c) != DB_OK)
		return -1;
	struct intake_input *in = arena_alloc(r->arena, sizeof *in);
	read_json(r, &c, in);
	if (in->errors) {
		json_t *fields = form_errors_json(rules, I_NEW_COUNT, in->v);
		if (in->participants_error)
			json_object_set_new(fields, "deelnemers", json_string(in->participants_error));
		if (in->expertises_error)
			json_object_set_new(fields, "expertises", json_string(in->expertises_error));
		if (in->scores_error)
			json_object_set_new(fields, "scores", json_string(in->scores_error));
		return reply_json_validation(r, fields);
	}
	struct intake_new n;
	build_new(r->arena, &c, in, &n);
	int64_t id = 0;
	if (store_new(r, d, &n, &acc, &id) != DB_OK)
		return -1;
	if (reply_intake(r, d, 201, id) != 0)
		return -1;
	reply_header(r, "Location", arena_printf(r->arena, "/api/v1/intakes/%lld", (long long)id));
	return 0;
}

int h_api_intake_get(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct intake it;
	struct hh_access_info acc;
	int64_t id = req_param_id(r, 0);
	if (load_intake(r, d, id, "intake.view", &it, &acc) != 0)
		return 0;
	return reply_intake(r, d, 200, id);
}

int h_api_intake_update(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct intake it;
	struct hh_access_info acc;
	int64_t id = req_param_id(r, 0);
	if (load_intake(r, d, id, NULL, &it, &acc) != 0)
		return 0;
	struct field_value v[I_COUNT] = {0};
	int errors = form_validate_json(r->arena, r->json, rules + I_EDIT_FIRST, I_EDIT_COUNT, v + I_EDIT_FIRST);
	if (errors + validate_edit(v))
		return reply_json_validation(r, form_errors_json(rules + I_EDIT_FIRST, I_EDIT_COUNT, v + I_EDIT_FIRST));
	struct intake now;
	enum db_status s = store_edit(r, d, &it, v, &acc, &now);
	if (s == DB_NOT_FOUND) {
		json_t *current = intake_api_json(r, d, &now, true);
		return current ? care_reply_conflict(r, conflict_message(r, &now), current) : -1;
	}
	if (s != DB_OK)
		return -1;
	return reply_intake(r, d, 200, id);
}

/* ---- the household page -------------------------------------------------- */

enum db_status overview_fill_care(struct req *r, db *d, int64_t hh, json_t *data)
{
	enum db_status s = netwerk_fill_overview(r, d, hh, data);
	if (s == DB_OK)
		s = journaal_fill_overview(r, d, hh, data);
	if (s == DB_OK)
		s = toestemming_fill_overview(r, d, hh, data);
	if (s != DB_OK)
		return s;
	struct intake *latest;
	size_t n;
	if ((s = db_intake_list(d, r->arena, hh, 1, &latest, &n)) != DB_OK)
		return s;
	if (n) {
		json_t *ij = intake_page_json(r, d, latest, true);
		if (!ij)
			return DB_ERROR;
		json_object_set_new(data, "intake", ij);
	}
	return DB_OK;
}
