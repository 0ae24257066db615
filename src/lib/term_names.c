/*
 * term_names.c - the glossary's names that a query may be another
 * spelling of (issue 14): Chalimov, Khalimow and Halimov are the person
 * the glossary has as Chalimow / Khalimov.  Names are compared on their
 * transliteration skeletons (names/skeleton.h), not on the raw string, so
 * that what German and English transliteration vary is cheap and any
 * other change makes another name.  Only people, places and
 * organisations are names; a one-word query is also compared with each
 * word of a longer name (Rachmon finds Emomali Rahmon).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "error.h"
#include "names/skeleton.h"
#include "term.h"
#include "tm_internal.h"

/* A word of a name counts from this many bytes (Ali, Osh are too short
 * for spelling tolerance: their skeletons' budget is 0 anyway). */
#define MIN_WORD 3

typedef struct {
	int64_t concept;
	char *text, *lang;
	double score;
} name_hit;

typedef struct {
	name_hit *v;
	size_t n, cap;
} name_hits;

static void name_hits_release(name_hits *h)
{
	for (size_t i = 0; i < h->n; i++) {
		free(h->v[i].text);
		free(h->v[i].lang);
	}
	free(h->v);
}

static int name_hit_add(name_hits *h, int64_t concept, const char *text, const char *lang, double score)
{
	if (h->n && h->v[h->n - 1].concept == concept) {        /* terms come by concept */
		if (score <= h->v[h->n - 1].score)
			return 0;
		free(h->v[h->n - 1].text);
		free(h->v[h->n - 1].lang);
		h->n--;
	}
	if (h->n == h->cap) {
		name_hit *nv = realloc(h->v, (h->cap = h->cap ? h->cap * 2 : 16) * sizeof(*nv));
		if (!nv)
			return tmk_error_oom();
		h->v = nv;
	}
	h->v[h->n] = (name_hit){ concept, strdup(text), strdup(lang), score };
	if (!h->v[h->n].text || !h->v[h->n].lang) {
		free(h->v[h->n].text);
		free(h->v[h->n].lang);
		return tmk_error_oom();
	}
	h->n++;
	return 0;
}

/* How well the name TEXT matches the query skeleton Q (0: not): the whole
 * name, or with ONE_WORD (the query, QLEN bytes) one of its words, a
 * little below a whole match.  A word written as the query is not another
 * spelling: the lookup finds it as a name containing the word. */
static double name_score(const tmk_name_skel *q, const char *text, const char *one_word, size_t qlen)
{
	tmk_name_skel s;
	double score = 0, w;
	size_t i = 0, len = strlen(text);

	if (tmk_name_skeleton(&s, text, len) == 0 && tmk_name_skel_match(q, &s, &score) && score > 0)
		return score;
	if (!one_word || !strpbrk(text, " -"))
		return 0;
	while (i < len) {
		size_t e = i + strcspn(text + i, " -");
		if (e - i >= MIN_WORD && !(e - i == qlen && !strncasecmp(text + i, one_word, qlen)) &&
		    tmk_name_skeleton(&s, text + i, e - i) == 0 &&
		    tmk_name_skel_match(q, &s, &w) && w * 0.95 > score)
			score = w * 0.95;
		i = e + 1;
	}
	return score;
}

static int by_score(const void *a, const void *b)
{
	double x = ((const name_hit *)a)->score, y = ((const name_hit *)b)->score;
	return x > y ? -1 : x < y;
}

int tmk_term_names_like(tmk_tm *tm, const char *query, size_t len, size_t max,
			int (*fn)(void *ud, int64_t concept, const char *text, const char *lang, double score),
			void *ud)
{
	sqlite3_stmt *st = tmk_tm_stmt(tm, STMT_TERM_NAMES);
	name_hits h = { 0 };
	tmk_name_skel q;
	const char *one_word = memchr(query, ' ', len) ? NULL : query;
	int rc, step;

	if (!st)
		return TMK_EIO;
	if ((rc = tmk_name_skeleton(&q, query, len)) < 0 || q.n == 0)
		return rc < 0 ? rc : 0;
	while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *text = (const char *)sqlite3_column_text(st, 2);
		const char *lang = (const char *)sqlite3_column_text(st, 1);
		double score = text && lang ? name_score(&q, text, one_word, len) : 0;
		if (score > 0)
			rc = name_hit_add(&h, sqlite3_column_int64(st, 0), text, lang, score);
	}
	sqlite3_reset(st);
	if (rc == 0 && step != SQLITE_DONE && step != SQLITE_ROW)
		rc = tmk_tm_dberr(tm, "cannot search the term base");
	if (rc == 0 && h.n > 1)         /* qsort wants an array, even of none */
		qsort(h.v, h.n, sizeof(*h.v), by_score);
	for (size_t i = 0; rc == 0 && i < h.n && i < max; i++)
		rc = fn(ud, h.v[i].concept, h.v[i].text, h.v[i].lang, h.v[i].score);
	name_hits_release(&h);
	return rc;
}
