/* test_term.c - the term base (term.c, term_io.c): adding and merging,
 * lookups the way translators type, import of malformed files (nothing
 * half-imported), and export -> import round trips in CSV, TMX and TBX. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "term.h"
#include "term_io.h"
#include "tests.h"
#include "tm.h"
#include "utf8.h"

static char dir[64], path[96];
static tmk_tm *tm;

static void setup(void)
{
	snprintf(dir, sizeof(dir), "/tmp/tmkit-term-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/t.tm", dir);
	ck_assert_int_eq(tmk_tm_open(&tm, path, 0), 0);
}

static void teardown(void)
{
	char cmd[128];

	tmk_tm_free(tm);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

static int64_t add(const char *type, const char *de, const char *en)
{
	tmk_term_in t[2] = { { "de", de, strlen(de), NULL, NULL }, { "en", en, strlen(en), NULL, NULL } };
	tmk_concept_in c = { type, NULL, NULL, NULL, NULL, t, 2 };
	int64_t id;
	int merged, changed;

	ck_assert_int_eq(tmk_concept_add(tm, &id, &merged, &changed, &c), 0);
	return id;
}

/* The concept a lookup of Q finds first, and how. */
static int64_t first_hit(const char *q, tmk_match_kind *how)
{
	tmk_term_hit *h;
	size_t n;
	int64_t id = 0;

	ck_assert_int_eq(tmk_term_lookup(tm, &h, &n, NULL, q, strlen(q), 10), 0);
	if (n) {
		id = h[0].concept->id;
		*how = h[0].how;
	}
	tmk_term_hits_free(h, n);
	return id;
}

static void write_file(const char *name, const char *text, char *out, size_t size)
{
	FILE *f;

	snprintf(out, size, "%s/%s", dir, name);
	ck_assert_ptr_nonnull(f = fopen(out, "w"));
	fputs(text, f);
	fclose(f);
}

START_TEST(lookup_forms)
{
	static const struct {
		const char *query;
		int concept;            /* 1-based index into the added concepts */
		tmk_match_kind how;
	} cases[] = {
		{ "Verfassungsschutz", 1, TMK_MATCH_EXACT },
		{ "VERFASSUNGSSCHUTZ", 1, TMK_MATCH_EXACT },
		{ "des Verfassungsschutzes", 1, TMK_MATCH_INFLECTED },
		{ "Verfassungsschutzbericht", 1, TMK_MATCH_COMPOUND },
		{ "Landesamt für Verfassungsschutz", 1, TMK_MATCH_PHRASE },
		{ "Office for the Protection of the Constitution", 1, TMK_MATCH_EXACT },
		{ "Terrormilizen", 2, TMK_MATCH_INFLECTED },
		{ "Dschihadisten", 3, TMK_MATCH_INFLECTED },
		{ "jihadists", 3, TMK_MATCH_INFLECTED },
		{ "Khorāsān", 4, TMK_MATCH_EXACT },
		{ "Mönchengladbach", 5, TMK_MATCH_EXACT },
		{ "Moenchengladbach", 5, TMK_MATCH_EXACT },
		{ "Strasse", 6, TMK_MATCH_EXACT },
		{ "Takim", 7, TMK_MATCH_CONTAINS },
		{ "Sicherheitsratsbeschluss", 8, TMK_MATCH_COMPOUND },
		{ "des Kölner Doms", 9, TMK_MATCH_INFLECTED },  /* a short word's genitive */
		{ "Köln", 10, TMK_MATCH_EXACT },
		/* a name's genitive, ranked above the longer name that holds it */
		{ "Tadschikistans", 11, TMK_MATCH_INFLECTED },
		{ "Badachschans", 13, TMK_MATCH_INFLECTED },
		/* an adjective's other endings: the stemmer keeps short words whole */
		{ "Nahen Osten", 14, TMK_MATCH_INFLECTED },
		{ "im Nahen Osten", 14, TMK_MATCH_INFLECTED },
		/* a name inside a hyphenated compound */
		{ "Assad-Regime", 15, TMK_MATCH_CONTAINS },
		{ "Lawrow-Besuch", 16, TMK_MATCH_SPELLING },
	};
	int64_t ids[17];
	tmk_match_kind how;

	ids[1] = add("organisation", "Verfassungsschutz", "Office for the Protection of the Constitution");
	ids[2] = add("term", "Terrormiliz", "terrorist militia");
	ids[3] = add("term", "Dschihadist", "jihadist");
	ids[4] = add("place", "Khorasan", "Khorasan");
	ids[5] = add("place", "Mönchengladbach", "Mönchengladbach");
	ids[6] = add("term", "Straße", "street");
	ids[7] = add("organisation", "Takim-Zelle", "Takim cell");
	ids[8] = add("organisation", "Sicherheitsrat", "Security Council");
	ids[9] = add("place", "Kölner Dom", "Cologne Cathedral");
	ids[10] = add("place", "Köln", "Cologne");
	ids[11] = add("place", "Tadschikistan", "Tajikistan");
	ids[12] = add("organisation", "Partei der Islamischen Wiedergeburt Tadschikistans",
		      "Islamic Renaissance Party of Tajikistan");
	ids[13] = add("place", "Badachschan", "Badakhshan");
	ids[14] = add("place", "Naher Osten", "Middle East");
	ids[15] = add("person", "Baschar al-Assad", "Bashar al-Assad");
	ids[16] = add("person", "Sergej Lawrov", "Sergei Lavrov");
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int64_t got = first_hit(cases[i].query, &how);
		ck_assert_msg(got == ids[cases[i].concept], "%s: concept %lld, want %lld", cases[i].query,
			      (long long)got, (long long)ids[cases[i].concept]);
		ck_assert_msg(how == cases[i].how, "%s: %s, want %s", cases[i].query, tmk_match_name(how),
			      tmk_match_name(cases[i].how));
	}
	ck_assert_int_eq(first_hit("Bundestag", &how), 0);
	ck_assert_int_eq(first_hit("Rat", &how), 0);    /* too short a piece to be a compound part */
}
END_TEST

