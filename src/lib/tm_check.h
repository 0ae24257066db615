/*
 * tm_check.h - is a TM sound?  The checks behind `tmkit doctor`: SQLite's
 * integrity check of every page and index, the foreign keys, and the FTS5
 * word indexes against the units they index; and the one repair that loses
 * nothing, rebuilding those indexes from the units.
 */
#ifndef TMK_TM_CHECK_H
#define TMK_TM_CHECK_H

#include <stddef.h>

#include "tm.h"

typedef struct {
	char **problems;        /* one line each, as SQLite words them */
	size_t nproblems;
	int file_damaged;       /* pages or b-trees: only copying out what can be read helps */
	int index_damaged;      /* the word indexes disagree with the units: --rebuild-index */
	long long units;
} tmk_tm_health;

/* Check TM: with FULL, integrity_check (all pages, and every index against
 * its table), else quick_check (pages and b-trees only); the foreign keys;
 * and both FTS5 indexes (the word index and the words' trigrams) against
 * their content.  At most 100 problems are listed.  Returns 0 when the
 * checks could run (H says what they found), negative when not. */
int tmk_tm_check(tmk_tm *tm, int full, tmk_tm_health *h);
void tmk_tm_health_release(tmk_tm_health *h);

/* Rebuild the word index and the word table's trigrams from the units, in
 * one transaction. */
int tmk_tm_rebuild_index(tmk_tm *tm);

typedef struct {
	size_t units, units_lost;       /* copied; found but unreadable */
	size_t ids_missing;             /* ids below the highest with no unit to read:
					   removed earlier, or on a lost page */
	size_t extras_lost;             /* units copied without some notes, attributes or provenance */
	size_t concepts, concepts_lost;
} tmk_salvage_report;

/* Copy every unit (with its notes, attributes and first provenance) and
 * every glossary concept that can still be read from the damaged FROM
 * into the new, empty TO, in one transaction of TO's; REP counts what was
 * copied and what was lost.  Units are looked up one id at a time, so a
 * damaged page loses only the rows on it. */
int tmk_tm_salvage(tmk_tm *from, tmk_tm *to, tmk_salvage_report *rep);

#endif
