/* resultaat.c - results per provider and per product (include/resultaat.h,
 * docs/sturen.md for each figure's definition).  The rows come from
 * src/db/resultaat.c; here they are grouped, counted once per person or
 * goal, and the medians and shares taken.  The result per filter is kept
 * while the statistics version stays the same (migration 0032 moves it on
 * every write a figure reads), like the dashboard's figures. */
#include "resultaat.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_referentie.h"
#include "figcache.h"
#include "suppressie.h"
#include "team_shared.h"

const char *const res_groep_codes[] = {"aanbieder", "product", NULL};

const struct res_figuur res_figuren[RF_COUNT] = {
	[RF_IN_ZORG] = {"in_zorg", "Cliënten in zorg", RS_AANTAL, true},
	[RF_GESTART] = {"gestart", "Gestart", RS_AANTAL, true},
	[RF_BEEINDIGD] = {"beeindigd", "Beëindigd", RS_AANTAL, true},
	[RF_DUUR_MEDIAAN] = {"duur_mediaan", "Duur (mediaan)", RS_DAGEN, false},
	[RF_DUUR_P90] = {"duur_p90", "Duur (90e percentiel)", RS_DAGEN, false},
	[RF_EINDE_DOEL] = {"einde_doel_bereikt", "Einde: doel bereikt", RS_AANTAL, true},
	[RF_EINDE_LICHTER] = {"einde_lichter", "Einde: lichtere ondersteuning", RS_AANTAL, true},
	[RF_EINDE_OVERIG] = {"einde_overig", "Einde: andere reden", RS_AANTAL, true},
	[RF_DOELEN] = {"doelen", "Doelen", RS_AANTAL, true},
	[RF_DOELEN_BEREIKT] = {"doelen_bereikt", "Bereikt", RS_AANTAL, true},
	[RF_DOELEN_DEELS] = {"doelen_deels", "Deels bereikt", RS_AANTAL, true},
	[RF_DOELEN_NIET] = {"doelen_niet", "Niet bereikt", RS_AANTAL, true},
	[RF_DOELEN_OPEN] = {"doelen_open", "Nog geen uitkomst", RS_AANTAL, true},
	[RF_ZRM_MEDIAAN] = {"zrm_verandering", "ZRM-verandering (mediaan)", RS_VERSCHIL, false},
	[RF_ZRM_VERBETERD] = {"zrm_verbeterd", "ZRM verbeterd", RS_PROCENT, false},
	[RF_PG_MEDIAAN] = {"eigen_verandering", "Eigen verandering (mediaan)", RS_VERSCHIL, false},
	[RF_PG_VERBETERD] = {"eigen_verbeterd", "Eigen oordeel verbeterd", RS_PROCENT, false},
	[RF_KOSTEN] = {"kosten_cents", "Toegezegd", RS_EURO, false},
	[RF_GEDECLAREERD] = {"gedeclareerd_cents", "Gedeclareerd", RS_EURO, false},
	[RF_KOSTEN_CLIENT] = {"kosten_per_client_cents", "Per cliënt", RS_EURO, false},
	[RF_KOSTEN_DOEL] = {"kosten_per_bereikt_doel_cents", "Per bereikt doel", RS_EURO, false},
};

const char *const res_lijst_codes[] = {"in_zorg", "gestart", "beeindigd", "einde_doel_bereikt", "einde_lichter",
                                       "einde_overig", "doelen", "doelen_bereikt", "doelen_deels", "doelen_niet",
                                       "doelen_open", NULL};

static int last_day(int year, int month)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
	return month == 2 && leap ? 29 : days[(month - 1) % 12];
}

void resultaat_periode(const struct dash_filter *df, struct res_filter *f)
{
	f->team_id = df->team_id;
	f->gebied_id = df->gebied_id;
	snprintf(f->from, sizeof f->from, "%.7s-01", df->from);
	int y = 0, m = 0;
	if (sscanf(df->to, "%d-%d", &y, &m) != 2 || m < 1 || m > 12)
		m = 12;
	snprintf(f->to, sizeof f->to, "%.7s-%02d", df->to, last_day(y, m));
}

