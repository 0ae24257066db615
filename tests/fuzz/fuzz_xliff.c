/*
 * fuzz_xliff.c - libFuzzer target: arbitrary bytes as an XLIFF job (1.2,
 * 2.x, SDLXLIFF, MQXLIFF), through the reader's own API, the reader as an
 * import format, and pretranslate against a small TM made once.
 *
 * What must hold (else abort, which libFuzzer reports with the input):
 *  - tmk_xliff_read() returns 0 or an error with a message naming the
 *    file; every segment's texts are UTF-8 without NUL, every span lies
 *    in the file, every placeholder names one of the segment's codes;
 *  - tmk_read_xliff() (the import path) gives the same verdict, and its
 *    units have both texts (UTF-8) and language tags;
 *  - tmk_pretranslate() leaves nothing behind on error (no output, no
 *    temporary), and on success writes a copy that reads again with the
 *    same number of units and segments and the same sources.
 * The sanitizers (ASan, UBSan) catch the rest.  tools/fuzz builds and
 * runs it; the deterministic counterpart inside tools/test is
 * tests/unit/test_malformed.c.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "error.h"
#include "formats/reader.h"
#include "formats/xliff.h"
#include "import.h"
#include "pretranslate.h"
#include "tm.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The TM: a few translated segments in the language pairs of the seeds. */
static const char tm_xliff[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n"
	"<file original=\"a\" source-language=\"en-US\" target-language=\"de-DE\" datatype=\"plaintext\"><body>\n"
	"<trans-unit id=\"1\"><source>Open the file.</source><target>Öffnen Sie die Datei.</target></trans-unit>\n"
	"<trans-unit id=\"2\"><source>Click <g id=\"1\">Save</g> to keep <x id=\"2\"/> changes.</source>"
	"<target>Klicken Sie auf <g id=\"1\">Speichern</g>, um <x id=\"2\"/> zu behalten.</target></trans-unit>\n"
	"<trans-unit id=\"3\"><source>Print the page.</source><target>Drucken Sie die Seite.</target></trans-unit>\n"
	"</body></file>\n"
	"<file original=\"b\" source-language=\"en\" target-language=\"de\" datatype=\"plaintext\"><body>\n"
	"<trans-unit id=\"1\"><source>The file was saved.</source><target>Die Datei wurde gespeichert.</target>"
	"</trans-unit>\n"
	"<trans-unit id=\"2\"><source>Close the window.</source><target>Schließen Sie das Fenster.</target>"
	"</trans-unit>\n"
	"</body></file>\n"
	"<file original=\"c\" source-language=\"de\" target-language=\"en\" datatype=\"plaintext\"><body>\n"
	"<trans-unit id=\"1\"><source>Die Datei wurde gelöscht.</source><target>The file was deleted.</target>"
	"</trans-unit>\n"
	"</body></file>\n"
	"</xliff>\n";

static char dir[64], job[96], out[96];
static tmk_tm *tm;

/* Write LEN bytes to PATH, or abort. */
static void put_file(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	if (!f || fwrite(data, 1, len, f) != len || fclose(f) != 0)
		abort();
}

/* The folder, the TM, once. */
static void init(void)
{
	tmk_import_opts io = { .format = TMK_FMT_XLIFF, .all_states = 1 };
	tmk_import_report rep;
	char tmx[96];

	snprintf(dir, sizeof(dir), "/tmp/tmkit-fuzz-xliff-%d", (int)getpid());
	snprintf(job, sizeof(job), "%s/job.xlf", dir);
	snprintf(out, sizeof(out), "%s/out.xlf", dir);
	snprintf(tmx, sizeof(tmx), "%s/tm.xlf", dir);
	if (mkdir(dir, 0700) != 0 || tmk_tm_open(&tm, ":memory:", 0) < 0)
		abort();
	put_file(tmx, tm_xliff, sizeof(tm_xliff) - 1);
	if (tmk_import_file(tm, &rep, tmx, &io) < 0)
		abort();
	tmk_import_report_release(&rep);
	unlink(tmx);
}

static int clean(const char *s, size_t len)
{
	size_t bad;

	return (!len || s) && tmk_utf8_valid(s, len, &bad) && !memchr(s, 0, len);
}

typedef struct {
	size_t size;
	size_t units, segs;
	tmk_buf sources;
} check;

static void span_ok(tmk_xliff_span s, size_t size)
{
	if (s.end && (s.start > s.end || s.end > size))
		abort();
}

static void text_ok(const tmk_xliff_text *t, size_t size, size_t ncodes)
{
	if (!clean(t->text, t->len) || !clean(t->markup, t->markup_len) || (t->tmx && !clean(t->tmx, t->tmx_len)))
		abort();
	if (!t->element.end || t->content.start < t->element.start || t->content.end > t->element.end)
		abort();
	span_ok(t->element, size);
	span_ok(t->content, size);
	for (size_t i = 0; !t->reserved && i < t->len;) {
		int32_t c = tmk_utf8_next(t->text, t->len, &i);
		if (tmk_xliff_is_code(c) && (size_t)(c - TMK_XLIFF_CODE_BASE) >= ncodes)
			abort();
	}
}

static int on_unit(void *ud, const tmk_xliff_unit *u)
{
	check *c = ud;

	if (!u->file || !u->file->src_lang[0] || !u->id || !clean(u->id, strlen(u->id)))
		abort();
	span_ok(u->start_tag, c->size);
	span_ok(u->end_tag, c->size);
	for (size_t i = 0; i < u->nsegs; i++) {
		const tmk_xliff_segment *s = &u->segs[i];
		if (!s->key || s->nsource_codes > s->ncodes || s->target_at > c->size)
			abort();
		text_ok(&s->source, c->size, s->nsource_codes);
		if (s->has_target)
			text_ok(&s->target, c->size, s->ncodes);
		for (size_t k = 0; k < s->ncodes; k++)
			if (!s->codes[k].name || !s->codes[k].id || s->codes[k].partner >= (int)s->ncodes ||
			    !clean(s->codes[k].markup, s->codes[k].markup_len))
				abort();
		tmk_buf_put(&c->sources, s->source.text, s->source.len);
		tmk_buf_putc(&c->sources, '\n');
		c->segs++;
	}
	c->units++;
	return 0;
}

/* Read PATH (SIZE bytes) into C; the result code. */
static int read_job(check *c, const char *path, size_t size)
{
	tmk_xliff_reader r = { on_unit, NULL, c, "" };
	int rc;

	c->size = size;
	tmk_error_clear();
	rc = tmk_xliff_read(&r, path);
	if (rc < 0 && (!strstr(tmk_error_last(), path) || rc != TMK_EINPUT))
		abort();
	return rc;
}

static int sink_unit(tmk_sink *s, const tmk_unit_in *u)
{
	(void)s;
	if (!u->src_lang[0] || !u->tgt_lang[0] || !u->source_len || !u->target_len ||
	    !clean(u->source, u->source_len) || !clean(u->target, u->target_len))
		abort();
	return 0;
}

static int sink_skip(tmk_sink *s, long line, const char *reason)
{
	(void)s;
	if (line < 1 || !reason[0] || !clean(reason, strlen(reason)))
		abort();
	return 0;
}

/* What the folder holds besides the job: 0 nothing, 1 only out.xlf, 2 more. */
static int leftovers(void)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0, other = 0;

	if (!d)
		abort();
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") && strcmp(e->d_name, "job.xlf")) {
			n++;
			other |= strcmp(e->d_name, "out.xlf") != 0;
		}
	closedir(d);
	return other || n > 1 ? 2 : n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	tmk_sink sink = { sink_unit, sink_skip, NULL, "", NULL, 0 };
	tmk_pretranslate_opts o = { 0 };
	tmk_pretranslate_report rep;
	check a = { 0 }, b = { 0 };
	int rc, rc2;

	if (!tm)
		init();
	put_file(job, data, size);
	rc = read_job(&a, job, size);
	rc2 = tmk_read_xliff(&sink, job, (int)(size & 1));
	if (rc2 != rc)
		abort();
	o.fuzzy = 1;
	o.overwrite = (int)(size & 2) != 0;
	tmk_error_clear();
	rc2 = tmk_pretranslate(tm, &rep, job, out, &o);
	if (rc2 < 0) {
		if (!tmk_error_last()[0] || leftovers() != 0)
			abort();
	} else {
		struct stat sb;
		if (rc < 0 || leftovers() != 1 || stat(out, &sb) != 0 ||
		    read_job(&b, out, (size_t)sb.st_size) != 0 || a.units != b.units || a.segs != b.segs ||
		    a.sources.len != b.sources.len || (a.sources.len && memcmp(a.sources.ptr, b.sources.ptr,
										 a.sources.len)))
			abort();
		unlink(out);
	}
	tmk_buf_release(&a.sources);
	tmk_buf_release(&b.sources);
	return 0;
}
