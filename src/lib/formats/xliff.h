/*
 * xliff.h - reading XLIFF jobs: 1.2 (OASIS, strict and transitional; 1.0
 * and 1.1 read alike), 2.0 to 2.2 (core; the match module is passed
 * over), SDLXLIFF (Trados: <seg-source> with <mrk mtype="seg">, sdl:seg
 * confirmation levels) and MQXLIFF (memoQ: mq:status).
 *
 * One streaming reader on expat (constant memory: only the current unit is
 * held), with namespaces; no DTD is read, an entity declaration or a
 * reference to an undeclared entity stops the parse (no expansion bombs,
 * no external entities), and every malformed input gets an error naming
 * the file and the line.
 *
 * Two ways to use it:
 *  - tmk_read_xliff() (reader.h) hands the translated segments to a
 *    tmk_sink like every other import format (tmkit import);
 *  - tmk_xliff_read() below calls back once per unit with all its
 *    segments, their texts, inline codes, states and the byte offsets of
 *    their elements in the input, for tools that work on the job itself
 *    (check, spell, analyze, pretranslate).
 *
 * Segments.  Each segment is one unit of work: a 1.2 <trans-unit> without
 * <seg-source> is one segment; with <seg-source>, each <mrk mtype="seg">
 * in it is one (its target is the <mrk> with the same mid in <target>); a
 * 2.0 <unit> has one per <segment>.  (A 1.2 unit whose <target> has text
 * but no <mrk mtype="seg"> is read as one segment, <source> to <target>.)
 *
 * Inline codes and the plain text.  The plain text used for matching has
 * each inline code replaced by one placeholder character: U+E000 + n (a
 * private-use character) for the segment's n-th code event, counted from
 * 0 in the order they stand in the source: an element that encloses text
 * (1.2 <g>, <mrk>; 2.0 <pc>, <mrk>) gives two, its start and its end; an
 * empty or code-holding one (1.2 <x/> <bx/> <ex/> <bpt> <ept> <ph> <it>;
 * 2.0 <ph/> <sc/> <ec/> <sm/> <em/>) gives one.  Ids and attributes do not
 * count, so two segments that differ only in them have the same plain
 * text; the content of 1.2 <bpt> <ept> <ph> <it> (native code, and <sub>
 * flows) is no text.  In the target, a code takes the number of the
 * source code it stands for (same element and id), so "<g id="2">B</g>
 * <g id="1">A</g>" in the target of "<g id="1">A</g> <g id="2">B</g>"
 * reads U+E002 B U+E003 U+E000 A U+E001; a code the source lacks gets a
 * number after the source's.  tmkit's tokenizer (textnorm.c) takes each
 * placeholder as one token that is not a word (a private-use character is
 * neither a letter nor a digit), matching forms keep them, and the word
 * counts do not count them.  At most TMK_XLIFF_MAX_CODES codes a segment.
 * Text that itself holds a character of U+E000-U+F8FF is flagged
 * (tmk_xliff_text.reserved): its plain text would be ambiguous.
 *
 * Trados' revision and comment marks (<mrk mtype="x-sdl-added">,
 * "x-sdl-comment", "x-sdl-location", "x-sdl-feedback-...") are no codes:
 * their text counts as text; text marked "x-sdl-deleted" is no text.
 * A 2.0 <cp hex="..."/> is its character.
 */
#ifndef TMK_XLIFF_H
#define TMK_XLIFF_H

#include <stddef.h>

#include "buf.h"

/* The first placeholder character, and how many a segment may use. */
#define TMK_XLIFF_CODE_BASE 0xE000
#define TMK_XLIFF_MAX_CODES 6400        /* U+E000 .. U+F8FF */

/* Is C (a code point) one of the placeholder characters? */
static inline int tmk_xliff_is_code(int c)
{
	return c >= TMK_XLIFF_CODE_BASE && c < TMK_XLIFF_CODE_BASE + TMK_XLIFF_MAX_CODES;
}

typedef enum {
	TMK_XLIFF_12 = 1,       /* OASIS XLIFF 1.0, 1.1, 1.2 */
	TMK_XLIFF_20,           /* OASIS XLIFF 2.0, 2.1, 2.2 */
	TMK_XLIFF_SDL,          /* SDLXLIFF: 1.2 with the sdl namespace */
	TMK_XLIFF_MQ,           /* MQXLIFF: 1.2 with the mq namespace */
} tmk_xliff_flavour;

