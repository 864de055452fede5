/* bericht.c - the Berichtenverkeer page and its API (issue 14 items 5-7):
 * for teamleider and beheerder the outbox (klaar, fout), what was sent,
 * the inbox, the refused incoming messages with their reason, the requests
 * waiting for a decision and the retours due (OP090, red when past), with
 * filters by aanbieder, standaard and status and every list as CSV; one
 * message with its XML; the beheerder's upload of an incoming message (a
 * file, multipart, or the message pasted); and
 * /api/v1/berichten to list, read and post messages.
 *
 * The lists name no client: the beheerder has no case access by role, and
 * a message is found by its identification, provider and household
 * number.  The XML of one message does name the client; reading it is
 * audited with the household. */
#include <inttypes.h>
#include <string.h>
#include <strings.h>

#include "audit.h"
#include "bericht_pagina.h"
#include "bericht_tekst.h"
#include "bericht_validatie.h"
#include "berichten.h"
#include "csv.h"
#include "db_bericht.h"
#include "db_referentie.h"
#include "form.h"
#include "handlers.h"
#include "multipart.h"
#include "sorteer.h"

static const char *s_of(const json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

static int64_t n_of(const json_t *o, const char *k)
{
	return json_integer_value(json_object_get(o, k));
}

/* ---- filters ------------------------------------------------------------------- */

enum { F_AANBIEDER, F_STANDAARD, F_STATUS, F_RICHTING, F_SOORT, F_COUNT };
enum { F_PAGE_COUNT = F_STATUS + 1 };
static const struct field_rule filter_rules[F_COUNT] = {
	[F_AANBIEDER] = {.name = "aanbieder", .label = "Aanbieder", .kind = FIELD_ID},
	[F_STANDAARD] = {.name = "standaard", .label = "Standaard", .kind = FIELD_CHOICE, .choices = bt_standaard_codes},
	[F_STATUS] = {.name = "status", .label = "Status", .kind = FIELD_CHOICE, .choices = bt_status_codes},
	[F_RICHTING] = {.name = "richting", .label = "Richting", .kind = FIELD_CHOICE, .choices = bt_richting_codes},
	[F_SOORT] = {.name = "soort", .label = "Soort bericht", .kind = FIELD_CHOICE, .choices = bt_soort_codes},
};

/* Validates the page's or the API's filters; the number of errors. */
static int parse_filter(struct req *r, db *d, size_t n, struct field_value v[F_COUNT])
{
	int errors = form_validate(r->arena, r->query, filter_rules, n, v);
	if (!v[F_AANBIEDER].error && v[F_AANBIEDER].id) {
		json_t *row = NULL;
		if (db_aanbieder_get(d, v[F_AANBIEDER].id, &row) != DB_OK) {
			v[F_AANBIEDER].error = "Deze aanbieder bestaat niet. Kies een aanbieder uit de lijst.";
			errors++;
		}
		json_decref(row);
	}
	return errors;
}

static const char *opt(const struct field_value *v)
{
	return v->text && *v->text ? v->text : NULL;
}

/* ---- the lists ----------------------------------------------------------------- */

struct lijst {
	const char *naam;    /* ?csv=<naam> */
	const char *titel;
	const char *richting;
	const char *const *statussen; /* NULL-terminated; NULL: te beantwoorden */
};

static const char *const st_uitbak[] = {"klaar", "fout", NULL};
static const char *const st_verzonden[] = {"verzonden", "geaccepteerd", "afgekeurd", NULL};
static const char *const st_ontvangen[] = {"verwerkt", NULL};
static const char *const st_geweigerd[] = {"geweigerd", NULL};

static const struct lijst lijsten[] = {
	{"uitbak", "Uitbak: klaar om te verzenden of met een fout", "uit", st_uitbak},
	{"verzonden", "Verzonden", "uit", st_verzonden},
	{"ontvangen", "Ontvangen en verwerkt", "in", st_ontvangen},
	{"geweigerd", "Ontvangen en geweigerd", "in", st_geweigerd},
	{"termijnen", "Retour nog te versturen (termijn OP090)", "in", NULL},
};

static bool in_list(const char *const *l, const char *s)
{
	for (; s && *l; l++)
		if (strcmp(*l, s) == 0)
			return true;
	return false;
}

/* The rows of list l under the filter v. */
static json_t *lijst_rows(struct req *r, db *d, const struct lijst *l, const struct field_value *v, const char *today)
{
	json_t *out = json_array();
	const char *status = opt(&v[F_STATUS]);
	if (l->statussen && status && !in_list(l->statussen, status))
		return out;
	struct bericht_filter f = {.richting = l->richting, .standaard = opt(&v[F_STANDAARD]),
	                           .aanbieder_id = v[F_AANBIEDER].id, .status = status, .te_beantwoorden = !l->statussen,
	                           .limit = 500};
	json_t *rows = db_bericht_list(d, &f);
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row)
		if (!l->statussen || in_list(l->statussen, s_of(row, "status")))
			json_array_append(out, row);
	json_decref(rows);
	bericht_woorden_lijst(r->arena, out, today);
	return out;
}

