/* db_voorziening.h - a household's voorzieningen: algemeen (from the
 * sociale kaart, no decision) or maatwerk with a beschikking (decision date,
 * legal basis, aanbieder, product, volume/unit/frequency, period, cost in
 * cents and a generated toewijzingnummer), and their status.
 *
 * Rows come back as Jansson objects keyed by the API's field names (see
 * db_row_json in db_referentie.h).  Writers run inside the caller's write
 * transaction (db_begin) and write no audit row: the caller audits in the
 * same transaction.  A write that names a stale version changes nothing and
 * returns DB_NOT_FOUND. */
#ifndef LOKET_DB_VOORZIENING_H
#define LOKET_DB_VOORZIENING_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "db.h"

/* What a form or API call provides.  For kind "algemeen" the maatwerk
 * fields are ignored (stored as NULL); ids 0 mean none; cost_cents < 0 is
 * none. */
struct voorziening_input {
	int64_t persoon_id;
	int64_t netwerklid_id;        /* the network member it supports (mantelzorgondersteuning), 0: none */
	const int64_t *doel_ids;      /* the goals of the plan it serves (voorziening_doel); written by */
	size_t ndoelen;               /* db_voorziening_set_goals, not by insert or update */
	const char *kind;             /* algemeen, maatwerk */
	int64_t sociale_kaart_id;
	const char *decision_date;    /* "YYYY-MM-DD"; NULL until toegekend or afgewezen */
	const char *legal_basis;      /* wmo2015, jeugdwet, participatiewet, overig */
	int64_t aanbieder_id, product_id;
	int64_t volume;
	const char *unit, *frequency;
	const char *start_date, *end_date;
	int64_t cost_cents;
	const char *verwijzer; /* how it came about (issue 16 item 5); NULL: gemeente */
};

/* Replaces the goals voorziening id serves by goals[0..n-1] (issue 16
 * item 1), in the caller's transaction. */
enum db_status db_voorziening_set_goals(db *d, int64_t id, const int64_t *goals, size_t n);

/* Inserts a voorziening for household hh: status "aangevraagd" for
 * maatwerk (without a decision date: that is set by the step toekennen
 * or afwijzen), "gestart" for algemeen (no decision needed).  A maatwerk
 * voorziening gets the next toewijzingnummer of the year it is registered
 * ("2026000001").  *id_out gets the id. */
enum db_status db_voorziening_insert(db *d, int64_t hh, const struct voorziening_input *in, int64_t by,
                                     int64_t *id_out);

/* One voorziening with the names of what it refers to:
 * {id, huishouden_id, soort, status, persoon_id?, persoon?, netwerklid_id?,
 *  netwerklid?, netwerklid_relatie?, doel_ids [id], doelen [{id, naam, domein, wens}],
 *  sociale_kaart_id?, sociale_kaart?, toewijzingnummer?, besluitdatum?,
 *  wettelijke_grondslag?, aanbieder_id?, aanbieder?, product_id?,
 *  product_categorie?, product_code?, product?, volume?, eenheid?,
 *  frequentie?, ingangsdatum, einddatum, kosten_centen?, reden_einde?,
 *  gestart_op?, beeindigd_op?, aangemaakt_door, aangemaakt_op, gewijzigd_door?,
 *  gewijzigd_op?, versie}.  *out is a new reference; DB_NOT_FOUND when
 * there is none. */
enum db_status db_voorziening_get(db *d, int64_t id, json_t **out);

/* The household's voorzieningen as in db_voorziening_get, open ones
 * (aangevraagd, toegekend, gestart) first, then by start date, newest
 * first.  New reference (the rows read so far on an error, logged). */
json_t *db_voorziening_list(db *d, int64_t hh);

/* Replaces the content (not kind, status or toewijzingnummer) of a
 * voorziening at version and bumps the version. */
enum db_status db_voorziening_update(db *d, int64_t id, int64_t version, const struct voorziening_input *in,
                                     int64_t by);

/* One status step: end_reason and ended_on only for "beeindigd",
 * decision_date for a maatwerk voorziening leaving "aangevraagd",
 * started_on for "gestart" (NULL otherwise: left as stored). */
struct voorziening_step {
	const char *from, *to;
	const char *end_reason, *ended_on, *decision_date, *started_on;
};

/* Applies step to a voorziening at version and status step->from (by 0:
 * not an employee but a provider's message).
 * DB_NOT_FOUND when it is no longer at that version and status. */
enum db_status db_voorziening_set_status(db *d, int64_t id, int64_t version, const struct voorziening_step *step,
                                         int64_t by);

/* True when person p is a member of household hh / goal g belongs to the
 * plan of household hh / network member n is an active one of household hh
 * (or keep, the one a voorziening already names; 0: none). */
bool db_voorziening_person_in(db *d, int64_t hh, int64_t p);
bool db_voorziening_goal_in(db *d, int64_t hh, int64_t g);
bool db_voorziening_netwerklid_in(db *d, int64_t hh, int64_t n, int64_t keep);

/* For a select: the household's members [{id, naam}] and the goals of its
 * plan [{id, naam, domein}] ("naam": the goal in the resident's words,
 * shortened).
 * New references. */
json_t *db_voorziening_people(db *d, int64_t hh);
json_t *db_voorziening_goals(db *d, int64_t hh);
/* The household's active network members [{id, naam, relatie}],
 * mantelzorgers first, and member keep even when no longer active (the one
 * an edited voorziening already names; 0: none).  New reference. */
json_t *db_voorziening_netwerk(db *d, int64_t hh, int64_t keep);

/* Voorzieningen of hh that are not afgewezen or beeindigd: how many, and
 * as [{id, label}] ("Hulp bij het huishouden – Thuiszorg Gelderse Vallei,
 * t/m 31-12-2026").  For closing a case.  New reference. */
enum db_status db_voorziening_open_count(db *d, int64_t hh, int64_t *n);
json_t *db_voorziening_open_list(db *d, int64_t hh);

/* The earliest end_date ("YYYY-MM-DD") of the maatwerk voorzieningen of hh
 * that are not afgewezen or beeindigd; *found false when there is none.
 * For the plan's evaluation date. */
enum db_status db_voorziening_earliest_end(db *d, int64_t hh, char out[11], bool *found);

#endif
