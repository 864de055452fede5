/* pdf.c - a document's blocks as a tagged PDF with cairo and pango
 * (include/pdf.h).
 *
 * Why cairo + pango: of what Debian 12 packages, cairo (1.16) is the one C
 * library that writes a PDF structure tree (cairo_tag_begin with the
 * standard structure types: Document, H1, P, L, LI, Table, TR, TH, TD),
 * and pango lays out and shapes Dutch text with hyphen-free line breaking
 * and embeds font subsets, so the text is extractable in reading order.
 * libharu writes no structure tree; WeasyPrint (Python) in Debian 12 does
 * not tag either.  cairo 1.16 has no call for the document language, so
 * after cairo has finished, one incremental update (the catalog again, with
 * /Lang and /ViewerPreferences /DisplayDocTitle, a one-entry xref section
 * and a trailer with /Prev) is appended: valid PDF, nothing rewritten. */
#include "pdf.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A4 in points, and the text area. */
#define PAGE_W 595.276
#define PAGE_H 841.890
#define LEFT 62.0
#define RIGHT 62.0
#define TOP 56.0
#define BOTTOM 64.0
#define TEXT_W (PAGE_W - LEFT - RIGHT)
#define FONT "DejaVu Sans"

struct writer {
	cairo_surface_t *surface;
	cairo_t *cr;
	double y;
	int pages;
	const struct pdf_meta *meta;
};

struct png_reader {
	const unsigned char *p;
	size_t left;
};

static cairo_status_t read_png(void *closure, unsigned char *data, unsigned int len)
{
	struct png_reader *rd = closure;
	if (len > rd->left)
		return CAIRO_STATUS_READ_ERROR;
	memcpy(data, rd->p, len);
	rd->p += len;
	rd->left -= len;
	return CAIRO_STATUS_SUCCESS;
}

/* The emblem as drawn: decoded once per thread (cairo objects are not
 * shared between threads), flattened onto white and reduced to LOGO_PX
 * square (56 points at about 150 dpi): an image with an alpha channel
 * would be drawn through a soft mask group, where cairo allows no tags,
 * and the full-size image made every letter 40% slower to write. */
enum { LOGO_PX = 120 };
struct logo_cache {
	const unsigned char *png; /* which logo it was made from */
	size_t len;
	cairo_surface_t *flat;
};
static pthread_key_t logo_key;
static pthread_once_t logo_once = PTHREAD_ONCE_INIT;

static void logo_cache_free(void *p)
{
	struct logo_cache *c = p;
	if (c->flat)
		cairo_surface_destroy(c->flat);
	free(c);
}

static void logo_key_init(void)
{
	pthread_key_create(&logo_key, logo_cache_free);
}

static cairo_surface_t *logo_surface(const unsigned char *png, size_t len)
{
	pthread_once(&logo_once, logo_key_init);
	struct logo_cache *c = pthread_getspecific(logo_key);
	if (c && c->png == png && c->len == len)
		return c->flat;
	if (!c) {
		c = xcalloc(1, sizeof *c);
		pthread_setspecific(logo_key, c);
	}
	if (c->flat)
		cairo_surface_destroy(c->flat);
	c->flat = NULL;
	c->png = png;
	c->len = len;
	struct png_reader rd = {png, len};
	cairo_surface_t *img = cairo_image_surface_create_from_png_stream(read_png, &rd);
	if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(img);
		return NULL;
	}
	int iw = cairo_image_surface_get_width(img), ih = cairo_image_surface_get_height(img);
	double scale = (double)LOGO_PX / (iw > ih ? iw : ih);
	int fw = (int)(iw * scale + 0.5), fh = (int)(ih * scale + 0.5);
	cairo_surface_t *flat = cairo_image_surface_create(CAIRO_FORMAT_RGB24, fw > 0 ? fw : 1, fh > 0 ? fh : 1);
	cairo_t *fc = cairo_create(flat);
	cairo_set_source_rgb(fc, 1, 1, 1);
	cairo_paint(fc);
	cairo_scale(fc, scale, scale);
	cairo_set_source_surface(fc, img, 0, 0);
	cairo_pattern_set_filter(cairo_get_source(fc), CAIRO_FILTER_BEST);
	cairo_paint(fc);
	cairo_destroy(fc);
	cairo_surface_destroy(img);
	c->flat = flat;
	return flat;
}

/* The emblem, 56 points high at the top right of the text area; the
 * text that follows (the gemeente's name) starts at the same height on the
 * left.  Decorative: drawn without a structure element of its own. */
