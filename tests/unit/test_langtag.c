/*
 * test_langtag.c - BCP 47 tags: canonical case, malformed tags refused,
 * ranges and ranking distance (issue 12: de-CH must survive).
 */
#include <string.h>

#include "error.h"
#include "langtag.h"
#include "tests.h"

static const struct {
	const char *in, *want;          /* want NULL: refused */
} canon_cases[] = {
	{ "de", "de" }, { "DE", "de" }, { "de-ch", "de-CH" }, { "de_CH", "de-CH" },
	{ "de_CH.UTF-8", "de-CH" }, { "de_DE@euro", "de-DE" }, { "eN-uS", "en-US" },
	{ "zh-hant-tw", "zh-Hant-TW" }, { "ZH-HANS", "zh-Hans" }, { "sr-latn-rs", "sr-Latn-RS" },
	{ "es-419", "es-419" }, { "de-CH-1996", "de-CH-1996" }, { "sl-rozaj-biske", "sl-rozaj-biske" },
	{ "de-ch-1901", "de-CH-1901" }, { "zh-yue-hk", "zh-yue-HK" }, { "en-a-bbb-x-a-ccc", "en-a-bbb-x-a-ccc" },
	{ "en-US-x-twain", "en-US-x-twain" }, { "x-whatever", "x-whatever" }, { "i-klingon", "i-klingon" },
	{ "EN-gb-OED", "en-GB-oed" }, { "fr-CA", "fr-CA" }, { "ja-JP", "ja-JP" }, { "ast", "ast" },
	{ "hy-Latn-IT-arevela", "hy-Latn-IT-arevela" }, { "de-Latn-CH", "de-Latn-CH" },
	{ "en-x-US", "en-x-us" },
	{ "", NULL }, { "d", NULL }, { "deutschland1", NULL }, { "abcdefghi", NULL }, { "de--CH", NULL }, { "de-", NULL },
	{ "de CH", NULL }, { "de-CH-", NULL }, { "de-123456789", NULL }, { "1de", NULL },
	{ "de-a", NULL }, { "de-a-b-cd", NULL }, { "x", NULL }, { "de-ÄÖ", NULL }, { "*all*", NULL },
	{ "en-US-US", NULL }, { "zh-abc-def-ghi-jkl", NULL },
};

START_TEST(canonical_case)
{
	char out[TMK_LANGTAG_MAX];
	const char *in = canon_cases[_i].in, *want = canon_cases[_i].want;
	int rc = tmk_langtag_canon(out, in, strlen(in));

	if (want) {
		ck_assert_msg(rc == 0, "%s refused: %s", in, tmk_error_last());
		ck_assert_str_eq(out, want);
	} else {
		ck_assert_msg(rc == TMK_EINPUT, "%s accepted as %s", in, out);
		ck_assert_str_eq(out, "");
		ck_assert_ptr_nonnull(strstr(tmk_error_last(), "not a language tag"));
	}
}
END_TEST

START_TEST(too_long)
{
	char in[200], out[TMK_LANGTAG_MAX];

	strcpy(in, "de");
	for (int i = 0; i < 20; i++)
		strcat(in, "-abcdefgh");
	ck_assert_int_eq(tmk_langtag_canon(out, in, strlen(in)), TMK_EINPUT);
	ck_assert_ptr_nonnull(strstr(tmk_error_last(), "too long"));
}
END_TEST

START_TEST(ranges)
{
	ck_assert(tmk_langtag_in_range("de", "de"));
	ck_assert(tmk_langtag_in_range("de", "de-CH"));
	ck_assert(tmk_langtag_in_range("DE", "de-CH"));
	ck_assert(tmk_langtag_in_range("de-CH", "de-CH-1996"));
	ck_assert(!tmk_langtag_in_range("de-CH", "de"));
	ck_assert(!tmk_langtag_in_range("de", "dsb"));
	ck_assert(!tmk_langtag_in_range("de-CH", "de-CHE"));
	ck_assert(tmk_langtag_same_lang("de-AT", "de-CH"));
	ck_assert(!tmk_langtag_same_lang("de", "dsb"));
	ck_assert_uint_eq(tmk_langtag_primary_len("zh-Hant-TW"), 2);
	ck_assert_uint_eq(tmk_langtag_primary_len("ast"), 3);
}
END_TEST

START_TEST(distance)
{
	/* --from de-CH: de-CH first, then plain de, then other variants */
	ck_assert_int_eq(tmk_langtag_distance("de-CH", "de-CH"), 0);
	ck_assert_int_eq(tmk_langtag_distance("de-CH", "de-CH-1996"), 0);
	ck_assert_int_eq(tmk_langtag_distance("de-CH", "de"), 1);
	ck_assert_int_eq(tmk_langtag_distance("de-CH", "de-DE"), 2);
	ck_assert_int_eq(tmk_langtag_distance("de-CH", "en"), 3);
	/* --from de: every German variant alike */
	ck_assert_int_eq(tmk_langtag_distance("de", "de-AT"), 0);
	ck_assert_int_eq(tmk_langtag_distance("de", "de"), 0);
	ck_assert_int_eq(tmk_langtag_distance("en-US", "en-GB"), 2);
}
END_TEST

static Suite *langtag_suite(void)
{
	Suite *s = suite_create("langtag");
	TCase *tc = tcase_create("langtag");

	tcase_add_loop_test(tc, canonical_case, 0, (int)(sizeof(canon_cases) / sizeof(canon_cases[0])));
	tcase_add_test(tc, too_long);
	tcase_add_test(tc, ranges);
	tcase_add_test(tc, distance);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(langtag_suite)
