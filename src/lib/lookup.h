/*
 * lookup.h - exact and fuzzy matches for a sentence, as a CAT tool shows
 * them: a match percentage from a word-level edit distance, the differing
 * words marked, and numbers and placeholders that differ from the query
 * substituted in the translation (as Trados' auto-localisation and
 * memoQ's number substitution do).
 */
#ifndef TMK_LOOKUP_H
#define TMK_LOOKUP_H

#include <stddef.h>
#include <stdint.h>

#include "tm.h"

typedef struct {
	size_t start, end;      /* a byte span */
} tmk_diff;

enum { TMK_SUBST_NUMBER, TMK_SUBST_PLACEHOLDER };

/* One number or placeholder substituted: the query's in place of the TM's. */
typedef struct {
	int kind;               /* TMK_SUBST_NUMBER (digits, a date's or a version's
				   digit group) or TMK_SUBST_PLACEHOLDER (%s, {0},
				   an inline code) */
	tmk_diff source;        /* the TM's in SOURCE (where the query differs) */
	tmk_diff original;      /* its counterpart in ORIGINAL_TARGET */
	tmk_diff target;        /* the query's in TARGET, in the target's notation */
} tmk_subst;

typedef struct {
	int score;              /* 0-100; 100 only for an identical text */
	int64_t id;
	char *source;           /* the matched text, in the query's language */
	char *target;           /* its translation, numbers and placeholders
				   substituted when SUBST says so */
	char *original_target;  /* the translation as stored when something was
				   substituted, else NULL */
	tmk_subst *subst;       /* the substitutions, in TARGET's order (one for
				   each place: a year the translation repeats
				   is two with the same SOURCE span) */
	size_t nsubst;
	char *source_lang;      /* their BCP 47 tags as stored (de-CH, en-GB) */
	char *target_lang;
	int lang_rank;          /* how far the tags are from those asked for (0: the same) */
	char *origin;           /* the first file it was imported from */
	tmk_diff *diff;         /* spans of SOURCE that differ from the query */
	size_t ndiff;
	size_t chardist;        /* character edit distance, breaks ties */
} tmk_match;

typedef struct {
	const char *from;       /* the query's language range (BCP 47, default de):
				   "de" finds every German variant, "de-CH" ranks
				   de-CH first, then de, then de-DE and the others */
	const char *to;         /* the translation's (default: en for German, else de);
				   en-US -> en-GB looks up a variant-to-variant unit */
	int min;                /* lowest score shown (default 70) */
	int max;                /* most matches (default 5) */
	int best;               /* only the best score matters (analyze): a
				   candidate that cannot reach the best found so
				   far is not scored, and lower matches may be
				   missing from the list */
} tmk_lookup_opts;

/* Substitution's settings (all zero: the defaults). */
typedef struct {
	int penalty;            /* points off per number or placeholder substituted
				   (0: the default, 1; TMK_SUBST_FREE: none) */
	int off;                /* 1: never substitute (the plain fuzzy score) */
} tmk_subst_opts;

#define TMK_SUBST_FREE (-1)

/* Matches for QUERY[0..LEN) (NFC UTF-8), best first.  Candidates come from
 * the word index (never a scan of the TM), then are scored exactly.
 *
 * Substitution: when the query's numbers and placeholders are as many as
 * the TM source's, of each kind, and pair up one to one in order, each
 * pair that differs (2024 for 2023, %d for %s, 15.03.2025 for 14.03.2025
 * group by group) is looked for in the TM's translation (a number by its
 * value in either notation, 2.000 = 2,000; a placeholder by its text; a
 * value the source holds once: wherever the translation has it; the same
 * value twice: the n-th in the source is the n-th in the translation)
 * and replaced there by the query's, a number written in the notation the
 * translation uses (German 2.000,5, English 2,000.5).  Such a match is
 * scored as if the pairs were equal, minus a point a pair (the penalty of
 * tmk_subst_opts);
 * one that differs in nothing else keeps at least 95 (memoQ's band for
 * "differs only in numbers, tags, punctuation"), and never 100.  If one
 * pair cannot be found in the translation, nothing is substituted and the
 * plain score stands.  The differing words are marked in DIFF either way.
 * *OUT is freed with tmk_matches_free(). */
int tmk_lookup(tmk_tm *tm, tmk_match **out, size_t *n, const char *query, size_t len,
	       const tmk_lookup_opts *o);

/* tmk_lookup() with substitution set by SO (NULL: the defaults). */
int tmk_lookup_with(tmk_tm *tm, tmk_match **out, size_t *n, const char *query, size_t len,
		    const tmk_lookup_opts *o, const tmk_subst_opts *so);

void tmk_matches_free(tmk_match *m, size_t n);

/* The match score of candidate C against query Q (both plain text in
 * LANG, which tells function words from content words; NULL: every word
 * a content word), with the differing spans of C, without substitution;
 * exposed for tests. */
int tmk_match_score(const char *q, size_t qlen, const char *c, size_t clen, const char *lang,
		    tmk_diff **diff, size_t *ndiff);

/* Score the unit SOURCE (language SLANG) -> TARGET (TLANG) against query Q
 * as tmk_lookup() does, substitution included (SO; NULL: the defaults).
 * *M gets score, diff, target,
 * original_target and subst (source is left NULL); release it with
 * tmk_matches_free(M, 1) if it was malloc()ed, else free its fields with
 * tmk_match_release().  Exposed for tests and for callers that hold their
 * own candidates. */
int tmk_match_unit(tmk_match *m, const char *q, size_t qlen, const char *source, size_t slen,
		   const char *slang, const char *target, size_t tlen, const char *tlang,
		   const tmk_subst_opts *so);

/* Free what match M holds (not M itself). */
void tmk_match_release(tmk_match *m);

#endif
