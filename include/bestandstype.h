/* bestandstype.h - the type of an uploaded file by its content (libmagic,
 * Debian libmagic-dev), never by its name, and the checks on the name a
 * browser sends.  Defined in src/bestandstype.c. */
#ifndef LOKET_BESTANDSTYPE_H
#define LOKET_BESTANDSTYPE_H

#include <stdbool.h>
#include <stddef.h>

/* The MIME type libmagic finds in data ("application/pdf", ...), or NULL
 * when libmagic fails (logged).  Static storage.  Thread-safe: one magic
 * cookie per thread. */
const char *bestandstype_detect(const void *data, size_t len);

/* True when mime is a type we keep: PDF, JPEG, PNG, ODT, DOCX. */
bool bestandstype_accepted(const char *mime);

/* True when name (len bytes, as sent) ends in an extension that belongs
 * to mime (".pdf" for application/pdf, ".jpg"/".jpeg" for image/jpeg,
 * ...), ignoring case. */
bool bestandstype_name_matches(const char *name, size_t len, const char *mime);

/* NULL when name (len bytes, as sent) is a plain file name; otherwise the
 * Dutch reason it is refused: empty, too long, a NUL, a control or
 * bidirectional character, a slash or backslash, "..", a leading dot, or
 * not UTF-8.  Names are shown, never used as paths. */
const char *bestandstype_name_problem(const char *name, size_t len);

#endif
