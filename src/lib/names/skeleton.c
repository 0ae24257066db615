/*
 * skeleton.c - transliteration skeletons of names and the weighted edit
 * distance that compares them; see skeleton.h for what is folded and why.
 *
 * A name is first folded (lower case, diacritics off, apostrophes and
 * modifier letters dropped) into words of plain letters, then each word
 * is spelt out in the skeleton alphabet by a longest-match table, once
 * for the German and once for the English reading.  Everything happens in
 * fixed buffers on the stack: a skeleton costs about a microsecond.
 */
#include <stdint.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/utf8.h>

#include "error.h"
#include "names/skeleton.h"
#include "utf8.h"

#define FOLD_MAX (4 * TMK_NAME_KEY_MAX) /* folded text kept of a name */
#define HARD 5                          /* an edit that makes another name */
#define MAX_BUDGET 4

enum { READ_DE, READ_EN };

/* ------------------------------------------------------------------ */
/* folding                                                            */

/* Append the folded form of letter C (lower case already) to F; letters
 * without a Latin base are kept as UTF-8. */
static void fold_letter(char *f, size_t *n, uint32_t c)
{
	static const struct {
		uint32_t cp;
		const char *to;
	} special[] = {
		{ 0x00DF, "ss" }, { 0x0131, "i" }, { 0x00F8, "o" }, { 0x0142, "l" }, { 0x0111, "d" },
		{ 0x0259, "a" }, { 0x00E6, "ae" }, { 0x0153, "oe" }, { 0x00F0, "d" }, { 0x00FE, "th" },
		/* Turkic and scholarly (ISO 9) letters: their marks make the sound */
		{ 0x015F, "sh" }, { 0x0219, "sh" }, { 0x0161, "sh" }, { 0x00E7, "tch" }, { 0x010D, "tch" },
		{ 0x017E, "zh" },
	};
	const UNormalizer2 *nfd;
	UErrorCode st = U_ZERO_ERROR;
	UChar d[8];
	const char *to = NULL;
	char one[5];
	int32_t k;

	if (c < 0x80) {
		if (*n < FOLD_MAX)
			f[(*n)++] = (char)c;
		return;
	}
	for (size_t i = 0; i < sizeof(special) / sizeof(special[0]); i++)
		if (special[i].cp == c)
			to = special[i].to;
	if (!to && (nfd = unorm2_getNFDInstance(&st)) != NULL &&
	    (k = unorm2_getDecomposition(nfd, (UChar32)c, d, 8, &st)) > 0 && U_SUCCESS(st) && d[0] < 0x80) {
		one[0] = (char)d[0];
		one[1] = '\0';
		to = one;
	}
	if (!to) {
		UBool err = 0;
		k = 0;
		U8_APPEND((uint8_t *)one, k, 4, (UChar32)c, err);
		one[err ? 0 : k] = '\0';
		to = one;
	}
	for (; *to && *n < FOLD_MAX; to++)
		f[(*n)++] = *to;
}

/* Fold NAME into F: words of folded letters, each followed by the
 * separator that ended it ('-' for a hyphen or dash, ' ' otherwise).
 * Returns the length. */
static size_t fold(char *f, const char *name, size_t len)
{
	size_t i = 0, n = 0;

	while (i < len && n < FOLD_MAX) {
		uint32_t c = (uint32_t)tmk_utf8_next(name, len, &i);
		int type = u_charType((UChar32)c);

		if (type == U_NON_SPACING_MARK || type == U_MODIFIER_LETTER ||
		    c == '\'' || c == 0x2019 || c == 0x2018 || c == '`')
			continue;       /* ' ʼ ʻ ʿ: soft signs, hamza, ayn, Uzbek oʻ */
		if (u_isalpha((UChar32)c)) {
			fold_letter(f, &n, (uint32_t)u_tolower((UChar32)c));
			continue;
		}
		if (n == 0 || f[n - 1] == ' ' || f[n - 1] == '-')
			continue;       /* no empty words */
		f[n++] = type == U_DASH_PUNCTUATION ? '-' : ' ';
	}
	return n;
}

/* ------------------------------------------------------------------ */
/* spelling out                                                       */