static json_t *verzoeken_rows(struct req *r, db *d, const struct field_value *v)
{
	json_t *rows = db_verzoek_list(d, 0, "open"), *out = json_array();
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row) {
		if (v[F_AANBIEDER].id && n_of(row, "aanbieder_id") != v[F_AANBIEDER].id)
			continue;
		verzoek_woorden(r->arena, row);
		json_object_del(row, "persoon");
		json_array_append(out, row);
	}
	json_decref(rows);
	return out;
}

/* The lists sort by their columns (src/sorteer.c), each with a parameter
 * of its own (?uitbak=datum&uitbak_richting=op), keeping the filters and
 * the other lists' order. */
static const struct sort_col sort_cols[] = {
	{"bericht", "Bericht", "soort_label", SORT_TEXT, false},
	{"aanbieder", "Aanbieder", "aanbieder", SORT_TEXT, false},
	{"datum", "Datum", "ontvangen_op", SORT_NUM, true},
	{"status", "Status", "status_label", SORT_TEXT, false},
	{"termijn", "Retour uiterlijk", "termijn", SORT_TEXT, false},
};
static const char *const sort_keep[] = {"aanbieder", "standaard", "status", "uitbak", "uitbak_richting", "verzonden",
                                        "verzonden_richting", "ontvangen", "ontvangen_richting", "geweigerd",
                                        "geweigerd_richting", "termijnen", "termijnen_richting", NULL};

static const char *filter_query(struct req *r, const struct field_value *v)
{
	return arena_printf(r->arena, "aanbieder=%s&standaard=%s&status=%s", v[F_AANBIEDER].id ? v[F_AANBIEDER].text : "",
	                    v[F_STANDAARD].text, v[F_STATUS].text);
}

static json_t *aanbieder_options(struct req *r, db *d, int64_t selected)
{
	json_t *rows = db_aanbieder_list(d, false), *out = json_array();
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row)
		json_array_append_new(out, json_pack("{s:I, s:s, s:b}", "value", (json_int_t)n_of(row, "id"), "label",
		                                     s_of(row, "naam") ? s_of(row, "naam") : "", "selected",
		                                     n_of(row, "id") == selected));
	json_decref(rows);
	return out;
}

static json_t *code_options(const char *const *codes, const char *(*label)(const char *), const char *selected)
{
	json_t *out = json_array();
	for (; *codes; codes++)
		json_array_append_new(out, json_pack("{s:s, s:s, s:b}", "value", *codes, "label", label(*codes), "selected",
		                                     selected && strcmp(selected, *codes) == 0));
	return out;
}

/* The page; upload the result of an upload to show (NULL: none), upload_v
 * the upload form's values. */
/* The file (multipart) or the message pasted; one of the two. */
enum { U_BESTAND, U_BERICHT, U_NAAM, U_COUNT };
static const struct field_rule upload_rules[U_COUNT] = {
	[U_BESTAND] = {.name = "bestand", .label = "Bestand", .kind = FIELD_TEXT, .max_len = BERICHT_MAX_BYTES},
	[U_BERICHT] = {.name = "bericht", .label = "Of plak het bericht (XML)", .kind = FIELD_TEXT,
	               .max_len = BERICHT_MAX_BYTES},
	[U_NAAM] = {.name = "bestandsnaam", .label = "Bestandsnaam", .kind = FIELD_LINE, .max_len = 200},
};

