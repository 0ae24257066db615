/*
 * json.h - writing JSON values into a tmk_buf (for JSON Lines output).
 *
 * Strings are escaped per RFC 8259; input is UTF-8 that the caller has
 * validated, so non-ASCII is passed through as is.
 */
#ifndef TMK_JSON_H
#define TMK_JSON_H

#include <stddef.h>

#include "buf.h"

/* Append S[0..LEN) as a quoted JSON string. */
int tmk_json_str(tmk_buf *b, const char *s, size_t len);

/* Append "KEY":"VALUE" (with a leading comma unless FIRST). */
int tmk_json_kv_str(tmk_buf *b, int first, const char *key, const char *s, size_t len);

/* Append "KEY":N (with a leading comma unless FIRST). */
int tmk_json_kv_num(tmk_buf *b, int first, const char *key, long long n);

#endif
