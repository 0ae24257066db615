/*
 * lexicon.c - compiling the Ding dictionary into word-key pairs; see
 * lexicon.h.
 *
 * A Ding line is "German :: English"; each side has senses separated by
 * " | " (the k-th German sense translates the k-th English one), each
 * sense synonyms separated by "; ".  Annotations ({m}, [ugs.], (...),
 * <...>) and valency words (etw., jdm., to) are dropped.  Then per sense
 * pair: one German word against every English content word (compounds:
 * Verfassungsschutz - office, protection, constitution), every German
 * content word against one English word, or, with equal word counts, word
 * by word (Islamischer Staat - Islamic State).  Longer phrases of unequal
 * length are left out: they would pair every word with every other.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic.h"
#include "buf.h"
#include "concord.h"
#include "error.h"
#include "lexicon.h"
#include "text.h"
#include "textnorm.h"
#include "utf8.h"

typedef struct {
	uint64_t de, en;
} pair_t;

/* German keys are bucketed by their top bits. */
#define BUCKET_BITS 16
#define BUCKET_SLOTS ((1u << BUCKET_BITS) + 1)

struct tmk_lexicon {
	pair_t *p;              /* while compiling: sorted by (de, en), unique */
	size_t n, cap;
	const uint64_t *de, *en;        /* the keys, struct of arrays, de sorted */
	const uint32_t *bucket; /* bucket[b]: the first de key whose top bits are >= b */
	uint64_t *own;          /* de and en when compiled here (else mapped) */
	uint32_t *own_bucket;
	void *map;              /* the mapped cache file */
	size_t maplen;
};

void tmk_lexicon_free(tmk_lexicon *lx)
{
	if (!lx)
		return;
	free(lx->p);
	free(lx->own);
	free(lx->own_bucket);
	if (lx->map)
		munmap(lx->map, lx->maplen);
	free(lx);
}

size_t tmk_lexicon_size(const tmk_lexicon *lx)
{
	return lx->n;
}

uint64_t tmk_lexicon_key_norm(const char *lang, const char *norm, size_t len)
{
	return tmk_hash(TMK_HASH_SEED, norm, tmk_stem_len(lang, norm, len));
}

uint64_t tmk_lexicon_key(const char *lang, const char *word, size_t len)
{
	tmk_buf norm = TMK_BUF_INIT;
	uint64_t h;

	tmk_norm_match(&norm, word, len);
	h = tmk_lexicon_key_norm(lang, norm.ptr ? norm.ptr : "", norm.len);
	tmk_buf_release(&norm);
	return h;
}

/* Words that carry no translation (German and English function words and
 * Ding's valency placeholders). */
static int is_stopword(const char *w, size_t n)
{
	static const char *const stop[] = {
		"der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer",
		"eines", "und", "oder", "von", "zu", "zum", "zur", "mit", "in", "im", "an", "am",
		"auf", "für", "aus", "bei", "sich", "etw", "jdn", "jdm", "jds", "etwas", "jemand",
		"the", "a", "an", "of", "to", "and", "or", "in", "on", "at", "for", "with", "by",
		"from", "sth", "sb", "one's", "oneself", "be", NULL
	};
	for (int i = 0; stop[i]; i++)
		if (strlen(stop[i]) == n && !memcmp(stop[i], w, n))
			return 1;
	return 0;
}

/* Content words of one synonym, with annotations dropped: their keys. */
static size_t content_keys(const char *lang, const char *s, size_t len, uint64_t *keys, size_t max)
{
	size_t i = 0, n = 0;
	int depth = 0;
	char close = 0;

	while (i < len && n < max) {
		size_t k = i, b;
		int32_t c = tmk_utf8_next(s, len, &k);

		if (depth) {            /* inside {..} [..] (..) <..> */
			if (c == close)
				depth = 0;
			i = k;
			continue;
		}
		if (c == '{' || c == '[' || c == '(' || c == '<') {
			depth = 1;
			close = c == '{' ? '}' : c == '[' ? ']' : c == '(' ? ')' : '>';
			i = k;
			continue;
		}
		if (!tmk_is_space(c) && c != '/' && c != ',' && c != '.' && c != '"' && c != '!' &&
		    c != '?' && c != ':') {
			b = i;
			while (k < len) {
				size_t k2 = k;
				int32_t d = tmk_utf8_next(s, len, &k2);
				if (tmk_is_space(d) || d == '{' || d == '[' || d == '(' || d == '<' ||
				    d == '/' || d == ',' || d == '"' || d == '!' || d == '?' || d == ':')
					break;
				k = k2;
			}
			/* a trailing full stop (abbreviation) is not part of the key */
			size_t e = k;
			while (e > b && s[e - 1] == '.')
				e--;
			if (e > b) {
				tmk_buf low = TMK_BUF_INIT;
				tmk_norm_match(&low, s + b, e - b);
				if (low.len && !is_stopword(low.ptr, low.len))
					keys[n++] = tmk_lexicon_key(lang, s + b, e - b);
				tmk_buf_release(&low);
			}
		}
		i = k;
	}
	return n;
}

