/*
 * xliff_flow.c - the text of one XLIFF <source>, <target> or segment
 * <mrk> as it is read: plain text with a placeholder per inline code, the
 * markup as written, the codes, and the TMX form of it all; the display
 * helpers of xliff.h.  See xliff.h for the placeholders and why.
 */
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "text.h"
#include "utf8.h"
#include "xliff_internal.h"
#include "xml.h"

const char *const xliff_names[XN__COUNT] = {
	"g", "x", "bx", "ex", "bpt", "ept", "ph", "it", "mrk", "sub",
	"pc", "sc", "ec", "sm", "em", "cp",
};

const char *tmk_xliff_state_name(tmk_xliff_state s)
{
	static const char *const names[] = { "new", "draft", "translated", "reviewed", "final" };

	return (unsigned)s < sizeof(names) / sizeof(names[0]) ? names[s] : "?";
}

int xflow_reset(xflow *f, const xflow *src)
{
	tmk_buf_clear(&f->text);
	tmk_buf_clear(&f->markup);
	tmk_buf_clear(&f->strs);
	tmk_buf_clear(&f->nat);
	tmk_buf_clear(&f->tmx);
	f->ncodes = 0;
	f->src = src;
	f->cursor = 0;
	f->next_extra = src ? (int)src->ncodes : 0;
	f->native = -1;
	f->reserved = 0;
	f->line = 0;
	memset(&f->element, 0, sizeof(f->element));
	memset(&f->content, 0, sizeof(f->content));
	if (src && src->ncodes > f->taken_cap) {
		unsigned char *t = realloc(f->taken, src->ncodes);
		if (!t)
			return tmk_error_oom();
		f->taken = t;
		f->taken_cap = src->ncodes;
	}
	if (src && src->ncodes)
		memset(f->taken, 0, src->ncodes);
	return 0;
}

void xflow_release(xflow *f)
{
	if (!f)
		return;
	tmk_buf_release(&f->text);
	tmk_buf_release(&f->markup);
	tmk_buf_release(&f->strs);
	tmk_buf_release(&f->nat);
	tmk_buf_release(&f->tmx);
	free(f->codes);
	free(f->taken);
}

/* Does S[0..LEN) (valid UTF-8) hold a character of U+E000-U+F8FF? */
static int holds_private_use(const char *s, size_t len)
{
	for (size_t i = 0; i + 2 < len; i++) {
		unsigned char c = (unsigned char)s[i], d = (unsigned char)s[i + 1];
		if (c == 0xEE || (c == 0xEF && d >= 0x80 && d <= 0xA3))
			return 1;
	}
	return 0;
}

int xflow_text(xflow *f, const char *s, size_t len, const char *raw, size_t rawlen, int hidden)
{
	if (tmk_buf_put(&f->markup, raw, rawlen) < 0)
		return TMK_ENOMEM;
	if (f->native >= 0) {
		f->codes[f->native].mk_len += rawlen;
		f->codes[f->native].nat_len += len;
		return tmk_buf_put(&f->strs, raw, rawlen) < 0 || tmk_buf_put(&f->nat, s, len) < 0 ? TMK_ENOMEM : 0;
	}
	if (hidden)
		return 0;
	if (holds_private_use(s, len))
		f->reserved = 1;
	return tmk_nfc_append(&f->text, s, len) < 0 ? TMK_ENOMEM : 0;
}

int xflow_raw(xflow *f, const char *raw, size_t len)
{
	if (tmk_buf_put(&f->markup, raw, len) < 0)
		return TMK_ENOMEM;
	if (f->native >= 0) {
		f->codes[f->native].mk_len += len;
		return tmk_buf_put(&f->strs, raw, len) < 0 ? TMK_ENOMEM : 0;
	}
	return 0;
}

/* The number of the source code that a target code (KIND, NAME, ID)
 * stands for: the first of the same element and id not yet taken,
 * searched from where the last one was found (codes mostly keep their
 * order, so this is one step a code); a new number when there is none. */
static int source_number(xflow *f, int kind, int name, const char *id)
{
	const xflow *s = f->src;

	for (size_t k = 0; k < s->ncodes; k++) {
		size_t i = (f->cursor + k) % s->ncodes;
		const xcode *c = &s->codes[i];
		if (!f->taken[i] && c->kind == kind && c->name == name && !strcmp(s->strs.ptr + c->id, id)) {
			f->taken[i] = 1;
			f->cursor = i + 1;
			return c->num;
		}
	}
	return f->next_extra++;
}

