/*
 * analyze.c - the analysis of a job against the TM; see analyze.h.
 *
 * A file's segments are read whole first (a job of 10,000 segments is a
 * few MB), so that each knows its neighbours; then each is classed: a
 * repetition by a set of the source texts seen in the run, else by its
 * best lookup match (tmk_lookup, down to the lowest band edge), a 100 %
 * match by its neighbours in the TM as context match or 100 %.  With
 * --segment a unit's sentences (resegment.h) are read as its segments.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/ustring.h>

#include "analyze.h"
#include "error.h"
#include "exact.h"
#include "formats/xliff.h"
#include "langtag.h"
#include "lookup.h"
#include "resegment.h"
#include "textnorm.h"
#include "tm_internal.h"
#include "tm_parallel.h"

static const int default_edges[] = { 100, 95, 85, 75, 50 };

/* A job segment: its source text (an offset into the file's arena),
 * words and languages. */
typedef struct {
	size_t text, len;       /* in the file's arena, NUL after it */
	size_t langs;           /* "from\0to\0" of its <file>, in the arena */
	long words;
	int band;               /* its band; -1 while it is to be looked up */
} job_seg;

/* Source texts seen in the run: open addressing over their hashes, the
 * texts in an arena to compare. */
typedef struct {
	uint64_t *hash;
	size_t *off, *len;      /* into the arena; len + 1 so that 0 is "empty" */
	size_t n, cap;
	tmk_buf arena;
} text_set;

struct tmk_analyzer {
	tmk_tm *tm;
	tmk_analyze_opts o;
	text_set seen;
	UBreakIterator *words;  /* for the word counts, reused */
	char words_lang[TMK_LANGTAG_MAX];
	tmk_resegmenter *reseg; /* with --segment */
};

/* ---- the set of seen texts ------------------------------------------------ */

static int set_grow(text_set *s)
{
	size_t cap = s->cap ? s->cap * 2 : 1024;
	uint64_t *h = calloc(cap, sizeof(*h));
	size_t *off = calloc(cap, sizeof(*off)), *len = calloc(cap, sizeof(*len));

	if (!h || !off || !len) {
		free(h);
		free(off);
		free(len);
		return tmk_error_oom();
	}
	for (size_t i = 0; i < s->cap; i++) {
		size_t k;
		if (!s->len[i])
			continue;
		for (k = s->hash[i] & (cap - 1); len[k]; k = (k + 1) & (cap - 1))
			;
		h[k] = s->hash[i];
		off[k] = s->off[i];
		len[k] = s->len[i];
	}
	free(s->hash);
	free(s->off);
	free(s->len);
	s->hash = h;
	s->off = off;
	s->len = len;
	s->cap = cap;
	return 0;
}

/* Add TEXT to S; *SEEN says whether it was there already. */
static int set_add(text_set *s, const char *text, size_t len, int *seen)
{
	uint64_t h = tmk_hash(TMK_HASH_SEED, text, len);
	size_t k;
	int rc;

	if ((s->n + 1) * 2 > s->cap && (rc = set_grow(s)) < 0)
		return rc;
	for (k = h & (s->cap - 1); s->len[k]; k = (k + 1) & (s->cap - 1))
		if (s->hash[k] == h && s->len[k] == len + 1 && !memcmp(s->arena.ptr + s->off[k], text, len)) {
			*seen = 1;
			return 0;
		}
	*seen = 0;
	s->hash[k] = h;
	s->off[k] = s->arena.len;
	s->len[k] = len + 1;
	s->n++;
	return tmk_buf_put(&s->arena, text, len);
}

/* ---- words ---------------------------------------------------------------- */

