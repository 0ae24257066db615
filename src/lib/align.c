/*
 * align.c - sentence alignment by dynamic programming; see align.h.
 *
 * Evidence per sentence (computed once): its length in characters, and
 * keys for its content words: numbers (digits only, so 1.000,5 meets
 * 1,000.5), the word itself (names, acronyms), its first five letters
 * (cognates: Organisation, organization) and, with a lexicon, its English
 * translations (German compounds split against the lexicon when the whole
 * word is unknown).  A bead's cost is the Gale-Church length cost, a prior
 * for its type, and a bonus for the share of English words matched by the
 * German side.  1-1 match counts are computed once per cell (through an
 * index of the English keys) and summed for the bigger beads.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>

#include "align.h"
#include "error.h"
#include "textnorm.h"
#include "utf8.h"

/* Gale and Church's length model, English characters per German one. */
#define LEN_RATIO 0.92
#define LEN_VAR 6.8
#define RATIO_PRIOR 2000.0      /* characters: how much a text must say to move it */
#define LEX_WEIGHT 9.0
#define MAX_TRANSLATIONS 128    /* per German word */
#define TEMP 1.0                /* posteriors(): cost units per nat */

/* Evidence keys are 32-bit fingerprints of 64-bit hashes: set membership
 * over a sentence's thousand-odd keys stays practically free of false
 * matches, at half the memory. */
typedef uint32_t key_t32;

/* English tokens are named by sentence and position in one 32-bit word:
 * the first 64 content tokens of a sentence count (the match counts are
 * 64-bit masks), and there may be up to 2^26 English sentences. */
#define TOK_BITS 6
#define MAX_SENTENCES (1u << (32 - TOK_BITS))

typedef struct {
	uint32_t chars;
	uint32_t ntok;          /* content tokens */
	uint32_t *runs;         /* German: the English index runs its keys meet, once each */
	uint32_t nruns;
	int pstart;             /* a paragraph starts here (not the first) */
} sent_info;

enum { K_NUM = 1, K_WORD, K_PREFIX, K_LEX };

static key_t32 tag(uint64_t h, int kind)
{
	return (key_t32)((h * 0x9E3779B97F4A7C15ULL + (uint64_t)kind) >> 32);
}

static int is_stop(const char *w, size_t n)
{
	static const char *const stop[] = {
		"der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer",
		"und", "oder", "von", "zu", "mit", "in", "im", "an", "am", "auf", "für", "aus", "bei",
		"sich", "ist", "sind", "war", "wird", "es", "er", "sie", "wir", "ich", "nicht", "auch",
		"dass", "als", "wie", "so", "the", "a", "an", "of", "to", "and", "or", "in", "on", "at",
		"for", "with", "by", "from", "is", "are", "was", "be", "it", "that", "this", "as", "not",
		"he", "she", "we", "i", "they", NULL
	};
	if (n > 5)
		return 0;
	for (int i = 0; stop[i]; i++)
		if (strlen(stop[i]) == n && !memcmp(stop[i], w, n))
			return 1;
	return 0;
}

/* A growable vector of 32- or 64-bit words. */
typedef struct {
	void *v;
	size_t n, cap;
} vec;

static int vec_push32(vec *x, uint32_t k)
{
	if (x->n == x->cap) {
		size_t c = x->cap ? x->cap * 2 : 64;
		void *nv = realloc(x->v, c * sizeof(uint32_t));
		if (!nv)
			return tmk_error_oom();
		x->v = nv;
		x->cap = c;
	}
	((uint32_t *)x->v)[x->n++] = k;
	return 0;
}

static int vec_push64(vec *x, uint64_t k)
{
	if (x->n == x->cap) {
		size_t c = x->cap ? x->cap * 2 : 64;
		void *nv = realloc(x->v, c * sizeof(uint64_t));
		if (!nv)
			return tmk_error_oom();
		x->v = nv;
		x->cap = c;
	}
	((uint64_t *)x->v)[x->n++] = k;
	return 0;
}

/* The translations of German word W (matching form) into KEYS: the
 * glossary's (GL, may be NULL), then the lexicon's (LX, may be NULL);
 * compounds are split when the whole word is unknown to the lexicon: the
 * longest known head, and the modifier before it when that is known too. */
