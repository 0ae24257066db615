/*
 * places_build.c - building the places index: the string pool, places
 * and their name pairs, and the three sorted key arrays (folded names,
 * their cognate skeletons, the words of longer names).  See
 * places_internal.h.
 *
 * Keys are 64-bit FNV-1a hashes; a lookup checks every candidate against
 * the folded name itself, so a collision costs a comparison, not a wrong
 * hit.  Only is_name() trusts a word hash alone (one false "is a name" in
 * about 2^64 / 20,000 words).
 */
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>

#include "error.h"
#include "names/places_internal.h"
#include "textnorm.h"
#include "utf8.h"

/* ---- pool, places, pairs ------------------------------------------------ */

int places_str(tmk_places *p, uint32_t *off, const char *s, size_t len)
{
	int rc;

	if (len == 0) {
		*off = 0;
		return 0;
	}
	if (p->pool.len + len + 1 > UINT32_MAX)
		return tmk_error_set(TMK_ERROR, "places: string pool over 4 GiB");
	*off = (uint32_t)p->pool.len;
	if ((rc = tmk_buf_put(&p->pool, s, len)) < 0)
		return rc;
	return tmk_buf_putc(&p->pool, '\0');
}

/* Grow array *A of *CAP elements of SIZE bytes to hold one more than N. */
static int grow(void **a, size_t *cap, size_t n, size_t size)
{
	void *na;
	size_t nc;

	if (n < *cap)
		return 0;
	nc = *cap ? *cap * 2 : 256;
	if (!(na = realloc(*a, nc * size)))
		return tmk_error_oom();
	*a = na;
	*cap = nc;
	return 0;
}

/* The slot of ID in the code map: its place + 1, or 0 (free). */
static uint32_t *code_slot(tmk_places *p, const char *id)
{
	size_t mask = p->codes.cap - 1;
	size_t i = (size_t)tmk_hash(TMK_HASH_SEED, id, strlen(id)) & mask;

	while (p->codes.slot[i] &&
	       strcmp(places_at(p, p->places[p->codes.slot[i] - 1].id), id) != 0)
		i = (i + 1) & mask;
	return &p->codes.slot[i];
}

/* Keep the code map at most half full: rehash into twice the slots. */
static int code_map_grow(tmk_places *p)
{
	code_map old = p->codes;

	if (old.cap && p->nplaces * 2 < old.cap)
		return 0;
	p->codes.cap = old.cap ? old.cap * 2 : 1024;
	if (!(p->codes.slot = calloc(p->codes.cap, sizeof(uint32_t)))) {
		p->codes = old;
		return tmk_error_oom();
	}
	for (size_t i = 0; i < old.cap; i++)
		if (old.slot[i])
			*code_slot(p, places_at(p, p->places[old.slot[i] - 1].id)) = old.slot[i];
	free(old.slot);
	return 0;
}

int places_place(tmk_places *p, uint32_t *idx, const char *id, const char *code,
		 const char *kind, const char *parent, uint32_t rank)
{
	place_rec *r;
	uint32_t *slot;
	int rc;

	if ((rc = code_map_grow(p)) < 0)
		return rc;
	slot = code_slot(p, id);
	if (*slot) {
		*idx = *slot - 1;
		return 0;
	}
	if ((rc = grow((void **)&p->places, &p->cap_places, p->nplaces, sizeof(*r))) < 0)
		return rc;
	r = &p->places[p->nplaces];
	memset(r, 0, sizeof(*r));
	r->pref = r->last = UINT32_MAX;
	r->rank = rank;
	if ((rc = places_str(p, &r->id, id, strlen(id))) < 0 ||
	    (rc = places_str(p, &r->code, code, strlen(code))) < 0 ||
	    (rc = places_str(p, &r->kind, kind, strlen(kind))) < 0 ||
	    (rc = places_str(p, &r->parent, parent ? parent : "", parent ? strlen(parent) : 0)) < 0)
		return rc;
	*idx = (uint32_t)p->nplaces++;
	*slot = *idx + 1;
	return 0;
}

