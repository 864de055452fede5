/* signaal.c - early signals (vroegsignalering): the neighbourhood team's
 * inbox of concerns from partners and neighbours, maybe about someone not
 * known yet.  This file: the queue and one signal's page with its
 * follow-up and linking to a household once known.  Registering one (also
 * from a walk-in at a spreekuur) is signaal_nieuw.c, the JSON API
 * signaal_api.c; what they share is src/signaal_shared.c.  Converting into
 * an aanmelding happens in the aanmelding handler
 * (/aanmeldingen/nieuw?signaal={id}).
 *
 * Need-to-know: a signal not linked to a household is open to every case
 * worker.  Once linked, its content (whom it is about in the reporter's
 * words, the concern, the reporter's name and the follow-up) is open to
 * those with access to the household, the employee who registered it, the
 * one assigned and teamleiders; others see that it exists and who handles
 * it. */
#include <string.h>

#include "access.h"
#include "audit.h"
#include "db_regie.h"
#include "db_signaal.h"
#include "domain.h"
#include "form.h"
#include "handlers.h"
#include "huishouden_form.h"
#include "signaal_shared.h"
#include "zoekformulier.h"
#include "text.h"

enum { QUEUE_MAX = 200, DAY = 24 * 60 * 60 };

/* ---- field tables ----------------------------------------------------------------- */

/* What the form was loaded with, to say what changed when a save is stale. */
static const struct field_rule follow_orig_rules[F_VERSIE] = {
	[F_STATUS] = {.name = "orig_status", .label = "Status (zoals eerder opgeslagen)",
	              .kind = FIELD_LINE, .max_len = 20},
	[F_OPVOLGING] = {.name = "orig_opvolging", .label = "Opvolging (zoals eerder opgeslagen)",
	                 .kind = FIELD_TEXT, .max_len = 5000},
	[F_TOEGEWEZEN] = {.name = "orig_toegewezen", .label = "Wie het opvolgt (zoals eerder opgeslagen)",
	                  .kind = FIELD_LINE, .max_len = 20},
};

/* The query of a signal page: a search for the household to link. */
static const struct field_rule show_query_rules[] = {
	{.name = "q", .label = "Zoek het huishouden", .kind = FIELD_LINE, .max_len = 100},
	{.name = "nieuw", .label = "Nieuw", .kind = FIELD_CHECKBOX},
	{.name = "opgeslagen", .label = "Opgeslagen", .kind = FIELD_CHECKBOX},
	{.name = "gekoppeld", .label = "Gekoppeld", .kind = FIELD_CHECKBOX},
};
enum { SQ_Q, SQ_NIEUW, SQ_OPGESLAGEN, SQ_GEKOPPELD, SQ_COUNT };

enum { K_HUISHOUDEN, K_COUNT };
static const struct field_rule link_rules[K_COUNT] = {
	[K_HUISHOUDEN] = {.name = "huishouden", .label = "Huishouden", .kind = FIELD_ID, .required = true},
};

static const char *status_label(const char *status)
{
	return vocab_label(&vocab_signal_status, status);
}

static const char *date_nl(struct req *r, int64_t t)
{
	char when[20];
	fmt_datetime_nl(t, when);
	return arena_strndup(r->arena, when, 10);
}

/* ---- page data ---------------------------------------------------------------------- */

/* One signal for a page: what anyone may see, and the content when v
 * allows. */
