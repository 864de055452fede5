/* rolgesprek_shared.c - what the rolgesprek's two handler files share
 * (include/rolgesprek_shared.h): the field table of a contribution and the
 * fields each level reads, a contribution's form values, the level's own
 * checks, a contribution from validated values, the refusal of a stale
 * edit and the API's list.  Used by src/handlers/rolgesprek.c (the page
 * and its form) and src/handlers/bijdrage.c (one contribution). */
#include <string.h>

#include "db_plan.h"
#include "domain.h"
#include "form.h"
#include "plan_shared.h"
#include "rolgesprek_shared.h"
#include "util.h"

const struct field_rule rolgesprek_rules[R_COUNT] = {
	[R_NIVEAU] = {.name = "niveau", .label = "Niveau",
	              .kind = FIELD_CHOICE, .required = true, .choices = plan_level_codes},
	[R_BIJDRAGE] = {.name = "bijdrage", .label = "Bijdrage", .kind = FIELD_TEXT, .max_len = 2000},
	[R_NETWERKLID] = {.name = "netwerklid", .label = "Netwerklid", .kind = FIELD_ID},
	[R_SOCIALE_KAART] = {.name = "sociale_kaart", .label = "Voorziening", .kind = FIELD_ID},
	[R_EFFECT] = {.name = "beoogd_effect", .label = "Beoogd effect", .kind = FIELD_TEXT, .max_len = 2000},
	[R_ONDERBOUWING] = {.name = "onderbouwing", .label = "Onderbouwing", .kind = FIELD_TEXT, .max_len = 2000},
	[R_STEUN] = {.name = "steun_aan", .label = "Steun aan een netwerklid", .kind = FIELD_ID},
	[R_STEUN_PERSOON] = {.name = "steun_aan_persoon", .label = "Steun aan een lid van het huishouden",
	                     .kind = FIELD_ID},
};
const unsigned rolgesprek_level_fields[L_COUNT] = {
	[L_INWONER] = ROL_BIT(R_BIJDRAGE),
	[L_NETWERK] = ROL_BIT(R_BIJDRAGE),
	[L_VOORLIGGEND] = ROL_BIT(R_SOCIALE_KAART) | ROL_BIT(R_BIJDRAGE) | ROL_BIT(R_STEUN) | ROL_BIT(R_STEUN_PERSOON),
	[L_GEMEENTE] = ROL_BIT(R_EFFECT) | ROL_BIT(R_BIJDRAGE) | ROL_BIT(R_ONDERBOUWING) | ROL_BIT(R_STEUN) |
	               ROL_BIT(R_STEUN_PERSOON),
};
const struct field_rule rolgesprek_entry_rules[E_COUNT] = {
	[E_VERSIE] = {.name = "versie", .label = "Versie",
	              .kind = FIELD_INT, .required = true, .min = 1, .max = INT64_MAX},
	[E_VERWIJDEREN] = {.name = "verwijderen", .label = "Verwijderen", .kind = FIELD_CHECKBOX},
};

void rolgesprek_blank_values(struct req *r, struct field_value *v)
{
	form_validate(r->arena, NULL, rolgesprek_rules, R_COUNT, v);
	for (int i = 0; i < R_COUNT; i++)
		v[i].error = NULL;
}

static const char *id_text(struct req *r, int64_t id)
{
	return id ? arena_printf(r->arena, "%lld", (long long)id) : "";
}

/* The form values of recorded contribution c. */
void rolgesprek_values_of(struct req *r, const struct rolgesprek *c, struct field_value *v)
{
	rolgesprek_blank_values(r, v);
	v[R_BIJDRAGE].text = c->contribution ? c->contribution : "";
	v[R_NETWERKLID].id = c->netwerklid_id;
	v[R_SOCIALE_KAART].id = c->sociale_kaart_id;
	v[R_SOCIALE_KAART].text = id_text(r, c->sociale_kaart_id);
	v[R_EFFECT].text = c->intended_effect ? c->intended_effect : "";
	v[R_ONDERBOUWING].text = c->justification ? c->justification : "";
	v[R_STEUN].id = c->supports_netwerklid_id;
	v[R_STEUN].text = id_text(r, c->supports_netwerklid_id);
	v[R_STEUN_PERSOON].id = c->supports_persoon_id;
	v[R_STEUN_PERSOON].text = id_text(r, c->supports_persoon_id);
}

int rolgesprek_level_of(const char *code)
{
	for (int l = 0; l < L_COUNT; l++)
		if (strcmp(plan_level_codes[l], code) == 0)
			return l;
	return L_INWONER;
}

/* The entries of the page as stored: every contribution of the goal, then
 * a blank new one per level.  Arena array. */
/* The level's own rules beyond the table (shared by browser and API, for
 * one contribution): returns the number of errors added.  The netwerklid of
 * a recorded contribution stays and is not checked again (!is_new). */
