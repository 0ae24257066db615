/* test_segment.c - sentence segmentation (segment.c).
 *
 * The cases are the project's own, in tests/data/segment/{de,en}.cases
 * (format in their headers); each one is an iteration of a loop test, so
 * a failure names the case.  Further tests cover offsets, the ICU-only
 * mode, long input, and properties that must hold on running text: the
 * project's sample articles (tools/sample, written for tmkit) and all the
 * cases' texts as one document.  Nothing is read from outside the tree. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>

#include "error.h"
#include "segment.h"
#include "segrules.h"
#include "tests.h"
#include "text.h"
#include "utf8.h"

typedef struct {
	char *input;            /* the sentences joined by spaces, or the "<" lines */
	char **want;
	size_t nwant;
	size_t line;            /* where the case starts in its file */
	const char *file;       /* the file's name */
	int open;               /* marked "# open:": known to fail, must fail */
} seg_case;

typedef struct {
	const char *lang;
	seg_case *cases;
	size_t n;
} case_file;

static case_file files[2] = { { "de", NULL, 0 }, { "en", NULL, 0 } };

/* Append L[0..LL) to *S, after SEP when *S is not empty. */
static void append(char **s, const char *sep, const char *l, size_t ll)
{
	size_t il = *s ? strlen(*s) : 0, sl = il ? strlen(sep) : 0;

	*s = realloc(*s, il + sl + ll + 1);
	memcpy(*s + il, sep, sl);
	memcpy(*s + il + sl, l, ll);
	(*s)[il + sl + ll] = '\0';
}

/* Parse one .cases file into CF: blocks of lines separated by blank lines;
 * '#' lines are comments or section names ("# open:" marks the next case
 * as a known failure); leading "<" lines give the raw input. */
static void load_file(case_file *cf, const char *name)
{
	char path[512];
	size_t len, pos = 0, line = 0;
	char *data;
	seg_case cur = { 0 };
	int open = 0, raw = 0;

	snprintf(path, sizeof(path), "%s/segment/%s", TMK_TEST_DATA, name);
	data = test_read_file(path, &len);
	while (pos <= len) {
		char *nl = memchr(data + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - data) : len;
		char *l = data + pos;
		size_t ll = end - pos;

		line++;
		pos = end + 1;
		if (ll > 0 && l[0] == '#') {
			if (ll >= 7 && memcmp(l, "# open:", 7) == 0)
				open = 1;
			continue;
		}
		if (ll == 0) {
			if (cur.nwant) {
				cur.file = strdup(name);
				cur.open = open;
				cf->cases = realloc(cf->cases, (cf->n + 1) * sizeof(*cf->cases));
				cf->cases[cf->n++] = cur;
				memset(&cur, 0, sizeof(cur));
				open = raw = 0;
			}
			continue;
		}
		if (!cur.nwant && !raw)
			cur.line = line;
		if (l[0] == '<' && !cur.nwant) {
			size_t skip = ll > 1 && l[1] == ' ' ? 2 : 1;
			if (raw)
				append(&cur.input, "\n", "", 0);
			else
				cur.input = strdup("");
			append(&cur.input, "", l + skip, ll - skip);
			raw = 1;
			continue;
		}
		cur.want = realloc(cur.want, (cur.nwant + 1) * sizeof(char *));
		cur.want[cur.nwant++] = strndup(l, ll);
		if (!raw)
			append(&cur.input, " ", l, ll);
	}
	if (cur.nwant || raw) {
		fprintf(stderr, "%s:%zu: the last case lacks its blank line\n", path, line);
		exit(1);
	}
	free(data);
}

/* Whether NAME is a case file of LANG: "de.cases" or "de-lists.cases". */
static int is_case_file(const char *name, const char *lang)
{
	size_t n = strlen(name), l = strlen(lang);

	return n >= l + 6 && strncmp(name, lang, l) == 0 && (name[l] == '.' || name[l] == '-') &&
	       strcmp(name + n - 6, ".cases") == 0;
}

