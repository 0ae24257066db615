/*
 * translit.c - rule-driven transliteration of names between German and
 * English spelling; see translit.h, and dictionaries/names/de-en.rules for
 * the rule format.
 *
 * The rules are parsed once into flat arrays: every string (a rule's FROM
 * and TO, an exception's value, a set of letters) is a run of code points
 * in one pool, every context a run of elements.  The rules are sorted by
 * their first letter, then longest FROM first, then file order, so at each
 * position of a word the first rule that fits is the one to apply: a
 * binary search and a few comparisons per letter, no allocation but the
 * three arrays a call decodes the name into.
 *
 * Evidence (@known): where a word's rules offer alternatives (sch -> sh |
 * zh), the word is rendered with each combination of choices, fewest
 * non-first choices first, and the first rendering that is a word of the
 * @known list (English spellings of names, dictionaries/names/en.known)
 * is taken: Breschnew -> Brezhnev, Schukow -> Zhukov.  A word no rendering
 * of which is known keeps the first choices.  The list is loaded once with
 * the rules (a hash set; the shared instance is made once per process), so
 * a proposal stays a few microseconds.
 */
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "buf.h"
#include "embedded.h"
#include "error.h"
#include "names/translit.h"
#include "utf8.h"
#include "wordlist.h"

#define MAX_ALTS 4          /* TO choices of one rule */
#define MAX_CLASSES 30      /* bits of a class mask (tmk_wordlist values are int) */
#define MAX_VOWELS 48
#define MAX_TRIES 4096      /* spellings tmk_translit_propose renders at most */
#define MAX_KNOWN_TRIES 256 /* renderings of one word tried against @known */

enum { E_LIT, E_VOWEL, E_CONS, E_EDGE, E_HYPHEN, E_SET, E_NSET };

struct elem {               /* one position of a context */
	uint8_t kind;
	uint32_t cp;            /* E_LIT */
	uint32_t off, len;      /* E_SET, E_NSET: letters in the pool */
};

struct rule {
	uint32_t from_off, from_len;
	uint32_t to_off[MAX_ALTS], to_len[MAX_ALTS];
	uint32_t nto;
	uint32_t left_off, left_len;    /* elements, nearest last */
	uint32_t right_off, right_len;  /* elements, nearest first */
	uint32_t need, forbid;          /* class masks: all of NEED, none of FORBID */
	uint32_t line;
};

struct suffix {
	uint32_t off, len;      /* letters in the pool */
	uint32_t bits;
};

struct span {
	uint32_t off, len;
};

struct tmk_translit {
	uint32_t *pool;
	size_t npool, cappool;
	struct elem *elems;
	size_t nelems, capelems;
	struct rule *rules;
	size_t nrules, caprules;
	uint32_t vowels[MAX_VOWELS];
	size_t nvowels;
	char *classes[MAX_CLASSES];
	size_t nclasses;
	tmk_wordlist *class_words;      /* lower-case word -> class bits */
	struct suffix *suffixes;
	size_t nsuffixes, capsuffixes;
	tmk_wordlist *exc_keys;         /* lower-case key -> index into excs */
	struct span *excs;
	size_t nexcs, capexcs;
	tmk_wordlist *known;            /* @known: lower-case words, or NULL */
	struct span *asis;              /* @asis: letter sequences in the pool */
	size_t nasis, capasis;
};

/* ------------------------------------------------------------------ */
/* growing arrays                                                     */

static int grow(void **arr, size_t *cap, size_t need, size_t size)
{
	size_t ncap = *cap ? *cap : 16;
	void *p;

	if (need <= *cap)
		return 0;
	while (ncap < need)
		ncap *= 2;
	if (!(p = realloc(*arr, ncap * size)))
		return tmk_error_oom();
	*arr = p;
	*cap = ncap;
	return 0;
}

/* Append N code points to the pool; *OFF gets where they start. */
static int pool_add(tmk_translit *t, const uint32_t *cps, size_t n, uint32_t *off)
{
	int rc = grow((void **)&t->pool, &t->cappool, t->npool + n + 1, sizeof(*t->pool));

	if (rc < 0)
		return rc;
	*off = (uint32_t)t->npool;
	memcpy(t->pool + t->npool, cps, n * sizeof(*cps));
	t->npool += n;
	return 0;
}

/* ------------------------------------------------------------------ */
/* small text helpers                                                 */

/* Decode S[0..LEN) into at most CAP code points, lower-cased when LOWER;
 * returns how many, or (size_t)-1 when there are more than CAP. */
static size_t decode(uint32_t *out, size_t cap, const char *s, size_t len, int lower)
{
	size_t i = 0, n = 0;

	while (i < len) {
		int32_t c = tmk_utf8_next(s, len, &i);
		if (n == cap)
			return (size_t)-1;
		out[n++] = (uint32_t)(lower ? u_tolower(c) : c);
	}
	return n;
}

/* Append code point C to OUT as UTF-8. */
static int put_cp(tmk_buf *out, uint32_t c)
{
	char u[4];
	int32_t k = 0;
	UBool err = 0;

	U8_APPEND((uint8_t *)u, k, 4, (UChar32)c, err);
	if (err)
		return tmk_buf_putc(out, '?');
	return tmk_buf_put(out, u, (size_t)k);
}

static int is_vowel(const tmk_translit *t, uint32_t c)
{
	for (size_t i = 0; i < t->nvowels; i++)
		if (t->vowels[i] == c)
			return 1;
	return 0;
}

/* A letter of a word: what rules rewrite.  Everything else (spaces,
 * hyphens, apostrophes, digits) separates words and is copied. */
static int is_letter(uint32_t c)
{
	return u_isalpha((UChar32)c) || u_charType((UChar32)c) == U_NON_SPACING_MARK;
}

/* ------------------------------------------------------------------ */
/* parsing                                                            */

struct line {
	const char *name;       /* file name for messages */
	size_t no;              /* 1-based line number */
};

#define BAD(ln, ...) bad_line(ln, __VA_ARGS__)

__attribute__((format(printf, 2, 3)))
static int bad_line(const struct line *ln, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return tmk_error_set(TMK_EINPUT, "%s:%zu: %s", ln->name, ln->no, msg);
}

/* Split LINE into whitespace-separated tokens (pointers into a copy the
 * caller owns), stopping at a comment: a token that is "#" alone or
 * starts with "# " can only be one (contexts write # next to _). */
