/* reply.c - building responses: pages in the layout, redirects, JSON and
 * the one error reply. */
#include <string.h>

#include "auth.h"
#include "melding.h"
#include "http.h"
#include "server.h"

static const struct {
	unsigned status;
	const char *code;
	const char *title;
	const char *message;
} errors[] = {
	[ERR_BAD_REQUEST] = {400, "bad_request", "Ongeldig verzoek",
		"Het verzoek kon niet worden verwerkt."},
	[ERR_DUPLICATE_PARAM] = {400, "duplicate_parameter", "Ongeldig formulier",
		"Het formulier bevat een veld meer dan één keer. Laad de pagina opnieuw en probeer het nog eens."},
	[ERR_INVALID_JSON] = {400, "invalid_json", "Ongeldige gegevens",
		"De gegevens zijn geen geldige JSON."},
	[ERR_VALIDATION] = {422, "validation_failed", "Niet alles is goed ingevuld",
		"Niet alle velden zijn goed ingevuld."},
	[ERR_UNAUTHENTICATED] = {401, "unauthenticated", "Niet ingelogd",
		"U bent niet ingelogd, of uw sessie is verlopen."},
	[ERR_CSRF] = {403, "csrf", "Formulier verlopen",
		"Het formulier is verlopen of komt niet van deze site. Ga terug, laad de pagina opnieuw en probeer het nog eens."},
	[ERR_FORBIDDEN] = {403, "forbidden", "Geen toegang",
		"U heeft geen toegang tot deze pagina."},
	[ERR_NOT_FOUND] = {404, "not_found", "Pagina niet gevonden",
		"Deze pagina bestaat niet. Controleer het webadres of ga naar Mijn werk."},
	[ERR_METHOD] = {405, "method_not_allowed", "Handeling niet mogelijk",
		"Deze handeling is op deze pagina niet mogelijk."},
	[ERR_TIMEOUT] = {408, "request_timeout", "Verzoek te traag",
		"Het verzoek kwam te langzaam binnen en is niet verwerkt. Probeer het opnieuw."},
	[ERR_LENGTH_REQUIRED] = {411, "length_required", "Lengte ontbreekt",
		"Stuur gegevens met een Content-Length; opgeknipte (chunked) berichten worden niet aangenomen."},
	[ERR_CONFLICT] = {409, "conflict", "Wijziging niet mogelijk",
		"Iemand anders heeft deze gegevens intussen gewijzigd."},
	[ERR_TOO_LARGE] = {413, "payload_too_large", "Bericht te groot",
		"Het verzonden bericht is te groot (meer dan 1 MiB, of voor het inloggen meer dan 8 KiB) en is niet verwerkt."},
	[ERR_URI_TOO_LONG] = {414, "uri_too_long", "Webadres te lang",
		"Het webadres is te lang en is niet verwerkt."},
	[ERR_UNSUPPORTED_MEDIA] = {415, "unsupported_media_type", "Onbekend gegevenstype",
		"Dit soort gegevens wordt niet ondersteund. Stuur een formulier of JSON."},
	[ERR_THROTTLED] = {429, "too_many_requests", "Te veel pogingen",
		"Te veel mislukte inlogpogingen. Wacht 15 minuten en probeer het dan opnieuw."},
	[ERR_INTERNAL] = {500, "internal", "Er ging iets mis",
		"Er ging iets mis aan onze kant. Er is niets opgeslagen. Probeer het later opnieuw."},
	[ERR_UNAVAILABLE] = {503, "unavailable", "Tijdelijk niet beschikbaar",
		"De dienst is tijdelijk niet beschikbaar. Probeer het over een paar minuten opnieuw."},
};

const char *http_status_text(unsigned status)
{
	switch (status) {
	case 200: return "OK";
	case 201: return "Created";
	case 303: return "See Other";
	case 304: return "Not Modified";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 408: return "Request Timeout";
	case 411: return "Length Required";
	case 409: return "Conflict";
	case 413: return "Payload Too Large";
	case 414: return "URI Too Long";
	case 415: return "Unsupported Media Type";
	case 422: return "Unprocessable Entity";
	case 429: return "Too Many Requests";
	case 500: return "Internal Server Error";
	case 503: return "Service Unavailable";
	default: return "";
	}
}

