/* privacy.c - the privacy officer's tasks besides the audit search: the
 * export for an inzageverzoek (AVG art. 15), the retention periods per
 * legal basis, and the list and purge of closed households whose period
 * has passed.  Only the privacy officer reaches these routes. */
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "db_huishouden.h"
#include "db_inzage.h"
#include "db_purge.h"
#include "domain.h"
#include "form.h"
#include "handlers.h"
#include "text.h"

/* ---- inzageverzoek ---------------------------------------------------------------- */

/* Every audit row about the person or their household, oldest first:
 * who viewed or changed it, when, and why. */
static json_t *trail(db *d, int64_t persoon_id, int64_t hh)
{
	struct audit_filter f = {.persoon_id = persoon_id, .persoon_huishouden_id = hh};
	json_t *rows = db_audit_search(d, &f, 0, -1);
	if (!rows)
		return NULL;
	json_t *out = json_array();
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row) {
		char at[21];
		fmt_iso8601(json_integer_value(json_object_get(row, "at")), at);
		const char *action = json_string_value(json_object_get(row, "action"));
		json_t *o = json_pack("{s:s, s:s, s:s}", "op", at, "handeling", action,
		                      "omschrijving", audit_action_label(action));
		json_t *who = json_object_get(row, "who");
		json_object_set(o, "medewerker", who ? who : json_null());
		static const char *const copy[][2] = {{"object_type", "object_type"}, {"object_id", "object_id"},
		                                      {"huishouden_id", "huishouden_id"}, {"reason", "reden"}};
		for (size_t k = 0; k < ARRAY_LEN(copy); k++) {
			json_t *v = json_object_get(row, copy[k][0]);
			if (v)
				json_object_set(o, copy[k][1], v);
		}
		json_array_append_new(out, o);
	}
	json_decref(rows);
	return out;
}

int h_privacy_inzage(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	int64_t id = req_param_id(r, 0);
	json_t *data;
	int64_t hh;
	enum db_status s = db_inzage_persoon(d, id, &data, &hh);
	if (s == DB_NOT_FOUND)
		return reply_error(r, ERR_NOT_FOUND, "Deze persoon bestaat niet (meer).");
	if (s != DB_OK)
		return -1;
	/* Audited before the trail is read, so the export lists itself. */
	if (audit_view_now(r, "inzage.export", "persoon", id, hh, NULL) != 0) {
		json_decref(data);
		return -1;
	}
	json_t *t = trail(d, id, hh);
	if (!t) {
		json_decref(data);
		return -1;
	}
	char now[21];
	fmt_iso8601(now_unix(), now);
	json_object_set_new(data, "inzageverzoek", json_pack("{s:I, s:s, s:s}", "persoon_id", (json_int_t)id,
	                    "opgesteld_op", now, "opgesteld_door", r->user->name));
	json_object_set_new(data, "audit", t);
	int rc = reply_json(r, 200, data);
	if (rc == 0 && !r->is_api)
		reply_header(r, "Content-Disposition", arena_printf(r->arena,
		             "attachment; filename=\"inzageverzoek-persoon-%lld.json\"", (long long)id));
	return rc;
}

/* ---- retention periods ------------------------------------------------------------- */

/* One field per legal basis, and the value the page showed (oud_...), so a
 * save that crosses another privacy officer's is refused with what
 * changed instead of overwriting it. */