static size_t tokenize(char *line, char **tok, size_t cap)
{
	size_t n = 0;
	char *p = line;

	while (*p) {
		while (*p == ' ' || *p == '\t')
			*p++ = '\0';
		if (!*p)
			break;
		if (*p == '#' && (p[1] == '\0' || p[1] == ' ' || p[1] == '\t'))
			break;
		if (n == cap)
			return cap + 1;
		tok[n++] = p;
		while (*p && *p != ' ' && *p != '\t')
			p++;
	}
	return n;
}

/* Check that TOKEN is 1 to 64 lower-case letters. */
static int check_letters(const struct line *ln, const char *tok)
{
	uint32_t cps[64];
	size_t n = decode(cps, 64, tok, strlen(tok), 0);

	if (n == (size_t)-1 || n == 0)
		return BAD(ln, "'%s': a rule's letters must be 1 to 64 characters", tok);
	for (size_t i = 0; i < n; i++)
		if (!is_letter(cps[i]) || u_isupper((UChar32)cps[i]))
			return BAD(ln, "'%s': only lower-case letters here (0 for nothing)", tok);
	return 0;
}

/* Decode TOKEN (lower-case letters only) into the pool.  "0" is the empty
 * string (a deletion). */
static int letters_token(tmk_translit *t, const struct line *ln, const char *tok,
			 uint32_t *off, uint32_t *len, int allow_empty)
{
	uint32_t cps[64];
	size_t n;
	int rc;

	if (allow_empty && strcmp(tok, "0") == 0) {
		*off = (uint32_t)t->npool;
		*len = 0;
		return 0;
	}
	if ((rc = check_letters(ln, tok)) < 0)
		return rc;
	n = decode(cps, 64, tok, strlen(tok), 0);
	*len = (uint32_t)n;
	return pool_add(t, cps, n, off);
}

static int add_elem(tmk_translit *t, struct elem e)
{
	int rc = grow((void **)&t->elems, &t->capelems, t->nelems + 1, sizeof(*t->elems));

	if (rc < 0)
		return rc;
	t->elems[t->nelems++] = e;
	return 0;
}

/* Parse one side of a context (S[0..N) code points) into elements: a
 * lower-case letter, V (a vowel), C (another letter), # (the edge of the
 * word: only at the outer end), - (the edge of the word and a hyphen
 * beyond it; what follows it matches the next word: _-r for ar-Raschid),
 * [abc] or [^abc]. */
static int context_side(tmk_translit *t, const struct line *ln, const uint32_t *s, size_t n,
			int left, uint32_t *off, uint32_t *len)
{
	*off = (uint32_t)t->nelems;
	for (size_t i = 0; i < n; i++) {
		struct elem e = { 0 };
		int rc;

		if (s[i] == '#') {
			if (left ? i != 0 : i != n - 1)
				return BAD(ln, "'#' (the word's edge) only at the outer end of a context");
			e.kind = E_EDGE;
		} else if (s[i] == '-') {
			e.kind = E_HYPHEN;
		} else if (s[i] == 'V') {
			e.kind = E_VOWEL;
		} else if (s[i] == 'C') {
			e.kind = E_CONS;
		} else if (s[i] == '[') {
			size_t j = i + 1, start;
			e.kind = E_SET;
			if (j < n && s[j] == '^') {
				e.kind = E_NSET;
				j++;
			}
			start = j;
			while (j < n && s[j] != ']')
				j++;
			if (j == n || j == start)
				return BAD(ln, "a set of letters needs its ']' and a letter: [abc]");
			for (size_t k = start; k < j; k++)
				if (!is_letter(s[k]) || u_isupper((UChar32)s[k]))
					return BAD(ln, "only lower-case letters in a set of letters");
			if ((rc = pool_add(t, s + start, j - start, &e.off)) < 0)
				return rc;
			e.len = (uint32_t)(j - start);
			i = j;
		} else if (is_letter(s[i]) && !u_isupper((UChar32)s[i])) {
			e.kind = E_LIT;
			e.cp = s[i];
		} else {
			return BAD(ln, "unknown context element (letters, V, C, #, -, [set], [^set])");
		}
		if ((rc = add_elem(t, e)) < 0)
			return rc;
	}
	*len = (uint32_t)(t->nelems - *off);
	return 0;
}

/* "LEFT_RIGHT" into the rule's two element runs. */
static int parse_context(tmk_translit *t, const struct line *ln, const char *tok, struct rule *r)
{
	uint32_t cps[64];
	size_t n = decode(cps, 64, tok, strlen(tok), 0), us = (size_t)-1;
	int rc;

	if (n == (size_t)-1)
		return BAD(ln, "context too long");
	for (size_t i = 0; i < n; i++)
		if (cps[i] == '_') {
			if (us != (size_t)-1)
				return BAD(ln, "'%s': a context has one '_' (where the rule's letters stand)", tok);
			us = i;
		}
	if (us == (size_t)-1)
		return BAD(ln, "'%s': a context needs '_' where the rule's letters stand (V_V, _#)", tok);
	if ((rc = context_side(t, ln, cps, us, 1, &r->left_off, &r->left_len)) < 0)
		return rc;
	return context_side(t, ln, cps + us + 1, n - us - 1, 0, &r->right_off, &r->right_len);
}

static int class_index(const tmk_translit *t, const char *name, size_t len)
{
	for (size_t i = 0; i < t->nclasses; i++)
		if (strlen(t->classes[i]) == len && memcmp(t->classes[i], name, len) == 0)
			return (int)i;
	return -1;
}

/* "{name}" or "{!name}": the rule applies only to names of (not of) that
 * class. */
static int parse_condition(tmk_translit *t, const struct line *ln, const char *tok, struct rule *r)
{
	size_t len = strlen(tok);
	int neg = tok[1] == '!', k;

	if (len < 3 || tok[len - 1] != '}')
		return BAD(ln, "'%s': a class condition is {name} or {!name}", tok);
	k = class_index(t, tok + 1 + neg, len - 2 - (size_t)neg);
	if (k < 0)
		return BAD(ln, "'%s': no class of that name (declare it with @class first)", tok);
	if (neg)
		r->forbid |= 1u << k;
	else
		r->need |= 1u << k;
	return 0;
}

