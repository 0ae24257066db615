/* test_ding.c - the Ding dictionary's senses (ding.c): lookups as
 * translators type them (inflected, folded, English "to" verbs, valency
 * words, abbreviations, compounds split into their parts), the index
 * written, mapped again and rebuilt when stale or damaged, and files that
 * are not dictionaries. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ding.h"
#include "error.h"
#include "tests.h"

static const char ding[] =
	"# Version :: 1.9\n"
	"Anschlag {m} (auf jdn./etw.) | Anschläge {pl} :: attack (on sb./sth.) | attacks\n"
	"Anschlag {m} [techn.] | Anschläge {pl} :: fence | fences\n"
	"Bericht {m} (über etw.) | Berichte {pl} :: report (on sth.) | reports\n"
	"deutscher Inlandsgeheimdienst; Bundesamt für Verfassungsschutz /BfV/; Verfassungsschutz {m} "
	":: German domestic intelligence service\n"
	"Terrormiliz {f} | Terrormilizen {pl} :: terrorist militia | terrorist militias\n"
	"etw. überweisen {vt} :: to transfer sth.\n"
	"Tadschikistan /TJ/ [geogr.] :: Tajikistan\n"
	"a line without the separator\n"
	"\xff\xfe binary junk :: \x01\x02\n"
	" :: \n"
	"Straße {f} :: street\n";

/* The first sense found for Q: "de = en (how)". */
static void first(char *out, size_t cap, tmk_ding *d, const char *from, const char *q)
{
	tmk_ding_sense *s;
	size_t n;

	ck_assert_int_eq(tmk_ding_lookup(d, &s, &n, from, q, strlen(q), 5), 0);
	if (n == 0)
		snprintf(out, cap, "-");
	else
		snprintf(out, cap, "%s = %s (%s)", s[0].de, s[0].en, tmk_match_name(s[0].how));
	tmk_ding_senses_free(s, n);
}

