/* sorteer.h - work lists sortable by their columns (issue 13 item 4),
 * without JavaScript: each sortable column header is a link that sorts the
 * list on the server, with aria-sort on the header cell.
 *
 * A list names its columns in a table; the query string carries the
 * choice as <param>=<column code> and <param>_richting=op|af, so two lists
 * on one page keep their own order.  Unknown values fall back to the
 * list's own order (the caller's): nothing is refused, since a sort is
 * never harmful. */
#ifndef LOKET_SORTEER_H
#define LOKET_SORTEER_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "http.h"

enum sort_kind {
	SORT_TEXT, /* a string member, compared without regard to case */
	SORT_NUM   /* an integer member */
};

struct sort_col {
	const char *code;  /* in the query string: "adres" */
	const char *label; /* the header's text: "Adres" */
	const char *key;   /* the row member sorted on ("adres", or an ISO date) */
	enum sort_kind kind;
	bool desc_first;   /* the first click sorts descending (ages, counts) */
};

/* Sorts rows (an array of objects) stably by the column the query asks
 * for, and puts into data[headers_key] one object per column: {label,
 * href, sort: "ascending"|"descending"|absent, next_label}, also as
 * data[headers_key "_" code], and when sorted data[headers_key
 * "_gesorteerd"] ("Wacht, aflopend") for a caption.  path is the
 * page's path; other query members of the page that must survive a sort
 * (a filter) are given in keep (NULL-terminated names), read from r.
 * Returns 0, or -1 when memory ran out. */
int sort_apply(struct req *r, json_t *rows, const struct sort_col *cols, size_t n, const char *param,
               const char *path, const char *const *keep, json_t *data, const char *headers_key);

#endif
