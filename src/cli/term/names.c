/*
 * term/names.c - the names part of `tmkit term lookup` (issue 14): the
 * place names that ICU's CLDR data and the iso-codes package give (after
 * the glossary, each with its origin), and for a name that nothing knows
 * a spelling in the other language: the TM's, when a unit holding the
 * name spells it (a TM hit wins over a guess), else a transliteration
 * proposal marked as such.
 */
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>

#include "cli.h"
#include "concord.h"
#include "error.h"
#include "json.h"
#include "names/places.h"
#include "names/skeleton.h"
#include "names/translit.h"
#include "term/term_cli.h"
#include "utf8.h"

/* ---- places -------------------------------------------------------------- */

static void place_json(tmk_buf *b, const tmk_place_hit *h)
{
	tmk_buf_putc(b, '{');
	tmk_json_kv_str(b, 1, "origin", "places", 6);
	tmk_json_kv_str(b, 0, "de", h->de, strlen(h->de));
	tmk_json_kv_str(b, 0, "en", h->en, strlen(h->en));
	tmk_buf_puts(b, ",\"status\":null");
	tmk_json_kv_str(b, 0, "type", "place", 5);
	tmk_json_kv_str(b, 0, "kind", h->kind, strlen(h->kind));
	tmk_json_kv_str(b, 0, "code", h->code, strlen(h->code));
	tmk_json_kv_str(b, 0, "source", h->origin, strlen(h->origin));
	tmk_json_kv_str(b, 0, "match", tmk_place_how_name(h->how), strlen(tmk_place_how_name(h->how)));
	tmk_json_kv_str(b, 0, "matched", h->matched, strlen(h->matched));
	tmk_json_kv_str(b, 0, "lang", h->matched_lang, strlen(h->matched_lang));
	tmk_buf_puts(b, "}\n");
}

static void place_text(tmk_buf *b, const tmk_place_hit *h)
{
	tmk_buf_printf(b, "place     %s  =  %s  [%s%s%s; %s]", *h->de ? h->de : "-", h->en, h->kind,
		       *h->code ? " " : "", h->code, h->origin);
	if (h->how != TMK_PLACE_EXACT)
		tmk_buf_printf(b, "  (%s: %s)", tmk_place_how_name(h->how), h->matched);
	tmk_buf_putc(b, '\n');
}

int term_places(term_args *a, tmk_buf *out, size_t *n, const char *q, size_t len, size_t max)
{
	tmk_places *p = NULL;
	tmk_place_hit *h = NULL;
	size_t nh = 0;
	int rc;

	*n = 0;
	if (tmk_places_open(&p, NULL) < 0) {
		cli_warn(a->ctx, "term", "no place names: %s", tmk_error_last());
		return 0;
	}
	if (tmk_places_note(p))
		cli_warn(a->ctx, "term", "%s", tmk_places_note(p));
	rc = tmk_places_lookup(p, &h, &nh, a->from, q, len);
	for (size_t i = 0; rc == 0 && i < nh && i < max; i++, (*n)++)
		if (a->json)
			place_json(out, &h[i]);
		else
			place_text(out, &h[i]);
	tmk_place_hits_free(h);
	tmk_places_free(p);
	return rc;
}

/* ---- a name nothing knows --------------------------------------------- */

/* Does Q look like a name: one to three words, each a capital letter and
 * then letters (hyphens and apostrophes inside), with a vowel, not all
 * capitals (an acronym)? */
static int name_like(const char *q, size_t len)
{
	size_t i = 0, words = 0, upper = 0, letters = 0, vowels = 0;
	int start = 1;

	while (i < len) {
		UChar32 c = tmk_utf8_next(q, len, &i);
		if (c == ' ') {
			if (start)
				return 0;
			start = 1;
			continue;
		}
		if (start) {
			if (!u_isupper(c) && !u_istitle(c))
				return 0;
			words++;
			start = 0;
		} else if (!u_isalpha(c) && c != '-' && c != '\'') {
			return 0;
		}
		letters += u_isalpha(c) != 0;
		upper += u_isupper(c) != 0;
		vowels += c < 0x80 ? strchr("aeiouyAEIOUY", (int)c) != NULL : u_isalpha(c) != 0;
	}
	return words >= 1 && words <= 3 && letters >= 3 && upper < letters && vowels > 0;
}

