/* signaal.c - early signals (vroegsignalering): the neighbourhood team's
 * inbox of concerns from partners and neighbours, maybe about someone not
 * known yet.  Registering one (also from a walk-in at a spreekuur), the
 * queue, follow-up, linking to a household once known, and the JSON API.
 * Converting into an aanmelding happens in the aanmelding handler
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

const char BEZOEK_NOT_YOURS[] = "U heeft geen toegang tot dit bezoek: alleen wie het vastlegde, wie het "
                                       "spreekuur houdt en teamleiders kunnen er een signaal bij registreren.";

/* ---- field tables ----------------------------------------------------------------- */

/* The form's names, and the API's (ids end in _id there, as elsewhere in
 * the API). */
const struct field_rule new_rules[N_COUNT] = NEW_RULES("huishouden", "bezoek", "gebied");
static const struct field_rule new_api_rules[N_COUNT] = NEW_RULES("huishouden_id", "bezoek_id", "gebied_id");

/* Follow-up: the status it moves to, what was done, who handles it. */
static const char *const follow_status_codes[] = {"in_onderzoek", "afgesloten", NULL};
enum { F_STATUS, F_OPVOLGING, F_TOEGEWEZEN, F_VERSIE, F_COUNT };
#define FOLLOW_RULES(assigned)                                                                     \
	{                                                                                          \
		[F_STATUS] = {.name = "status", .label = "Status",                                 \
		              .kind = FIELD_CHOICE, .required = true,                              \
		              .choices = follow_status_codes},                                     \
		[F_OPVOLGING] = {.name = "opvolging", .label = "Wat er is gedaan of afgesproken",  \
		                 .kind = FIELD_TEXT, .max_len = 5000},                             \
		[F_TOEGEWEZEN] = {.name = assigned, .label = "Wie het opvolgt", .kind = FIELD_ID}, \
		[F_VERSIE] = {.name = "versie", .label = "Versie",                                 \
		              .kind = FIELD_INT, .required = true, .min = 1, .max = INT64_MAX},    \
	}
static const struct field_rule follow_rules[F_COUNT] = FOLLOW_RULES("toegewezen");
static const struct field_rule follow_api_rules[F_COUNT] = FOLLOW_RULES("toegewezen_aan");
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
static const struct field_rule link_api_rules[K_COUNT] = {
	[K_HUISHOUDEN] = {.name = "huishouden_id", .label = "Huishouden", .kind = FIELD_ID, .required = true},
};

/* Queue filter, on the page and in the API. */
enum { Q_STATUS, Q_GEBIED, Q_COUNT };
static const struct field_rule queue_rules[Q_COUNT] = {
	[Q_STATUS] = {.name = "status", .label = "Status", .kind = FIELD_CHOICE, .choices = vocab_signal_status_codes},
	[Q_GEBIED] = {.name = "gebied", .label = "Gebied", .kind = FIELD_ID},
};

/* ---- who may see what ------------------------------------------------------------- */

struct sig_view {
	bool content;       /* may see whom it is about, the concern and the follow-up */
	const char *reason; /* the exception's reason when the content is open only by exception */
};

static bool is_open(const struct signaal *s)
{
	return strcmp(s->status, "nieuw") == 0 || strcmp(s->status, "in_onderzoek") == 0;
}

/* Decides what r's user may see of s.  Returns a db_status. */
static enum db_status signal_view(struct req *r, const struct signaal *s, struct sig_view *out)
{
	*out = (struct sig_view){0};
	return access_signaal(r, s->huishouden_id, s->created_by, s->assigned_to, &out->content, &out->reason);
}

/* Loads signal id with what the user may see of it; replies and returns
 * -1 when it does not exist or on an error. */
static int load_signal(struct req *r, db *d, int64_t id, struct signaal *s, struct sig_view *v)
{
	enum db_status st = db_signaal_get(d, r->arena, id, s);
	if (st == DB_NOT_FOUND) {
		reply_error(r, ERR_NOT_FOUND, "Dit signaal bestaat niet.");
		return -1;
	}
	if (st != DB_OK || signal_view(r, s, v) != DB_OK) {
		reply_error(r, ERR_INTERNAL, NULL);
		return -1;
	}
	return 0;
}

/* For changes: the user must see the content and the signal must be open.
 * Replies (403, 409) and returns -1 otherwise. */
