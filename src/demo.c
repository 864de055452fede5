/* demo.c - demo teams, areas, expertises and users (SCENARIOS.md's
 * municipality: Nijkerk). */
#include "demo.h"

#include "db_bericht.h"

#include <sodium.h>

#include "audit.h"
#include "auth.h"
#include "db_aanmelding.h"
#include "db_huishouden.h"
#include "db_koppeling.h"
#include "db_medewerker.h"
#include "db_netwerk.h"
#include "db_organisatie.h"
#include "db_referentie.h"
#include "db_signaal.h"
#include "db_spreekuur.h"

static const char *const teams[] = {"Team Nijkerk-Noord", "Team Nijkerk-Zuid", NULL};
static const char *const gebieden[] = {"Nijkerk-Centrum", "Nijkerk-Oost", "Hoevelaken",
                                       "Nijkerkerveen", NULL};
/* DESIGN.md section 3. */
static const char *const expertises[] = {
	"jeugd", "Wmo", "werk", "inkomen", "bijzondere bijstand", "armoede en schulden",
	"woningurgentie", "leerlingenvervoer", "leerrecht", "inburgering",
	"gehandicaptenparkeerkaart", "veiligheid", NULL};

static const struct {
	const char *username, *name, *role_name;
	unsigned roles;
	int team;           /* index in teams, or -1 */
	int expertise[3];   /* indexes in expertises, -1 terminated */
} users[] = {
	{"consulent", "Sanne de Boer", "consulent", ROLE_CONSULENT, 0, {2, 3, -1}},
	{"gebiedsteam", "Youssef El Amrani", "gebiedsteam", ROLE_GEBIEDSTEAM, 0, {0, 1, -1}},
	{"teamleider", "Marieke Visser", "teamleider", ROLE_TEAMLEIDER, 0, {-1}},
	{"beheerder", "Peter Bakker", "beheerder", ROLE_BEHEERDER, -1, {-1}},
	{"privacy", "Ingrid Smit", "privacy_officer", ROLE_PRIVACY, -1, {-1}},
	/* Management information without personal data (issue 16 item 7). */
	{"beleid", "Ahmed Yilmaz", "beleidsmedewerker", ROLE_BELEID, -1, {-1}},
	/* A colleague in the other team, without a role in Team Noord's cases. */
	{"consulent2", "Karin Mulder", "consulent", ROLE_CONSULENT, 1, {6, 11, -1}},
};

/* SCENARIOS.md 2-5 and 7.  Scenario 1, the De Vries family of five, is left
 * for the user to register at the counter: it is the walk-through of the
 * README and of the browser test.  BSNs are made up and pass the 11-proef. */
