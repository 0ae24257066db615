/*
 * term_io.c - term base import and export; see term_io.h.
 *
 * Import builds one tmk_concept_in per CSV row or XML concept entry and
 * hands it to tmk_concept_add() inside one transaction.  The XML reader
 * is one expat handler for three vocabularies, as their shapes agree:
 *
 *   concept   conceptEntry (TBX v3)  termEntry (TBX v2)     tu (TMX)
 *   language  langSec                langSet                tuv
 *   term      termSec                tig, ntig              tuv
 *   text      term                   term                   seg
 *
 * Exports write every field tmkit keeps, so that they import again to the
 * same term base (what TBX-Basic has no category for, the concept type,
 * travels as a note "type: ...").
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <expat.h>

#include "error.h"
#include "formats/reader.h"
#include "formats/xml.h"
#include "term_io.h"
#include "text.h"

#define MAX_TERMS 64

/* A concept being read: its fields and terms, texts in an arena. */
typedef struct {
	tmk_buf arena;          /* NUL-separated strings */
	size_t type, domain, definition, note, source;  /* offsets + 1; 0: none */
	struct {
		char lang[8];
		size_t text, status, note;      /* offsets + 1 */
	} t[MAX_TERMS];
	size_t nt;
} draft;

static void draft_clear(draft *d)
{
	tmk_buf_clear(&d->arena);
	d->type = d->domain = d->definition = d->note = d->source = 0;
	d->nt = 0;
}

/* Keep S[0..LEN) in the arena; its offset + 1. */
static size_t keep(draft *d, const char *s, size_t len)
{
	size_t at = d->arena.len;

	if (tmk_buf_put(&d->arena, s, len) < 0 || tmk_buf_putc(&d->arena, '\0') < 0)
		return 0;
	return at + 1;
}

static const char *str(const draft *d, size_t off)
{
	return off ? d->arena.ptr + off - 1 : NULL;
}

/* Add the draft as a concept; report merges. */
static int commit_draft(tmk_tm *tm, tmk_term_import_report *rep, const draft *d,
			const char *file, long line)
{
	tmk_term_in terms[MAX_TERMS];
	tmk_concept_in c;
	int64_t id;
	int merged, changed, rc;

	memset(&c, 0, sizeof(c));
	c.type = str(d, d->type);
	c.domain = str(d, d->domain);
	c.definition = str(d, d->definition);
	c.note = str(d, d->note);
	c.source = str(d, d->source);
	for (size_t i = 0; i < d->nt; i++) {
		terms[i].lang = d->t[i].lang;
		terms[i].text = str(d, d->t[i].text);
		terms[i].len = strlen(terms[i].text);
		terms[i].status = str(d, d->t[i].status);
		terms[i].note = str(d, d->t[i].note);
	}
	c.terms = terms;
	c.nterms = d->nt;
	if ((rc = tmk_concept_add(tm, &id, &merged, &changed, &c)) < 0) {
		char msg[512];
		snprintf(msg, sizeof(msg), "%s", tmk_error_last());
		/* an unknown status or language is the file's fault: TMK_EINPUT */
		return tmk_error_set(rc == TMK_EINVAL ? TMK_EINPUT : rc, "%s:%ld: %s", file, line, msg);
	}
	if (!merged)
		rep->added++;
	else if (changed)
		rep->merged++;
	else
		rep->unchanged++;
	if (merged && rep->each)
		rep->each(rep->ud, file, line, changed ? "merged into concept" : "already there: concept", id);
	return 0;
}

/* ---- CSV and TSV ----------------------------------------------------------- */

enum { COL_DE, COL_EN, COL_DE_STATUS, COL_EN_STATUS, COL_DE_NOTE, COL_EN_NOTE, COL_STATUS,
       COL_TYPE, COL_DOMAIN, COL_DEFINITION, COL_NOTE, COL_SOURCE, NCOLS };

typedef struct {
	tmk_tm *tm;
	tmk_term_import_report *rep;
	const char *name;
	int col[NCOLS];         /* field index + 1; 0: absent */
	int header_seen;
	draft d;
} csv_state;

