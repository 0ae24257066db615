/*
 * spell.c - the speller: hunspell plus added words, compounds split, and
 * the text walked with ICU word boundaries; see spell.h.
 *
 * hunspell's dictionaries are UTF-8 (SET UTF-8 in de_DE and en_US), so
 * words go to it as they are, NUL-terminated copies of the text's bytes.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <hunspell/hunspell.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>

#include "embedded.h"
#include "error.h"
#include "names/places.h"
#include "spell.h"
#include "term.h"
#include "text.h"
#include "utf8.h"

struct tmk_speller {
	Hunhandle *h;
	Hunhandle *en;          /* German drafts quote English: en_US too, when installed */
	int german;
	tmk_places *places;     /* place names (tmk_speller_add_places), or NULL */
};

int tmk_speller_new(tmk_speller **out, const char *lang, const char *dir)
{
	const char *dict = !strcmp(lang, "de") ? "de_DE" : !strcmp(lang, "en") ? "en_US" : NULL;
	char aff[512], dic[512];
	struct stat sb;
	tmk_speller *s;

	*out = NULL;
	if (!dict)
		return tmk_error_set(TMK_EINVAL, "no dictionary for language '%s' (de or en)", lang);
	snprintf(aff, sizeof(aff), "%s/%s.aff", dir ? dir : "/usr/share/hunspell", dict);
	snprintf(dic, sizeof(dic), "%s/%s.dic", dir ? dir : "/usr/share/hunspell", dict);
	if (stat(aff, &sb) != 0 || stat(dic, &sb) != 0)
		return tmk_error_set(TMK_EIO, "no hunspell dictionary %s (%s): install the Debian package %s",
				     dict, stat(aff, &sb) != 0 ? aff : dic,
				     !strcmp(lang, "de") ? "hunspell-de-de" : "hunspell-en-us");
	if (!(s = calloc(1, sizeof(*s))))
		return tmk_error_oom();
	if (!(s->h = Hunspell_create(aff, dic))) {
		free(s);
		return tmk_error_set(TMK_EIO, "cannot load the hunspell dictionary %s", dic);
	}
	s->german = !strcmp(lang, "de");
	if (s->german) {
		snprintf(aff, sizeof(aff), "%s/en_US.aff", dir ? dir : "/usr/share/hunspell");
		snprintf(dic, sizeof(dic), "%s/en_US.dic", dir ? dir : "/usr/share/hunspell");
		if (stat(aff, &sb) == 0 && stat(dic, &sb) == 0)
			s->en = Hunspell_create(aff, dic);
	}
	*out = s;
	return 0;
}

void tmk_speller_free(tmk_speller *s)
{
	if (!s)
		return;
	Hunspell_destroy(s->h);
	if (s->en)
		Hunspell_destroy(s->en);
	tmk_places_free(s->places);
	free(s);
}

int tmk_speller_add(tmk_speller *s, const char *word, const char *model)
{
	char buf[256];

	if (!*word || strlen(word) > 200)
		return 0;
	if (model && Hunspell_spell(s->h, model)) {
		Hunspell_add_with_affix(s->h, word, model);
		return 0;
	}
	Hunspell_add(s->h, word);
	if (s->german) {        /* des Khorasans, die Dschihadisten */
		static const char *const endings[] = { "s", "es", "n", "en", NULL };
		for (int i = 0; endings[i]; i++) {
			snprintf(buf, sizeof(buf), "%s%s", word, endings[i]);
			Hunspell_add(s->h, buf);
		}
	} else {
		snprintf(buf, sizeof(buf), "%ss", word);
		Hunspell_add(s->h, buf);
	}
	return 0;
}

/* The words of list text DATA[0..LEN) named NAME (for messages). */
static int add_list_text(tmk_speller *s, const char *name, const char *data, size_t len)
{
	size_t pos = 0;
	long line = 0;
	int rc = 0;

	while (pos < len && rc == 0) {
		const char *l = data + pos, *nl = memchr(l, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - l) : len - pos;
		char buf[512], *word, *model, *extra, *save = NULL;
		pos += n + 1;
		line++;
		while (n && (l[n - 1] == '\r' || l[n - 1] == ' ' || l[n - 1] == '\t'))
			n--;
		if (!n || l[0] == '#')
			continue;
		if (n >= sizeof(buf)) {
			rc = tmk_error_set(TMK_EINPUT, "%s:%ld: line too long for a word", name, line);
			break;
		}
		memcpy(buf, l, n);
		buf[n] = '\0';
		word = strtok_r(buf, " \t", &save);
		model = strtok_r(NULL, " \t", &save);
		extra = strtok_r(NULL, " \t", &save);
		if (!word || extra) {
			rc = tmk_error_set(TMK_EINPUT, "%s:%ld: expected a word, then optionally a model word "
					   "it inflects like", name, line);
			break;
		}
		rc = tmk_speller_add(s, word, model);
	}
	return rc;
}

