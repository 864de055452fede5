/* form.c - urlencoded decoding and table-driven validation. */
#include "form.h"

#include <sodium.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes one name or value; returns NULL on a bad percent-escape. */
static char *decode(arena *a, const char *s, size_t n, size_t *out_len)
{
	char *out = arena_alloc(a, n + 1);
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '+') {
			out[o++] = ' ';
		} else if (s[i] == '%') {
			if (i + 2 >= n)
				return NULL;
			int hi = hexval(s[i + 1]), lo = hexval(s[i + 2]);
			if (hi < 0 || lo < 0)
				return NULL;
			out[o++] = (char)(hi * 16 + lo);
			i += 2;
		} else {
			out[o++] = s[i];
		}
	}
	out[o] = '\0';
	*out_len = o;
	return out;
}

/* FNV-1a over a name, seeded per process so that nobody can choose names
 * that all land in one bucket. */
static uint64_t name_hash(const char *s, uint64_t seed)
{
	uint64_t h = 1469598103934665603ull ^ seed;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		h ^= *p;
		h *= 1099511628211ull;
	}
	return h;
}

static uint64_t hash_seed; /* set once by make_seed; read-only after */

static void make_seed(void)
{
	if (sodium_init() < 0)
		abort(); /* no randomness: nothing of the server would be safe */
	randombytes_buf(&hash_seed, sizeof hash_seed);
}

static uint64_t process_seed(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, make_seed);
	return hash_seed;
}

enum form_status form_parse(arena *a, const char *text, size_t len, struct form **out,
                            const char **bad_name)
{
	struct form *f = arena_alloc(a, sizeof *f);
	size_t count = 1;
	for (size_t i = 0; i < len; i++)
		if (text[i] == '&')
			count++;
	*out = f;
	*bad_name = NULL;
	/* Every '&' may start a field; beyond the limit the form is refused
	 * before anything is decoded. */
	if (count > FORM_MAX_FIELDS)
		return FORM_TOO_MANY;
	f->pairs = arena_alloc(a, count * sizeof *f->pairs);
	/* Duplicates are found through an open-addressing table of indexes
	 * into pairs (0 = empty, i + 1 = pairs[i]): linear in the input. */
	size_t cap = 16;
	while (cap < 2 * count)
		cap *= 2;
	uint32_t *slots = arena_alloc(a, cap * sizeof *slots);
	memset(slots, 0, cap * sizeof *slots);
	uint64_t seed = process_seed();

	size_t start = 0;
	while (start <= len) {
		const char *amp = memchr(text + start, '&', len - start);
		size_t end = amp ? (size_t)(amp - text) : len;
		if (end > start) {
			const char *eq = memchr(text + start, '=', end - start);
			size_t name_end = eq ? (size_t)(eq - text) : end;
			size_t nlen, vlen;
			char *name = decode(a, text + start, name_end - start, &nlen);
			char *value = eq ? decode(a, eq + 1, end - name_end - 1, &vlen)
			                 : arena_strdup(a, "");
			if (!eq)
				vlen = 0;
			if (!name || !value || nlen == 0 || !utf8_valid(name, nlen))
				return FORM_MALFORMED;
			size_t slot = (size_t)name_hash(name, seed) & (cap - 1);
			while (slots[slot]) {
				const char *other = f->pairs[slots[slot] - 1].name;
				if (strcmp(other, name) == 0) {
					*bad_name = other;
					return FORM_DUPLICATE;
				}
				slot = (slot + 1) & (cap - 1);
			}
			slots[slot] = (uint32_t)(f->n + 1);
			struct form_pair *p = &f->pairs[f->n++];
			p->name = name;
			if (utf8_valid(value, vlen)) {
				p->value = value;
			} else {
				p->value = "";
				p->bad_utf8 = true;
			}
		}
		if (!amp)
			break;
		start = end + 1;
	}
	return FORM_OK;
}

static const struct form_pair *find_pair(const struct form *f, const char *name)
{
	if (!f)
		return NULL;
	for (size_t i = 0; i < f->n; i++)
		if (strcmp(f->pairs[i].name, name) == 0)
			return &f->pairs[i];
	return NULL;
}

const char *form_get(const struct form *f, const char *name)
{
	const struct form_pair *p = find_pair(f, name);
	return p ? p->value : NULL;
}

/* Trims ASCII whitespace at both ends, except for passwords, whose spaces
 * are significant. */
