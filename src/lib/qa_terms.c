/*
 * qa_terms.c - the glossary rules: term-missing (the source holds a
 * glossary term, in any inflection or inside a German compound, and the
 * target lacks every approved translation of it, English plural too) and
 * term-forbidden (the target uses a forbidden term).
 *
 * Every term is keyed as the term base keys it (tmk_term_key: folded,
 * words stemmed) and hashed; a unit's words are keyed the same way, so
 * a term is found as a run of word keys whose hash is in the table.  A
 * word of eight letters or more that holds no term is split as a German
 * compound: its longest known head, else its modifier (with or without a
 * linking s).  Matches inside a longer match do not count on their own
 * (Bundesamt für Verfassungsschutz is not also Verfassungsschutz).
 */
#include <stdlib.h>
#include <string.h>

#include "concord.h"
#include "error.h"
#include "langtag.h"
#include "qa_internal.h"
#include "term.h"
#include "textnorm.h"

typedef struct {
	uint64_t key;
	uint32_t concept;       /* index into qa_terms.concepts */
	uint8_t lang;           /* 0 de, 1 en */
	uint8_t forbidden;
	uint8_t words;
	uint8_t cap;            /* starts with a capital (a German noun or name); 2: an acronym */
	char *norm;             /* its folded form, words a space apart */
} tentry;

typedef struct {
	char *pref[2];          /* the preferred term per language, for messages */
	uint64_t *ok[2];        /* the keys of its allowed terms per language */
	size_t nok[2];
} concept_t;

struct qa_terms {
	tentry *e;              /* sorted by key */
	size_t n, cap;
	concept_t *c;
	size_t nc;
	int maxw[2];
	uint64_t filter[1024];  /* 65,536 bits: which key hashes may be in the table */
};

void tmk_qa_terms_free(qa_terms *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->nc; i++)
		for (int l = 0; l < 2; l++) {
			free(t->c[i].pref[l]);
			free(t->c[i].ok[l]);
		}
	free(t->c);
	for (size_t i = 0; i < t->n; i++)
		free(t->e[i].norm);
	free(t->e);
	free(t);
}

static int lang_index(const char *lang)
{
	return tmk_langtag_same_lang(lang, "de") ? 0 : tmk_langtag_same_lang(lang, "en") ? 1 : -1;
}

static int acronym(const char *s, size_t n);

/* Is the token W[0..N)'s first part (up to - or /) in capitals, two
 * letters or more (NRW in NRW-CDU)? */
static int caps_part(const char *w, size_t n)
{
	size_t k = 0;

	while (k < n && w[k] != '-' && w[k] != '/')
		k++;
	return acronym(w, k);
}

/* ---- keys ------------------------------------------------------------------ */

typedef struct {
	char key[48];           /* the word's key (folded, stemmed); klen 0: too long */
	size_t klen;
	size_t start, end;      /* its token in the text */
	size_t nlen;            /* its folded form's length (0: too long) */
	char norm[48];
	int cap;                /* the token starts with a capital; 2: in capitals (an acronym) */
	char key2[48];          /* an English possessive's key without 's (klen2 0: none) */
	size_t klen2;
} kword;

typedef struct {
	kword *w;
	size_t n, cap;
} kwords;

static int kw_push(kwords *v, const char *key, size_t klen, size_t start, size_t end, const char *norm,
		   size_t nlen, int cap)
{
	if (v->n == v->cap) {
		kword *p = realloc(v->w, (v->cap = v->cap ? v->cap * 2 : 64) * sizeof(*p));
		if (!p)
			return tmk_error_oom();
		v->w = p;
	}
	kword *k = &v->w[v->n++];
	k->klen = klen < sizeof(k->key) ? klen : 0;
	if (k->klen)
		memcpy(k->key, key, klen);
	k->start = start;
	k->end = end;
	k->nlen = nlen < sizeof(k->norm) ? nlen : 0;
	if (k->nlen)
		memcpy(k->norm, norm, nlen);
	k->cap = cap;
	k->klen2 = 0;
	return 0;
}

/* The word keys of TEXT: each word token keyed as tmk_term_key() would
 * (ASCII words folded here, others through ICU), a hyphenated word its
 * parts, every part spanning the token. */
