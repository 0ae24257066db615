/*
 * srx_export.c - tmkit's own segmentation rules written as SRX 2.0; see
 * srx.h.
 *
 * segment.c judges ICU's candidate boundaries with the lists of
 * dictionaries/segment/ (segrules.h).  Most of its judgement is "the token
 * before the full stop is an abbreviation of class X, and the word after
 * the space is (not) a sentence starter", which SRX rules can say: the
 * abbreviations of a class become one alternation, the starters another.
 * The rules are ordered as keep_break() tests, since in SRX the first rule
 * that matches decides.  Each rule puts the break right after the
 * punctuation (and closing quotes), before the space, as OmegaT's and
 * Okapi's rules do; tmkit trims the space either way.
 *
 * Every beforebreak starts with the punctuation it ends on, and what must
 * stand before it is a bounded look-behind: the regular expression engine
 * then tries a rule only where that character occurs, which keeps a few
 * hundred abbreviations fast.  Java's engine (OmegaT, Okapi) accepts the
 * same syntax.
 *
 * The abbreviation lists are read with the same parser segrules.c uses
 * (tmk_list_parse on the embedded files), so an export always carries the
 * lists the binary was built with.
 */
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "embedded.h"
#include "error.h"
#include "formats/xml.h"
#include "segrules.h"
#include "srx.h"
#include "utf8.h"
#include "version.h"
#include "wordlist.h"

/* Characters tmkit's segmenter treats as opening a word (is_opener) and
 * as closing a sentence after its punctuation (is_closer), and quotation
 * marks (is_quote), as regular expression classes. */
#define OPENERS "[\\p{Ps}\\p{Pi}\\p{Pf}\"'\u00BF\u00A1]"
#define CLOSERS "[\\p{Pe}\\p{Pi}\\p{Pf}\"']"
#define QUOTES "[\"'\\p{Pi}\\p{Pf}\u201E\u201A\u00AB\u00BB\u2039\u203A]"
/* Where a token starts: the paragraph's start, a space or an opener. */
#define LEAD "(?:^|[\\s\\p{Ps}\\p{Pi}\\p{Pf}\"'\u00BF\u00A1])"

enum { N_CLASSES = 4 };

/* The lists of one language as regular expression alternations. */
typedef struct {
	tmk_buf cls[N_CLASSES];  /* abbreviations by class (TMK_ABBR_*), without the last '.' */
	tmk_buf suffix[N_CLASSES]; /* "*str." entries, the same */
	tmk_buf inside;          /* \.(?<=...)(?=rest) for a boundary inside a multi-part one */
	tmk_buf starters;
	tmk_buf numbered;        /* nouns a cardinal follows (de.numbered), or empty */
} lang_lists;

static void lists_release(lang_lists *l)
{
	for (int i = 0; i < N_CLASSES; i++) {
		tmk_buf_release(&l->cls[i]);
		tmk_buf_release(&l->suffix[i]);
	}
	tmk_buf_release(&l->inside);
	tmk_buf_release(&l->starters);
	tmk_buf_release(&l->numbered);
}

/* Append the character C of a word, escaped for a regular expression. */
static int put_escaped(tmk_buf *b, char c)
{
	if (strchr("\\^$.|?*+()[]{}", c) && tmk_buf_putc(b, '\\') < 0)
		return TMK_ENOMEM;
	return tmk_buf_putc(b, c);
}

/* Append the abbreviation K[0..LEN) (spaces removed): each inner full stop
 * may be followed by up to two spaces ("z. B." and "z.B."), and a first
 * letter in lower case also matches its capital ("Vgl." for "vgl."), as
 * tmk_segrules_abbrev() allows. */
static int put_abbrev(tmk_buf *b, const char *k, size_t len, int first)
{
	size_t i = 0;

	if (first) {
		int32_t c = tmk_utf8_next(k, len, &i), up = u_toupper(c);
		if (u_islower(c) && up != c) {
			char u[4];
			size_t n = 0;
			UBool err = 0;
			U8_APPEND((uint8_t *)u, n, 4, up, err);
			if (err)
				return tmk_error_set(TMK_ERROR, "cannot encode U+%04X", (unsigned)up);
			if (tmk_buf_putc(b, '[') < 0 || tmk_buf_put(b, k, i) < 0 || tmk_buf_put(b, u, n) < 0 ||
			    tmk_buf_putc(b, ']') < 0)
				return TMK_ENOMEM;
		} else {
			i = 0;
		}
	}
	for (; i < len; i++) {
		if (put_escaped(b, k[i]) < 0)
			return TMK_ENOMEM;
		if (k[i] == '.' && i + 1 < len && k[i + 1] != '-' && tmk_buf_puts(b, "\\s{0,2}") < 0)
			return TMK_ENOMEM;
	}
	return 0;
}

