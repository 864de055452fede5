/* home.c - "Mijn werk", the start page after signing in: for case
 * workers their households as regisseur with the next evaluation and
 * what is overdue, their meldingen (handovers among them), their open agreements and accesses by
 * exception; for a teamleider also a compact view of the team; for
 * everyone the tasks and recent sign-ins.  Each part is a section under
 * its own h2, so more can be added. */
#include <string.h>
#include <time.h>

#include "audit.h"
#include "db_dashboard.h"
#include "db_medewerker.h"
#include "db_regie.h"
#include "db_spreekuur.h"
#include "domain.h"
#include "form.h"
#include "handlers.h"
#include "huishouden_form.h"
#include "db_aanmelding.h"
#include "melding.h"
#include "sorteer.h"
#include "veiligheid.h"

static const char *greeting(void)
{
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	if (tm.tm_hour < 6)
		return "Goedenacht";
	if (tm.tm_hour < 12)
		return "Goedemorgen";
	if (tm.tm_hour < 18)
		return "Goedemiddag";
	return "Goedenavond";
}

/* What each role can do from here; only pages that exist are listed. */
static json_t *tasks_for(unsigned roles)
{
	static const struct {
		const char *href, *label, *description;
		unsigned roles;
	} items[] = {
		{"/aanmeldingen/nieuw", "Nieuwe aanmelding",
		 "een vraag van een inwoner vastleggen, via welk kanaal ook",
		 ROLE_CONSULENT | ROLE_GEBIEDSTEAM | ROLE_TEAMLEIDER},
		{"/aanmeldingen", "Open aanmeldingen", "de wachtrij: veiligheid eerst, dan urgentie en leeftijd",
		 ROLE_CONSULENT | ROLE_GEBIEDSTEAM | ROLE_TEAMLEIDER},
		{"/beheer/aanbieders", "Aanbieders", "zorgaanbieders voor maatwerkvoorzieningen", ROLE_BEHEERDER},
		{"/beheer/sociale-kaart", "Sociale kaart", "vrij toegankelijke voorzieningen per gebied", ROLE_BEHEERDER},
		{"/beheer/producten", "Producten", "iWmo/iJw-productcodes voor beschikkingen", ROLE_BEHEERDER},
		{"/beheer/koppelingen", "Koppelingen", "technische accounts voor andere systemen die de API gebruiken",
		 ROLE_BEHEERDER},
		{"/beheer/api-tokens", "API-tokens", "tokens voor koppelingen uitgeven en intrekken", ROLE_BEHEERDER},
		{"/beheer/gebruikers", "Gebruikers beheren",
		 "accounts aanmaken, deactiveren en eenmalige wachtwoorden uitgeven", ROLE_BEHEERDER},
		{"/audit", "Auditlog", "wie heeft wat ingezien of gewijzigd, en is de keten in orde", ROLE_PRIVACY},
		/* -- spreekuren, locaties, bezoeken -- */
		{"/spreekuren", "Spreekuren", "de spreekuren van deze week: een inloop vastleggen in een minuut",
		 ROLE_CONSULENT | ROLE_GEBIEDSTEAM | ROLE_TEAMLEIDER},
		{"/beheer/spreekuren", "Spreekuurrooster", "wanneer en waar het gebiedsteam spreekuur houdt, en wie",
		 ROLE_BEHEERDER | ROLE_TEAMLEIDER},
		{"/beheer/locaties", "Locaties", "huisartsen, scholen, buurthuizen en andere plekken voor spreekuren",
		 ROLE_BEHEERDER},
		/* -- signalen -- */
		{"/signalen", "Signalen", "zorgen van buren en partners vastleggen en opvolgen, ook over wie nog niet bekend is",
		 ROLE_CONSULENT | ROLE_GEBIEDSTEAM | ROLE_TEAMLEIDER},
		/* -- teamdashboard, exports -- */
		{"/team", "Teamdashboard",
		 "caseload per medewerker, wachtrij zonder regisseur, veiligheid, doorlooptijden, maatwerk en uitstroom",
		 ROLE_TEAMLEIDER},
		{"/team/resultaten", "Resultaten per aanbieder en product",
		 "wie startte en stopte, bereikte doelen, verandering in zelfredzaamheid en eigen oordeel, kosten",
		 ROLE_TEAMLEIDER},
		/* -- sturingsinformatie zonder persoonsgegevens (issue 16) -- */
		{"/beleid", "Sturingsinformatie", "de cijfers van alle teams, zonder persoonsgegevens", ROLE_BELEID},
		{"/beleid/resultaten", "Resultaten per aanbieder en product",
		 "resultaten en kosten van het maatwerk, kleine aantallen als <5", ROLE_BELEID},
		{"/beleid/kwartaal", "Kwartaalrapportage", "de kerncijfers van vijf kwartalen voor de gemeenteraad",
		 ROLE_BELEID},
		/* -- beheer: teams, gebieden, expertises, gebruikers -- */
		{"/beheer/teams", "Teams", "teams aanmaken, hernoemen en opheffen", ROLE_BEHEERDER},
		{"/beheer/gebieden", "Gebieden", "wijken en kernen van de gemeente", ROLE_BEHEERDER},
		{"/beheer/wachtrijen", "Wachtrijen", "welk team de huishoudens zonder regisseur per gebied oppakt, "
		 "en het centrale intaketeam", ROLE_BEHEERDER},
		{"/beheer/expertises", "Expertises", "vakgebieden die aan tafel kunnen komen", ROLE_BEHEERDER},
		{"/beheer/gebruikers?actief=nee", "Gedeactiveerde gebruikers",
		 "accounts die niet meer kunnen inloggen, en hun huishoudens zonder regisseur", ROLE_BEHEERDER},
		/* -- privacy: auditzoeken, inzageverzoek, bewaartermijnen -- */
		{"/audit/personen", "Inzageverzoek", "een persoon opzoeken: wie zag of wijzigde wat, en alle gegevens als download",
		 ROLE_PRIVACY},
		{"/privacy/bewaartermijnen", "Bewaartermijnen", "hoe lang gegevens bewaard blijven per wettelijke grondslag",
		 ROLE_PRIVACY},
		{"/privacy/bewaren", "Te vernietigen", "afgesloten huishoudens waarvan de bewaartermijn voorbij is",
		 ROLE_PRIVACY},
		{"/privacy/rolwijzigingen", "Toegekende rechten",
		 "wie gaf wie de rol teamleider, beheerder of privacy officer, en wanneer", ROLE_PRIVACY},
		{"/wachtwoord", "Wachtwoord wijzigen", "kies een nieuw wachtwoord voor uw account", ROLE_ALL},
	};
	json_t *list = json_array();
	for (size_t i = 0; i < ARRAY_LEN(items); i++) {
		if (!(roles & items[i].roles))
			continue;
		json_array_append_new(list, json_pack("{s:s, s:s, s:s}", "href", items[i].href,
		                                      "label", items[i].label,
		                                      "description", items[i].description));
	}
	return list;
}

