/* tpl.c - Mustache templates over Jansson values.
 *
 * A template is parsed once into a tree of nodes that lives in one arena per
 * template (so a template is freed in one call), and rendering only walks
 * that tree: no re-parsing per request.  Nothing here is written after
 * loading, which is what makes concurrent rendering from one tpl_set safe.
 *
 * Truthiness follows the spec's data model literally: false, null, a missing
 * name and an empty list are falsy; everything else, including "" and 0, is
 * truthy.  Handlers that want a section hidden leave the key out or set it to
 * false rather than relying on an empty string. */
#include "tpl.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Partials nested deeper than this render as nothing: a template that
 * includes itself unconditionally must not take the server down. */
enum { TPL_MAX_PARTIAL_DEPTH = 64 };
/* Sections nested deeper than this are a parse error; rendering recurses on
 * the C stack per section, and worker threads have modest stacks. */
enum { TPL_MAX_NESTING = 100 };
enum { TPL_MAX_DELIM = 16 };
/* A bound on the work of one render: a partial that includes itself twice
 * doubles at every level, so depth alone does not stop it (found by
 * tests/fuzz/fuzz_tpl.c).  The largest page renders well under a tenth. */
enum { TPL_MAX_STEPS = 2000000 };
#define TPL_MAX_OUTPUT ((size_t)32 * 1024 * 1024)

enum node_kind {
	N_TEXT,     /* literal bytes */
	N_INDENT,   /* a line of the source starts here: emit the partial indent */
	N_VAR,      /* {{name}}, HTML-escaped */
	N_RAW,      /* {{{name}}} / {{&name}} */
	N_SECTION,  /* {{#name}} ... {{/name}} */
	N_INVERTED, /* {{^name}} ... {{/name}} */
	N_PARTIAL,  /* {{>name}} */
};

struct node {
	enum node_kind kind;
	/* N_TEXT: a '\n' occurs before the last byte, so an indented partial
	 * must insert its indent inside this text; N_PARTIAL: standalone tag. */
	bool flag;
	const char *s;      /* text bytes, or the partial's name */
	size_t len;
	const char *const *parts; /* dotted name split on '.'; 0 parts is "." */
	size_t nparts;
	const struct node *kids;  /* section body */
	size_t nkids;
	const char *indent; /* standalone partial: whitespace before the tag */
	size_t indent_len;
};

struct tpl {
	struct tpl *next; /* hash chain */
	uint32_t hash;
	const char *name;
	arena *mem;       /* owns name, source copy and all nodes */
	const struct node *nodes;
	size_t nnodes;
};

struct tpl_set {
	struct tpl **buckets;
	size_t nbuckets;
	size_t count;
};

