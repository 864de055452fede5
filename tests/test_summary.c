/* test_summary.c - every error summary names its fields.  Each role walks
 * the demo data from its home page (every link on the site, a few pages of
 * each kind), collects every form it is shown, and sends each one back
 * twice: empty, and with every field holding a control character (which
 * every kind of field refuses).  Every summary that comes back must read
 * "Label: message" for each item, with a label that is not the field's
 * bare name (form_add_error's stand-in for a missing label) - so a field
 * rule without a label, or a handler that adds its own error without
 * naming the field, fails here (tests/t_field_labels.sh checks the
 * tables themselves). */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "http_client.h"
#include "testutil.h"
#include "util.h"

enum { MAX_PAGES = 400, PER_KIND = 3, MAX_FORMS = 400, MAX_NAMES = 600 };

struct page_set {
	char *path[MAX_PAGES];
	int n;
};

struct form_seen {
	char *action;  /* path, query kept for GET forms' pages */
	bool post;
	char **names;  /* distinct field names, csrf left out */
	char **hidden; /* names[i]'s value when it is a hidden input, else NULL */
	int nnames;
	struct agent *who; /* who saw it; NULL for the anonymous visitor */
};

static struct form_seen forms[MAX_FORMS];
static int nforms;

/* path with every run of digits as "N" and without the query: pages of
 * one kind. */
static void kind_of(const char *path, char *out, size_t n)
{
	size_t k = 0;
	for (const char *p = path; *p && *p != '?' && k + 2 < n; p++) {
		if (*p >= '0' && *p <= '9') {
			out[k++] = 'N';
			while (p[1] >= '0' && p[1] <= '9')
				p++;
		} else {
			out[k++] = *p;
		}
	}
	out[k] = '\0';
}

/* The value of attribute attr in the tag starting at tag (up to '>'),
 * malloc'd with &amp; decoded, or NULL. */