static int may_change(struct req *r, const struct signaal *s, const struct sig_view *v)
{
	if (!v->content) {
		reply_error(r, ERR_FORBIDDEN, "Dit signaal hoort bij een huishouden waar u geen toegang toe heeft. "
		                              "Alleen wie toegang heeft tot het huishouden, wie het signaal "
		                              "registreerde of opvolgt en teamleiders kunnen het opvolgen.");
		return -1;
	}
	if (!is_open(s)) {
		reply_error(r, ERR_CONFLICT, strcmp(s->status, "aanmelding") == 0
		                                 ? "Van dit signaal is al een aanmelding gemaakt; het kan niet meer "
		                                   "worden gewijzigd."
		                                 : "Dit signaal is afgesloten en kan niet meer worden gewijzigd.");
		return -1;
	}
	return 0;
}

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
	json_object_set_new(o, "open", json_boolean(is_open(s)));
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

/* Validates the queue's filters (status, gebied) from the query string;
 * returns the number of fields in error. */
static int queue_filter(struct req *r, db *d, struct field_value q[Q_COUNT])
{
	int errors = form_validate(r->arena, r->query, queue_rules, Q_COUNT, q);
	if (!q[Q_GEBIED].error && q[Q_GEBIED].id && !db_gebied_exists(d, q[Q_GEBIED].id)) {
		q[Q_GEBIED].error = "Kies een bestaand gebied.";
		errors++;
	}
	return errors;
}

