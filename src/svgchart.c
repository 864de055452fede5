/* svgchart.c - coordinates of horizontal bar charts (see svgchart.h). */
#include "svgchart.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

enum {
	LABEL_W = 180,   /* category labels, right-aligned at LABEL_W - 8 */
	PLOT_W = 300,    /* the longest bar */
	VALUE_W = 90,    /* room for the text after the longest bar */
	BAR_H = 14,
	ROW_GAP = 10,
	LEGEND_ROW = 20,
	LABEL_MAX = 26   /* characters of a category label before it is cut */
};

/* s cut to LABEL_MAX code points with an ellipsis; a new string. */
static json_t *short_label(const char *s)
{
	size_t points = 0, i = 0, cut = 0;
	for (; s[i]; i++) {
		if (((unsigned char)s[i] & 0xC0) != 0x80) {
			if (points == LABEL_MAX - 1)
				cut = i;
			points++;
		}
	}
	if (points <= LABEL_MAX)
		return json_string(s);
	char *t = xasprintf("%.*s\xe2\x80\xa6", (int)cut, s);
	json_t *j = json_string(t);
	free(t);
	return j;
}

json_t *svgchart_bars(const struct chart_spec *c)
{
	double max = 0;
	for (size_t i = 0; i < c->ncat * c->nseries; i++)
		if (c->values[i] > max)
			max = c->values[i];
	int legend_h = c->nseries > 1 ? (int)c->nseries * LEGEND_ROW + 6 : 0;
	int row_h = (int)c->nseries * BAR_H + ROW_GAP;
	int width = LABEL_W + PLOT_W + VALUE_W;
	int height = legend_h + (int)c->ncat * row_h + ROW_GAP;

	json_t *legend = json_array();
	for (size_t s = 0; c->nseries > 1 && s < c->nseries; s++) {
		int y = 4 + (int)s * LEGEND_ROW;
		json_array_append_new(legend, json_pack("{s:i, s:i, s:i, s:i, s:s, s:s}", "x", LABEL_W, "y", y,
		                                        "tx", LABEL_W + 18, "ty", y + 11, "mod", c->series[s].mod,
		                                        "text", c->series[s].label));
	}
	json_t *rows = json_array();
	for (size_t k = 0; k < c->ncat; k++) {
		int top = legend_h + ROW_GAP / 2 + (int)k * row_h;
		json_t *bars = json_array();
		for (size_t s = 0; s < c->nseries; s++) {
			double v = c->values[k * c->nseries + s];
			int w = max > 0 && v > 0 ? (int)(v / max * PLOT_W + 0.5) : 0;
			if (v > 0 && w < 1)
				w = 1;
			int y = top + (int)s * BAR_H;
			char num[32];
			const char *text = c->value_texts ? c->value_texts[k * c->nseries + s] : NULL;
			if (!text) {
				snprintf(num, sizeof num, "%.0f", v);
				text = num;
			}
			json_array_append_new(bars, json_pack("{s:i, s:i, s:i, s:i, s:s, s:s, s:i, s:i}", "x", LABEL_W, "y",
			                                      y + 1, "w", w, "h", BAR_H - 2, "mod", c->series[s].mod,
			                                      "text", text, "tx", LABEL_W + w + 4, "ty", y + BAR_H - 3));
		}
		json_t *row = json_object();
		json_object_set_new(row, "label", short_label(c->cat_labels[k]));
		json_object_set_new(row, "lx", json_integer(LABEL_W - 8));
		json_object_set_new(row, "ly", json_integer(top + ((int)c->nseries * BAR_H) / 2 + 4));
		json_object_set_new(row, "bars", bars);
		json_array_append_new(rows, row);
	}
	return json_pack("{s:s, s:s, s:s, s:i, s:i, s:o, s:b, s:o}", "id", c->id, "title", c->title, "desc", c->desc,
	                 "width", width, "height", height, "legend", legend, "has_rows", c->ncat > 0, "rows", rows);
}
