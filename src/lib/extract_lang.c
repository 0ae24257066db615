/*
 * extract_lang.c - lemmas and general-language frequencies for term
 * extraction; see extract_lang.h.
 *
 * hunspell's stems are taken only when the word is the stem plus an
 * inflection ending (Anträge = Antrag + e, umlauts folded): de_DE also
 * derives nouns from verbs (Empfehlungen -> empfehlen) and en_US strips
 * prefixes (recommendations -> commendation), which a lemma must not do.
 * What hunspell cannot stem, the suffix rules (-ungen -> -ung), Ding's
 * plurals and the compound's head (Sicherheitsbehörden: Behörden) can.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <hunspell/hunspell.h>
#include <unicode/uchar.h>

#include "embedded.h"
#include "error.h"
#include "extract_lang.h"
#include "lexicon.h"
#include "textnorm.h"
#include "utf8.h"
#include "wordlist.h"

/* ---- a hash map of 64-bit keys to 64-bit values ----------------------------- */

typedef struct {
	uint64_t *k, *v;
	size_t n, cap;
} hmap;

static uint64_t hmix(uint64_t x)
{
	x ^= x >> 31;
	x *= 0x9e3779b97f4a7c15ULL;
	x ^= x >> 29;
	return x | 1;           /* never 0: 0 marks a free slot */
}

/* Put KEY -> VAL unless KEY is there (the first value stays). */
static int hmap_put(hmap *m, uint64_t key, uint64_t val)
{
	size_t i;

	key = hmix(key);
	if ((m->n + 1) * 2 > m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 4096;
		uint64_t *k = calloc(cap, sizeof(*k)), *v = calloc(cap, sizeof(*v));
		if (!k || !v) {
			free(k);
			free(v);
			return tmk_error_oom();
		}
		for (size_t j = 0; j < m->cap; j++)
			if (m->k[j]) {
				for (i = m->k[j] & (cap - 1); k[i]; i = (i + 1) & (cap - 1))
					;
				k[i] = m->k[j];
				v[i] = m->v[j];
			}
		free(m->k);
		free(m->v);
		m->k = k;
		m->v = v;
		m->cap = cap;
	}
	for (i = key & (m->cap - 1); m->k[i]; i = (i + 1) & (m->cap - 1))
		if (m->k[i] == key)
			return 0;
	m->k[i] = key;
	m->v[i] = val;
	m->n++;
	return 0;
}

static int hmap_get(const hmap *m, uint64_t key, uint64_t *val)
{
	if (!m->cap)
		return 0;
	key = hmix(key);
	for (size_t i = key & (m->cap - 1); m->k[i]; i = (i + 1) & (m->cap - 1))
		if (m->k[i] == key) {
			*val = m->v[i];
			return 1;
		}
	return 0;
}

static void hmap_release(hmap *m)
{
	free(m->k);
	free(m->v);
}

/* ---- the state ------------------------------------------------------------------ */

struct tmk_xlang {
	Hunhandle *h[2];        /* de_DE, en_US */
	hmap freq[2];           /* hash of the matching form -> frequency per 10M */
	int freq_loaded;
	char *ding;             /* the Ding file's path, NULL: none */
	int ding_loaded;
	hmap gender;            /* hash of a German noun (as written) -> TMK_GENDER_* */
	hmap plural;            /* hash of a plural -> offset << 8 | length in SING */
	tmk_buf sing;           /* the singulars Ding gives for plurals */
	tmk_buf norm, a, b;     /* scratch */
};

static int open_dict(Hunhandle **out, const char *dir, const char *dict, const char *pkg)
{
	char aff[512], dic[512];
	struct stat sb;

	snprintf(aff, sizeof(aff), "%s/%s.aff", dir ? dir : "/usr/share/hunspell", dict);
	snprintf(dic, sizeof(dic), "%s/%s.dic", dir ? dir : "/usr/share/hunspell", dict);
	if (stat(aff, &sb) != 0 || stat(dic, &sb) != 0)
		return tmk_error_set(TMK_EIO, "no hunspell dictionary %s (%s) for the terms' lemmas: install "
				     "the Debian package %s", dict, stat(aff, &sb) != 0 ? aff : dic, pkg);
	if (!(*out = Hunspell_create(aff, dic)))
		return tmk_error_set(TMK_EIO, "cannot load the hunspell dictionary %s", dic);
	return 0;
}

