/* signaal_shared.h - what the signal handlers share: signaal.c (the
 * queue, one signal's page, follow-up, linking), signaal_api.c (the JSON
 * API) and signaal_nieuw.c (the form for a new signal).  Defined in
 * src/signaal_shared.c.  Strings come from the request's arena. */
#ifndef LOKET_SIGNAAL_SHARED_H
#define LOKET_SIGNAAL_SHARED_H

#include <stdbool.h>
#include <stdint.h>

#include "db.h"
#include "db_signaal.h"
#include "domain.h"
#include "form.h"
#include "http.h"
#include "huishouden_form.h"
#include "zoek.h"

enum { N_BRON, N_BRON_NAAM, N_OVER, N_ZORG, N_GEBIED, N_MELDCODE, N_HUISHOUDEN, N_BEZOEK, N_COUNT };
#define NEW_RULES(hh, bezoek, gebied)                                                                  \
	{                                                                                              \
		[N_BRON] = {.name = "bron", .label = "Van wie het signaal komt",                       \
		            .kind = FIELD_CHOICE, .required = true,                                    \
		            .choices = vocab_signal_source_codes},                                     \
		[N_BRON_NAAM] = {.name = "bron_naam", .label = "Naam van de melder of organisatie",    \
		                 .kind = FIELD_LINE, .max_len = 200},                                  \
		[N_OVER] = {.name = "over", .label = "Over wie het gaat",                              \
		            .kind = FIELD_LINE, .required = true, .max_len = 500},                     \
		[N_ZORG] = {.name = "zorg", .label = "Wat de zorg is",                                 \
		            .kind = FIELD_TEXT, .required = true, .max_len = 5000},                    \
		[N_GEBIED] = {.name = gebied, .label = "Gebied", .kind = FIELD_ID, .required = true},  \
		[N_MELDCODE] = {.name = "meldcode", .label = "Zorg over veiligheid (meldcode)",        \
		                .kind = FIELD_CHECKBOX},                                               \
		[N_HUISHOUDEN] = {.name = hh, .label = "Huishouden", .kind = FIELD_ID},                \
		[N_BEZOEK] = {.name = bezoek, .label = "Bezoek op het spreekuur", .kind = FIELD_ID},   \
	}
/* The new signal's form fields. */
extern const struct field_rule signaal_new_rules[N_COUNT];

/* Why a walk-in cannot carry a signal of this user. */
extern const char BEZOEK_NOT_YOURS[];

/* Checks what the table cannot: the gebied, household and walk-in must
 * exist (and the walk-in be the user's).  Returns the number of fields it
 * put in error, or -1 on a database error. */
int signaal_new_check(struct req *r, db *d, struct field_value v[N_COUNT]);

/* Stores a validated new signal with its audit row; *id gets its id. */
enum db_status signaal_store_new(struct req *r, db *d, const struct field_value *v, int64_t *id);

/* Runs the household search of a signal's page: *error gets the Dutch
 * reason nothing was searched (a BSN, a query too short). */
enum db_status signaal_search(struct req *r, db *d, const char *q, struct zoek_result *zr, const char **error);

/* Follow-up: status (in_onderzoek, afgesloten), opvolging, who handles it
 * ("toegewezen" in the form, "toegewezen_aan" in the API), versie. */
enum { F_STATUS, F_OPVOLGING, F_TOEGEWEZEN, F_VERSIE, F_COUNT };
extern const struct field_rule signaal_follow_rules[F_COUNT];
extern const struct field_rule signaal_follow_api_rules[F_COUNT];

/* The queue's filter (status, gebied), on the page and in the API. */
enum { Q_STATUS, Q_GEBIED, Q_COUNT };
extern const struct field_rule signaal_queue_rules[Q_COUNT];

/* What r's user may see of a signal. */
struct sig_view {
	bool content;       /* may see whom it is about, the concern and the follow-up */
	const char *reason; /* the exception's reason when the content is open only by exception */
};

/* True while s is nieuw or in_onderzoek. */
bool signaal_is_open(const struct signaal *s);
/* Decides what r's user may see of s.  Returns a db_status. */
enum db_status signaal_view(struct req *r, const struct signaal *s, struct sig_view *out);
/* Loads signal id with what the user may see of it; replies and returns
 * -1 when it does not exist or on an error. */
int signaal_load(struct req *r, db *d, int64_t id, struct signaal *s, struct sig_view *v);
/* For changes: the user must see the content and the signal must be open.
 * Replies (403, 409) and returns -1 otherwise. */
int signaal_may_change(struct req *r, const struct signaal *s, const struct sig_view *v);
/* Audits a view of s as what the user could see of it (0, or -1). */
int signaal_audit_view(struct req *r, const struct signaal *s, const struct sig_view *v);

/* Validates the queue's filters from the query string; returns the number
 * of fields in error. */
int signaal_queue_filter(struct req *r, db *d, struct field_value q[Q_COUNT]);

/* Checks what the follow-up table cannot.  Returns the number of fields it
 * put in error. */
int signaal_follow_check(db *d, struct field_value v[F_COUNT]);
/* Stores validated follow-up of s.  DB_OK; DB_NOT_FOUND when the version
 * is stale or the signal no longer open (*now then holds the stored
 * signal); DB_ERROR. */
enum db_status signaal_store_follow(struct req *r, db *d, const struct signaal *s, const struct sig_view *sv,
                                    const struct field_value *v, struct signaal *now);
/* Why a follow-up was not saved, with who changed the signal when. */
const char *signaal_conflict_message(struct req *r, const struct signaal *now);

/* Validates the household to link: "" when fine, else the Dutch reason;
 * NULL on a database error. */
const char *signaal_link_problem(struct req *r, const struct field_value *hv);
/* Links s to household hh (validated to exist) with its audit row.
 * DB_NOT_FOUND when s is no longer open. */
enum db_status signaal_store_link(struct req *r, db *d, const struct signaal *s, const struct sig_view *v, int64_t hh);

#endif
