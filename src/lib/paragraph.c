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
#include "segrules.h"
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

/* End of a list number at I ("12", "b", "iv", "IV"), or I when there is
 * none: up to 3 digits, one ASCII letter, or up to 5 Roman numerals. */
static size_t item_number_end(const char *s, size_t i, size_t end)
{
	size_t k = i;

	while (k < end && k - i < 3 && s[k] >= '0' && s[k] <= '9')
		k++;
	if (k > i)
		return k;
	while (k < end && k - i < 5 && strchr("ivxIVX", s[k]) && s[k])
		k++;
	if (k > i + 1 && (k == end || !u_isalpha((unsigned char)s[k])))
		return k;
	k = i;
	if (k < end && s[k] > 0 && u_isalpha((unsigned char)s[k]))
		return k + 1;
	return i;
}

/* A list item marker at the start of a line: a bullet and a space, or a
 * number, letter or Roman numeral and "." or ")" and a space ("1. ",
 * "a) ", "IV. "), or one in brackets ("(2) ").  Returns 1 for bullets, 2
 * for numbered items, 0 otherwise. */
static int item_marker(const char *s, size_t start, size_t end)
{
	size_t i = start, k;
	int32_t c = tmk_utf8_next(s, end, &i);
	int bracket = c == '(';

	if (c == '-' || c == '*' || c == 0x2022 || c == 0x2013 || c == 0x2014 || c == 0x25CF ||
	    c == 0x25AA || c == 0x2023) {
		k = i;
		return i < end && tmk_is_space(tmk_utf8_next(s, end, &k)) ? 1 : 0;
	}
	i = bracket ? start + 1 : start;
	k = item_number_end(s, i, end);
	if (k == i || k >= end)
		return 0;
	if (bracket ? s[k] != ')' : (s[k] != '.' && s[k] != ')'))
		return 0;
	return k + 1 < end && (s[k + 1] == ' ' || s[k + 1] == '\t') ? 2 : 0;
}

/* Whether the line holds a sentence end followed by more text ("Satz. Und
 * weiter"): such a line is running prose, never a heading.  The full stop
 * of a leading list number ("2. Methoden") does not count. */
static int has_inner_sentence_end(const char *s, const line_t *l)
{
	size_t from = l->start;

	if (item_marker(s, l->start, l->end) == 2)
		from = tmk_utf8_span_fwd(s, l->end, l->start, tmk_is_space, 0);
	for (size_t i = from; i + 1 < l->end; i++)
		if ((s[i] == '.' || s[i] == '!' || s[i] == '?') && s[i + 1] == ' ' &&
		    i > l->start && s[i - 1] != ' ')
			return 1;
	return 0;
}

/* The last character of line L, looking through closers that follow
 * punctuation ("Ende.“" ends in '.', "(Foto: dpa)" in ')'). */
static int32_t last_char(const char *s, const line_t *l)
{
	size_t i = l->end;
	int32_t last = tmk_utf8_prev(s, &i);

	while (is_closer(last) && i > l->start) {
		size_t k = i;
		int32_t before = tmk_utf8_prev(s, &k);
		if (!is_continuing_end(before) && !is_closer(before))
			break;
		last = before;
		i = k;
	}
	return last;
}

static int is_letter(int32_t c)
{
	return u_isalpha(c);
}

/* Whether line L ends in a word that never ends a sentence or a heading
 * (an article, preposition or conjunction: the language's continuers). */
static int ends_in_continuer(const tmk_segrules *rules, const char *s, const line_t *l)
{
	size_t b = tmk_utf8_span_back(s, l->start, l->end, is_letter, 1);

	return rules && b < l->end && (b == l->start || tmk_is_space(tmk_utf8_prev(s, &(size_t){ b }))) &&
	       tmk_segrules_continuer(rules, s + b, l->end - b);
}

/* Whether a line ends "on": with a comma or semicolon, or a continuer
 * (without language data: with any letter or digit). */
static int ends_open(const tmk_segrules *rules, const char *s, const line_t *l)
{
	int32_t last = last_char(s, l);

	if (!rules && u_isalnum(last))
		return 1;
	return last == ',' || last == ';' || ends_in_continuer(rules, s, l);
}

/* ---- the line rules: does a single line break end the paragraph? ----- */

/* What a line rule sees: two neighbouring lines of a block. */
typedef struct {
	const char *s;
	const line_t *l, *next;
	const line_t *after;          /* the line after NEXT in the block, or NULL */
	size_t block_max;             /* the longest line of the block */
	const tmk_segrules *rules;    /* may be NULL: no language data */
	int unpunctuated;             /* 3 lines or more, none with . ! ? or … */
} line_pair;

enum { RULE_JOIN = 0, RULE_BREAK = 1, RULE_PASS = -1 };

/* paragraph-separator: U+2029 ends a paragraph like an empty line. */
static int rule_paragraph_separator(const line_pair *p)
{
	return p->l->hard_end ? RULE_BREAK : RULE_PASS;
}

