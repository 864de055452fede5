/* db_plan.h - the household's one plan: goals (doelen) in the resident's
 * own words, the rolgesprek per goal, agreements (afspraken), and the
 * earlier versions of the plan as JSON snapshots.
 *
 * Every row carries a version; an update or state change names the version
 * it read and changes nothing when it is stale (DB_NOT_FOUND: read again to
 * tell "gone" from "changed").  A change to a goal, contribution or
 * agreement also bumps the plan's version ("touch"), so that settling the
 * plan (vaststellen) or starting a new version on a stale page is refused.
 * Strings returned are allocated from the caller's arena; JSON results are
 * new references the caller owns.  Writes run inside the caller's
 * transaction (db_begin) and write no audit rows: the caller audits in the
 * same transaction. */
#ifndef LOKET_DB_PLAN_H
#define LOKET_DB_PLAN_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db.h"
#include "util.h"

struct plan {
	int64_t id;
	int64_t huishouden_id;
	int64_t version_no;            /* 1 + the number of earlier versions */
	const char *status;            /* concept, vastgesteld, geevalueerd, afgesloten */
	const char *agreed_on;         /* "YYYY-MM-DD" or NULL */
	const char *agreed_how;        /* op_papier, mondeling, digitaal, or NULL */
	const char *next_evaluation;   /* "YYYY-MM-DD" or NULL */
	const char *closed_on;         /* NULL unless afgesloten */
	const char *close_reason;      /* NULL unless afgesloten */
	int64_t changed_at;            /* last change (created_at when never changed) */
	const char *changed_by;        /* name of who changed it last */
	int64_t version;
};

struct doel {
	int64_t id;
	int64_t plan_id;
	int64_t huishouden_id;         /* of the plan; filled by the read functions */
	int64_t persoon_id;            /* 0 when the goal concerns the whole household */
	const char *person;            /* the person's name, or NULL */
	const char *domain;            /* vocab_zrm_domain code */
	const char *wish;              /* in the resident's own words */
	const char *target_date;       /* "YYYY-MM-DD" */
	const char *status;            /* open, bezig, bereikt, deels_bereikt, niet_bereikt, vervallen */
	int64_t changed_at;
	const char *changed_by;
	int64_t version;
};

/* One contribution of the rolgesprek.  level is inwoner, netwerk,
 * voorliggend_veld or gemeente; netwerklid_id is set for netwerk,
 * sociale_kaart_id for voorliggend_veld, intended_effect and justification
 * for gemeente; supports_netwerklid_id (any level but inwoner and netwerk)
 * names the network member the contribution supports (a mantelzorger). */
struct rolgesprek {
	int64_t id;
	int64_t doel_id;
	int64_t huishouden_id;         /* filled by the read functions */
	const char *level;
	const char *contribution;
	int64_t netwerklid_id;
	const char *netwerklid;        /* name, or NULL */
	int64_t sociale_kaart_id;
	const char *sociale_kaart;     /* name, or NULL */
	const char *intended_effect;   /* NULL when empty */
	const char *justification;     /* NULL when empty */
	int64_t supports_netwerklid_id;
	const char *supports;          /* name, or NULL */
	const char *supports_relation; /* vocab_relation code, or NULL */
	int64_t supports_persoon_id;   /* or a member of the household (mantelzorger) */
	const char *supports_persoon;  /* name, or NULL */
	const char *created_by;        /* name */
	int64_t created_at;
	int64_t version;
};

/* An agreement: who_kind inwoner (persoon_id), netwerklid, medewerker or
 * aanbieder, with the matching id in who_id. */
struct afspraak {
	int64_t id;
	int64_t doel_id;
	int64_t huishouden_id;         /* filled by the read functions */
	const char *who_kind;
	int64_t who_id;
	const char *who;               /* the name, filled by the read functions */
	const char *what;
	const char *due_date;          /* "YYYY-MM-DD" */
	const char *done_on;           /* "YYYY-MM-DD" or NULL */
	int64_t changed_at;
	const char *changed_by;
	int64_t version;
};

/* ---- plan ------------------------------------------------------------ */

/* The plan of household hh; DB_NOT_FOUND when it has none. */
enum db_status db_plan_for_household(db *d, arena *a, int64_t hh, struct plan *out);
/* Plan id; DB_NOT_FOUND when there is none. */
enum db_status db_plan_get(db *d, arena *a, int64_t id, struct plan *out);
/* A concept plan (version 1) for hh; DB_CONSTRAINT when hh already has one. */
enum db_status db_plan_insert(db *d, int64_t hh, int64_t by, int64_t *id_out);
/* Records the resident's agreement: status vastgesteld with agreed_on,
 * agreed_how and next_evaluation, when the plan is a concept at version.
 * Moves the household to "plan actief".  DB_NOT_FOUND when stale. */
enum db_status db_plan_settle(db *d, int64_t id, int64_t version, const char *agreed_on,
                              const char *agreed_how, const char *next_evaluation, int64_t by);
/* Keeps snapshot (JSON text of the plan as it is) in plan_versie under the
 * current version_no and status, then bumps version_no and makes the plan a
 * concept again (the agreement is cleared; the evaluation date stays).
 * DB_NOT_FOUND when the plan is not at version. */
