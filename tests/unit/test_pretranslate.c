/* test_pretranslate.c - pretranslation of XLIFF jobs (issue 13): the
 * byte-level copy with splices (formats/xliff_edit.c: encodings, tags,
 * inline codes put back) and tmk_pretranslate() on 1.2, 2.0, SDLXLIFF and
 * MQXLIFF jobs against a small TM, each output read back with the reader. */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"
#include "formats/xliff.h"
#include "formats/xliff_edit.h"
#include "import.h"
#include "pretranslate.h"
#include "tests.h"
#include "tm.h"

#define PH0 "\xEE\x80\x80"      /* U+E000: code 0 */
#define PH1 "\xEE\x80\x81"
#define PH2 "\xEE\x80\x82"
#define PH3 "\xEE\x80\x83"
#define PH4 "\xEE\x80\x84"

static char dir[64];

static void path_in(char *out, size_t cap, const char *name)
{
	snprintf(out, cap, "%s/%s", dir, name);
}

static void write_bytes(const char *name, const char *data, size_t len)
{
	char path[128];
	FILE *f;

	path_in(path, sizeof(path), name);
	ck_assert_ptr_nonnull(f = fopen(path, "wb"));
	ck_assert_uint_eq(fwrite(data, 1, len, f), len);
	fclose(f);
}

static void write_text(const char *name, const char *text)
{
	write_bytes(name, text, strlen(text));
}

/* The file NAME in the test folder, whole (to free). */
static char *read_back(const char *name, size_t *len)
{
	char path[128];

	path_in(path, sizeof(path), name);
	return test_read_file(path, len);
}

