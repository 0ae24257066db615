/*
 * concord.c - concordance over the TM; see concord.h.
 *
 * Each query word is reduced to its matching form and a stem (inflection
 * endings off).  A German stem is looked up as a substring among the TM's
 * distinct words (the trigram index of the word table), which finds
 * compounds and inflected forms; English stems are word prefixes.  Either
 * way the candidates come from the word index.  Candidates then pass a check on the real
 * words: every query stem must begin a word (or, in German, stand inside
 * one: the head of a compound), in query order, side by side.  Candidate
 * rows are fetched a page at a time, so a common word costs no more than a
 * rare one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>

#include "concord.h"
#include "error.h"
#include "langtag.h"
#include "textnorm.h"
#include "tm_internal.h"
#include "utf8.h"

#define PAGE 200

static int u_isalnum_wrapper(int32_t c)
{
	return u_isalnum(c) != 0;
}
#define MAX_QWORDS 8

void tmk_concord_free(tmk_concord_hit *h, size_t n)
{
	if (!h)
		return;
	for (size_t i = 0; i < n; i++) {
		free(h[i].text);
		free(h[i].translation);
		free(h[i].lang);
		free(h[i].translation_lang);
		free(h[i].origin);
	}
	free(h);
}

static int ends_with(const char *s, size_t len, const char *suf)
{
	size_t n = strlen(suf);
	return len >= n && !memcmp(s + len - n, suf, n);
}

size_t tmk_stem_len(const char *lang, const char *s, size_t len)
{
	static const char *const de[] = { "ern", "en", "er", "es", "em", "e", "n", "s", NULL };
	static const char *const en[] = { "ies", "es", "ed", "ing", "s", NULL };
	const char *const *suf = tmk_langtag_same_lang(lang, "de") ? de : en;

	/* a stem of at least four characters stays; short words stay whole */
	for (; *suf; suf++) {
		size_t n = strlen(*suf);
		if (len >= n + 4 && ends_with(s, len, *suf))
			return len - n;
	}
	return len;
}

int tmk_stem(tmk_buf *out, const char *lang, const char *s, size_t len)
{
	return tmk_buf_put(out, s, tmk_stem_len(lang, s, len));
}

typedef struct {
	char stem[128];
	size_t len;
} qword;

/* Split the query's matching form into words and stem them. */
static int query_words(qword *w, size_t *n, const char *lang, const char *q, size_t len)
{
	tmk_buf norm = TMK_BUF_INIT, st = TMK_BUF_INIT;
	tmk_token *t = NULL;
	size_t nt = 0;
	int rc;

	*n = 0;
	if ((rc = tmk_norm_match(&norm, q, len)) < 0 ||
	    (rc = tmk_tokenize(&t, &nt, norm.ptr ? norm.ptr : "", norm.len)) < 0)
		goto done;
	for (size_t i = 0; i < nt && *n < MAX_QWORDS; i++) {
		if (!t[i].word)
			continue;
		tmk_buf_clear(&st);
		if ((rc = tmk_stem(&st, lang, norm.ptr + t[i].start, t[i].end - t[i].start)) < 0)
			goto done;
		if (st.len >= sizeof(w[0].stem))
			continue;
		memcpy(w[*n].stem, st.ptr, st.len);
		w[*n].stem[st.len] = '\0';
		w[*n].len = st.len;
		(*n)++;
	}
	if (*n == 0)
		rc = tmk_error_set(TMK_EINVAL, "no word to look for in '%.*s'", (int)len, q);
done:
	free(t);
	tmk_buf_release(&norm);
	tmk_buf_release(&st);
	return rc;
}

/* Does word W (matching form) hold stem S the way the query wants? */
static int word_fits(const char *w, size_t wl, const qword *s, int german)
{
	if (wl < s->len)
		return 0;
	if (!memcmp(w, s->stem, s->len))
		return 1;                       /* the word starts with the stem */
	if (!german || s->len < 5)
		return 0;                       /* short stems: no inner matches */
	for (size_t i = 1; i + s->len <= wl; i++)  /* a compound's later part */
		if (!memcmp(w + i, s->stem, s->len))
			return 1;
	return 0;
}

