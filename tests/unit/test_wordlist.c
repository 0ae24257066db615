/* test_wordlist.c - the word set and the list-file parser (wordlist.c),
 * including malformed list files. */
#include <string.h>

#include "error.h"
#include "tests.h"
#include "wordlist.h"

#define B(lit) lit, sizeof(lit) - 1

START_TEST(add_get_grow)
{
	tmk_wordlist *wl;
	char key[32];

	ck_assert_int_eq(tmk_wordlist_new(&wl), 0);
	for (int i = 0; i < 20000; i++) {
		int n = snprintf(key, sizeof(key), "wort%d", i);
		ck_assert_int_eq(tmk_wordlist_add(wl, key, (size_t)n, i % 7), 0);
	}
	ck_assert_uint_eq(tmk_wordlist_count(wl), 20000);
	ck_assert_int_eq(tmk_wordlist_get(wl, B("wort12345")), 12345 % 7);
	ck_assert_int_eq(tmk_wordlist_get(wl, B("wort20000")), -1);
	ck_assert_int_eq(tmk_wordlist_get(wl, B("wort1234")), 1234 % 7);
	ck_assert_int_eq(tmk_wordlist_add(wl, B("wort1"), 5), 0);      /* later value wins */
	ck_assert_int_eq(tmk_wordlist_get(wl, B("wort1")), 5);
	ck_assert_uint_eq(tmk_wordlist_count(wl), 20000);
	ck_assert_int_eq(tmk_wordlist_get(wl, "", 0), -1);
	tmk_wordlist_free(wl);
	tmk_wordlist_free(NULL);
}
END_TEST

static int tag_fn(const char *tag, size_t len, void *ctx)
{
	(void)ctx;
	if (!tag)
		return 0;
	if (len == 3 && memcmp(tag, "red", 3) == 0)
		return 1;
	return -1;
}

START_TEST(parse_good_list)
{
	static const char list[] =
		"# a comment\n"
		"\n"
		"Haus\n"
		"  Baum  \t red \r\n"
		"z. B.\n"
		"   \n"
		"\xC3\x84rger";         /* no final newline */
	tmk_wordlist *wl;

	ck_assert_int_eq(tmk_wordlist_new(&wl), 0);
	ck_assert_int_eq(tmk_wordlist_load(wl, "l", list, sizeof(list) - 1, tag_fn, NULL), 0);
	ck_assert_uint_eq(tmk_wordlist_count(wl), 4);
	ck_assert_int_eq(tmk_wordlist_get(wl, B("Haus")), 0);
	ck_assert_int_eq(tmk_wordlist_get(wl, B("Baum")), 1);
	ck_assert_int_eq(tmk_wordlist_get(wl, B("z. B.")), 0);
	ck_assert_int_eq(tmk_wordlist_get(wl, B("\xC3\x84rger")), 0);
	ck_assert_int_eq(tmk_wordlist_get(wl, B("# a comment")), -1);
	tmk_wordlist_free(wl);
}
END_TEST

static const struct {
	const char *data;
	size_t len;
	int use_tags;
	const char *msg;
} bad[] = {
	{ B("gut\nschlecht \xFF\n"), 1, "list.txt:2: invalid UTF-8" },
	{ B("a\nb\nc\0d\n"), 1, "list.txt:3: NUL byte" },
	{ B("Wort\tred\tblue\n"), 1, "list.txt:1: more than one tag" },
	{ B("ok\n\tred\n"), 1, "list.txt:2: tag without an entry" },
	{ B("x\ny\tgreen\n"), 1, "list.txt:2: unknown tag 'green'" },
	{ B("x\ty\n"), 0, "list.txt:1: this list takes no tags" },
};

START_TEST(parse_bad_list)
{
	tmk_wordlist *wl;

	ck_assert_int_eq(tmk_wordlist_new(&wl), 0);
	ck_assert_int_eq(tmk_wordlist_load(wl, "list.txt", bad[_i].data, bad[_i].len,
					   bad[_i].use_tags ? tag_fn : NULL, NULL), TMK_EINPUT);
	ck_assert_msg(strstr(tmk_error_last(), bad[_i].msg) != NULL,
		      "message '%s' lacks '%s'", tmk_error_last(), bad[_i].msg);
	tmk_wordlist_free(wl);
}
END_TEST

static Suite *wordlist_suite(void)
{
	Suite *s = suite_create("wordlist");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, add_get_grow);
	tcase_add_test(tc, parse_good_list);
	tcase_add_loop_test(tc, parse_bad_list, 0, sizeof(bad) / sizeof(bad[0]));
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(wordlist_suite)