/* Append placeholder N (U+E000 + N, three bytes) to B. */
static int put_placeholder(tmk_buf *b, int n)
{
	unsigned c = TMK_XLIFF_CODE_BASE + (unsigned)n;
	char u[3] = { (char)(0xE0 | (c >> 12)), (char)(0x80 | ((c >> 6) & 0x3F)), (char)(0x80 | (c & 0x3F)) };

	return tmk_buf_put(b, u, 3);
}

int xflow_code(xflow *f, int kind, int name, const char *id, const char *raw, size_t rawlen, int native)
{
	int num = f->src ? source_number(f, kind, name, id) : f->next_extra++;
	xcode *c;

	if (num >= TMK_XLIFF_MAX_CODES || f->ncodes >= TMK_XLIFF_MAX_CODES)
		return TMK_EINPUT;
	if (f->ncodes == f->codes_cap) {
		size_t cap = f->codes_cap ? f->codes_cap * 2 : 16;
		xcode *nc = realloc(f->codes, cap * sizeof(*nc));
		if (!nc)
			return tmk_error_oom();
		f->codes = nc;
		f->codes_cap = cap;
	}
	c = &f->codes[f->ncodes];
	memset(c, 0, sizeof(*c));
	c->kind = (unsigned char)kind;
	c->name = (unsigned char)name;
	c->num = num;
	c->partner = -1;
	c->id = f->strs.len;
	if (tmk_buf_put(&f->strs, id, strlen(id) + 1) < 0)
		return tmk_error_oom();
	c->mk = f->strs.len;
	c->mk_len = rawlen;
	c->nat = f->nat.len;
	if (tmk_buf_put(&f->strs, raw, rawlen) < 0 || put_placeholder(&f->text, num) < 0 ||
	    tmk_buf_put(&f->markup, raw, rawlen) < 0)
		return tmk_error_oom();
	if (native)
		f->native = (int)f->ncodes;
	return (int)f->ncodes++;
}

int xflow_end_native(xflow *f, const char *raw, size_t len)
{
	int rc = xflow_raw(f, raw, len);

	f->native = -1;
	return rc;
}

void xflow_pair(xflow *f)
{
	for (size_t i = 0; i < f->ncodes; i++) {
		xcode *a = &f->codes[i];
		int want = a->name == XN_BPT ? XN_EPT : a->name == XN_SC ? XN_EC : a->name == XN_SM ? XN_EM : -1;
		if (want < 0 || a->partner >= 0)
			continue;
		for (size_t j = i + 1; j < f->ncodes; j++) {
			xcode *b = &f->codes[j];
			if (b->name == want && b->partner < 0 && !strcmp(f->strs.ptr + a->id, f->strs.ptr + b->id)) {
				a->partner = (int)j;
				b->partner = (int)i;
				break;
			}
		}
	}
}

/* Code C of F (index K) as TMX: <bpt>/<ept> for the two ends of a pair,
 * <it> for an end without its partner, <ph> for the rest; holding the
 * native code of a 1.2 <bpt> <ept> <ph> <it>, else the XLIFF markup.
 * PAIRS counts the pairs (TMX's i); TMX_I[K] is the pair's i. */
static int code_tmx(tmk_buf *b, const xflow *f, size_t k, int *pairs, int *tmx_i)
{
	const xcode *c = &f->codes[k];
	const char *content = c->nat_len ? f->nat.ptr + c->nat : f->strs.ptr + c->mk;
	size_t clen = c->nat_len ? c->nat_len : c->mk_len;
	int opens = c->kind == TMK_XLIFF_OPEN || c->name == XN_BPT || c->name == XN_SC || c->name == XN_SM;
	int closes = c->kind == TMK_XLIFF_CLOSE || c->name == XN_EPT || c->name == XN_EC || c->name == XN_EM;
	const char *end;

	if (opens && c->partner > (int)k) {
		tmx_i[k] = ++*pairs;
		tmk_buf_printf(b, "<bpt i=\"%d\">", tmx_i[k]);
		end = "</bpt>";
	} else if (closes && c->partner >= 0 && c->partner < (int)k) {
		tmx_i[k] = tmx_i[c->partner];
		tmk_buf_printf(b, "<ept i=\"%d\">", tmx_i[k]);
		end = "</ept>";
	} else if (opens || c->name == XN_BX || (c->name == XN_IT && c->it_pos == 1)) {
		tmk_buf_puts(b, "<it pos=\"begin\">");
		end = "</it>";
	} else if (closes || c->name == XN_EX || (c->name == XN_IT && c->it_pos == 2)) {
		tmk_buf_puts(b, "<it pos=\"end\">");
		end = "</it>";
	} else {
		tmk_buf_puts(b, "<ph>");
		end = "</ph>";
	}
	if (tmk_xml_escape(b, content, clen, 0) < 0)
		return TMK_ENOMEM;
	return tmk_buf_puts(b, end) < 0 ? TMK_ENOMEM : 0;
}

