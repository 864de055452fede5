/* db_dashboard.h - the figures of the team dashboard, the lists behind
 * them and the "Mijn werk" lists of a case worker.
 *
 * Every figure is one aggregate query over indexed columns; historical
 * figures (throughput, outflow) read statistiek_live and
 * statistiek_archief together so they stay right after a purge.  Rows come
 * back as Jansson objects keyed by the SQL aliases (the API's names; SQL
 * NULL columns are left out).  Every function returns a db_status and, on
 * DB_OK, sets *out to a new reference the caller owns. */
#ifndef LOKET_DB_DASHBOARD_H
#define LOKET_DB_DASHBOARD_H

#include <jansson.h>
#include <stdint.h>

#include "db.h"

/* The dashboard's filters, already validated.  A household belongs to the
 * team of its regisseur; households without an (active) regisseur belong
 * to no team yet and show under every team in the current queues. */
struct dash_filter {
	int64_t team_id;    /* 0: alle teams */
	int64_t gebied_id;  /* 0: alle gebieden */
	char from[8];       /* first month shown, "YYYY-MM" */
	char to[8];         /* last month shown, "YYYY-MM" */
	char today[11];     /* "YYYY-MM-DD", local time */
	int64_t now;        /* unix seconds, for waiting times */
};

/* Caseload per active consulent/gebiedsteam employee of the team:
 * [{medewerker_id, naam, team?, huishoudens, plan_actief,
 * evaluatie_verlopen}] by name.  Households are counted when not closed
 * (and in the gebied). */
enum db_status db_dash_caseload(db *d, const struct dash_filter *f, json_t **out);

/* Not-closed households without regisseur or whose regisseur is no longer
 * active, longest waiting first: [{huishouden_id, adres, gebied?,
 * vorige_regisseur?, wacht_sinds (YYYY-MM-DD), wachtdagen}]; limit < 0
 * for all.  Waiting is counted from the oldest open aanmelding, or from
 * the registration when none is open.  *total gets the number of such
 * households. */
enum db_status db_dash_unassigned(db *d, const struct dash_filter *f, int limit, json_t **out, int64_t *total);

/* The unassigned households by waiting time: [{code, aantal}] for the
 * buckets of DASH_AGE_BUCKETS, in that order (zero counts included). */
enum db_status db_dash_unassigned_ages(db *d, const struct dash_filter *f, json_t **out);

/* Waiting-time buckets in days [min, max): codes "week", "twee_weken",
 * "maand", "langer". */
struct dash_age_bucket {
	const char *code, *label;
	int64_t min_days, max_days;
};
extern const struct dash_age_bucket DASH_AGE_BUCKETS[4];

/* Open safety concerns, oldest first: open aanmeldingen with the meldcode
 * flag and signalen flagged as unsafe in status nieuw or in_onderzoek:
 * [{soort ("aanmelding"|"signaal"), id, huishouden_id?, adres?, bron?,
 * urgentie?, gebied?, ontvangen (YYYY-MM-DD), wachtdagen}].  No free text. */
enum db_status db_dash_safety(db *d, const struct dash_filter *f, json_t **out);

/* Throughput per month of the step reached, in days, for the steps
 * "aanmelding_intake", "intake_plan" and "aanmelding_plan":
 * [{maand, stap, aantal, mediaan, p90}] ordered by month and step; months
 * without a step reached are absent.  Median and 90th percentile by
 * nearest rank over the sorted days. */
enum db_status db_dash_throughput(db *d, const struct dash_filter *f, json_t **out);

/* Approved declared amounts per aanbieder in the period (issue 14), read
 * live: [{aanbieder_id, aanbieder, gedeclareerd_cents}] by name. */
enum db_status db_dash_declared(db *d, const struct dash_filter *f, json_t **out);
/* Active maatwerk voorzieningen (toegekend or gestart) per aanbieder:
 * [{aanbieder_id, aanbieder, aantal, kosten_cents}] by name. */
