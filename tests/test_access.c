/* test_access.c - the access matrix: every route in the table, requested
 * by an anonymous visitor and by each role, with the status each must get.
 * The expectations are written out here, independent of the route table,
 * and the test fails when a route exists that the matrix does not cover. */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "http_client.h"
#include "router.h"
#include "testutil.h"

enum { ANON, CONS, GEBIED, TL, BEH, PRIV, BELEID, NROLES };
static const char *const role_title[NROLES] = {"anoniem", "consulent", "gebiedsteam",
                                               "teamleider", "beheerder", "privacy", "beleid"};

enum body_kind { NO_BODY, FORM_EMPTY, JSON_EMPTY };

struct cell {
	const char *method;
	const char *pattern;  /* as in the route table, to check coverage */
	const char *path;     /* the concrete request */
	enum body_kind body;
	bool ends_session;
	int expect[NROLES];
};

/* Need-to-know on real households (paths with {hh1}/{hh2}/{a1} are filled in
 * at run time): household 1 of the demo data gets the demo consulent (Team
 * Nijkerk-Noord) as regisseur; household 2 has no regisseur and no gebied,
 * so it is in the queue of the central intake team (Team Noord in the
 * demo).  The gebiedsteam member has no role in household 1 (a redirect to
 * the exception form, 403 on the API) but works household 2 from the
 * queue; the teamleider of the regisseur's team has access, and so does
 * every teamleider while there is no regisseur; beheerder and privacy
 * officer never. */
static const struct cell household_cells[] = {
	{"GET", "/huishoudens/{id}", "/huishoudens/{hh1}", NO_BODY, false, {303, 200, 303, 200, 403, 403, 403}},
	{"GET", "/huishoudens/{id}", "/huishoudens/{hh2}", NO_BODY, false, {303, 200, 200, 200, 403, 403, 403}},
	{"GET", "/huishoudens/{id}/toegang", "/huishoudens/{hh1}/toegang", NO_BODY, false, {303, 303, 200, 303, 403, 403, 403}},
	{"GET", "/huishoudens/{id}/regie", "/huishoudens/{hh1}/regie", NO_BODY, false, {303, 200, 303, 200, 403, 403, 403}},
	{"GET", "/aanmeldingen/{id}", "/aanmeldingen/{a1}", NO_BODY, false, {303, 200, 303, 200, 403, 403, 403}},
	{"GET", "/api/v1/huishoudens/{id}", "/api/v1/huishoudens/{hh1}", NO_BODY, false, {401, 200, 403, 200, 403, 403, 403}},
	{"GET", "/api/v1/huishoudens/{id}/regisseur", "/api/v1/huishoudens/{hh2}/regisseur", NO_BODY, false, {401, 200, 200, 200, 403, 403, 403}},
	{"GET", "/huishoudens/{id}/regie", "/huishoudens/{hh2}/regie", NO_BODY, false, {303, 200, 200, 200, 403, 403, 403}},
	{"GET", "/api/v1/huishoudens/{id}/journaal", "/api/v1/huishoudens/{hh1}/journaal", NO_BODY, false, {401, 200, 403, 200, 403, 403, 403}},
	/* Heropenen: whoever may see the contents (on an open household the page says there is nothing to reopen). */
	{"GET", "/huishoudens/{id}/heropenen", "/huishoudens/{hh1}/heropenen", NO_BODY, false, {303, 200, 303, 200, 403, 403, 403}},
	/* Documents: the same need-to-know as the household's contents. */
	{"GET", "/huishoudens/{id}/verslag", "/huishoudens/{hh1}/verslag", NO_BODY, false, {303, 200, 303, 200, 403, 403, 403}},
	{"GET", "/huishoudens/{id}/plan-voor-inwoner", "/huishoudens/{hh2}/plan-voor-inwoner", NO_BODY, false, {303, 200, 200, 200, 403, 403, 403}},
	{"GET", "/huishoudens/{id}/documenten/nieuw", "/huishoudens/{hh1}/documenten/nieuw", NO_BODY, false, {303, 200, 303, 200, 403, 403, 403}},
	{"GET", "/api/v1/huishoudens/{id}/documenten", "/api/v1/huishoudens/{hh1}/documenten", NO_BODY, false, {401, 200, 403, 200, 403, 403, 403}},
};

/* 303 for anonymous on protected pages is the redirect to /inloggen; 401
 * is the API's answer.  Ids 999999 do not exist: a beheerder gets 404, the
 * others are stopped by the access rule before the lookup. */
