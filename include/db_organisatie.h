/* db_organisatie.h - the beheerder's reference lists of the organisation:
 * teams, gebieden and expertises, each with what uses it, so that one is
 * removed only when nothing refers to it any more.  Strings returned are
 * allocated from the caller's arena. */
#ifndef LOKET_DB_ORGANISATIE_H
#define LOKET_DB_ORGANISATIE_H

#include <stdbool.h>
#include <stdint.h>

#include "db.h"
#include "util.h"

enum org_kind { ORG_TEAM, ORG_GEBIED, ORG_EXPERTISE, ORG_KINDS };

/* What refers to an item, counted in this order per kind (uses[i]):
 * team:      employees in it, open households whose regisseur is in it,
 *            purged households whose figures keep its id, gebieden it
 *            covers (the queue of households without regisseur there);
 * gebied:    households, locations, aanbieders, sociale kaart entries,
 *            signalen, purged households' figures;
 * expertise: employees with it, intakes that asked for it. */
enum { ORG_USES_MAX = 6 };
enum { TEAM_USE_MEDEWERKERS, TEAM_USE_HUISHOUDENS, TEAM_USE_ARCHIEF, TEAM_USE_GEBIEDEN, TEAM_USES };
enum { GEBIED_USE_HUISHOUDENS, GEBIED_USE_LOCATIES, GEBIED_USE_AANBIEDERS, GEBIED_USE_SOCIALE_KAART,
       GEBIED_USE_SIGNALEN, GEBIED_USE_ARCHIEF, GEBIED_USES };
enum { EXPERTISE_USE_MEDEWERKERS, EXPERTISE_USE_INTAKES, EXPERTISE_USES };

struct org_item {
	int64_t id;
	const char *name;
	int64_t uses[ORG_USES_MAX];
};

/* Every item of kind k by name, with its uses: *out an arena array of *n
 * items (NULL and 0 when none).  Returns a db_status. */
enum db_status db_org_list(db *d, arena *a, enum org_kind k, struct org_item **out, size_t *n);
/* One item; DB_NOT_FOUND when absent. */
enum db_status db_org_get(db *d, arena *a, enum org_kind k, int64_t id, struct org_item *out);
/* *taken: another item of kind k (not except_id) has this name, ignoring
 * case.  Returns a db_status. */
enum db_status db_org_name_taken(db *d, enum org_kind k, const char *name, int64_t except_id, bool *taken);
/* DB_CONSTRAINT when the name exists already (exactly). */
enum db_status db_org_insert(db *d, enum org_kind k, const char *name, int64_t *id_out);
/* DB_NOT_FOUND when absent, DB_CONSTRAINT when the name exists. */
enum db_status db_org_rename(db *d, enum org_kind k, int64_t id, const char *name);
/* DB_NOT_FOUND when absent, DB_CONSTRAINT when something still refers to
 * it (also through tables this file does not count). */
enum db_status db_org_delete(db *d, enum org_kind k, int64_t id);

/* ---- the queues (migration 0014) ------------------------------------------
 * While a household has no acting regisseur, it is in the queue of the team
 * that covers its gebied, or of the central intake team when it has no
 * gebied or its gebied no team (src/access.c). */

struct queue_gebied {
	int64_t id;
	const char *name;
	int64_t team_id; /* 0: none, the central intake team works it */
};

/* Every gebied by name with its team: *out an arena array of *n.  Returns
 * a db_status. */
enum db_status db_queue_gebieden(db *d, arena *a, struct queue_gebied **out, size_t *n);
/* Links gebied_id to team_id (0: none).  DB_NOT_FOUND when the gebied is
 * absent; DB_CONSTRAINT when the team is. */
enum db_status db_gebied_set_team(db *d, int64_t gebied_id, int64_t team_id);
/* The central intake team in *team_id (0 when none is named). */
enum db_status db_centrale_intake(db *d, int64_t *team_id);
/* Names team_id the central intake team (0: none); inside the caller's
 * transaction.  DB_NOT_FOUND when the team is absent. */
enum db_status db_centrale_intake_set(db *d, int64_t team_id);

#endif