void http_add_security_headers(struct MHD_Response *resp)
{
	MHD_add_response_header(resp, "Content-Security-Policy",
	        "default-src 'none'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
	        "script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	MHD_add_response_header(resp, "Cross-Origin-Opener-Policy", "same-origin");
}

static void set_response(struct req *r, unsigned status, struct MHD_Response *resp)
{
	if (r->response)
		MHD_destroy_response(r->response);
	r->response = resp;
	r->status = status;
}

int reply_buffer(struct req *r, unsigned status, char *buf, size_t len, const char *type)
{
	struct MHD_Response *resp = MHD_create_response_from_buffer(len, buf, MHD_RESPMEM_MUST_FREE);
	if (!resp) {
		free(buf);
		return -1;
	}
	MHD_add_response_header(resp, "Content-Type", type);
	set_response(r, status, resp);
	return 0;
}

const char *cookie_name(struct req *r, const char *name)
{
	if (r->srv->cfg.cookie_insecure)
		return name;
	return arena_printf(r->arena, "__Host-%s", name);
}

void reply_cookie(struct req *r, const char *name, const char *value, long max_age)
{
	if (r->ncookies >= (int)ARRAY_LEN(r->cookies)) {
		log_error("te veel cookies op één antwoord");
		return;
	}
	strbuf sb = {0};
	sb_printf(&sb, "%s=%s; Path=/; HttpOnly; SameSite=Lax", cookie_name(r, name), value);
	if (!r->srv->cfg.cookie_insecure)
		sb_puts(&sb, "; Secure");
	if (max_age >= 0)
		sb_printf(&sb, "; Max-Age=%ld", max_age);
	r->cookies[r->ncookies++] = arena_strdup(r->arena, sb_str(&sb));
	sb_free(&sb);
}

void reply_header(struct req *r, const char *name, const char *value)
{
	if (r->response)
		MHD_add_response_header(r->response, name, value);
}

static bool path_starts(const char *path, const char *prefix)
{
	size_t n = strlen(prefix);
	return strncmp(path, prefix, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

/* The navigation a user's roles open up; "current" marks where we are. */
static json_t *navigation(struct req *r)
{
	static const struct {
		const char *href, *label;
		unsigned roles;
	} items[] = {
		{"/", "Mijn werk", ROLE_ALL},
		{"/aanmeldingen", "Aanmeldingen", ROLE_CONSULENT | ROLE_GEBIEDSTEAM | ROLE_TEAMLEIDER},
		{"/zoeken", "Zoeken", ROLE_CONSULENT | ROLE_GEBIEDSTEAM | ROLE_TEAMLEIDER},
		{"/beheer/gebruikers", "Gebruikers", ROLE_BEHEERDER},
		{"/beheer/aanbieders", "Aanbieders", ROLE_BEHEERDER},
		{"/beheer/sociale-kaart", "Sociale kaart", ROLE_BEHEERDER},
		{"/beheer/producten", "Producten", ROLE_BEHEERDER},
		{"/beheer/koppelingen", "Koppelingen", ROLE_BEHEERDER},
		{"/beheer/api-tokens", "API-tokens", ROLE_BEHEERDER},
		{"/audit", "Auditlog", ROLE_PRIVACY},
		/* -- spreekuren, locaties, bezoeken -- */
		{"/spreekuren", "Spreekuren", ROLE_CONSULENT | ROLE_GEBIEDSTEAM | ROLE_TEAMLEIDER},
		{"/beheer/spreekuren", "Spreekuurrooster", ROLE_BEHEERDER | ROLE_TEAMLEIDER},
		{"/beheer/locaties", "Locaties", ROLE_BEHEERDER},
		/* -- signalen -- */
		{"/signalen", "Signalen", ROLE_CONSULENT | ROLE_GEBIEDSTEAM | ROLE_TEAMLEIDER},
		/* -- teamdashboard, exports -- */
		{"/team", "Team", ROLE_TEAMLEIDER},
		/* -- sturingsinformatie zonder persoonsgegevens (issue 16) -- */
		{"/beleid", "Sturingsinformatie", ROLE_BELEID},
		{"/beleid/kwartaal", "Kwartaalrapportage", ROLE_BELEID},
		/* -- berichtenverkeer met zorgaanbieders (issue 14) -- */
		{"/berichten", "Berichtenverkeer", ROLE_TEAMLEIDER | ROLE_BEHEERDER},
		/* -- beheer: teams, gebieden, expertises, gebruikers -- */
		{"/beheer/teams", "Teams", ROLE_BEHEERDER},
		{"/beheer/gebieden", "Gebieden", ROLE_BEHEERDER},
		{"/beheer/wachtrijen", "Wachtrijen", ROLE_BEHEERDER},
		{"/beheer/expertises", "Expertises", ROLE_BEHEERDER},
		/* -- privacy: auditzoeken, inzageverzoek, bewaartermijnen -- */
		{"/privacy/bewaartermijnen", "Bewaartermijnen", ROLE_PRIVACY},
		{"/privacy/bewaren", "Te vernietigen", ROLE_PRIVACY},
		{"/privacy/rolwijzigingen", "Toegekende rechten", ROLE_PRIVACY},
		{"/wachtwoord", "Wachtwoord wijzigen", ROLE_ALL},
	};
	json_t *nav = json_array();
	for (size_t i = 0; i < ARRAY_LEN(items); i++) {
		if (!(r->user->roles & items[i].roles))
			continue;
		bool current = strcmp(items[i].href, "/") == 0 ? strcmp(r->path, "/") == 0
		                                               : path_starts(r->path, items[i].href);
		json_t *o = json_object();
		json_object_set_new(o, "href", json_string(items[i].href));
		json_object_set_new(o, "label", json_string(items[i].label));
		json_object_set_new(o, "current", json_boolean(current));
		json_array_append_new(nav, o);
	}
	return nav;
}

int reply_page(struct req *r, unsigned status, const char *template_name, const char *title,
               json_t *data)
{
	if (!data)
		data = json_object();
	json_object_set_new(data, "title", json_string(title));
	if (r->user && !r->user->must_change_password) {
		json_t *u = json_object();
		json_object_set_new(u, "name", json_string(r->user->name));
		json_object_set_new(u, "roles", json_string(roles_label(r->arena, r->user->roles)));
		json_object_set_new(u, "may_search", json_boolean(r->user->roles & (ROLE_CONSULENT | ROLE_GEBIEDSTEAM |
		                                                                     ROLE_TEAMLEIDER)));
		if (melding_applies(r)) {
			/* The count of unread meldingen on every page; a page still
			 * shows when it cannot be had (logged). */
			int64_t n = 0;
			if (melding_unread(r, &n) == DB_OK) {
				json_object_set_new(u, "meldingen", json_integer(n));
				json_object_set_new(u, "has_meldingen_teller", json_true());
				json_object_set_new(u, "has_nieuwe_meldingen", json_boolean(n > 0));
			} else {
				log_error("meldingen: the count for the header could not be read");
			}
		}
		json_object_set_new(data, "user", u);
		json_object_set_new(data, "nav", navigation(r));
		json_object_set_new(data, "has_nav", json_true());
	} else if (r->user) {
		/* Until a one-time password is replaced, only sign-out is offered. */
		json_t *u = json_object();
		json_object_set_new(u, "name", json_string(r->user->name));
		json_object_set_new(data, "user", u);
	}
	if (r->session && !json_object_get(data, "csrf"))
		json_object_set_new(data, "csrf", json_string(r->session->csrf_token));

	strbuf out = {0};
	char *err = NULL;
	if (tpl_render(r->srv->templates, template_name, data, &out, &err) != 0) {
		log_error("template %s: %s", template_name, err ? err : "?");
		free(err);
		sb_free(&out);
		json_decref(data);
		static const char fallback[] = "Er ging iets mis bij het tonen van deze pagina.\n";
		return reply_buffer(r, 500, xstrdup(fallback), sizeof fallback - 1,
		                    "text/plain; charset=utf-8");
	}
	json_decref(data);
	size_t len = out.len;
	return reply_buffer(r, status, sb_steal(&out), len, "text/html; charset=utf-8");
}

int reply_redirect(struct req *r, const char *location)
{
	struct MHD_Response *resp = MHD_create_response_from_buffer(0, "", MHD_RESPMEM_PERSISTENT);
	if (!resp)
		return -1;
	MHD_add_response_header(resp, "Location", location);
	set_response(r, 303, resp);
	return 0;
}

int reply_json(struct req *r, unsigned status, json_t *body)
{
	char *text = json_dumps(body, JSON_COMPACT | JSON_ENSURE_ASCII);
	json_decref(body);
	if (!text)
		return -1;
	return reply_buffer(r, status, text, strlen(text), "application/json");
}

static json_t *error_body(enum err_code code, const char *message)
{
	json_t *e = json_object();
	json_object_set_new(e, "code", json_string(errors[code].code));
	json_object_set_new(e, "message", json_string(message ? message : errors[code].message));
	return json_pack("{s:o}", "error", e);
}

int reply_error(struct req *r, enum err_code code, const char *message)
{
	if (r->is_api)
		return reply_json(r, errors[code].status, error_body(code, message));
	json_t *data = json_object();
	json_object_set_new(data, "heading", json_string(errors[code].title));
	json_object_set_new(data, "message", json_string(message ? message : errors[code].message));
	return reply_page(r, errors[code].status, "fout", errors[code].title, data);
}

int reply_json_validation(struct req *r, json_t *fields)
{
	json_t *body = error_body(ERR_VALIDATION, NULL);
	json_object_set_new(json_object_get(body, "error"), "fields", fields);
	return reply_json(r, errors[ERR_VALIDATION].status, body);
}
