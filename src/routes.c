/* routes.c - the route table: the whole surface of the server and who may
 * reach each part.  tests/test_access.c walks it role by role. */
#include <string.h>

#include "handlers.h"
#include "router.h"

#define ANY ROLE_ALL
#define GET HTTP_GET
#define POST HTTP_POST
#define PUT HTTP_PUT
#define DELETE HTTP_DELETE
/* Roles that work on cases; beheerder and privacy officer see no contents. */
#define CASE (ROLE_CONSULENT | ROLE_GEBIEDSTEAM | ROLE_TEAMLEIDER)

const struct route routes[] = {
	{GET,  "/static/*",                         h_static,            0, ROUTE_PUBLIC},
	{GET,  "/inloggen",                         h_login_form,        0, ROUTE_PUBLIC},
	{POST, "/inloggen",                         h_login,             0, ROUTE_PUBLIC | ROUTE_PRELOGIN_CSRF},
	{POST, "/uitloggen",                        h_logout,            ANY, ROUTE_DURING_PASSWORD_CHANGE},
	{GET,  "/",                                 h_home,              ANY, 0},
	{POST, "/meldingen/gelezen",                h_melding_gelezen,   CASE, 0},
	{GET,  "/wachtwoord",                       h_password_form,     ANY, ROUTE_DURING_PASSWORD_CHANGE},
	{POST, "/wachtwoord",                       h_password_change,   ANY, ROUTE_DURING_PASSWORD_CHANGE},
	{GET,  "/beheer/gebruikers",                h_users_list,        ROLE_BEHEERDER, 0},
	{GET,  "/beheer/gebruikers/nieuw",          h_user_new_form,     ROLE_BEHEERDER, 0},
	{POST, "/beheer/gebruikers/nieuw",          h_user_create,       ROLE_BEHEERDER, 0},
	{GET,  "/beheer/gebruikers/{id}",           h_user_show,         ROLE_BEHEERDER, 0},
	{POST, "/beheer/gebruikers/{id}/deactiveren", h_user_deactivate, ROLE_BEHEERDER, 0},
	{POST, "/beheer/gebruikers/{id}/activeren", h_user_activate,     ROLE_BEHEERDER, 0},
	{POST, "/beheer/gebruikers/{id}/wachtwoord", h_user_reset_password, ROLE_BEHEERDER, 0},
	{GET,  "/audit",                            h_audit_list,        ROLE_PRIVACY, 0},
	/* -- huishoudens, personen, zoeken, aanmeldingen -- */
	{GET,  "/aanmeldingen",                     h_aanmelding_queue,  CASE, 0},
	{GET,  "/aanmeldingen/nieuw",               h_aanmelding_new_form, CASE, 0},
	{POST, "/aanmeldingen/nieuw",               h_aanmelding_create, CASE, 0},
	{GET,  "/aanmeldingen/{id}",                h_aanmelding_show,   CASE, 0},
	{POST, "/aanmeldingen/{id}/oppakken",       h_aanmelding_oppakken, CASE, 0},
	{GET,  "/aanmeldingen/{id}/termijn",        h_termijn_form,      CASE, 0},
	{POST, "/aanmeldingen/{id}/termijn",        h_termijn_save,      CASE, 0},
	{PUT,  "/api/v1/aanmeldingen/{id}/termijn", h_termijn_save,      CASE, 0},
	/* -- veiligheidszorg (meldcode): a safety concern can always be
	 * reported and worked, also on a closed case -- */
	{GET,  "/huishoudens/{id}/veiligheid/nieuw", h_veiligheid_new_form, CASE, 0},
	{POST, "/huishoudens/{id}/veiligheid/nieuw", h_veiligheid_create, CASE, ROUTE_ON_CLOSED},
	{GET,  "/veiligheidszorgen/{id}",           h_veiligheid_show,   CASE, 0},
	{POST, "/veiligheidszorgen/{id}/stappen",   h_veiligheid_step,   CASE, ROUTE_ON_CLOSED},
	{POST, "/veiligheidszorgen/{id}/sluiten",   h_veiligheid_close,  CASE, ROUTE_ON_CLOSED},
	{GET,  "/api/v1/huishoudens/{id}/veiligheidszorgen", h_api_veiligheid_list, CASE, 0},
	{POST, "/api/v1/huishoudens/{id}/veiligheidszorgen", h_veiligheid_create, CASE, ROUTE_ON_CLOSED},
	{GET,  "/api/v1/veiligheidszorgen/{id}",    h_veiligheid_show,   CASE, 0},
	{POST, "/api/v1/veiligheidszorgen/{id}/stappen", h_veiligheid_step, CASE, ROUTE_ON_CLOSED},
	{POST, "/api/v1/veiligheidszorgen/{id}/sluiten", h_veiligheid_close, CASE, ROUTE_ON_CLOSED},
	{POST, "/aanmeldingen/{id}/behandelaar",    h_aanmelding_behandelaar, ROLE_TEAMLEIDER, 0},
	{GET,  "/zoeken",                           h_zoeken,            CASE, 0},
	{POST, "/zoeken",                           h_zoeken_post,       CASE, 0},
	{GET,  "/huishoudens/{id}/adres",           h_huishouden_adres_form, CASE, 0},
	{POST, "/huishoudens/{id}/adres",           h_huishouden_adres,  CASE, 0},
	{GET,  "/huishoudens/{id}/personen/nieuw",  h_persoon_new_form,  CASE, 0},
	{POST, "/huishoudens/{id}/personen/nieuw",  h_persoon_create,    CASE, 0},
	{GET,  "/personen/{id}/bewerken",           h_persoon_edit_form, CASE, 0},
	{POST, "/personen/{id}/bewerken",           h_persoon_update,    CASE, 0},
	{POST, "/personen/{id}/berichtenverkeer",   h_persoon_berichtenverkeer, CASE, 0},
	{GET,  "/personen/{id}/verhuizen",          h_persoon_move_form, CASE, 0},
	{POST, "/personen/{id}/verhuizen",          h_persoon_move,      CASE, 0},
	{GET,  "/api/v1/aanmeldingen",              h_api_aanmelding_list, CASE, 0},
	{POST, "/api/v1/aanmeldingen",              h_api_aanmelding_create, CASE, 0},
	{GET,  "/api/v1/aanmeldingen/{id}",         h_api_aanmelding_get, CASE, 0},
	{POST, "/api/v1/aanmeldingen/{id}/oppakken", h_aanmelding_oppakken, CASE, 0},
	{PUT,  "/api/v1/aanmeldingen/{id}/behandelaar", h_aanmelding_behandelaar, ROLE_TEAMLEIDER, 0},
	{GET,  "/api/v1/huishoudens/{id}",          h_api_huishouden_get, CASE, 0},
	{PUT,  "/api/v1/huishoudens/{id}",          h_api_huishouden_put, CASE, 0},
	{POST, "/api/v1/huishoudens/{id}/personen", h_api_persoon_create, CASE, 0},
	{GET,  "/api/v1/personen/{id}",             h_api_persoon_get,   CASE, 0},
	{PUT,  "/api/v1/personen/{id}",             h_api_persoon_put,   CASE, 0},
	{POST, "/api/v1/zoeken",                    h_api_zoeken,        CASE, 0},
	/* -- intake, netwerk, journaal, toestemming -- */
	{GET,  "/huishoudens/{id}/netwerk",         h_netwerk_page,      CASE, 0},
	{GET,  "/huishoudens/{id}/netwerk/nieuw",   h_netwerk_new_form,  CASE, 0},
	{POST, "/huishoudens/{id}/netwerk/nieuw",   h_netwerk_create,    CASE, 0},
	{GET,  "/netwerkleden/{id}/bewerken",       h_netwerk_edit_form, CASE, 0},
	{POST, "/netwerkleden/{id}/bewerken",       h_netwerk_update,    CASE, 0},
	{POST, "/netwerkleden/{id}/verwijderen",    h_netwerk_remove,    CASE, 0},
	{GET,  "/huishoudens/{id}/intake/nieuw",    h_intake_new_form,   CASE, 0},
	{POST, "/huishoudens/{id}/intake/nieuw",    h_intake_create,     CASE, 0},
	{GET,  "/intakes/{id}",                     h_intake_show,       CASE, 0},
	{GET,  "/intakes/{id}/bewerken",            h_intake_edit_form,  CASE, 0},
	{POST, "/intakes/{id}/bewerken",            h_intake_update,     CASE, 0},
	{GET,  "/huishoudens/{id}/journaal/nieuw",  h_journaal_new_form, CASE, 0},
	{POST, "/huishoudens/{id}/journaal/nieuw",  h_journaal_create,   CASE, 0},
	{GET,  "/journaal/{id}",                    h_journaal_show,     CASE, 0},
	{GET,  "/journaal/{id}/bewerken",           h_journaal_edit_form, CASE, 0},
	{POST, "/journaal/{id}/bewerken",           h_journaal_update,   CASE, 0},
	{GET,  "/personen/{id}/toestemming/nieuw",  h_toestemming_new_form, CASE, 0},
	{POST, "/personen/{id}/toestemming/nieuw",  h_toestemming_create, CASE, 0},
	{GET,  "/toestemmingen/{id}/intrekken",     h_toestemming_withdraw_form, CASE, 0},
	{POST, "/toestemmingen/{id}/intrekken",     h_toestemming_withdraw, CASE, 0},
	{GET,  "/api/v1/huishoudens/{id}/intakes",  h_api_intake_list,   CASE, 0},
	{POST, "/api/v1/huishoudens/{id}/intakes",  h_api_intake_create, CASE, 0},
	{GET,  "/api/v1/intakes/{id}",              h_api_intake_get,    CASE, 0},
	{PUT,  "/api/v1/intakes/{id}",              h_api_intake_update, CASE, 0},
	{GET,  "/api/v1/huishoudens/{id}/netwerk",  h_api_netwerk_list,  CASE, 0},
	{POST, "/api/v1/huishoudens/{id}/netwerk",  h_api_netwerk_create, CASE, 0},
	{PUT,  "/api/v1/netwerkleden/{id}",         h_api_netwerk_update, CASE, 0},
	{GET,  "/api/v1/huishoudens/{id}/journaal", h_api_journaal_list, CASE, 0},
	{POST, "/api/v1/huishoudens/{id}/journaal", h_api_journaal_create, CASE, 0},
	{GET,  "/api/v1/journaal/{id}",             h_api_journaal_get,  CASE, 0},
	{PUT,  "/api/v1/journaal/{id}",             h_api_journaal_update, CASE, 0},
	{GET,  "/api/v1/personen/{id}/toestemmingen", h_api_toestemming_list, CASE, 0},
	{POST, "/api/v1/personen/{id}/toestemmingen", h_api_toestemming_create, CASE, 0},
	{POST, "/api/v1/toestemmingen/{id}/intrekken", h_api_toestemming_withdraw, CASE, 0},
	/* -- plan, doelen, rolgesprek, afspraken -- */
	{GET,  "/huishoudens/{id}/plan",            h_plan_page,         CASE, 0},
	{POST, "/huishoudens/{id}/plan",            h_plan_create,       CASE, 0},
	{GET,  "/plannen/{id}/afdrukken",           h_plan_print,        CASE, 0},
	{GET,  "/plannen/{id}/vaststellen",         h_plan_settle_form,  CASE, 0},
	{POST, "/plannen/{id}/vaststellen",         h_plan_settle,       CASE, 0},
	{POST, "/plannen/{id}/nieuwe-versie",       h_plan_new_version,  CASE, 0},
	{GET,  "/plannen/{id}/versies/{id}",        h_plan_version,      CASE, 0},
	{GET,  "/plannen/{id}/doelen/nieuw",        h_doel_new_form,     CASE, 0},
	{POST, "/plannen/{id}/doelen/nieuw",        h_doel_create,       CASE, 0},
	{GET,  "/doelen/{id}/bewerken",             h_doel_edit_form,    CASE, 0},
	{POST, "/doelen/{id}/bewerken",             h_doel_update,       CASE, 0},
	{GET,  "/doelen/{id}/rolgesprek",           h_rolgesprek_page,   CASE, 0},
	{POST, "/doelen/{id}/rolgesprek",           h_rolgesprek_add,    CASE, 0},
	{POST, "/rolgesprek/{id}/verwijderen",      h_rolgesprek_remove, CASE, 0},
	{GET,  "/doelen/{id}/afspraken/nieuw",      h_afspraak_new_form, CASE, 0},
	{POST, "/doelen/{id}/afspraken/nieuw",      h_afspraak_create,   CASE, 0},
	{POST, "/afspraken/{id}/gedaan",            h_afspraak_done,     CASE, 0},
	{GET,  "/api/v1/huishoudens/{id}/plan",     h_api_plan_get,      CASE, 0},
	{POST, "/api/v1/huishoudens/{id}/plan",     h_plan_create,       CASE, 0},
	{POST, "/api/v1/plannen/{id}/vaststellen",  h_plan_settle,       CASE, 0},
	{POST, "/api/v1/plannen/{id}/nieuwe-versie", h_plan_new_version, CASE, 0},
	{GET,  "/api/v1/plannen/{id}/versies/{id}", h_plan_version,      CASE, 0},
	{POST, "/api/v1/plannen/{id}/doelen",       h_doel_create,       CASE, 0},
	{GET,  "/api/v1/doelen/{id}",               h_api_doel_get,      CASE, 0},
	{PUT,  "/api/v1/doelen/{id}",               h_doel_update,       CASE, 0},
	{GET,  "/api/v1/doelen/{id}/rolgesprek",    h_rolgesprek_page,   CASE, 0},
	{POST, "/api/v1/doelen/{id}/rolgesprek",    h_rolgesprek_add,    CASE, 0},
	{DELETE, "/api/v1/rolgesprek/{id}",         h_rolgesprek_remove, CASE, 0},
	{PUT,  "/api/v1/rolgesprek/{id}",           h_rolgesprek_update, CASE, 0},
	{POST, "/api/v1/doelen/{id}/afspraken",     h_afspraak_create,   CASE, 0},
	{PUT,  "/api/v1/afspraken/{id}",            h_api_afspraak_update, CASE, 0},
	/* -- voorzieningen, aanbieders, sociale kaart, producten -- */
	{GET,  "/huishoudens/{id}/voorzieningen/nieuw", h_voorziening_new_form, CASE, 0},
	{POST, "/huishoudens/{id}/voorzieningen/nieuw", h_voorziening_create, CASE, 0},
	{GET,  "/voorzieningen/{id}",               h_voorziening_show,  CASE, 0},
	{GET,  "/voorzieningen/{id}/bewerken",      h_voorziening_edit_form, CASE, 0},
	{POST, "/voorzieningen/{id}/bewerken",      h_voorziening_update, CASE, 0},
	{POST, "/voorzieningen/{id}/status",        h_voorziening_status, CASE, 0},
	{GET,  "/api/v1/huishoudens/{id}/voorzieningen", h_api_voorziening_list, CASE, 0},
	{POST, "/api/v1/huishoudens/{id}/voorzieningen", h_api_voorziening_create, CASE, 0},
	{GET,  "/api/v1/voorzieningen/{id}",        h_api_voorziening_get, CASE, 0},
	{PUT,  "/api/v1/voorzieningen/{id}",        h_api_voorziening_update, CASE, 0},
	{POST, "/api/v1/voorzieningen/{id}/status", h_api_voorziening_status, CASE, 0},
	{GET,  "/api/v1/aanbieders",                h_api_aanbieder_list, CASE, 0},
	{GET,  "/api/v1/sociale-kaart",             h_api_sociale_kaart_list, CASE, 0},
	{GET,  "/api/v1/producten",                 h_api_product_list,  CASE, 0},
	{GET,  "/beheer/aanbieders",                h_aanbieder_list,    ROLE_BEHEERDER, 0},
	{GET,  "/beheer/aanbieders/nieuw",          h_aanbieder_new_form, ROLE_BEHEERDER, 0},
	{POST, "/beheer/aanbieders/nieuw",          h_aanbieder_create,  ROLE_BEHEERDER, 0},
	{GET,  "/beheer/aanbieders/{id}/bewerken",  h_aanbieder_edit_form, ROLE_BEHEERDER, 0},
	{POST, "/beheer/aanbieders/{id}/bewerken",  h_aanbieder_update,  ROLE_BEHEERDER, 0},
	{GET,  "/beheer/aanbieders/{id}/contracten", h_contract_list,    ROLE_BEHEERDER, 0},
	{POST, "/beheer/aanbieders/{id}/contracten", h_contract_create,  ROLE_BEHEERDER, 0},
	{POST, "/beheer/contracten/{id}/beeindigen", h_contract_end,     ROLE_BEHEERDER, 0},
	{POST, "/beheer/contracten/{id}/verwijderen", h_contract_delete, ROLE_BEHEERDER, 0},
	{GET,  "/beheer/sociale-kaart",             h_sociale_kaart_list, ROLE_BEHEERDER, 0},
	{GET,  "/beheer/sociale-kaart/nieuw",       h_sociale_kaart_new_form, ROLE_BEHEERDER, 0},
	{POST, "/beheer/sociale-kaart/nieuw",       h_sociale_kaart_create, ROLE_BEHEERDER, 0},
	{GET,  "/beheer/sociale-kaart/{id}/bewerken", h_sociale_kaart_edit_form, ROLE_BEHEERDER, 0},
	{POST, "/beheer/sociale-kaart/{id}/bewerken", h_sociale_kaart_update, ROLE_BEHEERDER, 0},
	{GET,  "/beheer/producten",                 h_product_list,      ROLE_BEHEERDER, 0},
	{GET,  "/beheer/producten/nieuw",           h_product_new_form,  ROLE_BEHEERDER, 0},
	{POST, "/beheer/producten/nieuw",           h_product_create,    ROLE_BEHEERDER, 0},
	{GET,  "/beheer/producten/{id}/bewerken",   h_product_edit_form, ROLE_BEHEERDER, 0},
	{POST, "/beheer/producten/{id}/bewerken",   h_product_update,    ROLE_BEHEERDER, 0},
	/* -- documenten: beschikking, plan voor de inwoner, verslag, bijlagen -- */
	{GET,  "/voorzieningen/{id}/beschikking",   h_beschikking_page,  CASE, 0},
	{POST, "/voorzieningen/{id}/beschikking",   h_beschikking_post,  CASE, 0},
	{GET,  "/huishoudens/{id}/plan-voor-inwoner", h_plan_document_page, CASE, 0},
	{POST, "/huishoudens/{id}/plan-voor-inwoner", h_plan_document_post, CASE, 0},
	{GET,  "/huishoudens/{id}/verslag",         h_verslag_page,      CASE, 0},
	{POST, "/huishoudens/{id}/verslag",         h_verslag_post,      CASE, 0},
	{GET,  "/huishoudens/{id}/documenten/nieuw", h_document_upload_form, CASE, 0},
	{POST, "/huishoudens/{id}/documenten/nieuw", h_document_upload,  CASE, ROUTE_UPLOAD},
	{GET,  "/documenten/{id}/bestand",          h_document_download, CASE, 0},
	{GET,  "/api/v1/huishoudens/{id}/documenten", h_api_document_list, CASE, 0},
	{POST, "/api/v1/huishoudens/{id}/documenten", h_document_upload, CASE, ROUTE_UPLOAD},
	{GET,  "/api/v1/documenten/{id}/bestand",   h_document_download, CASE, 0},
	{GET,  "/api/v1/voorzieningen/{id}/beschikking", h_beschikking_page, CASE, 0},
	{POST, "/api/v1/voorzieningen/{id}/beschikking", h_beschikking_post, CASE, 0},
	{GET,  "/api/v1/huishoudens/{id}/plan-voor-inwoner", h_plan_document_page, CASE, 0},
	{POST, "/api/v1/huishoudens/{id}/plan-voor-inwoner", h_plan_document_post, CASE, 0},
	{GET,  "/api/v1/huishoudens/{id}/verslag",  h_verslag_page,      CASE, 0},
	{POST, "/api/v1/huishoudens/{id}/verslag",  h_verslag_post,      CASE, 0},
	/* -- berichtenverkeer iWmo/iJw (issue 14): the page for teamleider and
	 * beheerder, the upload for the beheerder; the API also for koppelingen
	 * (the handler refuses a consulent's or gebiedsteam member's session);
	 * a provider's request for whoever may open the household -- */
	{GET,  "/berichten",                        h_berichten,         ROLE_TEAMLEIDER | ROLE_BEHEERDER, 0},
	{POST, "/berichten/inlezen",                h_bericht_upload,    ROLE_BEHEERDER, ROUTE_BERICHT},
	{GET,  "/berichten/{id}",                   h_bericht_show,      ROLE_TEAMLEIDER | ROLE_BEHEERDER, 0},
	{GET,  "/api/v1/berichten",                 h_api_berichten_list, CASE | ROLE_BEHEERDER, 0},
	{POST, "/api/v1/berichten",                 h_api_bericht_post,  CASE | ROLE_BEHEERDER, ROUTE_BERICHT},
	{GET,  "/api/v1/berichten/{id}",            h_api_bericht_get,   CASE | ROLE_BEHEERDER, 0},
	{GET,  "/verzoeken/{id}",                   h_verzoek_show,      CASE, 0},
	{POST, "/verzoeken/{id}/toekennen",         h_verzoek_toekennen, CASE, 0},
	{POST, "/verzoeken/{id}/afwijzen",          h_verzoek_afwijzen,  CASE, 0},
	/* -- evaluatie, afsluiten, moreel beraad -- */
	{GET,  "/plannen/{id}/evaluaties/nieuw",   h_evaluatie_new_form, CASE, 0},
	{POST, "/plannen/{id}/evaluaties/nieuw",   h_evaluatie_create,  CASE, 0},
	{GET,  "/evaluaties/{id}",                 h_evaluatie_show,    CASE, 0},
	{GET,  "/huishoudens/{id}/afsluiten",      h_afsluiten_form,    CASE, 0},
	{POST, "/huishoudens/{id}/afsluiten",      h_afsluiten,         CASE, ROUTE_ON_CLOSED},
	{GET,  "/huishoudens/{id}/heropenen",      h_heropenen_form,    CASE, 0},
	{POST, "/huishoudens/{id}/heropenen",      h_heropenen,         CASE, ROUTE_ON_CLOSED},
	{GET,  "/huishoudens/{id}/moreel-beraad/nieuw", h_moreel_beraad_new_form, CASE, 0},
	{POST, "/huishoudens/{id}/moreel-beraad/nieuw", h_moreel_beraad_create, CASE, 0},
	{GET,  "/moreel-beraad/{id}",              h_moreel_beraad_show, CASE, 0},
	{GET,  "/api/v1/plannen/{id}/evaluaties",  h_api_evaluatie_list, CASE, 0},
	{POST, "/api/v1/plannen/{id}/evaluaties",  h_api_evaluatie_create, CASE, 0},
	{GET,  "/api/v1/evaluaties/{id}",          h_api_evaluatie_get, CASE, 0},
	{GET,  "/api/v1/huishoudens/{id}/zrm-voortgang", h_api_zrm_voortgang, CASE, 0},
	{POST, "/api/v1/huishoudens/{id}/afsluiten", h_afsluiten,       CASE, ROUTE_ON_CLOSED},
	{POST, "/api/v1/huishoudens/{id}/heropenen", h_heropenen,       CASE, ROUTE_ON_CLOSED},
	{GET,  "/api/v1/huishoudens/{id}/moreel-beraad", h_api_moreel_beraad_list, CASE, 0},
	{POST, "/api/v1/huishoudens/{id}/moreel-beraad", h_api_moreel_beraad_create, CASE, 0},
	/* -- overzicht, toegang, regie, casusteam, api-tokens -- */
	{GET,  "/huishoudens/{id}",                 h_household,         CASE, 0},
	{GET,  "/huishoudens/{id}/toegang",         h_household_access_form, CASE, 0},
	{POST, "/huishoudens/{id}/toegang",         h_household_access,  CASE, 0},
	{POST, "/api/v1/huishoudens/{id}/toegang",  h_household_access,  CASE, 0},
	{GET,  "/huishoudens/{id}/regie",           h_regie_form,        CASE, 0},
	{POST, "/huishoudens/{id}/regie",           h_regie_assign,      CASE, 0},
	{POST, "/huishoudens/{id}/casusteam",       h_casusteam_add,     CASE, 0},
	{POST, "/huishoudens/{id}/casusteam/{id}/verwijderen", h_casusteam_remove, CASE, 0},
	{GET,  "/api/v1/huishoudens/{id}/regisseur", h_api_regie,        CASE, 0},
	{PUT,  "/api/v1/huishoudens/{id}/regisseur", h_regie_assign,     CASE, 0},
	{GET,  "/api/v1/huishoudens/{id}/casusteam", h_api_casusteam,    CASE, 0},
	{POST, "/api/v1/huishoudens/{id}/casusteam", h_casusteam_add,    CASE, 0},
	{DELETE, "/api/v1/huishoudens/{id}/casusteam/{id}", h_casusteam_remove, CASE, 0},
	{GET,  "/beheer/api-tokens",                h_api_tokens,        ROLE_BEHEERDER, 0},
	{POST, "/beheer/api-tokens",                h_api_token_create,  ROLE_BEHEERDER, 0},
	{POST, "/beheer/api-tokens/{id}/intrekken", h_api_token_revoke,  ROLE_BEHEERDER, 0},
	{GET,  "/beheer/koppelingen",               h_koppelingen,       ROLE_BEHEERDER, 0},
	{POST, "/beheer/koppelingen",               h_koppeling_create,  ROLE_BEHEERDER, 0},
	{POST, "/beheer/koppelingen/{id}/deactiveren", h_koppeling_deactivate, ROLE_BEHEERDER, 0},
	{GET,  "/api/v1/status",                    h_status,            0, ROUTE_PUBLIC},
	{GET,  "/api/v1/sessie",                    h_api_session_info,  0, ROUTE_PUBLIC},
	{POST, "/api/v1/sessie",                    h_api_session_create, 0, ROUTE_PUBLIC | ROUTE_PRELOGIN_CSRF},
	{HTTP_DELETE, "/api/v1/sessie",             h_api_session_delete, ANY, ROUTE_DURING_PASSWORD_CHANGE},
	{GET,  "/api/v1/ik",                        h_api_me,            ANY, ROUTE_DURING_PASSWORD_CHANGE},
	/* -- spreekuren, locaties, bezoeken -- */
	{GET,  "/beheer/locaties",                  h_locatie_list,      ROLE_BEHEERDER, 0},
	{GET,  "/beheer/locaties/nieuw",            h_locatie_new_form,  ROLE_BEHEERDER, 0},
	{POST, "/beheer/locaties/nieuw",            h_locatie_create,    ROLE_BEHEERDER, 0},
	{GET,  "/beheer/locaties/{id}/bewerken",    h_locatie_edit_form, ROLE_BEHEERDER, 0},
	{POST, "/beheer/locaties/{id}/bewerken",    h_locatie_update,    ROLE_BEHEERDER, 0},
	{GET,  "/beheer/spreekuren",                h_spreekuur_schedule, ROLE_BEHEERDER | ROLE_TEAMLEIDER, 0},
	{GET,  "/beheer/spreekuren/nieuw",          h_spreekuur_new_form, ROLE_BEHEERDER | ROLE_TEAMLEIDER, 0},
	{POST, "/beheer/spreekuren/nieuw",          h_spreekuur_create,  ROLE_BEHEERDER | ROLE_TEAMLEIDER, 0},
	{GET,  "/beheer/spreekuren/{id}/bewerken",  h_spreekuur_edit_form, ROLE_BEHEERDER | ROLE_TEAMLEIDER, 0},
	{POST, "/beheer/spreekuren/{id}/bewerken",  h_spreekuur_update,  ROLE_BEHEERDER | ROLE_TEAMLEIDER, 0},
	{GET,  "/spreekuren",                       h_spreekuur_week,    CASE, 0},
	{GET,  "/spreekuren/{id}",                  h_spreekuur_page,    CASE, 0},
	{POST, "/spreekuren/{id}/bezoeken",         h_bezoek_create,     CASE, 0},
	{GET,  "/bezoeken/{id}",                    h_bezoek_show,       CASE, 0},
	{POST, "/bezoeken/{id}/afronden",           h_bezoek_close,      CASE, 0},
	{POST, "/bezoeken/{id}/koppelen",           h_bezoek_link,       CASE, 0},
	{GET,  "/api/v1/locaties",                  h_api_locatie_list,  CASE | ROLE_BEHEERDER, 0},
	{GET,  "/api/v1/spreekuren",                h_api_spreekuur_list, CASE | ROLE_BEHEERDER, 0},
	{POST, "/api/v1/spreekuren",                h_spreekuur_create,  ROLE_BEHEERDER | ROLE_TEAMLEIDER, 0},
	{GET,  "/api/v1/spreekuren/{id}",           h_api_spreekuur_get, CASE | ROLE_BEHEERDER, 0},
	{PUT,  "/api/v1/spreekuren/{id}",           h_spreekuur_update,  ROLE_BEHEERDER | ROLE_TEAMLEIDER, 0},
	{GET,  "/api/v1/spreekuren/{id}/bezoeken",  h_api_bezoek_list,   CASE, 0},
	{POST, "/api/v1/spreekuren/{id}/bezoeken",  h_bezoek_create,     CASE, 0},
	{GET,  "/api/v1/bezoeken/{id}",             h_api_bezoek_get,    CASE, 0},
	{POST, "/api/v1/bezoeken/{id}/afronden",    h_bezoek_close,      CASE, 0},
	/* -- signalen -- */
	{GET,  "/signalen",                         h_signaal_queue,     CASE, 0},
	{GET,  "/signalen/nieuw",                   h_signaal_new_form,  CASE, 0},
	{POST, "/signalen/nieuw",                   h_signaal_create,    CASE, 0},
	{GET,  "/signalen/{id}",                    h_signaal_show,      CASE, 0},
	{POST, "/signalen/{id}",                    h_signaal_update,    CASE, 0},
	{POST, "/signalen/{id}/koppelen",           h_signaal_link,      CASE, 0},
	{GET,  "/api/v1/signalen",                  h_api_signaal_list,  CASE, 0},
	{POST, "/api/v1/signalen",                  h_api_signaal_create, CASE, 0},
	{GET,  "/api/v1/signalen/{id}",             h_api_signaal_get,   CASE, 0},
	{PUT,  "/api/v1/signalen/{id}",             h_api_signaal_update, CASE, 0},
	{POST, "/api/v1/signalen/{id}/koppelen",    h_api_signaal_link,  CASE, 0},
	/* -- teamdashboard, exports -- */
	{GET,  "/team",                             h_team_dashboard,    ROLE_TEAMLEIDER, 0},
	{GET,  "/team/huishoudens",                 h_team_households,   ROLE_TEAMLEIDER, 0},
	{GET,  "/team/bezetting",                   h_bezetting,         ROLE_TEAMLEIDER, 0},
	{POST, "/team/bezetting",                   h_bezetting_normen,  ROLE_TEAMLEIDER, 0},
	{GET,  "/team/signalen",                    h_signalen,          ROLE_TEAMLEIDER, 0},
	{GET,  "/team/resultaten",                  h_team_resultaten,   ROLE_TEAMLEIDER, 0},
	{GET,  "/beleid",                           h_beleid,            ROLE_BELEID, 0},
	{GET,  "/beleid/resultaten",                h_beleid_resultaten, ROLE_BELEID, 0},
	{GET,  "/beleid/kwartaal",                  h_beleid_kwartaal,   ROLE_BELEID, 0},
	{POST, "/team/signalen",                    h_signalen_instellingen, ROLE_TEAMLEIDER, 0},
	{GET,  "/team/export/*",                    h_team_export,       ROLE_TEAMLEIDER, 0},
	{GET,  "/api/v1/dashboard",                 h_api_dashboard,     ROLE_TEAMLEIDER, 0},
	/* -- beheer: teams, gebieden, expertises, gebruikers -- */
	{GET,  "/beheer/gebruikers/{id}/bewerken",  h_user_edit_form,    ROLE_BEHEERDER, 0},
	{POST, "/beheer/gebruikers/{id}/bewerken",  h_user_update,       ROLE_BEHEERDER, 0},
	{GET,  "/beheer/teams",                     h_team_list,         ROLE_BEHEERDER, 0},
	{GET,  "/beheer/teams/nieuw",               h_team_new_form,     ROLE_BEHEERDER, 0},
	{POST, "/beheer/teams/nieuw",               h_team_create,       ROLE_BEHEERDER, 0},
	{GET,  "/beheer/teams/{id}/bewerken",       h_team_edit_form,    ROLE_BEHEERDER, 0},
	{POST, "/beheer/teams/{id}/bewerken",       h_team_update,       ROLE_BEHEERDER, 0},
	{POST, "/beheer/teams/{id}/verwijderen",    h_team_delete,       ROLE_BEHEERDER, 0},
	{GET,  "/beheer/wachtrijen",                h_wachtrijen,        ROLE_BEHEERDER, 0},
	{POST, "/beheer/wachtrijen",                h_wachtrijen_save,   ROLE_BEHEERDER, 0},
	{GET,  "/beheer/gebieden",                  h_gebied_list,       ROLE_BEHEERDER, 0},
	{GET,  "/beheer/gebieden/nieuw",            h_gebied_new_form,   ROLE_BEHEERDER, 0},
	{POST, "/beheer/gebieden/nieuw",            h_gebied_create,     ROLE_BEHEERDER, 0},
	{GET,  "/beheer/gebieden/{id}/bewerken",    h_gebied_edit_form,  ROLE_BEHEERDER, 0},
	{POST, "/beheer/gebieden/{id}/bewerken",    h_gebied_update,     ROLE_BEHEERDER, 0},
	{POST, "/beheer/gebieden/{id}/verwijderen", h_gebied_delete,     ROLE_BEHEERDER, 0},
	{GET,  "/beheer/expertises",                h_expertise_list,    ROLE_BEHEERDER, 0},
	{GET,  "/beheer/expertises/nieuw",          h_expertise_new_form, ROLE_BEHEERDER, 0},
	{POST, "/beheer/expertises/nieuw",          h_expertise_create,  ROLE_BEHEERDER, 0},
	{GET,  "/beheer/expertises/{id}/bewerken",  h_expertise_edit_form, ROLE_BEHEERDER, 0},
	{POST, "/beheer/expertises/{id}/bewerken",  h_expertise_update,  ROLE_BEHEERDER, 0},
	{POST, "/beheer/expertises/{id}/verwijderen", h_expertise_delete, ROLE_BEHEERDER, 0},
	/* -- privacy: auditzoeken, inzageverzoek, bewaartermijnen -- */
	{GET,  "/audit/personen",                   h_audit_personen,    ROLE_PRIVACY, 0},
	{POST, "/audit/controlepunt",               h_audit_checkpoint,  ROLE_PRIVACY, 0},
	{GET,  "/api/v1/audit/controlepunt",        h_audit_checkpoint,  ROLE_PRIVACY, 0},
	{GET,  "/privacy/personen/{id}/inzage",     h_privacy_inzage,    ROLE_PRIVACY, 0},
	{GET,  "/api/v1/personen/{id}/inzage",      h_privacy_inzage,    ROLE_PRIVACY, 0},
	{GET,  "/privacy/bewaartermijnen",          h_bewaartermijnen,   ROLE_PRIVACY, 0},
	{POST, "/privacy/bewaartermijnen",          h_bewaartermijnen_save, ROLE_PRIVACY, 0},
	{GET,  "/privacy/bewaren",                  h_bewaren,           ROLE_PRIVACY, 0},
	{POST, "/privacy/bewaren/{id}/vernietigen", h_bewaren_purge,     ROLE_PRIVACY, 0},
	{POST, "/privacy/bewaren/vernietigen",      h_bewaren_purge_all, ROLE_PRIVACY, 0},
	{GET,  "/api/v1/bewaren",                   h_api_bewaren,       ROLE_PRIVACY, 0},
	{GET,  "/privacy/rolwijzigingen",           h_privacy_rolwijzigingen, ROLE_PRIVACY, 0},
};
const size_t routes_count = ARRAY_LEN(routes);

