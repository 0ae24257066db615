/*
 * utf8.c - UTF-8 primitives over ICU's macros; see utf8.h.
 */
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "utf8.h"

int tmk_utf8_valid(const char *s, size_t len, size_t *bad)
{
	size_t i = 0;

	while (i < len) {
		unsigned char b = (unsigned char)s[i];
		size_t at = i;
		UChar32 c;

		if (b < 0x80) {         /* ASCII fast path */
			i++;
			continue;
		}
		U8_NEXT(s, i, len, c);
		if (c < 0) {
			*bad = at;
			return 0;
		}
	}
	return 1;
}

void tmk_utf8_trim_cut(char *s)
{
	size_t n = strlen(s), i = n, need;
	unsigned char lead;

	while (i > 0 && n - i < 3 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
		i--;
	if (i == 0 || (lead = (unsigned char)s[i - 1]) < 0xC0)
		return;
	need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
	if (n - (i - 1) < need)
		s[i - 1] = '\0';
}

void tmk_utf8_sanitize(char *s)
{
	size_t n = strlen(s), i = 0, bad;

	while (i < n && !tmk_utf8_valid(s + i, n - i, &bad)) {
		s[i + bad] = '?';
		i += bad + 1;
	}
}

int32_t tmk_utf8_next(const char *s, size_t len, size_t *i)
{
	UChar32 c;

	U8_NEXT(s, *i, len, c);
	return c < 0 ? 0xFFFD : c;
}

int32_t tmk_utf8_prev(const char *s, size_t *i)
{
	size_t end = *i, start = end - 1, k;

	/* back over up to three continuation bytes, then decode forwards
	 * (ICU's U8_PREV wants 32-bit offsets; texts may be larger) */
	while (start > 0 && end - start < 4 && ((unsigned char)s[start] & 0xC0) == 0x80)
		start--;
	{
		UChar32 c;
		k = start;
		U8_NEXT(s, k, end, c);
		if (c >= 0 && k == end) {
			*i = start;
			return c;
		}
	}
	*i = end - 1;   /* ill-formed: one byte back */
	return 0xFFFD;
}

size_t tmk_utf8_count(const char *s, size_t len)
{
	size_t i = 0, n = 0;

	while (i < len) {
		if ((unsigned char)s[i] < 0x80)
			i++;
		else
			tmk_utf8_next(s, len, &i);
		n++;
	}
	return n;
}

size_t tmk_utf8_span_fwd(const char *s, size_t end, size_t i, int (*pred)(int32_t), int want)
{
	while (i < end) {
		size_t k = i;
		if (!pred(tmk_utf8_next(s, end, &k)) != !want)
			break;
		i = k;
	}
	return i;
}

size_t tmk_utf8_span_back(const char *s, size_t lo, size_t i, int (*pred)(int32_t), int want)
{
	while (i > lo) {
		size_t k = i;
		if (!pred(tmk_utf8_prev(s, &k)) != !want)
			break;
		i = k;
	}
	return i;
}

int tmk_is_space(int32_t c)
{
	if (c < 0x80)
		return c == ' ' || (c >= '\t' && c <= '\r');
	return u_isUWhiteSpace(c);
}
