/*
 * xliff_edit.c - a changed copy of an XLIFF job, start-tag surgery and
 * inline codes put back; see xliff_edit.h.
 *
 * The input is held whole (a job of 10,000 segments is a few MB); the
 * splices are kept as (start, end, bytes) and sorted when the copy is
 * written, so a writer may make them in any order.  Encodings other than
 * UTF-8 go through one ICU converter, both ways.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/ustring.h>

#include "atomic.h"
#include "error.h"
#include "text.h"
#include "utf8.h"
#include "xliff_edit.h"
#include "xml.h"

typedef struct {
	size_t start, end;      /* of the input */
	size_t off, len;        /* of the piece, in the doc's piece bytes */
	size_t seq;             /* the order it was made in */
} splice;

struct tmk_xliff_doc {
	char *path;
	tmk_buf in;             /* the input's bytes */
	char encoding[40];
	UConverter *cnv;        /* NULL: UTF-8, copied as it is */
	int width;              /* bytes of a code unit: 1, or 2 for UTF-16 */
	int big;                /* UTF-16BE */
	splice *v;
	size_t n, cap;
	tmk_buf pieces;
};

/* ---- the document and its encoding -------------------------------------- */

/* Open the converter for the charset NAME (already known not to be UTF-8). */
static int open_converter(tmk_xliff_doc *d, const char *name)
{
	UErrorCode err = U_ZERO_ERROR;

	d->cnv = ucnv_open(name, &err);
	if (U_FAILURE(err)) {
		d->cnv = NULL;
		return tmk_error_set(TMK_EINPUT, "%s:1: encoding \"%s\" is unknown to ICU: convert the job to UTF-8 "
				     "(iconv -f %s -t UTF-8) and declare encoding=\"UTF-8\"", d->path, name, name);
	}
	if (d->width == 1 && ucnv_getMaxCharSize(d->cnv) != 1)
		return tmk_error_set(TMK_EINPUT, "%s:1: encoding \"%s\": pretranslate writes jobs in UTF-8, UTF-16 "
				     "and single-byte charsets only; convert it (iconv -f %s -t UTF-8) and declare "
				     "encoding=\"UTF-8\"", d->path, name, name);
	ucnv_setFromUCallBack(d->cnv, UCNV_FROM_U_CALLBACK_ESCAPE, UCNV_ESCAPE_XML_HEX, NULL, NULL, &err);
	snprintf(d->encoding, sizeof(d->encoding), "%s", name);
	return U_FAILURE(err) ? tmk_error_set(TMK_ERROR, "ICU: %s", u_errorName(err)) : 0;
}

/* The input's encoding: UTF-16 by its byte-order mark or its first
 * bytes ("<?" as two code units), else what the XML declaration names,
 * UTF-8 when it names none. */
static int detect_encoding(tmk_xliff_doc *d)
{
	const unsigned char *b = (const unsigned char *)d->in.ptr;
	size_t n = d->in.len;
	char enc[32];

	d->width = 1;
	snprintf(d->encoding, sizeof(d->encoding), "UTF-8");
	if (n >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (n >= 4 && b[0] == '<' && !b[1] && b[2] == '?' && !b[3]))) {
		d->width = 2;
		return open_converter(d, "UTF-16LE");
	}
	if (n >= 2 && ((b[0] == 0xFE && b[1] == 0xFF) || (n >= 4 && !b[0] && b[1] == '<' && !b[2] && b[3] == '?'))) {
		d->width = 2;
		d->big = 1;
		return open_converter(d, "UTF-16BE");
	}
	if (n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF)
		return 0;
	tmk_xml_declared_encoding(d->in.ptr, n, enc);
	if (!enc[0] || !strcmp(enc, "utf-8") || !strcmp(enc, "utf8"))
		return 0;
	return open_converter(d, enc);
}

int tmk_xliff_doc_load(tmk_xliff_doc **out, const char *path)
{
	tmk_xliff_doc *d = calloc(1, sizeof(*d));
	int rc;

	*out = NULL;
	if (!d || !(d->path = strdup(path))) {
		free(d);
		return tmk_error_oom();
	}
	if ((rc = tmk_read_file(&d->in, path)) < 0)
		goto fail;
	if (!d->in.len) {
		rc = tmk_error_set(TMK_EINPUT, "%s: empty file, not an XLIFF job", path);
		goto fail;
	}
	if ((rc = detect_encoding(d)) < 0)
		goto fail;
	*out = d;
	return 0;
fail:
	tmk_xliff_doc_free(d);
	return rc;
}

