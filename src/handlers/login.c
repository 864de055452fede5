/* login.c - signing in and out, in the browser and through the API. */
#include <string.h>

#include "audit.h"
#include "auth.h"
#include "db_medewerker.h"
#include "db_session.h"
#include "form.h"
#include "handlers.h"

static const struct field_rule login_rules[] = {
	{.name = "gebruikersnaam", .label = "Gebruikersnaam",
	 .kind = FIELD_LINE, .required = true, .min_len = 1, .max_len = 64},
	{.name = "wachtwoord", .label = "Wachtwoord",
	 .kind = FIELD_PASSWORD, .required = true, .min_len = 1, .max_len = PASSWORD_MAX_CHARS},
	/* The page asked for before signing in: only a path on this site
	 * (path_is_local), never another host; a value that is not one is
	 * ignored (the sign-in itself goes on) rather than refused. */
	{.name = "terug", .label = "Pagina na het inloggen", .kind = FIELD_TEXT, .max_len = 2000},
};
enum { F_USERNAME, F_PASSWORD, F_BACK, F_COUNT };

static const struct field_rule back_rule[] = {
	{.name = "terug", .label = "Pagina na het inloggen", .kind = FIELD_TEXT, .max_len = 2000},
};

/* The validated return path, or NULL. */
static const char *back_path(const struct field_value *v)
{
	return !v->error && v->text[0] && path_is_local(v->text) ? v->text : NULL;
}

static const char MSG_BAD_CREDENTIALS[] =
	"De combinatie van gebruikersnaam en wachtwoord is niet bekend. Controleer beide en probeer het opnieuw.";
static const char MSG_THROTTLED[] =
	"Te veel mislukte inlogpogingen. Wacht 15 minuten en probeer het dan opnieuw, "
	"of vraag de beheerder om hulp.";

/* State that lives across the suspension while the password is checked. */
struct login_attempt {
	struct pw_job job;
	const char *username;
	int64_t user_id;
	bool active;
	bool must_change;
	const char *back; /* the page to go back to (browser), or NULL */
};

static int render_form(struct req *r, unsigned status, const struct field_value *values,
                       const char *alert)
{
	json_t *data = json_object();
	json_object_set_new(data, "csrf", json_string(auth_prelogin_token(r)));
	if (values) {
		form_to_page(data, login_rules, F_COUNT, values);
	} else {
		struct field_value empty[F_COUNT];
		form_validate(r->arena, NULL, login_rules, F_COUNT, empty);
		for (int i = 0; i < F_COUNT; i++)
			empty[i].error = NULL;
		form_to_page(data, login_rules, F_COUNT, empty);
	}
	if (alert)
		json_object_set_new(data, "alert", json_string(alert));
	if (!values) {
		struct field_value back;
		form_validate(r->arena, r->query, back_rule, 1, &back);
		if (back_path(&back))
			json_object_set_new(json_object_get(json_object_get(data, "field"), "terug"), "value",
			                    json_string(back.text));
	}
	if (!values && req_query(r, "verlopen"))
		json_object_set_new(data, "notice", json_string("Uw sessie is verlopen. Log opnieuw in."));
	if (!values && req_query(r, "uitgelogd"))
		json_object_set_new(data, "notice", json_string("U bent uitgelogd."));
	return reply_page(r, status, "inloggen", "Inloggen", data);
}

int h_login_form(struct req *r)
{
	if (r->user)
		return reply_redirect(r, "/");
	return render_form(r, 200, NULL, NULL);
}

/* Shared by browser and API: validation done, look the user up and hand
 * the password to the pool.  Returns 0 after suspending, or replies. */
static int start_attempt(struct req *r, const char *username, const char *password, const char *back,
                         resume_fn then)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct login_attempt *a = arena_alloc(r->arena, sizeof *a);
	a->username = username;
	a->back = back;
	struct medewerker m;
	enum db_status s = db_medewerker_credentials(d, r->arena, username, &m);
	if (s == DB_ERROR)
		return -1;
	if (s == DB_OK) {
		a->user_id = m.id;
		a->active = m.active;
		a->must_change = m.must_change_password;
		a->job.verify_hash = m.password_hash;
	}
	a->job.password = password;
	r->async = a;
	return pwpool_submit(r, &a->job, then);
}

/* After the check: start the session, or count the failure.  Returns true
 * when signed in. */
static bool finish_attempt(struct req *r, struct login_attempt *a, int *rc)
{
	*rc = 0;
	if (a->job.verified && a->active) {
		db *d = db_get();
		if (!d || auth_attempt_succeeded(r, a->username) == DB_ERROR ||
		    auth_start_session(r, a->user_id) != 0)
			*rc = -1;
		return *rc == 0;
	}
	auth_attempt_failed(r, "login.failed", a->user_id);
	return false;
}