static const struct cell matrix[] = {
	{"GET", "/static/*", "/static/css/loket.css", NO_BODY, false, {200, 200, 200, 200, 200, 200, 200}},
	{"GET", "/inloggen", "/inloggen", NO_BODY, false, {200, 303, 303, 303, 303, 303, 303}},
	{"POST", "/inloggen", "/inloggen", FORM_EMPTY, false, {422, 422, 422, 422, 422, 422, 422}},
	{"GET", "/", "/", NO_BODY, false, {303, 200, 200, 200, 200, 200, 200}},
	/* Meldingen are the case workers' own: an empty form names none (400). */
	{"POST", "/meldingen/gelezen", "/meldingen/gelezen", FORM_EMPTY, false, {303, 400, 400, 400, 403, 403, 403}},
	{"GET", "/wachtwoord", "/wachtwoord", NO_BODY, false, {303, 200, 200, 200, 200, 200, 200}},
	{"POST", "/wachtwoord", "/wachtwoord", FORM_EMPTY, false, {303, 422, 422, 422, 422, 422, 422}},
	{"GET", "/beheer/gebruikers", "/beheer/gebruikers", NO_BODY, false, {303, 403, 403, 403, 200, 403, 403}},
	{"GET", "/beheer/gebruikers/nieuw", "/beheer/gebruikers/nieuw", NO_BODY, false, {303, 403, 403, 403, 200, 403, 403}},
	{"POST", "/beheer/gebruikers/nieuw", "/beheer/gebruikers/nieuw", FORM_EMPTY, false, {303, 403, 403, 403, 422, 403, 403}},
	{"GET", "/beheer/gebruikers/{id}", "/beheer/gebruikers/1", NO_BODY, false, {303, 403, 403, 403, 200, 403, 403}},
	{"GET", "/beheer/gebruikers/{id}", "/beheer/gebruikers/999999", NO_BODY, false, {303, 403, 403, 403, 404, 403, 403}},
	{"POST", "/beheer/gebruikers/{id}/deactiveren", "/beheer/gebruikers/999999/deactiveren", FORM_EMPTY, false, {303, 403, 403, 403, 404, 403, 403}},
	{"POST", "/beheer/gebruikers/{id}/activeren", "/beheer/gebruikers/999999/activeren", FORM_EMPTY, false, {303, 403, 403, 403, 404, 403, 403}},
	{"POST", "/beheer/gebruikers/{id}/wachtwoord", "/beheer/gebruikers/999999/wachtwoord", FORM_EMPTY, false, {303, 403, 403, 403, 404, 403, 403}},
	{"GET", "/audit", "/audit", NO_BODY, false, {303, 403, 403, 403, 403, 200, 403}},
	{"GET", "/api/v1/status", "/api/v1/status", NO_BODY, false, {200, 200, 200, 200, 200, 200, 200}},
	{"GET", "/api/v1/sessie", "/api/v1/sessie", NO_BODY, false, {200, 200, 200, 200, 200, 200, 200}},
	{"POST", "/api/v1/sessie", "/api/v1/sessie", JSON_EMPTY, false, {422, 422, 422, 422, 422, 422, 422}},
	{"GET", "/api/v1/ik", "/api/v1/ik", NO_BODY, false, {401, 200, 200, 200, 200, 200, 200}},
	/* -- huishoudens, personen, zoeken, aanmeldingen -- */
	{"GET", "/aanmeldingen", "/aanmeldingen", NO_BODY, false, {303, 200, 200, 200, 403, 403, 403}},
	{"GET", "/aanmeldingen/nieuw", "/aanmeldingen/nieuw", NO_BODY, false, {303, 200, 200, 200, 403, 403, 403}},
	{"POST", "/aanmeldingen/nieuw", "/aanmeldingen/nieuw", FORM_EMPTY, false, {303, 422, 422, 422, 403, 403, 403}},
	{"GET", "/aanmeldingen/{id}", "/aanmeldingen/999999", NO_BODY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"GET", "/zoeken", "/zoeken", NO_BODY, false, {303, 200, 200, 200, 403, 403, 403}},
	{"POST", "/zoeken", "/zoeken", FORM_EMPTY, false, {303, 200, 200, 200, 403, 403, 403}},
	{"GET", "/huishoudens/{id}/adres", "/huishoudens/999999/adres", NO_BODY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"POST", "/huishoudens/{id}/adres", "/huishoudens/999999/adres", FORM_EMPTY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"GET", "/huishoudens/{id}/personen/nieuw", "/huishoudens/999999/personen/nieuw", NO_BODY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"POST", "/huishoudens/{id}/personen/nieuw", "/huishoudens/999999/personen/nieuw", FORM_EMPTY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"GET", "/personen/{id}/bewerken", "/personen/999999/bewerken", NO_BODY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"POST", "/personen/{id}/bewerken", "/personen/999999/bewerken", FORM_EMPTY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"POST", "/personen/{id}/berichtenverkeer", "/personen/999999/berichtenverkeer", FORM_EMPTY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"GET", "/personen/{id}/verhuizen", "/personen/999999/verhuizen", NO_BODY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"POST", "/personen/{id}/verhuizen", "/personen/999999/verhuizen", FORM_EMPTY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"GET", "/api/v1/aanmeldingen", "/api/v1/aanmeldingen", NO_BODY, false, {401, 200, 200, 200, 403, 403, 403}},
	{"POST", "/api/v1/aanmeldingen", "/api/v1/aanmeldingen", JSON_EMPTY, false, {401, 422, 422, 422, 403, 403, 403}},
	{"GET", "/api/v1/aanmeldingen/{id}", "/api/v1/aanmeldingen/999999", NO_BODY, false, {401, 404, 404, 404, 403, 403, 403}},
	{"GET", "/huishoudens/{id}/veiligheid/nieuw", "/huishoudens/999999/veiligheid/nieuw", NO_BODY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"POST", "/huishoudens/{id}/veiligheid/nieuw", "/huishoudens/999999/veiligheid/nieuw", FORM_EMPTY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"GET", "/veiligheidszorgen/{id}", "/veiligheidszorgen/999999", NO_BODY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"POST", "/veiligheidszorgen/{id}/stappen", "/veiligheidszorgen/999999/stappen", FORM_EMPTY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"POST", "/veiligheidszorgen/{id}/sluiten", "/veiligheidszorgen/999999/sluiten", FORM_EMPTY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"GET", "/api/v1/huishoudens/{id}/veiligheidszorgen", "/api/v1/huishoudens/999999/veiligheidszorgen", NO_BODY, false, {401, 404, 404, 404, 403, 403, 403}},
	{"POST", "/api/v1/huishoudens/{id}/veiligheidszorgen", "/api/v1/huishoudens/999999/veiligheidszorgen", JSON_EMPTY, false, {401, 404, 404, 404, 403, 403, 403}},
	{"GET", "/api/v1/veiligheidszorgen/{id}", "/api/v1/veiligheidszorgen/999999", NO_BODY, false, {401, 404, 404, 404, 403, 403, 403}},
	{"POST", "/api/v1/veiligheidszorgen/{id}/stappen", "/api/v1/veiligheidszorgen/999999/stappen", JSON_EMPTY, false, {401, 404, 404, 404, 403, 403, 403}},
	{"POST", "/api/v1/veiligheidszorgen/{id}/sluiten", "/api/v1/veiligheidszorgen/999999/sluiten", JSON_EMPTY, false, {401, 404, 404, 404, 403, 403, 403}},
	{"GET", "/aanmeldingen/{id}/termijn", "/aanmeldingen/999999/termijn", NO_BODY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"POST", "/aanmeldingen/{id}/termijn", "/aanmeldingen/999999/termijn", FORM_EMPTY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"PUT", "/api/v1/aanmeldingen/{id}/termijn", "/api/v1/aanmeldingen/999999/termijn", JSON_EMPTY, false, {401, 404, 404, 404, 403, 403, 403}},
	{"POST", "/aanmeldingen/{id}/oppakken", "/aanmeldingen/999999/oppakken", FORM_EMPTY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"POST", "/aanmeldingen/{id}/behandelaar", "/aanmeldingen/999999/behandelaar", FORM_EMPTY, false, {303, 403, 403, 404, 403, 403, 403}},
	{"POST", "/api/v1/aanmeldingen/{id}/oppakken", "/api/v1/aanmeldingen/999999/oppakken", JSON_EMPTY, false, {401, 404, 404, 404, 403, 403, 403}},
	{"PUT", "/api/v1/aanmeldingen/{id}/behandelaar", "/api/v1/aanmeldingen/999999/behandelaar", JSON_EMPTY, false, {401, 403, 403, 404, 403, 403, 403}},
	{"GET", "/api/v1/huishoudens/{id}", "/api/v1/huishoudens/999999", NO_BODY, false, {401, 404, 404, 404, 403, 403, 403}},
	{"PUT", "/api/v1/huishoudens/{id}", "/api/v1/huishoudens/999999", JSON_EMPTY, false, {401, 404, 404, 404, 403, 403, 403}},
	{"POST", "/api/v1/huishoudens/{id}/personen", "/api/v1/huishoudens/999999/personen", JSON_EMPTY, false, {401, 404, 404, 404, 403, 403, 403}},
	{"GET", "/api/v1/personen/{id}", "/api/v1/personen/999999", NO_BODY, false, {401, 404, 404, 404, 403, 403, 403}},
	{"PUT", "/api/v1/personen/{id}", "/api/v1/personen/999999", JSON_EMPTY, false, {401, 404, 404, 404, 403, 403, 403}},
	{"POST", "/api/v1/zoeken", "/api/v1/zoeken", JSON_EMPTY, false, {401, 422, 422, 422, 403, 403, 403}},
	/* -- intake, netwerk, journaal, toestemming -- */
	{"GET", "/huishoudens/{id}/netwerk", "/huishoudens/999999/netwerk", NO_BODY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"GET", "/huishoudens/{id}/netwerk/nieuw", "/huishoudens/999999/netwerk/nieuw", NO_BODY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"POST", "/huishoudens/{id}/netwerk/nieuw", "/huishoudens/999999/netwerk/nieuw", FORM_EMPTY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"GET", "/netwerkleden/{id}/bewerken", "/netwerkleden/999999/bewerken", NO_BODY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"POST", "/netwerkleden/{id}/bewerken", "/netwerkleden/999999/bewerken", FORM_EMPTY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"POST", "/netwerkleden/{id}/verwijderen", "/netwerkleden/999999/verwijderen", FORM_EMPTY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"GET", "/huishoudens/{id}/intake/nieuw", "/huishoudens/999999/intake/nieuw", NO_BODY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"POST", "/huishoudens/{id}/intake/nieuw", "/huishoudens/999999/intake/nieuw", FORM_EMPTY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"GET", "/intakes/{id}", "/intakes/999999", NO_BODY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"GET", "/intakes/{id}/bewerken", "/intakes/999999/bewerken", NO_BODY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"POST", "/intakes/{id}/bewerken", "/intakes/999999/bewerken", FORM_EMPTY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"GET", "/huishoudens/{id}/journaal/nieuw", "/huishoudens/999999/journaal/nieuw", NO_BODY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"POST", "/huishoudens/{id}/journaal/nieuw", "/huishoudens/999999/journaal/nieuw", FORM_EMPTY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"GET", "/journaal/{id}", "/journaal/999999", NO_BODY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"GET", "/journaal/{id}/bewerken", "/journaal/999999/bewerken", NO_BODY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"POST", "/journaal/{id}/bewerken", "/journaal/999999/bewerken", FORM_EMPTY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"GET", "/personen/{id}/toestemming/nieuw", "/personen/999999/toestemming/nieuw", NO_BODY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"POST", "/personen/{id}/toestemming/nieuw", "/personen/999999/toestemming/nieuw", FORM_EMPTY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"GET", "/toestemmingen/{id}/intrekken", "/toestemmingen/999999/intrekken", NO_BODY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"POST", "/toestemmingen/{id}/intrekken", "/toestemmingen/999999/intrekken", FORM_EMPTY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"GET", "/api/v1/huishoudens/{id}/intakes", "/api/v1/huishoudens/999999/intakes", NO_BODY, false, {401, 404, 404, 404, 403, 403, 403}},
	{"POST", "/api/v1/huishoudens/{id}/intakes", "/api/v1/huishoudens/999999/intakes", JSON_EMPTY, false, {401, 404, 404, 404, 403, 403, 403}},
	{"GET", "/api/v1/intakes/{id}", "/api/v1/intakes/999999", NO_BODY, false, {401, 404, 404, 404, 403, 403, 403}},
	{"PUT", "/api/v1/intakes/{id}", "/api/v1/intakes/999999", JSON_EMPTY, false, {401, 404, 404, 404, 403, 403, 403}},
	{"GET", "/api/v1/huishoudens/{id}/netwerk", "/api/v1/huishoudens/999999/netwerk", NO_BODY, false, {401, 404, 404, 404, 403, 403, 403}},
	{"POST", "/api/v1/huishoudens/{id}/netwerk", "/api/v1/huishoudens/999999/netwerk", JSON_EMPTY, false, {401, 404, 404, 404, 403, 403, 403}},
	{"PUT", "/api/v1/netwerkleden/{id}", "/api/v1/netwerkleden/999999", JSON_EMPTY, false, {401, 404, 404, 404, 403, 403, 403}},
	{"GET", "/api/v1/huishoudens/{id}/journaal", "/api/v1/huishoudens/999999/journaal", NO_BODY, false, {401, 404, 404, 404, 403, 403, 403}},
	{"POST", "/api/v1/huishoudens/{id}/journaal", "/api/v1/huishoudens/999999/journaal", JSON_EMPTY, false, {401, 404, 404, 404, 403, 403, 403}},
	{"GET", "/api/v1/journaal/{id}", "/api/v1/journaal/999999", NO_BODY, false, {401, 404, 404, 404, 403, 403, 403}},
	{"PUT", "/api/v1/journaal/{id}", "/api/v1/journaal/999999", JSON_EMPTY, false, {401, 404, 404, 404, 403, 403, 403}},
	{"GET", "/api/v1/personen/{id}/toestemmingen", "/api/v1/personen/999999/toestemmingen", NO_BODY, false, {401, 404, 404, 404, 403, 403, 403}},
	{"POST", "/api/v1/personen/{id}/toestemmingen", "/api/v1/personen/999999/toestemmingen", JSON_EMPTY, false, {401, 404, 404, 404, 403, 403, 403}},
	{"POST", "/api/v1/toestemmingen/{id}/intrekken", "/api/v1/toestemmingen/999999/intrekken", JSON_EMPTY, false, {401, 404, 404, 404, 403, 403, 403}},
	/* -- plan, doelen, rolgesprek, afspraken -- */
	{"GET", "/huishoudens/{id}/plan", "/huishoudens/999999/plan", NO_BODY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"POST", "/huishoudens/{id}/plan", "/huishoudens/999999/plan", FORM_EMPTY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"GET", "/plannen/{id}/afdrukken", "/plannen/999999/afdrukken", NO_BODY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"GET", "/plannen/{id}/vaststellen", "/plannen/999999/vaststellen", NO_BODY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"POST", "/plannen/{id}/vaststellen", "/plannen/999999/vaststellen", FORM_EMPTY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"POST", "/plannen/{id}/nieuwe-versie", "/plannen/999999/nieuwe-versie", FORM_EMPTY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"GET", "/plannen/{id}/versies/{id}", "/plannen/999999/versies/1", NO_BODY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"GET", "/plannen/{id}/doelen/nieuw", "/plannen/999999/doelen/nieuw", NO_BODY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"POST", "/plannen/{id}/doelen/nieuw", "/plannen/999999/doelen/nieuw", FORM_EMPTY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"GET", "/doelen/{id}/bewerken", "/doelen/999999/bewerken", NO_BODY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"POST", "/doelen/{id}/bewerken", "/doelen/999999/bewerken", FORM_EMPTY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"GET", "/doelen/{id}/rolgesprek", "/doelen/999999/rolgesprek", NO_BODY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"POST", "/doelen/{id}/rolgesprek", "/doelen/999999/rolgesprek", FORM_EMPTY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"POST", "/rolgesprek/{id}/verwijderen", "/rolgesprek/999999/verwijderen", FORM_EMPTY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"GET", "/doelen/{id}/afspraken/nieuw", "/doelen/999999/afspraken/nieuw", NO_BODY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"POST", "/doelen/{id}/afspraken/nieuw", "/doelen/999999/afspraken/nieuw", FORM_EMPTY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"POST", "/afspraken/{id}/gedaan", "/afspraken/999999/gedaan", FORM_EMPTY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"GET", "/api/v1/huishoudens/{id}/plan", "/api/v1/huishoudens/999999/plan", NO_BODY, false, {401, 404, 404, 404, 403, 403, 403}},
	{"POST", "/api/v1/huishoudens/{id}/plan", "/api/v1/huishoudens/999999/plan", JSON_EMPTY, false, {401, 404, 404, 404, 403, 403, 403}},
	{"POST", "/api/v1/plannen/{id}/vaststellen", "/api/v1/plannen/999999/vaststellen", JSON_EMPTY, false, {401, 404, 404, 404, 403, 403, 403}},
	{"POST", "/api/v1/plannen/{id}/nieuwe-versie", "/api/v1/plannen/999999/nieuwe-versie", JSON_EMPTY, false, {401, 404, 404, 404, 403, 403, 403}},
	{"GET", "/api/v1/plannen/{id}/versies/{id}", "/api/v1/plannen/999999/versies/1", NO_BODY, false, {401, 404, 404, 404, 403, 403, 403}},
	{"POST", "/api/v1/plannen/{id}/doelen", "/api/v1/plannen/999999/doelen", JSON_EMPTY, false, {401, 404, 404, 404, 403, 403, 403}},
	{"GET", "/api/v1/doelen/{id}", "/api/v1/doelen/999999", NO_BODY, false, {401, 404, 404, 404, 403, 403, 403}},
	{"PUT", "/api/v1/doelen/{id}", "/api/v1/doelen/999999", JSON_EMPTY, false, {401, 404, 404, 404, 403, 403, 403}},
	{"GET", "/api/v1/doelen/{id}/rolgesprek", "/api/v1/doelen/999999/rolgesprek", NO_BODY, false, {401, 404, 404, 404, 403, 403, 403}},
	{"POST", "/api/v1/doelen/{id}/rolgesprek", "/api/v1/doelen/999999/rolgesprek", JSON_EMPTY, false, {401, 404, 404, 404, 403, 403, 403}},
	{"DELETE", "/api/v1/rolgesprek/{id}", "/api/v1/rolgesprek/999999", NO_BODY, false, {401, 404, 404, 404, 403, 403, 403}},
	{"PUT", "/api/v1/rolgesprek/{id}", "/api/v1/rolgesprek/999999", JSON_EMPTY, false, {401, 404, 404, 404, 403, 403, 403}},
	{"POST", "/api/v1/doelen/{id}/afspraken", "/api/v1/doelen/999999/afspraken", JSON_EMPTY, false, {401, 404, 404, 404, 403, 403, 403}},
	{"PUT", "/api/v1/afspraken/{id}", "/api/v1/afspraken/999999", JSON_EMPTY, false, {401, 404, 404, 404, 403, 403, 403}},
	/* -- voorzieningen, aanbieders, sociale kaart, producten -- */
	{"GET", "/huishoudens/{id}/voorzieningen/nieuw", "/huishoudens/999999/voorzieningen/nieuw", NO_BODY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"POST", "/huishoudens/{id}/voorzieningen/nieuw", "/huishoudens/999999/voorzieningen/nieuw", FORM_EMPTY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"GET", "/voorzieningen/{id}", "/voorzieningen/999999", NO_BODY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"GET", "/voorzieningen/{id}/bewerken", "/voorzieningen/999999/bewerken", NO_BODY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"POST", "/voorzieningen/{id}/bewerken", "/voorzieningen/999999/bewerken", FORM_EMPTY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"POST", "/voorzieningen/{id}/status", "/voorzieningen/999999/status", FORM_EMPTY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"GET", "/api/v1/huishoudens/{id}/voorzieningen", "/api/v1/huishoudens/999999/voorzieningen", NO_BODY, false, {401, 404, 404, 404, 403, 403, 403}},
	{"POST", "/api/v1/huishoudens/{id}/voorzieningen", "/api/v1/huishoudens/999999/voorzieningen", JSON_EMPTY, false, {401, 404, 404, 404, 403, 403, 403}},
	{"GET", "/api/v1/voorzieningen/{id}", "/api/v1/voorzieningen/999999", NO_BODY, false, {401, 404, 404, 404, 403, 403, 403}},
	{"PUT", "/api/v1/voorzieningen/{id}", "/api/v1/voorzieningen/999999", JSON_EMPTY, false, {401, 404, 404, 404, 403, 403, 403}},
	{"POST", "/api/v1/voorzieningen/{id}/status", "/api/v1/voorzieningen/999999/status", JSON_EMPTY, false, {401, 404, 404, 404, 403, 403, 403}},
	/* -- documenten (issue 15): unknown ids are 404 for case workers -- */
	{"GET", "/voorzieningen/{id}/beschikking", "/voorzieningen/999999/beschikking", NO_BODY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"POST", "/voorzieningen/{id}/beschikking", "/voorzieningen/999999/beschikking", FORM_EMPTY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"GET", "/huishoudens/{id}/plan-voor-inwoner", "/huishoudens/999999/plan-voor-inwoner", NO_BODY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"POST", "/huishoudens/{id}/plan-voor-inwoner", "/huishoudens/999999/plan-voor-inwoner", FORM_EMPTY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"GET", "/huishoudens/{id}/verslag", "/huishoudens/999999/verslag", NO_BODY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"POST", "/huishoudens/{id}/verslag", "/huishoudens/999999/verslag", FORM_EMPTY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"GET", "/huishoudens/{id}/documenten/nieuw", "/huishoudens/999999/documenten/nieuw", NO_BODY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"POST", "/huishoudens/{id}/documenten/nieuw", "/huishoudens/999999/documenten/nieuw", FORM_EMPTY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"GET", "/documenten/{id}/bestand", "/documenten/999999/bestand", NO_BODY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"GET", "/api/v1/huishoudens/{id}/documenten", "/api/v1/huishoudens/999999/documenten", NO_BODY, false, {401, 404, 404, 404, 403, 403, 403}},
	{"POST", "/api/v1/huishoudens/{id}/documenten", "/api/v1/huishoudens/999999/documenten", JSON_EMPTY, false, {401, 404, 404, 404, 403, 403, 403}},
	{"GET", "/api/v1/documenten/{id}/bestand", "/api/v1/documenten/999999/bestand", NO_BODY, false, {401, 404, 404, 404, 403, 403, 403}},
	{"GET", "/api/v1/voorzieningen/{id}/beschikking", "/api/v1/voorzieningen/999999/beschikking", NO_BODY, false, {401, 404, 404, 404, 403, 403, 403}},
	{"POST", "/api/v1/voorzieningen/{id}/beschikking", "/api/v1/voorzieningen/999999/beschikking", JSON_EMPTY, false, {401, 404, 404, 404, 403, 403, 403}},
	{"GET", "/api/v1/huishoudens/{id}/plan-voor-inwoner", "/api/v1/huishoudens/999999/plan-voor-inwoner", NO_BODY, false, {401, 404, 404, 404, 403, 403, 403}},
	{"POST", "/api/v1/huishoudens/{id}/plan-voor-inwoner", "/api/v1/huishoudens/999999/plan-voor-inwoner", JSON_EMPTY, false, {401, 404, 404, 404, 403, 403, 403}},
	{"GET", "/api/v1/huishoudens/{id}/verslag", "/api/v1/huishoudens/999999/verslag", NO_BODY, false, {401, 404, 404, 404, 403, 403, 403}},
	{"POST", "/api/v1/huishoudens/{id}/verslag", "/api/v1/huishoudens/999999/verslag", JSON_EMPTY, false, {401, 404, 404, 404, 403, 403, 403}},
	/* -- berichtenverkeer (issue 14): the page for teamleider and beheerder,
	 * the upload for the beheerder; the API also for koppelingen, refused
	 * by the handler to a case worker's session; requests need-to-know -- */
	{"GET", "/berichten", "/berichten", NO_BODY, false, {303, 403, 403, 200, 200, 403, 403}},
	{"POST", "/berichten/inlezen", "/berichten/inlezen", FORM_EMPTY, false, {303, 403, 403, 403, 422, 403, 403}},
	{"GET", "/berichten/{id}", "/berichten/999999", NO_BODY, false, {303, 403, 403, 404, 404, 403, 403}},
	{"GET", "/api/v1/berichten", "/api/v1/berichten", NO_BODY, false, {401, 403, 403, 200, 200, 403, 403}},
	{"POST", "/api/v1/berichten", "/api/v1/berichten", JSON_EMPTY, false, {401, 403, 403, 415, 415, 403, 403}},
	{"GET", "/api/v1/berichten/{id}", "/api/v1/berichten/999999", NO_BODY, false, {401, 403, 403, 404, 404, 403, 403}},
	{"GET", "/verzoeken/{id}", "/verzoeken/999999", NO_BODY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"POST", "/verzoeken/{id}/toekennen", "/verzoeken/999999/toekennen", FORM_EMPTY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"POST", "/verzoeken/{id}/afwijzen", "/verzoeken/999999/afwijzen", FORM_EMPTY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"GET", "/api/v1/aanbieders", "/api/v1/aanbieders", NO_BODY, false, {401, 200, 200, 200, 403, 403, 403}},
	{"GET", "/api/v1/sociale-kaart", "/api/v1/sociale-kaart", NO_BODY, false, {401, 200, 200, 200, 403, 403, 403}},
	{"GET", "/api/v1/producten", "/api/v1/producten", NO_BODY, false, {401, 200, 200, 200, 403, 403, 403}},
	{"GET", "/beheer/aanbieders", "/beheer/aanbieders", NO_BODY, false, {303, 403, 403, 403, 200, 403, 403}},
	{"GET", "/beheer/aanbieders/{id}/contracten", "/beheer/aanbieders/999999/contracten", NO_BODY, false, {303, 403, 403, 403, 404, 403, 403}},
	{"POST", "/beheer/aanbieders/{id}/contracten", "/beheer/aanbieders/999999/contracten", FORM_EMPTY, false, {303, 403, 403, 403, 404, 403, 403}},
	{"POST", "/beheer/contracten/{id}/beeindigen", "/beheer/contracten/999999/beeindigen", FORM_EMPTY, false, {303, 403, 403, 403, 404, 403, 403}},
	{"POST", "/beheer/contracten/{id}/verwijderen", "/beheer/contracten/999999/verwijderen", FORM_EMPTY, false, {303, 403, 403, 403, 404, 403, 403}},
	{"GET", "/beheer/aanbieders/nieuw", "/beheer/aanbieders/nieuw", NO_BODY, false, {303, 403, 403, 403, 200, 403, 403}},
	{"POST", "/beheer/aanbieders/nieuw", "/beheer/aanbieders/nieuw", FORM_EMPTY, false, {303, 403, 403, 403, 422, 403, 403}},
	{"GET", "/beheer/aanbieders/{id}/bewerken", "/beheer/aanbieders/999999/bewerken", NO_BODY, false, {303, 403, 403, 403, 404, 403, 403}},
	{"POST", "/beheer/aanbieders/{id}/bewerken", "/beheer/aanbieders/999999/bewerken", FORM_EMPTY, false, {303, 403, 403, 403, 404, 403, 403}},
	{"GET", "/beheer/sociale-kaart", "/beheer/sociale-kaart", NO_BODY, false, {303, 403, 403, 403, 200, 403, 403}},
	{"GET", "/beheer/sociale-kaart/nieuw", "/beheer/sociale-kaart/nieuw", NO_BODY, false, {303, 403, 403, 403, 200, 403, 403}},
	{"POST", "/beheer/sociale-kaart/nieuw", "/beheer/sociale-kaart/nieuw", FORM_EMPTY, false, {303, 403, 403, 403, 422, 403, 403}},
	{"GET", "/beheer/sociale-kaart/{id}/bewerken", "/beheer/sociale-kaart/999999/bewerken", NO_BODY, false, {303, 403, 403, 403, 404, 403, 403}},
	{"POST", "/beheer/sociale-kaart/{id}/bewerken", "/beheer/sociale-kaart/999999/bewerken", FORM_EMPTY, false, {303, 403, 403, 403, 404, 403, 403}},
	{"GET", "/beheer/producten", "/beheer/producten", NO_BODY, false, {303, 403, 403, 403, 200, 403, 403}},
	{"GET", "/beheer/producten/nieuw", "/beheer/producten/nieuw", NO_BODY, false, {303, 403, 403, 403, 200, 403, 403}},
	{"POST", "/beheer/producten/nieuw", "/beheer/producten/nieuw", FORM_EMPTY, false, {303, 403, 403, 403, 422, 403, 403}},
	{"GET", "/beheer/producten/{id}/bewerken", "/beheer/producten/999999/bewerken", NO_BODY, false, {303, 403, 403, 403, 404, 403, 403}},
	{"POST", "/beheer/producten/{id}/bewerken", "/beheer/producten/999999/bewerken", FORM_EMPTY, false, {303, 403, 403, 403, 404, 403, 403}},
	/* -- evaluatie, afsluiten, moreel beraad -- */
	{"GET", "/plannen/{id}/evaluaties/nieuw", "/plannen/999999/evaluaties/nieuw", NO_BODY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"POST", "/plannen/{id}/evaluaties/nieuw", "/plannen/999999/evaluaties/nieuw", FORM_EMPTY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"GET", "/evaluaties/{id}", "/evaluaties/999999", NO_BODY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"GET", "/huishoudens/{id}/afsluiten", "/huishoudens/999999/afsluiten", NO_BODY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"POST", "/huishoudens/{id}/afsluiten", "/huishoudens/999999/afsluiten", FORM_EMPTY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"GET", "/huishoudens/{id}/heropenen", "/huishoudens/999999/heropenen", NO_BODY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"POST", "/huishoudens/{id}/heropenen", "/huishoudens/999999/heropenen", FORM_EMPTY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"GET", "/huishoudens/{id}/moreel-beraad/nieuw", "/huishoudens/999999/moreel-beraad/nieuw", NO_BODY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"POST", "/huishoudens/{id}/moreel-beraad/nieuw", "/huishoudens/999999/moreel-beraad/nieuw", FORM_EMPTY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"GET", "/moreel-beraad/{id}", "/moreel-beraad/999999", NO_BODY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"GET", "/api/v1/plannen/{id}/evaluaties", "/api/v1/plannen/999999/evaluaties", NO_BODY, false, {401, 404, 404, 404, 403, 403, 403}},
	{"POST", "/api/v1/plannen/{id}/evaluaties", "/api/v1/plannen/999999/evaluaties", JSON_EMPTY, false, {401, 404, 404, 404, 403, 403, 403}},
	{"GET", "/api/v1/evaluaties/{id}", "/api/v1/evaluaties/999999", NO_BODY, false, {401, 404, 404, 404, 403, 403, 403}},
	{"GET", "/api/v1/huishoudens/{id}/zrm-voortgang", "/api/v1/huishoudens/999999/zrm-voortgang", NO_BODY, false, {401, 404, 404, 404, 403, 403, 403}},
	{"POST", "/api/v1/huishoudens/{id}/afsluiten", "/api/v1/huishoudens/999999/afsluiten", JSON_EMPTY, false, {401, 404, 404, 404, 403, 403, 403}},
	{"POST", "/api/v1/huishoudens/{id}/heropenen", "/api/v1/huishoudens/999999/heropenen", JSON_EMPTY, false, {401, 404, 404, 404, 403, 403, 403}},
	{"GET", "/api/v1/huishoudens/{id}/moreel-beraad", "/api/v1/huishoudens/999999/moreel-beraad", NO_BODY, false, {401, 404, 404, 404, 403, 403, 403}},
	{"POST", "/api/v1/huishoudens/{id}/moreel-beraad", "/api/v1/huishoudens/999999/moreel-beraad", JSON_EMPTY, false, {401, 404, 404, 404, 403, 403, 403}},
	/* -- overzicht, toegang, regie, casusteam, api-tokens -- */
	{"GET", "/huishoudens/{id}", "/huishoudens/999999", NO_BODY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"GET", "/huishoudens/{id}/toegang", "/huishoudens/999999/toegang", NO_BODY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"POST", "/huishoudens/{id}/toegang", "/huishoudens/999999/toegang", FORM_EMPTY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"POST", "/api/v1/huishoudens/{id}/toegang", "/api/v1/huishoudens/999999/toegang", JSON_EMPTY, false, {401, 404, 404, 404, 403, 403, 403}},
	{"GET", "/huishoudens/{id}/regie", "/huishoudens/999999/regie", NO_BODY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"POST", "/huishoudens/{id}/regie", "/huishoudens/999999/regie", FORM_EMPTY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"POST", "/huishoudens/{id}/casusteam", "/huishoudens/999999/casusteam", FORM_EMPTY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"POST", "/huishoudens/{id}/casusteam/{id}/verwijderen", "/huishoudens/999999/casusteam/1/verwijderen", FORM_EMPTY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"GET", "/api/v1/huishoudens/{id}/regisseur", "/api/v1/huishoudens/999999/regisseur", NO_BODY, false, {401, 404, 404, 404, 403, 403, 403}},
	{"PUT", "/api/v1/huishoudens/{id}/regisseur", "/api/v1/huishoudens/999999/regisseur", JSON_EMPTY, false, {401, 404, 404, 404, 403, 403, 403}},
	{"GET", "/api/v1/huishoudens/{id}/casusteam", "/api/v1/huishoudens/999999/casusteam", NO_BODY, false, {401, 404, 404, 404, 403, 403, 403}},
	{"POST", "/api/v1/huishoudens/{id}/casusteam", "/api/v1/huishoudens/999999/casusteam", JSON_EMPTY, false, {401, 404, 404, 404, 403, 403, 403}},
	{"DELETE", "/api/v1/huishoudens/{id}/casusteam/{id}", "/api/v1/huishoudens/999999/casusteam/1", NO_BODY, false, {401, 404, 404, 404, 403, 403, 403}},
	{"GET", "/beheer/api-tokens", "/beheer/api-tokens", NO_BODY, false, {303, 403, 403, 403, 200, 403, 403}},
	{"POST", "/beheer/api-tokens", "/beheer/api-tokens", FORM_EMPTY, false, {303, 403, 403, 403, 422, 403, 403}},
	{"POST", "/beheer/api-tokens/{id}/intrekken", "/beheer/api-tokens/999999/intrekken", FORM_EMPTY, false, {303, 403, 403, 403, 404, 403, 403}},
	{"GET", "/beheer/koppelingen", "/beheer/koppelingen", NO_BODY, false, {303, 403, 403, 403, 200, 403, 403}},
	{"POST", "/beheer/koppelingen", "/beheer/koppelingen", FORM_EMPTY, false, {303, 403, 403, 403, 422, 403, 403}},
	{"POST", "/beheer/koppelingen/{id}/deactiveren", "/beheer/koppelingen/999999/deactiveren", FORM_EMPTY, false, {303, 403, 403, 403, 404, 403, 403}},
	{"GET", NULL, "/bestaat-niet", NO_BODY, false, {404, 404, 404, 404, 404, 404, 404}},
	{"PUT", NULL, "/", NO_BODY, false, {405, 405, 405, 405, 405, 405, 405}},
	{"DELETE", "/api/v1/sessie", "/api/v1/sessie", NO_BODY, true, {401, 200, 200, 200, 200, 200, 200}},
	{"POST", "/uitloggen", "/uitloggen", FORM_EMPTY, true, {303, 303, 303, 303, 303, 303, 303}},
	/* -- spreekuren, locaties, bezoeken -- */
	{"GET", "/beheer/locaties", "/beheer/locaties", NO_BODY, false, {303, 403, 403, 403, 200, 403, 403}},
	{"GET", "/beheer/locaties/nieuw", "/beheer/locaties/nieuw", NO_BODY, false, {303, 403, 403, 403, 200, 403, 403}},
	{"POST", "/beheer/locaties/nieuw", "/beheer/locaties/nieuw", FORM_EMPTY, false, {303, 403, 403, 403, 422, 403, 403}},
	{"GET", "/beheer/locaties/{id}/bewerken", "/beheer/locaties/999999/bewerken", NO_BODY, false, {303, 403, 403, 403, 404, 403, 403}},
	{"POST", "/beheer/locaties/{id}/bewerken", "/beheer/locaties/999999/bewerken", FORM_EMPTY, false, {303, 403, 403, 403, 404, 403, 403}},
	{"GET", "/beheer/spreekuren", "/beheer/spreekuren", NO_BODY, false, {303, 403, 403, 200, 200, 403, 403}},
	{"GET", "/beheer/spreekuren/nieuw", "/beheer/spreekuren/nieuw", NO_BODY, false, {303, 403, 403, 200, 200, 403, 403}},
	{"POST", "/beheer/spreekuren/nieuw", "/beheer/spreekuren/nieuw", FORM_EMPTY, false, {303, 403, 403, 422, 422, 403, 403}},
	{"GET", "/beheer/spreekuren/{id}/bewerken", "/beheer/spreekuren/1/bewerken", NO_BODY, false, {303, 403, 403, 200, 200, 403, 403}},
	{"GET", "/beheer/spreekuren/{id}/bewerken", "/beheer/spreekuren/999999/bewerken", NO_BODY, false, {303, 403, 403, 404, 404, 403, 403}},
	{"POST", "/beheer/spreekuren/{id}/bewerken", "/beheer/spreekuren/999999/bewerken", FORM_EMPTY, false, {303, 403, 403, 404, 404, 403, 403}},
	{"GET", "/spreekuren", "/spreekuren", NO_BODY, false, {303, 200, 200, 200, 403, 403, 403}},
	{"GET", "/spreekuren/{id}", "/spreekuren/1", NO_BODY, false, {303, 200, 200, 200, 403, 403, 403}},
	{"GET", "/spreekuren/{id}", "/spreekuren/999999", NO_BODY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"POST", "/spreekuren/{id}/bezoeken", "/spreekuren/999999/bezoeken", FORM_EMPTY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"GET", "/bezoeken/{id}", "/bezoeken/999999", NO_BODY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"POST", "/bezoeken/{id}/afronden", "/bezoeken/999999/afronden", FORM_EMPTY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"POST", "/bezoeken/{id}/koppelen", "/bezoeken/999999/koppelen", FORM_EMPTY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"GET", "/api/v1/locaties", "/api/v1/locaties", NO_BODY, false, {401, 200, 200, 200, 200, 403, 403}},
	{"GET", "/api/v1/spreekuren", "/api/v1/spreekuren", NO_BODY, false, {401, 200, 200, 200, 200, 403, 403}},
	{"POST", "/api/v1/spreekuren", "/api/v1/spreekuren", JSON_EMPTY, false, {401, 403, 403, 422, 422, 403, 403}},
	{"GET", "/api/v1/spreekuren/{id}", "/api/v1/spreekuren/999999", NO_BODY, false, {401, 404, 404, 404, 404, 403, 403}},
	{"PUT", "/api/v1/spreekuren/{id}", "/api/v1/spreekuren/999999", JSON_EMPTY, false, {401, 403, 403, 404, 404, 403, 403}},
	{"GET", "/api/v1/spreekuren/{id}/bezoeken", "/api/v1/spreekuren/999999/bezoeken", NO_BODY, false, {401, 404, 404, 404, 403, 403, 403}},
	{"POST", "/api/v1/spreekuren/{id}/bezoeken", "/api/v1/spreekuren/999999/bezoeken", JSON_EMPTY, false, {401, 404, 404, 404, 403, 403, 403}},
	{"GET", "/api/v1/bezoeken/{id}", "/api/v1/bezoeken/999999", NO_BODY, false, {401, 404, 404, 404, 403, 403, 403}},
	{"POST", "/api/v1/bezoeken/{id}/afronden", "/api/v1/bezoeken/999999/afronden", JSON_EMPTY, false, {401, 404, 404, 404, 403, 403, 403}},
	/* -- signalen -- */
	{"GET", "/signalen", "/signalen", NO_BODY, false, {303, 200, 200, 200, 403, 403, 403}},
	{"GET", "/signalen/nieuw", "/signalen/nieuw", NO_BODY, false, {303, 200, 200, 200, 403, 403, 403}},
	{"POST", "/signalen/nieuw", "/signalen/nieuw", FORM_EMPTY, false, {303, 422, 422, 422, 403, 403, 403}},
	{"GET", "/signalen/{id}", "/signalen/1", NO_BODY, false, {303, 200, 200, 200, 403, 403, 403}},
	{"GET", "/signalen/{id}", "/signalen/999999", NO_BODY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"POST", "/signalen/{id}", "/signalen/999999", FORM_EMPTY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"POST", "/signalen/{id}/koppelen", "/signalen/999999/koppelen", FORM_EMPTY, false, {303, 404, 404, 404, 403, 403, 403}},
	{"GET", "/api/v1/signalen", "/api/v1/signalen", NO_BODY, false, {401, 200, 200, 200, 403, 403, 403}},
	{"POST", "/api/v1/signalen", "/api/v1/signalen", JSON_EMPTY, false, {401, 422, 422, 422, 403, 403, 403}},
	{"GET", "/api/v1/signalen/{id}", "/api/v1/signalen/999999", NO_BODY, false, {401, 404, 404, 404, 403, 403, 403}},
	{"PUT", "/api/v1/signalen/{id}", "/api/v1/signalen/999999", JSON_EMPTY, false, {401, 404, 404, 404, 403, 403, 403}},
	{"POST", "/api/v1/signalen/{id}/koppelen", "/api/v1/signalen/999999/koppelen", JSON_EMPTY, false, {401, 404, 404, 404, 403, 403, 403}},
	/* -- teamdashboard, exports -- */
	{"GET", "/team", "/team", NO_BODY, false, {303, 403, 403, 200, 403, 403, 403}},
	{"GET", "/team", "/team?van=2026-13", NO_BODY, false, {303, 403, 403, 422, 403, 403, 403}},
	{"GET", "/team/huishoudens", "/team/huishoudens?lijst=zonder_regisseur", NO_BODY, false, {303, 403, 403, 200, 403, 403, 403}},
	{"GET", "/team/huishoudens", "/team/huishoudens", NO_BODY, false, {303, 403, 403, 422, 403, 403, 403}},
	{"GET", "/team/bezetting", "/team/bezetting", NO_BODY, false, {303, 403, 403, 200, 403, 403, 403}},
	{"POST", "/team/bezetting", "/team/bezetting", FORM_EMPTY, false, {303, 403, 403, 422, 403, 403, 403}},
	{"GET", "/team/signalen", "/team/signalen", NO_BODY, false, {303, 403, 403, 200, 403, 403, 403}},
	{"POST", "/team/signalen", "/team/signalen", FORM_EMPTY, false, {303, 403, 403, 422, 403, 403, 403}},
	/* Results (issue 16): the teamleider's with links to households, the
	 * beleidsmedewerker's without personal data; neither reaches the other's. */
	{"GET", "/team/resultaten", "/team/resultaten", NO_BODY, false, {303, 403, 403, 200, 403, 403, 403}},
	{"GET", "/team/resultaten", "/team/resultaten?van=2020-01&tot=2026-01", NO_BODY, false, {303, 403, 403, 422, 403, 403, 403}},
	{"GET", "/beleid", "/beleid", NO_BODY, false, {303, 403, 403, 403, 403, 403, 200}},
	{"GET", "/beleid/resultaten", "/beleid/resultaten?groep=product", NO_BODY, false, {303, 403, 403, 403, 403, 403, 200}},
	{"GET", "/beleid/kwartaal", "/beleid/kwartaal", NO_BODY, false, {303, 403, 403, 403, 403, 403, 200}},
	{"GET", "/beleid/kwartaal", "/beleid/kwartaal?kwartaal=2026-5", NO_BODY, false, {303, 403, 403, 403, 403, 403, 422}},
	{"GET", "/team/export/*", "/team/export/caseload.csv", NO_BODY, false, {303, 403, 403, 200, 403, 403, 403}},
	{"GET", "/team/export/*", "/team/export/uitstroom.json", NO_BODY, false, {303, 403, 403, 200, 403, 403, 403}},
	{"GET", "/team/export/*", "/team/export/bestaat-niet.csv", NO_BODY, false, {303, 403, 403, 404, 403, 403, 403}},
	{"GET", "/api/v1/dashboard", "/api/v1/dashboard", NO_BODY, false, {401, 403, 403, 200, 403, 403, 403}},
	{"GET", "/api/v1/dashboard", "/api/v1/dashboard?team=999999", NO_BODY, false, {401, 403, 403, 422, 403, 403, 403}},
	/* -- beheer: teams, gebieden, expertises, gebruikers -- */
	{"GET", "/beheer/gebruikers/{id}/bewerken", "/beheer/gebruikers/1/bewerken", NO_BODY, false, {303, 403, 403, 403, 200, 403, 403}},
	{"GET", "/beheer/gebruikers/{id}/bewerken", "/beheer/gebruikers/999999/bewerken", NO_BODY, false, {303, 403, 403, 403, 404, 403, 403}},
	{"POST", "/beheer/gebruikers/{id}/bewerken", "/beheer/gebruikers/999999/bewerken", FORM_EMPTY, false, {303, 403, 403, 403, 404, 403, 403}},
	{"GET", "/beheer/teams", "/beheer/teams", NO_BODY, false, {303, 403, 403, 403, 200, 403, 403}},
	{"GET", "/beheer/teams/nieuw", "/beheer/teams/nieuw", NO_BODY, false, {303, 403, 403, 403, 200, 403, 403}},
	{"POST", "/beheer/teams/nieuw", "/beheer/teams/nieuw", FORM_EMPTY, false, {303, 403, 403, 403, 422, 403, 403}},
	{"GET", "/beheer/teams/{id}/bewerken", "/beheer/teams/1/bewerken", NO_BODY, false, {303, 403, 403, 403, 200, 403, 403}},
	{"GET", "/beheer/teams/{id}/bewerken", "/beheer/teams/999999/bewerken", NO_BODY, false, {303, 403, 403, 403, 404, 403, 403}},
	{"POST", "/beheer/teams/{id}/bewerken", "/beheer/teams/999999/bewerken", FORM_EMPTY, false, {303, 403, 403, 403, 404, 403, 403}},
	{"POST", "/beheer/teams/{id}/verwijderen", "/beheer/teams/999999/verwijderen", FORM_EMPTY, false, {303, 403, 403, 403, 404, 403, 403}},
	{"GET", "/beheer/gebieden", "/beheer/gebieden", NO_BODY, false, {303, 403, 403, 403, 200, 403, 403}},
	{"GET", "/beheer/gebieden/nieuw", "/beheer/gebieden/nieuw", NO_BODY, false, {303, 403, 403, 403, 200, 403, 403}},
	{"POST", "/beheer/gebieden/nieuw", "/beheer/gebieden/nieuw", FORM_EMPTY, false, {303, 403, 403, 403, 422, 403, 403}},
	{"GET", "/beheer/gebieden/{id}/bewerken", "/beheer/gebieden/1/bewerken", NO_BODY, false, {303, 403, 403, 403, 200, 403, 403}},
	{"GET", "/beheer/gebieden/{id}/bewerken", "/beheer/gebieden/999999/bewerken", NO_BODY, false, {303, 403, 403, 403, 404, 403, 403}},
	{"POST", "/beheer/gebieden/{id}/bewerken", "/beheer/gebieden/999999/bewerken", FORM_EMPTY, false, {303, 403, 403, 403, 404, 403, 403}},
	{"POST", "/beheer/gebieden/{id}/verwijderen", "/beheer/gebieden/999999/verwijderen", FORM_EMPTY, false, {303, 403, 403, 403, 404, 403, 403}},
	{"GET", "/beheer/expertises", "/beheer/expertises", NO_BODY, false, {303, 403, 403, 403, 200, 403, 403}},
	{"GET", "/beheer/expertises/nieuw", "/beheer/expertises/nieuw", NO_BODY, false, {303, 403, 403, 403, 200, 403, 403}},
	{"POST", "/beheer/expertises/nieuw", "/beheer/expertises/nieuw", FORM_EMPTY, false, {303, 403, 403, 403, 422, 403, 403}},
	{"GET", "/beheer/expertises/{id}/bewerken", "/beheer/expertises/1/bewerken", NO_BODY, false, {303, 403, 403, 403, 200, 403, 403}},
	{"GET", "/beheer/expertises/{id}/bewerken", "/beheer/expertises/999999/bewerken", NO_BODY, false, {303, 403, 403, 403, 404, 403, 403}},
	{"POST", "/beheer/expertises/{id}/bewerken", "/beheer/expertises/999999/bewerken", FORM_EMPTY, false, {303, 403, 403, 403, 404, 403, 403}},
	{"POST", "/beheer/expertises/{id}/verwijderen", "/beheer/expertises/999999/verwijderen", FORM_EMPTY, false, {303, 403, 403, 403, 404, 403, 403}},
	/* -- privacy: auditzoeken, inzageverzoek, bewaartermijnen -- */
	{"GET", "/audit/personen", "/audit/personen", NO_BODY, false, {303, 403, 403, 403, 403, 200, 403}},
	{"GET", "/privacy/personen/{id}/inzage", "/privacy/personen/999999/inzage", NO_BODY, false, {303, 403, 403, 403, 403, 404, 403}},
	{"GET", "/api/v1/personen/{id}/inzage", "/api/v1/personen/999999/inzage", NO_BODY, false, {401, 403, 403, 403, 403, 404, 403}},
	{"GET", "/privacy/bewaartermijnen", "/privacy/bewaartermijnen", NO_BODY, false, {303, 403, 403, 403, 403, 200, 403}},
	{"POST", "/privacy/bewaartermijnen", "/privacy/bewaartermijnen", FORM_EMPTY, false, {303, 403, 403, 403, 403, 400, 403}},
	{"GET", "/privacy/bewaren", "/privacy/bewaren", NO_BODY, false, {303, 403, 403, 403, 403, 200, 403}},
	{"POST", "/privacy/bewaren/{id}/vernietigen", "/privacy/bewaren/999999/vernietigen", FORM_EMPTY, false, {303, 403, 403, 403, 403, 404, 403}},
	{"POST", "/privacy/bewaren/vernietigen", "/privacy/bewaren/vernietigen", FORM_EMPTY, false, {303, 403, 403, 403, 403, 400, 403}},
	{"GET", "/api/v1/bewaren", "/api/v1/bewaren", NO_BODY, false, {401, 403, 403, 403, 403, 200, 403}},
	{"GET", "/beheer/wachtrijen", "/beheer/wachtrijen", NO_BODY, false, {303, 403, 403, 403, 200, 403, 403}},
	{"POST", "/beheer/wachtrijen", "/beheer/wachtrijen", FORM_EMPTY, false, {303, 403, 403, 403, 303, 403, 403}},
	{"GET", "/privacy/rolwijzigingen", "/privacy/rolwijzigingen", NO_BODY, false, {303, 403, 403, 403, 403, 200, 403}},
	{"POST", "/audit/controlepunt", "/audit/controlepunt", FORM_EMPTY, false, {303, 403, 403, 403, 403, 200, 403}},
	{"GET", "/api/v1/audit/controlepunt", "/api/v1/audit/controlepunt", NO_BODY, false, {401, 403, 403, 403, 403, 200, 403}},
};

