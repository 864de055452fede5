/* handlers.h - one handler per route; one file per resource in
 * src/handlers/.  The route table in src/routes.c says who may call each. */
#ifndef LOKET_HANDLERS_H
#define LOKET_HANDLERS_H

#include "http.h"

/* src/handlers/static.c */
int h_static(struct req *r);

/* src/handlers/login.c */
int h_login_form(struct req *r);
int h_login(struct req *r);
int h_logout(struct req *r);
int h_api_session_info(struct req *r);
int h_api_session_create(struct req *r);
int h_api_session_delete(struct req *r);
int h_api_me(struct req *r);

/* src/handlers/status.c */
int h_status(struct req *r);

/* src/handlers/home.c */
int h_home(struct req *r);
int h_melding_gelezen(struct req *r);

/* src/handlers/password.c */
int h_password_form(struct req *r);
int h_password_change(struct req *r);

/* src/handlers/users.c (beheer) */
int h_users_list(struct req *r);
int h_user_new_form(struct req *r);
int h_user_create(struct req *r);
int h_user_show(struct req *r);
int h_user_deactivate(struct req *r);
int h_user_activate(struct req *r);
int h_user_reset_password(struct req *r);

/* src/handlers/audit.c (privacy officer) */
int h_audit_list(struct req *r);

/* -- huishoudens, personen, zoeken, aanmeldingen -- */
/* src/handlers/aanmelding.c (the form: h_aanmelding_new_form, _create),
 * aanmelding_lijst.c (h_aanmelding_queue, _show) and aanmelding_api.c
 * (h_api_aanmelding_*) */
int h_aanmelding_queue(struct req *r);
int h_aanmelding_new_form(struct req *r);
int h_aanmelding_create(struct req *r);
int h_aanmelding_show(struct req *r);
int h_api_aanmelding_list(struct req *r);
int h_api_aanmelding_create(struct req *r);
int h_api_aanmelding_get(struct req *r);
/* src/handlers/zoeken.c */
int h_zoeken(struct req *r);
int h_zoeken_post(struct req *r);
/* src/handlers/huishouden.c */
int h_huishouden_adres_form(struct req *r);
int h_huishouden_adres(struct req *r);
/* src/handlers/persoon.c */
int h_persoon_new_form(struct req *r);
int h_persoon_create(struct req *r);
int h_persoon_berichtenverkeer(struct req *r);
int h_persoon_edit_form(struct req *r);
int h_persoon_update(struct req *r);
int h_persoon_move_form(struct req *r);
int h_persoon_move(struct req *r);
/* src/handlers/api_huishouden.c */
int h_api_huishouden_get(struct req *r);
int h_api_huishouden_put(struct req *r);
int h_api_persoon_create(struct req *r);
int h_api_persoon_get(struct req *r);
int h_api_persoon_put(struct req *r);
int h_api_zoeken(struct req *r);

/* -- intake, netwerk, journaal, toestemming -- */

/* src/handlers/netwerk.c */
int h_netwerk_page(struct req *r);
int h_netwerk_new_form(struct req *r);
int h_netwerk_create(struct req *r);
int h_netwerk_edit_form(struct req *r);
int h_netwerk_update(struct req *r);
int h_netwerk_remove(struct req *r);
int h_api_netwerk_list(struct req *r);
int h_api_netwerk_create(struct req *r);
int h_api_netwerk_update(struct req *r);

/* src/handlers/intake.c (pages) and intake_api.c (the API); what they share is in
 * src/intake_shared.c (include/intake_shared.h) */
int h_intake_new_form(struct req *r);
int h_intake_create(struct req *r);
int h_intake_show(struct req *r);
int h_intake_edit_form(struct req *r);
int h_intake_update(struct req *r);
int h_api_intake_list(struct req *r);
int h_api_intake_create(struct req *r);
int h_api_intake_get(struct req *r);
int h_api_intake_update(struct req *r);

/* src/handlers/journaal.c */
int h_journaal_new_form(struct req *r);
int h_journaal_create(struct req *r);
int h_journaal_show(struct req *r);
int h_journaal_edit_form(struct req *r);
int h_journaal_update(struct req *r);
int h_api_journaal_list(struct req *r);
int h_api_journaal_create(struct req *r);
int h_api_journaal_get(struct req *r);
int h_api_journaal_update(struct req *r);

