/*
 * term/extract.c - `tmkit term extract`: German-English term pairs proposed
 * from the TM's aligned units, printed for review or accepted.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "error.h"
#include "extract.h"
#include "json.h"
#include "lexicon.h"
#include "term.h"
#include "tm.h"
#include "term/term_cli.h"

static void candidate_out(tmk_buf *b, const term_args *a, const tmk_term_candidate *c, size_t rank,
			  int csv)
{
	char note[160];

	snprintf(note, sizeof(note), "extracted: score %.2f, %zu units together, evidence %s%s", c->score,
		 c->together, c->evidence, c->known ? ", in the glossary" : "");
	if (csv) {
		csv_field(b, c->de, 0);
		csv_field(b, c->en, 0);
		csv_field(b, strcmp(c->type, "acronym") ? "term" : "acronym", 0);
		csv_field(b, "admitted", 0);
		csv_field(b, note, 0);
		csv_field(b, "tmkit term extract", 1);
	} else if (a->json) {
		tmk_buf_printf(b, "{\"rank\":%zu", rank);
		tmk_json_kv_str(b, 0, "de", c->de, strlen(c->de));
		tmk_json_kv_str(b, 0, "en", c->en, strlen(c->en));
		tmk_json_kv_str(b, 0, "origin", "extract", 7);
		tmk_json_kv_str(b, 0, "status", "proposed", 8);
		tmk_json_kv_str(b, 0, "type", c->type, strlen(c->type));
		tmk_buf_printf(b, ",\"score\":%.4f,\"dice\":%.4f,\"llr\":%.1f,\"together\":%zu,\"de_freq\":%zu,"
			       "\"en_freq\":%zu", c->score, c->dice, c->llr, c->together, c->de_freq, c->en_freq);
		tmk_json_kv_str(b, 0, "evidence", c->evidence, strlen(c->evidence));
		tmk_buf_printf(b, ",\"known\":%s", c->known ? "true" : "false");
		if (c->example_de) {
			tmk_buf_printf(b, ",\"example_id\":%lld", (long long)c->example_id);
			tmk_json_kv_str(b, 0, "example_de", c->example_de, strlen(c->example_de));
			tmk_json_kv_str(b, 0, "example_en", c->example_en, strlen(c->example_en));
		}
		tmk_buf_puts(b, "}\n");
	} else {
		tmk_buf_printf(b, "%4zu  %.2f %4zu  %s  =  %s  [%s, %s%s]\n", rank, c->score, c->together, c->de,
			       c->en, c->type, c->evidence, c->known ? ", in the glossary" : "");
		if (c->example_de)
			tmk_buf_printf(b, "                 %s\n                 %s\n", c->example_de, c->example_en);
	}
}

/*
 * term extract: German-English term pairs proposed from the TM's aligned
 * units, ranked; --format csv gives a file `term import` reads back after
 * review, --accept --min-score X adds the pairs shown that score X or more
 * (status admitted) at once.
 */
int term_extract(term_args *a, tmk_tm *tm)
{
	tmk_extract_opts o = { a->min_freq, (size_t)a->top, NULL, a->all, cli_progress_update, NULL, NULL,
			       TMK_DING_PATH };
	tmk_term_candidate *c = NULL;
	tmk_lexicon *lx = NULL;
	tmk_buf out = TMK_BUF_INIT;
	cli_progress pr;
	size_t n = 0, added = 0, merged = 0;
	int rc, csv = a->format && !strcmp(a->format, "csv");

	if (a->nargs)
		return cli_usage_error("term", "extract takes no arguments: it reads the TM's units");
	if (a->accept && !a->has_min_score)
		return cli_usage_error("term", "--accept wants --min-score X: only the proposals scoring X or "
				       "more go into the glossary (review the list first)");
	if (a->has_min_score && !a->accept)
		return cli_usage_error("term", "--min-score goes with --accept");
	if (!a->no_lexicon) {
		tmk_buf cache = TMK_BUF_INIT;
		rc = tmk_lexicon_cache_path(&cache);
		if (tmk_lexicon_open(&lx, TMK_DING_PATH, rc == 0 ? cache.ptr : NULL) < 0)
			cli_warn(a->ctx, "term", "pairs without the lexicon's evidence: %s (or --no-lexicon)",
				 tmk_error_last());
		tmk_buf_release(&cache);
	}
	o.lex = lx;
	cli_progress_init(&pr, "term", "units");
	o.ud = &pr;
	rc = tmk_term_extract(tm, &c, &n, &o);
	cli_progress_end(&pr);
	tmk_lexicon_free(lx);
	if (rc < 0)
		return cli_fail(a->ctx, "term");
	if (csv)
		tmk_buf_puts(&out, "de,en,type,status,note,source\r\n");
	else if (!a->json && n)
		tmk_buf_puts(&out, "rank score units  German  =  English  [type, evidence]\n");
	for (size_t i = 0; i < n; i++)
		candidate_out(&out, a, &c[i], i + 1, csv);
	if (a->accept && n) {
		rc = tmk_tm_begin(tm);
		for (size_t i = 0; i < n && rc == 0; i++) {
			if (c[i].score < a->min_score)
				continue;       /* shown, not taken */
			tmk_term_in t[2] = { { "de", c[i].de, strlen(c[i].de), "admitted", NULL },
					     { "en", c[i].en, strlen(c[i].en), "admitted", NULL } };
			/* a name's kind (person, place, organisation) is the reviewer's to say */
			tmk_concept_in ci = { strcmp(c[i].type, "acronym") ? "term" : "acronym", NULL, NULL, NULL,
					      "tmkit term extract", t, 2 };
			int64_t id;
			int m, ch;
			if ((rc = tmk_concept_add(tm, &id, &m, &ch, &ci)) == 0) {
				added += !m;
				merged += m && ch;
			}
		}
		rc = rc == 0 ? tmk_tm_commit(tm) : (tmk_tm_rollback(tm), rc);
		if (rc < 0) {
			tmk_term_candidates_free(c, n);
			tmk_buf_release(&out);
			return cli_fail(a->ctx, "term");
		}
	}
	rc = cli_write(a->ctx, "term", &out);
	if (rc == EXIT_OK)
		rc = cli_finish_output(a->ctx, "term");
	if (a->accept)
		fprintf(stderr, "tmkit term: %zu concepts added, %zu merged into the glossary (score %.2f or more)\n",
			added, merged, a->min_score);
	else if (n == 0 && rc == EXIT_OK) {
		fprintf(stderr, "tmkit term: no pair of terms in %d units or more (try --min-freq)\n",
			a->min_freq);
		rc = EXIT_FAIL;
	}
	tmk_term_candidates_free(c, n);
	tmk_buf_release(&out);
	return rc;
}
