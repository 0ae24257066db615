/*
 * qa_places.c - the place-spelling rule (issue 14): a German place name
 * left in its German spelling in an English translation (Kiew for Kyiv,
 * Chatlon for Khatlon, Moskau for Moscow).  A word of the target counts
 * when the source holds it too (so it was carried over, not translated),
 * it is a whole German place name as written (names/places.h: ICU's
 * CLDR data and iso-codes) and no English one (Bayern is ISO's English
 * too: left alone), and the place's English name differs.  Acronyms (USA)
 * and words that a capitalised word follows (Europa League) are left
 * alone: English writes them so.  Only units from German
 * into English: German writers use English spellings too often for the
 * reverse to be a mistake.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "error.h"
#include "langtag.h"
#include "names/places.h"
#include "qa_internal.h"
#include "utf8.h"

/* The next word of S[0..LEN) from *I (letters, inner hyphens and
 * apostrophes): its span in *B, *E; 0 at the end. */
static int next_word(const char *s, size_t len, size_t *i, size_t *b, size_t *e)
{
	size_t j = *i, k;

	while (j < len) {
		k = j;
		if (u_isalpha(tmk_utf8_next(s, len, &j))) {
			j = k;
			break;
		}
	}
	if (j >= len)
		return 0;
	*b = j;
	while (j < len) {
		k = j;
		UChar32 c = tmk_utf8_next(s, len, &j);
		if (!u_isalpha(c) && !((c == '-' || c == '\'') && j < len && u_isalpha((unsigned char)s[j]))) {
			j = k;
			break;
		}
	}
	*e = *i = j;
	return 1;
}

/* Is W[0..N) written in capitals only (USA, an acronym English uses too)? */
static int all_caps(const char *w, size_t n)
{
	size_t i = 0;

	while (i < n)
		if (u_islower(tmk_utf8_next(w, n, &i)))
			return 0;
	return 1;
}

/* Does a capitalised word follow the one ending at E of S[0..LEN) (Europa
 * League, Kiew Oblast: part of a longer name)? */
static int name_goes_on(const char *s, size_t len, size_t e)
{
	size_t i = e;

	if (i >= len || s[i] != ' ')
		return 0;
	while (i < len && s[i] == ' ')
		i++;
	return i < len && u_isupper(tmk_utf8_next(s, len, &i));
}

/* Does S[0..LEN) hold the word W[0..N) (whole)? */
static int has_word(const char *s, size_t len, const char *w, size_t n)
{
	size_t i = 0, b, e;

	while (next_word(s, len, &i, &b, &e))
		if (e - b == n && !memcmp(s + b, w, n))
			return 1;
	return 0;
}

/* The English name of the German place name W[0..N) as written (not
 * only folded alike: Neunburg is not Neuenburg), when it differs from W:
 * into EN (at most CAP bytes), with its origin into ORIGIN. */
static int english_of(tmk_places *p, const char *w, size_t n, char *en, size_t cap, char *origin, size_t ocap)
{
	tmk_place_hit *h = NULL;
	size_t nh = 0;
	int found = 0;

	if (tmk_places_lookup(p, &h, &nh, "de", w, n) < 0)
		return tmk_error_code();
	for (size_t i = 0; i < nh && !found; i++)
		if (h[i].how == TMK_PLACE_EXACT && *h[i].en && strlen(h[i].matched) == n &&
		    !strncasecmp(h[i].matched, w, n) && (strlen(h[i].en) != n || memcmp(h[i].en, w, n))) {
			snprintf(en, cap, "%s", h[i].en);
			snprintf(origin, ocap, "%s", h[i].origin);
			found = 1;
		}
	tmk_place_hits_free(h);
	return found;
}

int qa_place_spelling(tmk_qa *q, size_t k)
{
	const qa_unit *u = &q->units[k];
	size_t i = 0, b, e;
	char en[256], origin[128];
	int rc = 0, r;

	if (!tmk_langtag_same_lang(u->src_lang, "de") || !tmk_langtag_same_lang(u->tgt_lang, "en"))
		return 0;
	if (!q->places && (rc = tmk_places_open(&q->places, NULL)) < 0)
		return rc;
	while (rc == 0 && next_word(u->tgt, u->tl, &i, &b, &e)) {
		const char *w = u->tgt + b;
		size_t n = e - b, j = 0;
		if (n < 3 || !u_isupper(tmk_utf8_next(w, n, &j)) || all_caps(w, n) || name_goes_on(u->tgt, u->tl, e) ||
		    !has_word(u->src, u->sl, w, n) ||
		    tmk_places_is_name(q->places, "en", w, n) != 0 || tmk_places_is_name(q->places, "de", w, n) != 1)
			continue;
		if ((r = english_of(q->places, w, n, en, sizeof(en), origin, sizeof(origin))) < 0)
			rc = r;
		else if (r)
			rc = qa_found(q, k, R_PLACE_SPELLING, 2, b, e, "%.*s is the German spelling: in English %s (%s)",
				      (int)n, w, en, origin);
	}
	return rc;
}
