/*
 * test_malformed.c - every input parser of the library fed broken input,
 * deterministically: the project's rule "every parser is fuzzed with
 * malformed input in the tests", inside tools/test (release and
 * ASan/UBSan builds), without clang or libFuzzer (tests/fuzz and
 * tools/fuzz go further, open-ended).
 *
 * Parsers: XLIFF (1.2, 2.x, SDLXLIFF, MQXLIFF; the reader's API and the
 * import path), pretranslate, TMX, the term base's TBX/TMX/CSV/TSV, CSV,
 * TSV, PO, MO, the Ding dictionary (text and index file) and the
 * aligner's lexicon, SRX rules, the segmenter's lists, word lists, QA rule
 * files and align manifests.  Seeds are the real files of the tree:
 * tests/data/xliff, the TMX samples and the LISA compliance kit, the SRX
 * files, the fixtures of the golden CLI cases (TBX, CSV, TSV, PO, XLIFF,
 * manifests, rule files), the lists in dictionaries/, plus MO catalogs, a
 * Ding text and tmkit's rules as SRX made here.
 *
 * Each case takes a seed and applies up to three mutations drawn from a
 * PRNG of our own (xorshift64*, seeded from the parser and the case
 * number, so case N of a parser is always the same bytes): byte
 * flips and interesting bytes, truncation anywhere, inside a multibyte
 * character or inside a tag, deleted and duplicated ranges, two seeds
 * spliced, XML junk (entity declarations and bombs, undeclared entities,
 * CDATA ends, stray and unclosed tags, a segment <mrk> left open, bad
 * character references), invalid UTF-8, NUL bytes, byte-order marks, the
 * whole file turned into UTF-16, other declared encodings, huge attribute
 * values (across the readers' 64 KiB blocks), deep nesting, element names
 * swapped, the default namespace made a prefix, numbers and 32-bit words
 * of binary formats set to extremes, line endings changed.  4,400 cases
 * (1,000 of them XLIFF), and the bugs they found each tested on its own.
 *
 * What each case must give: 0 with every unit well-formed (UTF-8, NFC,
 * no NUL, both texts and canonical language tags where the API promises
 * them; XLIFF segments with spans inside the file and placeholders that
 * name codes), or TMK_EINPUT with a message that names the file and, for
 * the line-based and XML formats, a line within the file (whole-file
 * errors, listed per parser, excepted).  Never a crash, a leak or
 * undefined behaviour: the sanitizer build fails the test for those.
 * pretranslate (against a small TM made here) must leave neither output
 * nor temporary behind on error, and on success write a copy the reader
 * reads with the same units and sources and a target for every segment
 * it says it filled.
 *
 * Reproducing a failure: the message names the parser, the case number,
 * the seed and the mutations.  With TMK_MALFORMED_KEEP=1 the temporary
 * folders stay (their paths on stderr): the last case.* in one is the
 * input that was being read when a sanitizer stopped the run.
 * TMK_MALFORMED_SCALE=N runs N times as many cases (new ones after the
 * usual ones), for a longer search after changing a parser;
 * TMK_MALFORMED_CASE=N (with CK_RUN_CASE=PARSER) runs case N alone.
 */
#include <dirent.h>
#include <glob.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "align_batch.h"
#include "ding.h"
#include "error.h"
#include "formats/reader.h"
#include "formats/xliff.h"
#include "import.h"
#include "langtag.h"
#include "lexicon.h"
#include "pretranslate.h"
#include "qa.h"
#include "segrules.h"
#include "srx.h"
#include "term.h"
#include "term_io.h"
#include "tests.h"
#include "text.h"
#include "tm.h"
#include "utf8.h"
#include "wordlist.h"

#define BATCH 50                /* cases a test function runs (one fork) */

static unsigned scale = 1;      /* TMK_MALFORMED_SCALE */
static long only = -1;          /* TMK_MALFORMED_CASE */
static int ran;                 /* a case ran in this test's folder */

static char dir[64];            /* this test's temporary folder */
static char where[600];         /* the case being run, for messages */

/* ---- the PRNG: xorshift64*, seeded by splitmix64 ------------------------------ */

typedef struct {
	uint64_t s;
} rng;

static uint64_t rnd(rng *r)
{
	uint64_t x = r->s;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	r->s = x;
	return x * 0x2545F4914F6CDD1DULL;
}

/* A number in [0, N); 0 when N is 0. */
static size_t below(rng *r, size_t n)
{
	return n ? (size_t)(rnd(r) % n) : 0;
}

/* The stream of case N of parser P: the same whatever ran before. */
static void rng_seed(rng *r, unsigned p, unsigned n)
{
	uint64_t z = ((uint64_t)p << 32 | n) + 0x9E3779B97F4A7C15ULL;

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	r->s = (z ^ (z >> 31)) | 1;
}

/* ---- a growable byte buffer ----------------------------------------------------- */

typedef struct {
	char *p;
	size_t len, cap;
} mbuf;

static void mb_room(mbuf *b, size_t n)
{
	if (n + 1 > b->cap) {
		b->cap = (n + 1) * 2;
		ck_assert_ptr_nonnull(b->p = realloc(b->p, b->cap));
	}
}

static void mb_set(mbuf *b, const char *s, size_t n)
{
	mb_room(b, n);
	memcpy(b->p, s, n);
	b->len = n;
	b->p[n] = '\0';
}

