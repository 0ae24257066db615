/*
 * qa_num.c - the numbers of a text as a reviewer compares them: 1.000,5
 * in German is 1,000.5 in English, 4,2 Prozent is 4.2 per cent, 2.000 is
 * 2,000, a date's month is a number (1. Juli 2017 = July 1, 2017), and
 * numbers spelled out up to twelve count (softly: they may match a
 * number, they need not).  See tmk_qa_numbers() in qa.h.
 *
 * A digit run with separators is read under the text's convention and,
 * leniently, the other one (translators leave numbers as the source wrote
 * them): each reading that is well-formed (thousands groups of three, one
 * decimal mark after them) gives a value.  A run well-formed under neither
 * (dates 14.03.2025, versions 1.2.3, addresses) is its digit groups.
 */
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>

#include "error.h"
#include "langtag.h"
#include "qa.h"
#include "qa_num.h"
#include "textnorm.h"
#include "utf8.h"

typedef struct {
	tmk_qa_number *v;
	size_t n, cap;
} nums_t;

static int push(nums_t *ns, const double *v, int nv, int soft, size_t start, size_t end)
{
	if (ns->n == ns->cap) {
		tmk_qa_number *p = realloc(ns->v, (ns->cap = ns->cap ? ns->cap * 2 : 8) * sizeof(*p));
		if (!p)
			return tmk_error_oom();
		ns->v = p;
	}
	tmk_qa_number *x = &ns->v[ns->n++];
	x->v[0] = v[0];
	x->v[1] = nv > 1 ? v[1] : v[0];
	x->nv = nv;
	x->soft = soft;
	x->start = start;
	x->end = end;
	return 0;
}

/* See qa_num.h. */
int tmk_qa_num_reading(const char *s, size_t n, char th, char dec, double *out)
{
	double v = 0, scale = 0.1;
	size_t group = 0, groups = 0;
	int decimal = 0, thousands = 0;

	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c >= '0' && c <= '9') {
			if (decimal) {
				v += (c - '0') * scale;
				scale /= 10;
			} else {
				v = v * 10 + (c - '0');
				group++;
			}
		} else if (c == th || c == ' ') {
			if (decimal || (groups == 0 ? group > 3 || group == 0 : group != 3))
				return 0;
			thousands = 1;
			groups++;
			group = 0;
		} else if (c == dec) {
			if (decimal || (thousands && group != 3))
				return 0;
			decimal = 1;
		} else {
			return 0;
		}
	}
	if (thousands && !decimal && group != 3)
		return 0;
	*out = v;
	return 1;
}

static int is_digit_at(const char *s, size_t len, size_t i)
{
	return i < len && s[i] >= '0' && s[i] <= '9';
}

/* A thousands space (plain, no-break U+00A0 or narrow U+202F) at I: its
 * length, when exactly three digits follow it; else 0. */
static size_t thousands_space(const char *s, size_t len, size_t i)
{
	size_t w = s[i] == ' ' ? 1 : i + 1 < len && !memcmp(s + i, "\xc2\xa0", 2) ? 2 :
		   i + 2 < len && !memcmp(s + i, "\xe2\x80\xaf", 3) ? 3 : 0;

	if (!w || !is_digit_at(s, len, i + w) || !is_digit_at(s, len, i + w + 1) ||
	    !is_digit_at(s, len, i + w + 2) || is_digit_at(s, len, i + w + 3))
		return 0;
	return w;
}

static const char *const months[2][12] = {
	{ "januar", "februar", "marz", "april", "mai", "juni", "juli", "august", "september",
	  "oktober", "november", "dezember" },
	{ "january", "february", "march", "april", "may", "june", "july", "august", "september",
	  "october", "november", "december" },
};

/* Numbers spelled out: up to twelve as the rule asks, and the teens, tens
 * and ordinals too, so that a translation writing "seventeen" for 17 is
 * not taken for a wrong number. */
