/*
 * lang.c - German/English guess by function-word counts; see lang.h.
 *
 * The most frequent words of each language, none shared between the two
 * (so not "in", "an", "die"/"die"): a paragraph of either has several.
 * Only the first 64 KiB are read; that settles it.
 */
#include <string.h>

#include "lang.h"

static const char *const de_words[] = {
	"der", "das", "und", "ist", "nicht", "ein", "eine", "zu", "den", "von", "mit",
	"sich", "des", "auf", "für", "im", "dem", "auch", "es", "sie", "wird", "wurde",
	"nach", "bei", "sind", "oder", "aus", "einer", "um", "dass", NULL
};
static const char *const en_words[] = {
	"the", "and", "of", "to", "is", "that", "it", "for", "was", "on", "are", "with",
	"as", "be", "by", "this", "have", "from", "has", "were", "which", "their", "they",
	"he", "been", "not", "but", "at", "or", "its", NULL
};

static int in_list(const char *const *list, const char *w, size_t len)
{
	for (; *list; list++)
		if (strlen(*list) == len && memcmp(*list, w, len) == 0)
			return 1;
	return 0;
}

const char *tmk_lang_guess(const char *s, size_t len)
{
	size_t de = 0, en = 0, i = 0;

	if (len > 65536)
		len = 65536;
	while (i < len) {
		char w[8];
		size_t n = 0;

		/* words of ASCII lower-case letters (and ü in "für") */
		while (i < len && ((s[i] >= 'a' && s[i] <= 'z') || (unsigned char)s[i] >= 0x80)) {
			if (n < sizeof(w))
				w[n] = s[i];
			n++;
			i++;
		}
		if (n > 0 && n <= sizeof(w)) {
			de += in_list(de_words, w, n);
			en += in_list(en_words, w, n);
		}
		while (i < len && !((s[i] >= 'a' && s[i] <= 'z') || (unsigned char)s[i] >= 0x80))
			i++;
	}
	return en > de ? "en" : "de";
}