static uint32_t hash_name(const char *s)
{
	uint32_t h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static void tpl_free(struct tpl *t)
{
	if (t)
		arena_free(t->mem);
}

/* ------------------------------------------------------------------------ */
/* Parsing                                                                  */

struct nodevec {
	struct node *v;
	size_t n, cap;
};

struct frame {
	struct nodevec nodes;
	size_t sect_idx;   /* index of the section node in the parent frame */
	const char *name;  /* section name as written, for the end-tag check */
	size_t name_len;
	size_t open_pos;   /* for "unclosed section" messages */
};

struct parser {
	const char *tname;
	const char *src;   /* arena copy; nodes point into it */
	size_t len;
	arena *mem;
	char otag[TPL_MAX_DELIM + 1], ctag[TPL_MAX_DELIM + 1];
	size_t olen, clen;
	struct frame frames[TPL_MAX_NESTING + 1];
	size_t depth;      /* frames[0] is the template's top level */
	char *err;
};

static int line_of(const struct parser *p, size_t pos)
{
	int line = 1;
	for (size_t i = 0; i < pos && i < p->len; i++)
		if (p->src[i] == '\n')
			line++;
	return line;
}

static int parse_error(struct parser *p, size_t pos, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int parse_error(struct parser *p, size_t pos, const char *fmt, ...)
{
	strbuf sb = {0};
	sb_printf(&sb, "template '%s' line %d: ", p->tname, line_of(p, pos));
	va_list ap;
	va_start(ap, fmt);
	sb_vprintf(&sb, fmt, ap);
	va_end(ap);
	p->err = sb_steal(&sb);
	return -1;
}

static struct node *push_node(struct parser *p, enum node_kind kind)
{
	struct nodevec *nv = &p->frames[p->depth].nodes;
	if (nv->n == nv->cap) {
		nv->cap = nv->cap ? nv->cap * 2 : 16;
		nv->v = xrealloc(nv->v, nv->cap * sizeof(*nv->v));
	}
	struct node *n = &nv->v[nv->n++];
	memset(n, 0, sizeof(*n));
	n->kind = kind;
	return n;
}

/* A position where a line of the source begins (an indented partial gets its
 * indent there).  The very end does not count: "a\n" is one line. */
static bool line_start(const struct parser *p, size_t pos)
{
	return pos < p->len && (pos == 0 || p->src[pos - 1] == '\n');
}

static void emit_text(struct parser *p, size_t a, size_t b)
{
	if (a >= b)
		return;
	if (line_start(p, a))
		push_node(p, N_INDENT);
	struct node *n = push_node(p, N_TEXT);
	n->s = p->src + a;
	n->len = b - a;
	n->flag = memchr(n->s, '\n', n->len - 1) != NULL;
}

static bool is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Trims [*a, *b) and checks it is one non-empty word. */
static int check_name(struct parser *p, size_t tag_pos, size_t *a, size_t *b)
{
	while (*a < *b && is_ws(p->src[*a]))
		(*a)++;
	while (*b > *a && is_ws(p->src[*b - 1]))
		(*b)--;
	if (*a == *b)
		return parse_error(p, tag_pos, "empty tag name");
	for (size_t i = *a; i < *b; i++)
		if (is_ws(p->src[i]))
			return parse_error(p, tag_pos, "tag name '%.*s' contains whitespace",
					   (int)(*b - *a), p->src + *a);
	return 0;
}

static void set_name(struct parser *p, struct node *n, size_t a, size_t b)
{
	const char *s = p->src + a;
	size_t len = b - a;
	if (len == 1 && s[0] == '.') {
		n->nparts = 0;
		return;
	}
	size_t count = 1;
	for (size_t i = 0; i < len; i++)
		if (s[i] == '.')
			count++;
	const char **parts = arena_alloc(p->mem, count * sizeof(*parts));
	size_t k = 0, start = 0;
	for (size_t i = 0; i <= len; i++) {
		if (i == len || s[i] == '.') {
			parts[k++] = arena_strndup(p->mem, s + start, i - start);
			start = i + 1;
		}
	}
	n->parts = parts;
	n->nparts = count;
}

static int set_delimiters(struct parser *p, size_t tag_pos, size_t a, size_t b)
{
	const char *s = p->src;
	size_t o0, o1, c0, c1;
	while (a < b && is_ws(s[a]))
		a++;
	o0 = a;
	while (a < b && !is_ws(s[a]))
		a++;
	o1 = a;
	while (a < b && is_ws(s[a]))
		a++;
	c0 = a;
	while (a < b && !is_ws(s[a]))
		a++;
	c1 = a;
	while (a < b && is_ws(s[a]))
		a++;
	if (o0 == o1 || c0 == c1 || a != b)
		return parse_error(p, tag_pos, "set-delimiter tag needs exactly two delimiters");
	if (o1 - o0 > TPL_MAX_DELIM || c1 - c0 > TPL_MAX_DELIM)
		return parse_error(p, tag_pos, "delimiter longer than %d bytes", TPL_MAX_DELIM);
	if (memchr(s + o0, '=', o1 - o0) || memchr(s + c0, '=', c1 - c0))
		return parse_error(p, tag_pos, "delimiters may not contain '='");
	memcpy(p->otag, s + o0, o1 - o0);
	p->olen = o1 - o0;
	p->otag[p->olen] = '\0';
	memcpy(p->ctag, s + c0, c1 - c0);
	p->clen = c1 - c0;
	p->ctag[p->clen] = '\0';
	return 0;
}

static const struct node *freeze(struct parser *p, const struct nodevec *nv)
{
	if (nv->n == 0)
		return NULL;
	struct node *arr = arena_alloc(p->mem, nv->n * sizeof(*arr));
	memcpy(arr, nv->v, nv->n * sizeof(*arr));
	return arr;
}

static int parse_tag(struct parser *p, size_t tag_start, char sigil,
		     size_t ca, size_t cb, bool standalone, size_t line_begin)
{
	struct node *n;
	switch (sigil) {
	case '!':
		return 0;
	case '=':
		return set_delimiters(p, tag_start, ca, cb);
	case '#':
	case '^':
		if (check_name(p, tag_start, &ca, &cb) < 0)
			return -1;
		if (p->depth == TPL_MAX_NESTING)
			return parse_error(p, tag_start, "sections nested deeper than %d",
					   TPL_MAX_NESTING);
		n = push_node(p, sigil == '#' ? N_SECTION : N_INVERTED);
		set_name(p, n, ca, cb);
		struct frame *f = &p->frames[++p->depth];
		memset(f, 0, sizeof(*f));
		f->sect_idx = p->frames[p->depth - 1].nodes.n - 1;
		f->name = p->src + ca;
		f->name_len = cb - ca;
		f->open_pos = tag_start;
		return 0;
	case '/': {
		if (check_name(p, tag_start, &ca, &cb) < 0)
			return -1;
		if (p->depth == 0)
			return parse_error(p, tag_start, "end tag '%.*s' without an open section",
					   (int)(cb - ca), p->src + ca);
		struct frame *cur = &p->frames[p->depth];
		if (cur->name_len != cb - ca || memcmp(cur->name, p->src + ca, cb - ca) != 0)
			return parse_error(p, tag_start,
					   "end tag '%.*s' does not match section '%.*s' opened on line %d",
					   (int)(cb - ca), p->src + ca, (int)cur->name_len, cur->name,
					   line_of(p, cur->open_pos));
		struct node *sect = &p->frames[p->depth - 1].nodes.v[cur->sect_idx];
		sect->kids = freeze(p, &cur->nodes);
		sect->nkids = cur->nodes.n;
		free(cur->nodes.v);
		memset(cur, 0, sizeof(*cur));
		p->depth--;
		return 0;
	}
	case '>':
		if (check_name(p, tag_start, &ca, &cb) < 0)
			return -1;
		n = push_node(p, N_PARTIAL);
		n->s = arena_strndup(p->mem, p->src + ca, cb - ca);
		n->len = cb - ca;
		n->flag = standalone;
		if (standalone) {
			n->indent = p->src + line_begin;
			n->indent_len = tag_start - line_begin;
		}
		return 0;
	default:
		if (check_name(p, tag_start, &ca, &cb) < 0)
			return -1;
		n = push_node(p, sigil == '&' || sigil == '{' ? N_RAW : N_VAR);
		set_name(p, n, ca, cb);
		return 0;
	}
}

static int parse_body(struct parser *p)
{
	size_t pos = 0;
	const char *s = p->src;
	while (pos < p->len) {
		const char *hit = memmem(s + pos, p->len - pos, p->otag, p->olen);
		if (!hit)
			break;
		size_t tag_start = (size_t)(hit - s);
		size_t q = tag_start + p->olen;
		while (q < p->len && is_ws(s[q]))
			q++;
		char sigil = 0;
		if (q < p->len && strchr("#^/>!=&{", s[q]) && s[q] != '\0')
			sigil = s[q++];

		/* {{{x}}} and {{=a b=}} close with their own character before the
		 * closing delimiter, so a '}' or '=' inside does not end them. */
		char closer[TPL_MAX_DELIM + 2];
		size_t closer_len = 0;
		if (sigil == '{' || sigil == '=')
			closer[closer_len++] = sigil == '{' ? '}' : '=';
		memcpy(closer + closer_len, p->ctag, p->clen);
		closer_len += p->clen;
		const char *end = memmem(s + q, p->len - q, closer, closer_len);
		if (!end)
			return parse_error(p, tag_start, "unclosed tag (no '%.*s')",
					   (int)closer_len, closer);
		size_t ca = q, cb = (size_t)(end - s);
		size_t tag_end = cb + closer_len;

		/* Standalone: only whitespace around a non-output tag on its line,
		 * in which case the whole line disappears from the output. */
		bool standalone = false;
		size_t line_begin = tag_start, next = tag_end;
		if (sigil && strchr("#^/>!=", sigil)) {
			while (line_begin > 0 && (s[line_begin - 1] == ' ' || s[line_begin - 1] == '\t'))
				line_begin--;
			size_t e = tag_end;
			while (e < p->len && (s[e] == ' ' || s[e] == '\t'))
				e++;
			bool at_eol = true;
			if (e == p->len)
				;
			else if (s[e] == '\n')
				e++;
			else if (s[e] == '\r' && e + 1 < p->len && s[e + 1] == '\n')
				e += 2;
			else
				at_eol = false;
			if (at_eol && (line_begin == 0 || s[line_begin - 1] == '\n')) {
				standalone = true;
				next = e;
			}
		}
		if (standalone) {
			emit_text(p, pos, line_begin);
		} else {
			emit_text(p, pos, tag_start);
			if (line_start(p, tag_start))
				push_node(p, N_INDENT);
		}
		if (parse_tag(p, tag_start, sigil, ca, cb, standalone, line_begin) < 0)
			return -1;
		pos = next;
	}
	emit_text(p, pos, p->len);
	if (p->depth > 0) {
		struct frame *f = &p->frames[p->depth];
		return parse_error(p, f->open_pos, "section '%.*s' is never closed",
				   (int)f->name_len, f->name);
	}
	return 0;
}

/* Parses src into a new template named name.  Returns NULL with *err set
 * (caller frees) on a parse error. */
static struct tpl *tpl_parse(const char *name, const char *src, size_t len, char **err)
{
	struct parser *p = xcalloc(1, sizeof(*p));
	arena *mem = arena_new();
	p->tname = name;
	p->mem = mem;
	p->src = arena_strndup(mem, src, len);
	p->len = len;
	strcpy(p->otag, "{{");
	strcpy(p->ctag, "}}");
	p->olen = p->clen = 2;

	struct tpl *t = NULL;
	if (parse_body(p) == 0) {
		t = arena_alloc(mem, sizeof(*t));
		t->mem = mem;
		t->name = arena_strdup(mem, name);
		t->hash = hash_name(name);
		t->nodes = freeze(p, &p->frames[0].nodes);
		t->nnodes = p->frames[0].nodes.n;
	} else {
		*err = p->err;
		arena_free(mem);
	}
	for (size_t i = 0; i <= p->depth; i++)
		free(p->frames[i].nodes.v);
	free(p);
	return t;
}

/* ------------------------------------------------------------------------ */
/* The set                                                                  */

tpl_set *tpl_set_new(void)
{
	tpl_set *set = xcalloc(1, sizeof(*set));
	set->nbuckets = 64;
	set->buckets = xcalloc(set->nbuckets, sizeof(*set->buckets));
	return set;
}

void tpl_set_free(tpl_set *set)
{
	if (!set)
		return;
	for (size_t i = 0; i < set->nbuckets; i++) {
		struct tpl *t = set->buckets[i];
		while (t) {
			struct tpl *next = t->next;
			tpl_free(t);
			t = next;
		}
	}
	free(set->buckets);
	free(set);
}

static const struct tpl *set_find(const tpl_set *set, const char *name)
{
	uint32_t h = hash_name(name);
	for (const struct tpl *t = set->buckets[h & (set->nbuckets - 1)]; t; t = t->next)
		if (t->hash == h && strcmp(t->name, name) == 0)
			return t;
	return NULL;
}

static void set_grow(tpl_set *set)
{
	size_t nb = set->nbuckets * 2;
	struct tpl **b = xcalloc(nb, sizeof(*b));
	for (size_t i = 0; i < set->nbuckets; i++) {
		struct tpl *t = set->buckets[i];
		while (t) {
			struct tpl *next = t->next;
			t->next = b[t->hash & (nb - 1)];
			b[t->hash & (nb - 1)] = t;
			t = next;
		}
	}
	free(set->buckets);
	set->buckets = b;
	set->nbuckets = nb;
}

static void set_put(tpl_set *set, struct tpl *t)
{
	struct tpl **pp = &set->buckets[t->hash & (set->nbuckets - 1)];
	for (; *pp; pp = &(*pp)->next) {
		if ((*pp)->hash == t->hash && strcmp((*pp)->name, t->name) == 0) {
			struct tpl *old = *pp;
			t->next = old->next;
			*pp = t;
			tpl_free(old);
			return;
		}
	}
	t->next = NULL;
	*pp = t;
	if (++set->count > set->nbuckets)
		set_grow(set);
}

int tpl_set_add(tpl_set *set, const char *name, const char *src, size_t len, char **err)
{
	struct tpl *t = tpl_parse(name, src, len, err);
	if (!t)
		return -1;
	set_put(set, t);
	return 0;
}

bool tpl_set_has(const tpl_set *set, const char *name)
{
	return set_find(set, name) != NULL;
}

static int read_file(const char *path, strbuf *sb, char **err)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		*err = xasprintf("cannot open template '%s': %s", path, strerror(errno));
		return -1;
	}
	char buf[8192];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		sb_append(sb, buf, n);
	int rc = 0;
	if (ferror(f)) {
		*err = xasprintf("cannot read template '%s'", path);
		rc = -1;
	}
	fclose(f);
	return rc;
}