static const char *trim(arena *a, const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
		n--;
	return arena_strndup(a, s, n);
}

static bool has_control(const char *s, bool allow_newlines)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (allow_newlines && (*p == '\n' || *p == '\r' || *p == '\t'))
			continue;
		if (*p < 0x20 || *p == 0x7f)
			return true;
	}
	return false;
}

/* Length in bytes of the Unicode bidirectional control at p, or 0: the
 * embeddings and overrides U+202A..U+202E, the isolates U+2066..U+2069,
 * the marks U+200E, U+200F and the Arabic letter mark U+061C.  They change
 * the order in which a line is shown without showing themselves ("Trojan
 * Source"): a name or journal line could read differently from what is
 * stored. */
static size_t bidi_control_at(const unsigned char *p)
{
	if (p[0] == 0xd8 && p[1] == 0x9c)
		return 2;
	if (p[0] != 0xe2 || (p[1] != 0x80 && p[1] != 0x81) || !p[2])
		return 0;
	unsigned c = 0x2000u + ((p[1] & 0x3fu) << 6) + (p[2] & 0x3fu);
	bool bidi = c == 0x200e || c == 0x200f || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
	return bidi ? 3 : 0;
}

/* s without its bidirectional controls, from a; NULL when it has none. */
static const char *strip_bidi(arena *a, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = 0;
	while (*p && !(n = bidi_control_at(p)))
		p++;
	if (!*p)
		return NULL;
	char *out = arena_alloc(a, strlen(s) + 1);
	size_t o = 0;
	for (p = (const unsigned char *)s; *p;) {
		n = bidi_control_at(p);
		if (n) {
			p += n;
			continue;
		}
		out[o++] = (char)*p++;
	}
	out[o] = '\0';
	return out;
}

static bool username_ok(const char *s)
{
	for (const char *p = s; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '.' ||
		      *p == '_' || *p == '-'))
			return false;
	return true;
}

static bool email_ok(const char *s)
{
	const char *at = strchr(s, '@');
	if (!at || at == s || strchr(at + 1, '@') || !strchr(at + 1, '.'))
		return false;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p <= ' ' || *p == 0x7f || *p == '<' || *p == '>' || *p == ',' || *p == ';')
			return false;
	return at[1] != '.' && s[strlen(s) - 1] != '.';
}

static int choice_index(const char *const *choices, const char *v)
{
	for (int i = 0; choices && choices[i]; i++)
		if (strcmp(choices[i], v) == 0)
			return i;
	return -1;
}

static bool leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

bool date_valid_iso(const char *s)
{
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1)
		return false;
	return d <= days[m - 1] + (m == 2 && leap(y));
}

