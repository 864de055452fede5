/* spreekuur_shared.c - what the spreekuur handler files share
 * (include/spreekuur_shared.h): a spreekuur row's labels, who may see a
 * bezoek (walk-in) and loading one, a bezoek's API reply and labels, and
 * the quick household search of a spreekuur or walk-in page.  Used by
 * src/handlers/spreekuur.c, spreekuur_rooster.c and bezoek.c.
 *
 * A bezoek is visible to the employee who registered it, the employees
 * staffing its spreekuur and teamleiders (docs/security.md). */
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "audit.h"
#include "care.h"
#include "db_huishouden.h"
#include "db_spreekuur.h"
#include "domain.h"
#include "form.h"
#include "handlers.h"
#include "zoekformulier.h"
#include "huishouden_form.h"
#include "spreekuur_shared.h"

static const char *weekday_label(int64_t wd)
{
	return wd >= 1 && wd <= 7 ? vocab_weekday.labels[wd - 1] : "";
}

static bool is_teamleider(const struct req *r)
{
	return (r->user->roles & ROLE_TEAMLEIDER) != 0;
}

/* Labels for a spreekuur row (list or get) on a page. */
void spreekuur_labels(json_t *row)
{
	json_object_set_new(row, "weekdag_label", json_string(weekday_label(sp_num(row, "weekdag"))));
	json_object_set_new(row, "locatie_soort_label",
	                    json_string(vocab_label(&vocab_location_kind, sp_str(row, "locatie_soort"))));
	const char *from = sp_str(row, "geldig_vanaf"), *until = sp_str(row, "geldig_tot");
	char nl[11];
	fmt_date_nl(from, nl);
	json_object_set_new(row, "geldig_vanaf_nl", json_string(nl));
	if (*until) {
		fmt_date_nl(until, nl);
		json_object_set_new(row, "geldig_tot_nl", json_string(nl));
	}
}
/* ---- bezoeken: access, rows, audit ---------------------------------------- */

const char SPREEKUUR_MISSING[] = "Dit spreekuur bestaat niet.";
const char BEZOEK_MISSING[] = "Dit bezoek bestaat niet.";
static const char BEZOEK_FORBIDDEN[] = "Dit bezoek is alleen zichtbaar voor wie het vastlegde, wie het spreekuur "
                                       "houdt en teamleiders.";

static bool bezoek_visible(struct req *r, const json_t *b)
{
	return access_bezoek(r, sp_num(b, "geregistreerd_door_id"), sp_num(b, "spreekuur_id"));
}

/* Timestamps as the API gives them: ISO 8601 in UTC. */
void bezoek_api_times(json_t *b)
{
	char iso[21];
	static const char *const keys[] = {"geregistreerd_op", "gewijzigd_op"};
	for (size_t i = 0; i < ARRAY_LEN(keys); i++) {
		json_t *t = json_object_get(b, keys[i]);
		if (json_is_integer(t)) {
			fmt_iso8601(json_integer_value(t), iso);
			json_object_set_new(b, keys[i], json_string(iso));
		}
	}
}

void bezoek_page_labels(json_t *b)
{
	char when[20], nl[11];
	fmt_datetime_nl(sp_num(b, "geregistreerd_op"), when);
	json_object_set_new(b, "geregistreerd_op_nl", json_string(when));
	fmt_date_nl(sp_str(b, "datum"), nl);
	json_object_set_new(b, "datum_nl", json_string(nl));
	json_object_set_new(b, "uitkomst_label", json_string(vocab_label(&vocab_visit_outcome, sp_str(b, "uitkomst"))));
	json_object_set_new(b, "open", json_boolean(strcmp(sp_str(b, "uitkomst"), "open") == 0));
	json_object_set_new(b, "soort_label", json_string(vocab_label(&vocab_location_kind, sp_str(b, "locatie_soort"))));
}

/* Loads bezoek id and checks that r's user may see it; replies (404, 403)
 * and returns -1 otherwise.  *out is a new reference on success. */
int load_bezoek(struct req *r, db *d, int64_t id, json_t **out)
{
	enum db_status s = db_bezoek_get(d, id, out);
	if (s == DB_NOT_FOUND) {
		reply_error(r, ERR_NOT_FOUND, BEZOEK_MISSING);
		return -1;
	}
	if (s != DB_OK) {
		reply_error(r, ERR_INTERNAL, NULL);
		return -1;
	}
	if (!bezoek_visible(r, *out)) {
		json_decref(*out);
		*out = NULL;
		reply_error(r, ERR_FORBIDDEN, BEZOEK_FORBIDDEN);
		return -1;
	}
	return 0;
}

/* The walk-ins of spreekuur s on date that r's user may see. */
json_t *visible_bezoeken(struct req *r, db *d, int64_t s, const char *date)
{
	bool all = is_teamleider(r) || db_spreekuur_staffed_by(d, s, r->user->id);
	return db_bezoek_list(d, s, date, all ? 0 : r->user->id);
}
/* The quick search of a spreekuur or walk-in page into data.search: {q,
 * problem} or {q, has_hits, count, hits}.  q came in a URL, so a BSN is
 * refused and not echoed.  0, or -1 on a database error. */
int spreekuur_add_search(struct req *r, db *d, const char *q, bool allow_bsn, json_t *data)
{
	struct zoek_result zr;
	if (zoek_run(r, d, q, allow_bsn, &zr) != DB_OK)
		return -1;
	json_t *search = json_object();
	json_object_set_new(search, "q", json_string(zr.bsn ? "" : q));
	if (zr.problem) {
		json_object_set_new(search, "problem", json_string(zr.problem));
	} else {
		json_object_set_new(search, "has_hits", json_boolean(json_array_size(zr.hits) > 0));
		json_object_set_new(search, "count", json_integer((json_int_t)json_array_size(zr.hits)));
		json_object_set_new(search, "hits", zr.hits);
	}
	json_object_set_new(data, "search", search);
	return 0;
}
int bezoek_api_reply(struct req *r, db *d, unsigned status, int64_t id)
{
	json_t *b;
	if (db_bezoek_get(d, id, &b) != DB_OK)
		return -1;
	bezoek_api_times(b);
	reply_json(r, status, b);
	if (status == 201)
		reply_header(r, "Location", arena_printf(r->arena, "/api/v1/bezoeken/%lld", (long long)id));
	return 0;
}
