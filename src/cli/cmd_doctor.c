/*
 * cmd_doctor.c - `tmkit doctor`: is the TM sound, and if not, what can be
 * saved and how.
 */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "error.h"
#include "json.h"
#include "tm.h"
#include "tm_check.h"

const char help_doctor[] =
	"usage: tmkit [--tm PATH] doctor [--quick] [--rebuild-index] [--salvage NEW.tm]\n"
	"                         [--format text|json]\n"
	"\n"
	"Check the TM: every page and index of the file (SQLite's integrity check),\n"
	"the links between its tables, and the word index against the units.  Say\n"
	"what is wrong and how to recover:\n"
	"  - the word index only: --rebuild-index rebuilds it from the units, and\n"
	"    nothing is lost;\n"
	"  - the file itself: --salvage NEW.tm copies every unit and glossary entry\n"
	"    that can still be read into a new TM; check it with doctor and use it\n"
	"    instead (the damaged file is only read).\n"
	"Writing commands (import, align --tm, term, remove) refuse a damaged TM.\n"
	"\n"
	"Options:\n"
	"  --quick           pages and b-trees only (SQLite's quick_check), faster\n"
	"  --rebuild-index   rebuild the word index from the units, then check\n"
	"  --salvage NEW     copy what can be read into the new TM NEW (must not exist)\n"
	"  -f, --format F    text (default) or json: one object with ok, units,\n"
	"                    file_damaged, index_damaged and problems\n"
	"\n"
	"Exit status 0 when the TM is sound, 1 when it is not or cannot be read.\n";

enum { OPT_QUICK = 1, OPT_REBUILD, OPT_SALVAGE, OPT_FORMAT };

static const cli_option options[] = {
	{ "quick", 0, 0, OPT_QUICK },
	{ "rebuild-index", 0, 0, OPT_REBUILD },
	{ "salvage", 0, 1, OPT_SALVAGE },
	{ "format", 'f', 1, OPT_FORMAT },
	{ NULL, 0, 0, 0 },
};

static void print_json(tmk_buf *b, const tmk_tm_health *h)
{
	tmk_buf_printf(b, "{\"ok\":%s,\"units\":%lld,\"file_damaged\":%s,\"index_damaged\":%s,\"problems\":[",
		       h->nproblems ? "false" : "true", h->units, h->file_damaged ? "true" : "false",
		       h->index_damaged ? "true" : "false");
	for (size_t i = 0; i < h->nproblems; i++) {
		if (i)
			tmk_buf_putc(b, ',');
		tmk_json_str(b, h->problems[i], strlen(h->problems[i]));
	}
	tmk_buf_puts(b, "]}\n");
}

/* What was found, then what to do about it. */
static void print_text(tmk_buf *b, const char *path, const tmk_tm_health *h)
{
	if (!h->nproblems) {
		tmk_buf_printf(b, "%s: sound (%lld units; pages, indexes, links and word index checked)\n",
			       path, h->units);
		return;
	}
	tmk_buf_printf(b, "%s: %zu problem%s found\n", path, h->nproblems, h->nproblems == 1 ? "" : "s");
	for (size_t i = 0; i < h->nproblems; i++)
		tmk_buf_printf(b, "  %s\n", h->problems[i]);
	if (h->file_damaged)
		tmk_buf_printf(b, "\nThe file is damaged.  Copy what can still be read into a new TM:\n"
			       "  tmkit --tm '%s' doctor --salvage NEW.tm\n"
			       "then check it (tmkit --tm NEW.tm doctor) and use it instead.  Keep the\n"
			       "damaged file until you are satisfied; tmkit will not write to it.\n", path);
	else
		tmk_buf_puts(b, "\nThe units are sound; only the word index is not.  Rebuild it from the\n"
			     "units (nothing is lost): tmkit doctor --rebuild-index\n");
}

