/*
 * qa_variants.c - the checker's variant-folded form of a text: British and
 * American spellings (organise/organize, colour/color, analyse/analyze,
 * catalogue/catalog, defence/defense, centre/center, travelled/traveled),
 * hyphenated and closed compounds (co-operation, cooperation) and dotted
 * acronyms (U.N., UN) come out alike, so rules comparing texts do not
 * flag a correct spelling as a different word.  It works on the matching
 * form (tmk_norm_match: case-folded, ß already ss, marks dropped).
 *
 * Each class is a rule with guards or a closed list, so that different
 * words stay different: four/for, hour/hor, tour/tor keep their u (only
 * listed -our stems fold), prise/prize and rise keep theirs (an -ise stem
 * needs four letters), filled/filed keep their l (only -elled/-alled of
 * seven letters or more).
 */
#include <string.h>

#include "qa_internal.h"
#include "textnorm.h"

/* Stems whose -our is American -or (colour, honourable, favourite). */
static const char *const our_stems[] = {
	"arb", "ard", "arm", "behavi", "cand", "clam", "col", "demean", "discol", "dishon", "endeav",
	"fav", "ferv", "flav", "glam", "harb", "hon", "hum", "lab", "misbehavi", "neighb", "od",
	"parl", "ranc", "rig", "rum", "sav", "splend", "succ", "tum", "unfav", "val", "vap", "vig",
	NULL
};

/* Stems whose -ence is American -ense (defence, offences, licence). */
static const char *const ence_stems[] = { "def", "off", "lic", "pret", NULL };

/* Stems whose -tre/-bre is American -ter/-ber (centre, litres, fibre). */
static const char *const tre_stems[] = {
	"cen", "thea", "me", "li", "kilome", "centime", "millime", "fi", "cali", "som", "spec", "lus",
	"sa", "epicen", NULL
};

static int ends(const char *w, size_t n, const char *suf)
{
	size_t m = strlen(suf);

	return n >= m && !memcmp(w + n - m, suf, m);
}

/* Is W[0..N) STEM followed by one of SUFS?  Its stem length, else 0. */
static size_t listed(const char *w, size_t n, const char *const *stems, const char *const *sufs)
{
	for (int i = 0; stems[i]; i++) {
		size_t s = strlen(stems[i]);
		if (n <= s || memcmp(w, stems[i], s))
			continue;
		for (int j = 0; sufs[j]; j++)
			if (n - s == strlen(sufs[j]) && !memcmp(w + s, sufs[j], n - s))
				return s;
	}
	return 0;
}

/* Fold word W[0..N) (lower-case ASCII letters) into W itself; its new
 * length (never longer). */
