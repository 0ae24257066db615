/*
 * xliff_read.c - the streaming XLIFF reader on expat; see xliff.h.
 *
 * The parser runs with namespaces (element names arrive as "URI local"),
 * reads 64 KiB at a time and holds one unit: its flows (xliff_flow.c:
 * the text of each <source>, <target> and segment <mrk>), its segments
 * and its Trados segment definitions, handed to the caller at the unit's
 * end.  A stack of frames, one per open element, says what each element
 * is to the reader (a container, a unit, a text, an inline code ...);
 * elements it does not need (headers, notes, alternative translations,
 * other namespaces) are passed over whole.  The markup kept for writers is
 * the input as written, taken from expat with XML_DefaultCurrent(); the
 * byte offsets come from XML_GetCurrentByteIndex().
 *
 * Safety as in the TMX reader: a DOCTYPE may be present but no DTD is
 * read, an entity declaration stops the parse, and so does a reference to
 * an entity that was never declared (expat would otherwise skip it
 * silently when the DOCTYPE names an external subset).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <expat.h>

#include "error.h"
#include "langtag.h"
#include "xliff_internal.h"
#include "utf8.h"
#include "xml.h"

#define NS_SEP ' '
#define MAX_DEPTH 1024          /* elements nested deeper are refused */
#define MAX_ACT 2               /* flows read at once: a <target> and a segment <mrk> in it */

static const char NS_10[] = "urn:oasis:names:tc:xliff:document:1.0";
static const char NS_11[] = "urn:oasis:names:tc:xliff:document:1.1";
static const char NS_12[] = "urn:oasis:names:tc:xliff:document:1.2";
static const char NS_20[] = "urn:oasis:names:tc:xliff:document:2.0";
static const char NS_SDL[] = "http://sdl.com/FileTypes/SdlXliff/1.0";
static const char NS_MQ[] = "MQXliff";
static const char NS_MTC[] = "urn:oasis:names:tc:xliff:matches:2.0";
static const char NS_XML[] = "http://www.w3.org/XML/1998/namespace";

/* What an open element is to the reader. */
enum {
	R_SKIP,                 /* passed over with all it holds */
	R_ROOT, R_FILE, R_HEADER, R_CONTAINER, R_UNIT, R_SEGMENT,
	R_CONTENT,              /* a <source>, <target> or segment <mrk>: a flow */
	R_INLINE,               /* an element inside a flow */
	R_SEGSRC,               /* <seg-source>, or an element in it outside the segments */
	R_SDLDEFS, R_MATCHES,
};

/* What an inline element does. */
enum {
	W_NONE, W_PAIR, W_NATIVE, W_CHAR, W_MARK, W_HIDE, W_SEG, W_SEGSRC_EL,
};

typedef struct {
	unsigned char role, what;
	unsigned char name;     /* W_PAIR, W_NATIVE: XN_* */
	unsigned char no_reseg; /* 2.0 canResegment="no" here or above */
	char local[24];         /* the local name, for messages */
	int open[MAX_ACT];      /* W_PAIR: its start's code index in each flow */
	int nact;               /* flows open when it began */
	size_t start;           /* offset of its start tag */
} frame;

typedef struct {
	xflow *src, *tgt;
	size_t id, state, key;  /* arena references (offset + 1; 0: none) */
	tmk_xliff_span tag;     /* 2.0 <segment> start tag */
} xseg;

typedef struct {
	size_t mid, conf;       /* arena references */
	int locked;
	tmk_xliff_span tag;
} sdl_seg;

typedef struct {
	XML_Parser p;
	tmk_xliff_reader *r;
	const char *name;
	int rc;
	int v2;                 /* XLIFF 2.x */
	int root_seen, in_file;
	char xns[64];           /* the document's XLIFF namespace, "" for none */
	int sdl, mq;            /* the root declares these namespaces */
	int ext_dtd;            /* the DOCTYPE names an external subset */
	char version[16];
	frame *fr;
	size_t depth, fr_cap;
	tmk_buf raw;            /* the current event as written */
	int grab;
	tmk_buf scratch;
	xflow *act[MAX_ACT];    /* the flows being read */
	int nact;
	int hidden;             /* depth of Trados' deleted-text marks */
	int native;             /* depth inside a code whose content is no text */
	/* the <file> */
	tmk_xliff_file file;
	char doc_src[TMK_LANGTAG_MAX], doc_tgt[TMK_LANGTAG_MAX];   /* 2.0 root */
	char src_lang[TMK_LANGTAG_MAX], tgt_lang[TMK_LANGTAG_MAX];
	tmk_buf farena;
	long nunits;
	/* the unit */
	tmk_buf arena;
	size_t u_id, u_mq_status, u_tgt_state;
	long u_line;
	int u_translate, u_mq_locked, tgt_has_mrk, u_no_reseg;
	tmk_xliff_span u_start, u_end, u_segsrc, u_target, u_sdl, u_matches, u_tgt_tag;
	xflow *whole_src, *whole_tgt;
	xseg *segs;
	size_t nsegs, segs_cap;
	sdl_seg *sdls;
	size_t nsdls, sdls_cap;
	xflow **pool;
	size_t npool, pool_used;
	/* what the callback gets */
	tmk_xliff_segment *out;
	size_t out_cap;
	tmk_xliff_code *codes;
	size_t codes_cap;
} xst;

typedef struct {
	const char *ns;
	size_t nslen;
	const char *local;
} qname;

