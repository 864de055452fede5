/* routes.c - the route table: the whole surface of the server and who may
 * reach each part.  tests/test_access.c walks it role by role. */
#include <string.h>

#include "handlers.h"
#include "router.h"

#define ANY ROLE_ALL
#define GET HTTP_GET
#define POST HTTP_POST

const struct route routes[] = {
	{GET,  "/static/*",                         h_static,            0, ROUTE_PUBLIC},
	{GET,  "/inloggen",                         h_login_form,        0, ROUTE_PUBLIC},
	{POST, "/inloggen",                         h_login,             0, ROUTE_PUBLIC | ROUTE_PRELOGIN_CSRF},
	{POST, "/uitloggen",                        h_logout,            ANY, ROUTE_DURING_PASSWORD_CHANGE},
	{GET,  "/",                                 h_home,              ANY, 0},
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
	/* -- intake, netwerk, journaal, toestemming -- */
	/* -- overzicht, toegang, regie, casusteam, api-tokens -- */
	{GET,  "/api/v1/sessie",                    h_api_session_info,  0, ROUTE_PUBLIC},
	{POST, "/api/v1/sessie",                    h_api_session_create, 0, ROUTE_PUBLIC | ROUTE_PRELOGIN_CSRF},
	{HTTP_DELETE, "/api/v1/sessie",             h_api_session_delete, ANY, ROUTE_DURING_PASSWORD_CHANGE},
	{GET,  "/api/v1/ik",                        h_api_me,            ANY, ROUTE_DURING_PASSWORD_CHANGE},
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
