/* test_resultaten.c - results per provider and product (issue 16 item 2)
 * and the beleidsmedewerker's "<5" (item 7), on a situation counted by
 * hand.  One household of the teamleider's team with six persons p1..p6;
 * the period is 2025 (van=2025-01, tot=2025-12).
 *
 * Aanbieder A (Thuiszorg Gelderse Vallei), Wmo:
 *   a1 p1 01HBH 2025-01-01 .. ended 2025-03-01 (59 days) doel bereikt   € 10,00
 *   a2 p2 01HBH 2025-02-01 .. ended 2025-05-02 (90)      lichter        € 20,00
 *   a3 p3 01HBH 2025-03-01 .. ended 2025-04-10 (40)      verhuisd       € 30,00
 *   a4 p4 01HBH 2025-04-01 .. running                                   € 40,00
 *   a5 p5 01HBH 2024-06-01 .. ended 2025-06-01 (365)     doel bereikt   € 50,00
 *   a6 p6 02BGI 2025-05-01 .. ended 2025-07-20 (80)      doel bereikt   € 60,00
 *   not counted: p1 01HBH from 2026-02-01; p2 aangevraagd.
 *   in zorg 6, gestart 5 (not a5), beeindigd 5 (not a4);
 *   durations 40 59 80 90 365: median (rank 3) 80, p90 (rank 5) 365;
 *   einde doel bereikt 3, lichter 1, anders 1;
 *   goals d1..d6 (one per person, a_i serves d_i), at evaluation E1
 *   (2025-06-01): d1 bereikt, d2 deels, d3 niet (bereikt at E2 in 2026: after
 *   the period), d4 not evaluated, d5 bereikt, d6 bereikt: 6 goals, 3 / 1 / 1 / 1;
 *   ZRM intake -> E1 on the goal's domain: +2, 0, -1, (none), +3, +1:
 *   median (rank 3 of -1 0 1 2 3) +1, improved 3 of 5 = 60%;
 *   own PG totals first -> latest: p1 30->36 (+6), p2 30->24 (-6), p3 one
 *   measurement, p4 20->30 (+10), p5 40->42 (+2): median (rank 2 of
 *   -6 2 6 10) +2, improved 3 of 4 = 75%;
 *   cost € 210,00; declared € 15,00 (a1, approved, in 2025); per client
 *   € 35,00; per reached goal € 70,00.
 * Aanbieder B (Jeugdhulp Veluwe Vallei), Jeugdwet 45AMB:
 *   b1 p2 2025-01-15 .. running, also serves d2               € 100,00
 *   b2 p3 2025-02-01 .. ended 2025-03-03 (30 days) doel bereikt € 5,00
 *   in zorg 2, gestart 2, beeindigd 1, duration 30/30, einde doel 1;
 *   goals: d2 (deels) = 1; ZRM 0 -> median 0, 0%; own: p2 -6 -> 0%;
 *   cost € 105,00, declared € 40,00 (one approved of three prestaties in
 *   2025: one refused, one in 2026); per client € 52,50; no reached goal.
 * The beleidsmedewerker sees every cell resting on fewer than five persons
 * as "<5": all of B, and of A einde doel/lichter/anders, goals reached,
 * partly, not, open, own change (4 persons) and cost per reached goal. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http_client.h"
#include "testutil.h"

static struct test_server S;
#define db_int(...) ts_db_int(&S, __VA_ARGS__)
#define exec(...) (ts_db_exec(&S, __VA_ARGS__) == 0)

static long long P[7], D[7], A, B, HH, E1, E2, IN;

/* 'text' or NULL for SQL, from a few rotating buffers. */
static const char *q(const char *s)
{
	static char buf[4][64];
	static int k;
	if (!s)
		return "NULL";
	k = (k + 1) % 4;
	snprintf(buf[k], sizeof buf[k], "'%s'", s);
	return buf[k];
}

