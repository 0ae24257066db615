/*
 * align.h - sentence alignment of a German text and its English
 * translation: which sentences translate which.
 */
#ifndef TMK_ALIGN_H
#define TMK_ALIGN_H

#include <stddef.h>

#include "lexicon.h"

typedef struct {
	const char *text;       /* NFC UTF-8 */
	size_t len;
	size_t paragraph;       /* 0-based paragraph index */
} tmk_align_sent;

typedef struct {
	size_t de, nde;         /* German sentences de .. de+nde-1 (nde may be 0) */
	size_t en, nen;         /* English sentences */
	double score;           /* 0..1: the probability that the bead is right */
} tmk_bead;

typedef struct {
	const tmk_lexicon *lex; /* NULL: length, numbers, names and cognates only */
	const tmk_lexicon *glossary;    /* the term base's pairs (tmk_term_lexicon), or NULL */
} tmk_align_opts;

/* Align DE[0..NDE) with EN[0..NEN): beads in order, covering every
 * sentence once.  *OUT is the caller's to free(). */
int tmk_align(tmk_bead **out, size_t *n, const tmk_align_sent *de, size_t nde,
	      const tmk_align_sent *en, size_t nen, const tmk_align_opts *o);

#endif