static int logo_block(struct writer *w)
{
	if (!w->meta->logo_png || !w->meta->logo_len)
		return 0;
	cairo_surface_t *flat = logo_surface(w->meta->logo_png, w->meta->logo_len);
	if (!flat)
		return -1;
	int iw = cairo_image_surface_get_width(flat), ih = cairo_image_surface_get_height(flat);
	double h = 56, scale = h / ih, wd = iw * scale;
	cairo_matrix_t saved;
	cairo_get_matrix(w->cr, &saved);
	cairo_translate(w->cr, LEFT + TEXT_W - wd, w->y);
	cairo_scale(w->cr, scale, scale);
	cairo_set_source_surface(w->cr, flat, 0, 0);
	cairo_rectangle(w->cr, 0, 0, iw, ih);
	cairo_fill(w->cr);
	cairo_set_matrix(w->cr, &saved);
	cairo_set_source_rgb(w->cr, 0, 0, 0);
	return 0;
}

static cairo_status_t write_cb(void *closure, const unsigned char *data, unsigned int len)
{
	sb_append(closure, (const char *)data, len);
	return CAIRO_STATUS_SUCCESS;
}

static void new_page(struct writer *w)
{
	cairo_show_page(w->cr);
	w->pages++;
	w->y = TOP;
}

