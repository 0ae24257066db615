/*
 * textnorm.c - matching forms, hashes and tokens; see textnorm.h.
 *
 * Pure ASCII text (most English, much German) takes a byte loop; other
 * text goes through ICU in UTF-16: full case folding, NFD, and dropping
 * the nonspacing marks that NFD split off.
 */
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "error.h"
#include "textnorm.h"
#include "utf8.h"

uint64_t tmk_hash(uint64_t seed, const char *s, size_t len)
{
	uint64_t h = seed;

	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

/* ASCII: lower case, whitespace runs one space, trimmed. */
static int norm_ascii(tmk_buf *out, const char *s, size_t len)
{
	int space = 0, any = 0;

	if (tmk_buf_grow(out, len) < 0)
		return TMK_ENOMEM;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (c == ' ' || (c >= '\t' && c <= '\r')) {
			space = any;
			continue;
		}
		if (space)
			out->ptr[out->len++] = ' ';
		space = 0;
		any = 1;
		out->ptr[out->len++] = c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
	}
	out->ptr[out->len] = '\0';
	return 0;
}

int tmk_norm_match(tmk_buf *out, const char *s, size_t len)
{
	UErrorCode st = U_ZERO_ERROR;
	const UNormalizer2 *nfd;
	UChar *a = NULL, *b = NULL;
	int32_t n, m, cap, k = 0;
	int space = 0, any = 0, rc = 0;
	size_t i;

	for (i = 0; i < len && (unsigned char)s[i] < 0x80; i++)
		;
	if (i == len)
		return norm_ascii(out, s, len);

	nfd = unorm2_getNFDInstance(&st);
	cap = (int32_t)len * 3 + 16;            /* folding and NFD may grow text */
	a = malloc((size_t)cap * sizeof(UChar));
	b = malloc((size_t)cap * sizeof(UChar));
	if (!a || !b) {
		rc = tmk_error_oom();
		goto done;
	}
	u_strFromUTF8(a, cap, &n, s, (int32_t)len, &st);
	m = u_strFoldCase(b, cap, a, n, U_FOLD_CASE_DEFAULT, &st);
	n = unorm2_normalize(nfd, b, m, a, cap, &st);
	if (U_FAILURE(st)) {
		rc = tmk_error_set(TMK_ERROR, "cannot normalise text: %s", u_errorName(st));
		goto done;
	}
	/* drop marks, collapse spaces (in place: k <= j) */
	for (int32_t j = 0; j < n;) {
		UChar32 c;
		int32_t at = j;
		U16_NEXT(a, j, n, c);
		if (u_charType(c) == U_NON_SPACING_MARK)
			continue;
		if (u_isUWhiteSpace(c)) {
			space = any;
			continue;
		}
		if (space)
			a[k++] = ' ';
		space = 0;
		any = 1;
		while (at < j)
			a[k++] = a[at++];
	}
	u_strToUTF8(NULL, 0, &m, a, k, &st);
	st = U_ZERO_ERROR;
	if ((rc = tmk_buf_grow(out, (size_t)m)) < 0)
		goto done;
	u_strToUTF8(out->ptr + out->len, m + 1, NULL, a, k, &st);
	out->len += (size_t)m;
	out->ptr[out->len] = '\0';
done:
	free(a);
	free(b);
	return rc;
}

/* A character that may join two word characters inside a word:
 * apostrophes (don't), hyphens (Anti-IS), and . , in numbers (1.000,5). */
static int joins(int32_t c, int32_t before, int32_t after)
{
	if (c == '\'' || c == 0x2019 || c == '-' || c == 0x2011)
		return u_isalnum(before) && u_isalnum(after);
	if (c == '.' || c == ',')
		return u_isdigit(before) && u_isdigit(after);
	return 0;
}

static int is_digit(const char *s, size_t len, size_t i)
{
	return i < len && s[i] >= '0' && s[i] <= '9';
}

static int is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* From I, the end of a run of the characters of SET (a width, the
 * flags), or of digits when SET is NULL. */
static size_t skip_set(const char *s, size_t len, size_t i, const char *set)
{
	while (i < len && (set ? s[i] && strchr(set, s[i]) != NULL : is_digit(s, len, i)))
		i++;
	return i;
}

