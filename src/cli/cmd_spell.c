/*
 * cmd_spell.c - `tmkit spell`: spell-check drafts (src/lib/spell.c) with
 * hunspell, the shipped word lists, the TM's glossary and a personal word
 * list; text, JSON Lines, or the ispell -a pipe protocol for editors.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "error.h"
#include "json.h"
#include "spell.h"
#include "text.h"
#include "tm.h"
#include "utf8.h"
#include "version.h"

const char help_spell[] =
	"usage: tmkit [--tm PATH] spell [--lang de|en] [--format text|json|ispell] [--suggest N]\n"
	"                   [--words FILE] [--all] FILE...|-\n"
	"       tmkit spell [--lang de|en] [--words FILE] --add WORD\n"
	"\n"
	"Spell-checks drafts with hunspell (de_DE from hunspell-de-de, en_US from\n"
	"hunspell-en-us), knowing besides: the domain's names and terms shipped with\n"
	"tmkit, every term of the TM's glossary, and your own word list (--words,\n"
	"default $XDG_CONFIG_HOME/tmkit/words; --add WORD appends to it).  URLs,\n"
	"e-mail addresses, hashtags, numbers, words with digits and acronyms of up\n"
	"to six capitals are skipped; German compounds of two known words pass.  A\n"
	"capitalised word that recurs or stands in quotation marks is likely a name:\n"
	"shown as such with --all, not counted as a misspelling.\n"
	"\n"
	"Output: FILE:LINE:COLUMN: word -> suggestions (the column in characters);\n"
	"--format json: file, line, column, word, suggestions, kind; --format ispell\n"
	"reads lines from standard input and answers in ispell's -a protocol ('&' and\n"
	"'#' lines, an empty line after each input line), for editors.  Exit status 1\n"
	"when there are misspellings.\n"
	"\n"
	"Options:\n"
	"  -l, --lang L      de (default) or en\n"
	"  --suggest N       suggestions per word (default 3; 0: none, fastest)\n"
	"  --all             also the likely names\n";

enum { OPT_LANG = 1, OPT_FORMAT, OPT_SUGGEST, OPT_WORDS, OPT_ADD, OPT_ALL };

static const cli_option options[] = {
	{ "lang", 'l', 1, OPT_LANG },
	{ "format", 'f', 1, OPT_FORMAT },
	{ "suggest", 0, 1, OPT_SUGGEST },
	{ "words", 0, 1, OPT_WORDS },
	{ "add", 0, 1, OPT_ADD },
	{ "all", 0, 0, OPT_ALL },
	{ NULL, 0, 0, 0 },
};

/* Add WORD to the list at PATH. */
static int add_word(const cli_ctx *ctx, const char *path, const char *word)
{
	int added;

	if (tmk_spell_list_add(path, word, &added) < 0)
		return tmk_error_code() == TMK_EINVAL ? cli_usage_error("spell", "--add: %s", tmk_error_last())
						      : cli_fail(ctx, "spell");
	fprintf(stderr, "tmkit spell: '%s' %s %s\n", word, added ? "added to" : "is already in", path);
	return EXIT_OK;
}

