/*
 * exact.h - the units of the TM that hold a text exactly, and whether one
 * of them stood where a job's segment stands (a context match), for the
 * tools that work on a whole job (analyze, pretranslate).
 *
 * An exact unit is found by the hash its side is stored under
 * (tmk_tm_text_hash), never by the fuzzy search: a third of a typical job
 * is exact, and the hash costs one indexed row read.  Its text must equal
 * the query byte for byte (the hash is of the matching form, which folds
 * case and accents); its languages must fit as in tmk_lookup() (the same
 * languages, and for a variant pair such as en-US -> en-GB the tags
 * themselves).
 */
#ifndef TMK_EXACT_H
#define TMK_EXACT_H

#include <stddef.h>
#include <stdint.h>

#include "tm.h"

typedef struct {
	int64_t id;
	char *translation;      /* the unit's other side, NUL-terminated */
	size_t len;
	int lang_rank;          /* tmk_langtag_distance() of both tags (0: as asked) */
} tmk_exact;

/* The units (at most MAX) whose side in language FROM is TEXT[0..LEN)
 * itself, with TO ("" or NULL: any language) on the other side, from
 * either side of a unit, in the order the index gives them.  *OUT (NULL
 * when there are none) is freed with tmk_exact_free(). */
int tmk_exact_units(tmk_tm *tm, tmk_exact **out, size_t *n, const char *from, const char *to, const char *text,
		    size_t len, size_t max);
void tmk_exact_free(tmk_exact *e, size_t n);

/* Is unit ID a context match: in some file it came from (its first 8
 * places), the units before and after it read PREV and NEXT in language
 * FROM (NULL: there is none, and there must be none)?  0 or 1; a failed
 * read counts as no. */
int tmk_exact_in_context(tmk_tm *tm, int64_t id, const char *from, const char *prev, size_t plen,
			 const char *next, size_t nlen);

#endif
