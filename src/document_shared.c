/* document_shared.c - what the document pages share (see
 * include/document_shared.h). */
#include "document_shared.h"

#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audit.h"
#include "db_document.h"
#include "pdf.h"
#include "server.h"
#include "tpl.h"

/* ---- the gemeente file -------------------------------------------------- */

/* Members a letter cannot do without ("a/b": b inside object a). */
static const char *const required[] = {
	"naam", "postadres", "postcode_plaats", "telefoon", "website", "email", "kenmerk_voorvoegsel",
	"ondertekening/namens", "ondertekening/naam", "ondertekening/functie", "mandaat",
	"bezwaar/adres", "bezwaar/digitaal", "eigen_bijdrage", NULL,
};

json_t *document_gemeente_load(const char *path, const char *templates_dir, char **err)
{
	char *own = NULL;
	if (!path)
		path = own = xasprintf("%s/gemeente.json", templates_dir);
	json_error_t je;
	json_t *g = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
	if (!g) {
		*err = xasprintf("%s: %s (regel %d)", path, je.text, je.line);
		free(own);
		return NULL;
	}
	for (int i = 0; required[i]; i++) {
		const char *slash = strchr(required[i], '/');
		const json_t *v = g;
		if (slash) {
			char outer[64];
			snprintf(outer, sizeof outer, "%.*s", (int)(slash - required[i]), required[i]);
			v = json_object_get(v, outer);
			v = json_object_get(v, slash + 1);
		} else {
			v = json_object_get(v, required[i]);
		}
		if (!json_is_string(v) || json_string_length(v) == 0 || strpbrk(json_string_value(v), "\r\n")) {
			*err = xasprintf("%s: '%s' ontbreekt of is geen tekst van een regel", path, required[i]);
			json_decref(g);
			free(own);
			return NULL;
		}
	}
	free(own);
	return g;
}

int document_logo_load(const json_t *gemeente, const char *static_dir, char **png, size_t *len, char **err)
{
	*png = NULL;
	*len = 0;
	const json_t *v = json_object_get(gemeente, "logo");
	if (!v || (json_is_string(v) && json_string_length(v) == 0))
		return 0;
	const char *rel = json_string_value(v);
	if (!rel || rel[0] == '/' || strstr(rel, "..") || strpbrk(rel, "\r\n")) {
		*err = xasprintf("'logo' moet een pad onder de map static zijn, zoals img/gemeente-logo.png");
		return -1;
	}
	char *path = xasprintf("%s/%s", static_dir, rel);
	FILE *f = fopen(path, "rb");
	if (!f) {
		*err = xasprintf("logo %s kan niet worden gelezen", path);
		free(path);
		return -1;
	}
	enum { MAX_LOGO = 1024 * 1024 };
	char *buf = xmalloc(MAX_LOGO + 1);
	size_t n = fread(buf, 1, MAX_LOGO + 1, f);
	fclose(f);
	static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
	if (n > MAX_LOGO || n < 8 || memcmp(buf, sig, 8) != 0) {
		*err = xasprintf("logo %s is geen PNG van hoogstens 1 MiB", path);
		free(buf);
		free(path);
		return -1;
	}
	free(path);
	*png = buf;
	*len = n;
	return 0;
}

const json_t *document_gemeente(struct req *r)
{
	return r->srv->gemeente;
}

/* ---- letters as blocks --------------------------------------------------- */

/* Undoes the template engine's escaping (& < > " '): blocks are text. */
static char *unescape(arena *a, const char *s, size_t n)
{
	char *out = arena_alloc(a, n + 1), *o = out;
	static const struct { const char *ent; char c; } ents[] = {
		{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''},
	};
	for (size_t i = 0; i < n;) {
		bool done = false;
		if (s[i] == '&') {
			for (size_t k = 0; k < ARRAY_LEN(ents); k++) {
				size_t el = strlen(ents[k].ent);
				if (i + el <= n && memcmp(s + i, ents[k].ent, el) == 0) {
					*o++ = ents[k].c;
					i += el;
					done = true;
					break;
				}
			}
		}
		if (!done)
			*o++ = s[i++];
	}
	*o = '\0';
	return out;
}

