/*
 * tm_bench.c - per-query timings of TM lookups and concordance, in one
 * process (used by tools/bench-tm; not installed).
 *
 *   tm_bench TM lookup FROM TO QUERIES    one query a line
 *   tm_bench TM concord LANG QUERIES
 *   tm_bench TM term QUERIES                what `term lookup` does: glossary
 *                                           (tmk_term_lookup), Ding senses and
 *                                           TM examples; also each part alone
 *
 * Prints: queries, total seconds, median and p99 milliseconds, and how
 * many queries found something.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "concord.h"
#include "ding.h"
#include "lexicon.h"
#include "error.h"
#include "lookup.h"
#include "term.h"
#include "tm.h"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	tmk_tm *tm;
	FILE *f;
	char line[8192];
	double *t = NULL, *part[3] = { NULL, NULL, NULL }, start, total;
	tmk_ding *ding = NULL;
	size_t n = 0, cap = 0, found = 0;
	int lookup, term;

	term = argc == 4 && !strcmp(argv[2], "term");
	if (!term && (argc < 5 || (strcmp(argv[2], "lookup") && strcmp(argv[2], "concord")) ||
		      (!strcmp(argv[2], "lookup") && argc != 6))) {
		fprintf(stderr, "usage: tm_bench TM lookup FROM TO QUERIES | TM concord LANG QUERIES"
			" | TM term QUERIES\n");
		return 2;
	}
	lookup = !strcmp(argv[2], "lookup");
	if (tmk_tm_open(&tm, argv[1], TMK_TM_READONLY) < 0 || !(f = fopen(argv[argc - 1], "r"))) {
		fprintf(stderr, "tm_bench: %s\n", tmk_error_last());
		return 1;
	}
	if (term) {
		tmk_buf idx = TMK_BUF_INIT;
		if (tmk_ding_index_path(&idx) < 0 || tmk_ding_open(&ding, TMK_DING_PATH, idx.ptr) < 0) {
			fprintf(stderr, "tm_bench: %s\n", tmk_error_last());
			return 1;
		}
		tmk_buf_release(&idx);
	}
	start = now();
	while (fgets(line, sizeof(line), f)) {
		size_t len = strcspn(line, "\n");
		double t0 = now();

		if (!len)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 1024;
			for (int i = 0; i < 3; i++)
				if (!(part[i] = realloc(part[i], cap * sizeof(double))))
					return 1;
		}
		if (term) {
			tmk_term_hit *h;
			tmk_ding_sense *ds;
			tmk_concord_hit *ex;
			tmk_concord_opts o = { "de", 3 };
			size_t k, kd, kx;
			double t1, t2;
			if (tmk_term_lookup(tm, &h, &k, NULL, line, len, 10) < 0)
				break;
			t1 = now();
			if (tmk_ding_lookup(ding, &ds, &kd, NULL, line, len, 5) < 0)
				break;
			t2 = now();
			if (tmk_concord(tm, &ex, &kx, line, len, &o) < 0)
				break;
			part[0][n] = (t1 - t0) * 1000;
			part[1][n] = (t2 - t1) * 1000;
			part[2][n] = (now() - t2) * 1000;
			found += k > 0;
			tmk_term_hits_free(h, k);
			tmk_ding_senses_free(ds, kd);
			tmk_concord_free(ex, kx);
		} else if (lookup) {
			tmk_lookup_opts o = { argv[3], argv[4], 70, 5 };
			tmk_match *m;
			size_t k;
			if (tmk_lookup(tm, &m, &k, line, len, &o) < 0)
				break;
			found += k > 0;
			tmk_matches_free(m, k);
		} else {
			tmk_concord_opts o = { argv[3], 20 };
			tmk_concord_hit *h;
			size_t k;
			if (tmk_concord(tm, &h, &k, line, len, &o) < 0)
				break;
			found += k > 0;
			tmk_concord_free(h, k);
		}
		if (!(t = realloc(t, cap * sizeof(*t))))
			return 1;
		t[n++] = (now() - t0) * 1000;
	}
	total = now() - start;
	fclose(f);
	if (!n) {
		fprintf(stderr, "tm_bench: no query ran: %s\n", tmk_error_last());
		return 1;
	}
	qsort(t, n, sizeof(*t), cmp_double);
	printf("%zu queries  total %.2f s  median %.2f ms  p99 %.2f ms  max %.2f ms  found %zu\n",
	       n, total, t[n / 2], t[(size_t)((double)n * 0.99)], t[n - 1], found);
	for (int i = 0; term && i < 3; i++) {
		static const char *const what[] = { "glossary", "dictionary", "TM examples" };
		qsort(part[i], n, sizeof(double), cmp_double);
		printf("  %-12s median %.2f ms  p99 %.2f ms\n", what[i], part[i][n / 2],
		       part[i][(size_t)((double)n * 0.99)]);
	}
	for (int i = 0; i < 3; i++)
		free(part[i]);
	tmk_ding_free(ding);
	free(t);
	tmk_tm_free(tm);
	return 0;
}