int tmk_xlang_new(tmk_xlang **out, const char *dir, const char *ding)
{
	tmk_xlang *l;
	int rc;

	*out = NULL;
	if (!(l = calloc(1, sizeof(*l))))
		return tmk_error_oom();
	if ((rc = open_dict(&l->h[0], dir, "de_DE", "hunspell-de-de")) < 0 ||
	    (rc = open_dict(&l->h[1], dir, "en_US", "hunspell-en-us")) < 0) {
		tmk_xlang_free(l);
		return rc;
	}
	if (ding && !(l->ding = strdup(ding))) {
		tmk_xlang_free(l);
		return tmk_error_oom();
	}
	*out = l;
	return 0;
}

void tmk_xlang_free(tmk_xlang *l)
{
	if (!l)
		return;
	for (int i = 0; i < 2; i++) {
		if (l->h[i])
			Hunspell_destroy(l->h[i]);
		hmap_release(&l->freq[i]);
	}
	free(l->ding);
	hmap_release(&l->gender);
	hmap_release(&l->plural);
	tmk_buf_release(&l->sing);
	tmk_buf_release(&l->norm);
	tmk_buf_release(&l->a);
	tmk_buf_release(&l->b);
	free(l);
}

/* ---- general-language frequencies ---------------------------------------------- */

typedef struct {
	tmk_xlang *l;
	int lang;
} freq_ctx;

static int freq_entry(void *ud, const char *name, size_t line, const char *key, size_t klen, const char *tag,
		      size_t tlen)
{
	freq_ctx *f = ud;
	char num[16];
	unsigned long v;
	char *end;

	if (!tag || tlen == 0 || tlen >= sizeof(num))
		return tmk_error_set(TMK_EINPUT, "%s:%zu: a word wants a TAB and its frequency", name, line);
	memcpy(num, tag, tlen);
	num[tlen] = '\0';
	v = strtoul(num, &end, 10);
	if (*end || v > 0xffffffffUL)
		return tmk_error_set(TMK_EINPUT, "%s:%zu: '%s' is no frequency", name, line, num);
	tmk_buf_clear(&f->l->norm);
	if (tmk_norm_match(&f->l->norm, key, klen) < 0)
		return TMK_ENOMEM;
	return hmap_put(&f->l->freq[f->lang], tmk_hash(TMK_HASH_SEED, f->l->norm.ptr, f->l->norm.len), v);
}

/* The compiled-in lists, read when first asked. */
static int load_freq(tmk_xlang *l)
{
	static const char *const names[2] = { "dictionaries/freq/de.freq", "dictionaries/freq/en.freq" };

	if (l->freq_loaded)
		return 0;
	l->freq_loaded = 1;
	for (int i = 0; i < 2; i++) {
		freq_ctx f = { l, i };
		size_t len;
		const char *data = tmk_embedded_find(names[i], &len);
		int rc;
		if (!data)
			return tmk_error_set(TMK_ERROR, "%s missing from the build", names[i]);
		if ((rc = tmk_list_parse(names[i], data, len, freq_entry, &f)) < 0)
			return rc;
	}
	return 0;
}

unsigned tmk_xlang_freq(tmk_xlang *l, int lang, const char *w, size_t n)
{
	uint64_t v;

	if (load_freq(l) < 0)
		return 0;
	tmk_buf_clear(&l->norm);
	if (tmk_norm_match(&l->norm, w, n) < 0)
		return 0;
	return hmap_get(&l->freq[lang ? 1 : 0], tmk_hash(TMK_HASH_SEED, l->norm.ptr, l->norm.len), &v) ?
	       (unsigned)v : 0;
}

/* ---- hunspell --------------------------------------------------------------------- */

