/* test_tpl.c - the Mustache spec (read from shared/ at run time, never copied
 * into the repo) plus our own table-driven tests of the template engine. */
#include "tpl.h"
#include "testutil.h"

#include <dirent.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

/* The spec files this commit of mustache-spec holds, minus lambdas (which
 * the engine does not support) and the optional inheritance module. */
enum { SPEC_CASES = 136 };

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int run_spec_file(const char *dir, const char *file)
{
	char *path = xasprintf("%s/%s", dir, file);
	json_error_t jerr;
	json_t *root = json_load_file(path, 0, &jerr);
	free(path);
	json_t *tests = json_object_get(root, "tests");
	if (!json_is_array(tests)) {
		T_FAIL("spec file", "%s: cannot load (%s)", file, jerr.text);
		json_decref(root);
		return 0;
	}
	int count = 0;
	size_t i;
	json_t *tc;
	json_array_foreach(tests, i, tc) {
		const char *name = json_string_value(json_object_get(tc, "name"));
		const char *src = json_string_value(json_object_get(tc, "template"));
		const char *want = json_string_value(json_object_get(tc, "expected"));
		strbuf out = {0};
		char *err = NULL;
		int rc = tpl_render_string(src ? src : "", json_object_get(tc, "data"),
					   json_object_get(tc, "partials"), &out, &err);
		char label[400];
		snprintf(label, sizeof label, "spec %s / %s", file, name ? name : "?");
		if (rc != 0)
			T_FAIL(label, "render failed: %s", err ? err : "?");
		else
			CHECK_STR(sb_str(&out), want, "%s", label);
		free(err);
		sb_free(&out);
		count++;
	}
	json_decref(root);
	return count;
}

static void test_spec(void)
{
	const char *shared = getenv("LOKET_SHARED");
	char *dir = xasprintf("%s/conformance/mustache-spec", shared && *shared ? shared : "../shared");
	DIR *d = opendir(dir);
	int total = 0;
	if (!d) {
		T_FAIL("spec directory", "cannot open %s", dir);
	} else {
		char *files[64];
		size_t nfiles = 0;
		struct dirent *de;
		while ((de = readdir(d)) != NULL && nfiles < ARRAY_LEN(files)) {
			size_t n = strlen(de->d_name);
			if (n > 5 && strcmp(de->d_name + n - 5, ".json") == 0 && de->d_name[0] != '~')
				files[nfiles++] = xstrdup(de->d_name);
		}
		closedir(d);
		qsort(files, nfiles, sizeof(files[0]), cmp_str);
		for (size_t i = 0; i < nfiles; i++) {
			total += run_spec_file(dir, files[i]);
			free(files[i]);
		}
	}
	CHECK_INT(total, SPEC_CASES, "spec: number of cases run");
	free(dir);
}

/* ---- own tests ----------------------------------------------------------- */

static char *render_str(const char *src, const char *data_json, char **err)
{
	json_error_t jerr;
	json_t *data = data_json ? json_loads(data_json, JSON_DECODE_ANY, &jerr) : NULL;
	strbuf out = {0};
	int rc = tpl_render_string(src, data, NULL, &out, err);
	json_decref(data);
	if (rc != 0) {
		sb_free(&out);
		return NULL;
	}
	return sb_steal(&out);
}

static void test_escape(void)
{
	static const struct { const char *in, *want; } cases[] = {
		{ "plain", "plain" },
		{ "", "" },
		{ "&", "&amp;" },
		{ "<", "&lt;" },
		{ ">", "&gt;" },
		{ "\"", "&quot;" },
		{ "'", "&#39;" },
		{ "<a href='x' title=\"y\">&amp;</a>",
		  "&lt;a href=&#39;x&#39; title=&quot;y&quot;&gt;&amp;amp;&lt;/a&gt;" },
		{ "Eén Loket ✓", "Eén Loket ✓" },
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		strbuf sb = {0};
		tpl_escape_html(&sb, cases[i].in, strlen(cases[i].in));
		CHECK_STR(sb_str(&sb), cases[i].want, "escape_html %zu", i);
		sb_free(&sb);
		/* {{x}} must escape exactly the same way; {{{x}}} must not. */
		json_t *d = json_pack("{s:s}", "x", cases[i].in);
		strbuf o = {0};
		char *err = NULL;
		tpl_render_string("{{x}}|{{{x}}}|{{& x }}", d, NULL, &o, &err);
		char *want = xasprintf("%s|%s|%s", cases[i].want, cases[i].in, cases[i].in);
		CHECK_STR(sb_str(&o), want, "render escape %zu", i);
		free(want);
		free(err);
		sb_free(&o);
		json_decref(d);
	}
}