enum db_status db_plan_new_version(db *d, int64_t id, int64_t version, const char *snapshot, int64_t by);
/* Bumps the plan's version and records who changed it (a goal,
 * contribution or agreement changed). */
enum db_status db_plan_touch(db *d, int64_t id, int64_t by);
/* The default next evaluation date: 14 days before the earliest goal target
 * date or end date of a running maatwerk voorziening of hh (not afgewezen
 * or beeindigd), never before today.  out is "" when there is neither. */
enum db_status db_plan_default_evaluation(db *d, int64_t plan_id, int64_t hh, char out[11]);

/* Earlier versions of plan id, newest first: [{versie_nr, status,
 * opgeslagen_op (ISO 8601), opgeslagen_op_nl, opgeslagen_door}]. */
json_t *db_plan_versions(db *d, int64_t plan_id);
/* Earlier version n of plan id: its snapshot text, status, who saved it
 * (name) and when.  DB_NOT_FOUND when there is no such version. */
enum db_status db_plan_version_get(db *d, arena *a, int64_t plan_id, int64_t n, const char **snapshot,
                                   const char **status, const char **saved_by, int64_t *saved_at);

/* ---- doelen ---------------------------------------------------------- */

/* The goals of plan id by target date, then id.  *out is an arena array of
 * *n goals (NULL when none). */
enum db_status db_doel_list(db *d, arena *a, int64_t plan_id, struct doel **out, size_t *n);
enum db_status db_doel_get(db *d, arena *a, int64_t id, struct doel *out);
/* Inserts g (plan_id, persoon_id, domain, wish, target_date, status). */
enum db_status db_doel_insert(db *d, const struct doel *g, int64_t by, int64_t *id_out);
/* Replaces persoon_id, domain, wish, target_date and status of g->id when
 * it is at g->version.  DB_NOT_FOUND when stale. */
enum db_status db_doel_update(db *d, const struct doel *g, int64_t by);

/* ---- rolgesprek ------------------------------------------------------ */

/* The contributions of goal id, from the inside out (inwoner, netwerk,
 * voorliggend veld, gemeente), then in the order they were added. */
enum db_status db_rolgesprek_list(db *d, arena *a, int64_t doel_id, struct rolgesprek **out, size_t *n);
enum db_status db_rolgesprek_get(db *d, arena *a, int64_t id, struct rolgesprek *out);
enum db_status db_rolgesprek_insert(db *d, const struct rolgesprek *c, int64_t by, int64_t *id_out);
/* Replaces what contribution c->id says (contribution, sociale_kaart_id,
 * intended_effect, justification, supports_*; level and netwerklid stay)
 * when it is at c->version.  DB_NOT_FOUND when stale or gone. */
enum db_status db_rolgesprek_update(db *d, const struct rolgesprek *c);
/* Removes contribution id; DB_NOT_FOUND when it is already gone. */
enum db_status db_rolgesprek_delete(db *d, int64_t id);

/* ---- afspraken ------------------------------------------------------- */

/* The agreements of goal id by due date. */
enum db_status db_afspraak_list(db *d, arena *a, int64_t doel_id, struct afspraak **out, size_t *n);
enum db_status db_afspraak_get(db *d, arena *a, int64_t id, struct afspraak *out);
/* Inserts a (doel_id, who_kind, who_id, what, due_date; done_on ignored). */
enum db_status db_afspraak_insert(db *d, const struct afspraak *a, int64_t by, int64_t *id_out);
/* Replaces what, due_date and done_on (NULL: not done) of a->id when it is
 * at a->version.  DB_NOT_FOUND when stale. */
enum db_status db_afspraak_update(db *d, const struct afspraak *a, int64_t by);

/* Open agreements of household hh past their due date, oldest first:
 * [{id, doel_id, what, who, due_nl, days_overdue}]. */
json_t *db_afspraken_overdue_for_household(db *d, int64_t hh);

/* Open agreements past their due date in the households where medewerker
 * medewerker_id is regisseur, oldest first: [{huishouden_id, address,
 * what, who, due_nl, days_overdue}].  For the regisseur's start page.  New
 * reference (an empty array on an error, which is logged). */
json_t *db_afspraken_overdue_for_regisseur(db *d, int64_t medewerker_id);

/* ---- choices for the forms ------------------------------------------- */

enum plan_ref {
	REF_PERSOON,      /* a member of the household */
	REF_NETWERKLID,   /* an active network member of the household */
	REF_MEDEWERKER,   /* an active consulent, gebiedsteam member or teamleider */
	REF_AANBIEDER,    /* an active provider */
	REF_SOCIALE_KAART /* an active sociale kaart entry */
};
/* [{id, name, extra?}] for a select or checkbox list; hh limits persons and
 * network members to the household.  extra: a person's role, a network
 * member's relation (codes), a provider's or sociale kaart entry's kind. */
json_t *db_plan_choices(db *d, enum plan_ref kind, int64_t hh);
/* True when id is a valid choice of that kind (for household hh). */
bool db_plan_ref_valid(db *d, enum plan_ref kind, int64_t id, int64_t hh);

#endif
