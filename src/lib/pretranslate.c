/*
 * pretranslate.c - a job's targets filled from the TM; see pretranslate.h.
 *
 * Three passes.  The job is read whole first (the reader's callback
 * copies what the edits need: texts, codes, byte spans), so that each
 * segment knows its neighbours and the lookups can run on several
 * threads.  Then each segment to fill is looked up: the exact-lookup hash
 * (tmk_exact_units) and, only for those it misses and only with --fuzzy,
 * the fuzzy search.  Last, each unit's edits are made (by format) and the
 * input written out with them (formats/xliff_edit.c).  With --segment, a
 * unit that may be split is kept as its sentences (resegment.h), each a
 * segment of its own from the first pass on, and written as such.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "error.h"
#include "exact.h"
#include "formats/xliff.h"
#include "formats/xliff_edit.h"
#include "langtag.h"
#include "lookup.h"
#include "pretranslate.h"
#include "resegment.h"
#include "tm_internal.h"
#include "tm_parallel.h"
#include "utf8.h"

#define NO_STR ((size_t)-1)
#define MAX_EXACT 8

static const char NS_SDL[] = "http://sdl.com/FileTypes/SdlXliff/1.0";
static const char NS_MQ[] = "MQXliff";
static const char NS_MTC[] = "urn:oasis:names:tc:xliff:matches:2.0";

enum { M_NONE, M_EXACT, M_CONTEXT, M_FUZZY };

/* A segment's source code, kept after the reader's callback returned. */
typedef struct {
	tmk_xliff_code_kind kind;
	int partner;
	size_t markup, markup_len;      /* in the arena */
} pcode;

/* A segment of the job: what its lookup and its edits need. */
typedef struct {
	size_t unit;            /* in the job's units */
	size_t text, len;       /* the source's plain text, in the arena */
	size_t id;              /* its mid or segment id in the arena, or NO_STR */
	size_t codes, ncodes;   /* its source codes, in the job's codes */
	tmk_xliff_span src_el, src_content;     /* <source>, or the <seg-source> <mrk> */
	tmk_xliff_span tgt_el, tgt_content;     /* its target; end 0: none */
	tmk_xliff_span state_tag;
	size_t target_at;
	int todo;               /* to look up and fill */
	/* the lookup */
	int kind;               /* M_* */
	int score;
	char *translation;      /* the TM's, plain text */
	size_t tlen;
	char *match_source;     /* a fuzzy match's source in the TM */
	size_t mlen;
	/* a sentence of a unit split by --segment (the spans above are then
	 * those of the unit's one segment) */
	size_t mk, mk_len;      /* its source markup as written, in the arena */
	size_t gap, gap_len;    /* the markup after it, to the next one or the end */
} pseg;

/* A unit of the job. */
typedef struct {
	size_t file;            /* in the job's files */
	tmk_xliff_span start_tag, seg_source, target, sdl_segs, matches;
	size_t seg, nsegs;      /* its segments */
	int segmented;          /* 1.2: its segments are <seg-source> <mrk>s */
	int split;              /* --segment: its segments are the sentences of
				   its one segment, to be written as segments */
	int had_text;           /* then: that segment's target had text */
	size_t lead, lead_len;  /* then: the source markup before the first one */
	size_t seg_end;         /* then (2.0): the end of its </segment> */
} punit;

/* A <file> of the job. */
typedef struct {
	size_t src, tgt;        /* its languages, in the arena */
	long line;
	tmk_xliff_span tag;
} pfile;

typedef struct {
	tmk_tm *tm;
	const tmk_pretranslate_opts *o;
	tmk_pretranslate_report *r;
	const char *path;
	tmk_xliff_flavour flavour;
	tmk_xliff_span root_tag;
	tmk_buf arena;
	pseg *segs;
	size_t nsegs, segs_cap;
	pcode *codes;
	size_t ncodes, codes_cap;
	punit *units;
	size_t nunits, units_cap;
	pfile *files;
	size_t nfiles, files_cap;
	tmk_xliff_doc *doc;
	char core[64], sdl[64], mq[64], mtc[64];        /* prefixes with their colon */
	int sdl_declared, mtc_declared; /* the root binds them */
	/* --segment */
	tmk_resegmenter *reseg;
	tmk_buf ids;            /* the ids (mids) the job has, NUL after each */
	const char **taken;     /* into ids, sorted */
	size_t ntaken;
	long next_id;           /* the number of the last id made */
	tmk_buf scratch;
} pt;

/* Make room for one more element of size SIZE in *V (N used, *CAP). */
static int grow(void **v, size_t n, size_t *cap, size_t size)
{
	void *nv;
	size_t c;

	if (n < *cap)
		return 0;
	c = *cap ? *cap * 2 : 64;
	if (!(nv = realloc(*v, c * size)))
		return tmk_error_oom();
	*v = nv;
	*cap = c;
	return 0;
}

/* S[0..LEN) into P's arena, NUL after it; its offset into *AT. */
static int keep(pt *p, const char *s, size_t len, size_t *at)
{
	*at = p->arena.len;
	if (tmk_buf_put(&p->arena, s, len) < 0 || tmk_buf_putc(&p->arena, '\0') < 0)
		return TMK_ENOMEM;
	return 0;
}

static const char *str(const pt *p, size_t at)
{
	return p->arena.ptr + at;
}

/* ---- reading the job ------------------------------------------------------- */

/* Has T text: anything but white space and (with CODES) placeholders? */
static int has_text(const tmk_xliff_text *t, int codes_count)
{
	for (size_t i = 0; i < t->len;) {
		int32_t c = tmk_utf8_next(t->text, t->len, &i);
		if (!tmk_is_space(c) && (codes_count || !tmk_xliff_is_code(c)))
			return 1;
	}
	return 0;
}

/* Is segment S to be looked up?  Counts those that are not in P's report. */
static int to_fill(pt *p, const tmk_xliff_segment *s)
{
	if (s->locked) {
		p->r->locked++;
		return 0;
	}
	if (s->has_target && has_text(&s->target, 1) && !p->o->overwrite) {
		p->r->kept++;
		return 0;
	}
	if (s->source.reserved || !has_text(&s->source, 0)) {
		p->r->none++;
		return 0;
	}
	return 1;
}

/* The start tag of 2.0 segment S of unit U into *OUT: the reader gives it
 * only for a segment with a target, so for the others it is the tag
 * before <source>. */
static int segment_tag(pt *p, const tmk_xliff_unit *u, const tmk_xliff_segment *s, tmk_xliff_span *out)
{
	tmk_buf tag = TMK_BUF_INIT;
	size_t lt = tmk_xliff_doc_tag_before(p->doc, u->start_tag.end, s->source.element.start);
	char name[64];
	int ok = 0;

	if (s->state_tag.end) {
		*out = s->state_tag;
		return 0;
	}
	if (lt != (size_t)-1 && tmk_xliff_doc_text(p->doc, &tag, lt, tmk_xliff_doc_tag_end(p->doc, lt)) == 0) {
		tmk_xml_tag_prefix(tag.ptr, tag.len, name);
		ok = tag.len > strlen(name) + 8 && !memcmp(tag.ptr + 1 + strlen(name), "segment", 7);
		*out = (tmk_xliff_span){ lt, lt + (size_t)tmk_xliff_doc_tag_end(p->doc, lt) - lt };
	}
	tmk_buf_release(&tag);
	return ok ? 0 : tmk_error_set(TMK_EINPUT, "%s:%ld: segment %s: no <segment> start tag right before its "
				      "<source>", p->path, s->source.line, s->key);
}

/* A new, zeroed segment of the last unit at the end of P's list, with
 * room for NCODES source codes after P's codes; *OUT points to it (not yet
 * counted in P->nsegs). */
static int new_seg(pt *p, pseg **out, size_t ncodes)
{
	pseg *g;
	int rc;

	if ((rc = grow((void **)&p->segs, p->nsegs, &p->segs_cap, sizeof(*p->segs))) < 0)
		return rc;
	while (p->ncodes + ncodes > p->codes_cap)
		if ((rc = grow((void **)&p->codes, p->codes_cap, &p->codes_cap, sizeof(*p->codes))) < 0)
			return rc;
	g = &p->segs[p->nsegs];
	memset(g, 0, sizeof(*g));
	g->unit = p->nunits - 1;
	g->codes = p->ncodes;
	g->ncodes = ncodes;
	*out = g;
	return 0;
}

