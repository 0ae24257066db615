/*
 * term.c - the term base: adding, merging, editing, listing and finding
 * concepts; see term.h.
 *
 * Every term is stored with two matching forms: NORM, folded (what makes
 * "Strasse" the same term as "Straße"), and KEY, its words folded and
 * stemmed (what makes "des Verfassungsschutzes" find "Verfassungsschutz").
 * A lookup computes the same forms for the query and its parts (the
 * words of a phrase, the pieces of a compound) and asks the index on KEY.
 */
#include <stdlib.h>
#include <string.h>

#include "concord.h"
#include "error.h"
#include "lexicon.h"
#include "term.h"
#include "textnorm.h"
#include "tm_internal.h"
#include "utf8.h"

static const char *const types[] = { "person", "organisation", "place", "term", "acronym", NULL };
static const char *const statuses[] = { "preferred", "admitted", "forbidden", NULL };

static int in_list(const char *const *list, const char *s)
{
	for (int i = 0; s && list[i]; i++)
		if (!strcmp(list[i], s))
			return 1;
	return 0;
}

int tmk_term_type_ok(const char *s)
{
	return in_list(types, s);
}

int tmk_term_status_ok(const char *s)
{
	return in_list(statuses, s);
}

const char *tmk_match_name(tmk_match_kind k)
{
	static const char *const names[] = { "exact", "inflected", "contains", "spelling", "phrase", "compound" };

	return k <= TMK_MATCH_COMPOUND ? names[k] : "?";
}

/* ---- matching forms ------------------------------------------------------ */

/* Fold a matching form further, in place: ae, oe, ue as a, o, u (so that
 * "Moenchengladbach" meets "Mönchengladbach", whose diacritic is gone
 * already) and hyphens as spaces (Takim-Zelle is the words Takim Zelle). */
static void fold(tmk_buf *b)
{
	size_t w = 0;

	for (size_t r = 0; r < b->len; r++) {
		char c = b->ptr[r];
		if ((c == 'a' || c == 'o' || c == 'u') && r + 1 < b->len && b->ptr[r + 1] == 'e') {
			b->ptr[w++] = c;
			r++;
			continue;
		}
		if (c == '-' || c == '/')
			c = ' ';
		if (c == ' ' && (w == 0 || b->ptr[w - 1] == ' '))
			continue;
		b->ptr[w++] = c;
	}
	while (w && b->ptr[w - 1] == ' ')
		w--;
	b->len = w;
	if (b->ptr)
		b->ptr[w] = '\0';
}

/* The words of folded text S as stems, appended to KEY one space apart. */
static int stem_words(tmk_buf *key, size_t *words, const char *lang, const char *s, size_t len)
{
	tmk_token *t = NULL;
	size_t nt;
	int rc = tmk_tokenize(&t, &nt, s, len);

	for (size_t i = 0; i < nt && rc == 0; i++) {
		if (!t[i].word)
			continue;
		if (*words && (rc = tmk_buf_putc(key, ' ')) < 0)
			break;
		rc = tmk_stem(key, lang, s + t[i].start, t[i].end - t[i].start);
		(*words)++;
	}
	free(t);
	return rc;
}

int tmk_term_key(tmk_buf *norm, tmk_buf *key, size_t *words, const char *lang,
		 const char *text, size_t len)
{
	int rc;

	tmk_buf_clear(norm);
	tmk_buf_clear(key);
	*words = 0;
	if ((rc = tmk_norm_match(norm, text, len)) < 0)
		return rc;
	fold(norm);
	return stem_words(key, words, lang, norm->ptr ? norm->ptr : "", norm->len);
}

/* ---- reading concepts ---------------------------------------------------- */

static char *col_dup(sqlite3_stmt *st, int i)
{
	const char *s = (const char *)sqlite3_column_text(st, i);

	return s ? strdup(s) : NULL;
}

void tmk_concept_free(tmk_concept *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->nterms; i++) {
		free(c->terms[i].lang);
		free(c->terms[i].text);
		free(c->terms[i].status);
		free(c->terms[i].note);
	}
	free(c->terms);
	free(c->type);
	free(c->domain);
	free(c->definition);
	free(c->note);
	free(c->source);
	free(c->created_at);
	free(c->changed_at);
	free(c);
}

int tmk_concept_get(tmk_tm *tm, tmk_concept **out, int64_t id)
{
	sqlite3_stmt *st = tmk_tm_stmt(tm, STMT_CONCEPT_GET);
	tmk_concept *c;
	size_t cap = 0;
	int rc;

	*out = NULL;
	if (!st)
		return TMK_EIO;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW)
		return rc == SQLITE_DONE ? tmk_error_set(TMK_EINPUT, "no concept %lld", (long long)id)
					 : tmk_tm_dberr(tm, "cannot read the term base");
	if (!(c = calloc(1, sizeof(*c))))
		return tmk_error_oom();
	c->id = sqlite3_column_int64(st, 0);
	c->type = col_dup(st, 1);
	c->domain = col_dup(st, 2);
	c->definition = col_dup(st, 3);
	c->note = col_dup(st, 4);
	c->source = col_dup(st, 5);
	c->created_at = col_dup(st, 6);
	c->changed_at = col_dup(st, 7);
	sqlite3_reset(st);
	if (!(st = tmk_tm_stmt(tm, STMT_CONCEPT_TERMS))) {
		tmk_concept_free(c);
		return TMK_EIO;
	}
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		tmk_term *t;
		if (c->nterms == cap) {
			tmk_term *nt = realloc(c->terms, (cap = cap ? cap * 2 : 4) * sizeof(*nt));
			if (!nt) {
				tmk_concept_free(c);
				return tmk_error_oom();
			}
			c->terms = nt;
		}
		t = &c->terms[c->nterms++];
		t->id = sqlite3_column_int64(st, 0);
		t->lang = col_dup(st, 1);
		t->text = col_dup(st, 2);
		t->status = col_dup(st, 3);
		t->note = col_dup(st, 4);
	}
	if (rc != SQLITE_DONE) {
		tmk_concept_free(c);
		return tmk_tm_dberr(tm, "cannot read the term base");
	}
	*out = c;
	return 0;
}

