/*
 * cmd_analyze.c - `tmkit analyze`: how much of an XLIFF job the TM has, in
 * the bands CAT tools price by, per file and in total.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analyze.h"
#include "cli.h"
#include "error.h"
#include "json.h"
#include "tm.h"

const char help_analyze[] =
	"usage: tmkit [--tm PATH] analyze [--bands 100,95,85,75,50] [--from LANG] [--to LANG]\n"
	"                         [--segment] [--jobs N] [--format text|json|csv] JOB...\n"
	"\n"
	"The analysis CAT tools print to price a job: each XLIFF file's segments and\n"
	"words (ICU word boundaries, as Trados counts) by what the TM has for them:\n"
	"repetition (the same source earlier in the job: counted once), context match\n"
	"(100 % with the same segments before and after it), 100 %, the fuzzy bands\n"
	"and no match; then the total.  XLIFF 1.2, 2.0, SDLXLIFF and MQXLIFF.\n"
	"\n"
	"Options:\n"
	"  --bands LIST     the band edges, from 100 down (default 100,95,85,75,50:\n"
	"                   100 %, 95-99, 85-94, 75-84, 50-74)\n"
	"  --from LANG      the job's source language (default: the file's)\n"
	"  --to LANG        its target language (default: the file's)\n"
	"  --segment        count a unit with no segmentation of its own (XLIFF 1.2\n"
	"                   without <seg-source>, 2.0 with one <segment>) as one\n"
	"                   segment a sentence (tmkit's segmenter, German or English),\n"
	"                   as pretranslate --segment writes it; SDLXLIFF and MQXLIFF\n"
	"                   are segmented by their tools and left as they are\n"
	"  -j, --jobs N     look up on N threads (default: one a processor)\n"
	"  -f, --format F   text (default), json (one object a file, then one with\n"
	"                   \"file\":\"total\") or csv (file,band,segments,words)\n";

enum { OPT_BANDS = 1, OPT_FROM, OPT_TO, OPT_JOBS, OPT_FORMAT, OPT_SEGMENT };

static const cli_option options[] = {
	{ "bands", 0, 1, OPT_BANDS },
	{ "from", 0, 1, OPT_FROM },
	{ "to", 0, 1, OPT_TO },
	{ "jobs", 'j', 1, OPT_JOBS },
	{ "format", 'f', 1, OPT_FORMAT },
	{ "segment", 0, 0, OPT_SEGMENT },
	{ NULL, 0, 0, 0 },
};

enum { FMT_TEXT, FMT_JSON, FMT_CSV };

/* "100,95,85" -> the edges; -1 when it is not a list of numbers. */
static int parse_bands(const char *s, tmk_analyze_opts *o)
{
	char *end;

	o->nedges = 0;
	for (;;) {
		long v = strtol(s, &end, 10);
		if (end == s || v < 1 || v > 100 || o->nedges == TMK_ANALYZE_MAX_EDGES)
			return -1;
		o->edges[o->nedges++] = (int)v;
		if (!*end)
			return 0;
		if (*end != ',')
			return -1;
		s = end + 1;
	}
}

/* One file's (or the total's) analysis in FMT. */
static void print_analysis(tmk_buf *b, const tmk_analyzer *a, const char *file, const tmk_analysis *r, int fmt)
{
	char name[16];

	if (fmt == FMT_JSON) {
		tmk_buf_putc(b, '{');
		tmk_json_kv_str(b, 1, "file", file, strlen(file));
		tmk_buf_puts(b, ",\"bands\":{");
		for (size_t i = 0; i < r->nbands; i++) {
			tmk_analyzer_band_name(a, i, name);
			tmk_buf_printf(b, "%s\"%s\":{\"segments\":%lld,\"words\":%lld}", i ? "," : "", name,
				       r->band[i].segments, r->band[i].words);
		}
		tmk_buf_printf(b, "},\"segments\":%lld,\"words\":%lld}\n", r->segments, r->words);
		return;
	}
	if (fmt == FMT_CSV) {
		for (size_t i = 0; i < r->nbands; i++) {
			tmk_analyzer_band_name(a, i, name);
			tmk_buf_putc(b, '"');
			for (const char *p = file; *p; p++) {
				if (*p == '"')
					tmk_buf_putc(b, '"');
				tmk_buf_putc(b, *p);
			}
			tmk_buf_printf(b, "\",%s,%lld,%lld\r\n", name, r->band[i].segments, r->band[i].words);
		}
		return;
	}
	tmk_buf_printf(b, "%s\n  %-12s %9s %9s\n", file, "", "segments", "words");
	for (size_t i = 0; i < r->nbands; i++) {
		tmk_analyzer_band_name(a, i, name);
		tmk_buf_printf(b, "  %-12s %9lld %9lld\n", i >= 2 && i + 1 < r->nbands ? strcat(name, "%") : name,
			       r->band[i].segments, r->band[i].words);
	}
	tmk_buf_printf(b, "  %-12s %9lld %9lld\n", "total", r->segments, r->words);
}

