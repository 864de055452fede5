/* document.c - a household's documents: downloading one (audited as a
 * view, "document.view") and the list for the API.  The household page
 * lists them through overview_fill_documenten (src/document_shared.c). */
#include <inttypes.h>
#include <string.h>

#include "access.h"
#include "db_document.h"
#include "document_shared.h"
#include "handlers.h"

/* The download's file name: an upload's own name with anything but
 * letters, digits, dot, dash and underscore replaced, else kind-id plus
 * the extension of its type. */
static const char *download_name(struct req *r, const json_t *row)
{
	const char *name = json_string_value(json_object_get(row, "bestandsnaam"));
	int64_t id = json_integer_value(json_object_get(row, "id"));
	if (!name)
		return arena_printf(r->arena, "%s-%" PRId64 "%s", json_string_value(json_object_get(row, "soort")), id,
		                    ".pdf");
	char *out = arena_strdup(r->arena, name);
	for (char *p = out; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '.' ||
		      *p == '-' || *p == '_'))
			*p = '_';
	return out;
}

int h_document_download(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	int64_t id = req_param_id(r, 0);
	json_t *row = NULL;
	enum db_status s = db_document_get(d, id, &row);
	if (s != DB_OK || strcmp(json_string_value(json_object_get(row, "status")), "vastgesteld") != 0) {
		json_decref(row);
		return reply_lookup(r, s == DB_OK ? DB_NOT_FOUND : s, "Dit document bestaat niet (of is nog niet vastgesteld).");
	}
	struct hh_access_info acc;
	int64_t hh = json_integer_value(json_object_get(row, "huishouden_id"));
	if (require_household(r, hh, "document.view", "document", id, &acc) != 0) {
		json_decref(row);
		return 0;
	}
	void *data = NULL;
	size_t len = 0;
	s = db_document_content(d, id, &data, &len);
	if (s != DB_OK) {
		json_decref(row);
		return reply_lookup(r, s, "Dit document bestaat niet.");
	}
	const char *mime = arena_strdup(r->arena, json_string_value(json_object_get(row, "mime_type")));
	const char *name = download_name(r, row);
	/* The name as stored for browsers that read RFC 5987 (Zoë, Anaïs),
	 * percent-encoded; the ASCII stand-in for those that do not. */
	const char *stored = json_string_value(json_object_get(row, "bestandsnaam"));
	const char *utf8 = stored ? url_encode_component(r->arena, stored) : NULL;
	json_decref(row);
	if (reply_buffer(r, 200, data, len, mime) != 0)
		return -1;
	reply_header(r, "Content-Disposition",
	             utf8 ? arena_printf(r->arena, "attachment; filename=\"%s\"; filename*=UTF-8''%s", name, utf8)
	                  : arena_printf(r->arena, "attachment; filename=\"%s\"", name));
	return 0;
}

int h_api_document_list(struct req *r)
{
	int64_t hh = req_param_id(r, 0);
	struct hh_access_info acc;
	if (require_household(r, hh, "document.list", "huishouden", hh, &acc) != 0)
		return 0;
	db *d = db_get();
	json_t *rows = d ? db_document_list(d, hh, 0) : NULL;
	if (!rows)
		return -1;
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row)
		json_object_set_new(row, "href", json_string(arena_printf(
			r->arena, "/api/v1/documenten/%" PRId64 "/bestand", (int64_t)json_integer_value(json_object_get(row, "id")))));
	return reply_json(r, 200, json_pack("{s:o}", "documenten", rows));
}
