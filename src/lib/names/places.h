/*
 * places.h - names of countries, regions, provinces and cities in German
 * and English, from data a Debian machine already has, for `term lookup`,
 * `check` and `spell` (issue 14: Chatlon <-> Khatlon, Kundus <-> Kunduz).
 *
 * Sources, each pair of names labelled with where it came from:
 *
 *  - ICU's CLDR data (always there: tmkit links ICU):
 *    - the display names of every territory ICU knows (uregion, some 256:
 *      the ISO 3166-1 countries and Kosovo, Ascension ...), full and
 *      short (Vereinigte Staaten / United States, USA / US);
 *    - world, continents, subcontinents and groupings (Zentralasien /
 *      Central Asia, Europäische Union / European Union);
 *    - the exemplar cities of the time zones, the only city names CLDR
 *      has (about 430: Kiew / Kyiv, Duschanbe / Dushanbe, Moskau /
 *      Moscow), with the country from ICU's zone table.
 *  - the iso-codes package (optional): ISO 3166-1 names, official and
 *    common names (Islamische Republik Afghanistan), and the ISO 3166-2
 *    subdivisions (about 5,000 provinces, regions, districts), English
 *    and codes from /usr/share/iso-codes/json, German from its gettext
 *    catalogs in /usr/share/locale/de/LC_MESSAGES.  ISO's German is the
 *    catalog's (Badakschān), not always Duden's (Badachschan): a query
 *    spelt the other way is found as a spelling variant (see how).  And
 *    ISO's "English" subdivision names are its romanised local names
 *    (Bayern, Moskva, Chechenskaya Respublika), not English exonyms
 *    (Bavaria, Moscow, Chechnya): where CLDR has the place (Moskau /
 *    Moscow as a city) both come back.
 *
 * Neither source has towns below the time-zone cities; nothing here
 * invents one.  Without iso-codes the module works from ICU alone and
 * says so once (tmk_places_note()).
 *
 * Loading builds one in-memory index (keys of folded names, of their
 * parts, of their skeletons and of their words: sorted arrays of 16-byte
 * entries), kept compiled in the user's cache folder as the Ding index
 * is; a lookup is a few binary searches.  A tmk_places folds queries in
 * buffers of its own: one thread at a time (open one per thread).
 */
#ifndef TMK_PLACES_H
#define TMK_PLACES_H

#include <stddef.h>

typedef struct tmk_places tmk_places;

/* Where tmk_places_open() reads; NULL (or NULL fields) for the defaults. */
typedef struct {
	/* The folder holding iso-codes/json, locale/de/LC_MESSAGES and
	 * pkgconfig/iso-codes.pc (its version); NULL: /usr/share. */
	const char *data_root;
	int no_iso;             /* leave iso-codes out (ICU alone, with no note) */
	/* The compiled index: NULL for $XDG_CACHE_HOME/tmkit/places.idx (or
	 * ~/.cache/...), "" for none (built in memory each time). */
	const char *cache;
} tmk_places_opts;

/* How a lookup found a place, best first. */
typedef enum {
	TMK_PLACE_EXACT,        /* the query is a name (folded; an article before it ignored) */
	TMK_PLACE_INFLECTED,    /* a German genitive (Afghanistans, des Irans) or English 's */
	TMK_PLACE_PART,         /* a name without its administrative words (Dagestan for
				 * Republik Dagestan, Donetska for Donetska oblast) or
				 * the part before its comma (Korea for "Korea, Republik") */
	TMK_PLACE_VARIANT,      /* another transliteration: the same cognate skeleton
				 * (Badachschan -> Badakhshān, Chalimow -> Khalimov) */
} tmk_place_how;

/* One place a query found.  Every string is borrowed from the tmk_places
 * object and valid until tmk_places_free(); none is NULL. */
