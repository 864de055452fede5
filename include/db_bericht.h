/* db_bericht.h - data access for berichtenverkeer (issue 14): toewijzingen
 * as the providers know them, the messages out and in, requests (315, 317)
 * and declared prestaties (323).  Writers run inside the caller's write
 * transaction and write no audit row. */
#ifndef LOKET_DB_BERICHT_H
#define LOKET_DB_BERICHT_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "db.h"

/* The next value of a counter that never goes back ("toewijzing",
 * "bericht"). */
enum db_status db_teller_next(db *d, const char *naam, int64_t *out);

/* What a voorziening says that a toewijzing needs, with its client and
 * provider.  Strings in a; absent values NULL. */
struct tw_bron {
	int64_t voorziening_id, huishouden_id, persoon_id, aanbieder_id;
	const char *kind, *status, *legal_basis, *categorie, *code, *unit, *frequency;
	const char *start_date, *end_date, *ended_on, *end_reason;
	int64_t volume;
	const char *bsn, *agb;
	bool ontvangt_iwmo, ontvangt_ijw;
	const char *geen_berichten;
};
enum db_status db_tw_bron(db *d, arena *a, int64_t voorziening_id, struct tw_bron *out);

struct tw_rij {
	int64_t id, nummer, voorziening_id, persoon_id, aanbieder_id;
	const char *standaard, *categorie, *code, *ingangsdatum, *einddatum;
	int64_t volume;
	const char *eenheid, *frequentie, *toewijzingsdatum, *toewijzingstijd, *reden_wijziging;
	const char *referentie_aanbieder;
	bool actueel, gewijzigd;
	const char *gestart_op, *gestopt_op;
};
/* The voorziening's current toewijzing; DB_NOT_FOUND when none. */
enum db_status db_tw_actueel(db *d, arena *a, int64_t voorziening_id, struct tw_rij *out);
/* The toewijzing with that number for a client (by BSN); DB_NOT_FOUND. */
enum db_status db_tw_by_nummer(db *d, arena *a, int64_t nummer, struct tw_rij *out);
enum db_status db_tw_insert(db *d, const struct tw_rij *in, int64_t *id_out);
/* A new end (and reason and time of the change); actueel 0 when it is
 * replaced by a new toewijzing.  Marks it changed. */
enum db_status db_tw_einde(db *d, int64_t id, const char *einddatum, const char *reden, const char *datum,
                           const char *tijd, bool actueel);
/* The toewijzingen a 301 for client p and provider x in standard s carries
 * on day vandaag (OP087): valid on or after that day, or changed since
 * the last 301.  Array in a. */
enum db_status db_tw_voor_bericht(db *d, arena *a, int64_t p, int64_t x, const char *s, const char *vandaag,
                                  struct tw_rij **out, size_t *n);
/* After a 301 carried them: not changed any more, linked to the message. */
enum db_status db_tw_verzonden(db *d, int64_t bericht_id, int64_t toewijzing_id);
/* Start and stop as the provider reported them (305, 307). */
enum db_status db_tw_gestart(db *d, int64_t id, const char *op);
enum db_status db_tw_gestopt(db *d, int64_t id, const char *op, const char *reden);

/* The client part of a 301 (names, birth date, address), strings in a. */
struct bx_client;
enum db_status db_bericht_client(db *d, arena *a, int64_t persoon_id, struct bx_client *out);

/* A message to store. */
struct bericht_rij {
	const char *richting, *standaard, *soort, *identificatie, *dagtekening, *afzender, *ontvanger;
	int64_t aanbieder_id, persoon_id, huishouden_id, antwoord_op;
	const char *status, *reden, *retourcodes, *bestandsnaam, *termijn;
	const char *xml;
	size_t xml_len;
	const char *sha256;
	int64_t created_by;
};
enum db_status db_bericht_insert(db *d, const struct bericht_rij *in, int64_t *id_out);
/* The incoming message with that content hash; DB_NOT_FOUND. */
enum db_status db_bericht_by_sha(db *d, const char *sha256, int64_t *id_out);
/* An incoming message from afzender with that identification already
 * taken in (other bytes): for refusing a duplicate. */