int tpl_set_load_dir(tpl_set *set, const char *dir, char **err)
{
	static const char ext[] = ".mustache";
	const size_t ext_len = sizeof ext - 1;
	DIR *d = opendir(dir);
	if (!d) {
		*err = xasprintf("cannot open template directory '%s': %s", dir, strerror(errno));
		return -1;
	}
	int count = 0;
	struct dirent *de;
	while ((de = readdir(d)) != NULL) {
		size_t nl = strlen(de->d_name);
		/* Dot files are editor and VCS droppings, not templates. */
		if (de->d_name[0] == '.' || nl <= ext_len ||
		    strcmp(de->d_name + nl - ext_len, ext) != 0)
			continue;
		char *path = xasprintf("%s/%s", dir, de->d_name);
		struct stat st;
		if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
			free(path);
			continue;
		}
		strbuf src = {0};
		char *name = xstrndup(de->d_name, nl - ext_len);
		int rc = read_file(path, &src, err);
		if (rc == 0)
			rc = tpl_set_add(set, name, sb_str(&src), src.len, err);
		free(name);
		free(path);
		sb_free(&src);
		if (rc < 0) {
			closedir(d);
			return -1;
		}
		count++;
	}
	closedir(d);
	return count;
}

/* ------------------------------------------------------------------------ */
/* Rendering                                                                */