/* One file's misspellings in the chosen format; *BAD counts the errors. */
static int report(tmk_buf *b, tmk_speller *sp, const char *name, const char *text, size_t len, int json,
		  int suggest, int all, size_t *bad)
{
	tmk_misspelling *m;
	size_t n;

	if (tmk_spell_check(sp, &m, &n, text, len) < 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		char **sg = NULL;
		size_t ns = 0;
		if (m[i].kind == TMK_SPELL_NAME && !all)
			continue;
		*bad += m[i].kind == TMK_SPELL_ERROR;
		if (suggest > 0 && tmk_speller_suggest(sp, &sg, &ns, text + m[i].start, m[i].end - m[i].start,
						       (size_t)suggest) < 0) {
			free(m);
			return -1;
		}
		if (json) {
			tmk_buf_putc(b, '{');
			tmk_json_kv_str(b, 1, "file", name, strlen(name));
			tmk_buf_printf(b, ",\"line\":%zu,\"column\":%zu", m[i].line, m[i].column);
			tmk_json_kv_str(b, 0, "word", text + m[i].start, m[i].end - m[i].start);
			tmk_buf_puts(b, ",\"suggestions\":[");
			for (size_t k = 0; k < ns; k++) {
				if (k)
					tmk_buf_putc(b, ',');
				tmk_json_str(b, sg[k], strlen(sg[k]));
			}
			tmk_buf_puts(b, "]");
			tmk_json_kv_str(b, 0, "kind", m[i].kind == TMK_SPELL_NAME ? "name" : "misspelling",
					m[i].kind == TMK_SPELL_NAME ? 4 : 11);
			tmk_buf_puts(b, "}\n");
		} else {
			tmk_buf_printf(b, "%s:%zu:%zu: %.*s", name, m[i].line, m[i].column, (int)(m[i].end - m[i].start),
				       text + m[i].start);
			for (size_t k = 0; k < ns; k++)
				tmk_buf_printf(b, "%s%s", k ? ", " : " -> ", sg[k]);
			if (m[i].kind == TMK_SPELL_NAME)
				tmk_buf_puts(b, "  (a name?)");
			tmk_buf_putc(b, '\n');
		}
		tmk_suggestions_free(sg, ns);
	}
	free(m);
	return 0;
}

/* The ispell -a protocol on standard input: a banner, then for each line
 * its misspellings ("& word count offset: s1, s2" or "# word offset",
 * offsets 0-based in characters) and an empty line.  "*word" and "@word"
 * accept a word for the session; "^line" checks the line after the caret;
 * the mode commands (! % + - ~ #) are taken and ignored. */
static int ispell(const cli_ctx *ctx, tmk_speller *sp, int suggest)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t got;

	printf("@(#) International Ispell Version 3.1.20 (but really tmkit %s)\n", TMKIT_VERSION);
	fflush(stdout);
	while ((got = getline(&line, &cap, stdin)) >= 0) {
		size_t len = (size_t)got, bad;
		char *text = line;
		tmk_misspelling *m;
		size_t n;
		while (len && (text[len - 1] == '\n' || text[len - 1] == '\r'))
			text[--len] = '\0';
		if (len && (text[0] == '*' || text[0] == '@')) {
			tmk_speller_add(sp, text + 1, NULL);
			continue;
		}
		if (len && strchr("!%+-~#", text[0]))
			continue;
		if (len && text[0] == '^')
			text++, len--;
		if (!tmk_utf8_valid(text, len, &bad)) {
			printf("\n");
			continue;
		}
		if (tmk_spell_check(sp, &m, &n, text, len) < 0) {
			free(line);
			return cli_fail(ctx, "spell");
		}
		for (size_t i = 0; i < n; i++) {
			char **sg = NULL;
			size_t ns = 0;
			if (m[i].kind == TMK_SPELL_NAME)
				continue;
			if (suggest > 0)
				tmk_speller_suggest(sp, &sg, &ns, text + m[i].start, m[i].end - m[i].start, (size_t)suggest);
			if (ns) {
				printf("& %.*s %zu %zu:", (int)(m[i].end - m[i].start), text + m[i].start, ns, m[i].column - 1);
				for (size_t k = 0; k < ns; k++)
					printf("%s %s", k ? "," : "", sg[k]);
				printf("\n");
			} else {
				printf("# %.*s %zu\n", (int)(m[i].end - m[i].start), text + m[i].start, m[i].column - 1);
			}
			tmk_suggestions_free(sg, ns);
		}
		free(m);
		printf("\n");
		fflush(stdout);
	}
	free(line);
	return EXIT_OK;
}

