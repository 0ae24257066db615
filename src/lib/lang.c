/*
 * lang.c - language identification by stop-word profiles; see lang.h.
 *
 * All profiles go into one word list whose value is a bit set of the
 * languages that have the word, so a text costs one lookup a word.  For
 * each language we count its words in the text and, for each pair of
 * languages, the words both have: what one language has and the other
 * lacks follows from the two, and only that tells two languages apart
 * ("de" counts for French, Spanish, Portuguese and Dutch alike).
 *
 * The list is built anew for each call (some 860 words, well under a
 * millisecond): no state shared between the batch aligner's threads.
 */
#include <stdio.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "embedded.h"
#include "error.h"
#include "lang.h"
#include "utf8.h"
#include "wordlist.h"

/* The languages with a profile, dictionaries/lang/CODE.words each. */
static const struct {
	const char *code, *name;
} languages[] = {
	{ "de", "German" },
	{ "en", "English" },
	{ "es", "Spanish" },
	{ "fr", "French" },
	{ "it", "Italian" },
	{ "nl", "Dutch" },
	{ "pt", "Portuguese" },
};

#define NLANG (sizeof(languages) / sizeof(languages[0]))
#define IDENTIFY_MAX ((size_t)1 << 20)  /* a MiB of text settles it */
#define GUESS_MAX ((size_t)65536)
#define SHRINK 8.0                      /* see tmk_lang_identify() in lang.h */
#define MIN_LEAD 10                     /* distinctive words over the runner-up */
#define MIN_COVERAGE (1.0 / 6)          /* share of the words in the best profile */

/* What a text gave: its words, each language's words among them, and the
 * words each pair of languages shares (both[a][b] with a < b). */
typedef struct {
	size_t words;
	size_t hits[NLANG];
	size_t both[NLANG][NLANG];
} counts_t;

const char *tmk_lang_name(const char *code)
{
	for (size_t k = 0; k < NLANG; k++)
		if (!strcmp(languages[k].code, code))
			return languages[k].name;
	return code;
}

struct load_ctx {
	tmk_wordlist *wl;
	int bit;
};

/* One profile entry: a single lower-case word; its language's bit is
 * added to the bits the word already has. */
static int profile_entry(void *ctx, const char *name, size_t line,
			 const char *w, size_t len, const char *tag, size_t tlen)
{
	struct load_ctx *lc = ctx;
	size_t i = 0;
	int have;

	(void)tlen;
	while (i < len) {
		int32_t c = tmk_utf8_next(w, len, &i);
		if (!u_isalpha(c) || u_isupper(c) || tag)
			return tmk_error_set(TMK_EINPUT, "%s:%zu: want one lower-case word a line, "
					     "found '%.*s'", name, line, (int)len, w);
	}
	have = tmk_wordlist_get(lc->wl, w, len);
	return tmk_wordlist_add(lc->wl, w, len, (have < 0 ? 0 : have) | lc->bit);
}

/* Every profile in one list: word -> bit set of languages. */
static int load_profiles(tmk_wordlist **out)
{
	tmk_wordlist *wl;
	int rc = tmk_wordlist_new(&wl);

	*out = NULL;
	for (size_t k = 0; rc == 0 && k < NLANG; k++) {
		struct load_ctx lc = { wl, 1 << k };
		char name[64];
		const char *data;
		size_t len;

		snprintf(name, sizeof(name), "dictionaries/lang/%s.words", languages[k].code);
		if (!(data = tmk_embedded_find(name, &len)))
			rc = tmk_error_set(TMK_ERROR, "%s missing from the build", name);
		else
			rc = tmk_list_parse(name, data, len, profile_entry, &lc);
	}
	if (rc < 0) {
		tmk_wordlist_free(wl);
		return rc;
	}
	*out = wl;
	return 0;
}