/* The context stack lives on the C stack, one link per open section, so
 * rendering allocates nothing beyond the output itself. */
struct ctx {
	const json_t *v;
	const struct ctx *up;
};

struct render {
	const tpl_set *set;
	strbuf *out;
	strbuf indent;     /* concatenated indents of the open standalone partials */
	size_t ind_off, ind_len; /* the active indent: a slice of indent */
	int depth;         /* open partials */
	size_t steps;      /* nodes rendered so far */
	bool exhausted;    /* TPL_MAX_STEPS or TPL_MAX_OUTPUT reached: stop */
};

void tpl_escape_html(strbuf *out, const char *s, size_t n)
{
	size_t start = 0;
	for (size_t i = 0; i < n; i++) {
		const char *rep;
		size_t rlen;
		switch (s[i]) {
		case '&': rep = "&amp;"; rlen = 5; break;
		case '<': rep = "&lt;"; rlen = 4; break;
		case '>': rep = "&gt;"; rlen = 4; break;
		case '"': rep = "&quot;"; rlen = 6; break;
		case '\'': rep = "&#39;"; rlen = 5; break;
		default: continue;
		}
		sb_append(out, s + start, i - start);
		sb_append(out, rep, rlen);
		start = i + 1;
	}
	sb_append(out, s + start, n - start);
}

