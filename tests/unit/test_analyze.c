/* test_analyze.c - the job analysis (analyze.c, issue 13): word counts as
 * Trados counts them, and every band: repetition, context match, 100 %,
 * fuzzy, no match, with custom edges; --segment. */
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

/* --segment: a unit's sentences are its segments (analyze.h), each in
 * its band; a unit where a boundary would cut a pair stays one; 2.0's
 * canResegment; SDLXLIFF as Trados segmented it; the rules' languages. */
START_TEST(segment)
{
	tmk_tm *tm;
	tmk_import_report rep;
	tmk_import_opts io = { 0 };
	tmk_analyze_opts o = { 0 };
	tmk_analyzer *a;
	tmk_analysis r;
	char job20[96], sdl[96], fr[96];

	io.delim.src_lang = "de";
	io.delim.tgt_lang = "en";
	ck_assert_int_eq(tmk_tm_open(&tm, ":memory:", 0), 0);
	ck_assert_int_eq(tmk_import_file(tm, &rep, tsv, &io), 0);
	tmk_import_report_release(&rep);
	write_file(job, "<?xml version=\"1.0\"?>\n<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">"
			"<file original=\"a\" source-language=\"de\" target-language=\"en\" datatype=\"plaintext\"><body>\n"
			"<trans-unit id=\"1\"><source>Die Polizei sperrte die Straße. Der Verdächtige wurde am Abend "
			"festgenommen.</source></trans-unit>\n"
			"<trans-unit id=\"2\"><source>Die Ermittlungen dauern an. Das Wetter bleibt sonnig und warm."
			"</source><target>Alt.</target></trans-unit>\n"
			"<trans-unit id=\"3\"><source><g id=\"1\">Die Polizei sperrte die Straße. Die Ermittlungen dauern "
			"an.</g></source></trans-unit>\n"
			"<trans-unit id=\"4\" translate=\"no\"><source>Eins. Zwei.</source></trans-unit>\n"
			"<trans-unit id=\"5\"><source>Die Polizei sperrte die Straße.\n  Die Polizei sperrte die Straße."
			"</source></trans-unit>\n"
			"</body></file></xliff>\n");
	snprintf(job20, sizeof(job20), "%s/job20.xlf", dir);
	write_file(job20, "<?xml version=\"1.0\"?>\n<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" "
			  "srcLang=\"de\" trgLang=\"en\"><file id=\"f\">\n"
			  "<unit id=\"a\"><segment><source>Erster Satz hier. Zweiter Satz dort.</source></segment></unit>\n"
			  "<unit id=\"b\" canResegment=\"no\"><segment><source>Dritter Satz. Vierter Satz.</source></segment>"
			  "</unit>\n"
			  "<group id=\"g\" canResegment=\"no\"><unit id=\"c\"><segment><source>Fünfter Satz. Sechster Satz."
			  "</source></segment></unit><unit id=\"d\" canResegment=\"yes\"><segment><source>Siebter Satz. "
			  "Achter Satz.</source></segment></unit></group>\n"
			  "<unit id=\"e\"><segment canResegment=\"no\"><source>Neunter Satz. Zehnter Satz.</source></segment>"
			  "</unit>\n"
			  "<unit id=\"f\"><segment><source>Elfter Satz. Zwölfter Satz.</source></segment><segment><source>"
			  "Dreizehnter Satz. Vierzehnter Satz.</source></segment></unit>\n"
			  "</file></xliff>\n");
	snprintf(sdl, sizeof(sdl), "%s/job.sdlxliff", dir);
	write_file(sdl, "<?xml version=\"1.0\"?>\n<xliff xmlns:sdl=\"http://sdl.com/FileTypes/SdlXliff/1.0\" "
			"xmlns=\"urn:oasis:names:tc:xliff:document:1.2\" version=\"1.2\"><file original=\"a\" datatype=\"x\" "
			"source-language=\"de\" target-language=\"en\"><body>\n<trans-unit id=\"t\"><source>Eins hier. Zwei "
			"dort.</source></trans-unit>\n</body></file></xliff>\n");

	/* without --segment: a unit a segment */
	ck_assert_int_eq(tmk_analyzer_new(&a, tm, &o), 0);
	ck_assert_int_eq(tmk_analyzer_file(a, &r, job), 0);
	ck_assert_int_eq(r.segments, 4);
	ck_assert_int_eq(r.band[1].segments, 0);
	tmk_analyzer_free(a);

	o.segment = 1;
	ck_assert_int_eq(tmk_analyzer_new(&a, tm, &o), 0);
	ck_assert_int_eq(tmk_analyzer_file(a, &r, job), 0);
	ck_assert_int_eq(r.segments, 7);        /* 1, 2 and 5 split (a target does not matter), 3 not */
	ck_assert_int_eq(r.words, 5 + 6 + 4 + 6 + 9 + 5 + 5);
	ck_assert_int_eq(r.band[0].segments, 2);        /* 5's two sentences were 1's first */
	ck_assert_int_eq(r.band[0].words, 10);
	ck_assert_int_eq(r.band[1].segments, 2);        /* 1's sentences: their neighbours as in the TM */
	ck_assert_int_eq(r.band[2].segments, 1);        /* 2's first: the sentence after it differs */
	ck_assert_int_eq(r.band[2].words, 4);
	ck_assert_int_eq(r.band[7].segments + r.band[6].segments + r.band[5].segments + r.band[4].segments +
			 r.band[3].segments, 2);        /* 2's second, and 3 */
	ck_assert_int_eq(tmk_analyzer_file(a, &r, job20), 0);
	ck_assert_int_eq(r.segments, 2 + 1 + 1 + 2 + 1 + 2);
	ck_assert_int_eq(tmk_analyzer_file(a, &r, sdl), 0);
	ck_assert_int_eq(r.segments, 1);
	tmk_analyzer_free(a);

	/* a language without sentence rules: an error naming the unit, unless
	 * --from says the language */
	snprintf(fr, sizeof(fr), "%s/fr.xlf", dir);
	write_file(fr, "<?xml version=\"1.0\"?>\n<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">"
		       "<file original=\"a\" source-language=\"fr\" target-language=\"en\" datatype=\"plaintext\"><body>\n"
		       "<trans-unit id=\"1\"><source>Un. Deux.</source></trans-unit>\n</body></file></xliff>\n");
	ck_assert_int_eq(tmk_analyzer_new(&a, tm, &o), 0);
	ck_assert_int_eq(tmk_analyzer_file(a, &r, fr), TMK_EINPUT);
	ck_assert_ptr_nonnull(strstr(tmk_error_last(), "fr.xlf:3: --segment: no sentence rules for the source language "
					"'fr' (there are: de, en)"));
	tmk_analyzer_free(a);
	o.from = "de";
	ck_assert_int_eq(tmk_analyzer_new(&a, tm, &o), 0);
	ck_assert_int_eq(tmk_analyzer_file(a, &r, fr), 0);
	ck_assert_int_eq(r.segments, 2);
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
	tcase_add_test(tc, segment);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(analyze_suite)