static const char *const bases[] = {"wmo2015", "jeugdwet", "participatiewet", "overig", "geen"};
enum { NBASES = ARRAY_LEN(bases) };
static const struct field_rule termijn_rules[2 * NBASES] = {
	{.name = "jaren_wmo2015", .label = "Bewaartermijn Wmo 2015",
	 .kind = FIELD_INT, .required = true, .min = 1, .max = 100},
	{.name = "jaren_jeugdwet", .label = "Bewaartermijn Jeugdwet",
	 .kind = FIELD_INT, .required = true, .min = 1, .max = 100},
	{.name = "jaren_participatiewet", .label = "Bewaartermijn Participatiewet",
	 .kind = FIELD_INT, .required = true, .min = 1, .max = 100},
	{.name = "jaren_overig", .label = "Bewaartermijn Overig",
	 .kind = FIELD_INT, .required = true, .min = 1, .max = 100},
	{.name = "jaren_geen", .label = "Bewaartermijn Geen voorziening",
	 .kind = FIELD_INT, .required = true, .min = 1, .max = 100},
	{.name = "oud_wmo2015", .label = "Bewaartermijn Wmo 2015 (zoals eerder opgeslagen)",
	 .kind = FIELD_INT, .required = true, .min = 1, .max = 100},
	{.name = "oud_jeugdwet", .label = "Bewaartermijn Jeugdwet (zoals eerder opgeslagen)",
	 .kind = FIELD_INT, .required = true, .min = 1, .max = 100},
	{.name = "oud_participatiewet", .label = "Bewaartermijn Participatiewet (zoals eerder opgeslagen)",
	 .kind = FIELD_INT, .required = true, .min = 1, .max = 100},
	{.name = "oud_overig", .label = "Bewaartermijn Overig (zoals eerder opgeslagen)",
	 .kind = FIELD_INT, .required = true, .min = 1, .max = 100},
	{.name = "oud_geen", .label = "Bewaartermijn Geen voorziening (zoals eerder opgeslagen)",
	 .kind = FIELD_INT, .required = true, .min = 1, .max = 100},
};

static const char *basis_label(const char *code)
{
	return strcmp(code, "geen") == 0 ? "Geen voorziening" : vocab_label(&vocab_legal_basis, code);
}

static int64_t stored_years(const json_t *list, const char *basis)
{
	size_t i;
	json_t *row;
	json_array_foreach(list, i, row)
		if (strcmp(json_string_value(json_object_get(row, "grondslag")), basis) == 0)
			return json_integer_value(json_object_get(row, "jaren"));
	return 0;
}

/* The form with v (NULL: the stored values). */
static int render_termijnen(struct req *r, db *d, struct field_value *v, unsigned status, const char *alert)
{
	json_t *list = db_bewaartermijn_list(d);
	if (!list)
		return -1;
	json_t *rows = json_array();
	for (size_t b = 0; b < NBASES; b++) {
		int64_t years = stored_years(list, bases[b]);
		json_t *o = json_pack("{s:s, s:s, s:s, s:I}", "grondslag", bases[b], "label", basis_label(bases[b]),
		                      "name", termijn_rules[b].name, "stored", (json_int_t)years);
		json_object_set_new(o, "value", json_string(v ? v[b].text : arena_printf(r->arena, "%lld", (long long)years)));
		/* The value the page showed: kept across a re-render so the
		 * conflict check compares with what the user saw. */
		const char *old = v && !v[NBASES + b].error ? v[NBASES + b].text : arena_printf(r->arena, "%lld", (long long)years);
		json_object_set_new(o, "old", json_string(old));
		if (v && v[b].error) {
			json_object_set_new(o, "error", json_string(v[b].error));
			json_object_set_new(o, "invalid", json_true());
		}
		json_array_append_new(rows, o);
	}
	json_decref(list);
	json_t *data = json_object();
	if (v)
		form_to_page(data, termijn_rules, NBASES, v);
	json_object_set_new(data, "rows", rows);
	if (alert)
		json_object_set_new(data, "alert", json_string(alert));
	if (req_query(r, "opgeslagen"))
		json_object_set_new(data, "notice", json_string("De bewaartermijnen zijn opgeslagen."));
	return reply_page(r, status, "privacy-bewaartermijnen", "Bewaartermijnen", data);
}

int h_bewaartermijnen(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	if (audit_view(r, "bewaartermijn.list", "bewaartermijn", 0, 0, NULL) != 0)
		return -1;
	return render_termijnen(r, d, NULL, 200, NULL);
}

