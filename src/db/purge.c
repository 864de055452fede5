/* purge.c - retention periods, the households due for destruction and the
 * purge itself (see db_purge.h). */
#include "db_purge.h"

#include <string.h>

#include "db_referentie.h"
#include "util.h"

/* ---- periods ---------------------------------------------------------------- */

static const char SQL_TERMIJN_LIST[] =
	"SELECT b.legal_basis AS grondslag, b.years AS jaren, m.name AS gewijzigd_door,"
	" b.updated_at AS gewijzigd_op FROM bewaartermijn b LEFT JOIN medewerker m ON m.id = b.updated_by"
	" ORDER BY CASE b.legal_basis WHEN 'wmo2015' THEN 1 WHEN 'jeugdwet' THEN 2"
	" WHEN 'participatiewet' THEN 3 WHEN 'overig' THEN 4 ELSE 5 END";
static const char SQL_TERMIJN_SET[] =
	"UPDATE bewaartermijn SET years = ?, updated_by = ?, updated_at = ? WHERE legal_basis = ?";

json_t *db_bewaartermijn_list(db *d)
{
	sqlite3_stmt *st = db_stmt(d, SQL_TERMIJN_LIST);
	if (!st)
		return NULL;
	return db_all_rows_or_null(d, st, "bewaartermijnen");
}

enum db_status db_bewaartermijn_set(db *d, const char *legal_basis, int64_t years, int64_t by)
{
	sqlite3_stmt *st = db_stmt(d, SQL_TERMIJN_SET);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, years);
	sqlite3_bind_int64(st, 2, by);
	sqlite3_bind_int64(st, 3, now_unix());
	sqlite3_bind_text(st, 4, legal_basis, -1, SQLITE_TRANSIENT);
	return db_exec_changed(d, st, "bewaartermijn");
}

/* ---- due households ----------------------------------------------------------- */

/* The basis that applies is the one with the longest period among the
 * household's voorzieningen (algemene voorzieningen have none); 'geen'
 * when there is none.  Local dates, like every date on the pages. */
#define DUE_SQL(WHERE_HH, LIMIT)                                                                    \
	"WITH hh AS (SELECT h.id, h.closed_at, h.gebied_id,"                                         \
	"  coalesce((SELECT b.legal_basis FROM voorziening v JOIN bewaartermijn b"                    \
	"            ON b.legal_basis = v.legal_basis WHERE v.huishouden_id = h.id"                   \
	"            ORDER BY b.years DESC, b.legal_basis LIMIT 1), 'geen') AS basis"                 \
	"  FROM huishouden h WHERE " WHERE_HH " h.status = 'afgesloten' AND h.closed_at IS NOT NULL)" \
	" SELECT hh.id AS huishouden_id, date(hh.closed_at, 'unixepoch', 'localtime') AS gesloten_op," \
	" hh.basis AS grondslag, b.years AS jaren,"                                                    \
	" date(hh.closed_at, 'unixepoch', 'localtime', '+' || b.years || ' years') AS termijn_verstreken_op," \
	" hh.gebied_id AS gebied_id, g.name AS gebied"                                                 \
	" FROM hh JOIN bewaartermijn b ON b.legal_basis = hh.basis LEFT JOIN gebied g ON g.id = hh.gebied_id" \
	" WHERE date(hh.closed_at, 'unixepoch', 'localtime', '+' || b.years || ' years')"              \
	"       < date('now', 'localtime')"                                                            \
	" ORDER BY hh.closed_at, hh.id" LIMIT

static const char SQL_DUE_ALL[] = DUE_SQL("", " LIMIT 200");
static const char SQL_DUE_ONE[] = DUE_SQL("h.id = ?1 AND", "");
_Static_assert(PURGE_LIST_MAX == 200, "SQL_DUE_ALL spells out PURGE_LIST_MAX");

json_t *db_purge_due(db *d, int64_t hh)
{
	sqlite3_stmt *st = db_stmt(d, hh ? SQL_DUE_ONE : SQL_DUE_ALL);
	if (!st)
		return NULL;
	if (hh)
		sqlite3_bind_int64(st, 1, hh);
	return db_all_rows_or_null(d, st, "te vernietigen");
}

/* ---- the purge ------------------------------------------------------------------ */

static const char SQL_ARCHIVE[] =
	"INSERT INTO statistiek_archief(team_id, gebied_id, aangemeld_on, intake_on, plan_vastgesteld_on,"
	" closed_on, close_reason, purged_at)"
	" SELECT team_id, gebied_id, aangemeld_on, intake_on, plan_vastgesteld_on, closed_on,"
	" coalesce(close_reason, 'anders'), ?2 FROM statistiek_live WHERE huishouden_id = ?1 AND closed_on IS NOT NULL";