static int column_of(const tmk_field *f)
{
	static const struct {
		const char *name;
		int col;
	} names[] = {
		{ "de", COL_DE }, { "german", COL_DE }, { "deutsch", COL_DE }, { "de-de", COL_DE },
		{ "en", COL_EN }, { "english", COL_EN }, { "englisch", COL_EN }, { "en-us", COL_EN },
		{ "en-gb", COL_EN }, { "de_status", COL_DE_STATUS }, { "en_status", COL_EN_STATUS },
		{ "de_note", COL_DE_NOTE }, { "en_note", COL_EN_NOTE }, { "status", COL_STATUS },
		{ "type", COL_TYPE }, { "domain", COL_DOMAIN }, { "subject", COL_DOMAIN },
		{ "definition", COL_DEFINITION }, { "note", COL_NOTE }, { "comment", COL_NOTE },
		{ "source", COL_SOURCE },
	};
	size_t b = 0, e = f->len;

	while (b < e && (f->p[b] == ' ' || f->p[b] == '\t'))
		b++;
	while (e > b && (f->p[e - 1] == ' ' || f->p[e - 1] == '\t' || f->p[e - 1] == '\r'))
		e--;
	if (e - b >= 3 && !memcmp(f->p + b, "\xEF\xBB\xBF", 3))      /* a BOM on the first cell */
		b += 3;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strlen(names[i].name) == e - b && !strncasecmp(names[i].name, f->p + b, e - b))
			return names[i].col;
	return -1;
}

/* The items of a list cell ("a; b\; c"): unescaped and trimmed, each
 * kept in the draft; their offsets into ITEMS.  -1 when there are too
 * many. */
static int split_cell(draft *d, const tmk_field *f, size_t *items, int max)
{
	tmk_buf cur = TMK_BUF_INIT;
	int n = 0;

	for (size_t i = 0; i <= f->len; i++) {
		if (i == f->len || f->p[i] == ';') {
			size_t b = 0, e = cur.len;
			while (b < e && (cur.ptr[b] == ' ' || cur.ptr[b] == '\t'))
				b++;
			while (e > b && (cur.ptr[e - 1] == ' ' || cur.ptr[e - 1] == '\t' || cur.ptr[e - 1] == '\r'))
				e--;
			if (n == max) {
				tmk_buf_release(&cur);
				return -1;
			}
			items[n++] = keep(d, cur.ptr ? cur.ptr + b : "", e - b);
			tmk_buf_clear(&cur);
			continue;
		}
		if (f->p[i] == '\\' && i + 1 < f->len && (f->p[i + 1] == ';' || f->p[i + 1] == '\\'))
			i++;
		tmk_buf_putc(&cur, f->p[i]);
	}
	tmk_buf_release(&cur);
	return n;
}

/* A single-valued cell, trimmed; 0 when empty. */
static size_t cell(draft *d, const tmk_field *f)
{
	size_t b = 0, e = f->len;

	while (b < e && (f->p[b] == ' ' || f->p[b] == '\t'))
		b++;
	while (e > b && (f->p[e - 1] == ' ' || f->p[e - 1] == '\t' || f->p[e - 1] == '\r'))
		e--;
	return e > b ? keep(d, f->p + b, e - b) : 0;
}

/* Column C's cell of the row, kept in the draft; 0 when absent or empty. */
static size_t field_of(csv_state *cs, const tmk_field *f, size_t n, int c)
{
	return cs->col[c] && (size_t)cs->col[c] <= n ? cell(&cs->d, &f[cs->col[c] - 1]) : 0;
}

