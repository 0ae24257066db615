/*
 * word_cache.c - document frequencies and rare postings per connection;
 * see word_cache.h.  Open addressing on a 64-bit hash of column and word;
 * bounded in words and in unit ids held, emptied whole when a bound is
 * reached (a batch's vocabulary is far below them).
 */
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "word_cache.h"

#define MAX_WORDS 65536         /* entries before the cache starts over */
#define MAX_IDS (2u << 20)      /* unit ids held in all (16 MB) */

typedef struct {
	uint64_t hash;          /* 0: empty slot */
	char *word;             /* column digit, then the word */
	tmk_word_info info;
} entry;

struct tmk_word_cache {
	entry *v;
	size_t n, cap;          /* CAP a power of two */
	size_t ids;             /* unit ids held */
	long long dv;           /* PRAGMA data_version when filled */
	sqlite3_int64 changes;  /* and sqlite3_total_changes64 */
};

/* FNV-1a of COL and WORD, never 0. */
static uint64_t hash_of(int col, const char *word)
{
	uint64_t h = 14695981039346656037ull ^ (uint64_t)(col + 1);

	h *= 1099511628211ull;
	for (const unsigned char *p = (const unsigned char *)word; *p; p++)
		h = (h ^ *p) * 1099511628211ull;
	return h ? h : 1;
}

static void clear(tmk_word_cache *c)
{
	for (size_t i = 0; i < c->cap; i++)
		if (c->v[i].hash) {
			free(c->v[i].word);
			free((void *)c->v[i].info.ids);
		}
	memset(c->v, 0, c->cap * sizeof(*c->v));
	c->n = 0;
	c->ids = 0;
}

void tmk_word_cache_free(tmk_word_cache *c)
{
	if (!c)
		return;
	clear(c);
	free(c->v);
	free(c);
}

int tmk_word_cache_sync(tmk_word_cache **cp, sqlite3 *db, long long dv)
{
	tmk_word_cache *c = *cp;
	sqlite3_int64 changes = sqlite3_total_changes64(db);

	if (!c) {
		if (!(c = calloc(1, sizeof(*c))) || !(c->v = calloc(2 * MAX_WORDS, sizeof(*c->v)))) {
			free(c);
			return tmk_error_oom();
		}
		c->cap = 2 * MAX_WORDS;
		*cp = c;
	} else if (c->dv != dv || c->changes != changes) {
		clear(c);
	}
	c->dv = dv;
	c->changes = changes;
	return 0;
}

/* The slot of (COL, WORD): its entry, or the empty slot it would take. */
static entry *slot(const tmk_word_cache *c, uint64_t h, int col, const char *word)
{
	size_t i = (size_t)h & (c->cap - 1);

	while (c->v[i].hash && (c->v[i].hash != h || c->v[i].word[0] != '0' + col ||
				strcmp(c->v[i].word + 1, word)))
		i = (i + 1) & (c->cap - 1);
	return &c->v[i];
}

const tmk_word_info *tmk_word_cache_get(const tmk_word_cache *c, int col, const char *word)
{
	entry *e;

	if (!c)
		return NULL;
	e = slot(c, hash_of(col, word), col, word);
	return e->hash ? &e->info : NULL;
}

void tmk_word_cache_put(tmk_word_cache *c, int col, const char *word, long long df, const int64_t *ids,
			size_t nids)
{
	uint64_t h = hash_of(col, word);
	size_t len = strlen(word);
	int64_t *copy = NULL;
	entry *e;

	if (!c || (ids && nids > MAX_IDS))
		return;
	if (c->n >= MAX_WORDS || (ids && c->ids + nids > MAX_IDS))
		clear(c);
	e = slot(c, h, col, word);
	if (ids && !(copy = malloc((nids ? nids : 1) * sizeof(*copy))))
		return;
	if (copy)
		memcpy(copy, ids, nids * sizeof(*copy));
	if (!e->hash) {
		if (!(e->word = malloc(len + 2))) {
			free(copy);
			return;
		}
		e->word[0] = (char)('0' + col);
		memcpy(e->word + 1, word, len + 1);
		e->hash = h;
		c->n++;
	} else if (e->info.ids && !copy) {     /* a count again: the units stay */
		e->info.df = df;
		return;
	} else if (e->info.ids) {
		c->ids -= e->info.nids;
		free((void *)e->info.ids);
	}
	e->info = (tmk_word_info){ df, copy, copy ? nids : 0 };
	c->ids += e->info.nids;
}
