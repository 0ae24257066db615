/*
 * places.c - looking up place names; see places.h.
 *
 * A query is folded once and tried in levels: as it is and without a
 * leading article (exact), with a German genitive ending or an English
 * 's taken off (inflected), each of those against the parts of names
 * (part: Dagestan in "Republik Dagestan"), then as the cognate skeleton
 * of each form (variant).  Every candidate from the hash index is checked
 * against its name folded anew, so only true matches come back.
 */
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>

#include "error.h"
#include "names/places_internal.h"
#include "text.h"
#include "textnorm.h"
#include "utf8.h"

#define MAX_FORMS 8
#define FORM_MAX 512            /* bytes of a folded query; longer ones name no place */

void tmk_places_free(tmk_places *p)
{
	if (!p)
		return;
	tmk_buf_release(&p->pool);
	free(p->places);
	free(p->pairs);
	free(p->names.k);
	free(p->parts.k);
	free(p->skels.k);
	free(p->words.k);
	free(p->codes.slot);
	free(p->note);
	for (int k = 0; k < SCRATCH_N; k++)
		tmk_buf_release(&p->scratch[k]);
	free(p);
}

/* Build P's index from ICU and (unless NO_ISO) iso-codes under ROOT. */
static int build(tmk_places *p, const char *root, int no_iso)
{
	int rc;

	if ((rc = tmk_buf_putc(&p->pool, '\0')) < 0 ||      /* offset 0: "" */
	    (rc = places_load_icu(p)) < 0 ||
	    (!no_iso && (rc = places_load_iso(p, root)) < 0))
		return rc;
	return places_finish(p);
}

/* The cache file for OPTS into PATH; 0 when there is none to use. */
static int cache_file(tmk_buf *path, const tmk_places_opts *opts)
{
	if (opts && opts->cache)
		return *opts->cache && tmk_buf_puts(path, opts->cache) == 0;
	if (tmk_cache_path(path, "places.idx") == 0)
		return 1;
	tmk_error_clear();      /* no HOME: build each time */
	return 0;
}

int tmk_places_open(tmk_places **out, const tmk_places_opts *opts)
{
	const char *root = opts && opts->data_root ? opts->data_root : "/usr/share";
	int no_iso = opts && opts->no_iso;
	tmk_places *p = calloc(1, sizeof(*p));
	tmk_buf path = TMK_BUF_INIT;
	uint64_t stamp = 0;
	int rc = 0, cached = 0, use_cache;

	*out = NULL;
	if (!p)
		return tmk_error_oom();
	use_cache = cache_file(&path, opts);
	if (use_cache && (rc = places_cache_stamp(&stamp, root, no_iso)) == 0)
		cached = places_cache_read(p, path.ptr, stamp);
	if (rc == 0 && !cached && (rc = build(p, root, no_iso)) == 0 && use_cache)
		places_cache_write(p, path.ptr, stamp);
	tmk_buf_release(&path);
	if (rc < 0) {
		tmk_places_free(p);
		return rc;
	}
	*out = p;
	return 0;
}

const char *tmk_places_note(const tmk_places *p)
{
	return p->note;
}

int tmk_places_has_iso(const tmk_places *p)
{
	return p->have_iso;
}

void tmk_places_get_stats(const tmk_places *p, tmk_places_stats *st)
{
	*st = p->st;
}

const char *tmk_place_how_name(tmk_place_how how)
{
	static const char *const names[] = { "exact", "inflected", "part", "variant" };

	return how <= TMK_PLACE_VARIANT ? names[how] : "?";
}

void tmk_place_hits_free(tmk_place_hit *hits)
{
	free(hits);
}

/* ---- query forms ---------------------------------------------------------- */

/* The folded forms a query is tried as, each with its level. */
typedef struct {
	char text[MAX_FORMS][FORM_MAX];
	size_t len[MAX_FORMS];
	tmk_place_how how[MAX_FORMS];
	size_t n;
} forms;

static void form_add(forms *f, const char *s, size_t len, tmk_place_how how)
{
	if (f->n == MAX_FORMS || len == 0 || len >= FORM_MAX)
		return;
	for (size_t k = 0; k < f->n; k++)
		if (f->len[k] == len && !memcmp(f->text[k], s, len))
			return;
	memcpy(f->text[f->n], s, len);
	f->text[f->n][len] = '\0';
	f->len[f->n] = len;
	f->how[f->n++] = how;
}

/* The length of folded S without a leading article (German if DE, English
 * if EN), or LEN when it has none or is nothing else. */
static size_t article_skip(const char *s, size_t len, int de, int en)
{
	static const char *const art[] = { "der", "des", "dem", "den", "die", "das", "the" };

	for (size_t k = 0; k < sizeof(art) / sizeof(art[0]); k++) {
		size_t n = strlen(art[k]);
		int german = k < 6;
		if ((german ? de : en) && len > n + 1 && !memcmp(s, art[k], n) && s[n] == ' ')
			return n + 1;
	}
	return 0;
}

/* The inflected forms of S: German genitive -s and -es (a word of three
 * or more letters left), English 's (folded to a last word "s"). */
