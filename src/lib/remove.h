/*
 * remove.h - undoing imports: units deleted with their provenance, notes
 * and index entries, in one transaction.
 *
 * A selection names origins (an imported file by name, or every import
 * since a time) and/or unit ids; the criteria combine with AND.  A unit
 * that came only from the selected origins is deleted; a unit that another
 * origin also brought stays and loses only the selected origins' provenance
 * records (and the import count they added), so importing the file again
 * gives the TM it had before.  Plan first (count what would go, to show the
 * user), then apply: the criteria are evaluated again under the write lock.
 */
#ifndef TMK_REMOVE_H
#define TMK_REMOVE_H

#include <stddef.h>
#include <stdint.h>

#include "tm.h"

/* What to remove.  NULL or 0 fields do not filter; at least one must. */
typedef struct {
	const char *origin;     /* imports of this name, exactly as named on import */
	const char *since;      /* imports at or after this time, as tmk_remove_parse_since() gives it */
	const int64_t *ids;     /* exactly these units (each must exist) */
	size_t nids;
} tmk_remove_sel;

/* An origin (one import) the removal concerns. */
typedef struct {
	int64_t id;
	char *name;
	char format[8];
	char imported_at[32];
	long long records;      /* its provenance records that go */
	int removed;            /* its row goes too: nothing of the import is left */
} tmk_remove_origin;

/* What a removal deletes (a plan) or deleted. */
typedef struct {
	long long units;        /* units deleted, with their notes and index entries */
	long long kept;         /* selected units that stay: another origin has them too */
	long long records;      /* provenance records removed (the deleted units' included) */
	long long origins_removed;
	tmk_remove_origin *origins;     /* the origins concerned, oldest import first */
	size_t norigins;
	char **similar;         /* no origin has sel->origin's name: names close to it */
	size_t nsimilar;
} tmk_remove_plan;

/* Is there anything to remove in P? */
int tmk_remove_plan_empty(const tmk_remove_plan *p);

/* Parse S, a date (YYYY-MM-DD: midnight UTC) or an ISO 8601 time with a
 * zone (2024-03-15T10:30Z, 2024-03-15T11:30:00+01:00, seconds and fractions
 * optional), into OUT as "YYYY-MM-DDTHH:MM:SSZ" in UTC, the form in which
 * imports are dated.  TMK_EINVAL with a message saying what is wrong. */
int tmk_remove_parse_since(char out[32], const char *s);

/* Count what SEL would remove, in one read transaction, into *OUT (free
 * with tmk_remove_plan_release(), also after a failure).  TMK_EINVAL for
 * an empty selection; TMK_ENOTFOUND when no origin has SEL's name (OUT's
 * similar lists close names) or an id names no unit.  A selection that
 * matches nothing is not an error: see tmk_remove_plan_empty(). */
int tmk_remove_plan_get(tmk_tm *tm, tmk_remove_plan *out, const tmk_remove_sel *sel);

/*
 * Remove what SEL selects in one transaction (BEGIN IMMEDIATE), planning
 * again under the write lock; *OUT gets what was removed.  When EXPECT is
 * given (the plan the user confirmed) and the TM has changed so that the
 * counts differ, nothing is removed and TMK_ERROR says so.  Any failure
 * rolls back: the TM is left as it was.
 */
int tmk_remove_apply(tmk_tm *tm, tmk_remove_plan *out, const tmk_remove_sel *sel,
		     const tmk_remove_plan *expect);

void tmk_remove_plan_release(tmk_remove_plan *p);

#endif