void tmk_xliff_doc_free(tmk_xliff_doc *d)
{
	if (!d)
		return;
	if (d->cnv)
		ucnv_close(d->cnv);
	tmk_buf_release(&d->in);
	tmk_buf_release(&d->pieces);
	free(d->v);
	free(d->path);
	free(d);
}

const char *tmk_xliff_doc_encoding(const tmk_xliff_doc *d)
{
	return d->encoding;
}

size_t tmk_xliff_doc_size(const tmk_xliff_doc *d)
{
	return d->in.len;
}

/* ---- converting ------------------------------------------------------------ */

/* BYTES[0..LEN) in D's encoding, appended to OUT as UTF-8. */
static int decode(const tmk_xliff_doc *d, tmk_buf *out, const char *bytes, size_t len)
{
	UErrorCode err = U_ZERO_ERROR;
	UChar *u;
	int32_t nu, n8 = 0;
	int rc = 0;

	if (!d->cnv)
		return tmk_buf_put(out, bytes, len);
	if (!len)
		return 0;
	if (len > 0x3fffffff || !(u = malloc((len + 1) * sizeof(*u))))
		return tmk_error_oom();
	ucnv_resetToUnicode(d->cnv);
	nu = ucnv_toUChars(d->cnv, u, (int32_t)len + 1, bytes, (int32_t)len, &err);
	if (U_SUCCESS(err))
		u_strToUTF8(NULL, 0, &n8, u, nu, &err);
	if (err == U_BUFFER_OVERFLOW_ERROR)
		err = U_ZERO_ERROR;
	if (U_SUCCESS(err) && (rc = tmk_buf_grow(out, (size_t)n8 + 1)) == 0) {
		u_strToUTF8(out->ptr + out->len, n8 + 1, NULL, u, nu, &err);
		if (U_SUCCESS(err))
			out->ptr[out->len += (size_t)n8] = '\0';
	}
	free(u);
	if (rc == 0 && U_FAILURE(err))
		rc = tmk_error_set(TMK_EINPUT, "%s: cannot read %s text: %s", d->path, d->encoding, u_errorName(err));
	return rc;
}

/* UTF-8 S[0..LEN) appended to OUT in D's encoding. */
static int encode(const tmk_xliff_doc *d, tmk_buf *out, const char *s, size_t len)
{
	UErrorCode err = U_ZERO_ERROR;
	UChar *u;
	int32_t nu = 0, nb;
	size_t cap;
	int rc = 0;

	if (!d->cnv)
		return tmk_buf_put(out, s, len);
	if (!len)
		return 0;
	if (len > 0x3fffffff || !(u = malloc((len + 1) * sizeof(*u))))
		return tmk_error_oom();
	u_strFromUTF8(u, (int32_t)len + 1, &nu, s, (int32_t)len, &err);
	cap = (size_t)nu * 12 + 16;     /* a character reference: "&#x10FFFF;" */
	if (U_SUCCESS(err) && (rc = tmk_buf_grow(out, cap)) == 0) {
		ucnv_resetFromUnicode(d->cnv);
		nb = ucnv_fromUChars(d->cnv, out->ptr + out->len, (int32_t)cap, u, nu, &err);
		if (U_SUCCESS(err))
			out->ptr[out->len += (size_t)nb] = '\0';
	}
	free(u);
	if (rc == 0 && U_FAILURE(err))
		rc = tmk_error_set(TMK_ERROR, "cannot write text as %s: %s", d->encoding, u_errorName(err));
	return rc;
}

int tmk_xliff_doc_text(const tmk_xliff_doc *d, tmk_buf *out, size_t start, size_t end)
{
	if (start > end || end > d->in.len)
		return tmk_error_set(TMK_ERROR, "%s: bytes %zu-%zu are outside the file", d->path, start, end);
	return decode(d, out, d->in.ptr + start, end - start);
}