START_TEST(lookup_forms)
{
	tmk_ding *d;
	char got[512];
	tmk_ding_sense *s;
	size_t n;

	ck_assert_int_eq(tmk_ding_parse(&d, ding, sizeof(ding) - 1), 0);
	ck_assert_uint_gt(tmk_ding_size(d), 10);
	first(got, sizeof(got), d, NULL, "Anschlag");
	ck_assert_str_eq(got, "Anschlag (auf jdn./etw.) = attack (on sb./sth.) (exact)");
	first(got, sizeof(got), d, NULL, "Terrormilizen");
	ck_assert_str_eq(got, "Terrormilizen = terrorist militias (exact)");
	first(got, sizeof(got), d, "de", "TERRORMILIZ");
	ck_assert_str_eq(got, "Terrormiliz = terrorist militia (exact)");
	first(got, sizeof(got), d, NULL, "des Verfassungsschutzes");
	ck_assert_str_eq(got, "deutscher Inlandsgeheimdienst; Bundesamt für Verfassungsschutz /BfV/; "
			 "Verfassungsschutz = German domestic intelligence service (inflected)");
	first(got, sizeof(got), d, NULL, "BfV");
	ck_assert_ptr_nonnull(strstr(got, "German domestic intelligence service"));
	first(got, sizeof(got), d, NULL, "ueberweisen");
	ck_assert_str_eq(got, "etw. überweisen = to transfer sth. (exact)");
	first(got, sizeof(got), d, "en", "to transfer");
	ck_assert_str_eq(got, "etw. überweisen = to transfer sth. (exact)");
	first(got, sizeof(got), d, "en", "Tajikistan");
	ck_assert_str_eq(got, "Tadschikistan /TJ/ [geogr.] = Tajikistan (exact)");
	first(got, sizeof(got), d, NULL, "strasse");
	ck_assert_str_eq(got, "Straße = street (exact)");
	/* English only when asked in English: no German "attack" */
	first(got, sizeof(got), d, "de", "attacks");
	ck_assert_str_eq(got, "-");
	first(got, sizeof(got), d, NULL, "nichts dergleichen");
	ck_assert_str_eq(got, "-");
	/* a compound Ding lacks: its modifier and its head, taking turns */
	ck_assert_int_eq(tmk_ding_lookup(d, &s, &n, NULL, "Verfassungsschutzbericht", 24, 5), 0);
	ck_assert_uint_eq(n, 3);        /* Verfassungsschutz; Bericht, Berichte */
	ck_assert_int_eq(s[0].how, TMK_MATCH_COMPOUND);
	ck_assert_ptr_nonnull(strstr(s[0].de, "Verfassungsschutz"));
	ck_assert_str_eq(s[1].en, "report (on sth.)");
	tmk_ding_senses_free(s, n);
	/* the best first: the headword's own sense before its plural, Ding's order */
	ck_assert_int_eq(tmk_ding_lookup(d, &s, &n, NULL, "Anschläge", 11, 1), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(s[0].en, "attacks");
	tmk_ding_senses_free(s, n);
	tmk_ding_free(d);
	tmk_ding_free(NULL);
}
END_TEST

START_TEST(index_file)
{
	char dir[64], src[96], idx[128], got[256];
	tmk_ding *d;
	FILE *f;

	snprintf(dir, sizeof(dir), "/tmp/tmkit-ding-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(src, sizeof(src), "%s/de-en", dir);
	snprintf(idx, sizeof(idx), "%s/cache/sub/de-en.idx", dir);
	ck_assert_ptr_nonnull(f = fopen(src, "wb"));
	fwrite(ding, 1, sizeof(ding) - 1, f);
	fclose(f);
	/* built and written (folders made), then mapped */
	ck_assert_int_eq(tmk_ding_open(&d, src, idx), 0);
	tmk_ding_free(d);
	ck_assert_int_eq(access(idx, R_OK), 0);
	ck_assert_int_eq(tmk_ding_open(&d, src, idx), 0);
	first(got, sizeof(got), d, NULL, "Terrormiliz");
	ck_assert_str_eq(got, "Terrormiliz = terrorist militia (exact)");
	tmk_ding_free(d);
	/* a damaged index (cut short) is rebuilt, not trusted */
	ck_assert_int_eq(truncate(idx, 100), 0);
	ck_assert_int_eq(tmk_ding_open(&d, src, idx), 0);
	first(got, sizeof(got), d, NULL, "Bericht");
	ck_assert_str_eq(got, "Bericht (über etw.) = report (on sth.) (exact)");
	tmk_ding_free(d);
	/* no such file: the Debian package is named */
	ck_assert_int_eq(tmk_ding_open(&d, "/nonexistent/de-en", NULL), TMK_EIO);
	ck_assert_ptr_nonnull(strstr(tmk_error_last(), "trans-de-en"));
	ck_assert_ptr_null(d);
	/* a folder, an empty file, a file without one entry */
	ck_assert_int_eq(tmk_ding_open(&d, dir, NULL), TMK_EINPUT);
	ck_assert_ptr_nonnull(f = fopen(src, "wb"));
	fclose(f);
	ck_assert_int_eq(tmk_ding_open(&d, src, NULL), TMK_EINPUT);
	ck_assert_ptr_nonnull(f = fopen(src, "wb"));
	fputs("# only a comment\nno separator here\n", f);
	fclose(f);
	ck_assert_int_eq(tmk_ding_open(&d, src, NULL), TMK_EINPUT);
	ck_assert_ptr_nonnull(strstr(tmk_error_last(), "no entries"));
	{
		char cmd[96];
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
		ck_assert_int_eq(system(cmd), 0);
	}
}
END_TEST

/* Lines cut anywhere (no separator, unclosed annotations, a lone slash,
 * separators at the ends) index without a crash and without junk keys. */
START_TEST(malformed_lines)
{
	static const char *const bad[] = {
		"Wort {m :: word\n", "Wort [ugs. :: word (\n", "/ :: /\n", " | | :: | |\n",
		"Wort :: \n", " :: word\n", "Wort; ; ; :: word;;\n", "Wort (a) (b) (c :: w\n",
		"::::\n", "Wort :: word", "\n\n\n", "Wort /X :: word /Y\n",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		tmk_ding *d;
		tmk_ding_sense *s;
		size_t n;
		ck_assert_int_eq(tmk_ding_parse(&d, bad[i], strlen(bad[i])), 0);
		ck_assert_int_eq(tmk_ding_lookup(d, &s, &n, NULL, "Wort", 4, 5), 0);
		for (size_t k = 0; k < n; k++)
			ck_assert_ptr_nonnull(s[k].de);
		tmk_ding_senses_free(s, n);
		tmk_ding_free(d);
	}
}
END_TEST

static Suite *ding_suite(void)
{
	Suite *s = suite_create("ding");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, lookup_forms);
	tcase_add_test(tc, index_file);
	tcase_add_test(tc, malformed_lines);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(ding_suite)
