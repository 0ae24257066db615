/*
 * extract.c - bilingual term extraction from the TM's units; see
 * extract.h.
 *
 * Two passes over the German-English units.  The first finds each unit's
 * candidates on both sides (interned by their term-base key, so inflected
 * forms count as one) and counts units per candidate and per pair; the
 * pairs seen in at least min_freq units are scored (smoothed Dice times
 * the weight of their evidence) and linked competitively.  The second
 * pass finds an example unit for each pair kept.
 */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>

#include "error.h"
#include "langtag.h"
#include "extract.h"
#include "extract_lang.h"
#include "names/skeleton.h"
#include "term.h"
#include "textnorm.h"
#include "tm_internal.h"
#include "utf8.h"

/* ---- a map from 64-bit keys to 64-bit values (key 0 is free) ------------- */

typedef struct {
	uint64_t *k, *v;
	size_t n, cap;          /* cap a power of two */
} map_t;

static void map_release(map_t *m)
{
	free(m->k);
	free(m->v);
}

static uint64_t mix(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	return x;
}

/* The slot of KEY (inserted with value 0 when absent); NULL: out of memory. */
static uint64_t *map_slot(map_t *m, uint64_t key)
{
	size_t i;

	if (key == 0)
		key = 1;
	if ((m->n + 1) * 2 > m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 1024;
		uint64_t *k = calloc(cap, sizeof(*k)), *v = calloc(cap, sizeof(*v));
		if (!k || !v) {
			free(k);
			free(v);
			return NULL;
		}
		for (size_t j = 0; j < m->cap; j++)
			if (m->k[j]) {
				size_t p = mix(m->k[j]) & (cap - 1);
				while (k[p])
					p = (p + 1) & (cap - 1);
				k[p] = m->k[j];
				v[p] = m->v[j];
			}
		map_release(m);
		m->k = k;
		m->v = v;
		m->cap = cap;
	}
	for (i = mix(key) & (m->cap - 1); m->k[i] && m->k[i] != key; i = (i + 1) & (m->cap - 1))
		;
	if (!m->k[i]) {
		m->k[i] = key;
		m->v[i] = 0;
		m->n++;
	}
	return &m->v[i];
}

static int map_get(const map_t *m, uint64_t key, uint64_t *val)
{
	if (key == 0)
		key = 1;
	if (!m->cap)
		return 0;
	for (size_t i = mix(key) & (m->cap - 1); m->k[i]; i = (i + 1) & (m->cap - 1))
		if (m->k[i] == key) {
			*val = m->v[i];
			return 1;
		}
	return 0;
}

/* ---- candidates ----------------------------------------------------------- */

enum { K_TERM, K_NAME, K_ACRONYM };

typedef struct {
	char *surface;          /* the most frequent form seen */
	size_t surface_n;
	size_t freq;            /* units */
	int lang;               /* 0 de, 1 en */
	int kind;
	uint32_t last_unit;     /* counted once a unit */
	char *key;              /* the term-base key: words stemmed, one space apart */
	char *lemma;            /* the dictionary form proposed, once asked for */
	int singularised;       /* the lemma made a plural singular */
	int lemma_done;
} cand_t;

typedef struct {
	cand_t *c;
	size_t n, cap;
	map_t ids;              /* hash of (lang, key) -> id + 1 */
	map_t surfaces;         /* hash of (id, surface) -> units */
	map_t pairs;            /* (de id + 1) << 32 | (en id + 1) -> units */
	tmk_buf norm, key, span;
	tmk_xlang *xl;          /* lemmas, general frequencies */
	size_t words[2];        /* word tokens a side, for the frequency in the TM */
} ctx_t;

/* Words that are no terms on their own (function words, pronouns, common
 * adverbs and verbs), by language, in their folded form. */
static int is_stop(int lang, const char *w, size_t n)
{
	static const char *const de[] = {
		"der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer",
		"eines", "und", "oder", "aber", "doch", "sondern", "denn", "von", "vom", "zu", "zum",
		"zur", "mit", "in", "im", "an", "am", "auf", "fur", "aus", "bei", "beim", "nach",
		"uber", "unter", "vor", "hinter", "neben", "zwischen", "durch", "gegen", "ohne", "um",
		"seit", "bis", "wahrend", "wegen", "trotz", "als", "wie", "wenn", "weil", "dass", "ob",
		"so", "auch", "noch", "nur", "schon", "sehr", "mehr", "nicht", "kein", "keine", "er",
		"sie", "es", "wir", "ihr", "ich", "du", "man", "sich", "dies", "diese", "dieser",
		"dieses", "diesem", "diesen", "jene", "jener", "sein", "seine", "seiner", "ihre",
		"ihrer", "unser", "unsere", "was", "wer", "wo", "wann", "warum", "hier", "dort", "da",
		"dann", "jetzt", "heute", "gestern", "morgen", "immer", "nie", "bereits", "jedoch",
		"zudem", "daher", "deshalb", "also", "allerdings", "ist", "sind", "war", "waren",
		"wird", "werden", "wurde", "wurden", "hat", "haben", "hatte", "hatten", "kann",
		"konnen", "muss", "mussen", "soll", "sollen", "will", "wollen", "alle", "viele",
		"einige", "andere", "anderen", "jede", "jeder", "jedes", "herr", "frau", "damen",
		"herren", "prasident", "prasidentin", "kommissar", "kollegen", "ja", "nein", "etwa",
		"rund", "fast", "gut", "neue", "neuen", "erste", "ersten", "letzten", "sagte", "sagt",
		"laut", "uns", "ihnen", "ihm", "ihn", "mir", "mich", "dir", "dich", "euch", "eines",
		"eben", "zwar", "selbst", "sogar", "etwas", "nichts", "viel", "wenig", "ganz",
		/* more closed-class words: no term begins or ends with one */
		"ab", "außer", "ausser", "binnen", "entlang", "gemass", "gemäss", "innerhalb", "ausserhalb",
		"jenseits", "mittels", "nahe", "oberhalb", "unterhalb", "samt", "statt", "anstatt", "via",
		"zufolge", "dessen", "deren", "denen", "welche", "welcher", "welches", "welchen", "sowie",
		"sowohl", "weder", "noch", "falls", "damit", "indem", "nachdem", "obwohl", "sobald",
		"solange", "bevor", "seine", "seinen", "seinem", "seines", "ihren", "ihrem", "ihres",
		"unseren", "unserem", "euer", "eure", "meine", "meinen", "deine", "mein", "dein", "wurden",
		"worden", "sei", "seien", "ware", "waren", "hatte", "konnte", "mochte", "musste", "sollte",
		"wollte", "durfte", "darf", "mag", "jemand", "niemand", "jeder", "manche", "mehrere", "beide",
		"beiden",
		/* numbers: no terms either */
		"zwei", "drei", "vier", "funf", "sechs", "sieben", "acht", "neun", "zehn", "elf", "zwolf",
		"hundert", "tausend", "million", "millionen", "milliarde", "milliarden", "billion",
		"billionen", "dutzend", "prozent", NULL
	};
	static const char *const en[] = {
		"the", "a", "an", "and", "or", "but", "of", "to", "in", "on", "at", "for", "with", "by",
		"from", "as", "into", "about", "over", "under", "after", "before", "between", "through",
		"against", "without", "during", "since", "until", "than", "that", "this", "these",
		"those", "which", "who", "whom", "whose", "what", "when", "where", "why", "how", "if",
		"whether", "because", "while", "although", "so", "also", "only", "just", "very", "more",
		"most", "not", "no", "nor", "it", "its", "he", "she", "they", "we", "you", "i", "him",
		"her", "them", "us", "me", "his", "their", "our", "your", "my", "is", "are", "was",
		"were", "be", "been", "being", "has", "have", "had", "having", "do", "does", "did",
		"will", "would", "shall", "should", "can", "could", "may", "might", "must", "there",
		"here", "now", "then", "today", "yesterday", "tomorrow", "all", "any", "some", "many",
		"much", "other", "others", "such", "each", "every", "both", "either", "neither", "one",
		"ones", "own", "same", "new", "first", "last", "said", "says", "say", "mr", "mrs", "ms",
		"madam", "president", "commissioner", "colleagues", "yes", "already", "still", "even",
		"however", "therefore", "thus", "well", "around", "about", "up", "out", "down", "off",
		"again", "further", "once", "too", "whilst", "upon", "per", "cent", "percent", "like",
		"get", "got", "make", "made", "take", "taken", "took", "see", "seen", "going", "way",
		"something", "nothing", "anything", "everything", "lot", "good", "great",
		/* more closed-class words: no term begins or ends with one */
		"near", "across", "along", "alongside", "among", "amongst", "amid", "amidst", "behind",
		"below", "beneath", "beside", "besides", "beyond", "despite", "except", "inside",
		"outside", "onto", "toward", "towards", "via", "within", "throughout", "unlike", "versus",
		"whereas", "unless", "though", "yet", "above", "off", "past", "round", "till", "regarding",
		"concerning", "including", "following", "according", "an", "these", "whose", "whom",
		"whatever", "whichever", "whoever", "itself", "himself", "herself", "themselves",
		"ourselves", "yourself", "myself", "mine", "yours", "hers", "ours", "theirs", "none",
		"several", "few", "fewer", "less", "least", "another", "am", "isn't", "aren't", "wasn't",
		"don't", "doesn't", "didn't", "won't", "can't", "cannot",
		/* numbers: no terms either */
		"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
		"twenty", "hundred", "hundreds", "thousand", "thousands", "million", "millions", "billion",
		"billions", "trillion", "dozen", "dozens", NULL
	};
	const char *const *list = lang ? en : de;

	for (int i = 0; list[i]; i++)
		if (strlen(list[i]) == n && !memcmp(list[i], w, n))
			return 1;
	return 0;
}

