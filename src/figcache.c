/* figcache.c - figures kept while their stamp holds (include/figcache.h). */
#include "figcache.h"

#include <pthread.h>
#include <string.h>

enum { SLOTS = 128 };
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct slot {
	char key[FIGCACHE_KEY];
	int64_t stamp[FIGCACHE_STAMP];
	size_t n;
	int64_t until;
	json_t *value; /* owned */
} slots[SLOTS];
static size_t next_slot;

static bool same_stamp(const struct slot *s, const int64_t *stamp, size_t n)
{
	return s->n == n && (n == 0 || memcmp(s->stamp, stamp, n * sizeof *stamp) == 0);
}

json_t *figcache_get(const char *key, const int64_t *stamp, size_t n, int64_t now)
{
	if (n > FIGCACHE_STAMP)
		return NULL;
	json_t *out = NULL;
	pthread_mutex_lock(&lock);
	for (size_t i = 0; i < SLOTS && !out; i++) {
		const struct slot *s = &slots[i];
		if (s->value && strcmp(s->key, key) == 0 && same_stamp(s, stamp, n) && (!s->until || s->until > now))
			out = json_deep_copy(s->value);
	}
	pthread_mutex_unlock(&lock);
	return out;
}

void figcache_put(const char *key, const int64_t *stamp, size_t n, int64_t until, const json_t *value)
{
	if (!value || n > FIGCACHE_STAMP || strlen(key) >= FIGCACHE_KEY)
		return;
	json_t *copy = json_deep_copy(value);
	pthread_mutex_lock(&lock);
	struct slot *s = &slots[next_slot++ % SLOTS];
	json_t *old = s->value;
	memset(s, 0, sizeof *s);
	strcpy(s->key, key);
	if (n)
		memcpy(s->stamp, stamp, n * sizeof *stamp);
	s->n = n;
	s->until = until;
	s->value = copy;
	pthread_mutex_unlock(&lock);
	json_decref(old);
}