static bool voorziening(const char *key, long long aanbieder, const char *code, int p, const char *status,
                        const char *start, const char *ended, const char *reason, int euros, int goal)
{
	long long cons = db_int("SELECT id FROM medewerker WHERE username = 'consulent'");
	bool ok = exec("INSERT INTO voorziening(huishouden_id, persoon_id, kind, decision_date, legal_basis, aanbieder_id,"
	               " product_id, volume, unit, frequency, start_date, end_date, cost_cents, status, end_reason, ended_on,"
	               " created_by, created_at, toewijzingnummer) SELECT %lld, %lld, 'maatwerk', %s, p.legal_basis, %lld,"
	               " p.id, 2, 'uur', 'per_week', '%s', '2026-12-31', %d, '%s', %s, %s, %lld, 0, '%s'"
	               " FROM product p WHERE p.code = '%s'",
	               HH, P[p], strcmp(status, "aangevraagd") ? "'2024-01-01'" : "NULL", aanbieder, start, euros * 100,
	               status, q(reason), q(ended), cons,
	               key, code);
	if (ok && goal)
		ok = exec("INSERT INTO voorziening_doel(voorziening_id, doel_id) SELECT id, %lld FROM voorziening"
		          " WHERE toewijzingnummer = '%s'", D[goal], key);
	return ok;
}

/* Six PG dimensions of person p in one conversation: five at a, one at b. */
static bool pg(int p, const char *on, const char *col, long long id, int a, int b)
{
	static const char *const dims[6] = {"lichaamsfuncties", "mentaal_welbevinden", "zingeving",
	                                    "kwaliteit_van_leven", "meedoen", "dagelijks_functioneren"};
	bool ok = true;
	for (int i = 0; i < 6; i++)
		ok = ok && exec("INSERT INTO gezondheid_score(persoon_id, dimension, score, scored_on, %s, created_by, created_at)"
		                " VALUES (%lld, '%s', %d, '%s', %lld, 1, 0)", col, P[p], dims[i], i < 5 ? a : b, on, id);
	return ok;
}

static bool zrm(int p, const char *domain, int score, const char *on, const char *col, long long id)
{
	return exec("INSERT INTO zrm_score(persoon_id, domain, score, scored_on, %s, created_by, created_at)"
	            " VALUES (%lld, '%s', %d, '%s', %lld, 1, 0)", col, P[p], domain, score, on, id);
}

