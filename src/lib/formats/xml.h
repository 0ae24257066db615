/*
 * xml.h - escaping text for XML (the TMX and TBX writers, and the markup
 * the TMX reader keeps).
 */
#ifndef TMK_XML_H
#define TMK_XML_H

#include <stddef.h>

#include "buf.h"

/* Append S[0..LEN) to B with & < > escaped (and " in attribute values).
 * Characters XML 1.0 forbids (C0 controls but tab, LF, CR) become spaces. */
int tmk_xml_escape(tmk_buf *b, const char *s, size_t len, int attr_value);

#endif
