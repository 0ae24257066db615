/*
 * align_batch.h - many document pairs aligned in one process: a manifest
 * names them, worker threads align them, each pair's beads go to its own
 * output file (written whole or not at all).
 *
 * One process for a hundred pairs saves a hundred lexicon mappings and
 * process start-ups; threads use the cores a translator's machine has.
 */
#ifndef TMK_ALIGN_BATCH_H
#define TMK_ALIGN_BATCH_H

#include <stddef.h>

#include "align_doc.h"

typedef struct {
	char *de, *en, *out;    /* paths, relative ones resolved against the manifest's folder */
	size_t line;            /* 1-based, in the manifest */
} tmk_batch_item;

typedef struct {
	char *name;             /* the manifest's path, for messages */
	tmk_batch_item *items;
	size_t n;
} tmk_manifest;

/* Read the manifest at PATH ("-": standard input): a pair a line,
 * "DE-FILE<TAB>EN-FILE<TAB>OUTPUT"; empty lines and lines starting with #
 * are skipped.  The whole manifest is checked before anything is aligned:
 * a line without exactly three non-empty fields, an output named twice or
 * an output that is one of the inputs is TMK_EINPUT naming the file and
 * line. */
int tmk_manifest_load(tmk_manifest **out, const char *path);
void tmk_manifest_free(tmk_manifest *m);

typedef struct {
	const char *langs[2];   /* e.g. "de", "en" */
	int segmented;
	int force;              /* align a pair even when it fails tmk_align_doc_check_langs() */
	tmk_align_format format;
	const tmk_align_opts *align;
	int jobs;               /* threads, at least 1 */
	/* Called once a pair is done, with DOC (NULL when it failed: RC < 0
	 * and tmk_error_last() says why), one call at a time, from the worker
	 * thread: the place to store in a TM or report progress.  A negative
	 * return marks the pair failed. */
	int (*done)(void *ud, const tmk_batch_item *it, const tmk_align_doc *doc, int rc);
	void *ud;
} tmk_batch_opts;

/* Align every pair of M; *FAILED counts the pairs that failed (each one
 * reported through o->done), among them, unless o->force, the pairs whose
 * files read as swapped or as one language (tmk_align_doc_check_langs():
 * checked before the pair is aligned, its output left unwritten).  Returns 0, or an error that stopped the
 * batch as a whole (no thread could be started). */
int tmk_align_batch(const tmk_manifest *m, const tmk_batch_opts *o, size_t *failed);

#endif