static void add_inflected(forms *f, const char *s, size_t len, int de, int en)
{
	if (en && len > 2 && !memcmp(s + len - 2, " s", 2))
		form_add(f, s, len - 2, TMK_PLACE_INFLECTED);
	if (!de || len < 4 || s[len - 1] != 's' || s[len - 2] == ' ' || s[len - 3] == ' ')
		return;
	form_add(f, s, len - 1, TMK_PLACE_INFLECTED);
	if (s[len - 2] == 'e' && len >= 5 && s[len - 4] != ' ')
		form_add(f, s, len - 2, TMK_PLACE_INFLECTED);
}

/* Every form of folded query Q[0..N), exact ones first. */
static void make_forms(forms *f, const char *q, size_t n, int de, int en)
{
	size_t skip = article_skip(q, n, de, en);
	size_t exact;

	f->n = 0;
	form_add(f, q, n, TMK_PLACE_EXACT);
	if (skip)
		form_add(f, q + skip, n - skip, TMK_PLACE_EXACT);
	exact = f->n;
	for (size_t k = 0; k < exact; k++)
		add_inflected(f, f->text[k], f->len[k], de, en);
}

/* ---- hits ----------------------------------------------------------------- */

typedef struct {
	tmk_place_hit h;
	uint32_t place, rank;
} hit_item;

typedef struct {
	hit_item *it;
	size_t n, cap;
} hit_vec;

static int hit_add(tmk_places *p, hit_vec *v, uint32_t pair, int lang, tmk_place_how how)
{
	const pair_rec *pr = &p->pairs[pair];
	const place_rec *pl = &p->places[pr->place];
	const pair_rec *pref = &p->pairs[pl->pref];

	for (size_t k = 0; k < v->n; k++)
		if (v->it[k].place == pr->place)
			return 0;
	if (v->n == v->cap) {
		size_t nc = v->cap ? v->cap * 2 : 8;
		hit_item *ni = realloc(v->it, nc * sizeof(*ni));
		if (!ni)
			return tmk_error_oom();
		v->it = ni;
		v->cap = nc;
	}
	v->it[v->n].place = pr->place;
	v->it[v->n].rank = pl->rank;
	v->it[v->n++].h = (tmk_place_hit){
		.de = places_at(p, pref->de), .en = places_at(p, pref->en),
		.kind = places_at(p, pl->kind), .code = places_at(p, pl->code),
		.parent = places_at(p, pl->parent), .origin = places_at(p, pref->origin),
		.matched = places_at(p, lang == LANG_DE ? pr->de : pr->en),
		.matched_lang = lang == LANG_DE ? "de" : "en",
		.matched_origin = places_at(p, pr->origin), .how = how,
	};
	return 0;
}

/* Which of a name's forms a key vector holds: the whole (names), a part
 * (parts), or the skeleton of either (skels). */
typedef enum { V_NAMES, V_PARTS, V_SKELS } vec_kind;

/* Is FORM[0..N) what the LANG name of PAIR gives in a vector of kind VK?
 * (Keys are hashes: this rules out a collision.) */
static int verify(tmk_places *p, uint32_t pair, int lang, vec_kind vk, const char *form, size_t n)
{
	const pair_rec *r = &p->pairs[pair];
	tmk_buf *f = &p->scratch[SCRATCH_FORM], *s = &p->scratch[SCRATCH_SKEL];

	if (places_name_forms(f, places_at(p, lang == LANG_DE ? r->de : r->en)) < 0)
		return 0;
	for (int k = vk == V_PARTS; k < (vk == V_NAMES ? 1 : NAME_FORMS); k++) {
		const tmk_buf *g = &f[k];
		if (!g->len)
			continue;
		if (vk == V_SKELS) {
			if (places_skeleton(s, g->ptr, g->len) < 0)
				return 0;
			g = s;
		}
		if (g->len == n && !memcmp(g->ptr, form, n))
			return 1;
	}
	return 0;
}

/* The hits of FORM[0..N) in the vector of kind VK, of the languages in
 * LANGMASK (bit 0 German, bit 1 English), found as HOW. */
static int find_form(tmk_places *p, hit_vec *out, vec_kind vk, const char *form, size_t n,
		     int langmask, tmk_place_how how)
{
	const key_vec *v = vk == V_NAMES ? &p->names : vk == V_PARTS ? &p->parts : &p->skels;
	uint64_t h = tmk_hash(TMK_HASH_SEED, form, n);
	int rc = 0;

	for (size_t i = places_find(v, h); i < v->n && v->k[i].h == h && rc == 0; i++) {
		const key_rec *k = &v->k[i];
		if ((langmask >> k->lang & 1) && verify(p, k->pair, k->lang, vk, form, n))
			rc = hit_add(p, out, k->pair, k->lang, how);
	}
	return rc;
}

/* Countries, regions, cities, provinces, their parts; then by code. */
static int hit_order(const void *a, const void *b)
{
	const hit_item *x = a, *y = b;
	int c;

	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	if ((c = strcmp(x->h.code, y->h.code)) != 0)
		return c;
	return strcmp(x->h.en, y->h.en);
}

