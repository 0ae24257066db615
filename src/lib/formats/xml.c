/*
 * xml.c - XML escaping and the TMX frame; see xml.h.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ucnv.h>

#include "error.h"
#include "utf8.h"
#include "version.h"
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

void tmk_tmx_date(char out[20], const char *iso)
{
	size_t k = 0;

	for (const char *p = iso; *p && k < 16; p++)
		if (*p != '-' && *p != ':')
			out[k++] = *p;
	out[k] = '\0';
	if (k != 16)
		out[0] = '\0';
}

int tmk_tmx_begin(tmk_buf *b, const char *srclang, const char *now_iso)
{
	char date[20];

	tmk_tmx_date(date, now_iso);
	return tmk_buf_printf(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
			      "<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">\n"
			      "<tmx version=\"1.4\">\n"
			      "  <header creationtool=\"tmkit\" creationtoolversion=\"%s\" segtype=\"sentence\""
			      " o-tmf=\"tmkit\" adminlang=\"en\" srclang=\"%s\" datatype=\"plaintext\""
			      " creationdate=\"%s\"/>\n  <body>\n", TMKIT_VERSION, srclang, date);
}

int tmk_tmx_end(tmk_buf *b)
{
	return tmk_buf_puts(b, "  </body>\n</tmx>\n");
}

int XMLCALL tmk_xml_unknown_encoding(void *data, const XML_Char *name, XML_Encoding *info)
{
	UErrorCode err = U_ZERO_ERROR;
	UConverter *cnv = ucnv_open(name, &err);

	(void)data;
	if (U_FAILURE(err) || !cnv || ucnv_getMaxCharSize(cnv) != 1) {
		ucnv_close(cnv);
		return XML_STATUS_ERROR;
	}
	ucnv_setToUCallBack(cnv, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &err);
	for (int b = 0; b < 256; b++) {
		char in = (char)b;
		UChar out[4];
		int32_t n;

		err = U_ZERO_ERROR;
		ucnv_reset(cnv);
		n = ucnv_toUChars(cnv, out, 4, &in, 1, &err);
		info->map[b] = U_SUCCESS(err) && n == 1 && !U16_IS_SURROGATE(out[0]) ? out[0] : -1;
	}
	info->data = NULL;
	info->convert = NULL;
	info->release = NULL;
	ucnv_close(cnv);
	return XML_STATUS_OK;
}

void tmk_xml_declared_encoding(const char *s, size_t len, char out[32])
{
	const char *end, *e;
	size_t n = 0;

	out[0] = '\0';
	if (len < 5 || memcmp(s, "<?xml", 5) || !(end = memchr(s, '>', len)))
		return;
	for (e = s; e + 8 < end && memcmp(e, "encoding", 8); e++)
		;
	if (e + 8 >= end)
		return;
	for (e += 8; e < end && (*e == ' ' || *e == '=' || *e == '"' || *e == '\''); e++)
		;
	while (e < end && *e != '"' && *e != '\'' && *e != ' ' && *e != '?' && n < 31) {
		out[n++] = (char)(*e >= 'A' && *e <= 'Z' ? *e + 32 : *e);
		e++;
	}
	out[n] = '\0';
}

int tmk_xml_mislabelled_utf8(const char *enc, const char *s, size_t len)
{
	size_t bad, i;

	if (!enc[0] || !strcmp(enc, "utf-8") || !strcmp(enc, "utf8") || !strncmp(enc, "utf-16", 6))
		return 0;
	for (i = 0; i < len && (unsigned char)s[i] < 0x80; i++)
		;
	if (i == len)
		return 0;
	return tmk_utf8_valid(s, len, &bad) || bad + 4 > len;
}

/* The message for expat's error on P in the file NAME. */
static int parse_error(XML_Parser p, const char *name)
{
	enum XML_Error e = XML_GetErrorCode(p);

	return tmk_error_set(TMK_EINPUT, "%s:%lu:%lu: %s%s", name, (unsigned long)XML_GetCurrentLineNumber(p),
			     (unsigned long)XML_GetCurrentColumnNumber(p) + 1,
			     e == XML_ERROR_UNKNOWN_ENCODING ? "an encoding tmkit cannot read (convert the file: "
			     "iconv -f ENCODING -t UTF-8, and declare encoding=\"UTF-8\"): " :
			     e == XML_ERROR_INCORRECT_ENCODING ? "unsupported or wrong encoding declaration: " :
			     "not well-formed XML: ", XML_ErrorString(e));
}

int tmk_xml_parse_stream(XML_Parser p, FILE *f, const char *name, const char *what, const int *handler_rc,
			 size_t total, void (*progress)(void *ctx, size_t done, size_t total), void *ctx)
{
	char *buf = malloc(65536), enc[32];
	size_t done = 0;
	int rc = 0;

	if (!buf)
		return tmk_error_oom();
	for (int first = 1; rc == 0; first = 0) {
		size_t n = fread(buf, 1, 65536, f);
		int last = n < 65536;

		if (n == 0 && ferror(f))
			rc = tmk_error_set(TMK_EIO, "cannot read '%s': %s", name, strerror(errno));
		else if (first && n == 0)
			rc = tmk_error_set(TMK_EINPUT, "%s: empty file, not %s", name, what);
		else if (first && (tmk_xml_declared_encoding(buf, n, enc), tmk_xml_mislabelled_utf8(enc, buf, n)))
			rc = tmk_error_set(TMK_EINPUT, "%s:1: declares encoding \"%s\", but its bytes are UTF-8: "
					   "fix the declaration to encoding=\"UTF-8\"", name, enc);
		else if (XML_Parse(p, buf, (int)n, last) == XML_STATUS_ERROR)
			rc = *handler_rc ? *handler_rc : parse_error(p, name);
		else if (*handler_rc)
			rc = *handler_rc;
		if (rc || last)
			break;
		done += n;
		if (progress && total)
			progress(ctx, done, total);
	}
	free(buf);
	return rc;
}

int tmk_xml_fail(XML_Parser p, int *rc, const char *name, int code, const char *fmt, va_list ap)
{
	char msg[512];

	if (*rc)
		return *rc;
	vsnprintf(msg, sizeof(msg), fmt, ap);
	*rc = tmk_error_set(code, "%s:%lu: %s", name, (unsigned long)XML_GetCurrentLineNumber(p), msg);
	XML_StopParser(p, XML_FALSE);
	return *rc;
}

const char *tmk_xml_attr_value(const XML_Char **a, const char *name)
{
	for (; a[0]; a += 2)
		if (strcmp(a[0], name) == 0)
			return a[1];
	return NULL;
}