int tmk_speller_add_list(tmk_speller *s, const char *path, int optional)
{
	tmk_text *t;
	struct stat sb;
	int rc;

	if (optional && stat(path, &sb) != 0)
		return 0;
	if ((rc = tmk_text_load(&t, path)) < 0)
		return rc;
	rc = add_list_text(s, path, t->data, t->len);
	tmk_text_free(t);
	return rc;
}

int tmk_spell_words_path(tmk_buf *out)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	int rc;

	if (xdg && *xdg)
		rc = tmk_buf_printf(out, "%s/tmkit/words", xdg);
	else if (home && *home)
		rc = tmk_buf_printf(out, "%s/.config/tmkit/words", home);
	else
		return 0;
	return rc < 0 ? rc : 1;
}

/* Whether a line of LIST[0..LEN) starts with the word W[0..N). */
static int listed(const char *list, size_t len, const char *w, size_t n)
{
	for (const char *l = list, *end = list + len; l && l < end;) {
		const char *nl = memchr(l, '\n', (size_t)(end - l));
		if ((size_t)(end - l) >= n && !memcmp(l, w, n) &&
		    (l + n == end || l[n] == ' ' || l[n] == '\t' || l[n] == '\r' || l[n] == '\n'))
			return 1;
		l = nl ? nl + 1 : NULL;
	}
	return 0;
}

int tmk_spell_list_add(const char *path, const char *word, int *added)
{
	tmk_buf list = TMK_BUF_INIT;
	size_t n = strlen(word), bad;
	struct stat sb;
	int rc = 0;

	*added = 0;
	if (!n || n >= 500 || strpbrk(word, " \t\n\r") || word[0] == '#' || !tmk_utf8_valid(word, n, &bad))
		return tmk_error_set(TMK_EINVAL, "'%s' is not one word (UTF-8, without blanks, "
				     "not starting with #)", word);
	if ((stat(path, &sb) == 0 && (rc = tmk_read_file(&list, path)) < 0) ||
	    (rc = tmk_make_parents(path)) < 0)
		goto done;
	if (listed(list.ptr, list.len, word, n))
		goto done;
	if ((list.len && list.ptr[list.len - 1] != '\n' && (rc = tmk_buf_putc(&list, '\n')) < 0) ||
	    (rc = tmk_buf_printf(&list, "%s\n", word)) < 0 ||
	    (rc = tmk_write_file(path, list.ptr, list.len)) < 0)
		goto done;
	*added = 1;
done:
	tmk_buf_release(&list);
	return rc;
}

int tmk_speller_add_shipped(tmk_speller *s)
{
	const char *name = s->german ? "dictionaries/spell/de.words" : "dictionaries/spell/en.words";
	size_t len;
	const char *d = tmk_embedded_find(name, &len);

	return d ? add_list_text(s, name, d, len) : 0;
}

typedef struct {
	tmk_speller *s;
	const char *lang;
} gloss_ctx;

/* Each word of each term of C in the speller's language. */
static int add_concept(void *ud, const tmk_concept *c)
{
	gloss_ctx *g = ud;

	for (size_t i = 0; i < c->nterms; i++) {
		const char *t = c->terms[i].text;
		size_t n = strlen(t), k = 0;
		if (strcmp(c->terms[i].lang, g->lang))
			continue;
		while (k < n) {
			size_t b = k, e;
			while (b < n && !u_isalpha((unsigned char)t[b]) && (unsigned char)t[b] < 0x80)
				b++;
			e = b;
			while (e < n && t[e] != ' ' && t[e] != '-' && t[e] != '/' && t[e] != ',' && t[e] != '(' &&
			       t[e] != ')' && t[e] != '"' && t[e] != ';')
				e++;
			if (e > b + 1 && e - b < 200) {
				char w[200];
				memcpy(w, t + b, e - b);
				w[e - b] = '\0';
				if (!Hunspell_spell(g->s->h, w))
					tmk_speller_add(g->s, w, NULL);
			}
			k = e + 1;
		}
	}
	return 0;
}

int tmk_speller_add_glossary(tmk_speller *s, tmk_tm *tm)
{
	tmk_term_filter all = { NULL, NULL, NULL, NULL };
	gloss_ctx g = { s, s->german ? "de" : "en" };

	return tmk_term_list(tm, &all, add_concept, &g);
}

