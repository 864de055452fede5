/* access.h - need-to-know: who may see the contents of a household.
 *
 * Contents (members' details beyond name/birth date/address, network,
 * aanmeldingen, intake, journal, consent, plan) are open to the household's
 * regisseur, its casusteam, and the teamleider of the regisseur's team.
 * While a household has no acting regisseur (none, or a deactivated
 * account), it is in the queue of the team that covers its gebied (the
 * central intake team when it has no gebied, or its gebied no team): the
 * employees of that team and every teamleider have access.  Registering
 * an aanmelding grants nothing by itself.  Any other consulent,
 * gebiedsteam member or teamleider may open it by exception with a reason
 * of at least 10 characters, valid for EXCEPTION_SECONDS and listed for the
 * regisseur; an exception never allows changing the regie or the
 * casusteam.  Beheerder and privacy officer have no case access by role. */
#ifndef LOKET_ACCESS_H
#define LOKET_ACCESS_H

#include <stdbool.h>
#include <stdint.h>

#include "db.h"
#include "http.h"

enum { EXCEPTION_SECONDS = 8 * 60 * 60, EXCEPTION_REASON_MIN = 10 };

enum hh_access {
	HH_NOT_FOUND,   /* no such household */
	HH_NONE,        /* the role can never see contents (beheerder, privacy officer) */
	HH_EXCEPTION,   /* may open it by exception, with a reason */
	HH_FULL         /* may see and change contents */
};

struct hh_access_info {
	enum hh_access level;
	int64_t huishouden_id;
	int64_t regisseur_id;         /* 0 when none */
	bool by_exception;            /* HH_FULL through an exception */
	bool may_steer;               /* may assign the regie and change the
	                               * casusteam (see access_household) */
	bool in_queue_team;           /* no acting regisseur, and the user is in
	                               * the team whose queue it is in */
	int64_t queue_team_id;        /* the team of its gebied, else the
	                               * central intake team; 0 when none */
	const char *exception_reason; /* when by_exception; in the request arena */
	bool closed;                  /* status afgesloten: read-only */
	const char *closed_on;        /* when closed: "YYYY-MM-DD" (local), in
	                               * the request arena; else NULL */
};

/* Decides the signed-in user's access to household hh.  Returns a
 * db_status; *out is filled when DB_OK. */
enum db_status access_household(struct req *r, int64_t hh, struct hh_access_info *out);

/* For handlers of household contents: 0 when the user has full access (and,
 * when audit_action is not NULL, the view is audited in its own
 * transaction, with the exception's reason when access is by exception).
 * Otherwise replies (404, 403, or for the browser a redirect to the
 * exception form /huishoudens/{id}/toegang) and returns -1.  A closed
 * household is read-only: a writing request (not GET or HEAD) is refused
 * with 409 "Dit huishouden is afgesloten op <datum>. Heropen het eerst ..."
 * unless its route carries ROUTE_ON_CLOSED (include/router.h). */
int require_household(struct req *r, int64_t hh, const char *audit_action, const char *object_type,
                      int64_t object_id, struct hh_access_info *out);

/* For a loader whose lookup of the object a page is about failed (s is
 * not DB_OK): replies 404 with not_found for DB_NOT_FOUND, 500 otherwise,
 * and returns -1.  The usual pair is this and require_household. */
int reply_lookup(struct req *r, enum db_status s, const char *not_found);

/* For the regie and casusteam changes: 0 when acc (from
 * require_household) allows steering, otherwise replies 403 with the rule
 * and returns -1. */
int require_steering(struct req *r, const struct hh_access_info *acc);

/* A walk-in (bezoek) is open to the employee who registered it, those who
 * staff its spreekuur and teamleiders (docs/security.md). */
bool access_bezoek(struct req *r, int64_t created_by, int64_t spreekuur_id);

/* Whether r's user may see a signal's content (whom it is about, the
 * concern, the follow-up): always while it is not linked to a household;
 * once linked, who registered it, the one assigned, teamleiders and whoever
 * may open the household.  *reason gets the exception's reason when that
 * access is by exception (else NULL).  Returns a db_status. */
enum db_status access_signaal(struct req *r, int64_t huishouden_id, int64_t created_by, int64_t assigned_to,
                              bool *content, const char **reason);

/* Grants r's user access by exception (reason already validated) and
 * audits it as such.  Returns a db_status. */
enum db_status access_grant_exception(struct req *r, int64_t hh, const char *reason);

#endif
