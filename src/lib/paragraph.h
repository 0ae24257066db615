/*
 * paragraph.h - splitting running text into paragraphs.
 *
 * A paragraph ends at an empty line, and after a heading: a line without
 * final punctuation that is followed by a line break (a headline, a
 * subhead, a dateline).  Hard-wrapped prose (lines broken at a fixed width)
 * is recognised and kept together, as are lines that end mid-sentence.  A
 * bulleted or numbered list item on its own line starts a new paragraph.
 */
#ifndef TMK_PARAGRAPH_H
#define TMK_PARAGRAPH_H

#include <stddef.h>

typedef struct {
	size_t start;   /* first byte of the paragraph's first non-space character */
	size_t end;     /* one past its last non-space character */
} tmk_span;

/* The paragraphs of S[0..LEN) (LF, CRLF, CR, U+2028 end lines; U+2029 ends
 * a paragraph).  *OUT is the caller's to free(); *N may be 0 (empty or
 * blank input). */
int tmk_paragraphs(tmk_span **out, size_t *n, const char *s, size_t len);

#endif
