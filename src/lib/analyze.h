/*
 * analyze.h - how much of a job the TM already has: the analysis CAT tools
 * print to price a job, per file and in total, as segments and words in
 * bands: repetition, context match, 100 %, fuzzy bands (95-99, 85-94,
 * 75-84, 50-74 by default) and no match.
 *
 * A segment whose source text came earlier in the run (any file) is a
 * repetition and counts once: its first occurrence takes the band its
 * match gives.  A 100 % match is a context match when the TM unit's
 * neighbours in the file it came from (the units before and after it)
 * have the job segment's neighbours as their texts, both or either
 * missing alike.  Words are counted as Trados counts them: ICU word
 * boundaries, runs of letters or digits; punctuation and inline codes are
 * no words.
 *
 * With the option segment, an XLIFF 1.2 unit without <seg-source> or a
 * 2.0 unit with one <segment> (canResegment not "no") whose source holds
 * several sentences counts as one segment a sentence, as pretranslate
 * --segment writes it (resegment.h: where the boundaries go among inline
 * codes, and when a unit is not split).  SDLXLIFF and MQXLIFF are left as
 * their tools segmented them.  Targets and locks do not matter here: the
 * analysis is of the source.
 */
#ifndef TMK_ANALYZE_H
#define TMK_ANALYZE_H

#include <stddef.h>

#include "tm.h"
#include "tm_parallel.h"

#define TMK_ANALYZE_MAX_EDGES 8
#define TMK_ANALYZE_MAX_JOBS TMK_TM_MAX_JOBS

typedef struct {
	int edges[TMK_ANALYZE_MAX_EDGES];   /* descending, the first 100: 100,95,85,75,50 */
	size_t nedges;                      /* 0: the default above */
	const char *from, *to;              /* the job's languages; NULL: the file's */
	int jobs;                           /* threads looking up (each with its own
					       connection to the TM); 0 or 1: one */
	int segment;                        /* split a unit with no segmentation of its
					       own into its sentences (resegment.h) */
	void (*progress)(void *ctx, size_t done, size_t total);    /* segments; may be NULL */
	void *progress_ctx;
} tmk_analyze_opts;

typedef struct {
	long long segments, words;
} tmk_band_count;

/* Band i of an analysis: 0 repetition, 1 context, 2 the first edge (100),
 * then one band for each further edge (95-99 ...), last no match. */
#define TMK_ANALYZE_MAX_BANDS (TMK_ANALYZE_MAX_EDGES + 3)

typedef struct {
	tmk_band_count band[TMK_ANALYZE_MAX_BANDS];
	size_t nbands;
	long long segments, words;      /* all of them */
} tmk_analysis;

typedef struct tmk_analyzer tmk_analyzer;

/* Are O's band edges usable (TMK_EINVAL, with a message, when they do not
 * descend from 100 to 1 or above)? */
int tmk_analyze_check(const tmk_analyze_opts *o);

/* An analyzer over TM with options O (copied; the edges checked as
 * tmk_analyze_check does). */
int tmk_analyzer_new(tmk_analyzer **out, tmk_tm *tm, const tmk_analyze_opts *o);
void tmk_analyzer_free(tmk_analyzer *a);

/* Analyse the XLIFF job at PATH into *OUT (zeroed first); repetitions are
 * counted across every file the analyzer saw.  Units marked
 * translate="no" are left out. */
int tmk_analyzer_file(tmk_analyzer *a, tmk_analysis *out, const char *path);

/* The name of band I under A's edges ("repetition", "context", "100",
 * "95-99", ..., "no-match") into OUT. */
void tmk_analyzer_band_name(const tmk_analyzer *a, size_t i, char out[16]);

/* How many bands A's analyses have. */
size_t tmk_analyzer_nbands(const tmk_analyzer *a);

/* Add B's counts to A (for the total). */
void tmk_analysis_add(tmk_analysis *a, const tmk_analysis *b);

/* Words in TEXT[0..LEN) (NFC UTF-8) as Trados counts them; LANG picks
 * ICU's rules.  Exposed for tests. */
long tmk_count_words_icu(const char *lang, const char *text, size_t len);

#endif