static int render(struct req *r, db *d, struct field_value *v, int errors, unsigned status,
                  const struct bericht_import *upload, struct field_value *upload_v)
{
	json_t *data = json_object();
	form_to_page(data, filter_rules, F_PAGE_COUNT, v);
	json_object_set_new(data, "aanbieders", aanbieder_options(r, d, v[F_AANBIEDER].id));
	json_object_set_new(data, "standaarden", code_options(bt_standaard_codes, bt_standaard, v[F_STANDAARD].text));
	json_object_set_new(data, "statussen", code_options(bt_status_codes, bt_status, v[F_STATUS].text));
	bool beheerder = r->user->roles & ROLE_BEHEERDER;
	json_object_set_new(data, "mag_inlezen", json_boolean(beheerder));
	if (beheerder) {
		struct field_value empty[U_COUNT];
		if (!upload_v) {
			form_validate(r->arena, NULL, upload_rules, U_COUNT, empty);
			for (int i = 0; i < U_COUNT; i++)
				empty[i].error = NULL;
			upload_v = empty;
		}
		form_to_page(data, upload_rules, U_COUNT, upload_v);
	}
	if (upload) {
		json_object_set_new(data, "uitslag", json_pack("{s:b, s:b, s:s, s:s, s:I, s:I}", "verwerkt", upload->verwerkt,
		        "herhaald", upload->herhaald, "soort", bt_soort(upload->soort ? upload->soort : ""), "reden",
		        upload->reden ? upload->reden : "", "bericht_id", (json_int_t)upload->bericht_id, "retour_id",
		        (json_int_t)upload->retour_id));
		json_object_set_new(data, "uitslag_geweigerd", json_boolean(!upload->verwerkt && !upload->herhaald));
	}
	if (!errors) {
		char today[11];
		date_today(today);
		const char *q = filter_query(r, v);
		json_t *ls = json_array();
		for (size_t i = 0; i < ARRAY_LEN(lijsten); i++) {
			json_t *rows = lijst_rows(r, d, &lijsten[i], v, today);
			json_t *l = json_pack("{s:s, s:s, s:O, s:b, s:I, s:s, s:b}", "naam", lijsten[i].naam, "titel",
			        lijsten[i].titel, "rijen", rows, "has_rijen", json_array_size(rows) > 0, "aantal",
			        (json_int_t)json_array_size(rows), "csv", arena_printf(r->arena, "/berichten?csv=%s&%s",
			                                                               lijsten[i].naam, q),
			        "is_termijnen", !lijsten[i].statussen);
			size_t ncols = lijsten[i].statussen ? ARRAY_LEN(sort_cols) - 1 : ARRAY_LEN(sort_cols);
			int rc = sort_apply(r, rows, sort_cols, ncols, lijsten[i].naam, "/berichten", sort_keep, l, "kop");
			json_decref(rows);
			json_array_append_new(ls, l);
			if (rc != 0) {
				json_decref(ls);
				json_decref(data);
				return -1;
			}
		}
		json_object_set_new(data, "lijsten", ls);
		json_t *vz = verzoeken_rows(r, d, v);
		json_object_set_new(data, "has_verzoeken", json_boolean(json_array_size(vz) > 0));
		json_object_set_new(data, "verzoeken", vz);
		json_object_set_new(data, "verzoeken_csv", json_string(arena_printf(r->arena, "/berichten?csv=verzoeken&%s", q)));
	}
	return reply_page(r, status, "berichten", "Berichtenverkeer", data);
}

/* ---- CSV ------------------------------------------------------------------------ */

