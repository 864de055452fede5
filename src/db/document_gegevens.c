/* document_gegevens.c - what the letters are made of (see
 * db_document_gegevens.h). */
#include "db_document_gegevens.h"

#define NAME(t) t ".first_name || coalesce(' ' || " t ".name_prefix, '') || ' ' || " t ".last_name"

static const char SQL_HUISHOUDEN[] =
	"SELECT h.id, h.street || ' ' || h.house_number || coalesce(h.house_suffix, '') AS straat, h.postcode,"
	" h.city AS plaats, m.name AS regisseur, m.email AS regisseur_email"
	" FROM huishouden h LEFT JOIN medewerker m ON m.id = h.regisseur_id AND m.active = 1 WHERE h.id = ?";
static const char SQL_PERSONEN[] =
	"SELECT id, " NAME("persoon") " AS naam, role AS rol, birth_date AS geboortedatum,"
	/* "mevrouw De Vries-Bos" for the salutation when the geslacht is
	 * known (the prefix capitalised, as after a title). */
	" CASE geslacht WHEN '1' THEN 'heer ' WHEN '2' THEN 'mevrouw ' END"
	" || coalesce(upper(substr(name_prefix, 1, 1)) || substr(name_prefix, 2) || ' ', '') || last_name AS aanhef"
	" FROM persoon"
	" WHERE huishouden_id = ? ORDER BY birth_date, id";
static const char SQL_GEMEENTE[] =
	"SELECT intended_effect AS effect, justification AS onderbouwing FROM rolgesprek"
	" WHERE doel_id = ? AND level = 'gemeente' ORDER BY id";
static const char SQL_PLAN[] =
	"SELECT id, status, version_no AS versie_nr, agreed_on AS ingestemd_op, agreed_how AS ingestemd_hoe,"
	" next_evaluation AS evaluatie FROM plan WHERE huishouden_id = ?";
static const char SQL_DOELEN[] =
	"SELECT d.id, d.domain AS domein, d.wish AS wens, d.target_date AS streefdatum, d.status,"
	" p.first_name AS voor FROM doel d LEFT JOIN persoon p ON p.id = d.persoon_id"
	" WHERE d.plan_id = ? AND d.status <> 'vervallen' ORDER BY d.target_date, d.id";
static const char SQL_ROLGESPREK[] =
	"SELECT r.doel_id, r.level AS niveau, r.contribution AS bijdrage, coalesce(n.name, s.name) AS wie"
	" FROM rolgesprek r JOIN doel d ON d.id = r.doel_id LEFT JOIN netwerklid n ON n.id = r.netwerklid_id"
	" LEFT JOIN sociale_kaart s ON s.id = r.sociale_kaart_id WHERE d.plan_id = ?"
	" ORDER BY r.doel_id, CASE r.level WHEN 'inwoner' THEN 1 WHEN 'netwerk' THEN 2"
	" WHEN 'voorliggend_veld' THEN 3 ELSE 4 END, r.id";
static const char SQL_AFSPRAKEN[] =
	"SELECT a.doel_id, coalesce(" NAME("p") ", n.name, m.name, b.name) AS wie, a.what AS wat,"
	" a.due_date AS wanneer, a.done_on AS gedaan FROM afspraak a JOIN doel d ON d.id = a.doel_id"
	" LEFT JOIN persoon p ON p.id = a.persoon_id LEFT JOIN netwerklid n ON n.id = a.netwerklid_id"
	" LEFT JOIN medewerker m ON m.id = a.medewerker_id LEFT JOIN aanbieder b ON b.id = a.aanbieder_id"
	" WHERE d.plan_id = ? ORDER BY a.due_date, a.id";
static const char SQL_INSTEMMING[] =
	"SELECT name AS naam, representative AS vertegenwoordiger FROM plan_instemming"
	" WHERE plan_id = ? AND version_no = ? ORDER BY representative, id";
static const char SQL_INTAKE[] =
	"SELECT id, held_on AS gehouden_op, question_behind AS vraag_achter_de_vraag, strengths AS sterke_punten"
	" FROM intake WHERE huishouden_id = ? ORDER BY held_on DESC, id DESC LIMIT 1";
static const char SQL_DEELNEMERS[] =
	"SELECT coalesce(" NAME("p") ", n.name, m.name) AS naam,"
	" CASE WHEN i.persoon_id IS NOT NULL THEN 'huishouden' WHEN i.netwerklid_id IS NOT NULL THEN 'netwerk'"
	" ELSE 'gemeente' END AS soort FROM intake_deelnemer i LEFT JOIN persoon p ON p.id = i.persoon_id"
	" LEFT JOIN netwerklid n ON n.id = i.netwerklid_id LEFT JOIN medewerker m ON m.id = i.medewerker_id"
	" WHERE i.intake_id = ? ORDER BY i.id";
