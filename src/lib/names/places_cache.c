/*
 * places_cache.c - the places index compiled to a file, so that a command
 * that looks up a name reads one file of about 1 MB (well under a
 * millisecond) instead of building the index from ICU and iso-codes
 * (tens of milliseconds, most of it folding 12,000 names).
 *
 * The file is the index's arrays as they are in memory, behind a header
 * with a stamp: a hash of what the index was built from (the data root,
 * the ICU and CLDR versions, path, size and time of every iso-codes file
 * read) and of how names are folded (the folded form and skeleton of a
 * fixed set of probes, so a change of tmk_norm_match or
 * tmk_cognate_skeleton makes the file stale without anyone remembering
 * to bump a version).  A file that is stale, short, or whose offsets
 * point outside it is not used: the index is built and the file written
 * anew.  Writing may fail (a read-only home); that is no error.
 */
#include <string.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <unicode/uversion.h>
#include <unicode/ulocdata.h>

#include "error.h"
#include "names/places_internal.h"
#include "text.h"
#include "textnorm.h"

#define CACHE_MAGIC 0x7864696c504b4d54ULL       /* "TMKPlidx" */
#define CACHE_VERSION 2

typedef struct {
	uint64_t magic, version, stamp;
	uint64_t sizes;         /* sizeof key_rec, place_rec, pair_rec, packed */
	uint64_t nplaces, npairs, nnames, nparts, nskels, nwords, pool, note;
	uint64_t have_iso;
	tmk_places_stats st;
} cache_header;

static uint64_t sizes_word(void)
{
	return (uint64_t)sizeof(key_rec) | (uint64_t)sizeof(place_rec) << 16 |
	       (uint64_t)sizeof(pair_rec) << 32 | (uint64_t)sizeof(tmk_places_stats) << 48;
}

/* Mix the stat of PATH (or its absence) into H. */
static uint64_t stamp_file(uint64_t h, const char *path)
{
	struct stat sb;
	uint64_t v[3] = { 0, 0, 0 };

	h = tmk_hash(h, path, strlen(path) + 1);
	if (stat(path, &sb) == 0) {
		v[0] = (uint64_t)sb.st_size;
		v[1] = (uint64_t)sb.st_mtim.tv_sec;
		v[2] = (uint64_t)sb.st_mtim.tv_nsec;
	}
	return tmk_hash(h, (const char *)v, sizeof(v));
}

/* Mix how the probes fold and reduce to skeletons into H. */
static int stamp_folding(uint64_t *h)
{
	static const char probe[] = "Badachschan Khatlon Tadschikistan Zentrum Straße "
				    "Ĳssel Çanakkale Kǝngǝrli Ra’s al-Khaymah Jōshin’etsu "
				    "Moenchengladbach QUEENSLAND Dschalalabad Phuket Chișinău";
	tmk_buf f = TMK_BUF_INIT, s = TMK_BUF_INIT;
	int rc;

	if ((rc = places_fold(&f, probe, strlen(probe))) == 0 &&
	    (rc = places_skeleton(&s, f.ptr, f.len)) == 0) {
		*h = tmk_hash(*h, f.ptr, f.len);
		*h = tmk_hash(*h, s.ptr, s.len);
	}
	tmk_buf_release(&f);
	tmk_buf_release(&s);
	return rc;
}

int places_cache_stamp(uint64_t *stamp, const char *root, int no_iso)
{
	static const char *const files[] = {
		"iso-codes/json/iso_3166-1.json", "iso-codes/json/iso_3166-2.json",
		"locale/de/LC_MESSAGES/iso_3166-1.mo", "locale/de/LC_MESSAGES/iso_3166-2.mo",
		"pkgconfig/iso-codes.pc",
	};
	UVersionInfo v[2];
	UErrorCode st = U_ZERO_ERROR;
	uint64_t h = tmk_hash(TMK_HASH_SEED, root, strlen(root) + 1);
	tmk_buf path = TMK_BUF_INIT;
	int rc = 0;

	u_getVersion(v[0]);
	ulocdata_getCLDRVersion(v[1], &st);
	h = tmk_hash(h, (const char *)v, sizeof(v));
	h = tmk_hash(h, no_iso ? "-" : "+", 1);
	for (size_t k = 0; k < sizeof(files) / sizeof(files[0]) && !no_iso && rc == 0; k++) {
		tmk_buf_clear(&path);
		if ((rc = tmk_buf_printf(&path, "%s/%s", root, files[k])) == 0)
			h = stamp_file(h, path.ptr);
	}
	tmk_buf_release(&path);
	if (rc == 0)
		rc = stamp_folding(&h);
	*stamp = h;
	return rc;
}