/* Count one word with language bit set BITS into C. */
static void count_word(counts_t *c, int bits)
{
	for (size_t a = 0; a < NLANG; a++) {
		if (!(bits & (1 << a)))
			continue;
		c->hits[a]++;
		for (size_t b = a + 1; b < NLANG; b++)
			if (bits & (1 << b))
				c->both[a][b]++;
	}
}

static int is_apostrophe(int32_t c)
{
	return c == '\'' || c == 0x2019;
}

/* Split S[0..LEN) into words (runs of letters; an apostrophe splits, so
 * French l'état gives l and état), lower-case each and count it into C.
 * A capital letter on its own is an initial and counts for no language. */
static int count_text(counts_t *c, const char *s, size_t len)
{
	tmk_wordlist *wl;
	size_t i = 0;
	int rc;

	memset(c, 0, sizeof(*c));
	if ((rc = load_profiles(&wl)) < 0)
		return rc;
	while (i < len) {
		char w[48];
		size_t n = 0, next = i, letters = 0;
		UBool over = 0, upper;
		int32_t ch = tmk_utf8_next(s, len, &next);

		if (!u_isalpha(ch)) {
			i = next;
			continue;
		}
		upper = u_isupper(ch);
		while (u_isalpha(ch)) {         /* longer words are in no profile */
			if (!over)
				U8_APPEND((uint8_t *)w, n, sizeof(w), u_tolower(ch), over);
			letters++;
			i = next;
			if (i >= len)
				break;
			ch = tmk_utf8_next(s, len, &next);
		}
		c->words++;
		if (letters == 1 && upper && !is_apostrophe(ch))
			continue;               /* an initial (J. Franco), not French j' or Italian l' */
		if (!over) {
			int bits = tmk_wordlist_get(wl, w, n);
			if (bits > 0)
				count_word(c, bits);
		}
	}
	tmk_wordlist_free(wl);
	return 0;
}

/* The words language A has in C and B lacks. */
static size_t only(const counts_t *c, size_t a, size_t b)
{
	return c->hits[a] - (a < b ? c->both[a][b] : c->both[b][a]);
}

int tmk_lang_identify(tmk_lang_result *out, const char *s, size_t len)
{
	counts_t c;
	size_t best = 0, runner = 0, lead = 0;
	double conf = -1;                       /* none yet */
	int rc;

	memset(out, 0, sizeof(*out));
	out->lang = out->best = out->runner_up = "unknown";
	if ((rc = count_text(&c, s, len > IDENTIFY_MAX ? IDENTIFY_MAX : len)) < 0)
		return rc;
	for (size_t k = 1; k < NLANG; k++)
		if (c.hits[k] > c.hits[best])
			best = k;
	for (size_t k = 0; k < NLANG; k++) {
		size_t mine, theirs;
		double l;

		if (k == best)
			continue;
		mine = only(&c, best, k);       /* hits[best] >= hits[k], so mine >= theirs */
		theirs = only(&c, k, best);
		l = (double)(mine - theirs) / ((double)(mine + theirs) + SHRINK);
		if (conf < 0 || l < conf) {
			conf = l;
			runner = k;
			lead = mine - theirs;
		}
	}
	out->words = c.words;
	out->hits = c.hits[best];
	if (!c.hits[best])              /* not one profile word: nothing to say */
		return 0;
	out->confidence = conf;
	out->best = languages[best].code;
	out->runner_up = languages[runner].code;
	if (conf >= TMK_LANG_MIN_CONFIDENCE && lead >= MIN_LEAD &&
	    (double)c.hits[best] >= MIN_COVERAGE * (double)c.words)
		out->lang = languages[best].code;
	return 0;
}

const char *tmk_lang_guess(const char *s, size_t len)
{
	counts_t c;

	/* languages[0] is German, languages[1] English */
	if (count_text(&c, s, len > GUESS_MAX ? GUESS_MAX : len) < 0)
		return "de";
	return c.hits[1] > c.hits[0] ? "en" : "de";
}
