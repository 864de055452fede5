/* berichten.c - toewijzingen and the 301 (see berichten.h).  Incoming
 * messages are in berichten_in.c, requests in berichten_verzoek.c. */
#include "berichten.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "audit.h"
#include "bericht_validatie.h"
#include "bericht_xml.h"
#include "db_bericht.h"

static char gemeentecode[5] = "0267";

void berichten_gemeentecode_set(const char *code)
{
	if (code && strlen(code) == 4 && isdigit((unsigned char)code[0]) && isdigit((unsigned char)code[1]) &&
	    isdigit((unsigned char)code[2]) && isdigit((unsigned char)code[3]))
		memcpy(gemeentecode, code, 5);
}

const char *berichten_gemeentecode(void)
{
	return gemeentecode;
}

void berichten_vandaag(char day[11])
{
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(day, 11, "%Y-%m-%d", &tm);
}

static void nu_tijd(char out[9])
{
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(out, 9, "%H:%M:%S", &tm);
}

/* day + n days (n may be negative). */
static void dag_plus(const char *day, int n, char out[11])
{
	struct tm tm = {0};
	if (sscanf(day, "%4d-%2d-%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday) != 3) {
		snprintf(out, 11, "%s", day);
		return;
	}
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_mday += n;
	tm.tm_hour = 12;
	time_t t = timegm(&tm);
	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

void berichten_termijn(const char *day, bool declaratie, char out[11])
{
	int werkdagen = declaratie ? 10 : 3;
	char cur[11];
	snprintf(cur, sizeof cur, "%s", day);
	while (werkdagen > 0) {
		char next[11];
		dag_plus(cur, 1, next);
		memcpy(cur, next, 11);
		struct tm tm = {0};
		sscanf(cur, "%4d-%2d-%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday);
		tm.tm_year -= 1900;
		tm.tm_mon -= 1;
		tm.tm_hour = 12;
		time_t t = timegm(&tm);
		gmtime_r(&t, &tm);
		if (tm.tm_wday != 0 && tm.tm_wday != 6)
			werkdagen--;
	}
	memcpy(out, cur, 11);
}

/* ---- mapping our fields to the standard ------------------------------------ */

static const char *standaard_of(const char *legal_basis)
{
	if (!legal_basis)
		return NULL;
	if (strcmp(legal_basis, "wmo2015") == 0)
		return "iwmo";
	if (strcmp(legal_basis, "jeugdwet") == 0)
		return "ijw";
	return NULL;
}

static const char *eenheid_of(const char *unit)
{
	static const char *const m[][2] = {{"minuut", "01"}, {"uur", "04"}, {"etmaal", "14"},
	                                   {"dagdeel", "16"}, {"stuks", "82"}, {"euro", "83"}};
	for (size_t i = 0; unit && i < ARRAY_LEN(m); i++)
		if (strcmp(unit, m[i][0]) == 0)
			return m[i][1];
	return "82";
}

static const char *frequentie_of(const char *frequency)
{
	static const char *const m[][2] = {
		{"per_dag", "1"}, {"per_week", "2"}, {"per_maand", "4"}, {"totaal", "6"}};
	for (size_t i = 0; frequency && i < ARRAY_LEN(m); i++)
		if (strcmp(frequency, m[i][0]) == 0)
			return m[i][1];
	return "6";
}

/* RedenWijziging (WMO002 / JZ002) when a voorziening ends early. */
static const char *reden_einde(const char *end_reason)
{
	if (end_reason && strcmp(end_reason, "overleden") == 0)
		return "02";
	if (end_reason && strcmp(end_reason, "verhuisd") == 0)
		return "07";
	return "05";
}

/* ---- storing an outgoing message ---------------------------------------------- */

void berichten_sha256(const char *xml, size_t len, char out[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, (const unsigned char *)xml, len);
	sodium_bin2hex(out, 65, h, sizeof h);
}

/* The findings as one Dutch text: "CS002 at /Bericht/...: ...; ...". */
static const char *fouten_tekst(arena *a, const struct bericht_uitslag *u)
{
	strbuf sb = {0};
	for (size_t i = 0; i < u->nfouten && i < 20; i++) {
		if (i)
			sb_puts(&sb, "\n");
		sb_printf(&sb, "%s", u->fouten[i].tekst);
		if (u->fouten[i].locatie && *u->fouten[i].locatie)
			sb_printf(&sb, " (bij %s)", u->fouten[i].locatie);
	}
	const char *r = arena_strdup(a, sb_str(&sb));
	sb_free(&sb);
	return r;
}

enum db_status berichten_opslaan_uit(db *d, arena *a, struct bericht_rij *r, const char *xml, size_t len,
                                     int64_t *id, bool *ok)
{
	struct bericht_uitslag u;
	bericht_valideer(a, bericht_release(), xml, len, &u);
	*ok = u.geldig;
	char sha[65];
	berichten_sha256(xml, len, sha);
	r->richting = "uit";
	r->status = u.geldig ? "klaar" : "fout";
	r->reden = u.geldig ? NULL : fouten_tekst(a, &u);
	r->xml = xml;
	r->xml_len = len;
	r->sha256 = sha;
	enum db_status s = db_bericht_insert(d, r, id);
	if (s != DB_OK)
		return s;
	struct audit_entry e = {.medewerker_id = r->created_by, .action = u.geldig ? "bericht.klaar" : "bericht.fout",
	                        .object_type = "bericht", .object_id = *id, .huishouden_id = r->huishouden_id};
	return audit_append(d, &e);
}

enum db_status berichten_identificatie(db *d, arena *a, const char **out)
{
	int64_t n = 0;
	enum db_status s = db_teller_next(d, "bericht", &n);
	if (s == DB_OK)
		*out = arena_printf(a, "EL%010lld", (long long)n);
	return s;
}

enum db_status berichten_301(db *d, arena *a, int64_t p, int64_t x, const char *s, int64_t by, int64_t *bericht_id)
{
	*bericht_id = 0;
	char vandaag[11];
	berichten_vandaag(vandaag);
	struct tw_rij *rows = NULL;
	size_t n = 0;
	enum db_status st = db_tw_voor_bericht(d, a, p, x, s, vandaag, &rows, &n);
	if (st != DB_OK || n == 0)
		return st;
	/* The client and provider must allow it. */
	struct tw_bron b;
	if ((st = db_tw_bron(d, a, rows[0].voorziening_id, &b)) != DB_OK)
		return st;
	sqlite3_stmt *q = db_stmt(d, "SELECT p.geen_berichten, a.agb_code, a.ontvangt_iwmo, a.ontvangt_ijw, p.huishouden_id"
	                             " FROM persoon p, aanbieder a WHERE p.id = ? AND a.id = ?");
	if (!q)
		return DB_ERROR;
	sqlite3_bind_int64(q, 1, p);
	sqlite3_bind_int64(q, 2, x);
	if (sqlite3_step(q) != SQLITE_ROW) {
		db_done(q);
		return DB_NOT_FOUND;
	}
	bool geblokkeerd = sqlite3_column_type(q, 0) != SQLITE_NULL;
	const char *agb = db_col_dup(a, q, 1);
	bool ontvangt = strcmp(s, "iwmo") == 0 ? sqlite3_column_int(q, 2) == 1 : sqlite3_column_int(q, 3) == 1;
	int64_t hh = sqlite3_column_int64(q, 4);
	db_done(q);
	if (geblokkeerd || !agb || !ontvangt)
		return DB_OK;
	struct bx_client c;
	if ((st = db_bericht_client(d, a, p, &c)) != DB_OK)
		return st;
	if (!c.voorletters || !*c.voorletters) {
		char *v = arena_strndup(a, c.voornamen ? c.voornamen : "X", 1);
		v[0] = (char)toupper((unsigned char)v[0]);
		c.voorletters = isalpha((unsigned char)v[0]) ? v : NULL;
	}
	/* CS050: NaamGebruik other than 1 needs a Partnernaam, which we do not
	 * keep (the achternaam as used is the name); so 1 (eigen naam) goes. */
	c.naamgebruik = "1";
	/* A huisnummer suffix: one letter is a huisletter, the rest a toevoeging
	 * (at most 4 characters in the standard). */
	if (c.toevoeging && strlen(c.toevoeging) == 1 && isalpha((unsigned char)c.toevoeging[0])) {
		c.huisletter = c.toevoeging;
		c.toevoeging = NULL;
	} else if (c.toevoeging && strlen(c.toevoeging) > 4) {
		c.toevoeging = arena_strndup(a, c.toevoeging, 4);
	}
	struct bx_toewijzing *t = arena_alloc(a, n * sizeof *t);
	for (size_t i = 0; i < n; i++)
		t[i] = (struct bx_toewijzing){.nummer = (long)rows[i].nummer,
		                              .referentie_aanbieder = rows[i].referentie_aanbieder, .categorie = rows[i].categorie,
		                              .code = rows[i].code, .toewijzingsdatum = rows[i].toewijzingsdatum,
		                              .toewijzingstijd = rows[i].toewijzingstijd, .ingangsdatum = rows[i].ingangsdatum,
		                              .einddatum = rows[i].einddatum, .reden_wijziging = rows[i].reden_wijziging,
		                              .volume = (long)rows[i].volume, .eenheid = rows[i].eenheid,
		                              .frequentie = rows[i].frequentie};
	const char *ident = NULL;
	if ((st = berichten_identificatie(d, a, &ident)) != DB_OK)
		return st;
	struct bx_header h = {.standaard = s, .soort = "301", .afzender = gemeentecode, .ontvanger = agb,
	                      .identificatie = ident, .dagtekening = vandaag};
	xmlDocPtr doc = bx_toewijzing_bericht(&h, &c, t, n);
	char *xml = NULL;
	size_t len = 0;
	int rc = doc ? bx_serialize(a, doc, &xml, &len) : -1;
	if (doc)
		xmlFreeDoc(doc);
	if (rc != 0)
		return DB_ERROR;
	struct bericht_rij r = {.standaard = s, .soort = "301", .identificatie = ident, .dagtekening = vandaag,
	                        .afzender = gemeentecode, .ontvanger = agb, .aanbieder_id = x, .persoon_id = p,
	                        .huishouden_id = hh, .created_by = by};
	bool ok = false;
	if ((st = berichten_opslaan_uit(d, a, &r, xml, len, bericht_id, &ok)) != DB_OK)
		return st;
	for (size_t i = 0; i < n && st == DB_OK; i++) {
		if (ok) {
			st = db_tw_verzonden(d, *bericht_id, rows[i].id);
		} else {
			st = db_bericht_regie_link(d, *bericht_id, rows[i].id);
		}
	}
	return st;
}

/* ---- toewijzingen follow the voorziening --------------------------------------- */

static bool same(const char *x, const char *y)
{
	return (!x && !y) || (x && y && strcmp(x, y) == 0);
}

enum db_status berichten_voorziening(db *d, arena *a, int64_t v, int64_t by)
{
	return berichten_voorziening_ref(d, a, v, by, NULL);
}

enum db_status berichten_voorziening_ref(db *d, arena *a, int64_t v, int64_t by, const char *ref)
{
	struct tw_bron b;
	enum db_status st = db_tw_bron(d, a, v, &b);
	if (st != DB_OK)
		return st;
	const char *s = standaard_of(b.legal_basis);
	bool toegekend = strcmp(b.status, "toegekend") == 0 || strcmp(b.status, "gestart") == 0 ||
	                 strcmp(b.status, "beeindigd") == 0;
	char vandaag[11], tijd[9];
	berichten_vandaag(vandaag);
	/* A client without BSN cannot be named in a message: no toewijzing (the
	 * voorziening page says why). */
	if (!s || strcmp(b.kind, "maatwerk") != 0 || !b.persoon_id || !b.bsn || !*b.bsn || !b.aanbieder_id ||
	    !b.categorie || !toegekend) {
		/* No longer something a provider gets (another legal basis, no
		 * client): a toewijzing it had is withdrawn. */
		struct tw_rij cur;
		st = db_tw_actueel(d, a, v, &cur);
		if (st == DB_NOT_FOUND)
			return DB_OK;
		if (st != DB_OK)
			return st;
		nu_tijd(tijd);
		char gisteren[11];
		dag_plus(vandaag, -1, gisteren);
		bool begonnen = strcmp(gisteren, cur.ingangsdatum) >= 0;
		const char *einde = begonnen && strcmp(gisteren, cur.einddatum) < 0 ? gisteren : cur.ingangsdatum;
		if (begonnen && strcmp(gisteren, cur.einddatum) >= 0)
			einde = cur.einddatum;
		if ((st = db_tw_einde(d, cur.id, einde, begonnen ? "14" : "13", vandaag, tijd, false)) != DB_OK)
			return st;
		int64_t id = 0;
		return berichten_301(d, a, cur.persoon_id, cur.aanbieder_id, cur.standaard, by, &id);
	}
	nu_tijd(tijd);
	/* What the toewijzing should say now. */
	struct tw_rij want = {.voorziening_id = v, .persoon_id = b.persoon_id, .aanbieder_id = b.aanbieder_id,
	                      .standaard = s, .categorie = b.categorie, .code = b.code, .ingangsdatum = b.start_date,
	                      .einddatum = b.end_date, .eenheid = eenheid_of(b.unit), .frequentie = frequentie_of(b.frequency),
	                      .volume = strcmp(eenheid_of(b.unit), "83") == 0 ? b.volume * 100 : b.volume,
	                      .toewijzingsdatum = vandaag, .toewijzingstijd = tijd};
	const char *reden = NULL;
	if (strcmp(b.status, "beeindigd") == 0 && b.ended_on) {
		want.einddatum = strcmp(b.ended_on, b.start_date) < 0 ? b.start_date : b.ended_on;
		if (strcmp(want.einddatum, b.end_date) < 0)
			reden = reden_einde(b.end_reason);
	}
	struct tw_rij cur;
	st = db_tw_actueel(d, a, v, &cur);
	if (st != DB_OK && st != DB_NOT_FOUND)
		return st;
	struct tw_rij oud = {0}; /* the former client/provider/standard, when that changed */
	if (st == DB_OK) {
		bool inhoud = cur.aanbieder_id == want.aanbieder_id && cur.persoon_id == want.persoon_id &&
		              same(cur.standaard, want.standaard) && same(cur.categorie, want.categorie) &&
		              same(cur.code, want.code) && cur.volume == want.volume && same(cur.eenheid, want.eenheid) &&
		              same(cur.frequentie, want.frequentie) && same(cur.ingangsdatum, want.ingangsdatum);
		if (inhoud) {
			if (same(cur.einddatum, want.einddatum))
				return DB_OK;
			if (!reden)
				reden = strcmp(want.einddatum, cur.einddatum) > 0 ? "04" : "05";
			if ((st = db_tw_einde(d, cur.id, want.einddatum, reden, vandaag, tijd, true)) != DB_OK)
				return st;
		} else {
			/* The old toewijzing ends the day before the new one starts;
			 * one that has not begun yet is withdrawn (13). */
			char gisteren[11];
			dag_plus(vandaag, -1, gisteren);
			const char *einde = strcmp(gisteren, cur.ingangsdatum) >= 0 ? gisteren : cur.ingangsdatum;
			if (strcmp(einde, cur.einddatum) > 0)
				einde = cur.einddatum;
			const char *r = strcmp(gisteren, cur.ingangsdatum) < 0 ? "13"
			                : cur.persoon_id != want.persoon_id    ? "14"
			                : cur.aanbieder_id != want.aanbieder_id ? "09"
			                                                       : "05";
			if ((st = db_tw_einde(d, cur.id, einde, r, vandaag, tijd, false)) != DB_OK)
				return st;
			if (cur.aanbieder_id != want.aanbieder_id || cur.persoon_id != want.persoon_id ||
			    !same(cur.standaard, want.standaard))
				oud = cur;
			if (strcmp(vandaag, want.ingangsdatum) > 0 && strcmp(r, "13") != 0)
				want.ingangsdatum = arena_strdup(a, vandaag);
			st = DB_NOT_FOUND;
		}
	}
	if (st == DB_NOT_FOUND && strcmp(want.einddatum, want.ingangsdatum) >= 0 && strcmp(b.status, "beeindigd") != 0) {
		want.reden_wijziging = NULL;
		want.referentie_aanbieder = ref;
		if ((st = db_teller_next(d, "toewijzing", &want.nummer)) != DB_OK)
			return st;
		if ((st = db_tw_insert(d, &want, &want.id)) != DB_OK)
			return st;
	}
	int64_t id = 0;
	if ((st = berichten_301(d, a, b.persoon_id, b.aanbieder_id, s, by, &id)) != DB_OK)
		return st;
	if (oud.id)
		st = berichten_301(d, a, oud.persoon_id, oud.aanbieder_id, oud.standaard, by, &id);
	return st;
}

/* ---- starting state ------------------------------------------------------------- */

static const char SQL_BEGINSTAND[] =
	"SELECT v.id FROM voorziening v WHERE v.kind = 'maatwerk' AND v.legal_basis IN ('wmo2015', 'jeugdwet')"
	" AND v.status IN ('toegekend', 'gestart') AND v.end_date >= ?"
	" AND NOT EXISTS (SELECT 1 FROM toewijzing t WHERE t.voorziening_id = v.id) ORDER BY v.id";

static enum db_status count_status(db *d, const char *status, int64_t *n)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT count(*) FROM bericht WHERE richting = 'uit' AND soort = '301' AND status = ?");
	if (!st)
		return DB_ERROR;
	sqlite3_bind_text(st, 1, status, -1, SQLITE_STATIC);
	return db_read_ints(d, st, n, 1, "bericht count");
}

int berichten_beginstand(db *d, size_t *n, size_t *klaar, size_t *fout)
{
	*n = *klaar = *fout = 0;
	char vandaag[11];
	berichten_vandaag(vandaag);
	sqlite3_stmt *st = db_stmt(d, SQL_BEGINSTAND);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, vandaag, -1, SQLITE_TRANSIENT);
	size_t cap = 1024, len = 0;
	int64_t *ids = xmalloc(cap * sizeof *ids);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (len == cap)
			ids = xrealloc(ids, (cap *= 2) * sizeof *ids);
		ids[len++] = sqlite3_column_int64(st, 0);
	}
	db_done(st);
	int64_t k0 = 0, f0 = 0, k1 = 0, f1 = 0;
	if (rc != SQLITE_DONE || count_status(d, "klaar", &k0) != DB_OK || count_status(d, "fout", &f0) != DB_OK) {
		free(ids);
		return -1;
	}
	int result = 0;
	for (size_t i = 0; i < len && result == 0; i += 500) {
		if (db_begin(d) != 0) {
			result = -1;
			break;
		}
		enum db_status s = DB_OK;
		for (size_t j = i; j < len && j < i + 500 && s == DB_OK; j++) {
			arena *a = arena_new();
			s = berichten_voorziening(d, a, ids[j], 0);
			arena_free(a);
			if (s == DB_OK)
				(*n)++;
		}
		if (s != DB_OK || db_commit(d) != 0) {
			db_rollback(d);
			result = -1;
		}
	}
	free(ids);
	if (count_status(d, "klaar", &k1) != DB_OK || count_status(d, "fout", &f1) != DB_OK)
		return -1;
	*klaar = (size_t)(k1 - k0);
	*fout = (size_t)(f1 - f0);
	return result;
}

