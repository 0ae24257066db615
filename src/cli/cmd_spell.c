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
#include "formats/xliff.h"
#include "import.h"
#include "json.h"
#include "langtag.h"
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
	"An XLIFF job (1.2, 2.x, SDLXLIFF, MQXLIFF) is checked in its target\n"
	"segments, in the target language of the file unless --lang is given;\n"
	"inline codes that mark up text join the words around them, the others\n"
	"(placeholders, breaks) part them.\n"
	"\n"
	"Output: FILE:LINE:COLUMN: word -> suggestions (the column in characters;\n"
	"for XLIFF the line of the target and the column in the segment's text,\n"
	"and the segment's id in parentheses); --format json: file, line, column,\n"
	"segment (XLIFF), word, suggestions, kind; --format ispell\n"
	"reads lines from standard input and answers in ispell's -a protocol ('&' and\n"
	"'#' lines, an empty line after each input line), for editors.  Exit status 1\n"
	"when there are misspellings.\n"
	"\n"
	"Options:\n"
	"  -l, --lang L      de (default; an XLIFF's target language) or en\n"
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

/* How the misspellings are reported. */
typedef struct {
	int json, suggest, all;
	size_t bad;             /* misspellings (names aside) */
} report_opts;

/* The misspellings of TEXT (from file NAME, its first line LINE0; of
 * segment SEG when not NULL) in the chosen format. */
