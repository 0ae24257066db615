/*
 * resegment.h - splitting an XLIFF job segment that has no segmentation
 * of its own into sentences, for `analyze --segment` and `pretranslate
 * --segment` (issue 13): a 1.2 <trans-unit> without <seg-source>, or a
 * 2.0 <unit> with one <segment>, whose source holds several sentences
 * becomes one segment a sentence, as CAT tools segment a file on import.
 *
 * The sentences are tmkit's segmenter's (segment.h) in the job's source
 * language, run on the plain text with the inline codes taken out: a code
 * that marks up text (<g>, <bpt>, <pc>, <sc>, <mrk> ...) is left out, a
 * placeholder (<x/>, <ph>) stands as a space; line breaks count as spaces
 * (XLIFF text is wrapped for layout, and a line without a full stop would
 * otherwise read as a heading).
 *
 * Where each boundary goes among the codes and white space around it:
 * at the first white space there (the white space between two sentences
 * belongs to neither), else where the segmenter put it; then an opening
 * code just before it (<g>, <bpt>, <sc>) moves to the sentence after, a
 * closing one just after it (</g>, <ept>, <ec>) to the sentence before.
 * So "<g>Save.</g> Then <x/>go." splits into "<g>Save.</g>" and
 * "Then <x/>go.", and "Done.<x/>Next." into "Done.<x/>" and "Next.".  A
 * boundary that would still fall between the two ends of a paired code
 * (<g>..</g>, <bpt>..<ept>, <pc>..</pc>, <sc>..<ec>, <mrk>, <sm>..<em>) is
 * one too many: the segment is not split at all.
 *
 * Each sentence also gets its span in the source's markup as written
 * (the text the reader gives), so that a writer can copy it byte for byte
 * into a <seg-source> <mrk> or a new 2.0 <segment>; a source whose markup
 * holds elements that are neither codes nor characters (Trados' revision
 * marks) is not split.
 */
#ifndef TMK_RESEGMENT_H
#define TMK_RESEGMENT_H

#include <stddef.h>

#include "buf.h"
#include "formats/xliff.h"

/* One sentence of a segment's source. */
typedef struct {
	size_t start, end;      /* in the source's plain text: no white space
				   at either end */
	size_t mk_start, mk_end;/* the same in its markup as written */
	size_t code, ncodes;    /* its codes: the source's code .. code+ncodes-1
				   (placeholders U+E000+code ...) */
} tmk_reseg_piece;

/* Why a segment was not split. */
typedef enum {
	TMK_RESEG_SPLIT = 0,    /* it was: two or more sentences */
	TMK_RESEG_ONE,          /* one sentence (or no text) */
	TMK_RESEG_PAIR,         /* a boundary would cut a paired code */
	TMK_RESEG_MARKUP,       /* its markup cannot be cut where the text is
				   (elements that are no codes, reserved
				   characters) */
} tmk_reseg_why;

typedef struct tmk_resegmenter tmk_resegmenter;

int tmk_resegmenter_new(tmk_resegmenter **out);
void tmk_resegmenter_free(tmk_resegmenter *r);

/* Can unit U be split by tmkit at all: XLIFF 1.2 without <seg-source>,
 * or 2.0 with one <segment> and no canResegment="no"; never SDLXLIFF or
 * MQXLIFF (Trados and memoQ segment their files themselves, and their
 * tools must read the structure they wrote). */
int tmk_reseg_unit_ok(const tmk_xliff_unit *u);

/* Split the source of S into sentences of LANG (a BCP 47 tag: its
 * language picks the rules; German and English have them).  *OUT (the
 * caller's to free(), NULL when not split) gets *N >= 2 pieces in order
 * and *WHY TMK_RESEG_SPLIT, or *N == 0 and *WHY says why not.
 * TMK_EINVAL (with a message) for a language without rules. */
int tmk_reseg_split(tmk_resegmenter *r, const char *lang, const tmk_xliff_segment *s, tmk_reseg_piece **out,
		    size_t *n, tmk_reseg_why *why);

/* Append the plain text of piece P of S's source to OUT with its
 * placeholders numbered from 0 (U+E000 + k - P->code), as the reader
 * reads the sentence once it is a segment of its own. */
int tmk_reseg_text(tmk_buf *out, const tmk_xliff_segment *s, const tmk_reseg_piece *p);

/* The partner of code K (the source's numbering) of piece P in P's own
 * numbering, or -1. */
int tmk_reseg_partner(const tmk_xliff_segment *s, const tmk_reseg_piece *p, size_t k);

#endif
