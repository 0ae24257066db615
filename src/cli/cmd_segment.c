/*
 * cmd_segment.c - `tmkit segment`: one sentence a line, a blank line
 * between paragraphs; or JSON Lines with byte offsets into the input.
 */
#include <stdlib.h>
#include <string.h>

#include "atomic.h"
#include "cli.h"
#include "error.h"
#include "json.h"
#include "lang.h"
#include "segment.h"
#include "srx.h"
#include "text.h"

const char help_segment[] =
	"usage: tmkit segment [--lang de|en|auto] [--format text|json] [--icu-only] [FILE|-]...\n"
	"       tmkit segment --srx RULES.srx [--lang LANG] [--format text|json] [FILE|-]...\n"
	"       tmkit segment --export-srx [--lang de|en] [-o FILE]\n"
	"\n"
	"Split German or English prose into sentences, as a careful human would:\n"
	"abbreviations (z. B., Dr., U.S.), German ordinals and dates (am 1. Juli),\n"
	"initials, quotations, ellipses, numbers, URLs, list items and footnote numbers\n"
	"are handled.  An empty line ends a paragraph, and so does a heading (a line\n"
	"without final punctuation followed by a line break).  Reads standard input\n"
	"when no FILE or '-' is given.  Input must be UTF-8 (a BOM and CRLF line\n"
	"endings are fine); it is NFC-normalised.\n"
	"\n"
	"Options:\n"
	"  -l, --lang LANG     de, en, or auto (default: guessed from the text)\n"
	"  -f, --format FMT    text (default): one sentence a line, a blank line\n"
	"                      between paragraphs; json: one object a sentence with\n"
	"                      file, paragraph and sentence (1-based), start and end\n"
	"                      (0-based byte offsets into the input, end exclusive)\n"
	"                      and text\n"
	"      --icu-only      ICU's sentence breaks without tmkit's language rules\n"
	"                      (to compare)\n"
	"      --keep-newlines every line break ends a sentence (one a line in)\n"
	"      --join-lines    a single line break never ends a sentence (only an\n"
	"                      empty line does).  Default: a line break ends one\n"
	"                      after sentence-final punctuation (when the sentence\n"
	"                      rules agree), after a heading and before a list item\n"
	"      --srx FILE      split with the SRX 2.0 rules of FILE (a CAT tool's\n"
	"                      segmentation rules: OmegaT, Okapi, Trados) instead of\n"
	"                      tmkit's own; paragraphs are still split first.  LANG\n"
	"                      may then be any language tag the file's language maps\n"
	"                      know (fr, en-GB ...)\n"
	"      --export-srx    write tmkit's own rules (of LANG, default both) as SRX\n"
	"                      2.0, as far as SRX can express them (a comment in it\n"
	"                      says what it cannot), so that a CAT tool segments the\n"
	"                      same way\n"
	"  -o, --output FILE   with --export-srx: write to FILE (whole or not at all)\n"
	"                      instead of standard output\n"
	"\n"
	"The language rules are the lists in dictionaries/segment/ of the source tree.\n";

enum { OPT_KEEP_NEWLINES = 50, OPT_JOIN_LINES };
enum { OPT_LANG = 1, OPT_FORMAT, OPT_ICU_ONLY, OPT_SRX = 40, OPT_EXPORT_SRX, OPT_OUTPUT };

static const cli_option options[] = {
	{ "lang", 'l', 1, OPT_LANG },
	{ "format", 'f', 1, OPT_FORMAT },
	{ "icu-only", 0, 0, OPT_ICU_ONLY },
	{ "keep-newlines", 0, 0, OPT_KEEP_NEWLINES },
	{ "join-lines", 0, 0, OPT_JOIN_LINES },
	{ "srx", 0, 1, OPT_SRX },
	{ "export-srx", 0, 0, OPT_EXPORT_SRX },
	{ "output", 'o', 1, OPT_OUTPUT },
	{ NULL, 0, 0, 0 },
};

typedef struct {
	const char *lang;       /* NULL: guess per file */
	int json;
	unsigned flags;
	tmk_segmenter *seg[2];  /* de, en: made when first needed */
	tmk_srx *srx;           /* --srx: the user's rules instead */
} seg_opts;

