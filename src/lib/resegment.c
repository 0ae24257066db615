/*
 * resegment.c - a job segment split into sentences; see resegment.h.
 *
 * Three steps.  The segmenter reads the source's plain text with the
 * codes taken out (a map leads each of its bytes back to the plain
 * text); each boundary it finds is placed among the codes and white
 * space around it, and the pieces between are checked for text and for
 * paired codes cut apart.  Last, the source's markup as written is read
 * character by character (entities, character references, CDATA, <cp/>,
 * each code's markup as one placeholder) so that each piece gets its
 * span there: directly when the characters are the plain text itself,
 * else (the plain text is NFC, the markup was not) through the white
 * space and codes, which NFC leaves alone.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "error.h"
#include "formats/xliff_edit.h"
#include "langtag.h"
#include "resegment.h"
#include "segment.h"
#include "utf8.h"

static const char *const seg_langs[] = { "de", "en" };
#define NLANGS (sizeof(seg_langs) / sizeof(seg_langs[0]))

struct tmk_resegmenter {
	tmk_segmenter *seg[NLANGS];     /* made when first needed */
	tmk_buf work;                   /* the text the segmenter reads */
	size_t *map;                    /* work offset -> plain text offset */
	size_t *cuts;                   /* boundaries in the plain text */
	tmk_buf chars;                  /* the markup's characters */
	size_t *rs, *re;                /* chars offset -> markup offset */
	size_t *pa, *da;                /* anchors in the plain text and in chars */
	size_t cap_map, cap_cuts, cap_rs, cap_re, cap_pa, cap_da;
};

int tmk_resegmenter_new(tmk_resegmenter **out)
{
	if (!(*out = calloc(1, sizeof(**out))))
		return tmk_error_oom();
	return 0;
}

void tmk_resegmenter_free(tmk_resegmenter *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < NLANGS; i++)
		tmk_segmenter_free(r->seg[i]);
	tmk_buf_release(&r->work);
	tmk_buf_release(&r->chars);
	free(r->map);
	free(r->cuts);
	free(r->rs);
	free(r->re);
	free(r->pa);
	free(r->da);
	free(r);
}

int tmk_reseg_unit_ok(const tmk_xliff_unit *u)
{
	if (u->file->flavour == TMK_XLIFF_12)
		return !u->seg_source.end && u->nsegs == 1;
	if (u->file->flavour == TMK_XLIFF_20)
		return u->nsegs == 1 && u->can_resegment;
	return 0;
}

/* *V (of *CAP elements of SIZE) with room for N. */
static int room(void **v, size_t *cap, size_t n, size_t size)
{
	void *nv;

	if (n <= *cap)
		return 0;
	if (!(nv = realloc(*v, n * size)))
		return tmk_error_oom();
	*v = nv;
	*cap = n;
	return 0;
}

/* The segmenter for LANG's language. */
static int segmenter_for(tmk_resegmenter *r, const char *lang, tmk_segmenter **out)
{
	size_t plen = tmk_langtag_primary_len(lang);

	for (size_t i = 0; i < NLANGS; i++) {
		if (plen != strlen(seg_langs[i]) || strncasecmp(lang, seg_langs[i], plen))
			continue;
		if (!r->seg[i] && tmk_segmenter_new(&r->seg[i], seg_langs[i], 0) < 0)
			return TMK_ERROR;
		*out = r->seg[i];
		return 0;
	}
	return tmk_error_set(TMK_EINVAL, "no sentence rules for the source language '%s' (there are: de, en)",
			     lang);
}

/* ---- the codes ------------------------------------------------------------ */

/* Does code C stand as a space in the segmenter's text (a placeholder:
 * <x/>, <ph>) rather than vanish (it marks up text)? */
static int as_space(const tmk_xliff_code *c)
{
	return c->kind == TMK_XLIFF_ALONE && (!strcmp(c->name, "x") || !strcmp(c->name, "ph"));
}

/* Does code K open a pair whose other end follows (<g>, <bpt>, <sc>)? */
static int opener(const tmk_xliff_code *c, size_t k)
{
	return c[k].kind == TMK_XLIFF_OPEN || (c[k].kind == TMK_XLIFF_ALONE && c[k].partner > (int)k);
}