/* --salvage: what can be read of the TM at PATH into the new TM NEW. */
static int salvage_to(cli_ctx *ctx, const char *path, const char *new_path)
{
	tmk_tm *from = NULL, *to = NULL;
	tmk_salvage_report r;
	struct stat sb;
	int rc;

	if (stat(new_path, &sb) == 0) {
		tmk_error_set(TMK_EINVAL, "%s exists: --salvage writes a new TM, give a new file name", new_path);
		return cli_fail(ctx, "doctor");
	}
	if (tmk_tm_open(&from, path, TMK_TM_READONLY) < 0 || tmk_tm_open(&to, new_path, 0) < 0 ||
	    tmk_tm_salvage(from, to, &r) < 0) {
		rc = cli_fail(ctx, "doctor");
	} else {
		printf("%s: %zu units and %zu glossary concepts copied to %s; %zu units and %zu concepts "
		       "could not be read\n", path, r.units, r.concepts, new_path, r.units_lost,
		       r.concepts_lost);
		if (r.ids_missing)
			printf("  %zu ids had no unit to read (removed earlier, or on a damaged page)\n",
			       r.ids_missing);
		if (r.extras_lost)
			printf("  %zu units were copied without some of their notes, attributes or origin\n",
			       r.extras_lost);
		rc = cli_finish_output(ctx, "doctor");
	}
	tmk_tm_free(from);
	tmk_tm_free(to);
	return rc;
}

int cmd_doctor(cli_ctx *ctx, int argc, char **argv)
{
	const char *arg;
	cli_parser p;
	int id, json = 0, quick = 0, rebuild = 0, rc;
	const char *salvage = NULL;
	tmk_tm *tm = NULL;
	tmk_tm_health h = { 0 };
	tmk_buf b = TMK_BUF_INIT, path = TMK_BUF_INIT;

	cli_parser_init(&p, "doctor", argc, argv);
	while ((id = cli_next(&p, options, &arg)) != -1) {
		switch (id) {
		case 0:
			return cli_usage_error("doctor", "unexpected argument '%s'", arg);
		case OPT_QUICK: quick = 1; break;
		case OPT_REBUILD: rebuild = 1; break;
		case OPT_SALVAGE: salvage = arg; break;
		case OPT_FORMAT:
			if (strcmp(arg, "json") && strcmp(arg, "text"))
				return cli_usage_error("doctor", "unknown format '%s' (text or json)", arg);
			json = !strcmp(arg, "json");
			break;
		default:
			return -id;
		}
	}
	if (!cli_tm_exists(ctx, &path)) {
		tmk_error_set(TMK_EIO, "no TM at '%s'", path.ptr ? path.ptr : "");
		tmk_buf_release(&path);
		return cli_fail(ctx, "doctor");
	}
	if (salvage) {
		rc = salvage_to(ctx, path.ptr, salvage);
		goto done;
	}
	/* for writing when it can be (the word index checks are writes to
	 * FTS5), read-only where it cannot */
	if ((rc = cli_open_tm(ctx, "doctor", TMK_TM_TRY_WRITE, &tm)) != EXIT_OK) {
		fprintf(stderr, "tmkit doctor: if the file is damaged, copy what can still be read into a "
			"new TM:\n  tmkit --tm '%s' doctor --salvage NEW.tm\n", path.ptr);
		goto done;
	}
	if ((rebuild && tmk_tm_rebuild_index(tm) < 0) || tmk_tm_check(tm, !quick, &h) < 0) {
		rc = cli_fail(ctx, "doctor");
		goto done;
	}
	if (json)
		print_json(&b, &h);
	else
		print_text(&b, path.ptr, &h);
	if ((rc = cli_write(ctx, "doctor", &b)) == EXIT_OK)
		rc = cli_finish_output(ctx, "doctor");
	if (rc == EXIT_OK && h.nproblems)
		rc = EXIT_FAIL;
done:
	tmk_tm_health_release(&h);
	tmk_tm_free(tm);
	tmk_buf_release(&b);
	tmk_buf_release(&path);
	return rc;
}
