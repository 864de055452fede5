/* password.c - every user changes their own password here. */
#include <string.h>

#include "audit.h"
#include "auth.h"
#include "db_medewerker.h"
#include "db_session.h"
#include "form.h"
#include "handlers.h"

static const struct field_rule rules[] = {
	{.name = "huidig_wachtwoord", .label = "Huidig wachtwoord",
	 .kind = FIELD_PASSWORD, .required = true, .min_len = 1, .max_len = PASSWORD_MAX_CHARS},
	{.name = "nieuw_wachtwoord", .label = "Nieuw wachtwoord", .kind = FIELD_PASSWORD, .required = true},
	{.name = "herhaling", .label = "Nieuw wachtwoord nogmaals", .kind = FIELD_PASSWORD, .required = true},
};
enum { F_CURRENT, F_NEW, F_REPEAT, F_COUNT };

struct change {
	struct pw_job job;
	struct field_value v[F_COUNT];
};

static int render(struct req *r, unsigned status, struct field_value *v)
{
	json_t *data = json_object();
	struct field_value empty[F_COUNT];
	if (!v) {
		form_validate(r->arena, NULL, rules, F_COUNT, empty);
		for (int i = 0; i < F_COUNT; i++)
			empty[i].error = NULL;
		v = empty;
	}
	form_to_page(data, rules, F_COUNT, v);
	json_object_set_new(data, "must_change", json_boolean(r->user->must_change_password));
	return reply_page(r, status, "wachtwoord", "Wachtwoord wijzigen", data);
}

int h_password_form(struct req *r)
{
	return render(r, 200, NULL);
}

static int change_done(struct req *r)
{
	struct change *c = r->async;
	if (!c->job.verified) {
		auth_attempt_failed(r, "password.check_failed", r->user->id);
		c->v[F_CURRENT].error = "Dit is niet uw huidige wachtwoord.";
		return render(r, 422, c->v);
	}
	if (!c->job.hashed)
		return -1;
	db *d = db_get();
	if (!d || db_begin(d) != 0)
		return -1;
	struct audit_entry e = {.medewerker_id = r->user->id, .action = "password.change",
	                        .object_type = "medewerker", .object_id = r->user->id,
	                        .client_addr = r->client_addr};
	/* Other sessions end: whoever knew the old password is signed out. */
	if (auth_attempt_succeeded(r, r->user->username) != DB_OK ||
	    db_medewerker_set_password(d, r->user->id, c->job.new_hash, false) != DB_OK ||
	    db_session_delete_others(d, r->user->id, r->session ? r->session->id : 0) != DB_OK ||
	    audit_append(d, &e) != DB_OK || db_commit(d) != 0) {
		db_rollback(d);
		return -1;
	}
	r->user->must_change_password = false;
	json_t *data = json_object();
	json_object_set_new(data, "heading", json_string("Wachtwoord gewijzigd"));
	json_object_set_new(data, "message", json_string(
		"Uw nieuwe wachtwoord is opgeslagen. Op andere apparaten bent u uitgelogd."));
	return reply_page(r, 200, "fout", "Wachtwoord gewijzigd", data);
}

int h_password_change(struct req *r)
{
	struct change *c = arena_alloc(r->arena, sizeof *c);
	int errors = form_validate(r->arena, r->form, rules, F_COUNT, c->v);
	if (!c->v[F_NEW].error) {
		const char *problem = password_problem(c->v[F_NEW].text, r->user->username, r->user->name);
		if (problem) {
			c->v[F_NEW].error = problem;
			errors++;
		} else if (!c->v[F_REPEAT].error && strcmp(c->v[F_NEW].text, c->v[F_REPEAT].text) != 0) {
			c->v[F_REPEAT].error = "De twee nieuwe wachtwoorden zijn niet gelijk.";
			errors++;
		} else if (!c->v[F_CURRENT].error && strcmp(c->v[F_NEW].text, c->v[F_CURRENT].text) == 0) {
			c->v[F_NEW].error = "Kies een ander wachtwoord dan uw huidige.";
			errors++;
		}
	}
	if (errors)
		return render(r, 422, c->v);
	/* The current password is checked like a sign-in: counted first, at
	 * most THROTTLE_MAX_FAILURES wrong ones per window, each audited. */
	int t = auth_attempt_reserve(r, r->user->username, false);
	if (t < 0)
		return -1;
	if (t > 0) {
		c->v[F_CURRENT].error = "Te vaak een verkeerd huidig wachtwoord. Wacht 15 minuten en probeer "
		                        "het dan opnieuw, of vraag de beheerder om hulp.";
		return render(r, 429, c->v);
	}
	db *d = db_get();
	struct medewerker m;
	if (!d || db_medewerker_credentials(d, r->arena, r->user->username, &m) != DB_OK)
		return -1;
	c->job.verify_hash = m.password_hash;
	c->job.password = c->v[F_CURRENT].text;
	c->job.new_password = c->v[F_NEW].text;
	r->async = c;
	return pwpool_submit(r, &c->job, change_done);
}
