/*
 * buf.h - a growable byte buffer, always NUL-terminated.
 *
 * Used wherever the library builds text of unknown length (normalised
 * input, JSON, sentence text).  Embedded in other structs: tmk_buf_init()
 * and tmk_buf_release(), no heap allocation of the struct itself.
 */
#ifndef TMK_BUF_H
#define TMK_BUF_H

#include <stddef.h>

typedef struct {
	char *ptr;      /* the bytes; NUL-terminated whenever size > 0 */
	size_t len;     /* bytes used, without the terminating NUL */
	size_t size;    /* bytes allocated */
} tmk_buf;

#define TMK_BUF_INIT { NULL, 0, 0 }

void tmk_buf_init(tmk_buf *b);
void tmk_buf_release(tmk_buf *b);

/* Make room for at least EXTRA more bytes (plus the NUL).  0 or TMK_ENOMEM. */
int tmk_buf_grow(tmk_buf *b, size_t extra);

int tmk_buf_put(tmk_buf *b, const char *data, size_t len);
int tmk_buf_puts(tmk_buf *b, const char *s);
int tmk_buf_putc(tmk_buf *b, char c);
int tmk_buf_printf(tmk_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Forget the contents, keep the memory. */
void tmk_buf_clear(tmk_buf *b);

/* Hand the bytes to the caller (to free()) and reset B; never NULL on
 * success: an empty buffer gives an allocated "". */
char *tmk_buf_detach(tmk_buf *b);

#endif
