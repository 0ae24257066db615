/*
 * translit.h - German <-> English transliteration of names of Russian,
 * Ukrainian, Caucasian, Central Asian, Arabic, Persian and Pashto origin.
 *
 * German and English write such names after different systems: German
 * press usage follows Duden (Chalimow, Dschalalabad, Jelzin, Kasachstan),
 * English follows BGN/PCGN as newsrooms and Wikipedia bend it (Khalimov,
 * Jalalabad, Yeltsin, Kazakhstan).  The rules that turn one into the other
 * are data, one rule a line, in dictionaries/names/de-en.rules and
 * en-de.rules (the format is described at the top of each file); they are
 * compiled into the library (embed.py), parsed once, and applied in
 * microseconds: no regular expression, one pass over each word.
 *
 * What a proposal is: every word of the name (runs of letters; spaces,
 * hyphens, apostrophes and other characters are kept as they are) is
 * looked up in the exception list, else rewritten left to right by the
 * longest rule whose context fits.  The case of each rewritten piece
 * follows the piece it replaces (Tsch -> Ch, TSCH -> CH, tsch -> ch), so
 * "CHALIMOW", "Chalimow" and "al-Chwarizmi" keep their case pattern.
 * Where a word's rules offer alternatives (German sch is ш or ж), the
 * first of its spellings that the rules' @known list holds (English names
 * as hunspell's en_US and the shipped glossary write them,
 * dictionaries/names/en.known) is taken, fewest alternatives first:
 * Breschnew -> Brezhnev rather than Breshnev.
 *
 * Using it from the command line (term lookup): take the shared instance
 * once (tmk_translit_shared), call tmk_translit_apply() for an unknown
 * capitalised word or phrase, and show the result as a proposal only when
 * TMK_TRANSLIT_CHANGED is set; a glossary or TM hit always wins over it.
 * tmk_translit_propose() gives the alternatives too (Schukow -> Zhukov,
 * then Shukov, Skhukov), for a list of candidates to look up in the glossary with
 * the spelling-tolerant matcher (skeleton.h).
 *
 * Thread safety: a tmk_translit is read-only once made; any number of
 * threads may use one at the same time.
 */
#ifndef TMK_NAMES_TRANSLIT_H
#define TMK_NAMES_TRANSLIT_H

#include <stddef.h>

#include "buf.h"

typedef struct tmk_translit tmk_translit;

typedef enum {
	TMK_TRANSLIT_DE_EN,     /* German spelling -> English: Chalimow -> Khalimov */
	TMK_TRANSLIT_EN_DE,     /* English spelling -> German: Khalimov -> Chalimow */
} tmk_translit_dir;

/* Flags that tmk_translit_apply() reports. */
enum {
	TMK_TRANSLIT_CHANGED = 1 << 0,   /* the proposal differs from the input */
	TMK_TRANSLIT_EXCEPTION = 1 << 1, /* a word came from the exception list */
	TMK_TRANSLIT_KNOWN = 1 << 2,     /* a word took an alternative that is an
					    @known spelling (Schukow -> Zhukov) */
};

/* The rules for DIR as shipped (compiled into the library).  TMK_EINVAL for
 * an unknown direction.  The caller frees *OUT with tmk_translit_free(). */
int tmk_translit_new(tmk_translit **out, tmk_translit_dir dir);

/* Rules parsed from DATA[0..LEN) (the format of dictionaries/names/
 * *.rules); NAME labels error messages.  Bad input: TMK_EINPUT with a
 * message "NAME:LINE: what is wrong". */
int tmk_translit_parse(tmk_translit **out, const char *name, const char *data, size_t len);

void tmk_translit_free(tmk_translit *t);

/* The process-wide instance for DIR, made on first use (thread-safe) and
 * kept until exit: what a command that transliterates many words wants.
 * *OUT is borrowed; never free it. */
int tmk_translit_shared(const tmk_translit **out, tmk_translit_dir dir);

/* Append the best proposal for NAME[0..LEN) (UTF-8) to OUT.  *FLAGS (may be
 * NULL) gets TMK_TRANSLIT_* bits.  Ill-formed UTF-8 is TMK_EINVAL. */
int tmk_translit_apply(const tmk_translit *t, tmk_buf *out, const char *name, size_t len,
		       unsigned *flags);

/* Up to MAX distinct proposals for NAME, best first: the best one (what
 * tmk_translit_apply gives: Schukow -> Zhukov, a known spelling), then
 * the rules' first choices (Shukov), then the spellings that take one
 * other choice of a rule that has several (sch -> sh | zh | skh), then
 * two, and so on.
 * *OUT is an array of *N NUL-terminated strings, freed with
 * tmk_translit_list_free().  MAX 0 gives *N == 0. */
int tmk_translit_propose(const tmk_translit *t, char ***out, size_t *n, const char *name,
			 size_t len, size_t max);

void tmk_translit_list_free(char **list, size_t n);

/* How many rules and exceptions T holds (for tests and tools). */
size_t tmk_translit_rule_count(const tmk_translit *t);
size_t tmk_translit_exception_count(const tmk_translit *t);

/* Whether WORD[0..LEN) (any case) is a key of T's exception list. */
int tmk_translit_is_exception(const tmk_translit *t, const char *word, size_t len);

#endif
