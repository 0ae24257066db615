/*
 * error.c - per-thread last error message; see error.h.
 *
 * A fixed buffer per thread: setting an error must not itself allocate,
 * since out-of-memory is one of the errors it reports.  A message is
 * always valid UTF-8 (it goes to terminals and into JSON): what a message
 * quotes from the input may be cut mid-character by a buffer on its way,
 * or be bytes that are not UTF-8 at all; such bytes become '?'.
 */
#include <stdarg.h>
#include <stdio.h>

#include "error.h"
#include "utf8.h"

static _Thread_local char last_msg[1024];
static _Thread_local int last_code;

int tmk_error_set(int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(last_msg, sizeof(last_msg), fmt, ap);
	va_end(ap);
	tmk_utf8_sanitize(last_msg);
	last_code = code;
	return code;
}

int tmk_error_oom(void)
{
	return tmk_error_set(TMK_ENOMEM, "out of memory");
}

const char *tmk_error_last(void)
{
	return last_msg;
}

int tmk_error_code(void)
{
	return last_code;
}

void tmk_error_clear(void)
{
	last_msg[0] = '\0';
	last_code = TMK_OK;
}
