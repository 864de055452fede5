/* inzage.c - the data of an inzageverzoek (see db_inzage.h).  Every
 * statement binds ?1 = the household and ?2 = the person. */
#include "db_inzage.h"

#include <stdbool.h>

#include "db_referentie.h"
#include "util.h"

static const char SQL_PERSOON[] =
	"SELECT id, huishouden_id, bsn, first_name AS voornaam, name_prefix AS tussenvoegsel,"
	" last_name AS achternaam, birth_date AS geboortedatum, role AS rol, phone AS telefoon, email"
	" FROM persoon WHERE id = ?2";
static const char SQL_HUISHOUDEN[] =
	"SELECT h.id, h.street AS straat, h.house_number AS huisnummer, h.house_suffix AS toevoeging,"
	" h.postcode, h.city AS plaats, g.name AS gebied, h.status,"
	" date(h.opened_at, 'unixepoch', 'localtime') AS geopend_op,"
	" date(h.closed_at, 'unixepoch', 'localtime') AS gesloten_op, h.close_reason AS sluitreden,"
	" m.name AS regisseur FROM huishouden h LEFT JOIN gebied g ON g.id = h.gebied_id"
	" LEFT JOIN medewerker m ON m.id = h.regisseur_id WHERE h.id = ?1";
static const char SQL_LEDEN[] =
	"SELECT id, first_name AS voornaam, name_prefix AS tussenvoegsel, last_name AS achternaam, role AS rol"
	" FROM persoon WHERE huishouden_id = ?1 ORDER BY id";
static const char SQL_AANMELDINGEN[] =
	"SELECT a.id, a.persoon_id, a.channel AS kanaal, a.referrer_kind AS verwijzer,"
	" a.referrer_org AS verwijzer_organisatie, a.medium, a.question AS vraag, a.urgency AS urgentie,"
	" a.safety_concern AS veiligheidszorg, a.status,"
	" datetime(a.received_at, 'unixepoch', 'localtime') AS ontvangen_op, m.name AS geregistreerd_door"
	" FROM aanmelding a LEFT JOIN medewerker m ON m.id = a.created_by"
	" WHERE a.huishouden_id = ?1 ORDER BY a.received_at, a.id";
static const char SQL_INTAKES[] =
	"SELECT i.id, i.held_on AS gehouden_op, i.question_behind AS vraag_achter_de_vraag,"
	" i.strengths AS krachten, i.safety_concern AS veiligheidszorg,"
	" i.safety_note AS veiligheid_toelichting, m.name AS vastgelegd_door"
	" FROM intake i LEFT JOIN medewerker m ON m.id = i.created_by"
	" WHERE i.huishouden_id = ?1 ORDER BY i.held_on, i.id";
static const char SQL_ZRM[] =
	"SELECT z.domain AS domein, z.score, z.scored_on AS datum, z.intake_id, z.evaluatie_id"
	" FROM zrm_score z WHERE z.persoon_id = ?2 ORDER BY z.scored_on, z.domain, z.id";
/* Positieve Gezondheid: the resident's own scores (0-10) per dimension. */
static const char SQL_GEZONDHEID[] =
	"SELECT g.dimension AS dimensie, g.score, g.scored_on AS datum, g.intake_id, g.evaluatie_id"
	" FROM gezondheid_score g WHERE g.persoon_id = ?2 ORDER BY g.scored_on, g.id";
static const char SQL_NETWERK[] =
	"SELECT id, name AS naam, relation AS relatie, circle AS kring, can_do AS kan_doen,"
	" phone AS telefoon, active AS actief FROM netwerklid WHERE huishouden_id = ?1 ORDER BY id";
static const char SQL_JOURNAAL[] =
	"SELECT j.id, j.entry_date AS datum, j.kind AS soort, j.body AS tekst, m.name AS auteur"
	" FROM journaal j LEFT JOIN medewerker m ON m.id = j.author_id"
	" WHERE j.huishouden_id = ?1 ORDER BY j.entry_date, j.id";
static const char SQL_JOURNAAL_VERSIES[] =
	"SELECT v.journaal_id, v.version AS versie, v.entry_date AS datum, v.kind AS soort, v.body AS tekst,"
	" datetime(v.saved_at, 'unixepoch', 'localtime') AS opgeslagen_op"
	" FROM journaal_versie v JOIN journaal j ON j.id = v.journaal_id"
	" WHERE j.huishouden_id = ?1 ORDER BY v.journaal_id, v.version";
static const char SQL_MOREEL_BERAAD[] =
	"SELECT b.journaal_id, b.participants AS deelnemers, b.dilemma, b.decision AS besluit,"
	" b.doel_id, b.voorziening_id FROM moreel_beraad b JOIN journaal j ON j.id = b.journaal_id"
	" WHERE j.huishouden_id = ?1 ORDER BY b.journaal_id";