/* Is folded word W a month, a day of the week or a unit of time?  Dates
 * are no terms, and a capital does not make them names. */
static int is_calendar(const char *w, size_t n)
{
	static const char *const cal[] = {
		"januar", "februar", "marz", "april", "mai", "juni", "juli", "august", "september",
		"oktober", "november", "dezember", "montag", "dienstag", "mittwoch", "donnerstag",
		"freitag", "samstag", "sonnabend", "sonntag", "january", "february", "march", "june",
		"july", "october", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
		"saturday", "sunday",
		/* and the units of time */
		"jahr", "jahre", "jahren", "jahres", "jahrs", "monat", "monate", "monaten", "monats", "woche",
		"wochen", "tag", "tage", "tagen", "tages", "tags", "stunde", "stunden", "minute", "minuten",
		"sekunde", "sekunden", "jahrzehnt", "jahrzehnte", "jahrzehnten", "jahrhundert",
		"jahrhunderte", "jahrhunderts", "year", "years", "month", "months", "week", "weeks", "day",
		"days", "hour", "hours", "minutes", "seconds", "decade", "decades", "century",
		"centuries", NULL
	};

	for (int i = 0; cal[i]; i++)
		if (strlen(cal[i]) == n && !memcmp(cal[i], w, n))
			return 1;
	return 0;
}

typedef struct {
	size_t start, end;      /* bytes in the text */
	int cap, allcaps, initial, alpha, stop, adj;
	int conn;               /* may join the words of a name (für; of, for, the) */
	int apart;              /* punctuation before it: no candidate spans the two */
} word_t;

/* Is W (as written) a Roman numeral: III, XIV (Heinrich VIII, no acronym)? */
static int is_roman(const char *w, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strchr("IVXLCDM", w[i]))
			return 0;
	return n > 0;
}

static int is_connector(int lang, const char *w, size_t n)
{
	static const char *const de[] = { "fur", NULL };
	static const char *const en[] = { "of", "for", "the", NULL };
	const char *const *list = lang ? en : de;

	for (int i = 0; list[i]; i++)
		if (strlen(list[i]) == n && !memcmp(list[i], w, n))
			return 1;
	return 0;
}

/* The words of S with what the candidate rules ask of them. */
static int words_of(ctx_t *x, word_t **out, size_t *n, int lang, const char *s, size_t len)
{
	tmk_token *t;
	size_t nt, k = 0;
	int initial = 1, apart = 0, rc;
	word_t *w;

	*out = NULL;
	*n = 0;
	if ((rc = tmk_tokenize(&t, &nt, s, len)) < 0)
		return rc;
	if (!(w = calloc(nt ? nt : 1, sizeof(*w)))) {
		free(t);
		return tmk_error_oom();
	}
	for (size_t i = 0; i < nt; i++) {
		const char *p = s + t[i].start;
		size_t l = t[i].end - t[i].start, q = 0, letters = 0, upper = 0, digits = 0;
		if (!t[i].word) {
			if (l == 1 && strchr(".!?:;", p[0]))
				initial = 1;
			apart = 1;      /* quotes, brackets, dashes: "Islamischer Staat" (IS) */
			continue;
		}
		while (q < l) {
			int32_t c = tmk_utf8_next(p, l, &q);
			if (c >= '0' && c <= '9')
				digits++;
			else if (u_isalpha(c)) {
				letters++;
				upper += u_isupper(c);
			}
		}
		word_t *o = &w[k++];
		o->start = t[i].start;
		o->end = t[i].end;
		/* an English possessive is the word: Hong Kong's is Hong Kong */
		if (lang == 1 && l > 3 && p[l - 1] == 's' && p[l - 2] == '\'')
			o->end -= 2;
		else if (lang == 1 && l > 5 && p[l - 1] == 's' && !memcmp(p + l - 4, "\xe2\x80\x99", 3))
			o->end -= 4;
		o->alpha = digits == 0 && letters > 0;
		q = 0;
		o->cap = o->alpha && u_isupper(tmk_utf8_next(p, l, &q));
		o->allcaps = o->alpha && letters >= 2 && upper == letters && letters <= 8;
		o->initial = initial;
		o->apart = apart;
		apart = 0;
		tmk_buf_clear(&x->norm);
		if ((rc = tmk_norm_match(&x->norm, p, l)) < 0)
			break;
		o->stop = !o->alpha || is_stop(lang, x->norm.ptr, x->norm.len);
		/* inside an English sentence a capital says name: New York, The Hague */
		if (lang == 1 && o->stop && o->alpha && o->cap && !o->initial && l > 1 &&
		    !is_connector(1, x->norm.ptr, x->norm.len))
			o->stop = 0;
		if (is_calendar(x->norm.ptr, x->norm.len))
			o->stop = 1;
		/* a headline in capitals: ES GESCHEHEN, WHAT IF are no acronyms */
		if (o->allcaps && (is_stop(lang, x->norm.ptr, x->norm.len) || is_roman(p, l)))
			o->stop = 1;
		/* a German adjective's endings: innere Sicherheit, islamistischen Terror */
		/* (-te, -ten: more often a verb's past, reiste, than an adjective) */
		o->adj = lang == 0 && !o->cap && o->alpha && l >= 5 &&
			 (p[l - 1] == 'e' || ((p[l - 1] == 'n' || p[l - 1] == 'r' || p[l - 1] == 's' ||
			  p[l - 1] == 'm') && p[l - 2] == 'e')) &&
			 !(p[l - 1] == 'e' && p[l - 2] == 't') && !(p[l - 2] == 'e' && p[l - 3] == 't');
		o->conn = !o->cap && is_connector(lang, x->norm.ptr, x->norm.len);
		initial = 0;
	}
	free(t);
	if (rc < 0) {
		free(w);
		return rc;
	}
	x->words[lang] += k;
	*out = w;
	*n = k;
	return 0;
}

