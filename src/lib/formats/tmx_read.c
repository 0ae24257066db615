/*
 * tmx_read.c - streaming TMX reader on expat; see reader.h.
 *
 * Reads 64 KiB at a time and keeps only the current <tu>, so memory stays
 * flat whatever the file's size.  Language tags are kept whole (de-CH,
 * en-GB) in canonical case; every attribute of the <tu> and its <tuv>s and
 * every note and prop (with their own attributes) go to the TM, so that an
 * export gives them back.  Whitespace inside <seg> is content and kept byte
 * for byte, under xml:space="preserve" and by default alike.  Inside <seg>, the plain text (for
 * matching) and the markup (level-2 inline tags, re-serialised, for the
 * round trip) are collected side by side: the content of bpt, ept, it, ph,
 * ut and sub is native code or a sub-flow, kept in the markup only.
 *
 * Safety: a DOCTYPE may be present, but an entity declaration stops the
 * parse (that closes the door to expansion bombs and external entities,
 * which expat never fetches without a handler anyway).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <expat.h>

#include "buf.h"
#include "error.h"
#include "langtag.h"
#include "reader.h"
#include "text.h"
#include "utf8.h"
#include "xml.h"

#define MAX_VARIANTS 64

typedef struct {
	char lang[TMK_LANGTAG_MAX];     /* BCP 47, canonical case */
	tmk_buf text, markup;
	int tagged;             /* markup differs from the escaped text */
	int has_seg;
} variant;

/* Strings of the current <tu> live in one arena; references hold their
 * offset + 1 (0: none). */
typedef struct {
	int var;                /* -1: on the <tu>; else the variant's index */
	size_t name, value;
} attr_ref;

typedef struct {
	int var;                /* as in attr_ref */
	int prop;
	size_t type, value, xml_lang, o_encoding;
} note_ref;

typedef struct {
	XML_Parser p;
	tmk_sink *sink;
	const char *name;
	int rc;                 /* first error, stops the parse */
	char header_src[TMK_LANGTAG_MAX];       /* "" or "*all*" when none */
	/* the current <tu> */
	int root_seen;
	int in_tu, in_tuv;
	long tu_line, tu_count;
	char tu_src[TMK_LANGTAG_MAX], created[32], changed[32];
	size_t tuid;            /* arena reference */
	long usage;
	variant var[MAX_VARIANTS];
	size_t nvar;
	/* inside <seg>: nesting of inline tags, and of those whose text is code */
	int in_seg, inline_depth, code_depth;
	/* the note or prop being read */
	int in_note;
	tmk_buf note_text;
	note_ref note;
	tmk_buf arena;
	attr_ref *attrs;
	size_t nattrs, attrs_cap;
	note_ref *notes;
	size_t nnotes, notes_cap;
} tmx_state;

