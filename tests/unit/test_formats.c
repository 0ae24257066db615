/* test_formats.c - the import readers (formats/): what each yields from
 * good input, and a clear error naming file and line for bad input. */
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "formats/reader.h"
#include "formats/xml.h"
#include "tests.h"

#define B(lit) lit, sizeof(lit) - 1

/* A sink that writes "src>tgt:source=target" per unit and "-line:reason"
 * per skip into one buffer. */
static tmk_buf got;

static int on_unit(tmk_sink *s, const tmk_unit_in *u)
{
	(void)s;
	tmk_buf_printf(&got, "%s>%s:%.*s=%.*s", u->src_lang, u->tgt_lang, (int)u->source_len,
		       u->source, (int)u->target_len, u->target);
	if (u->source_markup)
		tmk_buf_printf(&got, "[%.*s]", (int)u->source_markup_len, u->source_markup);
	for (size_t i = 0; i < u->nnotes; i++) {
		const tmk_note *n = &u->notes[i];
		tmk_buf_printf(&got, "{%s%s%s:%s", n->scope ? (n->scope == 1 ? "s:" : "t:") : "", n->kind,
			       n->type ? n->type : "", n->value);
		if (n->xml_lang || n->o_encoding)
			tmk_buf_printf(&got, "@%s/%s", n->xml_lang ? n->xml_lang : "", n->o_encoding ? n->o_encoding : "");
		tmk_buf_putc(&got, '}');
	}
	for (size_t i = 0; i < u->nattrs; i++)
		tmk_buf_printf(&got, "<%d:%s=%s>", u->attrs[i].scope, u->attrs[i].name, u->attrs[i].value);
	if (u->tuid || u->created_at || u->changed_at || u->usage_count)
		tmk_buf_printf(&got, "(%s|%s|%s|%ld)", u->tuid ? u->tuid : "", u->created_at ? u->created_at : "",
			       u->changed_at ? u->changed_at : "", u->usage_count);
	return tmk_buf_puts(&got, ";");
}

static int on_skip(tmk_sink *s, long line, const char *reason)
{
	(void)s;
	return tmk_buf_printf(&got, "-%ld:%s;", line, reason);
}

static tmk_sink sink = { on_unit, on_skip, NULL, "", NULL, 0 };

static const tmk_delim_opts no_opts = { NULL, NULL, 0, 0 };

static void reset(void)
{
	tmk_buf_clear(&got);
	tmk_error_clear();
	sink.tool[0] = '\0';
}

/* ---- TSV and CSV -------------------------------------------------------- */

START_TEST(tsv_good)
{
	static const char in[] = "English\tGerman\nopen\töffnen\n\nclose\t\nsave\tspeichern\textra\n";
	reset();
	ck_assert_int_eq(tmk_read_tsv(&sink, "t.tsv", B(in), &no_opts), 0);
	ck_assert_str_eq(got.ptr, "en>de:open=öffnen;-4:empty target;en>de:save=speichern;");
}
END_TEST

/* regression (found by tools/fuzz): a first line of one field made the
 * reader use the second column before it had decided there was one */
START_TEST(tsv_one_field_first)
{
	reset();
	ck_assert_int_eq(tmk_read_tsv(&sink, "t.tsv", B("1\n"), &no_opts), 0);
	ck_assert_str_eq(got.ptr, "-1:1 field, column 2 needed;");
	reset();
	ck_assert_int_eq(tmk_read_csv(&sink, "t.csv", B("1\n"), &no_opts), 0);
	ck_assert_str_eq(got.ptr, "-1:1 field, column 2 needed;");
}
END_TEST

START_TEST(tsv_columns)
{
	static const char in[] = "1\tEins\tOne\n2\tZwei\n";
	tmk_delim_opts o = { "de", "en", 2, 3 };
	reset();
	ck_assert_int_eq(tmk_read_tsv(&sink, "t.tsv", B(in), &o), 0);
	ck_assert_str_eq(got.ptr, "de>en:Eins=One;-2:2 fields, column 3 needed;");
}
END_TEST

START_TEST(csv_good)
{
	static const char in[] =
		"de,en\r\n"
		"\"Haus, groß\",\"house, big\"\r\n"
		"\"Er sagte \"\"nein\"\"\",He said \"no\"\r\n"
		"\"zwei\nZeilen\",two lines\r\n"
		"ohne,Anführung\r\n";
	reset();
	ck_assert_int_eq(tmk_read_csv(&sink, "t.csv", B(in), &no_opts), 0);
	ck_assert_str_eq(got.ptr, "de>en:Haus, groß=house, big;de>en:Er sagte \"nein\"=He said \"no\";"
			 "de>en:zwei\nZeilen=two lines;de>en:ohne=Anführung;");
}
END_TEST