/* The id of candidate S[0..LEN) in LANG (interned), or -1 when its key is
 * empty; counts the surface form once a unit. */
static int intern(ctx_t *x, long *id, int lang, int kind, const char *span, size_t slen, uint32_t unit)
{
	size_t words, len;
	uint64_t h, *slot, *sn;
	const char *s;
	int rc;

	*id = -1;
	/* the words one space apart, whatever white space the text had */
	tmk_buf_clear(&x->span);
	for (size_t i = 0; i < slen; i++) {
		unsigned char c = (unsigned char)span[i];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			if (x->span.len && x->span.ptr[x->span.len - 1] != ' ' && tmk_buf_putc(&x->span, ' ') < 0)
				return TMK_ENOMEM;
		} else if (tmk_buf_putc(&x->span, (char)c) < 0)
			return TMK_ENOMEM;
	}
	s = x->span.ptr;
	len = x->span.len;
	if ((rc = tmk_term_key(&x->norm, &x->key, &words, lang ? "en" : "de", s, len)) < 0)
		return rc;
	if (!words)
		return 0;
	h = tmk_hash(TMK_HASH_SEED + (uint64_t)lang, x->key.ptr, x->key.len);
	if (!(slot = map_slot(&x->ids, h)))
		return tmk_error_oom();
	if (!*slot) {
		if (x->n == x->cap) {
			cand_t *c = realloc(x->c, (x->cap = x->cap ? x->cap * 2 : 4096) * sizeof(*c));
			if (!c)
				return tmk_error_oom();
			x->c = c;
		}
		x->c[x->n] = (cand_t){ NULL, 0, 0, lang, kind, UINT32_MAX, NULL, NULL, 0, 0 };
		if (!(x->c[x->n].key = strndup(x->key.ptr, x->key.len)))
			return tmk_error_oom();
		*slot = ++x->n;
	}
	*id = (long)*slot - 1;
	cand_t *c = &x->c[*id];
	if (kind > c->kind)
		c->kind = kind;
	if (c->last_unit == unit)
		return 0;
	c->last_unit = unit;
	c->freq++;
	if (!(sn = map_slot(&x->surfaces, tmk_hash(h, s, len))))
		return tmk_error_oom();
	if (++*sn > c->surface_n) {
		char *d = strndup(s, len);
		if (!d)
			return tmk_error_oom();
		free(c->surface);
		c->surface = d;
		c->surface_n = *sn;
	}
	return 0;
}

typedef struct {
	long *id;
	size_t n, cap;
} ids_t;

static int ids_add(ids_t *v, long id)
{
	if (id < 0)
		return 0;
	for (size_t i = 0; i < v->n; i++)
		if (v->id[i] == id)
			return 0;
	if (v->n == v->cap) {
		long *p = realloc(v->id, (v->cap = v->cap ? v->cap * 2 : 32) * sizeof(*p));
		if (!p)
			return tmk_error_oom();
		v->id = p;
	}
	v->id[v->n++] = id;
	return 0;
}

static int add(ctx_t *x, ids_t *v, int lang, int kind, const char *s, size_t a, size_t b, uint32_t unit)
{
	long id;
	int rc = intern(x, &id, lang, kind, s + a, b - a, unit);

	return rc < 0 ? rc : ids_add(v, id);
}

/* German candidates of S: nouns and compounds, acronyms, adjective + noun,
 * names of several capitalised words (with für, der, des, von inside). */
static int german(ctx_t *x, ids_t *v, const char *s, size_t len, uint32_t unit)
{
	word_t *w;
	size_t n;
	int rc;

	if ((rc = words_of(x, &w, &n, 0, s, len)) < 0)
		return rc;
	for (size_t i = 0; i < n && rc == 0; i++) {
		size_t l = w[i].end - w[i].start;
		int noun = w[i].cap && !w[i].stop && !w[i].allcaps && l >= 3;
		if (w[i].allcaps && !w[i].stop)
			rc = add(x, v, 0, K_ACRONYM, s, w[i].start, w[i].end, unit);
		else if (noun)
			rc = add(x, v, 0, K_TERM, s, w[i].start, w[i].end, unit);
		/* the acronyms inside a hyphenated compound: ISKP-Gebiete */
		for (size_t a = w[i].start, b; rc == 0 && a < w[i].end && memchr(s + a, '-', w[i].end - a); a = b + 1) {
			size_t caps = 0;
			b = a;
			while (b < w[i].end && s[b] != '-')
				caps += isupper((unsigned char)s[b]) || isdigit((unsigned char)s[b]) ? 1 : 0, b++;
			if (caps == b - a && caps >= 2 && caps <= 8 && isupper((unsigned char)s[a]))
				rc = add(x, v, 0, K_ACRONYM, s, a, b, unit);
			if (b >= w[i].end)
				break;
		}
		if (rc == 0 && w[i].adj && !w[i].stop && i + 1 < n && w[i + 1].cap && !w[i + 1].stop &&
		    !w[i + 1].allcaps && !w[i + 1].apart)
			rc = add(x, v, 0, K_TERM, s, w[i].start, w[i + 1].end, unit);
		/* a name: capitalised words, connectors inside */
		if (rc == 0 && (noun || w[i].allcaps) && !(w[i].initial && w[i].stop)) {
			size_t last = i;
			for (size_t j = i + 1; j < n && j < i + 5 && !w[j].apart; j++) {
				if (w[j].cap && !w[j].stop)
					last = j;
				else if (!w[j].conn)
					break;
			}
			if (last > i && (rc = add(x, v, 0, K_NAME, s, w[i].start, w[last].end, unit)) == 0 &&
			    last > i + 1) {     /* and its first two words (Islamischer Staat Provinz...) */
				size_t second = i + 1;
				if (w[second].cap && !w[second].stop)
					rc = add(x, v, 0, K_NAME, s, w[i].start, w[second].end, unit);
			}
		}
	}
	free(w);
	return rc;
}

