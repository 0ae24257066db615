/*
 * main.c - the tmkit command line: global options and the command table.
 *
 *   tmkit [--tm PATH] COMMAND [OPTIONS] [ARGS]
 *
 * Everything a command does lives in the library; the cmd_*.c files parse
 * options and print.  See cli.h for how to add a command.
 */
#include <stdio.h>
#include <string.h>

#include <sqlite3.h>
#include <unicode/uversion.h>

#include "cli.h"
#include "version.h"

static const cli_command commands[] = {
	{ "segment", cmd_segment, "split German or English text into sentences", help_segment },
	{ "align", cmd_align, "pair the sentences of a German text and its translation", help_align },
	{ "import", cmd_import, "import TMX, TSV, CSV, PO or MO files into the TM", help_import },
	{ "lookup", cmd_lookup, "exact and fuzzy matches from the TM", help_lookup },
	{ "analyze", cmd_analyze, "how much of an XLIFF job the TM has: repetitions, 100 %, fuzzy bands", help_analyze },
	{ "pretranslate", cmd_pretranslate, "fill an XLIFF job's targets from the TM", help_pretranslate },
	{ "concordance", cmd_concordance, "a word or phrase in context, with its translation", help_concordance },
	{ "export", cmd_export, "write the TM as TMX, CSV or TSV", help_export },
	{ "remove", cmd_remove, "undo an import: delete the units a file brought", help_remove },
	{ "term", cmd_term, "the glossary: add, look up, import, export names and terms", help_term },
	{ "check", cmd_check, "check translations: terms, numbers, consistency, punctuation", help_check },
	{ "spell", cmd_spell, "spell-check German or English drafts, names and domain terms known", help_spell },
	{ "stats", cmd_stats, "what the TM holds", help_stats },
	{ "doctor", cmd_doctor, "check the TM and say how to recover a damaged one", help_doctor },
};

#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static const char main_usage[] =
	"usage: tmkit [--tm PATH] [--wait SECS] COMMAND [OPTIONS] [ARGS]\n"
	"       tmkit help COMMAND | tmkit COMMAND --help\n"
	"       tmkit --version\n";

static const cli_command *find_command(const char *name)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

static int print_main_help(void)
{
	printf("tmkit - translation memory toolkit for German and English\n\n%s\nCommands:\n", main_usage);
	for (size_t i = 0; i < NCOMMANDS; i++)
		printf("  %-12s %s\n", commands[i].name, commands[i].summary);
	printf("\nGlobal options:\n"
	       "  --tm PATH    the translation memory to use (default: $TMKIT_TM, else\n"
	       "               $XDG_DATA_HOME/tmkit/default.tm)\n"
	       "  --wait SECS  give up after SECS when another process is writing to the\n"
	       "               TM (default: wait as long as it writes)\n"
	       "  --help       this help;  --version  the version\n\n"
	       "Output is text for people; most commands take --format json for JSON Lines.\n"
	       "Colour only on a terminal, never with NO_COLOR set.\n"
	       "Exit status: 0 success, 1 failure or findings, 2 wrong usage.\n");
	return EXIT_OK;
}

static int print_version(void)
{
	UVersionInfo v;
	char icu[U_MAX_VERSION_STRING_LENGTH];

	u_getVersion(v);
	u_versionToString(v, icu);
	printf("tmkit %s (ICU %s, SQLite %s)\n", TMKIT_VERSION, icu, sqlite3_libversion());
	return EXIT_OK;
}

/* `tmkit help [COMMAND]` */
static int cmd_help(int argc, char **argv)
{
	const cli_command *c;

	if (argc < 2)
		return print_main_help();
	if (argc > 2)
		return cli_usage_error(NULL, "help takes one command name");
	c = find_command(argv[1]);
	if (!c)
		return cli_usage_error(NULL, "'%s' is not a tmkit command", argv[1]);
	fputs(c->help, stdout);
	return EXIT_OK;
}

int main(int argc, char **argv)
{
	cli_ctx ctx = { .wait_ms = -1 };
	const cli_command *c;
	int i = 1, rc;

	cli_color_init(&ctx);
	while (i < argc && argv[i][0] == '-') {
		const char *a = argv[i];
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)
			return print_main_help();
		if (strcmp(a, "--version") == 0)
			return print_version();
		if (strcmp(a, "--tm") == 0) {
			if (i + 1 >= argc)
				return cli_usage_error(NULL, "option '--tm' needs a path");
			ctx.tm_path = argv[i + 1];
			i += 2;
		} else if (strncmp(a, "--tm=", 5) == 0) {
			ctx.tm_path = a + 5;
			i++;
		} else if (strcmp(a, "--wait") == 0 || strncmp(a, "--wait=", 7) == 0) {
			const char *v = a[6] == '=' ? a + 7 : i + 1 < argc ? argv[i + 1] : NULL;
			int secs;
			if (!v || cli_parse_int(v, 0, 86400 * 365, &secs) < 0)
				return cli_usage_error(NULL, "--wait wants a number of seconds, not '%s'", v ? v : "");
			ctx.wait_ms = secs * 1000L;
			i += a[6] == '=' ? 1 : 2;
		} else {
			return cli_usage_error(NULL, "unknown option '%s'", a);
		}
	}
	if (i >= argc) {
		fputs(main_usage, stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[i], "help") == 0)
		return cmd_help(argc - i, argv + i);
	c = find_command(argv[i]);
	if (!c)
		return cli_usage_error(NULL, "'%s' is not a tmkit command", argv[i]);
	for (int k = i + 1; k < argc && strcmp(argv[k], "--") != 0; k++)
		if (strcmp(argv[k], "--help") == 0 || strcmp(argv[k], "-h") == 0) {
			fputs(c->help, stdout);
			return EXIT_OK;
		}
	rc = c->fn(&ctx, argc - i, argv + i);
	return rc;
}
