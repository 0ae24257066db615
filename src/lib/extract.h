/*
 * extract.h - bilingual term extraction: German-English term pairs
 * proposed from the TM's aligned units, for a translator to review.
 *
 * Monolingual candidates first: German nouns and noun compounds (the
 * capitalised words that do not merely start a sentence), adjective +
 * noun terms, capitalised multi-word names and acronyms; English names
 * (capitalised runs, "Office for the Protection of the Constitution"),
 * acronyms and the one- to three-word runs between function words.
 * Inflected forms are one candidate (the term base's keys).  Then pairs by
 * association over the units: Dice and log-likelihood of their
 * co-occurrence, weighted by evidence: the Ding lexicon translating the
 * words (compounds split), identical spelling (names), cognate or
 * transliterated spelling (Tadschikistan/Tajikistan).  Each German and
 * each English candidate is paired once, best pair first (competitive
 * linking).
 */
#ifndef TMK_EXTRACT_H
#define TMK_EXTRACT_H
#include <stddef.h>
#include <stdint.h>
#include "lexicon.h"
#include "tm.h"

typedef struct {
	int min_freq;                   /* units a pair must share (default 3) */
	size_t top;                     /* most pairs (0: all) */
	const tmk_lexicon *lex;         /* Ding, or NULL */
	int include_known;              /* also pairs already in the glossary */
	void (*progress)(void *ud, size_t done, size_t total);
	void *ud;
	const char *hunspell_dir;       /* de_DE and en_US for the lemmas (NULL: /usr/share/hunspell) */
	const char *ding_path;          /* Ding for German genders and plurals (NULL: none) */
} tmk_extract_opts;

typedef struct {
	char *de, *en;                  /* the most frequent surface forms */
	double score;                   /* what the ranking uses: 0-1 */
	double dice, llr;
	size_t together, de_freq, en_freq;      /* units with both, with each */
	const char *evidence;           /* "lexicon", "identical", "cognate" or "association" */
	const char *type;               /* "acronym", "name" or "term" */
	int known;                      /* the glossary has the pair */
	int64_t example_id;             /* a unit holding both */
	char *example_de, *example_en;
} tmk_term_candidate;

/* The ranked pairs of the TM's German-English units (either direction).
 * TMK_EINPUT when the TM has no such units. */
int tmk_term_extract(tmk_tm *tm, tmk_term_candidate **out, size_t *n, const tmk_extract_opts *o);
void tmk_term_candidates_free(tmk_term_candidate *c, size_t n);

#endif