/* English candidates of S: acronyms, names (capitalised runs with of, for,
 * the, and inside), and the one- to three-word runs of content words. */
static int english(ctx_t *x, ids_t *v, const char *s, size_t len, uint32_t unit)
{
	word_t *w;
	size_t n;
	int rc;

	if ((rc = words_of(x, &w, &n, 1, s, len)) < 0)
		return rc;
	for (size_t i = 0; i < n && rc == 0 && v->n < 400; i++) {
		if (w[i].stop)
			continue;
		if (w[i].allcaps) {
			rc = add(x, v, 1, K_ACRONYM, s, w[i].start, w[i].end, unit);
			continue;
		}
		/* content n-grams starting here */
		for (size_t j = i; j < n && j < i + 3 && !w[j].stop && (j == i || !w[j].apart) && rc == 0; j++)
			rc = add(x, v, 1, w[i].cap && w[j].cap && !w[i].initial ? K_NAME : K_TERM, s,
				 w[i].start, w[j].end, unit);
		/* a name with connectors: Office for the Protection of the Constitution */
		if (rc == 0 && w[i].cap && (i == 0 || !w[i - 1].cap || w[i - 1].stop)) {
			size_t last = i;
			for (size_t j = i + 1; j < n && j < i + 8 && !w[j].apart; j++) {
				if (w[j].cap && !w[j].stop)
					last = j;
				else if (!w[j].conn)
					break;
			}
			/* with a connector: Court of Auditors; and the names it ends
			 * with (European Court of Auditors: Court of Auditors too) */
			for (size_t k = i; k + 2 <= last && rc == 0; k++)
				if (w[k].cap && !w[k].stop && (k == i || !w[k - 1].cap || w[k - 1].stop ||
							       w[k - 1].conn || k == i + 1))
					rc = add(x, v, 1, K_NAME, s, w[k].start, w[last].end, unit);
		}
	}
	free(w);
	return rc;
}

/* ---- evidence --------------------------------------------------------------- */

/* Append the lexicon's translations of German word W (its compound parts
 * when the whole is unknown) to T (at most MAX); how many now. */
static size_t translations(const tmk_lexicon *lx, const char *w, size_t n, uint64_t *t, size_t k,
			   size_t max)
{
	const uint64_t *tr;
	size_t m = tmk_lexicon_lookup(lx, tmk_lexicon_key("de", w, n), &tr);

	for (size_t i = 0; i < m && k < max; i++)
		t[k++] = tr[i];
	if (m || n < 8)
		return k;
	for (size_t cut = 3; cut + 4 <= n; cut++) {
		if (((unsigned char)w[cut] & 0xC0) == 0x80)
			continue;
		m = tmk_lexicon_lookup(lx, tmk_lexicon_key("de", w + cut, n - cut), &tr);
		if (!m)
			continue;
		for (size_t i = 0; i < m && k < max; i++)
			t[k++] = tr[i];
		for (int s = 0; s < 2; s++) {
			size_t ml = cut - (size_t)s;
			if (s && w[cut - 1] != 's')
				break;
			m = tmk_lexicon_lookup(lx, tmk_lexicon_key("de", w, ml), &tr);
			for (size_t i = 0; i < m && k < max; i++)
				t[k++] = tr[i];
		}
		break;
	}
	return k;
}

/* Share of words covered between DE and EN by the lexicon (0-1): the
 * mean of the English words translated and the German words translating. */
static double lexical(const tmk_lexicon *lx, const char *de, const char *en)
{
	uint64_t t[512], ek[16];
	size_t nt = 0, ne = 0, gd = 0, nd = 0, ce = 0;
	tmk_token *tok;
	size_t n;

	if (!lx)
		return 0;
	if (tmk_tokenize(&tok, &n, en, strlen(en)) < 0)
		return 0;
	for (size_t i = 0; i < n && ne < 16; i++)
		if (tok[i].word && !is_stop(1, en + tok[i].start, tok[i].end - tok[i].start))
			ek[ne++] = tmk_lexicon_key("en", en + tok[i].start, tok[i].end - tok[i].start);
	free(tok);
	if (tmk_tokenize(&tok, &n, de, strlen(de)) < 0)
		return 0;
	for (size_t i = 0; i < n; i++) {
		size_t before = nt, hit = 0;
		if (!tok[i].word || is_stop(0, de + tok[i].start, tok[i].end - tok[i].start))
			continue;
		nd++;
		nt = translations(lx, de + tok[i].start, tok[i].end - tok[i].start, t, nt, 512);
		for (size_t a = before; a < nt && !hit; a++)
			for (size_t b = 0; b < ne && !hit; b++)
				hit = t[a] == ek[b];
		gd += hit != 0;
	}
	free(tok);
	for (size_t b = 0; b < ne; b++)
		for (size_t a = 0; a < nt; a++)
			if (t[a] == ek[b]) {
				ce++;
				break;
			}
	if (!nd || !ne)
		return 0;
	return ((double)gd / (double)nd + (double)ce / (double)ne) / 2;
}

/* Do DE and EN spell alike: the same folded form (1), or cognate
 * skeletons sharing most of their length (2); else 0. */
static int spelled_alike(const char *de, const char *en)
{
	tmk_buf a = TMK_BUF_INIT, b = TMK_BUF_INIT;
	char sa[128], sb[128];
	size_t la, lb, k = 0;
	int r = 0;

	if (tmk_norm_match(&a, de, strlen(de)) == 0 && tmk_norm_match(&b, en, strlen(en)) == 0 &&
	    a.len && a.len == b.len && !memcmp(a.ptr, b.ptr, a.len))
		r = 1;
	else if (a.len >= 4 && b.len >= 4) {
		la = tmk_cognate_skeleton(sa, sizeof(sa), a.ptr, a.len);
		lb = tmk_cognate_skeleton(sb, sizeof(sb), b.ptr, b.len);
		while (k < la && k < lb && sa[k] == sb[k])
			k++;
		if (k >= 4 && (double)k >= 0.75 * (double)(la > lb ? la : lb))
			r = 2;
	}
	tmk_buf_release(&a);
	tmk_buf_release(&b);
	return r;
}

/* G-squared of the 2x2 table: K together of N, A and B alone. */
static double llr(double k, double a, double b, double n)
{
	double cells[4] = { k, a - k, b - k, n - a - b + k }, rows[2] = { a, n - a }, cols[2] = { b, n - b };
	double g = 0;

	for (int i = 0; i < 4; i++) {
		double e = rows[i / 2] * cols[i % 2] / n;
		if (cells[i] > 0 && e > 0)
			g += cells[i] * log(cells[i] / e);
	}
	return 2 * g;
}

/* ---- the glossary's pairs ----------------------------------------------------- */

typedef struct {
	map_t *known;
	tmk_buf norm, key;
} known_ctx;