static int add_translations(const tmk_lexicon *lx, const tmk_lexicon *gl, const char *w, size_t n,
			    vec *keys)
{
	const uint64_t *t;
	uint64_t key = tmk_lexicon_key_norm("de", w, n);
	size_t k;
	int rc = 0;

	if (gl) {
		k = tmk_lexicon_lookup(gl, key, &t);
		for (size_t i = 0; i < k && i < MAX_TRANSLATIONS && rc == 0; i++)
			rc = vec_push32(keys, tag(t[i], K_LEX));
	}
	if (!lx || rc < 0)
		return rc;
	k = tmk_lexicon_lookup(lx, key, &t);

	if (!k && n >= 8) {
		for (size_t cut = 3; cut + 4 <= n && !k; cut++) {
			if (((unsigned char)w[cut] & 0xC0) == 0x80)
				continue;
			k = tmk_lexicon_lookup(lx, tmk_lexicon_key_norm("de", w + cut, n - cut), &t);
			if (k) {
				const uint64_t *m;
				size_t mk = tmk_lexicon_lookup(lx, tmk_lexicon_key_norm("de", w, cut), &m);
				if (!mk && cut > 4 && w[cut - 1] == 's')        /* Fugen-s */
					mk = tmk_lexicon_lookup(lx, tmk_lexicon_key_norm("de", w, cut - 1), &m);
				for (size_t i = 0; i < mk && i < 64 && rc == 0; i++)
					rc = vec_push32(keys, tag(m[i], K_LEX));
			}
		}
	}
	for (size_t i = 0; i < k && i < MAX_TRANSLATIONS && rc == 0; i++)
		rc = vec_push32(keys, tag(t[i], K_LEX));
	return rc;
}

/* Evidence keys of one token (matching form W): number, word, and the
 * first five letters of its cognate skeleton (Tadschikistan and
 * Tajikistan both "taiik"). */
static int token_keys(const char *w, size_t n, vec *keys)
{
	char digits[64];
	size_t nd = 0;
	int rc = 0;

	for (size_t i = 0; i < n && nd < sizeof(digits); i++)
		if (w[i] >= '0' && w[i] <= '9')
			digits[nd++] = w[i];
	if (nd)
		return vec_push32(keys, tag(tmk_hash(TMK_HASH_SEED, digits, nd), K_NUM));
	rc = vec_push32(keys, tag(tmk_hash(TMK_HASH_SEED, w, n), K_WORD));
	if (rc == 0 && tmk_utf8_count(w, n) >= 6) {          /* cognates */
		char sk[64];
		size_t len = tmk_cognate_skeleton(sk, sizeof(sk), w, n), p = 0;
		for (int c = 0; c < 5 && p < len; c++)
			tmk_utf8_next(sk, len, &p);
		rc = vec_push32(keys, tag(tmk_hash(TMK_HASH_SEED, sk, p), K_PREFIX));
	}
	return rc;
}

/* Scratch space for analysing sentences. */
typedef struct {
	tmk_token *tok;
	size_t ntok;
	tmk_buf word;
	vec keys;               /* the current token's (English) or sentence's (German) keys */
} scratch;

static void scratch_free(scratch *s)
{
	free(s->tok);
	tmk_buf_release(&s->word);
	free(s->keys.v);
}

/* Length of sentence S and the evidence keys of its content words: for
 * German, all of them in sc->keys; for English, each token's keys go to
 * POSTINGS as key << 32 | sentence J << TOK_BITS | token. */
static int analyse(sent_info *si, scratch *sc, const tmk_align_sent *s, int german,
		   const tmk_lexicon *lx, const tmk_lexicon *gl, uint32_t j, vec *postings)
{
	int rc;

	memset(si, 0, sizeof(*si));
	sc->keys.n = 0;
	si->chars = (uint32_t)tmk_utf8_count(s->text, s->len);
	free(sc->tok);
	sc->tok = NULL;
	if ((rc = tmk_tokenize(&sc->tok, &sc->ntok, s->text, s->len)) < 0)
		return rc;
	for (size_t i = 0; i < sc->ntok && rc == 0; i++) {
		const tmk_token *t = &sc->tok[i];
		tmk_buf *w = &sc->word;
		if (!t->word)
			continue;
		tmk_buf_clear(w);
		if ((rc = tmk_norm_match(w, s->text + t->start, t->end - t->start)) < 0)
			break;
		if (is_stop(w->ptr, w->len))
			continue;
		si->ntok++;
		if (!german)
			sc->keys.n = 0;
		rc = token_keys(w->ptr, w->len, &sc->keys);
		if (rc == 0 && (lx || gl)) {
			if (german)
				rc = add_translations(lx, gl, w->ptr, w->len, &sc->keys);
			else
				rc = vec_push32(&sc->keys, tag(tmk_lexicon_key_norm("en", w->ptr, w->len),
							       K_LEX));
		}
		if (!german && si->ntok <= 64)
			for (size_t k = 0; k < sc->keys.n && rc == 0; k++)
				rc = vec_push64(postings, (uint64_t)((uint32_t *)sc->keys.v)[k] << 32 |
							  j << TOK_BITS | (si->ntok - 1));
	}
	return rc;
}

/* Sort V[0..N) ascending: least significant digit first radix sort, a
 * byte a pass (a pass every value agrees on is skipped).  qsort() spent
 * a fifth of a long alignment comparing keys. */
