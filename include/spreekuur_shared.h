/* spreekuur_shared.h - what spreekuur.c (the week, the spreekuur page,
 * registering walk-ins), spreekuur_rooster.c (the schedule) and bezoek.c
 * (one walk-in: its page, closing, linking) share.  Defined in
 * src/spreekuur_shared.c. */
#ifndef LOKET_SPREEKUUR_SHARED_H
#define LOKET_SPREEKUUR_SHARED_H

#include <jansson.h>
#include <stdbool.h>

#include "db.h"
#include "http.h"

/* A member of a JSON row as a string ("" when absent) or an integer. */
static inline const char *sp_str(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "";
}
static inline int64_t sp_num(const json_t *o, const char *key)
{
	return json_integer_value(json_object_get(o, key));
}

extern const char SPREEKUUR_MISSING[];
extern const char BEZOEK_MISSING[];

/* Timestamps as the API gives them: ISO 8601 in UTC. */
void bezoek_api_times(json_t *b);
/* Dutch labels of a bezoek row for a page. */
void bezoek_page_labels(json_t *b);
/* Loads bezoek id and checks that r's user may see it; replies (404, 403)
 * and returns -1 otherwise.  *out is a new reference on success. */
int load_bezoek(struct req *r, db *d, int64_t id, json_t **out);
/* The quick search of a spreekuur or walk-in page into data.search: {q,
 * problem} or {q, has_hits, count, hits}.  Unless allow_bsn (the query
 * came in a form, not a URL) a BSN is refused and not echoed.  0, or -1 on
 * a database error. */
int spreekuur_add_search(struct req *r, db *d, const char *q, bool allow_bsn, json_t *data);
/* Labels for a spreekuur row (list or get) on a page. */
void spreekuur_labels(json_t *row);
/* The walk-ins of spreekuur s on date that r's user may see (new
 * reference; NULL on a database error). */
json_t *visible_bezoeken(struct req *r, db *d, int64_t s, const char *date);
/* Replies with bezoek id as the API gives it; 201 adds its
 * Location.  -1 on a database error. */
int bezoek_api_reply(struct req *r, db *d, unsigned status, int64_t id);

#endif