/* Names spelled otherwise (term_names.c): on transliteration skeletons,
 * a whole name or one word of it; another consonant is another name, and
 * words that are not names are not compared. */
START_TEST(lookup_spelling)
{
	static const struct {
		const char *query;
		int concept;            /* 0: none */
	} cases[] = {
		{ "Chalimov", 1 }, { "Khalimow", 1 }, { "Halimov", 1 }, { "KHALIMOV", 1 },
		{ "Rachmon", 2 }, { "Emomali Rachmon", 2 }, { "Badakshan", 3 }, { "Dschalalabad", 4 },
		{ "Khalilov", 0 },      /* l for m: another name */
		{ "Anschlage", 5 },     /* the plural's stem, not its spelling */
		{ "Anschlog", 0 },      /* a word is not a name: no tolerance */
	};
	int64_t ids[6] = { 0 };
	tmk_match_kind how;

	ids[1] = add("person", "Chalimow", "Khalimov");
	ids[2] = add("person", "Emomali Rahmon", "Emomali Rahmon");
	ids[3] = add("place", "Badachschan", "Badakhshan");
	ids[4] = add("place", "Dschalalabad", "Jalalabad");
	ids[5] = add("term", "Anschlag", "attack");
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int64_t got = first_hit(cases[i].query, &how);
		ck_assert_msg(got == ids[cases[i].concept], "%s: concept %lld, want %lld", cases[i].query,
			      (long long)got, (long long)ids[cases[i].concept]);
	}
	ck_assert_int_eq(first_hit("Khalimow", &how), ids[1]);
	ck_assert_int_eq(how, TMK_MATCH_SPELLING);
	ck_assert_int_eq(first_hit("Khalimov", &how), ids[1]);
	ck_assert_int_eq(how, TMK_MATCH_EXACT);
}
END_TEST

