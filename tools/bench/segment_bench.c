/*
 * segment_bench.c - sentence segmentation speed, for tools/bench-segment.
 *
 * usage: segment_bench MODE LANG FILE [RULES.srx] [RUNS]
 *   MODE icu    ICU's plain sentence BreakIterator over the whole text
 *               (a UTF-8 UText, as segment.c uses it): the baseline
 *        tmkit  tmkit's segmenter (tmk_segment)
 *        srx    the SRX rules of RULES.srx (tmk_srx_segment)
 * The file is read once; each run segments it whole in this process (no
 * start-up, no output).  Prints one line: mode, bytes, sentences and the
 * MB/s of each run and their median (MB = 10^6 bytes).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include "error.h"
#include "segment.h"
#include "srx.h"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (!f || fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) ||
	    !(buf = malloc((size_t)n + 1)) || fread(buf, 1, (size_t)n, f) != (size_t)n) {
		fprintf(stderr, "segment_bench: cannot read %s\n", path);
		exit(1);
	}
	fclose(f);
	*len = (size_t)n;
	return buf;
}

/* ICU alone: count its boundaries. */
static size_t run_icu(const char *lang, const char *s, size_t len)
{
	UErrorCode st = U_ZERO_ERROR;
	UBreakIterator *bi = ubrk_open(UBRK_SENTENCE, lang, NULL, 0, &st);
	UText *ut = utext_openUTF8(NULL, s, (int64_t)len, &st);
	size_t n = 0;

	ubrk_setUText(bi, ut, &st);
	if (U_FAILURE(st)) {
		fprintf(stderr, "segment_bench: ICU: %s\n", u_errorName(st));
		exit(1);
	}
	for (ubrk_first(bi); ubrk_next(bi) != UBRK_DONE;)
		n++;
	utext_close(ut);
	ubrk_close(bi);
	return n;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	const char *mode, *lang;
	tmk_segmenter *seg = NULL;
	tmk_srx *srx = NULL;
	double mbs[16];
	size_t len, n = 0;
	int runs = 3, arg = 4;
	char *text;

	if (argc < 4) {
		fprintf(stderr, "usage: segment_bench icu|tmkit|srx LANG FILE [RULES.srx] [RUNS]\n");
		return 2;
	}
	mode = argv[1];
	lang = argv[2];
	text = read_all(argv[3], &len);
	if (strcmp(mode, "srx") == 0 && (argc < 5 || tmk_srx_load(&srx, argv[arg++]) < 0)) {
		fprintf(stderr, "segment_bench: %s\n", argc < 5 ? "srx needs RULES.srx" : tmk_error_last());
		return 1;
	}
	if (strcmp(mode, "tmkit") == 0 && tmk_segmenter_new(&seg, lang, 0) < 0) {
		fprintf(stderr, "segment_bench: %s\n", tmk_error_last());
		return 1;
	}
	if (argc > arg)
		runs = atoi(argv[arg]);
	if (runs < 1 || runs > 16)
		runs = 3;
	for (int r = 0; r < runs; r++) {
		double t0 = now();
		tmk_sentence *s = NULL;

		if (seg && tmk_segment(seg, text, len, &s, &n) < 0)
			return fprintf(stderr, "segment_bench: %s\n", tmk_error_last()), 1;
		else if (srx && tmk_srx_segment(srx, lang, text, len, &s, &n) < 0)
			return fprintf(stderr, "segment_bench: %s\n", tmk_error_last()), 1;
		else if (!seg && !srx)
			n = run_icu(lang, text, len);
		free(s);
		mbs[r] = len / 1e6 / (now() - t0);
	}
	printf("%-6s %zu bytes, %zu sentences, MB/s:", mode, len, n);
	for (int r = 0; r < runs; r++)
		printf(" %.2f", mbs[r]);
	qsort(mbs, (size_t)runs, sizeof(mbs[0]), cmp_double);
	printf("  median %.2f\n", mbs[runs / 2]);
	tmk_segmenter_free(seg);
	tmk_srx_free(srx);
	free(text);
	return 0;
}