/* ---- reading ---------------------------------------------------------------- */

/* Copy N elements of SIZE bytes from *AT (within END) into a new array
 * *OUT; 0, or -1 when the file is too short or memory ran out. */
static int take(void **out, const char **at, const char *end, uint64_t n, size_t size)
{
	size_t bytes;

	*out = NULL;
	if (n > (uint64_t)(end - *at) / size)
		return -1;
	bytes = (size_t)n * size;
	if (!bytes)
		return 0;
	if (!(*out = malloc(bytes)))
		return -1;
	memcpy(*out, *at, bytes);
	*at += bytes;
	return 0;
}

/* Do all offsets and indexes of P point inside it? */
static int sound(const tmk_places *p)
{
	size_t pool = p->pool.len;
	const key_vec *vs[4] = { &p->names, &p->parts, &p->skels, &p->words };

	if (!pool || p->pool.ptr[pool - 1] != '\0' || p->pool.ptr[0] != '\0')
		return 0;
	for (size_t i = 0; i < p->nplaces; i++) {
		const place_rec *r = &p->places[i];
		int nopair = r->pref == UINT32_MAX && r->last == UINT32_MAX;   /* all names empty */
		if (r->id >= pool || r->code >= pool || r->kind >= pool || r->parent >= pool ||
		    (!nopair && (r->pref >= p->npairs || r->last >= p->npairs)))
			return 0;
	}
	for (size_t i = 0; i < p->npairs; i++) {
		const pair_rec *r = &p->pairs[i];
		if (r->de >= pool || r->en >= pool || r->origin >= pool || r->place >= p->nplaces ||
		    r->next > p->npairs)
			return 0;
	}
	for (int k = 0; k < 4; k++)
		for (size_t i = 0; i < vs[k]->n; i++)
			if (vs[k]->k[i].pair >= p->npairs || vs[k]->k[i].lang > LANG_EN ||
			    (i && vs[k]->k[i - 1].h > vs[k]->k[i].h))
				return 0;
	return 1;
}

/* Fill P from the file's bytes D[0..LEN) with header H; -1 when they do
 * not fit. */
static int unpack(tmk_places *p, const cache_header *h, const char *d, size_t len)
{
	const char *at = d + sizeof(*h), *end = d + len;
	void *pool = NULL, *note = NULL;
	int bad;

	bad = take((void **)&p->names.k, &at, end, h->nnames, sizeof(key_rec)) ||
	      take((void **)&p->parts.k, &at, end, h->nparts, sizeof(key_rec)) ||
	      take((void **)&p->skels.k, &at, end, h->nskels, sizeof(key_rec)) ||
	      take((void **)&p->words.k, &at, end, h->nwords, sizeof(key_rec)) ||
	      take((void **)&p->places, &at, end, h->nplaces, sizeof(place_rec)) ||
	      take((void **)&p->pairs, &at, end, h->npairs, sizeof(pair_rec)) ||
	      take(&pool, &at, end, h->pool, 1) || take(&note, &at, end, h->note, 1) || at != end;
	p->names.n = p->names.cap = (size_t)h->nnames;
	p->parts.n = p->parts.cap = (size_t)h->nparts;
	p->skels.n = p->skels.cap = (size_t)h->nskels;
	p->words.n = p->words.cap = (size_t)h->nwords;
	p->nplaces = p->cap_places = (size_t)h->nplaces;
	p->npairs = p->cap_pairs = (size_t)h->npairs;
	tmk_buf_release(&p->pool);
	p->pool.ptr = pool;
	p->pool.len = (size_t)h->pool;
	p->pool.size = (size_t)h->pool;
	if (!bad && note && ((char *)note)[h->note - 1] == '\0')
		p->note = note;
	else
		free(note);
	if (bad || !pool || (h->note && !p->note) || !sound(p))
		return -1;
	p->pool.len--;          /* the pool's NUL is the buffer's terminator */
	p->have_iso = h->have_iso != 0;
	p->st = h->st;
	return 0;
}

