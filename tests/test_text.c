/* test_text.c - table-driven unit tests of src/text.c: folding for search,
 * the BSN 11-proef, Dutch postcodes, names, addresses and dates; and that
 * the person form's role list is the vocabulary's. */
#include <string.h>

#include "domain.h"
#include "huishouden_form.h"
#include "text.h"
#include "util.h"
#include "testutil.h"

/* s with control characters shown as '?', for check names. */
static const char *printable(arena *a, const char *s)
{
	char *out = arena_strdup(a, s);
	for (char *p = out; *p; p++)
		if ((unsigned char)*p < 0x20)
			*p = '?';
	return out;
}

static void test_fold(arena *a)
{
	static const struct { const char *in, *want; } cases[] = {
		{"De Vries", "de vries"},
		{"  de   VRIES ", "de vries"},
		{"Zoë", "zoe"},
		{"ZOË", "zoe"},
		{"Zoe\xcc\x88", "zoe"},                 /* e + combining diaeresis */
		{"Noël Müller-Lüdenscheidt", "noel muller-ludenscheidt"},
		{"François Garçon", "francois garcon"},
		{"Ñandú", "nandu"},
		{"Straße", "strasse"},
		{"ĲSSELSTEIN", "ijsselstein"},
		{"ĳssel", "ijssel"},
		{"Łukasz Żółć", "lukasz zolc"},
		{"Œuvre Æsir", "oeuvre aesir"},
		{"Ångström Ørsted", "angstrom orsted"},
		{"Čapek Dvořák Šťastný", "capek dvorak stastny"},
		{"Þór Ðóra", "thor dora"},
		{"Ÿvonne ÿ", "yvonne y"},
		{"Đorđe Ğül Ħal Ĳ", "dorde gul hal ij"},
		{"Ōno Ūta Ŵyn Ŷr Źdź", "ono uta wyn yr zdz"},
		{"Ïlse Ēva Ĕ Ė Ę Ě", "ilse eva e e e e"},
		{"’t Hart", "'t hart"},
		{"a\tb\nc\xc2\xa0" "d", "a b c d"},      /* tab, newline, no-break space */
		{"×÷", "×÷"},                             /* not letters: kept */
		{"Ελένη", "Ελένη"},                       /* other scripts: unchanged */
		{"", ""},
		{"   ", ""},
		{"a\xff" "b", "a\xff" "b"},               /* not UTF-8: bytes kept */
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++)
		CHECK_STR(text_fold(a, cases[i].in), cases[i].want, "text_fold(\"%s\")", printable(a, cases[i].in));

	/* Every letter of Latin-1 Supplement and Latin Extended-A folds to
	 * ASCII lower case (U+00D7 and U+00F7 are signs, not letters). */
	int non_ascii = 0;
	for (unsigned cp = 0xC0; cp < 0x180; cp++) {
		if (cp == 0xD7 || cp == 0xF7)
			continue;
		char in[3] = {(char)(0xC0 | (cp >> 6)), (char)(0x80 | (cp & 0x3F)), 0};
		const char *out = text_fold(a, in);
		for (const char *p = out; *p; p++)
			if (*p < 'a' || *p > 'z')
				non_ascii++;
		if (!*out)
			non_ascii++;
	}
	CHECK_INT(non_ascii, 0, "every Latin-1 and Latin Extended-A letter folds to a-z");
}

static void test_bsn(void)
{
	static const struct { const char *in; bool shape; const char *norm; bool valid; } cases[] = {
		{"111222333", true, "111222333", true},
		{"123456782", true, "123456782", true},
		{"123.456.782", true, "123456782", true},
		{"1234 56 782", true, "123456782", true},
		{"12345678", true, "012345678", false},   /* 8 digits get a leading zero */
		{"123456789", true, "123456789", false},  /* fails the 11-proef */
		{"000000000", true, "000000000", false},  /* all zeros */
		{"1234567", false, NULL, false},
		{"1234567890", false, NULL, false},
		{"12345678a", false, NULL, false},
		{"", false, NULL, false},
		{"-23456782", false, NULL, false},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char out[10];
		bool shape = bsn_normalise(cases[i].in, out);
		CHECK(shape == cases[i].shape, "bsn_normalise(\"%s\") %s", cases[i].in, cases[i].shape ? "accepts" : "refuses");
		if (shape && cases[i].shape) {
			CHECK_STR(out, cases[i].norm, "bsn_normalise(\"%s\") digits", cases[i].in);
			CHECK(bsn_valid(out) == cases[i].valid, "11-proef of %s is %s", out, cases[i].valid ? "ok" : "wrong");
		}
	}
	CHECK(!bsn_valid("12345678"), "bsn_valid needs 9 digits");
	CHECK(!bsn_valid("12345678x"), "bsn_valid needs digits only");

	/* What may be a BSN in a URL: 8 or more digits in a row, a single
	 * space or dot between digits not breaking the row. */
	static const struct { const char *s; bool run; } runs[] = {
		{"123456782", true}, {"12345678", true}, {"bsn 123456782", true}, {"jan 1234.56.782", true},
		{"1234 56 782 jan", true}, {"bsn:123456782", true}, {"a12345678b", true},
		{"1234567", false}, {"1234-56-782", false}, {"12-03-1970", false}, {"3861 AB 12", false},
		{"1234  5678", false}, {"1234. 5678", false}, {"vries", false}, {"", false}, {"1234567 ", false},
	};
	for (size_t i = 0; i < sizeof runs / sizeof runs[0]; i++)
		CHECK(text_has_bsn_run(runs[i].s) == runs[i].run, "text_has_bsn_run(\"%s\") is %s", runs[i].s,
		      runs[i].run ? "true" : "false");
}

