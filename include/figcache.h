/* figcache.h - figures kept in memory while what they are made of stays
 * the same: the dashboard's, the bezetting's, the signal summary, the
 * results per provider and product and the quarterly report.  A figure is
 * kept under a key (what it is and its filter) with a stamp read before it
 * was computed (statistiek_versie and, where that does not see everything,
 * more) and, where the stamp cannot see every change, an expiry; it is
 * used only while the stamp is the same and it has not expired, so it is
 * never staler than its stamp and expiry allow.  Process-wide, thread-safe;
 * the oldest entry makes room. */
#ifndef LOKET_FIGCACHE_H
#define LOKET_FIGCACHE_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum { FIGCACHE_STAMP = 8, FIGCACHE_KEY = 160 };

/* A deep copy of what is kept under key with the n-part stamp (n at most
 * FIGCACHE_STAMP) and not expired at now, or NULL. */
json_t *figcache_get(const char *key, const int64_t *stamp, size_t n, int64_t now);
/* Keeps a deep copy of value under key with the stamp, until the unix time
 * until (0: as long as the stamp holds).  A key longer than FIGCACHE_KEY - 1
 * is not kept. */
void figcache_put(const char *key, const int64_t *stamp, size_t n, int64_t until, const json_t *value);

#endif