int h_bewaartermijnen_save(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct field_value v[2 * NBASES];
	int errors = form_validate(r->arena, r->form, termijn_rules, 2 * NBASES, v);
	for (size_t b = NBASES; b < 2 * NBASES; b++)
		if (v[b].error)
			return reply_error(r, ERR_BAD_REQUEST, "Het formulier mist de getoonde termijnen. Laad de pagina opnieuw.");
	if (errors)
		return render_termijnen(r, d, v, 422, NULL);
	if (db_begin(d) != 0)
		return -1;
	json_t *list = db_bewaartermijn_list(d);
	if (!list) {
		db_rollback(d);
		return -1;
	}
	strbuf changes = {0}, moved = {0};
	for (size_t b = 0; b < NBASES; b++) {
		int64_t now = stored_years(list, bases[b]);
		if (now != v[NBASES + b].id && now != v[b].id)
			sb_printf(&moved, "%s%s is nu %lld jaar", moved.len ? "; " : "", basis_label(bases[b]), (long long)now);
		else if (now != v[b].id)
			sb_printf(&changes, "%s%s: %lld naar %lld jaar", changes.len ? "; " : "", bases[b],
			          (long long)now, (long long)v[b].id);
	}
	json_decref(list);
	if (moved.len) {
		db_rollback(d);
		const char *msg = arena_printf(r->arena, "Iemand anders heeft de bewaartermijnen intussen gewijzigd (%s). "
		                               "Uw wijziging is niet opgeslagen; uw invoer staat hieronder. Controleer en "
		                               "sla opnieuw op.", sb_str(&moved));
		sb_free(&moved);
		sb_free(&changes);
		/* The next save compares with what is stored now. */
		for (size_t b = NBASES; b < 2 * NBASES; b++)
			v[b].error = "";
		return render_termijnen(r, d, v, 409, msg);
	}
	enum db_status s = DB_OK;
	for (size_t b = 0; b < NBASES && s == DB_OK; b++)
		s = db_bewaartermijn_set(d, bases[b], v[b].id, r->user->id);
	struct audit_entry e = {.medewerker_id = r->user->id, .action = "bewaartermijn.update",
	                        .object_type = "bewaartermijn", .reason = changes.len ? sb_str(&changes) : NULL,
	                        .client_addr = r->client_addr};
	if (s != DB_OK || audit_append(d, &e) != DB_OK || db_commit(d) != 0) {
		db_rollback(d);
		sb_free(&changes);
		return -1;
	}
	sb_free(&changes);
	return reply_redirect(r, "/privacy/bewaartermijnen?opgeslagen=1");
}

/* ---- households due for destruction ------------------------------------------------ */

static void label_due(json_t *list)
{
	size_t i;
	json_t *row;
	json_array_foreach(list, i, row) {
		const char *basis = json_string_value(json_object_get(row, "grondslag"));
		json_object_set_new(row, "grondslag_label", json_string(basis_label(basis)));
		char nl[11];
		text_date_nl(json_string_value(json_object_get(row, "gesloten_op")), nl);
		json_object_set_new(row, "gesloten_op_nl", json_string(nl));
		text_date_nl(json_string_value(json_object_get(row, "termijn_verstreken_op")), nl);
		json_object_set_new(row, "termijn_verstreken_op_nl", json_string(nl));
	}
}

/* The list page; error_id (0: none) is the household whose confirmation
 * was missing, error_all the same for "alle getoonde". */
