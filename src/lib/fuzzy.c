/*
 * fuzzy.c - candidate retrieval for fuzzy lookup; see fuzzy.h.
 *
 * Which units are worth scoring: those that share most of the query's
 * words.  Retrieval never scans the TM, and it is recall-safe for near
 * matches: a unit at most k word edits away (a word substituted, deleted
 * or inserted) lacks at most k of the query's distinct words, and every
 * unit lacking at most k is a candidate unless a probe's row cap cut it
 * (below).  k is 2, or 30 % of the query's words if more (a unit lacking
 * that many can still score 70 %, lookup's default threshold); a query
 * word that no unit holds counts as one lacking.
 *
 * The words, rarest first (document frequencies counted up to DF_CAP):
 *   - the rare ones (in fewer than DF_CAP units) have their postings read
 *     whole, r of them within POSTING_BUDGET rows, so for every unit
 *     holding one it is known which it holds;
 *   - count filter: a unit lacking at most k words holds at least r - k of
 *     the rare ones.  When that is 2 or more, the units that do are few
 *     and they are the near ones; when it is 1 (prefix filter: a unit
 *     holding one of the k + 1 rarest words), they are all the units read,
 *     taken if NEAR_ROWS or fewer;
 *   - otherwise the rarest p words whose units fit NEAR_ROWS are taken as
 *     that prefix, and a unit holding none of them lacks at most k - p of
 *     the other words, so it holds every word of one of k - p + 1 groups
 *     (pigeonhole): one AND probe per group, the words dealt round to the
 *     groups (so their rarer words drive the intersections), two words a
 *     group at least (one frequent word alone finds units by chance, not
 *     likeness).  A probe returns at most GROUP_ROWS units, in rowid order;
 *     one that has more is narrowed by a further word (probe_down), so a
 *     row cap cuts only where the narrowing ran out of probes or words.
 * Candidates are ranked by an estimate of their score (a bag-of-words
 * bound on the word edit distance, lengths included), the near ones
 * first; when more than MAX_CANDIDATES may be near, the matching forms of
 * VERIFY_MAX of them at most (those known to hold the rarest words first)
 * are read to know all the words they hold and their length.  The
 * MAX_CANDIDATES best go to lookup.c, which scores them exactly.
 *
 * Bounds per call: at most MAX_QTERMS document-frequency counts of at
 * most DF_CAP postings each; rare-word postings of at most POSTING_BUDGET
 * rows; at most MISS_MAX + MAX_PROBES AND probes (a group each, narrowed
 * ones while fewer than MAX_PROBES ran) of at most GROUP_ROWS rows each;
 * at most VERIFY_MAX unit rows read by id.  Inside an AND probe FTS5 steps
 * through the doclists of its words, which are as long as the words are
 * frequent and so grow with the TM (issue 17); the groups share no word,
 * so their probes read each doclist once (narrowing probes read theirs
 * again), about what the single AND of all the words they replace read.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>

#include "error.h"
#include "fuzzy.h"
#include "tm_internal.h"
#include "utf8.h"
#include "word_cache.h"

#define MAX_QTERMS 16           /* distinct query words searched (mask bits) */
#define DF_CAP 1000             /* STMT_TERM_DF counts no further */
#define POSTING_BUDGET 6000     /* postings read for the rare words in all */
#define MISS_MIN 2              /* query words a near match may lack ... */
#define MISS_SHARE 30           /* ... or this share (%) of them if more */
#define MISS_MAX 5
#define NEAR_ROWS 300           /* units of the prefix words taken as they are */
#define GROUP_ROWS 300          /* rows one AND probe returns */
#define MAX_PROBES 12           /* AND probes, narrowed ones included */
#define VERIFY_MAX 500         /* units whose matching form is read */
#define MAX_CANDIDATES 150

/* The next word of S[0..LEN) from *I as the word index cuts it (a run of
 * letters and digits): its start in *B, its end in *I; 0 at the end.
 * Matching forms are mostly ASCII, which needs no ICU call. */
static int next_word(const char *s, size_t len, size_t *i, size_t *b)
{
	size_t j = *i, k;
	int in = 0, alnum;

	for (;;) {
		if (j >= len) {
			*i = j;
			return in;
		}
		k = j;
		if ((unsigned char)s[j] < 0x80) {
			unsigned char c = (unsigned char)s[j++];
			alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
		} else {
			alnum = u_isalnum(tmk_utf8_next(s, len, &j)) != 0;
		}
		if (alnum && !in) {
			in = 1;
			*b = k;
		} else if (!alnum && in) {
			*i = k;
			return 1;
		}
	}
}

