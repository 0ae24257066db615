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
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "concord.h"
#include "ding.h"
#include "embedded.h"
#include "error.h"
#include "langtag.h"
#include "lexicon.h"
#include "text.h"
#include "textnorm.h"
#include "utf8.h"

#include <hunspell/hunspell.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

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
	Hunhandle *hs;          /* hunspell's de_DE for compounds, read when first needed */
	char *hs_dir;           /* where it is (NULL: /usr/share/hunspell) */
	int hs_tried;
	char *dic;              /* its word list, "\n"-led and NUL-ended (NULL: not read) */
};

void tmk_ding_free(tmk_ding *d)
{
	if (!d)
		return;
	if (d->text_map)
		munmap(d->text_map, d->len);
	if (d->idx_map)
		munmap(d->idx_map, d->idx_len);
	if (d->hs)
		Hunspell_destroy(d->hs);
	free(d->hs_dir);
	free(d->dic);
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
	static const char *const en[] = { "sth.", "sb.", "sb.'s", "sb.’s", "sth.’s", "sth", "sb", NULL };
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
		/* only senses both sides have: the k-th German one translates the
		 * k-th English one, and a sense without its other side cannot be
		 * shown (a damaged or hand-edited line) */
		size_t both = senses(l, n, 0, s, sl), ns1 = senses(l, n, 1, s, sl);
		if (ns1 < both)
			both = ns1;
		for (int side = 0; side < 2 && rc == 0; side++) {
			size_t ns = senses(l, n, side, s, sl);
			if (ns > both)
				ns = both;
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
	int casefit;            /* the synonym starts in the query's case (Zeugen: the noun) */
	int headword;           /* a compound's part: the entry's headword, or its plural */
} cand_t;

typedef struct {
	cand_t *c;
	size_t n, cap;
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
		/* a mapped index is checked only here and there (map_index): an
		 * entry that points past the text or to no side is damage */
		if (e->off >= d->len || e->side > 1)
			continue;
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
		cs->c[cs->n++] = (cand_t){ e, how, nl ? (size_t)(nl - l) : d->len - e->off, 0, 0 };
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

/* One Ding line cut up: its senses on both sides. */
typedef struct {
	const char *s[2][MAX_SENSES];
	size_t sl[2][MAX_SENSES], ns[2];
} line_t;

/* Cut the line of candidate C; 0, or -1 when its sense is not there. */
static int cut_line(const tmk_ding *d, const cand_t *c, line_t *v)
{
	const char *l = d->text + c->e->off;

	for (int side = 0; side < 2; side++)
		v->ns[side] = senses(l, c->linelen, side, v->s[side], v->sl[side]);
	return c->e->sense < v->ns[0] && c->e->sense < v->ns[1] ? 0 : -1;
}

/* Synonym Y (or the first, when there are fewer) of sense K on SIDE of V, raw. */
static void synonym(const line_t *v, int side, size_t k, size_t y, const char **s, size_t *n)
{
	const char *syn[MAX_SYNS];
	size_t synl[MAX_SYNS], ny = tmk_ding_split(v->s[side][k], v->sl[side][k], "; ", syn, synl, 1, MAX_SYNS);

	if (y >= ny)
		y = 0;
	*s = syn[y];
	*n = synl[y];
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

/* S[0..N) in lower case, letter by letter (ß and umlauts kept: Maß is
 * not Mass), into B. */
static void lower(tmk_buf *b, const char *s, size_t n)
{
	size_t i = 0;

	tmk_buf_clear(b);
	while (i < n) {
		char u[4];
		int32_t k = 0;
		U8_APPEND_UNSAFE(u, k, u_tolower(tmk_utf8_next(s, n, &i)));
		tmk_buf_put(b, u, (size_t)k);
	}
}

/* ---- tags ------------------------------------------------------------------ */

/* Usage tags that make a sense a poor first choice, and a compound's part
 * no part at all: rare, old, poetic or joking words; vulgar ones too. */
static const char *const rare_tags[] = { "rare", "selten", "obs.", "veraltet", "archaic", "dated", "alt",
	"veraltend", "altertümlich", "poet.", "humor.", "vulg.", "slang", NULL };

/* Tags that say where or how a word is used, not what it is about. */
static const char *const usage_tags[] = { "Br.", "Am.", "eAm.", "eBr.", "Ös.", "Schw.", "Dt.", "Süddt.",
	"Norddt.", "Mitteldt.", "Westdt.", "Ostdt.", "Bayr.", "BW", "Austr.", "Sc.", "NZ", "Can.", "Ir.",
	"ugs.", "coll.", "geh.", "formal", "übtr.", "fig.", "pej.", "iron.", "euphem.", "Sprw.", "prov.",
	"tm", "Südtirol", "Jugendsprache", "Kindersprache", "nachgestellt", "postpositive", "adm.", NULL };

static int in_list(const char *const *list, const char *s, size_t n)
{
	for (int i = 0; list[i]; i++)
		if (strlen(list[i]) == n && !memcmp(list[i], s, n))
			return 1;
	return 0;
}

/* Append the [tags] of S[0..N) to B, one space apart, each once. */
static void collect_tags(tmk_buf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *e;
		if (s[i] != '[' || !(e = memchr(s + i, ']', n - i)))
			continue;
		size_t tl = (size_t)(e - s) - i - 1;
		if (tl && tl < 40 && !memchr(s + i + 1, ' ', tl)) {
			int seen = 0;
			for (size_t k = 0; k + tl <= b->len && !seen; k++)
				seen = !memcmp(b->ptr + k, s + i + 1, tl) && (k == 0 || b->ptr[k - 1] == ' ') &&
				       (k + tl == b->len || b->ptr[k + tl] == ' ');
			if (!seen) {
				if (b->len)
					tmk_buf_putc(b, ' ');
				tmk_buf_put(b, s + i + 1, tl);
			}
		}
		i = (size_t)(e - s);
	}
}

/* Does the tag list T ("jur. Br.") hold a tag of LIST? */
static int has_tag(const char *t, const char *const *list)
{
	while (t && *t) {
		size_t n = strcspn(t, " ");
		if (in_list(list, t, n))
			return 1;
		t += n;
		t += *t == ' ';
	}
	return 0;
}

/* The tags of sense K of V and of its entry (the first German sense: Ding
 * tags a whole entry there, not each plural). */
static int sense_tags(char **out, const line_t *v, size_t k)
{
	tmk_buf b = TMK_BUF_INIT;

	collect_tags(&b, v->s[0][k], v->sl[0][k]);
	collect_tags(&b, v->s[1][k], v->sl[1][k]);
	if (k)
		collect_tags(&b, v->s[0][0], v->sl[0][0]);
	if (tmk_buf_putc(&b, '\0') < 0)
		return tmk_error_oom();
	*out = b.ptr;
	return 0;
}

/* ---- rare words ------------------------------------------------------------ */

/*
 * The English words of general language: dictionaries/freq/en.freq (a
 * frequency list made from Ding and general text, one "word TAB count" a
 * line, compiled in when the tree has it), as sorted hashes, read once a
 * process into an open-addressing set of their hashes (no sort: 40,000
 * words cost a fraction of a millisecond).  A word it lacks is rare
 * (accusativeness, accusal).  Without the list no word is rare by
 * itself, only by Ding's tags.
 */
static uint64_t *common_set;    /* 0: an empty slot */
static size_t common_mask;
static pthread_once_t common_once = PTHREAD_ONCE_INIT;

static void common_put(uint64_t h)
{
	size_t i = (size_t)h & common_mask;

	while (common_set[i] && common_set[i] != h)
		i = (i + 1) & common_mask;
	common_set[i] = h;
}

static void load_common(void)
{
	size_t len, n = 0, cap = 1;
	const char *data = tmk_embedded_find("dictionaries/freq/en.freq", &len), *p, *end;

	if (!data)
		return;
	end = data + len;
	for (p = data; p < end; p++)
		n += *p == '\n';
	while (cap < 2 * n + 2)
		cap *= 2;
	if (!(common_set = calloc(cap, sizeof(*common_set))))
		return;
	common_mask = cap - 1;
	for (p = data; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p)), *e = nl ? nl : end;
		const char *tab = memchr(p, '\t', (size_t)(e - p));
		if (p < e && *p != '#' && tab && tab > p)
			common_put(tmk_hash(TMK_HASH_SEED, p, (size_t)(tab - p)) | 1);
		p = e + 1;
	}
}

