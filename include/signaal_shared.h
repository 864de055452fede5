/* signaal_shared.h - what the signal handlers share: signaal.c (the
 * queue, one signal, follow-up, linking, the API) and signaal_nieuw.c (the
 * form for a new signal).  Defined in src/handlers/signaal.c. */
#ifndef LOKET_SIGNAAL_SHARED_H
#define LOKET_SIGNAAL_SHARED_H

#include "db.h"
#include "domain.h"
#include "form.h"
#include "http.h"
#include "huishouden_form.h"

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
extern const struct field_rule new_rules[N_COUNT];

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

#endif