/* W[0..N) with its first letter upper- (UP) or lower-case into OUT. */
static int recase(tmk_buf *out, const char *w, size_t n, int up)
{
	size_t i = 0;
	int32_t c;
	char u[4];
	size_t k = 0;

	tmk_buf_clear(out);
	if (!n)
		return tmk_buf_put(out, "", 0);
	c = tmk_utf8_next(w, n, &i);
	c = up ? u_toupper(c) : u_tolower(c);
	if (c < 0x80)
		u[k++] = (char)c;
	else if (c < 0x800) {
		u[k++] = (char)(0xC0 | (c >> 6));
		u[k++] = (char)(0x80 | (c & 0x3F));
	} else {
		u[k++] = (char)(0xE0 | (c >> 12));
		u[k++] = (char)(0x80 | ((c >> 6) & 0x3F));
		u[k++] = (char)(0x80 | (c & 0x3F));
	}
	if (tmk_buf_put(out, u, k) < 0 || tmk_buf_put(out, w + i, n - i) < 0)
		return TMK_ENOMEM;
	return 0;
}

static int is_upper_first(const char *w, size_t n)
{
	size_t i = 0;

	return n && u_isupper(tmk_utf8_next(w, n, &i));
}

/* hunspell's verdict on W (copied to be NUL-terminated). */
static int spelled(Hunhandle *h, const char *w, size_t n)
{
	char buf[256];

	if (n == 0 || n >= sizeof(buf))
		return 0;
	memcpy(buf, w, n);
	buf[n] = '\0';
	return Hunspell_spell(h, buf) != 0;
}

int tmk_xlang_known(tmk_xlang *l, int lang, const char *w, size_t n)
{
	Hunhandle *h = l->h[lang ? 1 : 0];

	if (spelled(h, w, n))
		return 1;
	return recase(&l->a, w, n, !is_upper_first(w, n)) == 0 && spelled(h, l->a.ptr, l->a.len);
}

/* hunspell's stems of W: *OUT to free with Hunspell_free_list; how many. */
static int stems(Hunhandle *h, char ***out, const char *w, size_t n)
{
	char buf[256];

	*out = NULL;
	if (n == 0 || n >= sizeof(buf))
		return 0;
	memcpy(buf, w, n);
	buf[n] = '\0';
	return Hunspell_stem(h, out, buf);
}

/* Is German W the noun STEM with an inflection ending (umlauts folded):
 * STEM + e, en, n, s, es, er, ern, ns, nen, ens, or a Latin stem's -us,
 * -um, -a, -on for -en (Viren, Museen, Firmen)?  *PLURAL as the ending says. */
static int de_ending(tmk_xlang *l, const char *w, size_t n, const char *stem, size_t sn, int *plural)
{
	static const char *const endings[] = { "", "e", "en", "n", "s", "es", "er", "ern", "ns", "nen", "ens", NULL };
	static const char *const latin[] = { "", "us", "um", "a", "on", "is", NULL };
	size_t p = 0, q, r;
	int ok = 0, e, g;

	tmk_buf_clear(&l->a);
	tmk_buf_clear(&l->b);
	if (tmk_norm_match(&l->a, w, n) < 0 || tmk_norm_match(&l->b, stem, sn) < 0)
		return 0;
	while (p < l->a.len && p < l->b.len && l->a.ptr[p] == l->b.ptr[p])
		p++;
	q = l->b.len - p;
	r = l->a.len - p;
	if (p < 2)
		return 0;
	for (g = 0; latin[g] && !ok; g++)
		if (strlen(latin[g]) == q && !memcmp(latin[g], l->b.ptr + p, q))
			for (e = 0; endings[e] && !ok; e++)
				ok = strlen(endings[e]) == r && !memcmp(endings[e], l->a.ptr + p, r) &&
				     (q == 0 || r == 2);
	if (ok)
		*plural = r > 0 && strcmp(l->a.ptr + p, "s") && strcmp(l->a.ptr + p, "es") &&
			  strcmp(l->a.ptr + p, "ns") && strcmp(l->a.ptr + p, "ens");
	if (ok && r == 0)       /* an umlaut plural: Mäntel, Väter */
		*plural = !(n == sn && !memcmp(w, stem, n));
	return ok;
}

/* ---- Ding: genders and plurals ------------------------------------------------------ */

/* The synonym S[0..N) of a Ding sense: its word (when it is one word) and
 * its marker: 'm' 'f' 'n' 'p' (plural) or 0. */