static int radix_sort64(uint64_t *v, size_t n)
{
	uint64_t *tmp = malloc((n ? n : 1) * sizeof(*tmp)), *src = v, *dst = tmp;
	size_t count[256];

	if (!tmp)
		return tmk_error_oom();
	for (int shift = 0; shift < 64; shift += 8) {
		size_t sum = 0;
		memset(count, 0, sizeof(count));
		for (size_t i = 0; i < n; i++)
			count[(src[i] >> shift) & 0xFF]++;
		if (n && count[(src[0] >> shift) & 0xFF] == n)
			continue;
		for (size_t d = 0; d < 256; d++) {
			size_t c = count[d];
			count[d] = sum;
			sum += c;
		}
		for (size_t i = 0; i < n; i++)
			dst[count[(src[i] >> shift) & 0xFF]++] = src[i];
		uint64_t *x = src;
		src = dst;
		dst = x;
	}
	if (src != v)
		memcpy(v, src, n * sizeof(*v));
	free(tmp);
	return 0;
}

/* -log of the probability that lengths L1 (German) and L2 (English)
 * translate each other (Gale and Church 1993): -log erfc(|z|/sqrt 2),
 * read off a table in steps of 1/LC_STEPS of |z| (erfc and log were a
 * quarter of a long alignment), flat beyond LC_MAX where p < 1e-12. */
#define LC_STEPS 256
#define LC_MAX 8
#define LC_N (LC_MAX * LC_STEPS)

static void length_table(float *tab)
{
	for (int k = 0; k <= LC_N; k++) {
		double p = erfc((double)k / LC_STEPS * 0.70710678118654752);
		tab[k] = (float)-log(p > 1e-12 ? p : 1e-12);
	}
}

static double length_cost(const float *tab, double ratio, double l1, double l2)
{
	double mean = (l1 + l2 / ratio) / 2, z, x;
	int k;

	if (mean <= 0)
		return 0;
	z = fabs(ratio * l1 - l2) / sqrt(LEN_VAR * mean);
	if (z >= LC_MAX)
		return tab[LC_N];
	x = z * LC_STEPS;
	k = (int)x;
	return tab[k] + (x - k) * (tab[k + 1] - tab[k]);
}

/* The bead types: German and English sentence counts, and -log prior. */
static const struct {
	int a, b;
	double prior;
} beads[] = {
	{ 1, 1, 0.12 }, { 1, 0, 5.5 }, { 0, 1, 5.5 }, { 2, 1, 3.1 }, { 1, 2, 3.1 },
	{ 2, 2, 4.5 }, { 3, 1, 6.2 }, { 1, 3, 6.2 },
};
#define NBEADS (sizeof(beads) / sizeof(beads[0]))

/* The English keys indexed: for each distinct key a run of the tokens
 * holding it (sentence << TOK_BITS | token, by sentence), found through an
 * open-addressing table.  Counting 1-1 matches row by row through it costs
 * one probe per German key when the German sentences are analysed, and a
 * binary search into the run per key and row after that. */
typedef struct {
	key_t32 key;
	uint32_t start, end;    /* the run: post[start..end) */
} run_t;

typedef struct {
	uint32_t *post;
	size_t npost;
	run_t *run;
	size_t nrun;
	uint32_t *slot;         /* run id + 1 (0: empty), by key */
	size_t nslot;           /* a power of two */
} en_index;

#define NO_RUN UINT32_MAX

static size_t slot_of(const en_index *ix, key_t32 k)
{
	return (size_t)(k * 2654435761u) & (ix->nslot - 1);
}

/* Index POSTINGS (key << 32 | token; consumed). */
static int index_english(en_index *ix, vec *postings)
{
	uint64_t *p = postings->v;
	size_t n = postings->n;
	int rc;

	memset(ix, 0, sizeof(*ix));
	if ((rc = radix_sort64(p, n)) < 0)
		return rc;
	ix->post = malloc((n ? n : 1) * sizeof(*ix->post));
	if (!ix->post)
		return tmk_error_oom();
	for (size_t i = 0; i < n; i++) {
		ix->post[i] = (uint32_t)p[i];
		if (i == 0 || p[i] >> 32 != p[i - 1] >> 32)
			ix->nrun++;
	}
	ix->npost = n;
	for (ix->nslot = 64; ix->nslot < ix->nrun * 2; ix->nslot *= 2)
		;
	ix->run = malloc((ix->nrun ? ix->nrun : 1) * sizeof(*ix->run));
	ix->slot = calloc(ix->nslot, sizeof(*ix->slot));
	if (!ix->run || !ix->slot)
		return tmk_error_oom();
	for (size_t i = 0, r = 0; i < n; r++) {
		size_t e = i + 1, sl;
		key_t32 k = (key_t32)(p[i] >> 32);
		while (e < n && (key_t32)(p[e] >> 32) == k)
			e++;
		ix->run[r] = (run_t){ k, (uint32_t)i, (uint32_t)e };
		for (sl = slot_of(ix, k); ix->slot[sl]; sl = (sl + 1) & (ix->nslot - 1))
			;
		ix->slot[sl] = (uint32_t)r + 1;
		i = e;
	}
	free(p);
	postings->v = NULL;
	postings->n = postings->cap = 0;
	return 0;
}

