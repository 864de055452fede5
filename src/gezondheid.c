/* gezondheid.c - Positieve Gezondheid in the intake and evaluation forms
 * and its spider web beside the ZRM progress (include/gezondheid.h).
 *
 * The six dimension names and the 0-10 scale are those of the method
 * (Institute for Positive Health); no questionnaire texts are used.  No
 * SVG is produced here: the coordinates are computed in C and
 * templates/gezondheid-web.mustache draws them, escaped like any value. */
#include "gezondheid.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "domain.h"

static const char MSG_RANGE[] = "Vul een heel getal van 0 tot en met 10 in.";
static const char MSG_ALL_OR_NONE[] = "Vul alle zes dimensies in, of geen.";

/* ---- the form --------------------------------------------------------------- */

const char *pg_field(arena *a, int64_t persoon_id, int k)
{
	return arena_printf(a, "pg_%lld_%s", (long long)persoon_id, vocab_pg_dimension.codes[k]);
}

/* Person p's rules: six optional whole numbers 0..10, labelled with the
 * dimension and the person ("Lichaamsfuncties – Els de Vries"). */
static void person_rules(arena *a, const struct intake_ref *p, struct field_rule out[PG_NDIM])
{
	for (int k = 0; k < PG_NDIM; k++)
		out[k] = (struct field_rule){.name = pg_field(a, p->id, k),
		                             .label = arena_printf(a, "%s – %s", vocab_pg_dimension.labels[k], p->name),
		                             .kind = FIELD_INT, .min = 0, .max = 10};
}

void pg_input_init(arena *a, size_t n, struct pg_input *in)
{
	*in = (struct pg_input){0};
	in->v = arena_alloc(a, (n * PG_NDIM + 1) * sizeof *in->v);
	in->set_error = arena_alloc(a, (n + 1) * sizeof *in->set_error);
	for (size_t i = 0; i < n * PG_NDIM; i++)
		in->v[i].text = "";
}

void pg_input_carry(const struct intake_ref *from, size_t nfrom, const struct pg_input *in,
                    const struct intake_ref *to, size_t nto, struct pg_input *out)
{
	for (size_t p = 0; p < nto; p++)
		for (size_t o = 0; o < nfrom; o++)
			if (from[o].id == to[p].id) {
				memcpy(&out->v[p * PG_NDIM], &in->v[o * PG_NDIM], PG_NDIM * sizeof *out->v);
				out->set_error[p] = in->set_error[o];
			}
}

/* All six or none: a half-filled set marks its empty fields. */
static void check_sets(size_t n, struct pg_input *in)
{
	for (size_t p = 0; p < n; p++) {
		struct field_value *v = &in->v[p * PG_NDIM];
		int filled = 0;
		for (int k = 0; k < PG_NDIM; k++)
			filled += v[k].text[0] != '\0';
		if (filled == 0 || filled == PG_NDIM)
			continue;
		in->set_error[p] = MSG_ALL_OR_NONE;
		in->errors++;
		for (int k = 0; k < PG_NDIM; k++)
			if (!v[k].text[0])
				v[k].error = MSG_ALL_OR_NONE;
	}
}

void pg_read_form(struct req *r, const struct intake_ref *people, size_t n, struct pg_input *in)
{
	pg_input_init(r->arena, n, in);
	for (size_t p = 0; p < n; p++) {
		struct field_rule rules[PG_NDIM];
		person_rules(r->arena, &people[p], rules);
		struct field_value *v = &in->v[p * PG_NDIM];
		in->errors += form_validate(r->arena, r->form, rules, PG_NDIM, v);
		for (int k = 0; k < PG_NDIM; k++)
			if (v[k].error)
				v[k].error = MSG_RANGE;
	}
	check_sets(n, in);
}

