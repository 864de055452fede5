/* multipart.c - multipart/form-data bodies (see include/multipart.h). */
#include "multipart.h"

#include <string.h>
#include <strings.h>

/* The value of parameter name ("boundary", "name", "filename") in a header
 * value such as 'form-data; name="x"; filename="y"', unquoted, from a; its
 * length in *n.  NULL when absent. */
static const char *param(arena *a, const char *h, size_t hl, const char *name, size_t *n)
{
	size_t nl = strlen(name);
	for (size_t i = 0; i + nl < hl; i++) {
		if ((i == 0 || h[i - 1] == ';' || h[i - 1] == ' ') && strncasecmp(h + i, name, nl) == 0 &&
		    h[i + nl] == '=') {
			size_t j = i + nl + 1;
			char *out = arena_alloc(a, hl - j + 1);
			size_t o = 0;
			if (j < hl && h[j] == '"') {
				j++;
				while (j < hl && h[j] != '"') {
					if (h[j] == '\\' && j + 1 < hl)
						j++;
					out[o++] = h[j++];
				}
				if (j >= hl)
					return NULL; /* unterminated quote */
			} else {
				while (j < hl && h[j] != ';' && h[j] != ' ')
					out[o++] = h[j++];
			}
			out[o] = '\0';
			*n = o;
			return out;
		}
	}
	return NULL;
}

enum multipart_status multipart_parse(arena *a, const char *ctype, const char *body, size_t len,
                                      struct form **form, struct upload *file)
{
	memset(file, 0, sizeof *file);
	size_t bl = 0;
	const char *b = ctype ? param(a, ctype, strlen(ctype), "boundary", &bl) : NULL;
	if (!b || bl == 0 || bl > 70)
		return MP_MALFORMED;
	char *delim = arena_printf(a, "\r\n--%s", b);
	size_t dl = bl + 4;
	struct form *f = arena_alloc(a, sizeof *f);
	f->pairs = arena_alloc(a, MULTIPART_MAX_PARTS * sizeof *f->pairs);
	*form = f;
	/* The first delimiter may open the body (without the CRLF). */
	const char *p;
	if (len >= dl - 2 && memcmp(body, delim + 2, dl - 2) == 0) {
		p = body + dl - 2;
	} else {
		p = memmem(body, len, delim, dl);
		if (!p)
			return MP_MALFORMED;
		p += dl;
	}
	const char *end = body + len;
	int parts = 0;
	for (;;) {
		if (end - p >= 2 && p[0] == '-' && p[1] == '-')
			return MP_OK; /* the final delimiter */
		if (end - p < 2 || p[0] != '\r' || p[1] != '\n')
			return MP_MALFORMED;
		p += 2;
		const char *hend = memmem(p, (size_t)(end - p), "\r\n\r\n", 4);
		if (!hend)
			return MP_MALFORMED;
		const char *content = hend + 4;
		const char *next = memmem(content, (size_t)(end - content), delim, dl);
		if (!next)
			return MP_MALFORMED;
		if (++parts > MULTIPART_MAX_PARTS)
			return MP_TOO_MANY;
		/* Content-Disposition among the part's headers. */
		const char *name = NULL, *filename = NULL;
		size_t nn = 0, fnl = 0;
		bool has_filename = false;
		for (const char *h = p; h < hend;) {
			const char *eol = memmem(h, (size_t)(hend - h), "\r\n", 2);
			if (!eol)
				eol = hend;
			static const char cd[] = "Content-Disposition:";
			if ((size_t)(eol - h) > sizeof cd - 1 && strncasecmp(h, cd, sizeof cd - 1) == 0) {
				const char *v = h + sizeof cd - 1;
				name = param(a, v, (size_t)(eol - v), "name", &nn);
				filename = param(a, v, (size_t)(eol - v), "filename", &fnl);
				has_filename = filename != NULL;
			}
			h = eol + 2;
		}
		if (!name || nn == 0 || memchr(name, '\0', nn))
			return MP_MALFORMED;
		size_t clen = (size_t)(next - content);
		if (has_filename) {
			if (file->field)
				return MP_DUPLICATE;
			*file = (struct upload){.field = name, .filename = filename, .filename_len = fnl,
			                        .data = content, .len = clen};
		} else {
			if (form_get(f, name) || (file->field && strcmp(file->field, name) == 0))
				return MP_DUPLICATE;
			struct form_pair *pair = &f->pairs[f->n++];
			pair->name = name;
			pair->bad_utf8 = !utf8_valid(content, clen) || memchr(content, '\0', clen);
			pair->value = pair->bad_utf8 ? "" : arena_strndup(a, content, clen);
		}
		p = next + dl;
	}
}