static void test_values(void)
{
	static const struct { const char *tpl, *data, *want; } cases[] = {
		{ "{{n}}", "{\"n\": -42}", "-42" },
		{ "{{n}}", "{\"n\": 9007199254740993}", "9007199254740993" },
		{ "{{n}}", "{\"n\": 0.1}", "0.1" },
		{ "{{n}}", "{\"n\": 1.21}", "1.21" },
		{ "{{n}}", "{\"n\": 2.5e-7}", "2.5e-07" },
		{ "{{n}}", "{\"n\": 3.0}", "3" },
		{ "{{n}}", "{\"n\": 0.30000000000000004}", "0.30000000000000004" },
		{ "{{n}}", "{\"n\": 371200.0}", "371200" },
		{ "{{n}}", "{\"n\": 1e300}", "1e+300" },
		{ "{{n}}", "{\"n\": -1234.5678}", "-1234.5678" },
		{ "{{t}}/{{f}}", "{\"t\": true, \"f\": false}", "true/false" },
		{ "[{{o}}][{{a}}]", "{\"o\": {\"k\": 1}, \"a\": [1]}", "[][]" },
		/* Truthiness: only false, null, missing and [] are falsy. */
		{ "{{#s}}yes{{/s}}{{^s}}no{{/s}}", "{\"s\": \"\"}", "yes" },
		{ "{{#s}}yes{{/s}}{{^s}}no{{/s}}", "{\"s\": 0}", "yes" },
		{ "{{#s}}yes{{/s}}{{^s}}no{{/s}}", "{\"s\": {}}", "yes" },
		{ "{{#s}}yes{{/s}}{{^s}}no{{/s}}", "{\"s\": []}", "no" },
		{ "{{#s}}yes{{/s}}{{^s}}no{{/s}}", "{\"s\": null}", "no" },
		{ "{{#s}}yes{{/s}}{{^s}}no{{/s}}", "{}", "no" },
		{ "{{x}}", NULL, "" },
		{ "{{#list}}{{name}}:{{title}};{{/list}}",
		  "{\"title\": \"T\", \"list\": [{\"name\": \"a\"}, {\"name\": \"b\", \"title\": \"U\"}]}",
		  "a:T;b:U;" },
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char *err = NULL;
		char *got = render_str(cases[i].tpl, cases[i].data, &err);
		CHECK_STR(got, cases[i].want, "value %zu: %s with %s", i, cases[i].tpl,
			  cases[i].data ? cases[i].data : "NULL");
		free(got);
		free(err);
	}
}