static const char SQL_TOESTEMMINGEN[] =
	"SELECT id, party AS partij, given_on AS gegeven_op, withdrawn_on AS ingetrokken_op,"
	" recorded_how AS vastgelegd FROM toestemming WHERE persoon_id = ?2 ORDER BY given_on, id";
static const char SQL_PLAN[] =
	"SELECT id, version_no AS versie, status, agreed_on AS akkoord_op, agreed_how AS akkoord_hoe,"
	" next_evaluation AS volgende_evaluatie, closed_on AS gesloten_op, close_reason AS sluitreden,"
	" close_outcome AS resultaat FROM plan WHERE huishouden_id = ?1";
static const char SQL_DOELEN[] =
	"SELECT d.id, d.persoon_id, d.domain AS domein, d.wish AS wens, d.target_date AS streefdatum, d.status"
	" FROM doel d JOIN plan p ON p.id = d.plan_id WHERE p.huishouden_id = ?1 ORDER BY d.id";
static const char SQL_ROLGESPREK[] =
	"SELECT r.id, r.doel_id, r.level AS niveau, r.contribution AS bijdrage,"
	" r.intended_effect AS beoogd_effect, r.justification AS onderbouwing"
	" FROM rolgesprek r JOIN doel d ON d.id = r.doel_id JOIN plan p ON p.id = d.plan_id"
	" WHERE p.huishouden_id = ?1 ORDER BY r.doel_id, r.id";
static const char SQL_AFSPRAKEN[] =
	"SELECT a.id, a.doel_id, a.who_kind AS wie, a.what AS wat, a.due_date AS uiterlijk, a.done_on AS gedaan_op"
	" FROM afspraak a JOIN doel d ON d.id = a.doel_id JOIN plan p ON p.id = d.plan_id"
	" WHERE p.huishouden_id = ?1 ORDER BY a.doel_id, a.id";
static const char SQL_VOORZIENINGEN[] =
	"SELECT v.id, v.persoon_id, v.kind AS soort, v.legal_basis AS wettelijke_grondslag,"
	" v.decision_date AS besluitdatum, an.name AS aanbieder, pr.name AS product, sk.name AS sociale_kaart,"
	" v.volume, v.unit AS eenheid, v.frequency AS frequentie, v.start_date AS begindatum,"
	" v.end_date AS einddatum, v.cost_cents AS kosten_centen, v.status, v.end_reason AS reden_einde,"
	" v.ended_on AS beeindigd_op, v.netwerklid_id,"
	" (SELECT group_concat(vd.doel_id, ',') FROM voorziening_doel vd WHERE vd.voorziening_id = v.id) AS doel_ids"
	" FROM voorziening v LEFT JOIN aanbieder an ON an.id = v.aanbieder_id"
	" LEFT JOIN product pr ON pr.id = v.product_id LEFT JOIN sociale_kaart sk ON sk.id = v.sociale_kaart_id"
	" WHERE v.huishouden_id = ?1 ORDER BY v.id";
static const char SQL_EVALUATIES[] =
	"SELECT e.id, e.planned_on AS gepland_op, e.held_on AS gehouden_op, e.summary AS samenvatting,"
	" e.next_date AS volgende_datum FROM evaluatie e JOIN plan p ON p.id = e.plan_id"
	" WHERE p.huishouden_id = ?1 ORDER BY e.held_on, e.id";
static const char SQL_EVALUATIE_DOELEN[] =
	"SELECT ed.evaluatie_id, ed.doel_id, ed.reached AS bereikt, ed.status FROM evaluatie_doel ed"
	" JOIN evaluatie e ON e.id = ed.evaluatie_id JOIN plan p ON p.id = e.plan_id"
	" WHERE p.huishouden_id = ?1 ORDER BY ed.evaluatie_id, ed.doel_id";
static const char SQL_BEZOEKEN[] =
	"SELECT b.id, b.visit_date AS datum, b.visitor_name AS naam_bezoeker, b.question AS vraag,"
	" b.contact, b.consent_follow_up AS toestemming_vervolg, b.outcome AS uitkomst,"
	" b.outcome_note AS toelichting FROM bezoek b WHERE b.huishouden_id = ?1"
	" OR b.aanmelding_id IN (SELECT id FROM aanmelding WHERE huishouden_id = ?1) ORDER BY b.visit_date, b.id";
/* Not the reporter's name: the right of access does not extend to who
 * reported a concern (AVG art. 15(4), the rights of others). */