/* FROM > TO [| TO...] [/ CONTEXT] [{CLASS}...] */
static int parse_rule(tmk_translit *t, const struct line *ln, char **tok, size_t n)
{
	struct rule r = { 0 };
	size_t i = 2;
	int rc;

	r.line = (uint32_t)ln->no;
	if (n < 3)
		return BAD(ln, "a rule is FROM > TO [| TO] [/ CONTEXT] [{CLASS}]");
	if ((rc = letters_token(t, ln, tok[0], &r.from_off, &r.from_len, 0)) < 0)
		return rc;
	for (;;) {
		if (r.nto == MAX_ALTS)
			return BAD(ln, "at most %d choices in a rule", MAX_ALTS);
		if ((rc = letters_token(t, ln, tok[i], &r.to_off[r.nto], &r.to_len[r.nto], 1)) < 0)
			return rc;
		r.nto++;
		i++;
		if (i + 1 < n && strcmp(tok[i], "|") == 0) {
			i++;
			continue;
		}
		break;
	}
	if (i < n && strcmp(tok[i], "/") == 0) {
		if (i + 1 >= n)
			return BAD(ln, "'/' must be followed by a context (V_V, _#, #_C ...)");
		if ((rc = parse_context(t, ln, tok[i + 1], &r)) < 0)
			return rc;
		i += 2;
	}
	for (; i < n; i++) {
		if (tok[i][0] != '{')
			return BAD(ln, "'%s': unexpected after the rule (comments start with '# ')", tok[i]);
		if ((rc = parse_condition(t, ln, tok[i], &r)) < 0)
			return rc;
	}
	if ((rc = grow((void **)&t->rules, &t->caprules, t->nrules + 1, sizeof(*t->rules))) < 0)
		return rc;
	t->rules[t->nrules++] = r;
	return 0;
}

/* @vowels LETTER... */
static int parse_vowels(tmk_translit *t, const struct line *ln, char **tok, size_t n)
{
	t->nvowels = 0;
	for (size_t i = 1; i < n; i++) {
		uint32_t cps[MAX_VOWELS];
		size_t k = decode(cps, MAX_VOWELS, tok[i], strlen(tok[i]), 0);
		if (k == (size_t)-1 || t->nvowels + k > MAX_VOWELS)
			return BAD(ln, "at most %d vowels", MAX_VOWELS);
		for (size_t j = 0; j < k; j++) {
			if (!is_letter(cps[j]) || u_isupper((UChar32)cps[j]))
				return BAD(ln, "'%s': vowels are lower-case letters", tok[i]);
			t->vowels[t->nvowels++] = cps[j];
		}
	}
	if (!t->nvowels)
		return BAD(ln, "@vowels needs the letters that V stands for");
	return 0;
}

/* The marker words and *suffixes TOK[FROM..N) of the class with BIT. */
static int class_items(tmk_translit *t, const struct line *ln, char **tok, size_t from, size_t n,
		       uint32_t bit)
{
	int rc;

	for (size_t i = from; i < n; i++) {
		struct suffix sx = { 0, 0, bit };
		int old;

		if (tok[i][0] != '*') {
			size_t len = strlen(tok[i]), hy = len > 1 && tok[i][len - 1] == '-';
			tok[i][len - hy] = '\0';       /* al-: the word before a hyphen */
			if ((rc = check_letters(ln, tok[i])) < 0)
				return rc;
			tok[i][len - hy] = hy ? '-' : '\0';
			old = tmk_wordlist_get(t->class_words, tok[i], len);
			rc = tmk_wordlist_add(t->class_words, tok[i], len,
					      (int)((old < 0 ? 0u : (uint32_t)old) | bit));
			if (rc < 0)
				return rc;
			continue;
		}
		if ((rc = letters_token(t, ln, tok[i] + 1, &sx.off, &sx.len, 0)) < 0)
			return rc;
		rc = grow((void **)&t->suffixes, &t->capsuffixes, t->nsuffixes + 1, sizeof(*t->suffixes));
		if (rc < 0)
			return rc;
		t->suffixes[t->nsuffixes++] = sx;
	}
	return 0;
}

/* @class NAME WORD... *SUFFIX... */
static int parse_class(tmk_translit *t, const struct line *ln, char **tok, size_t n)
{
	if (n < 3)
		return BAD(ln, "@class NAME followed by its marker words and *suffixes");
	if (class_index(t, tok[1], strlen(tok[1])) >= 0)
		return BAD(ln, "class '%s' declared twice", tok[1]);
	if (t->nclasses == MAX_CLASSES)
		return BAD(ln, "at most %d classes", MAX_CLASSES);
	if (!(t->classes[t->nclasses] = strdup(tok[1])))
		return tmk_error_oom();
	t->nclasses++;
	return class_items(t, ln, tok, 2, n, 1u << (t->nclasses - 1));
}

/* @more NAME WORD... *SUFFIX...: more markers of a class declared above
 * (a line holds at most 32 fields). */
static int parse_more(tmk_translit *t, const struct line *ln, char **tok, size_t n)
{
	int k;

	if (n < 3)
		return BAD(ln, "@more NAME followed by more marker words and *suffixes");
	if ((k = class_index(t, tok[1], strlen(tok[1]))) < 0)
		return BAD(ln, "@more '%s': no class of that name (declare it with @class first)", tok[1]);
	return class_items(t, ln, tok, 2, n, 1u << k);
}

static int lower_utf8(tmk_buf *out, const char *s, size_t len);

/* One word of an @known list, added lower-cased. */
static int known_entry(void *ctx, const char *name, size_t line, const char *key, size_t klen,
		       const char *tag, size_t tlen)
{
	tmk_translit *t = ctx;
	tmk_buf low = TMK_BUF_INIT;
	int rc;

	if (tag)
		return tmk_error_set(TMK_EINPUT, "%s:%zu: one word a line, no tag", name, line);
	(void)tlen;
	if ((rc = lower_utf8(&low, key, klen)) == 0)
		rc = tmk_wordlist_add(t->known, low.ptr, low.len, 1);
	tmk_buf_release(&low);
	return rc;
}

/* @asis SEQ...: a word holding one of these letter sequences is written
 * in the target spelling already and is copied as it is. */
static int parse_asis(tmk_translit *t, const struct line *ln, char **tok, size_t n)
{
	int rc;

	if (n < 2)
		return BAD(ln, "@asis needs the letter sequences that mark a word to keep (kh sh)");
	for (size_t i = 1; i < n; i++) {
		struct span sp;
		if ((rc = letters_token(t, ln, tok[i], &sp.off, &sp.len, 0)) < 0 ||
		    (rc = grow((void **)&t->asis, &t->capasis, t->nasis + 1, sizeof(*t->asis))) < 0)
			return rc;
		t->asis[t->nasis++] = sp;
	}
	return 0;
}