int tmk_term_count(tmk_tm *tm, size_t *concepts, size_t *terms)
{
	sqlite3_stmt *st = tmk_tm_stmt(tm, STMT_TERM_COUNT);

	*concepts = *terms = 0;
	if (!st)
		return TMK_EIO;
	if (sqlite3_step(st) != SQLITE_ROW)
		return tmk_tm_dberr(tm, "cannot count the term base");
	*concepts = (size_t)sqlite3_column_int64(st, 0);
	*terms = (size_t)sqlite3_column_int64(st, 1);
	sqlite3_reset(st);
	return 0;
}

static void bind_opt(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

int tmk_term_list(tmk_tm *tm, const tmk_term_filter *f,
		  int (*fn)(void *ud, const tmk_concept *c), void *ud)
{
	sqlite3_stmt *st = tmk_tm_stmt(tm, STMT_CONCEPT_LIST);
	int64_t *ids = NULL;
	size_t n = 0, cap = 0;
	int rc;

	if (!st)
		return TMK_EIO;
	bind_opt(st, 1, f->type);
	bind_opt(st, 2, f->domain);
	bind_opt(st, 3, f->since);
	bind_opt(st, 4, f->status);
	/* the ids first: fn may read the TM, and the list statement is shared */
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			int64_t *ni = realloc(ids, (cap = cap ? cap * 2 : 64) * sizeof(*ni));
			if (!ni) {
				free(ids);
				sqlite3_reset(st);
				return tmk_error_oom();
			}
			ids = ni;
		}
		ids[n++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		free(ids);
		return tmk_tm_dberr(tm, "cannot list the term base");
	}
	rc = 0;
	for (size_t i = 0; i < n && rc >= 0; i++) {
		tmk_concept *c;
		if ((rc = tmk_concept_get(tm, &c, ids[i])) < 0)
			break;
		rc = fn(ud, c);
		tmk_concept_free(c);
	}
	free(ids);
	return rc < 0 ? rc : 0;
}

/* ---- writing ------------------------------------------------------------- */

/* Run a write statement to its end. */
static int step_done(tmk_tm *tm, sqlite3_stmt *st, const char *what)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : tmk_tm_dberr(tm, what);
}

static int check_concept(const tmk_concept_in *c, int need_terms)
{
	if (c->type && !tmk_term_type_ok(c->type))
		return tmk_error_set(TMK_EINVAL, "unknown type '%s' (person, organisation, place, "
				     "term or acronym)", c->type);
	if (need_terms && c->nterms == 0)
		return tmk_error_set(TMK_EINVAL, "a concept needs at least one term");
	for (size_t i = 0; i < c->nterms; i++) {
		const tmk_term_in *t = &c->terms[i];
		size_t k = 0;
		while (k < t->len && tmk_is_space((unsigned char)t->text[k]))
			k++;
		if (k == t->len)
			return tmk_error_set(TMK_EINVAL, "an empty %s term", t->lang);
		if (t->status && !tmk_term_status_ok(t->status))
			return tmk_error_set(TMK_EINVAL, "unknown status '%s' (preferred, admitted or "
					     "forbidden)", t->status);
		if (strlen(t->lang) < 2 || strlen(t->lang) > 3)
			return tmk_error_set(TMK_EINVAL, "'%s' is not a language code", t->lang);
	}
	return 0;
}

/* Add term T to concept ID with status STATUS unless it has it (then
 * update its status and note to T's when given); *CHANGED set when
 * something was written. */
