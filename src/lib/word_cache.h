/*
 * word_cache.h - what the word index said about a word, kept per TM
 * connection: its document frequency and, for a rare word, the units that
 * hold it.  A batch of lookups (analyze, pretranslate, lookups from stdin)
 * asks about the same words again and again; the fuzzy candidate search
 * (fuzzy.c) spent a third of its time counting and reading them anew.
 * The cache is dropped whenever the TM changes, by this connection or
 * another (tmk_word_cache_sync), so it never answers with stale data.
 */
#ifndef TMK_WORD_CACHE_H
#define TMK_WORD_CACHE_H

#include <stddef.h>
#include <stdint.h>

#include <sqlite3.h>

typedef struct tmk_word_cache tmk_word_cache;

/* One word of one column, as cached. */
typedef struct {
	long long df;           /* units holding it, as counted (capped by the caller) */
	const int64_t *ids;     /* the units, in rowid order, when read; else NULL */
	size_t nids;
} tmk_word_info;

void tmk_word_cache_free(tmk_word_cache *c);

/* Make *C (created on first use) valid for DB: emptied when DB's data
 * changed since the last call.  DV: DB's current PRAGMA data_version.
 * TMK_ENOMEM when it cannot be made. */
int tmk_word_cache_sync(tmk_word_cache **c, sqlite3 *db, long long dv);

/* What is known of WORD in column COL (0 source, 1 target), or NULL. */
const tmk_word_info *tmk_word_cache_get(const tmk_word_cache *c, int col, const char *word);

/* Remember WORD's document frequency DF; and, when IDS is not NULL, its
 * NIDS units (copied).  Entries past the cache's bounds empty it first;
 * a failed allocation leaves the word uncached (the cache is only a cache). */
void tmk_word_cache_put(tmk_word_cache *c, int col, const char *word, long long df, const int64_t *ids,
			size_t nids);

#endif
