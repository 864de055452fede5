/* main.c - the loket command: serve, migrate, audit-verify, audit-rotate-key,
 * backup, user-add, seed. */
#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audit.h"
#include "bericht_validatie.h"
#include "berichten.h"
#include "auth.h"
#include "backup.h"
#include "db.h"
#include "db_koppeling.h"
#include "db_medewerker.h"
#include "demo.h"
#include "seed.h"
#include "server.h"

static void usage(FILE *f)
{
	fputs("Gebruik:\n"
	      "  loket serve [--address ADRES] [--port POORT] [--db PAD] [--audit-key BESTAND]\n"
	      "              [--threads N] [--templates MAP] [--static MAP] [--demo] [--cookie-insecure]\n"
	      "              [--per-address N] [--behind-tls] [--gemeente BESTAND]\n"
	      "  loket migrate [--db PAD]\n"
	      "  loket audit-verify [--db PAD] [--audit-key BESTAND] [--checkpoint CONTROLEPUNT.json ...]\n"
	      "  loket audit-rotate-key [--db PAD] [--audit-key BESTAND]   (met de server gestopt)\n"
	      "  loket backup [--db PAD] [--audit-key BESTAND] DOEL  (online kopie, ook terwijl de server draait)\n"
	      "  loket user-add [--db PAD] --username NAAM --name \"VOLLEDIGE NAAM\" --role ROL\n"
	      "                 (wachtwoord op standaardinvoer; rollen: consulent, gebiedsteam,\n"
	      "                  teamleider, beheerder, privacy_officer, beleidsmedewerker; meerdere met komma's)\n"
	      "  loket seed [--db PAD] [--audit-key BESTAND] --households N --seed S [--until JJJJ-MM-DD]\n"
	      "             (een grote gegenereerde gemeente voor metingen, alleen in een lege database)\n"
	      "  loket berichten export [--db PAD] --dir MAP    (de klaargezette iWmo/iJw-berichten als bestanden)\n"
	      "  loket berichten import [--db PAD] BESTAND ...  (ontvangen iWmo/iJw-berichten inlezen)\n"
	      "  loket berichten beginstand [--db PAD]  (toewijzing en 301 voor elke lopende maatwerkvoorziening\n"
	      "                                          zonder toewijzing: het begin van het berichtenverkeer)\n"
	      "Elke opdracht kent ook --istandaarden MAP (de release iWmo/iJw 3.2 met xsd/ en regels) en\n"
	      "--gemeentecode CODE (CBS, vier cijfers; standaard 0267).\n"
	      "Het sleutelbestand van de auditketen is standaard PAD.auditkey (de database + .auditkey).\n"
	      "Omgevingsvariabelen: LOKET_ADDRESS, LOKET_PORT, LOKET_DB, LOKET_AUDIT_KEY, LOKET_THREADS,\n"
	      "LOKET_TEMPLATES, LOKET_STATIC, LOKET_PER_ADDRESS, LOKET_BEHIND_TLS=1, LOKET_ISTANDAARDEN,\n"
	      "LOKET_GEMEENTECODE, LOKET_GEMEENTE (de gegevens van de gemeente voor brieven; standaard\n"
	      "MAP/gemeente.json van --templates).\n", f);
}

static const char *env_or(const char *name, const char *fallback)
{
	const char *v = getenv(name);
	return v && *v ? v : fallback;
}

static int parse_uint(const char *s, unsigned max, unsigned *out)
{
	char *end;
	unsigned long v = strtoul(s, &end, 10);
	if (!*s || *end || v > max)
		return -1;
	*out = (unsigned)v;
	return 0;
}

static bool is_loopback(const char *addr)
{
	return strncmp(addr, "127.", 4) == 0;
}

struct options {
	struct server_config cfg;
	const char *username, *name, *role;
	const char *target; /* backup: the file to write */
	const char *audit_key; /* NULL: the database path + ".auditkey" */
	const char *checkpoints[16];
	int ncheckpoints;
	struct seed_options seed;
	bool have_households, have_seed;
	const char *istandaarden, *gemeentecode, *dir;
	const char *files[256];
	int nfiles;
};