int rolgesprek_check(db *d, int64_t hh, int level, struct field_value *v, bool is_new)
{
	int errors = 0;
	if (!v[R_BIJDRAGE].error && !v[R_BIJDRAGE].text[0]) {
		static const char *const ask[L_COUNT] = {
			[L_INWONER] = "Schrijf op wat de inwoner zelf doet.",
			[L_NETWERK] = "Schrijf op wat dit netwerklid doet.",
			[L_VOORLIGGEND] = "Schrijf op wat deze voorziening doet.",
			[L_GEMEENTE] = "Schrijf op wat de gemeente doet.",
		};
		v[R_BIJDRAGE].error = ask[level];
		errors++;
	}
	if (level == L_NETWERK && is_new && !v[R_NETWERKLID].error && !db_plan_ref_valid(d, REF_NETWERKLID, v[R_NETWERKLID].id, hh)) {
		v[R_NETWERKLID].error = "Kies een netwerklid van dit huishouden.";
		errors++;
	}
	if (level == L_VOORLIGGEND && !v[R_SOCIALE_KAART].error &&
	    !db_plan_ref_valid(d, REF_SOCIALE_KAART, v[R_SOCIALE_KAART].id, 0)) {
		v[R_SOCIALE_KAART].error = "Kies een voorziening uit de sociale kaart.";
		errors++;
	}
	if (level == L_GEMEENTE) {
		/* Omgekeerde toets: the intended effect first, then why the inner
		 * circles cannot carry it. */
		if (!v[R_EFFECT].error && !v[R_EFFECT].text[0]) {
			v[R_EFFECT].error = "Beschrijf eerst wat het moet opleveren voor de inwoner (omgekeerde toets).";
			errors++;
		}
		if (!v[R_ONDERBOUWING].error && !v[R_ONDERBOUWING].text[0]) {
			v[R_ONDERBOUWING].error = "Leg uit waarom de inwoner, het netwerk en het voorliggend veld dit niet "
			                          "kunnen dragen.";
			errors++;
		}
	}
	if ((level == L_VOORLIGGEND || level == L_GEMEENTE) && !v[R_STEUN].error && v[R_STEUN].id &&
	    !db_plan_ref_valid(d, REF_NETWERKLID, v[R_STEUN].id, hh)) {
		v[R_STEUN].error = "Kies een netwerklid van dit huishouden, of laat het veld leeg.";
		errors++;
	}
	if ((level == L_VOORLIGGEND || level == L_GEMEENTE) && !v[R_STEUN_PERSOON].error && v[R_STEUN_PERSOON].id) {
		if (!db_plan_ref_valid(d, REF_PERSOON, v[R_STEUN_PERSOON].id, hh)) {
			v[R_STEUN_PERSOON].error = "Kies een lid van dit huishouden, of laat het veld leeg.";
			errors++;
		} else if (v[R_STEUN].id) {
			v[R_STEUN_PERSOON].error = "Kies één mantelzorger: een netwerklid of een lid van het huishouden.";
			errors++;
		}
	}
	return errors;
}

/* One contribution from validated values. */
struct rolgesprek rolgesprek_contribution_of(int64_t doel_id, int level, const struct field_value *v)
{
	struct rolgesprek c = {.doel_id = doel_id, .level = plan_level_codes[level], .contribution = v[R_BIJDRAGE].text};
	if (level == L_NETWERK)
		c.netwerklid_id = v[R_NETWERKLID].id;
	if (level == L_VOORLIGGEND)
		c.sociale_kaart_id = v[R_SOCIALE_KAART].id;
	if (level == L_GEMEENTE) {
		c.intended_effect = v[R_EFFECT].text;
		c.justification = v[R_ONDERBOUWING].text;
	}
	if (level == L_VOORLIGGEND || level == L_GEMEENTE) {
		c.supports_netwerklid_id = v[R_STEUN].id;
		c.supports_persoon_id = v[R_STEUN_PERSOON].id;
	}
	return c;
}


/* What changed in contribution now since the page showed it. */
const char *rolgesprek_stale_message(struct req *r, const struct rolgesprek *now)
{
	return arena_printf(r->arena, "Iemand anders heeft deze bijdrage intussen gewijzigd. Nu staat er: \"%s\". Uw "
	                    "tekst staat hieronder; sla opnieuw op om die te bewaren.", now->contribution);
}

json_t *rolgesprek_list_json(struct req *r, db *d, int64_t doel_id)
{
	struct rolgesprek *c;
	size_t n;
	if (db_rolgesprek_list(d, r->arena, doel_id, &c, &n) != DB_OK)
		return NULL;
	json_t *list = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(list, plan_rolgesprek_json(&c[i]));
	return json_pack("{s:I, s:o}", "doel_id", (json_int_t)doel_id, "rolgesprek", list);
}
