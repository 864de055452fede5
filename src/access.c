/* access.c - need-to-know rules for household contents (see access.h). */
#include "access.h"

#include "audit.h"
#include "db_spreekuur.h"
#include "router.h"

/* The household's regisseur (and whether that account still acts), the
 * regisseur's team, casusteam membership, the team whose queue it is in
 * (the team of its gebied, else the central intake team), an unexpired
 * exception of the user, and whether the case is closed (and on which
 * local day). */
static const char SQL_ACCESS[] =
	"SELECT coalesce(h.regisseur_id, 0), coalesce(rm.team_id, 0), coalesce(rm.active, 0),"
	" EXISTS (SELECT 1 FROM casusteam c WHERE c.huishouden_id = h.id AND c.medewerker_id = ?2),"
	" coalesce(g.team_id, (SELECT t.id FROM team t WHERE t.centrale_intake = 1), 0),"
	" (SELECT t.reason FROM toegang_uitzondering t WHERE t.medewerker_id = ?2"
	"   AND t.huishouden_id = h.id AND t.expires_at > ?3 ORDER BY t.granted_at DESC LIMIT 1),"
	" h.status = 'afgesloten', date(h.closed_at, 'unixepoch', 'localtime')"
	" FROM huishouden h LEFT JOIN medewerker rm ON rm.id = h.regisseur_id"
	" LEFT JOIN gebied g ON g.id = h.gebied_id WHERE h.id = ?1";

enum { CASE_ROLES = ROLE_CONSULENT | ROLE_GEBIEDSTEAM | ROLE_TEAMLEIDER };

enum db_status access_household(struct req *r, int64_t hh, struct hh_access_info *out)
{
	*out = (struct hh_access_info){.level = HH_NOT_FOUND, .huishouden_id = hh};
	db *d = db_get();
	if (!d)
		return DB_ERROR;
	sqlite3_stmt *st = db_stmt(d, SQL_ACCESS);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, hh);
	sqlite3_bind_int64(st, 2, r->user->id);
	sqlite3_bind_int64(st, 3, now_unix());
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		db_done(st);
		return rc == SQLITE_DONE ? DB_OK : db_status_of(d, rc, "access");
	}
	out->regisseur_id = sqlite3_column_int64(st, 0);
	int64_t regisseur_team = sqlite3_column_int64(st, 1);
	/* A deactivated regisseur can no longer act: the household counts as
	 * one without regisseur, back in the queue of the team of its gebied. */
	int64_t acting_regisseur = sqlite3_column_int(st, 2) ? out->regisseur_id : 0;
	bool in_casusteam = sqlite3_column_int(st, 3) != 0;
	out->queue_team_id = sqlite3_column_int64(st, 4);
	const char *reason = db_col_text(st, 5);
	if (reason)
		out->exception_reason = arena_strdup(r->arena, reason);
	out->closed = sqlite3_column_int(st, 6) != 0;
	const char *closed_on = db_col_text(st, 7);
	if (out->closed && closed_on)
		out->closed_on = arena_strdup(r->arena, closed_on);
	db_done(st);

	unsigned roles = r->user->roles;
	bool teamleider = roles & ROLE_TEAMLEIDER;
	int64_t my_team = r->user->team_id;
	if (!(roles & CASE_ROLES)) {
		out->level = HH_NONE;
		out->exception_reason = NULL;
		return DB_OK;
	}
	/* Who steers (assigns the regie, builds the casusteam): the acting
	 * regisseur; the teamleider of the regisseur's team; while there is no
	 * acting regisseur, every teamleider and the employees of the team
	 * whose queue the household is in.  Never a casusteam member as such,
	 * never an exception. */
	if (acting_regisseur)
		out->may_steer = acting_regisseur == r->user->id ||
		                 (teamleider && regisseur_team && regisseur_team == my_team);
	else
		out->may_steer = teamleider || (out->queue_team_id && out->queue_team_id == my_team);
	out->in_queue_team = !acting_regisseur && out->queue_team_id && out->queue_team_id == my_team;
	if (out->may_steer || in_casusteam)
		out->level = HH_FULL;
	else if (out->exception_reason) {
		out->level = HH_FULL;
		out->by_exception = true;
	} else
		out->level = HH_EXCEPTION;
	if (!out->by_exception)
		out->exception_reason = NULL;
	return DB_OK;
}

int reply_lookup(struct req *r, enum db_status s, const char *not_found)
{
	reply_error(r, s == DB_NOT_FOUND ? ERR_NOT_FOUND : ERR_INTERNAL, s == DB_NOT_FOUND ? not_found : NULL);
	return -1;
}

int require_steering(struct req *r, const struct hh_access_info *acc)
{
	if (acc->may_steer)
		return 0;
	reply_error(r, ERR_FORBIDDEN, "Alleen de regisseur, de teamleider van het team van de regisseur, of "
	                              "(zolang er geen regisseur is) het team dat de wachtrij van dit gebied "
	                              "werkt, kan de regie en het casusteam wijzigen. Toegang met een reden "
	                              "(uitzonderingstoegang) geeft dat recht niet.");
	return -1;
}