static bool setup(void)
{
	long long cons = db_int("SELECT id FROM medewerker WHERE username = 'consulent'");
	A = db_int("SELECT id FROM aanbieder WHERE agb_code = '75750123'");
	B = db_int("SELECT id FROM aanbieder WHERE agb_code = '73731234'");
	bool ok = A > 0 && B > 0 && exec("INSERT INTO huishouden(street, house_number, postcode, city, regisseur_id, status,"
	                                  " opened_at) VALUES ('Resultaatlaan', 1, '3861 AA', 'Nijkerk', %lld,"
	                                  " 'plan_actief', 0)", cons);
	HH = db_int("SELECT id FROM huishouden WHERE street = 'Resultaatlaan'");
	for (int i = 1; i <= 6; i++) {
		ok = ok && exec("INSERT INTO persoon(huishouden_id, first_name, last_name, birth_date, role)"
		                " VALUES (%lld, 'P%d', 'Resultaat', '1980-01-0%d', 'huisgenoot')", HH, i, i);
		P[i] = db_int("SELECT id FROM persoon WHERE huishouden_id = %lld AND first_name = 'P%d'", HH, i);
	}
	ok = ok && exec("INSERT INTO plan(huishouden_id, status, created_by, created_at) VALUES (%lld, 'concept', %lld, 0)",
	                HH, cons);
	long long plan = db_int("SELECT id FROM plan WHERE huishouden_id = %lld", HH);
	static const char *const domain[7] = {"", "financien", "huisvesting", "werk_en_opleiding", "sociaal_netwerk",
	                                      "financien", "huiselijke_relaties"};
	for (int i = 1; i <= 6; i++) {
		ok = ok && exec("INSERT INTO doel(plan_id, persoon_id, domain, wish, target_date, created_by, created_at)"
		                " VALUES (%lld, %lld, '%s', 'doel %d', '2026-01-01', %lld, 0)", plan, P[i], domain[i], i, cons);
		D[i] = db_int("SELECT id FROM doel WHERE plan_id = %lld AND wish = 'doel %d'", plan, i);
	}
	ok = ok && voorziening("RA1", A, "01HBH", 1, "beeindigd", "2025-01-01", "2025-03-01", "doel_bereikt", 10, 1) &&
	     voorziening("RA2", A, "01HBH", 2, "beeindigd", "2025-02-01", "2025-05-02", "uitstroom_lichter", 20, 2) &&
	     voorziening("RA3", A, "01HBH", 3, "beeindigd", "2025-03-01", "2025-04-10", "verhuisd", 30, 3) &&
	     voorziening("RA4", A, "01HBH", 4, "gestart", "2025-04-01", NULL, NULL, 40, 4) &&
	     voorziening("RA5", A, "01HBH", 5, "beeindigd", "2024-06-01", "2025-06-01", "doel_bereikt", 50, 5) &&
	     voorziening("RA6", A, "02BGI", 6, "beeindigd", "2025-05-01", "2025-07-20", "doel_bereikt", 60, 6) &&
	     voorziening("RA7", A, "01HBH", 1, "toegekend", "2026-02-01", NULL, NULL, 70, 0) &&
	     voorziening("RA8", A, "01HBH", 2, "aangevraagd", "2025-02-01", NULL, NULL, 80, 0) &&
	     voorziening("RB1", B, "45AMB", 2, "gestart", "2025-01-15", NULL, NULL, 100, 2) &&
	     voorziening("RB2", B, "45AMB", 3, "beeindigd", "2025-02-01", "2025-03-03", "doel_bereikt", 5, 0);
	/* For the quarterly report: five clients started and ended in the last
	 * quarter of 2024 (before the results' period). */
	for (int i = 1; i <= 5; i++) {
		char key[16];
		snprintf(key, sizeof key, "RK%d", i);
		ok = ok && voorziening(key, A, "01HBH", i, "beeindigd", "2024-10-01", "2024-12-01", "doel_bereikt", 1, 0);
	}
	/* The intake and two evaluations. */
	ok = ok && exec("INSERT INTO intake(huishouden_id, held_on, question_behind, safety_concern, created_by, created_at)"
	                " VALUES (%lld, '2024-12-01', 'vraag', 0, %lld, 0)", HH, cons);
	IN = db_int("SELECT id FROM intake WHERE huishouden_id = %lld", HH);
	ok = ok && exec("INSERT INTO evaluatie(plan_id, planned_on, held_on, created_by, created_at)"
	                " VALUES (%lld, '2025-06-01', '2025-06-01', %lld, 0)", plan, cons);
	E1 = db_int("SELECT id FROM evaluatie WHERE plan_id = %lld AND held_on = '2025-06-01'", plan);
	ok = ok && exec("INSERT INTO evaluatie(plan_id, planned_on, held_on, created_by, created_at)"
	                " VALUES (%lld, '2026-03-01', '2026-03-01', %lld, 0)", plan, cons);
	E2 = db_int("SELECT id FROM evaluatie WHERE plan_id = %lld AND held_on = '2026-03-01'", plan);
	static const char *const state[7] = {"", "bereikt", "deels_bereikt", "niet_bereikt", NULL, "bereikt", "bereikt"};
	for (int i = 1; i <= 6; i++)
		if (state[i])
			ok = ok && exec("INSERT INTO evaluatie_doel(evaluatie_id, doel_id, reached, status)"
			                " VALUES (%lld, %lld, 'uitkomst', '%s')", E1, D[i], state[i]);
	ok = ok && exec("INSERT INTO evaluatie_doel(evaluatie_id, doel_id, reached, status) VALUES (%lld, %lld, 'later',"
	                " 'bereikt')", E2, D[3]);
	/* ZRM on each goal's domain: intake, then E1 (p3 also E2). */
	static const int first[7] = {0, 2, 3, 2, 2, 1, 3}, later[7] = {0, 4, 3, 1, 0, 4, 4};
	for (int i = 1; i <= 6; i++) {
		ok = ok && zrm(i, domain[i], first[i], "2024-12-01", "intake_id", IN);
		if (later[i])
			ok = ok && zrm(i, domain[i], later[i], "2025-06-01", "evaluatie_id", E1);
	}
	ok = ok && zrm(3, domain[3], 5, "2026-03-01", "evaluatie_id", E2);
	/* Positieve Gezondheid. */
	ok = ok && pg(1, "2024-12-01", "intake_id", IN, 5, 5) && pg(1, "2025-06-01", "evaluatie_id", E1, 6, 6) &&
	     pg(2, "2024-12-01", "intake_id", IN, 5, 5) && pg(2, "2025-06-01", "evaluatie_id", E1, 4, 4) &&
	     pg(3, "2024-12-01", "intake_id", IN, 5, 5) && pg(4, "2024-12-01", "intake_id", IN, 4, 0) &&
	     pg(4, "2025-06-01", "evaluatie_id", E1, 5, 5) && pg(5, "2024-12-01", "intake_id", IN, 7, 5) &&
	     pg(5, "2025-06-01", "evaluatie_id", E1, 7, 7);
	/* Declarations: a1 approved in 2025; b1 approved, refused, and one in 2026. */
	ok = ok && exec("INSERT INTO bericht(richting, status, xml, sha256, created_at) VALUES ('in', 'verwerkt', x'00',"
	                " 'resultaattest', 0)");
	long long msg = db_int("SELECT id FROM bericht WHERE sha256 = 'resultaattest'");
	static const struct { const char *key, *on; int cents, ok; } dec[] = {
		{"RA1", "2025-02-01", 1500, 1}, {"RB1", "2025-03-01", 4000, 1}, {"RB1", "2025-04-01", 999, 0},
		{"RB1", "2026-01-10", 777, 1}};
	for (size_t i = 0; i < sizeof dec / sizeof dec[0]; i++)
		ok = ok && exec("INSERT INTO declaratie_prestatie(bericht_id, voorziening_id, aanbieder_id, referentie,"
		                " begindatum, einddatum, volume, eenheid, tarief_cents, bedrag_cents, goedgekeurd, retourcodes)"
		                " SELECT %lld, id, aanbieder_id, 'r%zu', '%s', '%s', 1, '04', %d, %d, %d, '' FROM voorziening"
		                " WHERE toewijzingnummer = '%s'", msg, i, dec[i].on, dec[i].on, dec[i].cents, dec[i].cents,
		                dec[i].ok, dec[i].key);
	return ok;
}