/* The printf conversion at S[I] == '%' (%s, %1$s, %-10.3lf, %'d, %zu, %m,
 * %S, GCC's %qs and %wu, Python's %(name)s), or Qt's %1 to %99: its
 * length, or 0.  No space flag ("in % der Fälle"); an upper-case
 * conversion may not run on into a letter (%-Grenze, %Satz). */
static size_t printf_len(const char *s, size_t len, size_t i)
{
	static const char conv[] = "diouxXeEfFgGaAcCsSpnm";
	size_t j = i + 1, k;

	if (j < len && s[j] == '(') {                   /* %(name)s */
		for (k = j + 1; k < len && is_name_char(s[k]); k++)
			;
		if (k == j + 1 || k >= len || s[k] != ')')
			return 0;
		j = k + 1;
	} else if ((k = skip_set(s, len, j, NULL)) > j && k < len && s[k] == '$' && s[j] != '0') {
		j = k + 1;                              /* %1$s */
	}
	j = skip_set(s, len, j, "-+#0'");
	j = j < len && s[j] == '*' ? j + 1 : skip_set(s, len, j, NULL);
	if (j < len && s[j] == '.')
		j = j + 1 < len && s[j + 1] == '*' ? j + 2 : skip_set(s, len, j + 1, NULL);
	j = skip_set(s, len, j, "hlLqjztw");
	if (j < len && s[j] && strchr(conv, s[j]) && !(s[j] >= 'A' && s[j] <= 'Z' && j + 1 < len &&
						       u_isalpha((unsigned char)s[j + 1])))
		return j + 1 - i;
	/* Qt: %1 .. %99 */
	if (is_digit(s, len, i + 1) && s[i + 1] != '0') {
		k = skip_set(s, len, i + 1, NULL);
		if (k - i - 1 <= 2)
			return k - i;
	}
	return 0;
}

/* {0}, {name}, {0:N2}, {0,number}, {{name}}, {{ name }} at S[I] == '{':
 * its length, or 0. */
static size_t brace_len(const char *s, size_t len, size_t i)
{
	int two = i + 1 < len && s[i + 1] == '{';
	size_t j = i + 1 + (size_t)two, k;

	if (two)
		j = skip_set(s, len, j, " ");
	for (k = j; k < len && (is_name_char(s[k]) || (k > j && s[k] == '.')); k++)
		;
	if (k == j)
		return 0;
	if (two) {
		k = skip_set(s, len, k, " ");
		return k + 1 < len && s[k] == '}' && s[k + 1] == '}' ? k + 2 - i : 0;
	}
	if (k < len && (s[k] == ':' || s[k] == ',' || s[k] == '!'))   /* a format spec */
		while (k < len && s[k] != '}' && s[k] != '{' && s[k] != ' ' && s[k] != '\n')
			k++;
	return k < len && s[k] == '}' ? k + 1 - i : 0;
}

size_t tmk_placeholder_len(const char *s, size_t len, size_t i, int32_t prev)
{
	size_t k = i;
	int32_t c;

	if (i >= len)
		return 0;
	switch (s[i]) {
	case '%':
		return u_isdigit(prev) || prev == '%' ? 0 : printf_len(s, len, i);
	case '{':
		return brace_len(s, len, i);
	case '$':       /* $1 to $9 alone: $10 and $1.5 are money */
		if (u_isalnum(prev) || !is_digit(s, len, i + 1) || s[i + 1] == '0' || is_digit(s, len, i + 2) ||
		    (i + 3 < len && (s[i + 2] == '.' || s[i + 2] == ',') && is_digit(s, len, i + 3)))
			return 0;
		return 2;
	default:
		c = tmk_utf8_next(s, len, &k);
		return c >= 0xE000 && c <= 0xF8FF ? k - i : 0;
	}
}

