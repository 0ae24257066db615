/*
 * reader.h - what every import format reader hands its units to.
 *
 * A reader parses one file and calls sink->unit for each translation unit
 * and sink->skip for each entry it leaves out (with its line and why).  It
 * returns 0, or a negative code with a message that names the file and the
 * line; the importer then rolls the whole file back.
 */
#ifndef TMK_READER_H
#define TMK_READER_H

#include <stddef.h>

#include "tm.h"

typedef struct tmk_sink {
	int (*unit)(struct tmk_sink *sink, const tmk_unit_in *u);
	int (*skip)(struct tmk_sink *sink, long line, const char *reason);
	void (*progress)(struct tmk_sink *sink, size_t done, size_t total);  /* bytes; may be NULL */
	char tool[128];         /* set by readers that know the creating tool */
	void *ctx;
	int keep_empty;         /* TSV/CSV: hand over units with an empty target (tmkit check) */
} tmk_sink;

/* Options for the delimited formats. */
typedef struct {
	const char *src_lang, *tgt_lang;  /* languages of the two columns (default de, en) */
	int src_col, tgt_col;             /* 1-based columns; 0: from the header, else 1 and 2 */
} tmk_delim_opts;

/* TSV: one unit a line, fields split at tabs, no quoting (the output of
 * tmkit align reads as TSV: de, en, score). */
int tmk_read_tsv(tmk_sink *sink, const char *name, const char *data, size_t len,
		 const tmk_delim_opts *o);

/* CSV per RFC 4180: fields split at commas (or semicolons, when the first
 * line has more of them), "quoted" fields may hold commas, quotes ("") and
 * line breaks. */
int tmk_read_csv(tmk_sink *sink, const char *name, const char *data, size_t len,
		 const tmk_delim_opts *o);

/* The records of a delimited file, for readers of other things than
 * units (the term base): FN gets each record's 1-based first line, its
 * fields (valid until FN returns) and the byte position reached; a
 * negative return stops the parse.  CSV (CSV true) per RFC 4180, with the
 * separator chosen as for tmk_read_csv(); else TSV. */
typedef struct {
	const char *p;
	size_t len;
} tmk_field;

typedef int (*tmk_record_fn)(void *ud, long line, tmk_field *f, size_t n, size_t pos);

int tmk_delim_records(const char *name, const char *data, size_t len, int csv,
		      tmk_record_fn fn, void *ud);

/* TMX 1.4b (and 1.1-1.4), streamed from PATH ("-" for standard input) in
 * constant memory; level-2 inline tags are kept as markup. */
int tmk_read_tmx(tmk_sink *sink, const char *path);

/* XLIFF 1.2, 2.x, SDLXLIFF and MQXLIFF (see xliff.h), streamed from PATH
 * ("-" for standard input): each translated segment is a unit (plain text
 * with a placeholder per inline code; their TMX form as the markup); new,
 * empty and missing targets are skipped, and so are drafts unless
 * ALL_STATES.  With sink->keep_empty, segments with an empty or no
 * target are handed over too. */
int tmk_read_xliff(tmk_sink *sink, const char *path, int all_states);

/* gettext PO (msgid English, msgstr German; fuzzy and untranslated entries
 * skipped; plurals as their singular) and compiled MO catalogs. */
int tmk_read_po(tmk_sink *sink, const char *name, const char *data, size_t len);
int tmk_read_mo(tmk_sink *sink, const char *name, const char *data, size_t len);

#endif
