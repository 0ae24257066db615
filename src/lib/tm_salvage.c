/*
 * tm_salvage.c - copying what can still be read from a damaged TM into a
 * new one; see tm_check.h.
 *
 * A damaged page makes a scan of its table stop, but rows on sound pages
 * are still found by their id.  So units and concepts are read one id at a
 * time, from 1 to the highest id, and each one that reads whole is added
 * to the new TM through the normal path (tmk_tm_add_unit, tmk_concept_add),
 * which builds every index there afresh.  A unit whose notes, attributes
 * or provenance cannot be read is kept without them and counted.  (The
 * sqlite3 shell's .recover would work at page level, but Debian 12's shell
 * stops with "SQL logic error" on every file.)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "term.h"
#include "tm_check.h"
#include "tm_internal.h"

#define MAX_ORIGINS 4096        /* old origin id -> new, for origins seen so far */

static const char unit_sql[] =
	"SELECT src_lang, tgt_lang, source, target, source_markup, target_markup, tuid, created_at,"
	" changed_at, usage_count FROM unit WHERE id = ?1";
static const char notes_sql[] =
	"SELECT scope, kind, type, value, xml_lang, o_encoding FROM unit_note WHERE unit_id = ?1 ORDER BY id";
static const char attrs_sql[] = "SELECT scope, name, value FROM unit_attr WHERE unit_id = ?1 ORDER BY scope, seq";
static const char origin_sql[] =
	"SELECT o.id, o.name, o.format, o.tool, uo.position, uo.document FROM unit_origin uo"
	" JOIN origin o ON o.id = uo.origin_id WHERE uo.unit_id = ?1 ORDER BY uo.origin_id LIMIT 1";

/* The strings of one unit's extras, copied out of the old TM. */
typedef struct {
	tmk_note *notes;
	size_t nnotes;
	tmk_attr *attrs;
	size_t nattrs;
	char **strs;            /* every string above, to free */
	size_t nstrs, capstrs;
} extras;

typedef struct {
	tmk_tm *to;
	sqlite3 *db;            /* of the old TM */
	sqlite3_stmt *unit, *notes, *attrs, *origin;
	int64_t origin_old[MAX_ORIGINS], origin_new[MAX_ORIGINS];
	size_t norigins;
	tmk_salvage_report *rep;
} salvage;

static void extras_release(extras *x)
{
	for (size_t i = 0; i < x->nstrs; i++)
		free(x->strs[i]);
	free(x->strs);
	free(x->notes);
	free(x->attrs);
	memset(x, 0, sizeof(*x));
}

/* A copy of column I of ST kept in X (NULL stays NULL). */
static const char *keep(extras *x, sqlite3_stmt *st, int i)
{
	const char *s = (const char *)sqlite3_column_text(st, i);
	char *c;

	if (!s)
		return NULL;
	if (x->nstrs == x->capstrs) {
		char **n = realloc(x->strs, (x->capstrs = x->capstrs ? x->capstrs * 2 : 16) * sizeof(*n));
		if (!n)
			return NULL;
		x->strs = n;
	}
	if (!(c = strdup(s)))
		return NULL;
	return x->strs[x->nstrs++] = c;
}

/* Grow *V (of N items of SIZE) by one; the new item, zeroed, or NULL. */
static void *push(void *v, size_t *n, size_t size)
{
	char *nv = realloc(*(void **)v, (*n + 1) * size);

	if (!nv)
		return NULL;
	*(void **)v = nv;
	memset(nv + *n * size, 0, size);
	return nv + (*n)++ * size;
}