/* Keep segment S of unit U (the P->nunits - 1st) and its source codes. */
static int keep_segment(pt *p, const tmk_xliff_unit *u, const tmk_xliff_segment *s)
{
	pseg *g;
	int rc;

	if ((rc = new_seg(p, &g, s->nsource_codes)) < 0)
		return rc;
	g->id = NO_STR;
	g->src_el = s->source.element;
	g->src_content = s->source.content;
	if (s->has_target) {
		g->tgt_el = s->target.element;
		g->tgt_content = s->target.content;
	}
	g->state_tag = s->state_tag;
	g->target_at = s->target_at;
	if (p->flavour == TMK_XLIFF_20 && (rc = segment_tag(p, u, s, &g->state_tag)) < 0)
		return rc;
	if ((rc = keep(p, s->source.text, s->source.len, &g->text)) < 0 ||
	    (s->id && (rc = keep(p, s->id, strlen(s->id), &g->id)) < 0))
		return rc;
	g->len = s->source.len;
	for (size_t k = 0; k < s->nsource_codes; k++) {
		pcode *c = &p->codes[p->ncodes + k];
		c->kind = s->codes[k].kind;
		c->partner = s->codes[k].partner;
		c->markup_len = s->codes[k].markup_len;
		if ((rc = keep(p, s->codes[k].markup, s->codes[k].markup_len, &c->markup)) < 0)
			return rc;
	}
	p->ncodes += s->nsource_codes;
	p->nsegs++;
	p->r->segments++;
	g->todo = to_fill(p, s);
	return 0;
}

/* A new <file> (its start tag differs from the last one's). */
static int keep_file(pt *p, const tmk_xliff_file *f)
{
	pfile *pf;
	int rc;

	if (p->nfiles && p->files[p->nfiles - 1].tag.start == f->file_tag.start)
		return 0;
	if ((rc = grow((void **)&p->files, p->nfiles, &p->files_cap, sizeof(*p->files))) < 0)
		return rc;
	pf = &p->files[p->nfiles++];
	pf->line = f->line;
	pf->tag = f->file_tag;
	p->flavour = f->flavour;
	p->root_tag = f->root_tag;
	if ((rc = keep(p, f->src_lang, strlen(f->src_lang), &pf->src)) < 0 ||
	    (rc = keep(p, f->tgt_lang, strlen(f->tgt_lang), &pf->tgt)) < 0)
		return rc;
	if (!f->tgt_lang[0])
		return tmk_error_set(TMK_EINPUT, "%s:%ld: the <file> names no target language (%s): pretranslate "
				     "needs one", p->path, f->line, f->flavour == TMK_XLIFF_20 ? "trgLang on <xliff>" :
				     "target-language on <file>");
	return 0;
}

/* ---- --segment: a unit's sentences as its segments ---------------------------- */

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The value of every attribute id and mid (unprefixed: XLIFF's) in the
 * job, as written, into P's sorted list of ids taken, so that the ids
 * --segment makes are unique in the file: "m" before a mid's, "i" before
 * an id's (a 1.2 mid need not differ from a unit's id; in 2.0 a segment
 * id must differ from the ids of codes, ignorables and data too). */
static int collect_ids(pt *p)
{
	tmk_buf all = TMK_BUF_INIT;
	size_t n = 0;
	int rc;

	if ((rc = tmk_xliff_doc_text(p->doc, &all, 0, tmk_xliff_doc_size(p->doc))) < 0)
		goto done;
	for (size_t i = 1; i + 3 < all.len && rc == 0; i++) {
		size_t m = all.ptr[i] == 'm', k = i + m + 2, e;
		char q;
		if (memcmp(all.ptr + i + m, "id", 2) || !strchr(" \t\r\n", all.ptr[i - 1]))
			continue;
		while (k < all.len && strchr(" \t\r\n", all.ptr[k]))
			k++;
		if (k >= all.len || all.ptr[k++] != '=')
			continue;
		while (k < all.len && strchr(" \t\r\n", all.ptr[k]))
			k++;
		if (k >= all.len || ((q = all.ptr[k]) != '"' && q != '\''))
			continue;
		for (e = ++k; e < all.len && all.ptr[e] != q; e++)
			;
		rc = tmk_buf_putc(&p->ids, m ? 'm' : 'i') < 0 || tmk_buf_put(&p->ids, all.ptr + k, e - k) < 0 ||
		     tmk_buf_putc(&p->ids, '\0') < 0 ? TMK_ENOMEM : 0;
		n++;
	}
	if (rc == 0 && n && !(p->taken = malloc(n * sizeof(*p->taken))))
		rc = tmk_error_oom();
	for (size_t off = 0; rc == 0 && off < p->ids.len; off += strlen(p->ids.ptr + off) + 1)
		p->taken[p->ntaken++] = p->ids.ptr + off;
	if (p->ntaken > 1)
		qsort(p->taken, p->ntaken, sizeof(*p->taken), cmp_str);
done:
	tmk_buf_release(&all);
	return rc;
}

/* A new id no element of the job has (1.2 mids: "1", "2" ...; 2.0
 * segment ids: "s1", "s2" ...) into the arena; its offset into *AT. */
static int new_id(pt *p, size_t *at)
{
	char id[32];
	const char *k = id;

	do      /* "m5", "is5": the kind as collect_ids() gives it */
		snprintf(id, sizeof(id), "%s%ld", p->flavour == TMK_XLIFF_20 ? "is" : "m", ++p->next_id);
	while (p->ntaken && bsearch(&k, p->taken, p->ntaken, sizeof(*p->taken), cmp_str));
	return keep(p, id + 1, strlen(id + 1), at);
}

/* Keep sentence C of segment S (unit U's only one) as a segment, its
 * source markup ending where NEXT (the start of the next one's, or the
 * end) begins. */
static int keep_piece(pt *p, const tmk_xliff_unit *u, const tmk_xliff_segment *s, const tmk_reseg_piece *c,
		      size_t next, const tmk_xliff_span *seg_tag, int first)
{
	pseg *g;
	int rc;

	if ((rc = new_seg(p, &g, c->ncodes)) < 0)
		return rc;
	g->src_el = s->source.element;
	g->src_content = s->source.content;
	if (s->has_target) {
		g->tgt_el = s->target.element;
		g->tgt_content = s->target.content;
	}
	g->state_tag = *seg_tag;
	g->target_at = s->target_at;
	tmk_buf_clear(&p->scratch);
	if ((rc = tmk_reseg_text(&p->scratch, s, c)) < 0 ||
	    (rc = keep(p, p->scratch.ptr, p->scratch.len, &g->text)) < 0)
		return rc;
	g->len = p->scratch.len;
	if (first && s->id && p->flavour == TMK_XLIFF_20)
		rc = keep(p, s->id, strlen(s->id), &g->id);     /* the first keeps the segment's id */
	else
		rc = new_id(p, &g->id);
	if (rc < 0)
		return rc;
	if ((rc = keep(p, s->source.markup + c->mk_start, c->mk_end - c->mk_start, &g->mk)) < 0 ||
	    (rc = keep(p, s->source.markup + c->mk_end, next - c->mk_end, &g->gap)) < 0)
		return rc;
	g->mk_len = c->mk_end - c->mk_start;
	g->gap_len = next - c->mk_end;
	for (size_t k = 0; k < c->ncodes; k++) {
		const tmk_xliff_code *sc = &s->codes[c->code + k];
		pcode *pc = &p->codes[p->ncodes + k];
		pc->kind = sc->kind;
		pc->partner = tmk_reseg_partner(s, c, c->code + k);
		pc->markup_len = sc->markup_len;
		if ((rc = keep(p, sc->markup, sc->markup_len, &pc->markup)) < 0)
			return rc;
	}
	p->ncodes += c->ncodes;
	p->nsegs++;
	g->todo = 1;
	return 0;
}

/* The end of the </segment> of 2.0 segment S (after its last child and
 * white space), or 0 when something else stands there. */
static size_t segment_end(pt *p, const tmk_xliff_segment *s)
{
	size_t at = s->has_target && s->target.element.end > s->source.element.end ? s->target.element.end :
		    s->source.element.end;
	tmk_buf tag = TMK_BUF_INIT;
	size_t lt = tmk_xliff_doc_ws_after(p->doc, at), end = tmk_xliff_doc_tag_end(p->doc, lt), ok = 0;

	if (end && tmk_xliff_doc_text(p->doc, &tag, lt, end) == 0 && tag.len >= 10 && tag.ptr[1] == '/')
		ok = !memcmp(tag.ptr + tag.len - 8, "segment>", 8) &&
		     (tag.ptr[tag.len - 9] == '/' || tag.ptr[tag.len - 9] == ':');
	tmk_buf_release(&tag);
	return ok ? end : 0;
}

/* With --segment: unit U (PU) kept as its one segment's sentences, when
 * it may be split and has several (1); else 0 and nothing kept. */
