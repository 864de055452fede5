/* db_session.h - sessions and failed sign-ins. */
#ifndef LOKET_DB_SESSION_H
#define LOKET_DB_SESSION_H

#include <jansson.h>
#include <stdint.h>

#include "db.h"
#include "http.h"

/* Looks up a session by token hash, with its (active) employee.  Strings
 * are allocated from a.  DB_NOT_FOUND when absent or the employee is
 * deactivated. */
enum db_status db_session_find(db *d, arena *a, const unsigned char hash[32], struct session *s,
                               struct user *u);
enum db_status db_session_insert(db *d, const unsigned char hash[32], int64_t medewerker_id,
                                 const char *csrf, const char *client_addr, int64_t now,
                                 int64_t *id_out);
enum db_status db_session_touch(db *d, int64_t id, int64_t now);
enum db_status db_session_delete(db *d, int64_t id);
enum db_status db_session_delete_for(db *d, int64_t medewerker_id);
/* Ends every session of the employee except keep_id (after a password change). */
enum db_status db_session_delete_others(db *d, int64_t medewerker_id, int64_t keep_id);

/* Failures since `since` for the username and for the address. */
enum db_status db_login_failures(db *d, const char *username, const char *addr, int64_t since,
                                 int64_t *by_user, int64_t *by_addr);
enum db_status db_login_failure_add(db *d, const char *username, const char *addr, int64_t now);
/* Forgets failures older than `before`, and the account's after a success. */
enum db_status db_login_failures_prune(db *d, int64_t before);
enum db_status db_login_failures_clear_user(db *d, const char *username);

/* ---- API bearer tokens ---- */

/* The active employee behind a bearer token's hash (not revoked, employee
 * active) and the token's id in *token_id; strings from a.  DB_NOT_FOUND
 * otherwise. */
enum db_status db_api_token_find(db *d, arena *a, const unsigned char hash[32], struct user *u,
                                 int64_t *token_id);
enum db_status db_api_token_insert(db *d, const unsigned char hash[32], int64_t medewerker_id,
                                   const char *name, int64_t created_by, int64_t *id_out);
/* DB_NOT_FOUND when absent or already revoked. */
enum db_status db_api_token_revoke(db *d, int64_t id, int64_t now);
/* [{id, name, medewerker, medewerker_id, created_at, revoked_at?}] newest first. */
json_t *db_api_token_list(db *d);

#endif
