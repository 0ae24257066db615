/*
 * pretranslate.h - fill an XLIFF job's targets from the TM, as CAT tools'
 * pretranslation does: a copy of the job in which each segment the TM
 * holds exactly gets its translation as translated, and, if asked, each
 * other one its best fuzzy match as a draft with the score.  Everything
 * else in the file stays byte for byte as it was: the copy is the input's
 * bytes with the new targets and states spliced in at the offsets the
 * reader gives (formats/xliff_edit.h), in the input's encoding.
 *
 * What a filled segment gets, by format:
 *   XLIFF 1.2   <target state="translated" state-qualifier="exact-match">
 *               (a draft: state="needs-review-translation", qualifier
 *               "fuzzy-match", and an <alt-trans match-quality="85"
 *               origin="tmkit"> with the TM's source and target after the
 *               <target>; mid="..." for a <seg-source> segment).  A unit
 *               of several segments has one <target> state: translated
 *               only when every segment was filled here from an exact
 *               match, else needs-review-translation.
 *   XLIFF 2.x   <segment state="translated">, a draft state="initial"
 *               with an <mtc:match ref="#ID" similarity="85" type="tm"
 *               origin="tmkit"> in the unit's <mtc:matches> (the segment
 *               gets an id when it has none: the match must point at it).
 *   SDLXLIFF    the <mrk mtype="seg"> in <target> (the <target> made from
 *               <seg-source> when the unit has none, as Trados makes it)
 *               and its <sdl:seg conf="Translated" origin="tm"
 *               percent="100"> (a context match also text-match=
 *               "SourceAndTarget"; a draft conf="Draft" with its percent);
 *               no state attribute on <target>, no <alt-trans>.
 *   MQXLIFF     the <target>, and mq:status="Confirmed" mq:percent="100"
 *               (101 for a context match) on the <trans-unit>; a draft
 *               mq:status="Pretranslated" with its percent.
 *
 * Exact and context matches: a unit whose side in the job's source
 * language is the segment's plain text, byte for byte (inline codes as
 * placeholders, so a segment matches a unit imported from XLIFF with the
 * same codes); a context match when, in a file the unit came from, the
 * units around it read as the segments around this one.  Several exact
 * units: a context match first, then the closest language variants, then
 * the unit imported last.  Fuzzy: tmk_lookup()'s best match (numbers and
 * placeholders substituted), when it scores --min or more.
 *
 * Inline codes: the TM's translation holds a placeholder U+E000 + n for
 * the n-th code of the TM's source; it is written as the job segment's
 * n-th source code, in its place.  A code the translation lacks, or one
 * that cannot stand where it is (its pair broken, an element end that
 * does not nest), is written at the end of the target, and the segment,
 * even an exact match, becomes a draft: a translator must place it.
 * Placeholders the TM's source does not hold (codes only in its target)
 * are left out.
 *
 * Left alone: units with translate="no", segments locked in Trados or
 * memoQ, segments whose target has text (unless OVERWRITE), and segments
 * with no text to translate (blank, or codes only).
 *
 * With SEGMENT, a unit with no segmentation of its own (XLIFF 1.2 without
 * <seg-source>, 2.0 with one <segment> and no canResegment="no") whose
 * source holds several sentences (resegment.h: where the boundaries go
 * among inline codes, and when a unit is not split) becomes one segment a
 * sentence, each looked up on its own and written as CAT tools write a
 * segmented unit:
 *   XLIFF 1.2   a <seg-source> after <source>: the source as written with
 *               <mrk mtype="seg" mid="N"> around each sentence (what lies
 *               between them, white space, outside); when a sentence is
 *               filled, the <target> likewise, each <mrk> holding its
 *               translation (or nothing), one state for the unit as above
 *               and an <alt-trans mid="N"> a fuzzy sentence.  The mids are
 *               numbers no mid of the file has.
 *   XLIFF 2.x   the <segment> replaced by one a sentence, with what lies
 *               between, before and after them in <ignorable>s: each
 *               segment's start tag as the old one's with its own id (the
 *               first keeps the old id; the others get "sN" that no id of
 *               the file has), its state (none when not filled), its
 *               <target>.
 * Not split: a unit whose target has text, unless OVERWRITE and every
 * sentence is filled (else it is left as it is: its translation cannot be
 * cut into sentences), SDLXLIFF and MQXLIFF (their tools segment them and
 * must find the structure they wrote), and what resegment.h refuses.  A
 * source language without sentence rules is TMK_EINPUT.
 */
#ifndef TMK_PRETRANSLATE_H
#define TMK_PRETRANSLATE_H

#include <stddef.h>

#include "tm.h"
#include "tm_parallel.h"

#define TMK_PRETRANSLATE_MAX_JOBS TMK_TM_MAX_JOBS

typedef struct {
	int min;                /* the lowest fuzzy score filled in (0: 75) */
	int fuzzy;              /* fill fuzzy matches as drafts */
	int overwrite;          /* replace targets that have text */
	int jobs;               /* threads looking up (each its own connection) */
	int segment;            /* split units with no segmentation of their own
				   into sentences (see above) */
	void (*progress)(void *ctx, size_t done, size_t total);    /* segments; may be NULL */
	void *progress_ctx;
} tmk_pretranslate_opts;

typedef struct {
	long long segments;     /* of the units to translate */
	long long context, exact, fuzzy;        /* filled from context, 100 % and fuzzy matches */
	long long codes_appended;       /* of those: codes written at the end, so a draft */
	long long kept;         /* had a target with text (no --overwrite) */
	long long locked;       /* locked in Trados or memoQ */
	long long none;         /* no match good enough, or nothing to translate */
	long long split_units;  /* --segment: units split into sentences */
	long long split_segments;       /* the segments they became (counted above) */
	long long split_refused;        /* not split: a boundary would cut a paired code */
} tmk_pretranslate_report;

/* Write a copy of the XLIFF job at JOB to OUT with the targets the TM
 * holds filled in, as O says; *R gets the counts.  Every <file> must name
 * its target language, and the TM must hold units in the file's language
 * pair (either way round), else TMK_EINPUT says which pair the job has and
 * which the TM has.  OUT is written whole or not at all; it may not be JOB
 * itself (TMK_EINVAL).  TMK_EINPUT for a job that cannot be read (with its
 * line), TMK_EIO when OUT cannot be written. */
int tmk_pretranslate(tmk_tm *tm, tmk_pretranslate_report *r, const char *job, const char *out,
		     const tmk_pretranslate_opts *o);

#endif
