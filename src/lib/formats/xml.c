/*
 * xml.c - XML escaping; see xml.h.
 */
#include "xml.h"

int tmk_xml_escape(tmk_buf *b, const char *s, size_t len, int attr_value)
{
	size_t run = 0;

	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *e = NULL;

		switch (c) {
		case '<': e = "&lt;"; break;
		case '>': e = "&gt;"; break;
		case '&': e = "&amp;"; break;
		case '"': e = attr_value ? "&quot;" : NULL; break;
		case '\t': case '\n': e = attr_value ? (c == '\t' ? "&#9;" : "&#10;") : NULL; break;
		case '\r': e = "&#13;"; break;
		default:
			if (c < 0x20)
				e = " ";
		}
		if (e) {
			if (tmk_buf_put(b, s + run, i - run) < 0 || tmk_buf_puts(b, e) < 0)
				return -1;
			run = i + 1;
		}
	}
	return tmk_buf_put(b, s + run, len - run);
}
