/* signaal_nieuw.c - the form for a new signal (from the menu, or from a
 * walk-in at a spreekuur).  One form holds the signal and the search for
 * its household (zoekformulier.h): searching, linking a hit and unlinking
 * come back with everything typed, nothing is registered until "Signaal
 * registreren" (issue 12 item 3).  The API's create is in signaal.c. */
#include <string.h>

#include "access.h"
#include "db_regie.h"
#include "db_signaal.h"
#include "handlers.h"
#include "signaal_shared.h"
#include "zoekformulier.h"

/* The query of /signalen/nieuw: a household chosen in the search, the
 * walk-in it comes from, and the search itself. */
enum { NQ_HUISHOUDEN, NQ_BEZOEK, NQ_Q, NQ_COUNT };
static const struct field_rule new_query_rules[NQ_COUNT] = {
	[NQ_HUISHOUDEN] = {.name = "huishouden", .label = "Huishouden", .kind = FIELD_ID},
	[NQ_BEZOEK] = {.name = "bezoek", .label = "Bezoek op het spreekuur", .kind = FIELD_ID},
	[NQ_Q] = {.name = "q", .label = "Zoek het huishouden", .kind = FIELD_LINE, .max_len = 100},
};

static int render_new(struct req *r, db *d, struct field_value *v, unsigned status, const struct zoek_result *zr,
                      const char *q, const char *q_error)
{
	json_t *data = json_object();
	form_to_page(data, signaal_new_rules, N_COUNT, v);
	json_t *search = json_pack("{s:s}", "value", q ? q : "");
	if (q_error) {
		page_add_fields(data, (const struct field_rule[]){{.name = "q", .label = "Zoek het huishouden", .kind = FIELD_LINE}}, 1,
		                (const struct field_value[]){{.text = q ? q : "", .error = q_error}});
		json_object_set_new(search, "error", json_string(q_error));
		json_object_set_new(search, "invalid", json_true());
	}
	json_object_set_new(data, "search", search);
	json_object_set_new(data, "bronnen", vocab_options(&vocab_signal_source, v[N_BRON].text));
	json_object_set_new(data, "gebieden", gebied_options(d, v[N_GEBIED].id));
	if (v[N_BEZOEK].id && !v[N_BEZOEK].error)
		json_object_set_new(data, "bezoek", json_integer(v[N_BEZOEK].id));
	if (v[N_HUISHOUDEN].id && !v[N_HUISHOUDEN].error) {
		json_t *hh = db_household_limited(d, v[N_HUISHOUDEN].id);
		if (hh) {
			json_object_set_new(hh, "id", json_integer(v[N_HUISHOUDEN].id));
			json_object_set_new(data, "linked", hh);
		}
	}
	if (zr && zr->hits) {
		json_object_set_new(data, "searched", json_true());
		json_object_set_new(data, "count", json_integer((json_int_t)json_array_size(zr->hits)));
		json_object_set_new(data, "has_hits", json_boolean(json_array_size(zr->hits) > 0));
		json_object_set_new(data, "hits", json_incref(zr->hits));
	}
	return reply_page(r, status, "signaal-nieuw", "Nieuw signaal", data);
}

/* Searching, linking a hit or unlinking: nothing is registered, the form
 * comes back as typed (no errors yet) with the search. */
static int new_kept(struct req *r, db *d, struct field_value *v, const struct field_value *x, enum zf_act act)
{
	for (int i = 0; i < N_COUNT; i++)
		v[i].error = NULL;
	if (act == ZF_ONTKOPPELEN) {
		v[N_HUISHOUDEN].id = 0;
		v[N_HUISHOUDEN].text = "";
	} else if (act == ZF_KOPPELEN) {
		v[N_HUISHOUDEN].id = x[ZF_KOPPEL].id;
		v[N_HUISHOUDEN].text = arena_printf(r->arena, "%lld", (long long)x[ZF_KOPPEL].id);
	}
	if (signaal_new_check(r, d, v) < 0)
		return -1;
	/* Only the household's and the walk-in's problems matter now; the
	 * rest is checked when it is registered. */
	for (int i = 0; i < N_COUNT; i++)
		if (i != N_HUISHOUDEN && i != N_BEZOEK)
			v[i].error = NULL;
	if (v[N_HUISHOUDEN].error) {
		v[N_HUISHOUDEN].id = 0;
		v[N_HUISHOUDEN].text = "";
	}
	const char *q = zoekformulier_q(x, act);
	struct zoek_result zr = {0};
	const char *q_error = NULL;
	if (q && signaal_search(r, d, q, &zr, &q_error) != DB_OK)
		return -1;
	int rc = render_new(r, d, v, q_error ? 422 : 200, &zr, zr.bsn ? "" : q, q_error);
	json_decref(zr.hits);
	return rc;
}

