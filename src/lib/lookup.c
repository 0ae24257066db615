/*
 * lookup.c - exact and fuzzy TM lookup; see lookup.h.
 *
 * Candidates come from the word index (fuzzy.c), never from a scan of the
 * TM, and are fetched by id with a length filter.  An exact hash lookup
 * runs beside it, so a 100 % match is never missed.  Scoring: word-level Levenshtein over tokens compared
 * case- and diacritic-insensitively (words weigh 2, punctuation 1), score
 * = 100 * (1 - distance / larger weight), 99 when only case, accents or
 * spacing differ, 100 only for identical text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "fuzzy.h"
#include "lookup.h"
#include "textnorm.h"
#include "tm_internal.h"

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

			if ((rc = tmk_fuzzy_candidates(tm, &ids, &nids, side ? "target_norm" : "source_norm",
							&qnorm)) < 0)
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