/* @known NAME: the words of the data file NAME (compiled into the library:
 * dictionaries/names/en.known), one a line, as evidence among a word's
 * alternatives. */
static int parse_known(tmk_translit *t, const struct line *ln, char **tok, size_t n)
{
	const char *data;
	size_t len;
	int rc;

	if (n != 2)
		return BAD(ln, "@known takes one word list (dictionaries/names/en.known)");
	if (t->known)
		return BAD(ln, "@known given twice");
	if (!(data = tmk_embedded_find(tok[1], &len)))
		return BAD(ln, "@known: no word list '%s' in the library", tok[1]);
	if ((rc = tmk_wordlist_new(&t->known)) < 0)
		return rc;
	return tmk_list_parse(tok[1], data, len, known_entry, t);
}

/* Lower-case S[0..LEN) into OUT (cleared first). */
static int lower_utf8(tmk_buf *out, const char *s, size_t len)
{
	size_t i = 0;
	int rc = 0;

	tmk_buf_clear(out);
	while (i < len && rc == 0)
		rc = put_cp(out, (uint32_t)u_tolower(tmk_utf8_next(s, len, &i)));
	return rc;
}

static const char *trim(const char *s, size_t *len)
{
	while (*len && (*s == ' ' || *s == '\t')) {
		s++;
		(*len)--;
	}
	while (*len && (s[*len - 1] == ' ' || s[*len - 1] == '\t'))
		(*len)--;
	return s;
}

/* KEY = VALUE: a word or a whole name with the spelling no rule gives. */
static int parse_exception(tmk_translit *t, const struct line *ln, const char *s, size_t len,
			   const char *eq)
{
	size_t klen = (size_t)(eq - s), vlen = len - klen - 3;
	const char *key = trim(s, &klen), *val = trim(eq + 3, &vlen), *hash;
	tmk_buf low = TMK_BUF_INIT;
	uint32_t cps[128];
	struct span sp;
	size_t n;
	int rc;

	for (hash = val; (hash = memchr(hash, '#', vlen - (size_t)(hash - val))) != NULL; hash++)
		if (hash > val && (hash[-1] == ' ' || hash[-1] == '\t')) {
			vlen = (size_t)(hash - val);
			val = trim(val, &vlen);
			break;
		}
	if (!klen || !vlen)
		return BAD(ln, "an exception is KEY = VALUE, both not empty");
	n = decode(cps, 128, val, vlen, 0);
	if (n == (size_t)-1)
		return BAD(ln, "an exception's value is at most 128 characters");
	if ((rc = lower_utf8(&low, key, klen)) < 0)
		goto done;
	if (tmk_wordlist_get(t->exc_keys, low.ptr, low.len) >= 0) {
		rc = BAD(ln, "exception '%.*s' given twice", (int)klen, key);
		goto done;
	}
	if ((rc = pool_add(t, cps, n, &sp.off)) < 0 ||
	    (rc = grow((void **)&t->excs, &t->capexcs, t->nexcs + 1, sizeof(*t->excs))) < 0)
		goto done;
	sp.len = (uint32_t)n;
	t->excs[t->nexcs] = sp;
	rc = tmk_wordlist_add(t->exc_keys, low.ptr, low.len, (int)t->nexcs);
	if (rc == 0)
		t->nexcs++;
done:
	tmk_buf_release(&low);
	return rc;
}

static int parse_line(tmk_translit *t, const struct line *ln, const char *s, size_t len)
{
	char *copy, *tok[32];
	const char *eq = NULL;
	size_t n;
	int rc;

	for (size_t i = 0; i + 2 < len; i++)
		if (s[i] == ' ' && s[i + 1] == '=' && s[i + 2] == ' ') {
			eq = s + i;
			break;
		}
	if (!(copy = strndup(s, len)))
		return tmk_error_oom();
	n = tokenize(copy, tok, 32);
	if (n == 0)
		rc = 0;
	else if (n > 32)
		rc = BAD(ln, "too many fields");
	else if (eq && !(n > 1 && strcmp(tok[1], ">") == 0))
		rc = parse_exception(t, ln, s, len, eq);
	else if (strcmp(tok[0], "@vowels") == 0)
		rc = parse_vowels(t, ln, tok, n);
	else if (strcmp(tok[0], "@class") == 0)
		rc = parse_class(t, ln, tok, n);
	else if (strcmp(tok[0], "@more") == 0)
		rc = parse_more(t, ln, tok, n);
	else if (strcmp(tok[0], "@known") == 0)
		rc = parse_known(t, ln, tok, n);
	else if (strcmp(tok[0], "@asis") == 0)
		rc = parse_asis(t, ln, tok, n);
	else if (tok[0][0] == '@')
		rc = BAD(ln, "unknown directive '%s' (@vowels, @class, @more, @known, @asis)", tok[0]);
	else if (n > 1 && strcmp(tok[1], ">") == 0)
		rc = parse_rule(t, ln, tok, n);
	else
		rc = BAD(ln, "not a rule (FROM > TO), an exception (KEY = VALUE) or a directive");
	free(copy);
	return rc;
}

/* Sort order: first letter, then longest FROM, then file order. */
static int rule_cmp(const void *a, const void *b, void *pool)
{
	const struct rule *x = a, *y = b;
	const uint32_t *p = pool;
	uint32_t fx = p[x->from_off], fy = p[y->from_off];

	if (fx != fy)
		return fx < fy ? -1 : 1;
	if (x->from_len != y->from_len)
		return x->from_len > y->from_len ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line;
}

/* qsort has no context argument in C11: sort by insertion (a few hundred
 * rules, once per load). */
static void sort_rules(tmk_translit *t)
{
	for (size_t i = 1; i < t->nrules; i++) {
		struct rule r = t->rules[i];
		size_t j = i;
		while (j > 0 && rule_cmp(&t->rules[j - 1], &r, t->pool) > 0) {
			t->rules[j] = t->rules[j - 1];
			j--;
		}
		t->rules[j] = r;
	}
}