typedef struct {
	char term[64];
	long long df;           /* units holding it, counted up to DF_CAP */
	int count;              /* how often the query has it */
} term_t;

/* What one call knows about its query. */
typedef struct {
	term_t t[MAX_QTERMS];
	size_t n;               /* distinct words in the index, rarest first */
	int words;              /* word tokens of the query, repeats included */
	int absent;             /* distinct words not searchable (in no unit) */
	const char *column;
	int col;                /* COLUMN's index: 0 source, 1 target */
} query_t;

static int cmp_terms(const void *a, const void *b)
{
	long long x = ((const term_t *)a)->df, y = ((const term_t *)b)->df;
	return x < y ? -1 : x > y;
}

/* ---- the query's words ------------------------------------------------- */

/* Document frequency of WORD in COLUMN (index COL), counted up to DF_CAP;
 * asked of the TM once per connection while it does not change. */
static long long term_df(tmk_tm *tm, const char *column, int col, const char *word)
{
	const tmk_word_info *wi = tmk_word_cache_get(tm->words, col, word);
	sqlite3_stmt *st;
	char m[160];
	long long df;

	if (wi)
		return wi->df;
	if (!(st = tmk_tm_stmt(tm, STMT_TERM_DF)))
		return -1;
	snprintf(m, sizeof(m), "%s : \"%s\"", column, word);
	sqlite3_bind_text(st, 1, m, -1, SQLITE_TRANSIENT);
	df = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	tmk_word_cache_put(tm->words, col, word, df, NULL, 0);
	return df;
}

/* Empty the connection's word cache if the TM changed since it was filled
 * (by this connection or another). */
static int sync_cache(tmk_tm *tm)
{
	sqlite3_stmt *st = tmk_tm_stmt(tm, STMT_DATA_VERSION);
	long long dv;

	if (!st)
		return TMK_EIO;
	dv = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
	sqlite3_reset(st);
	return tmk_word_cache_sync(&tm->words, tm->db, dv);
}

/* The words of QNORM as the word index cuts them: the distinct ones found
 * in COLUMN in Q->t, rarest first, with their document frequencies; how
 * many words there are and how many distinct ones no unit holds.  Repeats
 * of a word count once except in Q->words and the word's count. */
static int query_terms(tmk_tm *tm, query_t *q, const tmk_buf *qnorm)
{
	const char *s = qnorm->ptr ? qnorm->ptr : "";
	size_t i = 0, len = qnorm->len, nabsent = 0, b, w, j;
	char absent[MAX_QTERMS][64];

	while (next_word(s, len, &i, &b)) {
		w = i - b;
		q->words++;
		if (w >= sizeof(q->t[0].term)) {        /* too long to search */
			q->absent++;
			continue;
		}
		for (j = 0; j < q->n && (strlen(q->t[j].term) != w || memcmp(q->t[j].term, s + b, w)); j++)
			;
		if (j < q->n) {
			q->t[j].count++;
			continue;
		}
		for (j = 0; j < nabsent && (strlen(absent[j]) != w || memcmp(absent[j], s + b, w)); j++)
			;
		if (j < nabsent || q->n == MAX_QTERMS)
			continue;
		memcpy(q->t[q->n].term, s + b, w);
		q->t[q->n].term[w] = '\0';
		q->t[q->n].count = 1;
		if ((q->t[q->n].df = term_df(tm, q->column, q->col, q->t[q->n].term)) < 0)
			return TMK_EIO;
		if (q->t[q->n].df > 0) {
			q->n++;
		} else {                /* a word in no unit cannot help: one lacking already */
			q->absent++;
			if (nabsent < MAX_QTERMS)
				memcpy(absent[nabsent++], q->t[q->n].term, w + 1);
		}
	}
	qsort(q->t, q->n, sizeof(q->t[0]), cmp_terms);
	return 0;
}

/* How many of its words a near match may lack: see the top of the file. */
static int misses(const query_t *q)
{
	int k = q->words * MISS_SHARE / 100;

	k = k < MISS_MIN ? MISS_MIN : k > MISS_MAX ? MISS_MAX : k;
	k -= q->absent;
	return k < 0 ? 0 : k;
}

/* ---- candidates -------------------------------------------------------- */

