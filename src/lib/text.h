/*
 * text.h - user text read at the edge: validated, BOM-free, NFC.
 *
 * Every command that reads prose goes through here once, so the rest of the
 * library may assume well-formed NFC UTF-8.  Offsets into the normalised
 * text map back to byte offsets in the file as the user has it, so that
 * reported positions (JSON offsets, error lines) point into the real input.
 */
#ifndef TMK_TEXT_H
#define TMK_TEXT_H

#include <stddef.h>

#include "buf.h"

typedef struct tmk_offmap tmk_offmap;

typedef struct {
	char *name;        /* for messages: the path, or "<stdin>" */
	char *data;        /* NFC UTF-8, NUL-terminated, BOM removed */
	size_t len;
	size_t bom;        /* bytes of byte-order mark dropped (0 or 3) */
	tmk_offmap *map;   /* NULL when normalisation changed nothing */
	size_t nmap;
} tmk_text;

/* Append all of PATH's bytes ("-": standard input) to OUT, as they are (no
 * validation: MO files and the like are binary).  TMK_EIO names the file
 * and the reason; TMK_ENOMEM. */
int tmk_read_file(tmk_buf *out, const char *path);

/* Write DATA[0..LEN) to PATH whole or not at all (atomic.h: a temporary
 * beside it, fsync'ed and renamed over PATH once complete), so neither a
 * failure nor a reader midway sees half a file.  TMK_EIO names the file
 * and the reason. */
int tmk_write_file(const char *path, const char *data, size_t len);

/* mkdir -p for the folders above PATH (not PATH itself).  TMK_EIO names
 * the folder and the reason. */
int tmk_make_parents(const char *path);

/* Where tmkit keeps FILE it derives from system data (the compiled Ding
 * lexicon, its index): $XDG_CACHE_HOME/tmkit/FILE, else
 * ~/.cache/tmkit/FILE.  TMK_EINVAL when neither variable is set. */
int tmk_cache_path(tmk_buf *out, const char *file);

/* Read PATH ("-" for standard input) whole, then as tmk_text_from_bytes().
 * Errors: TMK_EIO (cannot open or read: the message names the path and
 * the reason), TMK_EINPUT (see below), TMK_ENOMEM. */
int tmk_text_load(tmk_text **out, const char *path);

/* Make a tmk_text from LEN bytes; NAME labels error messages.  Rejects
 * invalid UTF-8 and NUL bytes with TMK_EINPUT and a message naming the
 * file, the 1-based line and the byte offset; strips a UTF-8 BOM; NFC-
 * normalises.  Line endings are left as they are (LF, CRLF or CR). */
int tmk_text_from_bytes(tmk_text **out, const char *name, const char *bytes, size_t len);

/* The byte offset in the original input of offset OFF in t->data.  OFF must
 * lie on a normalisation boundary (any sentence or word boundary does). */
size_t tmk_text_input_offset(const tmk_text *t, size_t off);

void tmk_text_free(tmk_text *t);

/* Append S[0..LEN) (valid UTF-8) to OUT in NFC.  For text that arrives
 * piecewise (XML character data) rather than as a whole file. */
int tmk_nfc_append(tmk_buf *out, const char *s, size_t len);

#endif
