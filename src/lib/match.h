/*
 * match.h - scoring a TM unit against a lookup's query, shared by
 * lookup.c (retrieval and scoring), match_toks.c (tokens and the edit
 * distance) and match_subst.c (number and placeholder substitution).
 * Internal to the library.
 */
#ifndef TMK_MATCH_H
#define TMK_MATCH_H

#include <stddef.h>

#include "buf.h"
#include "lookup.h"
#include "textnorm.h"

/* A number or placeholder of a text: what substitution pairs and swaps. */
typedef struct {
	size_t tok;             /* its token */
	size_t start, end;      /* its bytes: the token, or one digit group of it */
	int kind;               /* TMK_SUBST_NUMBER or TMK_SUBST_PLACEHOLDER */
	int whole;              /* a number read as a whole (2.000,5), not a group */
} item;

typedef struct {
	tmk_token *t;
	size_t n;
	tmk_buf keys;           /* matching form of each token, NUL-separated */
	size_t *key;            /* offset of token i's key in keys */
	int *w;                 /* weight of token i (match_weight.c) */
	size_t *stem;           /* bytes of token i's key its stem keeps */
	int weight;             /* sum of token weights */
	item *it;               /* the numbers and placeholders, in text order */
	size_t nit;
} toks;

void tmk_toks_release(toks *t);

/* Tokens of S[0..LEN), their numbers and placeholders, and with KEYS
 * their matching forms (a placeholder's is its bytes: %S is not %s),
 * weights and stems, for the language LANG (a tag or range; NULL: none
 * known, every word a content word). */
int tmk_toks_make(toks *t, const char *s, size_t len, int keys, const char *lang);

/* Token weights in the edit distance (match_weight.c): a content word
 * counts 20, a number 3 (substitution usually makes up for it; when it
 * cannot, the translation needs an edit), a function word, a punctuation
 * mark or an inline code 1; a content word that differs only in its
 * ending costs 2. */
enum { TMK_WEIGHT_CONTENT = 20, TMK_WEIGHT_NUMBER = 3, TMK_WEIGHT_MINOR = 1, TMK_WEIGHT_STEM = 2 };

typedef struct tmk_wordlist tmk_wordlist;

/* The function words of LANG (a tag or range), folded as matching forms
 * are; NULL for a language without a list (or LANG NULL). */
const tmk_wordlist *tmk_function_words(const char *lang);

/* The weight of token T of S, whose matching form is KEY, with the
 * function words FW (NULL: none). */
int tmk_match_weight(const tmk_wordlist *fw, const char *s, const tmk_token *t, const char *key, size_t klen);

/* Is token T of S a number: 1 as a whole (2023, 2.000,5, 4.2), 2 as
 * digit groups (a date, a version, a range), 0 not. */
int tmk_number_token(const char *s, const tmk_token *t);

/* Do token I of A and token J of B match (their matching forms)? */
int tmk_toks_same(const toks *a, size_t i, const toks *b, size_t j);

/* The (m + 1) x (n + 1) matrix of token edit distances of query A to
 * candidate B; query token i also equals candidate token PAIR[i] when
 * PAIR is given.  NULL when out of memory; the caller frees it. */
int *tmk_edit_matrix(const toks *a, const toks *b, const size_t *pair);

/* The percentage for distance DIST of A and B: 99 at most unless their
 * texts are IDENTICAL (the same bytes). */
int tmk_match_percent(const toks *a, const toks *b, int dist, int identical);

/* The spans of candidate B that the cheapest edit of matrix D substituted
 * or inserted, in text order, into *DIFF (*NDIFF of them). */
int tmk_diff_spans(const toks *a, const toks *b, const int *d, tmk_diff **diff, size_t *ndiff);

/* What scoring needs of the query: its tokens (made once a lookup: up to
 * 150 candidates are scored against them) and the points a substitution
 * costs (-1: do not substitute). */
typedef struct {
	const char *q;
	size_t qlen;
	const toks *qt;
	int penalty;
} scorer;

/* A unit scored: what add_match() takes over. */
typedef struct {
	int score;
	tmk_diff *diff;
	size_t ndiff;
	char *target;                   /* the translation substituted, or NULL */
	tmk_subst *sub;
	size_t nsub;
} scored;

void tmk_scored_release(scored *r);

/* Substitute in TGT (TLEN bytes, language TLANG) what differs between the
 * query and the unit's source SRC (tokens B, language SLANG), and score
 * it: R keeps its plain score and gets the substituted translation and a
 * higher score when that works out.  0 also when it does not. */
int tmk_subst_try(const scorer *sc, const toks *b, const char *src, const char *slang, const char *tgt,
		  size_t tlen, const char *tlang, scored *r);

#endif