static int get_segmenter(seg_opts *o, const char *lang, tmk_segmenter **out)
{
	int k = strcmp(lang, "en") == 0;

	if (!o->seg[k] && tmk_segmenter_new(&o->seg[k], lang, o->flags) < 0)
		return -1;
	*out = o->seg[k];
	return 0;
}

/* The sentences of T: with the user's SRX rules (--srx) or tmkit's own. */
static int split_text(seg_opts *o, const tmk_text *t, tmk_sentence **s, size_t *n)
{
	const char *lang = o->lang ? o->lang : tmk_lang_guess(t->data, t->len);
	tmk_segmenter *seg;

	if (o->srx)
		return tmk_srx_segment(o->srx, lang, t->data, t->len, s, n);
	if (get_segmenter(o, lang, &seg) < 0)
		return -1;
	return tmk_segment(seg, t->data, t->len, s, n);
}

/* --export-srx: tmkit's rules for LANG (NULL: de and en) as SRX to
 * OUTPUT (NULL: standard output), written whole or not at all. */
static int export_srx(cli_ctx *ctx, const char *lang, const char *output)
{
	const char *both[] = { "de", "en" };
	tmk_buf b = TMK_BUF_INIT;
	tmk_atomic *file = NULL;
	int rc = EXIT_OK;

	if (tmk_srx_export(&b, lang ? &lang : both, lang ? 1 : 2) < 0) {
		rc = cli_fail(ctx, "segment");
	} else if (!output) {
		if ((rc = cli_write(ctx, "segment", &b)) == EXIT_OK)
			rc = cli_finish_output(ctx, "segment");
	} else if (tmk_atomic_open(&file, output) < 0) {
		rc = cli_fail(ctx, "segment");
	} else if (fwrite(b.ptr, 1, b.len, tmk_atomic_stream(file)) != b.len) {
		tmk_atomic_abort(file);
		rc = cli_fail(ctx, "segment");
	} else if (tmk_atomic_commit(file) < 0) {
		rc = cli_fail(ctx, "segment");
	}
	tmk_buf_release(&b);
	return rc;
}

/* Segment one input and print it.  *FIRST_PARA tracks whether a blank line
 * is owed before the next paragraph (text output spans files). */
static int segment_one(cli_ctx *ctx, seg_opts *o, const char *path, int *first_para)
{
	tmk_text *t = NULL;
	tmk_sentence *s = NULL;
	tmk_buf out = TMK_BUF_INIT;
	tmk_buf txt = TMK_BUF_INIT;     /* one sentence's text (json), reused */
	size_t n = 0;
	int rc = EXIT_FAIL;

	if (tmk_text_load(&t, path) < 0 || split_text(o, t, &s, &n) < 0) {
		rc = cli_fail(ctx, "segment");
		goto done;
	}
	if (n == 0)
		cli_warn(ctx, "segment", "%s: no text in the input", t->name);

	for (size_t i = 0; i < n; i++) {
		int err = 0;

		if (o->json) {
			size_t start = tmk_text_input_offset(t, s[i].start);
			size_t end = tmk_text_input_offset(t, s[i].end);

			tmk_buf_clear(&txt);
			err |= tmk_sentence_text(&txt, t->data, &s[i]);
			err |= tmk_buf_putc(&out, '{');
			err |= tmk_json_kv_str(&out, 1, "file", t->name, strlen(t->name));
			err |= tmk_json_kv_num(&out, 0, "paragraph", (long long)s[i].paragraph + 1);
			err |= tmk_json_kv_num(&out, 0, "sentence", (long long)i + 1);
			err |= tmk_json_kv_num(&out, 0, "start", (long long)start);
			err |= tmk_json_kv_num(&out, 0, "end", (long long)end);
			err |= tmk_json_kv_str(&out, 0, "text", txt.ptr ? txt.ptr : "", txt.len);
			err |= tmk_buf_puts(&out, "}\n");
		} else {
			if ((i > 0 && s[i].paragraph != s[i - 1].paragraph) || (i == 0 && !*first_para))
				err |= tmk_buf_putc(&out, '\n');
			err |= tmk_sentence_text(&out, t->data, &s[i]);
			err |= tmk_buf_putc(&out, '\n');
		}
		if (err) {
			rc = cli_fail(ctx, "segment");
			goto done;
		}
		if (out.len > 65536) {
			if ((rc = cli_write(ctx, "segment", &out)) != EXIT_OK)
				goto done;
			tmk_buf_clear(&out);
		}
	}
	if (n > 0)
		*first_para = 0;
	rc = cli_write(ctx, "segment", &out);
done:
	tmk_buf_release(&out);
	tmk_buf_release(&txt);
	free(s);
	tmk_text_free(t);
	return rc;
}