static const struct {
	const char *w;
	int v;
} spelled[2][64] = {
	{ { "null", 0 }, { "eins", 1 }, { "zwei", 2 }, { "drei", 3 }, { "vier", 4 }, { "funf", 5 },
	  { "sechs", 6 }, { "sieben", 7 }, { "acht", 8 }, { "neun", 9 }, { "zehn", 10 }, { "elf", 11 },
	  { "zwolf", 12 }, { "dreizehn", 13 }, { "vierzehn", 14 }, { "funfzehn", 15 }, { "sechzehn", 16 },
	  { "siebzehn", 17 }, { "achtzehn", 18 }, { "neunzehn", 19 }, { "zwanzig", 20 }, { "dreissig", 30 },
	  { "vierzig", 40 }, { "funfzig", 50 }, { "sechzig", 60 }, { "siebzig", 70 }, { "achtzig", 80 },
	  { "neunzig", 90 }, { "hundert", 100 }, { "tausend", 1000 }, { NULL, 0 } },
	{ { "zero", 0 }, { "one", 1 }, { "two", 2 }, { "three", 3 }, { "four", 4 }, { "five", 5 },
	  { "six", 6 }, { "seven", 7 }, { "eight", 8 }, { "nine", 9 }, { "ten", 10 }, { "eleven", 11 },
	  { "twelve", 12 }, { "thirteen", 13 }, { "fourteen", 14 }, { "fifteen", 15 }, { "sixteen", 16 },
	  { "seventeen", 17 }, { "eighteen", 18 }, { "nineteen", 19 }, { "twenty", 20 }, { "thirty", 30 },
	  { "forty", 40 }, { "fifty", 50 }, { "sixty", 60 }, { "seventy", 70 }, { "eighty", 80 },
	  { "ninety", 90 }, { "hundred", 100 }, { "thousand", 1000 }, { "first", 1 }, { "second", 2 }, { "third", 3 },
	  { "fourth", 4 }, { "fifth", 5 }, { "sixth", 6 }, { "seventh", 7 }, { "eighth", 8 }, { "ninth", 9 },
	  { "tenth", 10 }, { "eleventh", 11 }, { "twelfth", 12 }, { "twentieth", 20 }, { "thirtieth", 30 },
	  { NULL, 0 } },
};

static int spelled_value(int en, const char *w, size_t n);

/* A German word derived from a numeral (folded): sechsmal, dreifach(en),
 * zwanziger, Zwanzigern, Achtzigerjahre: the numeral's value, or -1.
 * *DECADE is set for the decades, which German writes capitalised. */
static int derived_value(const char *w, size_t n, int *decade)
{
	static const char *const suffixes[] = { "erjahren", "erjahre", "mal", "fachen", "facher", "faches",
						"fache", "fach", "ern", "er", NULL };

	*decade = 0;
	for (int i = 0; suffixes[i]; i++) {
		size_t l = strlen(suffixes[i]);
		int v;
		if (n <= l + 2 || memcmp(w + n - l, suffixes[i], l))
			continue;
		if ((v = spelled_value(0, w, n - l)) < 0)
			continue;
		if (suffixes[i][0] == 'e') {    /* decades: zwanzig- to neunzig- only */
			if (v < 20 || v > 90 || v % 10)
				continue;
			*decade = 1;
		}
		return v;
	}
	return -1;
}

static int spelled_value(int en, const char *w, size_t n)
{
	for (int i = 0; spelled[en][i].w; i++)
		if (strlen(spelled[en][i].w) == n && !memcmp(spelled[en][i].w, w, n))
			return spelled[en][i].v;
	/* German compounds: einundzwanzig, fünfundvierzig */
	if (!en && n > 9)
		for (int t = 20; t < 30; t++) {
			const char *tens = spelled[0][t].w;
			size_t tl = tens ? strlen(tens) : 0;
			if (!tens || spelled[0][t].v < 20 || spelled[0][t].v > 90 || n <= tl + 3 ||
			    memcmp(w + n - tl, tens, tl) || memcmp(w + n - tl - 3, "und", 3))
				continue;
			size_t ul = n - tl - 3;
			if (ul == 3 && !memcmp(w, "ein", 3))
				return spelled[0][t].v + 1;
			for (int u = 2; u < 10; u++)
				if (strlen(spelled[0][u].w) == ul && !memcmp(spelled[0][u].w, w, ul))
					return spelled[0][t].v + u;
		}
	return -1;
}

