/* test_json.c - JSON string escaping (json.c). */
#include <string.h>

#include "json.h"
#include "tests.h"

static const struct {
	const char *in;
	const char *out;
} cases[] = {
	{ "plain", "\"plain\"" },
	{ "„Zitat“ – ä", "\"„Zitat“ – ä\"" },
	{ "a\"b\\c", "\"a\\\"b\\\\c\"" },
	{ "tab\there\nline\r", "\"tab\\there\\nline\\r\"" },
	{ "\x01\x1f\x7f", "\"\\u0001\\u001f\\u007f\"" },
	{ "", "\"\"" },
};

START_TEST(escape)
{
	tmk_buf b = TMK_BUF_INIT;

	ck_assert_int_eq(tmk_json_str(&b, cases[_i].in, strlen(cases[_i].in)), 0);
	ck_assert_str_eq(b.ptr, cases[_i].out);
	tmk_buf_release(&b);
}
END_TEST

START_TEST(object)
{
	tmk_buf b = TMK_BUF_INIT;

	tmk_buf_putc(&b, '{');
	tmk_json_kv_str(&b, 1, "text", "Hi.", 3);
	tmk_json_kv_num(&b, 0, "start", 42);
	tmk_buf_putc(&b, '}');
	ck_assert_str_eq(b.ptr, "{\"text\":\"Hi.\",\"start\":42}");
	tmk_buf_release(&b);
}
END_TEST

static Suite *json_suite(void)
{
	Suite *s = suite_create("json");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, escape, 0, sizeof(cases) / sizeof(cases[0]));
	tcase_add_test(tc, object);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(json_suite)
