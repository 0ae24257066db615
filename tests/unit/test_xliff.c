/* test_xliff.c - the XLIFF reader (formats/xliff*.c): segments, inline
 * codes and their placeholders, states, languages, byte offsets, the
 * import sink, and a clear error naming file and line for bad input
 * (issue 13).  The sample jobs are tests/data/xliff/ (written from the
 * specifications; see its README). */
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "formats/reader.h"
#include "formats/xliff.h"
#include "tests.h"
#include "utf8.h"

#define DATA TMK_TEST_DATA "/xliff/"

/* What the reader gave, one line a segment:
 * "KEY state SOURCE => TARGET" with placeholders as {n}, "-" for no target. */
static tmk_buf got;
static tmk_xliff_reader rd;

static void plain(tmk_buf *b, const char *s, size_t len)
{
	for (size_t i = 0; i < len;) {
		size_t at = i;
		int32_t c = tmk_utf8_next(s, len, &i);
		if (tmk_xliff_is_code(c))
			tmk_buf_printf(b, "{%d}", c - TMK_XLIFF_CODE_BASE);
		else
			tmk_buf_put(b, s + at, i - at);
	}
}

static int dump(void *ud, const tmk_xliff_unit *u)
{
	(void)ud;
	for (size_t i = 0; i < u->nsegs; i++) {
		const tmk_xliff_segment *s = &u->segs[i];
		tmk_buf_printf(&got, "%s %s ", s->key, tmk_xliff_state_name(s->state));
		plain(&got, s->source.text, s->source.len);
		tmk_buf_puts(&got, " => ");
		if (s->has_target)
			plain(&got, s->target.text, s->target.len);
		else
			tmk_buf_putc(&got, '-');
		tmk_buf_putc(&got, '\n');
	}
	return 0;
}

/* The units of each kept whole (a copy of one segment at a time). */
static tmk_xliff_segment seg_copy[16];
static tmk_xliff_unit unit_copy;
static size_t want_unit;         /* which unit to keep (1-based) */
static size_t nth;
static int flavour;
static char markup_copy[6][512];

static int keep(void *ud, const tmk_xliff_unit *u)
{
	(void)ud;
	dump(ud, u);
	if (++nth != want_unit)
		return 0;
	unit_copy = *u;
	flavour = u->file->flavour;
	for (size_t i = 0; i < u->nsegs && i < 16; i++)
		seg_copy[i] = u->segs[i];
	/* pointers die when the callback returns: keep the markup of the first segment */
	snprintf(markup_copy[0], 512, "%.*s", (int)u->segs[0].source.markup_len, u->segs[0].source.markup);
	snprintf(markup_copy[1], 512, "%s", u->segs[0].source.tmx ? u->segs[0].source.tmx : "(none)");
	snprintf(markup_copy[2], 512, "%s", u->segs[0].ncodes ? u->segs[0].codes[0].markup : "");
	if (u->segs[0].ncodes)
		markup_copy[2][u->segs[0].codes[0].markup_len] = '\0';
	snprintf(markup_copy[3], 512, "%s>%s", u->file->src_lang, u->file->tgt_lang);
	snprintf(markup_copy[4], 512, "%s|%s", u->segs[0].state_value, u->segs[0].id ? u->segs[0].id : "");
	snprintf(markup_copy[5], 512, "%s|%s", u->file->original ? u->file->original : "",
		 u->file->id ? u->file->id : "");
	return 0;
}

static int read_path(const char *path, tmk_xliff_unit_fn fn)
{
	tmk_buf_clear(&got);
	tmk_error_clear();
	memset(&rd, 0, sizeof(rd));
	rd.unit = fn;
	nth = 0;
	return tmk_xliff_read(&rd, path);
}

/* Read XML text through a temporary file; its name is replaced in the
 * message by "t.xlf". */
static char msg[512];

static int read_text(const char *xml, tmk_xliff_unit_fn fn)
{
	char path[] = "/tmp/tmkit-xliff-XXXXXX";
	int fd = mkstemp(path), rc;
	size_t len = strlen(xml);
	const char *m, *at;

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, xml, len), (ssize_t)len);
	close(fd);
	rc = read_path(path, fn);
	unlink(path);
	m = tmk_error_last();
	at = strstr(m, path);
	snprintf(msg, sizeof(msg), "%.*s%s%s", at ? (int)(at - m) : 0, m, at ? "t.xlf" : m,
		 at ? at + strlen(path) : "");
	return rc;
}

#define X12 "<?xml version=\"1.0\"?>\n<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">" \
	"<file original=\"o\" source-language=\"en\" target-language=\"de\" datatype=\"plaintext\"><body>\n"
#define E12 "</body></file></xliff>\n"
#define X20 "<?xml version=\"1.0\"?>\n<xliff version=\"2.0\" xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" " \
	"srcLang=\"en\" trgLang=\"de\"><file id=\"f\">\n"
#define E20 "</file></xliff>\n"

/* ---- segments and states ------------------------------------------------ */

START_TEST(v12_job)
{
	ck_assert_int_eq(read_path(DATA "job12.xlf", dump), 0);
	ck_assert_str_eq(got.ptr,
		"1 translated Open the file. => Öffnen Sie die Datei.\n"
		"2 translated Click {0}Save{1} to keep your changes. => "
		"Klicken Sie auf {0}Speichern{1}, um die Änderungen zu behalten.\n"
		"3 final Press {0}Enter{1}.{2} => Drücken Sie {0}Eingabe{1}.{2}\n"
		"4 draft Close the window. => Schließen Sie das Fenster.\n"
		"5 new Print the page. => \n"
		"6 new Exit the program. => -\n"
		"7 translated tmkit => tmkit\n");
	ck_assert_str_eq(rd.tool, "Handwritten 1.0");
}
END_TEST

