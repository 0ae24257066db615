/*
 * align_doc.c - reading, aligning and writing out document pairs; see
 * align_doc.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "align_doc.h"
#include "error.h"
#include "formats/xml.h"
#include "json.h"
#include "lang.h"
#include "segment.h"
#include "tm.h"

void tmk_align_side_release(tmk_align_side *sd)
{
	if (!sd)
		return;
	tmk_text_free(sd->t);
	free(sd->s);
	tmk_buf_release(&sd->flat);
	memset(sd, 0, sizeof(*sd));
}

/* One sentence a line (spaces and tabs around it dropped); an empty line
 * starts a new paragraph. */
static int read_lines(tmk_align_side *sd)
{
	const char *d = sd->t->data;
	size_t pos = 0, para = 0, cap = 64;
	int blank = 0;

	sd->s = malloc(cap * sizeof(*sd->s));
	if (!sd->s)
		return tmk_error_oom();
	while (pos < sd->t->len) {
		const char *nl = memchr(d + pos, '\n', sd->t->len - pos);
		size_t end = nl ? (size_t)(nl - d) : sd->t->len, b = pos, e = end;

		pos = end + 1;
		while (b < e && (d[b] == ' ' || d[b] == '\t'))
			b++;
		while (e > b && (d[e - 1] == ' ' || d[e - 1] == '\t' || d[e - 1] == '\r'))
			e--;
		if (b == e) {
			blank = 1;
			continue;
		}
		if (blank && sd->n)
			para++;
		blank = 0;
		if (sd->n == cap) {
			tmk_align_sent *ns = realloc(sd->s, (cap *= 2) * sizeof(*ns));
			if (!ns)
				return tmk_error_oom();
			sd->s = ns;
		}
		sd->s[sd->n].text = d + b;
		sd->s[sd->n].len = e - b;
		sd->s[sd->n].paragraph = para;
		sd->n++;
	}
	return 0;
}

/* Segment running text; the sentences' texts go to sd->flat. */
static int read_text(tmk_align_side *sd)
{
	tmk_segmenter *seg;
	tmk_sentence *v;
	size_t n, *off;
	int rc;

	if ((rc = tmk_segmenter_new(&seg, sd->lang, 0)) < 0) {
		if (rc == TMK_EINVAL)
			rc = tmk_error_set(TMK_EINVAL, "%s: cannot split %s running text into sentences "
					   "(German and English only): give one sentence a line (--segmented)",
					   sd->t->name, sd->lang);
		return rc;
	}
	rc = tmk_segment(seg, sd->t->data, sd->t->len, &v, &n);
	tmk_segmenter_free(seg);
	if (rc < 0)
		return rc;
	off = malloc((n + 1) * sizeof(size_t));
	sd->s = malloc((n + 1) * sizeof(*sd->s));
	if (!off || !sd->s) {
		free(off);
		free(v);
		return tmk_error_oom();
	}
	for (size_t i = 0; i < n && rc == 0; i++) {
		off[i] = sd->flat.len;
		rc = tmk_sentence_text(&sd->flat, sd->t->data, &v[i]);
		off[i + 1] = sd->flat.len;
	}
	for (size_t i = 0; i < n && rc == 0; i++) {     /* flat.ptr is final now */
		sd->s[i].text = sd->flat.ptr + off[i];
		sd->s[i].len = off[i + 1] - off[i];
		sd->s[i].paragraph = v[i].paragraph;
	}
	sd->n = n;
	free(off);
	free(v);
	return rc;
}

int tmk_align_side_load(tmk_align_side *sd, const char *path, const char *lang, int segmented)
{
	int rc;

	memset(sd, 0, sizeof(*sd));
	snprintf(sd->lang, sizeof(sd->lang), "%s", lang);
	if ((rc = tmk_text_load(&sd->t, path)) < 0 ||
	    (rc = segmented ? read_lines(sd) : read_text(sd)) < 0)
		goto fail;
	if (sd->n == 0) {
		rc = tmk_error_set(TMK_EINPUT, "%s: no sentences: nothing to align", sd->t->name);
		goto fail;
	}
	return 0;
fail:
	tmk_align_side_release(sd);
	return rc;
}

