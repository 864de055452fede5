/* audit.c - the privacy officer's view of the audit log: a search by
 * person, household, employee and period, oldest first, with the result
 * of the chain check; and the lookup that finds a person by name or date
 * of birth without giving the privacy officer case access. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audit.h"
#include "db_huishouden.h"
#include "db_medewerker.h"
#include "form.h"
#include "handlers.h"
#include "text.h"

enum { PAGE_SIZE = 50, MAX_PAGE = 1000000 };

enum { F_PERSOON, F_HUISHOUDEN, F_MEDEWERKER, F_VAN, F_TOT, F_COUNT };
static const struct field_rule filter_rules[F_COUNT] = {
	[F_PERSOON] = {.name = "persoon", .label = "Persoonnummer", .kind = FIELD_ID},
	[F_HUISHOUDEN] = {.name = "huishouden", .label = "Huishoudnummer", .kind = FIELD_ID},
	[F_MEDEWERKER] = {.name = "medewerker", .label = "Medewerker", .kind = FIELD_ID},
	[F_VAN] = {.name = "van", .label = "Vanaf datum", .kind = FIELD_DATE},
	[F_TOT] = {.name = "tot", .label = "Tot en met datum", .kind = FIELD_DATE},
};

/* Midnight at the start of ISO date iso (plus days) in local time. */
static int64_t local_midnight(const char *iso, int days)
{
	struct tm tm = {0};
	tm.tm_year = atoi(iso) - 1900;
	tm.tm_mon = atoi(iso + 5) - 1;
	tm.tm_mday = atoi(iso + 8) + days;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm);
}

/* The filters as query parameters for the pager's links.  Only called
 * when every filter validated: ids and ISO dates need no escaping. */
static void filter_link(strbuf *sb, const struct field_value *v)
{
	for (int i = 0; i < F_COUNT; i++)
		if (v[i].text[0])
			sb_printf(sb, "&%s=%s", filter_rules[i].name, v[i].text);
}

