/*
 * align_doc.h - aligning documents: reading each side (running text,
 * segmented here, or one sentence a line), aligning them, and writing the
 * beads out in the formats of `tmkit align` (TSV, beads, JSON Lines, TMX).
 * The single-pair command and the batch runner share it.
 */
#ifndef TMK_ALIGN_DOC_H
#define TMK_ALIGN_DOC_H

#include <stddef.h>

#include "align.h"
#include "buf.h"
#include "text.h"

/* One side of a pair: the text as read, and its sentences. */
typedef struct {
	tmk_text *t;
	tmk_align_sent *s;      /* point into t->data or flat */
	size_t n;
	tmk_buf flat;           /* segmented running text: sentences with spaces collapsed */
	char lang[8];
} tmk_align_side;

/* Read PATH ("-": standard input) as language LANG: SEGMENTED, one
 * sentence a line and an empty line between paragraphs; else running
 * text, which the segmenter splits (LANG "de" or "en" only: TMK_EINVAL
 * names the language otherwise).  A file with no sentence is TMK_EINPUT
 * ("nothing to align"), as is invalid UTF-8 or a binary file (named with
 * its line by the text loader).  Release with tmk_align_side_release(). */
int tmk_align_side_load(tmk_align_side *sd, const char *path, const char *lang, int segmented);
void tmk_align_side_release(tmk_align_side *sd);

typedef enum {
	TMK_ALIGN_TSV,          /* de TAB en TAB score, a side's sentences joined by a space */
	TMK_ALIGN_BEADS,        /* [3, 4]:[5] - the gold files' format */
	TMK_ALIGN_JSON,         /* one object a bead: indices, texts, score */
	TMK_ALIGN_TMX           /* TMX 1.4b: the two-sided beads, score as a prop */
} tmk_align_format;

/* The format called NAME ("tsv", "beads", "json", "tmx"); -1 if none. */
int tmk_align_format_parse(tmk_align_format *out, const char *name);

/* Append BEADS[0..N) over sides DE and EN to OUT in format F. */
int tmk_align_write(tmk_buf *out, tmk_align_format f, const tmk_bead *beads, size_t n,
		    const tmk_align_side *de, const tmk_align_side *en);

/* The sentences FROM..FROM+N-1 of SD joined by a space, appended to OUT. */
int tmk_align_side_join(tmk_buf *out, const tmk_align_side *sd, size_t from, size_t n);

/* One pair: what aligning two files gives. */
typedef struct {
	tmk_align_side de, en;
	tmk_bead *beads;
	size_t n;
} tmk_align_doc;

/* Read DE_PATH and EN_PATH (languages LANGS[0], LANGS[1]) and align them.
 * On failure *DOC holds nothing to release and the error names the file.
 * The same as tmk_align_doc_load() then tmk_align_doc_align(): no
 * language check. */
int tmk_align_doc_run(tmk_align_doc *doc, const char *de_path, const char *en_path,
		      const char *const langs[2], int segmented, const tmk_align_opts *o);
void tmk_align_doc_release(tmk_align_doc *doc);

/* The steps of tmk_align_doc_run(), for callers that check the pair
 * before the work: read both sides (on failure *DOC holds nothing to
 * release), then align them (on failure DOC keeps its sides, no beads). */
int tmk_align_doc_load(tmk_align_doc *doc, const char *de_path, const char *en_path,
		       const char *const langs[2], int segmented);
int tmk_align_doc_align(tmk_align_doc *doc, const tmk_align_opts *o);

/* Whether DOC's sides read as the languages they are given as: each
 * side's text is identified (tmk_lang_identify()) and TMK_EINPUT, naming
 * both files, when side 1 reads as side 2's language and side 2 as side
 * 1's ("the inputs look swapped: ...") or both read as one language
 * ("both inputs read as ...").  A side that reads as unknown (too short,
 * of two languages, of a language without a profile) or as a third
 * language never fails the check, nor do two sides given as variants of
 * one language (de-CH, de-DE): a false alarm stops a translator's work, a
 * missed one costs a glance at the output. */
int tmk_align_doc_check_langs(const tmk_align_doc *doc);

#endif