/* The label of an aanbieder's or product's row of db_referentie.h, from a
 * (it outlives the row). */
static const char *groep_label(arena *a, enum res_groep g, const json_t *row)
{
	const char *name = json_string_value(json_object_get(row, "naam"));
	const char *code = json_string_value(json_object_get(row, "code"));
	if (g == RES_PRODUCT && code)
		return arena_printf(a, "%s %s", code, name ? name : "");
	return arena_strdup(a, name ? name : "");
}

enum db_status resultaat_groep_naam(db *d, arena *a, enum res_groep g, int64_t id, const char **name)
{
	json_t *row = NULL;
	enum db_status s = g == RES_AANBIEDER ? db_aanbieder_get(d, id, &row) : db_product_get(d, id, &row);
	*name = s == DB_OK ? groep_label(a, g, row) : NULL;
	json_decref(row);
	return s;
}

json_t *resultaat_groep_keuzes(db *d, arena *a, enum res_groep g)
{
	json_t *list = g == RES_AANBIEDER ? db_aanbieder_list(d, false) : db_product_list(d, false);
	json_t *out = json_array();
	size_t i;
	json_t *row;
	json_array_foreach(list, i, row)
		json_array_append_new(out, json_pack("{s:O, s:s}", "id", json_object_get(row, "id"), "naam",
		                                     groep_label(a, g, row)));
	json_decref(list);
	return out;
}

int res_fig_of(const char *key)
{
	for (int k = 0; k < RF_COUNT; k++)
		if (strcmp(res_figuren[k].key, key) == 0)
			return k;
	return -1;
}

/* ---- counting once ---------------------------------------------------------------- */

/* One thing counted: key (a person or a goal), the person, the household. */
struct item {
	int64_t key, client, hh;
};
struct bag {
	struct item *it;
	size_t n, cap;
};
/* A value with the person it belongs to (a duration, a change). */
struct sample {
	int64_t value, client;
};
struct samples {
	struct sample *s;
	size_t n, cap;
};
/* A goal as one group serves it. */
struct goal {
	int64_t doel_id, client, hh;
	enum res_goal_state state;
	int zrm_first, zrm_last;
};
struct grp {
	int64_t id;
	const char *name;
	struct bag bags[RF_COUNT];
	struct goal *goals;
	size_t ngoals, goals_cap;
	struct samples dur, zrm, pg;
	int64_t cost, declared;
};

static void bag_add(arena *a, struct bag *b, int64_t key, int64_t client, int64_t hh)
{
	b->it = arena_grow(a, b->it, b->n, &b->cap, sizeof *b->it);
	b->it[b->n++] = (struct item){key, client, hh};
}

static void sample_add(arena *a, struct samples *s, int64_t value, int64_t client)
{
	s->s = arena_grow(a, s->s, s->n, &s->cap, sizeof *s->s);
	s->s[s->n++] = (struct sample){value, client};
}

static int cmp_i64(const void *x, const void *y)
{
	int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
	return (a > b) - (a < b);
}

/* The number of distinct values among n (sorted in place). */
static int64_t distinct(int64_t *v, size_t n)
{
	if (!n)
		return 0;
	qsort(v, n, sizeof *v, cmp_i64);
	int64_t k = 1;
	for (size_t i = 1; i < n; i++)
		k += v[i] != v[i - 1];
	return k;
}

static int64_t bag_distinct(arena *a, const struct bag *b, bool keys)
{
	int64_t *v = arena_alloc(a, (b->n + 1) * sizeof *v);
	for (size_t i = 0; i < b->n; i++)
		v[i] = keys ? b->it[i].key : b->it[i].client;
	return distinct(v, b->n);
}

static int64_t samples_persons(arena *a, const struct samples *s)
{
	int64_t *v = arena_alloc(a, (s->n + 1) * sizeof *v);
	for (size_t i = 0; i < s->n; i++)
		v[i] = s->s[i].client;
	return distinct(v, s->n);
}