static const json_t *lookup(const struct ctx *cx, const struct node *n)
{
	if (n->nparts == 0)
		return cx->v;
	const json_t *v = NULL;
	for (const struct ctx *c = cx; c; c = c->up) {
		if (json_is_object(c->v) && (v = json_object_get(c->v, n->parts[0])) != NULL)
			break;
	}
	/* Later parts resolve only inside the first hit: {{a.b}} never falls
	 * back to an outer "b". */
	for (size_t i = 1; v && i < n->nparts; i++)
		v = json_is_object(v) ? json_object_get(v, n->parts[i]) : NULL;
	return v;
}

static bool truthy(const json_t *v)
{
	if (!v || json_is_null(v) || json_is_false(v))
		return false;
	if (json_is_array(v))
		return json_array_size(v) > 0;
	return true;
}

/* Fewest digits that read back as the same double, so 1.21 prints as
 * "1.21" rather than "1.2099999999999999645".  Trying 15 digits first finds
 * the same digits as trying 1, 2, ...: every decimal of at most DBL_DIG (15)
 * digits survives a trip through double, so when a shorter form exists
 * "%.15g" prints exactly it (%g drops trailing zeros).  It is also 5x
 * cheaper, and keeps amounts below 1e15 out of exponent notation: 371200.0
 * prints as "371200", where "%.4g" would give "3.712e+05". */
