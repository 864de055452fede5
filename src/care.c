/* care.c - the helpers that the care handlers share (include/care.h): the
 * household heading of a care page, "who changed it last", the options of
 * a select or radio group, the API's reply to a stale version, and the ZRM
 * scores grouped by person.  Used by the intake, evaluation, network,
 * journal, consent, plan, voorziening, spreekuur and closing handlers. */
#include <string.h>

#include "care.h"
#include "db_intake.h"
#include "domain.h"
#include "http.h"
#include "util.h"

enum { NDOMAINS = 13 }; /* the ZRM domains, in vocab_zrm_domain order */

enum db_status care_household(struct req *r, db *d, int64_t hh, json_t *data)
{
	const char *address;
	enum db_status s = db_intake_household(d, r->arena, hh, &address);
	if (s == DB_OK)
		json_object_set_new(data, "hh", json_pack("{s:I, s:s}", "id", (json_int_t)hh, "address", address));
	return s;
}

const char *care_changed_by(struct req *r, const char *who, int64_t at)
{
	char when[20];
	fmt_datetime_nl(at, when);
	return arena_printf(r->arena, "%s op %s", who ? who : "een collega", when);
}

json_t *care_options(const struct vocab *v, const char *selected)
{
	json_t *list = json_array();
	for (int i = 0; v->codes[i]; i++)
		json_array_append_new(list, json_pack("{s:s, s:s, s:b}", "code", v->codes[i], "label", v->labels[i],
		                                      "selected", selected && strcmp(selected, v->codes[i]) == 0));
	return list;
}

int care_reply_conflict(struct req *r, const char *message, json_t *current)
{
	json_t *body = json_pack("{s:{s:s, s:s}, s:o}", "error", "code", "conflict", "message", message,
	                         "huidig", current);
	return reply_json(r, 409, body);
}

/* Scores grouped by person, each with all 13 domains in DESIGN.md order
 * (unscored ones marked): [{person, persoon_id, domains: [{label, scored,
 * score, score_label, scored_nl}]}].  New reference. */
json_t *care_scores_json(const struct zrm_score *z, size_t n)
{
	json_t *list = json_array();
	for (size_t i = 0; i < n;) {
		size_t end = i;
		while (end < n && z[end].persoon_id == z[i].persoon_id)
			end++;
		json_t *domains = json_array();
		for (int dm = 0; dm < NDOMAINS; dm++) {
			json_t *o = json_pack("{s:s, s:b}", "label", vocab_zrm_domain.labels[dm], "scored", false);
			for (size_t k = i; k < end; k++)
				if (strcmp(z[k].domain, vocab_zrm_domain.codes[dm]) == 0 && z[k].score >= 1 && z[k].score <= 5) {
					json_object_set_new(o, "scored", json_true());
					json_object_set_new(o, "score", json_integer(z[k].score));
					json_object_set_new(o, "score_label", json_string(vocab_zrm_score.labels[z[k].score - 1]));
					json_object_set_new(o, "scored_nl", json_string(z[k].scored_nl));
				}
			json_array_append_new(domains, o);
		}
		json_array_append_new(list, json_pack("{s:s, s:I, s:o}", "person", z[i].person, "persoon_id",
		                                      (json_int_t)z[i].persoon_id, "domains", domains));
		i = end;
	}
	return list;
}

json_t *care_zrm_matrix(const json_t *zrm)
{
	json_t *people = json_array(), *rows = json_array();
	size_t p;
	json_t *person;
	json_array_foreach(zrm, p, person) {
		const char *name = json_string_value(json_object_get(person, "name"));
		json_array_append_new(people, json_pack("{s:s}", "naam", name ? name : ""));
		size_t dm;
		json_t *cell;
		json_array_foreach(json_object_get(person, "domains"), dm, cell) {
			if (p == 0)
				json_array_append_new(rows, json_pack("{s:O, s:[]}", "label", json_object_get(cell, "label"),
				                                      "cellen"));
			json_t *c = json_deep_copy(cell);
			json_object_set_new(c, "name", json_string(name ? name : ""));
			json_array_append_new(json_object_get(json_array_get(rows, dm), "cellen"), c);
		}
	}
	return json_pack("{s:o, s:o}", "personen", people, "rijen", rows);
}
