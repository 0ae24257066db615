/*
 * remove.c - undoing imports; see remove.h.
 *
 * A selection is worked out once per transaction into three temporary
 * tables: the origins it names (every origin when it names none), the unit
 * ids asked for, and the units concerned, each marked doomed (deleted) or
 * kept (another origin has it: it loses only the selected origins'
 * provenance).  Counting and deleting are then a few set statements over
 * those tables, so undoing a 100k-unit import costs a handful of statements,
 * not several per unit.
 *
 * Deleting a unit row takes everything hanging on it: provenance, notes and
 * any other per-unit table (ON DELETE CASCADE; tmk_tm_open turns foreign
 * keys on) and its word-index entry (trigger unit_ad).  The distinct-word
 * table and lang_pair keep their rows, as the schema intends: a word or a
 * pair no unit has any more costs a lookup a wasted probe, nothing else.
 *
 * The SQL is prepared here, once per call, not in tm.c's statement table:
 * a removal is one-off work, and its statements name temporary tables that
 * exist only on a connection that has planned a removal.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "error.h"
#include "remove.h"
#include "textnorm.h"
#include "tm_internal.h"

#define MAX_SIMILAR 8

static const char temp_tables[] =
	"CREATE TEMP TABLE IF NOT EXISTS remove_origin(id INTEGER PRIMARY KEY);"
	"CREATE TEMP TABLE IF NOT EXISTS remove_id(id INTEGER PRIMARY KEY);"
	"CREATE TEMP TABLE IF NOT EXISTS remove_unit(id INTEGER PRIMARY KEY, doomed INTEGER NOT NULL);";

static const char clear_temp[] =
	"DELETE FROM temp.remove_origin; DELETE FROM temp.remove_id; DELETE FROM temp.remove_unit;";

enum {
	RM_HAS_NAME, RM_NAMES, RM_ADD_ID, RM_MISSING_IDS,
	RM_PICK_ORIGINS, RM_PICK_BY_ORIGIN, RM_PICK_BY_ID, RM_COUNT, RM_ORIGINS,
	RM_SEEN, RM_DROP_RECORDS, RM_DROP_UNITS, RM_DROP_ORIGIN,
	RM__COUNT
};

static const char *const rm_sql[RM__COUNT] = {
	[RM_HAS_NAME] = "SELECT 1 FROM origin WHERE name = ?1 LIMIT 1",
	/* candidates for "did you mean", the latest import first */
	[RM_NAMES] = "SELECT name FROM origin GROUP BY name ORDER BY max(imported_at) DESC, name",
	[RM_ADD_ID] = "INSERT OR IGNORE INTO temp.remove_id(id) VALUES (?1)",
	[RM_MISSING_IDS] =
		"SELECT id FROM temp.remove_id WHERE id NOT IN (SELECT id FROM unit) ORDER BY id LIMIT 6",
	/* ?1 name, ?2 earliest import time; both NULL: every origin */
	[RM_PICK_ORIGINS] =
		"INSERT INTO temp.remove_origin(id) SELECT id FROM origin"
		" WHERE (?1 IS NULL OR name = ?1) AND (?2 IS NULL OR imported_at >= ?2)",
	/* the units the origins brought (only the ids asked for when ?1); a
	 * unit with provenance outside them stays */
	[RM_PICK_BY_ORIGIN] =
		"INSERT INTO temp.remove_unit(id, doomed)"
		" SELECT c.id, NOT EXISTS (SELECT 1 FROM unit_origin x WHERE x.unit_id = c.id"
		"                          AND x.origin_id NOT IN temp.remove_origin)"
		" FROM (SELECT DISTINCT unit_id AS id FROM unit_origin WHERE origin_id IN temp.remove_origin"
		"       AND (NOT ?1 OR unit_id IN temp.remove_id)) c",
	[RM_PICK_BY_ID] =
		"INSERT INTO temp.remove_unit(id, doomed) SELECT id, 1 FROM unit WHERE id IN temp.remove_id",
	[RM_COUNT] = "SELECT coalesce(sum(doomed), 0), coalesce(sum(NOT doomed), 0) FROM temp.remove_unit",
	/* the origins losing records, with how many.  ?1 (origins selected by
	 * name or time): an origin left with none goes; ?2 (so selected, and
	 * no ids to narrow it): one that had none goes too */
	[RM_ORIGINS] =
		"SELECT o.id, o.name, o.format, o.imported_at, coalesce(r.n, 0),"
		" CASE WHEN ?1 THEN coalesce(r.n, 0) = (SELECT count(*) FROM unit_origin WHERE origin_id = o.id)"
		"      ELSE 0 END"
		" FROM origin o LEFT JOIN (SELECT p.origin_id AS id, count(*) AS n FROM temp.remove_unit u"
		"      JOIN unit_origin p ON p.unit_id = u.id WHERE p.origin_id IN temp.remove_origin"
		"      GROUP BY p.origin_id) r ON r.id = o.id"
		" WHERE r.n > 0 OR ?2 AND o.id IN temp.remove_origin"
		"      AND NOT EXISTS (SELECT 1 FROM unit_origin WHERE origin_id = o.id)"
		" ORDER BY o.imported_at, o.id",
	/* a kept unit's import count loses what the removed records added, so
	 * that importing the file again counts it as before */
	[RM_SEEN] =
		"UPDATE unit SET seen_count = max(1, seen_count - (SELECT count(*) FROM unit_origin p"
		"       WHERE p.unit_id = unit.id AND p.origin_id IN temp.remove_origin))"
		" WHERE id IN (SELECT id FROM temp.remove_unit WHERE NOT doomed)",
	[RM_DROP_RECORDS] =
		"DELETE FROM unit_origin WHERE origin_id IN temp.remove_origin"
		" AND unit_id IN (SELECT id FROM temp.remove_unit WHERE NOT doomed)",
	[RM_DROP_UNITS] = "DELETE FROM unit WHERE id IN (SELECT id FROM temp.remove_unit WHERE doomed)",
	/* an origin the plan says goes, if nothing of it is left */
	[RM_DROP_ORIGIN] =
		"DELETE FROM origin WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM unit_origin WHERE origin_id = ?1)",
};

