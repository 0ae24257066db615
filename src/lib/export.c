/*
 * export.c - TMX, CSV and TSV writers over the TM; see export.h.
 *
 * Units are read in id order with one prepared statement (filters bound as
 * parameters, NULL meaning "any"; languages as ranges, so "de" selects
 * de-CH too) and written through a buffer that is flushed every 64 KiB, so
 * memory stays flat for any TM size.  A TMX unit gets back its language
 * tags, every attribute the DTD allows and every note and prop it was
 * imported with, on the <tu> or the <tuv> that had them.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "export.h"
#include "formats/xml.h"
#include "langtag.h"
#include "tm_internal.h"

static int flush(tmk_buf *b, FILE *out, int force)
{
	if (!force && b->len < 65536)
		return 0;
	if (b->len && fwrite(b->ptr, 1, b->len, out) != b->len)
		return tmk_error_set(TMK_EIO, "cannot write the export: %s", strerror(errno));
	tmk_buf_clear(b);
	return 0;
}

static void bind_opt(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

/* The attributes the TMX 1.4b DTD declares on <tu> and <tuv> beside the
 * ones with columns of their own: only these are written back, so that an
 * export stays valid whatever the imported file held. */
static int declared_attr(int scope, const char *name, const char *value)
{
	static const char *const both[] = {
		"o-encoding", "datatype", "usagecount", "lastusagedate", "creationtool",
		"creationtoolversion", "creationdate", "creationid", "changedate", "changeid", "o-tmf", NULL
	};

	for (const char *const *n = both; *n; n++)
		if (!strcmp(*n, name))
			return 1;
	return scope == TMK_SCOPE_UNIT && !strcmp(name, "segtype") &&
	       (!strcmp(value, "block") || !strcmp(value, "paragraph") || !strcmp(value, "sentence") ||
		!strcmp(value, "phrase"));
}

/* An attribute ' NAME="VALUE"', escaped. */
static void put_attr(tmk_buf *b, const char *name, const char *value)
{
	tmk_buf_printf(b, " %s=\"", name);
	tmk_xml_escape(b, value, strlen(value), 1);
	tmk_buf_putc(b, '"');
}

/* A unit's kept attributes, read once for its <tu> and both <tuv>s: names
 * and values in an arena (offsets, since the arena grows). */
typedef struct {
	int scope;
	size_t name, value;
} attr_ref;

typedef struct {
	tmk_buf arena;
	attr_ref *v;
	size_t n, cap;
} unit_attrs;

static void unit_attrs_release(unit_attrs *ua)
{
	tmk_buf_release(&ua->arena);
	free(ua->v);
}

/* Read unit ID's attributes into UA (STMT_UNIT_ATTRS), replacing what it
 * held. */
static int load_attrs(tmk_tm *tm, unit_attrs *ua, sqlite3_int64 id)
{
	sqlite3_stmt *st = tmk_tm_stmt(tm, STMT_UNIT_ATTRS);
	int rc;

	tmk_buf_clear(&ua->arena);
	ua->n = 0;
	if (!st)
		return TMK_EIO;
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 1);
		const char *value = (const char *)sqlite3_column_text(st, 2);
		attr_ref *r;

		if (!name || !value)
			continue;
		if (ua->n == ua->cap) {
			attr_ref *nv = realloc(ua->v, (ua->cap = ua->cap ? ua->cap * 2 : 16) * sizeof(*nv));
			if (!nv) {
				sqlite3_reset(st);
				return tmk_error_oom();
			}
			ua->v = nv;
		}
		r = &ua->v[ua->n++];
		r->scope = sqlite3_column_int(st, 0);
		r->name = ua->arena.len;
		tmk_buf_put(&ua->arena, name, strlen(name) + 1);
		r->value = ua->arena.len;
		if (tmk_buf_put(&ua->arena, value, strlen(value) + 1) < 0) {
			sqlite3_reset(st);
			return TMK_ENOMEM;
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : tmk_tm_dberr(tm, "cannot read attributes");
}

/* Was the unit imported with attribute NAME in SCOPE kept as written (a
 * date or count tmkit could not read)?  Then that is written, not the
 * column's value. */
