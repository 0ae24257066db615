/*
 * fuzz_ding.c - libFuzzer target: arbitrary bytes as a Ding dictionary
 * (lines "German :: English", senses " | ", synonyms "; ", annotations in
 * brackets) indexed and looked up: a few fixed words, and the input's own
 * first word.  Run it with tools/fuzz.  Invariant beyond "no crash": every
 * sense found has both sides.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ding.h"
#include "error.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const words[] = { "Wort", "Verfassungsschutzbericht", "to do", "des Hauses", "BfV" };
	tmk_text *t;
	tmk_ding *d;

	if (tmk_text_from_bytes(&t, "fuzz", (const char *)data, size) < 0)
		return 0;
	if (tmk_ding_parse(&d, t->data, t->len) == 0) {
		for (size_t w = 0; w <= sizeof(words) / sizeof(words[0]); w++) {
			const char *q = w < 5 ? words[w] : t->data;
			size_t ql = w < 5 ? strlen(q) : strcspn(t->data, " \n:|;");
			tmk_ding_sense *s;
			size_t n;
			if (ql == 0 || tmk_ding_lookup(d, &s, &n, NULL, q, ql, 5) < 0)
				continue;
			for (size_t i = 0; i < n; i++)
				if (!s[i].de || !s[i].en || !s[i].matched)
					abort();
			tmk_ding_senses_free(s, n);
		}
		tmk_ding_free(d);
	}
	tmk_text_free(t);
	return 0;
}