static void test_parse_errors(void)
{
	static const struct { const char *tpl, *want; } cases[] = {
		{ "a\nb {{x", "template '(string)' line 2: unclosed tag" },
		{ "{{{x}}", "line 1: unclosed tag" },
		{ "\n\n{{#a}}\nx", "line 3: section 'a' is never closed" },
		{ "{{#a}}\n{{#b}}\n{{/a}}", "line 3: end tag 'a' does not match section 'b' opened on line 2" },
		{ "x\n{{/a}}", "line 2: end tag 'a' without an open section" },
		{ "{{}}", "line 1: empty tag name" },
		{ "{{#}}{{/}}", "line 1: empty tag name" },
		{ "{{a b}}", "line 1: tag name 'a b' contains whitespace" },
		{ "{{=<%>=}}", "line 1: set-delimiter tag needs exactly two delimiters" },
		{ "{{=< % >=}}", "line 1: set-delimiter tag needs exactly two delimiters" },
		{ "{{=<% %>=}}\n<%x}}", "line 2: unclosed tag" },
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char *err = NULL;
		char *got = render_str(cases[i].tpl, "{}", &err);
		CHECK(got == NULL && err && strstr(err, cases[i].want),
		      "parse error %zu: want \"%s\", got \"%s\"", i, cases[i].want, err ? err : "(none)");
		free(got);
		free(err);
	}

	/* tpl_set_add names the template and keeps the old version on error. */
	tpl_set *set = tpl_set_new();
	char *err = NULL;
	CHECK_INT(tpl_set_add(set, "page", "ok", 2, &err), 0, "set_add valid");
	const char *bad = "line one\n{{#open}}";
	CHECK_INT(tpl_set_add(set, "page", bad, strlen(bad), &err), -1, "set_add invalid");
	CHECK(err && strstr(err, "template 'page' line 2"), "set_add error names template and line: %s",
	      err ? err : "(none)");
	free(err);
	err = NULL;
	strbuf out = {0};
	tpl_render(set, "page", NULL, &out, &err);
	CHECK_STR(sb_str(&out), "ok", "failed set_add keeps the previous template");
	sb_free(&out);
	free(err);
	tpl_set_free(set);
}

static void add(tpl_set *set, const char *name, const char *src)
{
	char *err = NULL;
	if (tpl_set_add(set, name, src, strlen(src), &err) != 0) {
		T_FAIL("tpl_set_add", "%s: %s", name, err);
		free(err);
	}
}

static tpl_set *demo_set(void)
{
	tpl_set *set = tpl_set_new();
	add(set, "layout",
	    "<html>\n"
	    "  {{> head }}\n"
	    "<body>\n"
	    "  {{#items}}\n"
	    "    {{>item}}\n"
	    "  {{/items}}\n"
	    "  {{^items}}<p>Geen items</p>{{/items}}\n"
	    "</body>\n");
	add(set, "head", "<title>{{title}}</title>\n<meta charset=\"utf-8\">\n");
	add(set, "item", "<li>\n  {{name}}\n</li>\n");
	return set;
}

static const char demo_data[] =
	"{\"title\": \"Eén & Loket\", \"items\": [{\"name\": \"<a>\"}, {\"name\": \"b'\"}]}";
static const char demo_want[] =
	"<html>\n"
	"  <title>Eén &amp; Loket</title>\n"
	"  <meta charset=\"utf-8\">\n"
	"<body>\n"
	"    <li>\n"
	"      &lt;a&gt;\n"
	"    </li>\n"
	"    <li>\n"
	"      b&#39;\n"
	"    </li>\n"
	"  \n"
	"</body>\n";

static void test_set(void)
{
	tpl_set *set = demo_set();
	json_t *data = json_loads(demo_data, 0, NULL);
	strbuf out = {0};
	char *err = NULL;
	CHECK(tpl_set_has(set, "layout") && tpl_set_has(set, "item") && !tpl_set_has(set, "nope"),
	      "tpl_set_has");
	CHECK_INT(tpl_render(set, "layout", data, &out, &err), 0, "render layout");
	CHECK_STR(sb_str(&out), demo_want, "layout with indented partials across the set");
	sb_free(&out);

	/* Rendering appends rather than overwrites. */
	sb_puts(&out, "prefix:");
	tpl_render(set, "head", data, &out, &err);
	CHECK_STR(sb_str(&out), "prefix:<title>Eén &amp; Loket</title>\n<meta charset=\"utf-8\">\n",
		  "render appends to out");
	sb_free(&out);

	/* Replacing a template takes effect for partial lookups too. */
	add(set, "item", "[{{name}}]");
	json_t *empty = json_pack("{s:s,s:[]}", "title", "x", "items");
	tpl_render(set, "layout", empty, &out, &err);
	CHECK(strstr(sb_str(&out), "  <p>Geen items</p>\n") != NULL, "inverted section on empty list");
	sb_free(&out);
	json_decref(empty);

	CHECK_INT(tpl_render(set, "missing", data, &out, &err), -1, "unknown template fails");
	CHECK(err && strstr(err, "'missing'"), "unknown template error names it: %s", err ? err : "(none)");
	free(err);
	err = NULL;

	/* Missing partial renders as nothing. */
	add(set, "holes", "a{{>nothere}}b");
	tpl_render(set, "holes", data, &out, &err);
	CHECK_STR(sb_str(&out), "ab", "missing partial renders empty");
	sb_free(&out);

	/* Many templates: the name table grows past its first size. */
	for (int i = 0; i < 300; i++) {
		char name[32], src[64];
		snprintf(name, sizeof name, "t%d", i);
		snprintf(src, sizeof src, "<%d>{{#x}}{{>t%d}}{{/x}}", i, i + 1);
		add(set, name, src);
	}
	json_t *x = json_pack("{s:b}", "x", 1);
	tpl_render(set, "t290", x, &out, &err);
	CHECK_STR(sb_str(&out), "<290><291><292><293><294><295><296><297><298><299>",
		  "partial chain across a large set");
	sb_free(&out);
	json_decref(x);

	json_decref(data);
	tpl_set_free(set);
}