int tmk_translit_parse(tmk_translit **out, const char *name, const char *data, size_t len)
{
	static const uint32_t vowels[] = { 'a', 'e', 'i', 'o', 'u' };
	tmk_translit *t = calloc(1, sizeof(*t));
	struct line ln = { name, 0 };
	size_t bad, pos = 0;
	int rc = 0;

	*out = NULL;
	if (!t)
		return tmk_error_oom();
	memcpy(t->vowels, vowels, sizeof(vowels));
	t->nvowels = sizeof(vowels) / sizeof(vowels[0]);
	if ((rc = tmk_wordlist_new(&t->class_words)) < 0 || (rc = tmk_wordlist_new(&t->exc_keys)) < 0)
		goto fail;
	if (!tmk_utf8_valid(data, len, &bad)) {
		for (size_t i = 0; i < bad; i++)
			ln.no += data[i] == '\n';
		ln.no++;
		rc = BAD(&ln, "not UTF-8");
		goto fail;
	}
	while (pos < len) {
		const char *nl = memchr(data + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - data) : len, l = end - pos;
		ln.no++;
		if (l && data[pos + l - 1] == '\r')
			l--;
		if ((rc = parse_line(t, &ln, data + pos, l)) < 0)
			goto fail;
		pos = end + 1;
	}
	sort_rules(t);
	*out = t;
	return 0;
fail:
	tmk_translit_free(t);
	return rc;
}

int tmk_translit_new(tmk_translit **out, tmk_translit_dir dir)
{
	const char *name, *data;
	size_t len;

	*out = NULL;
	if (dir == TMK_TRANSLIT_DE_EN)
		name = "dictionaries/names/de-en.rules";
	else if (dir == TMK_TRANSLIT_EN_DE)
		name = "dictionaries/names/en-de.rules";
	else
		return tmk_error_set(TMK_EINVAL, "unknown transliteration direction %d", (int)dir);
	if (!(data = tmk_embedded_find(name, &len)))
		return tmk_error_set(TMK_ERROR, "%s missing from the build", name);
	return tmk_translit_parse(out, name, data, len);
}

void tmk_translit_free(tmk_translit *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->nclasses; i++)
		free(t->classes[i]);
	tmk_wordlist_free(t->class_words);
	tmk_wordlist_free(t->exc_keys);
	tmk_wordlist_free(t->known);
	free(t->pool);
	free(t->elems);
	free(t->rules);
	free(t->suffixes);
	free(t->excs);
	free(t->asis);
	free(t);
}

/* The shared instances: made once per process, kept until exit. */
static struct {
	pthread_once_t once;
	tmk_translit *t;
	int rc;
	char msg[256];
} shared[2] = { { PTHREAD_ONCE_INIT, NULL, 0, "" }, { PTHREAD_ONCE_INIT, NULL, 0, "" } };

static void shared_init(int dir)
{
	shared[dir].rc = tmk_translit_new(&shared[dir].t, (tmk_translit_dir)dir);
	if (shared[dir].rc < 0)
		snprintf(shared[dir].msg, sizeof(shared[dir].msg), "%s", tmk_error_last());
}

static void shared_init_de_en(void)
{
	shared_init(TMK_TRANSLIT_DE_EN);
}

static void shared_init_en_de(void)
{
	shared_init(TMK_TRANSLIT_EN_DE);
}

int tmk_translit_shared(const tmk_translit **out, tmk_translit_dir dir)
{
	*out = NULL;
	if (dir != TMK_TRANSLIT_DE_EN && dir != TMK_TRANSLIT_EN_DE)
		return tmk_error_set(TMK_EINVAL, "unknown transliteration direction %d", (int)dir);
	pthread_once(&shared[dir].once, dir == TMK_TRANSLIT_DE_EN ? shared_init_de_en : shared_init_en_de);
	if (shared[dir].rc < 0)
		return tmk_error_set(shared[dir].rc, "%s", shared[dir].msg);
	*out = shared[dir].t;
	return 0;
}

size_t tmk_translit_rule_count(const tmk_translit *t)
{
	return t->nrules;
}

size_t tmk_translit_exception_count(const tmk_translit *t)
{
	return t->nexcs;
}

int tmk_translit_is_exception(const tmk_translit *t, const char *word, size_t len)
{
	tmk_buf low = TMK_BUF_INIT;
	size_t bad;
	int hit = 0;

	if (tmk_utf8_valid(word, len, &bad) && lower_utf8(&low, word, len) == 0)
		hit = tmk_wordlist_get(t->exc_keys, low.ptr ? low.ptr : "", low.len) >= 0;
	tmk_buf_release(&low);
	return hit;
}

/* ------------------------------------------------------------------ */
/* applying                                                           */

enum { CASE_LOWER, CASE_TITLE, CASE_UPPER, CASE_ASIS };
enum { P_TEXT, P_RULE, P_EXC };

/* One piece of the output: input copied, a rule's choice, or an
 * exception's value. */
struct piece {
	uint8_t kind, casemode;
	size_t from, to;                /* P_TEXT: byte span of the input */
	const struct rule *rule;        /* P_RULE */
	const struct span *exc;         /* P_EXC */
};

/* A name decoded once: its code points as written and lower-cased, the
 * byte offset of each (and of the end), its classes, and the pieces. */
struct work {
	const tmk_translit *t;
	const char *s;
	size_t len, n;
	uint32_t *orig, *low;
	size_t *off;
	uint32_t classes;
	struct piece *pieces;
	size_t npieces, cappieces;
	struct span *words;             /* pieces [off, off+len) of each ruled word */
	size_t nwords, capwords;
	uint8_t *choice;                /* the choice taken at each piece (NULL: firsts) */
	unsigned flags;
	tmk_buf scratch;
};

static int add_piece(struct work *w, struct piece p)
{
	int rc = grow((void **)&w->pieces, &w->cappieces, w->npieces + 1, sizeof(*w->pieces));

	if (rc < 0)
		return rc;
	w->pieces[w->npieces++] = p;
	return 0;
}

static int elem_match(const tmk_translit *t, const struct elem *e, uint32_t c)
{
	switch (e->kind) {
	case E_LIT:
		return c == e->cp;
	case E_VOWEL:
		return is_vowel(t, c);
	case E_CONS:
		return is_letter(c) && !is_vowel(t, c);
	case E_SET:
	case E_NSET:
		for (uint32_t i = 0; i < e->len; i++)
			if (t->pool[e->off + i] == c)
				return e->kind == E_SET;
		return e->kind == E_NSET;
	}
	return 0;
}

/* Does rule R fit the word LOW[WS..WE) of the name LOW[0..N) at I,
 * context and class included? */