static int keep_sentences(pt *p, const tmk_xliff_unit *u, punit *pu)
{
	const tmk_xliff_segment *s = &u->segs[0];
	const char *lang = str(p, p->files[pu->file].src);
	tmk_xliff_span tag = s->state_tag;
	tmk_reseg_piece *c;
	tmk_reseg_why why;
	size_t n, seg_end = 0;
	int rc;

	if (!tmk_reseg_unit_ok(u) || s->locked || s->source.reserved || !has_text(&s->source, 0))
		return 0;
	pu->had_text = s->has_target && has_text(&s->target, 1);
	if (pu->had_text && !p->o->overwrite)
		return 0;
	if (p->flavour == TMK_XLIFF_20 && ((rc = segment_tag(p, u, s, &tag)) < 0 || !(seg_end = segment_end(p, s))))
		return rc < 0 ? rc : 0;
	if ((rc = tmk_reseg_split(p->reseg, lang, s, &c, &n, &why)) < 0) {
		char msg[256];
		snprintf(msg, sizeof(msg), "%s", tmk_error_last());
		return tmk_error_set(rc == TMK_EINVAL ? TMK_EINPUT : rc, "%s:%ld: --segment: %s", p->path, u->line,
				     msg);
	}
	p->r->split_refused += why == TMK_RESEG_PAIR;
	if (!n)
		return 0;
	pu->split = 1;
	pu->nsegs = n;
	pu->seg_end = seg_end;
	pu->lead_len = c[0].mk_start;
	rc = keep(p, s->source.markup, c[0].mk_start, &pu->lead);
	for (size_t k = 0; k < n && rc == 0; k++)
		rc = keep_piece(p, u, s, &c[k], k + 1 < n ? c[k + 1].mk_start : s->source.markup_len, &tag, k == 0);
	free(c);
	p->r->segments += (long long)n;
	p->r->split_units++;
	p->r->split_segments += (long long)n;
	return rc < 0 ? rc : 1;
}

static int span_text(pt *p, tmk_buf *out, size_t start, size_t end);

/* Are the namespace prefixes of unit U's tags short enough to write
 * again (under 63 bytes, as tmk_xml_tag_prefix keeps them)?  A job that
 * names its elements with longer ones is refused, never written with
 * targets outside its namespace. */
static int prefixes_fit(pt *p, const tmk_xliff_unit *u)
{
	const tmk_xliff_span sp[] = { u->start_tag, u->seg_source, u->target, u->sdl_segs, u->matches };
	tmk_buf tag = TMK_BUF_INIT;
	char prefix[64];
	int rc = 0;

	for (size_t i = 0; i < sizeof(sp) / sizeof(sp[0]) && rc == 0; i++) {
		if (!sp[i].end || (rc = span_text(p, &tag, sp[i].start, tmk_xliff_doc_tag_end(p->doc, sp[i].start))) < 0)
			continue;
		if (tmk_xml_tag_prefix(tag.ptr, tag.len, prefix) < 0)
			rc = tmk_error_set(TMK_EINPUT, "%s:%ld: unit %s: a namespace prefix of 63 bytes or more "
					   "(tmkit writes none so long)", p->path, u->line, u->id);
	}
	tmk_buf_release(&tag);
	return rc;
}

static int on_unit(void *ud, const tmk_xliff_unit *u)
{
	pt *p = ud;
	punit *pu;
	int rc;

	if ((rc = keep_file(p, u->file)) < 0)
		return rc;
	if (u->translate && u->nsegs && (rc = prefixes_fit(p, u)) < 0)
		return rc;
	if (!u->translate || !u->nsegs)
		return 0;
	if ((rc = grow((void **)&p->units, p->nunits, &p->units_cap, sizeof(*p->units))) < 0)
		return rc;
	pu = &p->units[p->nunits++];
	memset(pu, 0, sizeof(*pu));
	pu->file = p->nfiles - 1;
	pu->start_tag = u->start_tag;
	pu->seg_source = u->seg_source;
	pu->target = u->target;
	pu->sdl_segs = u->sdl_segs;
	pu->matches = u->matches;
	pu->seg = p->nsegs;
	pu->nsegs = u->nsegs;
	pu->segmented = u->seg_source.end && u->segs[0].source.element.start >= u->seg_source.start &&
			u->segs[0].source.element.start < u->seg_source.end;
	if (p->reseg && (rc = keep_sentences(p, u, pu)) != 0)
		return rc < 0 ? rc : 0;
	for (size_t i = 0; i < u->nsegs && rc == 0; i++)
		rc = keep_segment(p, u, &u->segs[i]);
	return rc;
}

/* ---- the TM's languages ---------------------------------------------------- */

/* Does the TM hold units in FROM -> TO (either way round)?  The pairs it
 * holds, for the message, into PAIRS. */
static int pair_known(tmk_tm *tm, const char *from, const char *to, tmk_buf *pairs, int *yes)
{
	sqlite3_stmt *st = tmk_tm_stmt(tm, STMT_LANG_PAIRS);
	size_t n = 0;

	*yes = 0;
	if (!st)
		return TMK_EIO;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *a = (const char *)sqlite3_column_text(st, 0);
		const char *b = (const char *)sqlite3_column_text(st, 1);
		if (!a || !b)
			continue;
		if ((tmk_langtag_same_lang(a, from) && tmk_langtag_same_lang(b, to)) ||
		    (tmk_langtag_same_lang(a, to) && tmk_langtag_same_lang(b, from)))
			*yes = 1;
		if (n++ < 6)
			tmk_buf_printf(pairs, "%s%s -> %s", n > 1 ? ", " : "", a, b);
	}
	sqlite3_reset(st);
	if (n > 6)
		tmk_buf_printf(pairs, " and %zu more", n - 6);
	return 0;
}

/* Every <file>'s language pair must be one the TM holds. */
static int check_languages(pt *p)
{
	tmk_buf pairs = TMK_BUF_INIT;
	int rc = 0, yes;

	for (size_t i = 0; i < p->nfiles && rc == 0; i++) {
		const char *from = str(p, p->files[i].src), *to = str(p, p->files[i].tgt);
		tmk_buf_clear(&pairs);
		if ((rc = pair_known(p->tm, from, to, &pairs, &yes)) < 0 || yes)
			continue;
		rc = tmk_error_set(TMK_EINPUT, "%s:%ld: the job is %s -> %s, but the TM holds no unit in that "
				   "language pair (it holds %s)", p->path, p->files[i].line, from, to,
				   pairs.len ? pairs.ptr : "no units at all");
	}
	tmk_buf_release(&pairs);
	return rc;
}

/* ---- lookups ------------------------------------------------------------------ */

/* The best of exact units E[0..N) for segment I: a context match first,
 * then the closest language variants, then the unit imported last. */
static size_t best_exact(pt *p, tmk_tm *tm, size_t i, const char *from, const tmk_exact *e, size_t n,
			 int *context)
{
	const pseg *prev = i ? &p->segs[i - 1] : NULL, *next = i + 1 < p->nsegs ? &p->segs[i + 1] : NULL;
	size_t best = 0;

	*context = 0;
	for (size_t k = 0; k < n; k++) {
		int ctx = tmk_exact_in_context(tm, e[k].id, from, prev ? str(p, prev->text) : NULL,
					       prev ? prev->len : 0, next ? str(p, next->text) : NULL,
					       next ? next->len : 0);
		if (k && (ctx < *context || (ctx == *context && (e[k].lang_rank > e[best].lang_rank ||
				(e[k].lang_rank == e[best].lang_rank && e[k].id < e[best].id)))))
			continue;
		best = k;
		*context = ctx;
	}
	return best;
}

/* S[0..LEN) copied into *OUT (NUL after it). */
static int dup_text(char **out, size_t *olen, const char *s, size_t len)
{
	if (!(*out = malloc(len + 1)))
		return tmk_error_oom();
	memcpy(*out, s, len);
	(*out)[len] = '\0';
	*olen = len;
	return 0;
}

/* Look segment I up in TM (P's, or a worker's own connection). */
static int look_up(pt *p, tmk_tm *tm, size_t i)
{
	pseg *s = &p->segs[i];
	const pfile *f = &p->files[p->units[s->unit].file];
	const char *from = str(p, f->src), *to = str(p, f->tgt), *text = str(p, s->text);
	tmk_lookup_opts lo = { from, to, p->o->min ? p->o->min : 75, 1, 1 };
	tmk_exact *e;
	tmk_match *m;
	size_t n;
	int rc, context;

	if ((rc = tmk_exact_units(tm, &e, &n, from, to, text, s->len, MAX_EXACT)) < 0)
		return rc;
	if (n) {
		size_t k = best_exact(p, tm, i, from, e, n, &context);
		s->kind = context ? M_CONTEXT : M_EXACT;
		s->score = 100;
		rc = dup_text(&s->translation, &s->tlen, e[k].translation, e[k].len);
		tmk_exact_free(e, n);
		return rc;
	}
	if (!p->o->fuzzy)
		return 0;
	if ((rc = tmk_lookup(tm, &m, &n, text, s->len, &lo)) < 0)
		return rc;
	if (n && m[0].score >= lo.min && m[0].target && m[0].source) {
		s->kind = m[0].score == 100 ? M_EXACT : M_FUZZY;
		s->score = m[0].score;
		if ((rc = dup_text(&s->translation, &s->tlen, m[0].target, strlen(m[0].target))) == 0)
			rc = dup_text(&s->match_source, &s->mlen, m[0].source, strlen(m[0].source));
	}
	tmk_matches_free(m, n);
	return rc;
}

/* Segment I of P looked up, when it is to be filled (tmk_tm_parallel's
 * item). */
static int look_up_one(void *ud, tmk_tm *tm, size_t i)
{
	pt *p = ud;

	return p->segs[i].todo ? look_up(p, tm, i) : 0;
}

/* ---- the edits -------------------------------------------------------------- */

