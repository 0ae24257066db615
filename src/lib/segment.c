/*
 * segment.c - sentence segmentation: ICU proposes, language rules dispose.
 *
 * For each paragraph (paragraph.c) we work on a copy in which line breaks
 * are spaces (hard-wrapped lines must not end sentences, and ICU treats a
 * line break as a paragraph end).  The copy has the same byte length, so
 * offsets carry over.  ICU's sentence iterator runs over it through a
 * UTF-8 UText, so its boundaries are byte offsets too.
 *
 * Candidate boundaries are ICU's plus a few it cannot see (footnote
 * numbers glued to a full stop, an ellipsis character, a sentence that
 * starts with a digit).  Each candidate is then judged by keep_break(),
 * which looks at the token before it and the word after it.
 */
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>

#include "error.h"
#include "paragraph.h"
#include "segment.h"
#include "segrules.h"
#include "utf8.h"

struct tmk_segmenter {
	tmk_segrules *rules;     /* NULL with TMK_SEG_ICU_ONLY */
	UBreakIterator *bi;
	UText *ut;
	unsigned flags;
	tmk_buf work;            /* the paragraph, line breaks made spaces */
	size_t *cand;            /* candidate boundaries in work */
	size_t ncand, capcand;
};

/* Output accumulator for tmk_segment(). */
typedef struct {
	tmk_sentence *v;
	size_t n, cap;
} sent_vec;

int tmk_segmenter_new(tmk_segmenter **out, const char *lang, unsigned flags)
{
	tmk_segmenter *seg;
	UErrorCode st = U_ZERO_ERROR;
	int rc;

	*out = NULL;
	seg = calloc(1, sizeof(*seg));
	if (!seg)
		return tmk_error_oom();
	if ((flags & TMK_SEG_KEEP_NEWLINES) && (flags & TMK_SEG_JOIN_LINES)) {
		free(seg);
		return tmk_error_set(TMK_EINVAL, "keeping every line break and joining lines exclude each other");
	}
	seg->flags = flags;
	/* the rules also validate the language for the ICU-only mode */
	if ((rc = tmk_segrules_new(&seg->rules, lang)) < 0) {
		free(seg);
		return rc;
	}
	seg->bi = ubrk_open(UBRK_SENTENCE, lang, NULL, 0, &st);
	if (U_FAILURE(st)) {
		tmk_segmenter_free(seg);
		return tmk_error_set(TMK_ERROR, "cannot open ICU sentence iterator: %s", u_errorName(st));
	}
	*out = seg;
	return 0;
}

void tmk_segmenter_free(tmk_segmenter *seg)
{
	if (!seg)
		return;
	tmk_segrules_free(seg->rules);
	if (seg->bi)
		ubrk_close(seg->bi);
	if (seg->ut)
		utext_close(seg->ut);
	tmk_buf_release(&seg->work);
	free(seg->cand);
	free(seg);
}

/* ---- character classes -------------------------------------------------- */

/* Every helper below tests an ASCII code point inline before asking ICU:
 * news text is mostly ASCII and these run on almost every byte (issue 15,
 * speed); the answers are the same as ICU's for ASCII. */

static int is_space(int32_t c)
{
	if (c < 0x80)   /* tmk_is_space()'s own ASCII rule, without the call */
		return c == ' ' || (c >= '\t' && c <= '\r');
	return tmk_is_space(c);
}

static int is_quote(int32_t c)
{
	if (c < 0x80)   /* the only ASCII Quotation_Mark characters */
		return c == '"' || c == '\'';
	return u_hasBinaryProperty(c, UCHAR_QUOTATION_MARK);
}

/* What may stand before a word: quotation marks and opening brackets. */
static int is_opener(int32_t c)
{
	if (c < 0x80)   /* ASCII Ps: ( [ { */
		return is_quote(c) || c == '(' || c == '[' || c == '{';
	return is_quote(c) || c == 0xBF || c == 0xA1 || u_charType(c) == U_START_PUNCTUATION;
}

/* What may stand after final punctuation: quotes and closing brackets. */
static int is_closer(int32_t c)
{
	if (c < 0x80)   /* ASCII Pe: ) ] } */
		return is_quote(c) || c == ')' || c == ']' || c == '}';
	return is_quote(c) || u_charType(c) == U_END_PUNCTUATION;
}

static int is_letter(int32_t c)
{
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
	return u_isalpha(c);
}

static int is_digit(int32_t c)
{
	return c >= '0' && c <= '9';
}

static int is_superscript_digit(int32_t c)
{
	return c == 0xB9 || c == 0xB2 || c == 0xB3 || (c >= 0x2070 && c <= 0x2079);
}

/* ---- moving over the paragraph copy -------------------------------------- */

/* tmk_utf8_next() with an inline ASCII step (I < LEN). */
static int32_t next_cp(const char *s, size_t len, size_t *i)
{
	unsigned char b = (unsigned char)s[*i];

	if (b < 0x80) {
		(*i)++;
		return b;
	}
	return tmk_utf8_next(s, len, i);
}

/* tmk_utf8_prev() with an inline ASCII step (I > 0). */
static int32_t prev_cp(const char *s, size_t *i)
{
	unsigned char b = (unsigned char)s[*i - 1];

	if (b < 0x80) {
		(*i)--;
		return b;
	}
	return tmk_utf8_prev(s, i);
}

/* tmk_utf8_span_fwd() and _back() over next_cp() and prev_cp(); static,
 * so that the compiler can inline the predicate. */
static size_t span_fwd(const char *s, size_t end, size_t i, int (*pred)(int32_t), int want)
{
	while (i < end) {
		size_t k = i;
		if (!pred(next_cp(s, end, &k)) != !want)
			break;
		i = k;
	}
	return i;
}