static json_t *block(const char *kind)
{
	return json_pack("{s:s, s:b}", "soort", kind, kind, 1);
}

/* Parses one line "tag text" into blocks.  Returns 0, or -1 for an
 * unknown tag or one out of place. */
static int parse_line(arena *a, json_t *blocks, const char *line, size_t n)
{
	size_t tl = 0;
	while (tl < n && line[tl] != ' ')
		tl++;
	char tag[16];
	if (tl == 0 || tl >= sizeof tag)
		return -1;
	memcpy(tag, line, tl);
	tag[tl] = '\0';
	const char *rest = tl < n ? line + tl + 1 : line + n;
	const char *text = unescape(a, rest, (size_t)(line + n - rest));
	json_t *last = json_array_size(blocks) ? json_array_get(blocks, json_array_size(blocks) - 1) : NULL;
	const char *last_kind = last ? json_string_value(json_object_get(last, "soort")) : "";
	if (strcmp(tag, "logo") == 0) {
		/* The gemeente's emblem (its path under /static/), drawn top
		 * right; decorative: the name follows as text. */
		json_t *b = block("logo");
		json_object_set_new(b, "tekst", json_string(text));
		json_array_append_new(blocks, b);
	} else if (strcmp(tag, "kop1") == 0 || strcmp(tag, "kop2") == 0) {
		json_t *b = block(tag);
		json_object_set_new(b, "tekst", json_string(text));
		json_array_append_new(blocks, b);
	} else if (strcmp(tag, "alinea") == 0 || strcmp(tag, "klein") == 0 || strcmp(tag, "vet") == 0) {
		json_t *b = block("alinea");
		if (strcmp(tag, "alinea") != 0)
			json_object_set_new(b, tag, json_true());
		json_object_set_new(b, "regels", json_pack("[s]", text));
		json_array_append_new(blocks, b);
	} else if (strcmp(tag, "regel") == 0) {
		if (strcmp(last_kind, "alinea") != 0)
			return -1;
		json_array_append_new(json_object_get(last, "regels"), json_string(text));
	} else if (strcmp(tag, "punt") == 0) {
		if (strcmp(last_kind, "lijst") != 0) {
			last = block("lijst");
			json_object_set_new(last, "punten", json_array());
			json_array_append_new(blocks, last);
		}
		json_array_append_new(json_object_get(last, "punten"), json_string(text));
	} else if (strcmp(tag, "tabel") == 0) {
		json_t *b = block("tabel");
		json_object_set_new(b, "bijschrift", json_string(text));
		json_object_set_new(b, "koppen", json_array());
		json_object_set_new(b, "rijen", json_array());
		json_array_append_new(blocks, b);
	} else if (strcmp(tag, "kop") == 0 || strcmp(tag, "rij") == 0 || strcmp(tag, "cel") == 0) {
		if (strcmp(last_kind, "tabel") != 0)
			return -1;
		json_t *rows = json_object_get(last, "rijen");
		if (tag[0] == 'k') {
			if (json_array_size(rows))
				return -1;
			json_array_append_new(json_object_get(last, "koppen"), json_string(text));
		} else if (tag[0] == 'r') {
			json_array_append_new(rows, json_pack("{s:[]}", "cellen"));
		} else {
			json_t *row = json_array_get(rows, json_array_size(rows) - 1);
			if (!row)
				return -1;
			json_array_append_new(json_object_get(row, "cellen"), json_string(text));
		}
	} else {
		return -1;
	}
	return 0;
}

/* Replaces line breaks (and other control characters) in every string of
 * v with spaces: one value never starts a block of its own. */
