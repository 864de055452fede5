/* huishouden_form.h - the validation tables and page helpers that the
 * household, person, aanmelding and API handlers share, so that a field is
 * checked the same way in every form and in the JSON API.
 *
 * Address and page helpers live in src/huishouden_form.c, person helpers
 * in src/persoon_form.c.  JSON results are new references the caller
 * owns; strings come from the request's arena. */
#ifndef LOKET_HUISHOUDEN_FORM_H
#define LOKET_HUISHOUDEN_FORM_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "db_huishouden.h"
#include "domain.h"
#include "form.h"
#include "http.h"
#include "zoek.h"

/* ---- address (src/huishouden_form.c) ---------------------------------- */

enum { A_STREET, A_NUMBER, A_SUFFIX, A_POSTCODE, A_CITY, A_GEBIED, A_COUNT };
/* straat, huisnummer, toevoeging, postcode, plaats, gebied. */
extern const struct field_rule address_rules[A_COUNT];
/* orig_<name> of each address field: the values the form was loaded with. */
extern const struct field_rule address_orig_rules[A_COUNT];

/* Checks what the table cannot after form_validate(_json): normalises the
 * postcode in v[A_POSTCODE].text and checks that the gebied exists.
 * Returns the number of fields it put in error. */
int address_check(struct req *r, db *d, struct field_value v[A_COUNT]);
/* The validated address as data-layer input (strings stay in v). */
void address_input(const struct field_value v[A_COUNT], struct huishouden_input *out);

/* ---- persons (src/persoon_form.c) ------------------------------------ */

enum { P_FIRST, P_PREFIX, P_LAST, P_BIRTH, P_ROLE, P_BSN, P_PHONE, P_EMAIL, P_COUNT };
/* voornaam, tussenvoegsel, achternaam, geboortedatum, rol, bsn, telefoon,
 * email: one person. */
extern const struct field_rule person_rules[P_COUNT];
extern const struct field_rule person_orig_rules[P_COUNT];
/* The same fields for the rows of the aanmelding form, named p1_voornaam
 * .. p6_email, none required by the table: an empty row is ignored, a row
 * with anything in it needs what person_rules requires. */
enum { PERSON_ROWS = 6 };
extern const struct field_rule person_row_rules[PERSON_ROWS][P_COUNT];

/* True when nothing was typed in the row. */
bool person_row_empty(const struct field_value v[P_COUNT]);
/* For a used row: marks the fields person_rules requires that are empty.
 * Returns the number of fields it put in error. */
int person_row_require(struct field_value v[P_COUNT]);
/* Checks the BSN (normalised to 9 digits in v[P_BSN].text, 11-proef).
 * Returns the number of fields it put in error. */
int person_check(struct req *r, struct field_value v[P_COUNT]);
void person_input(const struct field_value v[P_COUNT], struct persoon_input *out);
/* The role codes in vocab_person_role's order, for the tables. */

/* What messages to providers say about a person (issue 14): geslacht
 * (COD046), voorletters (letters only, at most 6; empty: derived from the
 * first name when a message is made) and naamgebruik (COD700 1-4).  On the
 * person form only; an absent field keeps its stored value (or the
 * default on a new person). */
enum { PB_GESLACHT, PB_VOORLETTERS, PB_NAAMGEBRUIK, PB_COUNT };
extern const struct field_rule person_bericht_rules[PB_COUNT];
/* Normalises the voorletters ("J.P." -> "JP") and checks them; fills an
 * absent geslacht/naamgebruik from stored (NULL: the defaults "0"/"1").
 * Returns the number of fields it put in error. */
int person_bericht_check(struct req *r, struct field_value v[PB_COUNT], const char *stored_geslacht,
                         const char *stored_voorletters, const char *stored_naamgebruik);

/* {persoon_id, huishouden_id, name, address, by_bsn} for the message
 * "Deze persoon is al bekend". */
json_t *person_dup_json(const struct persoon_dup *dup);
/* The same for the API: {persoon_id, huishouden_id, naam, adres, op_bsn}. */
json_t *person_dup_api_json(const struct persoon_dup *dup);

/* ---- page helpers (src/huishouden_form.c) ---------------------------- */

/* Like form_to_page, but merges into data's existing "field" object and
 * "errors" list, so several tables can share one page. */
void page_add_fields(json_t *data, const struct field_rule *rules, size_t n,
                     const struct field_value *values);
/* [{value, label, selected}] for a select or radio group over v. */
json_t *vocab_options(const struct vocab *v, const char *selected);
/* [{id, name, selected}] of the gebieden. */
json_t *gebied_options(db *d, int64_t selected);

/* The Dutch account of a refused save: {who, when, changes: [{label,
 * value}]} comparing orig (what the user loaded) with now (what is stored)
 * field by field; labels[i] names field i and shown[i] is how its stored
 * value reads on the page (NULL: only say that it changed, for the BSN). */
json_t *conflict_json(const char *who, int64_t when, const char *const *labels,
                      const char *const *orig, const char *const *now, const char *const *shown,
                      size_t n);

/* 409 {"error": {"code": "conflict", "message": message, key: value}}
 * for the API (value stolen).  Returns 0. */
int api_conflict(struct req *r, const char *message, const char *key, json_t *value);

/* ---- aanmeldingen (src/aanmelding_shared.c) --------------------------- */

/* Adds channel_label, medium_label, urgency_label, referrer (kind and
 * organisation in one line), received_nl and age_days to a row of
 * db_aanmelding_queue / db_aanmelding_open_for. */
void aanmelding_row_labels(json_t *row, int64_t now);

/* ---- persons (src/persoon_form.c) ------------------------------------ */

/* Adds birth_date_nl, age and role_label to a row of db_persoon_list. */
void person_row_labels(json_t *row, const char *today);

/* ---- search (src/zoek.c) ------------------------------------------- */

/* struct zoek_result and zoek_run: include/zoek.h. */

#endif