/* Grapheme -> skeleton, longest first; DE and EN differ for ch, j, z. */
static const struct {
	const char *from, *de, *en;
} graphemes[] = {
	{ "schtsch", "SC", "SC" },
	{ "tsch", "C", "C" }, { "dsch", "J", "J" }, { "shch", "SC", "SC" },
	{ "sch", "S", "S" }, { "tch", "C", "C" }, { "dzh", "J", "J" },
	{ "sh", "S", "S" }, { "zh", "S", "S" }, { "kh", "h", "h" }, { "gh", "g", "g" },
	{ "ph", "f", "f" }, { "th", "t", "t" }, { "ck", "k", "k" }, { "ts", "c", "c" },
	{ "tz", "c", "c" }, { "dj", "di", "J" }, { "qu", "kv", "kv" }, { "ou", "u", "u" },
	{ "ch", "h", "C" },
	{ "j", "i", "J" }, { "z", "c", "s" }, { "y", "i", "i" }, { "w", "v", "v" },
	{ "q", "k", "k" }, { "x", "ks", "ks" },
};

/* The Arabic article as German and English write it before a hyphen. */
static const char *const articles[] = {
	"al", "el", "ul", "as", "ash", "asch", "ad", "ar", "at", "az", "an", "ath", "adh",
	"es", "ed", "er", "et", "ez", "en",
};

struct key {
	char *s;
	size_t len;
	size_t word;            /* where the current word starts */
};

/* Append symbol C unless it repeats the last one (doubled letters are
 * single); o right after a hushing sound becomes e (ё). */
static void put_sym(struct key *k, char c)
{
	if (c == 'o' && k->len > k->word && strchr("SCJ", k->s[k->len - 1]))
		c = 'e';
	if (k->len && k->s[k->len - 1] == c)
		return;
	if (k->len < TMK_NAME_KEY_MAX)
		k->s[k->len++] = c;
}

static void put_syms(struct key *k, const char *s)
{
	for (; *s; s++)
		put_sym(k, *s);
}

static int is_article(const char *w, size_t n)
{
	for (size_t i = 0; i < sizeof(articles) / sizeof(articles[0]); i++)
		if (strlen(articles[i]) == n && memcmp(articles[i], w, n) == 0)
			return 1;
	return 0;
}

static int at(const char *w, size_t n, size_t i, const char *p)
{
	size_t k = strlen(p);

	return i + k <= n && memcmp(w + i, p, k) == 0;
}

/* Spell out word W[0..N) in reading R. */
static void spell_word(struct key *k, const char *w, size_t n, int r)
{
	k->word = k->len;
	for (size_t i = 0; i < n;) {
		const char *to = NULL;
		size_t used = 1;
		char one[2] = { w[i], '\0' };

		if (i + 3 == n && at(w, n, i, "off")) {                 /* Rachmaninoff */
			put_syms(k, "ov");
			return;
		}
		if (r == READ_DE && i + 3 == n && at(w, n, i, "ien")) { /* Karelien = Karelia */
			put_syms(k, "ia");
			return;
		}
		for (size_t g = 0; g < sizeof(graphemes) / sizeof(graphemes[0]); g++)
			if (graphemes[g].from[0] == w[i] && at(w, n, i, graphemes[g].from)) {
				to = r == READ_DE ? graphemes[g].de : graphemes[g].en;
				used = strlen(graphemes[g].from);
				break;
			}
		if (!to && w[i] == 'c')
			to = i + 1 < n && strchr("eiy", w[i + 1]) ? "s" : "k";
		put_syms(k, to ? to : one);
		i += used;
	}
}

/* The key of folded text F[0..N) in reading R. */
static size_t spell(char *out, const char *f, size_t n, int r)
{
	struct key k = { out, 0, 0 };

	for (size_t i = 0; i < n;) {
		size_t j = i;
		while (j < n && f[j] != ' ' && f[j] != '-')
			j++;
		if (j < n && f[j] == '-' && j + 1 < n && is_article(f + i, j - i)) {
			k.word = k.len;
			put_syms(&k, "al");
		} else {
			spell_word(&k, f + i, j - i, r);
		}
		i = j + 1;
	}
	out[k.len] = '\0';
	return k.len;
}