static void test_recursion_guard(void)
{
	tpl_set *set = tpl_set_new();
	add(set, "self", "x{{>self}}");
	add(set, "ping", "{{>pong}}p");
	add(set, "pong", "{{>ping}}q");
	strbuf out = {0};
	char *err = NULL;
	CHECK_INT(tpl_render(set, "self", NULL, &out, &err), 0, "self-recursive partial renders");
	CHECK_INT(out.len, 65, "self recursion stops after 64 partial levels");
	sb_free(&out);
	CHECK_INT(tpl_render(set, "ping", NULL, &out, &err), 0, "mutual recursion renders");
	CHECK_INT(out.len, 65, "mutual recursion stops after 64 partial levels");
	sb_free(&out);

	/* Recursion driven by data is fine as long as the data ends. */
	add(set, "tree", "{{name}}({{#kids}}{{>tree}}{{/kids}})");
	/* Leaves need their own empty "kids": a missing one would resolve
	 * to the parent's list (context walking) and recurse until the guard. */
	json_t *d = json_loads("{\"name\":\"a\",\"kids\":[{\"name\":\"b\",\"kids\":"
			       "[{\"name\":\"c\",\"kids\":[]}]},{\"name\":\"d\",\"kids\":[]}]}",
			       0, NULL);
	tpl_render(set, "tree", d, &out, &err);
	CHECK_STR(sb_str(&out), "a(b(c())d())", "data-driven recursion");
	sb_free(&out);
	json_decref(d);

	/* A partial that includes itself twice doubles per level: 2^64 nodes
	 * unless the work is bounded (found by fuzz_tpl). */
	add(set, "twice", ",{{>twice}},{{>twice}}");
	err = NULL;
	CHECK_INT(tpl_render(set, "twice", NULL, &out, &err), -1, "an exponential render is cut off");
	CHECK(err && strstr(err, "too much work"), "with a message: %s", err ? err : "(none)");
	free(err);
	err = NULL;
	sb_free(&out);
	json_t *many = json_array();
	for (int i = 0; i < 2000; i++)
		json_array_append_new(many, json_integer(i));
	json_t *wide = json_pack("{s:o}", "rows", many);
	add(set, "wide", "{{#rows}}<tr><td>{{.}}</td><td>{{.}}</td></tr>{{/rows}}");
	CHECK_INT(tpl_render(set, "wide", wide, &out, &err), 0, "a page with 2000 table rows is well within the bound");
	sb_free(&out);
	json_decref(wide);

	/* Deep section nesting is refused at parse time, not at render time. */
	strbuf deep = {0};
	for (int i = 0; i < 150; i++)
		sb_puts(&deep, "{{#a}}");
	for (int i = 0; i < 150; i++)
		sb_puts(&deep, "{{/a}}");
	CHECK_INT(tpl_set_add(set, "deep", deep.buf, deep.len, &err), -1, "too deep nesting refused");
	CHECK(err && strstr(err, "nested deeper"), "nesting error message: %s", err ? err : "(none)");
	free(err);
	sb_free(&deep);
	tpl_set_free(set);
}