static int csv_row(void *ud, long line, tmk_field *f, size_t n, size_t pos)
{
	csv_state *cs = ud;
	draft *d = &cs->d;
	static const char *const langs[2] = { "de", "en" };

	(void)pos;
	if (n == 1 && f[0].len == 0)
		return 0;               /* blank line */
	if (!cs->header_seen) {
		for (size_t i = 0; i < n; i++) {
			int c = column_of(&f[i]);
			if (c >= 0 && !cs->col[c])
				cs->col[c] = (int)i + 1;
		}
		if (!cs->col[COL_DE] || !cs->col[COL_EN])
			return tmk_error_set(TMK_EINPUT, "%s:%ld: the first line must name the columns, "
					     "de and en at least (e.g. de,en,type,status,note)", cs->name, line);
		cs->header_seen = 1;
		return 0;
	}
	draft_clear(d);
	for (int l = 0; l < 2; l++) {
		int c = cs->col[l == 0 ? COL_DE : COL_EN];
		size_t texts[MAX_TERMS / 2], st[MAX_TERMS / 2], notes[MAX_TERMS / 2];
		int nt, ns = 0, nn = 0;
		const tmk_field empty = { "", 0 };
		const tmk_field *tf = (size_t)c <= n ? &f[c - 1] : &empty;
		int sc = cs->col[l == 0 ? COL_DE_STATUS : COL_EN_STATUS];
		int nc = cs->col[l == 0 ? COL_DE_NOTE : COL_EN_NOTE];

		if ((nt = split_cell(d, tf, texts, MAX_TERMS / 2)) < 0)
			return tmk_error_set(TMK_EINPUT, "%s:%ld: more than %d %s terms", cs->name, line,
					     MAX_TERMS / 2, langs[l]);
		if (sc && (size_t)sc <= n && f[sc - 1].len)
			ns = split_cell(d, &f[sc - 1], st, MAX_TERMS / 2);
		if (nc && (size_t)nc <= n && f[nc - 1].len)
			nn = split_cell(d, &f[nc - 1], notes, MAX_TERMS / 2);
		for (int k = 0; k < nt; k++) {
			if (!texts[k] || !*str(d, texts[k]))
				return tmk_error_set(TMK_EINPUT, "%s:%ld: an empty %s term%s", cs->name, line,
						     langs[l], nt > 1 ? " (two ';' in a row?)" : "");
			snprintf(d->t[d->nt].lang, sizeof(d->t[d->nt].lang), "%s", langs[l]);
			d->t[d->nt].text = texts[k];
			d->t[d->nt].status = k < ns && *str(d, st[k]) ? st[k] : 0;
			d->t[d->nt].note = k < nn && *str(d, notes[k]) ? notes[k] : 0;
			if (k == 0 && !d->t[d->nt].status && cs->col[COL_STATUS] &&
			    (size_t)cs->col[COL_STATUS] <= n)
				d->t[d->nt].status = cell(d, &f[cs->col[COL_STATUS] - 1]);
			d->nt++;
		}
	}
	d->type = field_of(cs, f, n, COL_TYPE);
	d->domain = field_of(cs, f, n, COL_DOMAIN);
	d->definition = field_of(cs, f, n, COL_DEFINITION);
	d->note = field_of(cs, f, n, COL_NOTE);
	d->source = field_of(cs, f, n, COL_SOURCE);
	return commit_draft(cs->tm, cs->rep, d, cs->name, line);
}

/* ---- TBX and TMX ------------------------------------------------------------ */

typedef struct {
	XML_Parser p;
	tmk_tm *tm;
	tmk_term_import_report *rep;
	const char *name;
	int rc;
	int root;               /* 1 tbx/martif, 2 tmx */
	int in_concept;
	long concept_line;
	char lang[8];           /* of the current language section */
	int in_term_holder;     /* termSec / tig / ntig / tuv */
	size_t term_text, term_status, term_note;  /* of the current term, offsets + 1 */
	int collecting;         /* text to TEXT: 1 term, 2 field */
	tmk_buf text;
	char field_kind[32], field_type[48];
	draft d;
} xml_state;

