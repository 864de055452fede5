/* bestandstype.c - file types by content with libmagic (see
 * include/bestandstype.h).  libmagic's cookie is not thread-safe: each
 * thread opens its own on first use (closed when the thread ends).
 * Decompression is off (MAGIC_NO_CHECK_COMPRESS): an upload is never
 * unpacked to be recognised. */
#include "bestandstype.h"

#include <magic.h>
#include <pthread.h>
#include <string.h>
#include <strings.h>

#include "util.h"

static pthread_key_t cookie_key;
static pthread_once_t cookie_once = PTHREAD_ONCE_INIT;

static void cookie_close(void *m)
{
	magic_close(m);
}

static void cookie_init(void)
{
	pthread_key_create(&cookie_key, cookie_close);
}

static magic_t cookie(void)
{
	pthread_once(&cookie_once, cookie_init);
	magic_t m = pthread_getspecific(cookie_key);
	if (m)
		return m;
	m = magic_open(MAGIC_MIME_TYPE | MAGIC_NO_CHECK_COMPRESS | MAGIC_ERROR);
	if (!m)
		return NULL;
	if (magic_load(m, NULL) != 0) {
		log_error("libmagic: %s", magic_error(m));
		magic_close(m);
		return NULL;
	}
	pthread_setspecific(cookie_key, m);
	return m;
}

static const struct {
	const char *mime, *ext[3];
} types[] = {
	{"application/pdf", {"pdf", NULL}},
	{"image/jpeg", {"jpg", "jpeg", NULL}},
	{"image/png", {"png", NULL}},
	{"application/vnd.oasis.opendocument.text", {"odt", NULL}},
	{"application/vnd.openxmlformats-officedocument.wordprocessingml.document", {"docx", NULL}},
};

const char *bestandstype_detect(const void *data, size_t len)
{
	magic_t m = cookie();
	if (!m)
		return NULL;
	const char *t = magic_buffer(m, data, len);
	if (!t) {
		log_error("libmagic: %s", magic_error(m));
		return NULL;
	}
	for (size_t i = 0; i < ARRAY_LEN(types); i++)
		if (strcmp(t, types[i].mime) == 0)
			return types[i].mime;
	return "application/octet-stream";
}

bool bestandstype_accepted(const char *mime)
{
	for (size_t i = 0; mime && i < ARRAY_LEN(types); i++)
		if (strcmp(mime, types[i].mime) == 0)
			return true;
	return false;
}

bool bestandstype_name_matches(const char *name, size_t len, const char *mime)
{
	const char *dot = NULL;
	for (size_t i = 0; i < len; i++)
		if (name[i] == '.')
			dot = name + i;
	if (!dot)
		return false;
	size_t el = len - (size_t)(dot + 1 - name);
	for (size_t i = 0; i < ARRAY_LEN(types); i++) {
		if (strcmp(mime, types[i].mime) != 0)
			continue;
		for (int k = 0; types[i].ext[k]; k++)
			if (strlen(types[i].ext[k]) == el && strncasecmp(dot + 1, types[i].ext[k], el) == 0)
				return true;
	}
	return false;
}

const char *bestandstype_name_problem(const char *name, size_t len)
{
	if (!name || len == 0)
		return "Het bestand heeft geen naam. Geef het een naam en kies het opnieuw.";
	if (len > 200)
		return "De bestandsnaam is langer dan 200 tekens. Geef het bestand een kortere naam.";
	if (memchr(name, '\0', len) || !utf8_valid(name, len))
		return "De bestandsnaam bevat tekens die niet zijn toegestaan. Geef het bestand een gewone naam.";
	const unsigned char *s = (const unsigned char *)name;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < 0x20 || s[i] == 0x7f || s[i] == '/' || s[i] == '\\')
			return "De bestandsnaam bevat een schuine streep of onzichtbare tekens. Geef het bestand een gewone naam.";
		/* U+200E/F, U+202A..E, U+2066..9 (E2 80 8E/8F, E2 80 AA..AE,
		 * E2 81 A6..A9) and U+061C (D8 9C): they turn a name around. */
		if (i + 2 < len && s[i] == 0xE2 && ((s[i + 1] == 0x80 && (s[i + 2] == 0x8E || s[i + 2] == 0x8F ||
		                                                           (s[i + 2] >= 0xAA && s[i + 2] <= 0xAE))) ||
		                                    (s[i + 1] == 0x81 && s[i + 2] >= 0xA6 && s[i + 2] <= 0xA9)))
			return "De bestandsnaam bevat onzichtbare tekens die de leesrichting omdraaien. Geef het bestand een gewone naam.";
		if (i + 1 < len && s[i] == 0xD8 && s[i + 1] == 0x9C)
			return "De bestandsnaam bevat onzichtbare tekens die de leesrichting omdraaien. Geef het bestand een gewone naam.";
	}
	if (name[0] == '.' || memmem(name, len, "..", 2))
		return "De bestandsnaam mag niet met een punt beginnen en geen twee punten achter elkaar hebben.";
	return NULL;
}
