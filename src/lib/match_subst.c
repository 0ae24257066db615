/*
 * match_subst.c - substitution (issue 13): the numbers and placeholders
 * of a query that differ from a TM unit's source, put into the unit's
 * translation in its notation, and the score such a match gets (an exact
 * match less a small penalty a substitution, as CAT tools do).  Runs only
 * when the query and the candidate both hold numbers or placeholders and
 * one differs.  See match.h.
 */
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "langtag.h"
#include "match.h"
#include "qa_num.h"

#define NONE ((size_t)-1)
#define SUBST_FLOOR 95          /* a match that differs only in what was substituted */

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

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
	int a = tmk_number_token(s, i), b = tmk_number_token(t, j);
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
	tmk_toks_release(&x->tt);
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

	if ((rc = tmk_toks_make(&x->tt, x->tgt, tlen, 0, NULL)) < 0)
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
int tmk_subst_try(const scorer *sc, const toks *b, const char *src, const char *slang, const char *tgt,
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
	if (!(d = tmk_edit_matrix(a, b, x.pair))) {
		rc = tmk_error_oom();
		goto done;
	}
	dist = d[a->n * (b->n + 1) + b->n];
	if (!differ) {
		int s = tmk_match_percent(a, b, dist, 0);
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

