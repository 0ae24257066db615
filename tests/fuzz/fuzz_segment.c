/*
 * fuzz_segment.c - libFuzzer target: arbitrary bytes through the text
 * reader (validation, BOM, NFC), paragraph splitting and segmentation in
 * both languages.  Run it with tools/fuzz.  Invariants checked beyond "no
 * crash": sentences lie inside the text, in order, and mapped offsets stay
 * inside the input.
 */
#include <stdint.h>
#include <stdlib.h>

#include "error.h"
#include "segment.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static tmk_segmenter *seg[2];
	tmk_text *t;
	tmk_sentence *v;
	size_t n;

	if (!seg[0] && (tmk_segmenter_new(&seg[0], "de", 0) < 0 ||
			tmk_segmenter_new(&seg[1], "en", 0) < 0))
		abort();
	if (tmk_text_from_bytes(&t, "fuzz", (const char *)data, size) < 0)
		return 0;       /* rejected input is fine: it had a message */
	for (int k = 0; k < 2; k++) {
		size_t prev = 0;

		if (tmk_segment(seg[k], t->data, t->len, &v, &n) < 0)
			abort();
		for (size_t i = 0; i < n; i++) {
			if (v[i].start < prev || v[i].end <= v[i].start || v[i].end > t->len)
				abort();
			if (tmk_text_input_offset(t, v[i].end) > size)
				abort();
			prev = v[i].end;
		}
		free(v);
	}
	tmk_text_free(t);
	return 0;
}
