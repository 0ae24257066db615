/*
 * cmd_concordance.c - `tmkit concordance`: a word or phrase in context
 * (KWIC), with the aligned translation under each line.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "concord.h"
#include "error.h"
#include "json.h"
#include "text.h"
#include "tm.h"
#include "utf8.h"

const char help_concordance[] =
	"usage: tmkit [--tm PATH] concordance [--from LANG] [--max N] [--exact] [--case]\n"
	"                         [--word] [--format text|json] WORD...\n"
	"\n"
	"Show where the words occur in the TM, side by side in the order given, in\n"
	"context, with the aligned translation.  Case and accents do not matter;\n"
	"German inflection and compounds are found (Anschlag: Anschläge,\n"
	"Terroranschlag), English inflection too (attack: attacks, attacked).\n"
	"Under each line: how it matched (exact, inflection, compound part).\n"
	"\n"
	"An acronym (an all-caps word of 2 to 5 letters: IS, US, EU, BND) matches\n"
	"only itself, case-sensitively and whole (IS does not find \"ist\" or\n"
	"\"Islamische\"), and an acronym in the text only the same acronym (us\n"
	"does not find US).  A phrase in quotation marks inside the argument\n"
	"('\"Islamischer Staat\" Anschlag') must stand in that order; the groups\n"
	"(phrases and the runs of words outside them) may stand anywhere.\n"
	"\n"
	"Options:\n"
	"  --from LANG      the language of WORD, a BCP 47 tag (default de; de covers\n"
	"                   de-CH, de-AT and every other German variant)\n"
	"  --max N          most lines (default 20)\n"
	"  --exact          the words as typed (case and accents aside): no stemming,\n"
	"                   no compound parts\n"
	"  --case           letter case must agree\n"
	"  --word           whole words: a word or its inflections, no compound parts\n"
	"  -f, --format F   text (default) or json: one object a hit with query, modes\n"
	"                   (those applied: exact, case, word, phrase, acronym), id,\n"
	"                   text, match (byte span), how (exact, inflection or\n"
	"                   compound), translation, lang and translation_lang (their\n"
	"                   tags) and origin\n"
	"\n"
	"Exit status 1 when nothing was found.\n";

enum { OPT_FROM = 1, OPT_MAX, OPT_FORMAT, OPT_EXACT, OPT_CASE, OPT_WORD };

static const cli_option options[] = {
	{ "from", 0, 1, OPT_FROM },
	{ "exact", 0, 0, OPT_EXACT },
	{ "case", 0, 0, OPT_CASE },
	{ "word", 0, 0, OPT_WORD },
	{ "max", 0, 1, OPT_MAX },
	{ "format", 'f', 1, OPT_FORMAT },
	{ NULL, 0, 0, 0 },
};

#define CONTEXT 38      /* characters of context on either side */

/* Append S[b..e) with whitespace runs as single spaces. */
static void put_flat(tmk_buf *out, const char *s, size_t b, size_t e)
{
	int space = 0;

	for (size_t i = b; i < e;) {
		size_t k = i;
		int32_t c = tmk_utf8_next(s, e, &k);
		if (tmk_is_space(c)) {
			space = 1;
		} else {
			if (space)
				tmk_buf_putc(out, ' ');
			space = 0;
			tmk_buf_put(out, s + i, k - i);
		}
		i = k;
	}
	if (space)
		tmk_buf_putc(out, ' ');
}

/* One KWIC line: the left context right-aligned, the match, the right. */
static void put_kwic(tmk_buf *out, const tmk_concord_hit *h, int color)
{
	const char *s = h->text;
	size_t len = strlen(s), lb = h->start, re = h->end, nl = 0, nr = 0;

	while (lb > 0 && nl < CONTEXT) {
		tmk_utf8_prev(s, &lb);
		nl++;
	}
	while (re < len && nr < CONTEXT) {
		tmk_utf8_next(s, len, &re);
		nr++;
	}
	tmk_buf_printf(out, "%s%*s", lb > 0 ? "\xE2\x80\xA6" : " ", (int)(CONTEXT - nl), "");
	put_flat(out, s, lb, h->start);
	tmk_buf_puts(out, color ? "\033[1;33m" : "\xE2\x9F\xA6");
	put_flat(out, s, h->start, h->end);
	tmk_buf_puts(out, color ? "\033[0m" : "\xE2\x9F\xA7");
	put_flat(out, s, h->end, re);
	tmk_buf_puts(out, re < len ? "\xE2\x80\xA6\n" : "\n");
}

/* The modes applied, as a JSON array of their names. */
static void put_modes(tmk_buf *out, unsigned modes)
{
	int first = 1;

	tmk_buf_puts(out, ",\"modes\":[");
	for (unsigned bit = 1; bit <= TMK_CONCORD_ACRONYM; bit <<= 1) {
		if (!(modes & bit))
			continue;
		tmk_buf_printf(out, "%s\"%s\"", first ? "" : ",", tmk_concord_mode_name(bit));
		first = 0;
	}
	tmk_buf_putc(out, ']');
}

