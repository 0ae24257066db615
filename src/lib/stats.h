/*
 * stats.h - what a TM holds: units per language pair and per origin, its
 * size, its last import.
 */
#ifndef TMK_STATS_H
#define TMK_STATS_H

#include <stddef.h>

#include "langtag.h"
#include "tm.h"

typedef struct {
	char src[TMK_LANGTAG_MAX], tgt[TMK_LANGTAG_MAX];     /* BCP 47 tags */
	long long units;
} tmk_stats_pair;

typedef struct {
	char *name;
	char format[8];
	long long units;
	char imported_at[32];
} tmk_stats_origin;

typedef struct {
	long long units, bytes;
	char last_import[32];   /* "" when nothing was imported */
	tmk_stats_pair *pairs;
	size_t npairs;
	tmk_stats_origin *origins;
	size_t norigins;
} tmk_stats;

int tmk_stats_get(tmk_tm *tm, tmk_stats *out);
void tmk_stats_release(tmk_stats *s);

#endif
