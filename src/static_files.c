/* static_files.c - load static/ into memory at start-up. */
#include "static_files.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

struct static_set {
	struct static_file *files; /* sorted by url_path for bsearch */
	size_t n, cap;
};

enum { MAX_STATIC_FILE = 16 * 1024 * 1024, MAX_DEPTH = 8 };

const char *static_mime(const char *name)
{
	static const struct { const char *ext, *mime; } types[] = {
		{".css", "text/css; charset=utf-8"},
		{".js", "text/javascript; charset=utf-8"},
		{".mjs", "text/javascript; charset=utf-8"},
		{".json", "application/json"},
		{".map", "application/json"},
		{".svg", "image/svg+xml"},
		{".png", "image/png"},
		{".jpg", "image/jpeg"},
		{".ico", "image/x-icon"},
		{".woff2", "font/woff2"},
		{".woff", "font/woff"},
		{".txt", "text/plain; charset=utf-8"},
	};
	const char *dot = strrchr(name, '.');
	if (dot)
		for (size_t i = 0; i < ARRAY_LEN(types); i++)
			if (strcmp(dot, types[i].ext) == 0)
				return types[i].mime;
	return "application/octet-stream";
}

static int read_file(const char *path, unsigned char **data, size_t *len)
{
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return -1;
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > MAX_STATIC_FILE) {
		close(fd);
		return -1;
	}
	unsigned char *buf = xmalloc((size_t)st.st_size + 1);
	size_t got = 0;
	while (got < (size_t)st.st_size) {
		ssize_t n = read(fd, buf + got, (size_t)st.st_size - got);
		if (n <= 0) {
			if (n < 0 && errno == EINTR)
				continue;
			break;
		}
		got += (size_t)n;
	}
	close(fd);
	if (got != (size_t)st.st_size) {
		free(buf);
		return -1;
	}
	*data = buf;
	*len = got;
	return 0;
}

static int walk(struct static_set *set, const char *fs_dir, const char *url_dir, int depth, char **err)
{
	if (depth > MAX_DEPTH)
		return 0;
	DIR *d = opendir(fs_dir);
	if (!d) {
		*err = xasprintf("kan map %s niet lezen: %s", fs_dir, strerror(errno));
		return -1;
	}
	struct dirent *e;
	int rc = 0;
	while (rc == 0 && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char *fs_path = xasprintf("%s/%s", fs_dir, e->d_name);
		char *url_path = xasprintf("%s/%s", url_dir, e->d_name);
		struct stat st;
		if (lstat(fs_path, &st) == 0) {
			if (S_ISDIR(st.st_mode)) {
				rc = walk(set, fs_path, url_path, depth + 1, err);
			} else if (S_ISREG(st.st_mode)) {
				unsigned char *data;
				size_t len;
				if (read_file(fs_path, &data, &len) != 0) {
					*err = xasprintf("kan %s niet lezen", fs_path);
					rc = -1;
				} else {
					if (set->n == set->cap) {
						set->cap = set->cap ? set->cap * 2 : 32;
						set->files = xrealloc(set->files, set->cap * sizeof *set->files);
					}
					unsigned char h[16];
					crypto_generichash(h, sizeof h, data, len, NULL, 0);
					char hex[33];
					sodium_bin2hex(hex, sizeof hex, h, sizeof h);
					set->files[set->n++] = (struct static_file){
						.url_path = url_path, .mime = static_mime(e->d_name),
						.etag = xasprintf("\"%s\"", hex), .data = data, .len = len,
					};
					url_path = NULL; /* owned by the set now */
				}
			}
		}
		free(fs_path);
		free(url_path);
	}
	closedir(d);
	return rc;
}

static int cmp_file(const void *a, const void *b)
{
	return strcmp(((const struct static_file *)a)->url_path, ((const struct static_file *)b)->url_path);
}

struct static_set *static_load(const char *dir, char **err)
{
	struct static_set *set = xcalloc(1, sizeof *set);
	if (walk(set, dir, "/static", 0, err) != 0) {
		static_free(set);
		return NULL;
	}
	if (set->n)
		qsort(set->files, set->n, sizeof *set->files, cmp_file);
	return set;
}

void static_free(struct static_set *set)
{
	if (!set)
		return;
	for (size_t i = 0; i < set->n; i++) {
		free((void *)set->files[i].url_path);
		free((void *)set->files[i].etag);
		free((void *)set->files[i].data);
	}
	free(set->files);
	free(set);
}

const struct static_file *static_find(const struct static_set *set, const char *url_path)
{
	if (!set || !set->n)
		return NULL;
	struct static_file key = {.url_path = url_path};
	return bsearch(&key, set->files, set->n, sizeof *set->files, cmp_file);
}