static void test_postcode(void)
{
	static const struct { const char *in, *want; } cases[] = {
		{"3861AB", "3861 AB"}, {"3861ab", "3861 AB"}, {"3861 ab", "3861 AB"}, {" 3861  Ab ", "3861 AB"},
		{"1234 SB", "1234 SB"}, {"9999ZZ", "9999 ZZ"}, {"1000 aa", "1000 AA"},
		{"0123 AB", NULL}, {"1234 SA", NULL}, {"1234sd", NULL}, {"1234 ss", NULL},
		{"123 AB", NULL}, {"12345 AB", NULL}, {"1234 A", NULL}, {"1234 ABC", NULL}, {"1234 A1", NULL},
		{"ABCD 12", NULL}, {"", NULL}, {"1234-AB", NULL}, {"1234 ÄB", NULL},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char out[8];
		bool ok = postcode_normalise(cases[i].in, out);
		if (cases[i].want)
			CHECK(ok && strcmp(out, cases[i].want) == 0, "postcode \"%s\" -> \"%s\"", cases[i].in, cases[i].want);
		else
			CHECK(!ok, "postcode \"%s\" is refused", cases[i].in);
	}
}

static void test_names_dates(arena *a)
{
	CHECK_STR(text_full_name(a, "Jan", "de", "Vries"), "Jan de Vries", "full name with prefix");
	CHECK_STR(text_full_name(a, "Els", NULL, "Jansen"), "Els Jansen", "full name without prefix");
	CHECK_STR(text_full_name(a, "Els", "", "Jansen"), "Els Jansen", "full name with empty prefix");
	CHECK_STR(text_address(a, "Kerkstraat", 12, NULL, "3861 AB", "Nijkerk"), "Kerkstraat 12, 3861 AB Nijkerk",
	          "address without suffix");
	CHECK_STR(text_address(a, "Kerkstraat", 12, "a", "3861 AB", "Nijkerk"), "Kerkstraat 12a, 3861 AB Nijkerk",
	          "address with a huisletter");
	CHECK_STR(text_address(a, "Dorpsweg", 4, "2", "3861 AB", "Nijkerk"), "Dorpsweg 4-2, 3861 AB Nijkerk",
	          "address with a toevoeging");
	char nl[11];
	text_date_nl("2026-11-22", nl);
	CHECK_STR(nl, "22-11-2026", "ISO date to Dutch");
	text_date_nl("22-11-2026", nl);
	CHECK_STR(nl, "22-11-2026", "a date not in ISO form is copied");
	CHECK_INT(text_age_years("1970-11-22", "2026-11-22"), 56, "age on the birthday");
	CHECK_INT(text_age_years("1970-11-23", "2026-11-22"), 55, "age the day before the birthday");
	CHECK_INT(text_age_years("2012-02-29", "2026-02-28"), 13, "age of a leap-day child");
	CHECK_INT(text_age_years("2030-01-01", "2026-02-28"), -1, "no age before birth");
	CHECK_INT(text_age_years("x", "2026-02-28"), -1, "no age from a malformed date");
}

static void test_vocab_tables(void)
{
	CHECK(person_rules[P_ROLE].choices == vocab_person_role.codes,
	      "the person role field validates against the vocabulary itself");
	CHECK_STR(person_row_rules[5][P_BSN].name, "p6_bsn", "row tables are named p1_ .. p6_");
	for (int k = 0; k < P_COUNT; k++)
		CHECK(person_row_rules[0][k].kind == person_rules[k].kind &&
		      person_row_rules[0][k].max_len == person_rules[k].max_len,
		      "row field %s is checked like %s", person_row_rules[0][k].name, person_rules[k].name);
}

int main(void)
{
	arena *a = arena_new();
	test_fold(a);
	test_bsn();
	test_postcode();
	test_names_dates(a);
	test_vocab_tables();
	arena_free(a);
	T_EXIT();
}
