/*
 * cmd_segment.c - `tmkit segment`: one sentence a line, a blank line
 * between paragraphs; or JSON Lines with byte offsets into the input.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "error.h"
#include "json.h"
#include "lang.h"
#include "segment.h"
#include "text.h"

const char help_segment[] =
	"usage: tmkit segment [--lang de|en|auto] [--format text|json] [--icu-only] [FILE|-]...\n"
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
	"\n"
	"The language rules are the lists in dictionaries/segment/ of the source tree.\n";

enum { OPT_LANG = 1, OPT_FORMAT, OPT_ICU_ONLY };

static const cli_option options[] = {
	{ "lang", 'l', 1, OPT_LANG },
	{ "format", 'f', 1, OPT_FORMAT },
	{ "icu-only", 0, 0, OPT_ICU_ONLY },
	{ NULL, 0, 0, 0 },
};

typedef struct {
	const char *lang;       /* NULL: guess per file */
	int json;
	unsigned flags;
	tmk_segmenter *seg[2];  /* de, en: made when first needed */
} seg_opts;

static int get_segmenter(seg_opts *o, const char *lang, tmk_segmenter **out)
{
	int k = strcmp(lang, "en") == 0;

	if (!o->seg[k] && tmk_segmenter_new(&o->seg[k], lang, o->flags) < 0)
		return -1;
	*out = o->seg[k];
	return 0;
}

/* Segment one input and print it.  *FIRST_PARA tracks whether a blank line
 * is owed before the next paragraph (text output spans files). */
static int segment_one(cli_ctx *ctx, seg_opts *o, const char *path, int *first_para)
{
	tmk_text *t = NULL;
	tmk_segmenter *seg;
	tmk_sentence *s = NULL;
	tmk_buf out = TMK_BUF_INIT;
	size_t n = 0;
	int rc = EXIT_FAIL;

	if (tmk_text_load(&t, path) < 0 ||
	    get_segmenter(o, o->lang ? o->lang : tmk_lang_guess(t->data, t->len), &seg) < 0 ||
	    tmk_segment(seg, t->data, t->len, &s, &n) < 0) {
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
			tmk_buf txt = TMK_BUF_INIT;

			err |= tmk_sentence_text(&txt, t->data, &s[i]);
			err |= tmk_buf_putc(&out, '{');
			err |= tmk_json_kv_str(&out, 1, "file", t->name, strlen(t->name));
			err |= tmk_json_kv_num(&out, 0, "paragraph", (long long)s[i].paragraph + 1);
			err |= tmk_json_kv_num(&out, 0, "sentence", (long long)i + 1);
			err |= tmk_json_kv_num(&out, 0, "start", (long long)start);
			err |= tmk_json_kv_num(&out, 0, "end", (long long)end);
			err |= tmk_json_kv_str(&out, 0, "text", txt.ptr ? txt.ptr : "", txt.len);
			err |= tmk_buf_puts(&out, "}\n");
			tmk_buf_release(&txt);
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
	free(s);
	tmk_text_free(t);
	return rc;
}

int cmd_segment(cli_ctx *ctx, int argc, char **argv)
{
	seg_opts o = { 0 };
	cli_parser p;
	const char *arg, *files[256];
	size_t nfiles = 0;
	int id, rc = EXIT_OK, first_para = 1;

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
				return cli_usage_error("segment", "unknown language '%s' (de, en or auto)", arg);
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
		default:
			return -id;
		}
	}
	if (nfiles == 0)
		files[nfiles++] = "-";
	for (size_t i = 0; i < nfiles && rc == EXIT_OK; i++)
		rc = segment_one(ctx, &o, files[i], &first_para);
	tmk_segmenter_free(o.seg[0]);
	tmk_segmenter_free(o.seg[1]);
	if (rc == EXIT_OK)
		rc = cli_finish_output(ctx, "segment");
	return rc;
}