int tmk_name_skeleton(tmk_name_skel *out, const char *name, size_t len)
{
	char f[FOLD_MAX + 1];
	size_t n, bad;

	memset(out, 0, sizeof(*out));
	if (!tmk_utf8_valid(name, len, &bad))
		return tmk_error_set(TMK_EINVAL, "name skeleton: the name is not UTF-8");
	n = fold(f, name, len);
	out->len[0] = spell(out->key[0], f, n, READ_DE);
	if (out->len[0] == 0)
		return 0;
	out->len[1] = spell(out->key[1], f, n, READ_EN);
	out->n = out->len[0] == out->len[1] && memcmp(out->key[0], out->key[1], out->len[0]) == 0 ? 1 : 2;
	return 0;
}

/* ------------------------------------------------------------------ */
/* distance                                                           */

static int is_vowel_sym(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

/* Cost of writing B where A stands: what transliteration varies is 1. */
static int sub_cost(char a, char b)
{
	static const char *const groups[] = { "SCJ", "sc", "bp", "dt", "gkh", "vf" };

	if (a == b)
		return 0;
	if (is_vowel_sym(a) && is_vowel_sym(b))
		return 1;
	for (size_t g = 0; g < sizeof(groups) / sizeof(groups[0]); g++)
		if (a && b && strchr(groups[g], a) && strchr(groups[g], b))
			return 1;
	return HARD;
}

/* Cost of adding or leaving out C: a vowel or an h is 1. */
static int indel_cost(char c)
{
	return is_vowel_sym(c) || c == 'h' ? 1 : HARD;
}

int tmk_skel_distance(const char *a, size_t na, const char *b, size_t nb, int max)
{
	int row[TMK_NAME_KEY_MAX + 2], prev[TMK_NAME_KEY_MAX + 2];

	if (na > TMK_NAME_KEY_MAX)
		na = TMK_NAME_KEY_MAX;
	if (nb > TMK_NAME_KEY_MAX)
		nb = TMK_NAME_KEY_MAX;
	prev[0] = 0;
	for (size_t j = 1; j <= nb; j++)
		prev[j] = prev[j - 1] + indel_cost(b[j - 1]);
	for (size_t i = 1; i <= na; i++) {
		int best;
		row[0] = prev[0] + indel_cost(a[i - 1]);
		best = row[0];
		for (size_t j = 1; j <= nb; j++) {
			int v = prev[j - 1] + sub_cost(a[i - 1], b[j - 1]);
			if (prev[j] + indel_cost(a[i - 1]) < v)
				v = prev[j] + indel_cost(a[i - 1]);
			if (row[j - 1] + indel_cost(b[j - 1]) < v)
				v = row[j - 1] + indel_cost(b[j - 1]);
			row[j] = v;
			if (v < best)
				best = v;
		}
		if (best > max)         /* every path is over the budget already */
			return max + 1;
		memcpy(prev, row, (nb + 1) * sizeof(*row));
	}
	return prev[nb] > max ? max + 1 : prev[nb];
}

int tmk_skel_budget(size_t na, size_t nb)
{
	size_t m = na < nb ? na : nb;

	if (m < 4)
		return 0;
	m /= 3;
	if (m < 1)
		m = 1;
	return m > MAX_BUDGET ? MAX_BUDGET : (int)m;
}

int tmk_name_skel_match(const tmk_name_skel *a, const tmk_name_skel *b, double *score)
{
	double best = 0;
	int hit = 0;

	for (unsigned i = 0; i < a->n; i++)
		for (unsigned j = 0; j < b->n; j++) {
			size_t la = a->len[i], lb = b->len[j];
			int max = tmk_skel_budget(la, lb);
			int d = tmk_skel_distance(a->key[i], la, b->key[j], lb, max);
			double s;
			if (d > max)
				continue;
			s = 1.0 - (double)d / (2.0 * (double)(la > lb ? la : lb));
			if (!hit || s > best)
				best = s;
			hit = 1;
		}
	if (score)
		*score = hit ? best : 0.0;
	return hit;
}

int tmk_name_match(const char *a, size_t na, const char *b, size_t nb, double *score)
{
	tmk_name_skel sa, sb;
	int rc;

	if (score)
		*score = 0.0;
	if ((rc = tmk_name_skeleton(&sa, a, na)) < 0 || (rc = tmk_name_skeleton(&sb, b, nb)) < 0)
		return rc;
	return tmk_name_skel_match(&sa, &sb, score);
}
