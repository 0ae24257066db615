/*
 * cmd_align.c - `tmkit align`: pair the sentences of a German text and its
 * English translation, one pair of files or a batch of them.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "align.h"
#include "align_batch.h"
#include "align_doc.h"
#include "align_tm.h"
#include "cli.h"
#include "error.h"
#include "lexicon.h"
#include "term.h"
#include "tm.h"

const char help_align[] =
	"usage: tmkit [--tm PATH] align [options] DE_FILE EN_FILE\n"
	"       tmkit [--tm PATH] align [options] --batch MANIFEST [--jobs N]\n"
	"\n"
	"Align a German text with its English translation: which sentences translate\n"
	"which (1-1, 1-2, 2-1, 2-2, 1-3, 3-1, and sentences left out on either side).\n"
	"Evidence: sentence lengths, numbers in both notations, names and acronyms,\n"
	"cognates, paragraphs, and the Ding dictionary (Debian's trans-de-en, compiled\n"
	"on first use into ~/.cache/tmkit/de-en.lex).\n"
	"\n"
	"Options:\n"
	"  --segmented       the files hold one sentence a line (an empty line is a\n"
	"                    paragraph break); by default they are running text and\n"
	"                    tmkit segments them\n"
	"  -f, --format F    tsv (default): de TAB en TAB score per bead, sentences of a\n"
	"                    side joined by a space; beads: [0]:[0], [3, 4]:[5], []:[7]\n"
	"                    (0-based sentence numbers, German left); json: one object a\n"
	"                    bead with de, en (sentence numbers), de_text, en_text, score;\n"
	"                    tmx: TMX 1.4b, the beads with both sides, score as a prop\n"
	"  --no-lexicon      length, numbers, names, cognates and paragraphs only\n"
	"  --no-glossary     leave out the TM's glossary (tmkit term), which is else\n"
	"                    evidence too when the TM exists\n"
	"  --lang-pair L1-L2 the files' languages (default de-en); other pairs than\n"
	"                    de-en align without a lexicon, and only German and English\n"
	"                    running text can be segmented (else --segmented)\n"
	"  --tm              also store the pairs in the TM (the global --tm PATH, else\n"
	"                    the default TM) with the two files as their provenance\n"
	"  --min-score S     with --tm: keep beads scoring below S (0-1) out of the TM\n"
	"                    and list them on standard error for review\n"
	"  --batch MANIFEST  align every pair the manifest lists, a line each:\n"
	"                    DE-FILE TAB EN-FILE TAB OUTPUT (relative paths are under\n"
	"                    the manifest's folder; # starts a comment line); each\n"
	"                    output is written whole or not at all; a pair that fails\n"
	"                    is reported and the others go on (exit status 1)\n"
	"  -j, --jobs N      with --batch: N threads (default 1)\n"
	"  --force           align files that read as swapped or as one language\n"
	"\n"
	"Before any work, each file's language is told by its function words (the\n"
	"profiles of German, English, French, Spanish, Italian, Dutch, Portuguese):\n"
	"when the first reads as the second's language and the second as the\n"
	"first's, or both as one language, align stops with exit status 1 (in a\n"
	"batch, that pair fails).  A file too short or too mixed to tell never\n"
	"stops it.\n"
	"\n"
	"A bead's score is the probability (0-1) that it is right: low when another\n"
	"pairing of those sentences is nearly as likely.  On the perturbed dev set,\n"
	"the beads below 0.8 are 4% of all and hold half the errors; below 0.95, 8%\n"
	"and three quarters (tools/eval-align).\n";

enum {
	OPT_SEGMENTED = 1, OPT_FORMAT, OPT_NO_LEXICON, OPT_TM, OPT_MIN_SCORE, OPT_LANG_PAIR,
	OPT_BATCH, OPT_JOBS, OPT_NO_GLOSSARY, OPT_FORCE
};

static const cli_option options[] = {
	{ "tm", 0, 0, OPT_TM },
	{ "min-score", 0, 1, OPT_MIN_SCORE },
	{ "segmented", 0, 0, OPT_SEGMENTED },
	{ "format", 'f', 1, OPT_FORMAT },
	{ "no-lexicon", 0, 0, OPT_NO_LEXICON },
	{ "lang-pair", 0, 1, OPT_LANG_PAIR },
	{ "batch", 0, 1, OPT_BATCH },
	{ "jobs", 'j', 1, OPT_JOBS },
	{ "no-glossary", 0, 0, OPT_NO_GLOSSARY },
	{ "force", 0, 0, OPT_FORCE },
	{ NULL, 0, 0, 0 },
};

/* What the command was asked to do. */
typedef struct {
	cli_ctx *ctx;
	const char *files[2], *batch;
	char langs[2][4];
	const char *lang_ptr[2];
	int segmented, lexicon, glossary, store, jobs, force;
	tmk_align_format format;
	double min_score;
	tmk_align_opts opts;
	tmk_tm *tm;
	/* batch totals */
	size_t done, total, beads, review;
	tmk_align_store_report sum;
	cli_progress progress;
} job_t;

