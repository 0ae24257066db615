/*
 * segment.h - sentence segmentation of German and English prose.
 *
 * ICU's sentence BreakIterator proposes boundaries; language rules (see
 * segrules.h and dictionaries/segment/) remove the wrong ones (after
 * abbreviations, initials, German ordinals, list numbers, inside tokens)
 * and add the ones ICU misses (after footnote numbers, after an ellipsis,
 * before a sentence that starts with a digit, after "?" before a quote).
 */
#ifndef TMK_SEGMENT_H
#define TMK_SEGMENT_H

#include <stddef.h>

#include "buf.h"

typedef struct {
	size_t start;       /* byte offset of the first character */
	size_t end;         /* one past the last (trailing spaces excluded) */
	size_t paragraph;   /* 0-based index of its paragraph */
} tmk_sentence;

typedef struct tmk_segmenter tmk_segmenter;

enum {
	TMK_SEG_ICU_ONLY = 1 << 0,  /* ICU's boundaries only, no language rules
				       (for comparison and evaluation) */
	TMK_SEG_KEEP_NEWLINES = 1 << 1, /* every line break is a boundary */
	TMK_SEG_JOIN_LINES = 1 << 2,    /* a single line break never is one
					   (an empty line always is) */
};
/* Without either newline flag a single line break is a boundary only
 * after sentence-final punctuation (when the sentence rules keep it), or
 * before a list item or after a heading (the line rules of paragraph.c). */

/* A segmenter for LANG ("de" or "en").  TMK_EINVAL for other languages. */
int tmk_segmenter_new(tmk_segmenter **out, const char *lang, unsigned flags);
void tmk_segmenter_free(tmk_segmenter *seg);

/* Split S[0..LEN) (NFC UTF-8, e.g. a tmk_text's data) into paragraphs and
 * sentences.  *OUT (the caller's to free()) gets *N sentences in order;
 * offsets are into S.  Empty input gives *N == 0. */
int tmk_segment(tmk_segmenter *seg, const char *s, size_t len, tmk_sentence **out, size_t *n);

/* Append the text of sentence SNT of S to OUT with each whitespace run
 * (line breaks included) turned into one space, and a word hyphenated at
 * a line end joined: "Verfassungs-\nschutz" gives "Verfassungsschutz",
 * "Nord-\nSüd" gives "Nord-Süd" (a capital or digit after the break keeps
 * the hyphen, and so does an acronym before it: "EU-\nweit"), "Ein-\nund
 * Ausreise" gives "Ein- und Ausreise". */
int tmk_sentence_text(tmk_buf *out, const char *s, const tmk_sentence *snt);

#endif
