/*
 * tm.c - the TM's statements, transactions and adding units; see tm.h.
 * Opening a TM and its schema are in tm_open.c.
 *
 * All SQL of the TM modules is in the statement table below, next to the
 * schema it depends on, prepared once per open TM (tmk_tm_stmt).  Queries
 * that need an FTS MATCH keep it in a subquery, never in a join.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "error.h"
#include "langtag.h"
#include "textnorm.h"
#include "tm_internal.h"

#define EXPORT_WHERE \
	" WHERE (?1 IS NULL OR lang_in(?1, src_lang) AND (?5 IS NULL OR lang_in(?5, tgt_lang))" \
	"        OR ?4 AND lang_in(?1, tgt_lang) AND lang_in(?5, src_lang))" \
	" AND (?2 IS NULL OR id IN (SELECT uo.unit_id FROM unit_origin uo" \
	"      JOIN origin o ON o.id = uo.origin_id WHERE o.name = ?2))" \
	" AND (?3 IS NULL OR changed_at >= ?3)"

static const char *const stmt_sql[STMT__COUNT] = {
	[STMT_BEGIN] = "BEGIN IMMEDIATE",
	[STMT_COMMIT] = "COMMIT",
	[STMT_ROLLBACK] = "ROLLBACK",
	[STMT_MAX_ID] = "SELECT coalesce(max(id), 0) FROM unit",
	[STMT_INDEX_WORDS] =
		"INSERT INTO unit_words(rowid, source_norm, target_norm)"
		" SELECT id, source_norm, target_norm FROM unit WHERE id > ?1",
	[STMT_MAX_WORD] = "SELECT coalesce(max(id), 0) FROM word",
	/* the words the index knows and the word table not yet (one pass over
	 * the index's term list), then the trigrams of the new ones */
	[STMT_INDEX_VOCAB] = "INSERT OR IGNORE INTO word(text) SELECT term FROM unit_words_vocab",
	[STMT_INDEX_GRAMS] = "INSERT INTO word_grams(rowid, text) SELECT id, text FROM word WHERE id > ?1",
	[STMT_INDEX_PAIRS] =
		"INSERT OR IGNORE INTO lang_pair SELECT DISTINCT src_lang, tgt_lang FROM unit WHERE id > ?1",
	[STMT_ADD_ORIGIN] =
		"INSERT INTO origin(name, format, tool, imported_at) VALUES (?1, ?2, ?3, ?4)",
	[STMT_FIND_PAIR] =
		"SELECT id, src_lang, tgt_lang, source, target, source_markup, target_markup FROM unit"
		" WHERE source_hash = ?1",
	[STMT_ADD_UNIT] =
		"INSERT INTO unit(src_lang, tgt_lang, source, target, source_markup, target_markup,"
		" source_norm, target_norm, source_hash, target_hash, source_words,"
		" target_words, tuid, created_at, changed_at, usage_count)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?12, ?13, ?14, ?15, ?16, ?17)",
	[STMT_SEEN_UNIT] =
		"UPDATE unit SET seen_count = seen_count + 1, usage_count = max(usage_count, ?2),"
		" changed_at = max(changed_at, ?3) WHERE id = ?1",
	[STMT_ADD_PROVENANCE] =
		"INSERT OR IGNORE INTO unit_origin(unit_id, origin_id, document, position)"
		" VALUES (?1, ?2, ?3, ?4)",
	/* ?2 the language of the <tuv> holding it (NULL on the <tu>), kept
	 * beside ?6 the scope for older readers of the table */
	[STMT_ADD_NOTE_NEW] =
		"INSERT INTO unit_note(unit_id, lang, kind, type, value, scope, xml_lang, o_encoding)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	/* a duplicate unit gains only the notes it lacks */
	[STMT_ADD_NOTE] =
		"INSERT INTO unit_note(unit_id, lang, kind, type, value, scope, xml_lang, o_encoding)"
		" SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8"
		" WHERE NOT EXISTS (SELECT 1 FROM unit_note WHERE unit_id = ?1 AND scope = ?6"
		" AND kind = ?3 AND type IS ?4 AND value = ?5)",
	[STMT_ADD_ATTR] =
		"INSERT INTO unit_attr(unit_id, scope, seq, name, value) VALUES (?1, ?2, ?3, ?4, ?5)",
	/* lookup's rows: id, the side in the query's language, the other side,
	 * and their tags (lookup.c checks the tags: a hash covers every variant
	 * of a language) */
	[STMT_EXACT_SOURCE] =
		"SELECT id, source, target, src_lang, tgt_lang FROM unit WHERE source_hash = ?1",
	[STMT_EXACT_TARGET] =
		"SELECT id, target, source, tgt_lang, src_lang FROM unit WHERE target_hash = ?1",
	/* how many units hold a word, counted up to 1000: cheap at any size */
	[STMT_TERM_DF] =
		"SELECT count(*) FROM (SELECT rowid FROM unit_words WHERE unit_words MATCH ?1 LIMIT 1000)",
	[STMT_TERM_IDS] = "SELECT rowid FROM unit_words WHERE unit_words MATCH ?1 LIMIT ?2",
	[STMT_DATA_VERSION] = "PRAGMA data_version",
	[STMT_LANG_PAIRS] = "SELECT src_lang, tgt_lang FROM lang_pair",
	[STMT_CAND_SOURCE] =
		"SELECT id, source, target, src_lang, tgt_lang FROM unit WHERE id = ?1"
		" AND source_words BETWEEN ?2 AND ?3",
	[STMT_CAND_TARGET] =
		"SELECT id, target, source, tgt_lang, src_lang FROM unit WHERE id = ?1"
		" AND target_words BETWEEN ?2 AND ?3",
	/* a unit's matching forms by id (fuzzy.c ranks candidates on them) */
	[STMT_SOURCE_NORM] = "SELECT source_norm FROM unit WHERE id = ?1",
	[STMT_TARGET_NORM] = "SELECT target_norm FROM unit WHERE id = ?1",
	/* where a unit came from, and the units before and after it there
	 * (analyze's context matches; index unit_origin_place) */
	[STMT_UNIT_PLACES] =
		"SELECT origin_id, document, position FROM unit_origin WHERE unit_id = ?1 ORDER BY origin_id LIMIT 8",
	[STMT_PLACE_PREV] =
		"SELECT u.src_lang, u.source, u.target FROM unit_origin n JOIN unit u ON u.id = n.unit_id"
		" WHERE n.origin_id = ?1 AND n.document IS ?2 AND n.position < ?3 ORDER BY n.position DESC LIMIT 1",
	[STMT_PLACE_NEXT] =
		"SELECT u.src_lang, u.source, u.target FROM unit_origin n JOIN unit u ON u.id = n.unit_id"
		" WHERE n.origin_id = ?1 AND n.document IS ?2 AND n.position > ?3 ORDER BY n.position LIMIT 1",
	/* the words holding a substring, shortest (likeliest inflections) first */
	[STMT_GRAM_WORDS] =
		"SELECT text FROM word WHERE id IN (SELECT rowid FROM word_grams WHERE word_grams MATCH ?1)"
		" ORDER BY length(text), text",
	/* a page of candidates after rowid ?2 */
	[STMT_CONCORD_WORDS] =
		"SELECT id, src_lang, tgt_lang, source, target FROM unit"
		" WHERE id IN (SELECT rowid FROM unit_words WHERE unit_words MATCH ?1 AND rowid > ?2"
		"              ORDER BY rowid LIMIT ?3) ORDER BY id",
	[STMT_UNIT_ORIGIN_NAME] =
		"SELECT o.name FROM unit_origin uo JOIN origin o ON o.id = uo.origin_id"
		" WHERE uo.unit_id = ?1 ORDER BY uo.origin_id, uo.position LIMIT 1",
	/* ?1 source language range (or either side when ?4), ?5 the other
	 * side's, ?2 origin name, ?3 changed since; NULL: any.  lang_in() is
	 * tmk_langtag_in_range(), registered when the TM opens. */
	[STMT_EXPORT] =
		"SELECT id, src_lang, tgt_lang, source, target, source_markup, target_markup,"
		" tuid, created_at, changed_at, usage_count FROM unit" EXPORT_WHERE " ORDER BY id",
	[STMT_UNIT_NOTES] =
		"SELECT scope, kind, type, value, xml_lang, o_encoding FROM unit_note"
		" WHERE unit_id = ?1 ORDER BY id",
	[STMT_UNIT_ATTRS] = "SELECT scope, name, value FROM unit_attr WHERE unit_id = ?1 ORDER BY scope, seq",
	/* the source languages of what an export selects (the same parameters) */
	[STMT_SRC_LANGS] = "SELECT DISTINCT src_lang FROM unit" EXPORT_WHERE " LIMIT 2",
	[STMT_STATS_PAIRS] =
		"SELECT src_lang, tgt_lang, count(*) FROM unit GROUP BY 1, 2 ORDER BY 3 DESC",
	[STMT_STATS_ORIGINS] =
		"SELECT o.name, o.format, count(DISTINCT uo.unit_id), max(o.imported_at)"
		" FROM origin o LEFT JOIN unit_origin uo ON uo.origin_id = o.id"
		" GROUP BY o.name, o.format ORDER BY 4 DESC",
	[STMT_STATS_TOTALS] =
		"SELECT (SELECT count(*) FROM unit), (SELECT max(imported_at) FROM origin),"
		" (SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size())",
	/* the term base (term.c) */
	[STMT_CONCEPT_ADD] =
		"INSERT INTO concept(type, domain, definition, note, source, created_at, changed_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
	/* a merge fills what is empty */
	[STMT_CONCEPT_FILL] =
		"UPDATE concept SET domain = coalesce(domain, ?2), definition = coalesce(definition, ?3),"
		" note = coalesce(note, ?4), source = coalesce(source, ?5)"
		" WHERE id = ?1 AND (domain IS NULL AND ?2 IS NOT NULL OR definition IS NULL AND ?3 IS NOT NULL"
		" OR note IS NULL AND ?4 IS NOT NULL OR source IS NULL AND ?5 IS NOT NULL)",
	/* an edit replaces what is given; '' clears */
	[STMT_CONCEPT_EDIT] =
		"UPDATE concept SET type = coalesce(?2, type),"
		" domain = CASE WHEN ?3 IS NULL THEN domain ELSE nullif(?3, '') END,"
		" definition = CASE WHEN ?4 IS NULL THEN definition ELSE nullif(?4, '') END,"
		" note = CASE WHEN ?5 IS NULL THEN note ELSE nullif(?5, '') END,"
		" source = CASE WHEN ?6 IS NULL THEN source ELSE nullif(?6, '') END WHERE id = ?1",
	[STMT_CONCEPT_TOUCH] = "UPDATE concept SET changed_at = ?2 WHERE id = ?1",
	[STMT_CONCEPT_DELETE] = "DELETE FROM concept WHERE id = ?1",
	[STMT_CONCEPT_GET] =
		"SELECT id, type, domain, definition, note, source, created_at, changed_at"
		" FROM concept WHERE id = ?1",
	[STMT_CONCEPT_TERMS] =
		"SELECT id, lang, text, status, note FROM term WHERE concept_id = ?1"
		" ORDER BY CASE lang WHEN 'de' THEN 0 WHEN 'en' THEN 1 ELSE 2 END, lang,"
		" CASE status WHEN 'preferred' THEN 0 WHEN 'admitted' THEN 1 ELSE 2 END, seq, id",
	[STMT_CONCEPT_LIST] =
		"SELECT id FROM concept WHERE (?1 IS NULL OR type = ?1) AND (?2 IS NULL OR domain = ?2)"
		" AND (?3 IS NULL OR changed_at >= ?3)"
		" AND (?4 IS NULL OR EXISTS (SELECT 1 FROM term WHERE concept_id = concept.id AND status = ?4))"
		" ORDER BY id",
	[STMT_TERM_ADD] =
		"INSERT INTO term(concept_id, lang, text, status, note, norm, key, words, seq)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	[STMT_TERM_PREFERRED] =
		"SELECT concept_id FROM term WHERE lang = ?1 AND norm = ?2 AND status = 'preferred'"
		" ORDER BY concept_id",
	[STMT_TERM_HAS_PREFERRED] =
		"SELECT 1 FROM term WHERE concept_id = ?1 AND lang = ?2 AND norm = ?3 AND status = 'preferred'",
	[STMT_TERM_FIND] =
		"SELECT id, status, coalesce(note, '') FROM term WHERE concept_id = ?1 AND lang = ?2 AND norm = ?3",
	[STMT_TERM_UPDATE] =
		"UPDATE term SET status = coalesce(?2, status), note = coalesce(?3, note) WHERE id = ?1"
		" AND (status IS NOT coalesce(?2, status) OR note IS NOT coalesce(?3, note))",
	[STMT_TERM_NEXT_SEQ] =
		"SELECT coalesce(max(seq), 0) + 1 FROM term WHERE concept_id = ?1 AND lang = ?2",
	[STMT_TERM_DELETE] = "DELETE FROM term WHERE concept_id = ?1 AND lang = ?2 AND norm = ?3",
	[STMT_TERM_LEFT] = "SELECT count(*) FROM term WHERE concept_id = ?1",
	[STMT_TERM_COUNT] = "SELECT (SELECT count(*) FROM concept), (SELECT count(*) FROM term)",
	[STMT_TERM_BY_KEY] =
		"SELECT concept_id, lang, text, norm FROM term WHERE key = ?2 AND (?1 IS NULL OR lang = ?1)"
		" ORDER BY concept_id",
	/* longer terms holding the key's words: those with its word ?4, checked */
	[STMT_TERM_CONTAINS] =
		"SELECT t.concept_id, t.lang, t.text FROM term_word w JOIN term t ON t.id = w.term_id"
		" WHERE w.word = ?4 AND (?1 IS NULL OR t.lang = ?1) AND t.key <> ?2"
		" AND instr(' ' || t.key || ' ', ' ' || ?2 || ' ') > 0 ORDER BY t.words, t.concept_id LIMIT ?3",
	/* every unit, for tmkit check --tm */
	[STMT_UNIT_ALL] = "SELECT id, src_lang, tgt_lang, source, target FROM unit ORDER BY id",
	/* the German-English units, either way round, for term extraction */
	[STMT_UNIT_PAIRS] =
		"SELECT id, src_lang, tgt_lang, source, target FROM unit WHERE lang_in('de', src_lang)"
		" AND lang_in('en', tgt_lang) OR lang_in('en', src_lang) AND lang_in('de', tgt_lang) ORDER BY id",
	[STMT_UNIT_PAIRS_COUNT] =
		"SELECT count(*) FROM unit WHERE lang_in('de', src_lang) AND lang_in('en', tgt_lang)"
		" OR lang_in('en', src_lang) AND lang_in('de', tgt_lang)",
	[STMT_TERM_WORD_ADD] = "INSERT OR IGNORE INTO term_word(word, term_id) VALUES (?1, ?2)",
	[STMT_TERM_ALL] =
		"SELECT concept_id, lang, text FROM term WHERE status <> 'forbidden' AND lang IN ('de', 'en')"
		" ORDER BY concept_id, lang",
	/* the names, for spelling-tolerant lookup (term_names.c) */
	[STMT_TERM_NAMES] =
		"SELECT t.concept_id, t.lang, t.text FROM term t JOIN concept c ON c.id = t.concept_id"
		" WHERE c.type IN ('person', 'place', 'organisation') ORDER BY t.concept_id",
};

