/*
 * lookup.c - exact and fuzzy TM lookup; see lookup.h.
 *
 * Candidates come from the word index (fuzzy.c), never from a scan of the
 * TM, and are fetched by id with a length filter.  An exact hash lookup
 * runs beside it, so a 100 % match is never missed.  Scoring: word-level
 * Levenshtein over tokens compared case- and diacritic-insensitively
 * (placeholders byte for byte; words weigh 2, punctuation and placeholders
 * 1), score = 100 * (1 - distance / larger weight), 99 when only case,
 * accents or spacing differ, 100 only for identical text.
 *
 * Substitution (issue 13) runs only for a query that holds numbers or
 * placeholders, and for a candidate only when its own pair up with them
 * and one differs: then its translation is tokenised and searched, and
 * the distance computed once more with the pairs as equal.  A query
 * without numbers costs nothing more than before.
 *
 * Here: retrieval and the scoring of a unit; the tokens and the edit
 * distance are in match_toks.c, substitution in match_subst.c (match.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "fuzzy.h"
#include "langtag.h"
#include "lookup.h"
#include "match.h"
#include "qa_num.h"
#include "textnorm.h"
#include "tm_internal.h"

/* ---- scoring ------------------------------------------------------------- */


void tmk_scored_release(scored *r)
{
	free(r->diff);
	free(r->target);
	free(r->sub);
	memset(r, 0, sizeof(*r));
}


/* Score SOURCE (SLANG) against the query: R gets the score and the
 * differing spans, and with TARGET (TLANG) given, what substitution makes
 * of it. */
static int score_unit(const scorer *sc, const char *src, size_t slen, const char *slang, const char *tgt,
		      size_t tlen, const char *tlang, scored *r)
{
	const toks *a = sc->qt;
	toks b;
	int *d = NULL, rc, dist;

	memset(r, 0, sizeof(*r));
	if ((rc = tmk_toks_make(&b, src, slen, 1, slang)) < 0)
		goto done;
	if (!(d = tmk_edit_matrix(a, &b, NULL))) {
		rc = tmk_error_oom();
		goto done;
	}
	dist = d[a->n * (b.n + 1) + b.n];
	r->score = tmk_match_percent(a, &b, dist, sc->qlen == slen && !memcmp(sc->q, src, slen));
	if ((rc = tmk_diff_spans(a, &b, d, &r->diff, &r->ndiff)) < 0)
		goto done;
	if (tgt && sc->penalty >= 0 && dist > 0 && a->nit && b.nit)
		rc = tmk_subst_try(sc, &b, src, slang, tgt, tlen, tlang, r);
done:
	free(d);
	tmk_toks_release(&b);
	if (rc < 0)
		tmk_scored_release(r);
	return rc;
}

int tmk_match_score(const char *q, size_t qlen, const char *c, size_t clen, const char *lang,
		    tmk_diff **diff, size_t *ndiff)
{
	toks a;
	scorer sc = { q, qlen, &a, -1 };
	scored r;
	int rc = tmk_toks_make(&a, q, qlen, 1, lang);

	*diff = NULL;
	*ndiff = 0;
	if (rc == 0 && (rc = score_unit(&sc, c, clen, lang, NULL, 0, NULL, &r)) == 0) {
		*diff = r.diff;
		*ndiff = r.ndiff;
		rc = r.score;
	}
	tmk_toks_release(&a);
	return rc;
}

/* The points a substitution costs under SO (-1: none is made). */
static int penalty_of(const tmk_subst_opts *so)
{
	if (so && so->off)
		return -1;
	if (!so || so->penalty == 0)
		return 1;
	return so->penalty == TMK_SUBST_FREE ? 0 : so->penalty;
}

/* ---- retrieval ---------------------------------------------------------- */

/* Character edit distance (bytes of the matching forms), for ties; long
 * texts fall back to the length difference. */
static size_t char_distance(const char *a, size_t n, const char *b, size_t m)
{
	size_t d;

	if (n > 600 || m > 600 || (d = tmk_byte_distance(a, n, b, m)) == (size_t)-1)
		return n > m ? n - m : m - n;
	return d;
}