/* Is English word W (lower case) in the list, or its singular?  -1: no list. */
static int common_word(const char *w, size_t n)
{
	pthread_once(&common_once, load_common);
	if (!common_set)
		return -1;
	for (size_t cut = 0; cut < 2 && n > cut; cut++) {
		uint64_t h = tmk_hash(TMK_HASH_SEED, w, n - cut) | 1;
		for (size_t i = (size_t)h & common_mask; common_set[i]; i = (i + 1) & common_mask)
			if (common_set[i] == h)
				return 1;
		if (w[n - 1] != 's')
			break;
	}
	return 0;
}

/* Is English sense S[0..N) made of rare words only: every synonym one
 * word general language lacks (accusativeness, accusal, pleader)?
 * Phrases are descriptions, never rare. */
static int rare_words(const char *s, size_t n)
{
	const char *syn[MAX_SYNS];
	size_t synl[MAX_SYNS], ny = tmk_ding_split(s, n, "; ", syn, synl, 1, MAX_SYNS);
	tmk_buf c = TMK_BUF_INIT, w = TMK_BUF_INIT;
	int rare = 0;

	for (size_t y = 0; y < ny; y++) {
		clean(&c, NULL, syn[y], synl[y], 1, 0);
		if (!c.len)
			continue;
		lower(&w, c.ptr, c.len);
		if (memchr(w.ptr, ' ', w.len) || common_word(w.ptr, w.len) != 0) {
			rare = 0;
			break;
		}
		rare = 1;
	}
	tmk_buf_release(&c);
	tmk_buf_release(&w);
	return rare;
}

/* Fill OUT from candidate C: the sense's two sides, the matched synonym,
 * its tags and whether it is rare. */
static int render(const tmk_ding *d, tmk_ding_sense *out, const cand_t *c)
{
	line_t v;
	size_t k = c->e->sense;
	const char *s;
	size_t n;
	int rc;

	if (cut_line(d, c, &v) < 0)
		return tmk_error_set(TMK_EINPUT, "Ding dictionary: its index does not fit the file "
				     "(delete the index and look up again)");
	if ((rc = display(&out->de, v.s[0][k], v.sl[0][k])) < 0 ||
	    (rc = display(&out->en, v.s[1][k], v.sl[1][k])) < 0 || (rc = sense_tags(&out->tags, &v, k)) < 0)
		return rc;
	synonym(&v, c->e->side, k, c->e->syn, &s, &n);
	{
		tmk_buf m = TMK_BUF_INIT;
		clean(&m, NULL, s, n, c->e->side, 1);
		out->matched = m.ptr ? m.ptr : strdup("");
	}
	out->lang = c->e->side ? "en" : "de";
	out->how = c->how;
	out->rare = has_tag(out->tags, rare_tags) || rare_words(v.s[1][k], v.sl[1][k]);
	return out->matched ? 0 : tmk_error_oom();
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

static void free_sense(tmk_ding_sense *s)
{
	free(s->de);
	free(s->en);
	free(s->matched);
	free(s->tags);
}

void tmk_ding_senses_free(tmk_ding_sense *s, size_t n)
{
	for (size_t i = 0; s && i < n; i++)
		free_sense(&s[i]);
	free(s);
}

/* ---- compounds --------------------------------------------------------------- */

#define MAX_PARTS 3
#define MIN_PART 3              /* letters in a part */

/* A part of a compound: where it stands in the word and what Ding says. */
typedef struct {
	size_t b, e;            /* its bytes in the word, the linking element included */
	char *de;               /* the Ding word it is ("Masse" for Massen) */
	char *en;               /* the English of that word's first ordinary sense */
	int upper;              /* Ding writes it with a capital (a noun) */
} part_t;

static void parts_release(part_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(p[i].de);
		free(p[i].en);
		p[i].de = p[i].en = NULL;
	}
}

/* Does raw synonym S[0..N) carry a noun's gender or plural: {m} {f} {n}
 * {pl} {m,f} ...? */
static int is_noun(const char *s, size_t n)
{
	for (size_t i = 0; i + 2 < n; i++)
		if (s[i] == '{' && (s[i + 1] == 'm' || s[i + 1] == 'f' || (s[i + 1] == 'n' && s[i + 2] != 'u') ||
				    (s[i + 1] == 'p' && s[i + 2] == 'l')))
			return 1;
	return 0;
}