sqlite3 *tmk_tm_db(tmk_tm *tm)
{
	return tm->db;
}

int tmk_tm_dberr(tmk_tm *tm, const char *what)
{
	int code = sqlite3_errcode(tm->db) & 0xff;
	int rc = code == SQLITE_NOTADB || code == SQLITE_CORRUPT ? TMK_EINPUT :
		 code == SQLITE_NOMEM ? TMK_ENOMEM : TMK_EIO;

	if (code == SQLITE_BUSY)
		return tmk_error_set(TMK_EIO, "%s: %s: another process is writing to the TM; gave up "
				     "after %.1f s (--wait sets how long to wait)", tm->path, what,
				     (double)(tmk_tm_now_ms() - tm->wait_start) / 1000);
	/* a write that failed: SQLite's errno may be a later call's, so a
	 * failed write is taken for what it nearly always is */
	if (code == SQLITE_FULL || sqlite3_extended_errcode(tm->db) == SQLITE_IOERR_WRITE)
		return tmk_error_set(TMK_EIO, "%s: %s: the disk is full or the file cannot grow (%s); "
				     "nothing of this change was kept", tm->path, what,
				     sqlite3_system_errno(tm->db) ? strerror(sqlite3_system_errno(tm->db)) :
				     sqlite3_errmsg(tm->db));
	if (code == SQLITE_CORRUPT)
		return tmk_error_set(TMK_EINPUT, "%s: %s: the TM is damaged (%s); `tmkit doctor` tells "
				     "what can be saved", tm->path, what, sqlite3_errmsg(tm->db));
	return tmk_error_set(rc, "%s: %s: %s", tm->path, what, sqlite3_errmsg(tm->db));
}