/* Find the query words side by side in TEXT; the span of the first
 * occurrence goes to *START and *END.  Returns 1 if found. */
static int find_in_text(const char *text, size_t len, const qword *q, size_t nq, int german,
			size_t *start, size_t *end)
{
	tmk_token *t = NULL;
	size_t nt = 0;
	tmk_buf key = TMK_BUF_INIT;
	int found = 0;

	if (tmk_tokenize(&t, &nt, text, len) < 0)
		return 0;
	for (size_t i = 0; i < nt && !found; i++) {
		size_t k = 0, j = i;
		while (k < nq && j < nt) {
			if (!t[j].word) {
				j++;
				continue;
			}
			tmk_buf_clear(&key);
			if (tmk_norm_match(&key, text + t[j].start, t[j].end - t[j].start) < 0 ||
			    !word_fits(key.ptr ? key.ptr : "", key.len, &q[k], german))
				break;
			k++;
			j++;
		}
		if (k == nq && t[i].word) {
			*start = t[i].start;
			*end = t[j - 1].end;
			found = 1;
		}
	}
	free(t);
	tmk_buf_release(&key);
	return found;
}

#define MAX_WORDS 60            /* TM words tried for one query word: shortest first */

static int is_alnum_only(const char *s, size_t len)
{
	return tmk_utf8_span_fwd(s, len, 0, u_isalnum_wrapper, 1) == len;
}

/* Append to M the TM's words that hold German stem Q (as word_fits
 * wants), OR-ed; *NONE is set when there are none. */