static const char *method_name(unsigned m)
{
	return m & HTTP_GET ? "GET" : m & HTTP_POST ? "POST" : m & HTTP_DELETE ? "DELETE"
	     : m & HTTP_PUT ? "PUT" : m & HTTP_PATCH ? "PATCH" : "?";
}

/* The CSRF token that belongs with this client: the session's, or the
 * pre-sign-in one (the same endpoint sets its cookie). */
static char *fetch_csrf(struct client *c)
{
	struct http_resp r;
	if (client_get(c, "/api/v1/sessie", &r) != 0)
		return NULL;
	char *p = strstr(r.body, "\"csrf\":\"");
	char *tok = NULL;
	if (p) {
		p += 8;
		char *end = strchr(p, '"');
		if (end)
			tok = strndup(p, (size_t)(end - p));
	}
	http_resp_free(&r);
	return tok;
}

/* Replaces {hh1}, {hh2} and {a1} in path. */
static void fill_path(const char *path, long long hh1, long long hh2, long long a1, char *out, size_t n)
{
	const char *brace = strchr(path, '{');
	if (!brace) {
		snprintf(out, n, "%s", path);
		return;
	}
	const char *end = strchr(brace, '}');
	long long v = strncmp(brace, "{hh1}", 5) == 0 ? hh1 : strncmp(brace, "{hh2}", 5) == 0 ? hh2 : a1;
	snprintf(out, n, "%.*s%lld%s", (int)(brace - path), path, v, end ? end + 1 : "");
}