/* The run of key K, or NO_RUN when no English token has it. */
static uint32_t find_run(const en_index *ix, key_t32 k)
{
	for (size_t sl = slot_of(ix, k); ix->slot[sl]; sl = (sl + 1) & (ix->nslot - 1))
		if (ix->run[ix->slot[sl] - 1].key == k)
			return ix->slot[sl] - 1;
	return NO_RUN;
}

/* German sentence SI's keys (sc->keys) as the English runs they meet, each
 * once (STAMP[run] remembers the last sentence I that took it): keys no
 * English sentence has cannot match and are not kept. */
static int keep_runs(sent_info *si, const scratch *sc, const en_index *ix, uint32_t *stamp,
		     uint32_t i)
{
	vec r = { 0 };
	int rc = 0;

	for (size_t k = 0; k < sc->keys.n && rc == 0; k++) {
		uint32_t run = find_run(ix, ((const uint32_t *)sc->keys.v)[k]);
		if (run == NO_RUN || stamp[run] == i + 1)
			continue;
		stamp[run] = i + 1;
		rc = vec_push32(&r, run);
	}
	if (rc < 0) {
		free(r.v);
		return rc;
	}
	si->runs = r.v;
	si->nruns = (uint32_t)r.n;
	if (r.n && r.n < r.cap) {
		void *shrunk = realloc(r.v, r.n * sizeof(uint32_t));
		if (shrunk)
			si->runs = shrunk;
	}
	return 0;
}

typedef struct {
	const sent_info *de, *en;
	size_t nde, nen;
	const en_index *ix;
	uint16_t *m;            /* 1-1 match counts, band-indexed */
	size_t *lo, *hi;        /* per German index i: English cells lo..hi */
	size_t *row;            /* offset of row i in the band arrays */
	float lcost[LC_N + 1];  /* length_cost()'s table */
	int paras;              /* paragraph anchors: 0 none, 1 crossings, 2 and edges */
	int lexical;            /* a lexicon gave evidence */
	double ratio;           /* characters of the right side per character of the left */
} ctx_t;

static size_t m11(const ctx_t *c, size_t i, size_t j)
{
	if (j < c->lo[i] || j > c->hi[i])
		return 0;
	return c->m[c->row[i] + (j - c->lo[i])];
}

/* Cost and score of the bead of German sentences i-a..i-1, English j-b..j-1. */
/* Paragraph boundaries as soft anchors.  A side of a bead that runs
 * across one costs PARA_CROSS.  And the path should pass through the
 * cells where a German and an English paragraph both start: the path
 * enters and leaves each German boundary row (and English boundary
 * column) once, and each time it does so where the other side has no
 * boundary costs half of PARA_EDGE.  Halves, because a sentence left out
 * next to a boundary moves one of the two (enter or leave) off by one on
 * the right path, while a wrong path misses both.  Translators keep
 * paragraphs far more often than not, but do merge and split them, so
 * evidence overrules. */
#define PARA_CROSS 2.0
#define PARA_EDGE 2.0

static double para_cost(const ctx_t *c, size_t i, size_t j, int a, int b)
{
	const sent_info *de = c->de, *en = c->en;
	double cost = 0;

	for (int k = 1; k < a; k++)
		cost += de[i - k].pstart ? PARA_CROSS : 0;
	for (int k = 1; k < b; k++)
		cost += en[j - k].pstart ? PARA_CROSS : 0;
	if (c->paras > 1) {
		if (a && de[i].pstart && !en[j].pstart)                 /* enters a row */
			cost += PARA_EDGE / 2;
		if (a && de[i - a].pstart && !en[j - b].pstart)         /* leaves one */
			cost += PARA_EDGE / 2;
		if (b && en[j].pstart && !de[i].pstart)                 /* a column */
			cost += PARA_EDGE / 2;
		if (b && en[j - b].pstart && !de[i - a].pstart)
			cost += PARA_EDGE / 2;
	}
	return cost;
}

/* With a lexicon, a sentence of a many-sentence side whose words meet
 * (almost) none on the other side is more likely left out of the
 * translation than part of it.  Each such sentence costs ORPHAN_COST when
 * nothing of it matches, less as the share of its words matched grows,
 * nothing from ORPHAN_SHARE up; sentences of fewer than ORPHAN_MIN
 * content words prove nothing. */
#define ORPHAN_COST 3.0
#define ORPHAN_SHARE 0.25
#define ORPHAN_MIN 3

