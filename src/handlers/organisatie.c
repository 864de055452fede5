/* organisatie.c - the beheerder maintains teams, gebieden and expertises:
 * list with what uses each item, new, rename, and remove only what nothing
 * uses any more (the page says what still does).  Not personal data, but
 * every view and change is audited like any other. */
#include <string.h>

#include "audit.h"
#include "db_organisatie.h"
#include "form.h"
#include "handlers.h"

static const struct field_rule name_rules[] = {
	{.name = "naam", .label = "Naam", .kind = FIELD_LINE, .required = true, .min_len = 1, .max_len = 100},
};
enum { F_NAME, F_COUNT };

/* One kind of thing that refers to an item: a column on the list when it
 * has a heading, and a reason not to remove the item when it blocks. */
struct org_use {
	int index;           /* in org_item.uses */
	const char *heading; /* list column, or NULL */
	const char *one, *many;
	bool blocks;
};

struct org_desc {
	enum org_kind kind;
	const char *type;  /* audit object type and action prefix */
	const char *path;  /* "/beheer/teams" */
	const char *title, *new_title, *edit_title, *new_link;
	const char *intro;
	const char *the;   /* "dit team": the subject of a sentence */
	const char *missing, *taken, *in_use_hint;
	const struct org_use *uses;
	size_t nuses;
};

static const struct org_use team_uses[] = {
	{TEAM_USE_MEDEWERKERS, "Medewerkers", "medewerker", "medewerkers", true},
	{TEAM_USE_HUISHOUDENS, "Lopende huishoudens", "lopend huishouden", "lopende huishoudens", false},
	{TEAM_USE_ARCHIEF, NULL, "opgeschoond huishouden in de cijfers van het dashboard",
	 "opgeschoonde huishoudens in de cijfers van het dashboard", true},
	{TEAM_USE_GEBIEDEN, "Gebieden", "gebied waarvan het de wachtrij werkt", "gebieden waarvan het de wachtrij werkt", true},
};
static const struct org_use gebied_uses[] = {
	{GEBIED_USE_HUISHOUDENS, "Huishoudens", "huishouden", "huishoudens", true},
	{GEBIED_USE_LOCATIES, "Locaties", "locatie", "locaties", true},
	{GEBIED_USE_AANBIEDERS, "Aanbieders", "aanbieder", "aanbieders", true},
	{GEBIED_USE_SOCIALE_KAART, "Sociale kaart", "voorziening op de sociale kaart",
	 "voorzieningen op de sociale kaart", true},
	{GEBIED_USE_SIGNALEN, NULL, "signaal", "signalen", true},
	{GEBIED_USE_ARCHIEF, NULL, "opgeschoond huishouden in de cijfers van het dashboard",
	 "opgeschoonde huishoudens in de cijfers van het dashboard", true},
};
static const struct org_use expertise_uses[] = {
	{EXPERTISE_USE_MEDEWERKERS, "Medewerkers", "medewerker", "medewerkers", true},
	{EXPERTISE_USE_INTAKES, "Intakes", "intake", "intakes", true},
};