static int text_words(kwords *out, tmk_buf *norm, tmk_buf *key, int lang, const char *s, size_t len)
{
	tmk_token *t;
	size_t nt;
	int rc;

	out->n = 0;
	if ((rc = tmk_tokenize(&t, &nt, s, len)) < 0)
		return rc;
	for (size_t i = 0; i < nt && rc == 0; i++) {
		const char *w = s + t[i].start;
		size_t n = t[i].end - t[i].start, words, ascii = 1;
		if (!t[i].word)
			continue;
		for (size_t k = 0; k < n && ascii; k++)
			ascii = (unsigned char)w[k] < 0x80;
		int cap = u_isupper(w[0]) || ((unsigned char)w[0] >= 0x80 && (unsigned char)w[0] == 0xc3 && n > 1 &&
			  (unsigned char)w[1] >= 0x80 && (unsigned char)w[1] <= 0x9e);
		size_t before = out->n, poss = 0;
		/* an English possessive is also the word: Sharif's, Hong Kong's */
		if (lang == 1 && n > 2 && w[n - 1] == 's' && w[n - 2] == '\'')
			poss = 2;
		else if (lang == 1 && n > 4 && w[n - 1] == 's' && !memcmp(w + n - 4, "\xe2\x80\x99", 3))
			poss = 4;
		if (ascii && n < 64) {          /* lower case, ae/oe/ue folded, parts at - and / */
			char low[64];
			size_t m = 0;
			for (size_t k = 0; k <= n && rc == 0; k++) {
				char c = k < n ? w[k] : '-';
				if (c == '-' || c == '/') {
					if (m)
						rc = kw_push(out, low, tmk_stem_len(lang ? "en" : "de", low, m),
							     t[i].start, t[i].end, low, m, cap);
					m = 0;
					continue;
				}
				c = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
				if (c == 'e' && m && (low[m - 1] == 'a' || low[m - 1] == 'o' || low[m - 1] == 'u'))
					continue;
				low[m++] = c;
			}
		} else if ((rc = tmk_term_key(norm, key, &words, lang ? "en" : "de", w, n)) < 0) {
			break;
		} else {
		/* the key's words beside the folded form's (hyphens are spaces in both) */
		for (size_t a = 0, b, na = 0, nb; a < key->len && rc == 0; a = b + 1, na = nb + 1) {
			b = a;
			while (b < key->len && key->ptr[b] != ' ')
				b++;
			nb = na;
			while (nb < norm->len && norm->ptr[nb] != ' ')
				nb++;
			rc = kw_push(out, key->ptr + a, b - a, t[i].start, t[i].end,
				     na < norm->len ? norm->ptr + na : NULL, na < norm->len ? nb - na : 0, cap);
		}
		}
		if (rc == 0 && out->n > before && caps_part(w, n))
			out->w[before].cap = 2;
		if (rc == 0 && !poss && lang == 1 && out->n > before) {
			/* an English plural the stemmer keys apart (refugees, refugee) */
			kword *k = &out->w[out->n - 1];
			if (k->nlen > 3 && k->norm[k->nlen - 1] == 's' && k->norm[k->nlen - 2] != 's') {
				k->klen2 = tmk_stem_len("en", k->norm, k->nlen - 1);
				if (k->klen2 < sizeof(k->key2))
					memcpy(k->key2, k->norm, k->klen2);
				else
					k->klen2 = 0;
			}
		}
		if (rc == 0 && poss && out->n > before) {
			kword *k = &out->w[out->n - 1];
			size_t nl = k->nlen;
			while (nl && k->norm[nl - 1] != '\'' && (unsigned char)k->norm[nl - 1] != 0x99)
				nl--;           /* back to the apostrophe */
			if (nl > 1) {
				nl -= (unsigned char)k->norm[nl - 1] == 0x99 ? 3 : 1;
				k->klen2 = tmk_stem_len("en", k->norm, nl);
				if (k->klen2 < sizeof(k->key2))
					memcpy(k->key2, k->norm, k->klen2);
				else
					k->klen2 = 0;
			}
		}
	}
	free(t);
	return rc;
}

/* ---- loading the glossary ------------------------------------------------------ */

typedef struct {
	qa_terms *t;
	tmk_buf norm, key;
	int rc;
} load_ctx;

static int add_entry(qa_terms *t, uint64_t key, uint32_t concept, int lang, int forbidden, size_t words,
		     const char *norm, int cap)
{
	if (t->n == t->cap) {
		tentry *p = realloc(t->e, (t->cap = t->cap ? t->cap * 2 : 1024) * sizeof(*p));
		if (!p)
			return tmk_error_oom();
		t->e = p;
	}
	t->e[t->n] = (tentry){ key, concept, (uint8_t)lang, (uint8_t)forbidden, (uint8_t)words, (uint8_t)cap,
			       strdup(norm) };
	if (!t->e[t->n++].norm)
		return tmk_error_oom();
	t->filter[(key >> 6) & 1023] |= 1ULL << (key & 63);
	if ((int)words > t->maxw[lang])
		t->maxw[lang] = (int)words;
	return 0;
}

