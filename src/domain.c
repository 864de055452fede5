/* domain.c - vocabularies of the social domain (see domain.h). */
#include "domain.h"

#include <string.h>

const char *const vocab_channel_codes[] = {"inwoner_zelf", "voorliggend_veld", "verwijzer", "vindplaats", NULL};
static const char *const channel_labels[] = {"Inwoner zelf", "Voorliggend veld", "Verwijzer", "Vindplaats", NULL};
const struct vocab vocab_channel = {vocab_channel_codes, channel_labels};

const char *const vocab_referrer_codes[] = {"huisarts", "school", "politie", "wijkverpleging", "anders", NULL};
static const char *const referrer_labels[] = {"Huisarts", "School", "Politie", "Wijkverpleging", "Anders", NULL};
const struct vocab vocab_referrer_kind = {vocab_referrer_codes, referrer_labels};

const char *const vocab_medium_codes[] = {"digitaal", "telefoon", "balie", "spreekuur", NULL};
static const char *const medium_labels[] = {"Digitaal", "Telefoon", "Balie", "Spreekuur", NULL};
const struct vocab vocab_medium = {vocab_medium_codes, medium_labels};

const char *const vocab_urgency_codes[] = {"normaal", "hoog", "crisis", NULL};
static const char *const urgency_labels[] = {"Normaal", "Hoog", "Crisis", NULL};
const struct vocab vocab_urgency = {vocab_urgency_codes, urgency_labels};

const char *const vocab_hh_status_codes[] = {"aangemeld", "in_behandeling", "plan_actief", "afgesloten", NULL};
static const char *const hh_status_labels[] = {"Aangemeld", "In behandeling", "Plan actief", "Afgesloten", NULL};
const struct vocab vocab_household_status = {vocab_hh_status_codes, hh_status_labels};

const char *const vocab_role_codes[] = {"ouder", "partner", "kind", "inwonende_ouder", "huisgenoot", "overig", NULL};
static const char *const role_labels_hh[] = {"Ouder", "Partner", "Kind", "Inwonende ouder of grootouder",
                                             "Huisgenoot", "Overig", NULL};
const struct vocab vocab_person_role = {vocab_role_codes, role_labels_hh};

const char *const vocab_relation_codes[] = {"familie", "buren", "vrienden", "vrijwilliger", "mantelzorger",
                                             "werkgever", "professional", NULL};
static const char *const relation_labels[] = {"Familie", "Buren", "Vrienden", "Vrijwilliger", "Mantelzorger",
                                              "Werkgever", "Professional", NULL};
const struct vocab vocab_relation = {vocab_relation_codes, relation_labels};

const char *const vocab_circle_codes[] = {"nabije_omgeving", "informeel_netwerk",
                                           "georganiseerde_vrijwillige_ondersteuning", "professional", NULL};
static const char *const circle_labels[] = {"Nabije omgeving", "Informeel netwerk",
                                            "Georganiseerde vrijwillige ondersteuning", "Professional", NULL};
const struct vocab vocab_circle = {vocab_circle_codes, circle_labels};

/* DESIGN.md section 3, in that order. */
const char *const vocab_zrm_codes[] = {"financien", "werk_en_opleiding", "tijdsbesteding", "huisvesting",
                                        "huiselijke_relaties", "geestelijke_gezondheid",
                                        "lichamelijke_gezondheid", "middelengebruik", "basale_adl",
                                        "instrumentele_adl", "sociaal_netwerk",
                                        "maatschappelijke_participatie", "justitie", NULL};
static const char *const zrm_labels[] = {"Financiën", "Werk en opleiding", "Tijdsbesteding", "Huisvesting",
                                         "Huiselijke relaties", "Geestelijke gezondheid",
                                         "Lichamelijke gezondheid", "Middelengebruik", "Basale ADL",
                                         "Instrumentele ADL", "Sociaal netwerk",
                                         "Maatschappelijke participatie", "Justitie", NULL};
const struct vocab vocab_zrm_domain = {vocab_zrm_codes, zrm_labels};

const char *const vocab_score_codes[] = {"1", "2", "3", "4", "5", NULL};
static const char *const score_labels[] = {"1 – acute problematiek", "2 – niet zelfredzaam",
                                           "3 – beperkt zelfredzaam", "4 – voldoende zelfredzaam",
                                           "5 – volledig zelfredzaam", NULL};
const struct vocab vocab_zrm_score = {vocab_score_codes, score_labels};

/* Positieve Gezondheid: the six dimensions of the method (Institute for
 * Positive Health), in its order; the resident scores each 0 to 10. */