/* For each inner full stop of the multi-part abbreviation K ("z.B."), an
 * alternative saying "this full stop, with the start before it and the
 * rest after it": tmkit never breaks inside a listed abbreviation. */
static int add_inside(lang_lists *l, const char *k, size_t len)
{
	for (size_t i = 1; i + 1 < len; i++) {
		if (k[i] != '.' || k[i + 1] == '-')
			continue;
		if ((l->inside.len && tmk_buf_putc(&l->inside, '|') < 0) ||
		    tmk_buf_puts(&l->inside, "(?<=" LEAD) < 0 || put_abbrev(&l->inside, k, i, 1) < 0 ||
		    tmk_buf_puts(&l->inside, "\\.)(?=\\s{1,2}") < 0 ||
		    put_abbrev(&l->inside, k + i + 1, len - i - 1, 0) < 0 || tmk_buf_putc(&l->inside, ')') < 0)
			return TMK_ENOMEM;
	}
	return 0;
}

static int abbr_class(const char *tag, size_t len)
{
	if (!tag)
		return TMK_ABBR_FINAL;
	if (len == 5 && memcmp(tag, "inner", 5) == 0)
		return TMK_ABBR_INNER;
	if (len == 6 && memcmp(tag, "number", 6) == 0)
		return TMK_ABBR_NUMBER;
	if (len == 3 && memcmp(tag, "end", 3) == 0)
		return TMK_ABBR_END;
	return -1;
}

/* tmk_list_parse callback for an .abbreviations list. */
static int abbr_entry(void *ctx, const char *name, size_t line, const char *e, size_t len,
		      const char *tag, size_t tlen)
{
	lang_lists *l = ctx;
	int cls = abbr_class(tag, tlen), rc = 0;
	tmk_buf key = TMK_BUF_INIT, *dst;
	const char *k;
	size_t klen;

	if (cls < 0)
		return tmk_error_set(TMK_EINPUT, "%s:%zu: unknown class '%.*s'", name, line, (int)tlen, tag);
	for (size_t i = 0; i < len && rc == 0; i++)
		if (e[i] != ' ')
			rc = tmk_buf_putc(&key, e[i]);
	if (rc < 0 || key.len < 2 || key.ptr[key.len - 1] != '.') {
		tmk_buf_release(&key);
		return rc < 0 ? rc : tmk_error_set(TMK_EINPUT, "%s:%zu: not an abbreviation", name, line);
	}
	k = key.ptr;
	klen = key.len;
	if (k[0] == '*') {
		dst = &l->suffix[cls];
		k++;
		klen--;
	} else {
		dst = &l->cls[cls];
		rc = add_inside(l, k, klen);
	}
	if (rc == 0 && dst->len && tmk_buf_putc(dst, '|') < 0)
		rc = TMK_ENOMEM;
	if (rc == 0)
		rc = put_abbrev(dst, k, klen - 1, k == key.ptr);
	tmk_buf_release(&key);
	return rc;
}

/* tmk_list_parse callback for a .starters list. */
static int starter_entry(void *ctx, const char *name, size_t line, const char *e, size_t len,
			 const char *tag, size_t tlen)
{
	tmk_buf *b = ctx;

	(void)name; (void)line; (void)tag; (void)tlen;
	if (b->len && tmk_buf_putc(b, '|') < 0)
		return TMK_ENOMEM;
	for (size_t i = 0; i < len; i++)
		if (put_escaped(b, e[i]) < 0)
			return TMK_ENOMEM;
	return 0;
}

static int load_lists(lang_lists *l, const char *lang)
{
	char an[96], sn[96];
	const char *a, *s;
	size_t alen, slen;
	int rc;

	snprintf(an, sizeof(an), "dictionaries/segment/%s.abbreviations", lang);
	snprintf(sn, sizeof(sn), "dictionaries/segment/%s.starters", lang);
	a = tmk_embedded_find(an, &alen);
	s = tmk_embedded_find(sn, &slen);
	if (!a || !s)
		return tmk_error_set(TMK_EINVAL, "no segmentation rules for language '%s' (there are: de, en)", lang);
	if ((rc = tmk_list_parse(an, a, alen, abbr_entry, l)) < 0 ||
	    (rc = tmk_list_parse(sn, s, slen, starter_entry, &l->starters)) < 0)
		return rc;
	/* optional, as in segrules.c: only German has one */
	snprintf(an, sizeof(an), "dictionaries/segment/%s.numbered", lang);
	if ((a = tmk_embedded_find(an, &alen)) != NULL)
		rc = tmk_list_parse(an, a, alen, starter_entry, &l->numbered);
	return rc;
}