static int reply_csv(struct req *r, db *d, const char *naam, const struct field_value *v)
{
	char today[11];
	date_today(today);
	strbuf sb = {0};
	sb_puts(&sb, "\xEF\xBB\xBF");
	json_t *rows = NULL;
	if (strcmp(naam, "verzoeken") == 0) {
		rows = verzoeken_rows(r, d, v);
		sb_puts(&sb, "Verzoek;Soort;Aanbieder;Huishouden;Referentie;Ontvangen;Status\r\n");
		size_t i;
		json_t *row;
		json_array_foreach(rows, i, row) {
			sb_printf(&sb, "%" PRId64 ";", n_of(row, "id"));
			csv_field(&sb, s_of(row, "soort_label"));
			sb_putc(&sb, ';');
			csv_field(&sb, s_of(row, "aanbieder"));
			sb_printf(&sb, ";%" PRId64 ";", n_of(row, "huishouden_id"));
			csv_field(&sb, s_of(row, "referentie"));
			sb_putc(&sb, ';');
			csv_field(&sb, s_of(row, "ontvangen_nl"));
			sb_putc(&sb, ';');
			csv_field(&sb, s_of(row, "status_label"));
			sb_puts(&sb, "\r\n");
		}
	} else {
		const struct lijst *l = NULL;
		for (size_t i = 0; i < ARRAY_LEN(lijsten); i++)
			if (strcmp(lijsten[i].naam, naam) == 0)
				l = &lijsten[i];
		if (!l) {
			sb_free(&sb);
			return reply_error(r, ERR_NOT_FOUND, "Deze lijst bestaat niet. Kies een lijst op de pagina Berichtenverkeer.");
		}
		rows = lijst_rows(r, d, l, v, today);
		sb_puts(&sb, "Bericht;Soort;Standaard;Identificatie;Aanbieder;Huishouden;Datum;Status;Retourcodes;Reden;"
		             "Termijn retour\r\n");
		size_t i;
		json_t *row;
		json_array_foreach(rows, i, row) {
			sb_printf(&sb, "%" PRId64 ";", n_of(row, "id"));
			const char *cells[] = {s_of(row, "soort_label"), s_of(row, "standaard_label"), s_of(row, "identificatie"),
			                       s_of(row, "aanbieder")};
			for (size_t c = 0; c < ARRAY_LEN(cells); c++) {
				csv_field(&sb, cells[c] ? cells[c] : "");
				sb_putc(&sb, ';');
			}
			if (n_of(row, "huishouden_id"))
				sb_printf(&sb, "%" PRId64, n_of(row, "huishouden_id"));
			sb_putc(&sb, ';');
			const char *rest[] = {s_of(row, "datum"), s_of(row, "status_label"), s_of(row, "retourcodes"),
			                      s_of(row, "reden"), s_of(row, "termijn_nl")};
			for (size_t c = 0; c < ARRAY_LEN(rest); c++) {
				if (c)
					sb_putc(&sb, ';');
				csv_field(&sb, rest[c] ? rest[c] : "");
			}
			sb_puts(&sb, "\r\n");
		}
	}
	json_decref(rows);
	const char *fname = arena_printf(r->arena, "berichten-%s-%s.csv", naam, today);
	if (audit_view(r, "bericht.export", "bericht", 0, 0, fname) != 0) {
		sb_free(&sb);
		return -1;
	}
	size_t len = sb.len;
	if (reply_buffer(r, 200, sb_steal(&sb), len, "text/csv; charset=utf-8") != 0)
		return -1;
	reply_header(r, "Content-Disposition", arena_printf(r->arena, "attachment; filename=\"%s\"", fname));
	return 0;
}

/* ---- pages ----------------------------------------------------------------------- */

int h_berichten(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct field_value v[F_COUNT];
	int errors = parse_filter(r, d, F_PAGE_COUNT, v);
	const char *csv = req_query(r, "csv");
	if (csv && !errors)
		return reply_csv(r, d, csv, v);
	if (!errors && audit_view(r, "bericht.list", "bericht", 0, 0, NULL) != 0)
		return -1;
	return render(r, d, v, errors, errors ? 422 : 200, NULL, NULL);
}

