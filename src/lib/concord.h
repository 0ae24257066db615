/*
 * concord.h - concordance: where a word or phrase occurs in the TM, in
 * context, with the aligned translation.  Case- and diacritic-insensitive;
 * German inflection and compounds are found (Anschlag finds Anschläge and
 * Terroranschlag), English inflection too (attack finds attacked).
 *
 * An all-caps token of 2 to 5 letters (IS, US, EU, BND) is an acronym: in
 * the query it matches only itself, case-sensitively and as a whole word
 * (IS never finds "ist" or "Islamische"); in the text it is found only by
 * that same acronym (the query "us" does not find "US").  Words joined by a
 * hyphen count as words side by side (IS-Miliz holds the word IS).
 * "Quoted phrases" in the query must occur as written in order, side by
 * side; the unquoted words form one more such group; groups may stand
 * anywhere in the unit.
 */
#ifndef TMK_CONCORD_H
#define TMK_CONCORD_H

#include <stddef.h>
#include <stdint.h>

#include "tm.h"

typedef struct {
	int64_t id;
	char *text;             /* the unit's side in the query's language */
	char *translation;      /* the other side */
	char *lang, *translation_lang;  /* their BCP 47 tags as stored */
	size_t start, end;      /* the first occurrence in TEXT (bytes) */
	char *origin;
	int how;                /* TMK_CONCORD_HOW_*: the loosest way a word matched */
} tmk_concord_hit;

/* How a hit's words were found, tightest first. */
enum {
	TMK_CONCORD_HOW_EXACT = 0,      /* the word as asked (case and accents aside) */
	TMK_CONCORD_HOW_INFLECTION,     /* the stem with an inflection ending */
	TMK_CONCORD_HOW_COMPOUND,       /* part of a longer word (Terroranschlag) */
};

/* Modes: asked in tmk_concord_opts.modes; reported by tmk_concord_modes(). */
enum {
	TMK_CONCORD_EXACT = 1,          /* the word as typed, whole: no stemming, no compound parts */
	TMK_CONCORD_CASE = 2,           /* letter case must agree */
	TMK_CONCORD_WORD = 4,           /* whole words: the word or its inflections, no compound parts */
	TMK_CONCORD_PHRASE = 8,         /* reported only: the query held a quoted phrase */
	TMK_CONCORD_ACRONYM = 16,       /* reported only: an acronym matched case-sensitively, whole */
};

/* Callers elsewhere initialise { lang, max } by position: keep those two
 * first and set the rest with designated initialisers. */
typedef struct {
	const char *lang;       /* the query's language range (default de; de covers de-CH) */
	int max;                /* most hits (default 20) */
	unsigned modes;         /* TMK_CONCORD_EXACT | _CASE | _WORD; 0: stems and compounds */
} tmk_concord_opts;

/* Hits for QUERY (a word or several), in TM order.  *OUT is freed with
 * tmk_concord_free().  TMK_EINVAL when the query has no word in it. */
int tmk_concord(tmk_tm *tm, tmk_concord_hit **out, size_t *n, const char *query, size_t len,
		const tmk_concord_opts *o);

void tmk_concord_free(tmk_concord_hit *h, size_t n);

/* The modes that apply to QUERY under O: O's modes (--exact implies whole
 * words), plus TMK_CONCORD_PHRASE and TMK_CONCORD_ACRONYM as the query
 * holds a quoted phrase or an acronym.  0 bits for a query with no word. */
unsigned tmk_concord_modes(const char *query, size_t len, const tmk_concord_opts *o);

/* The name of mode bit BIT ("exact", "case", "word", "phrase", "acronym")
 * and of a TMK_CONCORD_HOW_* value ("exact", "inflection", "compound");
 * static strings. */
const char *tmk_concord_mode_name(unsigned bit);
const char *tmk_concord_how_name(int how);

/* The stem tmkit searches for WORD's matching form (German or English
 * inflection endings removed), into OUT; exposed for tests. */
int tmk_stem(tmk_buf *out, const char *lang, const char *norm, size_t len);

/* How many bytes of NORM its stem keeps (tmk_stem without a buffer). */
size_t tmk_stem_len(const char *lang, const char *norm, size_t len);

#endif