static json_t *row_named(json_t *rows, const char *name)
{
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row)
		if (strcmp(json_string_value(json_object_get(row, "naam")), name) == 0)
			return row;
	return NULL;
}

/* The member key of row as text: a number or "<5"; "" when absent. */
static const char *val(json_t *row, const char *key)
{
	static char buf[8][32];
	static int k;
	k = (k + 1) % 8;
	json_t *x = json_object_get(row, key);
	if (json_is_integer(x))
		snprintf(buf[k], sizeof buf[k], "%lld", (long long)json_integer_value(x));
	else if (json_is_string(x))
		snprintf(buf[k], sizeof buf[k], "%s", json_string_value(x));
	else
		buf[k][0] = '\0';
	return buf[k];
}

static json_t *get_json(struct client *c, const char *path, int *status)
{
	struct http_resp r;
	*status = -1;
	if (client_get(c, path, &r) != 0)
		return NULL;
	*status = r.status;
	json_t *j = r.body ? json_loads(r.body, 0, NULL) : NULL;
	http_resp_free(&r);
	return j;
}

struct expect {
	const char *key, *a, *b;
};

int main(void)
{
	if (ts_start(&S, (const char *const[]){"--cookie-insecure", NULL}) != 0) {
		T_FAIL("server start", "see %s", S.log);
		T_EXIT();
	}
	CHECK(setup(), "the situation is set up");
	const char *nameA = "Thuiszorg Gelderse Vallei", *nameB = "Jeugdhulp Veluwe Vallei";

	struct client tl;
	client_init(&tl, S.port);
	CHECK(client_login(&tl, S.users[U_TEAMLEIDER].username, S.users[U_TEAMLEIDER].password) == 303,
	      "the teamleider signs in");
	int status;
	json_t *j = get_json(&tl, "/team/resultaten?van=2025-01&tot=2025-12&formaat=json", &status);
	json_t *rows = json_object_get(j, "rijen");
	json_t *ra = row_named(rows, nameA), *rb = row_named(rows, nameB);
	CHECK(status == 200 && ra && rb, "per aanbieder as JSON, both providers there (status %d)", status);
	static const struct expect full[] = {
		{"in_zorg", "6", "2"}, {"gestart", "5", "2"}, {"beeindigd", "5", "1"},
		{"duur_mediaan", "80", "30"}, {"duur_p90", "365", "30"},
		{"einde_doel_bereikt", "3", "1"}, {"einde_lichter", "1", "0"}, {"einde_overig", "1", "0"},
		{"doelen", "6", "1"}, {"doelen_bereikt", "3", "0"}, {"doelen_deels", "1", "1"}, {"doelen_niet", "1", "0"},
		{"doelen_open", "1", "0"}, {"zrm_verandering", "1", "0"}, {"zrm_verbeterd", "60", "0"},
		{"eigen_verandering", "2", "-6"}, {"eigen_verbeterd", "75", "0"},
		{"kosten_cents", "21000", "10500"}, {"gedeclareerd_cents", "1500", "4000"},
		{"kosten_per_client_cents", "3500", "5250"}, {"kosten_per_bereikt_doel_cents", "7000", ""},
	};
	for (size_t i = 0; i < sizeof full / sizeof full[0]; i++)
		CHECK(strcmp(val(ra, full[i].key), full[i].a) == 0 && strcmp(val(rb, full[i].key), full[i].b) == 0,
		      "%s: A %s (got %s), B %s (got %s)", full[i].key, full[i].a, val(ra, full[i].key), full[i].b,
		      val(rb, full[i].key));
	json_decref(j);

	/* Per product: 01HBH holds a1..a5, 02BGI a6. */
	j = get_json(&tl, "/team/resultaten?van=2025-01&tot=2025-12&groep=product&formaat=json", &status);
	rows = json_object_get(j, "rijen");
	json_t *hbh = NULL, *bgi = NULL;
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row) {
		const char *n = json_string_value(json_object_get(row, "naam"));
		if (strncmp(n, "01HBH", 5) == 0)
			hbh = row;
		if (strncmp(n, "02BGI", 5) == 0)
			bgi = row;
	}
	CHECK(status == 200 && hbh && bgi && strcmp(val(hbh, "in_zorg"), "5") == 0 && strcmp(val(hbh, "gestart"), "4") == 0 &&
	      strcmp(val(hbh, "beeindigd"), "4") == 0 && strcmp(val(hbh, "duur_mediaan"), "59") == 0 &&
	      strcmp(val(bgi, "in_zorg"), "1") == 0 && strcmp(val(bgi, "doelen_bereikt"), "1") == 0,
	      "per product: 01HBH 5 in zorg, 4 started, 4 ended, median 59 days (40 59 90 365: rank 2); 02BGI one");
	json_decref(j);

	/* The page: both side by side, counts linked to their households. */
	struct http_resp r;
	char path[256];
	snprintf(path, sizeof path, "/team/resultaten?van=2025-01&tot=2025-12&a=%lld&b=%lld", A, B);
	CHECK(client_get(&tl, path, &r) == 0 && r.status == 200, "the page with A and B side by side");
	CHECK(http_body_has(&r, "Thuiszorg Gelderse Vallei naast Jeugdhulp Veluwe Vallei") &&
	      http_body_has(&r, "<td class=\"utrecht-table__cell utrecht-table__cell--numeric-column\">80 dagen</td>"
	                        "<td class=\"utrecht-table__cell utrecht-table__cell--numeric-column\">30 dagen</td>") &&
	      http_body_has(&r, ">€ 210,00<") && http_body_has(&r, ">€ 52,50<") && http_body_has(&r, ">+2<") &&
	      http_body_has(&r, ">75%<") && http_body_has(&r, "loket-chart"),
	      "the comparison shows both providers' figures and the chart");
	char link[256];
	snprintf(link, sizeof link, "lijst=resultaat&amp;team=");
	CHECK(http_body_has(&r, link) && http_body_has(&r, "&amp;cijfer=gestart"), "a count links to its households");
	http_resp_free(&r);
	/* The households behind A's gestart. */
	snprintf(path, sizeof path, "/team/huishoudens?lijst=resultaat&van=2025-01&tot=2025-12&groep=aanbieder&id=%lld"
	         "&cijfer=gestart", A);
	CHECK(client_get(&tl, path, &r) == 0 && r.status == 200 && http_body_has(&r, "Resultaatlaan 1") &&
	      http_body_has(&r, "Thuiszorg Gelderse Vallei: Gestart"),
	      "the list behind a count names the household (status %d)", r.status);
	http_resp_free(&r);
	snprintf(path, sizeof path, "/team/huishoudens?lijst=resultaat&van=2025-01&tot=2025-12&groep=aanbieder&id=%lld"
	         "&cijfer=einde_lichter", B);
	CHECK(client_get(&tl, path, &r) == 0 && r.status == 200 && !http_body_has(&r, "Resultaatlaan 1"),
	      "B has no one ended to lighter support: an empty list");
	http_resp_free(&r);

	/* CSV. */
	CHECK(client_get(&tl, "/team/resultaten?van=2025-01&tot=2025-12&formaat=csv", &r) == 0 && r.status == 200 &&
	      http_body_has(&r, "aanbieder;in_zorg;gestart;beeindigd;duur_mediaan") &&
	      http_body_has(&r, "Thuiszorg Gelderse Vallei;6;5;5;80;365;3;1;1;6;3;1;1;1;1;60;2;75;21000;1500;3500;7000") &&
	      http_body_has(&r, "Jeugdhulp Veluwe Vallei;2;2;1;30;30;1;0;0;1;0;1;0;0;0;0;-6;0;10500;4000;5250;"),
	      "the same as CSV: %.400s", r.body ? r.body : "");
	http_resp_free(&r);

	/* Bad input: nothing computed, a Dutch message at the field. */
	static const struct { const char *q, *msg; } bad[] = {
		{"van=2019-01&tot=2025-12", "Kies een periode van hoogstens 5 jaar."},
		{"van=2025-06&tot=2025-01", "De laatste maand ligt vóór de eerste maand."},
		{"van=2025-13&tot=2025-12", "Vul een maand in als 2026-03"},
		{"a=999999&b=1", "Kies een bestaande aanbieder."},
		{"groep=product&a=999999&b=1", "Kies een bestaand product."},
		{"groep=leverancier", "Resultaten per:"},
	};
	for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
		snprintf(path, sizeof path, "/team/resultaten?%s", bad[k].q);
		CHECK(client_get(&tl, path, &r) == 0 && r.status == 422 && http_body_has(&r, bad[k].msg) &&
		      !http_body_has(&r, "resultaat-grafiek"),
		      "%s: 422 with '%s' and no figures (got %d)", bad[k].q, bad[k].msg, r.status);
		http_resp_free(&r);
	}
	snprintf(path, sizeof path, "/team/resultaten?a=%lld&b=%lld", A, A);
	CHECK(client_get(&tl, path, &r) == 0 && r.status == 422 && http_body_has(&r, "Kies een andere aanbieder"),
	      "the same provider twice is refused");
	http_resp_free(&r);
	j = get_json(&tl, "/team/resultaten?van=2019-01&tot=2025-12&formaat=json", &status);
	CHECK(status == 422 && json_object_get(json_object_get(json_object_get(j, "error"), "fields"), "van"),
	      "and as JSON a 422 naming the field");
	json_decref(j);
	CHECK(db_int("SELECT count(*) FROM audit WHERE action = 'resultaten.view'") >= 4, "every view is audited");

	/* The beleidsmedewerker: the same figures, "<5" under five persons. */
	struct client bm;
	client_init(&bm, S.port);
	CHECK(client_login(&bm, S.users[U_BELEID].username, S.users[U_BELEID].password) == 303,
	      "the beleidsmedewerker signs in");
	j = get_json(&bm, "/beleid/resultaten?van=2025-01&tot=2025-12&formaat=json", &status);
	rows = json_object_get(j, "rijen");
	ra = row_named(rows, nameA);
	rb = row_named(rows, nameB);
	static const struct expect sup[] = {
		{"in_zorg", "6", "<5"}, {"gestart", "5", "<5"}, {"beeindigd", "5", "<5"},
		{"duur_mediaan", "80", "<5"}, {"duur_p90", "365", "<5"},
		{"einde_doel_bereikt", "<5", "<5"}, {"einde_lichter", "<5", "<5"}, {"einde_overig", "<5", "<5"},
		{"doelen", "6", "<5"}, {"doelen_bereikt", "<5", "<5"}, {"doelen_deels", "<5", "<5"},
		{"doelen_niet", "<5", "<5"}, {"doelen_open", "<5", "<5"}, {"zrm_verandering", "1", "<5"},
		{"zrm_verbeterd", "60", "<5"}, {"eigen_verandering", "<5", "<5"}, {"eigen_verbeterd", "<5", "<5"},
		{"kosten_cents", "21000", "<5"}, {"gedeclareerd_cents", "1500", "<5"},
		{"kosten_per_client_cents", "3500", "<5"}, {"kosten_per_bereikt_doel_cents", "<5", ""},
	};
	CHECK(status == 200 && ra && rb, "the beleidsmedewerker's JSON (status %d)", status);
	for (size_t k = 0; k < sizeof sup / sizeof sup[0]; k++)
		CHECK(strcmp(val(ra, sup[k].key), sup[k].a) == 0 && strcmp(val(rb, sup[k].key), sup[k].b) == 0,
		      "suppressed JSON %s: A %s (got %s), B %s (got %s)", sup[k].key, sup[k].a, val(ra, sup[k].key),
		      sup[k].b, val(rb, sup[k].key));
	json_decref(j);
	CHECK(client_get(&bm, "/beleid/resultaten?van=2025-01&tot=2025-12&formaat=csv", &r) == 0 && r.status == 200 &&
	      http_body_has(&r, "Thuiszorg Gelderse Vallei;6;5;5;80;365;<5;<5;<5;6;<5;<5;<5;<5;1;60;<5;<5;21000;1500;3500;<5") &&
	      http_body_has(&r, "Jeugdhulp Veluwe Vallei;<5;<5;<5;<5;<5;<5;<5;<5;<5;<5;<5;<5;<5;<5;<5;<5;<5;<5;<5;<5;"),
	      "the suppressed CSV: %.400s", r.body ? r.body : "");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/beleid/resultaten?van=2025-01&tot=2025-12&a=%lld&b=%lld", A, B);
	CHECK(client_get(&bm, path, &r) == 0 && r.status == 200 && http_body_has(&r, "&lt;5") &&
	      !http_body_has(&r, "/team/huishoudens") && !http_body_has(&r, "/huishoudens/") &&
	      !http_body_has(&r, "Resultaatlaan") && !http_body_has(&r, "P1 Resultaat"),
	      "the page shows <5, links to no household and names no one");
	http_resp_free(&r);
	/* Nothing that leads to a household. */
	char api[64];
	snprintf(path, sizeof path, "/huishoudens/%lld", HH);
	snprintf(api, sizeof api, "/api/v1/huishoudens/%lld", HH);
	const char *const closed[] = {path, api, "/team", "/team/resultaten", "/team/huishoudens?lijst=regisseur",
	                              "/zoeken?q=Resultaat"};
	for (size_t k = 0; k < sizeof closed / sizeof closed[0]; k++) {
		CHECK(client_get(&bm, closed[k], &r) == 0 && r.status == 403,
		      "the beleidsmedewerker cannot reach %s (got %d)", closed[k], r.status);
		http_resp_free(&r);
	}
	/* The overview of all teams and the quarterly report. */
	j = get_json(&bm, "/beleid?van=2025-01&tot=2025-12&formaat=json", &status);
	json_t *prov = json_object_get(j, "aanbieders");
	bool all_hidden = json_array_size(prov) > 0;
	json_array_foreach(prov, i, row)
		if (json_integer_value(json_object_get(row, "aantal")) < 5 && !json_is_string(json_object_get(row, "aantal")))
			all_hidden = false;
	CHECK(status == 200 && all_hidden && json_object_get(j, "signalen") && json_object_get(j, "verwijsstromen"),
	      "/beleid as JSON: every provider count under five is '<5'");
	json_decref(j);
	CHECK(client_get(&bm, "/beleid?van=2025-01&tot=2025-12", &r) == 0 && r.status == 200 &&
	      http_body_has(&r, "Signalen per team") && http_body_has(&r, "Verwijsstromen") &&
	      !http_body_has(&r, "Resultaatlaan") && !http_body_has(&r, "/huishoudens/") && !http_body_has(&r, "Sanne de Boer"),
	      "/beleid shows the figures of all teams without an address, a household link or a name");
	http_resp_free(&r);
	j = get_json(&bm, "/beleid/kwartaal?kwartaal=2025-4&formaat=json", &status);
	json_t *kg = NULL, *kb = NULL, *kk = NULL;
	json_array_foreach(json_object_get(j, "cijfers"), i, row) {
		const char *key = json_string_value(json_object_get(row, "cijfer"));
		json_t *kw = json_object_get(row, "kwartalen");
		if (strcmp(key, "maatwerk_gestart") == 0)
			kg = kw;
		if (strcmp(key, "maatwerk_beeindigd") == 0)
			kb = kw;
		if (strcmp(key, "kosten_gestart_cents") == 0)
			kk = kw;
	}
	CHECK(status == 200 && kg && kb && kk, "the quarterly report as JSON (status %d)", status);
	CHECK(json_integer_value(json_object_get(kg, "2024-4")) == 5 && json_integer_value(json_object_get(kb, "2024-4")) == 5 &&
	      json_integer_value(json_object_get(kk, "2024-4")) == 500,
	      "2024-4: five clients started and ended, € 5,00 toegezegd");
	CHECK(json_is_string(json_object_get(kg, "2025-1")) && strcmp(json_string_value(json_object_get(kg, "2025-1")), "<5") == 0 &&
	      strcmp(json_string_value(json_object_get(kb, "2025-2")), "<5") == 0 &&
	      strcmp(json_string_value(json_object_get(kk, "2025-1")), "<5") == 0 &&
	      strcmp(json_string_value(json_object_get(kg, "2025-3")), "<5") == 0,
	      "2025: three, two, none started: all '<5', and the cost resting on them too");
	json_decref(j);
	CHECK(client_get(&bm, "/beleid/kwartaal?kwartaal=2025-4", &r) == 0 && r.status == 200 &&
	      http_body_has(&r, "K4 2025") && http_body_has(&r, "K4 2024") && http_body_has(&r, "&lt;5"),
	      "the report page has five quarters and the <5");
	http_resp_free(&r);
	CHECK(client_get(&bm, "/beleid/kwartaal?kwartaal=2025-4&formaat=csv", &r) == 0 && r.status == 200 &&
	      http_body_has(&r, "cijfer;2024-4;2025-1;2025-2;2025-3;2025-4") &&
	      http_body_has(&r, "maatwerk_gestart;5;<5;<5;<5;<5"),
	      "and as CSV: %.300s", r.body ? r.body : "");
	http_resp_free(&r);
	CHECK(client_get(&bm, "/beleid/kwartaal?kwartaal=2025-5", &r) == 0 && r.status == 422 &&
	      http_body_has(&r, "Vul een kwartaal in als 2026-3") && http_body_has(&r, "value=\"2025-5\""),
	      "an impossible quarter: the message at the field, the input kept");
	http_resp_free(&r);
	/* A period without maatwerk: an empty page, not a failure. */
	CHECK(client_get(&tl, "/team/resultaten?van=2010-01&tot=2010-12", &r) == 0 && r.status == 200 &&
	      http_body_has(&r, "In deze periode liep geen maatwerk"), "a period without maatwerk says so");
	http_resp_free(&r);
	CHECK(client_get(&tl, "/beleid/resultaten", &r) == 0 && r.status == 403, "the teamleider has no /beleid");
	http_resp_free(&r);
	CHECK(ts_stop(&S) == 0, "server stops cleanly");
	T_EXIT();
}