/* One lookup: the query in every form scoring needs, its languages, and
 * the matches found so far. */
typedef struct {
	tmk_tm *tm;
	const char *from, *to;          /* language ranges, as asked */
	const char *q;
	size_t qlen;
	toks qt;                        /* the query's tokens, made once */
	tmk_buf qnorm;                  /* its matching form */
	scorer sc;                      /* the query as scoring needs it */
	int min;
	tmk_match *v;
	size_t n, cap;
	int best;                       /* opts' best: MIN rises to the best score found */
} query_ctx;

void tmk_match_release(tmk_match *m)
{
	free(m->source);
	free(m->target);
	free(m->original_target);
	free(m->subst);
	free(m->source_lang);
	free(m->target_lang);
	free(m->origin);
	free(m->diff);
	memset(m, 0, sizeof(*m));
}

void tmk_matches_free(tmk_match *m, size_t n)
{
	if (!m)
		return;
	for (size_t i = 0; i < n; i++)
		tmk_match_release(&m[i]);
	free(m);
}

static int have_id(const query_ctx *qc, int64_t id)
{
	for (size_t i = 0; i < qc->n; i++)
		if (qc->v[i].id == id)
			return 1;
	return 0;
}

/* May a unit whose side in the query's language is tagged TEXT_LANG, and
 * the other side TRANS_LANG, answer the query?  Every variant of the two
 * languages may (ranked by how close its tags are); when the query pairs
 * two variants of one language (en-US -> en-GB), each side must be the
 * variant asked for or its plain language, so that the direction holds. */
static int langs_fit(const query_ctx *qc, const char *text_lang, const char *trans_lang)
{
	if (!tmk_langtag_same_lang(qc->from, text_lang) || !tmk_langtag_same_lang(qc->to, trans_lang))
		return 0;
	if (!tmk_langtag_same_lang(qc->from, qc->to))
		return 1;
	return tmk_langtag_distance(qc->from, text_lang) <= 1 && tmk_langtag_distance(qc->to, trans_lang) <= 1;
}

/* The first file unit ID came from, or NULL (with the error set if the
 * query failed, cleared if the unit simply has none). */
static char *origin_of(tmk_tm *tm, int64_t id)
{
	sqlite3_stmt *st;
	char *name = NULL;

	tmk_error_clear();
	if (!(st = tmk_tm_stmt(tm, STMT_UNIT_ORIGIN_NAME)))
		return NULL;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		name = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_reset(st);
	return name;
}

static char *dup_col(sqlite3_stmt *st, int col)
{
	return strndup((const char *)sqlite3_column_text(st, col), (size_t)sqlite3_column_bytes(st, col));
}

/* Give match M what scoring found (R, emptied): its score, diff and
 * substitutions; TARGET (the translation as stored, M's) becomes
 * original_target when something was substituted. */
static void take_scored(tmk_match *m, scored *r)
{
	m->score = r->score;
	m->diff = r->diff;
	m->ndiff = r->ndiff;
	if (r->target) {
		m->original_target = m->target;
		m->target = r->target;
	}
	m->subst = r->sub;
	m->nsubst = r->nsub;
	memset(r, 0, sizeof(*r));
}

/* Add the row of ST (id, text, translation, text's tag, translation's tag)
 * as a match scored R, which it takes over. */
