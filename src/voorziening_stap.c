/* voorziening_stap.c - the status steps of a voorziening and their dates
 * (see voorziening_stap.h). */
#include "voorziening_stap.h"

#include <stdint.h>
#include <string.h>

static const char *const status_codes[] = {"aangevraagd", "toegekend", "afgewezen", "gestart", "beeindigd", NULL};
static const char *const status_labels[] = {"Aangevraagd", "Toegekend", "Afgewezen", "Gestart", "Beëindigd", NULL};
const struct vocab vocab_voorziening_status = {status_codes, status_labels};

static const char *const action_codes[] = {"toekennen", "afwijzen", "starten", "beeindigen", NULL};
/* The participle of each action, for "kan niet worden ...". */
static const char *const action_done[] = {"toegekend", "afgewezen", "gestart", "beëindigd", NULL};

const struct voorziening_transition voorziening_transitions[] = {
	{"toekennen", "aangevraagd", "toegekend", "Toekennen"},
	{"afwijzen", "aangevraagd", "afgewezen", "Afwijzen"},
	{"starten", "toegekend", "gestart", "Starten"},
	{"beeindigen", "toegekend", "beeindigd", "Beëindigen"},
	{"beeindigen", "gestart", "beeindigd", "Beëindigen"},
};
const size_t voorziening_ntransitions = sizeof voorziening_transitions / sizeof voorziening_transitions[0];

const struct field_rule voorziening_status_rules[S_COUNT] = {
	[S_ACTIE] = {.name = "actie", .label = "Wat er is besloten of gebeurd", .kind = FIELD_CHOICE, .required = true, .choices = action_codes},
	[S_REDEN] = {.name = "reden_einde", .label = "Reden van beëindigen", .kind = FIELD_CHOICE, .choices = vocab_end_reason_codes},
	[S_DATUM] = {.name = "beeindigd_op", .label = "Beëindigd op", .kind = FIELD_DATE},
	[S_BESLUIT] = {.name = "besluitdatum", .label = "Datum van het besluit", .kind = FIELD_DATE, .date_flags = DATE_NOT_FUTURE},
	[S_GESTART] = {.name = "gestart_op", .label = "Gestart op", .kind = FIELD_DATE, .date_flags = DATE_NOT_FUTURE},
	[S_VERSIE] = {.name = "versie", .label = "Versie", .kind = FIELD_INT, .required = true, .min = 1, .max = INT64_MAX},
};

static const char *nl(arena *a, const char *iso)
{
	char out[11];
	fmt_date_nl(iso, out);
	return arena_strdup(a, out);
}

/* toekennen, afwijzen: the decision date, for maatwerk only. */
static void check_decision(arena *a, const struct voorziening_now *now, bool granting, struct field_value *v)
{
	bool maatwerk = strcmp(now->kind, "maatwerk") == 0;
	if (v->error)
		return;
	if (!maatwerk) {
		if (v->text[0])
			v->error = "Een algemene voorziening heeft geen besluit: laat de datum van het besluit leeg.";
	} else if (!v->text[0]) {
		v->error = "Vul de datum van het besluit in.";
	} else if (granting && strcmp(v->text, now->end_date) > 0) {
		v->error = arena_printf(a, "De datum van het besluit ligt na de einddatum (%s). Pas eerst de periode "
		                           "van de voorziening aan.", nl(a, now->end_date));
	}
}

/* starten: the day it started, not before the ingangsdatum. */
static void check_started(arena *a, const struct voorziening_now *now, struct field_value *v)
{
	if (v->error)
		return;
	if (!v->text[0])
		v->error = "Vul de datum in waarop de voorziening is gestart.";
	else if (strcmp(v->text, now->start_date) < 0)
		v->error = arena_printf(a, "De voorziening gaat in op %s; ze kan niet eerder gestart zijn. Klopt de "
		                           "ingangsdatum niet, pas die dan eerst aan.", nl(a, now->start_date));
}

/* beeindigen: a reason and a day, not before the start. */
static void check_end(arena *a, const struct voorziening_now *now, struct field_value *reason,
                      struct field_value *day)
{
	if (!reason->error && !reason->text[0])
		reason->error = "Kies de reden van beëindigen.";
	if (day->error)
		return;
	if (!day->text[0])
		day->error = "Vul de datum van beëindigen in.";
	else if (now->started_on && strcmp(day->text, now->started_on) < 0)
		day->error = arena_printf(a, "De voorziening is gestart op %s; de datum van beëindigen kan niet "
		                             "eerder zijn.", nl(a, now->started_on));
	else if (strcmp(day->text, now->start_date) < 0)
		day->error = arena_printf(a, "De voorziening gaat in op %s; de datum van beëindigen kan niet eerder "
		                             "zijn. Gaat de voorziening niet door, beëindig haar dan op de "
		                             "ingangsdatum.", nl(a, now->start_date));
}

const struct voorziening_transition *voorziening_step_check(arena *a, const struct voorziening_now *now,
                                                            struct field_value v[S_COUNT])
{
	const struct voorziening_transition *t = NULL;
	for (size_t i = 0; i < voorziening_ntransitions && !v[S_ACTIE].error; i++)
		if (strcmp(voorziening_transitions[i].action, v[S_ACTIE].text) == 0 &&
		    strcmp(voorziening_transitions[i].from, now->status) == 0)
			t = &voorziening_transitions[i];
	if (!v[S_ACTIE].error && !t)
		v[S_ACTIE].error = arena_printf(a, "Een voorziening met status %s kan niet worden %s.",
		                                vocab_label(&vocab_voorziening_status, now->status),
		                                action_done[v[S_ACTIE].bits]);
	if (t && strcmp(t->action, "toekennen") == 0)
		check_decision(a, now, true, &v[S_BESLUIT]);
	else if (t && strcmp(t->action, "afwijzen") == 0)
		check_decision(a, now, false, &v[S_BESLUIT]);
	else if (t && strcmp(t->action, "starten") == 0)
		check_started(a, now, &v[S_GESTART]);
	else if (t)
		check_end(a, now, &v[S_REDEN], &v[S_DATUM]);
	for (int i = 0; i < S_COUNT; i++)
		if (v[i].error)
			return NULL;
	return t;
}