static int put_term(tmk_tm *tm, int64_t id, const tmk_term_in *t, const char *status, int *changed)
{
	tmk_buf norm = TMK_BUF_INIT, key = TMK_BUF_INIT, text = TMK_BUF_INIT;
	sqlite3_stmt *st;
	size_t words;
	int rc, step;
	int64_t seq = 1;

	/* the text as stored: trimmed, inner spaces kept */
	size_t b = 0, e = t->len;
	while (b < e && tmk_is_space((unsigned char)t->text[b]))
		b++;
	while (e > b && tmk_is_space((unsigned char)t->text[e - 1]))
		e--;
	if ((rc = tmk_buf_put(&text, t->text + b, e - b)) < 0 ||
	    (rc = tmk_term_key(&norm, &key, &words, t->lang, text.ptr, text.len)) < 0)
		goto done;
	if (!(st = tmk_tm_stmt(tm, STMT_TERM_FIND))) {
		rc = TMK_EIO;
		goto done;
	}
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, t->lang, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, norm.ptr ? norm.ptr : "", (int)norm.len, SQLITE_STATIC);
	if ((step = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t tid = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		if (!t->status && !t->note)
			goto done;
		if (!(st = tmk_tm_stmt(tm, STMT_TERM_UPDATE))) {
			rc = TMK_EIO;
			goto done;
		}
		sqlite3_bind_int64(st, 1, tid);
		bind_opt(st, 2, t->status);
		bind_opt(st, 3, t->note);
		if ((rc = step_done(tm, st, "cannot update a term")) == 0 &&
		    sqlite3_changes(tmk_tm_db(tm)) > 0)
			*changed = 1;
		goto done;
	}
	sqlite3_reset(st);
	if (step != SQLITE_DONE) {
		rc = tmk_tm_dberr(tm, "cannot read the term base");
		goto done;
	}
	if (!(st = tmk_tm_stmt(tm, STMT_TERM_NEXT_SEQ))) {
		rc = TMK_EIO;
		goto done;
	}
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, t->lang, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		seq = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (!(st = tmk_tm_stmt(tm, STMT_TERM_ADD))) {
		rc = TMK_EIO;
		goto done;
	}
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, t->lang, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, text.ptr, (int)text.len, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, status, -1, SQLITE_STATIC);
	bind_opt(st, 5, t->note);
	sqlite3_bind_text(st, 6, norm.ptr ? norm.ptr : "", (int)norm.len, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, key.ptr ? key.ptr : "", (int)key.len, SQLITE_STATIC);
	sqlite3_bind_int64(st, 8, (sqlite3_int64)words);
	sqlite3_bind_int64(st, 9, seq);
	if ((rc = step_done(tm, st, "cannot add a term")) < 0)
		goto done;
	*changed = 1;
	{               /* its words, for the longer-term search */
		int64_t tid = sqlite3_last_insert_rowid(tmk_tm_db(tm));
		const char *k = key.ptr ? key.ptr : "";
		for (size_t i = 0; i < key.len && rc == 0;) {
			size_t end = i;
			while (end < key.len && k[end] != ' ')
				end++;
			if (!(st = tmk_tm_stmt(tm, STMT_TERM_WORD_ADD))) {
				rc = TMK_EIO;
				break;
			}
			sqlite3_bind_text(st, 1, k + i, (int)(end - i), SQLITE_STATIC);
			sqlite3_bind_int64(st, 2, tid);
			rc = step_done(tm, st, "cannot index a term");
			i = end + 1;
		}
	}
done:
	tmk_buf_release(&norm);
	tmk_buf_release(&key);
	tmk_buf_release(&text);
	return rc;
}

/* The status term I of C gets: its own, else preferred for the first of
 * its language in C, admitted after. */
static const char *status_of(const tmk_concept_in *c, size_t i)
{
	if (c->terms[i].status)
		return c->terms[i].status;
	for (size_t k = 0; k < i; k++)
		if (!strcmp(c->terms[k].lang, c->terms[i].lang))
			return "admitted";
	return "preferred";
}