/* A word of TEXT whose skeleton matches the name Q: its span in *START,
 * *END.  The TM's own spelling of the name. */
static int spelled_in(const char *text, const tmk_name_skel *q, size_t *start, size_t *end)
{
	tmk_name_skel s;
	size_t i = 0, len = strlen(text);

	while (i < len) {
		size_t b, e;
		while (i < len && (text[i] == ' ' || strchr(".,;:!?()\"'«»„“”", text[i])))
			i++;
		b = i;
		while (i < len && text[i] != ' ' && !strchr(".,;:!?()\"«»„“”", text[i]))
			i++;
		e = i;
		if (e - b >= 3 && tmk_name_skeleton(&s, text + b, e - b) == 0 && tmk_name_skel_match(q, &s, NULL)) {
			*start = b;
			*end = e;
			return 1;
		}
	}
	return 0;
}

static void spelling_out(tmk_buf *b, const term_args *a, const char *de, size_t dl, const char *en, size_t el,
			 const char *origin, const char *status, int64_t unit)
{
	if (a->json) {
		tmk_buf_putc(b, '{');
		tmk_json_kv_str(b, 1, "origin", origin, strlen(origin));
		tmk_json_kv_str(b, 0, "de", de, dl);
		tmk_json_kv_str(b, 0, "en", en, el);
		if (status)
			tmk_json_kv_str(b, 0, "status", status, strlen(status));
		else
			tmk_buf_puts(b, ",\"status\":null");
		tmk_buf_puts(b, ",\"type\":null");
		tmk_json_kv_str(b, 0, "match", "spelling", 8);
		if (unit)
			tmk_buf_printf(b, ",\"id\":%lld", (long long)unit);
		tmk_buf_puts(b, "}\n");
	} else if (unit) {
		tmk_buf_printf(b, "tm        %.*s  =  %.*s  (the TM's spelling, unit %lld)\n", (int)dl, de, (int)el, en,
			       (long long)unit);
	} else {
		tmk_buf_printf(b, "proposal  %.*s  =  %.*s  (transliterated: in neither the glossary nor the TM)\n",
			       (int)dl, de, (int)el, en);
	}
}

int term_name_spelling(term_args *a, tmk_buf *out, size_t *n, const char *q, size_t len, const char *lang,
		       const tmk_concord_hit *ex, size_t nx)
{
	const tmk_translit *t;
	tmk_name_skel sk;
	tmk_buf prop = TMK_BUF_INIT;
	unsigned flags = 0;
	int de = strcmp(lang, "en") != 0, rc;

	*n = 0;
	if (!name_like(q, len) || tmk_name_skeleton(&sk, q, len) < 0 || sk.n == 0)
		return 0;
	for (size_t i = 0; i < nx; i++) {       /* the TM's spelling first */
		size_t s, e;
		if (spelled_in(ex[i].translation, &sk, &s, &e)) {
			const char *w = ex[i].translation + s;
			spelling_out(out, a, de ? q : w, de ? len : e - s, de ? w : q, de ? e - s : len, "tm", NULL,
				     ex[i].id);
			*n = 1;
			return 0;
		}
	}
	if ((rc = tmk_translit_shared(&t, de ? TMK_TRANSLIT_DE_EN : TMK_TRANSLIT_EN_DE)) < 0 ||
	    (rc = tmk_translit_apply(t, &prop, q, len, &flags)) < 0) {
		tmk_buf_release(&prop);
		return rc;
	}
	if (flags & TMK_TRANSLIT_CHANGED) {
		spelling_out(out, a, de ? q : prop.ptr, de ? len : prop.len, de ? prop.ptr : q, de ? prop.len : len,
			     "transliteration", "proposal", 0);
		*n = 1;
	}
	tmk_buf_release(&prop);
	return 0;
}
