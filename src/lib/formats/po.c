/*
 * po.c - gettext PO and MO readers; see reader.h.
 *
 * A catalog's msgid is the English source, its msgstr the translation; the
 * target language comes from the header's "Language:" field (German when
 * absent).  Fuzzy and untranslated entries are skipped with their line;
 * plural entries count as their singular; a msgctxt is kept as a property
 * (x-msgctxt) so that the context survives export.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "error.h"
#include "langtag.h"
#include "reader.h"
#include "text.h"
#include "utf8.h"

/* ---- shared ------------------------------------------------------------ */

/* The language from a header's "Language: de_CH" line as a BCP 47 tag
 * (de-CH) into OUT; "" when there is none or it is not a tag. */
static void header_language(char out[TMK_LANGTAG_MAX], const char *h, size_t len)
{
	const char *p = NULL;
	size_t n = 0;

	out[0] = '\0';
	for (size_t i = 0; i + 9 < len; i++)
		if ((i == 0 || h[i - 1] == '\n') && !memcmp(h + i, "Language:", 9)) {
			p = h + i + 9;
			break;
		}
	if (!p)
		return;
	while (p < h + len && *p == ' ')
		p++;
	while (p + n < h + len && p[n] != '\n' && p[n] != ' ')
		n++;
	/* gettext wants ISO 639 codes: "Language: German" and the like (or
	 * no tag at all) leave the default */
	if (n && (tmk_langtag_canon(out, p, n) < 0 || tmk_langtag_primary_len(out) > 3)) {
		tmk_error_clear();
		out[0] = '\0';
	}
}

typedef struct {
	tmk_buf ctx, id, str;   /* msgctxt, msgid, msgstr (or msgstr[0]) */
	int has_ctx, has_id, has_str, fuzzy;
	long line;              /* of the msgid */
} po_entry;

/* Hand one complete entry to the sink. */
static int emit(tmk_sink *sink, const po_entry *e, const char *lang, int *seen_header)
{
	tmk_note note = { .scope = TMK_SCOPE_UNIT, .kind = "prop", .type = "x-msgctxt" };
	tmk_unit_in u = { 0 };
	tmk_buf s = TMK_BUF_INIT, t = TMK_BUF_INIT;
	int rc;

	if (e->id.len == 0 && !e->has_ctx) {
		*seen_header = 1;
		return 0;       /* the header entry */
	}
	if (e->fuzzy)
		return sink->skip(sink, e->line, "fuzzy entry");
	if (e->str.len == 0)
		return sink->skip(sink, e->line, "untranslated entry");
	if (e->id.len == 0)
		return sink->skip(sink, e->line, "empty msgid");
	{
		/* escapes (\303, \0) can make what the file's UTF-8 check passed
		 * into bytes that are not text */
		size_t bad;
		const tmk_buf *f[3] = { &e->id, &e->str, &e->ctx };
		for (int k = 0; k < 3; k++)
			if (f[k]->len && (!tmk_utf8_valid(f[k]->ptr, f[k]->len, &bad) ||
					  memchr(f[k]->ptr, '\0', f[k]->len)))
				return sink->skip(sink, e->line,
						  "an escape makes invalid UTF-8 or a NUL character");
	}
	if ((rc = tmk_nfc_append(&s, e->id.ptr, e->id.len)) < 0 ||
	    (rc = tmk_nfc_append(&t, e->str.ptr, e->str.len)) < 0)
		goto done;
	u.src_lang = "en";
	u.tgt_lang = lang[0] ? lang : "de";
	u.source = s.ptr;
	u.source_len = s.len;
	u.target = t.ptr;
	u.target_len = t.len;
	u.position = e->line;
	if (e->has_ctx) {
		note.value = e->ctx.ptr ? e->ctx.ptr : "";
		u.notes = &note;
		u.nnotes = 1;
	}
	rc = sink->unit(sink, &u);
done:
	tmk_buf_release(&s);
	tmk_buf_release(&t);
	return rc;
}

/* ---- PO ---------------------------------------------------------------- */

