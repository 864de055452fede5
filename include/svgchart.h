/* svgchart.h - horizontal bar charts as data for templates/team-chart.mustache.
 *
 * No HTML or SVG is produced in C: this computes the coordinates of every
 * bar, label and legend entry, and the template draws them (escaped like
 * any other value).  A chart has categories (rows, e.g. employees or
 * months) and one or more series (bars per row, e.g. median and p90). */
#ifndef LOKET_SVGCHART_H
#define LOKET_SVGCHART_H

#include <jansson.h>
#include <stddef.h>

struct chart_series {
	const char *label; /* legend text; the legend is drawn for 2+ series */
	const char *mod;   /* CSS modifier: loket-chart-bar--<mod> */
};

struct chart_spec {
	const char *id;    /* unique on the page: ids "<id>-titel", "<id>-uitleg" */
	const char *title; /* the SVG <title> */
	const char *desc;  /* the SVG <desc>: where the figures are in words */
	size_t ncat, nseries;
	const char *const *cat_labels;  /* ncat labels */
	const struct chart_series *series;
	const double *values;           /* ncat * nseries, row-major; negative drawn as 0 */
	const char *const *value_texts; /* the same shape, text beside each bar; NULL: the value as integer */
};

/* The chart as template data: {id, title, desc, width, height, legend:
 * [{x, y, tx, ty, mod, text}], rows: [{label, lx, ly, bars: [{x, y, w, h,
 * mod, text, tx, ty}]}]}.  New reference. */
json_t *svgchart_bars(const struct chart_spec *spec);

#endif