static int render_due(struct req *r, db *d, unsigned status, int64_t error_id, bool error_all, const char *alert)
{
	json_t *list = db_purge_due(d, 0);
	if (!list)
		return -1;
	label_due(list);
	strbuf ids = {0};
	size_t i;
	json_t *row;
	json_array_foreach(list, i, row) {
		int64_t id = json_integer_value(json_object_get(row, "huishouden_id"));
		sb_printf(&ids, "%s%lld", ids.len ? "," : "", (long long)id);
		if (id == error_id)
			json_object_set_new(row, "error", json_string("Vink aan dat u dit huishouden wilt vernietigen."));
	}
	json_t *data = json_object();
	json_object_set_new(data, "ids", json_string(sb_str(&ids)));
	sb_free(&ids);
	json_object_set_new(data, "count", json_integer((json_int_t)json_array_size(list)));
	json_object_set_new(data, "count_text", json_string(text_count(r->arena, (long long)json_array_size(list),
	                                                               "huishouden", "huishoudens")));
	json_object_set_new(data, "has_rows", json_boolean(json_array_size(list) > 0));
	json_object_set_new(data, "rows", list);
	if (error_id)
		form_add_error(data, arena_printf(r->arena, "bevestigd-%lld", (long long)error_id),
		               arena_printf(r->arena, "Vernietigen van huishouden %lld", (long long)error_id),
		               "Vink aan dat u dit huishouden wilt vernietigen.");
	if (error_all) {
		json_object_set_new(data, "error_all", json_string("Vink aan dat u alle getoonde huishoudens wilt vernietigen."));
		form_add_error(data, "bevestigd-alle", "Vernietigen van alle getoonde huishoudens",
		               "Vink aan dat u alle getoonde huishoudens wilt vernietigen.");
	}
	if (alert)
		json_object_set_new(data, "alert", json_string(alert));
	const char *done = req_query(r, "vernietigd"), *refused = req_query(r, "geweigerd");
	if (done && strspn(done, "0123456789") == strlen(done) && strlen(done) < 10)
		json_object_set_new(data, "notice", json_string(arena_printf(r->arena,
		                    "%s vernietigd%s.", text_count(r->arena, atoll(done), "huishouden", "huishoudens"),
		                    refused && strcmp(refused, "0") != 0 && strspn(refused, "0123456789") == strlen(refused) &&
		                    strlen(refused) < 10 ? arena_printf(r->arena, "; %s geweigerd (niet meer aan de beurt of nog "
		                    "in gebruik bij een ander huishouden)", refused) : "")));
	return reply_page(r, status, "privacy-bewaren", "Te vernietigen", data);
}

int h_bewaren(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	if (audit_view(r, "bewaren.list", "huishouden", 0, 0, NULL) != 0)
		return -1;
	return render_due(r, d, 200, 0, false, NULL);
}

int h_api_bewaren(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	json_t *list = db_purge_due(d, 0);
	if (!list)
		return -1;
	if (audit_view(r, "bewaren.list", "huishouden", 0, 0, NULL) != 0) {
		json_decref(list);
		return -1;
	}
	return reply_json(r, 200, json_pack("{s:o}", "huishoudens", list));
}

enum purge_result { PURGED, NOT_DUE, IN_USE, FAILED };

static const char MSG_NOT_DUE[] = "Dit huishouden is niet afgesloten of de bewaartermijn is nog niet verstreken; "
                                  "er is niets vernietigd.";
static const char MSG_IN_USE[] = "Er verwijzen nog gegevens naar dit huishouden of een van zijn leden, bijvoorbeeld "
                                 "een afspraak van een ander huishouden met een verhuisde persoon; er is niets "
                                 "vernietigd. Laat de regisseur van dat huishouden de afspraak aanpassen of meld "
                                 "het bij de beheerder.";

/* One household in one transaction: checked again inside it, purged,
 * audited with the number of rows and nothing of what they held. */
static enum purge_result purge_one(struct req *r, db *d, int64_t hh)
{
	if (db_begin(d) != 0)
		return FAILED;
	json_t *due = db_purge_due(d, hh);
	if (!due) {
		db_rollback(d);
		return FAILED;
	}
	bool is_due = json_array_size(due) == 1;
	json_decref(due);
	if (!is_due) {
		db_rollback(d);
		return NOT_DUE;
	}
	int64_t rows = 0;
	enum db_status s = db_purge_household(d, hh, &rows);
	if (s != DB_OK) {
		db_rollback(d);
		if (s == DB_CONSTRAINT)
			log_error("vernietigen van huishouden %lld geweigerd: een verwijzing blijft over", (long long)hh);
		return s == DB_CONSTRAINT ? IN_USE : FAILED;
	}
	struct audit_entry e = {.medewerker_id = r->user->id, .action = "huishouden.purge",
	                        .object_type = "huishouden", .object_id = hh, .huishouden_id = hh,
	                        .reason = arena_printf(r->arena, "bewaartermijn verstreken; %lld rijen verwijderd",
	                                               (long long)rows),
	                        .client_addr = r->client_addr};
	if (audit_append(d, &e) != DB_OK || db_commit(d) != 0) {
		db_rollback(d);
		return FAILED;
	}
	return PURGED;
}

