/* multipart.h - multipart/form-data bodies (RFC 7578) for the upload
 * routes (ROUTE_UPLOAD): the text fields become a struct form as an
 * urlencoded body would, and one file part is kept as bytes pointing into
 * the body.  The file name a browser sends is kept as text to show, never
 * used as a path (src/handlers/document_upload.c cleans it). */
#ifndef LOKET_MULTIPART_H
#define LOKET_MULTIPART_H

#include <stdbool.h>
#include <stddef.h>

#include "form.h"
#include "util.h"

struct upload {
	const char *field;    /* the part's name */
	const char *filename; /* as sent (may be empty, may hold anything but NUL) */
	size_t filename_len;  /* bytes of filename as sent (a NUL in it shows here) */
	const char *data;     /* into the body; not NUL-terminated */
	size_t len;
};

enum multipart_status {
	MP_OK = 0,
	MP_MALFORMED,  /* no boundary, a part without headers, no final delimiter */
	MP_DUPLICATE,  /* a field name twice, or two files */
	MP_TOO_MANY    /* more than MULTIPART_MAX_PARTS parts */
};

enum { MULTIPART_MAX_PARTS = 20 };

/* Parses body (len bytes) sent with content type ctype.  Text parts go to
 * *form (allocated from a; values must be UTF-8 or are marked bad_utf8),
 * the one part with a filename parameter to *file (file->data NULL when
 * there is none).  Pointers refer into body and a, which must outlive
 * them. */
enum multipart_status multipart_parse(arena *a, const char *ctype, const char *body, size_t len,
                                      struct form **form, struct upload *file);

#endif