START_TEST(sdl_job)
{
	want_unit = 2;
	ck_assert_int_eq(read_path(DATA "job.sdlxliff", keep), 0);
	ck_assert_str_eq(got.ptr,
		"a1/1 final Welcome. => Willkommen.\n"
		"a1/2 translated Click {0}Start{1} to begin. => Klicken Sie auf {0}Start{1}, um zu beginnen.\n"
		/* the <g> around the segment is not in it; deleted text is no text */
		"a2/3 draft Warning: do not remove the cover. => Warnung: Nehmen Sie die Abdeckung nicht ab.\n"
		"a3/4 reviewed Line one{0}Line two => Zeile eins{0}Zeile zwei\n"
		"a3/5 new Serial number: => \n");
	ck_assert_str_eq(markup_copy[4], "Draft|3");
	ck_assert_str_eq(markup_copy[3], "en-US>de-DE");
	ck_assert_int_eq(flavour, TMK_XLIFF_SDL);
}
END_TEST

START_TEST(sdl_locked)
{
	want_unit = 3;
	ck_assert_int_eq(read_path(DATA "job.sdlxliff", keep), 0);
	ck_assert_int_eq(seg_copy[0].locked, 1);
	ck_assert_int_eq(seg_copy[1].locked, 0);
	ck_assert_int_eq(unit_copy.nsegs, 2);
}
END_TEST

START_TEST(mq_job)
{
	want_unit = 2;
	ck_assert_int_eq(read_path(DATA "job.mqxliff", keep), 0);
	ck_assert_str_eq(got.ptr,
		"1 translated Save the {0}document{1}. => Speichern Sie das {0}Dokument{1}.\n"
		"2 final The printer is ready. => Der Drucker ist bereit.\n"
		"3 draft Insert paper into tray {0}. => Legen Sie Papier in Fach {0} ein.\n"
		"4 new Turn the printer off. => \n"
		"5 final The toner is low. => Der Toner ist fast leer.\n");
	ck_assert_int_eq(flavour, TMK_XLIFF_MQ);
	ck_assert_int_eq(seg_copy[0].locked, 1);
	ck_assert_str_eq(markup_copy[4], "Reviewer2Confirmed|");
	ck_assert_str_eq(rd.tool, "MemoQ 9.0");
}
END_TEST

START_TEST(v20_job)
{
	want_unit = 2;
	ck_assert_int_eq(read_path(DATA "job20.xlf", keep), 0);
	ck_assert_str_eq(got.ptr,
		"u1/s1 translated The file was saved. => Die Datei wurde gespeichert.\n"
		"u1/s2 reviewed Click {0}here{1} to open it. => Klicken Sie {0}hier{1}, um sie zu öffnen.\n"
		"u2/s3 new Hello, {0}! => -\n"
		"u3/s4 final {0}Bold{1} and {2}plain{3}. => {0}Fett{1} und {2}schlicht{3}.\n"
		"u4 translated Tab\tstop => Tab\tstopp\n");
	/* the match module's <source> and <target> are no segment */
	ck_assert_int_eq(unit_copy.nsegs, 1);
	ck_assert_uint_gt(unit_copy.matches.end, unit_copy.matches.start);
	ck_assert_int_eq(flavour, TMK_XLIFF_20);
	ck_assert_str_eq(markup_copy[5], "app/strings.json|f1");
}
END_TEST

/* Several segments in one unit, with and without ids; states of each
 * kind; a 2.0 target with no state counts as translated, one in state
 * initial is a draft (2.0 has no other word for a proposal). */
START_TEST(v20_states)
{
	ck_assert_int_eq(read_text(X20 "<unit id=\"u\">"
		"<segment state=\"initial\"><source>a</source><target>x</target></segment>"
		"<segment><source>b</source><target>y</target></segment>"
		"<segment state=\"translated\"><source>c</source></segment>"
		"<segment id=\"z\" state=\"x-odd\"><source>d</source><target>w</target></segment>"
		"<segment state=\"initial\"><source>e</source><target> </target></segment>"
		"</unit>" E20, dump), 0);
	ck_assert_str_eq(got.ptr, "u#1 draft a => x\nu#2 translated b => y\nu#3 new c => -\nu/z draft d => w\n"
			 "u#5 new e =>  \n");
}
END_TEST

static const struct {
	const char *state;
	const char *want;
} states12[] = {
	{ "", "translated" }, { " state=\"translated\"", "translated" }, { " state=\"final\"", "final" },
	{ " state=\"signed-off\"", "final" }, { " state=\"new\"", "new" },
	{ " state=\"needs-translation\"", "new" }, { " state=\"needs-review-translation\"", "draft" },
	{ " state=\"needs-l10n\"", "draft" }, { " state=\"x-custom\"", "draft" },
};

START_TEST(v12_states)
{
	char xml[512], want[128];

	snprintf(xml, sizeof(xml), X12 "<trans-unit id=\"t\"><source>a</source><target%s>b</target></trans-unit>" E12,
		 states12[_i].state);
	snprintf(want, sizeof(want), "t %s a => b\n", states12[_i].want);
	ck_assert_int_eq(read_text(xml, dump), 0);
	ck_assert_str_eq(got.ptr, want);
}
END_TEST

