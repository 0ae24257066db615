/*
 * tm_bench.c - per-query timings of TM lookups and concordance, in one
 * process (used by tools/bench-tm; not installed).
 *
 *   tm_bench TM lookup FROM TO QUERIES    one query a line
 *   tm_bench TM concord LANG QUERIES
 *   tm_bench TM term QUERIES                what `term lookup` does: glossary
 *                                           (tmk_term_lookup), Ding senses and
 *                                           TM examples; also each part alone
 *   tm_bench TM fuzzy FROM TO QUERIES       fuzzy retrieval recall (tools/eval-fuzzy):
 *                                           lines "query TAB the unit's text TAB its
 *                                           id TAB source_norm|target_norm"
 *
 * Prints: queries, total seconds, median and p99 milliseconds, and how
 * many queries found something; fuzzy mode also how often the unit was
 * the top hit (a tie at the top score counts) and among the candidates
 * (tmk_fuzzy_candidates), and the misses on stderr.  With TM_BENCH_SLOW=MS set,
 * each query that took MS or more is named on stderr.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "concord.h"
#include "ding.h"
#include "lexicon.h"
#include "error.h"
#include "fuzzy.h"
#include "lookup.h"
#include "term.h"
#include "textnorm.h"
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

/* Counts of the fuzzy mode. */
typedef struct {
	size_t asked, excluded, top, found;
} fuzzy_count;

/* One fuzzy-mode line, LINE[0..LEN) (its fields cut at tabs in place):
 * the lookup with O, then whether the unit came first and was among the
 * candidates.  -1 on a malformed line or a failed call. */
static int fuzzy_one(tmk_tm *tm, char *line, const tmk_lookup_opts *o, fuzzy_count *fc)
{
	char *want = strchr(line, '\t'), *idf, *col;
	tmk_match *m;
	tmk_buf qn = TMK_BUF_INIT;
	int64_t *ids, id;
	size_t k, nids, i;

	if (!want || !(idf = strchr(want + 1, '\t')) || !(col = strchr(idf + 1, '\t')))
		return -1;
	*want++ = *idf++ = *col++ = '\0';
	id = strtoll(idf, NULL, 10);
	if (tmk_lookup(tm, &m, &k, line, strlen(line), o) < 0)
		return -1;
	if (k && m[0].score >= 99 && strcmp(m[0].source, want)) {
		fc->excluded++;         /* the query is another unit's text */
		tmk_matches_free(m, k);
		return 0;
	}
	fc->asked++;
	for (i = 0; i < k && strcmp(m[i].source, want); i++)
		;
	if (i < k && m[i].score == m[0].score)
		fc->top++;
	else
		fprintf(stderr, "missed: %s\n  query: %s\n  top %d %%: %s%s\n", want, line, k ? m[0].score : 0,
			k ? m[0].source : "", i < k ? "" : " (the unit not among the matches)");
	tmk_matches_free(m, k);
	if (tmk_norm_match(&qn, line, strlen(line)) < 0 ||
	    tmk_fuzzy_candidates(tm, &ids, &nids, col, &qn) < 0) {
		tmk_buf_release(&qn);
		return -1;
	}
	for (i = 0; i < nids && ids[i] != id; i++)
		;
	fc->found += i < nids;
	free(ids);
	tmk_buf_release(&qn);
	return 0;
}

int main(int argc, char **argv)
{
	tmk_tm *tm;
	FILE *f;
	char line[8192];
	double *t = NULL, *part[3] = { NULL, NULL, NULL }, start, total;
	tmk_ding *ding = NULL;
	size_t n = 0, cap = 0, found = 0;
	int lookup, term, fuzzy;
	fuzzy_count fc = { 0, 0, 0, 0 };

	term = argc == 4 && !strcmp(argv[2], "term");
	fuzzy = argc == 6 && !strcmp(argv[2], "fuzzy");
	if (!term && !fuzzy && (argc < 5 || (strcmp(argv[2], "lookup") && strcmp(argv[2], "concord")) ||
				(!strcmp(argv[2], "lookup") && argc != 6))) {
		fprintf(stderr, "usage: tm_bench TM lookup FROM TO QUERIES | TM concord LANG QUERIES"
			" | TM term QUERIES | TM fuzzy FROM TO QUERIES\n");
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
			tmk_concord_opts o = { .lang = "de", .max = 3 };
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
		} else if (fuzzy) {
			tmk_lookup_opts o = { .from = argv[3], .to = argv[4], .min = 1, .max = 20 };
			line[len] = '\0';
			if (fuzzy_one(tm, line, &o, &fc) < 0) {
				fprintf(stderr, "tm_bench: line %zu: %s\n", n + 1, tmk_error_last());
				return 1;
			}
		} else if (lookup) {
			tmk_lookup_opts o = { .from = argv[3], .to = argv[4], .min = 70, .max = 5 };
			tmk_match *m;
			size_t k;
			if (tmk_lookup(tm, &m, &k, line, len, &o) < 0)
				break;
			found += k > 0;
			tmk_matches_free(m, k);
		} else {
			tmk_concord_opts o = { .lang = argv[3], .max = 20 };
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
		if (getenv("TM_BENCH_SLOW") && t[n - 1] >= atof(getenv("TM_BENCH_SLOW")))
			fprintf(stderr, "slow: %.2f ms: %.*s\n", t[n - 1], (int)len, line);  /* which queries make the tail */
	}
	total = now() - start;
	fclose(f);
	if (!n) {
		fprintf(stderr, "tm_bench: no query ran: %s\n", tmk_error_last());
		return 1;
	}
	qsort(t, n, sizeof(*t), cmp_double);
	if (fuzzy)
		found = fc.top;
	printf("%zu queries  total %.2f s  median %.2f ms  p99 %.2f ms  max %.2f ms  found %zu\n",
	       n, total, t[n / 2], t[(size_t)((double)n * 0.99)], t[n - 1], found);
	if (fuzzy && fc.asked)
		printf("%zu queries (%zu left out: another unit's text): top hit %zu (%.1f %%),"
		       " among the candidates %zu (%.1f %%)\n", fc.asked, fc.excluded, fc.top,
		       100.0 * (double)fc.top / (double)fc.asked, fc.found,
		       100.0 * (double)fc.found / (double)fc.asked);
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
