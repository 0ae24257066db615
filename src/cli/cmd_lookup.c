/*
 * cmd_lookup.c - `tmkit lookup`: exact and fuzzy matches from the TM for
 * a sentence, or for each line of standard input.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "error.h"
#include "json.h"
#include "lookup.h"
#include "text.h"
#include "tm.h"

const char help_lookup[] =
	"usage: tmkit [--tm PATH] lookup [--from LANG] [--to LANG] [--min N] [--max N]\n"
	"                         [--subst-penalty N | --no-subst] [--format text|json]\n"
	"                         [TEXT...]\n"
	"\n"
	"Find translations of TEXT (or of each line of standard input) in the TM:\n"
	"exact and fuzzy matches with a match percentage as CAT tools show it\n"
	"(word-level edit distance; 100 only for identical text, 99 when only case,\n"
	"accents or spacing differ), the words that differ from the query marked\n"
	"\u27e6like this\u27e7.\n"
	"\n"
	"Numbers and placeholders (%s, {0}, $1, inline codes) that differ from the\n"
	"query are substituted in the translation when the match has as many of\n"
	"them in the same order and the translation holds each (a number by its\n"
	"value, written in the translation's notation: 2.000,5 in German, 2,000.5\n"
	"in English), marked \u27eathus\u27eb: \"im Jahr 2024\" against \"im Jahr 2023\" ->\n"
	"\"in 2023\" gives \"in \u27ea2024\u27eb\" at 99 %. Such a match scores as if they\n"
	"were equal, a point off for each (at least 95 when nothing else differs).\n"
	"\n"
	"Options:\n"
	"  --from LANG      the query's language, a BCP 47 tag (default de): de finds\n"
	"                   every German variant; de-CH ranks de-CH first, then de,\n"
	"                   then de-DE, de-AT and the others\n"
	"  --to LANG        the translation's language (default en, or de from other\n"
	"                   languages); --from en-US --to en-GB finds units between\n"
	"                   two variants of one language\n"
	"  --min N          lowest match shown, 1-100 (default 70)\n"
	"  --max N          most matches per query (default 5)\n"
	"  --subst-penalty N  points off per substitution, 0-10 (default 1)\n"
	"  --no-subst       substitute nothing: the plain fuzzy score\n"
	"  -f, --format F   text (default) or json: one object a match with query,\n"
	"                   score, source, target (substituted), original_target\n"
	"                   (as stored), source_lang, target_lang, origin, id, diff\n"
	"                   (byte spans of source) and substituted (a list of kind,\n"
	"                   number or placeholder; from and to, the texts; source,\n"
	"                   original and target, byte spans in source,\n"
	"                   original_target and target)\n"
	"\n"
	"Exit status 1 when no query found a match.\n";

enum { OPT_FROM = 1, OPT_TO, OPT_MIN, OPT_MAX, OPT_FORMAT, OPT_PENALTY, OPT_NO_SUBST };

static const cli_option options[] = {
	{ "from", 0, 1, OPT_FROM },
	{ "to", 0, 1, OPT_TO },
	{ "min", 0, 1, OPT_MIN },
	{ "max", 0, 1, OPT_MAX },
	{ "format", 'f', 1, OPT_FORMAT },
	{ "subst-penalty", 0, 1, OPT_PENALTY },
	{ "no-subst", 0, 0, OPT_NO_SUBST },
	{ NULL, 0, 0, 0 },
};

/* Text S with the spans SPAN(i) of its N marked: OPEN and CLOSE around
 * each, or colour COLOR (an SGR code) on a terminal. */
static void put_marked(tmk_buf *b, const char *s, const tmk_diff *(*span)(const tmk_match *, size_t),
		       const tmk_match *m, size_t n, const char *color, const char *open, const char *close)
{
	size_t pos = 0;

	for (size_t i = 0; i < n; i++) {
		const tmk_diff *d = span(m, i);
		tmk_buf_put(b, s + pos, d->start - pos);
		if (color)
			tmk_buf_printf(b, "\033[%sm", color);
		else
			tmk_buf_puts(b, open);
		tmk_buf_put(b, s + d->start, d->end - d->start);
		tmk_buf_puts(b, color ? "\033[0m" : close);
		pos = d->end;
	}
	tmk_buf_puts(b, s + pos);
}

/* The I-th differing span of the source, and of what was substituted in
 * the target. */
static const tmk_diff *diff_span(const tmk_match *m, size_t i)
{
	return &m->diff[i];
}

static const tmk_diff *subst_span(const tmk_match *m, size_t i)
{
	return &m->subst[i].target;
}