static int ding_word(const char *s, size_t n, const char **w, size_t *wn)
{
	const char *br = memchr(s, '{', n);
	size_t k;

	while (n && s[0] == ' ')
		s++, n--;
	if (!br || br < s)
		return 0;
	k = (size_t)(br - s);
	while (k && s[k - 1] == ' ')
		k--;
	if (!k || memchr(s, ' ', k) || memchr(s, '(', k) || memchr(s, '/', k) || memchr(s, '.', k))
		return 0;
	*w = s;
	*wn = k;
	if ((size_t)(s + n - br) >= 3 && br[2] == '}')
		return br[1] == 'm' || br[1] == 'f' || br[1] == 'n' ? br[1] : 0;
	return (size_t)(s + n - br) >= 4 && !memcmp(br, "{pl}", 4) ? 'p' : 0;
}

/* One line's German side: genders of its nouns, and each plural sense's
 * words as the plurals of the sense before's (Staat {m} | Staaten {pl}). */
static int ding_line(tmk_xlang *l, const char *s, size_t n)
{
	const char *sense[64], *syn[2][32];
	size_t slen[64], synlen[2][32], ns, nsyn[2] = { 0, 0 };
	char mark[2][32];
	int rc = 0;

	ns = tmk_ding_split(s, n, " | ", sense, slen, 1, 64);
	for (size_t i = 0; i < ns && rc == 0; i++) {
		const char *piece[32];
		size_t plen[32], np = tmk_ding_split(sense[i], slen[i], "; ", piece, plen, 1, 32);
		int cur = (int)(i & 1), prev = !cur;
		nsyn[cur] = 0;
		for (size_t j = 0; j < np && rc == 0; j++) {
			const char *w;
			size_t wn;
			int m = ding_word(piece[j], plen[j], &w, &wn);
			if (!m)
				continue;
			syn[cur][nsyn[cur]] = w;
			synlen[cur][nsyn[cur]] = wn;
			mark[cur][nsyn[cur]++] = (char)m;
			if (m != 'p')
				rc = hmap_put(&l->gender, tmk_hash(TMK_HASH_SEED, w, wn),
					      m == 'm' ? TMK_GENDER_M : m == 'f' ? TMK_GENDER_F : TMK_GENDER_N);
		}
		/* plurals: the k-th {pl} of this sense is the k-th noun's of the last */
		for (size_t j = 0, k = 0; i > 0 && j < nsyn[cur] && rc == 0; j++) {
			if (mark[cur][j] != 'p')
				continue;
			while (k < nsyn[prev] && mark[prev][k] == 'p')
				k++;
			if (k >= nsyn[prev])
				break;
			if (synlen[prev][k] < 256) {
				uint64_t off = l->sing.len;
				if ((rc = tmk_buf_put(&l->sing, syn[prev][k], synlen[prev][k])) == 0)
					rc = hmap_put(&l->plural, tmk_hash(TMK_HASH_SEED, syn[cur][j], synlen[cur][j]),
						      off << 8 | synlen[prev][k]);
			}
			k++;
		}
	}
	return rc;
}

/* Read the Ding file once, when a gender or plural is first asked for. */
static int load_ding(tmk_xlang *l)
{
	FILE *f;
	char *line = NULL;
	size_t cap = 0;
	ssize_t got;
	int rc = 0;

	if (l->ding_loaded || !l->ding)
		return 0;
	l->ding_loaded = 1;
	if (!(f = fopen(l->ding, "r")))
		return 0;       /* genders then come from the compound heads the caller adds, or none */
	while (rc == 0 && (got = getline(&line, &cap, f)) > 0) {
		const char *sep = strstr(line, " :: ");
		if (line[0] == '#' || !sep)
			continue;
		rc = ding_line(l, line, (size_t)(sep - line));
	}
	free(line);
	fclose(f);
	return rc;
}

int tmk_xlang_add_gender(tmk_xlang *l, const char *noun, int gender)
{
	return hmap_put(&l->gender, tmk_hash(TMK_HASH_SEED, noun, strlen(noun)), (uint64_t)gender);
}

/* Ding's gender of noun W as written (0: none). */
static int gender_of(tmk_xlang *l, const char *w, size_t n)
{
	uint64_t v;

	if (load_ding(l) < 0)
		return 0;
	return hmap_get(&l->gender, tmk_hash(TMK_HASH_SEED, w, n), &v) ? (int)v : 0;
}