/* The end of the ASCII digits line L starts with (its start: none). */
static size_t digits_end(const char *s, const line_t *l)
{
	size_t k = l->start;

	while (k < l->end && s[k] >= '0' && s[k] <= '9')
		k++;
	return k;
}

/* Whether the line starts with a number and a full stop ("1. Juli"),
 * which may be a date or an ordinal rather than a list item. */
static int ordinal_like(const char *s, const line_t *l)
{
	size_t k = digits_end(s, l);

	return k > l->start && k < l->end && s[k] == '.';
}

/* list-item: a bulleted or numbered item starts a paragraph, unless a
 * number and full stop follow a line that stops mid-sentence ("am\n1.
 * Juli", "adopted by\n12 votes") and that line is no numbered item
 * itself: the items of a numbered or lettered list are segments of their
 * own even when they run on as one sentence ("a) die Nutzung,\nb) die
 * Weitergabe und"), and "a)", "(2)", "IV." are never dates. */
static int rule_list_item(const line_pair *p)
{
	int item = item_marker(p->s, p->next->start, p->next->end);

	if (item == 1)
		return RULE_BREAK;
	if (item == 2)
		return ordinal_like(p->s, p->next) && ends_open(p->rules, p->s, p->l) &&
			       item_marker(p->s, p->l->start, p->l->end) != 2
			       ? RULE_JOIN : RULE_BREAK;
	return RULE_PASS;
}

/* unpunctuated-block: in a block of three lines or more with no sentence
 * punctuation at all, each line is an entry of its own (a list without
 * markers, a menu, an address): "features\ncontact manager\nevents". */
static int rule_unpunctuated_block(const line_pair *p)
{
	return p->rules && p->unpunctuated ? RULE_BREAK : RULE_PASS;
}

/* continuer-word: a line ending in an article, preposition or
 * conjunction goes on ("Der Vorsitzende der\nKommission"). */
static int rule_continuer_word(const line_pair *p)
{
	return ends_in_continuer(p->rules, p->s, p->l) ? RULE_JOIN : RULE_PASS;
}

/* continuing-punctuation: a line ending in sentence or clause punctuation
 * is no heading; the sentence rules judge the break. */
static int rule_continuing_punctuation(const line_pair *p)
{
	return is_continuing_end(last_char(p->s, p->l)) ? RULE_JOIN : RULE_PASS;
}

/* lowercase-next: the next line continues the sentence if it starts in
 * lower case. */
static int rule_lowercase_next(const line_pair *p)
{
	size_t i = p->next->start;

	return u_islower(tmk_utf8_next(p->s, p->next->end, &i)) ? RULE_JOIN : RULE_PASS;
}

/* Whether line L (NULL: none) starts with a digit. */
static int starts_with_digit(const char *s, const line_t *l)
{
	return l && digits_end(s, l) > l->start;
}

/* figure-lines: lines that each start with a figure and follow one another
 * (a recipe's quantities, a table of results) are entries of their own:
 * "2 cups flour\n1 tsp. soda\n3 eggs"; a line before them that does not
 * stop mid-sentence ends there ("Ingredients:\n2 cups flour"). */
static int rule_figure_lines(const line_pair *p)
{
	if (!p->rules || !starts_with_digit(p->s, p->next))
		return RULE_PASS;
	if (starts_with_digit(p->s, p->l) && !ends_open(p->rules, p->s, p->l))
		return RULE_BREAK;
	if (starts_with_digit(p->s, p->after) && !ends_open(p->rules, p->s, p->l) &&
	    !ends_open(p->rules, p->s, p->next))
		return RULE_BREAK;
	return RULE_PASS;
}

/* digit-next: a line that starts with a number that is no list item
 * goes on the sentence before it ("im Jahr\n1932 fertiggestellt"): style
 * guides in both languages advise against starting a sentence, or a
 * heading's text, with a figure. */
static int rule_digit_next(const line_pair *p)
{
	size_t i = p->next->start;

	return p->rules && u_isdigit(tmk_utf8_next(p->s, p->next->end, &i)) ? RULE_JOIN : RULE_PASS;
}

/* starter-next: a line that does not stop mid-sentence, followed by one
 * that starts with a word capitalised only at a sentence start ("Die",
 * "This"; not "Sie" or "I"), ends there: a heading, a subheading or a
 * sentence without its full stop ("Art. 5 Inkrafttreten\nDieses Gesetz",
 * "Streit um den Radweg\nDie Stadt will"). */
static int rule_starter_next(const line_pair *p)
{
	size_t b, e;

	if (!p->rules || ends_open(p->rules, p->s, p->l))
		return RULE_PASS;
	b = p->next->start;
	e = tmk_utf8_span_fwd(p->s, p->next->end, b, is_letter, 1);
	return e > b && tmk_segrules_starter_only(p->rules, p->s + b, e - b) ? RULE_BREAK : RULE_PASS;
}

