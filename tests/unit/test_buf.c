/* test_buf.c - the growable buffer (buf.c). */
#include <string.h>

#include "buf.h"
#include "tests.h"

START_TEST(grows_and_terminates)
{
	tmk_buf b = TMK_BUF_INIT;

	for (int i = 0; i < 10000; i++)
		ck_assert_int_eq(tmk_buf_puts(&b, "ab"), 0);
	ck_assert_uint_eq(b.len, 20000);
	ck_assert_int_eq(b.ptr[b.len], '\0');
	ck_assert_int_eq(tmk_buf_printf(&b, "%d-%s", 42, "x"), 0);
	ck_assert_str_eq(b.ptr + 20000, "42-x");
	tmk_buf_release(&b);
	ck_assert_ptr_null(b.ptr);
}
END_TEST

START_TEST(clear_keeps_memory_detach_resets)
{
	tmk_buf b = TMK_BUF_INIT;
	char *p;

	tmk_buf_puts(&b, "hello");
	tmk_buf_clear(&b);
	ck_assert_uint_eq(b.len, 0);
	ck_assert_str_eq(b.ptr, "");
	tmk_buf_put(&b, "xy", 2);
	p = tmk_buf_detach(&b);
	ck_assert_str_eq(p, "xy");
	ck_assert_ptr_null(b.ptr);
	free(p);
	p = tmk_buf_detach(&b);         /* empty: an allocated "" */
	ck_assert_str_eq(p, "");
	free(p);
	tmk_buf_release(NULL);          /* accepts NULL */
}
END_TEST

static Suite *buf_suite(void)
{
	Suite *s = suite_create("buf");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, grows_and_terminates);
	tcase_add_test(tc, clear_keeps_memory_detach_resets);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(buf_suite)
