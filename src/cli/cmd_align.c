/*
 * cmd_align.c - `tmkit align`: pair the sentences of a German text and its
 * English translation.
 */
#include <stdlib.h>
#include <string.h>

#include "align.h"
#include "align_tm.h"
#include "cli.h"
#include "error.h"
#include "json.h"
#include "lexicon.h"
#include "segment.h"
#include "text.h"
#include "tm.h"

const char help_align[] =
	"usage: tmkit [--tm PATH] align [--segmented] [--format tsv|beads|json]\n"
	"                   [--no-lexicon] [--tm] [--min-score S] DE_FILE EN_FILE\n"
	"\n"
	"Align a German text with its English translation: which sentences translate\n"
	"which (1-1, 1-2, 2-1, 2-2, 1-3, 3-1, and sentences left out on either side).\n"
	"Evidence: sentence lengths, numbers in both notations, names and acronyms,\n"
	"cognates, and the Ding dictionary (Debian's trans-de-en, compiled on first use\n"
	"into ~/.cache/tmkit/de-en.lex).\n"
	"\n"
	"Options:\n"
	"  --segmented       the files hold one sentence a line (an empty line is a\n"
	"                    paragraph break); by default they are running text and\n"
	"                    tmkit segments them\n"
	"  -f, --format F    tsv (default): de TAB en TAB score per bead, sentences of a\n"
	"                    side joined by a space; beads: [0]:[0], [3, 4]:[5], []:[7]\n"
	"                    (0-based sentence numbers, German left); json: one object a\n"
	"                    bead with de, en (sentence numbers), de_text, en_text, score\n"
	"  --no-lexicon      length, numbers, names and cognates only\n"

	"  --tm              also store the pairs in the TM (the global --tm PATH, else\n"
	"                    the default TM) with the two files as their provenance\n"
	"  --min-score S     with --tm: keep beads scoring below S (0-1) out of the TM\n"
	"                    and list them on standard error for review\n"
	"\n"
	"A bead's score is the probability (0-1) that it is right: low when another\n"
	"pairing of those sentences is nearly as likely.  On the dev set, beads below\n"
	"0.8 are about 5% of all and hold two thirds of the errors.\n";

enum { OPT_SEGMENTED = 1, OPT_FORMAT, OPT_NO_LEXICON, OPT_TM, OPT_MIN_SCORE };

static const cli_option options[] = {
	{ "tm", 0, 0, OPT_TM },
	{ "min-score", 0, 1, OPT_MIN_SCORE },
	{ "segmented", 0, 0, OPT_SEGMENTED },
	{ "format", 'f', 1, OPT_FORMAT },
	{ "no-lexicon", 0, 0, OPT_NO_LEXICON },
	{ NULL, 0, 0, 0 },
};

typedef struct {
	tmk_text *t;
	tmk_align_sent *s;
	size_t n;
	tmk_buf flat;           /* sentence texts with spaces collapsed (segmented input) */
} side_t;

static void side_free(side_t *s)
{
	tmk_text_free(s->t);
	free(s->s);
	tmk_buf_release(&s->flat);
}

/* One sentence a line; an empty line starts a new paragraph. */
static int read_lines(side_t *sd)
{
	const char *d = sd->t->data;
	size_t pos = 0, para = 0, cap = 64;
	int blank = 0;

	sd->s = malloc(cap * sizeof(*sd->s));
	if (!sd->s)
		return tmk_error_oom();
	while (pos < sd->t->len) {
		const char *nl = memchr(d + pos, '\n', sd->t->len - pos);
		size_t end = nl ? (size_t)(nl - d) : sd->t->len, b = pos, e = end;

		pos = end + 1;
		while (b < e && (d[b] == ' ' || d[b] == '\t'))
			b++;
		while (e > b && (d[e - 1] == ' ' || d[e - 1] == '\t' || d[e - 1] == '\r'))
			e--;
		if (b == e) {
			blank = 1;
			continue;
		}
		if (blank && sd->n)
			para++;
		blank = 0;
		if (sd->n == cap) {
			tmk_align_sent *ns = realloc(sd->s, (cap *= 2) * sizeof(*ns));
			if (!ns)
				return tmk_error_oom();
			sd->s = ns;
		}
		sd->s[sd->n].text = d + b;
		sd->s[sd->n].len = e - b;
		sd->s[sd->n].paragraph = para;
		sd->n++;
	}
	return 0;
}

