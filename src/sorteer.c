/* sorteer.c - work lists sorted by a column from the query string (see
 * sorteer.h). */
#include "sorteer.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct item {
	json_t *row;
	size_t pos;
};

struct sort_ctx {
	const struct sort_col *col;
	bool desc;
};

static int cmp(const void *pa, const void *pb, void *arg)
{
	const struct item *a = pa, *b = pb;
	const struct sort_ctx ctx = *(const struct sort_ctx *)arg;
	json_t *va = json_object_get(a->row, ctx.col->key), *vb = json_object_get(b->row, ctx.col->key);
	int c = 0;
	/* Rows without the value go last, whichever the direction. */
	if (!va || json_is_null(va) || !vb || json_is_null(vb)) {
		c = (!va || json_is_null(va)) - (!vb || json_is_null(vb));
		return c ? c : (a->pos < b->pos ? -1 : 1);
	}
	if (ctx.col->kind == SORT_NUM) {
		json_int_t x = json_integer_value(va), y = json_integer_value(vb);
		c = x < y ? -1 : x > y;
	} else {
		const char *x = json_string_value(va), *y = json_string_value(vb);
		c = strcasecmp(x ? x : "", y ? y : "");
	}
	if (ctx.desc)
		c = -c;
	return c ? c : (a->pos < b->pos ? -1 : 1);
}

/* The page's href with param (and its direction) set and the kept query
 * members carried along. */
static char *href_for(struct req *r, const char *path, const char *param, const char *code, bool desc,
                      const char *const *keep)
{
	char *q = arena_printf(r->arena, "%s?%s=%s&%s_richting=%s", path, param, code, param, desc ? "af" : "op");
	for (size_t i = 0; keep && keep[i]; i++) {
		const char *v = req_query(r, keep[i]);
		if (v && *v)
			q = arena_printf(r->arena, "%s&%s=%s", q, keep[i], url_encode_component(r->arena, v));
	}
	return q;
}

int sort_apply(struct req *r, json_t *rows, const struct sort_col *cols, size_t n, const char *param,
               const char *path, const char *const *keep, json_t *data, const char *headers_key)
{
	const char *chosen = req_query(r, param);
	const char *dir = req_query(r, arena_printf(r->arena, "%s_richting", param));
	const struct sort_col *col = NULL;
	for (size_t i = 0; chosen && i < n; i++)
		if (strcmp(cols[i].code, chosen) == 0)
			col = &cols[i];
	bool desc = col && dir ? strcmp(dir, "af") == 0 : col && col->desc_first;
	if (col && json_array_size(rows) > 1) {
		size_t count = json_array_size(rows);
		struct item *items = malloc(count * sizeof *items);
		if (!items)
			return -1;
		for (size_t i = 0; i < count; i++)
			items[i] = (struct item){.row = json_incref(json_array_get(rows, i)), .pos = i};
		struct sort_ctx ctx = {.col = col, .desc = desc};
		qsort_r(items, count, sizeof *items, cmp, &ctx);
		json_array_clear(rows);
		for (size_t i = 0; i < count; i++)
			json_array_append_new(rows, items[i].row);
		free(items);
	}
	json_t *headers = json_array();
	for (size_t i = 0; i < n; i++) {
		bool on = col == &cols[i];
		/* A click on the sorted column turns it round; another column
		 * starts in its own first direction. */
		bool next_desc = on ? !desc : cols[i].desc_first;
		json_t *h = json_pack("{s:s, s:s, s:s, s:s}", "code", cols[i].code, "label", cols[i].label, "href",
		                      href_for(r, path, param, cols[i].code, next_desc, keep), "next_label",
		                      next_desc ? "sorteer aflopend" : "sorteer oplopend");
		if (cols[i].kind == SORT_NUM)
			json_object_set_new(h, "numeriek", json_true());
		if (on) {
			json_object_set_new(h, "sort", json_string(desc ? "descending" : "ascending"));
			json_object_set_new(h, desc ? "aflopend" : "oplopend", json_true());
		}
		json_object_set_new(data, arena_printf(r->arena, "%s_%s", headers_key, cols[i].code), h);
		json_array_append_new(headers, json_incref(h));
	}
	json_object_set_new(data, headers_key, headers);
	if (col && desc)
		json_object_set_new(data, arena_printf(r->arena, "%s_aflopend", headers_key), json_true());
	if (col)
		json_object_set_new(data, arena_printf(r->arena, "%s_gesorteerd", headers_key),
		                    json_sprintf("%s, %s", col->label, desc ? "aflopend" : "oplopend"));
	return 0;
}