/* The hashes of one concept's key pairs into the set. */
static int known_concept(void *ud, const char *const *de, size_t nd, const char *const *en, size_t ne)
{
	known_ctx *k = ud;
	uint64_t h[2][64];
	size_t n[2] = { 0, 0 }, words;

	for (int l = 0; l < 2; l++)
		for (size_t i = 0; i < (l ? ne : nd); i++) {
			const char *t = l ? en[i] : de[i];
			if (tmk_term_key(&k->norm, &k->key, &words, l ? "en" : "de", t, strlen(t)) == 0 && words)
				h[l][n[l]++] = tmk_hash(TMK_HASH_SEED + (uint64_t)l, k->key.ptr, k->key.len);
		}
	for (size_t a = 0; a < n[0]; a++)
		for (size_t b = 0; b < n[1]; b++)
			if (!map_slot(k->known, h[0][a] * 31 + h[1][b]))
				return tmk_error_oom();
	return 0;
}

/* Hashes of every German-English key pair within a concept of the term base. */
static int known_pairs(tmk_tm *tm, map_t *known)
{
	known_ctx k = { known, TMK_BUF_INIT, TMK_BUF_INIT };
	int rc = tmk_term_pairs(tm, known_concept, &k);

	tmk_buf_release(&k.norm);
	tmk_buf_release(&k.key);
	return rc;
}

static int all_caps(const char *s)
{
	size_t letters = 0;

	for (; *s; s++) {
		if (islower((unsigned char)*s) || (unsigned char)*s >= 0x80)
			return 0;
		letters += isupper((unsigned char)*s) != 0;
	}
	return letters >= 2;
}

/* Does word-sequence A occur in B as whole words? */
static int inside(const char *a, const char *b)
{
	size_t n = strlen(a);

	for (const char *p = strstr(b, a); p; p = strstr(p + 1, a))
		if ((p == b || p[-1] == ' ') && (p[n] == '\0' || p[n] == ' '))
			return 1;
	return 0;
}

/* ---- names spelled by another transliteration ------------------------------- */

/* Are German DE and English EN (one word each, capitalised) the same name
 * in two transliterations (Chalimow/Khalimov, Badachschan/Badakhshan)?
 * names/skeleton.h compares them as they sound. */
static int transliterated(const char *de, const char *en)
{
	size_t nd = strlen(de), ne = strlen(en);

	if (strchr(de, ' ') || strchr(en, ' ') || !isupper((unsigned char)en[0]) || nd < 4 || ne < 4 ||
	    nd > 60 || ne > 60)
		return 0;
	return tmk_name_match(de, nd, en, ne, NULL) == 1;
}

/* Is German DE the -er adjective of the place EN names (Salzwedeler of
 * Salzwedel, Wolfratshauser of Wolfratshausen)?  Then they are no pair. */
static int place_adjective(const char *de, const char *en)
{
	tmk_buf a = TMK_BUF_INIT, b = TMK_BUF_INIT;
	int r = 0;

	if (tmk_norm_match(&a, de, strlen(de)) == 0 && tmk_norm_match(&b, en, strlen(en)) == 0 &&
	    a.len > 5 && !memcmp(a.ptr + a.len - 2, "er", 2) && b.len >= a.len - 2 && b.len <= a.len &&
	    !memcmp(a.ptr, b.ptr, a.len - 2) && !(a.len == b.len && !memcmp(a.ptr, b.ptr, a.len)))
		r = 1;
	tmk_buf_release(&a);
	tmk_buf_release(&b);
	return r;
}

/* ---- lemmas and termhood ----------------------------------------------------- */

/* The dictionary form of candidate ID (German: nominative singular;
 * English: singular), computed once; NULL when out of memory.  What it is
 * shown as decides (an acronym is its capitals), not the kind it was seen
 * as once: a headline's STUDIE is Studie. */
static const char *lemma_of(ctx_t *x, long id)
{
	cand_t *c = &x->c[id];
	tmk_buf b = TMK_BUF_INIT;
	int rc;

	if (c->lemma_done)
		return c->lemma;
	c->lemma_done = 1;
	if (all_caps(c->surface) || !x->xl)
		rc = tmk_buf_puts(&b, c->surface);
	else if (c->lang == 0)
		rc = tmk_xlang_de_lemma(x->xl, &b, &c->singularised, c->surface, strlen(c->surface), 0);
	else
		rc = tmk_xlang_en_lemma(x->xl, &b, c->surface, strlen(c->surface), 0);
	if (rc == 0 && b.ptr)
		c->lemma = tmk_buf_detach(&b);
	tmk_buf_release(&b);
	return c->lemma;
}

/* The lemmas of German G and English E as a pair into *DL and *EL (the
 * caller's): a name plural in English keeps the German plural (Vereinte
 * Nationen = United Nations); a German plural made singular makes the
 * English name singular too (Mitgliedstaat = Member State). */
static int pair_lemmas(ctx_t *x, char **dl, char **el, long g, long e)
{
	const cand_t *cg = &x->c[g], *ce = &x->c[e];
	const char *gl = lemma_of(x, g), *ell = lemma_of(x, e), *last;
	tmk_buf b = TMK_BUF_INIT;
	int cap_plural = 0, sing, rc = 0;

	*dl = *el = NULL;
	if (!gl || !ell)
		return tmk_error_oom();
	last = strrchr(ce->surface, ' ');
	last = last ? last + 1 : ce->surface;
	if (x->xl && cg->singularised && !all_caps(ce->surface) && isupper((unsigned char)last[0]))
		cap_plural = tmk_xlang_en_plural(x->xl, ce->surface, strlen(ce->surface));
	if (cap_plural && strchr(cg->surface, ' '))
		rc = tmk_xlang_de_lemma(x->xl, &b, &sing, cg->surface, strlen(cg->surface), 1);
	else
		rc = tmk_buf_puts(&b, gl);
	if (rc == 0 && !(*dl = tmk_buf_detach(&b)))
		rc = tmk_error_oom();
	tmk_buf_release(&b);
	if (rc == 0 && cap_plural && !strchr(cg->surface, ' '))
		rc = tmk_xlang_en_lemma(x->xl, &b, ce->surface, strlen(ce->surface), 1);
	else if (rc == 0)
		rc = tmk_buf_puts(&b, ell);
	if (rc == 0 && !(*el = tmk_buf_detach(&b)))
		rc = tmk_error_oom();
	tmk_buf_release(&b);
	if (rc < 0) {
		free(*dl);
		free(*el);
		*dl = *el = NULL;
	}
	return rc;
}

/* A word this common in general language (per 10 million) is everyday
 * vocabulary, no term: Menschen, Jahre, Woche, Regierung. */
#define EVERYDAY 600

/* General-language frequency of candidate C under lemma L, per 10 million
 * words: the geometric mean of its content words'.  *EVERYDAY: every
 * content word is everyday vocabulary (and C no acronym or name). */
