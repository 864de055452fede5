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
	{"api_token.list", "API-tokens bekeken"},
	{"api_token.create", "API-token uitgegeven"},
	{"api_token.revoke", "API-token ingetrokken"},
	{"mijn_werk.view", "Mijn werk bekeken"},
	{"zoeken", "Gezocht"},
	{"aanmelding.create", "Aanmelding geregistreerd"},
	{"aanmelding.view", "Aanmelding bekeken"},
	{"aanmelding.list", "Wachtrij aanmeldingen bekeken"},
	{"aanmelding.status", "Status aanmelding gewijzigd"},
	{"huishouden.create", "Huishouden aangemaakt"},
	{"huishouden.update", "Adres gewijzigd"},
	{"huishouden.status", "Status huishouden gewijzigd"},
	{"huishouden.view", "Huishouden bekeken"},
	{"huishouden.view_basic", "Huishouden (adres en namen) bekeken"},
	{"huishouden.view_beperkt", "Huishouden beperkt bekeken (zonder toegang)"},
	{"huishouden.toegang_uitzondering", "Toegang bij uitzondering"},
	{"persoon.create", "Persoon toegevoegd"},
	{"persoon.update", "Persoon gewijzigd"},
	{"persoon.view", "Persoon bekeken"},
	{"persoon.move", "Persoon verhuisd"},
	{"intake.create", "Intake vastgelegd"},
	{"intake.update", "Intake gewijzigd"},
	{"intake.view", "Intake bekeken"},
	{"intake.list", "Intakes bekeken"},
	{"intake.form", "Intakeformulier geopend"},
	{"netwerklid.create", "Netwerklid toegevoegd"},
	{"netwerklid.update", "Netwerklid gewijzigd"},
	{"netwerklid.remove", "Netwerklid verwijderd"},
	{"netwerklid.view", "Netwerklid bekeken"},
	{"netwerklid.list", "Netwerk bekeken"},
	{"netwerklid.form", "Netwerkformulier geopend"},
	{"journaal.create", "Journaalregel toegevoegd"},
	{"journaal.update", "Journaalregel bewerkt"},
	{"journaal.view", "Journaalregel bekeken"},
	{"journaal.list", "Journaal bekeken"},
	{"journaal.form", "Journaalformulier geopend"},
	{"toestemming.create", "Toestemming vastgelegd"},
	{"toestemming.withdraw", "Toestemming ingetrokken"},
	{"toestemming.view", "Toestemming bekeken"},
	{"toestemming.list", "Toestemmingen bekeken"},
	{"regie.view", "Regie bekeken"},
	{"regie.toewijzen", "Regisseur toegewezen"},
	{"casusteam.view", "Casusteam bekeken"},
	{"casusteam.toevoegen", "Toegevoegd aan casusteam"},
	{"casusteam.verwijderen", "Verwijderd uit casusteam"},
	{"plan.view", "Plan bekeken"},
	{"plan.create", "Plan gestart"},
	{"plan.vaststellen", "Plan vastgesteld"},
	{"plan.nieuwe_versie", "Nieuwe versie van het plan"},
	{"plan.print", "Plan afgedrukt"},
	{"plan.evalueren", "Plan geëvalueerd"},
	{"plan.afsluiten", "Plan afgesloten"},
	{"doel.view", "Doel bekeken"},
	{"doel.form", "Doelformulier geopend"},
	{"doel.create", "Doel toegevoegd"},
	{"doel.update", "Doel gewijzigd"},
	{"doel.status", "Status doel gewijzigd"},
	{"rolgesprek.view", "Rolgesprek bekeken"},
	{"rolgesprek.create", "Bijdrage aan rolgesprek toegevoegd"},
	{"rolgesprek.delete", "Bijdrage aan rolgesprek verwijderd"},
	{"afspraak.form", "Afspraakformulier geopend"},
	{"afspraak.create", "Afspraak toegevoegd"},
	{"afspraak.update", "Afspraak gewijzigd"},
	{"afspraak.gedaan", "Afspraak gedaan"},
	{"voorziening.view", "Voorziening bekeken"},
	{"voorziening.list", "Voorzieningen bekeken"},
	{"voorziening.form", "Voorzieningformulier geopend"},
	{"voorziening.create", "Voorziening aangevraagd"},
	{"voorziening.update", "Voorziening gewijzigd"},
	{"aanbieder.create", "Aanbieder toegevoegd"},
	{"aanbieder.update", "Aanbieder gewijzigd"},
	{"aanbieder.list", "Aanbieders bekeken"},
	{"sociale_kaart.create", "Sociale-kaartvoorziening toegevoegd"},
	{"sociale_kaart.update", "Sociale-kaartvoorziening gewijzigd"},
	{"sociale_kaart.list", "Sociale kaart bekeken"},
	{"product.create", "Product toegevoegd"},
	{"product.update", "Product gewijzigd"},
	{"product.list", "Producten bekeken"},
	{"evaluatie.view", "Evaluatie bekeken"},
	{"evaluatie.list", "Evaluaties bekeken"},
	{"evaluatie.form", "Evaluatieformulier geopend"},
	{"evaluatie.create", "Evaluatie vastgelegd"},
	{"zrm.voortgang", "ZRM-voortgang bekeken"},
	{"huishouden.afsluiten", "Casus afgesloten"},
	{"moreel_beraad.view", "Moreel beraad bekeken"},
	{"moreel_beraad.list", "Moreel beraad bekeken (lijst)"},
	{"moreel_beraad.form", "Formulier moreel beraad geopend"},
	{"moreel_beraad.create", "Moreel beraad vastgelegd"},
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
