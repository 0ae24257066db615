/*
 * translit_eval.c - the driver of tools/eval-translit: name
 * transliteration (names/translit.h) and skeleton matching
 * (names/skeleton.h) measured on a TSV of German/English name pairs
 * (tests/data/names/translit.tsv: de TAB en TAB ...; # comments).
 *
 * usage: translit_eval [--misses] [--dump] [--top N] [--no-known] [--rules FILE] TSV
 *
 * Prints, for de->en and en->de: proposals exactly right, within one edit
 * (Levenshtein over characters, case counted), and right among the first
 * N proposals; how many pairs match by skeleton, and how many of the
 * cross pairs (one pair's German with another pair's English) do (false
 * matches); the time per proposal and per match.  --misses lists every
 * wrong proposal with its distance; --dump prints a line per pair: the
 * expected spelling, the input and the first N proposals (TAB-separated).
 * --no-known measures the rules alone: the shipped rules with their
 * @known line (the English word list taken as evidence) left out; --rules
 * FILE measures the de->en rules of FILE instead of the shipped ones (an
 * older version, to compare).  Exit 1 when a file cannot be read.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "embedded.h"
#include "error.h"
#include "names/skeleton.h"
#include "names/translit.h"
#include "utf8.h"

struct pair {
	char *de, *en;
};

/* Read the pairs of PATH (the first two columns of each data line). */
static struct pair *read_pairs(const char *path, size_t *n)
{
	FILE *f = fopen(path, "r");
	struct pair *p = NULL;
	size_t cap = 0;
	char line[1024];

	*n = 0;
	if (!f)
		return NULL;
	while (fgets(line, sizeof(line), f)) {
		char *tab, *end;
		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] == '#' || line[0] == '\0' || !(tab = strchr(line, '\t')))
			continue;
		*tab = '\0';
		if ((end = strchr(tab + 1, '\t')))
			*end = '\0';
		if (*n == cap) {
			cap = cap ? cap * 2 : 256;
			p = realloc(p, cap * sizeof(*p));
			if (!p)
				exit(1);
		}
		p[*n].de = strdup(line);
		p[*n].en = strdup(tab + 1);
		(*n)++;
	}
	fclose(f);
	return p;
}

/* Levenshtein distance over code points. */
static size_t distance(const char *a, const char *b)
{
	int32_t x[256], y[256];
	size_t na = 0, nb = 0, i = 0, la = strlen(a), lb = strlen(b), row[257], prev[257];

	while (i < la && na < 256)
		x[na++] = tmk_utf8_next(a, la, &i);
	i = 0;
	while (i < lb && nb < 256)
		y[nb++] = tmk_utf8_next(b, lb, &i);
	for (size_t j = 0; j <= nb; j++)
		prev[j] = j;
	for (i = 1; i <= na; i++) {
		row[0] = i;
		for (size_t j = 1; j <= nb; j++) {
			size_t v = prev[j - 1] + (x[i - 1] != y[j - 1]);
			if (prev[j] + 1 < v)
				v = prev[j] + 1;
			if (row[j - 1] + 1 < v)
				v = row[j - 1] + 1;
			row[j] = v;
		}
		memcpy(prev, row, sizeof(row));
	}
	return prev[nb];
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);   /* CPU time: the machine is shared */
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The shipped rules for DIR without their @known line (the caller frees
 * them), or NULL. */
static tmk_translit *rules_alone(tmk_translit_dir dir)
{
	const char *name = dir == TMK_TRANSLIT_DE_EN ? "dictionaries/names/de-en.rules"
						     : "dictionaries/names/en-de.rules";
	size_t len;
	const char *data = tmk_embedded_find(name, &len);
	char *copy = data ? malloc(len + 1) : NULL;
	tmk_translit *t;

	if (!copy)
		return NULL;
	memcpy(copy, data, len);
	copy[len] = '\0';
	for (char *line = copy; line; line = strchr(line, '\n')) {
		if (*line == '\n')
			line++;
		if (strncmp(line, "@known", 6) == 0) {
			line[0] = '#';          /* "# known ...": a comment */
			line[1] = ' ';
		}
	}
	if (tmk_translit_parse(&t, name, copy, len) < 0)
		t = NULL;
	free(copy);
	return t;
}