static void xml_fail(xml_state *x, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void xml_fail(xml_state *x, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tmk_xml_fail(x->p, &x->rc, x->name, TMK_EINPUT, fmt, ap);
	va_end(ap);
}

/* An element's local name (namespaces are not expanded: drop a prefix). */
static const char *local(const char *name)
{
	const char *c = strrchr(name, ':');

	return c ? c + 1 : name;
}

static const char *attr(const char **a, const char *name)
{
	for (int i = 0; a[i]; i += 2)
		if (!strcmp(a[i], name) || !strcmp(local(a[i]), name))
			return a[i + 1];
	return NULL;
}

/* TBX administrative status to ours. */
static const char *tbx_status(const char *s)
{
	if (!strncmp(s, "preferred", 9))
		return "preferred";
	if (!strncmp(s, "admitted", 8))
		return "admitted";
	if (!strncmp(s, "deprecated", 10) || !strncmp(s, "superseded", 10) || !strncmp(s, "forbidden", 9))
		return "forbidden";
	return NULL;
}

static void XMLCALL x_start(void *ud, const XML_Char *name, const XML_Char **a)
{
	xml_state *x = ud;
	const char *n = local(name), *type = attr(a, "type");

	if (x->rc)
		return;
	if (!x->root) {
		if (!strcmp(n, "tbx") || !strcmp(n, "martif"))
			x->root = 1;
		else if (!strcmp(n, "tmx"))
			x->root = 2;
		else
			xml_fail(x, "<%s>: not TBX or TMX (want <tbx>, <martif> or <tmx>)", n);
		return;
	}
	if (!strcmp(n, "conceptEntry") || !strcmp(n, "termEntry") || !strcmp(n, "tu")) {
		draft_clear(&x->d);
		x->in_concept = 1;
		x->concept_line = (long)XML_GetCurrentLineNumber(x->p);
		return;
	}
	if (!x->in_concept)
		return;
	if (!strcmp(n, "langSec") || !strcmp(n, "langSet") || !strcmp(n, "tuv")) {
		const char *l = attr(a, "lang");
		if (!l) {
			xml_fail(x, "<%s> without xml:lang", n);
			return;
		}
		snprintf(x->lang, sizeof(x->lang), "%.*s", (int)strcspn(l, "-_"), l);
		for (char *p = x->lang; *p; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p = (char)(*p + 32);
	}
	if (!strcmp(n, "termSec") || !strcmp(n, "tig") || !strcmp(n, "ntig") || !strcmp(n, "tuv")) {
		x->in_term_holder = 1;
		x->term_text = x->term_status = x->term_note = 0;
		return;
	}
	if (!strcmp(n, "term") || (!strcmp(n, "seg") && x->root == 2)) {
		x->collecting = 1;
		tmk_buf_clear(&x->text);
		return;
	}
	if (!strcmp(n, "descrip") || !strcmp(n, "admin") || !strcmp(n, "termNote") ||
	    !strcmp(n, "note") || !strcmp(n, "prop")) {
		x->collecting = 2;
		tmk_buf_clear(&x->text);
		snprintf(x->field_kind, sizeof(x->field_kind), "%s", n);
		snprintf(x->field_type, sizeof(x->field_type), "%s", type ? type : "");
	}
}

/* A finished field element: where its text goes. */
static void field_done(xml_state *x)
{
	draft *d = &x->d;
	const char *k = x->field_kind, *t = x->field_type, *s = x->text.ptr ? x->text.ptr : "";
	size_t len = x->text.len;

	while (len && (s[len - 1] == ' ' || s[len - 1] == '\n' || s[len - 1] == '\t'))
		len--;
	while (len && (*s == ' ' || *s == '\n' || *s == '\t')) {
		s++;
		len--;
	}
	if (x->in_term_holder) {                /* about the term */
		if (!strcmp(t, "administrativeStatus") || !strcmp(t, "x-tmkit-status")) {
			char v[48];
			const char *st;
			snprintf(v, sizeof(v), "%.*s", (int)len, s);
			if (!(st = tbx_status(v)))
				xml_fail(x, "unknown status '%s'", v);
			else
				x->term_status = keep(d, st, strlen(st));
		} else if (!strcmp(k, "note")) {
			x->term_note = keep(d, s, len);
		}
		return;
	}
	if (!strcmp(t, "subjectField") || !strcmp(t, "x-tmkit-domain"))
		d->domain = keep(d, s, len);
	else if (!strcmp(t, "definition") || !strcmp(t, "x-tmkit-definition"))
		d->definition = keep(d, s, len);
	else if (!strcmp(t, "source") || !strcmp(t, "x-tmkit-source"))
		d->source = keep(d, s, len);
	else if (!strcmp(t, "x-tmkit-type"))
		d->type = keep(d, s, len);
	else if (!strcmp(k, "note") && len > 6 && !strncmp(s, "type: ", 6))
		d->type = keep(d, s + 6, len - 6);
	else if (!strcmp(k, "note"))
		d->note = keep(d, s, len);
}

static void XMLCALL x_end(void *ud, const XML_Char *name)
{
	xml_state *x = ud;
	const char *n = local(name);

	if (x->rc || !x->in_concept)
		return;
	if (x->collecting == 1 && (!strcmp(n, "term") || !strcmp(n, "seg"))) {
		const char *s = x->text.ptr ? x->text.ptr : "";
		size_t len = x->text.len;
		while (len && (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r')) {
			s++;
			len--;
		}
		while (len && (s[len - 1] == ' ' || s[len - 1] == '\n' || s[len - 1] == '\t' ||
			       s[len - 1] == '\r'))
			len--;
		if (!len) {
			xml_fail(x, "an empty %s term", x->lang);
			return;
		}
		x->term_text = keep(&x->d, s, len);
		x->collecting = 0;
		return;
	}
	if (x->collecting == 2 && !strcmp(n, x->field_kind)) {
		field_done(x);
		x->collecting = 0;
		return;
	}
	if (!strcmp(n, "termSec") || !strcmp(n, "tig") || !strcmp(n, "ntig") || !strcmp(n, "tuv")) {
		x->in_term_holder = 0;
		if (!x->term_text || !*str(&x->d, x->term_text)) {
			xml_fail(x, "an empty %s term", x->lang);
			return;
		}
		if (x->d.nt == MAX_TERMS) {
			xml_fail(x, "more than %d terms in one concept", MAX_TERMS);
			return;
		}
		snprintf(x->d.t[x->d.nt].lang, sizeof(x->d.t[0].lang), "%s", x->lang);
		x->d.t[x->d.nt].text = x->term_text;
		x->d.t[x->d.nt].status = x->term_status;
		x->d.t[x->d.nt].note = x->term_note;
		x->d.nt++;
		return;
	}
	if (!strcmp(n, "conceptEntry") || !strcmp(n, "termEntry") || !strcmp(n, "tu")) {
		x->in_concept = 0;
		if (x->d.nt == 0) {
			xml_fail(x, "a concept without terms");
			return;
		}
		if ((x->rc = commit_draft(x->tm, x->rep, &x->d, x->name, x->concept_line)) < 0)
			XML_StopParser(x->p, XML_FALSE);
	}
}

static void XMLCALL x_text(void *ud, const XML_Char *s, int len)
{
	xml_state *x = ud;

	if (x->collecting && !x->rc && tmk_nfc_append(&x->text, s, (size_t)len) < 0) {
		x->rc = TMK_ENOMEM;
		XML_StopParser(x->p, XML_FALSE);
	}
}

static void XMLCALL x_entity(void *ud, const XML_Char *name, int is_param, const XML_Char *v,
			     int vlen, const XML_Char *base, const XML_Char *sys, const XML_Char *pub,
			     const XML_Char *notation)
{
	(void)is_param; (void)v; (void)vlen; (void)base; (void)sys; (void)pub; (void)notation;
	xml_fail(ud, "entity declaration '%s' refused (not needed, and a door to expansion attacks)",
		 name);
}

/* An entity expat skipped (the DOCTYPE names an external DTD, never read):
 * the term would silently lose it. */
static void XMLCALL x_skipped(void *ud, const XML_Char *name, int is_param)
{
	(void)is_param;
	xml_fail(ud, "reference to the undeclared entity '%s' refused", name);
}

/* Import the TBX or TMX DATA: as UTF-8, or when OWN in the single-byte
 * encoding it declares. */
static int import_xml(tmk_tm *tm, tmk_term_import_report *rep, const char *name,
		      const char *data, size_t len, int own)
{
	xml_state x;

	memset(&x, 0, sizeof(x));
	x.tm = tm;
	x.rep = rep;
	x.name = name;
	if (!(x.p = XML_ParserCreate(own ? NULL : "UTF-8")))
		return tmk_error_oom();
	XML_SetUnknownEncodingHandler(x.p, tmk_xml_unknown_encoding, NULL);
	XML_SetUserData(x.p, &x);
	XML_SetElementHandler(x.p, x_start, x_end);
	XML_SetCharacterDataHandler(x.p, x_text);
	XML_SetEntityDeclHandler(x.p, x_entity);
	XML_SetSkippedEntityHandler(x.p, x_skipped);
	XML_SetParamEntityParsing(x.p, XML_PARAM_ENTITY_PARSING_NEVER);
	if (XML_Parse(x.p, data, (int)len, 1) == XML_STATUS_ERROR && !x.rc)
		x.rc = tmk_error_set(TMK_EINPUT, "%s:%lu:%lu: not well-formed XML: %s", name,
				     (unsigned long)XML_GetCurrentLineNumber(x.p),
				     (unsigned long)XML_GetCurrentColumnNumber(x.p) + 1,
				     XML_ErrorString(XML_GetErrorCode(x.p)));
	if (!x.rc && !x.root)
		x.rc = tmk_error_set(TMK_EINPUT, "%s: no TBX or TMX in it", name);
	XML_ParserFree(x.p);
	tmk_buf_release(&x.text);
	tmk_buf_release(&x.d.arena);
	return x.rc;
}

/* ---- import ------------------------------------------------------------------ */

/* The byte order of a UTF-16 file: 1 little-endian, 2 big-endian, told by
 * its byte-order mark, or, for XML without one, by a '<' with a zero byte
 * beside it; 0 for anything else (UTF-8 and its subsets). */
static int utf16_order(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;

	if (len < 2)
		return 0;
	if ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == '<' && u[1] == 0))
		return 1;
	if ((u[0] == 0xFE && u[1] == 0xFF) || (u[0] == 0 && u[1] == '<'))
		return 2;
	return 0;
}

/* Append code point C to OUT as UTF-8. */
static int put_utf8(tmk_buf *out, uint32_t c)
{
	char b[4];
	size_t n = 0;

	if (c < 0x80) {
		b[n++] = (char)c;
	} else if (c < 0x800) {
		b[n++] = (char)(0xC0 | c >> 6);
		b[n++] = (char)(0x80 | (c & 0x3F));
	} else if (c < 0x10000) {
		b[n++] = (char)(0xE0 | c >> 12);
		b[n++] = (char)(0x80 | (c >> 6 & 0x3F));
		b[n++] = (char)(0x80 | (c & 0x3F));
	} else {
		b[n++] = (char)(0xF0 | c >> 18);
		b[n++] = (char)(0x80 | (c >> 12 & 0x3F));
		b[n++] = (char)(0x80 | (c >> 6 & 0x3F));
		b[n++] = (char)(0x80 | (c & 0x3F));
	}
	return tmk_buf_put(out, b, n);
}

/* The UTF-16 text S[0..LEN) in byte order ORDER (a BOM first is dropped)
 * as UTF-8 in OUT, so that TBX, TMX, CSV and TSV in UTF-16 (a spreadsheet's
 * "Unicode text") read as the UTF-8 they mean.  Line numbers stay as they
 * were.  TMK_EINPUT names the file and line of an odd last byte or a lone
 * surrogate. */
static int utf16_to_utf8(tmk_buf *out, const char *name, const char *s, size_t len, int order)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, line = 1;
	int rc = 0;

#define UNIT(k) (order == 1 ? (uint32_t)(u[k] | u[(k) + 1] << 8) : (uint32_t)(u[k] << 8 | u[(k) + 1]))
	if (UNIT(0) == 0xFEFF)
		i = 2;
	for (; rc == 0 && i + 1 < len; i += 2) {
		uint32_t c = UNIT(i);

		if (c >= 0xD800 && c < 0xDC00 && i + 3 < len && UNIT(i + 2) >= 0xDC00 &&
		    UNIT(i + 2) < 0xE000) {
			c = 0x10000 + ((c - 0xD800) << 10) + (UNIT(i + 2) - 0xDC00);
			i += 2;
		} else if (c >= 0xD800 && c < 0xE000) {
			return tmk_error_set(TMK_EINPUT, "%s:%zu: a lone UTF-16 surrogate (0x%04x) at "
					     "byte offset %zu: the file is damaged", name, line,
					     (unsigned)c, i);
		}
		line += c == '\n';
		rc = put_utf8(out, c);
	}
#undef UNIT
	if (rc == 0 && i < len)
		rc = tmk_error_set(TMK_EINPUT, "%s:%zu: UTF-16 with an odd number of bytes: "
				   "the file is cut off or not UTF-16", name, line);
	return rc;
}

