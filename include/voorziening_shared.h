/* voorziening_shared.h - what the voorziening pages (src/handlers/
 * voorziening.c) and the JSON API (src/handlers/voorziening_api.c) share:
 * the vocabularies and field table of a voorziening, the money and date
 * texts, the display form of a stored row, the checks beyond the table,
 * storing, loading with the access check, and applying a status step.
 * Defined in src/voorziening_shared.c, which also holds
 * overview_fill_voorzieningen (include/overview.h).  Rows are the JSON of
 * db_voorziening_get; strings come from the request's arena. */
#ifndef LOKET_VOORZIENING_SHARED_H
#define LOKET_VOORZIENING_SHARED_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "access.h"
#include "db.h"
#include "db_voorziening.h"
#include "domain.h"
#include "form.h"
#include "http.h"

/* A member of a stored row as a string (NULL when absent) or an integer
 * (0 when absent). */
static inline const char *str(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}
static inline int64_t num(const json_t *o, const char *key)
{
	return json_integer_value(json_object_get(o, key));
}

/* maatwerk or algemeen; the toewijzing's units and frequencies. */
extern const struct vocab voorziening_kind, voorziening_unit, voorziening_freq, voorziening_verwijzer;
/* Our verwijzer code for an iJw/iWmo TypeVerwijzer ("02" -> "huisarts"),
 * or NULL. */
const char *voorziening_verwijzer_van(const char *ijw);
/* The iWmo/iJw code (codelists WMO757/JZ757, WMO756/JZ756) of a unit or a
 * frequency code; NULL when unknown.  Static storage. */
const char *voorziening_unit_iwmo(const char *code);
const char *voorziening_freq_iwmo(const char *code);

/* The fields of a voorziening; a new one validates the first V_NEW_COUNT,
 * an edit all of them (with the version it was loaded with). */
enum {
	V_SOORT, V_PERSOON, V_DOEL, V_NETWERKLID, V_SOCIALE_KAART, V_BESLUITDATUM, V_GRONDSLAG, V_AANBIEDER, V_PRODUCT,
	V_VOLUME, V_EENHEID, V_FREQUENTIE, V_INGANG, V_EINDE, V_KOSTEN, V_VERWIJZER, V_VERSIE, V_COUNT
};
enum { V_NEW_COUNT = V_VERSIE };
extern const struct field_rule voorziening_rules[V_COUNT];

/* The goals a voorziening serves (issue 16 item 1) come as several values
 * and are kept in v[V_DOEL].text as sorted ids, comma-separated ("12,15"),
 * so a refused form shows them again and a conflict compares them.  From a
 * form: the ticked checkboxes doel_<id>=1 and the single doel=<id> of
 * older clients; from the API: "doel_ids" [id], or the older "doel_id" or
 * "doel" as a list of one; the API's "netwerklid_id" stands for
 * "netwerklid".  A malformed value sets v[V_DOEL].error. */
void voorziening_goals_from_form(struct req *r, struct field_value *v);
void voorziening_goals_from_json(struct req *r, const json_t *obj, struct field_value *v);
/* Checks the goals in v[V_DOEL].text (of hh's plan; at least one for
 * maatwerk while the plan has goals) and the network member (an active one
 * of hh, or the one row, the stored voorziening, already names), and sets
 * in's doel_ids, ndoelen (from r's arena) and netwerklid_id. */
void voorziening_check_goals(struct req *r, db *d, int64_t hh, const json_t *row, bool maatwerk,
                             struct field_value *v, struct voorziening_input *in);
/* The ids in a text as above, into an arena array (*ids; NULL when none).
 * Returns their number. */
size_t voorziening_goal_ids(arena *a, const char *text, int64_t **ids);

/* "Riek de Vries (mantelzorger)": a network member as the form and the
 * page name it, allocated from a. */
const char *voorziening_netwerk_label(arena *a, const char *name, const char *relation);

/* "€ 1.234,56" (cents), and "22-11-2026" (an ISO date, NULL: empty),
 * allocated from a. */
const char *voorziening_fmt_euro(arena *a, int64_t cents);
const char *voorziening_date_nl(arena *a, const char *iso);

/* The display form of a stored row, for the household page, the show page
 * and the list: adds *_label, period, volume and cost texts.  Changes row
 * in place. */
void voorziening_decorate(struct req *r, json_t *row);

/* Checks what the table cannot (the maatwerk fields, references, the
 * period, the product and its legal basis, the amount) and fills *in.
 * row is the stored voorziening on an edit (NULL: new).  Returns the
 * number of errors. */
int voorziening_check(struct req *r, db *d, int64_t hh, const json_t *row, struct field_value *v,
                      struct voorziening_input *in);

/* Store a new voorziening for hh (*id gets its id) or an edit of row, each
 * with its audit row in one transaction.  The edit returns DB_NOT_FOUND on
 * a stale version with *now the stored row (new reference). */
enum db_status voorziening_store_new(struct req *r, db *d, int64_t hh, const struct voorziening_input *in,
                                     const struct hh_access_info *acc, int64_t *id);
enum db_status voorziening_store_edit(struct req *r, db *d, const json_t *row, int64_t version,
                                      const struct voorziening_input *in, const struct hh_access_info *acc,
                                      json_t **now);

/* "Deze voorziening is intussen gewijzigd door X ..." after a refused save
 * (the API's version names the stored version and status). */
const char *voorziening_conflict_message(struct req *r, const json_t *now);

/* True when row is afgewezen or beeindigd: it can no longer change; the
 * message that says so. */
bool voorziening_is_closed(const json_t *row);
extern const char voorziening_closed_message[];

/* Loads voorziening id (*row, a new reference the caller releases) and
 * checks access to its household; replies and returns -1 when unknown or
 * refused. */
int voorziening_load(struct req *r, db *d, int64_t id, const char *audit_action, json_t **row,
                     struct hh_access_info *acc);

/* Validates and applies a status step on row (v validated by
 * voorziening_status_rules, include/voorziening_stap.h).  Returns DB_OK,
 * DB_NOT_FOUND (stale: *now is the stored row, new reference), or
 * DB_CONSTRAINT with field errors in v (an invalid step). */
enum db_status voorziening_status_step(struct req *r, db *d, const json_t *row, struct field_value *v,
                                       const struct hh_access_info *acc, json_t **now);

#endif