static double orphan_cost(size_t matched, size_t ntok)
{
	double share = (double)matched / (double)ntok;

	if (ntok < ORPHAN_MIN || share >= ORPHAN_SHARE)
		return 0;
	return ORPHAN_COST * (1 - share / ORPHAN_SHARE);
}

static double orphans(const ctx_t *c, size_t i, size_t j, int a, int b)
{
	double cost = 0;

	if (b > 1)
		for (int y = 1; y <= b; y++) {
			size_t m = 0;
			for (int x = 1; x <= a; x++)
				m += m11(c, i - x, j - y);
			cost += orphan_cost(m, c->en[j - y].ntok);
		}
	if (a > 1)
		for (int x = 1; x <= a; x++) {
			size_t m = 0;
			for (int y = 1; y <= b; y++)
				m += m11(c, i - x, j - y);
			cost += orphan_cost(m, c->de[i - x].ntok);
		}
	return cost;
}

/* Cost of the bead of German sentences i-a..i-1, English j-b..j-1 (type
 * T): Gale-Church length cost, the type's prior, a bonus for the share of
 * words matched, and the paragraph anchors. */
static double bead_cost(const ctx_t *c, size_t i, size_t j, int t)
{
	int a = beads[t].a, b = beads[t].b;
	double l1 = 0, l2 = 0, sim = 0, cost;
	size_t m = 0, ta = 0, tb = 0;

	for (int k = 1; k <= a; k++) {
		l1 += (double)c->de[i - k].chars;
		ta += c->de[i - k].ntok;
	}
	for (int k = 1; k <= b; k++) {
		l2 += (double)c->en[j - k].chars;
		tb += c->en[j - k].ntok;
	}
	if (a && b) {
		for (int x = 1; x <= a; x++)
			for (int y = 1; y <= b; y++)
				m += m11(c, i - x, j - y);
		if (m > tb)
			m = tb;
		sim = ta + tb ? 2.0 * (double)m / (double)(ta + tb) : 0;
		cost = length_cost(c->lcost, c->ratio, l1, l2) + beads[t].prior - LEX_WEIGHT * sim;
		if (c->lexical && (a > 1 || b > 1))
			cost += orphans(c, i, j, a, b);
	} else {
		cost = beads[t].prior;
	}
	return c->paras ? cost + para_cost(c, i, j, a, b) : cost;
}

#define BAND 50                 /* English cells either side of the path */
#define MAX_PASSES 3

/* Lay the band out around CENTRE (an English position per German row):
 * each row spans from the centre at the row before to the one after,
 * widened by BAND, so consecutive rows always overlap. */
static size_t lay_band(ctx_t *c, const double *centre)
{
	size_t cells = 0;

	for (size_t i = 0; i <= c->nde; i++) {
		double from = centre[i ? i - 1 : 0], to = centre[i < c->nde ? i + 1 : c->nde];
		if (centre[i] < from)
			from = centre[i];
		if (centre[i] > to)
			to = centre[i];
		c->lo[i] = from > BAND ? (size_t)(from - BAND) : 0;
		c->hi[i] = to + BAND < (double)c->nen ? (size_t)(to + BAND) : c->nen;
		c->row[i] = cells;
		cells += c->hi[i] - c->lo[i] + 1;
	}
	c->row[c->nde + 1] = cells;
	return cells;
}

/* One dynamic programme within the current band; the path's beads go to
 * *RES.  *NEAR_EDGE: the path came close to the band's edge away from the
 * document's ends, so a band around the path may find a better one. */
