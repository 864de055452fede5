/* demo.c - demo teams, areas, expertises and users (SCENARIOS.md's
 * municipality: Nijkerk). */
#include "demo.h"

#include <sodium.h>

#include "audit.h"
#include "auth.h"
#include "db_medewerker.h"

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
};

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
	for (size_t i = 0; i < ARRAY_LEN(users); i++) {
		struct medewerker m = {
			.username = users[i].username, .name = users[i].name, .roles = users[i].roles,
			.team_id = users[i].team >= 0 ? team_ids[users[i].team] : 0,
		};
		int64_t id;
		if (db_medewerker_insert(d, &m, hashes[i], &id) != DB_OK)
			goto fail;
		for (int k = 0; users[i].expertise[k] >= 0; k++)
			if (db_medewerker_add_expertise(d, id, expertise_ids[users[i].expertise[k]]) != DB_OK)
				goto fail;
		struct audit_entry e = {.action = "medewerker.create", .object_type = "medewerker",
		                        .object_id = id, .reason = "demodata"};
		if (audit_append(d, &e) != DB_OK)
			goto fail;
	}
	if (db_commit(d) != 0)
		goto fail;

	fprintf(out, "Demodata geladen. Demo-gebruikers (bewaar deze wachtwoorden; ze worden maar één keer getoond):\n");
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
