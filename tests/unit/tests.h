/*
 * tests.h - what the Check suites share: a main() that runs one suite and
 * a helper to read a test data file.
 */
#ifndef TMK_TESTS_H
#define TMK_TESTS_H

#include <check.h>
#include <stdio.h>
#include <stdlib.h>

/* Read a whole file; a test data file that cannot be read ends the run
 * (this may be called while the suite is built, outside any test). */
static inline char *test_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (!f || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0 ||
	    !(buf = malloc((size_t)n + 1)) || fread(buf, 1, (size_t)n, f) != (size_t)n) {
		fprintf(stderr, "test data: cannot read %s\n", path);
		exit(EXIT_FAILURE);
	}
	buf[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return buf;
}

/* Sanitizer builds: a finding of ASan, LSan or UBSan ends the process with
 * status 23.  Check runs each test in a child and counts a child that
 * exits other than 0 as an error ("Early exit with return value 23"), so
 * a test that leaks fails, named, with LeakSanitizer's report above it;
 * with CK_FORK=no the run as a whole exits 23.  (The default, 1, failed
 * too, but did not say why.)  One test program includes this header once,
 * so these are defined once; the runtimes call them when linked in. */
const char *__asan_default_options(void);
const char *__lsan_default_options(void);
const char *__ubsan_default_options(void);
const char *__asan_default_options(void) { return "exitcode=23"; }
const char *__lsan_default_options(void) { return "exitcode=23"; }
const char *__ubsan_default_options(void) { return "exitcode=23"; }

/* Run SUITE and exit with its failure count. */
#define TEST_MAIN(suite_fn)                                              \
	int main(void)                                                   \
	{                                                                \
		SRunner *sr = srunner_create(suite_fn());                \
		int failed;                                              \
		srunner_run_all(sr, CK_NORMAL);                          \
		failed = srunner_ntests_failed(sr);                      \
		srunner_free(sr);                                        \
		return failed ? EXIT_FAILURE : EXIT_SUCCESS;             \
	}

#endif
