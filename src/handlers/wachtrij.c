/* wachtrij.c - the beheerder decides which team works the queue of which
 * gebied, and names the central intake team (for households without a
 * gebied, or whose gebied has no team yet).  While a household has no
 * acting regisseur, the employees of that team may open it, take the regie
 * and build the casusteam (src/access.c, DESIGN.md section 4).  Beheerder
 * only (route table). */
#include <string.h>

#include "audit.h"
#include "db_medewerker.h"
#include "db_organisatie.h"
#include "form.h"
#include "handlers.h"

/* One field per gebied ("gebied_<id>": a team id or empty) and the central
 * intake team ("centraal"): the rules are built per request from the
 * gebieden that exist, each an explicit FIELD_ID rule. */
struct queue_form {
	struct queue_gebied *gebieden;
	size_t n;
	struct field_rule *rules; /* n + 1: the gebieden, then "centraal" */
	struct field_value *v;
};

static int load(struct req *r, db *d, struct queue_form *f)
{
	if (db_queue_gebieden(d, r->arena, &f->gebieden, &f->n) != DB_OK)
		return -1;
	f->rules = arena_alloc(r->arena, (f->n + 1) * sizeof *f->rules);
	memset(f->rules, 0, (f->n + 1) * sizeof *f->rules);
	for (size_t i = 0; i < f->n; i++)
		f->rules[i] = (struct field_rule){.name = arena_printf(r->arena, "gebied_%lld", (long long)f->gebieden[i].id),
		                                  .label = f->gebieden[i].name, .kind = FIELD_ID};
	f->rules[f->n] = (struct field_rule){.name = "centraal", .label = "Centraal intaketeam", .kind = FIELD_ID};
	f->v = arena_alloc(r->arena, (f->n + 1) * sizeof *f->v);
	return 0;
}

static int render(struct req *r, db *d, struct queue_form *f, unsigned status, bool from_form,
                  const char *alert)
{
	int64_t centraal = 0;
	if (db_centrale_intake(d, &centraal) != DB_OK)
		return -1;
	if (!from_form) {
		form_validate(r->arena, NULL, f->rules, f->n + 1, f->v);
		for (size_t i = 0; i <= f->n; i++)
			f->v[i].error = NULL;
		for (size_t i = 0; i < f->n; i++)
			f->v[i].id = f->gebieden[i].team_id;
		f->v[f->n].id = centraal;
	}
	json_t *data = json_object();
	form_to_page(data, f->rules, f->n + 1, f->v);
	json_t *fields = json_object_get(data, "field");
	json_t *rows = json_array();
	for (size_t i = 0; i < f->n; i++) {
		json_t *field = json_object_get(fields, f->rules[i].name);
		json_t *row = json_pack("{s:s, s:s, s:o}", "name", f->gebieden[i].name, "field", f->rules[i].name,
		                        "teams", db_team_options(d, f->v[i].id));
		if (field && json_object_get(field, "error"))
			json_object_set(row, "error", json_object_get(field, "error"));
		json_array_append_new(rows, row);
	}
	json_object_set_new(data, "gebieden", rows);
	json_object_set_new(data, "has_gebieden", json_boolean(f->n > 0));
	json_object_set_new(json_object_get(fields, "centraal"), "teams", db_team_options(d, f->v[f->n].id));
	if (!centraal)
		json_object_set_new(data, "no_central", json_true());
	if (alert)
		json_object_set_new(data, "alert", json_string(alert));
	if (req_query(r, "opgeslagen"))
		json_object_set_new(data, "notice", json_string("De wachtrijen zijn opgeslagen."));
	return reply_page(r, status, "wachtrijen", "Wachtrijen: welk team werkt welk gebied", data);
}

int h_wachtrijen(struct req *r)
{
	db *d = db_get();
	struct queue_form f;
	if (!d || load(r, d, &f) != 0)
		return -1;
	return render(r, d, &f, 200, false, NULL);
}

int h_wachtrijen_save(struct req *r)
{
	db *d = db_get();
	struct queue_form f;
	if (!d || load(r, d, &f) != 0)
		return -1;
	int errors = form_validate(r->arena, r->form, f.rules, f.n + 1, f.v);
	for (size_t i = 0; i <= f.n; i++) {
		if (!f.v[i].error && f.v[i].id && !db_team_exists(d, f.v[i].id)) {
			f.v[i].error = "Kies een bestaand team.";
			errors++;
		}
	}
	if (errors) {
		/* A refused choice shows what is stored, never a silent default
		 * that a second save would store. */
		int64_t centraal = 0;
		if (db_centrale_intake(d, &centraal) != DB_OK)
			return -1;
		for (size_t i = 0; i < f.n; i++)
			if (f.v[i].error)
				f.v[i].id = f.gebieden[i].team_id;
		if (f.v[f.n].error)
			f.v[f.n].id = centraal;
		return render(r, d, &f, 422, true, NULL);
	}
	if (db_begin(d) != 0)
		return -1;
	enum db_status s = DB_OK;
	for (size_t i = 0; s == DB_OK && i < f.n; i++)
		if (f.v[i].id != f.gebieden[i].team_id)
			s = db_gebied_set_team(d, f.gebieden[i].id, f.v[i].id);
	if (s == DB_OK)
		s = db_centrale_intake_set(d, f.v[f.n].id);
	struct audit_entry e = {.medewerker_id = r->user->id, .action = "beheer.wachtrijen",
	                        .object_type = "team", .object_id = f.v[f.n].id, .client_addr = r->client_addr};
	if (s == DB_OK)
		s = audit_append(d, &e);
	if (s == DB_NOT_FOUND || s == DB_CONSTRAINT) {
		/* A gebied or team removed meanwhile: show the lists as they are. */
		db_rollback(d);
		if (load(r, d, &f) != 0)
			return -1;
		return render(r, d, &f, 409, false, "Een gebied of team is intussen gewijzigd of verwijderd. "
		                                    "Hieronder staan de wachtrijen zoals ze nu zijn; kies opnieuw.");
	}
	if (s != DB_OK || db_commit(d) != 0) {
		db_rollback(d);
		return -1;
	}
	return reply_redirect(r, "/beheer/wachtrijen?opgeslagen=1");
}
