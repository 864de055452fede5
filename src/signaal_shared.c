/* signaal_shared.c - what the signal handlers share (include/signaal_shared.h):
 * the field tables, who may see and change a signal, the queue's filter,
 * checking and storing a new signal, its follow-up and its link to a
 * household.  Used by src/handlers/signaal.c (the queue and one signal's
 * page), signaal_api.c (the JSON API) and signaal_nieuw.c (the form for
 * a new signal). */
#include <string.h>

#include "access.h"
#include "audit.h"
#include "db_regie.h"
#include "db_signaal.h"
#include "domain.h"
#include "form.h"
#include "signaal_shared.h"

const char BEZOEK_NOT_YOURS[] = "U heeft geen toegang tot dit bezoek: alleen wie het vastlegde, wie het "
                                       "spreekuur houdt en teamleiders kunnen er een signaal bij registreren.";

/* ---- field tables ----------------------------------------------------------------- */

const struct field_rule signaal_new_rules[N_COUNT] = NEW_RULES("huishouden", "bezoek", "gebied");

/* Follow-up: the status it moves to, what was done, who handles it. */
static const char *const follow_status_codes[] = {"in_onderzoek", "afgesloten", NULL};
#define FOLLOW_RULES(assigned)                                                                     \
	{                                                                                          \
		[F_STATUS] = {.name = "status", .label = "Status",                                 \
		              .kind = FIELD_CHOICE, .required = true,                              \
		              .choices = follow_status_codes},                                     \
		[F_OPVOLGING] = {.name = "opvolging", .label = "Wat er is gedaan of afgesproken",  \
		                 .kind = FIELD_TEXT, .max_len = 5000},                             \
		[F_TOEGEWEZEN] = {.name = assigned, .label = "Wie het opvolgt", .kind = FIELD_ID}, \
		[F_VERSIE] = {.name = "versie", .label = "Versie",                                 \
		              .kind = FIELD_INT, .required = true, .min = 1, .max = INT64_MAX},    \
	}
const struct field_rule signaal_follow_rules[F_COUNT] = FOLLOW_RULES("toegewezen");
const struct field_rule signaal_follow_api_rules[F_COUNT] = FOLLOW_RULES("toegewezen_aan");

/* Queue filter, on the page and in the API. */
const struct field_rule signaal_queue_rules[Q_COUNT] = {
	[Q_STATUS] = {.name = "status", .label = "Status", .kind = FIELD_CHOICE, .choices = vocab_signal_status_codes},
	[Q_GEBIED] = {.name = "gebied", .label = "Gebied", .kind = FIELD_ID},
};

/* ---- who may see what ------------------------------------------------------------- */

bool signaal_is_open(const struct signaal *s)
{
	return strcmp(s->status, "nieuw") == 0 || strcmp(s->status, "in_onderzoek") == 0;
}

/* Decides what r's user may see of s.  Returns a db_status. */
enum db_status signaal_view(struct req *r, const struct signaal *s, struct sig_view *out)
{
	*out = (struct sig_view){0};
	return access_signaal(r, s->huishouden_id, s->created_by, s->assigned_to, &out->content, &out->reason);
}

/* Loads signal id with what the user may see of it; replies and returns
 * -1 when it does not exist or on an error. */
int signaal_load(struct req *r, db *d, int64_t id, struct signaal *s, struct sig_view *v)
{
	enum db_status st = db_signaal_get(d, r->arena, id, s);
	if (st == DB_NOT_FOUND) {
		reply_error(r, ERR_NOT_FOUND, "Dit signaal bestaat niet.");
		return -1;
	}
	if (st != DB_OK || signaal_view(r, s, v) != DB_OK) {
		reply_error(r, ERR_INTERNAL, NULL);
		return -1;
	}
	return 0;
}

/* For changes: the user must see the content and the signal must be open.
 * Replies (403, 409) and returns -1 otherwise. */
int signaal_may_change(struct req *r, const struct signaal *s, const struct sig_view *v)
{
	if (!v->content) {
		reply_error(r, ERR_FORBIDDEN, "Dit signaal hoort bij een huishouden waar u geen toegang toe heeft. "
		                              "Alleen wie toegang heeft tot het huishouden, wie het signaal "
		                              "registreerde of opvolgt en teamleiders kunnen het opvolgen.");
		return -1;
	}
	if (!signaal_is_open(s)) {
		reply_error(r, ERR_CONFLICT, strcmp(s->status, "aanmelding") == 0
		                                 ? "Van dit signaal is al een aanmelding gemaakt; het kan niet meer "
		                                   "worden gewijzigd."
		                                 : "Dit signaal is afgesloten en kan niet meer worden gewijzigd.");
		return -1;
	}
	return 0;
}

/* Validates the queue's filters (status, gebied) from the query string;
 * returns the number of fields in error. */