static void put_real(strbuf *out, double d)
{
	char buf[40];
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(buf, sizeof buf, "%.*g", prec, d);
		if (strtod(buf, NULL) == d)
			break;
	}
	sb_puts(out, buf);
}

static void put_value(strbuf *out, const json_t *v, bool escape)
{
	char buf[32];
	switch (json_typeof(v)) {
	case JSON_STRING:
		if (escape)
			tpl_escape_html(out, json_string_value(v), json_string_length(v));
		else
			sb_append(out, json_string_value(v), json_string_length(v));
		break;
	case JSON_INTEGER:
		snprintf(buf, sizeof buf, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		sb_puts(out, buf);
		break;
	case JSON_REAL:
		put_real(out, json_real_value(v));
		break;
	case JSON_TRUE:
		sb_puts(out, "true");
		break;
	case JSON_FALSE:
		sb_puts(out, "false");
		break;
	default:
		/* null renders as nothing; objects and arrays have no text form
		 * worth showing a user. */
		break;
	}
}

static void put_indented_text(struct render *r, const char *s, size_t len)
{
	const char *ind = r->indent.buf + r->ind_off;
	size_t start = 0;
	for (size_t i = 0; i + 1 < len; i++) {
		if (s[i] == '\n') {
			sb_append(r->out, s + start, i + 1 - start);
			sb_append(r->out, ind, r->ind_len);
			start = i + 1;
		}
	}
	sb_append(r->out, s + start, len - start);
}

static void render_nodes(struct render *r, const struct node *nodes, size_t count,
			 const struct ctx *cx);

static void render_partial(struct render *r, const struct node *n, const struct ctx *cx)
{
	if (r->depth >= TPL_MAX_PARTIAL_DEPTH)
		return;
	const struct tpl *t = set_find(r->set, n->s);
	if (!t)
		return;
	size_t old_off = r->ind_off, old_len = r->ind_len, old_size = r->indent.len;
	if (n->flag) {
		/* Standalone: every line of the partial gets the enclosing indent
		 * plus the whitespace before this tag.  Offsets, not pointers:
		 * the buffer may move as it grows. */
		strbuf *ib = &r->indent;
		size_t need = ib->len + old_len + n->indent_len + 1;
		if (need > ib->cap) {
			ib->cap = need * 2;
			ib->buf = xrealloc(ib->buf, ib->cap);
		}
		/* Grown by hand: the outer indent is copied from this same
		 * buffer, which sb_append could move mid-copy. */
		if (old_len)
			memcpy(ib->buf + ib->len, ib->buf + old_off, old_len);
		memcpy(ib->buf + ib->len + old_len, n->indent, n->indent_len);
		r->ind_off = ib->len;
		r->ind_len = old_len + n->indent_len;
		ib->len += r->ind_len;
		ib->buf[ib->len] = '\0';
	} else {
		r->ind_len = 0;
	}
	r->depth++;
	render_nodes(r, t->nodes, t->nnodes, cx);
	r->depth--;
	r->ind_off = old_off;
	r->ind_len = old_len;
	r->indent.len = old_size;
	if (r->indent.buf)
		r->indent.buf[old_size] = '\0';
}

static void render_nodes(struct render *r, const struct node *nodes, size_t count,
			 const struct ctx *cx)
{
	for (size_t i = 0; i < count; i++) {
		if (r->exhausted || ++r->steps > TPL_MAX_STEPS || r->out->len > TPL_MAX_OUTPUT) {
			r->exhausted = true;
			return;
		}
		const struct node *n = &nodes[i];
		const json_t *v;
		switch (n->kind) {
		case N_TEXT:
			if (n->flag && r->ind_len)
				put_indented_text(r, n->s, n->len);
			else
				sb_append(r->out, n->s, n->len);
			break;
		case N_INDENT:
			if (r->ind_len)
				sb_append(r->out, r->indent.buf + r->ind_off, r->ind_len);
			break;
		case N_VAR:
		case N_RAW:
			v = lookup(cx, n);
			if (v)
				put_value(r->out, v, n->kind == N_VAR);
			break;
		case N_SECTION:
			v = lookup(cx, n);
			if (!truthy(v))
				break;
			if (json_is_array(v)) {
				size_t k;
				json_t *item;
				json_array_foreach(v, k, item) {
					struct ctx c = { item, cx };
					render_nodes(r, n->kids, n->nkids, &c);
				}
			} else {
				struct ctx c = { v, cx };
				render_nodes(r, n->kids, n->nkids, &c);
			}
			break;
		case N_INVERTED:
			if (!truthy(lookup(cx, n)))
				render_nodes(r, n->kids, n->nkids, cx);
			break;
		case N_PARTIAL:
			render_partial(r, n, cx);
			break;
		}
	}
}

/* Returns 0, or -1 with *err set when the render was cut off at its bound
 * (out then holds a partial result the caller must not send). */
static int render_tpl(const tpl_set *set, const struct tpl *t, const json_t *data, strbuf *out, char **err)
{
	struct render r = { .set = set, .out = out };
	struct ctx root = { data, NULL };
	render_nodes(&r, t->nodes, t->nnodes, &root);
	sb_free(&r.indent);
	/* A template that renders nothing must still leave out a valid
	 * NUL-terminated string. */
	sb_append(out, "", 0);
	if (r.exhausted) {
		*err = xasprintf("rendering stopped after %zu nodes and %zu bytes: too much work for one page",
		                 r.steps, out->len);
		return -1;
	}
	return 0;
}

int tpl_render(const tpl_set *set, const char *name, const json_t *data, strbuf *out, char **err)
{
	const struct tpl *t = set_find(set, name);
	if (!t) {
		*err = xasprintf("unknown template '%s'", name);
		return -1;
	}
	return render_tpl(set, t, data, out, err);
}

int tpl_render_string(const char *src, const json_t *data, const json_t *partials, strbuf *out, char **err)
{
	int rc = -1;
	tpl_set *set = tpl_set_new();
	struct tpl *t = tpl_parse("(string)", src, strlen(src), err);
	if (!t)
		goto out;
	if (partials) {
		const char *pname;
		json_t *psrc;
		json_object_foreach((json_t *)partials, pname, psrc) {
			if (!json_is_string(psrc)) {
				*err = xasprintf("partial '%s' is not a string", pname);
				goto out;
			}
			if (tpl_set_add(set, pname, json_string_value(psrc),
					json_string_length(psrc), err) < 0)
				goto out;
		}
	}
	rc = render_tpl(set, t, data, out, err);
out:
	tpl_free(t);
	tpl_set_free(set);
	return rc;
}
