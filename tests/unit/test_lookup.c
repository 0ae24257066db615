/* test_lookup.c - match scores and diff marks (lookup.c), and lookups on a
 * small TM made here. */
#include <string.h>
#include <unistd.h>

#include "lookup.h"
#include "tests.h"
#include "tm.h"

static const struct {
	const char *q, *c;
	int score;
	const char *diff;       /* the marked words of C, joined by '|' */
} scores[] = {
	{ "Der Anschlag war schwer.", "Der Anschlag war schwer.", 100, "" },
	{ "der anschlag war schwer.", "Der Anschlag war schwer.", 99, "" },     /* case only */
	{ "Der  Anschlag war schwer.", "Der Anschlag war schwer.", 99, "" },    /* spacing only */
	{ "Die Anschläge", "Die Anschlage", 99, "" },                         /* accents only */
	{ "Der Anschlag war heftig.", "Der Anschlag war schwer.", 77, "schwer" },
	{ "Die Polizei ermittelt weiter.", "Die Polizei ermittelt.", 77, "" },
	{ "Die Polizei ermittelt.", "Die Polizei ermittelt weiter.", 77, "weiter" },
	{ "Ganz anders", "Der Anschlag war schwer.", 0, "Der|Anschlag|war|schwer|." },
	{ "Der Anschlag war schwer!", "Der Anschlag war schwer.", 88, "." },   /* punctuation weighs 1 of 9 */
};

START_TEST(score)
{
	tmk_diff *d;
	size_t n;
	char got[256] = "";
	int s = tmk_match_score(scores[_i].q, strlen(scores[_i].q), scores[_i].c, strlen(scores[_i].c), &d, &n);

	ck_assert_int_eq(s, scores[_i].score);
	for (size_t i = 0; i < n; i++) {
		if (i)
			strcat(got, "|");
		strncat(got, scores[_i].c + d[i].start, d[i].end - d[i].start);
	}
	ck_assert_str_eq(got, scores[_i].diff);
	free(d);
}
END_TEST

static void add(tmk_tm *tm, int64_t origin, const char *src, const char *tgt, const char *s, const char *t)
{
	tmk_unit_in u = { 0 };
	int added;

	u.src_lang = src;
	u.tgt_lang = tgt;
	u.source = s;
	u.source_len = strlen(s);
	u.target = t;
	u.target_len = strlen(t);
	ck_assert_int_eq(tmk_tm_add_unit(tm, &added, origin, &u), 0);
}

START_TEST(lookup_small_tm)
{
	char dir[] = "/tmp/tmkit-lookup-XXXXXX", path[64];
	tmk_tm *tm;
	tmk_match *m;
	size_t n;
	int64_t origin;
	tmk_lookup_opts o = { "de", "en", 70, 5 };
	const char *q = "Die Polizei nahm drei Männer fest.";

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/t.tm", dir);
	ck_assert_int_eq(tmk_tm_open(&tm, path, 0), 0);
	ck_assert_int_eq(tmk_tm_begin(tm), 0);
	ck_assert_int_eq(tmk_tm_add_origin(tm, &origin, "test", "tsv", NULL), 0);
	add(tm, origin, "de", "en", "Die Polizei nahm zwei Männer fest.", "Police arrested two men.");
	add(tm, origin, "de", "en", "Die Polizei nahm zwei Frauen fest.", "Police arrested two women.");
	add(tm, origin, "de", "en", "Das Wetter ist schön.", "The weather is fine.");
	add(tm, origin, "en", "de", "Police arrested three men.", "Die Polizei nahm drei Männer fest.");
	ck_assert_int_eq(tmk_tm_commit(tm), 0);

	/* the German query is the target of the en->de unit: found, exact */
	ck_assert_int_eq(tmk_lookup(tm, &m, &n, q, strlen(q), &o), 0);
	ck_assert_uint_ge(n, 2);
	ck_assert_int_eq(m[0].score, 100);
	ck_assert_str_eq(m[0].target, "Police arrested three men.");
	ck_assert_str_eq(m[1].source, "Die Polizei nahm zwei Männer fest.");
	ck_assert_int_eq(m[1].score, 84);      /* 1 - 2/13 */
	ck_assert_str_eq(m[1].origin, "test");
	tmk_matches_free(m, n);

	o.max = 1;
	ck_assert_int_eq(tmk_lookup(tm, &m, &n, q, strlen(q), &o), 0);
	ck_assert_uint_eq(n, 1);
	tmk_matches_free(m, n);

	o.from = "en";
	o.to = "de";
	o.max = 5;
	ck_assert_int_eq(tmk_lookup(tm, &m, &n, "Police arrested two men!", 24, &o), 0);
	ck_assert_uint_ge(n, 1);
	ck_assert_str_eq(m[0].target, "Die Polizei nahm zwei Männer fest.");
	tmk_matches_free(m, n);

	tmk_tm_free(tm);
	unlink(path);
	snprintf(path, sizeof(path), "%s/t.tm-wal", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/t.tm-shm", dir);
	unlink(path);
	rmdir(dir);
}
END_TEST

static Suite *lookup_suite(void)
{
	Suite *s = suite_create("lookup");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, score, 0, sizeof(scores) / sizeof(scores[0]));
	tcase_add_test(tc, lookup_small_tm);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(lookup_suite)