static const struct org_desc desc_team = {
	.kind = ORG_TEAM, .type = "team", .path = "/beheer/teams",
	.title = "Teams", .new_title = "Nieuw team", .edit_title = "Team wijzigen", .new_link = "Nieuw team",
	.intro = "De teams waarin medewerkers werken. Een teamleider ziet de huishoudens waarvan de regisseur "
	         "in zijn of haar team zit. Lopende huishoudens tellen mee via hun regisseur.",
	.the = "dit team", .missing = "Dit team bestaat niet.", .taken = "Er is al een team met deze naam.",
	.in_use_hint = "Zet de medewerkers eerst in een ander team, of wijzig alleen de naam.",
	.uses = team_uses, .nuses = ARRAY_LEN(team_uses),
};
static const struct org_desc desc_gebied = {
	.kind = ORG_GEBIED, .type = "gebied", .path = "/beheer/gebieden",
	.title = "Gebieden", .new_title = "Nieuw gebied", .edit_title = "Gebied wijzigen", .new_link = "Nieuw gebied",
	.intro = "De wijken en kernen van de gemeente. Huishoudens, locaties van spreekuren, aanbieders en de "
	         "sociale kaart horen bij een gebied.",
	.the = "dit gebied", .missing = "Dit gebied bestaat niet.", .taken = "Er is al een gebied met deze naam.",
	.in_use_hint = "Kies daar eerst een ander gebied, of wijzig alleen de naam.",
	.uses = gebied_uses, .nuses = ARRAY_LEN(gebied_uses),
};
static const struct org_desc desc_expertise = {
	.kind = ORG_EXPERTISE, .type = "expertise", .path = "/beheer/expertises",
	.title = "Expertises", .new_title = "Nieuwe expertise", .edit_title = "Expertise wijzigen",
	.new_link = "Nieuwe expertise",
	.intro = "De vakgebieden die bij een huishouden aan tafel kunnen komen. Een vraagverhelderend gesprek "
	         "(intake) vraagt om expertises; de lijst van mogelijke regisseurs zet medewerkers met die "
	         "expertise bovenaan.",
	.the = "deze expertise", .missing = "Deze expertise bestaat niet.",
	.taken = "Er is al een expertise met deze naam.",
	.in_use_hint = "Haal de expertise eerst weg bij die medewerkers, of wijzig alleen de naam. Een expertise "
	               "waar een vraagverhelderend gesprek (intake) om vroeg, blijft bestaan zodat het gesprek "
	               "leesbaar blijft.",
	.uses = expertise_uses, .nuses = ARRAY_LEN(expertise_uses),
};

/* "3 medewerkers en 1 locatie", the blocking uses of it; NULL when none. */
static const char *blockers(struct req *r, const struct org_desc *k, const struct org_item *it)
{
	const char *parts[ORG_USES_MAX];
	size_t n = 0;
	for (size_t i = 0; i < k->nuses; i++) {
		int64_t c = it->uses[k->uses[i].index];
		if (k->uses[i].blocks && c > 0)
			parts[n++] = arena_printf(r->arena, "%lld %s", (long long)c,
			                          c == 1 ? k->uses[i].one : k->uses[i].many);
	}
	if (n == 0)
		return NULL;
	const char *out = parts[0];
	for (size_t i = 1; i < n; i++)
		out = arena_printf(r->arena, "%s%s%s", out, i + 1 == n ? " en " : ", ", parts[i]);
	return out;
}

static int render_list(struct req *r, const struct org_desc *k, unsigned status, const char *alert)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct org_item *items;
	size_t n;
	if (db_org_list(d, r->arena, k->kind, &items, &n) != DB_OK)
		return -1;
	if (audit_view(r, arena_printf(r->arena, "%s.list", k->type), k->type, 0, 0, NULL) != 0)
		return -1;
	json_t *headings = json_array();
	for (size_t u = 0; u < k->nuses; u++)
		if (k->uses[u].heading)
			json_array_append_new(headings, json_pack("{s:s}", "label", k->uses[u].heading));
	json_t *rows = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *counts = json_array();
		for (size_t u = 0; u < k->nuses; u++)
			if (k->uses[u].heading)
				json_array_append_new(counts, json_pack("{s:I}", "n", (json_int_t)items[i].uses[k->uses[u].index]));
		const char *why = blockers(r, k, &items[i]);
		json_t *row = json_pack("{s:I, s:s, s:o, s:b}", "id", (json_int_t)items[i].id, "name", items[i].name,
		                        "counts", counts, "deletable", why == NULL);
		if (why)
			json_object_set_new(row, "in_use", json_string(why));
		json_array_append_new(rows, row);
	}
	json_t *data = json_object();
	json_object_set_new(data, "heading", json_string(k->title));
	json_object_set_new(data, "intro", json_string(k->intro));
	json_object_set_new(data, "path", json_string(k->path));
	json_object_set_new(data, "new_link", json_string(k->new_link));
	json_object_set_new(data, "headings", headings);
	json_object_set_new(data, "has_rows", json_boolean(n > 0));
	json_object_set_new(data, "rows", rows);
	if (alert)
		json_object_set_new(data, "alert", json_string(alert));
	else if (req_query(r, "opgeslagen"))
		json_object_set_new(data, "notice", json_string("De wijziging is opgeslagen."));
	else if (req_query(r, "verwijderd"))
		json_object_set_new(data, "notice", json_string("Het is verwijderd uit de lijst."));
	return reply_page(r, status, "organisatie-lijst", k->title, data);
}

