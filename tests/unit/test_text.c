/* test_text.c - reading user text at the edge (text.c): validation with
 * file, line and offset in the message, BOM, NFC with offset mapping. */
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "tests.h"
#include "text.h"

#define B(lit) lit, sizeof(lit) - 1

static const struct {
	const char *bytes;
	size_t len;
	const char *msg;        /* expected part of the error message */
} bad[] = {
	{ B("Zeile eins\nZeile \xFF zwei\n"), "in.txt:2: invalid UTF-8 at byte offset 17 (byte 0xff)" },
	{ B("eins\r\nzwei\r\ndrei \xC3"), "in.txt:3: invalid UTF-8 at byte offset 17" },
	{ B("a\rb\rc\x80"), "in.txt:3: invalid UTF-8 at byte offset 5" },
	{ B("Stra\xDF" "e\n"), "in.txt:1: invalid UTF-8 at byte offset 4" },
	{ B("Text\0mehr"), "in.txt:1: NUL byte at byte offset 4" },
	{ B("\xEF\xBB\xBF" "BOM\n\xED\xA0\x80"), "in.txt:2: invalid UTF-8 at byte offset 7" },
};

START_TEST(rejects_bad_bytes)
{
	tmk_text *t = (tmk_text *)1;

	ck_assert_int_eq(tmk_text_from_bytes(&t, "in.txt", bad[_i].bytes, bad[_i].len), TMK_EINPUT);
	ck_assert_ptr_null(t);
	ck_assert_msg(strstr(tmk_error_last(), bad[_i].msg) != NULL,
		      "message '%s' lacks '%s'", tmk_error_last(), bad[_i].msg);
}
END_TEST

START_TEST(strips_bom_and_maps_offsets)
{
	tmk_text *t;

	ck_assert_int_eq(tmk_text_from_bytes(&t, "x", "\xEF\xBB\xBFHallo.", 9), 0);
	ck_assert_uint_eq(t->len, 6);
	ck_assert_str_eq(t->data, "Hallo.");
	ck_assert_uint_eq(t->bom, 3);
	ck_assert_uint_eq(tmk_text_input_offset(t, 0), 3);
	ck_assert_uint_eq(tmk_text_input_offset(t, 6), 9);
	tmk_text_free(t);
}
END_TEST

START_TEST(nfc_composes_and_maps_offsets)
{
	/* "Cafe\u0301 ist o\u0308de." -> "Café ist öde."; each composition
	 * saves one byte, and offsets after it shift back into the input */
	const char *in = "Cafe\xCC\x81 ist o\xCC\x88" "de.";
	tmk_text *t;

	ck_assert_int_eq(tmk_text_from_bytes(&t, "x", in, strlen(in)), 0);
	ck_assert_str_eq(t->data, "Caf\xC3\xA9 ist \xC3\xB6" "de.");
	ck_assert_uint_eq(t->len, strlen(in) - 2);
	ck_assert_uint_eq(tmk_text_input_offset(t, 0), 0);
	ck_assert_uint_eq(tmk_text_input_offset(t, 5), 6);             /* after "Café" */
	ck_assert_uint_eq(tmk_text_input_offset(t, 10), 11);           /* at "öde" */
	ck_assert_uint_eq(tmk_text_input_offset(t, t->len), strlen(in));
	tmk_text_free(t);
}
END_TEST

START_TEST(nfc_leaves_normal_text_alone)
{
	const char *in = "\xE2\x80\x9E" "Gr\xC3\xBC\xC3\x9F" "e\xE2\x80\x9C, sagte er.\r\n";
	tmk_text *t;

	ck_assert_int_eq(tmk_text_from_bytes(&t, "x", in, strlen(in)), 0);
	ck_assert_str_eq(t->data, in);          /* CRLF kept, nothing changed */
	ck_assert_ptr_null(t->map);
	ck_assert_uint_eq(tmk_text_input_offset(t, 7), 7);
	tmk_text_free(t);
}
END_TEST

START_TEST(nfc_compatibility_singleton)
{
	/* U+212B ANGSTROM SIGN is not NFC: it becomes U+00C5 (one byte less) */
	const char *in = "1 \xE2\x84\xAB und mehr";
	tmk_text *t;

	ck_assert_int_eq(tmk_text_from_bytes(&t, "x", in, strlen(in)), 0);
	ck_assert_str_eq(t->data, "1 \xC3\x85 und mehr");
	ck_assert_uint_eq(tmk_text_input_offset(t, 4), 5);
	tmk_text_free(t);
}
END_TEST

START_TEST(empty_input)
{
	tmk_text *t;

	ck_assert_int_eq(tmk_text_from_bytes(&t, "x", "", 0), 0);
	ck_assert_uint_eq(t->len, 0);
	ck_assert_str_eq(t->data, "");
	tmk_text_free(t);
	tmk_text_free(NULL);
}
END_TEST

START_TEST(load_missing_file)
{
	tmk_text *t;

	ck_assert_int_eq(tmk_text_load(&t, "/nonexistent/tmkit.txt"), TMK_EIO);
	ck_assert_ptr_nonnull(strstr(tmk_error_last(), "cannot open '/nonexistent/tmkit.txt'"));
}
END_TEST

START_TEST(load_directory)
{
	tmk_text *t;

	ck_assert_int_eq(tmk_text_load(&t, "/"), TMK_EIO);
	ck_assert_ptr_nonnull(strstr(tmk_error_last(), "'/'"));
}
END_TEST

START_TEST(load_file)
{
	char path[] = "/tmp/tmkit-text-XXXXXX";
	int fd = mkstemp(path);
	tmk_text *t;

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, "Ein Satz.\n", 10), 10);
	close(fd);
	ck_assert_int_eq(tmk_text_load(&t, path), 0);
	ck_assert_str_eq(t->name, path);
	ck_assert_str_eq(t->data, "Ein Satz.\n");
	tmk_text_free(t);
	unlink(path);
}
END_TEST

static Suite *text_suite(void)
{
	Suite *s = suite_create("text");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, rejects_bad_bytes, 0, sizeof(bad) / sizeof(bad[0]));
	tcase_add_test(tc, strips_bom_and_maps_offsets);
	tcase_add_test(tc, nfc_composes_and_maps_offsets);
	tcase_add_test(tc, nfc_leaves_normal_text_alone);
	tcase_add_test(tc, nfc_compatibility_singleton);
	tcase_add_test(tc, empty_input);
	tcase_add_test(tc, load_missing_file);
	tcase_add_test(tc, load_directory);
	tcase_add_test(tc, load_file);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(text_suite)