sqlite3_stmt *tmk_tm_stmt(tmk_tm *tm, tm_stmt_id id)
{
	sqlite3_stmt *st = tm->stmt[id];

	if (!st) {
		if (sqlite3_prepare_v3(tm->db, stmt_sql[id], -1, SQLITE_PREPARE_PERSISTENT,
				       &tm->stmt[id], NULL) != SQLITE_OK) {
			tmk_tm_dberr(tm, "cannot prepare a statement");
			return NULL;
		}
		return tm->stmt[id];
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return st;
}

void tmk_now_iso(char out[32])
{
	time_t t = time(NULL);
	struct tm g;

	gmtime_r(&t, &g);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &g);
}

static int step_done(tmk_tm *tm, sqlite3_stmt *st, const char *what)
{
	int rc = sqlite3_step(st);

	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return tmk_tm_dberr(tm, what);
	return 0;
}

static int run_simple(tmk_tm *tm, tm_stmt_id id, const char *what)
{
	sqlite3_stmt *st = tmk_tm_stmt(tm, id);
	int rc;

	if (!st)
		return TMK_EIO;
	rc = step_done(tm, st, what);
	sqlite3_reset(st);
	return rc;
}

/*
 * Refuse to write into a damaged TM: SQLite's quick_check (every page and
 * b-tree, without the cross-checks of the indexes against the tables that
 * integrity_check adds) once per open, before the first write.  It reads
 * the whole file: on a 1M-unit TM (388 MB) 1.3 s warm, 8.6 s from a cold
 * disk cache.
 */
