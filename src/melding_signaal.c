/* melding_signaal.c - the team's signals as meldingen for its teamleider
 * (issue 16 item 4; include/melding_signaal.h).
 *
 * The candidates come from the signal summary (signalen_summary) and are
 * kept a minute per team, thresholds and day: the count in every page's
 * header must not copy a summary of hundreds of rows and look each up in
 * melding_gelezen on every request (at 100,000 households that halved the
 * household page's throughput for a teamleider).  The unread count is kept
 * per user under the candidates' generation and an epoch that every mark
 * as read moves after its commit, so it is never staler than either.
 *
 * Each candidate is keyed so that "gelezen" sticks to that occurrence and a
 * new one shows again: growth by month and provider or product (yyyymm,
 * 0 or 1, id), overlap by the newest voorziening in it, an ending
 * voorziening by its id.  Process-wide mutable state, guarded by lock. */
#include "melding_signaal.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "db_melding.h"
#include "db_signalen.h"
#include "form.h"
#include "signalen.h"

enum { SIGNALS_MAX = 100, /* per kind, as the other kinds */
       TEAM_SLOTS = 8, USER_SLOTS = 32, KEEP_SECONDS = 60 };

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct team_slot {
	int64_t team, procent, minimum, until, gen;
	char today[11];
	json_t *rows; /* owned: [{soort, id, adres, ...}] without "gelezen" */
} teams[TEAM_SLOTS];
static struct user_slot {
	int64_t user, gen, epoch, unread;
} users[USER_SLOTS];
static size_t team_next, user_next;
static int64_t gen_next = 1, read_epoch;

static int64_t groei_key(const char *month, int per_product, int64_t id)
{
	int64_t ym = (int64_t)atoi(month) * 100 + atoi(month + 5); /* "2026-12" -> 202612 */
	return (ym * 10 + per_product) * INT64_C(100000000) + id;
}

static void add(json_t *out, const char *soort, int64_t id, json_t *row)
{
	json_object_set_new(row, "soort", json_string(soort));
	json_object_set_new(row, "id", json_integer(id));
	json_object_set_new(row, "at", json_integer(0)); /* a signal has no moment of its own */
	json_array_append_new(out, row);
}

/* The candidates of team from its signal summary.  New reference, NULL on
 * an error. */
static json_t *candidates(struct req *r, db *d, int64_t team, const char *today)
{
	json_t *sig = json_object();
	if (signalen_summary(r, d, team, sig) != DB_OK) {
		json_decref(sig);
		return NULL;
	}
	char month[8];
	memcpy(month, today, 7);
	month[7] = '\0';
	json_t *out = json_array();
	static const struct { const char *list; int per_product; } groei[] = {
		{"groei_aanbieders", 0}, {"groei_producten", 1}};
	size_t i, n = 0;
	json_t *x;
	for (size_t k = 0; k < ARRAY_LEN(groei); k++)
		json_array_foreach(json_object_get(sig, groei[k].list), i, x) {
			if (n++ >= SIGNALS_MAX)
				break;
			add(out, "signaal_groei", groei_key(month, groei[k].per_product, json_integer_value(json_object_get(x, "id"))),
			    json_pack("{s:O, s:O, s:O, s:O, s:b}", "adres", json_object_get(x, "naam"), "deze_maand",
			              json_object_get(x, "deze_maand"), "gemiddeld", json_object_get(x, "gemiddeld"), "stijging",
			              json_object_get(x, "stijging"), "per_product", groei[k].per_product));
		}
	n = 0;
	json_array_foreach(json_object_get(sig, "overlap"), i, x) {
		if (n++ >= SIGNALS_MAX)
			break;
		add(out, "signaal_overlap", json_integer_value(json_object_get(x, "laatste")), json_deep_copy(x));
	}
	n = 0;
	json_array_foreach(json_object_get(sig, "tijdelijk"), i, x) {
		if (n++ >= SIGNALS_MAX)
			break;
		add(out, "signaal_tijdelijk", json_integer_value(json_object_get(x, "voorziening_id")), json_deep_copy(x));
	}
	json_decref(sig);
	return out;
}