static const struct {
	const char *conf;
	const char *want;
} states_sdl[] = {
	{ "", "new" }, { " conf=\"Unspecified\"", "new" }, { " conf=\"Draft\"", "draft" },
	{ " conf=\"Translated\"", "translated" }, { " conf=\"RejectedTranslation\"", "draft" },
	{ " conf=\"ApprovedTranslation\"", "reviewed" }, { " conf=\"RejectedSignOff\"", "draft" },
	{ " conf=\"ApprovedSignOff\"", "final" },
};

START_TEST(sdl_states)
{
	char xml[1024], want[128];

	snprintf(xml, sizeof(xml), "<xliff xmlns:sdl=\"http://sdl.com/FileTypes/SdlXliff/1.0\" "
		 "xmlns=\"urn:oasis:names:tc:xliff:document:1.2\" version=\"1.2\">"
		 "<file original=\"o\" source-language=\"en\" target-language=\"de\" datatype=\"x\"><body>"
		 "<trans-unit id=\"t\"><source>a</source><seg-source><mrk mtype=\"seg\" mid=\"1\">a</mrk></seg-source>"
		 "<target><mrk mtype=\"seg\" mid=\"1\">b</mrk></target>"
		 "<sdl:seg-defs><sdl:seg id=\"1\"%s/></sdl:seg-defs></trans-unit>" E12, states_sdl[_i].conf);
	snprintf(want, sizeof(want), "t/1 %s a => b\n", states_sdl[_i].want);
	ck_assert_int_eq(read_text(xml, dump), 0);
	ck_assert_str_eq(got.ptr, want);
}
END_TEST

static const struct {
	const char *status;
	const char *want;
} states_mq[] = {
	{ "NotStarted", "new" }, { "Edited", "draft" }, { "PartiallyEdited", "draft" },
	{ "Pretranslated", "draft" }, { "MachineTranslated", "draft" }, { "Rejected", "draft" },
	{ "ManuallyConfirmed", "translated" }, { "Confirmed", "translated" },
	{ "Reviewer1Confirmed", "reviewed" }, { "Reviewer2Confirmed", "final" }, { "Proofread", "final" },
};

START_TEST(mq_states)
{
	char xml[1024], want[128];

	snprintf(xml, sizeof(xml), "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:1.2\" xmlns:mq=\"MQXliff\" "
		 "version=\"1.2\"><file original=\"o\" source-language=\"en\" target-language=\"de\" datatype=\"x\">"
		 "<body><trans-unit id=\"t\" mq:status=\"%s\"><source>a</source><target state=\"final\">b</target>"
		 "</trans-unit>" E12, states_mq[_i].status);
	snprintf(want, sizeof(want), "t %s a => b\n", states_mq[_i].want);
	ck_assert_int_eq(read_text(xml, dump), 0);
	ck_assert_str_eq(got.ptr, want);
}
END_TEST

/* 1.2 <seg-source>: segments by mid, a target <mrk> missing, a target
 * with text but no <mrk> read as one segment. */
START_TEST(v12_seg_source)
{
	ck_assert_int_eq(read_text(X12
		"<trans-unit id=\"a\"><source>One. Two. Three.</source><seg-source>"
		"<mrk mtype=\"seg\" mid=\"1\">One.</mrk> <mrk mtype=\"seg\" mid=\"2\">Two.</mrk> "
		"<mrk mtype=\"seg\" mid=\"3\">Three.</mrk></seg-source>"
		"<target><mrk mtype=\"seg\" mid=\"3\">Drei.</mrk> <mrk mtype=\"seg\" mid=\"1\">Eins.</mrk></target>"
		"</trans-unit>\n"
		"<trans-unit id=\"b\"><source>Four. Five.</source><seg-source>"
		"<mrk mtype=\"seg\" mid=\"4\">Four.</mrk> <mrk mtype=\"seg\" mid=\"5\">Five.</mrk></seg-source>"
		"<target>Vier. Fünf.</target></trans-unit>\n"
		"<trans-unit id=\"c\"><source>Six.</source><seg-source><mrk mtype=\"seg\" mid=\"6\">Six.</mrk>"
		"</seg-source></trans-unit>\n" E12, dump), 0);
	ck_assert_str_eq(got.ptr,
		"a/1 translated One. => Eins.\na/2 new Two. => -\na/3 translated Three. => Drei.\n"
		"b translated Four. Five. => Vier. Fünf.\n"
		"c/6 new Six. => -\n");
}
END_TEST

/* Two <file>s with their own languages; a segment <mrk> in a target
 * without <seg-source> is a mere mark; <bin-unit>, <alt-trans>, notes
 * and foreign elements are passed over. */
START_TEST(v12_files)
{
	ck_assert_int_eq(read_text("<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\" "
		"xmlns:q=\"urn:q\"><file original=\"a\" source-language=\"en\" target-language=\"de\" datatype=\"x\">"
		"<header><q:any><trans-unit id=\"no\"/></q:any></header><body>"
		"<bin-unit id=\"b\" mime-type=\"image/png\"><bin-source><external-file href=\"a.png\"/></bin-source></bin-unit>"
		"<trans-unit id=\"1\"><source>A</source><target><mrk mtype=\"seg\" mid=\"1\">B</mrk></target>"
		"<alt-trans><source>A</source><target>C</target></alt-trans><note>n</note><q:x>y</q:x></trans-unit>"
		"</body></file><file original=\"b\" source-language=\"fr\" target-language=\"it\" datatype=\"x\"><body>"
		"<trans-unit id=\"1\"><source>D</source><target>E</target></trans-unit>" E12, dump), 0);
	ck_assert_str_eq(got.ptr, "1 translated A => B\n1 translated D => E\n");
}
END_TEST