static size_t span_back(const char *s, size_t lo, size_t i, int (*pred)(int32_t), int want)
{
	while (i > lo) {
		size_t k = i;
		if (!pred(prev_cp(s, &k)) != !want)
			break;
		i = k;
	}
	return i;
}

static int32_t cp_at(const char *w, size_t n, size_t i)
{
	return i < n ? next_cp(w, n, &i) : -1;
}

static int32_t cp_before(const char *w, size_t i)
{
	return i > 0 ? prev_cp(w, &i) : -1;
}

static size_t skip_space_back(const char *w, size_t lo, size_t i)
{
	return span_back(w, lo, i, is_space, 1);
}

static size_t skip_space_fwd(const char *w, size_t n, size_t i)
{
	return span_fwd(w, n, i, is_space, 1);
}

/* Start of the whitespace-delimited token that ends at END. */
static size_t token_start(const char *w, size_t lo, size_t end)
{
	return span_back(w, lo, end, is_space, 0);
}

/* End of the whitespace-delimited token that starts at START. */
static size_t token_end(const char *w, size_t n, size_t start)
{
	return span_fwd(w, n, start, is_space, 0);
}

static size_t skip_openers(const char *w, size_t end, size_t i)
{
	return span_fwd(w, end, i, is_opener, 1);
}

/* ---- the judgement ----------------------------------------------------- */

/* Whether the text at R (after a candidate boundary) starts a sentence for
 * sure: an opening quotation mark, or a word from the starters list. */
static int starts_sentence(const tmk_segrules *rules, const char *w, size_t n, size_t r)
{
	size_t b, e;

	if (r >= n)
		return 1;
	if (is_quote(cp_at(w, n, r)))
		return 1;
	b = skip_openers(w, n, r);
	e = span_fwd(w, n, b, is_letter, 1);
	return e > b && tmk_segrules_starter(rules, w + b, e - b);
}

/* Whether the word at R is a bare adverb or adjective (de.adverbs): after
 * an abbreviation it starts a sentence ("etwa 3 Std. Unterwegs gibt es"). */
static int adverb_next(const tmk_segrules *rules, const char *w, size_t n, size_t r)
{
	size_t e = span_fwd(w, n, r, is_letter, 1);

	return e > r && u_isupper(cp_at(w, n, r)) && tmk_segrules_adverb(rules, w + r, e - r);
}

/* A bullet character: • ● ▪ ‣ ⁃ (not the hyphen or dash, which are
 * bullets only at a line start). */
static int is_bullet(int32_t c)
{
	return c == 0x2022 || c == 0x25CF || c == 0x25AA || c == 0x2023 || c == 0x2043;
}

/* A list number at the start of a sentence: "1." "12." "a." "IV." "iii." */
static int is_enumerator(const char *t, size_t len)
{
	size_t i = 0;
	const char *roman = t[0] >= 'a' ? "ivx" : "IVX";

	if (len < 2 || t[len - 1] != '.')
		return 0;
	if (len == 2 && ((t[0] >= 'a' && t[0] <= 'z') || (t[0] >= 'A' && t[0] <= 'Z')))
		return 1;
	while (i < len - 1 && is_digit(t[i]))
		i++;
	if (i == len - 1 && i <= 3)
		return 1;
	for (i = 0; i < len - 1; i++)
		if (!t[i] || !strchr(roman, t[i]))
			return 0;
	return len - 1 <= 4;
}

/* "U.S." "D.C." "N.A.T.O.": letters each followed by a full stop. */
static int is_initialism(const char *t, size_t len)
{
	size_t i = 0, groups = 0;

	while (i < len) {
		int32_t c = tmk_utf8_next(t, len, &i);
		if (!u_isalpha(c) || i >= len || t[i] != '.')
			return 0;
		i++;
		groups++;
	}
	return groups >= 2;
}

/* "B." after a first name: one capital letter and a full stop. */
static int is_initial(const char *t, size_t len)
{
	size_t i = 0;
	int32_t c = tmk_utf8_next(t, len, &i);

	return u_isupper(c) && i + 1 == len && t[i] == '.';
}

/* "II." "XVI.": a Roman numeral, as after a ruler's name. */
static int is_roman(const char *t, size_t len)
{
	if (len < 3 || len > 6)
		return 0;
	for (size_t i = 0; i + 1 < len; i++)
		if (!strchr("IVX", t[i]))
			return 0;
	return 1;
}

/* Number of digits when T is digits and a full stop ("3."), else 0. */
static size_t ordinal_digits(const char *t, size_t len)
{
	size_t i = 0;

	while (i + 1 < len && is_digit(t[i]))
		i++;
	return i + 1 == len && i > 0 ? i : 0;
}

#define MAX_WIN 3       /* tokens looked at on either side of a boundary */

typedef struct {
	size_t b, e;
} tok_t;

/* Up to MAX_WIN tokens ending with the one at [tb, te), nearest last:
 * tok[0] is the farthest.  The first token is taken without its openers. */
static size_t tokens_back(const char *w, size_t lo, size_t tb, size_t te, tok_t *tok)
{
	tok_t tmp[MAX_WIN];
	size_t k = 0;

	tmp[k].b = tb;
	tmp[k++].e = te;
	while (k < MAX_WIN) {
		size_t e = skip_space_back(w, lo, tmp[k - 1].b);
		if (e <= lo || e == tmp[k - 1].b)
			break;
		tmp[k].b = token_start(w, lo, e);
		tmp[k++].e = e;
	}
	for (size_t i = 0; i < k; i++)
		tok[i] = tmp[k - 1 - i];
	return k;
}

/* Up to MAX_WIN - 1 tokens from R on, each cut after its last '.' (a
 * token without one ends the list: abbreviations are dotted). */
static size_t tokens_fwd(const char *w, size_t n, size_t r, tok_t *tok)
{
	size_t k = 0;

	while (k < MAX_WIN - 1 && r < n) {
		size_t e = token_end(w, n, r);
		while (e > r && w[e - 1] != '.')
			e--;
		if (e == r)
			break;
		tok[k].b = r;
		tok[k++].e = e;
		r = skip_space_fwd(w, n, token_end(w, n, r));
	}
	return k;
}

