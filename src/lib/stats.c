/*
 * stats.c - TM statistics; see stats.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "stats.h"
#include "tm_internal.h"

static void copy_col(char *dst, size_t size, sqlite3_stmt *st, int col)
{
	const char *s = (const char *)sqlite3_column_text(st, col);

	snprintf(dst, size, "%s", s ? s : "");
}

int tmk_stats_get(tmk_tm *tm, tmk_stats *out)
{
	sqlite3_stmt *st;
	int rc;

	memset(out, 0, sizeof(*out));
	if (!(st = tmk_tm_stmt(tm, STMT_STATS_TOTALS)))
		return TMK_EIO;
	if (sqlite3_step(st) == SQLITE_ROW) {
		out->units = sqlite3_column_int64(st, 0);
		copy_col(out->last_import, sizeof(out->last_import), st, 1);
		out->bytes = sqlite3_column_int64(st, 2);
	}
	sqlite3_reset(st);

	if (!(st = tmk_tm_stmt(tm, STMT_STATS_PAIRS)))
		return TMK_EIO;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		tmk_stats_pair *p = realloc(out->pairs, (out->npairs + 1) * sizeof(*p));
		if (!p)
			return tmk_error_oom();
		out->pairs = p;
		p += out->npairs++;
		copy_col(p->src, sizeof(p->src), st, 0);
		copy_col(p->tgt, sizeof(p->tgt), st, 1);
		p->units = sqlite3_column_int64(st, 2);
	}
	if (rc != SQLITE_DONE)
		return tmk_tm_dberr(tm, "cannot read statistics");

	if (!(st = tmk_tm_stmt(tm, STMT_STATS_ORIGINS)))
		return TMK_EIO;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		tmk_stats_origin *o = realloc(out->origins, (out->norigins + 1) * sizeof(*o));
		if (!o)
			return tmk_error_oom();
		out->origins = o;
		o += out->norigins++;
		o->name = strdup((const char *)sqlite3_column_text(st, 0));
		if (!o->name)
			return tmk_error_oom();
		copy_col(o->format, sizeof(o->format), st, 1);
		o->units = sqlite3_column_int64(st, 2);
		copy_col(o->imported_at, sizeof(o->imported_at), st, 3);
	}
	if (rc != SQLITE_DONE)
		return tmk_tm_dberr(tm, "cannot read statistics");
	return 0;
}

void tmk_stats_release(tmk_stats *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->norigins; i++)
		free(s->origins[i].name);
	free(s->origins);
	free(s->pairs);
	memset(s, 0, sizeof(*s));
}