/* ---- inline codes --------------------------------------------------------- */

/* Codes that differ only in ids and attributes give the same plain text;
 * <g> and <bpt>/<ept> read alike; 2.0 <pc> and <sc>/<ec> alike. */
START_TEST(codes_same_plain)
{
	ck_assert_int_eq(read_text(X12
		"<trans-unit id=\"1\"><source>Click <g id=\"1\" ctype=\"bold\">Save</g> now<x id=\"2\"/>.</source></trans-unit>"
		"<trans-unit id=\"2\"><source>Click <g id=\"7\" ctype=\"x-b\" xid=\"q\">Save</g> now<x id=\"9\" ctype=\"lb\"/>.</source></trans-unit>"
		"<trans-unit id=\"3\"><source>Click <bpt id=\"4\">&lt;b&gt;</bpt>Save<ept id=\"4\">&lt;/b&gt;</ept> now<ph id=\"5\">&lt;br/&gt;</ph>.</source></trans-unit>"
		E12, dump), 0);
	ck_assert_str_eq(got.ptr,
		"1 new Click {0}Save{1} now{2}. => -\n"
		"2 new Click {0}Save{1} now{2}. => -\n"
		"3 new Click {0}Save{1} now{2}. => -\n");
	ck_assert_int_eq(read_text(X20
		"<unit id=\"1\"><segment><source>A <pc id=\"1\">b</pc> c<ph id=\"2\"/></source></segment></unit>"
		"<unit id=\"2\"><segment><source>A <sc id=\"8\" type=\"fmt\"/>b<ec startRef=\"8\"/> c<ph id=\"3\" dataRef=\"d\"/></source></segment></unit>"
		E20, dump), 0);
	ck_assert_str_eq(got.ptr, "1 new A {0}b{1} c{2} => -\n2 new A {0}b{1} c{2} => -\n");
}
END_TEST

/* In the target, a code takes the number of the source code it stands
 * for; one the source lacks gets a new number; the codes of the segment
 * are indexed by number, with their markup as written. */
START_TEST(codes_target_numbers)
{
	want_unit = 1;
	ck_assert_int_eq(read_text(X12
		"<trans-unit id=\"1\"><source><g id=\"1\">A</g> <g id=\"2\">B</g></source>"
		"<target><g id=\"2\">b</g> <x id=\"5\"/><g id=\"1\">a</g></target></trans-unit>" E12, keep), 0);
	ck_assert_str_eq(got.ptr, "1 translated {0}A{1} {2}B{3} => {2}b{3} {4}{0}a{1}\n");
	ck_assert_int_eq(seg_copy[0].ncodes, 5);
	ck_assert_int_eq(seg_copy[0].nsource_codes, 4);
	ck_assert_str_eq(markup_copy[0], "<g id=\"1\">A</g> <g id=\"2\">B</g>");
	ck_assert_str_eq(markup_copy[2], "<g id=\"1\">");
	ck_assert_str_eq(markup_copy[1], "<bpt i=\"1\">&lt;g id=\"1\"&gt;</bpt>A<ept i=\"1\">&lt;/g&gt;</ept> "
			 "<bpt i=\"2\">&lt;g id=\"2\"&gt;</bpt>B<ept i=\"2\">&lt;/g&gt;</ept>");
}
END_TEST

/* The code list: kinds, names, ids, partners, markup as written
 * (entities and all); the TMX form holds the native code. */
static int codes_of(void *ud, const tmk_xliff_unit *u)
{
	const tmk_xliff_segment *s = &u->segs[0];

	(void)ud;
	for (size_t k = 0; k < s->ncodes; k++)
		tmk_buf_printf(&got, "%d %s %s %d %.*s|", s->codes[k].kind, s->codes[k].name, s->codes[k].id,
			       s->codes[k].partner, (int)s->codes[k].markup_len, s->codes[k].markup);
	tmk_buf_printf(&got, "%s", s->source.tmx ? s->source.tmx : "(none)");
	return 0;
}

START_TEST(codes_list)
{
	ck_assert_int_eq(read_text(X12 "<trans-unit id=\"1\"><source><bx id=\"1\" rid=\"r\"/>a<bpt id=\"2\">&lt;i&gt;</bpt>"
		"b<ept id=\"2\">&lt;/i&gt;</ept><it id=\"3\" pos=\"close\">&lt;/u&gt;</it><mrk mtype=\"protected\" mid=\"m\">"
		"c</mrk><ph id=\"4\">&amp;nbsp;<sub>alt</sub></ph></source></trans-unit>" E12, codes_of), 0);
	ck_assert_str_eq(got.ptr,
		"2 bx 1 -1 <bx id=\"1\" rid=\"r\"/>|2 bpt 2 2 <bpt id=\"2\">&lt;i&gt;</bpt>|"
		"2 ept 2 1 <ept id=\"2\">&lt;/i&gt;</ept>|2 it 3 -1 <it id=\"3\" pos=\"close\">&lt;/u&gt;</it>|"
		"0 mrk m 5 <mrk mtype=\"protected\" mid=\"m\">|1 mrk m 4 </mrk>|"
		"2 ph 4 -1 <ph id=\"4\">&amp;nbsp;<sub>alt</sub></ph>|"
		"<it pos=\"begin\">&lt;bx id=\"1\" rid=\"r\"/&gt;</it>a<bpt i=\"1\">&lt;i&gt;</bpt>b"
		"<ept i=\"1\">&lt;/i&gt;</ept><it pos=\"end\">&lt;/u&gt;</it>"
		"<bpt i=\"2\">&lt;mrk mtype=\"protected\" mid=\"m\"&gt;</bpt>c<ept i=\"2\">&lt;/mrk&gt;</ept>"
		"<ph>&amp;nbsp;alt</ph>");
}
END_TEST

