/*
 * xliff_internal.h - what the XLIFF reader's files share: a flow (the
 * text of one <source>, <target> or segment <mrk> being read, with its
 * codes), and the functions that fill one (xliff_flow.c) for the parser
 * (xliff_read.c).
 */
#ifndef TMK_XLIFF_INTERNAL_H
#define TMK_XLIFF_INTERNAL_H

#include "buf.h"
#include "xliff.h"

/* Inline element names, both versions (xliff_names[] spells them). */
enum {
	XN_G, XN_X, XN_BX, XN_EX, XN_BPT, XN_EPT, XN_PH, XN_IT, XN_MRK, XN_SUB,
	XN_PC, XN_SC, XN_EC, XN_SM, XN_EM, XN_CP, XN__COUNT
};
extern const char *const xliff_names[XN__COUNT];

/* A code of a flow.  Strings are offsets into the flow's strs (ids and
 * markup as written) or nat (the native code inside 1.2 <bpt> <ept> <ph>
 * <it>, decoded). */
typedef struct {
	unsigned char kind;     /* tmk_xliff_code_kind */
	unsigned char name;     /* XN_* */
	unsigned char it_pos;   /* 1.2 <it pos>: 1 open, 2 close, 0 other */
	int num;                /* its placeholder number */
	int partner;            /* index in the flow's codes, or -1 */
	size_t id;              /* offset in strs (NUL-terminated) */
	size_t mk, mk_len;      /* markup in strs */
	size_t nat, nat_len;    /* native code in nat */
} xcode;

typedef struct xflow {
	tmk_buf text;           /* plain, NFC, placeholders */
	tmk_buf markup;         /* the content as written */
	tmk_buf strs, nat;
	tmk_buf tmx;            /* made by xflow_tmx() */
	xcode *codes;
	size_t ncodes, codes_cap;
	const struct xflow *src;        /* a target's source: its numbers */
	unsigned char *taken;   /* which of SRC's codes this target used */
	size_t taken_cap;
	size_t cursor;          /* where the search in SRC's codes goes on */
	int next_extra;         /* the next number for a code SRC lacks */
	int native;             /* the code whose content is being read, or -1 */
	int reserved;           /* the text holds U+E000-U+F8FF itself */
	long line;
	tmk_xliff_span element, content;
} xflow;

/* Empty F for a new element (keeping its memory); SRC: the source whose
 * codes number a target's, or NULL. */
int xflow_reset(xflow *f, const xflow *src);
void xflow_release(xflow *f);

/* Character data S[0..LEN) (decoded) whose markup as written is
 * RAW[0..RAWLEN): into the text unless HIDDEN, into the markup, and into
 * the native code when one is open. */
int xflow_text(xflow *f, const char *s, size_t len, const char *raw, size_t rawlen, int hidden);

/* Markup as written that is no text (a comment, a tag of a mark that is
 * no code, the rest of a native code's element). */
int xflow_raw(xflow *f, const char *raw, size_t len);

/* A code: its placeholder into the text, its markup RAW into the markup.
 * ID "" for none.  Returns its index in F's codes, or a negative code
 * (TMK_EINPUT when the segment has too many codes: the caller names the
 * line).  NATIVE: its content (up to xflow_end_native) is code, no text. */
int xflow_code(xflow *f, int kind, int name, const char *id, const char *raw, size_t rawlen, int native);

/* The end tag RAW of the native code being read. */
int xflow_end_native(xflow *f, const char *raw, size_t len);

/* Link the <bpt>/<ept>, <sc>/<ec> and <sm>/<em> pairs of F by id (codes enclosing
 * text are linked as they close). */
void xflow_pair(xflow *f);

/* F's text as TMX inline markup into f->tmx (nothing when F has no codes
 * or reserved characters). */
int xflow_tmx(xflow *f);

/* Is F's text empty or only whitespace? */
int xflow_blank(const xflow *f);

#endif