void pg_read_json(struct req *r, const struct intake_ref *people, size_t n, struct pg_input *in)
{
	pg_input_init(r->arena, n, in);
	json_t *list = json_object_get(r->json, "positieve_gezondheid");
	if (!list || json_is_null(list))
		return;
	if (!json_is_array(list)) {
		in->json_error = "Verwacht een lijst.";
		in->errors++;
		return;
	}
	size_t i;
	json_t *item;
	json_array_foreach(list, i, item) {
		json_t *pj = json_object_get(item, "persoon_id");
		size_t p = 0;
		while (json_is_integer(pj) && p < n && people[p].id != json_integer_value(pj))
			p++;
		const char *err = NULL;
		if (!json_is_object(item))
			err = "verwacht een object met persoon_id en de zes dimensies.";
		else if (!json_is_integer(pj) || p == n)
			err = "deze persoon hoort niet bij het huishouden.";
		else if (in->v[p * PG_NDIM].text[0])
			err = "deze persoon staat er twee keer in.";
		const char *key;
		json_t *val;
		if (!err)
			json_object_foreach(item, key, val) {
				if (strcmp(key, "persoon_id") != 0 && vocab_index(&vocab_pg_dimension, key) < 0)
					err = arena_printf(r->arena, "onbekende dimensie ‘%s’.", key);
			}
		for (int k = 0; k < PG_NDIM && !err; k++) {
			json_t *sj = json_object_get(item, vocab_pg_dimension.codes[k]);
			if (!sj)
				err = arena_printf(r->arena, "%s ontbreekt; %s", vocab_pg_dimension.codes[k], MSG_ALL_OR_NONE);
			else if (!json_is_integer(sj) || json_integer_value(sj) < 0 || json_integer_value(sj) > 10)
				err = arena_printf(r->arena, "%s: %s", vocab_pg_dimension.codes[k], MSG_RANGE);
		}
		if (err) {
			in->json_error = arena_printf(r->arena, "Positieve Gezondheid %zu: %s", i + 1, err);
			in->errors++;
			continue;
		}
		for (int k = 0; k < PG_NDIM; k++) {
			struct field_value *v = &in->v[p * PG_NDIM + (size_t)k];
			v->id = json_integer_value(json_object_get(item, vocab_pg_dimension.codes[k]));
			v->text = arena_printf(r->arena, "%lld", (long long)v->id);
		}
	}
}

void pg_form_to_page(struct req *r, const struct intake_ref *people, size_t n, const struct pg_input *in,
                     json_t *data)
{
	json_t *list = json_array();
	for (size_t p = 0; p < n; p++) {
		struct field_rule rules[PG_NDIM];
		person_rules(r->arena, &people[p], rules);
		json_t *dims = json_array();
		const char *first_empty = NULL, *prefix = arena_printf(r->arena, "pg_%lld", (long long)people[p].id);
		for (int k = 0; k < PG_NDIM; k++) {
			const struct field_value *v = in ? &in->v[p * PG_NDIM + (size_t)k] : NULL;
			json_t *o = json_pack("{s:s, s:s, s:s, s:b}", "field", rules[k].name, "label",
			                      vocab_pg_dimension.labels[k], "value", v ? v->text : "", "invalid",
			                      v && v->error);
			/* A value's own error shows at the field; an empty field of a
			 * half-filled set is marked and points to the set's message. */
			if (v && v->error && v->error != MSG_ALL_OR_NONE) {
				json_object_set_new(o, "field_error", json_string(v->error));
				json_object_set_new(o, "describedby", json_string(arena_printf(r->arena, "%s-fout", rules[k].name)));
				form_add_error(data, rules[k].name, rules[k].label, v->error);
			} else if (v && v->error) {
				json_object_set_new(o, "describedby", json_string(arena_printf(r->arena, "%s-fout", prefix)));
				if (!first_empty)
					first_empty = rules[k].name;
			}
			json_array_append_new(dims, o);
		}
		json_t *person = json_pack("{s:I, s:s, s:s, s:o}", "id", (json_int_t)people[p].id, "name",
		                           people[p].name, "prefix", prefix, "dims", dims);
		if (in && in->set_error[p]) {
			json_object_set_new(person, "error", json_string(in->set_error[p]));
			form_add_error(data, first_empty ? first_empty : rules[0].name,
			               arena_printf(r->arena, "Positieve Gezondheid van %s", people[p].name), in->set_error[p]);
		}
		json_array_append_new(list, person);
	}
	json_object_set_new(data, "gezondheid_invoer", list);
	json_object_set_new(data, "has_gezondheid_invoer", json_boolean(n > 0));
}

struct pg_set *pg_build(arena *a, const struct intake_ref *people, size_t n, const struct pg_input *in,
                        size_t *nsets)
{
	struct pg_set *sets = arena_alloc(a, (n + 1) * sizeof *sets);
	*nsets = 0;
	for (size_t p = 0; p < n; p++) {
		const struct field_value *v = &in->v[p * PG_NDIM];
		bool complete = true;
		for (int k = 0; k < PG_NDIM; k++)
			complete &= v[k].text[0] != '\0' && !v[k].error;
		if (!complete)
			continue;
		struct pg_set *s = &sets[(*nsets)++];
		s->persoon_id = people[p].id;
		for (int k = 0; k < PG_NDIM; k++)
			s->score[k] = (int)v[k].id;
	}
	return sets;
}

json_t *pg_api_json(const struct pg_meting *m, size_t n)
{
	json_t *list = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *o = json_pack("{s:I, s:s, s:s}", "persoon_id", (json_int_t)m[i].persoon_id, "persoon",
		                      m[i].person ? m[i].person : "", "datum", m[i].scored_on);
		for (int k = 0; k < PG_NDIM; k++)
			json_object_set_new(o, vocab_pg_dimension.codes[k],
			                    m[i].score[k] >= 0 ? json_integer(m[i].score[k]) : json_null());
		json_array_append_new(list, o);
	}
	return list;
}

