/*
 * fuzzy.c - candidate retrieval for fuzzy lookup; see fuzzy.h.
 *
 * Retrieval never scans the TM and never ranks a big result set: the units
 * holding all the query's words (an FTS5 AND, which intersects posting
 * lists), plus those holding most of its rarer words (each word's postings
 * read only when it is rare: its document frequency is counted up to 1000,
 * so "der" and "the" cost nothing), counted here; the best are returned
 * for lookup.c to fetch and score.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>

#include "error.h"
#include "fuzzy.h"
#include "tm_internal.h"
#include "utf8.h"

static int is_alnum_cp(int32_t c)
{
	return u_isalnum(c) != 0;
}

#define MAX_QTERMS 16
#define DF_CAP 1000             /* STMT_TERM_DF counts no further */
#define POSTING_BUDGET 6000     /* rowids read for the union of rare words */
#define MAX_CANDIDATES 150

typedef struct {
	char term[64];
	long long df;
} term_t;

static int cmp_terms(const void *a, const void *b)
{
	long long x = ((const term_t *)a)->df, y = ((const term_t *)b)->df;
	return x < y ? -1 : x > y;
}

/* Candidate ids with the number of query words found in each. */
typedef struct {
	int64_t *id;
	int *hits;
	size_t n, cap;          /* cap: a power of two (open addressing) */
} cand_map;

static int cand_add(cand_map *c, int64_t id, int hits)
{
	size_t i;

	if ((c->n + 1) * 2 > c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 1024;
		int64_t *ids = calloc(cap, sizeof(*ids));
		int *h = calloc(cap, sizeof(*h));
		if (!ids || !h) {
			free(ids);
			free(h);
			return tmk_error_oom();
		}
		for (size_t k = 0; k < c->cap; k++) {
			if (!c->id[k])
				continue;
			for (i = (size_t)c->id[k] * 2654435761u & (cap - 1); ids[i]; i = (i + 1) & (cap - 1))
				;
			ids[i] = c->id[k];
			h[i] = c->hits[k];
		}
		free(c->id);
		free(c->hits);
		c->id = ids;
		c->hits = h;
		c->cap = cap;
	}
	for (i = (size_t)id * 2654435761u & (c->cap - 1); c->id[i] && c->id[i] != id; i = (i + 1) & (c->cap - 1))
		;
	if (!c->id[i]) {
		c->id[i] = id;
		c->n++;
	}
	c->hits[i] += hits;
	return 0;
}

/* Run the word-index query M (LIMIT LIM) and credit each row HITS. */
static int add_postings(tmk_tm *tm, cand_map *c, const char *m, int lim, int hits)
{
	sqlite3_stmt *st = tmk_tm_stmt(tm, STMT_TERM_IDS);
	int rc = 0, step;

	if (!st)
		return TMK_EIO;
	sqlite3_bind_text(st, 1, m, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, lim);
	while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW)
		rc = cand_add(c, sqlite3_column_int64(st, 0), hits);
	sqlite3_reset(st);
	if (rc == 0 && step != SQLITE_DONE)
		rc = tmk_tm_dberr(tm, "lookup failed");
	return rc;
}

/* The words of QNORM as the word index cuts them (runs of letters and
 * digits), each with its document frequency on COLUMN (capped). */
static int query_terms(tmk_tm *tm, term_t *t, size_t *nt, const char *column, const tmk_buf *qnorm)
{
	const char *s = qnorm->ptr ? qnorm->ptr : "";
	size_t i = 0, len = qnorm->len;
	sqlite3_stmt *st = tmk_tm_stmt(tm, STMT_TERM_DF);
	char m[160];

	*nt = 0;
	if (!st)
		return TMK_EIO;
	while (i < len && *nt < MAX_QTERMS) {
		size_t b = tmk_utf8_span_fwd(s, len, i, is_alnum_cp, 0), e, j;
		e = tmk_utf8_span_fwd(s, len, b, is_alnum_cp, 1);
		i = e;
		if (e == b || e - b >= sizeof(t[0].term))
			continue;
		for (j = 0; j < *nt; j++)
			if (strlen(t[j].term) == e - b && !memcmp(t[j].term, s + b, e - b))
				break;
		if (j < *nt)
			continue;
		memcpy(t[*nt].term, s + b, e - b);
		t[*nt].term[e - b] = '\0';
		snprintf(m, sizeof(m), "%s : \"%s\"", column, t[*nt].term);
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, m, -1, SQLITE_TRANSIENT);
		t[*nt].df = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
		sqlite3_reset(st);
		if (t[*nt].df > 0)      /* a word in no unit cannot help */
			(*nt)++;
	}
	return 0;
}

/* Candidates for one side: every unit holding all the query's words, and
 * those holding most of its rarer words; at most MAX_CANDIDATES, most
 * words first. */
int tmk_fuzzy_candidates(tmk_tm *tm, int64_t **out, size_t *n, const char *column, const tmk_buf *qnorm)
{
	term_t t[MAX_QTERMS];
	size_t nt, budget = 0;
	cand_map c = { 0 };
	tmk_buf m = TMK_BUF_INIT;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = query_terms(tm, t, &nt, column, qnorm)) < 0 || nt == 0)
		return rc;
	qsort(t, nt, sizeof(t[0]), cmp_terms);
	/* all the words: the likeliest matches, found by intersection */
	tmk_buf_printf(&m, "%s : (", column);
	for (size_t i = 0; i < nt; i++)
		tmk_buf_printf(&m, "%s\"%s\"", i ? " AND " : "", t[i].term);
	tmk_buf_putc(&m, ')');
	if ((rc = add_postings(tm, &c, m.ptr, MAX_CANDIDATES, 1)) < 0)
		goto done;
	/* the rarer words one by one, within a budget of rows read */
	for (size_t i = 0; i < nt && t[i].df < DF_CAP && budget + (size_t)t[i].df <= POSTING_BUDGET; i++) {
		budget += (size_t)t[i].df;
		tmk_buf_clear(&m);
		tmk_buf_printf(&m, "%s : \"%s\"", column, t[i].term);
		if ((rc = add_postings(tm, &c, m.ptr, DF_CAP, 1)) < 0)
			goto done;
	}
	/* keep the best: partial selection by hits */
	{
		int64_t *ids = malloc((c.n ? c.n : 1) * sizeof(*ids));
		int *hits = malloc((c.n ? c.n : 1) * sizeof(*hits));
		size_t k = 0;
		if (!ids || !hits) {
			free(ids);
			free(hits);
			rc = tmk_error_oom();
			goto done;
		}
		for (size_t i = 0; i < c.cap; i++)
			if (c.id[i]) {
				ids[k] = c.id[i];
				hits[k++] = c.hits[i];
			}
		for (size_t i = 0; i < k && i < MAX_CANDIDATES; i++) {
			size_t best = i;
			for (size_t j = i + 1; j < k; j++)
				if (hits[j] > hits[best] || (hits[j] == hits[best] && ids[j] < ids[best]))
					best = j;
			int64_t ti = ids[i];
			int th = hits[i];
			ids[i] = ids[best];
			hits[i] = hits[best];
			ids[best] = ti;
			hits[best] = th;
		}
		free(hits);
		*out = ids;
		*n = k < MAX_CANDIDATES ? k : MAX_CANDIDATES;
	}
done:
	free(c.id);
	free(c.hits);
	tmk_buf_release(&m);
	return rc;
}