/* Count the words of TEXT with the break iterator BI. */
static long count_words(UBreakIterator *bi, const char *text, size_t len)
{
	UErrorCode err = U_ZERO_ERROR;
	UChar stack[512], *u = stack;
	int32_t n = 0;
	long words = 0;

	u_strFromUTF8(NULL, 0, &n, text, (int32_t)len, &err);
	if (err != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(err))
		return 0;
	err = U_ZERO_ERROR;
	if (n + 1 > (int32_t)(sizeof(stack) / sizeof(stack[0])) && !(u = malloc(((size_t)n + 1) * sizeof(*u))))
		return 0;
	u_strFromUTF8(u, n + 1, NULL, text, (int32_t)len, &err);
	ubrk_setText(bi, u, n, &err);
	if (U_SUCCESS(err))
		for (int32_t b = ubrk_next(bi); b != UBRK_DONE; b = ubrk_next(bi))
			words += ubrk_getRuleStatus(bi) >= UBRK_WORD_NUMBER;    /* numbers, letters, kana, ideographs */
	if (u != stack)
		free(u);
	return words;
}

long tmk_count_words_icu(const char *lang, const char *text, size_t len)
{
	UErrorCode err = U_ZERO_ERROR;
	UBreakIterator *bi = ubrk_open(UBRK_WORD, lang, NULL, 0, &err);
	long n;

	if (U_FAILURE(err))
		return 0;
	n = count_words(bi, text, len);
	ubrk_close(bi);
	return n;
}

/* The analyzer's break iterator, for LANG's rules. */
static int words_for(tmk_analyzer *a, const char *lang)
{
	UErrorCode err = U_ZERO_ERROR;

	if (a->words && !strcmp(a->words_lang, lang))
		return 0;
	ubrk_close(a->words);
	a->words = ubrk_open(UBRK_WORD, lang, NULL, 0, &err);
	if (U_FAILURE(err)) {
		a->words = NULL;
		return tmk_error_set(TMK_ERROR, "ICU has no word rules: %s", u_errorName(err));
	}
	snprintf(a->words_lang, sizeof(a->words_lang), "%s", lang);
	return 0;
}

/* ---- the analyzer ----------------------------------------------------------- */

int tmk_analyze_check(const tmk_analyze_opts *o)
{
	if (o->nedges > TMK_ANALYZE_MAX_EDGES)
		return tmk_error_set(TMK_EINVAL, "at most %d band edges", TMK_ANALYZE_MAX_EDGES);
	for (size_t i = 0; i < o->nedges; i++)
		if ((i == 0 && o->edges[0] != 100) || (i > 0 && (o->edges[i] >= o->edges[i - 1] || o->edges[i] < 1)))
			return tmk_error_set(TMK_EINVAL, "band edges must fall from 100 to 1 or more, like "
					     "100,95,85,75,50");
	return 0;
}

int tmk_analyzer_new(tmk_analyzer **out, tmk_tm *tm, const tmk_analyze_opts *o)
{
	tmk_analyzer *a;
	int rc;

	*out = NULL;
	if ((rc = tmk_analyze_check(o)) < 0)
		return rc;
	if (!(a = calloc(1, sizeof(*a))))
		return tmk_error_oom();
	if (o->segment && (rc = tmk_resegmenter_new(&a->reseg)) < 0) {
		free(a);
		return rc;
	}
	a->tm = tm;
	a->o = *o;
	if (!o->nedges) {
		memcpy(a->o.edges, default_edges, sizeof(default_edges));
		a->o.nedges = sizeof(default_edges) / sizeof(default_edges[0]);
	}
	*out = a;
	return 0;
}

void tmk_analyzer_free(tmk_analyzer *a)
{
	if (!a)
		return;
	free(a->seen.hash);
	free(a->seen.off);
	free(a->seen.len);
	tmk_buf_release(&a->seen.arena);
	ubrk_close(a->words);
	tmk_resegmenter_free(a->reseg);
	free(a);
}

size_t tmk_analyzer_nbands(const tmk_analyzer *a)
{
	return a->o.nedges + 3;
}

void tmk_analyzer_band_name(const tmk_analyzer *a, size_t i, char out[16])
{
	if (i == 0)
		strcpy(out, "repetition");
	else if (i == 1)
		strcpy(out, "context");
	else if (i == 2)
		strcpy(out, "100");
	else if (i <= a->o.nedges + 1)
		snprintf(out, 16, "%d-%d", a->o.edges[i - 2], a->o.edges[i - 3] - 1);
	else
		strcpy(out, "no-match");
}

