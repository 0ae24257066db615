/*
 * fuzzy.h - which units a fuzzy lookup scores: candidates from the TM's
 * word index, for lookup.c.
 */
#ifndef TMK_FUZZY_H
#define TMK_FUZZY_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "tm.h"

/* The ids of the units worth scoring against a query whose matching form
 * (tmk_norm_match) is QNORM, searched in the word index's COLUMN
 * ("source_norm" or "target_norm"), likeliest first.  *OUT is the
 * caller's to free; *N may be 0. */
int tmk_fuzzy_candidates(tmk_tm *tm, int64_t **out, size_t *n, const char *column, const tmk_buf *qnorm);

#endif
