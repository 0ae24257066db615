/* test_srx.c - SRX 2.0 rules (srx.c, srx_export.c).
 *
 * Small SRX files written for tmkit (tests/data/segment/srx/: an
 * OmegaT-like default with abbreviation exceptions and de/en/.* maps,
 * cascade on and off, and broken ones) are read and applied; broken files
 * must fail with the file, the line and what is wrong.  The round trip:
 * tmkit's own rules exported as SRX, read back, must split the project's
 * sample articles and the cases of tests/data/segment/{de,en}.cases as
 * tmkit's own segmenter does. */
#include <string.h>

#include "error.h"
#include "segment.h"
#include "srx.h"
#include "tests.h"

#define SRX_DIR TMK_TEST_DATA "/segment/srx/"

/* The sentences of TEXT under RULES for LANG, joined with " | ". */
static char *split(tmk_srx *srx, const char *lang, const char *text)
{
	tmk_sentence *s;
	size_t n;
	tmk_buf out = TMK_BUF_INIT;

	ck_assert_msg(tmk_srx_segment(srx, lang, text, strlen(text), &s, &n) == 0, "%s", tmk_error_last());
	for (size_t i = 0; i < n; i++) {
		if (i)
			tmk_buf_puts(&out, " | ");
		tmk_buf_put(&out, text + s[i].start, s[i].end - s[i].start);
	}
	free(s);
	tmk_buf_putc(&out, '\0');
	return tmk_buf_detach(&out);
}

static tmk_srx *load(const char *file)
{
	tmk_srx *srx;

	ck_assert_msg(tmk_srx_load(&srx, file) == 0, "%s: %s", file, tmk_error_last());
	return srx;
}

static void expect_split(tmk_srx *srx, const char *lang, const char *text, const char *want)
{
	char *got = split(srx, lang, text);

	ck_assert_msg(strcmp(got, want) == 0, "%s: '%s'\n got: %s\nwant: %s", lang, text, got, want);
	free(got);
}

START_TEST(cascade_yes)
{
	tmk_srx *srx = load(SRX_DIR "default.srx");

	ck_assert(tmk_srx_cascade(srx));
	ck_assert_uint_eq(tmk_srx_rule_count(srx, "de"), 3 + 3);
	ck_assert_uint_eq(tmk_srx_rule_count(srx, "de-AT"), 3 + 3);
	ck_assert_uint_eq(tmk_srx_rule_count(srx, "EN-gb"), 1 + 3);
	ck_assert_uint_eq(tmk_srx_rule_count(srx, "fr"), 3);
	/* German exceptions, then the default rules; afterbreak decides "z. | B." */
	expect_split(srx, "de", "Das gilt z. B. für Dr. Meier. Er kam am 3. Oktober. Wirklich? Ja!",
		     "Das gilt z. B. für Dr. Meier. | Er kam am 3. Oktober. | Wirklich? | Ja!");
	/* the English exceptions do not apply to German */
	expect_split(srx, "de", "Er traf Mr. Smith.", "Er traf Mr. | Smith.");
	expect_split(srx, "en", "He met Mr. Smith, e.g. in the U.S. on Monday. Then he left.",
		     "He met Mr. Smith, e.g. in the U.S. on Monday. | Then he left.");
	/* a line break is a break by the default rules ... */
	expect_split(srx, "fr", "Un. Deux\ntrois. 4. Quatre", "Un. | Deux | trois. | 4. | Quatre");
	/* ... and the list-number exception holds at the start only */
	expect_split(srx, "fr", "1. Premier point", "1. Premier point");
	/* a closing quote stays with its sentence */
	expect_split(srx, "en", "He said: \"Stop.\" Then he left.", "He said: \"Stop.\" | Then he left.");
	tmk_srx_free(srx);
}
END_TEST

START_TEST(cascade_no)
{
	tmk_srx *srx = load(SRX_DIR "nocascade.srx");

	ck_assert(!tmk_srx_cascade(srx));
	ck_assert_uint_eq(tmk_srx_rule_count(srx, "de"), 3);
	ck_assert_uint_eq(tmk_srx_rule_count(srx, "fr"), 3);
	/* the German map alone: exceptions and no break rule */
	expect_split(srx, "de", "Das gilt z. B. für Dr. Meier. Er kam.", "Das gilt z. B. für Dr. Meier. Er kam.");
	expect_split(srx, "fr", "Un. Deux.", "Un. | Deux.");
	/* a blank line is a paragraph end whatever the rules */
	expect_split(srx, "de", "Eins. Zwei.\n\nDrei.", "Eins. Zwei. | Drei.");
	tmk_srx_free(srx);
}
END_TEST

