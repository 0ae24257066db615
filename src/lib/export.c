/*
 * export.c - TMX, CSV and TSV writers over the TM; see export.h.
 *
 * Units are read in id order with one prepared statement (filters bound as
 * parameters, NULL meaning "any") and written through a buffer that is
 * flushed every 64 KiB, so memory stays flat for any TM size.
 */
#include <errno.h>
#include <string.h>

#include "error.h"
#include "export.h"
#include "formats/xml.h"
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

static int write_notes(tmk_tm *tm, tmk_buf *b, sqlite3_int64 id, const char *lang, const char *indent)
{
	sqlite3_stmt *st = tmk_tm_stmt(tm, STMT_UNIT_NOTES);
	int rc;

	if (!st)
		return TMK_EIO;
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *nl = (const char *)sqlite3_column_text(st, 0);
		const char *kind = (const char *)sqlite3_column_text(st, 1);
		const char *type = (const char *)sqlite3_column_text(st, 2);
		const char *value = (const char *)sqlite3_column_text(st, 3);

		if ((nl == NULL) != (lang == NULL) || (nl && strcmp(nl, lang)))
			continue;
		tmk_buf_puts(b, indent);
		if (!strcmp(kind, "prop")) {
			tmk_buf_puts(b, "<prop type=\"");
			tmk_xml_escape(b, type ? type : "x-unknown", strlen(type ? type : "x-unknown"), 1);
			tmk_buf_puts(b, "\">");
			tmk_xml_escape(b, value, strlen(value), 0);
			tmk_buf_puts(b, "</prop>\n");
		} else {
			tmk_buf_puts(b, "<note>");
			tmk_xml_escape(b, value, strlen(value), 0);
			tmk_buf_puts(b, "</note>\n");
		}
	}
	if (rc != SQLITE_DONE)
		return tmk_tm_dberr(tm, "cannot read notes");
	return 0;
}

static int write_tuv(tmk_buf *b, const char *lang, const unsigned char *text, int tlen,
		     const unsigned char *markup, int mlen)
{
	tmk_buf_printf(b, "      <tuv xml:lang=\"%s\"><seg>", lang);
	if (markup)
		tmk_buf_put(b, (const char *)markup, (size_t)mlen);     /* kept well-formed on import */
	else
		tmk_xml_escape(b, (const char *)text, (size_t)tlen, 0);
	return tmk_buf_puts(b, "</seg></tuv>\n");
}

/* One <tu>: attributes, unit-level notes, then each variant with its notes. */
static int write_tu(tmk_tm *tm, tmk_buf *b, sqlite3_stmt *st)
{
	sqlite3_int64 id = sqlite3_column_int64(st, 0);
	const char *src = (const char *)sqlite3_column_text(st, 1);
	const char *tgt = (const char *)sqlite3_column_text(st, 2);
	const char *tuid = (const char *)sqlite3_column_text(st, 7);
	char created[20], changed[20];
	int rc;

	tmk_tmx_date(created, (const char *)sqlite3_column_text(st, 8));
	tmk_tmx_date(changed, (const char *)sqlite3_column_text(st, 9));
	tmk_buf_puts(b, "    <tu tuid=\"");
	if (tuid)
		tmk_xml_escape(b, tuid, strlen(tuid), 1);
	else
		tmk_buf_printf(b, "%lld", (long long)id);
	tmk_buf_printf(b, "\" srclang=\"%s\"", src);
	if (created[0])
		tmk_buf_printf(b, " creationdate=\"%s\"", created);
	if (changed[0])
		tmk_buf_printf(b, " changedate=\"%s\"", changed);
	if (sqlite3_column_int64(st, 10) > 0)
		tmk_buf_printf(b, " usagecount=\"%lld\"", (long long)sqlite3_column_int64(st, 10));
	tmk_buf_puts(b, ">\n");
	if ((rc = write_notes(tm, b, id, NULL, "      ")) < 0)
		return rc;
	/* a variant's notes come inside its <tuv>, before <seg> */
	for (int side = 0; side < 2; side++) {
		const char *lang = side ? tgt : src;
		tmk_buf notes = TMK_BUF_INIT;
		if ((rc = write_notes(tm, &notes, id, lang, "        ")) < 0) {
			tmk_buf_release(&notes);
			return rc;
		}
		if (notes.len) {
			tmk_buf_printf(b, "      <tuv xml:lang=\"%s\">\n", lang);
			tmk_buf_put(b, notes.ptr, notes.len);
			tmk_buf_puts(b, "        <seg>");
			if (sqlite3_column_type(st, 5 + side) != SQLITE_NULL)
				tmk_buf_put(b, (const char *)sqlite3_column_text(st, 5 + side),
					    (size_t)sqlite3_column_bytes(st, 5 + side));
			else
				tmk_xml_escape(b, (const char *)sqlite3_column_text(st, 3 + side),
					       (size_t)sqlite3_column_bytes(st, 3 + side), 0);
			tmk_buf_puts(b, "</seg>\n      </tuv>\n");
		} else {
			write_tuv(b, lang, sqlite3_column_text(st, 3 + side), sqlite3_column_bytes(st, 3 + side),
				  sqlite3_column_type(st, 5 + side) != SQLITE_NULL ?
				  sqlite3_column_text(st, 5 + side) : NULL, sqlite3_column_bytes(st, 5 + side));
		}
		tmk_buf_release(&notes);
	}
	return tmk_buf_puts(b, "    </tu>\n");
}

