/* domain.h - the fixed vocabularies of the social domain (DESIGN.md
 * section 3): each as a NULL-terminated list of codes (as stored and as
 * sent in forms and JSON) with a parallel list of Dutch labels. */
#ifndef LOKET_DOMAIN_H
#define LOKET_DOMAIN_H

struct vocab {
	const char *const *codes;  /* NULL-terminated */
	const char *const *labels; /* same length */
};

extern const struct vocab vocab_channel;        /* inwoner_zelf, voorliggend_veld, verwijzer, vindplaats */
extern const struct vocab vocab_referrer_kind;  /* huisarts, school, politie, wijkverpleging, anders */
extern const struct vocab vocab_medium;         /* digitaal, telefoon, balie, spreekuur */
extern const struct vocab vocab_urgency;        /* normaal, hoog, crisis */
extern const struct vocab vocab_household_status; /* aangemeld, in_behandeling, plan_actief, afgesloten */
extern const struct vocab vocab_person_role;    /* ouder, partner, kind, inwonende_ouder, huisgenoot, overig */
extern const struct vocab vocab_relation;       /* familie, buren, vrienden, vrijwilliger, mantelzorger, werkgever, professional */
extern const struct vocab vocab_circle;         /* kringenmodel, inside out */
extern const struct vocab vocab_zrm_domain;     /* the 13 ZRM life domains */
extern const struct vocab vocab_zrm_score;      /* "1".."5": acute problematiek .. volledig zelfredzaam */
extern const struct vocab vocab_journal_kind;   /* gesprek, huisbezoek, telefoon, overleg, moreel_beraad, warme_overdracht */
extern const struct vocab vocab_consent_how;    /* schriftelijk, mondeling, digitaal */
extern const struct vocab vocab_legal_basis;    /* wmo2015, jeugdwet, participatiewet, overig */
extern const struct vocab vocab_end_reason;     /* doel_bereikt, uitstroom_lichter, verhuisd, overleden, anders */
extern const struct vocab vocab_location_kind;  /* huisarts, school, seniorencentrum, voedselbank, buurthuis */
extern const struct vocab vocab_weekday;        /* "1" maandag .. "7" zondag */
extern const struct vocab vocab_visit_outcome;  /* open, aanmelding, informatie_gegeven, doorverwezen */
extern const struct vocab vocab_signal_source;  /* buren, inwoner, huisarts, ..., anders */
extern const struct vocab vocab_signal_status;  /* nieuw, in_onderzoek, aanmelding, afgesloten */
extern const struct vocab vocab_pg_dimension;   /* the six dimensions of Positieve Gezondheid */

/* The code lists themselves, for validation tables (which need a constant
 * address): the same arrays as the vocabularies' codes. */
extern const char *const vocab_channel_codes[], *const vocab_referrer_codes[],
	*const vocab_medium_codes[], *const vocab_urgency_codes[], *const vocab_hh_status_codes[],
	*const vocab_role_codes[], *const vocab_relation_codes[], *const vocab_circle_codes[],
	*const vocab_zrm_codes[], *const vocab_score_codes[], *const vocab_journal_codes[],
	*const vocab_consent_codes[], *const vocab_legal_basis_codes[], *const vocab_end_reason_codes[],
	*const vocab_location_kind_codes[], *const vocab_weekday_codes[], *const vocab_visit_outcome_codes[],
	*const vocab_signal_source_codes[], *const vocab_signal_status_codes[], *const vocab_pg_codes[];

/* The label of code, or code itself when unknown (never NULL for a
 * non-NULL code). */
const char *vocab_label(const struct vocab *v, const char *code);
/* Index of code, or -1. */
int vocab_index(const struct vocab *v, const char *code);

#endif
