/*
 * term_io.h - the term base in and out: CSV/TSV (a concept a row), TBX
 * (TBX-Basic v3, and v2/MARTIF on import) and TMX (a unit a concept).
 * What is exported imports again to the same concepts, terms, statuses
 * and notes.
 */
#ifndef TMK_TERM_IO_H
#define TMK_TERM_IO_H

#include <stdio.h>

#include "term.h"
#include "tm.h"

typedef struct {
	size_t added, merged, unchanged;
	/* each row that merged into a concept or brought nothing new; may be NULL */
	void (*each)(void *ud, const char *file, long line, const char *what, int64_t id);
	void *ud;
} tmk_term_import_report;

/* Import the terms of PATH, as one transaction: all or nothing.  The
 * format from the content (XML: <tbx>, <martif>, <tmx>) or else the name
 * (.tsv: tabs; otherwise CSV).  CSV/TSV: a header row names the columns:
 * de and en (German, English ... too), and any of de_status, en_status,
 * de_note, en_note, status, type, domain, definition, note, source; a cell
 * may hold several terms separated by ";" (a ";" inside one written "\;").
 * Errors name the file and the line: a missing header, an empty term, an
 * unknown type or status, malformed CSV or XML. */
int tmk_term_import(tmk_tm *tm, tmk_term_import_report *rep, const char *path);

typedef enum { TMK_TERM_CSV, TMK_TERM_TMX, TMK_TERM_TBX } tmk_term_format;

/* Write the concepts F selects to OUT in FORMAT (CSV per RFC 4180, UTF-8,
 * CRLF, a BOM first when BOM); *COUNT: how many. */
int tmk_term_export(tmk_tm *tm, FILE *out, tmk_term_format format, const tmk_term_filter *f,
		    int bom, size_t *count);

#endif
