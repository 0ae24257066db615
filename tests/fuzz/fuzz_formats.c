/*
 * fuzz_formats.c - libFuzzer target: arbitrary bytes through every import
 * reader (TSV, CSV, PO, MO from memory; TMX from a temporary file).  A
 * reader must return 0 or an error with a message, never crash or read
 * out of bounds; a unit it yields must have both texts.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "formats/reader.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int on_unit(tmk_sink *s, const tmk_unit_in *u)
{
	size_t bad;

	(void)s;
	if (!u->source_len || !u->target_len || !u->src_lang || !u->tgt_lang ||
	    !tmk_utf8_valid(u->source, u->source_len, &bad) ||
	    !tmk_utf8_valid(u->target, u->target_len, &bad))
		abort();
	return 0;
}

static int on_skip(tmk_sink *s, long line, const char *reason)
{
	(void)s;
	if (line < 0 || !reason[0])
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[64];
	tmk_sink sink = { on_unit, on_skip, NULL, "", NULL, 0 };
	tmk_delim_opts o = { NULL, NULL, 0, 0 };
	const char *s = (const char *)data;
	size_t bad;
	FILE *f;

	/* the text readers get what tmk_text would let through: valid UTF-8 */
	if (tmk_utf8_valid(s, size, &bad) && !memchr(s, 0, size)) {
		if (tmk_read_tsv(&sink, "f", s, size, &o) < 0 && !*tmk_error_last())
			abort();
		if (tmk_read_csv(&sink, "f", s, size, &o) < 0 && !*tmk_error_last())
			abort();
		if (tmk_read_po(&sink, "f", s, size) < 0 && !*tmk_error_last())
			abort();
	}
	tmk_error_clear();
	if (tmk_read_mo(&sink, "f", s, size) < 0 && !*tmk_error_last())
		abort();
	if (!path[0])
		snprintf(path, sizeof(path), "/tmp/tmkit-fuzz-%ld.tmx", (long)getpid());
	f = fopen(path, "wb");
	if (!f)
		abort();
	fwrite(data, 1, size, f);
	fclose(f);
	tmk_error_clear();
	if (tmk_read_tmx(&sink, path) < 0 && !*tmk_error_last())
		abort();
	return 0;
}