/* The periods before a reopening (migration 0017) are kept the same way. */
static const char SQL_ARCHIVE_PERIODS[] =
	"INSERT INTO statistiek_archief(team_id, gebied_id, aangemeld_on, intake_on, plan_vastgesteld_on,"
	" closed_on, close_reason, purged_at)"
	" SELECT team_id, gebied_id, aangemeld_on, intake_on, plan_vastgesteld_on, closed_on, close_reason, ?2"
	" FROM statistiek_periode WHERE huishouden_id = ?1";

#define HH_PERSONS    "(SELECT id FROM persoon WHERE huishouden_id = ?1)"
#define HH_PLAN       "(SELECT id FROM plan WHERE huishouden_id = ?1)"
#define HH_DOEL       "(SELECT id FROM doel WHERE plan_id IN " HH_PLAN ")"
#define HH_EVALUATIE  "(SELECT id FROM evaluatie WHERE plan_id IN " HH_PLAN ")"
#define HH_INTAKE     "(SELECT id FROM intake WHERE huishouden_id = ?1)"
#define HH_AANMELDING "(SELECT id FROM aanmelding WHERE huishouden_id = ?1)"
#define HH_JOURNAAL   "(SELECT id FROM journaal WHERE huishouden_id = ?1)"
#define HH_VOORZ      "(SELECT id FROM voorziening WHERE huishouden_id = ?1)"
#define HH_TOEWIJZING "(SELECT id FROM toewijzing WHERE voorziening_id IN " HH_VOORZ " OR persoon_id IN " HH_PERSONS ")"
#define HH_BERICHT    "(SELECT id FROM bericht WHERE huishouden_id = ?1 OR persoon_id IN " HH_PERSONS ")"
#define HH_NETWERK    "(SELECT id FROM netwerklid WHERE huishouden_id = ?1)"
#define HH_BEZOEK     "(SELECT id FROM bezoek WHERE huishouden_id = ?1 OR aanmelding_id IN " HH_AANMELDING ")"

/* In an order the foreign keys allow: what refers to a row goes before
 * it.  counted: a DELETE whose rows count as removed; the UPDATEs clear
 * other households' optional references to a member who moved there. */
