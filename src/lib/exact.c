/*
 * exact.c - exact units and context matches; see exact.h.
 */
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "exact.h"
#include "langtag.h"
#include "textnorm.h"
#include "tm_internal.h"

#define MAX_PLACES 8

/* Do a unit's TEXT_LANG (the side that matched) and TRANS_LANG fit the
 * asked FROM and TO (TO empty: any)?  As lookup.c's langs_fit: a pair of
 * variants of one language must be the variants asked for (or plain). */
static int langs_fit(const char *from, const char *to, const char *text_lang, const char *trans_lang)
{
	if (!tmk_langtag_same_lang(from, text_lang))
		return 0;
	if (!to[0])
		return 1;
	if (!tmk_langtag_same_lang(to, trans_lang))
		return 0;
	if (!tmk_langtag_same_lang(from, to))
		return 1;
	return tmk_langtag_distance(from, text_lang) <= 1 && tmk_langtag_distance(to, trans_lang) <= 1;
}

void tmk_exact_free(tmk_exact *e, size_t n)
{
	for (size_t i = 0; e && i < n; i++)
		free(e[i].translation);
	free(e);
}

/* Add the rows of ST (id, text, translation, text_lang, trans_lang) whose
 * text is TEXT to *OUT. */
static int collect(sqlite3_stmt *st, tmk_exact *out, size_t *n, size_t max, const char *from, const char *to,
		   const char *text, size_t len)
{
	while (*n < max && sqlite3_step(st) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(st, 1);
		const char *tr = (const char *)sqlite3_column_text(st, 2);
		const char *tl = (const char *)sqlite3_column_text(st, 3);
		const char *ol = (const char *)sqlite3_column_text(st, 4);
		tmk_exact *e = &out[*n];

		if (!t || !tr || !tl || !ol || (size_t)sqlite3_column_bytes(st, 1) != len || memcmp(t, text, len) ||
		    !langs_fit(from, to, tl, ol))
			continue;
		e->id = sqlite3_column_int64(st, 0);
		e->len = (size_t)sqlite3_column_bytes(st, 2);
		e->lang_rank = tmk_langtag_distance(from, tl) + (to[0] ? tmk_langtag_distance(to, ol) : 0);
		if (!(e->translation = malloc(e->len + 1)))
			return tmk_error_oom();
		memcpy(e->translation, tr, e->len + 1);
		(*n)++;
	}
	return 0;
}

int tmk_exact_units(tmk_tm *tm, tmk_exact **out, size_t *n, const char *from, const char *to, const char *text,
		    size_t len, size_t max)
{
	tmk_buf norm = TMK_BUF_INIT;
	tmk_exact *v = NULL;
	int rc;

	*out = NULL;
	*n = 0;
	to = to ? to : "";
	if (!max)
		return 0;
	if (!(v = calloc(max, sizeof(*v))))
		return tmk_error_oom();
	if ((rc = tmk_norm_match(&norm, text, len)) < 0)
		goto done;
	for (int side = 0; side < 2 && *n < max && rc == 0; side++) {
		sqlite3_stmt *st = tmk_tm_stmt(tm, side ? STMT_EXACT_TARGET : STMT_EXACT_SOURCE);
		if (!st) {
			rc = TMK_EIO;
			break;
		}
		sqlite3_bind_int64(st, 1, tmk_tm_text_hash(from, norm.ptr ? norm.ptr : "", norm.len));
		rc = collect(st, v, n, max, from, to, text, len);
		sqlite3_reset(st);
	}
done:
	tmk_buf_release(&norm);
	if (rc < 0 || !*n) {
		tmk_exact_free(v, *n);
		*n = 0;
		return rc;
	}
	*out = v;
	return 0;
}

/* Does the unit before (DIR -1) or after (1) place (ORIGIN, DOC, POS) read
 * WANT (NULL: there is none) in the language FROM? */
static int neighbour_is(tmk_tm *tm, int64_t origin, const char *doc, int64_t pos, int dir, const char *from,
			const char *want, size_t wlen)
{
	sqlite3_stmt *st = tmk_tm_stmt(tm, dir < 0 ? STMT_PLACE_PREV : STMT_PLACE_NEXT);
	int same;

	if (!st)
		return 0;
	sqlite3_bind_int64(st, 1, origin);
	if (doc)
		sqlite3_bind_text(st, 2, doc, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, pos);
	if (sqlite3_step(st) != SQLITE_ROW) {
		same = want == NULL;
	} else {
		const char *lang = (const char *)sqlite3_column_text(st, 0);
		int col = lang && tmk_langtag_same_lang(lang, from) ? 1 : 2;
		const char *t = (const char *)sqlite3_column_text(st, col);
		same = want && t && (size_t)sqlite3_column_bytes(st, col) == wlen && !memcmp(t, want, wlen);
	}
	sqlite3_reset(st);
	return same;
}

int tmk_exact_in_context(tmk_tm *tm, int64_t id, const char *from, const char *prev, size_t plen,
			 const char *next, size_t nlen)
{
	sqlite3_stmt *st = tmk_tm_stmt(tm, STMT_UNIT_PLACES);
	int64_t origin[MAX_PLACES], pos[MAX_PLACES];
	char *doc[MAX_PLACES];
	size_t n = 0;
	int yes = 0;

	if (!st)
		return 0;
	sqlite3_bind_int64(st, 1, id);
	while (n < MAX_PLACES && sqlite3_step(st) == SQLITE_ROW) {     /* copied: the neighbours' statements step on */
		const char *d = (const char *)sqlite3_column_text(st, 1);
		origin[n] = sqlite3_column_int64(st, 0);
		pos[n] = sqlite3_column_int64(st, 2);
		doc[n++] = d ? strdup(d) : NULL;
	}
	sqlite3_reset(st);
	for (size_t i = 0; i < n; i++) {
		yes = yes || (neighbour_is(tm, origin[i], doc[i], pos[i], -1, from, prev, plen) &&
			      neighbour_is(tm, origin[i], doc[i], pos[i], 1, from, next, nlen));
		free(doc[i]);
	}
	return yes;
}