/* The concept whose preferred terms are those of C, or 0. */
static int find_same(tmk_tm *tm, int64_t *found, const tmk_concept_in *c)
{
	tmk_buf norm[2] = { TMK_BUF_INIT, TMK_BUF_INIT }, key = TMK_BUF_INIT;
	const tmk_term_in *pref[8];
	size_t np = 0, words;
	int64_t *cand = NULL;
	size_t nc = 0, cap = 0;
	sqlite3_stmt *st;
	int rc = 0, step;

	*found = 0;
	for (size_t i = 0; i < c->nterms && np < 8; i++)
		if (!strcmp(status_of(c, i), "preferred"))
			pref[np++] = &c->terms[i];
	if (!np)
		return 0;
	if ((rc = tmk_term_key(&norm[0], &key, &words, pref[0]->lang, pref[0]->text, pref[0]->len)) < 0)
		goto done;
	if (!(st = tmk_tm_stmt(tm, STMT_TERM_PREFERRED))) {
		rc = TMK_EIO;
		goto done;
	}
	sqlite3_bind_text(st, 1, pref[0]->lang, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, norm[0].ptr ? norm[0].ptr : "", (int)norm[0].len, SQLITE_STATIC);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (nc == cap) {
			int64_t *n2 = realloc(cand, (cap = cap ? cap * 2 : 8) * sizeof(*n2));
			if (!n2) {
				sqlite3_reset(st);
				rc = tmk_error_oom();
				goto done;
			}
			cand = n2;
		}
		cand[nc++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	if (step != SQLITE_DONE) {
		rc = tmk_tm_dberr(tm, "cannot read the term base");
		goto done;
	}
	for (size_t k = 0; k < nc && !*found; k++) {
		int all = 1;
		for (size_t p = 1; p < np && all; p++) {
			if ((rc = tmk_term_key(&norm[1], &key, &words, pref[p]->lang, pref[p]->text,
					       pref[p]->len)) < 0 ||
			    !(st = tmk_tm_stmt(tm, STMT_TERM_HAS_PREFERRED))) {
				rc = rc < 0 ? rc : TMK_EIO;
				goto done;
			}
			sqlite3_bind_int64(st, 1, cand[k]);
			sqlite3_bind_text(st, 2, pref[p]->lang, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 3, norm[1].ptr ? norm[1].ptr : "", (int)norm[1].len, SQLITE_STATIC);
			all = sqlite3_step(st) == SQLITE_ROW;
			sqlite3_reset(st);
		}
		if (all)
			*found = cand[k];
	}
done:
	free(cand);
	tmk_buf_release(&norm[0]);
	tmk_buf_release(&norm[1]);
	tmk_buf_release(&key);
	return rc;
}

/* Run BODY's writes in a transaction of their own unless one is open. */
static int begin_own(tmk_tm *tm, int *own)
{
	*own = sqlite3_get_autocommit(tmk_tm_db(tm));
	return *own ? tmk_tm_begin(tm) : 0;
}

static int end_own(tmk_tm *tm, int own, int rc)
{
	if (!own)
		return rc;
	if (rc < 0)
		return tmk_tm_abort(tm);
	return tmk_tm_commit(tm);
}

int tmk_concept_add(tmk_tm *tm, int64_t *id, int *merged, int *changed, const tmk_concept_in *c)
{
	char now[32];
	sqlite3_stmt *st;
	int own, rc;

	*id = 0;
	*merged = *changed = 0;
	if ((rc = check_concept(c, 1)) < 0 || (rc = begin_own(tm, &own)) < 0)
		return rc;
	tmk_now_iso(now);
	if ((rc = find_same(tm, id, c)) < 0)
		goto done;
	if (*id) {
		*merged = 1;
		if (!(st = tmk_tm_stmt(tm, STMT_CONCEPT_FILL))) {
			rc = TMK_EIO;
			goto done;
		}
		sqlite3_bind_int64(st, 1, *id);
		bind_opt(st, 2, c->domain);
		bind_opt(st, 3, c->definition);
		bind_opt(st, 4, c->note);
		bind_opt(st, 5, c->source);
		if ((rc = step_done(tm, st, "cannot update a concept")) < 0)
			goto done;
		if (sqlite3_changes(tmk_tm_db(tm)) > 0)
			*changed = 1;
	} else {
		if (!(st = tmk_tm_stmt(tm, STMT_CONCEPT_ADD))) {
			rc = TMK_EIO;
			goto done;
		}
		sqlite3_bind_text(st, 1, c->type ? c->type : "term", -1, SQLITE_STATIC);
		bind_opt(st, 2, c->domain);
		bind_opt(st, 3, c->definition);
		bind_opt(st, 4, c->note);
		bind_opt(st, 5, c->source);
		sqlite3_bind_text(st, 6, now, -1, SQLITE_STATIC);
		if ((rc = step_done(tm, st, "cannot add a concept")) < 0)
			goto done;
		*id = sqlite3_last_insert_rowid(tmk_tm_db(tm));
		*changed = 1;
	}
	for (size_t i = 0; i < c->nterms && rc == 0; i++) {
		const char *status = status_of(c, i);
		/* merged: every language of C has its preferred term already */
		if (*merged && !c->terms[i].status && !strcmp(status, "preferred"))
			status = "admitted";
		rc = put_term(tm, *id, &c->terms[i], status, changed);
	}
	if (rc == 0 && *merged && *changed && (st = tmk_tm_stmt(tm, STMT_CONCEPT_TOUCH))) {
		sqlite3_bind_int64(st, 1, *id);
		sqlite3_bind_text(st, 2, now, -1, SQLITE_STATIC);
		rc = step_done(tm, st, "cannot update a concept");
	}
done:
	return end_own(tm, own, rc);
}

int tmk_concept_edit(tmk_tm *tm, int64_t id, const tmk_concept_in *c)
{
	tmk_concept *old;
	sqlite3_stmt *st;
	char now[32];
	int own, rc, changed = 0;

	if ((rc = check_concept(c, 0)) < 0 || (rc = begin_own(tm, &own)) < 0)
		return rc;
	if ((rc = tmk_concept_get(tm, &old, id)) < 0)
		goto done;
	tmk_concept_free(old);
	if (!(st = tmk_tm_stmt(tm, STMT_CONCEPT_EDIT))) {
		rc = TMK_EIO;
		goto done;
	}
	sqlite3_bind_int64(st, 1, id);
	bind_opt(st, 2, c->type);
	bind_opt(st, 3, c->domain);
	bind_opt(st, 4, c->definition);
	bind_opt(st, 5, c->note);
	bind_opt(st, 6, c->source);
	if ((rc = step_done(tm, st, "cannot update a concept")) < 0)
		goto done;
	for (size_t i = 0; i < c->nterms && rc == 0; i++)
		rc = put_term(tm, id, &c->terms[i], c->terms[i].status ? c->terms[i].status : "admitted",
			      &changed);
	tmk_now_iso(now);
	if (rc == 0 && (st = tmk_tm_stmt(tm, STMT_CONCEPT_TOUCH))) {
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_text(st, 2, now, -1, SQLITE_STATIC);
		rc = step_done(tm, st, "cannot update a concept");
	}
done:
	return end_own(tm, own, rc);
}

int tmk_concept_remove(tmk_tm *tm, int64_t id, const char *lang, const char *text)
{
	tmk_concept *old;
	sqlite3_stmt *st;
	int own, rc;

	if ((rc = begin_own(tm, &own)) < 0)
		return rc;
	if ((rc = tmk_concept_get(tm, &old, id)) < 0)
		goto done;
	tmk_concept_free(old);
	if (text) {
		tmk_buf norm = TMK_BUF_INIT, key = TMK_BUF_INIT;
		size_t words, left = 0;
		if ((rc = tmk_term_key(&norm, &key, &words, lang, text, strlen(text))) == 0 &&
		    (st = tmk_tm_stmt(tm, STMT_TERM_DELETE))) {
			sqlite3_bind_int64(st, 1, id);
			sqlite3_bind_text(st, 2, lang, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 3, norm.ptr ? norm.ptr : "", (int)norm.len, SQLITE_STATIC);
			rc = step_done(tm, st, "cannot remove a term");
			if (rc == 0 && sqlite3_changes(tmk_tm_db(tm)) == 0)
				rc = tmk_error_set(TMK_EINPUT, "concept %lld has no %s term '%s'",
						   (long long)id, lang, text);
		} else if (rc == 0) {
			rc = TMK_EIO;
		}
		tmk_buf_release(&norm);
		tmk_buf_release(&key);
		if (rc == 0 && (st = tmk_tm_stmt(tm, STMT_TERM_LEFT))) {
			sqlite3_bind_int64(st, 1, id);
			if (sqlite3_step(st) == SQLITE_ROW)
				left = (size_t)sqlite3_column_int64(st, 0);
			sqlite3_reset(st);
		}
		if (rc < 0 || left > 0)
			goto done;
	}
	if ((st = tmk_tm_stmt(tm, STMT_CONCEPT_DELETE))) {
		sqlite3_bind_int64(st, 1, id);
		rc = step_done(tm, st, "cannot remove a concept");
	} else {
		rc = TMK_EIO;
	}
done:
	return end_own(tm, own, rc);
}

/* ---- lookup -------------------------------------------------------------- */

/* Hits while they are gathered: a concept once, with its best match. */
typedef struct {
	int64_t id;
	tmk_match_kind how;
	char *matched, *lang;
} found_t;

typedef struct {
	found_t *f;
	size_t n, cap;
} hits_t;

static void hits_release(hits_t *hs)
{
	for (size_t i = 0; i < hs->n; i++) {
		free(hs->f[i].matched);
		free(hs->f[i].lang);
	}
	free(hs->f);
}

static int hit_add(hits_t *hs, int64_t concept, tmk_match_kind how, const char *text,
		   const char *lang)
{
	found_t *f = NULL;
	char *m, *l;

	for (size_t i = 0; i < hs->n && !f; i++)
		if (hs->f[i].id == concept) {
			if (how >= hs->f[i].how)
				return 0;
			f = &hs->f[i];
		}
	if (!(m = strdup(text ? text : "")) || !(l = strdup(lang ? lang : ""))) {
		free(m);
		return tmk_error_oom();
	}
	if (!f) {
		if (hs->n == hs->cap) {
			found_t *nf = realloc(hs->f, (hs->cap = hs->cap ? hs->cap * 2 : 8) * sizeof(*nf));
			if (!nf) {
				free(m);
				free(l);
				return tmk_error_oom();
			}
			hs->f = nf;
		}
		f = &hs->f[hs->n++];
		f->matched = f->lang = NULL;
		f->id = concept;
	}
	free(f->matched);
	free(f->lang);
	f->matched = m;
	f->lang = l;
	f->how = how;
	return 0;
}

/* Has a concept been found as HOW or better? */
static int found_as(const hits_t *hs, tmk_match_kind how)
{
	for (size_t i = 0; i < hs->n; i++)
		if (hs->f[i].how <= how)
			return 1;
	return 0;
}

/* A name the query may be another spelling of (tmk_term_names_like). */
static int spelling_hit(void *ud, int64_t concept, const char *text, const char *lang, double score)
{
	(void)score;            /* they come best first, and the sort keeps that order */
	return hit_add(ud, concept, TMK_MATCH_SPELLING, text, lang);
}

/* Is the stemmed word W[0..N) an article (German or English)?  A query
 * that starts with one means the noun after it. */
int tmk_term_is_article(const char *w, size_t n)
{
	static const char *const articles[] = {
		"der", "die", "das", "des", "dem", "den", "ein", "eine", "einer", "eines", "einem",
		"einen", "the", "a", "an", NULL
	};
	for (int i = 0; articles[i]; i++)
		if (strlen(articles[i]) == n && !memcmp(articles[i], w, n))
			return 1;
	return 0;
}

/* The terms whose key is KEY[0..LEN): hits of kind HOW (EXACT when the
 * folded forms agree too, given NORM). */
static int by_key(tmk_tm *tm, hits_t *hs, const char *from, const char *key, size_t len,
		  const char *norm, tmk_match_kind how)
{
	sqlite3_stmt *st = tmk_tm_stmt(tm, STMT_TERM_BY_KEY);
	int rc = 0, step;

	if (!st)
		return TMK_EIO;
	bind_opt(st, 1, from);
	sqlite3_bind_text(st, 2, key, (int)len, SQLITE_TRANSIENT);
	while ((step = sqlite3_step(st)) == SQLITE_ROW && rc == 0) {
		const char *tn = (const char *)sqlite3_column_text(st, 3);
		tmk_match_kind k = how == TMK_MATCH_INFLECTED && norm && tn && !strcmp(tn, norm)
				   ? TMK_MATCH_EXACT : how;
		rc = hit_add(hs, sqlite3_column_int64(st, 0), k, (const char *)sqlite3_column_text(st, 2),
			     (const char *)sqlite3_column_text(st, 1));
	}
	sqlite3_reset(st);
	if (rc == 0 && step != SQLITE_DONE && step != SQLITE_ROW)
		rc = tmk_tm_dberr(tm, "cannot search the term base");
	return rc;
}

/* Terms that hold all of KEY's words and more. */
static int containing(tmk_tm *tm, hits_t *hs, const char *from, const char *key, size_t len)
{
	sqlite3_stmt *st = tmk_tm_stmt(tm, STMT_TERM_CONTAINS);
	int rc = 0, step;

	if (!st)
		return TMK_EIO;
	bind_opt(st, 1, from);
	sqlite3_bind_text(st, 2, key, (int)len, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 3, 50);
	sqlite3_bind_text(st, 4, key, (int)strcspn(key, " "), SQLITE_TRANSIENT);   /* its first word */
	while ((step = sqlite3_step(st)) == SQLITE_ROW && rc == 0)
		rc = hit_add(hs, sqlite3_column_int64(st, 0), TMK_MATCH_CONTAINS,
			     (const char *)sqlite3_column_text(st, 2), (const char *)sqlite3_column_text(st, 1));
	sqlite3_reset(st);
	if (rc == 0 && step != SQLITE_DONE && step != SQLITE_ROW)
		rc = tmk_tm_dberr(tm, "cannot search the term base");
	return rc;
}

/* The pieces of compound WORD (folded) that are terms: every split into a
 * head and a tail of at least four letters, the head also without a
 * linking s (Sicherheits|rat). */
static int compound_parts(tmk_tm *tm, hits_t *hs, const char *from, const char *word, size_t len)
{
	const char *langs[2] = { from ? from : "de", from ? NULL : "en" };
	tmk_buf key = TMK_BUF_INIT;
	int rc = 0;

	for (int l = 0; l < 2 && langs[l] && rc == 0; l++) {
		if (strcmp(langs[l], "de"))     /* compounds are German */
			continue;
		for (size_t cut = 4; cut + 4 <= len && rc == 0; cut++) {
			if (((unsigned char)word[cut] & 0xC0) == 0x80)
				continue;
			for (int part = 0; part < 3 && rc == 0; part++) {
				const char *p = part == 2 ? word + cut : word;
				size_t n = part == 0 ? cut : part == 1 ? cut - 1 : len - cut;
				if (part == 1 && !(word[cut - 1] == 's' && cut > 5))
					continue;
				tmk_buf_clear(&key);
				if ((rc = tmk_stem(&key, "de", p, n)) == 0 && key.len >= 4)
					rc = by_key(tm, hs, "de", key.ptr, key.len, NULL, TMK_MATCH_COMPOUND);
			}
		}
	}
	tmk_buf_release(&key);
	return rc;
}

/* The query NORM (folded, WORDS words) as a German genitive: each word
 * of four letters or more ending in a single s without it (a leading
 * article left out), stemmed, looked up as an inflected form.  The
 * stemmer keeps the s of names and short words, and a name's stem without
 * it differs (Tadschikistan -> tadschikista, Tadschikistans ->
 * tadschikistan), so the s goes before stemming. */
static int genitive(tmk_tm *tm, hits_t *hs, const char *from, const tmk_buf *norm, size_t words)
{
	tmk_buf alt = TMK_BUF_INIT;
	const char *p = norm->ptr;
	size_t i = 0, changed = 0;
	int rc = 0;

	if (words > 1 && tmk_term_is_article(p, strcspn(p, " ")))
		i = strcspn(p, " ") + 1;
	while (i < norm->len && rc == 0) {
		size_t e = i + strcspn(p + i, " ");
		size_t n = e - i;
		if (n >= 4 && p[e - 1] == 's' && p[e - 2] != 's') {
			n--;
			changed++;
		}
		if (alt.len)
			rc = tmk_buf_putc(&alt, ' ');
		if (rc == 0)
			rc = tmk_stem(&alt, "de", p + i, n);
		i = e + 1;
	}
	if (rc == 0 && changed)
		rc = by_key(tm, hs, from, alt.ptr, alt.len, NULL, TMK_MATCH_INFLECTED);
	tmk_buf_release(&alt);
	return rc;
}

/* Is W[0..N) a German preposition fused with an article (im Nahen
 * Osten, zur Terrormiliz)? */
static int fused_article(const char *w, size_t n)
{
	static const char *const fused[] = { "im", "am", "vom", "zum", "zur", "beim", "ins", "ans", NULL };

	for (int i = 0; fused[i]; i++)
		if (strlen(fused[i]) == n && !memcmp(fused[i], w, n))
			return 1;
	return 0;
}

/* The words of folded text NORM as spans (at most MAX), a leading
 * article (or preposition fused with one) left out; how many. */
static size_t norm_words(const tmk_buf *norm, size_t *start, size_t *wlen, size_t max)
{
	const char *p = norm->ptr ? norm->ptr : "";
	size_t i = 0, n = 0;

	while (i < norm->len && n < max) {
		size_t e = i + strcspn(p + i, " ");
		if (e > i && !(n == 0 && i == 0 && e < norm->len && (tmk_term_is_article(p, e) || fused_article(p, e)))) {
			start[n] = i;
			wlen[n++] = e - i;
		}
		i = e + 1;
	}
	return n;
}

/* The key of NORM's words W (N of them), word I spelled ALT[0..ALEN)
 * instead, into KEY. */
static int key_with(tmk_buf *key, const char *norm, const size_t *start, const size_t *wlen, size_t n, size_t i,
		    const char *alt, size_t alen)
{
	int rc = 0;

	tmk_buf_clear(key);
	for (size_t j = 0; j < n && rc == 0; j++) {
		if (j)
			rc = tmk_buf_putc(key, ' ');
		if (rc == 0)
			rc = j == i ? tmk_stem(key, "de", alt, alen) : tmk_stem(key, "de", norm + start[j], wlen[j]);
	}
	return rc;
}

/* Other endings of the query's adjectives (im Nahen Osten, Nahe Osten:
 * Naher Osten): the stemmer keeps short words whole, so each word but the
 * last that ends like a German adjective is tried with the other endings. */
static int adjective_endings(tmk_tm *tm, hits_t *hs, const char *from, const tmk_buf *norm)
{
	static const char *const endings[] = { "en", "er", "es", "em", "e", "" };
	size_t start[8], wlen[8], n = norm_words(norm, start, wlen, 8);
	tmk_buf key = TMK_BUF_INIT, alt = TMK_BUF_INIT;
	int rc = 0;

	for (size_t i = 0; i + 1 < n && rc == 0; i++) {
		const char *w = norm->ptr + start[i];
		size_t base = 0;
		for (size_t e = 0; e < 5 && !base; e++) {
			size_t el = strlen(endings[e]);
			if (wlen[i] >= el + 3 && !memcmp(w + wlen[i] - el, endings[e], el))
				base = wlen[i] - el;
		}
		for (size_t e = 0; base && e < 6 && rc == 0; e++) {
			tmk_buf_clear(&alt);
			if ((rc = tmk_buf_put(&alt, w, base)) < 0 || (rc = tmk_buf_puts(&alt, endings[e])) < 0)
				break;
			if (alt.len == wlen[i] && !memcmp(alt.ptr, w, wlen[i]))
				continue;
			if ((rc = key_with(&key, norm->ptr, start, wlen, n, i, alt.ptr, alt.len)) == 0)
				rc = by_key(tm, hs, from, key.ptr, key.len, NULL, TMK_MATCH_INFLECTED);
		}
	}
	tmk_buf_release(&key);
	tmk_buf_release(&alt);
	return rc;
}

/* The words of a phrase or hyphenated compound but its head, as words of
 * longer names (Assad-Regime, Selenskyj-Berater, Lawrow-Besuch: Baschar
 * al-Assad, Wolodymyr Selenskyj, Sergej Lawrow), spelled as given or
 * otherwise.  For when nothing else was found. */
static int modifier_names(tmk_tm *tm, hits_t *hs, const char *from, const tmk_buf *norm)
{
	size_t start[8], wlen[8], n = norm_words(norm, start, wlen, 8);
	tmk_buf key = TMK_BUF_INIT;
	int rc = 0;

	for (size_t i = 0; i + 1 < n && rc == 0; i++) {
		const char *w = norm->ptr + start[i];
		if (wlen[i] < 4)
			continue;
		tmk_buf_clear(&key);
		if ((rc = tmk_stem(&key, from && !strcmp(from, "en") ? "en" : "de", w, wlen[i])) == 0)
			rc = containing(tm, hs, from, key.ptr, key.len);
		if (rc == 0)
			rc = tmk_term_names_like(tm, w, wlen[i], 5, spelling_hit, hs);
	}
	tmk_buf_release(&key);
	return rc;
}

void tmk_term_hits_free(tmk_term_hit *h, size_t n)
{
	for (size_t i = 0; h && i < n; i++) {
		tmk_concept_free(h[i].concept);
		free(h[i].matched);
		free(h[i].lang);
	}
	free(h);
}

int tmk_term_lookup(tmk_tm *tm, tmk_term_hit **out, size_t *n, const char *from,
		    const char *query, size_t len, size_t max)
{
	tmk_buf norm = TMK_BUF_INIT, key = TMK_BUF_INIT;
	hits_t hs = { 0 };
	size_t words, keep = 0;
	int rc;

	*out = NULL;
	*n = 0;
	/* the query's language decides the stemming; unknown: German rules,
	 * which also take English plurals off */
	if ((rc = tmk_term_key(&norm, &key, &words, from ? from : "de", query, len)) < 0)
		goto done;
	if (words == 0) {
		rc = tmk_error_set(TMK_EINVAL, "nothing to look up: give a word or a phrase");
		goto done;
	}
	if ((rc = by_key(tm, &hs, from, key.ptr, key.len, norm.ptr, TMK_MATCH_INFLECTED)) < 0)
		goto done;
	if (words > 1 && tmk_term_is_article(key.ptr, strcspn(key.ptr, " "))) {  /* des Verfassungsschutzes */
		size_t skip = strcspn(key.ptr, " ") + 1, nskip = strcspn(norm.ptr, " ") + 1;
		if ((rc = by_key(tm, &hs, from, key.ptr + skip, key.len - skip,
				 nskip < norm.len ? norm.ptr + nskip : NULL, TMK_MATCH_INFLECTED)) < 0)
			goto done;
	}
	/* a genitive the stemmer does not undo (Tadschikistans, des Kölner Doms) */
	if (hs.n == 0 && (!from || !strcmp(from, "de")) && (rc = genitive(tm, &hs, from, &norm, words)) < 0)
		goto done;
	if (hs.n == 0 && words > 1 && (!from || !strcmp(from, "de")) &&
	    (rc = adjective_endings(tm, &hs, from, &norm)) < 0)
		goto done;
	if (!from) {            /* English stems too, for English queries */
		tmk_buf en_norm = TMK_BUF_INIT, en_key = TMK_BUF_INIT;
		size_t w2;
		rc = tmk_term_key(&en_norm, &en_key, &w2, "en", query, len);
		if (rc == 0 && strcmp(en_key.ptr, key.ptr))
			rc = by_key(tm, &hs, "en", en_key.ptr, en_key.len, en_norm.ptr, TMK_MATCH_INFLECTED);
		tmk_buf_release(&en_norm);
		tmk_buf_release(&en_key);
		if (rc < 0)
			goto done;
	}
	if (words <= 3 && !found_as(&hs, TMK_MATCH_INFLECTED) &&
	    (rc = tmk_term_names_like(tm, query, len, max, spelling_hit, &hs)) < 0)
		goto done;
	if (words <= 3 && (rc = containing(tm, &hs, from, key.ptr, key.len)) < 0)
		goto done;
	/* the phrase's shorter spans, longest first */
	if (words > 1) {
		const char *k = key.ptr;
		size_t starts[64], nw = 0;
		for (size_t i = 0; i < key.len && nw < 63; i++)
			if (i == 0 || k[i - 1] == ' ')
				starts[nw++] = i;
		starts[nw] = key.len + 1;
		for (size_t span = nw - 1; span >= 1 && rc == 0; span--)
			for (size_t a = 0; a + span <= nw && rc == 0; a++)
				rc = by_key(tm, &hs, from, k + starts[a], starts[a + span] - 1 - starts[a], NULL,
					    TMK_MATCH_PHRASE);
		if (rc < 0)
			goto done;
	}
	/* compounds: each long word of the query */
	{
		const char *p = norm.ptr;
		size_t i = 0;
		while (i < norm.len && rc == 0) {
			size_t e = i;
			while (e < norm.len && p[e] != ' ')
				e++;
			if (e - i >= 8)
				rc = compound_parts(tm, &hs, from, p + i, e - i);
			i = e + 1;
		}
		if (rc < 0)
			goto done;
	}
	if (hs.n == 0 && words > 1 && (rc = modifier_names(tm, &hs, from, &norm)) < 0)
		goto done;
	/* best match first; a stable insertion sort keeps the order found */
	for (size_t i = 1; i < hs.n; i++) {
		found_t x = hs.f[i];
		size_t k = i;
		for (; k > 0 && hs.f[k - 1].how > x.how; k--)
			hs.f[k] = hs.f[k - 1];
		hs.f[k] = x;
	}
	keep = hs.n < max ? hs.n : max;
	if (keep && !(*out = calloc(keep, sizeof(**out)))) {
		rc = tmk_error_oom();
		goto done;
	}
	for (size_t i = 0; i < keep; i++) {
		tmk_term_hit *h = &(*out)[i];
		if ((rc = tmk_concept_get(tm, &h->concept, hs.f[i].id)) < 0) {
			tmk_term_hits_free(*out, i);
			*out = NULL;
			goto done;
		}
		h->how = hs.f[i].how;
		h->matched = hs.f[i].matched;
		h->lang = hs.f[i].lang;
		hs.f[i].matched = hs.f[i].lang = NULL;
	}
	*n = keep;
done:
	hits_release(&hs);      /* what was handed over is NULL there */
	tmk_buf_release(&norm);
	tmk_buf_release(&key);
	return rc;
}

/* ---- the glossary as a lexicon -------------------------------------------- */

/* Append term S to a Ding line, its separators (| : ;) made spaces. */
static void ding_term(tmk_buf *b, const char *s)
{
	for (; *s; s++)
		tmk_buf_putc(b, *s == '|' || *s == ':' || *s == ';' ? ' ' : *s);
}

int tmk_term_pairs(tmk_tm *tm, int (*fn)(void *ud, const char *const *de, size_t nd,
					 const char *const *en, size_t ne), void *ud)
{
	sqlite3_stmt *st = tmk_tm_stmt(tm, STMT_TERM_ALL);
	char *side[2][64];
	size_t n[2] = { 0, 0 };
	int64_t cur = -1;
	int rc = 0, step;

	if (!st)
		return TMK_EIO;
	for (;;) {
		step = sqlite3_step(st);
		int64_t id = step == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -2;
		if (id != cur) {        /* a concept's terms are all in: hand them over */
			if (n[0] && n[1] && rc == 0)
				rc = fn(ud, (const char *const *)side[0], n[0], (const char *const *)side[1], n[1]);
			for (int l = 0; l < 2; l++)
				while (n[l])
					free(side[l][--n[l]]);
			cur = id;
		}
		if (step != SQLITE_ROW || rc < 0)
			break;
		int l = strcmp((const char *)sqlite3_column_text(st, 1), "de") != 0;
		if (n[l] < 64 && !(side[l][n[l]++] = strdup((const char *)sqlite3_column_text(st, 2)))) {
			n[l]--;
			rc = tmk_error_oom();
		}
	}
	for (int l = 0; l < 2; l++)
		while (n[l])
			free(side[l][--n[l]]);
	sqlite3_reset(st);
	if (rc == 0 && step != SQLITE_DONE)
		rc = tmk_tm_dberr(tm, "cannot read the term base");
	return rc;
}

/* One concept as a Ding line: "de1; de2 :: en1; en2". */
static int ding_line(void *ud, const char *const *de, size_t nd, const char *const *en, size_t ne)
{
	tmk_buf *ding = ud;

	for (size_t i = 0; i < nd; i++) {
		if (i)
			tmk_buf_puts(ding, "; ");
		ding_term(ding, de[i]);
	}
	tmk_buf_puts(ding, " :: ");
	for (size_t i = 0; i < ne; i++) {
		if (i)
			tmk_buf_puts(ding, "; ");
		ding_term(ding, en[i]);
	}
	return tmk_buf_putc(ding, '\n');
}

int tmk_term_lexicon(tmk_tm *tm, struct tmk_lexicon **out)
{
	tmk_buf ding = TMK_BUF_INIT;
	int rc;

	*out = NULL;
	if ((rc = tmk_term_pairs(tm, ding_line, &ding)) == 0 && ding.len)
		rc = tmk_lexicon_parse(out, "term base", ding.ptr, ding.len);
	tmk_buf_release(&ding);
	return rc;
}