/* src/handlers/toestemming.c */
int h_toestemming_new_form(struct req *r);
int h_toestemming_create(struct req *r);
int h_toestemming_withdraw_form(struct req *r);
int h_toestemming_withdraw(struct req *r);
int h_api_toestemming_list(struct req *r);
int h_api_toestemming_create(struct req *r);
int h_api_toestemming_withdraw(struct req *r);

/* -- plan, doelen, rolgesprek, afspraken -- */
/* src/handlers/plan.c (h_plan_*; overview_fill_plan is in src/plan_shared.c),
 * plan_vaststellen.c (h_plan_settle*), doel.c (h_doel_*, h_api_doel_get),
 * rolgesprek.c (h_rolgesprek_page, _add), bijdrage.c (h_rolgesprek_update,
 * _remove) and afspraak.c (h_afspraak_*, h_api_afspraak_update); the API
 * shares most handlers with the pages (r->is_api picks the reply). */
int h_plan_page(struct req *r);
int h_plan_create(struct req *r);
int h_plan_print(struct req *r);
int h_plan_settle_form(struct req *r);
int h_plan_settle(struct req *r);
int h_plan_new_version(struct req *r);
int h_plan_version(struct req *r);
int h_doel_new_form(struct req *r);
int h_doel_create(struct req *r);
int h_doel_edit_form(struct req *r);
int h_doel_update(struct req *r);
int h_rolgesprek_page(struct req *r);
int h_rolgesprek_add(struct req *r);
int h_rolgesprek_remove(struct req *r);
int h_rolgesprek_update(struct req *r);
int h_afspraak_new_form(struct req *r);
int h_afspraak_create(struct req *r);
int h_afspraak_done(struct req *r);
int h_api_plan_get(struct req *r);
int h_api_doel_get(struct req *r);
int h_api_afspraak_update(struct req *r);

/* -- voorzieningen, aanbieders, sociale kaart, producten -- */
/* src/handlers/voorziening.c (pages) and voorziening_api.c (the API); what they share is in
 * src/voorziening_shared.c (include/voorziening_shared.h), with overview_fill_voorzieningen */
int h_voorziening_new_form(struct req *r);
int h_voorziening_create(struct req *r);
int h_voorziening_show(struct req *r);
int h_voorziening_edit_form(struct req *r);
int h_voorziening_update(struct req *r);
int h_voorziening_status(struct req *r);
int h_api_voorziening_list(struct req *r);
int h_api_voorziening_create(struct req *r);
int h_api_voorziening_get(struct req *r);
int h_api_voorziening_update(struct req *r);
int h_api_voorziening_status(struct req *r);
/* src/handlers/referentie.c (beheer of aanbieders, sociale kaart, producten) */
int h_aanbieder_list(struct req *r);
int h_aanbieder_new_form(struct req *r);
int h_aanbieder_create(struct req *r);
int h_aanbieder_edit_form(struct req *r);
int h_aanbieder_update(struct req *r);
int h_sociale_kaart_list(struct req *r);
int h_sociale_kaart_new_form(struct req *r);
int h_sociale_kaart_create(struct req *r);
int h_sociale_kaart_edit_form(struct req *r);
int h_sociale_kaart_update(struct req *r);
int h_product_list(struct req *r);
int h_product_new_form(struct req *r);
int h_product_create(struct req *r);
int h_product_edit_form(struct req *r);
int h_product_update(struct req *r);
int h_api_aanbieder_list(struct req *r);
int h_api_sociale_kaart_list(struct req *r);
int h_api_product_list(struct req *r);

/* -- evaluatie, afsluiten, moreel beraad -- */
/* src/handlers/evaluatie.c (its input: src/evaluatie_shared.c) */
int h_evaluatie_new_form(struct req *r);
int h_evaluatie_create(struct req *r);
int h_evaluatie_show(struct req *r);
int h_api_evaluatie_list(struct req *r);
int h_api_evaluatie_create(struct req *r);
int h_api_evaluatie_get(struct req *r);
int h_api_zrm_voortgang(struct req *r);
/* src/handlers/afsluiten.c (h_afsluiten also answers the API) */
int h_afsluiten_form(struct req *r);
int h_afsluiten(struct req *r);
/* src/handlers/heropenen.c (h_heropenen also answers the API) */
int h_heropenen_form(struct req *r);
int h_heropenen(struct req *r);
/* src/handlers/moreel_beraad.c */
int h_moreel_beraad_new_form(struct req *r);
int h_moreel_beraad_create(struct req *r);
int h_moreel_beraad_show(struct req *r);
int h_api_moreel_beraad_list(struct req *r);
int h_api_moreel_beraad_create(struct req *r);

