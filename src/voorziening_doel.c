/* voorziening_doel.c - the goals a voorziening serves and the network
 * member it supports (issue 16 item 1; include/voorziening_shared.h):
 * reading them from a form or the API into v[V_DOEL].text ("12,15"), and
 * checking them against the household. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_voorziening.h"
#include "domain.h"
#include "voorziening_shared.h"

/* The most goals one voorziening names; a plan has a handful. */
enum { GOALS_MAX = 64 };
static const char MSG_GOALS_BAD[] = "Kies alleen doelen uit het plan van dit huishouden.";

static int cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* ids[0..n-1] sorted, without repeats, as "12,15" into v[V_DOEL].text. */
static void goals_to_text(struct req *r, int64_t *ids, size_t n, struct field_value *v)
{
	qsort(ids, n, sizeof *ids, cmp_id);
	strbuf b = {0};
	for (size_t i = 0; i < n; i++)
		if (i == 0 || ids[i] != ids[i - 1])
			sb_printf(&b, "%s%" PRId64, b.len ? "," : "", ids[i]);
	v[V_DOEL].text = arena_strdup(r->arena, b.len ? b.buf : "");
	sb_free(&b);
}

/* A positive id in decimal, or 0. */
static int64_t parse_id(const char *s)
{
	if (!s || *s < '1' || *s > '9' || strlen(s) > 15 || strspn(s, "0123456789") != strlen(s))
		return 0;
	return strtoll(s, NULL, 10);
}

void voorziening_goals_from_form(struct req *r, struct field_value *v)
{
	int64_t ids[GOALS_MAX];
	size_t n = 0;
	if (v[V_DOEL].id && !v[V_DOEL].error)
		ids[n++] = v[V_DOEL].id;
	for (size_t i = 0; r->form && i < r->form->n; i++) {
		const char *name = r->form->pairs[i].name;
		if (strncmp(name, "doel_", 5) != 0)
			continue;
		int64_t id = parse_id(name + 5);
		if (!id || n == GOALS_MAX) {
			v[V_DOEL].error = MSG_GOALS_BAD;
			continue;
		}
		ids[n++] = id;
	}
	goals_to_text(r, ids, n, v);
}

void voorziening_goals_from_json(struct req *r, const json_t *obj, struct field_value *v)
{
	int64_t ids[GOALS_MAX];
	size_t n = 0;
	json_t *list = json_object_get(obj, "doel_ids"), *one = json_object_get(obj, "doel_id");
	if (list && !json_is_null(list)) {
		size_t i;
		json_t *item;
		if (!json_is_array(list))
			v[V_DOEL].error = "Verwacht een lijst van doelen (doel_ids).";
		json_array_foreach(list, i, item) {
			if (!json_is_integer(item) || json_integer_value(item) < 1 || n == GOALS_MAX) {
				v[V_DOEL].error = MSG_GOALS_BAD;
				break;
			}
			ids[n++] = json_integer_value(item);
		}
	} else if (one && !json_is_null(one)) {
		if (json_is_integer(one) && json_integer_value(one) > 0)
			ids[n++] = json_integer_value(one);
		else
			v[V_DOEL].error = MSG_GOALS_BAD;
	} else if (v[V_DOEL].id && !v[V_DOEL].error) {
		ids[n++] = v[V_DOEL].id;
	}
	goals_to_text(r, ids, n, v);
	/* The API's name for the network member, beside the form's. */
	json_t *nl = json_object_get(obj, "netwerklid_id");
	if (nl && !json_is_null(nl) && !v[V_NETWERKLID].text[0] && !v[V_NETWERKLID].error) {
		if (json_is_integer(nl) && json_integer_value(nl) > 0) {
			v[V_NETWERKLID].id = json_integer_value(nl);
			v[V_NETWERKLID].text = arena_printf(r->arena, "%" PRId64, v[V_NETWERKLID].id);
		} else {
			v[V_NETWERKLID].error = "Kies iemand uit het netwerk van dit huishouden.";
		}
	}
}

const char *voorziening_netwerk_label(arena *a, const char *name, const char *relation)
{
	char *out = arena_printf(a, "%s (%s)", name ? name : "?", vocab_label(&vocab_relation, relation));
	char *open = strrchr(out, '(');
	if (open && open[1] >= 'A' && open[1] <= 'Z')
		open[1] = (char)(open[1] - 'A' + 'a');
	return out;
}

size_t voorziening_goal_ids(arena *a, const char *text, int64_t **ids)
{
	*ids = NULL;
	size_t n = 0;
	for (const char *p = text; p && *p; p++)
		n += *p == ',';
	if (!text || !*text)
		return 0;
	*ids = arena_alloc(a, (n + 1) * sizeof **ids);
	n = 0;
	for (const char *p = text; *p;) {
		(*ids)[n++] = strtoll(p, NULL, 10);
		p += strcspn(p, ",");
		if (*p == ',')
			p++;
	}
	return n;
}

void voorziening_check_goals(struct req *r, db *d, int64_t hh, const json_t *row, bool maatwerk,
                             struct field_value *v, struct voorziening_input *in)
{
	int64_t *goals;
	size_t ngoals = voorziening_goal_ids(r->arena, v[V_DOEL].text, &goals);
	for (size_t k = 0; !v[V_DOEL].error && k < ngoals; k++)
		if (!db_voorziening_goal_in(d, hh, goals[k]))
			v[V_DOEL].error = MSG_GOALS_BAD;
	if (!v[V_DOEL].error && maatwerk && ngoals == 0) {
		/* A result is attributed to the goals it served (issue 16 item 1). */
		json_t *open_goals = db_voorziening_goals(d, hh);
		if (json_array_size(open_goals) > 0)
			v[V_DOEL].error = "Kies minstens één doel uit het plan waar deze maatwerkvoorziening aan bijdraagt.";
		json_decref(open_goals);
	}
	if (!v[V_NETWERKLID].error && v[V_NETWERKLID].id &&
	    !db_voorziening_netwerklid_in(d, hh, v[V_NETWERKLID].id, row ? num(row, "netwerklid_id") : 0))
		v[V_NETWERKLID].error = "Kies iemand uit het netwerk van dit huishouden.";
	in->doel_ids = goals;
	in->ndoelen = ngoals;
	in->netwerklid_id = v[V_NETWERKLID].id;
}
