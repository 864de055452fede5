/* fuzz_tpl.c - libFuzzer harness for the template engine: the input is a
 * template, a NUL byte and JSON data (the data may be absent); it is
 * parsed and rendered with a partial that includes itself.  Whatever a
 * string value holds, an escaped tag must never emit a raw '<'.  See
 * tests/fuzz/README.md. */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tpl.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nul = memchr(data, 0, size);
	size_t tlen = nul ? (size_t)(nul - data) : size;
	char *src = malloc(tlen + 1);
	if (!src)
		abort();
	memcpy(src, data, tlen);
	src[tlen] = '\0';
	json_t *ctx = nul ? json_loadb((const char *)nul + 1, size - tlen - 1, JSON_DECODE_ANY, NULL) : NULL;
	if (!ctx)
		ctx = json_pack("{s:s, s:[s, s], s:{s:s}}", "x", "<b>&\"'", "lijst", "a<", "b>", "o", "y", "<i>");
	json_t *partials = json_pack("{s:s, s:s}", "p", src, "q", "{{x}}<{{#lijst}}{{.}}{{/lijst}}>");

	strbuf out = {0};
	char *err = NULL;
	tpl_render_string(src, ctx, partials, &out, &err);
	free(err);
	sb_free(&out);

	/* Escaping: a template of escaped tags only, over the fuzzed data. */
	strbuf esc = {0};
	err = NULL;
	if (tpl_render_string("{{x}}|{{o.y}}|{{#lijst}}{{.}}{{/lijst}}", ctx, NULL, &esc, &err) == 0 &&
	    memchr(sb_str(&esc), '<', esc.len))
		abort();
	free(err);
	sb_free(&esc);
	json_decref(partials);
	json_decref(ctx);
	free(src);
	return 0;
}
