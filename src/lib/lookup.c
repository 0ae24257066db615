/*
 * lookup.c - exact and fuzzy TM lookup; see lookup.h.
 *
 * Retrieval: the query's words, minus the commonest (by document frequency
 * in the word index: "der", "the" would pull in half the TM), OR-ed in one
 * FTS5 query ranked by bm25, kept in a subquery, and limited to units of a
 * plausible length.  An exact hash lookup runs beside it, so a 100 % match
 * is never missed.  Scoring: word-level Levenshtein over tokens compared
 * case- and diacritic-insensitively (words weigh 2, punctuation 1), score
 * = 100 * (1 - distance / larger weight), 99 when only case, accents or
 * spacing differ, 100 only for identical text.
 */
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>

#include "error.h"
#include "lookup.h"
#include "textnorm.h"
#include "tm_internal.h"
#include "utf8.h"

#define CANDIDATES 100          /* from the word index per side */
#define MAX_TERMS 12            /* rarest query words used for retrieval */

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

int tmk_match_score(const char *q, size_t qlen, const char *c, size_t clen,
		    tmk_diff **diff, size_t *ndiff)
{
	toks a, b;
	int *d = NULL, score = -1, rc;
	size_t w, m, n;

	*diff = NULL;
	*ndiff = 0;
	if ((rc = toks_make(&a, q, qlen)) < 0 || (rc = toks_make(&b, c, clen)) < 0) {
		toks_release(&a);
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
	toks_release(&a);
	toks_release(&b);
	if (rc < 0) {
		free(*diff);
		*diff = NULL;
		*ndiff = 0;
	}
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

static char *origin_of(tmk_tm *tm, int64_t id)
{
	sqlite3_stmt *st = tmk_tm_stmt(tm, STMT_UNIT_ORIGIN_NAME);
	char *name = NULL;

	if (!st)
		return NULL;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		name = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_reset(st);
	return name;
}

/* Score every row of ST (id, text, translation, ...) against the query and
 * keep those >= MIN. */
static int collect(tmk_tm *tm, sqlite3_stmt *st, match_vec *mv, const char *q, size_t qlen,
		   const tmk_buf *qnorm, int min)
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
		if ((rc = tmk_match_score(q, qlen, c, clen, &diff, &ndiff)) < 0)
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

typedef struct {
	char *term;
	long long docs;
} term_t;

static int cmp_terms(const void *a, const void *b)
{
	long long x = ((const term_t *)a)->docs, y = ((const term_t *)b)->docs;
	return x < y ? -1 : x > y;
}

/* The FTS query for the rarest words of QNORM on COLUMN:
 * column : ("w1" OR "w2" ...); empty when the query has no indexed word. */
static int build_match(tmk_tm *tm, tmk_buf *out, const char *column, const tmk_buf *qnorm)
{
	term_t terms[64];
	size_t nt = 0, i = 0, len = qnorm->len;
	const char *s = qnorm->ptr ? qnorm->ptr : "";
	sqlite3_stmt *st = tmk_tm_stmt(tm, STMT_TERM_DOCS);
	int rc = 0;

	if (!st)
		return TMK_EIO;
	/* the words as unicode61 cuts them: runs of letters and digits */
	while (i < len && nt < 64) {
		size_t b, k, j;
		while (i < len) {
			k = i;
			if (u_isalnum(tmk_utf8_next(s, len, &k)))
				break;
			i = k;
		}
		b = i;
		while (i < len) {
			k = i;
			if (!u_isalnum(tmk_utf8_next(s, len, &k)))
				break;
			i = k;
		}
		if (i == b)
			break;
		/* skip repeats */
		for (j = 0; j < nt; j++)
			if (strlen(terms[j].term) == i - b && !memcmp(terms[j].term, s + b, i - b))
				break;
		if (j < nt)
			continue;
		terms[nt].term = strndup(s + b, i - b);
		if (!terms[nt].term) {
			rc = tmk_error_oom();
			goto done;
		}
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, terms[nt].term, -1, SQLITE_STATIC);
		terms[nt].docs = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
		sqlite3_reset(st);
		if (terms[nt].docs == 0) {
			free(terms[nt].term);   /* in no unit: cannot help */
			continue;
		}
		nt++;
	}
	qsort(terms, nt, sizeof(terms[0]), cmp_terms);
	for (size_t k = 0; k < nt && k < MAX_TERMS; k++) {
		tmk_buf_puts(out, k ? " OR \"" : "");
		if (!k)
			tmk_buf_printf(out, "%s : (\"", column);
		tmk_buf_puts(out, terms[k].term);   /* no '"' in it: letters and digits only */
		tmk_buf_putc(out, '"');
	}
	if (nt)
		tmk_buf_putc(out, ')');
done:
	for (size_t k = 0; k < nt; k++)
		free(terms[k].term);
	return rc;
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
	tmk_buf qnorm = TMK_BUF_INIT, match = TMK_BUF_INIT;
	match_vec mv = { NULL, 0, 0 };
	size_t qwords = tmk_count_words(query, len);
	long long lo = (long long)qwords * min / 100, hi = min ? (long long)qwords * 100 / min + 1 : 1000000;

	*out = NULL;
	*n = 0;
	if ((rc = tmk_norm_match(&qnorm, query, len)) < 0)
		goto done;
	/* the query's language may be either side of a unit */
	for (int side = 0; side < 2; side++) {
		sqlite3_stmt *st = tmk_tm_stmt(tm, side ? STMT_EXACT_TARGET : STMT_EXACT_SOURCE);
		uint64_t h = tmk_hash(TMK_HASH_SEED, from, strlen(from) + 1);

		if (!st) {
			rc = TMK_EIO;
			goto done;
		}
		sqlite3_bind_int64(st, 1, (int64_t)tmk_hash(h, qnorm.ptr ? qnorm.ptr : "", qnorm.len));
		sqlite3_bind_text(st, 2, from, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, to, -1, SQLITE_STATIC);
		if ((rc = collect(tm, st, &mv, query, len, &qnorm, min)) < 0)
			goto done;

		tmk_buf_clear(&match);
		if ((rc = build_match(tm, &match, side ? "target_norm" : "source_norm", &qnorm)) < 0)
			goto done;
		if (!match.len)
			continue;
		if (!(st = tmk_tm_stmt(tm, side ? STMT_FUZZY_TARGET : STMT_FUZZY_SOURCE))) {
			rc = TMK_EIO;
			goto done;
		}
		sqlite3_bind_text(st, 1, match.ptr, (int)match.len, SQLITE_STATIC);
		sqlite3_bind_int(st, 2, CANDIDATES);
		sqlite3_bind_text(st, 3, from, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, to, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 5, lo);
		sqlite3_bind_int64(st, 6, hi);
		if ((rc = collect(tm, st, &mv, query, len, &qnorm, min)) < 0)
			goto done;
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
		mv.v[i].origin = origin_of(tm, mv.v[i].id);
	*out = mv.v;
	*n = mv.n;
	mv.v = NULL;
	mv.n = 0;
done:
	tmk_matches_free(mv.v, mv.n);
	tmk_buf_release(&qnorm);
	tmk_buf_release(&match);
	return rc;
}