START_TEST(add_merge_edit_remove)
{
	tmk_term_in t[3] = {
		{ "de", "Generalbundesanwalt", 19, NULL, NULL },
		{ "en", "Federal Public Prosecutor General", 33, NULL, NULL },
		{ "en", "Federal Prosecutor", 18, "admitted", "shorter, in news" },
	};
	tmk_concept_in c = { "organisation", "law", NULL, NULL, NULL, t, 2 };
	tmk_concept *got;
	int64_t id, id2;
	int merged, changed;

	ck_assert_int_eq(tmk_concept_add(tm, &id, &merged, &changed, &c), 0);
	ck_assert(!merged && changed);
	c.nterms = 3;           /* the same preferred terms: merged, one term more */
	c.definition = "federal prosecution authority";
	ck_assert_int_eq(tmk_concept_add(tm, &id2, &merged, &changed, &c), 0);
	ck_assert(merged && changed);
	ck_assert_int_eq(id2, id);
	ck_assert_int_eq(tmk_concept_add(tm, &id2, &merged, &changed, &c), 0);
	ck_assert(merged && !changed);
	ck_assert_int_eq(tmk_concept_get(tm, &got, id), 0);
	ck_assert_uint_eq(got->nterms, 3);
	ck_assert_str_eq(got->terms[2].text, "Federal Prosecutor");
	ck_assert_str_eq(got->terms[2].status, "admitted");
	ck_assert_str_eq(got->terms[2].note, "shorter, in news");
	ck_assert_str_eq(got->definition, "federal prosecution authority");
	tmk_concept_free(got);
	/* edit: a forbidden variant, the domain cleared */
	{
		tmk_term_in f = { "en", "Attorney General", 16, "forbidden", "a US office" };
		tmk_concept_in e = { NULL, "", NULL, NULL, NULL, &f, 1 };
		ck_assert_int_eq(tmk_concept_edit(tm, id, &e), 0);
	}
	ck_assert_int_eq(tmk_concept_get(tm, &got, id), 0);
	ck_assert_ptr_null(got->domain);
	ck_assert_str_eq(got->terms[3].status, "forbidden");
	tmk_concept_free(got);
	ck_assert_int_eq(tmk_concept_remove(tm, id, "en", "Attorney General"), 0);
	ck_assert_int_eq(tmk_concept_remove(tm, id, "en", "Attorney General"), TMK_EINPUT);
	ck_assert_int_eq(tmk_concept_remove(tm, id, NULL, NULL), 0);
	ck_assert_int_eq(tmk_concept_get(tm, &got, id), TMK_EINPUT);
	/* bad input */
	c.type = "thing";
	ck_assert_int_eq(tmk_concept_add(tm, &id, &merged, &changed, &c), TMK_EINVAL);
	c.type = NULL;
	t[0].text = "  ";
	t[0].len = 2;
	ck_assert_int_eq(tmk_concept_add(tm, &id, &merged, &changed, &c), TMK_EINVAL);
	ck_assert_ptr_nonnull(strstr(tmk_error_last(), "empty de term"));
}
END_TEST

static const struct {
	const char *name, *text, *msg;
} bad_files[] = {
	{ "a.csv", "de,en\nAnschlag,attack\n\"Terror,terror\n", "a.csv:3: unclosed quote" },
	{ "b.csv", "de,en\nAnschlag,attack\n,terror\n", "b.csv:3: an empty de term" },
	{ "c.csv", "de,en\nAnschlag;;Attentat,attack\n", "c.csv:2: an empty de term" },
	{ "d.csv", "de,en,type\nAnschlag,attack,thing\n", "d.csv:2: unknown type 'thing'" },
	{ "e.csv", "Anschlag,attack\n", "e.csv:1: the first line must name the columns" },
	{ "f.tsv", "de\ten\tstatus\nAnschlag\tattack\tgood\n", "f.tsv:2: unknown status 'good'" },
	{ "g.tbx", "<tbx><text><body><conceptEntry><langSec xml:lang=\"de\"><termSec><term>A</term>"
		   "</termSec></langSec>\n</body></text></tbx>", "g.tbx:2:3: not well-formed XML" },
	{ "h.tbx", "<tbx><text><body><conceptEntry>\n<langSec xml:lang=\"de\"><termSec><term> </term>"
		   "</termSec></langSec></conceptEntry></body></text></tbx>", "h.tbx:2: an empty de term" },
	{ "i.csv", "de,en\nGr\xfc\xdf""e,greetings\n", "i.csv:2: invalid UTF-8" },
	{ "j.xml", "<html><body/></html>", "j.xml:1: <html>: not TBX or TMX" },
	{ "k.csv", "", "k.csv: empty" },
};

/* A malformed file: a message naming it and the line, nothing imported
 * (the good rows before the bad one neither). */
START_TEST(import_malformed)
{
	char p[160];
	tmk_term_import_report rep = { 0 };
	size_t concepts, terms;

	write_file(bad_files[_i].name, bad_files[_i].text, p, sizeof(p));
	ck_assert_int_lt(tmk_term_import(tm, &rep, p), 0);
	ck_assert_msg(strstr(tmk_error_last(), bad_files[_i].msg), "'%s' lacks '%s'", tmk_error_last(),
		      bad_files[_i].msg);
	ck_assert_int_eq(tmk_term_count(tm, &concepts, &terms), 0);
	ck_assert_uint_eq(concepts, 0);
}
END_TEST