START_TEST(no_map)
{
	const char *doc = "<srx xmlns='http://www.lisa.org/srx20' version='2.0'><header segmentsubflows='no' "
			  "cascade='no'/><body><languagerules><languagerule languagerulename='x'><rule>"
			  "<beforebreak>\\.</beforebreak><afterbreak>\\s</afterbreak></rule></languagerule>"
			  "</languagerules><maprules><languagemap languagepattern='de' languagerulename='x'/>"
			  "</maprules></body></srx>";
	tmk_srx *srx;
	tmk_sentence *s;
	size_t n;

	ck_assert_int_eq(tmk_srx_parse(&srx, "mem.srx", doc, strlen(doc)), 0);
	/* the pattern must match the whole tag */
	ck_assert_uint_eq(tmk_srx_rule_count(srx, "de-CH"), 0);
	ck_assert_int_eq(tmk_srx_segment(srx, "en", "A. B.", 5, &s, &n), TMK_EINVAL);
	ck_assert_ptr_nonnull(strstr(tmk_error_last(), "'en'"));
	expect_split(srx, "de", "A. B.", "A. | B.");
	tmk_srx_free(srx);
}
END_TEST

/* Each broken file: TMK_EINPUT, a message with these parts. */
static const struct {
	const char *file;
	const char *want[3];
} broken[] = {
	{ "not-xml.srx", { "not-xml.srx:1:1:", "not well-formed XML" } },
	{ "truncated.srx", { "truncated.srx:", "not well-formed XML" } },
	{ "wrong-ns.srx", { "wrong-ns.srx:7:", "not in the SRX 2.0 namespace" } },
	{ "version1.srx", { "version1.srx:7:", "version \"1.0\" is not supported" } },
	{ "bad-regex.srx", { "bad-regex.srx:", "rule 1 of languagerule \"English\" (line 31)",
			     "U_REGEX_MISMATCHED_PAREN" } },
	{ "missing-rule.srx", { "missing-rule.srx:53:", "languagerule \"Standard\"", "does not define" } },
	{ "billion-laughs.srx", { "billion-laughs.srx:3:", "entity declaration 'a' refused" } },
};

START_TEST(broken_files)
{
	char path[512];
	tmk_srx *srx = (tmk_srx *)&srx;

	snprintf(path, sizeof(path), SRX_DIR "%s", broken[_i].file);
	ck_assert_int_eq(tmk_srx_load(&srx, path), TMK_EINPUT);
	ck_assert_ptr_null(srx);
	for (int k = 0; k < 3 && broken[_i].want[k]; k++)
		ck_assert_msg(strstr(tmk_error_last(), broken[_i].want[k]), "%s: '%s' lacks '%s'",
			      broken[_i].file, tmk_error_last(), broken[_i].want[k]);
}
END_TEST

START_TEST(broken_in_memory)
{
	tmk_srx *srx;
	const char *empty_rule = "<srx xmlns='http://www.lisa.org/srx20' version='2.0'><header "
				 "segmentsubflows='no' cascade='maybe'/></srx>";

	ck_assert_int_eq(tmk_srx_parse(&srx, "e.srx", "", 0), TMK_EINPUT);
	ck_assert_ptr_nonnull(strstr(tmk_error_last(), "e.srx: empty file"));
	ck_assert_int_eq(tmk_srx_parse(&srx, "c.srx", empty_rule, strlen(empty_rule)), TMK_EINPUT);
	ck_assert_ptr_nonnull(strstr(tmk_error_last(), "c.srx:1: <header>: cascade"));
	ck_assert_int_eq(tmk_srx_load(&srx, SRX_DIR "does-not-exist.srx"), TMK_EIO);
}
END_TEST

/* ---- the round trip ---------------------------------------------------- */

static tmk_srx *exported;

/* TEXT split by tmkit's own segmenter and by its exported rules: the
 * same sentences, else a message naming WHERE. */
static void same_as_tmkit(const char *lang, const char *text, size_t len, const char *where)
{
	tmk_segmenter *seg;
	tmk_sentence *a, *b;
	size_t na, nb;

	ck_assert_int_eq(tmk_segmenter_new(&seg, lang, 0), 0);
	ck_assert_int_eq(tmk_segment(seg, text, len, &a, &na), 0);
	ck_assert_msg(tmk_srx_segment(exported, lang, text, len, &b, &nb) == 0, "%s", tmk_error_last());
	for (size_t i = 0; i < na || i < nb; i++) {
		ck_assert_msg(i < na && i < nb && a[i].start == b[i].start && a[i].end == b[i].end,
			      "%s: sentence %zu differs: tmkit '%.*s', SRX '%.*s'", where, i + 1,
			      i < na ? (int)(a[i].end - a[i].start) : 6, i < na ? text + a[i].start : "(none)",
			      i < nb ? (int)(b[i].end - b[i].start) : 6, i < nb ? text + b[i].start : "(none)");
	}
	free(a);
	free(b);
	tmk_segmenter_free(seg);
}

