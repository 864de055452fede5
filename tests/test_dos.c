/* test_dos.c - denial of service and brute force, against the real server:
 *  - 200 wrong passwords at once for one account: the limit of 5 per
 *    15 minutes holds, because each attempt is counted before its hash;
 *  - the current password on /wachtwoord is throttled and audited the same
 *    way;
 *  - slowloris: more trickling connections from one address than the
 *    per-address limit (and more than the whole connection limit) leave
 *    the service reachable from a second address;
 *  - a body that trickles in longer than the request deadline is cut off. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "http_client.h"
#include "server.h"
#include "testutil.h"

static struct test_server S;

/* ---- 200 wrong passwords at once ----------------------------------------- */

enum { ATTEMPTS = 200 };

struct attempt {
	struct client c;
	const char *form;
	pthread_barrier_t *start;
	int status;
};

static void *attempt_run(void *arg)
{
	struct attempt *a = arg;
	pthread_barrier_wait(a->start);
	struct http_resp r;
	a->status = client_post(&a->c, "/inloggen", a->form, &r) == 0 ? r.status : -1;
	if (a->status != -1)
		http_resp_free(&r);
	return NULL;
}

static void test_parallel_wrong_passwords(void)
{
	/* One pre-sign-in cookie and its CSRF token, shared by all attempts. */
	struct client base;
	client_init(&base, S.port);
	struct http_resp r;
	CHECK(client_get(&base, "/inloggen", &r) == 0 && r.status == 200, "the sign-in form");
	char *tok = html_csrf(r.body);
	http_resp_free(&r);
	char form[256];
	snprintf(form, sizeof form, "csrf=%s&gebruikersnaam=%s&wachtwoord=verkeerd-wachtwoord-123", tok ? tok : "",
	         S.users[U_PRIVACY].username);
	free(tok);

	static struct attempt at[ATTEMPTS];
	pthread_t th[ATTEMPTS];
	pthread_barrier_t start;
	pthread_barrier_init(&start, NULL, ATTEMPTS);
	for (int i = 0; i < ATTEMPTS; i++) {
		at[i] = (struct attempt){.c = base, .form = form, .start = &start};
		pthread_create(&th[i], NULL, attempt_run, &at[i]);
	}
	int checked = 0, refused = 0, other = 0;
	for (int i = 0; i < ATTEMPTS; i++) {
		pthread_join(th[i], NULL);
		if (at[i].status == 401)
			checked++;
		else if (at[i].status == 429)
			refused++;
		else
			other++;
	}
	pthread_barrier_destroy(&start);
	CHECK(checked == 5 && refused == ATTEMPTS - 5 && other == 0,
	      "%d wrong passwords at once: 5 checked (401), the rest refused (429): got %d checked, %d refused, %d other",
	      ATTEMPTS, checked, refused, other);
	long long id = ts_db_int(&S, "SELECT id FROM medewerker WHERE username = '%s'", S.users[U_PRIVACY].username);
	CHECK_INT(ts_db_int(&S, "SELECT count(*) FROM audit WHERE action = 'login.failed' AND object_id = %lld", id), 5,
	          "exactly the 5 checked attempts are audited as failed sign-ins");
	CHECK(client_login(&base, S.users[U_PRIVACY].username, S.users[U_PRIVACY].password) == 429,
	      "the right password is refused too while the account is throttled");
}

/* ---- the current password on /wachtwoord -------------------------------- */

