/*
 * concord.c - concordance over the TM; see concord.h.
 *
 * Each query word is reduced to its matching form and a stem (inflection
 * endings off).  A German stem is looked up as a substring among the TM's
 * distinct words (the trigram index of the word table), which finds
 * compounds and inflected forms; English stems are word prefixes.  Either
 * way the candidates come from the word index.  Candidates then pass a check on the real
 * words: every query stem must begin a word (or, in German, stand inside
 * one: the head of a compound), each group (a quoted phrase, or a run of
 * unquoted words) in query order, side by side.  Acronyms, --exact,
 * --case and --word are checked there too, on the text as stored (the
 * index holds folded forms, which know neither case nor order).  Candidate
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

/* One query word.  STEM is what the index and the check look for: the
 * stem, or the whole matching form with --exact or for an acronym. */
typedef struct {
	char stem[128];
	size_t len;
	char form[128];         /* the whole word's matching form */
	size_t form_len;
	char orig[128];         /* as typed, for the case checks */
	size_t orig_len;
	int first;              /* starts a group (a phrase, or a run of unquoted words) */
	int acronym;            /* matched case-sensitively and whole */
	int part;               /* a hyphen part of a longer query word */
} qword;

typedef struct {
	qword w[MAX_QWORDS];
	size_t n;
	unsigned modes;         /* as asked, --exact implying --word */
	int phrase;             /* a quoted phrase was read */
} cquery;

/* Is S[0..LEN) an acronym: 2 to 5 code points, all upper-case letters? */
static int is_acronym(const char *s, size_t len)
{
	size_t i = 0, n = 0;

	if (len < 2 || len > 20)
		return 0;
	while (i < len) {
		if (!u_isupper(tmk_utf8_next(s, len, &i)) || ++n > 5)
			return 0;
	}
	return n >= 2;
}

/* Does the non-word token S[0..LEN) hold a quotation mark ("
 * „ “ ” « »)?  Returns how many. */
static int quote_marks(const char *s, size_t len)
{
	size_t i = 0;
	int n = 0;

	while (i < len) {
		int32_t c = tmk_utf8_next(s, len, &i);
		n += c == '"' || c == 0x201E || c == 0x201C || c == 0x201D || c == 0xAB || c == 0xBB;
	}
	return n;
}

/* Add the query word O[0..OL) (as typed) to Q. */
static int add_qword(cquery *q, const char *lang, const char *o, size_t ol, int first, int part)
{
	qword *w = &q->w[q->n];
	tmk_buf f = TMK_BUF_INIT;
	int rc;

	if (q->n >= MAX_QWORDS || ol >= sizeof(w->orig))
		return 0;
	if ((rc = tmk_norm_match(&f, o, ol)) < 0)
		goto done;
	rc = 0;
	if (f.len == 0 || f.len >= sizeof(w->form))
		goto done;              /* nothing to match, or too long to hold: skipped */
	rc = 1;
	memset(w, 0, sizeof(*w));
	memcpy(w->orig, o, ol);
	w->orig_len = ol;
	memcpy(w->form, f.ptr, f.len);
	w->form_len = f.len;
	w->acronym = is_acronym(o, ol);
	w->len = w->acronym || (q->modes & TMK_CONCORD_EXACT) ? f.len : tmk_stem_len(lang, f.ptr, f.len);
	memcpy(w->stem, f.ptr, w->len);
	w->first = first;
	w->part = part;
	q->n++;
done:
	tmk_buf_release(&f);
	return rc;
}

/* Read QUERY into Q: its words (split at hyphens too), grouped by quotes.
 * An unbalanced quote runs to the end of the query. */
