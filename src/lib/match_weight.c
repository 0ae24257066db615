/*
 * match_weight.c - how much a token counts in a lookup's match score, so
 * that the percentage reads as CAT tools' do (issue 16, calibrated against
 * OmegaT's figures in tests/data/lookup/calibration.tsv).
 *
 * OmegaT scores the content words only: function words, numbers,
 * punctuation and inline codes are left out, and inflected forms of one
 * stem count as the same word.  tmkit keeps them in, at a twentieth of a
 * content word's weight (a number at three), so that a changed article or
 * a lost full stop still costs a point or two (the translation may differ
 * there) but no more; and a content word whose stem matches costs a tenth
 * of one.  The
 * function words are the language identifier's profiles
 * (dictionaries/lang/LANG.words), folded as matching forms are, loaded
 * once per process.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "embedded.h"
#include "langtag.h"
#include "match.h"
#include "textnorm.h"
#include "wordlist.h"

static const char *const langs[] = { "de", "en", "es", "fr", "it", "nl", "pt" };
#define NLANGS (sizeof(langs) / sizeof(langs[0]))

static tmk_wordlist *lists[NLANGS];
static pthread_once_t once = PTHREAD_ONCE_INIT;

/* tmk_list_parse callback: one function word, folded, into the list. */
static int add_folded(void *ctx, const char *name, size_t line, const char *key, size_t klen,
		      const char *tag, size_t tlen)
{
	tmk_buf f = TMK_BUF_INIT;
	int rc;

	(void)name; (void)line; (void)tag; (void)tlen;
	if ((rc = tmk_norm_match(&f, key, klen)) == 0 && f.len)
		rc = tmk_wordlist_add(ctx, f.ptr, f.len, 1);
	tmk_buf_release(&f);
	return rc;
}

/* Load every language's list; a list that fails to load stays NULL
 * (scores then weigh all of that language's words alike). */
static void load_lists(void)
{
	for (size_t i = 0; i < NLANGS; i++) {
		char name[64];
		size_t len;
		const char *data;

		snprintf(name, sizeof(name), "dictionaries/lang/%s.words", langs[i]);
		if (!(data = tmk_embedded_find(name, &len)) || tmk_wordlist_new(&lists[i]) < 0)
			continue;
		if (tmk_list_parse(name, data, len, add_folded, lists[i]) < 0) {
			tmk_wordlist_free(lists[i]);
			lists[i] = NULL;
		}
	}
}

const tmk_wordlist *tmk_function_words(const char *lang)
{
	if (!lang)
		return NULL;
	pthread_once(&once, load_lists);
	for (size_t i = 0; i < NLANGS; i++)
		if (tmk_langtag_same_lang(lang, langs[i]))
			return lists[i];
	return NULL;
}

int tmk_match_weight(const tmk_wordlist *fw, const char *s, const tmk_token *t, const char *key, size_t klen)
{
	if (t->word && tmk_number_token(s, t))
		return TMK_WEIGHT_NUMBER;
	if (!t->word || (fw && klen && tmk_wordlist_get(fw, key, klen) >= 0))
		return TMK_WEIGHT_MINOR;
	return TMK_WEIGHT_CONTENT;
}