/* A candidate unit: query words it is known to hold (bit i: q->t[i]), all
 * of them once verified, and how many words it has (-1: unknown). */
typedef struct {
	int64_t id;
	uint32_t mask;
	int len;
	int near;               /* it may lack at most misses() words */
	double rank;            /* filled by rank_candidates */
	double weight;
} cand_t;

/* The candidates by id: open addressing, CAP a power of two. */
typedef struct {
	cand_t *v;
	size_t n, cap;
} cand_map;

static size_t slot_of(const cand_t *v, size_t cap, int64_t id)
{
	size_t i = (size_t)id * 2654435761u & (cap - 1);

	while (v[i].id && v[i].id != id)
		i = (i + 1) & (cap - 1);
	return i;
}

/* The entry of ID, added (unknown length, no words) if new; NULL on OOM. */
static cand_t *cand_get(cand_map *c, int64_t id)
{
	size_t i;

	if ((c->n + 1) * 2 > c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 1024;
		cand_t *v = calloc(cap, sizeof(*v));
		if (!v)
			return NULL;
		for (size_t k = 0; k < c->cap; k++)
			if (c->v[k].id)
				v[slot_of(v, cap, c->v[k].id)] = c->v[k];
		free(c->v);
		c->v = v;
		c->cap = cap;
	}
	i = slot_of(c->v, c->cap, id);
	if (!c->v[i].id) {
		c->v[i].id = id;
		c->v[i].len = -1;
		c->n++;
	}
	return &c->v[i];
}

/* Run the word-index query M (STMT_TERM_IDS, at most LIM rows): each unit
 * gains the words of HOLDS, and is marked near when NEED (>= 0) says how
 * many of the rare words read (those of RARE) it must hold to be.  *ROWS:
 * how many rows there were. */
static int run_ids(tmk_tm *tm, cand_map *c, const char *m, int lim, uint32_t holds, uint32_t rare, int need,
		   int *rows)
{
	sqlite3_stmt *st = tmk_tm_stmt(tm, STMT_TERM_IDS);
	int rc = 0, step;

	*rows = 0;
	if (!st)
		return TMK_EIO;
	sqlite3_bind_text(st, 1, m, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, lim);
	while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
		cand_t *e = cand_get(c, sqlite3_column_int64(st, 0));
		if (!e) {
			rc = tmk_error_oom();
			break;
		}
		e->mask |= holds;
		if (need >= 0 && __builtin_popcount(e->mask & rare) >= need)
			e->near = 1;
		(*rows)++;
	}
	sqlite3_reset(st);
	if (rc == 0 && step != SQLITE_DONE)
		rc = tmk_tm_dberr(tm, "lookup failed");
	return rc;
}

/* ---- the near matches -------------------------------------------------- */

/* What the search for near matches works with. */
typedef struct {
	tmk_tm *tm;
	const query_t *q;
	cand_map *c;
	tmk_buf m;              /* the match expression being built */
	int miss;               /* words a near match may lack */
	size_t read;            /* rare words whose postings were read: 0 .. read-1 */
	int need;               /* of which a near match holds this many at least */
	int probes;
} near_t;

/* Append the words of MASK to M, joined by OP. */
static int put_words(tmk_buf *m, const query_t *q, uint32_t mask, const char *op)
{
	int rc = 0, any = 0;

	for (size_t i = 0; i < q->n && rc == 0; i++)
		if (mask >> i & 1) {
			rc = tmk_buf_printf(m, "%s\"%s\"", any ? op : "", q->t[i].term);
			any = 1;
		}
	return rc;
}

/* The units holding every word of AND and none of NOT, at most GROUP_ROWS
 * in rowid order; those that may be near are marked so.  *CAPPED when
 * there were more. */
static int probe(near_t *nr, uint32_t and, uint32_t not, int *capped)
{
	tmk_buf *m = &nr->m;
	int rc, rows;

	*capped = 0;
	tmk_buf_clear(m);
	if ((rc = tmk_buf_printf(m, "%s : ((", nr->q->column)) < 0 || (rc = put_words(m, nr->q, and, " AND ")) < 0 ||
	    (rc = tmk_buf_putc(m, ')')) < 0)
		return rc;
	if (not && ((rc = tmk_buf_puts(m, " NOT (")) < 0 || (rc = put_words(m, nr->q, not, " OR ")) < 0 ||
		    (rc = tmk_buf_putc(m, ')')) < 0))
		return rc;
	if ((rc = tmk_buf_putc(m, ')')) < 0)
		return rc;
	nr->probes++;
	rc = run_ids(nr->tm, nr->c, m->ptr, GROUP_ROWS, and, (1u << nr->read) - 1, nr->need, &rows);
	*capped = rows == GROUP_ROWS;
	return rc;
}

