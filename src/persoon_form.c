/* persoon_form.c - the person fields that the person, household,
 * aanmelding and API handlers share (include/huishouden_form.h): the
 * field tables of one person, of its orig_ values and of the aanmelding
 * form's rows, their checks beyond the table, the data-layer input, the
 * duplicate's JSON and the labels of a member's row. */
#include <string.h>

#include "bericht_tekst.h"
#include "huishouden_form.h"
#include "text.h"


const struct field_rule person_rules[P_COUNT] = {
	[P_FIRST] = {.name = "voornaam", .label = "Voornaam", .kind = FIELD_LINE, .required = true, .max_len = 100},
	[P_PREFIX] = {.name = "tussenvoegsel", .label = "Tussenvoegsel", .kind = FIELD_LINE, .max_len = 20},
	[P_LAST] = {.name = "achternaam", .label = "Achternaam", .kind = FIELD_LINE, .required = true, .max_len = 100},
	[P_BIRTH] = {.name = "geboortedatum", .label = "Geboortedatum", .kind = FIELD_DATE, .required = true,
	             .date_flags = DATE_NOT_FUTURE},
	[P_ROLE] = {.name = "rol", .label = "Rol in het huishouden",
	            .kind = FIELD_CHOICE, .required = true, .choices = vocab_role_codes},
	[P_BSN] = {.name = "bsn", .label = "BSN", .kind = FIELD_LINE, .max_len = 11},
	[P_PHONE] = {.name = "telefoon", .label = "Telefoon", .kind = FIELD_LINE, .max_len = 30},
	[P_EMAIL] = {.name = "email", .label = "E-mailadres", .kind = FIELD_EMAIL, .max_len = 200},
};

const struct field_rule person_orig_rules[P_COUNT] = {
	[P_FIRST] = {.name = "orig_voornaam", .label = "Voornaam (zoals eerder opgeslagen)",
	             .kind = FIELD_LINE, .max_len = 100},
	[P_PREFIX] = {.name = "orig_tussenvoegsel", .label = "Tussenvoegsel (zoals eerder opgeslagen)",
	              .kind = FIELD_LINE, .max_len = 20},
	[P_LAST] = {.name = "orig_achternaam", .label = "Achternaam (zoals eerder opgeslagen)",
	            .kind = FIELD_LINE, .max_len = 100},
	[P_BIRTH] = {.name = "orig_geboortedatum", .label = "Geboortedatum (zoals eerder opgeslagen)",
	             .kind = FIELD_LINE, .max_len = 10},
	[P_ROLE] = {.name = "orig_rol", .label = "Rol in het huishouden (zoals eerder opgeslagen)",
	            .kind = FIELD_LINE, .max_len = 20},
	[P_BSN] = {.name = "orig_bsn", .label = "BSN (zoals eerder opgeslagen)", .kind = FIELD_LINE, .max_len = 11},
	[P_PHONE] = {.name = "orig_telefoon", .label = "Telefoon (zoals eerder opgeslagen)",
	             .kind = FIELD_LINE, .max_len = 30},
	[P_EMAIL] = {.name = "orig_email", .label = "E-mailadres (zoals eerder opgeslagen)",
	             .kind = FIELD_LINE, .max_len = 200},
};

#define PERSON_ROW(n) {                                                                              \
	[P_FIRST] = {.name = "p" #n "_voornaam", .label = "Persoon " #n ", voornaam",                        \
	             .kind = FIELD_LINE, .max_len = 100},                                                     \
	[P_PREFIX] = {.name = "p" #n "_tussenvoegsel", .label = "Persoon " #n ", tussenvoegsel",             \
	              .kind = FIELD_LINE, .max_len = 20},                                                     \
	[P_LAST] = {.name = "p" #n "_achternaam", .label = "Persoon " #n ", achternaam",                     \
	            .kind = FIELD_LINE, .max_len = 100},                                                      \
	[P_BIRTH] = {.name = "p" #n "_geboortedatum", .label = "Persoon " #n ", geboortedatum",              \
	             .kind = FIELD_DATE, .date_flags = DATE_NOT_FUTURE},                                      \
	[P_ROLE] = {.name = "p" #n "_rol", .label = "Persoon " #n ", rol in het huishouden",                 \
	            .kind = FIELD_CHOICE, .choices = vocab_role_codes},                                       \
	[P_BSN] = {.name = "p" #n "_bsn", .label = "Persoon " #n ", BSN", .kind = FIELD_LINE, .max_len = 11}, \
	[P_PHONE] = {.name = "p" #n "_telefoon", .label = "Persoon " #n ", telefoon",                        \
	             .kind = FIELD_LINE, .max_len = 30},                                                      \
	[P_EMAIL] = {.name = "p" #n "_email", .label = "Persoon " #n ", e-mailadres",                        \
	             .kind = FIELD_EMAIL, .max_len = 200},                                                    \
}
const struct field_rule person_row_rules[PERSON_ROWS][P_COUNT] = {
	PERSON_ROW(1), PERSON_ROW(2), PERSON_ROW(3), PERSON_ROW(4), PERSON_ROW(5), PERSON_ROW(6),
};