/* Does code K close a pair opened before it? */
static int closer(const tmk_xliff_code *c, size_t k)
{
	return c[k].kind == TMK_XLIFF_CLOSE ||
	       (c[k].kind == TMK_XLIFF_ALONE && c[k].partner >= 0 && c[k].partner < (int)k);
}

/* The code whose placeholder is at T[I] (I a character start), or -1. */
static long code_at(const char *t, size_t len, size_t i)
{
	int32_t c;

	if (i >= len)
		return -1;
	c = tmk_utf8_next(t, len, &i);
	return tmk_xliff_is_code(c) ? (long)(c - TMK_XLIFF_CODE_BASE) : -1;
}

/* Is the character at T[I] white space or a placeholder? */
static int soft(const char *t, size_t len, size_t i)
{
	int32_t c = tmk_utf8_next(t, len, &i);

	return tmk_is_space(c) || tmk_xliff_is_code(c);
}

/* ---- the segmenter's text ------------------------------------------------------- */

/* S's source text as the segmenter reads it into r->work, r->map[i] the
 * plain text offset of work byte i (r->map[work.len]: the end). */
static int work_text(tmk_resegmenter *r, const tmk_xliff_segment *s)
{
	const char *t = s->source.text;
	size_t len = s->source.len;
	int rc;

	tmk_buf_clear(&r->work);
	if ((rc = room((void **)&r->map, &r->cap_map, len + 1, sizeof(*r->map))) < 0 ||
	    (rc = tmk_buf_grow(&r->work, len + 1)) < 0)
		return rc;
	for (size_t i = 0; i < len;) {
		size_t at = i;
		int32_t c = tmk_utf8_next(t, len, &i);
		if (tmk_xliff_is_code(c)) {
			size_t k = (size_t)(c - TMK_XLIFF_CODE_BASE);
			if (k >= s->nsource_codes)
				return 1;
			if (as_space(&s->codes[k])) {
				r->map[r->work.len] = at;
				tmk_buf_putc(&r->work, ' ');
			}
			continue;
		}
		for (size_t b = at; b < i; b++) {
			r->map[r->work.len] = at;
			tmk_buf_putc(&r->work, t[b] == '\n' || t[b] == '\r' || t[b] == '\t' || t[b] == '\v' ||
				     t[b] == '\f' ? ' ' : t[b]);
		}
	}
	r->map[r->work.len] = len;
	return 0;
}

/* ---- the boundaries ------------------------------------------------------------------ */

/* Where the boundary between two sentences goes: E is where the first
 * ends, S0 where the next begins (plain text offsets). */
static size_t place_cut(const tmk_xliff_segment *s, size_t e, size_t s0)
{
	const char *t = s->source.text;
	size_t len = s->source.len, zs = e, ze = s0, cut = s0;

	while (zs > 0) {                /* the codes and white space around it */
		size_t p = zs;
		tmk_utf8_prev(t, &p);
		if (!soft(t, len, p))
			break;
		zs = p;
	}
	while (ze < len && soft(t, len, ze))
		tmk_utf8_next(t, len, &ze);
	for (size_t i = zs; i < ze;) {  /* at the first white space */
		size_t at = i;
		if (tmk_is_space(tmk_utf8_next(t, len, &i))) {
			cut = at;
			break;
		}
	}
	for (size_t step = 0; step < len; step++) {
		size_t l = tmk_utf8_span_back(t, zs, cut, tmk_is_space, 1), p = l, q;
		long k = -1;
		if (l > zs) {
			tmk_utf8_prev(t, &p);
			k = code_at(t, len, p);
		}
		if (k >= 0 && (size_t)k < s->nsource_codes && opener(s->codes, (size_t)k)) {
			cut = p;        /* an opening code goes with the sentence after */
			continue;
		}
		q = tmk_utf8_span_fwd(t, ze, cut, tmk_is_space, 1);
		k = q < ze ? code_at(t, len, q) : -1;
		if (k >= 0 && (size_t)k < s->nsource_codes && closer(s->codes, (size_t)k)) {
			cut = q;        /* a closing one with the sentence before */
			tmk_utf8_next(t, len, &cut);
			continue;
		}
		break;
	}
	return cut;
}

/* Does T[A..B) hold text: a character that is no white space and no
 * placeholder? */