static int parse_query(cquery *q, const char *lang, unsigned modes, const char *query, size_t len)
{
	tmk_token *t = NULL;
	size_t nt = 0;
	int rc, quoted = 0, first = 1;

	memset(q, 0, sizeof(*q));
	q->modes = modes & (TMK_CONCORD_EXACT | TMK_CONCORD_CASE | TMK_CONCORD_WORD);
	if (q->modes & TMK_CONCORD_EXACT)
		q->modes |= TMK_CONCORD_WORD;
	if ((rc = tmk_tokenize(&t, &nt, query, len)) < 0)
		return rc;
	for (size_t i = 0; i < nt && rc >= 0; i++) {
		const char *s = query + t[i].start;
		size_t l = t[i].end - t[i].start, b = 0;
		int marks = t[i].word ? 0 : quote_marks(s, l), hyphen = memchr(s, '-', l) != NULL;

		if (marks) {
			quoted = (quoted + marks) % 2;
			q->phrase |= quoted;
			first = 1;
			continue;
		}
		if (!t[i].word)
			continue;
		while (b < l && rc >= 0) {      /* the parts between hyphens */
			const char *h = memchr(s + b, '-', l - b);
			size_t e = h ? (size_t)(h - s) : l;
			if (e > b && (rc = add_qword(q, lang, s + b, e - b, first, hyphen)) > 0)
				first = 0;
			b = e + 1;
		}
	}
	free(t);
	if (rc >= 0 && q->n == 0)
		rc = tmk_error_set(TMK_EINVAL, "no word to look for in '%.*s'", (int)len, query);
	return rc < 0 ? rc : 0;
}

unsigned tmk_concord_modes(const char *query, size_t len, const tmk_concord_opts *o)
{
	cquery q;
	unsigned m;

	if (parse_query(&q, o->lang ? o->lang : "de", o->modes, query, len) < 0) {
		tmk_error_clear();
		return 0;
	}
	m = q.modes | (q.phrase ? TMK_CONCORD_PHRASE : 0);
	for (size_t i = 0; i < q.n; i++)
		if (q.w[i].acronym)
			m |= TMK_CONCORD_ACRONYM;
	return m;
}

const char *tmk_concord_mode_name(unsigned bit)
{
	switch (bit) {
	case TMK_CONCORD_EXACT: return "exact";
	case TMK_CONCORD_CASE: return "case";
	case TMK_CONCORD_WORD: return "word";
	case TMK_CONCORD_PHRASE: return "phrase";
	case TMK_CONCORD_ACRONYM: return "acronym";
	}
	return "?";
}

const char *tmk_concord_how_name(int how)
{
	return how == TMK_CONCORD_HOW_EXACT ? "exact" : how == TMK_CONCORD_HOW_INFLECTION ? "inflection" :
	       "compound";
}

/* Does word W (matching form) hold stem S the way the query wants?  (The
 * TM's word list, before any text is read.) */
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

/* Is S[0..N) (matching form) an inflection ending, or nothing? */
static int is_ending(const char *s, size_t n, int german)
{
	static const char *const de[] = { "e", "en", "er", "es", "em", "ern", "n", "s", "ns", "ens", NULL };
	static const char *const en[] = { "s", "es", "ed", "ing", "ies", "ied", "d", "y", "ings", NULL };

	if (n == 0)
		return 1;
	for (const char *const *e = german ? de : en; *e; e++)
		if (strlen(*e) == n && !memcmp(s, *e, n))
			return 1;
	return 0;
}

/* Do the letters of the query word as typed and the text word O from the
 * match on (AT bytes into its matching form F) agree in case, code point
 * by code point?  (A folded ß is two letters: the map may slip by one
 * after it, which only ever compares two lower-case letters.) */
static int case_agrees(const char *o, size_t ol, const char *f, size_t at, const qword *q)
{
	size_t i = 0, k = 0, j = 0;

	while (k < at)                          /* code points before the match */
		tmk_utf8_next(f, at, &k), tmk_utf8_next(o, ol, &i);
	while (i < ol && j < q->orig_len) {
		int32_t a = tmk_utf8_next(o, ol, &i), b = tmk_utf8_next(q->orig, q->orig_len, &j);
		if ((u_isupper(a) != 0) != (u_isupper(b) != 0))
			return 0;
	}
	return 1;
}

/* A text word: its span in the text and in the folded buffer. */
typedef struct {
	size_t start, end, fstart, fend;
} tword;

