/*
 * cmd_remove.c - `tmkit remove`: undo an import (or several, or single
 * units).  Shows what will go, asks on a terminal, deletes in one
 * transaction (remove.c) and reports what was deleted.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cli.h"
#include "error.h"
#include "json.h"
#include "remove.h"
#include "tm.h"

const char help_remove[] =
	"usage: tmkit [--tm PATH] remove [--origin FILE] [--since DATE] [--id N,...]...\n"
	"                         [--dry-run | --yes] [--format text|json]\n"
	"\n"
	"Undo an import: delete the units a file brought, with their notes,\n"
	"provenance and word-index entries, in one transaction.  A unit that another\n"
	"file also brought stays and loses only this file's provenance, so importing\n"
	"the file again gives the TM as it was.  The options combine (all must hold);\n"
	"give at least one.  Nothing else in the TM changes.\n"
	"\n"
	"Options:\n"
	"      --origin FILE  the units imported from FILE, named as on import (tmkit\n"
	"                     stats lists the names); its import record goes too\n"
	"      --since DATE   every import made on or after DATE: YYYY-MM-DD (UTC) or an\n"
	"                     ISO 8601 time with a zone, such as 2024-03-15T10:30:00Z\n"
	"      --id N         exactly these units (repeat it, or N,N,...); lookup and\n"
	"                     concordance show the ids with --format json\n"
	"  -n, --dry-run      show what would be deleted; delete nothing\n"
	"  -y, --yes          do not ask (needed when standard input is not a terminal)\n"
	"  -f, --format F     text (default) or json: one object with the counts\n"
	"\n"
	"It counts first, shows what will be deleted and asks 'Delete? [y/N]'.\n"
	"Exit status 1 when nothing matches, FILE is no import's name (close names\n"
	"are listed), or the answer is not yes.\n";

enum { OPT_ORIGIN = 1, OPT_SINCE, OPT_ID, OPT_DRY_RUN, OPT_YES, OPT_FORMAT };

static const cli_option options[] = {
	{ "origin", 0, 1, OPT_ORIGIN },
	{ "since", 0, 1, OPT_SINCE },
	{ "id", 0, 1, OPT_ID },
	{ "dry-run", 'n', 0, OPT_DRY_RUN },
	{ "yes", 'y', 0, OPT_YES },
	{ "format", 'f', 1, OPT_FORMAT },
	{ NULL, 0, 0, 0 },
};

typedef struct {
	tmk_remove_sel sel;
	int64_t *ids;
	size_t nids, cap;
	char since[32];
	int dry_run, yes, json;
	tmk_buf asked;          /* the selecting options as given, for messages */
} remove_args;

/* Add the unit ids in S ("12" or "3,5,9") to A; -1 if S is not such a list. */
static int add_ids(remove_args *a, const char *s)
{
	for (;;) {
		char *end;
		long long v;

		errno = 0;
		v = strtoll(s, &end, 10);
		if (*s < '0' || *s > '9' || errno || v < 1 || (*end && *end != ','))
			return -1;
		if (a->nids == a->cap) {
			size_t cap = a->cap ? a->cap * 2 : 16;
			int64_t *ids = realloc(a->ids, cap * sizeof(*ids));
			if (!ids)
				return -1;
			a->ids = ids;
			a->cap = cap;
		}
		a->ids[a->nids++] = v;
		if (!*end)
			return 0;
		s = end + 1;
	}
}

/* Parse the options into A: EXIT_OK, or the usage error's status. */
static int parse_args(remove_args *a, int argc, char **argv)
{
	const char *arg;
	cli_parser p;
	int id;

	cli_parser_init(&p, "remove", argc, argv);
	while ((id = cli_next(&p, options, &arg)) != -1) {
		switch (id) {
		case 0:
			return cli_usage_error("remove", "unexpected argument '%s' (to remove a file's"
					       " units: --origin '%s')", arg, arg);
		case OPT_ORIGIN:
			if (a->sel.origin)
				return cli_usage_error("remove", "give --origin once (remove one file at a time)");
			if (!*arg)
				return cli_usage_error("remove", "--origin wants a file name as imported");
			a->sel.origin = arg;
			tmk_buf_printf(&a->asked, " --origin %s", arg);
			break;
		case OPT_SINCE:
			if (tmk_remove_parse_since(a->since, arg) < 0)
				return cli_usage_error("remove", "--since: %s", tmk_error_last());
			a->sel.since = a->since;
			tmk_buf_printf(&a->asked, " --since %s", arg);
			break;
		case OPT_ID:
			if (add_ids(a, arg) < 0)
				return cli_usage_error("remove", "--id wants unit ids like 12 or 3,5,9, not '%s'", arg);
			tmk_buf_printf(&a->asked, " --id %s", arg);
			break;
		case OPT_DRY_RUN: a->dry_run = 1; break;
		case OPT_YES: a->yes = 1; break;
		case OPT_FORMAT:
			if (strcmp(arg, "json") && strcmp(arg, "text"))
				return cli_usage_error("remove", "unknown format '%s' (text or json)", arg);
			a->json = !strcmp(arg, "json");
			break;
		default:
			return -id;
		}
	}
	if (!a->sel.origin && !a->sel.since && !a->nids)
		return cli_usage_error("remove", "say what to remove: --origin FILE, --since DATE or --id N");
	a->sel.ids = a->ids;
	a->sel.nids = a->nids;
	return EXIT_OK;
}

