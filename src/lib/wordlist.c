/*
 * wordlist.c - open-addressing hash set of byte strings with int values;
 * see wordlist.h.  Keys live in one growing arena so that a list of some
 * hundred thousand words costs two allocations, not one per word.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "error.h"
#include "utf8.h"
#include "wordlist.h"

struct slot {
	size_t off;     /* key offset in the arena + 1; 0 = empty slot */
	uint32_t len;
	uint32_t hash;
	int value;
};

struct tmk_wordlist {
	struct slot *slots;
	size_t nslots;  /* a power of two */
	size_t count;
	tmk_buf arena;
};

/* FNV-1a: short keys, good enough spread, no setup cost. */
static uint32_t hash_bytes(const char *s, size_t len)
{
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

int tmk_wordlist_new(tmk_wordlist **out)
{
	tmk_wordlist *wl = calloc(1, sizeof(*wl));

	*out = NULL;
	if (!wl)
		return tmk_error_oom();
	wl->nslots = 64;
	wl->slots = calloc(wl->nslots, sizeof(*wl->slots));
	if (!wl->slots) {
		free(wl);
		return tmk_error_oom();
	}
	*out = wl;
	return 0;
}

void tmk_wordlist_free(tmk_wordlist *wl)
{
	if (!wl)
		return;
	free(wl->slots);
	tmk_buf_release(&wl->arena);
	free(wl);
}

/* The slot holding KEY, or the empty slot where it would go. */
static struct slot *find(const tmk_wordlist *wl, const char *key, size_t len, uint32_t h)
{
	size_t mask = wl->nslots - 1, i = h & mask;

	for (;;) {
		struct slot *sl = &wl->slots[i];
		if (!sl->off)
			return sl;
		if (sl->hash == h && sl->len == len &&
		    memcmp(wl->arena.ptr + sl->off - 1, key, len) == 0)
			return sl;
		i = (i + 1) & mask;
	}
}

static int rehash(tmk_wordlist *wl)
{
	struct slot *old = wl->slots;
	size_t n = wl->nslots;

	wl->slots = calloc(n * 2, sizeof(*wl->slots));
	if (!wl->slots) {
		wl->slots = old;
		return tmk_error_oom();
	}
	wl->nslots = n * 2;
	for (size_t i = 0; i < n; i++) {
		if (old[i].off) {
			size_t mask = wl->nslots - 1, j = old[i].hash & mask;
			while (wl->slots[j].off)
				j = (j + 1) & mask;
			wl->slots[j] = old[i];
		}
	}
	free(old);
	return 0;
}

int tmk_wordlist_add(tmk_wordlist *wl, const char *key, size_t len, int value)
{
	uint32_t h = hash_bytes(key, len);
	struct slot *sl;

	if (len > UINT32_MAX)
		return tmk_error_set(TMK_EINVAL, "word list entry too long");
	if ((wl->count + 1) * 4 > wl->nslots * 3 && rehash(wl) < 0)
		return TMK_ENOMEM;
	sl = find(wl, key, len, h);
	if (!sl->off) {
		size_t off = wl->arena.len;
		if (tmk_buf_put(&wl->arena, key, len) < 0)
			return TMK_ENOMEM;
		sl->off = off + 1;
		sl->len = (uint32_t)len;
		sl->hash = h;
		wl->count++;
	}
	sl->value = value;
	return 0;
}

int tmk_wordlist_get(const tmk_wordlist *wl, const char *key, size_t len)
{
	const struct slot *sl = find(wl, key, len, hash_bytes(key, len));

	return sl->off ? sl->value : -1;
}

size_t tmk_wordlist_count(const tmk_wordlist *wl)
{
	return wl->count;
}

/* Strip spaces and tabs (not other bytes) from both ends of S[*b..*e). */
static void trim(const char *s, size_t *b, size_t *e)
{
	while (*b < *e && (s[*b] == ' ' || s[*b] == '\t'))
		(*b)++;
	while (*e > *b && (s[*e - 1] == ' ' || s[*e - 1] == '\t' || s[*e - 1] == '\r'))
		(*e)--;
}

int tmk_list_parse(const char *name, const char *data, size_t len,
		   tmk_list_entry_fn fn, void *ctx)
{
	size_t pos = 0, line = 0;

	while (pos < len) {
		const char *nl = memchr(data + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - data) : len;
		size_t kb = pos, ke = end, tb = 0, te = 0, bad;
		const char *tab;
		int rc;

		line++;
		pos = end + 1;
		if (!tmk_utf8_valid(data + kb, ke - kb, &bad))
			return tmk_error_set(TMK_EINPUT, "%s:%zu: invalid UTF-8", name, line);
		if (memchr(data + kb, '\0', ke - kb))
			return tmk_error_set(TMK_EINPUT, "%s:%zu: NUL byte", name, line);
		tab = memchr(data + kb, '\t', ke - kb);
		if (tab) {
			tb = (size_t)(tab - data) + 1;
			te = ke;
			ke = (size_t)(tab - data);
			trim(data, &tb, &te);
		}
		trim(data, &kb, &ke);
		if (kb == ke) {
			if (tab && tb < te)
				return tmk_error_set(TMK_EINPUT, "%s:%zu: tag without an entry", name, line);
			continue;       /* blank line */
		}
		if (data[kb] == '#')
			continue;
		if (tab && memchr(data + tb, '\t', te - tb))
			return tmk_error_set(TMK_EINPUT, "%s:%zu: more than one tag", name, line);
		rc = fn(ctx, name, line, data + kb, ke - kb,
			tab && tb < te ? data + tb : NULL, tab ? te - tb : 0);
		if (rc < 0)
			return rc;
	}
	return 0;
}

struct load_ctx {
	tmk_wordlist *wl;
	tmk_wordlist_tagfn tagfn;
	void *ctx;
};

static int load_entry(void *vctx, const char *name, size_t line,
		      const char *key, size_t klen, const char *tag, size_t tlen)
{
	struct load_ctx *lc = vctx;
	int value = 0;

	if (tag && !lc->tagfn)
		return tmk_error_set(TMK_EINPUT, "%s:%zu: this list takes no tags", name, line);
	if (lc->tagfn) {
		value = lc->tagfn(tag, tag ? tlen : 0, lc->ctx);
		if (value < 0)
			return tmk_error_set(TMK_EINPUT, "%s:%zu: unknown tag '%.*s'",
					     name, line, (int)tlen, tag);
	}
	return tmk_wordlist_add(lc->wl, key, klen, value);
}

int tmk_wordlist_load(tmk_wordlist *wl, const char *name, const char *data, size_t len,
		      tmk_wordlist_tagfn tagfn, void *ctx)
{
	struct load_ctx lc = { wl, tagfn, ctx };

	return tmk_list_parse(name, data, len, load_entry, &lc);
}
