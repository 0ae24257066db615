/*
 * json.c - JSON string escaping and key/value helpers; see json.h.
 */
#include <string.h>

#include "json.h"

int tmk_json_str(tmk_buf *b, const char *s, size_t len)
{
	size_t run = 0;

	if (tmk_buf_putc(b, '"') < 0)
		return -1;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *esc = NULL;
		char tmp[8];

		switch (c) {
		case '"': esc = "\\\""; break;
		case '\\': esc = "\\\\"; break;
		case '\n': esc = "\\n"; break;
		case '\r': esc = "\\r"; break;
		case '\t': esc = "\\t"; break;
		case '\b': esc = "\\b"; break;
		case '\f': esc = "\\f"; break;
		default:
			if (c < 0x20 || c == 0x7F) {
				static const char hex[] = "0123456789abcdef";
				memcpy(tmp, "\\u00", 4);
				tmp[4] = hex[c >> 4];
				tmp[5] = hex[c & 15];
				tmp[6] = '\0';
				esc = tmp;
			}
		}
		if (esc) {
			if (tmk_buf_put(b, s + run, i - run) < 0 || tmk_buf_puts(b, esc) < 0)
				return -1;
			run = i + 1;
		}
	}
	if (tmk_buf_put(b, s + run, len - run) < 0)
		return -1;
	return tmk_buf_putc(b, '"');
}

int tmk_json_kv_str(tmk_buf *b, int first, const char *key, const char *s, size_t len)
{
	if ((!first && tmk_buf_putc(b, ',') < 0) ||
	    tmk_json_str(b, key, strlen(key)) < 0 || tmk_buf_putc(b, ':') < 0)
		return -1;
	return tmk_json_str(b, s, len);
}

int tmk_json_kv_num(tmk_buf *b, int first, const char *key, long long n)
{
	if ((!first && tmk_buf_putc(b, ',') < 0) ||
	    tmk_json_str(b, key, strlen(key)) < 0)
		return -1;
	return tmk_buf_printf(b, ":%lld", n);
}
