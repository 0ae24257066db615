/*
 * cmd_import.c - `tmkit import`: files into the TM, one transaction each,
 * with a report of what was added, what was there already and what was
 * skipped (line and reason).
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "error.h"
#include "import.h"
#include "json.h"
#include "langtag.h"
#include "tm.h"

const char help_import[] =
	"usage: tmkit [--tm PATH] import [--format tmx|tsv|csv|po|mo|xliff] [--columns S,T]\n"
	"                         [--langs SRC,TGT] [--all-states] [--report text|json] FILE...\n"
	"\n"
	"Import translation units into the TM.  Each file is one transaction: it lands\n"
	"whole or not at all.  The same pair imported again stays one unit (its count\n"
	"and provenance are updated).\n"
	"\n"
	"Formats (from the file name unless --format is given):\n"
	"  tmx    TMX 1.4b (also 1.1-1.4), streamed; language tags (de-CH, en-GB),\n"
	"         inline tags, notes, properties and attributes kept for export; a\n"
	"         unit with more languages gives a pair per language with its source\n"
	"  tsv    one unit a line: source TAB target (the output of tmkit align, too)\n"
	"  csv    RFC 4180; ',' or ';' separated; a header line naming its columns\n"
	"         (de, en, German, source, target ...) is recognised\n"
	"  po/mo  gettext catalogs: msgid English, msgstr in the catalog's language;\n"
	"         fuzzy and untranslated entries are skipped\n"
	"  xliff  XLIFF 1.2 and 2.x jobs, SDLXLIFF (Trados), MQXLIFF (memoQ); also\n"
	"         .xlf .xliff .sdlxliff .mqxliff and XML whose root is <xliff>: each\n"
	"         translated segment (translated, reviewed, final, signed-off, the\n"
	"         confirmed levels; a target without a state) is a unit, inline\n"
	"         codes kept; new, empty and missing targets and drafts are skipped\n"
	"\n"
	"Options:\n"
	"  --format FMT        the input format\n"
	"  --columns S,T       TSV/CSV: the source and target columns (1-based)\n"
	"  --langs SRC,TGT     TSV/CSV: their languages as BCP 47 tags (de-CH,en-GB;\n"
	"                      default: from the header, else de,en)\n"
	"  --all-states        XLIFF: drafts too (needs-review-*, Draft, Edited ...)\n"
	"  --report FMT        text (default) or json: one object a file\n"
	"\n"
	"Exit status 1 if any file failed (the others are imported).\n";

enum { OPT_FORMAT = 1, OPT_COLUMNS, OPT_LANGS, OPT_REPORT, OPT_ALL_STATES };

static const cli_option options[] = {
	{ "format", 'f', 1, OPT_FORMAT },
	{ "columns", 'c', 1, OPT_COLUMNS },
	{ "langs", 0, 1, OPT_LANGS },
	{ "report", 0, 1, OPT_REPORT },
	{ "all-states", 0, 0, OPT_ALL_STATES },
	{ NULL, 0, 0, 0 },
};

/* "2,3" -> 2 and 3 (both >= 1, different). */
static int parse_columns(const char *s, int *a, int *b)
{
	char *end;
	long x = strtol(s, &end, 10), y;

	if (end == s || *end != ',')
		return -1;
	y = strtol(end + 1, &end, 10);
	if (*end || x < 1 || y < 1 || x == y || x > 1000 || y > 1000)
		return -1;
	*a = (int)x;
	*b = (int)y;
	return 0;
}

/* "de-CH,en-GB" -> two different BCP 47 tags in canonical case, into A and
 * B. */
static int parse_langs(const char *s, char a[TMK_LANGTAG_MAX], char b[TMK_LANGTAG_MAX])
{
	const char *comma = strchr(s, ',');

	if (!comma || tmk_langtag_canon(a, s, (size_t)(comma - s)) < 0 ||
	    tmk_langtag_canon(b, comma + 1, strlen(comma + 1)) < 0)
		return -1;
	return strcmp(a, b) ? 0 : -1;
}

