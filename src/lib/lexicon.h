/*
 * lexicon.h - a German-English word lexicon compiled from the Ding
 * dictionary (Debian's trans-de-en, /usr/share/trans/de-en), for the
 * aligner: which English word stems translate a German word.
 *
 * Words are keyed by a 64-bit hash of their stem (matching form, inflection
 * endings off), so the lexicon is one sorted array of (German, English) key
 * pairs: a German word's translations are one binary search away.
 */
#ifndef TMK_LEXICON_H
#define TMK_LEXICON_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

typedef struct tmk_lexicon tmk_lexicon;

#define TMK_DING_PATH "/usr/share/trans/de-en"

/* Compile the Ding file at PATH.  TMK_EIO (with the Debian package to
 * install) when it is missing; TMK_EINPUT when it holds no entries. */
int tmk_lexicon_load_ding(tmk_lexicon **out, const char *path);

/* The lexicon of the Ding file at PATH through a compiled cache: CACHE
 * (e.g. ~/.cache/tmkit/de-en.lex) is mapped when it was made from this
 * very file (size and time), else the file is compiled (about a second)
 * and the cache written for next time.  A cache that cannot be written
 * is no error. */
int tmk_lexicon_open(tmk_lexicon **out, const char *path, const char *cache);

/* Where the cache lives: $XDG_CACHE_HOME/tmkit/de-en.lex, else
 * ~/.cache/tmkit/de-en.lex. */
int tmk_lexicon_cache_path(tmk_buf *out);

/* Split a piece of a Ding line, S[0..LEN), at SEP (" | " between senses,
 * "; " between synonyms) into at most MAX pieces, the last taking the
 * rest: their starts in PIECE, lengths in PLEN; returns how many.  NESTED:
 * a SEP inside brackets ({begat; begotten}) does not split. */
size_t tmk_ding_split(const char *s, size_t len, const char *sep, const char **piece, size_t *plen, int nested,
		      size_t max);

/* Compile Ding-format text (tests). */
int tmk_lexicon_parse(tmk_lexicon **out, const char *name, const char *data, size_t len);

void tmk_lexicon_free(tmk_lexicon *lx);

size_t tmk_lexicon_size(const tmk_lexicon *lx);

/* The key of a word (any case; German or English stem rules by LANG). */
uint64_t tmk_lexicon_key(const char *lang, const char *word, size_t len);

/* The same for a word already in its matching form (tmk_norm_match):
 * no allocation, for hot loops. */
uint64_t tmk_lexicon_key_norm(const char *lang, const char *norm, size_t len);

/* The English keys of German key DE: *OUT points into the lexicon (valid
 * until it is freed), *N of them; 0 when unknown. */
size_t tmk_lexicon_lookup(const tmk_lexicon *lx, uint64_t de, const uint64_t **out);

#endif