/* Does S[0..N) hold SUB? */
static int has_sub(const char *s, size_t n, const char *sub)
{
	size_t l = strlen(sub);

	for (size_t k = 0; k + l <= n; k++)
		if (!memcmp(s + k, sub, l))
			return 1;
	return 0;
}

/* Is S[0..N) a word class no compound is built on with a sense of its own
 * (interjections, prepositions, pronouns, conjunctions, articles,
 * adverbs, numerals)? */
static int function_word(const char *s, size_t n)
{
	static const char *const pos[] = { "{interj}", "{prp", "{pron}", "{ppron}", "{conj}", "{art}", "{adv}",
		"{num}", NULL };

	for (int i = 0; pos[i]; i++)
		if (has_sub(s, n, pos[i]))
			return 1;
	return 0;
}

/* Is cleaned English synonym S, the translation of German word DE, a
 * name: "the" and a capital (the Balkans, the Hague), or a capital for a
 * German noun (Palästinenser: Palestinian, Syrien: Syria)?  An adjective
 * is a word (deutsch: German). */
static int english_name(const char *s, size_t n, const char *de, size_t den)
{
	if (n > 4 && !memcmp(s, "the ", 4))
		return u_isupper(first_char(s + 4, n - 4));
	return n && u_isupper(first_char(s, n)) && den && u_isupper(first_char(de, den));
}

/* Is S[0..N) all capitals (an abbreviation: BND, EU)? */
static int all_caps(const char *s, size_t n)
{
	size_t i = 0, letters = 0;

	while (i < n) {
		int32_t c = tmk_utf8_next(s, n, &i);
		if (u_isalpha(c)) {
			if (!u_isupper(c))
				return 0;
			letters++;
		}
	}
	return letters > 0;
}

/*
 * Is sense K of V, found by raw synonym SYN[0..SYNLEN), an ordinary word a
 * compound can be built on?  Not a name (english_name(): the Balkans), an
 * abbreviation, a function word, a rare, vulgar or slang word.  HEAD: also
 * a noun.
 */
static int ordinary(const line_t *v, size_t k, const char *syn, size_t synlen, int head)
{
	tmk_buf c = TMK_BUF_INIT, de = TMK_BUF_INIT, tags = TMK_BUF_INIT;
	const char *en;
	size_t enl;
	int ok;

	if (head && !is_noun(syn, synlen))
		return 0;
	if (function_word(v->s[0][k], v->sl[0][k]))
		return 0;
	collect_tags(&tags, v->s[0][k], v->sl[0][k]);
	collect_tags(&tags, v->s[1][k], v->sl[1][k]);
	if (tmk_buf_putc(&tags, '\0') < 0)
		return 0;
	ok = !has_tag(tags.ptr, rare_tags);
	clean(&de, NULL, syn, synlen, 0, 0);
	ok = ok && de.len && !all_caps(de.ptr, de.len);
	synonym(v, 1, k, 0, &en, &enl);
	clean(&c, NULL, en, enl, 1, 0);
	ok = ok && c.len && !english_name(c.ptr, c.len, de.ptr, de.len);
	tmk_buf_release(&c);
	tmk_buf_release(&de);
	tmk_buf_release(&tags);
	return ok;
}

/* German endings of a noun's case and number: the head of a compound as
 * the query inflects it (Anschlägen: Anschläge + n). */
static int noun_ending(const char *s, size_t n)
{
	static const char *const end[] = { "e", "s", "es", "n", "en", "er", "ern", "nen", "se", "sen", NULL };

	return in_list(end, s, n);
}

/* Fill P from sense K of V, found by raw synonym SYN[0..SYNLEN): Ding's
 * word and the English of its sense; a plural modifier (Massen) stands
 * for its entry's singular (Masse: mass).  1, or TMK_ENOMEM. */
static int fill_part(part_t *p, const line_t *v, size_t k, const char *syn, size_t synlen, int head)
{
	tmk_buf c = TMK_BUF_INIT;
	const char *en;
	size_t enl;

	if (!head && k > 0 && has_sub(syn, synlen, "{pl}") && ordinary(v, 0, v->s[0][0], v->sl[0][0], 1)) {
		k = 0;
		synonym(v, 0, 0, 0, &syn, &synlen);
	}
	synonym(v, 1, k, 0, &en, &enl);
	clean(&c, NULL, en, enl, 1, 0);
	for (size_t i = 0; i + 1 < c.len; i++)
		if (c.ptr[i] == ' ' && c.ptr[i + 1] == '/') {     /* government /Gov.; Govt./ */
			c.ptr[i] = '\0';
			break;
		}
	p->en = c.ptr ? strdup(c.ptr) : NULL;
	clean(&c, NULL, syn, synlen, 0, 0);
	p->de = c.ptr ? strdup(c.ptr) : NULL;
	p->upper = c.len && u_isupper(first_char(c.ptr, c.len));
	tmk_buf_release(&c);
	if (!p->de || !p->en) {
		parts_release(p, 1);
		return tmk_error_oom();
	}
	return 1;
}

/* Cands in a part's order: the entries of which it is the headword (or
 * its plural: Massen {pl} in Masse's entry, not Massen as the third word
 * for crush), in Ding's order (Anschlag: attack before fence); then the
 * others, the first synonym of a sense first. */
static int cmp_part(const void *a, const void *b)
{
	const cand_t *x = a, *y = b;

	if (x->headword != y->headword)
		return x->headword > y->headword ? -1 : 1;
	if (!x->headword && x->e->syn != y->e->syn)
		return x->e->syn < y->e->syn ? -1 : 1;
	return x->e->off < y->e->off ? -1 : x->e->off > y->e->off;
}

/* Mark the candidates of CS whose synonym heads their entry: the first of
 * its first sense, or the first of a plural sense ({pl}); 2 when it has no
 * qualifier before it ("(missglückter) Anschlag" is 1). */
static void mark_headwords(const tmk_ding *d, cands_t *cs)
{
	for (size_t i = 0; i < cs->n; i++) {
		line_t v;
		const char *syn;
		size_t synlen;
		cand_t *c = &cs->c[i];
		c->headword = 0;
		if (c->e->syn != 0 || cut_line(d, c, &v) < 0)
			continue;
		synonym(&v, 0, c->e->sense, 0, &syn, &synlen);
		if (c->e->sense == 0 || has_sub(syn, synlen, "{pl}"))
			c->headword = synlen && syn[0] == '(' ? 1 : 2;
	}
}