/* hunspell's verdict on W[0..N) (copied to be NUL-terminated). */
static int hs_ok(tmk_speller *s, const char *w, size_t n)
{
	char buf[256];

	if (n == 0 || n >= sizeof(buf))
		return 0;
	memcpy(buf, w, n);
	buf[n] = '\0';
	return Hunspell_spell(s->h, buf) != 0;
}

/* W[0..N) with its first letter upper-cased (an ASCII or Latin-1 letter
 * in UTF-8) into BUF: a compound's head is a noun. */
static size_t capitalised(char *buf, size_t cap, const char *w, size_t n)
{
	if (n + 1 > cap)
		return 0;
	memcpy(buf, w, n);
	if (buf[0] >= 'a' && buf[0] <= 'z')
		buf[0] = (char)(buf[0] - 32);
	else if ((unsigned char)buf[0] == 0xc3 && n > 1 && (unsigned char)buf[1] >= 0xa0 && (unsigned char)buf[1] <= 0xbe)
		buf[1] = (char)((unsigned char)buf[1] - 0x20);      /* ä -> Ä */
	return n;
}

/* A German zu-infinitive hunspell lacks: anzustimmen is anstimmen. */
static int zu_infinitive(tmk_speller *s, const char *w, size_t n)
{
	static const char *const prefixes[] = { "ab", "an", "auf", "aus", "bei", "ein", "fest", "her", "hin",
		"mit", "nach", "vor", "weg", "zurück", "zusammen", "um", "durch", "über", "unter", "wieder",
		"dar", "los", "frei", "statt", "teil", "fort", "voran", "heraus", "hinaus", NULL };
	char buf[256];

	for (int i = 0; prefixes[i]; i++) {
		size_t p = strlen(prefixes[i]);
		if (n > p + 5 && n < sizeof(buf) && !memcmp(w, prefixes[i], p) && !memcmp(w + p, "zu", 2)) {
			memcpy(buf, w, p);
			memcpy(buf + p, w + p + 2, n - p - 2);
			if (hs_ok(s, buf, n - 2))
				return 1;
		}
	}
	return 0;
}

/* Is the capitalised word W[0..N) a place name in the speller's
 * language, whole or inflected (Chatlon, Afghanistans)?  A word that is
 * only part of a longer name (Stadt, Insel) is not. */
static int place_name(tmk_speller *s, const char *w, size_t n)
{
	size_t i = 0;
	UChar32 c = tmk_utf8_next(w, n, &i);

	return u_isupper(c) && tmk_places_is_name(s->places, s->german ? "de" : "en", w, n) == 1;
}

int tmk_speller_add_places(tmk_speller *s, const char **note)
{
	int rc;

	*note = NULL;
	if (s->places)
		return 0;
	if ((rc = tmk_places_open(&s->places, NULL)) < 0)
		return rc;
	*note = tmk_places_note(s->places);
	return 0;
}

int tmk_speller_ok(tmk_speller *s, const char *w, size_t n)
{
	char head[256], left[256];

	if (hs_ok(s, w, n))
		return 1;
	if (s->en && n < sizeof(head)) {        /* an English word in a German text */
		memcpy(head, w, n);
		head[n] = '\0';
		if (Hunspell_spell(s->en, head))
			return 1;
	}
	if (s->places && place_name(s, w, n))
		return 1;
	if (!s->german || n < 7)
		return 0;
	if (zu_infinitive(s, w, n))
		return 1;
	/* an adjective compound: nord|syrischen, islamistisch-|... */
	if (w[0] >= 'a' && w[0] <= 'z')
		for (size_t cut = 3; cut + 4 <= n; cut++) {
			size_t ll;
			if (((unsigned char)w[cut] & 0xC0) == 0x80 || !hs_ok(s, w + cut, n - cut))
				continue;
			ll = capitalised(left, sizeof(left), w, cut);
			if (ll && (hs_ok(s, left, ll) || hs_ok(s, w, cut)))
				return 1;
		}
	if (n < 8)
		return 0;
	/* two known parts: Terror|miliz, Verfassungsschutz|bericht, Anschlag|s|plan */
	for (size_t cut = 4; cut + 4 <= n; cut++) {
		size_t hl;
		if (((unsigned char)w[cut] & 0xC0) == 0x80)
			continue;
		hl = capitalised(head, sizeof(head), w + cut, n - cut);
		if (!hl || !hs_ok(s, head, hl))
			continue;
		if (hs_ok(s, w, cut) || (w[cut - 1] == 's' && hs_ok(s, w, cut - 1)) ||
		    (w[cut - 1] == 'n' && hs_ok(s, w, cut - 1)))
			return 1;
	}
	return 0;
}