/* Append the C-escaped string literal at S[*i] ("...") to OUT. */
static int po_string(tmk_buf *out, const char *s, size_t end, size_t *i, const char *name, long line)
{
	size_t k = *i;

	if (k >= end || s[k] != '"')
		return tmk_error_set(TMK_EINPUT, "%s:%ld: expected a string in double quotes", name, line);
	k++;
	while (k < end && s[k] != '"') {
		char c = s[k++];
		if (c == '\\') {
			if (k >= end)
				break;
			c = s[k++];
			switch (c) {
			case 'n': c = '\n'; break;
			case 't': c = '\t'; break;
			case 'r': c = '\r'; break;
			case 'a': c = '\a'; break;
			case 'b': c = '\b'; break;
			case 'f': c = '\f'; break;
			case 'v': c = '\v'; break;
			case '"': case '\\': case '\'': case '?': break;
			default:
				if (c >= '0' && c <= '7') {
					int v = c - '0';
					for (int d = 0; d < 2 && k < end && s[k] >= '0' && s[k] <= '7'; d++)
						v = v * 8 + (s[k++] - '0');
					c = (char)v;
				} else {
					return tmk_error_set(TMK_EINPUT, "%s:%ld: unknown escape '\\%c'",
							     name, line, c);
				}
			}
		}
		if (tmk_buf_putc(out, c) < 0)
			return TMK_ENOMEM;
	}
	if (k >= end)
		return tmk_error_set(TMK_EINPUT, "%s:%ld: string not closed with '\"'", name, line);
	*i = k + 1;
	return 0;
}

/* Whether the line L (N bytes, not NUL-terminated) starts with KW. */
static int starts(const char *l, size_t n, const char *kw)
{
	size_t k = strlen(kw);

	return n >= k && !memcmp(l, kw, k);
}

static void entry_reset(po_entry *e)
{
	tmk_buf_clear(&e->ctx);
	tmk_buf_clear(&e->id);
	tmk_buf_clear(&e->str);
	e->has_ctx = e->has_id = e->has_str = e->fuzzy = 0;
}

int tmk_read_po(tmk_sink *sink, const char *name, const char *data, size_t len)
{
	po_entry e = { 0 };
	tmk_buf *cur = NULL;    /* the field that continuation lines extend */
	size_t pos = 0;
	long line = 0;
	int rc = 0, seen_header = 0, next_fuzzy = 0, plural_str = 0;
	char lang[TMK_LANGTAG_MAX] = "";

	while (pos <= len && rc == 0) {
		const char *nl = memchr(data + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - data) : len, i = pos;
		const char *l = data + pos;

		line++;
		pos = end + 1;
		while (end > i && (data[end - 1] == '\r' || data[end - 1] == ' ' || data[end - 1] == '\t'))
			end--;
		while (i < end && (data[i] == ' ' || data[i] == '\t'))
			i++;
		l = data + i;
		if (i == end || (data[i] == '#' && (i + 1 >= end || data[i + 1] != ',')) ) {
			if (i < end && data[i] == '#' && i + 1 < end && data[i + 1] == '~')
				continue;       /* obsolete entry */
			if (i == end && e.has_str) {
				rc = emit(sink, &e, lang, &seen_header);
				if (seen_header && !lang[0] && e.id.len == 0)
					header_language(lang, e.str.ptr ? e.str.ptr : "", e.str.len);
				entry_reset(&e);
				cur = NULL;
			}
			continue;
		}
		if (data[i] == '#') {           /* "#," flags */
			for (size_t k = i; k + 5 <= end; k++)
				if (!memcmp(data + k, "fuzzy", 5))
					next_fuzzy = 1;
			continue;
		}
		if (data[i] == '"') {
			if (!cur) {
				rc = tmk_error_set(TMK_EINPUT, "%s:%ld: a string with no keyword before it",
						   name, line);
				break;
			}
			rc = po_string(cur, data, end, &i, name, line);
			continue;
		}
		/* a keyword: a new keyword after msgstr starts the next entry */
		if (e.has_str && (starts(l, end - i, "msgid ") || starts(l, end - i, "msgctxt "))) {
			rc = emit(sink, &e, lang, &seen_header);
			if (rc == 0 && seen_header && !lang[0] && e.id.len == 0)
				header_language(lang, e.str.ptr ? e.str.ptr : "", e.str.len);
			entry_reset(&e);
			if (rc)
				break;
		}
		if (starts(l, end - i, "msgctxt ")) {
			cur = &e.ctx;
			e.has_ctx = 1;
			i += 8;
		} else if (starts(l, end - i, "msgid_plural ")) {
			cur = NULL;
			plural_str = 1;
			continue;       /* the plural source is not kept */
		} else if (starts(l, end - i, "msgid ")) {
			cur = &e.id;
			e.has_id = 1;
			e.line = line;
			e.fuzzy = next_fuzzy;
			next_fuzzy = 0;
			plural_str = 0;
			i += 6;
		} else if (starts(l, end - i, "msgstr ") || starts(l, end - i, "msgstr[0] ")) {
			if (!e.has_id) {
				rc = tmk_error_set(TMK_EINPUT, "%s:%ld: msgstr without a msgid before it",
						   name, line);
				break;
			}
			cur = &e.str;
			e.has_str = 1;
			i += starts(l, end - i, "msgstr[0] ") ? 10 : 7;
		} else if (starts(l, end - i, "msgstr[") && plural_str) {
			cur = NULL;     /* other plural forms: not kept */
			continue;
		} else {
			rc = tmk_error_set(TMK_EINPUT, "%s:%ld: expected msgctxt, msgid or msgstr, "
					   "found '%.*s'", name, line, (int)(end - i < 20 ? end - i : 20), l);
			break;
		}
		while (i < end && data[i] == ' ')
			i++;
		if (cur && (rc = po_string(cur, data, end, &i, name, line)) < 0)
			break;
	}
	if (rc == 0 && e.has_id && !e.has_str)
		rc = tmk_error_set(TMK_EINPUT, "%s:%ld: msgid without msgstr", name, e.line);
	if (rc == 0 && e.has_str)
		rc = emit(sink, &e, lang, &seen_header);
	tmk_buf_release(&e.ctx);
	tmk_buf_release(&e.id);
	tmk_buf_release(&e.str);
	return rc;
}

