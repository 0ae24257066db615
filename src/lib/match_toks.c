/*
 * match_toks.c - a text as lookup scores it: its tokens with their
 * matching forms and weights, its numbers and placeholders (what
 * substitution swaps), and the token edit distance between two texts with
 * the spans where they differ.  See match.h.
 */
#include <stdlib.h>
#include <string.h>

#include "concord.h"
#include "error.h"
#include "match.h"
#include "qa_num.h"
#include "textnorm.h"


void tmk_toks_release(toks *t)
{
	free(t->t);
	free(t->key);
	free(t->w);
	free(t->stem);
	free(t->it);
	tmk_buf_release(&t->keys);
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Is token T of S a number: 1 as a whole (2023, 2.000,5, 4.2), 2 as
 * digit groups (a date 14.03.2025, a version 1.2.3, 2025-03-14, 3-4:
 * well-formed in neither notation), 0 not (2023er, 3-mal). */
int tmk_number_token(const char *s, const tmk_token *t)
{
	const char *p = s + t->start;
	size_t n = t->end - t->start;
	int dash = 0;
	double v;

	if (!t->word || !is_digit(p[0]) || !is_digit(p[n - 1]))
		return 0;
	for (size_t i = 0; i < n; i++)
		if (p[i] == '-')
			dash = 1;
		else if (!is_digit(p[i]) && p[i] != '.' && p[i] != ',')
			return 0;
	if (!dash && (tmk_qa_num_reading(p, n, '.', ',', &v) || tmk_qa_num_reading(p, n, ',', '.', &v)))
		return 1;
	return 2;
}

static int push_item(toks *t, size_t *cap, size_t tok, size_t start, size_t end, int kind, int whole)
{
	if (t->nit == *cap) {
		item *p = realloc(t->it, (*cap = *cap ? *cap * 2 : 8) * sizeof(*p));
		if (!p)
			return tmk_error_oom();
		t->it = p;
	}
	t->it[t->nit++] = (item){ tok, start, end, kind, whole };
	return 0;
}

/* The numbers and placeholders of S, whose tokens T holds: a number
 * token as one item, or one a digit group. */
static int items_make(toks *t, const char *s)
{
	size_t cap = 0;
	int rc = 0;

	for (size_t i = 0; i < t->n && rc == 0; i++) {
		const tmk_token *k = &t->t[i];
		int num = tmk_number_token(s, k);
		if (k->placeholder) {
			rc = push_item(t, &cap, i, k->start, k->end, TMK_SUBST_PLACEHOLDER, 0);
		} else if (num == 1) {
			rc = push_item(t, &cap, i, k->start, k->end, TMK_SUBST_NUMBER, 1);
		} else if (num == 2) {
			for (size_t b = k->start, e; b < k->end && rc == 0; b = e + 1) {
				for (e = b; e < k->end && is_digit(s[e]); e++)
					;
				rc = push_item(t, &cap, i, b, e, TMK_SUBST_NUMBER, 0);
			}
		}
	}
	return rc;
}

/* Tokens of S[0..LEN), their numbers and placeholders, and with KEYS
 * their matching forms (a placeholder's is its bytes: %S is not %s). */
int tmk_toks_make(toks *t, const char *s, size_t len, int keys, const char *lang)
{
	const tmk_wordlist *fw;
	int rc;

	memset(t, 0, sizeof(*t));
	if ((rc = tmk_tokenize(&t->t, &t->n, s, len)) < 0 || (rc = items_make(t, s)) < 0 || !keys)
		return rc;
	t->key = malloc((t->n + 1) * sizeof(size_t));
	t->w = malloc((t->n + 1) * sizeof(int));
	t->stem = malloc((t->n + 1) * sizeof(size_t));
	if (!t->key || !t->w || !t->stem)
		return tmk_error_oom();
	fw = tmk_function_words(lang);
	for (size_t i = 0; i < t->n; i++) {
		const char *w = s + t->t[i].start;
		size_t n = t->t[i].end - t->t[i].start, k0 = t->keys.len;
		t->key[i] = k0;
		if ((rc = t->t[i].placeholder ? tmk_buf_put(&t->keys, w, n) : tmk_norm_match(&t->keys, w, n)) < 0)
			return rc;
		t->w[i] = tmk_match_weight(fw, s, &t->t[i], t->keys.ptr + k0, t->keys.len - k0);
		t->stem[i] = t->w[i] == TMK_WEIGHT_CONTENT && lang ?
			tmk_stem_len(lang, t->keys.ptr + k0, t->keys.len - k0) : t->keys.len - k0;
		if ((rc = tmk_buf_putc(&t->keys, '\0')) < 0)
			return rc;
		t->weight += t->w[i];
	}
	return 0;
}

int tmk_toks_same(const toks *a, size_t i, const toks *b, size_t j)
{
	return !strcmp(a->keys.ptr + a->key[i], b->keys.ptr + b->key[j]);
}

/* Are token I of A and token J of B two forms of one word: their stems
 * (tmk_stem_len) the same, or one stem of 4 bytes or more that both
 * matching forms start with and go on from by at most 3 (rule, rules;
 * apply, applies; Anschlag, Anschläge)? */
static int same_stem(const toks *a, size_t i, const toks *b, size_t j)
{
	const char *x = a->keys.ptr + a->key[i], *y = b->keys.ptr + b->key[j];
	size_t nx, ny, l = 0;

	if (x[0] != y[0] || !x[0] || x[1] != y[1] || !x[1] || x[2] != y[2])
		return 0;       /* most pairs differ at once: the scoring loop's common case */
	if (a->stem[i] >= 3 && a->stem[i] == b->stem[j] && !memcmp(x, y, a->stem[i]))
		return 1;
	while (x[l] && x[l] == y[l])
		l++;
	nx = l + strlen(x + l);
	ny = l + strlen(y + l);
	return l >= 4 && nx - l <= 3 && ny - l <= 3;
}

/* What replacing query token I of A by candidate token J of B costs:
 * nothing when they match (or PAIR pairs them: a number or placeholder
 * substituted), little for two content words of one stem (Anschlag,
 * Anschlags), else the heavier of the two. */
static int replace_cost(const toks *a, size_t i, const toks *b, size_t j, const size_t *pair)
{
	int wi = a->w[i], wj = b->w[j];

	if (tmk_toks_same(a, i, b, j) || (pair && pair[i] == j))
		return 0;
	if (wi == TMK_WEIGHT_CONTENT && wj == TMK_WEIGHT_CONTENT && same_stem(a, i, b, j))
		return TMK_WEIGHT_STEM;
	return wi > wj ? wi : wj;
}

/* ---- the edit distance --------------------------------------------------- */

/* The (m + 1) x (n + 1) matrix of token edit distances of query A to
 * candidate B: d[i][j] for the first i query tokens and the first j.  A
 * query token i equals candidate token PAIR[i] too (when PAIR is given:
 * a number or placeholder substituted).  NULL when out of memory. */
int *tmk_edit_matrix(const toks *a, const toks *b, const size_t *pair)
{
	size_t m = a->n, n = b->n, w = n + 1;
	int *d = malloc((m + 1) * (n + 1) * sizeof(int));

	if (!d)
		return NULL;
	d[0] = 0;
	for (size_t j = 1; j <= n; j++)
		d[j] = d[j - 1] + b->w[j - 1];
	for (size_t i = 1; i <= m; i++) {
		int wi = a->w[i - 1];
		d[i * w] = d[(i - 1) * w] + wi;
		for (size_t j = 1; j <= n; j++) {
			int sub = d[(i - 1) * w + j - 1] + replace_cost(a, i - 1, b, j - 1, pair);
			int del = d[(i - 1) * w + j] + wi;
			int ins = d[i * w + j - 1] + b->w[j - 1];
			d[i * w + j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
		}
	}
	return d;
}

/* The percentage for distance DIST of A and B: 99 at most unless their
 * texts are IDENTICAL (the same bytes). */
int tmk_match_percent(const toks *a, const toks *b, int dist, int identical)
{
	int big = a->weight > b->weight ? a->weight : b->weight;
	int score = big ? (int)(100L * (big - dist) / big) : 100;

	if (dist == 0)
		return identical ? 100 : 99;
	return score > 99 ? 99 : score < 0 ? 0 : score;
}

/* The spans of candidate tokens that the cheapest edit of matrix D
 * substituted or inserted, in text order. */
int tmk_diff_spans(const toks *a, const toks *b, const int *d, tmk_diff **diff, size_t *ndiff)
{
	size_t i = a->n, j = b->n, w = b->n + 1, cap = 0;

	while (j > 0) {
		int here = d[i * w + j], mark = 1;
		if (i > 0) {
			int wi = a->w[i - 1];
			int same = tmk_toks_same(a, i - 1, b, j - 1);
			if (here == d[(i - 1) * w + j - 1] + replace_cost(a, i - 1, b, j - 1, NULL)) {
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
				if (!nd)
					return tmk_error_oom();
				*diff = nd;
			}
			(*diff)[(*ndiff)++] = (tmk_diff){ b->t[j - 1].start, b->t[j - 1].end };
		}
		j--;
	}
	/* spans were collected back to front */
	for (size_t k = 0; k < *ndiff / 2; k++) {
		tmk_diff t = (*diff)[k];
		(*diff)[k] = (*diff)[*ndiff - 1 - k];
		(*diff)[*ndiff - 1 - k] = t;
	}
	return 0;
}