static json_t *signal_page_json(struct req *r, const struct signaal *s, const struct sig_view *v, int64_t now)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", json_integer(s->id));
	json_object_set_new(o, "received_nl", json_string(date_nl(r, s->received_at)));
	json_object_set_new(o, "age_days", json_integer((now - s->received_at) / DAY));
	/* "vandaag", "1 dag geleden", "12 dagen geleden" (as the aanmeldingen). */
	long long age = (long long)((now - s->received_at) / DAY);
	json_object_set_new(o, "age_ago", json_string(age <= 0 ? "vandaag"
	                                              : arena_printf(r->arena, "%s geleden",
	                                                             text_count(r->arena, age, "dag", "dagen"))));
	json_object_set_new(o, "source_label", json_string(vocab_label(&vocab_signal_source, s->source_kind)));
	json_object_set_new(o, "status_label", json_string(status_label(s->status)));
	json_object_set_new(o, "open", json_boolean(signaal_is_open(s)));
	json_object_set_new(o, "safety_concern", json_boolean(s->safety_concern));
	json_object_set_new(o, "content", json_boolean(v->content));
	if (s->gebied)
		json_object_set_new(o, "gebied", json_string(s->gebied));
	if (s->assigned_name)
		json_object_set_new(o, "assigned", json_string(s->assigned_name));
	if (s->huishouden_id) {
		json_object_set_new(o, "huishouden_id", json_integer(s->huishouden_id));
		json_object_set_new(o, "address", json_string(s->address));
	}
	if (s->aanmelding_id)
		json_object_set_new(o, "aanmelding_id", json_integer(s->aanmelding_id));
	if (!v->content)
		return o;
	json_object_set_new(o, "about", json_string(s->about));
	json_object_set_new(o, "concern", json_string(s->concern));
	json_object_set_new(o, "created_by", json_string(s->created_by_name));
	if (s->source_name)
		json_object_set_new(o, "source_name", json_string(s->source_name));
	if (s->follow_up)
		json_object_set_new(o, "follow_up", json_string(s->follow_up));
	if (s->bezoek_id)
		json_object_set_new(o, "bezoek_id", json_integer(s->bezoek_id));
	if (s->updated_at) {
		char when[20];
		fmt_datetime_nl(s->updated_at, when);
		json_object_set_new(o, "updated", json_string(arena_printf(r->arena, "%s op %s",
		                                                           s->updated_by_name ? s->updated_by_name
		                                                                              : "een collega", when)));
	}
	return o;
}

/* [{id, name, selected}] of the employees a signal can go to. */
static json_t *assignee_options(db *d, int64_t selected)
{
	json_t *list = db_signaal_assignees(d);
	size_t i;
	json_t *m;
	json_array_foreach(list, i, m)
		json_object_set_new(m, "selected", json_boolean(json_integer_value(json_object_get(m, "id")) == selected));
	return list;
}

/* ---- the queue ---------------------------------------------------------------------- */

int h_signaal_queue(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct field_value q[Q_COUNT];
	int errors = signaal_queue_filter(r, d, q);
	json_t *data = json_object();
	form_to_page(data, signaal_queue_rules, Q_COUNT, q);
	json_object_set_new(data, "statussen", vocab_options(&vocab_signal_status, q[Q_STATUS].text));
	json_object_set_new(data, "gebieden", gebied_options(d, q[Q_GEBIED].id));
	if (errors)
		return reply_page(r, 422, "signalen", "Signalen", data);

	struct signaal_filter f = {.status = q[Q_STATUS].text[0] ? q[Q_STATUS].text : NULL, .gebied_id = q[Q_GEBIED].id};
	struct signaal *rows;
	size_t n;
	int64_t total = 0, open = 0;
	if (db_signaal_queue(d, r->arena, &f, QUEUE_MAX, &rows, &n, &total, &open) != DB_OK ||
	    audit_view(r, "signaal.list", "signaal", 0, 0, NULL) != 0) {
		json_decref(data);
		return -1;
	}
	int64_t now = now_unix();
	json_t *list = json_array();
	for (size_t i = 0; i < n; i++) {
		struct sig_view v;
		if (signaal_view(r, &rows[i], &v) != DB_OK) {
			json_decref(list);
			json_decref(data);
			return -1;
		}
		json_array_append_new(list, signal_page_json(r, &rows[i], &v, now));
	}
	json_object_set_new(data, "total", json_integer(total));
	json_object_set_new(data, "total_text", json_string(text_count(r->arena, total, "signaal", "signalen")));
	json_object_set_new(data, "open_count", json_integer(open));
	json_object_set_new(data, "gebied_filtered", json_boolean(f.gebied_id != 0));
	json_object_set_new(data, "shown", json_integer((json_int_t)n));
	json_object_set_new(data, "more", json_boolean(total > (int64_t)n));
	json_object_set_new(data, "filter_label", json_string(f.status ? status_label(f.status) : "open"));
	json_object_set_new(data, "has_rows", json_boolean(n > 0));
	json_object_set_new(data, "rows", list);
	return reply_page(r, 200, "signalen", "Signalen", data);
}