/* How a part is matched against Ding's synonyms. */
typedef enum {
	PART_NOUN,              /* the word itself, a noun */
	PART_INFLECTED,         /* a noun, PN with one of its endings (Anschlägen) */
	PART_WORD,              /* the word itself, any class but a function word */
	PART_PREFIX,            /* Ding's modifier form: Bundes… federal, Abschieds… goodbye */
} part_mode;

/*
 * Is candidate C the word PN[0..PNL) (lower case), matched as MODE, in an
 * ordinary sense (HEAD: a noun's)?  Then 1, with P filled.
 */
static int part_of(const tmk_ding *d, const cand_t *c, const char *pn, size_t pnl, int head, part_mode mode,
		   part_t *p)
{
	static const char ellipsis[] = "\xE2\x80\xA6";
	tmk_buf sn = TMK_BUF_INIT, cl = TMK_BUF_INIT;
	const char *syn;
	size_t synlen, k = c->e->sense;
	line_t v;
	int rc = 0, fits;

	if ((mode == PART_PREFIX && k) || cut_line(d, c, &v) < 0)
		return 0;       /* a modifier form in an entry's first sense */
	synonym(&v, 0, k, c->e->syn, &syn, &synlen);
	if ((mode == PART_NOUN || mode == PART_INFLECTED) && !is_noun(syn, synlen))
		return 0;
	clean(&cl, NULL, syn, synlen, 0, 0);
	lower(&sn, cl.ptr ? cl.ptr : "", cl.len);
	if (mode == PART_INFLECTED)
		fits = pnl > sn.len && !memcmp(pn, sn.ptr, sn.len) && noun_ending(pn + sn.len, pnl - sn.len);
	else if (mode == PART_PREFIX)
		fits = sn.len == pnl + 3 && !memcmp(sn.ptr, pn, pnl) && !memcmp(sn.ptr + pnl, ellipsis, 3);
	else
		fits = sn.len == pnl && !memcmp(sn.ptr, pn, pnl);
	if (sn.len && fits && ordinary(&v, k, syn, synlen, head))
		rc = fill_part(p, &v, k, syn, synlen, head);
	tmk_buf_release(&sn);
	tmk_buf_release(&cl);
	return rc;
}

/*
 * Is W[0..N) a Ding word with an ordinary sense, matched in one of MODES
 * in turn (HEAD: a noun's sense)?  The first such sense in cmp_part()'s
 * order into P.  1 found, 0 not, or an error.
 */
static int known_part(const tmk_ding *d, const char *w, size_t n, int head, const part_mode *modes,
		      size_t nmodes, part_t *p)
{
	tmk_buf pn = TMK_BUF_INIT;
	cands_t cs = { 0 };
	int rc;

	lower(&pn, w, n);
	if ((rc = probe_text(d, &cs, "de", w, n, TMK_MATCH_INFLECTED)) < 0)
		goto done;
	mark_headwords(d, &cs);
	if (cs.n > 1)
		qsort(cs.c, cs.n, sizeof(*cs.c), cmp_part);
	for (size_t m = 0; m < nmodes && rc == 0; m++)
		for (size_t i = 0; i < cs.n && rc == 0; i++)
			rc = part_of(d, &cs.c[i], pn.ptr, pn.len, head, modes[m], p);
done:
	free(cs.c);
	tmk_buf_release(&pn);
	return rc;
}

/* A head: a noun as it is, then inflected (Rechte: rights before Recht's
 * right).  A modifier: a noun as it is (Massen: Masse's plural, not the
 * prefix Massen-: wholesale), Ding's modifier form (Bundes…: federal, not
 * Bund: bunch), then a noun or another word without its linking element. */
static const part_mode head_modes[] = { PART_NOUN, PART_INFLECTED };
static const part_mode noun_mode[] = { PART_NOUN };
static const part_mode prefix_mode[] = { PART_PREFIX };
static const part_mode word_modes[] = { PART_NOUN, PART_WORD };

/* Endings after which German links with s (Koalitionsvertrag,
 * Sicherheitsrat): such a modifier without it is a wrong cut. */
static const char *const s_linked[] = { "ung", "heit", "keit", "schaft", "tion", "sion", "tät", "ling", NULL };

/* Prefixes and particles, no words of a compound of their own
 * (Mit|organisator); and the points of the compass, which make names of
 * places more often than words (West|bank, Ost|ukraine, Nord|syrien). */
static const char *const prefixes[] = { "nord", "süd", "ost", "west", "nordost", "nordwest", "südost",
	"südwest", "mit", "vor", "nach", "auf", "aus", "bei", "ein", "durch", "über",
	"unter", "gegen", "wider", "hinter", "miss", "zwischen", "neben", "ober", "ab", "an", "um", "zu", "ur",
	"un", "ent", "ver", "zer", "ge", "be", "er", NULL };

/* Does W[0..N) (any case) end with one of LIST, or (WHOLE) is it one? */
static int ends_with_any(const char *w, size_t n, const char *const *list, int whole)
{
	tmk_buf lw = TMK_BUF_INIT;
	int hit = 0;

	lower(&lw, w, n);
	for (int i = 0; list[i] && !hit && lw.ptr; i++) {
		size_t l = strlen(list[i]);
		hit = whole ? lw.len == l && !memcmp(lw.ptr, list[i], l)
			    : lw.len > l && !memcmp(lw.ptr + lw.len - l, list[i], l);
	}
	tmk_buf_release(&lw);
	return hit;
}

/* How a modifier joins its head: the linking elements, longest first
 * after none (Verfassungsschutz|bericht, Sicherheit|s|rat, Masse|n|...,
 * Kind|er|..., Bund|es|...), and an elided e (Grenz|kontrolle: Grenze). */
static const char *const linking[] = { "", "s", "es", "en", "er", "n", "e", NULL };

static size_t letters(const char *s, size_t n)
{
	return tmk_utf8_count(s, n);
}

static int split(const tmk_ding *d, const char *w, size_t n, part_t *p, size_t *np, size_t depth);

/*
 * The modifier W[0..CUT) before a head: a known word with one of the
 * linking elements or an elided e, else (DEPTH >= 2) a compound of at most
 * DEPTH parts itself.  Its parts into P (*NP of them), the last one's span
 * up to CUT.  1 found, 0 not, or an error.
 */
