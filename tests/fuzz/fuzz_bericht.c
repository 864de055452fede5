/* fuzz_bericht.c - libFuzzer harness for incoming iWmo/iJw messages: the
 * input is one file as `loket berichten import` and POST /api/v1/berichten
 * hand it to berichten_import (size and encoding checks, the DOCTYPE
 * refusal, libxml2's parser without entities, XSD and the official rule
 * stylesheet, then our matching, applying and retour in one transaction),
 * against the demo database of the in-process server.  The release is
 * LOKET_ISTANDAARDEN, or ../shared/conformance/istandaarden.  See
 * tests/fuzz/README.md. */
#include <stdint.h>
#include <stdlib.h>

#include "bericht_validatie.h"
#include "berichten.h"
#include "db.h"
#include "fuzz_server.h"
#include "util.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_server_init();
	const char *rel = getenv("LOKET_ISTANDAARDEN");
	bericht_release_set(rel && *rel ? rel : "../shared/conformance/istandaarden");
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int started;
	if (!started) {
		LLVMFuzzerInitialize(NULL, NULL);
		started = 1;
	}
	db *d = db_get();
	if (!d)
		abort();
	arena *a = arena_new();
	struct bericht_import out;
	/* The database may refuse (busy); a crash or a sanitizer report is
	 * what counts. */
	(void)berichten_import(d, a, "fuzz.xml", (const char *)data, size, 0, &out);
	arena_free(a);
	db_end_of_request("fuzz bericht");
	return 0;
}