/* Look up the tokens T[from..to] joined without spaces as an abbreviation
 * (the first one without its openers). */
static int lookup_joined(const tmk_segrules *rules, const char *w, const tok_t *t,
			 size_t from, size_t to)
{
	char key[96];
	size_t len = 0;

	for (size_t i = from; i <= to; i++) {
		size_t b = i == from ? skip_openers(w, t[i].e, t[i].b) : t[i].b;
		if (len + (t[i].e - b) > sizeof(key))
			return TMK_ABBR_NONE;
		memcpy(key + len, w + b, t[i].e - b);
		len += t[i].e - b;
	}
	return tmk_segrules_abbrev(rules, key, len);
}

/* The class of the abbreviation after the last dash or slash of the
 * token [TB, TE), as in a range of two ("Mo.–Fr.", "Mon.-Fri.", "Sa./So."),
 * or TMK_ABBR_NONE. */
static int dash_joined_class(const tmk_segrules *rules, const char *w, size_t tb, size_t te)
{
	size_t i = te;

	while (i > tb) {
		size_t k = i;
		int32_t c = prev_cp(w, &k);
		if (c == '-' || c == 0x2013 || c == '/')
			return i < te && is_letter(cp_at(w, te, i)) ? tmk_segrules_abbrev(rules, w + i, te - i)
								  : TMK_ABBR_NONE;
		i = k;
	}
	return TMK_ABBR_NONE;
}

/* The class of the abbreviation ending the text before a boundary: the
 * longest run of tokens that is a listed abbreviation ("Dr. med."), or
 * TMK_ABBR_NONE.  Also TMK_ABBR_INNER when the boundary falls inside a
 * listed abbreviation ("z. | B."). */
static int abbrev_class(const tmk_segrules *rules, const char *w, size_t n,
			size_t lo, size_t tb, size_t te, size_t r)
{
	tok_t win[2 * MAX_WIN];
	size_t nb = tokens_back(w, lo, tb, te, win);
	size_t nf = tokens_fwd(w, n, r, win + nb);

	/* inside: back part plus at least one forward token */
	for (size_t f = nf; f >= 1; f--)
		for (size_t k = 0; k < nb; k++)
			if (lookup_joined(rules, w, win, k, nb - 1 + f) >= 0)
				return TMK_ABBR_INNER;
	/* ending here: longest first */
	for (size_t k = 0; k < nb; k++) {
		int cls = lookup_joined(rules, w, win, k, nb - 1);
		if (cls >= 0)
			return cls;
	}
	return dash_joined_class(rules, w, tb, te);
}

/* Whether the token [b, e) ends in an ellipsis ("..." or "…"). */
static int ends_in_ellipsis(const char *w, size_t b, size_t e)
{
	if (e - b >= 3 && memcmp(w + e - 3, "\xE2\x80\xA6", 3) == 0)
		return 1;
	return e - b >= 3 && memcmp(w + e - 3, "...", 3) == 0;
}

/* The ellipsis-attached rule: an ellipsis glued to its word ("zögerte...",
 * "later…") and a capital after it end a sentence; a free-standing one
 * ("für ... Gebäude") marks an omission and needs a sentence starter. */
static int ellipsis_attached(const char *w, size_t tb, size_t te, int32_t next)
{
	size_t k = te - 3;

	if (k <= tb || !u_isalnum(cp_before(w, k)))
		return 0;
	return u_isupper(next) || is_opener(next);
}

/* The ellipsis-spaced-end rule: a free-standing ellipsis after a word
 * that may end a sentence, and a capital after it, end one ("Und dann …
 * Stille."); after a continuer ("für ... Gebäude", "the ... Government")
 * it marks an omission.  [TB, TE) is the ellipsis token, NEXT the first
 * character after it; LO is where the sentence starts. */
static int ellipsis_spaced_end(const tmk_segrules *rules, const char *w, size_t lo,
			       size_t tb, size_t te, int32_t next)
{
	size_t pe, pb;

	if (te - tb != 3 || !u_isupper(next))
		return 0;
	pe = skip_space_back(w, lo, tb);
	if (pe == tb || pe <= lo || !is_letter(cp_before(w, pe)))
		return 0;
	pb = span_back(w, lo, pe, is_letter, 1);
	return !tmk_segrules_continuer(rules, w + pb, pe - pb);
}

/* The start of the first word of the sentence starting at LO, behind a
 * bullet ("• 10. Mehr Sport": the list number comes after the bullet). */
static size_t first_after_bullet(const char *w, size_t n, size_t lo)
{
	size_t f = skip_space_fwd(w, n, lo), k = f;
	int32_t c = k < n ? tmk_utf8_next(w, n, &k) : -1;

	if ((c == '-' || c == '*' || c == 0x2013 || is_bullet(c)) && k < n && is_space(cp_at(w, n, k)))
		return skip_space_fwd(w, n, k);
	return f;
}

static int is_single_quote(int32_t c)
{
	return c == '\'' || c == 0x2018 || c == 0x2019 || c == 0x201A || c == 0x2039 || c == 0x203A;
}

static int is_double_quote(int32_t c)
{
	return c == '"' || c == 0x201C || c == 0x201D || c == 0x201E || c == 0xAB || c == 0xBB;
}

/* Whether the double quote at I opens a quotation: it stands at LO or
 * after a space or an opening bracket, with a non-space after it.  (The
 * same character opens in one language and closes in another: „…“ and
 * “…”; where it stands says which it is here.) */
static int opens_quote(const char *w, size_t n, size_t lo, size_t i, size_t after)
{
	int32_t before = i > lo ? cp_before(w, i) : ' ';

	return (is_space(before) || before == '(' || before == '[') &&
	       after < n && !is_space(cp_at(w, n, after));
}

