/* bezetting.c - caseload and capacity of the teamleider's team (issue 16
 * item 6, docs/sturen.md): each employee's weighted caseload against the
 * norm of their role, the team's monthly inflow over the last twelve
 * months, how long a household stays open, and from those the rekenmodel
 * bezetting: the households (and their weight) the team carries when
 * inflow and duration stay as they were, and the FTE that takes at the
 * norm, against the capacity present.  The teamleider sets the norms. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "audit.h"
#include "db_bezetting.h"
#include "form.h"
#include "handlers.h"
#include "team_shared.h"

enum { N_CONSULENT, N_GEBIEDSTEAM, N_COUNT };
static const struct field_rule norm_rules[N_COUNT] = {
	[N_CONSULENT] = {.name = "norm_consulent", .label = "Norm voor een consulent",
	                 .kind = FIELD_INT, .required = true, .min = 5, .max = 200},
	[N_GEBIEDSTEAM] = {.name = "norm_gebiedsteam", .label = "Norm voor een gebiedsteamlid",
	                   .kind = FIELD_INT, .required = true, .min = 5, .max = 200},
};

enum { MONTHS = 12 };

/* "12,3" */
static const char *dec(arena *a, double v)
{
	char *s = arena_printf(a, "%.1f", v);
	char *dot = strchr(s, '.');
	if (dot)
		*dot = ',';
	return s;
}

/* The first day of the month n months before this one, and the twelve
 * month keys before this month ("2026-01" ...). */
static void window(char from[11], char months[MONTHS][8])
{
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	for (int i = 0; i < MONTHS; i++) {
		struct tm m = {.tm_year = tm.tm_year, .tm_mon = tm.tm_mon - MONTHS + i, .tm_mday = 1, .tm_hour = 12,
		               .tm_isdst = -1};
		mktime(&m);
		strftime(months[i], 8, "%Y-%m", &m);
		if (i == 0)
			strftime(from, 11, "%Y-%m-%d", &m);
	}
}

static const char *const month_names[] = {"januari", "februari", "maart", "april", "mei", "juni", "juli",
                                          "augustus", "september", "oktober", "november", "december"};