int tmk_speller_suggest(tmk_speller *s, char ***out, size_t *n, const char *w, size_t len, size_t max)
{
	char buf[256], **list = NULL, **v;
	int k;

	*out = NULL;
	*n = 0;
	if (len == 0 || len >= sizeof(buf) || max == 0)
		return 0;
	memcpy(buf, w, len);
	buf[len] = '\0';
	k = Hunspell_suggest(s->h, &list, buf);
	if (k <= 0) {
		if (list)
			Hunspell_free_list(s->h, &list, k);
		return 0;
	}
	if (!(v = calloc((size_t)k, sizeof(*v)))) {
		Hunspell_free_list(s->h, &list, k);
		return tmk_error_oom();
	}
	for (int i = 0; i < k && (size_t)i < max; i++) {
		if (!(v[i] = strdup(list[i]))) {
			tmk_suggestions_free(v, (size_t)i);
			Hunspell_free_list(s->h, &list, k);
			return tmk_error_oom();
		}
		(*n)++;
	}
	Hunspell_free_list(s->h, &list, k);
	*out = v;
	return 0;
}

void tmk_suggestions_free(char **v, size_t n)
{
	for (size_t i = 0; v && i < n; i++)
		free(v[i]);
	free(v);
}

/* ---- the text ------------------------------------------------------------------- */

/* Is the whitespace-delimited chunk S[B..E) one to skip whole: a URL, an
 * e-mail address, a hashtag or an @mention? */
static int skip_chunk(const char *s, size_t b, size_t e)
{
	const char *c = s + b;
	size_t n = e - b;

	while (n && strchr("(\"'[<«»„“‚‘", *c))
		c++, n--;
	if (!n)
		return 0;
	if (*c == '#' || *c == '@')
		return 1;
	for (size_t i = 0; i + 3 <= n; i++)
		if (!memcmp(c + i, "://", 3))
			return 1;
	if (n > 4 && !memcmp(c, "www.", 4))
		return 1;
	const char *at = memchr(c, '@', n);
	return at && memchr(at, '.', n - (size_t)(at - c)) != NULL;
}

typedef struct {
	tmk_misspelling *v;
	size_t n, cap;
} found_t;

static int push(found_t *f, size_t b, size_t e, tmk_spell_kind k)
{
	if (f->n == f->cap) {
		tmk_misspelling *p = realloc(f->v, (f->cap = f->cap ? f->cap * 2 : 64) * sizeof(*p));
		if (!p)
			return tmk_error_oom();
		f->v = p;
	}
	f->v[f->n++] = (tmk_misspelling){ b, e, 0, 0, k };
	return 0;
}

/* Should word W[0..N) be checked at all? */
static int checkable(const char *w, size_t n)
{
	size_t i = 0, letters = 0, upper = 0;

	while (i < n) {
		int32_t c = tmk_utf8_next(w, n, &i);
		if (u_isdigit(c))
			return 0;       /* G7, 3D, hr4 */
		if (u_isalpha(c)) {
			letters++;
			upper += u_isupper(c) != 0;
		}
	}
	if (letters < 2)
		return 0;
	if (upper == letters && letters <= 6)
		return 0;       /* an acronym: ISKP, BKA, NATO */
	return 1;
}

/* The byte length of the quotation mark at S[I] (", „, “, ”, », «), or 0. */
static size_t quote_at(const char *s, size_t len, size_t i)
{
	if (s[i] == '"')
		return 1;
	if (i + 1 < len && (unsigned char)s[i] == 0xc2 && ((unsigned char)s[i + 1] == 0xbb || (unsigned char)s[i + 1] == 0xab))
		return 2;
	if (i + 2 < len && (unsigned char)s[i] == 0xe2 && (unsigned char)s[i + 1] == 0x80 &&
	    ((unsigned char)s[i + 2] == 0x9e || (unsigned char)s[i + 2] == 0x9c || (unsigned char)s[i + 2] == 0x9d))
		return 3;
	return 0;
}

/* Does the word at [B, E) stand in a short quotation of capitalised words
 * only, a name („Takim“, "Islamischer Staat")?  A quoted phrase ("drückt
 * die Daumen") is no name. */