/* issue 12: a TBX (or TSV) in UTF-16, either byte order, with a BOM or
 * (XML) without, and UTF-8 with a BOM, import as their UTF-8 twins do;
 * U+1D11E tests a surrogate pair. */
static const char tbx_utf16[] =
	"<?xml version=\"1.0\" encoding=\"%s\"?>\r\n"
	"<tbx type=\"TBX-Basic\" style=\"dca\" xml:lang=\"en\" xmlns=\"urn:iso:std:iso:30042:ed-2\">\r\n"
	"<text><body>\r\n"
	"<conceptEntry id=\"c1\"><descrip type=\"definition\">Zeichen \xF0\x9D\x84\x9E</descrip>\r\n"
	"<langSec xml:lang=\"de\"><termSec><term>Schl\xC3\xA4" "ferzelle</term></termSec></langSec>\r\n"
	"<langSec xml:lang=\"en\"><termSec><term>sleeper cell</term></termSec></langSec>\r\n"
	"</conceptEntry></body></text></tbx>\r\n";

static const char tsv_utf16[] =
	"de\ten\tdefinition\r\nSchl\xC3\xA4" "ferzelle\tsleeper cell\tZeichen \xF0\x9D\x84\x9E\r\n";

static const struct {
	const char *name, *encoding;
	int order;              /* 0 UTF-8, 1 UTF-16LE, 2 UTF-16BE */
	int bom;
} encoded[] = {
	{ "le.tbx", "UTF-16", 1, 1 },
	{ "be.tbx", "UTF-16", 2, 1 },
	{ "le-no-bom.tbx", "UTF-16", 1, 0 },
	{ "be-no-bom.tbx", "UTF-16", 2, 0 },
	{ "bom.tbx", "UTF-8", 0, 1 },
	{ "le.tsv", NULL, 1, 1 },
	{ "be.tsv", NULL, 2, 1 },
	{ "bom.tsv", NULL, 0, 1 },
};

/* Append code unit C to B in byte order ORDER. */
static void put_unit(tmk_buf *b, uint32_t c, int order)
{
	tmk_buf_putc(b, (char)(order == 1 ? c & 0xFF : c >> 8));
	tmk_buf_putc(b, (char)(order == 1 ? c >> 8 : c & 0xFF));
}

/* TEXT (UTF-8) as a file in ORDER, with a BOM or not. */
static void write_encoded(const char *name, const char *text, int order, int bom, char *out,
			  size_t size)
{
	tmk_buf b = TMK_BUF_INIT;
	size_t i = 0, len = strlen(text);
	FILE *f;

	if (bom && order)
		put_unit(&b, 0xFEFF, order);
	else if (bom)
		tmk_buf_puts(&b, "\xEF\xBB\xBF");
	while (i < len) {
		int32_t c = tmk_utf8_next(text, len, &i);
		if (!order) {
			continue;
		} else if (c >= 0x10000) {
			put_unit(&b, 0xD800 + ((uint32_t)(c - 0x10000) >> 10), order);
			put_unit(&b, 0xDC00 + ((uint32_t)(c - 0x10000) & 0x3FF), order);
		} else {
			put_unit(&b, (uint32_t)c, order);
		}
	}
	if (!order)
		tmk_buf_puts(&b, text);
	snprintf(out, size, "%s/%s", dir, name);
	ck_assert_ptr_nonnull(f = fopen(out, "wb"));
	ck_assert_uint_eq(fwrite(b.ptr, 1, b.len, f), b.len);
	fclose(f);
	tmk_buf_release(&b);
}

static void dump(tmk_tm *t, tmk_buf *b);