/* The value at rank k (1-based) of the sorted values. */
static int64_t at_rank(const int64_t *sorted, size_t k)
{
	return sorted[k - 1];
}

/* Median ((n + 1) / 2) and 90th percentile ((9n + 9) / 10) by nearest
 * rank, as the dashboard's throughput; and how many are above zero. */
static void spread(arena *a, const struct samples *s, int64_t *median, int64_t *p90, int64_t *above)
{
	int64_t *v = arena_alloc(a, (s->n + 1) * sizeof *v);
	*above = 0;
	for (size_t i = 0; i < s->n; i++) {
		v[i] = s->s[i].value;
		*above += v[i] > 0;
	}
	qsort(v, s->n, sizeof *v, cmp_i64);
	*median = s->n ? at_rank(v, (s->n + 1) / 2) : 0;
	*p90 = s->n ? at_rank(v, (9 * s->n + 9) / 10) : 0;
}

static int cmp_goal(const void *x, const void *y)
{
	const struct goal *a = x, *b = y;
	return (a->doel_id > b->doel_id) - (a->doel_id < b->doel_id);
}

/* ---- grouping --------------------------------------------------------------------- */

struct groups {
	struct grp *g;
	size_t n, cap;
	size_t last;
};

static struct grp *group_of(arena *a, struct groups *gs, int64_t id, const char *name)
{
	if (gs->last < gs->n && gs->g[gs->last].id == id)
		return &gs->g[gs->last];
	for (size_t i = 0; i < gs->n; i++)
		if (gs->g[i].id == id) {
			gs->last = i;
			return &gs->g[i];
		}
	gs->g = arena_grow(a, gs->g, gs->n, &gs->cap, sizeof *gs->g);
	memset(&gs->g[gs->n], 0, sizeof gs->g[gs->n]);
	gs->g[gs->n].id = id;
	gs->g[gs->n].name = name;
	gs->last = gs->n;
	return &gs->g[gs->n++];
}

static bool in_period(const char *date, const struct res_filter *f)
{
	return date[0] && strcmp(date, f->from) >= 0 && strcmp(date, f->to) <= 0;
}

static const struct res_voorziening *find_voorziening(const struct res_voorziening *v, size_t n, int64_t id)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (v[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && v[lo].id == id ? &v[lo] : NULL;
}

static const struct res_gezondheid *find_pg(const struct res_gezondheid *p, size_t n, int64_t persoon)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (p[mid].persoon_id < persoon)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && p[lo].persoon_id == persoon ? &p[lo] : NULL;
}

static enum res_fig end_fig(const char *reason)
{
	if (reason && strcmp(reason, "doel_bereikt") == 0)
		return RF_EINDE_DOEL;
	if (reason && strcmp(reason, "uitstroom_lichter") == 0)
		return RF_EINDE_LICHTER;
	return RF_EINDE_OVERIG;
}

static enum res_fig goal_fig(enum res_goal_state s)
{
	switch (s) {
	case GOAL_REACHED: return RF_DOELEN_BEREIKT;
	case GOAL_PARTLY: return RF_DOELEN_DEELS;
	case GOAL_NOT_REACHED: return RF_DOELEN_NIET;
	case GOAL_NOT_EVALUATED:
	case GOAL_OTHER: break;
	}
	return RF_DOELEN_OPEN;
}

