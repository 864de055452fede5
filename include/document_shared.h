/* document_shared.h - what the document pages (src/handlers/beschikking.c,
 * huisdocument.c, document.c, document_upload.c) share: the gemeente file,
 * letters from templates as blocks, the PDF of a letter, its hash,
 * vaststellen in one transaction with its audit row, and the display of
 * a list of documents.  Strings come from the request's arena unless said
 * otherwise. */
#ifndef LOKET_DOCUMENT_SHARED_H
#define LOKET_DOCUMENT_SHARED_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db.h"
#include "form.h"
#include "http.h"
#include "util.h"

/* Reads the gemeente file (the municipality's letterhead, signatory,
 * mandate line and bezwaar address: docs/documenten.md): path, or
 * templates_dir/gemeente.json when path is NULL.  Every required member
 * must be a non-empty string.  New reference, or NULL with *err set
 * (malloc'd, caller frees). */
json_t *document_gemeente_load(const char *path, const char *templates_dir, char **err);

/* The gemeente file's optional "logo": a PNG file under static_dir (a
 * relative path without ".."; at most 1 MiB), read into *png (malloc'd,
 * the server frees it) and *len; NULL and 0 when the file names none.
 * Returns 0, or -1 with *err set (malloc'd) when it names one that cannot
 * be read or is no PNG. */
int document_logo_load(const json_t *gemeente, const char *static_dir, char **png, size_t *len, char **err);

/* The gemeente file of the running server (a borrowed reference). */
const json_t *document_gemeente(struct req *r);

/* Renders the letter template name (templates/brief-*.mustache: one
 * block per line, see docs/documenten.md) with data and parses it into
 * blocks (include/pdf.h).  Strings in data must not hold line breaks:
 * document_lines() splits texts into paragraphs first.  New reference, or
 * NULL (logged). */
json_t *document_blocks(struct req *r, const char *template_name, const json_t *data);

/* text's paragraphs (split at line breaks, trimmed, empty ones left out)
 * as an array of strings.  New reference. */
json_t *document_lines(const char *text);

/* The PDF of blocks with title and the gemeente as author, in Dutch.
 * Returns 0 (out filled), or -1 (logged). */
int document_pdf(struct req *r, const json_t *blocks, const char *title, strbuf *out);

/* Lower-case hex SHA-256 of data. */
void document_sha256(const void *data, size_t len, char out[65]);

/* "beschikking" -> "Beschikking", "verslag" -> "Verslag van het onderzoek",
 * "plan" -> "Plan voor de inwoner", "upload" -> "Bijlage". */
const char *document_kind_label(const char *kind);

/* Adds to each row of db_document_list: soort_label, datum_nl, grootte_nl
 * ("1,2 MB"), href (the download). */
void document_decorate(struct req *r, json_t *rows);

/* "22 november 2026" from "2026-11-22". */
const char *document_date_long(arena *a, const char *iso);

/* A ZRM domain in plain words ("basale_adl" -> "Uzelf verzorgen"). */
const char *document_domain_plain(const char *domain);

/* What vaststellen needs: the document's kind, household, voorziening
 * (0: none), title and recipient line, and the letter (template + data
 * without its date and kenmerk: document_settle adds "dagtekening" and
 * "kenmerk"). */
struct document_letter {
	const char *kind, *title, *recipient, *template_name;
	int64_t hh, vid;
	json_t *data; /* borrowed */
};

/* Saves the free-text parts (concept id at version; 0/0: a new concept)
 * and freezes the letter: renders it with today's date and its kenmerk,
 * makes the PDF, and stores it with the next version number, its SHA-256
 * and the audit row "document.vastgesteld" (the hash in the row's reason),
 * all in one transaction.  *doc_id gets the document's id.  DB_NOT_FOUND
 * when the concept moved on (someone saved in between). */
enum db_status document_settle(struct req *r, db *d, const struct document_letter *l, int64_t concept_id,
                               int64_t version, const char *motivation, const char *closing, int64_t *doc_id);

/* Saves the free-text parts only (audit row "document.concept"). */
enum db_status document_save_concept(struct req *r, db *d, const struct document_letter *l, int64_t concept_id,
                                     int64_t version, const char *motivation, const char *closing);

/* The household page's part (partial overzicht-documenten.mustache):
 * "documenten" (db_document_list, decorated) and "has_documenten".
 * Returns a db_status. */
enum db_status overview_fill_documenten(struct req *r, db *d, int64_t hh, json_t *data);

#endif