static int modifier(const tmk_ding *d, const char *w, size_t cut, part_t *p, size_t *np, size_t depth)
{
	char buf[256];
	int rc = 0;

	if (ends_with_any(w, cut, prefixes, 1))
		return 0;
	*np = 1;
	if (!ends_with_any(w, cut, s_linked, 0) && (rc = known_part(d, w, cut, 0, noun_mode, 1, &p[0])) == 0)
		rc = known_part(d, w, cut, 0, prefix_mode, 1, &p[0]);
	for (int pass = 0; pass < 2 && rc == 0; pass++)
		for (int i = 0; linking[i] && rc == 0; i++) {
			size_t ll = strlen(linking[i]), sl;
			if (cut <= ll || memcmp(w + cut - ll, linking[i], ll))
				continue;
			sl = cut - ll;
			if (letters(w, sl) < MIN_PART || (!ll && ends_with_any(w, sl, s_linked, 0)))
				continue;       /* Koalition|streue: Koalition|s|treue */
			if (pass == 0) {
				*np = 1;
				rc = known_part(d, w, sl, 0, word_modes, 2, &p[0]);
			} else if (depth >= 2) {
				rc = split(d, w, sl, p, np, depth);
			}
		}
	if (rc == 0 && cut + 1 < sizeof(buf) && w[cut - 1] != 'e' && letters(w, cut) > MIN_PART) {
		memcpy(buf, w, cut);    /* Grenz|kontrollen: Grenze */
		buf[cut] = 'e';
		*np = 1;
		rc = known_part(d, buf, cut + 1, 0, word_modes, 2, &p[0]);
	}
	if (rc > 0) {
		p[0].b = *np == 1 ? 0 : p[0].b;
		p[*np - 1].e = cut;
	}
	return rc;
}

/*
 * Split W[0..N) into at most DEPTH parts: the longest head Ding knows as
 * a noun, and a modifier before it (see modifier()).  The parts into P,
 * the head last, *NP of them.  1 found, 0 not, or an error.
 */
static int split(const tmk_ding *d, const char *w, size_t n, part_t *p, size_t *np, size_t depth)
{
	int rc = 0;

	for (size_t cut = 1; cut < n && rc == 0; cut++) {
		part_t head = { 0 };
		if (((unsigned char)w[cut] & 0xC0) == 0x80 || letters(w, cut) < MIN_PART ||
		    letters(w + cut, n - cut) < MIN_PART)
			continue;
		if ((rc = known_part(d, w + cut, n - cut, 1, head_modes, 2, &head)) <= 0)
			continue;
		if ((rc = modifier(d, w, cut, p, np, depth - 1)) > 0) {
			head.b = cut;
			head.e = n;
			p[(*np)++] = head;
		} else {
			parts_release(&head, 1);
		}
	}
	return rc;
}

/* Heads that make German surnames and place names (Hof|mann, Rosen|berg,
 * Buchen|wald): Ding has the common compounds on them (Kaufmann,
 * Eisberg), so one it lacks is far more often a name than a word. */
static const char *const name_heads[] = { "Mann", "Berg", "Burg", "Dorf", "Feld", "Stein", "Bach", "Hagen",
	"Stadt", "Kirchen", "Wald", "Hof", "Bauer", "Müller", "Schmidt", "Schmied", "Meier", "Eisen",
	/* and a suffix that Ding has as a word: Wähler|schaft is no compound */
	"Schaft", NULL };

/* S[0..N) with its first letter a capital, into B. */
static int upper_first(tmk_buf *b, const char *s, size_t n)
{
	size_t i = 0;
	int32_t c = tmk_utf8_next(s, n, &i);
	char u[4];
	int32_t k = 0;

	U8_APPEND_UNSAFE(u, k, u_toupper(c));
	return tmk_buf_put(b, u, (size_t)k) < 0 || tmk_buf_put(b, s + i, n - i) < 0 ? tmk_error_oom() : 0;
}

/* Read hunspell's word list PATH into d->dic, a newline before it. */
static int read_dic(tmk_ding *d, const char *path)
{
	FILE *f = fopen(path, "rb");
	tmk_buf b = TMK_BUF_INIT;
	char chunk[65536];
	size_t k;

	if (!f)
		return -1;
	tmk_buf_putc(&b, '\n');
	while ((k = fread(chunk, 1, sizeof(chunk), f)) > 0)
		tmk_buf_put(&b, chunk, k);
	fclose(f);
	if (tmk_buf_putc(&b, '\0') < 0 || memchr(b.ptr, '\0', b.len - 1)) {
		tmk_buf_release(&b);
		return -1;
	}
	d->dic = b.ptr;
	return 0;
}

/* Is capitalised STEM an entry of hunspell's word list without the flag
 * that lets a noun into compounds (m)?  Its names are such entries
 * (Albrecht/S, Steinmeier/S, Minotaurus), its nouns are not
 * (Leserkommentar/EPSm): a word Ding lacks that hunspell knows this way
 * is a name, whatever words it seems made of (Alb|recht). */
static int dic_name(const tmk_ding *d, const char *stem)
{
	size_t n = strlen(stem);
	const char *p = d->dic;

	if (!p || !n || !u_isupper(first_char(stem, n)))
		return 0;
	while ((p = strstr(p, stem))) {
		if (p[-1] == '\n' && (p[n] == '/' || p[n] == '\n' || p[n] == '\r')) {
			size_t f = p[n] == '/' ? strcspn(p + n + 1, "\n\r\t ") : 0;
			for (size_t i = 0; i < f; i++)
				if (p[n + 1 + i] == 'm')
					return 0;
			return 1;
		}
		p += n;
	}
	return 0;
}

/* hunspell's de_DE, read at the first compound; NULL when missing. */
static Hunhandle *hunspell(tmk_ding *d)
{
	char aff[512], dic[512];
	const char *dir = d->hs_dir ? d->hs_dir : "/usr/share/hunspell";

	if (!d->hs_tried) {
		d->hs_tried = 1;
		snprintf(aff, sizeof(aff), "%s/de_DE.aff", dir);
		snprintf(dic, sizeof(dic), "%s/de_DE.dic", dir);
		if (access(aff, R_OK) == 0 && access(dic, R_OK) == 0 && read_dic(d, dic) == 0 &&
		    !(d->hs = Hunspell_create(aff, dic))) {
			free(d->dic);
			d->dic = NULL;
		}
	}
	return d->hs;
}

