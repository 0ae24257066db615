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
	int word;               /* letters/digits (1) or one punctuation mark (0) */
} tmk_token;

/* Split S into words (runs of letters and digits, with inner apostrophes,
 * hyphens, and the dots and commas of numbers) and punctuation marks;
 * whitespace separates and is dropped.  *OUT is the caller's to free(). */
int tmk_tokenize(tmk_token **out, size_t *n, const char *s, size_t len);

/* The cognate skeleton of word W (matching form) into OUT (at most CAP
 * bytes, not terminated); its length.  Spellings that differ between
 * German and English for the same sound are folded to one (dsch, j, y ->
 * i; tsch -> ch; sch -> sh; kh -> ch; ph -> f; th -> t; c before e, i, y
 * -> s, else k; ck, q -> k; z -> s) and doubled letters made single, so
 * Tadschikistan and Tajikistan, Dschihadisten and jihadists, Mossul and
 * Mosul, Kalifat and caliphate, Zentrum and centre begin alike. */
size_t tmk_cognate_skeleton(char *out, size_t cap, const char *w, size_t n);

/* Number of word tokens in S. */
size_t tmk_count_words(const char *s, size_t len);

#endif
