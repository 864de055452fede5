/* test_seed.c - `loket seed`: the same seed gives the same rows and
 * another seed other rows; the sizes are in proportion; every BSN passes
 * the 11-proef and is unique; the rows keep the schema and the
 * application's rules (steps of a household, children younger than their
 * parents, rolgesprek in level order, search terms exactly as the
 * application writes them); the audit chain verifies; a bench user signs
 * in to the real server and finds a generated person; and a database
 * that holds data already is refused. */
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "db.h"
#include "db_huishouden.h"
#include "http_client.h"
#include "testutil.h"
#include "text.h"

enum { N = 300 };

static char dir[64];

/* Runs the sanitizer build's seed command, with the audit key file key
 * (NULL: a new one next to the database); the exit status, or -1. */
static int run_seed(const char *path, const char *key, unsigned households, unsigned long long seed,
                    const char *out)
{
	char cmd[1024];
	snprintf(cmd, sizeof cmd, "build/san/loket seed --db %s%s%s --households %u --seed %llu > %s 2> %s.err",
	         path, key ? " --audit-key " : "", key ? key : "", households, seed, out, out);
	int rc = system(cmd);
	return rc == -1 || !WIFEXITED(rc) ? -1 : WEXITSTATUS(rc);
}

static int run_status(const char *fmt, const char *arg)
{
	char cmd[1024];
	snprintf(cmd, sizeof cmd, fmt, arg);
	int rc = system(cmd);
	return rc == -1 || !WIFEXITED(rc) ? -1 : WEXITSTATUS(rc);
}

