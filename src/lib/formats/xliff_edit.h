/*
 * xliff_edit.h - a changed copy of an XLIFF job: the input's bytes as
 * they are, with pieces spliced in at the byte offsets the reader gives
 * (xliff.h), so that everything no edit touches (skeleton, notes,
 * contexts, other namespaces, white space, the XML declaration) stays
 * byte for byte as it was.
 *
 * The copy keeps the input's encoding: UTF-8, UTF-16 (either byte order,
 * by its byte-order mark or its first bytes) or a single-byte charset its
 * XML declaration names (ISO-8859-1, windows-1252 ...).  Pieces are made
 * in UTF-8 and converted; a character the charset lacks becomes a
 * character reference (&#x20AC;), which XML reads as the character.
 *
 * Besides: the small XML surgery a writer of jobs needs, on UTF-8 text: a
 * start tag with attributes set or removed and the rest as written, the
 * prefix of an element or of a namespace, and a segment's plain text
 * (placeholders U+E000 + n) turned back into markup with its inline codes.
 */
#ifndef TMK_XLIFF_EDIT_H
#define TMK_XLIFF_EDIT_H

#include <stddef.h>

#include "buf.h"
#include "xliff.h"

typedef struct tmk_xliff_doc tmk_xliff_doc;

/* Read the file at PATH whole and find its encoding.  TMK_EIO when it
 * cannot be read; TMK_EINPUT when it is empty or its encoding is one this
 * writer cannot write (a multi-byte charset other than UTF-8 and UTF-16:
 * the message says which and how to convert it). */
int tmk_xliff_doc_load(tmk_xliff_doc **out, const char *path);
void tmk_xliff_doc_free(tmk_xliff_doc *d);

/* The encoding the copy is written in: "UTF-8", "UTF-16LE", "UTF-16BE" or
 * the declared charset's name.  Valid while D lives. */
const char *tmk_xliff_doc_encoding(const tmk_xliff_doc *d);
size_t tmk_xliff_doc_size(const tmk_xliff_doc *d);

/* Append the input's bytes [START, END) to OUT as UTF-8. */
int tmk_xliff_doc_text(const tmk_xliff_doc *d, tmk_buf *out, size_t start, size_t end);

/* The white space (blanks, tabs, line ends) ending at OFF begins here; the
 * run beginning at OFF ends here.  For copying the indentation of an
 * element onto one put beside it. */
size_t tmk_xliff_doc_ws_before(const tmk_xliff_doc *d, size_t off);
size_t tmk_xliff_doc_ws_after(const tmk_xliff_doc *d, size_t off);

/* The offset after the '>' of the tag that begins at START (quoted
 * attribute values skipped), or 0 when there is none. */
size_t tmk_xliff_doc_tag_end(const tmk_xliff_doc *d, size_t start);

/* The offset of the last '<' in [START, END): the end tag of the element
 * spanning them; END when there is none. */
size_t tmk_xliff_doc_last_tag(const tmk_xliff_doc *d, size_t start, size_t end);

/* The offset of the '<' of the tag that ends at OFF, white space between
 * passed over (the start tag of the element whose first child begins at
 * OFF), not before LO; (size_t)-1 when something else stands there. */
size_t tmk_xliff_doc_tag_before(const tmk_xliff_doc *d, size_t lo, size_t off);

/* The first start tag in [START, END) named QNAME (as written, with its
 * prefix) whose attribute ATTR is VALUE, into *OUT; 1 when there is one,
 * else 0. */
int tmk_xliff_doc_find_tag(const tmk_xliff_doc *d, size_t start, size_t end, const char *qname, const char *attr,
			   const char *value, tmk_xliff_span *out);

/* A piece to splice in, built in the document's encoding.  Its functions
 * remember the first failure in RC (then do nothing). */
typedef struct {
	tmk_xliff_doc *doc;
	tmk_buf bytes;
	int rc;
} tmk_xliff_piece;

void tmk_xliff_piece_init(tmk_xliff_piece *p, tmk_xliff_doc *d);
void tmk_xliff_piece_release(tmk_xliff_piece *p);
/* UTF-8 text, converted to the document's encoding. */
void tmk_xliff_piece_text(tmk_xliff_piece *p, const char *utf8, size_t len);
void tmk_xliff_piece_str(tmk_xliff_piece *p, const char *utf8);
/* The input's own bytes [START, END), as they are. */
void tmk_xliff_piece_raw(tmk_xliff_piece *p, size_t start, size_t end);

