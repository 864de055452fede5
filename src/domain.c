/* domain.c - vocabularies of the social domain (see domain.h). */
#include "domain.h"

#include <string.h>

static const char *const channel_codes[] = {"inwoner_zelf", "voorliggend_veld", "verwijzer", "vindplaats", NULL};
static const char *const channel_labels[] = {"Inwoner zelf", "Voorliggend veld", "Verwijzer", "Vindplaats", NULL};
const struct vocab vocab_channel = {channel_codes, channel_labels};

static const char *const referrer_codes[] = {"huisarts", "school", "politie", "wijkverpleging", "anders", NULL};
static const char *const referrer_labels[] = {"Huisarts", "School", "Politie", "Wijkverpleging", "Anders", NULL};
const struct vocab vocab_referrer_kind = {referrer_codes, referrer_labels};

static const char *const medium_codes[] = {"digitaal", "telefoon", "balie", "spreekuur", NULL};
static const char *const medium_labels[] = {"Digitaal", "Telefoon", "Balie", "Spreekuur", NULL};
const struct vocab vocab_medium = {medium_codes, medium_labels};

static const char *const urgency_codes[] = {"normaal", "hoog", "crisis", NULL};
static const char *const urgency_labels[] = {"Normaal", "Hoog", "Crisis", NULL};
const struct vocab vocab_urgency = {urgency_codes, urgency_labels};

static const char *const hh_status_codes[] = {"aangemeld", "in_behandeling", "plan_actief", "afgesloten", NULL};
static const char *const hh_status_labels[] = {"Aangemeld", "In behandeling", "Plan actief", "Afgesloten", NULL};
const struct vocab vocab_household_status = {hh_status_codes, hh_status_labels};

static const char *const role_codes[] = {"ouder", "partner", "kind", "overig", NULL};
static const char *const role_labels_hh[] = {"Ouder", "Partner", "Kind", "Overig", NULL};
const struct vocab vocab_person_role = {role_codes, role_labels_hh};

static const char *const relation_codes[] = {"familie", "buren", "vrienden", "vrijwilliger", "mantelzorger",
                                             "werkgever", "professional", NULL};
static const char *const relation_labels[] = {"Familie", "Buren", "Vrienden", "Vrijwilliger", "Mantelzorger",
                                              "Werkgever", "Professional", NULL};
const struct vocab vocab_relation = {relation_codes, relation_labels};

static const char *const circle_codes[] = {"nabije_omgeving", "informeel_netwerk",
                                           "georganiseerde_vrijwillige_ondersteuning", "professional", NULL};
static const char *const circle_labels[] = {"Nabije omgeving", "Informeel netwerk",
                                            "Georganiseerde vrijwillige ondersteuning", "Professional", NULL};
const struct vocab vocab_circle = {circle_codes, circle_labels};

/* DESIGN.md section 3, in that order. */
static const char *const zrm_codes[] = {"financien", "werk_en_opleiding", "tijdsbesteding", "huisvesting",
                                        "huiselijke_relaties", "geestelijke_gezondheid",
                                        "lichamelijke_gezondheid", "middelengebruik", "basale_adl",
                                        "instrumentele_adl", "sociaal_netwerk",
                                        "maatschappelijke_participatie", "justitie", NULL};
static const char *const zrm_labels[] = {"Financiën", "Werk en opleiding", "Tijdsbesteding", "Huisvesting",
                                         "Huiselijke relaties", "Geestelijke gezondheid",
                                         "Lichamelijke gezondheid", "Middelengebruik", "Basale ADL",
                                         "Instrumentele ADL", "Sociaal netwerk",
                                         "Maatschappelijke participatie", "Justitie", NULL};
const struct vocab vocab_zrm_domain = {zrm_codes, zrm_labels};

static const char *const score_codes[] = {"1", "2", "3", "4", "5", NULL};
static const char *const score_labels[] = {"1 – acute problematiek", "2 – niet zelfredzaam",
                                           "3 – beperkt zelfredzaam", "4 – voldoende zelfredzaam",
                                           "5 – volledig zelfredzaam", NULL};
const struct vocab vocab_zrm_score = {score_codes, score_labels};

static const char *const journal_codes[] = {"gesprek", "huisbezoek", "telefoon", "overleg", "moreel_beraad",
                                            "warme_overdracht", NULL};
static const char *const journal_labels[] = {"Gesprek", "Huisbezoek", "Telefoon", "Overleg", "Moreel beraad",
                                             "Warme overdracht", NULL};
const struct vocab vocab_journal_kind = {journal_codes, journal_labels};

static const char *const consent_codes[] = {"schriftelijk", "mondeling", "digitaal", NULL};
static const char *const consent_labels[] = {"Schriftelijk", "Mondeling", "Digitaal", NULL};
const struct vocab vocab_consent_how = {consent_codes, consent_labels};

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
