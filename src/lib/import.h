/*
 * import.h - importing a file into a TM: one transaction per file, so a
 * file lands whole or not at all, and a report of what happened.
 */
#ifndef TMK_IMPORT_H
#define TMK_IMPORT_H

#include <stddef.h>

#include "formats/reader.h"
#include "tm.h"

typedef enum {
	TMK_FMT_AUTO = 0, TMK_FMT_TMX, TMK_FMT_TSV, TMK_FMT_CSV, TMK_FMT_PO, TMK_FMT_MO,
	TMK_FMT_XLIFF,
} tmk_format;

/* "tmx", "tsv", ... -> format; TMK_FMT_AUTO for NULL; -1 if unknown. */
int tmk_format_parse(const char *name);

/* The format of PATH by its extension (.tmx .tsv .txt .csv .po .mo .xlf
 * .xliff .sdlxliff .mqxliff), or TMK_FMT_AUTO when the extension says
 * nothing. */
tmk_format tmk_format_of_path(const char *path);

/* The format of PATH by its extension, else, for a file that is XML (a
 * .xml, or no telling extension), by its root element: <xliff> is XLIFF,
 * <tmx> TMX.  TMK_FMT_AUTO when neither tells (and for "-"). */
tmk_format tmk_format_sniff(const char *path);

const char *tmk_format_name(tmk_format f);

typedef struct {
	long line;              /* line (or unit number) of the entry */
	char reason[128];
} tmk_skip;

typedef struct {
	size_t added, duplicates, skipped;
	tmk_skip *skips;        /* the first TMK_MAX_SKIPS of them */
	size_t nskips;
	char tool[128];         /* the creating tool named by the file, if any */
} tmk_import_report;

#define TMK_MAX_SKIPS 1000

typedef struct {
	tmk_format format;      /* TMK_FMT_AUTO: from the extension */
	tmk_delim_opts delim;   /* TSV and CSV */
	int all_states;         /* XLIFF: drafts too, not only translated segments */
	void (*progress)(void *ctx, size_t done, size_t total);     /* may be NULL */
	void *progress_ctx;
} tmk_import_opts;

/* Import PATH ("-": standard input) into TM as one transaction.  On
 * failure nothing of the file stays, and the message names the file and
 * line.  REP is filled in either way; release it with
 * tmk_import_report_release(). */
/* Read the units of PATH ("-": standard input) in FORMAT (TMK_FMT_AUTO:
 * by the extension) and hand them to SINK, as the import does; for other
 * consumers of bilingual files (tmkit check).  DELIM may be NULL. */
int tmk_read_units(tmk_sink *sink, const char *path, tmk_format format, const tmk_delim_opts *delim);

int tmk_import_file(tmk_tm *tm, tmk_import_report *rep, const char *path,
		    const tmk_import_opts *o);

void tmk_import_report_release(tmk_import_report *rep);

#endif
