/* fuzz_server.h - the real server, in-process and without a listening
 * socket, for the HTTP and JSON API harnesses: a fresh database with the
 * demo data, a signed-in consulent and API tokens with fixed values, so
 * that inputs can reach the routes behind sign-in. */
#ifndef LOKET_FUZZ_SERVER_H
#define LOKET_FUZZ_SERVER_H

#include <stddef.h>
#include <stdint.h>

/* Cookie "__Host-sessie" of the consulent, and the session's CSRF token. */
#define FUZZ_SESSION "fuzzsessieconsulentAAAAAAAAAAAAAAAAAAAAAAAA"
#define FUZZ_CSRF "fuzzcsrfconsulentAAAAAAAAAAAAAAAAAAAAAAAAAA"
/* Bearer tokens (no CSRF needed) of two koppelingen: one with the role
 * consulent, in every demo household's casusteam, and one with the role
 * gebiedsteam.  A token never belongs to a person (migration 0013). */
#define FUZZ_TOKEN "loket_fuzztokenconsulentAAAAAAAAAAAAAAAAAAAAAAAAA"
#define FUZZ_TOKEN_GEBIED "loket_fuzztokengebiedsteamAAAAAAAAAAAAAAAAAAAAAAA"

/* Starts the server once per process (idempotent); exits on failure. */
void fuzz_server_init(void);
/* Sends the raw bytes as one connection, half-closes it and reads the
 * whole answer (discarded).  Aborts when the server does not answer or
 * close within 5 s: a hang, or anything slow enough to look like one,
 * is a finding too. */
void fuzz_server_send(const uint8_t *data, size_t size);

#endif
