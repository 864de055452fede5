/* auditq.c - group commit of the audit rows of views.
 *
 * Every page or API read of personal data writes an audit row that must be
 * durable before the response leaves.  One transaction per view would cost
 * one fsync per request and make SQLite's single writer the bottleneck, so
 * views queue their rows on the request (audit_view), the server suspends
 * the connection once the handler is done (auditq_submit), and one thread
 * writes the rows of every waiting request in a single transaction and
 * resumes them all.  While it commits, the next batch gathers; and while
 * requests queue for a thread, it waits up to 1 ms for the rows of those
 * still inside their handlers (gather()). */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#include <time.h>

#include "audit.h"
#include "db.h"
#include "http.h"
#include "server.h"

/* One queued row; strings live in the request's arena. */
struct audit_pending {
	struct audit_pending *next;
	struct audit_entry e;
};

struct waiting {
	struct waiting *next;
	struct req *r;
};

/* The batcher's queue and thread: process-wide, guarded by lock, started
 * by auditq_start and stopped by auditq_stop. */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake = PTHREAD_COND_INITIALIZER;
static struct waiting *queue_head, *queue_tail;
/* Requests inside a handler (auditq_begin .. auditq_submit), and whether
 * the batcher is waiting for them (gather): atomics, so a request that
 * queues no row touches neither lock nor batcher. */
static atomic_int handling;
static atomic_bool gathering;
static bool running, stopping;
static pthread_t thread;
/* Written by the batcher thread only; logged when it has stopped. */
static long rows_written, batches_written;

/* 1 ms: under make bench's 64 connections the household page went from
 * about 3,200 to 3,900 views a second and p99 from ~47 to ~38 ms; 2 ms
 * gained no more (docs/performance.md). */
enum { GATHER_MAX_US = 1000 };

/* Writes the rows of every request in list in one transaction.  Returns
 * 0, or -1 when nothing was committed. */
static int write_batch(struct waiting *list)
{
	db *d = db_get();
	if (!d || db_begin(d) != 0)
		return -1;
	long rows = 0;
	for (struct waiting *w = list; w; w = w->next)
		for (struct audit_pending *p = w->r->audit_pending; p; p = p->next, rows++)
			if (audit_append(d, &p->e) != DB_OK) {
				db_rollback(d);
				return -1;
			}
	if (db_commit(d) != 0)
		return -1;
	rows_written += rows;
	batches_written++;
	return 0;
}

/* With lock held and a row queued: while other requests are still inside
 * their handlers, their rows are moments away; waiting for them (at most
 * GATHER_MAX_US) puts them in this commit instead of each starting the
 * next.  Every commit costs an fsync and makes every reading connection
 * drop its page cache, so under load fewer, larger commits are cheaper
 * for everyone.  Only while requests queue for a thread anyway
 * (server_queue_deep): with a few users the wait would be theirs, and a
 * search at 4 connections went from p50 1.6 to 1.9 ms. */
static void gather(void)
{
	if (!server_queue_deep())
		return;
	struct timespec until;
	clock_gettime(CLOCK_MONOTONIC, &until);
	until.tv_nsec += GATHER_MAX_US * 1000L;
	if (until.tv_nsec >= 1000000000L) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000L;
	}
	atomic_store(&gathering, true);
	while (atomic_load(&handling) > 0 && !stopping)
		if (pthread_cond_clockwait(&wake, &lock, CLOCK_MONOTONIC, &until) == ETIMEDOUT)
			break;
	atomic_store(&gathering, false);
}

static void *batcher_main(void *arg)
{
	(void)arg;
	for (;;) {
		pthread_mutex_lock(&lock);
		while (!queue_head && !stopping)
			pthread_cond_wait(&wake, &lock);
		gather();
		struct waiting *list = queue_head;
		queue_head = queue_tail = NULL;
		pthread_mutex_unlock(&lock);
		if (!list)
			return NULL; /* stopping with nothing left */
		bool failed = write_batch(list) != 0;
		if (failed)
			log_error("auditregels van %s niet opgeslagen; de antwoorden worden een foutmelding",
			          list->next ? "een groep verzoeken" : "een verzoek");
		while (list) {
			struct waiting *w = list;
			list = w->next;
			struct MHD_Connection *conn = w->r->conn;
			w->r->audit_failed = failed;
			w->r->audit_pending = NULL;
			/* After this call the request belongs to its HTTP thread again. */
			MHD_resume_connection(conn);
		}
	}
}

