/*
 * export.h - writing a TM (or part of it) out as TMX 1.4b, CSV or TSV.
 */
#ifndef TMK_EXPORT_H
#define TMK_EXPORT_H

#include <stdio.h>

#include "tm.h"

typedef enum { TMK_EXPORT_TMX, TMK_EXPORT_CSV, TMK_EXPORT_TSV } tmk_export_format;

typedef struct {
	tmk_export_format format;
	const char *from;       /* source language range (BCP 47; "de" covers de-CH):
				   TMX keeps only units from it; CSV/TSV put it in
				   the first column (default de) */
	const char *to;         /* CSV/TSV: the second column's range (default en) */
	const char *origin;     /* only units imported from this file (as named on import) */
	const char *since;      /* only units changed on or after this date (YYYY-MM-DD...) */
	int bom;                /* CSV: start with a UTF-8 byte-order mark */
} tmk_export_opts;

/* Write the units O selects to OUT; *COUNT gets how many.  TMX is valid
 * against the TMX 1.4b DTD; CSV follows RFC 4180 (UTF-8, CRLF, a header
 * naming the languages); TSV is two columns, no header, with tabs and line
 * breaks inside segments written as spaces. */
int tmk_export(tmk_tm *tm, FILE *out, const tmk_export_opts *o, size_t *count);

#endif