/* What one segment of a unit gets. */
typedef struct {
	int fill;               /* it is filled */
	int draft;              /* as a draft: a fuzzy match, or codes appended */
	tmk_buf markup;         /* the new target's content */
	tmk_buf alt_source, alt_target;         /* a fuzzy match's record */
} seg_out;

/* The text of the input's bytes [START, END) into OUT, replacing it. */
static int span_text(pt *p, tmk_buf *out, size_t start, size_t end)
{
	tmk_buf_clear(out);
	return tmk_xliff_doc_text(p->doc, out, start, end);
}

/* Replace the start tag at [START, END) of the input by itself with
 * attributes A[0..N) set. */
static int edit_tag(pt *p, size_t start, size_t end, const tmk_xml_attr *a, size_t n)
{
	tmk_buf tag = TMK_BUF_INIT, edited = TMK_BUF_INIT;
	tmk_xliff_piece pc;
	int rc;

	tmk_xliff_piece_init(&pc, p->doc);
	if ((rc = span_text(p, &tag, start, end)) == 0 && (rc = tmk_xml_tag_edit(&edited, tag.ptr, tag.len, a, n, 0)) == 0) {
		tmk_xliff_piece_text(&pc, edited.ptr, edited.len);
		rc = tmk_xliff_doc_splice(p->doc, start, end, &pc);
	}
	tmk_xliff_piece_release(&pc);
	tmk_buf_release(&tag);
	tmk_buf_release(&edited);
	return rc;
}

/* A new start tag "<NAME>" with attributes A[0..N) into OUT (cleared). */
static int new_tag(tmk_buf *out, const char *prefix, const char *name, const tmk_xml_attr *a, size_t n, int empty)
{
	char tag[160];

	tmk_buf_clear(out);
	snprintf(tag, sizeof(tag), "<%s%s%s", prefix, name, empty ? "/>" : ">");
	return tmk_xml_tag_edit(out, tag, strlen(tag), a, n, 0);
}

/* Segment S's source codes as the reader gave them (markup in P's arena)
 * into *OUT (NULL when it has none). */
static int seg_codes(const pt *p, const pseg *s, tmk_xliff_code **out)
{
	*out = NULL;
	if (!s->ncodes)
		return 0;
	if (!(*out = calloc(s->ncodes, sizeof(**out))))
		return tmk_error_oom();
	for (size_t k = 0; k < s->ncodes; k++) {
		const pcode *c = &p->codes[s->codes + k];
		(*out)[k] = (tmk_xliff_code){ c->kind, "", "", str(p, c->markup), c->markup_len, c->partner };
	}
	return 0;
}

/* Segment S's new target (and a fuzzy match's record) as markup into O,
 * counted in P's report. */
static int restore_segment(pt *p, const pseg *s, seg_out *o)
{
	unsigned v2 = p->flavour == TMK_XLIFF_20 ? TMK_RESTORE_CP : 0;
	const char *known = s->kind == M_FUZZY ? s->match_source : str(p, s->text);
	size_t klen = s->kind == M_FUZZY ? s->mlen : s->len, appended;
	tmk_xliff_code *codes;
	int rc;

	if ((rc = seg_codes(p, s, &codes)) < 0)
		return rc;
	rc = tmk_xliff_restore(&o->markup, s->translation, s->tlen, codes, s->ncodes, known, klen,
			       TMK_RESTORE_APPEND | v2, &appended);
	if (rc == 0 && s->kind == M_FUZZY &&
	    (rc = tmk_xliff_restore(&o->alt_source, s->match_source, s->mlen, codes, s->ncodes, NULL, 0,
				    v2 ? v2 | TMK_RESTORE_NO_DATAREF : 0, NULL)) == 0)
		rc = tmk_xliff_restore(&o->alt_target, s->translation, s->tlen, codes, s->ncodes, known, klen,
				       v2 ? v2 | TMK_RESTORE_NO_DATAREF : 0, NULL);
	free(codes);
	o->fill = 1;
	o->draft = s->kind == M_FUZZY || appended;
	p->r->exact += s->kind == M_EXACT;
	p->r->context += s->kind == M_CONTEXT;
	p->r->fuzzy += s->kind == M_FUZZY;
	p->r->codes_appended += appended > 0;
	return rc;
}

/* Put segment S's new target MARKUP in place: into its <target> when it
 * has one (the start tag with A[0..N) set), else as a new <target>
 * (with the source's xml:space and A: A has room for one more) where one
 * goes.  AFTER, when not empty, follows the target, indented like it (an
 * <alt-trans>). */
static int put_target(pt *p, const pseg *s, const tmk_buf *markup, tmk_xml_attr *a, size_t n, const tmk_buf *after)
{
	tmk_buf tag = TMK_BUF_INIT, t2 = TMK_BUF_INIT;
	tmk_xliff_piece pc;
	size_t at = s->tgt_el.end ? s->tgt_el.start : s->src_el.start, ws = tmk_xliff_doc_ws_before(p->doc, at);
	char end[80];
	int rc;

	snprintf(end, sizeof(end), "</%starget>", p->core);
	tmk_xliff_piece_init(&pc, p->doc);
	if (s->tgt_el.end) {
		int empty = s->tgt_content.start == s->tgt_el.end;
		if ((rc = span_text(p, &tag, s->tgt_el.start, empty ? s->tgt_el.end : s->tgt_content.start)) < 0 ||
		    (rc = tmk_xml_tag_edit(&t2, tag.ptr, tag.len, a, n, 1)) < 0)
			goto done;
		tmk_xliff_piece_text(&pc, t2.ptr, t2.len);
		if (empty) {
			tmk_xliff_piece_text(&pc, markup->ptr, markup->len);
			tmk_xliff_piece_str(&pc, end);
			rc = tmk_xliff_doc_splice(p->doc, s->tgt_el.start, s->tgt_el.end, &pc);
		} else if ((rc = tmk_xliff_doc_splice(p->doc, s->tgt_el.start, s->tgt_content.start, &pc)) == 0) {
			tmk_xliff_piece_text(&pc, markup->ptr, markup->len);
			rc = tmk_xliff_doc_splice(p->doc, s->tgt_content.start, s->tgt_content.end, &pc);
		}
		at = s->tgt_el.end;
	} else {
		char space[24];
		size_t vlen = 0;
		const char *v;
		if ((rc = span_text(p, &tag, s->src_el.start, s->src_content.start)) < 0)
			goto done;
		if ((v = tmk_xml_tag_attr(tag.ptr, tag.len, "xml:space", &vlen))) {
			snprintf(space, sizeof(space), "%.*s", (int)(vlen < 16 ? vlen : 16), v);
			a[n++] = (tmk_xml_attr){ "xml:space", space };
		}
		if ((rc = new_tag(&t2, p->core, "target", a, n, 0)) < 0)
			goto done;
		tmk_xliff_piece_raw(&pc, ws, s->src_el.start);
		tmk_xliff_piece_text(&pc, t2.ptr, t2.len);
		tmk_xliff_piece_text(&pc, markup->ptr, markup->len);
		tmk_xliff_piece_str(&pc, end);
		at = s->target_at;
	}
	if (rc == 0 && after && after->len) {      /* indented like the target (or the source) */
		tmk_xliff_piece_raw(&pc, ws, s->tgt_el.end ? s->tgt_el.start : s->src_el.start);
		tmk_xliff_piece_text(&pc, after->ptr, after->len);
	}
	if (rc == 0 && (pc.bytes.len || pc.rc))
		rc = tmk_xliff_doc_splice(p->doc, at, at, &pc);
done:
	tmk_xliff_piece_release(&pc);
	tmk_buf_release(&tag);
	tmk_buf_release(&t2);
	return rc;
}

/* An <alt-trans> (1.2) with segment S's fuzzy match O into OUT; MID for a
 * <seg-source> segment (else NULL). */
static int alt_trans(pt *p, tmk_buf *out, const pseg *s, const seg_out *o, const char *mid)
{
	char q[8];
	tmk_xml_attr a[3] = { { "mid", mid }, { "match-quality", q }, { "origin", "tmkit" } };
	tmk_buf tag = TMK_BUF_INIT;
	int rc;

	snprintf(q, sizeof(q), "%d", s->score);
	if ((rc = new_tag(&tag, p->core, "alt-trans", mid ? a : a + 1, mid ? 3 : 2, 0)) == 0)
		rc = tmk_buf_printf(out, "%s<%ssource>%s</%ssource><%starget>%s</%starget></%salt-trans>", tag.ptr,
				    p->core, o->alt_source.ptr ? o->alt_source.ptr : "", p->core, p->core,
				    o->alt_target.ptr ? o->alt_target.ptr : "", p->core, p->core);
	tmk_buf_release(&tag);
	return rc;
}

/* 1.2's state for a segment filled as O (DRAFT). */
static void state_12(tmk_xml_attr a[2], int draft, int fuzzy)
{
	a[0] = (tmk_xml_attr){ "state", draft ? "needs-review-translation" : "translated" };
	a[1] = (tmk_xml_attr){ "state-qualifier", fuzzy ? "fuzzy-match" : "exact-match" };
}

