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
	TMK_TM_TRY_WRITE = 1 << 1,      /* fail if missing; for writing where the TM
					   can be written, else read-only */
};

/* Where in a TMX unit a note, property or attribute belongs: the <tu>, or
 * the <tuv> of the unit's source or target. */
enum { TMK_SCOPE_UNIT = 0, TMK_SCOPE_SOURCE = 1, TMK_SCOPE_TARGET = 2 };

/* A note or property from a TMX (kind "note" or "prop"; type NULL for
 * notes), with the element's own xml:lang and o-encoding (NULL: none). */
typedef struct {
	int scope;
	const char *kind;
	const char *type;
	const char *value;
	const char *xml_lang, *o_encoding;
} tmk_note;

/* Any other attribute of the <tu> or a <tuv>, kept for the round trip
 * (creationid, changeid, datatype, segtype, o-tmf, lastusagedate, ...). */
typedef struct {
	int scope;
	const char *name, *value;
} tmk_attr;

/* A unit to add.  Texts are NFC UTF-8 with lengths; NULL strings are
 * absent values. */
typedef struct {
	const char *src_lang, *tgt_lang;        /* BCP 47 tags: "de-CH", "en" */
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
	const tmk_attr *attrs;                  /* in file order */
	size_t nattrs;
} tmk_unit_in;

/* Where a TM lives when none is named: $TMKIT_TM, else
 * $XDG_DATA_HOME/tmkit/default.tm, else ~/.local/share/tmkit/default.tm. */
int tmk_tm_default_path(tmk_buf *out);

/* How a write waits for another process writing to the same TM (SQLite
 * allows one writer at a time; readers never wait). */
typedef struct {
	long wait_ms;           /* give up after this long; < 0: as long as the
				   other writer holds the lock */
	void (*waiting)(void *ctx, const char *path);   /* once a wait, after a second; may be NULL */
	void *ctx;
} tmk_tm_wait;

/* Open (and, unless READONLY, create) the TM at PATH, bringing its schema
 * up to date.  Creates missing parent folders.  A TM that cannot be written
 * where it lies (a read-only folder or medium, a file without write
 * permission) opens READONLY without leaving files beside it.  TMK_EIO when
 * it cannot be opened; TMK_EINPUT when the file is not a tmkit TM or is
 * newer than this tmkit.  tmk_tm_open waits for other writers as long as
 * they write; tmk_tm_open_with takes WAIT (NULL: the same). */
int tmk_tm_open(tmk_tm **out, const char *path, unsigned flags);
int tmk_tm_open_with(tmk_tm **out, const char *path, unsigned flags, const tmk_tm_wait *wait);
void tmk_tm_free(tmk_tm *tm);

/* The path TM was opened with (valid while TM is open). */
const char *tmk_tm_path(const tmk_tm *tm);

/* Transactions.  begin takes the write lock at once (BEGIN IMMEDIATE) so
 * that two importers queue instead of failing half-way.  The first begin
 * after open runs SQLite's quick_check and refuses a damaged TM (TMK_EINPUT,
 * naming `tmkit doctor`), so that nothing is written into a broken file.
 * A failed commit or a rollback truncates the WAL, so a full disk does not
 * keep a large -wal file. */
int tmk_tm_begin(tmk_tm *tm);
int tmk_tm_commit(tmk_tm *tm);
int tmk_tm_rollback(tmk_tm *tm);

/* Roll back after a failure, keeping the failure's message and code (the
 * rollback's own must not replace the cause).  Returns that code. */
int tmk_tm_abort(tmk_tm *tm);

/* Record an origin (an imported file); *ID gets its id. */
int tmk_tm_add_origin(tmk_tm *tm, int64_t *id, const char *name, const char *format,
		      const char *tool);

/* Add U from ORIGIN.  *ADDED is 1 for a new unit, 0 when the same pair (the
 * same texts and language tags) was there already: its count and
 * provenance are updated, and it gains the notes it lacks.  TMK_EINVAL
 * when a language tag is not well-formed. */
int tmk_tm_add_unit(tmk_tm *tm, int *added, int64_t origin, const tmk_unit_in *u);

/* Call FN for every unit of TM in id order; FN's negative return stops
 * the walk and is returned.  The strings FN gets are SQLite's and valid
 * only until FN returns: copy what you keep. */
int tmk_tm_each_unit(tmk_tm *tm, int (*fn)(void *ud, int64_t id, const char *src_lang, const char *tgt_lang,
					   const char *source, const char *target), void *ud);

/* The current time as ISO 8601 UTC ("2026-11-23T20:41:07Z"). */
void tmk_now_iso(char out[32]);

#endif