/* One <rule>, with a comment naming it. */
static int put_rule(tmk_buf *b, const char *what, int brk, const char *before, const char *after)
{
	int rc = tmk_buf_printf(b, "      <!-- %s -->\n      <rule break=\"%s\">\n", what, brk ? "yes" : "no");

	if (rc == 0 && before && before[0])
		rc = tmk_buf_puts(b, "        <beforebreak>") | tmk_xml_escape(b, before, strlen(before), 0) |
		     tmk_buf_puts(b, "</beforebreak>\n");
	if (rc == 0 && after && after[0])
		rc = tmk_buf_puts(b, "        <afterbreak>") | tmk_xml_escape(b, after, strlen(after), 0) |
		     tmk_buf_puts(b, "</afterbreak>\n");
	if (rc == 0)
		rc = tmk_buf_puts(b, "      </rule>\n");
	return rc < 0 ? TMK_ENOMEM : 0;
}

/* "\.(?<=LEAD(?:abbrevs)\.|\p{L}(?:suffixes)\.)": a full stop ending an
 * abbreviation of class CLS; plus, with SHAPES, the token shapes
 * keep_break() treats like a final abbreviation (initialisms, an
 * initial, a Roman numeral, and for German an ordinal).  Empty when the
 * class has no entries. */
static int abbrev_before(tmk_buf *o, const lang_lists *l, int cls, int shapes, int ordinal_dot)
{
	int alt = 0, rc = 0;

	tmk_buf_clear(o);
	rc |= tmk_buf_puts(o, "\\.(?<=");
	if (l->cls[cls].len) {
		rc |= tmk_buf_puts(o, LEAD "(?:") | tmk_buf_put(o, l->cls[cls].ptr, l->cls[cls].len) |
		      tmk_buf_puts(o, ")\\.");
		alt = 1;
	}
	if (l->suffix[cls].len) {
		rc |= tmk_buf_puts(o, alt ? "|" : "") | tmk_buf_puts(o, "\\p{L}(?:") |
		      tmk_buf_put(o, l->suffix[cls].ptr, l->suffix[cls].len) | tmk_buf_puts(o, ")\\.");
		alt = 1;
	}
	if (shapes) {
		/* U.S. / N.A.T.O.; B. after a first name; II. XVI. */
		rc |= tmk_buf_puts(o, alt ? "|" : "") |
		      tmk_buf_puts(o, LEAD "(?:\\p{L}\\.){1,8}\\p{L}\\.|" LEAD "\\p{Lu}\\.|" LEAD "[IVX]{2,5}\\.");
		if (ordinal_dot)
			rc |= tmk_buf_puts(o, "|" LEAD "[0-9]{1,3}\\.");   /* am 3. Mai */
		alt = 1;
	}
	rc |= tmk_buf_putc(o, ')');
	if (!alt)
		tmk_buf_clear(o);
	return rc < 0 ? TMK_ENOMEM : 0;
}

