/*
 * cli.h - what the tmkit commands share: the command table entry, the
 * global context, option parsing and the exit-code conventions.
 *
 * Adding a command: write cmd_NAME.c with `int cmd_NAME(cli_ctx *, int,
 * char **)` and its help text, declare both here, add a row to the table in
 * main.c and the file to src/cli/meson.build, and add golden tests under
 * tests/cli/.  The command parses its options, calls the library, prints.
 */
#ifndef TMK_CLI_H
#define TMK_CLI_H

#include <stdio.h>

#include "buf.h"
#include "langtag.h"

/* Exit codes: 0 success, 1 failure (bad input, I/O, findings), 2 usage. */
enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

typedef struct {
	const char *tm_path;    /* --tm, or NULL: see cli_tm_path() */
	long wait_ms;           /* --wait: how long a write waits for another writer (-1: as long as it takes) */
	int color;              /* colour on stdout */
	int color_err;          /* colour on stderr */
} cli_ctx;

typedef struct {
	const char *name;
	int (*fn)(cli_ctx *ctx, int argc, char **argv);
	const char *summary;    /* one line for `tmkit --help` */
	const char *help;       /* the whole of `tmkit help NAME` */
} cli_command;

/* ---- options -------------------------------------------------------------
 * A small getopt_long: "--name value", "--name=value", "-x value", "--" and
 * "-" (standard input) as a positional argument.  Messages are ours. */
typedef struct {
	const char *name;       /* long name without "--" */
	char short_name;        /* 0 when none */
	int has_arg;
	int id;                 /* > 0 */
} cli_option;

typedef struct {
	int argc;
	char **argv;
	int i;
	int no_more_opts;
	const char *cmd;        /* for messages */
} cli_parser;

void cli_parser_init(cli_parser *p, const char *cmd, int argc, char **argv);

/* Next option: its id (with *ARG set when it takes one), 0 for a positional
 * argument (in *ARG), -1 at the end, or EXIT_USAGE's negation (-2) after
 * printing a usage error. */
int cli_next(cli_parser *p, const cli_option *opts, const char **arg);

/* S as a whole number from LO to HI into *OUT; -1 when it is not one
 * (trailing text included: "5x" is not a number). */
int cli_parse_int(const char *s, int lo, int hi, int *out);

/* S as a BCP 47 language tag in canonical case into OUT (de_ch -> de-CH);
 * a usage error naming CMD and OPT (EXIT_USAGE) when it is not one. */
int cli_parse_lang(const char *cmd, const char *opt, const char *s, char out[TMK_LANGTAG_MAX]);

/* ---- messages ----------------------------------------------------------- */

/* "tmkit CMD: MESSAGE" and a pointer to the help on stderr; returns
 * EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The library's last error on stderr ("tmkit CMD: error: ..."); returns
 * EXIT_FAIL. */
int cli_fail(const cli_ctx *ctx, const char *cmd);

/* A warning on stderr. */
void cli_warn(const cli_ctx *ctx, const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Decide on colour for stdout and stderr: only on a terminal, never with
 * NO_COLOR set or TERM=dumb. */
void cli_color_init(cli_ctx *ctx);

/* Write B to stdout; EXIT_FAIL with a message if the write fails. */
int cli_write(const cli_ctx *ctx, const char *cmd, const tmk_buf *b);

/* Flush stdout and report a failed write (full disk, closed pipe). */
int cli_finish_output(const cli_ctx *ctx, const char *cmd);

/* Open the TM named by --tm, $TMKIT_TM or the default path; prints the
 * error and returns EXIT_FAIL when it cannot. */
struct tmk_tm;
int cli_open_tm(const cli_ctx *ctx, const char *cmd, unsigned flags, struct tmk_tm **out);

/* Is there a TM file where cli_open_tm() would look?  Its path into PATH
 * (for messages and file names).  For commands that work without a TM. */
int cli_tm_exists(const cli_ctx *ctx, tmk_buf *path);

/* Progress on stderr ("\rCMD: WHAT 45%"), only when stderr is a terminal. */
typedef struct {
	const char *cmd, *what;
	int on, last;
} cli_progress;

void cli_progress_init(cli_progress *p, const char *cmd, const char *what);
void cli_progress_update(void *p, size_t done, size_t total);
void cli_progress_end(cli_progress *p);

/* ---- commands ----------------------------------------------------------- */

int cmd_segment(cli_ctx *ctx, int argc, char **argv);
extern const char help_segment[];
int cmd_align(cli_ctx *ctx, int argc, char **argv);
extern const char help_align[];
int cmd_import(cli_ctx *ctx, int argc, char **argv);
extern const char help_import[];
int cmd_spell(cli_ctx *ctx, int argc, char **argv);
extern const char help_spell[];
int cmd_check(cli_ctx *ctx, int argc, char **argv);
extern const char help_check[];
int cmd_lookup(cli_ctx *ctx, int argc, char **argv);
extern const char help_lookup[];
int cmd_concordance(cli_ctx *ctx, int argc, char **argv);
extern const char help_concordance[];
int cmd_export(cli_ctx *ctx, int argc, char **argv);
extern const char help_export[];
int cmd_term(cli_ctx *ctx, int argc, char **argv);
extern const char help_term[];
int cmd_stats(cli_ctx *ctx, int argc, char **argv);
extern const char help_stats[];
int cmd_analyze(cli_ctx *ctx, int argc, char **argv);
extern const char help_analyze[];
int cmd_pretranslate(cli_ctx *ctx, int argc, char **argv);
extern const char help_pretranslate[];
int cmd_doctor(cli_ctx *ctx, int argc, char **argv);
extern const char help_doctor[];
int cmd_remove(cli_ctx *ctx, int argc, char **argv);
extern const char help_remove[];

#endif
