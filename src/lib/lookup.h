/*
 * lookup.h - exact and fuzzy matches for a sentence, as a CAT tool shows
 * them: a match percentage from a word-level edit distance, the differing
 * words marked.
 */
#ifndef TMK_LOOKUP_H
#define TMK_LOOKUP_H

#include <stddef.h>
#include <stdint.h>

#include "tm.h"

typedef struct {
	size_t start, end;      /* a byte span */
} tmk_diff;

typedef struct {
	int score;              /* 0-100; 100 only for an identical text */
	int64_t id;
	char *source;           /* the matched text, in the query's language */
	char *target;           /* its translation */
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
} tmk_lookup_opts;

/* Matches for QUERY[0..LEN) (NFC UTF-8), best first.  Candidates come from
 * the word index (never a scan of the TM), then are scored exactly.
 * *OUT is freed with tmk_matches_free(). */
int tmk_lookup(tmk_tm *tm, tmk_match **out, size_t *n, const char *query, size_t len,
	       const tmk_lookup_opts *o);

void tmk_matches_free(tmk_match *m, size_t n);

/* The match score of candidate C against query Q (both plain text), with
 * the differing spans of C; exposed for tests. */
int tmk_match_score(const char *q, size_t qlen, const char *c, size_t clen,
		    tmk_diff **diff, size_t *ndiff);

#endif
