/* db_signaal.h - early signals (vroegsignalering): concerns from partners
 * and neighbours, maybe about someone not known yet, worked through a
 * queue, linked to a household once known and converted into an
 * aanmelding (the aanmelding handler does that).
 *
 * Strings returned are allocated from the caller's arena; JSON results
 * are new references the caller owns.  Writes run inside the caller's
 * transaction (db_begin), except db_signaal_seed_demo. */
#ifndef LOKET_DB_SIGNAAL_H
#define LOKET_DB_SIGNAAL_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db.h"
#include "util.h"

struct signaal {
	int64_t id;
	const char *source_kind;     /* vocab_signal_source code */
	const char *source_name;     /* NULL when not given */
	const char *about;           /* whom it is about, in the reporter's words */
	const char *concern;
	int64_t gebied_id;           /* the signal's gebied, else the household's; 0 when none */
	const char *gebied;          /* its name, NULL when none */
	bool safety_concern;
	int64_t huishouden_id;       /* 0 while not linked */
	const char *address;         /* the linked household's address, else NULL */
	int64_t bezoek_id;           /* 0 when not registered from a walk-in */
	const char *status;          /* vocab_signal_status code */
	int64_t assigned_to;         /* 0 when nobody */
	const char *assigned_name;
	const char *follow_up;       /* NULL when none */
	int64_t aanmelding_id;       /* 0 until converted */
	int64_t received_at;
	int64_t created_by;
	const char *created_by_name;
	int64_t updated_at;          /* 0 when never changed */
	const char *updated_by_name; /* NULL when never changed */
	int64_t version;
};

/* A new signal; optional text is NULL or "", optional ids 0. */
struct signaal_input {
	const char *source_kind, *source_name, *about, *concern;
	int64_t gebied_id;
	bool safety_concern;
	int64_t huishouden_id, bezoek_id;
};

/* Queue filter: status NULL means the open ones (nieuw and in_onderzoek);
 * gebied_id 0 means every gebied. */
struct signaal_filter {
	const char *status;
	int64_t gebied_id;
};

enum db_status db_signaal_get(db *d, arena *a, int64_t id, struct signaal *out);

/* Signals matching f in queue order (safety concerns first, then the
 * oldest), at most limit: *out is an arena array of *n records (NULL when
 * none), *total counts every match and *open every open signal in f's
 * gebied. */
enum db_status db_signaal_queue(db *d, arena *a, const struct signaal_filter *f, int limit,
                                struct signaal **out, size_t *n, int64_t *total, int64_t *open);

/* Stores a new signal (status nieuw, received now) registered by by. */
enum db_status db_signaal_insert(db *d, const struct signaal_input *in, int64_t by, int64_t *id_out);

/* Records follow-up (status in_onderzoek or afgesloten, text, assignee 0
 * for nobody) when the signal is still open and at version.  DB_NOT_FOUND
 * when no row matched (a stale version or no longer open: read it again to
 * tell which). */
enum db_status db_signaal_follow_up(db *d, int64_t id, int64_t version, const char *status,
                                    const char *follow_up, int64_t assigned_to, int64_t by);

/* Links an open signal to household hh and bumps its version.
 * DB_NOT_FOUND when the signal is no longer open. */
enum db_status db_signaal_link(db *d, int64_t id, int64_t hh, int64_t by);

/* What a signal needs of the walk-in it comes from: the gebied of the
 * location of its spreekuur, and who may see it (access_bezoek: who
 * registered it, the spreekuur's staff). */
struct signaal_bezoek {
	int64_t gebied_id, spreekuur_id, created_by;
};
/* Fills *out for walk-in bezoek_id.  DB_NOT_FOUND when there is no such
 * bezoek. */
enum db_status db_signaal_bezoek(db *d, int64_t bezoek_id, struct signaal_bezoek *out);

/* Employees a signal can be assigned to (active, with a case role):
 * [{id, name}] by name. */
json_t *db_signaal_assignees(db *d);
bool db_signaal_assignee_ok(db *d, int64_t medewerker_id);

/* Two demo signals registered by by, in a transaction of their own, when
 * there are none yet. */
enum db_status db_signaal_seed_demo(db *d, int64_t by);

#endif