/* Replace the input's bytes [START, END) by P's (START == END: insert
 * there), emptying P; P's failure, if any, is returned instead.
 * Insertions at one offset come out in the order they were made, before
 * a replacement that starts there. */
int tmk_xliff_doc_splice(tmk_xliff_doc *d, size_t start, size_t end, tmk_xliff_piece *p);

/* Write the input with its splices to PATH, whole or not at all (atomic.h).
 * Two splices that overlap are an error (TMK_ERROR) and nothing is
 * written; TMK_EIO names PATH and the reason. */
int tmk_xliff_doc_write(tmk_xliff_doc *d, const char *path);

/* ---- start tags (UTF-8) ------------------------------------------------ */

typedef struct {
	const char *name;       /* as written, with its prefix: "state", "mq:status" */
	const char *value;      /* unescaped; NULL: remove the attribute */
} tmk_xml_attr;

/* Append the start tag TAG[0..LEN) ("<target state=\"new\">", or an empty
 * element's "<mrk mid=\"5\"/>") to OUT with the attributes SET: one it
 * has gets the new value inside its own quotes, one it lacks is added
 * before the tag's end (in SET's order), one set to NULL is taken out with
 * the blank before it; the rest stays as written.  OPEN: an empty
 * element's tag is written as a start tag ("/>" becomes ">").  TMK_EINPUT
 * when TAG is not a tag. */
int tmk_xml_tag_edit(tmk_buf *out, const char *tag, size_t len, const tmk_xml_attr *set, size_t nset, int open);

/* The value of attribute NAME in the start tag TAG as written (entities
 * not expanded), its length in *VLEN; NULL when TAG has none. */
const char *tmk_xml_tag_attr(const char *tag, size_t len, const char *name, size_t *vlen);

/* The prefix of TAG's element name with its colon ("xlf:"), or "", into
 * OUT.  -1 (OUT "") when the prefix is too long for OUT: 63 bytes and
 * more; a job naming its elements so is refused (pretranslate.c). */
int tmk_xml_tag_prefix(const char *tag, size_t len, char out[64]);

/* The prefix an xmlns:PREFIX attribute of TAG binds to namespace URI,
 * into OUT; 1 when there is one, else 0 (OUT ""). */
int tmk_xml_tag_ns_prefix(const char *tag, size_t len, const char *uri, char out[64]);

/* ---- inline codes ------------------------------------------------------- */

enum {
	TMK_RESTORE_APPEND = 1,         /* write the codes left out at the end */
	TMK_RESTORE_CP = 2,             /* XLIFF 2: characters XML forbids as <cp hex=".."/> */
	TMK_RESTORE_NO_DATAREF = 4,     /* XLIFF 2: codes without dataRef, dataRefStart,
					   dataRefEnd (a match's codes cannot point at
					   the unit's <originalData>) */
};

/* Append TEXT[0..LEN), plain text whose placeholders U+E000 + n stand for
 * CODES[n] (n < NCODES: the job segment's source codes), to OUT as XLIFF
 * content: the text escaped, each placeholder as its code's markup.
 *
 * A placeholder is left out when it cannot stand where it is: it has no
 * code (n >= NCODES) or is not in KNOWN (the text the translation's
 * placeholders refer to, the TM's source; NULL: any), it is a second one
 * of the same number, its partner (the other end of a <g>, <pc>, <mrk>,
 * <bpt>/<ept>, <sc>/<ec>, <sm>/<em>) is missing or stands after it when
 * it should stand before, or it is an element's end that does not close
 * the element opened last (the markup would not be well-formed).  With
 * TMK_RESTORE_APPEND the codes left out are written at the end, in source
 * order (pairs together, so still well-formed), and *APPENDED (may be
 * NULL) says how many. */
int tmk_xliff_restore(tmk_buf *out, const char *text, size_t len, const tmk_xliff_code *codes, size_t ncodes,
		      const char *known, size_t known_len, unsigned flags, size_t *appended);

#endif