const struct field_rule person_bericht_rules[PB_COUNT] = {
	[PB_GESLACHT] = {.name = "geslacht", .label = "Geslacht", .kind = FIELD_CHOICE, .choices = bt_geslacht_codes},
	[PB_VOORLETTERS] = {.name = "voorletters", .label = "Voorletters", .kind = FIELD_LINE, .max_len = 20},
	[PB_NAAMGEBRUIK] = {.name = "naamgebruik", .label = "Naamgebruik", .kind = FIELD_CHOICE,
	                    .choices = bt_naamgebruik_codes},
};

int person_bericht_check(struct req *r, struct field_value v[PB_COUNT], const char *stored_geslacht,
                         const char *stored_voorletters, const char *stored_naamgebruik)
{
	int errors = 0;
	const char *present[PB_COUNT];
	for (int i = 0; i < PB_COUNT; i++)
		present[i] = r->form ? form_get(r->form, person_bericht_rules[i].name)
		             : r->json && json_object_get(r->json, person_bericht_rules[i].name) ? "" : NULL;
	if (!present[PB_GESLACHT])
		v[PB_GESLACHT].text = stored_geslacht ? stored_geslacht : "0";
	if (!present[PB_NAAMGEBRUIK])
		v[PB_NAAMGEBRUIK].text = stored_naamgebruik ? stored_naamgebruik : "1";
	if (!present[PB_VOORLETTERS])
		v[PB_VOORLETTERS].text = stored_voorletters ? stored_voorletters : "";
	struct field_value *vl = &v[PB_VOORLETTERS];
	if (vl->error)
		return errors + 1;
	char out[21];
	size_t n = 0;
	for (const char *p = vl->text; *p; p++) {
		if (*p == '.' || *p == ' ')
			continue;
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z')) || n >= 6) {
			vl->error = n >= 6 ? "Hoogstens 6 voorletters." : "Alleen letters zonder accent, bijvoorbeeld J.P. of JP.";
			return errors + 1;
		}
		out[n++] = (char)(*p >= 'a' ? *p - 'a' + 'A' : *p);
	}
	out[n] = '\0';
	vl->text = arena_strdup(r->arena, out);
	return errors;
}

bool person_row_empty(const struct field_value v[P_COUNT])
{
	for (int i = 0; i < P_COUNT; i++)
		if (v[i].text[0] || v[i].error)
			return false;
	return true;
}

int person_row_require(struct field_value v[P_COUNT])
{
	int errors = 0;
	for (int i = 0; i < P_COUNT; i++) {
		if (person_rules[i].required && !v[i].error && !v[i].text[0]) {
			v[i].error = "Dit veld is verplicht.";
			errors++;
		}
	}
	return errors;
}

int person_check(struct req *r, struct field_value v[P_COUNT])
{
	struct field_value *b = &v[P_BSN];
	if (b->error || !b->text[0])
		return 0;
	char bsn[10];
	if (!bsn_normalise(b->text, bsn)) {
		b->error = "Een BSN bestaat uit 9 cijfers.";
		return 1;
	}
	if (!bsn_valid(bsn)) {
		b->error = "Dit BSN bestaat niet: het voldoet niet aan de elfproef. Controleer het nummer.";
		return 1;
	}
	b->text = arena_strdup(r->arena, bsn);
	return 0;
}

void person_input(const struct field_value v[P_COUNT], struct persoon_input *out)
{
	*out = (struct persoon_input){
		.bsn = v[P_BSN].text,
		.first_name = v[P_FIRST].text,
		.name_prefix = v[P_PREFIX].text,
		.last_name = v[P_LAST].text,
		.birth_date = v[P_BIRTH].text,
		.role = v[P_ROLE].text,
		.phone = v[P_PHONE].text,
		.email = v[P_EMAIL].text,
	};
}

json_t *person_dup_json(const struct persoon_dup *dup)
{
	return json_pack("{s:I, s:I, s:s, s:s, s:b}", "persoon_id", (json_int_t)dup->persoon_id,
	                 "huishouden_id", (json_int_t)dup->huishouden_id, "name", dup->name,
	                 "address", dup->address, "by_bsn", dup->by_bsn);
}

json_t *person_dup_api_json(const struct persoon_dup *dup)
{
	return json_pack("{s:I, s:I, s:s, s:s, s:b}", "persoon_id", (json_int_t)dup->persoon_id,
	                 "huishouden_id", (json_int_t)dup->huishouden_id, "naam", dup->name,
	                 "adres", dup->address, "op_bsn", dup->by_bsn);
}

void person_row_labels(json_t *row, const char *today)
{
	const char *birth = json_string_value(json_object_get(row, "birth_date"));
	char nl[11];
	text_date_nl(birth ? birth : "", nl);
	json_object_set_new(row, "birth_date_nl", json_string(nl));
	json_object_set_new(row, "age", json_integer(text_age_years(birth ? birth : "", today)));
	json_object_set_new(row, "role_label",
	                    json_string(vocab_label(&vocab_person_role,
	                                            json_string_value(json_object_get(row, "role")))));
}