/* Fills the page's figures; DB_* on an error. */
static enum db_status figures(struct req *r, db *d, int64_t team, int64_t nc, int64_t ng, json_t *data)
{
	json_t *staff = db_bezetting_medewerkers(d, team);
	char from[11], months[MONTHS][8];
	window(from, months);
	json_t *inflow = db_bezetting_instroom(d, team, from);
	int64_t closed = 0, days = 0;
	enum db_status s = staff && inflow ? db_bezetting_doorlooptijd(d, team, from, &closed, &days) : DB_ERROR;
	if (s != DB_OK) {
		json_decref(staff);
		json_decref(inflow);
		return s;
	}
	/* Per employee. */
	int64_t households = 0, weight = 0, capacity = 0;
	size_t i;
	json_t *row;
	json_array_foreach(staff, i, row)
	{
		int64_t roles = json_integer_value(json_object_get(row, "rollen"));
		bool consulent = roles & ROLE_CONSULENT;
		int64_t norm = consulent ? nc : ng, g = json_integer_value(json_object_get(row, "gewicht"));
		households += json_integer_value(json_object_get(row, "huishoudens"));
		weight += g;
		capacity += norm;
		int64_t pct = norm ? (g * 100 + norm / 2) / norm : 0;
		json_object_set_new(row, "rol", json_string(consulent ? "Consulent" : "Gebiedsteam"));
		json_object_set_new(row, "norm", json_integer(norm));
		json_object_set_new(row, "belasting", json_integer(pct));
		json_object_set_new(row, "boven", json_boolean(pct > 100));
	}
	/* Inflow per month, the months without any as 0. */
	json_t *per_month = json_array();
	int64_t total = 0;
	for (int m = 0; m < MONTHS; m++) {
		int64_t n = 0;
		json_array_foreach(inflow, i, row)
			if (strcmp(json_string_value(json_object_get(row, "maand")), months[m]) == 0)
				n = json_integer_value(json_object_get(row, "aantal"));
		total += n;
		int mon = (months[m][5] - '0') * 10 + (months[m][6] - '0');
		json_array_append_new(per_month, json_pack("{s:s, s:I}", "maand",
		                                           arena_printf(r->arena, "%s %.4s", month_names[(mon + 11) % 12],
		                                                        months[m]),
		                                           "aantal", (json_int_t)n));
	}
	json_decref(inflow);
	/* The rekenmodel. */
	double lambda = (double)total / MONTHS;                           /* households a month */
	double open_months = closed ? (double)days / (double)closed / 30.44 : 0; /* months open */
	double avg_weight = households ? (double)weight / (double)households : 1.0;
	double needed = lambda * open_months;                            /* households at a time */
	double needed_weight = needed * avg_weight;
	double fte_needed = nc ? needed_weight / (double)nc : 0;
	size_t present = json_array_size(staff);
	json_t *model = json_pack("{s:s, s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:I, s:I, s:I, s:I, s:b}",
	                          "instroom_per_maand", dec(r->arena, lambda), "instroom_totaal", (json_int_t)total,
	                          "afgesloten", (json_int_t)closed, "maanden_open", dec(r->arena, open_months),
	                          "gemiddeld_gewicht", dec(r->arena, avg_weight), "nodig_huishoudens",
	                          dec(r->arena, needed), "nodig_gewicht", dec(r->arena, needed_weight), "fte_nodig",
	                          dec(r->arena, fte_needed), "fte_aanwezig", (json_int_t)present, "capaciteit",
	                          (json_int_t)capacity, "huishoudens_nu", (json_int_t)households, "gewicht_nu",
	                          (json_int_t)weight, "te_weinig", needed_weight > (double)capacity && closed > 0);
	json_object_set_new(model, "zonder_doorlooptijd", json_boolean(closed == 0));
	json_object_set_new(model, "verschil_fte", json_string(dec(r->arena, fabs(fte_needed - (double)present))));
	json_object_set_new(model, "tekort", json_boolean(fte_needed > (double)present));
	json_object_set_new(data, "has_medewerkers", json_boolean(json_array_size(staff) > 0));
	json_object_set_new(data, "medewerkers", staff);
	json_object_set_new(data, "instroom", per_month);
	json_object_set_new(data, "model", model);
	return DB_OK;
}

static int render(struct req *r, db *d, struct field_value *v, unsigned status, const char *notice)
{
	json_t *data = json_object();
	const char *name = NULL;
	enum db_status s = team_own_name(r, d, &name);
	if (s == DB_NOT_FOUND) {
		json_object_set_new(data, "geen_team", json_true());
		return reply_page(r, status, "bezetting", "Bezetting", data);
	}
	int64_t nc = 0, ng = 0;
	if (s != DB_OK || db_bezetting_normen(d, r->user->team_id, &nc, &ng) != DB_OK ||
	    figures(r, d, r->user->team_id, nc, ng, data) != DB_OK) {
		json_decref(data);
		return -1;
	}
	json_object_set_new(data, "team", json_string(name));
	team_setting_form(r, data, norm_rules, v, nc, ng);
	if (notice)
		json_object_set_new(data, "melding", json_string(notice));
	return reply_page(r, status, "bezetting", arena_printf(r->arena, "Bezetting van %s", name), data);
}

int h_bezetting(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	if (audit_view(r, "bezetting.view", "team", r->user->team_id, 0, NULL) != 0)
		return -1;
	const char *saved = req_query(r, "opgeslagen");
	return render(r, d, NULL, 200, saved && strcmp(saved, "1") == 0 ? "De normen zijn opgeslagen." : NULL);
}

int h_bezetting_normen(struct req *r)
{
	db *d = db_get();
	if (!d)
		return -1;
	struct field_value *v = arena_alloc(r->arena, N_COUNT * sizeof *v);
	int rc = team_setting_save(r, d, norm_rules, v, "bezetting.normen", db_bezetting_normen_set,
	                           "/team/bezetting?opgeslagen=1");
	return rc > 0 ? render(r, d, rc == 409 ? NULL : v, (unsigned)rc, NULL) : rc;
}