START_TEST(csv_semicolons)
{
	static const char in[] = "Quelle;Ziel\nTag;day\n";
	reset();
	ck_assert_int_eq(tmk_read_csv(&sink, "t.csv", B(in), &no_opts), 0);
	ck_assert_str_eq(got.ptr, "de>en:Tag=day;");
}
END_TEST

static const struct {
	const char *in;
	size_t len;
	const char *msg;
} bad_csv[] = {
	{ B("a,b\n\"open,x\n"), "t.csv:2: unclosed quote" },
	{ B("a,b\n\"x\"y,z\n"), "t.csv:2: text after a closing quote" },
	{ B("a,b\n\"multi\nline\",x\n\"again,y\n"), "t.csv:4: unclosed quote" },
};

START_TEST(csv_bad)
{
	reset();
	ck_assert_int_eq(tmk_read_csv(&sink, "t.csv", bad_csv[_i].in, bad_csv[_i].len, &no_opts),
			 TMK_EINPUT);
	ck_assert_msg(strstr(tmk_error_last(), bad_csv[_i].msg), "'%s' lacks '%s'", tmk_error_last(),
		      bad_csv[_i].msg);
}
END_TEST

/* ---- TMX -------------------------------------------------------------- */

static int read_tmx_text(const char *text, size_t len)
{
	char path[] = "/tmp/tmkit-tmx-XXXXXX";
	int fd = mkstemp(path), rc;

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, text, len), (ssize_t)len);
	close(fd);
	reset();
	rc = tmk_read_tmx(&sink, path);
	/* messages name the temporary file: keep only what follows it */
	unlink(path);
	return rc;
}

START_TEST(tmx_good)
{
	static const char in[] =
		"<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header srclang=\"DE-de\" creationtool=\"T\"/>"
		"<body>\n<tu><note>n1</note><tuv xml:lang=\"de-DE\"><seg>A <ph x=\"1\">&amp;x;</ph>b<hi>c</hi></seg></tuv>"
		"<tuv xml:lang=\"en\"><seg>B</seg></tuv></tu>\n"
		"<tu srclang=\"en\"><tuv lang=\"EN\"><seg>E</seg></tuv><tuv lang=\"FR\"><seg>F</seg></tuv>"
		"<tuv lang=\"de\"><seg>D</seg></tuv></tu>\n"
		"<tu><tuv xml:lang=\"de\"><seg></seg></tuv><tuv xml:lang=\"en\"><seg>x</seg></tuv></tu>\n"
		"</body></tmx>\n";

	ck_assert_int_eq(read_tmx_text(B(in)), 0);
	ck_assert_str_eq(got.ptr,
		"de-DE>en:A bc=B[A <ph x=\"1\">&amp;x;</ph>b<hi>c</hi>]{note:n1};"
		"en>fr:E=F;en>de:E=D;-5:empty segment;");
	ck_assert_str_eq(sink.tool, "T");
}
END_TEST

static const struct {
	const char *in;
	size_t len;
	const char *msg;
} bad_tmx[] = {
	{ B(""), "empty file, not TMX" },
	{ B("<?xml version=\"1.0\"?>\n<tmx><body>\n<tu><tuv><seg>x</seg></tuv></tu></body></tmx>"),
	  ":3: <tuv> without xml:lang" },
	{ B("<tmx><body><tu><tuv xml:lang=\"de\"><seg>a</tuv></tu></body></tmx>"),
	  ":1:43: not well-formed XML: mismatched tag" },
	{ B("<tmx><body>\n<tu><tuv xml:lang=\"de\"><seg>a<b>x</b></seg></tuv></tu></body></tmx>"),
	  ":2: <b> is not allowed inside <seg>" },
	{ B("<?xml version=\"1.0\"?><!DOCTYPE tmx [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;\">]>"
	    "<tmx><body/></tmx>"), "entity declaration 'a' refused" },
	{ B("<!DOCTYPE tmx [<!ENTITY x SYSTEM \"/etc/passwd\">]><tmx><body>&x;</body></tmx>"),
	  "entity declaration 'x' refused" },
	{ B("<?xml version=\"1.0\" encoding=\"latin1\"?><tmx><body><tu><tuv xml:lang=\"de\">"
	    "<seg>\xc3\xa4</seg></tuv></tu></body></tmx>"), "declares encoding \"latin1\", but its bytes are UTF-8" },
	{ B("<?xml version=\"1.0\" encoding=\"UTF-8\"?><tmx><body><tu><tuv xml:lang=\"de\">"
	    "<seg>\xe4</seg></tuv></tu></body></tmx>"), "not well-formed XML" },
	{ B("<?xml version=\"1.0\" encoding=\"x-unheard-of\"?><tmx/>"),
	  "an encoding tmkit cannot read (convert the file: iconv" },
	{ B("<?xml version=\"1.0\" encoding=\"Shift_JIS\"?><tmx/>"),         /* multi-byte: not taken */
	  "an encoding tmkit cannot read" },
	{ B("<html><body/></html>"), "the root element is <html>, not <tmx>" },
	{ B("<tmx><body><tu><tuv xml:lang=\"de\"><seg>a</seg></tuv></tu></body>"), "no element found" },
	{ B("<tmx><body>\n<tu><tuv xml:lang=\"en US\"><seg>a</seg></tuv></tu></body></tmx>"),
	  ":2: <tuv> xml:lang: 'en US' is not a language tag" },
	{ B("<tmx><header srclang=\"*any*\"/><body/></tmx>"), ":1: the header's srclang: '*any*' is not a language tag" },
};

