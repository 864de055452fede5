/* fuzz_form.c - libFuzzer harness for the form decoder: the input is an
 * application/x-www-form-urlencoded body (or query string), decoded and
 * validated against a table with every field kind; the same input also as
 * a multipart/form-data body with the boundary XyZ (src/multipart.c: the
 * document upload and the beheerder's upload of an iWmo/iJw file).  See
 * tests/fuzz/README.md. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "multipart.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const colours[] = {"rood", "groen", "blauw", NULL};
static const struct field_rule rules[] = {
	{.name = "regel", .kind = FIELD_LINE, .required = true, .min_len = 2, .max_len = 20},
	{.name = "tekst", .kind = FIELD_TEXT, .max_len = 200},
	{.name = "gebruiker", .kind = FIELD_USERNAME, .min_len = 3, .max_len = 64},
	{.name = "wachtwoord", .kind = FIELD_PASSWORD, .min_len = 12, .max_len = 128},
	{.name = "email", .kind = FIELD_EMAIL, .max_len = 200},
	{.name = "kleur", .kind = FIELD_CHOICE, .choices = colours},
	{.name = "kleuren", .kind = FIELD_CHOICES, .choices = colours},
	{.name = "id", .kind = FIELD_ID},
	{.name = "vink", .kind = FIELD_CHECKBOX},
	{.name = "getal", .kind = FIELD_INT, .min = -5, .max = 99999},
	{.name = "datum", .kind = FIELD_DATE, .date_flags = DATE_NOT_FUTURE},
	{.name = "later", .kind = FIELD_DATE, .date_flags = DATE_NOT_PAST},
};
enum { N = sizeof rules / sizeof rules[0] };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	arena *a = arena_new();
	struct form *f = NULL;
	const char *bad = NULL;
	if (form_parse(a, (const char *)data, size, &f, &bad) == FORM_OK) {
		struct field_value v[N];
		form_validate(a, f, rules, N, v);
		for (size_t i = 0; i < N; i++) {
			/* What validation lets through obeys the rule it passed. */
			if (v[i].error || !v[i].text)
				continue;
			if (rules[i].max_len && utf8_len(v[i].text, strlen(v[i].text)) > rules[i].max_len)
				abort();
			if (rules[i].kind == FIELD_DATE && v[i].text[0] && !date_valid_iso(v[i].text))
				abort();
			if (rules[i].kind == FIELD_ID && v[i].text[0] && v[i].id <= 0)
				abort();
		}
	}
	/* The same bytes as multipart: decoded or refused, never a crash; a
	 * decoded form holds only well-formed UTF-8 values. */
	f = NULL;
	struct upload file;
	if (multipart_parse(a, "multipart/form-data; boundary=XyZ", (const char *)data, size, &f, &file) == MP_OK) {
		if (file.data && (file.data < (const char *)data || file.data + file.len > (const char *)data + size))
			abort();
		for (size_t i = 0; i < f->n; i++)
			if (!utf8_valid(f->pairs[i].value, strlen(f->pairs[i].value)))
				abort();
		struct field_value v[N];
		form_validate(a, f, rules, N, v);
	}
	arena_free(a);
	return 0;
}
