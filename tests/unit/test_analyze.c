/* test_analyze.c - the job analysis (analyze.c, issue 13): word counts as
 * Trados counts them, and every band: repetition, context match, 100 %,
 * fuzzy, no match, with custom edges. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "analyze.h"
#include "error.h"
#include "import.h"
#include "tests.h"
#include "tm.h"

static char dir[64], tsv[96], job[96];

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

static void setup(void)
{
	snprintf(dir, sizeof(dir), "/tmp/tmkit-analyze-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(tsv, sizeof(tsv), "%s/tm.tsv", dir);
	snprintf(job, sizeof(job), "%s/job.xlf", dir);
	/* the TM's file, in this order: the neighbours of its units */
	write_file(tsv, "Die Polizei sperrte die Straße.\tPolice closed the road.\n"
			"Der Verdächtige wurde am Abend festgenommen.\tThe suspect was arrested in the evening.\n"
			"Die Ermittlungen dauern an.\tThe investigation continues.\n"
			"Der Prozess beginnt im Herbst vor dem Oberlandesgericht.\t"
			"The trial starts in the autumn before the Higher Regional Court.\n");
	/* the job: 1-3 as in the TM (the middle one in context), 2 again
	 * (a repetition), 4 with a word less (fuzzy), one the TM lacks, and 4
	 * again between other neighbours (100 %, not context) */
	write_file(job, "<?xml version=\"1.0\"?>\n<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">"
			"<file original=\"a\" source-language=\"de\" target-language=\"en\" datatype=\"plaintext\"><body>\n"
			"<trans-unit id=\"1\"><source>Die Polizei sperrte die Straße.</source></trans-unit>\n"
			"<trans-unit id=\"2\"><source>Der Verdächtige wurde am Abend festgenommen.</source></trans-unit>\n"
			"<trans-unit id=\"3\"><source>Die Ermittlungen dauern an.</source></trans-unit>\n"
			"<trans-unit id=\"4\"><source>Der Verdächtige wurde am Abend festgenommen.</source></trans-unit>\n"
			"<trans-unit id=\"5\"><source>Der Prozess beginnt im Herbst vor dem Gericht.</source></trans-unit>\n"
			"<trans-unit id=\"6\"><source>Das Wetter bleibt sonnig und warm.</source></trans-unit>\n"
			"<trans-unit id=\"7\" translate=\"no\"><source>Nicht übersetzen.</source></trans-unit>\n"
			"</body></file></xliff>\n");
}

static void teardown(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

START_TEST(word_counts)
{
	static const char code[] = "Klicken Sie auf \xEE\x80\x80Speichern\xEE\x80\x81.";      /* U+E000, U+E001 */

	static const char de[] = "Der Anschlag am 3. Oktober 2024 – ein Test.";
	static const char en[] = "It's the U.S. Army's e-mail, isn't it?";

	ck_assert_int_eq(tmk_count_words_icu("de", de, sizeof(de) - 1), 8);
	ck_assert_int_eq(tmk_count_words_icu("en", en, sizeof(en) - 1), 8);     /* ICU: e, mail */
	ck_assert_int_eq(tmk_count_words_icu("de", code, sizeof(code) - 1), 4);       /* codes are no words */
	ck_assert_int_eq(tmk_count_words_icu("de", " ... !", 6), 0);
}
END_TEST

START_TEST(bands)
{
	tmk_tm *tm;
	tmk_import_report rep;
	tmk_import_opts io = { 0 };
	tmk_analyze_opts o = { 0 };
	tmk_analyzer *a;
	tmk_analysis r;
	char name[16];

	io.delim.src_lang = "de";
	io.delim.tgt_lang = "en";
	ck_assert_int_eq(tmk_tm_open(&tm, ":memory:", 0), 0);
	ck_assert_int_eq(tmk_import_file(tm, &rep, tsv, &io), 0);
	tmk_import_report_release(&rep);
	ck_assert_int_eq(tmk_analyzer_new(&a, tm, &o), 0);
	ck_assert_int_eq(tmk_analyzer_file(a, &r, job), 0);
	ck_assert_uint_eq(r.nbands, 8);
	ck_assert_int_eq(r.band[0].segments, 1);        /* repetition */
	ck_assert_int_eq(r.band[0].words, 6);
	ck_assert_int_eq(r.band[1].segments, 2);        /* context: 1 and 2 */
	ck_assert_int_eq(r.band[2].segments, 1);        /* 100 %: 3, its next neighbour differs */
	ck_assert_int_eq(r.band[3].segments + r.band[4].segments + r.band[5].segments + r.band[6].segments, 1);
	ck_assert_int_eq(r.band[7].segments, 1);        /* no match */
	ck_assert_int_eq(r.segments, 6);                /* translate="no" left out */
	tmk_analyzer_band_name(a, 3, name);
	ck_assert_str_eq(name, "95-99");
	tmk_analyzer_band_name(a, 7, name);
	ck_assert_str_eq(name, "no-match");
	/* the same job again: all of it is now repetition */
	ck_assert_int_eq(tmk_analyzer_file(a, &r, job), 0);
	ck_assert_int_eq(r.band[0].segments, 6);
	tmk_analyzer_free(a);

	o.edges[0] = 100, o.edges[1] = 60;
	o.nedges = 2;
	ck_assert_int_eq(tmk_analyzer_new(&a, tm, &o), 0);
	ck_assert_int_eq(tmk_analyzer_file(a, &r, job), 0);
	ck_assert_uint_eq(r.nbands, 5);
	tmk_analyzer_band_name(a, 3, name);
	ck_assert_str_eq(name, "60-99");
	ck_assert_int_eq(r.band[3].segments, 1);
	tmk_analyzer_free(a);
	tmk_analyzer_free(NULL);

	o.edges[0] = 95;
	ck_assert_int_eq(tmk_analyzer_new(&a, tm, &o), TMK_EINVAL);
	o.edges[0] = 100, o.edges[1] = 100;
	ck_assert_int_eq(tmk_analyze_check(&o), TMK_EINVAL);
	tmk_tm_free(tm);
}
END_TEST

START_TEST(bad_job)
{
	tmk_tm *tm;
	tmk_analyze_opts o = { 0 };
	tmk_analyzer *a;
	tmk_analysis r;

	write_file(job, "<tmx version=\"1.4\"><body/></tmx>");
	ck_assert_int_eq(tmk_tm_open(&tm, ":memory:", 0), 0);
	ck_assert_int_eq(tmk_analyzer_new(&a, tm, &o), 0);
	ck_assert_int_eq(tmk_analyzer_file(a, &r, job), TMK_EINPUT);
	ck_assert_ptr_nonnull(strstr(tmk_error_last(), "job.xlf"));
	tmk_analyzer_free(a);
	tmk_tm_free(tm);
}
END_TEST

static Suite *analyze_suite(void)
{
	Suite *s = suite_create("analyze");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, word_counts);
	tcase_add_test(tc, bands);
	tcase_add_test(tc, bad_job);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(analyze_suite)