int h_bericht_show(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	json_t *row = NULL;
	enum db_status s = db_bericht_get(d, req_param_id(r, 0), &row);
	if (s == DB_NOT_FOUND)
		return reply_error(r, ERR_NOT_FOUND, "Dit bericht bestaat niet.");
	if (s != DB_OK)
		return -1;
	if (audit_view(r, "bericht.view", "bericht", n_of(row, "id"), n_of(row, "huishouden_id"), NULL) != 0) {
		json_decref(row);
		return -1;
	}
	char today[11];
	date_today(today);
	bericht_woorden(r->arena, row, today);
	json_t *data = json_object();
	if (n_of(row, "antwoord_op"))
		json_object_set_new(data, "antwoord_href", json_string(arena_printf(r->arena, "/berichten/%" PRId64,
		                                                                    n_of(row, "antwoord_op"))));
	if (n_of(row, "retour_id"))
		json_object_set_new(data, "retour_href", json_string(arena_printf(r->arena, "/berichten/%" PRId64,
		                                                                  n_of(row, "retour_id"))));
	const char *title = arena_printf(r->arena, "%s %s", s_of(row, "soort_label"),
	                                 s_of(row, "identificatie") ? s_of(row, "identificatie") : "");
	json_object_set_new(data, "b", row);
	return reply_page(r, 200, "bericht", title, data);
}

int h_bericht_upload(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct field_value f[F_COUNT];
	form_validate(r->arena, NULL, filter_rules, F_COUNT, f);
	for (int i = 0; i < F_COUNT; i++)
		f[i].error = NULL;
	struct field_value *v = arena_alloc(r->arena, U_COUNT * sizeof *v);
	int errors = form_validate(r->arena, r->form, upload_rules, U_COUNT, v);
	/* The file chosen in the form (multipart, src/multipart.c), or the
	 * message pasted. */
	/* A browser sends an empty file part (no name, no bytes) when no file
	 * was chosen. */
	const struct upload *up = r->upload && strcmp(r->upload->field, "bestand") == 0 &&
	                                  (r->upload->filename_len > 0 || r->upload->len > 0)
	                              ? r->upload
	                              : NULL;
	bool file = up != NULL;
	if (!errors && file == (*v[U_BERICHT].text != '\0')) {
		v[U_BESTAND].error = file ? "Kies een bestand of plak het bericht, niet allebei."
		                          : "Kies een bestand of plak het bericht.";
		errors++;
	}
	/* Nothing of a file is shown back in the form. */
	v[U_BESTAND].text = "";
	if (errors)
		return render(r, d, f, 0, 422, NULL, v);
	/* The name is for the record only, never a path: kept when it is short
	 * UTF-8 text without slashes or control characters. */
	bool name_ok = file && up->filename && up->filename_len > 0 && up->filename_len <= 200 &&
	               strlen(up->filename) == up->filename_len && utf8_valid(up->filename, up->filename_len) &&
	               !strchr(up->filename, '/') && !strchr(up->filename, '\\');
	for (size_t i = 0; name_ok && i < up->filename_len; i++)
		name_ok = (unsigned char)up->filename[i] >= 0x20 && up->filename[i] != 0x7f;
	const char *naam = *v[U_NAAM].text ? v[U_NAAM].text : name_ok ? up->filename : file ? "bestand" : "geplakt-bericht";
	/* The file as sent, not trimmed: the same bytes as the file are the
	 * same message (imported twice changes nothing). */
	const char *xml = file ? up->data : form_get(r->form, "bericht");
	size_t xml_len = file ? up->len : strlen(xml);
	struct bericht_import out = {0};
	if (berichten_import(d, r->arena, naam, xml, xml_len, r->user->id, &out) != DB_OK)
		return -1;
	if (db_begin(d) != 0)
		return -1;
	struct audit_entry e = {.medewerker_id = r->user->id, .action = "bericht.upload", .object_type = "bericht",
	                        .object_id = out.bericht_id, .reason = naam, .client_addr = r->client_addr};
	if (audit_append(d, &e) != DB_OK || db_commit(d) != 0) {
		db_rollback(d);
		return -1;
	}
	/* Nothing to keep in the form after a file was read. */
	v[U_BERICHT].text = "";
	v[U_BESTAND].text = "";
	v[U_NAAM].text = "";
	return render(r, d, f, 0, out.verwerkt || out.herhaald ? 200 : 422, &out, v);
}