static void flatten(json_t *v)
{
	if (json_is_object(v)) {
		const char *k;
		json_t *x;
		json_object_foreach(v, k, x) {
			if (json_is_string(x)) {
				const char *s = json_string_value(x);
				if (!strpbrk(s, "\r\n\t\v\f"))
					continue;
				char *c = xstrdup(s);
				for (char *p = c; *p; p++)
					if (*p == '\r' || *p == '\n' || *p == '\t' || *p == '\v' || *p == '\f')
						*p = ' ';
				json_object_set_new(v, k, json_string(c));
				free(c);
			} else {
				flatten(x);
			}
		}
	} else if (json_is_array(v)) {
		size_t i;
		json_t *x;
		json_array_foreach(v, i, x) {
			if (json_is_string(x) && strpbrk(json_string_value(x), "\r\n\t\v\f")) {
				char *c = xstrdup(json_string_value(x));
				for (char *p = c; *p; p++)
					if (*p == '\r' || *p == '\n' || *p == '\t' || *p == '\v' || *p == '\f')
						*p = ' ';
				json_array_set_new(v, i, json_string(c));
				free(c);
			} else {
				flatten(x);
			}
		}
	}
}

json_t *document_blocks(struct req *r, const char *template_name, const json_t *data)
{
	strbuf out = {0};
	char *err = NULL;
	json_t *flat = json_deep_copy(data);
	flatten(flat);
	int rc = tpl_render(r->srv->templates, template_name, flat, &out, &err);
	json_decref(flat);
	if (rc != 0) {
		log_error("document %s: %s", template_name, err);
		free(err);
		sb_free(&out);
		return NULL;
	}
	json_t *blocks = json_array();
	const char *s = sb_str(&out);
	int lineno = 0;
	while (*s) {
		lineno++;
		const char *nl = strchr(s, '\n');
		size_t n = nl ? (size_t)(nl - s) : strlen(s);
		size_t b = 0, e = n;
		while (b < e && (s[b] == ' ' || s[b] == '\t'))
			b++;
		while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r'))
			e--;
		if (e > b && parse_line(r->arena, blocks, s + b, e - b) != 0) {
			log_error("document %s: regel %d van de uitvoer is geen blok: %.40s", template_name, lineno, s + b);
			json_decref(blocks);
			blocks = NULL;
			break;
		}
		s += n + (nl ? 1 : 0);
	}
	sb_free(&out);
	/* Tables need a header and rows of as many cells. */
	size_t i;
	json_t *bl;
	json_array_foreach(blocks, i, bl) {
		if (!json_object_get(bl, "tabel"))
			continue;
		size_t ncol = json_array_size(json_object_get(bl, "koppen")), k;
		json_t *row;
		bool ok = ncol > 0;
		json_array_foreach(json_object_get(bl, "rijen"), k, row)
			ok = ok && json_array_size(json_object_get(row, "cellen")) == ncol;
		if (!ok) {
			log_error("document %s: een tabel heeft rijen van een andere breedte dan haar koppen", template_name);
			json_decref(blocks);
			return NULL;
		}
	}
	return blocks;
}

json_t *document_lines(const char *text)
{
	json_t *out = json_array();
	if (!text)
		return out;
	const char *s = text;
	while (*s) {
		size_t n = strcspn(s, "\r\n");
		size_t b = 0, e = n;
		while (b < e && (s[b] == ' ' || s[b] == '\t'))
			b++;
		while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t'))
			e--;
		if (e > b)
			json_array_append_new(out, json_stringn(s + b, e - b));
		s += n;
		while (*s == '\r' || *s == '\n')
			s++;
	}
	return out;
}

int document_pdf(struct req *r, const json_t *blocks, const char *title, strbuf *out)
{
	const json_t *g = document_gemeente(r);
	struct pdf_meta meta = {
		.title = title,
		.author = json_string_value(json_object_get(g, "naam")),
		.lang = "nl-NL",
		.logo_png = (const unsigned char *)r->srv->logo_png,
		.logo_len = r->srv->logo_png_len,
	};
	return pdf_render(blocks, &meta, out);
}

void document_sha256(const void *data, size_t len, char out[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, data, len);
	sodium_bin2hex(out, 65, h, sizeof h);
}