static void put_span(tmk_buf *b, const char *key, const tmk_diff *d)
{
	tmk_buf_printf(b, ",\"%s\":[%zu,%zu]", key, d->start, d->end);
}

/* The JSON list of M's substitutions. */
static void put_substituted(tmk_buf *b, const tmk_match *m)
{
	const char *orig = m->original_target ? m->original_target : m->target;

	tmk_buf_puts(b, ",\"substituted\":[");
	for (size_t k = 0; k < m->nsubst; k++) {
		const tmk_subst *x = &m->subst[k];
		tmk_buf_puts(b, k ? ",{" : "{");
		tmk_json_kv_str(b, 1, "kind", x->kind == TMK_SUBST_NUMBER ? "number" : "placeholder",
				x->kind == TMK_SUBST_NUMBER ? 6 : 11);
		tmk_json_kv_str(b, 0, "from", orig + x->original.start, x->original.end - x->original.start);
		tmk_json_kv_str(b, 0, "to", m->target + x->target.start, x->target.end - x->target.start);
		put_span(b, "source", &x->source);
		put_span(b, "original", &x->original);
		put_span(b, "target", &x->target);
		tmk_buf_putc(b, '}');
	}
	tmk_buf_putc(b, ']');
}

static void print_matches(tmk_buf *b, const cli_ctx *ctx, const char *q, const tmk_match *m,
			  size_t n, int json, int show_query, int min)
{
	for (size_t i = 0; i < n; i++) {
		if (json) {
			tmk_buf_putc(b, '{');
			tmk_json_kv_str(b, 1, "query", q, strlen(q));
			tmk_json_kv_num(b, 0, "score", m[i].score);
			tmk_json_kv_str(b, 0, "source", m[i].source, strlen(m[i].source));
			tmk_json_kv_str(b, 0, "target", m[i].target, strlen(m[i].target));
			if (m[i].original_target)
				tmk_json_kv_str(b, 0, "original_target", m[i].original_target,
						strlen(m[i].original_target));
			else
				tmk_json_kv_str(b, 0, "original_target", m[i].target, strlen(m[i].target));
			tmk_json_kv_str(b, 0, "source_lang", m[i].source_lang, strlen(m[i].source_lang));
			tmk_json_kv_str(b, 0, "target_lang", m[i].target_lang, strlen(m[i].target_lang));
			if (m[i].origin)
				tmk_json_kv_str(b, 0, "origin", m[i].origin, strlen(m[i].origin));
			else
				tmk_buf_puts(b, ",\"origin\":null");
			tmk_json_kv_num(b, 0, "id", m[i].id);
			tmk_buf_puts(b, ",\"diff\":[");
			for (size_t k = 0; k < m[i].ndiff; k++)
				tmk_buf_printf(b, "%s[%zu,%zu]", k ? "," : "", m[i].diff[k].start,
					       m[i].diff[k].end);
			tmk_buf_putc(b, ']');
			put_substituted(b, &m[i]);
			tmk_buf_puts(b, "}\n");
			continue;
		}
		if (i == 0 && show_query)
			tmk_buf_printf(b, "%s\n", q);
		tmk_buf_printf(b, ctx->color ? "\033[1m%4d%%\033[0m  " : "%4d%%  ", m[i].score);
		/* the differing words ⟦ ⟧, what was substituted ⟪ ⟫ */
		put_marked(b, m[i].source, diff_span, &m[i], m[i].ndiff, ctx->color ? "1;33" : NULL,
			   "\xE2\x9F\xA6", "\xE2\x9F\xA7");
		tmk_buf_puts(b, "\n       ");
		put_marked(b, m[i].target, subst_span, &m[i], m[i].nsubst, ctx->color ? "1;32" : NULL,
			   "\xE2\x9F\xAA", "\xE2\x9F\xAB");
		tmk_buf_putc(b, '\n');
		/* the languages as stored (de-CH, en-GB) and where it came from */
		tmk_buf_printf(b, ctx->color ? "       \033[2m%s \xE2\x86\x92 %s%s%s\033[0m\n" : "       %s \xE2\x86\x92 %s%s%s\n",
			       m[i].source_lang, m[i].target_lang, m[i].origin ? "  " : "",
			       m[i].origin ? m[i].origin : "");
	}
	if (n == 0 && !json) {
		if (show_query)
			tmk_buf_printf(b, "%s\n", q);
		tmk_buf_printf(b, "  (no match of %d%% or more)\n", min);
	}
	if (!json && show_query)
		tmk_buf_putc(b, '\n');
}

