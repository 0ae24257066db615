/*
 * tmx_read.c - streaming TMX reader on expat; see reader.h.
 *
 * Reads 64 KiB at a time and keeps only the current <tu>, so memory stays
 * flat whatever the file's size.  Inside <seg>, the plain text (for
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
#include "reader.h"
#include "text.h"
#include "utf8.h"
#include "xml.h"

#define MAX_VARIANTS 16
#define MAX_NOTES 64

typedef struct {
	char lang[16];          /* primary subtag, lower case */
	tmk_buf text, markup;
	int tagged;             /* markup differs from the escaped text */
	int has_seg;
} variant;

typedef struct {
	size_t lang, kind, type, value;     /* offsets into notes arena; lang/type 0 = none */
} note_ref;

typedef struct {
	XML_Parser p;
	tmk_sink *sink;
	const char *name;
	int rc;                 /* first error, stops the parse */
	char header_src[16];
	/* the current <tu> */
	int root_seen;
	int in_tu;
	long tu_line, tu_count;
	char tu_src[16], created[32], changed[32], tuid[128];
	int has_tuid;
	long usage;
	variant var[MAX_VARIANTS];
	size_t nvar;
	/* inside <seg>: nesting of inline tags, and of those whose text is code */
	int in_seg, inline_depth, code_depth;
	/* notes and props being read */
	int in_note;            /* 1 note, 2 prop */
	tmk_buf note_text;
	char note_type[64];
	int note_has_type, note_on_tuv;
	tmk_buf arena;          /* "\0"-separated strings of this tu's notes */
	note_ref notes[MAX_NOTES];
	size_t nnotes;
} tmx_state;

