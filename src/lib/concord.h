/*
 * concord.h - concordance: where a word or phrase occurs in the TM, in
 * context, with the aligned translation.  Case- and diacritic-insensitive;
 * German inflection and compounds are found (Anschlag finds Anschläge and
 * Terroranschlag), English inflection too (attack finds attacked).
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
} tmk_concord_hit;

typedef struct {
	const char *lang;       /* the query's language range (default de; de covers de-CH) */
	int max;                /* most hits (default 20) */
} tmk_concord_opts;

/* Hits for QUERY (a word or several), in TM order.  *OUT is freed with
 * tmk_concord_free().  TMK_EINVAL when the query has no word in it. */
int tmk_concord(tmk_tm *tm, tmk_concord_hit **out, size_t *n, const char *query, size_t len,
		const tmk_concord_opts *o);

void tmk_concord_free(tmk_concord_hit *h, size_t n);

/* The stem tmkit searches for WORD's matching form (German or English
 * inflection endings removed), into OUT; exposed for tests. */
int tmk_stem(tmk_buf *out, const char *lang, const char *norm, size_t len);

/* How many bytes of NORM its stem keeps (tmk_stem without a buffer). */
size_t tmk_stem_len(const char *lang, const char *norm, size_t len);

#endif