static int load_concept(void *ud, const tmk_concept *c)
{
	load_ctx *lc = ud;
	qa_terms *t = lc->t;
	concept_t *ct;
	uint32_t id;

	if (t->nc % 256 == 0) {
		concept_t *p = realloc(t->c, (t->nc + 256) * sizeof(*p));
		if (!p)
			return tmk_error_oom();
		t->c = p;
	}
	id = (uint32_t)t->nc;
	ct = &t->c[t->nc++];
	memset(ct, 0, sizeof(*ct));
	for (size_t i = 0; i < c->nterms; i++) {
		const tmk_term *tm = &c->terms[i];
		int l = lang_index(tm->lang), forbidden = !strcmp(tm->status, "forbidden");
		size_t words;
		uint64_t h;
		int rc;
		if (l < 0)
			continue;
		if ((rc = tmk_term_key(&lc->norm, &lc->key, &words, tm->lang, tm->text, strlen(tm->text))) < 0)
			return rc;
		if (!words || words > 12)
			continue;
		h = tmk_hash(TMK_HASH_SEED, lc->key.ptr, lc->key.len);
		if ((rc = add_entry(t, h, id, l, forbidden, words, lc->norm.ptr ? lc->norm.ptr : "",
				    acronym(tm->text, strlen(tm->text)) ? 2 :
				    u_isupper(tm->text[0]) || (unsigned char)tm->text[0] == 0xc3)) < 0)
			return rc;
		if (forbidden)
			continue;
		if (!ct->pref[l] && !(ct->pref[l] = strdup(tm->text)))
			return tmk_error_oom();
		uint64_t *ok = realloc(ct->ok[l], (ct->nok[l] + 1) * sizeof(*ok));
		if (!ok)
			return tmk_error_oom();
		ok[ct->nok[l]++] = h;
		ct->ok[l] = ok;
	}
	return 0;
}

static int cmp_entry(const void *a, const void *b)
{
	const tentry *x = a, *y = b;

	return x->key < y->key ? -1 : x->key > y->key;
}

int tmk_qa_glossary(tmk_qa *q, tmk_tm *tm)
{
	load_ctx lc = { NULL, TMK_BUF_INIT, TMK_BUF_INIT, 0 };
	int rc;

	if (!(lc.t = calloc(1, sizeof(*lc.t))))
		return tmk_error_oom();
	tmk_term_filter all = { NULL, NULL, NULL, NULL };

	rc = tmk_term_list(tm, &all, load_concept, &lc);
	tmk_buf_release(&lc.norm);
	tmk_buf_release(&lc.key);
	if (rc < 0) {
		tmk_qa_terms_free(lc.t);
		return rc;
	}
	if (lc.t->n > 1)
		qsort(lc.t->e, lc.t->n, sizeof(*lc.t->e), cmp_entry);
	tmk_qa_terms_free(q->terms);
	q->spell_tm = tm;       /* the spelling rule reads its words while the TM is open */
	q->terms = lc.t->n ? lc.t : NULL;
	if (!q->terms)
		tmk_qa_terms_free(lc.t);
	return 0;
}

/* ---- checking a unit ------------------------------------------------------------ */

/* The entries of KEY: the first, *N of them. */
static const tentry *lookup(const qa_terms *t, uint64_t key, size_t *n)
{
	size_t lo = 0, hi = t->n;

	*n = 0;
	if (!(t->filter[(key >> 6) & 1023] & (1ULL << (key & 63))))
		return NULL;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (t->e[mid].key < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t k = lo; k < t->n && t->e[k].key == key; k++)
		(*n)++;
	return *n ? &t->e[lo] : NULL;
}

typedef struct {
	uint32_t concept;
	size_t wfrom, wto;      /* word indices, [from, to) */
	size_t start, end;      /* bytes */
	int compound;           /* a part of a compound: its translation may be an adjective */
} match_t;

/* Is S[0..N) an ending German nouns take (Anschlag-e, Zelle-n,
 * Verfassungsschutz-es), not a derivation (Anklage-r, Wien-er)? */