typedef struct {
	const char *de, *en;    /* the place's preferred names; an ISO name the German
				 * catalog lacks is German as it is (gettext's rule),
				 * "" only when the catalog itself is missing */
	const char *kind;       /* country, world, continent, subcontinent, grouping,
				 * city, or the ISO 3166-2 type in lower case:
				 * province, region, autonomous region, state ... */
	const char *code;       /* AF, AF-BDS, 143 (UN M.49 for regions); a city
				 * has its country's code ("" when ICU has none) */
	const char *parent;     /* AF for AF-BDS, AZ-NX for AZ-BAB; "" for countries,
				 * regions and cities */
	const char *origin;     /* of DE and EN: "CLDR 42 via ICU 72.1",
				 * "ISO 3166-2 via iso-codes 4.15.0" ... */
	const char *matched;    /* the name the query matched (may be an alternative:
				 * an official or short name, the ISO spelling) */
	const char *matched_lang;       /* "de" or "en" */
	const char *matched_origin;     /* where MATCHED comes from */
	tmk_place_how how;
} tmk_place_hit;

/* Counts of what was loaded.  Per source: the pairs of German and English
 * names it gave (a place may have several: full, short, variant,
 * official, common); a pair two sources give (Afghanistan / Afghanistan
 * from CLDR and ISO 3166-1) counts for each and is kept once, with the
 * origin that came first (CLDR).  PLACES and PAIRS count what is kept. */
typedef struct {
	size_t places, pairs;
	size_t cldr_territories, cldr_regions, cldr_cities;
	size_t iso_countries, iso_subdivisions;
	size_t iso_subdivisions_german;  /* of those, with a German name unlike the English */
	size_t keys;                     /* entries in the index */
} tmk_places_stats;

/* Load the index: from the cache file when it was built from the same
 * data with the same folding (about a millisecond), else built from ICU
 * and iso-codes (tens of ms; see tools/bench-places) and the cache
 * written for next time (a cache that cannot be written is no error).
 * iso-codes missing (its JSON folder absent) is no error: *OUT then has
 * ICU's names and a note.  Its catalogs or JSON present but damaged:
 * TMK_EINPUT, the message naming the file (and line) and what is wrong;
 * a missing German catalog beside present JSON: English ISO names with
 * "" as German, and a note.  TMK_ENOMEM, TMK_ERROR (ICU failed). */
int tmk_places_open(tmk_places **out, const tmk_places_opts *opts);

void tmk_places_free(tmk_places *p);

/* NULL, or one sentence for the user on what the index does without
 * ("iso-codes is not installed (...): ..."); valid until
 * tmk_places_free().  The CLI prints it once. */
const char *tmk_places_note(const tmk_places *p);

/* 1 when the iso-codes names were loaded. */
int tmk_places_has_iso(const tmk_places *p);

void tmk_places_get_stats(const tmk_places *p, tmk_places_stats *st);

/* The places QUERY[0..LEN) (UTF-8) names, folded as the term base folds
 * (case, diacritics, ä = ae, ß = ss, punctuation and hyphens as spaces),
 * a leading article (der, des, the ...) ignored.  LANG_FROM "de" or "en"
 * matches that language's names only, NULL both; the variant level looks
 * at both always (a German spelling's skeleton may be the English one's).
 * Only the best level that finds anything is returned: exact, else
 * inflected (German -s/-es genitive, English 's), else part, else
 * variant.  Within
 * it one hit a place, ordered countries, regions, cities, provinces,
 * their subdivisions, then by code.  *HITS (NULL when *N is 0) is the
 * caller's to free with tmk_place_hits_free().  TMK_EINVAL for another
 * LANG_FROM or invalid UTF-8, TMK_ENOMEM. */
int tmk_places_lookup(tmk_places *p, tmk_place_hit **hits, size_t *n, const char *lang_from,
		      const char *query, size_t len);

void tmk_place_hits_free(tmk_place_hit *hits);

/* Is WORD[0..LEN) a place name in LANG ("de", "en"; NULL: either)?  For
 * spell and check.  1: a whole name ("Kundus", "Afghanistans" with the
 * German genitive, "Sankt Gallen") or a part (Dagestan); 2: only a word of a longer name
 * ("Gallen"; ordinary words too: "Stadt", "Insel", "Haus" are words of
 * ISO names, so a caller that must not take a common noun for a name
 * wants 1); 0: neither, and for a word of one letter.  Folded as for
 * lookups, except that a word starting with a lower-case letter is a
 * name only where the data writes it so ("al" of Ra's al Khaymah, not
 * "kabul"). */
int tmk_places_is_name(tmk_places *p, const char *lang, const char *word, size_t len);

/* "exact", "inflected", "part", "variant". */
const char *tmk_place_how_name(tmk_place_how how);

#endif
