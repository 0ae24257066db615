/*
 * utf8.h - the few UTF-8 primitives the library needs on raw bytes.
 *
 * All text in tmkit is UTF-8 with explicit lengths.  These wrap ICU's U8_*
 * macros so that callers do not each repeat the boundary handling.
 */
#ifndef TMK_UTF8_H
#define TMK_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Check that S[0..LEN) is well-formed UTF-8 (no overlongs, surrogates or
 * code points past U+10FFFF).  Returns 1 if it is; otherwise 0 with *BAD
 * set to the byte offset of the first ill-formed sequence. */
int tmk_utf8_valid(const char *s, size_t len, size_t *bad);

/* Decode the code point at *I and advance *I past it.  Ill-formed bytes
 * decode as U+FFFD, one byte at a time (callers validate at the edges). */
int32_t tmk_utf8_next(const char *s, size_t len, size_t *i);

/* Decode the code point that ends at *I and move *I to its start. */
int32_t tmk_utf8_prev(const char *s, size_t *i);

/* S, a NUL-terminated string snprintf() may have cut to fit its buffer:
 * a character left incomplete at its end is removed, so that UTF-8 that
 * was valid before the cut stays valid. */
void tmk_utf8_trim_cut(char *s);

/* Make the NUL-terminated S valid UTF-8 in place: each byte of an
 * ill-formed sequence becomes '?' (never longer, never allocates). */
void tmk_utf8_sanitize(char *s);

/* Number of code points in S[0..LEN). */
size_t tmk_utf8_count(const char *s, size_t len);

/* From offset I, move forwards (up to END) over code points for which
 * PRED(c) == WANT; returns where that run ends. */
size_t tmk_utf8_span_fwd(const char *s, size_t end, size_t i, int (*pred)(int32_t), int want);

/* From offset I, move backwards (down to LO) over code points for which
 * PRED(c) == WANT; returns where that run starts. */
size_t tmk_utf8_span_back(const char *s, size_t lo, size_t i, int (*pred)(int32_t), int want);

/* Whitespace as the segmenter sees it: Unicode White_Space (which covers
 * space, tab, line breaks, NBSP, U+2028/U+2029 ...). */
int tmk_is_space(int32_t c);

#endif
