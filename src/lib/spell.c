/*
 * spell.c - the speller: hunspell plus added words, compounds split, and
 * the text walked with ICU word boundaries; see spell.h.
 *
 * hunspell's dictionaries are UTF-8 (SET UTF-8 in de_DE and en_US), so
 * words go to it as they are, NUL-terminated copies of the text's bytes.
 */
#include <errno.h>
#include <stdio.h>
#include <stdint.h>
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
#include "tm_internal.h"
#include "utf8.h"

/* ---- probable typos of glossary and TM words ----------------------------------- *
 *
 * A word one edit (Damerau) from a glossary or frequent TM word is far
 * likelier a typo of it than a new compound (Terrormilz for Terrormiliz).
 * The targets are folded (lower case, no diacritics: the TM's word index
 * has none) into code points; an index of their one-deletion variants
 * (symmetric deletion) finds the targets near a word with a few hash
 * look-ups, built once when first asked after words were added. */

#define NEAR_MIN 7              /* shorter targets have too many real neighbours */
#define NEAR_MAX 48             /* code points; longer words are not looked up */

typedef struct {
	char *word;             /* as given: the suggestion */
	uint32_t *cp;           /* folded code points */
	size_t ncp;
	int glossary;           /* from the glossary (ranked first), else the TM */
} near_target;

typedef struct {
	near_target *t;
	size_t n, cap;
	uint64_t *keys;         /* hash << 24 | target index + 1, 0 empty; open addressing */
	size_t nkeys;           /* a power of two, 0 before the first build */
	int dirty;
} near_index;

/* The folded code point of C: lower case, ä ö ü à é ... without their marks. */
static uint32_t fold_cp(UChar32 c)
{
	c = u_tolower(c);
	if (c >= 0xe0 && c <= 0xff && c != 0xf7) {
		static const char base[] = "aaaaaaaceeeeiiiidnooooo/ouuuuyty";
		if (c != 0xdf)
			c = (unsigned char)base[c - 0xe0];
	}
	return (uint32_t)c;
}

/* W[0..N) folded into CP (at most NEAR_MAX); the count, 0 when too long. */
static size_t fold_word(uint32_t *cp, const char *w, size_t n)
{
	size_t i = 0, k = 0;

	while (i < n) {
		if (k == NEAR_MAX)
			return 0;
		cp[k++] = fold_cp(tmk_utf8_next(w, n, &i));
	}
	return k;
}

/* FNV-1a of CP[0..N) without position SKIP (N or more: none), 40 bits. */
static uint64_t near_hash(const uint32_t *cp, size_t n, size_t skip)
{
	uint64_t h = 1469598103934665603ull;

	for (size_t i = 0; i < n; i++)
		if (i != skip)
			h = (h ^ cp[i]) * 1099511628211ull;
	h = (h ^ n ^ (skip < n)) * 1099511628211ull;
	return (h >> 24) | 1;
}

static void near_put(near_index *x, uint64_t h, size_t target)
{
	size_t mask = x->nkeys - 1, i = (size_t)h & mask;

	while (x->keys[i])
		i = (i + 1) & mask;
	x->keys[i] = h << 24 | (uint64_t)(target + 1);
}

/* Build the deletion index of all targets. */
static int near_build(near_index *x)
{
	size_t entries = 0;

	for (size_t i = 0; i < x->n; i++)
		entries += x->t[i].ncp + 1;
	free(x->keys);
	for (x->nkeys = 64; x->nkeys < 2 * entries; x->nkeys *= 2)
		;
	if (!(x->keys = calloc(x->nkeys, sizeof(*x->keys)))) {
		x->nkeys = 0;
		return tmk_error_oom();
	}
	for (size_t i = 0; i < x->n; i++)
		for (size_t skip = 0; skip <= x->t[i].ncp; skip++)
			near_put(x, near_hash(x->t[i].cp, x->t[i].ncp, skip), i);
	x->dirty = 0;
	return 0;
}

static void near_free(near_index *x)
{
	for (size_t i = 0; i < x->n; i++) {
		free(x->t[i].word);
		free(x->t[i].cp);
	}
	free(x->t);
	free(x->keys);
}