/* The rules of one language, in keep_break()'s order. */
static int put_language(tmk_buf *b, const char *lang)
{
	lang_lists l;
	tmk_buf before = TMK_BUF_INIT, start = TMK_BUF_INIT;
	int ordinal_dot = strcmp(lang, "de") == 0, rc;
	/* ICU breaks after a full stop only when no lower-case letter comes
	 * next (its rule SB8); tmkit adds a break before a digit */
	const char *general_after = "\\s+(?:\\p{N}|[^\\p{L}\\p{N}\\s]*[\\p{Lu}\\p{Lt}\\p{Lo}])";

	memset(&l, 0, sizeof(l));
	if ((rc = load_lists(&l, lang)) < 0)
		goto done;
	/* what starts a sentence for sure: a quotation mark or a starter word
	 * (after openers), or the end of the paragraph */
	rc = tmk_buf_puts(&start, "\\s+(?:" QUOTES "|" OPENERS "*(?:") |
	     tmk_buf_put(&start, l.starters.ptr, l.starters.len) |
	     tmk_buf_puts(&start, ")(?![\\p{L}\\p{M}]))|\\s*$");
	rc |= tmk_buf_printf(b, "    <languagerule languagerulename=\"tmkit-%s\">\n", lang);
	if (rc < 0)
		goto oom;

	if ((rc = put_rule(b, "a question or exclamation mark: a break unless a lower-case letter follows "
			   "(Yahoo! is, Wo? fragte sie)", 1, "[?!]" CLOSERS "*", "\\s+(?!\\p{Ll})")) < 0 ||
	    (rc = put_rule(b, "an ellipsis: a break only before a quotation or a sentence starter", 1,
			   "(?:\u2026|\\.\\.\\.)" CLOSERS "*", start.ptr)) < 0 ||
	    (rc = put_rule(b, "an ellipsis otherwise: no break", 0, "(?:\u2026|\\.\\.\\.)" CLOSERS "*",
			   "\\s")) < 0 ||
	    (rc = put_rule(b, "a list number at the start of a paragraph or line (1. 12. a. IV. iii.)", 0,
			   "(?:^|\\n)\\s*(?:[0-9]{1,3}|[a-zA-Z]|[IVX]{1,4}|[ivx]{1,4})\\.", "\\s")) < 0)
		goto done;
	if (l.inside.len) {
		tmk_buf_clear(&before);
		if (tmk_buf_puts(&before, "\\.(?:") | tmk_buf_put(&before, l.inside.ptr, l.inside.len) |
		    tmk_buf_putc(&before, ')'))
			goto oom;
		if ((rc = put_rule(b, "inside an abbreviation of several parts (z. B., Dr. med., e. g.): no break",
				   0, before.ptr, "\\s")) < 0)
			goto done;
	}
	if ((rc = abbrev_before(&before, &l, TMK_ABBR_INNER, 0, 0)) < 0 ||
	    (before.len && (rc = put_rule(b, "abbreviations that never end a sentence (class inner): no break", 0,
					  before.ptr, "\\s")) < 0))
		goto done;
	if ((rc = abbrev_before(&before, &l, TMK_ABBR_NUMBER, 0, 0)) < 0 ||
	    (before.len && (rc = put_rule(b, "abbreviations before a number (class number): no break", 0,
					  before.ptr, "\\s+[0-9]")) < 0))
		goto done;
	if ((rc = abbrev_before(&before, &l, TMK_ABBR_END, 0, 0)) < 0 ||
	    (before.len && (rc = put_rule(b, "abbreviations that close an enumeration (class end): the break "
					  "stands", 1, before.ptr, general_after)) < 0) ||
	    (before.len && (rc = put_rule(b, "the same before a lower-case word: no break", 0,
					  before.ptr, "\\s")) < 0))
		goto done;
	if (ordinal_dot && l.numbered.len) {
		tmk_buf_clear(&before);
		if (tmk_buf_puts(&before, "\\.(?<=" LEAD "(?:") | tmk_buf_put(&before, l.numbered.ptr, l.numbered.len) |
		    tmk_buf_puts(&before, ")\\s[0-9]{1,3}\\.)"))
			goto oom;
		if ((rc = put_rule(b, "a number after a noun that takes a cardinal (Platz 4., Seite 12.): no ordinal, "
				   "the break stands", 1, before.ptr, general_after)) < 0)
			goto done;
	}
	if ((rc = abbrev_before(&before, &l, TMK_ABBR_FINAL, 1, ordinal_dot)) < 0 ||
	    (rc = put_rule(b, ordinal_dot ? "abbreviations that may end a sentence, initialisms, initials, Roman "
			   "numerals and ordinals: a break only before a quotation or a sentence starter" :
			   "abbreviations that may end a sentence, initialisms, initials and Roman numerals: a "
			   "break only before a quotation or a sentence starter", 1, before.ptr, start.ptr)) < 0 ||
	    (rc = put_rule(b, "the same before anything else: no break", 0, before.ptr, "\\s")) < 0)
		goto done;
	if ((rc = put_rule(b, "a footnote number after the punctuation (Telegram.12 Die)", 1,
			   "\\p{L}[.!?](?:[0-9]{1,3}|[\u00B9\u00B2\u00B3\u2070-\u2079]{1,3}|\\[[0-9]{1,3}\\])",
			   "\\s+[\\p{Lu}\\p{Ps}\\p{Pi}\"']")) < 0 ||
	    (rc = put_rule(b, "a full stop, after closing quotes or brackets too: a break before a capital, "
			   "an opener and a capital, or a digit", 1, "\\." CLOSERS "*", general_after)) < 0)
		goto done;
	rc = tmk_buf_puts(b, "    </languagerule>\n") < 0 ? TMK_ENOMEM : 0;
	goto done;
oom:
	rc = tmk_error_oom();
done:
	lists_release(&l);
	tmk_buf_release(&before);
	tmk_buf_release(&start);
	return rc;
}

