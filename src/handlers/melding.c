/* melding.c - marking meldingen read: one, or all that are unread now.
 * The list itself is on Mijn werk (src/handlers/home.c, src/melding.c). */
#include <string.h>

#include "audit.h"
#include "db_melding.h"
#include "form.h"
#include "handlers.h"
#include "melding.h"
#include "melding_signaal.h"

static const struct field_rule read_rules[] = {
	{.name = "soort", .label = "Soort melding", .kind = FIELD_CHOICE, .choices = melding_soorten},
	{.name = "id", .label = "Melding", .kind = FIELD_ID},
	{.name = "alles", .label = "Alle meldingen", .kind = FIELD_CHECKBOX},
	/* Set when the list showed the read ones too: back to that view. */
	{.name = "ook_gelezen", .label = "Ook gelezen meldingen", .kind = FIELD_CHECKBOX},
};
enum { R_SOORT, R_ID, R_ALL, R_OOK_GELEZEN, R_COUNT };

static enum db_status mark(struct req *r, db *d, const char *soort, int64_t id)
{
	enum db_status s = db_melding_mark_read(d, r->user->id, soort, id);
	struct audit_entry e = {.medewerker_id = r->user->id, .action = "melding.gelezen", .object_type = soort,
	                        .object_id = id, .client_addr = r->client_addr};
	if (s == DB_OK)
		s = audit_append(d, &e);
	return s;
}

/* Every unread melding of now, in one transaction. */
static enum db_status mark_all(struct req *r, db *d)
{
	json_t *rows = NULL;
	enum db_status s = melding_rows(r, d, false, &rows);
	size_t i;
	json_t *m;
	json_array_foreach(rows, i, m) {
		if (s != DB_OK)
			break;
		s = mark(r, d, json_string_value(json_object_get(m, "soort")), json_integer_value(json_object_get(m, "id")));
	}
	json_decref(rows);
	return s;
}

int h_melding_gelezen(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct field_value v[R_COUNT];
	int errors = form_validate(r->arena, r->form, read_rules, R_COUNT, v);
	bool all = v[R_ALL].checked;
	if (errors || (!all && (!v[R_SOORT].text[0] || !v[R_ID].id)))
		return reply_error(r, ERR_BAD_REQUEST, "Kies een melding om als gelezen te markeren.");
	if (db_begin(d) != 0)
		return -1;
	enum db_status s = DB_OK;
	bool current = true;
	if (all)
		s = mark_all(r, d);
	else {
		s = melding_is_current(r, d, v[R_SOORT].text, v[R_ID].id, &current);
		if (s == DB_OK && current)
			s = mark(r, d, v[R_SOORT].text, v[R_ID].id);
	}
	if (s != DB_OK || db_commit(d) != 0) {
		db_rollback(d);
		return -1;
	}
	melding_signaal_read_changed(); /* the header's count of signal meldingen */
	/* A melding that is no longer there (the agreement was done, the term
	 * met) needs nothing: back to the list, which no longer shows it. */
	return reply_redirect(r, v[R_OOK_GELEZEN].checked ? "/?meldingen=alle#meldingen" : "/#meldingen");
}