static double general(ctx_t *x, const cand_t *c, const char *l, int *everyday)
{
	double logs = 0;
	size_t words = 0, common = 0, caps = 0;
	const char *p = l, *end;

	*everyday = 0;
	if (!x->xl || all_caps(c->surface))
		return 0;
	for (; *p; p = *end ? end + 1 : end) {
		size_t n;
		unsigned f;
		end = strchr(p, ' ');
		if (!end)
			end = p + strlen(p);
		n = (size_t)(end - p);
		tmk_buf_clear(&x->norm);
		if (!n || tmk_norm_match(&x->norm, p, n) < 0)
			continue;
		if (is_stop(c->lang, x->norm.ptr, x->norm.len) || is_connector(c->lang, x->norm.ptr, x->norm.len)) {
			if (!strchr(l, ' '))    /* Frauen: Frau, a word no term is */
				*everyday = 1;
			continue;
		}
		f = tmk_xlang_freq(x->xl, c->lang, p, n);
		if (!strchr(l, ' ') && is_calendar(x->norm.ptr, x->norm.len))
			*everyday = 1;
		caps += isupper((unsigned char)p[0]) || (unsigned char)p[0] >= 0xC0;
		common += f >= EVERYDAY;
		logs += log((double)f + 1);
		words++;
	}
	if (!words || *everyday)
		return 0;
	/* a name of several capitalised words is one, however common they are */
	*everyday = common == words && !(words > 1 && caps == words);
	return exp(logs / (double)words) - 1;
}

/* How much more frequent C is in the TM than in general language, as a
 * weight from 0.45 (as frequent) to 1 (500 times or more): log10 of the
 * ratio of the TM's units holding it to the TM's words, over the general
 * frequency. */
static double termhood(const ctx_t *x, const cand_t *c, double gen)
{
	double tm = (double)c->freq / (double)(x->words[c->lang] ? x->words[c->lang] : 1);
	double r = log10(tm / ((gen + 0.5) / 1e7));
	double w = 0.45 + 0.2 * r;

	return w < 0.45 ? 0.45 : w > 1 ? 1 : w;
}

/* ---- the passes -------------------------------------------------------------- */

typedef struct {
	long g, e;
	size_t en_len;
	char *dl, *el;          /* the lemmas proposed */
	tmk_term_candidate c;
} pair_t;

static int cmp_pair(const void *a, const void *b)
{
	const pair_t *x = a, *y = b;

	if (x->c.score != y->c.score)
		return x->c.score > y->c.score ? -1 : 1;
	if (x->c.together != y->c.together)
		return x->c.together > y->c.together ? -1 : 1;
	/* as often together: the longer English (Hong Kong, not Hong) */
	if (x->en_len != y->en_len)
		return x->en_len > y->en_len ? -1 : 1;
	return x->g != y->g ? (x->g < y->g ? -1 : 1) : x->e < y->e ? -1 : x->e > y->e;
}

/* Each unit's German and English candidates: FN(ud, unit id, de ids, en
 * ids, de text, en text) for every German-English unit. */
static int walk(tmk_tm *tm, ctx_t *x, const tmk_extract_opts *o, size_t total,
		int (*fn)(void *ud, int64_t id, const ids_t *g, const ids_t *e, const char *de, const char *en),
		void *ud)
{
	sqlite3_stmt *st = tmk_tm_stmt(tm, STMT_UNIT_PAIRS);
	ids_t g = { 0 }, e = { 0 };
	uint32_t unit = 0;
	int rc = 0, step;

	if (!st)
		return TMK_EIO;
	while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
		/* the texts live until the next step; FN gets them for its call only */
		int de_first = tmk_langtag_same_lang((const char *)sqlite3_column_text(st, 1), "de");
		const char *de = (const char *)sqlite3_column_text(st, de_first ? 3 : 4);
		const char *en = (const char *)sqlite3_column_text(st, de_first ? 4 : 3);
		g.n = e.n = 0;
		if ((rc = german(x, &g, de, strlen(de), unit)) == 0 &&
		    (rc = english(x, &e, en, strlen(en), unit)) == 0)
			rc = fn(ud, sqlite3_column_int64(st, 0), &g, &e, de, en);
		unit++;
		if (o->progress && unit % 2048 == 0)
			o->progress(o->ud, unit, total);
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = tmk_tm_dberr(tm, "cannot read the TM");
	sqlite3_reset(st);
	free(g.id);
	free(e.id);
	return rc;
}

static int count_pairs(void *ud, int64_t id, const ids_t *g, const ids_t *e, const char *de, const char *en)
{
	ctx_t *x = ud;

	(void)id, (void)de, (void)en;
	for (size_t a = 0; a < g->n; a++)
		for (size_t b = 0; b < e->n; b++) {
			uint64_t *s = map_slot(&x->pairs, (uint64_t)(g->id[a] + 1) << 32 | (uint64_t)(e->id[b] + 1));
			if (!s)
				return tmk_error_oom();
			++*s;
		}
	return 0;
}

typedef struct {
	map_t kept;             /* (g, e) as in pairs -> index + 1 in P */
	pair_t *p;
} examples_t;

static int find_examples(void *ud, int64_t id, const ids_t *g, const ids_t *e, const char *de, const char *en)
{
	examples_t *ex = ud;
	uint64_t k;

	for (size_t a = 0; a < g->n; a++)
		for (size_t b = 0; b < e->n; b++)
			if (map_get(&ex->kept, (uint64_t)(g->id[a] + 1) << 32 | (uint64_t)(e->id[b] + 1), &k)) {
				tmk_term_candidate *c = &ex->p[k - 1].c;
				if (c->example_de)
					continue;
				c->example_id = id;
				if (!(c->example_de = strdup(de)) || !(c->example_en = strdup(en)))
					return tmk_error_oom();
			}
	return 0;
}

void tmk_term_candidates_free(tmk_term_candidate *c, size_t n)
{
	for (size_t i = 0; c && i < n; i++) {
		free(c[i].de);
		free(c[i].en);
		free(c[i].example_de);
		free(c[i].example_en);
	}
	free(c);
}

/* ---- evidence ------------------------------------------------------------------ */

typedef struct {
	int alike;              /* spelled_alike() */
	int translit;           /* transliterated() */
	double lex;             /* lexical() */
	double w;               /* the weight of it all, 0.55 to 1 */
} evidence_t;

/* What backs the pair of German G and English E: spelling, the lexicon, or
 * association alone. */
static evidence_t evidence(const ctx_t *x, const tmk_extract_opts *o, long g, long e)
{
	const cand_t *cg = &x->c[g], *ce = &x->c[e];
	evidence_t v = { 0, 0, 0, 0 };

	v.alike = spelled_alike(cg->surface, ce->surface);
	if (!v.alike && !all_caps(cg->surface))
		v.translit = transliterated(cg->surface, ce->surface);
	v.lex = lexical(o->lex, cg->surface, ce->surface);
	/* evidence weighs: the lexicon or the spelling, else association alone;
	 * a name spelled alike needs no glossary as much as one spelled otherwise */
	v.w = v.alike == 1 ? (all_caps(cg->surface) || strchr(cg->surface, ' ') ? 0.85 : 0.8) :
	      v.alike == 2 || v.translit ? 0.95 : v.lex >= 0.75 ? 1.0 : v.lex >= 0.5 ? 0.85 :
	      v.lex > 0 ? 0.7 : 0.55;
	return v;
}

/* ---- cut-short pairs ---------------------------------------------------------- */

typedef struct {
	long shorter, longer;
} ext_t;