static int rule_fits(const tmk_translit *t, const struct rule *r, const uint32_t *low, size_t n,
		     size_t ws, size_t we, size_t i, uint32_t classes)
{
	size_t j;

	if ((r->need & classes) != r->need || (r->forbid & classes))
		return 0;
	if (i + r->from_len > we)
		return 0;
	for (uint32_t k = 0; k < r->from_len; k++)
		if (low[i + k] != t->pool[r->from_off + k])
			return 0;
	j = i;          /* left context, nearest element first */
	for (uint32_t k = r->left_len; k-- > 0;) {
		const struct elem *e = &t->elems[r->left_off + k];
		if (e->kind == E_EDGE) {
			if (j != ws)
				return 0;
			continue;
		}
		if (e->kind == E_HYPHEN) {      /* the word before the hyphen next */
			if (j != ws || j == 0 || low[j - 1] != '-')
				return 0;
			for (ws = --j; ws > 0 && is_letter(low[ws - 1]); ws--)
				;
			continue;
		}
		if (j == ws || !elem_match(t, e, low[j - 1]))
			return 0;
		j--;
	}
	j = i + r->from_len;
	for (uint32_t k = 0; k < r->right_len; k++) {
		const struct elem *e = &t->elems[r->right_off + k];
		if (e->kind == E_EDGE) {
			if (j != we)
				return 0;
			continue;
		}
		if (e->kind == E_HYPHEN) {      /* the word after the hyphen next */
			if (j != we || j == n || low[j] != '-')
				return 0;
			for (we = ++j; we < n && is_letter(low[we]); we++)
				;
			continue;
		}
		if (j == we || !elem_match(t, e, low[j]))
			return 0;
		j++;
	}
	return 1;
}

/* The first rule (in priority order) that fits at I, or NULL. */
static const struct rule *find_rule(const struct work *w, size_t ws, size_t we, size_t i)
{
	const tmk_translit *t = w->t;
	size_t lo = 0, hi = t->nrules;
	uint32_t c = w->low[i];

	while (lo < hi) {               /* the first rule starting with C */
		size_t mid = (lo + hi) / 2;
		if (t->pool[t->rules[mid].from_off] < c)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < t->nrules && t->pool[t->rules[lo].from_off] == c; lo++)
		if (rule_fits(t, &t->rules[lo], w->low, w->n, ws, we, i, w->classes))
			return &t->rules[lo];
	return NULL;
}

/* The case of ORIG[A..B) as a rule's output should take it: lower, title
 * (first upper) or upper (all upper, and more than one letter or a word
 * in capitals). */
static int span_case(const uint32_t *orig, size_t a, size_t b, int word_upper)
{
	size_t up = 0;

	for (size_t i = a; i < b; i++)
		up += u_isupper((UChar32)orig[i]) != 0;
	if (up == 0 || !u_isupper((UChar32)orig[a]))
		return CASE_LOWER;
	if (up == b - a && (b - a > 1 || word_upper))
		return CASE_UPPER;
	return CASE_TITLE;
}

/* The case pattern of a whole word or name for an exception's value:
 * capitals, all lower, or as the list writes it. */
static int word_case(const uint32_t *orig, size_t a, size_t b)
{
	size_t up = 0, letters = 0;

	for (size_t i = a; i < b; i++) {
		if (!u_isalpha((UChar32)orig[i]))
			continue;
		letters++;
		up += u_isupper((UChar32)orig[i]) != 0;
	}
	if (letters > 1 && up == letters)
		return CASE_UPPER;
	if (up == 0)
		return CASE_LOWER;
	return CASE_ASIS;
}

/* Is ORIG[A..B) a word in capitals (two letters or more, all upper)? */
static int all_upper(const uint32_t *orig, size_t a, size_t b)
{
	if (b - a < 2)
		return 0;
	for (size_t i = a; i < b; i++)
		if (!u_isupper((UChar32)orig[i]))
			return 0;
	return 1;
}

/* The exception for the code points [A..B), or NULL. */
static const struct span *exception_for(struct work *w, size_t a, size_t b)
{
	int idx, rc = 0;

	if (!w->t->nexcs || a == b)
		return NULL;
	tmk_buf_clear(&w->scratch);
	for (size_t i = a; i < b && rc == 0; i++)
		rc = put_cp(&w->scratch, w->low[i]);
	if (rc < 0)
		return NULL;
	idx = tmk_wordlist_get(w->t->exc_keys, w->scratch.ptr, w->scratch.len);
	return idx < 0 ? NULL : &w->t->excs[idx];
}

/* The classes of the name: a word that is a marker (WORD, or WORD- when
 * a hyphen follows it), or ends in a marker suffix (and is longer than
 * it). */
static void find_classes(struct work *w)
{
	const tmk_translit *t = w->t;
	size_t i = 0;

	while (i < w->n) {
		size_t a, b;
		int bits;

		while (i < w->n && !is_letter(w->orig[i]))
			i++;
		a = i;
		while (i < w->n && is_letter(w->orig[i]))
			i++;
		b = i;
		if (a == b)
			continue;
		tmk_buf_clear(&w->scratch);
		for (size_t k = a; k < b; k++)
			if (put_cp(&w->scratch, w->low[k]) < 0)
				break;
		if (w->scratch.len == 0)        /* out of memory: no class */
			continue;
		bits = tmk_wordlist_get(t->class_words, w->scratch.ptr, w->scratch.len);
		if (bits > 0)
			w->classes |= (uint32_t)bits;
		if (b < w->n && w->orig[b] == '-' && tmk_buf_putc(&w->scratch, '-') == 0 &&
		    (bits = tmk_wordlist_get(t->class_words, w->scratch.ptr, w->scratch.len)) > 0)
			w->classes |= (uint32_t)bits;  /* a marker before a hyphen: al- */
		for (size_t k = 0; k < t->nsuffixes; k++) {
			const struct suffix *sx = &t->suffixes[k];
			if (b - a > sx->len &&
			    memcmp(w->low + b - sx->len, t->pool + sx->off, sx->len * sizeof(uint32_t)) == 0)
				w->classes |= sx->bits;
		}
	}
}

/* Does LOW[A..B) hold one of the @asis sequences? */
static int keep_asis(const struct work *w, size_t a, size_t b)
{
	const tmk_translit *t = w->t;

	for (size_t k = 0; k < t->nasis; k++) {
		const uint32_t *seq = t->pool + t->asis[k].off;
		size_t len = t->asis[k].len;
		for (size_t i = a; i + len <= b; i++)
			if (memcmp(w->low + i, seq, len * sizeof(*seq)) == 0)
				return 1;
	}
	return 0;
}

/* Pieces of one word ORIG[A..B): an exception, the word as it is (@asis),
 * or rules left to right. */
