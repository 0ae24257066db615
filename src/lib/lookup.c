/*
 * lookup.c - exact and fuzzy TM lookup; see lookup.h.
 *
 * Candidates come from the word index (fuzzy.c), never from a scan of the
 * TM, and are fetched by id with a length filter.  An exact hash lookup
 * runs beside it, so a 100 % match is never missed.  Scoring: word-level
 * Levenshtein over tokens compared case- and diacritic-insensitively
 * (placeholders byte for byte; words weigh 2, punctuation and placeholders
 * 1), score = 100 * (1 - distance / larger weight), 99 when only case,
 * accents or spacing differ, 100 only for identical text.
 *
 * Substitution (issue 13) runs only for a query that holds numbers or
 * placeholders, and for a candidate only when its own pair up with them
 * and one differs: then its translation is tokenised and searched, and
 * the distance computed once more with the pairs as equal.  A query
 * without numbers costs nothing more than before.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "fuzzy.h"
#include "langtag.h"
#include "lookup.h"
#include "qa_num.h"
#include "textnorm.h"
#include "tm_internal.h"

#define NONE ((size_t)-1)
#define SUBST_FLOOR 95          /* a match that differs only in what was substituted */

/* ---- tokens, numbers and placeholders ---------------------------------- */

/* A number or placeholder of a text: what substitution pairs and swaps. */
typedef struct {
	size_t tok;             /* its token */
	size_t start, end;      /* its bytes: the token, or one digit group of it */
	int kind;               /* TMK_SUBST_NUMBER or TMK_SUBST_PLACEHOLDER */
	int whole;              /* a number read as a whole (2.000,5), not a group */
} item;

typedef struct {
	tmk_token *t;
	size_t n;
	tmk_buf keys;           /* matching form of each token, NUL-separated */
	size_t *key;            /* offset of token i's key in keys */
	int weight;             /* sum of token weights */
	item *it;               /* the numbers and placeholders, in text order */
	size_t nit;
} toks;

static void toks_release(toks *t)
{
	free(t->t);
	free(t->key);
	free(t->it);
	tmk_buf_release(&t->keys);
}