/* The rules of the file PATH, or NULL (the message printed). */
static tmk_translit *rules_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *data = NULL;
	size_t len = 0, cap = 0, k;
	tmk_translit *t = NULL;

	if (!f) {
		fprintf(stderr, "translit_eval: cannot read %s\n", path);
		return NULL;
	}
	do {
		if (len + 4096 > cap && !(data = realloc(data, cap = cap * 2 + 4096)))
			exit(1);
		k = fread(data + len, 1, cap - len, f);
		len += k;
	} while (k > 0);
	fclose(f);
	if (tmk_translit_parse(&t, path, data, len) < 0)
		fprintf(stderr, "translit_eval: %s\n", tmk_error_last());
	free(data);
	return t;
}

/* Transliterate every pair in direction DIR and print the figures. */
static void run_dir(const struct pair *p, size_t n, tmk_translit_dir dir, size_t top, int misses,
		    int dump, int no_known, const char *rules)
{
	int private = (rules && dir == TMK_TRANSLIT_DE_EN) || no_known;
	tmk_translit *own = !private ? NULL : rules && dir == TMK_TRANSLIT_DE_EN ? rules_file(rules)
										: rules_alone(dir);
	const tmk_translit *t = own;
	tmk_buf out = TMK_BUF_INIT;
	size_t exact = 0, one = 0, intop = 0;
	double t0, t1;

	if (private ? !own : tmk_translit_shared(&t, dir) < 0) {
		fprintf(stderr, "translit_eval: %s\n", tmk_error_last());
		exit(1);
	}
	for (size_t i = 0; i < n; i++) {
		const char *src = dir == TMK_TRANSLIT_DE_EN ? p[i].de : p[i].en;
		const char *want = dir == TMK_TRANSLIT_DE_EN ? p[i].en : p[i].de;
		char **list;
		size_t nl, d;

		tmk_buf_clear(&out);
		tmk_translit_apply(t, &out, src, strlen(src), NULL);
		d = distance(out.ptr, want);
		exact += d == 0;
		one += d <= 1;
		if (tmk_translit_propose(t, &list, &nl, src, strlen(src), top) == 0) {
			for (size_t k = 0; k < nl; k++)
				if (strcmp(list[k], want) == 0) {
					intop++;
					break;
				}
			tmk_translit_list_free(list, nl);
		}
		if (dump && tmk_translit_propose(t, &list, &nl, src, strlen(src), top) == 0) {
			printf("%s\t%s", want, src);
			for (size_t k = 0; k < nl; k++)
				printf("\t%s", list[k]);
			printf("\n");
			tmk_translit_list_free(list, nl);
		}
		if (misses && d)
			printf("  miss %s: %s -> %s (want %s, %zu edit%s)\n",
			       dir == TMK_TRANSLIT_DE_EN ? "de-en" : "en-de", src, out.ptr, want, d,
			       d == 1 ? "" : "s");
	}
	t0 = now();
	for (int r = 0; r < 20; r++)
		for (size_t i = 0; i < n; i++) {
			const char *src = dir == TMK_TRANSLIT_DE_EN ? p[i].de : p[i].en;
			tmk_buf_clear(&out);
			tmk_translit_apply(t, &out, src, strlen(src), NULL);
		}
	t1 = now();
	printf("%s: exactly right %zu/%zu (%.1f %%), within one edit %zu/%zu (%.1f %%), "
	       "right in the first %zu proposals %.1f %%; %.2f us a proposal\n",
	       dir == TMK_TRANSLIT_DE_EN ? "de->en" : "en->de", exact, n, 100.0 * (double)exact / (double)n,
	       one, n, 100.0 * (double)one / (double)n, top, 100.0 * (double)intop / (double)n,
	       (t1 - t0) * 1e6 / (double)(20 * n));
	tmk_buf_release(&out);
	tmk_translit_free(own);
}