/* A segment's state, from the most specific thing the file says:
 * memoQ's mq:status on the trans-unit, Trados' sdl:seg conf, the 1.2
 * <target state>, the 2.0 <segment state>.  Unknown values are drafts. */
typedef enum {
	TMK_XLIFF_NEW = 0,      /* no target, or not started: 1.2 new and
				   needs-translation, 2.0 initial with an empty
				   target, SDL Unspecified (or no sdl:seg),
				   memoQ NotStarted */
	TMK_XLIFF_DRAFT,        /* a target not confirmed: 1.2 needs-review-*,
				   needs-adaptation, needs-l10n, x-*; 2.0
				   initial with a target (what a tool proposed,
				   a fuzzy match); SDL Draft,
				   RejectedTranslation, RejectedSignOff; memoQ
				   Edited, PartiallyEdited, Pretranslated,
				   MachineTranslated, AssembledFromFragments, Rejected */
	TMK_XLIFF_TRANSLATED,   /* 1.2 and 2.0 translated, or a target with no
				   state at all (1.2 says so; for 2.0, whose
				   default is initial, tmkit reads a target the
				   same way: tools that write no states would
				   otherwise give nothing); SDL Translated; memoQ
				   ManuallyConfirmed, Confirmed, TranslationApproved */
	TMK_XLIFF_REVIEWED,     /* 2.0 reviewed (1.2 too); SDL ApprovedTranslation;
				   memoQ Reviewer1Confirmed */
	TMK_XLIFF_FINAL,        /* 1.2 final and signed-off, 2.0 final; SDL
				   ApprovedSignOff; memoQ Reviewer2Confirmed, Proofread */
} tmk_xliff_state;

/* "new", "draft", "translated", "reviewed", "final". */
const char *tmk_xliff_state_name(tmk_xliff_state s);

/* Bytes [start, end) of the input file as it was read (before any
 * transcoding: offsets into a UTF-16 file count its bytes).  end == 0:
 * absent.  An element's span runs from its '<' to after its end tag; the
 * span of an empty element (<target/>) is the tag; its content span is
 * then empty, at the tag's end. */
typedef struct {
	size_t start, end;
} tmk_xliff_span;

/* One inline code.  NAME and ID are NUL-terminated, MARKUP is not. */
typedef enum {
	TMK_XLIFF_OPEN,         /* the start of <g> <pc> <mrk> */
	TMK_XLIFF_CLOSE,        /* its end */
	TMK_XLIFF_ALONE,        /* one element: <x/> <bpt>..</bpt> <ph/> <sc/> ... */
} tmk_xliff_code_kind;

typedef struct {
	tmk_xliff_code_kind kind;
	const char *name;       /* the element's local name: "g", "bpt", "pc" ... */
	const char *id;         /* its id (1.2 <bpt>, <ept>: rid, else id;
				   1.2 <mrk>: mid; 2.0 <ec>, <em>: startRef,
				   else id); "" when it has none */
	const char *markup;     /* the code as written in the file, in UTF-8:
				   a start tag ("<g id=\"1\" ctype=\"bold\">"),
				   an end tag ("</g>"), or a whole element
				   ("<x id=\"2\"/>", "<bpt id=\"1\">&lt;b&gt;</bpt>") */
	size_t markup_len;
	int partner;            /* the number of the code that opens or closes
				   this one (<g>'s start and end; <bpt> and its
				   <ept>, <sc> and <ec>, <sm> and <em> by id),
				   or -1 */
} tmk_xliff_code;

/* The source or target of a segment. */
typedef struct {
	const char *text;       /* the plain text: NFC, placeholders for codes */
	size_t len;
	const char *markup;     /* the element's content as written (UTF-8):
				   text and inline XML, for writers */
	size_t markup_len;
	const char *tmx;        /* the same as TMX 1.4 inline markup (<bpt>
				   <ept> <it> <ph> holding the XLIFF codes,
				   escaped), or NULL when there are no codes */
	size_t tmx_len;
	long line;              /* of the element's start tag */
	tmk_xliff_span element; /* the <source>/<target> or <mrk mtype="seg"> */
	tmk_xliff_span content; /* between its tags */
	int reserved;           /* the text holds U+E000-U+F8FF itself */
} tmk_xliff_text;