static int fail(tmx_state *st, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Stop the parse with an error at the current line. */
static int fail(tmx_state *st, int code, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	if (st->rc)
		return st->rc;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	st->rc = tmk_error_set(code, "%s:%lu: %s", st->name,
			       (unsigned long)XML_GetCurrentLineNumber(st->p), msg);
	XML_StopParser(st->p, XML_FALSE);
	return st->rc;
}

static const char *attr(const XML_Char **a, const char *name)
{
	for (; a[0]; a += 2)
		if (strcmp(a[0], name) == 0)
			return a[1];
	return NULL;
}

/* "de-DE" -> "de". */
static void primary_lang(char out[16], const char *tag)
{
	size_t i = 0;

	for (; tag[i] && tag[i] != '-' && tag[i] != '_' && i < 15; i++)
		out[i] = (char)(tag[i] >= 'A' && tag[i] <= 'Z' ? tag[i] + 32 : tag[i]);
	out[i] = '\0';
}

/* TMX date "20240315T120000Z" -> "2024-03-15T12:00:00Z"; "" if malformed. */
static void tmx_date(char out[32], const char *d)
{
	out[0] = '\0';
	if (!d || strlen(d) != 16 || d[8] != 'T' || d[15] != 'Z')
		return;
	for (int i = 0; i < 15; i++)
		if (i != 8 && (d[i] < '0' || d[i] > '9'))
			return;
	snprintf(out, 32, "%.4s-%.2s-%.2sT%.2s:%.2s:%.2sZ", d, d + 4, d + 6, d + 9, d + 11, d + 13);
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

	if (tmk_buf_put(&st->arena, s, len) < 0 || tmk_buf_putc(&st->arena, '\0') < 0)
		return 0;
	return off;
}

static void XMLCALL on_start(void *ud, const XML_Char *name, const XML_Char **a)
{
	tmx_state *st = ud;
	variant *v;

	if (st->rc)
		return;
	if (!st->root_seen) {
		st->root_seen = 1;
		if (strcmp(name, "tmx") != 0) {
			fail(st, TMK_EINPUT, "not a TMX file: the root element is <%s>, not <tmx>", name);
			return;
		}
	}
	if (st->in_seg) {
		if (!is_inline(name)) {
			fail(st, TMK_EINPUT, "<%s> is not allowed inside <seg>", name);
			return;
		}
		v = cur_var(st);
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
		return;
	}
	if (!strcmp(name, "header")) {
		const char *src = attr(a, "srclang"), *tool = attr(a, "creationtool");
		const char *ver = attr(a, "creationtoolversion");
		primary_lang(st->header_src, src ? src : "");
		if (tool)
			snprintf(st->sink->tool, sizeof(st->sink->tool), "%s%s%s", tool,
				 ver ? " " : "", ver ? ver : "");
	} else if (!strcmp(name, "tu")) {
		const char *src = attr(a, "srclang"), *id = attr(a, "tuid"), *u = attr(a, "usagecount");
		st->in_tu = 1;
		st->tu_count++;
		st->tu_line = (long)XML_GetCurrentLineNumber(st->p);
		primary_lang(st->tu_src, src ? src : "");
		tmx_date(st->created, attr(a, "creationdate"));
		tmx_date(st->changed, attr(a, "changedate"));
		st->has_tuid = id != NULL;
		snprintf(st->tuid, sizeof(st->tuid), "%s", id ? id : "");
		st->usage = u ? strtol(u, NULL, 10) : 0;
		st->nvar = 0;
		st->nnotes = 0;
		tmk_buf_clear(&st->arena);
	} else if (!strcmp(name, "tuv")) {
		const char *lang = attr(a, "xml:lang");
		if (!lang)
			lang = attr(a, "lang");         /* TMX 1.1 */
		if (!st->in_tu) {
			fail(st, TMK_EINPUT, "<tuv> outside <tu>");
			return;
		}
		if (!lang || !*lang) {
			fail(st, TMK_EINPUT, "<tuv> without xml:lang");
			return;
		}
		if (st->nvar == MAX_VARIANTS) {
			fail(st, TMK_EINPUT, "more than 16 <tuv> in one <tu>");
			return;
		}
		v = &st->var[st->nvar++];
		primary_lang(v->lang, lang);
		tmk_buf_clear(&v->text);
		tmk_buf_clear(&v->markup);
		v->tagged = 0;
		v->has_seg = 0;
	} else if (!strcmp(name, "seg")) {
		if (!cur_var(st)) {
			fail(st, TMK_EINPUT, "<seg> outside <tuv>");
			return;
		}
		st->in_seg = 1;
		cur_var(st)->has_seg = 1;
	} else if ((!strcmp(name, "note") || !strcmp(name, "prop")) && st->in_tu) {
		const char *type = attr(a, "type");
		st->in_note = name[0] == 'n' ? 1 : 2;
		st->note_has_type = type != NULL;
		snprintf(st->note_type, sizeof(st->note_type), "%s", type ? type : "");
		st->note_on_tuv = st->nvar > 0 && !cur_var(st)->has_seg;
		tmk_buf_clear(&st->note_text);
	}
}

/* The finished <tu>: one unit from the source variant to each other one. */
static void emit_tu(tmx_state *st)
{
	const char *src = st->tu_src[0] && strcmp(st->tu_src, "*all*") ? st->tu_src : st->header_src;
	variant *s = NULL;
	tmk_note notes[MAX_NOTES];
	int emitted = 0;

	if (!src[0] || !strcmp(src, "*all*"))
		src = st->nvar ? st->var[0].lang : "";
	for (size_t i = 0; i < st->nvar; i++)
		if (!strcmp(st->var[i].lang, src)) {
			s = &st->var[i];
			break;
		}
	if (!s) {
		char why[96];
		snprintf(why, sizeof(why), "no <tuv> in the source language '%s'", src);
		st->rc = st->sink->skip(st->sink, st->tu_line, why);
		return;
	}
	for (size_t i = 0; i < st->nnotes; i++) {
		note_ref *r = &st->notes[i];
		notes[i].lang = r->lang ? st->arena.ptr + r->lang - 1 : NULL;
		notes[i].kind = st->arena.ptr + r->kind - 1;
		notes[i].type = r->type ? st->arena.ptr + r->type - 1 : NULL;
		notes[i].value = st->arena.ptr + r->value - 1;
	}
	for (size_t i = 0; i < st->nvar && !st->rc; i++) {
		variant *t = &st->var[i];
		tmk_unit_in u = { 0 };

		if (t == s || !strcmp(t->lang, s->lang))
			continue;
		emitted = 1;
		if (!s->text.len || !t->text.len) {
			st->rc = st->sink->skip(st->sink, st->tu_line, "empty segment");
			continue;
		}
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
		u.tuid = st->has_tuid ? st->tuid : NULL;
		u.created_at = st->created[0] ? st->created : NULL;
		u.changed_at = st->changed[0] ? st->changed : NULL;
		u.usage_count = st->usage;
		u.position = st->tu_count;
		u.notes = notes;
		u.nnotes = st->nnotes;
		st->rc = st->sink->unit(st->sink, &u);
	}
	if (!emitted && !st->rc)
		st->rc = st->sink->skip(st->sink, st->tu_line, st->nvar < 2 ?
					"only one language in the <tu>" : "all <tuv> in one language");
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
	} else if (!strcmp(name, "tu")) {
		emit_tu(st);
		st->in_tu = 0;
		if (st->sink->progress && (st->tu_count & 1023) == 0)
			st->sink->progress(st->sink, (size_t)XML_GetCurrentByteIndex(st->p), 0);
	} else if (st->in_note && (!strcmp(name, "note") || !strcmp(name, "prop"))) {
		note_ref *r;
		if (st->nnotes < MAX_NOTES && st->note_text.len) {
			r = &st->notes[st->nnotes++];
			r->lang = st->note_on_tuv && v ? arena_add(st, v->lang, strlen(v->lang)) : 0;
			r->kind = arena_add(st, st->in_note == 1 ? "note" : "prop", 4);
			r->type = st->note_has_type ? arena_add(st, st->note_type, strlen(st->note_type)) : 0;
			r->value = arena_add(st, st->note_text.ptr, st->note_text.len);
			if (!r->kind || !r->value)
				st->rc = tmk_error_oom();
		}
		st->in_note = 0;
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

/* The encoding named in the XML declaration at the start of BUF, lower
 * case, or "" when there is none. */
static void declared_encoding(const char *buf, size_t len, char out[32])
{
	const char *end, *e;
	size_t n = 0;

	out[0] = '\0';
	if (len < 5 || memcmp(buf, "<?xml", 5) != 0)
		return;
	end = memchr(buf, '>', len);
	if (!end)
		return;
	for (e = buf; e + 9 < end && memcmp(e, "encoding", 8) != 0; e++)
		;
	if (e + 9 >= end)
		return;
	e += 8;
	while (e < end && (*e == ' ' || *e == '='))
		e++;
	if (e < end && (*e == '"' || *e == '\''))
		e++;
	while (e < end && *e != '"' && *e != '\'' && n < 31) {
		out[n++] = (char)(*e >= 'A' && *e <= 'Z' ? *e + 32 : *e);
		e++;
	}
	out[n] = '\0';
}

/* A file that declares a one-byte encoding but whose bytes are UTF-8
 * would import as mojibake: refuse it. */
static int check_encoding(tmx_state *st, const char *buf, size_t len)
{
	char enc[32];
	size_t bad, i;

	declared_encoding(buf, len, enc);
	if (!enc[0] || !strcmp(enc, "utf-8") || !strcmp(enc, "utf8") || !strncmp(enc, "utf-16", 6))
		return 0;
	for (i = 0; i < len && (unsigned char)buf[i] < 0x80; i++)
		;
	if (i == len)
		return 0;               /* ASCII so far: any declaration fits */
	/* the chunk may end inside a character: a fault in its last bytes
	 * does not count */
	if (tmk_utf8_valid(buf, len, &bad) || bad + 4 > len)
		return st->rc = tmk_error_set(TMK_EINPUT,
			"%s:1: declares encoding \"%s\", but its bytes are UTF-8: "
			"fix the declaration to encoding=\"UTF-8\"", st->name, enc);
	return 0;
}

static void state_release(tmx_state *st)
{
	for (size_t i = 0; i < MAX_VARIANTS; i++) {
		tmk_buf_release(&st->var[i].text);
		tmk_buf_release(&st->var[i].markup);
	}
	tmk_buf_release(&st->note_text);
	tmk_buf_release(&st->arena);
	if (st->p)
		XML_ParserFree(st->p);
}

int tmk_read_tmx(tmk_sink *sink, const char *path)
{
	int from_stdin = strcmp(path, "-") == 0;
	FILE *f = from_stdin ? stdin : fopen(path, "rb");
	tmx_state st;
	char *buf = NULL;
	size_t total = 0, done = 0;
	int first = 1;
	struct stat sb;

	memset(&st, 0, sizeof(st));
	st.sink = sink;
	st.name = from_stdin ? "<stdin>" : path;
	if (!f)
		return tmk_error_set(TMK_EIO, "cannot open '%s': %s", path, strerror(errno));
	if (!from_stdin && fstat(fileno(f), &sb) == 0)
		total = (size_t)sb.st_size;
	st.p = XML_ParserCreate(NULL);
	buf = malloc(65536);
	if (!st.p || !buf) {
		st.rc = tmk_error_oom();
		goto done;
	}
	XML_SetUserData(st.p, &st);
	XML_SetElementHandler(st.p, on_start, on_end);
	XML_SetCharacterDataHandler(st.p, on_text);
	XML_SetEntityDeclHandler(st.p, on_entity_decl);
	XML_SetParamEntityParsing(st.p, XML_PARAM_ENTITY_PARSING_NEVER);

	for (;;) {
		size_t n = fread(buf, 1, 65536, f);
		int last = n < 65536;

		if (n == 0 && ferror(f)) {
			st.rc = tmk_error_set(TMK_EIO, "cannot read '%s': %s", st.name, strerror(errno));
			break;
		}
		if (first && n == 0) {
			st.rc = tmk_error_set(TMK_EINPUT, "%s: empty file, not TMX", st.name);
			break;
		}
		if (first && check_encoding(&st, buf, n) < 0)
			break;
		first = 0;
		if (XML_Parse(st.p, buf, (int)n, last) == XML_STATUS_ERROR && !st.rc) {
			enum XML_Error e = XML_GetErrorCode(st.p);
			st.rc = tmk_error_set(TMK_EINPUT, "%s:%lu:%lu: %s%s", st.name,
				(unsigned long)XML_GetCurrentLineNumber(st.p),
				(unsigned long)XML_GetCurrentColumnNumber(st.p) + 1,
				e == XML_ERROR_UNKNOWN_ENCODING || e == XML_ERROR_INCORRECT_ENCODING ?
				"unsupported or wrong encoding declaration: " : "not well-formed XML: ",
				XML_ErrorString(e));
		}
		if (st.rc)
			break;
		done += n;
		if (sink->progress && total)
			sink->progress(sink, done, total);
		if (last)
			break;
	}
	if (!st.rc && !st.root_seen)
		st.rc = tmk_error_set(TMK_EINPUT, "%s: not a TMX file (no <tmx> element)", st.name);
done:
	free(buf);
	state_release(&st);
	if (!from_stdin)
		fclose(f);
	return st.rc;
}