int h_signaal_queue(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct field_value q[Q_COUNT];
	int errors = queue_filter(r, d, q);
	json_t *data = json_object();
	form_to_page(data, queue_rules, Q_COUNT, q);
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
		if (signal_view(r, &rows[i], &v) != DB_OK) {
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

/* ---- a new signal ------------------------------------------------------------------- */

/* Checks what the table cannot: the gebied, household and walk-in must
 * exist.  Returns the number of fields it put in error, or -1 on a
 * database error. */
int signaal_new_check(struct req *r, db *d, struct field_value v[N_COUNT])
{
	int errors = 0;
	if (!v[N_GEBIED].error && !db_gebied_exists(d, v[N_GEBIED].id)) {
		v[N_GEBIED].error = "Kies een bestaand gebied.";
		errors++;
	} else if (v[N_GEBIED].error && !v[N_GEBIED].text[0]) {
		v[N_GEBIED].error = "Kies het gebied waar het signaal over gaat.";
	}
	if (!v[N_HUISHOUDEN].error && v[N_HUISHOUDEN].id) {
		struct hh_access_info acc;
		if (access_household(r, v[N_HUISHOUDEN].id, &acc) != DB_OK)
			return -1;
		if (acc.level == HH_NOT_FOUND) {
			v[N_HUISHOUDEN].error = "Dit huishouden bestaat niet. Zoek het opnieuw.";
			errors++;
		}
	}
	if (!v[N_BEZOEK].error && v[N_BEZOEK].id) {
		struct signaal_bezoek b;
		enum db_status s = db_signaal_bezoek(d, v[N_BEZOEK].id, &b);
		if (s == DB_NOT_FOUND) {
			v[N_BEZOEK].error = "Dit bezoek op het spreekuur bestaat niet.";
			errors++;
		} else if (s != DB_OK) {
			return -1;
		} else if (!access_bezoek(r, b.created_by, b.spreekuur_id)) {
			/* Linking would attach the signal to a walk-in the user may
			 * not see, and show its id back. */
			v[N_BEZOEK].error = BEZOEK_NOT_YOURS;
			errors++;
		}
	}
	if (v[N_OVER].error && !v[N_OVER].text[0])
		v[N_OVER].error = "Schrijf op over wie het signaal gaat, ook als de naam nog niet bekend is.";
	if (v[N_ZORG].error && !v[N_ZORG].text[0])
		v[N_ZORG].error = "Schrijf op wat de zorg is.";
	if (v[N_BRON].error && !v[N_BRON].text[0])
		v[N_BRON].error = "Kies van wie het signaal komt.";
	return errors;
}

/* Runs the search of a signal's household search box (a query in the URL:
 * a BSN is refused, and zr->bsn tells the caller not to echo q).  *error
 * gets the Dutch reason nothing was searched. */
enum db_status signaal_search(struct req *r, db *d, const char *q, struct zoek_result *zr, const char **error)
{
	*error = NULL;
	if (!q || !q[0]) {
		*zr = (struct zoek_result){0};
		return DB_OK;
	}
	if (zoek_run(r, d, q, false, zr) != DB_OK)
		return DB_ERROR;
	if (zr->bsn)
		*error = "Zoek hier op naam, geboortedatum of postcode met huisnummer: een BSN hoort niet in een "
		         "webadres.";
	else
		*error = zr->problem;
	return DB_OK;
}

/* Stores a validated new signal with its audit row. */
enum db_status signaal_store_new(struct req *r, db *d, const struct field_value *v, int64_t *id)
{
	struct signaal_input in = {
		.source_kind = v[N_BRON].text, .source_name = v[N_BRON_NAAM].text, .about = v[N_OVER].text,
		.concern = v[N_ZORG].text, .gebied_id = v[N_GEBIED].id, .safety_concern = v[N_MELDCODE].checked,
		.huishouden_id = v[N_HUISHOUDEN].id, .bezoek_id = v[N_BEZOEK].id};
	if (db_begin(d) != 0)
		return DB_ERROR;
	enum db_status s = db_signaal_insert(d, &in, r->user->id, id);
	struct audit_entry e = {.medewerker_id = r->user->id, .action = "signaal.create", .object_type = "signaal",
	                        .object_id = *id, .huishouden_id = in.huishouden_id, .client_addr = r->client_addr};
	if (s != DB_OK || (s = audit_append(d, &e)) != DB_OK || db_commit(d) != 0) {
		db_rollback(d);
		return s == DB_OK ? DB_ERROR : s;
	}
	return DB_OK;
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
	if (v->content && is_open(s)) {
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
		form_to_page(data, follow_rules, F_COUNT, st->follow);
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

/* Audits a view of s as what the user could see of it. */
static int audit_signal_view(struct req *r, const struct signaal *s, const struct sig_view *v)
{
	return audit_view(r, v->content ? "signaal.view" : "signaal.view_beperkt", "signaal", s->id,
	                  s->huishouden_id, v->reason);
}

int h_signaal_show(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct signaal s;
	struct sig_view v;
	if (load_signal(r, d, req_param_id(r, 0), &s, &v) != 0)
		return 0;
	struct field_value q[SQ_COUNT];
	if (form_validate(r->arena, r->query, show_query_rules, SQ_COUNT, q) > 0)
		return reply_error(r, ERR_BAD_REQUEST, "Het webadres van deze pagina klopt niet.");
	if (audit_signal_view(r, &s, &v) != 0)
		return -1;
	struct show_state st = {.q = q[SQ_Q].text};
	st.notice = q[SQ_NIEUW].checked        ? "Het signaal is geregistreerd."
	            : q[SQ_OPGESLAGEN].checked ? "De opvolging is opgeslagen."
	            : q[SQ_GEKOPPELD].checked  ? "Het signaal is aan het huishouden gekoppeld."
	                                       : NULL;
	struct zoek_result zr = {0};
	if (v.content && is_open(&s) && signaal_search(r, d, q[SQ_Q].text, &zr, &st.q_error) != DB_OK)
		return -1;
	if (zr.bsn)
		st.q = ""; /* a BSN is never echoed back */
	st.search = &zr;
	int rc = render_show(r, d, &s, &v, st.q_error ? 422 : 200, &st);
	json_decref(zr.hits);
	return rc;
}

/* Checks what the follow-up table cannot.  Returns the number of fields it
 * put in error. */
static int follow_check(db *d, struct field_value v[F_COUNT])
{
	int errors = 0;
	if (!v[F_TOEGEWEZEN].error && v[F_TOEGEWEZEN].id && !db_signaal_assignee_ok(d, v[F_TOEGEWEZEN].id)) {
		v[F_TOEGEWEZEN].error = "Kies een medewerker uit de lijst.";
		errors++;
	}
	if (!v[F_STATUS].error && strcmp(v[F_STATUS].text, "afgesloten") == 0 && !v[F_OPVOLGING].text[0]) {
		v[F_OPVOLGING].error = "Schrijf bij het afsluiten op wat er met het signaal is gedaan.";
		errors++;
	}
	if (v[F_STATUS].error && !v[F_STATUS].text[0])
		v[F_STATUS].error = "Kies de nieuwe status: in onderzoek of afgesloten.";
	return errors;
}

/* Stores validated follow-up of s.  DB_OK; DB_NOT_FOUND when the version
 * is stale or the signal no longer open (*now then holds the stored
 * signal); DB_ERROR. */
static enum db_status store_follow(struct req *r, db *d, const struct signaal *s, const struct sig_view *sv,
                                   const struct field_value *v, struct signaal *now)
{
	if (db_begin(d) != 0)
		return DB_ERROR;
	enum db_status st = db_signaal_follow_up(d, s->id, v[F_VERSIE].id, v[F_STATUS].text, v[F_OPVOLGING].text,
	                                         v[F_TOEGEWEZEN].id, r->user->id);
	if (st == DB_NOT_FOUND) {
		db_rollback(d);
		return db_signaal_get(d, r->arena, s->id, now) == DB_OK ? DB_NOT_FOUND : DB_ERROR;
	}
	struct audit_entry e = {.medewerker_id = r->user->id, .action = "signaal.update", .object_type = "signaal",
	                        .object_id = s->id, .huishouden_id = s->huishouden_id, .reason = sv->reason,
	                        .client_addr = r->client_addr};
	if (st != DB_OK || audit_append(d, &e) != DB_OK || db_commit(d) != 0) {
		db_rollback(d);
		return DB_ERROR;
	}
	return DB_OK;
}

static const char *conflict_message(struct req *r, const struct signaal *now)
{
	char when[20] = "";
	if (now->updated_at)
		fmt_datetime_nl(now->updated_at, when);
	const char *who = now->updated_by_name ? now->updated_by_name : "een collega";
	if (!is_open(now))
		return arena_printf(r->arena, "Dit signaal is intussen %s door %s (%s); er is niets opgeslagen.",
		                    strcmp(now->status, "aanmelding") == 0 ? "omgezet in een aanmelding" : "afgesloten",
		                    who, when);
	return arena_printf(r->arena, "%s heeft dit signaal op %s gewijzigd (nu versie %lld). Er is niets opgeslagen; "
	                              "controleer de gegevens en probeer het opnieuw.", who, when,
	                    (long long)now->version);
}

static const char *link_problem(struct req *r, const struct field_value *hv);
static enum db_status store_link(struct req *r, db *d, const struct signaal *s, const struct sig_view *v, int64_t hh);

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
		const char *problem = link_problem(r, &hv);
		if (!problem)
			return -1;
		if (problem[0]) {
			st.link_error = problem;
			return render_show(r, d, s, v, 422, &st);
		}
		enum db_status res = store_link(r, d, s, v, hv.id);
		if (res == DB_NOT_FOUND)
			return reply_error(r, ERR_CONFLICT, "Dit signaal is intussen afgesloten of omgezet in een aanmelding.");
		if (res != DB_OK || db_signaal_get(d, r->arena, s->id, s) != DB_OK || signal_view(r, s, v) != DB_OK)
			return -1;
		f[F_VERSIE].id = s->version;
		f[F_VERSIE].text = arena_printf(r->arena, "%lld", (long long)s->version);
		st.notice = "Het signaal is aan het huishouden gekoppeld. Wat u bij Opvolgen typte, is nog niet opgeslagen.";
	}
	struct zoek_result zr = {0};
	st.q = act == ZF_ZOEKEN ? zoekformulier_q(x, act) : NULL;
	if (st.q && v->content && is_open(s) && signaal_search(r, d, st.q, &zr, &st.q_error) != DB_OK)
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
	if (load_signal(r, d, req_param_id(r, 0), &s, &v) != 0 || may_change(r, &s, &v) != 0)
		return 0;
	struct field_value *f = arena_alloc(r->arena, F_COUNT * sizeof *f);
	struct field_value *o = arena_alloc(r->arena, F_VERSIE * sizeof *o);
	int errors = form_validate(r->arena, r->form, follow_rules, F_COUNT, f);
	if (f[F_VERSIE].error || form_validate(r->arena, r->form, follow_orig_rules, F_VERSIE, o) > 0)
		return reply_error(r, ERR_BAD_REQUEST, "Het formulier mist de versie. Laad de pagina opnieuw.");
	struct field_value x[ZF_COUNT];
	form_validate(r->arena, r->form, zoekformulier_rules, ZF_COUNT, x);
	enum zf_act act = zoekformulier_actie(x);
	if (act != ZF_OPSLAAN)
		return follow_kept(r, d, &s, &v, f, o, x, act);
	errors += follow_check(d, f);
	struct show_state st = {.follow = f, .orig = o};
	if (errors)
		return render_show(r, d, &s, &v, 422, &st);
	enum db_status res = store_follow(r, d, &s, &v, f, &now);
	if (res == DB_NOT_FOUND) {
		if (!is_open(&now))
			return reply_error(r, ERR_CONFLICT, conflict_message(r, &now));
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
		if (signal_view(r, &now, &nv) != DB_OK) {
			json_decref(st.conflict);
			return -1;
		}
		return render_show(r, d, &now, &nv, 409, &st);
	}
	if (res != DB_OK)
		return -1;
	return reply_redirect(r, arena_printf(r->arena, "/signalen/%lld?opgeslagen=1", (long long)s.id));
}

/* Links s to household hh (validated to exist) with its audit row.
 * DB_NOT_FOUND when s is no longer open. */
static enum db_status store_link(struct req *r, db *d, const struct signaal *s, const struct sig_view *v, int64_t hh)
{
	if (db_begin(d) != 0)
		return DB_ERROR;
	enum db_status st = db_signaal_link(d, s->id, hh, r->user->id);
	struct audit_entry e = {.medewerker_id = r->user->id, .action = "signaal.koppelen", .object_type = "signaal",
	                        .object_id = s->id, .huishouden_id = hh, .reason = v->reason,
	                        .client_addr = r->client_addr};
	if (st != DB_OK || (st = audit_append(d, &e)) != DB_OK || db_commit(d) != 0) {
		db_rollback(d);
		return st == DB_OK ? DB_ERROR : st;
	}
	return DB_OK;
}

/* Validates the household to link: "" when fine, else the Dutch reason;
 * NULL on a database error. */
static const char *link_problem(struct req *r, const struct field_value *hv)
{
	if (hv->error)
		return "Kies een huishouden uit de zoekresultaten.";
	struct hh_access_info acc;
	if (access_household(r, hv->id, &acc) != DB_OK)
		return NULL;
	return acc.level == HH_NOT_FOUND ? "Dit huishouden bestaat niet. Zoek het opnieuw." : "";
}

int h_signaal_link(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct signaal s;
	struct sig_view v;
	if (load_signal(r, d, req_param_id(r, 0), &s, &v) != 0 || may_change(r, &s, &v) != 0)
		return 0;
	struct field_value hv[K_COUNT];
	form_validate(r->arena, r->form, link_rules, K_COUNT, hv);
	const char *problem = link_problem(r, &hv[K_HUISHOUDEN]);
	if (!problem)
		return -1;
	if (problem[0]) {
		struct show_state st = {.link_error = problem};
		return render_show(r, d, &s, &v, 422, &st);
	}
	enum db_status res = store_link(r, d, &s, &v, hv[K_HUISHOUDEN].id);
	if (res == DB_NOT_FOUND)
		return reply_error(r, ERR_CONFLICT, "Dit signaal is intussen afgesloten of omgezet in een aanmelding.");
	if (res != DB_OK)
		return -1;
	return reply_redirect(r, arena_printf(r->arena, "/signalen/%lld?gekoppeld=1", (long long)s.id));
}

/* ---- API ---------------------------------------------------------------------------- */

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
	int errors = queue_filter(r, d, q);
	if (errors)
		return reply_json_validation(r, form_errors_json(queue_rules, Q_COUNT, q));
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
		if (signal_view(r, &rows[i], &v) != DB_OK) {
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
	if (load_signal(r, d, req_param_id(r, 0), &s, &v) != 0)
		return 0;
	if (audit_signal_view(r, &s, &v) != 0)
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
	if (load_signal(r, d, req_param_id(r, 0), &s, &v) != 0 || may_change(r, &s, &v) != 0)
		return 0;
	struct field_value f[F_COUNT];
	int errors = form_validate_json(r->arena, r->json, follow_api_rules, F_COUNT, f);
	errors += follow_check(d, f);
	if (errors)
		return reply_json_validation(r, form_errors_json(follow_api_rules, F_COUNT, f));
	enum db_status res = store_follow(r, d, &s, &v, f, &now);
	if (res == DB_NOT_FOUND) {
		struct sig_view nv;
		if (signal_view(r, &now, &nv) != DB_OK)
			return -1;
		return api_conflict(r, conflict_message(r, &now), "huidig", signal_api_json(&now, &nv, now_unix()));
	}
	if (res != DB_OK || db_signaal_get(d, r->arena, s.id, &s) != DB_OK || signal_view(r, &s, &v) != DB_OK)
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
	if (load_signal(r, d, req_param_id(r, 0), &s, &v) != 0 || may_change(r, &s, &v) != 0)
		return 0;
	struct field_value hv[K_COUNT];
	int errors = form_validate_json(r->arena, r->json, link_api_rules, K_COUNT, hv);
	if (errors)
		return reply_json_validation(r, form_errors_json(link_api_rules, K_COUNT, hv));
	const char *problem = link_problem(r, &hv[K_HUISHOUDEN]);
	if (!problem)
		return -1;
	if (problem[0])
		return reply_json_validation(r, json_pack("{s:s}", "huishouden_id", problem));
	enum db_status res = store_link(r, d, &s, &v, hv[K_HUISHOUDEN].id);
	if (res == DB_NOT_FOUND)
		return reply_error(r, ERR_CONFLICT, "Dit signaal is intussen afgesloten of omgezet in een aanmelding.");
	if (res != DB_OK || db_signaal_get(d, r->arena, s.id, &s) != DB_OK || signal_view(r, &s, &v) != DB_OK)
		return -1;
	return reply_json(r, 200, signal_api_json(&s, &v, now_unix()));
}
