/*
 * lookup.c - exact and fuzzy TM lookup; see lookup.h.
 *
 * Retrieval never scans the TM and never ranks a big result set: the units
 * holding all the query's words (an FTS5 AND, which intersects posting
 * lists), plus those holding most of its rarer words (each word's postings
 * read only when it is rare: its document frequency is counted up to 1000,
 * so "der" and "the" cost nothing), counted here; the best 150 are fetched
 * by id with a length filter.  An exact hash lookup runs beside it, so a
 * 100 % match is never missed.  Scoring: word-level Levenshtein over tokens compared
 * case- and diacritic-insensitively (words weigh 2, punctuation 1), score
 * = 100 * (1 - distance / larger weight), 99 when only case, accents or
 * spacing differ, 100 only for identical text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>

#include "error.h"
#include "lookup.h"
#include "textnorm.h"
#include "tm_internal.h"
#include "utf8.h"

static int is_alnum_cp(int32_t c)
{
	return u_isalnum(c) != 0;
}

void tmk_matches_free(tmk_match *m, size_t n)
{
	if (!m)
		return;
	for (size_t i = 0; i < n; i++) {
		free(m[i].source);
		free(m[i].target);
		free(m[i].origin);
		free(m[i].diff);
	}
	free(m);
}

/* ---- scoring ----------------------------------------------------------- */

typedef struct {
	tmk_token *t;
	size_t n;
	tmk_buf keys;           /* matching form of each token, NUL-separated */
	size_t *key;            /* offset of token i's key in keys */
	int weight;             /* sum of token weights */
} toks;

static void toks_release(toks *t)
{
	free(t->t);
	free(t->key);
	tmk_buf_release(&t->keys);
}

static int toks_make(toks *t, const char *s, size_t len)
{
	int rc;

	memset(t, 0, sizeof(*t));
	if ((rc = tmk_tokenize(&t->t, &t->n, s, len)) < 0)
		return rc;
	t->key = malloc((t->n + 1) * sizeof(size_t));
	if (!t->key)
		return tmk_error_oom();
	for (size_t i = 0; i < t->n; i++) {
		t->key[i] = t->keys.len;
		if ((rc = tmk_norm_match(&t->keys, s + t->t[i].start, t->t[i].end - t->t[i].start)) < 0 ||
		    (rc = tmk_buf_putc(&t->keys, '\0')) < 0)
			return rc;
		t->weight += t->t[i].word ? 2 : 1;
	}
	return 0;
}

static int same_token(const toks *a, size_t i, const toks *b, size_t j)
{
	return !strcmp(a->keys.ptr + a->key[i], b->keys.ptr + b->key[j]);
}

/* The score of C against the query Q, whose tokens A the caller made once
 * (a lookup scores up to 150 candidates against the same query). */
