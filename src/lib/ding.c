/*
 * ding.c - the Ding dictionary's senses by word or phrase; see ding.h.
 *
 * A Ding line is "German :: English"; each side has senses separated by
 * " | " (the k-th German sense translates the k-th English one), each
 * sense synonyms separated by "; ", with annotations in {} [] () <> and
 * abbreviations in slashes (/BfV/).  Every synonym of both sides is keyed
 * as the term base keys its terms (tmk_term_key: folded, words stemmed),
 * with annotations and valency words (etw., jdm., to) left out, and each
 * abbreviation on its own.  The index is one sorted array of 16-byte
 * entries (key hash, line offset, sense, side, synonym).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ding.h"
#include "error.h"
#include "lexicon.h"
#include "text.h"
#include "textnorm.h"
#include "utf8.h"

#include <unicode/uchar.h>

typedef struct {
	uint64_t key;
	uint32_t off;           /* the line's start in the Ding text */
	uint16_t sense;
	uint8_t side;           /* 0 German, 1 English */
	uint8_t syn;
} entry_t;

typedef struct {
	uint64_t magic, version, src_size, src_mtime, n;
} idx_header;

#define IDX_MAGIC 0x78646944544D4BULL   /* "TMKDidx" */
#define IDX_VERSION 2
#define MAX_SENSES 512
#define MAX_SYNS 64

struct tmk_ding {
	const char *text;       /* the Ding file (mapped) or the caller's text */
	size_t len;
	void *text_map;
	const entry_t *e;
	size_t n;
	entry_t *own;           /* built here */
	void *idx_map;
	size_t idx_len;
};

void tmk_ding_free(tmk_ding *d)
{
	if (!d)
		return;
	if (d->text_map)
		munmap(d->text_map, d->len);
	if (d->idx_map)
		munmap(d->idx_map, d->idx_len);
	free(d->own);
	free(d);
}

size_t tmk_ding_size(const tmk_ding *d)
{
	return d->n;
}

int tmk_ding_index_path(tmk_buf *out)
{
	return tmk_cache_path(out, "de-en.idx");
}

/* ---- reading a line ------------------------------------------------------ */

/* The senses of one side of line L[0..N): SIDE 0 German, 1 English. */
static size_t senses(const char *l, size_t n, int side, const char **s, size_t *sl)
{
	const char *mid = NULL;

	for (size_t i = 0; i + 4 <= n; i++)
		if (!memcmp(l + i, " :: ", 4)) {
			mid = l + i;
			break;
		}
	if (!mid)
		return 0;
	if (side == 0)
		return tmk_ding_split(l, (size_t)(mid - l), " | ", s, sl, 1, MAX_SENSES);
	return tmk_ding_split(mid + 4, n - (size_t)(mid + 4 - l), " | ", s, sl, 1, MAX_SENSES);
}

static int is_valency(const char *w, size_t n, int side)
{
	static const char *const de[] = { "etw.", "jdn.", "jdm.", "jds.", "jd.", "etw", NULL };
	static const char *const en[] = { "sth.", "sb.", "sb.'s", "sth", "sb", NULL };
	const char *const *list = side ? en : de;

	for (int i = 0; list[i]; i++)
		if (strlen(list[i]) == n && !memcmp(list[i], w, n))
			return 1;
	return 0;
}

/*
 * Synonym S[0..N) as it is looked up, into OUT: annotations and
 * abbreviations out, valency words out, an English verb's "to" out; the
 * abbreviation (the first /.../) into ABBR.  DISPLAY: only {..} out (the
 * form people read: [Br.] and (...) say something).
 */