static int fail(tmx_state *st, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Stop the parse with an error at the current line. */
static int fail(tmx_state *st, int code, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = tmk_xml_fail(st->p, &st->rc, st->name, code, fmt, ap);
	va_end(ap);
	return rc;
}

/* TAG of attribute WHAT in canonical case into OUT ("*all*" kept when
 * ALL_OK); a malformed tag stops the parse with the line. */
static int read_tag(tmx_state *st, char out[TMK_LANGTAG_MAX], const char *tag, const char *what, int all_ok)
{
	if (all_ok && !strcmp(tag, "*all*")) {
		strcpy(out, "*all*");
		return 0;
	}
	if (tmk_langtag_canon(out, tag, strlen(tag)) < 0)
		return fail(st, TMK_EINPUT, "%s: %s", what, tmk_error_last());
	return 0;
}

/* Does D follow PATTERN, where 9 stands for a digit? */
static int shaped(const char *d, const char *pattern)
{
	for (; *pattern; d++, pattern++)
		if (*pattern == '9' ? !(*d >= '0' && *d <= '9') : *d != *pattern)
			return 0;
	return *d == '\0';
}

/* TMX date "20240315T120000Z" (or the same instant written the ISO 8601
 * extended way, "2024-03-15T12:00:00Z") -> "2024-03-15T12:00:00Z"; "" for
 * anything else (a time without its zone is not an instant). */
static void tmx_date(char out[32], const char *d)
{
	out[0] = '\0';
	if (d && shaped(d, "99999999T999999Z"))
		snprintf(out, 32, "%.4s-%.2s-%.2sT%.2s:%.2s:%.2sZ", d, d + 4, d + 6, d + 9, d + 11, d + 13);
	else if (d && shaped(d, "9999-99-99T99:99:99Z"))
		snprintf(out, 32, "%s", d);
}

/* A usagecount tmkit keeps in its column: a whole number above 0 that fits;
 * "0", "" and others stay as written. */
static int read_count(const char *s, long *out)
{
	char *end;

	if (!(*s >= '1' && *s <= '9'))
		return 0;
	errno = 0;
	*out = strtol(s, &end, 10);
	return !*end && errno == 0;
}

static int is_inline(const char *n)
{
	return !strcmp(n, "bpt") || !strcmp(n, "ept") || !strcmp(n, "it") || !strcmp(n, "ph") ||
	       !strcmp(n, "hi") || !strcmp(n, "ut") || !strcmp(n, "sub");
}

static variant *cur_var(tmx_state *st)
{
	return st->nvar ? &st->var[st->nvar - 1] : NULL;
}

static size_t arena_add(tmx_state *st, const char *s, size_t len)
{
	size_t off = st->arena.len + 1;        /* +1: 0 means "none" */

	if (tmk_buf_put(&st->arena, s, len) < 0 || tmk_buf_putc(&st->arena, '\0') < 0) {
		st->rc = tmk_error_oom();
		return 0;
	}
	return off;
}

static const char *arena_str(const tmx_state *st, size_t ref)
{
	return ref ? st->arena.ptr + ref - 1 : NULL;
}

/* Keep attribute NAME=VALUE of the <tu> (VAR -1) or variant VAR. */
static void keep_attr(tmx_state *st, int var, const char *name, const char *value)
{
	attr_ref *r;

	if (!strcmp(name, "xml:space"))
		return;         /* whitespace is kept anyway; the DTD has no place for it */
	if (st->nattrs == st->attrs_cap) {
		size_t cap = st->attrs_cap ? st->attrs_cap * 2 : 32;
		attr_ref *na = realloc(st->attrs, cap * sizeof(*na));
		if (!na) {
			st->rc = tmk_error_oom();
			return;
		}
		st->attrs = na;
		st->attrs_cap = cap;
	}
	r = &st->attrs[st->nattrs++];
	r->var = var;
	r->name = arena_add(st, name, strlen(name));
	r->value = arena_add(st, value, strlen(value));
}

/* Inside <seg>: an inline element, re-serialised into the markup. */
static void start_inline(tmx_state *st, const char *name, const XML_Char **a)
{
	variant *v = cur_var(st);

	if (!is_inline(name)) {
		fail(st, TMK_EINPUT, "<%s> is not allowed inside <seg>", name);
		return;
	}
	v->tagged = 1;
	tmk_buf_putc(&v->markup, '<');
	tmk_buf_puts(&v->markup, name);
	for (; a[0]; a += 2) {
		tmk_buf_printf(&v->markup, " %s=\"", a[0]);
		tmk_xml_escape(&v->markup, a[1], strlen(a[1]), 1);
		tmk_buf_putc(&v->markup, '"');
	}
	tmk_buf_putc(&v->markup, '>');
	st->inline_depth++;
	if (strcmp(name, "hi") != 0)
		st->code_depth++;
}

static void start_header(tmx_state *st, const XML_Char **a)
{
	const char *src = tmk_xml_attr_value(a, "srclang"), *tool = tmk_xml_attr_value(a, "creationtool");
	const char *ver = tmk_xml_attr_value(a, "creationtoolversion");

	if (src && read_tag(st, st->header_src, src, "the header's srclang", 1) < 0)
		return;
	if (tool) {
		snprintf(st->sink->tool, sizeof(st->sink->tool), "%s%s%s", tool, ver ? " " : "", ver ? ver : "");
		tmk_utf8_trim_cut(st->sink->tool);
	}
}

/* <tu>: its attributes; those with a column of their own (tuid, srclang,
 * well-formed dates and counts) are taken out, the rest kept as they are. */
static void start_tu(tmx_state *st, const XML_Char **a)
{
	st->in_tu = 1;
	st->tu_count++;
	st->tu_line = (long)XML_GetCurrentLineNumber(st->p);
	st->tu_src[0] = st->created[0] = st->changed[0] = '\0';
	st->tuid = 0;
	st->usage = 0;
	st->nvar = st->nattrs = st->nnotes = 0;
	tmk_buf_clear(&st->arena);
	for (; a[0] && !st->rc; a += 2) {
		if (!strcmp(a[0], "srclang")) {
			read_tag(st, st->tu_src, a[1], "the <tu>'s srclang", 1);
		} else if (!strcmp(a[0], "tuid")) {
			st->tuid = arena_add(st, a[1], strlen(a[1]));
		} else if (!strcmp(a[0], "creationdate") && (tmx_date(st->created, a[1]), st->created[0])) {
			continue;
		} else if (!strcmp(a[0], "changedate") && (tmx_date(st->changed, a[1]), st->changed[0])) {
			continue;
		} else if (!strcmp(a[0], "usagecount") && read_count(a[1], &st->usage)) {
			continue;
		} else {
			st->usage = !strcmp(a[0], "usagecount") ? 0 : st->usage;
			keep_attr(st, -1, a[0], a[1]);
		}
	}
}

/* <tuv>: a new variant with its language; its other attributes kept. */
static void start_tuv(tmx_state *st, const XML_Char **a)
{
	const char *lang = tmk_xml_attr_value(a, "xml:lang");
	variant *v;

	if (!lang)
		lang = tmk_xml_attr_value(a, "lang");         /* TMX 1.1 */
	if (!st->in_tu) {
		fail(st, TMK_EINPUT, "<tuv> outside <tu>");
		return;
	}
	if (!lang || !*lang) {
		fail(st, TMK_EINPUT, "<tuv> without xml:lang");
		return;
	}
	if (st->nvar == MAX_VARIANTS) {
		fail(st, TMK_EINPUT, "more than %d <tuv> in one <tu>", MAX_VARIANTS);
		return;
	}
	v = &st->var[st->nvar];
	if (read_tag(st, v->lang, lang, "<tuv> xml:lang", 0) < 0)
		return;
	st->nvar++;
	st->in_tuv = 1;
	tmk_buf_clear(&v->text);
	tmk_buf_clear(&v->markup);
	v->tagged = 0;
	v->has_seg = 0;
	for (; a[0]; a += 2)
		if (strcmp(a[0], "xml:lang") && strcmp(a[0], "lang"))
			keep_attr(st, (int)st->nvar - 1, a[0], a[1]);
}

/* <note> or <prop> inside a <tu>: on the <tu>, or on the variant whose
 * <seg> has not come yet. */
static void start_note(tmx_state *st, const char *name, const XML_Char **a)
{
	const char *type = tmk_xml_attr_value(a, "type"), *lang = tmk_xml_attr_value(a, "xml:lang"), *enc = tmk_xml_attr_value(a, "o-encoding");

	if (!lang)
		lang = tmk_xml_attr_value(a, "lang");
	memset(&st->note, 0, sizeof(st->note));
	st->in_note = 1;
	st->note.prop = name[0] == 'p';
	st->note.var = st->in_tuv ? (int)st->nvar - 1 : -1;   /* before or after its <seg> */
	st->note.type = type ? arena_add(st, type, strlen(type)) : 0;
	st->note.xml_lang = lang ? arena_add(st, lang, strlen(lang)) : 0;
	st->note.o_encoding = enc ? arena_add(st, enc, strlen(enc)) : 0;
	tmk_buf_clear(&st->note_text);
}

static void XMLCALL on_start(void *ud, const XML_Char *name, const XML_Char **a)
{
	tmx_state *st = ud;

	if (st->rc)
		return;
	if (!st->root_seen) {
		st->root_seen = 1;
		if (strcmp(name, "tmx") != 0) {
			fail(st, TMK_EINPUT, "not a TMX file: the root element is <%s>, not <tmx>", name);
			return;
		}
	}
	if (st->in_seg)
		start_inline(st, name, a);
	else if (!strcmp(name, "header"))
		start_header(st, a);
	else if (!strcmp(name, "tu"))
		start_tu(st, a);
	else if (!strcmp(name, "tuv"))
		start_tuv(st, a);
	else if (!strcmp(name, "seg")) {
		if (!cur_var(st)) {
			fail(st, TMK_EINPUT, "<seg> outside <tuv>");
			return;
		}
		st->in_seg = 1;
		cur_var(st)->has_seg = 1;
	} else if ((!strcmp(name, "note") || !strcmp(name, "prop")) && st->in_tu) {
		start_note(st, name, a);
	}
}

/* The variant that is the <tu>'s source: the one tagged with the source
 * language (the tu's srclang, else the header's, else the first variant's),
 * else the only one of that language (srclang en, <tuv xml:lang="en-US">). */
static variant *source_variant(tmx_state *st, const char **src)
{
	variant *same = NULL;
	int nsame = 0;

	*src = st->tu_src[0] && strcmp(st->tu_src, "*all*") ? st->tu_src : st->header_src;
	if (!(*src)[0] || !strcmp(*src, "*all*"))
		*src = st->nvar ? st->var[0].lang : "";
	for (size_t i = 0; i < st->nvar; i++) {
		if (!strcmp(st->var[i].lang, *src))
			return &st->var[i];
		if (tmk_langtag_same_lang(st->var[i].lang, *src) && nsame++ == 0)
			same = &st->var[i];
	}
	return nsame == 1 ? same : NULL;
}

/* The attributes and notes that belong to the pair of variants S and T,
 * with their scope in that unit, into ATTRS and NOTES (as many as the
 * <tu> has at most). */
static void pair_extras(tmx_state *st, int s, int t, tmk_attr *attrs, size_t *na, tmk_note *notes, size_t *nn)
{
	*na = *nn = 0;
	for (size_t i = 0; i < st->nattrs; i++) {
		const attr_ref *r = &st->attrs[i];
		if (r->var != -1 && r->var != s && r->var != t)
			continue;
		attrs[*na].scope = r->var == -1 ? TMK_SCOPE_UNIT : r->var == s ? TMK_SCOPE_SOURCE : TMK_SCOPE_TARGET;
		attrs[*na].name = arena_str(st, r->name);
		attrs[(*na)++].value = arena_str(st, r->value);
	}
	for (size_t i = 0; i < st->nnotes; i++) {
		const note_ref *r = &st->notes[i];
		if (r->var != -1 && r->var != s && r->var != t)
			continue;
		notes[*nn].scope = r->var == -1 ? TMK_SCOPE_UNIT : r->var == s ? TMK_SCOPE_SOURCE : TMK_SCOPE_TARGET;
		notes[*nn].kind = r->prop ? "prop" : "note";
		notes[*nn].type = arena_str(st, r->type);
		notes[*nn].value = arena_str(st, r->value);
		notes[*nn].xml_lang = arena_str(st, r->xml_lang);
		notes[(*nn)++].o_encoding = arena_str(st, r->o_encoding);
	}
}

/* Hand the unit from source variant S to variant T to the sink. */
static int emit_pair(tmx_state *st, variant *s, variant *t)
{
	tmk_attr *attrs = malloc((st->nattrs + 1) * sizeof(*attrs));
	tmk_note *notes = malloc((st->nnotes + 1) * sizeof(*notes));
	tmk_unit_in u = { 0 };
	int rc;

	if (!attrs || !notes) {
		free(attrs);
		free(notes);
		return tmk_error_oom();
	}
	pair_extras(st, (int)(s - st->var), (int)(t - st->var), attrs, &u.nattrs, notes, &u.nnotes);
	u.attrs = attrs;
	u.notes = notes;
	u.src_lang = s->lang;
	u.tgt_lang = t->lang;
	u.source = s->text.ptr;
	u.source_len = s->text.len;
	u.target = t->text.ptr;
	u.target_len = t->text.len;
	if (s->tagged) {
		u.source_markup = s->markup.ptr;
		u.source_markup_len = s->markup.len;
	}
	if (t->tagged) {
		u.target_markup = t->markup.ptr;
		u.target_markup_len = t->markup.len;
	}
	u.tuid = arena_str(st, st->tuid);
	u.created_at = st->created[0] ? st->created : NULL;
	u.changed_at = st->changed[0] ? st->changed : NULL;
	u.usage_count = st->usage;
	u.position = st->tu_count;
	rc = st->sink->unit(st->sink, &u);
	free(attrs);
	free(notes);
	return rc;
}

/* The finished <tu>: one unit from the source variant to each other one
 * (a variant of the same language counts: en-US -> en-GB). */
static void emit_tu(tmx_state *st)
{
	const char *src;
	variant *s = source_variant(st, &src);
	int emitted = 0;

	if (!s) {
		char why[128];
		snprintf(why, sizeof(why), "no <tuv> in the source language '%s'", src);
		st->rc = st->sink->skip(st->sink, st->tu_line, why);
		return;
	}
	for (size_t i = 0; i < st->nvar && !st->rc; i++) {
		variant *t = &st->var[i];

		if (t == s || !strcmp(t->lang, s->lang))
			continue;
		emitted = 1;
		if (!s->text.len || !t->text.len)
			st->rc = st->sink->skip(st->sink, st->tu_line, "empty segment");
		else
			st->rc = emit_pair(st, s, t);
	}
	if (!emitted && !st->rc)
		st->rc = st->sink->skip(st->sink, st->tu_line, st->nvar < 2 ?
					"only one language in the <tu>" : "all <tuv> in one language");
}

/* </note> or </prop>: kept with its text, even an empty one. */
static void end_note(tmx_state *st)
{
	if (st->nnotes == st->notes_cap) {
		size_t cap = st->notes_cap ? st->notes_cap * 2 : 16;
		note_ref *nn = realloc(st->notes, cap * sizeof(*nn));
		if (!nn) {
			st->rc = tmk_error_oom();
			return;
		}
		st->notes = nn;
		st->notes_cap = cap;
	}
	st->note.value = arena_add(st, st->note_text.ptr ? st->note_text.ptr : "", st->note_text.len);
	st->notes[st->nnotes++] = st->note;
	st->in_note = 0;
}

static void XMLCALL on_end(void *ud, const XML_Char *name)
{
	tmx_state *st = ud;
	variant *v = cur_var(st);

	if (st->rc)
		return;
	if (st->in_seg && st->inline_depth > 0) {
		tmk_buf_printf(&v->markup, "</%s>", name);
		st->inline_depth--;
		if (strcmp(name, "hi") != 0)
			st->code_depth--;
		return;
	}
	if (!strcmp(name, "seg")) {
		st->in_seg = 0;
	} else if (!strcmp(name, "tuv")) {
		st->in_tuv = 0;
	} else if (!strcmp(name, "tu")) {
		emit_tu(st);
		st->in_tu = 0;
		if (st->sink->progress && (st->tu_count & 1023) == 0)
			st->sink->progress(st->sink, (size_t)XML_GetCurrentByteIndex(st->p), 0);
	} else if (st->in_note && (!strcmp(name, "note") || !strcmp(name, "prop"))) {
		end_note(st);
	}
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int len)
{
	tmx_state *st = ud;
	variant *v = cur_var(st);

	if (st->rc)
		return;
	if (st->in_seg) {
		if (tmk_xml_escape(&v->markup, s, (size_t)len, 0) < 0 ||
		    (st->code_depth == 0 && tmk_nfc_append(&v->text, s, (size_t)len) < 0))
			st->rc = tmk_error_oom();
	} else if (st->in_note) {
		if (tmk_nfc_append(&st->note_text, s, (size_t)len) < 0)
			st->rc = tmk_error_oom();
	}
}

static void XMLCALL on_entity_decl(void *ud, const XML_Char *name, int is_param,
				   const XML_Char *value, int vlen, const XML_Char *base,
				   const XML_Char *sys, const XML_Char *pub, const XML_Char *notation)
{
	(void)is_param; (void)value; (void)vlen; (void)base; (void)sys; (void)pub; (void)notation;
	fail(ud, TMK_EINPUT, "entity declaration '%s' refused: TMX needs none "
	     "(and they can be used for entity-expansion attacks)", name);
}

/* With a DOCTYPE that names an external DTD (never read), expat skips a
 * reference to an entity it does not know ("&nbsp;"): the text would
 * silently lose it. */
static void XMLCALL on_skipped_entity(void *ud, const XML_Char *name, int is_param)
{
	(void)is_param;
	fail(ud, TMK_EINPUT, "reference to the undeclared entity '%s' refused (TMX knows only &amp; &lt; "
	     "&gt; &quot; &apos; and character references)", name);
}

static void state_release(tmx_state *st)
{
	for (size_t i = 0; i < MAX_VARIANTS; i++) {
		tmk_buf_release(&st->var[i].text);
		tmk_buf_release(&st->var[i].markup);
	}
	tmk_buf_release(&st->note_text);
	tmk_buf_release(&st->arena);
	free(st->attrs);
	free(st->notes);
	if (st->p)
		XML_ParserFree(st->p);
}

/* The parse's progress, for the sink. */
static void on_progress(void *ctx, size_t done, size_t total)
{
	tmk_sink *sink = ctx;

	sink->progress(sink, done, total);
}

int tmk_read_tmx(tmk_sink *sink, const char *path)
{
	int from_stdin = strcmp(path, "-") == 0;
	FILE *f = from_stdin ? stdin : fopen(path, "rb");
	tmx_state st;
	size_t total = 0;
	struct stat sb;

	memset(&st, 0, sizeof(st));
	st.sink = sink;
	st.name = from_stdin ? "<stdin>" : path;
	if (!f)
		return tmk_error_set(TMK_EIO, "cannot open '%s': %s", path, strerror(errno));
	if (!from_stdin && fstat(fileno(f), &sb) == 0)
		total = (size_t)sb.st_size;
	if (!(st.p = XML_ParserCreate(NULL))) {
		st.rc = tmk_error_oom();
		goto done;
	}
	XML_SetUserData(st.p, &st);
	XML_SetElementHandler(st.p, on_start, on_end);
	XML_SetCharacterDataHandler(st.p, on_text);
	XML_SetEntityDeclHandler(st.p, on_entity_decl);
	XML_SetSkippedEntityHandler(st.p, on_skipped_entity);
	XML_SetUnknownEncodingHandler(st.p, tmk_xml_unknown_encoding, NULL);
	XML_SetParamEntityParsing(st.p, XML_PARAM_ENTITY_PARSING_NEVER);
	st.rc = tmk_xml_parse_stream(st.p, f, st.name, "TMX", &st.rc, total,
				     sink->progress ? on_progress : NULL, sink);
	if (!st.rc && !st.root_seen)
		st.rc = tmk_error_set(TMK_EINPUT, "%s: not a TMX file (no <tmx> element)", st.name);
done:
	state_release(&st);
	if (!from_stdin)
		fclose(f);
	return st.rc;
}