int tmk_align_format_parse(tmk_align_format *out, const char *name)
{
	static const char *const names[] = { "tsv", "beads", "json", "tmx" };

	for (size_t k = 0; k < sizeof(names) / sizeof(names[0]); k++)
		if (!strcmp(name, names[k])) {
			*out = (tmk_align_format)k;
			return 0;
		}
	return -1;
}

int tmk_align_side_join(tmk_buf *out, const tmk_align_side *sd, size_t from, size_t n)
{
	int rc = 0;

	for (size_t k = 0; k < n && rc == 0; k++) {
		if (k)
			tmk_buf_putc(out, ' ');
		rc = tmk_buf_put(out, sd->s[from + k].text, sd->s[from + k].len);
	}
	return rc;
}

/* The writers below OR the buffer calls' results together: any failed
 * growth leaves a negative value, reported once at the end. */
static int put_indices(tmk_buf *b, size_t from, size_t n)
{
	int rc = tmk_buf_putc(b, '[');

	for (size_t k = 0; k < n; k++)
		rc |= tmk_buf_printf(b, "%s%zu", k ? ", " : "", from + k);
	return rc | tmk_buf_putc(b, ']');
}

/* One <tu> a two-sided bead: the sentences it pairs and its score as
 * props, so that a TMX editor can sort by them. */
static int write_tu(tmk_buf *out, tmk_buf *t, const tmk_bead *b, size_t k,
		    const tmk_align_side *de, const tmk_align_side *en)
{
	int rc = tmk_buf_printf(out, "    <tu tuid=\"%zu\" srclang=\"%s\">\n", k + 1, de->lang);

	rc |= tmk_buf_printf(out, "      <prop type=\"x-tmkit-score\">%.3f</prop>\n", b->score);
	rc |= tmk_buf_puts(out, "      <prop type=\"x-tmkit-bead\">");
	rc |= put_indices(out, b->de, b->nde);
	rc |= tmk_buf_putc(out, ':');
	rc |= put_indices(out, b->en, b->nen);
	rc |= tmk_buf_puts(out, "</prop>\n");
	for (int side = 0; side < 2; side++) {
		const tmk_align_side *sd = side ? en : de;
		tmk_buf_clear(t);
		rc |= tmk_align_side_join(t, sd, side ? b->en : b->de, side ? b->nen : b->nde);
		rc |= tmk_buf_printf(out, "      <tuv xml:lang=\"%s\"><seg>", sd->lang);
		rc |= tmk_xml_escape(out, t->ptr ? t->ptr : "", t->len, 0);
		rc |= tmk_buf_puts(out, "</seg></tuv>\n");
	}
	return rc | tmk_buf_puts(out, "    </tu>\n");
}

int tmk_align_write(tmk_buf *out, tmk_align_format f, const tmk_bead *beads, size_t n,
		    const tmk_align_side *de, const tmk_align_side *en)
{
	tmk_buf t = TMK_BUF_INIT;
	int rc = 0;

	if (f == TMK_ALIGN_TMX) {
		char now[32];
		tmk_now_iso(now);
		rc |= tmk_tmx_begin(out, de->lang, now);
	}
	for (size_t i = 0; i < n; i++) {
		const tmk_bead *b = &beads[i];
		switch (f) {
		case TMK_ALIGN_BEADS:
			rc |= put_indices(out, b->de, b->nde);
			rc |= tmk_buf_putc(out, ':');
			rc |= put_indices(out, b->en, b->nen);
			rc |= tmk_buf_putc(out, '\n');
			break;
		case TMK_ALIGN_TSV:
			rc |= tmk_align_side_join(out, de, b->de, b->nde);
			rc |= tmk_buf_putc(out, '\t');
			rc |= tmk_align_side_join(out, en, b->en, b->nen);
			rc |= tmk_buf_printf(out, "\t%.3f\n", b->score);
			break;
		case TMK_ALIGN_JSON:
			rc |= tmk_buf_printf(out, "{\"%s\":", de->lang);
			rc |= put_indices(out, b->de, b->nde);
			rc |= tmk_buf_printf(out, ",\"%s\":", en->lang);
			rc |= put_indices(out, b->en, b->nen);
			tmk_buf_clear(&t);
			rc |= tmk_align_side_join(&t, de, b->de, b->nde);
			rc |= tmk_buf_printf(out, ",\"%s_text\":", de->lang);
			rc |= tmk_json_str(out, t.ptr ? t.ptr : "", t.len);
			tmk_buf_clear(&t);
			rc |= tmk_align_side_join(&t, en, b->en, b->nen);
			rc |= tmk_buf_printf(out, ",\"%s_text\":", en->lang);
			rc |= tmk_json_str(out, t.ptr ? t.ptr : "", t.len);
			rc |= tmk_buf_printf(out, ",\"score\":%.3f}\n", b->score);
			break;
		case TMK_ALIGN_TMX:
			if (b->nde && b->nen)
				rc |= write_tu(out, &t, b, i, de, en);
			break;
		}
	}
	if (f == TMK_ALIGN_TMX)
		rc |= tmk_tmx_end(out);
	tmk_buf_release(&t);
	return rc < 0 ? tmk_error_oom() : 0;
}

