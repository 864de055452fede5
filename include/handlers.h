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

/* src/handlers/home.c */
int h_home(struct req *r);

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
/* src/handlers/aanmelding.c */
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

/* src/handlers/intake.c (also overview_fill_care, include/overview.h) */
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

/* -- voorzieningen, aanbieders, sociale kaart, producten -- */

/* -- evaluatie, afsluiten, moreel beraad -- */

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

#endif