static int fail(xst *st, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Stop the parse with an error at the current line. */
static int fail(xst *st, int code, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = tmk_xml_fail(st->p, &st->rc, st->name, code, fmt, ap);
	va_end(ap);
	return rc;
}

/* An error already set (out of memory, a callback's): stop the parse. */
static int stop(xst *st, int rc)
{
	if (!st->rc && rc < 0) {
		st->rc = rc;
		XML_StopParser(st->p, XML_FALSE);
	}
	return st->rc;
}

static qname split(const char *name)
{
	const char *sp = strchr(name, NS_SEP);
	qname q = { "", 0, name };

	if (sp) {
		q.ns = name;
		q.nslen = (size_t)(sp - name);
		q.local = sp + 1;
	}
	return q;
}

static int in_ns(qname q, const char *ns)
{
	return q.nslen == strlen(ns) && !memcmp(q.ns, ns, q.nslen);
}

/* Is Q the XLIFF element LOCAL? */
static int is_x(const xst *st, qname q, const char *local)
{
	return in_ns(q, st->xns) && !strcmp(q.local, local);
}

/* The value of the attribute LOCAL in namespace NS, or NULL. */
static const char *attr_ns(const XML_Char **a, const char *ns, const char *local)
{
	size_t n = strlen(ns);

	for (; a[0]; a += 2)
		if (!strncmp(a[0], ns, n) && a[0][n] == NS_SEP && !strcmp(a[0] + n + 1, local))
			return a[1];
	return NULL;
}

static size_t here(const xst *st)
{
	return (size_t)XML_GetCurrentByteIndex(st->p);
}

static size_t here_end(const xst *st)
{
	return here(st) + (size_t)XML_GetCurrentByteCount(st->p);
}

static tmk_xliff_span span_now(const xst *st)
{
	tmk_xliff_span s = { here(st), here_end(st) };
	return s;
}

static size_t arena_add(xst *st, tmk_buf *arena, const char *s)
{
	size_t off = arena->len + 1;    /* +1: 0 means "none" */

	if (tmk_buf_put(arena, s, strlen(s) + 1) < 0) {
		stop(st, TMK_ENOMEM);
		return 0;
	}
	return off;
}

static const char *arena_str(const tmk_buf *arena, size_t ref)
{
	return ref ? arena->ptr + ref - 1 : NULL;
}

/* The current event as written, into st->raw. */
static void grab(xst *st)
{
	tmk_buf_clear(&st->raw);
	st->grab = 1;
	XML_DefaultCurrent(st->p);
	st->grab = 0;
}

static const char *raw_ptr(const xst *st)
{
	return st->raw.ptr ? st->raw.ptr : "";
}

/* The raw event into every open flow (markup that is no text). */
static void raw_to_flows(xst *st)
{
	grab(st);
	for (int i = 0; i < st->nact && !st->rc; i++)
		stop(st, xflow_raw(st->act[i], raw_ptr(st), st->raw.len));
}

/* Open a frame for an element; NULL (parse stopped) when too deep. */
static frame *push(xst *st, int role, int what, const char *local)
{
	frame *f;

	if (st->depth == MAX_DEPTH) {
		fail(st, TMK_EINPUT, "elements nested more than %d deep", MAX_DEPTH);
		return NULL;
	}
	if (st->depth == st->fr_cap) {
		size_t cap = st->fr_cap ? st->fr_cap * 2 : 32;
		frame *nf = realloc(st->fr, cap * sizeof(*nf));
		if (!nf) {
			stop(st, tmk_error_oom());
			return NULL;
		}
		st->fr = nf;
		st->fr_cap = cap;
	}
	f = &st->fr[st->depth++];
	memset(f, 0, sizeof(*f));
	f->no_reseg = st->depth > 1 && f[-1].no_reseg;
	f->role = (unsigned char)role;
	f->what = (unsigned char)what;
	snprintf(f->local, sizeof(f->local), "%s", local);
	f->nact = st->nact;
	f->start = here(st);
	return f;
}

/* A flow of the unit, from the pool; SRC numbers a target's codes. */
static xflow *new_flow(xst *st, const xflow *src)
{
	xflow *f;

	if (st->pool_used == st->npool) {
		xflow **np = realloc(st->pool, (st->npool + 1) * sizeof(*np));
		if (!np || !(np[st->npool] = calloc(1, sizeof(xflow)))) {
			if (np)
				st->pool = np;
			stop(st, tmk_error_oom());
			return NULL;
		}
		st->pool = np;
		st->npool++;
	}
	f = st->pool[st->pool_used++];
	if (stop(st, xflow_reset(f, src)) < 0)
		return NULL;
	f->line = (long)XML_GetCurrentLineNumber(st->p);
	f->element.start = here(st);
	f->content.start = here_end(st);
	return f;
}

/* A language tag attribute WHAT in canonical case into OUT. */
static int read_tag(xst *st, char out[TMK_LANGTAG_MAX], const char *tag, const char *what)
{
	if (tmk_langtag_canon(out, tag, strlen(tag)) < 0)
		return fail(st, TMK_EINPUT, "%s: %s", what, tmk_error_last());
	return 0;
}

/* ---- the document, its files and units ----------------------------------- */

/* <xliff>: the namespace and version say 1.x or 2.x; anything else is no
 * XLIFF tmkit reads. */
static void start_root(xst *st, qname q, const XML_Char **a)
{
	const char *ver = tmk_xml_attr_value(a, "version"), *v1ns[] = { NS_12, NS_11, NS_10, "" };
	int v1 = 0;

	st->root_seen = 1;
	if (strcmp(q.local, "xliff") != 0) {
		fail(st, TMK_EINPUT, "not an XLIFF file: the root element is <%s>, not <xliff>", q.local);
		return;
	}
	for (size_t i = 0; i < sizeof(v1ns) / sizeof(v1ns[0]); i++)
		v1 |= in_ns(q, v1ns[i]);
	st->v2 = in_ns(q, NS_20);
	if (!v1 && !st->v2) {
		fail(st, TMK_EINPUT, "not an XLIFF file: <xliff> is in the namespace '%.*s', not XLIFF's "
		     "(%s or %s)", (int)q.nslen, q.ns, NS_12, NS_20);
		return;
	}
	snprintf(st->xns, sizeof(st->xns), "%.*s", (int)q.nslen, q.ns);
	if (!ver)
		ver = st->v2 ? "2.0" : "1.2";
	snprintf(st->version, sizeof(st->version), "%s", ver);
	if (st->v2 ? strcmp(ver, "2.0") && strcmp(ver, "2.1") && strcmp(ver, "2.2")
		   : strcmp(ver, "1.0") && strcmp(ver, "1.1") && strcmp(ver, "1.2")) {
		fail(st, TMK_EINPUT, "XLIFF version '%s' %s (tmkit reads 1.0 to 1.2 and 2.0 to 2.2)", ver,
		     !q.nslen ? "without a namespace" : st->v2 ? "in the XLIFF 2 namespace" : "in the XLIFF 1 namespace");
		return;
	}
	st->file.flavour = st->v2 ? TMK_XLIFF_20 : st->sdl ? TMK_XLIFF_SDL : st->mq ? TMK_XLIFF_MQ : TMK_XLIFF_12;
	st->file.root_tag = span_now(st);
	if (st->v2) {
		const char *s = tmk_xml_attr_value(a, "srcLang"), *t = tmk_xml_attr_value(a, "trgLang");
		if (!s) {
			fail(st, TMK_EINPUT, "<xliff> without srcLang (XLIFF 2 names the source language there)");
			return;
		}
		if (read_tag(st, st->doc_src, s, "srcLang") < 0 || (t && read_tag(st, st->doc_tgt, t, "trgLang") < 0))
			return;
	}
	push(st, R_ROOT, W_NONE, q.local);
}

/* A 2.0 canResegment attribute on the element just opened (its frame
 * inherits its parent's otherwise). */
static void reseg_attr(xst *st, const XML_Char **a)
{
	const char *v = st->v2 ? tmk_xml_attr_value(a, "canResegment") : NULL;

	if (v && st->depth)
		st->fr[st->depth - 1].no_reseg = !strcmp(v, "no");
}

/* <file>: its languages (1.2 source-language and target-language; 2.0
 * from the root), original and id. */
static void start_file(xst *st, const XML_Char **a)
{
	const char *orig = tmk_xml_attr_value(a, "original"), *id = tmk_xml_attr_value(a, "id");

	tmk_buf_clear(&st->farena);
	st->nunits = 0;
	st->src_lang[0] = st->tgt_lang[0] = '\0';
	if (st->v2) {
		strcpy(st->src_lang, st->doc_src);
		strcpy(st->tgt_lang, st->doc_tgt);
	} else {
		const char *s = tmk_xml_attr_value(a, "source-language"), *t = tmk_xml_attr_value(a, "target-language");
		if (!s) {
			fail(st, TMK_EINPUT, "<file> without source-language");
			return;
		}
		if (read_tag(st, st->src_lang, s, "source-language") < 0 ||
		    (t && *t && read_tag(st, st->tgt_lang, t, "target-language") < 0))
			return;
	}
	/* the strings go in the file's arena now and are pointed to when a
	 * unit is handed over (the arena grows no more within the file) */
	st->file.id = NULL;
	st->file.original = NULL;
	st->file.line = (long)XML_GetCurrentLineNumber(st->p);
	st->file.file_tag = span_now(st);
	{
		size_t o = orig ? arena_add(st, &st->farena, orig) : 0;
		size_t i = id && st->v2 ? arena_add(st, &st->farena, id) : 0;
		st->file.original = arena_str(&st->farena, o);
		st->file.id = arena_str(&st->farena, i);
	}
	st->in_file = 1;
	if (push(st, R_FILE, W_NONE, "file"))
		reseg_attr(st, a);
}

/* <tool> in a 1.2 header names the tool that made the file. */
static void header_tool(xst *st, const XML_Char **a)
{
	const char *name = tmk_xml_attr_value(a, "tool-name"), *ver = tmk_xml_attr_value(a, "tool-version");

	if (name && !st->r->tool[0]) {
		snprintf(st->r->tool, sizeof(st->r->tool), "%s%s%s", name, ver ? " " : "", ver ? ver : "");
		tmk_utf8_trim_cut(st->r->tool);
	}
}

/* <trans-unit> or <unit>: a new unit; what the last one held is reused. */
static void start_unit(xst *st, const XML_Char **a)
{
	const char *id = tmk_xml_attr_value(a, "id"), *tr = tmk_xml_attr_value(a, "translate");
	const char *mqs = attr_ns(a, NS_MQ, "status"), *mql = attr_ns(a, NS_MQ, "locked");
	char num[32];

	st->nunits++;
	tmk_buf_clear(&st->arena);
	st->pool_used = st->nsegs = st->nsdls = 0;
	st->whole_src = st->whole_tgt = NULL;
	st->tgt_has_mrk = 0;
	memset(&st->u_segsrc, 0, sizeof(st->u_segsrc));
	st->u_target = st->u_sdl = st->u_matches = st->u_tgt_tag = st->u_end = st->u_segsrc;
	st->u_start = span_now(st);
	st->u_line = (long)XML_GetCurrentLineNumber(st->p);
	if (!id || !*id) {
		snprintf(num, sizeof(num), "#%ld", st->nunits);
		id = num;
	}
	st->u_id = arena_add(st, &st->arena, id);
	st->u_translate = !(tr && !strcmp(tr, "no"));
	st->u_mq_status = mqs ? arena_add(st, &st->arena, mqs) : 0;
	st->u_mq_locked = mql && (!strcasecmp(mql, "locked") || !strcasecmp(mql, "true") || !strcasecmp(mql, "yes"));
	st->u_tgt_state = 0;
	if (push(st, R_UNIT, W_NONE, st->v2 ? "unit" : "trans-unit")) {
		reseg_attr(st, a);
		st->u_no_reseg = st->fr[st->depth - 1].no_reseg;
	}
}

/* A new segment of the unit (a 2.0 <segment>, a <mrk mtype="seg"> in
 * <seg-source>) with id ID (may be NULL). */
static xseg *new_seg(xst *st, const char *id)
{
	xseg *s;

	if (st->nsegs == st->segs_cap) {
		size_t cap = st->segs_cap ? st->segs_cap * 2 : 8;
		xseg *ns = realloc(st->segs, cap * sizeof(*ns));
		if (!ns) {
			stop(st, tmk_error_oom());
			return NULL;
		}
		st->segs = ns;
		st->segs_cap = cap;
	}
	s = &st->segs[st->nsegs++];
	memset(s, 0, sizeof(*s));
	s->id = id && *id ? arena_add(st, &st->arena, id) : 0;
	return s;
}

/* <sdl:seg id="MID" conf="..." locked="true">: one segment's Trados state. */
static void sdl_seg_def(xst *st, const XML_Char **a)
{
	const char *id = tmk_xml_attr_value(a, "id"), *conf = tmk_xml_attr_value(a, "conf"), *locked = tmk_xml_attr_value(a, "locked");
	sdl_seg *d;

	if (!id)
		return;
	if (st->nsdls == st->sdls_cap) {
		size_t cap = st->sdls_cap ? st->sdls_cap * 2 : 8;
		sdl_seg *nd = realloc(st->sdls, cap * sizeof(*nd));
		if (!nd) {
			stop(st, tmk_error_oom());
			return;
		}
		st->sdls = nd;
		st->sdls_cap = cap;
	}
	d = &st->sdls[st->nsdls++];
	d->mid = arena_add(st, &st->arena, id);
	d->conf = conf ? arena_add(st, &st->arena, conf) : 0;
	d->locked = locked && !strcmp(locked, "true");
	d->tag = span_now(st);
}

/* Begin reading a <source> or <target> into a new flow (*SLOT), whose
 * codes SRC numbers (NULL for a source). */
static xflow *start_content(xst *st, xflow **slot, const xflow *src, const char *local)
{
	xflow *f = new_flow(st, src);

	if (!f || !push(st, R_CONTENT, W_NONE, local))
		return NULL;
	*slot = f;
	st->act[st->nact++] = f;
	return f;
}

/* A target's language, when the file names none (1.2 allows that). */
static void target_lang(xst *st, const XML_Char **a)
{
	const char *lang = attr_ns(a, NS_XML, "lang");

	if (!st->tgt_lang[0] && lang && *lang)
		read_tag(st, st->tgt_lang, lang, "<target> xml:lang");
}

/* XLIFF's structural elements out of their place are an error (those of
 * other namespaces, and the rest of XLIFF's, are passed over). */
static int misplaced(xst *st, qname q, const frame *parent)
{
	static const char *const structural[] = {
		"xliff", "file", "trans-unit", "unit", "source", "target", "seg-source", "segment",
	};

	if (!in_ns(q, st->xns))
		return 0;
	for (size_t i = 0; i < sizeof(structural) / sizeof(structural[0]); i++)
		if (!strcmp(q.local, structural[i]))
			return fail(st, TMK_EINPUT, "<%s> inside <%s> is out of place", q.local, parent->local);
	return 0;
}

/* The children of a 1.2 <trans-unit>. */
static void unit12_child(xst *st, qname q, const XML_Char **a, const frame *parent)
{
	if (is_x(st, q, "source")) {
		if (st->whole_src)
			fail(st, TMK_EINPUT, "a second <source> in <trans-unit id=\"%s\">", arena_str(&st->arena, st->u_id));
		else
			start_content(st, &st->whole_src, NULL, "source");
	} else if (is_x(st, q, "seg-source")) {
		push(st, R_SEGSRC, W_SEGSRC_EL, "seg-source");
	} else if (is_x(st, q, "target")) {
		const char *state = tmk_xml_attr_value(a, "state");
		if (st->whole_tgt || !st->whole_src) {
			fail(st, TMK_EINPUT, "%s <target> in <trans-unit id=\"%s\">", st->whole_tgt ? "a second" :
			     "a <source> must come before the", arena_str(&st->arena, st->u_id));
			return;
		}
		st->u_tgt_tag = span_now(st);
		st->u_tgt_state = state ? arena_add(st, &st->arena, state) : 0;
		target_lang(st, a);
		start_content(st, &st->whole_tgt, st->whole_src, "target");
	} else if (in_ns(q, NS_SDL) && !strcmp(q.local, "seg-defs")) {
		push(st, R_SDLDEFS, W_NONE, "sdl:seg-defs");
	} else if (!misplaced(st, q, parent)) {
		push(st, R_SKIP, W_NONE, q.local);
	}
}

/* The children of a 2.0 <unit>. */
static void unit20_child(xst *st, qname q, const XML_Char **a, const frame *parent)
{
	if (is_x(st, q, "segment")) {
		const char *state = tmk_xml_attr_value(a, "state");
		xseg *s = new_seg(st, tmk_xml_attr_value(a, "id"));
		if (!s)
			return;
		s->state = state ? arena_add(st, &st->arena, state) : 0;
		s->tag = span_now(st);
		if (push(st, R_SEGMENT, W_NONE, "segment")) {
			reseg_attr(st, a);
			st->u_no_reseg |= st->fr[st->depth - 1].no_reseg;
		}
	} else if (in_ns(q, NS_MTC) && !strcmp(q.local, "matches")) {
		push(st, R_MATCHES, W_NONE, "mtc:matches");
	} else if (!misplaced(st, q, parent)) {
		push(st, R_SKIP, W_NONE, q.local);
	}
}

/* The children of a 2.0 <segment>. */
static void segment_child(xst *st, qname q, const XML_Char **a, const frame *parent)
{
	xseg *s = &st->segs[st->nsegs - 1];

	if (is_x(st, q, "source") || is_x(st, q, "target")) {
		int tgt = q.local[0] == 't';
		if ((tgt ? s->tgt : s->src) || (tgt && !s->src)) {
			fail(st, TMK_EINPUT, "%s <%s> in <segment> of <unit id=\"%s\">", (tgt ? s->tgt : s->src) ?
			     "a second" : "a <source> must come before the", q.local, arena_str(&st->arena, st->u_id));
			return;
		}
		if (tgt)
			target_lang(st, a);
		start_content(st, tgt ? &s->tgt : &s->src, tgt ? s->src : NULL, q.local);
	} else if (!misplaced(st, q, parent)) {
		push(st, R_SKIP, W_NONE, q.local);
	}
}

/* ---- inline content ------------------------------------------------------ */

/* The XN_* of an inline element Q of this document's version, or -1. */
static int inline_name(const xst *st, qname q)
{
	static const unsigned char v1[] = { XN_G, XN_X, XN_BX, XN_EX, XN_BPT, XN_EPT, XN_PH, XN_IT, XN_MRK };
	static const unsigned char v2[] = { XN_PC, XN_PH, XN_SC, XN_EC, XN_MRK, XN_SM, XN_EM, XN_CP };
	const unsigned char *names = st->v2 ? v2 : v1;
	size_t n = st->v2 ? sizeof(v2) : sizeof(v1);

	if (!in_ns(q, st->xns))
		return -1;
	for (size_t i = 0; i < n; i++)
		if (!strcmp(q.local, xliff_names[names[i]]))
			return names[i];
	return -1;
}

/* The name of the flow element (source, target) that inline content is in. */
static const char *content_name(const xst *st)
{
	for (size_t d = st->depth; d-- > 0;)
		if (st->fr[d].role == R_CONTENT && st->fr[d].what != W_SEG)
			return st->fr[d].local;
	return "seg-source";
}

/* Is the reader inside a segment <mrk>? */
static int in_segment(const xst *st)
{
	for (size_t d = 0; d < st->depth; d++)
		if (st->fr[d].role == R_CONTENT && st->fr[d].what == W_SEG)
			return 1;
	return 0;
}

/* A <mrk mtype="seg"> in a 1.2 <target>: the target of the segment of
 * that mid in <seg-source>.  Without a <seg-source> it is a mere mark. */
static void start_target_seg(xst *st, const XML_Char **a, frame *f)
{
	const char *mid = tmk_xml_attr_value(a, "mid");
	xseg *s = NULL;

	for (size_t i = 0; mid && i < st->nsegs && !s; i++)
		if (st->segs[i].id && !strcmp(arena_str(&st->arena, st->segs[i].id), mid))
			s = &st->segs[i];
	if (!s || st->nact != 1 || s->tgt) {
		if (!st->nsegs && st->nact == 1) {
			f->what = W_MARK;
			raw_to_flows(st);
			return;
		}
		fail(st, TMK_EINPUT, "<mrk mtype=\"seg\" mid=\"%s\"> in <target> %s", mid ? mid : "",
		     st->nact != 1 ? "inside another segment" : s ? "twice" :
		     "has no segment of that mid in <seg-source>");
		return;
	}
	raw_to_flows(st);
	st->tgt_has_mrk = 1;
	f->role = R_CONTENT;
	f->what = W_SEG;
	f->nact = st->nact;
	if ((s->tgt = new_flow(st, s->src)))
		st->act[st->nact++] = s->tgt;
}

/* An inline code starting: a placeholder and its markup in every open
 * flow.  W_PAIR elements enclose text (their end is a code too); W_NATIVE
 * ones are a code with all they hold. */
static void start_code(xst *st, frame *f, int name, const XML_Char **a)
{
	const char *id = NULL;
	int kind = TMK_XLIFF_ALONE, pos = 0;

	if (name == XN_BPT || name == XN_EPT)
		id = tmk_xml_attr_value(a, "rid");
	else if (name == XN_EC || name == XN_EM)
		id = tmk_xml_attr_value(a, "startRef");
	else if (name == XN_MRK && !st->v2)
		id = tmk_xml_attr_value(a, "mid");
	if (!id)
		id = tmk_xml_attr_value(a, "id");
	if (name == XN_IT) {
		const char *p = tmk_xml_attr_value(a, "pos");
		pos = p && !strcmp(p, "open") ? 1 : p && !strcmp(p, "close") ? 2 : 0;
	}
	f->name = (unsigned char)name;
	f->what = name == XN_G || name == XN_MRK || name == XN_PC ? W_PAIR : W_NATIVE;
	if (f->what == W_PAIR)
		kind = TMK_XLIFF_OPEN;
	grab(st);
	for (int i = 0; i < st->nact && !st->rc; i++) {
		int k = xflow_code(st->act[i], kind, name, id ? id : "", raw_ptr(st), st->raw.len, f->what == W_NATIVE);
		if (k == TMK_EINPUT)
			fail(st, TMK_EINPUT, "more than %d inline codes in one segment", TMK_XLIFF_MAX_CODES);
		else if (k < 0)
			stop(st, k);
		else {
			f->open[i] = k;
			st->act[i]->codes[k].it_pos = (unsigned char)pos;
		}
	}
	if (f->what == W_NATIVE)
		st->native = 1;
}

/* 2.0 <cp hex="..."/>: a character XML cannot hold as such. */
static void start_cp(xst *st, const XML_Char **a)
{
	const char *hex = tmk_xml_attr_value(a, "hex");
	char *end, u[4];
	long c = hex ? strtol(hex, &end, 16) : -1;
	size_t n;

	if (!hex || !*hex || *end || c < 0 || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
		fail(st, TMK_EINPUT, "<cp hex=\"%s\"> is no code point", hex ? hex : "");
		return;
	}
	if (c < 0x80) {
		u[0] = (char)c;
		n = 1;
	} else if (c < 0x800) {
		u[0] = (char)(0xC0 | (c >> 6));
		u[1] = (char)(0x80 | (c & 0x3F));
		n = 2;
	} else if (c < 0x10000) {
		u[0] = (char)(0xE0 | (c >> 12));
		u[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		u[2] = (char)(0x80 | (c & 0x3F));
		n = 3;
	} else {
		u[0] = (char)(0xF0 | (c >> 18));
		u[1] = (char)(0x80 | ((c >> 12) & 0x3F));
		u[2] = (char)(0x80 | ((c >> 6) & 0x3F));
		u[3] = (char)(0x80 | (c & 0x3F));
		n = 4;
	}
	grab(st);
	for (int i = 0; i < st->nact && !st->rc; i++)
		stop(st, xflow_text(st->act[i], u, n, raw_ptr(st), st->raw.len, st->hidden > 0));
}

/* An element inside a flow. */
static void start_inline(xst *st, qname q, const XML_Char **a)
{
	frame *f;
	int name;

	if (st->native) {               /* inside a code: all of it is code */
		if ((f = push(st, R_INLINE, W_NONE, q.local))) {
			st->native++;
			raw_to_flows(st);
		}
		return;
	}
	if ((name = inline_name(st, q)) < 0) {
		int other = !in_ns(q, st->xns);
		fail(st, TMK_EINPUT, "<%s>%s%.*s%s is not allowed inside <%s>", q.local, other ? " (namespace '" : "",
		     other ? (int)q.nslen : 0, q.ns, other ? "')" : "", content_name(st));
		return;
	}
	if (!(f = push(st, R_INLINE, W_NONE, q.local)))
		return;
	if (name == XN_CP) {
		f->what = W_CHAR;
		start_cp(st, a);
	} else if (name == XN_MRK && !st->v2) {
		const char *mtype = tmk_xml_attr_value(a, "mtype");
		if (mtype && !strcmp(mtype, "seg") && st->whole_tgt && st->act[0] == st->whole_tgt) {
			start_target_seg(st, a, f);
		} else if (mtype && !strcmp(mtype, "seg") && in_segment(st)) {
			fail(st, TMK_EINPUT, "<mrk mtype=\"seg\"> inside another segment");
		} else if (mtype && !strncmp(mtype, "x-sdl-", 6)) {
			f->what = !strcmp(mtype, "x-sdl-deleted") ? W_HIDE : W_MARK;
			st->hidden += f->what == W_HIDE;
			raw_to_flows(st);
		} else {
			start_code(st, f, name, a);
		}
	} else {
		start_code(st, f, name, a);
	}
}

/* The end of an element inside a flow. */
static void end_inline(xst *st, const frame *f)
{
	if (f->what == W_NONE) {        /* inside a code */
		st->native--;
		raw_to_flows(st);
	} else if (f->what == W_NATIVE) {
		grab(st);
		for (int i = 0; i < st->nact && !st->rc; i++)
			stop(st, xflow_end_native(st->act[i], raw_ptr(st), st->raw.len));
		st->native = 0;
	} else if (f->what == W_PAIR) {
		grab(st);
		for (int i = 0; i < f->nact && !st->rc; i++) {
			xflow *fl = st->act[i];
			int k;
			tmk_buf_clear(&st->scratch);
			if (tmk_buf_puts(&st->scratch, fl->strs.ptr + fl->codes[f->open[i]].id) < 0) {
				stop(st, TMK_ENOMEM);
				break;
			}
			k = xflow_code(fl, TMK_XLIFF_CLOSE, f->name, st->scratch.ptr, raw_ptr(st), st->raw.len, 0);
			if (k == TMK_EINPUT)
				fail(st, TMK_EINPUT, "more than %d inline codes in one segment", TMK_XLIFF_MAX_CODES);
			else if (k < 0)
				stop(st, k);
			else {
				fl->codes[k].partner = f->open[i];
				fl->codes[f->open[i]].partner = k;
			}
		}
	} else if (f->what == W_MARK || f->what == W_HIDE || f->what == W_CHAR) {
		st->hidden -= f->what == W_HIDE;
		raw_to_flows(st);
	}
}

/* Inside <seg-source>: a segment <mrk> starts a flow; other inline
 * elements (a <g> around segments) are passed through. */
static void segsrc_child(xst *st, qname q, const XML_Char **a)
{
	const char *mtype = tmk_xml_attr_value(a, "mtype");

	if (is_x(st, q, "mrk") && mtype && !strcmp(mtype, "seg")) {
		xseg *s = new_seg(st, tmk_xml_attr_value(a, "mid"));
		frame *f;
		if (!s || !(f = push(st, R_CONTENT, W_SEG, "mrk")))
			return;
		if ((s->src = new_flow(st, NULL)))
			st->act[st->nact++] = s->src;
	} else if (inline_name(st, q) >= 0 || is_x(st, q, "sub")) {
		push(st, R_SEGSRC, W_NONE, q.local);
	} else {
		fail(st, TMK_EINPUT, "<%s> is not allowed inside <seg-source>", q.local);
	}
}

/* The end of a flow's element: its spans; the end tag is markup of the
 * flow that holds it (a segment <mrk> in a <target>). */
static void end_content(xst *st)
{
	xflow *f = st->act[--st->nact];

	f->content.end = here(st);
	f->element.end = here_end(st);
	if (f == st->whole_tgt)
		st->u_target = f->element;
	if (st->nact)
		raw_to_flows(st);
}

/* ---- a unit's end: its segments to the caller ------------------------------ */

static tmk_xliff_state map_state(const char *v, int kind)
{
	static const struct {
		int kind;               /* 0 XLIFF 1.2, 1 XLIFF 2, 2 SDL, 3 memoQ */
		const char *value;
		tmk_xliff_state state;
	} map[] = {
		{ 0, "", TMK_XLIFF_TRANSLATED }, { 0, "new", TMK_XLIFF_NEW },
		{ 0, "needs-translation", TMK_XLIFF_NEW }, { 0, "translated", TMK_XLIFF_TRANSLATED },
		{ 0, "reviewed", TMK_XLIFF_REVIEWED }, { 0, "final", TMK_XLIFF_FINAL },
		{ 0, "signed-off", TMK_XLIFF_FINAL },
		{ 1, "", TMK_XLIFF_TRANSLATED }, { 1, "initial", TMK_XLIFF_NEW },
		{ 1, "translated", TMK_XLIFF_TRANSLATED }, { 1, "reviewed", TMK_XLIFF_REVIEWED },
		{ 1, "final", TMK_XLIFF_FINAL },
		{ 2, "", TMK_XLIFF_NEW }, { 2, "Unspecified", TMK_XLIFF_NEW },
		{ 2, "Translated", TMK_XLIFF_TRANSLATED }, { 2, "ApprovedTranslation", TMK_XLIFF_REVIEWED },
		{ 2, "ApprovedSignOff", TMK_XLIFF_FINAL },
		{ 3, "NotStarted", TMK_XLIFF_NEW }, { 3, "ManuallyConfirmed", TMK_XLIFF_TRANSLATED },
		{ 3, "Confirmed", TMK_XLIFF_TRANSLATED }, { 3, "TranslationApproved", TMK_XLIFF_TRANSLATED },
		{ 3, "Reviewer1Confirmed", TMK_XLIFF_REVIEWED }, { 3, "Reviewer2Confirmed", TMK_XLIFF_FINAL },
		{ 3, "Proofread", TMK_XLIFF_FINAL },
	};

	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (map[i].kind == kind && !strcasecmp(map[i].value, v))
			return map[i].state;
	return TMK_XLIFF_DRAFT;
}

/* Trados' definition of the segment with mid MID, or NULL. */
static const sdl_seg *find_sdl(const xst *st, const char *mid)
{
	for (size_t i = 0; mid && i < st->nsdls; i++)
		if (!strcmp(arena_str(&st->arena, st->sdls[i].mid), mid))
			return &st->sdls[i];
	return NULL;
}

/* The state of segment S (O being filled), from the most specific thing
 * the file says: memoQ's status, Trados' conf, the <target>'s or the
 * <segment>'s state. */
static void seg_state(const xst *st, const xseg *s, tmk_xliff_segment *o, int segmented)
{
	const sdl_seg *d = segmented ? find_sdl(st, o->id) : NULL;
	const char *v;

	o->state_value = "";
	if (!o->has_target) {
		o->state = TMK_XLIFF_NEW;
		return;
	}
	if (st->v2) {
		v = s->state ? arena_str(&st->arena, s->state) : "";
		o->state = map_state(v, 1);
		if (o->state == TMK_XLIFF_NEW && !xflow_blank(s->tgt))
			o->state = TMK_XLIFF_DRAFT;     /* a target not yet translated: a proposal */
		o->state_tag = s->tag;
	} else if (st->u_mq_status) {
		v = arena_str(&st->arena, st->u_mq_status);
		o->state = map_state(v, 3);
		o->state_tag = st->u_start;
		o->locked = st->u_mq_locked;
	} else if (d || (segmented && st->nsdls)) {
		v = d && d->conf ? arena_str(&st->arena, d->conf) : "";
		o->state = map_state(v, 2);
		if (d) {
			o->state_tag = d->tag;
			o->locked = d->locked;
		}
	} else {
		v = st->u_tgt_state ? arena_str(&st->arena, st->u_tgt_state) : "";
		o->state = map_state(v, 0);
		o->state_tag = st->u_tgt_tag;
	}
	o->state_value = v;
}

static void fill_text(tmk_xliff_text *t, const xflow *f)
{
	t->text = f->text.ptr ? f->text.ptr : "";
	t->len = f->text.len;
	t->markup = f->markup.ptr ? f->markup.ptr : "";
	t->markup_len = f->markup.len;
	t->tmx = f->tmx.len ? f->tmx.ptr : NULL;
	t->tmx_len = f->tmx.len;
	t->line = f->line;
	t->element = f->element;
	t->content = f->content;
	t->reserved = f->reserved;
}

static void fill_code(tmk_xliff_code *o, const xflow *f, const xcode *c)
{
	o->kind = (tmk_xliff_code_kind)c->kind;
	o->name = xliff_names[c->name];
	o->id = f->strs.ptr + c->id;
	o->markup = f->strs.ptr + c->mk;
	o->markup_len = c->mk_len;
	o->partner = c->partner >= 0 ? f->codes[c->partner].num : -1;
}

/* The codes of segment S into st->codes from BASE, by number: the
 * source's, then the target's own.  How many. */
static size_t seg_codes(xst *st, const xseg *s, size_t base)
{
	size_t ns = s->src->ncodes, n = ns;

	for (size_t k = 0; k < ns; k++)
		fill_code(&st->codes[base + k], s->src, &s->src->codes[k]);
	for (size_t k = 0; s->tgt && k < s->tgt->ncodes; k++) {
		const xcode *c = &s->tgt->codes[k];
		if ((size_t)c->num >= ns) {
			fill_code(&st->codes[base + (size_t)c->num], s->tgt, c);
			if ((size_t)c->num + 1 > n)
				n = (size_t)c->num + 1;
		}
	}
	return n;
}

/* Room for the callback's arrays: NSEGS segments, NCODES codes. */
static int out_room(xst *st, size_t nsegs, size_t ncodes)
{
	if (nsegs > st->out_cap) {
		tmk_xliff_segment *o = realloc(st->out, nsegs * sizeof(*o));
		if (!o)
			return tmk_error_oom();
		st->out = o;
		st->out_cap = nsegs;
	}
	if (ncodes > st->codes_cap) {
		tmk_xliff_code *c = realloc(st->codes, ncodes * sizeof(*c));
		if (!c)
			return tmk_error_oom();
		st->codes = c;
		st->codes_cap = ncodes;
	}
	return 0;
}

/* The names of the segments ("u1", "u1/2", "u1#2") into the arena. */
static void seg_keys(xst *st)
{
	const char *uid = arena_str(&st->arena, st->u_id);

	for (size_t i = 0; i < st->nsegs && !st->rc; i++) {
		xseg *s = &st->segs[i];
		tmk_buf_clear(&st->scratch);
		if (s->id)
			tmk_buf_printf(&st->scratch, "%s/%s", uid, arena_str(&st->arena, s->id));
		else if (st->nsegs == 1)
			tmk_buf_puts(&st->scratch, uid);
		else
			tmk_buf_printf(&st->scratch, "%s#%zu", uid, i + 1);
		s->key = arena_add(st, &st->arena, st->scratch.ptr ? st->scratch.ptr : "");
		uid = arena_str(&st->arena, st->u_id);         /* the arena may have moved */
	}
}

/* Hand the unit to the caller.  SEGMENTED: 1.2 segments from <seg-source>. */
static void emit_unit(xst *st, int segmented)
{
	tmk_xliff_unit u;
	size_t ncodes = 0, at = 0;
	int rc;

	for (size_t i = 0; i < st->nsegs && !st->rc; i++) {
		xseg *s = &st->segs[i];
		xflow_pair(s->src);
		rc = xflow_tmx(s->src);
		if (s->tgt) {
			xflow_pair(s->tgt);
			rc = rc < 0 ? rc : xflow_tmx(s->tgt);
		}
		stop(st, rc);
		ncodes += s->src->ncodes + (s->tgt ? s->tgt->ncodes : 0);
	}
	seg_keys(st);
	if (st->rc || stop(st, out_room(st, st->nsegs, ncodes)) < 0)
		return;
	for (size_t i = 0; i < st->nsegs; i++) {
		const xseg *s = &st->segs[i];
		tmk_xliff_segment *o = &st->out[i];
		memset(o, 0, sizeof(*o));
		o->id = arena_str(&st->arena, s->id);
		o->index = (int)i + 1;
		o->key = arena_str(&st->arena, s->key);
		fill_text(&o->source, s->src);
		o->has_target = s->tgt != NULL;
		if (s->tgt)
			fill_text(&o->target, s->tgt);
		seg_state(st, s, o, segmented);
		o->target_at = s->tgt ? s->tgt->element.start : st->v2 ? s->src->element.end :
			       segmented && st->whole_tgt ? st->whole_tgt->content.end :
			       st->u_segsrc.end ? st->u_segsrc.end : st->whole_src->element.end;
		o->codes = st->codes ? st->codes + at : NULL;    /* no arithmetic on NULL */
		o->nsource_codes = s->src->ncodes;
		o->ncodes = seg_codes(st, s, at);
		at += o->ncodes;
	}
	memset(&u, 0, sizeof(u));
	st->file.version = st->version;
	st->file.src_lang = st->src_lang;
	st->file.tgt_lang = st->tgt_lang;
	u.file = &st->file;
	u.id = arena_str(&st->arena, st->u_id);
	u.line = st->u_line;
	u.translate = st->u_translate;
	u.can_resegment = !st->u_no_reseg;
	u.start_tag = st->u_start;
	u.end_tag = st->u_end;
	u.seg_source = st->u_segsrc;
	u.target = st->u_target;
	u.sdl_segs = st->u_sdl;
	u.matches = st->u_matches;
	u.segs = st->out;
	u.nsegs = st->nsegs;
	stop(st, st->r->unit(st->r->ud, &u));
}

/* </trans-unit> or </unit>: which segments the unit has, then hand it on.
 * A 1.2 unit is segmented by its <seg-source> unless its <target> has
 * text but no segment <mrk>s (then it is one segment, <source> to
 * <target>). */
static void end_unit(xst *st)
{
	int segmented = 0;

	st->u_end = span_now(st);
	if (!st->v2) {
		if (!st->whole_src) {
			fail(st, TMK_EINPUT, "<trans-unit id=\"%s\"> has no <source>", arena_str(&st->arena, st->u_id));
			return;
		}
		segmented = st->nsegs > 0 && (!st->whole_tgt || st->tgt_has_mrk ||
					      (xflow_blank(st->whole_tgt) && !st->whole_tgt->ncodes));
		if (!segmented) {
			xseg *s;
			st->nsegs = 0;
			if (!(s = new_seg(st, NULL)))
				return;
			s->src = st->whole_src;
			s->tgt = st->whole_tgt;
		}
	}
	emit_unit(st, segmented);
}

/* ---- expat's handlers ------------------------------------------------------- */

/* With an external DTD (which is never read) expat drops a reference to
 * an entity it does not know from an attribute value without a word: the
 * tag as written is searched for one. */
static int attr_entities(xst *st)
{
	static const char *const known[] = { "amp;", "lt;", "gt;", "quot;", "apos;" };
	const char *p;

	grab(st);
	for (p = raw_ptr(st); (p = strchr(p, '&')); p++) {
		size_t n = strcspn(p + 1, ";<>\"' ");
		int ok = p[1] == '#';
		for (size_t i = 0; i < sizeof(known) / sizeof(known[0]) && !ok; i++)
			ok = !strncmp(p + 1, known[i], strlen(known[i]));
		if (!ok)
			return fail(st, TMK_EINPUT, "reference to the undeclared entity '%.*s' refused", (int)n, p + 1);
	}
	return 0;
}

/* Where an element starts, by what its parent is. */
static void XMLCALL on_start(void *ud, const XML_Char *name, const XML_Char **a)
{
	xst *st = ud;
	qname q = split(name);
	frame *parent;

	if (st->rc || (st->ext_dtd && a[0] && attr_entities(st) < 0))
		return;
	if (!st->depth) {
		if (st->root_seen)
			fail(st, TMK_EINPUT, "a second root element <%s>", q.local);
		else
			start_root(st, q, a);
		return;
	}
	parent = &st->fr[st->depth - 1];
	switch (parent->role) {
	case R_CONTENT:
	case R_INLINE:
		start_inline(st, q, a);
		break;
	case R_SEGSRC:
		segsrc_child(st, q, a);
		break;
	case R_ROOT:
		if (is_x(st, q, "file"))
			start_file(st, a);
		else if (!misplaced(st, q, parent))
			push(st, R_SKIP, W_NONE, q.local);
		break;
	case R_FILE:
	case R_CONTAINER:
		if (is_x(st, q, "group") || (parent->role == R_FILE && !st->v2 && is_x(st, q, "body"))) {
			if (push(st, R_CONTAINER, W_NONE, q.local))
				reseg_attr(st, a);
		} else if (parent->role == R_FILE && !st->v2 && is_x(st, q, "header"))
			push(st, R_HEADER, W_NONE, q.local);
		else if (is_x(st, q, st->v2 ? "unit" : "trans-unit") && (st->v2 || parent->role == R_CONTAINER))
			start_unit(st, a);
		else if (!misplaced(st, q, parent))
			push(st, R_SKIP, W_NONE, q.local);
		break;
	case R_HEADER:
		if (is_x(st, q, "tool"))
			header_tool(st, a);
		push(st, R_SKIP, W_NONE, q.local);
		break;
	case R_UNIT:
		if (st->v2)
			unit20_child(st, q, a, parent);
		else
			unit12_child(st, q, a, parent);
		break;
	case R_SEGMENT:
		segment_child(st, q, a, parent);
		break;
	case R_SDLDEFS:
		if (in_ns(q, NS_SDL) && !strcmp(q.local, "seg"))
			sdl_seg_def(st, a);
		push(st, R_SKIP, W_NONE, q.local);
		break;
	default:
		push(st, R_SKIP, W_NONE, q.local);
		break;
	}
}

static void XMLCALL on_end(void *ud, const XML_Char *name)
{
	xst *st = ud;
	frame f;

	(void)name;
	if (st->rc || !st->depth)
		return;
	f = st->fr[--st->depth];
	switch (f.role) {
	case R_CONTENT:
		end_content(st);
		break;
	case R_INLINE:
		end_inline(st, &f);
		break;
	case R_UNIT:
		end_unit(st);
		break;
	case R_SEGMENT:
		if (!st->segs[st->nsegs - 1].src)
			fail(st, TMK_EINPUT, "<segment> without <source> in <unit id=\"%s\">",
			     arena_str(&st->arena, st->u_id));
		break;
	case R_SEGSRC:
		if (f.what == W_SEGSRC_EL)
			st->u_segsrc = (tmk_xliff_span){ f.start, here_end(st) };
		break;
	case R_SDLDEFS:
		st->u_sdl = (tmk_xliff_span){ f.start, here_end(st) };
		break;
	case R_MATCHES:
		st->u_matches = (tmk_xliff_span){ f.start, here_end(st) };
		break;
	case R_FILE:
		st->in_file = 0;
		break;
	default:
		break;
	}
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int len)
{
	xst *st = ud;

	if (st->rc || !st->nact)
		return;
	grab(st);
	for (int i = 0; i < st->nact && !st->rc; i++)
		stop(st, xflow_text(st->act[i], s, (size_t)len, raw_ptr(st), st->raw.len, st->hidden > 0));
}

/* The current event as written (asked for by grab()), or what has no
 * handler of its own inside a flow: comments, processing instructions. */
static void XMLCALL on_default(void *ud, const XML_Char *s, int len)
{
	xst *st = ud;

	if (st->rc)
		return;
	if (st->grab) {
		if (tmk_buf_put(&st->raw, s, (size_t)len) < 0)
			stop(st, TMK_ENOMEM);
		return;
	}
	for (int i = 0; i < st->nact && !st->rc; i++)
		stop(st, xflow_raw(st->act[i], s, (size_t)len));
}

/* The namespaces the root declares tell SDLXLIFF and MQXLIFF apart. */
static void XMLCALL on_ns(void *ud, const XML_Char *prefix, const XML_Char *uri)
{
	xst *st = ud;

	(void)prefix;
	if (st->depth || !uri)
		return;
	st->sdl |= !strcmp(uri, NS_SDL);
	st->mq |= !strcmp(uri, NS_MQ);
}

static void XMLCALL on_entity_decl(void *ud, const XML_Char *name, int is_param,
				   const XML_Char *value, int vlen, const XML_Char *base,
				   const XML_Char *sys, const XML_Char *pub, const XML_Char *notation)
{
	(void)is_param; (void)value; (void)vlen; (void)base; (void)sys; (void)pub; (void)notation;
	fail(ud, TMK_EINPUT, "entity declaration '%s' refused: XLIFF needs none "
	     "(and they can be used for entity-expansion attacks)", name);
}

static void XMLCALL on_doctype(void *ud, const XML_Char *name, const XML_Char *sys, const XML_Char *pub,
			       int internal)
{
	xst *st = ud;

	(void)name; (void)pub; (void)internal;
	st->ext_dtd = sys != NULL;
}

static void XMLCALL on_skipped_entity(void *ud, const XML_Char *name, int is_param)
{
	(void)is_param;
	fail(ud, TMK_EINPUT, "reference to the undeclared entity '%s' refused", name);
}

/* ---- the file ---------------------------------------------------------------- */

static void state_release(xst *st)
{
	for (size_t i = 0; i < st->npool; i++) {
		xflow_release(st->pool[i]);
		free(st->pool[i]);
	}
	free(st->pool);
	free(st->fr);
	free(st->segs);
	free(st->sdls);
	free(st->out);
	free(st->codes);
	tmk_buf_release(&st->raw);
	tmk_buf_release(&st->scratch);
	tmk_buf_release(&st->farena);
	tmk_buf_release(&st->arena);
	if (st->p)
		XML_ParserFree(st->p);
}

static int make_parser(xst *st)
{
	if (!(st->p = XML_ParserCreateNS(NULL, NS_SEP)))
		return tmk_error_oom();
	XML_SetUserData(st->p, st);
	XML_SetElementHandler(st->p, on_start, on_end);
	XML_SetCharacterDataHandler(st->p, on_text);
	XML_SetDefaultHandlerExpand(st->p, on_default);
	XML_SetStartNamespaceDeclHandler(st->p, on_ns);
	XML_SetEntityDeclHandler(st->p, on_entity_decl);
	XML_SetSkippedEntityHandler(st->p, on_skipped_entity);
	XML_SetStartDoctypeDeclHandler(st->p, on_doctype);
	XML_SetUnknownEncodingHandler(st->p, tmk_xml_unknown_encoding, NULL);
	XML_SetParamEntityParsing(st->p, XML_PARAM_ENTITY_PARSING_NEVER);
	return 0;
}

/* expat's error, with the line and column. */
static int parse_error(xst *st)
{
	enum XML_Error e = XML_GetErrorCode(st->p);

	if (e == XML_ERROR_NO_ELEMENTS && st->depth)
		return tmk_error_set(TMK_EINPUT, "%s:%lu: the file ends inside <%s>: it is cut off", st->name,
				     (unsigned long)XML_GetCurrentLineNumber(st->p), st->fr[st->depth - 1].local);

	return tmk_error_set(TMK_EINPUT, "%s:%lu:%lu: %s%s", st->name,
		(unsigned long)XML_GetCurrentLineNumber(st->p),
		(unsigned long)XML_GetCurrentColumnNumber(st->p) + 1,
		e == XML_ERROR_UNKNOWN_ENCODING ? "an encoding tmkit cannot read (convert the file: "
		"iconv -f ENCODING -t UTF-8, and declare encoding=\"UTF-8\"): " :
		e == XML_ERROR_INCORRECT_ENCODING ? "unsupported or wrong encoding declaration: " :
		"not well-formed XML: ", XML_ErrorString(e));
}

/* Feed F to the parser 64 KiB at a time. */
static int parse_stream(xst *st, FILE *f, size_t total)
{
	char *buf = malloc(65536);
	size_t done = 0;
	int first = 1;

	if (!buf)
		return st->rc = tmk_error_oom();
	for (;;) {
		size_t n = fread(buf, 1, 65536, f);
		int last = n < 65536;
		char enc[32];

		if (n == 0 && ferror(f)) {
			st->rc = tmk_error_set(TMK_EIO, "cannot read '%s': %s", st->name, strerror(errno));
			break;
		}
		if (first && n == 0) {
			st->rc = tmk_error_set(TMK_EINPUT, "%s: empty file, not XLIFF", st->name);
			break;
		}
		if (first && (tmk_xml_declared_encoding(buf, n, enc), tmk_xml_mislabelled_utf8(enc, buf, n))) {
			st->rc = tmk_error_set(TMK_EINPUT, "%s:1: declares encoding \"%s\", but its bytes are UTF-8: "
					       "fix the declaration to encoding=\"UTF-8\"", st->name, enc);
			break;
		}
		first = 0;
		if (XML_Parse(st->p, buf, (int)n, last) == XML_STATUS_ERROR && !st->rc)
			st->rc = parse_error(st);
		if (st->rc)
			break;
		done += n;
		if (st->r->progress && total)
			st->r->progress(st->r->ud, done, total);
		if (last)
			break;
	}
	free(buf);
	return st->rc;
}

int tmk_xliff_read(tmk_xliff_reader *r, const char *path)
{
	int from_stdin = strcmp(path, "-") == 0;
	FILE *f = from_stdin ? stdin : fopen(path, "rb");
	xst st;
	struct stat sb;
	size_t total = 0;

	memset(&st, 0, sizeof(st));
	st.r = r;
	st.name = from_stdin ? "<stdin>" : path;
	r->tool[0] = '\0';
	if (!f)
		return tmk_error_set(TMK_EIO, "cannot open '%s': %s", path, strerror(errno));
	if (!from_stdin && fstat(fileno(f), &sb) == 0)
		total = (size_t)sb.st_size;
	if ((st.rc = make_parser(&st)) == 0 && parse_stream(&st, f, total) == 0 && !st.root_seen)
		st.rc = tmk_error_set(TMK_EINPUT, "%s: not an XLIFF file (no <xliff> element)", st.name);
	state_release(&st);
	if (!from_stdin)
		fclose(f);
	return st.rc;
}