static int add_match(query_ctx *qc, sqlite3_stmt *st, scored *r)
{
	tmk_buf cnorm = TMK_BUF_INIT;
	tmk_match *m;

	if (qc->n == qc->cap) {
		tmk_match *nv = realloc(qc->v, (qc->cap = qc->cap ? qc->cap * 2 : 16) * sizeof(*nv));
		if (!nv) {
			tmk_scored_release(r);
			return tmk_error_oom();
		}
		qc->v = nv;
	}
	m = &qc->v[qc->n++];
	memset(m, 0, sizeof(*m));
	m->id = sqlite3_column_int64(st, 0);
	m->target = dup_col(st, 2);
	take_scored(m, r);
	m->source = dup_col(st, 1);
	m->source_lang = dup_col(st, 3);
	m->target_lang = dup_col(st, 4);
	if (!m->source || !m->target || !m->source_lang || !m->target_lang ||
	    tmk_norm_match(&cnorm, m->source, (size_t)sqlite3_column_bytes(st, 1)) < 0) {
		tmk_buf_release(&cnorm);
		return tmk_error_oom();
	}
	m->lang_rank = tmk_langtag_distance(qc->from, m->source_lang) + tmk_langtag_distance(qc->to, m->target_lang);
	m->chardist = char_distance(qc->qnorm.ptr ? qc->qnorm.ptr : "", qc->qnorm.len,
				    cnorm.ptr ? cnorm.ptr : "", cnorm.len);
	tmk_buf_release(&cnorm);
	if (qc->best && m->score > qc->min)
		qc->min = m->score;
	return 0;
}

/* Score every row of ST (id, text, translation, their tags) against the
 * query and keep those in the query's languages that reach the minimum. */
static int collect(query_ctx *qc, sqlite3_stmt *st)
{
	int rc = 0, step;

	while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *slang = (const char *)sqlite3_column_text(st, 3);
		const char *tlang = (const char *)sqlite3_column_text(st, 4);
		scored r;

		if (have_id(qc, sqlite3_column_int64(st, 0)) || !langs_fit(qc, slang, tlang))
			continue;
		rc = score_unit(&qc->sc, (const char *)sqlite3_column_text(st, 1), (size_t)sqlite3_column_bytes(st, 1),
				slang, (const char *)sqlite3_column_text(st, 2), (size_t)sqlite3_column_bytes(st, 2),
				tlang, &r);
		if (rc == 0 && r.score >= qc->min)
			rc = add_match(qc, st, &r);
		else if (rc == 0)
			tmk_scored_release(&r);
	}
	sqlite3_reset(st);
	if (rc == 0 && step != SQLITE_DONE)
		rc = tmk_tm_dberr(qc->tm, "lookup failed");
	return rc;
}

/* Does any unit have the query's languages on SIDE (0: the query is its
 * source)?  The language pairs table is small; a lookup reads it once a
 * side.  Unknown (a failed read) counts as yes: the lookup then finds out. */
static int side_possible(const query_ctx *qc, int side)
{
	sqlite3_stmt *st = tmk_tm_stmt(qc->tm, STMT_LANG_PAIRS);
	int yes = 0;

	if (!st)
		return 1;
	while (!yes && sqlite3_step(st) == SQLITE_ROW) {
		const char *a = (const char *)sqlite3_column_text(st, side);
		const char *b = (const char *)sqlite3_column_text(st, !side);
		yes = a && b && langs_fit(qc, a, b);
	}
	sqlite3_reset(st);
	return yes;
}

/* The matches with the query on SIDE of a unit: the exact hash, then the
 * fuzzy candidates fetched by id with a length filter (a unit whose word
 * count is too far from the query's cannot score MIN; with BEST, MIN is
 * the best score so far, so the filter narrows as better matches come). */
static int lookup_side(query_ctx *qc, int side)
{
	size_t qwords = tmk_count_words(qc->q, qc->qlen), nids;
	sqlite3_stmt *st = tmk_tm_stmt(qc->tm, side ? STMT_EXACT_TARGET : STMT_EXACT_SOURCE);
	int64_t *ids;
	int rc;

	if (!st)
		return TMK_EIO;
	sqlite3_bind_int64(st, 1, tmk_tm_text_hash(qc->from, qc->qnorm.ptr ? qc->qnorm.ptr : "", qc->qnorm.len));
	if ((rc = collect(qc, st)) < 0)
		return rc;
	if ((rc = tmk_fuzzy_candidates(qc->tm, &ids, &nids, side ? "target_norm" : "source_norm", &qc->qnorm)) < 0)
		return rc;
	for (size_t i = 0; i < nids && rc == 0; i++) {
		if (!(st = tmk_tm_stmt(qc->tm, side ? STMT_CAND_TARGET : STMT_CAND_SOURCE))) {
			rc = TMK_EIO;
			break;
		}
		sqlite3_bind_int64(st, 1, ids[i]);
		sqlite3_bind_int64(st, 2, (long long)qwords * qc->min / 100);
		sqlite3_bind_int64(st, 3, (long long)qwords * 100 / qc->min + 1);
		rc = collect(qc, st);
	}
	free(ids);
	return rc;
}