/* The word W (folded) as a month (1-12) or a spelled number (0-12): its
 * value, or -1. */
static int word_value(int en, const char *w, size_t n, int *month)
{
	for (int i = 0; i < 12; i++)
		if (strlen(months[en][i]) == n && !memcmp(months[en][i], w, n)) {
			*month = 1;
			return i + 1;
		}
	/* short forms: Jan., Feb., Sept., Okt./Oct., Dez./Dec. */
	if (n >= 3 && n <= 4)
		for (int i = 0; i < 12; i++)
			if (!memcmp(months[en][i], w, n) && i != 4 && i != 2) {
				*month = 2;     /* only with a full stop after it */
				return i + 1;
			}
	*month = 0;
	return spelled_value(en, w, n);
}

static int qa_has(const char *s, size_t n, const char *w)
{
	size_t m = strlen(w);

	for (size_t i = 0; i + m <= n; i++)
		if (!memcmp(s + i, w, m))
			return 1;
	return 0;
}

int tmk_qa_numbers(tmk_qa_number **out, size_t *n, const char *lang, const char *s, size_t len)
{
	nums_t ns = { 0 };
	int en = lang && tmk_langtag_same_lang(lang, "en"), rc = 0;
	size_t i = 0, digits_seen = 0;
	tmk_buf w = TMK_BUF_INIT;
	struct {
		size_t start, end;
		int value;
	} mon[16];
	size_t nmon = 0;

	int has_uhr = !en && qa_has(s, len, " Uhr");

	*out = NULL;
	*n = 0;
	while (i < len && rc == 0) {
		if (is_digit_at(s, len, i)) {
			size_t b = i, e = i;
			char run[64];
			size_t rl = 0;
			double v[2];
			int nv = 0;
			for (;;) {
				size_t sp;
				if (is_digit_at(s, len, e)) {
					e++;
				} else if ((s[e] == '.' || s[e] == ',') && is_digit_at(s, len, e + 1)) {
					e++;
				} else if (s[e] == ':' && e - b <= 2 && is_digit_at(s, len, e + 1) &&
					   is_digit_at(s, len, e + 2) && !is_digit_at(s, len, e + 3)) {
					e += 3;         /* a time, 9:30 */
					break;
				} else if (e < len && (sp = thousands_space(s, len, e))) {
					e += sp;
				} else {
					break;
				}
			}
			for (size_t k = b; k < e && rl < sizeof(run) - 1; k++)     /* spaces made plain */
				if (is_digit_at(s, len, k) || s[k] == '.' || s[k] == ',')
					run[rl++] = s[k];
				else if (s[k] == ':')   /* 9:30 reads as 9.30 */
					run[rl++] = en ? '.' : ',';
				else if (s[k] == ' ' || (unsigned char)s[k] == 0xc2 || (unsigned char)s[k] == 0xe2)
					run[rl++] = ' ';
			if (tmk_qa_num_reading(run, rl, en ? ',' : '.', en ? '.' : ',', &v[nv]))
				nv++;
			if (tmk_qa_num_reading(run, rl, en ? '.' : ',', en ? ',' : '.', &v[nv]) && (nv == 0 || v[1] != v[0]))
				nv++;
			/* 21 Uhr is 9 pm: in a German text that speaks of Uhr, the
			 * twelve-hour reading of 13 to 23 is the other value */
			if (nv == 1 && !en && v[0] >= 13 && v[0] < 24 && has_uhr) {
				v[1] = v[0] - 12;
				nv = 2;
			}
			/* 9.30 Uhr: the German reading of a time is the English one */
			if (nv == 0 && !en && has_uhr && tmk_qa_num_reading(run, rl, ',', '.', &v[0])) {
				nv = 1;
				if (v[0] >= 13 && v[0] < 24) {
					v[1] = v[0] - 12;
					nv = 2;
				}
			}
			/* a decade in two digits (90er, the 90s) is also its year
			 * (the 1990s, die 1990er) */
			if (nv == 1 && e - b == 2 && e + 1 < len &&
			    (en ? s[e] == 's' || (s[e] == '\'' && s[e + 1] == 's') : s[e] == 'e' && s[e + 1] == 'r')) {
				v[1] = v[0] + (v[0] < 30 ? 2000 : 1900);
				nv = 2;
			}
			/* a German ordinal (2. Mannschaft, am 1. Juli) may be spelled
			 * out in English (second team): it need not match */
			int ordinal = !en && nv == 1 && e + 2 < len && s[e] == '.' && s[e + 1] == ' ' &&
				      u_isalpha((unsigned char)s[e + 2]) && e - b <= 2;
			if (b > 0 && s[b - 1] == ':' && e - b == 2 && s[b] == '0' && s[b + 1] == '0')
				;       /* the minutes of 18:00 say nothing a translation must repeat */
			else if (nv) {
				rc = push(&ns, v, nv, ordinal, b, e);
			} else {        /* 14.03.2025, 1.2.3: each group a number */
				size_t g = b;
				while (g < e && rc == 0) {
					size_t ge = g;
					double x = 0;
					while (ge < e && is_digit_at(s, len, ge))
						x = x * 10 + (s[ge++] - '0');
					if (ge > g)
						rc = push(&ns, &x, 1, 0, g, ge);
					g = ge + 1;
				}
			}
			digits_seen++;
			i = e;
			continue;
		}
		{
			size_t k = i;
			int32_t c = tmk_utf8_next(s, len, &k);
			if (!u_isalpha(c)) {
				i = k;
				continue;
			}
			size_t b = i, e = k;
			while (e < len) {
				size_t k2 = e;
				int32_t d = tmk_utf8_next(s, len, &k2);
				if (!u_isalpha(d))
					break;
				e = k2;
			}
			i = e;
			if (e - b > 12)
				continue;
			tmk_buf_clear(&w);
			if ((rc = tmk_norm_match(&w, s + b, e - b)) < 0)
				break;
			int month, decade = 0, val = word_value(en, w.ptr, w.len, &month);
			if (val < 0 && !en && (val = derived_value(w.ptr, w.len, &decade)) >= 0)
				month = 0;
			if (val < 0 || (month == 2 && !(e < len && s[e] == '.')))
				continue;
			if (month) {    /* a month counts beside a number only: May, may */
				int cap = c >= 'A' && c <= 'Z';
				if (cap && nmon < 16) {
					mon[nmon].start = b;
					mon[nmon].end = e;
					mon[nmon++].value = val;
				}
				continue;
			}
			/* a numeral in lower case (German nouns such as Acht are no
			 * numbers), but the decades are nouns: in den Zwanzigern */
			if (!(c >= 'a' && c <= 'z') && !(b == 0) && !decade)
				continue;
			/* twenty-first, forty-two */
			if (en && val >= 20 && val <= 90 && val % 10 == 0 && e + 1 < len && s[e] == '-') {
				size_t e2 = e + 1;
				while (e2 < len && s[e2] >= 'a' && s[e2] <= 'z')
					e2++;
				int m2, u2 = word_value(1, s + e + 1, e2 - e - 1, &m2);
				if (!m2 && u2 >= 1 && u2 <= 9) {
					val += u2;
					e = e2;
					i = e2;
				}
			}
			double x = val;
			rc = push(&ns, &x, 1, 1, b, e);
		}
	}
	/* months with a digit number within a few bytes */
	for (size_t m = 0; m < nmon && rc == 0; m++) {
		int near = 0;
		for (size_t k = 0; k < ns.n && !near; k++)
			near = !ns.v[k].soft && ((ns.v[k].end <= mon[m].start && mon[m].start - ns.v[k].end <= 4) ||
						 (ns.v[k].start >= mon[m].end && ns.v[k].start - mon[m].end <= 4));
		if (near) {
			double x = mon[m].value;
			rc = push(&ns, &x, 1, 1, mon[m].start, mon[m].end);
		}
	}
	(void)digits_seen;
	tmk_buf_release(&w);
	if (rc < 0) {
		free(ns.v);
		return rc;
	}
	*out = ns.v;
	*n = ns.n;
	return 0;
}
