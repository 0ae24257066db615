/*
 * textnorm.h - the forms of text used for matching, and its tokens.
 *
 * A TM finds "Anschläge" when asked for "ANSCHLAGE" and "Straße" for
 * "strasse": both sides are reduced to a matching form (case-folded with
 * full folding, so ß is ss; diacritics removed; whitespace runs one space)
 * before hashing and indexing.
 */
#ifndef TMK_TEXTNORM_H
#define TMK_TEXTNORM_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/* Append the matching form of S[0..LEN) (valid UTF-8) to OUT. */
int tmk_norm_match(tmk_buf *out, const char *s, size_t len);

/* 64-bit FNV-1a of S, continuing from SEED (start with TMK_HASH_SEED). */
#define TMK_HASH_SEED 14695981039346656037ULL
uint64_t tmk_hash(uint64_t seed, const char *s, size_t len);

/* Levenshtein distance of A[0..N) and B[0..M) in bytes (of matching forms,
 * names: close enough to characters for ranking); one row of M + 1
 * counters, so callers cap the lengths.  (size_t)-1 when out of memory. */
size_t tmk_byte_distance(const char *a, size_t n, const char *b, size_t m);

typedef struct {
	size_t start, end;      /* byte span in the text tokenised */
	int word;               /* letters/digits (1), else 0 */
	int placeholder;        /* a placeholder (1; word is 0), see tmk_tokenize */
} tmk_token;

/* Split S into words (runs of letters and digits, with inner apostrophes,
 * hyphens, and the dots and commas of numbers), placeholders and
 * punctuation marks; whitespace separates and is dropped.  A placeholder
 * is one token, never a mark and a word: printf's %s %d %1$s %-5.2lf %m,
 * Python's %(name)s, Qt's %1, {0} {name} {0:N2} {{name}} {{ name }}, $1,
 * and any private-use character U+E000..U+F8FF (the XLIFF reader's stand-in
 * for an inline code).  What prose uses the same characters for is not
 * one: a % after a digit (20%ige, 5%-Hürde), %% (a percent sign), "in %
 * der" (no space flag), an upper-case conversion followed by a letter
 * (%-Grenze), $10 and $1.5 (only $1 to $9 alone are placeholders, so
 * "$1 billion" is one too: lookup then substitutes it as a number).
 * Callers that look at words skip placeholders as they skip punctuation.
 * *OUT is the caller's to free(). */
int tmk_tokenize(tmk_token **out, size_t *n, const char *s, size_t len);

/* Length of the placeholder at S[I] as tmk_tokenize() reads it, or 0;
 * PREV is the code point before it (0 at the start). */
size_t tmk_placeholder_len(const char *s, size_t len, size_t i, int32_t prev);

/* The cognate skeleton of word W (matching form) into OUT (at most CAP
 * bytes, not terminated); its length.  Spellings that differ between
 * German and English for the same sound are folded to one (dsch, j, y ->
 * i; tsch -> ch; sch -> sh; kh -> ch; ph -> f; th -> t; c before e, i, y
 * -> s, else k; ck, q -> k; z -> s) and doubled letters made single, so
 * Tadschikistan and Tajikistan, Dschihadisten and jihadists, Mossul and
 * Mosul, Kalifat and caliphate, Zentrum and centre begin alike. */
size_t tmk_cognate_skeleton(char *out, size_t cap, const char *w, size_t n);

/* Number of words in S: word tokens, and placeholders written as text
 * (%s, {0}: each stands for a name or a number, and was counted as a word
 * when %s was split into % and s), not inline-code characters (markup,
 * which CAT tools count apart from words).  The fuzzy lookup's length
 * filter compares these counts. */
size_t tmk_count_words(const char *s, size_t len);

#endif