static void test_current_password_throttled(void)
{
	/* The sign-in test throttled this address; start afresh. */
	CHECK(ts_db_exec(&S, "%s", "DELETE FROM login_failure") == 0, "failures cleared for the next part");
	struct client c;
	client_init(&c, S.port);
	CHECK(client_login(&c, S.users[U_CONSULENT].username, S.users[U_CONSULENT].password) == 303, "consulent signs in");
	long long id = ts_db_int(&S, "SELECT id FROM medewerker WHERE username = '%s'", S.users[U_CONSULENT].username);
	int statuses[7];
	for (int i = 0; i < 7; i++) {
		struct http_resp r;
		statuses[i] = client_post_with_csrf(&c, "/wachtwoord", "/wachtwoord",
		                                    "huidig_wachtwoord=niet-mijn-wachtwoord&nieuw_wachtwoord="
		                                    "Zomer-Appel-Fiets-42&herhaling=Zomer-Appel-Fiets-42", &r) == 0 ? r.status : -1;
		if (i == 6)
			CHECK(http_body_has(&r, "Te vaak een verkeerd huidig wachtwoord"),
			      "the throttled form says so at the field");
		if (statuses[i] != -1)
			http_resp_free(&r);
	}
	CHECK(statuses[0] == 422 && statuses[4] == 422 && statuses[5] == 429 && statuses[6] == 429,
	      "wrong current password: 5 times checked (422), then refused (429): %d %d %d %d", statuses[0], statuses[4],
	      statuses[5], statuses[6]);
	CHECK_INT(ts_db_int(&S, "SELECT count(*) FROM audit WHERE action = 'password.check_failed' AND medewerker_id = %lld", id),
	          5, "each wrong current password is audited");
	struct http_resp r;
	char form[256];
	snprintf(form, sizeof form, "huidig_wachtwoord=%s&nieuw_wachtwoord=Zomer-Appel-Fiets-42&herhaling=Zomer-Appel-Fiets-42",
	         S.users[U_CONSULENT].password);
	int st = client_post_with_csrf(&c, "/wachtwoord", "/wachtwoord", form, &r) == 0 ? r.status : -1;
	if (st != -1)
		http_resp_free(&r);
	CHECK(st == 429, "the right current password waits too while throttled (got %d)", st);
	/* Counted toward the account only: one person's typos on /wachtwoord
	 * do not lock out colleagues behind the same address. */
	struct client other;
	client_init(&other, S.port);
	CHECK(client_login(&other, S.users[U_TEAMLEIDER].username, S.users[U_TEAMLEIDER].password) == 303,
	      "a colleague from the same address still signs in");
}

/* ---- slowloris ----------------------------------------------------------- */

/* A connection to the server from source address src (127.0.0.x). */
static int connect_from(const char *src)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0)
		return -1;
	struct sockaddr_in from = {.sin_family = AF_INET};
	inet_pton(AF_INET, src, &from.sin_addr);
	struct sockaddr_in to = {.sin_family = AF_INET, .sin_port = htons((uint16_t)S.port),
	                         .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	if (bind(fd, (struct sockaddr *)&from, sizeof from) != 0 ||
	    connect(fd, (struct sockaddr *)&to, sizeof to) != 0) {
		close(fd);
		return -1;
	}
	struct timeval tv = {10, 0};
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
	return fd;
}

/* GET /api/v1/status from src; the status, or -1. */
static int status_from(const char *src)
{
	int fd = connect_from(src);
	if (fd < 0)
		return -1;
	const char *req = "GET /api/v1/status HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
	int status = -1;
	char buf[512];
	if (send(fd, req, strlen(req), MSG_NOSIGNAL) == (ssize_t)strlen(req)) {
		ssize_t n = recv(fd, buf, sizeof buf - 1, 0);
		if (n > 12) {
			buf[n] = '\0';
			sscanf(buf, "HTTP/1.1 %d", &status);
		}
	}
	close(fd);
	return status;
}

/* True when the server closed fd (EOF or reset) within its receive timeout. */
static bool closed_by_server(int fd)
{
	char buf[256];
	for (;;) {
		ssize_t n = recv(fd, buf, sizeof buf, 0);
		if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK))
			return true;
		if (n < 0)
			return false;
	}
}