int cmd_segment(cli_ctx *ctx, int argc, char **argv)
{
	seg_opts o = { 0 };
	cli_parser p;
	const char *arg, *files[256], *srx_path = NULL, *output = NULL, *any_lang = NULL;
	size_t nfiles = 0;
	int id, rc = EXIT_OK, first_para = 1, export = 0;

	cli_parser_init(&p, "segment", argc, argv);
	while ((id = cli_next(&p, options, &arg)) != -1) {
		switch (id) {
		case 0:
			if (nfiles == sizeof(files) / sizeof(files[0]))
				return cli_usage_error("segment", "too many files (at most 256 at once)");
			files[nfiles++] = arg;
			break;
		case OPT_LANG:
			if (strcmp(arg, "auto") == 0)
				o.lang = NULL;
			else if (strcmp(arg, "de") == 0 || strcmp(arg, "en") == 0)
				o.lang = arg;
			else
				any_lang = arg;         /* only with --srx: checked below */
			break;
		case OPT_FORMAT:
			if (strcmp(arg, "json") == 0)
				o.json = 1;
			else if (strcmp(arg, "text") == 0)
				o.json = 0;
			else
				return cli_usage_error("segment", "unknown format '%s' (text or json)", arg);
			break;
		case OPT_ICU_ONLY:
			o.flags |= TMK_SEG_ICU_ONLY;
			break;
		case OPT_KEEP_NEWLINES:
		case OPT_JOIN_LINES:
			if (o.flags & (id == OPT_JOIN_LINES ? TMK_SEG_KEEP_NEWLINES : TMK_SEG_JOIN_LINES))
				return cli_usage_error("segment", "--keep-newlines and --join-lines exclude each other");
			o.flags |= id == OPT_JOIN_LINES ? TMK_SEG_JOIN_LINES : TMK_SEG_KEEP_NEWLINES;
			break;
		case OPT_SRX:
			srx_path = arg;
			break;
		case OPT_EXPORT_SRX:
			export = 1;
			break;
		case OPT_OUTPUT:
			output = arg;
			break;
		default:
			return -id;
		}
	}
	if (any_lang && strcmp(any_lang, "auto") != 0 && !srx_path)
		return cli_usage_error("segment", "unknown language '%s' (de, en or auto; others with --srx)",
				       any_lang);
	if (any_lang)
		o.lang = strcmp(any_lang, "auto") == 0 ? NULL : any_lang;
	if (output && !export)
		return cli_usage_error("segment", "--output goes with --export-srx (sentences go to standard output)");
	if (export && (srx_path || nfiles || (o.flags & TMK_SEG_ICU_ONLY)))
		return cli_usage_error("segment", "--export-srx takes no input files, --srx or --icu-only");
	if (srx_path && (o.flags & TMK_SEG_ICU_ONLY))
		return cli_usage_error("segment", "--srx and --icu-only exclude each other");
	if (export)
		return export_srx(ctx, o.lang, output);
	if (srx_path && tmk_srx_load(&o.srx, srx_path) < 0)
		return cli_fail(ctx, "segment");
	if (nfiles == 0)
		files[nfiles++] = "-";
	for (size_t i = 0; i < nfiles && rc == EXIT_OK; i++)
		rc = segment_one(ctx, &o, files[i], &first_para);
	tmk_segmenter_free(o.seg[0]);
	tmk_segmenter_free(o.seg[1]);
	tmk_srx_free(o.srx);
	if (rc == EXIT_OK)
		rc = cli_finish_output(ctx, "segment");
	return rc;
}