START_TEST(codes_display)
{
	tmk_buf b = TMK_BUF_INIT;
	tmk_xliff_text t = { 0 };
	tmk_xliff_code codes[4] = {
		{ TMK_XLIFF_OPEN, "g", "1", "<g id=\"1\">", 10, 1 },
		{ TMK_XLIFF_CLOSE, "g", "1", "</g>", 4, 0 },
		{ TMK_XLIFF_ALONE, "x", "2", "<x id=\"2\"/>", 11, -1 },
		{ TMK_XLIFF_ALONE, "it", "3", "<it id=\"3\" pos=\"open\">&lt;i&gt;</it>", 34, -1 },
	};

	t.text = "W\xee\x80\x80ort\xee\x80\x81 ist\xee\x80\x82hi\xee\x80\x83" "er";
	t.len = strlen(t.text);
	ck_assert_int_eq(tmk_xliff_display(&b, t.text, t.len), 0);
	ck_assert_str_eq(b.ptr, "W⟨1⟩ort⟨2⟩ ist⟨3⟩hi⟨4⟩er");
	tmk_buf_clear(&b);
	ck_assert_int_eq(tmk_xliff_reading_text(&b, &t, codes, 4), 0);
	ck_assert_str_eq(b.ptr, "Wort ist hier");
	tmk_buf_release(&b);
}
END_TEST

/* A character of the placeholder range in the text itself is flagged. */
START_TEST(codes_reserved)
{
	want_unit = 1;
	ck_assert_int_eq(read_text(X12 "<trans-unit id=\"1\"><source>Icon &#xE001; here</source>"
				   "<target>Symbol &#xE001; hier</target></trans-unit>" E12, keep), 0);
	ck_assert_int_eq(seg_copy[0].source.reserved, 1);
	ck_assert_int_eq(seg_copy[0].target.reserved, 1);
}
END_TEST

START_TEST(codes_too_many)
{
	tmk_buf xml = TMK_BUF_INIT;

	tmk_buf_puts(&xml, X12 "<trans-unit id=\"1\"><source>");
	for (int i = 0; i <= TMK_XLIFF_MAX_CODES; i++)
		tmk_buf_printf(&xml, "<x id=\"%d\"/>", i);
	tmk_buf_puts(&xml, "</source></trans-unit>" E12);
	ck_assert_int_eq(read_text(xml.ptr, dump), TMK_EINPUT);
	ck_assert_str_eq(msg, "t.xlf:3: more than 6400 inline codes in one segment");
	tmk_buf_release(&xml);
}
END_TEST

/* ---- languages ---------------------------------------------------------- */

START_TEST(languages)
{
	want_unit = 1;
	ck_assert_int_eq(read_text("<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">"
		"<file original=\"o\" source-language=\"EN-us\" datatype=\"x\"><body><trans-unit id=\"1\">"
		"<source>a</source><target xml:lang=\"de-ch\">b</target></trans-unit>" E12, keep), 0);
	ck_assert_str_eq(markup_copy[3], "en-US>de-CH");
	ck_assert_int_eq(read_text("<xliff version=\"2.1\" xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" "
		"srcLang=\"de-latn-de-1996\" trgLang=\"sr-cyrl\"><file id=\"f\"><unit id=\"1\"><segment>"
		"<source>a</source></segment></unit>" E20, keep), 0);
	ck_assert_str_eq(markup_copy[3], "de-Latn-DE-1996>sr-Cyrl");
	/* no target language anywhere: "" */
	ck_assert_int_eq(read_text("<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">"
		"<file original=\"o\" source-language=\"en\" datatype=\"x\"><body><trans-unit id=\"1\">"
		"<source>a</source></trans-unit>" E12, keep), 0);
	ck_assert_str_eq(markup_copy[3], "en>");
}
END_TEST

/* ---- byte offsets ----------------------------------------------------------- */

static char *file_data;

/* Every span of every segment shows the element it names in the file. */
static int check_spans(void *ud, const tmk_xliff_unit *u)
{
	const char *d = file_data;

	(void)ud;
	ck_assert(!strncmp(d + u->start_tag.start, "<trans-unit", 11) || !strncmp(d + u->start_tag.start, "<unit", 5));
	ck_assert(!strncmp(d + u->end_tag.start, "</", 2) && d[u->end_tag.end - 1] == '>');
	for (size_t i = 0; i < u->nsegs; i++) {
		const tmk_xliff_segment *s = &u->segs[i];
		const tmk_xliff_text *t[2] = { &s->source, &s->target };
		for (int k = 0; k < 1 + s->has_target; k++) {
			ck_assert_int_eq(d[t[k]->element.start], '<');
			ck_assert_int_eq(d[t[k]->element.end - 1], '>');
			ck_assert_int_eq(d[t[k]->content.start - 1], '>');
			ck_assert_uint_eq(t[k]->content.end - t[k]->content.start, t[k]->markup_len);
			ck_assert(!memcmp(d + t[k]->content.start, t[k]->markup, t[k]->markup_len));
		}
		if (s->has_target)
			ck_assert_uint_eq(s->target_at, s->target.element.start);
		else
			ck_assert_int_eq(d[s->target_at - 1], '>');
		if (s->state_tag.end)
			ck_assert_int_eq(d[s->state_tag.end - 1], '>');
	}
	return dump(ud, u);
}