/* One hit as a JSON object on a line of its own. */
static void put_json(tmk_buf *out, const tmk_text *q, unsigned modes, const tmk_concord_hit *h)
{
	tmk_buf_putc(out, '{');
	tmk_json_kv_str(out, 1, "query", q->data, q->len);
	put_modes(out, modes);
	tmk_json_kv_num(out, 0, "id", h->id);
	tmk_json_kv_str(out, 0, "text", h->text, strlen(h->text));
	tmk_buf_printf(out, ",\"match\":[%zu,%zu],\"how\":\"%s\"", h->start, h->end,
		       tmk_concord_how_name(h->how));
	tmk_json_kv_str(out, 0, "translation", h->translation, strlen(h->translation));
	tmk_json_kv_str(out, 0, "lang", h->lang, strlen(h->lang));
	tmk_json_kv_str(out, 0, "translation_lang", h->translation_lang, strlen(h->translation_lang));
	if (h->origin)
		tmk_json_kv_str(out, 0, "origin", h->origin, strlen(h->origin));
	else
		tmk_buf_puts(out, ",\"origin\":null");
	tmk_buf_puts(out, "}\n");
}

/* How a hit matched, in the margin of its translation line. */
static void put_how(tmk_buf *out, int how)
{
	const char *name = how == TMK_CONCORD_HOW_COMPOUND ? "compound part" : tmk_concord_how_name(how);

	tmk_buf_printf(out, "  %-*s", CONTEXT - 1, name);
}

int cmd_concordance(cli_ctx *ctx, int argc, char **argv)
{
	tmk_concord_opts o = { 0 };
	char lang[TMK_LANGTAG_MAX];
	const char *arg;
	cli_parser p;
	tmk_buf query = TMK_BUF_INIT, out = TMK_BUF_INIT;
	tmk_text *q = NULL;
	tmk_tm *tm = NULL;
	tmk_concord_hit *h = NULL;
	size_t n = 0;
	unsigned modes;
	int id, json = 0, rc;

	o.max = 20;
	cli_parser_init(&p, "concordance", argc, argv);
	/* every way out of the loop goes through done: the query may be
	 * half built */
	while ((id = cli_next(&p, options, &arg)) != -1) {
		switch (id) {
		case 0:
			if (query.len && *arg)
				tmk_buf_putc(&query, ' ');
			tmk_buf_puts(&query, arg);
			continue;
		case OPT_FROM:
			if (cli_parse_lang("concordance", "--from", arg, lang) != 0) {
				rc = EXIT_USAGE;
				goto done;
			}
			o.lang = lang;
			continue;
		case OPT_EXACT:
			o.modes |= TMK_CONCORD_EXACT;
			continue;
		case OPT_CASE:
			o.modes |= TMK_CONCORD_CASE;
			continue;
		case OPT_WORD:
			o.modes |= TMK_CONCORD_WORD;
			continue;
		case OPT_MAX:
			if (cli_parse_int(arg, 1, 100000, &o.max) == 0)
				continue;
			rc = cli_usage_error("concordance", "--max wants a number from 1 to 100000, not '%s'", arg);
			goto done;
		case OPT_FORMAT:
			json = !strcmp(arg, "json");
			if (json || !strcmp(arg, "text"))
				continue;
			rc = cli_usage_error("concordance", "unknown format '%s' (text or json)", arg);
			goto done;
		default:
			rc = -id;
			goto done;
		}
	}
	if (!query.len || strspn(query.ptr, " \t\r\n") == query.len) {
		rc = cli_usage_error("concordance", "give a word or phrase to look for");
		goto done;
	}
	if (tmk_text_from_bytes(&q, "<argument>", query.ptr, query.len) < 0) {
		rc = cli_fail(ctx, "concordance");
		goto done;
	}
	if ((rc = cli_open_tm(ctx, "concordance", TMK_TM_READONLY, &tm)) != EXIT_OK)
		goto done;
	if (tmk_concord(tm, &h, &n, q->data, q->len, &o) < 0) {
		rc = cli_fail(ctx, "concordance");
		goto done;
	}
	modes = tmk_concord_modes(q->data, q->len, &o);
	for (size_t i = 0; i < n; i++) {
		if (json) {
			put_json(&out, q, modes, &h[i]);
		} else {
			put_kwic(&out, &h[i], ctx->color);
			put_how(&out, h[i].how);
			put_flat(&out, h[i].translation, 0, strlen(h[i].translation));
			tmk_buf_putc(&out, '\n');
		}
	}
	if (n == 0 && !json)
		tmk_buf_printf(&out, "(no occurrence of '%s')\n", q->data);
	if ((rc = cli_write(ctx, "concordance", &out)) == EXIT_OK)
		rc = cli_finish_output(ctx, "concordance");
	if (rc == EXIT_OK && n == 0)
		rc = EXIT_FAIL;
done:
	tmk_concord_free(h, n);
	tmk_tm_free(tm);
	tmk_text_free(q);
	tmk_buf_release(&query);
	tmk_buf_release(&out);
	return rc;
}
