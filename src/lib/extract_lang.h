/*
 * extract_lang.h - what term extraction knows of German and English
 * beyond the TM (internal to extract.c): lemmas and general-language
 * frequencies.
 *
 * A candidate is proposed in its dictionary form: a German noun in the
 * nominative singular (Dschihadisten -> Dschihadist, Sicherheitsbehörden
 * -> Sicherheitsbehörde), an adjective + noun term in the nominative
 * singular with the adjective's strong ending by the noun's gender
 * (Islamischen Staates -> Islamischer Staat), an English plural noun in the
 * singular.  hunspell's de_DE and en_US stem; the Ding dictionary gives
 * genders and the plurals hunspell cannot stem (Kräfte -> Kraft).
 *
 * Termhood needs to know how frequent a word is in general language:
 * dictionaries/freq/{de,en}.freq (tools/make-freq), compiled in.
 */
#ifndef TMK_EXTRACT_LANG_H
#define TMK_EXTRACT_LANG_H
#include <stddef.h>
#include "buf.h"

typedef struct tmk_xlang tmk_xlang;

enum { TMK_GENDER_NONE, TMK_GENDER_M, TMK_GENDER_F, TMK_GENDER_N };

/* hunspell's de_DE and en_US from DIR (NULL: /usr/share/hunspell) and
 * the Ding file DING (NULL: no genders but those the caller adds; read
 * when first needed, a missing file is no error).  TMK_EIO naming the
 * Debian package when a hunspell dictionary is missing. */
int tmk_xlang_new(tmk_xlang **out, const char *dir, const char *ding);
void tmk_xlang_free(tmk_xlang *l);

/* General-language frequency of word W (any case and form: it is folded
 * here) per 10 million words in LANG (0 German, 1 English); 0 when the
 * list does not have it (rare words, names). */
unsigned tmk_xlang_freq(tmk_xlang *l, int lang, const char *w, size_t n);

/* Does hunspell know W in LANG (as written, or with its first letter
 * changed in case as at a sentence start)? */
int tmk_xlang_known(tmk_xlang *l, int lang, const char *w, size_t n);

/* The nominative singular of German noun W into OUT (W itself when it is
 * one, or unknown); *PLURAL: 1 when W was a plural. */
int tmk_xlang_de_noun(tmk_xlang *l, tmk_buf *out, int *plural, const char *w, size_t n);

/* The gender of German noun LEMMA (TMK_GENDER_*), from Ding, else from
 * its compound head's. */
int tmk_xlang_de_gender(tmk_xlang *l, const char *lemma, size_t n);

/* The stem of German adjective W (Islamischen -> Islamisch, in W's case)
 * into OUT; 0 when W is no adjective, 1 when it is. */
int tmk_xlang_de_adjective(tmk_xlang *l, tmk_buf *out, const char *w, size_t n);

/* The dictionary form of German candidate S (words one space apart) into
 * OUT: adjectives before the first noun agree with it in the nominative
 * (singular, or plural when KEEP_PLURAL and the noun is one: Vereinte
 * Nationen), the noun in the nominative, the words after it as they are
 * (Bundesamtes für Verfassungsschutz -> Bundesamt für Verfassungsschutz).
 * *SINGULARISED: 1 when a plural noun was made singular. */
int tmk_xlang_de_lemma(tmk_xlang *l, tmk_buf *out, int *singularised, const char *s, size_t n,
		       int keep_plural);

/* The dictionary form of English candidate S into OUT: its last word in
 * the singular when it is a lower-case plural noun (terrorist attacks ->
 * terrorist attack), or a capitalised one when FORCE (Member States ->
 * Member State, for a German singular). */
int tmk_xlang_en_lemma(tmk_xlang *l, tmk_buf *out, const char *s, size_t n, int force);

/* Is the last word of English S a plural that the singular would change? */
int tmk_xlang_en_plural(tmk_xlang *l, const char *s, size_t n);

/* Add a gender for NOUN (tests, and a Ding-less machine). */
int tmk_xlang_add_gender(tmk_xlang *l, const char *noun, int gender);

#endif