static int parse_options(int argc, char **argv, struct options *o)
{
	struct server_config *c = &o->cfg;
	c->address = env_or("LOKET_ADDRESS", "127.0.0.1");
	c->db_path = env_or("LOKET_DB", "loket.db");
	c->templates_dir = env_or("LOKET_TEMPLATES", "templates");
	c->static_dir = env_or("LOKET_STATIC", "static");
	c->gemeente_path = env_or("LOKET_GEMEENTE", NULL);
	o->audit_key = env_or("LOKET_AUDIT_KEY", NULL);
	c->port = 8080;
	if (getenv("LOKET_PORT") && parse_uint(getenv("LOKET_PORT"), 65535, &c->port) != 0) {
		fprintf(stderr, "loket: LOKET_PORT is geen geldige poort\n");
		return -1;
	}
	if (getenv("LOKET_THREADS") && parse_uint(getenv("LOKET_THREADS"), 256, &c->threads) != 0) {
		fprintf(stderr, "loket: LOKET_THREADS is geen geldig aantal\n");
		return -1;
	}
	c->per_address = DEFAULT_PER_ADDRESS;
	if (getenv("LOKET_PER_ADDRESS") &&
	    (parse_uint(getenv("LOKET_PER_ADDRESS"), CONNECTION_LIMIT, &c->per_address) != 0 || !c->per_address)) {
		fprintf(stderr, "loket: LOKET_PER_ADDRESS is geen geldig aantal (1 tot en met %d)\n", CONNECTION_LIMIT);
		return -1;
	}
	c->behind_tls = getenv("LOKET_BEHIND_TLS") && strcmp(getenv("LOKET_BEHIND_TLS"), "1") == 0;
	for (int i = 2; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		bool takes = true;
		if (strcmp(a, "--demo") == 0) {
			c->demo = true;
			takes = false;
		} else if (strcmp(a, "--cookie-insecure") == 0) {
			c->cookie_insecure = true;
			takes = false;
		} else if (strcmp(a, "--behind-tls") == 0) {
			c->behind_tls = true;
			takes = false;
		} else if (a[0] != '-' && !o->target && strcmp(argv[1], "backup") == 0) {
			o->target = a;
			takes = false;
		} else if (a[0] != '-' && strcmp(argv[1], "import") == 0) {
			if (o->nfiles == (int)ARRAY_LEN(o->files)) {
				fprintf(stderr, "loket: te veel bestanden in een keer (ten hoogste %zu)\n", ARRAY_LEN(o->files));
				return -1;
			}
			o->files[o->nfiles++] = a;
			takes = false;
		} else if (!v) {
			fprintf(stderr, "loket: %s verwacht een waarde\n", a);
			return -1;
		} else if (strcmp(a, "--address") == 0) {
			c->address = v;
		} else if (strcmp(a, "--port") == 0) {
			if (parse_uint(v, 65535, &c->port) != 0) {
				fprintf(stderr, "loket: ongeldige poort %s\n", v);
				return -1;
			}
		} else if (strcmp(a, "--threads") == 0) {
			if (parse_uint(v, 256, &c->threads) != 0) {
				fprintf(stderr, "loket: ongeldig aantal threads %s\n", v);
				return -1;
			}
		} else if (strcmp(a, "--per-address") == 0) {
			if (parse_uint(v, CONNECTION_LIMIT, &c->per_address) != 0 || !c->per_address) {
				fprintf(stderr, "loket: ongeldig aantal verbindingen per adres %s (1 tot en met %d)\n", v,
				        CONNECTION_LIMIT);
				return -1;
			}
		} else if (strcmp(a, "--db") == 0) {
			c->db_path = v;
		} else if (strcmp(a, "--audit-key") == 0) {
			o->audit_key = v;
		} else if (strcmp(a, "--checkpoint") == 0) {
			if (o->ncheckpoints == (int)ARRAY_LEN(o->checkpoints)) {
				fprintf(stderr, "loket: te veel controlepunten (hoogstens %zu)\n", ARRAY_LEN(o->checkpoints));
				return -1;
			}
			o->checkpoints[o->ncheckpoints++] = v;
		} else if (strcmp(a, "--templates") == 0) {
			c->templates_dir = v;
		} else if (strcmp(a, "--static") == 0) {
			c->static_dir = v;
		} else if (strcmp(a, "--gemeente") == 0) {
			c->gemeente_path = v;
		} else if (strcmp(a, "--username") == 0) {
			o->username = v;
		} else if (strcmp(a, "--name") == 0) {
			o->name = v;
		} else if (strcmp(a, "--role") == 0) {
			o->role = v;
		} else if (strcmp(a, "--households") == 0) {
			if (parse_uint(v, SEED_MAX_HOUSEHOLDS, &o->seed.households) != 0 || o->seed.households == 0) {
				fprintf(stderr, "loket: ongeldig aantal huishoudens %s (1 tot en met %d)\n", v,
				        SEED_MAX_HOUSEHOLDS);
				return -1;
			}
			o->have_households = true;
		} else if (strcmp(a, "--seed") == 0) {
			char *end;
			errno = 0;
			unsigned long long seed = strtoull(v, &end, 10);
			if (!*v || *end || *v == '-' || errno) {
				fprintf(stderr, "loket: ongeldige seed %s (een geheel getal)\n", v);
				return -1;
			}
			o->seed.seed = seed;
			o->have_seed = true;
		} else if (strcmp(a, "--until") == 0) {
			o->seed.until = v;
		} else if (strcmp(a, "--istandaarden") == 0) {
			o->istandaarden = v;
		} else if (strcmp(a, "--gemeentecode") == 0) {
			o->gemeentecode = v;
		} else if (strcmp(a, "--dir") == 0) {
			o->dir = v;
		} else {
			fprintf(stderr, "loket: onbekende optie %s\n", a);
			return -1;
		}
		if (takes)
			i++;
	}
	/* Without Secure the session cookie would travel in clear text; that is
	 * only acceptable when it never leaves this machine. */
	if (c->cookie_insecure && !is_loopback(c->address)) {
		fprintf(stderr, "loket: --cookie-insecure mag alleen met een loopback-adres (127.x.x.x)\n");
		return -1;
	}
	return 0;
}