int signaal_queue_filter(struct req *r, db *d, struct field_value q[Q_COUNT])
{
	int errors = form_validate(r->arena, r->query, signaal_queue_rules, Q_COUNT, q);
	if (!q[Q_GEBIED].error && q[Q_GEBIED].id && !db_gebied_exists(d, q[Q_GEBIED].id)) {
		q[Q_GEBIED].error = "Kies een bestaand gebied.";
		errors++;
	}
	return errors;
}

/* ---- a new signal ------------------------------------------------------------------- */

/* Checks what the table cannot: the gebied, household and walk-in must
 * exist.  Returns the number of fields it put in error, or -1 on a
 * database error. */
int signaal_new_check(struct req *r, db *d, struct field_value v[N_COUNT])
{
	int errors = 0;
	if (!v[N_GEBIED].error && !db_gebied_exists(d, v[N_GEBIED].id)) {
		v[N_GEBIED].error = "Kies een bestaand gebied.";
		errors++;
	} else if (v[N_GEBIED].error && !v[N_GEBIED].text[0]) {
		v[N_GEBIED].error = "Kies het gebied waar het signaal over gaat.";
	}
	if (!v[N_HUISHOUDEN].error && v[N_HUISHOUDEN].id) {
		struct hh_access_info acc;
		if (access_household(r, v[N_HUISHOUDEN].id, &acc) != DB_OK)
			return -1;
		if (acc.level == HH_NOT_FOUND) {
			v[N_HUISHOUDEN].error = "Dit huishouden bestaat niet. Zoek het opnieuw.";
			errors++;
		}
	}
	if (!v[N_BEZOEK].error && v[N_BEZOEK].id) {
		struct signaal_bezoek b;
		enum db_status s = db_signaal_bezoek(d, v[N_BEZOEK].id, &b);
		if (s == DB_NOT_FOUND) {
			v[N_BEZOEK].error = "Dit bezoek op het spreekuur bestaat niet.";
			errors++;
		} else if (s != DB_OK) {
			return -1;
		} else if (!access_bezoek(r, b.created_by, b.spreekuur_id)) {
			/* Linking would attach the signal to a walk-in the user may
			 * not see, and show its id back. */
			v[N_BEZOEK].error = BEZOEK_NOT_YOURS;
			errors++;
		}
	}
	if (v[N_OVER].error && !v[N_OVER].text[0])
		v[N_OVER].error = "Schrijf op over wie het signaal gaat, ook als de naam nog niet bekend is.";
	if (v[N_ZORG].error && !v[N_ZORG].text[0])
		v[N_ZORG].error = "Schrijf op wat de zorg is.";
	if (v[N_BRON].error && !v[N_BRON].text[0])
		v[N_BRON].error = "Kies van wie het signaal komt.";
	return errors;
}

/* Runs the search of a signal's household search box (a query in the URL:
 * a BSN is refused, and zr->bsn tells the caller not to echo q).  *error
 * gets the Dutch reason nothing was searched. */
enum db_status signaal_search(struct req *r, db *d, const char *q, struct zoek_result *zr, const char **error)
{
	*error = NULL;
	if (!q || !q[0]) {
		*zr = (struct zoek_result){0};
		return DB_OK;
	}
	if (zoek_run(r, d, q, false, zr) != DB_OK)
		return DB_ERROR;
	if (zr->bsn)
		*error = "Zoek hier op naam, geboortedatum of postcode met huisnummer: een BSN hoort niet in een "
		         "webadres.";
	else
		*error = zr->problem;
	return DB_OK;
}

/* Stores a validated new signal with its audit row. */
enum db_status signaal_store_new(struct req *r, db *d, const struct field_value *v, int64_t *id)
{
	struct signaal_input in = {
		.source_kind = v[N_BRON].text, .source_name = v[N_BRON_NAAM].text, .about = v[N_OVER].text,
		.concern = v[N_ZORG].text, .gebied_id = v[N_GEBIED].id, .safety_concern = v[N_MELDCODE].checked,
		.huishouden_id = v[N_HUISHOUDEN].id, .bezoek_id = v[N_BEZOEK].id};
	if (db_begin(d) != 0)
		return DB_ERROR;
	enum db_status s = db_signaal_insert(d, &in, r->user->id, id);
	struct audit_entry e = {.medewerker_id = r->user->id, .action = "signaal.create", .object_type = "signaal",
	                        .object_id = *id, .huishouden_id = in.huishouden_id, .client_addr = r->client_addr};
	if (s != DB_OK || (s = audit_append(d, &e)) != DB_OK || db_commit(d) != 0) {
		db_rollback(d);
		return s == DB_OK ? DB_ERROR : s;
	}
	return DB_OK;
}

/* ---- one signal: follow-up and linking --------------------------------------------- */