int tmk_ding_set_hunspell_dir(tmk_ding *d, const char *dir)
{
	char *c = dir ? strdup(dir) : NULL;

	if (dir && !c)
		return tmk_error_oom();
	free(d->hs_dir);
	d->hs_dir = c;
	if (d->hs)
		Hunspell_destroy(d->hs);
	free(d->dic);
	d->dic = NULL;
	d->hs = NULL;
	d->hs_tried = 0;
	return 0;
}

/* Does hunspell take W[0..N), capitalised, as a German word and not as a
 * name?  Names it does not know (Badachschan), names it knows (Albrecht,
 * see dic_name()) and missing hunspell: no. */
static int german_word(tmk_ding *d, const char *w, size_t n)
{
	Hunhandle *h = hunspell(d);
	tmk_buf b = TMK_BUF_INIT;
	char **stems = NULL;
	int ok, ns;

	if (!h || upper_first(&b, w, n) < 0 || tmk_buf_putc(&b, '\0') < 0) {
		tmk_buf_release(&b);
		return 0;
	}
	ok = Hunspell_spell(h, b.ptr) != 0 && !dic_name(d, b.ptr);
	ns = ok ? Hunspell_stem(h, &stems, b.ptr) : 0;
	for (int i = 0; i < ns && ok; i++)
		ok = !dic_name(d, stems[i]);
	if (stems)
		Hunspell_free_list(h, &stems, ns);
	tmk_buf_release(&b);
	return ok;
}

/* The one sense of a split: "Massen + Erschießung" = "mass shooting",
 * matched "Masse + Erschießung"; the query's own letters, later parts
 * capitalised as Ding writes them. */
static int compound_sense(tmk_ding_sense *s, const char *w, const part_t *p, size_t np)
{
	tmk_buf de = TMK_BUF_INIT, en = TMK_BUF_INIT, m = TMK_BUF_INIT;
	int rc = 0;

	for (size_t k = 0; k < np && rc == 0; k++) {
		if (k) {
			tmk_buf_puts(&de, " + ");
			tmk_buf_puts(&m, " + ");
			tmk_buf_putc(&en, ' ');
		}
		if (k && p[k].upper)
			rc = upper_first(&de, w + p[k].b, p[k].e - p[k].b);
		else
			tmk_buf_put(&de, w + p[k].b, p[k].e - p[k].b);
		tmk_buf_puts(&m, p[k].de);
		tmk_buf_puts(&en, p[k].en);
	}
	if (rc < 0 || tmk_buf_putc(&de, '\0') < 0 || tmk_buf_putc(&en, '\0') < 0 || tmk_buf_putc(&m, '\0') < 0 ||
	    !(s->tags = strdup(""))) {
		tmk_buf_release(&de);
		tmk_buf_release(&en);
		tmk_buf_release(&m);
		return tmk_error_oom();
	}
	s->de = de.ptr;
	s->en = en.ptr;
	s->matched = m.ptr;
	s->lang = "de";
	s->how = TMK_MATCH_COMPOUND;
	return 0;
}

static int not_letter(int32_t c)
{
	return !u_isalpha(c);
}

/*
 * Query Q[0..LEN) as a German compound Ding lacks (see tmk_ding_lookup):
 * its one sense into *OUT (*N 0 or 1).
 */
static int compound(tmk_ding *d, tmk_ding_sense **out, size_t *n, const char *q, size_t len)
{
	part_t p[MAX_PARTS] = { { 0 } };
	size_t np = 0, b = tmk_utf8_span_fwd(q, len, 0, not_letter, 1), e = tmk_utf8_span_back(q, b, len, not_letter, 1);
	int rc = 0, name = 0;

	if (e - b < 256)
		rc = split(d, q + b, e - b, p, &np, MAX_PARTS);
	for (int i = 0; rc > 0 && name_heads[i]; i++)
		name |= !strcmp(p[np - 1].de, name_heads[i]);
	if (rc > 0 && !name && german_word(d, q + b, e - b)) {  /* hunspell last: it takes a while to read */
		if (!(*out = calloc(1, sizeof(**out)))) {
			rc = tmk_error_oom();
		} else if ((rc = compound_sense(*out, q + b, p, np)) < 0) {
			tmk_ding_senses_free(*out, 1);
			*out = NULL;
		} else {
			*n = 1;
		}
	}
	parts_release(p, np);
	return rc < 0 ? rc : 0;
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
	if (cs.n == 0 && words == 1 && norm.len >= 8 && max > 0 && (!from || !strcmp(from, "de"))) {
		rc = compound(d, out, n, query, len);
		goto done;
	}
	mark_exact(d, &cs, query, len);
	if (cs.n > 1)
		qsort(cs.c, cs.n, sizeof(*cs.c), cmp_cand);
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

/* ---- evidence -------------------------------------------------------------- */

#define GLOSSARY_READ 200       /* concepts read for the glossary's domains: 45 us each */
#define WALK_STOP (-1000)       /* ends the walk over the glossary early; no error */

static int strs_add(tmk_ding_strs *l, const char *s)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		char **v = realloc(l->v, cap * sizeof(*v));
		if (!v)
			return tmk_error_oom();
		l->v = v;
		l->cap = cap;
	}
	if (!(l->v[l->n] = strdup(s)))
		return tmk_error_oom();
	l->n++;
	return 0;
}

static int strs_has(const tmk_ding_strs *l, const char *s)
{
	for (size_t i = 0; i < l->n; i++)
		if (!strcasecmp(l->v[i], s))
			return 1;
	return 0;
}