#define QUOTE_REACH 4096

/* The inner-quote-end rule: a sentence end inside an inner (single)
 * quotation, "„Sie sagte: ‚Ich komme nicht.‘ Dann legte sie auf“, erzählte
 * er.", is no boundary while the outer (double) quotation that opened in
 * the sentence is still open there and closes later in the paragraph.
 * The terminator ends at TE, its closers at LEND; B is the candidate. */
static int inner_quote_end(const char *w, size_t n, size_t lo, size_t te, size_t lend, size_t b)
{
	size_t i = te, open = te, open_end, stop;
	int single = 0;

	while (i < lend) {      /* the closers: a single quote, no double one */
		int32_t c = next_cp(w, lend, &i);
		if (is_double_quote(c))
			return 0;
		single |= is_single_quote(c);
	}
	if (!single)
		return 0;
	/* the last double quote before, an opening one (looked for within
	 * QUOTE_REACH bytes either side, so that a long paragraph of
	 * unbalanced quotes costs no quadratic time) */
	stop = te - lo > QUOTE_REACH ? te - QUOTE_REACH : lo;
	for (i = te; i > stop && open == te;) {
		open_end = i;
		if (is_double_quote(prev_cp(w, &i)))
			open = i;
	}
	if (open == te || !opens_quote(w, n, lo, open, open_end))
		return 0;
	stop = n - b > QUOTE_REACH ? b + QUOTE_REACH : n;
	for (i = b; i < stop;) {   /* the next double quote after B: a closing one */
		size_t at = i;
		if (is_double_quote(next_cp(w, n, &i)))
			return !is_space(cp_before(w, at));
	}
	return 0;
}

/* The end of the text before the token at TB (spaces skipped, back to
 * LO), with *B the start of the letters that end it (*B == the end when
 * it ends in no letter). */
static size_t letters_before(const char *w, size_t lo, size_t tb, size_t *b)
{
	size_t e = skip_space_back(w, lo, tb);

	*b = span_back(w, lo, e, is_letter, 1);
	return e;
}

/* Whether the word before the token at TB is a noun a cardinal number
 * follows ("Platz 4.", "Seite 12."): then the number is no ordinal. */
static int after_numbered_noun(const tmk_segrules *rules, const char *w, size_t lo, size_t tb)
{
	size_t b, e = letters_before(w, lo, tb, &b);

	return e < tb && b < e && tmk_segrules_numbered(rules, w + b, e - b);
}

/* Whether the word before the token at TB is a lower-case word that is
 * no continuer: then a capital letter and a full stop at TB are no initial
 * of a name ("vitamin C.", "type A.", "und dann B."), which follows a
 * capitalised first name or a word like "by", "von". */
static int after_common_word(const tmk_segrules *rules, const char *w, size_t lo, size_t tb)
{
	size_t b, e = letters_before(w, lo, tb, &b);

	return e < tb && e - b >= 2 && (b == lo || is_space(cp_before(w, b))) && u_islower(cp_at(w, e, b)) &&
	       !tmk_segrules_continuer(rules, w + b, e - b);
}

/* Whether the token before the one at TB ends in a digit: a capital
 * letter after a number is a unit (12 V, 2,5 A, 40 W), not an initial. */
static int after_number(const char *w, size_t lo, size_t tb)
{
	size_t e = skip_space_back(w, lo, tb);

	return e < tb && e > lo && is_digit(cp_before(w, e));
}

/* Whether the token [TB, LEND) starts the sentence at LO (after a
 * bullet, if any) and is a list number in a form the enumerator test
 * below does not see: with a bracket after its full stop ("1.)") or
 * glued to a bullet ("⁃9."). */
static int list_number_start(const char *w, size_t n, size_t lo, size_t tb, size_t lend)
{
	size_t ob = tb, k = tb;

	if (skip_space_fwd(w, n, lo) != tb && first_after_bullet(w, n, lo) != tb)
		return 0;
	if (is_bullet(tmk_utf8_next(w, lend, &k)))
		ob = k;
	else if (lend - tb < 3 || w[lend - 1] != ')' || w[lend - 2] != '.')
		return 0;
	if (w[lend - 1] == ')')
		lend--;
	return lend > ob && is_enumerator(w + ob, lend - ob);
}

/* Keep the candidate boundary B (the start of the would-be next sentence,
 * after the whitespace)?  LO is where the current sentence starts. */
