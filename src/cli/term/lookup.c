/*
 * term/lookup.c - `tmkit term lookup`: the glossary's concepts, the Ding
 * dictionary's senses and the TM's examples for a word or a phrase.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "concord.h"
#include "ding.h"
#include "error.h"
#include "json.h"
#include "lexicon.h"
#include "term.h"
#include "text.h"
#include "tm.h"
#include "term/term_cli.h"

/* A Ding sense's side ("a; b") as a JSON string or, with several, an array. */
static void json_syns(tmk_buf *b, const char *key, const char *s)
{
	const char *p = s, *semi;
	int many = strstr(s, "; ") != NULL;

	tmk_buf_printf(b, ",\"%s\":", key);
	if (many)
		tmk_buf_putc(b, '[');
	for (int k = 0;; k++) {
		semi = strstr(p, "; ");
		if (k)
			tmk_buf_putc(b, ',');
		tmk_json_str(b, p, semi ? (size_t)(semi - p) : strlen(p));
		if (!semi)
			break;
		p = semi + 2;
	}
	if (many)
		tmk_buf_putc(b, ']');
}

static void sense_json(tmk_buf *b, const tmk_ding_sense *d)
{
	tmk_buf_putc(b, '{');
	tmk_json_kv_str(b, 1, "origin", "dictionary", 10);
	json_syns(b, "de", d->de);
	json_syns(b, "en", d->en);
	tmk_buf_puts(b, ",\"status\":null,\"type\":null");
	tmk_json_kv_str(b, 0, "source", "Ding (trans-de-en)", 18);
	tmk_json_kv_str(b, 0, "match", tmk_match_name(d->how), strlen(tmk_match_name(d->how)));
	tmk_json_kv_str(b, 0, "matched", d->matched, strlen(d->matched));
	tmk_json_kv_str(b, 0, "lang", d->lang, 2);
	tmk_buf_printf(b, ",\"evidence\":%zu}\n", d->evidence);
}

static void sense_text(tmk_buf *b, const tmk_ding_sense *d)
{
	tmk_buf_printf(b, "ding      %s  =  %s", d->de, d->en);
	if (d->how != TMK_MATCH_EXACT)
		tmk_buf_printf(b, "  (%s: %s)", tmk_match_name(d->how), d->matched);
	if (d->evidence)
		tmk_buf_printf(b, "  [in %zu TM unit%s]", d->evidence, d->evidence == 1 ? "" : "s");
	tmk_buf_putc(b, '\n');
}

/* A TM example: the unit's two sides, German first. */
static void example_out(tmk_buf *b, const term_args *a, const tmk_concord_hit *h, const char *lang)
{
	const char *de = strcmp(lang, "en") ? h->text : h->translation;
	const char *en = strcmp(lang, "en") ? h->translation : h->text;

	if (a->json) {
		tmk_buf_printf(b, "{\"id\":%lld", (long long)h->id);
		tmk_json_kv_str(b, 0, "origin", "tm", 2);
		tmk_json_kv_str(b, 0, "de", de, strlen(de));
		tmk_json_kv_str(b, 0, "en", en, strlen(en));
		tmk_buf_puts(b, ",\"status\":null,\"type\":null");
		tmk_json_kv_str(b, 0, "match", "concordance", 11);
		if (h->origin)
			tmk_json_kv_str(b, 0, "source", h->origin, strlen(h->origin));
		tmk_buf_puts(b, "}\n");
	} else {
		tmk_buf_printf(b, "tm %6lld  %s\n                 %s\n", (long long)h->id, de, en);
	}
}

#define SENSES_RANKED 64        /* senses read before the best are kept */
#define EVIDENCE_UNITS 100      /* TM units read for them: a frequent word costs no more */

/*
 * The Ding senses of Q, at most a->senses, ranked by what TM tells
 * (tmk_ding_rank: its units that hold Q, the domain of the glossary and
 * of Q's concepts H); a missing dictionary is a warning.
 */
static int dictionary_senses(term_args *a, tmk_tm *tm, const tmk_term_hit *h, size_t nh, tmk_ding_sense **s,
			     size_t *n, const char *q, size_t len)
{
	tmk_ding_evidence ev = { 0 };
	tmk_buf idx = TMK_BUF_INIT;
	tmk_ding *d = NULL;
	int rc = tmk_ding_index_path(&idx);

	*s = NULL;
	*n = 0;
	rc = tmk_ding_open(&d, TMK_DING_PATH, rc == 0 ? idx.ptr : NULL);
	tmk_buf_release(&idx);
	if (rc < 0) {
		cli_warn(a->ctx, "term", "no dictionary senses: %s", tmk_error_last());
		return 0;
	}
	rc = tmk_ding_lookup(d, s, n, a->from, q, len, SENSES_RANKED);
	if (rc == 0 && tm && *n > 0)
		rc = tmk_ding_evidence_tm(&ev, tm, a->from ? a->from : (*s)[0].lang, q, len, h, nh, EVIDENCE_UNITS);
	if (rc == 0)
		rc = tmk_ding_rank(*s, n, (size_t)a->senses, tm ? &ev : NULL);
	tmk_ding_evidence_release(&ev);
	tmk_ding_free(d);
	return rc;
}