static const char SQL_SIGNALEN[] =
	"SELECT s.id, s.source_kind AS bron, s.about AS over, s.concern AS zorg,"
	" s.safety_concern AS veiligheidszorg, s.status, s.follow_up AS opvolging,"
	" datetime(s.received_at, 'unixepoch', 'localtime') AS ontvangen_op FROM signaal s"
	" WHERE s.huishouden_id = ?1 OR s.aanmelding_id IN (SELECT id FROM aanmelding WHERE huishouden_id = ?1)"
	" OR s.bezoek_id IN (SELECT id FROM bezoek WHERE huishouden_id = ?1) ORDER BY s.received_at, s.id";
static const char SQL_REGIE[] =
	"SELECT datetime(r.at, 'unixepoch', 'localtime') AS op, f.name AS van, t.name AS naar, b.name AS door,"
	" r.reason AS reden, r.handover_note AS overdracht FROM regie_toewijzing r"
	" LEFT JOIN medewerker f ON f.id = r.from_id LEFT JOIN medewerker t ON t.id = r.to_id"
	" LEFT JOIN medewerker b ON b.id = r.by_id WHERE r.huishouden_id = ?1 ORDER BY r.at, r.id";

/* The documents kept (letters vastgesteld, uploads), without their
 * content: each is downloadable on its own by whom may see the household. */
static const char SQL_DOCUMENTEN[] =
	"SELECT d.id, d.kind AS soort, d.title AS titel, d.version_no AS versie_nr, d.file_name AS bestandsnaam,"
	" d.mime_type, d.size AS grootte, d.sha256, d.dated_on AS datum, d.recipient AS ontvanger, m.name AS door"
	" FROM document d LEFT JOIN medewerker m ON m.id = d.settled_by"
	" WHERE d.huishouden_id = ?1 AND d.status = 'vastgesteld' ORDER BY d.id";

static const struct {
	const char *key, *sql;
	bool one; /* a single object (or null) instead of a list */
} parts[] = {
	{"huishouden", SQL_HUISHOUDEN, true},
	{"leden", SQL_LEDEN, false},
	{"aanmeldingen", SQL_AANMELDINGEN, false},
	{"intakes", SQL_INTAKES, false},
	{"zrm_scores", SQL_ZRM, false},
	{"positieve_gezondheid", SQL_GEZONDHEID, false},
	{"netwerk", SQL_NETWERK, false},
	{"journaal", SQL_JOURNAAL, false},
	{"journaal_versies", SQL_JOURNAAL_VERSIES, false},
	{"moreel_beraad", SQL_MOREEL_BERAAD, false},
	{"toestemmingen", SQL_TOESTEMMINGEN, false},
	{"plan", SQL_PLAN, true},
	{"doelen", SQL_DOELEN, false},
	{"rolgesprek", SQL_ROLGESPREK, false},
	{"afspraken", SQL_AFSPRAKEN, false},
	{"voorzieningen", SQL_VOORZIENINGEN, false},
	{"evaluaties", SQL_EVALUATIES, false},
	{"evaluatie_doelen", SQL_EVALUATIE_DOELEN, false},
	{"bezoeken", SQL_BEZOEKEN, false},
	{"signalen", SQL_SIGNALEN, false},
	{"regie", SQL_REGIE, false},
	{"documenten", SQL_DOCUMENTEN, false},
};

/* Runs sql with the two ids bound; every row, or the first (json null
 * when none) for one.  NULL on a database error (logged). */
static json_t *run(db *d, const char *sql, int64_t hh, int64_t persoon_id, bool one)
{
	sqlite3_stmt *st = db_stmt(d, sql);
	if (!st)
		return NULL;
	/* A statement that names only ?1 has one parameter. */
	sqlite3_bind_int64(st, 1, hh);
	if (sqlite3_bind_parameter_count(st) >= 2)
		sqlite3_bind_int64(st, 2, persoon_id);
	json_t *list = db_all_rows_or_null(d, st, "inzage");
	if (!list)
		return NULL;
	if (!one)
		return list;
	json_t *first = json_array_size(list) ? json_incref(json_array_get(list, 0)) : json_null();
	json_decref(list);
	return first;
}

enum db_status db_inzage_persoon(db *d, int64_t persoon_id, json_t **out, int64_t *hh)
{
	*out = NULL;
	*hh = 0;
	json_t *p = run(d, SQL_PERSOON, 0, persoon_id, true);
	if (!p)
		return DB_ERROR;
	if (json_is_null(p))
		return DB_NOT_FOUND;
	*hh = json_integer_value(json_object_get(p, "huishouden_id"));
	json_t *o = json_object();
	json_object_set_new(o, "persoon", p);
	for (size_t i = 0; i < ARRAY_LEN(parts); i++) {
		json_t *v = run(d, parts[i].sql, *hh, persoon_id, parts[i].one);
		if (!v) {
			json_decref(o);
			return DB_ERROR;
		}
		json_object_set_new(o, parts[i].key, v);
	}
	*out = o;
	return DB_OK;
}