enum db_status db_bericht_in_ident(db *d, const char *afzender, const char *identificatie, const char *soort,
                                   int64_t *id_out);
/* Our outgoing message with that identification (a retour names it). */
enum db_status db_bericht_uit_ident(db *d, const char *identificatie, const char *soort, int64_t *id_out,
                                    int64_t *aanbieder_id);
enum db_status db_bericht_status(db *d, int64_t id, const char *status, const char *reden, const char *retourcodes);
/* The latest dagtekening of an applied 305/307 on toewijzing t ("" when
 * none), for refusing a message that arrives after a newer one. */
enum db_status db_bericht_laatste_regie(db *d, arena *a, int64_t toewijzing_id, const char **dagtekening);
enum db_status db_bericht_regie_link(db *d, int64_t bericht_id, int64_t toewijzing_id);

/* Lists for the pages and the API; filters NULL or "" for all. */
struct bericht_filter {
	const char *richting, *status, *standaard, *soort;
	int64_t aanbieder_id, voorziening_id, huishouden_id;
	bool te_beantwoorden; /* incoming whose retour is not yet exported */
	int limit;
};
json_t *db_bericht_list(db *d, const struct bericht_filter *f);
/* One message with its XML (as text); DB_NOT_FOUND. */
enum db_status db_bericht_get(db *d, int64_t id, json_t **out);
/* The queued outgoing messages (klaar): [{id, identificatie, xml}]. */
json_t *db_bericht_wachtrij(db *d);
enum db_status db_bericht_verzonden(db *d, int64_t id);

/* Requests (315, 317). */
struct verzoek_rij {
	int64_t bericht_id, persoon_id, huishouden_id, aanbieder_id;
	const char *soort, *referentie, *inhoud;
};
enum db_status db_verzoek_insert(db *d, const struct verzoek_rij *in, int64_t *id_out);
enum db_status db_verzoek_get(db *d, int64_t id, json_t **out);
json_t *db_verzoek_list(db *d, int64_t huishouden_id, const char *status);
enum db_status db_verzoek_beslis(db *d, int64_t id, int64_t version, const char *status, const char *reden,
                                 const char *toelichting, int64_t by);

/* Declared prestaties (323). */
struct prestatie_rij {
	int64_t bericht_id, toewijzing_id, voorziening_id, aanbieder_id;
	const char *referentie, *begindatum, *einddatum, *eenheid, *retourcodes;
	int64_t volume, tarief_cents, bedrag_cents;
	bool goedgekeurd;
};
enum db_status db_prestatie_insert(db *d, const struct prestatie_rij *in);
/* Volume already declared and approved on toewijzing t. */
enum db_status db_prestatie_volume(db *d, int64_t toewijzing_id, int64_t *volume);
/* The contract tariff of provider x for product (categorie, code) on day;
 * DB_NOT_FOUND when there is none. */
enum db_status db_contract_tarief(db *d, int64_t x, const char *categorie, const char *code, const char *dag,
                                  int64_t *cents, const char **eenheid, arena *a);
/* Per voorziening: toewijzingen and declared totals, for its page. */
json_t *db_bericht_toewijzingen(db *d, int64_t voorziening_id);
json_t *db_bericht_declaraties(db *d, int64_t voorziening_id);

/* The client by BSN: person and household; DB_NOT_FOUND. */
enum db_status db_persoon_by_bsn(db *d, const char *bsn, int64_t *persoon_id, int64_t *huishouden_id);
/* The provider by AGB code; DB_NOT_FOUND. */
enum db_status db_aanbieder_by_agb(db *d, const char *agb, int64_t *id);

/* For the demo database (after the reference lists and households): the
 * scenario members' geslacht, the products' unit and frequency in the
 * standard, and a contract with tariffs for each demo provider.  In a
 * transaction of its own. */
enum db_status db_bericht_seed_demo(db *d);

#endif