/* Segment running text; the sentences' texts go to sd->flat. */
static int read_text(side_t *sd, const char *lang)
{
	tmk_segmenter *seg;
	tmk_sentence *v;
	size_t n, *off;
	int rc;

	if ((rc = tmk_segmenter_new(&seg, lang, 0)) < 0)
		return rc;
	rc = tmk_segment(seg, sd->t->data, sd->t->len, &v, &n);
	tmk_segmenter_free(seg);
	if (rc < 0)
		return rc;
	off = malloc((n + 1) * sizeof(size_t));
	sd->s = malloc((n + 1) * sizeof(*sd->s));
	if (!off || !sd->s) {
		free(off);
		free(v);
		return tmk_error_oom();
	}
	for (size_t i = 0; i < n && rc == 0; i++) {
		off[i] = sd->flat.len;
		rc = tmk_sentence_text(&sd->flat, sd->t->data, &v[i]);
		off[i + 1] = sd->flat.len;
	}
	for (size_t i = 0; i < n && rc == 0; i++) {
		sd->s[i].text = sd->flat.ptr + off[i];
		sd->s[i].len = off[i + 1] - off[i];
		sd->s[i].paragraph = v[i].paragraph;
	}
	sd->n = n;
	free(off);
	free(v);
	return rc;
}

static void put_side(tmk_buf *b, const side_t *sd, size_t from, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		if (k)
			tmk_buf_putc(b, ' ');
		tmk_buf_put(b, sd->s[from + k].text, sd->s[from + k].len);
	}
}

static void put_indices(tmk_buf *b, size_t from, size_t n)
{
	tmk_buf_putc(b, '[');
	for (size_t k = 0; k < n; k++)
		tmk_buf_printf(b, "%s%zu", k ? ", " : "", from + k);
	tmk_buf_putc(b, ']');
}