static int has_attr(const unit_attrs *ua, int scope, const char *name)
{
	for (size_t i = 0; i < ua->n; i++)
		if (ua->v[i].scope == scope && !strcmp(ua->arena.ptr + ua->v[i].name, name))
			return 1;
	return 0;
}

/* The kept attributes in SCOPE that the DTD allows there, in file order. */
static void write_attrs(tmk_buf *b, const unit_attrs *ua, int scope)
{
	for (size_t i = 0; i < ua->n; i++) {
		const char *name = ua->arena.ptr + ua->v[i].name, *value = ua->arena.ptr + ua->v[i].value;
		if (ua->v[i].scope == scope && declared_attr(scope, name, value))
			put_attr(b, name, value);
	}
}

/* The notes and props of unit ID in SCOPE, each on a line of its own. */
static int write_notes(tmk_tm *tm, tmk_buf *b, sqlite3_int64 id, int scope, const char *indent)
{
	sqlite3_stmt *st = tmk_tm_stmt(tm, STMT_UNIT_NOTES);
	int rc;

	if (!st)
		return TMK_EIO;
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		/* all four texts are copied into B before the next step */
		const char *kind = (const char *)sqlite3_column_text(st, 1);
		const char *type = (const char *)sqlite3_column_text(st, 2);
		const char *value = (const char *)sqlite3_column_text(st, 3);
		const char *lang = (const char *)sqlite3_column_text(st, 4);
		const char *enc = (const char *)sqlite3_column_text(st, 5);
		int prop = kind && !strcmp(kind, "prop");

		if (sqlite3_column_int(st, 0) != scope)
			continue;
		tmk_buf_printf(b, "%s<%s", indent, prop ? "prop" : "note");
		if (prop)
			put_attr(b, "type", type ? type : "x-unknown");
		if (lang)
			put_attr(b, "xml:lang", lang);
		if (enc)
			put_attr(b, "o-encoding", enc);
		tmk_buf_putc(b, '>');
		tmk_xml_escape(b, value ? value : "", value ? strlen(value) : 0, 0);
		tmk_buf_printf(b, "</%s>\n", prop ? "prop" : "note");
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : tmk_tm_dberr(tm, "cannot read notes");
}

/* The <seg> of the unit row ST's SIDE: its inline markup as imported (kept
 * well-formed by the reader), else its text escaped. */
static void write_seg(tmk_buf *b, sqlite3_stmt *st, int side)
{
	tmk_buf_puts(b, "<seg>");
	if (sqlite3_column_type(st, 5 + side) != SQLITE_NULL)
		tmk_buf_put(b, (const char *)sqlite3_column_text(st, 5 + side),
			    (size_t)sqlite3_column_bytes(st, 5 + side));
	else
		tmk_xml_escape(b, (const char *)sqlite3_column_text(st, 3 + side),
			       (size_t)sqlite3_column_bytes(st, 3 + side), 0);
	tmk_buf_puts(b, "</seg>");
}

/* One <tuv> of the unit row ST: SIDE 0 the source, 1 the target, with its
 * attributes and notes (on lines of their own when there are any).  The
 * statements write_attrs and write_notes step are others than ST, whose
 * row stays valid. */
static int write_tuv(tmk_tm *tm, tmk_buf *b, sqlite3_stmt *st, const unit_attrs *ua, int side)
{
	sqlite3_int64 id = sqlite3_column_int64(st, 0);
	int scope = side ? TMK_SCOPE_TARGET : TMK_SCOPE_SOURCE, rc;
	tmk_buf notes = TMK_BUF_INIT;

	tmk_buf_puts(b, "      <tuv");
	put_attr(b, "xml:lang", (const char *)sqlite3_column_text(st, 1 + side));
	write_attrs(b, ua, scope);
	if ((rc = write_notes(tm, &notes, id, scope, "        ")) < 0) {
		tmk_buf_release(&notes);
		return rc;
	}
	if (notes.len) {
		tmk_buf_puts(b, ">\n");
		tmk_buf_put(b, notes.ptr, notes.len);
		tmk_buf_puts(b, "        ");
		write_seg(b, st, side);
		rc = tmk_buf_puts(b, "\n      </tuv>\n");
	} else {
		tmk_buf_putc(b, '>');
		write_seg(b, st, side);
		rc = tmk_buf_puts(b, "</tuv>\n");
	}
	tmk_buf_release(&notes);
	return rc;
}

