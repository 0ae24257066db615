/*
 * paragraph.h - splitting running text into paragraphs.
 *
 * A paragraph ends at an empty line, and after a heading: a line without
 * final punctuation that is followed by a line break (a headline, a
 * subhead, a dateline).  Hard-wrapped prose (lines broken at a fixed width)
 * is recognised and kept together, as are lines that end mid-sentence and
 * lines before a lower-case word or a figure.  A bulleted or numbered list
 * item on its own line starts a new paragraph, and so does each line of a
 * block with no sentence punctuation at all.  The named line rules of
 * paragraph.c decide, the first with an opinion.
 */
#ifndef TMK_PARAGRAPH_H
#define TMK_PARAGRAPH_H

#include <stddef.h>

#include "segrules.h"

/* Newline policies: whether a single line break may end a paragraph. */
enum {
	TMK_NEWLINE_DEFAULT = 0,  /* by the line rules (paragraph.c): after a
				     heading, before a list item */
	TMK_NEWLINE_KEEP = 1,     /* every line break ends a paragraph */
	TMK_NEWLINE_JOIN = 2,     /* only empty lines (and U+2029) do */
};

typedef struct {
	size_t start;   /* first byte of the paragraph's first non-space character */
	size_t end;     /* one past its last non-space character */
} tmk_span;

/* The paragraphs of S[0..LEN) (LF, CRLF, CR, U+2028 end lines; U+2029 ends
 * a paragraph).  *OUT is the caller's to free(); *N may be 0 (empty or
 * blank input). */
int tmk_paragraphs(tmk_span **out, size_t *n, const char *s, size_t len);

/* The same with a newline POLICY (TMK_NEWLINE_*) and the language data
 * RULES (NULL: none) for the line rules that need words (continuers). */
int tmk_paragraphs_rules(tmk_span **out, size_t *n, const char *s, size_t len,
			 const tmk_segrules *rules, int policy);

/* The line rules, for tests: the name of rule I (NULL past the last), and
 * rule NAME's verdict on the break after the first line of S (two
 * lines): 1 break, 0 join, -1 no opinion; TMK_EINVAL for an
 * unknown name. */
const char *tmk_paragraph_rule_name(size_t i);
int tmk_paragraph_rule(const char *name, const tmk_segrules *rules, const char *s, size_t len);

#endif
