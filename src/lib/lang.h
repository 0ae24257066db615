/*
 * lang.h - telling German from English text.
 *
 * Commands that take --lang default to guessing it, so that a translator
 * can run `tmkit segment draft.txt` on either side of a job.
 */
#ifndef TMK_LANG_H
#define TMK_LANG_H

#include <stddef.h>

/* "de" or "en", whichever S[0..LEN) looks more like, by counting the most
 * frequent function words of each; German when the text gives no clue. */
const char *tmk_lang_guess(const char *s, size_t len);

#endif