static int run_band(ctx_t *c, size_t cells, tmk_bead **res, size_t *nres, int *near_edge)
{
	float *D = malloc(cells * sizeof(float));
	unsigned char *B = malloc(cells);
	size_t cap = 64, i = c->nde, j = c->nen;
	int rc = 0;

	*res = NULL;
	*nres = 0;
	*near_edge = 0;
	free(c->m);
	c->m = calloc(cells, sizeof(uint16_t));
	if (!D || !B || !c->m) {
		rc = tmk_error_oom();
		goto done;
	}
	/* 1-1 match counts, a row at a time: each German key marks the English
	 * tokens holding it in the row's band cells (a bit per token; the first
	 * 64 tokens of a sentence count) */
	{
		uint64_t *mask = NULL;
		size_t maskcap = 0;
		for (size_t r = 0; r < c->nde; r++) {
			const sent_info *d = &c->de[r];
			size_t width = c->hi[r] - c->lo[r] + 1;
			uint32_t from = (uint32_t)c->lo[r] << TOK_BITS;
			if (width > maskcap) {
				uint64_t *nm = realloc(mask, width * sizeof(*mask));
				if (!nm) {
					free(mask);
					rc = tmk_error_oom();
					goto done;
				}
				mask = nm;
				maskcap = width;
			}
			memset(mask, 0, width * sizeof(*mask));
			for (size_t k = 0; k < d->nruns; k++) {
				const run_t *ru = &c->ix->run[d->runs[k]];
				const uint32_t *post = c->ix->post;
				size_t lo = ru->start, hi = ru->end;
				while (lo < hi) {               /* first token in the band */
					size_t mid = lo + (hi - lo) / 2;
					if (post[mid] < from)
						lo = mid + 1;
					else
						hi = mid;
				}
				for (; lo < ru->end && (post[lo] >> TOK_BITS) <= c->hi[r]; lo++)
					mask[(post[lo] >> TOK_BITS) - c->lo[r]] |=
						1ULL << (post[lo] & ((1u << TOK_BITS) - 1));
			}
			for (size_t q = 0; q < width; q++)
				c->m[c->row[r] + q] = (uint16_t)__builtin_popcountll(mask[q]);
		}
		free(mask);
	}
	/* D[i][j]: the cheapest alignment of the first i German and j English
	 * sentences; B: the bead type that ends it */
	for (size_t r = 0; r <= c->nde; r++)
		for (size_t q = c->lo[r]; q <= c->hi[r]; q++) {
			double best = r == 0 && q == 0 ? 0 : INFINITY;
			int bt = -1;
			for (int t = 0; t < (int)NBEADS && (r || q); t++) {
				size_t a = (size_t)beads[t].a, b = (size_t)beads[t].b;
				if (a > r || b > q || q - b < c->lo[r - a] || q - b > c->hi[r - a])
					continue;
				double prev = D[c->row[r - a] + (q - b) - c->lo[r - a]];
				if (isinf(prev))
					continue;
				double cost = prev + bead_cost(c, r, q, t);
				if (cost < best) {
					best = cost;
					bt = t;
				}
			}
			D[c->row[r] + q - c->lo[r]] = (float)best;
			B[c->row[r] + q - c->lo[r]] = (unsigned char)(bt < 0 ? 255 : bt);
		}
	if (isinf(D[c->row[c->nde] + c->nen - c->lo[c->nde]])) {
		rc = tmk_error_set(TMK_ERROR, "no alignment found within the band");
		goto done;
	}
	*res = malloc(cap * sizeof(**res));
	if (!*res) {
		rc = tmk_error_oom();
		goto done;
	}
	while (i || j) {
		int t = B[c->row[i] + j - c->lo[i]];
		if ((j > 0 && j < c->nen && j - c->lo[i] < BAND / 3 && c->lo[i] > 0) ||
		    (j < c->nen && c->hi[i] - j < BAND / 3 && c->hi[i] < c->nen))
			*near_edge = 1;
		if (*nres == cap) {
			tmk_bead *nr = realloc(*res, (cap *= 2) * sizeof(**res));
			if (!nr) {
				rc = tmk_error_oom();
				goto done;
			}
			*res = nr;
		}
		(*res)[*nres].nde = (size_t)beads[t].a;
		(*res)[*nres].nen = (size_t)beads[t].b;
		(*res)[*nres].de = i - (size_t)beads[t].a;
		(*res)[*nres].en = j - (size_t)beads[t].b;
		(*res)[*nres].score = 0;        /* posteriors() tells */
		(*nres)++;
		i -= (size_t)beads[t].a;
		j -= (size_t)beads[t].b;
	}
	for (size_t k = 0; k < *nres / 2; k++) {
		tmk_bead x = (*res)[k];
		(*res)[k] = (*res)[*nres - 1 - k];
		(*res)[*nres - 1 - k] = x;
	}
done:
	if (rc < 0) {
		free(*res);
		*res = NULL;
		*nres = 0;
	}
	free(D);
	free(B);
	return rc;
}

/* Mark where paragraphs start on both sides; which anchors to use: none
 * when a side has a single paragraph; crossings only when the counts
 * differ by more than a quarter (the translation regrouped them); else
 * edges too. */
static int mark_paragraphs(sent_info *sd, const tmk_align_sent *de, size_t nde,
			   sent_info *se, const tmk_align_sent *en, size_t nen)
{
	size_t pd = 0, pe = 0;

	for (size_t i = 1; i < nde; i++)
		pd += (sd[i].pstart = de[i].paragraph != de[i - 1].paragraph);
	for (size_t j = 1; j < nen; j++)
		pe += (se[j].pstart = en[j].paragraph != en[j - 1].paragraph);
	if (pd == 0 || pe == 0)         /* boundaries, not counting the first paragraph */
		return 0;
	return 4 * pd > 5 * pe || 4 * pe > 5 * pd ? 1 : 2;
}

/* Characters of the translation per character of the original, from
 * the two texts themselves: it differs by language pair (French runs
 * longer than English) and by translator.  Short texts say little, so
 * the estimate is drawn towards LEN_RATIO; it is kept within reason. */
