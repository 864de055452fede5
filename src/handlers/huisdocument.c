/* huisdocument.c - the letters about a whole household: the plan for the
 * resident and the verslag van het onderzoek (Wmo 2015 art. 2.3.2 lid 8).
 * Preview with a personal closing (GET), saving or vaststellen (POST);
 * the same routes under /api/v1 answer JSON.  The letters are built in
 * src/document_brief.c, the page in src/document_pagina.c. */
#include <inttypes.h>
#include <string.h>

#include "access.h"
#include "document_brief.h"
#include "document_pagina.h"
#include "handlers.h"

static int with_letter(struct req *r, bool plan, bool post)
{
	db *d = db_get();
	if (!d)
		return -1;
	int64_t hh = req_param_id(r, 0);
	struct hh_access_info acc;
	if (require_household(r, hh, post ? NULL : "document.voorbeeld", "huishouden", hh, &acc) != 0)
		return 0;
	struct brief b;
	int rc = plan ? brief_plan(r, d, hh, &b) : brief_verslag(r, d, hh, &b);
	if (rc == 0) {
		struct document_place at = {
			.path = arena_printf(r->arena, "/huishoudens/%" PRId64 "/%s", hh, plan ? "plan-voor-inwoner" : "verslag"),
			.back_href = arena_printf(r->arena, "/huishoudens/%" PRId64 "%s", hh, plan ? "/plan" : "#documenten"),
			.back_label = plan ? "Terug naar het plan" : "Terug naar het huishouden",
		};
		rc = post ? document_letter_post(r, d, &b, &at) : document_letter_page(r, d, &b, &at);
	}
	brief_free(&b);
	return rc;
}

int h_plan_document_page(struct req *r)
{
	return with_letter(r, true, false);
}

int h_plan_document_post(struct req *r)
{
	return with_letter(r, true, true);
}

int h_verslag_page(struct req *r)
{
	return with_letter(r, false, false);
}

int h_verslag_post(struct req *r)
{
	return with_letter(r, false, true);
}
