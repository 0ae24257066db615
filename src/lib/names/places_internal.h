/*
 * places_internal.h - the index behind places.h, shared by its loaders
 * (places_icu.c, places_iso.c), its builder (places_build.c) and the
 * lookups (places.c).
 *
 * Everything lives in flat arrays that refer to strings by their offset
 * in one pool, so the index is a handful of allocations whatever its
 * size.  Offset 0 is the empty string.
 */
#ifndef TMK_PLACES_INTERNAL_H
#define TMK_PLACES_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "names/places.h"

/* Kind ranks: the order in which a lookup lists places of one level. */
enum { RANK_COUNTRY, RANK_REGION, RANK_CITY, RANK_SUBDIVISION, RANK_SUBSUBDIVISION };

enum { LANG_DE = 0, LANG_EN = 1 };

/* A name's folded forms: the whole, and up to two parts that name the
 * place too (see places_name_forms). */
enum { NAME_FORMS = 3 };

typedef struct {
	uint32_t id;                    /* pool offset: the code, a city's time zone */
	uint32_t code, kind, parent;    /* pool offsets */
	uint32_t pref;                  /* its preferred pair: the first added */
	uint32_t last;                  /* its last pair (they are chained by next) */
	uint32_t rank;
} place_rec;

typedef struct {
	uint32_t de, en, origin;        /* pool offsets; de 0 when unknown */
	uint32_t place;
	uint32_t next;                  /* the place's next pair + 1; 0 at the end */
} pair_rec;

/* KEY_LOWER: some name or word behind the key starts with a lower-case
 * letter, so a lower-case query may match it (is_name). */
enum { KEY_LOWER = 1 };

typedef struct {
	uint64_t h;             /* tmk_hash of the folded name, its skeleton or a word */
	uint32_t pair;
	uint8_t lang;           /* LANG_DE or LANG_EN */
	uint8_t flags;
	uint16_t pad;
} key_rec;

typedef struct {
	key_rec *k;
	size_t n, cap;
} key_vec;

/* The buffers an index keeps for folding (so a lookup allocates once):
 * a name's forms, a skeleton, the query and its skeleton. */
enum { SCRATCH_FORM = 0, SCRATCH_SKEL = NAME_FORMS, SCRATCH_QUERY, SCRATCH_QSKEL, SCRATCH_N };

/* The code -> place table used while loading (so that ISO 3166-1 joins
 * the CLDR country of the same code). */
typedef struct {
	uint32_t *slot;         /* place index + 1; 0 empty */
	size_t cap;
} code_map;

struct tmk_places {
	tmk_buf pool;
	place_rec *places;
	size_t nplaces, cap_places;
	pair_rec *pairs;
	size_t npairs, cap_pairs;
	key_vec names;          /* folded names */
	key_vec parts;          /* their parts (places_name_forms) */
	key_vec skels;          /* cognate skeletons of the folded names and parts */
	key_vec words;          /* words of names of two or more words; deduplicated */
	code_map codes;
	tmk_places_stats st;
	char *note;
	int have_iso;
	tmk_buf scratch[SCRATCH_N];
};

/* ---- places_build.c ---- */

/* Add S[0..LEN) to the pool (NUL-terminated); *OFF its offset. */
int places_str(tmk_places *p, uint32_t *off, const char *s, size_t len);
static inline const char *places_at(const tmk_places *p, uint32_t off)
{
	return p->pool.ptr + off;
}

/* The place whose identity is ID (its code; a city's time zone), made
 * with CODE, KIND, PARENT (NULL: none) and RANK when new; *IDX. */
int places_place(tmk_places *p, uint32_t *idx, const char *id, const char *code,
		 const char *kind, const char *parent, uint32_t rank);

/* Add the pair DE / EN (either may be NULL or "": unknown) of ORIGIN
 * (pool offset) to place IDX, unless it has that pair already (then it
 * keeps the origin it came with first); its keys are made when the index
 * is finished.  *ADDED (may be NULL): 1 when ORIGIN had not given the
 * place this pair before (for the per-source counts). */
int places_pair(tmk_places *p, uint32_t idx, const char *de, const char *en, uint32_t origin,
		int *added);

/* Make and sort the keys of every pair. */
int places_finish(tmk_places *p);

/* The folded key of S[0..LEN) into OUT (cleared first): the matching
 * form (case, diacritics, ß = ss), ae/oe/ue as a/o/u, each run of
 * characters other than letters and digits one space, none at the
 * ends. */
int places_fold(tmk_buf *out, const char *s, size_t len);

/* The folded forms of NAME into F[0] (the whole name) and F[1], F[2]
 * (parts, empty when there are none): the part before a comma ("Korea,
 * Republik", "Bristol, City of") and the name without the administrative
 * words at its ends ("Republik Dagestan", "Donetska oblast", "Region
 * Hannover": see places_build.c for the list).  A part equal to the whole
 * or to the other part is left empty. */
int places_name_forms(tmk_buf f[NAME_FORMS], const char *name);

/* The cognate skeleton of folded text F[0..N) into OUT (cleared first). */
int places_skeleton(tmk_buf *out, const char *f, size_t n);

/* The first entry of V with hash H (V sorted), or V->n. */
size_t places_find(const key_vec *v, uint64_t h);

/* ---- places_icu.c ---- */

/* The territories, regions and time-zone cities of ICU's CLDR data. */
int places_load_icu(tmk_places *p);

/* ---- places_iso.c ---- */

/* ISO 3166-1 and 3166-2 from iso-codes under ROOT; a note when it is
 * missing (p->have_iso stays 0). */
int places_load_iso(tmk_places *p, const char *root);

/* ---- places_cache.c ---- */

/* The stamp of an index built from ROOT (NO_ISO: ICU alone) with this
 * build's folding. */
int places_cache_stamp(uint64_t *stamp, const char *root, int no_iso);

/* Fill P (fresh from calloc, its pool empty) from the cache file at PATH
 * if it has STAMP and is sound: 1; else 0 and P as it was. */
int places_cache_read(tmk_places *p, const char *path, uint64_t stamp);

/* Write P's index to PATH with STAMP (whole or not at all; failures are
 * no error). */
void places_cache_write(const tmk_places *p, const char *path, uint64_t stamp);

#endif