/* How to read the XML S (UTF-16 has been converted to UTF-8 by now): as
 * UTF-8 (*OWN 0: expat is told so, whatever the file declares), or in the
 * single-byte encoding it declares (*OWN 1: windows-1252, ISO-8859-15 ...,
 * through formats/xml.c's table).  A file that declares such an encoding
 * but holds UTF-8 is refused: it would be read as mojibake. */
static int xml_encoding(const char *name, const char *s, size_t len, int *own)
{
	char enc[32];

	tmk_xml_declared_encoding(s, len, enc);
	*own = enc[0] && strcmp(enc, "utf-8") && strcmp(enc, "utf8") && strncmp(enc, "utf-16", 6);
	if (tmk_xml_mislabelled_utf8(enc, s, len))
		return tmk_error_set(TMK_EINPUT, "%s:1: declares encoding \"%s\", but its bytes are UTF-8: "
				     "fix the declaration to encoding=\"UTF-8\"", name, enc);
	return 0;
}

static int import_csv(tmk_tm *tm, tmk_term_import_report *rep, const char *name,
		      const char *data, size_t len, int comma)
{
	csv_state cs;
	tmk_text *t;
	int rc;

	/* text files are validated (UTF-8, no NUL) with lines named */
	if ((rc = tmk_text_from_bytes(&t, name, data, len)) < 0)
		return rc;
	memset(&cs, 0, sizeof(cs));
	cs.tm = tm;
	cs.rep = rep;
	cs.name = name;
	rc = tmk_delim_records(name, t->data, t->len, comma, csv_row, &cs);
	if (rc == 0 && !cs.header_seen)
		rc = tmk_error_set(TMK_EINPUT, "%s: empty: no header, no terms", name);
	tmk_buf_release(&cs.d.arena);
	tmk_text_free(t);
	return rc;
}

