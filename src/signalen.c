/* signalen.c - the teamleider's signals as page data (see signalen.h). */
#include "signalen.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "db_signalen.h"
#include "figcache.h"
#include "text.h"

/* Today, the first day of the third month before this one, this month's
 * key and the day 8 weeks from now. */
static void days(char today[11], char from[11], char month[8], char until[11])
{
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(today, 11, "%Y-%m-%d", &tm);
	strftime(month, 8, "%Y-%m", &tm);
	struct tm f = {.tm_year = tm.tm_year, .tm_mon = tm.tm_mon - 3, .tm_mday = 1, .tm_hour = 12, .tm_isdst = -1};
	mktime(&f);
	strftime(from, 11, "%Y-%m-%d", &f);
	struct tm u = {.tm_year = tm.tm_year, .tm_mon = tm.tm_mon, .tm_mday = tm.tm_mday + TIJDELIJK_DAGEN, .tm_hour = 12,
	               .tm_isdst = -1};
	mktime(&u);
	strftime(until, 11, "%Y-%m-%d", &u);
}

/* The rising rows of rows: this month at least minimum and more than
 * procent above the average of the three months before. */
static json_t *rising(struct req *r, json_t *rows, int64_t procent, int64_t minimum)
{
	json_t *out = json_array();
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row)
	{
		int64_t now = json_integer_value(json_object_get(row, "deze_maand"));
		int64_t before = json_integer_value(json_object_get(row, "vorige_drie"));
		/* now > before / 3 * (100 + procent) / 100, in integers */
		if (now < minimum || now * 300 <= before * (100 + procent))
			continue;
		char avg[32];
		snprintf(avg, sizeof avg, "%.1f", (double)before / 3.0);
		char *dot = strchr(avg, '.');
		if (dot)
			*dot = ',';
		const char *stijging = before ? arena_printf(r->arena, "+%lld%%", (long long)((now * 300 - before * 100 + before / 2) / before))
		                              : "nieuw";
		json_array_append_new(out, json_pack("{s:O, s:O, s:I, s:s, s:s}", "id", json_object_get(row, "id"), "naam",
		                                     json_object_get(row, "naam"), "deze_maand", (json_int_t)now,
		                                     "gemiddeld", avg, "stijging", stijging));
	}
	return out;
}

/* The signals of team at thresholds procent and minimum into data. */
static enum db_status fill(struct req *r, db *d, int64_t team, int64_t procent, int64_t minimum, json_t *data)
{
	char today[11], from[11], month[8], until[11];
	days(today, from, month, until);
	json_t *ga = db_signalen_groei(d, team, false, from, today, month);
	json_t *gp = db_signalen_groei(d, team, true, from, today, month);
	json_t *ov = db_signalen_overlap(d, team, today);
	json_t *tj = db_signalen_tijdelijk(d, team, today, until);
	if (!ga || !gp || !ov || !tj) {
		json_decref(ga);
		json_decref(gp);
		json_decref(ov);
		json_decref(tj);
		return DB_ERROR;
	}
	json_t *ra = rising(r, ga, procent, minimum), *rp = rising(r, gp, procent, minimum);
	json_decref(ga);
	json_decref(gp);
	size_t i;
	json_t *row;
	json_array_foreach(tj, i, row)
	{
		char nl[11];
		text_date_nl(json_string_value(json_object_get(row, "einddatum")), nl);
		json_object_set_new(row, "einddatum_nl", json_string(nl));
		const char *ev = json_string_value(json_object_get(row, "volgende_evaluatie"));
		if (ev) {
			text_date_nl(ev, nl);
			json_object_set_new(row, "evaluatie_nl", json_string(nl));
		}
	}
	size_t ng = json_array_size(ra) + json_array_size(rp);
	json_object_set_new(data, "n_groei", json_integer((json_int_t)ng));
	json_object_set_new(data, "n_overlap", json_integer((json_int_t)json_array_size(ov)));
	json_object_set_new(data, "n_tijdelijk", json_integer((json_int_t)json_array_size(tj)));
	json_object_set_new(data, "n_signalen", json_integer((json_int_t)(ng + json_array_size(ov) + json_array_size(tj))));
	json_object_set_new(data, "has_groei", json_boolean(ng > 0));
	json_object_set_new(data, "has_overlap", json_boolean(json_array_size(ov) > 0));
	json_object_set_new(data, "has_tijdelijk", json_boolean(json_array_size(tj) > 0));
	json_object_set_new(data, "has_signalen", json_boolean(ng + json_array_size(ov) + json_array_size(tj) > 0));
	/* The dashboard's one sentence, naming only what is there. */
	strbuf sum = {0};
	size_t counts[3] = {ng, json_array_size(ov), json_array_size(tj)};
	const char *const one[3] = {"aanbieder of product met een sterke stijging", "huishouden met mogelijke overlap",
	                            "maatwerkvoorziening die binnen 8 weken afloopt zonder evaluatie"};
	const char *const many[3] = {"aanbieders of producten met een sterke stijging", "huishoudens met mogelijke overlap",
	                             "maatwerkvoorzieningen die binnen 8 weken aflopen zonder evaluatie"};
	for (int k = 0; k < 3; k++)
		if (counts[k])
			sb_printf(&sum, "%s%zu %s", sb_str(&sum)[0] ? "; " : "", counts[k], counts[k] == 1 ? one[k] : many[k]);
	json_object_set_new(data, "samenvatting", json_string(sb_str(&sum)));
	sb_free(&sum);
	json_object_set_new(data, "groei_aanbieders", ra);
	json_object_set_new(data, "groei_producten", rp);
	json_object_set_new(data, "overlap", ov);
	json_object_set_new(data, "tijdelijk", tj);
	json_object_set_new(data, "groei_procent", json_integer(procent));
	json_object_set_new(data, "groei_minimum", json_integer(minimum));
	return DB_OK;
}

enum db_status signalen_fill(struct req *r, db *d, int64_t team, json_t *data)
{
	int64_t procent = 0, minimum = 0;
	enum db_status s = db_signalen_instelling(d, team, &procent, &minimum);
	return s == DB_OK ? fill(r, d, team, procent, minimum, data) : s;
}

/* ---- the dashboard's summary -------------------------------------------------------- */

/* The team dashboard shows the counts on every load; at 100,000
 * households the four queries take some 35 ms, so the summary is kept a
 * minute per team (and per day and thresholds).  The signals page itself
 * always reads live. */
enum { SUMMARY_SECONDS = 60 };

enum db_status signalen_summary(struct req *r, db *d, int64_t team, json_t *data)
{
	char today[11];
	time_t tt = time(NULL);
	struct tm tm;
	localtime_r(&tt, &tm);
	strftime(today, sizeof today, "%Y-%m-%d", &tm);
	int64_t procent = 0, minimum = 0;
	enum db_status s = db_signalen_instelling(d, team, &procent, &minimum);
	if (s != DB_OK)
		return s;
	int64_t now = (int64_t)time(NULL);
	char key[FIGCACHE_KEY];
	snprintf(key, sizeof key, "signalen|%lld|%lld|%lld|%s", (long long)team, (long long)procent, (long long)minimum,
	         today);
	json_t *hit = figcache_get(key, NULL, 0, now);
	if (hit) {
		json_object_update(data, hit);
		json_decref(hit);
		return DB_OK;
	}
	if ((s = fill(r, d, team, procent, minimum, data)) != DB_OK)
		return s;
	figcache_put(key, NULL, 0, now + SUMMARY_SECONDS, data);
	return DB_OK;
}
