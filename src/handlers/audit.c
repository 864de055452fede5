/* audit.c - the privacy officer's view of the audit log and its chain. */
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "handlers.h"

enum { PAGE_SIZE = 50, MAX_PAGE = 1000000 };

static const struct {
	const char *action, *label;
} action_labels[] = {
	{"login", "Ingelogd"},
	{"login.failed", "Mislukte inlogpoging"},
	{"logout", "Uitgelogd"},
	{"password.change", "Eigen wachtwoord gewijzigd"},
	{"medewerker.create", "Gebruiker aangemaakt"},
	{"medewerker.view", "Gebruiker bekeken"},
	{"medewerker.list", "Gebruikerslijst bekeken"},
	{"medewerker.activate", "Gebruiker geactiveerd"},
	{"medewerker.deactivate", "Gebruiker gedeactiveerd"},
	{"medewerker.password_reset", "Eenmalig wachtwoord uitgegeven"},
	{"audit.view", "Auditlog bekeken"},
	{"audit.verify", "Auditketen gecontroleerd"},
};

static const char *label_of(const char *action)
{
	for (size_t i = 0; i < ARRAY_LEN(action_labels); i++)
		if (strcmp(action_labels[i].action, action) == 0)
			return action_labels[i].label;
	return action;
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
	if (audit_view(r, verify ? "audit.verify" : "audit.view", "audit", 0, 0, NULL) != 0)
		return -1;

	json_t *data = json_object();
	if (verify) {
		struct audit_check c;
		if (audit_verify(db_sqlite(d), &c) != 0) {
			json_decref(data);
			return -1;
		}
		json_object_set_new(data, "check", json_pack("{s:b, s:I, s:s}", "ok", c.ok,
		                    "rows", (json_int_t)c.rows, "problem", c.problem));
	}
	json_t *rows = db_audit_page(d, (int64_t)(page - 1) * PAGE_SIZE, PAGE_SIZE + 1);
	bool more = json_array_size(rows) > PAGE_SIZE;
	if (more)
		json_array_remove(rows, PAGE_SIZE);
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row) {
		char when[20];
		fmt_datetime_nl(json_integer_value(json_object_get(row, "at")), when);
		json_object_set_new(row, "at", json_string(when));
		json_object_set_new(row, "action", json_string(label_of(json_string_value(json_object_get(row, "action")))));
		const char *type = json_string_value(json_object_get(row, "object_type"));
		json_t *oid = json_object_get(row, "object_id");
		if (type)
			json_object_set_new(row, "object", json_string(oid ? arena_printf(r->arena, "%s %lld", type,
			                    (long long)json_integer_value(oid)) : type));
		json_object_set(row, "addr", json_object_get(row, "client_addr"));
	}
	json_object_set_new(data, "rows", rows);
	json_object_set_new(data, "page", json_integer(page));
	if (page > 1)
		json_object_set_new(data, "prev", json_integer(page - 1));
	if (more)
		json_object_set_new(data, "next", json_integer(page + 1));
	return reply_page(r, 200, "audit", "Auditlog", data);
}