/* The near matches that hold every word of AND and none of NOT, and lack
 * at most MISS of the words of REST.  When AND alone matches too many
 * units to read them all, narrow it: such a unit holds one of any MISS + 1
 * words of REST, so probe AND plus each of the rarest MISS + 1 in turn
 * (the i-th excluding the units of those before it, which then lack
 * them), and so on down, within MAX_PROBES. */
static int probe_down(near_t *nr, uint32_t and, uint32_t not, uint32_t rest, int miss)
{
	int capped, rc;

	if ((rc = probe(nr, and, not, &capped)) < 0 || !capped)
		return rc;
	for (size_t i = 0; i < nr->q->n && miss >= 0 && rc == 0 && nr->probes < MAX_PROBES; i++)
		if (rest >> i & 1) {
			rest &= ~(1u << i);
			rc = probe_down(nr, and | 1u << i, not, rest, miss);
			not |= 1u << i;
			miss--;
		}
	return rc;
}

/* Mark near the units read that hold NEED of the rare words and, if MASK,
 * one of the words of MASK; how many they are (counted only if !MARK). */
static size_t mark_read(near_t *nr, uint32_t mask, int mark)
{
	uint32_t rare = (1u << nr->read) - 1;
	size_t n = 0;

	for (size_t i = 0; i < nr->c->cap; i++) {
		cand_t *e = &nr->c->v[i];
		if (e->id && __builtin_popcount(e->mask & rare) >= nr->need && (!mask || e->mask & mask)) {
			n++;
			e->near |= mark;
		}
	}
	return n;
}

/* Mark every unit that may lack at most NR->miss words near (see the top
 * of the file), the rare words' postings read already. */
static int find_near(near_t *nr)
{
	const query_t *q = nr->q;
	size_t p = 0, rows = 0, rest;
	uint32_t prefix;
	int rc = 0;
	unsigned g;

	nr->need = (int)nr->read - nr->miss;
	if (nr->need >= 2 || (nr->need == 1 && mark_read(nr, 0, 0) <= NEAR_ROWS)) {
		mark_read(nr, 0, 1);    /* the count filter vouches for all */
		return 0;
	}
	if (nr->need < 0)
		nr->need = 0;
	/* the prefix: rarest first, while their units fit */
	while (p < nr->read && (int)p <= nr->miss && rows + (size_t)q->t[p].df <= NEAR_ROWS)
		rows += (size_t)q->t[p++].df;
	prefix = (1u << p) - 1;
	if (p)
		mark_read(nr, prefix, 1);
	rest = q->n - p;
	if ((int)p > nr->miss || rest == 0 || (rest == 1 && p))
		return 0;       /* the prefix vouches for all (or one word is left) */
	/* the groups: MISS - P + 1 of them, two words each at least */
	g = (unsigned)(nr->miss - (int)p + 1);
	if (rest > 1 && g > rest / 2)
		g = (unsigned)(rest / 2);
	if (g > rest)
		g = (unsigned)rest;     /* one word left ("%s =": only "s"): one group */
	for (unsigned k = 0; k < g && rc == 0; k++) {
		uint32_t group = 0, others = ((1u << q->n) - 1) & ~prefix;
		for (size_t i = p + k; i < q->n; i += g)
			group |= 1u << i;
		if (group)              /* an empty AND is no FTS5 query */
			rc = probe_down(nr, group, prefix, others & ~group, nr->miss - (int)p);
	}
	return rc;
}

/* ---- ranking ----------------------------------------------------------- */

/* Which query words the matching form S[0..LEN) holds, and how many words
 * it has, into E. */
static void verify_text(const query_t *q, cand_t *e, const char *s, size_t len)
{
	size_t i = 0, b, w;

	e->mask = 0;
	e->len = 0;
	while (next_word(s, len, &i, &b)) {
		e->len++;
		w = i - b;
		for (size_t k = 0; k < q->n; k++)
			if (w < sizeof(q->t[k].term) && q->t[k].term[w] == '\0' && !memcmp(q->t[k].term, s + b, w)) {
				e->mask |= 1u << k;
				break;
			}
	}
}