static int keep_break(const tmk_segmenter *seg, const char *w, size_t n, size_t lo, size_t b)
{
	const tmk_segrules *rules = seg->rules;
	size_t lend = skip_space_back(w, lo, b), r, tb, te, ob;
	int32_t last, r0;
	int cls;

	if (lend == b || lend <= lo)
		return 0;       /* inside a token (URLs, "Dipl.-Ing.") or nothing before */
	r = skip_space_fwd(w, n, b);
	if (r >= n)
		return 1;
	r0 = cp_at(w, n, r);
	tb = token_start(w, lo, lend);

	/* "1.)" or "⁃9." at the start of a sentence is a list item */
	if (list_number_start(w, n, lo, tb, lend))
		return 0;

	/* the terminator, behind any closing quotes and brackets */
	te = lend;
	while (te > tb && is_closer(cp_before(w, te))) {
		size_t k = te;
		prev_cp(w, &k);
		te = k;
	}
	if (te == tb)
		return 1;
	last = cp_before(w, te);

	if ((last == '.' || last == '?' || last == '!' || last == 0x2026) &&
	    inner_quote_end(w, n, lo, te, lend, b))
		return 0;
	if (last == '?' || last == '!')
		return !u_islower(r0);  /* "Wo?“ fragte sie" / "Yahoo! is" */
	if (ends_in_ellipsis(w, tb, te))
		return ellipsis_attached(w, tb, te, r0) || starts_sentence(rules, w, n, r) ||
		       ellipsis_spaced_end(rules, w, lo, tb, te, r0);
	if (last != '.' || te != lend)
		return 1;       /* other ends, or "Ende.“": a full stop inside quotes */

	ob = skip_openers(w, lend, tb);
	if (lend - ob < 2)
		return 1;
	/* "1. Die Lage ..." at the start of a sentence is a list item */
	if ((skip_space_fwd(w, n, lo) == tb || first_after_bullet(w, n, lo) == tb) &&
	    is_enumerator(w + ob, lend - ob))
		return 0;

	cls = abbrev_class(rules, w, n, lo, tb, lend, r);
	if (cls == TMK_ABBR_INNER)
		return 0;
	if (cls == TMK_ABBR_NUMBER && is_digit(r0))
		return 0;
	if (cls == TMK_ABBR_FINAL)
		return starts_sentence(rules, w, n, r) || adverb_next(rules, w, n, r);
	if (cls == TMK_ABBR_END)
		return 1;

	if (is_initial(w + ob, lend - ob) &&
	    (after_common_word(rules, w, lo, tb) || after_number(w, lo, tb)))
		return 1;       /* "vitamin C. Broccoli", "2,5 A. Verwenden": no initial */
	if (is_initialism(w + ob, lend - ob) || is_initial(w + ob, lend - ob) ||
	    is_roman(w + ob, lend - ob))
		return starts_sentence(rules, w, n, r);
	{
		size_t digits = ordinal_digits(w + ob, lend - ob);
		if (digits && digits <= 3 && tmk_segrules_ordinal_dot(rules))
			return after_numbered_noun(rules, w, lo, tb) ||     /* "Platz 4. Der" */
			       starts_sentence(rules, w, n, r);             /* "am 3. Mai" */
	}
	return 1;
}

/* ---- candidates -------------------------------------------------------- */

static int add_cand(tmk_segmenter *seg, size_t b)
{
	if (seg->ncand == seg->capcand) {
		size_t cap = seg->capcand ? seg->capcand * 2 : 64;
		size_t *c = realloc(seg->cand, cap * sizeof(*c));
		if (!c)
			return tmk_error_oom();
		seg->cand = c;
		seg->capcand = cap;
	}
	seg->cand[seg->ncand++] = b;
	return 0;
}

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return x < y ? -1 : x > y;
}

/* Whether the token around I looks like a URL or an e-mail address. */
static int in_link(const char *w, size_t n, size_t i)
{
	size_t b = token_start(w, 0, i), e = token_end(w, n, i);

	for (size_t k = b; k < e; k++)
		if (w[k] == '@' || (w[k] == ':' && k + 2 < e && w[k + 1] == '/' && w[k + 2] == '/') ||
		    (k + 4 <= e && memcmp(w + k, "www.", 4) == 0))
			return 1;
	return 0;
}

/* Boundaries ICU does not propose.  At each sentence-final character
 * ('.', '!', '?', '…') followed, after optional closers, by:
 *  - a footnote number (1-3 digits, superscripts, or "[12]") and a space
 *    and an upper-case letter or opener ("... Telegram.12 Die");
 *  - a space and a digit ("... 2010. 2011 kam"), which ICU's rule SB8
 *    joins because a lower-case word follows the number;
 *  - for "…", a space and an upper-case letter or opener.
 * keep_break() judges them like ICU's own candidates. */
/* The sentence-final character starting at byte AT ('.', '!', '?' or
 * U+2026), or 0.  A byte test, not a decoding walk: these are found at
 * the same places in any text, as no UTF-8 sequence holds an ASCII byte
 * or starts inside another, and it is the hottest loop of the segmenter. */
static int32_t final_at(const char *w, size_t n, size_t at)
{
	unsigned char b = (unsigned char)w[at];

	if (b == '.' || b == '!' || b == '?')
		return b;
	if (b == 0xE2 && at + 2 < n && (unsigned char)w[at + 1] == 0x80 &&
	    (unsigned char)w[at + 2] == 0xA6)
		return 0x2026;
	return 0;
}

/* The footnote-number candidate after the terminator that ends at I (AT
 * is where it starts): "... Telegram.12 Die". */
static int footnote_candidate(tmk_segmenter *seg, const char *w, size_t n, size_t at, size_t i)
{
	size_t k = i, digits = 0, bracket = k < n && w[k] == '[';
	int32_t d;

	if (bracket)
		k++;
	while (k < n && digits < 4) {
		size_t m = k;
		d = next_cp(w, n, &m);
		if (!is_digit(d) && !is_superscript_digit(d))
			break;
		k = m;
		digits++;
	}
	if (bracket && k < n && w[k] == ']')
		k++;
	else if (bracket)
		digits = 0;
	if (digits >= 1 && digits <= 3 && k < n && is_space(cp_at(w, n, k))) {
		size_t r = skip_space_fwd(w, n, k);
		d = cp_at(w, n, r);
		if (r < n && (u_isupper(d) || is_opener(d))) {
			/* not "Nr.12": the word before must not be an
			 * abbreviation */
			size_t tb = token_start(w, 0, at + 1);
			int cls = tmk_segrules_abbrev(seg->rules, w + tb, at + 1 - tb);
			if (cls == TMK_ABBR_NONE && add_cand(seg, r) < 0)
				return TMK_ENOMEM;
		}
	}
	return 0;
}

/* The candidates after the terminator C that starts at AT. */
static int terminator_candidates(tmk_segmenter *seg, const char *w, size_t n, size_t at, int32_t c)
{
	size_t i = at + (c == 0x2026 ? 3 : 1), j = i;
	int32_t d;

	while (j < n && is_closer(cp_at(w, n, j)))
		next_cp(w, n, &j);
	/* footnote number glued to the terminator */
	if (j == i && c != 0x2026 && at > 0 && u_isalpha(cp_before(w, at)) &&
	    !in_link(w, n, at) && footnote_candidate(seg, w, n, at, i) < 0)
		return TMK_ENOMEM;
	if (j < n && is_space(cp_at(w, n, j))) {
		size_t r = skip_space_fwd(w, n, j);
		d = cp_at(w, n, r);
		if (r < n && (is_digit(d) || (c == 0x2026 && (u_isupper(d) || is_opener(d)))))
			return add_cand(seg, r);
	}
	return 0;
}

