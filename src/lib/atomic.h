/*
 * atomic.h - files written whole or not at all.
 *
 * Every file tmkit writes for the user or for itself (exports, aligned
 * documents, the lexicon cache, the Ding index) goes through here: the
 * bytes go to a temporary file in the output's own folder, which is
 * flushed, fsync'ed and renamed over the output, and then the folder is
 * fsync'ed.  A reader sees the old file or the new one, never half of one;
 * a failure (full disk, a killed run) leaves the old file as it was.
 *
 * The temporary's name is short and cannot be the output's:
 * ".tmkit-PID-RANDOM.tmp" (at most 35 bytes, whatever the output is
 * called), opened relative to the folder, so an output name of 255 bytes
 * or a path near PATH_MAX works.  The writer holds a write lock (fcntl) on
 * it while it exists.  A run killed midway leaves its temporary behind; the
 * next run that writes into that folder removes it: one whose PID is no
 * longer alive and that nobody holds locked.
 *
 * An output that exists and is not a regular file (/dev/null, a pipe,
 * /dev/stdout) is written in place: nothing can be renamed over a device.
 * A symbolic link is followed: the file it points to is replaced (beside
 * it), the link stays.
 */
#ifndef TMK_ATOMIC_H
#define TMK_ATOMIC_H

#include <stdio.h>

typedef struct tmk_atomic tmk_atomic;

/* Begin writing PATH: make the temporary beside it (after sweeping that
 * folder of dead runs' temporaries, once per folder and process).  PATH
 * itself is not touched until tmk_atomic_commit().  An existing PATH keeps
 * its permission bits.  TMK_EIO names PATH and the reason (no such folder,
 * PATH is a folder, permission denied); TMK_ENOMEM. */
int tmk_atomic_open(tmk_atomic **out, const char *path);

/* The stream to write to, open until tmk_atomic_commit() or
 * tmk_atomic_abort(); do not fclose() it. */
FILE *tmk_atomic_stream(tmk_atomic *a);

/* Flush and fsync the temporary, rename it over the path, fsync the
 * folder, and free A.  On any failure the temporary is removed, the old
 * file is as it was, and TMK_EIO names the path and the reason. */
int tmk_atomic_commit(tmk_atomic *a);

/* Give up: close and remove the temporary, free A; the old file stays.
 * NULL does nothing. */
void tmk_atomic_abort(tmk_atomic *a);

/* Remove from folder DIR every temporary of ours (by name) whose writer
 * is dead: its PID does not run and no process holds it locked.  Returns
 * how many it removed, or TMK_EIO when DIR cannot be read.
 * tmk_atomic_open() does this itself; this is for tests and tools. */
int tmk_atomic_sweep(const char *dir);

#endif
