/*
 * xliff_sink.c - XLIFF as an import format: the segments of a job that
 * are translated go to a tmk_sink like the units of any other format, the
 * rest are skipped with their line and why; see reader.h.
 *
 * Into the TM go the plain texts (a placeholder per inline code, see
 * xliff.h) and, for a segment with codes, its TMX form as the markup (the
 * TM's markup columns hold TMX <seg> content, which an export writes as it
 * is).  The unit's document is the <file>'s original (2.0: else its id);
 * its position the line of the target (of the source when there is none).
 */
#include <stdio.h>
#include <string.h>

#include "error.h"
#include "reader.h"
#include "utf8.h"
#include "xliff.h"

typedef struct {
	tmk_sink *sink;
	tmk_xliff_reader *r;
	int all_states;
} sink_ud;

static int blank(const tmk_xliff_text *t)
{
	for (size_t i = 0; i < t->len;)
		if (!tmk_is_space(tmk_utf8_next(t->text, t->len, &i)))
			return 0;
	return 1;
}

/* Why segment S of U does not go to the TM (into WHY), or "" when it
 * does.  KEEP_EMPTY: hand over empty and missing targets (tmkit check). */
static void why_not(char why[96], const tmk_xliff_unit *u, const tmk_xliff_segment *s, int keep_empty,
		    int all_states)
{
	why[0] = '\0';
	if (!u->translate)
		snprintf(why, 96, "translate=\"no\"");
	else if (s->source.reserved || s->target.reserved)
		snprintf(why, 96, "holds private-use characters (U+E000-U+F8FF), which tmkit keeps for inline codes");
	else if (blank(&s->source))
		snprintf(why, 96, "empty source");
	else if (!s->has_target && !keep_empty)
		snprintf(why, 96, "no target");
	else if (blank(&s->target) && !keep_empty)
		snprintf(why, 96, "empty target");
	else if (keep_empty && (!s->has_target || blank(&s->target)))
		return;
	else if (s->state == TMK_XLIFF_NEW)
		snprintf(why, 96, "state %s: not translated", s->state_value[0] ? s->state_value : "new");
	else if (s->state == TMK_XLIFF_DRAFT && !all_states)
		snprintf(why, 96, "state %s is a draft (--all-states takes drafts)", s->state_value);
	else if (!u->file->tgt_lang[0])
		snprintf(why, 96, "no target language (target-language on <file>)");
}

static int on_unit(void *ud, const tmk_xliff_unit *u)
{
	sink_ud *x = ud;
	tmk_sink *sink = x->sink;
	int rc = 0;

	if (!sink->tool[0] && x->r->tool[0])
		snprintf(sink->tool, sizeof(sink->tool), "%s", x->r->tool);
	for (size_t i = 0; i < u->nsegs && rc == 0; i++) {
		const tmk_xliff_segment *s = &u->segs[i];
		long line = s->has_target ? s->target.line : s->source.line;
		char why[96];
		tmk_unit_in in = { 0 };

		why_not(why, u, s, sink->keep_empty, x->all_states);
		if (why[0]) {
			char reason[160];
			snprintf(reason, sizeof(reason), "segment %s: %s", s->key, why);
			tmk_utf8_trim_cut(reason);      /* a long key cut mid-character */
			rc = sink->skip(sink, line, reason);
			continue;
		}
		in.src_lang = u->file->src_lang;
		in.tgt_lang = u->file->tgt_lang[0] ? u->file->tgt_lang : "und";
		in.source = s->source.text;
		in.source_len = s->source.len;
		in.target = s->has_target ? s->target.text : "";
		in.target_len = s->has_target ? s->target.len : 0;
		in.source_markup = s->source.tmx;
		in.source_markup_len = s->source.tmx_len;
		in.target_markup = s->target.tmx;
		in.target_markup_len = s->target.tmx_len;
		in.document = u->file->original ? u->file->original : u->file->id;
		in.position = line;
		rc = sink->unit(sink, &in);
	}
	return rc;
}

static void on_progress(void *ud, size_t done, size_t total)
{
	sink_ud *x = ud;

	if (x->sink->progress)
		x->sink->progress(x->sink, done, total);
}

int tmk_read_xliff(tmk_sink *sink, const char *path, int all_states)
{
	tmk_xliff_reader r;
	sink_ud x = { sink, &r, all_states };

	memset(&r, 0, sizeof(r));
	r.unit = on_unit;
	r.progress = on_progress;
	r.ud = &x;
	return tmk_xliff_read(&r, path);
}
