/*
 * segrules.h - the per-language data the sentence segmenter consults:
 * abbreviations with their class, the words that start sentences and the
 * words that never end one (continuers).
 *
 * The data lives in dictionaries/segment/ (see the header of each file for
 * its format and purpose) and is compiled into the library.
 */
#ifndef TMK_SEGRULES_H
#define TMK_SEGRULES_H

#include <stddef.h>

typedef struct tmk_segrules tmk_segrules;

/* Abbreviation classes (the tags of the .abbreviations lists). */
enum {
	TMK_ABBR_NONE = -1,  /* not a known abbreviation */
	TMK_ABBR_FINAL = 0,  /* may end a sentence: break only before a starter */
	TMK_ABBR_INNER = 1,  /* never ends a sentence */
	TMK_ABBR_NUMBER = 2, /* an abbreviation only when a number follows */
	TMK_ABBR_END = 3,    /* closes an enumeration: the break stands */
};

/* The built-in rules for LANG ("de" or "en").  TMK_EINVAL for a language
 * without rules (the message lists the languages there are). */
int tmk_segrules_new(tmk_segrules **out, const char *lang);

/* Rules from list texts in the format of dictionaries/segment/; ABBR_NAME
 * and STARTERS_NAME label error messages.  TMK_EINPUT on a malformed list. */
int tmk_segrules_parse(tmk_segrules **out, int ordinal_dot,
		       const char *abbr_name, const char *abbr, size_t abbr_len,
		       const char *starters_name, const char *starters, size_t starters_len);

void tmk_segrules_free(tmk_segrules *r);

/* The class of the abbreviation KEY (a token or several joined without
 * spaces, ending in '.'), trying the exact form, then the form with its
 * first letter in lower case, then the "*suffix" entries. */
int tmk_segrules_abbrev(const tmk_segrules *r, const char *key, size_t len);

/* Whether WORD (no punctuation around it) is a sentence starter. */
int tmk_segrules_starter(const tmk_segrules *r, const char *word, size_t len);

/* Whether WORD is a starter that is capitalised only at a sentence start
 * (not one tagged "inner": Sie, Ihnen, I). */
int tmk_segrules_starter_only(const tmk_segrules *r, const char *word, size_t len);

/* Load the continuers list (words that never end a sentence or a
 * heading: articles, prepositions, conjunctions; one a line) from DATA,
 * replacing any loaded before; NAME labels error messages. */
int tmk_segrules_load_continuers(tmk_segrules *r, const char *name, const char *data, size_t len);

/* Whether WORD (as written) is a noun a cardinal number follows ("Platz
 * 4", "Seite 12"; dictionaries/segment/de.numbered, for a language that
 * writes ordinals with a full stop): after it "4." is a cardinal and its
 * full stop may end the sentence. */
int tmk_segrules_numbered(const tmk_segrules *r, const char *word, size_t len);

/* Whether WORD is a bare adverb or adjective of the language's
 * .adverbs list (dictionaries/segment/de.adverbs), as it stands or with
 * its first letter in lower case: after an abbreviation it starts a
 * sentence ("3 Std. Unterwegs"). */
int tmk_segrules_adverb(const tmk_segrules *r, const char *word, size_t len);

/* Whether WORD is a continuer (exact case, or with its first letter in
 * lower case). */
int tmk_segrules_continuer(const tmk_segrules *r, const char *word, size_t len);

/* Whether the language writes ordinals as a number and a full stop
 * ("am 3. Mai"): true for German. */
int tmk_segrules_ordinal_dot(const tmk_segrules *r);

#endif
