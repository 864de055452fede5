/* test_audit_token.c - the keyed audit chain through the real server: every
 * audit row of a request made with an API token carries that token's id
 * (writes in the handlers' own transactions and queued views alike), a
 * session's rows carry none; the privacy officer downloads a signed
 * checkpoint from the audit page and the API, others get 403; and
 * `loket audit-verify` with the key file and that checkpoint passes. */
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "audit.h"
#include "db.h"
#include "http_client.h"
#include "testutil.h"

static struct test_server S;

static char *issued_token(const char *body)
{
	const char *p = body ? strstr(body, "loket-secret\">loket_") : NULL;
	if (!p)
		return NULL;
	p += strlen("loket-secret\">");
	const char *end = strchr(p, '<');
	return end ? strndup(p, (size_t)(end - p)) : NULL;
}

static int bearer(const char *token, const char *method, const char *path, const char *json)
{
	struct client c;
	client_init(&c, S.port);
	char hdr[256];
	snprintf(hdr, sizeof hdr, "Authorization: Bearer %s\r\n", token);
	struct http_resp r;
	if (client_request(&c, method, path, json ? "application/json" : NULL, json, hdr, &r) != 0)
		return -1;
	int st = r.status;
	http_resp_free(&r);
	return st;
}

/* The token_id of the newest audit row with that action: -2 when NULL,
 * -1 when there is no such row. */
static long long newest_token(const char *action)
{
	long long n = ts_db_int(&S, "SELECT count(*) FROM audit WHERE action = '%s'", action);
	if (n <= 0)
		return -1;
	return ts_db_int(&S, "SELECT coalesce(token_id, -2) FROM audit WHERE action = '%s' ORDER BY id DESC LIMIT 1",
	                 action);
}

static void test_tokens(long long hh, long long *token_id)
{
	struct agent beh, cons;
	CHECK(agent_sign_in(&beh, &S, U_BEHEERDER) && agent_sign_in(&cons, &S, U_CONSULENT), "beheerder and consulent sign in");
	/* Tokens belong to a koppeling: the demo's, in the household's
	 * casusteam so that it may write there. */
	long long kop = ts_db_int(&S, "%s", "SELECT min(id) FROM medewerker WHERE soort = 'koppeling'");
	long long me = ts_db_int(&S, "SELECT id FROM medewerker WHERE username = '%s'", S.users[U_CONSULENT].username);
	CHECK(kop > 0 && ts_db_exec(&S, "INSERT INTO casusteam(huishouden_id, medewerker_id, added_by, added_at)"
	                                " VALUES (%lld, %lld, %lld, 0)", hh, kop, me) == 0,
	      "the demo koppeling is in the household's casusteam");
	char form[128];
	snprintf(form, sizeof form, "naam=Koppeling+Suite&koppeling=%lld", kop);
	struct http_resp r;
	int st = agent_post(&beh, "/beheer/api-tokens", form, &r);
	char *token = st == 200 ? issued_token(r.body) : NULL;
	if (st >= 0)
		http_resp_free(&r);
	CHECK(token != NULL, "a token is issued for the koppeling");
	if (!token)
		return;
	*token_id = ts_db_int(&S, "SELECT max(id) FROM api_token");

	char path[96], body[256];
	snprintf(path, sizeof path, "/api/v1/huishoudens/%lld/journaal", hh);
	CHECK_INT(bearer(token, "POST", path, "{\"soort\": \"telefoon\", \"datum\": \"2026-11-01\", \"tekst\": \"via token\"}"),
	          201, "token: a journal entry is written through the API");
	CHECK_INT(newest_token("journaal.create"), *token_id, "token: its audit row (the handler's own transaction) carries the token");
	snprintf(body, sizeof body, "{\"huishouden_id\": %lld, \"kanaal\": \"inwoner_zelf\", \"medium\": \"telefoon\","
	         " \"vraag\": \"via token\", \"urgentie\": \"normaal\"}", hh);
	CHECK_INT(bearer(token, "POST", "/api/v1/aanmeldingen", body), 201, "token: an aanmelding is registered through the API");
	CHECK_INT(newest_token("aanmelding.create"), *token_id, "token: the aanmelding's audit row carries the token");
	long long before = ts_db_int(&S, "SELECT max(id) FROM audit");
	snprintf(path, sizeof path, "/api/v1/huishoudens/%lld", hh);
	CHECK_INT(bearer(token, "GET", path, NULL), 200, "token: the household is read through the API");
	CHECK(ts_db_int(&S, "SELECT count(*) FROM audit WHERE id > %lld", before) >= 1 &&
	      ts_db_int(&S, "SELECT count(*) FROM audit WHERE id > %lld AND (token_id IS NULL OR token_id != %lld)",
	                before, *token_id) == 0,
	      "token: every row of the view (queued, written by the batcher) carries the token");

	before = ts_db_int(&S, "SELECT max(id) FROM audit");
	CHECK_INT(agent_api(&cons, "GET", path, NULL, &r, NULL), 200, "session: the same household through the API");
	http_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/huishoudens/%lld/journaal", hh);
	CHECK_INT(agent_api(&cons, "POST", path, "{\"soort\": \"telefoon\", \"datum\": \"2026-11-02\", \"tekst\": \"sessie\"}",
	                    &r, NULL), 201, "session: a journal entry through the API");
	http_resp_free(&r);
	CHECK(ts_db_int(&S, "SELECT count(*) FROM audit WHERE id > %lld", before) >= 2 &&
	      ts_db_int(&S, "SELECT count(*) FROM audit WHERE id > %lld AND token_id IS NOT NULL", before) == 0,
	      "session: its rows carry no token");
	free(token);
}