static int do_word(struct work *w, size_t a, size_t b)
{
	const struct span *exc = exception_for(w, a, b);
	int upper = all_upper(w->orig, a, b), rc;

	if (exc) {
		w->flags |= TMK_TRANSLIT_EXCEPTION;
		return add_piece(w, (struct piece){ P_EXC, (uint8_t)word_case(w->orig, a, b), 0, 0, NULL, exc });
	}
	if (keep_asis(w, a, b))
		return add_piece(w, (struct piece){ P_TEXT, CASE_ASIS, w->off[a], w->off[b], NULL, NULL });
	size_t first = w->npieces;

	for (size_t i = a; i < b;) {
		const struct rule *r = find_rule(w, a, b, i);
		if (!r) {
			rc = add_piece(w, (struct piece){ P_TEXT, CASE_ASIS, w->off[i], w->off[i + 1], NULL, NULL });
			i++;
		} else {
			int cm = span_case(w->orig, i, i + r->from_len, upper);
			rc = add_piece(w, (struct piece){ P_RULE, (uint8_t)cm, 0, 0, r, NULL });
			i += r->from_len;
		}
		if (rc < 0)
			return rc;
	}
	if ((rc = grow((void **)&w->words, &w->capwords, w->nwords + 1, sizeof(*w->words))) < 0)
		return rc;
	w->words[w->nwords++] = (struct span){ (uint32_t)first, (uint32_t)(w->npieces - first) };
	return 0;
}

/* Pieces of a space-free token ORIG[A..B): the token as an exception
 * (Rostow-am-Don), else its words, with what separates them copied. */
static int do_token(struct work *w, size_t a, size_t b)
{
	const struct span *exc = exception_for(w, a, b);
	int rc = 0;

	if (exc) {
		w->flags |= TMK_TRANSLIT_EXCEPTION;
		return add_piece(w, (struct piece){ P_EXC, (uint8_t)word_case(w->orig, a, b), 0, 0, NULL, exc });
	}
	for (size_t i = a; i < b && rc == 0;) {
		size_t j = i;
		if (is_letter(w->orig[i])) {
			while (j < b && is_letter(w->orig[j]))
				j++;
			rc = do_word(w, i, j);
		} else {
			while (j < b && !is_letter(w->orig[j]))
				j++;
			rc = add_piece(w, (struct piece){ P_TEXT, CASE_ASIS, w->off[i], w->off[j], NULL, NULL });
		}
		i = j;
	}
	return rc;
}

/* Decode the name and cut it into pieces. */
static int analyse(struct work *w)
{
	size_t i = 0, n = 0;
	const struct span *exc;
	int rc = 0;

	w->orig = malloc((w->len + 1) * sizeof(*w->orig));
	w->low = malloc((w->len + 1) * sizeof(*w->low));
	w->off = malloc((w->len + 1) * sizeof(*w->off));
	if (!w->orig || !w->low || !w->off)
		return tmk_error_oom();
	while (i < w->len) {
		w->off[n] = i;
		w->orig[n] = (uint32_t)tmk_utf8_next(w->s, w->len, &i);
		w->low[n] = (uint32_t)u_tolower((UChar32)w->orig[n]);
		n++;
	}
	w->off[n] = w->len;
	w->n = n;
	find_classes(w);

	if ((exc = exception_for(w, 0, n)) != NULL) {       /* the whole name */
		w->flags |= TMK_TRANSLIT_EXCEPTION;
		return add_piece(w, (struct piece){ P_EXC, (uint8_t)word_case(w->orig, 0, n), 0, 0, NULL, exc });
	}
	for (i = 0; i < n && rc == 0;) {
		size_t j = i;
		if (tmk_is_space((int32_t)w->orig[i])) {
			while (j < n && tmk_is_space((int32_t)w->orig[j]))
				j++;
			rc = add_piece(w, (struct piece){ P_TEXT, CASE_ASIS, w->off[i], w->off[j], NULL, NULL });
		} else {
			while (j < n && !tmk_is_space((int32_t)w->orig[j]))
				j++;
			rc = do_token(w, i, j);
		}
		i = j;
	}
	return rc;
}

static void work_release(struct work *w)
{
	free(w->orig);
	free(w->low);
	free(w->off);
	free(w->pieces);
	free(w->words);
	free(w->choice);
	tmk_buf_release(&w->scratch);
}

/* Append code points CPS[0..N) in case mode CM. */
static int put_cased(tmk_buf *out, const uint32_t *cps, size_t n, int cm)
{
	int rc = 0;

	for (size_t i = 0; i < n && rc == 0; i++) {
		uint32_t c = cps[i];
		if (cm == CASE_UPPER || (cm == CASE_TITLE && i == 0))
			c = (uint32_t)u_toupper((UChar32)c);
		else if (cm == CASE_LOWER)
			c = (uint32_t)u_tolower((UChar32)c);
		rc = put_cp(out, c);
	}
	return rc;
}

/* Render pieces [FROM, TO) with CHOICE[k] the option taken at piece k
 * (NULL: every first option). */
static int render_range(const struct work *w, tmk_buf *out, const uint8_t *choice, size_t from,
			size_t to)
{
	const uint32_t *pool = w->t->pool;
	int rc = 0;

	for (size_t k = from; k < to && rc == 0; k++) {
		const struct piece *p = &w->pieces[k];
		if (p->kind == P_TEXT) {
			rc = tmk_buf_put(out, w->s + p->from, p->to - p->from);
		} else if (p->kind == P_EXC) {
			rc = put_cased(out, pool + p->exc->off, p->exc->len, p->casemode);
		} else {
			unsigned c = choice ? choice[k] : 0;
			rc = put_cased(out, pool + p->rule->to_off[c], p->rule->to_len[c], p->casemode);
		}
	}
	return rc;
}

static int render(const struct work *w, tmk_buf *out, const uint8_t *choice)
{
	return render_range(w, out, choice, 0, w->npieces);
}

/* The search for a known spelling of one word: its choice points. */
struct pick {
	struct work *w;
	const struct span *word;
	size_t *points, npoints, tries;
	tmk_buf buf, low;
};

/* Is the word, rendered with the current choices, an @known word? */
static int pick_known(struct pick *p)
{
	struct work *w = p->w;

	p->tries++;
	tmk_buf_clear(&p->buf);
	if (render_range(w, &p->buf, w->choice, p->word->off, p->word->off + p->word->len) < 0 ||
	    lower_utf8(&p->low, p->buf.ptr ? p->buf.ptr : "", p->buf.len) < 0 || !p->low.len)
		return 0;
	return tmk_wordlist_get(w->t->known, p->low.ptr, p->low.len) >= 0;
}

