/* test_lexicon.c - compiling Ding-format text (lexicon.c), malformed input,
 * and the mapped cache. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"
#include "lexicon.h"
#include "tests.h"

#define B(lit) lit, sizeof(lit) - 1

static const char ding[] =
	"# Version :: test\n"
	"Anschlag {m} [pol.] | Anschläge {pl} :: attack | attacks\n"
	"Verfassungsschutz {m} (Behörde) :: Office for the Protection of the Constitution\n"
	"Islamischer Staat {m} :: Islamic State\n"
	"etw. vereiteln {vt} :: to foil sth.; to thwart sth.\n"
	"a line without the separator\n"
	"Polizei {f} :: police\n";

static int translates(const tmk_lexicon *lx, const char *de, const char *en)
{
	const uint64_t *t;
	size_t n = tmk_lexicon_lookup(lx, tmk_lexicon_key("de", de, strlen(de)), &t);
	uint64_t k = tmk_lexicon_key("en", en, strlen(en));

	for (size_t i = 0; i < n; i++)
		if (t[i] == k)
			return 1;
	return 0;
}

START_TEST(parse)
{
	tmk_lexicon *lx;

	ck_assert_int_eq(tmk_lexicon_parse(&lx, "d", B(ding)), 0);
	ck_assert(translates(lx, "Anschlag", "attack"));
	ck_assert(translates(lx, "Anschläge", "attacks"));          /* stems meet */
	ck_assert(translates(lx, "ANSCHLAEGE", "attack") == 0);      /* ae is not ä */
	ck_assert(translates(lx, "Verfassungsschutzes", "protection"));
	ck_assert(translates(lx, "Verfassungsschutz", "constitution"));
	ck_assert(!translates(lx, "Verfassungsschutz", "the"));      /* function words out */
	ck_assert(translates(lx, "Islamischen", "Islamic"));
	ck_assert(translates(lx, "Staat", "state"));
	ck_assert(!translates(lx, "Staat", "Islamic"));              /* word by word */
	ck_assert(translates(lx, "vereiteln", "thwart"));
	ck_assert(!translates(lx, "Behörde", "office"));             /* annotations out */
	ck_assert(translates(lx, "Polizei", "police"));
	tmk_lexicon_free(lx);
	tmk_lexicon_free(NULL);
}
END_TEST

static const struct {
	const char *in;
	size_t len;
	const char *msg;
} bad[] = {
	{ B("Haus {n} :: house\nGr\xfc\xdf :: greeting\n"), "d:2: invalid UTF-8" },
	{ B("# only comments\n\nno separator here\n"), "d: no dictionary entries" },
	{ B(""), "d: no dictionary entries" },
};

START_TEST(malformed)
{
	tmk_lexicon *lx = (tmk_lexicon *)1;

	ck_assert_int_eq(tmk_lexicon_parse(&lx, "d", bad[_i].in, bad[_i].len), TMK_EINPUT);
	ck_assert_ptr_null(lx);
	ck_assert_msg(strstr(tmk_error_last(), bad[_i].msg), "'%s' lacks '%s'", tmk_error_last(), bad[_i].msg);
}
END_TEST

START_TEST(cache_file)
{
	char dir[] = "/tmp/tmkit-lex-XXXXXX", src[64], cpath[96], cmd[96];
	tmk_lexicon *a, *b;
	struct stat st1, st2;
	FILE *f;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(src, sizeof(src), "%s/de-en", dir);
	snprintf(cpath, sizeof(cpath), "%s/cache/sub/de-en.lex", dir);
	f = fopen(src, "w");
	fwrite(ding, 1, sizeof(ding) - 1, f);
	fclose(f);
	ck_assert_int_eq(tmk_lexicon_open(&a, src, cpath), 0);          /* compiles, writes */
	ck_assert_int_eq(stat(cpath, &st1), 0);
	ck_assert_int_eq(tmk_lexicon_open(&b, src, cpath), 0);          /* maps */
	ck_assert_uint_eq(tmk_lexicon_size(a), tmk_lexicon_size(b));
	ck_assert(translates(b, "Polizei", "police"));
	tmk_lexicon_free(a);
	tmk_lexicon_free(b);
	/* a changed source makes a new cache */
	f = fopen(src, "a");
	fputs("Haus {n} :: house\n", f);
	fclose(f);
	ck_assert_int_eq(tmk_lexicon_open(&a, src, cpath), 0);
	ck_assert(translates(a, "Haus", "house"));
	ck_assert_int_eq(stat(cpath, &st2), 0);
	ck_assert_int_ne(st1.st_size, st2.st_size);
	tmk_lexicon_free(a);
	/* a damaged cache is ignored */
	f = fopen(cpath, "w");
	fputs("garbage", f);
	fclose(f);
	ck_assert_int_eq(tmk_lexicon_open(&a, src, cpath), 0);
	ck_assert(translates(a, "Haus", "house"));
	tmk_lexicon_free(a);
	ck_assert_int_eq(tmk_lexicon_open(&a, "/nonexistent/de-en", cpath), TMK_EIO);
	ck_assert_ptr_nonnull(strstr(tmk_error_last(), "trans-de-en"));
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}
END_TEST

/* The real Ding dictionary (tools/setup installs trans-de-en): inflected
 * German forms find the translations of their base form, names of
 * institutions their English words. */
START_TEST(real_ding)
{
	static const struct {
		const char *de, *en;
	} pairs[] = {
		{ "Verfassungsschutzes", "protection" }, { "Verfassungsschutz", "intelligence" },
		{ "Anschlags", "attack" }, { "Anschläge", "attack" }, { "Sicherheitsrat", "council" },
		{ "Ermittler", "investigator" }, { "Haftstrafen", "sentence" },
	};
	tmk_lexicon *lx;

	ck_assert_int_eq(tmk_lexicon_load_ding(&lx, TMK_DING_PATH), 0);
	ck_assert_uint_gt(tmk_lexicon_size(lx), 100000);
	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++)
		ck_assert_msg(translates(lx, pairs[i].de, pairs[i].en), "%s -> %s", pairs[i].de, pairs[i].en);
	ck_assert(!translates(lx, "Anschlag", "constitution"));
	tmk_lexicon_free(lx);
}
END_TEST

static Suite *lexicon_suite(void)
{
	Suite *s = suite_create("lexicon");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, parse);
	tcase_add_loop_test(tc, malformed, 0, sizeof(bad) / sizeof(bad[0]));
	tcase_add_test(tc, cache_file);
	suite_add_tcase(s, tc);
	tc = tcase_create("ding");
	tcase_set_timeout(tc, 120);     /* compiling all of Ding, under the sanitizers too */
	tcase_add_test(tc, real_ding);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(lexicon_suite)