static int inflection(const char *s, size_t n)
{
	static const char *const endings[] = { "", "s", "es", "e", "en", "n", "ns", "se", "sen", "nen", NULL };

	for (int i = 0; endings[i]; i++)
		if (strlen(endings[i]) == n && !memcmp(endings[i], s, n))
			return 1;
	return 0;
}

/* Is German term E really written at words I..J, not merely keyed alike?
 * The stemmer keys Kämpfer and Kampf, Beschuldigter and beschuldigt
 * alike; a check must not take one for the other.  Inflection adds to a
 * noun (Anschlag, Anschläge; Zelle, Zellen), so each word must begin with
 * the term's word (an adjective before the noun with its ending off:
 * Islamischer, Islamischen), and a capitalised term wants a capitalised
 * word (Vorschlag, not vorschlagen). */
static int spelled_as(const tentry *e, const kwords *v, size_t i, size_t j)
{
	const char *p = e->norm;

	if (e->cap && !v->w[i].cap)
		return 0;
	for (size_t k = i; k <= j; k++) {
		size_t n = strcspn(p, " ");
		const kword *w = &v->w[k];
		if (k < j)      /* an adjective: its ending may change */
			while (n > 3 && strchr("enrsm", p[n - 1]) && n + 2 > strcspn(p, " "))
				n--;
		if (!w->nlen || w->nlen < n || memcmp(w->norm, p, n))
			return 0;
		if (k == j && !inflection(w->norm + n, w->nlen - n))
			return 0;
		p += strcspn(p, " ");
		p += *p == ' ';
	}
	return 1;
}

/* The terms of language L in words V: at each word the longest first;
 * a match inside a longer one is dropped.  Forbidden terms too when
 * FORBIDDEN (else only allowed ones).  Into M (at most MAX). */
static size_t find_terms(const qa_terms *t, const kwords *v, int l, int forbidden, match_t *m, size_t max)
{
	size_t nm = 0, covered = 0;     /* words before COVERED are inside a match */

	for (size_t i = 0; i < v->n && nm < max; i++) {
		uint64_t h = TMK_HASH_SEED;
		size_t bestj = 0;
		uint32_t bestc = 0;
		int found = 0;
		for (size_t j = i; j < v->n && (int)(j - i) < t->maxw[l] && v->w[j].klen; j++) {
			const tentry *e;
			size_t n;
			if (j > i)
				h = tmk_hash(h, " ", 1);
			h = tmk_hash(h, v->w[j].key, v->w[j].klen);
			if (!(e = lookup(t, h, &n)))
				continue;
			for (size_t x = 0; x < n; x++)
				if (e[x].lang == l && e[x].words == j - i + 1 && (e[x].forbidden != 0) == (forbidden != 0) &&
				    (e[x].cap != 2 || v->w[i].cap == 2) &&      /* MIT is no Mit */
				    (l == 1 || spelled_as(&e[x], v, i, j))) {
					bestj = j;
					bestc = e[x].concept;
					found = 1;
					break;
				}
		}
		if (!found || bestj + 1 <= covered)
			continue;
		m[nm++] = (match_t){ bestc, i, bestj + 1, v->w[i].start, v->w[bestj].end, 0 };
		covered = bestj + 1;
	}
	return nm;
}

/* A German compound's known part as a term of language 0: the longest
 * head, else the longest modifier (with or without a linking s). */
static int compound_part(const qa_terms *t, const kword *w, uint32_t *concept)
{
	for (int pass = 0; pass < 2; pass++)
		for (size_t cut = 6; cut + 6 <= w->nlen; cut++) {
			size_t c = pass == 0 ? cut : w->nlen - cut;     /* head: shortest cut first */
			const char *p = pass == 0 ? w->norm + c : w->norm;
			size_t n = pass == 0 ? w->nlen - c : c;
			for (int s = 0; s < (pass == 1 ? 2 : 1); s++) {
				size_t len = n - (size_t)s, e;
				const tentry *x;
				if (s && p[len] != 's')
					break;
				uint64_t h = tmk_hash(TMK_HASH_SEED, p, tmk_stem_len("de", p, len));
				if (!(x = lookup(t, h, &e)))
					continue;
				for (size_t k = 0; k < e; k++)
					if (x[k].lang == 0 && x[k].words == 1 && !x[k].forbidden &&
					    strlen(x[k].norm) <= n && !memcmp(p, x[k].norm, strlen(x[k].norm))) {
						*concept = x[k].concept;
						return 1;
					}
			}
		}
	return 0;
}

static int acronym(const char *s, size_t n)
{
	size_t caps = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] >= 'a' && s[i] <= 'z')
			return 0;
		caps += s[i] >= 'A' && s[i] <= 'Z';
	}
	return caps >= 2;
}

