/*
 * tm_parallel.c - item-by-item TM work on worker threads, each with its
 * own connection; see tm_parallel.h.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "error.h"
#include "tm_internal.h"
#include "tm_parallel.h"

typedef struct {
	tmk_tm *tm;                     /* the caller's */
	size_t n;
	int (*fn)(void *ud, tmk_tm *tm, size_t i);
	void *ud;
	void (*progress)(void *ctx, size_t done, size_t total);
	void *progress_ctx;
} batch;

/* One worker: the items I with I % STEP == FIRST. */
typedef struct {
	const batch *b;
	size_t first, step;
	int rc;
	char msg[512];
} worker;

static void *work(void *arg)
{
	worker *w = arg;
	const batch *b = w->b;
	tmk_tm *tm = b->tm;
	int own = 0;

	if (w->first && (w->rc = tmk_tm_open(&tm, tmk_tm_path(b->tm), TMK_TM_READONLY)) < 0)
		goto done;
	if ((w->rc = tmk_tm_read_begin(tm, &own)) < 0)
		goto done;
	for (size_t i = w->first; i < b->n && w->rc == 0; i += w->step) {
		w->rc = b->fn(b->ud, tm, i);
		if (!w->first && b->progress && (i & 63) == 0)
			b->progress(b->progress_ctx, i, b->n);
	}
	tmk_tm_read_end(tm, own);
done:
	if (w->rc < 0)
		snprintf(w->msg, sizeof(w->msg), "%s", tmk_error_last());      /* the thread's own message */
	if (tm != b->tm)
		tmk_tm_free(tm);
	return NULL;
}

int tmk_tm_parallel(tmk_tm *tm, int jobs, size_t n, int (*fn)(void *ud, tmk_tm *tm, size_t i), void *ud,
		    void (*progress)(void *ctx, size_t done, size_t total), void *progress_ctx)
{
	batch b = { tm, n, fn, ud, progress, progress_ctx };
	size_t nw = jobs > 0 ? (size_t)jobs : 1, started = 1;
	worker w[TMK_TM_MAX_JOBS];
	pthread_t t[TMK_TM_MAX_JOBS];

	if (nw > TMK_TM_MAX_JOBS)
		nw = TMK_TM_MAX_JOBS;
	if (!strcmp(tmk_tm_path(tm), ":memory:") || n < 64 * nw)
		nw = 1;         /* other connections would not see an in-memory TM */
	for (size_t k = 0; k < nw; k++)
		w[k] = (worker){ &b, k, nw, 0, "" };
	for (; started < nw; started++)
		if (pthread_create(&t[started], NULL, work, &w[started]) != 0)
			break;
	for (size_t k = started; k < nw; k++)   /* threads that did not start: here */
		work(&w[k]);
	work(&w[0]);
	for (size_t k = 1; k < started; k++)
		pthread_join(t[k], NULL);
	for (size_t k = 0; k < nw; k++)
		if (w[k].rc < 0)
			return tmk_error_set(w[k].rc, "%s", w[k].msg);
	return 0;
}
