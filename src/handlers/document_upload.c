/* document_upload.c - attaching an incoming document to a household
 * (PDF, JPEG, PNG, ODT or DOCX, at most 20 MB), optionally linked to a
 * voorziening, aanmelding or journal entry.  The type is found in the
 * content (libmagic, src/bestandstype.c) and must match the name's
 * extension; the name is checked and kept only to show; the file is stored
 * in the database (db_document_upload) with its SHA-256 in the audit row.
 * The form posts multipart/form-data (ROUTE_UPLOAD); the API takes the
 * same fields with X-CSRF-Token (docs/api.md). */
#include <inttypes.h>
#include <string.h>

#include "access.h"
#include "audit.h"
#include "bestandstype.h"
#include "care.h"
#include "db_document.h"
#include "db_document_gegevens.h"
#include "db_voorziening.h"
#include "document_shared.h"
#include "form.h"
#include "handlers.h"
#include "multipart.h"
#include "server.h"

enum { U_TITEL, U_VOORZIENING, U_AANMELDING, U_JOURNAAL, U_COUNT };
static const struct field_rule upload_rules[U_COUNT] = {
	[U_TITEL] = {.name = "titel", .label = "Omschrijving", .kind = FIELD_LINE, .required = true, .min_len = 2, .max_len = 200},
	[U_VOORZIENING] = {.name = "voorziening", .label = "Hoort bij voorziening", .kind = FIELD_ID},
	[U_AANMELDING] = {.name = "aanmelding", .label = "Hoort bij aanmelding", .kind = FIELD_ID},
	[U_JOURNAAL] = {.name = "journaal", .label = "Hoort bij journaalregel", .kind = FIELD_ID},
};

/* [{value, label, selected}] for a select. */
static json_t *options(struct req *r, json_t *rows, const char *label_key, int64_t selected)
{
	json_t *out = json_array();
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row) {
		int64_t id = json_integer_value(json_object_get(row, "id"));
		const char *label = json_string_value(json_object_get(row, label_key));
		json_array_append_new(out, json_pack("{s:s, s:s, s:b}", "value", arena_printf(r->arena, "%" PRId64, id),
		                                     "label", label ? label : "", "selected", id == selected));
	}
	return out;
}

static int render(struct req *r, db *d, int64_t hh, struct field_value *v, const char *file_error, unsigned status)
{
	json_t *data = json_object();
	if (care_household(r, d, hh, data) != DB_OK) {
		json_decref(data);
		return -1;
	}
	form_to_page(data, upload_rules, U_COUNT, v);
	if (file_error) {
		form_add_error(data, "bestand", "Bestand", file_error);
		json_object_set_new(data, "bestand_fout", json_string(file_error));
	}
	json_t *vz = db_voorziening_list(d, hh), *am = db_brief_aanmeldingen(d, hh), *jr = db_brief_journaal(d, hh);
	if (!vz || !am || !jr) {
		json_decref(vz);
		json_decref(am);
		json_decref(jr);
		json_decref(data);
		return -1;
	}
	size_t i;
	json_t *x;
	json_array_foreach(vz, i, x) {
		const char *t = json_string_value(json_object_get(x, "product"));
		if (!t)
			t = json_string_value(json_object_get(x, "sociale_kaart"));
		json_object_set_new(x, "label", json_string(arena_printf(r->arena, "%s (%s)", t ? t : "voorziening",
		        json_string_value(json_object_get(x, "status")))));
	}
	json_object_set_new(data, "voorzieningen", options(r, vz, "label", v[U_VOORZIENING].id));
	json_object_set_new(data, "aanmeldingen", options(r, am, "label", v[U_AANMELDING].id));
	json_object_set_new(data, "journaal", options(r, jr, "label", v[U_JOURNAAL].id));
	json_decref(vz);
	json_decref(am);
	json_decref(jr);
	return reply_page(r, status, "document-upload", "Bijlage toevoegen", data);
}

int h_document_upload_form(struct req *r)
{
	int64_t hh = req_param_id(r, 0);
	struct hh_access_info acc;
	if (require_household(r, hh, "document.upload_formulier", "huishouden", hh, &acc) != 0)
		return 0;
	db *d = db_get();
	if (!d)
		return -1;
	struct field_value v[U_COUNT];
	form_validate(r->arena, NULL, upload_rules, U_COUNT, v);
	for (int i = 0; i < U_COUNT; i++)
		v[i].error = NULL;
	return render(r, d, hh, v, NULL, 200);
}