/* A 1.2 unit of one segment (XLIFF 1.2, MQXLIFF, or an SDLXLIFF unit
 * without <seg-source>): the <target>, its state (memoQ: on the
 * <trans-unit>), an <alt-trans> for a fuzzy match (not memoQ). */
static int unit_12(pt *p, const punit *u, seg_out *o)
{
	const pseg *s = &p->segs[u->seg];
	tmk_xml_attr a[3];
	tmk_buf after = TMK_BUF_INIT;
	char status[72], percent[72], pct[8];
	int rc = 0, mq = p->flavour == TMK_XLIFF_MQ;

	state_12(a, o->draft, s->kind == M_FUZZY);
	if (!mq && s->kind == M_FUZZY)
		rc = alt_trans(p, &after, s, o, NULL);
	if (rc == 0)
		rc = put_target(p, s, &o->markup, a, mq ? 0 : 2, &after);
	if (rc == 0 && mq) {
		snprintf(status, sizeof(status), "%sstatus", p->mq);
		snprintf(percent, sizeof(percent), "%spercent", p->mq);
		snprintf(pct, sizeof(pct), "%d", s->kind == M_CONTEXT ? 101 : s->score);
		a[0] = (tmk_xml_attr){ status, o->draft ? "Pretranslated" : "Confirmed" };
		a[1] = (tmk_xml_attr){ percent, pct };
		rc = edit_tag(p, u->start_tag.start, u->start_tag.end, a, 2);
	}
	tmk_buf_release(&after);
	return rc;
}

/* Trados' attributes for a segment filled from a match of KIND and SCORE. */
static void sdl_attrs(tmk_xml_attr a[5], const char *mid, int draft, int kind, char pct[8], int score)
{
	snprintf(pct, 8, "%d", score);
	a[0] = (tmk_xml_attr){ "id", mid };
	a[1] = (tmk_xml_attr){ "conf", draft ? "Draft" : "Translated" };
	a[2] = (tmk_xml_attr){ "origin", "tm" };
	a[3] = (tmk_xml_attr){ "percent", pct };
	a[4] = (tmk_xml_attr){ "text-match", kind == M_CONTEXT ? "SourceAndTarget" : NULL };
}

/* New <sdl:seg> elements SEGS into unit U: into its <sdl:seg-defs>
 * (DEFS_TAG, its start tag as written, PREFIX its element prefix), or,
 * when it has none, a new <sdl:seg-defs> into NEW_DEFS (to follow the
 * target), declaring the namespace unless the root does. */
static int add_sdl_segs(pt *p, const punit *u, const tmk_buf *defs_tag, const char *prefix, const tmk_buf *segs,
			tmk_buf *new_defs)
{
	tmk_xml_attr ns = { "xmlns:sdl", NS_SDL };
	const char *sdl = p->sdl_declared ? p->sdl : "sdl:";
	tmk_buf tag = TMK_BUF_INIT;
	tmk_xliff_piece pc;
	size_t end;
	int rc;

	if (!u->sdl_segs.end) {
		if ((rc = new_tag(&tag, sdl, "seg-defs", &ns, p->sdl_declared ? 0 : 1, 0)) == 0)
			rc = tmk_buf_printf(new_defs, "%s%s</%sseg-defs>", tag.ptr, segs->ptr, sdl);
		tmk_buf_release(&tag);
		return rc;
	}
	tmk_xliff_piece_init(&pc, p->doc);
	end = tmk_xliff_doc_last_tag(p->doc, u->sdl_segs.start, u->sdl_segs.end);
	if (end != u->sdl_segs.start) {         /* before </sdl:seg-defs> */
		tmk_xliff_piece_text(&pc, segs->ptr, segs->len);
		rc = tmk_xliff_doc_splice(p->doc, end, end, &pc);
	} else if ((rc = tmk_xml_tag_edit(&tag, defs_tag->ptr, defs_tag->len, NULL, 0, 1)) == 0) {
		tmk_buf_printf(&tag, "%s</%sseg-defs>", segs->ptr, prefix);    /* <sdl:seg-defs/> opened */
		tmk_xliff_piece_text(&pc, tag.ptr, tag.len);
		rc = tmk_xliff_doc_splice(p->doc, u->sdl_segs.start, u->sdl_segs.end, &pc);
	}
	tmk_xliff_piece_release(&pc);
	tmk_buf_release(&tag);
	return rc;
}

/* Trados' segment definitions for the filled segments of U: each
 * <sdl:seg> set (found in the unit's <sdl:seg-defs> by its id: the reader
 * gives its tag only for a segment with a target), or added; a unit
 * without <sdl:seg-defs> gets one in NEW_DEFS. */
static int sdl_defs(pt *p, const punit *u, const seg_out *o, tmk_buf *new_defs)
{
	tmk_buf segs = TMK_BUF_INIT, tag = TMK_BUF_INIT, defs_tag = TMK_BUF_INIT;
	char prefix[64], qname[80], pct[8];
	tmk_xml_attr a[5];
	int rc = 0;

	snprintf(prefix, sizeof(prefix), "%s", p->sdl);
	if (u->sdl_segs.end && (rc = span_text(p, &defs_tag, u->sdl_segs.start,
					       tmk_xliff_doc_tag_end(p->doc, u->sdl_segs.start))) == 0)
		tmk_xml_tag_prefix(defs_tag.ptr, defs_tag.len, prefix);
	snprintf(qname, sizeof(qname), "%sseg", prefix);
	for (size_t k = 0; k < u->nsegs && rc == 0; k++) {
		const pseg *s = &p->segs[u->seg + k];
		tmk_xliff_span def = { 0, 0 };
		if (!o[k].fill)
			continue;
		sdl_attrs(a, s->id != NO_STR ? str(p, s->id) : "", o[k].draft, s->kind, pct, s->score);
		if (u->sdl_segs.end)
			tmk_xliff_doc_find_tag(p->doc, u->sdl_segs.start, u->sdl_segs.end, qname, "id", a[0].value, &def);
		if (def.end)
			rc = edit_tag(p, def.start, def.end, a + 1, 4);
		else if ((rc = new_tag(&tag, prefix, "seg", a, 5, 1)) == 0)
			rc = tmk_buf_put(&segs, tag.ptr, tag.len);
	}
	if (rc == 0 && segs.len)
		rc = add_sdl_segs(p, u, &defs_tag, prefix, &segs, new_defs);
	tmk_buf_release(&segs);
	tmk_buf_release(&tag);
	tmk_buf_release(&defs_tag);
	return rc;
}

/* Segment S's new <mrk mtype="seg"> content into the unit's <target>:
 * into its <mrk> (an empty one opened), or a new <mrk> before </target>. */
static int put_mrk(pt *p, const pseg *s, const seg_out *o)
{
	tmk_buf tag = TMK_BUF_INIT, t2 = TMK_BUF_INIT;
	tmk_xliff_piece pc;
	char prefix[64];
	int rc = 0;

	tmk_xliff_piece_init(&pc, p->doc);
	if (s->tgt_el.end && s->tgt_content.start != s->tgt_el.end) {
		tmk_xliff_piece_text(&pc, o->markup.ptr, o->markup.len);
		rc = tmk_xliff_doc_splice(p->doc, s->tgt_content.start, s->tgt_content.end, &pc);
	} else if (s->tgt_el.end) {             /* <mrk mtype="seg" mid="5"/> */
		if ((rc = span_text(p, &tag, s->tgt_el.start, s->tgt_el.end)) == 0 &&
		    (rc = tmk_xml_tag_edit(&t2, tag.ptr, tag.len, NULL, 0, 1)) == 0) {
			tmk_xml_tag_prefix(tag.ptr, tag.len, prefix);
			tmk_buf_printf(&t2, "%s</%smrk>", o->markup.ptr ? o->markup.ptr : "", prefix);
			tmk_xliff_piece_text(&pc, t2.ptr, t2.len);
			rc = tmk_xliff_doc_splice(p->doc, s->tgt_el.start, s->tgt_el.end, &pc);
		}
	} else {
		tmk_xml_attr a[2] = { { "mtype", "seg" }, { "mid", s->id != NO_STR ? str(p, s->id) : "" } };
		if ((rc = new_tag(&t2, p->core, "mrk", a, 2, 0)) == 0) {
			tmk_buf_printf(&t2, "%s</%smrk>", o->markup.ptr ? o->markup.ptr : "", p->core);
			tmk_xliff_piece_text(&pc, t2.ptr, t2.len);
			rc = tmk_xliff_doc_splice(p->doc, s->target_at, s->target_at, &pc);
		}
	}
	tmk_xliff_piece_release(&pc);
	tmk_buf_release(&tag);
	tmk_buf_release(&t2);
	return rc;
}

/* A new <target> for segmented unit U, made from its <seg-source> as
 * Trados makes it: the same content, each segment <mrk> holding its
 * translation (or nothing); its start tag with A[0..N); AFTER follows it. */
