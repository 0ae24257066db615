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
#include "langtag.h"
#include "lookup.h"
#include "textnorm.h"
#include "tm_internal.h"

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
	size_t d;

	if (n > 600 || m > 600 || (d = tmk_byte_distance(a, n, b, m)) == (size_t)-1)
		return n > m ? n - m : m - n;
	return d;
}

/* One lookup: the query in every form scoring needs, its languages, and
 * the matches found so far. */
typedef struct {
	tmk_tm *tm;
	const char *from, *to;          /* language ranges, as asked */
	const char *q;
	size_t qlen;
	toks qt;                        /* the query's tokens, made once */
	tmk_buf qnorm;                  /* its matching form */
	int min;
	tmk_match *v;
	size_t n, cap;
} query_ctx;

static void match_release(tmk_match *m)
{
	free(m->source);
	free(m->target);
	free(m->source_lang);
	free(m->target_lang);
	free(m->origin);
	free(m->diff);
}

void tmk_matches_free(tmk_match *m, size_t n)
{
	if (!m)
		return;
	for (size_t i = 0; i < n; i++)
		match_release(&m[i]);
	free(m);
}

static int have_id(const query_ctx *qc, int64_t id)
{
	for (size_t i = 0; i < qc->n; i++)
		if (qc->v[i].id == id)
			return 1;
	return 0;
}

/* May a unit whose side in the query's language is tagged TEXT_LANG, and
 * the other side TRANS_LANG, answer the query?  Every variant of the two
 * languages may (ranked by how close its tags are); when the query pairs
 * two variants of one language (en-US -> en-GB), each side must be the
 * variant asked for or its plain language, so that the direction holds. */
static int langs_fit(const query_ctx *qc, const char *text_lang, const char *trans_lang)
{
	if (!tmk_langtag_same_lang(qc->from, text_lang) || !tmk_langtag_same_lang(qc->to, trans_lang))
		return 0;
	if (!tmk_langtag_same_lang(qc->from, qc->to))
		return 1;
	return tmk_langtag_distance(qc->from, text_lang) <= 1 && tmk_langtag_distance(qc->to, trans_lang) <= 1;
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

static char *dup_col(sqlite3_stmt *st, int col)
{
	return strndup((const char *)sqlite3_column_text(st, col), (size_t)sqlite3_column_bytes(st, col));
}

/* Add the row of ST (id, text, translation, text's tag, translation's tag)
 * as a match of SCORE with its DIFF, which it takes over. */
static int add_match(query_ctx *qc, sqlite3_stmt *st, int score, tmk_diff *diff, size_t ndiff)
{
	tmk_buf cnorm = TMK_BUF_INIT;
	tmk_match *m;

	if (qc->n == qc->cap) {
		tmk_match *nv = realloc(qc->v, (qc->cap = qc->cap ? qc->cap * 2 : 16) * sizeof(*nv));
		if (!nv) {
			free(diff);
			return tmk_error_oom();
		}
		qc->v = nv;
	}
	m = &qc->v[qc->n++];
	memset(m, 0, sizeof(*m));
	m->score = score;
	m->id = sqlite3_column_int64(st, 0);
	m->diff = diff;
	m->ndiff = ndiff;
	m->source = dup_col(st, 1);
	m->target = dup_col(st, 2);
	m->source_lang = dup_col(st, 3);
	m->target_lang = dup_col(st, 4);
	if (!m->source || !m->target || !m->source_lang || !m->target_lang ||
	    tmk_norm_match(&cnorm, m->source, (size_t)sqlite3_column_bytes(st, 1)) < 0) {
		tmk_buf_release(&cnorm);
		return tmk_error_oom();
	}
	m->lang_rank = tmk_langtag_distance(qc->from, m->source_lang) + tmk_langtag_distance(qc->to, m->target_lang);
	m->chardist = char_distance(qc->qnorm.ptr ? qc->qnorm.ptr : "", qc->qnorm.len,
				    cnorm.ptr ? cnorm.ptr : "", cnorm.len);
	tmk_buf_release(&cnorm);
	return 0;
}

/* Score every row of ST (id, text, translation, their tags) against the
 * query and keep those in the query's languages that reach the minimum. */
static int collect(query_ctx *qc, sqlite3_stmt *st)
{
	int rc = 0, step;

	while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
		tmk_diff *diff;
		size_t ndiff;

		if (have_id(qc, sqlite3_column_int64(st, 0)) ||
		    !langs_fit(qc, (const char *)sqlite3_column_text(st, 3), (const char *)sqlite3_column_text(st, 4)))
			continue;
		rc = score_against(&qc->qt, qc->q, qc->qlen, (const char *)sqlite3_column_text(st, 1),
				   (size_t)sqlite3_column_bytes(st, 1), &diff, &ndiff);
		if (rc >= qc->min)
			rc = add_match(qc, st, rc, diff, ndiff);
		else if (rc >= 0)
			free(diff), rc = 0;
	}
	sqlite3_reset(st);
	if (rc == 0 && step != SQLITE_DONE)
		rc = tmk_tm_dberr(qc->tm, "lookup failed");
	return rc;
}