/* The rarer the words known held the likelier (WEIGHT: their 1 / df
 * summed), then the more of them. */
static int cmp_known(const void *a, const void *b)
{
	const cand_t *x = *(cand_t *const *)a, *y = *(cand_t *const *)b;
	int hx = __builtin_popcount(x->mask), hy = __builtin_popcount(y->mask);

	if (x->weight != y->weight)
		return x->weight > y->weight ? -1 : 1;
	if (hx != hy)
		return hx > hy ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

/* When more units may be near than lookup.c takes, read their matching
 * forms (those known to hold the rarest words first, at most VERIFY_MAX)
 * so that they are ranked on all their words and their length. */
static int verify_near(tmk_tm *tm, const query_t *q, cand_map *c)
{
	sqlite3_stmt *st = NULL;
	cand_t **v;
	size_t n = 0;
	int rc = 0, step;

	for (size_t i = 0; i < c->cap; i++)
		n += c->v[i].id && c->v[i].near;
	if (n <= MAX_CANDIDATES)
		return 0;       /* all of them are taken anyway */
	if (!(v = malloc(n * sizeof(*v))))
		return tmk_error_oom();
	n = 0;
	for (size_t i = 0; i < c->cap; i++)
		if (c->v[i].id && c->v[i].near) {
			v[n] = &c->v[i];
			v[n]->weight = 0;
			for (size_t k = 0; k < q->n; k++)
				if (v[n]->mask >> k & 1)
					v[n]->weight += 1.0 / (double)q->t[k].df;
			n++;
		}
	if (n > VERIFY_MAX)
		qsort(v, n, sizeof(*v), cmp_known);
	if (!(st = tmk_tm_stmt(tm, q->col ? STMT_TARGET_NORM : STMT_SOURCE_NORM)))
		rc = TMK_EIO;
	for (size_t i = 0; i < n && i < VERIFY_MAX && rc == 0; i++) {
		sqlite3_bind_int64(st, 1, v[i]->id);
		if ((step = sqlite3_step(st)) == SQLITE_ROW) {
			const char *s = (const char *)sqlite3_column_text(st, 0);
			verify_text(q, v[i], s ? s : "", (size_t)sqlite3_column_bytes(st, 0));
		} else if (step != SQLITE_DONE) {
			rc = tmk_tm_dberr(tm, "lookup failed");
		}
		sqlite3_reset(st);
	}
	free(v);
	return rc;
}

/* Estimate each candidate's score: the words it holds bound the word
 * edit distance from below (every query word it lacks and every word of
 * its own it cannot pair costs an edit), over the longer of the two, as
 * lookup.c scores; an unknown length counts as the query's.  Ties go to
 * the rarer words held. */
static void rank_candidates(const query_t *q, cand_t *v, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		int shared = 0, dist, big, len;
		double w = 0;

		for (size_t i = 0; i < q->n; i++)
			if (v[k].mask >> i & 1) {
				shared += q->t[i].count;
				w += 1.0 / (double)q->t[i].df;
			}
		len = v[k].len < 0 ? q->words : v[k].len;
		dist = q->words - shared > len - shared ? q->words - shared : len - shared;
		if (dist < 0)
			dist = 0;
		big = q->words > len ? q->words : len;
		v[k].rank = big ? 1.0 - (double)dist / big : 1.0;
		v[k].weight = w;
	}
}