/* What a migration could not do in SQL: the audit rows for the tokens of
 * persons that migration 0013 revoked.  Returns 0, or -1 (reported). */
static int after_migrations(void)
{
	db *d = db_get();
	int64_t n = 0;
	if (!d || db_api_token_audit_pending(d, &n) != DB_OK) {
		fprintf(stderr, "loket: de intrekking van API-tokens kon niet in de auditlog worden vastgelegd\n");
		return -1;
	}
	if (n > 0)
		log_info("%lld API-token(s) van personen ingetrokken (migratie 0013) en vastgelegd in de auditlog",
		         (long long)n);
	return 0;
}

static int cmd_serve(struct options *o)
{
	char *err = NULL;
	if (db_init(o->cfg.db_path, &err) != 0) {
		fprintf(stderr, "loket: %s\n", err);
		free(err);
		return 1;
	}
	if (after_migrations() != 0) {
		db_close_all();
		return 1;
	}
	if (o->cfg.demo && demo_load(stdout) < 0) {
		fprintf(stderr, "loket: demodata laden mislukt\n");
		db_close_all();
		return 1;
	}
	return server_run(&o->cfg);
}

static int cmd_migrate(struct options *o)
{
	char *err = NULL;
	if (db_init(o->cfg.db_path, &err) != 0) {
		fprintf(stderr, "loket: %s\n", err);
		free(err);
		return 1;
	}
	/* The schema is up to date.  What migrations leave for the audit log
	 * (revoked tokens of persons) needs the key: found, or created for an
	 * empty log; a database from before the key keeps it pending until
	 * 'loket audit-rotate-key' has made its first key and the server
	 * starts. */
	int rc = 0;
	db *d = db_get();
	audit_keys_configure(o->audit_key, true);
	if (!d) {
		rc = -1;
	} else if (audit_keys_open(db_sqlite(d), o->cfg.db_path, &err) == 0) {
		rc = after_migrations();
	} else {
		printf("auditregels van de migratie wachten op de auditsleutel: %s\n", err ? err : "");
		free(err);
	}
	db_close_all();
	if (rc != 0)
		return 1;
	printf("database %s is bijgewerkt\n", o->cfg.db_path);
	return 0;
}

/* The key file of o's database, read into *kr.  Returns 0, 1 when it does
 * not exist (*kr empty), or -1 (reported). */
static int read_keys(struct options *o, struct audit_keyring *kr)
{
	char *path = o->audit_key ? xstrdup(o->audit_key) : audit_key_default_path(o->cfg.db_path);
	char *err = NULL;
	int rc = audit_keyring_read(path, kr, &err);
	if (rc < 0)
		fprintf(stderr, "loket: %s\n", err);
	else if (rc == 1)
		fprintf(stderr, "loket: sleutelbestand %s ontbreekt; alleen regels zonder sleutel (van voor"
		        " migratie 0012) zijn zo te controleren\n", path);
	free(err);
	free(path);
	return rc;
}