/* A layout of text at size points, width wide (points). */
static PangoLayout *layout_new(struct writer *w, const char *text, double size, bool bold, double width)
{
	PangoLayout *l = pango_cairo_create_layout(w->cr);
	PangoFontDescription *fd = pango_font_description_from_string(FONT);
	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(l, (int)(width * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_text(l, text, -1);
	return l;
}

static double layout_height(PangoLayout *l)
{
	int wd, ht;
	pango_layout_get_size(l, &wd, &ht);
	return (double)ht / PANGO_SCALE;
}

/* Draws l's lines from w->y at x, going to a new page between lines when
 * the page is full (a paragraph may span pages). */
static void draw_lines(struct writer *w, PangoLayout *l, double x)
{
	PangoLayoutIter *it = pango_layout_get_iter(l);
	double top = -1;
	do {
		PangoRectangle logical;
		pango_layout_iter_get_line_extents(it, NULL, &logical);
		double ly = (double)logical.y / PANGO_SCALE, lh = (double)logical.height / PANGO_SCALE;
		if (top < 0)
			top = ly;
		if (w->y + (ly - top) + lh > PAGE_H - BOTTOM) {
			w->y -= ly - top; /* what follows starts at the new page's top */
			new_page(w);
			w->y -= ly - top;
		}
		double baseline = (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE;
		cairo_move_to(w->cr, x, w->y + (baseline - top));
		pango_cairo_show_layout_line(w->cr, pango_layout_iter_get_line_readonly(it));
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	w->y += layout_height(l);
}

static void text_block(struct writer *w, const char *tag, const char *text, double size, bool bold,
                       double before, double after)
{
	PangoLayout *l = layout_new(w, text, size, bold, TEXT_W);
	double h = layout_height(l);
	w->y += before;
	/* A heading stays with at least two lines of what follows. */
	if (tag[0] == 'H' && w->y + h + 2.5 * size > PAGE_H - BOTTOM)
		new_page(w);
	cairo_tag_begin(w->cr, tag, NULL);
	draw_lines(w, l, LEFT);
	cairo_tag_end(w->cr, tag);
	w->y += after;
	g_object_unref(l);
}

static char *join_lines(const json_t *lines)
{
	strbuf sb = {0};
	size_t i;
	const json_t *v;
	json_array_foreach(lines, i, v) {
		if (i)
			sb_putc(&sb, '\n');
		sb_puts(&sb, json_string_value(v) ? json_string_value(v) : "");
	}
	return sb_steal(&sb);
}

static void list_block(struct writer *w, const json_t *items)
{
	cairo_tag_begin(w->cr, "L", NULL);
	size_t i;
	const json_t *v;
	json_array_foreach(items, i, v) {
		PangoLayout *l = layout_new(w, json_string_value(v) ? json_string_value(v) : "", 10.5, false, TEXT_W - 16);
		if (w->y + 14 > PAGE_H - BOTTOM)
			new_page(w);
		cairo_tag_begin(w->cr, "LI", NULL);
		cairo_tag_begin(w->cr, "Lbl", NULL);
		PangoLayout *bullet = layout_new(w, "•", 10.5, false, 16);
		cairo_move_to(w->cr, LEFT + 4, w->y);
		pango_cairo_show_layout(w->cr, bullet);
		g_object_unref(bullet);
		cairo_tag_end(w->cr, "Lbl");
		cairo_tag_begin(w->cr, "LBody", NULL);
		draw_lines(w, l, LEFT + 16);
		cairo_tag_end(w->cr, "LBody");
		cairo_tag_end(w->cr, "LI");
		w->y += 3;
		g_object_unref(l);
	}
	cairo_tag_end(w->cr, "L");
	w->y += 6;
}

/* One table row: cells (strings) in columns of widths[], as TH or TD. */
static void table_row(struct writer *w, const json_t *cells, const double *widths, size_t ncol, bool head)
{
	const double pad = 4;
	PangoLayout *ls[16];
	double h = 0;
	for (size_t c = 0; c < ncol; c++) {
		const char *t = json_string_value(json_array_get(cells, c));
		ls[c] = layout_new(w, t ? t : "", 10, head, widths[c] - 2 * pad);
		double ch = layout_height(ls[c]);
		if (ch > h)
			h = ch;
	}
	if (w->y + h + 2 * pad > PAGE_H - BOTTOM)
		new_page(w);
	cairo_tag_begin(w->cr, "TR", NULL);
	double x = LEFT;
	for (size_t c = 0; c < ncol; c++) {
		const char *tag = head ? "TH" : "TD";
		cairo_tag_begin(w->cr, tag, NULL);
		cairo_move_to(w->cr, x + pad, w->y + pad);
		pango_cairo_show_layout(w->cr, ls[c]);
		cairo_tag_end(w->cr, tag);
		x += widths[c];
		g_object_unref(ls[c]);
	}
	cairo_tag_end(w->cr, "TR");
	w->y += h + 2 * pad;
	/* The rule under the row. */
	cairo_save(w->cr);
	cairo_set_source_rgb(w->cr, 0.6, 0.6, 0.6);
	cairo_set_line_width(w->cr, head ? 1.0 : 0.5);
	cairo_move_to(w->cr, LEFT, w->y);
	cairo_line_to(w->cr, LEFT + TEXT_W, w->y);
	cairo_stroke(w->cr);
	cairo_restore(w->cr);
}

static int table_block(struct writer *w, const json_t *b)
{
	const json_t *heads = json_object_get(b, "koppen"), *rows = json_object_get(b, "rijen");
	size_t ncol = json_array_size(heads);
	if (ncol == 0 || ncol > 16 || !json_is_array(rows))
		return -1;
	double widths[16];
	if (ncol == 2) {
		widths[0] = TEXT_W * 0.34;
		widths[1] = TEXT_W * 0.66;
	} else {
		for (size_t c = 0; c < ncol; c++)
			widths[c] = TEXT_W / (double)ncol;
	}
	w->y += 4;
	cairo_tag_begin(w->cr, "Table", NULL);
	const char *caption = json_string_value(json_object_get(b, "bijschrift"));
	if (caption && *caption) {
		PangoLayout *l = layout_new(w, caption, 10, true, TEXT_W);
		if (w->y + layout_height(l) + 40 > PAGE_H - BOTTOM)
			new_page(w);
		cairo_tag_begin(w->cr, "Caption", NULL);
		draw_lines(w, l, LEFT);
		cairo_tag_end(w->cr, "Caption");
		w->y += 2;
		g_object_unref(l);
	}
	table_row(w, heads, widths, ncol, true);
	size_t i;
	const json_t *row;
	json_array_foreach(rows, i, row)
		table_row(w, json_object_get(row, "cellen"), widths, ncol, false);
	cairo_tag_end(w->cr, "Table");
	w->y += 10;
	return 0;
}

static int draw_block(struct writer *w, const json_t *b)
{
	const char *kind = json_string_value(json_object_get(b, "soort"));
	const char *text = json_string_value(json_object_get(b, "tekst"));
	if (!kind)
		return -1;
	if (strcmp(kind, "logo") == 0) {
		return logo_block(w);
	} else if (strcmp(kind, "kop1") == 0 && text) {
		text_block(w, "H1", text, 16, true, 6, 8);
	} else if (strcmp(kind, "kop2") == 0 && text) {
		text_block(w, "H2", text, 12, true, 8, 4);
	} else if (strcmp(kind, "alinea") == 0) {
		char *t = join_lines(json_object_get(b, "regels"));
		bool small = json_is_true(json_object_get(b, "klein"));
		text_block(w, "P", t, small ? 9 : 10.5, json_is_true(json_object_get(b, "vet")), 0, small ? 4 : 7);
		free(t);
	} else if (strcmp(kind, "lijst") == 0) {
		list_block(w, json_object_get(b, "punten"));
	} else if (strcmp(kind, "tabel") == 0) {
		return table_block(w, b);
	} else {
		return -1;
	}
	return 0;
}

/* Appends an incremental update to the PDF in pdf: the catalog object
 * again with /Lang and /ViewerPreferences, its xref entry and a trailer
 * pointing back at cairo's.  Returns 0, or -1 when cairo's output does not
 * look as expected (then nothing is appended). */
static int add_language(strbuf *pdf, size_t start, const char *lang)
{
	const char *doc = pdf->buf + start;
	size_t len = pdf->len - start;
	/* The last trailer and startxref. */
	const char *trailer = NULL;
	for (const char *p = doc; (p = memmem(p, len - (size_t)(p - doc), "trailer", 7)); p += 7)
		trailer = p;
	if (!trailer)
		return -1;
	const char *root = strstr(trailer, "/Root ");
	const char *sx = strstr(trailer, "startxref");
	const char *dict_open = strstr(trailer, "<<");
	if (!root || !sx || !dict_open || sx < root)
		return -1;
	long root_no = strtol(root + 6, NULL, 10);
	long prev = strtol(sx + 9, NULL, 10);
	if (root_no <= 0 || prev <= 0)
		return -1;
	/* The dictionary ends at the ">>" before startxref. */
	const char *dict_end = NULL;
	for (const char *p = dict_open; p < sx; p++)
		if (p[0] == '>' && p[1] == '>')
			dict_end = p;
	if (!dict_end)
		return -1;
	char head[40];
	int hn = snprintf(head, sizeof head, "\n%ld 0 obj", root_no);
	const char *obj = memmem(doc, len, head, (size_t)hn);
	if (!obj)
		return -1;
	const char *body = strstr(obj, "<<"), *endobj = strstr(obj, "endobj");
	if (!body || !endobj || body > endobj)
		return -1;
	const char *cat = strstr(body, "/Type /Catalog");
	if (!cat || cat > endobj)
		return -1;
	/* Copy out before appending: appending may move the buffer. */
	char *catalog = xstrndup(body + 2, (size_t)(endobj - body - 2));
	char *tdict = xstrndup(dict_open + 2, (size_t)(dict_end - dict_open - 2));
	size_t obj_off = pdf->len - start + 1; /* after the newline below */
	sb_printf(pdf, "\n%ld 0 obj\n<< /Lang (%s)\n   /ViewerPreferences << /DisplayDocTitle true >>\n  %s",
	          root_no, lang, catalog);
	size_t xref_off = pdf->len - start;
	sb_printf(pdf, "xref\n%ld 1\n%010zu 00000 n \ntrailer\n<< /Prev %ld\n  %s>>\nstartxref\n%zu\n%%%%EOF\n",
	          root_no, obj_off, prev, tdict, xref_off);
	free(catalog);
	free(tdict);
	return 0;
}

int pdf_render(const json_t *blocks, const struct pdf_meta *meta, strbuf *out)
{
	if (!json_is_array(blocks) || !meta || !meta->title || !meta->lang || !*meta->lang ||
	    strspn(meta->lang, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-") != strlen(meta->lang))
		return -1;
	size_t start = out->len;
	struct writer w = {.y = TOP, .pages = 1, .meta = meta};
	w.surface = cairo_pdf_surface_create_for_stream(write_cb, out, PAGE_W, PAGE_H);
	cairo_pdf_surface_set_metadata(w.surface, CAIRO_PDF_METADATA_TITLE, meta->title);
	if (meta->author)
		cairo_pdf_surface_set_metadata(w.surface, CAIRO_PDF_METADATA_AUTHOR, meta->author);
	if (meta->subject)
		cairo_pdf_surface_set_metadata(w.surface, CAIRO_PDF_METADATA_SUBJECT, meta->subject);
	cairo_pdf_surface_set_metadata(w.surface, CAIRO_PDF_METADATA_CREATOR, "Eén Loket");
	w.cr = cairo_create(w.surface);
	cairo_set_source_rgb(w.cr, 0, 0, 0);
	int rc = 0;
	cairo_tag_begin(w.cr, "Document", NULL);
	size_t i;
	const json_t *b;
	json_array_foreach(blocks, i, b) {
		if (draw_block(&w, b) != 0) {
			log_error("pdf: blok %zu is onleesbaar", i);
			rc = -1;
			break;
		}
	}
	cairo_tag_end(w.cr, "Document");
	cairo_destroy(w.cr);
	cairo_surface_finish(w.surface);
	cairo_status_t st = cairo_surface_status(w.surface);
	cairo_surface_destroy(w.surface);
	if (st != CAIRO_STATUS_SUCCESS) {
		log_error("pdf: cairo: %s", cairo_status_to_string(st));
		rc = -1;
	}
	if (rc == 0 && add_language(out, start, meta->lang) != 0) {
		log_error("pdf: de documenttaal kon niet worden toegevoegd");
		rc = -1;
	}
	if (rc != 0)
		out->len = start;
	return rc;
}

void pdf_shutdown(void)
{
	pango_cairo_font_map_set_default(NULL);
	cairo_debug_reset_static_data();
	FcFini();
}
