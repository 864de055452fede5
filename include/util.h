/* util.h - allocation, arenas, growable strings and small helpers shared by
 * every module.  Nothing here holds global state. */
#ifndef LOKET_UTIL_H
#define LOKET_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Allocation wrappers: abort the process on out-of-memory instead of
 * half-handling it (a server that cannot allocate 100 bytes cannot reply
 * usefully either).  Free the result with free(). */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* printf into a fresh malloc'd string; caller frees. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Arena: a bump allocator whose memory is released all at once by
 * arena_free().  Every request owns one; nothing allocated from it may be
 * freed individually. */
typedef struct arena arena;
arena *arena_new(void);
void arena_free(arena *a);
void *arena_alloc(arena *a, size_t n);          /* zeroed, 16-byte aligned */
char *arena_strdup(arena *a, const char *s);
char *arena_strndup(arena *a, const char *s, size_t n);
char *arena_printf(arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Room for one more element in an arena array p of n elements of size
 * bytes with capacity *cap: p itself, or a copy twice as large. */
void *arena_grow(arena *a, void *p, size_t n, size_t *cap, size_t size);

/* Growable byte string, always NUL-terminated.  Owns its buffer; release
 * with sb_free().  A zero-initialised strbuf is a valid empty string. */
typedef struct strbuf {
	char *buf;
	size_t len;
	size_t cap;
} strbuf;
void sb_append(strbuf *sb, const char *s, size_t n);
void sb_puts(strbuf *sb, const char *s);
void sb_putc(strbuf *sb, char c);
void sb_printf(strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_vprintf(strbuf *sb, const char *fmt, va_list ap);
/* Hands the buffer to the caller (free() it) and resets the strbuf. */
char *sb_steal(strbuf *sb);
void sb_free(strbuf *sb);
const char *sb_str(const strbuf *sb); /* "" when empty */

/* True when the n bytes at s are well-formed UTF-8 without overlong forms,
 * surrogates or NUL bytes. */
bool utf8_valid(const char *s, size_t n);

/* True when p is a path on this site to send a browser back to: it starts
 * with one '/' (not "//" or "/\", which browsers read as another host),
 * holds no backslash, control character or invalid UTF-8, and is at most
 * 512 bytes.  Anything else (a scheme, another host) is not. */
bool path_is_local(const char *p);

/* s percent-encoded for use as one query-string value; from a. */
char *url_encode_component(arena *a, const char *s);
/* Number of code points in a valid UTF-8 string. */
size_t utf8_len(const char *s, size_t n);

/* Constant-time comparison of two equal-length byte strings. */
bool ct_equal(const void *a, const void *b, size_t n);

/* Current time in seconds since the epoch (UTC). */
int64_t now_unix(void);
/* Formats t as "YYYY-MM-DDTHH:MM:SSZ" into out (at least 21 bytes). */
void fmt_iso8601(int64_t t, char out[static 21]);

/* Formats t as "22-11-2026 14:05" in local time (the process runs with
 * TZ=Europe/Amsterdam, set by main) into out. */
void fmt_datetime_nl(int64_t t, char out[static 20]);

/* "2026-11-22" -> "22-11-2026" into out; anything that is not an ISO date
 * is copied as far as it fits. */
void fmt_date_nl(const char *iso, char out[static 11]);

/* Logging to stdout with a timestamp; one line per call, thread safe. */
void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