static int check_before_write(tmk_tm *tm)
{
	sqlite3_stmt *st;
	int rc;
	char first[256] = "";

	if (tm->checked)
		return 0;
	/* through a small page cache: filling the 256 MB one with every page
	 * (and freeing it) made the check three times slower */
	if ((rc = tmk_tm_exec(tm, "PRAGMA cache_size = -8192", "cannot check the TM")) < 0)
		return rc;
	if (sqlite3_prepare_v2(tm->db, "PRAGMA quick_check(1)", -1, &st, NULL) != SQLITE_OK) {
		tmk_tm_exec(tm, "PRAGMA cache_size = " TMK_TM_CACHE, "cannot check the TM");
		return tmk_tm_dberr(tm, "cannot check the TM");
	}
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *r = (const char *)sqlite3_column_text(st, 0);
		if (r && !strncmp(r, "*** in database", 15) && strchr(r, '\n'))
			r = strchr(r, '\n') + 1;      /* the heading before the first finding */
		snprintf(first, sizeof(first), "%.*s", (int)strcspn(r ? r : "", "\n"), r ? r : "");
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW) {
		rc = tmk_tm_dberr(tm, "cannot check the TM before writing");
		tmk_tm_exec(tm, "PRAGMA cache_size = " TMK_TM_CACHE, "cannot check the TM");
		return rc;
	}
	if ((rc = tmk_tm_exec(tm, "PRAGMA cache_size = " TMK_TM_CACHE, "cannot check the TM")) < 0)
		return rc;
	if (strcmp(first, "ok") != 0)
		return tmk_error_set(TMK_EINPUT, "%s: the TM is damaged (%s): nothing was written; "
				     "`tmkit doctor` tells what can be saved", tm->path, first);
	tm->checked = 1;
	return 0;
}