static int has_text(const char *t, size_t a, size_t b)
{
	while (a < b) {
		int32_t c = tmk_utf8_next(t, b, &a);
		if (!tmk_is_space(c) && !tmk_xliff_is_code(c))
			return 1;
	}
	return 0;
}

/* Piece J of the NC cuts of S: between cut J-1 (or the start) and cut J
 * (or the end), white space trimmed. */
static void piece_between(const tmk_xliff_segment *s, const size_t *cuts, size_t nc, size_t j, tmk_reseg_piece *p)
{
	const char *t = s->source.text;
	size_t a = j ? cuts[j - 1] : 0, b = j < nc ? cuts[j] : s->source.len;

	p->start = tmk_utf8_span_fwd(t, b, a, tmk_is_space, 1);
	p->end = tmk_utf8_span_back(t, p->start, b, tmk_is_space, 1);
}

/* The pieces the NC cuts of S make into *OUT (NC + 1 of them), each with
 * its codes; TMK_RESEG_PAIR when a pair's ends fall into two pieces. */
static int make_pieces(const tmk_xliff_segment *s, const size_t *cuts, size_t nc, tmk_reseg_piece *out,
		       tmk_reseg_why *why)
{
	const char *t = s->source.text;
	size_t k = 0;

	for (size_t j = 0; j <= nc; j++) {
		tmk_reseg_piece *p = &out[j];
		piece_between(s, cuts, nc, j, p);
		p->code = k;
		for (size_t i = p->start; i < p->end;)
			if (tmk_xliff_is_code(tmk_utf8_next(t, p->end, &i)))
				k++;
		p->ncodes = k - p->code;
	}
	for (size_t j = 0; j <= nc; j++)
		for (size_t c = out[j].code; c < out[j].code + out[j].ncodes; c++) {
			int q = s->codes[c].partner;
			if (q >= 0 && ((size_t)q < out[j].code || (size_t)q >= out[j].code + out[j].ncodes)) {
				*why = TMK_RESEG_PAIR;
				return 1;
			}
		}
	return k == s->nsource_codes ? 0 : (*why = TMK_RESEG_MARKUP, 1);
}

/* The boundaries of S's sentences SNT[0..NS) into r->cuts; their number
 * into *NC (pieces without text joined to their neighbour). */
static int find_cuts(tmk_resegmenter *r, const tmk_xliff_segment *s, const tmk_sentence *snt, size_t ns, size_t *nc)
{
	int rc;

	*nc = 0;
	if ((rc = room((void **)&r->cuts, &r->cap_cuts, ns, sizeof(*r->cuts))) < 0)
		return rc;
	for (size_t k = 1; k < ns; k++) {
		size_t cut = place_cut(s, r->map[snt[k - 1].end], r->map[snt[k].start]);
		if (!*nc || cut > r->cuts[*nc - 1])
			r->cuts[(*nc)++] = cut;
	}
	for (size_t j = 0; j <= *nc && *nc;) {  /* every piece with text */
		tmk_reseg_piece p;
		piece_between(s, r->cuts, *nc, j, &p);
		if (has_text(s->source.text, p.start, p.end)) {
			j++;
			continue;
		}
		size_t drop = j < *nc ? j : j - 1;
		memmove(&r->cuts[drop], &r->cuts[drop + 1], (*nc - drop - 1) * sizeof(*r->cuts));
		(*nc)--;
		j = 0;
	}
	return 0;
}

/* ---- the markup ---------------------------------------------------------------------- */

/* Append the character U (or the bytes B[0..N) when B) to r->chars, its
 * markup being [RS, RE). */
static int put_char(tmk_resegmenter *r, int32_t u, const char *b, size_t n, size_t rs, size_t re)
{
	char enc[4];

	if (!b) {
		b = enc;
		n = u < 0x80 ? 1 : u < 0x800 ? 2 : u < 0x10000 ? 3 : 4;
		if (n == 1)
			enc[0] = (char)u;
		else if (n == 2)
			enc[0] = (char)(0xC0 | (u >> 6)), enc[1] = (char)(0x80 | (u & 0x3F));
		else if (n == 3)
			enc[0] = (char)(0xE0 | (u >> 12)), enc[1] = (char)(0x80 | ((u >> 6) & 0x3F)),
			enc[2] = (char)(0x80 | (u & 0x3F));
		else
			enc[0] = (char)(0xF0 | (u >> 18)), enc[1] = (char)(0x80 | ((u >> 12) & 0x3F)),
			enc[2] = (char)(0x80 | ((u >> 6) & 0x3F)), enc[3] = (char)(0x80 | (u & 0x3F));
	}
	r->rs[r->chars.len] = rs;
	if (tmk_buf_put(&r->chars, b, n) < 0)
		return TMK_ENOMEM;
	r->re[r->chars.len] = re;
	return 0;
}