static void strs_release(tmk_ding_strs *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

int tmk_ding_evidence_add(tmk_ding_evidence *ev, tmk_evidence_kind kind, const char *text)
{
	tmk_ding_strs *l = kind == TMK_EVIDENCE_UNIT ? &ev->units : kind == TMK_EVIDENCE_TERM ? &ev->terms :
			   &ev->domains;

	return strs_add(l, text);
}

void tmk_ding_evidence_release(tmk_ding_evidence *ev)
{
	if (!ev)
		return;
	strs_release(&ev->units);
	strs_release(&ev->terms);
	strs_release(&ev->domains);
}

/* The glossary's domains as read: each one seen and its concepts. */
typedef struct {
	tmk_ding_strs names;
	size_t counts[64];
	size_t read;
} walk_t;

static int walk_concept(void *ud, const tmk_concept *c)
{
	walk_t *w = ud;
	size_t k;

	if (w->read >= GLOSSARY_READ)
		return WALK_STOP;
	w->read++;
	if (!c->domain || !*c->domain)
		return 0;
	for (k = 0; k < w->names.n && strcasecmp(w->names.v[k], c->domain); k++)
		;
	if (k == w->names.n && (k >= 64 || strs_add(&w->names, c->domain) < 0))
		return k >= 64 ? 0 : TMK_ENOMEM;
	w->counts[k]++;
	return 0;
}

/* The glossary's evidence into EV: the terms of the query's concepts
 * (HITS) on EV's side and their domains; without concepts, each domain
 * that holds a tenth of the glossary's first concepts or more (security,
 * politics; geography too, which tags no sense of a common word). */
static int glossary_evidence(tmk_ding_evidence *ev, tmk_tm *tm, const tmk_term_hit *hits, size_t nhits)
{
	tmk_term_filter all = { NULL, NULL, NULL, NULL };
	walk_t w = { { 0 }, { 0 }, 0 };
	int rc = 0;

	for (size_t i = 0; i < nhits && rc == 0; i++) {
		const tmk_concept *c = hits[i].concept;
		ev->known |= hits[i].how == TMK_MATCH_EXACT || hits[i].how == TMK_MATCH_INFLECTED;
		if (c->domain && *c->domain && !strs_has(&ev->domains, c->domain))
			rc = strs_add(&ev->domains, c->domain);
		for (size_t t = 0; t < c->nterms && rc == 0; t++)
			if (tmk_langtag_same_lang(c->terms[t].lang, ev->lang) &&
			    (!c->terms[t].status || strcmp(c->terms[t].status, "forbidden")))
				rc = strs_add(&ev->terms, c->terms[t].text);
	}
	if (rc < 0 || ev->domains.n)
		return rc;
	if ((rc = tmk_term_list(tm, &all, walk_concept, &w)) == WALK_STOP)
		rc = 0;
	for (size_t k = 0; k < w.names.n && rc == 0; k++)
		if (w.counts[k] * 10 >= w.read)
			rc = strs_add(&ev->domains, w.names.v[k]);
	strs_release(&w.names);
	return rc;
}

int tmk_ding_evidence_tm(tmk_ding_evidence *ev, tmk_tm *tm, const char *lang, const char *query,
			 size_t len, const tmk_term_hit *hits, size_t nhits, size_t max_units)
{
	tmk_concord_opts o = { .lang = lang, .max = (int)(max_units < 10000 ? max_units : 10000) };
	tmk_concord_hit *h = NULL;
	size_t nh = 0;
	int rc = 0;

	ev->lang = strcmp(lang, "en") ? "en" : "de";
	if (max_units > 0 && (rc = tmk_concord(tm, &h, &nh, query, len, &o)) == TMK_EINVAL) {
		tmk_error_clear();      /* no word in the query: no units */
		rc = 0;
	}
	for (size_t i = 0; i < nh && rc == 0; i++)
		if (tmk_langtag_same_lang(h[i].translation_lang, ev->lang))
			rc = strs_add(&ev->units, h[i].translation);
	tmk_concord_free(h, nh);
	return rc < 0 ? rc : glossary_evidence(ev, tm, hits, nhits);
}

/* ---- ranking ---------------------------------------------------------------- */

/* The Ding subject tags a glossary domain means (a tag that starts a
 * domain's name counts too: relig. religion, geogr. geography). */
static const struct {
	const char *domain, *tags;
} domain_tags[] = {
	{ "security", "mil. jur. pol." },
	{ "law", "jur." },
	{ "legal", "jur." },
	{ "politics", "pol." },
	{ "defence", "mil." },
	{ "defense", "mil." },
	{ "finance", "fin. econ." },
	{ "economy", "econ. fin." },
	{ "technology", "techn. comp." },
};

/* Does subject tag T[0..N) ("jur.") belong to DOMAIN? */
static int tag_in_domain(const char *t, size_t n, const char *domain)
{
	size_t stem = n && t[n - 1] == '.' ? n - 1 : n;

	for (size_t i = 0; i < sizeof(domain_tags) / sizeof(domain_tags[0]); i++)
		if (!strcasecmp(domain_tags[i].domain, domain)) {
			const char *p = domain_tags[i].tags;
			while (*p) {
				size_t l = strcspn(p, " ");
				if (l == n && !memcmp(p, t, n))
					return 1;
				p += l;
				p += *p == ' ';
			}
		}
	return stem >= 3 && stem <= strlen(domain) && !strncasecmp(domain, t, stem);
}

/* The domain score of tag list TAGS: 1 when a subject tag is of one of
 * DOMAINS, -1 when it has subject tags of others only ([techn.] [sport]),
 * else 0. */
static int domain_fit(const char *tags, const tmk_ding_strs *domains)
{
	int subjects = 0;

	for (const char *t = tags; t && *t;) {
		size_t n = strcspn(t, " ");
		if (!in_list(usage_tags, t, n) && !in_list(rare_tags, t, n)) {
			subjects++;
			for (size_t k = 0; k < domains->n; k++)
				if (tag_in_domain(t, n, domains->v[k]))
					return 1;
		}
		t += n;
		t += *t == ' ';
	}
	return subjects && domains->n ? -1 : 0;
}

/* The keys of texts: " w1 w2 ... " (stems, spaces at both ends) for a
 * search by words. */
static int keys_of(tmk_buf *out, const tmk_ding_strs *l, const char *lang)
{
	tmk_buf norm = TMK_BUF_INIT, key = TMK_BUF_INIT;
	size_t words;
	int rc = 0;

	for (size_t i = 0; i < l->n && rc == 0; i++) {
		tmk_buf_clear(&out[i]);
		if ((rc = tmk_term_key(&norm, &key, &words, lang, l->v[i], strlen(l->v[i]))) == 0 &&
		    (tmk_buf_putc(&out[i], ' ') < 0 || tmk_buf_put(&out[i], key.ptr ? key.ptr : "", key.len) < 0 ||
		     tmk_buf_puts(&out[i], " ") < 0))
			rc = tmk_error_oom();
	}
	tmk_buf_release(&norm);
	tmk_buf_release(&key);
	return rc;
}

/* Does key text K (" a b ") hold every word of synonym key S (" x y ")? */
static int all_words_in(const char *k, const char *s)
{
	char w[128];

	for (const char *p = s + 1; *p;) {
		size_t n = strcspn(p, " ");
		if (n + 3 > sizeof(w))
			return 0;
		w[0] = ' ';
		memcpy(w + 1, p, n);
		w[n + 1] = ' ';
		w[n + 2] = '\0';
		if (!strstr(k, w))
			return 0;
		p += n;
		p += *p == ' ';
	}
	return 1;
}

/* The search keys of sense side S ("attack (on sb./sth.); raid") on SIDE,
 * " attack " and " raid ", into K (*NK of them, at most CAP): a synonym
 * with no word of three letters or more is left out (to, be). */
static int syn_keys(tmk_buf *k, size_t *nk, size_t cap, const char *s, int side)
{
	const char *syn[MAX_SYNS];
	size_t synl[MAX_SYNS], ny = tmk_ding_split(s, strlen(s), "; ", syn, synl, 1, MAX_SYNS), words;
	tmk_buf c = TMK_BUF_INIT, norm = TMK_BUF_INIT, key = TMK_BUF_INIT;
	int rc = 0;

	*nk = 0;
	for (size_t y = 0; y < ny && *nk < cap && rc == 0; y++) {
		int long_word = 0;
		clean(&c, NULL, syn[y], synl[y], side, 0);
		if (!c.len || (rc = tmk_term_key(&norm, &key, &words, side ? "en" : "de", c.ptr, c.len)) < 0 ||
		    !words)
			continue;
		for (size_t i = 0, run = 0; i <= key.len; i++)
			if (i == key.len || key.ptr[i] == ' ')
				long_word |= run >= 3, run = 0;
			else
				run++;
		if (!long_word)
			continue;
		tmk_buf_clear(&k[*nk]);
		tmk_buf_putc(&k[*nk], ' ');
		tmk_buf_put(&k[*nk], key.ptr, key.len);
		if (tmk_buf_putc(&k[*nk], ' ') < 0)
			rc = tmk_error_oom();
		(*nk)++;
	}
	tmk_buf_release(&c);
	tmk_buf_release(&norm);
	tmk_buf_release(&key);
	return rc;
}

typedef struct {
	size_t idx, evidence;
	size_t related;         /* the domain's terms that hold a translation */
	int fit, rare;          /* domain_fit(); rare */
	tmk_match_kind how;
} rank_t;

static int cmp_rank(const void *a, const void *b)
{
	const rank_t *x = a, *y = b;

	if (x->evidence != y->evidence)
		return x->evidence > y->evidence ? -1 : 1;
	if (x->how != y->how)       /* Zeugen: witnesses, not Zeug's equipment [mil.] */
		return x->how < y->how ? -1 : 1;
	if (x->related != y->related)
		return x->related > y->related ? -1 : 1;
	if (x->fit != y->fit)
		return x->fit > y->fit ? -1 : 1;
	if (x->rare != y->rare)
		return x->rare - y->rare;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

#define RANK_SYNS 16            /* synonyms of a sense searched for */

/* Sense S's evidence count and domain scores from the keys of the units
 * (UK, NU) and of the domain's terms (TK, NT). */
static int score(rank_t *r, const tmk_ding_sense *s, const tmk_ding_evidence *ev, const tmk_buf *uk, size_t nu,
		 const tmk_buf *tk, size_t nt)
{
	tmk_buf k[RANK_SYNS];
	size_t nk = 0;
	int side = ev->lang && !strcmp(ev->lang, "de") ? 0 : 1, rc;

	for (size_t i = 0; i < RANK_SYNS; i++)
		tmk_buf_init(&k[i]);
	rc = syn_keys(k, &nk, RANK_SYNS, side ? s->en : s->de, side);
	for (size_t u = 0; u < nu && rc == 0; u++) {
		int found = 0;
		for (size_t y = 0; y < nk && !found; y++)
			found = strstr(uk[u].ptr, k[y].ptr) != NULL;
		r->evidence += (size_t)found;
	}
	for (size_t t = 0; t < nt && rc == 0; t++) {
		int found = 0;
		for (size_t y = 0; y < nk && !found; y++)
			found = all_words_in(tk[t].ptr, k[y].ptr);
		r->related += (size_t)found;
	}
	r->fit = domain_fit(s->tags, &ev->domains);
	for (size_t i = 0; i < RANK_SYNS; i++)
		tmk_buf_release(&k[i]);
	return rc;
}

int tmk_ding_rank(tmk_ding_sense *s, size_t *np, size_t max, const tmk_ding_evidence *ev)
{
	static const tmk_ding_evidence none;
	size_t n = *np;
	const char *lang;
	rank_t *r = calloc(n ? n : 1, sizeof(*r));
	tmk_ding_sense *sorted = calloc(n ? n : 1, sizeof(*sorted));
	tmk_buf *uk, *tk;
	int rc = 0;

	if (!ev)
		ev = &none;
	lang = ev->lang && !strcmp(ev->lang, "de") ? "de" : "en";
	uk = calloc(ev->units.n + 1, sizeof(*uk));
	tk = calloc(ev->terms.n + 1, sizeof(*tk));
	if (!r || !sorted || !uk || !tk)
		rc = tmk_error_oom();
	if (rc == 0 && (rc = keys_of(uk, &ev->units, lang)) == 0)
		rc = keys_of(tk, &ev->terms, lang);
	for (size_t i = 0; ev->known && i < n; i++)
		if (s[i].how == TMK_MATCH_COMPOUND) {   /* the glossary's term: no guesses */
			free_sense(&s[i]);
			s[i--] = s[--n];
		}
	*np = n;
	for (size_t i = 0; i < n && rc == 0; i++) {
		r[i] = (rank_t){ i, 0, 0, 0, s[i].rare, s[i].how };
		rc = score(&r[i], &s[i], ev, uk, ev->units.n, tk, ev->terms.n);
		s[i].evidence = r[i].evidence;
	}
	if (rc == 0 && n > 1) {
		qsort(r, n, sizeof(*r), cmp_rank);
		for (size_t i = 0; i < n; i++)
			sorted[i] = s[r[i].idx];
		memcpy(s, sorted, n * sizeof(*s));
	}
	for (size_t i = max; rc == 0 && i < n; i++)
		free_sense(&s[i]);
	if (rc == 0 && max < n)
		*np = max;
	for (size_t i = 0; uk && i < ev->units.n; i++)
		tmk_buf_release(&uk[i]);
	for (size_t i = 0; tk && i < ev->terms.n; i++)
		tmk_buf_release(&tk[i]);
	free(uk);
	free(tk);
	free(r);
	free(sorted);
	return rc;
}