static int new_segmented_target(pt *p, const punit *u, const seg_out *o, const tmk_xml_attr *a, size_t n,
				const tmk_buf *after)
{
	size_t ss = u->seg_source.start, cs = tmk_xliff_doc_tag_end(p->doc, ss);
	size_t ce = tmk_xliff_doc_last_tag(p->doc, ss, u->seg_source.end), ws = tmk_xliff_doc_ws_before(p->doc, ss);
	size_t pos = cs;
	tmk_buf tag = TMK_BUF_INIT;
	tmk_xliff_piece pc;
	int rc;

	if (!cs || cs > ce)
		return tmk_error_set(TMK_ERROR, "%s: a <seg-source> without content has segments (a bug)", p->path);
	tmk_xliff_piece_init(&pc, p->doc);
	if ((rc = new_tag(&tag, p->core, "target", a, n, 0)) == 0) {
		tmk_xliff_piece_raw(&pc, ws, ss);
		tmk_xliff_piece_text(&pc, tag.ptr, tag.len);
		for (size_t k = 0; k < u->nsegs; k++) {
			const pseg *s = &p->segs[u->seg + k];
			tmk_xliff_piece_raw(&pc, pos, s->src_content.start);
			if (o[k].fill)
				tmk_xliff_piece_text(&pc, o[k].markup.ptr, o[k].markup.len);
			pos = s->src_content.end;
		}
		tmk_xliff_piece_raw(&pc, pos, ce);
		tmk_buf_clear(&tag);
		tmk_buf_printf(&tag, "</%starget>", p->core);
		tmk_xliff_piece_text(&pc, tag.ptr, tag.len);
		if (after->len) {
			tmk_xliff_piece_raw(&pc, ws, ss);
			tmk_xliff_piece_text(&pc, after->ptr, after->len);
		}
		rc = tmk_xliff_doc_splice(p->doc, u->seg_source.end, u->seg_source.end, &pc);
	}
	tmk_xliff_piece_release(&pc);
	tmk_buf_release(&tag);
	return rc;
}

/* A 1.2 unit segmented by <seg-source> (SDLXLIFF, or XLIFF 1.2): the
 * segments' <mrk>s in <target> (a new <target> when there is none), the
 * <target>'s state (not SDL: Trados' states are its <sdl:seg>s), the
 * <alt-trans> of fuzzy matches (not SDL). */
static int unit_segmented(pt *p, const punit *u, seg_out *o)
{
	int sdl = p->flavour == TMK_XLIFF_SDL, all = 1, draft = 0, fuzzy = 0, rc = 0;
	tmk_buf after = TMK_BUF_INIT;
	tmk_xml_attr a[2];

	for (size_t k = 0; k < u->nsegs && rc == 0; k++) {
		const pseg *s = &p->segs[u->seg + k];
		all = all && o[k].fill && !o[k].draft;
		draft = draft || o[k].draft;
		fuzzy = fuzzy || (o[k].fill && s->kind == M_FUZZY);
		if (!sdl && o[k].fill && s->kind == M_FUZZY)
			rc = alt_trans(p, &after, s, &o[k], s->id != NO_STR ? str(p, s->id) : "");
	}
	state_12(a, !all, fuzzy);
	if (rc == 0 && sdl)
		rc = sdl_defs(p, u, o, &after);
	if (rc < 0)
		goto done;
	if (!u->target.end) {
		rc = new_segmented_target(p, u, o, a, sdl ? 0 : 2, &after);
		goto done;
	}
	for (size_t k = 0; k < u->nsegs && rc == 0; k++)
		if (o[k].fill)
			rc = put_mrk(p, &p->segs[u->seg + k], &o[k]);
	if (rc == 0 && !sdl)
		rc = edit_tag(p, u->target.start, tmk_xliff_doc_tag_end(p->doc, u->target.start), a, 2);
	if (rc == 0 && after.len) {
		tmk_xliff_piece pc;
		tmk_xliff_piece_init(&pc, p->doc);
		tmk_xliff_piece_raw(&pc, tmk_xliff_doc_ws_before(p->doc, u->target.start), u->target.start);
		tmk_xliff_piece_text(&pc, after.ptr, after.len);
		rc = tmk_xliff_doc_splice(p->doc, u->target.end, u->target.end, &pc);
		tmk_xliff_piece_release(&pc);
	}
done:
	tmk_buf_release(&after);
	return rc;
}

/* An id for segment S of unit U that no other segment of U has: the
 * match module's ref must point at it.  Into OUT. */
static void new_segment_id(const pt *p, const punit *u, const pseg *s, char out[32])
{
	for (int n = (int)(s - p->segs - u->seg) + 1;; n++) {
		int taken = 0;
		snprintf(out, 32, "tmkit-s%d", n);
		for (size_t k = 0; k < u->nsegs && !taken; k++)
			taken = p->segs[u->seg + k].id != NO_STR && !strcmp(str(p, p->segs[u->seg + k].id), out);
		if (!taken)
			return;
	}
}

/* The <mtc:match> (prefix MTC) of segment S's fuzzy match O, pointing at
 * the segment id ID, appended to OUT. */
static int match_record(pt *p, tmk_buf *out, const pseg *s, const seg_out *o, const char *mtc, const char *id)
{
	char sim[8], ref[80];
	tmk_xml_attr m[4] = { { "ref", ref }, { "similarity", sim }, { "type", "tm" }, { "origin", "tmkit" } };
	tmk_buf tag = TMK_BUF_INIT;
	int rc;

	snprintf(ref, sizeof(ref), "#%s", id);
	snprintf(sim, sizeof(sim), "%d", s->score);
	if ((rc = new_tag(&tag, mtc, "match", m, 4, 0)) == 0)
		rc = tmk_buf_printf(out, "%s<%ssource>%s</%ssource><%starget>%s</%starget></%smatch>", tag.ptr, p->core,
				    o->alt_source.ptr ? o->alt_source.ptr : "", p->core, p->core,
				    o->alt_target.ptr ? o->alt_target.ptr : "", p->core, mtc);
	tmk_buf_release(&tag);
	return rc;
}

/* The <mtc:match>es MATCHES into unit U: at the end of its <mtc:matches>,
 * or in a new one (declaring the namespace unless the root does) first in
 * the unit, where the module's elements go. */
static int put_matches(pt *p, const punit *u, const char *mtc, const tmk_buf *matches)
{
	tmk_xml_attr ns = { "xmlns:mtc", NS_MTC };
	tmk_buf tag = TMK_BUF_INIT;
	tmk_xliff_piece pc;
	size_t at = u->start_tag.end;
	int rc = 0;

	tmk_xliff_piece_init(&pc, p->doc);
	if (u->matches.end) {
		size_t end = tmk_xliff_doc_last_tag(p->doc, u->matches.start, u->matches.end);
		at = tmk_xliff_doc_ws_before(p->doc, end);
		tmk_xliff_piece_raw(&pc, at, end);     /* on a line of its own */
		tmk_xliff_piece_text(&pc, matches->ptr, matches->len);
	} else if ((rc = new_tag(&tag, mtc, "matches", &ns, p->mtc_declared ? 0 : 1, 0)) == 0) {
		tmk_xliff_piece_raw(&pc, at, tmk_xliff_doc_ws_after(p->doc, at));
		tmk_xliff_piece_text(&pc, tag.ptr, tag.len);
		tmk_xliff_piece_text(&pc, matches->ptr, matches->len);
		tmk_buf_clear(&tag);
		tmk_buf_printf(&tag, "</%smatches>", mtc);
		tmk_xliff_piece_text(&pc, tag.ptr, tag.len);
	}
	if (rc == 0)
		rc = tmk_xliff_doc_splice(p->doc, at, at, &pc);
	tmk_xliff_piece_release(&pc);
	tmk_buf_release(&tag);
	return rc;
}

/* A 2.0 unit: each filled segment's <target> and state, the fuzzy
 * matches as <mtc:match> in the unit's <mtc:matches>. */
static int unit_20(pt *p, const punit *u, seg_out *o)
{
	tmk_buf matches = TMK_BUF_INIT, tag = TMK_BUF_INIT;
	char mtc[64], newid[32];
	int rc = 0;

	snprintf(mtc, sizeof(mtc), "%s", p->mtc_declared ? p->mtc : "mtc:");
	if (u->matches.end && (rc = span_text(p, &tag, u->matches.start,
					      tmk_xliff_doc_tag_end(p->doc, u->matches.start))) == 0)
		tmk_xml_tag_prefix(tag.ptr, tag.len, mtc);      /* as the unit's own <mtc:matches> */
	for (size_t k = 0; k < u->nsegs && rc == 0; k++) {
		const pseg *s = &p->segs[u->seg + k];
		tmk_xml_attr a[2] = { { "state", o[k].draft ? "initial" : "translated" } }, space[1];
		size_t na = 1;
		if (!o[k].fill)
			continue;
		if (s->kind == M_FUZZY && s->id == NO_STR) {
			new_segment_id(p, u, s, newid);
			a[na++] = (tmk_xml_attr){ "id", newid };
		}
		if (s->kind == M_FUZZY)
			rc = match_record(p, &matches, s, &o[k], mtc, s->id != NO_STR ? str(p, s->id) : newid);
		if (rc == 0)
			rc = edit_tag(p, s->state_tag.start, s->state_tag.end, a, na);
		if (rc == 0)            /* SPACE: room for the source's xml:space */
			rc = put_target(p, s, &o[k].markup, space, 0, NULL);
	}
	if (rc == 0 && matches.len)
		rc = put_matches(p, u, mtc, &matches);
	tmk_buf_release(&matches);
	tmk_buf_release(&tag);
	return rc;
}