typedef struct {
	tmk_tm *tm;
	sqlite3 *db;
	sqlite3_stmt *st[RM__COUNT];
	int by_origin;          /* the selection names origins (by name or time) */
	int by_id;              /* and unit ids */
} rm_ctx;

/* ---- times ---------------------------------------------------------------- */

/* N digits at *P into *OUT, advancing *P; -1 if they are not there. */
static int take_digits(const char **p, int n, int *out)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if ((*p)[i] < '0' || (*p)[i] > '9')
			return -1;
		v = v * 10 + ((*p)[i] - '0');
	}
	*p += n;
	*out = v;
	return 0;
}

static int days_in_month(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : days[m - 1];
}

/* Move the date Y-M-D one day back (DELTA -1) or on (+1). */
static void shift_day(int *y, int *m, int *d, int delta)
{
	*d += delta;
	if (*d < 1) {
		if (--*m < 1) {
			*m = 12;
			--*y;
		}
		*d = days_in_month(*y, *m);
	} else if (*d > days_in_month(*y, *m)) {
		*d = 1;
		if (++*m > 12) {
			*m = 1;
			++*y;
		}
	}
}

/* The zone after a time at *P: Z, +HH, +HHMM or +HH:MM (or -); its offset
 * east of UTC in seconds into *OFF.  -1 if malformed, -2 if absent. */
static int take_zone(const char **p, long *off)
{
	int h, m = 0, sign;

	if (**p == 'Z' || **p == 'z') {
		(*p)++;
		*off = 0;
		return 0;
	}
	if (**p != '+' && **p != '-')
		return **p ? -1 : -2;
	sign = **p == '-' ? -1 : 1;
	(*p)++;
	if (take_digits(p, 2, &h) < 0 || h > 23)
		return -1;
	if (**p == ':') {
		(*p)++;
		if (take_digits(p, 2, &m) < 0 || m > 59)
			return -1;
	} else if (**p >= '0' && **p <= '9' && (take_digits(p, 2, &m) < 0 || m > 59)) {
		return -1;
	}
	*off = sign * (h * 3600L + m * 60L);
	return 0;
}