static int report(tmk_buf *b, tmk_speller *sp, const char *name, const char *text, size_t len,
		  report_opts *o, const char *seg, size_t line0)
{
	int json = o->json, suggest = o->suggest, all = o->all;
	size_t *bad = &o->bad;
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
			tmk_buf_printf(b, ",\"line\":%zu,\"column\":%zu", line0 + m[i].line - 1, m[i].column);
			if (seg)
				tmk_json_kv_str(b, 0, "segment", seg, strlen(seg));
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
			tmk_buf_printf(b, "%s:%zu:%zu: %.*s", name, line0 + m[i].line - 1, m[i].column,
				       (int)(m[i].end - m[i].start), text + m[i].start);
			for (size_t k = 0; k < ns; k++)
				tmk_buf_printf(b, "%s%s", k ? ", " : " -> ", sg[k]);
			if (m[i].kind == TMK_SPELL_NAME)
				tmk_buf_puts(b, "  (a name?)");
			if (seg)
				tmk_buf_printf(b, "  (segment %s)", seg);
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

/* The TM's most frequent words a near miss counts as a typo of (bounded:
 * the deletion index holds about ten entries a word). */
#define SPELL_TM_WORDS 20000

/* The spellers of a run, made when first needed: de and en. */
typedef struct {
	const cli_ctx *ctx;
	const char *list;       /* the personal word list, or NULL */
	int list_is_default;
	tmk_speller *sp[2];
	int noted;              /* the place names' note was printed */
} spellers;

/* The speller for LANG ("de" or "en") into *OUT: made, when first asked
 * for, with the shipped word lists, the personal one, the TM's glossary
 * (when there is a TM) and the place names. */
static int speller_for(spellers *s, const char *lang, tmk_speller **out)
{
	int k = !strcmp(lang, "en");
	const char *note;

	if (!s->sp[k]) {
		tmk_buf tp = TMK_BUF_INIT;
		tmk_tm *tm = NULL;
		if (tmk_speller_new(&s->sp[k], lang, getenv("TMKIT_HUNSPELL_DIR")) < 0 ||
		    tmk_speller_add_shipped(s->sp[k]) < 0 ||
		    (s->list && tmk_speller_add_list(s->sp[k], s->list, s->list_is_default) < 0)) {
			tmk_speller_free(s->sp[k]);
			s->sp[k] = NULL;
			return tmk_error_code() < 0 ? tmk_error_code() : TMK_ERROR;
		}
		if (cli_tm_exists(s->ctx, &tp) &&
		    (tmk_tm_open(&tm, tp.ptr, TMK_TM_READONLY) < 0 || tmk_speller_add_glossary(s->sp[k], tm) < 0 ||
		     tmk_speller_add_tm_words(s->sp[k], tm, SPELL_TM_WORDS) < 0))
			cli_warn(s->ctx, "spell", "glossary and TM words not used: %s", tmk_error_last());
		if (tmk_speller_add_places(s->sp[k], &note) < 0)
			cli_warn(s->ctx, "spell", "place names not used: %s", tmk_error_last());
		else if (note && !s->noted++)
			cli_warn(s->ctx, "spell", "%s", note);
		tmk_tm_free(tm);
		tmk_buf_release(&tp);
	}
	*out = s->sp[k];
	return 0;
}

/* An XLIFF job being checked: its target segments. */
typedef struct {
	spellers *sps;
	const char *name;
	const char *lang;       /* --lang, or NULL: the file's target language */
	report_opts *o;
	tmk_buf *out;
	tmk_buf text;
	size_t checked;         /* segments with text */
} xliff_spell;

static int spell_xliff_unit(void *ud, const tmk_xliff_unit *u)
{
	xliff_spell *x = ud;
	const char *lang = x->lang, *t = u->file->tgt_lang;
	tmk_speller *sp;
	int rc;

	if (!u->translate)
		return 0;
	if (!lang && (tmk_langtag_same_lang(t, "de") || tmk_langtag_same_lang(t, "en")))
		lang = tmk_langtag_same_lang(t, "de") ? "de" : "en";
	if (!lang)
		return tmk_error_set(TMK_EINPUT, "%s: the targets are in %s%s%s: tmkit spell checks German and "
				     "English (--lang de or en checks them as one of those)", x->name,
				     t[0] ? "'" : "", t[0] ? t : "no language named in the file", t[0] ? "'" : "");
	if ((rc = speller_for(x->sps, lang, &sp)) < 0)
		return rc;
	for (size_t i = 0; i < u->nsegs; i++) {
		const tmk_xliff_segment *s = &u->segs[i];
		if (!s->has_target)
			continue;
		tmk_buf_clear(&x->text);
		if (tmk_xliff_reading_text(&x->text, &s->target, s->codes, s->ncodes) < 0)
			return TMK_ENOMEM;
		if (!x->text.len)
			continue;
		x->checked++;
		if (report(x->out, sp, x->name, x->text.ptr, x->text.len, x->o, s->key, (size_t)s->target.line) < 0)
			return tmk_error_code() < 0 ? tmk_error_code() : TMK_ERROR;
	}
	return 0;
}

/* The target segments of the XLIFF job PATH; nothing to check is an
 * error, as an empty file is. */
static int spell_xliff(spellers *sps, const char *path, const char *lang, report_opts *o, tmk_buf *out)
{
	xliff_spell x = { sps, path, lang, o, out, TMK_BUF_INIT, 0 };
	tmk_xliff_reader r = { spell_xliff_unit, NULL, &x, "" };
	int rc = tmk_xliff_read(&r, path);

	tmk_buf_release(&x.text);
	if (rc == 0 && !x.checked)
		rc = tmk_error_set(TMK_EINPUT, "%s: no target segment with text to check", path);
	return rc;
}

/* A text file (or standard input). */
static int spell_text(spellers *sps, const char *path, const char *lang, report_opts *o, tmk_buf *out)
{
	const char *name = strcmp(path, "-") ? path : "<stdin>";
	tmk_speller *sp;
	tmk_text *t;
	int rc;

	if ((rc = speller_for(sps, lang, &sp)) < 0 || (rc = tmk_text_load(&t, path)) < 0)
		return rc;
	if (t->len == 0)        /* nothing checked is no "all spelled right" */
		rc = tmk_error_set(TMK_EINPUT, "%s: empty file", name);
	else if (report(out, sp, name, t->data, t->len, o, NULL, 1) < 0)
		rc = TMK_ERROR;
	tmk_text_free(t);
	return rc;
}

int cmd_spell(cli_ctx *ctx, int argc, char **argv)
{
	const char *arg, *lang = NULL, *format = "text", *words = NULL, *add = NULL, *files[256];
	int nfiles = 0, id, suggest = 3, all = 0, rc = EXIT_OK, have_list;
	tmk_buf path = TMK_BUF_INIT, out = TMK_BUF_INIT;
	spellers sps = { ctx, NULL, 0, { NULL, NULL }, 0 };
	report_opts ro;
	tmk_speller *sp;
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
	if (lang && strcmp(lang, "de") && strcmp(lang, "en"))
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
	sps.list = have_list ? path.ptr : NULL;
	sps.list_is_default = words == NULL;
	if (!strcmp(format, "ispell")) {
		rc = speller_for(&sps, lang ? lang : "de", &sp) < 0 ? cli_fail(ctx, "spell") : ispell(ctx, sp, suggest);
		goto done;
	}
	ro = (report_opts){ !strcmp(format, "json"), suggest, all, 0 };
	for (int i = 0; i < nfiles && rc == EXIT_OK; i++) {
		int xliff = strcmp(files[i], "-") && tmk_format_sniff(files[i]) == TMK_FMT_XLIFF;
		if ((xliff ? spell_xliff(&sps, files[i], lang, &ro, &out) :
		     spell_text(&sps, files[i], lang ? lang : "de", &ro, &out)) < 0)
			rc = cli_fail(ctx, "spell");
		if (rc == EXIT_OK && (rc = cli_write(ctx, "spell", &out)) == EXIT_OK)
			tmk_buf_clear(&out);
	}
	if (rc == EXIT_OK)
		rc = cli_finish_output(ctx, "spell");
	if (rc == EXIT_OK && ro.bad)
		rc = EXIT_FAIL;
done:
	tmk_speller_free(sps.sp[0]);
	tmk_speller_free(sps.sp[1]);
	tmk_buf_release(&path);
	tmk_buf_release(&out);
	return rc;
}
