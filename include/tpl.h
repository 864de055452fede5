/* tpl.h - the Mustache template engine (spec: interpolation, sections,
 * inverted sections, comments, partials, set delimiters; no lambdas) over
 * Jansson values.  {{name}} escapes & < > " ' ; {{{name}}} and {{&name}} emit
 * raw text and are allowed only where tests/raw-allowlist.txt says so.
 *
 * A tpl_set is parsed once at start-up and is read-only afterwards, so any
 * number of threads may render from it at the same time. */
#ifndef LOKET_TPL_H
#define LOKET_TPL_H

#include <jansson.h>
#include <stdbool.h>
#include "util.h"

typedef struct tpl_set tpl_set;

/* Empty set; free with tpl_set_free(). */
tpl_set *tpl_set_new(void);
void tpl_set_free(tpl_set *set);

/* Parses src (len bytes) and stores it under name, replacing an existing
 * template of that name.  Returns 0, or -1 with *err set to a malloc'd
 * message (caller frees) naming the template and line. */
int tpl_set_add(tpl_set *set, const char *name, const char *src, size_t len, char **err);

/* Adds every "*.mustache" file directly in dir under its file name without
 * the extension ("layout-begin.mustache" -> "layout-begin").  Returns the
 * number of templates loaded, or -1 with *err set (caller frees). */
int tpl_set_load_dir(tpl_set *set, const char *dir, char **err);

bool tpl_set_has(const tpl_set *set, const char *name);

/* Renders template name with data as the root context, appending to out.
 * Partials ({{> other}}) are looked up in the same set; a missing partial
 * renders as empty text, as the spec says.  Returns 0, or -1 with *err set
 * (caller frees) when name is unknown or the render was cut off at its
 * bound of work (2,000,000 nodes or 32 MiB of output: partials that
 * include themselves more than once grow exponentially). */
int tpl_render(const tpl_set *set, const char *name, const json_t *data, strbuf *out, char **err);

/* One-off rendering of a template string; partials is a JSON object of
 * name -> template string, or NULL.  Used by the spec tests.  Returns 0, or
 * -1 with *err set (caller frees) on a parse error or at the bound of work. */
int tpl_render_string(const char *src, const json_t *data, const json_t *partials, strbuf *out, char **err);

/* Appends s HTML-escaped (& < > " ' ) to out. */
void tpl_escape_html(strbuf *out, const char *s, size_t n);

#endif