/* The offset of NEEDLE in M[I..LEN), or LEN. */
static size_t find(const char *m, size_t len, size_t i, const char *needle)
{
	size_t n = strlen(needle);

	for (; i + n <= len; i++)
		if (!memcmp(m + i, needle, n))
			return i;
	return len;
}

/* The end of the tag that starts at M[I] (quoted values passed over), or 0. */
static size_t tag_end(const char *m, size_t len, size_t i)
{
	char q = 0;

	for (; i < len; i++) {
		if (q) {
			q = m[i] == q ? 0 : q;
		} else if (m[i] == '"' || m[i] == '\'') {
			q = m[i];
		} else if (m[i] == '>') {
			return i + 1;
		}
	}
	return 0;
}

/* Is the tag M[I..E) a <cp> (any prefix), start or end? */
static int is_cp(const char *m, size_t i, size_t e)
{
	size_t n = i + 1 + (m[i + 1] == '/'), k = n;

	while (k < e && m[k] != ' ' && m[k] != '\t' && m[k] != '\n' && m[k] != '\r' && m[k] != '/' && m[k] != '>')
		k++;
	for (size_t c = n; c < k; c++)
		if (m[c] == ':')
			n = c + 1;
	return k - n == 2 && !memcmp(m + n, "cp", 2);
}

/* The character the reference M[I..] ("&amp;", "&#x9;") stands for into
 * *U, its end into *E; 0 when it is none of XML's. */
static int reference(const char *m, size_t len, size_t i, int32_t *u, size_t *e)
{
	static const struct { const char *name; char c; } ents[] = {
		{ "amp;", '&' }, { "lt;", '<' }, { "gt;", '>' }, { "quot;", '"' }, { "apos;", '\'' },
	};
	const char *semi = memchr(m + i, ';', len - i);
	char *end;
	long v;

	if (!semi)
		return 0;
	*e = (size_t)(semi - m) + 1;
	for (size_t k = 0; k < sizeof(ents) / sizeof(ents[0]); k++)
		if (*e - i - 1 == strlen(ents[k].name) && !memcmp(m + i + 1, ents[k].name, *e - i - 1)) {
			*u = ents[k].c;
			return 1;
		}
	if (m[i + 1] != '#')
		return 0;
	v = m[i + 2] == 'x' ? strtol(m + i + 3, &end, 16) : strtol(m + i + 2, &end, 10);
	*u = (int32_t)v;
	return end == semi && v > 0 && v <= 0x10FFFF;
}

/* Text characters M[I..E) (in CDATA: no references) into r->chars, line
 * ends read as XML reads them. */
static int put_run(tmk_resegmenter *r, const char *m, size_t i, size_t e, int refs)
{
	int rc = 0;

	while (i < e && rc == 0) {
		size_t at = i, re;
		int32_t u;
		if (refs && m[i] == '&') {
			if (!reference(m, e, i, &u, &re))
				return 1;
			rc = put_char(r, u, NULL, 0, at, re);
			i = re;
		} else if (m[i] == '\r') {
			i += i + 1 < e && m[i + 1] == '\n' ? 2 : 1;
			rc = put_char(r, '\n', NULL, 0, at, i);
		} else {
			tmk_utf8_next(m, e, &i);
			rc = put_char(r, 0, m + at, i - at, at, i);
		}
	}
	return rc;
}

/* Read S's source markup as written into r->chars (its characters, each
 * code's markup as its placeholder), each character's span kept:
 * r->rs[i] where the character at chars offset i begins in the markup,
 * r->re[j] where the one that ends at offset j ends.  1 when the markup
 * holds what is neither (an element that is no code). */