static int cmp_ext(const void *a, const void *b)
{
	const ext_t *x = a, *y = b;

	return x->shorter != y->shorter ? (x->shorter < y->shorter ? -1 : 1) :
	       x->longer < y->longer ? -1 : x->longer > y->longer;
}

/* Every (candidate, longer candidate of the same language holding its
 * words in a row) into *OUT, sorted: concert hall -> concert hall near,
 * Auditors -> Court of Auditors. */
static int extensions(ctx_t *x, ext_t **out, size_t *n)
{
	size_t cap = 0;

	*out = NULL;
	*n = 0;
	for (size_t i = 0; i < x->n; i++) {
		const char *k = x->c[i].key, *end = k + strlen(k);
		for (const char *a = k; a < end; a = strchr(a, ' ') ? strchr(a, ' ') + 1 : end)
		for (const char *b = a; b < end; b++) {
			uint64_t id;
			b = strchr(b, ' ');
			if (!b)
				b = end;
			if ((a == k && b == end) ||
			    !map_get(&x->ids, tmk_hash(TMK_HASH_SEED + (uint64_t)x->c[i].lang, a, (size_t)(b - a)), &id))
				continue;
			if (*n == cap) {
				ext_t *e = realloc(*out, (cap = cap ? cap * 2 : 1024) * sizeof(*e));
				if (!e)
					return tmk_error_oom();
				*out = e;
			}
			(*out)[(*n)++] = (ext_t){ (long)id - 1, (long)i };
		}
	}
	if (*n > 1)
		qsort(*out, *n, sizeof(**out), cmp_ext);
	return 0;
}

/* Is pair (G, E), together in TOGETHER units, cut short: does a longer
 * candidate holding the words of one side share as many units with the
 * other (Konzertsaal with "concert hall near" whenever with "concert
 * hall"; Rechnungshof with "Court of Auditors" whenever with "Auditors";
 * "Islamic State" with Islamischer Staat Provinz Khorasan), backed as well
 * (weight W)? */
static int cut_short(const ctx_t *x, const tmk_extract_opts *o, const ext_t *ext, size_t next, long g, long e,
		     uint64_t together, double w)
{
	for (int side = 0; side < 2; side++) {
		long s = side ? e : g;
		size_t lo = 0, hi = next;
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;
			if (ext[mid].shorter < s)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (size_t i = lo; i < next && ext[i].shorter == s; i++) {
			long l = ext[i].longer;
			uint64_t c;
			/* and as well backed: Takim = Takim, not "Takim went" */
			if (map_get(&x->pairs, (uint64_t)((side ? g : l) + 1) << 32 | (uint64_t)((side ? l : e) + 1), &c) &&
			    c >= together && evidence(x, o, side ? g : l, side ? l : e).w >= w)
				return 1;
		}
	}
	return 0;
}

/* ---- scoring ------------------------------------------------------------------ */

/* Score the pair of German G and English E, together in C of TOTAL units,
 * into *P (lemmas, evidence, score); 0 when it is no proposal (everyday
 * words, too weak, cut short), 1 when it is. */
static int score_pair(ctx_t *x, pair_t *p, long g, long e, uint64_t c, size_t total, size_t min,
		      const tmk_extract_opts *o, const ext_t *ext, size_t next)
{
	const cand_t *cg = &x->c[g], *ce = &x->c[e];
	double dice = 2.0 * (double)c / (double)(cg->freq + ce->freq), w, lex, gd, ge;
	int alike, tl = 0, ev_g, ev_e, rc;
	evidence_t v;

	/* names in another transliteration are rare: one unit fewer will do
	 * (two at the default three) */
	if (c < min) {
		if (c + 1 < min || c < 2 || all_caps(cg->surface) || !transliterated(cg->surface, ce->surface))
			return 0;
		tl = 1;
	}
	if (dice < 0.2)
		return 0;
	v = evidence(x, o, g, e);
	if (cut_short(x, o, ext, next, g, e, c, v.w))
		return 0;
	memset(p, 0, sizeof(*p));
	if ((rc = pair_lemmas(x, &p->dl, &p->el, g, e)) < 0)
		return rc;
	gd = general(x, cg, p->dl, &ev_g);
	ge = general(x, ce, p->el, &ev_e);
	if (ev_g) {
		free(p->dl);
		free(p->el);
		p->dl = p->el = NULL;
		return 0;
	}
	alike = v.alike;
	if (alike == 2 && place_adjective(cg->surface, ce->surface)) {
		free(p->dl);
		free(p->el);
		p->dl = p->el = NULL;
		return 0;
	}
	tl |= v.translit;
	lex = v.lex;
	w = v.w;
	p->g = g;
	p->e = e;
	p->c.dice = dice;
	p->c.llr = llr((double)c, (double)cg->freq, (double)ce->freq, (double)total);
	p->c.together = (size_t)c;
	p->c.de_freq = cg->freq;
	p->c.en_freq = ce->freq;
	p->en_len = strlen(ce->surface);
	p->c.score = w * (termhood(x, cg, gd) + termhood(x, ce, ge)) / 2 * 2.0 * (double)c /
		     (double)(cg->freq + ce->freq + 2);
	p->c.evidence = alike == 1 ? "identical" : alike == 2 ? "cognate" : tl ? "transliteration" :
			lex >= 0.5 ? "lexicon" : "association";
	p->c.type = all_caps(cg->surface) ? "acronym" : cg->kind == K_NAME || tl ||
		    (alike && isupper((unsigned char)ce->surface[0])) ? "name" : "term";
	return 1;
}

/* Is the pair of lemmas DL and EL in the glossary? */
static int is_known(const map_t *known, const char *dl, const char *el)
{
	tmk_buf nk = TMK_BUF_INIT, kk = TMK_BUF_INIT;
	uint64_t hg = 0, he = 0, dummy;
	size_t words;

	if (tmk_term_key(&nk, &kk, &words, "de", dl, strlen(dl)) == 0)
		hg = tmk_hash(TMK_HASH_SEED, kk.ptr ? kk.ptr : "", kk.len);
	if (tmk_term_key(&nk, &kk, &words, "en", el, strlen(el)) == 0)
		he = tmk_hash(TMK_HASH_SEED + 1, kk.ptr ? kk.ptr : "", kk.len);
	tmk_buf_release(&nk);
	tmk_buf_release(&kk);
	return map_get(known, hg * 31 + he, &dummy);
}

/* Competitive linking over the ranked pairs P: each candidate, and each
 * lemma, in its best pair only; a longer pair nearly as often together
 * taken instead (Hong Kong for Hongkong, not Hong).  The kept pairs (not
 * the glossary's unless ALL) into ACC, borrowing P's lemmas; how many. */
