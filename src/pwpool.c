/* pwpool.c - the password-hashing worker pool (see auth.h). */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"

struct pw_task {
	struct pw_task *next;
	struct req *r;
	struct pw_job *job;
};

/* Global state of the pool: the queue and its workers, guarded by lock.
 * Started once by pwpool_start before the HTTP server, stopped after it. */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake = PTHREAD_COND_INITIALIZER;
static struct pw_task *queue_head, *queue_tail;
static bool stopping;
static pthread_t *workers;
static unsigned worker_count;
static char dummy_hash[crypto_pwhash_STRBYTES];

static void run_job(struct pw_job *job)
{
	if (job->password) {
		const char *h = job->verify_hash ? job->verify_hash : dummy_hash;
		bool ok = crypto_pwhash_str_verify(h, job->password, strlen(job->password)) == 0;
		job->verified = ok && job->verify_hash != NULL;
	}
	/* A replacement is only worth 64 MiB of hashing once the old one checked out. */
	if (job->new_password && (!job->password || job->verified))
		job->hashed = password_hash_now(job->new_password, job->new_hash) == 0;
}

static void *worker_main(void *arg)
{
	(void)arg;
	for (;;) {
		pthread_mutex_lock(&lock);
		while (!queue_head && !stopping)
			pthread_cond_wait(&wake, &lock);
		struct pw_task *t = queue_head;
		if (t) {
			queue_head = t->next;
			if (!queue_head)
				queue_tail = NULL;
		}
		pthread_mutex_unlock(&lock);
		if (!t)
			return NULL; /* stopping and the queue is drained */
		run_job(t->job);
		struct MHD_Connection *conn = t->r->conn;
		free(t);
		/* After this call the request belongs to its HTTP thread again. */
		MHD_resume_connection(conn);
	}
}

int pwpool_start(unsigned threads)
{
	if (threads == 0)
		threads = 1;
	stopping = false;
	/* A real Argon2id hash of a random password, so verifying an unknown
	 * user costs the same as verifying a known one. */
	char pw[TOKEN_TEXT];
	token_new(pw);
	if (password_hash_now(pw, dummy_hash) != 0)
		return -1;
	workers = xcalloc(threads, sizeof *workers);
	for (unsigned i = 0; i < threads; i++) {
		if (pthread_create(&workers[i], NULL, worker_main, NULL) != 0) {
			log_error("kan hash-thread niet starten");
			worker_count = i;
			return -1;
		}
	}
	worker_count = threads;
	return 0;
}

void pwpool_stop(void)
{
	pthread_mutex_lock(&lock);
	stopping = true;
	pthread_cond_broadcast(&wake);
	pthread_mutex_unlock(&lock);
	for (unsigned i = 0; i < worker_count; i++)
		pthread_join(workers[i], NULL);
	free(workers);
	workers = NULL;
	worker_count = 0;
}

const char *pwpool_dummy_hash(void)
{
	return dummy_hash;
}

int pwpool_submit(struct req *r, struct pw_job *job, resume_fn then)
{
	struct pw_task *t = xcalloc(1, sizeof *t);
	t->r = r;
	t->job = job;
	r->resume = then;
	r->suspended = true;
	MHD_suspend_connection(r->conn);
	pthread_mutex_lock(&lock);
	if (queue_tail)
		queue_tail->next = t;
	else
		queue_head = t;
	queue_tail = t;
	pthread_cond_signal(&wake);
	pthread_mutex_unlock(&lock);
	return 0;
}