/* The new (id 0) or rename form with value v (NULL: empty). */
static int render_form(struct req *r, const struct org_desc *k, int64_t id, struct field_value *v, unsigned status)
{
	struct field_value empty[F_COUNT];
	if (!v) {
		form_validate(r->arena, NULL, name_rules, F_COUNT, empty);
		empty[F_NAME].error = NULL;
		v = empty;
	}
	json_t *data = json_object();
	form_to_page(data, name_rules, F_COUNT, v);
	const char *title = id ? k->edit_title : k->new_title;
	json_object_set_new(data, "heading", json_string(title));
	json_object_set_new(data, "path", json_string(k->path));
	json_object_set_new(data, "action", json_string(id ? arena_printf(r->arena, "%s/%lld/bewerken", k->path, (long long)id)
	                                                   : arena_printf(r->arena, "%s/nieuw", k->path)));
	return reply_page(r, status, "organisatie-formulier", title, data);
}

static int list_page(struct req *r, const struct org_desc *k)
{
	return render_list(r, k, 200, NULL);
}

static int new_form(struct req *r, const struct org_desc *k)
{
	if (audit_view(r, arena_printf(r->arena, "%s.form", k->type), k->type, 0, 0, NULL) != 0)
		return -1;
	return render_form(r, k, 0, NULL, 200);
}

static int edit_form(struct req *r, const struct org_desc *k)
{
	db *d = db_get();
	if (!d)
		return -1;
	int64_t id = req_param_id(r, 0);
	struct org_item it;
	enum db_status s = db_org_get(d, r->arena, k->kind, id, &it);
	if (s == DB_NOT_FOUND)
		return reply_error(r, ERR_NOT_FOUND, k->missing);
	if (s != DB_OK || audit_view(r, arena_printf(r->arena, "%s.view", k->type), k->type, id, 0, NULL) != 0)
		return -1;
	struct field_value v[F_COUNT];
	form_validate(r->arena, NULL, name_rules, F_COUNT, v);
	v[F_NAME].error = NULL;
	v[F_NAME].text = it.name;
	return render_form(r, k, id, v, 200);
}

/* Create (id 0) or rename from the posted form. */
static int save(struct req *r, const struct org_desc *k, int64_t id)
{
	db *d = db_get();
	if (!d)
		return -1;
	if (id) {
		struct org_item it;
		enum db_status s = db_org_get(d, r->arena, k->kind, id, &it);
		if (s == DB_NOT_FOUND)
			return reply_error(r, ERR_NOT_FOUND, k->missing);
		if (s != DB_OK)
			return -1;
	}
	struct field_value v[F_COUNT];
	form_validate(r->arena, r->form, name_rules, F_COUNT, v);
	/* The table's UNIQUE is exact; "team noord" next to "Team Noord" would
	 * be two teams only in name, so names are unique ignoring case. */
	if (!v[F_NAME].error) {
		bool taken;
		if (db_org_name_taken(d, k->kind, v[F_NAME].text, id, &taken) != DB_OK)
			return -1;
		if (taken)
			v[F_NAME].error = k->taken;
	}
	if (v[F_NAME].error)
		return render_form(r, k, id, v, 422);
	if (db_begin(d) != 0)
		return -1;
	int64_t saved = id;
	enum db_status s = id ? db_org_rename(d, k->kind, id, v[F_NAME].text)
	                      : db_org_insert(d, k->kind, v[F_NAME].text, &saved);
	if (s == DB_CONSTRAINT || s == DB_NOT_FOUND) {
		db_rollback(d);
		if (s == DB_NOT_FOUND)
			return reply_error(r, ERR_NOT_FOUND, k->missing);
		v[F_NAME].error = k->taken;
		return render_form(r, k, id, v, 422);
	}
	struct audit_entry e = {.medewerker_id = r->user->id,
	                        .action = arena_printf(r->arena, "%s.%s", k->type, id ? "update" : "create"),
	                        .object_type = k->type, .object_id = saved, .client_addr = r->client_addr};
	if (s != DB_OK || audit_append(d, &e) != DB_OK || db_commit(d) != 0) {
		db_rollback(d);
		return -1;
	}
	return reply_redirect(r, arena_printf(r->arena, "%s?opgeslagen=1", k->path));
}