/* All six dimensions present (measurements are written whole). */
static bool complete(const struct pg_meting *m)
{
	for (int k = 0; k < PG_NDIM; k++)
		if (m->score[k] < 0 || m->score[k] > 10)
			return false;
	return true;
}

enum db_status pg_gesprek_fill(struct req *r, db *d, int64_t intake_id, int64_t evaluatie_id, json_t *data)
{
	struct pg_meting *m;
	size_t n;
	enum db_status s = db_gezondheid_gesprek(d, r->arena, intake_id, evaluatie_id, &m, &n);
	if (s != DB_OK)
		return s;
	json_t *people = json_array();
	for (size_t i = 0; i < n; i++) {
		if (!complete(&m[i]))
			continue;
		json_t *rows = json_array();
		int total = 0;
		for (int k = 0; k < PG_NDIM; k++) {
			total += m[i].score[k];
			json_array_append_new(rows, json_pack("{s:s, s:i}", "label", vocab_pg_dimension.labels[k], "score",
			                                      m[i].score[k]));
		}
		json_array_append_new(people, json_pack("{s:s, s:o, s:i}", "name", m[i].person ? m[i].person : "", "rows",
		                                        rows, "total", total));
	}
	json_object_set_new(data, "gezondheid_gesprek",
	                    json_pack("{s:b, s:o}", "has_data", json_array_size(people) > 0, "people", people));
	return DB_OK;
}

/* ---- the spider web ---------------------------------------------------------- */

/* Geometry in the SVG's own units (viewBox 0 0 W H): the web's centre and
 * radius (score 10), room for the dimension names around it and the legend
 * below.  Text is 15 units: at 390 px the drawing keeps it above 12 px. */
enum { W_W = 420, W_H = 360, W_CX = 210, W_CY = 158, W_R = 110, W_LEGEND_Y = 322, W_LEGEND_STEP = 26 };

/* The point at score s (0..10) on axis k: axis 0 points up, the others
 * follow clockwise every 60 degrees. */
static void web_point(int k, double s, double *x, double *y)
{
	double a = (double)k * M_PI / 3.0;
	*x = W_CX + W_R * s / 10.0 * sin(a);
	*y = W_CY - W_R * s / 10.0 * cos(a);
}

static const char *polygon(arena *a, const int score[PG_NDIM])
{
	strbuf sb = {0};
	for (int k = 0; k < PG_NDIM; k++) {
		double x, y;
		web_point(k, score[k], &x, &y);
		sb_printf(&sb, "%s%.1f,%.1f", k ? " " : "", x, y);
	}
	const char *s = arena_strdup(a, sb_str(&sb));
	sb_free(&sb);
	return s;
}

/* The dimension names around the web, in one or two lines. */
static const char *const axis_lines[PG_NDIM][2] = {
	{"Lichaamsfuncties", NULL}, {"Mentaal", "welbevinden"}, {"Zingeving", NULL},
	{"Kwaliteit van leven", NULL}, {"Meedoen", NULL}, {"Dagelijks", "functioneren"},
};

static json_t *axes_json(void)
{
	json_t *axes = json_array();
	for (int k = 0; k < PG_NDIM; k++) {
		double x, y;
		web_point(k, 10, &x, &y);
		/* Top and bottom: centred above or below; the sides: beside the
		 * point, away from the web, the two lines around its height. */
		const char *anchor = k == 0 || k == 3 ? "middle" : k < 3 ? "start" : "end";
		double lx = k == 0 || k == 3 ? x : k < 3 ? x + 10 : x - 10;
		int nlines = axis_lines[k][1] ? 2 : 1;
		double ly = k == 0 ? y - 12 : k == 3 ? y + 24 : y + 5 - (nlines - 1) * 9;
		json_t *lines = json_array();
		for (int l = 0; l < nlines; l++) {
			char bx[32], by[32];
			snprintf(bx, sizeof bx, "%.1f", lx);
			snprintf(by, sizeof by, "%.1f", ly + l * 18);
			json_array_append_new(lines, json_pack("{s:s, s:s, s:s, s:s}", "text", axis_lines[k][l], "x", bx,
			                                       "y", by, "anchor", anchor));
		}
		char x2[32], y2[32];
		snprintf(x2, sizeof x2, "%.1f", x);
		snprintf(y2, sizeof y2, "%.1f", y);
		json_array_append_new(axes, json_pack("{s:s, s:s, s:o}", "x2", x2, "y2", y2, "lines", lines));
	}
	return axes;
}

