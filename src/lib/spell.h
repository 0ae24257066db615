/*
 * spell.h - spell-checking German (and English) drafts with hunspell,
 * without hunspell's flood of false alarms on names and domain terms.
 *
 * Words come from ICU's word boundaries (punctuation never glued on);
 * URLs, e-mail addresses, hashtags, numbers, words with digits and
 * all-caps acronyms are skipped; a word hunspell rejects is accepted when
 * the added words know it (the shipped word lists, the TM's glossary, the
 * user's own list) or when it splits into two known parts (a German
 * compound, with or without a linking s).  A capitalised word that recurs
 * in the text or stands in quotation marks is likely a name: reported as
 * such, below a misspelling.
 */
#ifndef TMK_SPELL_H
#define TMK_SPELL_H
#include <stddef.h>
#include "buf.h"
#include "tm.h"

typedef struct tmk_speller tmk_speller;

/* A speller for LANG ("de": hunspell's de_DE, "en": en_US) from DIR
 * (NULL: /usr/share/hunspell).  TMK_EIO naming the Debian package when the
 * dictionary is missing; TMK_EINVAL for another language. */
int tmk_speller_new(tmk_speller **out, const char *lang, const char *dir);
void tmk_speller_free(tmk_speller *s);

/* Accept WORD, inflected like MODEL (a word of the dictionary) when MODEL
 * is not NULL, else as it is (German words also with -s, -es, -n, -en). */
int tmk_speller_add(tmk_speller *s, const char *word, const char *model);

/* Add the words of list file PATH: one "word [model]" a line, '#'
 * comments.  A missing PATH is no error when OPTIONAL.  Errors name the
 * file and the line. */
int tmk_speller_add_list(tmk_speller *s, const char *path, int optional);

/* The personal word list's usual place in OUT:
 * $XDG_CONFIG_HOME/tmkit/words, else ~/.config/tmkit/words.  1 when there
 * is one; 0 when neither variable is set (a daemon's or a container's
 * environment: checking goes on without a personal list); TMK_ENOMEM. */
int tmk_spell_words_path(tmk_buf *out);

/* Add WORD (UTF-8, no blanks, not starting with '#', under 500 bytes) to
 * the word list at PATH, creating it and its folders.  The list is written
 * anew, whole or not at all, a newline supplied where its last line lacks
 * one (else WORD would join the last word).  *ADDED is 0 when a line of
 * the list already starts with WORD (the list is left alone).  TMK_EINVAL
 * for a bad word; TMK_EIO naming the file. */
int tmk_spell_list_add(const char *path, const char *word, int *added);

/* Add the word list shipped for the speller's language
 * (dictionaries/spell/LANG.words, compiled in). */
int tmk_speller_add_shipped(tmk_speller *s);

/* Add the words of every term of TM's glossary in the speller's language;
 * a word one edit from one of them (Terrormilz, Terrormiliz) is reported
 * as its probable typo, even when it splits into known words. */
int tmk_speller_add_glossary(tmk_speller *s, tmk_tm *tm);

/* Take the MAX most frequent words of TM's word index that the
 * dictionary knows as words a near miss is a typo of (as the glossary's
 * words are: tmk_speller_ok rejects a word one edit from one of them,
 * unless it is an inflection of it, and tmk_speller_suggest puts them
 * first).  Words under 7 letters are left out (too many real
 * neighbours). */
int tmk_speller_add_tm_words(tmk_speller *s, tmk_tm *tm, int max);

/* Accept the place names of the speller's language too (ICU's CLDR and
 * iso-codes: Chatlon, Kundus, Afghanistans; names/places.h).  *NOTE:
 * NULL, or a sentence for the user on what the names lack (iso-codes
 * missing), valid while S lives.  TMK_EINPUT for damaged iso-codes data,
 * TMK_ENOMEM. */
int tmk_speller_add_places(tmk_speller *s, const char **note);

/* Is W[0..N) spelled right (hunspell, the added words, or a compound of
 * two known parts: a noun head, and a valid linking element: none, -s-,
 * -es-, -n-, -en-, -er-, -e-; -s- after -ung, -heit, -keit, -schaft,
 * -ion, -ität, -tum, -ling, -sicht), and no probable typo of a glossary
 * or TM word? */
int tmk_speller_ok(tmk_speller *s, const char *w, size_t n);

/* At most MAX suggestions for W: glossary and TM words one edit away
 * first, then hunspell's; *OUT freed with
 * tmk_suggestions_free(). */
int tmk_speller_suggest(tmk_speller *s, char ***out, size_t *n, const char *w, size_t len, size_t max);
void tmk_suggestions_free(char **v, size_t n);

typedef enum { TMK_SPELL_NAME, TMK_SPELL_ERROR } tmk_spell_kind;

typedef struct {
	size_t start, end;      /* bytes */
	size_t line, column;    /* 1-based; the column in characters */
	tmk_spell_kind kind;    /* a likely name, or a misspelling */
} tmk_misspelling;

/* The words of TEXT (valid UTF-8) the speller does not know, in order. */
int tmk_spell_check(tmk_speller *s, tmk_misspelling **out, size_t *n, const char *text, size_t len);

#endif
