/* beschikking.c - the beschikking of a voorziening: the preview with its
 * free-text parts (GET), and saving them or vaststellen (POST); the same
 * routes under /api/v1 answer JSON.  The letter is built in
 * src/document_brief.c, the page in src/document_pagina.c. */
#include <inttypes.h>

#include "document_brief.h"
#include "document_pagina.h"
#include "handlers.h"
#include "voorziening_shared.h"

static int with_letter(struct req *r, const char *audit_action, bool post)
{
	db *d = db_get();
	if (!d)
		return -1;
	int64_t id = req_param_id(r, 0);
	json_t *row = NULL;
	struct hh_access_info acc;
	if (voorziening_load(r, d, id, audit_action, &row, &acc) != 0)
		return 0;
	voorziening_decorate(r, row);
	struct brief b;
	int rc = brief_beschikking(r, d, row, &b);
	json_decref(row);
	if (rc == 0) {
		struct document_place at = {
			.path = arena_printf(r->arena, "/voorzieningen/%" PRId64 "/beschikking", id),
			.back_href = arena_printf(r->arena, "/voorzieningen/%" PRId64, id),
			.back_label = "Terug naar de voorziening",
		};
		rc = post ? document_letter_post(r, d, &b, &at) : document_letter_page(r, d, &b, &at);
	}
	brief_free(&b);
	return rc;
}

int h_beschikking_page(struct req *r)
{
	return with_letter(r, "document.voorbeeld", false);
}

int h_beschikking_post(struct req *r)
{
	return with_letter(r, NULL, true);
}