START_TEST(import_encodings)
{
	tmk_term_import_report rep = { 0 };
	tmk_buf got = TMK_BUF_INIT, text = TMK_BUF_INIT;
	char p[160];

	if (encoded[_i].encoding)
		tmk_buf_printf(&text, tbx_utf16, encoded[_i].encoding);
	else
		tmk_buf_puts(&text, tsv_utf16);
	write_encoded(encoded[_i].name, text.ptr, encoded[_i].order, encoded[_i].bom, p, sizeof(p));
	ck_assert_msg(tmk_term_import(tm, &rep, p) == 0, "%s: %s", encoded[_i].name, tmk_error_last());
	ck_assert_uint_eq(rep.added, 1);
	dump(tm, &got);
	ck_assert_str_eq(got.ptr, "term||Zeichen \xF0\x9D\x84\x9E||\n"
				  "  de|Schl\xC3\xA4" "ferzelle|preferred|\n"
				  "  en|sleeper cell|preferred|\n");
	tmk_buf_release(&got);
	tmk_buf_release(&text);
}
END_TEST

static const struct {
	const char *name;
	const char *bytes;
	size_t len;
	const char *msg;
} bad_encoded[] = {
	{ "odd.tbx", "\xFF\xFE<\0t\0b\0x\0>", 9, "odd.tbx:1: UTF-16 with an odd number of bytes" },
	{ "lone.tsv", "\xFF\xFE" "d\0e\0\n\0\x00\xD8x\0", 12,
	  "lone.tsv:2: a lone UTF-16 surrogate (0xd800) at byte offset 8" },
	{ "utf8-as-1252.tbx", "<?xml version=\"1.0\" encoding=\"windows-1252\"?><tbx>Stra\xC3\x9F" "e</tbx>", 63,
	  "utf8-as-1252.tbx:1: declares encoding \"windows-1252\", but its bytes are UTF-8" },
	{ "shiftjis.tbx", "<?xml version=\"1.0\" encoding=\"Shift_JIS\"?><tbx>\x82\xa0</tbx>", 52,
	  "shiftjis.tbx:1:31: not well-formed XML: unknown encoding" },
};

/* Issue 12: a glossary exported by a Windows tool in windows-1252 reads
 * as the characters it means. */
START_TEST(import_single_byte)
{
	static const char tbx[] =
		"<?xml version=\"1.0\" encoding=\"windows-1252\"?>\n"
		"<tbx type=\"TBX-Basic\" xmlns=\"urn:iso:std:iso:30042:ed-2\"><text><body>"
		"<conceptEntry id=\"c1\"><langSec xml:lang=\"de\"><termSec><term>Stra\xDF" "enk\xE4mpfe \x80</term>"
		"</termSec></langSec><langSec xml:lang=\"en\"><termSec><term>street fights</term></termSec>"
		"</langSec></conceptEntry></body></text></tbx>\n";
	tmk_term_import_report rep = { 0 };
	tmk_buf got = TMK_BUF_INIT;
	char p[160];
	FILE *f;

	snprintf(p, sizeof(p), "%s/cp1252.tbx", dir);
	ck_assert_ptr_nonnull(f = fopen(p, "wb"));
	ck_assert_uint_eq(fwrite(tbx, 1, sizeof(tbx) - 1, f), sizeof(tbx) - 1);
	fclose(f);
	ck_assert_msg(tmk_term_import(tm, &rep, p) == 0, "%s", tmk_error_last());
	dump(tm, &got);
	ck_assert_str_eq(got.ptr, "term||||\n  de|Stra\xC3\x9F" "enk\xC3\xA4mpfe \xE2\x82\xAC|preferred|\n"
				  "  en|street fights|preferred|\n");
	tmk_buf_release(&got);
}
END_TEST

START_TEST(import_bad_encodings)
{
	tmk_term_import_report rep = { 0 };
	size_t concepts, terms;
	char p[160];
	FILE *f;

	snprintf(p, sizeof(p), "%s/%s", dir, bad_encoded[_i].name);
	ck_assert_ptr_nonnull(f = fopen(p, "wb"));
	ck_assert_uint_eq(fwrite(bad_encoded[_i].bytes, 1, bad_encoded[_i].len, f), bad_encoded[_i].len);
	fclose(f);
	ck_assert_int_eq(tmk_term_import(tm, &rep, p), TMK_EINPUT);
	ck_assert_msg(strstr(tmk_error_last(), bad_encoded[_i].msg), "'%s' lacks '%s'",
		      tmk_error_last(), bad_encoded[_i].msg);
	ck_assert_int_eq(tmk_term_count(tm, &concepts, &terms), 0);
	ck_assert_uint_eq(concepts, 0);
}
END_TEST