/* The current candidates of r's team: *gen their generation, and when
 * rows is not NULL a deep copy (new reference). */
static enum db_status snapshot(struct req *r, db *d, int64_t *gen, json_t **rows)
{
	int64_t team = r->user->team_id, procent = 0, minimum = 0;
	enum db_status s = db_signalen_instelling(d, team, &procent, &minimum);
	if (s != DB_OK)
		return s;
	char today[11];
	date_today(today);
	int64_t now = now_unix();
	*gen = 0;
	pthread_mutex_lock(&lock);
	for (size_t i = 0; i < TEAM_SLOTS && !*gen; i++) {
		struct team_slot *t = &teams[i];
		if (t->rows && t->team == team && t->procent == procent && t->minimum == minimum && t->until > now &&
		    strcmp(t->today, today) == 0) {
			*gen = t->gen;
			if (rows)
				*rows = json_deep_copy(t->rows);
		}
	}
	pthread_mutex_unlock(&lock);
	if (*gen)
		return DB_OK;
	json_t *fresh = candidates(r, d, team, today);
	if (!fresh)
		return DB_ERROR;
	pthread_mutex_lock(&lock);
	struct team_slot *t = &teams[team_next++ % TEAM_SLOTS];
	json_decref(t->rows);
	*t = (struct team_slot){.team = team, .procent = procent, .minimum = minimum, .until = now + KEEP_SECONDS,
	                        .gen = gen_next++, .rows = json_deep_copy(fresh)};
	memcpy(t->today, today, sizeof today);
	*gen = t->gen;
	pthread_mutex_unlock(&lock);
	if (rows)
		*rows = fresh;
	else
		json_decref(fresh);
	return DB_OK;
}

static bool applies(const struct req *r)
{
	return (r->user->roles & ROLE_TEAMLEIDER) && r->user->team_id;
}

enum db_status melding_signaal_rows(struct req *r, db *d, bool include_read, json_t *out)
{
	if (!applies(r))
		return DB_OK;
	int64_t gen;
	json_t *rows = NULL;
	enum db_status s = snapshot(r, d, &gen, &rows);
	size_t i;
	json_t *m;
	json_array_foreach(rows, i, m) {
		bool read = false;
		if (s != DB_OK || (s = db_melding_is_read(d, r->user->id, json_string_value(json_object_get(m, "soort")),
		                                          json_integer_value(json_object_get(m, "id")), &read)) != DB_OK)
			break;
		if (read && !include_read)
			continue;
		json_object_set_new(m, "gelezen", json_boolean(read));
		json_array_append(out, m);
	}
	json_decref(rows);
	return s;
}

enum db_status melding_signaal_unread(struct req *r, db *d, int64_t *n)
{
	*n = 0;
	if (!applies(r))
		return DB_OK;
	int64_t gen;
	enum db_status s = snapshot(r, d, &gen, NULL);
	if (s != DB_OK)
		return s;
	pthread_mutex_lock(&lock);
	int64_t epoch = read_epoch;
	bool hit = false;
	for (size_t i = 0; i < USER_SLOTS && !hit; i++)
		if (users[i].user == r->user->id && users[i].gen == gen && users[i].epoch == epoch) {
			*n = users[i].unread;
			hit = true;
		}
	pthread_mutex_unlock(&lock);
	if (hit)
		return DB_OK;
	json_t *rows = json_array();
	if ((s = melding_signaal_rows(r, d, false, rows)) == DB_OK) {
		*n = (int64_t)json_array_size(rows);
		pthread_mutex_lock(&lock);
		users[user_next++ % USER_SLOTS] = (struct user_slot){.user = r->user->id, .gen = gen, .epoch = epoch,
		                                                     .unread = *n};
		pthread_mutex_unlock(&lock);
	}
	json_decref(rows);
	return s;
}

void melding_signaal_read_changed(void)
{
	pthread_mutex_lock(&lock);
	read_epoch++;
	pthread_mutex_unlock(&lock);
}