static int extra_candidates(tmk_segmenter *seg, const char *w, size_t n)
{
	for (size_t at = 0; at < n; at++) {
		unsigned char b = (unsigned char)w[at];
		int32_t c;

		/* the first byte of any terminator, tested alone so that the
		 * scan over the other bytes stays a tight loop */
		if (b != '.' && b != '!' && b != '?' && b != 0xE2)
			continue;
		if ((c = final_at(w, n, at)) && terminator_candidates(seg, w, n, at, c) < 0)
			return TMK_ENOMEM;
	}
	return 0;
}

/* The value of a list marker "N)" "x)" "iv)" at I (preceded by a space or
 * the start) as 1-based NUM for digits, ALPHA for a letter, ROMAN for
 * lower-case Roman numerals (0 when it is not that kind); returns the
 * offset after the ')' or 0 when there is no marker. */
static size_t inline_marker(const char *w, size_t n, size_t i, int *num, int *alpha, int *roman)
{
	static const char *const romans[] = { "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x" };
	size_t k = i;

	*num = *alpha = *roman = 0;
	while (k < n && k - i < 3 && is_digit(w[k]))
		*num = *num * 10 + (w[k++] - '0');
	if (k == i) {
		while (k < n && k - i < 4 && w[k] >= 'a' && w[k] <= 'z')
			k++;
		if (k - i == 1)
			*alpha = w[i] - 'a' + 1;
		for (size_t r = 0; r < sizeof(romans) / sizeof(*romans); r++)
			if (strlen(romans[r]) == k - i && memcmp(w + i, romans[r], k - i) == 0)
				*roman = (int)r + 1;
		if (!*alpha && !*roman)
			return 0;
	}
	if (k + 2 < n && w[k] == '.' && w[k + 1] == ')')
		k++;            /* "2.)" */
	if (k + 1 >= n || w[k] != ')' || !is_space((unsigned char)w[k + 1]))
		return 0;
	return k + 1;
}

/* Whether a marker at I (LAST: the values of the markers before it)
 * continues a count and so starts a new sentence; adds it then. */
/* Whether an inline list item may start at I: the text before it does not
 * run on into it (no comma, semicolon, colon or continuer before it: "1)
 * die Kosten, 2) die Zeit und 3) das Risiko" is one sentence). */
static int item_may_start(const tmk_segmenter *seg, const char *w, size_t i)
{
	size_t pe = skip_space_back(w, 0, i), tb;

	if (pe == 0 || w[pe - 1] == ',' || w[pe - 1] == ';' || w[pe - 1] == ':')
		return 0;
	tb = token_start(w, 0, pe);
	return !tmk_segrules_continuer(seg->rules, w + tb, pe - tb);
}

static int inline_list_at(tmk_segmenter *seg, const char *w, size_t n, size_t i, int *last)
{
	int v[3], follows = 0;

	if ((i > 0 && w[i - 1] != ' ') || !inline_marker(w, n, i, &v[0], &v[1], &v[2]))
		return 0;
	for (int k = 0; k < 3; k++) {
		if (v[k] && v[k] == last[k] + 1)
			follows = 1;
		if (v[k])
			last[k] = v[k];
	}
	if (!follows || v[0] == 1 || v[1] == 1 || v[2] == 1 || !item_may_start(seg, w, i))
		return 0;
	return add_cand(seg, i);
}

/* The inline-list-item rule: "1) Gerät ausschalten 2) Akku entnehmen"
 * splits before each marker that continues the count of an earlier one in
 * the paragraph (2 after 1, b after a, ii after i), unless a comma,
 * semicolon or continuer stands before it ("1) die Kosten, 2) die Zeit
 * und 3) das Risiko" is one sentence). */
static int inline_list_candidates(tmk_segmenter *seg, const char *w, size_t n)
{
	int last[3] = { 0, 0, 0 };
	size_t from = 0;
	const char *p;

	/* a marker ends in ')' 1 to 4 bytes after its start: only the starts
	 * before each ')' are tried, in order, not every byte of the text */
	for (p = memchr(w, ')', n); p; p = memchr(p + 1, ')', n - (size_t)(p + 1 - w))) {
		size_t close = (size_t)(p - w), i = close >= 4 ? close - 4 : 0;

		for (i = i > from ? i : from; i < close; i++)
			if (inline_list_at(seg, w, n, i, last) < 0)
				return TMK_ENOMEM;
		from = close;
	}
	return 0;
}

/* The value of a dot marker at I ("2. ", "b. "): a number of up to 3
 * digits or one lower-case letter (as 1, 2, ...), then ". " and a capital;
 * 0 when there is none. */
static int dot_marker(const char *w, size_t n, size_t i)
{
	size_t k = i, r;
	int v = 0;

	while (k < n && k - i < 3 && is_digit(w[k]))
		v = v * 10 + (w[k++] - '0');
	if (k == i && k < n && w[k] >= 'a' && w[k] <= 'z')
		v = w[k++] - 'a' + 1;
	if (k == i || k + 2 >= n || w[k] != '.' || w[k + 1] != ' ')
		return 0;
	r = k + 2;
	return u_isupper(next_cp(w, n, &r)) ? v : 0;
}

/* The inline-dot-list rule: a paragraph that starts with "1. " or "a. "
 * and goes on with "2. ", "3. " (or "b. ", "c. "), each before a capital,
 * is a list written on one line ("1. Stecker ziehen 2. Deckel abschrauben"):
 * it splits before each marker that continues the count, unless a comma,
 * semicolon, colon or continuer stands before it ("am 1. Mai bis 2. Juni"). */