/* Skeleton matching: every pair, and every cross pair. */
static void run_skeleton(const struct pair *p, size_t n, int misses)
{
	tmk_name_skel *de = calloc(n, sizeof(*de)), *en = calloc(n, sizeof(*en));
	size_t hit = 0, falsehits = 0;
	double t0, t1;

	if (!de || !en)
		exit(1);
	for (size_t i = 0; i < n; i++) {
		tmk_name_skeleton(&de[i], p[i].de, strlen(p[i].de));
		tmk_name_skeleton(&en[i], p[i].en, strlen(p[i].en));
	}
	for (size_t i = 0; i < n; i++) {
		double s;
		if (tmk_name_skel_match(&de[i], &en[i], &s) == 1)
			hit++;
		else if (misses)
			printf("  no skeleton match: %s [%s|%s] ~ %s [%s|%s]\n", p[i].de, de[i].key[0],
			       de[i].key[de[i].n > 1], p[i].en, en[i].key[0], en[i].key[en[i].n > 1]);
	}
	t0 = now();
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++)
			if (i != j && tmk_name_skel_match(&de[i], &en[j], NULL) == 1 &&
			    strcmp(p[i].en, p[j].en) != 0) {
				falsehits++;
				if (misses)
					printf("  false match: %s ~ %s\n", p[i].de, p[j].en);
			}
	t1 = now();
	printf("skeleton: pairs matching %zu/%zu (%.1f %%), false matches %zu of %zu cross pairs "
	       "(%.3f %%); %.2f us a match of two skeletons\n",
	       hit, n, 100.0 * (double)hit / (double)n, falsehits, n * (n - 1),
	       100.0 * (double)falsehits / (double)(n * (n - 1)), (t1 - t0) * 1e6 / (double)(n * (n - 1)));
	t0 = now();
	for (int r = 0; r < 20; r++)
		for (size_t i = 0; i < n; i++) {
			tmk_name_skel s;
			tmk_name_skeleton(&s, p[i].de, strlen(p[i].de));
		}
	t1 = now();
	printf("skeleton: %.2f us to make one\n", (t1 - t0) * 1e6 / (double)(20 * n));
	free(de);
	free(en);
}

int main(int argc, char **argv)
{
	const char *path = NULL, *rules = NULL;
	struct pair *p;
	size_t n, top = 5;
	int misses = 0, dump = 0, no_known = 0;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--misses") == 0)
			misses = 1;
		else if (strcmp(argv[i], "--dump") == 0)
			dump = 1;
		else if (strcmp(argv[i], "--no-known") == 0)
			no_known = 1;
		else if (strcmp(argv[i], "--rules") == 0 && i + 1 < argc)
			rules = argv[++i];
		else if (strcmp(argv[i], "--top") == 0 && i + 1 < argc)
			top = (size_t)atoi(argv[++i]);
		else
			path = argv[i];
	}
	if (!path) {
		fprintf(stderr, "usage: translit_eval [--misses] [--dump] [--top N] [--no-known] [--rules FILE] TSV\n");
		return 2;
	}
	if (!(p = read_pairs(path, &n)) || n == 0) {
		fprintf(stderr, "translit_eval: cannot read pairs from %s\n", path);
		return 1;
	}
	printf("%zu pairs from %s%s%s%s\n", n, path, no_known ? " (rules alone, no @known)" : "",
	       rules ? ", de->en rules from " : "", rules ? rules : "");
	run_dir(p, n, TMK_TRANSLIT_DE_EN, top, misses, dump, no_known, rules);
	run_dir(p, n, TMK_TRANSLIT_EN_DE, top, misses, dump, no_known, NULL);
	run_skeleton(p, n, misses);
	for (size_t i = 0; i < n; i++) {
		free(p[i].de);
		free(p[i].en);
	}
	free(p);
	return 0;
}