/* Does place IDX have the pair DE / EN already?  0 no, 1 from another
 * origin than ORIGIN, 2 from ORIGIN. */
static int has_pair(const tmk_places *p, uint32_t idx, const char *de, const char *en,
		    uint32_t origin)
{
	int found = 0;

	for (uint32_t i = p->places[idx].pref; i != UINT32_MAX;) {
		const pair_rec *r = &p->pairs[i];
		if (!strcmp(places_at(p, r->de), de) && !strcmp(places_at(p, r->en), en))
			found = r->origin == origin ? 2 : found ? found : 1;
		i = r->next ? r->next - 1 : UINT32_MAX;
	}
	return found;
}

int places_pair(tmk_places *p, uint32_t idx, const char *de, const char *en, uint32_t origin,
		int *added)
{
	place_rec *pl = &p->places[idx];
	pair_rec *r;
	int rc, have;

	de = de ? de : "";
	en = en ? en : "";
	if (added)
		*added = 0;
	if (!*de && !*en)
		return 0;
	if ((have = has_pair(p, idx, de, en, origin))) {
		if (added)
			*added = have == 1;     /* this source has it too */
		return 0;
	}
	if ((rc = grow((void **)&p->pairs, &p->cap_pairs, p->npairs, sizeof(*r))) < 0)
		return rc;
	r = &p->pairs[p->npairs];
	memset(r, 0, sizeof(*r));
	r->place = idx;
	r->origin = origin;
	if ((rc = places_str(p, &r->de, de, strlen(de))) < 0 ||
	    (rc = places_str(p, &r->en, en, strlen(en))) < 0)
		return rc;
	if (pl->pref == UINT32_MAX)
		pl->pref = (uint32_t)p->npairs;
	else
		p->pairs[pl->last].next = (uint32_t)p->npairs + 1;
	pl->last = (uint32_t)p->npairs++;
	if (added)
		*added = 1;
	return 0;
}

/* ---- folding ------------------------------------------------------------ */

/* Letters, digits and (for names as written: Z̧ has no precomposed form)
 * combining marks. */
