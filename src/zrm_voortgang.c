/* zrm_voortgang.c - the ZRM progress chart of a household
 * (zrm_progress_fill, include/overview.h): per person and scored domain
 * the scores from the intake through each evaluation, for the partial
 * zrm-voortgang (SVG drawn from coordinates computed here, with a table as
 * its text alternative).  Used by the plan page (src/plan_shared.c) and
 * the evaluation page (src/handlers/evaluatie.c). */
#include <string.h>

#include "db_evaluatie.h"
#include "domain.h"
#include "overview.h"
#include "util.h"

enum { NDOMAINS = 13 };

/* Geometry: a column of domain labels, then one column per date; one band
 * per scored domain with score 5 at the top and 1 at the bottom. */
enum { CH_LABEL_W = 240, CH_COL_W = 100, CH_TOP = 40, CH_ROW_H = 52, CH_PAD = 8, CH_RIGHT = 24,
       CH_BOTTOM = 8, CH_STEP = (CH_ROW_H - 2 * CH_PAD) / 4, CH_DOT_R = 4 };

static long col_x(size_t c)
{
	return CH_LABEL_W + (long)c * CH_COL_W + CH_COL_W / 2;
}

static long score_y(size_t row, int score)
{
	return CH_TOP + (long)row * CH_ROW_H + CH_PAD + (5 - score) * CH_STEP;
}

/* One person's scores on a grid of moments x domains (0: not scored at
 * that moment).  A moment is one intake or one evaluation on its date:
 * an evaluation held on the intake's date is a column of its own after
 * the intake, so the intake stays the baseline.  Within a moment a later
 * row wins. */
struct person_grid {
	int64_t id;
	const char *name;
	const struct zrm_point **date_of; /* first point of each moment */
	bool *from_eval;                  /* the moment is an evaluation */
	size_t ndates;
	int *score;                       /* ndates * NDOMAINS */
};

static bool same_moment(const struct zrm_point *x, const struct zrm_point *y)
{
	return strcmp(x->scored_on, y->scored_on) == 0 && x->intake_id == y->intake_id &&
	       x->evaluatie_id == y->evaluatie_id;
}

static void build_grid(arena *a, const struct zrm_point *z, size_t n, struct person_grid *g)
{
	g->id = z[0].persoon_id;
	g->name = z[0].person;
	g->date_of = arena_alloc(a, (n + 1) * sizeof *g->date_of);
	g->from_eval = arena_alloc(a, n + 1);
	/* z is by date, then moment (db_zrm_history): distinct moments in order. */
	for (size_t i = 0; i < n; i++)
		if (g->ndates == 0 || !same_moment(g->date_of[g->ndates - 1], &z[i])) {
			g->from_eval[g->ndates] = z[i].evaluatie_id != 0;
			g->date_of[g->ndates++] = &z[i];
		}
	g->score = arena_alloc(a, (g->ndates * NDOMAINS + 1) * sizeof *g->score);
	size_t col = 0;
	for (size_t i = 0; i < n; i++) {
		while (!same_moment(g->date_of[col], &z[i]))
			col++;
		int dm = vocab_index(&vocab_zrm_domain, z[i].domain);
		if (dm >= 0 && z[i].score >= 1 && z[i].score <= 5)
			g->score[col * NDOMAINS + (size_t)dm] = z[i].score;
	}
}