static int add_pair(tmk_lexicon *lx, uint64_t de, uint64_t en)
{
	if (lx->n == lx->cap) {
		size_t cap = lx->cap ? lx->cap * 2 : 1 << 16;
		pair_t *p = realloc(lx->p, cap * sizeof(*p));
		if (!p)
			return tmk_error_oom();
		lx->p = p;
		lx->cap = cap;
	}
	lx->p[lx->n].de = de;
	lx->p[lx->n].en = en;   /* sorted and moved to lx->de/en when done */
	lx->n++;
	return 0;
}

size_t tmk_ding_split(const char *s, size_t len, const char *sep, const char **piece, size_t *plen, int nested,
		      size_t max)
{
	size_t n = 0, seplen = strlen(sep), b = 0;
	int depth = 0;

	for (size_t i = 0; i + seplen <= len && n + 1 < max; i++) {
		if (nested && (s[i] == '{' || s[i] == '[' || s[i] == '(' || s[i] == '<'))
			depth++;
		else if (nested && (s[i] == '}' || s[i] == ']' || s[i] == ')' || s[i] == '>') && depth > 0)
			depth--;
		if (!depth && !memcmp(s + i, sep, seplen)) {
			piece[n] = s + b;
			plen[n++] = i - b;
			b = i + seplen;
			i += seplen - 1;
		}
	}
	piece[n] = s + b;
	plen[n++] = len - b;
	return n;
}

/* One sense pair: German synonyms DE against English synonyms EN. */
static int add_sense(tmk_lexicon *lx, const char *de, size_t dl, const char *en, size_t el)
{
	const char *ds[32], *es[32];
	size_t dls[32], els[32];
	size_t nd = tmk_ding_split(de, dl, "; ", ds, dls, 0, 32), ne = tmk_ding_split(en, el, "; ", es, els, 0, 32);
	int rc;

	for (size_t a = 0; a < nd; a++) {
		uint64_t dk[8], ek[8];
		size_t ndk = content_keys("de", ds[a], dls[a], dk, 8);
		if (!ndk || ndk > 6)
			continue;
		for (size_t b = 0; b < ne; b++) {
			size_t nek = content_keys("en", es[b], els[b], ek, 8);
			if (!nek || nek > 6)
				continue;
			if (ndk == 1 || nek == 1) {
				for (size_t i = 0; i < ndk; i++)
					for (size_t j = 0; j < nek; j++)
						if ((rc = add_pair(lx, dk[i], ek[j])) < 0)
							return rc;
			} else if (ndk == nek) {
				for (size_t i = 0; i < ndk; i++)
					if ((rc = add_pair(lx, dk[i], ek[i])) < 0)
						return rc;
			}
		}
	}
	return 0;
}

static int cmp_pair(const void *a, const void *b)
{
	const pair_t *x = a, *y = b;

	if (x->de != y->de)
		return x->de < y->de ? -1 : 1;
	return x->en < y->en ? -1 : x->en > y->en;
}