/* Read the time of day at *P (after the date's T) into seconds since
 * midnight *SOD, advancing *P; *FRAC is set when a non-zero fraction of a
 * second follows.  -1 if malformed, -2 if out of range. */
static int take_time(const char **p, long *sod, int *frac)
{
	int h, m, s = 0;

	if (take_digits(p, 2, &h) < 0 || *(*p)++ != ':' || take_digits(p, 2, &m) < 0)
		return -1;
	if (**p == ':') {
		(*p)++;
		if (take_digits(p, 2, &s) < 0)
			return -1;
		if (**p == '.' || **p == ',') {
			if ((*p)[1] < '0' || (*p)[1] > '9')
				return -1;
			for ((*p)++; **p >= '0' && **p <= '9'; (*p)++)
				*frac |= **p != '0';
		}
	}
	*sod = h * 3600L + m * 60L + s;
	return h > 23 || m > 59 || s > 59 ? -2 : 0;
}

/* Read the time and zone after a date's T at *P into seconds since that
 * date's midnight UTC (from a day before to a day after).  S for messages. */
static int take_time_zone(const char *s, const char *p, long *sod)
{
	static const char usage[] = "use YYYY-MM-DD or an ISO 8601 time such as 2024-03-15T10:30:00Z";
	int frac = 0, rc;
	long off;

	if ((rc = take_time(&p, sod, &frac)) == -2)
		return tmk_error_set(TMK_EINVAL, "'%s': there is no such time of day", s);
	if (rc < 0)
		return tmk_error_set(TMK_EINVAL, "'%s' is not a time: %s", s, usage);
	if ((rc = take_zone(&p, &off)) == -2)
		return tmk_error_set(TMK_EINVAL, "'%s' has no time zone: add Z for UTC (%sZ)"
				     " or an offset such as +01:00", s, s);
	if (rc < 0 || *p)
		return tmk_error_set(TMK_EINVAL, "'%s' is not a time: %s", s, usage);
	/* imports are dated to the second: a fraction rounds up, so "after
	 * 10:00:00.5" does not take what was imported at 10:00:00 */
	*sod += frac - off;
	return 0;
}

int tmk_remove_parse_since(char out[32], const char *s)
{
	const char *p = s;
	int y, mo, d, rc;
	long sod = 0;

	if (take_digits(&p, 4, &y) < 0 || *p++ != '-' || take_digits(&p, 2, &mo) < 0 ||
	    *p++ != '-' || take_digits(&p, 2, &d) < 0 || (*p && *p != 'T' && *p != 't' && *p != ' '))
		return tmk_error_set(TMK_EINVAL, "'%s' is not a date: use YYYY-MM-DD or an ISO 8601"
				     " time such as 2024-03-15T10:30:00Z", s);
	if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo))
		return tmk_error_set(TMK_EINVAL, "'%s': there is no such date", s);
	if (*p && (rc = take_time_zone(s, p + 1, &sod)) < 0)
		return rc;
	if (sod < 0) {
		shift_day(&y, &mo, &d, -1);
		sod += 86400;
	} else if (sod >= 86400) {
		shift_day(&y, &mo, &d, 1);
		sod -= 86400;
	}
	if (y < 1 || y > 9999)
		return tmk_error_set(TMK_EINVAL, "'%s': there is no such date", s);
	/* the modulos only tell the compiler the widths the checks above ensure */
	snprintf(out, 32, "%04d-%02d-%02dT%02d:%02d:%02dZ", y % 10000, mo % 100, d % 100, (int)(sod / 3600 % 100),
		 (int)(sod / 60 % 60), (int)(sod % 60));
	return 0;
}

/* ---- close names ---------------------------------------------------------- */

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/* Levenshtein distance of A and B (bytes), or a large number when either
 * is too long to bother: only file names are compared. */
static size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);

	return la > 256 || lb > 256 ? (size_t)-1 : tmk_byte_distance(a, la, b, lb);
}

/* Is CAND, an origin's name, what the user may have meant by NAME?  The
 * same file named by another path (one ends with the other, or the same
 * file name), another case, or a typo in the file name. */
