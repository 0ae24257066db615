/*
 * cmd_pretranslate.c - `tmkit pretranslate`: a copy of an XLIFF job with
 * the targets the TM holds filled in, and a count of what was filled.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "error.h"
#include "pretranslate.h"
#include "tm.h"

const char help_pretranslate[] =
	"usage: tmkit [--tm PATH] pretranslate JOB -o OUT [--fuzzy] [--min N] [--overwrite]\n"
	"                         [--segment] [--jobs N]\n"
	"\n"
	"Write a copy of the XLIFF job JOB to OUT with the targets the TM holds\n"
	"filled in, as CAT tools pretranslate: a 100 % or context match as translated\n"
	"(1.2: state=\"translated\" state-qualifier=\"exact-match\"; 2.0: segment\n"
	"state=\"translated\"; Trados: sdl:seg conf=\"Translated\"; memoQ: mq:status\n"
	"\"Confirmed\"), with --fuzzy the best fuzzy match as a draft with its score\n"
	"(1.2: needs-review-translation and an <alt-trans match-quality=..>; 2.0:\n"
	"initial and an <mtc:match similarity=..>; Trados conf=\"Draft\" percent=..;\n"
	"memoQ Pretranslated with mq:percent).  Everything else in the file stays as it\n"
	"was, byte for byte, in the job's encoding.  Inline codes go back in where the\n"
	"TM's translation has them; codes it lacks go at the end of the target, which\n"
	"is then a draft.  XLIFF 1.2, 2.0, SDLXLIFF and MQXLIFF.\n"
	"\n"
	"Options:\n"
	"  -o, --output OUT  the file to write (whole or not at all; not JOB)\n"
	"      --fuzzy       fill fuzzy matches too, as drafts\n"
	"      --min N       the lowest fuzzy score filled in (default 75)\n"
	"      --overwrite   replace targets that have text (locked segments never)\n"
	"      --segment     split a unit with no segmentation of its own (XLIFF 1.2\n"
	"                    without <seg-source>, 2.0 with one <segment>) into its\n"
	"                    sentences (tmkit's segmenter, German or English) and write\n"
	"                    them as CAT tools do: 1.2 a <seg-source> with a <mrk\n"
	"                    mtype=\"seg\"> a sentence (and the <target> likewise),\n"
	"                    2.0 a <segment> a sentence, white space in <ignorable>.\n"
	"                    A unit whose target has text (unless --overwrite and\n"
	"                    every sentence is filled), with canResegment=\"no\", or\n"
	"                    where a sentence boundary would fall inside a paired\n"
	"                    inline code stays as it is;\n"
	"                    SDLXLIFF and MQXLIFF are segmented by their tools and\n"
	"                    left as they are\n"
	"  -j, --jobs N      look up on N threads (default: one a processor)\n";

enum { OPT_OUTPUT = 1, OPT_FUZZY, OPT_MIN, OPT_OVERWRITE, OPT_JOBS, OPT_SEGMENT };

static const cli_option options[] = {
	{ "output", 'o', 1, OPT_OUTPUT },
	{ "fuzzy", 0, 0, OPT_FUZZY },
	{ "min", 0, 1, OPT_MIN },
	{ "overwrite", 0, 0, OPT_OVERWRITE },
	{ "jobs", 'j', 1, OPT_JOBS },
	{ "segment", 0, 0, OPT_SEGMENT },
	{ NULL, 0, 0, 0 },
};

/* Parse the options into O, *JOB and *OUT; EXIT_OK or a usage error. */
static int parse(int argc, char **argv, tmk_pretranslate_opts *o, const char **job, const char **out)
{
	cli_parser p;
	const char *arg;
	int id;

	cli_parser_init(&p, "pretranslate", argc, argv);
	while ((id = cli_next(&p, options, &arg)) != -1) {
		switch (id) {
		case 0:
			if (*job)
				return cli_usage_error("pretranslate", "one job at a time ('%s' and '%s')", *job, arg);
			*job = arg;
			break;
		case OPT_OUTPUT: *out = arg; break;
		case OPT_FUZZY: o->fuzzy = 1; break;
		case OPT_OVERWRITE: o->overwrite = 1; break;
		case OPT_SEGMENT: o->segment = 1; break;
		case OPT_MIN:
			if (cli_parse_int(arg, 1, 100, &o->min) < 0)
				return cli_usage_error("pretranslate", "--min wants a score from 1 to 100, not '%s'", arg);
			break;
		case OPT_JOBS:
			if (cli_parse_int(arg, 1, TMK_PRETRANSLATE_MAX_JOBS, &o->jobs) < 0)
				return cli_usage_error("pretranslate", "--jobs wants a number from 1 to %d, not '%s'",
						       TMK_PRETRANSLATE_MAX_JOBS, arg);
			break;
		default:
			return -id;
		}
	}
	if (!*job)
		return cli_usage_error("pretranslate", "give the job's XLIFF file");
	if (!*out)
		return cli_usage_error("pretranslate", "give the file to write with -o OUT");
	return EXIT_OK;
}