/* The Dutch reason the file is refused, or NULL; *mime gets its type. */
static const char *check_file(struct req *r, const char **mime)
{
	const struct upload *u = r->upload;
	if (!u || (u->len == 0 && u->filename_len == 0))
		return "Kies het bestand dat u wilt toevoegen.";
	if (u->len == 0)
		return "Het bestand is leeg (0 bytes). Kies het goede bestand.";
	if (u->len > MAX_UPLOAD_FILE_BYTES)
		return "Het bestand is groter dan 20 MB. Maak het kleiner (bijvoorbeeld een scan in een lagere resolutie) en probeer het opnieuw.";
	const char *name_problem = bestandstype_name_problem(u->filename, u->filename_len);
	if (name_problem)
		return name_problem;
	*mime = bestandstype_detect(u->data, u->len);
	if (!*mime)
		return "Het bestand kon niet worden gecontroleerd. Probeer het opnieuw.";
	if (!bestandstype_accepted(*mime))
		return "Dit soort bestand kan niet worden bewaard. Alleen PDF, JPEG, PNG, ODT en DOCX mogen, en de inhoud van "
		       "dit bestand is geen van die soorten (de naam van een bestand telt niet, alleen de inhoud).";
	if (!bestandstype_name_matches(u->filename, u->filename_len, *mime))
		return "De naam van het bestand past niet bij de inhoud (bijvoorbeeld een foto met een naam op .pdf). "
		       "Geef het bestand de goede naam en probeer het opnieuw.";
	return NULL;
}

int h_document_upload(struct req *r)
{
	int64_t hh = req_param_id(r, 0);
	struct hh_access_info acc;
	if (require_household(r, hh, NULL, NULL, 0, &acc) != 0)
		return 0;
	db *d = db_get();
	if (!d)
		return -1;
	struct field_value v[U_COUNT];
	int errors = form_validate(r->arena, r->form, upload_rules, U_COUNT, v);
	if (!v[U_VOORZIENING].error && v[U_VOORZIENING].id) {
		json_t *row = NULL;
		if (db_voorziening_get(d, v[U_VOORZIENING].id, &row) != DB_OK ||
		    json_integer_value(json_object_get(row, "huishouden_id")) != hh) {
			v[U_VOORZIENING].error = "Kies een voorziening van dit huishouden.";
			errors++;
		}
		json_decref(row);
	}
	if (!v[U_AANMELDING].error && v[U_AANMELDING].id && !db_document_aanmelding_in(d, hh, v[U_AANMELDING].id)) {
		v[U_AANMELDING].error = "Kies een aanmelding van dit huishouden.";
		errors++;
	}
	if (!v[U_JOURNAAL].error && v[U_JOURNAAL].id && !db_document_journaal_in(d, hh, v[U_JOURNAAL].id)) {
		v[U_JOURNAAL].error = "Kies een journaalregel van dit huishouden.";
		errors++;
	}
	const char *mime = NULL;
	const char *file_error = check_file(r, &mime);
	if (errors || file_error) {
		if (r->is_api) {
			json_t *fields = form_errors_json(upload_rules, U_COUNT, v);
			if (file_error)
				json_object_set_new(fields, "bestand", json_string(file_error));
			return reply_json_validation(r, fields);
		}
		return render(r, d, hh, v, file_error, 422);
	}
	char sha[65], today[11];
	document_sha256(r->upload->data, r->upload->len, sha);
	date_today(today);
	struct document_upload u = {
		.huishouden_id = hh, .voorziening_id = v[U_VOORZIENING].id, .aanmelding_id = v[U_AANMELDING].id,
		.journaal_id = v[U_JOURNAAL].id, .title = v[U_TITEL].text,
		.file_name = arena_strndup(r->arena, r->upload->filename, r->upload->filename_len), .mime_type = mime,
		.sha256 = sha, .dated_on = today, .data = r->upload->data, .len = r->upload->len,
	};
	if (db_begin(d) != 0)
		return -1;
	int64_t id = 0;
	enum db_status s = db_document_upload(d, &u, r->user->id, &id);
	if (s == DB_OK) {
		struct audit_entry e = {.medewerker_id = r->user->id, .action = "document.upload", .object_type = "document",
		                        .object_id = id, .huishouden_id = hh,
		                        .reason = arena_printf(r->arena, "SHA-256 %s", sha), .client_addr = r->client_addr};
		s = audit_append(d, &e);
	}
	if (s != DB_OK || db_commit(d) != 0) {
		if (s != DB_OK)
			db_rollback(d);
		return -1;
	}
	if (r->is_api) {
		json_t *row = NULL;
		if (db_document_get(d, id, &row) != DB_OK)
			return -1;
		reply_json(r, 201, row);
		reply_header(r, "Location", arena_printf(r->arena, "/api/v1/documenten/%" PRId64 "/bestand", id));
		return 0;
	}
	return reply_redirect(r, arena_printf(r->arena, "/huishoudens/%" PRId64 "#documenten", hh));
}