static double length_ratio(const sent_info *sd, size_t nde, const sent_info *se, size_t nen)
{
	double l1 = 0, l2 = 0, r;

	for (size_t i = 0; i < nde; i++)
		l1 += sd[i].chars;
	for (size_t j = 0; j < nen; j++)
		l2 += se[j].chars;
	r = (l2 + RATIO_PRIOR * LEN_RATIO) / (l1 + RATIO_PRIOR);
	return r < 0.6 ? 0.6 : r > 1.6 ? 1.6 : r;
}

/* The bead type with A German and B English sentences. */
static int bead_type(size_t a, size_t b)
{
	for (int t = 0; t < (int)NBEADS; t++)
		if ((size_t)beads[t].a == a && (size_t)beads[t].b == b)
			return t;
	return -1;
}

/* -TEMP log of the sum of exp(-x/TEMP) over X[0..N): the cost of "any of
 * these ways", dominated by the cheapest. */
static double soft_min(const double *x, int n)
{
	double m = INFINITY, s = 0;

	for (int k = 0; k < n; k++)
		if (x[k] < m)
			m = x[k];
	if (isinf(m))
		return m;
	for (int k = 0; k < n; k++)
		s += exp(-(x[k] - m) / TEMP);
	return m - TEMP * log(s);
}

/* Each bead's score: its posterior probability over every alignment the
 * band holds, each weighted by exp(-cost/TEMP) (forward-backward).  A
 * bead scores low when another way of pairing those sentences costs
 * nearly as little, whatever its own evidence, so a confident pair of
 * short sentences with few shared words is not flagged, and a plausible
 * pair with a close rival is.  Sums are kept per row relative to the
 * row's cheapest cell (OFF), so single precision suffices for long texts. */
static int posteriors(const ctx_t *c, tmk_bead *res, size_t nres)
{
	size_t cells = c->row[c->nde + 1], maxw = 0;
	float *F = malloc(cells * sizeof(float)), *G = malloc(cells * sizeof(float));
	double *foff = calloc(c->nde + 1, sizeof(double)), *goff = calloc(c->nde + 1, sizeof(double));
	double *v = NULL, x[NBEADS], z;
	int rc = 0;

	for (size_t r = 0; r <= c->nde; r++)
		if (c->hi[r] - c->lo[r] + 1 > maxw)
			maxw = c->hi[r] - c->lo[r] + 1;
	v = malloc(maxw * sizeof(double));
	if (!F || !G || !foff || !goff || !v) {
		rc = tmk_error_oom();
		goto done;
	}
	/* F: every way to the cell from the start */
	for (size_t r = 0; r <= c->nde; r++) {
		double m = INFINITY;
		for (size_t q = c->lo[r]; q <= c->hi[r]; q++) {
			int nx = 0;
			for (int t = 0; t < (int)NBEADS && (r || q); t++) {
				size_t a = (size_t)beads[t].a, b = (size_t)beads[t].b;
				if (a > r || b > q || q - b < c->lo[r - a] || q - b > c->hi[r - a])
					continue;
				x[nx++] = (a ? F[c->row[r - a] + (q - b) - c->lo[r - a]] + foff[r - a]
					     : v[q - b - c->lo[r]]) +      /* this row: not stored yet */
					  bead_cost(c, r, q, t);
			}
			v[q - c->lo[r]] = r || q ? soft_min(x, nx) : 0;
			if (v[q - c->lo[r]] < m)
				m = v[q - c->lo[r]];
		}
		foff[r] = isinf(m) ? 0 : m;
		for (size_t q = c->lo[r]; q <= c->hi[r]; q++)
			F[c->row[r] + q - c->lo[r]] = (float)(v[q - c->lo[r]] - foff[r]);
	}
	/* G: every way from the cell to the end */
	for (size_t r = c->nde + 1; r-- > 0;) {
		double m = INFINITY;
		for (size_t q = c->hi[r] + 1; q-- > c->lo[r];) {
			int nx = 0;
			for (int t = 0; t < (int)NBEADS && (r < c->nde || q < c->nen); t++) {
				size_t a = (size_t)beads[t].a, b = (size_t)beads[t].b;
				if (r + a > c->nde || q + b < c->lo[r + a] || q + b > c->hi[r + a])
					continue;
				x[nx++] = (a ? G[c->row[r + a] + (q + b) - c->lo[r + a]] + goff[r + a]
					     : v[q + b - c->lo[r]]) +
					  bead_cost(c, r + a, q + b, t);
			}
			v[q - c->lo[r]] = r < c->nde || q < c->nen ? soft_min(x, nx) : 0;
			if (v[q - c->lo[r]] < m)
				m = v[q - c->lo[r]];
		}
		goff[r] = isinf(m) ? 0 : m;
		for (size_t q = c->lo[r]; q <= c->hi[r]; q++)
			G[c->row[r] + q - c->lo[r]] = (float)(v[q - c->lo[r]] - goff[r]);
	}
	z = F[c->row[c->nde] + c->nen - c->lo[c->nde]] + foff[c->nde];
	for (size_t k = 0; k < nres; k++) {
		const tmk_bead *b = &res[k];
		size_t i0 = b->de, j0 = b->en, i1 = b->de + b->nde, j1 = b->en + b->nen;
		int t = bead_type(b->nde, b->nen);
		double through = F[c->row[i0] + j0 - c->lo[i0]] + foff[i0] +
				 bead_cost(c, i1, j1, t) +
				 G[c->row[i1] + j1 - c->lo[i1]] + goff[i1];
		double p = exp(-(through - z) / TEMP);
		res[k].score = p < 0 ? 0 : p > 1 ? 1 : p;
	}
done:
	free(F);
	free(G);
	free(foff);
	free(goff);
	free(v);
	return rc;
}