/* Try every spelling with exactly K more non-first choices among the
 * word's choice points from FROM on; 1 (choices left set) when one is
 * known. */
static int pick_flip(struct pick *p, size_t from, size_t k)
{
	uint8_t *choice = p->w->choice;

	if (k == 0)
		return pick_known(p);
	for (size_t i = from; i + k <= p->npoints; i++) {
		const struct rule *r = p->w->pieces[p->points[i]].rule;
		for (uint32_t c = 1; c < r->nto; c++) {
			if (p->tries >= MAX_KNOWN_TRIES)
				return 0;
			choice[p->points[i]] = (uint8_t)c;
			if (pick_flip(p, i + 1, k - 1))
				return 1;
			choice[p->points[i]] = 0;
		}
	}
	return 0;
}

/* With an @known list: for each word that has alternatives, the choices
 * of its first known spelling (fewest non-first choices first); the
 * others keep their first choices.  Sets TMK_TRANSLIT_KNOWN when a word
 * took a choice that is not its first. */
static int choose_known(struct work *w)
{
	struct pick p = { 0 };

	if (!w->t->known || !w->npieces)
		return 0;
	if (!(w->choice = calloc(w->npieces, 1)) ||
	    !(p.points = malloc(w->npieces * sizeof(*p.points))))
		return tmk_error_oom();
	p.w = w;
	for (size_t i = 0; i < w->nwords; i++) {
		p.word = &w->words[i];
		p.npoints = p.tries = 0;
		for (size_t k = p.word->off; k < p.word->off + p.word->len; k++)
			if (w->pieces[k].kind == P_RULE && w->pieces[k].rule->nto > 1)
				p.points[p.npoints++] = k;
		if (!p.npoints || pick_known(&p))
			continue;
		for (size_t k = 1; k <= p.npoints; k++)
			if (pick_flip(&p, 0, k)) {
				w->flags |= TMK_TRANSLIT_KNOWN;
				break;
			}
	}
	free(p.points);
	tmk_buf_release(&p.buf);
	tmk_buf_release(&p.low);
	return 0;
}

static int work_init(struct work *w, const tmk_translit *t, const char *name, size_t len)
{
	size_t bad;

	memset(w, 0, sizeof(*w));
	w->t = t;
	w->s = name;
	w->len = len;
	int rc;

	if (!tmk_utf8_valid(name, len, &bad))
		return tmk_error_set(TMK_EINVAL, "transliteration: the name is not UTF-8");
	if ((rc = analyse(w)) < 0)
		return rc;
	return choose_known(w);
}

int tmk_translit_apply(const tmk_translit *t, tmk_buf *out, const char *name, size_t len,
		       unsigned *flags)
{
	struct work w;
	size_t start = out->len;
	int rc;

	if (flags)
		*flags = 0;
	if ((rc = work_init(&w, t, name, len)) == 0 && (rc = render(&w, out, w.choice)) == 0) {
		if (out->len - start != len || (len && memcmp(out->ptr + start, name, len) != 0))
			w.flags |= TMK_TRANSLIT_CHANGED;
		if (flags)
			*flags = w.flags;
	}
	work_release(&w);
	return rc;
}

void tmk_translit_list_free(char **list, size_t n)
{
	if (!list)
		return;
	for (size_t i = 0; i < n; i++)
		free(list[i]);
	free(list);
}

/* State of the search for alternatives: which pieces have choices, the
 * list of distinct spellings found so far. */
struct alts {
	const struct work *w;
	size_t *points, npoints;
	uint8_t *choice;
	char **list;
	size_t n, max, tries;
	tmk_buf buf;
};

/* Render the current CHOICE and keep it when it is new. */
static int alts_emit(struct alts *a)
{
	int rc;

	a->tries++;
	tmk_buf_clear(&a->buf);
	if ((rc = render(a->w, &a->buf, a->choice)) < 0)
		return rc;
	for (size_t i = 0; i < a->n; i++)
		if (strcmp(a->list[i], a->buf.ptr ? a->buf.ptr : "") == 0)
			return 0;
	if (!(a->list[a->n] = strdup(a->buf.ptr ? a->buf.ptr : "")))
		return tmk_error_oom();
	a->n++;
	return 0;
}

/* Every spelling with exactly K more non-first choices among the choice
 * points from FROM on. */
static int alts_flip(struct alts *a, size_t from, size_t k)
{
	int rc = 0;

	if (k == 0)
		return alts_emit(a);
	for (size_t p = from; p + k <= a->npoints && rc == 0; p++) {
		const struct piece *pc = &a->w->pieces[a->points[p]];
		for (uint32_t c = 1; c < pc->rule->nto && rc == 0; c++) {
			if (a->n >= a->max || a->tries >= MAX_TRIES)
				return 0;
			a->choice[a->points[p]] = (uint8_t)c;
			rc = alts_flip(a, p + 1, k - 1);
			a->choice[a->points[p]] = 0;
		}
	}
	return rc;
}

int tmk_translit_propose(const tmk_translit *t, char ***out, size_t *n, const char *name,
			 size_t len, size_t max)
{
	struct alts a = { 0 };
	struct work w;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = work_init(&w, t, name, len)) < 0 || max == 0)
		goto done;
	a.w = &w;
	a.max = max;
	a.list = calloc(max, sizeof(*a.list));
	a.choice = calloc(w.npieces + 1, 1);
	a.points = malloc((w.npieces + 1) * sizeof(*a.points));
	if (!a.list || !a.choice || !a.points) {
		rc = tmk_error_oom();
		goto done;
	}
	for (size_t k = 0; k < w.npieces; k++)
		if (w.pieces[k].kind == P_RULE && w.pieces[k].rule->nto > 1)
			a.points[a.npoints++] = k;
	if (w.choice) {         /* the known spellings' choices first */
		memcpy(a.choice, w.choice, w.npieces);
		rc = alts_emit(&a);
		memset(a.choice, 0, w.npieces);
	}
	for (size_t k = 0; k <= a.npoints && a.n < max && a.tries < MAX_TRIES && rc == 0; k++)
		rc = alts_flip(&a, 0, k);
	if (rc == 0) {
		*out = a.list;
		*n = a.n;
		a.list = NULL;
	}
done:
	tmk_translit_list_free(a.list, a.n);
	free(a.choice);
	free(a.points);
	tmk_buf_release(&a.buf);
	work_release(&w);
	return rc;
}