enum db_status db_dash_providers(db *d, const struct dash_filter *f, json_t **out);
/* Maatwerk started in the period (by ingangsdatum, granted), per month and
 * legal basis, and how many of those came through an external verwijzer
 * rather than the gemeente's own onderzoek (issue 16 item 5):
 * [{maand "YYYY-MM", grondslag, aantal, buiten_regie}]. */
enum db_status db_dash_verwijzing(db *d, const struct dash_filter *f, json_t **out);

/* Closed households per month of closing and reason:
 * [{maand, reden, aantal}] ordered by month and reason. */
enum db_status db_dash_outflow(db *d, const struct dash_filter *f, json_t **out);

/* What a list behind a figure selects. */
enum dash_list_kind {
	DASH_LIST_REGISSEUR,          /* medewerker: not closed, as regisseur */
	DASH_LIST_PLAN_ACTIEF,        /* medewerker: of those, plan vastgesteld/geevalueerd */
	DASH_LIST_EVALUATIE_VERLOPEN, /* medewerker: of those, evaluation overdue */
	DASH_LIST_ZONDER_REGISSEUR,   /* min_days..max_days waiting */
	DASH_LIST_STAP,               /* step reached in month (live households only) */
	DASH_LIST_AANBIEDER,          /* with an active maatwerk voorziening of aanbieder */
	DASH_LIST_UITSTROOM,          /* closed in month, for reason (or any) */
	DASH_LIST_IDS                 /* the households of ids_json (behind a result, src/resultaat.c) */
};

struct dash_list_query {
	enum dash_list_kind kind;
	int64_t medewerker_id, aanbieder_id;
	const char *month;      /* "YYYY-MM" for STAP and UITSTROOM */
	const char *step;       /* "aanmelding_intake", "intake_plan", "aanmelding_plan" */
	const char *reason;     /* UITSTROOM: a close reason, or NULL for all */
	int64_t min_days, max_days; /* ZONDER_REGISSEUR */
	const char *ids_json;   /* IDS: a JSON array of household ids */
};

enum { DASH_LIST_MAX = 500 };

/* The households behind a figure, at most DASH_LIST_MAX: [{huishouden_id,
 * adres, bewoners?, regisseur?, status, aangemeld?, intake?,
 * plan_vastgesteld?, afgesloten?}] (dates YYYY-MM-DD).  The filter's team
 * and gebied apply; *total is the number of all matching households. */
enum db_status db_dash_list(db *d, const struct dash_filter *f, const struct dash_list_query *q, json_t **out,
                            int64_t *total);

/* Rows in statistiek_archief matching a STAP or UITSTROOM list: purged
 * households counted in the figure but no longer listed. */
enum db_status db_dash_list_archived(db *d, const struct dash_filter *f, const struct dash_list_query *q,
                                     int64_t *count);

/* Teams and gebieden for the filter: [{id, naam}] by name. */
enum db_status db_dash_teams(db *d, json_t **out);
enum db_status db_dash_gebieden(db *d, json_t **out);

/* ---- Mijn werk ------------------------------------------------------------------ */

/* Not-closed households where me is regisseur: [{id, adres, bewoners?,
 * status, volgende_evaluatie?, afspraken_verlopen, evaluatie_verlopen
 * (0/1)}] by address. */
enum db_status db_dash_my_households(db *d, int64_t me, const char *today, json_t **out);
/* Where else me works, with the role: households whose casusteam me is in
 * (not as regisseur: those are above) and open aanmeldingen me picked up
 * or was handed, by address: [{id, adres, rol ("casusteam",
 * "behandelaar"), aanmelding_id?}].  New reference in *out. */
enum db_status db_dash_my_involvement(db *d, int64_t me, json_t **out);

/* Open agreements that me carries as employee or that sit in households
 * where me is regisseur, by due date: [{id, huishouden_id, adres, wat,
 * wie, uiterlijk (YYYY-MM-DD), dagen_te_laat (> 0 when overdue)}], at
 * most 200. */
enum db_status db_dash_my_agreements(db *d, int64_t me, const char *today, json_t **out);

#endif