static int grams_alternatives(tmk_tm *tm, tmk_buf *m, const qword *q, int *none)
{
	sqlite3_stmt *st = tmk_tm_stmt(tm, STMT_GRAM_WORDS);
	char match[sizeof(q->stem) + 3];
	int n = 0, step;

	if (!st)
		return TMK_EIO;
	snprintf(match, sizeof(match), "\"%.*s\"", (int)q->len, q->stem);    /* no '"' in a stem */
	sqlite3_bind_text(st, 1, match, -1, SQLITE_TRANSIENT);
	while (n < MAX_WORDS && (step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *w = (const char *)sqlite3_column_text(st, 0);
		size_t wl = (size_t)sqlite3_column_bytes(st, 0);
		if (!word_fits(w, wl, q, 1))
			continue;
		tmk_buf_printf(m, "%s\"%s\"", n++ ? " OR " : "(", w);
	}
	sqlite3_reset(st);
	if (n)
		tmk_buf_putc(m, ')');
	*none = n == 0;
	return 0;
}

/* The word-index query for the candidates.  A German stem of three or more
 * letters and digits becomes the TM's words that hold it (found through
 * the trigrams of the word table); anything else becomes its parts as the
 * word index cuts them (at anything not a letter or digit), the last one
 * as a prefix.  Query words are AND-ed.  *NONE: nothing can match. */
static int build_query(tmk_tm *tm, tmk_buf *m, const qword *q, size_t nq, int german, int *none)
{
	int rc;

	*none = 0;
	tmk_buf_puts(m, "{source_norm target_norm} : (");
	for (size_t i = 0; i < nq && !*none; i++) {
		size_t k = 0, parts = 0;

		if (i)
			tmk_buf_puts(m, " AND ");
		if (german && q[i].len >= 3 && is_alnum_only(q[i].stem, q[i].len)) {
			if ((rc = grams_alternatives(tm, m, &q[i], none)) < 0)
				return rc;
			continue;
		}
		while (k < q[i].len) {
			size_t b = tmk_utf8_span_fwd(q[i].stem, q[i].len, k, u_isalnum_wrapper, 0);
			size_t e = tmk_utf8_span_fwd(q[i].stem, q[i].len, b, u_isalnum_wrapper, 1);
			if (e > b)
				tmk_buf_printf(m, "%s\"%.*s\"%s", parts++ ? " " : "", (int)(e - b), q[i].stem + b,
					       e == q[i].len ? "*" : "");
			k = e;
		}
		if (!parts)
			return tmk_error_set(TMK_EINVAL, "no word to look for");
	}
	tmk_buf_putc(m, ')');
	return 0;
}

static char *dup_col(sqlite3_stmt *st, int col)
{
	return strndup((const char *)sqlite3_column_text(st, col), (size_t)sqlite3_column_bytes(st, col));
}

int tmk_concord(tmk_tm *tm, tmk_concord_hit **out, size_t *n, const char *query, size_t len,
		const tmk_concord_opts *o)
{
	const char *lang = o->lang ? o->lang : "de";
	int german = tmk_langtag_same_lang(lang, "de"), none, max = o->max > 0 ? o->max : 20, rc;
	qword q[MAX_QWORDS];
	size_t nq, cap = 0, rows;
	tmk_buf m = TMK_BUF_INIT;
	tmk_concord_hit *hits = NULL;
	int64_t last = 0;
	int own = 0;

	*out = NULL;
	*n = 0;
	if ((rc = query_words(q, &nq, lang, query, len)) < 0 || (rc = tmk_tm_read_begin(tm, &own)) < 0)
		return rc;
	if ((rc = build_query(tm, &m, q, nq, german, &none)) < 0 || none)
		goto done;
	do {
		sqlite3_stmt *st = tmk_tm_stmt(tm, STMT_CONCORD_WORDS);
		int step;

		if (!st) {
			rc = TMK_EIO;
			goto done;
		}
		sqlite3_bind_text(st, 1, m.ptr, (int)m.len, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, last);
		sqlite3_bind_int(st, 3, PAGE);
		rows = 0;
		while ((step = sqlite3_step(st)) == SQLITE_ROW && *n < (size_t)max) {
			/* the side in the query's language range ("de" covers de-CH) */
			int side = tmk_langtag_in_range(lang, (const char *)sqlite3_column_text(st, 1)) ? 3 :
				   tmk_langtag_in_range(lang, (const char *)sqlite3_column_text(st, 2)) ? 4 : 0;
			tmk_concord_hit *h;
			size_t s, e;

			rows++;
			last = sqlite3_column_int64(st, 0);
			if (!side || !find_in_text((const char *)sqlite3_column_text(st, side),
						   (size_t)sqlite3_column_bytes(st, side), q, nq, german, &s, &e))
				continue;
			if (*n == cap) {
				tmk_concord_hit *nh = realloc(hits, (cap = cap ? cap * 2 : 16) * sizeof(*nh));
				if (!nh) {
					rc = tmk_error_oom();
					sqlite3_reset(st);
					goto done;
				}
				hits = nh;
			}
			h = &hits[(*n)++];
			memset(h, 0, sizeof(*h));
			h->id = last;
			h->text = dup_col(st, side);
			h->translation = dup_col(st, side == 3 ? 4 : 3);
			h->lang = dup_col(st, side - 2);
			h->translation_lang = dup_col(st, side == 3 ? 2 : 1);
			h->start = s;
			h->end = e;
			if (!h->text || !h->translation || !h->lang || !h->translation_lang) {
				rc = tmk_error_oom();
				sqlite3_reset(st);
				goto done;
			}
		}
		if (step != SQLITE_ROW && step != SQLITE_DONE) {
			rc = tmk_tm_dberr(tm, "concordance failed");
			goto done;
		}
		sqlite3_reset(st);
	} while (rows == PAGE && *n < (size_t)max);
	for (size_t i = 0; i < *n; i++) {
		sqlite3_stmt *st = tmk_tm_stmt(tm, STMT_UNIT_ORIGIN_NAME);
		if (!st) {
			rc = TMK_EIO;
			goto done;
		}
		sqlite3_bind_int64(st, 1, hits[i].id);
		if (sqlite3_step(st) == SQLITE_ROW)
			hits[i].origin = dup_col(st, 0);
		sqlite3_reset(st);
	}
	*out = hits;
	hits = NULL;
done:
	tmk_tm_read_end(tm, own);
	if (hits)
		tmk_concord_free(hits, *n), *n = 0;
	tmk_buf_release(&m);
	return rc;
}