int h_signaal_new_form(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct field_value qv[NQ_COUNT];
	if (form_validate(r->arena, r->query, new_query_rules, NQ_COUNT, qv) > 0)
		return reply_error(r, ERR_BAD_REQUEST, "Het webadres van dit formulier klopt niet.");
	struct field_value *v = arena_alloc(r->arena, N_COUNT * sizeof *v);
	form_validate(r->arena, NULL, signaal_new_rules, N_COUNT, v);
	for (int i = 0; i < N_COUNT; i++)
		v[i].error = NULL;
	if (qv[NQ_BEZOEK].id) {
		/* From a walk-in: the gebied of that spreekuur's location. */
		struct signaal_bezoek b;
		enum db_status s = db_signaal_bezoek(d, qv[NQ_BEZOEK].id, &b);
		if (s == DB_NOT_FOUND)
			return reply_error(r, ERR_NOT_FOUND, "Dit bezoek op het spreekuur bestaat niet.");
		if (s != DB_OK)
			return -1;
		if (!access_bezoek(r, b.created_by, b.spreekuur_id))
			return reply_error(r, ERR_FORBIDDEN, BEZOEK_NOT_YOURS);
		int64_t g = b.gebied_id;
		v[N_BEZOEK].id = qv[NQ_BEZOEK].id;
		v[N_BEZOEK].text = qv[NQ_BEZOEK].text;
		v[N_GEBIED].id = g;
		v[N_GEBIED].text = arena_printf(r->arena, "%lld", (long long)g);
	}
	if (qv[NQ_HUISHOUDEN].id) {
		struct hh_access_info acc;
		if (access_household(r, qv[NQ_HUISHOUDEN].id, &acc) != DB_OK)
			return -1;
		if (acc.level == HH_NOT_FOUND)
			return reply_error(r, ERR_NOT_FOUND, "Dit huishouden bestaat niet.");
		v[N_HUISHOUDEN].id = qv[NQ_HUISHOUDEN].id;
		v[N_HUISHOUDEN].text = qv[NQ_HUISHOUDEN].text;
	}
	struct zoek_result zr;
	const char *q_error;
	if (signaal_search(r, d, qv[NQ_Q].text, &zr, &q_error) != DB_OK)
		return -1;
	int rc = render_new(r, d, v, q_error ? 422 : 200, &zr, zr.bsn ? "" : qv[NQ_Q].text, q_error);
	json_decref(zr.hits);
	return rc;
}

int h_signaal_create(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct field_value *v = arena_alloc(r->arena, N_COUNT * sizeof *v);
	struct field_value x[ZF_COUNT];
	int errors = form_validate(r->arena, r->form, signaal_new_rules, N_COUNT, v);
	form_validate(r->arena, r->form, zoekformulier_rules, ZF_COUNT, x);
	enum zf_act act = zoekformulier_actie(x);
	if (act != ZF_OPSLAAN)
		return new_kept(r, d, v, x, act);
	int more = signaal_new_check(r, d, v);
	if (more < 0)
		return -1;
	if (errors + more > 0)
		return render_new(r, d, v, 422, NULL, NULL, NULL);
	int64_t id = 0;
	if (signaal_store_new(r, d, v, &id) != DB_OK)
		return -1;
	return reply_redirect(r, arena_printf(r->arena, "/signalen/%lld?nieuw=1", (long long)id));
}
