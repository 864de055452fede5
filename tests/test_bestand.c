/* test_bestand.c - the pieces of an upload without a server: the
 * multipart/form-data parser (fields, one file with NUL bytes in it, a
 * quoted name with an escaped quote, duplicates, two files, too many parts,
 * a missing boundary or final delimiter), file types by content with
 * libmagic (a PDF, a PNG, an ELF executable, empty), the extension check,
 * and the file-name rules (plain names pass; slashes, NUL, control and
 * bidirectional characters, "..", a leading dot, invalid UTF-8 and 201
 * characters are refused). */
#include <stdlib.h>
#include <string.h>

#include "bestandstype.h"
#include "multipart.h"
#include "testutil.h"

static const char CT[] = "multipart/form-data; boundary=XyZ";

static enum multipart_status parse(arena *a, const char *body, size_t len, struct form **f, struct upload *u)
{
	return multipart_parse(a, CT, body, len, f, u);
}

int main(void)
{
	arena *a = arena_new();
	struct form *f;
	struct upload u;

	static const char ok_body[] =
		"--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\ntok\r\n"
		"--XyZ\r\nContent-Disposition: form-data; name=\"titel\"\r\n\r\nBrief \"huisarts\"\r\n"
		"--XyZ\r\nContent-Disposition: form-data; name=\"bestand\"; filename=\"a\\\"b.pdf\"\r\n"
		"Content-Type: application/pdf\r\n\r\n%PDF\0\r\nX\r\n--XyZ--\r\n";
	size_t ok_len = sizeof ok_body - 1;
	CHECK(parse(a, ok_body, ok_len, &f, &u) == MP_OK, "multipart: a form with two fields and a file parses");
	CHECK_STR(form_get(f, "csrf"), "tok", "multipart: a field's value");
	CHECK_STR(form_get(f, "titel"), "Brief \"huisarts\"", "multipart: a field with quotes in its value");
	CHECK(u.data && u.len == 8 && memcmp(u.data, "%PDF\0\r\nX", 8) == 0, "multipart: the file's bytes, NUL and CRLF kept");
	CHECK(u.filename && strcmp(u.filename, "a\"b.pdf") == 0 && u.filename_len == 7,
	      "multipart: a quoted file name with an escaped quote");
	CHECK(form_get(f, "bestand") == NULL, "multipart: the file is not a text field");

	static const char dup[] =
		"--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n"
		"--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n2\r\n--XyZ--\r\n";
	CHECK(parse(a, dup, sizeof dup - 1, &f, &u) == MP_DUPLICATE, "multipart: a field given twice is refused");
	static const char two[] =
		"--XyZ\r\nContent-Disposition: form-data; name=\"x\"; filename=\"1.pdf\"\r\n\r\n1\r\n"
		"--XyZ\r\nContent-Disposition: form-data; name=\"y\"; filename=\"2.pdf\"\r\n\r\n2\r\n--XyZ--\r\n";
	CHECK(parse(a, two, sizeof two - 1, &f, &u) == MP_DUPLICATE, "multipart: two files are refused");
	static const char open_end[] = "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1";
	CHECK(parse(a, open_end, sizeof open_end - 1, &f, &u) == MP_MALFORMED, "multipart: no final delimiter is refused");
	static const char noname[] = "--XyZ\r\nContent-Type: text/plain\r\n\r\n1\r\n--XyZ--\r\n";
	CHECK(parse(a, noname, sizeof noname - 1, &f, &u) == MP_MALFORMED, "multipart: a part without a name is refused");
	CHECK(multipart_parse(a, "multipart/form-data", ok_body, ok_len, &f, &u) == MP_MALFORMED,
	      "multipart: a content type without boundary is refused");
	strbuf many = {0};
	for (int i = 0; i < MULTIPART_MAX_PARTS + 1; i++)
		sb_printf(&many, "--XyZ\r\nContent-Disposition: form-data; name=\"f%d\"\r\n\r\nv\r\n", i);
	sb_puts(&many, "--XyZ--\r\n");
	CHECK(parse(a, many.buf, many.len, &f, &u) == MP_TOO_MANY, "multipart: more than %d parts are refused",
	      MULTIPART_MAX_PARTS);
	sb_free(&many);

	/* Types by content. */
	static const char pdf[] = "%PDF-1.5\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< >>\n%%EOF\n";
	static const unsigned char png[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
	                                    0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89};
	CHECK_STR(bestandstype_detect(pdf, sizeof pdf - 1), "application/pdf", "libmagic: a PDF by content");
	CHECK_STR(bestandstype_detect(png, sizeof png), "image/png", "libmagic: a PNG by content");
	FILE *exe = fopen("/bin/true", "rb");
	char buf[4096];
	size_t n = exe ? fread(buf, 1, sizeof buf, exe) : 0;
	if (exe)
		fclose(exe);
	const char *t = bestandstype_detect(buf, n);
	CHECK(n > 0 && t && !bestandstype_accepted(t), "libmagic: an executable is not an accepted type (%s)", t ? t : "-");
	CHECK(bestandstype_accepted("application/pdf") && bestandstype_accepted("image/jpeg") &&
	      bestandstype_accepted("application/vnd.oasis.opendocument.text") &&
	      bestandstype_accepted("application/vnd.openxmlformats-officedocument.wordprocessingml.document") &&
	      !bestandstype_accepted("text/html") && !bestandstype_accepted("image/svg+xml"),
	      "accepted: PDF, JPEG, PNG, ODT, DOCX; not HTML or SVG");
	CHECK(bestandstype_name_matches("scan.PDF", 8, "application/pdf") &&
	      bestandstype_name_matches("foto.jpeg", 9, "image/jpeg") && bestandstype_name_matches("foto.jpg", 8, "image/jpeg") &&
	      !bestandstype_name_matches("foto.pdf", 8, "image/png") && !bestandstype_name_matches("pdf", 3, "application/pdf"),
	      "the extension must match the content, ignoring case");

	/* File names. */
	static const struct { const char *name; size_t len; bool ok; } names[] = {
		{"brief huisarts 2026-11.pdf", 26, true},
		{"Zoë's verslag.docx", 19, true},
		{"../etc/passwd.pdf", 17, false},
		{"a/b.pdf", 7, false},
		{"a\\b.pdf", 7, false},
		{"a\0b.pdf", 7, false},
		{"a\nb.pdf", 7, false},
		{"a\x7f" "b.pdf", 7, false},
		{"..pdf", 5, false},
		{".bashrc.pdf", 11, false},
		{"a\xe2\x80\xae" "fdp.exe", 11, false},
		{"a\xe2\x81\xa6" "b.pdf", 9, false},
		{"a\xd8\x9c" "b.pdf", 8, false},
		{"a\xff.pdf", 6, false},
		{"", 0, false},
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		const char *p = bestandstype_name_problem(names[i].name, names[i].len);
		CHECK((p == NULL) == names[i].ok, "file name %zu (%s) is %s", i, names[i].ok ? "plain" : "hostile",
		      names[i].ok ? "accepted" : "refused");
	}
	char longname[202];
	memset(longname, 'a', 197);
	memcpy(longname + 197, ".pdf", 5);
	CHECK(bestandstype_name_problem(longname, 201) != NULL, "a name of 201 characters is refused");
	CHECK(bestandstype_name_problem(longname + 1, 200) == NULL, "a name of 200 characters passes");
	arena_free(a);
	T_EXIT();
}