/* Does TARGET hold acronym A as it is, or with full stops (U.N.)? */
static int kept_acronym(const char *t, size_t tl, const char *a, size_t n)
{
	char dotted[64];
	size_t d = 0;

	if (qa_find(t, tl, a, n))
		return 1;
	for (size_t i = 0; i < n && d + 2 < sizeof(dotted); i++) {
		dotted[d++] = a[i];
		dotted[d++] = '.';
	}
	return qa_find(t, tl, dotted, d) != NULL;
}

/* Does a word of V begin with the first five letters of a word of TERM
 * (folded, five letters or more)? */
static int begins_alike(const kwords *v, const char *term)
{
	tmk_buf norm = TMK_BUF_INIT;
	int yes = 0;

	if (!term || tmk_norm_match(&norm, term, strlen(term)) < 0 || !norm.ptr)
		goto done;
	for (const char *p = norm.ptr; *p && !yes;) {
		size_t n = strcspn(p, " -");
		for (size_t k = 0; n >= 5 && k < v->n && !yes; k++)
			yes = v->w[k].nlen >= 5 && !memcmp(v->w[k].norm, p, 5);
		p += n;
		p += *p != '\0';
	}
done:
	tmk_buf_release(&norm);
	return yes;
}

/* Does V hold a capitalised word that reads as the demonym or adjective
 * of the one-word name TERM: its first three letters, and an ending such
 * adjectives have (China: Chinese; Poland: Polish; Iraq: Iraqi;
 * Ukraine: Ukrainian)?  English capitalises them, which keeps common
 * words out. */
static int demonym_of(const kwords *v, const char *term)
{
	static const char *const endings[] = { "ese", "ish", "ian", "ean", "an", "i", "ic", NULL };
	size_t tl = term ? strlen(term) : 0;

	if (tl < 4 || strchr(term, ' ') || !u_isupper((unsigned char)term[0]))
		return 0;
	for (size_t k = 0; k < v->n; k++) {
		const kword *w = &v->w[k];
		if (w->cap != 1 || w->nlen < 4 || w->nlen > tl + 4 || (w->norm[0] | 0x20) != (term[0] | 0x20) ||
		    (w->norm[1] | 0x20) != (term[1] | 0x20) || (w->norm[2] | 0x20) != (term[2] | 0x20))
			continue;
		for (size_t e = 0; endings[e]; e++) {
			size_t el = strlen(endings[e]);
			if (w->nlen > el + 2 && !memcmp(w->norm + w->nlen - el, endings[e], el))
				return 1;
		}
	}
	return 0;
}

/* Does folded text FT (qa_variant_fold) hold TERM's folded form as whole
 * words?  (The glossary's organisation in a target's organization, its
 * cooperation in co-operation, its UN in U.N.) */
