/*
 * cmd_export.c - `tmkit export`: the TM, or the part the filters select,
 * as TMX 1.4b, CSV or TSV, to a file or standard output.
 */
#include <stdio.h>
#include <string.h>

#include "atomic.h"
#include "cli.h"
#include "error.h"
#include "export.h"
#include "tm.h"

const char help_export[] =
	"usage: tmkit [--tm PATH] export --format tmx|csv|tsv [-o FILE] [--from LANG] [--to LANG]\n"
	"                         [--origin FILE] [--since DATE] [--bom]\n"
	"\n"
	"Write the TM out.  TMX 1.4b gives every unit back as it was imported: its\n"
	"language tags (de-CH, en-GB), inline tags, notes, properties, tuid, dates\n"
	"and the other attributes the TMX DTD declares.  CSV (RFC 4180, UTF-8) and\n"
	"TSV have two columns, FROM and TO.\n"
	"\n"
	"Options:\n"
	"  -f, --format FMT   tmx, csv or tsv (required)\n"
	"  -o, --output FILE  write there (replaced only when the export succeeds);\n"
	"                     default: standard output\n"
	"      --from LANG    TMX: only units whose source is LANG; CSV/TSV: the first\n"
	"                     column's language (default de).  A BCP 47 tag: de takes\n"
	"                     every German variant, de-CH only Swiss German\n"
	"      --to LANG      CSV/TSV: the second column's language (default en)\n"
	"      --origin FILE  only units imported from FILE (as it was named on import)\n"
	"      --since DATE   only units changed on or after DATE (YYYY-MM-DD)\n"
	"      --bom          CSV: begin with a byte-order mark (for spreadsheets)\n";

enum { OPT_FORMAT = 1, OPT_OUTPUT, OPT_FROM, OPT_TO, OPT_ORIGIN, OPT_SINCE, OPT_BOM };

static const cli_option options[] = {
	{ "format", 'f', 1, OPT_FORMAT },
	{ "output", 'o', 1, OPT_OUTPUT },
	{ "from", 0, 1, OPT_FROM },
	{ "to", 0, 1, OPT_TO },
	{ "origin", 0, 1, OPT_ORIGIN },
	{ "since", 0, 1, OPT_SINCE },
	{ "bom", 0, 0, OPT_BOM },
	{ NULL, 0, 0, 0 },
};

static int valid_date(const char *s)
{
	/* YYYY-MM-DD, optionally followed by THH:MM:SSZ */
	size_t n = strlen(s);

	if (n != 10 && n != 20)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		int want_dash = i == 4 || i == 7;
		if (want_dash ? c != '-' : i == 10 ? c != 'T' : (i == 13 || i == 16) ? c != ':' :
		    i == 19 ? c != 'Z' : (c < '0' || c > '9'))
			return 0;
	}
	return 1;
}

int cmd_export(cli_ctx *ctx, int argc, char **argv)
{
	tmk_export_opts o = { 0 };
	char from[TMK_LANGTAG_MAX], to[TMK_LANGTAG_MAX];
	const char *arg, *output = NULL;
	tmk_atomic *file = NULL;
	cli_parser p;
	int id, have_format = 0, rc;
	tmk_tm *tm = NULL;
	FILE *out = stdout;
	size_t count = 0;

	cli_parser_init(&p, "export", argc, argv);
	while ((id = cli_next(&p, options, &arg)) != -1) {
		switch (id) {
		case 0:
			return cli_usage_error("export", "unexpected argument '%s'", arg);
		case OPT_FORMAT:
			if (!strcmp(arg, "tmx"))
				o.format = TMK_EXPORT_TMX;
			else if (!strcmp(arg, "csv"))
				o.format = TMK_EXPORT_CSV;
			else if (!strcmp(arg, "tsv"))
				o.format = TMK_EXPORT_TSV;
			else
				return cli_usage_error("export", "unknown format '%s' (tmx, csv or tsv)", arg);
			have_format = 1;
			break;
		case OPT_OUTPUT: output = arg; break;
		case OPT_FROM:
			if (cli_parse_lang("export", "--from", arg, from) != 0)
				return EXIT_USAGE;
			o.from = from;
			break;
		case OPT_TO:
			if (cli_parse_lang("export", "--to", arg, to) != 0)
				return EXIT_USAGE;
			o.to = to;
			break;
		case OPT_ORIGIN: o.origin = arg; break;
		case OPT_SINCE:
			if (!valid_date(arg))
				return cli_usage_error("export", "--since wants a date like 2024-03-15, not '%s'", arg);
			o.since = arg;
			break;
		case OPT_BOM: o.bom = 1; break;
		default:
			return -id;
		}
	}
	if (!have_format)
		return cli_usage_error("export", "give the format: --format tmx, csv or tsv");
	if ((rc = cli_open_tm(ctx, "export", TMK_TM_READONLY, &tm)) != EXIT_OK)
		return rc;
	if (output) {
		/* a temporary beside the target, renamed over it only when the
		 * export succeeds: a failed export leaves any earlier file alone */
		if (tmk_atomic_open(&file, output) < 0) {
			tmk_tm_free(tm);
			return cli_fail(ctx, "export");
		}
		out = tmk_atomic_stream(file);
	}
	rc = tmk_export(tm, out, &o, &count);
	tmk_tm_free(tm);
	if (file && rc == 0)
		rc = tmk_atomic_commit(file);
	else
		tmk_atomic_abort(file);
	if (rc < 0)
		return cli_fail(ctx, "export");
	if (count == 0)
		cli_warn(ctx, "export", "no units matched: the export is empty");
	else if (output)
		fprintf(stderr, "tmkit export: %zu units written to %s\n", count, output);
	return output ? EXIT_OK : cli_finish_output(ctx, "export");
}