static int is_word_char(int32_t c)
{
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
	return u_isalnum(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0;
}

int places_fold(tmk_buf *out, const char *s, size_t len)
{
	size_t i = 0, w = 0;
	int rc;

	tmk_buf_clear(out);
	if ((rc = tmk_norm_match(out, s, len)) < 0)
		return rc;
	/* in place: nothing below makes the text longer */
	while (i < out->len) {
		size_t at = i;
		int32_t c = tmk_utf8_next(out->ptr, out->len, &i);
		if (!is_word_char(c)) {
			if (w && out->ptr[w - 1] != ' ')
				out->ptr[w++] = ' ';
			continue;
		}
		if (c == 'e' && w && (out->ptr[w - 1] == 'a' || out->ptr[w - 1] == 'o' ||
				      out->ptr[w - 1] == 'u'))
			continue;       /* ä = ae: the umlaut's dots went with the diacritics */
		memmove(out->ptr + w, out->ptr + at, i - at);
		w += i - at;
	}
	if (w && out->ptr[w - 1] == ' ')
		w--;
	out->len = w;
	if (out->ptr)
		out->ptr[w] = '\0';
	return 0;
}

/* Folded words that name what a place is rather than which place, left
 * off a name's ends for its part (from the most frequent words of the
 * ISO 3166-2 names in both languages). */
static const char *const qualifiers[] = {
	"apskritis", "autonome", "autonomous", "avtonomna", "avtonomnyy", "bezirk", "city",
	"county", "gespanschaft", "governorate", "kraj", "krai", "lan", "miestas", "novads",
	"oblast", "oblys", "of", "okrug", "province", "provinz", "region", "republic",
	"republik", "respublika", "respublikasi", "sheng", "zupanija",
};

static int is_qualifier(const char *w, size_t n)
{
	for (size_t k = 0; k < sizeof(qualifiers) / sizeof(qualifiers[0]); k++)
		if (strlen(qualifiers[k]) == n && !memcmp(qualifiers[k], w, n))
			return 1;
	return 0;
}

/* F without the qualifier words at its ends into OUT (cleared first). */
static int strip_qualifiers(tmk_buf *out, const char *f, size_t n)
{
	size_t lo = 0, hi = n;

	tmk_buf_clear(out);
	for (;;) {
		const char *sp = memchr(f + lo, ' ', hi - lo);
		size_t wl = sp ? (size_t)(sp - (f + lo)) : hi - lo;
		if (!sp || !is_qualifier(f + lo, wl))
			break;
		lo += wl + 1;
	}
	for (;;) {
		size_t ws = hi;
		while (ws > lo && f[ws - 1] != ' ')
			ws--;
		if (ws == lo || !is_qualifier(f + ws, hi - ws))
			break;
		hi = ws - 1;
	}
	return tmk_buf_put(out, f + lo, hi - lo);
}

static int same(const tmk_buf *a, const tmk_buf *b)
{
	return a->len == b->len && (a->len == 0 || !memcmp(a->ptr, b->ptr, a->len));
}

int places_name_forms(tmk_buf f[NAME_FORMS], const char *name)
{
	const char *comma = strchr(name, ',');
	int rc;

	if ((rc = places_fold(&f[0], name, strlen(name))) < 0)
		return rc;
	tmk_buf_clear(&f[1]);
	if (comma && (rc = places_fold(&f[1], name, (size_t)(comma - name))) < 0)
		return rc;
	if ((rc = strip_qualifiers(&f[2], f[0].ptr, f[0].len)) < 0)
		return rc;
	if (same(&f[1], &f[0]))
		tmk_buf_clear(&f[1]);
	if (same(&f[2], &f[0]) || same(&f[2], &f[1]))
		tmk_buf_clear(&f[2]);
	return 0;
}

int places_skeleton(tmk_buf *out, const char *f, size_t n)
{
	int rc;

	tmk_buf_clear(out);
	if ((rc = tmk_buf_grow(out, 2 * n + 8)) < 0)
		return rc;
	out->len = tmk_cognate_skeleton(out->ptr, 2 * n + 8, f, n);
	out->ptr[out->len] = '\0';
	return 0;
}

/* ---- keys --------------------------------------------------------------- */

static int key_push(key_vec *v, uint64_t h, uint32_t pair, int lang, int flags)
{
	int rc;

	if ((rc = grow((void **)&v->k, &v->cap, v->n, sizeof(key_rec))) < 0)
		return rc;
	v->k[v->n++] = (key_rec){ .h = h, .pair = pair, .lang = (uint8_t)lang,
				  .flags = (uint8_t)flags };
	return 0;
}

/* KEY_LOWER when the text at S starts with a lower-case letter. */
static int lower_flag(const char *s, size_t len)
{
	size_t i = 0;

	return len && u_islower(tmk_utf8_next(s, len, &i)) ? KEY_LOWER : 0;
}

/* The starts of NAME's runs of word characters, at most MAX; how many. */
static size_t word_starts(const char *name, size_t len, size_t *at, size_t max)
{
	size_t n = 0, i = 0;
	int in = 0;

	while (i < len) {
		size_t here = i;
		int w = is_word_char(tmk_utf8_next(name, len, &i));
		if (w && !in) {
			if (n == max)
				return max + 1;
			at[n++] = here;
		}
		in = w;
	}
	return n;
}

/* The words of folded F (two or more), each of two or more characters and
 * not all digits, into P's word keys.  A word's KEY_LOWER comes from the
 * same word of NAME when the two have as many words, else it is set (the
 * case is not known, so a lower-case query is allowed). */
static int word_keys(tmk_places *p, uint32_t pair, int lang, const char *name, const tmk_buf *f)
{
	size_t at[64], nw = word_starts(name, strlen(name), at, 64), k = 0, i = 0;
	size_t nf = 1;
	int rc = 0;

	for (size_t j = 0; j < f->len; j++)
		nf += f->ptr[j] == ' ';
	if (nf < 2)
		return 0;
	while (i < f->len && rc == 0) {
		size_t end = i, digits = 0;
		for (; end < f->len && f->ptr[end] != ' '; end++)
			digits += f->ptr[end] >= '0' && f->ptr[end] <= '9';
		if (tmk_utf8_count(f->ptr + i, end - i) >= 2 && digits < end - i) {
			int fl = nw == nf ? lower_flag(name + at[k], strlen(name + at[k])) : KEY_LOWER;
			rc = key_push(&p->words, tmk_hash(TMK_HASH_SEED, f->ptr + i, end - i), pair,
				      lang, fl);
		}
		k++;
		i = end + 1;
	}
	return rc;
}

/* The skeleton key of folded F. */
static int skel_key(tmk_places *p, const tmk_buf *f, uint32_t pair, int lang, int fl)
{
	tmk_buf *sk = &p->scratch[SCRATCH_SKEL];
	int rc;

	if ((rc = places_skeleton(sk, f->ptr, f->len)) < 0)
		return rc;
	return key_push(&p->skels, tmk_hash(TMK_HASH_SEED, sk->ptr, sk->len), pair, lang, fl);
}

/* The keys of NAME, the LANG side of pair PAIR: its folded form, its
 * parts, the skeletons of both, its words. */
static int name_keys(tmk_places *p, uint32_t pair, int lang, const char *name)
{
	tmk_buf *f = &p->scratch[SCRATCH_FORM];
	int rc, fl = lower_flag(name, strlen(name));

	if ((rc = places_name_forms(f, name)) < 0 || f[0].len == 0)
		return rc;
	for (int k = 0; k < NAME_FORMS && rc == 0; k++) {
		if (!f[k].len)
			continue;
		if ((rc = key_push(k ? &p->parts : &p->names,
				   tmk_hash(TMK_HASH_SEED, f[k].ptr, f[k].len), pair, lang, fl)) == 0)
			rc = skel_key(p, &f[k], pair, lang, fl);
	}
	return rc < 0 ? rc : word_keys(p, pair, lang, name, &f[0]);
}

static int key_cmp(const void *a, const void *b)
{
	const key_rec *x = a, *y = b;

	if (x->h != y->h)
		return x->h < y->h ? -1 : 1;
	if (x->lang != y->lang)
		return x->lang < y->lang ? -1 : 1;
	return x->pair < y->pair ? -1 : x->pair > y->pair;
}

/* Word keys once a language: equal neighbours merged, their flags or-ed. */
static void dedupe_words(key_vec *v)
{
	size_t w = 0;

	for (size_t r = 0; r < v->n; r++) {
		if (w && v->k[w - 1].h == v->k[r].h && v->k[w - 1].lang == v->k[r].lang) {
			v->k[w - 1].flags |= v->k[r].flags;
			continue;
		}
		v->k[w++] = v->k[r];
	}
	v->n = w;
}

int places_finish(tmk_places *p)
{
	int rc = 0;

	for (size_t i = 0; i < p->npairs && rc == 0; i++) {
		const pair_rec *r = &p->pairs[i];
		if (r->de && (rc = name_keys(p, (uint32_t)i, LANG_DE, places_at(p, r->de))) < 0)
			break;
		if (r->en)
			rc = name_keys(p, (uint32_t)i, LANG_EN, places_at(p, r->en));
	}
	if (rc < 0)
		return rc;
	qsort(p->names.k, p->names.n, sizeof(key_rec), key_cmp);
	qsort(p->parts.k, p->parts.n, sizeof(key_rec), key_cmp);
	qsort(p->skels.k, p->skels.n, sizeof(key_rec), key_cmp);
	qsort(p->words.k, p->words.n, sizeof(key_rec), key_cmp);
	dedupe_words(&p->words);
	free(p->codes.slot);
	p->codes.slot = NULL;
	p->codes.cap = 0;
	p->st.places = p->nplaces;
	p->st.pairs = p->npairs;
	p->st.keys = p->names.n + p->parts.n + p->skels.n + p->words.n;
	return 0;
}

size_t places_find(const key_vec *v, uint64_t h)
{
	size_t lo = 0, hi = v->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (v->k[mid].h < h)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < v->n && v->k[lo].h == h ? lo : v->n;
}