int tmk_align(tmk_bead **out, size_t *n, const tmk_align_sent *de, size_t nde,
	      const tmk_align_sent *en, size_t nen, const tmk_align_opts *o)
{
	sent_info *sd = calloc(nde + 1, sizeof(*sd)), *se = calloc(nen + 1, sizeof(*se));
	ctx_t c = { sd, se, nde, nen, NULL, NULL, NULL, NULL, NULL, { 0 }, 0, o->lex != NULL, LEN_RATIO };
	en_index ix = { 0 };
	double *centre = calloc(nde + 1, sizeof(double));
	tmk_bead *res = NULL;
	size_t nres = 0;
	int rc = 0, near_edge = 1;
	scratch sc = { 0 };
	vec postings = { 0 };
	uint32_t *stamp = NULL;

	*out = NULL;
	*n = 0;
	if (nde >= MAX_SENTENCES || nen >= MAX_SENTENCES)
		return tmk_error_set(TMK_EINPUT, "too many sentences to align (at most %u a side)",
				     MAX_SENTENCES - 1);
	length_table(c.lcost);
	c.lo = calloc(nde + 1, sizeof(size_t));
	c.hi = calloc(nde + 1, sizeof(size_t));
	c.row = calloc(nde + 2, sizeof(size_t));
	if (!sd || !se || !c.lo || !c.hi || !c.row || !centre) {
		rc = tmk_error_oom();
		goto done;
	}
	/* English first: German keys are kept only when the index has them */
	for (size_t j = 0; j < nen && rc == 0; j++)
		rc = analyse(&se[j], &sc, &en[j], 0, o->lex, o->glossary, (uint32_t)j, &postings);
	if (rc < 0 || (rc = index_english(&ix, &postings)) < 0)
		goto done;
	if (!(stamp = calloc(ix.nrun + 1, sizeof(*stamp)))) {
		rc = tmk_error_oom();
		goto done;
	}
	for (size_t i = 0; i < nde && rc == 0; i++)
		if ((rc = analyse(&sd[i], &sc, &de[i], 1, o->lex, o->glossary, 0, NULL)) == 0)
			rc = keep_runs(&sd[i], &sc, &ix, stamp, (uint32_t)i);
	if (rc < 0)
		goto done;
	c.ix = &ix;
	c.paras = mark_paragraphs(sd, de, nde, se, en, nen);
	c.ratio = length_ratio(sd, nde, se, nen);

	/* first around the diagonal, then around the path found, while the
	 * path runs along the band's edge */
	for (size_t i = 0; i <= nde; i++)
		centre[i] = nde ? (double)i * (double)nen / (double)nde : 0;
	for (int pass = 0; pass < MAX_PASSES && near_edge; pass++) {
		tmk_bead *r;
		size_t nr;
		if ((rc = run_band(&c, lay_band(&c, centre), &r, &nr, &near_edge)) < 0)
			goto done;
		free(res);
		res = r;
		nres = nr;
		for (size_t k = 0; k < nres; k++)       /* the path as the next centre */
			for (size_t i = res[k].de; i <= res[k].de + res[k].nde && i <= nde; i++)
				centre[i] = (double)res[k].en +
					    (res[k].nde ? (double)res[k].nen * (double)(i - res[k].de) /
							  (double)res[k].nde : 0);
	}
	if ((rc = posteriors(&c, res, nres)) < 0)
		goto done;
	*out = res;
	*n = nres;
	res = NULL;
done:
	free(res);
	free(centre);
	free(stamp);
	free(postings.v);
	scratch_free(&sc);
	free(ix.post);
	free(ix.run);
	free(ix.slot);
	for (size_t i = 0; sd && i < nde; i++)
		free(sd[i].runs);
	free(sd);
	free(se);
	free(c.m);
	free(c.lo);
	free(c.hi);
	free(c.row);
	return rc;
}
