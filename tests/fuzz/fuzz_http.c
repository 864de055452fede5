/* fuzz_http.c - libFuzzer harness: the input is the raw bytes a client
 * sends on one connection (one or more HTTP/1.1 requests), through the
 * real parser (libmicrohttpd), our request context, routing, sign-in,
 * CSRF, body parsing and handlers.  See tests/fuzz/README.md. */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_server.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_server_init();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_server_send(data, size);
	return 0;
}
