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
#define LEX_WEIGHT 9.0
#define MAX_TRANSLATIONS 128    /* per German word */

/* Evidence keys are 32-bit fingerprints of 64-bit hashes: set membership
 * over a sentence's thousand-odd keys stays practically free of false
 * matches, at half the memory (which long texts need). */
typedef uint32_t key_t32;

typedef struct {
	size_t chars;
	key_t32 *keys;          /* German: sorted evidence keys; English: per token */
	size_t nkeys;
	size_t ntok;            /* content tokens */
	size_t *tok_first;      /* English: where token t's keys start in keys */
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
	for (int i = 0; stop[i]; i++)
		if (strlen(stop[i]) == n && !memcmp(stop[i], w, n))
			return 1;
	return 0;
}

static int push(key_t32 **v, size_t *n, size_t *cap, key_t32 k)
{
	if (*n == *cap) {
		size_t c = *cap ? *cap * 2 : 32;
		key_t32 *nv = realloc(*v, c * sizeof(**v));
		if (!nv)
			return tmk_error_oom();
		*v = nv;
		*cap = c;
	}
	(*v)[(*n)++] = k;
	return 0;
}

static int cmp_key(const void *a, const void *b)
{
	key_t32 x = *(const key_t32 *)a, y = *(const key_t32 *)b;
	return x < y ? -1 : x > y;
}

/* The translations of German word W (matching form) into V; compounds
 * are split when the whole word is unknown: the longest known head, and
 * the modifier before it when that is known too. */
static int add_translations(const tmk_lexicon *lx, const char *w, size_t n,
			    key_t32 **v, size_t *nv, size_t *cap)
{
	const uint64_t *t;
	size_t k = tmk_lexicon_lookup(lx, tmk_lexicon_key_norm("de", w, n), &t);
	int rc = 0;

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
					rc = push(v, nv, cap, tag(m[i], K_LEX));
			}
		}
	}
	for (size_t i = 0; i < k && i < MAX_TRANSLATIONS && rc == 0; i++)
		rc = push(v, nv, cap, tag(t[i], K_LEX));
	return rc;
}

/* Evidence keys of one token (matching form W): number, word, prefix. */
static int token_keys(const char *w, size_t n, key_t32 **v, size_t *nv, size_t *cap)
{
	char digits[64];
	size_t nd = 0;
	int rc = 0;

	for (size_t i = 0; i < n && nd < sizeof(digits); i++)
		if (w[i] >= '0' && w[i] <= '9')
			digits[nd++] = w[i];
	if (nd)
		return push(v, nv, cap, tag(tmk_hash(TMK_HASH_SEED, digits, nd), K_NUM));
	rc = push(v, nv, cap, tag(tmk_hash(TMK_HASH_SEED, w, n), K_WORD));
	if (rc == 0 && tmk_utf8_count(w, n) >= 6) {
		size_t p = 0;
		for (int c = 0; c < 5; c++)
			tmk_utf8_next(w, n, &p);
		rc = push(v, nv, cap, tag(tmk_hash(TMK_HASH_SEED, w, p), K_PREFIX));
	}
	return rc;
}

/* Length and keys of one sentence.  German: one sorted set of every key
 * its words give; English: each content token's keys, in token order. */
static int analyse(sent_info *si, const tmk_align_sent *s, int german, const tmk_lexicon *lx)
{
	tmk_token *t = NULL;
	size_t nt = 0, cap = 0, tcap = 0;
	tmk_buf w = TMK_BUF_INIT;
	int rc;

	memset(si, 0, sizeof(*si));
	si->chars = tmk_utf8_count(s->text, s->len);
	if ((rc = tmk_tokenize(&t, &nt, s->text, s->len)) < 0)
		return rc;
	for (size_t i = 0; i < nt && rc == 0; i++) {
		if (!t[i].word)
			continue;
		tmk_buf_clear(&w);
		if ((rc = tmk_norm_match(&w, s->text + t[i].start, t[i].end - t[i].start)) < 0)
			break;
		if (is_stop(w.ptr, w.len))
			continue;
		si->ntok++;
		if (!german) {
			if (si->ntok > tcap) {
				size_t *nf = realloc(si->tok_first, (tcap = tcap ? tcap * 2 : 32) * sizeof(size_t));
				if (!nf) {
					rc = tmk_error_oom();
					break;
				}
				si->tok_first = nf;
			}
			si->tok_first[si->ntok - 1] = si->nkeys;
		}
		rc = token_keys(w.ptr, w.len, &si->keys, &si->nkeys, &cap);
		if (rc == 0 && lx) {
			if (german)
				rc = add_translations(lx, w.ptr, w.len, &si->keys, &si->nkeys, &cap);
			else
				rc = push(&si->keys, &si->nkeys, &cap,
					  tag(tmk_lexicon_key_norm("en", w.ptr, w.len), K_LEX));
		}
	}
	if (rc == 0 && !german) {
		size_t *nf = realloc(si->tok_first, (si->ntok + 1) * sizeof(size_t));
		if (!nf)
			rc = tmk_error_oom();
		else {
			si->tok_first = nf;
			si->tok_first[si->ntok] = si->nkeys;
		}
	}
	if (rc == 0 && german && si->nkeys > 1) {
		size_t u = 1;
		key_t32 *shrunk;
		qsort(si->keys, si->nkeys, sizeof(*si->keys), cmp_key);
		for (size_t r = 1; r < si->nkeys; r++)          /* unique */
			if (si->keys[r] != si->keys[u - 1])
				si->keys[u++] = si->keys[r];
		si->nkeys = u;
		shrunk = realloc(si->keys, u * sizeof(*si->keys));
		if (shrunk)
			si->keys = shrunk;
	}
	free(t);
	tmk_buf_release(&w);
	return rc;
}