/* "de-en" into LANGS; -1 unless two codes of two or three lower-case
 * letters. */
static int parse_lang_pair(char langs[2][4], const char *s)
{
	const char *dash = strchr(s, '-');
	size_t a = dash ? (size_t)(dash - s) : 0, b = dash ? strlen(dash + 1) : 0;

	if (!dash || a < 2 || a > 3 || b < 2 || b > 3)
		return -1;
	for (size_t k = 0; s[k]; k++)
		if (k != a && (s[k] < 'a' || s[k] > 'z'))
			return -1;
	memcpy(langs[0], s, a);
	langs[0][a] = '\0';
	memcpy(langs[1], dash + 1, b + 1);
	return 0;
}

/* Store DOC's beads in the TM and report the weak ones (one pair: each on
 * stderr; a batch: counted). */
static int store(job_t *j, const tmk_align_doc *doc, int list_weak)
{
	tmk_align_store_report rep;

	if (tmk_align_store(j->tm, &rep, doc->beads, doc->n, doc->de.s, doc->en.s, j->lang_ptr,
			    doc->de.t->name, doc->en.t->name, j->min_score) < 0)
		return -1;
	for (size_t i = 0; i < doc->n; i++) {
		const tmk_bead *b = &doc->beads[i];
		tmk_buf w = TMK_BUF_INIT;
		if (!b->nde || !b->nen || b->score >= j->min_score)
			continue;
		j->review++;
		if (!list_weak)
			continue;
		tmk_align_side_join(&w, &doc->de, b->de, b->nde);
		tmk_buf_puts(&w, "  |  ");
		tmk_align_side_join(&w, &doc->en, b->en, b->nen);
		fprintf(stderr, "tmkit align: review bead %zu (score %.3f): %s\n", i + 1, b->score, w.ptr);
		tmk_buf_release(&w);
	}
	j->sum.added += rep.added;
	j->sum.duplicates += rep.duplicates;
	j->sum.weak += rep.weak;
	j->sum.one_sided += rep.one_sided;
	return 0;
}

static void store_summary(const job_t *j)
{
	fprintf(stderr, "tmkit align: stored in the TM: %zu added, %zu duplicates; "
		"%zu below --min-score left out, %zu one-sided beads not stored\n",
		j->sum.added, j->sum.duplicates, j->sum.weak, j->sum.one_sided);
}

/* One pair of files: read them and, unless --force, check that they are
 * not swapped or in one language.  Done before the lexicon and the TM are
 * opened, so that a refused pair costs nothing and leaves no TM behind. */
static int load_one(job_t *j, tmk_align_doc *doc)
{
	if (tmk_align_doc_load(doc, j->files[0], j->files[1], j->lang_ptr, j->segmented) < 0)
		return cli_fail(j->ctx, "align");
	if (!j->force && tmk_align_doc_check_langs(doc) < 0)
		return cli_fail(j->ctx, "align");
	return EXIT_OK;
}