static int score_against(const toks *qa, const char *q, size_t qlen, const char *c, size_t clen,
			 tmk_diff **diff, size_t *ndiff)
{
	const toks a = *qa;
	toks b;
	int *d = NULL, score = -1, rc;
	size_t w, m, n;

	*diff = NULL;
	*ndiff = 0;
	if ((rc = toks_make(&b, c, clen)) < 0) {
		toks_release(&b);
		return rc;
	}
	m = a.n;
	n = b.n;
	w = n + 1;
	d = malloc((m + 1) * (n + 1) * sizeof(int));
	if (!d) {
		rc = tmk_error_oom();
		goto done;
	}
	/* d[i][j]: distance of the first i query tokens to the first j */
	d[0] = 0;
	for (size_t j = 1; j <= n; j++)
		d[j] = d[j - 1] + (b.t[j - 1].word ? 2 : 1);
	for (size_t i = 1; i <= m; i++) {
		int wi = a.t[i - 1].word ? 2 : 1;
		d[i * w] = d[(i - 1) * w] + wi;
		for (size_t j = 1; j <= n; j++) {
			int wj = b.t[j - 1].word ? 2 : 1;
			int sub = d[(i - 1) * w + j - 1] +
				  (same_token(&a, i - 1, &b, j - 1) ? 0 : (wi > wj ? wi : wj));
			int del = d[(i - 1) * w + j] + wi;
			int ins = d[i * w + j - 1] + wj;
			d[i * w + j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
		}
	}
	{
		int dist = d[m * w + n], big = a.weight > b.weight ? a.weight : b.weight;
		score = big ? (int)(100L * (big - dist) / big) : 100;
		if (dist == 0)
			score = qlen == clen && !memcmp(q, c, qlen) ? 100 : 99;
		else if (score > 99)
			score = 99;
		if (score < 0)
			score = 0;
	}
	/* backtrace: candidate tokens that were substituted or inserted */
	{
		size_t i = m, j = n, cap = 0;
		while (j > 0) {
			int here = d[i * w + j], wj = b.t[j - 1].word ? 2 : 1, mark = 1;
			if (i > 0) {
				int wi = a.t[i - 1].word ? 2 : 1;
				int same = same_token(&a, i - 1, &b, j - 1);
				if (here == d[(i - 1) * w + j - 1] + (same ? 0 : (wi > wj ? wi : wj))) {
					mark = !same;
					i--;
				} else if (here == d[(i - 1) * w + j] + wi) {
					i--;            /* a query token missing here */
					continue;
				}
			}
			if (mark) {
				if (*ndiff == cap) {
					tmk_diff *nd = realloc(*diff, (cap = cap ? cap * 2 : 8) * sizeof(**diff));
					if (!nd) {
						rc = tmk_error_oom();
						goto done;
					}
					*diff = nd;
				}
				(*diff)[(*ndiff)++] = (tmk_diff){ b.t[j - 1].start, b.t[j - 1].end };
			}
			j--;
		}
		/* spans were collected back to front */
		for (size_t k = 0; k < *ndiff / 2; k++) {
			tmk_diff t = (*diff)[k];
			(*diff)[k] = (*diff)[*ndiff - 1 - k];
			(*diff)[*ndiff - 1 - k] = t;
		}
	}
	rc = score;
done:
	free(d);
	toks_release(&b);
	if (rc < 0) {
		free(*diff);
		*diff = NULL;
		*ndiff = 0;
	}
	return rc;
}

int tmk_match_score(const char *q, size_t qlen, const char *c, size_t clen,
		    tmk_diff **diff, size_t *ndiff)
{
	toks a;
	int rc = toks_make(&a, q, qlen);

	*diff = NULL;
	*ndiff = 0;
	if (rc == 0)
		rc = score_against(&a, q, qlen, c, clen, diff, ndiff);
	toks_release(&a);
	return rc;
}

/* ---- retrieval ---------------------------------------------------------- */

/* Character edit distance (bytes of the matching forms), for ties; long
 * texts fall back to the length difference. */
static size_t char_distance(const char *a, size_t n, const char *b, size_t m)
{
	size_t *row, best;

	if (n > 600 || m > 600)
		return n > m ? n - m : m - n;
	row = malloc((m + 1) * sizeof(size_t));
	if (!row)
		return n > m ? n - m : m - n;
	for (size_t j = 0; j <= m; j++)
		row[j] = j;
	for (size_t i = 1; i <= n; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= m; j++) {
			size_t up = row[j], v = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < v)
				v = up + 1;
			if (row[j - 1] + 1 < v)
				v = row[j - 1] + 1;
			diag = up;
			row[j] = v;
		}
	}
	best = row[m];
	free(row);
	return best;
}

typedef struct {
	tmk_match *v;
	size_t n, cap;
} match_vec;

static int have_id(const match_vec *mv, int64_t id)
{
	for (size_t i = 0; i < mv->n; i++)
		if (mv->v[i].id == id)
			return 1;
	return 0;
}

/* The first file unit ID came from, or NULL (with the error set if the
 * query failed, cleared if the unit simply has none). */
static char *origin_of(tmk_tm *tm, int64_t id)
{
	sqlite3_stmt *st;
	char *name = NULL;

	tmk_error_clear();
	if (!(st = tmk_tm_stmt(tm, STMT_UNIT_ORIGIN_NAME)))
		return NULL;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		name = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_reset(st);
	return name;
}

/* Score every row of ST (id, text, translation, ...) against the query and
 * keep those >= MIN. */
static int collect(tmk_tm *tm, sqlite3_stmt *st, match_vec *mv, const toks *qt, const char *q,
		   size_t qlen, const tmk_buf *qnorm, int min)
{
	tmk_buf cnorm = TMK_BUF_INIT;
	int rc, step;

	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		const char *c = (const char *)sqlite3_column_text(st, 1);
		size_t clen = (size_t)sqlite3_column_bytes(st, 1);
		tmk_diff *diff;
		size_t ndiff;
		tmk_match *m;

		if (have_id(mv, id))
			continue;
		if ((rc = score_against(qt, q, qlen, c, clen, &diff, &ndiff)) < 0)
			goto fail;
		if (rc < min) {
			free(diff);
			continue;
		}
		if (mv->n == mv->cap) {
			tmk_match *nv = realloc(mv->v, (mv->cap = mv->cap ? mv->cap * 2 : 16) * sizeof(*nv));
			if (!nv) {
				free(diff);
				rc = tmk_error_oom();
				goto fail;
			}
			mv->v = nv;
		}
		m = &mv->v[mv->n++];
		memset(m, 0, sizeof(*m));
		m->score = rc;
		m->id = id;
		m->diff = diff;
		m->ndiff = ndiff;
		m->source = strndup(c, clen);
		m->target = strndup((const char *)sqlite3_column_text(st, 2),
				    (size_t)sqlite3_column_bytes(st, 2));
		tmk_buf_clear(&cnorm);
		if (!m->source || !m->target || tmk_norm_match(&cnorm, c, clen) < 0) {
			rc = tmk_error_oom();
			goto fail;
		}
		m->chardist = char_distance(qnorm->ptr ? qnorm->ptr : "", qnorm->len,
					    cnorm.ptr ? cnorm.ptr : "", cnorm.len);
	}
	tmk_buf_release(&cnorm);
	sqlite3_reset(st);
	return step == SQLITE_DONE ? 0 : tmk_tm_dberr(tm, "lookup failed");