static void print_report(const char *file, const tmk_import_report *r, int json, int ok)
{
	tmk_buf b = TMK_BUF_INIT;

	if (json) {
		tmk_buf_putc(&b, '{');
		tmk_json_kv_str(&b, 1, "file", file, strlen(file));
		tmk_buf_printf(&b, ",\"ok\":%s", ok ? "true" : "false");
		if (!ok)
			tmk_json_kv_str(&b, 0, "error", tmk_error_last(), strlen(tmk_error_last()));
		tmk_json_kv_num(&b, 0, "added", (long long)r->added);
		tmk_json_kv_num(&b, 0, "duplicates", (long long)r->duplicates);
		tmk_json_kv_num(&b, 0, "skipped", (long long)r->skipped);
		tmk_buf_puts(&b, ",\"skips\":[");
		for (size_t i = 0; i < r->nskips; i++) {
			tmk_buf_puts(&b, i ? ",{" : "{");
			tmk_json_kv_num(&b, 1, "line", r->skips[i].line);
			tmk_json_kv_str(&b, 0, "reason", r->skips[i].reason, strlen(r->skips[i].reason));
			tmk_buf_putc(&b, '}');
		}
		tmk_buf_puts(&b, "]}\n");
	} else if (ok) {
		tmk_buf_printf(&b, "%s: %zu added, %zu duplicate%s, %zu skipped\n", file, r->added,
			       r->duplicates, r->duplicates == 1 ? "" : "s", r->skipped);
		for (size_t i = 0; i < r->nskips && i < 10; i++)
			tmk_buf_printf(&b, "  %s:%ld: skipped: %s\n", file, r->skips[i].line,
				       r->skips[i].reason);
		if (r->skipped > 10)
			tmk_buf_printf(&b, "  ... and %zu more skipped (--report json lists them)\n",
				       r->skipped - 10);
	}
	fwrite(b.ptr ? b.ptr : "", 1, b.len, stdout);
	tmk_buf_release(&b);
}

int cmd_import(cli_ctx *ctx, int argc, char **argv)
{
	tmk_import_opts o = { 0 };
	char src_lang[TMK_LANGTAG_MAX], tgt_lang[TMK_LANGTAG_MAX];
	cli_parser p;
	cli_progress prog;
	const char *arg;
	char **files = calloc((size_t)argc, sizeof(char *));
	size_t nfiles = 0;
	int id, rc = EXIT_OK, json = 0, fmt;
	tmk_tm *tm = NULL;

	if (!files)
		return cli_fail(ctx, "import");
	cli_parser_init(&p, "import", argc, argv);
	while ((id = cli_next(&p, options, &arg)) != -1) {
		switch (id) {
		case 0:
			files[nfiles++] = (char *)arg;
			break;
		case OPT_FORMAT:
			if ((fmt = tmk_format_parse(arg)) < 0) {
				free(files);
				return cli_usage_error("import", "unknown format '%s' (tmx, tsv, csv, po, mo or xliff)", arg);
			}
			o.format = fmt;
			break;
		case OPT_COLUMNS:
			if (parse_columns(arg, &o.delim.src_col, &o.delim.tgt_col) < 0) {
				free(files);
				return cli_usage_error("import", "--columns wants two different column "
						       "numbers like 2,3, not '%s'", arg);
			}
			break;
		case OPT_LANGS:
			if (parse_langs(arg, src_lang, tgt_lang) < 0) {
				free(files);
				return cli_usage_error("import", "--langs wants two different language tags "
						       "like de,en or de-CH,en-GB, not '%s'", arg);
			}
			o.delim.src_lang = src_lang;
			o.delim.tgt_lang = tgt_lang;
			break;
		case OPT_ALL_STATES:
			o.all_states = 1;
			break;
		case OPT_REPORT:
			if (strcmp(arg, "json") && strcmp(arg, "text")) {
				free(files);
				return cli_usage_error("import", "unknown report format '%s' (text or json)", arg);
			}
			json = !strcmp(arg, "json");
			break;
		default:
			free(files);
			return -id;
		}
	}
	if (nfiles == 0) {
		free(files);
		return cli_usage_error("import", "no file to import");
	}
	if ((rc = cli_open_tm(ctx, "import", 0, &tm)) != EXIT_OK) {
		free(files);
		return rc;
	}
	for (size_t i = 0; i < nfiles; i++) {
		tmk_import_report rep;
		int ok;

		cli_progress_init(&prog, "import", files[i]);
		o.progress = cli_progress_update;
		o.progress_ctx = &prog;
		ok = tmk_import_file(tm, &rep, files[i], &o) == 0;
		cli_progress_end(&prog);
		if (!ok) {
			cli_fail(ctx, "import");
			rc = EXIT_FAIL;
		} else if (rep.added + rep.duplicates == 0) {
			cli_warn(ctx, "import", "%s: no units found", files[i]);
		}
		print_report(files[i], &rep, json, ok);
		tmk_import_report_release(&rep);
	}
	tmk_tm_free(tm);
	free(files);
	if (cli_finish_output(ctx, "import") != EXIT_OK)
		rc = EXIT_FAIL;
	return rc;
}