/* running-prose: a line holding a sentence end and more text is prose. */
static int rule_running_prose(const line_pair *p)
{
	return has_inner_sentence_end(p->s, p->l) ? RULE_JOIN : RULE_PASS;
}

/* hard-wrap: a line that fills most of the width of its block is wrapped
 * prose, not a heading. */
static int rule_hard_wrap(const line_pair *p)
{
	return p->block_max >= 40 && p->l->chars * 4 >= p->block_max * 3 ? RULE_JOIN : RULE_PASS;
}

/* heading: what is left, a line without final punctuation followed by a
 * line break, is a heading, a dateline or a signature line. */
static int rule_heading(const line_pair *p)
{
	(void)p;
	return RULE_BREAK;
}

/* The line rules in order: the first with an opinion decides. */
static const struct {
	const char *name;
	int (*fn)(const line_pair *p);
} line_rules[] = {
	{ "paragraph-separator", rule_paragraph_separator },
	{ "list-item", rule_list_item },
	{ "figure-lines", rule_figure_lines },
	{ "continuer-word", rule_continuer_word },
	{ "unpunctuated-block", rule_unpunctuated_block },
	{ "continuing-punctuation", rule_continuing_punctuation },
	{ "lowercase-next", rule_lowercase_next },
	{ "digit-next", rule_digit_next },
	{ "starter-next", rule_starter_next },
	{ "running-prose", rule_running_prose },
	{ "hard-wrap", rule_hard_wrap },
	{ "heading", rule_heading },
};

#define NRULES (sizeof(line_rules) / sizeof(line_rules[0]))

/* Whether lines [B, E) are three or more and none holds sentence
 * punctuation (. ! ? …). */
static int block_unpunctuated(const char *s, const line_t *lines, size_t b, size_t e)
{
	if (e - b < 3)
		return 0;
	for (size_t k = b; k < e; k++)
		for (size_t i = lines[k].start; i < lines[k].end; i++)
			if (s[i] == '.' || s[i] == '!' || s[i] == '?' ||
			    ((unsigned char)s[i] == 0xE2 && i + 2 < lines[k].end &&
			     (unsigned char)s[i + 1] == 0x80 && (unsigned char)s[i + 2] == 0xA6))
				return 0;
	return 1;
}

/* Whether line L (not the last of its block) ends its paragraph. */
static int ends_paragraph(const line_pair *p, int policy)
{
	if (policy == TMK_NEWLINE_KEEP)
		return 1;
	if (policy == TMK_NEWLINE_JOIN)
		return p->l->hard_end;
	for (size_t r = 0; r < NRULES; r++) {
		int v = line_rules[r].fn(p);
		if (v != RULE_PASS)
			return v;
	}
	return 1;
}

const char *tmk_paragraph_rule_name(size_t i)
{
	return i < NRULES ? line_rules[i].name : NULL;
}

int tmk_paragraph_rule(const char *name, const tmk_segrules *rules, const char *s, size_t len)
{
	line_t *lines = NULL;
	size_t n = 0, max = 0;
	int rc = TMK_EINVAL;

	for (size_t r = 0; r < NRULES; r++) {
		if (strcmp(line_rules[r].name, name) != 0)
			continue;
		if ((rc = split_lines(&lines, &n, s, len)) < 0)
			return rc;
		if (n < 2) {
			free(lines);
			return tmk_error_set(TMK_EINVAL, "a line rule needs two lines");
		}
		for (size_t k = 0; k < n; k++)
			if (lines[k].chars > max)
				max = lines[k].chars;
		line_pair p = { s, &lines[0], &lines[1], n > 2 ? &lines[2] : NULL, max, rules,
				block_unpunctuated(s, lines, 0, n) };
		rc = line_rules[r].fn(&p);
		free(lines);
		return rc;
	}
	return tmk_error_set(TMK_EINVAL, "no line rule '%s'", name);
}

int tmk_paragraphs(tmk_span **out, size_t *n, const char *s, size_t len)
{
	return tmk_paragraphs_rules(out, n, s, len, NULL, TMK_NEWLINE_DEFAULT);
}

int tmk_paragraphs_rules(tmk_span **out, size_t *n, const char *s, size_t len,
			 const tmk_segrules *rules, int policy)
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
		/* only the default policy's line rules ask, and only with words */
		int unpunctuated = rules && policy == TMK_NEWLINE_DEFAULT && block_unpunctuated(s, lines, b, e);
		for (size_t k = b; k < e; k++) {
			size_t first = k;
			while (k + 1 < e) {
				line_pair p = { s, &lines[k], &lines[k + 1], k + 2 < e ? &lines[k + 2] : NULL, max,
						rules, unpunctuated };
				if (ends_paragraph(&p, policy))
					break;
				k++;
			}
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