int tmk_lexicon_parse(tmk_lexicon **out, const char *name, const char *data, size_t len)
{
	tmk_lexicon *lx = calloc(1, sizeof(*lx));
	size_t pos = 0, line = 0;
	int rc = 0;

	*out = NULL;
	if (!lx)
		return tmk_error_oom();
	while (pos < len && rc == 0) {
		const char *nl = memchr(data + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - data) : len, bad;
		const char *l = data + pos, *sep;
		const char *dsn[64], *esn[64];
		size_t dsl[64], esl[64], nd, ne;

		line++;
		pos = end + 1;
		if (end - (size_t)(l - data) == 0 || l[0] == '#')
			continue;
		if (!tmk_utf8_valid(l, end - (size_t)(l - data), &bad)) {
			rc = tmk_error_set(TMK_EINPUT, "%s:%zu: invalid UTF-8", name, line);
			break;
		}
		sep = NULL;
		for (const char *p = l; p + 4 <= data + end; p++)
			if (!memcmp(p, " :: ", 4)) {
				sep = p;
				break;
			}
		if (!sep)
			continue;       /* not an entry line: tolerated, Ding has a few */
		nd = tmk_ding_split(l, (size_t)(sep - l), " | ", dsn, dsl, 0, 64);
		ne = tmk_ding_split(sep + 4, (size_t)(data + end - sep - 4), " | ", esn, esl, 0, 64);
		for (size_t k = 0; k < nd && k < ne && rc == 0; k++)
			rc = add_sense(lx, dsn[k], dsl[k], esn[k], esl[k]);
	}
	if (rc == 0 && lx->n == 0)
		rc = tmk_error_set(TMK_EINPUT, "%s: no dictionary entries (\"German :: English\" lines)", name);
	if (rc < 0) {
		tmk_lexicon_free(lx);
		return rc;
	}
	qsort(lx->p, lx->n, sizeof(*lx->p), cmp_pair);
	{
		size_t w = 0;
		for (size_t r = 0; r < lx->n; r++)
			if (!w || lx->p[r].de != lx->p[w - 1].de || lx->p[r].en != lx->p[w - 1].en)
				lx->p[w++] = lx->p[r];
		lx->n = w;
	}
	lx->own = malloc((lx->n ? lx->n : 1) * 2 * sizeof(*lx->own));
	if (!lx->own) {
		tmk_lexicon_free(lx);
		return tmk_error_oom();
	}
	for (size_t i = 0; i < lx->n; i++) {
		lx->own[i] = lx->p[i].de;
		lx->own[lx->n + i] = lx->p[i].en;
	}
	lx->de = lx->own;
	lx->en = lx->own + lx->n;
	if (!(lx->own_bucket = malloc(BUCKET_SLOTS * sizeof(uint32_t)))) {
		tmk_lexicon_free(lx);
		return tmk_error_oom();
	}
	for (size_t b = 0, i = 0; b < BUCKET_SLOTS; b++) {
		while (i < lx->n && (lx->de[i] >> (64 - BUCKET_BITS)) < b)
			i++;
		lx->own_bucket[b] = (uint32_t)i;
	}
	lx->bucket = lx->own_bucket;
	free(lx->p);
	lx->p = NULL;
	*out = lx;
	return 0;
}

int tmk_lexicon_load_ding(tmk_lexicon **out, const char *path)
{
	tmk_buf b = TMK_BUF_INIT;
	int rc;

	*out = NULL;
	rc = tmk_read_file(&b, path);
	if (rc == TMK_EIO) {
		char msg[768];
		snprintf(msg, sizeof(msg), "%s", tmk_error_last());
		rc = tmk_error_set(TMK_EIO, "Ding dictionary: %s (Debian package trans-de-en)", msg);
	}
	if (rc == 0)
		rc = tmk_lexicon_parse(out, path, b.ptr ? b.ptr : "", b.len);
	tmk_buf_release(&b);
	return rc;
}

/* A binary search within DE's bucket: a lookup touches a page or two of
 * a mapped lexicon, where a search over all of it touched twenty (the
 * page faults were a tenth of aligning a short article). */
size_t tmk_lexicon_lookup(const tmk_lexicon *lx, uint64_t de, const uint64_t **out)
{
	size_t top = (size_t)(de >> (64 - BUCKET_BITS));
	size_t lo = lx->bucket[top], hi = lx->bucket[top + 1], b;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (lx->de[mid] < de)
			lo = mid + 1;
		else
			hi = mid;
	}
	b = lo;
	hi = lo;
	while (hi < lx->n && lx->de[hi] == de)
		hi++;
	*out = lx->en + b;
	return hi - b;
}