START_TEST(tmx_bad)
{
	ck_assert_int_eq(read_tmx_text(bad_tmx[_i].in, bad_tmx[_i].len), TMK_EINPUT);
	ck_assert_msg(strstr(tmk_error_last(), bad_tmx[_i].msg), "'%s' lacks '%s'", tmk_error_last(),
		      bad_tmx[_i].msg);
	/* units read before the fault may have reached the sink: the importer's
	 * transaction is what keeps them out of the TM (tests/tm, tests/cli) */
}
END_TEST

/* Issue 12: what a CAT tool's unit carries comes through whole: full tags,
 * variant-to-variant pairs, every attribute and note with its place. */
START_TEST(tmx_fidelity)
{
	static const char in[] =
		"<tmx version=\"1.4\"><header srclang=\"en-us\" creationtool=\"X\"/><body>\n"
		"<tu tuid=\"t1\" creationid=\"ys\" creationdate=\"20020523T091200Z\" usagecount=\"3\""
		" datatype=\"plaintext\" xml:space=\"preserve\">"
		"<note xml:lang=\"en-us\" o-encoding=\"iso-8859-1\">tu note</note><prop type=\"x-Origin\">TM</prop>"
		"<tuv xml:lang=\"EN-us\" changeid=\"jo\"><prop type=\"x-Context\">c</prop><seg> US\ttext </seg></tuv>"
		"<tuv xml:lang=\"en-GB\"><note>gb</note><seg>GB text</seg></tuv>"
		"<tuv xml:lang=\"de-CH\" creationid=\"ch\"><seg>Strasse</seg></tuv></tu>\n"
		"<tu srclang=\"en\" changedate=\"bogus\"><tuv xml:lang=\"en-US\"><seg>a</seg></tuv>"
		"<tuv xml:lang=\"fr-CA\"><seg>b</seg></tuv></tu>\n"
		"<tu srclang=\"en\"><tuv xml:lang=\"en-US\"><seg>a</seg></tuv>"
		"<tuv xml:lang=\"en-GB\"><seg>b</seg></tuv></tu>\n"
		"<tu><tuv xml:lang=\"en-US\"><seg>a</seg></tuv><tuv xml:lang=\"en-us\"><seg>b</seg></tuv></tu>\n"
		"</body></tmx>\n";

	ck_assert_int_eq(read_tmx_text(B(in)), 0);
	ck_assert_str_eq(got.ptr,
		"en-US>en-GB: US\ttext =GB text{note:tu note@en-us/iso-8859-1}{propx-Origin:TM}"
		"{s:propx-Context:c}{t:note:gb}<0:creationid=ys><0:datatype=plaintext><1:changeid=jo>"
		"(t1|2002-05-23T09:12:00Z||3);"
		"en-US>de-CH: US\ttext =Strasse{note:tu note@en-us/iso-8859-1}{propx-Origin:TM}"
		"{s:propx-Context:c}<0:creationid=ys><0:datatype=plaintext><1:changeid=jo><2:creationid=ch>"
		"(t1|2002-05-23T09:12:00Z||3);"
		"en-US>fr-CA:a=b<0:changedate=bogus>;"
		"-4:no <tuv> in the source language 'en';"
		"-5:all <tuv> in one language;");
}
END_TEST