int cmd_spell(cli_ctx *ctx, int argc, char **argv)
{
	const char *arg, *lang = "de", *format = "text", *words = NULL, *add = NULL, *files[256];
	int nfiles = 0, id, suggest = 3, all = 0, rc = EXIT_OK, have_list;
	size_t bad = 0;
	tmk_buf path = TMK_BUF_INIT, out = TMK_BUF_INIT;
	tmk_speller *sp = NULL;
	cli_parser p;

	cli_parser_init(&p, "spell", argc, argv);
	while ((id = cli_next(&p, options, &arg)) != -1) {
		switch (id) {
		case 0:
			if (nfiles == 256)
				return cli_usage_error("spell", "too many files (256 at most)");
			files[nfiles++] = arg;
			break;
		case OPT_LANG: lang = arg; break;
		case OPT_FORMAT: format = arg; break;
		case OPT_WORDS: words = arg; break;
		case OPT_ADD: add = arg; break;
		case OPT_ALL: all = 1; break;
		case OPT_SUGGEST:
			if (cli_parse_int(arg, 0, 100, &suggest) < 0)
				return cli_usage_error("spell", "--suggest wants a number from 0 to 100, not '%s'", arg);
			break;
		default:
			return -id;
		}
	}
	if (strcmp(lang, "de") && strcmp(lang, "en"))
		return cli_usage_error("spell", "--lang wants de or en, not '%s'", lang);
	if (strcmp(format, "text") && strcmp(format, "json") && strcmp(format, "ispell"))
		return cli_usage_error("spell", "unknown format '%s' (text, json or ispell)", format);
	/* the personal list: --words, else its usual place, else none */
	have_list = !words ? tmk_spell_words_path(&path) : tmk_buf_puts(&path, words) < 0 ? TMK_ENOMEM : 1;
	if (have_list < 0) {
		tmk_buf_release(&path);
		return cli_fail(ctx, "spell");
	}
	if (add) {
		if (nfiles)
			rc = cli_usage_error("spell", "--add takes no files");
		else if (!have_list)
			rc = cli_usage_error("spell", "--add: no place for the word list: give --words FILE, "
					     "or set XDG_CONFIG_HOME or HOME");
		else
			rc = add_word(ctx, path.ptr, add);
		tmk_buf_release(&path);
		return rc;
	}
	if (!nfiles && strcmp(format, "ispell")) {
		tmk_buf_release(&path);
		return cli_usage_error("spell", "give the files to check ('-' for standard input)");
	}
	if (tmk_speller_new(&sp, lang, getenv("TMKIT_HUNSPELL_DIR")) < 0 || tmk_speller_add_shipped(sp) < 0 ||
	    (have_list && tmk_speller_add_list(sp, path.ptr, words == NULL) < 0)) {
		rc = cli_fail(ctx, "spell");
		goto done;
	}
	{       /* the glossary's terms, when there is a TM */
		tmk_buf tp = TMK_BUF_INIT;
		tmk_tm *tm = NULL;
		if (cli_tm_exists(ctx, &tp) &&
		    (tmk_tm_open(&tm, tp.ptr, TMK_TM_READONLY) < 0 || tmk_speller_add_glossary(sp, tm) < 0))
			cli_warn(ctx, "spell", "glossary not used: %s", tmk_error_last());
		tmk_tm_free(tm);
		tmk_buf_release(&tp);
	}
	if (!strcmp(format, "ispell")) {
		rc = ispell(ctx, sp, suggest);
		goto done;
	}
	for (int i = 0; i < nfiles && rc == EXIT_OK; i++) {
		tmk_text *t;
		const char *name = strcmp(files[i], "-") ? files[i] : "<stdin>";
		if (tmk_text_load(&t, files[i]) < 0) {
			rc = cli_fail(ctx, "spell");
			break;
		}
		if (t->len == 0) {      /* nothing checked is no "all spelled right" */
			tmk_error_set(TMK_EINPUT, "%s: empty file", name);
			tmk_text_free(t);
			rc = cli_fail(ctx, "spell");
			break;
		}
		if (report(&out, sp, name, t->data, t->len, !strcmp(format, "json"), suggest, all, &bad) < 0)
			rc = cli_fail(ctx, "spell");
		tmk_text_free(t);
		if (rc == EXIT_OK && (rc = cli_write(ctx, "spell", &out)) == EXIT_OK)
			tmk_buf_clear(&out);
	}
	if (rc == EXIT_OK)
		rc = cli_finish_output(ctx, "spell");
	if (rc == EXIT_OK && bad)
		rc = EXIT_FAIL;
done:
	tmk_speller_free(sp);
	tmk_buf_release(&path);
	tmk_buf_release(&out);
	return rc;
}