/* -- overzicht, toegang, regie, casusteam, api-tokens -- */
/* src/handlers/overzicht.c */
int h_household(struct req *r);
/* src/handlers/toegang.c */
int h_household_access_form(struct req *r);
int h_household_access(struct req *r);
/* src/handlers/regie.c */
int h_regie_form(struct req *r);
int h_regie_assign(struct req *r);
int h_casusteam_add(struct req *r);
int h_casusteam_remove(struct req *r);
int h_api_regie(struct req *r);
int h_api_casusteam(struct req *r);
/* src/handlers/api_tokens.c */
int h_api_tokens(struct req *r);
int h_api_token_create(struct req *r);
int h_api_token_revoke(struct req *r);
/* src/handlers/veiligheid.c */
int h_veiligheid_new_form(struct req *r);
int h_veiligheid_create(struct req *r);
int h_veiligheid_show(struct req *r);
int h_veiligheid_step(struct req *r);
int h_veiligheid_close(struct req *r);
int h_api_veiligheid_list(struct req *r);

/* src/handlers/termijn.c */
int h_termijn_form(struct req *r);
int h_termijn_save(struct req *r);

/* src/handlers/oppakken.c */
int h_aanmelding_oppakken(struct req *r);
int h_aanmelding_behandelaar(struct req *r);

/* src/handlers/wachtrij.c */
int h_wachtrijen(struct req *r);
int h_wachtrijen_save(struct req *r);

/* src/handlers/koppeling.c */
int h_koppelingen(struct req *r);
int h_koppeling_create(struct req *r);
int h_koppeling_deactivate(struct req *r);

/* -- spreekuren, locaties, bezoeken -- */
/* src/handlers/locatie.c (beheer of locaties) */
int h_locatie_list(struct req *r);
int h_locatie_new_form(struct req *r);
int h_locatie_create(struct req *r);
int h_locatie_edit_form(struct req *r);
int h_locatie_update(struct req *r);
int h_api_locatie_list(struct req *r);
/* src/handlers/spreekuur_rooster.c (the schedule: h_spreekuur_schedule,
 * _new_form, _create, _edit_form, _update), spreekuur.c (the week, the
 * spreekuur page, registering bezoeken) and bezoek.c (one bezoek); the API
 * shares the handlers that change something */
int h_spreekuur_schedule(struct req *r);
int h_spreekuur_new_form(struct req *r);
int h_spreekuur_create(struct req *r);
int h_spreekuur_edit_form(struct req *r);
int h_spreekuur_update(struct req *r);
int h_spreekuur_week(struct req *r);
int h_spreekuur_page(struct req *r);
int h_bezoek_create(struct req *r);
int h_bezoek_show(struct req *r);
int h_bezoek_close(struct req *r);
int h_bezoek_link(struct req *r);
int h_api_spreekuur_list(struct req *r);
int h_api_spreekuur_get(struct req *r);
int h_api_bezoek_list(struct req *r);
int h_api_bezoek_get(struct req *r);

/* -- signalen -- */
/* src/handlers/signaal.c (the queue, one signal, follow-up, linking),
 * signaal_nieuw.c (h_signaal_new_form, h_signaal_create) and
 * signaal_api.c (h_api_signaal_*) */
int h_signaal_queue(struct req *r);
int h_signaal_new_form(struct req *r);
int h_signaal_create(struct req *r);
int h_signaal_show(struct req *r);
int h_signaal_update(struct req *r);
int h_signaal_link(struct req *r);
int h_api_signaal_list(struct req *r);
int h_api_signaal_create(struct req *r);
int h_api_signaal_get(struct req *r);
int h_api_signaal_update(struct req *r);
int h_api_signaal_link(struct req *r);

/* -- teamdashboard, exports -- */
/* src/handlers/team.c (teamleider): dashboard, CSV/JSON exports and the
 * API; team_lijst.c: the lists behind its figures (h_team_households).
 * team_summary_fill (src/team_shared.c) adds the compact team view for
 * Mijn werk as "teamview" to data (0, or -1 on a database error). */
