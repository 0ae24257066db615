/*
 * tm_check.c - checking a TM and rebuilding its word indexes; see
 * tm_check.h.
 *
 * The checks run as SQLite words them: PRAGMA integrity_check or
 * quick_check, PRAGMA foreign_key_check, and FTS5's own 'integrity-check'
 * command, which for an external-content table (ours: unit_words over
 * unit, word_grams over word) with rank 1 also compares the index with the
 * content.  A damaged page can make a check fail outright rather than
 * report; that is a finding too.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "tm_check.h"
#include "tm_internal.h"

#define MAX_PROBLEMS 100

/* Add LINE (copied) to H's problems. */
static int add_problem(tmk_tm_health *h, const char *line)
{
	char **np;

	if (h->nproblems >= MAX_PROBLEMS)
		return 0;
	if (!(np = realloc(h->problems, (h->nproblems + 1) * sizeof(*np))))
		return tmk_error_oom();
	h->problems = np;
	if (!(np[h->nproblems] = strdup(line)))
		return tmk_error_oom();
	h->nproblems++;
	return 0;
}

/* Add each line of TEXT but SQLite's "*** in database main ***" heading. */
static int add_lines(tmk_tm_health *h, const char *text)
{
	char line[512];
	int rc = 0;

	while (rc == 0 && *text) {
		size_t n = strcspn(text, "\n");
		if (n && strncmp(text, "*** in database", 15)) {
			snprintf(line, sizeof(line), "%.*s", (int)n, text);
			rc = add_problem(h, line);
		}
		text += n + (text[n] == '\n');
	}
	return rc;
}

/* Add "WHAT: SQLite's last message". */
static int add_db_problem(tmk_tm_health *h, sqlite3 *db, const char *what)
{
	char line[512];

	snprintf(line, sizeof(line), "%s: %s", what, sqlite3_errmsg(db));
	return add_problem(h, line);
}

/* The integrity or quick check: each row not "ok" is a problem. */
static int check_pages(tmk_tm *tm, int full, tmk_tm_health *h)
{
	sqlite3 *db = tmk_tm_db(tm);
	sqlite3_stmt *st;
	int rc = 0, step;

	if (sqlite3_prepare_v2(db, full ? "PRAGMA integrity_check(100)" : "PRAGMA quick_check(100)", -1,
			       &st, NULL) != SQLITE_OK) {
		h->file_damaged = 1;
		return add_db_problem(h, db, "the check cannot run");
	}
	while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *r = (const char *)sqlite3_column_text(st, 0);
		if (r && strcmp(r, "ok")) {
			h->file_damaged = 1;
			rc = add_lines(h, r);
		}
	}
	if (rc == 0 && step != SQLITE_DONE) {
		h->file_damaged = 1;
		rc = add_db_problem(h, db, "the check stopped");
	}
	sqlite3_finalize(st);
	return rc;
}

/* Rows that point at a missing parent, counted per table and parent. */
static int check_foreign_keys(tmk_tm *tm, tmk_tm_health *h)
{
	sqlite3 *db = tmk_tm_db(tm);
	sqlite3_stmt *st;
	int rc = 0, step;

	if (sqlite3_prepare_v2(db, "SELECT \"table\", parent, count(*) FROM pragma_foreign_key_check"
			       " GROUP BY 1, 2 ORDER BY 1, 2", -1, &st, NULL) != SQLITE_OK)
		return add_db_problem(h, db, "foreign keys cannot be checked");
	while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
		char line[256];
		const char *table = (const char *)sqlite3_column_text(st, 0);
		const char *parent = (const char *)sqlite3_column_text(st, 1);
		snprintf(line, sizeof(line), "%lld rows of %s refer to missing rows of %s",
			 (long long)sqlite3_column_int64(st, 2), table ? table : "?", parent ? parent : "?");
		h->file_damaged = 1;
		rc = add_problem(h, line);
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = add_db_problem(h, db, "foreign keys cannot be checked");
	sqlite3_finalize(st);
	return rc;
}

/* FTS5's integrity check of TABLE against its content (rank 1). */
static int check_fts(tmk_tm *tm, const char *table, tmk_tm_health *h)
{
	sqlite3 *db = tmk_tm_db(tm);
	const char *sql = !strcmp(table, "unit_words") ?
		"INSERT INTO unit_words(unit_words, rank) VALUES ('integrity-check', 1)" :
		"INSERT INTO word_grams(word_grams, rank) VALUES ('integrity-check', 1)";
	char what[96];

	if (sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK)
		return 0;
	h->index_damaged = 1;
	snprintf(what, sizeof(what), "the word index %s does not match what it indexes", table);
	return add_db_problem(h, db, what);
}

int tmk_tm_check(tmk_tm *tm, int full, tmk_tm_health *h)
{
	sqlite3_stmt *st;
	int rc;

	memset(h, 0, sizeof(*h));
	if ((rc = check_pages(tm, full, h)) < 0 || (rc = check_foreign_keys(tm, h)) < 0 ||
	    (rc = check_fts(tm, "unit_words", h)) < 0 || (rc = check_fts(tm, "word_grams", h)) < 0)
		return rc;
	if (sqlite3_prepare_v2(tmk_tm_db(tm), "SELECT count(*) FROM unit", -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			h->units = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	return 0;
}

void tmk_tm_health_release(tmk_tm_health *h)
{
	if (!h)
		return;
	for (size_t i = 0; i < h->nproblems; i++)
		free(h->problems[i]);
	free(h->problems);
	h->problems = NULL;
	h->nproblems = 0;
}

int tmk_tm_rebuild_index(tmk_tm *tm)
{
	int rc;

	if ((rc = tmk_tm_exec(tm, "BEGIN IMMEDIATE", "cannot lock the TM")) < 0)
		return rc;
	if ((rc = tmk_tm_exec(tm, "INSERT INTO unit_words(unit_words) VALUES ('rebuild');"
			      " INSERT OR IGNORE INTO word(text) SELECT term FROM unit_words_vocab;"
			      " INSERT INTO word_grams(word_grams) VALUES ('rebuild')",
			      "cannot rebuild the word index")) < 0) {
		tmk_tm_exec(tm, "ROLLBACK", "cannot roll back");
		return rc;
	}
	return tmk_tm_exec(tm, "COMMIT", "cannot commit the rebuilt index");
}