int tmk_xlang_de_gender(tmk_xlang *l, const char *lemma, size_t n)
{
	int g = gender_of(l, lemma, n);

	/* a compound's gender is its head's: the longest known one */
	for (size_t cut = 1; !g && cut + 3 <= n; cut++) {
		if (((unsigned char)lemma[cut] & 0xC0) == 0x80)
			continue;
		if (recase(&l->norm, lemma + cut, n - cut, 1) < 0)
			return 0;
		g = gender_of(l, l->norm.ptr, l->norm.len);
	}
	return g;
}

/* ---- German nouns -------------------------------------------------------------------- */

/* The singular Ding gives for plural W into OUT, when W is it with a
 * plural ending (Ding's senses pair up by position, which can slip). */
static int ding_singular(tmk_xlang *l, tmk_buf *out, const char *w, size_t n)
{
	uint64_t v;
	int pl;

	if (load_ding(l) < 0 || !hmap_get(&l->plural, tmk_hash(TMK_HASH_SEED, w, n), &v) ||
	    !de_ending(l, w, n, l->sing.ptr + (v >> 8), v & 0xff, &pl))
		return 0;
	tmk_buf_clear(out);
	return tmk_buf_put(out, l->sing.ptr + (v >> 8), v & 0xff) == 0;
}

/* The suffix rules for plurals hunspell does not stem: from, to. */
static const char *const de_suffixes[][2] = {
	{ "innen", "in" }, { "ungen", "ung" }, { "heiten", "heit" }, { "keiten", "keit" },
	{ "schaften", "schaft" }, { "ionen", "ion" }, { "täten", "tät" }, { "nisse", "nis" },
	{ "ismen", "ismus" }, { "schaften", "schaft" }, { NULL, NULL }
};

/* The lemma of capitalised German word W without looking into compounds:
 * 1 with it in OUT, 0 when nothing says W is inflected. */
static int de_simple(tmk_xlang *l, tmk_buf *out, int *plural, const char *w, size_t n)
{
	char **st;
	int ns = stems(l->h[0], &st, w, n), best = -1, pl = 0, bpl = 0;

	for (int i = 0; i < ns; i++) {
		size_t sl = strlen(st[i]);
		if (!is_upper_first(st[i], sl) || !de_ending(l, w, n, st[i], sl, &pl))
			continue;
		if (best < 0 || sl > strlen(st[best]))
			best = i, bpl = pl;
	}
	/* Liste, Halle: hunspell stems them to List, Hall; a word far more common
	 * than its stem is a word of its own (Flüchtlinge is not: a plural) */
	if (best >= 0 && strlen(st[best]) + 1 == n && w[n - 1] == 'e' && !memcmp(st[best], w, n - 1) &&
	    tmk_xlang_freq(l, 0, w, n) > 8 * tmk_xlang_freq(l, 0, st[best], n - 1))
		best = -2;
	if (best >= 0 && !(strlen(st[best]) == n && !memcmp(st[best], w, n))) {
		size_t sl = strlen(st[best]);
		tmk_buf_clear(out);
		tmk_buf_puts(out, st[best]);
		*plural = bpl;
		Hunspell_free_list(l->h[0], &st, ns);
		/* Listen: List or Liste?  hunspell may know only one; the more
		 * common word */
		if (n == sl + 2 && !memcmp(w + sl, "en", 2)) {
			tmk_buf_putc(out, 'e');
			if (!spelled(l->h[0], out->ptr, out->len) ||
			    tmk_xlang_freq(l, 0, out->ptr, out->len) <= tmk_xlang_freq(l, 0, out->ptr, out->len - 1))
				out->ptr[--out->len] = '\0';
		}
		return 1;
	}
	if (ns)
		Hunspell_free_list(l->h[0], &st, ns);
	if (best == -2)
		return 0;
	if (best >= 0 && ding_singular(l, out, w, n)) {       /* Kräfte: Kraft */
		*plural = 1;
		return 1;
	}
	if (best >= 0)
		return 0;       /* a base form */
	for (int i = 0; de_suffixes[i][0]; i++) {
		size_t fl = strlen(de_suffixes[i][0]);
		if (n <= fl + 2 || memcmp(w + n - fl, de_suffixes[i][0], fl))
			continue;
		tmk_buf_clear(out);
		tmk_buf_put(out, w, n - fl);
		tmk_buf_puts(out, de_suffixes[i][1]);
		if (spelled(l->h[0], out->ptr, out->len)) {
			*plural = 1;
			return 1;
		}
	}
	if (ding_singular(l, out, w, n)) {
		*plural = 1;
		return 1;
	}
	return -1;              /* hunspell does not know W */
}