/*
 * term lookup: the glossary's concepts, then the Ding dictionary's senses,
 * then examples from the TM's units (concordance), each part in its own
 * order of relevance.  Without a TM, the dictionary alone.
 */
/* Did the glossary find the query itself (exactly or inflected), not just
 * a term near it? */
static int glossary_knows(const tmk_term_hit *h, size_t n)
{
	return n && h[0].how <= TMK_MATCH_INFLECTED;
}

/* Nothing found: say where it was looked for. */
static void not_found(const term_args *a, const tmk_tm *tm, const char *q)
{
	const char *where[4];
	int k = 0;

	if (tm)
		where[k++] = "the glossary";
	where[k++] = "the place names";
	if (a->senses > 0)
		where[k++] = "the dictionary";
	if (tm && a->examples > 0)
		where[k++] = "the TM";
	fprintf(stderr, "tmkit term: '%s' is not in ", q);
	for (int i = 0; i < k; i++)
		fprintf(stderr, "%s%s", i == 0 ? "" : i + 1 == k ? " or " : ", ", where[i]);
	fputc('\n', stderr);
}

/* The arguments as one phrase into Q: valid UTF-8, NFC, as every input is
 * made at the edge.  EXIT_OK, or the failure's exit status. */
static int query_text(term_args *a, tmk_buf *q)
{
	tmk_text *t;

	for (int i = 0; i < a->nargs; i++) {
		if (i)
			tmk_buf_putc(q, ' ');
		tmk_buf_puts(q, a->args[i]);
	}
	if (tmk_text_from_bytes(&t, "<argument>", q->ptr ? q->ptr : "", q->len) < 0)
		return cli_fail(a->ctx, "term");
	tmk_buf_clear(q);
	tmk_buf_put(q, t->data, t->len);
	tmk_text_free(t);
	return EXIT_OK;
}

int term_lookup(term_args *a, tmk_tm *tm)
{
	tmk_buf out = TMK_BUF_INIT, q = TMK_BUF_INIT;
	tmk_term_hit *h = NULL;
	tmk_ding_sense *ds = NULL;
	tmk_concord_hit *ex = NULL;
	size_t n = 0, nd = 0, nx = 0, np = 0, ns = 0;
	const char *lang;
	int rc = 0;

	if (a->nargs == 0)
		return cli_usage_error("term", "lookup wants a word or a phrase");
	if (a->from && strcmp(a->from, "de") && strcmp(a->from, "en"))
		return cli_usage_error("term", "--from wants de or en, not '%s'", a->from);
	if ((rc = query_text(a, &q)) != EXIT_OK) {
		tmk_buf_release(&q);
		return rc;
	}
	if (tm)
		rc = tmk_term_lookup(tm, &h, &n, a->from, q.ptr, q.len, (size_t)a->max);
	if (rc == 0 && a->senses > 0)
		rc = dictionary_senses(a, tm, h, n, &ds, &nd, q.ptr, q.len);
	/* the query's language: as asked, else as the best hit says */
	lang = a->from ? a->from : n ? h[0].lang : nd ? ds[0].lang : "de";
	if (rc == 0 && tm && a->examples > 0) {
		tmk_concord_opts o = { .lang = lang, .max = a->examples };
		rc = tmk_concord(tm, &ex, &nx, q.ptr, q.len, &o);
	}
	if (rc < 0) {
		rc = cli_fail(a->ctx, "term");
		goto done;
	}
	for (size_t i = 0; i < n; i++)
		if (a->json)
			concept_json(&out, h[i].concept, &h[i]);
		else
			concept_text(&out, a->ctx, h[i].concept, &h[i]);
	/* place names the glossary lacks, then a name nothing knows */
	if (!glossary_knows(h, n))
		rc = term_places(a, &out, &np, q.ptr, q.len, (size_t)a->max);
	if (rc == 0 && !n && !np && !nd)        /* a split into words is no name either */
		rc = term_name_spelling(a, &out, &ns, q.ptr, q.len, lang, ex, nx);
	if (rc < 0) {
		rc = cli_fail(a->ctx, "term");
		goto done;
	}
	for (size_t i = 0; i < nd; i++)
		if (a->json)
			sense_json(&out, &ds[i]);
		else
			sense_text(&out, &ds[i]);
	for (size_t i = 0; i < nx; i++)
		example_out(&out, a, &ex[i], lang);
	rc = cli_write(a->ctx, "term", &out);
	if (rc == EXIT_OK)
		rc = cli_finish_output(a->ctx, "term");
	if (rc == EXIT_OK && n + np + ns + nd + nx == 0) {
		not_found(a, tm, q.ptr);
		rc = EXIT_FAIL;
	}
done:
	tmk_term_hits_free(h, n);
	tmk_ding_senses_free(ds, nd);
	tmk_concord_free(ex, nx);
	tmk_buf_release(&out);
	tmk_buf_release(&q);
	return rc;
}