/* Add target WORD (from the glossary when GLOSSARY). */
static int near_add(near_index *x, const char *word, int glossary)
{
	uint32_t cp[NEAR_MAX];
	size_t n = strlen(word), k = fold_word(cp, word, n);
	near_target *t;

	if (k < NEAR_MIN)
		return 0;
	if (x->n == x->cap) {
		near_target *p = realloc(x->t, (x->cap = x->cap ? 2 * x->cap : 256) * sizeof(*p));
		if (!p)
			return tmk_error_oom();
		x->t = p;
	}
	t = &x->t[x->n];
	t->glossary = glossary;
	t->ncp = k;
	if (!(t->word = strdup(word)) || !(t->cp = malloc(k * sizeof(*t->cp)))) {
		free(t->word);
		return tmk_error_oom();
	}
	memcpy(t->cp, cp, k * sizeof(*cp));
	x->n++;
	x->dirty = 1;
	return 0;
}

/* Are A[0..NA) and B[0..NB) at most one edit apart (a letter deleted,
 * inserted, substituted, or two neighbours swapped)?  0: equal, 1: one
 * edit, 2: more. */
static int damerau1(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
	size_t i = 0;

	if (na > nb + 1 || nb > na + 1)
		return 2;
	while (i < na && i < nb && a[i] == b[i])
		i++;
	if (i == na && i == nb)
		return 0;
	if (na == nb) {
		if (!memcmp(a + i + 1, b + i + 1, (na - i - 1) * sizeof(*a)))
			return 1;       /* substituted */
		return i + 1 < na && a[i] == b[i + 1] && a[i + 1] == b[i] &&
		       !memcmp(a + i + 2, b + i + 2, (na - i - 2) * sizeof(*a)) ? 1 : 2;
	}
	if (na > nb)
		return !memcmp(a + i + 1, b + i, (na - i - 1) * sizeof(*a)) ? 1 : 2;
	return !memcmp(a + i, b + i + 1, (nb - i - 1) * sizeof(*a)) ? 1 : 2;
}

/* The targets one edit from CP[0..N) into FOUND (at most MAX, glossary
 * words first); the count, or -1 when CP is a target itself. */
static int near_find(near_index *x, size_t *found, size_t max, const uint32_t *cp, size_t n)
{
	size_t nf = 0, mask = x->nkeys - 1;
	int exact = 0;

	for (size_t skip = 0; skip <= n && !exact; skip++) {
		uint64_t h = near_hash(cp, n, skip);
		for (size_t i = (size_t)h & mask; x->keys[i] && !exact; i = (i + 1) & mask) {
			size_t t = (size_t)(x->keys[i] & 0xffffff) - 1, j;
			int d;
			if (x->keys[i] >> 24 != h)
				continue;
			d = damerau1(cp, n, x->t[t].cp, x->t[t].ncp);
			if (d == 0)
				exact = 1;
			if (d != 1)
				continue;
			for (j = 0; j < nf && found[j] != t; j++)
				;
			if (j == nf && nf < max)
				found[nf++] = t;
		}
	}
	if (exact)
		return -1;
	for (size_t i = 1; i < nf; i++)         /* glossary words first */
		for (size_t j = i; j > 0 && x->t[found[j]].glossary > x->t[found[j - 1]].glossary; j--) {
			size_t tmp = found[j];
			found[j] = found[j - 1];
			found[j - 1] = tmp;
		}
	return (int)nf;
}