/* -log of the probability that lengths L1 (German) and L2 (English)
 * translate each other (Gale and Church 1993). */
static double length_cost(double l1, double l2)
{
	double mean = (l1 + l2 / LEN_RATIO) / 2, z, p;

	if (mean <= 0)
		return 0;
	z = (LEN_RATIO * l1 - l2) / sqrtf((float)(LEN_VAR * mean));
	p = erfcf((float)(fabs(z) * 0.70710678));      /* single precision: hot */
	return -logf((float)(p > 1e-12 ? p : 1e-12));
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

/* English keys indexed: key -> the (sentence, token) pairs holding it,
 * sorted by key then sentence; an open-addressing table finds a key's run.
 * Counting 1-1 matches row by row through it costs one probe per German
 * key, where testing every English token against every German sentence
 * in the band cost a search per token and cell. */
typedef struct {
	key_t32 key;
	uint32_t sent;          /* English sentence */
	uint32_t tok;           /* token within it */
} posting;

typedef struct {
	posting *p;
	size_t n;
	uint32_t *slot;         /* table of run starts + 1 (0: empty), by key */
	size_t nslot;           /* a power of two */
} en_index;

static int cmp_posting(const void *a, const void *b)
{
	const posting *x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	if (x->sent != y->sent)
		return x->sent < y->sent ? -1 : 1;
	return x->tok < y->tok ? -1 : x->tok > y->tok;
}

static size_t slot_of(const en_index *ix, key_t32 k)
{
	return (size_t)(k * 2654435761u) & (ix->nslot - 1);
}

static int index_english(en_index *ix, const sent_info *en, size_t nen)
{
	size_t total = 0, w = 0;

	memset(ix, 0, sizeof(*ix));
	for (size_t j = 0; j < nen; j++)
		total += en[j].nkeys;
	ix->p = malloc((total ? total : 1) * sizeof(*ix->p));
	if (!ix->p)
		return tmk_error_oom();
	for (size_t j = 0; j < nen; j++)
		for (size_t t = 0; t < en[j].ntok; t++)
			for (size_t k = en[j].tok_first[t]; k < en[j].tok_first[t + 1]; k++)
				ix->p[w++] = (posting){ en[j].keys[k], (uint32_t)j, (uint32_t)t };
	ix->n = w;
	qsort(ix->p, ix->n, sizeof(*ix->p), cmp_posting);
	for (ix->nslot = 64; ix->nslot < ix->n * 2; ix->nslot *= 2)
		;
	ix->slot = calloc(ix->nslot, sizeof(*ix->slot));
	if (!ix->slot)
		return tmk_error_oom();
	for (size_t i = 0; i < ix->n; i++) {
		size_t sl;
		if (i && ix->p[i].key == ix->p[i - 1].key)
			continue;
		for (sl = slot_of(ix, ix->p[i].key); ix->slot[sl]; sl = (sl + 1) & (ix->nslot - 1))
			;
		ix->slot[sl] = (uint32_t)i + 1;
	}
	return 0;
}

/* The first posting of key K, or ix->n when no English token has it. */
static size_t find_run(const en_index *ix, key_t32 k)
{
	for (size_t sl = slot_of(ix, k); ix->slot[sl]; sl = (sl + 1) & (ix->nslot - 1))
		if (ix->p[ix->slot[sl] - 1].key == k)
			return ix->slot[sl] - 1;
	return ix->n;
}

typedef struct {
	const sent_info *de, *en;
	size_t nde, nen;
	const en_index *ix;
	uint16_t *m;            /* 1-1 match counts, band-indexed */
	size_t *lo, *hi;        /* per German index i: English cells lo..hi */
	size_t *row;            /* offset of row i in the band arrays */
} ctx_t;

static size_t m11(const ctx_t *c, size_t i, size_t j)
{
	if (j < c->lo[i] || j > c->hi[i])
		return 0;
	return c->m[c->row[i] + (j - c->lo[i])];
}

/* Cost and score of the bead of German sentences i-a..i-1, English j-b..j-1. */
static double bead_cost(const ctx_t *c, size_t i, size_t j, int t, double *score)
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
		cost = length_cost(l1, l2) + beads[t].prior - LEX_WEIGHT * sim;
	} else {
		cost = beads[t].prior;
	}
	*score = a && b ? (sim < 1 ? sim : 1) : 0;     /* not yet calibrated */
	return cost;
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
			for (size_t k = 0; k < d->nkeys; k++) {
				size_t p = find_run(c->ix, d->keys[k]);
				size_t lo = p, hi;
				if (p == c->ix->n)
					continue;
				for (hi = p; hi < c->ix->n && c->ix->p[hi].key == d->keys[k]; hi++)
					;
				while (lo < hi) {               /* first posting in the band */
					size_t mid = lo + (hi - lo) / 2;
					if (c->ix->p[mid].sent < c->lo[r])
						lo = mid + 1;
					else
						hi = mid;
				}
				for (; lo < c->ix->n && c->ix->p[lo].key == d->keys[k] &&
				       c->ix->p[lo].sent <= c->hi[r]; lo++)
					if (c->ix->p[lo].tok < 64)
						mask[c->ix->p[lo].sent - c->lo[r]] |= 1ULL << c->ix->p[lo].tok;
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
			double best = r == 0 && q == 0 ? 0 : INFINITY, score;
			int bt = -1;
			for (int t = 0; t < (int)NBEADS && (r || q); t++) {
				size_t a = (size_t)beads[t].a, b = (size_t)beads[t].b;
				if (a > r || b > q || q - b < c->lo[r - a] || q - b > c->hi[r - a])
					continue;
				double prev = D[c->row[r - a] + (q - b) - c->lo[r - a]];
				if (isinf(prev))
					continue;
				double cost = prev + bead_cost(c, r, q, t, &score);
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
		double score;
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
		bead_cost(c, i, j, t, &score);
		(*res)[*nres].nde = (size_t)beads[t].a;
		(*res)[*nres].nen = (size_t)beads[t].b;
		(*res)[*nres].de = i - (size_t)beads[t].a;
		(*res)[*nres].en = j - (size_t)beads[t].b;
		(*res)[*nres].score = score;
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

int tmk_align(tmk_bead **out, size_t *n, const tmk_align_sent *de, size_t nde,
	      const tmk_align_sent *en, size_t nen, const tmk_align_opts *o)
{
	sent_info *sd = calloc(nde + 1, sizeof(*sd)), *se = calloc(nen + 1, sizeof(*se));
	ctx_t c = { sd, se, nde, nen, NULL, NULL, NULL, NULL, NULL };
	en_index ix = { 0 };
	double *centre = calloc(nde + 1, sizeof(double));
	tmk_bead *res = NULL;
	size_t nres = 0;
	int rc = 0, near_edge = 1;

	*out = NULL;
	*n = 0;
	c.lo = calloc(nde + 1, sizeof(size_t));
	c.hi = calloc(nde + 1, sizeof(size_t));
	c.row = calloc(nde + 2, sizeof(size_t));
	if (!sd || !se || !c.lo || !c.hi || !c.row || !centre) {
		rc = tmk_error_oom();
		goto done;
	}
	for (size_t i = 0; i < nde && rc == 0; i++)
		rc = analyse(&sd[i], &de[i], 1, o->lex);
	for (size_t j = 0; j < nen && rc == 0; j++)
		rc = analyse(&se[j], &en[j], 0, o->lex);
	if (rc < 0 || (rc = index_english(&ix, se, nen)) < 0)
		goto done;
	c.ix = &ix;

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
	*out = res;
	*n = nres;
	res = NULL;
done:
	free(res);
	free(centre);
	free(ix.p);
	free(ix.slot);
	for (size_t i = 0; sd && i < nde; i++)
		free(sd[i].keys);
	for (size_t j = 0; se && j < nen; j++) {
		free(se[j].keys);
		free(se[j].tok_first);
	}
	free(sd);
	free(se);
	free(c.m);
	free(c.lo);
	free(c.hi);
	free(c.row);
	return rc;
}
