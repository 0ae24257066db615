/*
 * xml.h - escaping text for XML (the TMX and TBX writers, and the markup
 * the TMX reader keeps), and the frame every TMX file we write shares.
 */
#ifndef TMK_XML_H
#define TMK_XML_H

#include <stddef.h>

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

/* expat's handler for encodings it does not know itself (it knows UTF-8,
 * UTF-16, ISO-8859-1 and US-ASCII): any single-byte character set ICU
 * converts (windows-1252, ISO-8859-15, KOI8-R, macintosh ...), a byte
 * table made with ICU.  Multi-byte ones are refused (expat then reports
 * an unknown encoding).  Set with XML_SetUnknownEncodingHandler(p, it,
 * NULL). */
int XMLCALL tmk_xml_unknown_encoding(void *data, const XML_Char *name, XML_Encoding *info);

#endif
