/*
 * buf.c - growable byte buffer; see buf.h.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "error.h"

void tmk_buf_init(tmk_buf *b)
{
	b->ptr = NULL;
	b->len = b->size = 0;
}

void tmk_buf_release(tmk_buf *b)
{
	if (!b)
		return;
	free(b->ptr);
	tmk_buf_init(b);
}

int tmk_buf_grow(tmk_buf *b, size_t extra)
{
	size_t need, size;
	char *p;

	if (extra > (size_t)-1 - b->len - 1)
		return tmk_error_oom();
	need = b->len + extra + 1;
	if (need <= b->size)
		return 0;
	size = b->size ? b->size : 64;
	while (size < need)
		size = size > ((size_t)-1) / 2 ? need : size * 2;
	p = realloc(b->ptr, size);
	if (!p)
		return tmk_error_oom();
	b->ptr = p;
	b->size = size;
	return 0;
}

int tmk_buf_put(tmk_buf *b, const char *data, size_t len)
{
	if (tmk_buf_grow(b, len) < 0)
		return TMK_ENOMEM;
	if (len)
		memcpy(b->ptr + b->len, data, len);
	b->len += len;
	b->ptr[b->len] = '\0';
	return 0;
}

int tmk_buf_puts(tmk_buf *b, const char *s)
{
	return tmk_buf_put(b, s, strlen(s));
}

int tmk_buf_putc(tmk_buf *b, char c)
{
	return tmk_buf_put(b, &c, 1);
}

int tmk_buf_printf(tmk_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return tmk_error_set(TMK_ERROR, "bad format string");
	if (tmk_buf_grow(b, (size_t)n) < 0)
		return TMK_ENOMEM;
	va_start(ap, fmt);
	vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return 0;
}

void tmk_buf_clear(tmk_buf *b)
{
	b->len = 0;
	if (b->ptr)
		b->ptr[0] = '\0';
}

char *tmk_buf_detach(tmk_buf *b)
{
	char *p = b->ptr;

	if (!p)
		p = calloc(1, 1);
	tmk_buf_init(b);
	return p;
}