void tmk_analysis_add(tmk_analysis *a, const tmk_analysis *b)
{
	for (size_t i = 0; i < b->nbands; i++) {
		a->band[i].segments += b->band[i].segments;
		a->band[i].words += b->band[i].words;
	}
	a->nbands = b->nbands > a->nbands ? b->nbands : a->nbands;
	a->segments += b->segments;
	a->words += b->words;
}

/* ---- one file --------------------------------------------------------------- */

/* A file's segments as read: texts and language tags in an arena. */
typedef struct {
	tmk_analyzer *a;
	tmk_buf arena;
	job_seg *v;
	size_t n, cap;
	size_t langs;           /* arena offset of the current <file>'s "from\0to\0" */
	const tmk_xliff_file *file;
	const char *path;
	tmk_buf text;           /* a sentence's text */
} file_segs;

/* One more segment of FS: source text TEXT[0..LEN). */
static int add_seg(file_segs *fs, const char *text, size_t len)
{
	job_seg *s;
	int rc;

	if (fs->n == fs->cap) {
		job_seg *nv = realloc(fs->v, (fs->cap = fs->cap ? fs->cap * 2 : 256) * sizeof(*nv));
		if (!nv)
			return tmk_error_oom();
		fs->v = nv;
	}
	s = &fs->v[fs->n++];
	s->text = fs->arena.len;
	s->len = len;
	s->langs = fs->langs;
	s->words = count_words(fs->a->words, text, len);
	if ((rc = tmk_buf_put(&fs->arena, text, len)) < 0 || (rc = tmk_buf_putc(&fs->arena, '\0')) < 0)
		return rc;
	return 0;
}

/* With --segment: unit U's sentences as its segments, when it has
 * several and may be split; *DONE says whether it was. */
static int add_sentences(file_segs *fs, const tmk_xliff_unit *u, int *done)
{
	const char *lang = fs->a->o.from ? fs->a->o.from : u->file->src_lang;
	tmk_reseg_piece *p;
	tmk_reseg_why why;
	size_t n;
	int rc;

	*done = 0;
	if (!fs->a->reseg || !tmk_reseg_unit_ok(u))
		return 0;
	if ((rc = tmk_reseg_split(fs->a->reseg, lang, &u->segs[0], &p, &n, &why)) < 0) {
		char msg[256];
		snprintf(msg, sizeof(msg), "%s", tmk_error_last());
		return tmk_error_set(rc == TMK_EINVAL ? TMK_EINPUT : rc, "%s:%ld: --segment: %s", fs->path, u->line,
				     msg);
	}
	for (size_t k = 0; k < n && rc == 0; k++) {
		tmk_buf_clear(&fs->text);
		if ((rc = tmk_reseg_text(&fs->text, &u->segs[0], &p[k])) == 0)
			rc = add_seg(fs, fs->text.ptr, fs->text.len);
	}
	free(p);
	*done = n > 0;
	return rc;
}

static int on_unit(void *ud, const tmk_xliff_unit *u)
{
	file_segs *fs = ud;
	int rc, split;

	if (u->file != fs->file) {      /* a new <file>: its languages */
		fs->file = u->file;
		fs->langs = fs->arena.len;
		if ((rc = tmk_buf_put(&fs->arena, u->file->src_lang, strlen(u->file->src_lang) + 1)) < 0 ||
		    (rc = tmk_buf_put(&fs->arena, u->file->tgt_lang, strlen(u->file->tgt_lang) + 1)) < 0 ||
		    (rc = words_for(fs->a, u->file->src_lang)) < 0)
			return rc;
	}
	if (!u->translate)
		return 0;
	if ((rc = add_sentences(fs, u, &split)) < 0 || split)
		return rc;
	for (size_t i = 0; i < u->nsegs && rc == 0; i++)
		rc = add_seg(fs, u->segs[i].source.text, u->segs[i].source.len);
	return rc;
}

/* Is unit ID, a 100 % match of segment I of FS, a context match: does it
 * stand between the segment's neighbours in a file it came from? */