static void clean(tmk_buf *out, tmk_buf *abbr, const char *s, size_t n, int side, int display)
{
	size_t i = 0;

	tmk_buf_clear(out);
	if (abbr)
		tmk_buf_clear(abbr);
	while (i < n) {
		char c = s[i], close = c == '{' ? '}' : c == '[' ? ']' : c == '(' ? ')' : c == '<' ? '>' : 0;
		if (close && (!display || c == '{')) {
			const char *e = memchr(s + i, close, n - i);
			i = e ? (size_t)(e - s) + 1 : n;
			continue;
		}
		if (c == '/' && !display && (i == 0 || s[i - 1] == ' ')) {
			const char *e = memchr(s + i + 1, '/', n - i - 1);
			if (e && !memchr(s + i + 1, ' ', (size_t)(e - s) - i - 1)) {
				if (abbr && !abbr->len)
					tmk_buf_put(abbr, s + i + 1, (size_t)(e - s) - i - 1);
				i = (size_t)(e - s) + 1;
				continue;
			}
		}
		if (c == ' ') {
			if (out->len && out->ptr[out->len - 1] != ' ')
				tmk_buf_putc(out, ' ');
			i++;
			continue;
		}
		size_t e = i + 1;       /* to a space or an annotation this form drops */
		while (e < n && s[e] != ' ' && s[e] != '{' &&
		       (display || (s[e] != '[' && s[e] != '(' && s[e] != '<')))
			e++;
		if (display || !is_valency(s + i, e - i, side))
			tmk_buf_put(out, s + i, e - i);
		i = e;
	}
	while (out->len && out->ptr[out->len - 1] == ' ')
		out->len--;
	if (side == 1 && !display && out->len > 3 && !memcmp(out->ptr, "to ", 3)) {
		memmove(out->ptr, out->ptr + 3, out->len - 3);
		out->len -= 3;
	}
	tmk_buf_putc(out, '\0');
	out->len--;
}

/* The key of a synonym already cleaned (0 when it has no words or more
 * than six: examples and explanations are not looked up). */
static uint64_t key_of(tmk_buf *norm, tmk_buf *key, int side, const char *s, size_t n)
{
	size_t words;

	if (!n || tmk_term_key(norm, key, &words, side ? "en" : "de", s, n) < 0 || words == 0 ||
	    words > 6)
		return 0;
	return tmk_hash(TMK_HASH_SEED, key->ptr, key->len);
}

/* ---- building the index ---------------------------------------------------- */

typedef struct {
	entry_t *e;
	size_t n, cap;
} entries_t;

static int push(entries_t *es, uint64_t key, size_t off, size_t sense, int side, size_t syn)
{
	if (es->n == es->cap) {
		size_t cap = es->cap ? es->cap * 2 : 1 << 16;
		entry_t *e = realloc(es->e, cap * sizeof(*e));
		if (!e)
			return tmk_error_oom();
		es->e = e;
		es->cap = cap;
	}
	es->e[es->n++] = (entry_t){ key, (uint32_t)off, (uint16_t)sense, (uint8_t)side, (uint8_t)syn };
	return 0;
}

static int cmp_entry(const void *a, const void *b)
{
	const entry_t *x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	if (x->off != y->off)
		return x->off < y->off ? -1 : 1;
	if (x->sense != y->sense)
		return x->sense < y->sense ? -1 : 1;
	return (int)x->side - (int)y->side;
}

/* Index every synonym of TEXT into D->own. */
static int build(tmk_ding *d)
{
	entries_t es = { 0 };
	tmk_buf c = TMK_BUF_INIT, abbr = TMK_BUF_INIT, norm = TMK_BUF_INIT, key = TMK_BUF_INIT;
	const char *s[MAX_SENSES], *syn[MAX_SYNS];
	size_t sl[MAX_SENSES], synl[MAX_SYNS];
	size_t pos = 0;
	int rc = 0;

	if (d->len > UINT32_MAX)
		return tmk_error_set(TMK_EINPUT, "Ding dictionary: larger than 4 GB");
	while (pos < d->len && rc == 0) {
		const char *l = d->text + pos, *nl = memchr(l, '\n', d->len - pos);
		size_t n = nl ? (size_t)(nl - l) : d->len - pos, off = pos;

		pos += n + 1;
		if (!n || l[0] == '#')
			continue;
		for (int side = 0; side < 2 && rc == 0; side++) {
			size_t ns = senses(l, n, side, s, sl);
			for (size_t k = 0; k < ns && rc == 0; k++) {
				size_t ny = tmk_ding_split(s[k], sl[k], "; ", syn, synl, 1, MAX_SYNS);
				for (size_t y = 0; y < ny && rc == 0; y++) {
					uint64_t h;
					clean(&c, &abbr, syn[y], synl[y], side, 0);
					if ((h = key_of(&norm, &key, side, c.ptr, c.len)))
						rc = push(&es, h, off, k, side, y);
					if (rc == 0 && abbr.len && (h = key_of(&norm, &key, side, abbr.ptr, abbr.len)))
						rc = push(&es, h, off, k, side, y);
				}
			}
		}
	}
	tmk_buf_release(&c);
	tmk_buf_release(&abbr);
	tmk_buf_release(&norm);
	tmk_buf_release(&key);
	if (rc < 0) {
		free(es.e);
		return rc;
	}
	if (es.n)
		qsort(es.e, es.n, sizeof(*es.e), cmp_entry);
	d->own = es.e;
	d->e = es.e;
	d->n = es.n;
	return 0;
}