/* The open aanmeldingen with a legal term that is overdue or due within
 * a week, for the teamleider: data gets "termijnen" and "has_termijnen". */
static enum db_status terms_fill(db *d, json_t *data)
{
	json_t *term = db_aanmelding_with_term(d, 500);
	if (!term)
		return DB_ERROR;
	json_t *tight = json_array();
	int64_t now = now_unix();
	size_t i;
	json_t *row;
	json_array_foreach(term, i, row) {
		aanmelding_row_labels(row, now);
		json_t *t = json_object_get(row, "termijn");
		if (json_is_true(json_object_get(t, "te_laat")) || json_is_true(json_object_get(t, "binnen_week")))
			json_array_append(tight, row);
	}
	json_decref(term);
	json_object_set_new(data, "has_termijnen", json_boolean(json_array_size(tight) > 0));
	json_object_set_new(data, "termijnen", tight);
	return DB_OK;
}

/* The sortable columns of "Mijn huishoudens" and "Mijn open afspraken". */
static const struct sort_col household_cols[] = {
	{"adres", "Adres", "adres", SORT_TEXT, false},
	{"bewoners", "Bewoners", "bewoners", SORT_TEXT, false},
	{"status", "Status", "status_label", SORT_TEXT, false},
	{"evaluatie", "Volgende evaluatie", "volgende_evaluatie", SORT_TEXT, false},
	{"te_laat", "Te laat", "te_laat", SORT_NUM, true},
};
static const struct sort_col agreement_cols[] = {
	{"uiterlijk", "Uiterlijk", "uiterlijk", SORT_TEXT, false},
	{"huishouden", "Huishouden", "adres", SORT_TEXT, false},
	{"wat", "Wat", "wat", SORT_TEXT, false},
	{"wie", "Wie", "wie", SORT_TEXT, false},
	{"dagen_te_laat", "Dagen te laat", "dagen_te_laat", SORT_NUM, true},
};

