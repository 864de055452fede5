/* text.h - Dutch text rules that are not form mechanics: folding names for
 * search (lower case, accents removed), the BSN 11-proef, Dutch postcodes,
 * and how names and dates are written on pages.  Pure functions: no global
 * state, no database. */
#ifndef LOKET_TEXT_H
#define LOKET_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

/* The search form of s: ASCII letters lower-cased; the letters of Latin-1
 * Supplement and Latin Extended-A folded to plain ASCII ("Zoë" -> "zoe",
 * "ß" -> "ss", "ĳ" -> "ij", "Œ" -> "oe"); combining accents (U+0300 to
 * U+036F) dropped; the typographic apostrophe U+2019 becomes "'"; runs of
 * white space become one space and the ends are trimmed.  Other characters
 * are copied unchanged; bytes that are not valid UTF-8 are copied as they
 * are.  Allocated from a; never NULL. */
char *text_fold(arena *a, const char *s);

/* The BSN in s without the spaces and dots people type ("123.456.782",
 * "1234 56 782"): 9 digits, or 8 digits with a leading zero added (older
 * numbers).  Writes 9 digits and a NUL to out and returns true, or returns
 * false when s is not 8 or 9 digits.  Says nothing about the 11-proef. */
bool bsn_normalise(const char *s, char out[10]);

/* True when s holds 8 or more digits in a row, a single space or dot
 * between two digits not breaking the row ("123456782", "bsn 1234.56.782"):
 * what may be a BSN, which never belongs in a URL. */
bool text_has_bsn_run(const char *s);

/* True when the 9-digit string passes the 11-proef (9*d1 + 8*d2 + ... +
 * 2*d8 - 1*d9 is a multiple of 11) and is not all zeros. */
bool bsn_valid(const char *bsn9);

/* A Dutch postcode in its one written form: "1234ab", "1234 AB" and
 * " 1234  ab " all become "1234 AB" in out.  The first digit is 1-9; the
 * letters SA, SD and SS are never issued and are refused.  Returns false
 * (out undefined) for anything else. */
bool postcode_normalise(const char *s, char out[8]);

/* "Jan de Vries" from first name, prefix (tussenvoegsel, may be NULL or "")
 * and last name.  Allocated from a. */
char *text_full_name(arena *a, const char *first, const char *prefix, const char *last);

/* "Kerkstraat 12a, 3861 AB Nijkerk", "Dorpsweg 4-2, ..." (suffix may be
 * NULL or "": a single letter is appended, anything else after "-").  Allocated
 * from a. */
char *text_address(arena *a, const char *street, long long number, const char *suffix,
                   const char *postcode, const char *city);

/* "2026-11-22" -> "22-11-2026" into out; copies iso unchanged when it is
 * not in that form. */
void text_date_nl(const char *iso, char out[11]);

/* Whole years between the ISO date born and the ISO date today, or -1 when
 * either is malformed. */
int text_age_years(const char *born, const char *today);

/* A count with its noun in the right number: "1 huishouden", "0
 * huishoudens", "3 dagen" (one is the singular, many the plural).
 * Allocated from a; never NULL. */
char *text_count(arena *a, long long n, const char *one, const char *many);
/* s with every hyphen between two digits ("2026-12", "2026-01-01") as a
 * non-breaking hyphen, so a narrow table cell does not split a date or a
 * month of free text; from arena a.  For display only. */
char *text_keep_numbers(arena *a, const char *s);

#endif