/* All case files of CF's language in tests/data/segment, in name order. */
static void load_cases(case_file *cf)
{
	char dir[512];
	struct dirent **ents;
	int n;

	snprintf(dir, sizeof(dir), "%s/segment", TMK_TEST_DATA);
	n = scandir(dir, &ents, NULL, alphasort);
	if (n < 0) {
		fprintf(stderr, "%s: cannot list the case files\n", dir);
		exit(1);
	}
	for (int i = 0; i < n; i++) {
		if (is_case_file(ents[i]->d_name, cf->lang))
			load_file(cf, ents[i]->d_name);
		free(ents[i]);
	}
	free(ents);
}

/* Segment S and return the sentences' texts joined by " | ". */
static char *segment_joined(const char *lang, const char *s, unsigned flags)
{
	tmk_segmenter *seg;
	tmk_sentence *v;
	size_t n;
	tmk_buf out = TMK_BUF_INIT;

	ck_assert_int_eq(tmk_segmenter_new(&seg, lang, flags), 0);
	ck_assert_int_eq(tmk_segment(seg, s, strlen(s), &v, &n), 0);
	for (size_t i = 0; i < n; i++) {
		if (i)
			tmk_buf_puts(&out, " | ");
		tmk_sentence_text(&out, s, &v[i]);
	}
	free(v);
	tmk_segmenter_free(seg);
	return tmk_buf_detach(&out);
}

static void run_case(const case_file *cf, size_t i)
{
	const seg_case *c = &cf->cases[i];
	tmk_buf want = TMK_BUF_INIT;
	char *got;

	for (size_t k = 0; k < c->nwant; k++) {
		if (k)
			tmk_buf_puts(&want, " | ");
		tmk_buf_puts(&want, c->want[k]);
	}
	got = segment_joined(cf->lang, c->input, 0);
	if (c->open)
		ck_assert_msg(strcmp(got, want.ptr) != 0, "%s:%zu: passes now: remove its '# open:' mark",
			      c->file, c->line);
	else
		ck_assert_msg(strcmp(got, want.ptr) == 0, "%s:%zu\n  want: %s\n  got:  %s",
			      c->file, c->line, want.ptr, got);
	free(got);
	tmk_buf_release(&want);
}

START_TEST(german_cases)
{
	run_case(&files[0], (size_t)_i);
}
END_TEST

START_TEST(english_cases)
{
	run_case(&files[1], (size_t)_i);
}
END_TEST

START_TEST(offsets_and_paragraphs)
{
	const char *s = "  Erster Satz.  Zweiter\n Satz!\n\nÜberschrift\nDritter Satz.";
	tmk_segmenter *seg;
	tmk_sentence *v;
	size_t n;
	tmk_buf t = TMK_BUF_INIT;

	ck_assert_int_eq(tmk_segmenter_new(&seg, "de", 0), 0);
	ck_assert_int_eq(tmk_segment(seg, s, strlen(s), &v, &n), 0);
	ck_assert_uint_eq(n, 4);
	ck_assert_uint_eq(v[0].start, 2);
	ck_assert_uint_eq(v[0].end, 14);
	ck_assert_uint_eq(v[1].start, 16);
	ck_assert_uint_eq(v[1].end, 30);
	tmk_sentence_text(&t, s, &v[1]);
	ck_assert_str_eq(t.ptr, "Zweiter Satz!");      /* the line break made a space */
	ck_assert_uint_eq(v[1].paragraph, 0);
	ck_assert_uint_eq(v[2].paragraph, 1);
	ck_assert_uint_eq(v[3].paragraph, 2);
	tmk_buf_clear(&t);
	tmk_sentence_text(&t, s, &v[3]);
	ck_assert_str_eq(t.ptr, "Dritter Satz.");
	tmk_buf_release(&t);
	free(v);
	tmk_segmenter_free(seg);
}
END_TEST

START_TEST(icu_only_differs)
{
	char *rules = segment_joined("de", "Er kam am 1. Juli zurück.", 0);
	char *icu = segment_joined("de", "Er kam am 1. Juli zurück.", TMK_SEG_ICU_ONLY);

	ck_assert_str_eq(rules, "Er kam am 1. Juli zurück.");
	ck_assert_str_eq(icu, "Er kam am 1. | Juli zurück.");
	free(rules);
	free(icu);
}
END_TEST

