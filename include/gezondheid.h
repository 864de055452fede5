/* gezondheid.h - Positieve Gezondheid in the browser and the API: the six
 * optional 0-10 fields per household member in the intake and evaluation
 * forms (reading and checking them: all six or none), the sets to store,
 * and the spider web (radar chart) with its table beside the ZRM
 * progress.  Defined in src/gezondheid.c; data access in db_gezondheid.h.
 * Strings and arrays come from the request's arena. */
#ifndef LOKET_GEZONDHEID_H
#define LOKET_GEZONDHEID_H

#include <jansson.h>
#include <stddef.h>

#include "db.h"
#include "db_gezondheid.h"
#include "db_intake.h"
#include "form.h"
#include "http.h"

/* What the user entered for the household's people (parallel to the
 * people list of the form). */
struct pg_input {
	struct field_value *v;  /* npeople * PG_NDIM; v[..].text "" when empty */
	const char **set_error; /* per person: a half-filled set, or NULL */
	const char *json_error; /* the API: what is wrong, or NULL */
	int errors;             /* fields and sets in error */
};

/* The form's name of person persoon_id's score on dimension k:
 * "pg_<id>_<code>". */
const char *pg_field(arena *a, int64_t persoon_id, int k);
/* An empty input for n people (from arena a). */
void pg_input_init(arena *a, size_t n, struct pg_input *in);
/* Copies what was entered for each person of from (nfrom) who is also in
 * to (nto) into out (initialised for nto): the input kept when a form is
 * shown again for the household as it is now. */
void pg_input_carry(const struct intake_ref *from, size_t nfrom, const struct pg_input *in,
                    const struct intake_ref *to, size_t nto, struct pg_input *out);
/* Reads and checks the form's fields (each a whole number 0 to 10 or
 * empty; per person all six or none) into *in. */
void pg_read_form(struct req *r, const struct intake_ref *people, size_t n, struct pg_input *in);
/* The same from the API's optional "positieve_gezondheid": a list of
 * {"persoon_id", "<dimension code>": 0..10, ...} with all six dimensions,
 * each person at most once.  in->json_error names what is wrong. */
void pg_read_json(struct req *r, const struct intake_ref *people, size_t n, struct pg_input *in);
/* The form's data for templates/gezondheid-invoer.mustache as
 * data.gezondheid_invoer: [{id, name, prefix, error?, dims: [{field,
 * label, value, invalid, field_error?, describedby?}]}]; in may be NULL (an
 * empty form).  Fields and sets in error go to data's error summary. */
void pg_form_to_page(struct req *r, const struct intake_ref *people, size_t n, const struct pg_input *in,
                     json_t *data);
/* The complete sets of valid input (arena array, *nsets of them). */
struct pg_set *pg_build(arena *a, const struct intake_ref *people, size_t n, const struct pg_input *in,
                        size_t *nsets);

/* The API's form of measurements, as the input takes them:
 * [{"persoon_id", "persoon", "datum", "<dimension code>": 0..10, ...}].
 * New reference. */
json_t *pg_api_json(const struct pg_meting *m, size_t n);

/* The scores given in one conversation (intake intake_id or evaluation
 * evaluatie_id, the other 0) as data.gezondheid_gesprek for
 * templates/gezondheid-gesprek.mustache: {has_data, people: [{name,
 * rows: [{label, score}], total}]}.  Returns a db_status. */
enum db_status pg_gesprek_fill(struct req *r, db *d, int64_t intake_id, int64_t evaluatie_id, json_t *data);

/* The spider webs of household hh as data.gezondheid for
 * templates/gezondheid-web.mustache: {has_data, people: [...]}, one per
 * person with a complete measurement, drawing the first and the latest.
 * Returns a db_status. */
enum db_status pg_chart_fill(struct req *r, db *d, int64_t hh, json_t *data);

#endif
