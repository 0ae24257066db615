/*
 * xml.h - escaping text for XML (the TMX and TBX writers, and the markup
 * the TMX reader keeps), and the frame every TMX file we write shares.
 */
#ifndef TMK_XML_H
#define TMK_XML_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

#include <expat.h>

#include "buf.h"

/* Append S[0..LEN) to B with & < > escaped (and " in attribute values).
 * Characters XML 1.0 forbids (C0 controls but tab, LF, CR) become spaces. */
int tmk_xml_escape(tmk_buf *b, const char *s, size_t len, int attr_value);

/* ISO 8601 "2024-03-15T12:00:00Z" as TMX wants it, "20240315T120000Z";
 * empty when ISO is not in that form. */
void tmk_tmx_date(char out[20], const char *iso);

/* The XML declaration, DOCTYPE (TMX 1.4b), <tmx>, a <header> naming tmkit
 * with SRCLANG ("de", or "*all*") and the creation date NOW_ISO, and
 * <body>; tmk_tmx_end() closes them. */
int tmk_tmx_begin(tmk_buf *b, const char *srclang, const char *now_iso);
int tmk_tmx_end(tmk_buf *b);

/* The encoding the XML declaration at the start of S[0..LEN) names, lower
 * case, into OUT ("" when there is no declaration or no encoding in it). */
void tmk_xml_declared_encoding(const char *s, size_t len, char out[32]);

/* Does S[0..LEN), the start of a file that declares the encoding ENC (as
 * tmk_xml_declared_encoding gives it), hold UTF-8 bytes although ENC is
 * neither UTF-8 nor UTF-16?  Read as ENC it would become mojibake.  ASCII
 * fits any declaration; a character cut at the end of S does not count. */
int tmk_xml_mislabelled_utf8(const char *enc, const char *s, size_t len);

/* Feed the file F (named NAME in messages) to the parser P 64 KiB at a
 * time, for streaming readers (constant memory).  Stops when a handler has
 * set *HANDLER_RC (the parser stopped with it), at the end, or at the
 * first fault: an empty file ("empty file, not WHAT"), one that declares a
 * single-byte encoding but holds UTF-8, a read error, XML that is not
 * well-formed (file, line and column), an encoding expat cannot read (with
 * the iconv line to run).  PROGRESS (may be NULL) gets the bytes done
 * and TOTAL (0: unknown) after each piece.  Returns 0 or the error. */
int tmk_xml_parse_stream(XML_Parser p, FILE *f, const char *name, const char *what, const int *handler_rc,
			 size_t total, void (*progress)(void *ctx, size_t done, size_t total), void *ctx);

/* expat's handler for encodings it does not know itself (it knows UTF-8,
 * UTF-16, ISO-8859-1 and US-ASCII): any single-byte character set ICU
 * converts (windows-1252, ISO-8859-15, KOI8-R, macintosh ...), a byte
 * table made with ICU.  Multi-byte ones are refused (expat then reports
 * an unknown encoding).  Set with XML_SetUnknownEncodingHandler(p, it,
 * NULL). */
int XMLCALL tmk_xml_unknown_encoding(void *data, const XML_Char *name, XML_Encoding *info);

/* The streaming readers' first error: unless *RC holds one already, set
 * CODE with "NAME:LINE: MESSAGE" (the parser P's current line, MESSAGE
 * printf-style from FMT and AP), keep it in *RC and stop P.  Returns *RC. */
int tmk_xml_fail(XML_Parser p, int *rc, const char *name, int code, const char *fmt, va_list ap);

/* The value of the attribute NAME (without a namespace) among expat's
 * attribute list A, or NULL. */
const char *tmk_xml_attr_value(const XML_Char **a, const char *name);

#endif