static int is_close(const char *cand, const char *name)
{
	size_t cl = strlen(cand), nl = strlen(name), bl = strlen(base_name(name));

	if (!nl)
		return 0;
	if (!strcasecmp(cand, name) || !strcmp(base_name(cand), base_name(name)))
		return 1;
	if ((cl > nl && !strcmp(cand + cl - nl, name)) || (nl > cl && !strcmp(name + nl - cl, cand)))
		return 1;
	if (nl >= 4 && strstr(cand, name))
		return 1;
	return bl >= 4 && edit_distance(base_name(cand), base_name(name)) <= (bl >= 10 ? 2 : 1);
}

/* ---- statements and the selection ----------------------------------------- */

/* Statement ID, prepared on first use, else reset with its bindings
 * cleared; NULL (error set) if it cannot be prepared. */
static sqlite3_stmt *stmt(rm_ctx *c, int id)
{
	if (c->st[id]) {
		sqlite3_reset(c->st[id]);
		sqlite3_clear_bindings(c->st[id]);
		return c->st[id];
	}
	if (sqlite3_prepare_v2(c->db, rm_sql[id], -1, &c->st[id], NULL) != SQLITE_OK) {
		tmk_tm_dberr(c->tm, "cannot prepare a statement");
		return NULL;
	}
	return c->st[id];
}

/* Run statement ST to its end (a write, or a read whose rows are not
 * wanted); *CHANGES gets the rows it changed when not NULL. */
static int run(rm_ctx *c, sqlite3_stmt *st, const char *what, long long *changes)
{
	int rc;

	if (!st)
		return TMK_EIO;
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return tmk_tm_dberr(c->tm, what);
	if (changes)
		*changes = sqlite3_changes(c->db);
	return 0;
}

static int rm_init(rm_ctx *c, tmk_tm *tm, const tmk_remove_sel *sel)
{
	memset(c, 0, sizeof(*c));
	c->tm = tm;
	c->db = tmk_tm_db(tm);
	c->by_origin = sel->origin || sel->since;
	c->by_id = sel->nids > 0;
	if (!sel->origin && !sel->since && sel->nids == 0)
		return tmk_error_set(TMK_EINVAL, "nothing to remove: name an origin, a time or unit ids");
	if (sqlite3_exec(c->db, temp_tables, NULL, NULL, NULL) != SQLITE_OK)
		return tmk_tm_dberr(tm, "cannot prepare the removal");
	return 0;
}

static void rm_done(rm_ctx *c)
{
	for (int i = 0; i < RM__COUNT; i++)
		sqlite3_finalize(c->st[i]);
	memset(c->st, 0, sizeof(c->st));
}

/* NAME names no origin: put close names into P->similar and say so. */
static int no_such_origin(rm_ctx *c, tmk_remove_plan *p, const char *name)
{
	sqlite3_stmt *st = stmt(c, RM_NAMES);
	int rc;

	if (!st)
		return TMK_EIO;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && p->nsimilar < MAX_SIMILAR) {
		const char *cand = (const char *)sqlite3_column_text(st, 0);
		if (!cand || !is_close(cand, name))
			continue;
		if (!p->similar && !(p->similar = calloc(MAX_SIMILAR, sizeof(char *))))
			return tmk_error_oom();
		if (!(p->similar[p->nsimilar] = strdup(cand)))
			return tmk_error_oom();
		p->nsimilar++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return tmk_tm_dberr(c->tm, "cannot read the origins");
	return tmk_error_set(TMK_ENOTFOUND, "no import named '%s' in the TM%s", name,
			     p->nsimilar ? "" : " (tmkit stats lists the imports by name)");
}

/* Does an origin have NAME?  0 yes, else the error (with close names). */
static int check_origin(rm_ctx *c, tmk_remove_plan *p, const char *name)
{
	sqlite3_stmt *st = stmt(c, RM_HAS_NAME);
	int rc;

	if (!st)
		return TMK_EIO;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc != SQLITE_DONE)
		return tmk_tm_dberr(c->tm, "cannot read the origins");
	return no_such_origin(c, p, name);
}

