/* form.h - urlencoded form decoding and validation by table.
 *
 * Every form has a static table of field rules; handlers read only the
 * validated values, and a failed field carries its Dutch message back to
 * the form with the user's input kept. */
#ifndef LOKET_FORM_H
#define LOKET_FORM_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

struct form_pair {
	const char *name;
	const char *value; /* decoded; "" when the bytes were not valid UTF-8 */
	bool bad_utf8;
};

struct form {
	struct form_pair *pairs;
	size_t n;
};

enum form_status {
	FORM_OK = 0,
	FORM_DUPLICATE, /* a name occurs twice; *bad_name says which */
	FORM_MALFORMED, /* bad percent-escape or a name that is not UTF-8 */
	FORM_TOO_MANY   /* more than FORM_MAX_FIELDS fields */
};

/* The most fields one form or query string may have.  The largest real
 * form (an intake's ZRM scores: 13 domains for each person of a large
 * household, plus participants) has a few hundred. */
enum { FORM_MAX_FIELDS = 2000 };

/* Decodes application/x-www-form-urlencoded text (also a query string) in
 * time linear in len (duplicates are found through a hash table seeded
 * per process).  Everything is allocated from a.  On FORM_DUPLICATE
 * *bad_name is the repeated name. */
enum form_status form_parse(arena *a, const char *text, size_t len, struct form **out,
                            const char **bad_name);

/* The value of name, or NULL when absent. */
const char *form_get(const struct form *f, const char *name);

enum field_kind {
	FIELD_LINE,     /* one line of text: no control characters */
	FIELD_TEXT,     /* multi-line text: newlines and tabs allowed */
	FIELD_USERNAME, /* a-z 0-9 . _ - */
	FIELD_PASSWORD, /* any characters; never echoed back */
	FIELD_EMAIL,    /* one @, no spaces */
	FIELD_CHOICE,   /* one of choices[] */
	FIELD_CHOICES,  /* bit set of choices[] given as name=value repeated: not
	                 * allowed by the duplicate rule, so as name_<value>=1 */
	FIELD_ID,       /* positive integer */
	FIELD_CHECKBOX, /* present = true */
	FIELD_INT,      /* integer within [min, max] */
	FIELD_DATE      /* a real calendar date, "2026-11-22" or "22-11-2026";
	                 * normalised to ISO in text; max "today" refuses the
	                 * future (see date_flags) */
};

struct field_rule {
	const char *name;
	/* The field's label as the form shows it ("Vraag", "Urgentie"): the
	 * error summary names the field with it ("Vraag: dit veld is
	 * verplicht.").  Every rule has one, hidden fields too;
	 * tests/t_field_labels.sh checks the tables. */
	const char *label;
	enum field_kind kind;
	bool required;
	unsigned min_len, max_len;  /* in characters, for text kinds */
	const char *const *choices; /* NULL-terminated, for CHOICE(S) */
	int64_t min, max;           /* FIELD_INT range */
	unsigned date_flags;        /* FIELD_DATE: DATE_NOT_FUTURE, DATE_NOT_PAST */
};

enum { DATE_NOT_FUTURE = 1, DATE_NOT_PAST = 2 };

/* True when s is a real date "YYYY-MM-DD" (1900..2199). */
bool date_valid_iso(const char *s);
/* Today's date in local time as "YYYY-MM-DD". */
void date_today(char out[11]);

struct field_value {
	const char *text;  /* trimmed input (never NULL; "" when absent) */
	int64_t id;        /* FIELD_ID, FIELD_INT */
	unsigned bits;     /* FIELD_CHOICES: bit i for choices[i]; FIELD_CHOICE: index */
	bool checked;      /* FIELD_CHECKBOX */
	const char *error; /* Dutch message, or NULL */
};

/* Validates f (may be NULL: everything absent) against rules; values[i]
 * belongs to rules[i].  Every kind but FIELD_PASSWORD refuses the Unicode
 * bidirectional controls (U+061C, U+200E, U+200F, U+202A..U+202E,
 * U+2066..U+2069: they reverse how a name or line reads) at the field,
 * keeping the text without them.  Returns the number of fields in error. */
int form_validate(arena *a, const struct form *f, const struct field_rule *rules, size_t n,
                  struct field_value *values);

/* The same rules over a JSON object's members (API input).  Strings for
 * text kinds, integers for FIELD_ID, booleans for FIELD_CHECKBOX, an array
 * of strings for FIELD_CHOICES. */
int form_validate_json(arena *a, const json_t *obj, const struct field_rule *rules, size_t n,
                       struct field_value *values);

/* Adds "field" {name: {"value", "error", "invalid"}} to page data (to the
 * fields already there), leaving
 * passwords empty, and every field in error to the error summary through
 * form_add_error with the rule's label. */
void form_to_page(json_t *data, const struct field_rule *rules, size_t n,
                  const struct field_value *values);

/* Adds one item {"field", "label", "message"} to data's "errors" (the error
 * summary in templates/layout-begin.mustache; created when absent) and sets
 * "has_errors".  field is the id the summary links to, label names the
 * field as the form shows it, message is the Dutch message shown at the
 * field.  The summary reads "Label: message" with the message's first
 * letter lowered unless the first word is an abbreviation ("Vraag: dit
 * veld is verplicht."; "Aanbieder: AGB-code ..." keeps its capitals).  A NULL or empty label is
 * a bug; the field's name stands in for it so no item is a bare message.
 * Returns 0, or -1 when data is not an object. */
int form_add_error(json_t *data, const char *field, const char *label, const char *message);

/* {"field": "message"} for every field in error (for reply_json_validation). */
json_t *form_errors_json(const struct field_rule *rules, size_t n, const struct field_value *values);

#endif