static size_t fold_word(char *w, size_t n)
{
	static const char *const ise[] = { "ise", "ises", "ised", "ising", "isation", "isations", "iser", "isers",
					   NULL };
	static const char *const our[] = { "our", "ours", "oured", "ouring", "ourite", "ourites", "ourable",
					   "ourably", "ourer", "ourers", "ourful", "ourless", "ourhood", "ourhoods",
					   "oury", "ourist", "ourists", "ourism", NULL };
	static const char *const ence[] = { "ence", "ences", NULL };
	static const char *const tre[] = { "tre", "tres", "bre", "bres", NULL };
	size_t s;

	/* -ise: organise, organisation (a stem of four letters: not rise, prise) */
	for (int i = 0; ise[i]; i++) {
		size_t m = strlen(ise[i]);
		if (n >= m + 4 && ends(w, n, ise[i])) {
			w[n - m + 1] = 'z';
			return n;
		}
	}
	/* -yse: analyse, paralysed */
	if ((s = n >= 6 && ends(w, n, "yse") ? n - 1 : n >= 7 && (ends(w, n, "yses") || ends(w, n, "ysed")) ? n - 2 :
		 n >= 8 && ends(w, n, "ysing") ? n - 3 : 0))
		w[s - 1] = 'z';
	if (s)
		return n;
	/* -our: colour (listed stems only: not four, hour, your, tour) */
	if ((s = listed(w, n, our_stems, our))) {
		memmove(w + s + 1, w + s + 2, n - s - 2);
		return n - 1;
	}
	/* -ogue: catalogue, dialogues (not vogue, rogue) */
	if (n >= 8 && (ends(w, n, "logue") || ends(w, n, "gogue"))) {
		return n - 2;
	}
	if (n >= 9 && (ends(w, n, "logues") || ends(w, n, "gogues"))) {
		w[n - 3] = 's';
		return n - 2;
	}
	/* -ence: defence (listed) */
	if ((s = listed(w, n, ence_stems, ence))) {
		w[s + 2] = 's';
		return n;
	}
	/* -tre: centre, theatres, fibre (listed) */
	if ((s = listed(w, n, tre_stems, tre))) {
		w[s + 1] = 'e';
		w[s + 2] = 'r';
		return n;
	}
	/* -lled: travelled, signalled (seven letters: not filled, balled) */
	static const char *const ll[] = { "elled", "alled", "elling", "alling", "eller", "ellers", NULL };
	for (int i = 0; ll[i]; i++) {
		size_t m = strlen(ll[i]);
		if (n >= 7 && n > m && ends(w, n, ll[i])) {
			memmove(w + n - m + 2, w + n - m + 3, m - 3);
			return n - 1;
		}
	}
	return n;
}

int qa_variant_fold(tmk_buf *out, const char *s, size_t n)
{
	tmk_buf m = TMK_BUF_INIT;
	int rc;

	if ((rc = tmk_norm_match(&m, s, n)) < 0)
		goto done;
	for (size_t i = 0; i < m.len && rc == 0;) {
		char w[64];
		size_t k = 0, j = i;
		if (!(m.ptr[i] >= 'a' && m.ptr[i] <= 'z')) {
			rc = tmk_buf_putc(out, m.ptr[i++]);
			continue;
		}
		if (i && ((m.ptr[i - 1] >= 'a' && m.ptr[i - 1] <= 'z') || (unsigned char)m.ptr[i - 1] >= 0x80)) {
			rc = tmk_buf_putc(out, m.ptr[i++]);     /* inside a non-ASCII word */
			continue;
		}
		/* a dotted acronym: u.n., u.s.a. -> un, usa */
		while (j + 1 < m.len && m.ptr[j] >= 'a' && m.ptr[j] <= 'z' && m.ptr[j + 1] == '.' &&
		       (j + 2 >= m.len || !(m.ptr[j + 2] >= 'a' && m.ptr[j + 2] <= 'z') ||
			(j + 3 < m.len && m.ptr[j + 3] == '.')) && k < sizeof(w)) {
			w[k++] = m.ptr[j];
			j += 2;
		}
		if (k >= 2) {
			/* the acronym's final stop may end the sentence: keep it there */
			rc = tmk_buf_put(out, w, k);
			i = j;
			continue;
		}
		/* a word, its hyphens between letters dropped (co-operation) */
		k = 0;
		j = i;
		while (j < m.len && k < sizeof(w)) {
			char c = m.ptr[j];
			if (c >= 'a' && c <= 'z')
				w[k++] = c;
			else if (c == '-' && k && j + 1 < m.len && m.ptr[j + 1] >= 'a' && m.ptr[j + 1] <= 'z')
				;
			else
				break;
			j++;
		}
		if (k == sizeof(w) || (j < m.len && (unsigned char)m.ptr[j] >= 0x80)) {
			rc = tmk_buf_put(out, m.ptr + i, j - i);        /* too long, or not ASCII: as it is */
			i = j;
			continue;
		}
		rc = tmk_buf_put(out, w, fold_word(w, k));
		i = j;
	}
done:
	tmk_buf_release(&m);
	return rc;
}
