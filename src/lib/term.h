/*
 * term.h - the term base: concepts named in German and English, kept in
 * the TM file (tm/migrations/0002-termbase.sql), and finding them the way
 * a translator types: any case, with or without accents and umlauts
 * (ä = ae, ß = ss, Khorāsān = Khorasan), inflected (des
 * Verfassungsschutzes), inside compounds (Verfassungsschutzbericht) and
 * phrases.
 */
#ifndef TMK_TERM_H
#define TMK_TERM_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "tm.h"

/* One name of a concept. */
typedef struct {
	const char *lang;       /* "de", "en" */
	const char *text;       /* NFC UTF-8 */
	size_t len;
	const char *status;     /* preferred, admitted, forbidden; NULL: preferred for the
				 * first term of a language, admitted for the others */
	const char *note;       /* NULL: none */
} tmk_term_in;

/* A concept to add; NULL fields are empty (type: "term"). */
typedef struct {
	const char *type;       /* person, organisation, place, term, acronym */
	const char *domain, *definition, *note, *source;
	const tmk_term_in *terms;
	size_t nterms;
} tmk_concept_in;

/* A concept as stored. */
typedef struct {
	int64_t id;
	char *lang, *text, *status, *note;
} tmk_term;

typedef struct {
	int64_t id;
	char *type, *domain, *definition, *note, *source, *created_at, *changed_at;
	tmk_term *terms;        /* by language (de first), then preferred first, then as added */
	size_t nterms;
} tmk_concept;

void tmk_concept_free(tmk_concept *c);

/* Is S a valid type / status?  (1 or 0) */
int tmk_term_type_ok(const char *s);
int tmk_term_status_ok(const char *s);

/* The folded form of TEXT (case, diacritics, ä/ae, ß/ss, hyphens as
 * spaces) into NORM and its words stemmed into KEY, one space apart;
 * *WORDS: how many. */
int tmk_term_key(tmk_buf *norm, tmk_buf *key, size_t *words, const char *lang,
		 const char *text, size_t len);

/* Add concept C, or merge it into the concept that has the same preferred
 * term in every language C names (same folded form): missing terms and
 * empty fields are filled in.  *ID: the concept; *MERGED: 1 when merged
 * (*CHANGED then says whether anything was new).  Inside a transaction
 * of the caller's, or its own.  TMK_EINVAL for an unknown type or status,
 * a concept without terms or with an empty term. */
int tmk_concept_add(tmk_tm *tm, int64_t *id, int *merged, int *changed, const tmk_concept_in *c);

/* Change concept ID: non-NULL fields of C replace the stored ones (""
 * clears), C's terms are added (or, when present, their status and note
 * updated).  TMK_EINPUT when there is no concept ID. */
int tmk_concept_edit(tmk_tm *tm, int64_t id, const tmk_concept_in *c);

/* Remove concept ID, or only its term TEXT in LANG (when TEXT is not
 * NULL; a concept left without terms goes too).  TMK_EINPUT when there is
 * no such concept or term. */
int tmk_concept_remove(tmk_tm *tm, int64_t id, const char *lang, const char *text);

int tmk_concept_get(tmk_tm *tm, tmk_concept **out, int64_t id);

/* Which concepts tmk_term_list() gives; NULL fields: any. */
typedef struct {
	const char *type, *status, *domain;
	const char *since;      /* changed at or after (ISO 8601) */
} tmk_term_filter;

/* Call FN for each concept F selects, in id order; FN's negative return
 * stops the walk and is returned. */
int tmk_term_list(tmk_tm *tm, const tmk_term_filter *f,
		  int (*fn)(void *ud, const tmk_concept *c), void *ud);

/* How many concepts and terms there are. */
int tmk_term_count(tmk_tm *tm, size_t *concepts, size_t *terms);

/* Call FN for each concept with German and English terms, forbidden ones
 * left out (at most 64 a language): its terms per language.  FN's negative
 * return stops the walk and is returned. */
int tmk_term_pairs(tmk_tm *tm, int (*fn)(void *ud, const char *const *de, size_t nd,
					 const char *const *en, size_t ne), void *ud);

/* The term base's German-English pairs (forbidden terms left out) as a
 * lexicon, for the aligner; *OUT NULL when there are none. */
struct tmk_lexicon;
int tmk_term_lexicon(tmk_tm *tm, struct tmk_lexicon **out);

/* Is the word W[0..N) (folded or stemmed) a German or English article?
 * A query that starts with one means the noun after it. */
int tmk_term_is_article(const char *w, size_t n);

/* How a lookup found a concept, best first. */
typedef enum {
	TMK_MATCH_EXACT,        /* the query is a term (folded) */
	TMK_MATCH_INFLECTED,    /* an inflected form of a term */
	TMK_MATCH_CONTAINS,     /* a term holds the query's words (ISPK for Khorasan) */
	TMK_MATCH_SPELLING,     /* a name spelled otherwise (Khalimow for Chalimow) */
	TMK_MATCH_PHRASE,       /* the query's phrase holds a term */
	TMK_MATCH_COMPOUND,     /* a part of the query's compound is a term */
} tmk_match_kind;

typedef struct {
	tmk_concept *concept;
	tmk_match_kind how;
	char *matched;          /* the term that matched */
	char *lang;             /* its language */
} tmk_term_hit;

/* The concepts QUERY (a word or a phrase) names, best first, at most MAX.
 * FROM: the query's language ("de", "en"), or NULL for both. */
int tmk_term_lookup(tmk_tm *tm, tmk_term_hit **out, size_t *n, const char *from,
		    const char *query, size_t len, size_t max);
void tmk_term_hits_free(tmk_term_hit *h, size_t n);

const char *tmk_match_name(tmk_match_kind k);

/* The glossary's names (people, places, organisations) that QUERY may be
 * another spelling of, compared on transliteration skeletons
 * (term_names.c): FN is called for the best MAX, best first, with the
 * concept, the term that matched, its language and a score in (0, 1].
 * FN's negative return stops the walk and is returned. */
int tmk_term_names_like(tmk_tm *tm, const char *query, size_t len, size_t max,
			int (*fn)(void *ud, int64_t concept, const char *text, const char *lang, double score),
			void *ud);

#endif
