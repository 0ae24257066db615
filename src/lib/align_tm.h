/*
 * align_tm.h - storing an alignment in the TM: each bead with sentences on
 * both sides becomes a unit, with the document pair as its provenance; weak
 * beads can be kept out for review.
 */
#ifndef TMK_ALIGN_TM_H
#define TMK_ALIGN_TM_H

#include "align.h"
#include "tm.h"

typedef struct {
	size_t added, duplicates;
	size_t weak;            /* beads below the threshold, left out */
	size_t one_sided;       /* beads with an empty side (nothing to store) */
} tmk_align_store_report;

/* Store BEADS (over DE and EN, in languages LANGS[0] and LANGS[1]) in TM
 * as one transaction: origin DE_NAME,
 * format "align", document "DE_NAME -> EN_NAME", position = bead number.
 * Beads scoring below MIN_SCORE are not stored.  All or nothing. */
int tmk_align_store(tmk_tm *tm, tmk_align_store_report *rep, const tmk_bead *beads, size_t n,
		    const tmk_align_sent *de, const tmk_align_sent *en,
		    const char *const langs[2], const char *de_name, const char *en_name,
		    double min_score);

#endif