const char *document_kind_label(const char *kind)
{
	if (!kind)
		return "";
	if (strcmp(kind, "beschikking") == 0)
		return "Beschikking";
	if (strcmp(kind, "verslag") == 0)
		return "Verslag van het onderzoek";
	if (strcmp(kind, "plan") == 0)
		return "Plan voor de inwoner";
	if (strcmp(kind, "upload") == 0)
		return "Bijlage";
	return kind;
}

static const char *const months[] = {"januari", "februari", "maart", "april", "mei", "juni", "juli",
                                     "augustus", "september", "oktober", "november", "december"};

const char *document_date_long(arena *a, const char *iso)
{
	int y, m, d;
	if (!iso || sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12)
		return iso ? iso : "";
	return arena_printf(a, "%d %s %d", d, months[m - 1], y);
}

const char *document_domain_plain(const char *domain)
{
	static const struct { const char *code, *plain; } t[] = {
		{"financien", "Geld"}, {"werk_en_opleiding", "Werk en school"}, {"tijdsbesteding", "Uw dagen invullen"},
		{"huisvesting", "Wonen"}, {"huiselijke_relaties", "Thuis en gezin"},
		{"geestelijke_gezondheid", "Hoe u zich voelt"}, {"lichamelijke_gezondheid", "Uw gezondheid"},
		{"middelengebruik", "Alcohol en drugs"}, {"basale_adl", "Uzelf verzorgen"},
		{"instrumentele_adl", "Het huishouden en boodschappen"}, {"sociaal_netwerk", "Contact met anderen"},
		{"maatschappelijke_participatie", "Meedoen"}, {"justitie", "Politie en justitie"},
	};
	for (size_t i = 0; domain && i < ARRAY_LEN(t); i++)
		if (strcmp(t[i].code, domain) == 0)
			return t[i].plain;
	return domain ? domain : "";
}

void document_decorate(struct req *r, json_t *rows)
{
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row) {
		const char *kind = json_string_value(json_object_get(row, "soort"));
		json_object_set_new(row, "soort_label", json_string(document_kind_label(kind)));
		char nl[11];
		const char *date = json_string_value(json_object_get(row, "datum"));
		if (date) {
			fmt_date_nl(date, nl);
			json_object_set_new(row, "datum_nl", json_string(nl));
		}
		int64_t size = json_integer_value(json_object_get(row, "grootte"));
		const char *sz = size >= 1024 * 1024
			? arena_printf(r->arena, "%" PRId64 ",%" PRId64 " MB", size / (1024 * 1024),
			               (size % (1024 * 1024)) * 10 / (1024 * 1024))
			: arena_printf(r->arena, "%" PRId64 " kB", (size + 1023) / 1024);
		json_object_set_new(row, "grootte_nl", json_string(sz));
		json_object_set_new(row, "href", json_string(arena_printf(
			r->arena, "/documenten/%" PRId64 "/bestand", (int64_t)json_integer_value(json_object_get(row, "id")))));
	}
}

/* ---- vaststellen ---------------------------------------------------------- */

