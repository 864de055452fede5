/* auth.h - passwords, sessions, CSRF and sign-in throttling. */
#ifndef LOKET_AUTH_H
#define LOKET_AUTH_H

#include <sodium.h>
#include <stdbool.h>
#include <stdint.h>

#include "http.h"

enum {
	PASSWORD_MIN_CHARS = 12,
	PASSWORD_MAX_CHARS = 128,
	SESSION_IDLE_SECONDS = 30 * 60,
	SESSION_ABSOLUTE_SECONDS = 12 * 60 * 60,
	THROTTLE_WINDOW_SECONDS = 15 * 60,
	THROTTLE_MAX_FAILURES = 5,
	TOKEN_BYTES = 32,
	TOKEN_TEXT = 44 /* base64url of 32 bytes without padding, plus NUL */
};

/* Cookie names without the __Host- prefix (see cookie_name()). */
#define SESSION_COOKIE "sessie"
#define PRELOGIN_COOKIE "inlog"

/* Role names as used in forms and JSON, and their Dutch labels. */
extern const char *const role_names[];  /* NULL-terminated, bit order */
extern const char *const role_labels[];
/* "Consulent, Teamleider" from a role bit set; allocated from a. */
const char *roles_label(arena *a, unsigned roles);

/* Checks the rules for a new password of the account username (name: the
 * person's name; either may be NULL): 12..128 characters, valid UTF-8, no
 * control characters, and not what an attacker tries first: the username
 * or name (once or twice, ignoring case), a common password (a compiled-in
 * list, ignoring case), one character or a short piece repeated, a straight
 * run of digits or letters (src/pwrules.c).  Returns NULL or a Dutch
 * message for the field; nothing allocated. */
const char *password_problem(const char *pw, const char *username, const char *name);

/* Argon2id (crypto_pwhash_str, interactive limits), synchronous: for the
 * command line and demo data only, never on a request thread.  Returns 0. */
int password_hash_now(const char *pw, char out[crypto_pwhash_STRBYTES]);

/* A one-time password: 16 characters from an alphabet without look-alikes
 * (0/O, 1/l/I), in groups of four for reading aloud; about 90 bits. */
void password_generate(char out[20]);

/* Fresh random token: 32 bytes from randombytes_buf, base64url text. */
void token_new(char out[TOKEN_TEXT]);
/* BLAKE2b-256 of a token's text: what the database stores. */
void token_hash(const char *token, unsigned char out[32]);

/* ---- the password-hashing pool --------------------------------------- */

/* Argon2id takes tens of milliseconds and 64 MiB; it runs on its own
 * threads so the HTTP workers' other connections are never stalled: the
 * request's connection is suspended and resumed when the work is done. */
struct pw_job {
	/* in */
	const char *verify_hash;  /* stored hash to verify against, or NULL */
	const char *password;     /* the password to verify */
	const char *new_password; /* a password to hash, or NULL */
	/* out */
	bool verified;
	bool hashed;
	char new_hash[crypto_pwhash_STRBYTES];
};

int pwpool_start(unsigned threads);
void pwpool_stop(void);
/* Suspends r's connection, runs job on the pool, and makes the server call
 * then(r) when it is done.  job must live in r's arena.  Returns 0. */
int pwpool_submit(struct req *r, struct pw_job *job, resume_fn then);

/* A hash of a random password to verify against when the username does not
 * exist, so that response time does not reveal which usernames do. */
const char *pwpool_dummy_hash(void);

/* ---- sessions ---------------------------------------------------------- */

/* Loads the session named by the request's cookie into r->user and
 * r->session, ending it when idle or too old (r->session_expired).
 * Returns 0, or -1 on a database error. */
int auth_load_session(struct req *r);

/* API bearer tokens: "loket_" followed by 43 base64url characters.
 * Loads the koppeling of the request's "Authorization: Bearer" token into
 * r->user (r->bearer set, r->token_id the token's row); a token never acts as a person.  Returns 1 when
 * a token was given and is valid, 0 when none was given, -2 when one was
 * given but is unknown or revoked (or its koppeling deactivated), -3 when
 * it is past its expiry date, -1 on a database error. */
int auth_load_bearer(struct req *r);
/* A new bearer token text (for showing once) into out. */
void bearer_token_new(char out[TOKEN_TEXT + 6]);

/* Starts a session for user_id (a fresh token at every sign-in), sets the
 * cookie on the pending response and audits the sign-in.  Returns 0. */
int auth_start_session(struct req *r, int64_t user_id);

/* Ends r's session server-side and clears the cookie.  Returns 0. */
int auth_end_session(struct req *r);

/* True when the request carries the right CSRF token: the form field
 * "csrf" or the X-CSRF-Token header against the session, or against the
 * pre-sign-in cookie for prelogin routes. */
bool auth_csrf_ok(struct req *r, bool prelogin);

/* The pre-sign-in CSRF token for the sign-in form: the cookie's value, or
 * a new one set on the response.  Allocated from r's arena. */
const char *auth_prelogin_token(struct req *r);

/* Sign-in throttling.  Every password check (a sign-in, the current
 * password on /wachtwoord) first reserves its attempt: in one write
 * transaction it counts the failures of username and of the client address
 * within the window and, below THROTTLE_MAX_FAILURES, records this attempt
 * as a failure before the hash is computed.  Writers take turns, so however
 * many attempts arrive at once, at most THROTTLE_MAX_FAILURES are checked.
 * A successful check clears the user's failures (auth_attempt_succeeded).
 * per_address: a sign-in counts toward its client address too; the
 * current password of a signed-in employee counts toward the account only.
 * Returns 0 when the attempt may go ahead, 1 when it is throttled, -1 on
 * a database error (the caller refuses). */
int auth_attempt_reserve(struct req *r, const char *username, bool per_address);
/* After a correct password: the user's failures (this attempt's reserved
 * row among them) are cleared, inside the caller's transaction or alone.
 * Returns a db_status. */
enum db_status auth_attempt_succeeded(struct req *r, const char *username);
/* After a wrong password: audits action ("login.failed",
 * "password.check_failed") with the account's id when the username
 * exists (known_id 0 otherwise).  The failure itself was counted by
 * auth_attempt_reserve.  Logged when the row cannot be written. */
void auth_attempt_failed(struct req *r, const char *action, int64_t known_id);

#endif