START_TEST(unknown_language)
{
	tmk_segmenter *seg = (tmk_segmenter *)1;

	ck_assert_int_eq(tmk_segmenter_new(&seg, "fr", 0), TMK_EINVAL);
	ck_assert_ptr_null(seg);
	tmk_segmenter_free(NULL);
}
END_TEST

START_TEST(empty_and_blank)
{
	tmk_segmenter *seg;
	tmk_sentence *v;
	size_t n = 99;

	ck_assert_int_eq(tmk_segmenter_new(&seg, "en", 0), 0);
	ck_assert_int_eq(tmk_segment(seg, "", 0, &v, &n), 0);
	ck_assert_uint_eq(n, 0);
	free(v);
	ck_assert_int_eq(tmk_segment(seg, " \n\n\t ", 5, &v, &n), 0);
	ck_assert_uint_eq(n, 0);
	free(v);
	ck_assert_int_eq(tmk_segment(seg, "...", 3, &v, &n), 0);
	ck_assert_uint_eq(n, 1);                /* punctuation alone is kept, once */
	free(v);
	tmk_segmenter_free(seg);
}
END_TEST

START_TEST(long_input)
{
	/* 1 MiB in one line: a run without any break, then 20,000 sentences */
	size_t len = 1 << 20, i;
	char *s = malloc(len + 1);
	tmk_segmenter *seg;
	tmk_sentence *v;
	size_t n;

	for (i = 0; i < len / 2; i++)
		s[i] = i % 7 == 6 ? ' ' : 'x';
	for (; i + 26 <= len; i += 26)
		memcpy(s + i, "Das ist ein kurzer Satz.  ", 26);
	memset(s + i, ' ', len - i);
	s[len] = '\0';
	ck_assert_int_eq(tmk_segmenter_new(&seg, "de", 0), 0);
	ck_assert_int_eq(tmk_segment(seg, s, len, &v, &n), 0);
	/* the first sentence takes the run without punctuation */
	ck_assert_uint_eq(n, (len - len / 2) / 26);
	free(v);
	tmk_segmenter_free(seg);
	free(s);
}
END_TEST

/* Properties that must hold on any running text T (NAME in messages): at
 * least MIN sentences, none empty, none of punctuation only split off a
 * paragraph, offsets in order on non-space characters, and no sentence
 * that ends in an abbreviation that never ends one ("Dr.", "z. B.").
 * Returns the number of sentences. */
static size_t check_properties(const tmk_text *t, const char *name, const char *lang, size_t min)
{
	tmk_segmenter *seg;
	tmk_segrules *rules;
	tmk_sentence *v;
	size_t n, prev_end = 0;

	ck_assert_int_eq(tmk_segmenter_new(&seg, lang, 0), 0);
	ck_assert_int_eq(tmk_segrules_new(&rules, lang), 0);
	ck_assert_int_eq(tmk_segment(seg, t->data, t->len, &v, &n), 0);
	ck_assert_msg(n >= min, "%s: %zu sentences, want at least %zu", name, n, min);
	for (size_t i = 0; i < n; i++) {
		size_t b = v[i].start, e = v[i].end, k = e, tb, alnum = 0;

		ck_assert_uint_ge(b, prev_end);
		ck_assert_uint_lt(b, e);
		ck_assert(!tmk_is_space(tmk_utf8_next(t->data, e, &b)));
		ck_assert(!tmk_is_space(tmk_utf8_prev(t->data, &k)));
		for (size_t j = v[i].start; j < e;)
			alnum |= u_isalnum(tmk_utf8_next(t->data, e, &j));
		/* a paragraph of symbols alone is input to keep, not a bad split */
		ck_assert_msg(alnum || ((i == 0 || v[i - 1].paragraph != v[i].paragraph) &&
					(i + 1 == n || v[i + 1].paragraph != v[i].paragraph)),
			      "%s: sentence %zu is punctuation only", name, i);
		tb = e;
		while (tb > v[i].start && t->data[tb - 1] != ' ')
			tb--;
		ck_assert_msg(tmk_segrules_abbrev(rules, t->data + tb, e - tb) != TMK_ABBR_INNER,
			      "%s: sentence %zu ends in '%.*s'", name, i, (int)(e - tb), t->data + tb);
		prev_end = v[i].end;
	}
	free(v);
	tmk_segrules_free(rules);
	tmk_segmenter_free(seg);
	return n;
}

