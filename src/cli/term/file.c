/*
 * term/file.c - `tmkit term import` and `export`: the glossary from and to
 * CSV/TSV, TBX and TMX files.
 */
#include <stdlib.h>
#include <string.h>

#include "atomic.h"
#include "cli.h"
#include "error.h"
#include "term.h"
#include "term_io.h"
#include "tm.h"
#include "term/term_cli.h"

static void report_row(void *ud, const char *file, long line, const char *what, int64_t id)
{
	(void)ud;
	fprintf(stderr, "%s:%ld: %s %lld\n", file, line, what, (long long)id);
}

int term_import(term_args *a, tmk_tm *tm)
{
	int rc = EXIT_OK;

	if (a->nargs == 0)
		return cli_usage_error("term", "import wants a file (CSV, TSV, TBX or TMX)");
	for (int i = 0; i < a->nargs; i++) {
		tmk_term_import_report rep = { 0, 0, 0, report_row, NULL };
		if (tmk_term_import(tm, &rep, a->args[i]) < 0) {
			rc = cli_fail(a->ctx, "term");
			fprintf(stderr, "tmkit term: %s: nothing imported\n", a->args[i]);
			continue;
		}
		fprintf(stderr, "tmkit term: %s: %zu concepts added, %zu merged, %zu already there\n",
			a->args[i], rep.added, rep.merged, rep.unchanged);
	}
	return rc;
}

int term_export(term_args *a, tmk_tm *tm)
{
	tmk_term_filter f = { a->type, a->status, a->domain, a->since };
	tmk_term_format fmt;
	size_t count;
	FILE *out = stdout;
	tmk_atomic *file = NULL;
	int rc;

	if (a->nargs)
		return cli_usage_error("term", "export takes no arguments (-o FILE for a file)");
	if (!a->format)
		return cli_usage_error("term", "export wants --format csv, tmx or tbx");
	if (!strcmp(a->format, "csv"))
		fmt = TMK_TERM_CSV;
	else if (!strcmp(a->format, "tmx"))
		fmt = TMK_TERM_TMX;
	else if (!strcmp(a->format, "tbx"))
		fmt = TMK_TERM_TBX;
	else
		return cli_usage_error("term", "unknown export format '%s' (csv, tmx or tbx)", a->format);
	if ((rc = check_filters(a)))
		return rc;
	if (a->output) {        /* beside the target, renamed into place when complete */
		if (tmk_atomic_open(&file, a->output) < 0)
			return cli_fail(a->ctx, "term");
		out = tmk_atomic_stream(file);
	}
	rc = tmk_term_export(tm, out, fmt, &f, a->bom, &count) < 0 ? cli_fail(a->ctx, "term") : EXIT_OK;
	if (file && rc == EXIT_OK)
		rc = tmk_atomic_commit(file) < 0 ? cli_fail(a->ctx, "term") : EXIT_OK;
	else if (file)
		tmk_atomic_abort(file);
	else if (rc == EXIT_OK)
		rc = cli_finish_output(a->ctx, "term");
	if (rc == EXIT_OK)
		fprintf(stderr, "tmkit term: exported %zu concepts\n", count);
	return rc;
}