/* ---- export ---------------------------------------------------------------------- */

int berichten_export(db *d, arena *a, const char *dir, size_t *n, const char **err)
{
	*n = 0;
	json_t *q = db_bericht_wachtrij(d);
	size_t i;
	json_t *row;
	int rc = 0;
	json_array_foreach(q, i, row)
	{
		const char *ident = json_string_value(json_object_get(row, "identificatie"));
		const char *xml = json_string_value(json_object_get(row, "xml"));
		int64_t id = json_integer_value(json_object_get(row, "id"));
		/* The identification is ours ("EL" and digits): safe as a name. */
		bool safe = ident && *ident;
		for (const char *p = ident; safe && *p; p++)
			safe = isalnum((unsigned char)*p);
		if (!safe || !xml) {
			*err = "een bericht in de wachtrij heeft geen bruikbare identificatie";
			rc = -1;
			break;
		}
		const char *path = arena_printf(a, "%s/%s.xml", dir, ident);
		const char *tmp = arena_printf(a, "%s/.%s.tmp", dir, ident);
		int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
		size_t len = strlen(xml);
		if (fd < 0 || write(fd, xml, len) != (ssize_t)len || fsync(fd) != 0) {
			*err = arena_printf(a, "%s kan niet worden geschreven: %s", path, strerror(errno));
			if (fd >= 0)
				close(fd);
			unlink(tmp);
			rc = -1;
			break;
		}
		close(fd);
		if (rename(tmp, path) != 0) {
			*err = arena_printf(a, "%s kan niet worden geschreven: %s", path, strerror(errno));
			unlink(tmp);
			rc = -1;
			break;
		}
		if (db_begin(d) != 0) {
			*err = "de database is bezet";
			rc = -1;
			break;
		}
		if (db_bericht_verzonden(d, id) != DB_OK || db_commit(d) != 0) {
			db_rollback(d);
			*err = "de status kon niet worden bijgewerkt";
			rc = -1;
			break;
		}
		(*n)++;
	}
	json_decref(q);
	return rc;
}