/* Reads the rows and fills the groups: every count's items, the samples. */
static enum db_status collect(db *d, arena *a, const struct res_filter *f, enum res_groep kind, struct groups *gs)
{
	memset(gs, 0, sizeof *gs);
	struct res_voorziening *v = NULL;
	struct res_doel *goals = NULL;
	struct res_gezondheid *pg = NULL;
	size_t nv = 0, ng = 0, npg = 0;
	if (db_read_begin(d) != 0)
		return DB_ERROR;
	enum db_status s = db_res_voorzieningen(d, a, f, &v, &nv);
	/* The goals and own scores of what was read, by id (the rows come
	 * ordered by voorziening id). */
	strbuf ids = {0}, pjson = {0};
	int64_t *pid = arena_alloc(a, (nv + 1) * sizeof *pid);
	size_t npid = 0;
	for (size_t i = 0; i < nv; i++) {
		sb_printf(&ids, "%s%" PRId64, i ? "," : "[", v[i].id);
		if (v[i].persoon_id > 0)
			pid[npid++] = v[i].persoon_id;
	}
	sb_puts(&ids, nv ? "]" : "[]");
	if (npid)
		qsort(pid, npid, sizeof *pid, cmp_i64);
	for (size_t i = 0, k = 0; i < npid; i++)
		if (i == 0 || pid[i] != pid[i - 1])
			sb_printf(&pjson, "%s%" PRId64, k++ ? "," : "[", pid[i]);
	sb_puts(&pjson, npid ? "]" : "[]");
	if (s == DB_OK)
		s = db_res_doelen(d, a, f, sb_str(&ids), &goals, &ng);
	if (s == DB_OK)
		s = db_res_gezondheid(d, a, f, sb_str(&pjson), &pg, &npg);
	db_read_end(d);
	sb_free(&ids);
	sb_free(&pjson);
	if (s != DB_OK)
		return s;

	for (size_t i = 0; i < nv; i++) {
		const struct res_voorziening *x = &v[i];
		struct grp *g = kind == RES_AANBIEDER ? group_of(a, gs, x->aanbieder_id, x->aanbieder)
		                                      : group_of(a, gs, x->product_id, x->product);
		bag_add(a, &g->bags[RF_IN_ZORG], x->client, x->client, x->huishouden_id);
		g->cost += x->cost_cents;
		g->declared += x->declared_cents;
		if (in_period(x->begin, f))
			bag_add(a, &g->bags[RF_GESTART], x->client, x->client, x->huishouden_id);
		if (in_period(x->ended, f)) {
			bag_add(a, &g->bags[RF_BEEINDIGD], x->client, x->client, x->huishouden_id);
			bag_add(a, &g->bags[end_fig(x->end_reason)], x->client, x->client, x->huishouden_id);
			if (x->days >= 0)
				sample_add(a, &g->dur, x->days, x->client);
		}
	}
	for (size_t i = 0; i < ng; i++) {
		const struct res_voorziening *x = find_voorziening(v, nv, goals[i].voorziening_id);
		if (!x)
			continue;
		struct grp *g = kind == RES_AANBIEDER ? group_of(a, gs, x->aanbieder_id, x->aanbieder)
		                                      : group_of(a, gs, x->product_id, x->product);
		g->goals = arena_grow(a, g->goals, g->ngoals, &g->goals_cap, sizeof *g->goals);
		g->goals[g->ngoals++] = (struct goal){goals[i].doel_id, goals[i].client, x->huishouden_id, goals[i].state,
		                                      goals[i].zrm_first, goals[i].zrm_last};
	}
	for (size_t k = 0; k < gs->n; k++) {
		struct grp *g = &gs->g[k];
		/* A goal served twice by one provider or product counts once. */
		if (g->ngoals)
			qsort(g->goals, g->ngoals, sizeof *g->goals, cmp_goal);
		for (size_t i = 0; i < g->ngoals; i++) {
			const struct goal *x = &g->goals[i];
			if (i > 0 && x->doel_id == g->goals[i - 1].doel_id)
				continue;
			bag_add(a, &g->bags[RF_DOELEN], x->doel_id, x->client, x->hh);
			bag_add(a, &g->bags[goal_fig(x->state)], x->doel_id, x->client, x->hh);
			if (x->zrm_first >= 0 && x->zrm_last >= 0)
				sample_add(a, &g->zrm, x->zrm_last - x->zrm_first, x->client);
		}
		/* The resident's own change, once per person in care. */
		const struct bag *b = &g->bags[RF_IN_ZORG];
		int64_t *people = arena_alloc(a, (b->n + 1) * sizeof *people);
		size_t np = 0;
		for (size_t i = 0; i < b->n; i++)
			if (b->it[i].client > 0)
				people[np++] = b->it[i].client;
		qsort(people, np, sizeof *people, cmp_i64);
		for (size_t i = 0; i < np; i++) {
			if (i > 0 && people[i] == people[i - 1])
				continue;
			const struct res_gezondheid *p = find_pg(pg, npg, people[i]);
			if (p)
				sample_add(a, &g->pg, p->last - p->first, p->persoon_id);
		}
	}
	return DB_OK;
}

