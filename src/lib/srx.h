/*
 * srx.h - SRX 2.0 segmentation rules (Segmentation Rules eXchange, the
 * LISA OSCAR / GALA standard that Okapi, OmegaT and Trados read): reading
 * a user's rules and segmenting with them, and writing tmkit's own rules
 * (segrules.h, dictionaries/segment/) as SRX.
 *
 * Reading: the file is parsed with expat (namespace
 * http://www.lisa.org/srx20, version 2.0; no entity declarations, so no
 * expansion bombs and no external entities).  Each rule's beforebreak and
 * afterbreak, ICU regular expressions, are compiled once, as one pattern
 * "(?:before)(?=after)" whose match end is the break position.
 *
 * Segmenting: the text is split into paragraphs as tmkit's own segmenter
 * does (paragraph.h: a blank line always ends one); inside a paragraph,
 * at each position the first rule, in the order that the language maps
 * give for the language (header cascade="yes": the rules of every map
 * whose languagepattern matches, in order; "no": of the first one only),
 * whose beforebreak matches the text ending there and whose afterbreak
 * matches the text starting there decides: break="yes" (the default)
 * breaks, break="no" does not.  Positions no rule matches do not break.
 * Each rule's matches are found left to right, the search resuming one
 * character after the start of the previous match (so matches may
 * overlap; a second, shorter match from the same start is not looked for,
 * as in Okapi and the segment library).
 */
#ifndef TMK_SRX_H
#define TMK_SRX_H

#include <stddef.h>

#include "buf.h"
#include "segment.h"

typedef struct tmk_srx tmk_srx;

/* Read the SRX file PATH ("-": standard input).  TMK_EIO when it cannot
 * be read; TMK_EINPUT, naming the file and line, when it is not
 * well-formed XML, not SRX 2.0 (root, namespace, version), holds an
 * entity declaration, a rule whose regular expression ICU cannot compile
 * (the rule's language rule, number and line, and ICU's error) or a
 * language map that names a languagerule that does not exist. */
int tmk_srx_load(tmk_srx **out, const char *path);

/* The same for SRX text in memory; NAME labels messages. */
int tmk_srx_parse(tmk_srx **out, const char *name, const char *data, size_t len);

void tmk_srx_free(tmk_srx *srx);

/* Whether the header says cascade="yes". */
int tmk_srx_cascade(const tmk_srx *srx);

/* How many rules apply to LANG (a language tag such as "de" or "en-GB"),
 * after the language maps.  0 when no map matches it. */
size_t tmk_srx_rule_count(tmk_srx *srx, const char *lang);

/* Split S[0..LEN) (UTF-8) with the rules for LANG, like tmk_segment()
 * (segment.h): *OUT (the caller's to free()) gets *N sentences, each
 * without the whitespace around it, with its paragraph.  TMK_EINVAL when
 * no language map matches LANG. */
int tmk_srx_segment(tmk_srx *srx, const char *lang, const char *s, size_t len,
		    tmk_sentence **out, size_t *n);

/* Append tmkit's own rules for LANGS (NLANGS of "de", "en") to OUT as an
 * SRX 2.0 document, as far as SRX can express them; a comment in it says
 * what it cannot (see srx_export.c). */
int tmk_srx_export(tmk_buf *out, const char *const *langs, size_t nlangs);

#endif