static int token_weight(const tmk_token *t)
{
	return t->word ? 2 : 1;
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Is token T of S a number: 1 as a whole (2023, 2.000,5, 4.2), 2 as
 * digit groups (a date 14.03.2025, a version 1.2.3, 2025-03-14, 3-4:
 * well-formed in neither notation), 0 not (2023er, 3-mal). */
static int number_token(const char *s, const tmk_token *t)
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
		int num = number_token(s, k);
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
static int toks_make(toks *t, const char *s, size_t len, int keys)
{
	int rc;

	memset(t, 0, sizeof(*t));
	if ((rc = tmk_tokenize(&t->t, &t->n, s, len)) < 0 || (rc = items_make(t, s)) < 0 || !keys)
		return rc;
	t->key = malloc((t->n + 1) * sizeof(size_t));
	if (!t->key)
		return tmk_error_oom();
	for (size_t i = 0; i < t->n; i++) {
		const char *w = s + t->t[i].start;
		size_t n = t->t[i].end - t->t[i].start;
		t->key[i] = t->keys.len;
		if ((rc = t->t[i].placeholder ? tmk_buf_put(&t->keys, w, n) : tmk_norm_match(&t->keys, w, n)) < 0 ||
		    (rc = tmk_buf_putc(&t->keys, '\0')) < 0)
			return rc;
		t->weight += token_weight(&t->t[i]);
	}
	return 0;
}

static int same_token(const toks *a, size_t i, const toks *b, size_t j)
{
	return !strcmp(a->keys.ptr + a->key[i], b->keys.ptr + b->key[j]);
}

/* ---- the edit distance --------------------------------------------------- */

/* The (m + 1) x (n + 1) matrix of token edit distances of query A to
 * candidate B: d[i][j] for the first i query tokens and the first j.  A
 * query token i equals candidate token PAIR[i] too (when PAIR is given:
 * a number or placeholder substituted).  NULL when out of memory. */
static int *edit_matrix(const toks *a, const toks *b, const size_t *pair)
{
	size_t m = a->n, n = b->n, w = n + 1;
	int *d = malloc((m + 1) * (n + 1) * sizeof(int));

	if (!d)
		return NULL;
	d[0] = 0;
	for (size_t j = 1; j <= n; j++)
		d[j] = d[j - 1] + token_weight(&b->t[j - 1]);
	for (size_t i = 1; i <= m; i++) {
		int wi = token_weight(&a->t[i - 1]);
		d[i * w] = d[(i - 1) * w] + wi;
		for (size_t j = 1; j <= n; j++) {
			int wj = token_weight(&b->t[j - 1]);
			int same = same_token(a, i - 1, b, j - 1) || (pair && pair[i - 1] == j - 1);
			int sub = d[(i - 1) * w + j - 1] + (same ? 0 : (wi > wj ? wi : wj));
			int del = d[(i - 1) * w + j] + wi;
			int ins = d[i * w + j - 1] + wj;
			d[i * w + j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
		}
	}
	return d;
}

/* The percentage for distance DIST of A and B: 99 at most unless their
 * texts are IDENTICAL (the same bytes). */
static int percent(const toks *a, const toks *b, int dist, int identical)
{
	int big = a->weight > b->weight ? a->weight : b->weight;
	int score = big ? (int)(100L * (big - dist) / big) : 100;

	if (dist == 0)
		return identical ? 100 : 99;
	return score > 99 ? 99 : score < 0 ? 0 : score;
}

/* The spans of candidate tokens that the cheapest edit of matrix D
 * substituted or inserted, in text order. */
static int diff_spans(const toks *a, const toks *b, const int *d, tmk_diff **diff, size_t *ndiff)
{
	size_t i = a->n, j = b->n, w = b->n + 1, cap = 0;

	while (j > 0) {
		int here = d[i * w + j], wj = token_weight(&b->t[j - 1]), mark = 1;
		if (i > 0) {
			int wi = token_weight(&a->t[i - 1]);
			int same = same_token(a, i - 1, b, j - 1);
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

/* ---- substitution -------------------------------------------------------- */

/* A notation of numbers: its thousands and decimal marks.  English writes
 * 2,000.5; German (and, as qa_num.c reads them, the other languages)
 * 2.000,5. */
typedef struct {
	char th, dec;
} notation;

static notation lang_notation(const char *lang)
{
	return lang && tmk_langtag_same_lang(lang, "en") ? (notation){ ',', '.' } : (notation){ '.', ',' };
}

static notation other_notation(notation n)
{
	return (notation){ n.dec, n.th };
}

/* The value of number item IT of S: a whole number read in notation N,
 * else in the other one (*USED says which); a digit group's digits, or
 * the digit of a $1 placeholder.  -1 when it has none. */
static double item_value(const char *s, const item *it, notation n, notation *used)
{
	const char *p = s + it->start;
	size_t len = it->end - it->start;
	double v = 0;

	*used = n;
	if (it->kind == TMK_SUBST_PLACEHOLDER) {
		if (len == 2 && p[0] == '$')
			return p[1] - '0';
		return -1;
	}
	if (it->whole) {
		if (tmk_qa_num_reading(p, len, n.th, n.dec, &v))
			return v;
		*used = other_notation(n);
		return tmk_qa_num_reading(p, len, n.dec, n.th, &v) ? v : -1;
	}
	for (size_t i = 0; i < len; i++)
		v = v * 10 + (p[i] - '0');
	return v;
}

/* Do items X of S and Y of T stand for the same: a placeholder the same
 * bytes, a number the same value (2.000 in German is 2000). */
static int same_item(const char *s, const item *x, notation sn, const char *t, const item *y, notation tn)
{
	notation u;

	if (x->kind != y->kind)
		return 0;
	if (x->kind == TMK_SUBST_PLACEHOLDER)
		return x->end - x->start == y->end - y->start && !memcmp(s + x->start, t + y->start, x->end - x->start);
	return item_value(s, x, sn, &u) == item_value(t, y, tn, &u);
}

/* Do tokens I of S and J of T have the same shape: both numbers as a
 * whole, or both digit groups with the same marks between them (a date
 * 14.03.2025 with 15.03.2025, not with 2025-03-15), or placeholders. */
static int same_shape(const char *s, const tmk_token *i, const char *t, const tmk_token *j)
{
	int a = number_token(s, i), b = number_token(t, j);
	size_t x = i->start, y = j->start;

	if (a != b)
		return 0;
	if (a != 2)
		return 1;
	for (;;) {
		while (x < i->end && is_digit(s[x]))
			x++;
		while (y < j->end && is_digit(t[y]))
			y++;
		if (x == i->end || y == j->end)
			return x == i->end && y == j->end;
		if (s[x++] != t[y++])
			return 0;
	}
}

/* One lookup's view of a unit for substitution: the query, the unit's
 * two sides, and what pairs with what. */
typedef struct {
	const char *q, *src, *tgt;
	const toks *qt, *st;
	toks tt;                        /* the translation's tokens and items */
	notation qn, sn, tn;            /* the notation each is read in */
	size_t *pair;                   /* per query token: the source token it now equals */
	size_t *ipair;                  /* per query item: the source item */
	tmk_buf out;                    /* the translation substituted */
	tmk_subst *sub;
	size_t nsub;
} subst_ctx;

static void subst_release(subst_ctx *x)
{
	toks_release(&x->tt);
	free(x->pair);
	free(x->ipair);
	free(x->sub);
	tmk_buf_release(&x->out);
}

/* Pair the query's items with the source's, the k-th number with the
 * k-th number and the k-th placeholder with the k-th placeholder, and
 * the tokens that hold them one to one (x->pair, x->ipair).  How many
 * pairs differ; -1 when they do not pair (other counts, tokens cut
 * otherwise); the caller has allocated pair and ipair. */
static int pair_items(subst_ctx *x)
{
	const toks *q = x->qt, *s = x->st;
	size_t next[2] = { 0, 0 };
	int differ = 0;

	for (size_t i = 0; i < q->n; i++)
		x->pair[i] = NONE;
	for (size_t k = 0; k < q->nit; k++) {
		const item *a = &q->it[k], *b = NULL;
		size_t j = next[a->kind];
		while (j < s->nit && s->it[j].kind != a->kind)
			j++;
		if (j == s->nit)
			return -1;
		next[a->kind] = j + 1;
		b = &s->it[j];
		x->ipair[k] = j;
		if ((x->pair[a->tok] != NONE && x->pair[a->tok] != b->tok) ||
		    !same_shape(x->q, &q->t[a->tok], x->src, &s->t[b->tok]))
			return -1;
		for (size_t i = 0; i < q->n; i++)       /* one to one the other way too */
			if (i != a->tok && x->pair[i] == b->tok)
				return -1;
		x->pair[a->tok] = b->tok;
		differ += !same_item(x->q, a, x->qn, x->src, b, x->sn);
	}
	for (int kind = 0; kind < 2; kind++)            /* none of the source's left over */
		for (size_t j = next[kind]; j < s->nit; j++)
			if (s->it[j].kind == kind)
				return -1;
	return differ;
}

/* Does translation item C stand for source item B: a placeholder the
 * same bytes; with KIND number, the value WANT in either notation (*N
 * gets the one it was read in: a translator may leave 2.000 as the German
 * source wrote it). */
static int stands_for(const subst_ctx *x, const item *b, const item *c, int kind, double want, notation *n)
{
	notation o = other_notation(x->tn);
	double v;

	if (c->kind != kind)
		return 0;
	if (kind == TMK_SUBST_PLACEHOLDER)
		return same_item(x->src, b, x->sn, x->tgt, c, x->tn);
	if (item_value(x->tgt, c, x->tn, n) == want)
		return 1;
	*n = o;
	return c->whole && tmk_qa_num_reading(x->tgt + c->start, c->end - c->start, o.th, o.dec, &v) && v == want;
}

/* How many of the source's items before END are what item J is: the
 * same placeholder, or (AS_NUMBER) the same number, a $1 placeholder
 * counting as the number 1. */
static size_t same_in(const subst_ctx *x, size_t j, int as_number, size_t end)
{
	const item *b = &x->st->it[j];
	notation u;
	double want = item_value(x->src, b, x->sn, &u);
	size_t nth = 0;

	for (size_t k = 0; k < end; k++) {
		const item *a = &x->st->it[k];
		if (!as_number)
			nth += same_item(x->src, a, x->sn, x->src, b, x->sn);
		else if (a->kind == TMK_SUBST_NUMBER || b->kind == TMK_SUBST_PLACEHOLDER)
			nth += item_value(x->src, a, x->sn, &u) == want;
	}
	return nth;
}

/* Give query item K its places in the translation: the counterparts there
 * of its source item J (FROM[c] = K, AS[c] the notation c was read in).
 * Of the translation's items that stand for J, the n-th where J is the
 * n-th such in the source (2 und 2 -> 2 and 2: the second is the
 * second), or all of them when J is the only one (a year the translation
 * repeats).  A $1 not found as a placeholder is looked for as the number
 * 1 ("$1 billion" -> "1 Milliarde Dollar").  How many were taken; 0 when
 * none was found or one was another's already. */
static size_t take_counterparts(const subst_ctx *x, size_t k, size_t *from, notation *as)
{
	size_t j = x->ipair[k], taken = 0;
	const item *b = &x->st->it[j];
	notation u, n;
	double want = item_value(x->src, b, x->sn, &u);

	for (int kind = b->kind; kind >= 0 && !taken; kind--) {
		size_t nth, all;
		if (kind != b->kind && want < 0)
			break;                  /* a placeholder that is no number */
		nth = same_in(x, j, kind == TMK_SUBST_NUMBER, j);
		all = same_in(x, j, kind == TMK_SUBST_NUMBER, x->st->nit);
		for (size_t c = 0; c < x->tt.nit; c++) {
			if (!stands_for(x, b, &x->tt.it[c], kind, want, &n) || (all > 1 && nth-- != 0))
				continue;
			if (from[c] != NONE)
				return 0;
			from[c] = k;
			as[c] = n;
			taken++;
			if (all > 1)
				break;
		}
	}
	return taken;
}

/* Append to X->out query item A as it goes in for translation item C,
 * read in notation N: a whole number with N's marks (2.000,5 -> 2,000.5),
 * a digit group as it is (without leading zeros where C has none: 03 ->
 * 3), a placeholder as it is (its digit for a number: $2 -> 2). */
static int render(subst_ctx *x, const item *a, const item *c, notation n)
{
	const char *p = x->q + a->start;
	size_t len = a->end - a->start;
	notation u;
	int rc = 0;

	if (a->kind == TMK_SUBST_PLACEHOLDER)
		return c->kind == TMK_SUBST_NUMBER ? tmk_buf_put(&x->out, p + 1, len - 1) : tmk_buf_put(&x->out, p, len);
	if (a->whole) {
		item_value(x->q, a, x->qn, &u);         /* the notation the query wrote */
		for (size_t i = 0; i < len && rc == 0; i++)
			rc = tmk_buf_putc(&x->out, p[i] == u.th ? n.th : p[i] == u.dec ? n.dec : p[i]);
		return rc;
	}
	if (x->tgt[c->start] != '0')
		while (len > 1 && *p == '0')
			p++, len--;
	return tmk_buf_put(&x->out, p, len);
}

/* Record that translation item C, counterpart of source item B, was
 * replaced by what x->out holds from OUT_START on. */
static int push_subst(subst_ctx *x, const item *b, const item *c, size_t out_start)
{
	tmk_subst *p = realloc(x->sub, (x->nsub + 1) * sizeof(*p));

	if (!p)
		return tmk_error_oom();
	x->sub = p;
	p[x->nsub++] = (tmk_subst){ c->kind, { b->start, b->end }, { c->start, c->end }, { out_start, x->out.len } };
	return 0;
}

/* Find the counterpart in the translation (TLEN bytes) of every pair that
 * differs, then write the translation with the query's items in their
 * places (x->out, x->sub).  1 when done, 0 when a counterpart is missing
 * (nothing is substituted then), or an error. */
static int substitute(subst_ctx *x, size_t tlen)
{
	const toks *q = x->qt, *s = x->st;
	size_t *from = NULL, pos = 0;           /* per translation item: the query item */
	notation *as = NULL;                    /* per translation item: its notation */
	int rc;

	if ((rc = toks_make(&x->tt, x->tgt, tlen, 0)) < 0)
		return rc;
	from = malloc((x->tt.nit + 1) * sizeof(*from));
	as = malloc((x->tt.nit + 1) * sizeof(*as));
	if (!from || !as) {
		rc = tmk_error_oom();
		goto done;
	}
	for (size_t k = 0; k < x->tt.nit; k++)
		from[k] = NONE;
	rc = 1;
	for (size_t k = 0; k < q->nit && rc == 1; k++)
		if (!same_item(x->q, &q->it[k], x->qn, x->src, &s->it[x->ipair[k]], x->sn) &&
		    !take_counterparts(x, k, from, as))
			rc = 0;
	for (size_t c = 0; c < x->tt.nit && rc == 1; c++) {
		const item *t = &x->tt.it[c];
		size_t at;
		if (from[c] == NONE)
			continue;
		if (tmk_buf_put(&x->out, x->tgt + pos, t->start - pos) < 0)
			rc = tmk_error_oom();
		at = x->out.len;
		if (rc == 1 && (render(x, &q->it[from[c]], t, as[c]) < 0 ||
				push_subst(x, &s->it[x->ipair[from[c]]], t, at) < 0))
			rc = tmk_error_oom();
		pos = t->end;
	}
	if (rc == 1 && tmk_buf_put(&x->out, x->tgt + pos, tlen - pos) < 0)
		rc = tmk_error_oom();
done:
	free(from);
	free(as);
	return rc;
}

/* ---- scoring ------------------------------------------------------------- */

/* What scoring needs of the query: its tokens (made once a lookup: up to
 * 150 candidates are scored against them) and the points a substitution
 * costs (-1: do not substitute). */
typedef struct {
	const char *q;
	size_t qlen;
	const toks *qt;
	int penalty;
} scorer;

/* A unit scored: what add_match() takes over. */
typedef struct {
	int score;
	tmk_diff *diff;
	size_t ndiff;
	char *target;                   /* the translation substituted, or NULL */
	tmk_subst *sub;
	size_t nsub;
} scored;

static void scored_release(scored *r)
{
	free(r->diff);
	free(r->target);
	free(r->sub);
	memset(r, 0, sizeof(*r));
}

/* The score of a match whose N substitutions (pairs that differed) left
 * distance DIST over
 * weight BIG, PLAIN without them: 1 - DIST / BIG less PENALTY a
 * substitution; SUBST_FLOOR to 99 when nothing else differs; never
 * below PLAIN. */
static int subst_score(int plain, int dist, int big, size_t n, int penalty)
{
	long s = dist ? 100L * (big - dist) / big : 100;

	s -= (long)penalty * (long)n;
	if (!dist && s < SUBST_FLOOR)
		s = SUBST_FLOOR;
	if (s > 99)
		s = 99;
	return s > plain ? (int)s : plain;
}

/* Substitute in TARGET (TLANG) what differs between the query and SOURCE
 * (tokens B, language SLANG) and score it (lookup.h); R keeps its plain
 * score and gets the rest when that works out.  Numbers that differ only
 * in notation (2000, 2.000) need no substitution: they count as equal,
 * no points off. */
static int try_subst(const scorer *sc, const toks *b, const char *src, const char *slang, const char *tgt,
		     size_t tlen, const char *tlang, scored *r)
{
	subst_ctx x = { .q = sc->q, .src = src, .tgt = tgt, .qt = sc->qt, .st = b, .qn = lang_notation(slang),
			.sn = lang_notation(slang), .tn = lang_notation(tlang), .out = TMK_BUF_INIT };
	const toks *a = sc->qt;
	int *d = NULL, rc, differ, dist, big = a->weight > b->weight ? a->weight : b->weight;

	x.pair = malloc(a->n * sizeof(*x.pair));
	x.ipair = malloc(a->nit * sizeof(*x.ipair));
	if (!x.pair || !x.ipair) {
		rc = tmk_error_oom();
		goto done;
	}
	rc = 0;
	if ((differ = pair_items(&x)) < 0 || (differ && (rc = substitute(&x, tlen)) <= 0))
		goto done;      /* they do not pair, or a counterpart is missing: rc 0 (or an error) */
	if (!(d = edit_matrix(a, b, x.pair))) {
		rc = tmk_error_oom();
		goto done;
	}
	dist = d[a->n * (b->n + 1) + b->n];
	if (!differ) {
		int s = percent(a, b, dist, 0);
		r->score = s > r->score ? s : r->score;
		goto done;
	}
	r->score = subst_score(r->score, dist, big, (size_t)differ, sc->penalty);
	if (!(r->target = tmk_buf_detach(&x.out))) {
		rc = tmk_error_oom();
		goto done;
	}
	r->sub = x.sub;
	r->nsub = x.nsub;
	x.sub = NULL;
	rc = 0;
done:
	free(d);
	subst_release(&x);
	return rc;
}

/* Score SOURCE (SLANG) against the query: R gets the score and the
 * differing spans, and with TARGET (TLANG) given, what substitution makes
 * of it. */
static int score_unit(const scorer *sc, const char *src, size_t slen, const char *slang, const char *tgt,
		      size_t tlen, const char *tlang, scored *r)
{
	const toks *a = sc->qt;
	toks b;
	int *d = NULL, rc, dist;

	memset(r, 0, sizeof(*r));
	if ((rc = toks_make(&b, src, slen, 1)) < 0)
		goto done;
	if (!(d = edit_matrix(a, &b, NULL))) {
		rc = tmk_error_oom();
		goto done;
	}
	dist = d[a->n * (b.n + 1) + b.n];
	r->score = percent(a, &b, dist, sc->qlen == slen && !memcmp(sc->q, src, slen));
	if ((rc = diff_spans(a, &b, d, &r->diff, &r->ndiff)) < 0)
		goto done;
	if (tgt && sc->penalty >= 0 && dist > 0 && a->nit && b.nit)
		rc = try_subst(sc, &b, src, slang, tgt, tlen, tlang, r);
done:
	free(d);
	toks_release(&b);
	if (rc < 0)
		scored_release(r);
	return rc;
}

int tmk_match_score(const char *q, size_t qlen, const char *c, size_t clen,
		    tmk_diff **diff, size_t *ndiff)
{
	toks a;
	scorer sc = { q, qlen, &a, -1 };
	scored r;
	int rc = toks_make(&a, q, qlen, 1);

	*diff = NULL;
	*ndiff = 0;
	if (rc == 0 && (rc = score_unit(&sc, c, clen, NULL, NULL, 0, NULL, &r)) == 0) {
		*diff = r.diff;
		*ndiff = r.ndiff;
		rc = r.score;
	}
	toks_release(&a);
	return rc;
}

/* The points a substitution costs under SO (-1: none is made). */
static int penalty_of(const tmk_subst_opts *so)
{
	if (so && so->off)
		return -1;
	if (!so || so->penalty == 0)
		return 1;
	return so->penalty == TMK_SUBST_FREE ? 0 : so->penalty;
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
	scorer sc;                      /* the query as scoring needs it */
	int min;
	tmk_match *v;
	size_t n, cap;
	int best;                       /* opts' best: MIN rises to the best score found */
} query_ctx;

void tmk_match_release(tmk_match *m)
{
	free(m->source);
	free(m->target);
	free(m->original_target);
	free(m->subst);
	free(m->source_lang);
	free(m->target_lang);
	free(m->origin);
	free(m->diff);
	memset(m, 0, sizeof(*m));
}

void tmk_matches_free(tmk_match *m, size_t n)
{
	if (!m)
		return;
	for (size_t i = 0; i < n; i++)
		tmk_match_release(&m[i]);
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

/* Give match M what scoring found (R, emptied): its score, diff and
 * substitutions; TARGET (the translation as stored, M's) becomes
 * original_target when something was substituted. */
static void take_scored(tmk_match *m, scored *r)
{
	m->score = r->score;
	m->diff = r->diff;
	m->ndiff = r->ndiff;
	if (r->target) {
		m->original_target = m->target;
		m->target = r->target;
	}
	m->subst = r->sub;
	m->nsubst = r->nsub;
	memset(r, 0, sizeof(*r));
}

/* Add the row of ST (id, text, translation, text's tag, translation's tag)
 * as a match scored R, which it takes over. */
static int add_match(query_ctx *qc, sqlite3_stmt *st, scored *r)
{
	tmk_buf cnorm = TMK_BUF_INIT;
	tmk_match *m;

	if (qc->n == qc->cap) {
		tmk_match *nv = realloc(qc->v, (qc->cap = qc->cap ? qc->cap * 2 : 16) * sizeof(*nv));
		if (!nv) {
			scored_release(r);
			return tmk_error_oom();
		}
		qc->v = nv;
	}
	m = &qc->v[qc->n++];
	memset(m, 0, sizeof(*m));
	m->id = sqlite3_column_int64(st, 0);
	m->target = dup_col(st, 2);
	take_scored(m, r);
	m->source = dup_col(st, 1);
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
	if (qc->best && m->score > qc->min)
		qc->min = m->score;
	return 0;
}

/* Score every row of ST (id, text, translation, their tags) against the
 * query and keep those in the query's languages that reach the minimum. */
static int collect(query_ctx *qc, sqlite3_stmt *st)
{
	int rc = 0, step;

	while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *slang = (const char *)sqlite3_column_text(st, 3);
		const char *tlang = (const char *)sqlite3_column_text(st, 4);
		scored r;

		if (have_id(qc, sqlite3_column_int64(st, 0)) || !langs_fit(qc, slang, tlang))
			continue;
		rc = score_unit(&qc->sc, (const char *)sqlite3_column_text(st, 1), (size_t)sqlite3_column_bytes(st, 1),
				slang, (const char *)sqlite3_column_text(st, 2), (size_t)sqlite3_column_bytes(st, 2),
				tlang, &r);
		if (rc == 0 && r.score >= qc->min)
			rc = add_match(qc, st, &r);
		else if (rc == 0)
			scored_release(&r);
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
 * fuzzy candidates fetched by id with a length filter (a unit whose word
 * count is too far from the query's cannot score MIN; with BEST, MIN is
 * the best score so far, so the filter narrows as better matches come). */
static int lookup_side(query_ctx *qc, int side)
{
	size_t qwords = tmk_count_words(qc->q, qc->qlen), nids;
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
		sqlite3_bind_int64(st, 2, (long long)qwords * qc->min / 100);
		sqlite3_bind_int64(st, 3, (long long)qwords * 100 / qc->min + 1);
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
	return tmk_lookup_with(tm, out, n, query, len, o, NULL);
}

int tmk_lookup_with(tmk_tm *tm, tmk_match **out, size_t *n, const char *query, size_t len,
		    const tmk_lookup_opts *o, const tmk_subst_opts *so)
{
	query_ctx qc = { tm, o->from ? o->from : "de", NULL, query, len, { 0 }, TMK_BUF_INIT,
			 { query, len, NULL, penalty_of(so) }, o->min > 0 ? o->min : 70, NULL, 0, 0, o->best };
	int max = o->max > 0 ? o->max : 5, rc = 0, own;

	*out = NULL;
	*n = 0;
	if ((rc = tmk_tm_read_begin(tm, &own)) < 0)
		return rc;
	qc.to = o->to ? o->to : tmk_langtag_same_lang(qc.from, "de") ? "en" : "de";
	qc.sc.qt = &qc.qt;
	if ((rc = tmk_norm_match(&qc.qnorm, query, len)) < 0 || (rc = toks_make(&qc.qt, query, len, 1)) < 0)
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
		tmk_match_release(&qc.v[--qc.n]);
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

int tmk_match_unit(tmk_match *m, const char *q, size_t qlen, const char *source, size_t slen,
		   const char *slang, const char *target, size_t tlen, const char *tlang,
		   const tmk_subst_opts *so)
{
	toks a;
	scorer sc = { q, qlen, &a, penalty_of(so) };
	scored r;
	int rc;

	memset(m, 0, sizeof(*m));
	if ((rc = toks_make(&a, q, qlen, 1)) == 0 &&
	    (rc = score_unit(&sc, source, slen, slang, target, tlen, tlang, &r)) == 0) {
		if (!(m->target = strndup(target, tlen))) {
			scored_release(&r);
			rc = tmk_error_oom();
		} else {
			take_scored(m, &r);
		}
	}
	toks_release(&a);
	return rc;
}