/* One <tu>: attributes, unit-level notes, then each variant with its own.
 * A tuid only when the unit came with one (a row id is no source data);
 * the dates and usage count from their columns unless the file's own
 * unreadable value was kept, which is written back instead.  UA is
 * scratch space for the unit's attributes. */
static int write_tu(tmk_tm *tm, tmk_buf *b, sqlite3_stmt *st, unit_attrs *ua)
{
	sqlite3_int64 id = sqlite3_column_int64(st, 0);
	const char *tuid = (const char *)sqlite3_column_text(st, 7);
	char created[20], changed[20];
	int rc;

	if ((rc = load_attrs(tm, ua, id)) < 0)
		return rc;
	tmk_tmx_date(created, (const char *)sqlite3_column_text(st, 8));
	tmk_tmx_date(changed, (const char *)sqlite3_column_text(st, 9));
	tmk_buf_puts(b, "    <tu");
	if (tuid)
		put_attr(b, "tuid", tuid);
	put_attr(b, "srclang", (const char *)sqlite3_column_text(st, 1));
	if (created[0] && !has_attr(ua, TMK_SCOPE_UNIT, "creationdate"))
		tmk_buf_printf(b, " creationdate=\"%s\"", created);
	if (changed[0] && !has_attr(ua, TMK_SCOPE_UNIT, "changedate"))
		tmk_buf_printf(b, " changedate=\"%s\"", changed);
	if (sqlite3_column_int64(st, 10) > 0 && !has_attr(ua, TMK_SCOPE_UNIT, "usagecount"))
		tmk_buf_printf(b, " usagecount=\"%lld\"", (long long)sqlite3_column_int64(st, 10));
	write_attrs(b, ua, TMK_SCOPE_UNIT);
	tmk_buf_puts(b, ">\n");
	if ((rc = write_notes(tm, b, id, TMK_SCOPE_UNIT, "      ")) < 0 ||
	    (rc = write_tuv(tm, b, st, ua, 0)) < 0 || (rc = write_tuv(tm, b, st, ua, 1)) < 0)
		return rc;
	return tmk_buf_puts(b, "    </tu>\n");
}

/* Bind O's filters to ST (STMT_EXPORT or STMT_SRC_LANGS): FROM and TO are
 * language ranges, NULL for any; EITHER_WAY: units from TO to FROM too. */
static void bind_filters(sqlite3_stmt *st, const tmk_export_opts *o, const char *from, const char *to,
			 int either_way)
{
	bind_opt(st, 1, from);
	bind_opt(st, 2, o->origin);
	bind_opt(st, 3, o->since);
	sqlite3_bind_int(st, 4, either_way);
	bind_opt(st, 5, to);
}

/* The header's srclang: the one source language of the selection, else
 * the --from range every unit's source falls in (en for en and en-US),
 * else *all*. */
static int header_srclang(tmk_tm *tm, const tmk_export_opts *o, char out[TMK_LANGTAG_MAX])
{
	sqlite3_stmt *st = tmk_tm_stmt(tm, STMT_SRC_LANGS);
	int step;

	snprintf(out, TMK_LANGTAG_MAX, "%s", o->from ? o->from : "*all*");
	if (!st)
		return TMK_EIO;
	bind_filters(st, o, o->from, NULL, 0);
	/* copy the first language before stepping again: the next step frees
	 * the text sqlite3_column_text() returned */
	if ((step = sqlite3_step(st)) == SQLITE_ROW) {
		char first[TMK_LANGTAG_MAX];
		const char *a = (const char *)sqlite3_column_text(st, 0);
		snprintf(first, sizeof(first), "%s", a ? a : "");
		if ((step = sqlite3_step(st)) == SQLITE_DONE && first[0])
			strcpy(out, first);
	}
	sqlite3_reset(st);
	return step == SQLITE_ROW || step == SQLITE_DONE ? 0 : tmk_tm_dberr(tm, "cannot read units");
}