static const char export_note[] =
	"<!--\n"
	"  tmkit's sentence segmentation rules (tmkit segment, dictionaries/segment/)\n"
	"  as SRX 2.0, written by tmkit " TMKIT_VERSION " (tmkit segment export-srx).\n"
	"\n"
	"  What SRX cannot express, and so is not here:\n"
	"  * paragraphs: tmkit ends a paragraph at an empty line, at a heading (a\n"
	"    line without final punctuation before a line break) and before a\n"
	"    list item on its own line (bullets, numbers); SRX rules see no\n"
	"    paragraph logic (tmkit segment with these rules still splits\n"
	"    paragraphs first, other tools may not);\n"
	"  * list items: tmkit keeps a list number (1. a. IV.) with its item at\n"
	"    the start of any sentence; a rule here does so at the start of a\n"
	"    paragraph or line only, as SRX rules do not know where the previous\n"
	"    sentence ended; lists written on one line (1) ... 2) ..., 1. ...\n"
	"    2. ...) split where the count goes on, which needs counting, and\n"
	"    a bullet inside a line (... \u2022 10. ...) starts an item;\n"
	"  * a unit letter after a number (2,5 A.) and a letter after a\n"
	"    lower-case word (vitamin C.) end a sentence like any full stop;\n"
	"    a range of two abbreviations (Mo.-Fr.) takes the second's class;\n"
	"  * after an abbreviation that may end a sentence, a bare adverb or\n"
	"    adjective (dictionaries/segment/de.adverbs: Unterwegs) starts one;\n"
	"    lines that each start with a figure are entries of their own;\n"
	"  * ICU's sentence iterator, whose candidates tmkit judges, is\n"
	"    approximated by the last rule (a full stop before a capital or a\n"
	"    digit); its other terminators are not covered;\n"
	"  * the longest-abbreviation-first lookup across classes, a footnote\n"
	"    number after an abbreviation (Nr.12), and the joining of a\n"
	"    sentence of punctuation alone to its neighbour;\n"
	"  * quotation state: a sentence end inside a single-quoted quotation\n"
	"    stays inside while the double quotation around it is open;\n"
	"  * a free-standing ellipsis ends a sentence before a capital unless\n"
	"    the word before it is a continuer (dictionaries/segment/*.continuers).\n"
	"  Each beforebreak starts with the punctuation it ends on; what must\n"
	"  stand before it is a bounded look-behind.\n"
	"-->\n";

int tmk_srx_export(tmk_buf *out, const char *const *langs, size_t nlangs)
{
	int rc;

	rc = tmk_buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n") |
	     tmk_buf_puts(out, export_note) |
	     tmk_buf_puts(out, "<srx xmlns=\"http://www.lisa.org/srx20\" version=\"2.0\">\n"
			  "  <header segmentsubflows=\"yes\" cascade=\"no\">\n"
			  "    <formathandle type=\"start\" include=\"no\"/>\n"
			  "    <formathandle type=\"end\" include=\"yes\"/>\n"
			  "    <formathandle type=\"isolated\" include=\"yes\"/>\n"
			  "  </header>\n  <body>\n    <languagerules>\n");
	if (rc < 0)
		return tmk_error_oom();
	for (size_t i = 0; i < nlangs; i++)
		if ((rc = put_language(out, langs[i])) < 0)
			return rc;
	if (tmk_buf_puts(out, "    </languagerules>\n    <maprules>\n") < 0)
		return tmk_error_oom();
	for (size_t i = 0; i < nlangs; i++)
		if (tmk_buf_printf(out, "      <languagemap languagepattern=\"%s([-_].*)?\" "
				   "languagerulename=\"tmkit-%s\"/>\n", langs[i], langs[i]) < 0)
			return tmk_error_oom();
	if (tmk_buf_puts(out, "    </maprules>\n  </body>\n</srx>\n") < 0)
		return tmk_error_oom();
	return 0;
}