static const char *const span_files[] = { "job12.xlf", "job20.xlf", "job.sdlxliff", "job.mqxliff" };

START_TEST(offsets)
{
	char path[512];
	size_t len;

	snprintf(path, sizeof(path), DATA "%s", span_files[_i]);
	file_data = test_read_file(path, &len);
	ck_assert_int_eq(read_path(path, check_spans), 0);
	free(file_data);
}
END_TEST

/* Named places: where a missing target would go, where the state is. */
static size_t at_of[8];
static tmk_xliff_span tag_of[8];

static int places(void *ud, const tmk_xliff_unit *u)
{
	(void)ud;
	for (size_t i = 0; i < u->nsegs && nth < 8; i++, nth++) {
		at_of[nth] = u->segs[i].target_at;
		tag_of[nth] = u->segs[i].state_tag;
	}
	return 0;
}

START_TEST(offsets_places)
{
	static const char xml[] = X12
		"<trans-unit id=\"1\"><source>a</source><seg-source><mrk mtype=\"seg\" mid=\"1\">a</mrk></seg-source>"
		"<note>n</note></trans-unit>"
		"<trans-unit id=\"2\"><source>b</source>  <note>n</note></trans-unit>"
		"<trans-unit id=\"3\"><source>c</source><target state=\"new\"/></trans-unit>" E12;
	const char *p;

	ck_assert_int_eq(read_text(xml, places), 0);
	p = strstr(xml, "</seg-source>") + 13;
	ck_assert_uint_eq(at_of[0], (size_t)(p - xml));
	p = strstr(xml, "<source>b</source>") + 18;
	ck_assert_uint_eq(at_of[1], (size_t)(p - xml));
	p = strstr(xml, "<target state=\"new\"/>");
	ck_assert_uint_eq(at_of[2], (size_t)(p - xml));
	ck_assert_uint_eq(tag_of[2].start, (size_t)(p - xml));
	ck_assert_uint_eq(tag_of[2].end, (size_t)(p - xml) + 21);
}
END_TEST

/* ---- the import sink -------------------------------------------------------- */

static int sink_unit(tmk_sink *s, const tmk_unit_in *u)
{
	(void)s;
	tmk_buf_printf(&got, "%s>%s:%ld:", u->src_lang, u->tgt_lang, u->position);
	plain(&got, u->source, u->source_len);
	tmk_buf_puts(&got, "=");
	plain(&got, u->target, u->target_len);
	if (u->target_markup)
		tmk_buf_printf(&got, "[%.*s]", (int)u->target_markup_len, u->target_markup);
	tmk_buf_printf(&got, "@%s;", u->document ? u->document : "");
	return 0;
}

static int sink_skip(tmk_sink *s, long line, const char *reason)
{
	(void)s;
	return tmk_buf_printf(&got, "-%ld:%s;", line, reason);
}

START_TEST(sink_states)
{
	tmk_sink sink = { sink_unit, sink_skip, NULL, "", NULL, 0 };

	tmk_buf_clear(&got);
	ck_assert_int_eq(tmk_read_xliff(&sink, DATA "job.mqxliff", 0), 0);
	ck_assert_str_eq(got.ptr,
		"en>de:10:Save the {0}document{1}.=Speichern Sie das {0}Dokument{1}."
		"[Speichern Sie das <bpt i=\"1\">{}</bpt>Dokument<ept i=\"1\">{}</ept>.]@manual.docx;"
		"en>de:14:The printer is ready.=Der Drucker ist bereit.@manual.docx;"
		"-18:segment 3: state PartiallyEdited is a draft (--all-states takes drafts);"
		"-22:segment 4: empty target;"
		"en>de:26:The toner is low.=Der Toner ist fast leer.@manual.docx;");
	ck_assert_str_eq(sink.tool, "MemoQ 9.0");
	tmk_buf_clear(&got);
	ck_assert_int_eq(tmk_read_xliff(&sink, DATA "job20.xlf", 1), 0);
	ck_assert_ptr_nonnull(strstr(got.ptr, "-34:segment u2/s3: no target;"));
	tmk_buf_clear(&got);
	ck_assert_int_eq(tmk_read_xliff(&sink, DATA "job.sdlxliff", 1), 0);
	ck_assert_ptr_nonnull(strstr(got.ptr, "en-US>de-DE:25:Warning: do not remove the cover.="
				     "Warnung: Nehmen Sie die Abdeckung nicht ab.@C:\\Jobs\\manual.docx;"));
	ck_assert_ptr_nonnull(strstr(got.ptr, "-31:segment a3/5: empty target;"));
}
END_TEST

/* tmkit check wants the segments without a target too. */
START_TEST(sink_keep_empty)
{
	tmk_sink sink = { sink_unit, sink_skip, NULL, "", NULL, 1 };

	tmk_buf_clear(&got);
	ck_assert_int_eq(tmk_read_xliff(&sink, DATA "job12.xlf", 0), 0);
	ck_assert_ptr_nonnull(strstr(got.ptr, "en-US>de-DE:28:Print the page.=@manual.html;"));
	ck_assert_ptr_nonnull(strstr(got.ptr, "en-US>de-DE:31:Exit the program.=@manual.html;"));
	ck_assert_ptr_nonnull(strstr(got.ptr, "-35:segment 7: translate=\"no\";"));
}
END_TEST

