/* test_concord.c - stems and concordance (concord.c) on a small TM. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "concord.h"
#include "tests.h"
#include "tm.h"

static const struct {
	const char *lang, *word, *stem;
} stems[] = {
	{ "de", "anschlage", "anschlag" },
	{ "de", "terrormilizen", "terrormiliz" },
	{ "de", "dschihadisten", "dschihadist" },
	{ "de", "haus", "haus" },               /* too short to cut */
	{ "de", "staaten", "staat" },
	{ "en", "attacks", "attack" },
	{ "en", "attacked", "attack" },
	{ "en", "militias", "militia" },
	{ "en", "bus", "bus" },
};

START_TEST(stem)
{
	tmk_buf b = TMK_BUF_INIT;

	ck_assert_int_eq(tmk_stem(&b, stems[_i].lang, stems[_i].word, strlen(stems[_i].word)), 0);
	ck_assert_str_eq(b.ptr, stems[_i].stem);
	tmk_buf_release(&b);
}
END_TEST

static const char *const units[][2] = {
	{ "Der Terroranschlag wurde vereitelt.", "The terrorist attack was foiled." },
	{ "Die Anschläge häufen sich.", "The attacks are increasing." },
	{ "Der Islamische Staat bekannte sich.", "Islamic State claimed it." },
	{ "Er sprach vom Islamischen Staat.", "He spoke of Islamic State." },
	{ "Die Rate stieg.", "The rate rose." },
	{ "Ein Schlag ins Wasser.", "A flop." },
	{ "Der Sicherheitsrat tagte.", "The Security Council met." },
};

static const struct {
	const char *lang, *query;
	const char *hits;       /* the matched spans joined by '|' */
} queries[] = {
	{ "de", "Anschlag", "Terroranschlag|Anschläge" },
	{ "de", "ANSCHLÄGE", "Terroranschlag|Anschläge" },
	{ "de", "Islamischer Staat", "Islamische Staat|Islamischen Staat" },
	/* stems of five letters or more are found inside compounds, which
	 * takes An-schlag for Schlag (a lexicon-based compound splitter will
	 * tell them apart); shorter ones only at a word start, which misses
	 * Sicherheits-rat: both limits are known */
	{ "de", "Schlag", "Terroranschlag|Anschläge|Schlag" },
	{ "de", "Rat", "Rate" },
	{ "en", "attacked", "attack|attacks" },
	{ "en", "islamic state", "Islamic State|Islamic State" },
	{ "de", "Khorasan", "" },
};

START_TEST(concordance)
{
	char dir[] = "/tmp/tmkit-conc-XXXXXX", path[64], cmd[96], got[256] = "";
	tmk_tm *tm;
	tmk_concord_hit *h;
	size_t n;
	int64_t o;
	int added;
	tmk_concord_opts opts = { queries[_i].lang, 20 };

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/c.tm", dir);
	ck_assert_int_eq(tmk_tm_open(&tm, path, 0), 0);
	ck_assert_int_eq(tmk_tm_begin(tm), 0);
	ck_assert_int_eq(tmk_tm_add_origin(tm, &o, "t", "tsv", NULL), 0);
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		tmk_unit_in u = { 0 };
		u.src_lang = "de";
		u.tgt_lang = "en";
		u.source = units[i][0];
		u.source_len = strlen(units[i][0]);
		u.target = units[i][1];
		u.target_len = strlen(units[i][1]);
		ck_assert_int_eq(tmk_tm_add_unit(tm, &added, o, &u), 0);
	}
	ck_assert_int_eq(tmk_tm_commit(tm), 0);
	ck_assert_int_eq(tmk_concord(tm, &h, &n, queries[_i].query, strlen(queries[_i].query), &opts), 0);
	for (size_t i = 0; i < n; i++) {
		if (i)
			strcat(got, "|");
		strncat(got, h[i].text + h[i].start, h[i].end - h[i].start);
	}
	ck_assert_str_eq(got, queries[_i].hits);
	tmk_concord_free(h, n);
	tmk_tm_free(tm);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}
END_TEST

static Suite *concord_suite(void)
{
	Suite *s = suite_create("concord");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, stem, 0, sizeof(stems) / sizeof(stems[0]));
	tcase_add_loop_test(tc, concordance, 0, sizeof(queries) / sizeof(queries[0]));
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(concord_suite)
