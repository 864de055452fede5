/* oppakken.c - picking up an aanmelding from the queue.  While a household
 * has no acting regisseur it is in the queue of the team of its gebied
 * (src/access.c); one button makes an employee of that team the
 * aanmelding's behandelaar and puts her in the household's casusteam, so
 * the aanmelding leaves the others' "op te pakken" list.  A teamleider may
 * hand it to someone instead.  Browser forms and the JSON API. */
#include <string.h>

#include "access.h"
#include "audit.h"
#include "db_aanmelding.h"
#include "db_regie.h"
#include "form.h"
#include "handlers.h"

static const struct field_rule hand_rules[] = {
	{.name = "medewerker", .label = "Behandelaar", .kind = FIELD_ID, .required = true},
};

static const char MSG_NOT_OPEN[] = "Deze aanmelding is niet meer open en kan niet meer worden opgepakt.";

/* Loads aanmelding id and checks that the user may steer its household
 * (the queue's team, a teamleider, or the regisseur).  Returns 0, or -1
 * after replying. */
static int load_steerable(struct req *r, db *d, int64_t id, struct aanmelding *a)
{
	enum db_status s = db_aanmelding_get(d, r->arena, id, a);
	if (s != DB_OK)
		return reply_lookup(r, s, "Deze aanmelding bestaat niet.");
	struct hh_access_info acc;
	if (require_household(r, a->huishouden_id, NULL, NULL, 0, &acc) != 0 || require_steering(r, &acc) != 0)
		return -1;
	return 0;
}

/* Sets the behandelaar, adds them to the casusteam and audits, in one
 * transaction.  Returns DB_OK, DB_NOT_FOUND (not open, or picked up
 * meanwhile when only_if_free) or DB_ERROR. */
static enum db_status store(struct req *r, db *d, const struct aanmelding *a, int64_t who, bool only_if_free,
                            const char *action)
{
	if (db_begin(d) != 0)
		return DB_ERROR;
	enum db_status s = db_aanmelding_set_behandelaar(d, a->id, who, r->user->id, only_if_free);
	if (s == DB_OK) {
		s = db_casusteam_add(d, a->huishouden_id, who, r->user->id);
		if (s == DB_CONSTRAINT) /* already a member */
			s = DB_OK;
	}
	struct audit_entry e = {.medewerker_id = r->user->id, .action = action, .object_type = "aanmelding",
	                        .object_id = a->id, .huishouden_id = a->huishouden_id,
	                        .reason = who != r->user->id ? arena_printf(r->arena, "behandelaar %lld", (long long)who) : NULL,
	                        .client_addr = r->client_addr};
	if (s == DB_OK)
		s = audit_append(d, &e);
	if (s != DB_OK || db_commit(d) != 0) {
		db_rollback(d);
		return s == DB_OK ? DB_ERROR : s;
	}
	return DB_OK;
}

static int done(struct req *r, db *d, int64_t id, const char *flag)
{
	if (!r->is_api)
		return reply_redirect(r, arena_printf(r->arena, "/aanmeldingen/%lld?%s=1", (long long)id, flag));
	struct aanmelding a;
	if (db_aanmelding_get(d, r->arena, id, &a) != DB_OK)
		return -1;
	return reply_json(r, 200, json_pack("{s:I, s:I, s:I, s:s}", "id", (json_int_t)a.id, "huishouden_id",
	                                    (json_int_t)a.huishouden_id, "behandelaar_id", (json_int_t)a.behandelaar_id,
	                                    "behandelaar", a.behandelaar ? a.behandelaar : ""));
}

int h_aanmelding_oppakken(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	int64_t id = req_param_id(r, 0);
	struct aanmelding a;
	if (load_steerable(r, d, id, &a) != 0)
		return 0;
	if (strcmp(a.status, "open") != 0)
		return reply_error(r, ERR_CONFLICT, MSG_NOT_OPEN);
	if (a.behandelaar_id && a.behandelaar_id != r->user->id)
		return reply_error(r, ERR_CONFLICT, arena_printf(r->arena, "%s heeft deze aanmelding al opgepakt.",
		                                                 a.behandelaar ? a.behandelaar : "Een collega"));
	if (a.behandelaar_id == r->user->id)
		return done(r, d, id, "opgepakt");
	enum db_status s = store(r, d, &a, r->user->id, true, "aanmelding.oppakken");
	if (s == DB_NOT_FOUND) {
		/* Someone was a moment earlier: say who. */
		struct aanmelding now;
		if (db_aanmelding_get(d, r->arena, id, &now) != DB_OK)
			return -1;
		return reply_error(r, ERR_CONFLICT, now.behandelaar
		                   ? arena_printf(r->arena, "%s heeft deze aanmelding net opgepakt.", now.behandelaar)
		                   : MSG_NOT_OPEN);
	}
	if (s != DB_OK)
		return -1;
	return done(r, d, id, "opgepakt");
}

int h_aanmelding_behandelaar(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	int64_t id = req_param_id(r, 0);
	struct aanmelding a;
	if (load_steerable(r, d, id, &a) != 0)
		return 0;
	struct field_value v[1];
	int errors = r->is_api ? form_validate_json(r->arena, r->json, hand_rules, 1, v)
	                       : form_validate(r->arena, r->form, hand_rules, 1, v);
	if (!errors && !db_regie_eligible(d, v[0].id)) {
		v[0].error = "Kies een actieve consulent of gebiedsteamlid.";
		errors++;
	}
	if (errors) {
		if (r->is_api)
			return reply_json_validation(r, form_errors_json(hand_rules, 1, v));
		return reply_redirect(r, arena_printf(r->arena, "/aanmeldingen/%lld?kies_medewerker=1", (long long)id));
	}
	if (strcmp(a.status, "open") != 0)
		return reply_error(r, ERR_CONFLICT, MSG_NOT_OPEN);
	enum db_status s = store(r, d, &a, v[0].id, false, "aanmelding.toewijzen");
	if (s == DB_NOT_FOUND)
		return reply_error(r, ERR_CONFLICT, MSG_NOT_OPEN);
	if (s != DB_OK)
		return -1;
	return done(r, d, id, "toegewezen");
}