/* ---- bad input ------------------------------------------------------------------- */

static const struct {
	const char *in;
	const char *msg;
} bad[] = {
	{ "", "t.xlf: empty file, not XLIFF" },
	{ "Hello, this is not XML\n", "t.xlf:1:1: not well-formed XML: syntax error" },
	{ "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><body/></tmx>",
	  "t.xlf:2: not an XLIFF file: the root element is <tmx>, not <xliff>" },
	{ "<?xml version=\"1.0\"?>\n<xliff version=\"1.2\" xmlns=\"urn:example:other\"/>",
	  "t.xlf:2: not an XLIFF file: <xliff> is in the namespace 'urn:example:other'" },
	{ "<xliff version=\"2.0\"/>", "t.xlf:1: XLIFF version '2.0' without a namespace" },
	{ "<xliff version=\"3.0\" xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" srcLang=\"en\"/>",
	  "t.xlf:1: XLIFF version '3.0' in the XLIFF 2 namespace (tmkit reads 1.0 to 1.2 and 2.0 to 2.2)" },
	{ "<xliff version=\"2.0\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\"/>",
	  "t.xlf:1: XLIFF version '2.0' in the XLIFF 1 namespace" },
	{ X12 "<trans-unit id=\"1\"><source>Hi</source>", "t.xlf:3: the file ends inside <trans-unit>: it is cut off" },
	{ X12 "<trans-unit id=\"1\"><source>Hi</source><target>Hallo", "t.xlf:3: the file ends inside <target>" },
	{ "<?xml version=\"1.0\"?>\n<!DOCTYPE xliff [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;\">]>\n"
	  "<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\"/>",
	  "t.xlf:2: entity declaration 'a' refused" },
	{ "<?xml version=\"1.0\"?>\n<!DOCTYPE xliff [\n<!ENTITY ext SYSTEM \"file:///etc/passwd\">]>\n"
	  "<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\"><file/></xliff>",
	  "t.xlf:3: entity declaration 'ext' refused" },
	{ "<?xml version=\"1.0\"?>\n<!DOCTYPE xliff SYSTEM \"http://example.com/x.dtd\">\n"
	  "<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\"><file original=\"o\" "
	  "source-language=\"en\" datatype=\"x\"><body>\n<trans-unit id=\"1\"><source>&ext;</source></trans-unit>" E12,
	  "reference to the undeclared entity 'ext' refused" },
	{ "<?xml version=\"1.0\"?>\n<!DOCTYPE xliff SYSTEM \"x.dtd\">\n"
	  "<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\"><file original=\"&amp;&lt;&#38;&ext;\" "
	  "source-language=\"en\" datatype=\"x\"><body/></file></xliff>", "t.xlf:3: reference to the undeclared entity 'ext' refused" },
	{ X12 "<trans-unit id=\"1\"><source>a <b>bold</b></source></trans-unit>" E12,
	  "t.xlf:3: <b> is not allowed inside <source>" },
	{ X12 "<trans-unit id=\"1\"><source>a <h:b xmlns:h=\"urn:h\">x</h:b></source></trans-unit>" E12,
	  "t.xlf:3: <b> (namespace 'urn:h') is not allowed inside <source>" },
	{ X20 "<unit id=\"1\"><segment><source>a <g id=\"1\">x</g></source></segment></unit>" E20,
	  "t.xlf:3: <g> is not allowed inside <source>" },
	{ X12 "<trans-unit id=\"1\"><target>Hallo</target></trans-unit>" E12,
	  "t.xlf:3: a <source> must come before the <target> in <trans-unit id=\"1\">" },
	{ X12 "<trans-unit id=\"1\"><note>n</note></trans-unit>" E12, "t.xlf:3: <trans-unit id=\"1\"> has no <source>" },
	{ X12 "<source>a</source>" E12, "t.xlf:3: <source> inside <body> is out of place" },
	{ X20 "<unit id=\"u\"><segment><target>x</target></segment></unit>" E20,
	  "a <source> must come before the <target> in <segment> of <unit id=\"u\">" },
	{ X20 "<unit id=\"u\"><segment></segment></unit>" E20, "t.xlf:3: <segment> without <source> in <unit id=\"u\">" },
	{ "<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n<file original=\"o\" datatype=\"x\"/></xliff>",
	  "t.xlf:2: <file> without source-language" },
	{ "<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n"
	  "<file original=\"o\" source-language=\"e n\" datatype=\"x\"/></xliff>",
	  "t.xlf:2: source-language: 'e n' is not a language tag" },
	{ "<xliff version=\"2.0\" xmlns=\"urn:oasis:names:tc:xliff:document:2.0\"/>", "t.xlf:1: <xliff> without srcLang" },
	{ X12 "<trans-unit id=\"1\"><source>a</source><seg-source><mrk mtype=\"seg\" mid=\"1\">a</mrk></seg-source>"
	  "<target><mrk mtype=\"seg\" mid=\"2\">b</mrk></target></trans-unit>" E12,
	  "t.xlf:3: <mrk mtype=\"seg\" mid=\"2\"> in <target> has no segment of that mid in <seg-source>" },
	{ X20 "<unit id=\"1\"><segment><source>a<cp hex=\"D800\"/></source></segment></unit>" E20,
	  "t.xlf:3: <cp hex=\"D800\"> is no code point" },
	{ "<?xml version=\"1.0\" encoding=\"latin1\"?><xliff version=\"1.2\"><file>\xc3\xa4</file></xliff>",
	  "declares encoding \"latin1\", but its bytes are UTF-8" },
	{ NULL, "t.xlf:3: elements nested more than 1024 deep" },      /* made by bad_input */
	{ X12 "<trans-unit id=\"1\"><source>a</source><seg-source><mrk mtype=\"seg\" mid=\"1\">a<mrk mtype=\"seg\" "
	  "mid=\"2\">b</mrk></mrk></seg-source></trans-unit>" E12, "t.xlf:3: <mrk mtype=\"seg\"> inside another segment" },
	{ "<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\"/><xliff/>",
	  "t.xlf:1:69: not well-formed XML: junk after document element" },
};