/* Parse the options into O, FMT and the files; EXIT_OK or a usage error. */
static int parse(int argc, char **argv, tmk_analyze_opts *o, int *fmt, const char **files, size_t *nfiles,
		 char from[TMK_LANGTAG_MAX], char to[TMK_LANGTAG_MAX])
{
	cli_parser p;
	const char *arg;
	int id;

	cli_parser_init(&p, "analyze", argc, argv);
	while ((id = cli_next(&p, options, &arg)) != -1) {
		switch (id) {
		case 0: files[(*nfiles)++] = arg; break;
		case OPT_BANDS:
			if (parse_bands(arg, o) < 0)
				return cli_usage_error("analyze", "--bands wants numbers from 100 down, like "
						       "100,95,85,75,50, not '%s'", arg);
			break;
		case OPT_FROM:
			if (cli_parse_lang("analyze", "--from", arg, from) != 0)
				return EXIT_USAGE;
			o->from = from;
			break;
		case OPT_TO:
			if (cli_parse_lang("analyze", "--to", arg, to) != 0)
				return EXIT_USAGE;
			o->to = to;
			break;
		case OPT_SEGMENT: o->segment = 1; break;
		case OPT_JOBS:
			if (cli_parse_int(arg, 1, TMK_ANALYZE_MAX_JOBS, &o->jobs) < 0)
				return cli_usage_error("analyze", "--jobs wants a number from 1 to %d, not '%s'",
						       TMK_ANALYZE_MAX_JOBS, arg);
			break;
		case OPT_FORMAT:
			*fmt = !strcmp(arg, "json") ? FMT_JSON : !strcmp(arg, "csv") ? FMT_CSV : FMT_TEXT;
			if (*fmt == FMT_TEXT && strcmp(arg, "text"))
				return cli_usage_error("analyze", "unknown format '%s' (text, json or csv)", arg);
			break;
		default:
			return -id;
		}
	}
	if (tmk_analyze_check(o) < 0)
		return cli_usage_error("analyze", "%s", tmk_error_last());
	return *nfiles ? EXIT_OK : cli_usage_error("analyze", "give the job's XLIFF files");
}

int cmd_analyze(cli_ctx *ctx, int argc, char **argv)
{
	tmk_analyze_opts o = { 0 };
	char from[TMK_LANGTAG_MAX], to[TMK_LANGTAG_MAX];
	const char **files = calloc((size_t)argc, sizeof(*files));
	size_t nfiles = 0;
	int fmt = FMT_TEXT, rc;
	tmk_tm *tm = NULL;
	tmk_analyzer *a = NULL;
	tmk_analysis r, total = { 0 };
	tmk_buf b = TMK_BUF_INIT;
	cli_progress prog;

	if (!files)
		return cli_fail(ctx, "analyze");
	o.jobs = (int)sysconf(_SC_NPROCESSORS_ONLN);
	if ((rc = parse(argc, argv, &o, &fmt, files, &nfiles, from, to)) != EXIT_OK)
		goto done;
	if ((rc = cli_open_tm(ctx, "analyze", TMK_TM_READONLY, &tm)) != EXIT_OK)
		goto done;
	o.progress = cli_progress_update;
	o.progress_ctx = &prog;
	if (tmk_analyzer_new(&a, tm, &o) < 0) {
		rc = cli_fail(ctx, "analyze");
		goto done;
	}
	if (fmt == FMT_CSV)
		tmk_buf_puts(&b, "file,band,segments,words\r\n");
	for (size_t i = 0; i < nfiles && rc == EXIT_OK; i++) {
		cli_progress_init(&prog, "analyze", files[i]);
		rc = tmk_analyzer_file(a, &r, files[i]) < 0 ? cli_fail(ctx, "analyze") : EXIT_OK;
		cli_progress_end(&prog);
		if (rc == EXIT_OK) {
			print_analysis(&b, a, files[i], &r, fmt);
			tmk_analysis_add(&total, &r);
		}
	}
	if (rc == EXIT_OK && (nfiles > 1 || fmt == FMT_JSON))
		print_analysis(&b, a, "total", &total, fmt);
	if (rc == EXIT_OK && (rc = cli_write(ctx, "analyze", &b)) == EXIT_OK)
		rc = cli_finish_output(ctx, "analyze");
done:
	tmk_analyzer_free(a);
	tmk_tm_free(tm);
	tmk_buf_release(&b);
	free(files);
	return rc;
}