/* How text word W matches query word Q (TMK_CONCORD_HOW_*), or -1. */
static int word_how(const char *text, const tword *w, const char *fold, const qword *q, unsigned modes,
		    int german)
{
	const char *o = text + w->start, *f = fold + w->fstart;
	size_t ol = w->end - w->start, fl = w->fend - w->fstart, at = 0;
	int how;

	if (q->acronym)
		return ol == q->orig_len && !memcmp(o, q->orig, ol) ? TMK_CONCORD_HOW_EXACT : -1;
	if (!q->part && is_acronym(o, ol))
		return -1;                      /* an acronym in the text: only itself finds it */
	if (fl == q->form_len && !memcmp(f, q->form, fl))
		how = TMK_CONCORD_HOW_EXACT;
	else if (modes & TMK_CONCORD_EXACT)
		return -1;
	else if (fl >= q->len && !memcmp(f, q->stem, q->len))
		how = is_ending(f + q->len, fl - q->len, german) ? TMK_CONCORD_HOW_INFLECTION :
		      TMK_CONCORD_HOW_COMPOUND;
	else if (!(modes & TMK_CONCORD_WORD) && word_fits(f, fl, q, german)) {
		how = TMK_CONCORD_HOW_COMPOUND;
		while (at + q->len <= fl && memcmp(f + at, q->stem, q->len))
			at++;
	} else {
		return -1;
	}
	if ((modes & TMK_CONCORD_WORD) && how == TMK_CONCORD_HOW_COMPOUND)
		return -1;
	if ((modes & TMK_CONCORD_CASE) && !case_agrees(o, ol, f, at, q))
		return -1;
	return how;
}

/* The words of TEXT (split at hyphens too) into *W, their matching forms
 * into FOLD.  *W is the caller's to free(). */
static int text_words(tword **w, size_t *n, tmk_buf *fold, const char *text, size_t len)
{
	tmk_token *t = NULL;
	size_t nt = 0, cap;
	int rc;

	*w = NULL;
	*n = 0;
	if ((rc = tmk_tokenize(&t, &nt, text, len)) < 0)
		return rc;
	cap = nt ? nt : 1;
	if (!(*w = malloc(cap * sizeof(**w)))) {
		free(t);
		return tmk_error_oom();
	}
	for (size_t i = 0; i < nt && rc >= 0; i++) {
		size_t b = t[i].start;
		while (t[i].word && b < t[i].end && rc >= 0) {
			const char *h = memchr(text + b, '-', t[i].end - b);
			size_t e = h ? (size_t)(h - text) : t[i].end, fs = fold->len;
			if (e > b && (rc = tmk_norm_match(fold, text + b, e - b)) >= 0 && fold->len > fs) {
				if (*n == cap) {        /* more parts than tokens */
					tword *nw = realloc(*w, (cap *= 2) * sizeof(**w));
					if (!nw) {
						rc = tmk_error_oom();
						break;
					}
					*w = nw;
				}
				(*w)[(*n)++] = (tword){ b, e, fs, fold->len };
			}
			b = e + 1;
		}
	}
	free(t);
	return rc < 0 ? rc : 0;
}

/* The first place in W where the group of NQ query words at Q stands,
 * side by side in order: its first word into *AT and the loosest way a
 * word matched into *HOW.  Returns 1 if found. */
static int find_group(const char *text, const tword *w, size_t nw, const char *fold, const qword *q,
		      size_t nq, unsigned modes, int german, size_t *at, int *how)
{
	for (size_t i = 0; i + nq <= nw; i++) {
		int worst = 0, h = 0;
		size_t k;
		for (k = 0; k < nq && (h = word_how(text, &w[i + k], fold, &q[k], modes, german)) >= 0; k++)
			worst = h > worst ? h : worst;
		if (k == nq) {
			*at = i;
			*how = worst;
			return 1;
		}
	}
	return 0;
}

