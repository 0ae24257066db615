/*
 * places_bench.c - how long the places index takes to load and to answer
 * (used by tools/bench-places; not installed).
 *
 *   places_bench [--root DIR] [--no-cache] [--loads N] [QUERY...]
 *
 * Loads the index N times (default 20; from the cache file in the user's
 * cache folder, or built each time with --no-cache) and prints the median
 * and the slowest load, what each source gave, then every QUERY's hits
 * (or, with no QUERY, a built-in list of domain names) and the median and
 * p99 microseconds of lookups and of is_name over 200 rounds of them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "error.h"
#include "names/places.h"

static const char *const builtin[] = {
	"Chatlon", "Khatlon", "Kundus", "Kunduz", "Badachschan", "Badakhshan", "Deutschland",
	"Germany", "Afghanistans", "des Irans", "Kiew", "Kyiv", "Duschanbe", "Tadschikistan",
	"Kasachstans", "Elfenbeinküste", "Zentralasien", "Taschkent", "Moskau", "Gorno-Badakhshan",
	"Mossul", "Ninawa", "Nangarhar", "Kandahar", "Herat", "Bayern", "Nordrhein-Westfalen",
	"Westbalkan", "Verfassungsschutz", "Anschlag",
};

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

/* Sort T[0..N) and print its median and p99 (or max) times SCALE, UNIT. */
static void report(const char *what, double *t, size_t n, double scale, const char *unit)
{
	qsort(t, n, sizeof(*t), cmp_double);
	printf("%-10s n=%zu median %.3f %s  p99 %.3f %s  max %.3f %s\n", what, n,
	       t[n / 2] * scale, unit, t[n * 99 / 100] * scale, unit, t[n - 1] * scale, unit);
}

static int load_times(const tmk_places_opts *o, int loads)
{
	double *t = calloc((size_t)loads, sizeof(*t));
	tmk_places_stats st;

	if (!t)
		return -1;
	for (int k = 0; k < loads; k++) {
		tmk_places *p;
		double t0 = now();
		if (tmk_places_open(&p, o) < 0) {
			fprintf(stderr, "places_bench: %s\n", tmk_error_last());
			free(t);
			return -1;
		}
		t[k] = now() - t0;
		if (k == 0) {
			tmk_places_get_stats(p, &st);
			printf("places %zu, name pairs %zu, index keys %zu\n", st.places, st.pairs, st.keys);
			printf("  CLDR territories %zu pairs, regions %zu, cities %zu\n",
			       st.cldr_territories, st.cldr_regions, st.cldr_cities);
			printf("  ISO 3166-1 %zu pairs, ISO 3166-2 %zu (German unlike English: %zu)\n",
			       st.iso_countries, st.iso_subdivisions, st.iso_subdivisions_german);
			if (tmk_places_note(p))
				printf("  note: %s\n", tmk_places_note(p));
		}
		tmk_places_free(p);
	}
	report("load", t, (size_t)loads, 1e3, "ms");
	free(t);
	return 0;
}

static void show(tmk_places *p, const char *q)
{
	tmk_place_hit *h;
	size_t n;

	if (tmk_places_lookup(p, &h, &n, NULL, q, strlen(q)) < 0) {
		printf("%s: %s\n", q, tmk_error_last());
		return;
	}
	printf("%s: %zu hit%s%s\n", q, n, n == 1 ? "" : "s",
	       tmk_places_is_name(p, "de", q, strlen(q)) ? " (a German name)" : "");
	for (size_t k = 0; k < n && k < 5; k++)
		printf("  %s = %s  [%s %s%s%s] %s, %s '%s' (%s)\n", h[k].de, h[k].en, h[k].kind,
		       h[k].code, *h[k].parent ? " in " : "", h[k].parent, h[k].origin,
		       tmk_place_how_name(h[k].how), h[k].matched, h[k].matched_lang);
	tmk_place_hits_free(h);
}

static void query_times(tmk_places *p, const char *const *q, size_t nq)
{
	size_t rounds = 200, n = rounds * nq, at = 0;
	double *tl = calloc(n, sizeof(*tl)), *ti = calloc(n, sizeof(*ti));

	for (size_t r = 0; tl && ti && r < rounds; r++)
		for (size_t k = 0; k < nq; k++, at++) {
			tmk_place_hit *h;
			size_t nh;
			double t0 = now();
			tmk_places_lookup(p, &h, &nh, NULL, q[k], strlen(q[k]));
			tl[at] = now() - t0;
			tmk_place_hits_free(h);
			t0 = now();
			tmk_places_is_name(p, "de", q[k], strlen(q[k]));
			ti[at] = now() - t0;
		}
	if (tl && ti) {
		report("lookup", tl, n, 1e6, "us");
		report("is_name", ti, n, 1e6, "us");
	}
	free(tl);
	free(ti);
}

int main(int argc, char **argv)
{
	tmk_places_opts o = { 0 };
	tmk_places *p;
	int loads = 20, a = 1;

	for (; a < argc && !strncmp(argv[a], "--", 2); a++) {
		if (!strcmp(argv[a], "--root") && a + 1 < argc)
			o.data_root = argv[++a];
		else if (!strcmp(argv[a], "--no-cache"))
			o.cache = "";
		else if (!strcmp(argv[a], "--loads") && a + 1 < argc && atoi(argv[a + 1]) > 0)
			loads = atoi(argv[++a]);
		else {
			fprintf(stderr, "usage: places_bench [--root DIR] [--no-cache] [--loads N] [QUERY...]\n");
			return 2;
		}
	}
	if (load_times(&o, loads) < 0 || tmk_places_open(&p, &o) < 0)
		return 1;
	if (a == argc) {
		for (size_t k = 0; k < sizeof(builtin) / sizeof(builtin[0]); k++)
			show(p, builtin[k]);
		query_times(p, builtin, sizeof(builtin) / sizeof(builtin[0]));
	} else {
		for (int k = a; k < argc; k++)
			show(p, argv[k]);
		query_times(p, (const char *const *)argv + a, (size_t)(argc - a));
	}
	tmk_places_free(p);
	return 0;
}