/* The header's srclang: the one source language of the selection, else *all*. */
static void header_srclang(tmk_tm *tm, const tmk_export_opts *o, char out[16])
{
	sqlite3_stmt *st = tmk_tm_stmt(tm, STMT_SRC_LANGS);

	snprintf(out, 16, "%s", o->from ? o->from : "*all*");
	if (o->from || !st)
		return;
	/* copy the first language before stepping again: the next step frees
	 * the text sqlite3_column_text() returned */
	if (sqlite3_step(st) == SQLITE_ROW) {
		char first[16];
		const char *a = (const char *)sqlite3_column_text(st, 0);
		snprintf(first, sizeof(first), "%s", a ? a : "");
		if (sqlite3_step(st) != SQLITE_ROW && first[0])
			snprintf(out, 16, "%s", first);
	}
	sqlite3_reset(st);
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

int tmk_export(tmk_tm *tm, FILE *out, const tmk_export_opts *o, size_t *count)
{
	const char *from = o->from, *to = o->to;
	tmk_buf b = TMK_BUF_INIT;
	sqlite3_stmt *st;
	int rc = 0, step;

	*count = 0;
	if (o->format != TMK_EXPORT_TMX) {
		from = from ? from : "de";
		to = to ? to : (strcmp(from, "en") ? "en" : "de");
	}
	if (o->format == TMK_EXPORT_TMX) {
		char src[16], now[32];
		header_srclang(tm, o, src);
		tmk_now_iso(now);
		tmk_tmx_begin(&b, src, now);
	} else if (o->format == TMK_EXPORT_CSV) {
		if (o->bom)
			tmk_buf_puts(&b, "\xEF\xBB\xBF");
		tmk_buf_printf(&b, "%s,%s\r\n", from, to);
	}
	if (!(st = tmk_tm_stmt(tm, STMT_EXPORT))) {
		rc = TMK_EIO;
		goto done;
	}
	bind_opt(st, 1, from);
	bind_opt(st, 2, o->origin);
	bind_opt(st, 3, o->since);
	sqlite3_bind_int(st, 4, o->format != TMK_EXPORT_TMX);
	bind_opt(st, 5, o->format != TMK_EXPORT_TMX ? to : NULL);
	while ((step = sqlite3_step(st)) == SQLITE_ROW && rc == 0) {
		if (o->format == TMK_EXPORT_TMX) {
			rc = write_tu(tm, &b, st);
		} else {
			/* orient the unit as from -> to */
			int swap = strcmp((const char *)sqlite3_column_text(st, 1), from) != 0;
			int a = swap ? 4 : 3, c = swap ? 3 : 4;
			int (*put)(tmk_buf *, const char *, size_t) =
				o->format == TMK_EXPORT_CSV ? put_csv_field : put_tsv_field;
			put(&b, (const char *)sqlite3_column_text(st, a), (size_t)sqlite3_column_bytes(st, a));
			tmk_buf_putc(&b, o->format == TMK_EXPORT_CSV ? ',' : '\t');
			put(&b, (const char *)sqlite3_column_text(st, c), (size_t)sqlite3_column_bytes(st, c));
			rc = tmk_buf_puts(&b, o->format == TMK_EXPORT_CSV ? "\r\n" : "\n");
		}
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
	return rc;
}