/* Does any unit have the query's languages on SIDE (0: the query is its
 * source)?  The language pairs table is small; a lookup reads it once a
 * side.  Unknown (a failed read) counts as yes: the lookup then finds out. */
static int side_possible(const query_ctx *qc, int side)
{
	sqlite3_stmt *st = tmk_tm_stmt(qc->tm, STMT_LANG_PAIRS);
	int yes = 0;

	if (!st)
		return 1;
	while (!yes && sqlite3_step(st) == SQLITE_ROW) {
		const char *a = (const char *)sqlite3_column_text(st, side);
		const char *b = (const char *)sqlite3_column_text(st, !side);
		yes = a && b && langs_fit(qc, a, b);
	}
	sqlite3_reset(st);
	return yes;
}

/* The matches with the query on SIDE of a unit: the exact hash, then the
 * fuzzy candidates fetched by id with a length filter. */
static int lookup_side(query_ctx *qc, int side)
{
	size_t qwords = tmk_count_words(qc->q, qc->qlen), nids;
	long long lo = (long long)qwords * qc->min / 100, hi = (long long)qwords * 100 / qc->min + 1;
	sqlite3_stmt *st = tmk_tm_stmt(qc->tm, side ? STMT_EXACT_TARGET : STMT_EXACT_SOURCE);
	int64_t *ids;
	int rc;

	if (!st)
		return TMK_EIO;
	sqlite3_bind_int64(st, 1, tmk_tm_text_hash(qc->from, qc->qnorm.ptr ? qc->qnorm.ptr : "", qc->qnorm.len));
	if ((rc = collect(qc, st)) < 0)
		return rc;
	if ((rc = tmk_fuzzy_candidates(qc->tm, &ids, &nids, side ? "target_norm" : "source_norm", &qc->qnorm)) < 0)
		return rc;
	for (size_t i = 0; i < nids && rc == 0; i++) {
		if (!(st = tmk_tm_stmt(qc->tm, side ? STMT_CAND_TARGET : STMT_CAND_SOURCE))) {
			rc = TMK_EIO;
			break;
		}
		sqlite3_bind_int64(st, 1, ids[i]);
		sqlite3_bind_int64(st, 2, lo);
		sqlite3_bind_int64(st, 3, hi);
		rc = collect(qc, st);
	}
	free(ids);
	return rc;
}

/* Best first: score, then the closest language variants (de-CH before de
 * before de-DE for a de-CH query), then the fewest changed characters. */
static int cmp_matches(const void *a, const void *b)
{
	const tmk_match *x = a, *y = b;

	if (x->score != y->score)
		return y->score - x->score;
	if (x->lang_rank != y->lang_rank)
		return x->lang_rank - y->lang_rank;
	if (x->chardist != y->chardist)
		return x->chardist < y->chardist ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

int tmk_lookup(tmk_tm *tm, tmk_match **out, size_t *n, const char *query, size_t len,
	       const tmk_lookup_opts *o)
{
	query_ctx qc = { tm, o->from ? o->from : "de", NULL, query, len, { 0 }, TMK_BUF_INIT,
			 o->min > 0 ? o->min : 70, NULL, 0, 0 };
	int max = o->max > 0 ? o->max : 5, rc = 0, own;

	*out = NULL;
	*n = 0;
	if ((rc = tmk_tm_read_begin(tm, &own)) < 0)
		return rc;
	qc.to = o->to ? o->to : tmk_langtag_same_lang(qc.from, "de") ? "en" : "de";
	if ((rc = tmk_norm_match(&qc.qnorm, query, len)) < 0 || (rc = toks_make(&qc.qt, query, len)) < 0)
		goto done;
	/* the query's language may be either side of a unit */
	for (int side = 0; side < 2 && rc == 0; side++)
		if (side_possible(&qc, side))
			rc = lookup_side(&qc, side);
	if (rc < 0)
		goto done;
	if (qc.n > 1)
		qsort(qc.v, qc.n, sizeof(*qc.v), cmp_matches);
	while (qc.n > (size_t)max)
		match_release(&qc.v[--qc.n]);
	for (size_t i = 0; i < qc.n; i++)
		if (!(qc.v[i].origin = origin_of(tm, qc.v[i].id)) && tmk_error_code() < 0) {
			rc = tmk_error_code();
			goto done;
		}
	*out = qc.v;
	*n = qc.n;
	qc.v = NULL;
	qc.n = 0;
done:
	tmk_tm_read_end(tm, own);
	tmk_matches_free(qc.v, qc.n);
	tmk_buf_release(&qc.qnorm);
	toks_release(&qc.qt);
	return rc;
}
