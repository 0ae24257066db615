/*
 * segrules.c - loading and querying the segmenter's language data; see
 * segrules.h.  Abbreviations are stored with their inner spaces removed, so
 * that "z. B." and "z.B." are one entry; entries that start with "*" go to
 * a separate suffix list.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "buf.h"
#include "embedded.h"
#include "error.h"
#include "segrules.h"
#include "utf8.h"
#include "wordlist.h"

struct tmk_segrules {
	tmk_wordlist *abbr;      /* compressed form -> class */
	tmk_wordlist *suffix;    /* "*str." entries, without the "*" */
	tmk_wordlist *starters;
	tmk_wordlist *continuers; /* NULL until loaded */
	tmk_wordlist *numbered;  /* nouns a cardinal follows; NULL: none */
	tmk_wordlist *adverbs;   /* bare adverbs and adjectives; NULL: none */
	int ordinal_dot;
	/* what the entries look like, so that tmk_segrules_abbrev() need not
	 * hash keys that cannot match (most tokens before a full stop are no
	 * abbreviation, and it runs for every one: issue 15, speed) */
	size_t abbr_max;         /* the longest full entry, in bytes */
	size_t suffix_min, suffix_max; /* the shortest and longest suffix */
	unsigned char suffix_first[32]; /* bit set: the first bytes of suffixes */
};

static const struct {
	const char *lang;
	int ordinal_dot;
} languages[] = {
	{ "de", 1 },
	{ "en", 0 },
};

void tmk_segrules_free(tmk_segrules *r)
{
	if (!r)
		return;
	tmk_wordlist_free(r->abbr);
	tmk_wordlist_free(r->suffix);
	tmk_wordlist_free(r->starters);
	tmk_wordlist_free(r->continuers);
	tmk_wordlist_free(r->numbered);
	tmk_wordlist_free(r->adverbs);
	free(r);
}

static int abbr_tag(const char *tag, size_t len, void *ctx)
{
	(void)ctx;
	if (!tag)
		return TMK_ABBR_FINAL;
	if (len == 5 && memcmp(tag, "inner", 5) == 0)
		return TMK_ABBR_INNER;
	if (len == 6 && memcmp(tag, "number", 6) == 0)
		return TMK_ABBR_NUMBER;
	if (len == 3 && memcmp(tag, "end", 3) == 0)
		return TMK_ABBR_END;
	return -1;
}

/* One abbreviation entry: check it, compress out its spaces and file it
 * under the full or the suffix ("*str.") list. */
static int abbrev_entry(void *ctx, const char *name, size_t line,
			const char *e, size_t len, const char *tag, size_t tlen)
{
	tmk_segrules *r = ctx;
	tmk_buf key = TMK_BUF_INIT;
	int cls = abbr_tag(tag, tlen, NULL), rc = 0;

	if (cls < 0)
		return tmk_error_set(TMK_EINPUT, "%s:%zu: unknown class '%.*s' (inner, end, number or none)",
				     name, line, (int)tlen, tag);
	for (size_t i = 0; i < len; i++)
		if (e[i] != ' ' && (rc = tmk_buf_putc(&key, e[i])) < 0)
			goto done;
	if (key.len < 2 || key.ptr[key.len - 1] != '.' || (key.ptr[0] == '*' && key.len < 3)) {
		rc = tmk_error_set(TMK_EINPUT, "%s:%zu: an abbreviation must end with '.': '%.*s'",
				   name, line, (int)len, e);
		goto done;
	}
	if (key.ptr[0] == '*') {
		unsigned char first = (unsigned char)key.ptr[1];
		rc = tmk_wordlist_add(r->suffix, key.ptr + 1, key.len - 1, cls);
		if (key.len - 1 < r->suffix_min)
			r->suffix_min = key.len - 1;
		if (key.len - 1 > r->suffix_max)
			r->suffix_max = key.len - 1;
		r->suffix_first[first >> 3] |= (unsigned char)(1u << (first & 7));
	} else {
		rc = tmk_wordlist_add(r->abbr, key.ptr, key.len, cls);
		if (key.len > r->abbr_max)
			r->abbr_max = key.len;
	}
done:
	tmk_buf_release(&key);
	return rc;
}

/* A starter's tag: none for a word capitalised only at a sentence start,
 * "inner" for one capitalised inside a sentence too (Sie, I). */