/* Audits a view of s as what the user could see of it. */
int signaal_audit_view(struct req *r, const struct signaal *s, const struct sig_view *v)
{
	return audit_view(r, v->content ? "signaal.view" : "signaal.view_beperkt", "signaal", s->id,
	                  s->huishouden_id, v->reason);
}

/* Checks what the follow-up table cannot.  Returns the number of fields it
 * put in error. */
int signaal_follow_check(db *d, struct field_value v[F_COUNT])
{
	int errors = 0;
	if (!v[F_TOEGEWEZEN].error && v[F_TOEGEWEZEN].id && !db_signaal_assignee_ok(d, v[F_TOEGEWEZEN].id)) {
		v[F_TOEGEWEZEN].error = "Kies een medewerker uit de lijst.";
		errors++;
	}
	if (!v[F_STATUS].error && strcmp(v[F_STATUS].text, "afgesloten") == 0 && !v[F_OPVOLGING].text[0]) {
		v[F_OPVOLGING].error = "Schrijf bij het afsluiten op wat er met het signaal is gedaan.";
		errors++;
	}
	if (v[F_STATUS].error && !v[F_STATUS].text[0])
		v[F_STATUS].error = "Kies de nieuwe status: in onderzoek of afgesloten.";
	return errors;
}

/* Stores validated follow-up of s.  DB_OK; DB_NOT_FOUND when the version
 * is stale or the signal no longer open (*now then holds the stored
 * signal); DB_ERROR. */
enum db_status signaal_store_follow(struct req *r, db *d, const struct signaal *s, const struct sig_view *sv,
                                    const struct field_value *v, struct signaal *now)
{
	if (db_begin(d) != 0)
		return DB_ERROR;
	enum db_status st = db_signaal_follow_up(d, s->id, v[F_VERSIE].id, v[F_STATUS].text, v[F_OPVOLGING].text,
	                                         v[F_TOEGEWEZEN].id, r->user->id);
	if (st == DB_NOT_FOUND) {
		db_rollback(d);
		return db_signaal_get(d, r->arena, s->id, now) == DB_OK ? DB_NOT_FOUND : DB_ERROR;
	}
	struct audit_entry e = {.medewerker_id = r->user->id, .action = "signaal.update", .object_type = "signaal",
	                        .object_id = s->id, .huishouden_id = s->huishouden_id, .reason = sv->reason,
	                        .client_addr = r->client_addr};
	if (st != DB_OK || audit_append(d, &e) != DB_OK || db_commit(d) != 0) {
		db_rollback(d);
		return DB_ERROR;
	}
	return DB_OK;
}

const char *signaal_conflict_message(struct req *r, const struct signaal *now)
{
	char when[20] = "";
	if (now->updated_at)
		fmt_datetime_nl(now->updated_at, when);
	const char *who = now->updated_by_name ? now->updated_by_name : "een collega";
	if (!signaal_is_open(now))
		return arena_printf(r->arena, "Dit signaal is intussen %s door %s (%s); er is niets opgeslagen.",
		                    strcmp(now->status, "aanmelding") == 0 ? "omgezet in een aanmelding" : "afgesloten",
		                    who, when);
	return arena_printf(r->arena, "%s heeft dit signaal op %s gewijzigd (nu versie %lld). Er is niets opgeslagen; "
	                              "controleer de gegevens en probeer het opnieuw.", who, when,
	                    (long long)now->version);
}

/* Links s to household hh (validated to exist) with its audit row.
 * DB_NOT_FOUND when s is no longer open. */
enum db_status signaal_store_link(struct req *r, db *d, const struct signaal *s, const struct sig_view *v, int64_t hh)
{
	if (db_begin(d) != 0)
		return DB_ERROR;
	enum db_status st = db_signaal_link(d, s->id, hh, r->user->id);
	struct audit_entry e = {.medewerker_id = r->user->id, .action = "signaal.koppelen", .object_type = "signaal",
	                        .object_id = s->id, .huishouden_id = hh, .reason = v->reason,
	                        .client_addr = r->client_addr};
	if (st != DB_OK || (st = audit_append(d, &e)) != DB_OK || db_commit(d) != 0) {
		db_rollback(d);
		return st == DB_OK ? DB_ERROR : st;
	}
	return DB_OK;
}

/* Validates the household to link: "" when fine, else the Dutch reason;
 * NULL on a database error. */
const char *signaal_link_problem(struct req *r, const struct field_value *hv)
{
	if (hv->error)
		return "Kies een huishouden uit de zoekresultaten.";
	struct hh_access_info acc;
	if (access_household(r, hv->id, &acc) != DB_OK)
		return NULL;
	return acc.level == HH_NOT_FOUND ? "Dit huishouden bestaat niet. Zoek het opnieuw." : "";
}