/* Issue 12: Olifant and other Windows tools write windows-1252; expat
 * alone knows only UTF-8/16, ISO-8859-1 and ASCII. */
START_TEST(tmx_single_byte_encodings)
{
	static const char cp1252[] =
		"<?xml version=\"1.0\" encoding=\"windows-1252\"?><tmx><header srclang=\"de\"/><body>"
		"<tu><tuv xml:lang=\"de\"><seg>5 \x80 f\xfcr \x84" "Gr\xfc\xdf" "e\x93</seg></tuv>"
		"<tuv xml:lang=\"en\"><seg>\x80" "5 for \x93regards\x94</seg></tuv></tu></body></tmx>";
	static const char latin9[] =
		"<?xml version=\"1.0\" encoding=\"ISO-8859-15\"?><tmx><header srclang=\"de\"/><body>"
		"<tu><tuv xml:lang=\"de\"><seg>\xa4 \xe4</seg></tuv><tuv xml:lang=\"en\"><seg>x</seg></tuv></tu>"
		"</body></tmx>";

	ck_assert_int_eq(read_tmx_text(B(cp1252)), 0);
	ck_assert_str_eq(got.ptr, "de>en:5 € für „Grüße“=€5 for “regards”;");
	ck_assert_int_eq(read_tmx_text(B(latin9)), 0);
	ck_assert_str_eq(got.ptr, "de>en:€ ä=x;");
}
END_TEST

START_TEST(tmx_missing_file)
{
	reset();
	ck_assert_int_eq(tmk_read_tmx(&sink, "/nonexistent/x.tmx"), TMK_EIO);
	ck_assert_ptr_nonnull(strstr(tmk_error_last(), "cannot open '/nonexistent/x.tmx'"));
}
END_TEST

/* ---- PO and MO ----------------------------------------------------------- */

START_TEST(po_good)
{
	static const char in[] =
		"msgid \"\"\nmsgstr \"Language: fr_FR\\n\"\n\n"
		"msgid \"Tab\\there \\\"q\\\" \\101\"\nmsgstr \"Tab\\tici\"\n\n"
		"#, c-format, fuzzy\nmsgid \"f\"\nmsgstr \"F\"\n\n"
		"#~ msgid \"old\"\n#~ msgstr \"alt\"\n\n"
		"msgctxt \"menu\"\nmsgid \"File\"\nmsgstr \"Fichier\"\n"
		"msgid \"one\"\nmsgid_plural \"many\"\nmsgstr[0] \"un\"\nmsgstr[1] \"plusieurs\"\n"
		"\nmsgctxt \"c\"\nmsgid \"\"\nmsgstr \"leer\"\n"                  /* msgid on line 23 */
		"\nmsgid \"bad \\303\"\nmsgstr \"x\"\n"                           /* line 26 */
		"\nmsgid \"nul \\0 here\"\nmsgstr \"x\"\n";                       /* line 29 */
	reset();
	ck_assert_int_eq(tmk_read_po(&sink, "t.po", B(in)), 0);
	ck_assert_str_eq(got.ptr, "en>fr-FR:Tab\there \"q\" A=Tab\tici;-8:fuzzy entry;"
			 "en>fr-FR:File=Fichier{propx-msgctxt:menu};en>fr-FR:one=un;-23:empty msgid;"
			 "-26:an escape makes invalid UTF-8 or a NUL character;"
			 "-29:an escape makes invalid UTF-8 or a NUL character;");
}
END_TEST

static const struct {
	const char *in;
	size_t len;
	const char *msg;
} bad_po[] = {
	{ B("msgid \"a\"\nmsgstr \"b\n"), "t.po:2: string not closed" },
	{ B("msgid \"a\"\n"), "t.po:1: msgid without msgstr" },
	{ B("msgstr \"b\"\n"), "t.po:1: msgstr without a msgid" },
	{ B("msgid \"a\"\nmsgstr \"b\"\nbogus \"c\"\n"), "t.po:3: expected msgctxt, msgid or msgstr" },
	{ B("\"dangling\"\n"), "t.po:1: a string with no keyword" },
	{ B("msgid \"a\\q\"\nmsgstr \"b\"\n"), "t.po:1: unknown escape" },
};

START_TEST(po_bad)
{
	reset();
	ck_assert_int_eq(tmk_read_po(&sink, "t.po", bad_po[_i].in, bad_po[_i].len), TMK_EINPUT);
	ck_assert_msg(strstr(tmk_error_last(), bad_po[_i].msg), "'%s' lacks '%s'", tmk_error_last(),
		      bad_po[_i].msg);
}
END_TEST

