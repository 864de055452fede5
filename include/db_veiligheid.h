/* db_veiligheid.h - data access for veiligheidszorgen: safety concerns
 * under the meldcode huiselijk geweld en kindermishandeling, with their
 * five steps (migration 0016).  A veiligheidszorg stays open until someone
 * closes it with an outcome; nothing else closes it.  Strings returned in
 * structs are allocated from the caller's arena; json_t results are new
 * references. */
#ifndef LOKET_DB_VEILIGHEID_H
#define LOKET_DB_VEILIGHEID_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "db.h"
#include "util.h"

/* Where it was noticed, and the outcomes it can be closed with. */
extern const char *const veiligheid_bronnen[];   /* NULL-terminated */
extern const char *const veiligheid_uitkomsten[]; /* NULL-terminated */
/* Dutch labels, same order. */
extern const char *const veiligheid_uitkomst_labels[];
/* The five steps of the meldcode, index 0 is step 1. */
extern const char *const veiligheid_stap_labels[5];

struct veiligheid_new {
	int64_t huishouden_id;
	int64_t persoon_id;  /* 0: the household as a whole */
	const char *bron;    /* one of veiligheid_bronnen */
	int64_t bron_id;     /* 0 when none */
	const char *gezien;  /* what was seen, 1..5000 characters */
	const char *gezien_op; /* ISO date */
};

struct veiligheidszorg {
	int64_t id, huishouden_id, persoon_id, bron_id;
	const char *persoon;  /* name, or NULL for the household */
	const char *bron, *gezien, *gezien_op;
	const char *opened_by;
	int64_t opened_at;
	const char *status;   /* "open", "gesloten" */
	const char *uitkomst, *toelichting, *closed_by; /* NULL while open */
	int64_t closed_at;
	int64_t version;
};

/* Inserts an open veiligheidszorg; inside the caller's transaction. */
enum db_status db_veiligheid_insert(db *d, const struct veiligheid_new *in, int64_t by, int64_t *id_out);
/* The oldest open veiligheidszorg of household hh in *id (0: none) and
 * how many are open in *open. */
enum db_status db_veiligheid_open_of(db *d, int64_t hh, int64_t *id, int64_t *open, int64_t *since);
/* One veiligheidszorg; DB_NOT_FOUND when absent. */
enum db_status db_veiligheid_get(db *d, arena *a, int64_t id, struct veiligheidszorg *out);
/* Its steps in the order recorded: [{id, stap, stap_label, datum, besluit,
 * reden_volgorde?, door, at}].  NULL on a database error. */
json_t *db_veiligheid_steps(db *d, int64_t zorg_id);
/* Which steps (bit i for step i + 1) are recorded already. */
enum db_status db_veiligheid_steps_done(db *d, int64_t zorg_id, unsigned *bits);
/* Records a step (reden: NULL unless out of order).  Inside the caller's
 * transaction; bumps the version.  DB_NOT_FOUND when it is not open. */
enum db_status db_veiligheid_add_step(db *d, int64_t zorg_id, int stap, const char *datum, const char *besluit,
                                      const char *reden, int64_t by, int64_t *id_out);
/* Closes it with uitkomst and toelichting when it is open at version.
 * DB_NOT_FOUND when it is not open any more or the version moved on. */
enum db_status db_veiligheid_close(db *d, int64_t zorg_id, int64_t version, const char *uitkomst,
                                   const char *toelichting, int64_t by);
/* The veiligheidszorgen of household hh, open first then newest:
 * [{id, persoon?, gezien, gezien_op, status, opened_at, opened_by,
 * uitkomst?, closed_at?, steps_done}].  NULL on a database error. */
json_t *db_veiligheid_for_household(db *d, int64_t hh);
/* Every open veiligheidszorg, oldest first, at most limit:
 * [{id, huishouden_id, address, regisseur?, regisseur_team_id?, opened_at,
 * steps_done}].  NULL on a database error. */
json_t *db_veiligheid_open_list(db *d, int limit);

#endif