/* Best first: score, then the closest language variants (de-CH before de
 * before de-DE for a de-CH query), then the fewest changed characters. */
static int cmp_matches(const void *a, const void *b)
{
	const tmk_match *x = a, *y = b;

	if (x->score != y->score)
		return y->score - x->score;
	if (x->lang_rank != y->lang_rank)
		return x->lang_rank - y->lang_rank;
	if (x->chardist != y->chardist)
		return x->chardist < y->chardist ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

int tmk_lookup(tmk_tm *tm, tmk_match **out, size_t *n, const char *query, size_t len,
	       const tmk_lookup_opts *o)
{
	return tmk_lookup_with(tm, out, n, query, len, o, NULL);
}

int tmk_lookup_with(tmk_tm *tm, tmk_match **out, size_t *n, const char *query, size_t len,
		    const tmk_lookup_opts *o, const tmk_subst_opts *so)
{
	query_ctx qc = { tm, o->from ? o->from : "de", NULL, query, len, { 0 }, TMK_BUF_INIT,
			 { query, len, NULL, penalty_of(so) }, o->min > 0 ? o->min : 70, NULL, 0, 0, o->best };
	int max = o->max > 0 ? o->max : 5, rc = 0, own;

	*out = NULL;
	*n = 0;
	if ((rc = tmk_tm_read_begin(tm, &own)) < 0)
		return rc;
	qc.to = o->to ? o->to : tmk_langtag_same_lang(qc.from, "de") ? "en" : "de";
	qc.sc.qt = &qc.qt;
	if ((rc = tmk_norm_match(&qc.qnorm, query, len)) < 0 || (rc = tmk_toks_make(&qc.qt, query, len, 1, qc.from)) < 0)
		goto done;
	/* the query's language may be either side of a unit */
	for (int side = 0; side < 2 && rc == 0; side++)
		if (side_possible(&qc, side))
			rc = lookup_side(&qc, side);
	if (rc < 0)
		goto done;
	if (qc.n > 1)
		qsort(qc.v, qc.n, sizeof(*qc.v), cmp_matches);
	while (qc.n > (size_t)max)
		tmk_match_release(&qc.v[--qc.n]);
	for (size_t i = 0; i < qc.n; i++)
		if (!(qc.v[i].origin = origin_of(tm, qc.v[i].id)) && tmk_error_code() < 0) {
			rc = tmk_error_code();
			goto done;
		}
	*out = qc.v;
	*n = qc.n;
	qc.v = NULL;
	qc.n = 0;
done:
	tmk_tm_read_end(tm, own);
	tmk_matches_free(qc.v, qc.n);
	tmk_buf_release(&qc.qnorm);
	tmk_toks_release(&qc.qt);
	return rc;
}

int tmk_match_unit(tmk_match *m, const char *q, size_t qlen, const char *source, size_t slen,
		   const char *slang, const char *target, size_t tlen, const char *tlang,
		   const tmk_subst_opts *so)
{
	toks a;
	scorer sc = { q, qlen, &a, penalty_of(so) };
	scored r;
	int rc;

	memset(m, 0, sizeof(*m));
	if ((rc = tmk_toks_make(&a, q, qlen, 1, slang)) == 0 &&
	    (rc = score_unit(&sc, source, slen, slang, target, tlen, tlang, &r)) == 0) {
		if (!(m->target = strndup(target, tlen))) {
			tmk_scored_release(&r);
			rc = tmk_error_oom();
		} else {
			take_scored(m, &r);
		}
	}
	tmk_toks_release(&a);
	return rc;
}