typedef struct {
	const char *id;         /* the mid (1.2) or segment id (2.0); NULL: none */
	int index;              /* 1-based among the unit's segments */
	const char *key;        /* stable name, unique within its <file> (as
				   unit ids are): the unit id alone when it is
				   the unit's only segment and has no id of its
				   own, else "UNIT/ID" or, without an id,
				   "UNIT#INDEX" */
	tmk_xliff_text source;
	tmk_xliff_text target;  /* all zero when has_target is 0 */
	int has_target;
	tmk_xliff_state state;  /* TMK_XLIFF_NEW when has_target is 0 */
	const char *state_value;/* the value as written ("needs-review-translation",
				   "Draft", "ManuallyConfirmed"), "" when none */
	int locked;             /* SDL locked="true", memoQ mq:locked="locked" */
	tmk_xliff_span state_tag;/* the start tag that holds the state: 1.2
				   <target>, 2.0 <segment>, <sdl:seg>, memoQ's
				   <trans-unit>; absent when there is none */
	size_t target_at;       /* where the target is (its element's start),
				   or where one would go: after </seg-source>
				   or </source> (1.2), after the segment's
				   </source> (2.0), before </target> (a 1.2
				   target without this segment's <mrk>) */
	const tmk_xliff_code *codes;    /* codes[n] is placeholder U+E000 + n */
	size_t ncodes;          /* the source's, then those only in the target */
	size_t nsource_codes;
} tmk_xliff_segment;

/* What the units of one <file> share. */
typedef struct {
	tmk_xliff_flavour flavour;      /* of the document */
	const char *version;    /* the root's version attribute ("1.2", "2.0") */
	const char *id;         /* 2.0 <file id>, NULL in 1.2 */
	const char *original;   /* the original attribute, or NULL */
	const char *src_lang;   /* BCP 47, canonical case ("en-US") */
	const char *tgt_lang;   /* the same; "" when the file names none */
	long line;
	tmk_xliff_span root_tag;/* the <xliff ...> start tag */
	tmk_xliff_span file_tag;/* the <file ...> start tag */
} tmk_xliff_file;

typedef struct {
	const tmk_xliff_file *file;
	const char *id;         /* the unit id (a 1.2 unit without one: "#N",
				   its number in the file) */
	long line;
	int translate;          /* 0: translate="no" on the unit */
	int can_resegment;      /* 0: 2.0 canResegment="no" on the unit, a
				   segment of it, or (unless the unit says
				   "yes") an enclosing <group> or its <file> */
	tmk_xliff_span start_tag, end_tag;      /* <trans-unit ...>, </trans-unit> */
	tmk_xliff_span seg_source;      /* 1.2 <seg-source> element */
	tmk_xliff_span target;          /* 1.2 whole <target> element */
	tmk_xliff_span sdl_segs;        /* <sdl:seg-defs> element */
	tmk_xliff_span matches;         /* 2.0 <mtc:matches> element */
	const tmk_xliff_segment *segs;
	size_t nsegs;
} tmk_xliff_unit;

/* Called once per unit, in file order.  Everything it points to is valid
 * until it returns.  A negative return stops the reader and is returned
 * (set a message). */
typedef int (*tmk_xliff_unit_fn)(void *ud, const tmk_xliff_unit *u);

typedef struct {
	tmk_xliff_unit_fn unit;
	void (*progress)(void *ud, size_t done, size_t total);  /* bytes; may be NULL */
	void *ud;
	char tool[128];         /* out: the 1.2 header's <tool> name and version, if any */
} tmk_xliff_reader;

/* Read the XLIFF at PATH ("-": standard input), calling R->unit for each
 * unit.  0, or a negative code with a message naming the file and line
 * (TMK_EINPUT for anything wrong with the file, TMK_EIO when it cannot be
 * read). */
int tmk_xliff_read(tmk_xliff_reader *r, const char *path);

/* Append TEXT[0..LEN) to OUT with each placeholder shown as "⟨n⟩" (n from
 * 1), for people reading the plain text. */
int tmk_xliff_display(tmk_buf *out, const char *text, size_t len);

/* Append the text of T to OUT as a reader sees it, for spelling: the
 * codes that mark up text (OPEN and CLOSE, <bpt>, <ept>, <sc>, <ec>,
 * <sm>, <em>, <bx>, <ex>, <it>) are dropped so that a word keeps together across them
 * ("W<b>ort</b>"), the others (<x/>, <ph>: breaks, variables) become a
 * space.  CODES as in the segment. */
int tmk_xliff_reading_text(tmk_buf *out, const tmk_xliff_text *t, const tmk_xliff_code *codes,
			   size_t ncodes);

#endif