static int quoted_name(const char *s, size_t len, size_t b, size_t e)
{
	size_t qs = b, qe = e, words = 0;
	int lower = 0;

	while (qs > 0 && s[qs - 1] != '\n' && b - qs < 80) {
		size_t k = qs - 1;
		while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
			k--;
		if (quote_at(s, len, k))
			break;
		qs = k;
	}
	if (qs == 0 || s[qs - 1] == '\n' || b - qs >= 80)
		return 0;
	while (qe < len && s[qe] != '\n' && !quote_at(s, len, qe) && qe - e < 80)
		qe++;
	if (qe >= len || !quote_at(s, len, qe))
		return 0;
	for (size_t i = qs; i < qe;) {          /* its words: few, all capitalised */
		size_t k = i;
		int32_t c = tmk_utf8_next(s, qe, &k);
		if (u_isalpha(c) && (i == qs || !u_isalpha(s[i - 1]))) {
			words++;
			lower |= u_islower(c) != 0;
			while (k < qe) {
				size_t k2 = k;
				if (!u_isalpha(tmk_utf8_next(s, qe, &k2)))
					break;
				k = k2;
			}
		}
		i = k;
	}
	return words > 0 && words <= 4 && !lower;
}

int tmk_spell_check(tmk_speller *s, tmk_misspelling **out, size_t *n, const char *text, size_t len)
{
	UErrorCode err = U_ZERO_ERROR;
	UText *ut = NULL;
	UBreakIterator *bi = NULL;
	found_t f = { 0 };
	size_t skip_to = 0;
	int rc = 0;

	*out = NULL;
	*n = 0;
	ut = utext_openUTF8(NULL, text, (int64_t)len, &err);
	bi = ubrk_open(UBRK_WORD, s->german ? "de" : "en", NULL, 0, &err);
	if (U_SUCCESS(err))
		ubrk_setUText(bi, ut, &err);
	if (U_FAILURE(err)) {
		rc = tmk_error_set(TMK_ERROR, "ICU word boundaries: %s", u_errorName(err));
		goto done;
	}
	for (int32_t b = ubrk_first(bi), e = ubrk_next(bi); e != UBRK_DONE && rc == 0; b = e, e = ubrk_next(bi)) {
		int32_t status = ubrk_getRuleStatus(bi);
		size_t wb = (size_t)b, we = (size_t)e;
		if (status < UBRK_WORD_LETTER || status >= UBRK_WORD_IDEO_LIMIT)
			continue;
		if (wb < skip_to)
			continue;
		{       /* the chunk around it: a URL, an address, a hashtag? */
			size_t cb = wb, ce = we;
			while (cb > 0 && text[cb - 1] != ' ' && text[cb - 1] != '\n' && text[cb - 1] != '\t')
				cb--;
			while (ce < len && text[ce] != ' ' && text[ce] != '\n' && text[ce] != '\t')
				ce++;
			if (skip_chunk(text, cb, ce)) {
				skip_to = ce;
				continue;
			}
		}
		if (!checkable(text + wb, we - wb) || tmk_speller_ok(s, text + wb, we - wb))
			continue;
		/* an abbreviation with its full stop: bzw., Nr. */
		if (we < len && text[we] == '.' && we - wb < 12) {
			char buf[16];
			memcpy(buf, text + wb, we - wb);
			buf[we - wb] = '.';
			if (hs_ok(s, buf, we - wb + 1))
				continue;
		}
		rc = push(&f, wb, we, TMK_SPELL_ERROR);
	}
	/* likely names: capitalised, and recurring or quoted */
	for (size_t i = 0; i < f.n && rc == 0; i++) {
		tmk_misspelling *m = &f.v[i];
		size_t k = 0, times = 0;
		int32_t c = tmk_utf8_next(text + m->start, m->end - m->start, &k);
		if (!u_isupper(c))
			continue;
		for (size_t j = 0; j < f.n && times < 2; j++)
			times += f.v[j].end - f.v[j].start == m->end - m->start &&
				 !memcmp(text + f.v[j].start, text + m->start, m->end - m->start);
		if (times >= 2 || quoted_name(text, len, m->start, m->end))
			m->kind = TMK_SPELL_NAME;
	}
	/* lines and columns */
	{
		size_t line = 1, col = 1, pos = 0;
		for (size_t i = 0; i < f.n; i++) {
			while (pos < f.v[i].start) {
				if (text[pos] == '\n') {
					line++;
					col = 1;
					pos++;
				} else {
					tmk_utf8_next(text, len, &pos);
					col++;
				}
			}
			f.v[i].line = line;
			f.v[i].column = col;
		}
	}
done:
	ubrk_close(bi);
	utext_close(ut);
	if (rc < 0) {
		free(f.v);
		return rc;
	}
	*out = f.v;
	*n = f.n;
	return 0;
}
