/*
 * tm.h - the translation memory: one SQLite file (schema in tm/).
 *
 * Open it, add units inside a transaction (an import is one transaction:
 * a file lands whole or not at all), and hand it to the lookup,
 * concordance and export modules.  Several processes may use one TM at
 * once: WAL mode, and writers wait for each other (busy timeout).
 */
#ifndef TMK_TM_H
#define TMK_TM_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

typedef struct tmk_tm tmk_tm;

enum {
	TMK_TM_READONLY = 1 << 0,       /* fail if missing; never write */
};

/* A note or property from a TMX (kind "note" or "prop"; lang NULL when it
 * belongs to the whole unit; type NULL for notes). */
typedef struct {
	const char *lang;
	const char *kind;
	const char *type;
	const char *value;
} tmk_note;

/* A unit to add.  Texts are NFC UTF-8 with lengths; NULL strings are
 * absent values. */
typedef struct {
	const char *src_lang, *tgt_lang;        /* "de", "en", ... */
	const char *source, *target;            /* plain text */
	size_t source_len, target_len;
	const char *source_markup, *target_markup;  /* TMX inline XML, or NULL */
	size_t source_markup_len, target_markup_len;
	const char *tuid;
	const char *created_at, *changed_at;    /* ISO 8601; NULL: now */
	long usage_count;
	const char *document;                   /* provenance within the origin */
	long position;
	const tmk_note *notes;
	size_t nnotes;
} tmk_unit_in;

/* Where a TM lives when none is named: $TMKIT_TM, else
 * $XDG_DATA_HOME/tmkit/default.tm, else ~/.local/share/tmkit/default.tm. */
int tmk_tm_default_path(tmk_buf *out);

/* Open (and, unless READONLY, create) the TM at PATH, bringing its schema
 * up to date.  Creates missing parent folders.  TMK_EIO when it cannot be
 * opened; TMK_EINPUT when the file is not a tmkit TM or is newer than this
 * tmkit. */
int tmk_tm_open(tmk_tm **out, const char *path, unsigned flags);
void tmk_tm_free(tmk_tm *tm);

/* Transactions.  begin takes the write lock at once (BEGIN IMMEDIATE) so
 * that two importers queue instead of failing half-way. */
int tmk_tm_begin(tmk_tm *tm);
int tmk_tm_commit(tmk_tm *tm);
int tmk_tm_rollback(tmk_tm *tm);

/* Roll back after a failure, keeping the failure's message and code (the
 * rollback's own must not replace the cause).  Returns that code. */
int tmk_tm_abort(tmk_tm *tm);

/* Record an origin (an imported file); *ID gets its id. */
int tmk_tm_add_origin(tmk_tm *tm, int64_t *id, const char *name, const char *format,
		      const char *tool);

/* Add U from ORIGIN.  *ADDED is 1 for a new unit, 0 when the same pair was
 * there already (its count and provenance are updated). */
int tmk_tm_add_unit(tmk_tm *tm, int *added, int64_t origin, const tmk_unit_in *u);

/* Call FN for every unit of TM in id order; FN's negative return stops
 * the walk and is returned. */
int tmk_tm_each_unit(tmk_tm *tm, int (*fn)(void *ud, int64_t id, const char *src_lang, const char *tgt_lang,
					   const char *source, const char *target), void *ud);

/* The current time as ISO 8601 UTC ("2026-11-23T20:41:07Z"). */
void tmk_now_iso(char out[32]);

#endif
