/*
 * lang.h - which language a text is in.
 *
 * A text is scored against a stop-word profile of each language tmkit
 * knows (dictionaries/lang/LANG.words, compiled in): its most frequent
 * articles, pronouns, prepositions, conjunctions and auxiliaries, which
 * make up a third to a half of any running text in that language and
 * hardly depend on its subject.  Commands that take --lang default to a
 * German-or-English guess, so that a translator can run `tmkit segment
 * draft.txt` on either side of a job; `tmkit align` checks that its two
 * inputs are not swapped or in one language.
 */
#ifndef TMK_LANG_H
#define TMK_LANG_H

#include <stddef.h>

/* What tmk_lang_identify() found. */
typedef struct {
	const char *lang;       /* "de", "en", "es", "fr", "it", "nl", "pt" or "unknown" */
	double confidence;      /* 0-1, see tmk_lang_identify() */
	const char *best;       /* the best-scoring language, also when LANG is unknown */
	const char *runner_up;  /* the language closest to BEST */
	size_t words;           /* the words read */
	size_t hits;            /* how many of them are in LANG's profile */
} tmk_lang_result;

/* Identify the language of S[0..LEN) (UTF-8; at most the first MiB is
 * read).  CONFIDENCE is the best language's lead over each other one on
 * the words that tell the two apart (in one profile, not the other),
 * (best - other) / (best + other + 8), the smallest over the others: 0
 * for a tie, near 1 for a long text all of one side; the 8 shrinks the
 * lead of a few words.  LANG is "unknown" unless the confidence is at
 * least TMK_LANG_MIN_CONFIDENCE, the best language has 10 such words
 * over the runner-up, and a sixth of the words are in its profile (a
 * list of names, a table of numbers, a text in a language without a
 * profile); so a sentence or two, or a text of two languages in equal
 * parts, reads as unknown rather than as the wrong one.  Returns 0, or
 * TMK_ENOMEM (or TMK_EINPUT naming the line of a malformed profile, a
 * build's mistake that test_lang catches). */
int tmk_lang_identify(tmk_lang_result *out, const char *s, size_t len);

#define TMK_LANG_MIN_CONFIDENCE 0.5

/* The English name of language CODE ("German" for "de"), or CODE itself
 * when it has no profile.  Static storage or CODE. */
const char *tmk_lang_name(const char *code);

/* "de" or "en", whichever S[0..LEN) looks more like, by counting the
 * function words of each that the other lacks; German when the text
 * gives no clue (or memory runs out).  At most the first 64 KiB are read. */
const char *tmk_lang_guess(const char *s, size_t len);

#endif