int tmk_term_import(tmk_tm *tm, tmk_term_import_report *rep, const char *path)
{
	tmk_buf b = TMK_BUF_INIT, u8 = TMK_BUF_INIT;
	const char *name = strcmp(path, "-") ? path : "<stdin>", *dot = strrchr(path, '.');
	const char *data;
	size_t skip = 0, len;
	int rc, order, own = 0;

	rep->added = rep->merged = rep->unchanged = 0;
	if ((rc = tmk_read_file(&b, path)) < 0)
		goto done;
	if ((order = utf16_order(b.ptr, b.len)) &&
	    (rc = utf16_to_utf8(&u8, name, b.ptr, b.len, order)) < 0)
		goto done;
	data = order ? u8.ptr : b.ptr;
	len = order ? u8.len : b.len;
	if (!data)
		data = "";
	if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3))
		skip = 3;
	while (skip < len && (data[skip] == ' ' || data[skip] == '\n' || data[skip] == '\r' ||
			      data[skip] == '\t'))
		skip++;
	if (skip < len && data[skip] == '<' && (rc = xml_encoding(name, data + skip, len - skip, &own)) < 0)
		goto done;
	if (order)
		own = 0;        /* converted to UTF-8 above, whatever it declares */
	if ((rc = tmk_tm_begin(tm)) < 0)
		goto done;
	if (skip < len && data[skip] == '<')
		rc = import_xml(tm, rep, name, data, len, own);
	else
		rc = import_csv(tm, rep, name, data, len, !(dot && !strcasecmp(dot, ".tsv")));
	rc = rc < 0 ? tmk_tm_abort(tm) : tmk_tm_commit(tm);
	if (rc < 0)
		rep->added = rep->merged = rep->unchanged = 0;