/* The pair DOC that load_one() read, aligned: beads to stdout. */
static int align_one(job_t *j, tmk_align_doc *doc)
{
	tmk_buf out = TMK_BUF_INIT;
	int rc;

	if (tmk_align_doc_align(doc, &j->opts) < 0)
		return cli_fail(j->ctx, "align");
	if (tmk_align_write(&out, j->format, doc->beads, doc->n, &doc->de, &doc->en) < 0)
		rc = cli_fail(j->ctx, "align");
	else if ((rc = cli_write(j->ctx, "align", &out)) == EXIT_OK)
		rc = cli_finish_output(j->ctx, "align");
	if (rc == EXIT_OK && j->store) {
		if (store(j, doc, 1) < 0)
			rc = cli_fail(j->ctx, "align");
		else
			store_summary(j);
	}
	tmk_buf_release(&out);
	return rc;
}

/* A batch pair is done (called under the batch's lock). */
static int pair_done(void *ud, const tmk_batch_item *it, const tmk_align_doc *doc, int rc)
{
	job_t *j = ud;

	j->done++;
	if (rc == 0 && j->store && store(j, doc, 0) < 0)
		rc = -1;
	if (rc < 0) {
		cli_progress_end(&j->progress);
		fprintf(stderr, "tmkit align: %s: error: %s\n", it->de, tmk_error_last());
	} else {
		j->beads += doc->n;
	}
	cli_progress_update(&j->progress, j->done, j->total);
	return rc;
}

static int align_batch(job_t *j)
{
	tmk_manifest *m;
	tmk_batch_opts bo;
	size_t failed;
	int rc;

	if (tmk_manifest_load(&m, j->batch) < 0)
		return cli_fail(j->ctx, "align");
	memset(&bo, 0, sizeof(bo));
	bo.langs[0] = j->lang_ptr[0];
	bo.langs[1] = j->lang_ptr[1];
	bo.segmented = j->segmented;
	bo.force = j->force;
	bo.format = j->format;
	bo.align = &j->opts;
	bo.jobs = j->jobs;
	bo.done = pair_done;
	bo.ud = j;
	j->total = m->n;
	cli_progress_init(&j->progress, "align", "pairs");
	rc = tmk_align_batch(m, &bo, &failed);
	cli_progress_end(&j->progress);
	if (rc < 0) {
		tmk_manifest_free(m);
		return cli_fail(j->ctx, "align");
	}
	fprintf(stderr, "tmkit align: %zu of %zu pairs aligned (%zu beads)%s\n", m->n - failed, m->n,
		j->beads, failed ? "; the failed ones are named above" : "");
	if (j->store)
		store_summary(j);
	if (j->store && j->review)
		fprintf(stderr, "tmkit align: %zu beads scored below --min-score: review them in the "
			"outputs\n", j->review);
	tmk_manifest_free(m);
	return failed ? EXIT_FAIL : EXIT_OK;
}

/* The TM's glossary as aligner evidence, when there is a TM with terms:
 * the TM opened to store into, else the TM read-only if it exists.  A TM
 * that cannot be read is worth a warning, not a failed alignment. */
static void open_glossary(job_t *j, tmk_lexicon **gl)
{
	tmk_buf path = TMK_BUF_INIT;
	tmk_tm *tm = j->tm;

	*gl = NULL;
	if (!tm) {
		if ((j->ctx->tm_path ? tmk_buf_puts(&path, j->ctx->tm_path) : tmk_tm_default_path(&path)) < 0 ||
		    access(path.ptr, F_OK) != 0) {
			tmk_buf_release(&path);
			return;
		}
		if (tmk_tm_open(&tm, path.ptr, TMK_TM_READONLY) < 0) {
			cli_warn(j->ctx, "align", "glossary not used: %s", tmk_error_last());
			tmk_buf_release(&path);
			return;
		}
	}
	if (tmk_term_lexicon(tm, gl) < 0)
		cli_warn(j->ctx, "align", "glossary not used: %s", tmk_error_last());
	if (tm != j->tm)
		tmk_tm_free(tm);
	tmk_buf_release(&path);
}

/* Map the Ding lexicon; an error says how to go on without it. */
static int open_lexicon(const cli_ctx *ctx, tmk_lexicon **lx)
{
	tmk_buf cache = TMK_BUF_INIT;
	int rc = tmk_lexicon_cache_path(&cache);

	rc = tmk_lexicon_open(lx, TMK_DING_PATH, rc == 0 ? cache.ptr : NULL);
	tmk_buf_release(&cache);
	if (rc < 0) {
		cli_fail(ctx, "align");
		fprintf(stderr, "tmkit align: (or align without it: --no-lexicon)\n");
		return -1;
	}
	return 0;
}