static char *attr(const char *tag, const char *attr_name)
{
	const char *end = strchr(tag, '>');
	char pat[32];
	snprintf(pat, sizeof pat, " %s=\"", attr_name);
	const char *p = strstr(tag, pat);
	if (!p || (end && p > end))
		return NULL;
	p += strlen(pat);
	const char *q = strchr(p, '"');
	if (!q)
		return NULL;
	char *v = strndup(p, (size_t)(q - p));
	static const char *const ents[][2] = {{"&quot;", "\""}, {"&#39;", "'"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&amp;", "&"}};
	for (size_t e = 0; e < ARRAY_LEN(ents); e++) {
		size_t el = strlen(ents[e][0]);
		for (char *amp = strstr(v, ents[e][0]); amp; amp = strstr(amp + 1, ents[e][0])) {
			*amp = ents[e][1][0];
			memmove(amp + 1, amp + el, strlen(amp + el) + 1);
		}
	}
	return v;
}

static bool skip_link(const char *path)
{
	static const char *const prefixes[] = {"/static/", "/api/", "/team/export/", "/uitloggen", NULL};
	for (int i = 0; prefixes[i]; i++)
		if (strncmp(path, prefixes[i], strlen(prefixes[i])) == 0)
			return true;
	return path[0] != '/' || path[1] == '/';
}

/* Adds the page's forms to forms[], one per action kind and method. */
static void collect_forms(const char *body, struct agent *who)
{
	for (const char *p = strstr(body, "<form"); p; p = strstr(p + 5, "<form")) {
		const char *end = strstr(p, "</form>");
		if (!end)
			break;
		char *method = attr(p, "method");
		char *action = attr(p, "action");
		bool post = method && strcasecmp(method, "post") == 0;
		free(method);
		if (!action)
			continue;
		char kind[256], other[256];
		kind_of(action, kind, sizeof kind);
		bool known = false;
		for (int i = 0; i < nforms && !known; i++) {
			kind_of(forms[i].action, other, sizeof other);
			known = forms[i].post == post && strcmp(kind, other) == 0;
		}
		if (known || nforms == MAX_FORMS) {
			free(action);
			continue;
		}
		struct form_seen *f = &forms[nforms++];
		f->action = action;
		f->post = post;
		f->who = who;
		f->names = calloc(MAX_NAMES, sizeof *f->names);
		f->hidden = calloc(MAX_NAMES, sizeof *f->hidden);
		f->nnames = 0;
		for (const char *q = strstr(p, " name=\""); q && q < end; q = strstr(q + 7, " name=\"")) {
			char *name = attr(q, "name");
			if (!name)
				continue;
			bool dup = strcmp(name, "csrf") == 0;
			for (int k = 0; k < f->nnames && !dup; k++)
				dup = strcmp(f->names[k], name) == 0;
			if (dup || f->nnames == MAX_NAMES) {
				free(name);
				continue;
			}
			/* The tag this name belongs to starts at the last '<' before it. */
			const char *tag = q;
			while (tag > p && *tag != '<')
				tag--;
			char *type = attr(tag, "type");
			if (type && strcmp(type, "hidden") == 0) {
				char *value = attr(tag, "value");
				f->hidden[f->nnames] = value ? value : strdup("");
			}
			free(type);
			f->names[f->nnames++] = name;
		}
	}
}

/* Walks the site from "/" as agent a (NULL: anonymous, from /inloggen). */
static void crawl(struct agent *a, struct client *anon, const char *who)
{
	struct page_set todo = {0};
	todo.path[todo.n++] = strdup(a ? "/" : "/inloggen");
	for (int i = 0; i < todo.n; i++) {
		struct http_resp r;
		int st = a ? agent_get(a, todo.path[i], &r) : (client_get(anon, todo.path[i], &r) == 0 ? r.status : -1);
		if (st < 0)
			continue;
		if (getenv("SUMMARY_VERBOSE"))
			printf("# %d %s\n", st, todo.path[i]);
		if (st == 200 && r.body) {
			collect_forms(r.body, a);
			for (const char *p = strstr(r.body, "href=\""); p; p = strstr(p + 6, "href=\"")) {
				char *link = attr(p - 1, "href");
				if (!link)
					continue;
				char *hash = strchr(link, '#');
				if (hash)
					*hash = '\0';
				char kind[256], other[256];
				kind_of(link, kind, sizeof kind);
				int same = 0;
				bool seen = skip_link(link) || !link[0];
				for (int k = 0; k < todo.n && !seen; k++) {
					seen = strcmp(todo.path[k], link) == 0;
					kind_of(todo.path[k], other, sizeof other);
					same += strcmp(kind, other) == 0;
				}
				if (seen || same >= PER_KIND || todo.n == MAX_PAGES)
					free(link);
				else
					todo.path[todo.n++] = link;
			}
		}
		http_resp_free(&r);
	}
	printf("# %s: %d pages, %d forms so far\n", who, todo.n, nforms);
	for (int i = 0; i < todo.n; i++)
		free(todo.path[i]);
}

/* Checks every item of the summary in body; returns the number of items,
 * -1 when one is bare (reported). */
static int check_summary(const char *body, const char *what)
{
	const char *s = strstr(body, "id=\"foutmeldingen\"");
	if (!s)
		return 0;
	const char *end = strstr(s, "</ul>");
	int items = 0;
	bool ok = true;
	for (const char *p = strstr(s, "<li><a "); p && end && p < end; p = strstr(p + 7, "<li><a ")) {
		char *href = attr(p + 4, "href");
		const char *text = strchr(p + 7, '>');
		const char *close = text ? strstr(text, "</a>") : NULL;
		if (!href || !text || !close) {
			free(href);
			ok = false;
			break;
		}
		text++;
		char *item = strndup(text, (size_t)(close - text));
		char *colon = strstr(item, ": ");
		const char *field = href[0] == '#' ? href + 1 : href;
		bool named = colon && colon > item && colon[2] != '\0';
		if (named) {
			*colon = '\0';
			named = strcmp(item, field) != 0;
			*colon = ':';
		}
		if (!named) {
			T_FAIL("summary item names its field", "%s: [%s] links to #%s", what, item, field);
			ok = false;
		}
		/* The link leads somewhere: an element with that id (a field, or
		 * the fieldset of a group of radio buttons or checkboxes). */
		char *target = NULL;
		if (href[0] == '#' && asprintf(&target, "id=\"%s\"", field) > 0 && !strstr(body, target)) {
			T_FAIL("summary link leads to its field", "%s: [%s] links to #%s, which is not on the page", what,
			       item, field);
			ok = false;
		}
		free(target);
		items++;
		free(item);
		free(href);
	}
	return ok ? items : -1;
}

/* One request for form f: its fields empty (absent) or all holding a
 * control character. */
static int send_form(struct agent *a, struct client *anon, const struct form_seen *f, bool junk, int *summaries)
{
	size_t cap = 64;
	for (int k = 0; k < f->nnames; k++)
		cap += strlen(f->names[k]) * 3 + 8;
	char *body = calloc(1, cap);
	size_t len = 0;
	for (int k = 0; k < f->nnames; k++)
		cap += f->hidden[k] ? strlen(f->hidden[k]) * 3 : 0;
	body = realloc(body, cap);
	body[0] = '\0';
	/* Hidden fields (versions, what the form was loaded with) keep the
	 * page's values, as a browser sends them. */
	for (int k = 0; k < f->nnames; k++) {
		if (!junk && !f->hidden[k])
			continue;
		char *name = form_escape(f->names[k]);
		char *value = form_escape(f->hidden[k] ? f->hidden[k] : "\x01");
		len += (size_t)snprintf(body + len, cap - len, "%s%s=%s", len ? "&" : "", name, value);
		free(name);
		free(value);
	}
	char what[512];
	snprintf(what, sizeof what, "%s %s (%s)", f->post ? "POST" : "GET", f->action, junk ? "ongeldig" : "leeg");
	struct http_resp r;
	int st;
	if (f->post) {
		st = a ? agent_post(a, f->action, body, &r) : -1;
		if (!a) {
			char *csrf = NULL;
			struct http_resp g;
			if (client_get(anon, f->action, &g) == 0) {
				csrf = html_csrf(g.body);
				http_resp_free(&g);
			}
			size_t n = len + 200;
			char *full = malloc(n);
			snprintf(full, n, "csrf=%s%s%s", csrf ? csrf : "", len ? "&" : "", body);
			st = client_post(anon, f->action, full, &r) == 0 ? r.status : -1;
			free(full);
			free(csrf);
		}
	} else {
		size_t n = strlen(f->action) + len + 2;
		char *url = malloc(n);
		snprintf(url, n, "%s%s%s", f->action, strchr(f->action, '?') ? "&" : "?", body);
		st = a ? agent_get(a, url, &r) : (client_get(anon, url, &r) == 0 ? r.status : -1);
		free(url);
	}
	free(body);
	if (st < 0) {
		T_FAIL(what, "the request failed");
		return -1;
	}
	int items = r.body ? check_summary(r.body, what) : 0;
	if (getenv("SUMMARY_VERBOSE"))
		printf("# -> %d %s: %d items\n", st, what, items);
	if (items > 0) {
		(*summaries)++;
		T_OK(what);
	}
	http_resp_free(&r);
	return items < 0 ? -1 : 0;
}

/* Sends forms[from ..] back empty and with junk; counts the summaries. */
static void send_forms(int from, struct client *anon, int *summaries)
{
	for (int i = from; i < nforms; i++) {
		const struct form_seen *f = &forms[i];
		/* Forms without fields of their own are buttons (sign out,
		 * deactivate, a new plan version, ...): they have nothing to
		 * refuse and would act. */
		int visible = 0;
		for (int k = 0; k < f->nnames; k++)
			visible += f->hidden[k] == NULL;
		if (visible == 0 || (!f->who && !anon))
			continue;
		for (int junk = 0; junk < 2; junk++)
			send_form(f->who, anon, f, junk, summaries);
	}
}

struct bench_user {
	char role[32], username[80], password[64];
};

/* The users `loket seed` printed, in its order (teamleider, consulent,
 * gebiedsteam). */
static int read_bench_users(const char *out, struct bench_user *u, int max)
{
	FILE *f = fopen(out, "r");
	char line[512];
	int n = 0;
	while (f && n < max && fgets(line, sizeof line, f))
		if (sscanf(line, "bench-gebruiker rol=%31s gebruikersnaam=%79s wachtwoord=%63s", u[n].role, u[n].username,
		           u[n].password) == 3)
			n++;
	if (f)
		fclose(f);
	return n;
}

int main(void)
{
	int summaries = 0;
	/* The demo: every role, the sign-in page and the beheer forms. */
	struct test_server s;
	if (ts_start(&s, (const char *const[]){"--cookie-insecure", NULL}) != 0) {
		T_FAIL("server start", "see %s", s.log);
		T_EXIT();
	}
	static const int users[] = {U_CONSULENT, U_GEBIEDSTEAM, U_TEAMLEIDER, U_BEHEERDER, U_PRIVACY};
	struct agent agents[ARRAY_LEN(users)];
	struct client anon;
	client_init(&anon, s.port);
	crawl(NULL, &anon, "anoniem");
	for (size_t u = 0; u < ARRAY_LEN(users); u++) {
		CHECK(agent_sign_in(&agents[u], &s, users[u]), "%s signs in", s.users[users[u]].username);
		crawl(&agents[u], NULL, s.users[users[u]].username);
	}
	send_forms(0, &anon, &summaries);
	CHECK(ts_stop(&s) == 0, "demo server stops cleanly");

	/* A seeded municipality: plans with goals, agreements and
	 * rolgesprekken, closed households, walk-ins. */
	int from = nforms;
	char dir[] = "/tmp/loket-summary-XXXXXX", cmd[512], out[128], db[128];
	CHECK(mkdtemp(dir) != NULL, "temporary directory");
	snprintf(db, sizeof db, "%s/seed.db", dir);
	snprintf(out, sizeof out, "%s/seed.out", dir);
	snprintf(cmd, sizeof cmd, "build/san/loket seed --db %s --households 40 --seed 3 > %s 2>&1", db, out);
	CHECK(system(cmd) == 0, "seed runs");
	struct bench_user bu[3];
	int nb = read_bench_users(out, bu, 3);
	CHECK_INT(nb, 3, "three bench users printed");
	struct test_server t;
	/* The bench consulent steers one household in every state (a concept
	 * plan, a vastgesteld one, a closed case, ...), so her walk reaches
	 * every form a household has. */
	if (nb == 3 && ts_start_db(&t, db, (const char *const[]){"--cookie-insecure", NULL}) == 0) {
		CHECK(ts_db_exec(&t, "UPDATE huishouden SET regisseur_id = (SELECT id FROM medewerker WHERE username = '%s')"
		                     " WHERE id IN (SELECT min(h.id) FROM huishouden h LEFT JOIN plan p"
		                     " ON p.huishouden_id = h.id GROUP BY h.status, p.status)", bu[1].username) == 0,
		      "the bench consulent steers a household in every state");
		struct agent seeded[3];
		for (int u = 0; u < nb; u++) {
			client_init(&seeded[u].c, t.port);
			CHECK(client_login(&seeded[u].c, bu[u].username, bu[u].password) == 303, "bench %s signs in",
			      bu[u].role);
			struct http_resp r;
			seeded[u].csrf[0] = '\0';
			if (client_get(&seeded[u].c, "/api/v1/sessie", &r) == 0) {
				json_t *j = json_loads(r.body, 0, NULL);
				const char *tok = json_string_value(json_object_get(j, "csrf"));
				snprintf(seeded[u].csrf, sizeof seeded[u].csrf, "%s", tok ? tok : "");
				json_decref(j);
				http_resp_free(&r);
			}
			crawl(&seeded[u], NULL, bu[u].role);
		}
		send_forms(from, NULL, &summaries);
		CHECK(ts_stop(&t) == 0, "seeded server stops cleanly");
	} else {
		T_FAIL("seeded server starts", "see %s", out);
	}
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	if (system(cmd) != 0)
		printf("# %s bleef staan\n", dir);

	int posts = 0, gets = 0;
	for (int i = 0; i < nforms; i++)
		*(forms[i].post ? &posts : &gets) += 1;
	CHECK(posts >= 60, "the walk found the site's forms (%d to post, %d filters)", posts, gets);
	CHECK(summaries >= 90, "summaries came back from the forms (%d)", summaries);
	for (int i = 0; i < nforms; i++) {
		for (int k = 0; k < forms[i].nnames; k++) {
			free(forms[i].names[k]);
			free(forms[i].hidden[k]);
		}
		free(forms[i].names);
		free(forms[i].hidden);
		free(forms[i].action);
	}
	T_EXIT();
}