int cmd_lookup(cli_ctx *ctx, int argc, char **argv)
{
	tmk_lookup_opts o = { 0 };
	tmk_subst_opts so = { 0 };
	char from[TMK_LANGTAG_MAX], to[TMK_LANGTAG_MAX];
	const char *arg;
	cli_parser p;
	tmk_buf query = TMK_BUF_INIT, out = TMK_BUF_INIT;
	tmk_text *in = NULL;
	tmk_tm *tm = NULL;
	int id, json = 0, rc = EXIT_OK, found = 0;

	o.min = 70;
	o.max = 5;
	cli_parser_init(&p, "lookup", argc, argv);
	while ((id = cli_next(&p, options, &arg)) != -1) {
		switch (id) {
		case 0:
			if (query.len)
				tmk_buf_putc(&query, ' ');
			tmk_buf_puts(&query, arg);
			break;
		case OPT_FROM:
			if (cli_parse_lang("lookup", "--from", arg, from) != 0)
				return EXIT_USAGE;
			o.from = from;
			break;
		case OPT_TO:
			if (cli_parse_lang("lookup", "--to", arg, to) != 0)
				return EXIT_USAGE;
			o.to = to;
			break;
		case OPT_MIN:
			if (cli_parse_int(arg, 1, 100, &o.min) < 0)
				return cli_usage_error("lookup", "--min wants a number from 1 to 100, not '%s'", arg);
			break;
		case OPT_MAX:
			if (cli_parse_int(arg, 1, 1000, &o.max) < 0)
				return cli_usage_error("lookup", "--max wants a number from 1 to 1000, not '%s'", arg);
			break;
		case OPT_PENALTY:
			if (cli_parse_int(arg, 0, 10, &so.penalty) < 0)
				return cli_usage_error("lookup", "--subst-penalty wants a number from 0 to 10, not '%s'",
						       arg);
			if (so.penalty == 0)
				so.penalty = TMK_SUBST_FREE;
			break;
		case OPT_NO_SUBST:
			so.off = 1;
			break;
		case OPT_FORMAT:
			if (strcmp(arg, "json") && strcmp(arg, "text"))
				return cli_usage_error("lookup", "unknown format '%s' (text or json)", arg);
			json = !strcmp(arg, "json");
			break;
		default:
			return -id;
		}
	}
	/* the queries, validated and NFC: the arguments, or stdin's lines */
	if (query.len ? tmk_text_from_bytes(&in, "<argument>", query.ptr, query.len) < 0 :
			tmk_text_load(&in, "-") < 0) {
		tmk_buf_release(&query);
		return cli_fail(ctx, "lookup");
	}
	if ((rc = cli_open_tm(ctx, "lookup", TMK_TM_READONLY, &tm)) != EXIT_OK)
		goto done;
	{
		const char *s = in->data;
		size_t pos = 0, nq = 0, lines = 0;

		for (size_t i = 0; i < in->len; i++)
			lines += s[i] == '\n';
		while (pos < in->len) {
			const char *nl = memchr(s + pos, '\n', in->len - pos);
			size_t end = nl ? (size_t)(nl - s) : in->len, b = pos;
			tmk_match *m;
			size_t n;

			pos = end + 1;
			while (b < end && (s[b] == ' ' || s[b] == '\t'))
				b++;
			while (end > b && (s[end - 1] == ' ' || s[end - 1] == '\t' || s[end - 1] == '\r'))
				end--;
			if (b == end)
				continue;
			nq++;
			if (tmk_lookup_with(tm, &m, &n, s + b, end - b, &o, &so) < 0) {
				rc = cli_fail(ctx, "lookup");
				goto done;
			}
			found += n > 0;
			{
				char *q = strndup(s + b, end - b);
				print_matches(&out, ctx, q ? q : "", m, n, json, lines > 1 || !query.len, o.min);
				free(q);
			}
			tmk_matches_free(m, n);
			if (out.len > 65536) {
				if ((rc = cli_write(ctx, "lookup", &out)) != EXIT_OK)
					goto done;
				tmk_buf_clear(&out);
			}
		}
		if (nq == 0) {
			tmk_error_set(TMK_EINPUT, "no text to look up");
			rc = cli_fail(ctx, "lookup");
			goto done;
		}
	}
	if ((rc = cli_write(ctx, "lookup", &out)) == EXIT_OK)
		rc = cli_finish_output(ctx, "lookup");
	if (rc == EXIT_OK && !found)
		rc = EXIT_FAIL;
done:
	tmk_tm_free(tm);
	tmk_text_free(in);
	tmk_buf_release(&query);
	tmk_buf_release(&out);
	return rc;
}