static int dot_list_candidates(tmk_segmenter *seg, const char *w, size_t n)
{
	size_t i = skip_space_fwd(w, n, 0);
	int first = dot_marker(w, n, i), want;
	const char *p;

	if (first != 1)
		return 0;
	want = 2;
	for (p = memchr(w + i + 1, ' ', n - i - 1); p; p = memchr(p + 1, ' ', n - (size_t)(p + 1 - w))) {
		size_t at = (size_t)(p - w) + 1;
		int v = dot_marker(w, n, at);
		int letter = at < n && w[at] >= 'a' && w[at] <= 'z';

		if (v != want || letter != (w[i] >= 'a'))
			continue;
		want++;
		if (item_may_start(seg, w, at) && add_cand(seg, at) < 0)
			return TMK_ENOMEM;
	}
	return 0;
}

/* The inline-bullet rule: a bullet character after a space inside a
 * paragraph starts a new item ("• 9. Akku laden • 10. Gerät starten"). */
static int inline_bullet_candidates(tmk_segmenter *seg, const char *w, size_t n)
{
	for (size_t at = 1; at + 2 < n; at++) {
		size_t k = at;
		if ((unsigned char)w[at] != 0xE2 || w[at - 1] != ' ' || !is_bullet(tmk_utf8_next(w, n, &k)))
			continue;
		if (skip_space_back(w, 0, at) > 0 && add_cand(seg, at) < 0)
			return TMK_ENOMEM;
	}
	return 0;
}

/* ---- driving it --------------------------------------------------------- */

static int push_sentence(sent_vec *out, size_t start, size_t end, size_t para)
{
	if (end <= start)
		return 0;
	if (out->n == out->cap) {
		size_t cap = out->cap ? out->cap * 2 : 64;
		tmk_sentence *v = realloc(out->v, cap * sizeof(*v));
		if (!v)
			return tmk_error_oom();
		out->v = v;
		out->cap = cap;
	}
	out->v[out->n].start = start;
	out->v[out->n].end = end;
	out->v[out->n].paragraph = para;
	out->n++;
	return 0;
}

/* Copy S[ps..pe) into seg->work with line separators made spaces (same
 * byte length: LF, CR -> 1 space; NEL -> 2; LS, PS -> 3). */
static int make_work_copy(tmk_segmenter *seg, const char *s, size_t ps, size_t pe)
{
	char *w;

	tmk_buf_clear(&seg->work);
	if (tmk_buf_put(&seg->work, s + ps, pe - ps) < 0)
		return TMK_ENOMEM;
	w = seg->work.ptr;
	for (size_t i = 0; i < pe - ps; i++) {
		unsigned char b = (unsigned char)w[i];
		if (b == '\n' || b == '\r' || b == '\v' || b == '\f')
			w[i] = ' ';
		else if (b == 0xC2 && i + 1 < pe - ps && (unsigned char)w[i + 1] == 0x85)
			w[i] = w[i + 1] = ' ';
		else if (b == 0xE2 && i + 2 < pe - ps && (unsigned char)w[i + 1] == 0x80 &&
			 ((unsigned char)w[i + 2] == 0xA8 || (unsigned char)w[i + 2] == 0xA9))
			w[i] = w[i + 1] = w[i + 2] = ' ';
	}
	return 0;
}

/* Whether S[b..e) holds a letter or digit. */
static int has_alnum(const char *s, size_t b, size_t e)
{
	while (b < e)
		if (u_isalnum(tmk_utf8_next(s, e, &b)))
			return 1;
	return 0;
}

/* A "sentence" of punctuation alone (a stray closing quote after a space,
 * a lone full stop) is not one: join it to the sentence before it, or to
 * the one after it when it comes first.  Works on the sentences of one
 * paragraph, out->v[first..]. */
static void merge_punctuation_only(sent_vec *out, size_t first, const char *s)
{
	size_t i = first;

	while (i < out->n && out->n - first > 1) {
		tmk_sentence *v = out->v;
		if (has_alnum(s, v[i].start, v[i].end)) {
			i++;
			continue;
		}
		if (i > first)
			v[i - 1].end = v[i].end;
		else
			v[i + 1].start = v[i].start;
		memmove(&v[i], &v[i + 1], (out->n - i - 1) * sizeof(*v));
		out->n--;
	}
}

static int segment_paragraph(tmk_segmenter *seg, const char *s, size_t ps, size_t pe,
			     size_t para, sent_vec *out)
{
	UErrorCode st = U_ZERO_ERROR;
	const char *w;
	size_t n = pe - ps, lo = 0, first = out->n;
	int32_t b;
	int rc;

	if ((rc = make_work_copy(seg, s, ps, pe)) < 0)
		return rc;
	w = seg->work.ptr;
	seg->ut = utext_openUTF8(seg->ut, w, (int64_t)n, &st);
	ubrk_setUText(seg->bi, seg->ut, &st);
	if (U_FAILURE(st))
		return tmk_error_set(TMK_ERROR, "ICU sentence iterator failed: %s", u_errorName(st));

	seg->ncand = 0;
	ubrk_first(seg->bi);
	while ((b = ubrk_next(seg->bi)) != UBRK_DONE)
		if ((size_t)b < n && (rc = add_cand(seg, (size_t)b)) < 0)
			return rc;
	if (!(seg->flags & TMK_SEG_ICU_ONLY)) {
		if ((rc = extra_candidates(seg, w, n)) < 0 ||
		    (rc = inline_list_candidates(seg, w, n)) < 0 ||
		    (rc = dot_list_candidates(seg, w, n)) < 0 ||
		    (rc = inline_bullet_candidates(seg, w, n)) < 0)
			return rc;
		if (seg->ncand > 1)
			qsort(seg->cand, seg->ncand, sizeof(*seg->cand), cmp_size);
	}

	for (size_t i = 0; i < seg->ncand; i++) {
		size_t c = seg->cand[i];
		if (c <= lo || (i > 0 && c == seg->cand[i - 1]))
			continue;
		if (!(seg->flags & TMK_SEG_ICU_ONLY) && !keep_break(seg, w, n, lo, c))
			continue;
		rc = push_sentence(out, ps + skip_space_fwd(w, n, lo), ps + skip_space_back(w, lo, c), para);
		if (rc < 0)
			return rc;
		lo = c;
	}
	rc = push_sentence(out, ps + skip_space_fwd(w, n, lo), ps + skip_space_back(w, lo, n), para);
	if (rc == 0 && !(seg->flags & TMK_SEG_ICU_ONLY))
		merge_punctuation_only(out, first, s);
	return rc;
}