/* ---- MO ---------------------------------------------------------------- */

static uint32_t get32(const unsigned char *p, int swap)
{
	uint32_t v = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;

	return swap ? (v >> 24) | ((v >> 8) & 0xFF00) | ((v << 8) & 0xFF0000) | (v << 24) : v;
}

/* String I of the table at TABLE: bounds-checked; *s and *n get its bytes. */
static int mo_string(const char *name, const unsigned char *d, size_t len, uint32_t table,
		     uint32_t i, int swap, const char **s, size_t *n)
{
	uint64_t at = (uint64_t)table + (uint64_t)i * 8, off, l;

	if (at + 8 > len)
		return tmk_error_set(TMK_EINPUT, "%s: corrupt MO file: string table past the end", name);
	l = get32(d + at, swap);
	off = get32(d + at + 4, swap);
	if (off + l > len)
		return tmk_error_set(TMK_EINPUT, "%s: corrupt MO file: string %u past the end", name, i);
	*s = (const char *)d + off;
	*n = (size_t)l;
	return 0;
}

int tmk_read_mo(tmk_sink *sink, const char *name, const char *data, size_t len)
{
	const unsigned char *d = (const unsigned char *)data;
	uint32_t magic, count, otab, ttab;
	int swap, rc = 0, seen_header = 0;
	char lang[TMK_LANGTAG_MAX] = "";
	po_entry e = { 0 };

	if (len < 28)
		return tmk_error_set(TMK_EINPUT, "%s: not an MO file (too short)", name);
	magic = get32(d, 0);
	if (magic == 0x950412de)
		swap = 0;
	else if (magic == 0xde120495)
		swap = 1;
	else
		return tmk_error_set(TMK_EINPUT, "%s: not an MO file (bad magic number)", name);
	count = get32(d + 8, swap);
	otab = get32(d + 12, swap);
	ttab = get32(d + 16, swap);
	for (uint32_t i = 0; i < count && rc == 0; i++) {
		const char *o = NULL, *t = NULL, *eot;
		size_t on = 0, tn = 0, bad;

		if ((rc = mo_string(name, d, len, otab, i, swap, &o, &on)) < 0 ||
		    (rc = mo_string(name, d, len, ttab, i, swap, &t, &tn)) < 0)
			break;
		if (!tmk_utf8_valid(o, on, &bad) || !tmk_utf8_valid(t, tn, &bad)) {
			rc = sink->skip(sink, (long)i + 1, "not UTF-8");
			continue;
		}
		entry_reset(&e);
		e.line = (long)i + 1;
		eot = memchr(o, '\x04', on);
		if (eot) {
			tmk_buf_put(&e.ctx, o, (size_t)(eot - o));
			e.has_ctx = 1;
			on -= (size_t)(eot - o) + 1;
			o = eot + 1;
		}
		/* plural forms are separated by NUL: keep the first */
		tmk_buf_put(&e.id, o, strnlen(o, on));
		tmk_buf_put(&e.str, t, strnlen(t, tn));
		e.has_id = e.has_str = 1;
		if (e.id.len == 0 && !e.has_ctx) {
			header_language(lang, e.str.ptr ? e.str.ptr : "", e.str.len);
			seen_header = 1;
			continue;
		}
		rc = emit(sink, &e, lang, &seen_header);
	}
	tmk_buf_release(&e.ctx);
	tmk_buf_release(&e.id);
	tmk_buf_release(&e.str);
	return rc;
}