/* ---- API ------------------------------------------------------------------------- */

/* Teamleider, beheerder, or a koppeling (a bearer token: tokens exist for
 * koppelingen only), e.g. the providers' portal or the GGk. */
static int require_berichten_api(struct req *r)
{
	if ((r->user->roles & (ROLE_TEAMLEIDER | ROLE_BEHEERDER)) || r->bearer)
		return 0;
	reply_error(r, ERR_FORBIDDEN, "Berichtenverkeer is voor de teamleider, de beheerder en koppelingen.");
	return -1;
}

int h_api_berichten_list(struct req *r)
{
	if (require_berichten_api(r) != 0)
		return 0;
	db *d = db_get();
	if (!d)
		return -1;
	struct field_value v[F_COUNT];
	if (parse_filter(r, d, F_COUNT, v) > 0)
		return reply_json_validation(r, form_errors_json(filter_rules, F_COUNT, v));
	struct bericht_filter f = {.richting = opt(&v[F_RICHTING]), .status = opt(&v[F_STATUS]),
	                           .standaard = opt(&v[F_STANDAARD]), .soort = opt(&v[F_SOORT]),
	                           .aanbieder_id = v[F_AANBIEDER].id, .limit = 500};
	if (audit_view(r, "bericht.list", "bericht", 0, 0, NULL) != 0)
		return -1;
	return reply_json(r, 200, json_pack("{s:o}", "berichten", db_bericht_list(d, &f)));
}

int h_api_bericht_get(struct req *r)
{
	if (require_berichten_api(r) != 0)
		return 0;
	db *d = db_get();
	if (!d)
		return -1;
	json_t *row = NULL;
	enum db_status s = db_bericht_get(d, req_param_id(r, 0), &row);
	if (s == DB_NOT_FOUND)
		return reply_error(r, ERR_NOT_FOUND, "Dit bericht bestaat niet.");
	if (s != DB_OK)
		return -1;
	if (audit_view(r, "bericht.view", "bericht", n_of(row, "id"), n_of(row, "huishouden_id"), NULL) != 0) {
		json_decref(row);
		return -1;
	}
	return reply_json(r, 200, row);
}

int h_api_bericht_post(struct req *r)
{
	if (require_berichten_api(r) != 0)
		return 0;
	const char *ct = req_header(r, "Content-Type");
	if (!ct || (strncasecmp(ct, "application/xml", 15) != 0 && strncasecmp(ct, "text/xml", 8) != 0))
		return reply_error(r, ERR_UNSUPPORTED_MEDIA, "Stuur het bericht als XML (Content-Type application/xml).");
	if (r->body.len == 0)
		return reply_json_validation(r, json_pack("{s:s}", "bericht", "Het bericht is leeg."));
	db *d = db_get();
	if (!d)
		return -1;
	struct bericht_import out = {0};
	if (berichten_import(d, r->arena, "bericht-via-api", r->body.buf, r->body.len, r->user->id, &out) != DB_OK)
		return -1;
	if (db_begin(d) != 0)
		return -1;
	struct audit_entry e = {.medewerker_id = r->user->id, .action = "bericht.upload", .object_type = "bericht",
	                        .object_id = out.bericht_id, .reason = "api", .client_addr = r->client_addr};
	if (audit_append(d, &e) != DB_OK || db_commit(d) != 0) {
		db_rollback(d);
		return -1;
	}
	json_t *body = json_pack("{s:I, s:s, s:b, s:b, s:s*, s:I}", "bericht_id", (json_int_t)out.bericht_id, "soort",
	                         out.soort ? out.soort : "", "verwerkt", out.verwerkt, "herhaald", out.herhaald, "reden",
	                         out.reden, "retour_id", (json_int_t)out.retour_id);
	return reply_json(r, out.herhaald ? 200 : out.verwerkt ? 201 : 422, body);
}