/* Every concept of the term base as one string, for comparing two. */
static int dump_one(void *ud, const tmk_concept *c)
{
	tmk_buf *b = ud;

	tmk_buf_printf(b, "%s|%s|%s|%s|%s\n", c->type, c->domain ? c->domain : "",
		       c->definition ? c->definition : "", c->note ? c->note : "",
		       c->source ? c->source : "");
	for (size_t i = 0; i < c->nterms; i++)
		tmk_buf_printf(b, "  %s|%s|%s|%s\n", c->terms[i].lang, c->terms[i].text,
			       c->terms[i].status, c->terms[i].note ? c->terms[i].note : "");
	return 0;
}

static void dump(tmk_tm *t, tmk_buf *b)
{
	tmk_term_filter f = { NULL, NULL, NULL, NULL };

	ck_assert_int_eq(tmk_term_list(t, &f, dump_one, b), 0);
}

START_TEST(round_trip)
{
	static const char csv[] =
		"de,en,de_status,en_status,en_note,type,domain,definition,note,source\n"
		"\"Verfassungsschutz; BfV\",\"Office for the Protection of the Constitution; BfV\","
		"preferred; admitted,,,organisation,security,\"Germany's domestic intelligence, "
		"\"\"the BfV\"\"\",,seed article\n"
		"Generalbundesanwalt,Federal Public Prosecutor General; Attorney General,,"
		"preferred; forbidden,; US office\\; not German,organisation,law,,,\n"
		"Schläferzelle,sleeper cell,,,,term,,,<b>&amp;</b> markup-like text,\n";
	static const tmk_term_format formats[] = { TMK_TERM_CSV, TMK_TERM_TMX, TMK_TERM_TBX };
	static const char *const ext[] = { "csv", "tmx", "tbx" };
	tmk_term_import_report rep = { 0 };
	tmk_buf before = TMK_BUF_INIT;
	char p[160];

	write_file("in.csv", csv, p, sizeof(p));
	ck_assert_int_eq(tmk_term_import(tm, &rep, p), 0);
	ck_assert_uint_eq(rep.added, 3);
	dump(tm, &before);
	ck_assert_ptr_nonnull(strstr(before.ptr, "en|Attorney General|forbidden|US office; not German"));
	for (int k = 0; k < 3; k++) {
		char out[160], tm2path[160];
		tmk_tm *t2;
		tmk_buf after = TMK_BUF_INIT;
		size_t count;
		FILE *f;

		snprintf(out, sizeof(out), "%s/out.%s", dir, ext[k]);
		ck_assert_ptr_nonnull(f = fopen(out, "w"));
		{
			tmk_term_filter all = { NULL, NULL, NULL, NULL };
			ck_assert_int_eq(tmk_term_export(tm, f, formats[k], &all, 0, &count), 0);
		}
		fclose(f);
		ck_assert_uint_eq(count, 3);
		snprintf(tm2path, sizeof(tm2path), "%s/r%d.tm", dir, k);
		ck_assert_int_eq(tmk_tm_open(&t2, tm2path, 0), 0);
		ck_assert_int_eq(tmk_term_import(t2, &rep, out), 0);
		ck_assert_uint_eq(rep.added, 3);
		dump(t2, &after);
		ck_assert_msg(!strcmp(before.ptr, after.ptr), "%s:\n%s\nvs\n%s", ext[k], before.ptr, after.ptr);
		/* importing it again changes nothing */
		ck_assert_int_eq(tmk_term_import(t2, &rep, out), 0);
		ck_assert_uint_eq(rep.unchanged, 3);
		tmk_tm_free(t2);
		tmk_buf_release(&after);
	}
	tmk_buf_release(&before);
}
END_TEST

static Suite *term_suite(void)
{
	Suite *s = suite_create("term");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, lookup_forms);
	tcase_add_test(tc, lookup_spelling);
	tcase_add_test(tc, add_merge_edit_remove);
	tcase_add_loop_test(tc, import_malformed, 0, sizeof(bad_files) / sizeof(bad_files[0]));
	tcase_add_test(tc, round_trip);
	tcase_add_loop_test(tc, import_encodings, 0, sizeof(encoded) / sizeof(encoded[0]));
	tcase_add_test(tc, import_single_byte);
	tcase_add_loop_test(tc, import_bad_encodings, 0, sizeof(bad_encoded) / sizeof(bad_encoded[0]));
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(term_suite)