static void mb_insert(mbuf *b, size_t at, const char *s, size_t n)
{
	mb_room(b, b->len + n);
	memmove(b->p + at + n, b->p + at, b->len - at);
	memcpy(b->p + at, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void mb_erase(mbuf *b, size_t at, size_t n)
{
	memmove(b->p + at, b->p + at + n, b->len - at - n);
	b->len -= n;
	b->p[b->len] = '\0';
}

/* Where NEEDLE first occurs in B at or after FROM, or (size_t)-1. */
static size_t mb_find(const mbuf *b, size_t from, const char *needle)
{
	size_t n = strlen(needle);

	for (size_t i = from; n && i + n <= b->len; i++)
		if (b->p[i] == needle[0] && !memcmp(b->p + i, needle, n))
			return i;
	return (size_t)-1;
}

/* ---- seeds ---------------------------------------------------------------------- */

typedef struct {
	char name[128];
	char *data;
	size_t len;
} seed;

typedef struct {
	seed *s;
	size_t n;
} pool;

enum {
	POOL_XLIFF, POOL_TMX, POOL_TBX, POOL_CSV, POOL_TSV, POOL_PO, POOL_MO, POOL_DING,
	POOL_ABBR, POOL_STARTERS, POOL_WORDS, POOL_CFG, POOL_MANIFEST, POOL_JOB, POOL_SRX, NPOOLS
};

static pool pools[NPOOLS];

/* Out of memory while the suite is built (outside any test). */
static void *need(void *p)
{
	if (!p) {
		fprintf(stderr, "test_malformed: out of memory loading the seeds\n");
		exit(EXIT_FAILURE);
	}
	return p;
}

static void pool_add(pool *p, const char *name, const char *data, size_t len)
{
	seed *s;

	if (p->n % 16 == 0)
		p->s = need(realloc(p->s, (p->n + 16) * sizeof(*p->s)));
	s = &p->s[p->n++];
	snprintf(s->name, sizeof(s->name), "%s", name);
	s->data = need(malloc(len + 1));
	memcpy(s->data, data, len);
	s->data[len] = '\0';
	s->len = len;
}

/* The files matching PATTERN (relative to the source tree) into P. */
static void pool_glob(pool *p, const char *pattern)
{
	char full[512];
	glob_t g;
	size_t root = strlen(TMK_TEST_DATA "/../../");

	snprintf(full, sizeof(full), "%s/../../%s", TMK_TEST_DATA, pattern);
	if (glob(full, 0, NULL, &g) != 0)
		return;
	for (size_t i = 0; i < g.gl_pathc; i++) {
		size_t len;
		char *data = test_read_file(g.gl_pathv[i], &len);
		pool_add(p, g.gl_pathv[i] + root, data, len);
		free(data);
	}
	globfree(&g);
}

static void put32(unsigned char *p, uint32_t v, int big)
{
	for (int k = 0; k < 4; k++)
		p[k] = (unsigned char)(v >> (big ? 24 - 8 * k : 8 * k));
}

/* A string with its length (MO strings hold NUL and EOT). */
typedef struct {
	const char *s;
	size_t n;
} lstr;

#define L(x) { x, sizeof(x) - 1 }

/* An MO catalog of the N strings ORIG -> TR, in either byte order. */
static void mo_seed(pool *p, const char *name, int big, size_t n, const lstr *orig, const lstr *tr)
{
	unsigned char buf[2048];
	size_t o = 28, t = 28 + 8 * n, s = 28 + 16 * n;

	memset(buf, 0, sizeof(buf));
	put32(buf, 0x950412de, big);
	put32(buf + 8, (uint32_t)n, big);
	put32(buf + 12, (uint32_t)o, big);
	put32(buf + 16, (uint32_t)t, big);
	put32(buf + 24, (uint32_t)s, big);
	for (size_t i = 0; i < n; i++) {
		put32(buf + o + 8 * i, (uint32_t)orig[i].n, big);
		put32(buf + o + 8 * i + 4, (uint32_t)s, big);
		memcpy(buf + s, orig[i].s, orig[i].n);
		s += orig[i].n + 1;
		put32(buf + t + 8 * i, (uint32_t)tr[i].n, big);
		put32(buf + t + 8 * i + 4, (uint32_t)s, big);
		memcpy(buf + s, tr[i].s, tr[i].n);
		s += tr[i].n + 1;
	}
	pool_add(p, name, (const char *)buf, s);
}

static const char ding_text[] =
	"# Version :: 1.9\n"
	"Anschlag {m} (auf jdn./etw.) | Anschläge {pl} :: attack (on sb./sth.) | attacks\n"
	"Anschlag {m} [techn.] | Anschläge {pl} :: fence | fences\n"
	"Bericht {m} (über etw.) | Berichte {pl} :: report (on sth.) | reports\n"
	"deutscher Inlandsgeheimdienst; Bundesamt für Verfassungsschutz /BfV/; Verfassungsschutz {m} "
	":: German domestic intelligence service\n"
	"Terrormiliz {f} | Terrormilizen {pl} :: terrorist militia | terrorist militias\n"
	"etw. überweisen {vt} | überweisend | überwiesen :: to transfer sth. | transferring | transferred\n"
	"Tadschikistan /TJ/ [geogr.] :: Tajikistan\n"
	"Straße {f}; Str. <Strasse> | Straßen {pl} :: street; road | streets; roads\n"
	"jdm. etw. vorwerfen {vt} :: to accuse sb. of sth.; to reproach sb. for sth. {begat; begotten}\n"
	"Sicherheitslage {f} [pol.] :: security situation\n";

/* Every seed, read once before the tests fork. */
static void load_seeds(void)
{
	static const lstr mo_orig[] = { L(""), L("Open the file."), L("menu\004File"), L("file\0files"), L("Empty"),
					L("Bad \xff") };
	static const lstr mo_tr[] = { L("Content-Type: text/plain; charset=UTF-8\nLanguage: de_CH\n"),
				      L("Öffnen Sie die Datei."), L("Datei"), L("Datei\0Dateien"), L(""), L("Schlecht") };
	static const char rules[] = "# rules\nrule number-mismatch warning\nrule untranslated off\n"
				    "ignore * ^\\d+$\nignore quote-style «.*»\naccept 0123456789abcdef\n";

	pool_glob(&pools[POOL_XLIFF], "tests/data/xliff/*.xlf");
	pool_glob(&pools[POOL_XLIFF], "tests/data/xliff/*.sdlxliff");
	pool_glob(&pools[POOL_XLIFF], "tests/data/xliff/*.mqxliff");
	pool_glob(&pools[POOL_JOB], "tests/data/xliff/*.*xliff");
	pool_glob(&pools[POOL_JOB], "tests/data/xliff/*.xlf");
	pool_glob(&pools[POOL_XLIFF], "tests/data/tmx-compliance-kit/*.xlf");
	pool_glob(&pools[POOL_XLIFF], "tests/cli/cases/*/*.xlf");
	pool_glob(&pools[POOL_XLIFF], "tests/cli/cases/*/*.sdlxliff");
	pool_glob(&pools[POOL_XLIFF], "tests/cli/cases/*/*.mqxliff");
	pool_glob(&pools[POOL_JOB], "tests/cli/cases/pretranslate-*/*.*xliff");
	pool_glob(&pools[POOL_JOB], "tests/cli/cases/pretranslate-*/*.xlf");
	pool_glob(&pools[POOL_TMX], "tests/data/tmx-samples/*.tmx");
	pool_glob(&pools[POOL_TMX], "tests/data/tmx-compliance-kit/*.tmx");
	pool_glob(&pools[POOL_TMX], "tests/cli/cases/*/*.tmx");
	pool_glob(&pools[POOL_TMX], "tests/cli/fixtures/*.tmx");
	pool_glob(&pools[POOL_TBX], "tests/cli/cases/*/*.tbx");
	pool_glob(&pools[POOL_TBX], "tests/cli/cases/*/expect/*.tbx");
	pool_glob(&pools[POOL_TBX], "tests/cli/cases/term-*/*.tmx");
	pool_glob(&pools[POOL_CSV], "tests/cli/cases/*/*.csv");
	pool_glob(&pools[POOL_CSV], "tests/cli/cases/*/expect/*.csv");
	pool_glob(&pools[POOL_CSV], "tests/cli/fixtures/*.csv");
	pool_glob(&pools[POOL_TSV], "tests/cli/cases/*/*.tsv");
	pool_glob(&pools[POOL_TSV], "tests/cli/fixtures/*.tsv");
	pool_glob(&pools[POOL_PO], "tests/cli/cases/*/*.po");
	pool_glob(&pools[POOL_PO], "tests/cli/fixtures/*.po");
	pool_glob(&pools[POOL_PO], "tests/data/tmx-compliance-kit/*.po");
	pool_glob(&pools[POOL_PO], "tests/data/tmx-samples/po2tmx/*.po");
	mo_seed(&pools[POOL_MO], "catalog.mo (little-endian)", 0, 6, mo_orig, mo_tr);
	mo_seed(&pools[POOL_MO], "catalog.mo (big-endian)", 1, 6, mo_orig, mo_tr);
	mo_seed(&pools[POOL_MO], "header.mo", 0, 1, mo_orig, mo_tr);
	pool_add(&pools[POOL_DING], "ding (built in)", ding_text, sizeof(ding_text) - 1);
	pool_glob(&pools[POOL_ABBR], "dictionaries/segment/*.abbreviations");
	pool_glob(&pools[POOL_STARTERS], "dictionaries/segment/*.starters");
	pool_glob(&pools[POOL_WORDS], "dictionaries/spell/*.words");
	pool_glob(&pools[POOL_WORDS], "tests/cli/cases/spell-*/words");
	pool_glob(&pools[POOL_CFG], "tests/cli/cases/*/*.cfg");
	pool_add(&pools[POOL_CFG], "rules (built in)", rules, sizeof(rules) - 1);
	pool_glob(&pools[POOL_MANIFEST], "tests/cli/cases/align-batch*/m.tsv");
	pool_glob(&pools[POOL_SRX], "tests/data/segment/srx/*.srx");
	pool_glob(&pools[POOL_SRX], "tests/cli/cases/*/*.srx");
	{
		/* tmkit's own rules as SRX: the largest seed, every construct the writer knows */
		static const char *const langs[] = { "de", "en" };
		tmk_buf srx = TMK_BUF_INIT;
		if (tmk_srx_export(&srx, langs, 2) < 0) {
			fprintf(stderr, "test_malformed: tmk_srx_export: %s\n", tmk_error_last());
			exit(EXIT_FAILURE);
		}
		pool_add(&pools[POOL_SRX], "tmkit's rules (tmk_srx_export)", srx.ptr, srx.len);
		tmk_buf_release(&srx);
	}
	for (int i = 0; i < NPOOLS; i++)
		if (!pools[i].n) {
			fprintf(stderr, "test_malformed: no seeds for pool %d\n", i);
			exit(EXIT_FAILURE);
		}
}

/* ---- mutations ------------------------------------------------------------------ */

enum { K_XML, K_TEXT, K_BIN };

static const char *const xml_junk[] = {
	"<!DOCTYPE x [<!ENTITY a \"&a;&a;\">]>", "<!DOCTYPE x [<!ENTITY b \"bbbbbbbb\"><!ENTITY c \"&b;&b;&b;\">]>",
	"<!DOCTYPE xliff SYSTEM \"xliff.dtd\">", "<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">",
	"<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>", "&undefined;", "&a;", "&nbsp;", "&#0;",
	"&#xD800;", "&#x110000;", "&#xE000;", "&#x301;", "&#769;", "e&#x301;", "&#xFFFE;", "&lt;", "&amp;",
	"]]>", "<![CDATA[", "<![CDATA[x]]>", "<![CDATA[<g>]]>", "</target>", "</source>", "<target>", "<source>",
	"<target/>", "<source/>", "<mrk mtype=\"seg\">", "<mrk mtype=\"seg\" mid=\"1\">",
	"<mrk mtype=\"seg\" mid=\"1\">x</mrk>", "<mrk mtype=\"x-sdl-deleted\">", "<mrk mtype=\"x-sdl-added\">",
	"<mrk mtype=\"protected\" mid=\"9\">", "<g id=\"1\">", "</g>", "<g/>", "<x id=\"1\"/>", "<bx id=\"1\"/>",
	"<ex id=\"1\"/>", "<bpt id=\"1\">", "</bpt>", "<bpt id=\"1\">&lt;b&gt;</bpt>", "<ept id=\"1\">[</ept>",
	"<ph id=\"1\"/>", "<ph id=\"1\">{0}</ph>", "<it pos=\"open\">x</it>", "<sub>s</sub>", "<pc id=\"1\">",
	"</pc>", "<sc id=\"1\"/>", "<ec startRef=\"1\"/>", "<ec id=\"7\"/>", "<sm id=\"m\"/>",
	"<em startRef=\"m\"/>", "<cp hex=\"0\"/>", "<cp hex=\"D800\"/>", "<cp hex=\"110000\"/>", "<cp hex=\"E000\"/>",
	"<cp hex=\"-1\"/>", "<cp hex=\"\"/>", "<cp hex=\"7FFFFFFFFFFFFFFF\"/>", "<cp/>", "<!-- c -->", "<!--",
	"<?pi x?>", "<?xml version=\"1.0\"?>", "<seg-source>", "</seg-source>", "<seg-source/>", "<segment>",
	"</segment>", "<segment id=\"s9\"><source>x</source></segment>", "<unit id=\"u\">", "<trans-unit id=\"t\">",
	"<trans-unit><source>a</source><target>b</target></trans-unit>", "<file>", "</file>", "<body>", "<group>",
	"<xliff>", "<tu>", "</tu>", "<tuv xml:lang=\"de\">", "<tuv xml:lang=\"\">", "<tuv xml:lang=\"!!\">",
	"<tuv>", "<seg>", "</seg>", "<seg/>", "<hi>", "<ut>", "<prop type=\"x\">p</prop>", "<note>n</note>",
	"<sdl:seg-defs><sdl:seg id=\"1\" conf=\"Translated\"/></sdl:seg-defs>", "<mtc:matches>",
	"<termEntry>", "<langSet xml:lang=\"de\">", "<tig><term>t</term></tig>", "<term></term>", "<term>",
	"<termNote type=\"administrativeStatus\">bogus</termNote>", "<descrip type=\"definition\">",
	"<conceptEntry>", "<langSec>", "<termSec>", "\xEE\x80\x80", "\xEF\xA3\xBF", "\xCC\x81", "a\xCC\x81",
	"\xF0\x9F\x98\x80", "\xC2\xA0", "\xE2\x80\xA8", "\r\n", "\r", "\t", "<", ">", "&", "\"", "'", "=",
	"</", "/>", "<a:b xmlns:a=\"urn:x\">", "<xml:foo>", "<x:y>",
};

/* Junk that goes inside a start tag, before its '>'. */
static const char *const attr_junk[] = {
	" state=\"new\"", " state=\"\"", " state=\"final\"", " translate=\"no\"", " xml:space=\"preserve\"",
	" id=\"\"", " id=\"1\"", " mid=\"1\"", " mid=\"\"", " mtype=\"seg\"", " mtype=\"x-sdl-deleted\"",
	" xmlns=\"urn:oasis:names:tc:xliff:document:2.0\"", " xmlns=\"urn:oasis:names:tc:xliff:document:1.2\"",
	" xmlns=\"\"", " xmlns:sdl=\"http://sdl.com/FileTypes/SdlXliff/1.0\"", " xmlns:mq=\"MQXliff\"",
	" version=\"3.0\"", " version=\"\"", " srcLang=\"xx-\"", " trgLang=\"\"", " srcLang=\"de-DE-DE-DE\"",
	" source-language=\"\"", " target-language=\"!\"", " xml:lang=\"\"", " xml:lang=\"i-klingon-x-y\"",
	" a=\"&undefined;\"", " a=\"&#0;\"", " a=\"&#xD800;\"", " a=\"<\"", " a='\"'", " a", " =\"x\"",
	" state=\"translated\"", " mq:status=\"Confirmed\"", " mq:locked=\"locked\"", " conf=\"Draft\"",
	" locked=\"true\"", " rid=\"1\"", " startRef=\"\"", " pos=\"close\"", " hex=\"41\"", " usagecount=\"-1\"",
	" creationdate=\"99999999T999999Z\"", " tuid=\"\"", " srclang=\"*all*\"", " srclang=\"\"",
	" type=\"administrativeStatus\"", " encoding=\"UTF-16\"",
};

static const char *const text_junk[] = {
	"\"", "\"\"", "\"x\"\"", "\t", "\t\t", "\r", "\r\n", "\n\n", "\n", ";", ",", ",,", "\\", "\\;", "\\\\",
	"msgid \"", "msgid \"x\"\n", "msgstr \"y\"\n", "msgstr[1] \"y\"\n", "msgstr[0] \"\"\n",
	"msgid_plural \"p\"\n", "#, fuzzy\n", "#~ msgid \"old\"\n", "msgctxt \"c\"\n", "\"\\777\"", "\"\\x41\"",
	"\"\\", "\"\\0\"", "\"\\303\"", "Language: zz_QQ\\n", "Language: \\n", " :: ", " | ", "; ", "{", "}",
	"[", "]", "(", ")", "<", ">", "/", "/x/", "#", "\xEF\xBB\xBF", "de\ten\n", "de,en\n", "de;en\n",
	"ÄÖÜ ß", "\xCC\x81", "a\xCC\x81", "\xEE\x80\x80", "\xC2\xA0", "\xE2\x80\xA8", "rule x error\n",
	"rule number-mismatch bogus\n", "ignore * (\n", "ignore * \\\n", "accept zz\n", "accept\n", "\tinner",
	"\tnumber", "\tbogus", "\t\ttag", "*x.", "x", "a.de\ta.en\ta.out\n", "a\tb\ta\n", "\t\t\n",
	"de_status", "en_status", "status", "preferred", "forbidden", "type", "person", "bogus",
};

static const char *const bad_utf8[] = {
	"\xC3", "\xFF", "\xFE", "\xC0\x80", "\xE0\x80\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xF8\x88\x80\x80\x80",
	"\x80", "\xBF", "\xE2\x82", "\xF0\x9F\x98", "\xC3\x28", "\xEF\xBF\xBE",
};

static const char *const names[] = {
	"source", "target", "seg-source", "trans-unit", "unit", "segment", "file", "body", "group", "xliff",
	"mrk", "g", "x", "bx", "ex", "bpt", "ept", "ph", "it", "pc", "sc", "ec", "sm", "em", "cp", "sub",
	"originalData", "ignorable", "header", "tool", "alt-trans", "note", "tu", "tuv", "seg", "prop",
	"tmx", "hi", "ut", "termEntry", "langSet", "tig", "ntig", "term", "conceptEntry", "langSec", "termSec",
	"martif", "tbx", "descrip", "termNote", "sdl:seg", "sdl:seg-defs", "mtc:matches", "mtc:match",
};

static const char *const attr_names[] = {
	"mtype=\"seg\"", "mid=", "id=", "state=", "xml:lang=", "srcLang=", "trgLang=", "target-language=",
	"source-language=", "version=", "conf=", "mq:status=", "hex=", "rid=", "startRef=", "translate=",
	"srclang=", "type=", "xmlns=", "xmlns:sdl=", "xmlns:mq=", "pos=", "locked=",
};

static const char *const encodings[] = {
	"UTF-16", "UTF-16LE", "ISO-8859-1", "windows-1252", "US-ASCII", "Shift_JIS", "EBCDIC-US", "ibm-037",
	"x-nonsense", "UTF-32", "ISO-2022-JP", "macintosh", "KOI8-R", "iso-8859-15", "utf8", "", "UTF-8\"?><x",
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* Append a note of what was done to LOG. */
static void note(char *log, size_t cap, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void note(char *log, size_t cap, const char *fmt, ...)
{
	size_t n = strlen(log);
	va_list ap;

	if (n + 2 >= cap)
		return;
	if (n)
		log[n++] = ' ';
	va_start(ap, fmt);
	vsnprintf(log + n, cap - n, fmt, ap);
	va_end(ap);
}

/* A position after some '>' (between tags), or anywhere. */
static size_t after_gt(rng *r, const mbuf *b)
{
	size_t at = mb_find(b, below(r, b->len + 1), ">");

	return at == (size_t)-1 ? below(r, b->len + 1) : at + 1;
}

/* The position of the end of some start tag ('>' or "/>"), or (size_t)-1. */
static size_t tag_end(rng *r, const mbuf *b)
{
	size_t lt = mb_find(b, below(r, b->len + 1), "<");

	while (lt != (size_t)-1 && lt + 1 < b->len && (b->p[lt + 1] == '/' || b->p[lt + 1] == '?' ||
							  b->p[lt + 1] == '!'))
		lt = mb_find(b, lt + 1, "<");
	if (lt == (size_t)-1)
		return lt;
	for (size_t i = lt + 1; i < b->len; i++)
		if (b->p[i] == '>')
			return i > 0 && b->p[i - 1] == '/' ? i - 1 : i;
	return (size_t)-1;
}

/* B (UTF-8, invalid bytes taken as Latin-1) as UTF-16, byte order BIG,
 * with a BOM when BOM. */
static void to_utf16(mbuf *b, int big, int bom)
{
	mbuf o = { 0 };
	size_t i = 0;

	mb_room(&o, b->len * 4 + 2);
	if (bom) {
		o.p[o.len++] = big ? '\xFE' : '\xFF';
		o.p[o.len++] = big ? '\xFF' : '\xFE';
	}
	while (i < b->len) {
		size_t at = i, bad;
		int32_t c = tmk_utf8_next(b->p, b->len, &i);
		unsigned u[2], n = 1;
		if (c == 0xFFFD && !tmk_utf8_valid(b->p + at, i - at, &bad))
			c = (unsigned char)b->p[at];
		if (c >= 0x10000) {
			u[0] = 0xD800 + (((unsigned)c - 0x10000) >> 10);
			u[1] = 0xDC00 + (((unsigned)c - 0x10000) & 0x3FF);
			n = 2;
		} else {
			u[0] = (unsigned)c;
		}
		for (unsigned k = 0; k < n; k++) {
			o.p[o.len++] = (char)(big ? u[k] >> 8 : u[k] & 0xFF);
			o.p[o.len++] = (char)(big ? u[k] & 0xFF : u[k] >> 8);
		}
	}
	free(b->p);
	*b = o;
	b->p[b->len] = '\0';
}

/* Every element without a prefix given one of 1 to 80 letters, and the
 * default namespace declared for it instead (the same document to a
 * reader; writers must keep the prefix on what they add, and pretranslate
 * refuses a prefix of 63 bytes or more). */
static void prefix_all(rng *r, mbuf *b)
{
	char pre[96];
	size_t pl = 1 + below(r, 80);
	mbuf o = { 0 };

	for (size_t k = 0; k < pl; k++)
		pre[k] = (char)('a' + below(r, 26));
	pre[pl] = '\0';
	mb_room(&o, b->len + 96);
	for (size_t i = 0; i < b->len; i++) {
		const char *p = b->p + i;
		size_t rest = b->len - i, n = 0, sl = rest > 1 && p[1] == '/';
		if (p[0] == '<' && rest > sl + 1 && ((p[sl + 1] | 32) >= 'a' && (p[sl + 1] | 32) <= 'z')) {
			while (sl + 1 + n < rest && !strchr(" \t\r\n/>:", p[sl + 1 + n]))
				n++;
			if (sl + 1 + n >= rest || p[sl + 1 + n] != ':') {
				mb_insert(&o, o.len, p, 1 + sl);
				mb_insert(&o, o.len, pre, pl);
				mb_insert(&o, o.len, ":", 1);
				i += sl;
				continue;
			}
		}
		if (rest >= 7 && !memcmp(p, "xmlns=", 6)) {
			mb_insert(&o, o.len, "xmlns:", 6);
			mb_insert(&o, o.len, pre, pl);
			i += 4;         /* on to the '=' */
			continue;
		}
		mb_insert(&o, o.len, p, 1);
	}
	free(b->p);
	*b = o;
}

/* Replace one occurrence (or, when ALL, every tag name occurrence) of
 * FROM in B by TO. */
static void swap_token(rng *r, mbuf *b, const char *from, const char *to, int all)
{
	size_t at = mb_find(b, below(r, b->len + 1), from), fl = strlen(from), tl = strlen(to);

	if (at == (size_t)-1)
		at = mb_find(b, 0, from);
	while (at != (size_t)-1) {
		mb_erase(b, at, fl);
		mb_insert(b, at, to, tl);
		if (!all)
			break;
		at = mb_find(b, at + tl, from);
	}
}

/* What a mutation works on: the bytes, the PRNG, the seeds of the same
 * format (for splicing), the format's kind, and the log of what was done. */
typedef struct {
	rng *r;
	mbuf *b;
	const pool *p;
	int kind;
	char *log;
	size_t cap;
} mut;

/* A bit flipped. */
static void m_flip(mut *m)
{
	size_t at;

	if (!m->b->len)
		return;
	at = below(m->r, m->b->len);
	m->b->p[at] ^= (char)(1 << below(m->r, 8));
	note(m->log, m->cap, "flip@%zu", at);
}

/* A byte set to one that means something to some parser, or to any. */
static void m_byte(mut *m)
{
	static const unsigned char bytes[] = { 0, 0xFF, '<', '>', '&', '"', '\'', '\n', '\r', '\t', ';',
					       ',', '\\', 0x80, 0xC3, 0xE2, '/', '=', ' ', ':' };
	size_t at;

	if (!m->b->len)
		return;
	at = below(m->r, m->b->len);
	m->b->p[at] = (char)(below(m->r, 4) ? bytes[below(m->r, N(bytes))] : (unsigned char)rnd(m->r));
	note(m->log, m->cap, "byte@%zu=%02x", at, (unsigned char)m->b->p[at]);
}

static void cut_at(mut *m, size_t at, const char *what)
{
	if (at > m->b->len)
		at = m->b->len;
	m->b->len = at;
	m->b->p[at] = '\0';
	note(m->log, m->cap, "%s@%zu", what, at);
}

/* Cut short anywhere. */
static void m_cut(mut *m)
{
	cut_at(m, below(m->r, m->b->len + 1), "cut");
}

/* Cut inside a multibyte character: after its first byte or two. */
static void m_cut_utf8(mut *m)
{
	const mbuf *b = m->b;
	size_t i = below(m->r, b->len + 1);

	while (i < b->len && (unsigned char)b->p[i] < 0xC0)
		i++;
	if (i >= b->len)
		for (i = 0; i < b->len && (unsigned char)b->p[i] < 0xC0; i++)
			;
	if (i < b->len)
		cut_at(m, i + 1 + below(m->r, 2), "cut-utf8");
}

/* Cut inside a tag: up to a dozen bytes after some '<'. */
static void m_cut_tag(mut *m)
{
	size_t lt = mb_find(m->b, below(m->r, m->b->len + 1), "<");

	if (lt == (size_t)-1)
		lt = mb_find(m->b, 0, "<");
	if (lt != (size_t)-1)
		cut_at(m, lt + 1 + below(m->r, 12), "cut-tag");
}

/* A length for a range from AT: a few bytes, or up to half the file. */
static size_t range_len(mut *m, size_t at, size_t small)
{
	size_t n = below(m->r, 2) ? below(m->r, small) + 1 : below(m->r, m->b->len / 2 + 1) + 1;

	return n > m->b->len - at ? m->b->len - at : n;
}

/* A range deleted. */
static void m_delete(mut *m)
{
	size_t at = below(m->r, m->b->len + 1), n = range_len(m, at, 16);

	mb_erase(m->b, at, n);
	note(m->log, m->cap, "del@%zu+%zu", at, n);
}

/* A range duplicated, in place or elsewhere. */
static void m_duplicate(mut *m)
{
	size_t at = below(m->r, m->b->len + 1), n = range_len(m, at, 32);
	size_t to = below(m->r, 2) ? at : below(m->r, m->b->len + 1);
	char *copy = malloc(n + 1);

	ck_assert_ptr_nonnull(copy);
	memcpy(copy, m->b->p + at, n);
	mb_insert(m->b, to, copy, n);
	free(copy);
	note(m->log, m->cap, "dup@%zu+%zu->%zu", at, n, to);
}

/* Two seeds spliced: this one's head, another's tail (XML: often cut
 * where tags begin, so that the halves fit). */
static void m_splice(mut *m)
{
	const seed *o = &m->p->s[below(m->r, m->p->n)];
	size_t at = below(m->r, m->b->len + 1), from = below(m->r, o->len + 1);

	if (m->kind == K_XML && below(m->r, 2)) {
		mbuf ob = { o->data, o->len, 0 };
		size_t a = mb_find(m->b, at, "<"), f = mb_find(&ob, from, "<");
		at = a == (size_t)-1 ? at : a;
		from = f == (size_t)-1 ? from : f;
	}
	m->b->len = at;
	mb_insert(m->b, at, o->data + from, o->len - from);
	note(m->log, m->cap, "splice@%zu+%s@%zu", at, o->name, from);
}

/* Junk of the format inserted (XML: often between tags). */
static void m_junk(mut *m)
{
	const char *j = m->kind == K_XML ? xml_junk[below(m->r, N(xml_junk))] : text_junk[below(m->r, N(text_junk))];
	size_t at = m->kind == K_XML && below(m->r, 2) ? after_gt(m->r, m->b) : below(m->r, m->b->len + 1);

	mb_insert(m->b, at, j, strlen(j));
	note(m->log, m->cap, "junk@%zu", at);
}

/* Junk inside a start tag (XML). */
static void m_attr(mut *m)
{
	size_t e = m->kind == K_XML ? tag_end(m->r, m->b) : (size_t)-1;
	const char *j = attr_junk[below(m->r, N(attr_junk))];

	if (e == (size_t)-1)
		return;
	mb_insert(m->b, e, j, strlen(j));
	note(m->log, m->cap, "attr@%zu", e);
}

/* Bytes that are no UTF-8. */
static void m_bad_utf8(mut *m)
{
	const char *j = bad_utf8[below(m->r, N(bad_utf8))];
	size_t at = below(m->r, m->b->len + 1);

	mb_insert(m->b, at, j, strlen(j));
	note(m->log, m->cap, "bad-utf8@%zu", at);
}

/* A NUL byte. */
static void m_nul(mut *m)
{
	size_t at = below(m->r, m->b->len + 1);

	mb_insert(m->b, at, "", 1);
	note(m->log, m->cap, "nul@%zu", at);
}

/* A byte-order mark in front: UTF-16 either way, UTF-8 (twice), UTF-32. */
static void m_bom(mut *m)
{
	static const char *const boms[] = { "\xFF\xFE", "\xFE\xFF", "\xEF\xBB\xBF", "\xEF\xBB\xBF\xEF\xBB\xBF",
					    "\xFF\xFE\x00\x00" };
	size_t k = below(m->r, N(boms));

	mb_insert(m->b, 0, boms[k], k == 4 ? 4 : strlen(boms[k]));
	note(m->log, m->cap, "bom%zu", k);
}

/* The whole file as UTF-16, with or without a BOM, mostly declaring it. */
static void m_utf16(mut *m)
{
	int big = (int)below(m->r, 2), bom = below(m->r, 4) != 0;

	if (m->kind == K_BIN)
		return;
	if (below(m->r, 4))
		swap_token(m->r, m->b, "UTF-8", "UTF-16", 0);
	to_utf16(m->b, big, bom);
	note(m->log, m->cap, "utf16%s%s", big ? "be" : "le", bom ? "+bom" : "");
}

/* Another declared encoding (XML). */
static void m_encoding(mut *m)
{
	const char *e = encodings[below(m->r, N(encodings))];
	size_t q = mb_find(m->b, 0, "encoding=\"");
	char decl[64];

	if (m->kind != K_XML)
		return;
	if (q != (size_t)-1 && q < 100) {
		size_t end = mb_find(m->b, q + 10, "\"");
		if (end != (size_t)-1) {
			mb_erase(m->b, q + 10, end - q - 10);
			mb_insert(m->b, q + 10, e, strlen(e));
		}
	} else {
		snprintf(decl, sizeof(decl), "<?xml version=\"1.0\" encoding=\"%s\"?>", e);
		mb_insert(m->b, 0, decl, strlen(decl));
	}
	note(m->log, m->cap, "encoding=%s", e);
}

/* A huge attribute value (XML) or a huge line: up to 140 KB, across the
 * streaming readers' 64 KiB blocks. */
static void m_huge(mut *m)
{
	size_t at = below(m->r, m->b->len + 1), big = 1000 + below(m->r, 140000), k = 0;
	size_t q = m->kind == K_XML ? mb_find(m->b, at, "=\"") : at;
	const char *unit = below(m->r, 3) == 0 ? "ä" : below(m->r, 2) ? "A" : "&amp;";
	size_t ul = strlen(unit);
	char *fill = malloc(big);

	ck_assert_ptr_nonnull(fill);
	for (; k + ul <= big; k += ul)
		memcpy(fill + k, unit, ul);
	if (q == (size_t)-1)
		q = at;
	else if (m->kind == K_XML)
		q += 2;
	mb_insert(m->b, q, fill, k);
	free(fill);
	note(m->log, m->cap, "huge@%zu+%zu", q, k);
}

/* Elements nested up to 3,000 deep, closed or left open (XML). */
static void m_nest(mut *m)
{
	static const char *const open[] = { "<g id=\"1\">", "<mrk mtype=\"x\">", "<pc id=\"p\">", "<hi>",
					    "<bpt id=\"1\">", "<sub>", "<ph>", "<descrip>", "<a>" };
	static const char *const close[] = { "</g>", "</mrk>", "</pc>", "</hi>", "</bpt>", "</sub>",
					     "</ph>", "</descrip>", "</a>" };
	size_t k = below(m->r, N(open)), depth = 10 + below(m->r, 3000), ol = strlen(open[k]);
	size_t cl = strlen(close[k]), sl = 0, at;
	int closed = (int)below(m->r, 2);
	char *s;

	if (m->kind != K_XML)
		return;
	ck_assert_ptr_nonnull(s = malloc(depth * (ol + cl) + 1));
	for (size_t d = 0; d < depth; d++, sl += ol)
		memcpy(s + sl, open[k], ol);
	for (size_t d = 0; closed && d < depth; d++, sl += cl)
		memcpy(s + sl, close[k], cl);
	at = after_gt(m->r, m->b);
	mb_insert(m->b, at, s, sl);
	free(s);
	note(m->log, m->cap, "nest@%zu*%zu%s", at, depth, closed ? "" : "-open");
}

/* An element or attribute name for another, once or throughout (XML). */
static void m_swap(mut *m)
{
	int all = (int)below(m->r, 2), attr = (int)below(m->r, 3) == 0;
	const char *from = attr ? attr_names[below(m->r, N(attr_names))] : names[below(m->r, N(names))];
	const char *to = attr ? attr_names[below(m->r, N(attr_names))] : names[below(m->r, N(names))];
	char f1[40], t1[40];

	if (m->kind != K_XML)
		return;
	if (attr) {
		swap_token(m->r, m->b, from, to, all);
	} else {
		snprintf(f1, sizeof(f1), "<%s", from);
		snprintf(t1, sizeof(t1), "<%s", to);
		swap_token(m->r, m->b, f1, t1, all);
		if (all) {
			snprintf(f1, sizeof(f1), "</%s>", from);
			snprintf(t1, sizeof(t1), "</%s>", to);
			swap_token(m->r, m->b, f1, t1, 1);
		}
	}
	note(m->log, m->cap, "swap%s:%s>%s", all ? "-all" : "", from, to);
}

/* A number set to an extreme. */
static void m_number(mut *m)
{
	static const char *const nums[] = { "0", "-1", "99999999999999999999", "4294967296", "2147483648",
					    "1e9", "0x10", "", "65536", "1.5" };
	const char *v = nums[below(m->r, N(nums))];
	size_t i = below(m->r, m->b->len + 1), n = 0;

	while (i < m->b->len && !(m->b->p[i] >= '0' && m->b->p[i] <= '9'))
		i++;
	if (i >= m->b->len)
		return;
	while (i + n < m->b->len && m->b->p[i + n] >= '0' && m->b->p[i + n] <= '9')
		n++;
	mb_erase(m->b, i, n);
	mb_insert(m->b, i, v, strlen(v));
	note(m->log, m->cap, "num@%zu=%s", i, v);
}

/* A 32-bit word set to an extreme, in either byte order (binary formats:
 * counts, offsets, lengths). */
static void m_word(mut *m)
{
	size_t len = m->b->len, at;
	uint32_t vals[] = { 0, 1, 0x7FFFFFFF, 0xFFFFFFFF, 0x80000000, (uint32_t)len, (uint32_t)len - 1,
			    (uint32_t)len + 1, (uint32_t)rnd(m->r), 28 };
	uint32_t v = vals[below(m->r, N(vals))];

	if (m->kind != K_BIN || len < 4)
		return;
	at = below(m->r, len / 4) * 4;
	put32((unsigned char *)m->b->p + at, v, (int)below(m->r, 2));
	note(m->log, m->cap, "word@%zu=%x", at, v);
}

/* The default namespace made a prefix (xlf:source ...; XML). */
static void m_prefix(mut *m)
{
	if (m->kind != K_XML)
		return;
	prefix_all(m->r, m->b);
	note(m->log, m->cap, "prefixed");
}

/* Line endings: CRLF or CR throughout. */
static void m_eol(mut *m)
{
	const char *to = below(m->r, 2) ? "\r\n" : "\r";

	if (m->kind == K_BIN)
		return;
	swap_token(m->r, m->b, "\n", to, 1);
	note(m->log, m->cap, "eol=%s", to[1] ? "crlf" : "cr");
}

/* The mutations, drawn alike (junk twice as often: it has the most kinds);
 * one that does not apply to a format does nothing. */
static void (*const mutations[])(mut *m) = {
	m_flip, m_byte, m_cut, m_cut_utf8, m_cut_tag, m_delete, m_duplicate, m_splice, m_junk, m_junk,
	m_attr, m_bad_utf8, m_nul, m_bom, m_utf16, m_encoding, m_huge, m_nest, m_swap, m_number, m_word,
	m_prefix, m_eol,
};

/* One mutation of B (seeds of the same format in P, for splicing). */
static void mutate(rng *r, mbuf *b, const pool *p, int kind, char *log, size_t cap)
{
	mut m = { r, b, p, kind, log, cap };

	mutations[below(r, N(mutations))](&m);
}

/* ---- checks shared by the parsers ----------------------------------------------- */

/* How many lines IN could have: a line number in a message is at most this. */
static long max_line(const mbuf *in)
{
	long n = 1;

	for (size_t i = 0; i < in->len; i++)
		n += in->p[i] == '\n' || in->p[i] == '\r';
	return n;
}

/* Is S[0..LEN) valid UTF-8 without NUL? */
static int clean_utf8(const char *s, size_t len)
{
	size_t bad;

	return (!len || s) && tmk_utf8_valid(s, len, &bad) && !memchr(s, '\0', len);
}

/* Is S[0..LEN) (valid UTF-8) in NFC? */
static int is_nfc(const char *s, size_t len)
{
	tmk_buf b = TMK_BUF_INIT;
	int same;

	ck_assert_int_eq(tmk_nfc_append(&b, s, len), 0);
	same = b.len == len && (!len || !memcmp(b.ptr, s, len));
	tmk_buf_release(&b);
	return same;
}

/* A text the API promises: UTF-8, no NUL, NFC, non-empty when NONEMPTY. */
static void check_text(const char *what, const char *s, size_t len, int nonempty)
{
	ck_assert_msg(!nonempty || (s && len), "%s: empty %s", where, what);
	ck_assert_msg(clean_utf8(s, len), "%s: %s is not UTF-8 or holds NUL", where, what);
	ck_assert_msg(is_nfc(s, len), "%s: %s is not NFC: '%.*s'", where, what, (int)len, s);
}

/* A language tag in canonical form. */
static void check_lang(const char *what, const char *tag)
{
	char canon[TMK_LANGTAG_MAX];

	ck_assert_msg(tag && tag[0], "%s: no %s", where, what);
	ck_assert_msg(tmk_langtag_canon(canon, tag, strlen(tag)) == 0 && !strcmp(canon, tag),
		      "%s: %s '%s' is not a canonical tag", where, what, tag);
}

/* The error of a parser: TMK_EINPUT (or, in MASK, other codes), a message
 * naming NAME and, when LINED, a line of the input right after it; WHOLE
 * lists the messages about the file as a whole, which name no line. */
enum { LINED = 1 };

static void check_error(int rc, const char *name, const mbuf *in, int flags, const char *const *whole)
{
	const char *msg = tmk_error_last(), *at = strstr(msg, name);
	int allowed = rc == TMK_EINPUT;

	ck_assert_msg(allowed, "%s: code %d (%s)", where, rc, msg);
	ck_assert_msg(msg[0], "%s: error %d without a message", where, rc);
	ck_assert_msg(clean_utf8(msg, strlen(msg)), "%s: the message is not UTF-8: %s", where, msg);
	ck_assert_msg(at, "%s: the message does not name '%s': %s", where, name, msg);
	if (flags & LINED) {
		const char *p = at + strlen(name);
		char *end;
		long line;
		if (*p != ':' || !(p[1] >= '0' && p[1] <= '9')) {
			int ok = 0;
			for (size_t i = 0; whole && whole[i] && !ok; i++)
				ok = strstr(msg, whole[i]) != NULL;
			ck_assert_msg(ok, "%s: the message names no line: %s", where, msg);
			return;
		}
		line = strtol(p + 1, &end, 10);
		ck_assert_msg(line >= 1 && line <= max_line(in), "%s: line %ld outside the input (%ld lines): %s",
			      where, line, max_line(in), msg);
	}
}

/* Write IN to NAME in the test folder; its path into PATH. */
static void write_case(char *path, size_t cap, const char *name, const mbuf *in)
{
	FILE *f;

	snprintf(path, cap, "%s/%s", dir, name);
	ck_assert_ptr_nonnull(f = fopen(path, "wb"));
	ck_assert_uint_eq(fwrite(in->p, 1, in->len, f), in->len);
	ck_assert_int_eq(fclose(f), 0);
}

static void setup(void)
{
	snprintf(dir, sizeof(dir), "/tmp/tmkit-malformed-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void teardown(void)
{
	char cmd[128];

	if (getenv("TMK_MALFORMED_KEEP") && ran) {
		fprintf(stderr, "test_malformed: kept %s\n", dir);
		return;
	}
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

/* ---- units through a sink (tmk_read_units: TMX, XLIFF, CSV, TSV, PO, MO) --------- */

typedef struct {
	tmk_sink sink;
	const mbuf *in;
	int lined;              /* skips name lines (not MO: entries) */
	size_t units, skips;
} unit_check;

static int on_unit(tmk_sink *s, const tmk_unit_in *u)
{
	unit_check *c = (unit_check *)s;

	check_lang("source language", u->src_lang);
	check_lang("target language", u->tgt_lang);
	check_text("source", u->source, u->source_len, 1);
	check_text("target", u->target, u->target_len, !s->keep_empty);
	if (u->source_markup)
		ck_assert_msg(clean_utf8(u->source_markup, u->source_markup_len), "%s: source markup", where);
	if (u->target_markup)
		ck_assert_msg(clean_utf8(u->target_markup, u->target_markup_len), "%s: target markup", where);
	for (size_t i = 0; i < u->nnotes; i++) {
		const tmk_note *n = &u->notes[i];
		ck_assert_msg(n->kind && n->value && clean_utf8(n->value, strlen(n->value)), "%s: note %zu", where, i);
	}
	for (size_t i = 0; i < u->nattrs; i++)
		ck_assert_msg(u->attrs[i].name && u->attrs[i].value, "%s: attribute %zu", where, i);
	c->units++;
	return 0;
}

static int on_skip(tmk_sink *s, long line, const char *reason)
{
	unit_check *c = (unit_check *)s;

	ck_assert_msg(reason && reason[0], "%s: a skip without a reason", where);
	ck_assert_msg(clean_utf8(reason, strlen(reason)), "%s: skip reason not UTF-8: %s", where, reason);
	ck_assert_msg(line >= 1, "%s: skip at line %ld", where, line);
	if (c->lined)
		ck_assert_msg(line <= max_line(c->in), "%s: skip at line %ld of %ld", where, line, max_line(c->in));
	c->skips++;
	return 0;
}

/* IN through tmk_read_units() as FORMAT from a file named case.EXT. */
static int read_units(const mbuf *in, tmk_format format, const char *ext, int keep_empty, char *path,
		      size_t cap)
{
	unit_check c = { { on_unit, on_skip, NULL, "", NULL, keep_empty }, in, format != TMK_FMT_MO, 0, 0 };
	char name[32];
	int rc;

	snprintf(name, sizeof(name), "case.%s", ext);
	write_case(path, cap, name, in);
	tmk_error_clear();
	rc = tmk_read_units(&c.sink, path, format, NULL);
	ck_assert_msg(c.sink.tool[0] == '\0' || clean_utf8(c.sink.tool, strlen(c.sink.tool)),
		      "%s: tool name not UTF-8", where);
	return rc;
}

static const char *const whole_xml[] = { "empty file", "no <xliff> element", "no <tmx> element",
					 "no TBX or TMX in it", NULL };
static const char *const whole_text[] = { "empty file", NULL };

static void run_tmx(const mbuf *in, rng *r)
{
	char path[128];
	int rc = read_units(in, TMK_FMT_TMX, "tmx", 0, path, sizeof(path));

	(void)r;
	if (rc < 0)
		check_error(rc, path, in, LINED, whole_xml);
}

static void run_delim(const mbuf *in, rng *r, tmk_format f, const char *ext)
{
	char path[128];
	int rc = read_units(in, f, ext, (int)below(r, 2), path, sizeof(path));

	if (rc < 0)
		check_error(rc, path, in, LINED, whole_text);
}

static void run_csv(const mbuf *in, rng *r)
{
	run_delim(in, r, TMK_FMT_CSV, "csv");
}

static void run_tsv(const mbuf *in, rng *r)
{
	run_delim(in, r, TMK_FMT_TSV, "tsv");
}

static void run_po(const mbuf *in, rng *r)
{
	run_delim(in, r, TMK_FMT_PO, "po");
}

static void run_mo(const mbuf *in, rng *r)
{
	char path[128];
	int rc = read_units(in, TMK_FMT_MO, "mo", 0, path, sizeof(path));

	(void)r;
	if (rc < 0)
		check_error(rc, path, in, 0, NULL);
}

/* ---- XLIFF: the reader's own API, and as an import format ------------------------- */

typedef struct {
	const mbuf *in;
	size_t units, segs;
	size_t targets;         /* segments with a target that is not blank */
	tmk_buf sources;        /* every segment's source, for comparing two reads */
} xliff_check;

/* Is S[0..LEN) empty or white space only? */
static int blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len;)
		if (!tmk_is_space(tmk_utf8_next(s, len, &i)))
			return 0;
	return 1;
}

static void check_span(const char *what, tmk_xliff_span s, size_t size, int present)
{
	ck_assert_msg(!present || s.end > 0, "%s: %s span absent", where, what);
	ck_assert_msg(s.end == 0 || (s.start <= s.end && s.end <= size), "%s: %s span [%zu, %zu) outside the "
		      "file (%zu bytes)", where, what, s.start, s.end, size);
}

/* Every placeholder of T names one of the first N codes. */
static void check_placeholders(const char *what, const tmk_xliff_text *t, size_t n)
{
	if (t->reserved)
		return;
	for (size_t i = 0; i < t->len;) {
		int32_t c = tmk_utf8_next(t->text, t->len, &i);
		if (tmk_xliff_is_code(c))
			ck_assert_msg((size_t)(c - TMK_XLIFF_CODE_BASE) < n, "%s: %s placeholder %d of %zu codes",
				      where, what, (int)(c - TMK_XLIFF_CODE_BASE), n);
	}
}

static void check_xtext(const char *what, const tmk_xliff_text *t, size_t size, long lines, size_t ncodes)
{
	check_text(what, t->text, t->len, 0);
	ck_assert_msg(clean_utf8(t->markup, t->markup_len), "%s: %s markup not UTF-8", where, what);
	ck_assert_msg(!t->tmx || clean_utf8(t->tmx, t->tmx_len), "%s: %s TMX not UTF-8", where, what);
	ck_assert_msg(t->line >= 1 && t->line <= lines, "%s: %s at line %ld", where, what, t->line);
	check_span(what, t->element, size, 1);
	check_span(what, t->content, size, 0);
	ck_assert_msg(t->content.start >= t->element.start && t->content.end <= t->element.end,
		      "%s: %s content outside its element", where, what);
	check_placeholders(what, t, ncodes);
}

static int on_xunit(void *ud, const tmk_xliff_unit *u)
{
	xliff_check *c = ud;
	size_t size = c->in->len;
	long lines = max_line(c->in);
	const tmk_xliff_file *f = u->file;

	ck_assert_msg(f && f->version, "%s: unit without its file", where);
	ck_assert_msg(f->flavour >= TMK_XLIFF_12 && f->flavour <= TMK_XLIFF_MQ, "%s: flavour", where);
	check_lang("source language", f->src_lang);
	if (f->tgt_lang && f->tgt_lang[0])
		check_lang("target language", f->tgt_lang);
	ck_assert_msg(f->tgt_lang != NULL, "%s: target language NULL", where);
	ck_assert_msg(!f->original || clean_utf8(f->original, strlen(f->original)), "%s: original", where);
	check_span("root tag", f->root_tag, size, 1);
	check_span("file tag", f->file_tag, size, 1);
	ck_assert_msg(u->id && clean_utf8(u->id, strlen(u->id)), "%s: unit id", where);
	ck_assert_msg(u->line >= 1 && u->line <= lines, "%s: unit at line %ld", where, u->line);
	check_span("unit start", u->start_tag, size, 1);
	check_span("unit end", u->end_tag, size, 0);
	check_span("seg-source", u->seg_source, size, 0);
	check_span("target", u->target, size, 0);
	check_span("sdl:seg-defs", u->sdl_segs, size, 0);
	check_span("matches", u->matches, size, 0);
	for (size_t i = 0; i < u->nsegs; i++) {
		const tmk_xliff_segment *s = &u->segs[i];
		ck_assert_msg(s->index == (int)i + 1, "%s: segment index", where);
		ck_assert_msg(s->key && clean_utf8(s->key, strlen(s->key)), "%s: segment key", where);
		ck_assert_msg(s->nsource_codes <= s->ncodes && (!s->ncodes || s->codes), "%s: codes", where);
		check_xtext("source", &s->source, size, lines, s->nsource_codes);
		if (s->has_target)
			check_xtext("target", &s->target, size, lines, s->ncodes);
		else
			ck_assert_msg(s->state == TMK_XLIFF_NEW, "%s: no target but state %d", where, s->state);
		ck_assert_msg(s->state >= TMK_XLIFF_NEW && s->state <= TMK_XLIFF_FINAL && s->state_value,
			      "%s: state", where);
		check_span("state tag", s->state_tag, size, 0);
		ck_assert_msg(s->target_at <= size, "%s: target_at %zu", where, s->target_at);
		for (size_t k = 0; k < s->ncodes; k++) {
			const tmk_xliff_code *k1 = &s->codes[k];
			ck_assert_msg(k1->kind >= TMK_XLIFF_OPEN && k1->kind <= TMK_XLIFF_ALONE && k1->name && k1->id,
				      "%s: code %zu", where, k);
			/* markup as written: nothing for the end of an empty <g/> or <pc/> */
			ck_assert_msg(clean_utf8(k1->markup, k1->markup_len) && (k1->markup_len ||
				      (k1->kind == TMK_XLIFF_CLOSE && k1->partner >= 0 &&
				       s->codes[k1->partner].markup_len >= 2 &&
				       !memcmp(s->codes[k1->partner].markup + s->codes[k1->partner].markup_len - 2, "/>", 2))),
				      "%s: code %zu markup '%.*s'", where, k, (int)k1->markup_len, k1->markup);
			ck_assert_msg(k1->partner >= -1 && k1->partner < (int)s->ncodes, "%s: code %zu partner %d",
				      where, k, k1->partner);
		}
		c->targets += s->has_target && !blank(s->target.text, s->target.len);
		/* (keys may change: pretranslate gives a 2.0 segment an id to point a match at) */
		tmk_buf_printf(&c->sources, "%.*s\n", (int)s->source.len, s->source.text);
		c->segs++;
	}
	c->units++;
	return 0;
}

/* Read PATH with tmk_xliff_read(), checking every unit into C. */
static int read_xliff(xliff_check *c, const char *path)
{
	tmk_xliff_reader rd = { on_xunit, NULL, c, "" };
	int rc;

	tmk_error_clear();
	rc = tmk_xliff_read(&rd, path);
	ck_assert_msg(clean_utf8(rd.tool, strlen(rd.tool)), "%s: tool name not UTF-8", where);
	return rc;
}

static void run_xliff(const mbuf *in, rng *r)
{
	xliff_check c = { .in = in, .sources = TMK_BUF_INIT };
	char path[128], msg[1024];
	int rc, rc2;

	write_case(path, sizeof(path), "case.xlf", in);
	rc = read_xliff(&c, path);
	snprintf(msg, sizeof(msg), "%s", tmk_error_last());
	if (rc < 0)
		check_error(rc, path, in, LINED, whole_xml);
	tmk_buf_release(&c.sources);
	/* as an import format: the same verdict, the same message */
	rc2 = read_units(in, TMK_FMT_XLIFF, "xlf", (int)below(r, 2), path, sizeof(path));
	ck_assert_msg(rc2 == rc, "%s: tmk_xliff_read gave %d, tmk_read_units %d (%s)", where, rc, rc2,
		      tmk_error_last());
	if (rc < 0)
		ck_assert_msg(!strcmp(msg, tmk_error_last()), "%s: two messages: '%s', '%s'", where, msg,
			      tmk_error_last());
}

/* ---- pretranslate against a TM made here ---------------------------------------- */

static tmk_tm *tm;

/* A TM holding the translated segments of tests/data/xliff, drafts too. */
static void pretranslate_setup(void)
{
	tmk_import_opts io = { 0 };

	setup();
	io.all_states = 1;
	ck_assert_int_eq(tmk_tm_open(&tm, ":memory:", 0), 0);
	for (size_t i = 0; i < pools[POOL_JOB].n; i++) {
		const seed *s = &pools[POOL_JOB].s[i];
		tmk_import_report rep;
		char path[160];
		mbuf b = { 0 };
		if (strncmp(s->name, "tests/data/", 11))
			continue;
		mb_set(&b, s->data, s->len);
		write_case(path, sizeof(path), strrchr(s->name, '/') + 1, &b);
		free(b.p);
		ck_assert_int_eq(tmk_import_file(tm, &rep, path, &io), 0);
		tmk_import_report_release(&rep);
		unlink(path);
	}
}

static void pretranslate_teardown(void)
{
	tmk_tm_free(tm);
	tm = NULL;
	teardown();
}

/* The names in folder D other than . and .., sorted, one a line, into OUT. */
static void listing(char *out, size_t cap, const char *d)
{
	char names_[16][64];
	size_t n = 0;
	DIR *dh = opendir(d);
	struct dirent *e;

	ck_assert_ptr_nonnull(dh);
	out[0] = '\0';
	while ((e = readdir(dh)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") && n < 16)
			snprintf(names_[n++], sizeof(names_[0]), "%.63s", e->d_name);
	closedir(dh);
	for (size_t i = 0; i < n; i++)
		for (size_t k = i + 1; k < n; k++)
			if (strcmp(names_[k], names_[i]) < 0) {
				char t[64];
				memcpy(t, names_[i], 64);
				memcpy(names_[i], names_[k], 64);
				memcpy(names_[k], t, 64);
			}
	for (size_t i = 0; i < n; i++)
		snprintf(out + strlen(out), cap - strlen(out), "%s%.63s", i ? " " : "", names_[i]);
}

/* The copy OUT pretranslate wrote of the job JOB (IN): it reads, with the
 * job's units, segments and sources, and a target for every segment
 * filled (none lost, none written where a reader does not see it). */
static void check_copy(const char *job, const char *out, const mbuf *in, const tmk_pretranslate_opts *o,
		       const tmk_pretranslate_report *rep)
{
	xliff_check a = { .in = in, .sources = TMK_BUF_INIT }, b;
	size_t filled = (size_t)(rep->exact + rep->context + rep->fuzzy), olen;
	char *odata = test_read_file(out, &olen);
	mbuf ob = { 0 };

	mb_set(&ob, odata, olen);
	free(odata);
	b = (xliff_check){ .in = &ob, .sources = TMK_BUF_INIT };
	ck_assert_msg(filled <= (size_t)rep->segments, "%s: %zu of %lld segments filled", where, filled,
		      rep->segments);
	ck_assert_msg(read_xliff(&a, job) == 0, "%s: the job read for pretranslate but not now: %s", where,
		      tmk_error_last());
	ck_assert_msg(read_xliff(&b, out) == 0, "%s: the pretranslated copy does not read: %s", where,
		      tmk_error_last());
	ck_assert_msg(a.units == b.units && a.segs == b.segs, "%s: the copy has %zu units, %zu segments; the "
		      "job %zu, %zu", where, b.units, b.segs, a.units, a.segs);
	ck_assert_msg(a.sources.len == b.sources.len && (!a.sources.len ||
		      !memcmp(a.sources.ptr, b.sources.ptr, a.sources.len)),
		      "%s: the copy's sources differ from the job's:\n%s---\n%s", where,
		      a.sources.ptr ? a.sources.ptr : "", b.sources.ptr ? b.sources.ptr : "");
	ck_assert_msg(b.targets >= a.targets && (o->overwrite || b.targets == a.targets + filled),
		      "%s: the job had %zu targets, %zu were filled, the copy has %zu", where, a.targets, filled,
		      b.targets);
	tmk_buf_release(&a.sources);
	tmk_buf_release(&b.sources);
	free(ob.p);
}

/* The job IN pretranslated with options drawn from R, in a folder of
 * its own (so that a temporary left behind shows). */
static void run_pretranslate(const mbuf *in, rng *r)
{
	static const char *const whole[] = { "empty file", "no <xliff> element", "the job has no <file>", NULL };
	tmk_pretranslate_opts o = { 0 };
	tmk_pretranslate_report rep;
	char sub[96], job[160], out[160], files[256];
	int rc;

	snprintf(sub, sizeof(sub), "%s/pt", dir);
	mkdir(sub, 0700);
	snprintf(out, sizeof(out), "%s/out.xlf", sub);
	unlink(out);
	write_case(job, sizeof(job), "pt/job.xlf", in);
	o.fuzzy = (int)below(r, 4) != 0;
	o.overwrite = (int)below(r, 3) == 0;
	o.min = (int)below(r, 2) ? 0 : 50 + (int)below(r, 51);
	tmk_error_clear();
	rc = tmk_pretranslate(tm, &rep, job, out, &o);
	listing(files, sizeof(files), sub);
	if (rc < 0) {
		check_error(rc, job, in, LINED, whole);
		ck_assert_msg(!strcmp(files, "job.xlf"), "%s: after an error the folder holds: %s", where, files);
		return;
	}
	ck_assert_msg(!strcmp(files, "job.xlf out.xlf"), "%s: after success the folder holds: %s", where, files);
	check_copy(job, out, in, &o, &rep);
}

/* ---- the term base: TBX (v2, v3), TMX, CSV and TSV --------------------------------- */

typedef struct {
	size_t concepts;
} term_check;

static int on_concept(void *ud, const tmk_concept *c)
{
	term_check *tc = ud;

	ck_assert_msg(c->nterms > 0, "%s: concept %lld without terms", where, (long long)c->id);
	for (size_t i = 0; i < c->nterms; i++) {
		const tmk_term *t = &c->terms[i];
		ck_assert_msg(t->lang && (!strcmp(t->lang, "de") || !strcmp(t->lang, "en") || t->lang[0]),
			      "%s: term language", where);
		check_text("term", t->text, t->text ? strlen(t->text) : 0, 1);
		ck_assert_msg(t->status && tmk_term_status_ok(t->status), "%s: term status '%s'", where,
			      t->status ? t->status : "(null)");
		if (t->note)
			check_text("term note", t->note, strlen(t->note), 0);
	}
	tc->concepts++;
	return 0;
}

/* Every concept of the term base, checked; how many. */
static size_t term_base(void)
{
	tmk_term_filter f = { 0 };
	term_check tc = { 0 };

	ck_assert_msg(tmk_term_list(tm, &f, on_concept, &tc) == 0, "%s: listing the terms: %s", where,
		      tmk_error_last());
	return tc.concepts;
}

static void term_setup(void)
{
	setup();
	ck_assert_int_eq(tmk_tm_open(&tm, ":memory:", 0), 0);
}

static void run_terms(const mbuf *in, rng *r, const char *ext)
{
	tmk_term_import_report rep = { 0 };
	static const char *const whole[] = { "empty: no header, no terms", "no TBX or TMX in it", NULL };
	char path[128], name[32];
	size_t before = term_base();
	int rc;

	(void)r;
	snprintf(name, sizeof(name), "case.%s", ext);
	write_case(path, sizeof(path), name, in);
	tmk_error_clear();
	rc = tmk_term_import(tm, &rep, path);
	if (rc < 0) {
		check_error(rc, path, in, LINED, whole);
		ck_assert_msg(term_base() == before, "%s: a failed import left concepts behind", where);
		return;
	}
	ck_assert_msg(term_base() == before + rep.added, "%s: %zu concepts added, but the term base has %zu more",
		      where, rep.added, term_base() - before);
}

static void run_tbx(const mbuf *in, rng *r)
{
	run_terms(in, r, "tbx");
}

static void run_term_csv(const mbuf *in, rng *r)
{
	run_terms(in, r, "csv");
}

static void run_term_tsv(const mbuf *in, rng *r)
{
	run_terms(in, r, "tsv");
}

/* ---- the Ding dictionary: the senses index and the aligner's lexicon -------------- */

static void run_ding(const mbuf *in, rng *r)
{
	tmk_ding *d;
	tmk_lexicon *lx;
	int rc;

	ck_assert_msg(tmk_ding_parse(&d, in->p, in->len) == 0, "%s: tmk_ding_parse: %s", where, tmk_error_last());
	for (int q = 0; q < 4; q++) {
		/* a word of the text (valid UTF-8, as a query is), or a fixed one */
		static const char *const fixed[] = { "Anschlag", "Verfassungsschutzbericht", "to transfer",
						     "des Verfassungsschutzes", "Strasse", "" };
		size_t at = below(r, in->len + 1), e;
		const char *word = fixed[below(r, N(fixed))];
		size_t wl = strlen(word), bad, n;
		tmk_ding_sense *s;
		while (at < in->len && (in->p[at] == ' ' || in->p[at] == '\n'))
			at++;
		for (e = at; e < in->len && in->p[e] != ' ' && in->p[e] != '\n' && e - at < 64; e++)
			;
		if (q % 2 && e > at && tmk_utf8_valid(in->p + at, e - at, &bad) && !memchr(in->p + at, 0, e - at)) {
			word = in->p + at;
			wl = e - at;
		}
		rc = tmk_ding_lookup(d, &s, &n, q == 3 ? "de" : q == 2 ? "en" : NULL, word, wl, 5);
		ck_assert_msg(rc == 0, "%s: looking up '%.*s': %s", where, (int)wl, word, tmk_error_last());
		ck_assert_msg(n <= 5, "%s: %zu senses", where, n);
		for (size_t i = 0; i < n; i++)
			ck_assert_msg(s[i].de && s[i].en && s[i].matched && s[i].lang, "%s: sense %zu", where, i);
		tmk_ding_senses_free(s, n);
	}
	tmk_ding_free(d);
	tmk_error_clear();
	rc = tmk_lexicon_parse(&lx, "case.ding", in->p, in->len);
	if (rc < 0) {
		check_error(rc, "case.ding", in, 0, NULL);
		return;
	}
	tmk_lexicon_free(lx);
}

/* The Ding index beside the lexicon's cache, damaged: its entries past the
 * header changed (a cache file is input too: disks and other writers
 * damage files). */
static void run_ding_index(const mbuf *in, rng *r)
{
	char src[128], idx[128];
	mbuf d = { 0 }, ib = { 0 };
	tmk_ding *dg;
	size_t len;
	char *pristine;
	struct stat sb;

	(void)in;
	/* the source and its index once a batch: the index names the source's time */
	snprintf(src, sizeof(src), "%s/de-en", dir);
	snprintf(idx, sizeof(idx), "%s/de-en.idx", dir);
	if (stat(idx, &sb) != 0) {
		mb_set(&d, ding_text, sizeof(ding_text) - 1);
		write_case(src, sizeof(src), "de-en", &d);
		ck_assert_int_eq(tmk_ding_open(&dg, src, idx), 0);
		tmk_ding_free(dg);
	}
	pristine = test_read_file(idx, &len);
	mb_set(&ib, pristine, len);
	free(pristine);
	ck_assert_uint_gt(len, 40);
	/* keep the header (it names the source's size and time) most of the time */
	for (int m = 0, nm = 1 + (int)below(r, 4); m < nm; m++) {
		size_t at = below(r, 4) ? 40 + below(r, len - 40) : below(r, len);
		if (below(r, 2))
			ib.p[at] ^= (char)(1 << below(r, 8));
		else
			ib.p[at] = (char)rnd(r);
		note(where + strlen(where), sizeof(where) - strlen(where), "idx@%zu", at);
	}
	{
		char path[160];
		write_case(path, sizeof(path), "case.idx", &ib);
		ck_assert_int_eq(tmk_ding_open(&dg, src, path), 0);
	}
	for (int q = 0; q < 6; q++) {
		static const char *const words[] = { "Anschlag", "Bericht", "Tajikistan", "Straße", "attack",
						     "Verfassungsschutzbericht", "street", "BfV" };
		const char *w = words[below(r, N(words))];
		tmk_ding_sense *s;
		size_t n;
		int rc = tmk_ding_lookup(dg, &s, &n, NULL, w, strlen(w), 5);
		if (rc < 0) {
			ck_assert_msg(rc == TMK_EINPUT && strstr(tmk_error_last(), "index"), "%s: %d %s", where, rc,
				      tmk_error_last());
			continue;
		}
		tmk_ding_senses_free(s, n);
	}
	tmk_ding_free(dg);
	free(d.p);
	free(ib.p);
}

/* ---- SRX segmentation rules: read, then used ----------------------------------------- */

static void run_srx(const mbuf *in, rng *r)
{
	static const char *const whole[] = { "empty file", "too large for an SRX file", "no <srx> element",
					     "without any <languagerule>", "without any <languagemap>", "has no rules",
					     NULL };
	static const char text[] = "Dr. Müller kam am 3. Mai um 10 Uhr. Er sagte: „Gut!“ Dann ging er… "
				   "z. B. nach Hause.\n\nThe U.S. team won. Mr. Smith left at 5 p.m. Really?!";
	static const char *const langs[] = { "de", "en-GB", "fr", "" };
	tmk_srx *x;
	int rc;

	tmk_error_clear();
	rc = tmk_srx_parse(&x, "case.srx", in->p, in->len);
	if (rc < 0) {
		check_error(rc, "case.srx", in, LINED, whole);
		return;
	}
	for (size_t i = 0; i < 2; i++) {
		const char *lang = langs[below(r, N(langs))];
		tmk_sentence *s;
		size_t n;
		tmk_error_clear();
		rc = tmk_srx_segment(x, lang, text, sizeof(text) - 1, &s, &n);
		if (rc == TMK_EINVAL) {         /* no language map for LANG */
			ck_assert_msg(strstr(tmk_error_last(), "no language map"), "%s: %s", where, tmk_error_last());
			ck_assert_uint_eq(tmk_srx_rule_count(x, lang), 0);
			continue;
		}
		if (rc == TMK_ERROR) {          /* a rule ICU gave up on (it took too long) */
			ck_assert_msg(strstr(tmk_error_last(), "failed on the text"), "%s: %s", where, tmk_error_last());
			continue;
		}
		ck_assert_msg(rc == 0, "%s: segmenting with the rules for '%s': %d %s", where, lang, rc,
			      tmk_error_last());
		for (size_t k = 0; k < n; k++)
			ck_assert_msg(s[k].start < s[k].end && s[k].end <= sizeof(text) - 1 &&
				      (k == 0 || s[k].start >= s[k - 1].end), "%s: sentence %zu [%zu, %zu)", where, k,
				      s[k].start, s[k].end);
		free(s);
	}
	tmk_srx_free(x);
}

/* ---- the other lists: segmenter rules, word lists, QA rules, align manifests ------ */

static int abbr_class(const char *tag, size_t len, void *ctx)
{
	(void)ctx;
	return !tag || (len == 4 && !memcmp(tag, "none", 4)) ? 0 : len == 5 && !memcmp(tag, "inner", 5) ? 1 : -1;
}

/* The segmenter's two lists, one of them mutated (IN), the other a seed. */
static void run_segrules(const mbuf *in, rng *r, int abbr_mutated)
{
	const pool *other = &pools[abbr_mutated ? POOL_STARTERS : POOL_ABBR];
	const seed *o = &other->s[below(r, other->n)];
	tmk_segrules *sr;
	int rc;

	tmk_error_clear();
	rc = abbr_mutated ? tmk_segrules_parse(&sr, 1, "case.abbreviations", in->p, in->len, "seed.starters",
					       o->data, o->len)
			  : tmk_segrules_parse(&sr, 0, "seed.abbreviations", o->data, o->len, "case.starters",
					       in->p, in->len);
	if (rc < 0) {
		ck_assert_msg(!strstr(tmk_error_last(), "seed."), "%s: the seed is refused: %s", where,
			      tmk_error_last());
		check_error(rc, abbr_mutated ? "case.abbreviations" : "case.starters", in, LINED, NULL);
		return;
	}
	tmk_segrules_free(sr);
}

static void run_abbr(const mbuf *in, rng *r)
{
	run_segrules(in, r, 1);
}

static void run_starters(const mbuf *in, rng *r)
{
	run_segrules(in, r, 0);
}

static void run_words(const mbuf *in, rng *r)
{
	tmk_wordlist *wl;
	int rc, tagged = (int)below(r, 2);

	ck_assert_int_eq(tmk_wordlist_new(&wl), 0);
	tmk_error_clear();
	rc = tmk_wordlist_load(wl, "case.words", in->p, in->len, tagged ? abbr_class : NULL, NULL);
	if (rc < 0)
		check_error(rc, "case.words", in, LINED, NULL);
	tmk_wordlist_free(wl);
}

static void run_qa_config(const mbuf *in, rng *r)
{
	tmk_qa *q;
	char path[128];
	int rc;

	(void)r;
	write_case(path, sizeof(path), "case.cfg", in);
	ck_assert_int_eq(tmk_qa_new(&q), 0);
	tmk_error_clear();
	rc = tmk_qa_config(q, path);
	if (rc < 0)
		check_error(rc, path, in, LINED, NULL);
	tmk_qa_free(q);
}

static void run_manifest(const mbuf *in, rng *r)
{
	static const char *const whole[] = { "no pairs", NULL };
	tmk_manifest *m;
	char path[128];
	int rc;

	(void)r;
	write_case(path, sizeof(path), "m.tsv", in);
	tmk_error_clear();
	rc = tmk_manifest_load(&m, path);
	if (rc < 0) {
		check_error(rc, path, in, LINED, whole);
		ck_assert_ptr_null(m);
		return;
	}
	ck_assert_uint_gt(m->n, 0);
	for (size_t i = 0; i < m->n; i++)
		ck_assert_msg(m->items[i].de && m->items[i].en && m->items[i].out && m->items[i].line >= 1,
			      "%s: item %zu", where, i);
	tmk_manifest_free(m);
}

/* ---- what the cases found: each bug fixed, on its own ------------------------------ */

/* N copies of "ä" after PREFIX, into OUT (a string cut anywhere by a
 * fixed buffer lands inside a character half the time). */
static void umlauts(char *out, size_t cap, const char *prefix, size_t n)
{
	size_t k = (size_t)snprintf(out, cap, "%s", prefix);

	for (size_t i = 0; i < n && k + 3 < cap; i++, k += 2)
		memcpy(out + k, "ä", 2);
	out[k] = '\0';
}

/* The one unit of a sink read, kept. */
typedef struct {
	tmk_sink sink;
	char source[256], target[256], reason[256];
	size_t units;
} keep_one;

static int keep_unit(tmk_sink *s, const tmk_unit_in *u)
{
	keep_one *k = (keep_one *)s;

	snprintf(k->source, sizeof(k->source), "%.*s", (int)u->source_len, u->source);
	snprintf(k->target, sizeof(k->target), "%.*s", (int)u->target_len, u->target);
	k->units++;
	return 0;
}

static int keep_skip(tmk_sink *s, long line, const char *reason)
{
	keep_one *k = (keep_one *)s;

	(void)line;
	snprintf(k->reason, sizeof(k->reason), "%s", reason);
	return 0;
}

/* TEXT written to NAME and read as FORMAT into K; the result code. */
static int read_one(keep_one *k, const char *name, const char *text, tmk_format format, char *path, size_t cap)
{
	mbuf b = { 0 };

	memset(k, 0, sizeof(*k));
	k->sink.unit = keep_unit;
	k->sink.skip = keep_skip;
	mb_set(&b, text, strlen(text));
	write_case(path, cap, name, &b);
	free(b.p);
	tmk_error_clear();
	return tmk_read_units(&k->sink, path, format, NULL);
}

/* Text cut by a fixed buffer stays UTF-8: a skip reason with a long
 * unit id (xliff_sink.c, 160 bytes), the import report's copy of it
 * (import.c, 128), a TMX header's tool (tmx_read.c, 128), and messages
 * that quote the input (error.c: a cut or invalid byte becomes '?'). */
START_TEST(fixed_cut_utf8)
{
	char xlf[2048], id[400], path[128];
	tmk_import_opts io = { 0 };
	tmk_import_report rep;
	keep_one k;

	snprintf(where, sizeof(where), "fixed_cut_utf8");
	umlauts(id, sizeof(id), "uu", 150);      /* odd: cut mid-character */
	snprintf(xlf, sizeof(xlf), "<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">"
		 "<file original=\"f\" source-language=\"en\" target-language=\"de\" datatype=\"plaintext\"><body>"
		 "<trans-unit id=\"%s\"><source>Not translated.</source></trans-unit></body></file></xliff>", id);
	ck_assert_int_eq(read_one(&k, "long-id.xlf", xlf, TMK_FMT_XLIFF, path, sizeof(path)), 0);
	ck_assert_ptr_nonnull(strstr(k.reason, "segment uuää"));
	ck_assert(clean_utf8(k.reason, strlen(k.reason)));
	ck_assert_int_eq(tmk_tm_open(&tm, ":memory:", 0), 0);
	ck_assert_int_eq(tmk_import_file(tm, &rep, path, &io), 0);
	ck_assert_uint_eq(rep.nskips, 1);
	ck_assert(clean_utf8(rep.skips[0].reason, strlen(rep.skips[0].reason)));
	tmk_import_report_release(&rep);
	tmk_tm_free(tm);
	tm = NULL;
	/* a TMX header's creationtool */
	umlauts(id, sizeof(id), "TT", 150);
	snprintf(xlf, sizeof(xlf), "<tmx version=\"1.4\"><header creationtool=\"%s\" creationtoolversion=\"1\" "
		 "segtype=\"sentence\" o-tmf=\"x\" adminlang=\"en\" srclang=\"en\" datatype=\"plaintext\"/><body>"
		 "<tu><tuv xml:lang=\"en\"><seg>a</seg></tuv><tuv xml:lang=\"de\"><seg>b</seg></tuv></tu></body></tmx>",
		 id);
	ck_assert_int_eq(read_one(&k, "tool.tmx", xlf, TMK_FMT_TMX, path, sizeof(path)), 0);
	ck_assert_uint_eq(strncmp(k.sink.tool, "TTää", 6), 0);
	ck_assert(clean_utf8(k.sink.tool, strlen(k.sink.tool)));
	/* an XLIFF header's <tool> (xliff_read.c, 128) */
	snprintf(xlf, sizeof(xlf), "<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">"
		 "<file original=\"f\" source-language=\"en\" target-language=\"de\" datatype=\"plaintext\">"
		 "<header><tool tool-id=\"t\" tool-name=\"%s\"/></header><body><trans-unit id=\"1\">"
		 "<source>a</source><target>b</target></trans-unit></body></file></xliff>", id);
	ck_assert_int_eq(read_one(&k, "tool.xlf", xlf, TMK_FMT_XLIFF, path, sizeof(path)), 0);
	ck_assert_uint_eq(strncmp(k.sink.tool, "TTää", 6), 0);
	ck_assert(clean_utf8(k.sink.tool, strlen(k.sink.tool)));
	/* a PO message quotes 20 bytes of the line: "xää..." cuts an ä */
	umlauts(id, sizeof(id), "x", 20);
	snprintf(xlf, sizeof(xlf), "msgid \"a\"\nmsgstr \"b\"\n\n%s\n", id);
	ck_assert_int_eq(read_one(&k, "cut.po", xlf, TMK_FMT_PO, path, sizeof(path)), TMK_EINPUT);
	ck_assert_ptr_nonnull(strstr(tmk_error_last(), "cut.po:4: expected msgctxt, msgid or msgstr, found 'xää"));
	ck_assert(clean_utf8(tmk_error_last(), strlen(tmk_error_last())));
	/* messages that quote bytes that are no UTF-8 at all */
	tmk_error_set(TMK_EINPUT, "f:1: '%s' and '%s'", "\xC3", "ok \xE2\x82\xAC \xFF\xFE");
	ck_assert_str_eq(tmk_error_last(), "f:1: '?' and 'ok € ?\?'");
}
END_TEST

/* An unknown status or language in a term file is the file's fault:
 * TMK_EINPUT (it was the TMK_EINVAL of tmk_concept_add), with file, line
 * and a message that stays UTF-8 however long the value. */
START_TEST(fixed_term_code)
{
	char csv[1024], st[300], path[128];
	tmk_term_import_report rep = { 0 };
	mbuf b = { 0 };

	ck_assert_int_eq(tmk_tm_open(&tm, ":memory:", 0), 0);
	umlauts(st, sizeof(st), "p", 100);
	snprintf(csv, sizeof(csv), "de,en,status\nAnschlag,attack,%s\n", st);
	mb_set(&b, csv, strlen(csv));
	write_case(path, sizeof(path), "status.csv", &b);
	ck_assert_int_eq(tmk_term_import(tm, &rep, path), TMK_EINPUT);
	ck_assert_ptr_nonnull(strstr(tmk_error_last(), "status.csv:2: "));
	ck_assert(clean_utf8(tmk_error_last(), strlen(tmk_error_last())));
	snprintf(csv, sizeof(csv), "<martif type=\"TBX\"><text><body><termEntry><langSet xml:lang=\"%s\"><tig>"
		 "<term>Anschlag</term></tig></langSet></termEntry></body></text></martif>\n", st);
	mb_set(&b, csv, strlen(csv));
	write_case(path, sizeof(path), "lang.tbx", &b);
	ck_assert_int_eq(tmk_term_import(tm, &rep, path), TMK_EINPUT);
	ck_assert_ptr_nonnull(strstr(tmk_error_last(), "lang.tbx:1: "));
	ck_assert(clean_utf8(tmk_error_last(), strlen(tmk_error_last())));
	free(b.p);
	tmk_tm_free(tm);
	tm = NULL;
}
END_TEST

/* The Ding dictionary: a line whose sides have unequal senses (the
 * index took the senses of one side that the other lacks, and every
 * lookup that met one failed: "its index does not fit the file"), and an
 * index file whose entries are damaged past the header (one in 4096 was
 * checked: lookups read outside the text, or a side 2..255 indexed arrays
 * of two). */
START_TEST(fixed_ding)
{
	static const char text[] = "Wort {n} | Wörter {pl} | Worte {pl} :: word\n"
				   "Bericht {m} | Berichte {pl} :: report | reports\n"
				   "Straße {f} :: street | streets\n";
	static const char *const words[] = { "Wörter", "Worte", "Wort", "word", "Berichte", "report", "streets",
					     "Straße" };
	char src[128], idx[128];
	tmk_ding *d;
	tmk_ding_sense *s;
	size_t n, len;
	char *bytes;
	mbuf b = { 0 };

	ck_assert_int_eq(tmk_ding_parse(&d, text, sizeof(text) - 1), 0);
	for (size_t i = 0; i < N(words); i++) {
		ck_assert_msg(tmk_ding_lookup(d, &s, &n, NULL, words[i], strlen(words[i]), 5) == 0, "%s: %s", words[i],
			      tmk_error_last());
		tmk_ding_senses_free(s, n);
	}
	ck_assert_int_eq(tmk_ding_lookup(d, &s, &n, NULL, "Wort", 4, 5), 0);
	ck_assert_uint_ge(n, 1);
	ck_assert_str_eq(s[0].en, "word");
	tmk_ding_senses_free(s, n);
	tmk_ding_free(d);
	/* the index: every entry past the header pointing nowhere */
	mb_set(&b, text, sizeof(text) - 1);
	write_case(src, sizeof(src), "de-en", &b);
	snprintf(idx, sizeof(idx), "%s/de-en.idx", dir);
	ck_assert_int_eq(tmk_ding_open(&d, src, idx), 0);
	tmk_ding_free(d);
	bytes = test_read_file(idx, &len);
	ck_assert_uint_gt(len, 40 + 16);
	for (size_t at = 40; at + 16 <= len; at += 16) {
		if (at > 40)
			memset(bytes + at + 8, 0xFF, 4);        /* the line's offset */
		bytes[at + 14] = 7;                     /* the side */
	}
	mb_set(&b, bytes, len);
	free(bytes);
	write_case(idx, sizeof(idx), "de-en.idx", &b);
	free(b.p);
	ck_assert_int_eq(tmk_ding_open(&d, src, idx), 0);
	for (size_t i = 0; i < N(words); i++) {
		ck_assert_int_eq(tmk_ding_lookup(d, &s, &n, NULL, words[i], strlen(words[i]), 5), 0);
		tmk_ding_senses_free(s, n);
	}
	tmk_ding_free(d);
}
END_TEST

/* An SRX rule that backtracks without end, "(a+)+b", on forty letters
 * (2^40 ways to split them) ran for hours; now ICU's time limit stops
 * it with an error naming the rule's line.  The same pattern as a
 * languagepattern, against a long language tag, matches nothing. */
START_TEST(fixed_srx_backtracking)
{
	static const char srx[] =
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<srx xmlns=\"http://www.lisa.org/srx20\" version=\"2.0\">\n"
		"<header segmentsubflows=\"yes\" cascade=\"no\"/><body>\n"
		"<languagerules><languagerule languagerulename=\"x\">\n"
		"<rule break=\"yes\"><beforebreak>(a+)+b</beforebreak><afterbreak></afterbreak></rule>\n"
		"</languagerule></languagerules>\n"
		"<maprules><languagemap languagepattern=\"(a+)+b|en.*\" languagerulename=\"x\"/></maprules>\n"
		"</body></srx>\n";
	char text[64];
	tmk_srx *x;
	tmk_sentence *s;
	size_t n;

	memset(text, 'a', 40);
	strcpy(text + 40, " c.");
	ck_assert_int_eq(tmk_srx_parse(&x, "evil.srx", srx, sizeof(srx) - 1), 0);
	ck_assert_int_eq(tmk_srx_segment(x, "en", text, strlen(text), &s, &n), TMK_ERROR);
	ck_assert_str_eq(tmk_error_last(), "SRX rule at line 5 failed on the text: U_REGEX_TIME_OUT");
	ck_assert_uint_eq(tmk_srx_rule_count(x, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"), 0);
	ck_assert_uint_eq(tmk_srx_rule_count(x, "en-GB"), 1);
	tmk_srx_free(x);
}
END_TEST

static int first_term(void *ud, const tmk_concept *c)
{
	snprintf(ud, 64, "%s", c->terms[0].text);
	return 0;
}

/* NFC across the pieces XML text arrives in: "Cafe&#x301;" is "Café"
 * (expat hands over "Cafe" and the combining accent apart, and each was
 * normalised on its own) in TMX segments and notes, XLIFF segments and
 * TBX terms (which were not normalised at all). */
START_TEST(fixed_nfc_pieces)
{
	static const char tmx[] = "<tmx version=\"1.4\"><header srclang=\"en\"/><body><tu>"
				  "<note>Cafe&#x301; note</note>"
				  "<tuv xml:lang=\"en\"><seg>Cafe&#x301;</seg></tuv>"
				  "<tuv xml:lang=\"de\"><seg>Cafe\xCC\x81 &#x301;x</seg></tuv></tu></body></tmx>";
	static const char xlf[] = "<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">"
				  "<file original=\"f\" source-language=\"en\" target-language=\"de\" datatype=\"plaintext\">"
				  "<body><trans-unit id=\"1\"><source>Cafe&#x301;<x id=\"1\"/>&#x301;</source>"
				  "<target>Cafe&#x301;<x id=\"1\"/>&#x301;</target></trans-unit></body></file></xliff>";
	static const char tbx[] = "<martif type=\"TBX\"><text><body><termEntry>"
				  "<langSet xml:lang=\"de\"><tig><term>Cafe&#x301;</term></tig></langSet>"
				  "<langSet xml:lang=\"en\"><tig><term>cafe</term></tig></langSet>"
				  "</termEntry></body></text></martif>\n";
	tmk_buf b = TMK_BUF_INIT;
	tmk_term_import_report rep = { 0 };
	tmk_term_filter f = { 0 };
	char path[128], term[64];
	keep_one k;
	mbuf m = { 0 };

	/* the function itself: a piece that starts with a combining mark */
	tmk_buf_puts(&b, "Cafe");
	ck_assert_int_eq(tmk_nfc_append(&b, "\xCC\x81 ok", 5), 0);
	ck_assert_str_eq(b.ptr, "Caf\xC3\xA9 ok");
	ck_assert_int_eq(tmk_nfc_append(&b, "\xEE\x80\x80", 3), 0);
	ck_assert_int_eq(tmk_nfc_append(&b, "\xCC\x81", 2), 0);        /* a placeholder takes no accent */
	ck_assert_str_eq(b.ptr, "Caf\xC3\xA9 ok\xEE\x80\x80\xCC\x81");
	tmk_buf_release(&b);
	ck_assert_int_eq(tmk_nfc_append(&b, "\xCC\x81", 2), 0);
	ck_assert_str_eq(b.ptr, "\xCC\x81");
	tmk_buf_release(&b);
	/* TMX */
	ck_assert_int_eq(read_one(&k, "nfc.tmx", tmx, TMK_FMT_TMX, path, sizeof(path)), 0);
	ck_assert_str_eq(k.source, "Caf\xC3\xA9");
	ck_assert_str_eq(k.target, "Caf\xC3\xA9 \xCC\x81x");
	/* XLIFF: the accent after the code stays apart (the placeholder is no letter) */
	ck_assert_int_eq(read_one(&k, "nfc.xlf", xlf, TMK_FMT_XLIFF, path, sizeof(path)), 0);
	ck_assert_str_eq(k.source, "Caf\xC3\xA9\xEE\x80\x80\xCC\x81");
	/* TBX */
	ck_assert_int_eq(tmk_tm_open(&tm, ":memory:", 0), 0);
	mb_set(&m, tbx, sizeof(tbx) - 1);
	write_case(path, sizeof(path), "nfc.tbx", &m);
	free(m.p);
	ck_assert_int_eq(tmk_term_import(tm, &rep, path), 0);
	ck_assert_int_eq(tmk_term_list(tm, &f, first_term, term), 0);
	ck_assert_str_eq(term, "Caf\xC3\xA9");
	tmk_tm_free(tm);
	tm = NULL;
}
END_TEST

/* A DOCTYPE naming an external DTD (tmx14.dtd, TBXcoreStructV02.dtd: never
 * read) made expat skip "&nbsp;" without a word: the TMX and TBX readers
 * now refuse it with file and line, as the XLIFF reader does. */
START_TEST(fixed_undeclared_entity)
{
	static const char tmx[] = "<?xml version=\"1.0\"?>\n<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">\n"
				  "<tmx version=\"1.4\"><header srclang=\"en\"/><body>\n<tu>"
				  "<tuv xml:lang=\"en\"><seg>a&nbsp;b</seg></tuv>"
				  "<tuv xml:lang=\"de\"><seg>a b</seg></tuv></tu></body></tmx>";
	static const char tbx[] = "<?xml version=\"1.0\"?>\n<!DOCTYPE martif SYSTEM \"TBXcoreStructV02.dtd\">\n"
				  "<martif type=\"TBX\"><text><body><termEntry>"
				  "<langSet xml:lang=\"de\"><tig><term>a&nbsp;b</term></tig></langSet>"
				  "<langSet xml:lang=\"en\"><tig><term>ab</term></tig></langSet>"
				  "</termEntry></body></text></martif>\n";
	tmk_term_import_report rep = { 0 };
	char path[128], want[192];
	keep_one k;
	mbuf m = { 0 };

	ck_assert_int_eq(read_one(&k, "nbsp.tmx", tmx, TMK_FMT_TMX, path, sizeof(path)), TMK_EINPUT);
	snprintf(want, sizeof(want), "%s:4: reference to the undeclared entity 'nbsp' refused", path);
	ck_assert_msg(strstr(tmk_error_last(), want), "%s", tmk_error_last());
	ck_assert_uint_eq(k.units, 0);
	ck_assert_int_eq(tmk_tm_open(&tm, ":memory:", 0), 0);
	mb_set(&m, tbx, sizeof(tbx) - 1);
	write_case(path, sizeof(path), "nbsp.tbx", &m);
	free(m.p);
	ck_assert_int_eq(tmk_term_import(tm, &rep, path), TMK_EINPUT);
	snprintf(want, sizeof(want), "%s:3: reference to the undeclared entity 'nbsp' refused", path);
	ck_assert_msg(strstr(tmk_error_last(), want), "%s", tmk_error_last());
	tmk_tm_free(tm);
	tm = NULL;
}
END_TEST

/* ---- the cases ------------------------------------------------------------------ */

typedef struct {
	const char *name;
	int pool, kind;
	unsigned cases;
	void (*run)(const mbuf *in, rng *r);
} parser;

enum {
	P_XLIFF, P_PRETRANSLATE, P_TMX, P_TBX, P_TERM_CSV, P_TERM_TSV, P_CSV, P_TSV, P_PO, P_MO, P_DING,
	P_DING_INDEX, P_ABBR, P_STARTERS, P_WORDS, P_CFG, P_MANIFEST, P_SRX, NPARSERS
};

static const parser parsers[NPARSERS] = {
	[P_XLIFF] = { "xliff", POOL_XLIFF, K_XML, 1000, run_xliff },
	[P_PRETRANSLATE] = { "pretranslate", POOL_JOB, K_XML, 300, run_pretranslate },
	[P_TMX] = { "tmx", POOL_TMX, K_XML, 500, run_tmx },
	[P_TBX] = { "tbx", POOL_TBX, K_XML, 300, run_tbx },
	[P_TERM_CSV] = { "term-csv", POOL_CSV, K_TEXT, 150, run_term_csv },
	[P_TERM_TSV] = { "term-tsv", POOL_TSV, K_TEXT, 50, run_term_tsv },
	[P_CSV] = { "csv", POOL_CSV, K_TEXT, 300, run_csv },
	[P_TSV] = { "tsv", POOL_TSV, K_TEXT, 250, run_tsv },
	[P_PO] = { "po", POOL_PO, K_TEXT, 300, run_po },
	[P_MO] = { "mo", POOL_MO, K_BIN, 300, run_mo },
	[P_DING] = { "ding", POOL_DING, K_TEXT, 200, run_ding },
	[P_DING_INDEX] = { "ding-index", POOL_DING, K_BIN, 100, run_ding_index },
	[P_ABBR] = { "abbreviations", POOL_ABBR, K_TEXT, 75, run_abbr },
	[P_STARTERS] = { "starters", POOL_STARTERS, K_TEXT, 50, run_starters },
	[P_WORDS] = { "words", POOL_WORDS, K_TEXT, 75, run_words },
	[P_CFG] = { "qa-config", POOL_CFG, K_TEXT, 75, run_qa_config },
	[P_MANIFEST] = { "manifest", POOL_MANIFEST, K_TEXT, 75, run_manifest },
	[P_SRX] = { "srx", POOL_SRX, K_XML, 300, run_srx },
};

/* Cases BATCH * I .. of parser P: a seed, up to three mutations, the run.
 * Every 16th case is a seed as it is. */
static void run_batch(int p, int i)
{
	const parser *ps = &parsers[p];
	const pool *pl = &pools[ps->pool];

	for (unsigned k = 0; k < BATCH; k++) {
		unsigned n = (unsigned)i * BATCH + k;
		char log[400] = "";
		rng r;
		const seed *s;
		mbuf b = { 0 };
		int nm;

		if (n >= ps->cases * scale)
			break;
		if (only >= 0 && n != (unsigned long)only)
			continue;
		ran = 1;
		rng_seed(&r, (unsigned)p, n);
		s = &pl->s[below(&r, pl->n)];
		mb_set(&b, s->data, s->len);
		nm = n % 16 == 0 ? 0 : 1 + (int)below(&r, 3);
		for (int m = 0; m < nm; m++)
			mutate(&r, &b, pl, ps->kind, log, sizeof(log));
		snprintf(where, sizeof(where), "%s case %u (%s; %s)", ps->name, n, s->name, log[0] ? log : "as it is");
		ps->run(&b, &r);
		free(b.p);
	}
}

#define PARSER_TEST(fn, p) \
	START_TEST(fn) { run_batch(p, _i); } END_TEST

PARSER_TEST(t_xliff, P_XLIFF)
PARSER_TEST(t_pretranslate, P_PRETRANSLATE)
PARSER_TEST(t_tmx, P_TMX)
PARSER_TEST(t_tbx, P_TBX)
PARSER_TEST(t_term_csv, P_TERM_CSV)
PARSER_TEST(t_term_tsv, P_TERM_TSV)
PARSER_TEST(t_csv, P_CSV)
PARSER_TEST(t_tsv, P_TSV)
PARSER_TEST(t_po, P_PO)
PARSER_TEST(t_mo, P_MO)
PARSER_TEST(t_ding, P_DING)
PARSER_TEST(t_ding_index, P_DING_INDEX)
PARSER_TEST(t_abbr, P_ABBR)
PARSER_TEST(t_starters, P_STARTERS)
PARSER_TEST(t_words, P_WORDS)
PARSER_TEST(t_cfg, P_CFG)
PARSER_TEST(t_manifest, P_MANIFEST)
PARSER_TEST(t_srx, P_SRX)

static void add(Suite *s, const char *name, const TTest *t, int p, void (*su)(void), void (*td)(void))
{
	TCase *tc = tcase_create(name);

	tcase_add_checked_fixture(tc, su, td);
	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, t, 0, (int)((parsers[p].cases * scale + BATCH - 1) / BATCH));
	suite_add_tcase(s, tc);
}

static Suite *malformed_suite(void)
{
	Suite *s = suite_create("malformed");
	const char *sc = getenv("TMK_MALFORMED_SCALE");

	if (sc && atoi(sc) > 0)
		scale = (unsigned)atoi(sc);
	if ((sc = getenv("TMK_MALFORMED_CASE")))
		only = atol(sc);
	load_seeds();
	add(s, "xliff", t_xliff, P_XLIFF, setup, teardown);
	add(s, "pretranslate", t_pretranslate, P_PRETRANSLATE, pretranslate_setup, pretranslate_teardown);
	add(s, "tmx", t_tmx, P_TMX, setup, teardown);
	add(s, "tbx", t_tbx, P_TBX, term_setup, pretranslate_teardown);
	add(s, "term-csv", t_term_csv, P_TERM_CSV, term_setup, pretranslate_teardown);
	add(s, "term-tsv", t_term_tsv, P_TERM_TSV, term_setup, pretranslate_teardown);
	add(s, "csv", t_csv, P_CSV, setup, teardown);
	add(s, "tsv", t_tsv, P_TSV, setup, teardown);
	add(s, "po", t_po, P_PO, setup, teardown);
	add(s, "mo", t_mo, P_MO, setup, teardown);
	add(s, "ding", t_ding, P_DING, setup, teardown);
	add(s, "ding-index", t_ding_index, P_DING_INDEX, setup, teardown);
	add(s, "abbreviations", t_abbr, P_ABBR, setup, teardown);
	add(s, "starters", t_starters, P_STARTERS, setup, teardown);
	add(s, "words", t_words, P_WORDS, setup, teardown);
	add(s, "qa-config", t_cfg, P_CFG, setup, teardown);
	add(s, "manifest", t_manifest, P_MANIFEST, setup, teardown);
	add(s, "srx", t_srx, P_SRX, setup, teardown);
	{
		TCase *tc = tcase_create("fixed");
		tcase_add_checked_fixture(tc, setup, teardown);
		tcase_add_test(tc, fixed_cut_utf8);
		tcase_add_test(tc, fixed_term_code);
		tcase_add_test(tc, fixed_nfc_pieces);
		tcase_add_test(tc, fixed_undeclared_entity);
		tcase_add_test(tc, fixed_ding);
		tcase_add_test(tc, fixed_srx_backtracking);
		suite_add_tcase(s, tc);
	}
	return s;
}

TEST_MAIN(malformed_suite)