START_TEST(bad_input)
{
	tmk_buf deep = TMK_BUF_INIT;

	if (!bad[_i].in) {
		tmk_buf_puts(&deep, X12 "<trans-unit id=\"1\"><source>");
		for (int i = 0; i < 1100; i++)
			tmk_buf_puts(&deep, "<g id=\"1\">");
		tmk_buf_puts(&deep, "</source></trans-unit>" E12);
	}
	ck_assert_int_eq(read_text(bad[_i].in ? bad[_i].in : deep.ptr, dump), TMK_EINPUT);
	tmk_buf_release(&deep);
	ck_assert_msg(strstr(msg, bad[_i].msg) == msg || (strstr(msg, bad[_i].msg) && bad[_i].msg[0] != 't'),
		      "'%s' lacks '%s'", msg, bad[_i].msg);
}
END_TEST

START_TEST(missing_file)
{
	ck_assert_int_eq(read_path("/nonexistent/job.xlf", dump), TMK_EIO);
	ck_assert_ptr_nonnull(strstr(tmk_error_last(), "cannot open '/nonexistent/job.xlf'"));
}
END_TEST

/* A callback's error stops the reader and is returned. */
static int refuse(void *ud, const tmk_xliff_unit *u)
{
	(void)ud; (void)u;
	return tmk_error_set(TMK_EINVAL, "refused");
}

START_TEST(callback_error)
{
	ck_assert_int_eq(read_path(DATA "job12.xlf", refuse), TMK_EINVAL);
	ck_assert_str_eq(tmk_error_last(), "refused");
}
END_TEST

/* UTF-16 input: texts in UTF-8, offsets in the file's bytes. */
START_TEST(utf16)
{
	static const char xml[] = X12 "<trans-unit id=\"1\"><source>Tür</source><target>door</target></trans-unit>" E12;
	char path[] = "/tmp/tmkit-xliff16-XXXXXX";
	unsigned char buf[2048];
	size_t n = 0, len;
	int fd = mkstemp(path);

	buf[n++] = 0xFF;
	buf[n++] = 0xFE;
	for (size_t i = 0; xml[i]; i++) {
		if ((unsigned char)xml[i] == 0xC3) {   /* ü: one UTF-16 unit */
			unsigned c = ((xml[i] & 0x1F) << 6) | (xml[i + 1] & 0x3F);
			buf[n++] = (unsigned char)c;
			buf[n++] = 0;
			i++;
			continue;
		}
		buf[n++] = (unsigned char)xml[i];
		buf[n++] = 0;
	}
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, buf, n), (ssize_t)n);
	close(fd);
	want_unit = 1;
	ck_assert_int_eq(read_path(path, keep), 0);
	unlink(path);
	ck_assert_str_eq(got.ptr, "1 translated Tür => door\n");
	len = (size_t)(strstr(xml, "<source>") - xml);
	ck_assert_uint_eq(seg_copy[0].source.element.start, 2 + 2 * len);
	(void)len;
}
END_TEST

static Suite *xliff_suite(void)
{
	Suite *s = suite_create("xliff");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, v12_job);
	tcase_add_test(tc, sdl_job);
	tcase_add_test(tc, sdl_locked);
	tcase_add_test(tc, mq_job);
	tcase_add_test(tc, v20_job);
	tcase_add_test(tc, v20_states);
	tcase_add_loop_test(tc, v12_states, 0, sizeof(states12) / sizeof(states12[0]));
	tcase_add_loop_test(tc, sdl_states, 0, sizeof(states_sdl) / sizeof(states_sdl[0]));
	tcase_add_loop_test(tc, mq_states, 0, sizeof(states_mq) / sizeof(states_mq[0]));
	tcase_add_test(tc, v12_seg_source);
	tcase_add_test(tc, v12_files);
	tcase_add_test(tc, codes_same_plain);
	tcase_add_test(tc, codes_target_numbers);
	tcase_add_test(tc, codes_list);
	tcase_add_test(tc, codes_display);
	tcase_add_test(tc, codes_reserved);
	tcase_add_test(tc, codes_too_many);
	tcase_add_test(tc, languages);
	tcase_add_loop_test(tc, offsets, 0, sizeof(span_files) / sizeof(span_files[0]));
	tcase_add_test(tc, offsets_places);
	tcase_add_test(tc, sink_states);
	tcase_add_test(tc, sink_keep_empty);
	tcase_add_loop_test(tc, bad_input, 0, sizeof(bad) / sizeof(bad[0]));
	tcase_add_test(tc, missing_file);
	tcase_add_test(tc, callback_error);
	tcase_add_test(tc, utf16);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(xliff_suite)