int h_team_dashboard(struct req *r);
/* src/handlers/bezetting.c: caseload and capacity of the teamleider's team */
int h_bezetting(struct req *r);
int h_bezetting_normen(struct req *r);
/* resultaat.c: results per provider and product (issue 16 item 2) */
int h_team_resultaten(struct req *r);
int h_beleid_resultaten(struct req *r);
/* beleid.c: management information without personal data (issue 16 item 7) */
int h_beleid(struct req *r);
int h_beleid_kwartaal(struct req *r);
/* src/handlers/signalen.c: the teamleider's signals (issue 16 item 4) */
int h_signalen(struct req *r);
int h_signalen_instellingen(struct req *r);
int h_team_households(struct req *r);
int h_team_export(struct req *r);
int h_api_dashboard(struct req *r);
int team_summary_fill(struct req *r, json_t *data);

/* -- beheer: teams, gebieden, expertises, gebruikers -- */
/* src/handlers/users.c (editing an account) */
int h_user_edit_form(struct req *r);
int h_user_update(struct req *r);
/* src/handlers/organisatie.c (teams, gebieden, expertises) */
int h_team_list(struct req *r);
int h_team_new_form(struct req *r);
int h_team_create(struct req *r);
int h_team_edit_form(struct req *r);
int h_team_update(struct req *r);
int h_team_delete(struct req *r);
int h_gebied_list(struct req *r);
int h_gebied_new_form(struct req *r);
int h_gebied_create(struct req *r);
int h_gebied_edit_form(struct req *r);
int h_gebied_update(struct req *r);
int h_gebied_delete(struct req *r);
int h_expertise_list(struct req *r);
int h_expertise_new_form(struct req *r);
int h_expertise_create(struct req *r);
int h_expertise_edit_form(struct req *r);
int h_expertise_update(struct req *r);
int h_expertise_delete(struct req *r);

/* -- documenten (issue 15) -- */
/* src/handlers/beschikking.c: the beschikking of a voorziening (page and
 * API) */
int h_beschikking_page(struct req *r);
int h_beschikking_post(struct req *r);
/* src/handlers/huisdocument.c: the plan for the resident and the verslag
 * van het onderzoek (page and API) */
int h_plan_document_page(struct req *r);
int h_plan_document_post(struct req *r);
int h_verslag_page(struct req *r);
int h_verslag_post(struct req *r);
/* src/handlers/document.c: download, and the list for the API */
int h_document_download(struct req *r);
int h_api_document_list(struct req *r);
/* src/handlers/document_upload.c: attaching a file (page and API) */
int h_document_upload_form(struct req *r);
int h_document_upload(struct req *r);

/* -- privacy: auditzoeken, inzageverzoek, bewaartermijnen -- */
/* src/handlers/audit.c (h_audit_list above) */
int h_audit_personen(struct req *r);
int h_audit_checkpoint(struct req *r);
/* src/handlers/privacy.c (h_privacy_inzage also answers the API) */
int h_privacy_inzage(struct req *r);
int h_bewaartermijnen(struct req *r);
int h_bewaartermijnen_save(struct req *r);
int h_bewaren(struct req *r);
int h_bewaren_purge(struct req *r);
int h_bewaren_purge_all(struct req *r);
int h_api_bewaren(struct req *r);
int h_privacy_rolwijzigingen(struct req *r);

/* src/handlers/bericht.c (issue 14: berichtenverkeer page and API) */
int h_berichten(struct req *r);
int h_bericht_show(struct req *r);
int h_bericht_upload(struct req *r);
int h_api_berichten_list(struct req *r);
int h_api_bericht_get(struct req *r);
int h_api_bericht_post(struct req *r);
/* src/handlers/contract.c (issue 14: a provider's contracts, beheer) */
int h_contract_list(struct req *r);
int h_contract_create(struct req *r);
int h_contract_end(struct req *r);
int h_contract_delete(struct req *r);
/* src/handlers/verzoek.c (issue 14: a provider's request, 315/317) */
int h_verzoek_show(struct req *r);
int h_verzoek_toekennen(struct req *r);
int h_verzoek_afwijzen(struct req *r);

#endif