/* Put SEL's ids into remove_id; every one must be a unit of the TM. */
static int add_ids(rm_ctx *c, const tmk_remove_sel *sel)
{
	sqlite3_stmt *st;
	char list[128] = "";
	size_t len = 0, n = 0;
	int rc;

	for (size_t i = 0; i < sel->nids; i++) {
		if (!(st = stmt(c, RM_ADD_ID)))
			return TMK_EIO;
		sqlite3_bind_int64(st, 1, sel->ids[i]);
		if ((rc = run(c, st, "cannot note the unit ids", NULL)) < 0)
			return rc;
	}
	if (!(st = stmt(c, RM_MISSING_IDS)))
		return TMK_EIO;
	/* the first five missing ids, then "..." */
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && len < sizeof(list)) {
		if (n++ < 5)
			len += (size_t)snprintf(list + len, sizeof(list) - len, "%s%lld", n > 1 ? ", " : "",
						(long long)sqlite3_column_int64(st, 0));
		else
			len += (size_t)snprintf(list + len, sizeof(list) - len, ", ...");
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return tmk_tm_dberr(c->tm, "cannot read the units");
	if (n)
		return tmk_error_set(TMK_ENOTFOUND, "no unit%s %s in the TM", n > 1 ? "s" : "", list);
	return 0;
}

/* Fill the temporary tables with what SEL selects.  Errors for an origin
 * name no import has (P gets close names) and ids no unit has. */
static int select_units(rm_ctx *c, tmk_remove_plan *p, const tmk_remove_sel *sel)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_exec(c->db, clear_temp, NULL, NULL, NULL) != SQLITE_OK)
		return tmk_tm_dberr(c->tm, "cannot prepare the removal");
	if (sel->origin && (rc = check_origin(c, p, sel->origin)) < 0)
		return rc;
	if ((rc = add_ids(c, sel)) < 0)
		return rc;
	if (!(st = stmt(c, RM_PICK_ORIGINS)))
		return TMK_EIO;
	if (sel->origin)
		sqlite3_bind_text(st, 1, sel->origin, -1, SQLITE_STATIC);
	if (sel->since)
		sqlite3_bind_text(st, 2, sel->since, -1, SQLITE_STATIC);
	if ((rc = run(c, st, "cannot select the origins", NULL)) < 0)
		return rc;
	if (!(st = stmt(c, c->by_origin ? RM_PICK_BY_ORIGIN : RM_PICK_BY_ID)))
		return TMK_EIO;
	if (c->by_origin)
		sqlite3_bind_int(st, 1, sel->nids > 0);
	return run(c, st, "cannot select the units", NULL);
}

/* Append the origin at ST's row to P. */
static int add_origin(tmk_remove_plan *p, sqlite3_stmt *st)
{
	tmk_remove_origin *o = realloc(p->origins, (p->norigins + 1) * sizeof(*o));
	const char *name = (const char *)sqlite3_column_text(st, 1);

	if (!o)
		return tmk_error_oom();
	p->origins = o;
	o += p->norigins;
	memset(o, 0, sizeof(*o));
	if (!(o->name = strdup(name ? name : "")))
		return tmk_error_oom();
	p->norigins++;
	o->id = sqlite3_column_int64(st, 0);
	snprintf(o->format, sizeof(o->format), "%s", (const char *)sqlite3_column_text(st, 2));
	snprintf(o->imported_at, sizeof(o->imported_at), "%s", (const char *)sqlite3_column_text(st, 3));
	o->records = sqlite3_column_int64(st, 4);
	o->removed = sqlite3_column_int(st, 5);
	p->records += o->records;
	p->origins_removed += o->removed;
	return 0;
}