static int newline_policy(unsigned flags)
{
	if (flags & TMK_SEG_KEEP_NEWLINES)
		return TMK_NEWLINE_KEEP;
	if (flags & TMK_SEG_JOIN_LINES)
		return TMK_NEWLINE_JOIN;
	return TMK_NEWLINE_DEFAULT;
}

int tmk_segment(tmk_segmenter *seg, const char *s, size_t len, tmk_sentence **out, size_t *n)
{
	tmk_span *paras = NULL;
	size_t npara = 0;
	sent_vec v = { NULL, 0, 0 };
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = tmk_paragraphs_rules(&paras, &npara, s, len,
					(seg->flags & TMK_SEG_ICU_ONLY) ? NULL : seg->rules,
					newline_policy(seg->flags))) < 0)
		return rc;
	for (size_t p = 0; p < npara; p++) {
		if ((rc = segment_paragraph(seg, s, paras[p].start, paras[p].end, p, &v)) < 0) {
			free(v.v);
			free(paras);
			return rc;
		}
	}
	free(paras);
	*out = v.v;
	*n = v.n;
	return 0;
}

/* Words after which a hyphen at a line end is a suspended one ("Ein-
 * und Ausreise", "pre- and post-war"): it stays, with a space. */
static const char *const suspended_hyphen_next[] = {
	"und", "oder", "bis", "sowie", "bzw", "noch", "and", "or", "nor", "to",
};

/* Whether the word at S[i..end) is one of suspended_hyphen_next. */
static int is_suspension_word(const char *s, size_t i, size_t end)
{
	size_t e = span_fwd(s, end, i, is_letter, 1);

	for (size_t k = 0; k < sizeof(suspended_hyphen_next) / sizeof(*suspended_hyphen_next); k++) {
		size_t l = strlen(suspended_hyphen_next[k]);
		if (e - i == l && memcmp(s + i, suspended_hyphen_next[k], l) == 0)
			return 1;
	}
	return 0;
}

/* Whether the word before the hyphen at H is an acronym of two capitals
 * or more ("EU-", "UN-", "NATO-"): its hyphen is part of the compound
 * ("EU-\nfunded" is "EU-funded", "EU-\nweit" "EU-weit"). */
static int acronym_before(const char *s, size_t h)
{
	size_t i = h, n = 0;

	while (i > 0) {
		size_t k = i;
		int32_t c = prev_cp(s, &k);
		if (!is_letter(c))
			break;
		if (!u_isupper(c))
			return 0;
		n++;
		i = k;
	}
	return n >= 2;
}

/* The line-end-hyphen rule, for the whitespace run S[ws..we) inside a
 * sentence ending at END: 0 when it is no hyphenation (a space stands for
 * it), 1 when the hyphen and the run go ("Verfassungs-|schutz"), 2 when
 * only the run goes ("Nord-|Süd").  A hyphenation is a '-' right after a
 * letter, a run holding a line break, and a letter or digit after it. */
static int line_end_hyphen(const char *s, size_t ws, size_t we, size_t end)
{
	size_t i = ws, k;
	int32_t next;
	int newline = 0;

	if (ws < 2 || s[ws - 1] != '-' || we >= end)
		return 0;
	k = ws - 1;
	if (!is_letter(cp_before(s, k)))
		return 0;
	for (; i < we; i++)
		if (s[i] == '\n' || s[i] == '\r')
			newline = 1;
	if (!newline)
		return 0;
	k = we;
	next = tmk_utf8_next(s, end, &k);
	if (u_islower(next) && !acronym_before(s, ws - 1))
		return is_suspension_word(s, we, end) ? 0 : 1;
	return u_isalnum(next) ? 2 : 0;
}

int tmk_sentence_text(tmk_buf *out, const char *s, const tmk_sentence *snt)
{
	size_t i = snt->start, end = snt->end;
	char *o;

	/* the text is never longer than the sentence (a whitespace run
	 * becomes one space or nothing): room is made once, and the bytes
	 * are copied straight in as they are scanned */
	if (tmk_buf_grow(out, end - i) < 0)
		return TMK_ENOMEM;
	o = out->ptr + out->len;
	while (i < end) {
		unsigned char b = (unsigned char)s[i];
		size_t k = i, we;
		int hy;

		if (b - 0x21u < 0x5Fu) {        /* printable ASCII, no space: most bytes */
			*o++ = (char)b;
			i++;
			continue;
		}
		if (!is_space(next_cp(s, end, &k))) {
			memcpy(o, s + i, k - i);
			o += k - i;
			i = k;
			continue;
		}
		we = skip_space_fwd(s, end, k);
		hy = line_end_hyphen(s, i, we, end);
		if (hy == 1 && o > out->ptr + out->len)
			o--;            /* "Verfassungs-|schutz": the hyphen goes */
		else if (hy == 0)
			*o++ = ' ';
		i = we;
	}
	*o = '\0';
	out->len = (size_t)(o - out->ptr);
	return 0;
}