/* The chart and table data of one person (see zrm-voortgang.mustache). */
static json_t *person_chart_json(arena *a, const struct person_grid *g)
{
	json_t *dates = json_array();
	for (size_t c = 0; c < g->ndates; c++)
		json_array_append_new(dates, json_pack("{s:I, s:s, s:s}", "x", (json_int_t)col_x(c), "label",
		                                       g->date_of[c]->scored_nl, "kind",
		                                       g->from_eval[c] ? "evaluatie" : "intake"));
	json_t *rows = json_array();
	size_t row = 0;
	for (int dm = 0; dm < NDOMAINS; dm++) {
		bool any = false;
		for (size_t c = 0; c < g->ndates; c++)
			any |= g->score[c * NDOMAINS + (size_t)dm] > 0;
		if (!any)
			continue;
		strbuf pts = {0};
		json_t *dots = json_array(), *cells = json_array();
		long prev_y = -1;
		for (size_t c = 0; c < g->ndates; c++) {
			int s = g->score[c * NDOMAINS + (size_t)dm];
			json_array_append_new(cells, json_pack("{s:b, s:s}", "scored", s > 0, "text",
			                                       s > 0 ? vocab_zrm_score.labels[s - 1] : "Niet gescoord"));
			if (!s)
				continue;
			long x = col_x(c), y = score_y(row, s);
			/* A step: the score holds until the next scoring. */
			if (prev_y >= 0)
				sb_printf(&pts, " %ld,%ld", x, prev_y);
			sb_printf(&pts, "%s%ld,%ld", pts.len ? " " : "", x, y);
			prev_y = y;
			json_array_append_new(dots, json_pack("{s:I, s:I, s:i, s:i, s:I, s:I}", "x", (json_int_t)x, "y",
			                                      (json_int_t)y, "r", CH_DOT_R, "score", s, "text_x",
			                                      (json_int_t)(x + 7), "text_y", (json_int_t)(y - 4)));
		}
		long top = CH_TOP + (long)row * CH_ROW_H;
		json_array_append_new(rows, json_pack(
			"{s:s, s:I, s:i, s:i, s:I, s:I, s:I, s:I, s:I, s:s, s:b, s:o, s:o, s:b}",
			"label", vocab_zrm_domain.labels[dm], "band_y", (json_int_t)top, "band_h", CH_ROW_H, "band_w",
			(int)(g->ndates * CH_COL_W), "label_y", (json_int_t)(top + CH_ROW_H / 2 + 4), "y5",
			(json_int_t)score_y(row, 5), "y1", (json_int_t)score_y(row, 1), "tick5_y",
			(json_int_t)(score_y(row, 5) + 4), "tick1_y", (json_int_t)(score_y(row, 1) + 4), "points",
			arena_strdup(a, sb_str(&pts)), "has_line", strchr(sb_str(&pts), ' ') != NULL, "dots", dots,
			"cells", cells, "odd", row % 2 == 1));
		sb_free(&pts);
		row++;
	}
	long width = CH_LABEL_W + (long)g->ndates * CH_COL_W + CH_RIGHT;
	long height = CH_TOP + (long)row * CH_ROW_H + CH_BOTTOM;
	const char *span = g->ndates == 1
		? arena_printf(a, "op %s", g->date_of[0]->scored_nl)
		: arena_printf(a, "op %zu momenten van %s tot en met %s", g->ndates, g->date_of[0]->scored_nl,
		               g->date_of[g->ndates - 1]->scored_nl);
	const char *desc = arena_printf(a, "Scores van 1 (acute problematiek) tot en met 5 (volledig zelfredzaam) "
	                                   "op %zu leefgebied%s, %s. De tabel bij de grafiek geeft dezelfde scores.",
	                                row, row == 1 ? "" : "en", span);
	return json_pack("{s:I, s:s, s:s, s:I, s:I, s:I, s:I, s:s, s:o, s:o}", "id", (json_int_t)g->id, "name", g->name,
	                 "chart_id", arena_printf(a, "zrm-voortgang-%lld", (long long)g->id), "width",
	                 (json_int_t)width, "height", (json_int_t)height, "label_x", (json_int_t)8, "tick_x",
	                 (json_int_t)(CH_LABEL_W - 8), "desc", desc, "dates", dates, "rows", rows);
}

enum db_status zrm_progress_fill(struct req *r, db *d, int64_t hh, json_t *data)
{
	struct zrm_point *z;
	size_t n;
	enum db_status s = db_zrm_history(d, r->arena, hh, &z, &n);
	if (s != DB_OK)
		return s;
	json_t *people = json_array();
	for (size_t i = 0; i < n;) {
		size_t end = i;
		while (end < n && z[end].persoon_id == z[i].persoon_id)
			end++;
		struct person_grid g = {0};
		build_grid(r->arena, &z[i], end - i, &g);
		json_array_append_new(people, person_chart_json(r->arena, &g));
		i = end;
	}
	json_object_set_new(data, "voortgang", json_pack("{s:b, s:o}", "has_data", n > 0, "people", people));
	return DB_OK;
}
