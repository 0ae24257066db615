/* test_segrules.c - the segmenter's language data (segrules.c): the built-in
 * lists load, lookups work as documented, malformed lists are refused. */
#include <string.h>

#include "error.h"
#include "segrules.h"
#include "tests.h"

#define B(lit) lit, sizeof(lit) - 1

START_TEST(builtin_languages)
{
	tmk_segrules *de, *en, *xx = (tmk_segrules *)1;

	ck_assert_int_eq(tmk_segrules_new(&de, "de"), 0);
	ck_assert_int_eq(tmk_segrules_new(&en, "en"), 0);
	ck_assert(tmk_segrules_ordinal_dot(de));
	ck_assert(!tmk_segrules_ordinal_dot(en));
	ck_assert_int_eq(tmk_segrules_new(&xx, "xx"), TMK_EINVAL);
	ck_assert_ptr_null(xx);
	ck_assert_ptr_nonnull(strstr(tmk_error_last(), "'xx'"));

	/* classes, the spaced form matching the unspaced one */
	ck_assert_int_eq(tmk_segrules_abbrev(de, B("z.B.")), TMK_ABBR_INNER);
	ck_assert_int_eq(tmk_segrules_abbrev(de, B("Dr.")), TMK_ABBR_INNER);
	ck_assert_int_eq(tmk_segrules_abbrev(de, B("usw.")), TMK_ABBR_END);
	ck_assert_int_eq(tmk_segrules_abbrev(de, B("Mio.")), TMK_ABBR_FINAL);
	ck_assert_int_eq(tmk_segrules_abbrev(de, B("Art.")), TMK_ABBR_NUMBER);
	ck_assert_int_eq(tmk_segrules_abbrev(de, B("Haus.")), TMK_ABBR_NONE);
	/* a capitalised word matches its lower-case entry, not the reverse */
	ck_assert_int_eq(tmk_segrules_abbrev(de, B("Vgl.")), TMK_ABBR_INNER);
	ck_assert_int_eq(tmk_segrules_abbrev(en, B("no.")), TMK_ABBR_NONE);
	ck_assert_int_eq(tmk_segrules_abbrev(en, B("No.")), TMK_ABBR_NUMBER);
	/* suffix entries need a letter before them; a street takes a number */
	ck_assert_int_eq(tmk_segrules_abbrev(de, B("Goethestr.")), TMK_ABBR_NUMBER);
	ck_assert_int_eq(tmk_segrules_abbrev(de, B("Schillerstr.")), TMK_ABBR_NUMBER);
	ck_assert_int_eq(tmk_segrules_abbrev(de, B("-str.")), TMK_ABBR_NONE);

	/* nouns a cardinal follows: German only, as written */
	ck_assert(tmk_segrules_numbered(de, B("Platz")));
	ck_assert(tmk_segrules_numbered(de, B("Seite")));
	ck_assert(!tmk_segrules_numbered(de, B("Jahr")));
	ck_assert(!tmk_segrules_numbered(de, B("platz")));
	ck_assert(!tmk_segrules_numbered(en, B("Platz")));

	ck_assert(tmk_segrules_starter(de, B("Die")));
	/* "Sie" starts a sentence after an abbreviation, but is capitalised
	 * inside one too (tagged inner); "Die" only at a start */
	ck_assert(tmk_segrules_starter(de, B("Sie")));
	ck_assert(!tmk_segrules_starter_only(de, B("Sie")));
	ck_assert(tmk_segrules_starter_only(de, B("Die")));
	ck_assert(!tmk_segrules_starter_only(en, B("I")));
	ck_assert(tmk_segrules_starter_only(en, B("The")));
	ck_assert(!tmk_segrules_starter_only(en, B("Army")));
	ck_assert(tmk_segrules_starter(de, B("Danach")));
	ck_assert(!tmk_segrules_starter(de, B("Juli")));
	ck_assert(!tmk_segrules_starter(de, B("die")));         /* case-sensitive */
	ck_assert(tmk_segrules_starter(en, B("The")));
	ck_assert(!tmk_segrules_starter(en, B("Army")));
	/* continuers: exact or capitalised, never a noun */
	ck_assert(tmk_segrules_continuer(de, B("der")));
	ck_assert(tmk_segrules_continuer(de, B("Der")));
	ck_assert(tmk_segrules_continuer(de, B("zwischen")));
	ck_assert(!tmk_segrules_continuer(de, B("Kommission")));
	ck_assert(tmk_segrules_continuer(en, B("by")));
	ck_assert(!tmk_segrules_continuer(en, B("life")));
	ck_assert(!tmk_segrules_continuer(en, B("")));
	tmk_segrules_free(de);
	tmk_segrules_free(en);
	tmk_segrules_free(NULL);
}
END_TEST

static const struct {
	const char *abbr;
	size_t alen;
	const char *starters;
	size_t slen;
	const char *msg;
} bad[] = {
	{ B("Dr.\tinner\nProf\n"), B("Die\n"), "a.txt:2: an abbreviation must end with '.': 'Prof'" },
	{ B("Dr.\tfinal\n"), B("Die\n"), "a.txt:1: unknown class 'final'" },
	{ B("*.\n"), B("Die\n"), "a.txt:1: an abbreviation must end with '.'" },
	{ B("Dr.\n\xC3\n"), B("Die\n"), "a.txt:2: invalid UTF-8" },
	{ B("Dr.\n"), B("Die\nDer\tx\n"), "s.txt:2: unknown tag 'x'" },
};

START_TEST(malformed_lists)
{
	tmk_segrules *r = (tmk_segrules *)1;

	ck_assert_int_eq(tmk_segrules_parse(&r, 0, "a.txt", bad[_i].abbr, bad[_i].alen,
					    "s.txt", bad[_i].starters, bad[_i].slen), TMK_EINPUT);
	ck_assert_ptr_null(r);
	ck_assert_msg(strstr(tmk_error_last(), bad[_i].msg) != NULL,
		      "message '%s' lacks '%s'", tmk_error_last(), bad[_i].msg);
}
END_TEST

static Suite *segrules_suite(void)
{
	Suite *s = suite_create("segrules");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, builtin_languages);
	tcase_add_loop_test(tc, malformed_lists, 0, sizeof(bad) / sizeof(bad[0]));
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(segrules_suite)
