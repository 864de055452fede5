/* db_intake.h - the vraagverhelderend gesprek (intake): the question
 * behind the question, strengths, safety, who joined, which expertises are
 * needed, and the dated ZRM scores per person and life domain.
 *
 * Scores are never overwritten: every intake adds rows dated held_on, and
 * "the latest score" is the newest row per person and domain.  Only the
 * textual fields of an intake can change afterwards, and only by naming the
 * version that was read.  Strings returned are allocated from the caller's
 * arena.  Writes run inside the caller's transaction (db_begin) and write
 * no audit rows. */
#ifndef LOKET_DB_INTAKE_H
#define LOKET_DB_INTAKE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db.h"
#include "util.h"

struct intake {
	int64_t id;
	int64_t huishouden_id;
	const char *held_on, *held_nl;  /* "YYYY-MM-DD", "DD-MM-YYYY" */
	const char *question_behind;
	const char *strengths;          /* NULL when empty */
	bool safety_concern;
	const char *safety_note;        /* NULL when empty */
	const char *created_by;         /* name */
	int64_t created_at;
	int64_t updated_at;             /* 0 when never edited */
	const char *updated_by;         /* name, or NULL */
	int64_t version;
};

/* A name with its id: a household member, network member, employee or
 * expertise.  kind says which for participants ("persoon", "netwerklid",
 * "medewerker"); extra is a role or relation label source code, or NULL. */
struct intake_ref {
	int64_t id;
	const char *kind;
	const char *name;
	const char *extra;
};

/* One ZRM score. */
struct zrm_score {
	int64_t persoon_id;
	const char *person;     /* filled by the read functions */
	const char *domain;     /* vocab_zrm_domain code */
	int score;              /* 1..5 */
	const char *scored_on, *scored_nl;
};

struct pg_set;

/* A new intake with everything recorded in the same conversation. */
struct intake_new {
	int64_t huishouden_id;
	const char *held_on;
	const char *question_behind;
	const char *strengths;      /* "" or NULL: none */
	bool safety_concern;
	const char *safety_note;    /* "" or NULL: none */
	const struct intake_ref *participants; /* kind and id */
	size_t nparticipants;
	const int64_t *expertises;
	size_t nexpertises;
	const struct zrm_score *scores;        /* persoon_id, domain, score */
	size_t nscores;
	/* Positieve Gezondheid sets (db_gezondheid.h), stored by the caller
	 * with db_gezondheid_insert in the same transaction. */
	const struct pg_set *pg;
	size_t npg;
};

/* The household's one-line address ("Kerkstraat 12, 3861 AB Nijkerk");
 * DB_NOT_FOUND when there is no such household. */
enum db_status db_intake_household(db *d, arena *a, int64_t hh, const char **address);

/* The members of household hh, oldest first: kind "persoon", extra the
 * role code. */
enum db_status db_intake_people(db *d, arena *a, int64_t hh, struct intake_ref **out, size_t *n);

/* Employees who may have joined an intake of hh: the regisseur, the
 * casusteam and me.  Kind "medewerker", by name. */
enum db_status db_intake_staff(db *d, arena *a, int64_t hh, int64_t me, struct intake_ref **out,
                               size_t *n);

/* The reference list of expertises, by name. */
enum db_status db_intake_expertise_list(db *d, arena *a, struct intake_ref **out, size_t *n);

/* Inserts the intake, its participants, expertises and scores (dated
 * held_on) as by.  DB_CONSTRAINT when a reference does not exist. */
enum db_status db_intake_insert(db *d, const struct intake_new *in, int64_t by, int64_t *id_out);

/* After an intake: the household goes from "aangemeld" to
 * "in_behandeling" (*household_changed says whether it did; its version is
 * bumped) and its open aanmeldingen become "in_behandeling"; their ids are
 * returned in *aanmeldingen (arena array of *n). */
enum db_status db_intake_start_treatment(db *d, arena *a, int64_t hh, int64_t by,
                                         bool *household_changed, int64_t **aanmeldingen, size_t *n);

enum db_status db_intake_get(db *d, arena *a, int64_t id, struct intake *out);

/* Intakes of household hh, newest first (at most limit). */
enum db_status db_intake_list(db *d, arena *a, int64_t hh, int limit, struct intake **out, size_t *n);

/* Who joined intake id (persons, network members, employees, in that
 * order); extra is the role or relation code. */
enum db_status db_intake_participants(db *d, arena *a, int64_t id, struct intake_ref **out, size_t *n);

/* The expertises intake id asked for, by name. */
enum db_status db_intake_expertises(db *d, arena *a, int64_t id, struct intake_ref **out, size_t *n);

/* The scores given in intake id (intake_id > 0), or the latest score per
 * person and domain of every member of household hh (intake_id 0), by
 * person (oldest first).  Domains in no particular order. */
enum db_status db_intake_scores(db *d, arena *a, int64_t intake_id, int64_t hh,
                                struct zrm_score **out, size_t *n);

/* Replaces question_behind, strengths, safety_concern and safety_note of
 * intake in->id when it is at in->version, and bumps the version.
 * DB_NOT_FOUND when no row matched. */
enum db_status db_intake_update(db *d, const struct intake *in, int64_t by);

#endif
