/*
 * tm_internal.h - what the TM modules (tm.c, lookup.c, concord.c,
 * export.c, stats.c) share: the database and its prepared statements.
 * Not for the CLI.
 */
#ifndef TMK_TM_INTERNAL_H
#define TMK_TM_INTERNAL_H

#include <sqlite3.h>

#include "tm.h"

/* The statements, prepared on first use and kept until the TM closes.
 * Their SQL is in tm.c, next to the schema it depends on. */
typedef enum {
	STMT_BEGIN, STMT_COMMIT, STMT_ROLLBACK,
	STMT_MAX_ID, STMT_MAX_WORD, STMT_INDEX_WORDS, STMT_INDEX_VOCAB, STMT_INDEX_GRAMS,
	STMT_INDEX_PAIRS,
	STMT_ADD_ORIGIN,
	STMT_FIND_PAIR, STMT_ADD_UNIT, STMT_SEEN_UNIT, STMT_ADD_PROVENANCE, STMT_ADD_NOTE, STMT_ADD_NOTE_NEW,
	STMT_ADD_ATTR,
	STMT_EXACT_SOURCE, STMT_EXACT_TARGET,
	STMT_TERM_DF, STMT_TERM_IDS, STMT_DATA_VERSION, STMT_LANG_PAIRS,
	STMT_CAND_SOURCE, STMT_CAND_TARGET, STMT_SOURCE_NORM, STMT_TARGET_NORM,
	STMT_GRAM_WORDS, STMT_CONCORD_WORDS,
	STMT_UNIT_ORIGIN_NAME, STMT_UNIT_PLACES, STMT_PLACE_PREV, STMT_PLACE_NEXT,
	STMT_EXPORT, STMT_UNIT_NOTES, STMT_UNIT_ATTRS, STMT_SRC_LANGS,
	STMT_STATS_PAIRS, STMT_STATS_ORIGINS, STMT_STATS_TOTALS,
	STMT_CONCEPT_ADD, STMT_CONCEPT_FILL, STMT_CONCEPT_EDIT, STMT_CONCEPT_TOUCH,
	STMT_CONCEPT_DELETE, STMT_CONCEPT_GET, STMT_CONCEPT_TERMS, STMT_CONCEPT_LIST,
	STMT_TERM_ADD, STMT_TERM_PREFERRED, STMT_TERM_HAS_PREFERRED, STMT_TERM_FIND,
	STMT_TERM_UPDATE, STMT_TERM_NEXT_SEQ, STMT_TERM_DELETE, STMT_TERM_LEFT, STMT_TERM_COUNT,
	STMT_TERM_BY_KEY, STMT_TERM_CONTAINS, STMT_TERM_ALL, STMT_TERM_NAMES, STMT_TERM_WORD_ADD,
	STMT_UNIT_PAIRS, STMT_UNIT_PAIRS_COUNT, STMT_UNIT_ALL,
	STMT__COUNT
} tm_stmt_id;

/* The page cache of a TM open for writing (KiB, negative as PRAGMA
 * cache_size wants it). */
#define TMK_TM_CACHE "-262144"

/* A reader maps the TM instead (bytes): lookups read pages at random, and
 * through read() with SQLite's 2 MB default cache each costs a copy. */
#define TMK_TM_MMAP "1073741824"

/* An open TM; tm_open.c makes and frees it, tm.c adds to it. */
struct tmk_tm {
	sqlite3 *db;
	char *path;
	sqlite3_stmt *stmt[STMT__COUNT];
	int64_t indexed_upto;   /* in a transaction: units above this id are not indexed yet */
	int64_t words_upto;     /* and words above this id have no trigrams yet */
	tmk_buf scratch[2];     /* normalised source and target while adding */
	tmk_tm_wait wait;       /* how long a write waits for another writer */
	int64_t wait_start;     /* ms (monotonic) when the current wait began */
	int told_waiting;       /* wait.waiting was called for this wait */
	int checked;            /* quick_check passed since open (first write) */
	int readonly;           /* opened TMK_TM_READONLY */
	struct tmk_word_cache *words;   /* the word index's answers (fuzzy.c, word_cache.h) */
};

sqlite3 *tmk_tm_db(tmk_tm *tm);

/* Run SQL (one or more statements without results); on failure the error
 * is "PATH: WHAT: MESSAGE". */
int tmk_tm_exec(tmk_tm *tm, const char *sql, const char *what);

/* The integer the one-row statement SQL gives, into *OUT (0 without a row). */
int tmk_tm_pragma_int(tmk_tm *tm, const char *sql, int *out);

/* A read that runs many statements (a lookup, a concordance) takes one
 * read transaction for all of them: each statement on its own locks and
 * unlocks the file and checks the WAL, which cost a third of a lookup.
 * tmk_tm_read_begin starts one unless a transaction is open, and says in
 * *OWN whether it did; tmk_tm_read_end ends it if OWN. */
int tmk_tm_read_begin(tmk_tm *tm, int *own);
void tmk_tm_read_end(tmk_tm *tm, int own);

/* Milliseconds of a monotonic clock. */
int64_t tmk_tm_now_ms(void);

/* The prepared statement ID, reset and with its bindings cleared; NULL
 * (with the error set) if it cannot be prepared. */
sqlite3_stmt *tmk_tm_stmt(tmk_tm *tm, tm_stmt_id id);

/* The hash a unit's side is stored under for exact lookup: of LANG's
 * primary subtag (every variant of a language shares it) and NORM, the
 * text's matching form (tmk_norm_match). */
int64_t tmk_tm_text_hash(const char *lang, const char *norm, size_t len);

/* Set the error from the database's last message: "PATH: WHAT: MESSAGE". */
int tmk_tm_dberr(tmk_tm *tm, const char *what);

#endif