static const char *plural(long long n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/* The words for a plan shown before (will), instead of (would) or after
 * (did) the deletion. */
typedef struct {
	const char *deletes, *stays, *stay, *removes;
} tense;

static const tense would = { "would delete", "would stay", "would stay", "would remove" };
static const tense will = { "will delete", "will stay", "will stay", "will remove" };
static const tense did = { "deleted", "kept", "kept", "removed" };

/* What P deletes, in words, into B. */
static void put_plan(tmk_buf *b, const tmk_remove_plan *p, const tense *t, int color)
{
	tmk_buf_printf(b, "%s%s %lld %s and %lld provenance %s", color ? "\033[1m" : "", t->deletes,
		       p->units, plural(p->units, "unit", "units"), p->records,
		       plural(p->records, "record", "records"));
	if (p->norigins == 1)
		tmk_buf_printf(b, " from %s (%s, imported %s)", p->origins[0].name, p->origins[0].format,
			       p->origins[0].imported_at);
	else if (p->norigins > 1)
		tmk_buf_printf(b, " from %zu imports:", p->norigins);
	tmk_buf_puts(b, color ? "\033[0m\n" : "\n");
	for (size_t i = 0; p->norigins > 1 && i < p->norigins; i++)
		tmk_buf_printf(b, "  %s (%s, imported %s): %lld %s\n", p->origins[i].name,
			       p->origins[i].format, p->origins[i].imported_at, p->origins[i].records,
			       plural(p->origins[i].records, "record", "records"));
	if (p->kept)
		tmk_buf_printf(b, "%lld %s %s: another file also has %s\n", p->kept,
			       plural(p->kept, "unit", "units"), plural(p->kept, t->stays, t->stay),
			       plural(p->kept, "it", "them"));
	if (p->origins_removed == 1 && p->norigins == 1)
		tmk_buf_printf(b, "%s the import record of %s too\n", t->removes, p->origins[0].name);
	else if (p->origins_removed)
		tmk_buf_printf(b, "%s %lld import %s too\n", t->removes, p->origins_removed,
			       plural(p->origins_removed, "record", "records"));
}

/* P as one JSON object into B. */
static void put_json(tmk_buf *b, const tmk_remove_plan *p, int dry_run, int deleted)
{
	tmk_buf_printf(b, "{\"dry_run\":%s,\"deleted\":%s", dry_run ? "true" : "false",
		       deleted ? "true" : "false");
	tmk_json_kv_num(b, 0, "units", p->units);
	tmk_json_kv_num(b, 0, "kept", p->kept);
	tmk_json_kv_num(b, 0, "records", p->records);
	tmk_json_kv_num(b, 0, "origins_removed", p->origins_removed);
	tmk_buf_puts(b, ",\"origins\":[");
	for (size_t i = 0; i < p->norigins; i++) {
		const tmk_remove_origin *o = &p->origins[i];
		tmk_buf_puts(b, i ? ",{" : "{");
		tmk_json_kv_str(b, 1, "name", o->name, strlen(o->name));
		tmk_json_kv_str(b, 0, "format", o->format, strlen(o->format));
		tmk_json_kv_str(b, 0, "imported_at", o->imported_at, strlen(o->imported_at));
		tmk_json_kv_num(b, 0, "records", o->records);
		tmk_buf_printf(b, ",\"removed\":%s}", o->removed ? "true" : "false");
	}
	tmk_buf_puts(b, "]}\n");
}

/* Print P as the outcome (text with tense T, or JSON) to stdout. */
static int show(const cli_ctx *ctx, const remove_args *a, const tmk_remove_plan *p, const tense *t,
		int deleted)
{
	tmk_buf b = TMK_BUF_INIT;
	int rc;

	if (a->json)
		put_json(&b, p, a->dry_run, deleted);
	else
		put_plan(&b, p, t, ctx->color);
	rc = cli_write(ctx, "remove", &b);
	tmk_buf_release(&b);
	return rc == EXIT_OK ? cli_finish_output(ctx, "remove") : rc;
}

/* The library's error, with the close names when an origin was not found. */
static int fail(const cli_ctx *ctx, const tmk_remove_plan *p)
{
	cli_fail(ctx, "remove");
	if (p->nsimilar)
		fprintf(stderr, "close names:\n");
	for (size_t i = 0; i < p->nsimilar; i++)
		fprintf(stderr, "  %s\n", p->similar[i]);
	return EXIT_FAIL;
}

/* Nothing matched the options: say so (never a silent empty result). */
static int nothing(const cli_ctx *ctx, const remove_args *a, const tmk_remove_plan *p)
{
	tmk_error_set(TMK_ENOTFOUND, "nothing to remove: nothing in the TM matches%s",
		      a->asked.ptr ? a->asked.ptr : "");
	if (a->json)
		show(ctx, a, p, &would, 0);
	return cli_fail(ctx, "remove");
}

/* Ask on the terminal whether to delete; 1 for yes. */
static int confirm(const cli_ctx *ctx)
{
	char line[64];

	fprintf(stderr, "%sDelete? [y/N]%s ", ctx->color_err ? "\033[1m" : "",
		ctx->color_err ? "\033[0m" : "");
	fflush(stderr);
	if (!fgets(line, sizeof(line), stdin))
		return 0;
	line[strcspn(line, "\r\n")] = '\0';
	return !strcasecmp(line, "y") || !strcasecmp(line, "yes");
}

/* Count, show, ask (or refuse off a terminal), then delete what was
 * confirmed.  Returns the exit status. */
static int plan_and_ask(const cli_ctx *ctx, tmk_tm *tm, remove_args *a)
{
	tmk_remove_plan plan, done = { 0 };
	tmk_buf b = TMK_BUF_INIT;
	int rc;

	if (tmk_remove_plan_get(tm, &plan, &a->sel) < 0)
		rc = fail(ctx, &plan);
	else if (tmk_remove_plan_empty(&plan))
		rc = nothing(ctx, a, &plan);
	else if (a->dry_run)
		rc = show(ctx, a, &plan, &would, 0);
	else if (!isatty(STDIN_FILENO)) {
		show(ctx, a, &plan, &will, 0);
		tmk_error_set(TMK_EINVAL, "not deleting without confirmation: standard input is not"
			      " a terminal; add --yes to delete (or --dry-run to count only)");
		rc = cli_fail(ctx, "remove");
	} else {
		/* JSON keeps stdout for the outcome: the question goes to stderr */
		put_plan(&b, &plan, &will, a->json ? ctx->color_err : ctx->color);
		fwrite(b.ptr, 1, b.len, a->json ? stderr : stdout);
		fflush(stdout);
		if (!confirm(ctx)) {
			fprintf(stderr, "tmkit remove: nothing deleted\n");
			rc = EXIT_FAIL;
		} else if (tmk_remove_apply(tm, &done, &a->sel, &plan) < 0) {
			rc = fail(ctx, &done);
		} else {
			rc = show(ctx, a, &done, &did, 1);
		}
	}
	tmk_buf_release(&b);
	tmk_remove_plan_release(&plan);
	tmk_remove_plan_release(&done);
	return rc;
}

/* --yes: count and delete under one lock, then report. */
static int remove_now(const cli_ctx *ctx, tmk_tm *tm, remove_args *a)
{
	tmk_remove_plan done;
	int rc;

	if (tmk_remove_apply(tm, &done, &a->sel, NULL) < 0)
		rc = fail(ctx, &done);
	else if (tmk_remove_plan_empty(&done))
		rc = nothing(ctx, a, &done);
	else
		rc = show(ctx, a, &done, &did, 1);
	tmk_remove_plan_release(&done);
	return rc;
}

int cmd_remove(cli_ctx *ctx, int argc, char **argv)
{
	remove_args a = { .asked = TMK_BUF_INIT };
	tmk_buf path = TMK_BUF_INIT;
	tmk_tm *tm = NULL;
	int rc;

	if ((rc = parse_args(&a, argc, argv)) != EXIT_OK)
		goto done;
	/* a missing TM has nothing to remove: do not create one (without a
	 * path at all, cli_open_tm says why) */
	if (!cli_tm_exists(ctx, &path) && path.ptr) {
		tmk_error_set(TMK_EIO, "no TM at '%s' (import something first)", path.ptr ? path.ptr : "");
		rc = cli_fail(ctx, "remove");
		goto done;
	}
	if ((rc = cli_open_tm(ctx, "remove", 0, &tm)) != EXIT_OK)
		goto done;
	rc = a.yes && !a.dry_run ? remove_now(ctx, tm, &a) : plan_and_ask(ctx, tm, &a);
done:
	tmk_tm_free(tm);
	tmk_buf_release(&path);
	tmk_buf_release(&a.asked);
	free(a.ids);
	return rc;
}