int tmk_tm_begin(tmk_tm *tm)
{
	sqlite3_stmt *st;
	int rc;

	if (tm->readonly)
		return tmk_error_set(TMK_EINVAL, "%s: the TM was opened read-only", tm->path);
	if ((rc = check_before_write(tm)) < 0 ||
	    (rc = run_simple(tm, STMT_BEGIN, "cannot start a transaction")) < 0)
		return rc;
	/* read under the write lock: another importer may have added units */
	if (!(st = tmk_tm_stmt(tm, STMT_MAX_ID)))
		return TMK_EIO;
	if (sqlite3_step(st) != SQLITE_ROW) {
		rc = tmk_tm_dberr(tm, "cannot read the TM");
		sqlite3_reset(st);
		return rc;
	}
	tm->indexed_upto = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (!(st = tmk_tm_stmt(tm, STMT_MAX_WORD)))
		return TMK_EIO;
	tm->words_upto = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return 0;
}

/* Index the units added since tmk_tm_begin(), in bulk statements: their
 * words, the words new to the TM (and their trigrams), the language pairs. */
static int index_new_units(tmk_tm *tm)
{
	for (tm_stmt_id id = STMT_INDEX_WORDS; id <= STMT_INDEX_PAIRS; id++) {
		sqlite3_stmt *st = tmk_tm_stmt(tm, id);
		int rc;

		if (!st)
			return TMK_EIO;
		if (id != STMT_INDEX_VOCAB)
			sqlite3_bind_int64(st, 1, id == STMT_INDEX_GRAMS ? tm->words_upto : tm->indexed_upto);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return tmk_tm_dberr(tm, "cannot index the new units");
	}
	return 0;
}

/* After a failed write: give the WAL's space back (a full disk must not
 * stay full of a transaction that never committed).  Best effort: a reader
 * may keep part of it, which the next checkpoint frees. */