static void setup(void)
{
	snprintf(dir, sizeof(dir), "/tmp/tmkit-pretranslate-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void teardown(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

/* ---- start tags -------------------------------------------------------------- */

static const struct {
	const char *tag;
	tmk_xml_attr set[3];
	size_t nset;
	int open;
	const char *want;
} tag_cases[] = {
	{ "<target state=\"new\">", { { "state", "translated" }, { "state-qualifier", "exact-match" } }, 2, 0,
	  "<target state=\"translated\" state-qualifier=\"exact-match\">" },
	{ "<target/>", { { "state", "translated" } }, 1, 1, "<target state=\"translated\">" },
	{ "<target />", { { "state", "translated" } }, 1, 0, "<target state=\"translated\" />" },
	{ "<x:seg id='1' conf = 'Draft' origin='tm'/>", { { "conf", "it's" }, { "origin", NULL } }, 2, 0,
	  "<x:seg id='1' conf = 'it&apos;s'/>" },
	{ "<seg\n  a=\"1\"\n  b=\"2\">", { { "a", NULL }, { "c", "<&\">" } }, 2, 0,
	  "<seg\n  b=\"2\" c=\"&lt;&amp;&quot;&gt;\">" },
	{ "<t a=\"x>y\" xml:space=\"preserve\">", { { "xml:space", "default" } }, 1, 0,
	  "<t a=\"x>y\" xml:space=\"default\">" },
	{ "<sdl:seg id=\"5\"/>", { { "text-match", NULL }, { "percent", "85" } }, 2, 1, "<sdl:seg id=\"5\" percent=\"85\">" },
};

START_TEST(tag_edit)
{
	tmk_buf out = TMK_BUF_INIT;

	ck_assert_int_eq(tmk_xml_tag_edit(&out, tag_cases[_i].tag, strlen(tag_cases[_i].tag), tag_cases[_i].set,
					  tag_cases[_i].nset, tag_cases[_i].open), 0);
	ck_assert_str_eq(out.ptr, tag_cases[_i].want);
	tmk_buf_release(&out);
}
END_TEST

START_TEST(tag_reading)
{
	static const char t[] = "<xlf:xliff xmlns:xlf=\"urn:oasis:names:tc:xliff:document:2.0\" "
				"xmlns:m='urn:oasis:names:tc:xliff:matches:2.0' version=\"2.0\">";
	tmk_buf out = TMK_BUF_INIT;
	char pre[64];
	size_t n;
	const char *v;

	tmk_xml_tag_prefix(t, sizeof(t) - 1, pre);
	ck_assert_str_eq(pre, "xlf:");
	tmk_xml_tag_prefix("<unit id=\"1\">", 13, pre);
	ck_assert_str_eq(pre, "");
	ck_assert_int_eq(tmk_xml_tag_ns_prefix(t, sizeof(t) - 1, "urn:oasis:names:tc:xliff:matches:2.0", pre), 1);
	ck_assert_str_eq(pre, "m");
	ck_assert_int_eq(tmk_xml_tag_ns_prefix(t, sizeof(t) - 1, "MQXliff", pre), 0);
	ck_assert_ptr_nonnull(v = tmk_xml_tag_attr(t, sizeof(t) - 1, "version", &n));
	ck_assert_int_eq(memcmp(v, "2.0", n), 0);
	ck_assert_ptr_null(tmk_xml_tag_attr(t, sizeof(t) - 1, "vers", &n));
	/* not a start tag */
	ck_assert_int_eq(tmk_xml_tag_edit(&out, "</target>", 9, NULL, 0, 0), TMK_EINPUT);
	ck_assert_int_eq(tmk_xml_tag_edit(&out, "<t a=\"1>", 8, NULL, 0, 0), TMK_EINPUT);
	tmk_buf_release(&out);
}
END_TEST

/* ---- inline codes put back ------------------------------------------------------- */

/* A source "<g id="1">A</g> <x id="2"/> <bpt id="3">[</bpt>B<ept id="3">]</ept>":
 * codes 0 and 1 the <g>, 2 the <x/>, 3 and 4 the <bpt>/<ept>. */
static const tmk_xliff_code src_codes[] = {
	{ TMK_XLIFF_OPEN, "g", "1", "<g id=\"1\">", 10, 1 },
	{ TMK_XLIFF_CLOSE, "g", "1", "</g>", 4, 0 },
	{ TMK_XLIFF_ALONE, "x", "2", "<x id=\"2\"/>", 11, -1 },
	{ TMK_XLIFF_ALONE, "bpt", "3", "<bpt id=\"3\">[</bpt>", 19, 4 },
	{ TMK_XLIFF_ALONE, "ept", "3", "<ept id=\"3\">]</ept>", 19, 3 },
};

static const struct {
	const char *text, *known;
	unsigned flags;
	const char *want;
	size_t appended;
} restore_cases[] = {
	/* in place, reordered, text escaped */
	{ PH2 "x " PH0 "A&B" PH1, NULL, TMK_RESTORE_APPEND,
	  "<x id=\"2\"/>x <g id=\"1\">A&amp;B</g><bpt id=\"3\">[</bpt><ept id=\"3\">]</ept>", 2 },
	/* all of them, nothing appended */
	{ PH0 "A" PH1 PH2 PH3 "B" PH4, NULL, TMK_RESTORE_APPEND,
	  "<g id=\"1\">A</g><x id=\"2\"/><bpt id=\"3\">[</bpt>B<ept id=\"3\">]</ept>", 0 },
	/* none: all at the end, in source order */
	{ "A < B", NULL, TMK_RESTORE_APPEND,
	  "A &lt; B<g id=\"1\"></g><x id=\"2\"/><bpt id=\"3\">[</bpt><ept id=\"3\">]</ept>", 5 },
	/* an end before its start: both out; without APPEND they are gone */
	{ PH1 "A" PH0 " " PH2, NULL, 0, "A <x id=\"2\"/>", 0 },
	/* an <ept> before its <bpt>: both out, then appended */
	{ "[" PH4 "B" PH3, NULL, TMK_RESTORE_APPEND,
	  "[B<g id=\"1\"></g><x id=\"2\"/><bpt id=\"3\">[</bpt><ept id=\"3\">]</ept>", 5 },
	/* a second one of the same number, and one with no code */
	{ PH2 PH2 "\xEE\x80\x89", NULL, 0, "<x id=\"2\"/>", 0 },
	/* one the TM's source lacks (only in its target) is left out */
	{ PH2 "A", PH0 PH1, 0, "A", 0 },
	/* a control character: a blank, or <cp/> in XLIFF 2 */
	{ "A\x01" "B\r", NULL, 0, "A B&#13;", 0 },
	{ "A\x01" "B", NULL, TMK_RESTORE_CP, "A<cp hex=\"0001\"/>B", 0 },
};

START_TEST(restore)
{
	tmk_buf out = TMK_BUF_INIT;
	const char *k = restore_cases[_i].known;
	size_t appended = 99;

	ck_assert_int_eq(tmk_xliff_restore(&out, restore_cases[_i].text, strlen(restore_cases[_i].text), src_codes,
					   5, k, k ? strlen(k) : 0, restore_cases[_i].flags, &appended), 0);
	ck_assert_str_eq(out.ptr ? out.ptr : "", restore_cases[_i].want);
	ck_assert_uint_eq(appended, restore_cases[_i].appended);
	tmk_buf_release(&out);
}
END_TEST

START_TEST(restore_nesting)
{
	/* <g1>a<g2>b</g1>c</g2>: the pairs cross; the first end that does not
	 * close the last start (g1's) goes, with its start, to the end */
	static const tmk_xliff_code c[] = {
		{ TMK_XLIFF_OPEN, "g", "1", "<g id=\"1\">", 10, 3 },
		{ TMK_XLIFF_OPEN, "g", "2", "<g id=\"2\">", 10, 2 },
		{ TMK_XLIFF_CLOSE, "g", "2", "</g>", 4, 1 },
		{ TMK_XLIFF_CLOSE, "g", "1", "</g>", 4, 0 },
		{ TMK_XLIFF_ALONE, "ph", "3", "<ph id=\"3\" dataRef=\"d1\"/>", 25, -1 },
	};
	tmk_buf out = TMK_BUF_INIT;
	size_t appended;

	ck_assert_int_eq(tmk_xliff_restore(&out, PH0 "a" PH1 "b" PH3 "c" PH2 PH4, 18, c, 5, NULL, 0,
					   TMK_RESTORE_APPEND | TMK_RESTORE_NO_DATAREF, &appended), 0);
	ck_assert_str_eq(out.ptr, "a<g id=\"2\">bc</g><ph id=\"3\"/><g id=\"1\"></g>");
	ck_assert_uint_eq(appended, 2);
	tmk_buf_release(&out);
}
END_TEST

/* ---- the copy ---------------------------------------------------------------------- */

START_TEST(doc_splices)
{
	static const char in[] = "<?xml version=\"1.0\"?>\n<a>\n  <b x=\"1>\">B</b>\n</a>\n";
	tmk_xliff_doc *d;
	tmk_xliff_piece p;
	tmk_buf t = TMK_BUF_INIT;
	char path[128], out[128];
	size_t len, b = (size_t)(strstr(in, "<b") - in);
	char *got;

	write_text("in.xml", in);
	path_in(path, sizeof(path), "in.xml");
	path_in(out, sizeof(out), "out.xml");
	ck_assert_int_eq(tmk_xliff_doc_load(&d, path), 0);
	ck_assert_str_eq(tmk_xliff_doc_encoding(d), "UTF-8");
	ck_assert_uint_eq(tmk_xliff_doc_size(d), sizeof(in) - 1);
	ck_assert_uint_eq(tmk_xliff_doc_ws_before(d, b), b - 3);
	ck_assert_uint_eq(tmk_xliff_doc_ws_after(d, b - 3), b);
	ck_assert_uint_eq(tmk_xliff_doc_tag_end(d, b), b + 10);        /* the '>' in the value skipped */
	ck_assert_uint_eq(tmk_xliff_doc_last_tag(d, b, b + 15), b + 11);
	ck_assert_uint_eq(tmk_xliff_doc_tag_before(d, 0, b), b - 6);   /* <a> */
	ck_assert_uint_eq(tmk_xliff_doc_tag_before(d, 0, b + 10), b);
	ck_assert_uint_eq(tmk_xliff_doc_tag_before(d, 0, b + 11), (size_t)-1);
	ck_assert_int_eq(tmk_xliff_doc_text(d, &t, b, b + 10), 0);
	ck_assert_str_eq(t.ptr, "<b x=\"1>\">");
	/* two insertions at one place keep their order; a replacement there follows */
	tmk_xliff_piece_init(&p, d);
	tmk_xliff_piece_str(&p, "Z");
	ck_assert_int_eq(tmk_xliff_doc_splice(d, b + 10, b + 11, &p), 0);
	tmk_xliff_piece_str(&p, "1");
	ck_assert_int_eq(tmk_xliff_doc_splice(d, b + 10, b + 10, &p), 0);
	tmk_xliff_piece_raw(&p, b, b + 2);
	tmk_xliff_piece_str(&p, "/>");
	ck_assert_int_eq(tmk_xliff_doc_splice(d, b + 10, b + 10, &p), 0);
	ck_assert_int_eq(tmk_xliff_doc_write(d, out), 0);
	got = read_back("out.xml", &len);
	ck_assert_str_eq(got, "<?xml version=\"1.0\"?>\n<a>\n  <b x=\"1>\">1<b/>Z</b>\n</a>\n");
	free(got);
	/* overlapping edits: nothing written */
	tmk_xliff_piece_str(&p, "Y");
	ck_assert_int_eq(tmk_xliff_doc_splice(d, b + 9, b + 11, &p), 0);
	path_in(out, sizeof(out), "never.xml");
	ck_assert_int_eq(tmk_xliff_doc_write(d, out), TMK_ERROR);
	ck_assert_int_eq(access(out, F_OK), -1);
	/* outside the file */
	tmk_xliff_piece_raw(&p, 0, 999);
	ck_assert_int_eq(tmk_xliff_doc_splice(d, 0, 0, &p), TMK_ERROR);
	ck_assert_int_eq(tmk_xliff_doc_splice(d, 5, 4, &p), TMK_ERROR);
	tmk_xliff_piece_release(&p);
	tmk_xliff_doc_free(d);
	tmk_xliff_doc_free(NULL);
	tmk_buf_release(&t);
}
END_TEST

/* One document in each encoding the copy keeps: "<?xml ... encoding=
 * "ENC"?><a>Ä</a>", its Ä replaced by "Ö€". */
static const struct {
	const char *enc;        /* declared */
	int form;               /* 0 UTF-8, 1 Latin-1, 2 UTF-16LE, 3 UTF-16BE */
	int bom;
	const char *want;       /* tmk_xliff_doc_encoding() */
} enc_cases[] = {
	{ "UTF-16", 2, 1, "UTF-16LE" },
	{ "UTF-16", 3, 1, "UTF-16BE" },
	{ "UTF-16", 2, 0, "UTF-16LE" },
	{ "UTF-16", 3, 0, "UTF-16BE" },
	{ "ISO-8859-1", 1, 0, "iso-8859-1" },
	{ "UTF-8", 0, 1, "UTF-8" },
};

/* Code point C in FORM at OUT + *N. */
static void put_char(char *out, size_t *n, unsigned c, int form)
{
	if (form >= 2) {
		out[(*n)++] = (char)(form == 3 ? c >> 8 : c & 0xFF);
		out[(*n)++] = (char)(form == 3 ? c & 0xFF : c >> 8);
	} else if (form == 1 || c < 0x80) {
		out[(*n)++] = (char)c;
	} else if (c < 0x800) {
		out[(*n)++] = (char)(0xC0 | c >> 6);
		out[(*n)++] = (char)(0x80 | (c & 0x3F));
	} else {
		out[(*n)++] = (char)(0xE0 | c >> 12);
		out[(*n)++] = (char)(0x80 | (c >> 6 & 0x3F));
		out[(*n)++] = (char)(0x80 | (c & 0x3F));
	}
}

static void put_ascii(char *out, size_t *n, const char *s, int form)
{
	while (*s)
		put_char(out, n, (unsigned char)*s++, form);
}

START_TEST(encodings)
{
	char in[400], want[400], path[128], out[128], *got;
	size_t n = 0, wn, len, at;
	int form = enc_cases[_i].form;
	tmk_xliff_doc *d;
	tmk_xliff_piece p;
	tmk_buf t = TMK_BUF_INIT;

	if (enc_cases[_i].bom)
		put_char(in, &n, 0xFEFF, form);
	put_ascii(in, &n, "<?xml version=\"1.0\" encoding=\"", form);
	put_ascii(in, &n, enc_cases[_i].enc, form);
	put_ascii(in, &n, "\"?><a>", form);
	at = n;
	put_char(in, &n, 0xC4, form);                   /* Ä */
	memcpy(want, in, at);
	wn = at;
	put_char(want, &wn, 0xD6, form);                /* Ö */
	if (form == 1)
		put_ascii(want, &wn, "&#x20AC;", form); /* Latin-1 has no euro sign */
	else
		put_char(want, &wn, 0x20AC, form);
	put_ascii(want, &wn, "</a>", form);
	len = n;
	put_ascii(in, &n, "</a>", form);
	write_bytes("enc.xml", in, n);
	path_in(path, sizeof(path), "enc.xml");
	path_in(out, sizeof(out), "enc-out.xml");
	ck_assert_int_eq(tmk_xliff_doc_load(&d, path), 0);
	ck_assert_str_eq(tmk_xliff_doc_encoding(d), enc_cases[_i].want);
	ck_assert_int_eq(tmk_xliff_doc_text(d, &t, at, len), 0);
	ck_assert_str_eq(t.ptr, "\xC3\x84");
	ck_assert_uint_eq(tmk_xliff_doc_tag_end(d, at - (form >= 2 ? 6 : 3)), at);
	tmk_xliff_piece_init(&p, d);
	tmk_xliff_piece_str(&p, "\xC3\x96\xE2\x82\xAC");
	ck_assert_int_eq(tmk_xliff_doc_splice(d, at, len, &p), 0);
	ck_assert_int_eq(tmk_xliff_doc_write(d, out), 0);
	got = read_back("enc-out.xml", &len);
	ck_assert_uint_eq(len, wn);
	ck_assert_int_eq(memcmp(got, want, wn), 0);
	free(got);
	tmk_xliff_piece_release(&p);
	tmk_xliff_doc_free(d);
	tmk_buf_release(&t);
}
END_TEST

START_TEST(bad_docs)
{
	tmk_xliff_doc *d;
	char path[128];

	path_in(path, sizeof(path), "missing.xlf");
	ck_assert_int_eq(tmk_xliff_doc_load(&d, path), TMK_EIO);
	write_text("empty.xlf", "");
	path_in(path, sizeof(path), "empty.xlf");
	ck_assert_int_eq(tmk_xliff_doc_load(&d, path), TMK_EINPUT);
	write_text("sjis.xlf", "<?xml version=\"1.0\" encoding=\"Shift_JIS\"?><xliff/>");
	path_in(path, sizeof(path), "sjis.xlf");
	ck_assert_int_eq(tmk_xliff_doc_load(&d, path), TMK_EINPUT);
	ck_assert_ptr_nonnull(strstr(tmk_error_last(), "UTF-8, UTF-16 and single-byte"));
	write_text("nope.xlf", "<?xml version=\"1.0\" encoding=\"x-no-such-charset\"?><xliff/>");
	path_in(path, sizeof(path), "nope.xlf");
	ck_assert_int_eq(tmk_xliff_doc_load(&d, path), TMK_EINPUT);
}
END_TEST

/* ---- pretranslation ------------------------------------------------------------ */

/* The TM: a translated XLIFF job with inline codes (so the TM's texts hold
 * placeholders), en-US -> de-DE. */
static const char tm_job[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n"
	"<file original=\"old.html\" source-language=\"en-US\" target-language=\"de-DE\" datatype=\"html\"><body>\n"
	"<trans-unit id=\"1\"><source>Click <g id=\"1\">Save</g> to keep <x id=\"2\"/> changes.</source>"
	"<target>Klicken Sie <x id=\"2\"/> auf <g id=\"1\">Speichern</g>.</target></trans-unit>\n"
	"<trans-unit id=\"2\"><source>Press <x id=\"1\"/>Enter.</source>"
	"<target>Drücken Sie die Eingabetaste.</target></trans-unit>\n"
	"<trans-unit id=\"3\"><source>Print the page.</source><target>Drucken Sie die Seite.</target></trans-unit>\n"
	"<trans-unit id=\"4\"><source>Exit the program then.</source>"
	"<target>Beenden Sie das Programm jetzt.</target></trans-unit>\n"
	"<trans-unit id=\"5\"><source>Serial number:</source><target>Seriennummer:</target></trans-unit>\n"
	"</body></file></xliff>\n";

/* A TM in memory holding tm_job. */
static tmk_tm *test_tm(void)
{
	tmk_import_opts io = { 0 };
	tmk_import_report rep;
	char path[128];
	tmk_tm *tm;

	write_text("tm.xlf", tm_job);
	path_in(path, sizeof(path), "tm.xlf");
	ck_assert_int_eq(tmk_tm_open(&tm, ":memory:", 0), 0);
	ck_assert_int_eq(tmk_import_file(tm, &rep, path, &io), 0);
	tmk_import_report_release(&rep);
	return tm;
}

static int collect(void *ud, const tmk_xliff_unit *u)
{
	tmk_buf *b = ud;

	for (size_t i = 0; i < u->nsegs; i++) {
		const tmk_xliff_segment *s = &u->segs[i];
		tmk_buf_printf(b, "%s %s %.*s|", s->key, tmk_xliff_state_name(s->state),
			       s->has_target ? (int)s->target.len : 1, s->has_target ? s->target.text : "-");
	}
	return 0;
}

/* The output NAME as the reader reads it: "KEY STATE TARGET|" a segment. */
static char *reread(const char *name)
{
	tmk_buf b = TMK_BUF_INIT;
	tmk_xliff_reader r = { collect, NULL, &b, "" };
	char path[128];

	path_in(path, sizeof(path), name);
	ck_assert_int_eq(tmk_xliff_read(&r, path), 0);
	return tmk_buf_detach(&b);
}

/* Pretranslate the job JOB (its text) into out.xlf; the result code. */
static int run(tmk_tm *tm, const char *job, const char *text, tmk_pretranslate_report *r,
	       const tmk_pretranslate_opts *o)
{
	char in[128], out[128];

	write_text(job, text);
	path_in(in, sizeof(in), job);
	path_in(out, sizeof(out), "out.xlf");
	unlink(out);
	return tmk_pretranslate(tm, r, in, out, o);
}

static const char job12[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n"
	"  <file original=\"new.html\" source-language=\"en-US\" target-language=\"de-DE\" datatype=\"html\">\n"
	"    <body>\n"
	"      <trans-unit id=\"a\">\n"
	"        <source>Click <g id=\"7\" ctype=\"bold\">Save</g> to keep <x id=\"8\"/> changes.</source>\n"
	"      </trans-unit>\n"
	"      <trans-unit id=\"b\">\n"
	"        <source xml:space=\"preserve\">Press <x id=\"5\"/>Enter.</source>\n"
	"        <target/>\n"
	"      </trans-unit>\n"
	"      <trans-unit id=\"c\"><source>Print the page.</source><note>a note</note></trans-unit>\n"
	"      <trans-unit id=\"d\">\n"
	"        <source>Exit the program.</source>\n"
	"        <target state=\"new\"></target>\n"
	"        <note>keep me</note>\n"
	"      </trans-unit>\n"
	"      <trans-unit id=\"e\"><source>Serial number:</source><target>Nummer:</target></trans-unit>\n"
	"      <trans-unit id=\"f\" translate=\"no\"><source>Print the page.</source></trans-unit>\n"
	"    </body>\n"
	"  </file>\n"
	"</xliff>\n";

START_TEST(xliff12)
{
	tmk_tm *tm = test_tm();
	tmk_pretranslate_opts o = { 0 };
	tmk_pretranslate_report r;
	size_t len;
	char *got, *back;

	ck_assert_int_eq(run(tm, "job.xlf", job12, &r, &o), 0);
	ck_assert_int_eq(r.segments, 5);
	ck_assert_int_eq(r.context, 2);         /* a and b: their neighbours as in the TM */
	ck_assert_int_eq(r.exact, 1);
	ck_assert_int_eq(r.fuzzy, 0);
	ck_assert_int_eq(r.codes_appended, 1);  /* b: the TM's translation lacks the <x/> */
	ck_assert_int_eq(r.kept, 1);
	ck_assert_int_eq(r.none, 1);            /* d: fuzzy only */
	got = read_back("out.xlf", &len);
	/* codes in the translation's order, with the job's ids and attributes */
	ck_assert_ptr_nonnull(strstr(got, "</source>\n        <target state=\"translated\" state-qualifier="
				     "\"exact-match\">Klicken Sie <x id=\"8\"/> auf <g id=\"7\" ctype=\"bold\">"
				     "Speichern</g>.</target>\n      </trans-unit>"));
	/* a code the translation lacks: at the end, a draft */
	ck_assert_ptr_nonnull(strstr(got, "<target state=\"needs-review-translation\" state-qualifier=\"exact-match\">"
				     "Drücken Sie die Eingabetaste.<x id=\"5\"/></target>\n"));
	ck_assert_ptr_nonnull(strstr(got, "<source>Print the page.</source><target state=\"translated\" "
				     "state-qualifier=\"exact-match\">Drucken Sie die Seite.</target><note>"));
	ck_assert_ptr_nonnull(strstr(got, "<target state=\"new\"></target>\n        <note>keep me</note>"));
	ck_assert_ptr_nonnull(strstr(got, "<target>Nummer:</target>"));
	ck_assert_ptr_nonnull(strstr(got, "<trans-unit id=\"f\" translate=\"no\"><source>Print the page.</source>"
				     "</trans-unit>"));
	free(got);
	back = reread("out.xlf");
	ck_assert_str_eq(back, "a translated Klicken Sie " PH2 " auf " PH0 "Speichern" PH1 ".|"
			       "b draft Drücken Sie die Eingabetaste." PH0 "|"
			       "c translated Drucken Sie die Seite.|d new |e translated Nummer:|f new -|");
	free(back);

	/* --fuzzy: d as a draft with its alternative; --overwrite: e too */
	o.fuzzy = 1;
	o.overwrite = 1;
	ck_assert_int_eq(run(tm, "job.xlf", job12, &r, &o), 0);
	ck_assert_int_eq(r.fuzzy, 1);
	ck_assert_int_eq(r.kept, 0);
	ck_assert_int_eq(r.exact + r.context, 4);
	got = read_back("out.xlf", &len);
	ck_assert_ptr_nonnull(strstr(got, "<target state=\"needs-review-translation\" state-qualifier=\"fuzzy-match\">"
				     "Beenden Sie das Programm jetzt.</target>\n        <alt-trans match-quality=\"97\" "
				     "origin=\"tmkit\"><source>Exit the program then.</source><target>Beenden Sie das "
				     "Programm jetzt.</target></alt-trans>\n        <note>keep me</note>"));
	ck_assert_ptr_nonnull(strstr(got, "<target state=\"translated\" state-qualifier=\"exact-match\">"
				     "Seriennummer:</target>"));
	free(got);

	/* --min above the match: no draft */
	o.min = 98;
	ck_assert_int_eq(run(tm, "job.xlf", job12, &r, &o), 0);
	ck_assert_int_eq(r.fuzzy, 0);
	tmk_tm_free(tm);
}
END_TEST

static const char job20[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<xlf:xliff xmlns:xlf=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"en-US\" "
	"trgLang=\"de-DE\">\n"
	" <xlf:file id=\"f1\">\n"
	"  <xlf:unit id=\"u1\">\n"
	"   <xlf:segment>\n"
	"    <xlf:source>Print the page.</xlf:source>\n"
	"   </xlf:segment>\n"
	"   <xlf:segment id=\"x\">\n"
	"    <xlf:source>Exit the program.</xlf:source>\n"
	"    <xlf:target/>\n"
	"   </xlf:segment>\n"
	"  </xlf:unit>\n"
	"  <xlf:unit id=\"u2\"><xlf:segment><xlf:source xml:space=\"preserve\">Click <xlf:pc id=\"1\" "
	"dataRefStart=\"d1\">Save</xlf:pc> to keep <xlf:ph id=\"2\"/> all changes.</xlf:source></xlf:segment>"
	"</xlf:unit>\n"
	" </xlf:file>\n"
	"</xlf:xliff>\n";

START_TEST(xliff20)
{
	tmk_tm *tm = test_tm();
	tmk_pretranslate_opts o = { .fuzzy = 1 };
	tmk_pretranslate_report r;
	size_t len;
	char *got, *back;

	ck_assert_int_eq(run(tm, "job20.xlf", job20, &r, &o), 0);
	ck_assert_int_eq(r.exact, 1);
	ck_assert_int_eq(r.fuzzy, 2);
	got = read_back("out.xlf", &len);
	/* the match module declared where it is used (the root does not) */
	ck_assert_ptr_nonnull(strstr(got, "<xlf:unit id=\"u1\">\n   <mtc:matches xmlns:mtc=\"urn:oasis:names:tc:"
				     "xliff:matches:2.0\"><mtc:match ref=\"#x\" similarity=\"97\" type=\"tm\" "
				     "origin=\"tmkit\"><xlf:source>Exit the program then.</xlf:source><xlf:target>"
				     "Beenden Sie das Programm jetzt.</xlf:target></mtc:match></mtc:matches>\n"
				     "   <xlf:segment state=\"translated\">\n    <xlf:source>Print the page."
				     "</xlf:source>\n    <xlf:target>Drucken Sie die Seite.</xlf:target>\n"));
	ck_assert_ptr_nonnull(strstr(got, "<xlf:segment id=\"x\" state=\"initial\">"));
	ck_assert_ptr_nonnull(strstr(got, "<xlf:target>Beenden Sie das Programm jetzt.</xlf:target>"));
	/* a segment without id gets one for the match's ref; the match's
	 * codes lose their data references, the target's keep them */
	ck_assert_ptr_nonnull(strstr(got, "<mtc:match ref=\"#tmkit-s1\" similarity=\""));
	ck_assert_ptr_nonnull(strstr(got, "<xlf:source>Click <xlf:pc id=\"1\">Save</xlf:pc> to keep <xlf:ph id=\"2\"/>"
				     " changes.</xlf:source>"));
	ck_assert_ptr_nonnull(strstr(got, "<xlf:segment state=\"initial\" id=\"tmkit-s1\"><xlf:source xml:space="
				     "\"preserve\">"));
	ck_assert_ptr_nonnull(strstr(got, "<xlf:target xml:space=\"preserve\">Klicken Sie <xlf:ph id=\"2\"/> auf "
				     "<xlf:pc id=\"1\" dataRefStart=\"d1\">Speichern</xlf:pc>.</xlf:target>"));
	free(got);
	back = reread("out.xlf");
	ck_assert_str_eq(back, "u1#1 translated Drucken Sie die Seite.|u1/x draft Beenden Sie das Programm jetzt.|"
			       "u2/tmkit-s1 draft Klicken Sie " PH2 " auf " PH0 "Speichern" PH1 ".|");
	free(back);
	tmk_tm_free(tm);
}
END_TEST

/* Trados: a unit without <target> (made from <seg-source>), a unit whose
 * <target> lacks a segment and whose <sdl:seg> exists without one, a
 * locked segment, a unit without <sdl:seg-defs>. */
static const char job_sdl[] =
	"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	"<xliff xmlns:sdl=\"http://sdl.com/FileTypes/SdlXliff/1.0\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\" "
	"version=\"1.2\" sdl:version=\"1.0\">\n"
	"<file original=\"a.docx\" datatype=\"x-sdlfilterframework2\" source-language=\"en-US\" "
	"target-language=\"de-DE\"><body>\n"
	"<trans-unit id=\"t1\"><source>Print the page. Serial number:</source>"
	"<seg-source><mrk mtype=\"seg\" mid=\"1\">Print the page.</mrk> <g id=\"9\"><mrk mtype=\"seg\" mid=\"2\">"
	"Serial number:</mrk></g></seg-source>"
	"<sdl:seg-defs><sdl:seg id=\"1\"/><sdl:seg id=\"2\"/></sdl:seg-defs></trans-unit>\n"
	"<trans-unit id=\"t2\"><source>Exit the program then. Print the page.</source>"
	"<seg-source><mrk mtype=\"seg\" mid=\"3\">Exit the program then.</mrk> <mrk mtype=\"seg\" mid=\"4\">"
	"Print the page.</mrk></seg-source>"
	"<target><mrk mtype=\"seg\" mid=\"3\">Alt.</mrk> </target>"
	"<sdl:seg-defs><sdl:seg id=\"3\" conf=\"Translated\" locked=\"true\"/><sdl:seg id=\"4\"/></sdl:seg-defs>"
	"</trans-unit>\n"
	"<trans-unit id=\"t3\"><source>Serial number:</source>"
	"<seg-source><mrk mtype=\"seg\" mid=\"5\">Serial number:</mrk></seg-source>"
	"<target><mrk mtype=\"seg\" mid=\"5\"/></target></trans-unit>\n"
	"</body></file></xliff>\n";

START_TEST(sdlxliff)
{
	tmk_tm *tm = test_tm();
	tmk_pretranslate_opts o = { .overwrite = 1 };
	tmk_pretranslate_report r;
	size_t len;
	char *got, *back;

	ck_assert_int_eq(run(tm, "job.sdlxliff", job_sdl, &r, &o), 0);
	ck_assert_int_eq(r.locked, 1);
	ck_assert_int_eq(r.exact + r.context, 4);
	got = read_back("out.xlf", &len);
	ck_assert_ptr_nonnull(strstr(got, "</seg-source><target><mrk mtype=\"seg\" mid=\"1\">Drucken Sie die Seite.</mrk>"
				     " <g id=\"9\"><mrk mtype=\"seg\" mid=\"2\">Seriennummer:</mrk></g></target>"
				     "<sdl:seg-defs><sdl:seg id=\"1\" conf=\"Translated\" origin=\"tm\" percent=\"100\"/>"
				     "<sdl:seg id=\"2\" conf=\"Translated\" origin=\"tm\" percent=\"100\""));
	/* the <sdl:seg> the reader does not give (no <mrk> in the target) is
	 * set, not added a second time */
	ck_assert_ptr_nonnull(strstr(got, "<target><mrk mtype=\"seg\" mid=\"3\">Alt.</mrk> <mrk mtype=\"seg\" mid=\"4\">"
				     "Drucken Sie die Seite.</mrk></target><sdl:seg-defs><sdl:seg id=\"3\" "
				     "conf=\"Translated\" locked=\"true\"/><sdl:seg id=\"4\" conf=\"Translated\" "
				     "origin=\"tm\" percent=\"100\""));
	ck_assert_ptr_nonnull(strstr(got, "<target><mrk mtype=\"seg\" mid=\"5\">Seriennummer:</mrk></target>"
				     "<sdl:seg-defs><sdl:seg id=\"5\" conf=\"Translated\" origin=\"tm\" percent=\"100\"/>"
				     "</sdl:seg-defs></trans-unit>"));
	ck_assert_ptr_null(strstr(got, "state="));
	free(got);
	back = reread("out.xlf");
	ck_assert_str_eq(back, "t1/1 translated Drucken Sie die Seite.|t1/2 translated Seriennummer:|"
			       "t2/3 translated Alt.|t2/4 translated Drucken Sie die Seite.|"
			       "t3/5 translated Seriennummer:|");
	free(back);
	tmk_tm_free(tm);
}
END_TEST

/* XLIFF 1.2 segmented by <seg-source> (not Trados): the <target> made
 * from <seg-source> or completed, one state for the unit, an <alt-trans>
 * a fuzzy segment (mid); and Trados' empty <sdl:seg-defs/>. */
static const char job_seg[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n"
	"<file original=\"a\" source-language=\"en-US\" target-language=\"de-DE\" datatype=\"plaintext\"><body>\n"
	"<trans-unit id=\"1\"><source>Print the page. Exit the program.</source>"
	"<seg-source><mrk mtype=\"seg\" mid=\"1\">Print the page.</mrk> <mrk mtype=\"seg\" mid=\"2\">Exit the program."
	"</mrk></seg-source></trans-unit>\n"
	"<trans-unit id=\"2\"><source>Print the page. Serial number:</source>"
	"<seg-source><mrk mtype=\"seg\" mid=\"3\">Print the page.</mrk> <mrk mtype=\"seg\" mid=\"4\">Serial number:"
	"</mrk></seg-source><target state=\"new\"><mrk mtype=\"seg\" mid=\"3\"/> </target></trans-unit>\n"
	"</body></file></xliff>\n";

static const char job_sdl_empty[] =
	"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	"<xliff xmlns:s=\"http://sdl.com/FileTypes/SdlXliff/1.0\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\" "
	"version=\"1.2\">\n"
	"<file original=\"a\" datatype=\"x-sdlfilterframework2\" source-language=\"en-US\" target-language=\"de-DE\">"
	"<body>\n"
	"<trans-unit id=\"t\"><source>Serial number:</source><seg-source><mrk mtype=\"seg\" mid=\"9\">Serial number:"
	"</mrk></seg-source><target><mrk mtype=\"seg\" mid=\"9\"></mrk></target><s:seg-defs/></trans-unit>\n"
	"</body></file></xliff>\n";

START_TEST(segmented)
{
	tmk_tm *tm = test_tm();
	tmk_pretranslate_opts o = { .fuzzy = 1 };
	tmk_pretranslate_report r;
	size_t len;
	char *got, *back;

	ck_assert_int_eq(run(tm, "seg.xlf", job_seg, &r, &o), 0);
	got = read_back("out.xlf", &len);
	ck_assert_ptr_nonnull(strstr(got, "</seg-source><target state=\"needs-review-translation\" state-qualifier="
				     "\"fuzzy-match\"><mrk mtype=\"seg\" mid=\"1\">Drucken Sie die Seite.</mrk> <mrk "
				     "mtype=\"seg\" mid=\"2\">Beenden Sie das Programm jetzt.</mrk></target><alt-trans "
				     "mid=\"2\" match-quality=\"97\" origin=\"tmkit\"><source>Exit the program then."
				     "</source>"));
	ck_assert_ptr_nonnull(strstr(got, "<target state=\"translated\" state-qualifier=\"exact-match\"><mrk "
				     "mtype=\"seg\" mid=\"3\">Drucken Sie die Seite.</mrk> <mrk mtype=\"seg\" mid=\"4\">"
				     "Seriennummer:</mrk></target></trans-unit>"));
	free(got);
	back = reread("out.xlf");
	ck_assert_str_eq(back, "1/1 draft Drucken Sie die Seite.|1/2 draft Beenden Sie das Programm jetzt.|"
			       "2/3 translated Drucken Sie die Seite.|2/4 translated Seriennummer:|");
	free(back);

	ck_assert_int_eq(run(tm, "empty.sdlxliff", job_sdl_empty, &r, &o), 0);
	got = read_back("out.xlf", &len);
	ck_assert_ptr_nonnull(strstr(got, "<target><mrk mtype=\"seg\" mid=\"9\">Seriennummer:</mrk></target>"
				     "<s:seg-defs><s:seg id=\"9\" conf=\"Translated\" origin=\"tm\" percent=\"100\"/>"
				     "</s:seg-defs></trans-unit>"));
	free(got);
	tmk_tm_free(tm);
}
END_TEST

static const char job_mq[] =
	"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	"<xliff xmlns=\"urn:oasis:names:tc:xliff:document:1.2\" xmlns:mq=\"MQXliff\" version=\"1.2\">\n"
	"<file original=\"m.docx\" source-language=\"en-US\" target-language=\"de-DE\" datatype=\"x-memoq\"><body>\n"
	"<trans-unit id=\"1\" mq:status=\"NotStarted\" mq:segmentguid=\"g1\">"
	"<source xml:space=\"preserve\">Print the page.</source><target xml:space=\"preserve\"></target></trans-unit>\n"
	"<trans-unit id=\"2\" mq:status=\"NotStarted\" mq:percent=\"0\">"
	"<source xml:space=\"preserve\">Exit the program.</source><target xml:space=\"preserve\"></target></trans-unit>\n"
	"<trans-unit id=\"3\" mq:status=\"NotStarted\" mq:locked=\"locked\">"
	"<source xml:space=\"preserve\">Serial number:</source><target xml:space=\"preserve\"></target></trans-unit>\n"
	"</body></file></xliff>\n";

START_TEST(mqxliff)
{
	tmk_tm *tm = test_tm();
	tmk_pretranslate_opts o = { .fuzzy = 1 };
	tmk_pretranslate_report r;
	size_t len;
	char *got, *back;

	ck_assert_int_eq(run(tm, "job.mqxliff", job_mq, &r, &o), 0);
	ck_assert_int_eq(r.exact + r.context, 1);
	ck_assert_int_eq(r.fuzzy, 1);
	ck_assert_int_eq(r.locked, 1);
	got = read_back("out.xlf", &len);
	ck_assert_ptr_nonnull(strstr(got, "<trans-unit id=\"1\" mq:status=\"Confirmed\" mq:segmentguid=\"g1\" "
				     "mq:percent=\"100\"><source xml:space=\"preserve\">Print the page.</source>"
				     "<target xml:space=\"preserve\">Drucken Sie die Seite.</target></trans-unit>"));
	ck_assert_ptr_nonnull(strstr(got, "<trans-unit id=\"2\" mq:status=\"Pretranslated\" mq:percent=\"97\">"));
	ck_assert_ptr_null(strstr(got, "alt-trans"));
	free(got);
	back = reread("out.xlf");
	ck_assert_str_eq(back, "1 translated Drucken Sie die Seite.|2 draft Beenden Sie das Programm jetzt.|3 new |");
	free(back);
	tmk_tm_free(tm);
}
END_TEST

START_TEST(utf16_job)
{
	tmk_tm *tm = test_tm();
	tmk_pretranslate_opts o = { 0 };
	tmk_pretranslate_report r;
	char buf[4096], out[8192];
	size_t n = 0, len, k;
	char *got, *back;
	const char *p = job12;

	put_char(buf, &n, 0xFEFF, 2);
	while (*p) {                    /* job12 as UTF-16LE, declared so */
		unsigned c = (unsigned char)*p;
		if (!strncmp(p, "UTF-8", 5)) {
			put_ascii(buf, &n, "UTF-16", 2);
			p += 5;
			continue;
		}
		if (c >= 0xC0) {        /* the two-byte characters of job12 */
			c = (c & 0x1F) << 6 | ((unsigned char)p[1] & 0x3F);
			p++;
		}
		put_char(buf, &n, c, 2);
		p++;
	}
	write_bytes("job16.xlf", buf, n);
	ck_assert_int_eq(run(tm, "job12.xlf", job12, &r, &o), 0);
	got = read_back("out.xlf", &len);
	{
		char in[128], o16[128];
		path_in(in, sizeof(in), "job16.xlf");
		path_in(o16, sizeof(o16), "out16.xlf");
		ck_assert_int_eq(tmk_pretranslate(tm, &r, in, o16, &o), 0);
	}
	/* the same bytes as the UTF-8 run's, as UTF-16LE */
	k = 0;
	put_char(out, &k, 0xFEFF, 2);
	for (p = got; *p;) {
		unsigned c = (unsigned char)*p;
		if (!strncmp(p, "UTF-8", 5)) {
			put_ascii(out, &k, "UTF-16", 2);
			p += 5;
			continue;
		}
		if (c >= 0xE0) {
			c = (c & 0x0F) << 12 | ((unsigned char)p[1] & 0x3F) << 6 | ((unsigned char)p[2] & 0x3F);
			p += 2;
		} else if (c >= 0xC0) {
			c = (c & 0x1F) << 6 | ((unsigned char)p[1] & 0x3F);
			p++;
		}
		put_char(out, &k, c, 2);
		p++;
	}
	free(got);
	got = read_back("out16.xlf", &len);
	ck_assert_uint_eq(len, k);
	ck_assert_int_eq(memcmp(got, out, k), 0);
	free(got);
	back = reread("out16.xlf");
	ck_assert_ptr_nonnull(strstr(back, "c translated Drucken Sie die Seite.|"));
	free(back);
	tmk_tm_free(tm);
}
END_TEST

START_TEST(refused)
{
	tmk_tm *tm = test_tm();
	tmk_pretranslate_opts o = { 0 };
	tmk_pretranslate_report r;
	char in[128], out[128], *fr = strdup(job12), *at;

	/* a target language the TM lacks */
	at = strstr(fr, "de-DE");
	memcpy(at, "fr-FR", 5);
	ck_assert_int_eq(run(tm, "fr.xlf", fr, &r, &o), TMK_EINPUT);
	ck_assert_ptr_nonnull(strstr(tmk_error_last(), "fr.xlf:3: the job is en-US -> fr-FR, but the TM holds no unit "
					"in that language pair (it holds en-US -> de-DE)"));
	path_in(out, sizeof(out), "out.xlf");
	ck_assert_int_eq(access(out, F_OK), -1);
	/* no target language */
	at = strstr(fr, " target-language=\"fr-FR\"");
	memset(at, ' ', 24);
	ck_assert_int_eq(run(tm, "none.xlf", fr, &r, &o), TMK_EINPUT);
	ck_assert_ptr_nonnull(strstr(tmk_error_last(), "names no target language"));
	/* a namespace prefix too long to write again (targets would fall
	 * outside the namespace) */
	{
		const char *pre = "ppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppp";
		char *lp = malloc(strlen(job12) * 3 + 4096), *w = lp;
		for (const char *c = job12; *c; c++) {
			if (c[0] == '<' && (c[1] == '/' || (c[1] >= 'a' && c[1] <= 'z'))) {
				*w++ = *c++;
				if (*c == '/')
					*w++ = *c++;
				w += sprintf(w, "%s:", pre);
			}
			*w++ = *c;
		}
		*w = '\0';
		at = strstr(lp, "xmlns=");
		memmove(at + 6 + strlen(pre), at + 5, strlen(at + 5) + 1);       /* xmlns:PRE= */
		at[5] = ':';
		memcpy(at + 6, pre, strlen(pre));
		ck_assert_int_eq(run(tm, "long.xlf", lp, &r, &o), TMK_EINPUT);
		ck_assert_ptr_nonnull(strstr(tmk_error_last(), "long.xlf:5: unit a: a namespace prefix of 63 bytes"));
		ck_assert_int_eq(access(out, F_OK), -1);
		free(lp);
	}
	/* the job itself, standard input, a --min out of range */
	path_in(in, sizeof(in), "none.xlf");
	ck_assert_int_eq(tmk_pretranslate(tm, &r, in, in, &o), TMK_EINVAL);
	ck_assert_int_eq(tmk_pretranslate(tm, &r, "-", out, &o), TMK_EINVAL);
	o.min = 101;
	ck_assert_int_eq(run(tm, "job.xlf", job12, &r, &o), TMK_EINVAL);
	o.min = 0;
	/* a folder that is not there: nothing written anywhere */
	path_in(in, sizeof(in), "job.xlf");
	path_in(out, sizeof(out), "no/such/out.xlf");
	ck_assert_int_eq(tmk_pretranslate(tm, &r, in, out, &o), TMK_EIO);
	/* not XLIFF */
	ck_assert_int_eq(run(tm, "tmx.xlf", "<tmx version=\"1.4\"><body/></tmx>", &r, &o), TMK_EINPUT);
	free(fr);
	tmk_tm_free(tm);
}
END_TEST

/* ---- --segment ----------------------------------------------------------------- */

static int collect_sources(void *ud, const tmk_xliff_unit *u)
{
	tmk_buf *b = ud;

	for (size_t i = 0; i < u->nsegs; i++) {
		const tmk_xliff_segment *s = &u->segs[i];
		tmk_xliff_display(b, s->source.text, s->source.len);
		for (size_t k = 0; k < s->nsource_codes; k++)
			tmk_buf_printf(b, "{%.*s}", (int)s->codes[k].markup_len, s->codes[k].markup);
		tmk_buf_putc(b, '|');
	}
	return 0;
}

/* The sources of the output NAME as the reader reads them: the plain
 * text with codes as ⟨n⟩, then each code's markup in braces, "|" a
 * segment. */
static char *reread_sources(const char *name)
{
	tmk_buf b = TMK_BUF_INIT;
	tmk_xliff_reader r = { collect_sources, NULL, &b, "" };
	char path[128];

	path_in(path, sizeof(path), name);
	ck_assert_int_eq(tmk_xliff_read(&r, path), 0);
	return tmk_buf_detach(&b);
}

#define MRK1 "<mrk mtype=\"seg\" mid=\"1\">"
#define MRK2 "<mrk mtype=\"seg\" mid=\"2\">"

/* Where the boundaries go: a one-unit 1.2 job with SOURCE in LANG; the
 * <seg-source> written (NULL: none, the unit not split; REFUSED: because
 * of a paired code) and the sentences as the reader reads them back. */
static const struct {
	const char *lang, *source, *seg_source;
	int refused;
	const char *back;
} seg_cases[] = {
	{ "en-US", "Print the page. Exit the program then.",
	  MRK1 "Print the page.</mrk> " MRK2 "Exit the program then.</mrk>", 0,
	  "Print the page.|Exit the program then.|" },
	/* a closing code stays with its sentence, a placeholder where it stands */
	{ "en-US", "<g id=\"1\">Save.</g> Then <x id=\"2\"/>go home.",
	  MRK1 "<g id=\"1\">Save.</g></mrk> " MRK2 "Then <x id=\"2\"/>go home.</mrk>", 0,
	  "⟨1⟩Save.⟨2⟩{<g id=\"1\">}{</g>}|Then ⟨1⟩go home.{<x id=\"2\"/>}|" },
	{ "en-US", "Done.<x id=\"1\"/>Next one.", MRK1 "Done.<x id=\"1\"/></mrk>" MRK2 "Next one.</mrk>", 0,
	  "Done.⟨1⟩{<x id=\"1\"/>}|Next one.|" },
	{ "en-US", "Done.<x id=\"1\"/> Next one.", MRK1 "Done.<x id=\"1\"/></mrk> " MRK2 "Next one.</mrk>", 0,
	  "Done.⟨1⟩{<x id=\"1\"/>}|Next one.|" },
	{ "en-US", "Done. <x id=\"1\"/>Next one.", MRK1 "Done.</mrk> " MRK2 "<x id=\"1\"/>Next one.</mrk>", 0,
	  "Done.|⟨1⟩Next one.{<x id=\"1\"/>}|" },
	/* an opening code before the white space goes with the next sentence,
	 * a closing one after it with the sentence before */
	{ "en-US", "It was done.<g id=\"1\"> Then</g> it ended.",
	  MRK1 "It was done.</mrk>" MRK2 "<g id=\"1\"> Then</g> it ended.</mrk>", 0,
	  "It was done.|⟨1⟩ Then⟨2⟩ it ended.{<g id=\"1\">}{</g>}|" },
	{ "en-US", "<g id=\"1\">It was done. </g>Then it ended.",
	  MRK1 "<g id=\"1\">It was done. </g></mrk>" MRK2 "Then it ended.</mrk>", 0,
	  "⟨1⟩It was done. ⟨2⟩{<g id=\"1\">}{</g>}|Then it ended.|" },
	{ "en-US", "<mrk mtype=\"term\" mid=\"t\">Term one</mrk> is here. Second one.",
	  MRK1 "<mrk mtype=\"term\" mid=\"t\">Term one</mrk> is here.</mrk> " MRK2 "Second one.</mrk>", 0,
	  "⟨1⟩Term one⟨2⟩ is here.{<mrk mtype=\"term\" mid=\"t\">}{</mrk>}|Second one.|" },
	{ "en-US", "Turn the <ph id=\"1\">&lt;br/&gt;</ph> printer off. Then leave.",
	  MRK1 "Turn the <ph id=\"1\">&lt;br/&gt;</ph> printer off.</mrk> " MRK2 "Then leave.</mrk>", 0,
	  "Turn the ⟨1⟩ printer off.{<ph id=\"1\">&lt;br/&gt;</ph>}|Then leave.|" },
	/* a boundary inside a pair: not split */
	{ "en-US", "Press <bpt id=\"1\">&lt;b&gt;</bpt>here. Then<ept id=\"1\">&lt;/b&gt;</ept> go.", NULL, 1,
	  "Press ⟨1⟩here. Then⟨2⟩ go.{<bpt id=\"1\">&lt;b&gt;</bpt>}{<ept id=\"1\">&lt;/b&gt;</ept>}|" },
	{ "en-US", "<g id=\"1\">One thing. Another thing.</g>", NULL, 1,
	  "⟨1⟩One thing. Another thing.⟨2⟩{<g id=\"1\">}{</g>}|" },
	/* one sentence; text the reader does not see as written */
	{ "en-US", "Dr. Smith is here.", NULL, 0, "Dr. Smith is here.|" },
	{ "en-US", "Stra&#xDF;e is one. <!-- c --> Two &amp; <![CDATA[three]]>.",
	  MRK1 "Stra&#xDF;e is one.</mrk> <!-- c --> " MRK2 "Two &amp; <![CDATA[three]]>.</mrk>", 0,
	  "Straße is one.|Two & three.|" },
	{ "en-US", "Cafe\xCC\x81 is open. We go.", MRK1 "Cafe\xCC\x81 is open.</mrk> " MRK2 "We go.</mrk>", 0,
	  "Caf\xC3\xA9 is open.|We go.|" },
	/* white space around and between, line breaks as spaces */
	{ "en-US", "\n  First one here.\n  Second one\n  there.\n",
	  "\n  " MRK1 "First one here.</mrk>\n  " MRK2 "Second one\n  there.</mrk>\n", 0,
	  "First one here.|Second one\n  there.|" },
	{ "de-DE", "Am 3. Mai kam er an. Dann ging er z. B. heim.",
	  MRK1 "Am 3. Mai kam er an.</mrk> " MRK2 "Dann ging er z. B. heim.</mrk>", 0,
	  "Am 3. Mai kam er an.|Dann ging er z. B. heim.|" },
	/* markup that is neither code nor text; a reserved character */
	{ "en-US", "<mrk mtype=\"x-sdl-added\">One here.</mrk> Two there.", NULL, 0, "One here. Two there.|" },
};

START_TEST(segment_boundaries)
{
	tmk_tm *tm = test_tm();
	tmk_pretranslate_opts o = { .segment = 1 };
	tmk_pretranslate_report r;
	tmk_buf job = TMK_BUF_INIT, want = TMK_BUF_INIT;
	const char *tgt = !strcmp(seg_cases[_i].lang, "de-DE") ? "en-US" : "de-DE";
	size_t len;
	char *got, *back;

	tmk_buf_printf(&job, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xliff version=\"1.2\" "
		       "xmlns=\"urn:oasis:names:tc:xliff:document:1.2\"><file original=\"a\" source-language=\"%s\" "
		       "target-language=\"%s\" datatype=\"plaintext\"><body>\n<trans-unit id=\"u\"><source>%s</source>"
		       "</trans-unit>\n</body></file></xliff>\n", seg_cases[_i].lang, tgt, seg_cases[_i].source);
	ck_assert_int_eq(run(tm, "job.xlf", job.ptr, &r, &o), 0);
	got = read_back("out.xlf", &len);
	if (seg_cases[_i].seg_source) {
		tmk_buf_printf(&want, "</source><seg-source>%s</seg-source>", seg_cases[_i].seg_source);
		ck_assert_msg(strstr(got, want.ptr), "want %s in\n%s", want.ptr, got);
		ck_assert_int_eq(r.split_units, 1);
		ck_assert_int_eq(r.split_segments, 2);
		ck_assert_int_eq(r.segments, 2);
	} else {
		ck_assert_str_eq(got, job.ptr);         /* as it was */
		ck_assert_int_eq(r.split_units, 0);
		ck_assert_int_eq(r.segments, 1);
	}
	ck_assert_int_eq(r.split_refused, seg_cases[_i].refused);
	free(got);
	back = reread_sources("out.xlf");
	ck_assert_str_eq(back, seg_cases[_i].back);
	free(back);
	tmk_buf_release(&job);
	tmk_buf_release(&want);
	tmk_tm_free(tm);
}
END_TEST

/* XLIFF 1.2 with --segment: a unit already segmented (its mids are
 * taken), sentences filled from exact, context and fuzzy matches, one
 * without a match, targets empty, with text and none, translate="no". */
static const char job_split12[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n"
	"<file original=\"a\" source-language=\"en-US\" target-language=\"de-DE\" datatype=\"plaintext\"><body>\n"
	"<trans-unit id=\"a\">\n"
	"  <source>Print the page. Exit the program then.</source>\n"
	"</trans-unit>\n"
	"<trans-unit id=\"s\"><source>Serial number:</source><seg-source><mrk mtype=\"seg\" mid=\"1\">Serial number:"
	"</mrk></seg-source></trans-unit>\n"
	"<trans-unit id=\"b\">\n"
	"  <source>Exit the program. Print the page.</source>\n"
	"  <target state=\"new\"></target>\n"
	"  <note>keep me</note>\n"
	"</trans-unit>\n"
	"<trans-unit id=\"c\"><source>Nothing here matches. Print the page.</source></trans-unit>\n"
	"<trans-unit id=\"d\"><source>Print the page. Exit the program then.</source><target>Alt.</target></trans-unit>\n"
	"<trans-unit id=\"e\"><source>Print the page. Nothing matches.</source><target>Alt.</target></trans-unit>\n"
	"<trans-unit id=\"f\" translate=\"no\"><source>Print the page. Exit the program then.</source></trans-unit>\n"
	"</body></file></xliff>\n";

START_TEST(segment_12)
{
	tmk_tm *tm = test_tm();
	tmk_pretranslate_opts o = { .segment = 1, .fuzzy = 1 };
	tmk_pretranslate_report r;
	size_t len;
	char *got, *back;

	ck_assert_int_eq(run(tm, "job.xlf", job_split12, &r, &o), 0);
	ck_assert_int_eq(r.split_units, 3);     /* a, b, c; d and e have targets */
	ck_assert_int_eq(r.split_segments, 6);
	ck_assert_int_eq(r.segments, 9);
	ck_assert_int_eq(r.kept, 2);
	ck_assert_int_eq(r.exact + r.context, 5);       /* s, a twice, b's and c's second */
	ck_assert_int_eq(r.context, 1);         /* a's second: its neighbours as in the TM */
	ck_assert_int_eq(r.fuzzy, 1);
	ck_assert_int_eq(r.none, 1);
	got = read_back("out.xlf", &len);
	/* the seg-source indented like <source>, mids the file does not have */
	ck_assert_ptr_nonnull(strstr(got, "<trans-unit id=\"a\">\n  <source>Print the page. Exit the program then.</source>\n"
				     "  <seg-source><mrk mtype=\"seg\" mid=\"2\">Print the page.</mrk> <mrk mtype=\"seg\" "
				     "mid=\"3\">Exit the program then.</mrk></seg-source>\n"
				     "  <target state=\"translated\" state-qualifier=\"exact-match\"><mrk mtype=\"seg\" "
				     "mid=\"2\">Drucken Sie die Seite.</mrk> <mrk mtype=\"seg\" mid=\"3\">Beenden Sie das "
				     "Programm jetzt.</mrk></target>\n</trans-unit>"));
	/* the empty target filled; a fuzzy sentence's alternative with its mid */
	ck_assert_ptr_nonnull(strstr(got, "  <source>Exit the program. Print the page.</source>\n  <seg-source>"
				     "<mrk mtype=\"seg\" mid=\"4\">Exit the program.</mrk> <mrk mtype=\"seg\" mid=\"5\">"
				     "Print the page.</mrk></seg-source>\n  <target state=\"needs-review-translation\" "
				     "state-qualifier=\"fuzzy-match\"><mrk mtype=\"seg\" mid=\"4\">Beenden Sie das Programm "
				     "jetzt.</mrk> <mrk mtype=\"seg\" mid=\"5\">Drucken Sie die Seite.</mrk></target>\n"
				     "  <alt-trans mid=\"4\" match-quality=\"97\" origin=\"tmkit\"><source>Exit the program "
				     "then.</source><target>Beenden Sie das Programm jetzt.</target></alt-trans>\n"
				     "  <note>keep me</note>"));
	/* a sentence without a match: its <mrk> empty */
	ck_assert_ptr_nonnull(strstr(got, "<source>Nothing here matches. Print the page.</source><seg-source><mrk "
				     "mtype=\"seg\" mid=\"6\">Nothing here matches.</mrk> <mrk mtype=\"seg\" mid=\"7\">Print "
				     "the page.</mrk></seg-source><target state=\"needs-review-translation\" "
				     "state-qualifier=\"exact-match\"><mrk mtype=\"seg\" mid=\"6\"></mrk> <mrk mtype=\"seg\" "
				     "mid=\"7\">Drucken Sie die Seite.</mrk></target></trans-unit>"));
	ck_assert_ptr_nonnull(strstr(got, "<trans-unit id=\"d\"><source>Print the page. Exit the program then.</source>"
				     "<target>Alt.</target></trans-unit>"));
	ck_assert_ptr_nonnull(strstr(got, "<trans-unit id=\"f\" translate=\"no\"><source>Print the page. Exit the "
				     "program then.</source></trans-unit>"));
	free(got);
	back = reread("out.xlf");
	ck_assert_str_eq(back, "a/2 translated Drucken Sie die Seite.|"
			       "a/3 translated Beenden Sie das Programm jetzt.|s/1 translated Seriennummer:|b/4 draft Beenden Sie das Programm jetzt.|"
			       "b/5 draft Drucken Sie die Seite.|c/6 draft |c/7 draft Drucken Sie die Seite.|"
			       "d translated Alt.|e translated Alt.|f new -|");
	free(back);

	/* --overwrite: d's sentences are all filled, so its target is
	 * replaced; e's old translation stays, as e does (one sentence lacks
	 * a match) */
	o.overwrite = 1;
	o.fuzzy = 0;
	ck_assert_int_eq(run(tm, "job.xlf", job_split12, &r, &o), 0);
	ck_assert_int_eq(r.split_units, 4);
	ck_assert_int_eq(r.segments, 10);
	ck_assert_int_eq(r.kept, 0);
	ck_assert_int_eq(r.none, 3);            /* b's and c's first, e */
	got = read_back("out.xlf", &len);
	ck_assert_ptr_nonnull(strstr(got, "<trans-unit id=\"d\"><source>Print the page. Exit the program then.</source>"
				     "<seg-source><mrk mtype=\"seg\" mid=\"8\">Print the page.</mrk> <mrk mtype=\"seg\" "
				     "mid=\"9\">Exit the program then.</mrk></seg-source><target state=\"translated\" "
				     "state-qualifier=\"exact-match\"><mrk mtype=\"seg\" mid=\"8\">Drucken Sie die Seite."
				     "</mrk> <mrk mtype=\"seg\" mid=\"9\">Beenden Sie das Programm jetzt.</mrk></target>"
				     "</trans-unit>"));
	ck_assert_ptr_nonnull(strstr(got, "<trans-unit id=\"e\"><source>Print the page. Nothing matches.</source>"
				     "<target>Alt.</target></trans-unit>"));
	free(got);
	tmk_tm_free(tm);
}
END_TEST

/* XLIFF 2.0 with --segment: ids kept and made (the file's ids taken,
 * data ids among them), white space in <ignorable>s, each segment's
 * state, a fuzzy sentence's match pointing at its new id; canResegment
 * on the file's group, a unit and a segment; a unit of two segments. */
static const char job_split20[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"en-US\" trgLang=\"de-DE\">\n"
	" <file id=\"f1\">\n"
	"  <unit id=\"u1\">\n"
	"   <segment id=\"s2\" state=\"initial\">\n"
	"    <source>Print the page. Exit the program.</source>\n"
	"   </segment>\n"
	"  </unit>\n"
	"  <unit id=\"u2\"><originalData><data id=\"s1\">&lt;b&gt;</data></originalData>"
	"<segment><source xml:space=\"preserve\">Press <pc id=\"1\" dataRefStart=\"s1\">here</pc>. Print the page. "
	"</source><target></target></segment></unit>\n"
	"  <unit id=\"u3\" canResegment=\"no\"><segment><source>Print the page. Exit the program.</source></segment>"
	"</unit>\n"
	"  <group id=\"g\" canResegment=\"no\">\n"
	"   <unit id=\"u4\"><segment><source>Print the page. Exit the program.</source></segment></unit>\n"
	"   <unit id=\"u5\" canResegment=\"yes\"><segment><source>Print the page. Nothing.</source></segment></unit>\n"
	"  </group>\n"
	"  <unit id=\"u6\"><segment canResegment=\"no\"><source>Print the page. Exit the program.</source></segment>"
	"</unit>\n"
	"  <unit id=\"u7\"><segment><source>Print the page.</source></segment><ignorable><source> </source></ignorable>"
	"<segment><source>One here. Two there.</source></segment></unit>\n"
	" </file>\n"
	"</xliff>\n";

START_TEST(segment_20)
{
	tmk_tm *tm = test_tm();
	tmk_pretranslate_opts o = { .segment = 1, .fuzzy = 1 };
	tmk_pretranslate_report r;
	size_t len;
	char *got, *back;

	ck_assert_int_eq(run(tm, "job.xlf", job_split20, &r, &o), 0);
	ck_assert_int_eq(r.split_units, 3);     /* u1, u2, u5 */
	ck_assert_int_eq(r.segments, 11);
	got = read_back("out.xlf", &len);
	ck_assert_ptr_nonnull(strstr(got, "  <unit id=\"u1\">\n   <mtc:matches xmlns:mtc=\"urn:oasis:names:tc:xliff:matches:"
				     "2.0\"><mtc:match ref=\"#s3\" similarity=\"97\" type=\"tm\" origin=\"tmkit\"><source>"
				     "Exit the program then.</source><target>Beenden Sie das Programm jetzt.</target>"
				     "</mtc:match></mtc:matches>\n"
				     "   <segment id=\"s2\" state=\"translated\">\n    <source>Print the page.</source>\n"
				     "    <target>Drucken Sie die Seite.</target>\n   </segment>\n"
				     "   <ignorable>\n    <source> </source>\n   </ignorable>\n"
				     "   <segment id=\"s3\" state=\"initial\">\n    <source>Exit the program.</source>\n"
				     "    <target>Beenden Sie das Programm jetzt.</target>\n   </segment>\n  </unit>"));
	/* a sentence without a match gets no state; the empty target goes;
	 * white space before and after in <ignorable>s as well */
	ck_assert_ptr_nonnull(strstr(got, "</originalData><segment id=\"s4\"><source xml:space=\"preserve\">Press "
				     "<pc id=\"1\" dataRefStart=\"s1\">here</pc>.</source></segment><ignorable><source "
				     "xml:space=\"preserve\"> </source></ignorable><segment id=\"s5\" state=\"translated\">"
				     "<source xml:space=\"preserve\">Print the page.</source><target xml:space=\"preserve\">"
				     "Drucken Sie die Seite.</target></segment><ignorable><source xml:space=\"preserve\"> "
				     "</source></ignorable></unit>"));
	/* not split: canResegment="no" (no match for the whole either) */
	ck_assert_ptr_nonnull(strstr(got, "<unit id=\"u3\" canResegment=\"no\"><segment><source>Print the page. Exit the "
				     "program.</source></segment></unit>"));
	ck_assert_ptr_nonnull(strstr(got, "<unit id=\"u4\"><segment><source>Print the page. Exit the program.</source>"
				     "</segment></unit>"));
	ck_assert_ptr_nonnull(strstr(got, "<unit id=\"u5\" canResegment=\"yes\"><segment id=\"s6\" state=\"translated\">"
				     "<source>Print the page.</source><target>Drucken Sie die Seite.</target></segment>"
				     "<ignorable><source> </source></ignorable><segment id=\"s7\"><source>Nothing."
				     "</source></segment></unit>"));
	ck_assert_ptr_nonnull(strstr(got, "<unit id=\"u6\"><segment canResegment=\"no\"><source>Print the page. Exit "
				     "the program.</source></segment></unit>"));
	ck_assert_ptr_nonnull(strstr(got, "<segment><source>One here. Two there.</source></segment></unit>"));
	free(got);
	back = reread("out.xlf");
	ck_assert_str_eq(back, "u1/s2 translated Drucken Sie die Seite.|u1/s3 draft Beenden Sie das Programm jetzt.|"
			       "u2/s4 new -|u2/s5 translated Drucken Sie die Seite.|"
			       "u3 new -|u4 new -|u5/s6 translated Drucken Sie die Seite.|u5/s7 new -|u6 new -|"
			       "u7#1 translated Drucken Sie die Seite.|u7#2 new -|");
	free(back);
	back = reread_sources("out.xlf");
	ck_assert_ptr_eq(strstr(back, "Print the page.|Exit the program.|Press ⟨1⟩here⟨2⟩.{<pc id=\"1\" "
				 "dataRefStart=\"s1\">}{</pc>}|Print the page.|"), back);
	free(back);
	tmk_tm_free(tm);
}
END_TEST

/* Trados and memoQ segment their files themselves: --segment changes
 * nothing there, and a language without sentence rules is an error. */
START_TEST(segment_left_alone)
{
	tmk_tm *tm = test_tm();
	tmk_pretranslate_opts o = { .fuzzy = 1 }, os = { .fuzzy = 1, .segment = 1 };
	tmk_pretranslate_report r;
	static const char sdl[] =
		"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
		"<xliff xmlns:sdl=\"http://sdl.com/FileTypes/SdlXliff/1.0\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\" "
		"version=\"1.2\"><file original=\"a\" datatype=\"x\" source-language=\"en-US\" target-language=\"de-DE\">"
		"<body>\n<trans-unit id=\"t\"><source>Print the page. Exit the program then.</source></trans-unit>\n"
		"</body></file></xliff>\n";
	static const char mq[] =
		"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
		"<xliff xmlns=\"urn:oasis:names:tc:xliff:document:1.2\" xmlns:mq=\"MQXliff\" version=\"1.2\">\n"
		"<file original=\"m\" source-language=\"en-US\" target-language=\"de-DE\" datatype=\"x-memoq\"><body>\n"
		"<trans-unit id=\"1\" mq:status=\"NotStarted\"><source>Print the page. Exit the program then.</source>"
		"<target></target></trans-unit>\n</body></file></xliff>\n";
	const char *jobs[] = { sdl, mq };
	char *plain, *seg, *fr, *at;
	size_t len;

	for (size_t i = 0; i < 2; i++) {
		ck_assert_int_eq(run(tm, "job.xlf", jobs[i], &r, &o), 0);
		plain = read_back("out.xlf", &len);
		ck_assert_int_eq(run(tm, "job.xlf", jobs[i], &r, &os), 0);
		ck_assert_int_eq(r.split_units, 0);
		seg = read_back("out.xlf", &len);
		ck_assert_str_eq(seg, plain);
		free(plain);
		free(seg);
	}
	fr = strdup(job_split12);
	at = strstr(fr, "en-US");
	memcpy(at, "fr-FR", 5);
	ck_assert_int_eq(run(tm, "fr.xlf", fr, &r, &os), TMK_EINPUT);
	ck_assert_ptr_nonnull(strstr(tmk_error_last(), "fr.xlf:4: --segment: no sentence rules for the source language "
					"'fr-FR' (there are: de, en)"));
	free(fr);
	tmk_tm_free(tm);
}
END_TEST

static TCase *pretranslate_tcase(void)
{
	TCase *tc = tcase_create("pretranslate");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, xliff12);
	tcase_add_test(tc, xliff20);
	tcase_add_test(tc, sdlxliff);
	tcase_add_test(tc, segmented);
	tcase_add_test(tc, mqxliff);
	tcase_add_test(tc, utf16_job);
	tcase_add_test(tc, refused);
	tcase_add_loop_test(tc, segment_boundaries, 0, sizeof(seg_cases) / sizeof(seg_cases[0]));
	tcase_add_test(tc, segment_12);
	tcase_add_test(tc, segment_20);
	tcase_add_test(tc, segment_left_alone);
	return tc;
}

static Suite *pretranslate_suite(void)
{
	Suite *s = suite_create("pretranslate");
	TCase *tc = tcase_create("edit");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, tag_edit, 0, sizeof(tag_cases) / sizeof(tag_cases[0]));
	tcase_add_test(tc, tag_reading);
	tcase_add_loop_test(tc, restore, 0, sizeof(restore_cases) / sizeof(restore_cases[0]));
	tcase_add_test(tc, restore_nesting);
	tcase_add_test(tc, doc_splices);
	tcase_add_loop_test(tc, encodings, 0, sizeof(enc_cases) / sizeof(enc_cases[0]));
	tcase_add_test(tc, bad_docs);
	suite_add_tcase(s, tc);
	suite_add_tcase(s, pretranslate_tcase());
	return s;
}

TEST_MAIN(pretranslate_suite)