static int login_done(struct req *r)
{
	struct login_attempt *a = r->async;
	int rc;
	if (finish_attempt(r, a, &rc))
		return reply_redirect(r, a->must_change ? "/wachtwoord" : a->back ? a->back : "/");
	if (rc != 0)
		return rc;
	struct field_value values[F_COUNT];
	form_validate(r->arena, r->form, login_rules, F_COUNT, values);
	return render_form(r, 401, values, MSG_BAD_CREDENTIALS);
}

int h_login(struct req *r)
{
	struct field_value v[F_COUNT];
	if (form_validate(r->arena, r->form, login_rules, F_COUNT, v) > 0)
		return render_form(r, 422, v, NULL);
	int t = auth_attempt_reserve(r, v[F_USERNAME].text, true);
	if (t < 0)
		return -1;
	if (t > 0)
		return render_form(r, 429, v, MSG_THROTTLED);
	return start_attempt(r, v[F_USERNAME].text, v[F_PASSWORD].text, back_path(&v[F_BACK]), login_done);
}

int h_logout(struct req *r)
{
	if (auth_end_session(r) != 0)
		return -1;
	return reply_redirect(r, "/inloggen?uitgelogd=1");
}

/* ---- API ----------------------------------------------------------------- */

static json_t *me_json(struct req *r, int64_t id, const char *username, const char *name,
                       unsigned roles, bool must_change)
{
	json_t *rl = json_array();
	for (int i = 0; role_names[i]; i++)
		if (roles & (1u << i))
			json_array_append_new(rl, json_string(role_names[i]));
	return json_pack("{s:I, s:s, s:s, s:o, s:b}", "id", (json_int_t)id, "gebruikersnaam", username,
	                 "naam", name, "rollen", rl, "wachtwoord_wijzigen", must_change);
}

int h_api_session_info(struct req *r)
{
	json_t *body = json_object();
	if (r->user) {
		json_object_set_new(body, "ingelogd", json_true());
		json_object_set_new(body, "medewerker", me_json(r, r->user->id, r->user->username, r->user->name,
		                                                r->user->roles, r->user->must_change_password));
		/* A bearer token (a koppeling) has no session and needs no CSRF
		 * token: a browser never sends the token on its own. */
		if (r->session)
			json_object_set_new(body, "csrf", json_string(r->session->csrf_token));
		else
			json_object_set_new(body, "via", json_string("token"));
	} else {
		json_object_set_new(body, "ingelogd", json_false());
		json_object_set_new(body, "csrf", json_string(auth_prelogin_token(r)));
	}
	return reply_json(r, 200, body);
}

static int api_login_done(struct req *r)
{
	struct login_attempt *a = r->async;
	int rc;
	if (finish_attempt(r, a, &rc)) {
		db *d = db_get();
		struct medewerker m;
		if (!d || db_medewerker_get(d, r->arena, a->user_id, &m) != DB_OK)
			return -1;
		/* The new session's CSRF token: read back what was just stored. */
		json_t *body = json_object();
		json_object_set_new(body, "medewerker",
		                    me_json(r, m.id, m.username, m.name, m.roles, m.must_change_password));
		json_object_set_new(body, "csrf", json_string(r->new_csrf));
		return reply_json(r, 200, body);
	}
	if (rc != 0)
		return rc;
	return reply_error(r, ERR_UNAUTHENTICATED, MSG_BAD_CREDENTIALS);
}

int h_api_session_create(struct req *r)
{
	struct field_value v[F_COUNT];
	if (!r->json)
		return reply_error(r, ERR_UNSUPPORTED_MEDIA, "Stuur JSON met gebruikersnaam en wachtwoord.");
	if (form_validate_json(r->arena, r->json, login_rules, F_COUNT, v) > 0)
		return reply_json_validation(r, form_errors_json(login_rules, F_COUNT, v));
	int t = auth_attempt_reserve(r, v[F_USERNAME].text, true);
	if (t < 0)
		return -1;
	if (t > 0)
		return reply_error(r, ERR_THROTTLED, MSG_THROTTLED);
	return start_attempt(r, v[F_USERNAME].text, v[F_PASSWORD].text, NULL, api_login_done);
}

int h_api_session_delete(struct req *r)
{
	if (auth_end_session(r) != 0)
		return -1;
	return reply_json(r, 200, json_pack("{s:b}", "ingelogd", 0));
}

int h_api_me(struct req *r)
{
	return reply_json(r, 200, me_json(r, r->user->id, r->user->username, r->user->name,
	                                  r->user->roles, r->user->must_change_password));
}