int tmk_tokenize(tmk_token **out, size_t *n, const char *s, size_t len)
{
	size_t cap = 32, count = 0, i = 0;
	tmk_token *v = malloc(cap * sizeof(*v));

	*out = NULL;
	*n = 0;
	if (!v)
		return tmk_error_oom();
	while (i < len) {
		size_t start = i, k = i, ph;
		int32_t c = tmk_utf8_next(s, len, &k);
		int word;

		if (tmk_is_space(c)) {
			i = k;
			continue;
		}
		word = u_isalnum(c) != 0;
		if (!word) {
			size_t b = start;
			ph = tmk_placeholder_len(s, len, start, b ? tmk_utf8_prev(s, &b) : 0);
		} else {
			ph = 0;
		}
		i = k;
		if (ph)
			i = start + ph;
		else if (c == '%' && i < len && s[i] == '%')
			i++;                    /* %%: a percent sign, one mark */
		if (word) {
			int32_t prev = c;
			while (i < len) {
				size_t k2 = i, k3;
				int32_t d = tmk_utf8_next(s, len, &k2), e;
				if (u_isalnum(d) || u_charType(d) == U_NON_SPACING_MARK) {
					prev = d;
					i = k2;
					continue;
				}
				k3 = k2;
				e = k2 < len ? tmk_utf8_next(s, len, &k3) : 0;
				if (!joins(d, prev, e))
					break;
				prev = e;
				i = k3;
			}
		}
		if (count == cap) {
			tmk_token *nv = realloc(v, (cap *= 2) * sizeof(*v));
			if (!nv) {
				free(v);
				return tmk_error_oom();
			}
			v = nv;
		}
		v[count].start = start;
		v[count].end = i;
		v[count].word = word;
		v[count].placeholder = ph != 0;
		count++;
	}
	*out = v;
	*n = count;
	return 0;
}

size_t tmk_count_words(const char *s, size_t len)
{
	tmk_token *t;
	size_t n, words = 0;

	if (tmk_tokenize(&t, &n, s, len) < 0)
		return 0;
	for (size_t i = 0; i < n; i++)
		words += t[i].word || (t[i].placeholder && (unsigned char)s[t[i].start] < 0x80);
	free(t);
	return words;
}

/* Does W[I..N) start with the ASCII string P? */
static int at(const char *w, size_t i, size_t n, const char *p)
{
	size_t k = 0;

	while (p[k] && i + k < n && w[i + k] == p[k])
		k++;
	return p[k] == '\0';
}

size_t tmk_cognate_skeleton(char *out, size_t cap, const char *w, size_t n)
{
	static const struct {
		const char *from, *to;
	} fold[] = {            /* longest first where they share a start */
		{ "dsch", "i" }, { "tsch", "ch" }, { "sch", "sh" }, { "kh", "ch" }, { "ph", "f" },
		{ "th", "t" }, { "ck", "k" }, { "ch", "ch" }, { "qu", "kw" }, { "q", "k" }, { "z", "s" },
		{ "j", "i" }, { "y", "i" },
	};
	size_t len = 0, i = 0;

	while (i < n && len < cap) {
		const char *to = NULL;
		size_t used = 1;
		char one[2] = { w[i], '\0' };
		for (size_t k = 0; k < sizeof(fold) / sizeof(fold[0]); k++)
			if (at(w, i, n, fold[k].from)) {
				to = fold[k].to;
				used = strlen(fold[k].from);
				break;
			}
		if (!to && w[i] == 'c')
			to = i + 1 < n && (w[i + 1] == 'e' || w[i + 1] == 'i' || w[i + 1] == 'y') ? "s" : "k";
		if (!to)
			to = one;
		for (; *to && len < cap; to++)
			if (!len || out[len - 1] != *to || (unsigned char)*to >= 0x80)
				out[len++] = *to;
		i += used;
	}
	return len;
}

size_t tmk_byte_distance(const char *a, size_t n, const char *b, size_t m)
{
	size_t *row = malloc((m + 1) * sizeof(*row)), best;

	if (!row)
		return (size_t)-1;
	for (size_t j = 0; j <= m; j++)
		row[j] = j;
	for (size_t i = 1; i <= n; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= m; j++) {
			size_t up = row[j], v = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < v)
				v = up + 1;
			if (row[j - 1] + 1 < v)
				v = row[j - 1] + 1;
			diag = up;
			row[j] = v;
		}
	}
	best = row[m];
	free(row);
	return best;
}
