/*
 * qa_internal.h - what the checker's files (qa.c, qa_num.c, qa_terms.c)
 * share: the rule ids, the checker's state, and how a rule reports.
 */
#ifndef TMK_QA_INTERNAL_H
#define TMK_QA_INTERNAL_H
#include <stdarg.h>
#include <unicode/uchar.h>
#include <unicode/uregex.h>

#include "buf.h"
#include "qa.h"

enum {
	R_TERM_MISSING, R_TERM_FORBIDDEN, R_INCONSISTENT_TARGET, R_INCONSISTENT_SOURCE,
	R_NUMBER_MISMATCH, R_UNTRANSLATED, R_EMPTY_TARGET, R_END_PUNCTUATION, R_DOUBLE_SPACE,
	R_QUOTE_STYLE, R_BRACKET_MISMATCH, R_URL_MISMATCH, R_LENGTH_RATIO, R_SPELLING, R_PLACE_SPELLING,
	R__COUNT
};

typedef struct {
	size_t file;            /* index into tmk_qa.files */
	long line;
	char src_lang[8], tgt_lang[8];
	char *src, *tgt;
	size_t sl, tl;
	char *seg;              /* segment id, or NULL */
} qa_unit;

typedef struct qa_terms qa_terms;

struct tmk_qa {
	tmk_severity sev[R__COUNT];
	qa_unit *units;
	size_t nunits, cap;
	char **files;
	size_t nfiles;
	tmk_qa_finding *found;
	size_t nfound, nskipped;
	struct {
		int rule;       /* -1: every rule */
		URegularExpression *re;
	} *ignores;
	size_t nignores;
	char (*accepted)[17];
	size_t naccepted;
	qa_terms *terms;
	struct tmk_speller *spell[2];   /* de, en: made when the spelling rule runs */
	tmk_tm *spell_tm;               /* whose glossary the spellers know, or NULL */
	struct tmk_places *places;      /* place names, opened when place-spelling runs */
};

/* Report a finding of RULE on unit UNIT, marking [START, END) of its
 * source (SIDE 1) or target (2), or nothing (0); MESSAGE as printf. */
int qa_found(tmk_qa *q, size_t unit, int rule, int side, size_t start, size_t end, const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));

/* The glossary's terms (qa_terms.c). */
void tmk_qa_terms_free(qa_terms *t);
int qa_terms_check(tmk_qa *q, size_t unit);

/* The place-spelling rule on unit UNIT (qa_places.c). */
int qa_place_spelling(tmk_qa *q, size_t unit);

/* Append the variant-folded form of S[0..N) to OUT: its matching form
 * with British and American spellings, hyphenated compounds and dotted
 * acronyms made alike (qa_variants.c). */
int qa_variant_fold(tmk_buf *out, const char *s, size_t n);

/* S[0..N) holds NEEDLE[0..M)?  Its position, or NULL. */
const char *qa_find(const char *s, size_t n, const char *needle, size_t m);

#endif
