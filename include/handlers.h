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

/* -- intake, netwerk, journaal, toestemming -- */

/* -- overzicht, toegang, regie, casusteam, api-tokens -- */

#endif
