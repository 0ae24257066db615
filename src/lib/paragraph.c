/*
 * paragraph.c - paragraph splitting; see paragraph.h for the rules.
 *
 * Works line by line over a block (a run of non-blank lines).  Whether a
 * line ends its paragraph depends on the line itself (its last character),
 * the next line (its first character) and the block (how long its lines
 * are: in hard-wrapped text most lines are close to the longest one).
 */
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>

#include "error.h"
#include "paragraph.h"
#include "utf8.h"

typedef struct {
	size_t start, end;      /* content, trimmed of whitespace */
	size_t chars;           /* length in code points */
	int hard_end;           /* ended by U+2029: paragraph ends here */
} line_t;

/* Split S into lines, trimmed.  Blank lines get start == end. */
static int split_lines(line_t **out, size_t *n, const char *s, size_t len)
{
	size_t cap = 64, count = 0, i = 0;
	line_t *lines = malloc(cap * sizeof(*lines));

	if (!lines)
		return tmk_error_oom();
	while (i <= len) {
		size_t ls = i, le, next;
		int hard = 0;

		/* find the end of this line */
		for (le = i; le < len; le++) {
			unsigned char b = (unsigned char)s[le];
			if (b == '\n' || b == '\r')
				break;
			if (b == 0xE2 && le + 2 < len && (unsigned char)s[le + 1] == 0x80 &&
			    ((unsigned char)s[le + 2] == 0xA8 || (unsigned char)s[le + 2] == 0xA9))
				break;
		}
		if (le == len)
			next = len + 1;
		else if (s[le] == '\r')
			next = le + 1 < len && s[le + 1] == '\n' ? le + 2 : le + 1;
		else if (s[le] == '\n')
			next = le + 1;
		else {
			hard = (unsigned char)s[le + 2] == 0xA9;
			next = le + 3;
		}
		if (count == cap) {
			line_t *nl = realloc(lines, (cap *= 2) * sizeof(*lines));
			if (!nl) {
				free(lines);
				return tmk_error_oom();
			}
			lines = nl;
		}
		ls = tmk_utf8_span_fwd(s, le, ls, tmk_is_space, 1);
		le = tmk_utf8_span_back(s, ls, le, tmk_is_space, 1);
		lines[count].start = ls;
		lines[count].end = le;
		lines[count].chars = tmk_utf8_count(s + ls, le - ls);
		lines[count].hard_end = hard;
		count++;
		i = next;
	}
	*out = lines;
	*n = count;
	return 0;
}

/* Characters after which a line may end without ending its paragraph, or
 * which end a sentence: a line ending in one of these is never a heading. */
static int is_continuing_end(int32_t c)
{
	switch (c) {
	case '.': case '!': case '?': case ':': case ';': case ',':
	case '-': case '/': case '&': case '+':
	case 0x2026: /* … */ case 0x2013: /* – */ case 0x2014: /* — */
		return 1;
	}
	return 0;
}

/* Quotation marks and closing brackets that may follow final punctuation. */
static int is_closer(int32_t c)
{
	return c == '"' || c == '\'' || c == ')' || c == ']' ||
	       u_hasBinaryProperty(c, UCHAR_QUOTATION_MARK) ||
	       u_charType(c) == U_END_PUNCTUATION;
}

/* A list item marker at the start of a line: a bullet and a space, or a
 * number or letter and "." or ")" and a space ("1. ", "a) "). Returns 1
 * for bullets, 2 for numbered items, 0 otherwise. */
static int item_marker(const char *s, size_t start, size_t end)
{
	size_t i = start, k;
	int32_t c = tmk_utf8_next(s, end, &i);

	if (c == '-' || c == '*' || c == 0x2022 || c == 0x2013 || c == 0x2014 || c == 0x25CF ||
	    c == 0x25AA || c == 0x2023) {
		k = i;
		return i < end && tmk_is_space(tmk_utf8_next(s, end, &k)) ? 1 : 0;
	}
	if (c >= '0' && c <= '9') {
		while (i < end && s[i] >= '0' && s[i] <= '9' && i - start < 3)
			i++;
	} else if (!(c < 0x80 && u_isalpha(c))) {
		return 0;
	}
	if (i < end && (s[i] == '.' || s[i] == ')') && i + 1 < end && (s[i + 1] == ' ' || s[i + 1] == '\t'))
		return 2;
	return 0;
}

/* Whether the line holds a sentence end followed by more text ("Satz. Und
 * weiter"): such a line is running prose, never a heading. */
static int has_inner_sentence_end(const char *s, const line_t *l)
{
	for (size_t i = l->start; i + 1 < l->end; i++)
		if ((s[i] == '.' || s[i] == '!' || s[i] == '?') && s[i + 1] == ' ' &&
		    i > l->start && s[i - 1] != ' ')
			return 1;
	return 0;
}

/* Whether line L (not the last of its block) ends its paragraph. */
static int ends_paragraph(const char *s, const line_t *l, const line_t *next, size_t block_max)
{
	size_t i = l->end;
	int32_t last = tmk_utf8_prev(s, &i), first;
	int item = item_marker(s, next->start, next->end);

	if (l->hard_end)
		return 1;
	/* a list item starts a paragraph unless it is numbered and the line
	 * before it stops mid-sentence ("am\n1. Juli") */
	if (item == 1 || (item == 2 && !(u_isalnum(last) || last == ',')))
		return 1;
	while (is_closer(last) && i > l->start) {
		size_t k = i;
		int32_t before = tmk_utf8_prev(s, &k);
		if (!is_continuing_end(before) && !is_closer(before))
			break;          /* "(Foto: dpa)": the bracket is the end */
		last = before;
		i = k;
	}
	if (is_continuing_end(last))
		return 0;
	/* the next line continues the sentence if it starts in lower case */
	i = next->start;
	first = tmk_utf8_next(s, next->end, &i);
	if (u_islower(first))
		return 0;
	if (has_inner_sentence_end(s, l))
		return 0;
	/* hard-wrapped prose: this line fills most of the width of its block */
	if (block_max >= 40 && l->chars * 4 >= block_max * 3)
		return 0;
	return 1;
}

int tmk_paragraphs(tmk_span **out, size_t *n, const char *s, size_t len)
{
	line_t *lines = NULL;
	size_t nlines = 0, cap = 16, count = 0, i = 0;
	tmk_span *paras = NULL;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = split_lines(&lines, &nlines, s, len)) < 0)
		return rc;
	paras = malloc(cap * sizeof(*paras));
	if (!paras) {
		free(lines);
		return tmk_error_oom();
	}
	while (i < nlines) {
		size_t b = i, e, max = 0;

		if (lines[i].start == lines[i].end) {
			i++;
			continue;
		}
		/* the block: lines b..e-1, non-blank */
		for (e = b; e < nlines && lines[e].start != lines[e].end; e++)
			if (lines[e].chars > max)
				max = lines[e].chars;
		for (size_t k = b; k < e; k++) {
			size_t first = k;
			while (k + 1 < e && !ends_paragraph(s, &lines[k], &lines[k + 1], max))
				k++;
			if (count == cap) {
				tmk_span *np = realloc(paras, (cap *= 2) * sizeof(*paras));
				if (!np) {
					free(paras);
					free(lines);
					return tmk_error_oom();
				}
				paras = np;
			}
			paras[count].start = lines[first].start;
			paras[count].end = lines[k].end;
			count++;
		}
		i = e;
	}
	free(lines);
	*out = paras;
	*n = count;
	return 0;
}
