/* test_utf8.c - UTF-8 validation and decoding (utf8.c), table-driven. */
#include <string.h>

#include "tests.h"
#include "utf8.h"

static const struct {
	const char *s;
	size_t len;
	int valid;
	size_t bad;     /* offset of the first bad byte when invalid */
} cases[] = {
	{ "plain ASCII", 11, 1, 0 },
	{ "Gr\xC3\xBC\xC3\x9F" "e", 7, 1, 0 },                 /* Grüße */
	{ "\xE2\x80\x9E" "Zitat" "\xE2\x80\x9C", 11, 1, 0 },   /* „Zitat“ */
	{ "\xF0\x9F\x98\x80", 4, 1, 0 },                        /* emoji */
	{ "ab\x80", 3, 0, 2 },                                  /* lone continuation */
	{ "ab\xC3", 3, 0, 2 },                                  /* truncated at the end */
	{ "\xC0\xAF", 2, 0, 0 },                                /* overlong '/' */
	{ "x\xE0\x80\xAF", 4, 0, 1 },                           /* overlong, 3 bytes */
	{ "\xED\xA0\x80", 3, 0, 0 },                            /* surrogate U+D800 */
	{ "\xF4\x90\x80\x80", 4, 0, 0 },                        /* past U+10FFFF */
	{ "ok\xFF", 3, 0, 2 },                                  /* never valid byte */
	{ "Stra\xDF" "e", 6, 0, 4 },                            /* Latin-1 ß */
};

START_TEST(validate)
{
	size_t bad = 999;

	ck_assert_int_eq(tmk_utf8_valid(cases[_i].s, cases[_i].len, &bad), cases[_i].valid);
	if (!cases[_i].valid)
		ck_assert_uint_eq(bad, cases[_i].bad);
}
END_TEST

START_TEST(next_prev_count)
{
	const char *s = "a\xC3\xA4\xE2\x80\xA6\xF0\x9F\x98\x80";     /* a ä … 😀 */
	size_t len = strlen(s), i = 0;

	ck_assert_int_eq(tmk_utf8_next(s, len, &i), 'a');
	ck_assert_int_eq(tmk_utf8_next(s, len, &i), 0xE4);
	ck_assert_int_eq(tmk_utf8_next(s, len, &i), 0x2026);
	ck_assert_int_eq(tmk_utf8_next(s, len, &i), 0x1F600);
	ck_assert_uint_eq(i, len);
	ck_assert_int_eq(tmk_utf8_prev(s, &i), 0x1F600);
	ck_assert_int_eq(tmk_utf8_prev(s, &i), 0x2026);
	ck_assert_int_eq(tmk_utf8_prev(s, &i), 0xE4);
	ck_assert_int_eq(tmk_utf8_prev(s, &i), 'a');
	ck_assert_uint_eq(i, 0);
	ck_assert_uint_eq(tmk_utf8_count(s, len), 4);
}
END_TEST

START_TEST(ill_formed_decodes_as_replacement)
{
	const char *s = "\xE2\x80" "x";
	size_t i = 0;

	ck_assert_int_eq(tmk_utf8_next(s, 3, &i), 0xFFFD);
	i = 2;
	ck_assert_int_eq(tmk_utf8_prev(s, &i), 0xFFFD);
	ck_assert_uint_eq(i, 1);
}
END_TEST

START_TEST(spaces)
{
	ck_assert(tmk_is_space(' '));
	ck_assert(tmk_is_space('\n'));
	ck_assert(tmk_is_space(0xA0));          /* no-break space */
	ck_assert(tmk_is_space(0x2028));
	ck_assert(!tmk_is_space('x'));
	ck_assert(!tmk_is_space(0x200B));       /* zero width space is not White_Space */
}
END_TEST

START_TEST(spans)
{
	const char *s = "  \xC2\xA0Wort\xC3\xA4 x  ";      /* 2 spaces, NBSP, "Wortä x", 2 spaces */
	size_t len = strlen(s);

	ck_assert_uint_eq(tmk_utf8_span_fwd(s, len, 0, tmk_is_space, 1), 4);
	ck_assert_uint_eq(tmk_utf8_span_fwd(s, len, 4, tmk_is_space, 0), 10);
	ck_assert_uint_eq(tmk_utf8_span_back(s, 0, len, tmk_is_space, 1), 12);
	ck_assert_uint_eq(tmk_utf8_span_back(s, 0, 10, tmk_is_space, 0), 4);
	ck_assert_uint_eq(tmk_utf8_span_back(s, 6, 10, tmk_is_space, 0), 6);   /* stops at LO */
	ck_assert_uint_eq(tmk_utf8_span_fwd(s, 3, 0, tmk_is_space, 1), 2);     /* stops before END */
}
END_TEST

static Suite *utf8_suite(void)
{
	Suite *s = suite_create("utf8");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, validate, 0, sizeof(cases) / sizeof(cases[0]));
	tcase_add_test(tc, next_prev_count);
	tcase_add_test(tc, ill_formed_decodes_as_replacement);
	tcase_add_test(tc, spaces);
	tcase_add_test(tc, spans);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(utf8_suite)