/* Unit ID's notes and attributes into X; 1 when some could not be read. */
static int read_extras(salvage *s, int64_t id, extras *x)
{
	int step, lost = 0;

	sqlite3_reset(s->notes);
	sqlite3_bind_int64(s->notes, 1, id);
	while ((step = sqlite3_step(s->notes)) == SQLITE_ROW) {
		tmk_note *n = push(&x->notes, &x->nnotes, sizeof(*n));
		if (!n)
			return tmk_error_oom();
		n->scope = sqlite3_column_int(s->notes, 0);
		n->kind = keep(x, s->notes, 1);
		n->type = keep(x, s->notes, 2);
		n->value = keep(x, s->notes, 3);
		n->xml_lang = keep(x, s->notes, 4);
		n->o_encoding = keep(x, s->notes, 5);
		if (!n->kind || !n->value)      /* damaged, or out of memory */
			x->nnotes--, lost = 1;
	}
	lost |= step != SQLITE_DONE;
	sqlite3_reset(s->attrs);
	sqlite3_bind_int64(s->attrs, 1, id);
	while ((step = sqlite3_step(s->attrs)) == SQLITE_ROW) {
		tmk_attr *a = push(&x->attrs, &x->nattrs, sizeof(*a));
		if (!a)
			return tmk_error_oom();
		a->scope = sqlite3_column_int(s->attrs, 0);
		a->name = keep(x, s->attrs, 1);
		a->value = keep(x, s->attrs, 2);
		if (!a->name || !a->value)
			x->nattrs--, lost = 1;
	}
	return lost | (step != SQLITE_DONE);
}

/* The new TM's origin for the old unit's first provenance (a "salvaged"
 * origin when there is none that reads), with the unit's position. */
static int map_origin(salvage *s, int64_t id, int64_t *origin, tmk_unit_in *u, extras *x)
{
	int64_t old = 0;
	const char *name = "salvaged", *format = "tmx", *tool = NULL;
	int rc;

	sqlite3_reset(s->origin);
	sqlite3_bind_int64(s->origin, 1, id);
	if (sqlite3_step(s->origin) == SQLITE_ROW && sqlite3_column_text(s->origin, 1)) {
		old = sqlite3_column_int64(s->origin, 0);
		name = keep(x, s->origin, 1);
		format = sqlite3_column_text(s->origin, 2) ? keep(x, s->origin, 2) : "tmx";
		tool = keep(x, s->origin, 3);
		u->position = (long)sqlite3_column_int64(s->origin, 4);
		u->document = keep(x, s->origin, 5);
		if (!name || !format)
			return tmk_error_oom();
	}
	for (size_t i = 0; i < s->norigins; i++)
		if (s->origin_old[i] == old) {
			*origin = s->origin_new[i];
			return 0;
		}
	if ((rc = tmk_tm_add_origin(s->to, origin, name, format, tool)) < 0)
		return rc;
	if (s->norigins < MAX_ORIGINS) {
		s->origin_old[s->norigins] = old;
		s->origin_new[s->norigins++] = *origin;
	}
	return 0;
}

/* Copy unit ID if it reads whole. */
static int salvage_unit(salvage *s, int64_t id)
{
	tmk_unit_in u = { 0 };
	extras x = { 0 };
	int64_t origin;
	int step, added, rc = 0;

	sqlite3_reset(s->unit);
	sqlite3_bind_int64(s->unit, 1, id);
	if ((step = sqlite3_step(s->unit)) == SQLITE_DONE) {
		s->rep->ids_missing++;          /* no unit of that id (or its page is lost) */
		return 0;
	}
	if (step != SQLITE_ROW || !sqlite3_column_text(s->unit, 0) || !sqlite3_column_text(s->unit, 1) ||
	    !sqlite3_column_text(s->unit, 2) || !sqlite3_column_text(s->unit, 3)) {
		s->rep->units_lost++;
		return 0;
	}
	u.src_lang = keep(&x, s->unit, 0);
	u.tgt_lang = keep(&x, s->unit, 1);
	u.source = keep(&x, s->unit, 2);
	u.target = keep(&x, s->unit, 3);
	u.source_markup = keep(&x, s->unit, 4);
	u.target_markup = keep(&x, s->unit, 5);
	u.tuid = keep(&x, s->unit, 6);
	u.created_at = keep(&x, s->unit, 7);
	u.changed_at = keep(&x, s->unit, 8);
	u.usage_count = (long)sqlite3_column_int64(s->unit, 9);
	if (!u.src_lang || !u.tgt_lang || !u.source || !u.target) {
		extras_release(&x);
		return tmk_error_oom();
	}
	u.source_len = strlen(u.source);
	u.target_len = strlen(u.target);
	u.source_markup_len = u.source_markup ? strlen(u.source_markup) : 0;
	u.target_markup_len = u.target_markup ? strlen(u.target_markup) : 0;
	if ((rc = read_extras(s, id, &x)) < 0 || (rc = map_origin(s, id, &origin, &u, &x)) < 0)
		goto done;
	s->rep->extras_lost += rc;
	u.notes = x.notes;
	u.nnotes = x.nnotes;
	u.attrs = x.attrs;
	u.nattrs = x.nattrs;
	if ((rc = tmk_tm_add_unit(s->to, &added, origin, &u)) == 0)
		s->rep->units++;
	else if (rc == TMK_EINVAL)      /* a damaged tag: lost, not fatal */
		s->rep->units_lost++, rc = 0;
done:
	extras_release(&x);
	return rc;
}