/* Checks the checkpoint files of o against conn.  Returns 0 when all hold,
 * 1 after naming the first that does not, 2 when one cannot be read. */
static int check_checkpoints(struct options *o, sqlite3 *conn, const struct audit_keyring *kr)
{
	for (int i = 0; i < o->ncheckpoints; i++) {
		FILE *f = fopen(o->checkpoints[i], "r");
		if (!f) {
			fprintf(stderr, "loket: kan controlepunt %s niet lezen\n", o->checkpoints[i]);
			return 2;
		}
		json_error_t je;
		json_t *cp = json_loadf(f, JSON_REJECT_DUPLICATES, &je);
		fclose(f);
		char buf[200];
		const char *why = "het bestand is geen JSON";
		int rc = cp ? audit_checkpoint_check(conn, kr, cp, buf, sizeof buf, &why) : 1;
		json_decref(cp);
		if (rc < 0) {
			fprintf(stderr, "loket: auditlog kon niet worden gelezen\n");
			return 2;
		}
		if (rc != 0) {
			printf("controlepunt %s klopt niet: %s\n", o->checkpoints[i], why);
			return 1;
		}
	}
	return 0;
}

static int cmd_audit_verify(struct options *o)
{
	struct audit_keyring *kr = xcalloc(1, sizeof *kr);
	int krc = read_keys(o, kr);
	sqlite3 *conn = NULL;
	int status = 2;
	if (krc < 0)
		goto out;
	if (sqlite3_open_v2(o->cfg.db_path, &conn, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		fprintf(stderr, "loket: kan %s niet openen: %s\n", o->cfg.db_path, sqlite3_errmsg(conn));
		goto out;
	}
	struct audit_check c;
	if (audit_verify(conn, krc == 0 ? kr : NULL, &c) != 0) {
		fprintf(stderr, "loket: auditlog kon niet worden gelezen\n");
		goto out;
	}
	if (!c.ok) {
		printf("auditketen verbroken bij regel %lld: %s\n", (long long)c.first_bad_id, c.problem);
		status = 1;
		goto out;
	}
	status = check_checkpoints(o, conn, krc == 0 ? kr : NULL);
	if (status == 0)
		printf("auditketen in orde: %lld regels%s", (long long)c.rows,
		       o->ncheckpoints ? "; elk controlepunt klopt\n" : "\n");
out:
	sqlite3_close(conn);
	sodium_memzero(kr, sizeof *kr);
	free(kr);
	return status;
}

static int cmd_audit_rotate_key(struct options *o)
{
	char *path = o->audit_key ? xstrdup(o->audit_key) : audit_key_default_path(o->cfg.db_path);
	char *err = NULL;
	int status = 1;
	/* The key file is this command's own business: db_init only migrates. */
	audit_keys_configure(NULL, false);
	if (db_init(o->cfg.db_path, &err) == 0) {
		db *d = db_get();
		if (d && audit_keys_rotate(d, path, 0, stdout, &err) == 0)
			status = 0;
	}
	if (status != 0)
		fprintf(stderr, "loket: %s\n", err ? err : "database niet beschikbaar");
	free(err);
	free(path);
	db_close_all();
	return status;
}

static int cmd_backup(struct options *o)
{
	if (!o->target) {
		usage(stderr);
		return 2;
	}
	struct audit_keyring *kr = xcalloc(1, sizeof *kr);
	int krc = read_keys(o, kr);
	char *err = NULL;
	int status = 1;
	if (krc >= 0 && backup_database(o->cfg.db_path, o->target, krc == 0 ? kr : NULL, &err) != 0)
		fprintf(stderr, "loket: %s\n", err);
	else if (krc >= 0)
		status = 0;
	free(err);
	sodium_memzero(kr, sizeof *kr);
	free(kr);
	if (status == 0)
		printf("kopie van %s gemaakt in %s (integriteit en auditketen gecontroleerd; het sleutelbestand"
		       " is niet meegekopieerd)\n", o->cfg.db_path, o->target);
	return status;
}

static unsigned parse_roles(const char *spec)
{
	unsigned roles = 0;
	char *copy = xstrdup(spec), *save = NULL;
	for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		int found = -1;
		for (int i = 0; role_names[i]; i++)
			if (strcmp(role_names[i], t) == 0)
				found = i;
		if (found < 0) {
			free(copy);
			return 0;
		}
		roles |= 1u << found;
	}
	free(copy);
	return roles;
}

