/* db_spreekuur.h - the neighbourhood's places and hours (issue 5, item 1):
 * locaties where a gebiedsteam holds its spreekuren, the weekly spreekuren
 * with who staffs them, and the walk-ins (bezoeken) registered there.
 *
 * Rows come back as Jansson objects whose keys are the API's field names
 * (SQL NULLs left out; "actief" and other flags are booleans); every JSON
 * result is a new reference the caller owns.  Writers run inside the
 * caller's write transaction (db_begin) and write no audit row: the caller
 * audits in the same transaction. */
#ifndef LOKET_DB_SPREEKUUR_H
#define LOKET_DB_SPREEKUUR_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db.h"

/* ---- locaties ------------------------------------------------------------ */

struct locatie_input {
	const char *name, *kind; /* kind: vocab_location_kind code */
	const char *address;     /* NULL or "": none */
	int64_t gebied_id;
	bool active;
};

/* [{id, naam, soort, gebied_id, gebied, adres?, actief, versie}] by
 * name (only active ones when active_only).  An empty array on a database
 * error (logged). */
json_t *db_locatie_list(db *d, bool active_only);
/* One locatie as in the list; DB_NOT_FOUND when there is none. */
enum db_status db_locatie_get(db *d, int64_t id, json_t **out);
/* DB_CONSTRAINT when the name is taken in that gebied. */
enum db_status db_locatie_insert(db *d, const struct locatie_input *in, int64_t *id_out);
/* DB_NOT_FOUND when the row is not at version; DB_CONSTRAINT as above. */
enum db_status db_locatie_update(db *d, int64_t id, int64_t version, const struct locatie_input *in);

/* ---- spreekuren ---------------------------------------------------------- */

struct spreekuur_input {
	int64_t locatie_id;
	int weekday;                  /* ISO: 1 maandag .. 7 zondag */
	const char *start, *end;      /* "HH:MM", end after start */
	const char *valid_from;       /* "YYYY-MM-DD" */
	const char *valid_until;      /* NULL or "": open-ended */
	bool active;
	const int64_t *staff;         /* medewerker ids, at least one */
	size_t nstaff;
};

/* Every spreekuur by location, weekday and start: [{id, locatie_id,
 * locatie, locatie_soort, gebied_id, gebied, weekdag, begintijd, eindtijd,
 * geldig_vanaf, geldig_tot?, actief, versie, bemensing (names, ", ")}]. */
json_t *db_spreekuur_list(db *d);
/* One spreekuur as in the list plus "medewerkers": [{id, naam}];
 * DB_NOT_FOUND when there is none. */
enum db_status db_spreekuur_get(db *d, int64_t id, json_t **out);
/* Inserts the spreekuur and its staff as created by `by` at now. */
enum db_status db_spreekuur_insert(db *d, const struct spreekuur_input *in, int64_t by, int64_t *id_out);
/* Replaces every field and the staff, bumps the version; DB_NOT_FOUND when
 * the row is not at version. */
enum db_status db_spreekuur_update(db *d, int64_t id, int64_t version, const struct spreekuur_input *in,
                                   int64_t by);
/* Whether medewerker m staffs spreekuur s (false on errors, logged). */
bool db_spreekuur_staffed_by(db *d, int64_t s, int64_t m);
/* Who may staff a spreekuur: active employees with role consulent or
 * gebiedsteam, [{id, naam}] by name. */
json_t *db_spreekuur_staff_options(db *d);

/* The Monday of the ISO week (Monday..Sunday) holding the date iso
 * ("YYYY-MM-DD"), into out; false when iso is not a real date. */
bool spreekuur_week_monday(const char *iso, char out[11]);
/* The date days after iso into out; false when iso is not a real date. */
bool spreekuur_date_add(const char *iso, int days, char out[11]);

/* The spreekuren held in the week starting on monday, each on its date:
 * active spreekuren at active locations valid on that date.
 * [{id, datum, weekdag, begintijd, eindtijd, locatie_id, locatie,
 * locatie_soort, gebied, bemensing?, mijn}], those user staffs first
 * ("mijn" true), then by date and time; only those when mine_only.  For
 * "Mijn werk": db_spreekuur_week(d, me, monday-of-today, true). */
json_t *db_spreekuur_week(db *d, int64_t user, const char *monday, bool mine_only);
/* Adds datum_nl ("26-11-2026"), weekdag_label ("donderdag") and
 * locatie_soort_label to each row of db_spreekuur_week. */
void spreekuur_week_labels(json_t *rows);
/* For "Mijn werk": the spreekuren user staffs in the current week (Monday
 * to Sunday holding today), labelled as above; the shape of the partial
 * templates/home-spreekuren.mustache is {has_spreekuren, spreekuren: this}. */
json_t *db_spreekuur_my_week(db *d, int64_t user);

/* ---- bezoeken ------------------------------------------------------------ */

struct bezoek_input {
	int64_t spreekuur_id;
	const char *visit_date;   /* "YYYY-MM-DD" */
	const char *visitor_name; /* NULL or "": anonymous */
	const char *question;
	const char *contact;      /* NULL or "": none */
	bool consent_follow_up;
	int64_t huishouden_id;    /* 0: not linked */
};

/* One walk-in: {id, spreekuur_id, locatie, locatie_soort, gebied_id,
 * datum, naam?, vraag, contact?, toestemming_vervolg, huishouden_id?,
 * huishouden_adres?, uitkomst, aanmelding_id?, sociale_kaart_id?,
 * sociale_kaart?, notitie?, geregistreerd_door_id, geregistreerd_door,
 * geregistreerd_op (unix), gewijzigd_door?, gewijzigd_op?, versie}.
 * DB_NOT_FOUND when there is none. */
enum db_status db_bezoek_get(db *d, int64_t id, json_t **out);
/* The walk-ins of spreekuur s on date, in order of registration, as in
 * db_bezoek_get; only those registered by `only_by` unless it is 0. */
json_t *db_bezoek_list(db *d, int64_t s, const char *date, int64_t only_by);
enum db_status db_bezoek_insert(db *d, const struct bezoek_input *in, int64_t by, int64_t *id_out);
/* Closes an open walk-in at version as "informatie_gegeven" or
 * "doorverwezen" (with sociale_kaart_id); DB_NOT_FOUND when it is no
 * longer open or not at version. */
enum db_status db_bezoek_close(db *d, int64_t id, int64_t version, const char *outcome, int64_t sociale_kaart_id,
                               const char *note, int64_t by);
/* Turning a walk-in into an aanmelding: include/db_herkomst.h. */
/* Links an open walk-in at version to household hh; DB_NOT_FOUND as above. */
enum db_status db_bezoek_link(db *d, int64_t id, int64_t version, int64_t hh, int64_t by);
/* Active sociale kaart entries for a referral, those of gebied first:
 * [{id, naam, soort, gebied?, eigen_gebied}]. */
json_t *db_bezoek_kaart_options(db *d, int64_t gebied);
/* Whether sociale kaart entry id exists and is active. */
bool db_bezoek_kaart_active(db *d, int64_t id);

/* Demo locations in Nijkerk's gebieden and their spreekuren (the
 * voedselbank's staffed by the demo user "gebiedsteam"), looked up by
 * name; in a transaction of its own, each insert audited as done by `by`.
 * Does nothing when there are locations already.  Returns a db_status. */
enum db_status db_spreekuur_seed_demo(db *d, int64_t by);

#endif