static int put_csv_field(tmk_buf *b, const char *s, size_t len)
{
	int quote = len == 0 || s[0] == ' ' || s[len - 1] == ' ';

	for (size_t i = 0; i < len && !quote; i++)
		quote = s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r' || s[i] == ';';
	if (!quote)
		return tmk_buf_put(b, s, len);
	tmk_buf_putc(b, '"');
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '"')
			tmk_buf_putc(b, '"');
		tmk_buf_putc(b, s[i]);
	}
	return tmk_buf_putc(b, '"');
}

static int put_tsv_field(tmk_buf *b, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (tmk_buf_putc(b, s[i] == '\t' || s[i] == '\n' || s[i] == '\r' ? ' ' : s[i]) < 0)
			return TMK_ENOMEM;
	return 0;
}

/* One CSV or TSV row of the unit row ST, oriented FROM -> TO. */
static int write_row(tmk_buf *b, sqlite3_stmt *st, const tmk_export_opts *o, const char *from)
{
	int swap = !tmk_langtag_in_range(from, (const char *)sqlite3_column_text(st, 1));
	int a = swap ? 4 : 3, c = swap ? 3 : 4;
	int (*put)(tmk_buf *, const char *, size_t) = o->format == TMK_EXPORT_CSV ? put_csv_field : put_tsv_field;

	put(b, (const char *)sqlite3_column_text(st, a), (size_t)sqlite3_column_bytes(st, a));
	tmk_buf_putc(b, o->format == TMK_EXPORT_CSV ? ',' : '\t');
	put(b, (const char *)sqlite3_column_text(st, c), (size_t)sqlite3_column_bytes(st, c));
	return tmk_buf_puts(b, o->format == TMK_EXPORT_CSV ? "\r\n" : "\n");
}

/* What comes before the units: TMX's frame and header, CSV's header row
 * (after a BOM if asked), nothing for TSV. */
static int write_head(tmk_tm *tm, tmk_buf *b, const tmk_export_opts *o, const char *from, const char *to)
{
	char src[TMK_LANGTAG_MAX], now[32];
	int rc;

	if (o->format == TMK_EXPORT_TMX) {
		if ((rc = header_srclang(tm, o, src)) < 0)
			return rc;
		tmk_now_iso(now);
		return tmk_tmx_begin(b, src, now);
	}
	if (o->format == TMK_EXPORT_CSV) {
		if (o->bom)
			tmk_buf_puts(b, "\xEF\xBB\xBF");
		return tmk_buf_printf(b, "%s,%s\r\n", from, to);
	}
	return 0;
}

int tmk_export(tmk_tm *tm, FILE *out, const tmk_export_opts *o, size_t *count)
{
	const char *from = o->from, *to = o->to;
	tmk_buf b = TMK_BUF_INIT;
	unit_attrs ua = { TMK_BUF_INIT, NULL, 0, 0 };
	sqlite3_stmt *st;
	int rc = 0, step;

	*count = 0;
	if (o->format != TMK_EXPORT_TMX) {
		from = from ? from : "de";
		to = to ? to : (strcmp(from, "en") ? "en" : "de");
	}
	if ((rc = write_head(tm, &b, o, from, to)) < 0)
		goto done;
	if (!(st = tmk_tm_stmt(tm, STMT_EXPORT))) {
		rc = TMK_EIO;
		goto done;
	}
	if (o->format == TMK_EXPORT_TMX)
		bind_filters(st, o, from, NULL, 0);
	else
		bind_filters(st, o, from, to, 1);
	while ((step = sqlite3_step(st)) == SQLITE_ROW && rc == 0) {
		rc = o->format == TMK_EXPORT_TMX ? write_tu(tm, &b, st, &ua) : write_row(&b, st, o, from);
		(*count)++;
		if (rc == 0)
			rc = flush(&b, out, 0);
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = tmk_tm_dberr(tm, "cannot read units");
	sqlite3_reset(st);
	if (rc == 0 && o->format == TMK_EXPORT_TMX)
		rc = tmk_tmx_end(&b);
	if (rc == 0)
		rc = flush(&b, out, 1);
done:
	tmk_buf_release(&b);
	unit_attrs_release(&ua);
	return rc;
}