static int cmd_user_add(struct options *o)
{
	unsigned roles = o->role ? parse_roles(o->role) : 0;
	if (!o->username || !o->name || !roles) {
		usage(stderr);
		return 2;
	}
	char pw[PASSWORD_MAX_CHARS * 4 + 2];
	if (!fgets(pw, sizeof pw, stdin)) {
		fprintf(stderr, "loket: geef het wachtwoord op standaardinvoer\n");
		return 2;
	}
	pw[strcspn(pw, "\r\n")] = '\0';
	const char *problem = password_problem(pw, o->username, o->name);
	if (problem) {
		fprintf(stderr, "loket: %s\n", problem);
		return 2;
	}
	char hash[crypto_pwhash_STRBYTES];
	char *err = NULL;
	if (password_hash_now(pw, hash) != 0 || db_init(o->cfg.db_path, &err) != 0) {
		fprintf(stderr, "loket: %s\n", err ? err : "hashen mislukt");
		free(err);
		return 1;
	}
	sodium_memzero(pw, sizeof pw);
	db *d = db_get();
	struct medewerker m = {.username = o->username, .name = o->name, .roles = roles};
	int64_t id = 0;
	struct audit_entry e = {.action = "medewerker.create", .object_type = "medewerker",
	                        .reason = "opdrachtregel"};
	int status = 1;
	if (d && db_begin(d) == 0) {
		enum db_status s = db_medewerker_insert(d, &m, hash, &id);
		e.object_id = id;
		if (s == DB_OK && audit_append(d, &e) == DB_OK &&
		    db_medewerker_audit_grants(d, 0, id, 0, roles, NULL) == DB_OK && db_commit(d) == 0) {
			printf("gebruiker %s aangemaakt (id %lld)\n", o->username, (long long)id);
			status = 0;
		} else {
			db_rollback(d);
			fprintf(stderr, "loket: %s\n", s == DB_CONSTRAINT
			        ? "gebruikersnaam bestaat al of is ongeldig (3-64 tekens)" : "opslaan mislukt");
		}
	}
	db_close_all();
	return status;
}

/* The file at path, at most max bytes (more is read as max: the caller
 * refuses it by size); malloc'd with a NUL after it. */
static int read_file_limited(const char *path, size_t max, char **out, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	size_t cap = 65536, n = 0;
	char *buf = xmalloc(cap + 1);
	size_t got;
	while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap) {
			if (cap >= max)
				break;
			cap = cap * 2 > max ? max : cap * 2;
			buf = xrealloc(buf, cap + 1);
		}
	}
	bool bad = ferror(f);
	fclose(f);
	if (bad) {
		free(buf);
		return -1;
	}
	buf[n] = '\0';
	*out = buf;
	*len = n;
	return 0;
}