int xflow_tmx(xflow *f)
{
	const char *s = f->text.ptr;
	size_t n = f->text.len, run = 0, k = 0;
	int pairs = 0, rc = 0, *tmx_i;

	tmk_buf_clear(&f->tmx);
	if (!f->ncodes || f->reserved)
		return 0;
	if (!(tmx_i = calloc(f->ncodes, sizeof(*tmx_i))))
		return tmk_error_oom();
	for (size_t i = 0; i < n && rc == 0;) {
		size_t at = i;
		int32_t c = tmk_utf8_next(s, n, &i);
		if (!tmk_xliff_is_code(c) || k >= f->ncodes)
			continue;
		rc = tmk_xml_escape(&f->tmx, s + run, at - run, 0);
		if (rc == 0)
			rc = code_tmx(&f->tmx, f, k++, &pairs, tmx_i);
		run = i;
	}
	if (rc == 0)
		rc = tmk_xml_escape(&f->tmx, s + run, n - run, 0);
	free(tmx_i);
	return rc < 0 ? tmk_error_oom() : 0;
}

int xflow_blank(const xflow *f)
{
	for (size_t i = 0; i < f->text.len;)
		if (!tmk_is_space(tmk_utf8_next(f->text.ptr, f->text.len, &i)))
			return 0;
	return 1;
}

int tmk_xliff_display(tmk_buf *out, const char *text, size_t len)
{
	size_t run = 0;

	if (!len)
		return 0;
	for (size_t i = 0; i < len;) {
		size_t at = i;
		int32_t c = tmk_utf8_next(text, len, &i);
		if (!tmk_xliff_is_code(c))
			continue;
		if (tmk_buf_put(out, text + run, at - run) < 0 ||
		    tmk_buf_printf(out, "⟨%d⟩", (int)(c - TMK_XLIFF_CODE_BASE) + 1) < 0)
			return TMK_ENOMEM;
		run = i;
	}
	return tmk_buf_put(out, text + run, len - run) < 0 ? TMK_ENOMEM : 0;
}

/* Is NAME a code that marks up text (one end of a pair) rather than
 * standing for something in it? */
static int marks_up(const char *name)
{
	static const char *const names[] = { "bpt", "ept", "sc", "ec", "sm", "em", "bx", "ex", "it" };

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(name, names[i]))
			return 1;
	return 0;
}

int tmk_xliff_reading_text(tmk_buf *out, const tmk_xliff_text *t, const tmk_xliff_code *codes, size_t ncodes)
{
	size_t run = 0;

	if (!t->len)
		return 0;
	for (size_t i = 0; i < t->len;) {
		size_t at = i;
		int32_t c = tmk_utf8_next(t->text, t->len, &i), n = c - TMK_XLIFF_CODE_BASE;
		const tmk_xliff_code *k;
		if (!tmk_xliff_is_code(c) || t->reserved)
			continue;
		if (tmk_buf_put(out, t->text + run, at - run) < 0)
			return TMK_ENOMEM;
		run = i;
		k = (size_t)n < ncodes ? &codes[n] : NULL;
		if (k && (k->kind != TMK_XLIFF_ALONE || marks_up(k->name)))
			continue;
		if (tmk_buf_putc(out, ' ') < 0)
			return TMK_ENOMEM;
	}
	return tmk_buf_put(out, t->text + run, t->len - run) < 0 ? TMK_ENOMEM : 0;
}