/* ---- --segment: a split unit written as its sentences ------------------------------- */

/* Append the arena's text at AT (LEN bytes) to OUT. */
static int put_str(tmk_buf *out, const pt *p, size_t at, size_t len)
{
	return tmk_buf_put(out, str(p, at), len);
}

/* The content of split 1.2 unit U's <seg-source> (O NULL: a <mrk
 * mtype="seg"> around each sentence's source, what lies between them as
 * in <source>) or of its <target> (each <mrk> holding the translation O
 * gives, or nothing) into OUT. */
static int mrk_content(pt *p, const punit *u, const seg_out *o, tmk_buf *out)
{
	tmk_buf tag = TMK_BUF_INIT;
	int rc = put_str(out, p, u->lead, u->lead_len);

	for (size_t k = 0; k < u->nsegs && rc == 0; k++) {
		const pseg *s = &p->segs[u->seg + k];
		tmk_xml_attr a[2] = { { "mtype", "seg" }, { "mid", str(p, s->id) } };
		if ((rc = new_tag(&tag, p->core, "mrk", a, 2, 0)) < 0 || (rc = tmk_buf_put(out, tag.ptr, tag.len)) < 0)
			break;
		if (!o)
			rc = put_str(out, p, s->mk, s->mk_len);
		else if (o[k].fill)
			rc = tmk_buf_put(out, o[k].markup.ptr ? o[k].markup.ptr : "", o[k].markup.len);
		if (rc == 0 && (rc = tmk_buf_printf(out, "</%smrk>", p->core)) == 0)
			rc = put_str(out, p, s->gap, s->gap_len);
	}
	tmk_buf_release(&tag);
	return rc;
}

/* A split 1.2 unit: a <seg-source> after <source>, and when a sentence
 * was filled, the <target> (in place of an empty one, or the one whose
 * text every sentence replaced) with a <mrk> each, one state for the
 * unit as unit_segmented() gives it, an <alt-trans mid=".."> a fuzzy
 * sentence. */
static int split_12(pt *p, const punit *u, seg_out *o)
{
	const pseg *first = &p->segs[u->seg];
	tmk_buf b = TMK_BUF_INIT, after = TMK_BUF_INIT;
	tmk_xliff_piece pc;
	tmk_xml_attr a[3];
	int rc, all = 1, any = 0, fuzzy = 0;

	tmk_buf_printf(&b, "<%sseg-source>", p->core);
	if ((rc = mrk_content(p, u, NULL, &b)) == 0 && (rc = tmk_buf_printf(&b, "</%sseg-source>", p->core)) == 0) {
		tmk_xliff_piece_init(&pc, p->doc);
		tmk_xliff_piece_raw(&pc, tmk_xliff_doc_ws_before(p->doc, first->src_el.start), first->src_el.start);
		tmk_xliff_piece_text(&pc, b.ptr, b.len);
		rc = tmk_xliff_doc_splice(p->doc, first->src_el.end, first->src_el.end, &pc);
		tmk_xliff_piece_release(&pc);
	}
	for (size_t k = 0; k < u->nsegs && rc == 0; k++) {
		const pseg *s = &p->segs[u->seg + k];
		all = all && o[k].fill && !o[k].draft;
		any = any || o[k].fill;
		fuzzy = fuzzy || (o[k].fill && s->kind == M_FUZZY);
		if (o[k].fill && s->kind == M_FUZZY)
			rc = alt_trans(p, &after, s, &o[k], str(p, s->id));
	}
	if (rc == 0 && any) {
		state_12(a, !all, fuzzy);
		tmk_buf_clear(&b);
		if ((rc = mrk_content(p, u, o, &b)) == 0)
			rc = put_target(p, first, &b, a, 2, &after);
	}
	tmk_buf_release(&b);
	tmk_buf_release(&after);
	return rc;
}

/* The input's bytes [START, END) as text appended to OUT. */
static int raw_text(pt *p, tmk_buf *out, size_t start, size_t end)
{
	return start < end ? tmk_xliff_doc_text(p->doc, out, start, end) : 0;
}

/* The parts of a 2.0 unit's one <segment> that its sentences' segments
 * are made of, as written: its start tag, the white space before
 * <source> and before </segment>, <source>'s start tag, </segment>. */
typedef struct {
	tmk_buf tag, inner, close, src_tag, end_tag;
	char space[24];         /* the source's xml:space, "" when none */
} seg_parts;

static int seg_parts_read(pt *p, const punit *u, seg_parts *sp)
{
	const pseg *f = &p->segs[u->seg];
	size_t last = f->tgt_el.end > f->src_el.end ? f->tgt_el.end : f->src_el.end;
	size_t close = tmk_xliff_doc_ws_after(p->doc, last), vlen;
	const char *v;
	int rc;

	if ((rc = raw_text(p, &sp->tag, f->state_tag.start, f->state_tag.end)) < 0 ||
	    (rc = raw_text(p, &sp->inner, f->state_tag.end, f->src_el.start)) < 0 ||
	    (rc = raw_text(p, &sp->close, last, close)) < 0 ||
	    (rc = raw_text(p, &sp->src_tag, f->src_el.start, f->src_content.start)) < 0 ||
	    (rc = raw_text(p, &sp->end_tag, close, u->seg_end)) < 0)
		return rc;
	sp->space[0] = '\0';
	if ((v = tmk_xml_tag_attr(sp->src_tag.ptr, sp->src_tag.len, "xml:space", &vlen)))
		snprintf(sp->space, sizeof(sp->space), "%.*s", (int)(vlen < 16 ? vlen : 16), v);
	return 0;
}

static void seg_parts_release(seg_parts *sp)
{
	tmk_buf_release(&sp->tag);
	tmk_buf_release(&sp->inner);
	tmk_buf_release(&sp->close);
	tmk_buf_release(&sp->src_tag);
	tmk_buf_release(&sp->end_tag);
}

/* An <ignorable> holding the source markup at AT (LEN bytes) into OUT. */
static int ignorable(pt *p, const seg_parts *sp, size_t at, size_t len, tmk_buf *out)
{
	tmk_buf_printf(out, "<%signorable>%s%s", p->core, sp->inner.ptr ? sp->inner.ptr : "", sp->src_tag.ptr);
	put_str(out, p, at, len);
	return tmk_buf_printf(out, "</%ssource>%s</%signorable>", p->core, sp->close.ptr ? sp->close.ptr : "",
			      p->core);
}

/* Sentence K of split 2.0 unit U as a <segment> (its own id and state,
 * its target when filled as O says) into OUT. */
static int sentence_20(pt *p, const punit *u, size_t k, const seg_out *o, const seg_parts *sp, tmk_buf *out)
{
	const pseg *s = &p->segs[u->seg + k];
	tmk_xml_attr a[3] = { { "id", str(p, s->id) }, { "state", NULL }, { "subState", NULL } };
	tmk_xml_attr ta[1] = { { "xml:space", sp->space } };
	tmk_buf tag = TMK_BUF_INIT;
	int rc;

	if (o->fill)
		a[1].value = o->draft ? "initial" : "translated";
	if ((rc = tmk_xml_tag_edit(out, sp->tag.ptr, sp->tag.len, a, 3, 0)) < 0)
		return rc;
	tmk_buf_printf(out, "%s%s", sp->inner.ptr ? sp->inner.ptr : "", sp->src_tag.ptr);
	put_str(out, p, s->mk, s->mk_len);
	tmk_buf_printf(out, "</%ssource>", p->core);
	if (o->fill && (rc = new_tag(&tag, p->core, "target", ta, sp->space[0] ? 1 : 0, 0)) == 0)
		tmk_buf_printf(out, "%s%s%s</%starget>", sp->inner.ptr ? sp->inner.ptr : "", tag.ptr,
			       o->markup.ptr ? o->markup.ptr : "", p->core);
	tmk_buf_release(&tag);
	return rc < 0 ? rc : tmk_buf_printf(out, "%s%s", sp->close.ptr ? sp->close.ptr : "", sp->end_tag.ptr);
}

/* A split 2.0 unit: its one <segment> becomes a <segment> a sentence
 * (with the white space between them in <ignorable>s, indented like it),
 * each with its id, state and target; the fuzzy ones' matches in the
 * unit's <mtc:matches>. */
