/*
 * error.h - result codes and the last error message of the calling thread.
 *
 * Library functions return 0 on success and a negative TMK_E* code on
 * failure, having set a human-readable message with tmk_error_set().  The
 * CLI reads it with tmk_error_last() and maps codes to exit statuses.  The
 * library never prints and never exits (libgit2's convention).
 */
#ifndef TMK_ERROR_H
#define TMK_ERROR_H

enum {
	TMK_OK = 0,
	TMK_ERROR = -1,     /* anything without a more specific code */
	TMK_ENOMEM = -2,    /* out of memory */
	TMK_EIO = -3,       /* a file could not be opened, read or written */
	TMK_EINPUT = -4,    /* the user's input is malformed (names file, line, what) */
	TMK_EINVAL = -5,    /* a caller passed an invalid argument (unknown language ...) */
	TMK_ENOTFOUND = -6, /* a looked-up thing does not exist */
};

/* Set the calling thread's error message (printf-style) and return CODE, so
 * that callers can write `return tmk_error_set(TMK_EIO, "...")`. */
int tmk_error_set(int code, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Set TMK_ENOMEM with a fixed message; returns TMK_ENOMEM. */
int tmk_error_oom(void);

/* The calling thread's last message ("" when none).  Valid until the next
 * tmk_error_set() or tmk_error_clear() on this thread. */
const char *tmk_error_last(void);

/* The code passed with the last message (TMK_OK when none). */
int tmk_error_code(void);

void tmk_error_clear(void);

#endif