/* Drop whatever unpack() filled in, leaving P as calloc() made it. */
static void unfill(tmk_places *p)
{
	free(p->names.k);
	free(p->parts.k);
	free(p->skels.k);
	free(p->words.k);
	free(p->places);
	free(p->pairs);
	free(p->note);
	tmk_buf_release(&p->pool);
	p->names = p->parts = p->skels = p->words = (key_vec){ 0 };
	p->places = NULL;
	p->pairs = NULL;
	p->note = NULL;
	p->nplaces = p->cap_places = p->npairs = p->cap_pairs = 0;
	p->have_iso = 0;
	memset(&p->st, 0, sizeof(p->st));
}

int places_cache_read(tmk_places *p, const char *path, uint64_t stamp)
{
	tmk_buf d = TMK_BUF_INIT;
	cache_header h;
	int ok = 0;

	if (tmk_read_file(&d, path) == 0 && d.len >= sizeof(h)) {
		memcpy(&h, d.ptr, sizeof(h));
		if (h.magic == CACHE_MAGIC && h.version == CACHE_VERSION && h.stamp == stamp &&
		    h.sizes == sizes_word() && h.pool > 0) {
			ok = unpack(p, &h, d.ptr, d.len) == 0;
			if (!ok)
				unfill(p);
		}
	}
	tmk_buf_release(&d);
	tmk_error_clear();
	return ok;
}

/* ---- writing ---------------------------------------------------------------- */

void places_cache_write(const tmk_places *p, const char *path, uint64_t stamp)
{
	cache_header h = {
		.magic = CACHE_MAGIC, .version = CACHE_VERSION, .stamp = stamp,
		.sizes = sizes_word(), .nplaces = p->nplaces, .npairs = p->npairs,
		.nnames = p->names.n, .nparts = p->parts.n, .nskels = p->skels.n, .nwords = p->words.n,
		.pool = p->pool.len + 1, .note = p->note ? strlen(p->note) + 1 : 0,
		.have_iso = (uint64_t)p->have_iso, .st = p->st,
	};
	tmk_buf b = TMK_BUF_INIT;
	int rc;

	rc = tmk_buf_put(&b, (const char *)&h, sizeof(h));
	if (rc == 0)
		rc = tmk_buf_put(&b, (const char *)p->names.k, p->names.n * sizeof(key_rec));
	if (rc == 0)
		rc = tmk_buf_put(&b, (const char *)p->parts.k, p->parts.n * sizeof(key_rec));
	if (rc == 0)
		rc = tmk_buf_put(&b, (const char *)p->skels.k, p->skels.n * sizeof(key_rec));
	if (rc == 0)
		rc = tmk_buf_put(&b, (const char *)p->words.k, p->words.n * sizeof(key_rec));
	if (rc == 0)
		rc = tmk_buf_put(&b, (const char *)p->places, p->nplaces * sizeof(place_rec));
	if (rc == 0)
		rc = tmk_buf_put(&b, (const char *)p->pairs, p->npairs * sizeof(pair_rec));
	if (rc == 0)
		rc = tmk_buf_put(&b, p->pool.ptr, p->pool.len + 1);
	if (rc == 0 && p->note)
		rc = tmk_buf_put(&b, p->note, strlen(p->note) + 1);
	if (rc == 0 && tmk_make_parents(path) == 0)
		tmk_write_file(path, b.ptr, b.len);
	tmk_buf_release(&b);
	tmk_error_clear();
}