/* ---- one signal: the page, follow-up and linking ------------------------------------ */

static const char *id_text(struct req *r, int64_t id)
{
	return id ? arena_printf(r->arena, "%lld", (long long)id) : "";
}

/* The follow-up form's values from the stored signal. */
static void follow_values(struct req *r, const struct signaal *s, struct field_value v[F_COUNT])
{
	memset(v, 0, F_COUNT * sizeof *v);
	/* A new signal that someone opens is being looked into. */
	v[F_STATUS].text = strcmp(s->status, "nieuw") == 0 ? "in_onderzoek" : s->status;
	v[F_STATUS].bits = (unsigned)(strcmp(v[F_STATUS].text, "afgesloten") == 0);
	v[F_OPVOLGING].text = s->follow_up ? s->follow_up : "";
	v[F_TOEGEWEZEN].text = id_text(r, s->assigned_to);
	v[F_TOEGEWEZEN].id = s->assigned_to;
	v[F_VERSIE].text = arena_printf(r->arena, "%lld", (long long)s->version);
	v[F_VERSIE].id = s->version;
}

static void orig_values(struct req *r, const struct signaal *s, struct field_value o[F_VERSIE])
{
	memset(o, 0, F_VERSIE * sizeof *o);
	o[F_STATUS].text = s->status;
	o[F_OPVOLGING].text = s->follow_up ? s->follow_up : "";
	o[F_TOEGEWEZEN].text = id_text(r, s->assigned_to);
}

struct show_state {
	struct field_value *follow;     /* NULL: from the stored signal */
	struct field_value *orig;       /* NULL: from the stored signal */
	json_t *conflict;               /* stolen */
	const char *link_error;
	const char *notice;
	const struct zoek_result *search;
	const char *q, *q_error;
};

static int render_show(struct req *r, db *d, const struct signaal *s, const struct sig_view *v, unsigned status,
                       struct show_state *st)
{
	json_t *data = json_object();
	json_object_set_new(data, "signaal", signal_page_json(r, s, v, now_unix()));
	if (st->notice)
		json_object_set_new(data, "notice", json_string(st->notice));
	if (!v->content && s->huishouden_id)
		json_object_set_new(data, "restricted", json_true());
	if (v->content && signaal_is_open(s)) {
		struct field_value own[F_COUNT], own_orig[F_VERSIE];
		if (!st->follow) {
			follow_values(r, s, own);
			st->follow = own;
		}
		if (!st->orig) {
			orig_values(r, s, own_orig);
			st->orig = own_orig;
		}
		json_object_set_new(data, "editable", json_true());
		form_to_page(data, signaal_follow_rules, F_COUNT, st->follow);
		json_t *orig = json_object();
		for (int i = 0; i < F_VERSIE; i++)
			json_object_set_new(orig, follow_orig_rules[i].name + 5, json_string(st->orig[i].text));
		json_object_set_new(data, "orig", orig);
		json_object_set_new(data, "medewerkers", assignee_options(d, st->follow[F_TOEGEWEZEN].id));
		json_t *search = json_pack("{s:s}", "value", st->q ? st->q : "");
		if (st->q_error) {
			page_add_fields(data, (const struct field_rule[]){{.name = "q", .label = "Zoek het huishouden",
			                                                   .kind = FIELD_LINE}}, 1,
			                (const struct field_value[]){{.text = st->q ? st->q : "", .error = st->q_error}});
			json_object_set_new(search, "error", json_string(st->q_error));
			json_object_set_new(search, "invalid", json_true());
		}
		if (st->link_error) {
			page_add_fields(data, (const struct field_rule[]){{.name = "q", .label = "Zoek het huishouden",
			                                                   .kind = FIELD_LINE}}, 1,
			                (const struct field_value[]){{.text = "", .error = st->link_error}});
			json_object_set_new(search, "error", json_string(st->link_error));
			json_object_set_new(search, "invalid", json_true());
		}
		json_object_set_new(data, "search", search);
		if (st->search && st->search->hits) {
			json_object_set_new(data, "searched", json_true());
			json_object_set_new(data, "count", json_integer((json_int_t)json_array_size(st->search->hits)));
			json_object_set_new(data, "has_hits", json_boolean(json_array_size(st->search->hits) > 0));
			json_object_set_new(data, "hits", json_incref(st->search->hits));
		}
	}
	if (st->conflict)
		json_object_set_new(data, "conflict", st->conflict);
	return reply_page(r, status, "signaal", arena_printf(r->arena, "Signaal %lld", (long long)s->id), data);
}