static const struct {
	const char *sql;
	bool counted;
} purge_steps[] = {
	/* Read marks of meldingen about the household's rows (ids only). */
	{"DELETE FROM melding_gelezen WHERE (soort = 'veiligheidszorg' AND object_id IN"
	 " (SELECT id FROM veiligheidszorg WHERE huishouden_id = ?1))"
	 " OR (soort = 'overdracht' AND object_id IN (SELECT id FROM regie_toewijzing WHERE huishouden_id = ?1))"
	 " OR (soort = 'afspraak' AND object_id IN (SELECT id FROM afspraak WHERE doel_id IN " HH_DOEL "))"
	 " OR (soort IN ('toegewezen', 'termijn_week', 'termijn_verlopen') AND object_id IN " HH_AANMELDING ")"
	 " OR (soort = 'verzoek' AND object_id IN (SELECT id FROM verzoek WHERE huishouden_id = ?1))"
	 " OR (soort IN ('signaal_overlap', 'signaal_tijdelijk') AND object_id IN " HH_VOORZ ")", false},
	{"DELETE FROM signaal WHERE huishouden_id = ?1 OR aanmelding_id IN " HH_AANMELDING
	 " OR bezoek_id IN " HH_BEZOEK, true},
	{"DELETE FROM bezoek WHERE huishouden_id = ?1 OR aanmelding_id IN " HH_AANMELDING, true},
	/* Documents (generated letters and uploads, with their content). */
	{"DELETE FROM document WHERE huishouden_id = ?1", true},
	{"DELETE FROM moreel_beraad WHERE journaal_id IN " HH_JOURNAAL " OR doel_id IN " HH_DOEL
	 " OR voorziening_id IN " HH_VOORZ, true},
	{"DELETE FROM evaluatie_doel WHERE evaluatie_id IN " HH_EVALUATIE " OR doel_id IN " HH_DOEL, true},
	{"DELETE FROM zrm_score WHERE persoon_id IN " HH_PERSONS " OR intake_id IN " HH_INTAKE
	 " OR evaluatie_id IN " HH_EVALUATIE, true},
	{"DELETE FROM gezondheid_score WHERE persoon_id IN " HH_PERSONS " OR intake_id IN " HH_INTAKE
	 " OR evaluatie_id IN " HH_EVALUATIE, true},
	{"DELETE FROM evaluatie WHERE plan_id IN " HH_PLAN, true},
	{"DELETE FROM afspraak WHERE doel_id IN " HH_DOEL, true},
	{"DELETE FROM rolgesprek WHERE doel_id IN " HH_DOEL, true},
	{"UPDATE rolgesprek SET supports_persoon_id = NULL, version = version + 1"
	 " WHERE supports_persoon_id IN " HH_PERSONS, false},
	/* Berichtenverkeer (issue 14): the household's requests, declared
	 * prestaties, toewijzingen and messages (the counter keeps their
	 * numbers from being given again). */
	{"DELETE FROM verzoek WHERE huishouden_id = ?1 OR persoon_id IN " HH_PERSONS, true},
	{"DELETE FROM declaratie_prestatie WHERE voorziening_id IN " HH_VOORZ " OR toewijzing_id IN " HH_TOEWIJZING, true},
	{"DELETE FROM bericht_toewijzing WHERE toewijzing_id IN " HH_TOEWIJZING " OR bericht_id IN " HH_BERICHT, false},
	{"DELETE FROM toewijzing WHERE id IN " HH_TOEWIJZING, true},
	{"UPDATE bericht SET antwoord_op = NULL WHERE antwoord_op IN " HH_BERICHT, false},
	{"DELETE FROM bericht WHERE id IN " HH_BERICHT, true},
	{"DELETE FROM voorziening_doel WHERE voorziening_id IN " HH_VOORZ " OR doel_id IN " HH_DOEL, false},
	{"DELETE FROM voorziening WHERE huishouden_id = ?1", true},
	{"UPDATE voorziening SET persoon_id = NULL, version = version + 1 WHERE persoon_id IN " HH_PERSONS, false},
	{"DELETE FROM doel WHERE plan_id IN " HH_PLAN, true},
	{"UPDATE doel SET persoon_id = NULL, version = version + 1 WHERE persoon_id IN " HH_PERSONS, false},
	{"DELETE FROM plan_instemming WHERE plan_id IN " HH_PLAN, true},
	{"UPDATE plan_instemming SET persoon_id = NULL WHERE persoon_id IN " HH_PERSONS, false},
	{"DELETE FROM plan_versie WHERE plan_id IN " HH_PLAN, true},
	{"DELETE FROM plan WHERE huishouden_id = ?1", true},
	{"DELETE FROM intake_expertise WHERE intake_id IN " HH_INTAKE, true},
	{"DELETE FROM intake_deelnemer WHERE intake_id IN " HH_INTAKE " OR persoon_id IN " HH_PERSONS
	 " OR netwerklid_id IN " HH_NETWERK, true},
	{"DELETE FROM intake WHERE huishouden_id = ?1", true},
	{"DELETE FROM journaal_versie WHERE journaal_id IN " HH_JOURNAAL, true},
	{"DELETE FROM journaal WHERE huishouden_id = ?1", true},
	{"DELETE FROM toestemming WHERE persoon_id IN " HH_PERSONS, true},
	{"DELETE FROM veiligheidszorg_stap WHERE zorg_id IN (SELECT id FROM veiligheidszorg WHERE huishouden_id = ?1)", true},
	{"DELETE FROM veiligheidszorg WHERE huishouden_id = ?1", true},
	{"UPDATE veiligheidszorg SET persoon_id = NULL, version = version + 1 WHERE persoon_id IN " HH_PERSONS, false},
	{"DELETE FROM toegang_uitzondering WHERE huishouden_id = ?1", true},
	{"DELETE FROM casusteam WHERE huishouden_id = ?1", true},
	{"DELETE FROM regie_toewijzing WHERE huishouden_id = ?1", true},
	{"DELETE FROM aanmelding WHERE huishouden_id = ?1", true},
	{"UPDATE aanmelding SET persoon_id = NULL, version = version + 1 WHERE persoon_id IN " HH_PERSONS, false},
	{"DELETE FROM netwerklid WHERE huishouden_id = ?1", true},
	{"DELETE FROM huishouden_periode WHERE huishouden_id = ?1", true},
	{"DELETE FROM persoon_zoekterm WHERE persoon_id IN " HH_PERSONS, true},
	{"DELETE FROM persoon WHERE huishouden_id = ?1", true},
	{"DELETE FROM huishouden WHERE id = ?1", true},
};

enum db_status db_purge_household(db *d, int64_t hh, int64_t *rows)
{
	*rows = 0;
	sqlite3_stmt *st = db_stmt(d, SQL_ARCHIVE);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, hh);
	sqlite3_bind_int64(st, 2, now_unix());
	enum db_status s = db_exec_stmt(d, st, "statistiek archiveren");
	if (s != DB_OK)
		return s;
	/* Only a closed household has figures to keep; the caller checked. */
	if (sqlite3_changes(db_sqlite(d)) != 1)
		return DB_NOT_FOUND;
	if (!(st = db_stmt(d, SQL_ARCHIVE_PERIODS)))
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, hh);
	sqlite3_bind_int64(st, 2, now_unix());
	if ((s = db_exec_stmt(d, st, "statistiek archiveren: perioden")) != DB_OK)
		return s;
	for (size_t i = 0; i < ARRAY_LEN(purge_steps); i++) {
		st = db_stmt(d, purge_steps[i].sql);
		if (!st)
			return DB_ERROR;
		sqlite3_bind_int64(st, 1, hh);
		s = db_exec_stmt(d, st, "vernietigen");
		if (s != DB_OK)
			return s;
		if (purge_steps[i].counted)
			*rows += sqlite3_changes(db_sqlite(d));
	}
	return DB_OK;
}
