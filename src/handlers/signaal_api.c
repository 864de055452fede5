/* signaal_api.c - early signals in the JSON API: the queue, registering
 * one, one signal, its follow-up and linking it to a household.  The same
 * rules as the pages (src/handlers/signaal.c), from src/signaal_shared.c:
 * a linked signal's content only for those who may see it. */
#include <string.h>

#include "access.h"
#include "audit.h"
#include "db_signaal.h"
#include "domain.h"
#include "form.h"
#include "handlers.h"
#include "huishouden_form.h"
#include "signaal_shared.h"

enum { QUEUE_MAX = 200, DAY = 24 * 60 * 60 };

/* The API names ids with _id, as elsewhere in the API. */
static const struct field_rule new_api_rules[N_COUNT] = NEW_RULES("huishouden_id", "bezoek_id", "gebied_id");

enum { K_HUISHOUDEN, K_COUNT };
static const struct field_rule link_api_rules[K_COUNT] = {
	[K_HUISHOUDEN] = {.name = "huishouden_id", .label = "Huishouden", .kind = FIELD_ID, .required = true},
};

static json_t *opt_id(int64_t id)
{
	return id ? json_integer(id) : json_null();
}

static json_t *opt_str(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *signal_api_json(const struct signaal *s, const struct sig_view *v, int64_t now)
{
	char iso[21];
	fmt_iso8601(s->received_at, iso);
	json_t *o = json_object();
	json_object_set_new(o, "id", json_integer(s->id));
	json_object_set_new(o, "bron", json_string(s->source_kind));
	json_object_set_new(o, "gebied_id", opt_id(s->gebied_id));
	json_object_set_new(o, "gebied", opt_str(s->gebied));
	json_object_set_new(o, "meldcode", json_boolean(s->safety_concern));
	json_object_set_new(o, "huishouden_id", opt_id(s->huishouden_id));
	json_object_set_new(o, "adres", opt_str(s->address));
	json_object_set_new(o, "status", json_string(s->status));
	json_object_set_new(o, "toegewezen_aan", opt_id(s->assigned_to));
	json_object_set_new(o, "toegewezen", opt_str(s->assigned_name));
	json_object_set_new(o, "aanmelding_id", opt_id(s->aanmelding_id));
	json_object_set_new(o, "ontvangen", json_string(iso));
	json_object_set_new(o, "leeftijd_dagen", json_integer((now - s->received_at) / DAY));
	json_object_set_new(o, "versie", json_integer(s->version));
	json_object_set_new(o, "inhoud_zichtbaar", json_boolean(v->content));
	if (!v->content)
		return o;
	json_object_set_new(o, "bron_naam", opt_str(s->source_name));
	json_object_set_new(o, "over", json_string(s->about));
	json_object_set_new(o, "zorg", json_string(s->concern));
	json_object_set_new(o, "opvolging", opt_str(s->follow_up));
	json_object_set_new(o, "bezoek_id", opt_id(s->bezoek_id));
	json_object_set_new(o, "geregistreerd_door", json_string(s->created_by_name));
	return o;
}

int h_api_signaal_list(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct field_value q[Q_COUNT];
	int errors = signaal_queue_filter(r, d, q);
	if (errors)
		return reply_json_validation(r, form_errors_json(signaal_queue_rules, Q_COUNT, q));
	struct signaal_filter f = {.status = q[Q_STATUS].text[0] ? q[Q_STATUS].text : NULL, .gebied_id = q[Q_GEBIED].id};
	struct signaal *rows;
	size_t n;
	int64_t total = 0, open = 0;
	if (db_signaal_queue(d, r->arena, &f, QUEUE_MAX, &rows, &n, &total, &open) != DB_OK ||
	    audit_view(r, "signaal.list", "signaal", 0, 0, NULL) != 0)
		return -1;
	int64_t now = now_unix();
	json_t *list = json_array();
	for (size_t i = 0; i < n; i++) {
		struct sig_view v;
		if (signaal_view(r, &rows[i], &v) != DB_OK) {
			json_decref(list);
			return -1;
		}
		json_array_append_new(list, signal_api_json(&rows[i], &v, now));
	}
	return reply_json(r, 200, json_pack("{s:o, s:I, s:I}", "signalen", list, "totaal", (json_int_t)total,
	                                    "open", (json_int_t)open));
}

int h_api_signaal_create(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct field_value v[N_COUNT];
	int errors = form_validate_json(r->arena, r->json, new_api_rules, N_COUNT, v);
	int more = signaal_new_check(r, d, v);
	if (more < 0)
		return -1;
	if (errors + more > 0)
		return reply_json_validation(r, form_errors_json(new_api_rules, N_COUNT, v));
	int64_t id = 0;
	struct signaal s;
	struct sig_view sv = {.content = true};
	if (signaal_store_new(r, d, v, &id) != DB_OK || db_signaal_get(d, r->arena, id, &s) != DB_OK)
		return -1;
	reply_json(r, 201, signal_api_json(&s, &sv, now_unix()));
	reply_header(r, "Location", arena_printf(r->arena, "/api/v1/signalen/%lld", (long long)id));
	return 0;
}

int h_api_signaal_get(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct signaal s;
	struct sig_view v;
	if (signaal_load(r, d, req_param_id(r, 0), &s, &v) != 0)
		return 0;
	if (signaal_audit_view(r, &s, &v) != 0)
		return -1;
	return reply_json(r, 200, signal_api_json(&s, &v, now_unix()));
}

int h_api_signaal_update(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct signaal s, now;
	struct sig_view v;
	if (signaal_load(r, d, req_param_id(r, 0), &s, &v) != 0 || signaal_may_change(r, &s, &v) != 0)
		return 0;
	struct field_value f[F_COUNT];
	int errors = form_validate_json(r->arena, r->json, signaal_follow_api_rules, F_COUNT, f);
	errors += signaal_follow_check(d, f);
	if (errors)
		return reply_json_validation(r, form_errors_json(signaal_follow_api_rules, F_COUNT, f));
	enum db_status res = signaal_store_follow(r, d, &s, &v, f, &now);
	if (res == DB_NOT_FOUND) {
		struct sig_view nv;
		if (signaal_view(r, &now, &nv) != DB_OK)
			return -1;
		return api_conflict(r, signaal_conflict_message(r, &now), "huidig", signal_api_json(&now, &nv, now_unix()));
	}
	if (res != DB_OK || db_signaal_get(d, r->arena, s.id, &s) != DB_OK || signaal_view(r, &s, &v) != DB_OK)
		return -1;
	return reply_json(r, 200, signal_api_json(&s, &v, now_unix()));
}

int h_api_signaal_link(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct signaal s;
	struct sig_view v;
	if (signaal_load(r, d, req_param_id(r, 0), &s, &v) != 0 || signaal_may_change(r, &s, &v) != 0)
		return 0;
	struct field_value hv[K_COUNT];
	int errors = form_validate_json(r->arena, r->json, link_api_rules, K_COUNT, hv);
	if (errors)
		return reply_json_validation(r, form_errors_json(link_api_rules, K_COUNT, hv));
	const char *problem = signaal_link_problem(r, &hv[K_HUISHOUDEN]);
	if (!problem)
		return -1;
	if (problem[0])
		return reply_json_validation(r, json_pack("{s:s}", "huishouden_id", problem));
	enum db_status res = signaal_store_link(r, d, &s, &v, hv[K_HUISHOUDEN].id);
	if (res == DB_NOT_FOUND)
		return reply_error(r, ERR_CONFLICT, "Dit signaal is intussen afgesloten of omgezet in een aanmelding.");
	if (res != DB_OK || db_signaal_get(d, r->arena, s.id, &s) != DB_OK || signaal_view(r, &s, &v) != DB_OK)
		return -1;
	return reply_json(r, 200, signal_api_json(&s, &v, now_unix()));
}