int h_signaal_show(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct signaal s;
	struct sig_view v;
	if (signaal_load(r, d, req_param_id(r, 0), &s, &v) != 0)
		return 0;
	struct field_value q[SQ_COUNT];
	if (form_validate(r->arena, r->query, show_query_rules, SQ_COUNT, q) > 0)
		return reply_error(r, ERR_BAD_REQUEST, "Het webadres van deze pagina klopt niet.");
	if (signaal_audit_view(r, &s, &v) != 0)
		return -1;
	struct show_state st = {.q = q[SQ_Q].text};
	st.notice = q[SQ_NIEUW].checked        ? "Het signaal is geregistreerd."
	            : q[SQ_OPGESLAGEN].checked ? "De opvolging is opgeslagen."
	            : q[SQ_GEKOPPELD].checked  ? "Het signaal is aan het huishouden gekoppeld."
	                                       : NULL;
	struct zoek_result zr = {0};
	if (v.content && signaal_is_open(&s) && signaal_search(r, d, q[SQ_Q].text, &zr, &st.q_error) != DB_OK)
		return -1;
	if (zr.bsn)
		st.q = ""; /* a BSN is never echoed back */
	st.search = &zr;
	int rc = render_show(r, d, &s, &v, st.q_error ? 422 : 200, &st);
	json_decref(zr.hits);
	return rc;
}

/* Searching or linking a hit from the signal's one form (issue 12 item
 * 3): the follow-up comes back as typed, not saved.  After linking, the
 * form carries the signal's new version, so saving the follow-up next
 * is not taken for someone else's change. */
static int follow_kept(struct req *r, db *d, struct signaal *s, struct sig_view *v, struct field_value *f,
                       struct field_value *o, const struct field_value *x, enum zf_act act)
{
	for (int i = 0; i < F_COUNT; i++)
		f[i].error = NULL;
	struct show_state st = {.follow = f, .orig = o};
	if (act == ZF_KOPPELEN) {
		struct field_value hv = {.id = x[ZF_KOPPEL].id, .text = ""};
		const char *problem = signaal_link_problem(r, &hv);
		if (!problem)
			return -1;
		if (problem[0]) {
			st.link_error = problem;
			return render_show(r, d, s, v, 422, &st);
		}
		enum db_status res = signaal_store_link(r, d, s, v, hv.id);
		if (res == DB_NOT_FOUND)
			return reply_error(r, ERR_CONFLICT, "Dit signaal is intussen afgesloten of omgezet in een aanmelding.");
		if (res != DB_OK || db_signaal_get(d, r->arena, s->id, s) != DB_OK || signaal_view(r, s, v) != DB_OK)
			return -1;
		f[F_VERSIE].id = s->version;
		f[F_VERSIE].text = arena_printf(r->arena, "%lld", (long long)s->version);
		st.notice = "Het signaal is aan het huishouden gekoppeld. Wat u bij Opvolgen typte, is nog niet opgeslagen.";
	}
	struct zoek_result zr = {0};
	st.q = act == ZF_ZOEKEN ? zoekformulier_q(x, act) : NULL;
	if (st.q && v->content && signaal_is_open(s) && signaal_search(r, d, st.q, &zr, &st.q_error) != DB_OK)
		return -1;
	if (zr.bsn)
		st.q = "";
	st.search = &zr;
	int rc = render_show(r, d, s, v, st.q_error ? 422 : 200, &st);
	json_decref(zr.hits);
	return rc;
}

