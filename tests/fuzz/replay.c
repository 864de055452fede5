/* replay.c - runs a libFuzzer harness over its corpus without libFuzzer,
 * as a regression test in `make test`: every file under the given
 * directories is one input.  A crash, a sanitizer report or a hang (the
 * harness aborts) fails the program; each input that passes prints an
 * "ok" line for tests/run.sh. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int replay_dir(const char *harness, const char *dir)
{
	DIR *d = opendir(dir);
	if (!d) {
		printf("not ok - %s: corpus %s cannot be read\n", harness, dir);
		return 1;
	}
	char **names = NULL;
	size_t n = 0;
	for (struct dirent *e; (e = readdir(d));) {
		if (e->d_name[0] == '.')
			continue;
		names = realloc(names, (n + 1) * sizeof *names);
		names[n++] = strdup(e->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof *names, cmp);
	int failed = n == 0;
	if (n == 0)
		printf("not ok - %s: corpus %s is empty\n", harness, dir);
	for (size_t i = 0; i < n; i++) {
		char path[4096];
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		FILE *f = fopen(path, "rb");
		uint8_t *buf = NULL;
		size_t len = 0;
		if (f) {
			fseek(f, 0, SEEK_END);
			long sz = ftell(f);
			fseek(f, 0, SEEK_SET);
			buf = malloc(sz > 0 ? (size_t)sz : 1);
			len = sz > 0 ? fread(buf, 1, (size_t)sz, f) : 0;
			fclose(f);
		}
		if (!f || !buf) {
			printf("not ok - %s: %s cannot be read\n", harness, path);
			failed = 1;
		} else {
			LLVMFuzzerTestOneInput(buf, len);
			printf("ok - %s replays %s\n", harness, names[i]);
		}
		fflush(stdout);
		free(buf);
		free(names[i]);
	}
	free(names);
	return failed;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: %s harness-name corpus-dir...\n", argv[0]);
		return 2;
	}
	if (LLVMFuzzerInitialize)
		LLVMFuzzerInitialize(&argc, &argv);
	int failed = 0;
	for (int i = 2; i < argc; i++)
		failed |= replay_dir(argv[1], argv[i]);
	return failed;
}