struct demo_person {
	const char *first, *prefix, *last, *born, *role, *bsn;
};
struct demo_network {
	const char *name, *relation, *circle, *can_do;
};
static const struct {
	struct huishouden_input address;
	struct demo_person people[5];
	struct demo_network network[2];
	struct aanmelding_input request;
} households[] = {
	{ {"Vetkampstraat", 41, NULL, "3862 CK", "Nijkerk", 0},
	  {{"Grietje", "de", "Vries-Bos", "1943-05-09", "partner", "725763863"},
	   {"Hendrik", "de", "Vries", "1940-11-23", "partner", NULL}},
	  {{"Ans Bos", "familie", "nabije_omgeving", "Doet boodschappen op zaterdag"}},
	  {0, 0, "inwoner_zelf", NULL, NULL, "telefoon",
	   "Ik kan bijna niet meer lopen en durf niet meer naar buiten. Ik wil een scootmobiel, "
	   "het liefst een snelle, zodat ik weer met mijn man kan fietsen.", "normaal", false, NULL, NULL} },
	{ {"Oranjelaan", 7, "b", "3861 EW", "Nijkerk", 0},
	  {{"Gemma", NULL, "Hendriks", "1988-02-17", "ouder", "162275869"},
	   {"Lotte", NULL, "Hendriks", "2011-09-30", "kind", NULL},
	   {"Daan", NULL, "Hendriks", "2014-04-12", "kind", NULL},
	   {"Zoë", NULL, "Hendriks", "2018-12-01", "kind", NULL}},
	  {{"Buurvrouw Fatma", "buren", "informeel_netwerk", "Haalt Zoë soms van school"}},
	  {0, 0, "voorliggend_veld", NULL, NULL, "balie",
	   "Mijn oudste dochter zit niet lekker in haar vel. Ik wil geen etiket op haar, maar ik "
	   "kan het zelf niet meer aan.", "normaal", false, NULL, NULL} },
	{ {"Bloemendaal", 88, NULL, "3861 TS", "Nijkerk", 0},
	  {{"Bennie", NULL, "Jansen", "1969-07-04", "overig", "192285142"}},
	  {{"Meedoenplein", "vrijwilliger", "georganiseerde_vrijwillige_ondersteuning", "Zoekt vrijwilligers voor het organisatieteam"}},
	  {0, 0, "vindplaats", NULL, NULL, "spreekuur",
	   "Al jaren in de bijstand; wil wel iets doen maar durft niet alleen naar het Meedoenplein.",
	   "normaal", false, NULL, NULL} },
	{ {"Molenweg", 3, NULL, "3863 AA", "Hoevelaken", 0},
	  {{"Sem", NULL, "Bakker", "2006-01-22", "kind", NULL},
	   {"Noa", NULL, "Bakker", "2008-08-08", "kind", NULL}},
	  {{"Tante Marja", "mantelzorger", "nabije_omgeving", "Helpt met het huishouden naast een volle baan en zorg voor haar moeder en broer"}},
	  {0, 0, "verwijzer", "school", "Accent College Nijkerk", "telefoon",
	   "Twee jongeren wonen na het overlijden van hun ouders alleen; hun tante helpt maar raakt overbelast.",
	   "hoog", false, NULL, NULL} },
	{ {"Spoorstraat", 19, NULL, "3861 HP", "Nijkerk", 0},
	  {{"Mirjam", "van", "Dijk", "1984-03-15", "ouder", "691682483"},
	   {"Thijs", "van", "Dijk", "2016-06-06", "kind", NULL}},
	  {{NULL, NULL, NULL, NULL}},
	  {0, 0, "inwoner_zelf", NULL, NULL, "balie",
	   "Tijdens het gesprek vertelt mevrouw over geweld thuis. Zij en haar zoon voelen zich niet veilig.",
	   "crisis", true, NULL, NULL} },
};

/* Loads the scenario households, each with a network and an open
 * aanmelding registered by the demo consulent. */
static int load_households(db *d, int64_t registered_by)
{
	for (size_t i = 0; i < ARRAY_LEN(households); i++) {
		struct persoon_input people[5];
		int n = 0;
		for (int k = 0; k < 5 && households[i].people[k].first; k++, n++)
			people[k] = (struct persoon_input){
				.first_name = households[i].people[k].first, .name_prefix = households[i].people[k].prefix,
				.last_name = households[i].people[k].last, .birth_date = households[i].people[k].born,
				.role = households[i].people[k].role, .bsn = households[i].people[k].bsn};
		int64_t hh = 0;
		if (db_huishouden_create(d, &households[i].address, people, n, registered_by, &hh, NULL) != DB_OK)
			return -1;
		for (int k = 0; k < 2 && households[i].network[k].name; k++) {
			struct netwerklid m = {
				.huishouden_id = hh, .name = households[i].network[k].name,
				.relation = households[i].network[k].relation, .circle = households[i].network[k].circle,
				.can_do = households[i].network[k].can_do};
			if (db_netwerk_insert(d, &m, registered_by, NULL) != DB_OK)
				return -1;
		}
		struct aanmelding_input req = households[i].request;
		req.huishouden_id = hh;
		if (db_aanmelding_insert(d, &req, registered_by, NULL) != DB_OK)
			return -1;
	}
	return 0;
}

static int insert_all(db *d, const char *const *names, enum db_status (*ins)(db *, const char *, int64_t *),
                      int64_t *ids)
{
	for (int i = 0; names[i]; i++)
		if (ins(d, names[i], &ids[i]) != DB_OK)
			return -1;
	return 0;
}