static int split_20(pt *p, const punit *u, seg_out *o)
{
	const pseg *f = &p->segs[u->seg];
	seg_parts sp = { TMK_BUF_INIT, TMK_BUF_INIT, TMK_BUF_INIT, TMK_BUF_INIT, TMK_BUF_INIT, "" };
	tmk_buf b = TMK_BUF_INIT, indent = TMK_BUF_INIT, matches = TMK_BUF_INIT, tag = TMK_BUF_INIT;
	tmk_xliff_piece pc;
	char mtc[64];
	int rc;

	snprintf(mtc, sizeof(mtc), "%s", p->mtc_declared ? p->mtc : "mtc:");
	if ((rc = seg_parts_read(p, u, &sp)) < 0 ||
	    (rc = raw_text(p, &indent, tmk_xliff_doc_ws_before(p->doc, f->state_tag.start), f->state_tag.start)) < 0 ||
	    (u->matches.end && (rc = span_text(p, &tag, u->matches.start,
					       tmk_xliff_doc_tag_end(p->doc, u->matches.start))) < 0))
		goto done;
	if (u->matches.end)
		tmk_xml_tag_prefix(tag.ptr, tag.len, mtc);
	if (u->lead_len && (rc = ignorable(p, &sp, u->lead, u->lead_len, &b)) == 0)
		rc = tmk_buf_put(&b, indent.ptr ? indent.ptr : "", indent.len);
	for (size_t k = 0; k < u->nsegs && rc == 0; k++) {
		const pseg *s = &p->segs[u->seg + k];
		if (k)
			tmk_buf_put(&b, indent.ptr ? indent.ptr : "", indent.len);
		if ((rc = sentence_20(p, u, k, &o[k], &sp, &b)) == 0 && s->gap_len) {
			tmk_buf_put(&b, indent.ptr ? indent.ptr : "", indent.len);
			rc = ignorable(p, &sp, s->gap, s->gap_len, &b);
		}
		if (rc == 0 && o[k].fill && s->kind == M_FUZZY)
			rc = match_record(p, &matches, s, &o[k], mtc, str(p, s->id));
	}
	if (rc == 0) {
		tmk_xliff_piece_init(&pc, p->doc);
		tmk_xliff_piece_text(&pc, b.ptr, b.len);
		rc = tmk_xliff_doc_splice(p->doc, f->state_tag.start, u->seg_end, &pc);
		tmk_xliff_piece_release(&pc);
	}
	if (rc == 0 && matches.len)
		rc = put_matches(p, u, mtc, &matches);
done:
	seg_parts_release(&sp);
	tmk_buf_release(&b);
	tmk_buf_release(&indent);
	tmk_buf_release(&matches);
	tmk_buf_release(&tag);
	return rc;
}

/* A unit split by --segment: each sentence's target made, then the unit
 * written by format.  One whose target had text (--overwrite) is split
 * only when every sentence was filled (the old translation cannot be cut
 * into sentences): else it stays as it was, one segment without a match. */
static int edit_split(pt *p, const punit *u)
{
	seg_out *o = calloc(u->nsegs, sizeof(*o));
	tmk_buf tag = TMK_BUF_INIT;
	size_t unfilled = 0;
	int rc = 0;

	if (!o)
		return tmk_error_oom();
	for (size_t k = 0; k < u->nsegs; k++)
		unfilled += p->segs[u->seg + k].kind == M_NONE;
	if (u->had_text && unfilled) {
		p->r->segments -= (long long)u->nsegs - 1;
		p->r->split_units--;
		p->r->split_segments -= (long long)u->nsegs;
		p->r->none++;
		goto done;
	}
	p->r->none += (long long)unfilled;
	for (size_t k = 0; k < u->nsegs && rc == 0; k++)
		if (p->segs[u->seg + k].kind != M_NONE)
			rc = restore_segment(p, &p->segs[u->seg + k], &o[k]);
	if (rc == 0 && (rc = span_text(p, &tag, u->start_tag.start, u->start_tag.end)) == 0) {
		tmk_xml_tag_prefix(tag.ptr, tag.len, p->core);
		rc = p->flavour == TMK_XLIFF_20 ? split_20(p, u, o) : split_12(p, u, o);
	}
done:
	for (size_t k = 0; k < u->nsegs; k++) {
		tmk_buf_release(&o[k].markup);
		tmk_buf_release(&o[k].alt_source);
		tmk_buf_release(&o[k].alt_target);
	}
	free(o);
	tmk_buf_release(&tag);
	return rc;
}

/* Unit U's edits. */
static int edit_unit(pt *p, const punit *u)
{
	seg_out *o = calloc(u->nsegs, sizeof(*o));
	tmk_buf tag = TMK_BUF_INIT;
	int rc = 0, any = 0;

	if (!o)
		return tmk_error_oom();
	if (u->split) {
		free(o);
		return edit_split(p, u);
	}
	for (size_t k = 0; k < u->nsegs && rc == 0; k++) {
		const pseg *s = &p->segs[u->seg + k];
		if (!s->todo)
			continue;
		if (s->kind == M_NONE) {
			p->r->none++;
			continue;
		}
		rc = restore_segment(p, s, &o[k]);
		any = 1;
	}
	if (rc == 0 && any && (rc = span_text(p, &tag, u->start_tag.start, u->start_tag.end)) == 0) {
		tmk_xml_tag_prefix(tag.ptr, tag.len, p->core);
		rc = p->flavour == TMK_XLIFF_20 ? unit_20(p, u, o) : u->segmented ? unit_segmented(p, u, o) :
		     unit_12(p, u, o);
	}
	for (size_t k = 0; k < u->nsegs; k++) {
		tmk_buf_release(&o[k].markup);
		tmk_buf_release(&o[k].alt_source);
		tmk_buf_release(&o[k].alt_target);
	}
	free(o);
	tmk_buf_release(&tag);
	return rc;
}

/* The prefixes the root binds Trados', memoQ's and the match module's
 * namespaces to. */
static int root_prefixes(pt *p)
{
	tmk_buf tag = TMK_BUF_INIT;
	char pre[64];
	int rc;

	if ((rc = span_text(p, &tag, p->root_tag.start, p->root_tag.end)) < 0)
		goto done;
	if ((p->sdl_declared = tmk_xml_tag_ns_prefix(tag.ptr, tag.len, NS_SDL, pre)))
		snprintf(p->sdl, sizeof(p->sdl), "%.60s:", pre);
	else
		snprintf(p->sdl, sizeof(p->sdl), "sdl:");
	snprintf(p->mq, sizeof(p->mq), "%.60s:", tmk_xml_tag_ns_prefix(tag.ptr, tag.len, NS_MQ, pre) ? pre : "mq");
	if ((p->mtc_declared = tmk_xml_tag_ns_prefix(tag.ptr, tag.len, NS_MTC, pre)))
		snprintf(p->mtc, sizeof(p->mtc), "%.60s:", pre);
done:
	tmk_buf_release(&tag);
	return rc;
}

/* ---- the whole ------------------------------------------------------------------ */

/* Is OUT the file JOB (the same file, by device and inode)? */
static int same_file(const char *job, const char *out)
{
	struct stat a, b;

	return stat(job, &a) == 0 && stat(out, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

static void pt_release(pt *p)
{
	for (size_t i = 0; i < p->nsegs; i++) {
		free(p->segs[i].translation);
		free(p->segs[i].match_source);
	}
	free(p->segs);
	free(p->codes);
	free(p->units);
	free(p->files);
	tmk_buf_release(&p->arena);
	tmk_xliff_doc_free(p->doc);
	tmk_resegmenter_free(p->reseg);
	tmk_buf_release(&p->ids);
	free(p->taken);
	tmk_buf_release(&p->scratch);
}

int tmk_pretranslate(tmk_tm *tm, tmk_pretranslate_report *r, const char *job, const char *out,
		     const tmk_pretranslate_opts *o)
{
	pt p = { .tm = tm, .o = o, .r = r, .path = job, .arena = TMK_BUF_INIT, .ids = TMK_BUF_INIT,
		 .scratch = TMK_BUF_INIT };
	tmk_xliff_reader rd = { on_unit, NULL, &p, "" };
	int rc;

	memset(r, 0, sizeof(*r));
	if (!strcmp(job, "-"))
		return tmk_error_set(TMK_EINVAL, "pretranslate reads the job from a file, not standard input");
	if (same_file(job, out))
		return tmk_error_set(TMK_EINVAL, "the output '%s' is the job itself: give another -o (the job stays "
				     "as it is)", out);
	if (o->min < 0 || o->min > 100)
		return tmk_error_set(TMK_EINVAL, "--min must be from 0 to 100, not %d", o->min);
	if ((rc = tmk_xliff_doc_load(&p.doc, job)) < 0)
		goto done;
	if (o->segment && ((rc = tmk_resegmenter_new(&p.reseg)) < 0 || (rc = collect_ids(&p)) < 0))
		goto done;
	if ((rc = tmk_xliff_read(&rd, job)) < 0)
		goto done;
	if (!p.nfiles) {
		rc = tmk_error_set(TMK_EINPUT, "%s: the job has no <file>", job);
		goto done;
	}
	if ((rc = check_languages(&p)) < 0 || (rc = root_prefixes(&p)) < 0 ||
	    (rc = tmk_tm_parallel(p.tm, o->jobs, p.nsegs, look_up_one, &p, o->progress, o->progress_ctx)) < 0)
		goto done;
	for (size_t i = 0; i < p.nunits && rc == 0; i++)
		rc = edit_unit(&p, &p.units[i]);
	if (rc == 0)
		rc = tmk_xliff_doc_write(p.doc, out);
done:
	pt_release(&p);
	return rc;
}