static int delete(struct req *r, const struct org_desc *k)
{
	db *d = db_get();
	if (!d)
		return -1;
	int64_t id = req_param_id(r, 0);
	if (db_begin(d) != 0)
		return -1;
	/* Counted inside the write transaction, so nothing can start using it
	 * between the check and the removal. */
	struct org_item it;
	enum db_status s = db_org_get(d, r->arena, k->kind, id, &it);
	if (s != DB_OK) {
		db_rollback(d);
		return s == DB_NOT_FOUND ? reply_error(r, ERR_NOT_FOUND, k->missing) : -1;
	}
	const char *why = blockers(r, k, &it);
	if (!why) {
		s = db_org_delete(d, k->kind, id);
		if (s == DB_CONSTRAINT)
			why = "verwijzingen elders in het systeem";
	}
	if (why) {
		db_rollback(d);
		return render_list(r, k, 409, arena_printf(r->arena, "%s kan niet worden verwijderd, want %s wordt nog "
		                                                     "gebruikt: %s. %s", it.name, k->the, why, k->in_use_hint));
	}
	struct audit_entry e = {.medewerker_id = r->user->id, .action = arena_printf(r->arena, "%s.delete", k->type),
	                        .object_type = k->type, .object_id = id, .client_addr = r->client_addr};
	if (s != DB_OK || audit_append(d, &e) != DB_OK || db_commit(d) != 0) {
		db_rollback(d);
		return -1;
	}
	return reply_redirect(r, arena_printf(r->arena, "%s?verwijderd=1", k->path));
}

int h_team_list(struct req *r) { return list_page(r, &desc_team); }
int h_team_new_form(struct req *r) { return new_form(r, &desc_team); }
int h_team_create(struct req *r) { return save(r, &desc_team, 0); }
int h_team_edit_form(struct req *r) { return edit_form(r, &desc_team); }
int h_team_update(struct req *r) { return save(r, &desc_team, req_param_id(r, 0)); }
int h_team_delete(struct req *r) { return delete(r, &desc_team); }
int h_gebied_list(struct req *r) { return list_page(r, &desc_gebied); }
int h_gebied_new_form(struct req *r) { return new_form(r, &desc_gebied); }
int h_gebied_create(struct req *r) { return save(r, &desc_gebied, 0); }
int h_gebied_edit_form(struct req *r) { return edit_form(r, &desc_gebied); }
int h_gebied_update(struct req *r) { return save(r, &desc_gebied, req_param_id(r, 0)); }
int h_gebied_delete(struct req *r) { return delete(r, &desc_gebied); }
int h_expertise_list(struct req *r) { return list_page(r, &desc_expertise); }
int h_expertise_new_form(struct req *r) { return new_form(r, &desc_expertise); }
int h_expertise_create(struct req *r) { return save(r, &desc_expertise, 0); }
int h_expertise_edit_form(struct req *r) { return edit_form(r, &desc_expertise); }
int h_expertise_update(struct req *r) { return save(r, &desc_expertise, req_param_id(r, 0)); }
int h_expertise_delete(struct req *r) { return delete(r, &desc_expertise); }