/* Find every group of Q in TEXT; the span of the group found first in the
 * text goes to *START and *END, the loosest way a word matched to *HOW.
 * Returns 1 if all were found, 0 if not, < 0 on error. */
static int find_in_text(const char *text, size_t len, const cquery *q, int german, size_t *start,
			size_t *end, int *how)
{
	tword *w = NULL;
	size_t nw = 0;
	tmk_buf fold = TMK_BUF_INIT;
	int found = 1, rc;

	*how = 0;
	*start = (size_t)-1;
	*end = 0;
	if ((rc = text_words(&w, &nw, &fold, text, len)) < 0)
		goto done;
	for (size_t g = 0; g < q->n && found;) {
		size_t e = g + 1, at;
		int h;
		while (e < q->n && !q->w[e].first)
			e++;
		found = find_group(text, w, nw, fold.ptr ? fold.ptr : "", &q->w[g], e - g, q->modes, german, &at, &h);
		if (found && w[at].start < *start) {
			*start = w[at].start;
			*end = w[at + (e - g) - 1].end;
		}
		if (found && h > *how)
			*how = h;
		g = e;
	}
	rc = found;
done:
	free(w);
	tmk_buf_release(&fold);
	return rc;
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

/* Append S[0..LEN)'s parts as the word index cuts them (at anything not a
 * letter or digit), the last one as a prefix when PREFIX; *PARTS counts. */
static void index_parts(tmk_buf *m, const char *s, size_t len, int prefix, size_t *parts)
{
	size_t k = 0;

	while (k < len) {
		size_t b = tmk_utf8_span_fwd(s, len, k, u_isalnum_wrapper, 0);
		size_t e = tmk_utf8_span_fwd(s, len, b, u_isalnum_wrapper, 1);
		if (e > b)
			tmk_buf_printf(m, "%s\"%.*s\"%s", (*parts)++ ? " " : "", (int)(e - b), s + b,
				       prefix && e == len ? "*" : "");
		k = e;
	}
}

/* The word-index query for the candidates.  An acronym, or any word with
 * --exact, is its whole form.  Otherwise a German stem of three or more
 * letters and digits becomes the TM's words that hold it (found through
 * the trigrams of the word table) unless whole words are asked for; the
 * rest become their index parts, the last one as a prefix.  Query words
 * are AND-ed.  *NONE: nothing can match. */
static int build_query(tmk_tm *tm, tmk_buf *m, const cquery *cq, int german, int *none)
{
	int rc;

	*none = 0;
	tmk_buf_puts(m, "{source_norm target_norm} : (");
	for (size_t i = 0; i < cq->n && !*none; i++) {
		const qword *q = &cq->w[i];
		size_t parts = 0;

		if (i)
			tmk_buf_puts(m, " AND ");
		if (german && !(cq->modes & TMK_CONCORD_WORD) && !q->acronym && q->len >= 3 &&
		    is_alnum_only(q->stem, q->len)) {
			if ((rc = grams_alternatives(tm, m, q, none)) < 0)
				return rc;
			continue;
		}
		index_parts(m, q->stem, q->len, !q->acronym && !(cq->modes & TMK_CONCORD_EXACT), &parts);
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
	cquery q;
	size_t cap = 0, rows;
	tmk_buf m = TMK_BUF_INIT;
	tmk_concord_hit *hits = NULL;
	int64_t last = 0;
	int own = 0;

	*out = NULL;
	*n = 0;
	if ((rc = parse_query(&q, lang, o->modes, query, len)) < 0 || (rc = tmk_tm_read_begin(tm, &own)) < 0)
		return rc;
	if ((rc = build_query(tm, &m, &q, german, &none)) < 0 || none)
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
			int how, f;

			rows++;
			last = sqlite3_column_int64(st, 0);
			if (!side)
				continue;
			f = find_in_text((const char *)sqlite3_column_text(st, side),
					 (size_t)sqlite3_column_bytes(st, side), &q, german, &s, &e, &how);
			if (f < 0) {
				rc = f;
				sqlite3_reset(st);
				goto done;
			}
			if (!f)
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
			h->how = how;
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