static void export_setup(void)
{
	const char *langs[] = { "de", "en" };
	tmk_buf b = TMK_BUF_INIT;

	if (tmk_srx_export(&b, langs, 2) < 0 || tmk_srx_parse(&exported, "export.srx", b.ptr, b.len) < 0) {
		fprintf(stderr, "export: %s\n", tmk_error_last());
		exit(EXIT_FAILURE);
	}
	tmk_buf_release(&b);
}

static void export_teardown(void)
{
	tmk_srx_free(exported);
}

START_TEST(export_shape)
{
	const char *langs[] = { "de" };
	tmk_buf b = TMK_BUF_INIT;

	ck_assert_int_eq(tmk_srx_export(&b, langs, 1), 0);
	tmk_buf_putc(&b, '\0');
	ck_assert_ptr_nonnull(strstr(b.ptr, "<srx xmlns=\"http://www.lisa.org/srx20\" version=\"2.0\">"));
	ck_assert_ptr_nonnull(strstr(b.ptr, "languagerulename=\"tmkit-de\""));
	ck_assert_ptr_null(strstr(b.ptr, "tmkit-en"));
	ck_assert_ptr_nonnull(strstr(b.ptr, "What SRX cannot express"));
	ck_assert_ptr_nonnull(strstr(b.ptr, "Dipl\\.-Ing"));           /* an abbreviation from the list */
	ck_assert_ptr_nonnull(strstr(b.ptr, "|Die|"));                 /* a starter */
	ck_assert_uint_eq(tmk_srx_rule_count(exported, "de"), tmk_srx_rule_count(exported, "de-DE"));
	ck_assert_uint_eq(tmk_srx_rule_count(exported, "fr"), 0);
	tmk_buf_release(&b);
	langs[0] = "fr";
	ck_assert_int_eq(tmk_srx_export(&b, langs, 1), TMK_EINVAL);
	tmk_buf_release(&b);
}
END_TEST

START_TEST(round_trip_articles)
{
	static const char *lang[] = { "de", "en" };
	char path[512];
	size_t len;
	char *text;

	snprintf(path, sizeof(path), "%s/../../tools/sample/article.%s.txt", TMK_TEST_DATA, lang[_i]);
	text = test_read_file(path, &len);
	same_as_tmkit(lang[_i], text, len, path);
	free(text);
}
END_TEST

/* Every case of {de,en}.cases (blocks of sentences, joined by spaces). */
START_TEST(round_trip_cases)
{
	static const char *lang[] = { "de", "en" };
	char path[512], where[600];
	size_t len, pos = 0, line = 0, start = 0, ncases = 0;
	char *data;
	tmk_buf input = TMK_BUF_INIT;

	snprintf(path, sizeof(path), "%s/segment/%s.cases", TMK_TEST_DATA, lang[_i]);
	data = test_read_file(path, &len);
	while (pos <= len) {
		char *nl = memchr(data + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - data) : len;

		line++;
		if (end > pos && data[pos] != '#') {
			if (input.len == 0)
				start = line;
			else
				tmk_buf_putc(&input, ' ');
			tmk_buf_put(&input, data + pos, end - pos);
		} else if (end == pos && input.len) {
			snprintf(where, sizeof(where), "%s:%zu", path, start);
			same_as_tmkit(lang[_i], input.ptr, input.len, where);
			tmk_buf_clear(&input);
			ncases++;
		}
		pos = end + 1;
	}
	ck_assert_uint_gt(ncases, 50);
	tmk_buf_release(&input);
	free(data);
}
END_TEST

static Suite *srx_suite(void)
{
	Suite *s = suite_create("srx");
	TCase *tc = tcase_create("read");
	TCase *rt = tcase_create("round trip");

	tcase_add_test(tc, cascade_yes);
	tcase_add_test(tc, cascade_no);
	tcase_add_test(tc, no_map);
	tcase_add_loop_test(tc, broken_files, 0, sizeof(broken) / sizeof(broken[0]));
	tcase_add_test(tc, broken_in_memory);
	suite_add_tcase(s, tc);
	tcase_add_unchecked_fixture(rt, export_setup, export_teardown);
	tcase_add_test(rt, export_shape);
	tcase_add_loop_test(rt, round_trip_articles, 0, 2);
	tcase_add_loop_test(rt, round_trip_cases, 0, 2);
	tcase_set_timeout(rt, 60);
	suite_add_tcase(s, rt);
	return s;
}

TEST_MAIN(srx_suite)