static const struct field_rule purge_rules[] = {
	{.name = "bevestigd", .label = "Vernietigen bevestigd", .kind = FIELD_CHECKBOX},
};

int h_bewaren_purge(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	int64_t hh = req_param_id(r, 0);
	bool exists = false;
	if (db_huishouden_exists(d, hh, &exists) != DB_OK)
		return -1;
	if (!exists)
		return reply_error(r, ERR_NOT_FOUND, "Dit huishouden bestaat niet (meer).");
	struct field_value v[1];
	form_validate(r->arena, r->form, purge_rules, 1, v);
	if (!v[0].checked)
		return render_due(r, d, 422, hh, false, NULL);
	switch (purge_one(r, d, hh)) {
	case PURGED:
		return reply_redirect(r, "/privacy/bewaren?vernietigd=1");
	case NOT_DUE:
		return render_due(r, d, 409, 0, false, MSG_NOT_DUE);
	case IN_USE:
		return render_due(r, d, 409, 0, false, MSG_IN_USE);
	default:
		return -1;
	}
}

static const struct field_rule purge_all_rules[] = {
	{.name = "bevestigd", .label = "Vernietigen bevestigd", .kind = FIELD_CHECKBOX},
	{.name = "huishoudens", .label = "Getoonde huishoudens",
	 .kind = FIELD_LINE, .required = true, .max_len = 20 * PURGE_LIST_MAX},
};

int h_bewaren_purge_all(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct field_value v[2];
	form_validate(r->arena, r->form, purge_all_rules, 2, v);
	/* The ids of the households the page showed, so nothing that became
	 * due after the page was loaded is purged unseen. */
	int64_t ids[PURGE_LIST_MAX];
	size_t n = 0;
	const char *p = v[1].text;
	bool ok = !v[1].error;
	while (ok && *p) {
		char *end;
		size_t digits = strspn(p, "0123456789");
		long long id = digits && digits <= 18 ? strtoll(p, &end, 10) : 0;
		if (id <= 0 || n == PURGE_LIST_MAX || (*end && *end != ',')) {
			ok = false;
			break;
		}
		ids[n++] = id;
		p = *end ? end + 1 : end;
	}
	if (!ok)
		return reply_error(r, ERR_BAD_REQUEST, "De lijst met huishoudens is ongeldig. Laad de pagina opnieuw.");
	if (!v[0].checked)
		return render_due(r, d, 422, 0, true, NULL);
	int purged = 0, refused = 0;
	for (size_t i = 0; i < n; i++) {
		enum purge_result res = purge_one(r, d, ids[i]);
		if (res == FAILED)
			return -1;
		if (res == PURGED)
			purged++;
		else
			refused++;
	}
	return reply_redirect(r, arena_printf(r->arena, "/privacy/bewaren?vernietigd=%d&geweigerd=%d", purged, refused));
}

/* ---- granted roles ------------------------------------------------------------------ */

enum { ROLE_GRANTS_SHOWN = 500 };

/* Who granted teamleider, beheerder or privacy officer to whom, and when
 * (medewerker.rol_toegekend, written by users.c and user_edit.c): a
 * beheerder giving a second account of their own wider access shows here. */
int h_privacy_rolwijzigingen(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	json_t *rows = db_audit_role_grants(d, ROLE_GRANTS_SHOWN);
	if (!rows)
		return -1;
	if (audit_view(r, "rolwijziging.list", "medewerker", 0, 0, NULL) != 0) {
		json_decref(rows);
		return -1;
	}
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row) {
		char when[20];
		fmt_datetime_nl(json_integer_value(json_object_get(row, "at")), when);
		json_object_set_new(row, "at_nl", json_string(when));
	}
	json_t *data = json_object();
	json_object_set_new(data, "count", json_integer((json_int_t)json_array_size(rows)));
	json_object_set_new(data, "limit", json_integer(ROLE_GRANTS_SHOWN));
	json_object_set_new(data, "has_rows", json_boolean(json_array_size(rows) > 0));
	json_object_set_new(data, "rows", rows);
	return reply_page(r, 200, "privacy-rolwijzigingen", "Toegekende rechten", data);
}