struct tmk_speller {
	Hunhandle *h;
	Hunhandle *en;          /* German drafts quote English: en_US too, when installed */
	int german;
	tmk_places *places;     /* place names (tmk_speller_add_places), or NULL */
	near_index near;        /* glossary and TM words a typo is likely of */
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
	near_free(&s->near);
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
				if (near_add(&g->s->near, w, 1) < 0)
					return TMK_ENOMEM;
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

int tmk_speller_add_tm_words(tmk_speller *s, tmk_tm *tm, int max)
{
	sqlite3_stmt *st = NULL;
	int rc = 0, step;

	if (sqlite3_prepare_v2(tmk_tm_db(tm), "SELECT term FROM unit_words_vocab ORDER BY cnt DESC LIMIT ?1",
			       -1, &st, NULL) != SQLITE_OK)
		return tmk_tm_dberr(tm, "cannot read the TM's words");
	sqlite3_bind_int(st, 1, max);
	while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(st, 0);
		char buf[256];
		size_t n = t ? strlen(t) : 0;
		if (n < NEAR_MIN || n >= sizeof(buf))
			continue;
		memcpy(buf, t, n + 1);
		if (!Hunspell_spell(s->h, buf) && buf[0] >= 'a' && buf[0] <= 'z')
			buf[0] = (char)(buf[0] - 32);   /* the index is lower case: nouns */
		if (Hunspell_spell(s->h, buf))
			rc = near_add(&s->near, buf, 0);
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = tmk_tm_dberr(tm, "cannot read the TM's words");
	sqlite3_finalize(st);
	return rc;
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

/* Is W[0..N) a word of the old German spelling, ß where the new one has
 * ss (daß, muß, Ausschuß, mißtrauisch)?  Professional text still uses it
 * (quotations, older articles, Swiss and Austrian sources aside). */
static int old_spelling(tmk_speller *s, const char *w, size_t n)
{
	char buf[256];
	size_t k = 0, i;
	int sz = 0;

	for (i = 0; i < n && k + 2 < sizeof(buf); i++) {
		if (i + 1 < n && (unsigned char)w[i] == 0xc3 && (unsigned char)w[i + 1] == 0x9f) {
			buf[k++] = 's';
			buf[k++] = 's';
			i++;
			sz = 1;
		} else {
			buf[k++] = w[i];
		}
	}
	return sz && i == n && hs_ok(s, buf, k);
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

/* Does W[0..N) end with one of the NULL-terminated ENDINGS? */
static int ends_with(const char *w, size_t n, const char *const *endings)
{
	for (int i = 0; endings[i]; i++) {
		size_t k = strlen(endings[i]);
		if (n >= k && !memcmp(w + n - k, endings[i], k))
			return 1;
	}
	return 0;
}

/* Is the capitalised head HEAD[0..N) a noun: a stem hunspell gives for it
 * is capitalised (Treffen, Spiel, Milz), or it is a nominalised
 * participle or adjective (Gesandte, Überlebende, Erkrankten)?  Fahlen
 * (fahl) is neither. */
static int noun_head(tmk_speller *s, const char *head, size_t n)
{
	static const char *const adj[] = { "t", "lich", "ig", "isch", "bar", "sam", "end", NULL };
	static const char *const infl[] = { "e", "en", "er", "es", "em", NULL };
	static const char *const verb[] = { "en", "ern", "eln", NULL };
	static const char *const part[] = { "ende", "enden", "ender", "endes", "te", "ten", "ter", "tes", NULL };
	char buf[256], **list = NULL;
	int k, noun = 0, adjective = 0;

	memcpy(buf, head, n);
	buf[n] = '\0';
	k = Hunspell_stem(s->h, &list, buf);
	if (k <= 0) {           /* hunspell's own compounds have no stem: Maßnahmen, Vorentwurf */
		if (list)
			Hunspell_free_list(s->h, &list, k);
		if (buf[0] >= 'A' && buf[0] <= 'Z')
			buf[0] = (char)(buf[0] + 32);
		return !hs_ok(s, buf, n);      /* not known in lower case */
	}
	for (int i = 0; i < k; i++) {
		unsigned char c0 = (unsigned char)list[i][0], c1 = (unsigned char)list[i][1];
		size_t sl = strlen(list[i]);
		/* a nominalised infinitive: Schminken, Verdienen */
		adjective |= sl == n && sl > 3 && !memcmp(list[i] + 1, head + 1, sl - 1) &&
			     ends_with(list[i], sl, verb);
		noun |= (c0 >= 'A' && c0 <= 'Z') || (c0 == 0xc3 && c1 >= 0x80 && c1 <= 0x9e);
		adjective |= ends_with(list[i], strlen(list[i]), adj) ||
			     (ends_with(list[i], strlen(list[i]), verb) && ends_with(head, n, part));
	}
	if (list)
		Hunspell_free_list(s->h, &list, k);
	return noun || (adjective && ends_with(head, n, infl));
}

/* Does the modifier end with a suffix that always takes the linking s
 * (Verfassungs-, Gesundheits-, Gesellschafts-, Religions-, Universitäts-)? */
static int needs_s(const char *w, size_t n)
{
	static const char *const sfx[] = { "ung", "heit", "keit", "schaft", "tion", "sion", "ität",
		"tum", "ling", "sicht", NULL };

	for (int i = 0; sfx[i]; i++) {
		size_t k = strlen(sfx[i]);
		if (n > k && !memcmp(w + n - k, sfx[i], k))
			return 1;
	}
	return 0;
}

/* Is W[0..CUT) a known modifier with a valid linking element (none, -s-,
 * -es-, -n-, -en-, -er-, -e-)?  The modifier without its link must be a
 * word; one of the suffixes of needs_s() must have its s. */
static int linked_ok(tmk_speller *s, const char *w, size_t cut)
{
	static const char *const links[] = { "", "s", "es", "n", "en", "er", "e", NULL };

	for (int i = 0; links[i]; i++) {
		size_t k = strlen(links[i]), m = cut - k;
		if (cut < k + 3 || memcmp(w + m, links[i], k) || !hs_ok(s, w, m))
			continue;
		if (needs_s(w, m) && strcmp(links[i], "s"))
			continue;
		return 1;
	}
	return 0;
}

/* Does hunspell know W[0..N) as a word of its dictionary, with a stem
 * (Handels: Handel; leider), rather than a compound it builds itself
 * (Terrormilz: none)? */
static int has_stem(tmk_speller *s, const char *w, size_t n)
{
	char buf[256], **list = NULL;
	int k;

	memcpy(buf, w, n);
	buf[n] = '\0';
	k = Hunspell_stem(s->h, &list, buf);
	if (list)
		Hunspell_free_list(s->h, &list, k);
	return k > 0;
}

/* Is W[0..N) one edit from a glossary or TM word, no inflection of it
 * and no word of the dictionary: a probable typo (Terrormilz of
 * Terrormiliz, a compound hunspell builds)?  The nearest target's
 * index into *TARGET. */
static int near_typo(tmk_speller *s, const char *w, size_t n, size_t *target)
{
	static const uint32_t endings[] = { 's', 'n', 'e', 0 };
	uint32_t cp[NEAR_MAX];
	size_t found[4], k;
	int nf;

	if (!s->near.n || n >= 256 || (k = fold_word(cp, w, n)) < NEAR_MIN - 1)
		return 0;
	if (s->near.dirty && near_build(&s->near) < 0)
		return 0;
	if ((nf = near_find(&s->near, found, 4, cp, k)) <= 0)
		return 0;
	if (hs_ok(s, w, n) && has_stem(s, w, n))
		return 0;       /* a word of the dictionary: leider, not a typo of Kleider */
	if (s->en) {            /* an English word: Capital, not a typo of Kapital */
		char buf[256];
		memcpy(buf, w, n);
		buf[n] = '\0';
		if (Hunspell_spell(s->en, buf))
			return 0;
	}
	for (int i = 0; i < nf; i++) {
		const near_target *t = &s->near.t[found[i]];
		const uint32_t *lng = k > t->ncp ? cp : t->cp;
		size_t nl = k > t->ncp ? k : t->ncp;
		int ending = 0;
		for (int e = 0; k != t->ncp && endings[e]; e++)
			ending |= lng[nl - 1] == endings[e];
		if (ending)
			return 0;
	}
	*target = found[0];
	return 1;
}

int tmk_speller_ok(tmk_speller *s, const char *w, size_t n)
{
	char head[256], left[256];
	size_t target;

	if (near_typo(s, w, n, &target))
		return 0;
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
	if (s->german && old_spelling(s, w, n))
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
	/* two known parts, a noun head and a valid link: Terror|miliz,
	 * Verfassungs|schutz|bericht, Anschlag|s|plan; not Verfassung|schutz,
	 * West|fahlen (fahlen: no noun) */
	for (size_t cut = 4; cut + 4 <= n; cut++) {
		size_t hl;
		if (((unsigned char)w[cut] & 0xC0) == 0x80)
			continue;
		hl = capitalised(head, sizeof(head), w + cut, n - cut);
		if (!hl || !hs_ok(s, head, hl) || !noun_head(s, head, hl))
			continue;
		if (linked_ok(s, w, cut))
			return 1;
	}
	return 0;
}

/* The glossary and TM words one edit from W[0..LEN) into *OUT (at most
 * MAX, room for MAX): the suggestions to rank first. */
static int near_suggest(tmk_speller *s, char ***out, size_t *n, const char *w, size_t len, size_t max)
{
	uint32_t cp[NEAR_MAX];
	size_t found[4], k;
	int nf;

	if (!s->near.n || (k = fold_word(cp, w, len)) < NEAR_MIN - 1)
		return 0;
	if (s->near.dirty && near_build(&s->near) < 0)
		return TMK_ENOMEM;
	if ((nf = near_find(&s->near, found, 4, cp, k)) <= 0)
		return 0;
	if (!(*out = calloc(max, sizeof(**out))))
		return tmk_error_oom();
	for (int i = 0; i < nf && *n < max; i++)
		if (!((*out)[(*n)++] = strdup(s->near.t[found[i]].word)))
			return tmk_error_oom();
	return 0;
}

int tmk_speller_suggest(tmk_speller *s, char ***out, size_t *n, const char *w, size_t len, size_t max)
{
	char buf[256], **list = NULL;
	int k, rc;

	*out = NULL;
	*n = 0;
	if (len == 0 || len >= sizeof(buf) || max == 0)
		return 0;
	memcpy(buf, w, len);
	buf[len] = '\0';
	if ((rc = near_suggest(s, out, n, w, len, max)) < 0)
		goto fail;
	if (*n == max)
		return 0;
	k = Hunspell_suggest(s->h, &list, buf);
	if (k > 0 && !*out && !(*out = calloc(max, sizeof(**out))))
		rc = tmk_error_oom();
	for (int i = 0; rc == 0 && i < k && *n < max; i++) {
		size_t j = 0;
		while (j < *n && strcmp((*out)[j], list[i]))
			j++;
		if (j < *n || !strcmp(list[i], buf))
			continue;       /* had, or the word itself (hunspell builds Terrormilz) */
		if (!((*out)[(*n)++] = strdup(list[i])))
			rc = tmk_error_oom();
	}
	if (list)
		Hunspell_free_list(s->h, &list, k);
	if (rc == 0)
		return 0;
fail:
	tmk_suggestions_free(*out, max);
	*out = NULL;
	*n = 0;
	return rc;
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

/* Is the unknown word [WB, WE) the first part of a compound whose head
 * is left to a later word ("Kohäsions- und Strukturfonds", "Informations-,
 * Kultur- und Bildungsangebote"): a hyphen after it, then a space or a
 * comma, and the word itself, or without its linking element (s, es, n,
 * en, er, e), a word? */
static int suspended_part(tmk_speller *s, const char *text, size_t len, size_t wb, size_t we)
{
	static const char *const links[] = { "es", "en", "er", "s", "n", "e" };

	if (we + 1 >= len || text[we] != '-' || (text[we + 1] != ' ' && text[we + 1] != ','))
		return 0;
	for (size_t i = 0; i < sizeof(links) / sizeof(*links); i++) {
		size_t l = strlen(links[i]);
		if (we - wb > l + 3 && !memcmp(text + we - l, links[i], l) && tmk_speller_ok(s, text + wb, we - wb - l))
			return 1;
	}
	return 0;
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
		if (suspended_part(s, text, len, wb, we))
			continue;       /* "Kohäsions- und Strukturfonds" */
		rc = push(&f, wb, we, TMK_SPELL_ERROR);
	}
	/* likely names: capitalised, and recurring or quoted.  (Beside another
	 * unknown capitalised word, or after a title such as "Präsident", a
	 * word is a name more often than not, but counting those as names
	 * cost 4 points of typo recall in tools/eval-spell for 0.04 fewer
	 * alarms: typos in names went unseen.) */
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