static void truncate_wal(tmk_tm *tm)
{
	if (sqlite3_get_autocommit(tm->db))
		sqlite3_wal_checkpoint_v2(tm->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
}

int tmk_tm_commit(tmk_tm *tm)
{
	int rc = index_new_units(tm);

	if (rc == 0)
		rc = run_simple(tm, STMT_COMMIT, "cannot commit");
	if (rc < 0) {
		tmk_tm_abort(tm);
		return rc;
	}
	return 0;
}

int tmk_tm_rollback(tmk_tm *tm)
{
	int rc = 0;

	if (!sqlite3_get_autocommit(tm->db))    /* else nothing open (SQLite may have rolled back itself) */
		rc = run_simple(tm, STMT_ROLLBACK, "cannot roll back");
	truncate_wal(tm);
	return rc;
}

int tmk_tm_read_begin(tmk_tm *tm, int *own)
{
	*own = 0;
	if (!sqlite3_get_autocommit(tm->db))
		return 0;
	if (sqlite3_exec(tm->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
		return tmk_tm_dberr(tm, "cannot read the TM");
	*own = 1;
	return 0;
}

void tmk_tm_read_end(tmk_tm *tm, int own)
{
	if (own && !sqlite3_get_autocommit(tm->db))
		sqlite3_exec(tm->db, "COMMIT", NULL, NULL, NULL);
}

int tmk_tm_abort(tmk_tm *tm)
{
	char msg[1024];
	int code = tmk_error_code();

	snprintf(msg, sizeof(msg), "%s", tmk_error_last());
	tmk_tm_rollback(tm);
	return tmk_error_set(code, "%s", msg);
}

int tmk_tm_add_origin(tmk_tm *tm, int64_t *id, const char *name, const char *format,
		      const char *tool)
{
	sqlite3_stmt *st = tmk_tm_stmt(tm, STMT_ADD_ORIGIN);
	char now[32];
	int rc;

	if (!st)
		return TMK_EIO;
	tmk_now_iso(now);
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, format, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, tool, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, now, -1, SQLITE_TRANSIENT);
	rc = step_done(tm, st, "cannot record the origin");
	*id = sqlite3_last_insert_rowid(tm->db);
	sqlite3_reset(st);
	return rc;
}

int64_t tmk_tm_text_hash(const char *lang, const char *norm, size_t len)
{
	char primary[16];
	size_t n = tmk_langtag_primary_len(lang);
	uint64_t h;

	/* the primary subtag in lower case and its NUL, as version 1 and 2
	 * hashed their plain "de", so their hashes stay valid */
	if (n >= sizeof(primary))
		n = sizeof(primary) - 1;
	for (size_t i = 0; i < n; i++)
		primary[i] = (char)(lang[i] >= 'A' && lang[i] <= 'Z' ? lang[i] + 32 : lang[i]);
	primary[n] = '\0';
	h = tmk_hash(TMK_HASH_SEED, primary, n + 1);
	return (int64_t)tmk_hash(h, norm, len);
}

/* Is column COL of ST's row the markup M[0..LEN) (NULL: none)? */
static int same_markup(sqlite3_stmt *st, int col, const char *m, size_t len)
{
	const char *c = (const char *)sqlite3_column_text(st, col);

	if (!c || !m)
		return !c && !m;
	return (size_t)sqlite3_column_bytes(st, col) == len && !memcmp(c, m, len);
}

/* The id of the unit holding exactly U's pair, or 0: the same texts,
 * inline markup and tags (two units that differ only in their formatting
 * are two units).  SH is the hash of U's source language and matching
 * form: a duplicate shares it. */
static int find_pair(tmk_tm *tm, int64_t *id, const tmk_unit_in *u, int64_t sh)
{
	sqlite3_stmt *st = tmk_tm_stmt(tm, STMT_FIND_PAIR);
	int rc;

	*id = 0;
	if (!st)
		return TMK_EIO;
	sqlite3_bind_int64(st, 1, sh);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		/* text first, then its length (SQLite's documented order); the
		 * pointers die at the next step */
		const char *src = (const char *)sqlite3_column_text(st, 1);
		const char *tgt = (const char *)sqlite3_column_text(st, 2);
		const char *s = (const char *)sqlite3_column_text(st, 3);
		size_t sl = (size_t)sqlite3_column_bytes(st, 3);
		const char *t = (const char *)sqlite3_column_text(st, 4);
		size_t tl = (size_t)sqlite3_column_bytes(st, 4);

		if (src && tgt && s && t && !strcmp(src, u->src_lang) && !strcmp(tgt, u->tgt_lang) &&
		    sl == u->source_len && tl == u->target_len && !memcmp(s, u->source, sl) &&
		    !memcmp(t, u->target, tl) && same_markup(st, 5, u->source_markup, u->source_markup_len) &&
		    same_markup(st, 6, u->target_markup, u->target_markup_len)) {
			*id = sqlite3_column_int64(st, 0);
			break;
		}
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return tmk_tm_dberr(tm, "cannot look up a unit");
	sqlite3_reset(st);
	return 0;
}

static void bind_opt(sqlite3_stmt *st, int i, const char *s, size_t len)
{
	if (s)
		sqlite3_bind_text(st, i, s, (int)len, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

/* Insert U; the caller has put the matching forms in tm->scratch and SH
 * is the source hash. */
static int insert_unit(tmk_tm *tm, int64_t *id, const tmk_unit_in *u, int64_t sh)
{
	sqlite3_stmt *st;
	tmk_buf *sn = &tm->scratch[0], *tn = &tm->scratch[1];
	char now[32];
	int rc;

	if ((rc = tmk_norm_match(tn, u->target, u->target_len)) < 0)
		return rc;
	if (!(st = tmk_tm_stmt(tm, STMT_ADD_UNIT)))
		return TMK_EIO;
	tmk_now_iso(now);
	sqlite3_bind_text(st, 1, u->src_lang, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, u->tgt_lang, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, u->source, (int)u->source_len, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, u->target, (int)u->target_len, SQLITE_STATIC);
	bind_opt(st, 5, u->source_markup, u->source_markup_len);
	bind_opt(st, 6, u->target_markup, u->target_markup_len);
	sqlite3_bind_text(st, 7, sn->ptr ? sn->ptr : "", (int)sn->len, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, tn->ptr ? tn->ptr : "", (int)tn->len, SQLITE_STATIC);
	sqlite3_bind_int64(st, 9, sh);
	sqlite3_bind_int64(st, 10, tmk_tm_text_hash(u->tgt_lang, tn->ptr ? tn->ptr : "", tn->len));
	sqlite3_bind_int64(st, 12, (sqlite3_int64)tmk_count_words(u->source, u->source_len));
	sqlite3_bind_int64(st, 13, (sqlite3_int64)tmk_count_words(u->target, u->target_len));
	bind_opt(st, 14, u->tuid, u->tuid ? strlen(u->tuid) : 0);
	sqlite3_bind_text(st, 15, u->created_at ? u->created_at : now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 16, u->changed_at ? u->changed_at :
				  u->created_at ? u->created_at : now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 17, u->usage_count);
	rc = step_done(tm, st, "cannot add a unit");
	*id = sqlite3_last_insert_rowid(tm->db);
	sqlite3_reset(st);
	return rc;
}

/* The notes of U, on unit ID; a unit that was there already (ADDED 0)
 * gains only those it lacks. */
static int add_notes(tmk_tm *tm, int64_t id, const tmk_unit_in *u, int added)
{
	for (size_t i = 0; i < u->nnotes; i++) {
		const tmk_note *nt = &u->notes[i];
		const char *lang = nt->scope == TMK_SCOPE_SOURCE ? u->src_lang :
				   nt->scope == TMK_SCOPE_TARGET ? u->tgt_lang : NULL;
		sqlite3_stmt *st = tmk_tm_stmt(tm, added ? STMT_ADD_NOTE_NEW : STMT_ADD_NOTE);
		int rc;

		if (!st)
			return TMK_EIO;
		sqlite3_bind_int64(st, 1, id);
		bind_opt(st, 2, lang, lang ? strlen(lang) : 0);
		sqlite3_bind_text(st, 3, nt->kind, -1, SQLITE_STATIC);
		bind_opt(st, 4, nt->type, nt->type ? strlen(nt->type) : 0);
		sqlite3_bind_text(st, 5, nt->value, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 6, nt->scope);
		bind_opt(st, 7, nt->xml_lang, nt->xml_lang ? strlen(nt->xml_lang) : 0);
		bind_opt(st, 8, nt->o_encoding, nt->o_encoding ? strlen(nt->o_encoding) : 0);
		if ((rc = step_done(tm, st, "cannot add a note")) < 0)
			return rc;
	}
	return 0;
}

/* The other attributes of a new unit ID, numbered in file order. */
static int add_attrs(tmk_tm *tm, int64_t id, const tmk_unit_in *u)
{
	for (size_t i = 0; i < u->nattrs; i++) {
		sqlite3_stmt *st = tmk_tm_stmt(tm, STMT_ADD_ATTR);
		int rc;

		if (!st)
			return TMK_EIO;
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int(st, 2, u->attrs[i].scope);
		sqlite3_bind_int64(st, 3, (sqlite3_int64)i);
		sqlite3_bind_text(st, 4, u->attrs[i].name, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 5, u->attrs[i].value, -1, SQLITE_STATIC);
		if ((rc = step_done(tm, st, "cannot add an attribute")) < 0)
			return rc;
	}
	return 0;
}

/* The unit ID is there again: count it, keep the highest usage count and
 * the latest change. */
static int seen_again(tmk_tm *tm, int64_t id, const tmk_unit_in *u)
{
	sqlite3_stmt *st = tmk_tm_stmt(tm, STMT_SEEN_UNIT);
	char now[32];

	if (!st)
		return TMK_EIO;
	tmk_now_iso(now);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, u->usage_count);
	sqlite3_bind_text(st, 3, u->changed_at ? u->changed_at : now, -1, SQLITE_TRANSIENT);
	return step_done(tm, st, "cannot update a unit");
}

/* Check and canonicalise U's two tags into SRC and TGT. */
static int unit_tags(char src[TMK_LANGTAG_MAX], char tgt[TMK_LANGTAG_MAX], const tmk_unit_in *u)
{
	if (!u->src_lang || !u->tgt_lang)
		return tmk_error_set(TMK_EINVAL, "a unit without its languages");
	if (tmk_langtag_canon(src, u->src_lang, strlen(u->src_lang)) < 0 ||
	    tmk_langtag_canon(tgt, u->tgt_lang, strlen(u->tgt_lang)) < 0) {
		char msg[256];
		snprintf(msg, sizeof(msg), "%s", tmk_error_last());     /* not the buffer it writes */
		return tmk_error_set(TMK_EINVAL, "%s", msg);
	}
	if (!strcmp(src, tgt))
		return tmk_error_set(TMK_EINVAL, "a unit whose two sides are both %s", src);
	return 0;
}

int tmk_tm_add_unit(tmk_tm *tm, int *added, int64_t origin, const tmk_unit_in *in)
{
	tmk_buf *sn = &tm->scratch[0];
	char src[TMK_LANGTAG_MAX], tgt[TMK_LANGTAG_MAX];
	tmk_unit_in u = *in;
	int64_t sh, id;
	sqlite3_stmt *st;
	int rc;

	*added = 0;
	if ((rc = unit_tags(src, tgt, in)) < 0)
		return rc;
	u.src_lang = src;
	u.tgt_lang = tgt;
	tmk_buf_clear(sn);
	tmk_buf_clear(&tm->scratch[1]);
	if ((rc = tmk_norm_match(sn, u.source, u.source_len)) < 0)
		return rc;
	sh = tmk_tm_text_hash(u.src_lang, sn->ptr ? sn->ptr : "", sn->len);
	if ((rc = find_pair(tm, &id, &u, sh)) < 0)
		return rc;
	if (id) {
		if ((rc = seen_again(tm, id, &u)) < 0)
			return rc;
	} else {
		if ((rc = insert_unit(tm, &id, &u, sh)) < 0 || (rc = add_attrs(tm, id, &u)) < 0)
			return rc;
		*added = 1;
	}
	if (!(st = tmk_tm_stmt(tm, STMT_ADD_PROVENANCE)))
		return TMK_EIO;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, origin);
	bind_opt(st, 3, u.document, u.document ? strlen(u.document) : 0);
	sqlite3_bind_int64(st, 4, u.position);
	if ((rc = step_done(tm, st, "cannot record provenance")) < 0)
		return rc;
	return add_notes(tm, id, &u, *added);
}

int tmk_tm_each_unit(tmk_tm *tm, int (*fn)(void *ud, int64_t id, const char *src_lang, const char *tgt_lang,
					   const char *source, const char *target), void *ud)
{
	sqlite3_stmt *st = tmk_tm_stmt(tm, STMT_UNIT_ALL);
	int rc = 0, step;

	if (!st)
		return TMK_EIO;
	while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW)
		rc = fn(ud, sqlite3_column_int64(st, 0), (const char *)sqlite3_column_text(st, 1),
			(const char *)sqlite3_column_text(st, 2), (const char *)sqlite3_column_text(st, 3),
			(const char *)sqlite3_column_text(st, 4));
	if (rc == 0 && step != SQLITE_DONE)
		rc = tmk_tm_dberr(tm, "cannot read the TM");
	sqlite3_reset(st);
	return rc;
}