/* loket berichten export|import (issue 14). */
static int cmd_berichten(const char *what, struct options *o)
{
	bool export = strcmp(what, "export") == 0, begin = strcmp(what, "beginstand") == 0;
	if ((export && !o->dir) || (!export && !begin && (strcmp(what, "import") != 0 || o->nfiles == 0))) {
		usage(stderr);
		return 2;
	}
	char *err = NULL;
	if (db_init(o->cfg.db_path, &err) != 0) {
		fprintf(stderr, "loket: %s\n", err);
		free(err);
		return 1;
	}
	db *d = db_get();
	int status = 0;
	if (begin) {
		struct timespec t0, t1;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		size_t n = 0, klaar = 0, fout = 0;
		status = berichten_beginstand(d, &n, &klaar, &fout) == 0 ? 0 : 1;
		clock_gettime(CLOCK_MONOTONIC, &t1);
		double s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
		long long xsd = 0, regels = 0;
		bericht_validatie_tijd(&xsd, &regels);
		printf("beginstand: %zu voorzieningen, %zu berichten klaargezet, %zu afgekeurd door de validatie, in %.1f s:"
		       " %.0f berichten per seconde; XSD %.0f%%, regels %.0f%% van de tijd\n",
		       n, klaar, fout, s, s > 0 ? (double)(klaar + fout) / s : 0.0, s > 0 ? xsd / 1e7 / s : 0.0,
		       s > 0 ? regels / 1e7 / s : 0.0);
		if (status)
			fprintf(stderr, "loket: de beginstand is niet helemaal gemaakt (databasefout)\n");
	}
	if (export) {
		arena *a = arena_new();
		size_t n = 0;
		const char *why = NULL;
		if (berichten_export(d, a, o->dir, &n, &why) != 0) {
			fprintf(stderr, "loket: %s\n", why ? why : "exporteren mislukt");
			status = 1;
		}
		printf("%zu bericht(en) geschreven naar %s\n", n, o->dir);
		arena_free(a);
	}
	for (int i = 0; i < o->nfiles && !export && !begin; i++) {
		arena *a = arena_new();
		char *xml = NULL;
		size_t len = 0;
		if (read_file_limited(o->files[i], BERICHT_MAX_BYTES + 1, &xml, &len) != 0) {
			fprintf(stderr, "loket: %s kan niet worden gelezen\n", o->files[i]);
			status = 1;
			arena_free(a);
			continue;
		}
		const char *base = strrchr(o->files[i], '/');
		base = base ? base + 1 : o->files[i];
		struct bericht_import r;
		if (berichten_import(d, a, base, xml, len, 0, &r) != DB_OK) {
			fprintf(stderr, "loket: %s: de database gaf een fout\n", base);
			status = 1;
		} else if (r.herhaald) {
			printf("%s: al eerder ingelezen, niets veranderd\n", base);
		} else if (r.verwerkt) {
			printf("%s: %s verwerkt (bericht %lld)%s\n", base, r.soort, (long long)r.bericht_id,
			       r.retour_id ? ", retour klaargezet" : "");
		} else {
			printf("%s: geweigerd: %s\n", base, r.reden ? r.reden : "");
			status = status ? status : 3;
		}
		free(xml);
		arena_free(a);
	}
	db_close_all();
	return status;
}

static int cmd_seed(struct options *o)
{
	if (!o->have_households || !o->have_seed) {
		usage(stderr);
		return 2;
	}
	o->seed.db_path = o->cfg.db_path;
	int rc = seed_run(&o->seed, stdout, stderr);
	return rc == 0 ? 0 : rc == 1 ? 3 : 1;
}

int main(int argc, char **argv)
{
	if (sodium_init() < 0) {
		fprintf(stderr, "loket: libsodium kon niet starten\n");
		return 1;
	}
	/* Times on pages are Dutch local time, whatever the machine's zone. */
	setenv("TZ", env_or("LOKET_TZ", "Europe/Amsterdam"), 1);
	tzset();
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	struct options o = {0};
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "help") == 0) {
		usage(stdout);
		return 0;
	}
	bool berichten = strcmp(argv[1], "berichten") == 0;
	if (berichten && argc < 3) {
		usage(stderr);
		return 2;
	}
	if (parse_options(berichten ? argc - 1 : argc, berichten ? argv + 1 : argv, &o) != 0)
		return 2;
	const char *gc = o.gemeentecode ? o.gemeentecode : env_or("LOKET_GEMEENTECODE", "0267");
	if (strlen(gc) != 4 || strspn(gc, "0123456789") != 4) {
		fprintf(stderr, "loket: de gemeentecode is de CBS-code van vier cijfers, niet %s\n", gc);
		return 2;
	}
	berichten_gemeentecode_set(gc);
	bericht_release_set(o.istandaarden ? o.istandaarden : env_or("LOKET_ISTANDAARDEN", "istandaarden"));
	/* Every command that opens the database through db_init finds its
	 * audit key file there; migrate needs none (a database from before
	 * the key gets its first one from audit-rotate-key). */
	audit_keys_configure(o.audit_key, strcmp(argv[1], "migrate") != 0);
	if (strcmp(argv[1], "serve") == 0)
		return cmd_serve(&o);
	if (strcmp(argv[1], "migrate") == 0)
		return cmd_migrate(&o);
	if (strcmp(argv[1], "audit-verify") == 0)
		return cmd_audit_verify(&o);
	if (strcmp(argv[1], "audit-rotate-key") == 0)
		return cmd_audit_rotate_key(&o);
	if (strcmp(argv[1], "backup") == 0)
		return cmd_backup(&o);
	if (strcmp(argv[1], "user-add") == 0)
		return cmd_user_add(&o);
	if (strcmp(argv[1], "seed") == 0)
		return cmd_seed(&o);
	if (berichten)
		return cmd_berichten(argv[2], &o);
	usage(stderr);
	return 2;
}