int h_audit_list(struct req *r)
{
	const char *p = req_query(r, "pagina");
	long page = 1;
	if (p) {
		char *end;
		page = strtol(p, &end, 10);
		if (*end || page < 1 || page > MAX_PAGE)
			return reply_error(r, ERR_BAD_REQUEST, "Het paginanummer is ongeldig.");
	}
	bool verify = req_query(r, "controle") != NULL;
	db *d = db_get();
	if (!d)
		return -1;

	struct field_value v[F_COUNT];
	int errors = form_validate(r->arena, r->query, filter_rules, F_COUNT, v);
	struct persoon person = {0};
	if (!v[F_PERSOON].error && v[F_PERSOON].id) {
		enum db_status s = db_persoon_get(d, r->arena, v[F_PERSOON].id, &person);
		if (s == DB_NOT_FOUND) {
			v[F_PERSOON].error = "Deze persoon bestaat niet (meer). Zoek de persoon opnieuw of filter op "
			                     "het huishoudnummer.";
			errors++;
		} else if (s != DB_OK) {
			return -1;
		}
	}
	json_t *employees = db_medewerker_list(d);
	if (!v[F_MEDEWERKER].error && v[F_MEDEWERKER].id) {
		bool known = false;
		size_t i;
		json_t *e;
		json_array_foreach(employees, i, e)
			known |= json_integer_value(json_object_get(e, "id")) == v[F_MEDEWERKER].id;
		if (!known) {
			v[F_MEDEWERKER].error = "Kies een medewerker uit de lijst.";
			errors++;
		}
	}
	if (!v[F_VAN].error && !v[F_TOT].error && v[F_VAN].text[0] && v[F_TOT].text[0] &&
	    strcmp(v[F_VAN].text, v[F_TOT].text) > 0) {
		v[F_TOT].error = "De einddatum ligt voor de begindatum.";
		errors++;
	}

	struct audit_filter f = {
		.medewerker_id = v[F_MEDEWERKER].id, .huishouden_id = v[F_HUISHOUDEN].id,
		.persoon_id = person.id, .persoon_huishouden_id = person.huishouden_id,
		.from = v[F_VAN].text[0] ? local_midnight(v[F_VAN].text, 0) : 0,
		.to = v[F_TOT].text[0] ? local_midnight(v[F_TOT].text, 1) : 0,
	};
	bool filtered = f.medewerker_id || f.huishouden_id || f.persoon_id || f.from || f.to;
	const char *action = verify ? "audit.verify" : filtered && !errors ? "audit.zoeken" : "audit.view";
	if (audit_view(r, action, person.id ? "persoon" : "audit", person.id,
	               f.huishouden_id ? f.huishouden_id : person.huishouden_id, NULL) != 0) {
		json_decref(employees);
		return -1;
	}

	json_t *data = json_object();
	form_to_page(data, filter_rules, F_COUNT, v);
	size_t i;
	json_t *e;
	json_array_foreach(employees, i, e)
		json_object_set_new(e, "selected", json_boolean(json_integer_value(json_object_get(e, "id")) ==
		                                                v[F_MEDEWERKER].id && !v[F_MEDEWERKER].error));
	json_object_set_new(data, "medewerkers", employees);
	if (person.id)
		json_object_set_new(data, "persoon", json_pack("{s:I, s:s, s:s, s:I}", "id", (json_int_t)person.id,
		                    "name", person.name, "birth_date", person.birth_date,
		                    "huishouden_id", (json_int_t)person.huishouden_id));
	if (verify) {
		struct audit_check c;
		if (audit_verify(db_sqlite(d), audit_keys(), &c) != 0) {
			json_decref(data);
			return -1;
		}
		json_object_set_new(data, "check", json_pack("{s:b, s:I, s:s, s:s}", "ok", c.ok,
		                    "rows", (json_int_t)c.rows, "rows_text",
		                    text_count(r->arena, (long long)c.rows, "regel", "regels"), "problem", c.problem));
	}
	if (errors) {
		json_object_set_new(data, "rows", json_array());
		return reply_page(r, 422, "audit", "Auditlog", data);
	}
	json_t *rows = filtered ? db_audit_search(d, &f, (int64_t)(page - 1) * PAGE_SIZE, PAGE_SIZE + 1)
	                        : db_audit_page(d, (int64_t)(page - 1) * PAGE_SIZE, PAGE_SIZE + 1);
	if (!rows) {
		json_decref(data);
		return -1;
	}
	bool more = json_array_size(rows) > PAGE_SIZE;
	if (more)
		json_array_remove(rows, PAGE_SIZE);
	json_t *row;
	json_array_foreach(rows, i, row) {
		char when[20];
		fmt_datetime_nl(json_integer_value(json_object_get(row, "at")), when);
		json_object_set_new(row, "at", json_string(when));
		json_object_set_new(row, "action", json_string(audit_action_label(json_string_value(json_object_get(row, "action")))));
		const char *type = json_string_value(json_object_get(row, "object_type"));
		json_t *oid = json_object_get(row, "object_id");
		if (type)
			json_object_set_new(row, "object", json_string(oid ? arena_printf(r->arena, "%s %lld", type,
			                    (long long)json_integer_value(oid)) : type));
		json_object_set(row, "addr", json_object_get(row, "client_addr"));
		/* Dates and months in a reason stay whole in a narrow column. */
		const char *reason = json_string_value(json_object_get(row, "reason"));
		if (reason)
			json_object_set_new(row, "reason", json_string(text_keep_numbers(r->arena, reason)));
	}
	strbuf q = {0};
	filter_link(&q, v);
	json_object_set_new(data, "query", json_string(sb_str(&q)));
	sb_free(&q);
	json_object_set_new(data, "rows", rows);
	json_object_set_new(data, "has_rows", json_boolean(json_array_size(rows) > 0));
	json_object_set_new(data, "filtered", json_boolean(filtered));
	json_object_set_new(data, "page", json_integer(page));
	if (page > 1)
		json_object_set_new(data, "prev", json_integer(page - 1));
	if (more)
		json_object_set_new(data, "next", json_integer(page + 1));
	return reply_page(r, 200, "audit", "Auditlog", data);
}

