/* termijn.c - see termijn.h. */
#include "termijn.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "util.h"

/* The one table of legal terms.  Calendar days. */
const struct termijn_rule termijn_rules[] = {
	{"vraag", "Vraag zonder wettelijke termijn", 0, false, "Geen wettelijke termijn."},
	{"melding_wmo", "Melding Wmo (onderzoek binnen 6 weken)", 42, false,
	 "Onderzoek afronden binnen zes weken na de melding (Wmo 2015, art. 2.3.2)."},
	{"aanvraag_wmo", "Aanvraag Wmo (beschikking binnen 2 weken)", 14, true,
	 "Beschikking binnen twee weken na ontvangst van de aanvraag (Wmo 2015, art. 2.3.5)."},
	{"aanvraag_jeugd", "Aanvraag Jeugdwet (besluit binnen 8 weken)", 56, true,
	 "Besluit binnen acht weken na ontvangst van de aanvraag (Awb, art. 4:13)."},
	{"aanvraag_participatie", "Aanvraag Participatiewet (besluit binnen 8 weken)", 56, true,
	 "Besluit binnen acht weken na ontvangst van de aanvraag (Participatiewet, art. 44; Awb, art. 4:13)."},
	{NULL, NULL, 0, false, NULL},
};
const char *const termijn_codes[] = {"vraag", "melding_wmo", "aanvraag_wmo", "aanvraag_jeugd",
                                     "aanvraag_participatie", NULL};

const struct termijn_rule *termijn_rule(const char *code)
{
	for (int i = 0; code && termijn_rules[i].code; i++)
		if (strcmp(termijn_rules[i].code, code) == 0)
			return &termijn_rules[i];
	return NULL;
}

/* Days since 1970-01-01 of an ISO date; -1 when it is not one. */
static long days_of(const char *iso)
{
	int y, m, d;
	if (!iso || sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) != 3)
		return -1;
	struct tm t = {.tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d, .tm_hour = 12};
	time_t s = timegm(&t);
	return s < 0 ? -1 : (long)(s / 86400);
}

static void iso_of(long days, char out[11])
{
	time_t s = (time_t)days * 86400 + 12 * 3600;
	struct tm t;
	gmtime_r(&s, &t);
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)(t.tm_year + 1900) % 10000u, (unsigned)(t.tm_mon + 1) % 100u,
	         (unsigned)t.tm_mday % 100u);
}

bool termijn_deadline(const char *code, int64_t received_at, const char *aanvraag, int extra_days, char out[11])
{
	const struct termijn_rule *rule = termijn_rule(code);
	if (!rule || rule->days == 0)
		return false;
	long start;
	if (rule->from_aanvraag) {
		start = days_of(aanvraag);
	} else {
		/* The local date the aanmelding came in. */
		time_t t = (time_t)received_at;
		struct tm lt;
		localtime_r(&t, &lt);
		char iso[11];
		snprintf(iso, sizeof iso, "%04u-%02u-%02u", (unsigned)(lt.tm_year + 1900) % 10000u,
		         (unsigned)(lt.tm_mon + 1) % 100u, (unsigned)lt.tm_mday % 100u);
		start = days_of(iso);
	}
	if (start < 0)
		return false;
	iso_of(start + rule->days + (extra_days > 0 ? extra_days : 0), out);
	return true;
}

void termijn_to_json(json_t *row, const char *today)
{
	const char *code = json_string_value(json_object_get(row, "soort"));
	const struct termijn_rule *rule = termijn_rule(code ? code : "vraag");
	if (!rule)
		rule = &termijn_rules[0];
	json_t *t = json_pack("{s:s, s:s, s:s}", "soort", rule->code, "soort_label", rule->label, "grondslag",
	                      rule->grondslag);
	char deadline[11];
	bool has = termijn_deadline(rule->code, json_integer_value(json_object_get(row, "received_at")),
	                            json_string_value(json_object_get(row, "aanvraag_ontvangen")),
	                            (int)json_integer_value(json_object_get(row, "verlenging_dagen")), deadline);
	bool late = false, soon = false;
	if (has) {
		long left = days_of(deadline) - days_of(today);
		char nl[11];
		fmt_date_nl(deadline, nl);
		json_object_set_new(t, "deadline", json_string(deadline));
		json_object_set_new(t, "deadline_nl", json_string(nl));
		json_object_set_new(t, "dagen_over", json_integer(left));
		late = left < 0;
		soon = left >= 0 && left <= 7;
		char text[64];
		if (left < 0)
			snprintf(text, sizeof text, "%ld %s over de termijn", -left, left == -1 ? "dag" : "dagen");
		else if (left == 0)
			snprintf(text, sizeof text, "vandaag");
		else
			snprintf(text, sizeof text, "nog %ld %s", left, left == 1 ? "dag" : "dagen");
		json_object_set_new(t, "tekst", json_string(text));
	} else {
		json_object_set_new(t, "tekst", json_string(rule->days ? "datum van de aanvraag ontbreekt" : "geen wettelijke termijn"));
		json_object_set_new(t, "datum_ontbreekt", json_boolean(rule->days > 0));
	}
	json_object_set_new(t, "te_laat", json_boolean(late));
	json_object_set_new(t, "binnen_week", json_boolean(soon));
	json_object_set_new(row, "termijn", t);
}