static int read_markup(tmk_resegmenter *r, const tmk_xliff_segment *s)
{
	const char *m = s->source.markup;
	size_t len = s->source.markup_len, k = 0, i = 0, e;
	int rc = 0;

	tmk_buf_clear(&r->chars);
	if ((rc = room((void **)&r->rs, &r->cap_rs, len + 1, sizeof(*r->rs))) < 0 ||
	    (rc = room((void **)&r->re, &r->cap_re, len + 1, sizeof(*r->re))) < 0)
		return rc;
	r->re[0] = 0;
	while (i < len && rc == 0) {
		const tmk_xliff_code *c = k < s->nsource_codes ? &s->codes[k] : NULL;
		const char *stop;
		if (m[i] != '<') {
			stop = memchr(m + i, '<', len - i);
			e = stop ? (size_t)(stop - m) : len;
			rc = put_run(r, m, i, e, 1);
			i = e;
		} else if (c && c->markup_len <= len - i && !memcmp(m + i, c->markup, c->markup_len)) {
			rc = put_char(r, TMK_XLIFF_CODE_BASE + (int32_t)k, NULL, 0, i, i + c->markup_len);
			i += c->markup_len;
			k++;
		} else if (len - i >= 4 && (!memcmp(m + i, "<!--", 4) || !memcmp(m + i, "<?", 2))) {
			int comment = m[i + 1] == '!';
			if ((e = find(m, len, i + 2, comment ? "-->" : "?>")) == len)
				return 1;
			i = e + (comment ? 3 : 2);
		} else if (len - i >= 9 && !memcmp(m + i, "<![CDATA[", 9)) {
			if ((e = find(m, len, i + 9, "]]>")) == len)
				return 1;
			rc = put_run(r, m, i + 9, e, 0);
			i = e + 3;
		} else if ((e = tag_end(m, len, i)) && is_cp(m, i, e)) {
			size_t vlen;
			const char *v = tmk_xml_tag_attr(m + i, e - i, "hex", &vlen);
			if (m[i + 1] != '/' && v)
				rc = put_char(r, (int32_t)strtol(v, NULL, 16), NULL, 0, i, e);
			i = e;
		} else {
			return 1;
		}
	}
	return rc < 0 ? rc : rc || k != s->nsource_codes;
}

/* The white space and placeholders of T[0..LEN) (the same in the plain
 * text and the markup's characters: NFC leaves them as they are) into
 * OUT, their number into *N. */
static void anchors(const char *t, size_t len, size_t *out, size_t *n)
{
	*n = 0;
	for (size_t i = 0; i < len;) {
		size_t at = i;
		if (soft(t, len, at))
			out[(*n)++] = at;
		tmk_utf8_next(t, len, &i);
	}
}

/* The index of the anchor at plain offset AT, or -1. */
static long anchor_at(const size_t *a, size_t n, size_t at)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (a[mid] < at)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && a[lo] == at ? (long)lo : -1;
}

/* The chars offset of plain offset AT (where a piece starts or ends),
 * through the anchor at it or just before it; (size_t)-1 when there is
 * none. */
static size_t through_anchors(const tmk_resegmenter *r, const tmk_xliff_segment *s, size_t na, size_t at)
{
	const char *t = s->source.text, *d = r->chars.ptr;
	size_t len = s->source.len, p = at;
	long a;

	if (at == 0 || at == len)
		return at == 0 ? 0 : r->chars.len;
	if ((a = anchor_at(r->pa, na, at)) >= 0)        /* white space or a code at AT */
		return r->da[a];
	tmk_utf8_prev(t, &p);
	if ((a = anchor_at(r->pa, na, p)) >= 0) {       /* just after one */
		size_t q = r->da[a];
		tmk_utf8_next(d, r->chars.len, &q);
		return q;
	}
	return (size_t)-1;
}