int cmd_align(cli_ctx *ctx, int argc, char **argv)
{
	const char *arg, *files[2] = { NULL, NULL };
	int id, segmented = 0, lexicon = 1, fmt = 0, rc = EXIT_FAIL;    /* fmt: 0 tsv 1 beads 2 json */
	int store = 0;
	double min_score = 0;
	char *end;
	cli_parser p;
	side_t side[2];
	tmk_lexicon *lx = NULL;
	tmk_align_opts o = { NULL };
	tmk_bead *bd = NULL;
	size_t nb = 0, nfiles = 0;
	tmk_buf out = TMK_BUF_INIT;

	memset(side, 0, sizeof(side));
	cli_parser_init(&p, "align", argc, argv);
	while ((id = cli_next(&p, options, &arg)) != -1) {
		switch (id) {
		case 0:
			if (nfiles == 2)
				return cli_usage_error("align", "give two files: the German text, then the English");
			files[nfiles++] = arg;
			break;
		case OPT_SEGMENTED: segmented = 1; break;
		case OPT_NO_LEXICON: lexicon = 0; break;
		case OPT_TM: store = 1; break;
		case OPT_MIN_SCORE:
			min_score = strtod(arg, &end);
			if (end == arg || *end || min_score < 0 || min_score > 1)
				return cli_usage_error("align", "--min-score wants a number from 0 to 1, not '%s'", arg);
			break;
		case OPT_FORMAT:
			if (!strcmp(arg, "tsv")) fmt = 0;
			else if (!strcmp(arg, "beads")) fmt = 1;
			else if (!strcmp(arg, "json")) fmt = 2;
			else return cli_usage_error("align", "unknown format '%s' (tsv, beads or json)", arg);
			break;
		default:
			return -id;
		}
	}
	if (nfiles != 2)
		return cli_usage_error("align", "give two files: the German text, then the English");
	if (min_score > 0 && !store)
		return cli_usage_error("align", "--min-score goes with --tm");
	for (int k = 0; k < 2; k++) {
		if (tmk_text_load(&side[k].t, files[k]) < 0 ||
		    (segmented ? read_lines(&side[k]) : read_text(&side[k], k ? "en" : "de")) < 0) {
			cli_fail(ctx, "align");
			goto done;
		}
		if (side[k].n == 0) {
			tmk_error_set(TMK_EINPUT, "%s: no sentences: nothing to align", side[k].t->name);
			cli_fail(ctx, "align");
			goto done;
		}
	}
	if (lexicon) {
		tmk_buf cache = TMK_BUF_INIT;
		int lrc = tmk_lexicon_cache_path(&cache);
		lrc = tmk_lexicon_open(&lx, TMK_DING_PATH, lrc == 0 ? cache.ptr : NULL);
		tmk_buf_release(&cache);
		if (lrc < 0) {
			cli_fail(ctx, "align");
			fprintf(stderr, "tmkit align: (or align without it: --no-lexicon)\n");
			goto done;
		}
		o.lex = lx;
	}
	if (tmk_align(&bd, &nb, side[0].s, side[0].n, side[1].s, side[1].n, &o) < 0) {
		cli_fail(ctx, "align");
		goto done;
	}
	for (size_t i = 0; i < nb; i++) {
		const tmk_bead *b = &bd[i];
		if (fmt == 1) {
			put_indices(&out, b->de, b->nde);
			tmk_buf_putc(&out, ':');
			put_indices(&out, b->en, b->nen);
			tmk_buf_putc(&out, '\n');
		} else if (fmt == 0) {
			put_side(&out, &side[0], b->de, b->nde);
			tmk_buf_putc(&out, '\t');
			put_side(&out, &side[1], b->en, b->nen);
			tmk_buf_printf(&out, "\t%.3f\n", b->score);
		} else {
			tmk_buf t = TMK_BUF_INIT;
			tmk_buf_puts(&out, "{\"de\":");
			put_indices(&out, b->de, b->nde);
			tmk_buf_puts(&out, ",\"en\":");
			put_indices(&out, b->en, b->nen);
			put_side(&t, &side[0], b->de, b->nde);
			tmk_json_kv_str(&out, 0, "de_text", t.ptr ? t.ptr : "", t.len);
			tmk_buf_clear(&t);
			put_side(&t, &side[1], b->en, b->nen);
			tmk_json_kv_str(&out, 0, "en_text", t.ptr ? t.ptr : "", t.len);
			tmk_buf_printf(&out, ",\"score\":%.3f}\n", b->score);
			tmk_buf_release(&t);
		}
	}
	rc = cli_write(ctx, "align", &out);
	if (rc == EXIT_OK)
		rc = cli_finish_output(ctx, "align");
	if (rc == EXIT_OK && store) {
		tmk_tm *tm;
		tmk_align_store_report rep;
		if ((rc = cli_open_tm(ctx, "align", 0, &tm)) != EXIT_OK)
			goto done;
		if (tmk_align_store(tm, &rep, bd, nb, side[0].s, side[1].s, side[0].t->name,
				    side[1].t->name, min_score) < 0) {
			rc = cli_fail(ctx, "align");
		} else {
			for (size_t i = 0; i < nb; i++) {
				tmk_buf w = TMK_BUF_INIT;
				if (!bd[i].nde || !bd[i].nen || bd[i].score >= min_score)
					continue;
				put_side(&w, &side[0], bd[i].de, bd[i].nde);
				tmk_buf_puts(&w, "  |  ");
				put_side(&w, &side[1], bd[i].en, bd[i].nen);
				fprintf(stderr, "tmkit align: review bead %zu (score %.3f): %s\n", i + 1,
					bd[i].score, w.ptr);
				tmk_buf_release(&w);
			}
			fprintf(stderr, "tmkit align: stored in the TM: %zu added, %zu duplicates; "
				"%zu below --min-score left out, %zu one-sided beads not stored\n",
				rep.added, rep.duplicates, rep.weak, rep.one_sided);
		}
		tmk_tm_free(tm);
	}
done:
	free(bd);
	tmk_lexicon_free(lx);
	side_free(&side[0]);
	side_free(&side[1]);
	tmk_buf_release(&out);
	return rc;
}