/* ---- the figures ------------------------------------------------------------------ */

static int cmp_grp(const void *x, const void *y)
{
	const struct grp *a = x, *b = y;
	int c = strcmp(a->name ? a->name : "", b->name ? b->name : "");
	return c ? c : (a->id > b->id) - (a->id < b->id);
}

static int64_t share(int64_t part, int64_t whole)
{
	return whole ? (part * 100 + whole / 2) / whole : 0;
}

static json_t *group_json(arena *a, const struct grp *g)
{
	json_t *w = json_array(), *p = json_array();
	int64_t val[RF_COUNT] = {0}, per[RF_COUNT] = {0};
	bool has[RF_COUNT] = {0};
	for (int i = 0; i < RF_COUNT; i++)
		if (res_figuren[i].soort == RS_AANTAL) {
			bool goals = i >= RF_DOELEN && i <= RF_DOELEN_OPEN;
			val[i] = bag_distinct(a, &g->bags[i], goals);
			per[i] = goals ? bag_distinct(a, &g->bags[i], false) : val[i];
			has[i] = true;
		}
	int64_t above = 0, unused = 0;
	if (g->dur.n) {
		spread(a, &g->dur, &val[RF_DUUR_MEDIAAN], &val[RF_DUUR_P90], &above);
		per[RF_DUUR_MEDIAAN] = per[RF_DUUR_P90] = samples_persons(a, &g->dur);
		has[RF_DUUR_MEDIAAN] = has[RF_DUUR_P90] = true;
	}
	if (g->zrm.n) {
		spread(a, &g->zrm, &val[RF_ZRM_MEDIAAN], &unused, &above);
		val[RF_ZRM_VERBETERD] = share(above, (int64_t)g->zrm.n);
		per[RF_ZRM_MEDIAAN] = per[RF_ZRM_VERBETERD] = samples_persons(a, &g->zrm);
		has[RF_ZRM_MEDIAAN] = has[RF_ZRM_VERBETERD] = true;
	}
	if (g->pg.n) {
		spread(a, &g->pg, &val[RF_PG_MEDIAAN], &unused, &above);
		val[RF_PG_VERBETERD] = share(above, (int64_t)g->pg.n);
		per[RF_PG_MEDIAAN] = per[RF_PG_VERBETERD] = (int64_t)g->pg.n;
		has[RF_PG_MEDIAAN] = has[RF_PG_VERBETERD] = true;
	}
	int64_t clients = val[RF_IN_ZORG], reached = val[RF_DOELEN_BEREIKT];
	val[RF_KOSTEN] = g->cost;
	val[RF_GEDECLAREERD] = g->declared;
	per[RF_KOSTEN] = per[RF_GEDECLAREERD] = per[RF_KOSTEN_CLIENT] = clients;
	has[RF_KOSTEN] = has[RF_GEDECLAREERD] = true;
	if (clients) {
		val[RF_KOSTEN_CLIENT] = (g->cost + clients / 2) / clients;
		has[RF_KOSTEN_CLIENT] = true;
	}
	if (reached) {
		val[RF_KOSTEN_DOEL] = (g->cost + reached / 2) / reached;
		per[RF_KOSTEN_DOEL] = per[RF_DOELEN_BEREIKT] < clients ? per[RF_DOELEN_BEREIKT] : clients;
		has[RF_KOSTEN_DOEL] = true;
	}
	for (int i = 0; i < RF_COUNT; i++) {
		json_array_append_new(w, has[i] ? json_integer(val[i]) : json_null());
		json_array_append_new(p, json_integer(per[i]));
	}
	return json_pack("{s:I, s:s, s:o, s:o}", "id", (json_int_t)g->id, "naam", g->name ? g->name : "", "w", w, "p", p);
}

