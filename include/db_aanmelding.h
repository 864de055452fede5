/* db_aanmelding.h - requests (aanmeldingen) from any channel and the queue
 * of open ones.
 *
 * The writer runs inside the caller's write transaction and does not
 * audit.  Strings in structs are allocated from the caller's arena; JSON
 * results are new references the caller owns. */
#ifndef LOKET_DB_AANMELDING_H
#define LOKET_DB_AANMELDING_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "db.h"
#include "util.h"

/* As validated by the forms: referrer_kind only (and always) for channel
 * "verwijzer"; referrer_org, persoon_id optional (NULL/"", 0). */
struct aanmelding_input {
	int64_t huishouden_id;
	int64_t persoon_id;
	const char *channel;
	const char *referrer_kind;
	const char *referrer_org;
	const char *medium;
	const char *question;
	const char *urgency;
	bool safety_concern;
	const char *soort;              /* termijn kind (src/termijn.c); NULL: "vraag" */
	const char *aanvraag_ontvangen; /* ISO date, or NULL */
};

/* Inserts an open aanmelding received now, registered by by. */
enum db_status db_aanmelding_insert(db *d, const struct aanmelding_input *in, int64_t by,
                                    int64_t *id_out);

struct aanmelding {
	int64_t id;
	int64_t huishouden_id;
	int64_t persoon_id;         /* 0 when about the household as a whole */
	const char *name;           /* the person's name, or the household's first member */
	const char *channel;
	const char *referrer_kind;  /* NULL unless channel is verwijzer */
	const char *referrer_org;   /* NULL when none */
	const char *medium;
	const char *question;
	const char *urgency;
	bool safety_concern;
	const char *status;
	int64_t received_at;
	const char *created_by;     /* name of the employee who registered it */
	const char *address;        /* the household's, one line */
	const char *regisseur;      /* NULL when the household has none */
	int64_t behandelaar_id;     /* who picked it up; 0 while it waits */
	const char *behandelaar;    /* that employee's name, or NULL */
	const char *soort;          /* termijn kind: "vraag", "melding_wmo", ... */
	const char *aanvraag_ontvangen; /* ISO date, or NULL */
	int64_t verlenging_dagen;   /* agreed extension of the term */
	const char *verlenging_reden;
	int64_t version;
};

enum db_status db_aanmelding_get(db *d, arena *a, int64_t id, struct aanmelding *out);

/* Makes behandelaar the one who works open aanmelding id (by: who did it;
 * only_if_free: only while nobody picked it up yet).  DB_NOT_FOUND when
 * it is not open, or (only_if_free) someone picked it up meanwhile.  Inside
 * the caller's transaction. */
/* Open aanmeldingen with a legal term (soort other than "vraag"), oldest
 * first, at most limit, as the queue's rows.  NULL on a database error. */
json_t *db_aanmelding_with_term(db *d, int limit);

/* Records the kind of request, the aanvraag's received date (NULL: none),
 * an agreed extension in days and its reason, when id is at version.
 * DB_NOT_FOUND when absent or changed meanwhile. */
enum db_status db_aanmelding_set_termijn(db *d, int64_t id, int64_t version, const char *soort, const char *aanvraag,
                                         int64_t extra_days, const char *reason, int64_t by);
enum db_status db_aanmelding_set_behandelaar(db *d, int64_t id, int64_t behandelaar, int64_t by, bool only_if_free);

/* Open aanmeldingen in queue order: safety concerns first, then urgency
 * (crisis, hoog, normaal), then oldest first; at most limit rows, and the
 * number of open ones in *total.  Rows: {id, huishouden_id, name, question,
 * channel, referrer_kind?, referrer_org?, medium, urgency, safety_concern,
 * received_at, address, regisseur?, behandelaar_id?, behandelaar?}.  The caller decides per row whether
 * the user may see the question.  NULL on a database error. */
json_t *db_aanmelding_queue(db *d, int limit, int64_t *total);

/* The open aanmeldingen of household hh, in queue order, rows as above.
 * NULL on a database error. */
json_t *db_aanmelding_open_for(db *d, int64_t hh);

#endif