int demo_load(FILE *out)
{
	db *d = db_get();
	if (!d)
		return -1;
	int64_t count = db_medewerker_count(d);
	if (count != 0)
		return count < 0 ? -1 : 0;

	/* Hash first: Argon2id is slow and must not run inside the write
	 * transaction. */
	char passwords[ARRAY_LEN(users)][20];
	char hashes[ARRAY_LEN(users)][crypto_pwhash_STRBYTES];
	for (size_t i = 0; i < ARRAY_LEN(users); i++) {
		password_generate(passwords[i]);
		if (password_hash_now(passwords[i], hashes[i]) != 0)
			return -1;
	}

	int64_t team_ids[8], gebied_ids[8], expertise_ids[16];
	if (db_begin(d) != 0)
		return -1;
	if (insert_all(d, teams, db_team_insert, team_ids) != 0 ||
	    insert_all(d, gebieden, db_gebied_insert, gebied_ids) != 0 ||
	    insert_all(d, expertises, db_expertise_insert, expertise_ids) != 0)
		goto fail;
	/* The queues: Team Noord works Nijkerk-Centrum and Nijkerk-Oost and is
	 * the central intake team (the demo households have no gebied), Team
	 * Zuid works Hoevelaken and Nijkerkerveen. */
	if (db_gebied_set_team(d, gebied_ids[0], team_ids[0]) != DB_OK ||
	    db_gebied_set_team(d, gebied_ids[1], team_ids[0]) != DB_OK ||
	    db_gebied_set_team(d, gebied_ids[2], team_ids[1]) != DB_OK ||
	    db_gebied_set_team(d, gebied_ids[3], team_ids[1]) != DB_OK ||
	    db_centrale_intake_set(d, team_ids[0]) != DB_OK)
		goto fail;
	int64_t consulent_id = 0, beheerder_id = 0;
	for (size_t i = 0; i < ARRAY_LEN(users); i++) {
		struct medewerker m = {
			.username = users[i].username, .name = users[i].name, .roles = users[i].roles,
			.team_id = users[i].team >= 0 ? team_ids[users[i].team] : 0,
		};
		int64_t id;
		if (db_medewerker_insert(d, &m, hashes[i], &id) != DB_OK)
			goto fail;
		if (!consulent_id && users[i].roles == ROLE_CONSULENT)
			consulent_id = id;
		if (!beheerder_id && users[i].roles == ROLE_BEHEERDER)
			beheerder_id = id;
		for (int k = 0; users[i].expertise[k] >= 0; k++)
			if (db_medewerker_add_expertise(d, id, expertise_ids[users[i].expertise[k]]) != DB_OK)
				goto fail;
		struct audit_entry e = {.action = "medewerker.create", .object_type = "medewerker",
		                        .object_id = id, .reason = "demodata"};
		if (audit_append(d, &e) != DB_OK)
			goto fail;
	}
	/* A koppeling without tokens: the beheerder issues one on
	 * /beheer/api-tokens (a token never belongs to a person). */
	int64_t koppeling_id = 0;
	if (db_koppeling_insert(d, "Zorgaanbieder-portaal", ROLE_CONSULENT, 0, beheerder_id, &koppeling_id) != DB_OK)
		goto fail;
	struct audit_entry ke = {.medewerker_id = beheerder_id, .action = "koppeling.create", .object_type = "medewerker",
	                         .object_id = koppeling_id, .reason = "demodata"};
	if (audit_append(d, &ke) != DB_OK)
		goto fail;
	if (load_households(d, consulent_id) != 0 || db_commit(d) != 0)
		goto fail;
	/* The reference lists run in a transaction of their own. */
	if (db_referentie_seed_demo(d, beheerder_id) != DB_OK)
		return -1;
	/* -- spreekuren, locaties, bezoeken -- */
	if (db_spreekuur_seed_demo(d, beheerder_id) != DB_OK)
		return -1;
	/* -- signalen -- */
	if (db_signaal_seed_demo(d, consulent_id) != DB_OK)
		return -1;
	/* -- berichtenverkeer: geslacht, units, contracts -- */
	if (db_bericht_seed_demo(d) != DB_OK)
		return -1;

	fprintf(out, "Demodata geladen: %zu huishoudens uit de scenario's (het gezin De Vries van "
	        "scenario 1 kunt u zelf aanmelden).\nDemo-gebruikers (bewaar deze wachtwoorden; ze worden "
	        "maar één keer getoond):\n", ARRAY_LEN(households));
	for (size_t i = 0; i < ARRAY_LEN(users); i++)
		fprintf(out, "demo-gebruiker rol=%s gebruikersnaam=%s wachtwoord=%s naam=\"%s\"\n", users[i].role_name,
		        users[i].username, passwords[i], users[i].name);
	fflush(out);
	sodium_memzero(passwords, sizeof passwords);
	return 1;
fail:
	db_rollback(d);
	return -1;
}