static const char SQL_SCORES[] =
	"SELECT p.first_name AS persoon, z.domain AS domein, z.score FROM zrm_score z"
	" JOIN persoon p ON p.id = z.persoon_id WHERE z.intake_id = ? ORDER BY p.birth_date, p.id, z.id";
static const char SQL_NETWERK[] =
	"SELECT name AS naam, relation AS relatie, can_do AS kan_doen FROM netwerklid"
	" WHERE huishouden_id = ? AND active = 1 ORDER BY id";
static const char SQL_VRAAG[] =
	"SELECT question AS vraag FROM aanmelding WHERE huishouden_id = ? ORDER BY received_at DESC, id DESC LIMIT 1";

static const char SQL_AANMELDINGEN[] =
	"SELECT id, strftime('%d-%m-%Y', received_at, 'unixepoch', 'localtime') || ': ' || substr(question, 1, 60)"
	" || CASE WHEN length(question) > 60 THEN '…' ELSE '' END AS label FROM aanmelding WHERE huishouden_id = ?"
	" ORDER BY received_at DESC, id DESC LIMIT 50";
static const char SQL_JOURNAAL[] =
	"SELECT id, strftime('%d-%m-%Y', entry_date) || ': ' || substr(replace(replace(body, char(13), ' '), char(10), ' '), 1, 60)"
	" || CASE WHEN length(body) > 60 THEN '…' ELSE '' END AS label FROM journaal WHERE huishouden_id = ?"
	" ORDER BY entry_date DESC, id DESC LIMIT 50";

static json_t *rows(db *d, const char *sql, int64_t a, int64_t b, int nbind, const char *ctx)
{
	sqlite3_stmt *st = db_stmt(d, sql);
	if (!st)
		return NULL;
	sqlite3_bind_int64(st, 1, a);
	if (nbind > 1)
		sqlite3_bind_int64(st, 2, b);
	return db_all_rows_or_null(d, st, ctx);
}

static json_t *one(db *d, const char *sql, int64_t a, const char *ctx)
{
	json_t *all = rows(d, sql, a, 0, 1, ctx);
	if (!all)
		return NULL;
	json_t *o = json_array_size(all) ? json_incref(json_array_get(all, 0)) : json_object();
	json_decref(all);
	return o;
}

json_t *db_brief_huishouden(db *d, int64_t hh) { return one(d, SQL_HUISHOUDEN, hh, "brief huishouden"); }
json_t *db_brief_personen(db *d, int64_t hh) { return rows(d, SQL_PERSONEN, hh, 0, 1, "brief personen"); }
json_t *db_brief_gemeente_bijdrage(db *d, int64_t doel_id)
{
	return rows(d, SQL_GEMEENTE, doel_id, 0, 1, "brief gemeente");
}
json_t *db_brief_plan(db *d, int64_t hh) { return one(d, SQL_PLAN, hh, "brief plan"); }
json_t *db_brief_doelen(db *d, int64_t plan_id) { return rows(d, SQL_DOELEN, plan_id, 0, 1, "brief doelen"); }
json_t *db_brief_rolgesprek(db *d, int64_t plan_id)
{
	return rows(d, SQL_ROLGESPREK, plan_id, 0, 1, "brief rolgesprek");
}
json_t *db_brief_afspraken(db *d, int64_t plan_id)
{
	return rows(d, SQL_AFSPRAKEN, plan_id, 0, 1, "brief afspraken");
}
json_t *db_brief_instemming(db *d, int64_t plan_id, int64_t version_no)
{
	return rows(d, SQL_INSTEMMING, plan_id, version_no, 2, "brief instemming");
}
json_t *db_brief_intake(db *d, int64_t hh) { return one(d, SQL_INTAKE, hh, "brief intake"); }
json_t *db_brief_deelnemers(db *d, int64_t intake_id)
{
	return rows(d, SQL_DEELNEMERS, intake_id, 0, 1, "brief deelnemers");
}
json_t *db_brief_scores(db *d, int64_t intake_id) { return rows(d, SQL_SCORES, intake_id, 0, 1, "brief scores"); }
json_t *db_brief_netwerk(db *d, int64_t hh) { return rows(d, SQL_NETWERK, hh, 0, 1, "brief netwerk"); }
json_t *db_brief_vraag(db *d, int64_t hh) { return one(d, SQL_VRAAG, hh, "brief vraag"); }
json_t *db_brief_aanmeldingen(db *d, int64_t hh)
{
	return rows(d, SQL_AANMELDINGEN, hh, 0, 1, "brief aanmeldingen");
}
json_t *db_brief_journaal(db *d, int64_t hh) { return rows(d, SQL_JOURNAAL, hh, 0, 1, "brief journaal"); }