static void test_slowloris(void)
{
	/* More slow connections than the whole connection limit: without a
	 * limit per address they would fill every slot. */
	struct rlimit rl;
	getrlimit(RLIMIT_NOFILE, &rl);
	rlim_t want = CONNECTION_LIMIT + 200;
	if (rl.rlim_cur < want && rl.rlim_max >= want) {
		rl.rlim_cur = want;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	int n = CONNECTION_LIMIT + 50;
	if (rl.rlim_cur < want)
		n = (int)rl.rlim_cur - 100;
	int *fds = malloc((size_t)n * sizeof *fds);
	int opened = 0;
	const char *start = "GET /inloggen HTTP/1.1\r\nHost: x\r\nX-Traag: ";
	for (int i = 0; i < n; i++) {
		fds[i] = connect_from("127.0.0.1");
		if (fds[i] >= 0 && send(fds[i], start, strlen(start), MSG_NOSIGNAL) > 0)
			opened++;
	}
	/* Trickle one more byte on each, as slowloris does. */
	for (int i = 0; i < n; i++)
		if (fds[i] >= 0)
			send(fds[i], "a", 1, MSG_NOSIGNAL | MSG_DONTWAIT);
	CHECK(opened > DEFAULT_PER_ADDRESS, "%d slow connections opened from 127.0.0.1 (limit per address %d)", opened,
	      DEFAULT_PER_ADDRESS);
	CHECK(status_from("127.0.0.2") == 200, "a second address is still served while 127.0.0.1 trickles");
	/* The connections over the limit were closed by the server at once. */
	int dropped = 0;
	for (int i = n - 10; i < n; i++) {
		if (fds[i] < 0) {
			dropped++;
			continue;
		}
		struct timeval tv = {2, 0};
		setsockopt(fds[i], SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
		if (closed_by_server(fds[i]))
			dropped++;
	}
	CHECK(dropped == 10, "connections over the per-address limit are closed at once (%d of the last 10)", dropped);
	for (int i = 0; i < n; i++)
		if (fds[i] >= 0)
			close(fds[i]);
	free(fds);
	CHECK(status_from("127.0.0.1") == 200, "once the slow connections are gone, 127.0.0.1 is served again");
}

/* A body that trickles in for longer than the request deadline is cut off,
 * even though every byte comes within the idle timeout. */
static void test_slow_body(void)
{
	int fd = connect_from("127.0.0.3");
	const char *head = "POST /inloggen HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
	                   "Content-Length: 4000\r\n\r\n";
	CHECK(fd >= 0 && send(fd, head, strlen(head), MSG_NOSIGNAL) > 0, "a slow body starts");
	bool cut = false;
	time_t t0 = time(NULL);
	for (int i = 0; i < 4000 && fd >= 0 && time(NULL) - t0 < REQUEST_DEADLINE_S + 20; i++) {
		struct timespec ts = {2, 0};
		nanosleep(&ts, NULL);
		if (send(fd, "a", 1, MSG_NOSIGNAL) != 1) {
			cut = true;
			break;
		}
		char buf[16];
		ssize_t got = recv(fd, buf, sizeof buf, MSG_DONTWAIT);
		if (got == 0 || (got < 0 && errno != EAGAIN && errno != EWOULDBLOCK)) {
			cut = true;
			break;
		}
	}
	long took = (long)(time(NULL) - t0);
	CHECK(cut && took >= REQUEST_DEADLINE_S - 2 && took <= REQUEST_DEADLINE_S + 10,
	      "a body trickling 1 byte per 2 s is cut off after the %d s deadline (after %ld s)", REQUEST_DEADLINE_S, took);
	if (fd >= 0)
		close(fd);
}

static void *slow_body_thread(void *arg)
{
	test_slow_body();
	return NULL;
}

int main(void)
{
	/* 200 attempts at once from one address: this server allows them. */
	if (ts_start(&S, (const char *const[]){"--cookie-insecure", "--per-address", "400", NULL}) != 0) {
		T_FAIL("server start", "see %s", S.log);
		T_EXIT();
	}
	test_parallel_wrong_passwords();
	test_current_password_throttled();
	CHECK(ts_stop(&S) == 0, "server stops cleanly");

	/* The default limit per address. */
	if (ts_start(&S, (const char *const[]){"--cookie-insecure", NULL}) != 0) {
		T_FAIL("server start", "see %s", S.log);
		T_EXIT();
	}
	pthread_t slow;
	pthread_create(&slow, NULL, slow_body_thread, NULL);
	test_slowloris();
	pthread_join(slow, NULL);
	CHECK(status_from("127.0.0.1") == 200, "the server is still serving at the end");
	CHECK(ts_stop(&S) == 0, "server stops cleanly");
	T_EXIT();
}
