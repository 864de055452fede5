/* berichten_verzoek.c - the regisseur's decision on a provider's request
 * (315, 317): granted, it becomes voorzieningen and a 301; refused, a 319
 * (see berichten.h). */
#include "berichten.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bericht_xml.h"
#include "db_bericht.h"
#include "db_referentie.h"
#include "db_voorziening.h"
#include "voorziening_shared.h"

static const char *unit_of(const char *eenheid)
{
	static const char *const m[][2] = {{"01", "minuut"}, {"04", "uur"}, {"14", "etmaal"},
	                                   {"16", "dagdeel"}, {"82", "stuks"}, {"83", "euro"}, {"84", "stuks"}};
	for (size_t i = 0; eenheid && i < ARRAY_LEN(m); i++)
		if (strcmp(eenheid, m[i][0]) == 0)
			return m[i][1];
	return "stuks";
}

static const char *frequency_of(const char *f)
{
	static const char *const m[][2] = {{"1", "per_dag"}, {"2", "per_week"}, {"4", "per_maand"}, {"6", "totaal"}};
	for (size_t i = 0; f && i < ARRAY_LEN(m); i++)
		if (strcmp(f, m[i][0]) == 0)
			return m[i][1];
	return "totaal";
}

static const char *veld(json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

/* A day a year after start, less one ("2026-01-01" -> "2026-12-31"). */
static void jaar_later(const char *start, char out[11])
{
	int y = 0, m = 0, d = 0;
	if (sscanf(start, "%4d-%2d-%2d", &y, &m, &d) != 3) {
		snprintf(out, 11, "%s", start);
		return;
	}
	struct tm tm = {.tm_year = y + 1 - 1900, .tm_mon = m - 1, .tm_mday = d - 1, .tm_hour = 12};
	time_t t = timegm(&tm);
	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

/* A new voorziening for a requested product, granted today. */
static enum db_status nieuw(db *d, arena *a, json_t *vz, json_t *p, int64_t by, const char **fout)
{
	const char *cat = veld(p, "categorie"), *code = veld(p, "code");
	json_t *prod = NULL;
	if (!cat || !code || db_product_find(d, cat, code, &prod) != DB_OK) {
		*fout = arena_printf(a, "Het gevraagde product %s %s staat niet in de productenlijst van de gemeente; voeg "
		                        "het toe (Beheer) of wijs het verzoek af.", cat ? cat : "", code ? code : "");
		return DB_NOT_FOUND;
	}
	int64_t product_id = json_integer_value(json_object_get(prod, "id"));
	json_decref(prod);
	const char *start = veld(p, "ingangsdatum");
	char eind[11];
	if (veld(p, "einddatum"))
		snprintf(eind, sizeof eind, "%s", veld(p, "einddatum"));
	else
		jaar_later(start, eind);
	const char *eenheid = veld(p, "eenheid");
	long long volume = veld(p, "volume") ? atoll(veld(p, "volume")) : 1;
	if (eenheid && strcmp(eenheid, "83") == 0)
		volume = (volume + 99) / 100;
	if (volume < 1)
		volume = 1;
	char vandaag[11];
	berichten_vandaag(vandaag);
	int64_t ct = 0;
	const char *ce = NULL;
	int64_t tarief = db_contract_tarief(d, json_integer_value(json_object_get(vz, "aanbieder_id")), cat, code, start,
	                                    &ct, &ce, a) == DB_OK
	                     ? ct
	                     : 0;
	bool wmo = strcmp(veld(vz, "standaard"), "iwmo") == 0;
	struct voorziening_input in = {.persoon_id = json_integer_value(json_object_get(vz, "persoon_id")),
	                               .kind = "maatwerk", .legal_basis = wmo ? "wmo2015" : "jeugdwet",
	                               .aanbieder_id = json_integer_value(json_object_get(vz, "aanbieder_id")),
	                               .product_id = product_id, .volume = volume, .unit = unit_of(eenheid),
	                               .frequency = frequency_of(veld(p, "frequentie")), .start_date = start,
	                               .end_date = eind, .cost_cents = tarief * volume,
	                               .verwijzer = voorziening_verwijzer_van(veld(p, "verwijzer"))};
	int64_t id = 0;
	enum db_status s =
		db_voorziening_insert(d, json_integer_value(json_object_get(vz, "huishouden_id")), &in, by, &id);
	if (s != DB_OK) {
		*fout = "De voorziening kon niet worden aangemaakt (controleer de gevraagde periode).";
		return s;
	}
	struct voorziening_step st = {.from = "aangevraagd", .to = "toegekend", .decision_date = vandaag};
	if ((s = db_voorziening_set_status(d, id, 1, &st, by)) != DB_OK)
		return s;
	return berichten_voorziening_ref(d, a, id, by, veld(vz, "referentie"));
}

/* A change of an existing toewijzing: its voorziening gets the new end
 * date and volume. */
static enum db_status wijzig(db *d, arena *a, json_t *vz, json_t *p, int64_t by, const char **fout)
{
	struct tw_rij tw;
	const char *nr = veld(p, "toewijzingnummer");
	if (!nr || db_tw_by_nummer(d, a, atoll(nr), &tw) != DB_OK) {
		*fout = arena_printf(a, "Toewijzing %s bestaat niet meer.", nr ? nr : "?");
		return DB_NOT_FOUND;
	}
	json_t *row = NULL;
	enum db_status s = db_voorziening_get(d, tw.voorziening_id, &row);
	if (s != DB_OK)
		return s;
	const char *eind = veld(p, "einddatum") ? veld(p, "einddatum") : veld(row, "einddatum");
	long long volume = veld(p, "volume") ? atoll(veld(p, "volume")) : json_integer_value(json_object_get(row, "volume"));
	if (veld(row, "eenheid") && strcmp(veld(row, "eenheid"), "euro") == 0 && veld(p, "volume"))
		volume = (volume + 99) / 100;
	/* Its goals stay as they are: the update leaves voorziening_doel alone. */
	struct voorziening_input in = {
		.persoon_id = json_integer_value(json_object_get(row, "persoon_id")),
		.netwerklid_id = json_integer_value(json_object_get(row, "netwerklid_id")), .kind = "maatwerk",
		.decision_date = veld(row, "besluitdatum"), .legal_basis = veld(row, "wettelijke_grondslag"),
		.aanbieder_id = json_integer_value(json_object_get(row, "aanbieder_id")),
		.product_id = json_integer_value(json_object_get(row, "product_id")), .volume = volume,
		.unit = veld(row, "eenheid"), .frequency = veld(row, "frequentie"), .start_date = veld(row, "ingangsdatum"),
		.end_date = eind, .cost_cents = json_integer_value(json_object_get(row, "kosten_centen"))};
	if (volume < 1 || strcmp(eind, in.start_date) < 0) {
		json_decref(row);
		*fout = "De gevraagde wijziging past niet (een einddatum voor de start, of geen omvang).";
		return DB_CONSTRAINT;
	}
	s = db_voorziening_update(d, tw.voorziening_id, json_integer_value(json_object_get(row, "versie")), &in, by);
	json_decref(row);
	(void)vz;
	if (s == DB_OK)
		s = berichten_voorziening_ref(d, a, tw.voorziening_id, by, veld(vz, "referentie"));
	return s;
}

enum db_status berichten_verzoek_beslis(db *d, arena *a, int64_t verzoek_id, int64_t version, bool toekennen,
                                        const char *reden, const char *toelichting, int64_t by,
                                        const char **fout_out)
{
	*fout_out = NULL;
	json_t *vz = NULL;
	enum db_status s = db_verzoek_get(d, verzoek_id, &vz);
	if (s != DB_OK)
		return s;
	json_t *bericht = NULL;
	if ((s = db_bericht_get(d, json_integer_value(json_object_get(vz, "bericht_id")), &bericht)) != DB_OK) {
		json_decref(vz);
		return s;
	}
	json_object_set(vz, "standaard", json_object_get(bericht, "standaard"));
	if ((s = db_verzoek_beslis(d, verzoek_id, version, toekennen ? "toegekend" : "afgewezen", toekennen ? NULL : reden,
	                           toelichting, by)) != DB_OK)
		goto out;
	if (toekennen) {
		json_t *lijst = json_loads(veld(vz, "inhoud"), 0, NULL);
		size_t i;
		json_t *p;
		const char *fout = NULL;
		json_array_foreach(lijst, i, p)
		{
			s = strcmp(veld(p, "soort"), "wijzigen") == 0 ? wijzig(d, a, vz, p, by, &fout) : nieuw(d, a, vz, p, by, &fout);
			if (s != DB_OK)
				break;
		}
		json_decref(lijst);
		if (s != DB_OK)
			*fout_out = fout;
	} else {
		char vandaag[11];
		berichten_vandaag(vandaag);
		const char *ident = NULL;
		if ((s = berichten_identificatie(d, a, &ident)) != DB_OK)
			goto out;
		const char *agb = veld(vz, "agb_code");
		struct bx_header h = {.standaard = veld(vz, "standaard"), .soort = "319",
		                      .afzender = berichten_gemeentecode(), .ontvanger = agb, .identificatie = ident,
		                      .dagtekening = vandaag};
		xmlDocPtr doc = bx_antwoord_bericht(&h, veld(vz, "referentie"), "1", reden);
		char *xml = NULL;
		size_t len = 0;
		int rc = doc ? bx_serialize(a, doc, &xml, &len) : -1;
		if (doc)
			xmlFreeDoc(doc);
		if (rc != 0) {
			s = DB_ERROR;
			goto out;
		}
		struct bericht_rij r = {.standaard = h.standaard, .soort = "319", .identificatie = ident,
		                        .dagtekening = vandaag, .afzender = h.afzender, .ontvanger = agb,
		                        .aanbieder_id = json_integer_value(json_object_get(vz, "aanbieder_id")),
		                        .persoon_id = json_integer_value(json_object_get(vz, "persoon_id")),
		                        .huishouden_id = json_integer_value(json_object_get(vz, "huishouden_id")),
		                        .antwoord_op = json_integer_value(json_object_get(vz, "bericht_id")), .created_by = by};
		int64_t id = 0;
		bool ok = false;
		s = berichten_opslaan_uit(d, a, &r, xml, len, &id, &ok);
	}
out:
	json_decref(bericht);
	json_decref(vz);
	return s;
}