static long long q_int(sqlite3 *c, const char *sql)
{
	sqlite3_stmt *st = NULL;
	long long v = -1;
	if (sqlite3_prepare_v2(c, sql, -1, &st, NULL) != SQLITE_OK) {
		printf("# %s: %s\n", sql, sqlite3_errmsg(c));
		return -1;
	}
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static char *q_text(sqlite3 *c, const char *sql)
{
	sqlite3_stmt *st = NULL;
	char *v = NULL;
	if (sqlite3_prepare_v2(c, sql, -1, &st, NULL) != SQLITE_OK) {
		printf("# %s: %s\n", sql, sqlite3_errmsg(c));
		return NULL;
	}
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		v = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return v;
}

/* FNV-1a over every column of every row of a query, with the type in
 * front of each value so that NULL, 0 and "" differ. */
static unsigned long long checksum(sqlite3 *c, const char *sql)
{
	sqlite3_stmt *st = NULL;
	unsigned long long h = 1469598103934665603ull;
	if (sqlite3_prepare_v2(c, sql, -1, &st, NULL) != SQLITE_OK) {
		printf("# %s: %s\n", sql, sqlite3_errmsg(c));
		return 0;
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		for (int i = 0; i < sqlite3_column_count(st); i++) {
			unsigned char type = (unsigned char)sqlite3_column_type(st, i);
			const unsigned char *p = sqlite3_column_blob(st, i);
			int n = sqlite3_column_bytes(st, i);
			h = (h ^ type) * 1099511628211ull;
			for (int k = 0; k < n; k++)
				h = (h ^ p[k]) * 1099511628211ull;
			h = (h ^ 0xff) * 1099511628211ull;
		}
	}
	sqlite3_finalize(st);
	return h;
}

static const char *const tables[] = {
	"team", "gebied", "expertise", "medewerker", "medewerker_expertise", "huishouden", "persoon",
	"persoon_zoekterm", "netwerklid", "aanmelding", "intake", "intake_deelnemer", "intake_expertise",
	"zrm_score", "regie_toewijzing", "plan", "doel", "rolgesprek", "afspraak", "voorziening", "journaal",
	"aanbieder", "sociale_kaart", "product", "locatie", "spreekuur", "spreekuur_medewerker", "bezoek",
	"signaal", "audit", "audit_head", "gezondheid_score"};

static unsigned long long table_sum(sqlite3 *c, const char *table)
{
	char sql[256];
	snprintf(sql, sizeof sql, "SELECT * FROM %s ORDER BY 1, 2", table);
	return checksum(c, sql);
}

static sqlite3 *open_db(const char *path)
{
	sqlite3 *c = NULL;
	if (sqlite3_open_v2(path, &c, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		printf("# kan %s niet openen\n", path);
		sqlite3_close(c);
		return NULL;
	}
	sqlite3_busy_timeout(c, 5000);
	return c;
}

static void check_determinism(sqlite3 *a, sqlite3 *b, sqlite3 *other)
{
	int same = 0, differ = 0;
	for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
		unsigned long long x = table_sum(a, tables[i]), y = table_sum(b, tables[i]), z = table_sum(other, tables[i]);
		if (x == y)
			same++;
		else
			printf("# tabel %s verschilt tussen twee runs met dezelfde seed\n", tables[i]);
		if (x != z)
			differ++;
	}
	CHECK_INT(same, (int)(sizeof tables / sizeof tables[0]), "same seed: every key table has the same content");
	CHECK(table_sum(a, "persoon") != table_sum(other, "persoon"), "another seed: other persons");
	CHECK(table_sum(a, "journaal") != table_sum(other, "journaal"), "another seed: another journal");
	CHECK(table_sum(a, "audit") != table_sum(other, "audit"), "another seed: another audit log");
	CHECK(table_sum(a, "medewerker") != table_sum(other, "medewerker"),
	      "another seed: other employees (names and the password hash)");
	CHECK(differ >= 15, "another seed changes most tables (%d differ)", differ);
}

static void check_counts(sqlite3 *c)
{
	long long hh = q_int(c, "SELECT count(*) FROM huishouden");
	long long persons = q_int(c, "SELECT count(*) FROM persoon");
	long long journal = q_int(c, "SELECT count(*) FROM journaal");
	long long audit = q_int(c, "SELECT count(*) FROM audit");
	CHECK_INT(hh, N, "%d households", N);
	CHECK(persons >= N * 22 / 10 && persons <= N * 28 / 10, "about 2.5 persons per household (%lld)", persons);
	CHECK(q_int(c, "SELECT max(n) FROM (SELECT count(*) n FROM persoon GROUP BY huishouden_id)") <= 6 &&
	      q_int(c, "SELECT min(n) FROM (SELECT count(*) n FROM persoon GROUP BY huishouden_id)") >= 1,
	      "households of 1 to 6 persons");
	CHECK(journal >= N * 8 && journal <= N * 12, "about 10 journal entries per household (%lld)", journal);
	CHECK(audit >= N * 8 && audit <= N * 15, "about 10 audit rows per household (%lld)", audit);
	CHECK_INT(q_int(c, "SELECT count(*) FROM medewerker"), 200, "200 employees");
	CHECK_INT(q_int(c, "SELECT count(*) FROM team"), 10, "10 teams");
	CHECK_INT(q_int(c, "SELECT count(*) FROM gebied"), 12, "12 gebieden");
	CHECK_INT(q_int(c, "SELECT count(DISTINCT team_id) FROM medewerker WHERE roles = 4"), 10,
	          "one teamleider in each team");
	CHECK_INT(q_int(c, "SELECT count(*) FROM medewerker WHERE roles = 4"), 10, "10 teamleiders");
	CHECK_INT(q_int(c, "SELECT count(*) FROM medewerker WHERE roles & 8"), 1, "one beheerder");
	CHECK_INT(q_int(c, "SELECT count(*) FROM medewerker WHERE roles & 16"), 1, "one privacy officer");
	CHECK_INT(q_int(c, "SELECT count(DISTINCT password_hash) FROM medewerker"), 1, "one password hash for all");
	CHECK(q_int(c, "SELECT count(*) FROM medewerker WHERE roles IN (1, 2)") >= 180,
	      "mostly consulenten and gebiedsteam members");
	CHECK(q_int(c, "SELECT count(*) FROM netwerklid") > N, "network members");
	CHECK(q_int(c, "SELECT count(*) FROM zrm_score") > N, "ZRM scores");
	CHECK(q_int(c, "SELECT count(*) FROM voorziening WHERE kind = 'maatwerk'") > 0 &&
	      q_int(c, "SELECT count(*) FROM voorziening WHERE kind = 'algemeen'") > 0,
	      "algemene and maatwerk voorzieningen");
	CHECK(q_int(c, "SELECT count(*) FROM locatie") > 0 && q_int(c, "SELECT count(*) FROM spreekuur") > 0 &&
	      q_int(c, "SELECT count(*) FROM bezoek") > 0 && q_int(c, "SELECT count(*) FROM signaal") > 0,
	      "locations, spreekuren, bezoeken and signalen");
	CHECK(q_int(c, "SELECT count(*) FROM huishouden WHERE regisseur_id IS NULL") > 0 &&
	      q_int(c, "SELECT count(*) FROM huishouden WHERE status = 'plan_actief'") > 0 &&
	      q_int(c, "SELECT count(*) FROM huishouden WHERE status = 'afgesloten'") > 0,
	      "households waiting without regisseur, with an active plan and closed");
	long long span = q_int(c, "SELECT max(opened_at) - min(opened_at) FROM huishouden");
	CHECK(span > 700 * 86400LL, "households spread over two years (%lld days)", span / 86400);
}

static void check_bsns(sqlite3 *c)
{
	sqlite3_stmt *st = NULL;
	long long n = 0, bad = 0;
	if (sqlite3_prepare_v2(c, "SELECT bsn FROM persoon", -1, &st, NULL) == SQLITE_OK) {
		while (sqlite3_step(st) == SQLITE_ROW) {
			const char *b = (const char *)sqlite3_column_text(st, 0);
			n++;
			if (!b || strlen(b) != 9 || !bsn_valid(b))
				bad++;
		}
	}
	sqlite3_finalize(st);
	CHECK(n > 0 && bad == 0, "every person has a BSN passing the 11-proef (%lld of %lld bad)", bad, n);
	CHECK_INT(q_int(c, "SELECT count(DISTINCT bsn) FROM persoon"), n, "the BSNs are unique");
}

static void check_rules(sqlite3 *c)
{
	char *ic = q_text(c, "PRAGMA integrity_check");
	CHECK_STR(ic, "ok", "PRAGMA integrity_check");
	free(ic);
	CHECK_INT(q_int(c, "SELECT count(*) FROM pragma_foreign_key_check"), 0, "PRAGMA foreign_key_check is clean");
	char *mode = q_text(c, "PRAGMA journal_mode");
	CHECK_STR(mode, "wal", "the file is a WAL database afterwards");
	free(mode);
	CHECK_INT(q_int(c, "SELECT count(*) FROM huishouden WHERE postcode NOT GLOB '38[67][0-9] [A-Z][A-Z]'"), 0,
	          "postcodes like 3861 AB");
	/* The steps of a household and the columns that record them. */
	CHECK_INT(q_int(c, "SELECT count(*) FROM huishouden WHERE (status = 'afgesloten') <> (closed_at IS NOT NULL)"
	                   " OR (status = 'afgesloten') <> (close_reason IS NOT NULL)"), 0,
	          "closed households, and only they, have closed_at and close_reason");
	CHECK_INT(q_int(c, "SELECT count(*) FROM huishouden h WHERE intake_on IS NOT"
	                   " (SELECT min(held_on) FROM intake i WHERE i.huishouden_id = h.id)"), 0,
	          "intake_on is the first intake");
	CHECK_INT(q_int(c, "SELECT count(*) FROM huishouden h WHERE plan_vastgesteld_on IS NOT"
	                   " (SELECT agreed_on FROM plan p WHERE p.huishouden_id = h.id)"), 0,
	          "plan_vastgesteld_on is the day the plan was agreed");
	CHECK_INT(q_int(c, "SELECT count(*) FROM huishouden WHERE (status = 'plan_actief' AND plan_vastgesteld_on IS NULL)"
	                   " OR (status IN ('in_behandeling', 'plan_actief') AND (intake_on IS NULL OR regisseur_id IS NULL))"
	                   " OR (status IN ('aangemeld', 'in_behandeling') AND plan_vastgesteld_on IS NOT NULL)"
	                   " OR (intake_on IS NOT NULL AND intake_on < date(opened_at, 'unixepoch', 'localtime'))"
	                   " OR (plan_vastgesteld_on IS NOT NULL AND plan_vastgesteld_on < intake_on)"
	                   " OR (closed_at IS NOT NULL AND date(closed_at, 'unixepoch', 'localtime') < coalesce(plan_vastgesteld_on, intake_on, '0'))"),
	          0, "status follows the steps: aangemeld, intake, plan vastgesteld, afgesloten, in that order");
	CHECK_INT(q_int(c, "SELECT count(*) FROM huishouden h JOIN medewerker m ON m.id = h.regisseur_id"
	                   " WHERE m.roles NOT IN (1, 2)"), 0, "regisseurs are consulenten or gebiedsteam members");
	CHECK_INT(q_int(c, "SELECT count(*) FROM plan p JOIN huishouden h ON h.id = p.huishouden_id"
	                   " WHERE (p.status = 'afgesloten') <> (h.status = 'afgesloten')"
	                   " OR (p.close_reason IS NOT h.close_reason AND p.status = 'afgesloten')"), 0,
	          "a closed household's plan is closed with the same reason");
	CHECK_INT(q_int(c, "SELECT count(*) FROM aanmelding a JOIN huishouden h ON h.id = a.huishouden_id"
	                   " WHERE (a.status = 'afgesloten') <> (h.status = 'afgesloten')"
	                   " OR (a.status = 'open') <> (h.intake_on IS NULL AND h.status <> 'afgesloten')"), 0,
	          "the aanmelding's status follows its household");
	CHECK_INT(q_int(c, "SELECT count(*) FROM persoon k JOIN persoon o ON o.huishouden_id = k.huishouden_id"
	                   " AND o.role IN ('ouder', 'partner') WHERE k.role = 'kind' AND k.birth_date <= o.birth_date"),
	          0, "children are younger than their parents");
	CHECK_INT(q_int(c, "SELECT count(*) FROM persoon k JOIN persoon o ON o.huishouden_id = k.huishouden_id"
	                   " AND o.role = 'ouder' WHERE k.role = 'kind'"
	                   " AND julianday(k.birth_date) - julianday(o.birth_date) < 17 * 365"), 0,
	          "parents were grown up when their children were born");
	CHECK_INT(q_int(c, "SELECT count(*) FROM persoon p JOIN huishouden h ON h.id = p.huishouden_id"
	                   " WHERE p.birth_date > date(h.opened_at, 'unixepoch')"), 0,
	          "everybody was born before the aanmelding");
	CHECK_INT(q_int(c, "SELECT count(*) FROM rolgesprek a JOIN rolgesprek b ON b.doel_id = a.doel_id AND b.id > a.id"
	                   " WHERE instr('inwoner netwerk voorliggend_veld gemeente', b.level)"
	                   " < instr('inwoner netwerk voorliggend_veld gemeente', a.level)"), 0,
	          "rolgesprek rows in level order, from the inside out");
	CHECK_INT(q_int(c, "SELECT count(*) FROM doel d WHERE NOT EXISTS"
	                   " (SELECT 1 FROM rolgesprek r WHERE r.doel_id = d.id AND r.level = 'inwoner')"), 0,
	          "every goal starts its rolgesprek with the resident");
	CHECK_INT(q_int(c, "SELECT count(*) FROM voorziening v WHERE kind = 'maatwerk' AND"
	                   " legal_basis <> (SELECT legal_basis FROM product p WHERE p.id = v.product_id)"), 0,
	          "maatwerk under its product's legal basis");
	CHECK_INT(q_int(c, "SELECT count(*) FROM zrm_score z JOIN intake i ON i.id = z.intake_id"
	                   " WHERE z.scored_on <> i.held_on"), 0, "ZRM scores from the intake, on its day");
	CHECK_INT(q_int(c, "SELECT count(*) FROM zrm_score z JOIN persoon p ON p.id = z.persoon_id"
	                   " JOIN intake i ON i.id = z.intake_id WHERE i.huishouden_id <> p.huishouden_id"), 0,
	          "ZRM scores of the household's own members");
	CHECK(q_int(c, "SELECT count(DISTINCT persoon_id) FROM gezondheid_score") * 100 >
	              q_int(c, "SELECT count(DISTINCT persoon_id) FROM zrm_score WHERE intake_id IS NOT NULL") * 40,
	      "Positieve Gezondheid for a share of the persons scored in an intake");
	CHECK_INT(q_int(c, "SELECT count(*) FROM (SELECT 1 FROM gezondheid_score GROUP BY persoon_id, intake_id,"
	                   " evaluatie_id HAVING count(*) <> 6 OR count(DISTINCT dimension) <> 6)"), 0,
	          "Positieve Gezondheid: all six dimensions per measurement");
	CHECK_INT(q_int(c, "SELECT count(*) FROM gezondheid_score g JOIN intake i ON i.id = g.intake_id"
	                   " JOIN persoon p ON p.id = g.persoon_id"
	                   " WHERE g.scored_on <> i.held_on OR p.huishouden_id <> i.huishouden_id"), 0,
	          "Positieve Gezondheid from the household's own intake, on its day");
	CHECK_INT(q_int(c, "SELECT count(*) FROM audit a JOIN audit b ON b.id = a.id + 1 WHERE b.at < a.at"), 0,
	          "audit times never go down along the chain");
	CHECK_INT(q_int(c, "SELECT count(*) FROM audit WHERE at >= (SELECT max(opened_at) FROM huishouden) + 30 * 86400"),
	          0, "no audit row after the generated period");
	CHECK_INT(q_int(c, "SELECT count(*) FROM persoon p WHERE NOT EXISTS (SELECT 1 FROM audit a"
	                   " WHERE a.object_type = 'persoon' AND a.object_id = p.id AND a.action = 'persoon.create')"), 0,
	          "every person's creation is in the audit log");
}

/* The search terms must be exactly those the application writes: saving
 * a person unchanged through db_persoon_update (which renews them) must
 * leave the same rows. */
static void check_terms(const char *path)
{
	char *err = NULL;
	if (db_init(path, &err) != 0) {
		printf("not ok - db_init: %s\n", err);
		free(err);
		return;
	}
	db *d = db_get();
	sqlite3 *c = db_sqlite(d);
	/* Persons with and without a prefix, and with a composed last name. */
	static const char *const picks[] = {
		"SELECT id FROM persoon WHERE name_prefix IS NULL ORDER BY id LIMIT 1",
		"SELECT id FROM persoon WHERE name_prefix LIKE '% %' ORDER BY id LIMIT 1",
		"SELECT id FROM persoon WHERE name_prefix IS NOT NULL ORDER BY id LIMIT 1",
		"SELECT id FROM persoon WHERE last_name LIKE '%-%' OR last_name LIKE '% %' ORDER BY id LIMIT 1",
		"SELECT id FROM persoon WHERE first_name GLOB '*[^ -~]*' ORDER BY id LIMIT 1",
		"SELECT max(id) FROM persoon"};
	int same = 0, tried = 0;
	for (size_t i = 0; i < sizeof picks / sizeof picks[0]; i++) {
		long long id = q_int(c, picks[i]);
		if (id <= 0)
			continue;
		tried++;
		char sql[256];
		snprintf(sql, sizeof sql, "SELECT group_concat(term, '|') FROM (SELECT term FROM persoon_zoekterm"
		                          " WHERE persoon_id = %lld ORDER BY term)", id);
		char *before = q_text(c, sql);
		arena *ar = arena_new();
		struct persoon p;
		enum db_status s = db_persoon_get(d, ar, id, &p);
		struct persoon_input in = {p.bsn, p.first_name, p.name_prefix, p.last_name, p.birth_date, p.role, p.phone,
		                           p.email};
		if (s == DB_OK && db_begin(d) == 0) {
			s = db_persoon_update(d, id, &in, p.version, 1);
			if (s == DB_OK)
				db_commit(d);
			else
				db_rollback(d);
		}
		char *after = q_text(c, sql);
		if (s == DB_OK && before && after && strcmp(before, after) == 0)
			same++;
		else
			printf("# persoon %lld: seed [%s], applicatie [%s]\n", id, before ? before : "", after ? after : "");
		free(before);
		free(after);
		arena_free(ar);
	}
	CHECK(tried >= 5 && same == tried, "search terms exactly as the application writes them (%d of %d)", same,
	      tried);
	db_close_all();
}

struct bench_user {
	char role[32], username[80], password[64];
};

static int read_bench_users(const char *out, struct bench_user *u, int max)
{
	FILE *f = fopen(out, "r");
	char line[512];
	int n = 0;
	while (f && n < max && fgets(line, sizeof line, f))
		if (sscanf(line, "bench-gebruiker rol=%31s gebruikersnaam=%79s wachtwoord=%63s", u[n].role, u[n].username,
		           u[n].password) == 3)
			n++;
	if (f)
		fclose(f);
	return n;
}

/* A bench user signs in to the real server and finds a generated person
 * by name, through the search page. */
static void check_server(const char *path, const char *out)
{
	struct bench_user u[3];
	int n = read_bench_users(out, u, 3);
	CHECK_INT(n, 3, "three bench users printed");
	if (n != 3)
		return;
	CHECK(!strcmp(u[0].role, "teamleider") && !strcmp(u[1].role, "consulent") && !strcmp(u[2].role, "gebiedsteam"),
	      "bench users: a teamleider, a consulent and a gebiedsteam member");
	sqlite3 *c = open_db(path);
	if (!c)
		return;
	/* A person with a prefix and a letter outside ASCII when there is one. */
	char *first = q_text(c, "SELECT first_name FROM persoon WHERE name_prefix IS NOT NULL"
	                        " ORDER BY first_name GLOB '*[^ -~]*' DESC, id LIMIT 1");
	char *prefix = q_text(c, "SELECT name_prefix FROM persoon WHERE name_prefix IS NOT NULL"
	                         " ORDER BY first_name GLOB '*[^ -~]*' DESC, id LIMIT 1");
	char *last = q_text(c, "SELECT last_name FROM persoon WHERE name_prefix IS NOT NULL"
	                       " ORDER BY first_name GLOB '*[^ -~]*' DESC, id LIMIT 1");
	long long hh = q_int(c, "SELECT huishouden_id FROM persoon WHERE name_prefix IS NOT NULL"
	                        " ORDER BY first_name GLOB '*[^ -~]*' DESC, id LIMIT 1");
	sqlite3_close(c);
	struct test_server s;
	if (!first || !prefix || !last || ts_start_db(&s, path, NULL) != 0) {
		printf("not ok - server starts on the seeded database\n");
		free(first);
		free(prefix);
		free(last);
		return;
	}
	for (int i = 0; i < 3; i++) {
		struct client cl;
		client_init(&cl, s.port);
		CHECK_INT(client_login(&cl, u[i].username, u[i].password), 303, "bench user %s signs in", u[i].role);
	}
	struct client cl;
	client_init(&cl, s.port);
	client_login(&cl, u[1].username, u[1].password);
	char name[300], path_q[1024], link[64];
	snprintf(name, sizeof name, "%s %s %s", first, prefix, last);
	char *q = form_escape(name);
	snprintf(path_q, sizeof path_q, "/zoeken?q=%s", q);
	free(q);
	snprintf(link, sizeof link, "href=\"/huishoudens/%lld\"", hh);
	struct http_resp r;
	if (client_get(&cl, path_q, &r) == 0) {
		CHECK(r.status == 200 && http_body_has(&r, link), "the search finds generated person %s", name);
		http_resp_free(&r);
	} else {
		printf("not ok - search request\n");
	}
	CHECK_INT(ts_db_int(&s, "SELECT count(*) FROM audit WHERE action = 'zoeken'"), 1,
	          "the search is audited after the generated chain");
	ts_stop(&s);
	CHECK_INT(run_status("build/san/loket audit-verify --db %s > /dev/null", path), 0,
	          "the chain still verifies after the server appended to it");
	free(first);
	free(prefix);
	free(last);
}

static void check_progress(const char *out)
{
	char err[160], line[512];
	snprintf(err, sizeof err, "%s.err", out);
	FILE *f = fopen(err, "r");
	int lines = 0;
	bool done = false;
	while (f && fgets(line, sizeof line, f)) {
		if (!strncmp(line, "seed: ", 6) && strstr(line, "%"))
			lines++;
		if (!strncmp(line, "seed: klaar", 11))
			done = true;
	}
	if (f)
		fclose(f);
	CHECK(lines == 10 && done, "progress on stderr every 10%% and a summary (%d lines)", lines);
}

int main(void)
{
	snprintf(dir, sizeof dir, "/tmp/loket-seed-XXXXXX");
	if (!mkdtemp(dir)) {
		printf("not ok - temporary directory\n");
		return 1;
	}
	char a_db[128], b_db[128], c_db[128], a_out[128], b_out[128], c_out[128];
	snprintf(a_db, sizeof a_db, "%s/a.db", dir);
	snprintf(b_db, sizeof b_db, "%s/b.db", dir);
	snprintf(c_db, sizeof c_db, "%s/c.db", dir);
	snprintf(a_out, sizeof a_out, "%s/a.out", dir);
	snprintf(b_out, sizeof b_out, "%s/b.out", dir);
	snprintf(c_out, sizeof c_out, "%s/c.out", dir);
	/* The audit rows are MACed with the database's key: the second run
	 * gets a copy of the first one's key file (given with --audit-key, at
	 * the place a server on b looks for it), so that the same seed and the
	 * same key must give the same rows, audit hashes included. */
	char b_key[160], cp_key[400];
	snprintf(b_key, sizeof b_key, "%s.auditkey", b_db);
	CHECK_INT(run_seed(a_db, NULL, N, 7, a_out), 0, "seed runs (seed 7)");
	snprintf(cp_key, sizeof cp_key, "cp %s.auditkey %s", a_db, b_key);
	CHECK(system(cp_key) == 0, "the first run's audit key file copied for the second");
	CHECK_INT(run_seed(b_db, b_key, N, 7, b_out), 0, "seed runs again (seed 7, the same audit key file)");
	CHECK_INT(run_seed(c_db, NULL, N, 8, c_out), 0, "seed runs (seed 8)");
	sqlite3 *a = open_db(a_db), *b = open_db(b_db), *c = open_db(c_db);
	if (!a || !b || !c) {
		printf("not ok - databases open\n");
		return 1;
	}
	check_determinism(a, b, c);
	check_counts(a);
	check_bsns(a);
	check_rules(a);
	check_progress(a_out);
	sqlite3_close(a);
	sqlite3_close(b);
	sqlite3_close(c);

	CHECK_INT(run_status("build/san/loket audit-verify --db %s > /dev/null", a_db), 0, "loket audit-verify passes");
	check_terms(c_db);

	/* A database that holds data already is refused and left as it was. */
	char d_out[128];
	snprintf(d_out, sizeof d_out, "%s/d.out", dir);
	CHECK_INT(run_seed(a_db, NULL, 10, 9, d_out), 3, "seed refuses a database with households");
	a = open_db(a_db);
	CHECK_INT(a ? q_int(a, "SELECT count(*) FROM huishouden") : -1, N, "the refused database is unchanged");
	sqlite3_close(a);
	char cmd[512];
	snprintf(cmd, sizeof cmd, "grep -q 'bevat al' %s.err", d_out);
	CHECK(system(cmd) == 0, "the refusal says why");
	CHECK_INT(run_status("build/san/loket seed --db %s/e.db --seed 1 > /dev/null 2>&1", dir), 2,
	          "seed without --households is a usage error");

	CHECK_INT(run_status("build/san/loket seed --db %s/f.db --households 5 --seed 1 --until 2999-01-01"
	                     " > /dev/null 2>&1", dir), 1, "seed refuses a reference date in the future");

	check_server(b_db, b_out);
	char rm[128];
	snprintf(rm, sizeof rm, "rm -rf %s", dir);
	if (system(rm) != 0)
		printf("# %s bleef staan\n", dir);
	T_EXIT();
}