/* Matches path against pattern segment by segment.  "{id}" takes 1-18
 * digits; a trailing "*" takes the rest of the path.  Params go to r. */
static bool match(const char *pattern, const char *path, struct req *r)
{
	int nparams = 0;
	const char *p = pattern, *s = path;
	while (*p) {
		if (p[0] == '*' && p[1] == '\0')
			return true;
		if (strncmp(p, "{id}", 4) == 0) {
			size_t digits = 0;
			while (s[digits] >= '0' && s[digits] <= '9')
				digits++;
			if (digits == 0 || digits > 18 || s[0] == '0' || nparams >= (int)ARRAY_LEN(r->params))
				return false;
			r->params[nparams++] = arena_strndup(r->arena, s, digits);
			s += digits;
			p += 4;
			continue;
		}
		if (*p != *s)
			return false;
		p++;
		s++;
	}
	if (*s != '\0')
		return false;
	r->nparams = nparams;
	return true;
}

const struct route *router_match(struct req *r)
{
	unsigned want = r->method == HTTP_HEAD ? HTTP_GET : r->method;
	r->allowed_methods = 0;
	for (size_t i = 0; i < routes_count; i++) {
		if (!match(routes[i].pattern, r->path, r))
			continue;
		if (routes[i].methods & want)
			return &routes[i];
		r->allowed_methods |= routes[i].methods;
	}
	r->nparams = 0;
	return NULL;
}