static int folded_has(const tmk_buf *ft, const char *term)
{
	tmk_buf fp = TMK_BUF_INIT;
	int yes = 0;

	if (!term || !ft->ptr || qa_variant_fold(&fp, term, strlen(term)) < 0 || !fp.len)
		goto done;
	for (const char *p = ft->ptr; !yes && (p = qa_find(p, ft->len - (size_t)(p - ft->ptr), fp.ptr, fp.len));
	     p++) {
		size_t at = (size_t)(p - ft->ptr), e = at + fp.len;
		yes = (at == 0 || !u_isalnum((unsigned char)ft->ptr[at - 1])) &&
		      (e >= ft->len || !u_isalnum((unsigned char)ft->ptr[e]) || ft->ptr[e] == 's');
	}
done:
	tmk_buf_release(&fp);
	return yes;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

int qa_terms_check(tmk_qa *q, size_t k)
{
	const qa_unit *u = &q->units[k];
	qa_terms *t = q->terms;
	int sl = lang_index(u->src_lang), tl = lang_index(u->tgt_lang), rc = 0;
	kwords sw = { 0 }, tw = { 0 };
	tmk_buf norm = TMK_BUF_INIT, key = TMK_BUF_INIT, ft = TMK_BUF_INIT;
	match_t m[64];
	size_t nm, ng = 0;
	uint64_t *grams = NULL;

	if (sl < 0 || tl < 0 || sl == tl || (!t->maxw[sl] && !t->maxw[tl]))
		return 0;
	if ((rc = text_words(&sw, &norm, &key, sl, u->src, u->sl)) < 0 ||
	    (rc = text_words(&tw, &norm, &key, tl, u->tgt, u->tl)) < 0)
		goto done;
	/* forbidden terms in the target */
	if (q->sev[R_TERM_FORBIDDEN] != TMK_SEV_OFF && (nm = find_terms(t, &tw, tl, 1, m, 64))) {
		const concept_t *c = &t->c[m[0].concept];
		rc = qa_found(q, k, R_TERM_FORBIDDEN, 2, m[0].start, m[0].end,
			      "%.*s is a forbidden term%s%s", (int)(m[0].end - m[0].start), u->tgt + m[0].start,
			      c->pref[tl] ? ": use " : "", c->pref[tl] ? c->pref[tl] : "");
		if (rc < 0)
			goto done;
	}
	if (q->sev[R_TERM_MISSING] == TMK_SEV_OFF)
		goto done;
	/* the source's terms, whole words first, then compound parts */
	nm = find_terms(t, &sw, sl, 0, m, 64);
	if (sl == 0)
		for (size_t i = 0, mi = 0; i < sw.n && nm < 64; i++) {
			uint32_t c;
			while (mi < nm && m[mi].wto <= i)
				mi++;
			if ((mi < nm && m[mi].wfrom <= i) || sw.w[i].nlen < 10 || !sw.w[i].cap)
				continue;       /* compounds worth a look are nouns */
			if (compound_part(t, &sw.w[i], &c))
				m[nm++] = (match_t){ c, i, i + 1, sw.w[i].start, sw.w[i].end, 1 };
		}
	if (!nm)
		goto done;
	/* the target's word n-grams, hashed as terms are */
	if (!(grams = malloc((2 * tw.n * (size_t)(t->maxw[tl] ? t->maxw[tl] : 1) + 1) * sizeof(*grams)))) {
		rc = tmk_error_oom();
		goto done;
	}
	for (size_t i = 0; i < tw.n; i++) {
		uint64_t h = TMK_HASH_SEED;
		for (size_t j = i; j < tw.n && (int)(j - i) < t->maxw[tl] && tw.w[j].klen; j++) {
			if (j > i)
				h = tmk_hash(h, " ", 1);
			if (tw.w[j].klen2)      /* Hong Kong's: Hong Kong too */
				grams[ng++] = tmk_hash(h, tw.w[j].key2, tw.w[j].klen2);
			grams[ng++] = h = tmk_hash(h, tw.w[j].key, tw.w[j].klen);
		}
	}
	qsort(grams, ng, sizeof(*grams), cmp_u64);
	for (size_t i = 0; i < nm && rc == 0; i++) {
		const concept_t *c = &t->c[m[i].concept];
		int ok = c->nok[tl] == 0;       /* no approved translation: nothing to want */
		for (size_t x = 0; x < c->nok[tl] && !ok; x++)
			ok = bsearch(&c->ok[tl][x], grams, ng, sizeof(*grams), cmp_u64) != NULL;
		/* an acronym the target keeps as it is (UN, NATO) */
		if (!ok && acronym(u->src + m[i].start, m[i].end - m[i].start))
			ok = kept_acronym(u->tgt, u->tl, u->src + m[i].start, m[i].end - m[i].start);
		/* a term may come out as an adjective (Russlands: the Russian view;
		 * Parlamentswahl: parliamentary election): a target word beginning
		 * like one of the translation's words (five letters) will do */
		if (!ok && c->pref[tl] && (m[i].compound || !strchr(c->pref[tl], ' ')))
			ok = begins_alike(&tw, c->pref[tl]);    /* Russia, Russian; Geheimdienst|offizier */
		if (!ok && c->pref[tl] && tl == 1)
			ok = demonym_of(&tw, c->pref[tl]);      /* China, Chinese; Poland, Polish */
		/* a spelling variant of it (organization, co-operation, U.N.) */
		if (!ok && c->pref[tl] && !ft.len && (rc = qa_variant_fold(&ft, u->tgt, u->tl)) < 0)
			break;
		if (!ok && c->pref[tl])
			ok = folded_has(&ft, c->pref[tl]);
		if (!ok)
			rc = qa_found(q, k, R_TERM_MISSING, 1, m[i].start, m[i].end, "%.*s: the glossary wants %s",
				      (int)(m[i].end - m[i].start), u->src + m[i].start, c->pref[tl]);
	}
done:
	free(grams);
	free(sw.w);
	free(tw.w);
	tmk_buf_release(&norm);
	tmk_buf_release(&key);
	tmk_buf_release(&ft);
	return rc;
}