void tmk_align_doc_release(tmk_align_doc *doc)
{
	if (!doc)
		return;
	tmk_align_side_release(&doc->de);
	tmk_align_side_release(&doc->en);
	free(doc->beads);
	memset(doc, 0, sizeof(*doc));
}

int tmk_align_doc_load(tmk_align_doc *doc, const char *de_path, const char *en_path,
		       const char *const langs[2], int segmented)
{
	int rc;

	memset(doc, 0, sizeof(*doc));
	if ((rc = tmk_align_side_load(&doc->de, de_path, langs[0], segmented)) < 0 ||
	    (rc = tmk_align_side_load(&doc->en, en_path, langs[1], segmented)) < 0)
		tmk_align_doc_release(doc);
	return rc;
}

int tmk_align_doc_align(tmk_align_doc *doc, const tmk_align_opts *o)
{
	return tmk_align(&doc->beads, &doc->n, doc->de.s, doc->de.n, doc->en.s, doc->en.n, o);
}

int tmk_align_doc_run(tmk_align_doc *doc, const char *de_path, const char *en_path,
		      const char *const langs[2], int segmented, const tmk_align_opts *o)
{
	int rc;

	if ((rc = tmk_align_doc_load(doc, de_path, en_path, langs, segmented)) < 0)
		return rc;
	if ((rc = tmk_align_doc_align(doc, o)) < 0)
		tmk_align_doc_release(doc);
	return rc;
}

/* LANG's primary subtag ("de" of "de-CH") into OUT. */
static void primary_subtag(char out[8], const char *lang)
{
	size_t n = strcspn(lang, "-_");

	if (n > 7)
		n = 7;
	memcpy(out, lang, n);
	out[n] = '\0';
}

int tmk_align_doc_check_langs(const tmk_align_doc *doc)
{
	const tmk_align_side *sd[2] = { &doc->de, &doc->en };
	tmk_lang_result r[2];
	char want[2][8];
	int rc;

	for (int k = 0; k < 2; k++) {
		if ((rc = tmk_lang_identify(&r[k], sd[k]->t->data, sd[k]->t->len)) < 0)
			return rc;
		primary_subtag(want[k], sd[k]->lang);
	}
	if (!strcmp(r[0].lang, "unknown") || !strcmp(r[1].lang, "unknown") ||
	    !strcmp(want[0], want[1]))
		return 0;
	if (!strcmp(r[0].lang, want[1]) && !strcmp(r[1].lang, want[0]))
		return tmk_error_set(TMK_EINPUT, "the inputs look swapped: %s reads as %s, %s as %s "
				     "(give the %s file first, or --force)",
				     sd[0]->t->name, tmk_lang_name(r[0].lang), sd[1]->t->name,
				     tmk_lang_name(r[1].lang), tmk_lang_name(want[0]));
	if (!strcmp(r[0].lang, r[1].lang))
		return tmk_error_set(TMK_EINPUT, "both inputs read as %s: %s and %s (give the %s text "
				     "first, then its %s translation, or --force)", tmk_lang_name(r[0].lang),
				     sd[0]->t->name, sd[1]->t->name, tmk_lang_name(want[0]),
				     tmk_lang_name(want[1]));
	return 0;
}
