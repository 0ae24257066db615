/*
 * langtag.c - BCP 47 language tags; see langtag.h.
 *
 * A parser of RFC 5646's ABNF, subtag by subtag, that also writes the
 * canonical case.  It checks that a tag is well-formed, not that every
 * subtag is registered: a TM must keep what a CAT tool wrote, and the
 * IANA registry changes.  The irregular grandfathered tags (i-klingon,
 * en-GB-oed ...) that the ABNF cannot parse are taken from a list.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "error.h"
#include "langtag.h"

static int is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
}

static char upper(char c)
{
	return c >= 'a' && c <= 'z' ? (char)(c - 32) : c;
}

static int all_of(const char *s, size_t n, int (*fn)(char))
{
	for (size_t i = 0; i < n; i++)
		if (!fn(s[i]))
			return 0;
	return 1;
}

static int is_alnum(char c)
{
	return is_alpha(c) || is_digit(c);
}

/* RFC 5646 2.2.8: irregular grandfathered tags, whole. */
static const char *const irregular[] = {
	"en-GB-oed", "i-ami", "i-bnn", "i-default", "i-enochian", "i-hak", "i-klingon", "i-lux",
	"i-mingo", "i-navajo", "i-pwn", "i-tao", "i-tay", "i-tsu", "sgn-BE-FR", "sgn-BE-NL",
	"sgn-CH-DE", NULL
};

/* Where the parser stands: what the next subtag may be. */
enum { AT_EXTLANG, AT_SCRIPT, AT_REGION, AT_VARIANT, AT_EXTENSION, AT_PRIVATE };

/* Write subtag S[0..N) to OUT in the case its kind wants (1 upper, 2 title,
 * else lower). */
static void put_subtag(char *out, size_t *k, const char *s, size_t n, int kase)
{
	if (*k)
		out[(*k)++] = '-';
	for (size_t i = 0; i < n; i++)
		out[(*k)++] = kase == 1 || (kase == 2 && i == 0) ? upper(s[i]) : lower(s[i]);
	out[*k] = '\0';
}

/* Classify subtag S[0..N) at STATE: its case in *KASE and the next state,
 * or -1 when it cannot stand there.  After a singleton every subtag is an
 * extension's (or private use's) and lower case. */
static int next_state(int state, const char *s, size_t n, int *kase, int *extlangs)
{
	*kase = 0;
	if (state == AT_PRIVATE)
		return n >= 1 && n <= 8 ? AT_PRIVATE : -1;
	if (state == AT_EXTENSION)
		return n >= 2 && n <= 8 ? AT_EXTENSION : n == 1 && lower(s[0]) == 'x' ? AT_PRIVATE :
		       n == 1 ? AT_EXTENSION : -1;
	if (n == 1)
		return lower(s[0]) == 'x' ? AT_PRIVATE : AT_EXTENSION;
	if (state == AT_EXTLANG && n == 3 && all_of(s, n, is_alpha) && *extlangs < 3) {
		++*extlangs;
		return AT_EXTLANG;
	}
	if (state <= AT_SCRIPT && n == 4 && all_of(s, n, is_alpha)) {
		*kase = 2;
		return AT_REGION;
	}
	if (state <= AT_REGION && ((n == 2 && all_of(s, n, is_alpha)) || (n == 3 && all_of(s, n, is_digit)))) {
		*kase = 1;
		return AT_VARIANT;
	}
	if ((n >= 5 && n <= 8) || (n == 4 && is_digit(s[0])))
		return AT_VARIANT;
	return -1;
}

/* The tag without a POSIX locale's ".charset" and "@modifier". */
static size_t strip_posix(const char *tag, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (tag[i] == '.' || tag[i] == '@')
			return i;
	return len;
}

static int malformed(char *out, const char *tag, size_t len, const char *why)
{
	out[0] = '\0';
	return tmk_error_set(TMK_EINPUT, "'%.*s' is not a language tag (BCP 47, like de, de-CH, en-GB): %s",
			     (int)(len > 80 ? 80 : len), tag, why);
}

int tmk_langtag_canon(char out[TMK_LANGTAG_MAX], const char *tag, size_t len)
{
	size_t i = 0, k = 0, n;
	int state = AT_EXTLANG, extlangs = 0, kase, singleton_open = 0;

	out[0] = '\0';
	len = strip_posix(tag, len);
	if (len == 0)
		return malformed(out, tag, len, "empty");
	if (len >= TMK_LANGTAG_MAX)
		return malformed(out, tag, len, "too long");
	for (const char *const *g = irregular; *g; g++)
		if (strlen(*g) == len && !strncasecmp(*g, tag, len)) {
			memcpy(out, *g, len + 1);
			return 0;
		}
	/* the primary language: 2-8 letters, or x for private use alone */
	for (n = 0; n < len && tag[n] != '-' && tag[n] != '_'; n++)
		if (!is_alpha(tag[n]))
			return malformed(out, tag, len, "the language must be letters");
	if (n == 1 && lower(tag[0]) == 'x')
		state = AT_PRIVATE, singleton_open = 1;
	else if (n < 2 || n > 8)
		return malformed(out, tag, len, "the language has 2 to 8 letters");
	else if (n >= 4)
		state = AT_SCRIPT;      /* 4-8 letters take no extlang */
	put_subtag(out, &k, tag, n, 0);
	for (i = n; i < len;) {
		const char *s = tag + i + 1;
		for (n = 0; i + 1 + n < len && s[n] != '-' && s[n] != '_'; n++)
			if (!is_alnum(s[n]))
				return malformed(out, tag, len, "a subtag holds a character other than a letter or digit");
		if (n == 0 || n > 8)
			return malformed(out, tag, len, n ? "a subtag is longer than 8 characters" : "an empty subtag");
		int singleton = n == 1 && state != AT_PRIVATE;
		if (singleton && singleton_open)
			return malformed(out, tag, len, "an extension without its subtags");
		if ((state = next_state(state, s, n, &kase, &extlangs)) < 0)
			return malformed(out, tag, len, "a subtag is out of place");
		singleton_open = singleton;
		put_subtag(out, &k, s, n, kase);
		i += 1 + n;
	}
	if (singleton_open)
		return malformed(out, tag, len, "an extension without its subtags");
	return 0;
}

size_t tmk_langtag_primary_len(const char *tag)
{
	size_t n = 0;

	while (tag[n] && tag[n] != '-' && tag[n] != '_')
		n++;
	return n;
}

int tmk_langtag_same_lang(const char *a, const char *b)
{
	size_t n = tmk_langtag_primary_len(a);

	return n == tmk_langtag_primary_len(b) && !strncasecmp(a, b, n);
}

int tmk_langtag_in_range(const char *range, const char *tag)
{
	size_t n = strlen(range);

	return !strncasecmp(range, tag, n) && (tag[n] == '\0' || tag[n] == '-');
}

int tmk_langtag_distance(const char *wanted, const char *tag)
{
	if (tmk_langtag_in_range(wanted, tag))
		return 0;
	if (tmk_langtag_in_range(tag, wanted))
		return 1;
	return tmk_langtag_same_lang(wanted, tag) ? 2 : 3;
}