static json_t *rings_json(arena *a)
{
	json_t *rings = json_array();
	for (int v = 2; v <= 10; v += 2) {
		int all[PG_NDIM];
		for (int k = 0; k < PG_NDIM; k++)
			all[k] = v;
		json_array_append_new(rings, json_pack("{s:s, s:i, s:i, s:i}", "points", polygon(a, all), "label", v,
		                                       "lx", W_CX + 5, "ly", W_CY - W_R * v / 10 + 14));
	}
	return rings;
}

/* "intake 11-09-2026". */
static const char *moment(arena *a, const struct pg_meting *m)
{
	return arena_printf(a, "%s %s", m->evaluatie_id ? "evaluatie" : "intake", m->scored_nl ? m->scored_nl : "");
}

/* The chart and table of one person from its complete measurements
 * first .. last (last == first: one measurement). */
static json_t *person_web(arena *a, const struct pg_meting *first, const struct pg_meting *last)
{
	bool two = last != first;
	json_t *rows = json_array();
	int tf = 0, tl = 0;
	for (int k = 0; k < PG_NDIM; k++) {
		int f = first->score[k], l = last->score[k];
		tf += f;
		tl += l;
		json_array_append_new(rows, json_pack("{s:s, s:i, s:i, s:s}", "label", vocab_pg_dimension.labels[k],
		                                      "first", f, "latest", l, "change",
		                                      arena_printf(a, l > f ? "+%d" : "%d", l - f)));
	}
	const char *first_label = moment(a, first), *latest_label = moment(a, last);
	const char *desc = two
		? arena_printf(a, "Scores van 0 tot en met 10 die %s zelf gaf op de zes dimensies van Positieve Gezondheid: "
		                  "de gestreepte lijn bij de eerste meting (%s), de doorgetrokken lijn bij de laatste (%s). "
		                  "De tabel onder de grafiek geeft dezelfde scores.",
		               first->person, first_label, latest_label)
		: arena_printf(a, "Scores van 0 tot en met 10 die %s zelf gaf op de zes dimensies van Positieve Gezondheid, "
		                  "bij de %s. De tabel onder de grafiek geeft dezelfde scores.",
		               first->person, first_label);
	json_t *o = json_pack("{s:s, s:s, s:i, s:i, s:i, s:i, s:s, s:o, s:o, s:b, s:s, s:s, s:s, s:s, s:o}",
	                      "chart_id", arena_printf(a, "gezondheid-%lld", (long long)first->persoon_id), "name",
	                      first->person, "width", W_W, "height", W_H, "cx", W_CX, "cy", W_CY, "desc", desc,
	                      "axes", axes_json(), "rings", rings_json(a), "two", two, "first_points",
	                      polygon(a, first->score), "latest_points", polygon(a, last->score), "first_label",
	                      first_label, "latest_label", latest_label, "rows", rows);
	/* Column heads: the kind, then the date unbroken. */
	json_object_set_new(o, "first_head", json_pack("{s:s, s:s}", "kind", first->evaluatie_id ? "Evaluatie" : "Intake",
	                                               "date", first->scored_nl ? first->scored_nl : ""));
	json_object_set_new(o, "latest_head", json_pack("{s:s, s:s}", "kind", last->evaluatie_id ? "Evaluatie" : "Intake",
	                                                "date", last->scored_nl ? last->scored_nl : ""));
	json_object_set_new(o, "total", json_pack("{s:i, s:i, s:s}", "first", tf, "latest", tl, "change",
	                                          arena_printf(a, tl > tf ? "+%d" : "%d", tl - tf)));
	/* The legend: a dashed sample for the first, a solid one for the latest. */
	json_object_set_new(o, "legend", json_pack("{s:i, s:i, s:i, s:i, s:i, s:i, s:i}", "x1", 16, "x2", 56, "tx", 64,
	                                           "y1", W_LEGEND_Y, "ty1", W_LEGEND_Y + 5, "y2",
	                                           W_LEGEND_Y + W_LEGEND_STEP, "ty2", W_LEGEND_Y + W_LEGEND_STEP + 5));
	return o;
}

enum db_status pg_chart_fill(struct req *r, db *d, int64_t hh, json_t *data)
{
	struct pg_meting *m;
	size_t n;
	enum db_status s = db_gezondheid_history(d, r->arena, hh, &m, &n);
	if (s != DB_OK)
		return s;
	json_t *people = json_array();
	for (size_t i = 0; i < n;) {
		size_t end = i;
		const struct pg_meting *first = NULL, *last = NULL;
		for (; end < n && m[end].persoon_id == m[i].persoon_id; end++)
			if (complete(&m[end])) {
				if (!first)
					first = &m[end];
				last = &m[end];
			}
		if (first)
			json_array_append_new(people, person_web(r->arena, first, last));
		i = end;
	}
	json_object_set_new(data, "gezondheid",
	                    json_pack("{s:b, s:o}", "has_data", json_array_size(people) > 0, "people", people));
	return DB_OK;
}