/* The markup spans of the NP pieces P of S. */
static int markup_spans(tmk_resegmenter *r, const tmk_xliff_segment *s, tmk_reseg_piece *p, size_t np,
			tmk_reseg_why *why)
{
	size_t na = 0, nd = 0, len = s->source.len;
	int same, rc;

	if ((rc = read_markup(r, s)) != 0) {
		*why = TMK_RESEG_MARKUP;
		return rc;
	}
	same = r->chars.len == len && !memcmp(r->chars.ptr, s->source.text, len);
	if (!same) {
		if ((rc = room((void **)&r->pa, &r->cap_pa, len + 1, sizeof(*r->pa))) < 0 ||
		    (rc = room((void **)&r->da, &r->cap_da, r->chars.len + 1, sizeof(*r->da))) < 0)
			return rc;
		anchors(s->source.text, len, r->pa, &na);
		anchors(r->chars.ptr, r->chars.len, r->da, &nd);
		for (size_t k = 0; k < na && na == nd; k++) {
			size_t i = r->pa[k], j = r->da[k];
			if (tmk_utf8_next(s->source.text, len, &i) != tmk_utf8_next(r->chars.ptr, r->chars.len, &j))
				nd = 0;
		}
		if (na != nd) {
			*why = TMK_RESEG_MARKUP;
			return 1;
		}
	}
	for (size_t j = 0; j < np; j++) {
		size_t a = same ? p[j].start : through_anchors(r, s, na, p[j].start);
		size_t b = same ? p[j].end : through_anchors(r, s, na, p[j].end);
		if (a == (size_t)-1 || b == (size_t)-1 || a >= b) {
			*why = TMK_RESEG_MARKUP;
			return 1;
		}
		p[j].mk_start = r->rs[a];
		p[j].mk_end = r->re[b];
	}
	return 0;
}

/* ---- the whole ----------------------------------------------------------------------- */

int tmk_reseg_split(tmk_resegmenter *r, const char *lang, const tmk_xliff_segment *s, tmk_reseg_piece **out,
		    size_t *n, tmk_reseg_why *why)
{
	tmk_segmenter *seg = NULL;
	tmk_sentence *snt = NULL;
	tmk_reseg_piece *p = NULL;
	size_t ns = 0, nc = 0;
	int rc;

	*out = NULL;
	*n = 0;
	*why = TMK_RESEG_ONE;
	if ((rc = segmenter_for(r, lang, &seg)) < 0)
		return rc;
	if (s->source.reserved) {
		*why = TMK_RESEG_MARKUP;
		return 0;
	}
	if ((rc = work_text(r, s)) != 0) {
		*why = TMK_RESEG_MARKUP;
		return rc < 0 ? rc : 0;
	}
	if ((rc = tmk_segment(seg, r->work.ptr ? r->work.ptr : "", r->work.len, &snt, &ns)) < 0 || ns < 2)
		goto done;
	if ((rc = find_cuts(r, s, snt, ns, &nc)) < 0 || nc == 0)
		goto done;
	if (!(p = calloc(nc + 1, sizeof(*p)))) {
		rc = tmk_error_oom();
		goto done;
	}
	if ((rc = make_pieces(s, r->cuts, nc, p, why)) != 0 || (rc = markup_spans(r, s, p, nc + 1, why)) != 0)
		goto done;
	*out = p;
	*n = nc + 1;
	*why = TMK_RESEG_SPLIT;
	p = NULL;
done:
	free(snt);
	free(p);
	return rc < 0 ? rc : 0;
}

int tmk_reseg_text(tmk_buf *out, const tmk_xliff_segment *s, const tmk_reseg_piece *p)
{
	const char *t = s->source.text;

	for (size_t i = p->start; i < p->end;) {
		size_t at = i;
		int32_t c = tmk_utf8_next(t, p->end, &i);
		if (tmk_xliff_is_code(c)) {
			int32_t u = c - (int32_t)p->code;
			char enc[3] = { (char)(0xE0 | (u >> 12)), (char)(0x80 | ((u >> 6) & 0x3F)),
					(char)(0x80 | (u & 0x3F)) };
			if (tmk_buf_put(out, enc, 3) < 0)
				return TMK_ENOMEM;
		} else if (tmk_buf_put(out, t + at, i - at) < 0) {
			return TMK_ENOMEM;
		}
	}
	return 0;
}

int tmk_reseg_partner(const tmk_xliff_segment *s, const tmk_reseg_piece *p, size_t k)
{
	int q = s->codes[k].partner;

	return q >= 0 && (size_t)q >= p->code && (size_t)q < p->code + p->ncodes ? q - (int)p->code : -1;
}