done:
	tmk_buf_release(&b);
	tmk_buf_release(&u8);
	return rc;
}

/* ---- export ------------------------------------------------------------------ */

typedef struct {
	FILE *out;
	tmk_term_format format;
	tmk_buf b;
	size_t count;
} export_state;

/* A CSV field: quoted when it holds a separator, quote or line break. */
static void csv_field(tmk_buf *b, const char *s, int first)
{
	if (!first)
		tmk_buf_putc(b, ',');
	if (!s)
		return;
	if (!strpbrk(s, ",\"\r\n;")) {
		tmk_buf_puts(b, s);
		return;
	}
	tmk_buf_putc(b, '"');
	for (; *s; s++) {
		if (*s == '"')
			tmk_buf_putc(b, '"');
		tmk_buf_putc(b, *s);
	}
	tmk_buf_putc(b, '"');
}

/* A list cell: the terms of LANG (or their statuses or notes: WHAT 0, 1,
 * 2) joined by "; ", a ";" or "\" inside escaped. */
static void list_cell(tmk_buf *cellbuf, const tmk_concept *c, const char *lang, int what)
{
	int any = 0, first = 1;

	tmk_buf_clear(cellbuf);
	for (size_t i = 0; i < c->nterms; i++) {
		const char *v;
		if (strcmp(c->terms[i].lang, lang))
			continue;
		v = what == 0 ? c->terms[i].text : what == 1 ? c->terms[i].status : c->terms[i].note;
		if (!first)
			tmk_buf_puts(cellbuf, "; ");
		first = 0;
		for (; v && *v; v++) {
			if (*v == ';' || *v == '\\')
				tmk_buf_putc(cellbuf, '\\');
			tmk_buf_putc(cellbuf, *v);
		}
		any |= v != NULL;
	}
	if (!any && what == 2)
		tmk_buf_clear(cellbuf);
}

static void xml_text(tmk_buf *b, const char *open, const char *s, const char *close)
{
	if (!s)
		return;
	tmk_buf_puts(b, open);
	tmk_xml_escape(b, s, strlen(s), 0);
	tmk_buf_puts(b, close);
}

static const char *tbx_status_of(const char *s)
{
	return !strcmp(s, "preferred") ? "preferredTerm-admn-sts" :
	       !strcmp(s, "admitted") ? "admittedTerm-admn-sts" : "deprecatedTerm-admn-sts";
}