/* Is W[0..N) a compound's modifier: a word, as it is or without a
 * linking s, es, n or en (Sicherheits-, Kernkraft-)?  Hol- of Hollande is
 * none, so a name is not taken for a compound. */
static int modifier(tmk_xlang *l, const char *w, size_t n)
{
	static const char *const links[] = { "", "s", "es", "n", "en", "e", NULL };
	tmk_buf b = TMK_BUF_INIT;
	int ok = 0;

	for (int i = 0; links[i] && !ok; i++) {
		size_t k = strlen(links[i]);
		if (n < k + 3 || memcmp(w + n - k, links[i], k))
			continue;
		ok = recase(&b, w, n - k, 1) == 0 && spelled(l->h[0], b.ptr, b.len);
	}
	tmk_buf_release(&b);
	return ok;
}

int tmk_xlang_de_noun(tmk_xlang *l, tmk_buf *out, int *plural, const char *w, size_t n)
{
	const char *dash = NULL;
	tmk_buf head = TMK_BUF_INIT;
	int r;

	*plural = 0;
	for (size_t i = 0; i < n; i++)
		if (w[i] == '-')
			dash = w + i;
	tmk_buf_clear(out);
	if (dash) {             /* IS-Kämpfern: the part after the last hyphen */
		size_t pre = (size_t)(dash - w) + 1;
		if (pre < n && is_upper_first(w + pre, n - pre) &&
		    tmk_xlang_de_noun(l, &head, plural, w + pre, n - pre) == 0) {
			tmk_buf_put(out, w, pre);
			tmk_buf_put(out, head.ptr, head.len);
			tmk_buf_release(&head);
			return 0;
		}
		tmk_buf_release(&head);
		return tmk_buf_put(out, w, n);
	}
	if ((r = de_simple(l, out, plural, w, n)) > 0)
		return 0;
	if (r == 0 || n > 200)
		return tmk_buf_put(out, w, n);
	/* an adjective as a noun: der Auszubildende (des, den Auszubildenden) */
	if (tmk_xlang_de_adjective(l, &head, w, n)) {
		tmk_buf_clear(out);
		tmk_buf_put(out, head.ptr, head.len);
		if (head.len && head.ptr[head.len - 1] != 'e')
			tmk_buf_putc(out, 'e');
		tmk_buf_release(&head);
		return out->ptr ? 0 : TMK_ENOMEM;
	}
	/* a compound hunspell accepts but cannot stem: its longest head that
	 * stems (Sicherheitsbehörden: Behörden -> Behörde) */
	for (size_t cut = 2; cut + 3 <= n; cut++) {
		tmk_buf up = TMK_BUF_INIT;
		if (((unsigned char)w[cut] & 0xC0) == 0x80)
			continue;
		if (recase(&up, w + cut, n - cut, 1) < 0) {
			tmk_buf_release(&up);
			return TMK_ENOMEM;
		}
		r = spelled(l->h[0], up.ptr, up.len) && modifier(l, w, cut) ?
		    de_simple(l, &head, plural, up.ptr, up.len) : -1;
		tmk_buf_release(&up);
		if (r < 0)
			continue;
		tmk_buf_clear(out);
		tmk_buf_put(out, w, cut);
		if (r > 0 && recase(&up, head.ptr, head.len, 0) == 0)
			tmk_buf_put(out, up.ptr, up.len);
		else
			tmk_buf_put(out, w + cut, n - cut);
		tmk_buf_release(&up);
		tmk_buf_release(&head);
		return out->ptr ? 0 : TMK_ENOMEM;
	}
	tmk_buf_release(&head);
	return tmk_buf_put(out, w, n);
}

/* ---- German adjectives and phrases ----------------------------------------------------- */