int tmk_ding_parse(tmk_ding **out, const char *data, size_t len)
{
	tmk_ding *d = calloc(1, sizeof(*d));
	int rc;

	*out = NULL;
	if (!d)
		return tmk_error_oom();
	d->text = data;
	d->len = len;
	if ((rc = build(d)) < 0) {
		tmk_ding_free(d);
		return rc;
	}
	*out = d;
	return 0;
}

/* Map the index at PATH when it was made from SRC; 0 or -1. */
static int map_index(tmk_ding *d, const char *path, const struct stat *src)
{
	int fd = open(path, O_RDONLY);
	struct stat sb;
	idx_header h;
	void *m;

	if (fd < 0)
		return -1;
	if (fstat(fd, &sb) != 0 || (size_t)sb.st_size < sizeof(h) ||
	    pread(fd, &h, sizeof(h), 0) != (ssize_t)sizeof(h) || h.magic != IDX_MAGIC ||
	    h.version != IDX_VERSION || h.src_size != (uint64_t)src->st_size ||
	    h.src_mtime != (uint64_t)src->st_mtime ||
	    (uint64_t)sb.st_size != sizeof(h) + h.n * sizeof(entry_t)) {
		close(fd);
		return -1;
	}
	m = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (m == MAP_FAILED)
		return -1;
	d->idx_map = m;
	d->idx_len = (size_t)sb.st_size;
	d->e = (const entry_t *)((const char *)m + sizeof(h));
	d->n = (size_t)h.n;
	for (size_t i = 0; i < d->n; i += 4096)        /* a damaged index: build anew */
		if (d->e[i].off >= d->len) {
			munmap(m, d->idx_len);
			d->idx_map = NULL;
			d->e = NULL;
			d->n = 0;
			return -1;
		}
	return 0;
}

/* Write the index (whole or not at all); failure is no error. */
static void write_index(const tmk_ding *d, const char *path, const struct stat *src)
{
	idx_header h = { IDX_MAGIC, IDX_VERSION, (uint64_t)src->st_size, (uint64_t)src->st_mtime, d->n };
	tmk_buf b = TMK_BUF_INIT;

	if (tmk_make_parents(path) == 0 && tmk_buf_put(&b, (const char *)&h, sizeof(h)) == 0 &&
	    tmk_buf_put(&b, (const char *)d->e, d->n * sizeof(entry_t)) == 0)
		tmk_write_file(path, b.ptr, b.len);
	tmk_error_clear();
	tmk_buf_release(&b);
}

