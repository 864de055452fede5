/* suppressie.h - small numbers for a viewer who sees no personal data
 * (issue 16 item 7, docs/sturen.md): a figure that counts, or is computed
 * from, fewer than five persons is shown as "<5" in pages, CSV and JSON
 * alike, so no resident can be recognised in it.  A count of none is
 * hidden too: "0" next to a total can give away a neighbouring cell. */
#ifndef LOKET_SUPPRESSIE_H
#define LOKET_SUPPRESSIE_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

enum { SUPPRESSIE_GRENS = 5 };
extern const char SUPPRESSIE_TEKST[]; /* "<5" */

/* True when a figure resting on persons persons is hidden from a viewer
 * for whom suppress is set. */
bool suppressie_verborgen(bool suppress, int64_t persons);
/* The JSON of a count: the number, or "<5" when hidden. */
json_t *suppressie_json(bool suppress, int64_t value, int64_t persons);

#endif