int h_home(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct medewerker me;
	if (db_medewerker_get(d, r->arena, r->user->id, &me) != DB_OK)
		return -1;

	json_t *logins = db_audit_recent_logins(d, r->user->id, 5);
	size_t i;
	json_t *row;
	json_array_foreach(logins, i, row) {
		char when[20];
		fmt_datetime_nl(json_integer_value(json_object_get(row, "at")), when);
		json_object_set_new(row, "at", json_string(when));
		bool ok = strcmp(json_string_value(json_object_get(row, "action")), "login") == 0;
		json_object_set_new(row, "result", json_string(ok ? "Ingelogd" : "Mislukte poging"));
		json_object_set(row, "addr", json_object_get(row, "client_addr"));
	}

	json_t *data = json_object();
	if (r->user->roles & (ROLE_CONSULENT | ROLE_GEBIEDSTEAM | ROLE_TEAMLEIDER)) {
		/* Lists of households the user is regisseur of: contents shown
		 * here are the user's own cases, so no access check beyond that. */
		char today[11];
		date_today(today);
		json_t *mine = NULL, *agreements = NULL, *involved = NULL;
		if (db_dash_my_involvement(d, r->user->id, &involved) != DB_OK) {
			json_decref(data);
			json_decref(logins);
			return -1;
		}
		json_object_set_new(data, "has_involved", json_boolean(json_array_size(involved) > 0));
		json_object_set_new(data, "involved", involved);
		if (db_dash_my_households(d, r->user->id, today, &mine) != DB_OK ||
		    db_dash_my_agreements(d, r->user->id, today, &agreements) != DB_OK) {
			json_decref(mine);
			json_decref(data);
			json_decref(logins);
			return -1;
		}
		size_t k;
		json_t *h;
		json_array_foreach(mine, k, h) {
			const char *next = json_string_value(json_object_get(h, "volgende_evaluatie"));
			char nl[11];
			if (next) {
				fmt_date_nl(next, nl);
				json_object_set_new(h, "volgende_evaluatie_nl", json_string(nl));
			}
			json_int_t overdue = json_integer_value(json_object_get(h, "afspraken_verlopen")) +
			                     json_integer_value(json_object_get(h, "evaluatie_verlopen"));
			json_object_set_new(h, "te_laat", json_integer(overdue));
			/* 0 is truthy in a Mustache section: the template tests booleans. */
			json_object_set_new(h, "has_te_laat", json_boolean(overdue > 0));
			json_object_set_new(h, "is_evaluatie_verlopen",
			                    json_boolean(json_integer_value(json_object_get(h, "evaluatie_verlopen")) > 0));
			json_object_set_new(h, "status_label", json_string(vocab_label(&vocab_household_status,
			        json_string_value(json_object_get(h, "status")))));
		}
		json_array_foreach(agreements, k, h) {
			char nl[11];
			fmt_date_nl(json_string_value(json_object_get(h, "uiterlijk")), nl);
			json_object_set_new(h, "uiterlijk_nl", json_string(nl));
			json_object_set_new(h, "verlopen", json_boolean(json_integer_value(json_object_get(h, "dagen_te_laat")) > 0));
		}
		json_t *exceptions = db_my_exceptions(d, r->user->id, 30);
		/* Both lists sort by their columns (issue 13 item 4). */
		if (sort_apply(r, mine, household_cols, ARRAY_LEN(household_cols), "huishoudens", "/", NULL, data,
		               "kop_hh") != 0 ||
		    sort_apply(r, agreements, agreement_cols, ARRAY_LEN(agreement_cols), "afspraken", "/", NULL, data,
		               "kop_af") != 0) {
			json_decref(mine);
			json_decref(agreements);
			json_decref(exceptions);
			json_decref(data);
			json_decref(logins);
			return -1;
		}
		json_object_set_new(data, "case_worker", json_true());
		/* What I should not miss, first: read ones too on request. */
		bool all = req_query(r, "meldingen") && strcmp(req_query(r, "meldingen"), "alle") == 0;
		if (melding_list_fill(r, d, data, all) != DB_OK) {
			json_decref(mine);
			json_decref(agreements);
			json_decref(exceptions);
			json_decref(data);
			json_decref(logins);
			return -1;
		}
		json_object_set_new(data, "meldingen_alle", json_boolean(all));
		json_object_set_new(data, "has_households", json_boolean(json_array_size(mine) > 0));
		json_object_set_new(data, "households", mine);
		json_object_set_new(data, "has_agreements", json_boolean(json_array_size(agreements) > 0));
		json_object_set_new(data, "agreements", agreements);
		json_object_set_new(data, "has_exceptions", json_boolean(json_array_size(exceptions) > 0));
		json_object_set_new(data, "exceptions", exceptions);
		json_t *spreekuren = db_spreekuur_my_week(d, r->user->id);
		if (!spreekuren) {
			json_decref(data);
			json_decref(logins);
			return -1;
		}
		json_object_set_new(data, "has_spreekuren", json_boolean(json_array_size(spreekuren) > 0));
		json_object_set_new(data, "spreekuren", spreekuren);
		/* The teamleider's day starts with the open veiligheidszorgen and
		 * the legal terms that are overdue or due within a week. */
		if ((r->user->roles & ROLE_TEAMLEIDER) &&
		    (veiligheid_list_fill(r, d, data) != DB_OK || terms_fill(d, data) != DB_OK)) {
			json_decref(data);
			json_decref(logins);
			return -1;
		}
		if ((r->user->roles & ROLE_TEAMLEIDER) && team_summary_fill(r, data) != 0) {
			json_decref(data);
			json_decref(logins);
			return -1;
		}
		if (audit_view(r, "mijn_werk.view", NULL, 0, 0, NULL) != 0) {
			json_decref(data);
			json_decref(logins);
			return -1;
		}
	}
	json_object_set_new(data, "greeting", json_string(greeting()));
	if (req_query(r, "regie_overgedragen"))
		json_object_set_new(data, "notice", json_string(
			"De regisseur is toegewezen. U heeft zelf geen rol meer bij dit huishouden."));
	if (me.team_name)
		json_object_set_new(data, "team", json_string(me.team_name));
	json_t *tasks = tasks_for(r->user->roles);
	json_object_set_new(data, "has_tasks", json_boolean(json_array_size(tasks) > 0));
	json_object_set_new(data, "tasks", tasks);
	json_object_set_new(data, "has_logins", json_boolean(json_array_size(logins) > 0));
	json_object_set_new(data, "logins", logins);
	return reply_page(r, 200, "home", "Mijn werk", data);
}