int cmd_align(cli_ctx *ctx, int argc, char **argv)
{
	const char *arg;
	int id, rc, nfiles = 0;
	char *end;
	cli_parser p;
	job_t j;
	tmk_align_doc doc;
	tmk_lexicon *lx = NULL, *gl = NULL;

	memset(&j, 0, sizeof(j));
	memset(&doc, 0, sizeof(doc));
	j.ctx = ctx;
	j.lexicon = 1;
	j.glossary = 1;
	j.jobs = 1;
	j.format = TMK_ALIGN_TSV;
	strcpy(j.langs[0], "de");
	strcpy(j.langs[1], "en");
	cli_parser_init(&p, "align", argc, argv);
	while ((id = cli_next(&p, options, &arg)) != -1) {
		switch (id) {
		case 0:
			if (nfiles == 2)
				return cli_usage_error("align", "give two files: the German text, then the English");
			j.files[nfiles++] = arg;
			break;
		case OPT_SEGMENTED: j.segmented = 1; break;
		case OPT_NO_LEXICON: j.lexicon = 0; break;
		case OPT_NO_GLOSSARY: j.glossary = 0; break;
		case OPT_TM: j.store = 1; break;
		case OPT_FORCE: j.force = 1; break;
		case OPT_BATCH: j.batch = arg; break;
		case OPT_JOBS:
			if (cli_parse_int(arg, 1, 256, &j.jobs) < 0)
				return cli_usage_error("align", "--jobs wants a number from 1 to 256, not '%s'", arg);
			break;
		case OPT_MIN_SCORE:
			j.min_score = strtod(arg, &end);
			if (end == arg || *end || j.min_score < 0 || j.min_score > 1)
				return cli_usage_error("align", "--min-score wants a number from 0 to 1, not '%s'", arg);
			break;
		case OPT_LANG_PAIR:
			if (parse_lang_pair(j.langs, arg) < 0)
				return cli_usage_error("align", "--lang-pair wants two language codes such as "
						       "de-fr, not '%s'", arg);
			break;
		case OPT_FORMAT:
			if (tmk_align_format_parse(&j.format, arg) < 0)
				return cli_usage_error("align", "unknown format '%s' (tsv, beads, json or tmx)", arg);
			break;
		default:
			return -id;
		}
	}
	if (j.batch && nfiles)
		return cli_usage_error("align", "--batch takes the files from the manifest: give no files");
	if (!j.batch && nfiles != 2)
		return cli_usage_error("align", "give two files: the German text, then the English");
	if (!j.batch && j.jobs > 1)
		return cli_usage_error("align", "--jobs goes with --batch");
	if (j.min_score > 0 && !j.store)
		return cli_usage_error("align", "--min-score goes with --tm");
	if (!strcmp(j.langs[0], j.langs[1]))
		return cli_usage_error("align", "--lang-pair: the two languages are the same");
	if (!strcmp(j.langs[0], "en") && !strcmp(j.langs[1], "de"))
		return cli_usage_error("align", "give the German file first (--lang-pair de-en)");
	j.lang_ptr[0] = j.langs[0];
	j.lang_ptr[1] = j.langs[1];
	if (!j.batch && (rc = load_one(&j, &doc)) != EXIT_OK)
		goto done;
	if (j.lexicon && !strcmp(j.langs[0], "de") && !strcmp(j.langs[1], "en")) {
		if (open_lexicon(ctx, &lx) < 0) {
			rc = EXIT_FAIL;
			goto done;
		}
		j.opts.lex = lx;
	}
	if (j.store && (rc = cli_open_tm(ctx, "align", 0, &j.tm)) != EXIT_OK)
		goto done;
	if (j.glossary && !strcmp(j.langs[0], "de") && !strcmp(j.langs[1], "en")) {
		open_glossary(&j, &gl);
		j.opts.glossary = gl;
	}
	rc = j.batch ? align_batch(&j) : align_one(&j, &doc);
done:
	tmk_align_doc_release(&doc);
	tmk_tm_free(j.tm);
	tmk_lexicon_free(gl);
	tmk_lexicon_free(lx);
	return rc;
}