/* Count what the selection in the temporary tables removes into P. */
static int read_plan(rm_ctx *c, tmk_remove_plan *p)
{
	sqlite3_stmt *st = stmt(c, RM_COUNT);
	int rc;

	if (!st)
		return TMK_EIO;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		p->units = sqlite3_column_int64(st, 0);
		p->kept = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return tmk_tm_dberr(c->tm, "cannot count the units");
	if (!(st = stmt(c, RM_ORIGINS)))
		return TMK_EIO;
	sqlite3_bind_int(st, 1, c->by_origin);
	sqlite3_bind_int(st, 2, c->by_origin && !c->by_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (add_origin(p, st) < 0) {
			sqlite3_reset(st);
			return TMK_ENOMEM;
		}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return tmk_tm_dberr(c->tm, "cannot count the provenance records");
	return 0;
}

/* Delete what P (planned in this transaction) says; a count that comes out
 * different from the plan is an error, so that the caller rolls back. */
static int delete_selected(rm_ctx *c, const tmk_remove_plan *p)
{
	long long n = 0;
	int rc;

	if ((rc = run(c, stmt(c, RM_SEEN), "cannot update the kept units", NULL)) < 0 ||
	    (rc = run(c, stmt(c, RM_DROP_RECORDS), "cannot remove provenance", NULL)) < 0 ||
	    (rc = run(c, stmt(c, RM_DROP_UNITS), "cannot delete the units", &n)) < 0)
		return rc;
	if (n != p->units)
		return tmk_error_set(TMK_ERROR, "deleted %lld units where %lld were counted: nothing deleted",
				     n, p->units);
	for (size_t i = 0; i < p->norigins; i++) {
		sqlite3_stmt *st;
		if (!p->origins[i].removed)
			continue;
		if (!(st = stmt(c, RM_DROP_ORIGIN)))
			return TMK_EIO;
		sqlite3_bind_int64(st, 1, p->origins[i].id);
		if ((rc = run(c, st, "cannot remove the origins", &n)) < 0)
			return rc;
		if (n != 1)
			return tmk_error_set(TMK_ERROR, "%s: records of the import are left: nothing deleted",
					     p->origins[i].name);
	}
	return 0;
}

/* ---- the interface -------------------------------------------------------- */

int tmk_remove_plan_empty(const tmk_remove_plan *p)
{
	return p->units == 0 && p->kept == 0 && p->records == 0 && p->origins_removed == 0;
}

int tmk_remove_plan_get(tmk_tm *tm, tmk_remove_plan *out, const tmk_remove_sel *sel)
{
	rm_ctx c;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = rm_init(&c, tm, sel)) < 0)
		return rc;
	/* a read transaction: the counts come from one state of the TM */
	if (sqlite3_exec(c.db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
		return tmk_tm_dberr(tm, "cannot read the TM");
	if ((rc = select_units(&c, out, sel)) == 0)
		rc = read_plan(&c, out);
	rm_done(&c);
	/* the temporary rows go with the rollback; the TM was only read */
	if (rc < 0)
		return tmk_tm_abort(tm);
	return tmk_tm_rollback(tm);
}

/* Do P's counts equal the confirmed plan E's? */
static int same_counts(const tmk_remove_plan *p, const tmk_remove_plan *e)
{
	return p->units == e->units && p->kept == e->kept && p->records == e->records &&
	       p->origins_removed == e->origins_removed;
}

int tmk_remove_apply(tmk_tm *tm, tmk_remove_plan *out, const tmk_remove_sel *sel,
		     const tmk_remove_plan *expect)
{
	rm_ctx c;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = rm_init(&c, tm, sel)) < 0 || (rc = tmk_tm_begin(tm)) < 0)
		return rc;
	if ((rc = select_units(&c, out, sel)) == 0)
		rc = read_plan(&c, out);
	if (rc == 0 && expect && !same_counts(out, expect))
		rc = tmk_error_set(TMK_ERROR, "the TM changed after the count (now %lld units and %lld"
				   " provenance records): nothing deleted; run the removal again",
				   out->units, out->records);
	if (rc == 0 && !tmk_remove_plan_empty(out))
		rc = delete_selected(&c, out);
	if (rc == 0 && sqlite3_exec(c.db, clear_temp, NULL, NULL, NULL) != SQLITE_OK)
		rc = tmk_tm_dberr(tm, "cannot finish the removal");
	rm_done(&c);
	if (rc == 0)
		rc = tmk_remove_plan_empty(out) ? tmk_tm_rollback(tm) : tmk_tm_commit(tm);
	return rc < 0 ? tmk_tm_abort(tm) : 0;
}

void tmk_remove_plan_release(tmk_remove_plan *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->norigins; i++)
		free(p->origins[i].name);
	for (size_t i = 0; i < p->nsimilar; i++)
		free(p->similar[i]);
	free(p->origins);
	free(p->similar);
	memset(p, 0, sizeof(*p));
}