int h_signaal_update(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct signaal s, now;
	struct sig_view v;
	if (signaal_load(r, d, req_param_id(r, 0), &s, &v) != 0 || signaal_may_change(r, &s, &v) != 0)
		return 0;
	struct field_value *f = arena_alloc(r->arena, F_COUNT * sizeof *f);
	struct field_value *o = arena_alloc(r->arena, F_VERSIE * sizeof *o);
	int errors = form_validate(r->arena, r->form, signaal_follow_rules, F_COUNT, f);
	if (f[F_VERSIE].error || form_validate(r->arena, r->form, follow_orig_rules, F_VERSIE, o) > 0)
		return reply_error(r, ERR_BAD_REQUEST, "Het formulier mist de versie. Laad de pagina opnieuw.");
	struct field_value x[ZF_COUNT];
	form_validate(r->arena, r->form, zoekformulier_rules, ZF_COUNT, x);
	enum zf_act act = zoekformulier_actie(x);
	if (act != ZF_OPSLAAN)
		return follow_kept(r, d, &s, &v, f, o, x, act);
	errors += signaal_follow_check(d, f);
	struct show_state st = {.follow = f, .orig = o};
	if (errors)
		return render_show(r, d, &s, &v, 422, &st);
	enum db_status res = signaal_store_follow(r, d, &s, &v, f, &now);
	if (res == DB_NOT_FOUND) {
		if (!signaal_is_open(&now))
			return reply_error(r, ERR_CONFLICT, signaal_conflict_message(r, &now));
		static const char *const labels[] = {"Status", "Opvolging", "Toegewezen aan"};
		const char *orig[] = {o[F_STATUS].text, o[F_OPVOLGING].text, o[F_TOEGEWEZEN].text};
		const char *cur[] = {now.status, now.follow_up, id_text(r, now.assigned_to)};
		const char *shown[] = {status_label(now.status), now.follow_up ? now.follow_up : "",
		                       now.assigned_name ? now.assigned_name : "niemand"};
		st.conflict = conflict_json(now.updated_by_name, now.updated_at, labels, orig, cur, shown, 3);
		/* The next save overwrites what is stored now, knowingly. */
		f[F_VERSIE].text = arena_printf(r->arena, "%lld", (long long)now.version);
		orig_values(r, &now, o);
		struct sig_view nv;
		if (signaal_view(r, &now, &nv) != DB_OK) {
			json_decref(st.conflict);
			return -1;
		}
		return render_show(r, d, &now, &nv, 409, &st);
	}
	if (res != DB_OK)
		return -1;
	return reply_redirect(r, arena_printf(r->arena, "/signalen/%lld?opgeslagen=1", (long long)s.id));
}

int h_signaal_link(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct signaal s;
	struct sig_view v;
	if (signaal_load(r, d, req_param_id(r, 0), &s, &v) != 0 || signaal_may_change(r, &s, &v) != 0)
		return 0;
	struct field_value hv[K_COUNT];
	form_validate(r->arena, r->form, link_rules, K_COUNT, hv);
	const char *problem = signaal_link_problem(r, &hv[K_HUISHOUDEN]);
	if (!problem)
		return -1;
	if (problem[0]) {
		struct show_state st = {.link_error = problem};
		return render_show(r, d, &s, &v, 422, &st);
	}
	enum db_status res = signaal_store_link(r, d, &s, &v, hv[K_HUISHOUDEN].id);
	if (res == DB_NOT_FOUND)
		return reply_error(r, ERR_CONFLICT, "Dit signaal is intussen afgesloten of omgezet in een aanmelding.");
	if (res != DB_OK)
		return -1;
	return reply_redirect(r, arena_printf(r->arena, "/signalen/%lld?gekoppeld=1", (long long)s.id));
}
