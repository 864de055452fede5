/* csv.h - one cell of a CSV file as Excel reads it (the exports of the team
 * dashboard, and any other CSV the product writes). */
#ifndef LOKET_CSV_H
#define LOKET_CSV_H

#include "util.h"

/* Appends s as one cell to sb: quoted (RFC 4180, quotes doubled) when it
 * holds the separator ';', a quote or a line break; and neutralised when
 * it starts with a character a spreadsheet reads as the start of a formula
 * ('=', '+', '-', '@', tab, carriage return): such a cell gets a leading
 * single quote, so "=HYPERLINK(...)" in an address stays text (OWASP's
 * advice on CSV injection).  Numbers the exports write themselves do not
 * pass through here. */
void csv_field(strbuf *sb, const char *s);

#endif
