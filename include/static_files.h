/* static_files.h - the files under static/, read into memory at start-up.
 *
 * Only files found by the start-up walk can ever be served, looked up by
 * their exact path; no request path reaches the file system, so there is
 * no way out of static/. */
#ifndef LOKET_STATIC_FILES_H
#define LOKET_STATIC_FILES_H

#include <stddef.h>

struct static_set;

struct static_file {
	const char *url_path;  /* "/static/css/loket.css" */
	const char *mime;
	const char *etag;      /* quoted strong ETag from a content hash */
	const unsigned char *data;
	size_t len;
};

/* Walks dir (regular files only; dot-files and symlinks are skipped) and
 * loads each file.  Returns the set (free with static_free), or NULL with
 * *err set (caller frees). */
struct static_set *static_load(const char *dir, char **err);
void static_free(struct static_set *set);

/* The file at url_path, or NULL. */
const struct static_file *static_find(const struct static_set *set, const char *url_path);

/* MIME type by file extension; application/octet-stream when unknown. */
const char *static_mime(const char *name);

#endif