int auditq_start(void)
{
	stopping = false;
	if (pthread_create(&thread, NULL, batcher_main, NULL) != 0) {
		log_error("kan de audit-thread niet starten");
		return -1;
	}
	__atomic_store_n(&running, true, __ATOMIC_RELEASE);
	return 0;
}

void auditq_stop(void)
{
	if (!__atomic_load_n(&running, __ATOMIC_ACQUIRE))
		return;
	pthread_mutex_lock(&lock);
	stopping = true;
	pthread_cond_broadcast(&wake);
	pthread_mutex_unlock(&lock);
	pthread_join(thread, NULL);
	__atomic_store_n(&running, false, __ATOMIC_RELEASE);
	log_info("auditregels van views: %ld in %ld transacties", rows_written, batches_written);
	rows_written = batches_written = 0;
}

/* Resumed after the batch: the built response goes out, unless the rows
 * could not be written; then the data must not be shown. */
static int after_audit(struct req *r)
{
	if (!r->audit_failed)
		return 0;
	if (r->response) {
		MHD_destroy_response(r->response);
		r->response = NULL;
	}
	r->ncookies = 0;
	return reply_error(r, ERR_UNAVAILABLE, NULL);
}

void auditq_begin(void)
{
	atomic_fetch_add(&handling, 1);
}

bool auditq_submit(struct req *r)
{
	if (r->suspended || !r->audit_pending) {
		/* Nothing to write.  The last handler done ends a gathering
		 * batcher's wait; it sets gathering before it looks at handling,
		 * so either it sees this decrement or this sees its flag. */
		if (atomic_fetch_sub(&handling, 1) == 1 && atomic_load(&gathering)) {
			pthread_mutex_lock(&lock);
			pthread_cond_signal(&wake);
			pthread_mutex_unlock(&lock);
		}
		return false;
	}
	/* In the request's arena: the request outlives its place in the queue. */
	struct waiting *w = arena_alloc(r->arena, sizeof *w);
	w->r = r;
	r->resume = after_audit;
	r->suspended = true;
	MHD_suspend_connection(r->conn);
	pthread_mutex_lock(&lock);
	atomic_fetch_sub(&handling, 1);
	if (queue_tail)
		queue_tail->next = w;
	else
		queue_head = w;
	queue_tail = w;
	pthread_cond_signal(&wake);
	pthread_mutex_unlock(&lock);
	return true;
}

/* The row in a transaction of its own, now. */
static int write_now(const struct audit_entry *e)
{
	db *d = db_get();
	if (!d || db_begin(d) != 0)
		return -1;
	if (audit_append(d, e) != DB_OK) {
		db_rollback(d);
		return -1;
	}
	return db_commit(d);
}

static struct audit_entry entry_of(struct req *r, const char *action, const char *object_type, int64_t object_id,
                                   int64_t huishouden_id, const char *reason)
{
	return (struct audit_entry){
		.medewerker_id = r->user ? r->user->id : 0, .action = action,
		.object_type = object_type, .object_id = object_id,
		.huishouden_id = huishouden_id, .reason = reason, .client_addr = r->client_addr,
		.token_id = r->token_id,
	};
}

int audit_view_now(struct req *r, const char *action, const char *object_type, int64_t object_id,
                   int64_t huishouden_id, const char *reason)
{
	struct audit_entry e = entry_of(r, action, object_type, object_id, huishouden_id, reason);
	return write_now(&e);
}

int audit_view(struct req *r, const char *action, const char *object_type, int64_t object_id,
               int64_t huishouden_id, const char *reason)
{
	struct audit_entry e = entry_of(r, action, object_type, object_id, huishouden_id, reason);
	if (!__atomic_load_n(&running, __ATOMIC_ACQUIRE) || !r->conn)
		return write_now(&e);
	/* Written after the handler returns: the texts are copied into the
	 * request's arena, whatever buffer the caller passed.  Rows go in the
	 * order the request made them. */
	struct audit_pending *p = arena_alloc(r->arena, sizeof *p);
	p->e = e;
	p->e.action = arena_strdup(r->arena, action);
	p->e.object_type = object_type ? arena_strdup(r->arena, object_type) : NULL;
	p->e.reason = reason ? arena_strdup(r->arena, reason) : NULL;
	p->e.client_addr = r->client_addr ? arena_strdup(r->arena, r->client_addr) : NULL;
	struct audit_pending **tail = &r->audit_pending;
	while (*tail)
		tail = &(*tail)->next;
	*tail = p;
	return 0;
}