/* A closed household is read-only: every writing request is refused,
 * except on the routes marked ROUTE_ON_CLOSED (heropenen, and afsluiten
 * with its own refusal). */
static int require_open(struct req *r, const struct hh_access_info *acc)
{
	if (!acc->closed || r->method == HTTP_GET || r->method == HTTP_HEAD ||
	    (r->route && (r->route->flags & ROUTE_ON_CLOSED)))
		return 0;
	char nl[11] = "";
	if (acc->closed_on)
		fmt_date_nl(acc->closed_on, nl);
	reply_error(r, ERR_CONFLICT,
	            nl[0] ? arena_printf(r->arena, "Dit huishouden is afgesloten op %s. Heropen het eerst om iets "
	                                           "te wijzigen.", nl)
	          : "Dit huishouden is afgesloten. Heropen het eerst om iets te wijzigen.");
	return -1;
}

int require_household(struct req *r, int64_t hh, const char *audit_action, const char *object_type,
                      int64_t object_id, struct hh_access_info *out)
{
	enum db_status s = access_household(r, hh, out);
	if (s != DB_OK) {
		reply_error(r, ERR_INTERNAL, NULL);
		return -1;
	}
	switch (out->level) {
	case HH_NOT_FOUND:
		reply_error(r, ERR_NOT_FOUND, "Dit huishouden bestaat niet.");
		return -1;
	case HH_NONE:
		reply_error(r, ERR_FORBIDDEN, "Met uw rol heeft u geen toegang tot de inhoud van dossiers.");
		return -1;
	case HH_EXCEPTION:
		if (r->is_api || r->method != HTTP_GET)
			reply_error(r, ERR_FORBIDDEN, "U heeft geen toegang tot dit huishouden. Vraag toegang "
			                              "met een reden (uitzonderingstoegang).");
		else
			reply_redirect(r, arena_printf(r->arena, "/huishoudens/%lld/toegang", (long long)hh));
		return -1;
	case HH_FULL:
		break;
	}
	if (require_open(r, out) != 0)
		return -1;
	if (audit_action && audit_view(r, audit_action, object_type, object_id, hh,
	                               out->by_exception ? out->exception_reason : NULL) != 0) {
		reply_error(r, ERR_INTERNAL, NULL);
		return -1;
	}
	return 0;
}

static const char SQL_GRANT[] =
	"INSERT INTO toegang_uitzondering(huishouden_id, medewerker_id, reason, granted_at, expires_at)"
	" VALUES (?, ?, ?, ?, ?)";

enum db_status access_grant_exception(struct req *r, int64_t hh, const char *reason)
{
	db *d = db_get();
	if (!d || db_begin(d) != 0)
		return DB_ERROR;
	sqlite3_stmt *st = db_stmt(d, SQL_GRANT);
	if (!st) {
		db_rollback(d);
		return DB_ERROR;
	}
	int64_t now = now_unix();
	sqlite3_bind_int64(st, 1, hh);
	sqlite3_bind_int64(st, 2, r->user->id);
	sqlite3_bind_text(st, 3, reason, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 4, now);
	sqlite3_bind_int64(st, 5, now + EXCEPTION_SECONDS);
	enum db_status s = db_exec_stmt(d, st, "grant exception");
	struct audit_entry e = {.medewerker_id = r->user->id, .action = "huishouden.toegang_uitzondering",
	                        .object_type = "huishouden", .object_id = hh, .huishouden_id = hh,
	                        .reason = reason, .client_addr = r->client_addr};
	if (s != DB_OK || (s = audit_append(d, &e)) != DB_OK || db_commit(d) != 0) {
		db_rollback(d);
		return s == DB_OK ? DB_ERROR : s;
	}
	return DB_OK;
}

bool access_bezoek(struct req *r, int64_t created_by, int64_t spreekuur_id)
{
	if (created_by == r->user->id || (r->user->roles & ROLE_TEAMLEIDER))
		return true;
	db *d = db_get();
	return d && db_spreekuur_staffed_by(d, spreekuur_id, r->user->id);
}

enum db_status access_signaal(struct req *r, int64_t huishouden_id, int64_t created_by, int64_t assigned_to,
                              bool *content, const char **reason)
{
	*content = true;
	*reason = NULL;
	if (!huishouden_id || created_by == r->user->id || assigned_to == r->user->id ||
	    (r->user->roles & ROLE_TEAMLEIDER))
		return DB_OK;
	struct hh_access_info acc;
	enum db_status st = access_household(r, huishouden_id, &acc);
	if (st != DB_OK)
		return st;
	*content = acc.level == HH_FULL;
	if (acc.by_exception)
		*reason = acc.exception_reason;
	return DB_OK;
}