static json_t *test_checkpoint_routes(void)
{
	struct agent priv, cons, beh;
	CHECK(agent_sign_in(&priv, &S, U_PRIVACY) && agent_sign_in(&cons, &S, U_CONSULENT) &&
	      agent_sign_in(&beh, &S, U_BEHEERDER), "privacy officer, consulent and beheerder sign in");
	struct http_resp r;
	CHECK(agent_get(&priv, "/audit", &r) == 200 && http_body_has(&r, "action=\"/audit/controlepunt\""),
	      "the audit page offers the checkpoint download");
	http_resp_free(&r);
	long long rows = ts_db_int(&S, "SELECT count(*) FROM audit WHERE action = 'audit.checkpoint'");
	json_t *cp = NULL;
	int st = agent_post(&priv, "/audit/controlepunt", "", &r);
	char disp[160] = "";
	if (st == 200) {
		http_header(&r, "Content-Disposition", disp, sizeof disp);
		cp = json_loads(r.body, 0, NULL);
	}
	if (st >= 0)
		http_resp_free(&r);
	CHECK_INT(st, 200, "privacy officer: POST /audit/controlepunt answers 200");
	CHECK(strstr(disp, "attachment") && strstr(disp, "auditcontrolepunt-"), "it is a download [%s]", disp);
	CHECK(cp && json_is_integer(json_object_get(cp, "head_id")) && json_is_integer(json_object_get(cp, "rows")) &&
	      json_is_integer(json_object_get(cp, "at")) && json_is_string(json_object_get(cp, "at_iso")) &&
	      strlen(json_string_value(json_object_get(cp, "head_hash"))) == 64 &&
	      strlen(json_string_value(json_object_get(cp, "public_key"))) == 64 &&
	      strlen(json_string_value(json_object_get(cp, "signature"))) == 128,
	      "the checkpoint has head_id, head_hash, rows, at, at_iso, public_key and signature");
	CHECK_INT(ts_db_int(&S, "SELECT count(*) FROM audit WHERE action = 'audit.checkpoint'"), rows + 1,
	          "the checkpoint is audited (audit.checkpoint)");
	CHECK(cp && json_integer_value(json_object_get(cp, "head_id")) ==
	      ts_db_int(&S, "SELECT max(id) FROM audit WHERE action = 'audit.checkpoint'"),
	      "the checkpoint covers its own audit row");
	json_t *api = NULL;
	CHECK_INT(agent_api(&priv, "GET", "/api/v1/audit/controlepunt", NULL, &r, &api), 200,
	          "privacy officer: GET /api/v1/audit/controlepunt answers 200");
	http_resp_free(&r);
	CHECK(api && json_is_string(json_object_get(api, "signature")), "the API gives a signed checkpoint");
	json_decref(api);
	CHECK_INT(agent_post(&cons, "/audit/controlepunt", "", &r), 403, "consulent: 403 on the checkpoint");
	http_resp_free(&r);
	CHECK_INT(agent_post(&beh, "/audit/controlepunt", "", &r), 403, "beheerder: 403 on the checkpoint");
	http_resp_free(&r);
	CHECK_INT(agent_api(&beh, "GET", "/api/v1/audit/controlepunt", NULL, &r, NULL), 403,
	          "beheerder: 403 on the API's checkpoint");
	http_resp_free(&r);
	return cp;
}

int main(void)
{
	if (sodium_init() < 0 || ts_start(&S, (const char *const[]){"--cookie-insecure", NULL}) != 0) {
		T_FAIL("server start", "see %s", S.log);
		T_EXIT();
	}
	long long me = ts_db_int(&S, "SELECT id FROM medewerker WHERE username = '%s'", S.users[U_CONSULENT].username);
	long long hh = ts_db_int(&S, "SELECT min(id) FROM huishouden");
	CHECK(ts_db_exec(&S, "UPDATE huishouden SET regisseur_id = %lld WHERE id = %lld", me, hh) == 0,
	      "the consulent is regisseur of a demo household");
	long long token_id = 0;
	test_tokens(hh, &token_id);
	json_t *cp = test_checkpoint_routes();
	CHECK(ts_stop(&S) == 0, "server stops cleanly");

	/* The readers show the token. */
	char *err = NULL;
	if (db_init(S.db, &err) == 0 && db_get()) {
		json_t *page = db_audit_page(db_get(), 0, 1000);
		struct audit_filter f = {.huishouden_id = hh};
		json_t *found = db_audit_search(db_get(), &f, 0, -1);
		bool in_page = false, in_search = false;
		size_t i;
		json_t *row;
		json_array_foreach(page, i, row)
			in_page |= json_integer_value(json_object_get(row, "token_id")) == token_id;
		json_array_foreach(found, i, row)
			in_search |= json_integer_value(json_object_get(row, "token_id")) == token_id;
		CHECK(token_id > 0 && in_page && in_search, "db_audit_page and db_audit_search show token_id");
		json_decref(page);
		json_decref(found);
	} else {
		T_FAIL("db_init on the stopped server's database", "%s", err ? err : "");
	}
	free(err);
	db_close_all();

	char file[300], cmd[1200];
	snprintf(file, sizeof file, "%s/controlepunt.json", S.dir);
	CHECK(cp && json_dump_file(cp, file, 0) == 0, "the downloaded checkpoint is saved");
	snprintf(cmd, sizeof cmd, "build/san/loket audit-verify --db %s --audit-key %s.auditkey --checkpoint %s > /dev/null",
	         S.db, S.db, file);
	int st = system(cmd);
	CHECK(st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "loket audit-verify passes with the key file and the downloaded checkpoint");
	json_decref(cp);
	T_EXIT();
}
