/*
 * ding.h - the Ding dictionary (Debian's trans-de-en) for people: the
 * senses of a German or English word or phrase, as Ding writes them, for
 * `tmkit term lookup` after the glossary's entries.
 *
 * The aligner's lexicon (lexicon.h) keeps only word-key pairs; a person
 * wants the entry itself.  So the Ding file stays where Debian put it,
 * mapped, and an index beside the lexicon's cache maps the folded and
 * stemmed key of every synonym (both sides, every sense) to its line and
 * sense: a lookup is a binary search and the reading of a line or two.
 */
#ifndef TMK_DING_H
#define TMK_DING_H
#include <stddef.h>
#include <stdint.h>
#include "buf.h"
#include "term.h"
#include "tm.h"

typedef struct tmk_ding tmk_ding;

/* One sense of a Ding entry. */
typedef struct {
	char *de, *en;          /* the sense's synonyms, "; " apart, {m} {pl} etc. dropped;
				 * a compound split: "Massen + Erschießung" and "mass shooting" */
	char *matched;          /* the synonym the query found ("Masse + Erschießung": Ding's parts) */
	const char *lang;       /* its side: "de" or "en" */
	tmk_match_kind how;     /* EXACT, INFLECTED, or COMPOUND (a split of the query) */
	char *tags;             /* its subject and usage tags, its entry's too: "jur. Br." */
	int rare;               /* marked rare, obsolete, dated ..., or its words are in one entry only */
	size_t evidence;        /* TM units that hold its translation (tmk_ding_rank) */
} tmk_ding_sense;

/* The Ding file at PATH with its index at INDEX (NULL: built in memory
 * each time): mapped when it was made from this very file (size and
 * time), else built (a few seconds) and written for next time; an index
 * that cannot be written is no error.  TMK_EIO (naming the Debian package
 * trans-de-en) when PATH is missing. */
int tmk_ding_open(tmk_ding **out, const char *path, const char *index);

/* Ding-format text in memory (tests); DATA must outlive the result. */
int tmk_ding_parse(tmk_ding **out, const char *data, size_t len);

/* Where the index lives: beside the lexicon's cache (de-en.idx). */
int tmk_ding_index_path(tmk_buf *out);

/* Where hunspell's de_DE.aff/.dic are (NULL: /usr/share/hunspell), read
 * at the first compound: a word hunspell rejects is not split (Badachschan,
 * Dschalalabad: names), and without de_DE no word is.  TMK_ENOMEM. */
int tmk_ding_set_hunspell_dir(tmk_ding *d, const char *dir);

void tmk_ding_free(tmk_ding *d);

/* How many synonyms the index holds. */
size_t tmk_ding_size(const tmk_ding *d);

/*
 * The senses QUERY names, best first (exact before inflected, an entry's
 * first sense and shorter entries first), at most MAX.  FROM: "de", "en"
 * or NULL for both.  A German word Ding lacks may be a compound: it is
 * split when every part is a Ding word with an ordinary sense (no name,
 * abbreviation, interjection, vulgar or rare word, no preposition), linked
 * by nothing or -s-, -es-, -n-, -en-, -er-, -e- (or an elided e), the last
 * part a noun, and hunspell accepts the word; the result is one sense, the
 * parts' first senses composed ("Massen + Erschießung" = "mass shooting").
 * Names are not split (West + Balkan, Hof + mann).
 */
int tmk_ding_lookup(tmk_ding *d, tmk_ding_sense **out, size_t *n, const char *from,
		    const char *query, size_t len, size_t max);
void tmk_ding_senses_free(tmk_ding_sense *s, size_t n);

/* ---- ranking senses by evidence -------------------------------------------- */

typedef struct {
	char **v;
	size_t n, cap;
} tmk_ding_strs;

/* What tells one sense from another beyond the dictionary's order. */
typedef struct {
	const char *lang;       /* the side units and terms are in: the translation's ("en") */
	tmk_ding_strs units;    /* that side of TM units that hold the query */
	tmk_ding_strs terms;    /* the glossary's terms on that side for the query's concepts */
	tmk_ding_strs domains;  /* "security", "law": the query's concepts', else the glossary's */
	int known;              /* the glossary has the query as a term: a split is no answer */
} tmk_ding_evidence;

typedef enum { TMK_EVIDENCE_UNIT, TMK_EVIDENCE_TERM, TMK_EVIDENCE_DOMAIN } tmk_evidence_kind;

/* Add a copy of TEXT to EV's list KIND.  TMK_ENOMEM. */
int tmk_ding_evidence_add(tmk_ding_evidence *ev, tmk_evidence_kind kind, const char *text);

/*
 * The evidence TM holds for QUERY in language LANG ("de" or "en"): the
 * other side of at most MAX_UNITS units that hold it (the concordance: a
 * frequent word reads no more), the other-side terms of the query's
 * concepts HITS and their domains; without concepts, the domains that
 * hold a tenth of the glossary or more (of its first 200 concepts).  EV starts zeroed; release it with
 * tmk_ding_evidence_release().
 */
int tmk_ding_evidence_tm(tmk_ding_evidence *ev, tmk_tm *tm, const char *lang, const char *query,
			 size_t len, const tmk_term_hit *hits, size_t nhits, size_t max_units);
void tmk_ding_evidence_release(tmk_ding_evidence *ev);

/*
 * Order senses S[0..*N) (tmk_ding_lookup's, in its order) by evidence, in
 * place, and keep the best MAX (*N is cut, the rest freed): first by how
 * many of EV's units hold one of a sense's translations (set in
 * s[i].evidence), then exact matches before inflected ones (Zeugen:
 * witnesses before Zeug's), then by the glossary: how many of EV's terms
 * hold a translation, then a subject tag of its domains ([jur.] [mil.]
 * [pol.] for security; another subject alone counts against), then rare
 * senses last, then as they came.  EV NULL: all but the glossary's.  A
 * compound split is left out when EV->known (Unionsparteien is the
 * glossary's CDU/CSU, no association of political parties).
 */
int tmk_ding_rank(tmk_ding_sense *s, size_t *n, size_t max, const tmk_ding_evidence *ev);

#endif