int tmk_ding_open(tmk_ding **out, const char *path, const char *index)
{
	struct stat sb;
	tmk_ding *d;
	int fd, rc;

	*out = NULL;
	if ((fd = open(path, O_RDONLY)) < 0 || fstat(fd, &sb) != 0) {
		rc = tmk_error_set(TMK_EIO, "cannot open the Ding dictionary '%s': %s "
				   "(Debian package trans-de-en)", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return rc;
	}
	if (!S_ISREG(sb.st_mode) || sb.st_size == 0) {
		close(fd);
		return tmk_error_set(TMK_EINPUT, "Ding dictionary '%s': not a dictionary file", path);
	}
	if (!(d = calloc(1, sizeof(*d)))) {
		close(fd);
		return tmk_error_oom();
	}
	d->len = (size_t)sb.st_size;
	d->text_map = mmap(NULL, d->len, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (d->text_map == MAP_FAILED) {
		d->text_map = NULL;
		tmk_ding_free(d);
		return tmk_error_set(TMK_EIO, "cannot map the Ding dictionary '%s': %s", path, strerror(errno));
	}
	d->text = d->text_map;
	if (index && map_index(d, index, &sb) == 0) {
		*out = d;
		return 0;
	}
	if ((rc = build(d)) < 0) {
		tmk_ding_free(d);
		return rc;
	}
	if (d->n == 0) {
		tmk_ding_free(d);
		return tmk_error_set(TMK_EINPUT, "Ding dictionary '%s': no entries in it", path);
	}
	if (index)
		write_index(d, index, &sb);
	*out = d;
	return 0;
}

/* ---- looking up ------------------------------------------------------------- */

typedef struct {
	const entry_t *e;
	tmk_match_kind how;
	size_t linelen;
	int part;               /* a compound's: 0 its modifier, 1 its head */
	int casefit;            /* the synonym starts in the query's case (Zeugen: the noun) */
	size_t rank;            /* the place within its part, once sorted */
} cand_t;

typedef struct {
	cand_t *c;
	size_t n, cap;
	int part;               /* of the candidates probed now */
} cands_t;

/* The entries of KEY (and language FROM) into CS, as kind HOW, each sense once. */
static int probe(const tmk_ding *d, cands_t *cs, const char *from, uint64_t key, tmk_match_kind how)
{
	size_t lo = 0, hi = d->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (d->e[mid].key < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t i = lo; i < d->n && d->e[i].key == key && cs->n < 400; i++) {
		const entry_t *e = &d->e[i];
		int dup = 0;
		if (from && e->side != (strcmp(from, "en") == 0))
			continue;
		for (size_t k = 0; k < cs->n && !dup; k++)
			dup = cs->c[k].e->off == e->off && cs->c[k].e->sense == e->sense;
		if (dup)
			continue;
		if (cs->n == cs->cap) {
			cand_t *c = realloc(cs->c, (cs->cap = cs->cap ? cs->cap * 2 : 16) * sizeof(*c));
			if (!c)
				return tmk_error_oom();
			cs->c = c;
		}
		const char *l = d->text + e->off, *nl = memchr(l, '\n', d->len - e->off);
		cs->c[cs->n++] = (cand_t){ e, how, nl ? (size_t)(nl - l) : d->len - e->off, cs->part, 0, 0 };
	}
	return 0;
}

/* Probe the key of TEXT in both languages (or FROM's). */
static int probe_text(const tmk_ding *d, cands_t *cs, const char *from, const char *text, size_t len,
		      tmk_match_kind how)
{
	tmk_buf norm = TMK_BUF_INIT, key = TMK_BUF_INIT, c = TMK_BUF_INIT;
	uint64_t last = 0;
	int rc = 0;

	for (int side = 0; side < 2 && rc == 0; side++) {
		uint64_t h;
		if (from && side != (strcmp(from, "en") == 0))
			continue;
		clean(&c, NULL, text, len, side, 0);    /* as the index has it: "to attack" is "attack" */
		if ((h = key_of(&norm, &key, side, c.ptr, c.len)) && h != last)
			rc = probe(d, cs, from ? from : NULL, h, how);
		last = h;
	}
	tmk_buf_release(&norm);
	tmk_buf_release(&key);
	tmk_buf_release(&c);
	return rc;
}

static int cmp_cand(const void *a, const void *b)
{
	const cand_t *x = a, *y = b;

	if (x->how != y->how)
		return x->how < y->how ? -1 : 1;
	if (x->casefit != y->casefit)
		return x->casefit > y->casefit ? -1 : 1;
	if ((x->e->sense == 0) != (y->e->sense == 0))   /* the headword's sense first */
		return x->e->sense == 0 ? -1 : 1;
	if (x->e->syn != y->e->syn)
		return x->e->syn < y->e->syn ? -1 : 1;
	/* then Ding's own order: a headword's main sense comes first */
	return x->e->off < y->e->off ? -1 : x->e->off > y->e->off;
}

static int cmp_turn(const void *a, const void *b)
{
	const cand_t *x = a, *y = b;

	if (x->how != y->how)
		return x->how < y->how ? -1 : 1;
	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	return x->part - y->part;
}

/* The synonyms of sense S[0..N) for people: "; " apart, {..} dropped. */
static int display(char **out, const char *s, size_t n)
{
	const char *syn[MAX_SYNS];
	size_t synl[MAX_SYNS], ny = tmk_ding_split(s, n, "; ", syn, synl, 1, MAX_SYNS);
	tmk_buf b = TMK_BUF_INIT, c = TMK_BUF_INIT;

	for (size_t y = 0; y < ny; y++) {
		clean(&c, NULL, syn[y], synl[y], 0, 1);
		if (!c.len)
			continue;
		if (b.len)
			tmk_buf_puts(&b, "; ");
		tmk_buf_put(&b, c.ptr, c.len);
	}
	tmk_buf_release(&c);
	if (tmk_buf_putc(&b, '\0') < 0)
		return tmk_error_oom();
	*out = b.ptr;
	return 0;
}

/* Fill OUT from candidate C: the sense's two sides and the matched synonym. */
static int render(const tmk_ding *d, tmk_ding_sense *out, const cand_t *c)
{
	const char *l = d->text + c->e->off, *s[2][MAX_SENSES];
	size_t sl[2][MAX_SENSES], ns[2], k = c->e->sense;
	int rc;

	for (int side = 0; side < 2; side++)
		ns[side] = senses(l, c->linelen, side, s[side], sl[side]);
	if (k >= ns[0] || k >= ns[1])
		return tmk_error_set(TMK_EINPUT, "Ding dictionary: its index does not fit the file "
				     "(delete the index and look up again)");
	if ((rc = display(&out->de, s[0][k], sl[0][k])) < 0 || (rc = display(&out->en, s[1][k], sl[1][k])) < 0)
		return rc;
	{
		const char *syn[MAX_SYNS];
		size_t synl[MAX_SYNS], ny = tmk_ding_split(s[c->e->side][k], sl[c->e->side][k], "; ", syn, synl, 1,
						    MAX_SYNS);
		size_t y = c->e->syn < ny ? c->e->syn : 0;
		tmk_buf m = TMK_BUF_INIT;
		clean(&m, NULL, syn[y], synl[y], c->e->side, 1);
		out->matched = m.ptr ? m.ptr : strdup("");
		out->lang = c->e->side ? "en" : "de";
		out->how = c->how;
		if (!out->matched)
			return tmk_error_oom();
	}
	return 0;
}

static int32_t first_char(const char *s, size_t n)
{
	size_t i = 0;

	return tmk_utf8_next(s, n, &i);
}

/* Inflected candidates whose synonym has the very folded form of query
 * Q[0..QLEN) (cleaned as its side is) are exact ones. */
static void mark_exact(const tmk_ding *d, cands_t *cs, const char *q, size_t qlen)
{
	tmk_buf cl = TMK_BUF_INIT, norm = TMK_BUF_INIT, key = TMK_BUF_INIT, qn[2] = { TMK_BUF_INIT, TMK_BUF_INIT };
	size_t words;

	for (int side = 0; side < 2; side++) {
		clean(&cl, NULL, q, qlen, side, 0);
		if (tmk_term_key(&qn[side], &key, &words, side ? "en" : "de", cl.ptr ? cl.ptr : "", cl.len) < 0)
			tmk_buf_clear(&qn[side]);
	}
	for (size_t i = 0; i < cs->n; i++) {
		const char *qnorm = qn[cs->c[i].e->side].ptr;
		cand_t *c = &cs->c[i];
		const char *l = d->text + c->e->off, *s[MAX_SENSES], *syn[MAX_SYNS];
		size_t sl[MAX_SENSES], synl[MAX_SYNS], ns, ny;
		if (!qnorm)
			continue;
		ns = senses(l, c->linelen, c->e->side, s, sl);
		if (c->e->sense >= ns)
			continue;
		ny = tmk_ding_split(s[c->e->sense], sl[c->e->sense], "; ", syn, synl, 1, MAX_SYNS);
		if (c->e->syn >= ny)
			continue;
		clean(&cl, NULL, syn[c->e->syn], synl[c->e->syn], c->e->side, 0);
		if (cl.len && qlen)     /* German capitals tell nouns from verbs */
			c->casefit = (u_isupper(first_char(cl.ptr, cl.len)) != 0) ==
				     (u_isupper(first_char(q, qlen)) != 0);
		if (tmk_term_key(&norm, &key, &words, c->e->side ? "en" : "de", cl.ptr ? cl.ptr : "",
				 cl.len) == 0 && norm.ptr && !strcmp(norm.ptr, qnorm))
			c->how = c->how == TMK_MATCH_INFLECTED ? TMK_MATCH_EXACT : c->how;
	}
	tmk_buf_release(&cl);
	tmk_buf_release(&norm);
	tmk_buf_release(&key);
	tmk_buf_release(&qn[0]);
	tmk_buf_release(&qn[1]);
}

void tmk_ding_senses_free(tmk_ding_sense *s, size_t n)
{
	for (size_t i = 0; s && i < n; i++) {
		free(s[i].de);
		free(s[i].en);
		free(s[i].matched);
	}
	free(s);
}

/* A German compound's parts that Ding knows: the longest head (at least
 * four letters) and the modifier before it, with or without a linking s. */
static int compound(const tmk_ding *d, cands_t *cs, const char *w, size_t n)
{
	int rc = 0;

	for (size_t cut = 3; cut + 4 <= n && rc == 0; cut++) {
		size_t before = cs->n;
		if (((unsigned char)w[cut] & 0xC0) == 0x80)
			continue;
		cs->part = 1;
		if ((rc = probe_text(d, cs, "de", w + cut, n - cut, TMK_MATCH_COMPOUND)) < 0 || cs->n == before)
			continue;
		cs->part = 0;
		rc = probe_text(d, cs, "de", w, cut, TMK_MATCH_COMPOUND);
		if (rc == 0 && w[cut - 1] == 's' && cut > 4)
			rc = probe_text(d, cs, "de", w, cut - 1, TMK_MATCH_COMPOUND);
		break;
	}
	return rc;
}

int tmk_ding_lookup(tmk_ding *d, tmk_ding_sense **out, size_t *n, const char *from,
		    const char *query, size_t len, size_t max)
{
	tmk_buf norm = TMK_BUF_INIT, key = TMK_BUF_INIT;
	cands_t cs = { 0 };
	size_t words, keep;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = tmk_term_key(&norm, &key, &words, from ? from : "de", query, len)) < 0)
		goto done;
	if ((rc = probe_text(d, &cs, from, query, len, TMK_MATCH_INFLECTED)) < 0)
		goto done;
	if (cs.n == 0 && words > 1) {           /* des Verfassungsschutzes, the caliphate */
		size_t sp = strcspn(norm.ptr, " ");
		if (tmk_term_is_article(norm.ptr, sp) &&
		    (rc = probe_text(d, &cs, from, norm.ptr + sp + 1, norm.len - sp - 1, TMK_MATCH_INFLECTED)) < 0)
			goto done;
	}
	if (cs.n == 0 && words == 1 && norm.len >= 8 && (!from || !strcmp(from, "de")) &&
	    (rc = compound(d, &cs, norm.ptr, norm.len)) < 0)
		goto done;
	mark_exact(d, &cs, query, len);
	if (cs.n > 1)
		qsort(cs.c, cs.n, sizeof(*cs.c), cmp_cand);
	/* a compound's parts take turns: modifier, head, modifier, ... */
	for (size_t i = 0, r[2] = { 0, 0 }; i < cs.n; i++)
		cs.c[i].rank = r[cs.c[i].part]++;
	if (cs.n > 1)
		qsort(cs.c, cs.n, sizeof(*cs.c), cmp_turn);
	keep = cs.n < max ? cs.n : max;
	if (keep && !(*out = calloc(keep, sizeof(**out)))) {
		rc = tmk_error_oom();
		goto done;
	}
	for (size_t i = 0; i < keep; i++)
		if ((rc = render(d, &(*out)[i], &cs.c[i])) < 0) {
			tmk_ding_senses_free(*out, i + 1);
			*out = NULL;
			goto done;
		}
	*n = keep;
done:
	free(cs.c);
	tmk_buf_release(&norm);
	tmk_buf_release(&key);
	return rc;
}