int tmk_xlang_de_adjective(tmk_xlang *l, tmk_buf *out, const char *w, size_t n)
{
	static const char *const endings[] = { "en", "em", "er", "es", "e", NULL };
	static const char *const forms[] = { "e", "er", "es", "en", NULL };
	tmk_buf low = TMK_BUF_INIT;
	int ok = 0;

	for (int e = 0; endings[e] && !ok; e++) {
		size_t el = strlen(endings[e]), b = n - el;
		if (n < el + 3 || memcmp(w + b, endings[e], el))
			continue;
		/* an adjective declines: its stem takes every strong ending */
		if (recase(&low, w, b, 0) < 0)
			break;
		ok = 1;
		for (int f = 0; forms[f] && ok; f++) {
			tmk_buf_clear(&l->a);
			tmk_buf_put(&l->a, low.ptr, low.len);
			tmk_buf_puts(&l->a, forms[f]);
			ok = spelled(l->h[0], l->a.ptr, l->a.len);
		}
		if (ok) {
			tmk_buf_clear(out);
			tmk_buf_put(out, w, b);
		}
	}
	tmk_buf_release(&low);
	return ok;
}

/* Is W a German word joining a name's parts (für, der, des, von, zur ...)? */
static int de_joiner(const char *w, size_t n)
{
	static const char *const j[] = { "für", "der", "des", "von", "zur", "zum", "im", "in", "und", "am", NULL };

	for (int i = 0; j[i]; i++)
		if (strlen(j[i]) == n && !memcmp(j[i], w, n))
			return 1;
	return 0;
}

int tmk_xlang_de_lemma(tmk_xlang *l, tmk_buf *out, int *singularised, const char *s, size_t n,
		       int keep_plural)
{
	const char *word[16];
	size_t wlen[16], nw = 0, noun;
	tmk_buf adj[16], lemma = TMK_BUF_INIT, tmp = TMK_BUF_INIT;
	int plural = 0, rc = 0, g;
	const char *end;

	*singularised = 0;
	tmk_buf_clear(out);
	for (const char *p = s, *e = s + n; p < e && nw < 16; p = end + 1) {
		end = memchr(p, ' ', (size_t)(e - p));
		if (!end)
			end = e;
		word[nw] = p;
		wlen[nw++] = (size_t)(end - p);
	}
	if (nw == 0 || nw == 16)
		return tmk_buf_put(out, s, n);
	for (size_t i = 0; i < nw; i++)
		adj[i] = (tmk_buf)TMK_BUF_INIT;
	/* the adjectives, then the noun they agree with */
	for (noun = 0; noun + 1 < nw && tmk_xlang_de_adjective(l, &adj[noun], word[noun], wlen[noun]); noun++)
		;
	if (!is_upper_first(word[noun], wlen[noun]) ||
	    /* a name of nouns (Andrew Lawson, Bad Salzhausen) stays as it is,
	     * unless a joiner says its first word is the head (Bundesamt für) */
	    (noun == 0 && nw > 1 && !de_joiner(word[1], wlen[1]))) {
		rc = tmk_buf_put(out, s, n);
		goto done;
	}
	if ((rc = tmk_xlang_de_noun(l, &lemma, &plural, word[noun], wlen[noun])) < 0)
		goto done;
	if (plural && keep_plural && noun > 0) {        /* Vereinte Nationen */
		tmk_buf_clear(&lemma);
		tmk_buf_put(&lemma, word[noun], wlen[noun]);
	} else
		*singularised = plural;
	g = noun > 0 ? tmk_xlang_de_gender(l, lemma.ptr, lemma.len) : 0;
	for (size_t i = 0; i < noun; i++) {
		const char *ending = plural && keep_plural ? "e" : g == TMK_GENDER_M ? "er" :
				     g == TMK_GENDER_N ? "es" : g == TMK_GENDER_F ? "e" : NULL;
		if (!ending) {          /* no gender: the adjective as it was */
			tmk_buf_put(out, word[i], wlen[i]);
		} else {
			size_t al = adj[i].len;
			if (al && adj[i].ptr[al - 1] == 'e')    /* innere: inner + er */
				al--;
			tmk_buf_put(out, adj[i].ptr, al);
			tmk_buf_puts(out, ending);
		}
		tmk_buf_putc(out, ' ');
	}
	tmk_buf_put(out, lemma.ptr, lemma.len);
	for (size_t i = noun + 1; i < nw; i++) {
		tmk_buf_putc(out, ' ');
		tmk_buf_put(out, word[i], wlen[i]);
	}
	rc = out->ptr ? 0 : TMK_ENOMEM;
done:
	for (size_t i = 0; i < nw; i++)
		tmk_buf_release(&adj[i]);
	tmk_buf_release(&lemma);
	tmk_buf_release(&tmp);
	return rc;
}