/* iso plus days, as "YYYY-MM-DD". */
static const char *date_plus(arena *a, const char *iso, int days)
{
	struct tm tm = {0};
	if (sscanf(iso, "%4d-%2d-%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday) != 3)
		return iso;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_mday += days;
	tm.tm_hour = 12;
	time_t t = timegm(&tm);
	gmtime_r(&t, &tm);
	char out[11];
	strftime(out, sizeof out, "%Y-%m-%d", &tm);
	return arena_strdup(a, out);
}

enum db_status document_save_concept(struct req *r, db *d, const struct document_letter *l, int64_t concept_id,
                                     int64_t version, const char *motivation, const char *closing)
{
	if (db_begin(d) != 0)
		return DB_ERROR;
	int64_t id = 0;
	enum db_status s = db_document_concept_save(d, l->hh, l->kind, l->vid, l->title, motivation, closing,
	                                            concept_id, version, r->user->id, &id);
	if (s == DB_OK) {
		struct audit_entry e = {.medewerker_id = r->user->id, .action = "document.concept",
		                        .object_type = "document", .object_id = id, .huishouden_id = l->hh,
		                        .client_addr = r->client_addr};
		s = audit_append(d, &e);
	}
	if (s != DB_OK) {
		db_rollback(d);
		return s;
	}
	return db_commit(d) == 0 ? DB_OK : DB_ERROR;
}

enum db_status document_settle(struct req *r, db *d, const struct document_letter *l, int64_t concept_id,
                               int64_t version, const char *motivation, const char *closing, int64_t *doc_id)
{
	/* 1. The free text as it is now, in the concept (which gives the id
	 *    the kenmerk is made of). */
	if (db_begin(d) != 0)
		return DB_ERROR;
	int64_t id = 0;
	enum db_status s = db_document_concept_save(d, l->hh, l->kind, l->vid, l->title, motivation, closing,
	                                            concept_id, version, r->user->id, &id);
	if (s != DB_OK) {
		db_rollback(d);
		return s;
	}
	if (db_commit(d) != 0)
		return DB_ERROR;
	int64_t saved_version = version + 1;
	/* 2. The letter and its PDF, outside any transaction. */
	char today[11];
	date_today(today);
	const json_t *g = document_gemeente(r);
	json_t *data = json_deep_copy(l->data);
	json_object_set_new(data, "dagtekening", json_string(document_date_long(r->arena, today)));
	json_object_set_new(data, "bezwaar_uiterlijk",
	                    json_string(document_date_long(r->arena, date_plus(r->arena, today, 42))));
	json_object_set_new(data, "kenmerk", json_string(arena_printf(
		r->arena, "%s/%.4s/%06" PRId64, json_string_value(json_object_get(g, "kenmerk_voorvoegsel")), today, id)));
	json_object_set_new(data, "motivatie", document_lines(motivation));
	json_object_set_new(data, "afsluiting", document_lines(closing));
	json_t *blocks = document_blocks(r, l->template_name, data);
	json_decref(data);
	strbuf pdf = {0};
	if (!blocks || document_pdf(r, blocks, l->title, &pdf) != 0) {
		json_decref(blocks);
		sb_free(&pdf);
		return DB_ERROR;
	}
	json_decref(blocks);
	char sha[65];
	document_sha256(pdf.buf, pdf.len, sha);
	/* 3. Frozen, with the hash in the audit chain. */
	if (db_begin(d) != 0) {
		sb_free(&pdf);
		return DB_ERROR;
	}
	int64_t version_no = 0;
	struct document_content c = {.title = l->title, .recipient = l->recipient, .dated_on = today,
	                             .mime_type = "application/pdf", .sha256 = sha, .data = pdf.buf, .len = pdf.len};
	s = db_document_next_version(d, l->hh, l->kind, l->vid, &version_no);
	if (s == DB_OK)
		s = db_document_settle(d, id, saved_version, version_no, &c, r->user->id);
	if (s == DB_OK) {
		struct audit_entry e = {.medewerker_id = r->user->id, .action = "document.vastgesteld",
		                        .object_type = "document", .object_id = id, .huishouden_id = l->hh,
		                        .reason = arena_printf(r->arena, "SHA-256 %s", sha),
		                        .client_addr = r->client_addr};
		s = audit_append(d, &e);
	}
	sb_free(&pdf);
	if (s != DB_OK) {
		db_rollback(d);
		return s;
	}
	if (db_commit(d) != 0)
		return DB_ERROR;
	*doc_id = id;
	return DB_OK;
}

enum db_status overview_fill_documenten(struct req *r, db *d, int64_t hh, json_t *data)
{
	json_t *rows = db_document_list(d, hh, 0);
	if (!rows)
		return DB_ERROR;
	document_decorate(r, rows);
	json_object_set_new(data, "has_documenten", json_boolean(json_array_size(rows) > 0));
	json_object_set_new(data, "documenten", rows);
	return DB_OK;
}