static int export_one(void *ud, const tmk_concept *c)
{
	export_state *e = ud;
	tmk_buf *b = &e->b, cellbuf = TMK_BUF_INIT;

	if (e->format == TMK_TERM_CSV) {
		static const char *const langs[2] = { "de", "en" };
		for (int what = 0; what < 3; what++)
			for (int l = 0; l < 2; l++) {
				list_cell(&cellbuf, c, langs[l], what);
				csv_field(b, cellbuf.ptr ? cellbuf.ptr : "", what == 0 && l == 0);
			}
		csv_field(b, c->type, 0);
		csv_field(b, c->domain, 0);
		csv_field(b, c->definition, 0);
		csv_field(b, c->note, 0);
		csv_field(b, c->source, 0);
		tmk_buf_puts(b, "\r\n");
	} else if (e->format == TMK_TERM_TMX) {
		tmk_buf_printf(b, "    <tu tuid=\"c%lld\">\n", (long long)c->id);
		xml_text(b, "      <prop type=\"x-tmkit-type\">", c->type, "</prop>\n");
		xml_text(b, "      <prop type=\"x-tmkit-domain\">", c->domain, "</prop>\n");
		xml_text(b, "      <prop type=\"x-tmkit-definition\">", c->definition, "</prop>\n");
		xml_text(b, "      <prop type=\"x-tmkit-source\">", c->source, "</prop>\n");
		xml_text(b, "      <note>", c->note, "</note>\n");
		for (size_t i = 0; i < c->nterms; i++) {
			const tmk_term *t = &c->terms[i];
			tmk_buf_printf(b, "      <tuv xml:lang=\"%s\">\n", t->lang);
			tmk_buf_printf(b, "        <prop type=\"x-tmkit-status\">%s</prop>\n", t->status);
			xml_text(b, "        <note>", t->note, "</note>\n");
			xml_text(b, "        <seg>", t->text, "</seg>\n");
			tmk_buf_puts(b, "      </tuv>\n");
		}
		tmk_buf_puts(b, "    </tu>\n");
	} else {
		const char *lang = NULL;
		tmk_buf_printf(b, "      <conceptEntry id=\"c%lld\">\n", (long long)c->id);
		xml_text(b, "        <descrip type=\"subjectField\">", c->domain, "</descrip>\n");
		xml_text(b, "        <descrip type=\"definition\">", c->definition, "</descrip>\n");
		xml_text(b, "        <admin type=\"source\">", c->source, "</admin>\n");
		xml_text(b, "        <note>type: ", c->type, "</note>\n");
		xml_text(b, "        <note>", c->note, "</note>\n");
		for (size_t i = 0; i < c->nterms; i++) {
			const tmk_term *t = &c->terms[i];
			if (!lang || strcmp(lang, t->lang)) {
				if (lang)
					tmk_buf_puts(b, "        </langSec>\n");
				tmk_buf_printf(b, "        <langSec xml:lang=\"%s\">\n", t->lang);
				lang = t->lang;
			}
			tmk_buf_puts(b, "          <termSec>\n");
			xml_text(b, "            <term>", t->text, "</term>\n");
			tmk_buf_printf(b, "            <termNote type=\"administrativeStatus\">%s</termNote>\n",
				       tbx_status_of(t->status));
			if (!strcmp(c->type, "acronym"))
				tmk_buf_puts(b, "            <termNote type=\"termType\">acronym</termNote>\n");
			xml_text(b, "            <note>", t->note, "</note>\n");
			tmk_buf_puts(b, "          </termSec>\n");
		}
		if (lang)
			tmk_buf_puts(b, "        </langSec>\n");
		tmk_buf_puts(b, "      </conceptEntry>\n");
	}
	tmk_buf_release(&cellbuf);
	e->count++;
	if (b->len >= 65536) {
		if (fwrite(b->ptr, 1, b->len, e->out) != b->len)
			return tmk_error_set(TMK_EIO, "cannot write the export: %s", strerror(errno));
		tmk_buf_clear(b);
	}
	return 0;
}

int tmk_term_export(tmk_tm *tm, FILE *out, tmk_term_format format, const tmk_term_filter *f,
		    int bom, size_t *count)
{
	export_state e = { out, format, TMK_BUF_INIT, 0 };
	char now[32];
	int rc;

	*count = 0;
	tmk_now_iso(now);
	if (format == TMK_TERM_CSV) {
		if (bom)
			tmk_buf_puts(&e.b, "\xEF\xBB\xBF");
		tmk_buf_puts(&e.b, "de,en,de_status,en_status,de_note,en_note,type,domain,definition,"
			     "note,source\r\n");
	} else if (format == TMK_TERM_TMX) {
		tmk_tmx_begin(&e.b, "de", now);
	} else {
		tmk_buf_puts(&e.b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
			     "<tbx type=\"TBX-Basic\" style=\"dca\" xml:lang=\"en\""
			     " xmlns=\"urn:iso:std:iso:30042:ed-2\">\n"
			     "  <tbxHeader>\n    <fileDesc>\n      <sourceDesc>\n"
			     "        <p>tmkit term base</p>\n"
			     "      </sourceDesc>\n    </fileDesc>\n  </tbxHeader>\n"
			     "  <text>\n    <body>\n");
	}
	rc = tmk_term_list(tm, f, export_one, &e);
	if (rc == 0) {
		if (format == TMK_TERM_TMX)
			tmk_tmx_end(&e.b);
		else if (format == TMK_TERM_TBX)
			tmk_buf_puts(&e.b, "    </body>\n  </text>\n</tbx>\n");
		if (e.b.len && fwrite(e.b.ptr, 1, e.b.len, out) != e.b.len)
			rc = tmk_error_set(TMK_EIO, "cannot write the export: %s", strerror(errno));
	}
	tmk_buf_release(&e.b);
	*count = e.count;
	return rc;
}