/* Near ones first, then by the estimate. */
static int cmp_cands(const void *a, const void *b)
{
	const cand_t *x = a, *y = b;

	if (x->near != y->near)
		return x->near ? -1 : 1;
	if (x->rank != y->rank)
		return x->rank > y->rank ? -1 : 1;
	if (x->weight != y->weight)
		return x->weight > y->weight ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

/* Move the best MAX_CANDIDATES of V[0..N) to its front, best first; how
 * many that is.  A heap whose root is the worst kept: O(n log 150). */
static size_t keep_best(cand_t *v, size_t n)
{
	size_t m = 0;

	for (size_t k = 0; k < n; k++) {
		size_t i;

		if (m < MAX_CANDIDATES) {
			cand_t x = v[k];
			for (i = m++; i > 0 && cmp_cands(&v[(i - 1) / 2], &x) < 0; i = (i - 1) / 2)
				v[i] = v[(i - 1) / 2];
			v[i] = x;
		} else if (cmp_cands(&v[k], &v[0]) < 0) {
			cand_t x = v[k];
			for (i = 0;;) {
				size_t l = 2 * i + 1, worst = l;
				if (l >= m)
					break;
				if (l + 1 < m && cmp_cands(&v[l + 1], &v[l]) > 0)
					worst = l + 1;
				if (cmp_cands(&v[worst], &x) <= 0)
					break;
				v[i] = v[worst];
				i = worst;
			}
			v[i] = x;
		}
	}
	qsort(v, m, sizeof(*v), cmp_cands);
	return m;
}

/* ---- the candidates ---------------------------------------------------- */

/* The units holding word T (rare: fewer than DF_CAP) gain bit BIT: from
 * the connection's cache, or read and cached. */
static int rare_postings(tmk_tm *tm, const query_t *q, cand_map *c, const term_t *t, uint32_t bit)
{
	const tmk_word_info *wi = tmk_word_cache_get(tm->words, q->col, t->term);
	sqlite3_stmt *st;
	int64_t ids[DF_CAP];
	size_t n = 0;
	char m[160];
	int step;

	if (!wi || !wi->ids) {
		if (!(st = tmk_tm_stmt(tm, STMT_TERM_IDS)))
			return TMK_EIO;
		snprintf(m, sizeof(m), "%s : \"%s\"", q->column, t->term);
		sqlite3_bind_text(st, 1, m, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 2, DF_CAP);
		while (n < DF_CAP && (step = sqlite3_step(st)) == SQLITE_ROW)
			ids[n++] = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		if (n < DF_CAP && step != SQLITE_DONE)
			return tmk_tm_dberr(tm, "lookup failed");
		tmk_word_cache_put(tm->words, q->col, t->term, t->df, ids, n);
		wi = tmk_word_cache_get(tm->words, q->col, t->term);
	}
	for (size_t i = 0, nids = wi && wi->ids ? wi->nids : n; i < nids; i++) {
		cand_t *e = cand_get(c, wi && wi->ids ? wi->ids[i] : ids[i]);
		if (!e)
			return tmk_error_oom();
		e->mask |= bit;
	}
	return 0;
}

/* Read the postings of the rare words, rarest first, within the budget:
 * each unit learns which it holds.  How many words were read. */
static int read_rare(tmk_tm *tm, const query_t *q, cand_map *c, size_t *read)
{
	size_t budget = 0;
	int rc = 0;

	for (*read = 0; *read < q->n && rc == 0; (*read)++) {
		const term_t *t = &q->t[*read];
		if (t->df >= DF_CAP || budget + (size_t)t->df > POSTING_BUDGET)
			break;
		budget += (size_t)t->df;
		rc = rare_postings(tm, q, c, t, 1u << *read);
	}
	return rc;
}

int tmk_fuzzy_candidates(tmk_tm *tm, int64_t **out, size_t *n, const char *column, const tmk_buf *qnorm)
{
	query_t q;
	cand_map c = { 0 };
	near_t nr;
	cand_t *v = NULL;
	size_t k = 0;
	int rc;

	*out = NULL;
	*n = 0;
	memset(&q, 0, sizeof(q));
	q.column = column;
	q.col = strcmp(column, "source_norm") ? 1 : 0;
	if ((rc = sync_cache(tm)) < 0 || (rc = query_terms(tm, &q, qnorm)) < 0 || q.n == 0)
		return rc;
	nr = (near_t){ tm, &q, &c, TMK_BUF_INIT, misses(&q), 0, 0, 0 };
	if ((rc = read_rare(tm, &q, &c, &nr.read)) < 0 || (rc = find_near(&nr)) < 0 ||
	    (rc = verify_near(tm, &q, &c)) < 0)
		goto done;
	if (!(v = malloc((c.n ? c.n : 1) * sizeof(*v))) || !(*out = malloc(MAX_CANDIDATES * sizeof(**out)))) {
		rc = tmk_error_oom();
		goto done;
	}
	for (size_t i = 0; i < c.cap; i++)
		if (c.v[i].id)
			v[k++] = c.v[i];
	rank_candidates(&q, v, k);
	*n = keep_best(v, k);
	for (size_t i = 0; i < *n; i++)
		(*out)[i] = v[i].id;
done:
	if (rc < 0) {
		free(*out);
		*out = NULL;
		*n = 0;
	}
	tmk_buf_release(&nr.m);
	free(v);
	free(c.v);
	return rc;
}