static int link(ctx_t *x, pair_t *p, size_t np, pair_t *acc, size_t *kept, const map_t *known,
		const tmk_extract_opts *o)
{
	unsigned char *used = calloc(x->n ? x->n : 1, 1);
	map_t lemmas = { 0 };
	int rc = 0;

	*kept = 0;
	if (!used)
		return tmk_error_oom();
	for (size_t i = 0; i < np && rc == 0; i++) {
		size_t best = i;
		uint64_t hd, he, v;
		if (used[p[i].g] || used[p[i].e])
			continue;
		for (size_t j = 0; j < np; j++) {
			const char *gj = x->c[p[j].g].surface, *ej = x->c[p[j].e].surface;
			if (j == i || used[p[j].g] || used[p[j].e] ||
			    (double)p[j].c.together < 0.9 * (double)p[i].c.together || p[j].c.dice < 0.8 ||
			    p[j].c.score < 0.8 * p[i].c.score ||
			    strlen(gj) + strlen(ej) <= strlen(x->c[p[best].g].surface) + strlen(x->c[p[best].e].surface) ||
			    !inside(x->c[p[i].g].surface, gj) || !inside(x->c[p[i].e].surface, ej))
				continue;
			best = j;
		}
		pair_t *q = &acc[*kept];
		*q = p[best];
		used[q->g] = used[q->e] = used[p[i].g] = used[p[i].e] = 1;
		/* two forms of one lemma (Anschlag, Anschläge) are one proposal */
		hd = tmk_hash(TMK_HASH_SEED, q->dl, strlen(q->dl));
		he = tmk_hash(TMK_HASH_SEED + 1, q->el, strlen(q->el));
		if (map_get(&lemmas, hd, &v) || map_get(&lemmas, he, &v))
			continue;
		if (!map_slot(&lemmas, hd) || !map_slot(&lemmas, he)) {
			rc = tmk_error_oom();
			break;
		}
		q->c.known = is_known(known, q->dl, q->el) ||
			     is_known(known, x->c[q->g].surface, x->c[q->e].surface);
		if (q->c.known && !o->include_known)
			continue;
		++*kept;
		if (o->top && *kept == 2 * o->top)      /* room for the parts that go below */
			break;
	}
	free(used);
	map_release(&lemmas);
	return rc;
}

/* Drop from ACC a part of a longer pair kept (Lawson of Andrew Lawson) that
 * is seldom on its own; how many remain. */
static size_t drop_parts(const ctx_t *x, pair_t *acc, size_t kept)
{
	size_t k = 0;

	for (size_t i = 0; i < kept; i++) {
		const char *gd = x->c[acc[i].g].surface, *ge = x->c[acc[i].e].surface;
		int part = 0;
		for (size_t j = 0; j < kept && !part; j++)
			part = j != i && strlen(x->c[acc[j].g].surface) > strlen(gd) &&
			       inside(gd, x->c[acc[j].g].surface) && inside(ge, x->c[acc[j].e].surface) &&
			       (double)acc[i].c.together <= 1.5 * (double)acc[j].c.together;
		if (!part)
			acc[k++] = acc[i];
	}
	return k;
}

int tmk_term_extract(tmk_tm *tm, tmk_term_candidate **out, size_t *n, const tmk_extract_opts *o)
{
	ctx_t x = { 0 };
	map_t known = { 0 };
	examples_t ex = { { 0 }, NULL };
	pair_t *p = NULL, *acc = NULL;
	ext_t *ext = NULL;
	size_t np = 0, kept = 0, total = 0, next = 0, min = o->min_freq > 0 ? (size_t)o->min_freq : 3;
	sqlite3_stmt *st;
	int rc;

	*out = NULL;
	*n = 0;
	if (!(st = tmk_tm_stmt(tm, STMT_UNIT_PAIRS_COUNT)))
		return TMK_EIO;
	if (sqlite3_step(st) == SQLITE_ROW)
		total = (size_t)sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (total == 0)
		return tmk_error_set(TMK_EINPUT, "the TM has no German-English units to extract terms from "
				     "(import or align some first)");
	if ((rc = tmk_xlang_new(&x.xl, o->hunspell_dir, o->ding_path)) < 0)
		return rc;
	if ((rc = walk(tm, &x, o, total, count_pairs, &x)) < 0 || (rc = known_pairs(tm, &known)) < 0 ||
	    (rc = extensions(&x, &ext, &next)) < 0)
		goto done;
	/* score the pairs seen often enough */
	for (size_t i = 0; i < x.pairs.cap; i++) {
		uint64_t key = x.pairs.k[i], c = x.pairs.v[i];
		if (!key || c < 1)
			continue;
		if (np % 1024 == 0) {
			pair_t *q = realloc(p, (np + 1024) * sizeof(*p));
			if (!q) {
				rc = tmk_error_oom();
				goto done;
			}
			p = q;
		}
		rc = score_pair(&x, &p[np], (long)(key >> 32) - 1, (long)(key & 0xffffffff) - 1, c, total, min, o,
				ext, next);
		if (rc < 0)
			goto done;
		np += (size_t)rc;
	}
	rc = 0;
	if (np > 1)
		qsort(p, np, sizeof(*p), cmp_pair);
	if (!(acc = malloc((np ? np : 1) * sizeof(*acc)))) {
		rc = tmk_error_oom();
		goto done;
	}
	if ((rc = link(&x, p, np, acc, &kept, &known, o)) < 0)
		goto done;
	kept = drop_parts(&x, acc, kept);
	/* a longer pair taken in may score below the next: rank again */
	if (kept > 1)
		qsort(acc, kept, sizeof(*acc), cmp_pair);
	if (o->top && kept > o->top)
		kept = o->top;
	for (size_t i = 0; i < kept; i++) {
		uint64_t *s = map_slot(&ex.kept, (uint64_t)(acc[i].g + 1) << 32 | (uint64_t)(acc[i].e + 1));
		if (!s) {
			rc = tmk_error_oom();
			goto done;
		}
		*s = i + 1;
	}
	ex.p = acc;
	for (size_t i = 0; i < x.n; i++)        /* the second pass counts nothing */
		x.c[i].last_unit = UINT32_MAX - 1;
	if (kept && (rc = walk(tm, &x, &(tmk_extract_opts){ 0 }, total, find_examples, &ex)) < 0)
		goto done;
	if (kept && !(*out = calloc(kept, sizeof(**out)))) {
		rc = tmk_error_oom();
		goto done;
	}
	for (size_t i = 0; i < kept; i++) {
		(*out)[i] = acc[i].c;
		memset(&acc[i].c, 0, sizeof(acc[i].c));
		if (!((*out)[i].de = strdup(acc[i].dl)) || !((*out)[i].en = strdup(acc[i].el))) {
			*n = i + 1;
			rc = tmk_error_oom();
			goto done;
		}
	}
	*n = kept;
done:
	if (rc < 0) {
		tmk_term_candidates_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	for (size_t i = 0; acc && i < kept; i++) {
		free(acc[i].c.example_de);
		free(acc[i].c.example_en);
	}
	for (size_t i = 0; i < np; i++) {
		free(p[i].dl);
		free(p[i].el);
	}
	free(p);
	free(acc);
	free(ext);
	for (size_t i = 0; i < x.n; i++) {
		free(x.c[i].surface);
		free(x.c[i].key);
		free(x.c[i].lemma);
	}
	free(x.c);
	map_release(&x.ids);
	map_release(&x.surfaces);
	map_release(&x.pairs);
	map_release(&known);
	map_release(&ex.kept);
	tmk_buf_release(&x.norm);
	tmk_buf_release(&x.key);
	tmk_buf_release(&x.span);
	tmk_xlang_free(x.xl);
	return rc;
}