static int starter_tag(const char *tag, size_t len, void *ctx)
{
	(void)ctx;
	if (!tag)
		return 0;
	return len == 5 && memcmp(tag, "inner", 5) == 0 ? 1 : -1;
}

int tmk_segrules_parse(tmk_segrules **out, int ordinal_dot,
		       const char *abbr_name, const char *abbr, size_t abbr_len,
		       const char *starters_name, const char *starters, size_t starters_len)
{
	tmk_segrules *r = calloc(1, sizeof(*r));
	int rc;

	*out = NULL;
	if (!r)
		return tmk_error_oom();
	r->ordinal_dot = ordinal_dot;
	r->suffix_min = (size_t)-1;
	if ((rc = tmk_wordlist_new(&r->abbr)) < 0 ||
	    (rc = tmk_wordlist_new(&r->suffix)) < 0 ||
	    (rc = tmk_wordlist_new(&r->starters)) < 0 ||
	    (rc = tmk_list_parse(abbr_name, abbr, abbr_len, abbrev_entry, r)) < 0 ||
	    (rc = tmk_wordlist_load(r->starters, starters_name, starters, starters_len,
				    starter_tag, NULL)) < 0) {
		tmk_segrules_free(r);
		return rc;
	}
	*out = r;
	return 0;
}

/* Load the word list DATA into *SLOT, replacing what was there. */
static int load_list(tmk_wordlist **slot, const char *name, const char *data, size_t len)
{
	tmk_wordlist *wl;
	int rc;

	if ((rc = tmk_wordlist_new(&wl)) < 0)
		return rc;
	if ((rc = tmk_wordlist_load(wl, name, data, len, NULL, NULL)) < 0) {
		tmk_wordlist_free(wl);
		return rc;
	}
	tmk_wordlist_free(*slot);
	*slot = wl;
	return 0;
}

/* The lists only some languages have: nouns a cardinal follows (for
 * ordinals written "3.") and bare adverbs (for capitalised nouns). */
static int load_optional(tmk_segrules *r, const char *lang)
{
	struct {
		const char *ext;
		tmk_wordlist **slot;
	} opt[] = { { "numbered", &r->numbered }, { "adverbs", &r->adverbs } };
	int rc = 0;

	for (size_t i = 0; i < sizeof(opt) / sizeof(opt[0]) && rc == 0; i++) {
		char name[96];
		const char *data;
		size_t len;
		snprintf(name, sizeof(name), "dictionaries/segment/%s.%s", lang, opt[i].ext);
		if ((data = tmk_embedded_find(name, &len)) != NULL)
			rc = load_list(opt[i].slot, name, data, len);
	}
	return rc;
}

int tmk_segrules_new(tmk_segrules **out, const char *lang)
{
	char an[96], sn[96], cn[96];
	const char *a, *s, *c;
	size_t alen, slen, clen;
	int rc;

	*out = NULL;
	for (size_t i = 0; i < sizeof(languages) / sizeof(languages[0]); i++) {
		if (strcmp(languages[i].lang, lang) != 0)
			continue;
		snprintf(an, sizeof(an), "dictionaries/segment/%s.abbreviations", lang);
		snprintf(sn, sizeof(sn), "dictionaries/segment/%s.starters", lang);
		a = tmk_embedded_find(an, &alen);
		s = tmk_embedded_find(sn, &slen);
		if (!a || !s)
			return tmk_error_set(TMK_ERROR, "segmentation rules for '%s' missing from the build", lang);
		snprintf(cn, sizeof(cn), "dictionaries/segment/%s.continuers", lang);
		c = tmk_embedded_find(cn, &clen);
		if (!c)
			return tmk_error_set(TMK_ERROR, "segmentation rules for '%s' missing from the build", lang);
		rc = tmk_segrules_parse(out, languages[i].ordinal_dot, an, a, alen, sn, s, slen);
		if (rc == 0)
			rc = tmk_segrules_load_continuers(*out, cn, c, clen);
		if (rc == 0)
			rc = load_optional(*out, lang);
		if (rc < 0) {
			tmk_segrules_free(*out);
			*out = NULL;
		}
		return rc;
	}
	return tmk_error_set(TMK_EINVAL, "no segmentation rules for language '%s' (there are: de, en)",
			     lang);
}

/* KEY's class as a full entry, or -1; a key longer than every entry is
 * not hashed. */