const char *const vocab_pg_codes[] = {"lichaamsfuncties", "mentaal_welbevinden", "zingeving",
                                      "kwaliteit_van_leven", "meedoen", "dagelijks_functioneren", NULL};
static const char *const pg_labels[] = {"Lichaamsfuncties", "Mentaal welbevinden", "Zingeving",
                                        "Kwaliteit van leven", "Meedoen", "Dagelijks functioneren", NULL};
const struct vocab vocab_pg_dimension = {vocab_pg_codes, pg_labels};

const char *const vocab_journal_codes[] = {"gesprek", "huisbezoek", "telefoon", "overleg", "moreel_beraad",
                                            "warme_overdracht", NULL};
static const char *const journal_labels[] = {"Gesprek", "Huisbezoek", "Telefoon", "Overleg", "Moreel beraad",
                                             "Warme overdracht", NULL};
const struct vocab vocab_journal_kind = {vocab_journal_codes, journal_labels};

const char *const vocab_consent_codes[] = {"schriftelijk", "mondeling", "digitaal", NULL};
static const char *const consent_labels[] = {"Schriftelijk", "Mondeling", "Digitaal", NULL};
const struct vocab vocab_consent_how = {vocab_consent_codes, consent_labels};

const char *const vocab_legal_basis_codes[] = {"wmo2015", "jeugdwet", "participatiewet", "overig", NULL};
static const char *const legal_basis_labels[] = {"Wmo 2015", "Jeugdwet", "Participatiewet", "Overig", NULL};
const struct vocab vocab_legal_basis = {vocab_legal_basis_codes, legal_basis_labels};

const char *const vocab_end_reason_codes[] = {"doel_bereikt", "uitstroom_lichter", "verhuisd", "overleden",
                                              "anders", NULL};
static const char *const end_reason_labels[] = {"Doel bereikt", "Uitstroom naar lichtere ondersteuning",
                                                "Verhuisd", "Overleden", "Anders", NULL};
const struct vocab vocab_end_reason = {vocab_end_reason_codes, end_reason_labels};

const char *const vocab_location_kind_codes[] = {"huisarts", "school", "seniorencentrum", "voedselbank",
                                                 "buurthuis", NULL};
static const char *const location_kind_labels[] = {"Huisartsenpraktijk", "School", "Seniorencentrum",
                                                   "Voedselbank", "Buurthuis", NULL};
const struct vocab vocab_location_kind = {vocab_location_kind_codes, location_kind_labels};

/* ISO weekday numbers as strings, 1 maandag .. 7 zondag. */
const char *const vocab_weekday_codes[] = {"1", "2", "3", "4", "5", "6", "7", NULL};
static const char *const weekday_labels[] = {"maandag", "dinsdag", "woensdag", "donderdag", "vrijdag",
                                             "zaterdag", "zondag", NULL};
const struct vocab vocab_weekday = {vocab_weekday_codes, weekday_labels};

const char *const vocab_visit_outcome_codes[] = {"open", "aanmelding", "informatie_gegeven", "doorverwezen", NULL};
static const char *const visit_outcome_labels[] = {"Open", "Aanmelding gemaakt", "Informatie gegeven",
                                                   "Doorverwezen naar voorliggend veld", NULL};
const struct vocab vocab_visit_outcome = {vocab_visit_outcome_codes, visit_outcome_labels};

const char *const vocab_signal_source_codes[] = {"buren", "inwoner", "huisarts", "school", "politie",
                                                 "woningcorporatie", "voedselbank", "wijkverpleging",
                                                 "schuldeiser", "anders", NULL};
static const char *const signal_source_labels[] = {"Buren", "Inwoner", "Huisarts", "School", "Politie",
                                                   "Woningcorporatie", "Voedselbank", "Wijkverpleging",
                                                   "Schuldeiser (vroegsignalering schulden)", "Anders", NULL};
const struct vocab vocab_signal_source = {vocab_signal_source_codes, signal_source_labels};

const char *const vocab_signal_status_codes[] = {"nieuw", "in_onderzoek", "aanmelding", "afgesloten", NULL};
static const char *const signal_status_labels[] = {"Nieuw", "In onderzoek", "Aanmelding gemaakt", "Afgesloten",
                                                   NULL};
const struct vocab vocab_signal_status = {vocab_signal_status_codes, signal_status_labels};

int vocab_index(const struct vocab *v, const char *code)
{
	for (int i = 0; code && v->codes[i]; i++)
		if (strcmp(v->codes[i], code) == 0)
			return i;
	return -1;
}

const char *vocab_label(const struct vocab *v, const char *code)
{
	int i = vocab_index(v, code);
	return i >= 0 ? v->labels[i] : code;
}
