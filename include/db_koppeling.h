/* db_koppeling.h - koppelingen (technical API accounts) and the API bearer
 * tokens issued for them.  A koppeling is a medewerker row of soort
 * 'koppeling' (migration 0013): audit rows and created_by columns name it
 * like an employee, but it has no password, holds at most the roles
 * consulent and gebiedsteam, and never appears where people are chosen.
 * JSON results are new references the caller owns; strings in struct user
 * are allocated from the caller's arena. */
#ifndef LOKET_DB_KOPPELING_H
#define LOKET_DB_KOPPELING_H

#include <jansson.h>
#include <stdint.h>

#include "db.h"
#include "http.h"

/* The roles a koppeling may hold: consulent and gebiedsteam. */
#define KOPPELING_ROLES (ROLE_CONSULENT | ROLE_GEBIEDSTEAM)

/* Inserts an active koppeling named name with roles (within
 * KOPPELING_ROLES) and team (0 for none); its username is
 * "koppeling:<n>", which no person's username can be.  DB_CONSTRAINT when
 * the roles are outside the limit or another koppeling has the name. */
enum db_status db_koppeling_insert(db *d, const char *name, unsigned roles, int64_t team_id, int64_t by,
                                   int64_t *id_out);
/* Every koppeling, active first, then by name: [{id, name, roles, team?,
 * active, tokens_open}] (tokens not revoked nor expired at now). */
json_t *db_koppeling_list(db *d, int64_t now);
/* Active koppelingen for the token form: [{id, name}] by name. */
json_t *db_koppeling_active(db *d);
/* DB_OK when id is an active koppeling, DB_NOT_FOUND otherwise (a person,
 * an inactive koppeling, or nothing). */
enum db_status db_koppeling_check_active(db *d, int64_t id);
/* True when a koppeling (active or not) has this name, case-insensitively. */
enum db_status db_koppeling_name_taken(db *d, const char *name, bool *taken);
/* Deactivates koppeling id and revokes its open tokens at now; *revoked
 * gets how many.  DB_NOT_FOUND when id is no active koppeling. */
enum db_status db_koppeling_deactivate(db *d, int64_t id, int64_t by, int64_t now, int64_t *revoked);

/* ---- API bearer tokens ---- */

enum db_token_state { TOKEN_VALID, TOKEN_UNKNOWN, TOKEN_EXPIRED };

/* The active koppeling behind a bearer token's hash, into *u, and the
 * token's row id into *token_id.  Only a token that is not revoked, whose
 * owner is an active koppeling, is found at all; *state says whether it
 * is past expires_at (TOKEN_EXPIRED: *u is not filled).  A person is never
 * loaded here.  DB_NOT_FOUND (state TOKEN_UNKNOWN) otherwise. */
enum db_status db_api_token_find(db *d, arena *a, const unsigned char hash[32], int64_t now, struct user *u,
                                 int64_t *token_id, enum db_token_state *state);
/* DB_CONSTRAINT when koppeling_id is not a koppeling (a trigger refuses). */
enum db_status db_api_token_insert(db *d, const unsigned char hash[32], int64_t koppeling_id,
                                   const char *name, int64_t created_by, int64_t expires_at, int64_t *id_out);
/* DB_NOT_FOUND when absent or already revoked. */
enum db_status db_api_token_revoke(db *d, int64_t id, int64_t now);
/* [{id, name, koppeling, koppeling_id, created_at, expires_at, revoked_at?,
 * revoked_reason?}] newest first. */
json_t *db_api_token_list(db *d);
/* Writes the audit rows for tokens that migration 0013 revoked (tokens of
 * persons), once, in one transaction.  *n gets how many. */
enum db_status db_api_token_audit_pending(db *d, int64_t *n);

#endif