/* What was filled, one line a kind (SEGMENT: and what was split). */
static void print_report(tmk_buf *b, const char *job, const char *out, const tmk_pretranslate_report *r,
			 int segment)
{
	tmk_buf_printf(b, "%s -> %s\n", job, out);
	tmk_buf_printf(b, "  %-22s %9lld\n", "context match", r->context);
	tmk_buf_printf(b, "  %-22s %9lld\n", "100%", r->exact);
	tmk_buf_printf(b, "  %-22s %9lld\n", "fuzzy (draft)", r->fuzzy);
	tmk_buf_printf(b, "  %-22s %9lld\n", "no match", r->none);
	tmk_buf_printf(b, "  %-22s %9lld\n", "kept (had a target)", r->kept);
	tmk_buf_printf(b, "  %-22s %9lld\n", "locked", r->locked);
	tmk_buf_printf(b, "  %-22s %9lld\n", "total", r->segments);
	if (segment)
		tmk_buf_printf(b, "  %-22s %9lld (into %lld segments)\n", "units segmented", r->split_units,
			       r->split_segments);
	if (segment && r->split_refused)
		tmk_buf_printf(b, "%lld unit%s not segmented: a sentence boundary would fall inside a paired "
			       "inline code\n", r->split_refused, r->split_refused == 1 ? " was" : "s were");
	if (r->codes_appended)
		tmk_buf_printf(b, "%lld filled segment%s lacked inline codes in the TM's translation: they were "
			       "put at the end, and the segment%s marked for review\n", r->codes_appended,
			       r->codes_appended == 1 ? "" : "s", r->codes_appended == 1 ? " is" : "s are");
}

int cmd_pretranslate(cli_ctx *ctx, int argc, char **argv)
{
	tmk_pretranslate_opts o = { 0 };
	tmk_pretranslate_report r;
	const char *job = NULL, *out = NULL;
	tmk_tm *tm = NULL;
	tmk_buf b = TMK_BUF_INIT;
	cli_progress prog;
	int rc;

	o.jobs = (int)sysconf(_SC_NPROCESSORS_ONLN);
	if ((rc = parse(argc, argv, &o, &job, &out)) != EXIT_OK)
		return rc;
	if ((rc = cli_open_tm(ctx, "pretranslate", TMK_TM_READONLY, &tm)) != EXIT_OK)
		return rc;
	cli_progress_init(&prog, "pretranslate", job);
	o.progress = cli_progress_update;
	o.progress_ctx = &prog;
	rc = tmk_pretranslate(tm, &r, job, out, &o) < 0 ? cli_fail(ctx, "pretranslate") : EXIT_OK;
	cli_progress_end(&prog);
	if (rc == EXIT_OK) {
		print_report(&b, job, out, &r, o.segment);
		if ((rc = cli_write(ctx, "pretranslate", &b)) == EXIT_OK)
			rc = cli_finish_output(ctx, "pretranslate");
	}
	tmk_tm_free(tm);
	tmk_buf_release(&b);
	return rc;
}
