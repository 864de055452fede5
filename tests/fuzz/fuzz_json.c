/* fuzz_json.c - libFuzzer harness for the JSON API input: the first byte
 * picks one of the API's writing endpoints, the rest is sent as its JSON
 * body with a valid bearer token, through the whole server (body limit,
 * JSON parsing, validation tables, handlers, the database).  See
 * tests/fuzz/README.md. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_server.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Demo ids 1 exist (household, person, ...); the plan and the rest are
 * made by earlier inputs or answer 404, which is a path worth taking too. */
static const char *const endpoints[] = {
	"POST /api/v1/aanmeldingen",
	"PUT /api/v1/huishoudens/1",
	"POST /api/v1/huishoudens/1/personen",
	"PUT /api/v1/personen/1",
	"POST /api/v1/zoeken",
	"POST /api/v1/huishoudens/1/intakes",
	"PUT /api/v1/intakes/1",
	"POST /api/v1/huishoudens/1/netwerk",
	"PUT /api/v1/netwerkleden/1",
	"POST /api/v1/huishoudens/1/journaal",
	"PUT /api/v1/journaal/1",
	"POST /api/v1/personen/1/toestemmingen",
	"POST /api/v1/toestemmingen/1/intrekken",
	"POST /api/v1/huishoudens/1/plan",
	"POST /api/v1/plannen/1/vaststellen",
	"POST /api/v1/plannen/1/doelen",
	"PUT /api/v1/doelen/1",
	"POST /api/v1/doelen/1/rolgesprek",
	"POST /api/v1/doelen/1/afspraken",
	"PUT /api/v1/afspraken/1",
	"POST /api/v1/huishoudens/1/voorzieningen",
	"PUT /api/v1/voorzieningen/1",
	"POST /api/v1/voorzieningen/1/status",
	"POST /api/v1/plannen/1/evaluaties",
	"POST /api/v1/huishoudens/1/afsluiten",
	"POST /api/v1/huishoudens/1/moreel-beraad",
	"POST /api/v1/huishoudens/1/toegang",
	"PUT /api/v1/huishoudens/1/regisseur",
	"POST /api/v1/huishoudens/1/casusteam",
	"POST /api/v1/sessie",
};
enum { ENDPOINTS = sizeof endpoints / sizeof endpoints[0] };

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_server_init();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	const char *ep = endpoints[data[0] % ENDPOINTS];
	const char *space = strchr(ep, ' ');
	char head[512];
	int n = snprintf(head, sizeof head,
	                 "%.*s %s HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer %s\r\n"
	                 "Content-Type: application/json\r\nContent-Length: %zu\r\nConnection: close\r\n\r\n",
	                 (int)(space - ep), ep, space + 1, FUZZ_TOKEN, size - 1);
	uint8_t *req = malloc((size_t)n + size);
	if (!req)
		abort();
	memcpy(req, head, (size_t)n);
	memcpy(req + n, data + 1, size - 1);
	fuzz_server_send(req, (size_t)n + size - 1);
	free(req);
	return 0;
}