void date_today(char out[11])
{
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

/* "22-11-2026" (how Dutch people write dates) becomes "2026-11-22". */
static const char *date_to_iso(arena *a, const char *s)
{
	if (strlen(s) == 10 && s[2] == '-' && s[5] == '-')
		return arena_printf(a, "%.4s-%.2s-%.2s", s + 6, s + 3, s);
	return s;
}

/* Checks one text value against its rule; sets v->error. */
static void check_text(arena *a, const struct field_rule *rule, const char *raw, bool bad_utf8,
                       struct field_value *v)
{
	v->text = rule->kind == FIELD_PASSWORD ? arena_strdup(a, raw) : trim(a, raw);
	size_t chars = utf8_len(v->text, strlen(v->text));
	if (bad_utf8) {
		v->text = "";
		v->error = "Dit veld bevat tekens die niet kunnen worden gelezen. Typ de tekst opnieuw.";
		return;
	}
	if (rule->kind != FIELD_PASSWORD) {
		/* Kept without the controls, so the form shows the text in the
		 * order it would be stored. */
		const char *clean = strip_bidi(a, v->text);
		if (clean) {
			v->text = clean;
			v->error = "Dit veld bevat onzichtbare tekens die de leesrichting omdraaien; typ de tekst opnieuw.";
			return;
		}
	}
	if (chars == 0) {
		if (rule->required)
			v->error = "Dit veld is verplicht.";
		return;
	}
	if (rule->min_len && chars < rule->min_len) {
		v->error = arena_printf(a, "Vul minstens %u %s in.", rule->min_len, rule->min_len == 1 ? "teken" : "tekens");
		return;
	}
	if (rule->max_len && chars > rule->max_len) {
		v->error = arena_printf(a, "Vul hoogstens %u %s in.", rule->max_len, rule->max_len == 1 ? "teken" : "tekens");
		return;
	}
	switch (rule->kind) {
	case FIELD_LINE:
	case FIELD_PASSWORD:
		if (has_control(v->text, false))
			v->error = "Dit veld mag geen regeleinden of stuurtekens bevatten.";
		break;
	case FIELD_TEXT:
		if (has_control(v->text, true))
			v->error = "Dit veld bevat stuurtekens die niet zijn toegestaan.";
		break;
	case FIELD_USERNAME:
		if (!username_ok(v->text))
			v->error = "Gebruik alleen kleine letters, cijfers, punt, liggend streepje en koppelteken.";
		break;
	case FIELD_EMAIL:
		if (!email_ok(v->text))
			v->error = "Vul een geldig e-mailadres in, zoals naam@gemeente.nl.";
		break;
	case FIELD_CHOICE: {
		int idx = choice_index(rule->choices, v->text);
		if (idx < 0)
			v->error = "Kies een van de mogelijkheden.";
		else
			v->bits = (unsigned)idx;
		break;
	}
	case FIELD_ID: {
		/* Digits only: strtoll alone would also take leading white space
		 * (\v, \f) and signs. */
		size_t digits = strspn(v->text, "0123456789");
		long long n = 0;
		if (digits == strlen(v->text) && digits <= 18)
			n = strtoll(v->text, NULL, 10);
		if (n <= 0)
			v->error = "Kies een geldige waarde.";
		else
			v->id = n;
		break;
	}
	case FIELD_INT: {
		bool neg = v->text[0] == '-';
		const char *digits = v->text + neg;
		size_t nd = strspn(digits, "0123456789");
		if (nd == 0 || nd != strlen(digits) || nd > 18) {
			v->error = "Vul een heel getal in.";
			break;
		}
		long long n = strtoll(v->text, NULL, 10);
		if (n < rule->min || n > rule->max)
			v->error = arena_printf(a, "Vul een getal in van %lld tot en met %lld.",
			                        (long long)rule->min, (long long)rule->max);
		else
			v->id = n;
		break;
	}
	case FIELD_DATE: {
		const char *iso = date_to_iso(a, v->text);
		if (!date_valid_iso(iso)) {
			v->error = "Vul een bestaande datum in, zoals 22-11-2026.";
			break;
		}
		char today[11];
		date_today(today);
		if ((rule->date_flags & DATE_NOT_FUTURE) && strcmp(iso, today) > 0)
			v->error = "Deze datum mag niet in de toekomst liggen.";
		else if ((rule->date_flags & DATE_NOT_PAST) && strcmp(iso, today) < 0)
			v->error = "Deze datum mag niet in het verleden liggen.";
		else
			v->text = iso;
		break;
	}
	default:
		break;
	}
}

int form_validate(arena *a, const struct form *f, const struct field_rule *rules, size_t n,
                  struct field_value *values)
{
	int errors = 0;
	for (size_t i = 0; i < n; i++) {
		const struct field_rule *rule = &rules[i];
		struct field_value *v = &values[i];
		memset(v, 0, sizeof *v);
		v->text = "";
		if (rule->kind == FIELD_CHECKBOX) {
			v->checked = find_pair(f, rule->name) != NULL;
		} else if (rule->kind == FIELD_CHOICES) {
			for (int c = 0; rule->choices && rule->choices[c]; c++) {
				char *key = arena_printf(a, "%s_%s", rule->name, rule->choices[c]);
				if (find_pair(f, key))
					v->bits |= 1u << c;
			}
			if (rule->required && !v->bits)
				v->error = "Kies minstens één mogelijkheid.";
		} else {
			const struct form_pair *p = find_pair(f, rule->name);
			check_text(a, rule, p ? p->value : "", p && p->bad_utf8, v);
		}
		if (v->error)
			errors++;
	}
	return errors;
}

int form_validate_json(arena *a, const json_t *obj, const struct field_rule *rules, size_t n,
                       struct field_value *values)
{
	int errors = 0;
	for (size_t i = 0; i < n; i++) {
		const struct field_rule *rule = &rules[i];
		struct field_value *v = &values[i];
		memset(v, 0, sizeof *v);
		v->text = "";
		json_t *j = json_is_object(obj) ? json_object_get(obj, rule->name) : NULL;
		if (j && json_is_null(j))
			j = NULL;
		if (rule->kind == FIELD_CHECKBOX) {
			if (j && !json_is_boolean(j))
				v->error = "Verwacht true of false.";
			v->checked = j && json_is_true(j);
		} else if (rule->kind == FIELD_CHOICES) {
			if (j && !json_is_array(j)) {
				v->error = "Verwacht een lijst.";
			} else if (j) {
				size_t k;
				json_t *item;
				json_array_foreach(j, k, item) {
					int idx = json_is_string(item)
					            ? choice_index(rule->choices, json_string_value(item)) : -1;
					if (idx < 0) {
						v->error = "Onbekende waarde in de lijst.";
						break;
					}
					v->bits |= 1u << idx;
				}
			}
			if (!v->error && rule->required && !v->bits)
				v->error = "Kies minstens één mogelijkheid.";
		} else if ((rule->kind == FIELD_ID || rule->kind == FIELD_INT) && j && json_is_integer(j)) {
			char *txt = arena_printf(a, "%lld", (long long)json_integer_value(j));
			check_text(a, rule, txt, false, v);
		} else if (j && !json_is_string(j)) {
			v->error = "Verwacht tekst.";
		} else {
			const char *s = j ? json_string_value(j) : "";
			size_t len = j ? json_string_length(j) : 0;
			/* Jansson accepts \u0000; a NUL inside a value is never valid. */
			check_text(a, rule, s, strlen(s) != len, v);
		}
		if (v->error)
			errors++;
	}
	return errors;
}

void form_to_page(json_t *data, const struct field_rule *rules, size_t n,
                  const struct field_value *values)
{
	/* A page with two rule sets (a filter and its own fields) calls this
	 * twice: the second adds to the first. */
	json_t *fields = json_object_get(data, "field");
	fields = json_is_object(fields) ? json_incref(fields) : json_object();
	for (size_t i = 0; i < n; i++) {
		json_t *f = json_object();
		if (rules[i].kind != FIELD_PASSWORD)
			json_object_set_new(f, "value", json_string(values[i].text));
		if (rules[i].kind == FIELD_CHECKBOX)
			json_object_set_new(f, "checked", json_boolean(values[i].checked));
		if (rules[i].kind == FIELD_CHOICES || rules[i].kind == FIELD_CHOICE) {
			json_t *sel = json_object();
			for (int c = 0; rules[i].choices && rules[i].choices[c]; c++) {
				bool on = rules[i].kind == FIELD_CHOICES
				            ? (values[i].bits >> c) & 1u
				            : (values[i].text[0] && values[i].bits == (unsigned)c && !values[i].error);
				json_object_set_new(sel, rules[i].choices[c], json_boolean(on));
			}
			json_object_set_new(f, "selected", sel);
		}
		if (values[i].error) {
			json_object_set_new(f, "error", json_string(values[i].error));
			json_object_set_new(f, "invalid", json_true());
			form_add_error(data, rules[i].name, rules[i].label, values[i].error);
		}
		json_object_set_new(fields, rules[i].name, f);
	}
	json_object_set_new(data, "field", fields);
}

int form_add_error(json_t *data, const char *field, const char *label, const char *message)
{
	if (!json_is_object(data))
		return -1;
	json_t *errors = json_object_get(data, "errors");
	if (!json_is_array(errors)) {
		errors = json_array();
		json_object_set_new(data, "errors", errors);
	}
	/* After "Label: " the sentence goes on in lower case, unless its
	 * first word is an abbreviation ("BSN", "AGB-code" stay). */
	char *text = xstrdup(message ? message : "");
	if (text[0] >= 'A' && text[0] <= 'Z' && !(text[1] >= 'A' && text[1] <= 'Z'))
		text[0] = (char)(text[0] - 'A' + 'a');
	json_array_append_new(errors, json_pack("{s:s, s:s, s:s}", "field", field ? field : "",
	                                        "label", label && label[0] ? label : field ? field : "?",
	                                        "message", text));
	free(text);
	json_object_set_new(data, "has_errors", json_true());
	return 0;
}

json_t *form_errors_json(const struct field_rule *rules, size_t n, const struct field_value *values)
{
	json_t *o = json_object();
	for (size_t i = 0; i < n; i++)
		if (values[i].error)
			json_object_set_new(o, rules[i].name, json_string(values[i].error));
	return o;
}
