/*
 * term/term_cli.h - what the `tmkit term` subcommands share: their parsed
 * options (term_args, filled by cmd_term.c), the subcommands themselves
 * and the printing of concepts.  One file per group of subcommands.
 */
#ifndef TMK_TERM_CLI_H
#define TMK_TERM_CLI_H

#include "buf.h"
#include "cli.h"
#include "concord.h"
#include "term.h"
#include "tm.h"

#define MAX_ARGS 64

/* Everything the subcommands' options can say. */
typedef struct {
	cli_ctx *ctx;
	const char *sub;
	const char *args[MAX_ARGS];
	int nargs;
	const char *type, *status, *domain, *definition, *note, *source, *since, *from;
	const char *de, *en, *format, *output;
	const char *add_de[16], *add_en[16];
	int nadd_de, nadd_en, max, senses, examples, bom, json;
	int min_freq, top, accept, all, no_lexicon;
	double min_score;               /* extract --accept: the lowest score taken */
	int has_min_score;
} term_args;

/* The subcommands: edit.c (add, edit, remove, list), lookup.c, extract.c,
 * file.c (import, export).  Each returns an exit status. */
int term_add(term_args *a, tmk_tm *tm);
int term_edit(term_args *a, tmk_tm *tm);
int term_remove(term_args *a, tmk_tm *tm);
int term_list(term_args *a, tmk_tm *tm);
int term_lookup(term_args *a, tmk_tm *tm);
int term_extract(term_args *a, tmk_tm *tm);
int term_import(term_args *a, tmk_tm *tm);
int term_export(term_args *a, tmk_tm *tm);

/* --type and --status checked: 0, or the usage error's exit status. */
int check_filters(const term_args *a);

/* Concept C (HIT: how a lookup found it, or NULL) as a JSON object or a
 * text block, appended to B (print.c). */
void concept_json(tmk_buf *b, const tmk_concept *c, const tmk_term_hit *hit);
void concept_text(tmk_buf *b, const cli_ctx *ctx, const tmk_concept *c, const tmk_term_hit *hit);

/* S as a CSV field (RFC 4180), then a comma or, when LAST, CRLF. */
void csv_field(tmk_buf *b, const char *s, int last);

/* The place names (ICU's CLDR, iso-codes) Q[0..LEN) names, at most MAX,
 * appended to OUT; *N: how many (names.c).  A missing source is a warning. */
int term_places(term_args *a, tmk_buf *out, size_t *n, const char *q, size_t len, size_t max);

/* For a name nothing else knows (Q, in language LANG): the TM's spelling
 * of it in the other language, found in the examples EX, else a
 * transliteration proposal, appended to OUT; *N: 1 when there was one. */
int term_name_spelling(term_args *a, tmk_buf *out, size_t *n, const char *q, size_t len, const char *lang,
		       const tmk_concord_hit *ex, size_t nx);

#endif