/* The sample articles the demo aligns (tools/sample, written for tmkit):
 * news prose with abbreviations (Dr., u. a., d. h., ca., usw.), dates,
 * numbers, quotations and a URL. */
START_TEST(sample_articles)
{
	static const char *const langs[] = { "de", "en" };
	char path[512];
	tmk_text *t;

	for (size_t i = 0; i < 2; i++) {
		snprintf(path, sizeof(path), "%s/../../tools/sample/article.%s.txt", TMK_TEST_DATA, langs[i]);
		ck_assert_msg(tmk_text_load(&t, path) == 0, "cannot read %s", path);
		check_properties(t, path, langs[i], 10);
		tmk_text_free(t);
	}
}
END_TEST

/* Every case's text of tests/data/segment, each its own paragraph, as one
 * document: the properties hold on it, and it splits into as many
 * sentences as the cases want in all (a paragraph is split on its own,
 * whatever stands before it). */
static void case_document(const case_file *cf)
{
	tmk_buf doc = TMK_BUF_INIT;
	tmk_text *t;
	size_t want = 0;
	char name[64];

	for (size_t i = 0; i < cf->n; i++) {
		tmk_buf_puts(&doc, cf->cases[i].input);
		tmk_buf_puts(&doc, "\n\n");
		want += cf->cases[i].nwant;
	}
	snprintf(name, sizeof(name), "%s.cases as one document", cf->lang);
	ck_assert_int_eq(tmk_text_from_bytes(&t, name, doc.ptr, doc.len), 0);
	ck_assert_uint_eq(check_properties(t, name, cf->lang, 1), want);
	tmk_text_free(t);
	tmk_buf_release(&doc);
}

START_TEST(case_documents)
{
	case_document(&files[0]);
	case_document(&files[1]);
}
END_TEST

/* The newline policies: by default a line break ends a sentence after a
 * heading or before a list item only; --keep-newlines makes every one a
 * boundary, --join-lines none; an empty line always is one; both flags
 * together are refused. */
START_TEST(newline_policies)
{
	const char *s = "Titel\nDer Bericht des\nAusschusses kam.\n- Punkt eins\n\nEnde.";
	tmk_segmenter *seg = (tmk_segmenter *)1;
	char *got;

	got = segment_joined("de", s, 0);
	ck_assert_str_eq(got, "Titel | Der Bericht des Ausschusses kam. | - Punkt eins | Ende.");
	free(got);
	got = segment_joined("de", s, TMK_SEG_KEEP_NEWLINES);
	ck_assert_str_eq(got, "Titel | Der Bericht des | Ausschusses kam. | - Punkt eins | Ende.");
	free(got);
	got = segment_joined("de", s, TMK_SEG_JOIN_LINES);
	ck_assert_str_eq(got, "Titel Der Bericht des Ausschusses kam. - Punkt eins | Ende.");
	free(got);
	ck_assert_int_eq(tmk_segmenter_new(&seg, "de", TMK_SEG_KEEP_NEWLINES | TMK_SEG_JOIN_LINES),
			 TMK_EINVAL);
	ck_assert_ptr_null(seg);
}
END_TEST

/* The line-end-hyphen rule of tmk_sentence_text: a hyphen before a line
 * break and a lower-case letter goes, before a capital or digit it stays,
 * before "und"/"and" it is a suspended hyphen; a hyphen without a line
 * break, or after a space, is left alone. */