/* ---- English ---------------------------------------------------------------------------------- */

/* Is English W (lower case) a singular ending in s, whose s is no plural's
 * (news, series, politics)? */
static int s_singular(const char *w, size_t n)
{
	static const char *const words[] = {
		"news", "series", "species", "means", "headquarters", "whereabouts", "crossroads",
		"barracks", "gallows", "lens", "gas", "bias", "atlas", "canvas", "chaos", "ethos", "pathos",
		"cosmos", "kudos", "alias", "arms", "customs", "premises", "savings", "earnings",
		"proceeds", "remains", "outskirts", "surroundings", "thanks", "goods", "clothes",
		"police", "always", "perhaps", "sometimes", "towards", "afterwards", NULL
	};

	if (n >= 3 && !memcmp(w + n - 3, "ics", 3))
		return 1;
	for (int i = 0; words[i]; i++)
		if (strlen(words[i]) == n && !memcmp(words[i], w, n))
			return 1;
	return 0;
}

/* The singular of English word W into OUT: 1, or 0 when W is none. */
static int en_singular(tmk_xlang *l, tmk_buf *out, const char *w, size_t n)
{
	char **st;
	int up = is_upper_first(w, n), ns, best = -1, base = 0;
	tmk_buf low = TMK_BUF_INIT;

	if (n < 4 || w[n - 1] != 's' || w[n - 2] == 's' || w[n - 2] == 'u' || w[n - 2] == '\'')
		return 0;
	if (recase(&low, w, n, 0) < 0)
		return 0;
	ns = stems(l->h[1], &st, low.ptr, low.len);
	for (int i = 0; i < ns; i++) {
		size_t sl = strlen(st[i]);
		if (sl == low.len && !memcmp(st[i], low.ptr, sl))
			base = 1;               /* news, analysis: a word of its own */
		else if (sl + 3 >= low.len && sl < low.len && sl >= 3 && !memcmp(st[i], low.ptr, sl - 1) &&
			 (best < 0 || sl > strlen(st[best])))
			best = i;
	}
	tmk_buf_clear(out);
	if (best >= 0 && !base)
		tmk_buf_puts(out, st[best]);
	if (ns)
		Hunspell_free_list(l->h[1], &st, ns);
	if (base && !s_singular(low.ptr, low.len))
		base = 0;       /* months: en_US has the plural as a word of its own */
	if (!out->len && !base) {       /* hunspell strips prefixes: recommendations */
		size_t k = low.len >= 5 && !memcmp(low.ptr + low.len - 3, "ies", 3) ? 3 : 1;
		tmk_buf_put(out, low.ptr, low.len - k);
		if (k == 3)
			tmk_buf_putc(out, 'y');
		if (!spelled(l->h[1], out->ptr, out->len))
			tmk_buf_clear(out);
	}
	tmk_buf_release(&low);
	if (!out->len)
		return 0;
	if (up) {
		tmk_buf_clear(&l->norm);
		tmk_buf_put(&l->norm, out->ptr, out->len);
		recase(out, l->norm.ptr, l->norm.len, 1);
	}
	return 1;
}

/* The start of S's last word. */
static size_t last_word(const char *s, size_t n)
{
	size_t i = n;

	while (i && s[i - 1] != ' ')
		i--;
	return i;
}

int tmk_xlang_en_plural(tmk_xlang *l, const char *s, size_t n)
{
	tmk_buf b = TMK_BUF_INIT;
	size_t i = last_word(s, n);
	int r = en_singular(l, &b, s + i, n - i);

	tmk_buf_release(&b);
	return r;
}

int tmk_xlang_en_lemma(tmk_xlang *l, tmk_buf *out, const char *s, size_t n, int force)
{
	tmk_buf b = TMK_BUF_INIT;
	size_t i = last_word(s, n);
	int r = 0;

	tmk_buf_clear(out);
	if (force || !is_upper_first(s + i, n - i))
		r = en_singular(l, &b, s + i, n - i);
	tmk_buf_put(out, s, r ? i : n);
	if (r)
		tmk_buf_put(out, b.ptr, b.len);
	tmk_buf_release(&b);
	return out->ptr ? 0 : TMK_ENOMEM;
}