/* ---- the compiled cache ---------------------------------------------------
 * Layout: header (magic, version, the Ding file's size and mtime, n), the
 * BUCKET_SLOTS bucket starts (uint32_t, padded to 8 bytes), then n German
 * keys (sorted), then n English keys; native byte order (a cache is per
 * machine). */

#define LEX_MAGIC 0x314558454B4D54ULL   /* "TMKEXL1" */
#define LEX_VERSION 2
#define BUCKET_BYTES ((BUCKET_SLOTS * sizeof(uint32_t) + 7) / 8 * 8)

typedef struct {
	uint64_t magic, version, src_size, src_mtime, n;
} lex_header;

int tmk_lexicon_cache_path(tmk_buf *out)
{
	return tmk_cache_path(out, "de-en.lex");
}

static int map_cache(tmk_lexicon **out, const char *cache, const struct stat *src)
{
	int fd = open(cache, O_RDONLY);
	struct stat sb;
	lex_header h;
	tmk_lexicon *lx;
	void *m;

	if (fd < 0)
		return -1;
	if (fstat(fd, &sb) != 0 || (size_t)sb.st_size < sizeof(h) ||
	    pread(fd, &h, sizeof(h), 0) != (ssize_t)sizeof(h) || h.magic != LEX_MAGIC ||
	    h.version != LEX_VERSION || h.src_size != (uint64_t)src->st_size ||
	    h.src_mtime != (uint64_t)src->st_mtime ||
	    (uint64_t)sb.st_size != sizeof(h) + BUCKET_BYTES + h.n * 2 * sizeof(uint64_t)) {
		close(fd);
		return -1;
	}
	m = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (m == MAP_FAILED)
		return -1;
	if (!(lx = calloc(1, sizeof(*lx)))) {
		munmap(m, (size_t)sb.st_size);
		return tmk_error_oom();
	}
	lx->map = m;
	lx->maplen = (size_t)sb.st_size;
	lx->n = (size_t)h.n;
	lx->bucket = (const uint32_t *)((const char *)m + sizeof(h));
	lx->de = (const uint64_t *)((const char *)m + sizeof(h) + BUCKET_BYTES);
	lx->en = lx->de + lx->n;
	if (lx->bucket[BUCKET_SLOTS - 1] != lx->n) {    /* a damaged cache: compile anew */
		tmk_lexicon_free(lx);
		return -1;
	}
	*out = lx;
	return 0;
}

/* Write the cache whole or not at all (atomic.h), so a reader never maps
 * half a file; a cache that cannot be written is no error. */
static void write_cache(const tmk_lexicon *lx, const char *cache, const struct stat *src)
{
	static const char pad[8];
	lex_header h = { LEX_MAGIC, LEX_VERSION, (uint64_t)src->st_size, (uint64_t)src->st_mtime, lx->n };
	size_t npad = BUCKET_BYTES - BUCKET_SLOTS * sizeof(uint32_t);
	tmk_atomic *a;
	FILE *f;

	if (tmk_make_parents(cache) < 0 || tmk_atomic_open(&a, cache) < 0) {
		tmk_error_clear();
		return;
	}
	f = tmk_atomic_stream(a);
	if (fwrite(&h, sizeof(h), 1, f) == 1 &&
	    fwrite(lx->bucket, sizeof(uint32_t), BUCKET_SLOTS, f) == BUCKET_SLOTS &&
	    fwrite(pad, 1, npad, f) == npad &&
	    fwrite(lx->de, sizeof(uint64_t), lx->n, f) == lx->n &&
	    fwrite(lx->en, sizeof(uint64_t), lx->n, f) == lx->n)
		tmk_atomic_commit(a);
	else
		tmk_atomic_abort(a);
	tmk_error_clear();
}

int tmk_lexicon_open(tmk_lexicon **out, const char *path, const char *cache)
{
	struct stat src;
	int rc;

	*out = NULL;
	if (stat(path, &src) != 0)
		return tmk_error_set(TMK_EIO, "cannot open the Ding dictionary '%s': %s "
				     "(Debian package trans-de-en)", path, strerror(errno));
	if (cache && map_cache(out, cache, &src) == 0)
		return 0;
	if ((rc = tmk_lexicon_load_ding(out, path)) < 0)
		return rc;
	if (cache)
		write_cache(*out, cache, &src);
	return 0;
}