static int context_match(tmk_tm *tm, const file_segs *fs, size_t i, const char *from, int64_t id)
{
	const job_seg *p = i ? &fs->v[i - 1] : NULL, *q = i + 1 < fs->n ? &fs->v[i + 1] : NULL;

	return tmk_exact_in_context(tm, id, from, p ? fs->arena.ptr + p->text : NULL, p ? p->len : 0,
				    q ? fs->arena.ptr + q->text : NULL, q ? q->len : 0);
}

/* The band of segment I of FS (not a repetition): its best match in TM
 * (the analyzer's, or a worker's own connection to it). */
static int classify(tmk_analyzer *a, tmk_tm *tm, const file_segs *fs, size_t i, size_t *band)
{
	const job_seg *s = &fs->v[i];
	const char *langs = fs->arena.ptr + s->langs;
	const char *from = a->o.from ? a->o.from : langs, *to = a->o.to ? a->o.to : langs + strlen(langs) + 1;
	tmk_lookup_opts lo = { from, to[0] ? to : NULL, a->o.edges[a->o.nedges - 1], 10, 1 };
	const char *text = fs->arena.ptr + s->text;
	tmk_match *m;
	size_t n;
	int rc;

	if (!tmk_langtag_same_lang(from, to[0] ? to : from)) {         /* a 100 % match by its hash alone */
		tmk_exact *e;
		if ((rc = tmk_exact_units(tm, &e, &n, from, to, text, s->len, 8)) < 0)
			return rc;
		if (n) {
			*band = 2;
			for (size_t k = 0; k < n && *band == 2; k++)
				if (context_match(tm, fs, i, from, e[k].id))
					*band = 1;
			tmk_exact_free(e, n);
			return 0;
		}
	}
	if ((rc = tmk_lookup(tm, &m, &n, text, s->len, &lo)) < 0)
		return rc;
	*band = a->o.nedges + 2;                        /* no match */
	if (n && m[0].score == 100) {
		*band = 2;
		for (size_t k = 0; k < n && m[k].score == 100 && *band == 2; k++)
			if (context_match(tm, fs, i, from, m[k].id))
				*band = 1;
	} else if (n) {
		for (size_t e = 1; e < a->o.nedges; e++)
			if (m[0].score >= a->o.edges[e]) {
				*band = 2 + e;
				break;
			}
	}
	tmk_matches_free(m, n);
	return 0;
}

/* Segment I of FS's band, unless a repetition (tmk_tm_parallel's item). */
static int classify_one(void *ud, tmk_tm *tm, size_t i)
{
	file_segs *fs = ud;
	size_t band;
	int rc;

	if (fs->v[i].band >= 0)
		return 0;
	if ((rc = classify(fs->a, tm, fs, i, &band)) == 0)
		fs->v[i].band = (int)band;
	return rc;
}

int tmk_analyzer_file(tmk_analyzer *a, tmk_analysis *out, const char *path)
{
	file_segs fs = { .a = a, .arena = TMK_BUF_INIT, .path = path, .text = TMK_BUF_INIT };
	tmk_xliff_reader r = { on_unit, NULL, &fs, "" };
	int rc;

	memset(out, 0, sizeof(*out));
	out->nbands = tmk_analyzer_nbands(a);
	if ((rc = tmk_xliff_read(&r, path)) < 0)
		goto done;
	/* repetitions first, in job order: the first occurrence is looked up */
	for (size_t i = 0; i < fs.n && rc == 0; i++) {
		int seen;
		rc = set_add(&a->seen, fs.arena.ptr + fs.v[i].text, fs.v[i].len, &seen);
		fs.v[i].band = seen ? 0 : -1;
	}
	if (rc < 0 || (rc = tmk_tm_parallel(a->tm, a->o.jobs, fs.n, classify_one, &fs, a->o.progress,
					   a->o.progress_ctx)) < 0)
		goto done;
	for (size_t i = 0; i < fs.n; i++) {
		const job_seg *s = &fs.v[i];
		out->band[s->band].segments++;
		out->band[s->band].words += s->words;
		out->segments++;
		out->words += s->words;
	}
done:
	free(fs.v);
	tmk_buf_release(&fs.arena);
	tmk_buf_release(&fs.text);
	return rc;
}