/* ---- scanning the input by code units ---------------------------------- */

/* The code unit at byte OFF (a byte, or a UTF-16 unit). */
static unsigned unit_at(const tmk_xliff_doc *d, size_t off)
{
	const unsigned char *b = (const unsigned char *)d->in.ptr + off;

	if (d->width == 1)
		return b[0];
	return d->big ? (unsigned)b[0] << 8 | b[1] : (unsigned)b[1] << 8 | b[0];
}

static int is_blank_unit(unsigned c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

size_t tmk_xliff_doc_ws_before(const tmk_xliff_doc *d, size_t off)
{
	size_t w = (size_t)d->width;

	if (off > d->in.len)
		return off;
	while (off >= w && is_blank_unit(unit_at(d, off - w)))
		off -= w;
	return off;
}

size_t tmk_xliff_doc_ws_after(const tmk_xliff_doc *d, size_t off)
{
	size_t w = (size_t)d->width;

	while (off + w <= d->in.len && is_blank_unit(unit_at(d, off)))
		off += w;
	return off;
}

size_t tmk_xliff_doc_tag_end(const tmk_xliff_doc *d, size_t start)
{
	size_t w = (size_t)d->width;
	unsigned quote = 0;

	for (size_t i = start; i + w <= d->in.len; i += w) {
		unsigned c = unit_at(d, i);
		if (quote)
			quote = c == quote ? 0 : quote;
		else if (c == '"' || c == '\'')
			quote = c;
		else if (c == '>')
			return i + w;
	}
	return 0;
}

size_t tmk_xliff_doc_last_tag(const tmk_xliff_doc *d, size_t start, size_t end)
{
	size_t w = (size_t)d->width;

	for (size_t i = end; i >= start + w && i <= d->in.len; i -= w)
		if (unit_at(d, i - w) == '<')
			return i - w;
	return end;
}

size_t tmk_xliff_doc_tag_before(const tmk_xliff_doc *d, size_t lo, size_t off)
{
	size_t w = (size_t)d->width, at = tmk_xliff_doc_ws_before(d, off), lt;

	if (at < lo + w || unit_at(d, at - w) != '>')
		return (size_t)-1;
	lt = tmk_xliff_doc_last_tag(d, lo, at);        /* '<' cannot stand in a value */
	return lt < at ? lt : (size_t)-1;
}

int tmk_xliff_doc_find_tag(const tmk_xliff_doc *d, size_t start, size_t end, const char *qname, const char *attr,
			   const char *value, tmk_xliff_span *out)
{
	size_t w = (size_t)d->width, qlen = strlen(qname);
	tmk_buf tag = TMK_BUF_INIT;
	int found = 0;

	for (size_t i = start; i + w <= end && !found; i += w) {
		size_t e, vlen;
		const char *v;
		if (unit_at(d, i) != '<' || !(e = tmk_xliff_doc_tag_end(d, i)) || e > end)
			continue;
		tmk_buf_clear(&tag);
		if (decode(d, &tag, d->in.ptr + i, e - i) < 0)
			break;
		if (tag.len > qlen + 1 && !memcmp(tag.ptr + 1, qname, qlen) &&
		    (is_blank_unit((unsigned char)tag.ptr[qlen + 1]) || tag.ptr[qlen + 1] == '/' ||
		     tag.ptr[qlen + 1] == '>') &&
		    (v = tmk_xml_tag_attr(tag.ptr, tag.len, attr, &vlen)) && vlen == strlen(value) &&
		    !memcmp(v, value, vlen)) {
			*out = (tmk_xliff_span){ i, e };
			found = 1;
		}
	}
	tmk_buf_release(&tag);
	return found;
}

/* ---- pieces and splices --------------------------------------------------- */

void tmk_xliff_piece_init(tmk_xliff_piece *p, tmk_xliff_doc *d)
{
	p->doc = d;
	tmk_buf_init(&p->bytes);
	p->rc = 0;
}

void tmk_xliff_piece_release(tmk_xliff_piece *p)
{
	tmk_buf_release(&p->bytes);
}

void tmk_xliff_piece_text(tmk_xliff_piece *p, const char *utf8, size_t len)
{
	if (p->rc == 0)
		p->rc = encode(p->doc, &p->bytes, utf8, len);
}

void tmk_xliff_piece_str(tmk_xliff_piece *p, const char *utf8)
{
	tmk_xliff_piece_text(p, utf8, strlen(utf8));
}

void tmk_xliff_piece_raw(tmk_xliff_piece *p, size_t start, size_t end)
{
	if (p->rc == 0 && (start > end || end > p->doc->in.len))
		p->rc = tmk_error_set(TMK_ERROR, "%s: bytes %zu-%zu are outside the file", p->doc->path, start, end);
	else if (p->rc == 0)
		p->rc = tmk_buf_put(&p->bytes, p->doc->in.ptr + start, end - start);
}

int tmk_xliff_doc_splice(tmk_xliff_doc *d, size_t start, size_t end, tmk_xliff_piece *p)
{
	splice *s;
	int rc = p->rc;

	if (rc == 0 && (start > end || end > d->in.len))
		rc = tmk_error_set(TMK_ERROR, "%s: an edit at bytes %zu-%zu is outside the file", d->path, start, end);
	if (rc == 0 && d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 256;
		splice *v = realloc(d->v, cap * sizeof(*v));
		if (!v)
			rc = tmk_error_oom();
		else
			d->v = v, d->cap = cap;
	}
	if (rc == 0) {
		s = &d->v[d->n];
		*s = (splice){ start, end, d->pieces.len, p->bytes.len, d->n };
		if ((rc = tmk_buf_put(&d->pieces, p->bytes.ptr ? p->bytes.ptr : "", p->bytes.len)) == 0)
			d->n++;
	}
	tmk_buf_clear(&p->bytes);
	p->rc = 0;
	return rc;
}

/* By where they start; at one offset insertions first, in their order. */
static int cmp_splices(const void *a, const void *b)
{
	const splice *x = a, *y = b;
	int xi = x->start == x->end, yi = y->start == y->end;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (xi != yi)
		return xi ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

int tmk_xliff_doc_write(tmk_xliff_doc *d, const char *path)
{
	tmk_atomic *a;
	FILE *f;
	size_t pos = 0;
	int rc;

	if (d->n)
		qsort(d->v, d->n, sizeof(*d->v), cmp_splices);
	for (size_t i = 1; i < d->n; i++)
		if (d->v[i].start < d->v[i - 1].end)
			return tmk_error_set(TMK_ERROR, "%s: two edits overlap at bytes %zu-%zu and %zu-%zu (a bug)",
					     d->path, d->v[i - 1].start, d->v[i - 1].end, d->v[i].start, d->v[i].end);
	if ((rc = tmk_atomic_open(&a, path)) < 0)
		return rc;
	f = tmk_atomic_stream(a);
	for (size_t i = 0; i < d->n; i++) {
		const splice *s = &d->v[i];
		fwrite(d->in.ptr + pos, 1, s->start - pos, f);
		if (s->len)
			fwrite(d->pieces.ptr + s->off, 1, s->len, f);
		pos = s->end;
	}
	fwrite(d->in.ptr + pos, 1, d->in.len - pos, f);
	if (ferror(f)) {
		rc = tmk_error_set(TMK_EIO, "cannot write '%s': %s", path, strerror(errno));
		tmk_atomic_abort(a);
		return rc;
	}
	return tmk_atomic_commit(a);
}

/* ---- start tags --------------------------------------------------------- */

static int is_xml_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* An attribute of a start tag: where its blank, name and value are. */
typedef struct {
	size_t blank;           /* the white space before it begins */
	size_t name, name_end;
	size_t value, value_end;/* inside the quotes */
	char quote;
} tag_attr;

/* The attribute at *I of TAG[0..LEN) into A, *I moved past it; 0 at the
 * tag's end (*I then at the blank before "/>" or ">"), -1 when TAG is
 * malformed. */
static int next_attr(const char *tag, size_t len, size_t *i, tag_attr *a)
{
	size_t k = *i;

	a->blank = k;
	while (k < len && is_xml_blank(tag[k]))
		k++;
	if (k < len && (tag[k] == '>' || tag[k] == '/'))
		return 0;
	if (k == a->blank || k >= len)
		return -1;
	a->name = k;
	while (k < len && tag[k] != '=' && !is_xml_blank(tag[k]) && tag[k] != '>')
		k++;
	a->name_end = k;
	while (k < len && is_xml_blank(tag[k]))
		k++;
	if (k >= len || tag[k++] != '=')
		return -1;
	while (k < len && is_xml_blank(tag[k]))
		k++;
	if (k >= len || (tag[k] != '"' && tag[k] != '\''))
		return -1;
	a->quote = tag[k++];
	a->value = k;
	while (k < len && tag[k] != a->quote)
		k++;
	if (k >= len)
		return -1;
	a->value_end = k;
	*i = k + 1;
	return 1;
}

/* Where TAG's element name ends (the first blank, '/' or '>'), or 0 when
 * TAG does not begin as a start tag. */
static size_t name_end(const char *tag, size_t len)
{
	size_t k = 1;

	if (len < 3 || tag[0] != '<' || tag[1] == '/' || tag[1] == '!' || tag[1] == '?')
		return 0;
	while (k < len && !is_xml_blank(tag[k]) && tag[k] != '/' && tag[k] != '>')
		k++;
	return k;
}

static int same_name(const char *tag, const tag_attr *a, const char *name)
{
	size_t n = strlen(name);

	return a->name_end - a->name == n && !memcmp(tag + a->name, name, n);
}

/* VALUE escaped for an attribute quoted with QUOTE. */
static int put_attr_value(tmk_buf *out, const char *value, char quote)
{
	for (const char *p = value; *p; p++) {
		const char *q = strchr(p, '\'');
		if (quote != '\'' || !q)
			return tmk_xml_escape(out, p, strlen(p), 1);
		if (tmk_xml_escape(out, p, (size_t)(q - p), 1) < 0 || tmk_buf_puts(out, "&apos;") < 0)
			return TMK_ENOMEM;
		p = q;
	}
	return 0;
}

int tmk_xml_tag_edit(tmk_buf *out, const char *tag, size_t len, const tmk_xml_attr *set, size_t nset, int open)
{
	unsigned char done[32] = { 0 };
	size_t i = name_end(tag, len), copied = 0;
	tag_attr a;
	int r, rc = 0;

	if (!i || nset > sizeof(done))
		return tmk_error_set(TMK_EINPUT, "not a start tag: %.*s", (int)(len < 80 ? len : 80), tag);
	while ((r = next_attr(tag, len, &i, &a)) > 0 && rc == 0) {
		for (size_t k = 0; k < nset; k++) {
			if (done[k] || !same_name(tag, &a, set[k].name))
				continue;
			done[k] = 1;
			if (!set[k].value) {            /* out, with its blank */
				rc = tmk_buf_put(out, tag + copied, a.blank - copied);
				copied = i;
			} else {
				if ((rc = tmk_buf_put(out, tag + copied, a.value - copied)) == 0)
					rc = put_attr_value(out, set[k].value, a.quote);
				copied = a.value_end;
			}
			break;
		}
	}
	if (r < 0)
		return tmk_error_set(TMK_EINPUT, "not a start tag: %.*s", (int)(len < 80 ? len : 80), tag);
	rc = rc ? rc : tmk_buf_put(out, tag + copied, a.blank - copied);
	for (size_t k = 0; k < nset && rc == 0; k++)
		if (!done[k] && set[k].value && (rc = tmk_buf_printf(out, " %s=\"", set[k].name)) == 0 &&
		    (rc = put_attr_value(out, set[k].value, '"')) == 0)
			rc = tmk_buf_putc(out, '"');
	if (rc == 0 && open && len >= 2 && tag[len - 2] == '/') {
		rc = tmk_buf_putc(out, '>');    /* "<x a='1' />": the blank before '/' goes too */
	} else if (rc == 0) {
		rc = tmk_buf_put(out, tag + a.blank, len - a.blank);
	}
	return rc;
}

const char *tmk_xml_tag_attr(const char *tag, size_t len, const char *name, size_t *vlen)
{
	size_t i = name_end(tag, len);
	tag_attr a;

	if (!i)
		return NULL;
	while (next_attr(tag, len, &i, &a) > 0)
		if (same_name(tag, &a, name)) {
			*vlen = a.value_end - a.value;
			return tag + a.value;
		}
	return NULL;
}

int tmk_xml_tag_prefix(const char *tag, size_t len, char out[64])
{
	size_t end = name_end(tag, len);
	const char *colon = end ? memchr(tag + 1, ':', end - 1) : NULL;
	size_t n = colon ? (size_t)(colon - tag) : 0;    /* the prefix and its colon */

	out[0] = '\0';
	if (colon && n >= 64)
		return -1;
	if (colon)
		snprintf(out, 64, "%.*s", (int)n, tag + 1);
	return 0;
}

int tmk_xml_tag_ns_prefix(const char *tag, size_t len, const char *uri, char out[64])
{
	size_t i = name_end(tag, len), ulen = strlen(uri);
	tag_attr a;

	out[0] = '\0';
	if (!i)
		return 0;
	while (next_attr(tag, len, &i, &a) > 0) {
		size_t n = a.name_end - a.name;
		if (n > 6 && n - 6 < 64 && !memcmp(tag + a.name, "xmlns:", 6) && a.value_end - a.value == ulen &&
		    !memcmp(tag + a.value, uri, ulen)) {
			snprintf(out, 64, "%.*s", (int)(n - 6), tag + a.name + 6);
			return 1;
		}
	}
	return 0;
}

/* ---- inline codes -------------------------------------------------------- */

/* Is C a character XML 1.0 cannot hold? */
static int xml_forbidden(int32_t c)
{
	return c < 0 || (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xFFFE || c == 0xFFFF ||
	       (c >= 0xD800 && c <= 0xDFFF);
}

/* S[0..LEN), text without placeholders, escaped into OUT; a character XML
 * forbids becomes <cp hex=".."/> (CP) or a blank. */
static int put_text(tmk_buf *out, const char *s, size_t len, int cp)
{
	size_t run = 0, i = 0;
	int rc = 0;

	while (i < len && rc == 0) {
		size_t at = i;
		int32_t c = tmk_utf8_next(s, len, &i);
		if (!xml_forbidden(c))
			continue;
		if ((rc = tmk_xml_escape(out, s + run, at - run, 0)) == 0)
			rc = cp && c >= 0 ? tmk_buf_printf(out, "<cp hex=\"%04X\"/>", (unsigned)c) : tmk_buf_putc(out, ' ');
		run = i;
	}
	return rc ? rc : tmk_xml_escape(out, s + run, len - run, 0);
}

/* The length of the tag that begins MARKUP[0..LEN) (quoted values
 * skipped), or LEN. */
static size_t first_tag_len(const char *m, size_t len)
{
	char quote = 0;

	for (size_t i = 0; i < len; i++) {
		if (quote)
			quote = m[i] == quote ? 0 : quote;
		else if (m[i] == '"' || m[i] == '\'')
			quote = m[i];
		else if (m[i] == '>')
			return i + 1;
	}
	return len;
}

/* Does M[0..LEN) hold the string S? */
static int holds(const char *m, size_t len, const char *s)
{
	size_t n = strlen(s);

	for (size_t i = 0; i + n <= len; i++)
		if (!memcmp(m + i, s, n))
			return 1;
	return 0;
}

/* Code C's markup into OUT, without its data references under
 * TMK_RESTORE_NO_DATAREF. */
static int put_code(tmk_buf *out, const tmk_xliff_code *c, unsigned flags)
{
	static const tmk_xml_attr no_refs[] = { { "dataRef", NULL }, { "dataRefStart", NULL }, { "dataRefEnd", NULL } };
	size_t t;

	if (!(flags & TMK_RESTORE_NO_DATAREF) || c->markup_len < 2 || c->markup[1] == '/' ||
	    !holds(c->markup, c->markup_len, "dataRef"))
		return tmk_buf_put(out, c->markup, c->markup_len);
	t = first_tag_len(c->markup, c->markup_len);
	if (tmk_xml_tag_edit(out, c->markup, t, no_refs, 3, 0) < 0)
		return TMK_EINPUT;
	return tmk_buf_put(out, c->markup + t, c->markup_len - t);
}

/* The placeholder number at TEXT[*I] (moving *I past the character), or
 * -1 for any other character. */
static long placeholder_at(const char *text, size_t len, size_t *i)
{
	int32_t c = tmk_utf8_next(text, len, i);

	return tmk_xliff_is_code(c) ? (long)(c - TMK_XLIFF_CODE_BASE) : -1;
}

/* Leave out the placed codes whose partner is missing or on the wrong
 * side of them, and halves of an element without a partner. */
static void drop_unpaired(long *pos, const tmk_xliff_code *codes, size_t ncodes)
{
	for (size_t n = 0; n < ncodes; n++) {
		long p = codes[n].partner;
		if (pos[n] < 0)
			continue;
		if (p < 0 || (size_t)p >= ncodes) {
			if (codes[n].kind != TMK_XLIFF_ALONE)
				pos[n] = -1;
		} else if (pos[p] < 0 || ((size_t)p > n) != (pos[n] < pos[p])) {
			pos[n] = pos[p] = -1;
		}
	}
}

/* Leave out element ends (and their starts) that do not close the element
 * opened last, until the placed codes nest.  STACK has NCODES places. */
static void drop_misnested(long *pos, const tmk_xliff_code *codes, size_t ncodes, const char *text, size_t len,
			   size_t *stack)
{
	for (int changed = 1; changed;) {
		size_t depth = 0;
		changed = 0;
		for (size_t i = 0; i < len && !changed;) {
			size_t at = i;
			long n = placeholder_at(text, len, &i);
			if (n < 0 || (size_t)n >= ncodes || pos[n] != (long)at)
				continue;
			if (codes[n].kind == TMK_XLIFF_OPEN) {
				stack[depth++] = (size_t)n;
			} else if (codes[n].kind == TMK_XLIFF_CLOSE) {
				if (depth && (long)stack[depth - 1] == codes[n].partner) {
					depth--;
				} else {
					pos[n] = pos[codes[n].partner] = -1;
					changed = 1;
				}
			}
		}
	}
}

int tmk_xliff_restore(tmk_buf *out, const char *text, size_t len, const tmk_xliff_code *codes, size_t ncodes,
		      const char *known, size_t known_len, unsigned flags, size_t *appended)
{
	long *pos = ncodes ? malloc(ncodes * sizeof(*pos)) : NULL;
	size_t *stack = ncodes ? malloc(ncodes * sizeof(*stack)) : NULL;
	unsigned char *is_known = ncodes ? calloc(ncodes, 1) : NULL;
	size_t run = 0, added = 0;
	int rc = 0;

	if (ncodes && (!pos || !stack || !is_known)) {
		rc = tmk_error_oom();
		goto done;
	}
	for (size_t n = 0; n < ncodes; n++)
		pos[n] = -1, is_known[n] = !known;
	for (size_t i = 0; known && i < known_len;) {
		long n = placeholder_at(known, known_len, &i);
		if (n >= 0 && (size_t)n < ncodes)
			is_known[n] = 1;
	}
	for (size_t i = 0; i < len;) {
		size_t at = i;
		long n = placeholder_at(text, len, &i);
		if (n >= 0 && (size_t)n < ncodes && is_known[n] && pos[n] < 0)
			pos[n] = (long)at;
	}
	drop_unpaired(pos, codes, ncodes);
	drop_misnested(pos, codes, ncodes, text, len, stack);
	for (size_t i = 0; i < len && rc == 0;) {
		size_t at = i;
		long n = placeholder_at(text, len, &i);
		if (n < 0)
			continue;
		if ((rc = put_text(out, text + run, at - run, flags & TMK_RESTORE_CP)) == 0 && (size_t)n < ncodes &&
		    pos[n] == (long)at)
			rc = put_code(out, &codes[n], flags);
		run = i;
	}
	rc = rc ? rc : put_text(out, text + run, len - run, flags & TMK_RESTORE_CP);
	for (size_t n = 0; n < ncodes && rc == 0 && (flags & TMK_RESTORE_APPEND); n++)
		if (pos[n] < 0 && (codes[n].kind == TMK_XLIFF_ALONE || codes[n].partner >= 0)) {
			rc = put_code(out, &codes[n], flags);
			added++;
		}
done:
	if (appended)
		*appended = added;
	free(pos);
	free(stack);
	free(is_known);
	return rc;
}
