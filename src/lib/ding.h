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

typedef struct tmk_ding tmk_ding;

/* One sense of a Ding entry. */
typedef struct {
	char *de, *en;          /* the sense's synonyms, "; " apart, {m} {pl} etc. dropped */
	char *matched;          /* the synonym the query found */
	const char *lang;       /* its side: "de" or "en" */
	tmk_match_kind how;     /* EXACT, INFLECTED, or COMPOUND (a part of the query's) */
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

void tmk_ding_free(tmk_ding *d);

/* How many synonyms the index holds. */
size_t tmk_ding_size(const tmk_ding *d);

/* The senses QUERY names, best first (exact before inflected, an entry's
 * first sense and shorter entries first), at most MAX.  FROM: "de", "en"
 * or NULL for both.  A query with nothing of its own is split as a German
 * compound: the senses of its longest known head and of its modifier. */
int tmk_ding_lookup(tmk_ding *d, tmk_ding_sense **out, size_t *n, const char *from,
		    const char *query, size_t len, size_t max);
void tmk_ding_senses_free(tmk_ding_sense *s, size_t n);

#endif