fail:
	tmk_buf_release(&cnorm);
	sqlite3_reset(st);
	return rc;
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
static int candidates(tmk_tm *tm, int64_t **out, size_t *n, const char *column, const tmk_buf *qnorm)
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

static int has_pair(tmk_tm *tm, const char *src, const char *tgt)
{
	sqlite3_stmt *st = tmk_tm_stmt(tm, STMT_HAS_PAIR);
	int yes;

	if (!st)
		return 1;
	sqlite3_bind_text(st, 1, src, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, tgt, -1, SQLITE_STATIC);
	yes = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	return yes;
}

static int cmp_matches(const void *a, const void *b)
{
	const tmk_match *x = a, *y = b;

	if (x->score != y->score)
		return y->score - x->score;
	if (x->chardist != y->chardist)
		return x->chardist < y->chardist ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

int tmk_lookup(tmk_tm *tm, tmk_match **out, size_t *n, const char *query, size_t len,
	       const tmk_lookup_opts *o)
{
	const char *from = o->from ? o->from : "de";
	const char *to = o->to ? o->to : (strcmp(from, "de") ? "de" : "en");
	int min = o->min > 0 ? o->min : 70, max = o->max > 0 ? o->max : 5, rc = 0;
	tmk_buf qnorm = TMK_BUF_INIT;
	toks qt = { 0 };        /* the query's tokens, made once for every candidate */
	match_vec mv = { NULL, 0, 0 };
	size_t qwords = tmk_count_words(query, len);
	long long lo = (long long)qwords * min / 100, hi = min ? (long long)qwords * 100 / min + 1 : 1000000;

	*out = NULL;
	*n = 0;
	if ((rc = tmk_norm_match(&qnorm, query, len)) < 0 || (rc = toks_make(&qt, query, len)) < 0)
		goto done;
	/* the query's language may be either side of a unit */
	for (int side = 0; side < 2; side++) {
		sqlite3_stmt *st;
		uint64_t h = tmk_hash(TMK_HASH_SEED, from, strlen(from) + 1);

		if (!(side ? has_pair(tm, to, from) : has_pair(tm, from, to)))
			continue;       /* no unit has the query's language on this side */
		if (!(st = tmk_tm_stmt(tm, side ? STMT_EXACT_TARGET : STMT_EXACT_SOURCE))) {
			rc = TMK_EIO;
			goto done;
		}
		sqlite3_bind_int64(st, 1, (int64_t)tmk_hash(h, qnorm.ptr ? qnorm.ptr : "", qnorm.len));
		sqlite3_bind_text(st, 2, from, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, to, -1, SQLITE_STATIC);
		if ((rc = collect(tm, st, &mv, &qt, query, len, &qnorm, min)) < 0)
			goto done;

		/* fuzzy: candidates from the word index, fetched by id */
		{
			int64_t *ids;
			size_t nids;
			tm_stmt_id cs = side ? STMT_CAND_TARGET : STMT_CAND_SOURCE;

			if ((rc = candidates(tm, &ids, &nids, side ? "target_norm" : "source_norm", &qnorm)) < 0)
				goto done;
			for (size_t i = 0; i < nids && rc == 0; i++) {
				if (!(st = tmk_tm_stmt(tm, cs))) {
					rc = TMK_EIO;
					break;
				}
				sqlite3_bind_int64(st, 1, ids[i]);
				sqlite3_bind_text(st, 2, from, -1, SQLITE_STATIC);
				sqlite3_bind_text(st, 3, to, -1, SQLITE_STATIC);
				sqlite3_bind_int64(st, 4, lo);
				sqlite3_bind_int64(st, 5, hi);
				rc = collect(tm, st, &mv, &qt, query, len, &qnorm, min);
			}
			free(ids);
			if (rc < 0)
				goto done;
		}
	}
	if (mv.n > 1)
		qsort(mv.v, mv.n, sizeof(*mv.v), cmp_matches);
	while (mv.n > (size_t)max) {
		mv.n--;
		free(mv.v[mv.n].source);
		free(mv.v[mv.n].target);
		free(mv.v[mv.n].diff);
	}
	for (size_t i = 0; i < mv.n; i++)
		if (!(mv.v[i].origin = origin_of(tm, mv.v[i].id)) && tmk_error_code() < 0) {
			rc = tmk_error_code();
			goto done;
		}
	*out = mv.v;
	*n = mv.n;
	mv.v = NULL;
	mv.n = 0;
done:
	tmk_matches_free(mv.v, mv.n);
	tmk_buf_release(&qnorm);
	toks_release(&qt);
	return rc;
}