enum db_status resultaat_bereken(db *d, arena *a, const struct res_filter *f, enum res_groep g, json_t **out)
{
	*out = NULL;
	int64_t version = 0;
	enum db_status s = db_stat_version(d, &version);
	if (s != DB_OK)
		return s;
	char key[FIGCACHE_KEY];
	snprintf(key, sizeof key, "resultaten|%s|%lld|%lld|%s|%s", res_groep_codes[g], (long long)f->team_id,
	         (long long)f->gebied_id, f->from, f->to);
	if ((*out = figcache_get(key, &version, 1, 0)))
		return DB_OK;
	struct groups gs;
	s = collect(d, a, f, g, &gs);
	if (s != DB_OK)
		return s;
	if (gs.n)
		qsort(gs.g, gs.n, sizeof *gs.g, cmp_grp);
	json_t *rows = json_array();
	for (size_t i = 0; i < gs.n; i++)
		json_array_append_new(rows, group_json(a, &gs.g[i]));
	figcache_put(key, &version, 1, 0, rows);
	*out = rows;
	return DB_OK;
}

/* ---- output ----------------------------------------------------------------------- */

json_t *resultaat_rijen(json_t *groups, bool suppress)
{
	json_t *out = json_array();
	size_t i;
	json_t *row;
	json_array_foreach(groups, i, row)
	{
		json_t *o = json_pack("{s:O, s:O}", "id", json_object_get(row, "id"), "naam", json_object_get(row, "naam"));
		json_t *w = json_object_get(row, "w"), *p = json_object_get(row, "p");
		for (int k = 0; k < RF_COUNT; k++) {
			json_t *x = json_array_get(w, (size_t)k);
			if (!json_is_integer(x))
				continue;
			json_object_set_new(o, res_figuren[k].key,
			                    suppressie_json(suppress, json_integer_value(x),
			                                    json_integer_value(json_array_get(p, (size_t)k))));
		}
		json_array_append_new(out, o);
	}
	return out;
}

const char *resultaat_tekst(arena *a, const json_t *row, enum res_fig fig, bool suppress)
{
	json_t *x = json_array_get(json_object_get(row, "w"), (size_t)fig);
	if (!json_is_integer(x))
		return "–";
	int64_t v = json_integer_value(x);
	if (suppressie_verborgen(suppress, json_integer_value(json_array_get(json_object_get(row, "p"), (size_t)fig))))
		return SUPPRESSIE_TEKST;
	switch (res_figuren[fig].soort) {
	case RS_AANTAL: return arena_printf(a, "%" PRId64, v);
	case RS_DAGEN: return arena_printf(a, "%" PRId64 " %s", v, v == 1 ? "dag" : "dagen");
	case RS_VERSCHIL: return arena_printf(a, v > 0 ? "+%" PRId64 : "%" PRId64, v);
	case RS_PROCENT: return arena_printf(a, "%" PRId64 "%%", v);
	case RS_EURO: return arena_printf(a, "€ %s", team_euros(a, v, true));
	}
	return "–";
}

/* ---- the households behind a count ------------------------------------------------- */

enum db_status resultaat_huishoudens(db *d, arena *a, const struct res_filter *f, enum res_groep g, int64_t id,
                                     enum res_fig fig, json_t **out)
{
	*out = NULL;
	struct groups gs;
	enum db_status s = collect(d, a, f, g, &gs);
	if (s != DB_OK)
		return s;
	json_t *ids = json_array();
	for (size_t k = 0; k < gs.n; k++) {
		if (gs.g[k].id != id)
			continue;
		const struct bag *b = &gs.g[k].bags[fig];
		int64_t *hh = arena_alloc(a, (b->n + 1) * sizeof *hh);
		for (size_t i = 0; i < b->n; i++)
			hh[i] = b->it[i].hh;
		qsort(hh, b->n, sizeof *hh, cmp_i64);
		for (size_t i = 0; i < b->n; i++)
			if (i == 0 || hh[i] != hh[i - 1])
				json_array_append_new(ids, json_integer(hh[i]));
	}
	*out = ids;
	return DB_OK;
}