/* Copy concept ID and its terms if they read whole. */
static int salvage_concept(tmk_tm *from, tmk_tm *to, int64_t id, tmk_salvage_report *rep)
{
	tmk_concept *c;
	tmk_concept_in in = { 0 };
	tmk_term_in *t;
	int64_t nid;
	int merged, changed, rc;

	if (tmk_concept_get(from, &c, id) < 0) {
		if (strncmp(tmk_error_last(), "no concept", 10))        /* damaged, not missing */
			rep->concepts_lost++;
		tmk_error_clear();
		return 0;
	}
	if (!(t = calloc(c->nterms ? c->nterms : 1, sizeof(*t)))) {
		tmk_concept_free(c);
		return tmk_error_oom();
	}
	for (size_t i = 0; i < c->nterms; i++)
		t[i] = (tmk_term_in){ c->terms[i].lang, c->terms[i].text, strlen(c->terms[i].text),
				      c->terms[i].status, c->terms[i].note };
	in = (tmk_concept_in){ c->type, c->domain, c->definition, c->note, c->source, t, c->nterms };
	rc = c->nterms ? tmk_concept_add(to, &nid, &merged, &changed, &in) : 0;
	if (rc == 0 && c->nterms)
		rep->concepts++;
	else if (rc == TMK_EINVAL)
		rep->concepts_lost++, rc = 0;
	free(t);
	tmk_concept_free(c);
	return rc;
}

static int prepare_all(salvage *s, tmk_tm *from)
{
	if (sqlite3_prepare_v2(s->db, unit_sql, -1, &s->unit, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(s->db, notes_sql, -1, &s->notes, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(s->db, attrs_sql, -1, &s->attrs, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(s->db, origin_sql, -1, &s->origin, NULL) != SQLITE_OK)
		return tmk_tm_dberr(from, "cannot read the damaged TM's schema");
	return 0;
}

/* The highest id SQL gives; -1 when it cannot be read (the rightmost
 * page of the table is damaged). */
static int64_t max_id(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	int64_t n = -1;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			n = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	return n;
}

/* Ids to try when the highest cannot be read: on until this many in a row
 * are missing. */
#define MISSING_RUN 100000

int tmk_tm_salvage(tmk_tm *from, tmk_tm *to, tmk_salvage_report *rep)
{
	salvage s = { .to = to, .db = tmk_tm_db(from), .rep = rep };
	int64_t units, concepts;
	int rc;

	memset(rep, 0, sizeof(*rep));
	units = max_id(s.db, "SELECT max(id) FROM unit");
	concepts = max_id(s.db, "SELECT max(id) FROM concept");
	if ((rc = prepare_all(&s, from)) == 0 && (rc = tmk_tm_begin(to)) == 0) {
		int64_t last_found = 0, id;
		for (id = 1; rc == 0 && (units >= 0 ? id <= units : id - last_found <= MISSING_RUN); id++) {
			size_t before = rep->units + rep->units_lost;
			rc = salvage_unit(&s, id);
			if (rep->units + rep->units_lost > before)
				last_found = id;
		}
		if (units < 0)          /* the run past the last unit was no loss */
			rep->ids_missing -= (size_t)(id - 1 - last_found);
		if (concepts < 0)
			concepts = 1000000;     /* concepts are few: try them all */
		for (id = 1; id <= concepts && rc == 0; id++)
			rc = salvage_concept(from, to, id, rep);
		rc = rc == 0 ? tmk_tm_commit(to) : tmk_tm_abort(to);
	}
	sqlite3_finalize(s.unit);
	sqlite3_finalize(s.notes);
	sqlite3_finalize(s.attrs);
	sqlite3_finalize(s.origin);
	return rc;
}