/* Build an MO file with N entries (little-endian). */
static size_t make_mo(unsigned char *buf, const char *const *orig, const char *const *tr, uint32_t n)
{
	uint32_t off = 28 + 16 * n;
	size_t len = off;

	memset(buf, 0, off);
#define PUT32(at, v) do { uint32_t v_ = (v); memcpy(buf + (at), &v_, 4); } while (0)
	PUT32(0, 0x950412de);
	PUT32(8, n);
	PUT32(12, 28);
	PUT32(16, 28 + 8 * n);
	for (uint32_t i = 0; i < n; i++) {
		const char *s[2] = { orig[i], tr[i] };
		for (int k = 0; k < 2; k++) {
			size_t l = strlen(s[k]);        /* "ctx\4File": EOT is no NUL */
			PUT32(28 + 8 * n * k + 8 * i, (uint32_t)l);
			PUT32(28 + 8 * n * k + 8 * i + 4, (uint32_t)len);
			memcpy(buf + len, s[k], l + 1);
			len += l + 1;
		}
	}
#undef PUT32
	return len;
}

START_TEST(mo_good_and_bad)
{
	static const char *const orig[] = { "", "Open", "Gone", "ctx\x04" "File" };
	static const char *const tr[] = { "Language: de\n", "Öffnen", "", "Datei" };
	unsigned char buf[512];
	size_t len = make_mo(buf, orig, tr, 4);

	reset();
	ck_assert_int_eq(tmk_read_mo(&sink, "t.mo", (const char *)buf, len), 0);
	ck_assert_str_eq(got.ptr, "en>de:Open=Öffnen;-3:untranslated entry;en>de:File=Datei{propx-msgctxt:ctx};");

	reset();
	ck_assert_int_eq(tmk_read_mo(&sink, "t.mo", (const char *)buf, 20), TMK_EINPUT);
	ck_assert_ptr_nonnull(strstr(tmk_error_last(), "t.mo: not an MO file (too short)"));
	buf[0] ^= 0xFF;
	ck_assert_int_eq(tmk_read_mo(&sink, "t.mo", (const char *)buf, len), TMK_EINPUT);
	ck_assert_ptr_nonnull(strstr(tmk_error_last(), "bad magic number"));
	buf[0] ^= 0xFF;
	ck_assert_int_eq(tmk_read_mo(&sink, "t.mo", (const char *)buf, len - 10), TMK_EINPUT);
	ck_assert_ptr_nonnull(strstr(tmk_error_last(), "corrupt MO file"));
	buf[8] = 200;           /* more strings than the tables hold */
	ck_assert_int_eq(tmk_read_mo(&sink, "t.mo", (const char *)buf, len), TMK_EINPUT);
	ck_assert_ptr_nonnull(strstr(tmk_error_last(), "corrupt MO file"));
}
END_TEST

START_TEST(xml_escape)
{
	tmk_buf b = TMK_BUF_INIT;

	tmk_xml_escape(&b, B("a<b>&\"c\"\x01\td"), 0);
	ck_assert_str_eq(b.ptr, "a&lt;b&gt;&amp;\"c\" \td");
	tmk_buf_clear(&b);
	tmk_xml_escape(&b, B("\"x\"\n"), 1);
	ck_assert_str_eq(b.ptr, "&quot;x&quot;&#10;");
	tmk_buf_release(&b);
}
END_TEST

static Suite *formats_suite(void)
{
	Suite *s = suite_create("formats");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, tsv_good);
	tcase_add_test(tc, tsv_one_field_first);
	tcase_add_test(tc, tsv_columns);
	tcase_add_test(tc, csv_good);
	tcase_add_test(tc, csv_semicolons);
	tcase_add_loop_test(tc, csv_bad, 0, sizeof(bad_csv) / sizeof(bad_csv[0]));
	tcase_add_test(tc, tmx_good);
	tcase_add_loop_test(tc, tmx_bad, 0, sizeof(bad_tmx) / sizeof(bad_tmx[0]));
	tcase_add_test(tc, tmx_fidelity);
	tcase_add_test(tc, tmx_single_byte_encodings);
	tcase_add_test(tc, tmx_missing_file);
	tcase_add_test(tc, po_good);
	tcase_add_loop_test(tc, po_bad, 0, sizeof(bad_po) / sizeof(bad_po[0]));
	tcase_add_test(tc, mo_good_and_bad);
	tcase_add_test(tc, xml_escape);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(formats_suite)