struct thread_arg {
	const tpl_set *set;
	const json_t *data;
	int mismatches;
};

static void *render_worker(void *p)
{
	struct thread_arg *a = p;
	for (int i = 0; i < 500; i++) {
		strbuf out = {0};
		char *err = NULL;
		if (tpl_render(a->set, "layout", a->data, &out, &err) != 0 ||
		    strcmp(sb_str(&out), demo_want) != 0)
			a->mismatches++;
		free(err);
		sb_free(&out);
	}
	return NULL;
}

static void test_threads(void)
{
	tpl_set *set = demo_set();
	json_t *data = json_loads(demo_data, 0, NULL);
	pthread_t th[4];
	struct thread_arg args[4];
	int started = 0;
	for (int i = 0; i < 4; i++) {
		args[i] = (struct thread_arg){ set, data, 0 };
		if (pthread_create(&th[i], NULL, render_worker, &args[i]) == 0)
			started++;
	}
	int mismatches = 0;
	for (int i = 0; i < started; i++) {
		pthread_join(th[i], NULL);
		mismatches += args[i].mismatches;
	}
	CHECK_INT(started, 4, "threads: 4 renderers started");
	CHECK_INT(mismatches, 0, "threads: concurrent renders all match");
	json_decref(data);
	tpl_set_free(set);
}

static void write_file(const char *dir, const char *name, const char *text)
{
	char *path = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
	free(path);
}

static void remove_tree(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *de;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		char *path = xasprintf("%s/%s", dir, de->d_name);
		struct stat st;
		if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
			remove_tree(path);
		else
			unlink(path);
		free(path);
	}
	closedir(d);
	rmdir(dir);
}

static void test_load_dir(void)
{
	char dir[] = "/tmp/loket-tpl-XXXXXX";
	if (!mkdtemp(dir)) {
		T_FAIL("load_dir: mkdtemp", "cannot create temp dir");
		return;
	}
	write_file(dir, "layout-begin.mustache", "<h1>{{title}}</h1>\n{{> part }}\n");
	write_file(dir, "part.mustache", "<p>{{body}}</p>\n");
	write_file(dir, "notes.txt", "{{#broken");
	write_file(dir, ".hidden.mustache", "{{#broken");
	write_file(dir, "mustache", "{{#broken");
	char *sub = xasprintf("%s/sub.mustache", dir);
	mkdir(sub, 0700);
	free(sub);

	tpl_set *set = tpl_set_new();
	char *err = NULL;
	CHECK_INT(tpl_set_load_dir(set, dir, &err), 2, "load_dir loads only *.mustache files");
	CHECK(tpl_set_has(set, "layout-begin") && tpl_set_has(set, "part") &&
	      !tpl_set_has(set, "layout-begin.mustache") && !tpl_set_has(set, "sub"),
	      "load_dir names templates without the extension");
	json_t *d = json_pack("{s:s,s:s}", "title", "T<", "body", "B'");
	strbuf out = {0};
	tpl_render(set, "layout-begin", d, &out, &err);
	CHECK_STR(sb_str(&out), "<h1>T&lt;</h1>\n<p>B&#39;</p>\n", "render a loaded template");
	sb_free(&out);
	json_decref(d);

	write_file(dir, "bad.mustache", "ok\nok\n{{/nope}}\n");
	CHECK_INT(tpl_set_load_dir(set, dir, &err), -1, "load_dir fails on a parse error");
	CHECK(err && strstr(err, "template 'bad' line 3"), "load_dir error names file and line: %s",
	      err ? err : "(none)");
	free(err);
	err = NULL;
	tpl_set_free(set);

	remove_tree(dir);
	set = tpl_set_new();
	CHECK_INT(tpl_set_load_dir(set, dir, &err), -1, "load_dir on a missing directory fails");
	CHECK(err && strstr(err, dir), "missing directory error names it");
	free(err);
	tpl_set_free(set);
}

int main(void)
{
	test_spec();
	test_escape();
	test_values();
	test_parse_errors();
	test_set();
	test_recursion_guard();
	test_threads();
	test_load_dir();
	T_EXIT();
}