START_TEST(line_end_hyphen)
{
	static const struct {
		const char *in, *want;
	} t[] = {
		{ "Verfassungs-\nschutz", "Verfassungsschutz" },
		{ "Verfassungs-\r\n  schutz", "Verfassungsschutz" },
		{ "Nord-\nSüd", "Nord-Süd" },
		{ "G-\n20", "G-20" },
		{ "Ein-\nund Ausreise", "Ein- und Ausreise" },
		{ "pre-\nand post-war", "pre- and post-war" },
		{ "Ein- und", "Ein- und" },
		{ "Wort -\nweiter", "Wort - weiter" },
		{ "Ende-\n", "Ende-" },
	};

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		tmk_buf out = TMK_BUF_INIT;
		tmk_sentence snt = { 0, strlen(t[i].in), 0 };

		while (snt.end > 0 && (t[i].in[snt.end - 1] == '\n'))
			snt.end--;
		ck_assert_int_eq(tmk_sentence_text(&out, t[i].in, &snt), 0);
		ck_assert_msg(strcmp(out.ptr, t[i].want) == 0, "%s: got '%s'", t[i].want, out.ptr);
		tmk_buf_release(&out);
	}
}
END_TEST

/* The inline-list-item rule: a marker continuing the count splits, unless
 * a comma, semicolon or continuer stands before it; a lone "2)" does not. */
START_TEST(inline_list_items)
{
	char *got;

	got = segment_joined("en", "1) Switch it off 2) Remove the battery 3) Wait", 0);
	ck_assert_str_eq(got, "1) Switch it off | 2) Remove the battery | 3) Wait");
	free(got);
	got = segment_joined("en", "Reasons: 1) cost, 2) time and 3) risk.", 0);
	ck_assert_str_eq(got, "Reasons: 1) cost, 2) time and 3) risk.");
	free(got);
	got = segment_joined("en", "See item 2) above for details.", 0);
	ck_assert_str_eq(got, "See item 2) above for details.");
	free(got);
	got = segment_joined("de", "a) Der Antrag ist da. b) Er ist begründet.", 0);
	ck_assert_str_eq(got, "a) Der Antrag ist da. | b) Er ist begründet.");
	free(got);
	got = segment_joined("de", "i) Kosten ii) Nutzen iii) Risiken", 0);
	ck_assert_str_eq(got, "i) Kosten | ii) Nutzen | iii) Risiken");
	free(got);
}
END_TEST

/* The ellipsis-attached rule: "zögerte... Dann" and "later... See you"
 * split, a free-standing omission before a noun does not. */
START_TEST(ellipsis_attached)
{
	char *got;

	got = segment_joined("en", "I'll call you later... See you!", 0);
	ck_assert_str_eq(got, "I'll call you later... | See you!");
	free(got);
	got = segment_joined("de", "Die Kosten für ... Gebäude stiegen.", 0);
	ck_assert_str_eq(got, "Die Kosten für ... Gebäude stiegen.");
	free(got);
	got = segment_joined("de", "Er sagte … nun ja, nichts.", 0);
	ck_assert_str_eq(got, "Er sagte … nun ja, nichts.");
	free(got);
}
END_TEST

/* A list number behind a bullet is no sentence end: "• 10. Mehr Sport". */
START_TEST(bullet_then_number)
{
	char *got = segment_joined("en", "• 9. Stop smoking\n• 10. Exercise more", 0);

	ck_assert_str_eq(got, "• 9. Stop smoking | • 10. Exercise more");
	free(got);
}
END_TEST

static Suite *segment_suite(void)
{
	Suite *s = suite_create("segment");
	TCase *tc = tcase_create("cases");
	TCase *tc2 = tcase_create("api");

	load_cases(&files[0]);
	load_cases(&files[1]);
	tcase_add_loop_test(tc, german_cases, 0, (int)files[0].n);
	tcase_add_loop_test(tc, english_cases, 0, (int)files[1].n);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);

	tcase_add_test(tc2, offsets_and_paragraphs);
	tcase_add_test(tc2, icu_only_differs);
	tcase_add_test(tc2, unknown_language);
	tcase_add_test(tc2, empty_and_blank);
	tcase_add_test(tc2, long_input);
	tcase_add_test(tc2, sample_articles);
	tcase_add_test(tc2, case_documents);
	tcase_add_test(tc2, newline_policies);
	tcase_add_test(tc2, line_end_hyphen);
	tcase_add_test(tc2, inline_list_items);
	tcase_add_test(tc2, ellipsis_attached);
	tcase_add_test(tc2, bullet_then_number);
	tcase_set_timeout(tc2, 60);
	suite_add_tcase(s, tc2);
	return s;
}

TEST_MAIN(segment_suite)