static int get_full(const tmk_segrules *r, const char *key, size_t len)
{
	return len <= r->abbr_max ? tmk_wordlist_get(r->abbr, key, len) : -1;
}

/* Whether KEY is a full entry as it stands or with its first letter in
 * lower case ("Vgl." at the start of a sentence is "vgl."): its class, or
 * TMK_ABBR_NONE. */
static int full_entry(const tmk_segrules *r, const char *key, size_t len)
{
	char low[64];
	size_t i = 0, n = 0;
	int32_t c;
	int cls;
	UBool err = 0;

	if ((cls = get_full(r, key, len)) >= 0)
		return cls;
	c = tmk_utf8_next(key, len, &i);
	if (!u_isupper(c) || len >= sizeof(low) - 4)
		return TMK_ABBR_NONE;
	U8_APPEND((uint8_t *)low, n, sizeof(low), u_tolower(c), err);
	if (err)
		return TMK_ABBR_NONE;
	memcpy(low + n, key + i, len - i);
	cls = get_full(r, low, n + len - i);
	return cls >= 0 ? cls : TMK_ABBR_NONE;
}

/* Whether KEY ends in a suffix entry with at least one letter before it:
 * its class, or TMK_ABBR_NONE.  Only the positions where a suffix could
 * start are looked up (its length in range, its first byte one a suffix
 * starts with). */
static int suffix_entry(const tmk_segrules *r, const char *key, size_t len)
{
	size_t k = 1, last = len - r->suffix_min;

	if (r->suffix_max == 0 || len <= r->suffix_min)
		return TMK_ABBR_NONE;
	if (len > r->suffix_max)
		k = len - r->suffix_max;
	for (; k <= last && k + 1 < len; k++) {
		unsigned char b = (unsigned char)key[k];
		size_t p = k;
		int cls;

		if (!(r->suffix_first[b >> 3] & (1u << (b & 7))) || (b & 0xC0) == 0x80)
			continue;
		if (!u_isalpha(tmk_utf8_prev(key, &p)))
			continue;
		if ((cls = tmk_wordlist_get(r->suffix, key + k, len - k)) >= 0)
			return cls;
	}
	return TMK_ABBR_NONE;
}

int tmk_segrules_abbrev(const tmk_segrules *r, const char *key, size_t len)
{
	int cls;

	if (len == 0)
		return TMK_ABBR_NONE;
	if ((cls = full_entry(r, key, len)) >= 0)
		return cls;
	return suffix_entry(r, key, len);
}

int tmk_segrules_starter(const tmk_segrules *r, const char *word, size_t len)
{
	return tmk_wordlist_get(r->starters, word, len) >= 0;
}

int tmk_segrules_starter_only(const tmk_segrules *r, const char *word, size_t len)
{
	return tmk_wordlist_get(r->starters, word, len) == 0;
}


int tmk_segrules_load_continuers(tmk_segrules *r, const char *name, const char *data, size_t len)
{
	return load_list(&r->continuers, name, data, len);
}

int tmk_segrules_numbered(const tmk_segrules *r, const char *word, size_t len)
{
	return r->numbered && len && tmk_wordlist_get(r->numbered, word, len) >= 0;
}

/* Whether WORD is in list WL as it stands or with its first letter in
 * lower case. */
static int has_word(const tmk_wordlist *wl, const char *word, size_t len)
{
	char low[64];
	size_t i = 0, n = 0;
	int32_t c;
	UBool err = 0;

	if (!wl || len == 0)
		return 0;
	if (tmk_wordlist_get(wl, word, len) >= 0)
		return 1;
	c = tmk_utf8_next(word, len, &i);
	if (!u_isupper(c) || len >= sizeof(low) - 4)
		return 0;
	U8_APPEND((uint8_t *)low, n, sizeof(low), u_tolower(c), err);
	if (err)
		return 0;
	memcpy(low + n, word + i, len - i);
	return tmk_wordlist_get(wl, low, n + len - i) >= 0;
}

int tmk_segrules_continuer(const tmk_segrules *r, const char *word, size_t len)
{
	return has_word(r->continuers, word, len);
}

int tmk_segrules_adverb(const tmk_segrules *r, const char *word, size_t len)
{
	return has_word(r->adverbs, word, len);
}

int tmk_segrules_ordinal_dot(const tmk_segrules *r)
{
	return r->ordinal_dot;
}