/* ---- signed checkpoints ------------------------------------------------------- */

/* POST /audit/controlepunt (a download) and GET /api/v1/audit/controlepunt:
 * a signed checkpoint of the head, to keep outside the server and give to
 * `loket audit-verify --checkpoint`.  Writes its own row
 * (audit.checkpoint), which the checkpoint includes. */
int h_audit_checkpoint(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	json_t *cp = NULL;
	if (audit_checkpoint_make(d, r->user->id, r->client_addr, r->token_id, &cp) != 0)
		return reply_error(r, ERR_UNAVAILABLE, "Het controlepunt kon niet worden gemaakt.");
	long long head = (long long)json_integer_value(json_object_get(cp, "head_id"));
	int rc = reply_json(r, 200, cp);
	if (rc == 0 && !r->is_api)
		reply_header(r, "Content-Disposition", arena_printf(r->arena,
		             "attachment; filename=\"auditcontrolepunt-%lld.json\"", head));
	return rc;
}

/* ---- finding a person --------------------------------------------------------- */

static const struct field_rule lookup_rules[] = {
	{.name = "zoek", .label = "Naam of geboortedatum", .kind = FIELD_LINE, .required = true, .max_len = 100},
};

/* "22-11-1970" or "1970-11-22" as ISO when it is a real date. */
static bool lookup_date(const char *q, char out[11])
{
	if (strlen(q) != 10)
		return false;
	if (q[2] == '-' && q[5] == '-')
		snprintf(out, 11, "%.4s-%.2s-%.2s", q + 6, q + 3, q);
	else
		snprintf(out, 11, "%s", q);
	return date_valid_iso(out);
}

int h_audit_personen(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct field_value v[1];
	form_validate(r->arena, r->query, lookup_rules, 1, v);
	bool asked = req_query(r, "zoek") != NULL;
	if (!asked)
		v[0].error = NULL; /* the empty form, before a search */
	json_t *hits = NULL;
	char iso[11];
	if (asked && !v[0].error) {
		const char *folded = text_fold(r->arena, v[0].text);
		if (lookup_date(v[0].text, iso)) {
			hits = db_zoek_geboortedatum(d, iso);
		} else if (text_has_bsn_run(folded)) {
			v[0].text = ""; /* a BSN is never echoed back */
			v[0].error = "Zoek hier op naam of geboortedatum: een BSN hoort niet in een webadres.";
		} else if (strpbrk(folded, "0123456789")) {
			v[0].error = "Typ een naam of een geboortedatum, zoals 22-11-1970.";
		} else if (utf8_len(folded, strlen(folded)) < 2) {
			v[0].error = "Typ minstens twee letters van de naam.";
		} else {
			hits = db_zoek_naam(d, folded);
		}
		if (!v[0].error && !hits)
			return -1;
	}
	json_t *data = json_object();
	form_to_page(data, lookup_rules, 1, v);
	if (!asked || v[0].error)
		return reply_page(r, asked ? 422 : 200, "audit-personen", "Persoon zoeken", data);
	if (audit_view(r, "audit.persoon_zoeken", "persoon", 0, 0, NULL) != 0) {
		json_decref(hits);
		json_decref(data);
		return -1;
	}
	/* Name, date of birth and household only: the privacy officer has no
	 * case access, and needs no address or regisseur to pick a person. */
	json_t *list = json_array();
	size_t i;
	json_t *h;
	json_array_foreach(hits, i, h) {
		char born[11];
		text_date_nl(json_string_value(json_object_get(h, "birth_date")), born);
		json_array_append_new(list, json_pack("{s:O, s:O, s:s, s:O}", "persoon_id", json_object_get(h, "persoon_id"),
		                                      "name", json_object_get(h, "name"), "birth_date", born,
		                                      "huishouden_id", json_object_get(h, "huishouden_id")));
	}
	json_decref(hits);
	json_object_set_new(data, "searched", json_true());
	json_object_set_new(data, "has_hits", json_boolean(json_array_size(list) > 0));
	json_object_set_new(data, "hits", list);
	return reply_page(r, 200, "audit-personen", "Persoon zoeken", data);
}