static bool sign_in(struct client *c, struct test_server *s, int role)
{
	client_init(c, s->port);
	if (role == ANON)
		return true;
	return client_login(c, s->users[role - 1].username, s->users[role - 1].password) == 303; /* BELEID: users[5] */
}

int main(void)
{
	/* Coverage: every route of the table has at least one cell. */
	for (size_t i = 0; i < routes_count; i++) {
		bool covered = false;
		for (size_t k = 0; k < ARRAY_LEN(matrix); k++)
			if (matrix[k].pattern && strcmp(matrix[k].pattern, routes[i].pattern) == 0 &&
			    strcmp(matrix[k].method, method_name(routes[i].methods)) == 0)
				covered = true;
		CHECK(covered, "matrix covers %s %s", method_name(routes[i].methods), routes[i].pattern);
	}

	struct test_server s;
	if (ts_start(&s, (const char *const[]){"--cookie-insecure", NULL}) != 0) {
		T_FAIL("server start", "see %s", s.log);
		T_EXIT();
	}
	long long hh1 = ts_db_int(&s, "%s", "SELECT min(id) FROM huishouden");
	long long hh2 = ts_db_int(&s, "%s", "SELECT min(id) FROM huishouden WHERE id > (SELECT min(id) FROM huishouden)");
	long long cons = ts_db_int(&s, "%s", "SELECT id FROM medewerker WHERE username = 'consulent'");
	char sql[256];
	snprintf(sql, sizeof sql, "SELECT min(id) FROM aanmelding WHERE huishouden_id = %lld", hh1);
	long long a1 = ts_db_int(&s, "%s", sql);
	sqlite3 *db;
	snprintf(sql, sizeof sql, "UPDATE huishouden SET regisseur_id = %lld WHERE id = %lld", cons, hh1);
	CHECK(hh1 > 0 && hh2 > 0 && a1 > 0 && sqlite3_open(s.db, &db) == SQLITE_OK &&
	      sqlite3_busy_timeout(db, 5000) == SQLITE_OK && sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK,
	      "demo households set up for the need-to-know cells");
	sqlite3_close(db);
	for (int role = 0; role < NROLES; role++) {
		struct client c;
		CHECK(sign_in(&c, &s, role), "%s signs in", role_title[role]);
		for (size_t k = 0; k < ARRAY_LEN(household_cells); k++) {
			const struct cell *cell = &household_cells[k];
			char path[128];
			fill_path(cell->path, hh1, hh2, a1, path, sizeof path);
			struct http_resp r;
			int rc = client_request(&c, cell->method, path, NULL, NULL, NULL, &r);
			CHECK(rc == 0 && r.status == cell->expect[role], "need-to-know: %s %s as %s -> %d (got %d)",
			      cell->method, cell->path, role_title[role], cell->expect[role], rc == 0 ? r.status : -1);
			if (rc == 0 && role == GEBIED && r.status == 303) {
				char loc[128];
				CHECK(http_header(&r, "Location", loc, sizeof loc) && strstr(loc, "/toegang"),
				      "need-to-know: %s as gebiedsteam leads to the exception form", cell->path);
			}
			if (rc == 0)
				http_resp_free(&r);
		}
		for (size_t k = 0; k < ARRAY_LEN(matrix); k++) {
			const struct cell *cell = &matrix[k];
			char *csrf = fetch_csrf(&c);
			char headers[256] = "";
			char body[256] = "";
			const char *ctype = NULL;
			if (csrf && strcmp(cell->method, "GET") != 0)
				snprintf(headers, sizeof headers, "X-CSRF-Token: %s\r\n", csrf);
			if (cell->body == FORM_EMPTY) {
				snprintf(body, sizeof body, "csrf=%s", csrf ? csrf : "");
				headers[0] = '\0'; /* forms carry the token in the body */
			} else if (cell->body == JSON_EMPTY) {
				snprintf(body, sizeof body, "{}");
				ctype = "application/json";
			}
			struct http_resp r;
			int rc = client_request(&c, cell->method, cell->path, ctype,
			                        cell->body == NO_BODY ? NULL : body, headers, &r);
			CHECK(rc == 0 && r.status == cell->expect[role], "%s %s as %s -> %d (got %d)",
			      cell->method, cell->path, role_title[role], cell->expect[role], rc == 0 ? r.status : -1);
			if (rc == 0 && r.status == 303 && role == ANON && strcmp(cell->path, "/uitloggen") != 0) {
				char loc[256];
				CHECK(http_header(&r, "Location", loc, sizeof loc) && strncmp(loc, "/inloggen", 9) == 0,
				      "%s %s as anonymous redirects to /inloggen", cell->method, cell->path);
			}
			if (rc == 0)
				http_resp_free(&r);
			free(csrf);
			if (cell->ends_session && role != ANON)
				CHECK(sign_in(&c, &s, role), "%s signs in again after %s %s", role_title[role],
				      cell->method, cell->path);
		}
	}
	CHECK(ts_stop(&s) == 0, "server stops cleanly");
	T_EXIT();
}
