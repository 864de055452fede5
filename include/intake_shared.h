/* intake_shared.h - what the intake's pages (src/handlers/intake.c) and
 * its JSON API (src/handlers/intake_api.c) share: the field table, what an
 * intake of one household can refer to, reading and checking the input,
 * storing, loading with the access check, and the page data of one intake
 * (also used for the household page by src/overzicht_zorg.c).  Defined in
 * src/intake_shared.c.  Strings and arrays come from the request's arena. */
#ifndef LOKET_INTAKE_SHARED_H
#define LOKET_INTAKE_SHARED_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "access.h"
#include "db.h"
#include "db_intake.h"
#include "db_netwerk.h"
#include "form.h"
#include "gezondheid.h"
#include "http.h"

/* gehouden_op, vraag_achter_de_vraag, krachten, zorgen_veiligheid,
 * veiligheid_toelichting, versie. */
enum { I_GEHOUDEN_OP, I_VRAAG, I_KRACHTEN, I_ZORGEN, I_TOELICHTING, I_VERSIE, I_COUNT };
/* A new intake validates intake_rules[0 .. I_VERSIE); an edit
 * intake_rules[I_VRAAG .. I_COUNT): the date and the scores of a
 * conversation never change. */
enum { I_NEW_COUNT = I_VERSIE, I_EDIT_FIRST = I_VRAAG, I_EDIT_COUNT = I_COUNT - I_VRAAG };
extern const struct field_rule intake_rules[I_COUNT];

enum { NDOMAINS = 13 }; /* the ZRM domains, in vocab_zrm_domain order */

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
	struct pg_input pg; /* Positieve Gezondheid per person (gezondheid.h) */
	int errors;
};

/* Loads the people, staff, expertises and network of household hh and the
 * date its period began into *c (from r's arena).  Returns a db_status. */
enum db_status intake_load_ctx(struct req *r, db *d, int64_t hh, struct intake_ctx *c);
/* The form's name of the score of persoon_id in domain: "zrm_<id>_<code>". */
const char *intake_score_field(arena *a, int64_t persoon_id, int domain);
/* Reads and checks a new intake from the form, or from the API's JSON (the
 * same fields plus "deelnemers": [{"soort", "id"}], "expertises": [id] and
 * "scores": [{"persoon_id", "leefgebied", "score"}]), into *in;
 * in->errors counts what is wrong. */
void intake_read_form(struct req *r, const struct intake_ctx *c, struct intake_input *in);
void intake_read_json(struct req *r, const struct intake_ctx *c, struct intake_input *in);
/* The intake to store, from valid input (arrays from arena a). */
void intake_build_new(arena *a, const struct intake_ctx *c, const struct intake_input *in,
                      struct intake_new *out);
/* Stores a new intake and its consequences in one transaction: the intake
 * with participants, expertises, ZRM and Positieve Gezondheid scores,
 * the household and its open
 * aanmeldingen "in behandeling", a veiligheidszorg on the safety check,
 * and an audit row for each change.  *id gets its id. */
enum db_status intake_store_new(struct req *r, db *d, const struct intake_new *in,
                                const struct hh_access_info *acc, int64_t *id);

/* The page data of one intake: {id, held_nl, question_behind, strengths?,
 * safety_concern, safety_note?, created_by, version, edited?,
 * participants: [{name, label}], expertises: [name], scores}.  With
 * latest_scores the scores are the newest per person and domain of the
 * whole household instead of this intake's.  New reference; NULL on a
 * database error. */
json_t *intake_page_json(struct req *r, db *d, const struct intake *it, bool latest_scores);
/* Loads intake id and checks access to its household; replies and returns
 * -1 when unknown or refused. */
int intake_load(struct req *r, db *d, int64_t id, const char *audit_action, struct intake *it,
                struct hh_access_info *acc);

/* "Dit gesprek is intussen gewijzigd door X ..." after a refused save (the
 * API's version names the stored version). */
const char *intake_conflict_message(struct req *r, const struct intake *now);
/* Saves the edit in v (validated by the edit's part of intake_rules) of
 * intake it with its audit row.  Returns DB_OK, DB_NOT_FOUND on a stale
 * version (*now then holds the stored intake), or DB_ERROR. */
enum db_status intake_store_edit(struct req *r, db *d, const struct intake *it, const struct field_value *v,
                                 const struct hh_access_info *acc, struct intake *now);
/* The edit's check beyond the table (a safety concern needs its note).
 * Returns the number of fields it put in error. */
int intake_validate_edit(struct field_value *v);

#endif