/* The hits of the first level of F that has any: the exact forms, then
 * the inflected ones, as whole names; then all forms as parts of names
 * (in the languages of LANGMASK); then the skeletons of all forms, of
 * names and parts in both languages. */
static int find_levels(tmk_places *p, hit_vec *v, const forms *f, int langmask)
{
	tmk_buf *sk = &p->scratch[SCRATCH_QSKEL];
	int rc = 0;

	for (int how = TMK_PLACE_EXACT; how <= TMK_PLACE_INFLECTED && !v->n && rc == 0; how++)
		for (size_t k = 0; k < f->n && rc == 0; k++)
			if (f->how[k] == (tmk_place_how)how)
				rc = find_form(p, v, V_NAMES, f->text[k], f->len[k], langmask,
					       (tmk_place_how)how);
	for (size_t k = 0; k < f->n && !v->n && rc == 0; k++)
		rc = find_form(p, v, V_PARTS, f->text[k], f->len[k], langmask, TMK_PLACE_PART);
	for (size_t k = 0; k < f->n && !v->n && rc == 0; k++) {
		if ((rc = places_skeleton(sk, f->text[k], f->len[k])) < 0)
			break;
		rc = find_form(p, v, V_SKELS, sk->ptr, sk->len, 3, TMK_PLACE_VARIANT);
	}
	return rc;
}

/* LANG as a mask of languages: bit 0 German, bit 1 English; 0 if unknown. */
static int lang_mask(const char *lang)
{
	if (!lang)
		return 3;
	if (!strcmp(lang, "de"))
		return 1;
	if (!strcmp(lang, "en"))
		return 2;
	return 0;
}

/* Fold QUERY[0..LEN) for a lookup into SCRATCH_QUERY; TMK_EINVAL when it
 * is not UTF-8 or LANG is unknown. */
static int fold_query(tmk_places *p, int *mask, const char *lang, const char *query, size_t len)
{
	size_t bad;

	if (!(*mask = lang_mask(lang)))
		return tmk_error_set(TMK_EINVAL, "places: unknown language '%s' (de or en)", lang);
	if (!tmk_utf8_valid(query, len, &bad))
		return tmk_error_set(TMK_EINVAL, "places: the query is not UTF-8 (byte %zu)", bad);
	return places_fold(&p->scratch[SCRATCH_QUERY], query, len);
}

int tmk_places_lookup(tmk_places *p, tmk_place_hit **hits, size_t *n, const char *lang_from,
		      const char *query, size_t len)
{
	hit_vec v = { 0 };
	forms f;
	int mask, rc;

	*hits = NULL;
	*n = 0;
	if ((rc = fold_query(p, &mask, lang_from, query, len)) < 0)
		return rc;
	make_forms(&f, p->scratch[SCRATCH_QUERY].ptr, p->scratch[SCRATCH_QUERY].len, mask & 1,
		   mask >> 1 & 1);
	if ((rc = find_levels(p, &v, &f, mask)) == 0 && v.n) {
		qsort(v.it, v.n, sizeof(*v.it), hit_order);
		if (!(*hits = malloc(v.n * sizeof(**hits)))) {
			rc = tmk_error_oom();
		} else {
			for (size_t k = 0; k < v.n; k++)
				(*hits)[k] = v.it[k].h;
			*n = v.n;
		}
	}
	free(v.it);
	return rc;
}

/* ---- is_name -------------------------------------------------------------- */

/* Is FORM[0..N) a name or a part of one (1) or a word of a longer one
 * (2) in the languages of MASK, written with a lower-case first letter
 * somewhere when LOWER?  0 when neither. */
static int known(tmk_places *p, const char *form, size_t n, int mask, int lower)
{
	uint64_t h = tmk_hash(TMK_HASH_SEED, form, n);
	const key_vec *vs[3] = { &p->names, &p->parts, &p->words };

	for (int k = 0; k < 3; k++)
		for (size_t i = places_find(vs[k], h); i < vs[k]->n && vs[k]->k[i].h == h; i++) {
			const key_rec *r = &vs[k]->k[i];
			if ((mask >> r->lang & 1) && (!lower || (r->flags & KEY_LOWER)))
				return k == 2 ? 2 : 1;
		}
	return 0;
}

int tmk_places_is_name(tmk_places *p, const char *lang, const char *word, size_t len)
{
	forms f;
	size_t i = 0, chars = tmk_utf8_count(word, len);
	int mask, lower, best = 0;

	if (chars < 2 || fold_query(p, &mask, lang, word, len) < 0) {
		tmk_error_clear();
		return 0;
	}
	lower = u_islower(tmk_utf8_next(word, len, &i));
	make_forms(&f, p->scratch[SCRATCH_QUERY].ptr, p->scratch[SCRATCH_QUERY].len, mask & 1,
		   mask >> 1 & 1);
	for (size_t k = 0; k < f.n && best != 1; k++) {
		int r = known(p, f.text[k], f.len[k], mask, lower);
		if (r && (!best || r < best))
			best = r;
	}
	return best;
}
