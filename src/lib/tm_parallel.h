/*
 * tm_parallel.h - read-only work on a TM item by item, on several
 * threads: what analyze and pretranslate do with a job's segments.  SQLite
 * connections are not shared between threads, so each worker opens its
 * own (read-only, in one read transaction); the first uses the caller's.
 */
#ifndef TMK_TM_PARALLEL_H
#define TMK_TM_PARALLEL_H

#include <stddef.h>

#include "tm.h"

#define TMK_TM_MAX_JOBS 64

/* Call FN(UD, CONNECTION, I) for every I below N, on JOBS threads (at
 * most TMK_TM_MAX_JOBS; one for an in-memory TM, which other connections
 * cannot see, and for fewer than 64 items a thread).  Worker K takes the
 * items with I % JOBS == K.  PROGRESS (may be NULL) hears of the first
 * worker's items every 64.  The first error of any worker (with that
 * worker's message) is returned; a worker stops at its own first error. */
int tmk_tm_parallel(tmk_tm *tm, int jobs, size_t n, int (*fn)(void *ud, tmk_tm *tm, size_t i), void *ud,
		    void (*progress)(void *ctx, size_t done, size_t total), void *progress_ctx);

#endif
